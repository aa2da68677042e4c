"""A document as HTML: its text with the chosen layers highlighted, and what each span is on hover.

``Document._repr_html_`` uses :func:`document_html`, so a document shows
itself this way in a notebook; :func:`write_document_html` writes the same
view as a standalone file. Spans may overlap and nest: the text is cut at
every span boundary and each piece is marked with every layer that covers
it. Standard library only.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from . import vocab as V
from .records import Attribution
from .writing import write_text

if TYPE_CHECKING:
    from .document import Document

__all__ = ["LAYER_CHOICES", "DocumentView", "document_html", "write_document_html"]

#: What can be highlighted; attributions show their cue and source spans.
LAYER_CHOICES = ("zones", "mentions", "quotes", "attributions", "figures", "frames")
_DEFAULT = ("quotes", "attributions", "figures", "frames")

_CSS = """
.kz-doc{font:15px/1.55 Georgia,serif;white-space:pre-wrap;max-width:52em}
.kz-doc span[title]{cursor:help}
.kz-doc .kz-quotes{background:#fff3bf}
.kz-doc .kz-cue{font-weight:bold;text-decoration:underline}
.kz-doc .kz-source{font-variant:small-caps;border-bottom:2px solid #1c7ed6}
.kz-doc .kz-figures{outline:1px solid #e8590c;background:#ffe8cc}
.kz-doc .kz-mentions{border-bottom:1px dotted #495057}
.kz-doc .kz-zones{color:#868e96}
.kz-doc .kz-frame-domestic{box-shadow:inset 0 -4px #74c0fc}
.kz-doc .kz-frame-interethnic{box-shadow:inset 0 -4px #f03e3e}
.kz-doc .kz-frame-provocation{box-shadow:inset 0 -4px #ae3ec9}
.kz-doc .kz-frame-socioeconomic{box-shadow:inset 0 -4px #37b24d}
.kz-doc .kz-frame-governance{box-shadow:inset 0 -4px #f59f00}
.kz-doc .kz-frame-harmony{box-shadow:inset 0 -4px #20c997}
.kz-legend{font:13px sans-serif;margin:.5em 0}
.kz-legend span{margin-right:1em;padding:0 .3em}
"""


def _spans(doc: Document, layers: Iterable[str]) -> list[tuple[int, int, str, str]]:
    """Every highlighted span as (start, end, css classes, what it is)."""
    out = []
    for layer in layers:
        if layer not in LAYER_CHOICES:
            raise ValueError(f"unknown layer {layer!r}; expected some of {', '.join(LAYER_CHOICES)}")
        for r in getattr(doc, layer):
            if isinstance(r, Attribution):
                who = doc.speaker(r)
                if r.cue is not None:
                    out.append((r.cue.start, r.cue.end, "kz-cue", f"cue of {r.quote_id} ({r.act})"))
                if r.source is not None:
                    out.append((r.source.start, r.source.end, "kz-source",
                                f"source of {r.quote_id}: {who.name} ({who.role or 'no role'})"))
            elif layer == "quotes":
                a, who = doc.attribution(r), doc.speaker(r)
                cue = f", cue “{a.cue.text}”" if a.cue is not None else ""
                said = f"{who.name} ({who.role})" if who.name else "no source"
                out.append((r.start, r.end, "kz-quotes", f"{r.id} {r.type} {a.act}: {said}{cue}"))
            elif layer == "frames":
                holder = doc.agent(r.holder)
                aspect = f", {r.aspect.replace('_', ' ')}" if r.aspect else ""
                out.append((r.start, r.end, f"kz-frames kz-frame-{r.frame}",
                            f"{r.id} frame {r.frame} ({r.stance}{aspect}), held by {holder.name or 'no source'}"))
            elif layer == "figures":
                source = doc.agent(r.source)
                value = r.number if r.value is None else f"{r.value:g}"
                out.append((r.start, r.end, "kz-figures",
                            f"{r.id} {r.quantity}: {value} {r.unit} ({r.qualifier}), "
                            f"{r.event or 'no event'}, source {source.name or 'no source'}"))
            elif layer == "mentions":
                e = doc.registry.get(r.entity_id)
                out.append((r.start, r.end, "kz-mentions",
                            f"{r.id} {r.label} {e.name if e else r.entity_id} ({r.form})"))
            else:
                out.append((r.start, r.end, "kz-zones", f"{r.id} {r.zone}"))
    return out


def document_html(doc: Document, layers: Iterable[str] = _DEFAULT, legend: bool = True) -> str:
    """The text of ``doc`` as an HTML fragment with ``layers`` highlighted; hover a span to see what it is.

    Spans are half-open ``[start, end)``; the text between two consecutive
    span boundaries is one piece, marked with every span that covers it.
    """
    layers = tuple(layers)
    spans = _spans(doc, layers)
    text = doc.text
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[int]] = {}
    for k, (s, _, _, _) in enumerate(spans):
        starts.setdefault(s, []).append(k)
    active: set[int] = set()
    parts = []
    for left, right in zip(cuts, cuts[1:]):
        active = {k for k in active if spans[k][1] > left} | set(starts.get(left, ()))
        piece = html.escape(text[left:right])
        if active:
            ordered = sorted(active)
            classes = " ".join(dict.fromkeys(c for k in ordered for c in spans[k][2].split()))
            title = html.escape("\n".join(spans[k][3] for k in ordered), quote=True)
            piece = f'<span class="{classes}" title="{title}">{piece}</span>'
        parts.append(piece)
    head = ""
    if legend:
        shown = {"quotes": [("kz-quotes", "quote")], "attributions": [("kz-cue", "cue"), ("kz-source", "source")],
                 "figures": [("kz-figures", "figure")], "mentions": [("kz-mentions", "mention")],
                 "zones": [("kz-zones", "zone")],
                 "frames": [(f"kz-frame-{f}", f) for f in V.FRAMES]}
        keys = [key for layer in LAYER_CHOICES if layer in layers for key in shown[layer]]
        head = '<div class="kz-legend">' + "".join(f'<span class="{c}">{n}</span>' for c, n in keys) + "</div>"
        head = f'<div class="kz-doc" style="white-space:normal">{head}</div>'
    title = html.escape(f"{doc.doc_id} — {doc.outlet}, {doc.event}")
    return (f"<style>{_CSS}</style><div><b>{title}</b>{head}"
            f'<div class="kz-doc">{"".join(parts)}</div></div>')


def write_document_html(doc: Document, path: str | Path, layers: Iterable[str] = _DEFAULT,
                        force: bool = False) -> Path:
    """Write :func:`document_html` as a standalone HTML file (atomically); an existing file needs ``force``."""
    path = Path(path)
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists; pass force=True to replace it")
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(doc.doc_id)}'
            f"</title></head><body>{document_html(doc, layers)}</body></html>\n")
    write_text(path, page)
    return path


class DocumentView:
    """What :meth:`corpus_kz.Document.view` returns: an HTML view of one document with chosen layers."""

    __slots__ = ("document", "layers")

    def __init__(self, document: Document, layers: Iterable[str] = ()):
        self.document, self.layers = document, tuple(layers) or _DEFAULT
        _spans(document, self.layers)  # an unknown layer is refused now, not when the notebook renders

    def _repr_html_(self) -> str:
        return document_html(self.document, self.layers)

    def save(self, path: str | Path, force: bool = False) -> Path:
        """Write the view as a standalone HTML file; an existing file needs ``force``."""
        return write_document_html(self.document, path, self.layers, force)

    def __repr__(self) -> str:
        return f"<view of {self.document.doc_id}: {', '.join(self.layers)}>"
