"""Which numbers each source claims, and where the sources disagree: between documents and within one.

Every function takes a :class:`~corpus_kz.Corpus` (the bundled one when
None) and returns a tidy DataFrame; ``body_only=True`` leaves out figures
outside body text (captions, interviewer questions). A figure's ``event``
is its own (a 2022 interview can give the 2011 death toll), ``doc_event``
the event its document reports. ``by`` groups by any of the document's
metadata columns (:data:`~corpus_kz.analyses.common.GROUPS`) or by
``"doc_event"``; ``"event"`` is the figure's own, which every result is
keyed by already. ``origin`` counts the gold figures, the predicted ones, or
all (the default); each count carries ``share_predicted`` and each result
says in ``attrs`` what it counted (``origin``, ``records``, ``predicted``,
``share_predicted``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd

from .common import (GROUPS, SHARE_PREDICTED, carrying, group_keys, groups, is_predicted, joined, label_agents,
                     per_value, predicted_share, view)

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["claims", "discrepancies"]

#: What a figure analysis can group by: the document's metadata, and the document's event beside the figure's.
FIGURE_GROUPS = (*GROUPS, "doc_event")
#: What one claim is about: a count of one thing for one event.
TOPIC = ["event", "quantity", "unit"]
#: Who makes a claim (a registry entity, else the source as the text names it) and what it says.
CLAIM = ["value", "qualifier", "source_id", "source", "source_role"]
_CLAIM_COLUMNS = ["event", "quantity", "unit", "value", "qualifier", "text", "source", "source_role", "outlet",
                  "doc_id", "figure_id", "doc_event", "published", "genre", "zone", "origin", "confidence"]
#: The place of a discrepancy: between documents, within one (two of its sources differ), or both.
SCOPES = ("between", "within", "both")


def _claims(corpus: Corpus | None, body_only: bool, events_only: bool, keys: Iterable[str] = (),
            origin: str = "all") -> pd.DataFrame:
    f = view(corpus, "figures", body_only, keys, origin)
    if events_only:
        f = f[f["event"].notna()]
    return label_agents(f, "source")


def claims(corpus: Corpus | None = None, body_only: bool = False, events_only: bool = True,
           by: str | Iterable[str] | None = None, origin: str = "all") -> pd.DataFrame:
    """Every figure as a claim: event, quantity, unit, value and qualifier, with its source, role, outlet and document.

    ``events_only`` leaves out context numbers that belong to no event
    (census shares, seats in parliament). The outlet's own voice is the
    source ``"author"`` with the role ``"author"``. With ``by``, one row per
    distinct claim in each group instead (the same value and qualifier from
    the same source): ``figures`` counts its figures, ``documents`` the
    documents that make it, and ``text`` is the words of its first figure.

    >>> from corpus_kz.analyses import claims
    >>> c = claims()
    >>> c[(c.event == "kordai_2020") & (c.quantity == "participants")][["value", "qualifier", "source"]].values.tolist()
    [[nan, 'vague', 'Mukhtar Taizhan'], [400.0, 'about', 'Ministry of Internal Affairs of Kazakhstan'], [300.0, 'about', 'authorities of Kazakhstan']]
    >>> d = claims(by="doc_event")
    >>> d = d[(d.doc_event == "qantar_2022") & (d.event == "zhanaozen_2011")]
    >>> d[["quantity", "value", "source"]].values.tolist()
    [['deaths', 0.0, 'Yevgeniy Zhovtis'], ['deaths', 15.0, 'Yevgeniy Zhovtis'], ['participants', 1000.0, 'Yevgeniy Zhovtis']]
    """
    keys = group_keys(by, FIGURE_GROUPS)
    f = _claims(corpus, body_only, events_only, keys, origin)
    if by is None:
        out = f[_CLAIM_COLUMNS].sort_values(["event", "quantity", "unit", "doc_id", "figure_id"], ignore_index=True)
        return carrying(out, f, origin)
    topic = list(dict.fromkeys([*keys, *TOPIC]))
    out = (groups(f.assign(_predicted=is_predicted(f).astype("float64")), topic + CLAIM)
           .agg(figures=("figure_id", "size"), documents=("doc_id", "nunique"), text=("text", "first"),
                **{SHARE_PREDICTED: ("_predicted", "mean")}).reset_index())
    return carrying(out, f, origin)


def discrepancies(corpus: Corpus | None = None, body_only: bool = False,
                  by: str | Iterable[str] | None = None, origin: str = "all") -> pd.DataFrame:
    """Where the sources give different values for the same event, quantity and unit: across documents, or in one.

    A source's value in a document is the largest it gives there for that
    event, quantity and unit: its total, since a smaller count from the same
    source is usually a part of it (the 13 still in treatment among the 34
    Kazakhs accepted into Kyrgyz hospitals). A document's value is the largest
    of its sources'. ``scope`` says where the values differ:

    - ``between``: documents give different values (each its largest);
    - ``within``: two sources in one document give different values
      (activists say 2,000, the police 600), listed in ``within``;
    - ``both``.

    One row per event, quantity and unit (and group of ``by``) where they
    differ: the number of ``documents`` giving a value, the ``low`` and
    ``high`` value and ``ratio`` = high / low, ``within`` (the documents whose
    sources differ, "; "-separated), and ``claims``: who claims what, each
    source's value in a document as "value (qualifier, “text”) – source,
    outlet", lowest first; a claim made in several documents in the same
    words is given once, with their number. Vague amounts ("thousands") and
    quantity ``other`` (durations, villages, facilities) are left out.

    These are candidates for a researcher to read, not verdicts: two counts of
    different things under one quantity differ without disagreeing. Both
    within-document cases in the bundled corpus are such: two gatherings
    (some 2,000 in Aqtau, some 300 in Shetpe), and the patients of two
    countries' hospitals (34 in Kyrgyzstan, 39 in Kazakhstan). A part counted
    without its whole ("three officials" among the injured) can show too:
    read the claims.

    >>> from corpus_kz.analyses import discrepancies
    >>> d = discrepancies().set_index(["event", "quantity", "unit"])
    >>> kordai = ("kordai_2020", "participants", "people")
    >>> d.loc[kordai, "scope"], d.loc[kordai, ["low", "high", "ratio"]].tolist()
    ('between', [300.0, 400.0, 1.3333333333333333])
    >>> zhanaozen = d.loc[("zhanaozen_2011", "participants", "people")]
    >>> zhanaozen.scope, zhanaozen.within
    ('both', 'rferl_2011_zhanaozen_unrest')
    """
    keys = group_keys(by, FIGURE_GROUPS)
    topic = list(dict.fromkeys([*keys, *TOPIC]))
    c = _claims(corpus, body_only, True, keys, origin)
    c = c[c["value"].notna() & (c["quantity"] != "other")].sort_values(
        ["doc_id", "figure_id"], kind="stable", ignore_index=True)
    c["who"] = c["source_id"].astype("object").fillna(c["source"].astype("object"))
    # Each source's largest value in each document (the first figure of it when several give it).
    in_doc = list(dict.fromkeys([*topic, "doc_id"]))
    heads = c.sort_values("value", ascending=False, kind="stable").drop_duplicates([*in_doc, "who"])
    per_doc = groups(heads, in_doc)["value"].agg(head="max", values="nunique").reset_index()
    per_doc["differs"] = per_doc["values"] >= 2
    out = groups(per_doc, topic).agg(documents=("doc_id", "size"), heads=("head", "nunique"),
                                     differing=("differs", "sum")).reset_index()
    values = groups(heads, topic)["value"].agg(low="min", high="max").reset_index()
    out = out.merge(values, on=topic, how="left")
    inside = per_doc[per_doc["differs"]].sort_values(in_doc)
    out = out.merge(joined(inside, topic, "doc_id", "; ").rename("within").reset_index(), on=topic, how="left")
    out = out.merge(_claim_list(heads, topic).reset_index(), on=topic, how="left")
    return carrying(_differing(out, topic, keys, c), c, origin)


def _differing(out: pd.DataFrame, topic: list[str], keys: list[str], claimed: pd.DataFrame) -> pd.DataFrame:
    """The topics whose values differ, with their ``scope``, ``ratio`` and the share of their ``claimed`` figures
    that are predicted, widest disagreement first per event."""
    out = out.merge(predicted_share(claimed, topic).rename(SHARE_PREDICTED).reset_index(), on=topic, how="left")
    between, within = out["heads"] >= 2, out["differing"] > 0
    out["scope"] = pd.Categorical(np.select([between & within, between, within], ["both", "between", "within"], None),
                                  categories=list(SCOPES), ordered=True)
    out = out[between | within].copy()
    out["within"] = out["within"].astype("string")
    out["ratio"] = np.where(out["low"] > 0, out["high"] / out["low"].where(out["low"] > 0), np.nan)
    return out[topic + ["scope", "documents", "low", "high", "ratio", "within", "claims", SHARE_PREDICTED]].sort_values(
        [*keys, "event", "ratio"], ascending=[True] * (len(keys) + 1) + [False], ignore_index=True)


def _claim_list(heads: pd.DataFrame, topic: list[str]) -> pd.Series:
    """Each topic's claims as one string, lowest value first; a claim repeated word for word is given once."""
    heads = heads.assign(claim=per_value(heads["value"], "{:g}".format) + " (" + heads["qualifier"].astype(str)
                         + ", “" + heads["text"].astype(str) + "”) – " + heads["source"].astype(str) + ", "
                         + heads["outlet"].astype(str))
    same = groups(heads, topic + ["value", "claim"])["doc_id"].nunique().rename("n").reset_index()
    same["claim"] = same["claim"].astype("object") + np.where(
        same["n"] > 1, " (" + same["n"].astype(str) + " documents)", "")
    return joined(same, topic, "claim", "; ").rename("claims")
