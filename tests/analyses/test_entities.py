"""Names and descriptions, co-occurrence, spellings and dates."""

import itertools
from collections import Counter

import pytest

import corpus_kz
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
    with pytest.raises(ValueError, match="scope 'chapter'; expected 'sentence', 'paragraph' or 'quote'"):
        cooccurrence(scope="chapter")


def test_cooccurrence_in_paragraphs():
    # One paragraph more than sentences: Sultanaliev's "… villages composed only of Dungans in Kyrgyzstan and
    # Kazakhstan. That is why there is a certain disintegration between them and … the Kazakhs and the Kyrgyz"
    # names both peoples in two sentences of one paragraph (aljazeera_2020_dungan_repost).
    p = cooccurrence(labels=["NORP"], scope="paragraph")
    assert p[(p.entity_id_a == "dungans") & (p.entity_id_b == "kazakhs")].weight.item() == 7


def test_paragraph_scope_is_the_documents_paragraphs():
    # Every pair, counted from Document.paragraphs (corpus_kz.segment); the analysis counts from the texts.
    expected = Counter()
    for doc in corpus_kz.load():
        for para in doc.paragraphs:
            inside = {m.entity_id for m in doc.mentions if para.start <= m.start and m.end <= para.end}
            expected.update(itertools.combinations(sorted(inside), 2))
    p = cooccurrence(scope="paragraph")
    assert dict(zip(zip(p.entity_id_a, p.entity_id_b), p.weight)) == dict(expected)


def test_spelling_variants_per_outlet():
    s = spelling_variants(by="outlet").set_index(["outlet", "entity_id"]).variants
    # RFE/RL's 2011 report writes "Nazarbaev" and "Nursultan Nazarbaev"; the Zhovtis interview on Al Jazeera
    # "Nazarbayev" seven times and "Nursultan Nazarbayev" twice. Spellings differ by outlet, not within one.
    assert s[("RFE/RL", "nazarbayev")] == ["Nazarbaev", "Nursultan Nazarbaev"]
    assert s[("Al Jazeera (repost)", "nazarbayev")] == ["Nazarbayev", "Nursultan Nazarbayev"]


def test_timeline_from_date_mentions():
    t = timeline()
    z = t[t.doc_id == "rferl_2011_zhanaozen_unrest"]
    assert z.date.dt.strftime("%Y-%m-%d").tolist() == ["2011-05-01", "2011-12-16", "2011-12-17", "2011-12-18",
                                                       "2011-12-19"]
    assert z.precision.astype(str).tolist()[0] == "month"  # "since May"
    assert (z.documents == 1).all() and z.outlet.eq("RFE/RL").all()


def test_timeline_per_event_counts_documents():
    e = timeline(by="event")
    # The three Kordai texts all mention February 7, 8 and 9; only RFE/RL's the Monday after (February 10).
    kordai = e[(e.event == "kordai_2020") & (e.precision == "day")].set_index("entity_id").documents
    assert kordai[["date_2020_02_07", "date_2020_02_08", "date_2020_02_09", "date_2020_02_10"]].tolist() == [3, 3, 3, 1]
    per_doc = timeline()
    assert e.mentions.sum() == per_doc.mentions.sum()


def test_cooccurrence_per_outlet_adds_up():
    whole = cooccurrence(labels=["NORP"]).set_index(["entity_id_a", "entity_id_b"]).weight
    per = cooccurrence(labels=["NORP"], by="outlet").groupby(["entity_id_a", "entity_id_b"]).weight.sum()
    assert per.sort_index().equals(whole.sort_index())
