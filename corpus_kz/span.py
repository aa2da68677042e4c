"""Spans: half-open character ranges ``[start, end)`` into a document's text.

A span's ``text`` is a copy of ``document.text[start:end]``; the document
checks the copy against the seed, the span checks everything it can alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import CoveredText, FieldError, Offset, check_fields, is_int, spec

__all__ = ["Span", "FieldError"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of a document's text, with the text it covers.

    ``str(span)`` is the covered text. Offsets are Python string indices into
    the UTF-8-decoded seed, so ``document.text[span.start:span.end] == span.text``.
    The constructor checks that ``0 <= start < end`` and that ``text`` has
    ``end - start`` characters, and names the values when they are wrong.
    """

    start: int = spec(Offset())
    end: int = spec(Offset())
    text: str = spec(CoveredText())

    def __post_init__(self) -> None:
        # Every span-bearing record runs this: its offsets, then each field of its own against its kind.
        check_span(self)
        check_fields(self)

    def __str__(self) -> str:
        return self.text

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the two half-open ranges share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end


def check_span(span: Span) -> None:
    """Raise :class:`FieldError` unless ``span`` is a well-formed half-open range."""
    for name in ("start", "end"):
        value = getattr(span, name)
        if not is_int(value) or value < 0:
            raise FieldError(name, value, "a non-negative integer")
    if span.end <= span.start:
        raise FieldError("end", span.end, f"an offset greater than start={span.start} (spans are half-open, [start, end))")
    if not isinstance(span.text, str) or len(span.text) != span.end - span.start:
        raise FieldError("text", span.text, f"the covered text, {span.end - span.start} characters for [{span.start}, {span.end})")
