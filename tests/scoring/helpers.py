"""What the scoring tests share: the levels a result is given at, and every ratio of a result."""

from __future__ import annotations

LEVELS = ("exact", "0.8", "0.3")


def every_score(result: dict):
    """Every ratio in a result of score(), as (where, value)."""
    for layer, s in result["layers"].items():
        for lv in LEVELS:
            for m in ("precision", "recall", "f1"):
                yield f"{layer} {lv} {m}", s[lv][m]
    for lv in LEVELS:
        for key, value in result["attributions"][lv].items():
            if key != "matched":
                yield f"attributions {lv} {key}", value
        if "figures" in result:
            yield f"figures {lv} value_accuracy", result["figures"][lv]["value_accuracy"]
