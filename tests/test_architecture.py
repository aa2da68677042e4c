"""The layers written in pyproject.toml hold: import-linter checks every import, function-level ones included."""

from importlinter.cli import lint_imports

from .helpers import ROOT


def test_the_layer_contracts_are_kept(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
