"""The Document API: lookups that name what exists, speakers of quotes, zones by offset."""

import pytest

from corpus_kz import Agent, NotFoundError

DOC = "rferl_2020_kordai_returning"


def test_record_lookup_by_id(corpus):
    doc = corpus[DOC]
    assert doc["q3"] is doc.quotes[2] and doc.get("q999") is None


def test_unknown_record_says_what_exists(corpus):
    doc = corpus[DOC]
    with pytest.raises(KeyError) as exc:
        doc["q999"]
    assert isinstance(exc.value, NotFoundError)
    assert str(exc.value) == f"{DOC} has no quote 'q999'; its quotes are q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, … (16 in all)"
    with pytest.raises(NotFoundError, match="record ids start with 'z', 'm', 'q', 'a', 'f', 'fr'"):
        doc["nonsense"]


def test_attribution_of_a_missing_quote(corpus):
    doc = corpus[DOC]
    assert doc.attribution("q1") is doc.attribution(doc.quotes[0])
    with pytest.raises(NotFoundError, match=r"has no quote 'q999'; its quotes are q1, q2"):
        doc.attribution("q999")


def test_agent_that_does_not_exist(corpus):
    doc = corpus[DOC]
    with pytest.raises(NotFoundError) as exc:
        doc.agent("nobody")
    assert str(exc.value) == (f"'nobody' is neither 'author', an attribution of {DOC} (a1, a2, a3, a4, a5, a6, a7, a8, "
                              f"a9, a10, a11, a12, … (16 in all)) nor one of the {len(corpus.registry)} registry entities")


def test_agents(corpus):
    doc = corpus[DOC]
    assert doc.agent("author") == Agent(None, "author", None)
    assert doc.agent("kz_authorities").id == "kz_authorities"
    assert doc.agent("a1") == doc.speaker(doc["a1"])


def test_speaker_takes_a_quote_an_attribution_or_an_id(corpus):
    doc = corpus["aljazeera_2022_zhovtis_interview"]
    q = doc["q10"]
    assert q.text == "foreign-sponsored terrorists"
    expected = Agent("tokayev", "Kassym-Jomart Tokayev", "official")
    assert doc.speaker(q) == doc.speaker(doc.attribution(q)) == doc.speaker("q10") == doc.speaker("a10") == expected
    assert str(doc.speaker(q)) == "Kassym-Jomart Tokayev"
    with pytest.raises(TypeError, match="not Mention"):
        doc.speaker(doc.mentions[0])


def test_zone_at(corpus):
    doc = corpus[DOC]
    assert doc.zone_at(0) == "boilerplate" and doc.zone_at(len(doc.text) - 1) == "body"
    for offset in (-1, len(doc.text)):
        with pytest.raises(IndexError) as exc:
            doc.zone_at(offset)
        assert str(exc.value) == (f"offset {offset} is outside the text of {DOC}, which has 3938 characters "
                                  "(offsets 0 to 3937)")
    with pytest.raises(TypeError):
        doc.zone_at("3")


def test_repr_and_records(corpus):
    doc = corpus[DOC]
    assert repr(doc) == (f"Document('{DOC}', 3938 chars, zones=5, mentions=74, quotes=16, attributions=16, figures=18, "
                         "frames=6)")
    assert len(list(doc.records())) == 5 + 74 + 16 + 16 + 18 + 6


def test_annotated_says_whether_any_layer_holds_a_record():
    from dataclasses import replace

    import corpus_kz

    doc = corpus_kz.load()[0]
    assert doc.annotated
    assert not replace(doc, zones=(), mentions=(), quotes=(), attributions=(), figures=(), frames=()).annotated
