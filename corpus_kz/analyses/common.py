"""What every analysis shares: the default corpus, its views with document metadata, grouping and zones."""

from __future__ import annotations

import functools
import weakref
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from ..storage import load
from ..vocab import AUTHOR

if TYPE_CHECKING:
    from ..corpus import Corpus

#: Document columns an analysis can group by (``by=``).
GROUPS = ("doc_id", "outlet", "event", "genre")
#: The label of an attribution that names no source (the outlet's own voice is vocab.AUTHOR).
NO_SOURCE = "(no source)"
#: The role of a named agent that has none in the registry (a country holding a frame: "Kazakhstan is proud …").
NO_ROLE = "(no role)"
#: A word, as counted in "words quoted": letters and digits, joined by apostrophes or hyphens.
WORD = r"\w+(?:[’'-]\w+)*"

_views: "weakref.WeakKeyDictionary[Corpus, dict[str, pd.DataFrame]]" = weakref.WeakKeyDictionary()


def corpus_or_bundled(corpus: Corpus | None) -> Corpus:
    """``corpus``, or the bundled corpus, loaded once: its views are then built once too (``view``'s cache)."""
    return corpus if corpus is not None else _bundled()


@functools.cache
def _bundled() -> Corpus:
    return load()


def view(corpus: Corpus | None, name: str, body_only: bool = False) -> pd.DataFrame:
    """A pandas view with the document's outlet, event and genre, optionally body text only.

    Views are built once per corpus and copied out, so callers may change what they get.
    """
    corpus = corpus_or_bundled(corpus)
    cache = _views.setdefault(corpus, {})
    if name not in cache:
        df = getattr(corpus, name)()
        if name not in ("documents", "entities"):
            # Every row gets its document's outlet, genre and event (doc_event); ``event`` is the
            # record's own where it has one (a figure of 2011 in a 2022 text), else the document's.
            docs = corpus.documents()[["doc_id", "outlet", "genre", "event"]].rename(columns={"event": "doc_event"})
            docs = docs[["doc_id", *(c for c in docs.columns[1:] if c not in df.columns)]]
            df = df.merge(docs, on="doc_id", how="left", validate="many_to_one")
            if "event" not in df.columns:
                df["event"] = df["doc_event"]
        cache[name] = df
    df = cache[name]
    if body_only and "zone" in df.columns:
        df = df[df["zone"] == "body"]
    return df.copy()


def group_keys(by: str | Iterable[str] | None, allowed: Iterable[str] = GROUPS) -> list[str]:
    """``by`` as a list of column names, each checked against what the analysis can group by."""
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    allowed = tuple(allowed)
    for key in keys:
        if key not in allowed:
            raise ValueError(f"cannot group by {key!r}; expected one of {', '.join(allowed)}")
    return keys


def with_label(series: pd.Series, label: str) -> pd.Series:
    """A categorical with ``label`` added as its last category and put where the value is missing."""
    if not isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype("category")
    if label not in series.cat.categories:
        series = series.cat.add_categories([label])
    return series.fillna(label)


def label_agents(df: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """Name the outlet's voice and source-less reports in an agent's columns (``source`` or ``holder``).

    The author becomes ``"author"`` with the role ``"author"``; an agentless
    report (an attribution with no source) becomes ``"(no source)"`` with
    that role; a named agent without a role (a country) gets ``"(no role)"``.
    """
    is_author = df[f"{prefix}_id"] == AUTHOR
    unnamed = df[prefix].isna() | (df[prefix] == "")
    role = df[f"{prefix}_role"]
    if not isinstance(role.dtype, pd.CategoricalDtype):
        role = role.astype("category")
    role = role.cat.add_categories([c for c in (AUTHOR, NO_SOURCE, NO_ROLE) if c not in role.cat.categories])
    is_author = is_author.fillna(False)
    role = role.mask(is_author, AUTHOR).mask(unnamed & ~is_author, NO_SOURCE)
    df[f"{prefix}_role"] = role.fillna(NO_ROLE)
    df[prefix] = df[prefix].mask(unnamed, NO_SOURCE)
    return df


def share(df: pd.DataFrame, column: str, within: list[str]) -> pd.Series:
    """``column`` as a share of its total within each group of ``within`` (of the whole frame when empty)."""
    total = df.groupby(within, observed=True)[column].transform("sum") if within else df[column].sum()
    return (df[column] / total).astype("float64")


def count(df: pd.DataFrame, keys: list[str], name: str) -> pd.DataFrame:
    """Rows per combination of ``keys`` that occurs, as a tidy frame with a ``name`` column."""
    return df.groupby(keys, observed=True, sort=True, dropna=False).size().rename(name).reset_index()
