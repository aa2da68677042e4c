"""spaCy DocBin: every record recoverable exactly from the Docs, spans widened to whole tokens, refused damage.

What every format is held to (round trips of the real corpus, generated and predicted documents, the command
line, a user's directory kept, refused imports that write nothing) is in test_contract.py.
"""

import csv
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from spacy.tokens import DocBin

from corpus_kz import Attribution, Corpus, Document, Entity, Mention, Quote, Span
from corpus_kz.dependencies import MissingDependency
from corpus_kz.formats import spacy_docbin
from corpus_kz.formats.base import FormatError, corpus_data, write_corpus
from corpus_kz.records import SPAN_LAYERS, to_dict
from corpus_kz.storage.outputs import MARKER

from ..helpers import DOC
from . import strategies
from .roundtrip import assert_same, predicted, round_trip


def _docs(directory: Path) -> list:
    """The Docs of an export, loaded as a user would: a blank English Vocab, the extensions declared."""
    spacy_docbin.register_extensions()
    return list(DocBin().from_disk(directory / spacy_docbin.FILE).get_docs(spacy.blank("en").vocab))


@pytest.fixture(scope="module")
def exported(corpus, tmp_path_factory):
    return spacy_docbin.export(tmp_path_factory.mktemp("spacy") / "export", corpus, progress=False)


def test_export_directory_holds_the_docbin_and_its_sidecars(corpus, exported):
    assert sorted(p.name for p in exported.iterdir()) == sorted([MARKER, "corpus.spacy", "entities.json",
                                                                  "events.json", "expanded.tsv", "NOTES.txt"])
    assert json.loads((exported / "entities.json").read_text(encoding="utf-8")) == corpus_data(corpus).entities
    assert json.loads((exported / "events.json").read_text(encoding="utf-8")) == corpus_data(corpus).events
    # Every span of the bundled corpus falls on spaCy's token boundaries: nothing was widened.
    assert (exported / "expanded.tsv").read_text(encoding="utf-8") == \
        "doc_id\tgroup\tid\tstart\tend\ttoken_start\ttoken_end\ttext\n"
    notes = (exported / "NOTES.txt").read_text(encoding="utf-8")
    assert "0 of 1296 spans did not fall on token boundaries" in notes and "0 of 495 mentions overlap" in notes


def test_every_record_is_recoverable_from_the_docs(corpus, exported):
    docs = _docs(exported)
    assert [d._.kz_entry["doc_id"] for d in docs] == corpus.doc_ids
    for doc, original, data in zip(docs, corpus, corpus_data(corpus).documents):
        assert doc.text == original.text
        assert {k: list(v) if isinstance(v, tuple) else v for k, v in doc._.kz_entry.items()} == data.entry
        assert set(doc.spans) == {*SPAN_LAYERS, "cues", "sources"}
        for layer in SPAN_LAYERS:
            spans = {s.id_: s for s in doc.spans[layer]}
            records = getattr(original, layer)
            assert len(spans) == len(records)
            for r in records:
                s = spans[r.id]
                assert (s.start_char, s.end_char, s.text) == (r.start, r.end, r.text)
                assert s._.kz_record == to_dict(r)
                assert s.label_ == to_dict(r)[spacy_docbin.LABELS[layer]]
        for part, group in spacy_docbin.PARTS.items():
            spans = {s.id_: s for s in doc.spans[group]}
            for a in original.attributions:
                span = getattr(a, part)
                assert (span is None) == (a.id not in spans)
                if span is not None:
                    s = spans[a.id]
                    assert (s.start_char, s.end_char, s.label_) == (span.start, span.end, a.act)
                    assert s._.kz_record["quote_id"] == a.quote_id  # the relation, by id
                    assert s.kb_id_ == (a.speaker_id or "" if part == "source" else "")
        # No mention overlaps another, so all of them are entities, with their entity and mention ids.
        assert [(e.start_char, e.end_char, e.label_, e.kb_id_, e.id_) for e in doc.ents] == \
            [(m.start, m.end, m.label, m.entity_id, m.id) for m in original.mentions]


def test_hand_checked_records(exported):
    doc = next(d for d in _docs(exported) if d._.kz_entry["doc_id"] == DOC)
    assert doc._.kz_entry["outlet"] == "RFE/RL"
    ent = doc.ents[0]
    assert (ent.text, ent.label_, ent.kb_id_, ent.id_) == ("Kazakhs", "NORP", "kazakhs", "m1")
    q2 = next(s for s in doc.spans["quotes"] if s.id_ == "q2")
    assert (q2.start_char, q2.end_char, q2.label_) == (595, 783, "indirect")
    assert q2.text.startswith("after the ethnic violence erupted between Kazakhs and Dungans")
    cue = next(s for s in doc.spans["cues"] if s.id_ == "a2")
    source = next(s for s in doc.spans["sources"] if s.id_ == "a2")
    assert (cue.text, source.text, source.kb_id_) == ("told", "Kyrgyz officials", "")
    assert cue._.kz_record["speaker_role"] == "foreign_official"
    f1 = next(s for s in doc.spans["figures"] if s.id_ == "f1")
    assert (f1.text, f1.label_) == ("More than 1,000 Kazakh nationals", "returned")
    assert {k: f1._.kz_record[k] for k in ("value", "qualifier", "unit", "event", "source")} == \
        {"value": 1000.0, "qualifier": "more_than", "unit": "people", "event": "kordai_2020", "source": "author"}
    fr1 = next(s for s in doc.spans["frames"] if s.id_ == "fr1")
    assert (fr1.text, fr1.label_, fr1._.kz_record["holder"]) == ("Ethnic Violence", "interethnic", "author")
    z1 = doc.spans["zones"][0]
    assert (z1.text, z1.label_, z1.id_) == ("Accessibility links", "boilerplate", "z1")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.documents())
def test_generated_documents_are_whole_token_spans_around_their_exact_records(corpus):
    """(That they round-trip: test_contract.py.)"""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        spacy_docbin.export(tmp / "export", corpus, progress=False)
        doc, original = _docs(tmp / "export")[0], corpus[0]
        widened = 0
        for layer in SPAN_LAYERS:
            for s, r in zip(doc.spans[layer], getattr(original, layer)):
                # A span of whole tokens around the exact one, which the record keeps.
                assert s.start_char <= r.start and r.end <= s.end_char and s._.kz_record["start"] == r.start
                widened += (s.start_char, s.end_char) != (r.start, r.end)
        with open(tmp / "export" / "expanded.tsv", encoding="utf-8", newline="") as f:
            rows = [row for row in csv.DictReader(f, delimiter="\t") if row["group"] in SPAN_LAYERS]
        assert len(rows) == widened
        assert all(original.text[int(row["start"]):int(row["end"])] == row["text"] for row in rows)
        assert len(doc.ents) <= len(original.mentions) == len(doc.spans["mentions"])


def _misaligned() -> Corpus:
    """Spans that spaCy's tokens do not split: a mention inside a word and nested in another, a quote from mid-word."""
    text = "The Kazakhstani police said\n ok, 12 «Мир» 🙂"

    def at(s):
        return text.index(s), text.index(s) + len(s), s

    entities = {"kazakhs": Entity("kazakhs", "Kazakhs", "NORP", aliases=("Kazakh",)),
                "kz_police": Entity("kz_police", "Kazakhstani police", "ORG", role="official",
                                    aliases=("Kazakhstani police",))}
    doc = Document("hand", text, "hand.txt", "Hand News", None, None, "kordai_2020", "report", "en",
                   hashlib.sha256(text.encode()).hexdigest(), notes=("by hand",),
                   mentions=(Mention(*at("Kazakh"), id="m1", entity_id="kazakhs", label="NORP", form="name"),
                             Mention(*at("Kazakhstani police"), id="m2", entity_id="kz_police", label="ORG",
                                     form="name")),
                   quotes=(Quote(*at("lice said\n ok"), id="q1", type="direct"),),
                   attributions=(Attribution("a1", "q1", "assertion", Span(*at("said")),
                                             Span(*at("Kazakhstani police")), speaker_id="kz_police"),),
                   registry=entities)
    return Corpus([doc], entities)


def test_spans_off_token_boundaries_are_widened_and_kept_exactly(tmp_path):
    corpus = _misaligned()
    assert_same(corpus, round_trip(spacy_docbin, corpus, tmp_path))
    notes = (tmp_path / "export" / "NOTES.txt").read_text(encoding="utf-8")
    assert "2 of 5 spans did not fall on token boundaries" in notes and "1 of 2 mentions overlap a longer one" in notes
    assert (tmp_path / "export" / "expanded.tsv").read_text(encoding="utf-8") == (
        "doc_id\tgroup\tid\tstart\tend\ttoken_start\ttoken_end\ttext\n"
        "hand\tmentions\tm1\t4\t10\t4\t15\tKazakh\n"
        'hand\tquotes\tq1\t18\t31\t16\t31\t"lice said\n ok"\n')  # a line break in a text is quoted
    doc = _docs(tmp_path / "export")[0]
    m1, m2 = doc.spans["mentions"]
    assert (m1.text, m1._.kz_record["start"], m1._.kz_record["end"]) == ("Kazakhstani", 4, 10)
    assert [(e.text, e.id_) for e in doc.ents] == [("Kazakhstani police", "m2")]
    assert doc.spans["quotes"][0].text == "police said\n ok"


def _rewrite(directory: Path, change) -> None:
    """Change the Docs of an export with ``change(docs)`` and save them back in its place."""
    docs = _docs(directory)
    change(docs)
    DocBin(docs=docs, store_user_data=True).to_disk(directory / spacy_docbin.FILE)


def _import(source: Path, out: Path) -> None:
    """What ``corpus-kz import spacy`` does."""
    write_corpus(out, spacy_docbin.read(source))


def test_a_shifted_offset_is_refused_and_nothing_is_written(corpus, exported, tmp_path):
    source = tmp_path / "export"
    spacy_docbin.export(source, corpus, progress=False)

    def shift(docs):
        doc = next(d for d in docs if d._.kz_entry["doc_id"] == DOC)
        layers = dict(doc._.kz_layers)
        layers["quotes"] = [dict(q, start=q["start"] + 1, end=q["end"] + 1) if q["id"] == "q2" else q
                            for q in layers["quotes"]]
        doc._.kz_layers = layers

    _rewrite(source, shift)
    with pytest.raises(FormatError) as err:
        _import(source, tmp_path / "out")
    (problem,) = err.value.problems
    # Named by the build step: the DocBin and the Doc, the record, and the text found at the offsets.
    assert problem.file == f"{source / 'corpus.spacy'} (Doc 2)" and problem.record == f"{DOC} q2"
    assert "at [596, 784)" in problem.found and "has the seed changed?" in problem.expected
    assert not (tmp_path / "out").exists()


def test_a_span_group_that_disagrees_with_the_records_is_refused(corpus, tmp_path):
    source = tmp_path / "export"
    spacy_docbin.export(source, corpus, progress=False)

    def drop_a_frame(docs):
        docs[0].spans["frames"] = list(docs[0].spans["frames"])[1:]

    _rewrite(source, drop_a_frame)
    with pytest.raises(FormatError) as err:
        spacy_docbin.read(source)
    assert "doc.spans['frames']" in str(err.value.problems[0]) and corpus[0].doc_id in str(err.value.problems[0])


def test_damaged_files_are_format_errors(corpus, tmp_path):
    source = tmp_path / "export"
    spacy_docbin.export(source, corpus, progress=False)
    (source / "entities.json").write_text("[{", encoding="utf-8")
    with pytest.raises(FormatError, match="entities.json.*not JSON"):
        spacy_docbin.read(source)
    (source / "entities.json").unlink()
    with pytest.raises(FormatError, match="entities.json"):
        spacy_docbin.read(source)
    (source / "entities.json").write_text("[]", encoding="utf-8")
    (source / "corpus.spacy").write_bytes(b"not a docbin")
    with pytest.raises(FormatError, match="corpus.spacy.*not a DocBin"):
        spacy_docbin.read(source)
    DocBin(docs=[spacy.blank("en")("no user data")], store_user_data=True).to_disk(source / "corpus.spacy")
    with pytest.raises(FormatError, match=r"record Doc 1: field 'doc._.kz_entry'"):
        spacy_docbin.read(source)


def test_missing_spacy_names_the_extra(corpus, exported, tmp_path, monkeypatch):
    # The module imports without spaCy; only using it needs spaCy.
    code = "import sys; sys.modules['spacy'] = None; import corpus_kz.formats.spacy_docbin"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
    monkeypatch.setitem(sys.modules, "spacy", None)
    spacy_docbin._english.cache_clear()
    try:
        with pytest.raises(MissingDependency, match=r'pip install -e "\.\[spacy\]" \(in the checkout'):
            spacy_docbin.export(tmp_path / "out", corpus, progress=False)
        with pytest.raises(MissingDependency, match=r'pip install -e "\.\[spacy\]" \(in the checkout'):
            spacy_docbin.read(exported)
    finally:
        spacy_docbin._english.cache_clear()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("mixed", [False, True])
def test_a_predicted_record_has_its_origin_and_confidence_in_its_span(tmp_path, corpus, mixed):
    """(That they come back, for every format that reads: test_contract.py.)"""
    original = predicted(corpus, DOC, mixed)
    spacy_docbin.export(tmp_path / "export", original, progress=False)
    spacy_docbin.register_extensions()
    (doc,) = DocBin().from_disk(tmp_path / "export" / spacy_docbin.FILE).get_docs(spacy.blank("en").vocab)
    record = doc.spans["quotes"][0]._.kz_record
    assert (record["origin"], record["confidence"]) == ("predicted:quotes_rule", 0.1 + 0.2)
