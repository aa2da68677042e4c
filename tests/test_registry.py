"""The registry: read-only, one id one entity, lookups that say what exists."""

from dataclasses import replace

import pytest

from corpus_kz import Entity, NotFoundError, Registry

TOKAYEV = Entity("tokayev", "Kassym-Jomart Tokayev", "PERSON", role="official", aliases=("Tokayev",))
ALMATY = Entity("almaty", "Almaty", "GPE", aliases=("Almaty",))


def test_built_from_entities_or_a_mapping():
    a, b = Registry([TOKAYEV, ALMATY]), Registry({"tokayev": TOKAYEV, "almaty": ALMATY})
    assert a == b == {"tokayev": TOKAYEV, "almaty": ALMATY} and list(a) == ["tokayev", "almaty"]
    assert Registry(a)._by_id is a._by_id and len(a) == 2 and "almaty" in a and 3 not in a
    assert a.get("nobody") is None and a.get(None) is None


def test_one_id_one_entity():
    assert Registry([TOKAYEV, TOKAYEV]) == Registry([TOKAYEV])  # the same entity twice is one
    with pytest.raises(ValueError, match="two different entities have the id 'tokayev'"):
        Registry([TOKAYEV, replace(TOKAYEV, role="activist")])
    with pytest.raises(ValueError, match="registry entry 'president' holds the entity 'tokayev'"):
        Registry({"president": TOKAYEV})
    with pytest.raises(TypeError, match="found dict, expected an Entity"):
        Registry({"tokayev": {"entity_id": "tokayev"}})


def test_read_only_and_extended_into_a_new_one():
    r = Registry([TOKAYEV])
    with pytest.raises(TypeError):
        r["almaty"] = ALMATY  # the point: it fails
    more = r.extended([ALMATY, replace(TOKAYEV, role="activist")])  # an id already there keeps its entity
    assert list(more) == ["tokayev", "almaty"] and more["tokayev"] is TOKAYEV and list(r) == ["tokayev"]
    assert list(more.restricted(["almaty", "nobody"])) == ["almaty"]


def test_a_missing_id_says_what_exists():
    with pytest.raises(NotFoundError) as exc:
        Registry([TOKAYEV, ALMATY])["nazarbayev"]
    assert str(exc.value) == "no entity 'nazarbayev' in the registry of 2: tokayev, almaty"


def test_one_entity_spelled_more_ways_is_one_entity():
    """A spelling is never a conflict (codebook §2 asks for every one a mention uses): the aliases join."""
    toqaev = replace(TOKAYEV, aliases=("Tokayev", "Toqaev"))
    assert Registry([TOKAYEV]).extended([toqaev])["tokayev"].aliases == ("Tokayev", "Toqaev")
    assert Registry([TOKAYEV]).extended([replace(TOKAYEV, role="activist")])["tokayev"] is TOKAYEV  # kept, not merged


def test_the_pre_annotator_adds_the_spellings_it_links():
    import corpus_kz

    doc = corpus_kz.annotate("President Toqaev said that order would be restored.", {"doc_id": "t"})
    (m,) = [m for m in doc.mentions if m.text == "Toqaev"]
    assert m.entity_id == "tokayev" and "Toqaev" in doc.registry["tokayev"].aliases
    assert "Toqaev" not in corpus_kz.load().registry["tokayev"].aliases  # the bundled registry is untouched
    # A corpus of it and of the bundled documents holds one tokayev, spelled every way either uses.
    grown = corpus_kz.Corpus([*corpus_kz.load(), doc])
    assert {"Tokayev", "Toqaev"} <= set(grown.registry["tokayev"].aliases)
    assert all(d.registry is grown.registry for d in grown)
