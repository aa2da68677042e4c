"""JSON Lines: one object per record, each with its doc_id; a shifted span named by its file and line.

What every format is held to (round trips of the real corpus, generated and predicted documents, the command
line, refused imports that write nothing) is in test_contract.py.
"""

import json

import pytest

from corpus_kz import Corpus
from corpus_kz.formats import jsonl
from corpus_kz.formats.base import FormatError, write_corpus

from .roundtrip import predicted


def test_files_are_one_object_per_record(tmp_path, corpus):
    jsonl.export(tmp_path / "j", corpus, progress=False)
    # The bundled corpus declares its events: they are a file too, one event a line, in their order.
    assert sorted(p.name for p in (tmp_path / "j").iterdir() if not p.name.startswith(".")) == sorted(
        (*jsonl.FILES, jsonl.EVENTS))
    events = [json.loads(x) for x in (tmp_path / "j" / jsonl.EVENTS).read_text(encoding="utf-8").splitlines()]
    assert [e["event_id"] for e in events] == [e.event_id for e in corpus.events] and events[0]["start"] == "2011-12-16"
    lines = (tmp_path / "j" / "attributions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 176
    first = json.loads(lines[0])
    assert list(first) == ["doc_id", "id", "quote_id", "act", "cue", "source", "speaker_id", "speaker_role"]
    docs = [json.loads(x) for x in (tmp_path / "j" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert docs[0]["doc_id"] == "cabar_2020_masanchi" and docs[0]["text"] == corpus[0].text


def test_a_shifted_span_is_refused_naming_document_record_and_offsets(tmp_path, corpus):
    jsonl.export(tmp_path / "j", corpus, progress=False)
    path = tmp_path / "j" / "mentions.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    m = json.loads(lines[3])
    m["start"] += 1
    m["end"] += 1
    lines[3] = json.dumps(m, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FormatError) as exc:  # by the build step, which names the line the record was read from
        write_corpus(tmp_path / "c", jsonl.read(tmp_path / "j"))
    (p,) = exc.value.problems
    assert p.file.endswith("mentions.jsonl:4") and p.record == f"cabar_2020_masanchi {m['id']}"
    assert f"at [{m['start']}, {m['end']})" in p.found and "has the seed changed?" in p.expected
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize("mixed", [False, True])
def test_a_predicted_record_has_its_origin_and_confidence_in_its_line(tmp_path, corpus, mixed):
    """(That they come back, for every format that reads: test_contract.py.)"""
    original = predicted(corpus, "rferl_2020_kordai_returning", mixed)
    jsonl.export(tmp_path / "export", original, progress=False)
    quote = json.loads((tmp_path / "export" / "quotes.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert (quote["origin"], quote["confidence"]) == ("predicted:quotes_rule", 0.1 + 0.2)
    if mixed:  # a gold record says nothing of it, as in its annotation file
        second = json.loads((tmp_path / "export" / "quotes.jsonl").read_text(encoding="utf-8").splitlines()[1])
        assert "origin" not in second and "confidence" not in second


def test_a_corpus_that_declares_no_events_is_exported_and_read_back_as_one(tmp_path, corpus):
    undeclared = Corpus(list(corpus), corpus.registry)  # built in memory: it declares none
    jsonl.export(tmp_path / "j", undeclared, progress=False)
    assert not (tmp_path / "j" / jsonl.EVENTS).exists()
    data = jsonl.read(tmp_path / "j")
    assert data.events is None and data.events_origin is None
