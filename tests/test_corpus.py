"""The Corpus: iteration in manifest order, lookups by doc_id, position and slice."""

import pytest

from corpus_kz import Corpus, NotFoundError


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
