"""What corpus_kz may replace without --force: its own exports, never a user's files or an imported corpus."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys

import pytest

import corpus_kz
from corpus_kz.cli import main
from corpus_kz.formats import csv_views, jsonl
from corpus_kz.formats.base import write_corpus
from corpus_kz.storage import outputs
from corpus_kz.storage.outputs import MARKER, OutputError
from ..helpers import snapshot


def test_an_export_replaces_an_earlier_export_but_not_an_imported_corpus(tmp_path):
    corpus = corpus_kz.load()
    out = tmp_path / "out"
    jsonl.export(out, corpus, progress=False)
    csv_views.export(out, corpus, progress=False)            # an earlier export: replaced
    assert (out / "quotes.csv").is_file()

    mine = tmp_path / "mine"
    write_corpus(mine, jsonl.read(_jsonl(tmp_path, corpus)))
    # A correction made in place: the same files, other bytes; the export's list of files cannot tell.
    doc = sorted((mine / "annotations" / "docs").iterdir())[0]
    edited = doc.read_text(encoding="utf-8") + "\n"
    doc.write_text(edited, encoding="utf-8")
    before = sorted(p.name for p in mine.rglob("*"))
    with pytest.raises(OutputError, match="holds a corpus written by corpus-kz import"):
        csv_views.export(mine, corpus, progress=False)
    with pytest.raises(OutputError, match="holds a corpus written by corpus-kz import"):
        write_corpus(mine, jsonl.read(_jsonl(tmp_path, corpus)))
    assert sorted(p.name for p in mine.rglob("*")) == before and doc.read_text(encoding="utf-8") == edited
    csv_views.export(mine, corpus, force=True, progress=False)  # asked for: replaced
    assert (mine / "quotes.csv").is_file()


def _jsonl(tmp_path, corpus):
    src = tmp_path / "src"
    if not src.exists():
        jsonl.export(src, corpus, progress=False)
    return src


# -- issue 18: nothing replaced that corpus_kz did not write as it is, one run at a time, no links -------------------

def _export(target, *extra) -> list[str]:
    return ["export", "jsonl", "--out", str(target), "--quiet", *extra]


def test_a_hand_edited_file_of_an_earlier_export_is_refused_without_force(tmp_path, capsys):
    target = tmp_path / "ls"
    assert main(["export", "labelstudio", "--out", str(target), "--quiet"]) == 0
    assert main(["export", "labelstudio", "--out", str(target), "--quiet"]) == 0  # as written: replaced
    tasks = target / "tasks.json"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace('"text"', '"text" ', 1), encoding="utf-8")
    before = snapshot(target)
    capsys.readouterr()
    assert main(["export", "labelstudio", "--out", str(target), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "tasks.json has changed since corpus_kz wrote it" in err and "--force" in err and "Traceback" not in err
    assert snapshot(target) == before and sorted(p.name for p in tmp_path.iterdir()) == ["ls"]
    assert main(["export", "labelstudio", "--out", str(target), "--quiet", "--force"]) == 0
    assert outputs.is_output(target)


def test_the_marker_keeps_each_written_files_sha256(tmp_path):
    target = jsonl.export(tmp_path / "out", corpus_kz.load(), progress=False)
    files = json.loads((target / MARKER).read_text(encoding="utf-8"))["files"]
    assert files == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in target.iterdir() if p.name != MARKER}


def test_an_export_of_an_older_corpus_kz_with_no_sha256_is_replaced_only_with_force(tmp_path, capsys):
    target = tmp_path / "out"
    assert main(_export(target)) == 0
    meta = json.loads((target / MARKER).read_text(encoding="utf-8"))
    (target / MARKER).write_text(json.dumps({**meta, "files": sorted(meta["files"])}), encoding="utf-8")
    assert main(_export(target)) == 2
    assert "kept no sha256" in capsys.readouterr().err
    assert main(_export(target, "--force")) == 0 and outputs.is_output(target)


def test_an_output_of_another_command_is_refused_without_force(tmp_path, capsys):
    target, corpus = tmp_path / "report", corpus_kz.load()
    outputs.publish(target, lambda tmp: (tmp / "report.md").write_text("# a report\n"), kind="report",
                    corpus_path=corpus.path, what="report")
    before = snapshot(target)
    assert main(_export(target)) == 2
    err = capsys.readouterr().err
    assert "holds an earlier corpus_kz report, not an earlier export" in err and "--force" in err
    assert snapshot(target) == before
    jsonl.export(tmp_path / "src", corpus, progress=False)
    with pytest.raises(OutputError, match="holds an earlier corpus_kz export, not an earlier report"):
        outputs.publish(tmp_path / "src", lambda tmp: None, kind="report", corpus_path=None, what="report")


@pytest.mark.parametrize("force", [False, True])
def test_a_target_that_is_a_symbolic_link_is_refused_and_nothing_is_left(tmp_path, capsys, force):
    earlier = tmp_path / "earlier"
    assert main(_export(earlier)) == 0
    (tmp_path / "link").symlink_to("earlier")
    before = snapshot(tmp_path)
    assert main(_export(tmp_path / "link", *(["--force"] if force else []))) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'link'} is a symbolic link (to earlier)" in err and str(earlier) in err
    assert "Traceback" not in err and "rmtree" not in err
    assert snapshot(tmp_path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["earlier", "link"]
    assert (tmp_path / "link").is_symlink()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_clean_up_removes_a_dead_runs_build_and_never_a_live_runs(tmp_path):
    target, corpus = tmp_path / "out", corpus_kz.load()
    dead = tmp_path / f".out.{_dead_pid()}.k1ll3d.tmp"
    live = tmp_path / f".out.{os.getppid()}.l1v3.tmp"  # a build of a run that is still writing
    for build in (dead, live):
        build.mkdir()
        (build / "half.jsonl").write_text("{}\n")
    jsonl.export(target, corpus, progress=False)
    assert not dead.exists() and (live / "half.jsonl").read_text() == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "out"]


def test_a_held_lock_makes_another_run_wait_then_fail_naming_it(tmp_path):
    from corpus_kz.writing import target_lock

    target = tmp_path / "out"
    with target_lock(target) as lock:
        assert lock == tmp_path / ".out.lock" and json.loads(lock.read_text())["pid"] == os.getpid()
        run = subprocess.run([sys.executable, "-m", "corpus_kz", *_export(target)], capture_output=True, text=True,
                             env={**os.environ, "CORPUS_KZ_LOCK_WAIT": "0.3"})
        assert run.returncode == 2, run.stderr
        assert f"is being written by another run (pid {os.getpid()} on " in run.stderr
        assert f"its lock {lock} was not released in 0.3 s" in run.stderr and "Traceback" not in run.stderr
        assert not target.exists()
    assert not lock.exists()
    jsonl.export(target, corpus_kz.load(), progress=False)  # released: the next run writes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_lock_of_a_run_that_died_is_taken_over(tmp_path):
    target = tmp_path / "out"
    (tmp_path / ".out.lock").write_text(json.dumps({"pid": _dead_pid(), "host": socket.gethostname()}))
    jsonl.export(target, corpus_kz.load(), progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"] and outputs.is_output(target)
