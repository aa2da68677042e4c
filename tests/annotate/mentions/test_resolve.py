"""The records in text order with their ids, and the new entities for unknown names."""

from __future__ import annotations

from corpus_kz import Entity
from corpus_kz.annotate.calibration import raw_scores

from . import find


def test_mentions_are_records_in_text_order_with_ids():
    text = "On Monday Toqaev and the CSTO met in Almaty. Residents of Almaty stayed home."
    found, _ = find(text)
    assert [m.id for m in found] == [f"m{k}" for k in range(1, len(found) + 1)]
    assert all(text[m.start:m.end] == m.text for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_an_unknown_name_becomes_a_new_entity_and_its_surname_links_to_it():
    with raw_scores():  # the rules' own scores: an unknown name scores below a registry name (0.9)
        found, ctx = find("Deputy Prime Minister Aidos Bekmukhanov visited the town. "
                          "Later Bekmukhanov said order was restored.")
    people = [(m.text, m.entity_id, m.label, m.origin) for m in found if m.label == "PERSON"]
    assert people == [("Aidos Bekmukhanov", "bekmukhanov", "PERSON", "predicted:mention_capitalised"),
                      ("Bekmukhanov", "bekmukhanov", "PERSON", "predicted:mention_capitalised")]
    e = ctx.new_entities["bekmukhanov"]
    assert (e.name, e.label, e.role, e.aliases) == ("Aidos Bekmukhanov", "PERSON", "other",
                                                      ("Aidos Bekmukhanov", "Bekmukhanov"))
    assert all(m.confidence < 0.9 for m in found if m.origin == "predicted:mention_capitalised")


def test_a_namesake_is_a_new_entity_with_an_id_of_its_own():
    registry = {"petrova": Entity("petrova", "Irina Petrova", "PERSON", "journalist", ("Petrova",))}
    found, ctx = find("Activist Anna Petrova spoke to reporters.", entities=registry)
    assert [(m.text, m.entity_id) for m in found] == [("Anna Petrova", "petrova_2")]
    assert ctx.new_entities["petrova_2"].name == "Anna Petrova"
