"""Which numbers each source claims, and where the sources disagree.

Every function takes a :class:`~corpus_kz.Corpus` (the bundled one when
None) and returns a tidy DataFrame; ``body_only=True`` leaves out figures
outside body text (captions, interviewer questions). A figure's ``event``
is its own (a 2022 interview can give the 2011 death toll), ``doc_event``
the event its document reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .common import label_agents, view

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["claims", "discrepancies"]

_CLAIM_COLUMNS = ["event", "quantity", "unit", "value", "qualifier", "text", "source", "source_role", "outlet",
                  "doc_id", "figure_id", "doc_event", "zone"]


def claims(corpus: Corpus | None = None, body_only: bool = False, events_only: bool = True) -> pd.DataFrame:
    """Every figure as a claim: event, quantity, unit, value and qualifier, with its source, role, outlet and document.

    ``events_only`` leaves out context numbers that belong to no event
    (census shares, seats in parliament). The outlet's own voice is the
    source ``"author"`` with the role ``"author"``.

    >>> from corpus_kz.analyses import claims
    >>> c = claims()
    >>> c[(c.event == "kordai_2020") & (c.quantity == "participants")][["value", "qualifier", "source"]].values.tolist()
    [[nan, 'vague', 'Mukhtar Taizhan'], [400.0, 'about', 'Ministry of Internal Affairs of Kazakhstan'], [300.0, 'about', 'authorities of Kazakhstan']]
    """
    f = view(corpus, "figures", body_only)
    if events_only:
        f = f[f["event"].notna()]
    f = label_agents(f, "source")
    return f[_CLAIM_COLUMNS].sort_values(["event", "quantity", "unit", "doc_id", "figure_id"], ignore_index=True)


def discrepancies(corpus: Corpus | None = None, body_only: bool = False) -> pd.DataFrame:
    """Where documents give different values for the same event, quantity and unit.

    Each document's value is the largest it gives for that event, quantity
    and unit: its total, since a smaller count in the same text is usually a
    part of it (the 13 still in treatment among the 34 Kazakhs accepted into
    Kyrgyz hospitals). These are candidates for a researcher to read, not
    verdicts: two counts of different things under one quantity (two
    gatherings, the patients of two countries' hospitals) differ without
    disagreeing. One row per (event,
    quantity, unit) with at least two distinct values across documents: the
    documents compared, the lowest and highest value, ``ratio`` = highest /
    lowest, and each document's claim as "value (qualifier, “text”) –
    source, outlet". Vague amounts ("thousands") and quantity ``other`` (durations,
    villages, facilities) are left out. A part counted without its whole
    ("three officials" among the injured) can still show as a discrepancy:
    read the claims.

    >>> from corpus_kz.analyses import discrepancies
    >>> d = discrepancies().set_index(["event", "quantity", "unit"])
    >>> d.loc[("kordai_2020", "participants", "people"), ["low", "high", "ratio"]].tolist()
    [300.0, 400.0, 1.3333333333333333]
    """
    c = claims(corpus, body_only)
    c = c[c["value"].notna() & (c["quantity"] != "other")]
    keys = ["event", "quantity", "unit"]
    heads = c.loc[c.groupby(keys + ["doc_id"], observed=True)["value"].idxmax()].copy()
    heads["claim"] = (heads["value"].map("{:g}".format).astype(str) + " (" + heads["qualifier"].astype(str) + ", “"
                      + heads["text"].astype(str) + "”) – " + heads["source"].astype(str) + ", "
                      + heads["outlet"].astype(str))
    grouped = heads.sort_values("value").groupby(keys, observed=True)
    out = grouped.agg(documents=("doc_id", "size"), values=("value", "nunique"), low=("value", "min"),
                      high=("value", "max"), claims=("claim", "; ".join)).reset_index()
    out = out[out["values"] >= 2].copy()
    out["ratio"] = np.where(out["low"] > 0, out["high"] / out["low"].where(out["low"] > 0), np.nan)
    return out[keys + ["documents", "low", "high", "ratio", "claims"]].sort_values(
        ["event", "ratio"], ascending=[True, False], ignore_index=True)
