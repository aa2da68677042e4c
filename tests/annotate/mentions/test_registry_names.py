"""The registry's names and aliases in a text (rule ``mention_gazetteer``)."""

from __future__ import annotations

from corpus_kz.annotate.calibration import raw_scores

from . import find, spans


def test_a_romanised_name_links_to_the_registry_with_high_confidence():
    with raw_scores():  # the rule's own score; the record's is its calibrated probability
        found, _ = find("Toqaev spoke in Almaty on Monday.")
    m = found[0]
    assert (m.text, m.entity_id, m.label, m.form) == ("Toqaev", "tokayev", "PERSON", "name")
    assert (m.origin, m.confidence) == ("predicted:mention_gazetteer", 0.9)


def test_titles_and_possessives_are_not_part_of_the_span():
    assert spans("On his visit, President Kassym-Jomart Tokayev's office denied it.") == [
        ("Kassym-Jomart Tokayev", "PERSON", "name", "tokayev")]


def test_a_language_is_no_people():
    assert spans("Kazakh-speaking viewers and Kazakh language courses") == []
    assert spans("Kazakh citizens crossed the border.") == [("Kazakh", "NORP", "name", "kazakhs")]
