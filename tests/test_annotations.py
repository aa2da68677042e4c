"""The gold corpus: pinned counts per layer per document and hand-checked records.

When an annotation is corrected on purpose, update the pins here in the same
commit, with the reason in annotations/adjudication/decisions.json.
"""

import re

import pytest

COUNTS = {
    # doc_id: zones, mentions, quotes, attributions, figures, frames
    "cabar_2020_masanchi": (12, 102, 40, 40, 22, 58),
    "rferl_2020_kordai_returning": (5, 74, 16, 16, 18, 6),
    "aljazeera_2020_dungan_repost": (11, 107, 39, 39, 10, 42),
    "aljazeera_2022_zhovtis_interview": (12, 92, 46, 46, 13, 28),
    "rferl_2011_zhanaozen_unrest": (24, 120, 35, 35, 9, 13),
}
LAYERS = ("zones", "mentions", "quotes", "attributions", "figures", "frames")


def test_documents_in_manifest_order(corpus):
    assert corpus.doc_ids == list(COUNTS)


@pytest.mark.parametrize("doc_id", COUNTS)
def test_counts_per_layer(corpus, doc_id):
    doc = corpus[doc_id]
    assert tuple(len(getattr(doc, layer)) for layer in LAYERS) == COUNTS[doc_id]


def test_registry_size_and_spelling_variants(corpus):
    assert len(corpus.registry) == 128
    aliases = {eid: set(e.aliases) for eid, e in corpus.registry.items()}
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
    # §5: implicit and zero counts are figures
    assert deaths.loc[("aljazeera_2022_zhovtis_interview", "f9"), ["text", "number", "value", "event", "source_id"]
                      ].tolist() == ["no police officers", "no", 0.0, "zhanaozen_2011", "zhovtis"]
    assert deaths.loc[("rferl_2011_zhanaozen_unrest", "f6"), ["text", "value", "source_id"]].tolist() == [
        "another life", 1.0, "author"]
    # §5: the outlet's gloss inside the Kyrgyz officials' clause ("in which 10 people died") is the author's
    assert deaths.loc[("rferl_2020_kordai_returning", "f3"), ["text", "source_id"]].tolist() == ["10 people", "author"]


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
    assert [f.text for f in figures] == ["approximately 4,500 entries"]  # "10 people" is the outlet's gloss (§5)


def test_records_by_position(corpus):
    first = corpus[0]
    assert first.quotes[0].text.startswith("disorders in Masanchi village that took lives of 10 people")
    assert (first.figures[0].text, first.figures[0].quantity) == ("10 people", "deaths")
    assert (corpus[4].zones[0].text, corpus[4].zones[0].zone) == ("Accessibility links", "boilerplate")
    assert [z.zone for z in corpus[1].zones].count("caption") == 2  # a repeated caption is two zones


def test_a_source_is_missing_only_in_agentless_reports(corpus):
    # §3: an attribution with no source is a hedged or agentless report; its cue is the reporting word.
    agentless = [(d.doc_id, a.cue.text) for d in corpus for a in d.attributions if a.source is None]
    assert agentless == [
        ("cabar_2020_masanchi", "is deemed"),
        ("rferl_2020_kordai_returning", "reports"),
        ("rferl_2020_kordai_returning", "were reported to"),
        ("rferl_2020_kordai_returning", "were reported to"),
        ("rferl_2020_kordai_returning", "reportedly"),
        ("rferl_2020_kordai_returning", "reportedly"),
        ("aljazeera_2020_dungan_repost", "calls for"),
        ("aljazeera_2020_dungan_repost", "allegedly"),
        ("rferl_2011_zhanaozen_unrest", "alleged"),
        ("rferl_2011_zhanaozen_unrest", "reports"),
    ]
    for d in corpus:
        for a in d.attributions:
            assert (a.source is None) == (a.speaker_id is None and a.speaker_role is None), (d.doc_id, a.id)
    doc = corpus["rferl_2020_kordai_returning"]
    q = next(q for q in doc.quotes if q.text.startswith("Another 39"))
    assert doc.attribution(q).cue.text == "were reported to" and q.contains(doc.attribution(q).cue)


def test_codebook_decisions_hold_in_the_files(corpus):
    """Spot checks of GUIDELINES.md §7 against the gold."""
    fr = corpus.frames()
    domestic = fr[fr.frame == "domestic"]
    crime = {(r.text, r.holder_id) for r in domestic.itertuples()}
    assert {("a mob", "kz_interior_ministry"), ("mob violence", "kz_authorities"), ("criminal acts", "nuland")} <= crime
    prices = fr[(fr.doc_id == "aljazeera_2022_zhovtis_interview") & (fr.text == "fuel prices")]
    assert prices.holder_id.tolist() == ["tokayev"]
    doc = corpus["aljazeera_2022_zhovtis_interview"]
    promise = doc.get(next(f.holder for f in doc.frames if f.text == "fuel prices"))
    assert (promise.act, promise.cue.text, doc[promise.quote_id].text) == ("promise", "promised", "lower fuel prices")
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


# -- gold v2 (codebook 2.0) -------------------------------------------------------

def test_acts_and_types(corpus):
    a = corpus.attributions()
    assert a.act.value_counts().to_dict() == {"assertion": 151, "demand": 12, "belief": 10, "promise": 3}
    assert a.type.value_counts().to_dict() == {"indirect": 84, "direct": 70, "mixed": 22}
    # §3: the same verb makes the same attribution everywhere
    cues = a.groupby("cue", observed=True).act.agg(set)
    assert cues["called for"] == cues["called on"] == cues["demanded"] == {"demand"}
    assert cues["assessed"] == cues["does not think"] == {"belief"} and cues["deny"] == {"assertion"}


def test_missing_attributions_of_version_one_are_there(corpus):
    doc = corpus["aljazeera_2022_zhovtis_interview"]
    by_cue = {(doc.attribution(q).cue.text, doc.zone_at(q.start)): (q.text, doc.speaker(q).id, doc.attribution(q).act)
              for q in doc.quotes}
    assert by_cue[("called on", "question")] == (
        "Russia and the CSTO states to support Kazakhstan", "tokayev", "demand")
    assert by_cue[("demanded", "body")] == (
        "an end to what they and many observers saw as a corrupt political system", None, "demand")
    doc = corpus["cabar_2020_masanchi"]
    assessed = next(a for a in doc.attributions if a.cue and a.cue.text == "assessed")
    assert (doc[assessed.quote_id].text, assessed.speaker_id, assessed.act) == (
        "the incident in border villages as disorderly conduct", "tokayev", "belief")


def test_protesters_are_a_voice(corpus):
    a = corpus.attributions()
    voices = a[a.speaker_role == "protester"]
    assert [(r.doc_id, r.source_text, r.cue, r.act) for r in voices.itertuples()] == [
        ("aljazeera_2022_zhovtis_interview", "protesters", "demanded", "demand"),
        ("aljazeera_2022_zhovtis_interview", "they and many observers", "saw", "belief"),
        ("aljazeera_2022_zhovtis_interview", "young unemployed people from the regions", "expressing", "assertion"),
        ("aljazeera_2022_zhovtis_interview", "the protest", "slogans", "assertion"),
        ("rferl_2011_zhanaozen_unrest", "The workers", "are demanding", "demand"),
    ]
    fr = corpus.frames()
    assert fr[fr.holder_role == "protester"][["text", "frame"]].values.tolist() == [
        ["corrupt political system", "governance"], ["injustice", "socioeconomic"],
        ["better wages", "socioeconomic"], ["improved working conditions", "socioeconomic"]]


def test_trigger_domestic_roots_interethnic(corpus):
    # Who says the spark was domestic and the roots interethnic (§6 aspect)?
    fr = corpus.frames()
    asserted = fr[fr.stance == "asserts"]
    trig = set(asserted[(asserted.frame == "domestic") & (asserted.aspect == "trigger")].holder_id.dropna())
    roots = set(asserted[(asserted.frame == "interethnic") & (asserted.aspect == "root_cause")].holder_id.dropna())
    assert trig & roots == {"yergali", "sultanaliev"}
    # The authorities: a domestic trigger, and interethnic grounds denied
    denied = fr[(fr.stance == "denies") & (fr.frame == "interethnic")]
    assert denied[["text", "holder_id", "aspect"]].values.tolist() == [
        ["interethnic grounds", "kz_authorities", "root_cause"]]
    y = fr[fr.holder_id == "yergali"]
    assert set(zip(y.text, y.frame, y.aspect)) >= {("a small fight", "domestic", "trigger"),
                                                  ("long-felt conflict", "interethnic", "root_cause")}
    s = fr[fr.holder_id == "sultanaliev"]
    assert set(zip(s.text, s.aspect)) >= {("The conflict arose from nothing", "trigger"), ("deeper roots", "root_cause")}
    charged = fr[fr.text.str.startswith("they are charged more")]
    assert charged.frame.tolist() == ["interethnic"]  # discrimination, not governance (§7)


def test_reported_frames_have_both_holders(corpus):
    fr = corpus.frames()
    cabar = fr[fr.doc_id == "cabar_2020_masanchi"]
    rows = cabar[cabar.text.isin(["domestic conflicts", "peace and quiet in interethnic relations"])]
    assert sorted(zip(rows.text, rows.frame, rows.holder_id, rows.stance)) == [
        ("domestic conflicts", "domestic", "kz_authorities", "asserts"),
        ("domestic conflicts", "domestic", "taizhan", "denies"),
        ("domestic conflicts", "domestic", "taizhan", "denies"),  # the second occurrence, Taizhan's own words
        ("peace and quiet in interethnic relations", "harmony", "kz_authorities", "asserts"),
        ("peace and quiet in interethnic relations", "harmony", "taizhan", "denies"),
    ]
    harmony = fr[fr.frame == "harmony"]
    assert len(harmony) == 13 and set(harmony.stance) == {"asserts", "denies"}
    assert ("more than 100 ethnic groups live in peace", "kz_government") in set(zip(harmony.text, harmony.holder_id))


def test_nominal_mentions_resolve_to_the_office_holder_of_each_text(corpus):
    m = corpus.mentions()
    assert m.form.value_counts().to_dict() == {"name": 413, "nominal": 82}
    assert set(m[m.form == "nominal"].label) == {"PERSON", "ORG"}
    people = m[(m.form == "nominal") & (m.label == "PERSON")]
    assert sorted(zip(people.doc_id, people.text, people.entity_id)) == [
        ("aljazeera_2020_dungan_repost", "new governor", "saparbaev"),
        ("aljazeera_2022_zhovtis_interview", "President", "tokayev"),
        ("aljazeera_2022_zhovtis_interview", "former president", "nazarbayev"),
        ("aljazeera_2022_zhovtis_interview", "president", "tokayev"),
        ("cabar_2020_masanchi", "human rights activist", "ismailova"),
        ("cabar_2020_masanchi", "injure old man", "tolegen"),
        ("rferl_2011_zhanaozen_unrest", "correspondent", "toguzbaev"),
        ("rferl_2011_zhanaozen_unrest", "correspondent", "toguzbaev"),
        ("rferl_2011_zhanaozen_unrest", "correspondent", "toguzbaev"),
        ("rferl_2011_zhanaozen_unrest", "minister", "kasymov"),
    ]
    doc = corpus["rferl_2011_zhanaozen_unrest"]
    a = next(a for a in doc.attributions if a.source and a.source.text == "minister")
    assert doc.speaker(a).id == "kasymov" and doc.text[a.source.start - 4:a.source.start] == "The "


def test_an_embedded_post_is_a_voice(corpus):
    doc = corpus["aljazeera_2020_dungan_repost"]
    post = next(q for q in doc.quotes if q.text.startswith("Predominantly ethnic people"))
    a = doc.attribution(post)
    assert (post.type, a.cue.text, a.source.text, a.speaker_id) == ("direct", "–", "Ryskeldi Satke", "satke")
    nested = [q for q in doc.quotes if post.contains(q) and q is not post]
    assert [(doc.attribution(q).cue.text, doc.speaker(q).id) for q in nested] == [("reported", "kg_border_service")]


def test_the_codebook_frame_table_cites_real_frames(corpus):
    # Every cue quoted in the table of GUIDELINES.md §6 is a frame of that label in the gold.
    from corpus_kz.storage import Layout, bundled_path

    guidelines = (bundled_path() / Layout.GUIDELINES).read_text(encoding="utf-8")
    table = guidelines.split("## 6. Frames", 1)[1].split("* Mark the shortest span", 1)[0]
    fr = corpus.frames()
    cited = 0
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("frame", "---"):
            continue
        for cue in re.findall(r'"([^"]+)"', cells[2]):
            assert ((fr.text == cue) & (fr.frame == cells[0])).any(), (cells[0], cue)
            cited += 1
    assert cited == 32
    # and the aspect examples of §6 are the gold's
    aspects = dict(zip(zip(fr.text, fr.holder_id.astype(object)), fr.aspect.astype(object)))
    assert aspects[("long-felt conflict", "yergali")] == aspects[("deeper roots", "sultanaliev")] == "root_cause"
    assert aspects[("a small fight", "yergali")] == aspects[("The conflict arose from nothing", "sultanaliev")] == "trigger"


def test_the_codebook_content_examples_are_the_golds(corpus):
    # GUIDELINES.md §3 and §7 give these contents as examples; each is an attributed content in the gold.
    from corpus_kz.storage import Layout, bundled_path

    guidelines = (bundled_path() / Layout.GUIDELINES).read_text(encoding="utf-8")
    contents = {q.text for d in corpus for q in d.quotes}
    for example in ["lower fuel prices", "any interethnic grounds of the conflict",
                    "the incident in border villages as disorderly conduct",
                    "the reform of the police and local government", "Russia and the CSTO states to support Kazakhstan",
                    "an end to what they and many observers saw as a corrupt political system", "the provokers",
                    "the government for the riots", "they have restored order",
                    "were reported to be in stable condition", "the clashes started with a domestic conflict"]:
        assert f"`{example}`" in " ".join(guidelines.split()), example
        assert example in contents, example


def test_the_gold_holds_no_prediction():
    # GUIDELINES §0 and the datasheet say so: the pre-annotator never wrote into the gold.
    from corpus_kz import load

    assert {(r.origin, r.confidence) for d in load() for r in d.records()} == {("gold", None)}
