"""What the pre-annotator's rules share: record ids, the one test of "inside boilerplate", the declared events."""

from __future__ import annotations

import pytest

import datetime as dt
import random

from corpus_kz import Event
from corpus_kz.annotate.base import EVENT_PLACES, Context, Ranges, Scope, event_places, record_id
from corpus_kz.events import bundled_events
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


def _random_spans(seed: int, n: int = 60, width: int = 400) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [(a, a + rng.choice((1, 2, 5, 20, 80, 300))) for a in (rng.randrange(width) for _ in range(n))]


@pytest.mark.parametrize("seed", range(5))
def test_scope_at_gives_the_innermost_scope_as_a_scan_does(seed):
    # Nested, overlapping and equally long scopes in any order: the shortest that holds, the first of a tie.
    scopes = [Scope(a, b, f"a{k}") for k, (a, b) in enumerate(_random_spans(seed) * 2)]
    ctx = Context(text="x" * 800, scopes=scopes)
    for start, end in _random_spans(seed + 100, n=300):
        holding = [s for s in scopes if s.start <= start and end <= s.end]
        expected = min(holding, key=lambda s: s.end - s.start) if holding else None  # min keeps the first
        assert ctx.scope_at(start, end) is expected, (start, end)


def test_scope_at_follows_the_scopes_when_they_change():
    ctx = Context(text="x" * 100, scopes=[Scope(0, 50, "a1")])
    assert ctx.scope_at(10, 20).agent == "a1"
    ctx.scopes.append(Scope(5, 30, "a2"))
    assert ctx.scope_at(10, 20).agent == "a2" and ctx.scope_at(40, 45).agent == "a1"
    ctx.scopes = []
    assert ctx.scope_at(10, 20) is None


@pytest.mark.parametrize("seed", range(5))
def test_ranges_hold_what_a_scan_says_they_hold(seed):
    spans = _random_spans(seed)
    ranges = Ranges(spans)
    for start, end in _random_spans(seed + 100, n=300):
        assert ranges.holds(start, end) == any(a <= start and end <= b for a, b in spans), (start, end)
    assert not Ranges([]).holds(0, 1)


def _event(event_id: str, *places: str, year: int = 2019) -> Event:
    return Event(event_id, event_id, dt.date(year, 6, 9), dt.date(year, 6, 9), places)


def test_the_places_that_tell_declared_events_apart():
    # A place two declared events share tells neither apart; an event whose places are all shared has none.
    places = event_places((_event("almaty_2019", "Almaty", "Medeu"), _event("almaty_2020", "Almaty"),
                           _event("aktobe_2019", "Aktobe")))
    assert places == {"almaty_2019": ("Medeu",), "almaty_2020": (), "aktobe_2019": ("Aktobe",)}
    # The rules' own spellings of a bundled event's places come first, then what its declaration adds.
    bundled = event_places(bundled_events())
    assert bundled["kordai_2020"][:len(EVENT_PLACES["kordai_2020"])] == EVENT_PLACES["kordai_2020"]
    assert "Masanchy" in bundled["kordai_2020"]
    # Zhanaozen, where the 2011 clashes and the January 2022 protests began, is declared by both: the rules'
    # gazetteer alone names it for the 2011 event.
    assert bundled["qantar_2022"] == EVENT_PLACES["qantar_2022"]


def test_the_year_of_the_document_s_event_is_its_declared_start():
    ctx = Context(text="x", event="almaty_2019", events=(_event("almaty_2019", "Almaty", year=2019),))
    assert ctx.event_year == 2019
    assert Context(text="x", event="kordai_2020").event_year == 2020  # the bundled declarations by default
    assert Context(text="x", event="mine_2019", events=ctx.events).event_year is None  # not declared: unknown
