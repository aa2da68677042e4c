"""Capitalised names the registry does not know (rule ``mention_capitalised``)."""

from __future__ import annotations

import pytest

import corpus_kz

from . import spans


@pytest.mark.parametrize("text", [
    "The protesters gathered again.",
    "But the crowd did not leave.",
    "Residents said the shops were closed. Some residents left.",
    "According to officials, the road was closed.",
])
def test_sentence_initial_common_words_are_no_names(text):
    assert spans(text, entities={}) == []


def test_a_name_with_a_capitalised_head_is_one_name_with_nothing_nested():
    found = spans("The Customs Service of the Slovak Republic and the Almaty Bureau for Press Freedom issued statements.")
    assert [(t, label) for t, label, _, _ in found] == [("Customs Service of the Slovak Republic", "ORG"),
                                                       ("Almaty Bureau for Press Freedom", "ORG")]


def test_names_inside_an_award_are_not_marked():
    assert spans("She received the Almaty Press Freedom Award in 2019.") == [("2019", "DATE", "name", "date_2019")]


def test_a_headline_in_title_case_only_has_known_names():
    text = "Uzbek Protesters Clash With Police In Nukus\n\nThe clashes began on Friday."
    assert [(t, label) for t, label, _, _ in spans(text, entities={})] == [("Uzbek", "NORP"), ("Friday", "DATE")]


def test_a_run_made_wholly_of_registry_names_stays_those_names():
    # "Kazakh Interior Ministry": the people and the ministry the registry knows, not a new organisation.
    doc = corpus_kz.annotate("According to the Kazakh Interior Ministry, 1,200 people were detained.",
                             {"event": "qantar_2022"})
    assert [(m.text, m.entity_id) for m in doc.mentions] == [("Kazakh", "kazakhs"), ("Interior Ministry", "kz_interior_ministry")]
