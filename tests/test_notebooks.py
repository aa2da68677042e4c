"""Every notebook runs top to bottom offline, its asserts hold, and nothing in it warns.

Notebooks are committed with their outputs cleared, so no committed output can be stale.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_seven_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["01_quickstart", "02_attribution", "03_framing", "04_figures", "05_extend",
                                           "06_your_corpus_at_scale", "07_predicted_corpus"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["source"][:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_offline_without_warnings(path, tmp_path, monkeypatch):
    import nbclient  # in the [test] extra: a missing one must fail, not skip
    import nbformat
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # The kernel's temporary directory, to see what the notebook leaves there (issue 18: 05 left its folders).
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    assert sorted(p.name for p in scratch.iterdir()) == [], "the notebook left these in the temporary directory"
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", out
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                assert "Warning" not in out["text"], out["text"]
    assert any(out.get("data", {}).get("text/html") or out.get("data", {}).get("image/png")
               for cell in nb.cells for out in cell.get("outputs", []))
