"""Spans: half-open character ranges ``[start, end)`` into a document's text.

A span's ``text`` is a copy of ``document.text[start:end]``; the document
checks the copy against the seed, the span checks everything it can alone.
"""

from __future__ import annotations

from dataclasses import dataclass
TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Iterable


class FieldError(ValueError):
    """An invalid field value, with what was found and what was expected.

    The loader adds the file and the record id and turns it into a
    :class:`corpus_kz.errors.Problem`.
    """

    def __init__(self, field: str, found: object, expected: str):
        self.field, self.found, self.expected = field, found, expected
        super().__init__(f"field {field!r}: found {found!r}, expected {expected}")


def check_vocab(field: str, value: object, vocab: Iterable[str], nullable: bool = False) -> None:
    """Raise :class:`FieldError` unless ``value`` is in ``vocab`` (or None when ``nullable``)."""
    if value is None and nullable:
        return
    vocab = tuple(vocab)
    if value not in vocab:
        raise FieldError(field, value, "one of " + ", ".join(vocab) + (" or null" if nullable else ""))


def check_str(field: str, value: object, nullable: bool = False) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str) or not value:
        raise FieldError(field, value, "a non-empty string" + (" or null" if nullable else ""))


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of a document's text, with the text it covers.

    ``str(span)`` is the covered text. Offsets are Python string indices into
    the UTF-8-decoded seed, so ``document.text[span.start:span.end] == span.text``.
    """

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise FieldError(name, value, "a non-negative integer")
        if self.end <= self.start:
            raise FieldError("end", self.end, f"an offset greater than start={self.start} (spans are half-open, [start, end))")
        if not isinstance(self.text, str) or len(self.text) != self.end - self.start:
            raise FieldError("text", self.text, f"the covered text, {self.end - self.start} characters for [{self.start}, {self.end})")

    def __str__(self) -> str:
        return self.text

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        """True when the two half-open ranges share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end
