"""Agreement metrics on known values, and the reported figures reproduced from the passes."""

import json

import pytest

from corpus_kz import Span
from corpus_kz.adjudicate import main as adjudicate_main
from corpus_kz.agreement import agreement_summary, cohen_kappa, f1, krippendorff_alpha_nominal, match_spans
from corpus_kz.corpus import bundled_path


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


def test_reported_agreement_is_reproducible():
    committed = json.loads((bundled_path() / "annotations" / "agreement.json").read_text())
    assert committed == json.loads(json.dumps(agreement_summary()))
    assert committed["documents"] and len(committed["documents"]) == 5
    pooled = committed["pooled"]
    # The figures README and the dataset card quote (kept in step with the files by this test).
    assert pooled["attributions"]["f1_exact"] == pytest.approx(0.9852, abs=1e-4)
    assert pooled["quotes"]["token_alpha"] == pytest.approx(0.9825, abs=1e-4)


def test_gold_is_the_adjudication_of_the_passes(capsys):
    assert adjudicate_main(["--check"]) == 0
    assert "checked" in capsys.readouterr().out
