"""Calendar expressions and their entity ids (rule ``mention_date``)."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus_kz import Event
from corpus_kz.annotate import mentions
from corpus_kz.annotate.base import Context

from . import find


@pytest.mark.parametrize("text, span, entity_id", [
    ("The floods began on March 3 in the valley.", "March 3", "date_2020_03_03"),
    ("Voters went to the polls on March 14-15.", "March 14-15", "date_2020_03_14_15"),
    ("The decree was signed on June 2, 2020.", "June 2, 2020", "date_2020_06_02"),
    ("Teachers have been on strike since April.", "April", "date_2020_04"),
    ("The storm hit on Saturday.", "Saturday", "date_saturday"),
    ("The airport reopened the next day.", "the next day", "date_the_next_day"),
    ("The ceasefire had collapsed three days earlier.", "three days earlier", "date_three_days_earlier"),
    ("Prices rose last week.", "last week", "date_last_week"),
    ("The census of 1999 counted them.", "1999", "date_1999"),
    ("The fortress was built in the 17th century.", "17th century", "date_17th_century"),
])
def test_dates_and_their_ids(text, span, entity_id):
    found, ctx = find(text, event="kordai_2020", entities={})
    assert [(m.text, m.label, m.entity_id) for m in found if m.label == "DATE"] == [(span, "DATE", entity_id)]
    assert ctx.new_entities[entity_id].label == "DATE"


@pytest.mark.parametrize("text", ["They talked for three days.", "The march starts at 10 am.",
                                  "About 2000 people came.", "You may leave now."])
def test_durations_counts_and_clock_times_are_no_dates(text):
    assert [m for m in find(text, entities={})[0] if m.label == "DATE"] == []


def test_a_day_without_a_year_takes_the_year_the_declared_event_began():
    mine = (Event("almaty_2019", "A protest", dt.date(2019, 6, 9), dt.date(2019, 6, 12), ("Almaty",)),)
    text = "The rally began on June 9."
    found = mentions.find(Context(text=text, event="almaty_2019", entities={}, events=mine))
    assert [(m.text, m.entity_id) for m in found if m.label == "DATE"] == [("June 9", "date_2019_06_09")]
    # An event the declarations do not hold gives no year: the date stays as written.
    found = mentions.find(Context(text=text, event="almaty_2019", entities={}))
    assert [(m.text, m.entity_id) for m in found if m.label == "DATE"] == [("June 9", "date_june_9")]
