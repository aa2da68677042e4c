"""What the pre-annotator's rules share: record ids, and the one test of "inside boilerplate"."""

from __future__ import annotations

import pytest

from corpus_kz.annotate.base import Context, Ranges, record_id
from corpus_kz.records import ID_PREFIX


@pytest.mark.parametrize("layer, expected", [("zones", "z3"), ("quotes", "q3"), ("attributions", "a3"),
                                             ("mentions", "m3"), ("figures", "f3"), ("frames", "fr3")])
def test_record_ids_take_the_prefix_the_records_declare(layer, expected):
    assert record_id(layer, 3) == expected == f"{ID_PREFIX[layer]}3"


def test_a_range_touches_boilerplate_when_it_shares_a_character_with_it():
    ctx = Context(text="x" * 100, zones=[(10, 20, "boilerplate"), (30, 40, "caption")])
    assert ctx.touches_boilerplate(19, 25) and ctx.touches_boilerplate(5, 11) and ctx.touches_boilerplate(12, 13)
    assert not any(ctx.touches_boilerplate(s, e) for s, e in ((20, 30), (0, 10), (32, 35)))
    assert ctx.boilerplate == [(10, 20)]


def test_the_boilerplate_follows_the_zones_when_they_change():
    ctx = Context(text="x" * 100, zones=[(10, 20, "boilerplate")])
    assert not ctx.touches_boilerplate(55, 56)
    ctx.zones.append((50, 60, "boilerplate"))
    assert ctx.touches_boilerplate(55, 56)
    ctx.zones = [(0, 5, "boilerplate")]
    assert ctx.touches_boilerplate(1, 2) and not ctx.touches_boilerplate(55, 56)


def test_ranges_find_a_long_range_behind_shorter_ones_inside_it():
    ranges = Ranges([(100, 200), (0, 5000), (3000, 3100)])
    assert ranges.touches(4000, 4010) and ranges.touches(4999, 6000)
    assert not ranges.touches(5000, 6000)
    assert not Ranges([]).touches(0, 10) and not Ranges([])
