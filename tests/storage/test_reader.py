"""Bad input: a clear error naming file, record and field; nothing half-loaded; nothing written."""

import json

import pytest

import corpus_kz
from corpus_kz import CorpusError
from corpus_kz.cli import main
from corpus_kz.standoff import write_json

from conftest import snapshot

DOC = "rferl_2020_kordai_returning"


def _edit(corpus_dir, fn):
    path = corpus_dir / "annotations" / "docs" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    write_json(path, data)
    return path


def _load_error(corpus_dir) -> CorpusError:
    with pytest.raises(CorpusError) as exc:
        corpus_kz.load(corpus_dir)
    return exc.value


def test_copy_loads_cleanly(corpus_dir, corpus):
    copy = corpus_kz.load(corpus_dir)
    assert [d.doc_id for d in copy] == [d.doc_id for d in corpus]


def test_broken_json(corpus_dir):
    path = corpus_dir / "annotations" / "docs" / f"{DOC}.json"
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    err = _load_error(corpus_dir)
    assert str(path) in str(err) and "broken JSON" in str(err) and "line" in str(err)


def test_offsets_outside_the_text(corpus_dir):
    def move(data):
        data["quotes"][0].update(start=10_000, end=10_000 + len(data["quotes"][0]["text"]))
    path = _edit(corpus_dir, move)
    err = _load_error(corpus_dir)
    p = err.problems[0]
    assert (p.file, p.field) == (str(path), "text")
    assert p.record == json.loads(path.read_text())["quotes"][0]["id"]
    assert "inside the text of 3938 characters" in p.expected


def test_changed_seed_is_caught_by_pin_and_by_every_span(corpus_dir):
    seed = corpus_dir / "seeds" / "001_ecd8a901a2a4fa6f.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text("X" + text[1:], encoding="utf-8")  # same length, one character changed
    err = _load_error(corpus_dir)
    fields = {(p.file.rsplit("/", 1)[-1], p.field) for p in err.problems}
    assert ("manifest.json", "sha256") in fields  # the manifest pin
    # Fix the manifest pin: the annotation file's own pin and the covered texts still catch it.
    manifest = corpus_dir / "seeds" / "manifest.json"
    import hashlib
    entries = json.loads(manifest.read_text())
    for e in entries:
        if e["seed_file"] == seed.name:
            e["sha256"] = hashlib.sha256(seed.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(entries))
    err = _load_error(corpus_dir)
    assert any(p.field == "sha256" and p.file.endswith(f"{DOC}.json") for p in err.problems)
    assert any("has the seed changed?" in p.expected for p in err.problems)


def test_unknown_label(corpus_dir):
    def relabel(data):
        data["zones"][0]["zone"] = "sidebar"
    path = _edit(corpus_dir, relabel)
    p = _load_error(corpus_dir).problems[0]
    assert (p.file, p.record, p.field) == (str(path), "z1", "zone")
    assert p.found == "'sidebar'" and p.expected.startswith("one of headline, subheading")


def test_dangling_reference(corpus_dir):
    def dangle(data):
        data["attributions"][0]["quote_id"] = "q999"
    path = _edit(corpus_dir, dangle)
    problems = _load_error(corpus_dir).problems
    assert any(p.file == str(path) and p.record == "a1" and p.field == "quote_id" and "q999" in p.found for p in problems)
    # ... and the quote it left behind has no attribution any more
    assert any(p.record == "q1" and "exactly one attribution" in p.expected for p in problems)


def test_dangling_entity(corpus_dir):
    def dangle(data):
        data["mentions"][0]["entity_id"] = "nobody_at_all"
    _edit(corpus_dir, dangle)
    p = _load_error(corpus_dir).problems[0]
    assert (p.record, p.field, p.found) == ("m1", "entity_id", "'nobody_at_all'")


def test_duplicate_id(corpus_dir):
    def dup(data):
        data["frames"][1]["id"] = data["frames"][0]["id"]
    _edit(corpus_dir, dup)
    p = _load_error(corpus_dir).problems[0]
    assert p.field == "id" and "duplicate id 'fr1'" in p.found


def test_duplicate_entity_id(corpus_dir):
    path = corpus_dir / "annotations" / "entities.json"
    data = json.loads(path.read_text())
    data.append(dict(data[0]))
    write_json(path, data)
    p = _load_error(corpus_dir).problems[0]
    assert (p.file, p.record, p.field) == (str(path), data[0]["entity_id"], "entity_id")


def test_validate_reports_and_writes_nothing(corpus_dir, capsys):
    _edit(corpus_dir, lambda d: d["figures"][0].update(quantity="casualties"))
    before = snapshot(corpus_dir)
    assert main(["validate", str(corpus_dir)]) == 1
    out = capsys.readouterr().out
    assert f"{DOC}.json: record f1: field 'quantity': found 'casualties', expected one of deaths" in out
    assert "schema:" in out  # the JSON Schema reports it too
    assert snapshot(corpus_dir) == before


def test_validate_passes_on_the_bundled_corpus(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_atomic_write_leaves_old_file_on_failure(tmp_path):
    path = tmp_path / "a.json"
    write_json(path, {"x": 1})

    class Boom:
        pass

    with pytest.raises(TypeError):
        write_json(path, {"x": Boom()})
    assert json.loads(path.read_text()) == {"x": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_validate_checks_codebook_rules(corpus_dir, capsys):
    def move_into_boilerplate(data):
        # The first mention is moved onto "Accessibility links", a boilerplate zone.
        data["mentions"][0].update(start=0, end=13, text="Accessibility")
        data["frames"][-1]["holder"] = data["attributions"][0]["id"]  # a frame outside that quote
    _edit(corpus_dir, move_into_boilerplate)
    assert main(["validate", str(corpus_dir)]) == 1
    out = capsys.readouterr().out
    assert "inside boilerplate zone z1" in out
    assert "one of the aliases of" in out
    assert "does not contain the frame" in out
