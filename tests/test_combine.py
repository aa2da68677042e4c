"""Corpora from DataFrames (from_frames) and corpora joined (concat): round trips and clear refusals."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

import corpus_kz
from corpus_kz import CorpusError, Entity, concat, from_frames
from tests.storage.test_store import grown, same_corpus

VIEWS = ("quotes", "attributions", "figures", "frames", "mentions", "zones")


def frames_of(c):
    return {name: getattr(c, name)() for name in VIEWS} | {"entities": c.entities()}


def test_from_the_views_gives_the_corpus_back(corpus):
    back = from_frames(corpus.documents(text=True), **frames_of(corpus))
    same_corpus(back, corpus)
    assert back.metadata.provenance == ("built from DataFrames (5 documents)",)


def test_from_the_json_lines_export_gives_the_corpus_back(corpus, tmp_path):
    from corpus_kz.formats import jsonl

    out = jsonl.export(tmp_path / "x", corpus, progress=False)
    tables = {name: pd.read_json(out / f"{name}.jsonl", lines=True, dtype=False)
              for name in ("documents", "entities", *VIEWS)}
    back = from_frames(tables.pop("documents"), **tables)
    same_corpus(back, corpus)


def test_from_frames_on_a_generated_corpus_of_many_documents(corpus):
    big = grown(corpus, 12)
    same_corpus(from_frames(big.documents(text=True), **frames_of(big)), big)


def test_a_bare_table_of_articles_is_a_corpus_with_defaults():
    texts = ["Police said 12 people were detained.\n", "Activists said 40 people were detained.\n"]
    docs = pd.DataFrame({"doc_id": ["a1", "a2"], "text": texts, "outlet": ["X", "Y"],
                         "event": ["qantar_2022", "qantar_2022"],
                         "published": pd.to_datetime(["2022-01-06", None])})
    c = from_frames(docs)
    assert c.doc_ids == ["a1", "a2"] and not c["a1"].annotated
    d = c["a1"]
    assert (d.seed_file, d.genre, d.language, str(d.published)) == ("a1.txt", "report", "en", "2022-01-06")
    assert d.sha256 == hashlib.sha256(texts[0].encode()).hexdigest() and c["a2"].published is None


def test_a_span_that_is_not_the_text_names_its_frame_row_record_and_field(corpus):
    quotes = corpus.quotes()
    quotes.loc[3, ["start", "end"]] += 1  # the same length, one character on
    with pytest.raises(CorpusError) as exc:
        from_frames(corpus.documents(text=True), **(frames_of(corpus) | {"quotes": quotes}))
    [p] = [p for p in exc.value.problems if p.field == "text"]
    assert p.file == "the quotes frame, row 3"
    assert p.record == f"{quotes.loc[3, 'doc_id']} {quotes.loc[3, 'quote_id']}"
    assert "has the seed changed?" in p.expected


def test_rows_of_unknown_documents_and_missing_columns_are_refused(corpus):
    docs = corpus.documents(text=True)
    figures = corpus.figures()
    figures.loc[0, "doc_id"] = "nowhere"
    with pytest.raises(CorpusError) as exc:
        from_frames(docs, figures=figures, entities=corpus.entities())
    [p] = exc.value.problems
    assert (p.file, p.field, p.found) == ("the figures frame, row 0", "doc_id", "'nowhere'")
    with pytest.raises(CorpusError) as exc:
        from_frames(docs.drop(columns="text"))
    [p] = exc.value.problems
    assert (p.file, p.field, p.found) == ("the documents frame", "text", "no such column")
    with pytest.raises(CorpusError) as exc:  # mentions of entities nobody registered
        from_frames(docs, mentions=corpus.mentions())
    assert {p.field for p in exc.value.problems} == {"entity_id"}


def test_concat_of_selections_is_the_corpus(corpus, tmp_path):
    stored = corpus_kz.load(corpus.save(tmp_path / "s", "store", progress=False))
    for c in (corpus, stored):
        a = c.select(doc_ids=c.doc_ids[:2])
        b = c.select(doc_ids=c.doc_ids[2:])
        joined = concat([a, b])
        same_corpus(joined, corpus)
        assert joined.lazy == c.lazy
        pd.testing.assert_frame_equal(joined.quotes(), corpus.quotes())
        pd.testing.assert_frame_equal(joined.entities(), corpus.entities())
    mixed = concat([stored.select(doc_ids=corpus.doc_ids[:3]), corpus.select(doc_ids=corpus.doc_ids[3:])])
    same_corpus(mixed, corpus)
    assert mixed[4].registry is mixed.registry


def test_concat_refuses_a_doc_id_twice_naming_both(corpus):
    with pytest.raises(CorpusError) as exc:
        concat([corpus[0:2], corpus[1:3]])
    [p] = exc.value.problems
    assert (p.file, p.record, p.field) == ("corpus #2 (%s)" % corpus.path, corpus.doc_ids[1], "doc_id")
    assert f"which corpus #1 ({corpus.path}) has too" in p.found


def _one_doc(doc_id: str, entity: Entity) -> corpus_kz.Corpus:
    text = f"{entity.aliases[0]} said 12 people were detained.\n"
    docs = pd.DataFrame({"doc_id": [doc_id], "text": [text], "outlet": ["X"], "event": ["qantar_2022"]})
    mentions = pd.DataFrame({"doc_id": [doc_id], "mention_id": ["m1"], "entity_id": [entity.entity_id],
                             "label": [entity.label], "form": ["name"], "start": [0],
                             "end": [len(entity.aliases[0])], "text": [entity.aliases[0]]})
    ents = pd.DataFrame([{"entity_id": entity.entity_id, "name": entity.name, "label": entity.label,
                          "role": entity.role, "aliases": list(entity.aliases), "wikidata": None}])
    return from_frames(docs, mentions=mentions, entities=ents)


def test_concat_joins_spellings_and_refuses_or_renames_a_conflict():
    a = _one_doc("d1", Entity("smith", "John Smith", "PERSON", "official", ("John Smith",)))
    b = _one_doc("d2", Entity("smith", "John Smith", "PERSON", "official", ("Smith",)))
    c = _one_doc("d3", Entity("smith", "Jane Smith", "PERSON", "activist", ("Jane Smith",)))
    joined = concat([a, b])
    assert joined.registry["smith"].aliases == ("John Smith", "Smith")
    with pytest.raises(CorpusError) as exc:
        concat([a, c])
    [p] = exc.value.problems
    assert (p.file, p.record, p.field) == ("corpus #2", "smith", "registry") and "Jane Smith" in p.found
    assert "John Smith" in p.expected and "on_conflict='rename'" in p.expected
    renamed = concat([a, c], on_conflict="rename")
    assert renamed.registry["smith_2"].name == "Jane Smith" and renamed.registry["smith"].name == "John Smith"
    assert renamed["d3"].mentions[0].entity_id == "smith_2"
    assert renamed.mentions().set_index("doc_id").loc["d3", "name"] == "Jane Smith"


def test_events_of_its_own_go_from_frames_to_a_store_and_back(tmp_path):
    events = pd.DataFrame([{"event_id": "almaty_2019", "name": "Rallies in Almaty after the election",
                            "start": "2019-06-09", "end": "2019-06-12", "places": ["Almaty"], "notes": []}])
    docs = pd.DataFrame({"doc_id": ["r1"], "text": ["Police said 500 people were detained in Almaty.\n"],
                         "outlet": ["X"], "event": ["almaty_2019"]})
    c = from_frames(docs, events=events)
    assert [e.event_id for e in c.events] == ["almaty_2019"]
    assert list(c.documents()["event"].cat.categories) == ["almaty_2019"]
    stored = corpus_kz.load(c.save(tmp_path / "s", "store", progress=False))
    assert stored.events == c.events and stored.documents()["event"].tolist() == ["almaty_2019"]
    with pytest.raises(CorpusError) as exc:  # without the declaration, only the bundled corpus's events
        from_frames(docs)
    [p] = exc.value.problems
    assert (p.file, p.record, p.field, p.found) == ("the documents frame, row 0", "r1", "event", "'almaty_2019'")
    other = events.assign(name="Something else")
    docs2 = docs.assign(doc_id="r2")
    with pytest.raises(CorpusError) as exc:
        concat([c, from_frames(docs2, events=other)])
    [p] = exc.value.problems
    assert (p.file, p.record, p.field) == ("corpus #2", "almaty_2019", "events") and "Something else" in p.found
