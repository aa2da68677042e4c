"""What README and the notebook say must be true of the real files."""

import json
import subprocess
import sys
from pathlib import Path

from corpus_kz.metadata import agreement_markdown
from corpus_kz.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_info_block_is_the_real_output(capsys):
    main(["info"])
    out = capsys.readouterr().out.strip().splitlines()
    for line in out[1:]:  # the first line names the local path
        assert line in README, line


def test_readme_agreement_table_is_the_committed_one():
    summary = json.loads((ROOT / "annotations" / "agreement.json").read_text())
    assert agreement_markdown(summary) in README


def test_readme_counts_the_decisions():
    decisions = json.loads((ROOT / "annotations" / "adjudication" / "decisions.json").read_text())
    n = sum(len(v) for v in decisions["documents"].values())
    assert f"decides each of the {n} disagreements" in README
    fixes = sum(len(v) for v in decisions["corrections"].values())
    assert f"applies the {fixes} corrections" in README


def test_readme_commands_and_ci_agree():
    ci = (ROOT / ".ci" / "run").read_text()
    test_cmd = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
    assert test_cmd in README and test_cmd in ci


def test_readme_says_how_long_the_tests_take():
    """Issue 18: a newcomer ran the suite not knowing whether minutes of silence meant a hang."""
    import re

    after = README.split(".venv/bin/python -m pytest\n```\n", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"about \d+ s on \d+ cores", after)
    assert re.search(r"about \d+ s of pytest\s+for [\d,]+ tests", after)


def test_readme_quickstart_runs():
    block = README.split("## Quickstart", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    out = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert " -- Kyrgyz officials (assertion)" in out.stdout


def test_readme_size_limit_is_the_real_one():
    from corpus_kz.storage.files import MAX_FILE_BYTES

    assert f"at most {MAX_FILE_BYTES // 2**20} MiB are read" in README


def test_readme_layout_names_real_paths():
    import re

    paths = re.findall(r"^\| `([^`*]+/)` \|", README, flags=re.M)
    modules = re.findall(r"`(\w+\.py)`", README.split("## Layout", 1)[1].split("## How the gold", 1)[0])
    assert len(paths) >= 9 and len(modules) >= 20  # the layout table is still there to check
    for path in paths:
        assert (ROOT / path).is_dir(), path
    for module in modules:
        assert list((ROOT / "corpus_kz").rglob(module)) or any((ROOT / d / module).is_file() for d in ("benchmarks", "tests")), module


def test_readme_counts_the_mutations():
    from tests.storage.test_mutations import MUTATIONS

    assert f"on {len(MUTATIONS)} mutations" in README


def test_citation_is_one_and_current():
    import corpus_kz

    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{corpus_kz.__version__}"' in cff
    meta, _ = corpus_kz.load().metadata.datasheet_parts()
    bibtex = meta["citation"].strip().replace("{version}", corpus_kz.__version__)
    assert f"```bibtex\n{bibtex}\n```" in README


def test_readme_main_command_writes_the_report():
    main_cmd = 'python3 -m venv .venv && .venv/bin/pip install -e ".[report]" && .venv/bin/corpus-kz report'
    assert main_cmd in README
    assert main_cmd in (ROOT / "Makefile").read_text()


def test_readme_lexicon_examples_are_in_the_lexicon():
    from corpus_kz.lexicons import cue_form, reporting_verbs

    lex = reporting_verbs()
    table = README.split("**Reporting-verb lexicon.**", 1)[1].split("Negation and auxiliaries", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ")][2:]
    assert len(rows) == 5
    for line in rows:
        stance, examples = [c.strip() for c in line.strip("|").split("|")]
        for cue in examples.split(";")[0].split(", "):
            if cue != "the interview colon":
                assert lex[cue_form(cue)]["stance"] == stance, cue


def test_readme_pre_annotator_scores_are_the_real_leave_one_out_scores():
    # Every cell of the gold table in "Evaluating extractors" is recomputed here; PolNeAR's rows need the
    # external folder and are checked by tests/scoring/test_brat_attributions.py where it exists.
    from corpus_kz import load
    from corpus_kz.scoring.evaluate import leave_one_out, score
    from corpus_kz.annotate import build

    docs = list(load())
    result = score(docs, leave_one_out(docs, build))
    section = README.split("## Evaluating extractors", 1)[1].split("## Growing a corpus", 1)[0]
    names = {"quotes": "quotes (attribution contents)"}
    for layer, s in result["layers"].items():
        cells = [names.get(layer, layer), str(s["gold"]), str(s["predicted"])]
        cells += [" / ".join(f"{s[lv][m]:.3f}" for m in ("precision", "recall", "f1")) for lv in ("exact", "0.8", "0.3")]
        assert "| " + " | ".join(cells) + " |" in section, layer
    att = result["attributions"]["0.3"]
    assert f"| attribution content F1 at 0.3 | {result['layers']['quotes']['0.3']['f1']:.3f} |" in section
    assert f"| speaker accuracy (at 0.3) | {att['speaker_accuracy']:.3f} |" in section
    assert f"attribution-wise F1 (content, speaker and cue all\n  right) {att['attribution_f1']:.3f}" in section


def test_readme_names_test_files_that_exist():
    import re

    for path in re.findall(r"`(tests/[\w/]+\.py)`", README):
        assert (ROOT / path).is_file(), path
