"""The label of an unknown name, from its cues."""

from __future__ import annotations

import pytest

from . import spans


def test_a_capitalised_word_is_labelled_by_its_cues():
    found = spans("Police arrived in Kalinovka village. Marta Szulc said the Green Dawn party and the PKT "
                  "company were not involved. Many Uzbeks live in Tashkent.", entities={})
    assert [(t, label) for t, label, _, _ in found] == [
        ("Kalinovka", "GPE"), ("Marta Szulc", "PERSON"), ("Green Dawn", "ORG"), ("PKT", "ORG"),
        ("Uzbeks", "NORP"), ("Tashkent", "GPE")]


@pytest.mark.parametrize("text, name", [
    ("Tony Blair said the talks had failed.", "Tony Blair"),       # "-air" ends a surname, not only an airline
    ("Blair said the talks had failed.", "Blair"),
    ("The analyst Anna Wenbank disagreed.", "Anna Wenbank"),        # "-bank" likewise
    ("Mark Castel told reporters the plant was closed.", "Mark Castel"),
    ("DeSantis said the state would appeal.", "DeSantis"),         # a surname's particle, not a company's inner capital
])
def test_a_person_cue_outweighs_the_shape_of_a_company_name(text, name):
    assert [(t, label) for t, label, _, _ in spans(text, entities={})] == [(name, "PERSON")]


def test_the_shape_of_a_company_name_still_counts_without_a_person_cue():
    found = spans("The report by Tengrinews and the KazMunaiGas statement were read out in Vilnius.", entities={})
    assert [(t, label) for t, label, _, _ in found] == [("Tengrinews", "ORG"), ("KazMunaiGas", "ORG"),
                                                       ("Vilnius", "GPE")]
