"""Descriptions that refer to one entity (rule ``mention_nominal``)."""

from __future__ import annotations

import corpus_kz

from . import REGISTRY, find, spans


def test_a_description_refers_to_the_person_last_introduced_with_that_title():
    found = spans("Interior Minister Erlan Nurov flew to Almaty. Former President Nursultan Nazarbayev stayed in the capital. "
                  "The minister said police used rubber bullets. The former president was silent.")
    nominal = [(t, eid) for t, _, form, eid in found if form == "nominal"]
    assert nominal == [("minister", "nurov"), ("police", "kz_police"), ("former president", "nazarbayev")]


def test_a_body_is_described_only_as_a_noun_phrase():
    found = spans("Riot police sealed off the square in Almaty. Police officers and a government spokesman arrived. "
                  "The city police and the government said foreign forces were behind the unrest.")
    assert [(t, form, eid) for t, _, form, eid in found] == [
        ("Riot police", "nominal", "kz_police"), ("Almaty", "name", "almaty"), ("city police", "nominal", "kz_police"),
        ("government", "nominal", "kz_government")]


def test_a_state_body_of_a_place_is_one_description():
    found = spans("The health ministry of Kazakhstan and the police department of Pavlodar region said so.")
    assert [(t, label, form) for t, label, form, _ in found] == [
        ("health ministry of Kazakhstan", "ORG", "nominal"), ("police department of Pavlodar region", "ORG", "nominal")]


_ELSEWHERE = ("LIMA, Peru -- The president declared a state of emergency on Wednesday after protesters blocked "
              "the main highway. Police fired tear gas and the government said the organization behind the "
              "blockades would be banned. The president later met Riot police commanders. Local police said "
              "the interior ministry of Peru had sent reinforcements.")


def test_descriptions_in_a_text_about_another_world_link_to_nothing_in_the_registry():
    """A text that names none of the registry's people or places: its "president" is not the registry's."""
    found, ctx = find(_ELSEWHERE)
    assert not ctx.descriptions_apply
    assert {m.entity_id for m in found} & set(REGISTRY) == set()
    assert not any(m.form == "nominal" and m.entity_id in REGISTRY for m in found)
    # a lowercase state body of an unknown place is still one description, of a new entity
    assert [(m.text, m.entity_id) for m in found if m.form == "nominal"] == [
        ("interior ministry of Peru", "interior_ministry_of_peru")]
    # the same descriptions in a text that names the registry's country link to it
    found, ctx = find(_ELSEWHERE.replace("LIMA, Peru", "ALMATY, Kazakhstan").replace("of Peru", "of Kazakhstan"))
    assert ctx.descriptions_apply
    linked = {m.entity_id for m in found if m.form == "nominal"}
    assert {"tokayev", "kz_police", "kz_government"} <= linked


def test_the_bundled_registry_is_not_linked_from_a_story_about_another_country():
    text = ("COLOMBO, Sri Lanka -- The president of Sri Lanka declared a curfew on Tuesday. Police said dozens "
            "were arrested, and the organization that called the strike said the president must resign. "
            "The authorities and the government blamed the opposition.")
    doc = corpus_kz.annotate(text, {})
    bundled = corpus_kz.annotate.bundled_registry()
    assert [m.text for m in doc.mentions if m.entity_id in bundled] == []
    assert {m.text for m in doc.mentions} >= {"Sri Lanka", "Tuesday"}
