"""JSON Lines: lossless both ways, on the real corpus and on generated documents; bad offsets refused."""

import json

import pytest
from hypothesis import HealthCheck, given, settings

from corpus_kz.cli import main
from corpus_kz.formats import jsonl
from corpus_kz.formats.base import FormatError, corpus_data, write_corpus

from ..helpers import snapshot
from .roundtrip import assert_same, predicted, provenance, round_trip
from .strategies import documents




def test_the_real_corpus_round_trips(tmp_path, corpus):
    back = round_trip(jsonl, corpus, tmp_path)
    assert_same(corpus, back, registry_in_order=False)
    a, b = corpus_data(corpus), corpus_data(back)
    # ids are kept as they are: the files are the records themselves
    assert [[r["id"] for r in d.layers["frames"]] for d in a.documents] == [
        [r["id"] for r in d.layers["frames"]] for d in b.documents]


def test_files_are_one_object_per_record(tmp_path, corpus):
    jsonl.export(tmp_path / "j", corpus, progress=False)
    assert sorted(p.name for p in (tmp_path / "j").iterdir() if not p.name.startswith(".")) == sorted(jsonl.FILES)
    lines = (tmp_path / "j" / "attributions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 176
    first = json.loads(lines[0])
    assert list(first) == ["doc_id", "id", "quote_id", "act", "cue", "source", "speaker_id", "speaker_role"]
    docs = [json.loads(x) for x in (tmp_path / "j" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert docs[0]["doc_id"] == "cabar_2020_masanchi" and docs[0]["text"] == corpus[0].text


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_generated_documents_round_trip(tmp_path_factory, corpus):
    tmp = tmp_path_factory.mktemp("g")
    assert_same(corpus, round_trip(jsonl, corpus, tmp), registry_in_order=False)


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


def test_the_command_line_round_trip_and_a_refused_import(tmp_path, capsys):
    assert main(["export", "jsonl", str(tmp_path / "j"), "--quiet"]) == 0
    assert main(["import", "jsonl", str(tmp_path / "j"), "--out", str(tmp_path / "c")]) == 0
    assert main(["validate", str(tmp_path / "c")]) == 0
    path = tmp_path / "j" / "figures.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace('"start": 305', '"start": 306', 1), encoding="utf-8")
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["import", "jsonl", str(tmp_path / "j"), "--out", str(tmp_path / "c2")]) == 1
    err = capsys.readouterr().err
    assert "figures.jsonl:1: record cabar_2020_masanchi f1" in err and "Traceback" not in err
    assert snapshot(tmp_path) == before  # nothing written
    assert main(["import", "jsonl", str(tmp_path / "nowhere"), "--out", str(tmp_path / "c3")]) == 2


@pytest.mark.parametrize("mixed", [False, True])
def test_a_predicted_document_round_trips_with_its_provenance(tmp_path, corpus, mixed):
    original = predicted(corpus, "rferl_2020_kordai_returning", mixed)
    jsonl.export(tmp_path / "export", original, progress=False)
    quote = json.loads((tmp_path / "export" / "quotes.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert (quote["origin"], quote["confidence"]) == ("predicted:quotes_rule", 0.1 + 0.2)
    if mixed:  # a gold record says nothing of it, as in its annotation file
        second = json.loads((tmp_path / "export" / "quotes.jsonl").read_text(encoding="utf-8").splitlines()[1])
        assert "origin" not in second and "confidence" not in second
    back = round_trip(jsonl, original, tmp_path)
    assert_same(original, back)
    assert provenance(back) == provenance(original)
