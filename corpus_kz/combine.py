"""Corpora made from pandas DataFrames, and corpora joined into one.

:func:`from_frames` takes a table of documents and, optionally, a table per
layer and the registry, in the shape of the pandas views (``quote_id``,
``cue_start`` …) or of the JSON Lines export (``id``, nested spans), and
builds the corpus through the one build step (:mod:`corpus_kz.build`):
the same checks and the same :class:`~corpus_kz.errors.CorpusError` as a
corpus directory, each problem naming the table and row it came from. So
``from_frames(documents=c.documents(text=True), quotes=c.quotes(), …)``
gives ``c`` back.

:func:`concat` joins corpora: their documents in order, and one registry
in which an entity the corpora share is kept once. Lazy corpora (stores,
selections) stay lazy: nothing is copied.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from .build import CorpusData, DocumentData, build_document, build_or_raise, document_data, sha256_of
from .corpus import Corpus, _sharing
from .document import MANIFEST_DEFAULTS, MANIFEST_FIELDS, Document
from .errors import CorpusError, Problem, listing, show
from .kinds import SpanOf, field_kinds
from .metadata import CorpusMetadata
from .records import AGENT_FIELDS, LAYERS, Entity, Event
from .registry import Registry, merge

if TYPE_CHECKING:
    from typing import Iterable, Iterator, Sequence

    import pandas as pd
    import pyarrow as pa

__all__ = ["concat", "from_frames", "manifest_entry", "renamed_references"]

#: How a view names a layer's record id ("quote_id"); a frame may also call it "id", as the export does.
ID_COLUMNS = {"zones": "zone_id", "mentions": "mention_id", "quotes": "quote_id", "attributions": "attribution_id",
              "figures": "figure_id", "frames": "frame_id"}
#: Record fields a view shows under another name, because the field's own name holds what it resolves to.
AS_ANNOTATED = {"figures": {"source": "source_ref"}, "frames": {"holder": "holder_ref"}}


def _value(v):
    """A cell as the file shape holds it: None for every missing value, dates as ISO strings, lists as lists."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if type(v).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(v, dt.datetime):  # a pandas Timestamp: a view's date
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if hasattr(v, "tolist") and not isinstance(v, str):  # numpy scalars and arrays
        return v.tolist()
    return v


def _rows(frame: pd.DataFrame, columns: Sequence[str]) -> Iterator[tuple[int, dict]]:
    """``(row number, {column: value})`` for the ``columns`` the frame has, values in file shape."""
    present = [c for c in columns if c in frame.columns]
    data = {c: frame[c].astype(object).tolist() for c in present}
    for n in range(len(frame)):
        yield n, {c: _value(data[c][n]) for c in present}


def _require(frame, name: str, columns: Iterable[str]) -> None:
    if frame is None:
        return
    if not hasattr(frame, "columns"):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CorpusError([Problem(f"the {name} frame", None, missing[0], "no such column",
                                   f"a column {missing[0]!r} (the frame has {listing(frame.columns)})")])


def manifest_entry(row: dict, text: object, place: str) -> DocumentData:
    """A document's parts from a row of manifest fields and its text: what a row lacks takes a manifest's default.

    ``seed_file`` defaults to ``<doc_id>.txt`` and ``sha256`` to the text's;
    other columns of the row are not read. The build step checks the rest.
    """
    entry = {**MANIFEST_DEFAULTS, **{k: _value(v) for k, v in row.items() if k in MANIFEST_FIELDS and v is not None}}
    entry["notes"] = list(entry["notes"] or ())
    if isinstance(text, str):
        entry.setdefault("sha256", sha256_of(text))
        if isinstance(entry.get("doc_id"), str):
            entry.setdefault("seed_file", f"{entry['doc_id']}.txt")
    return DocumentData(entry, text, origin=place, qualified=True)


def _documents(frame: pd.DataFrame) -> list[DocumentData]:
    _require(frame, "documents", ("doc_id", "text"))
    out = []
    for n, row in _rows(frame, (*MANIFEST_FIELDS, "text")):
        text = row.pop("text")
        out.append(manifest_entry(row, text, f"the documents frame, row {n}"))
    return out


def _span(row: dict, prefix: str, text_column: str) -> dict | None:
    parts = {"start": row.pop(f"{prefix}_start", None), "end": row.pop(f"{prefix}_end", None),
             "text": row.pop(text_column, None)}
    return None if all(v is None for v in parts.values()) else parts


def _layer(frame: pd.DataFrame, layer: str, docs: dict[str, DocumentData], problems: list[Problem]) -> None:
    """A layer's rows added to their documents, in file shape; a row whose document is unknown is a problem."""
    cls = LAYERS[layer]
    id_column = ID_COLUMNS[layer] if ID_COLUMNS[layer] in frame.columns else "id"
    _require(frame, layer, ("doc_id", id_column))
    renamed = AS_ANNOTATED.get(layer, {})
    fields = [name for name, _ in field_kinds(cls)]
    wanted = {"doc_id", id_column, *fields, *renamed.values()}
    if layer == "attributions":  # spans flattened as the view flattens them
        wanted |= {"cue_start", "cue_end", "source_text", "source_start", "source_end"}
    for n, row in _rows(frame, sorted(wanted)):
        place = f"the {layer} frame, row {n}"
        doc = docs.get(row.pop("doc_id"))
        if doc is None:
            problems.append(Problem(place, None, "doc_id", show(frame["doc_id"].iloc[n]),
                                    "the doc_id of a row of the documents frame"))
            continue
        row["id"] = row.pop(id_column)
        for field, column in renamed.items():
            if column in row:
                row[field] = row.pop(column)
        if layer == "attributions":
            if "cue_start" in row or not isinstance(row.get("cue"), (dict, type(None))):
                row["cue"] = _span(row, "cue", "cue")
            if "source_start" in row:
                row["source"] = _span(row, "source", "source_text")
            if row.get("speaker_id") is not None:
                row["speaker_role"] = None  # a view shows the registry's role; the record holds none of its own
        record = {f: row[f] for f in fields if f in row}
        for name, kind in field_kinds(cls):
            if isinstance(kind, SpanOf) and name not in record:
                record[name] = None
        rid = record.get("id") if isinstance(record.get("id"), str) else f"{layer}[{len(doc.layers[layer])}]"
        doc.origins.setdefault(rid, place)
        doc.layers[layer].append(record)


def _entities(frame: pd.DataFrame | None) -> list:
    if frame is None:
        return []
    _require(frame, "entities", ("entity_id", "name", "label"))
    out = []
    for _, row in _rows(frame, [name for name, _ in field_kinds(Entity)]):
        aliases = row.get("aliases")
        if isinstance(aliases, str):  # as the CSV export writes them
            row["aliases"] = [a for a in aliases.split(" | ") if a]
        elif aliases is None:
            row["aliases"] = []
        for optional in ("role", "wikidata"):
            row.setdefault(optional, None)
        out.append(row)
    return out


def from_frames(documents: pd.DataFrame, *, quotes: pd.DataFrame | None = None,
                attributions: pd.DataFrame | None = None, figures: pd.DataFrame | None = None,
                frames: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None,
                zones: pd.DataFrame | None = None, entities: pd.DataFrame | None = None,
                events: pd.DataFrame | Iterable[Event] | None = None, metadata: CorpusMetadata | None = None) -> Corpus:
    """A checked corpus from DataFrames: documents (with ``text``), the layers and the registry.

    ``documents`` needs ``doc_id``, ``text``, ``outlet`` and ``event``;
    ``seed_file`` defaults to ``<doc_id>.txt``, ``sha256`` to the text's,
    and title, published, genre, language and notes to a manifest's
    defaults. A layer's frame is a view's shape (``corpus.quotes()``: its
    record id as ``quote_id``, an attribution's spans as ``cue_start`` …
    ``source_text``, a figure's source as ``source_ref``) or the JSON Lines
    export's (``id``, nested spans); what a view resolves (speaker names,
    zones, document metadata) is not read, since it is derived. ``events``
    declares the corpus's events (a frame of event records, or
    :class:`~corpus_kz.Event` records; without it, the bundled corpus's three
    are the ones a document may report). Every span
    is checked against its document's text, every reference resolved, and
    the codebook's rules applied to gold records, by the one build step;
    every problem is raised at once as a :class:`~corpus_kz.errors.CorpusError`
    naming the frame, row, record and field.
    """
    docs = _documents(documents)
    by_id = {d.entry.get("doc_id"): d for d in docs}
    problems: list[Problem] = []
    for layer, frame in (("zones", zones), ("mentions", mentions), ("quotes", quotes),
                         ("attributions", attributions), ("figures", figures), ("frames", frames)):
        if frame is not None:
            _layer(frame, layer, by_id, problems)
    if problems:
        raise CorpusError(problems)
    meta = (metadata or CorpusMetadata()).with_step(f"built from DataFrames ({len(docs)} documents)")
    declared = None
    if events is not None:
        declared = ([row for _, row in _rows(events, [n for n, _ in field_kinds(Event)])]
                    if hasattr(events, "columns") else list(events))
    return build_or_raise(CorpusData(docs, _entities(entities), origin="the entities frame", events=declared,
                                     events_origin=None if events is None else "the events frame"), metadata=meta)


# -- concat -----------------------------------------------------------------------------------------

class _Chain:
    """The documents of several sources, one after another, resolving entities through one registry."""

    def __init__(self, sources: list, registry: Registry):
        self.sources, self.registry = sources, registry
        self.starts = []
        n = 0
        for s in sources:
            self.starts.append(n)
            n += len(s)
        self.total = n

    def __len__(self) -> int:
        return self.total

    def doc_ids(self) -> list[str]:
        return [doc_id for s in self.sources for doc_id in s.doc_ids()]

    def _locate(self, position: int) -> tuple[object, int]:
        import bisect

        k = bisect.bisect_right(self.starts, position) - 1
        return self.sources[k], position - self.starts[k]

    def document(self, position: int, registry: Registry) -> Document:
        source, at = self._locate(position)
        return _sharing(source.document(at, registry), registry)

    def documents(self, registry: Registry) -> Iterator[Document]:
        for s in self.sources:
            for doc in s.documents(registry):
                yield _sharing(doc, registry)

    def table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        import pyarrow as pa

        if name == "entities":
            from .columns import entities_table

            table = entities_table(self.registry)
            return table if columns is None else table.select(columns)
        return pa.concat_tables([s.table(name, columns) for s in self.sources])

    def batches(self, names: list[str]) -> Iterator[dict[str, pa.Table]]:
        from .columns import entities_table

        for s in self.sources:
            for batch in s.batches(names):
                if "entities" in batch:
                    batch["entities"] = entities_table(self.registry)
                yield batch


def renamed_references(layers: dict[str, list[dict]], renames: dict[str, str]) -> None:
    """Every reference to an entity ``renames`` renames, in layers in file shape, changed in place."""
    if not renames:
        return
    for m in layers["mentions"]:
        m["entity_id"] = renames.get(m["entity_id"], m["entity_id"])
    for a in layers["attributions"]:
        if a.get("speaker_id") in renames:
            a["speaker_id"] = renames[a["speaker_id"]]
    for layer, fld in AGENT_FIELDS.items():
        for r in layers[layer]:
            r[fld] = renames.get(r[fld], r[fld])


def _renamed(corpus: Corpus, renames: dict[str, str], registry: Registry) -> Corpus:
    """``corpus`` with its entities ``renames`` names renamed (every reference follows), built again, in memory."""
    docs, problems = [], []
    for doc in corpus:
        data = document_data(doc)
        renamed_references(data.layers, renames)
        built = build_document(data, registry, problems, rules=False)
        if built is not None:
            docs.append(built)
    if problems:  # pragma: no cover - renaming what a checked corpus holds keeps it whole
        raise CorpusError(problems)
    return Corpus(docs, registry, corpus.path, corpus.metadata)


def _events(corpora: list[Corpus]) -> tuple[Event, ...] | None:
    """The events the corpora declare, in order, each once; one id declared two ways is refused, naming both."""
    if all(c.metadata.events is None for c in corpora):
        return None  # none declares its own: the bundled corpus's, as for each of them
    out: dict[str, tuple[Event, int]] = {}
    problems = []
    for k, c in enumerate(corpora):
        for e in c.events:
            kept = out.setdefault(e.event_id, (e, k))
            if kept[0] != e:
                problems.append(Problem(_name(c, k), e.event_id, "events", repr(e),
                                        f"{kept[0]!r}, as {_name(corpora[kept[1]], kept[1])} declares it"))
    if problems:
        raise CorpusError(problems)
    return tuple(e for e, _ in out.values())


def _name(corpus: Corpus, k: int) -> str:
    return f"corpus #{k + 1}" + (f" ({corpus.path})" if corpus.path is not None else "")


def concat(corpora: Iterable[Corpus], *, on_conflict: str = "error") -> Corpus:
    """One corpus of the documents of ``corpora``, in order, with one registry.

    An entity id that several corpora have is kept once when it is the
    same entity (spellings are joined: the aliases of both). Two different
    entities under one id are an error naming both, unless
    ``on_conflict="rename"``: then the later corpus's entity gets a new id
    (``<id>_2``, …) and its records follow. A doc_id in two corpora is
    refused. Lazy corpora stay lazy (unless an entity of theirs is renamed).
    """
    if on_conflict not in ("error", "rename"):
        raise ValueError(f"on_conflict is 'error' or 'rename', not {on_conflict!r}")
    corpora = list(corpora)
    for k, c in enumerate(corpora):
        if not isinstance(c, Corpus):
            raise TypeError(f"concat joins Corpus objects; item #{k + 1} is a {type(c).__name__}")
    owner: dict[str, int] = {}
    problems = []
    for k, c in enumerate(corpora):
        for doc_id in c.doc_ids:
            if doc_id in owner:
                problems.append(Problem(_name(c, k), doc_id, "doc_id", f"{doc_id!r}, which {_name(corpora[owner[doc_id]], owner[doc_id])} has too",
                                        "a doc_id in one corpus only (select one of the two first)"))
            else:
                owner[doc_id] = k
    if problems:
        raise CorpusError(problems)
    merged: dict[str, Entity] = {}
    first: dict[str, int] = {}
    pieces = []
    for k, c in enumerate(corpora):
        conflicts = merge(merged, c.registry.values())
        renames = {}
        for kept, refused in conflicts:
            if on_conflict == "error":
                problems.append(Problem(_name(c, k), refused.entity_id, "registry", repr(refused),
                                        f"{kept!r}, as {_name(corpora[first[kept.entity_id]], first[kept.entity_id])} "
                                        "has it; or concat(..., on_conflict='rename')"))
                continue
            n = 2
            while f"{refused.entity_id}_{n}" in merged:
                n += 1
            new = f"{refused.entity_id}_{n}"
            renames[refused.entity_id] = new
            merged[new] = Entity(new, refused.name, refused.label, refused.role, refused.aliases, refused.wikidata)
        for e in c.registry.values():
            first.setdefault(e.entity_id, k)
        pieces.append((c, renames))
    if problems:
        raise CorpusError(problems)
    registry = Registry(merged)
    parts = [_renamed(c, renames, registry) if renames else c for c, renames in pieces]
    metadata = CorpusMetadata(events=_events(corpora), provenance=(
        f"joined from {len(parts)} corpora: " + ", ".join(_name(c, k) for k, c in enumerate(corpora)),))
    if not any(p.lazy for p in parts):
        return Corpus([d for p in parts for d in p], registry, metadata=metadata)
    return Corpus.over(_Chain([p._source for p in parts], registry), registry, metadata=metadata)
