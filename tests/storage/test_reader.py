"""Bad input: a clear error naming file, record and field; the same from load() and validate; nothing written.

One test per class of bad input. Each goes through :func:`refused`, which
asserts what every case must hold: ``load()`` raises a CorpusError (and
nothing else), ``validate()`` reports exactly the same problems, the command
line exits 1 without a traceback, and no file changes.
"""

import hashlib
import json
import os
import subprocess
import sys

import pytest

import corpus_kz
from corpus_kz import CorpusError
from corpus_kz.cli import main
from corpus_kz.storage import Layout, validate
from corpus_kz.storage.standoff import write_json

from ..helpers import DOC, edit_doc, edit_json, snapshot

MANIFEST_ENTRY = 1  # the manifest entry of DOC


def refused(corpus_dir, capsys=None) -> list:
    """Assert every bad-input guarantee and return the problems."""
    before = snapshot(corpus_dir) if corpus_dir.is_dir() else None
    with pytest.raises(CorpusError) as exc:
        corpus_kz.load(corpus_dir)
    problems = exc.value.problems
    assert validate(corpus_dir) == problems
    if capsys is not None:
        capsys.readouterr()
        assert main(["validate", str(corpus_dir)]) == 1
        assert main(["info", str(corpus_dir)]) == 1
        out = capsys.readouterr()
        assert "Traceback" not in out.out + out.err
        assert str(problems[0]) in out.out and str(problems[0]) in out.err
    if before is not None:
        assert snapshot(corpus_dir) == before
    return problems


def one(problems) -> object:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def edit_manifest(corpus_dir, fn):
    return edit_json(corpus_dir / Layout.MANIFEST, fn)


def test_copy_loads_cleanly(corpus_dir, corpus):
    copy = corpus_kz.load(corpus_dir)
    assert [d.doc_id for d in copy] == [d.doc_id for d in corpus]
    assert validate(corpus_dir) == []


# -- the corpus directory itself ---------------------------------------------------

def test_missing_directory_says_the_directory_is_missing(tmp_path, capsys):
    p = one(refused(tmp_path / "nowhere", capsys))
    assert p.file == str(tmp_path / "nowhere")
    assert p.found == "no such directory: the directory itself is missing" and p.expected == "a corpus directory"


def test_a_file_given_as_the_corpus(tmp_path, capsys):
    f = tmp_path / "manifest.json"
    f.write_text("[]")
    p = one(refused(f, capsys))
    assert p.found == "a file, not a directory"


def test_an_empty_directory(tmp_path, capsys):
    problems = refused(tmp_path, capsys)
    assert [(p.file, p.found) for p in problems] == [
        (str(tmp_path / Layout.MANIFEST), "no such file"), (str(tmp_path / Layout.REGISTRY), "no such file")]


# -- files that are not files --------------------------------------------------------

def test_annotation_path_that_is_a_directory(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    path.unlink()
    path.mkdir()
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.found, p.expected) == (str(path), "a directory", "a file")


def test_seed_that_is_a_symlink_loop(corpus_dir, capsys):
    seed = corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt"
    seed.unlink()
    os.symlink("loop_b", corpus_dir / Layout.SEEDS / "loop_a")
    os.symlink("loop_a", corpus_dir / Layout.SEEDS / "loop_b")
    os.symlink("loop_a", seed)
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field) == (DOC, "seed_file") and "a symlink loop" in p.found


def test_unreadable_annotation_file(corpus_dir, monkeypatch):
    import builtins

    path = corpus_dir / Layout.doc(DOC)
    real_open = builtins.open

    def deny(file, *args, **kwargs):  # tests run as root, where chmod 000 still reads
        if str(file) == str(path.resolve()):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    p = one(refused(corpus_dir))
    assert p.file == str(path) and p.found == "a file that cannot be read (Permission denied)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_annotation_file_by_mode(corpus_dir):
    path = corpus_dir / Layout.doc(DOC)
    path.chmod(0)
    p = one(refused(corpus_dir))
    assert "cannot be read" in p.found


def test_a_pipe_is_not_read(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    path.unlink()
    os.mkfifo(path)  # opening it would block for ever
    p = one(refused(corpus_dir, capsys))
    assert p.found == "a device, pipe or socket"


def test_size_limit(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    with open(path, "r+b") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 2**20)
    p = one(refused(corpus_dir, capsys))
    assert p.found == "a file of 104,857,600 bytes" and p.expected == "at most 67,108,864 bytes"


# -- JSON that Python would take ------------------------------------------------------

def test_broken_json(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    p = one(refused(corpus_dir, capsys))
    assert p.file == str(path) and p.found.startswith("broken JSON (") and "line" in p.found


def test_json_nested_thousands_deep(corpus_dir, capsys):
    (corpus_dir / Layout.REGISTRY).write_text("[" * 100_000 + "]" * 100_000)
    p = one(refused(corpus_dir, capsys))
    assert p.found == "JSON nested too deeply to parse"


def test_json_nested_deep_enough_to_parse_in_a_field(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    text = path.read_text()
    path.write_text(text.replace('"zone": "boilerplate"', '"zone": ' + "[" * 900 + "]" * 900, 1))
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field) == ("z1", "zone") and len(p.found) < 100


def test_integer_with_thousands_of_digits(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    text = path.read_text()
    path.write_text(text.replace('"start": 0,', '"start": ' + "9" * 5000 + ",", 1))
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field, p.found) == ("z1", "start", "an integer of 5,000 digits")


def test_repeated_key(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    text = path.read_text()
    path.write_text(text.replace('"zone": "boilerplate"}', '"zone": "boilerplate", "zone": "headline"}', 1))
    p = one(refused(corpus_dir, capsys))
    assert p.found == "the key 'zone' twice in one object (the object with id 'z1')"


def test_nan_is_not_json(corpus_dir, capsys):
    edit_doc(corpus_dir, lambda d: d["figures"][0].update(value=float("nan")))
    p = one(refused(corpus_dir, capsys))
    assert "NaN is not JSON" in p.found


def test_not_utf8(corpus_dir, capsys):
    path = corpus_dir / Layout.REGISTRY
    path.write_bytes(path.read_bytes().replace(b"Kazakhs", b"Kazakhs\xff", 1))
    p = one(refused(corpus_dir, capsys))
    assert p.found.startswith("bytes that are not UTF-8")


# -- fields --------------------------------------------------------------------------

@pytest.mark.parametrize("aliases,found", [(None, "null"), (3, "3"), ("Kazakhs", "'Kazakhs'"), (["ok", ""], "('ok', '')")])
def test_aliases_must_be_a_list_of_strings(corpus_dir, capsys, aliases, found):
    # A string used to load letter by letter; null and numbers used to crash.
    edit_json(corpus_dir / Layout.REGISTRY, lambda d: d[0].update(aliases=aliases))
    p = one(refused(corpus_dir, capsys))
    assert (p.field, p.found, p.expected) == ("aliases", found, "a list of non-empty strings")


@pytest.mark.parametrize("layer,field", [("attributions", "cue"), ("attributions", "source"),
                                         ("figures", "source"), ("zones", "zone")])
def test_a_missing_field_is_never_filled_in(corpus_dir, capsys, layer, field):
    path = edit_doc(corpus_dir, lambda d: d[layer][0].pop(field))
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.field, p.found) == (str(path), field, "nothing (the field is missing)")


def test_a_missing_entity_field_is_never_filled_in(corpus_dir, capsys):
    edit_json(corpus_dir / Layout.REGISTRY, lambda d: d[0].pop("aliases"))
    p = one(refused(corpus_dir, capsys))
    assert (p.field, p.found) == ("aliases", "nothing (the field is missing)")


def test_an_unknown_field(corpus_dir, capsys):
    edit_doc(corpus_dir, lambda d: d["quotes"][0].update(speaker="someone"))
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field) == ("q1", "speaker") and p.expected == (
        "no such field; the fields of a Quote are start, end, text, id, type (and, optionally, origin, confidence)")


@pytest.mark.parametrize("published", ["20200209", "2020-2-9", "2020-02-30", 20200209, "09.02.2020"])
def test_published_must_be_yyyy_mm_dd(corpus_dir, capsys, published):
    edit_manifest(corpus_dir, lambda d: d[MANIFEST_ENTRY].update(published=published))
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field) == (DOC, "published")


def test_unknown_label_is_reported_once(corpus_dir, capsys):
    path = edit_doc(corpus_dir, lambda d: d["zones"][0].update(zone="sidebar"))
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.record, p.field) == (str(path), "z1", "zone")
    assert p.found == "'sidebar'" and p.expected.startswith("one of headline, subheading")


def test_offsets_outside_the_text(corpus_dir, capsys):
    def move(data):
        data["quotes"][0].update(start=10_000, end=10_000 + len(data["quotes"][0]["text"]))
    path = edit_doc(corpus_dir, move)
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.field, p.record) == (str(path), "text", "q1")
    assert "inside the text of 3938 characters" in p.expected


def test_dangling_reference(corpus_dir, capsys):
    path = edit_doc(corpus_dir, lambda d: d["attributions"][0].update(quote_id="q999"))
    problems = refused(corpus_dir, capsys)
    assert any(p.file == str(path) and p.record == "a1" and p.field == "quote_id" and "q999" in p.found for p in problems)
    # ... and the quote it left behind has no attribution any more
    assert any(p.record == "q1" and "exactly one attribution" in p.expected for p in problems)


def test_dangling_entity(corpus_dir, capsys):
    edit_doc(corpus_dir, lambda d: d["mentions"][0].update(entity_id="nobody_at_all"))
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field, p.found) == ("m1", "entity_id", "'nobody_at_all'")


def test_duplicate_id(corpus_dir, capsys):
    edit_doc(corpus_dir, lambda d: d["frames"][1].update(id=d["frames"][0]["id"]))
    p = refused(corpus_dir, capsys)[0]
    assert p.field == "id" and "duplicate id 'fr1'" in p.found


def test_duplicate_entity_id(corpus_dir, capsys):
    path = corpus_dir / Layout.REGISTRY
    data = json.loads(path.read_text())
    data.append(dict(data[0]))
    write_json(path, data)
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.record, p.field) == (str(path), data[0]["entity_id"], "entity_id")


def test_one_missing_registry_is_one_problem(corpus_dir, capsys):
    (corpus_dir / Layout.REGISTRY).unlink()  # used to report every mention and speaker: 604 lines
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.found) == (str(corpus_dir / Layout.REGISTRY), "no such file")


# -- files the manifest does not account for --------------------------------------------

def test_an_annotation_file_no_manifest_entry_names(corpus_dir, capsys):
    stray = corpus_dir / Layout.doc("cabar_2020_masanchi_v2")
    stray.write_bytes((corpus_dir / Layout.doc("cabar_2020_masanchi")).read_bytes())
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.found) == (str(stray), "an annotation file that no manifest entry names")


def test_sha256sums_is_checked(corpus_dir, capsys):
    sums = corpus_dir / Layout.SHA256SUMS
    text = sums.read_text()
    sums.write_text(text.replace("41cb3b7e", "00000000", 1))
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.record) == (str(sums), "001_ecd8a901a2a4fa6f.txt")
    assert p.found.startswith("00000000") and "hashes to 41cb3b7e" in p.found


def test_sha256sums_must_list_every_seed_and_only_seeds(corpus_dir, capsys):
    sums = corpus_dir / Layout.SHA256SUMS
    lines = sums.read_text().splitlines()
    sums.write_text("\n".join(lines[:-1] + ["0" * 64 + "  extra.txt", "not a checksum line"]) + "\n")
    problems = refused(corpus_dir, capsys)
    got = sorted((p.record, p.found) for p in problems)
    assert got == [("004_e2d80d9f7a307687.txt", "no line for this seed"),
                   ("extra.txt", "a checksum for a file no manifest entry names"),
                   ("line 6", "'not a checksum line'")]


@pytest.mark.parametrize("doc_id, seed_file, edit, moved", [
    (DOC, "001_ecd8a901a2a4fa6f.txt", lambda t: "X" + t[1:], 1),  # one character changed: z1 covers it
    ("rferl_2011_zhanaozen_unrest", "004_e2d80d9f7a307687.txt", lambda t: t[:100] + "X" + t[100:], 231),
], ids=["changed", "inserted"])
def test_a_changed_seed_is_one_problem_saying_what_it_invalidates(corpus_dir, capsys, doc_id, seed_file, edit, moved):
    # The manifest, SHA256SUMS and the annotation file all pin the old text, and every span after the change
    # moved: one fault, said once (issue 18, item 4; 266 lines before).
    seed = corpus_dir / Layout.SEEDS / seed_file
    seed.write_text(edit(seed.read_text(encoding="utf-8")), encoding="utf-8")
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.record, p.field) == (str(corpus_dir / Layout.MANIFEST), doc_id, "sha256")
    total = sum(len(getattr(corpus_kz.load()[doc_id], layer)) for layer in corpus_kz.records.LAYERS)
    assert f"the change invalidates {doc_id}, where {moved} of its {total} records no longer match" in p.expected
    assert main(["validate", str(corpus_dir)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [str(p)] and out.err == "1 problem found\n"


def _new_seed(corpus_dir, data: bytes) -> None:
    """DOC's seed replaced by ``data``, with the manifest's and the annotation file's pins made to agree."""
    (corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    edit_manifest(corpus_dir, lambda d: d[MANIFEST_ENTRY].update(sha256=digest))
    edit_doc(corpus_dir, lambda d: d.update(sha256=digest))
    (corpus_dir / Layout.SHA256SUMS).unlink(missing_ok=True)


def test_a_changed_seed_with_its_pins_updated_is_one_problem_per_moved_record(corpus_dir, capsys):
    # Pins made to agree with the new text hide nothing: the records that no longer match are each reported.
    seed = corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt"
    _new_seed(corpus_dir, ("X" + seed.read_text(encoding="utf-8")[1:]).encode())
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field) == ("z1", "text") and "has the seed changed?" in p.expected


def test_a_wrong_pin_in_the_annotation_file_alone_is_its_own_problem(corpus_dir, capsys):
    edit_doc(corpus_dir, lambda d: d.update(sha256="0" * 64))
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.field) == (str(corpus_dir / Layout.doc(DOC)), "sha256")


# -- nothing outside the corpus ------------------------------------------------------------

@pytest.mark.parametrize("seed_file", ["../../../etc/passwd", "/etc/passwd", "../annotations/entities.json",
                                       "a/../../x.txt", "x\x00.txt", ""])
def test_seed_file_cannot_leave_the_corpus(corpus_dir, capsys, seed_file):
    edit_manifest(corpus_dir, lambda d: d[MANIFEST_ENTRY].update(seed_file=seed_file))
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field) == (DOC, "seed_file")
    assert "hashes to" not in p.found  # nothing was read, so nothing was hashed


@pytest.mark.parametrize("doc_id", ["../../../etc/passwd", "/etc/passwd", ".hidden", "a/b", "x\x00"])
def test_doc_id_cannot_name_a_file_outside(corpus_dir, capsys, doc_id):
    edit_manifest(corpus_dir, lambda d: d[MANIFEST_ENTRY].update(doc_id=doc_id))
    problems = refused(corpus_dir, capsys)
    assert any(p.field == "doc_id" and p.expected.startswith("letters, digits") for p in problems)


def test_a_symlinked_seed_that_leads_outside_is_not_read(corpus_dir, capsys, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    seed = corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt"
    seed.unlink()
    seed.symlink_to(outside)
    p = one(refused(corpus_dir, capsys))
    assert "leads outside the corpus directory" in p.found
    assert hashlib.sha256(b"secret").hexdigest() not in str(p)


def test_a_seed_symlinked_to_dev_zero_is_not_read(corpus_dir, capsys):
    seed = corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt"
    seed.unlink()
    seed.symlink_to("/dev/zero")
    p = one(refused(corpus_dir, capsys))
    assert "leads outside the corpus directory" in p.found


def test_a_device_inside_the_corpus_is_not_read(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    path.unlink()
    try:
        os.mknod(path, 0o644 | 0o020000, os.makedev(1, 5))  # a character device like /dev/zero
    except PermissionError:
        pytest.skip("making a device needs root")
    p = one(refused(corpus_dir, capsys))
    assert p.found == "a device, pipe or socket"


# -- the command line ------------------------------------------------------------------

def test_validate_passes_on_the_bundled_corpus(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_validate_prints_each_problem_and_counts_them(corpus_dir, capsys):
    edit_doc(corpus_dir, lambda d: d["figures"][0].update(quantity="casualties"))
    assert main(["validate", str(corpus_dir)]) == 1
    out = capsys.readouterr()
    assert out.out == (f"{corpus_dir / Layout.doc(DOC)}: record f1: field 'quantity': found 'casualties', expected one of "
                       "deaths, injured, hospitalized, detained, participants, displaced, returned, property_damaged, "
                       "weapons, population_share, other\n")
    assert out.err == "1 problem found\n"


def test_info_into_a_closed_pipe():
    # `corpus-kz info | head -1`: the reader leaves early; no BrokenPipeError traceback.
    proc = subprocess.run(f"{sys.executable} -m corpus_kz info | head -1", shell=True, capture_output=True, text=True)
    assert proc.stdout.startswith("corpus_kz: 5 documents")
    assert proc.stderr == ""


# -- directories, names from disk, odd Unicode (found by the mutation suite) --------------

@pytest.mark.parametrize("how", ["file", "dangling", "outside"])
def test_annotations_directory_that_is_not_one(corpus_dir, capsys, tmp_path, how):
    docs = corpus_dir / Layout.DOCS
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret_name.json").write_text("{}")
    import shutil
    shutil.rmtree(docs)
    if how == "file":
        docs.write_text("not a directory")
    elif how == "dangling":
        docs.symlink_to(tmp_path / "gone")
    else:
        docs.symlink_to(outside)
    p = one(refused(corpus_dir, capsys))  # one problem, not one per document
    assert p.file == str(docs) and p.expected.startswith("a directory")
    assert "secret_name" not in str(p)


def test_a_file_name_with_a_newline_stays_one_line(corpus_dir, capsys):
    (corpus_dir / Layout.DOCS / "x\nFAKE: all good.json").write_text("{}")
    p = one(refused(corpus_dir, capsys))
    assert "\n" not in str(p) and "x\\nFAKE" in str(p)


def test_a_file_name_that_is_not_utf8(corpus_dir, capsys):
    os.close(os.open(os.fsencode(corpus_dir / Layout.DOCS) + b"/\xff.json", os.O_CREAT | os.O_WRONLY, 0o644))
    p = one(refused(corpus_dir, capsys))
    assert "\\udcff.json" in str(p)
    str(p).encode("utf-8")  # printable on any terminal
    proc = subprocess.run([sys.executable, "-m", "corpus_kz", "validate", str(corpus_dir)], capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 1 and b"internal error" not in proc.stderr


def test_a_lone_surrogate_escape_is_not_text(corpus_dir, capsys):
    path = corpus_dir / Layout.REGISTRY
    path.write_text(path.read_text().replace('"name": "Kazakhs"', '"name": "Kazakhs\\udc80"', 1))
    p = one(refused(corpus_dir, capsys))
    assert p.found == "a \\u escape of a lone surrogate ('\\udc80')"


def test_a_paired_surrogate_escape_is_text(corpus_dir):
    path = corpus_dir / Layout.REGISTRY
    path.write_text(path.read_text().replace('"name": "Kazakhs"', '"name": "Kazakhs \\ud83d\\ude00"', 1))
    assert corpus_kz.load(corpus_dir).registry["kazakhs"].name == "Kazakhs 😀"


@pytest.mark.parametrize("name", ["rferl_2020_kordai_returning.JSON", "rferl_2020_kordai_returning.jsonl",
                                  "rferl_2020_kordai_returning.json.txt", "sub"])
def test_a_misnamed_annotation_file_is_reported_not_ignored(corpus_dir, capsys, name):
    # Before: renamed, the annotations were silently dropped and the document loaded with none.
    path = corpus_dir / Layout.doc(DOC)
    if name == "sub":
        (corpus_dir / Layout.DOCS / "sub").mkdir()
        path.rename(corpus_dir / Layout.DOCS / "sub" / path.name)
    else:
        path.rename(path.with_name(name))
    p = one(refused(corpus_dir, capsys))
    assert p.file.endswith(name) and p.expected.startswith("only <doc_id>.json files in")


def test_hidden_files_in_the_annotations_directory_are_left_alone(corpus_dir):
    (corpus_dir / Layout.DOCS / f".{DOC}.json.swp").write_text("editor state")
    assert validate(corpus_dir) == []


def test_a_byte_order_mark(corpus_dir, capsys):
    path = corpus_dir / Layout.doc(DOC)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    p = one(refused(corpus_dir, capsys))
    assert p.found == "a byte order mark (BOM) before the JSON"


def test_nan_is_located(corpus_dir, capsys):
    edit_doc(corpus_dir, lambda d: d["figures"][0].update(value=float("nan")))
    p = one(refused(corpus_dir, capsys))
    assert p.found.startswith("invalid JSON (NaN is not JSON: line ") and "column" in p.found


def test_messages_speak_json(corpus_dir, capsys):
    edit_doc(corpus_dir, lambda d: d.update(quotes=None))
    problems = refused(corpus_dir, capsys)
    assert any(p.field == "quotes" and p.found == "null" and p.expected == "an array of quotes records" for p in problems)


def test_a_seed_symlinked_outside_reads_as_one_sentence(corpus_dir, capsys, tmp_path):
    (tmp_path / "zh.txt").write_text("x")
    seed = corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt"
    seed.unlink()
    seed.symlink_to(tmp_path / "zh.txt")
    p = one(refused(corpus_dir, capsys))
    assert p.found == ("'001_ecd8a901a2a4fa6f.txt', the path 'seeds/001_ecd8a901a2a4fa6f.txt', which leads outside "
                       "the corpus directory")
    assert p.expected == f"a path inside {corpus_dir.resolve()}"


def test_a_directory_swapped_for_a_symlink_between_loads_is_caught(corpus_dir, capsys, tmp_path):
    # Nothing a first load learned about the directories may let a second one read outside.
    import shutil
    corpus_kz.load(corpus_dir)
    docs = corpus_dir / Layout.DOCS
    outside = tmp_path / "elsewhere"
    shutil.copytree(docs, outside)
    shutil.rmtree(docs)
    docs.symlink_to(outside)
    p = one(refused(corpus_dir, capsys))
    assert p.file == str(docs) and "leads outside" in p.found


@pytest.mark.parametrize("layer, provenance, field, found", [
    ("quotes", {"origin": "predicted"}, "origin", "'predicted'"),
    ("zones", {"origin": "Gold"}, "origin", "'Gold'"),
    ("attributions", {"origin": None}, "origin", "null"),
    ("figures", {"origin": "predicted:number_words", "confidence": 1.5}, "confidence", "1.5"),
    ("frames", {"confidence": 0.5}, "confidence", "0.5"),
    ("mentions", {"origin": "predicted:registry_alias"}, "confidence", "null"),
])
def test_bad_provenance_in_a_file_names_file_record_and_field(corpus_dir, capsys, layer, provenance, field, found):
    edit_doc(corpus_dir, lambda d: d[layer][0].update(provenance))
    p = one(refused(corpus_dir, capsys))
    rid = json.loads((corpus_dir / Layout.doc(DOC)).read_text(encoding="utf-8"))[layer][0]["id"]
    assert (p.file, p.record, p.field, p.found) == (str(corpus_dir / Layout.doc(DOC)), rid, field, found)


def test_a_predicted_record_in_a_file_loads_with_its_provenance(corpus_dir):
    edit_doc(corpus_dir, lambda d: d["quotes"][0].update(origin="predicted:direct_quote", confidence=0.8))
    assert validate(corpus_dir) == []
    doc = corpus_kz.load(corpus_dir)[DOC]
    q = doc.quotes[0]
    assert (q.origin, q.confidence) == ("predicted:direct_quote", 0.8)
    assert {(r.origin, r.confidence) for layer in ("zones", "mentions", "attributions", "figures", "frames")
            for r in getattr(doc, layer)} == {("gold", None)}


# -- every file read at its own path ----------------------------------------------------------
# A symlink to a file elsewhere in the corpus is followed for that file only: the folder it sits in
# is still the folder its neighbours are read from (issue 18, item 6).

def _mirror(corpus_dir, rel: str, name: str):
    """A copy of the folder ``rel`` at ``mirror/<rel>``, with ``rel/name`` made a symlink to its copy there."""
    import shutil
    mirror = corpus_dir / "mirror" / rel
    shutil.copytree(corpus_dir / rel, mirror)
    (corpus_dir / rel / name).unlink()
    (corpus_dir / rel / name).symlink_to(os.path.relpath(mirror / name, corpus_dir / rel))
    return mirror


def test_a_symlinked_annotation_file_does_not_redirect_the_files_after_it(corpus_dir, corpus):
    first = "cabar_2020_masanchi"  # the manifest's first entry: read before every other annotation file
    mirror = _mirror(corpus_dir, Layout.DOCS, f"{first}.json")
    for doc_id in corpus.doc_ids[1:]:  # valid files in the mirror, with no records: what must not be read
        edit_json(mirror / f"{doc_id}.json", lambda d: d.update({layer: [] for layer in corpus_kz.records.LAYERS}))
    assert validate(corpus_dir) == []
    loaded = corpus_kz.load(corpus_dir)
    assert [len(d.quotes) for d in loaded] == [len(d.quotes) for d in corpus]
    assert loaded[DOC].mentions == corpus[DOC].mentions


def test_a_symlinked_seed_does_not_redirect_the_seeds_after_it(corpus_dir, capsys):
    _mirror(corpus_dir, Layout.SEEDS, "000_74345c06c20bc3f8.txt")
    seed = corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt"
    seed.write_text("X" + seed.read_text(encoding="utf-8")[1:], encoding="utf-8")  # the mirror keeps the right text
    problems = refused(corpus_dir, capsys)
    assert {p.file for p in problems} >= {str(corpus_dir / Layout.MANIFEST)}
    assert all("mirror" not in str(p) for p in problems)


def test_a_seed_missing_from_its_folder_is_not_found_in_another(corpus_dir, capsys):
    _mirror(corpus_dir, Layout.SEEDS, "000_74345c06c20bc3f8.txt")
    (corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt").unlink()
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field) == (DOC, "seed_file") and "no such file" in p.found


# -- the path itself ----------------------------------------------------------------------------

@pytest.mark.parametrize("call", [corpus_kz.load, validate], ids=["load", "validate"])
def test_an_empty_path_is_refused_not_read_as_the_current_directory(call, corpus_dir, monkeypatch):
    monkeypatch.chdir(corpus_dir)  # a corpus that "" would silently load
    with pytest.raises(ValueError, match="an empty path") as exc:
        call("")
    assert "a str or os.PathLike" in str(exc.value) and not isinstance(exc.value, CorpusError)


@pytest.mark.parametrize("call", [corpus_kz.load, validate], ids=["load", "validate"])
@pytest.mark.parametrize("given, shown", [(123, "int 123"), (b"/path", "bytes b'/path'"), (["a"], "list ['a']"),
                                          (1.5, "float 1.5")])
def test_a_path_of_the_wrong_type_is_refused_at_the_door(call, given, shown):
    with pytest.raises(TypeError) as exc:
        call(given)
    assert str(exc.value) == (f"path: found {shown}, expected a str or os.PathLike naming a corpus directory "
                              "(or None for the bundled corpus)")


def test_the_command_line_refuses_an_empty_path_as_a_usage_error(capsys):
    assert main(["validate", ""]) == 2
    assert "an empty path" in capsys.readouterr().err


# -- control, format and bidi characters in metadata ----------------------------------------------
# A title with U+202E makes a report show another text than the one stored; a NUL or an ESC in an
# outlet reaches terminals and other tools. Metadata and names are refused with the character named.

UNSAFE = [("\x00", "U+0000 NULL"), ("\x1b", "U+001B ESCAPE"), ("\x07", "U+0007 BELL"),
          ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
          ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE"), ("\u2028", "U+2028 LINE SEPARATOR"),
          ("\u2029", "U+2029 PARAGRAPH SEPARATOR"), ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
          ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("\n", "U+000A LINE FEED"), ("\x85", "U+0085")]
REGISTRY_ENTRY = 0  # the first entity of the registry


def _plant(value: str, ch: str) -> str:
    return value[:3] + ch + value[3:]


@pytest.mark.parametrize("ch, named", UNSAFE, ids=[n for _, n in UNSAFE])
@pytest.mark.parametrize("where", ["title", "outlet", "language", "notes", "name", "aliases", "event name",
                                   "places"])
def test_control_and_bidi_characters_in_metadata_are_refused_and_named(corpus_dir, capsys, where, ch, named):
    if where in ("title", "outlet", "language", "notes"):
        file, record, fld = Layout.MANIFEST, DOC, where
        edit_manifest(corpus_dir, lambda d: d[MANIFEST_ENTRY].update(
            {where: [_plant("a note", ch)] if where == "notes" else _plant(d[MANIFEST_ENTRY][where], ch)}))
    elif where in ("name", "aliases"):
        registry = json.loads((corpus_dir / Layout.REGISTRY).read_text(encoding="utf-8"))
        file, record, fld = Layout.REGISTRY, registry[REGISTRY_ENTRY]["entity_id"], where
        value = registry[REGISTRY_ENTRY][where]
        edit_json(corpus_dir / Layout.REGISTRY, lambda d: d[REGISTRY_ENTRY].update(
            {where: [*value, _plant("an alias", ch)] if where == "aliases" else _plant(value, ch)}))
    else:
        fld = where.removeprefix("event ")
        events = json.loads((corpus_dir / Layout.EVENTS).read_text(encoding="utf-8"))
        file, record = Layout.EVENTS, events[0]["event_id"]
        edit_json(corpus_dir / Layout.EVENTS, lambda d: d[0].update(
            {fld: [_plant("Aktau", ch)] + d[0][fld] if fld == "places" else _plant(d[0][fld], ch)}))
    if fld == "aliases" and ch == "\n":
        assert validate(corpus_dir) == []  # an alias spells a name as the text has it, across a line break too
        return
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.record, p.field) == (str(corpus_dir / file), record, fld)
    assert named in p.found and "control" in p.expected


def test_the_characters_some_scripts_need_are_not_refused(corpus_dir):
    # ZERO WIDTH NON-JOINER and JOINER spell words (Persian, Indic scripts); an ordinary accent is just text.
    title = "Mi\u200cr\u200d \u00e9t\u00e9 \u049a\u0430\u0437"
    edit_manifest(corpus_dir, lambda d: d[MANIFEST_ENTRY].update(title=title))
    assert validate(corpus_dir) == []


def test_a_seed_keeps_its_characters_verbatim_but_a_nul_is_refused(corpus_dir, capsys):
    # A NUL is in no news text: it means a binary file, or UTF-16 (which decodes as UTF-8 with a NUL per letter).
    seed = corpus_dir / Layout.SEEDS / "001_ecd8a901a2a4fa6f.txt"
    data = seed.read_bytes() + "\u202e\x1b".encode() + b"\x00"
    _new_seed(corpus_dir, data)
    p = one(refused(corpus_dir, capsys))
    assert (p.record, p.field) == (DOC, "text") and "U+0000 NULL" in p.found
    _new_seed(corpus_dir, data[:-1])  # without the NUL, the override and the escape are the seed's own characters
    assert validate(corpus_dir) == []


def test_the_refused_characters_are_every_control_format_and_separator_but_the_joiners():
    import unicodedata

    from corpus_kz.kinds import SURFACE_UNSAFE, UNSAFE
    wanted = {chr(c) for c in range(sys.maxunicode + 1)
              if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and c not in (0x200C, 0x200D)}
    refused_ = {chr(c) for c in range(sys.maxunicode + 1) if UNSAFE.fullmatch(chr(c))}
    assert refused_ == wanted
    assert {ch for ch in wanted if not SURFACE_UNSAFE.fullmatch(ch)} == {"\t", "\n", "\r"}


# -- the same thing twice under two ids ------------------------------------------------------------

def test_the_same_text_under_two_doc_ids_is_refused_naming_both(corpus_dir, capsys):
    edit_manifest(corpus_dir, lambda d: d.append(dict(d[MANIFEST_ENTRY], doc_id="kordai_again")))
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.record, p.field) == (str(corpus_dir / Layout.MANIFEST), "kordai_again", "sha256")
    assert DOC in p.found and "kordai_again" in p.expected


def test_the_same_text_in_two_seed_files_is_refused_too(corpus_dir, capsys):
    seeds = corpus_dir / Layout.SEEDS
    (seeds / "copy.txt").write_bytes((seeds / "001_ecd8a901a2a4fa6f.txt").read_bytes())
    (corpus_dir / Layout.SHA256SUMS).unlink()
    edit_manifest(corpus_dir, lambda d: d.append(dict(d[MANIFEST_ENTRY], doc_id="kordai_again", seed_file="copy.txt")))
    p = one(refused(corpus_dir, capsys))
    assert p.record == "kordai_again" and DOC in p.found


def test_two_entities_of_one_name_are_refused_naming_both(corpus_dir, capsys):
    registry = json.loads((corpus_dir / Layout.REGISTRY).read_text(encoding="utf-8"))
    first = registry[0]
    edit_json(corpus_dir / Layout.REGISTRY, lambda d: d.append(dict(first, entity_id="the_same_again")))
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.record, p.field) == (str(corpus_dir / Layout.REGISTRY), "the_same_again", "name")
    assert first["entity_id"] in p.found


@pytest.mark.parametrize("layer, prefix", [("zones", "z"), ("mentions", "m"), ("figures", "f"), ("frames", "fr")])
def test_the_same_span_and_label_twice_in_a_layer_is_refused_naming_both(corpus_dir, capsys, layer, prefix):
    data = json.loads((corpus_dir / Layout.doc(DOC)).read_text(encoding="utf-8"))
    first = data[layer][0]["id"]
    edit_doc(corpus_dir, lambda d: d[layer].append(dict(d[layer][0], id=f"{prefix}999")))
    p = one(refused(corpus_dir, capsys))
    assert (p.file, p.record) == (str(corpus_dir / Layout.doc(DOC)), f"{prefix}999")
    assert first in p.found and "once" in p.expected


def test_the_same_quote_attributed_twice_alike_is_refused_naming_both(corpus_dir, capsys):
    def twice(d):
        d["quotes"].append(dict(d["quotes"][0], id="q999"))
        a = next(a for a in d["attributions"] if a["quote_id"] == d["quotes"][0]["id"])
        d["attributions"].append(dict(a, id="a999", quote_id="q999"))
    data = json.loads((corpus_dir / Layout.doc(DOC)).read_text(encoding="utf-8"))
    first = next(a["id"] for a in data["attributions"] if a["quote_id"] == data["quotes"][0]["id"])
    edit_doc(corpus_dir, twice)
    p = one(refused(corpus_dir, capsys))
    assert p.record == "a999" and first in p.found


def test_one_quote_attributed_to_two_speakers_is_no_duplicate(corpus):
    # The codebook's shape: a statement reported from two sources is two quotes on one span (e.g. q11 and q12).
    doc = corpus["rferl_2011_zhanaozen_unrest"]
    spans = [(q.start, q.end) for q in doc.quotes]
    assert len(spans) > len(set(spans))
