"""The gazetteer: romanisation-tolerant skeletons, linking one name, finding the registry's names in a text."""

from __future__ import annotations

import pytest

from corpus_kz import Entity
from corpus_kz.annotate.gazetteer import Gazetteer, gazetteer_for, skeleton

from .mentions import REGISTRY


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer(REGISTRY)


@pytest.mark.parametrize("a, b", [("Toqaev", "Tokayev"), ("Tokajev", "Tokayev"), ("Nazarbaev", "Nazarbayev"),
                                  ("Qasym", "Kassym"), ("Jomart", "Zhomart"), ("Janaozen", "Zhanaozen"),
                                  ("Korday", "Kordai"), ("Aqtau", "Aktau"), ("Manghystau", "Mangistau"),
                                  ("Yerlan", "Erlan"), ("Lyazzat", "Liazzat"), ("Aktayeva", "Aktaeva")])
def test_romanisations_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Almaty", "Alma-Ata"), ("Tokayev", "Tokarev"), ("Astana", "Aktau")])
def test_other_names_do_not(a, b):
    assert skeleton(a) != skeleton(b)


@pytest.mark.parametrize("name, expected", [
    ("Toqaev", "tokayev"),                      # a romanisation the registry does not list
    ("Qasym-Zhomart Toqaev", "tokayev"),        # the whole name, romanised otherwise, joined otherwise
    ("Kassym Zhomart-Tokayev", "tokayev"),
    ("Tokayev's", "tokayev"),                   # the possessive is not part of the name
    ("Tokayev’s", "tokayev"),
    ("President Tokayev", "tokayev"),           # titles are not part of the name
    ("Interior Minister Tokayev", "tokayev"),
    ("Mr. Nazarbaev", "nazarbayev"),
    ("Nursultan Nazarbaev", "nazarbayev"),      # given name and surname both romanised otherwise
    ("Janaozen", "zhanaozen"),
    ("ZHANAOZEN", "zhanaozen"),
    ("Kazakh", "kazakhs"),                      # a people in the singular or the plural
    ("the president", "tokayev"),               # a description the registry gives one entity
    ("the police", "kz_police"),
    ("Sergei Ivanov", "ivanov_s"),
    ("S. Ivanov", "ivanov_s"),
    ("CSTO", "csto"),
])
def test_link_resolves_names_as_written(gz, name, expected):
    assert gz.link(name) == expected


@pytest.mark.parametrize("name", [
    "Ivanov",              # two persons have this surname: ambiguous
    "Dmitry Ivanov",       # a given name neither Ivanov has
    "Alma-Ata",            # an old name, not a romanisation
    "Csto",                # an acronym matches only in capitals
    "Nazarbayev University",
    "",
])
def test_link_refuses_what_no_entity_or_more_than_one_fits(gz, name):
    assert gz.link(name) is None


def test_link_without_descriptions_links_names_only(gz):
    """For a text about another world (``Context.descriptions_apply`` false) no description is the registry's."""
    for phrase in ("the president", "the President", "police", "the police", "riot police", "the government"):
        assert gz.link(phrase, descriptions=False) is None, phrase
        assert gz.link(phrase) is not None, phrase  # the default still resolves them
    assert gz.link("Tokayev", descriptions=False) == "tokayev"
    assert gz.link("President Toqaev", descriptions=False) == "tokayev"


def test_link_restricted_to_a_label(gz):
    assert gz.link("Kazakh", "NORP") == "kazakhs"
    assert gz.link("Kazakh", "GPE") is None
    assert gz.link("Tokayev", "ORG") is None


def test_find_returns_registry_names_longest_first_without_overlaps(gz):
    text = "President Toqaev met Nursultan Nazarbaev, the CSTO and Kazakhs in Janaozen; Tokayev’s aides and Ivanov left."
    found = [(text[s:e], eid) for s, e, eid in gz.find(text)]
    assert found == [("Toqaev", "tokayev"), ("Nursultan Nazarbaev", "nazarbayev"), ("CSTO", "csto"),
                     ("Kazakhs", "kazakhs"), ("Janaozen", "zhanaozen"), ("Tokayev", "tokayev")]
    for (s1, e1, _), (s2, _, _) in zip(gz.find(text), gz.find(text)[1:]):
        assert e1 <= s2


@pytest.mark.parametrize("text, found", [
    ("They met Kassym Tokayev.", [("Kassym Tokayev", "tokayev")]),   # a given name the registry knows joins the span
    ("They met Ivan Tokayev.", []),                                   # another given name: another man
    ("Yesterday Tokayev said so.", [("Tokayev", "tokayev")]),        # a sentence's first word is no given name
    ("A Kazakh Tokayev said so.", [("Kazakh", "kazakhs"), ("Tokayev", "tokayev")]),
])
def test_find_reads_the_words_before_a_surname(gz, text, found):
    assert [(text[s:e], eid) for s, e, eid in gz.find(text)] == found


def test_find_leaves_descriptions_to_the_mention_rules(gz):
    assert gz.find("The police and the president met the government.") == []
    assert gz.nominals == {"president": "tokayev", "former president": "nazarbayev", "police of kazakhstan": "kz_police",
                           "police": "kz_police", "riot police": "kz_police", "government": "kz_government"}


def test_gazetteer_for_is_built_once_per_registry():
    assert gazetteer_for(dict(REGISTRY)) is gazetteer_for(dict(REGISTRY))
    smaller = {k: e for k, e in REGISTRY.items() if k != "csto"}
    assert gazetteer_for(smaller) is not gazetteer_for(REGISTRY)
    assert gazetteer_for(smaller).link("CSTO") is None


def test_the_gazetteer_finds_a_registry_name_with_such_capitals():
    g = Gazetteer({"zukauskas": Entity("zukauskas", "Česlovas Žukauskas", "PERSON", "official", ()),
                   "lodz": Entity("lodz", "Łódź", "GPE", None, ())})
    text = "Žukauskas arrived in Łódź on Friday."
    assert [(text[s:e], eid) for s, e, eid in g.find(text)] == [("Žukauskas", "zukauskas"), ("Łódź", "lodz")]
