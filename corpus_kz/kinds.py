"""What a record field holds: the one declaration every other shape is derived from.

Each field of a record (:mod:`corpus_kz.records`) and of a document's
metadata (:mod:`corpus_kz.document`) carries a *kind* in its dataclass
metadata. From that one declaration come

* the constructor check (``kind.check(name, value)``),
* the JSON file shape (:func:`corpus_kz.records.to_dict` / ``from_dict``),
* the JSON Schemas (:mod:`corpus_kz.storage.schema`),
* the Hugging Face features (:mod:`corpus_kz.formats.hf`).

so a field is described once and the four can never drift apart.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from .errors import show

#: Lowercase ascii snake_case: entity ids, and what a figure source or frame holder may name.
ENTITY_ID = r"[a-z][a-z0-9_]{0,99}"
#: A document id doubles as a file name (annotations/docs/<doc_id>.json): no separators, no dot first.
DOC_ID = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,199}"
#: A seed file is a relative path inside seeds/, each part like a doc_id: never '..', never absolute.
SEED_FILE = rf"{DOC_ID}(?:/{DOC_ID})*"
WIKIDATA = r"Q[1-9][0-9]*"
SHA256 = r"[0-9a-f]{64}"
ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


class FieldError(ValueError):
    """An invalid field value, with what was found and what was expected.

    The loader adds the file and the record id and turns it into a
    :class:`corpus_kz.errors.Problem`.
    """

    def __init__(self, field: str, found: object, expected: str):
        self.field, self.found, self.expected = field, found, expected
        super().__init__(f"field {field!r}: found {show(found)}, expected {expected}")


def is_int(value: object) -> bool:
    """A JSON integer: an ``int`` that is not a ``bool``."""
    return isinstance(value, int) and not isinstance(value, bool)


class Kind:
    """Base of the field kinds; ``nullable`` kinds also accept None."""

    nullable: bool = False

    def check(self, name: str, value: object) -> None:
        if value is None and self.nullable:
            return
        if not self.accepts(value):
            raise FieldError(name, value, self.expected())

    def accepts(self, value: object) -> bool:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def expected(self) -> str:
        return self.describe() + (" or null" if self.nullable else "")


@dataclass(frozen=True)
class Text(Kind):
    """A non-empty string."""

    nullable: bool = False

    def accepts(self, value):
        return isinstance(value, str) and value != ""

    def describe(self):
        return "a non-empty string"


@dataclass(frozen=True)
class Pattern(Kind):
    """A string matching a regular expression (anchored at both ends)."""

    regex: str
    what: str
    nullable: bool = False
    compiled: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "compiled", re.compile(self.regex))

    def accepts(self, value):
        return isinstance(value, str) and self.compiled.fullmatch(value) is not None

    def describe(self):
        return self.what


@dataclass(frozen=True)
class RecordId(Pattern):
    """A record's id: its layer's ``prefix`` followed by digits."""

    prefix: str = ""


def Id(prefix: str) -> RecordId:
    """A record id: the layer's prefix followed by digits (``q12``)."""
    return RecordId(rf"{prefix}[0-9]{{1,9}}", f"'{prefix}' followed by digits, e.g. '{prefix}1'", prefix=prefix)


@dataclass(frozen=True)
class Reference(Pattern):
    """A reference to another record by id: a :class:`Pattern` with the kind of record it points at.

    ``target`` is ``"quote"`` (a quote id of the same document), ``"entity"``
    (a registry entity id) or ``"agent"`` (``"author"``, an attribution id of
    the same document, or a registry entity id). The document checks that the
    reference resolves; the kind checks its spelling.
    """

    target: str = "entity"


_TARGETS = {"quote": "the id of a quote of this document, e.g. 'q1'",
            "entity": "a registry entity_id, e.g. 'tokayev'",
            "agent": "'author', an attribution id of this document or a registry entity_id"}


def Ref(target: str, regex: str, nullable: bool = False) -> Reference:
    """A reference to a ``target`` record, spelled as ``regex``."""
    return Reference(regex, _TARGETS[target], nullable, target=target)


@dataclass(frozen=True)
class Vocab(Kind):
    """One value of a fixed vocabulary (:mod:`corpus_kz.vocab`)."""

    values: tuple[str, ...]
    nullable: bool = False

    def accepts(self, value):
        return isinstance(value, str) and value in self.values

    def describe(self):
        return "one of " + ", ".join(self.values)


@dataclass(frozen=True)
class Number(Kind):
    """A finite, non-negative number."""

    nullable: bool = False

    def accepts(self, value):
        return (is_int(value) or isinstance(value, float)) and math.isfinite(value) and value >= 0

    def describe(self):
        return "a non-negative number"


@dataclass(frozen=True)
class Strings(Kind):
    """A list of strings (a tuple on the record); ``non_empty`` forbids empty strings."""

    non_empty: bool = True

    def accepts(self, value):
        return isinstance(value, tuple) and all(isinstance(v, str) and (v or not self.non_empty) for v in value)

    def describe(self):
        return "a list of non-empty strings" if self.non_empty else "a list of strings"


@dataclass(frozen=True)
class SpanOf(Kind):
    """A nested span ``{start, end, text}`` (a :class:`~corpus_kz.span.Span` on the record)."""

    nullable: bool = False

    def accepts(self, value):
        from .span import Span  # span.py imports this module

        return type(value) is Span

    def describe(self):
        return "a span {start, end, text}"


@dataclass(frozen=True)
class Date(Kind):
    """A calendar date, written ``YYYY-MM-DD`` in files."""

    nullable: bool = False

    def accepts(self, value):
        return isinstance(value, dt.date)

    def describe(self):
        return "an ISO date YYYY-MM-DD"


@dataclass(frozen=True)
class Offset(Kind):
    """A character offset of a half-open span (checked with its span)."""

    def accepts(self, value):
        return is_int(value) and value >= 0

    def describe(self):
        return "a non-negative integer"


@dataclass(frozen=True)
class CoveredText(Kind):
    """The text a span covers (checked with its span, and against the seed by the document)."""

    def accepts(self, value):
        return isinstance(value, str)

    def describe(self):
        return "the covered text"


@dataclass(frozen=True)
class Index(Offset):
    """A position counted from 0 (derived layers only)."""


def spec(kind: Kind, **kwargs):
    """A dataclass field that holds ``kind`` (pass ``default=`` for optional ones)."""
    return field(metadata={"kind": kind}, **kwargs)
