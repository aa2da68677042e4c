"""The NLTK reader works offline, on the same spans as the annotations, and leaves NLTK as it found it."""

import nltk

import corpus_kz


def test_reader_basics(corpus):
    r = corpus_kz.nltk_reader()
    assert r.fileids() == [f"{d.doc_id}.txt" for d in corpus]
    assert r.fileids()[0] == "cabar_2020_masanchi.txt"
    assert r.raw("rferl_2020_kordai_returning.txt") == corpus["rferl_2020_kordai_returning"].text
    # The seed file names, the fileids before 0.5, still name their documents.
    assert r.raw("001_ecd8a901a2a4fa6f.txt") == corpus["rferl_2020_kordai_returning"].text
    assert r.raw() == "".join(d.text for d in corpus)
    words = r.words("rferl_2020_kordai_returning")
    assert words[:4] == ["Accessibility", "links", "Breaking", "News"]
    assert "4,500" in words  # numbers with separators stay one token


def test_sents_and_paras_partition_the_words(corpus):
    r = corpus_kz.nltk_reader()
    doc = "rferl_2011_zhanaozen_unrest"
    sents = r.sents(doc)
    assert sum(len(s) for s in sents) == len(r.words(doc))
    paras = r.paras(doc)
    assert sum(len(s) for p in paras for s in p) == len(r.words(doc))
    assert len(paras) == len(corpus[doc].paragraphs)
    assert sents[2] == ["Kazakh", "Authorities", "Try", "To", "Extinguish", "Unrest", "In", "Unruly", "West"]


def test_nltk_data_path_is_left_as_it_was(corpus_dir):
    # A corpus is data we did not write: after a reader is made over it, NLTK's own lookups
    # (stopwords, say) must not find files planted in it.
    planted = corpus_dir / "seeds" / "corpora" / "stopwords"
    planted.mkdir(parents=True)
    (planted / "english").write_text("planted\n")
    before = list(nltk.data.path)
    r = corpus_kz.nltk_reader(corpus_dir)
    assert nltk.data.path == before
    try:
        found = str(nltk.data.find("corpora/stopwords/english"))
    except LookupError:
        found = ""
    assert str(corpus_dir) not in found
    # ... and the reader still works: its open() serves the loaded, checked text.
    assert r.open(r.fileids()[1]).read().startswith("Accessibility links")
    assert r.words("rferl_2020_kordai_returning")[:2] == ["Accessibility", "links"]


def test_annotation_access(corpus):
    r = corpus_kz.nltk_reader()
    quotes = r.quotes("aljazeera_2022_zhovtis_interview")
    assert len(quotes) == len(corpus["aljazeera_2022_zhovtis_interview"].quotes)
    assert r.document("003_39bcaa47380087dc.txt").doc_id == "aljazeera_2022_zhovtis_interview"
    assert len(r.figures()) == sum(len(d.figures) for d in corpus)


def test_a_corpus_without_a_directory_has_a_reader(corpus):
    """A corpus built in memory (pre-annotated, sliced, built from parts) has no path: NLTK reads it from memory.

    Before 0.4 the reader joined ``corpus.path`` with ``seeds/`` and raised a TypeError on None.
    """
    from corpus_kz import Corpus
    from corpus_kz.formats.nltk_reader import CorpusKzReader

    doc = corpus["rferl_2020_kordai_returning"]
    in_memory = Corpus([doc], corpus.registry)
    assert in_memory.path is None
    r = CorpusKzReader(in_memory)
    assert r.fileids() == ["rferl_2020_kordai_returning.txt"]
    assert r.raw() == doc.text and r.words()[:2] == ["Accessibility", "links"]
    assert r.open(doc.seed_file).read() == doc.text
    assert len(r.quotes()) == len(doc.quotes)
    predicted = Corpus([corpus_kz.annotate("The minister said the border would open on Monday.", {"doc_id": "p"})])
    assert corpus_kz.nltk_reader(predicted).sents() == [["The", "minister", "said", "the", "border", "would",
                                                         "open", "on", "Monday", "."]]


def test_fileids_are_unique_and_never_another_documents_name():
    """Issue 18: fileids were the hashed seed names; doc_ids with .txt must still be one name per document."""
    from corpus_kz.formats.nltk_reader import fileids

    assert fileids(["Kordai", "kordai", "con", "a"]) == ["Kordai.txt", "kordai_2.txt", "con_2.txt", "a.txt"]
    ids = ["Kordai", "kordai", "kordai.txt", "con", "a", "a_2.txt", "a.txt"]
    names = fileids(ids)
    assert names == ["Kordai_2.txt", "kordai_3.txt", "kordai.txt.txt", "con_2.txt", "a_3.txt", "a_2.txt.txt",
                     "a.txt.txt"]
    folded = {n.casefold() for n in names}
    assert len(folded) == len(names) and not folded & {i.casefold() for i in ids}


def test_a_fileid_names_its_own_document_before_any_other(corpus):
    """A fileid that is also another document's doc_id or seed file name would read the wrong text."""
    from dataclasses import replace

    from corpus_kz import Corpus
    from corpus_kz.formats.nltk_reader import CorpusKzReader

    a, b = corpus["rferl_2020_kordai_returning"], corpus["cabar_2020_masanchi"]
    clash = Corpus([replace(a, doc_id="x"), replace(b, doc_id="x.txt", seed_file="x_2.txt")], corpus.registry)
    r = CorpusKzReader(clash)
    assert r.fileids() == ["x_2.txt", "x.txt.txt"]
    assert r.raw("x") == a.text and r.raw("x.txt") == b.text and r.raw("x.txt.txt") == b.text
    assert r.raw("x_2.txt") == a.text  # its own fileid, though it is the other document's seed file name
