"""The record types check their own invariants and report the values."""

import datetime as dt
from dataclasses import replace

import pytest

from corpus_kz import Attribution, Entity, Event, Figure, Frame, Mention, Quote, Span, Zone
from corpus_kz.kinds import FieldError


def test_span_is_half_open_and_shows_its_text():
    s = Span(3, 8, "hello")
    assert str(s) == "hello" and len(s) == 5
    assert s.overlaps(Span(7, 9, "ab")) and not s.overlaps(Span(8, 9, "a"))
    assert s.contains(Span(3, 8, "hello")) and not s.contains(Span(2, 4, "ab"))


@pytest.mark.parametrize("start,end,text,field", [
    (5, 5, "", "end"),          # empty spans are not spans
    (6, 5, "x", "end"),
    (-1, 2, "abc", "start"),
    (0, 3, "ab", "text"),       # the copy must have end - start characters
    (True, 2, "ab", "start"),
])
def test_span_rejects_bad_offsets_with_values(start, end, text, field):
    with pytest.raises(FieldError) as exc:
        Span(start, end, text)
    assert exc.value.field == field
    from corpus_kz.errors import show
    assert show(exc.value.found) in str(exc.value)


def test_records_reject_unknown_labels_and_bad_ids():
    with pytest.raises(FieldError, match="one of headline"):
        Zone(0, 2, "ab", id="z1", zone="footer")
    with pytest.raises(FieldError, match="'m' followed by digits"):
        Mention(0, 2, "ab", id="x1", label="PERSON", entity_id="e", form="name")
    with pytest.raises(FieldError, match="one of name, nominal"):
        Mention(0, 2, "ab", id="m1", label="PERSON", entity_id="e", form="pronoun")
    with pytest.raises(FieldError, match="one of direct, indirect, mixed"):
        Quote(0, 2, "ab", id="q1", type="reported")
    with pytest.raises(FieldError, match="one of asserts, denies"):
        Frame(0, 2, "ab", id="fr1", frame="domestic", holder="author", stance="maybe")
    with pytest.raises(FieldError, match="one of trigger, root_cause or null"):
        Frame(0, 2, "ab", id="fr1", frame="domestic", holder="author", stance="asserts", aspect="cause")
    Frame(0, 2, "ab", id="fr1", frame="harmony", holder="author", stance="denies", aspect=None)


def test_figure_value_is_null_exactly_when_vague():
    kw = dict(id="f1", number="dozens", qualifier="vague", quantity="injured", unit="people", event=None, source="author")
    Figure(0, 6, "dozens", value=None, **kw)
    with pytest.raises(FieldError, match="null, since the qualifier is 'vague'"):
        Figure(0, 6, "dozens", value=24.0, **kw)
    with pytest.raises(FieldError, match="non-negative number"):
        Figure(0, 6, "dozens", value=None, **dict(kw, qualifier="about"))


def test_attribution_rules():
    cue, src = Span(10, 14, "said"), Span(0, 3, "Ann")
    Attribution("a1", "q1", "assertion", cue, src, speaker_id="ann")
    Attribution("a2", "q2", "demand", cue, src, speaker_role="protester")
    Attribution("a3", "q3", "assertion", cue, None)  # an agentless report: the text names no source
    with pytest.raises(FieldError, match="comes from the registry"):
        Attribution("a4", "q4", "assertion", cue, src, speaker_id="ann", speaker_role="official")
    with pytest.raises(FieldError, match="a role for the unregistered source 'Ann'"):
        Attribution("a5", "q5", "assertion", cue, src)
    Attribution("a6", "q6", "assertion", None, None, speaker_id="ann")  # a headline quote: no cue, speaker known
    with pytest.raises(FieldError, match="one of assertion, belief, demand, promise") as exc:
        Attribution("a7", "q7", "statement", cue, src, speaker_id="ann")
    assert (exc.value.field, exc.value.found) == ("act", "statement")


def test_entity_roles_only_for_people_and_organisations():
    Entity("kazakhs", "Kazakhs", "NORP")
    with pytest.raises(FieldError, match="one of official"):
        Entity("ann", "Ann", "PERSON")
    with pytest.raises(FieldError, match="Wikidata id"):
        Entity("kazakhstan", "Kazakhstan", "GPE", wikidata="232")
    with pytest.raises(FieldError, match="snake_case"):
        Entity("Kazakhstan", "Kazakhstan", "GPE")


def test_records_are_frozen():
    z = Zone(0, 2, "ab", id="z1", zone="caption")
    with pytest.raises(AttributeError):
        z.zone = "headline"


def test_records_are_slotted():
    z = Zone(0, 2, "ab", id="z1", zone="caption")
    assert not hasattr(z, "__dict__")


def test_file_shape_round_trip():
    from corpus_kz.records import from_dict, to_dict

    a = Attribution("a1", "q1", "belief", Span(10, 14, "said"), None, speaker_id="ann")
    raw = to_dict(a)
    assert raw == {"id": "a1", "quote_id": "q1", "act": "belief", "cue": {"start": 10, "end": 14, "text": "said"},
                   "source": None, "speaker_id": "ann", "speaker_role": None}
    assert from_dict(Attribution, raw) == (a, [])
    record, errors = from_dict(Attribution, {k: v for k, v in raw.items() if k != "source"})
    assert record is None and [(e.field, repr(e.found)) for e in errors] == [("source", "nothing (the field is missing)")]


def test_derived_layer_tables():
    from corpus_kz.records import AGENT_FIELDS, ID_PREFIX, SPAN_LAYERS

    assert ID_PREFIX == {"zones": "z", "mentions": "m", "quotes": "q", "attributions": "a", "figures": "f", "frames": "fr"}
    assert AGENT_FIELDS == {"figures": "source", "frames": "holder"}
    assert SPAN_LAYERS == ("zones", "mentions", "quotes", "figures", "frames")


# -- provenance: origin and confidence ----------------------------------------------------------------

def _one_record(i, **provenance):
    """The i-th of the six annotation types (zone, mention, quote, attribution, figure, frame), with ``provenance``."""
    s = Span(0, 2, "ab")
    makers = [lambda: Zone(0, 2, "ab", id="z1", zone="caption", **provenance),
              lambda: Mention(0, 2, "ab", id="m1", entity_id="ann", label="PERSON", form="name", **provenance),
              lambda: Quote(0, 2, "ab", id="q1", type="direct", **provenance),
              lambda: Attribution("a1", "q1", "assertion", s, None, **provenance),
              lambda: Figure(0, 2, "ab", id="f1", number="ab", value=2.0, qualifier="exact", quantity="deaths",
                             unit="people", event=None, source="author", **provenance),
              lambda: Frame(0, 2, "ab", id="fr1", frame="domestic", holder="author", stance="asserts", **provenance)]
    return makers[i]()


def _records(**provenance):
    """One record of each of the six annotation types, with the given origin and confidence (if any)."""
    return [_one_record(i, **provenance) for i in range(6)]


def test_records_are_gold_by_default_and_their_file_shape_says_nothing_of_it():
    from corpus_kz.records import to_dict

    for r in _records():
        assert (r.origin, r.confidence) == ("gold", None)
        raw = to_dict(r)
        assert "origin" not in raw and "confidence" not in raw, type(r).__name__
        assert to_dict(r, complete=True)["origin"] == "gold" and to_dict(r, complete=True)["confidence"] is None
    # stated explicitly, the defaults are the same record
    assert _records(origin="gold", confidence=None) == _records()


def test_a_predicted_record_round_trips_its_file_shape():
    from corpus_kz.records import from_dict, to_dict

    for r in _records(origin="predicted:direct_quote", confidence=0.75):
        raw = to_dict(r)
        assert (raw["origin"], raw["confidence"]) == ("predicted:direct_quote", 0.75)
        assert list(raw)[-2:] == ["origin", "confidence"]
        assert from_dict(type(r), raw) == (r, [])
    # The bounds are included, and an integer is a number.
    for value in (0, 1, 0.0, 1.0):
        (z, *_) = _records(origin="predicted:caption_rule", confidence=value)
        assert from_dict(Zone, to_dict(z)) == (z, [])


def test_entities_carry_no_provenance():
    from corpus_kz.records import field_kinds

    assert "origin" not in dict(field_kinds(Entity)) and "confidence" not in dict(field_kinds(Entity))


@pytest.mark.parametrize("provenance, field, found", [
    (dict(origin="predicted", confidence=0.5), "origin", "predicted"),      # no rule
    (dict(origin="predicted:", confidence=0.5), "origin", "predicted:"),
    (dict(origin="predicted:Direct", confidence=0.5), "origin", "predicted:Direct"),  # not snake_case
    (dict(origin="Gold"), "origin", "Gold"),
    (dict(origin=None), "origin", None),
    (dict(origin="predicted:rule", confidence=1.5), "confidence", 1.5),
    (dict(origin="predicted:rule", confidence=-0.1), "confidence", -0.1),
    (dict(origin="predicted:rule", confidence=True), "confidence", True),
    (dict(origin="predicted:rule", confidence=float("nan")), "confidence", "nan"),
    (dict(origin="predicted:rule", confidence="0.5"), "confidence", "0.5"),
    (dict(confidence=0.5), "confidence", 0.5),                              # gold is certain
    (dict(origin="gold", confidence=0.0), "confidence", 0.0),
    (dict(origin="predicted:rule"), "confidence", None),                    # a prediction needs a confidence
])
def test_bad_provenance_is_refused_naming_the_field_and_value(provenance, field, found):
    from corpus_kz.errors import show

    for make in range(6):
        with pytest.raises(FieldError) as exc:
            _one_record(make, **provenance)
        assert exc.value.field == field
        if found == "nan":
            assert str(exc.value.found) == "nan"
        else:
            assert exc.value.found == found and type(exc.value.found) is type(found)
            assert show(found) in str(exc.value)


def test_the_provenance_rule_names_both_values():
    with pytest.raises(FieldError) as exc:
        Quote(0, 2, "ab", id="q1", type="direct", confidence=0.5)
    assert "0.5" in str(exc.value) and "'gold'" in str(exc.value)
    with pytest.raises(FieldError) as exc:
        Quote(0, 2, "ab", id="q1", type="direct", origin="predicted:direct_quote")
    assert "null" in str(exc.value) and "'predicted:direct_quote'" in str(exc.value)


def test_a_file_may_leave_out_origin_and_confidence_but_not_state_them_wrong():
    from corpus_kz.records import from_dict

    raw = {"start": 0, "end": 2, "text": "ab", "id": "q1", "type": "direct"}
    assert from_dict(Quote, raw) == (Quote(0, 2, "ab", id="q1", type="direct"), [])
    assert from_dict(Quote, {**raw, "origin": "gold", "confidence": None}) == (Quote(0, 2, "ab", id="q1",
                                                                                       type="direct"), [])
    # only origin and confidence are optional: every other field must still be there
    record, errors = from_dict(Quote, {k: v for k, v in raw.items() if k != "type"})
    assert record is None and [(e.field, repr(e.found)) for e in errors] == [("type", "nothing (the field is missing)")]
    for bad, field, found in [({"origin": "predicted"}, "origin", "predicted"),
                              ({"origin": None}, "origin", None),
                              ({"origin": "predicted:x", "confidence": 2}, "confidence", 2),
                              ({"confidence": 0.3}, "confidence", 0.3),
                              ({"origin": "predicted:x"}, "confidence", None)]:
        record, errors = from_dict(Quote, {**raw, **bad})
        assert record is None and [(e.field, e.found) for e in errors] == [(field, found)], bad


def test_an_event_is_checked_by_its_kinds_and_its_days():
    e = Event("almaty_2019", "A protest in Almaty", dt.date(2019, 6, 9), dt.date(2019, 6, 10), ("Almaty",))
    assert e.notes == () and str(e) == "A protest in Almaty"
    assert replace(e, end=e.start).end == e.start  # a one-day event
    with pytest.raises(FieldError) as exc:
        replace(e, end=dt.date(2019, 6, 8))
    assert (exc.value.field, exc.value.found, exc.value.expected) == ("end", "2019-06-08",
                                                                      "a day on or after its start, 2019-06-09")
    with pytest.raises(FieldError, match="at least one place") as exc:
        replace(e, places=())
    assert exc.value.field == "places"
    for fld, bad in (("event_id", "Almaty 2019"), ("name", ""), ("start", "2019-06-09"), ("places", ["Almaty"])):
        with pytest.raises(FieldError) as exc:
            replace(e, **{fld: bad})
        assert exc.value.field == fld


def test_an_events_file_shape_has_iso_dates_and_may_leave_out_its_notes():
    from corpus_kz.records import from_dict, to_dict

    raw = {"event_id": "almaty_2019", "name": "A protest", "start": "2019-06-09", "end": "2019-06-09",
           "places": ["Almaty"]}
    e, errors = from_dict(Event, raw)
    assert errors == [] and e.start == e.end == dt.date(2019, 6, 9) and e.notes == ()
    assert to_dict(e) == raw  # notes at their default are left out, as a file may leave them
    assert to_dict(replace(e, notes=("made up",)))["notes"] == ["made up"]
    _, errors = from_dict(Event, {**raw, "start": "2019-06-31"})
    assert [(x.field, x.expected) for x in errors] == [("start", "a calendar date YYYY-MM-DD")]


def test_a_documents_and_a_figures_event_is_any_event_id_the_corpus_may_declare():
    kw = dict(id="f1", number="12", value=12, qualifier="exact", quantity="detained", unit="people", source="author")
    # the corpus says whether an event is declared; the record, whether it is an event id
    assert Figure(0, 2, "12", event="almaty_2019", **kw).event == "almaty_2019"
    with pytest.raises(FieldError) as exc:
        Figure(0, 2, "12", event="Almaty 2019", **kw)
    assert exc.value.field == "event" and "declares" in exc.value.expected
