"""The page as the mention rules read it: where nothing may be marked, title-case lines, sentence starts.

:class:`Page` knows the ranges no mention may touch: boilerplate
(:meth:`corpus_kz.annotate.base.Context.touches_boilerplate`), and what this module recognises itself:
furniture lines (:func:`corpus_kz.annotate.furniture.looks_like_furniture`), links and handles,
everything after the article's credit line, the quoted title of a work. It also knows the lines in title
case (where capitals say nothing), where a sentence starts, and which words the text also writes in
lowercase.
"""

from __future__ import annotations

import bisect
import re

from .. import furniture
from ..base import Context, Ranges
from .scan import prev_word

__all__ = ["Page"]

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|\(@\w+\)|(?<!\w)@ ?\w+")
# The line that ends the article: its credit line, or the end-of-article furniture.
_ARTICLE_END = re.compile(r"^\W*(?:written by|reporting by|compiled by|by [a-z]+\s*$|source link\b|editor['’]s note|"
                          r"leave a reply)", re.I)
# A credit line reads like a headline but is not one ("Written by Anna Petrova in Almaty").
_CREDIT = re.compile(r"\W*(?:(?:written|reported|reporting|compiled|edited|produced|photos?|text|words)\s+by|by)\s+[A-Z]",
                     re.I)
# The quoted title of a work: its names are not marked (codebook §7: «On the Assembly of Peoples of Kazakhstan»).
_WORKS = frozenset("law project programme program book film movie report documentary campaign initiative decree bill "
                   "resolution strategy song novel article play series show doctrine concept code".split())
_QUOTED = re.compile(r"[\"“«‘]([^\"”»’\n]{3,300})[\"”»’]")
_LINE = re.compile(r"[^\n]+")
# What may stand between a sentence's end (or a line break, an opening quotation mark or bracket) and
# the sentence's first word.
_LEADING = frozenset(" \t\r\u00a0\"“‘«([—–-")
_OPENING = frozenset("\"“‘«[")
_CLOSING = frozenset("\"”’»)]")
# A wire story's dateline up to its dash: "OSH, Kyrgyzstan (AP)", "LIMA, March 3", "GENEVA".
# "Bishkek, March 3 (Wire)" too: in mixed case, the agency in brackets says it is a dateline.
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,[^\n—–,]{1,30}){0,2}(?:\s*\([^()\n]{1,30}\))?"
                       r"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}(?:,[^\n—–,()]{1,30}){0,2}\s*\([^()\n]{1,30}\))\s*")


# A US politician's party and state after the name ("Rita Moss, R-Ore.,", "Rita Moss (D-Ore.)"): no name of its own.
_PARTY_STATE = re.compile(r"(?<=, )[RDI]-[A-Z][A-Za-z.]{1,10}(?=,)|(?<=\()[RDI]-[A-Z][A-Za-z.]{1,10}(?=\))")


class Page:
    """Where a rule may mark and how it should read capitals: excluded ranges, title-case lines, sentence starts."""

    def __init__(self, ctx: Context):
        text = self.text = ctx.text
        excluded: list[tuple[int, int]] = []
        titlecase: list[tuple[int, int]] = []
        ended = False
        for m in _LINE.finditer(text):
            line = m.group()
            if len(line) <= 200 and _title_case(line) and not _CREDIT.match(line):  # headlines are short
                titlecase.append(m.span())
            if "@" in line or "http" in line or "www." in line:
                excluded += [u.span() for u in _URL.finditer(text, m.start(), m.end())]
            end = _ARTICLE_END.match(line) is not None
            if ended and not end:
                excluded.append(m.span())
                continue
            if furniture.looks_like_furniture(line):
                excluded.append(m.span())
            ended = ended or end
        excluded += [m.span() for m in _PARTY_STATE.finditer(text)]
        for m in _QUOTED.finditer(text):
            if prev_word(text, m.start())[1].lower() in _WORKS or _title_case(m.group(1), strict=True):
                excluded.append(m.span(1))
        # The boilerplate the zones rule found, and what this module recognises itself.
        self._boilerplate = ctx.touches_boilerplate
        self._excluded = Ranges(excluded)
        self.titlecase = titlecase
        self._tc_starts = [s for s, _ in titlecase]
        self._lowercase: dict[str, bool] = {}

    def excluded(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with boilerplate or another range no mention may touch."""
        return self._boilerplate(start, end) or self._excluded.touches(start, end)

    def is_initial(self, pos: int) -> bool:
        """Whether the word at ``pos`` starts a sentence, a line, a quotation or a bracket."""
        t = self.text
        i = pos
        while i > 0 and t[i - 1] in _LEADING:
            i -= 1
        if i == 0 or t[i - 1] == "\n" or any(ch in _OPENING for ch in t[i:pos]):
            return True
        if any(ch in "—–-" for ch in t[i:pos]) and _DATELINE.fullmatch(t, t.rfind("\n", 0, i) + 1, i):
            return True  # "OSH, Kyrgyzstan (AP) — Traders closed …": the story's first word, after its dateline
        if i == pos:
            return False  # no space before: inside a word or after a mark
        while i > 0 and t[i - 1] in _CLOSING:
            i -= 1
        return i > 0 and t[i - 1] in ".!?"

    def in_titlecase(self, pos: int) -> bool:
        """Whether ``pos`` lies in a title-case line (a headline, a subheading), where capitals say nothing."""
        if not self.titlecase:
            return False
        i = bisect.bisect_right(self._tc_starts, pos) - 1
        return i >= 0 and self.titlecase[i][0] <= pos < self.titlecase[i][1]

    def lowercase_used(self, word: str) -> bool:
        """Whether the text writes ``word`` in lowercase as a word of its own (not inside a URL): then,
        capitalised, it is a common word at the start of a sentence, not a name."""
        w = word.lower()
        got = self._lowercase.get(w)
        if got is None:
            got = False
            text, n, i = self.text, len(w), self.text.find(w)
            while i >= 0:
                before = text[i - 1] if i else " "
                after = text[i + n] if i + n < len(text) else " "
                if not (before.isalnum() or before in "./@_" or after.isalnum() or after in "/@_"
                        or (after == "." and text[i + n + 1:i + n + 2].isalnum())):
                    got = True
                    break
                i = text.find(w, i + 1)
            self._lowercase[w] = got
        return got


def _title_case(line: str, strict: bool = False) -> bool:
    """A line whose long words are (nearly) all capitalised: a headline, a subheading, a title.

    ``strict`` (for a quoted title) counts every word but the small ones and allows no exception.
    """
    if not (line[:1].isupper() or line[:1] in "\"“‘'«([") or (not strict and line.rstrip().endswith(".")):
        return False  # a headline does not end with a full stop; a caption or a credit line does
    n = misses = 0
    allowed = 0 if strict else 1
    for w in line.split():
        if not w[:1].isalpha() or (len(w) < 4 and (not strict or w.lower() in _SMALL)):
            continue
        n += 1
        if not w[0].isupper():
            misses += 1
            if misses > allowed:
                return False
    if n < (2 if strict else 3):
        return False
    return misses == 0 or (not strict and n >= 6)


_SMALL = frozenset("a an the of and or in on at to for by with from as is are was be".split())
