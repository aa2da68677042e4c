"""Spans and ranges of spans: half-open, checked, and asked about overlap in log time."""

import pytest

from corpus_kz import Span
from corpus_kz.kinds import FieldError
from corpus_kz.span import Ranges


def test_a_span_is_half_open_and_checked():
    s = Span(3, 7, "abcd")
    assert str(s) == "abcd" and len(s) == 4
    assert s.overlaps(Span(6, 9, "xyz")) and not s.overlaps(Span(7, 9, "xy"))  # [3, 7) and [7, 9) share nothing
    assert s.contains(Span(3, 7, "abcd")) and not s.contains(Span(2, 4, "xy"))
    with pytest.raises(FieldError, match="an offset greater than start=7"):
        Span(7, 7, "")
    with pytest.raises(FieldError, match="3 characters for"):
        Span(0, 3, "ab")


def test_ranges_answer_which_range_a_span_touches():
    r = Ranges([(100, 200), (0, 5000), (3000, 3100), (6000, 6010)])
    assert r.touches(4000, 4001)       # inside the long one only, far from its start
    assert r.first(150, 160) == 0      # (0, 5000) comes first in (start, end) order
    assert r.first(5000, 6000) is None and r.first(6009, 7000) == 3
    assert not Ranges([]).touches(0, 10) and not Ranges([])
    # The same answers as a scan, on every small range.
    spans = [(0, 5000), (100, 200), (3000, 3100), (6000, 6010)]
    for start in range(0, 7000, 250):
        for end in (start + 1, start + 900):
            scan = next((k for k, (s, e) in enumerate(spans) if s < end and start < e), None)
            assert r.first(start, end) == scan, (start, end)
