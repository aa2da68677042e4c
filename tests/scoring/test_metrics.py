"""The measures on known values: Cohen's κ and Krippendorff's α, computed by hand."""

import pytest

from corpus_kz.scoring.metrics import cohen_kappa, krippendorff_alpha_nominal


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
