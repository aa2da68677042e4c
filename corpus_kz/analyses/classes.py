"""The class each record is counted in, as the analyses count it: what precision and recall are measured per.

:mod:`corpus_kz.scoring.quality` measures the pre-annotator per class with
these labels, so that the classes it measures are the classes the analyses
correct (:mod:`corpus_kz.analyses.quantify`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .attribution import _attributions
from .framing import _frames
from .quantify import DIMENSIONS

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["record_classes"]


def record_classes(corpus: Corpus, dimension: str) -> pd.DataFrame:
    """Each record of ``dimension``'s layer: ``doc_id``, ``record`` (an attribution's quote id, a frame's id) and
    ``class``.

    ``dimension`` is one of :data:`~corpus_kz.analyses.quantify.DIMENSIONS`:
    ``"speaker_role"`` (attributions; ``"(no source)"`` for an agentless report),
    ``"frame"`` or ``"holder_role"`` (frames; the author is ``"author"``).
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension {dimension!r}; expected one of {', '.join(DIMENSIONS)}")
    if DIMENSIONS[dimension] == "attributions":
        df, record = _attributions(corpus, False), "quote_id"
    else:
        df, record = _frames(corpus, False), "frame_id"
    return pd.DataFrame({"doc_id": df["doc_id"].astype(str), "record": df[record].astype(str),
                         "class": df[dimension].astype(str)}).reset_index(drop=True)
