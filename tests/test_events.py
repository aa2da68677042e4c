"""The events a corpus declares: reading the declarations, what a document is checked against, the bundled three."""

import datetime as dt
import json
import re

import pytest

import corpus_kz
from corpus_kz import Event
from corpus_kz import vocab as V
from corpus_kz.events import FILE, Declared, bundled_events, declared, decode_events
from corpus_kz.storage import Layout, bundled_path

from .helpers import EVENTS_2019


def test_the_bundled_declarations_are_the_bundled_corpus_file_and_the_vocabulary_s_ids():
    raw = json.loads((bundled_path() / Layout.EVENTS).read_text(encoding="utf-8"))
    assert [e.event_id for e in bundled_events()] == [r["event_id"] for r in raw] == list(V.EVENTS)
    assert corpus_kz.load().events == bundled_events() and Layout.EVENTS == FILE
    assert bundled_events()[0].start == dt.date(2011, 12, 16)


def test_the_bundled_declarations_say_only_what_the_seed_texts_say():
    corpus = corpus_kz.load()
    texts = "\n".join(d.text for d in corpus)
    for e in corpus.events:
        reporting = [d for d in corpus if d.event == e.event_id]
        assert reporting, e.event_id
        # every place is named, as declared, by a text that reports the event
        for place in e.places:
            assert any(place in d.text for d in reporting), (e.event_id, place)
        # what the notes quote is in the texts, and the documents they cite are the corpus's
        for note in e.notes:
            for quoted in re.findall(r"(?:^|(?<=[\s(:]))'(.+?)'(?=[\s).,;:]|$)", note):  # not an apostrophe
                assert quoted in texts, (e.event_id, quoted)
            for cited in re.findall(r"\b(\w+_20\d\d_\w+)\b", note):
                assert cited in corpus, (e.event_id, cited)
        # the year each event began is written in a text that names one of its places
        assert any(str(e.start.year) in d.text and any(p in d.text for p in e.places) for d in corpus), e.event_id


def test_a_corpus_that_declares_none_has_the_bundled_three():
    assert declared(None) == bundled_events()
    mine = (Event("almaty_2019", "A protest", dt.date(2019, 6, 9), dt.date(2019, 6, 9), ("Almaty",)),)
    assert declared(mine) == mine and declared(()) == ()


def test_declarations_are_decoded_in_their_order_with_every_problem_named():
    events, problems = decode_events(EVENTS_2019, "mine/seeds/events.json")
    assert problems == [] and [e.event_id for e in events] == ["almaty_2019", "shymkent_2019"]
    assert events[1].notes == ("made up for the tests",) and events[0].notes == ()
    # built records are taken as they are
    assert decode_events(list(events), "x") == (events, [])
    events, problems = decode_events([EVENTS_2019[0], {"event_id": "x"}, "y", EVENTS_2019[0]], "f")
    assert [e.event_id for e in events] == ["almaty_2019"]
    assert [(p.file, p.record, p.field) for p in problems] == [
        ("f", "x", "name"), ("f", "x", "start"), ("f", "x", "end"), ("f", "x", "places"),
        ("f", "#2", None), ("f", "almaty_2019", "event_id")]
    assert problems[-1].found == "duplicate id 'almaty_2019'" and problems[-1].expected == "unique event ids"
    assert [str(p) for p in decode_events({"events": []}, "f")[1]] == [
        "f: found an object, expected an array of event records, one per event"]


@pytest.mark.parametrize("events, file, expected", [
    (None, None, "one of the bundled corpus's events, zhanaozen_2011, kordai_2020, qantar_2022 (this corpus declares "
                 "none; declare its own in seeds/events.json)"),
    ("mine", "c/seeds/events.json", "an event that c/seeds/events.json declares: almaty_2019, shymkent_2019"),
    ((), "c/seeds/events.json", "an event that c/seeds/events.json declares: none"),
])
def test_an_undeclared_event_is_a_problem_that_says_what_is_declared(events, file, expected):
    mine = decode_events(EVENTS_2019, "x")[0] if events == "mine" else events
    check = Declared(mine, file)
    p = check.problem("c/seeds/manifest.json", "rally", "event", "astana_2022")
    assert (p.file, p.record, p.field, p.found, p.expected) == ("c/seeds/manifest.json", "rally", "event",
                                                                "'astana_2022'", expected)
    assert check.problem("f", "f1", "event", None) is None  # a figure may report no event
    for ok in (e.event_id for e in (mine if mine is not None else bundled_events())):
        assert check.problem("f", "f1", "event", ok) is None
