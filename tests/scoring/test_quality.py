"""The pre-annotator's precision and recall per class: counted by hand on a small case, and shipped current."""

from dataclasses import replace

from corpus_kz import fitted
from corpus_kz.scoring.quality import counts, measure, render, stable

from ..analyses.conftest import speaker_doc


def test_tp_fp_fn_per_class_counted_by_hand():
    speakers = [("Ann Lee", "official"), ("Bo Kim", "activist"), ("Cy Dee", "official")]
    gold = speaker_doc("d", speakers, [("domestic", "asserts"), ("harmony", "asserts")], origin="gold")
    pred = speaker_doc("d", [("Ann Lee", "official"), ("Bo Kim", "other"), ("Cy Dee", "official")],
                       [("domestic", "asserts"), ("interethnic", "asserts")])
    # The prediction misses Cy Dee's quote and calls Bo Kim "other".
    pred = replace(pred, quotes=pred.quotes[:2], attributions=pred.attributions[:2])
    assert pred.text == gold.text
    roles = counts([gold], [pred], "speaker_role")
    assert roles["classes"] == ["activist", "official", "other"]
    # official: Ann Lee right, Cy Dee missed; activist: Bo Kim missed as such; other: Bo Kim, wrongly.
    assert {c: [s["tp"], s["fp"], s["fn"]] for c, s in roles["per_class"].items()} == {
        "activist": [0, 0, 1], "official": [1, 0, 1], "other": [0, 1, 0]}
    assert roles["per_class"]["official"]["precision"] == 1.0 and roles["per_class"]["official"]["recall"] == 0.5
    assert roles["per_class"]["official"]["factor"] == 2.0 and roles["per_class"]["activist"]["factor"] is None
    assert roles["per_document"] == {"documents": ["d"], "tp": [[0, 1, 0]], "fp": [[0, 0, 1]], "fn": [[1, 1, 0]]}
    frames = counts([gold], [pred], "frame")["per_class"]
    assert {c: [s["tp"], s["fp"], s["fn"]] for c, s in frames.items()} == {
        "domestic": [1, 0, 0], "harmony": [0, 0, 1], "interethnic": [0, 1, 0]}
    holders = counts([gold], [pred], "holder_role")["per_class"]
    assert {c: [s["tp"], s["fp"], s["fn"]] for c, s in holders.items()} == {"author": [2, 0, 0]}


def test_the_shipped_quality_table_is_current():
    shipped, now = fitted.read("quality"), measure()
    assert stable(shipped) == stable(now), (
        "corpus_kz/fitted/quality.json is not what the rules measure today: run `corpus-kz quality --write` "
        "(make quality) and commit it")
    assert set(now["dimensions"]) == {"speaker_role", "frame", "holder_role"}
    assert render(now).count("\n") < 600  # a document's counts on one line each, not a number per line


def test_the_command_prints_and_writes_the_table(tmp_path, monkeypatch, capsys):
    from corpus_kz import cli

    target = tmp_path / "quality.json"
    monkeypatch.setattr(fitted, "path", lambda name: target)
    assert cli.main(["quality"]) == 0
    out = capsys.readouterr().out
    assert "| speaker_role | tp | fp | fn | precision | recall | precision / recall |" in out and not target.exists()
    assert cli.main(["quality", "--write"]) == 0
    assert f"wrote {target}" in capsys.readouterr().out
    assert stable(fitted.read("quality")) == stable(measure())
    assert not list(tmp_path.glob(".quality.json.*"))  # written through a temporary file, then renamed


def test_write_is_refused_inside_an_installed_package(monkeypatch, capsys):
    from corpus_kz import cli
    from corpus_kz.bundled import package_dir

    monkeypatch.setattr(cli, "bundled_path", lambda: package_dir() / "_data")
    assert cli.main(["quality", "--write"]) != 0
    assert "would write inside the installed package" in capsys.readouterr().err
