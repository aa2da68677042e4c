"""One scan of the text: where the mention rules start from, and the word before a position.

:class:`Scan` finds, in one pass, the runs of capitalised words, the words a registry name may start
with, the numbers, and the words some rule starts from (units of time, titles, the heads of
descriptions, months and weekdays). Every rule works from those positions and looks around them
within a bounded reach (:func:`prev_word`), so that no rule's cost grows faster than the text.
"""

from __future__ import annotations

import re

from ..gazetteer import CAPITALS
from ..text import alternation
from .vocabulary import BODY_HEADS, CALENDAR_CAPS, FUNCTION, PERSON_HEADS, RELATIVE_WORDS, UNIT_WORDS

__all__ = ["CAPITAL", "FIRST_WORD", "Scan", "prev_word", "starts_word"]

# A capitalised word: "Kazakhstan", "U.S.", "T.Batyrshin", "O'Brien", "Zhomart-Tokayev", "RFE/RL" (a slash
# joins short parts only: "ZHANAOZEN/PRAGUE" is two). Every branch starts with a capital letter, so
# that the regular expression engine skips the text between capitals quickly. Capitals of any script:
# "Łódź", "Šiauliai", "İstanbul" (:data:`corpus_kz.annotate.gazetteer.CAPITALS`).
CAPITAL = f"[{CAPITALS}]"
_TOK = (rf"{CAPITAL}(?:\.{CAPITAL}\.)+|{CAPITAL}[^\W_]*(?:(?:\.(?={CAPITAL}[^\W_])|['’](?=[^\W_]{{2}})"
        rf"|[-+&](?=[{CAPITALS}0-9])|(?<![^\W\d_]{{5}})/(?={CAPITAL}))[^\W_]+)*")
_NUMBER = re.compile(r"[0-9]+")
FIRST_WORD = re.compile(r"[^\W_]+")
_SUBWORD = re.compile(rf"[-./'’+&]{CAPITAL}[^\W_]*")  # inside a token
_RUN = re.compile(rf"(?:{_TOK})(?:[ \u00a0]+(?:{_TOK}))*")
_NOT_SPACE = re.compile(r"[^ \u00a0]+")


class Scan:
    """Where the rules start from, in one pass over the text.

    ``runs``: capitalised words separated by spaces only, as lists of ``(start, end)`` (whole tokens,
    "Zhomart-Tokayev"), without the function words a run starts with. ``roots``: where a registry
    name may start. ``nums``: digit runs. ``anchors``: ``(start, end, word)`` of the words some rule
    starts from (a unit of time, a title, the head of a body's description; months and weekdays),
    lowercased.
    """

    def __init__(self, text: str, gz):
        words, pattern, skip = _anchor_words(gz)
        cap_words = words | CALENDAR_CAPS
        runs, anchors, roots = [], [], []
        for m in _RUN.finditer(text):
            s, e = m.span()
            if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
                continue  # a capital inside a word
            run = m.group()
            if " " not in run and "\u00a0" not in run:  # the usual case, one word: the loop below, unrolled
                w = run.lower()
                if w in cap_words:
                    anchors.append((s, e, w))
                if run.isalnum():
                    if w not in skip:
                        roots.append((s, e))
                else:
                    roots.append((s, s + FIRST_WORD.match(run).end()))
                    roots += [(s + p.start() + 1, s + p.end()) for p in _SUBWORD.finditer(run)]
                if w not in FUNCTION:
                    runs.append([(s, e)])
                continue
            lead = True
            kept = []
            for t in _NOT_SPACE.finditer(run):
                ts, te = s + t.start(), s + t.end()
                token = t.group()
                w = token.lower()
                if w in cap_words:
                    anchors.append((ts, te, w))
                if token.isalnum():
                    if w not in skip:
                        roots.append((ts, te))
                else:  # "Kazakh-Dungan", "T.Batyrshin": each capitalised part may start a name
                    roots.append((ts, ts + FIRST_WORD.match(token).end()))
                    roots += [(ts + p.start() + 1, ts + p.end()) for p in _SUBWORD.finditer(token)]
                if lead and w in FUNCTION:
                    continue  # a run does not start with a function word ("The", "In", "He")
                lead = False
                kept.append((ts, te))
            if kept:
                runs.append(kept)
        self.runs = runs  # capitalised words separated by spaces only, as lists of word spans
        self.nums = [m.span() for m in _NUMBER.finditer(text) if not m.start() or not text[m.start() - 1].isalnum()]
        n = len(text)
        for m in pattern.finditer(text):
            s, e = m.span()
            if (s and (text[s - 1].isalnum() or text[s - 1] in "-_")) or (e < n and (text[e].isalnum() or text[e] in "-_")):
                continue
            anchors.append((s, e, m.group()))
        anchors.sort()
        self.anchors = anchors  # also the capitalised months, weekdays and "Today"
        if gz._digit_names:
            roots += [(s, e) for s, e in self.nums if s == 0 or not (text[s - 1].isalpha() or text[s - 1] == "_")]
            roots.sort()
        # Where a registry name may start: each capitalised word but the function words that start
        # none (the gazetteer reads a joined word's first part), each capitalised part of a joined
        # word, each number when some name starts with one.
        self.roots = roots


_anchor_cache: dict[int, tuple] = {}


def _anchor_words(gz) -> tuple[frozenset, re.Pattern, frozenset]:
    """The anchor words (static ones and the heads of the registry's descriptions), their pattern, and
    the function words that start no registry name (not worth looking up). Cached per gazetteer."""
    got = _anchor_cache.get(id(gz))
    if got is not None and got[0] is gz:
        return got[1:]
    words = frozenset((*UNIT_WORDS, *RELATIVE_WORDS, *PERSON_HEADS, *BODY_HEADS,
                       *(p.split()[-1] for p in gz.nominals if p[:1].isalpha())))
    pattern = re.compile(alternation(sorted(words)))
    skip = frozenset(w for w in FUNCTION if not gz._starts(w) and not gz._starts(w.capitalize()))
    if len(_anchor_cache) > 16:
        _anchor_cache.clear()
    _anchor_cache[id(gz)] = (gz, words, pattern, skip)
    return words, pattern, skip


def starts_word(text: str, s: int) -> bool:
    """Whether a word starts at ``s``: no letter, digit, hyphen or underscore right before it."""
    return s == 0 or not (text[s - 1].isalnum() or text[s - 1] in "-_")


_REACH = 64  # how far back a rule looks for the word before another: a bound, so that no scan grows with the text


def prev_word(text: str, pos: int, skip: str = " \u00a0") -> tuple[int, str]:
    """The word before ``pos`` across ``skip`` (spaces; not a line break), with its start; ``(pos, "")`` if none.

    Looks back at most ``_REACH`` characters: a longer "word" ("A.A.A.…", a run of hyphens and letters)
    is no cue word, and an unbounded look made a text of such runs quadratic."""
    limit = max(0, pos - _REACH)
    i = pos
    while i > limit and text[i - 1] in skip:
        i -= 1
    j = i
    while j > limit and (text[j - 1].isalnum() or text[j - 1] in "'’-/."):
        j -= 1
    if j == limit and j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’-/." + skip):
        return (pos, "")  # the word (or the space before it) goes on past the bound
    return (j, text[j:i]) if j < i < pos else (pos, "")
