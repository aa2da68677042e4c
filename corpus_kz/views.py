"""pandas views of a corpus: one tidy DataFrame per table of :mod:`corpus_kz.tables`, built from Arrow columns.

A view reads the corpus's flat Arrow tables (``corpus.to_arrow``: the JSON
Lines shape, one row per record with its ``doc_id``), only the columns it
needs, and joins them with vectorised operations: no Document is built and
no Python loop runs per record, so a view of a columnar store of 100,000
documents costs what its columns cost. A corpus in memory answers
``to_arrow`` from its Documents, a store from its Parquet files; the views
are the same code for both.

Vocabularies become ordered categoricals (events: the ones the corpus
declares, in their order), dates datetimes and optional
offsets nullable integers here, at load time, so notebooks never recast.
Importing this module imports pandas and pyarrow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import vocab as V
from .records import ID_PREFIX
from .tables import DATE, EVENT, FLOAT, INT, META, OPTIONAL_INT, STRING, STRINGS, table_spec

if TYPE_CHECKING:
    from .corpus import Corpus

__all__ = ["selected", "table"]

#: Zone offsets and document positions share one sortable int64 key: position * _SHIFT + offset.
_SHIFT = 1 << 32


def table(corpus: Corpus, name: str, *, text: bool = False) -> pd.DataFrame:
    """The table ``name`` as a DataFrame with exactly its columns, typed (``text``: documents' texts too)."""
    columns = dict(table_spec(name).columns)  # a clear error for an unknown name
    events = tuple(e.event_id for e in corpus.events)  # the corpus's own vocabulary of events, in its order
    columns = {col: events if kind == EVENT else kind for col, kind in columns.items()}
    c = _Columns(corpus)
    if name == "documents":
        if text:
            columns["text"] = STRING
        built = _columns_of(c.table("documents", list(columns)))
    elif text:
        raise ValueError(f"text=True is for the documents table; {name} rows carry the text they cover already")
    else:
        built = _BUILDERS[name](c)
    return pd.DataFrame({col: _typed(built[col], kind) for col, kind in columns.items()})


def _columns_of(t: pa.Table) -> dict[str, pa.ChunkedArray]:
    return {name: t.column(name) for name in t.column_names}


def _typed(values, kind) -> pd.Series | pd.Categorical | np.ndarray:
    """One column as pandas: vocabularies ordered categoricals, dates datetimes, optional integers nullable."""
    if isinstance(values, np.ndarray):
        values = pa.array(values, from_pandas=True)
    if pa.types.is_null(values.type):  # a column built from no rows, or from nothing but nulls
        values = values.cast(pa.string() if isinstance(kind, tuple) or kind in (STRING, DATE) else
                             pa.list_(pa.string()) if kind == STRINGS else pa.float64() if kind == FLOAT
                             else pa.int64())
        if kind == DATE:
            values = values.cast(pa.date32())
    if isinstance(kind, tuple):
        codes = pc.fill_null(pc.index_in(values, value_set=pa.array(kind, pa.string())), -1)
        return pd.Categorical.from_codes(np.asarray(codes), categories=list(kind), ordered=True)
    if kind == DATE:
        return values.cast(pa.timestamp("s")).to_pandas()
    if kind == STRINGS:
        return pd.Series(values.to_pylist(), dtype=object)
    if kind == STRING:
        if not len(values):  # pandas 3 cannot join a string column that Arrow made of no chunks
            return pd.Series([], dtype=object).astype("string")
        return values.to_pandas().astype("string")
    if kind == OPTIONAL_INT:
        return values.to_pandas().astype("Int64")
    if kind == INT:
        return np.asarray(values).astype(np.int64)
    if kind == FLOAT:
        return np.asarray(values.cast(pa.float64()).fill_null(np.nan))
    raise TypeError(f"no pandas type for the column kind {kind!r}")  # pragma: no cover - a new kind must be added


def _number(ids, prefix: str):
    """The number of each record id of one layer ('q12' -> 12); null for anything else (an entity id, 'author')."""
    ours = pc.match_substring_regex(ids, f"^{prefix}[0-9]{{1,9}}$")
    digits = pc.if_else(ours, pc.utf8_slice_codeunits(ids, len(prefix)), pa.scalar(None, pa.string()))
    return pc.cast(digits, pa.int64())


class _Columns:
    """One view's reads of a corpus's Arrow tables: only the columns asked for, each table at most once.

    Nested spans (an attribution's ``cue`` and ``source``) come flattened:
    ``cue.start``, ``cue.end``, ``cue.text``.
    """

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._cache: dict = {}

    def table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        return self.corpus.to_arrow(name, columns=columns).flatten()

    def _once(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def documents(self) -> pa.Table:
        """doc_id and the metadata every view carries, in corpus order."""
        return self._once("documents", lambda: self.table("documents", ["doc_id", *META]).combine_chunks())

    @property
    def entities(self) -> pa.Table:
        return self._once("entities", lambda: self.table("entities", ["entity_id", "name", "role"]).combine_chunks())

    def positions(self, doc_ids) -> pa.Array:
        """Each doc_id's position in the corpus."""
        return pc.index_in(doc_ids, value_set=self.documents.column("doc_id").chunk(0))

    def with_meta(self, out: dict, doc_ids, names: dict[str, str] | None = None) -> dict:
        """``out`` with the metadata columns of each record's document (named as ``names`` says)."""
        at = self.positions(doc_ids)
        for col in META:
            out[(names or {}).get(col, col)] = pc.take(self.documents.column(col), at)
        return out

    def entity(self, ids, field: str):
        """The registry's ``field`` (name, role) of each entity id; null where there is none."""
        at = pc.index_in(ids, value_set=self.entities.column("entity_id").chunk(0))
        return pc.take(self.entities.column(field), at)

    def zones_at(self, doc_ids, offsets) -> np.ndarray:
        """The zone label at each (document, offset): the document's first zone covering it, else ``"body"``."""
        starts, ends, labels = self._once("segments", self._zone_segments)
        if not len(starts):
            return np.full(len(offsets), "body", dtype=object)
        keys = np.asarray(self.positions(doc_ids)).astype(np.int64) * _SHIFT + np.asarray(offsets).astype(np.int64)
        at = np.searchsorted(starts, keys, side="right") - 1
        inside = (at >= 0) & (keys < ends[np.maximum(at, 0)])
        return np.where(inside, labels[np.maximum(at, 0)], "body").astype(object)

    def _zone_segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Disjoint segments (start key, end key, label), sorted, that give every offset its zone.

        Zones rarely overlap; where they do, a segment takes the label of
        the first zone of the document (in record order) that covers it, as
        :meth:`corpus_kz.Document.zone_at` does.
        """
        t = self.table("zones", ["doc_id", "start", "end", "zone"])
        z = pd.DataFrame({"pos": np.asarray(self.positions(t.column("doc_id"))).astype(np.int64),
                          "start": np.asarray(t.column("start")).astype(np.int64),
                          "end": np.asarray(t.column("end")).astype(np.int64),
                          "zone": np.asarray(t.column("zone").to_pandas(), dtype=object),
                          "order": np.arange(t.num_rows)})
        z = z.sort_values(["pos", "start", "order"], kind="stable")
        reach = z.groupby("pos", sort=False)["end"].cummax()
        before = reach.groupby(z["pos"], sort=False).shift()
        overlapping = set(z.loc[z["start"] < before, "pos"])
        plain = z[~z["pos"].isin(overlapping)]
        segments = [(plain["pos"].to_numpy(), plain["start"].to_numpy(), plain["end"].to_numpy(),
                     plain["zone"].to_numpy())]
        for pos, group in z[z["pos"].isin(overlapping)].groupby("pos"):
            segments.append(_elementary(pos, group.sort_values("order")))
        pos, start, end, label = (np.concatenate(parts) for parts in zip(*segments))
        order = np.argsort(pos * _SHIFT + start, kind="stable")
        return (pos * _SHIFT + start)[order], (pos * _SHIFT + end)[order], label[order]

    def key(self, doc_ids, ids, prefix: str):
        """One int64 per record that no other record of the corpus has: its document's position and id's number.

        Record ids are unique within a document only; a reference that is no
        id of the layer (an entity id, ``"author"``) gets a null key.
        """
        pos = pc.cast(self.positions(doc_ids), pa.int64())
        return pc.add(pc.multiply(pos, _SHIFT), _number(ids, prefix))

    def speakers(self) -> dict:
        """Every attribution (cue and source flattened), with its speaker resolved, its ``key`` and ``quote_key``.

        A registry speaker gives its name and role; an unregistered source its
        text and the attribution's role; an agentless report neither.
        """
        def make():
            a = _columns_of(self.table("attributions"))
            registered = pc.is_valid(a["speaker_id"])
            sourced = pc.is_valid(a["source.text"])
            name = pc.if_else(registered, self.entity(a["speaker_id"], "name"), a["source.text"])
            a["source_role"] = a.pop("speaker_role")
            a["speaker"] = pc.if_else(pc.equal(name, ""), pa.scalar(None, pa.string()), name)
            a["speaker_role"] = pc.if_else(registered, self.entity(a["speaker_id"], "role"),
                                           pc.if_else(sourced, a["source_role"], pa.scalar(None, pa.string())))
            a["key"] = self.key(a["doc_id"], a["id"], ID_PREFIX["attributions"]).combine_chunks()
            a["quote_key"] = self.key(a["doc_id"], a["quote_id"], ID_PREFIX["quotes"]).combine_chunks()
            return a
        return self._once("speakers", make)

    def agents(self, out: dict, refs, prefix: str) -> dict:
        """``out`` with the agents ``refs`` name: as annotated (``<prefix>_ref``) and resolved (id, name, role).

        An agent is ``"author"``, an attribution of the same document (its
        speaker) or a registry entity, looked up in that order.
        """
        said = self.speakers()
        at = pc.index_in(self.key(out["doc_id"], refs, ID_PREFIX["attributions"]), value_set=said["key"])
        author, spoken = pc.equal(refs, V.AUTHOR), pc.is_valid(at)

        def resolved(of_speaker, of_entity, of_author):
            return pc.if_else(author, of_author, pc.if_else(spoken, pc.take(of_speaker, at), of_entity))

        out[f"{prefix}_ref"] = refs
        out[f"{prefix}_id"] = resolved(said["speaker_id"], refs, pa.scalar(V.AUTHOR))
        out[prefix] = resolved(said["speaker"], self.entity(refs, "name"), pa.scalar(V.AUTHOR))
        out[f"{prefix}_role"] = resolved(said["speaker_role"], self.entity(refs, "role"), pa.scalar(None, pa.string()))
        return out


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


def _records(c: _Columns, layer: str, id_column: str) -> dict:
    """A layer's columns, its ``id`` named as the view names it, with the zone of each record's start."""
    out = _columns_of(c.table(layer))
    out[id_column] = out.pop("id")
    out["zone"] = c.zones_at(out["doc_id"], out["start"])
    return out


def _entities(c: _Columns) -> dict:
    return _columns_of(c.table("entities"))


def _zones(c: _Columns) -> dict:
    out = _columns_of(c.table("zones"))
    out["zone_id"] = out.pop("id")
    return c.with_meta(out, out["doc_id"])


def _mentions(c: _Columns) -> dict:
    m = _records(c, "mentions", "mention_id")
    m["name"], m["role"] = c.entity(m["entity_id"], "name"), c.entity(m["entity_id"], "role")
    return c.with_meta(m, m["doc_id"])


def _quotes(c: _Columns) -> dict:
    q = _records(c, "quotes", "quote_id")
    said = c.speakers()
    at = pc.index_in(c.key(q["doc_id"], q["quote_id"], ID_PREFIX["quotes"]), value_set=said["quote_key"])
    for col, name in (("act", "act"), ("speaker_id", "speaker_id"), ("speaker", "speaker"),
                      ("speaker_role", "speaker_role"), ("cue.text", "cue")):
        q[name] = pc.take(said[col], at)
    return c.with_meta(q, q["doc_id"])


def _attributions(c: _Columns) -> dict:
    a = dict(c.speakers())
    quotes = c.table("quotes", ["doc_id", "id", "text", "type", "start"])
    at = pc.index_in(a["quote_key"], value_set=c.key(quotes.column("doc_id"), quotes.column("id"),
                                                     ID_PREFIX["quotes"]).combine_chunks())
    a["quote"], a["type"] = pc.take(quotes.column("text"), at), pc.take(quotes.column("type"), at)
    a["zone"] = c.zones_at(a["doc_id"], pc.take(quotes.column("start"), at))
    a["attribution_id"] = a["id"]
    for part in ("text", "start", "end"):
        a[f"source_{part}"] = a[f"source.{part}"]
        if part != "text":
            a[f"cue_{part}"] = a[f"cue.{part}"]
    a["cue"] = a["cue.text"]
    return c.with_meta(a, a["doc_id"])


def _figures(c: _Columns) -> dict:
    f = _records(c, "figures", "figure_id")
    f = c.agents(f, f.pop("source"), "source")
    return c.with_meta(f, f["doc_id"], names={"event": "doc_event"})


def _frames(c: _Columns) -> dict:
    f = _records(c, "frames", "frame_id")
    f = c.agents(f, f.pop("holder"), "holder")
    return c.with_meta(f, f["doc_id"])


def _sentences(c: _Columns) -> dict:
    out = _columns_of(c.table("sentences"))
    out["sentence"] = out.pop("index")
    out["zone"] = c.zones_at(out["doc_id"], out["start"])
    return c.with_meta(out, out["doc_id"])


_BUILDERS = {"zones": _zones, "mentions": _mentions, "quotes": _quotes, "attributions": _attributions,
             "figures": _figures, "frames": _frames, "entities": _entities, "sentences": _sentences}


def selected(corpus: Corpus, *, outlet=None, event=None, genre=None, published=None, doc_ids=None) -> list[int]:
    """The positions of the documents that match every criterion given (see :meth:`corpus_kz.Corpus.select`)."""
    docs = _Columns(corpus).table("documents", ["doc_id", *META]).to_pandas()
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
