"""The one matcher: overlap as shared characters over the longer span, inclusive thresholds, one to one."""

from __future__ import annotations

import pytest

from corpus_kz import Span
from corpus_kz.scoring.matching import match, overlap_ratio


def test_overlap_is_shared_characters_over_the_longer_span():
    gold = Span(0, 20, "x" * 20)
    assert overlap_ratio(gold, gold) == 1.0
    assert overlap_ratio(gold, Span(0, 16, "x" * 16)) == pytest.approx(0.8)        # short of the gold
    assert overlap_ratio(gold, Span(0, 25, "x" * 25)) == pytest.approx(0.8)        # longer than the gold
    assert overlap_ratio(gold, Span(0, 100, "x" * 100)) == pytest.approx(0.2)      # swallowing the paragraph fails
    assert overlap_ratio(gold, Span(30, 40, "x" * 10)) == 0.0
    # A discontinuous span counts by the characters it covers: 20 of them, inside a prediction of 30.
    assert overlap_ratio([(0, 10), (20, 30)], [(0, 30)]) == pytest.approx(20 / 30)
    assert overlap_ratio([(20, 30), (0, 10)], [(5, 25)]) == pytest.approx(10 / 20)


def test_thresholds_are_inclusive_and_matching_is_one_to_one():
    gold = [Span(0, 10, "x" * 10)]
    three = [Span(7, 10, "xxx")]                       # 3 shared / 10 = 0.3 exactly
    assert match(gold, three, 0.3) == [(0, 0)]
    assert match(gold, three, 0.31) == []
    assert match(gold, three) == []                     # exact
    # One prediction over two gold spans is paired once, with the one it shares most with.
    gold = [Span(0, 10, "x" * 10), Span(10, 14, "y" * 4)]
    assert match(gold, [Span(0, 13, "x" * 13)], 0.3) == [(0, 0)]
    # Filtering comes before the greedy choice: the larger overlap fails 0.8, the smaller passes.
    gold = [Span(0, 10, "x" * 10)]
    assert match(gold, [Span(0, 40, "x" * 40), Span(1, 10, "x" * 9)], 0.8) == [(0, 1)]
