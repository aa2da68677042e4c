"""The two annotation passes compared: the reported figures reproduced, and what ``corpus-kz agreement`` writes."""

import json

import pytest

import corpus_kz.storage.layout as layout
from corpus_kz.cli import main
from corpus_kz.gold.passes import pass_agreement
from corpus_kz.metadata import agreement_markdown
from corpus_kz.storage import Layout, bundled_path

from ..helpers import ROOT, copy_corpus, snapshot


def test_reported_agreement_is_reproducible():
    committed = json.loads((bundled_path() / "annotations" / "agreement.json").read_text())
    assert committed == json.loads(json.dumps(pass_agreement()))
    assert committed["documents"] and len(committed["documents"]) == 5
    pooled = committed["pooled"]
    # The figures README and the dataset card quote (kept in step with the files by this test).
    assert pooled["attributions"]["f1_exact"] == pytest.approx(0.9801, abs=1e-4)
    assert pooled["quotes"]["token_alpha"] == pytest.approx(0.9974, abs=1e-4)
    # the attributes of gold v2 (README and the card report these kappas)
    assert (pooled["quotes"]["act_kappa"], pooled["mentions"]["form_kappa"]) == (1.0, 1.0)
    assert pooled["frames"]["aspect_kappa"] == pytest.approx(0.8238, abs=1e-4)


def test_agreement_command_prints_the_pooled_table(capsys):
    assert main(["agreement"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Agreement of pass2 with pass1 over 5 documents")
    assert "| quotes | 174 / 177 | 0.974 | 0.992 | 0.997 |" in out
    # The very table README and the dataset card show.
    assert agreement_markdown(json.loads((ROOT / Layout.AGREEMENT).read_text())) in out


def test_write_refuses_when_nothing_can_be_compared(tmp_path, capsys):
    # Before: an empty summary overwrote annotations/agreement.json and the command exited 0.
    corpus = copy_corpus(tmp_path / "c")
    (corpus / Layout.AGREEMENT).write_text('{"kept": true}\n')
    before = snapshot(corpus)
    assert main(["agreement", str(corpus), "--write"]) == 2  # the copy has no passes
    err = capsys.readouterr().err
    assert "annotations/passes: no such directory" in err and "Traceback" not in err
    assert main(["agreement", str(corpus), "--passes", str(tmp_path / "nonexistent"), "--write"]) == 2
    (tmp_path / "empty" / "pass1").mkdir(parents=True)
    assert main(["agreement", str(corpus), "--passes", str(tmp_path / "empty"), "--write"]) == 2
    assert "no document has both passes" in capsys.readouterr().err
    assert snapshot(corpus) == before


def test_write_goes_to_the_given_corpus(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "c")
    assert main(["agreement", str(corpus), "--passes", str(ROOT / Layout.PASSES), "--write"]) == 0
    written = json.loads((corpus / Layout.AGREEMENT).read_text())
    assert written == json.loads((ROOT / Layout.AGREEMENT).read_text())
    assert oct((corpus / Layout.AGREEMENT).stat().st_mode & 0o777) != "0o600"


def test_write_never_touches_an_installed_package(monkeypatch, tmp_path, capsys):
    # Pretend the copy is the package's bundled data, as it is in a wheel.
    corpus = copy_corpus(tmp_path / "pkg" / "_data")
    monkeypatch.setattr(layout, "_package", lambda: (tmp_path / "pkg").resolve())
    before = snapshot(corpus)
    assert main(["agreement", str(corpus), "--passes", str(ROOT / Layout.PASSES), "--write"]) == 2
    assert "would write inside the installed package" in capsys.readouterr().err
    assert snapshot(corpus) == before
