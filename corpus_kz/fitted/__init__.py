"""Fits shipped as data: JSON files beside this module, each written by the command that fits it.

- ``calibration.json``: the pre-annotator's confidence fitted per layer and rule (``corpus-kz calibrate --write``);
- ``quality.json``: the pre-annotator's precision and recall per class, measured leave one document out on the
  gold (``corpus-kz quality --write``, :mod:`corpus_kz.scoring.quality`), which the analyses read to correct
  counts of predicted records.

Standard library only, at the bottom of the layers, so that any layer may read a shipped fit without
importing what made it.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["path", "read"]


def path(name: str) -> Path:
    """Where the shipped fit ``name`` (without ``.json``) lives: this package's directory."""
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"fitted data name {name!r}: expected a plain file name such as 'quality'")
    return Path(__file__).resolve().parent / f"{name}.json"


def read(name: str) -> dict:
    """The fit ``name``: the JSON file ``<name>.json`` beside this module, e.g. ``read("calibration")``; a clear
    error if it is missing or broken."""
    file = path(name)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        shipped = sorted(p.stem for p in file.parent.glob("*.json"))
        raise FileNotFoundError(f"no fitted data {name!r} ({file}); shipped: {', '.join(shipped) or 'none'}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{file}: not valid JSON ({exc}); expected the file its command writes") from None
    if not isinstance(data, dict):
        raise ValueError(f"{file}: a JSON {type(data).__name__}; expected an object")
    return data
