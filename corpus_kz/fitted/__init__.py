"""Fits shipped as data: JSON files beside this module, each written by the command that fits it."""

import json
from pathlib import Path


def read(name: str) -> dict:
    """The fit ``name``: the JSON file ``<name>.json`` beside this module, e.g. ``read("calibration")``."""
    return json.loads((Path(__file__).parent / f"{name}.json").read_text(encoding="utf-8"))
