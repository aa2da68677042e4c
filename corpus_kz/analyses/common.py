"""What every analysis shares: the default corpus, views with document metadata, grouping, texts, spans in spans."""

from __future__ import annotations

import functools
import weakref
from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..storage import load
from ..vocab import AUTHOR

if TYPE_CHECKING:
    from ..corpus import Corpus

#: The document's metadata columns every layer view carries (a figure's ``event`` is its own; ``doc_event``
#: is its document's).
METADATA = ("outlet", "event", "published", "genre")
#: Columns derived from ``published`` that an analysis can group by: the year (an integer) and the month
#: (a monthly ``Period``, which compares equal to ``"2020-02"``).
DERIVED = {"year": lambda published: published.dt.year.astype("Int64"),
           "month": lambda published: published.dt.to_period("M")}
#: Document columns an analysis can group by (``by=``). ``published`` groups by the day; documents
#: with no date are kept, in a group whose key is missing (NaT).
GROUPS = ("doc_id", "outlet", "event", "published", "year", "month", "genre")
#: The label of an attribution that names no source (the outlet's own voice is vocab.AUTHOR).
NO_SOURCE = "(no source)"
#: The role of a named agent that has none in the registry (a country holding a frame: "Kazakhstan is proud …").
NO_ROLE = "(no role)"
#: A word, as counted in "words quoted": letters and digits, joined by apostrophes or hyphens.
WORD = r"\w+(?:[’'-]\w+)*"
#: Which records an analysis counts (``origin=``): the gold, the pre-annotator's predictions, or both.
ORIGINS = ("gold", "predicted", "all")
#: The column every counting analysis adds: the share of the records behind a row that are predicted.
SHARE_PREDICTED = "share_predicted"

_views: "weakref.WeakKeyDictionary[Corpus, dict[str, pd.DataFrame]]" = weakref.WeakKeyDictionary()


def check_origin(origin: str) -> str:
    """``origin`` if it is one of :data:`ORIGINS`, else a ValueError naming them."""
    if not isinstance(origin, str) or origin not in ORIGINS:
        raise ValueError(f"origin {origin!r}; expected one of {', '.join(map(repr, ORIGINS))}")
    return origin


def is_predicted(df: pd.DataFrame) -> pd.Series:
    """Whether each record was predicted (its ``origin`` is ``"predicted:<rule>"``), as booleans."""
    return df["origin"].astype("string").str.startswith("predicted").fillna(False).astype(bool)


def origin_mask(df: pd.DataFrame, origin: str) -> pd.Series:
    """The rows of ``df`` that ``origin`` keeps: ``"gold"``, ``"predicted"`` or ``"all"``."""
    check_origin(origin)
    if origin == "all":
        return pd.Series(True, index=df.index)
    predicted = is_predicted(df)
    return predicted if origin == "predicted" else ~predicted


def carrying(out: pd.DataFrame, records: pd.DataFrame, origin: str) -> pd.DataFrame:
    """``out`` with what it counted said in ``out.attrs``: the ``origin`` kept, ``records``, ``predicted``, and
    ``share_predicted`` (None when no record was counted).

    ``records`` is the frame of records the analysis counted (after ``origin`` and ``body_only``).
    """
    n = len(records)
    k = int(is_predicted(records).sum()) if n and "origin" in records.columns else 0
    out.attrs.update(origin=origin, records=n, predicted=k, share_predicted=k / n if n else None)
    return out


def predicted_share(df: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The share of each group's records that are predicted, indexed by the group keys (as :func:`groups`)."""
    return groups(df.assign(_predicted=is_predicted(df).astype("float64")), keys)["_predicted"].mean()


def corpus_or_bundled(corpus: Corpus | None) -> Corpus:
    """``corpus``, or the bundled corpus, loaded once: its views are then built once too (``view``'s cache)."""
    return corpus if corpus is not None else _bundled()


@functools.cache
def _bundled() -> Corpus:
    return load()


def cached(corpus: Corpus | None, name: str, make) -> pd.DataFrame | pd.Series:
    """What ``make()`` returns, made once per corpus (a view, or a column derived from one) and kept with its views."""
    return _cached(corpus_or_bundled(corpus), name, make)


def _cached(corpus: Corpus, name: str, make) -> pd.DataFrame:
    cache = _views.setdefault(corpus, {})
    if name not in cache:
        cache[name] = make()
    return cache[name]


def view(corpus: Corpus | None, name: str, body_only: bool = False,
         by: Iterable[str] = (), origin: str = "all") -> pd.DataFrame:
    """A pandas view with its document's metadata (:data:`METADATA`, and ``doc_event``), optionally body text only.

    ``by`` names the group keys the caller will use (from :func:`group_keys`);
    those derived from ``published`` (``year``, ``month``) are added. ``origin``
    keeps the gold records, the predicted ones or all (:func:`origin_mask`).
    Views are built once per corpus and copied out, so callers may change what they get.
    """
    corpus = corpus_or_bundled(corpus)
    df = _cached(corpus, name, lambda: _with_metadata(corpus, name, getattr(corpus, name)()))
    if body_only and "zone" in df.columns:
        df = df[df["zone"] == "body"]
    if check_origin(origin) != "all" and "origin" in df.columns:  # "all" keeps every row: no mask to build
        df = df[origin_mask(df, origin)]
    df = df.copy()
    for key in by:
        if key in DERIVED and key not in df.columns:
            df[key] = DERIVED[key](df["published"])
    return df


def _with_metadata(corpus: Corpus, name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Every row with its document's outlet, event, published and genre; a no-op for the columns a view has.

    A record's ``event`` is its own where it has one (a figure of 2011 in a 2022
    text), else the document's; ``doc_event`` is always the document's.
    """
    if name in ("documents", "entities"):
        return df
    docs = view(corpus, "documents").rename(columns={"event": "doc_event"})
    missing = [c for c in ("outlet", "published", "genre", "doc_event") if c not in df.columns]
    if missing:
        df = df.merge(docs[["doc_id", *missing]], on="doc_id", how="left", validate="many_to_one")
    if "event" not in df.columns:
        df["event"] = df["doc_event"]
    return df


def texts(corpus: Corpus | None) -> pd.DataFrame:
    """Each document's text: ``doc_id``, ``text``.

    The one place an analysis reads the texts themselves (stance markers, paragraphs):
    the documents table's text column (a store's, without building a Document), held
    in Arrow, where :func:`pieces` splits them.
    """
    corpus = corpus_or_bundled(corpus)

    def make() -> pd.DataFrame:
        docs = corpus.to_arrow("documents", ["doc_id", "text"])
        doc_ids, text = docs.column("doc_id").to_pylist(), docs.column("text").combine_chunks()
        return pd.DataFrame({"doc_id": pd.Series(doc_ids, dtype="string"),
                             "text": pd.Series(text.cast(pa.large_string()), dtype=pd.ArrowDtype(pa.large_string()))})

    return _cached(corpus, "texts", make)


def pieces(text: pd.DataFrame, sep: str) -> pd.DataFrame:
    """The pieces of each text between the occurrences of ``sep``: ``doc_id``, ``piece`` (from 0), ``start``, ``end``.

    ``text`` is a frame of :func:`texts`. Offsets count characters, as spans do;
    the texts are split and measured by Arrow, without a Python string per piece.
    A text with no ``sep`` is one piece; each occurrence of ``sep`` lies at the
    ``end`` of a piece that is not its text's last.
    """
    column = pa.array(text["text"], type=pa.large_string())
    split = pc.split_pattern(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column, sep)
    offsets = split.offsets.to_numpy().astype(np.int64)
    length = pc.utf8_length(split.flatten()).to_numpy().astype(np.int64)
    doc = np.repeat(np.arange(len(text)), np.diff(offsets))
    ends = np.cumsum(length + len(sep))
    end = ends - np.concatenate([[0], ends])[offsets[:-1]][doc] - len(sep)
    return pd.DataFrame({"doc_id": text["doc_id"].iloc[doc].reset_index(drop=True),
                         "piece": np.arange(len(length)) - offsets[:-1][doc], "start": end - length, "end": end})


def group_keys(by: str | Iterable[str] | None, allowed: Iterable[str] = GROUPS) -> list[str]:
    """``by`` as a list of column names, each checked against what the analysis can group by."""
    allowed = tuple(allowed)
    try:
        keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    except TypeError:
        raise ValueError(f"by is a column name or a list of them, not {by!r}; expected one of {', '.join(allowed)}") \
            from None
    for key in keys:
        if not isinstance(key, str) or key not in allowed:
            raise ValueError(f"cannot group by {key!r}; expected one of {', '.join(allowed)}")
    return list(dict.fromkeys(keys))


def groups(df: pd.DataFrame, keys: list[str]):
    """``df`` grouped by ``keys`` as every analysis groups: sorted, observed categories, missing keys kept."""
    return df.groupby(keys, observed=True, sort=True, dropna=False)


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
    total = groups(df, within)[column].transform("sum") if within else df[column].sum()
    return (df[column] / total).astype("float64")


def count(df: pd.DataFrame, keys: list[str], name: str) -> pd.DataFrame:
    """Rows per combination of ``keys`` that occurs, as a tidy frame with a ``name`` column and
    :data:`SHARE_PREDICTED` (the share of those rows that are predicted)."""
    out = groups(df.assign(_predicted=is_predicted(df).astype("float64")), keys)["_predicted"].agg(["size", "mean"])
    return out.set_axis([name, SHARE_PREDICTED], axis=1).reset_index()


def joined(df: pd.DataFrame, keys: list[str], column: str, sep: str) -> pd.Series:
    """The strings of ``column`` joined with ``sep`` within each group of ``keys``, in the frame's order.

    A string sum, which pandas runs in compiled code, not a Python call per group.
    """
    parts = df[column].astype("object") + sep
    return groups(df.assign(_part=parts), keys)["_part"].sum().str[:-len(sep)]


def per_value(values: pd.Series, fn) -> pd.Series:
    """``fn`` of each value, called once per distinct value (a vocabulary's worth), not once per row; NaN stays NaN."""
    distinct = pd.Series(values.dropna().unique())
    table = pd.Series([fn(v) for v in distinct], index=distinct, dtype="object")
    return values.map(table).astype("object")


def containing(inner: pd.DataFrame, outer: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of rows where a span of ``outer`` contains one of ``inner`` in the same document.

    Both frames have ``doc_id``, ``start`` and ``end``; the result is the
    positions of the pairs, inner and outer. Spans are placed on one line,
    each document at its own multiple of 2**32, and the outer spans sorted by
    start: a span's candidates are the outer spans starting at or before it,
    walked back from the nearest while one of them still reaches its end, so
    the work grows with how deeply spans nest, not with the pairs in a document.
    """
    none = np.empty(0, dtype=np.int64)
    if inner.empty or outer.empty:
        return none, none
    docs = pd.Index(pd.concat([outer["doc_id"], inner["doc_id"]], ignore_index=True).unique())
    base_out = docs.get_indexer(outer["doc_id"]).astype(np.int64) << 32
    base_in = docs.get_indexer(inner["doc_id"]).astype(np.int64) << 32
    lo = base_out + outer["start"].to_numpy(np.int64)
    hi = base_out + outer["end"].to_numpy(np.int64)
    order = np.argsort(lo, kind="stable")
    lo, hi = lo[order], hi[order]
    reach = np.maximum.accumulate(hi)  # the furthest any outer span starting here or before ends
    start = base_in + inner["start"].to_numpy(np.int64)
    end = base_in + inner["end"].to_numpy(np.int64)
    i = np.arange(len(inner))
    k = np.searchsorted(lo, start, side="right") - 1
    found_i, found_j = [], []
    while True:
        live = k >= 0
        i, k = i[live], k[live]
        live = reach[k] >= end[i]
        i, k = i[live], k[live]
        if not len(i):
            break
        hit = hi[k] >= end[i]
        found_i.append(i[hit])
        found_j.append(order[k[hit]])
        k = k - 1
    if not found_i:
        return none, none
    return np.concatenate(found_i), np.concatenate(found_j)
