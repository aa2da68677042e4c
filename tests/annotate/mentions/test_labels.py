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


# -- a place the registry does not know (issue 17): its occurrences' cues, not its length ------------------

def labels_of(text: str, name: str) -> set[str]:
    return {label for t, label, _, _ in spans(text, entities={}) if t.lower() == name.lower()}


def test_an_unknown_place_named_in_place_contexts_is_a_place():
    # Three bare occurrences of two capitalised words guessed PERSON and outvoted the one "in".
    text = ("Salt Creek lies near the border. Salt Creek was cut off. Aid reached Salt Creek on Friday. Police in "
            "Salt Creek said the road was closed.")
    assert labels_of(text, "Salt Creek") == {"GPE"}


def test_a_dateline_names_a_place():
    text = "VARDENIK, Armenia (AP) — Hundreds of people gathered on Monday. Vardenik has no hospital."
    assert labels_of(text, "Vardenik") == {"GPE"}


def test_a_name_before_its_country_is_a_place():
    text = "Salt Creek, Kyrgyzstan, has no hospital. Salt Creek was cut off by floods. Aid reached Salt Creek by boat."
    assert labels_of(text, "Salt Creek") == {"GPE"}


def test_a_person_cue_still_outvotes_a_length_guess():
    assert labels_of("Marta Szulc arrived. Marta Szulc said the plant was closed.", "Marta Szulc") == {"PERSON"}


def test_a_state_or_province_named_alone_is_a_place():
    # General lists knew countries and capitals but no state or province: "Nova Scotia" was a person.
    text = "Crews from Halifax worked all night. Nova Scotia has 900,000 people. Ontario sent more trucks."
    assert labels_of(text, "Nova Scotia") == labels_of(text, "Ontario") == {"GPE"}


def test_a_name_whose_appositive_is_a_place_noun_is_a_place():
    assert labels_of("Residents of Batken, a border province, said they feared more fighting.", "Batken") == {"GPE"}
