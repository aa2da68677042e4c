"""The contract every registered format is held to, as written once in corpus_kz/formats/__init__.py ("The contract").

Every test here is parametrized over :data:`corpus_kz.formats.FORMATS` (or those of its formats that read
back, or are lossless), so a format registered there gets all of it without a test of its own, and its
declaration (reads, lossless, keeps_ids) decides what it is held to. Each test names the item of the
contract it checks. What is particular to one format (the files it writes, how it names a record, its own
offsets) stays in that format's test module; the hostile inputs of each reader's own files are in
``test_import_hostile.py``.
"""

from __future__ import annotations

import inspect
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import corpus_kz
import pytest
from corpus_kz import Corpus, Span
from corpus_kz.build import corpus_data
from corpus_kz.cli import main
from corpus_kz.formats import FORMATS, format_module, readable
from corpus_kz.formats.base import FormatError, write_corpus
from corpus_kz.storage import outputs
from corpus_kz.storage.outputs import OutputError
from corpus_kz.storage.writer import write_directory
from hypothesis import HealthCheck, given, settings

from ..helpers import DOC, make_event_corpus, snapshot
from .audit import Interrupted, check_nothing_written, check_opened, run_import, writes
from .roundtrip import assert_same, predicted, round_trip
from .strategies import documents

EVERY = list(FORMATS)
READERS = [name for name, declared in FORMATS.items() if declared.reads]
LOSSLESS = [name for name, declared in FORMATS.items() if declared.lossless]


@pytest.fixture(scope="module")
def small(corpus) -> Corpus:
    """Two documents of the bundled corpus: every layer, and quick to write in every format."""
    return corpus[0:2]


@pytest.fixture(scope="module")
def small_dir(small, tmp_path_factory) -> Path:
    """``small`` as a corpus directory, for the command line to export."""
    return write_directory(tmp_path_factory.mktemp("small") / "corpus", small)


def _files(directory: Path) -> set[str]:
    return {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()}


# -- the registry ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", EVERY)
def test_the_registry_declares_what_each_module_does(fmt):
    declared, module = FORMATS[fmt], format_module(fmt)
    assert declared.name == fmt and declared.description.strip() and "\n" not in declared.description
    params = inspect.signature(module.export).parameters
    assert list(params)[:4] == ["directory", "corpus", "force", "progress"]
    assert (params["force"].default, params["progress"].default) == (False, True)
    assert {params["force"].kind, params["progress"].kind} == {inspect.Parameter.KEYWORD_ONLY}  # never by position
    assert callable(getattr(module, "read", None)) == declared.reads
    assert declared.reads or not declared.lossless, "only a format that reads back can be lossless"
    assert declared.lossless or not declared.keeps_ids


def test_readable_and_format_module_follow_the_registry():
    assert readable() == READERS
    with pytest.raises(ValueError, match="unknown format 'docx'; expected one of hf, "):
        format_module("docx")


@pytest.mark.parametrize("fmt", [name for name in EVERY if name not in READERS])
def test_a_format_that_does_not_read_back_is_no_import(fmt, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["import", fmt, str(tmp_path), "--out", str(tmp_path / "corpus")])
    assert exc.value.code == 2 and f"invalid choice: '{fmt}'" in capsys.readouterr().err
    assert not (tmp_path / "corpus").exists()


# -- 1. built aside, moved in whole, returned --------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", EVERY)
def test_1_an_export_is_built_aside_moved_in_whole_and_returned(fmt, small, tmp_path):
    target = tmp_path / "out"
    with writes(tmp_path) as written:
        result = format_module(fmt).export(target, small, progress=False)
    assert isinstance(result, Path) and result == target.absolute()
    assert written and not [p for p in written if p.is_relative_to(target.resolve())], "written inside the target"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing left beside it
    assert outputs.written(target) == _files(target) and outputs.is_output(target)  # all it wrote, and only that


@pytest.mark.parametrize("fmt", EVERY)
def test_1_an_export_that_fails_part_way_leaves_what_was_there(fmt, small, tmp_path):
    module, target = format_module(fmt), tmp_path / "out"
    with pytest.raises(Interrupted), writes(tmp_path, fail_at=2):
        module.export(target, small, progress=False)
    assert list(tmp_path.iterdir()) == []  # nothing at the target, nothing beside it
    module.export(target, small, progress=False)
    before = snapshot(target)
    with pytest.raises(Interrupted), writes(tmp_path, fail_at=2):
        module.export(target, small[0:1], progress=False)  # another export, stopped part-way
    assert snapshot(target) == before and [p.name for p in tmp_path.iterdir()] == ["out"]


# -- 2. a user's directory, an earlier export, --force -----------------------------------------------------------------

@pytest.mark.parametrize("fmt", EVERY)
def test_2_a_users_directory_is_refused_without_force_and_replaced_with_it(fmt, small, small_dir, tmp_path, capsys):
    target = tmp_path / "mine"
    (target / "sub").mkdir(parents=True)
    (target / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (target / "sub" / "table.csv").write_bytes(b"a,b\n")
    before = snapshot(target)
    with pytest.raises(OutputError, match="not empty"):
        format_module(fmt).export(target, small, progress=False)
    assert snapshot(target) == before
    command = ["export", fmt, str(small_dir), "--out", str(target), "--quiet"]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "is not empty" in err and "--force" in err and "Traceback" not in err
    assert snapshot(target) == before and (target / "sub").is_dir()
    assert main([*command, "--force"]) == 0
    assert outputs.is_output(target) and not (target / "notes.txt").exists() and not (target / "sub").exists()


@pytest.mark.parametrize("fmt", EVERY)
def test_2_an_earlier_export_is_replaced_without_force_but_not_once_a_file_is_added(fmt, small, tmp_path):
    module, target = format_module(fmt), tmp_path / "out"
    module.export(target, small, progress=False)
    module.export(target, small[0:1], progress=False)  # an earlier export: replaced
    assert outputs.is_output(target)
    (target / "added.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(target)
    with pytest.raises(OutputError, match="holds more than an earlier corpus_kz"):
        module.export(target, small, progress=False)
    assert snapshot(target) == before
    # A corpus written by corpus-kz import is where people go on annotating: never replaced without --force.
    imported = write_directory(tmp_path / "imported", small[0:1])
    before = snapshot(imported)
    with pytest.raises(OutputError, match="written by corpus-kz import"):
        module.export(imported, small, progress=False)
    assert snapshot(imported) == before


# -- 3. never over the corpus ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", EVERY)
def test_3_the_target_may_not_hold_the_corpus(fmt, small, tmp_path):
    home = write_directory(tmp_path / "corpus", small[0:1])
    corpus = corpus_kz.load(home)
    before = snapshot(tmp_path)
    for target in (home, tmp_path, home / "annotations", home / "seeds" / "new"):
        with pytest.raises(OutputError, match="holds the corpus"):
            format_module(fmt).export(target, corpus, force=True, progress=False)
    assert snapshot(tmp_path) == before and not (home / "seeds" / "new").exists()


# -- 5. notes, and what the command line says --------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", EVERY)
def test_5_a_format_that_is_not_lossless_says_what_it_cannot_hold(fmt):
    notes = getattr(format_module(fmt), "NOTES", ())
    if not FORMATS[fmt].lossless:
        assert isinstance(notes, tuple) and notes, f"{fmt} is not lossless and declares no NOTES"
    assert all(isinstance(n, str) and n.strip() and "\n" not in n for n in notes)


@pytest.mark.parametrize("fmt", EVERY)
def test_5_the_command_line_exports_prints_the_notes_and_imports_it_back(fmt, small, small_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", fmt, str(small_dir), "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {FORMATS[fmt].description} to {out.resolve()}" in printed
    notes = [*getattr(format_module(fmt), "NOTES", ())]
    if (out / "NOTES.txt").is_file():  # what this export had to change, counted
        notes += (out / "NOTES.txt").read_text(encoding="utf-8").splitlines()
    assert all(f"note: {note}\n" in printed for note in notes)
    if FORMATS[fmt].reads:
        assert main(["import", fmt, str(out), "--out", str(tmp_path / "back")]) == 0
        assert main(["validate", str(tmp_path / "back")]) == 0
        assert_same(small, corpus_kz.load(tmp_path / "back"))


# -- 6. lossless round trips -------------------------------------------------------------------------------------------

def _by_id(corpus: Corpus) -> list[dict[str, list[dict]]]:
    return [{layer: sorted(records, key=lambda r: r["id"]) for layer, records in d.layers.items()}
            for d in corpus_data(corpus).documents]


def _round_trips(fmt: str, original: Corpus, tmp: Path, in_text_order: bool = False) -> None:
    """Identical records after canonical, the same entries and registry; with keeps_ids, each record with its own id
    (and, ``in_text_order``, where the original's records are in text order, every layer in the same order)."""
    back = round_trip(format_module(fmt), original, tmp)
    assert_same(original, back)
    if FORMATS[fmt].keeps_ids:
        assert _by_id(back) == _by_id(original)
        if in_text_order:
            assert [d.layers for d in corpus_data(back).documents] == [
                d.layers for d in corpus_data(original).documents]


@pytest.mark.parametrize("fmt", LOSSLESS)
def test_6_the_bundled_corpus_round_trips(fmt, corpus, tmp_path):
    _round_trips(fmt, corpus, tmp_path, in_text_order=True)


@pytest.mark.parametrize("fmt", LOSSLESS)
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(generated=documents())
def test_6_generated_documents_round_trip(fmt, generated):
    with tempfile.TemporaryDirectory() as tmp:
        _round_trips(fmt, generated, Path(tmp))


@pytest.mark.parametrize("fmt", LOSSLESS)
def test_6_a_corpus_with_events_of_its_own_round_trips_with_its_declarations(fmt, tmp_path):
    mine = corpus_kz.load(make_event_corpus(tmp_path / "mine"))
    _round_trips(fmt, mine, tmp_path, in_text_order=True)
    assert [e.event_id for e in corpus_kz.load(tmp_path / "back").events] == ["almaty_2019", "shymkent_2019"]


@pytest.mark.parametrize("mixed", [False, True])
@pytest.mark.parametrize("fmt", LOSSLESS)
def test_6_predicted_records_round_trip_with_their_origin_and_confidence(fmt, mixed, corpus, tmp_path):
    _round_trips(fmt, predicted(corpus, DOC, mixed), tmp_path, in_text_order=True)


# -- 7. a shifted offset -----------------------------------------------------------------------------------------------

def _shifted(corpus: Corpus, what: str) -> tuple[Corpus, tuple[int, int]]:
    """One document of ``corpus`` whose first suitable mention (or cue) is one character further on, its text
    kept: a span whose text no longer matches, as an export written before the text changed would hold it.

    The record is checked when the document is built, then moved: an export writes what it is given (item 4).
    Suitable: the moved span still lies in the text, covers other characters, and holds no line break.
    """
    doc = corpus[DOC]

    def suitable(span: Span) -> bool:
        around = doc.text[span.start:span.end + 1]
        return span.end < len(doc.text) and around[1:] != span.text and not set("\r\n") & set(around)

    if what == "span":
        old = next(m for m in doc.mentions if suitable(m))
        span = replace(old)
        doc = replace(doc, mentions=tuple(span if m is old else m for m in doc.mentions))
    else:
        old = next(a for a in doc.attributions if a.cue is not None and suitable(a.cue))
        span = Span(old.cue.start, old.cue.end, old.cue.text)
        doc = replace(doc, attributions=tuple(replace(a, cue=span) if a is old else a for a in doc.attributions))
    shifted = Corpus([doc], corpus.registry)
    object.__setattr__(span, "start", span.start + 1)
    object.__setattr__(span, "end", span.end + 1)
    return shifted, (span.start, span.end)


@pytest.mark.parametrize("what", ["span", "cue"])
@pytest.mark.parametrize("fmt", READERS)
def test_7_a_shifted_offset_is_refused_naming_file_record_and_field(fmt, what, corpus, tmp_path, capsys):
    shifted, (start, end) = _shifted(corpus, what)
    module = format_module(fmt)
    src = module.export(tmp_path / "src", shifted, progress=False)
    with pytest.raises(FormatError) as exc:  # by the reader, or by the build step the import runs
        write_corpus(tmp_path / "out", module.read(src))
    (problem,) = exc.value.problems
    assert problem.file.startswith(str(src.resolve())), problem
    assert problem.record and problem.record.startswith(f"{DOC} ") and problem.field, problem
    assert f"at [{start}, {end})" in problem.found, problem
    check_nothing_written(tmp_path / "out")
    # corpus-kz import then says so, one line, and writes nothing at --out.
    before = snapshot(tmp_path)
    code, _ = run_import(fmt, src, tmp_path / "out")
    assert code == 1 and f"{problem}\n1 problem found\n" in capsys.readouterr().err
    assert snapshot(tmp_path) == before
    check_nothing_written(tmp_path / "out")


# -- 8. errors never write ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exports(small, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("exports")
    return {fmt: format_module(fmt).export(root / fmt, small, progress=False) for fmt in READERS}


@pytest.mark.parametrize("fmt", READERS)
def test_8_an_empty_directory_is_refused(tmp_path, capsys, fmt):
    (tmp_path / "src").mkdir()
    code, _ = run_import(fmt, tmp_path / "src", tmp_path / "out")
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and str(tmp_path / "src") in err, err
    check_nothing_written(tmp_path / "out")
    with pytest.raises(FormatError):
        format_module(fmt).read(tmp_path / "src")


@pytest.mark.parametrize("fmt", READERS)
def test_8_a_source_that_is_a_plain_file_is_refused(tmp_path, capsys, fmt):
    (tmp_path / "notes.txt").write_text("just some notes\n", encoding="utf-8")
    code, _ = run_import(fmt, tmp_path / "notes.txt", tmp_path / "out")
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "internal error" not in err, err
    check_nothing_written(tmp_path / "out")
    with pytest.raises(FormatError):
        format_module(fmt).read(tmp_path / "notes.txt")


@pytest.mark.parametrize("fmt", READERS)
def test_8_a_missing_source_is_a_usage_error(tmp_path, capsys, fmt):
    code, _ = run_import(fmt, tmp_path / "nothing", tmp_path / "out")
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no such file" in err, err
    check_nothing_written(tmp_path / "out")
    with pytest.raises(FormatError):
        format_module(fmt).read(tmp_path / "nothing")


@pytest.mark.parametrize("fmt", READERS)
def test_8_a_relative_source_is_read(exports, tmp_path, monkeypatch, capsys, fmt):
    shutil.copytree(exports[fmt], tmp_path / "src")
    monkeypatch.chdir(tmp_path)
    code, paths = run_import(fmt, Path("src"), Path("out"))
    assert code == 0, capsys.readouterr().err
    check_opened(paths, tmp_path, tmp_path / "src", tmp_path / "out")
    assert (tmp_path / "out" / "seeds" / "manifest.json").is_file()


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("out", [".", "..", "sub"])
def test_8_out_that_holds_the_source_is_refused_even_with_force(exports, tmp_path, capsys, fmt, out):
    src = tmp_path / "dir" / "src"
    shutil.copytree(exports[fmt], src)
    before = sorted(p.name for p in src.iterdir())
    target = {".": src, "..": src.parent, "sub": src / "sub"}[out]
    code, _ = run_import(fmt, src, target, "--force")
    err = capsys.readouterr().err
    if out == "sub":  # inside SRC is the user's choice; the source stays as it was
        assert code == 0, err
        shutil.rmtree(target)
    else:
        assert code == 2 and "holds the corpus" in err and err.count("\n") == 1, err
    assert sorted(p.name for p in src.iterdir()) == before


@pytest.mark.parametrize("fmt", READERS)
def test_8_a_non_empty_out_needs_force(exports, tmp_path, capsys, fmt):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("mine", encoding="utf-8")
    code, _ = run_import(fmt, exports[fmt], tmp_path / "out")
    err = capsys.readouterr().err
    assert code == 2 and "--force" in err, err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["mine.txt"]
