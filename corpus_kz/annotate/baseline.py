"""A quote-marks baseline for attribution extraction: what the pre-annotator must beat.

The kind of baseline attribution work compares against ("a quote-marks regex", about 0.39 F1 on
news attribution data, where most attributions carry no quotation marks). It is transparent and
learns nothing; the word lists below were written once, by hand, and not tuned on the gold or on
any evaluation corpus.

* **Content**: every stretch of a line between a pair of quotation marks: straight double
  (``"…"``), curly double (``“…”``), guillemets (``«…»``) and curly single (``‘…’``, the closing
  mark not followed by a letter, so that "don’t" stays inside). A curly double quote or guillemet
  left open runs to the end of its line (a quotation continued in the next paragraph). The span is
  what lies between the marks, trimmed of white space. Every such quote is ``direct``, scare
  quotes and titles included: the baseline cannot tell them apart.
* **Cue**: the nearest speech verb of :data:`SPEECH_VERBS` on the same line, outside every quote,
  at most :data:`CUE_WINDOW` characters before or after the quote; none, and the quote has no cue
  and no source.
* **Source**: the nearest pronoun (he, she, they, we, I) or run of capitalised words on the same
  line, outside every quote, at most :data:`SOURCE_WINDOW` characters from the cue, without a
  leading function word ("But Clinton" → "Clinton") or a trailing possessive.

:func:`predict_attributions` returns the attributions in the brat reader's shape
(:func:`corpus_kz.scoring.brat_attributions.score_brat`); :func:`predict_document` (the signature of
``corpus_kz.annotate``) and :func:`to_document` make a :class:`~corpus_kz.Document` with the quotes
and attributions layers, for :func:`corpus_kz.scoring.evaluate.score`; :func:`build` is the builder
:func:`corpus_kz.scoring.evaluate.leave_one_out` calls (it ignores its training documents). The
baseline resolves no speaker to the registry: a source it finds has ``speaker_role`` ``other``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..build import DocumentData, build_document
from ..document import file_entry
from ..errors import CorpusError
from ..records import Attribution, Quote
from ..registry import Registry
from ..span import Span
from .base import make, record_id

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["SPEECH_VERBS", "CUE_WINDOW", "SOURCE_WINDOW", "predict_attributions", "to_document",
           "predict_document", "build"]

#: Reporting verbs of English news, every form; written by hand, not read off any corpus.
SPEECH_VERBS: tuple[str, ...] = (
    "say", "says", "said", "saying", "tell", "tells", "told", "add", "adds", "added", "state", "states", "stated",
    "note", "notes", "noted", "claim", "claims", "claimed", "ask", "asks", "asked", "explain", "explains",
    "explained", "write", "writes", "wrote", "insist", "insists", "insisted", "argue", "argues", "argued", "warn",
    "warns", "warned", "declare", "declares", "declared", "announce", "announces", "announced", "reply", "replies",
    "replied", "respond", "responds", "responded", "tweet", "tweets", "tweeted", "according to",
)

#: Its records' origin is ``predicted:quote_marks_baseline``, with one confidence for all: it cannot tell.
RULE, CONFIDENCE = "quote_marks_baseline", 0.5

#: How far (characters, same line) a cue may be from its quote, and a source from its cue.
CUE_WINDOW = 80
SOURCE_WINDOW = 50

_QUOTE = re.compile(
    r'"([^"\n]+)"'                       # straight double quotes, paired left to right on a line
    r'|“([^“”\n]+)(?:”|(?=\n|$))'        # curly double quotes; left open, to the end of the line
    r'|«([^«»\n]+)(?:»|(?=\n|$))'        # guillemets; likewise
    r'|(?<!\w)‘([^\n]+?)’(?!\w)',        # curly single quotes; ’ inside a word is an apostrophe
    re.MULTILINE)
_VERB = re.compile(r"\b(?:" + "|".join(sorted((re.escape(v).replace(r"\ ", r"\s+") for v in SPEECH_VERBS),
                                              key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b"
_WORD = r"[A-Z](?:[\w’'&-]|\.(?=\w))*"  # a dot only inside a word (U.S), so a run stops at a sentence's end
_NAME = rf"\b{_WORD}(?:[ \t]+{_WORD})*"
_CANDIDATE = re.compile(f"{_PRONOUN}|{_NAME}")
#: Capitalised words that start sentences rather than names; dropped from the front of a run.
_FUNCTION_WORDS = frozenset(
    "The A An And But Or Nor So Yet For In On At As By To Of With From Into About After Before When While If "
    "Then There Here This That These Those It Its Their His Her Our My Your However Also Still Even Now "
    "According Meanwhile Although Though Because Since Until Later Earlier".split())
_POSSESSIVE = re.compile(r"['’]s?$")


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _quotes(text: str) -> list[tuple[int, int, int, int]]:
    """Each quote as (content start, content end, match start, match end), the content trimmed."""
    out = []
    for m in _QUOTE.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i) is not None)
        s, e = m.start(g), m.end(g)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e, m.start(), m.end()))
    return out


def _outside(s: int, e: int, quoted: list[tuple[int, int, int, int]]) -> bool:
    return not any(s < qe and qs < e for _, _, qs, qe in quoted)


def _gap(s: int, e: int, start: int, end: int) -> int:
    """Characters between [s, e) and [start, end) (0 when they touch)."""
    return start - e if e <= start else s - end


def _source(text: str, cue: tuple[int, int], lo: int, hi: int, quoted) -> tuple[int, int] | None:
    best = None
    for m in _CANDIDATE.finditer(text, max(lo, cue[0] - SOURCE_WINDOW), min(hi, cue[1] + SOURCE_WINDOW)):
        words = [w for w in re.finditer(r"\S+", m.group())]
        while words and words[0].group() in _FUNCTION_WORDS:
            words.pop(0)
        if not words:
            continue
        s, e = m.start() + words[0].start(), m.start() + words[-1].end()
        tail = _POSSESSIVE.search(text, s, e)
        if tail and tail.start() > s:
            e = tail.start()
        e = s + len(text[s:e].rstrip(".,;:"))
        if e <= s or not _outside(s, e, quoted) or (s < cue[1] and cue[0] < e):
            continue
        gap = _gap(s, e, *cue)
        if gap > SOURCE_WINDOW:
            continue
        rank = (gap, e > cue[0])  # nearest; on a tie, the one before the cue (the subject)
        if best is None or rank < best[0]:
            best = (rank, (s, e))
    return None if best is None else best[1]


def predict_attributions(text: str) -> list[dict]:
    """The quotes of a text with their cue and source, as ``{"content", "cue", "source", "type"}``.

    ``content``, ``cue`` and ``source`` are lists of one ``(start, end)`` fragment (cue and source
    may be None); ``type`` is always ``direct``.
    """
    quoted = _quotes(text)
    out = []
    for s, e, ms, me in quoted:
        lo, hi = _line_bounds(text, ms)
        cue = None
        for m in _VERB.finditer(text, max(lo, ms - CUE_WINDOW), min(hi, me + CUE_WINDOW)):
            if not _outside(m.start(), m.end(), quoted):
                continue
            gap = _gap(m.start(), m.end(), ms, me)
            if cue is None or gap < cue[0]:
                cue = (gap, (m.start(), m.end()))
        cue_span = cue[1] if cue is not None else None
        source = _source(text, cue_span, lo, hi, quoted) if cue_span is not None else None
        out.append({"content": [(s, e)], "cue": cue_span and [cue_span], "source": source and [source],
                    "type": "direct"})
    return out


def to_document(text: str, meta: dict, attributions: list[dict]) -> Document:
    """A :class:`~corpus_kz.Document` with the quotes and attributions layers (and no other), for scoring.

    ``meta`` holds the document's metadata (:meth:`corpus_kz.Document.metadata`);
    ``attributions`` are in :func:`predict_attributions`' shape, one fragment per part. Quotes are
    ``q1``, ``q2``, … in order; each attribution's act is ``assertion``; an unresolved source has
    ``speaker_role`` ``other``; every record's origin is ``predicted:quote_marks_baseline``.
    """

    def span(part):
        if not part:
            return None
        (s, e), = part
        return Span(s, e, text[s:e])

    quotes, links = [], []
    for k, a in enumerate(attributions, 1):
        (s, e), = a["content"]
        quotes.append(make(Quote, RULE, CONFIDENCE, start=s, end=e, text=text[s:e], id=record_id("quotes", k),
                           type=a.get("type", "direct")))
        source = span(a.get("source"))
        links.append(make(Attribution, RULE, CONFIDENCE, id=record_id("attributions", k),
                          quote_id=record_id("quotes", k), act="assertion",
                          cue=span(a.get("cue")), source=source, speaker_id=None,
                          speaker_role="other" if source else None))
    problems: list = []
    parts = DocumentData(file_entry(meta), text, {"quotes": quotes, "attributions": links},
                         origin="corpus_kz.annotate.baseline")
    doc = build_document(parts, Registry(), problems, rules=False, meta=dict(meta))
    if problems:  # the baseline made a record the checks refuse: a bug, reported in full
        raise CorpusError(problems)
    return doc


def predict_document(text: str, meta: dict) -> Document:
    """The baseline as a pre-annotator: ``predict_document(text, meta)``, like ``corpus_kz.annotate``."""
    return to_document(text, meta, predict_attributions(text))


def build(training) -> callable:
    """The builder :func:`corpus_kz.scoring.evaluate.leave_one_out` calls; the baseline learns nothing from ``training``."""
    return predict_document
