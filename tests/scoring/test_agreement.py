"""Agreement metrics on known values, and the reported figures reproduced from the passes."""

import json

import pytest

from corpus_kz import Span
from corpus_kz.cli import main
from corpus_kz.gold.passes import pass_agreement as agreement_summary
from corpus_kz.scoring.agreement import match_spans
from corpus_kz.scoring.metrics import cohen_kappa, f1, krippendorff_alpha_nominal
from corpus_kz.storage import Layout, bundled_path

from ..helpers import ROOT, copy_corpus, snapshot


def test_cohen_kappa_known_value():
    # 2x2 table [[20, 5], [10, 15]]: po = 0.7, pe = 0.5, kappa = 0.4
    a = ["y"] * 25 + ["n"] * 25
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(["x", "y"], ["x", "y"]) == 1.0
    assert cohen_kappa([], []) is None


def test_krippendorff_alpha_known_value():
    # Two coders, nominal, 10 units: Krippendorff (2011) style hand computation.
    a = ["a", "a", "b", "b", "d", "c", "c", "c", "e", "d"]
    b = ["b", "a", "b", "b", "b", "c", "c", "c", "e", "d"]
    # coincidences: n = 20; mismatches a-b, d-b (x2 each) -> Do = 4/20 = 0.2
    # marginals: a3 b6 c6 d3 e2 -> De = (400 - (9 + 36 + 36 + 9 + 4)) / (20 * 19) = 306 / 380
    assert krippendorff_alpha_nominal(a, b) == pytest.approx(1 - 0.2 / (306 / 380))
    assert krippendorff_alpha_nominal(a, a) == 1.0


def test_match_spans_exact_then_greedy_overlap():
    gold = [Span(0, 5, "aaaaa"), Span(10, 20, "b" * 10), Span(30, 32, "cc")]
    other = [Span(0, 5, "aaaaa"), Span(12, 25, "b" * 13), Span(15, 16, "b"), Span(40, 41, "d")]
    exact, overlap = match_spans(gold, other)
    assert exact == [(0, 0)]
    assert overlap == [(0, 0), (1, 1)]  # the larger overlap wins; one-to-one
    assert f1(len(overlap), len(gold), len(other)) == pytest.approx(4 / 7)


def test_records_that_share_a_span_pair_with_their_like():
    # A reported frame: two records on one span, one per holder, listed in a different order by each pass.
    gold = [Span(0, 5, "aaaaa"), Span(0, 5, "aaaaa"), Span(10, 14, "bbbb")]
    other = [Span(0, 5, "aaaaa"), Span(0, 5, "aaaaa"), Span(11, 14, "bbb")]
    keys = (["authorities", "taizhan", "x"], ["taizhan", "authorities", "x"])
    exact, overlap = match_spans(gold, other, keys)
    assert exact == [(0, 1), (1, 0)]
    assert overlap == [(0, 1), (1, 0), (2, 2)]
    assert match_spans(gold, other)[0] == [(0, 0), (1, 1)]  # without labels: first come, first paired


def test_reported_agreement_is_reproducible():
    committed = json.loads((bundled_path() / "annotations" / "agreement.json").read_text())
    assert committed == json.loads(json.dumps(agreement_summary()))
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
    from corpus_kz.metadata import agreement_markdown
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
    import corpus_kz.storage.layout as layout

    # Pretend the copy is the package's bundled data, as it is in a wheel.
    corpus = copy_corpus(tmp_path / "pkg" / "_data")
    monkeypatch.setattr(layout, "_package", lambda: (tmp_path / "pkg").resolve())
    before = snapshot(corpus)
    assert main(["agreement", str(corpus), "--passes", str(ROOT / Layout.PASSES), "--write"]) == 2
    assert "would write inside the installed package" in capsys.readouterr().err
    assert snapshot(corpus) == before


def test_disagreements_are_listed_with_the_keys_adjudication_decides(capsys):
    assert main(["agreement", "--disagreements"]) == 0
    out = capsys.readouterr().out
    decisions = json.loads((ROOT / Layout.DECISIONS).read_text())["documents"]
    for doc_id, decided in decisions.items():
        assert f"## {doc_id}: {len(decided)} disagreements (A = pass1, B = pass2)" in out
        for key in decided:
            assert f"- {key}: " in out
    assert "- frames fr21/fr20: aspect: A=None B='root_cause'" in out
