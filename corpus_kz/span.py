"""Spans: half-open character ranges ``[start, end)`` into a document's text.

A span's ``text`` is a copy of ``document.text[start:end]``; the document
checks the copy against the seed, the span checks everything it can alone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .kinds import CoveredText, FieldError, Offset, check_fields, is_int, spec

__all__ = ["Ranges", "Span", "FieldError"]


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


class Ranges:
    """Half-open ranges ``[start, end)``, asked which of them share a character with a given range.

    Kept sorted by ``(start, end)`` with how far the first k of them reach, so
    that a question costs one bisection however long, many or nested the
    ranges are (the codebook's boilerplate and the pre-annotator's page
    furniture ask it for every record).
    """

    __slots__ = ("_starts", "_reach")

    def __init__(self, ranges):
        ranges = sorted(ranges)
        self._starts = [s for s, _ in ranges]
        self._reach = list(accumulate((e for _, e in ranges), max))

    def __bool__(self) -> bool:
        return bool(self._starts)

    def first(self, start: int, end: int) -> int | None:
        """The position, in ``(start, end)`` order, of the first range sharing a character with ``[start, end)``."""
        before = bisect_left(self._starts, end)  # the ranges that start before `end`
        if before == 0 or self._reach[before - 1] <= start:
            return None
        return bisect_right(self._reach, start)  # the first whose end passes `start`

    def touches(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with one of the ranges."""
        return self.first(start, end) is not None

    def holds(self, start: int, end: int) -> bool:
        """Whether one of the ranges holds all of ``[start, end)``: starts at or before it and ends at or after it."""
        before = bisect_right(self._starts, start)  # the ranges that start at or before `start`
        return before > 0 and self._reach[before - 1] >= end
