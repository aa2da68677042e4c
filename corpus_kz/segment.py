"""Paragraphs, sentences and tokens as half-open spans, with no downloaded data.

Sentences come from NLTK's Punkt, run with parameters we set here
(abbreviations seen in news text) instead of a pickled model, so nothing is
fetched or unpickled. Sentences never cross a line break: in these scraped
pages a line is a paragraph. Tokens and paragraphs need only the standard
library's ``re``: a token is exactly what NLTK's ``RegexpTokenizer`` gives
for :data:`TOKEN_PATTERN` (a test checks this on every document), without
the 0.4 s that importing NLTK costs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TYPE_CHECKING = False  # typing costs milliseconds on every import
if TYPE_CHECKING:
    from typing import Iterator

from .kinds import Index, spec
from .span import Span


# The derived layers' records live with their derivation: defining a dataclass costs a millisecond,
# and `import corpus_kz` should not pay for records only sentences and tokens need.
@dataclass(frozen=True, slots=True)
class _Indexed(Span):
    """A span with its position in its layer."""

    index: int = spec(Index(), default=0)


@dataclass(frozen=True, slots=True)
class Sentence(_Indexed):
    """A sentence, derived with NLTK Punkt (our parameters, no download); ``index`` counts from 0."""


@dataclass(frozen=True, slots=True)
class Token(_Indexed):
    """A word token, derived with a regular expression; ``index`` counts from 0."""




#: Abbreviations that a name or a number follows ("Mr. Smith", "Gen. Ivanov", "No. 5", "Smith vs. Jones"),
#: as written. Besides Punkt, the pre-annotator's one-expression sentence splitter
#: (:func:`corpus_kz.annotate.text.sentences`) reads them: it ends no sentence after one written so.
BEFORE_NAMES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Gov", "Sen", "Rep",
                "No", "vs")

# Lowercase, without the final period, as Punkt expects: those above, and the ones the pre-annotator's
# splitter does not know (a month or a weekday before a number ends one of its sentences).
ABBREVIATIONS = frozenset({a.lower() for a in BEFORE_NAMES} | {
    "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "sat", "sun", "mon", "tue", "wed", "thu", "fri",
    "t",
})

#: Numbers with thousands separators and decimals stay one token; so do hyphenated and apostrophe words.
TOKEN_PATTERN = r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s]"


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_TOKEN = re.compile(TOKEN_PATTERN)
_LINE = re.compile(r"[^\n]+")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` of each non-empty line, trimmed of surrounding white space: the unit nothing crosses."""
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            yield m.start() + (len(line) - len(line.lstrip())), stripped


def paragraphs(text: str) -> tuple[Span, ...]:
    """Each non-empty line, trimmed of surrounding white space, as a half-open span."""
    return tuple(Span(at, at + len(line), line) for at, line in _lines(text))


_SENTENCE_END = frozenset(".?!")


def _line_sentences(line: str):
    """Punkt's ``(start, end)`` spans of one trimmed line.

    Punkt only breaks after a ``.``, ``?`` or ``!`` that something follows, so a line with none
    before its last character is one sentence: most lines of news, answered without Punkt's
    per-call cost (a test checks the shortcut against Punkt on random and real lines).
    """
    if _SENTENCE_END.isdisjoint(line[:-1]):
        return ((0, len(line)),)
    return _punkt().span_tokenize(line)


def sentence_offsets(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, half-open, in text order: :func:`sentences` without the records.

    What a table of sentences needs; building a checked record per sentence
    costs three times what Punkt does.
    """
    return [(at + s, at + e) for at, line in _lines(text) for s, e in _line_sentences(line)]


def sentences(text: str) -> tuple[Sentence, ...]:
    """Sentence spans, half-open, in text order."""
    return tuple(Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(sentence_offsets(text)))


def count(text: str) -> dict[str, int]:
    """How many sentences and tokens ``text`` has, without building a span for each (``corpus-kz info``)."""
    n_sentences = sum(1 for _, line in _lines(text) for _ in _line_sentences(line))
    return {"sentences": n_sentences, "tokens": sum(1 for _ in _TOKEN.finditer(text))}


def tokens(text: str) -> tuple[Token, ...]:
    """Word-token spans, half-open, in text order."""
    return tuple(Token(m.start(), m.end(), m.group(), i) for i, m in enumerate(_TOKEN.finditer(text)))
