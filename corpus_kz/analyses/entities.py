"""Entities: how they are named, who appears with whom, their spellings, and the dates the texts give.

Every function takes a :class:`~corpus_kz.Corpus` (the bundled one when
None) and returns a tidy DataFrame; ``body_only=True`` leaves out mentions
outside body text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import pandas as pd

from .common import count, group_keys, view

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["cooccurrence", "mention_forms", "spelling_variants", "timeline"]


def mention_forms(corpus: Corpus | None = None, by: str | Iterable[str] | None = None,
                  body_only: bool = False) -> pd.DataFrame:
    """Mentions per entity and form (``name`` or ``nominal``: "the President").

    >>> from corpus_kz.analyses import mention_forms
    >>> m = mention_forms()
    >>> m[m.entity_id == "tokayev"].set_index("form").mentions.to_dict()
    {'name': 21, 'nominal': 2}
    """
    keys = group_keys(by)
    m = view(corpus, "mentions", body_only)
    return count(m, keys + ["entity_id", "name", "label", "role", "form"], "mentions")


def spelling_variants(corpus: Corpus | None = None, body_only: bool = False) -> pd.DataFrame:
    """Each entity's spellings as the texts write its name, most frequent first, for entities with more than one.

    Only mentions by name count: descriptions ("the former president") and
    dates, whose expressions differ by nature ("Friday", "the next day"), do not.

    >>> from corpus_kz.analyses import spelling_variants
    >>> s = spelling_variants().set_index("entity_id")
    >>> s.loc["nazarbayev", "variants"]
    ['Nazarbayev', 'Nursultan Nazarbayev', 'Nazarbaev', 'Nursultan Nazarbaev']
    """
    m = view(corpus, "mentions", body_only)
    m = m[(m["form"] == "name") & (m["label"] != "DATE")]
    per = m.groupby(["entity_id", "name", "label", "text"], observed=True).size().rename("n").reset_index()
    per = per.sort_values(["entity_id", "n", "text"], ascending=[True, False, True])
    out = per.groupby(["entity_id", "name", "label"], observed=True).agg(
        variants=("text", list), n_variants=("text", "size"), mentions=("n", "sum")).reset_index()
    return out[out["n_variants"] > 1].sort_values(["n_variants", "mentions"], ascending=False, ignore_index=True)


def _in_units(corpus: Corpus | None, scope: str, body_only: bool) -> pd.DataFrame:
    """Each mention with the unit (sentence or quote) it lies in, as ``unit``; a mention may lie in several quotes."""
    m = view(corpus, "mentions", body_only)[["doc_id", "mention_id", "entity_id", "start", "end"]]
    if scope == "sentence":
        s = view(corpus, "sentences")[["doc_id", "sentence", "start", "end"]].rename(
            columns={"start": "unit_start", "end": "unit_end", "sentence": "unit"})
        placed = pd.merge_asof(m.sort_values("start"), s.sort_values("unit_start"), left_on="start",
                               right_on="unit_start", by="doc_id")
        return placed[placed["end"] <= placed["unit_end"]]
    if scope == "quote":
        q = view(corpus, "quotes", body_only)[["doc_id", "quote_id", "start", "end"]].rename(
            columns={"start": "unit_start", "end": "unit_end", "quote_id": "unit"})
        pairs = m.merge(q, on="doc_id")
        return pairs[(pairs["unit_start"] <= pairs["start"]) & (pairs["end"] <= pairs["unit_end"])]
    raise ValueError(f"scope {scope!r}; expected 'sentence' or 'quote'")


def cooccurrence(corpus: Corpus | None = None, scope: str = "sentence", labels: Iterable[str] | None = None,
                 by: str | Iterable[str] | None = None, body_only: bool = False) -> pd.DataFrame:
    """Pairs of entities mentioned in the same sentence (or ``scope="quote"``): an edge list for a network.

    ``weight`` counts the sentences or quotes that mention both; each pair
    appears once, ``entity_id_a`` < ``entity_id_b`` (for networkx:
    ``nx.from_pandas_edgelist(e, "entity_id_a", "entity_id_b", "weight")``). ``labels``
    keeps only entities of those labels (e.g. ``["PERSON", "ORG", "NORP"]``).

    >>> from corpus_kz.analyses import cooccurrence
    >>> e = cooccurrence(labels=["NORP"])
    >>> e[(e.entity_id_a == "dungans") & (e.entity_id_b == "kazakhs")].weight.item()
    6
    """
    placed = _in_units(corpus, scope, body_only)
    if labels is not None:
        keep = view(corpus, "entities")
        keep = set(keep.loc[keep["label"].isin(list(labels)), "entity_id"])
        placed = placed[placed["entity_id"].isin(keep)]
    keys = group_keys(by)
    units = placed[["doc_id", "unit", "entity_id"]].drop_duplicates()
    pairs = units.merge(units, on=["doc_id", "unit"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["entity_id_a"] < pairs["entity_id_b"]]
    if keys:
        docs = view(corpus, "documents")[["doc_id", "outlet", "event", "genre"]]
        pairs = pairs.merge(docs, on="doc_id", how="left")
    out = pairs.groupby(keys + ["entity_id_a", "entity_id_b"], observed=True).size().rename("weight").reset_index()
    return out.sort_values([*keys, "weight", "entity_id_a", "entity_id_b"],
                           ascending=[True] * len(keys) + [False, True, True], ignore_index=True)


def timeline(corpus: Corpus | None = None, body_only: bool = False) -> pd.DataFrame:
    """The calendar dates the texts mention (DATE entities named ``date_YYYY_MM_DD``), per document.

    Years and months are placed on their first day; ``precision`` says
    which (``day``, ``month``, ``year``). Dates the registry could not
    resolve are left out.

    >>> from corpus_kz.analyses import timeline
    >>> t = timeline()
    >>> t[t.doc_id == "rferl_2011_zhanaozen_unrest"].date.dt.strftime("%Y-%m-%d").tolist()[:3]
    ['2011-05-01', '2011-12-16', '2011-12-17']
    """
    m = view(corpus, "mentions", body_only)
    m = m[m["label"] == "DATE"]
    parts = m["entity_id"].str.extract(r"^date_(\d{4})(?:_(\d{2}))?(?:_(\d{2}))?(?:_\d{2})?$")
    m = m.assign(year=parts[0], month=parts[1], day=parts[2]).dropna(subset=["year"])
    m["precision"] = pd.Categorical(
        m["day"].notna().map({True: "day"}).fillna(m["month"].notna().map({True: "month", False: "year"})),
        categories=["day", "month", "year"])
    m["date"] = pd.to_datetime(m["year"] + "-" + m["month"].fillna("01") + "-" + m["day"].fillna("01"))
    out = m.groupby(["doc_id", "outlet", "event", "date", "precision", "entity_id"], observed=True).agg(
        mentions=("mention_id", "size"), text=("text", "first")).reset_index()
    return out.sort_values(["doc_id", "date"], ignore_index=True)
