"""Predicted quotes and attributions (being written; the quote-marks baseline stands in)."""

from __future__ import annotations

from ...records import Attribution, Quote
from .base import Context, Scope, make, span


def find(ctx: Context) -> tuple[list[Quote], list[Attribution]]:
    from ..baseline import predict_attributions

    quotes, links = [], []
    for k, a in enumerate(predict_attributions(ctx.text), 1):
        (s, e), = a["content"]
        quotes.append(make(Quote, "direct_quote", 0.5, start=s, end=e, text=ctx.text[s:e], id=f"q{k}", type="direct"))
        src = a["source"] and span(ctx.text, *a["source"][0])
        cue = a["cue"] and span(ctx.text, *a["cue"][0])
        links.append(make(Attribution, "direct_quote", 0.5, id=f"a{k}", quote_id=f"q{k}", act="assertion",
                          cue=cue, source=src, speaker_id=None, speaker_role="other" if src else None))
        ctx.scopes.append(Scope(s, e, f"a{k}"))
    return quotes, links
