"""Calibrated confidence: the fit, its error, the shipped file kept current, and the records that carry it.

The currency test recomputes the fit on the gold (leave one out) and, where ``../shared/polnear-dev``
is beside the checkout, on PolNeAR dev; without it, the gold's counts are checked alone.
"""

from __future__ import annotations

import json

import pytest

import corpus_kz
from corpus_kz import load
from corpus_kz.annotate.calibration import fit as shipped_fit
from corpus_kz.annotate.calibration import probability, raw_scores
from corpus_kz.cli import CALIBRATION_END, CALIBRATION_START, main
from corpus_kz.scoring import calibration as C
from corpus_kz.scoring.brat_attributions import read_brat_attributions

from ..helpers import ROOT
from .test_brat_attributions import POLNEAR

README = (ROOT / "README.md").read_text(encoding="utf-8")
HOW = "run `corpus-kz calibrate --write` and commit the files it writes (the fit, README's table, the diagram)"


def _outcome(layer, rule, raw, right, doc="d1", source=C.GOLD):
    return C.Outcome(layer, rule, raw, right, doc, source)


# -- the measures --------------------------------------------------------------------------------------

def test_ece_weights_each_bins_gap_by_its_records():
    # bin 0.9-1.0: two records at 0.95, one right (gap 0.45); bin 0.3-0.4: two at 0.3, both wrong (gap 0.3)
    pairs = [(0.95, True), (0.95, False), (0.3, False), (0.3, False)]
    assert C.ece(pairs) == pytest.approx(2 / 4 * 0.45 + 2 / 4 * 0.3)
    assert C.reliability(pairs) == [(2, 0.3, 0.0), (2, 0.95, 0.5)]
    assert C.ece([(1.0, True)]) == 0.0  # a probability of 1 is in the last bin, not an eleventh
    assert C.ece([]) is None


def test_the_fit_shrinks_each_level_towards_the_one_above():
    outcomes = [_outcome("figures", "r", 0.9, right) for right in (True, True, True, False)]
    layer = (3 + 4 * 0.5) / 8     # towards one half
    rule = (3 + 4 * layer) / 8    # towards the layer's rate
    score = (3 + 4 * rule) / 8    # towards the rule's
    got = C.fit(outcomes)["layers"]["figures"]
    assert got["probability"] == round(layer, 3)
    assert got["rules"]["r"]["probability"] == round(rule, 3)
    assert got["rules"]["r"]["scores"]["0.9"] == {"probability": round(score, 3), "gold": [4, 3], "dev": [0, 0]}
    assert C.fit([])["layers"]["figures"] == {"probability": 0.5, "rules": {}}


def test_the_development_corpus_gives_the_upper_levels_and_the_gold_the_last_word():
    dev = [_outcome("quotes", "r", 0.6, k < 6, f"p{k}", C.DEV) for k in range(10)]
    gold = [_outcome("quotes", "r", 0.6, True)] * 2
    got = C.fit(dev + gold)["layers"]["quotes"]
    layer = (6 + 4 * 0.5) / 14
    rule = (6 + 4 * layer) / 14
    prior = (6 + 4 * rule) / 14
    assert got["probability"] == round(layer, 3)
    assert got["rules"]["r"]["scores"]["0.6"]["probability"] == round((2 + 4 * prior) / 6, 3)
    assert got["rules"]["r"]["scores"]["0.6"]["dev"] == [10, 6]


def test_cross_fitting_scores_each_document_with_a_fit_that_did_not_see_it():
    # Two documents whose rule is always right in one and always wrong in the other: each is scored by the other's.
    outcomes = [_outcome("zones", "r", 0.5, True, "a")] * 20 + [_outcome("zones", "r", 0.5, False, "b")] * 20
    crossed = C.cross_fitted(outcomes, folds=2)
    assert max(crossed[:20]) < 0.2 and min(crossed[20:]) > 0.8
    assert C.ece(zip(crossed, (o.right for o in outcomes))) > 0.8


# -- applying the fit ----------------------------------------------------------------------------------

def test_a_record_carries_the_fitted_probability_of_its_rule_and_raw_score():
    text = ('"The pass is closed," the Andorran minister said on Tuesday. Police said 40 people were held. '
            "Officials denied that the unrest was an interethnic conflict.")
    with raw_scores():
        raw = corpus_kz.annotate(text, {})
    doc = corpus_kz.annotate(text, {})
    fitted = shipped_fit()
    compared = 0
    for layer in ("zones", "mentions", "quotes", "attributions", "figures", "frames"):
        for r, c in zip(getattr(raw, layer), getattr(doc, layer)):
            rule = r.origin.split(":", 1)[1]
            assert c.confidence == probability(layer, rule, r.confidence, fitted), (layer, rule)
            compared += 1
    assert compared >= 6
    assert {round(a.confidence, 3) for a in doc.attributions} != {round(a.confidence, 3) for a in raw.attributions}


def test_an_unknown_rule_keeps_its_raw_score_and_an_unseen_score_gets_its_rules_probability():
    fitted = {"layers": {"quotes": {"probability": 0.7, "rules": {"r": {"probability": 0.6, "scores": {
        "0.9": {"probability": 0.95}}}}}}}
    assert probability("quotes", "r", 0.9, fitted) == 0.95
    assert probability("quotes", "r", 0.42, fitted) == 0.6
    assert probability("quotes", "quote_marks_baseline", 0.5, fitted) == 0.5
    assert probability("figures", "r", 0.3, fitted) == 0.3


def test_raw_scores_holds_only_inside_its_block():
    text = '"We will stay," the Andorran minister said.'
    with raw_scores():
        inside = corpus_kz.annotate(text, {}).attributions[0].confidence
    after = corpus_kz.annotate(text, {}).attributions[0].confidence
    assert inside == 0.9 and after == probability("attributions", "direct_quote", 0.9)


# -- the shipped file ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fresh():
    docs = [d for d in load() if d.annotated]
    dev = read_brat_attributions(POLNEAR) if POLNEAR.is_dir() else None
    return C.calibration_data(docs, dev, "PolNeAR dev" if dev else None)


def test_the_shipped_calibration_is_current(fresh):
    # A rule change that moves a record, or a raw score, changes the counts: refit before committing it.
    stale = C.stale(shipped_fit(), fresh)
    assert not stale, f"corpus_kz/fitted/calibration.json is out of date; {HOW}:\n" + "\n".join(stale[:20])


def test_staleness_names_what_changed(fresh):
    moved = json.loads(json.dumps(fresh))
    moved["layers"]["frames"]["rules"]["frame_lexicon"]["scores"]["0.5"]["gold"][1] += 1
    assert C.stale(fresh, fresh) == []
    assert C.stale(moved, fresh)[0].startswith("frames/frame_lexicon/0.5: gold [records, right]")
    gold_only = {**fresh, "fitted_on": {C.GOLD: fresh["fitted_on"][C.GOLD]}}
    with_dev = {**moved, "fitted_on": {**fresh["fitted_on"], C.DEV: {"name": "PolNeAR dev"}}}
    assert any("frame_lexicon/0.5" in line for line in C.stale(with_dev, gold_only))


def test_the_calibration_meets_the_goal_in_sample_and_says_what_it_does_cross_fitted():
    # Issue 17: ECE <= 0.05 per layer on the leave-one-out gold. In sample: the fit saw these records.
    rows = [r for r in shipped_fit()["ece"]["rows"] if r["measured_on"] == "gold, leave one out"]
    assert [r["layer"] for r in rows] == list(C.CALIBRATED_LAYERS)
    for r in rows:
        assert r["after"] <= 0.05 < r["before"], r
        assert r["cross_fitted"] < r["before"], r


def test_readme_shows_the_shipped_tables_and_diagram():
    rows = shipped_fit()["ece"]["rows"]
    block = README.split(CALIBRATION_START, 1)[1].split(CALIBRATION_END, 1)[0]
    assert block.strip() == C.ece_table(rows), f"README's calibration table is not the shipped one; {HOW}"
    assert "](docs/reliability.png)" in README and (ROOT / "docs" / "reliability.png").is_file()
    assert f"weight {C.PRIOR_WEIGHT:g}" in shipped_fit()["method"] and f"weight of {C.PRIOR_WEIGHT:g}" in README


def test_the_file_is_the_json_it_was_made_from(fresh):
    assert json.loads(C.calibration_json(fresh)) == fresh
    assert (ROOT / "corpus_kz" / "fitted" / "calibration.json").read_text(encoding="utf-8").count("\n") < 1500


# -- the command ---------------------------------------------------------------------------------------

def test_calibrate_writes_the_fit_and_the_checkouts_readme_table(tmp_path, monkeypatch, fresh):
    from corpus_kz import fitted

    package = tmp_path / "corpus_kz" / "fitted"
    package.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "README.md").write_text(f"intro\n{CALIBRATION_START}\nold table\n{CALIBRATION_END}\nrest\n")
    monkeypatch.setattr(fitted, "__file__", str(package / "__init__.py"))
    monkeypatch.setattr(C, "calibration_data", lambda docs, dev, name=None: fresh)
    assert main(["calibrate", "--no-dev", "--write"]) == 0
    assert json.loads((package / "calibration.json").read_text()) == fresh
    readme = (tmp_path / "README.md").read_text()
    assert readme == f"intro\n{CALIBRATION_START}\n{C.ece_table(fresh['ece']['rows'])}\n{CALIBRATION_END}\nrest\n"
    assert (tmp_path / "docs" / "reliability.png").read_bytes()[:4] == b"\x89PNG"


def test_calibrate_refuses_a_missing_development_corpus(tmp_path, capsys):
    assert main(["calibrate", "--dev", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "nowhere is not there" in err and "--no-dev" in err


def test_evaluate_prints_the_calibration_error(capsys):
    assert main(["evaluate"]) == 0
    out = capsys.readouterr().out
    assert "| gold, leave one out | quotes | " in out and "ECE after (the shipped calibration)" in out
    assert main(["evaluate", "--predictor", "baseline"]) == 0
    assert "ECE" not in capsys.readouterr().out


def test_evaluate_on_a_brat_corpus_prints_its_quotes_and_attributions_calibration_error(capsys):
    if not POLNEAR.is_dir():
        pytest.skip(f"the PolNeAR dev set is not at {POLNEAR}")
    assert main(["evaluate", "--brat", str(POLNEAR), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["calibration"]
    assert [r["layer"] for r in rows] == ["quotes", "attributions"]
    shipped = {r["layer"]: r for r in shipped_fit()["ece"]["rows"] if r["measured_on"] == "PolNeAR dev"}
    for r in rows:  # the shipped fit saw these records: the same numbers, measured again
        assert (r["records"], r["before"], r["after"]) == tuple(shipped[r["layer"]][k] for k in ("records", "before", "after"))
