"""What the rules read off plain text: sentences, paragraphs, and a word list as one regular expression.

Spans are half-open ``(start, end)`` pairs into the text, trimmed of white space. Nothing here knows a
record, a zone or the registry, and nothing of the pre-annotator is imported: every other module of it
may import this one.
"""

from __future__ import annotations

import re

from ..segment import BEFORE_NAMES

__all__ = ["MAX_SENTENCE", "alternation", "paragraphs", "sentences"]


# A sentence ends at . ! ? (with closing quotes or brackets after it) followed by white space and a
# capital, a digit or an opening quote; or at a line break. Abbreviations that a name follows ("Mr.
# Smith", as written: corpus_kz.segment's list, which Punkt reads too) and initials ("U.S. officials")
# do not end one.
_ABBREVIATIONS = frozenset(BEFORE_NAMES)
# Possessive quantifiers, and a run of stops taken from its first: "......" is one end, tried once,
# not re-tried from each of its dots (which made a page of dots quadratic). \r ends a line too.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"”’'»)\]]*+(?=\s+[\"“‘'«(\[]?[A-Z0-9])|[\r\n]++")
_WORD_BEFORE = re.compile(r"(\w+)$")
#: The longest sentence the rules read, in characters: a longer run without a sentence's end is cut at a
#: space before this length. A rule reads its whole sentence for each cue in it, so an unbounded sentence
#: (a page with no stops, `He said "` repeated) made the time and the contents' total length grow with
#: its square (issue 17: 3.2 GB at 200 kB). News sentences stay far below it: the longest of the bundled
#: and the PolNeAR dev texts has 504 characters.
MAX_SENTENCE = 1000
_SPACE_BEFORE = re.compile(r"\s(?=\S*$)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as ``(start, end)``, trimmed of white space; fast (one regular expression), no parser."""
    out = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group()[0] == ".":
            # "Mr. Smith", "U.S. officials", "G. Bush": a dot after an abbreviation or an initial ends nothing
            w = _WORD_BEFORE.search(text, max(0, m.start() - 6), m.start())
            if w and (w.group(1) in _ABBREVIATIONS or len(w.group(1)) == 1 and w.group(1).isupper()):
                continue
        end = m.end() if m.group()[0] not in "\r\n" else m.start()
        if end - pos <= MAX_SENTENCE:
            _add(text, pos, end, out)
        else:
            _add_bounded(text, pos, end, out)
        pos = m.end()
    _add_bounded(text, pos, len(text), out)
    return out


def _add_bounded(text: str, s: int, e: int, out: list) -> None:
    """``_add`` of ``[s, e)`` in pieces of at most :data:`MAX_SENTENCE` characters, cut at a space where one is."""
    while e - s > MAX_SENTENCE:
        space = _SPACE_BEFORE.search(text, s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = space.start() if space else s + MAX_SENTENCE
        _add(text, s, cut, out)
        s = cut
    _add(text, s, e, out)


def alternation(words) -> str:
    """A regular expression matching any of ``words``, factored by common prefixes.

    ``re`` tries the branches of a flat alternation one after another at every position; factored,
    only the branch that shares the text's first letters goes on, which makes a list of a few dozen
    words several times faster to scan for. (A pattern that starts with a lookbehind loses the
    engine's quick skip to the possible first letters: check word boundaries on the match instead.)
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    return emit(trie)


_LINE = re.compile(r"[^\r\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Each non-empty line (a paragraph, in scraped news) as ``(start, end)``, trimmed of white space."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        _add(text, m.start(), m.end(), out)
    return out


def _add(text: str, s: int, e: int, out: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        out.append((s, e))
