"""pandas views: exactly the documented columns, typed at load time."""

import pandas as pd
import pytest

from corpus_kz import vocab as V

META = ["outlet", "event", "published", "genre"]
SPEC = {
    "documents": ["doc_id", "seed_file", "outlet", "title", "published", "event", "genre", "sha256", "language",
                  "notes"],
    "mentions": ["doc_id", *META, "mention_id", "entity_id", "name", "label", "form", "role", "start", "end", "text",
                 "zone", "origin", "confidence"],
    "quotes": ["doc_id", *META, "quote_id", "start", "end", "text", "type", "act", "speaker_id", "speaker",
               "speaker_role", "cue", "zone", "origin", "confidence"],
    "figures": ["doc_id", "outlet", "doc_event", "published", "genre", "figure_id", "start", "end", "text", "number",
                "value", "qualifier", "quantity", "unit", "event", "source_ref", "source_id", "source", "source_role",
                "zone", "origin", "confidence"],
    "frames": ["doc_id", *META, "frame_id", "start", "end", "text", "frame", "holder_ref", "holder_id", "holder",
               "holder_role", "stance", "aspect", "zone", "origin", "confidence"],
    "attributions": ["doc_id", *META, "attribution_id", "quote_id", "quote", "type", "act", "cue", "cue_start",
                     "cue_end", "source_text", "source_start", "source_end", "speaker_id", "speaker", "speaker_role",
                     "zone", "origin", "confidence"],
    "zones": ["doc_id", *META, "zone_id", "start", "end", "text", "zone", "origin", "confidence"],
    "sentences": ["doc_id", *META, "sentence", "start", "end", "text", "zone"],
    "entities": ["entity_id", "name", "label", "role", "aliases", "wikidata"],
}


@pytest.mark.parametrize("view", SPEC)
def test_columns_exactly_as_documented(corpus, view):
    assert list(getattr(corpus, view)().columns) == SPEC[view]


def test_vocabularies_are_ordered_categoricals(corpus):
    f = corpus.figures()
    assert isinstance(f["quantity"].dtype, pd.CategoricalDtype) and f["quantity"].cat.ordered
    assert list(f["quantity"].cat.categories) == list(V.QUANTITIES)
    q = corpus.quotes()
    assert list(q["zone"].cat.categories) == ["body", *V.ZONES]
    assert list(corpus.frames()["frame"].cat.categories) == list(V.FRAMES)
    assert list(corpus.mentions()["label"].cat.categories) == list(V.ENTITY_LABELS)
    # the attributes of gold v2, each with its whole vocabulary even where a value is unused
    assert list(corpus.mentions()["form"].cat.categories) == ["name", "nominal"]
    assert list(corpus.attributions()["act"].cat.categories) == ["assertion", "belief", "demand", "promise"]
    assert list(q["act"].cat.categories) == list(V.ACTS)
    fr = corpus.frames()
    assert list(fr["aspect"].cat.categories) == ["trigger", "root_cause"] and fr["aspect"].isna().any()
    assert fr["holder_role"].cat.categories[-1] == "protester" and fr["frame"].cat.categories[-1] == "harmony"
    # ordered: comparisons follow the vocabulary order
    assert (f["qualifier"] >= "about").sum() == (f["qualifier"] != "exact").sum()
    # events are the corpus's declarations, in their order (the bundled corpus's: seeds/events.json)
    declared = [e.event_id for e in corpus.events]
    for view in (corpus.documents(), q, f):
        assert view["event"].cat.ordered and list(view["event"].cat.categories) == declared
    assert (f["event"] < "qantar_2022").sum() == f["event"].isin(["zhanaozen_2011", "kordai_2020"]).sum() > 0


def test_dates_are_datetimes_and_offsets_integers(corpus):
    d = corpus.documents()
    assert str(d["published"].dtype).startswith("datetime64")
    assert d.set_index("doc_id").loc["aljazeera_2020_dungan_repost", "published"] == pd.Timestamp("2020-02-10")
    assert d["published"].isna().sum() == 3
    q = corpus.quotes()
    assert q["start"].dtype == "int64" and q["end"].dtype == "int64"
    assert corpus.figures()["value"].dtype == "float64"


def test_every_view_row_is_its_own_span(corpus):
    for view in ("mentions", "quotes", "figures", "frames", "zones", "sentences"):
        for row in getattr(corpus, view)().itertuples():
            assert corpus[row.doc_id].text[row.start:row.end] == row.text


def test_quotes_join_outlet_event_and_zone(corpus):
    q = corpus.quotes().set_index(["doc_id", "quote_id"])
    row = q.loc[("aljazeera_2022_zhovtis_interview", "q10")]
    assert (row.text, row.speaker_id, row.zone, row.event, row.outlet) == (
        "foreign-sponsored terrorists", "tokayev", "question", "qantar_2022", "Al Jazeera (repost)")


def test_entities_view_is_the_registry(corpus):
    e = corpus.entities()
    assert list(e.columns) == ["entity_id", "name", "label", "role", "aliases", "wikidata"]
    assert len(e) == len(corpus.registry)
    assert e["entity_id"].is_unique


def test_sentences_and_zones_views(corpus):
    s = corpus.sentences()
    assert list(s.columns) == SPEC["sentences"]
    assert len(s) == sum(len(d.sentences) for d in corpus) == 344
    z = corpus.zones()
    assert list(z.columns) == SPEC["zones"]


def test_attributions_view(corpus):
    a = corpus.attributions()
    assert len(a) == sum(len(d.attributions) for d in corpus) == 176
    assert str(a["cue_start"].dtype) == "Int64" and str(a["speaker_role"].dtype) == "category"
    # A quote in a headline or caption may have no cue: nullable offsets, not floats.
    no_cue = a[a.cue.isna()]
    assert no_cue.cue_start.isna().all() and len(no_cue) == sum(
        1 for d in corpus for x in d.attributions if x.cue is None)
    row = a.set_index(["doc_id", "attribution_id"]).loc[("rferl_2020_kordai_returning", "a2")]
    doc = corpus["rferl_2020_kordai_returning"]
    x = doc["a2"]
    assert (row.quote, row.cue, row.cue_start, row.source_text) == (doc[x.quote_id].text, x.cue.text, x.cue.start, x.source.text)
    assert (row.source_text, row.cue, row.act, row.type) == ("Kyrgyz officials", "told", "assertion", "indirect")
    # An agentless report has a cue and no source: nullable, not NaN-filled floats.
    agentless = a.set_index(["doc_id", "attribution_id"]).loc[("rferl_2020_kordai_returning", "a1")]
    assert agentless.cue == "reports" and agentless.source_text is pd.NA and agentless.source_start is pd.NA
    assert pd.isna(agentless.speaker_role) and pd.isna(agentless.speaker_id)
    for r in a.dropna(subset=["cue"]).itertuples():
        assert corpus[r.doc_id].text[r.cue_start:r.cue_end] == r.cue


def test_unknown_table_is_a_clear_error(corpus):
    from corpus_kz.views import table

    with pytest.raises(ValueError, match="unknown table 'tweets'; expected one of documents, zones"):
        table(corpus, "tweets")


def test_every_record_view_ends_with_its_provenance(corpus):
    for view in ("zones", "mentions", "quotes", "attributions", "figures", "frames"):
        df = getattr(corpus, view)()
        assert str(df["origin"].dtype) == "string" and df["confidence"].dtype == "float64", view
        assert (df["origin"] == "gold").all() and df["confidence"].isna().all(), view  # the bundled corpus is gold


def test_provenance_of_predicted_records_in_the_views(corpus):
    from dataclasses import replace

    from corpus_kz import Corpus

    doc = corpus["rferl_2020_kordai_returning"]
    q1, a2 = doc.quotes[0], doc.attributions[1]
    doc = replace(doc, quotes=(replace(q1, origin="predicted:direct_quote", confidence=0.9), *doc.quotes[1:]),
                  attributions=(doc.attributions[0], replace(a2, origin="predicted:speech_verb", confidence=1),
                                *doc.attributions[2:]))
    predicted = Corpus([doc], corpus.registry)
    q = predicted.quotes().set_index("quote_id")
    assert (q.loc[q1.id, "origin"], q.loc[q1.id, "confidence"]) == ("predicted:direct_quote", 0.9)
    assert q.drop(index=q1.id)["origin"].eq("gold").all() and q.drop(index=q1.id)["confidence"].isna().all()
    a = predicted.attributions().set_index("attribution_id")
    assert (a.loc[a2.id, "origin"], a.loc[a2.id, "confidence"]) == ("predicted:speech_verb", 1.0)
    assert a["confidence"].dtype == "float64" and a.loc[doc.attributions[0].id, "origin"] == "gold"



def test_views_agree_with_the_document_api_where_zones_overlap():
    """The views find zones, speakers and agents with vectorised joins; Document answers one by one. They agree."""
    import hashlib
    import random

    from corpus_kz import Attribution, Corpus, Document, Entity, Figure, Mention, Quote, Span, Zone

    rng = random.Random(16)
    text = "".join(f"Line {i} says {i * 7} people were there.\n" for i in range(40))
    registry = {"police": Entity("police", "Police", "ORG", "security", ("Police",))}
    docs = []
    for n in range(12):
        zones = []
        for k in range(rng.randint(0, 6)):  # overlapping, nested and equal zones, in any order
            s = rng.randrange(len(text) - 1)
            e = rng.randrange(s + 1, min(len(text), s + 300) + 1)
            zones.append(Zone(s, e, text[s:e], id=f"z{k + 1}", zone=rng.choice(V.ZONES)))
        offsets = sorted(rng.sample(range(len(text) - 1), 30))
        mentions = tuple(Mention(o, o + 1, text[o], id=f"m{k + 1}", entity_id="police", label="ORG", form="name")
                         for k, o in enumerate(offsets))
        quotes = (Quote(0, 4, "Line", id="q1", type="direct"),
                  Quote(5, 6, text[5:6], id="q2", type="indirect"))
        attributions = (Attribution("a1", "q1", "assertion", Span(7, 11, text[7:11]), Span(0, 4, "Line"),
                                    speaker_id="police"),
                        Attribution("a2", "q2", "belief", None, Span(12, 14, text[12:14]), speaker_role="witness"))
        figures = tuple(Figure(o, o + 1, text[o], id=f"f{k + 1}", number="7", value=7.0, qualifier="exact",
                               quantity="participants", unit="people", event=None, source=src)
                        for k, (o, src) in enumerate(zip(offsets[:4], ["author", "a1", "a2", "police"])))
        docs.append(Document(f"d{n}", text, f"d{n}.txt", "X", None, None, "qantar_2022", "report", "en",
                             hashlib.sha256(text.encode()).hexdigest(), zones=tuple(zones), mentions=mentions,
                             quotes=quotes, attributions=attributions, figures=figures, registry=registry))
    c = Corpus(docs, registry)
    m = c.mentions()
    assert m["zone"].astype(str).tolist() == [d.zone_at(x.start) for d in docs for x in d.mentions]
    assert any(a.start < b.end and b.start < a.end for d in docs for a in d.zones for b in d.zones if a is not b)
    f = c.figures()
    assert f["source"].tolist() == [d.agent(x.source).name or None for d in docs for x in d.figures]
    assert f["source_role"].astype(object).where(f["source_role"].notna(), None).tolist() == [
        d.agent(x.source).role for d in docs for x in d.figures]
    q = c.quotes()
    assert q["speaker"].tolist() == [d.speaker(x).name or None for d in docs for x in d.quotes]
