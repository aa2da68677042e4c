"""pandas views of a corpus: one tidy DataFrame per table of :mod:`corpus_kz.tables`, built from Arrow columns.

A view reads the corpus's flat Arrow tables (``corpus.to_arrow``: the JSON
Lines shape, one row per record with its ``doc_id``), only the columns it
needs, and joins them with vectorised operations: no Document is built and
no Python loop runs per record, so a view of a columnar store of 100,000
documents costs what its columns cost. A corpus in memory answers
``to_arrow`` from its Documents, a store from its Parquet files; the views
are the same code for both.

Vocabularies become ordered categoricals, dates datetimes and optional
offsets nullable integers here, at load time, so notebooks never recast.
Importing this module imports pandas and pyarrow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import vocab as V
from .tables import DATE, FLOAT, INT, META, OPTIONAL_INT, STRING, STRINGS, table_spec

if TYPE_CHECKING:
    from .corpus import Corpus

__all__ = ["table"]

_DTYPES = {STRING: "string", INT: "int64", OPTIONAL_INT: "Int64", FLOAT: "float64"}
#: Zone offsets and document positions share one sortable int64 key: position * _SHIFT + offset.
_SHIFT = 1 << 32


def table(corpus: Corpus, name: str, *, text: bool = False) -> pd.DataFrame:
    """The table ``name`` as a DataFrame with exactly its columns, typed (``text``: documents' texts too)."""
    columns = dict(table_spec(name).columns)  # a clear error for an unknown name
    if name == "documents":
        if text:
            columns["text"] = STRING
        df = _Columns(corpus).frame("documents", list(columns))
    elif text:
        raise ValueError(f"text=True is for the documents table; {name} rows carry the text they cover already")
    else:
        df = _BUILDERS[name](_Columns(corpus))
    return _typed(df, columns)


def _typed(df: pd.DataFrame, columns: dict[str, object]) -> pd.DataFrame:
    out = {}
    for col, kind in columns.items():
        values = df[col]
        if isinstance(kind, tuple):
            out[col] = pd.Categorical(values, categories=list(kind), ordered=True)
        elif kind == DATE:
            out[col] = pd.to_datetime(values)
        elif kind == STRINGS:
            out[col] = values.map(list, na_action="ignore").astype(object)
        else:
            out[col] = values.astype(_DTYPES[kind])
    return pd.DataFrame(out, index=pd.RangeIndex(len(df)))


class _Columns:
    """One view's reads of a corpus's Arrow tables, as pandas frames of the columns asked for.

    Nested spans (an attribution's ``cue`` and ``source``) come flattened:
    ``cue.start``, ``cue.end``, ``cue.text``. The document metadata and the
    registry are read once per view.
    """

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._documents: pd.DataFrame | None = None
        self._entities: pd.DataFrame | None = None

    def frame(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        return self.corpus.to_arrow(name, columns=columns).flatten().to_pandas()

    @property
    def documents(self) -> pd.DataFrame:
        """doc_id and the metadata every view carries, in corpus order."""
        if self._documents is None:
            self._documents = self.frame("documents", ["doc_id", *META])
        return self._documents

    @property
    def entities(self) -> pd.DataFrame:
        """The registry's name and role, indexed by entity_id."""
        if self._entities is None:
            self._entities = self.frame("entities", ["entity_id", "name", "role"]).set_index("entity_id")
        return self._entities

    def positions(self, doc_ids: pd.Series) -> np.ndarray:
        """Each doc_id's position in the corpus."""
        return pd.Index(self.documents["doc_id"]).get_indexer(doc_ids)

    def with_meta(self, df: pd.DataFrame, rename: dict[str, str] | None = None) -> pd.DataFrame:
        """``df`` with its document's metadata columns (renamed by ``rename``) added."""
        at = self.positions(df["doc_id"])
        for col in META:
            df[(rename or {}).get(col, col)] = self.documents[col].to_numpy()[at]
        return df

    def zones_at(self, doc_ids: pd.Series, offsets: pd.Series) -> np.ndarray:
        """The zone label at each (document, offset): the document's first zone covering it, else ``"body"``."""
        starts, ends, labels = self._zone_segments()
        if not len(starts):
            return np.full(len(offsets), "body", dtype=object)
        keys = self.positions(doc_ids).astype(np.int64) * _SHIFT + offsets.to_numpy(dtype=np.int64)
        at = np.searchsorted(starts, keys, side="right") - 1
        inside = (at >= 0) & (keys < ends[np.maximum(at, 0)])
        return np.where(inside, labels[np.maximum(at, 0)], "body").astype(object)

    def _zone_segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Disjoint segments (start key, end key, label), sorted, that give every offset its zone.

        Zones rarely overlap; where they do, a segment takes the label of
        the first zone of the document (in record order) that covers it, as
        :meth:`corpus_kz.Document.zone_at` does.
        """
        z = self.frame("zones", ["doc_id", "start", "end", "zone"])
        z["pos"] = self.positions(z["doc_id"])
        z["order"] = np.arange(len(z))
        z = z.sort_values(["pos", "start", "order"], kind="stable")
        reach = z.groupby("pos", sort=False)["end"].cummax()
        before = reach.groupby(z["pos"], sort=False).shift()
        overlapping = set(z.loc[z["start"] < before, "pos"])
        plain = z[~z["pos"].isin(overlapping)]
        segments = [(plain["pos"].to_numpy(np.int64), plain["start"].to_numpy(np.int64),
                     plain["end"].to_numpy(np.int64), plain["zone"].to_numpy(object))]
        for pos, group in z[z["pos"].isin(overlapping)].groupby("pos"):
            segments.append(_elementary(pos, group.sort_values("order")))
        pos, start, end, label = (np.concatenate(parts) for parts in zip(*segments))
        order = np.argsort(pos * _SHIFT + start, kind="stable")
        return (pos * _SHIFT + start)[order], (pos * _SHIFT + end)[order], label[order]

    def speakers(self) -> pd.DataFrame:
        """Every attribution (cue and source flattened) with its speaker resolved: speaker_id, speaker, speaker_role.

        A registry speaker gives its name and role; an unregistered source its
        text and the attribution's role; an agentless report neither.
        """
        a = self.frame("attributions").rename(columns={"id": "attribution_id", "speaker_role": "source_role"})
        registered = a["speaker_id"].notna()
        sourced = a["source.text"].notna()
        name = a["speaker_id"].map(self.entities["name"])
        role = a["speaker_id"].map(self.entities["role"])
        a["speaker"] = name.where(registered, a["source.text"]).replace("", None)
        a["speaker_role"] = role.where(registered, a["source_role"].where(sourced, None))
        return a

    def agents(self, df: pd.DataFrame, ref: str, prefix: str) -> pd.DataFrame:
        """``df`` with the agent its ``ref`` column names resolved as ``<prefix>_ref``, ``_id``, ``<prefix>``, ``_role``.

        An agent is ``"author"``, an attribution of the same document (its
        speaker) or a registry entity, looked up in that order.
        """
        said = self.speakers()[["doc_id", "attribution_id", "speaker_id", "speaker", "speaker_role"]]
        df = df.rename(columns={ref: f"{prefix}_ref"})
        refs = df[f"{prefix}_ref"]
        joined = df[["doc_id", f"{prefix}_ref"]].merge(said, how="left", left_on=["doc_id", f"{prefix}_ref"],
                                                       right_on=["doc_id", "attribution_id"])
        author = (refs == V.AUTHOR).to_numpy()
        spoken = joined["attribution_id"].notna().to_numpy()
        entity_name, entity_role = refs.map(self.entities["name"]), refs.map(self.entities["role"])
        df[f"{prefix}_id"] = np.where(author, V.AUTHOR, np.where(spoken, joined["speaker_id"], refs))
        df[prefix] = np.where(author, V.AUTHOR, np.where(spoken, joined["speaker"], entity_name))
        df[f"{prefix}_role"] = np.where(author, None, np.where(spoken, joined["speaker_role"], entity_role))
        return df


def _elementary(pos: int, zones: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """One document's overlapping zones cut at every boundary, each piece labelled by its first covering zone."""
    bounds = sorted(set(zones["start"]) | set(zones["end"]))
    pieces = []
    for lo, hi in zip(bounds, bounds[1:]):
        cover = zones[(zones["start"] <= lo) & (zones["end"] >= hi)]
        if len(cover):
            pieces.append((pos, lo, hi, cover["zone"].iloc[0]))
    p, s, e, z = zip(*pieces) if pieces else ((), (), (), ())
    return np.array(p, np.int64), np.array(s, np.int64), np.array(e, np.int64), np.array(z, object)


def _provenance_and_zone(c: _Columns, df: pd.DataFrame, at: str = "start") -> pd.DataFrame:
    df["zone"] = c.zones_at(df["doc_id"], df[at])
    return c.with_meta(df)


def _entities(c: _Columns) -> pd.DataFrame:
    return c.frame("entities")


def _zones(c: _Columns) -> pd.DataFrame:
    z = c.frame("zones").rename(columns={"id": "zone_id"})
    return c.with_meta(z)


def _mentions(c: _Columns) -> pd.DataFrame:
    m = c.frame("mentions").rename(columns={"id": "mention_id"})
    m["name"] = m["entity_id"].map(c.entities["name"])
    m["role"] = m["entity_id"].map(c.entities["role"])
    return _provenance_and_zone(c, m)


def _quotes(c: _Columns) -> pd.DataFrame:
    q = c.frame("quotes").rename(columns={"id": "quote_id"})
    said = c.speakers()[["doc_id", "quote_id", "act", "speaker_id", "speaker", "speaker_role", "cue.text"]]
    q = q.merge(said.rename(columns={"cue.text": "cue"}), how="left", on=["doc_id", "quote_id"])
    return _provenance_and_zone(c, q)


def _attributions(c: _Columns) -> pd.DataFrame:
    a = c.speakers().rename(columns={"cue.text": "cue", "cue.start": "cue_start", "cue.end": "cue_end",
                                     "source.text": "source_text", "source.start": "source_start",
                                     "source.end": "source_end"})
    q = c.frame("quotes", ["doc_id", "id", "text", "type", "start"]).rename(
        columns={"id": "quote_id", "text": "quote", "start": "quote_start"})
    a = a.merge(q, how="left", on=["doc_id", "quote_id"])
    return _provenance_and_zone(c, a, at="quote_start")


def _figures(c: _Columns) -> pd.DataFrame:
    f = c.agents(c.frame("figures").rename(columns={"id": "figure_id"}), "source", "source")
    f["zone"] = c.zones_at(f["doc_id"], f["start"])
    return c.with_meta(f, rename={"event": "doc_event"})


def _frames(c: _Columns) -> pd.DataFrame:
    f = c.agents(c.frame("frames").rename(columns={"id": "frame_id"}), "holder", "holder")
    return _provenance_and_zone(c, f)


def _sentences(c: _Columns) -> pd.DataFrame:
    from .segment import sentences

    docs = c.frame("documents", ["doc_id", "text"])
    rows = [(doc_id, s.index, s.start, s.end, s.text)
            for doc_id, text in zip(docs["doc_id"], docs["text"]) for s in sentences(text)]
    s = pd.DataFrame(rows, columns=["doc_id", "sentence", "start", "end", "text"])
    return _provenance_and_zone(c, s)


_BUILDERS = {"zones": _zones, "mentions": _mentions, "quotes": _quotes,
             "attributions": _attributions, "figures": _figures, "frames": _frames, "entities": _entities,
             "sentences": _sentences}


def selected(corpus: Corpus, *, outlet=None, event=None, genre=None, published=None, doc_ids=None) -> list[int]:
    """The positions of the documents that match every criterion given (see :meth:`corpus_kz.Corpus.select`)."""
    docs = _Columns(corpus).frame("documents", ["doc_id", *META])
    keep = np.ones(len(docs), dtype=bool)
    for column, wanted in (("outlet", outlet), ("event", event), ("genre", genre)):
        if wanted is not None:
            keep &= docs[column].isin([wanted] if isinstance(wanted, str) else list(wanted)).to_numpy()
    if published is not None:
        if not (isinstance(published, tuple) and len(published) == 2):
            raise TypeError(f"published is a (from, to) pair of dates (either None for open), not {published!r}")
        dates = pd.to_datetime(docs["published"])
        lo, hi = (None if d is None else pd.Timestamp(d) for d in published)
        keep &= dates.notna().to_numpy()
        if lo is not None:
            keep &= (dates >= lo).fillna(False).to_numpy()
        if hi is not None:
            keep &= (dates <= hi).fillna(False).to_numpy()
    if doc_ids is not None:
        wanted = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        known = set(docs["doc_id"])
        missing = [d for d in wanted if d not in known]
        if missing:
            from .errors import NotFoundError, listing

            raise NotFoundError(f"no document {missing[0]!r} (of {len(missing)} asked for that the corpus lacks); "
                                f"the corpus has {len(docs)} documents: {listing(docs['doc_id'])}")
        keep &= docs["doc_id"].isin(wanted).to_numpy()
    return list(np.flatnonzero(keep))
