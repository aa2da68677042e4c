"""The gold corpus: pinned counts per layer per document and hand-checked records.

When an annotation is corrected on purpose, update the pins here in the same
commit, with the reason in annotations/adjudication/decisions.json.
"""

import re

import pytest

COUNTS = {
    # doc_id: zones, mentions, quotes, attributions, figures, frames
    "cabar_2020_masanchi": (12, 101, 29, 29, 22, 44),
    "rferl_2020_kordai_returning": (5, 74, 9, 9, 17, 6),
    "aljazeera_2020_dungan_repost": (10, 96, 32, 32, 10, 29),
    "aljazeera_2022_zhovtis_interview": (12, 88, 36, 36, 12, 26),
    "rferl_2011_zhanaozen_unrest": (24, 116, 27, 27, 8, 12),
}
LAYERS = ("zones", "mentions", "quotes", "attributions", "figures", "frames")


def test_documents_in_manifest_order(corpus):
    assert corpus.doc_ids == list(COUNTS)


@pytest.mark.parametrize("doc_id", COUNTS)
def test_counts_per_layer(corpus, doc_id):
    doc = corpus[doc_id]
    assert tuple(len(getattr(doc, layer)) for layer in LAYERS) == COUNTS[doc_id]


def test_registry_size_and_spelling_variants(corpus):
    assert len(corpus.entities_by_id) == 128
    aliases = {eid: set(e.aliases) for eid, e in corpus.entities_by_id.items()}
    assert {"Tokayev", "Qasym-Zhomart Toqaev", "Kassym Zhomart-Tokayev", "Tokajev"} <= aliases["tokayev"]
    assert {"Nazarbayev", "Nazarbaev"} <= aliases["nazarbayev"]
    assert {"Kordai", "Korday"} <= aliases["kordai"]
    assert {"Masanchi", "Masanchy"} <= aliases["masanchi"]
    assert {"Mangistau", "Manghystau"} <= aliases["mangistau"]
    assert {"Aktau", "Aqtau"} <= aliases["aktau"]
    # Every mention's text is one of its entity's aliases, and every alias is used.
    used = {}
    for d in corpus:
        for m in d.mentions:
            used.setdefault(m.entity_id, set()).add(m.text)
    assert {k: v for k, v in aliases.items() if v} == used


def test_participant_counts_disagree_across_outlets(corpus):
    f = corpus.figures()
    kordai = f[(f.event == "kordai_2020") & (f.quantity == "participants") & f.value.notna()]
    rows = {r.doc_id: (r.text, r.value, r.qualifier, r.source_id) for r in kordai.itertuples()}
    assert rows == {
        "cabar_2020_masanchi": ("about 400 people", 400.0, "about", "kz_interior_ministry"),
        "rferl_2020_kordai_returning": ("around 300 people", 300.0, "about", "kz_authorities"),
    }


def test_death_tolls_per_source(corpus):
    f = corpus.figures()
    deaths = f[f.quantity == "deaths"].set_index(["doc_id", "figure_id"])
    assert deaths.loc[("cabar_2020_masanchi", "f2"), ["text", "source", "source_role"]].tolist() == [
        "10 persons", "official data", "official"]
    assert deaths.loc[("rferl_2011_zhanaozen_unrest", "f1"), ["text", "value", "qualifier", "source"]].tolist() == [
        "at least 13 people", 13.0, "at_least", "author"]
    assert deaths.loc[("aljazeera_2022_zhovtis_interview", "f8"), ["text", "event", "source_id"]].tolist() == [
        "at least 15 people", "zhanaozen_2011", "zhovtis"]


def test_who_denies_the_interethnic_frame(corpus):
    fr = corpus.frames()
    denied = fr[(fr.frame == "interethnic") & (fr.stance == "denies")]
    assert [(r.doc_id, r.text, r.holder_id, r.holder_role) for r in denied.itertuples()] == [
        ("cabar_2020_masanchi", "interethnic grounds", "kz_authorities", "official")]
    doc = corpus["cabar_2020_masanchi"]
    assert "The authorities of the country deny any interethnic grounds" in doc.text


def test_every_interview_answer_paragraph_is_a_zhovtis_quote(corpus):
    doc = corpus["aljazeera_2022_zhovtis_interview"]
    quotes = {(q.start, q.end): q for q in doc.quotes}
    answering, n = False, 0
    for para in doc.paragraphs:
        if para.text.startswith("Al Jazeera:") or para.text.startswith("Editor’s note"):
            answering = False
            continue
        label = re.match(r"(Yevgeniy Zhovtis|Zhovtis): ", para.text)
        if label:
            answering = True
        if not answering:
            continue
        start = para.start + (label.end() if label else 0)
        q = quotes[(start, para.end)]
        a = doc.attribution(q)
        assert (q.type, a.speaker_id, a.cue.text) == ("direct", "zhovtis", ":"), para.text[:60]
        n += 1
    assert n == 29


def test_questions_are_zones_not_quotes(corpus):
    doc = corpus["aljazeera_2022_zhovtis_interview"]
    questions = [z for z in doc.zones if z.zone == "question"]
    assert len(questions) == 6 and all(z.text.startswith("Al Jazeera: ") for z in questions)
    # A quote nested in a question is its own quote: Tokayev's "foreign-sponsored terrorists".
    q = next(q for q in doc.quotes if q.text == "foreign-sponsored terrorists")
    assert doc.zone_at(q.start) == "question" and doc.attribution(q).speaker_id == "tokayev"


def test_translation_gender_errors_do_not_change_the_speaker(corpus):
    doc = corpus["aljazeera_2020_dungan_repost"]
    she_he = doc.text.index("She He said")
    a = next(a for a in doc.attributions if a.source and a.source.start == she_he + 4)
    assert (a.source.text, a.speaker_id) == ("He", "thibault")
    assert {doc.attribution(q).speaker_id for q in doc.quotes if doc.attribution(q).source
            and doc.attribution(q).source.text == "he" and q.start > doc.text.index("Thibault said")} == {"thibault"}


def test_group_sources_have_a_span_and_a_role(corpus):
    doc = corpus["rferl_2020_kordai_returning"]
    a = next(a for a in doc.attributions if a.source and a.source.text == "Kyrgyz officials")
    assert (a.speaker_id, a.speaker_role, a.cue.text) == (None, "foreign_official", "told")
    figures = [f for f in doc.figures if f.source == a.id]
    assert [f.text for f in figures] == ["10 people", "approximately 4,500 entries"]


def test_records_by_position(corpus):
    first = corpus[0]
    assert first.quotes[0].text.startswith("disorders in Masanchi village that took lives of 10 people")
    assert (first.figures[0].text, first.figures[0].quantity) == ("10 people", "deaths")
    assert (corpus[4].zones[0].text, corpus[4].zones[0].zone) == ("Accessibility links", "boilerplate")
    assert [z.zone for z in corpus[1].zones].count("caption") == 2  # a repeated caption is two zones


def test_no_empty_sources_unless_nothing_names_one(corpus):
    for d in corpus:
        for a in d.attributions:
            assert a.source is not None or a.speaker_id is not None, (d.doc_id, a.id)


def test_codebook_decisions_hold_in_the_files(corpus):
    """Spot checks of GUIDELINES.md §7 against the gold."""
    fr = corpus.frames()
    domestic = fr[fr.frame == "domestic"]
    crime = {(r.text, r.holder_id) for r in domestic.itertuples()}
    assert {("a mob", "kz_interior_ministry"), ("mob violence", "kz_authorities"), ("criminal acts", "nuland")} <= crime
    prices = fr[(fr.doc_id == "aljazeera_2022_zhovtis_interview") & (fr.text == "fuel prices")]
    assert prices.holder_id.tolist() == ["tokayev"]
    m = corpus.mentions()
    dates = dict(zip(m[m.label == "DATE"].text, m[m.label == "DATE"].entity_id))
    assert (dates["two days earlier"], dates["the next day"], dates["In a year"]) == (
        "date_2020_02_07", "date_2020_02_07", "date_2008")
    assert not ((m.text == "Kazakh") & m.doc_id.isin(["aljazeera_2022_zhovtis_interview"])
                & (m.start == corpus["aljazeera_2022_zhovtis_interview"].text.index("Kazakh-speaking"))).any()
    doc = corpus["cabar_2020_masanchi"]
    blood = next(q for q in doc.quotes if q.text.startswith("Blood was shed"))
    a = doc.attribution(blood)
    assert (blood.type, a.cue.text, a.source.text, a.speaker_id) == ("direct", "blamed", "Tokayev", "tokayev")
    f = corpus.figures()
    assert f[f.text == "81 miles"].qualifier.tolist() == ["about"]
