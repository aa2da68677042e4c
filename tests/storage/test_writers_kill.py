"""Writers killed at every write step, and sixteen of them at once: the target is one whole output, nothing is left.

Each runs in child processes (:mod:`tests.storage.writer_steps`, forked from
one process that has imported corpus_kz, so that a step costs a fork, not a
start of Python). Until issue 18, each run's clean-up removed every
``.DIR.*.tmp`` beside its target, another run's live build among them, and
runs to one target did not take turns: of 16 concurrent ``report --out`` runs
to one folder 15 failed, and two exports could both exit 0 and leave a partial
export.
"""

import json
import os
import subprocess
import sys

import pytest

import corpus_kz
from corpus_kz.formats import jsonl
from corpus_kz.report.build import write_report
from corpus_kz.storage import outputs

from ..helpers import ROOT, make_user_corpus, snapshot

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the child processes are forked")


def _facts(*args) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "tests.storage.writer_steps", *map(str, args)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]


def _killed_at_each_step(facts: list[dict], target) -> None:
    assert facts and all(f["killed"] for f in facts), "a run that should have been killed was not"
    for fact in facts:
        assert fact["after_kill"] in ("old", "new"), fact  # whole: never a mix, never no output
        assert fact["next_exit"] == 0 and fact["after_next"] == "new", fact
        assert fact["beside_after_next"] == [target.name], fact  # no build, no lock left by the killed run
    # One commit point: the old output until the swap, the new one from the step after it.
    swap = next(i for i, f in enumerate(facts) if f["what"].startswith("_exchange"))
    assert [f["after_kill"] for f in facts] == ["old"] * (swap + 1) + ["new"] * (len(facts) - swap - 1)


def test_an_export_killed_at_each_write_step_leaves_the_old_output_or_the_new_one(tmp_path):
    corpus = make_user_corpus(tmp_path / "corpus")
    target = tmp_path / "t" / "out"
    jsonl.export(target, corpus_kz.load(corpus)[0:1], progress=False)  # the earlier output: one document of two
    facts = _facts("jsonl", corpus, target)
    assert len(facts) == facts[0]["of"] > 20  # every step
    kinds = {f["what"].split()[0] for f in facts}
    assert {"open", "write", "mkdir", "replace", "_exchange", "unlink", "rmdir"} <= kinds
    _killed_at_each_step(facts, target)


def test_a_report_killed_at_each_kind_of_write_step_leaves_the_old_report_or_the_new_one(tmp_path):
    corpus = make_user_corpus(tmp_path / "corpus")
    target = tmp_path / "t" / "out"
    write_report(target, corpus_kz.load(corpus)[0:1], progress=False)
    facts = _facts("report", corpus, target, "sample")
    assert len(facts) >= 8 and facts[0]["of"] > 40  # the first and last of each kind of step
    _killed_at_each_step(facts, target)


@pytest.mark.parametrize("what", ["jsonl", "report"])
def test_sixteen_writers_to_one_target_at_once_take_turns_and_leave_one_whole_output(tmp_path, what):
    corpus = make_user_corpus(tmp_path / "corpus")
    target = tmp_path / "t" / "out"
    said = _facts("at_once", what, corpus, target, 16)
    assert len(said) == 16
    assert [(s["status"], s["err"]) for s in said] == [(0, "")] * 16  # each waited for the one before
    spans = sorted((s["start"], s["end"]) for s in said)
    assert any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:])), "no two runs overlapped"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out"] and outputs.is_output(target, what)
    assert snapshot(target) == snapshot(tmp_path / "out.warm")  # what one run alone writes
    if what == "jsonl":
        assert snapshot(target) == snapshot(jsonl.export(tmp_path / "ref", corpus_kz.load(corpus), progress=False))
