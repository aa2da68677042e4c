"""The Corpus: iteration in manifest order, lookups by doc_id, position and slice."""

import pytest

from corpus_kz import Corpus, CorpusError, NotFoundError
from corpus_kz.events import bundled_events
from corpus_kz.metadata import CorpusMetadata


def test_lookup_by_id_and_position(corpus):
    assert corpus[0] is corpus["cabar_2020_masanchi"] and corpus[-1].doc_id == "rferl_2011_zhanaozen_unrest"
    assert "cabar_2020_masanchi" in corpus and "nope" not in corpus


def test_position_out_of_range_says_how_many(corpus):
    with pytest.raises(IndexError) as exc:
        corpus[99]
    assert str(exc.value) == "document index 99 is out of range: the corpus has 5 documents (indices 0 to 4, or -5 to -1)"


def test_unknown_doc_id_lists_the_documents(corpus):
    with pytest.raises(NotFoundError) as exc:
        corpus["tweets"]
    assert str(exc.value).startswith("no document 'tweets'; the corpus has 5 documents: cabar_2020_masanchi, ")


def test_slices_are_corpora(corpus):
    part = corpus[0:2]
    assert isinstance(part, Corpus) and part.doc_ids == corpus.doc_ids[:2]
    assert part.registry is corpus.registry and len(part.quotes()) == 40 + 16
    assert corpus[::-1].doc_ids == corpus.doc_ids[::-1]


def test_bad_key_type(corpus):
    with pytest.raises(TypeError, match="indexed by doc_id, position or slice, not float"):
        corpus[1.0]


def test_duplicate_doc_ids_are_refused(corpus):
    """Before 0.4 a Corpus took a doc_id twice, and every view then doubled that document's rows."""
    from corpus_kz import CorpusError

    with pytest.raises(CorpusError) as exc:
        Corpus([*corpus, corpus[0]], corpus.registry)
    (p,) = exc.value.problems
    assert (p.record, p.field) == ("cabar_2020_masanchi", "doc_id")
    assert p.found == "'cabar_2020_masanchi' a second time (documents #1 and #6)"
    assert p.expected == "a doc_id no other document of the corpus has"


def test_the_corpus_and_its_documents_share_one_registry(corpus):
    assert all(d.registry is corpus.registry for d in corpus)
    # The view of the registry and what the documents resolve through cannot disagree: they are one object.
    mentions = corpus.mentions()
    assert set(mentions["entity_id"]) <= set(corpus.entities()["entity_id"])
    assert all(corpus.registry[m.entity_id] is d.registry[m.entity_id] for d in corpus for m in d.mentions)


def test_a_document_whose_entities_differ_is_refused(corpus):
    from dataclasses import replace

    from corpus_kz import CorpusError, Registry

    doc = corpus["rferl_2020_kordai_returning"]
    tokayev = corpus.registry["tokayev"]
    other = Registry({**corpus.registry, "tokayev": replace(tokayev, role="activist")})
    moved = replace(doc, registry=other)  # a document built against another registry
    with pytest.raises(CorpusError) as exc:
        Corpus([moved], corpus.registry)
    assert exc.value.problems[0].field == "registry" and "'tokayev'" in exc.value.problems[0].found
    # The same entities under another registry object are taken, and the document then shares the corpus's.
    again = Corpus([replace(doc, registry=Registry(corpus.registry))], corpus.registry)
    assert again[0].registry is corpus.registry and doc.registry is corpus.registry  # the caller's is untouched
    # Without a registry, the corpus is given the entities its documents point at; two versions of one are refused.
    assert set(Corpus([doc]).registry) == {m.entity_id for m in doc.mentions} | {
        a.speaker_id for a in doc.attributions if a.speaker_id} | {
        f.source for f in doc.figures if f.source in corpus.registry}
    with pytest.raises(CorpusError, match="give the corpus one registry"):
        Corpus([doc, replace(corpus[0], registry=other)])


def test_metadata_travels_with_the_corpus(corpus):
    assert corpus.metadata.provenance[0].startswith("read from ")
    assert corpus.metadata.agreement["pooled"]["quotes"]["n_a"] == 174
    assert corpus[1:3].metadata is corpus.metadata
    sheet, body = corpus.metadata.datasheet_parts()
    assert sheet["pretty_name"] == "corpus_kz" and "## Motivation" in body
    # A corpus built in memory has metadata too (empty), so a card or a report never reads a directory.
    assert Corpus([corpus[0]], corpus.registry).metadata.datasheet is None


def test_the_corpus_exposes_the_events_it_declares(corpus):
    assert [e.event_id for e in corpus.events] == ["zhanaozen_2011", "kordai_2020", "qantar_2022"]
    assert corpus.events == corpus.metadata.events and corpus[1:3].events == corpus.events
    with pytest.raises(AttributeError):
        corpus.events = ()
    # A corpus built in memory declares none unless its metadata says so: it has the bundled corpus's.
    in_memory = Corpus(list(corpus), corpus.registry)
    assert in_memory.metadata.events is None and in_memory.events == bundled_events()
    mine = (corpus.events[0], corpus.events[2])  # the 2022 interview counts the dead of 2011 too
    january = list(corpus.select(event="qantar_2022"))
    assert Corpus(january, corpus.registry, metadata=CorpusMetadata(events=mine)).events == mine
    # Documents of an event the metadata does not declare are refused, as the build step refuses them.
    with pytest.raises(CorpusError) as exc:
        Corpus(list(corpus), corpus.registry, metadata=CorpusMetadata(events=mine))
    p = exc.value.problems[0]
    assert (p.record, p.field, p.found) == ("cabar_2020_masanchi", "event", "'kordai_2020'")
