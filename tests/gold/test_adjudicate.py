"""Adjudication: the committed gold is exactly what the passes and the decisions give."""

import shutil

from corpus_kz.cli import main
from corpus_kz.storage import Layout

from ..helpers import ROOT, copy_corpus, snapshot


def test_gold_is_the_adjudication_of_the_passes(capsys):
    assert main(["adjudicate", "--check"]) == 0
    assert "checked" in capsys.readouterr().out


def test_rebuild_in_a_copy_writes_the_same_bytes(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "c")
    shutil.copytree(ROOT / Layout.PASSES, corpus / Layout.PASSES)
    shutil.copytree(ROOT / "annotations" / "adjudication", corpus / "annotations" / "adjudication")
    before = snapshot(corpus)
    (corpus / Layout.doc("rferl_2020_kordai_returning")).write_text("{}")  # damaged gold is rebuilt
    assert main(["adjudicate", str(corpus)]) == 0
    assert snapshot(corpus) == before


def test_without_passes_or_decisions_a_clear_error(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "c")
    before = snapshot(corpus)
    assert main(["adjudicate", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "decisions.json: found no such file" in err and "needs a checkout" in err
    assert snapshot(corpus) == before
