"""The reliability diagram of the pre-annotator's confidence: a panel per layer, before and after calibration.

Drawn from the rows ``corpus-kz calibrate`` measures (:func:`corpus_kz.scoring.calibration.calibration_data`,
shipped in ``corpus_kz/fitted/calibration.json``), so the shipped file alone redraws it. Needs
the ``[report]`` extra (``pip install -e ".[report]"`` in a checkout).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .plots import _figure

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.figure import Figure

__all__ = ["reliability_diagram"]

#: What each row's cells are drawn as: (key, legend, colour, filled).
_SERIES = (("before", "rules' constants", "#868e96", False), ("cross_fitted", "calibrated, cross-fitted", "#1c7ed6", True))


def reliability_diagram(rows: Sequence[dict]) -> Figure:
    """Share right against mean confidence, per bin of ten, a marker's area the bin's records; one panel per row."""
    cols = min(4, len(rows)) or 1
    fig = _figure(3.0 * cols, 3.0 * math.ceil(len(rows) / cols) + 0.4)
    axes = fig.subplots(math.ceil(len(rows) / cols), cols, squeeze=False).ravel()
    for ax, row in zip(axes, rows):
        ax.plot([0, 1], [0, 1], color="#ced4da", lw=1, zorder=0)
        for key, label, colour, filled in _SERIES:
            cells = row["cells"].get(key, [])
            total = sum(n for n, _, _ in cells) or 1
            ax.scatter([m for _, m, _ in cells], [y for _, _, y in cells], s=[20 + 400 * n / total for n, _, _ in cells],
                       facecolors=colour if filled else "none", edgecolors=colour, alpha=0.8, label=label)
        after = row.get("cross_fitted", row["after"])
        ax.set_title(f"{row['layer']} ({row['measured_on']})\nECE {row['before']:.3f} → {after:.3f}", fontsize=9)
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 1.02)
        ax.set_aspect("equal")
        ax.tick_params(labelsize=7)
    for ax in axes[len(rows):]:
        ax.set_axis_off()
    axes[0].legend(fontsize=7, loc="upper left")
    fig.supxlabel("confidence (mean in its tenth)", fontsize=9)
    fig.supylabel("share right at overlap 0.3", fontsize=9)
    return fig
