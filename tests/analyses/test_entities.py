"""Names and descriptions, co-occurrence, spellings and dates."""

import pytest

from corpus_kz.analyses import cooccurrence, mention_forms, spelling_variants, timeline


def test_mention_forms():
    m = mention_forms()
    assert m.groupby("form", observed=True).mentions.sum().to_dict() == {"name": 413, "nominal": 82}
    naz = m[m.entity_id == "nazarbayev"].set_index("form").mentions.to_dict()
    assert naz == {"name": 11, "nominal": 1}  # "the former president" in the Zhovtis interview


def test_spelling_variants_of_canonical_entities():
    s = spelling_variants().set_index("entity_id")
    assert set(s.loc["tokayev", "variants"]) == {"Tokayev", "Kassym-Jomart Tokayev", "Kassym Zhomart-Tokayev",
                                                 "Qasym-Zhomart Toqaev", "Tokajev"}  # names only, not "the President"
    assert {"Masanchi", "Masanchy"} <= set(s.loc["masanchi", "variants"])


def test_cooccurrence_network():
    e = cooccurrence(labels=["NORP"])
    assert e[(e.entity_id_a == "dungans") & (e.entity_id_b == "kazakhs")].weight.item() == 6
    q = cooccurrence(scope="quote")
    assert (q.entity_id_a < q.entity_id_b).all() and (q.weight > 0).all()
    with pytest.raises(ValueError, match="scope 'paragraph'"):
        cooccurrence(scope="paragraph")


def test_timeline_from_date_mentions():
    t = timeline()
    z = t[t.doc_id == "rferl_2011_zhanaozen_unrest"]
    assert z.date.dt.strftime("%Y-%m-%d").tolist() == ["2011-05-01", "2011-12-16", "2011-12-17", "2011-12-18",
                                                       "2011-12-19"]
    assert z.precision.astype(str).tolist()[0] == "month"  # "since May"


def test_cooccurrence_per_outlet_adds_up():
    whole = cooccurrence(labels=["NORP"]).set_index(["entity_id_a", "entity_id_b"]).weight
    per = cooccurrence(labels=["NORP"], by="outlet").groupby(["entity_id_a", "entity_id_b"]).weight.sum()
    assert per.sort_index().equals(whole.sort_index())
