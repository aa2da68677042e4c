"""The pre-annotator over Arrow data: record batches of texts in, the same batches with the predicted layers out.

:func:`annotate_batches` is the core: it calls :func:`corpus_kz.annotate.annotate` on each row's
text and appends one column per layer (zones, mentions, quotes, attributions, figures, frames), each a
``list<struct>`` whose fields are the record's fields in its file shape: nested spans as
``struct<start, end, text>`` (null when absent), vocabularies as strings, and an ``entities`` column: the
registry entities the row's records point at, those the pre-annotator added for names the registry lacks
included, so that each row is a whole document. An empty layer is an empty list, never null, and the input
columns pass through unchanged.

:func:`write_store` writes such rows as a columnar store (:mod:`corpus_kz.storage.store`), each row
checked by the build step: what a cluster's annotated output becomes on one machine, streamed.

:func:`annotate_table` is the same on a ``pyarrow.Table``, in the shape both engines call it::

    ds.with_format("arrow").map(annotate_table, batched=True, num_proc=2)     # datasets
    ds.map_batches(annotate_table, batch_format="pyarrow")                    # Ray Data

The columns' types are derived from the records' field kinds (:mod:`corpus_kz.arrow`), so a field
added to a record appears here by itself. The ``registry`` travels to worker processes by pickling;
without one, each worker loads the bundled registry once.
"""

from __future__ import annotations

from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import pyarrow as pa

from ..arrow import layer_types, record_type
from ..errors import deprecated
from ..kinds import SpanOf, field_kinds
from ..progress import bar
from ..corpus import referenced
from ..records import LAYERS, Entity
from ..registry import Registry
from . import annotate

if TYPE_CHECKING:
    from pathlib import Path

    from ..records import Event

_UNSET = object()

__all__ = ["ENTITIES", "annotate_batches", "annotate_table", "layer_types", "output_schema", "write_store"]

#: The output column of the entities a row's records point at (the registry's, and those the row added).
ENTITIES = "entities"


def output_schema(schema: pa.Schema, text_column: str = "text") -> pa.Schema:
    """The schema of the output for an input of ``schema``: its columns, then one per layer."""
    if text_column not in schema.names:
        raise ValueError(f"no column {text_column!r} to annotate; the columns are {', '.join(schema.names) or 'none'}")
    clash = [name for name in (*LAYERS, ENTITIES) if name in schema.names]
    if clash:
        raise ValueError(f"the input already has column(s) {', '.join(map(repr, clash))}, which the layers "
                         "would overwrite; rename or drop them first")
    out = schema
    for layer, type_ in layer_types().items():
        out = out.append(pa.field(layer, type_))
    return out.append(pa.field(ENTITIES, pa.list_(record_type(Entity))))


def annotate_batches(batches: Iterable[pa.RecordBatch], *, text_column: str = "text", id_column: str | None = None,
                     event_column: str | None = None, registry: Registry | Mapping[str, Entity] | None = None,
                     events: Iterable[Event] | None = None, progress: bool | None = None,
                     entities=_UNSET) -> Iterator[pa.RecordBatch]:
    """Annotate each row's ``text_column`` and yield each batch with one ``list<struct>`` column per layer added.

    ``id_column`` and ``event_column`` give each row's ``doc_id`` and ``event`` (a null leaves them to
    :func:`~corpus_kz.annotate.annotate`: a checksum id, a guessed event); an id that is not a
    string is written with ``str()``. ``registry`` is the registry to link to (default: the bundled one;
    ``entities=`` is its deprecated name); ``events`` the events a row may report (a corpus's
    declarations, ``corpus.events``; see :func:`~corpus_kz.annotate.annotate`).
    ``progress`` shows a bar of documents on stderr: True, False, or None for "when stderr is a terminal".

    A null or non-string text raises an error naming the row (counted from 0 across all batches) and the
    column; an error inside ``annotate`` gets a note naming the row.
    """
    if entities is not _UNSET:
        deprecated("annotate_batches(entities=…)", "annotate_batches(registry=…)")
        registry = entities
    events = None if events is None else tuple(events)  # an iterator would be spent by the first row
    progress_bar = _bar(progress, batches)
    columns = _column_builders()
    row = 0
    try:
        for batch in batches:
            schema = output_schema(batch.schema, text_column)
            texts = _texts(batch, text_column, row)
            ids = _column(batch, id_column)
            row_events = _column(batch, event_column)
            layers: dict[str, list[tuple]] = {layer: [] for layer in (*LAYERS, ENTITIES)}
            for i, text in enumerate(texts):
                meta = {}
                if ids is not None and ids[i] is not None:
                    meta["doc_id"] = ids[i] if isinstance(ids[i], str) else str(ids[i])
                if row_events is not None and row_events[i] is not None:
                    meta["event"] = row_events[i]
                try:
                    doc = annotate(text, meta, registry=registry, events=events)  # None: the bundled ones, read once
                except Exception as exc:
                    exc.add_note(f"while annotating row {row + i} (column {text_column!r})")
                    raise
                for layer in LAYERS:
                    layers[layer].append(getattr(doc, layer))
                layers[ENTITIES].append(tuple(doc.registry[k] for k in sorted(referenced(doc))))
                progress_bar.update(1)
            arrays = batch.columns + [columns[layer](layers[layer]) for layer in (*LAYERS, ENTITIES)]
            row += batch.num_rows
            yield pa.RecordBatch.from_arrays(arrays, schema=schema)
    finally:
        progress_bar.close()


def annotate_table(table: pa.Table, *, text_column: str = "text", id_column: str | None = None,
                   event_column: str | None = None, registry: Registry | Mapping[str, Entity] | None = None,
                   events: Iterable[Event] | None = None, progress: bool | None = False,
                   entities=_UNSET) -> pa.Table:
    """:func:`annotate_batches` on a table: the table with one column per layer added.

    This is the function to give ``datasets.Dataset.map`` (on a dataset formatted as ``"arrow"``, with
    ``batched=True``) and Ray Data's ``map_batches`` (with ``batch_format="pyarrow"``); pass the keyword
    arguments as their ``fn_kwargs``. No bar by default: both engines show their own progress.
    """
    if entities is not _UNSET:
        deprecated("annotate_table(entities=…)", "annotate_table(registry=…)")
        registry = entities
    schema = output_schema(table.schema, text_column)
    out = annotate_batches(table.to_batches(), text_column=text_column, id_column=id_column,
                           event_column=event_column, registry=registry, events=events, progress=progress)
    return pa.Table.from_batches(list(out), schema=schema)


@cache
def _column_builders() -> dict:
    """Layer -> a function from each row's records to the layer's ``list<struct>`` column."""
    builders = {layer: _ColumnBuilder(cls, type_) for (layer, cls), type_ in zip(LAYERS.items(), layer_types().values())}
    builders[ENTITIES] = _ColumnBuilder(Entity, pa.list_(record_type(Entity)))
    return builders


class _ColumnBuilder:
    """Builds a layer's column field by field, straight from the records.

    The records' file shape (:func:`corpus_kz.records.to_dict`: every field, nested spans as
    ``{start, end, text}`` or null), built column-wise: one tuple of field values per record, transposed,
    one Arrow array per field. Going through a dict per record cost a fifth of the annotator's time.
    """

    def __init__(self, cls: type, type_: pa.ListType):
        kinds = field_kinds(cls)
        self.type, self.struct = type_, type_.value_type
        self.fields = [self.struct.field(i) for i in range(self.struct.num_fields)]
        assert [f.name for f in self.fields] == [name for name, _ in kinds], cls  # the order of the file shape
        self.spans = [isinstance(kind, SpanOf) for _, kind in kinds]
        self.values = attrgetter(*(name for name, _ in kinds))

    def __call__(self, rows: list[tuple]) -> pa.Array:
        offsets, flat = [0], []
        for records in rows:
            flat.extend(records)
            offsets.append(len(flat))
        columns = list(zip(*map(self.values, flat))) if flat else [()] * len(self.fields)
        children = [_span_array(col, f.type) if span else pa.array(col, type=f.type)
                    for col, f, span in zip(columns, self.fields, self.spans)]
        struct = pa.StructArray.from_arrays(children, fields=self.fields)
        return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), struct, type=self.type)


def _span_array(spans: tuple, type_: pa.StructType) -> pa.Array:
    """Nested spans (or None) as ``struct<start, end, text>``, null where there is no span."""
    parts = [pa.array([None if s is None else getattr(s, f.name) for s in spans], type=f.type) for f in type_]
    return pa.StructArray.from_arrays(parts, fields=list(type_), mask=pa.array([s is None for s in spans], pa.bool_()))


_STRING_TYPES = (pa.types.is_string, pa.types.is_large_string, getattr(pa.types, "is_string_view", lambda t: False))


def _texts(batch: pa.RecordBatch, column: str, first_row: int) -> list[str]:
    """The texts of ``column`` as Python strings, or an error that names the first bad row and the column."""
    array = batch.column(column)
    type_ = array.type.value_type if pa.types.is_dictionary(array.type) else array.type
    if not any(is_(type_) for is_ in _STRING_TYPES) and not (pa.types.is_null(type_) and len(array)):
        i = next((k for k in range(len(array)) if array[k].is_valid), None)
        where = f"row {first_row + i} holds {array[i].as_py()!r}" if i is not None else "it has no rows"
        raise TypeError(f"column {column!r} holds {type_}, not text ({where}); expected a string in every row")
    texts = array.to_pylist()
    if array.null_count:
        i = texts.index(None)
        raise ValueError(f"row {first_row + i}: column {column!r} is null; expected a string to annotate")
    return texts


def _column(batch: pa.RecordBatch, name: str | None) -> list | None:
    if name is None:
        return None
    if name not in batch.schema.names:
        raise ValueError(f"no column {name!r}; the columns are {', '.join(batch.schema.names)}")
    return batch.column(name).to_pylist()


def _bar(progress: bool | None, batches: Iterable[pa.RecordBatch]):
    """A bar of documents; its total is known when ``batches`` is a list or tuple."""
    total = sum(b.num_rows for b in batches) if isinstance(batches, (list, tuple)) else None
    return bar(total, "annotate", "doc", show=progress)


def write_store(batches: Iterable[pa.RecordBatch | pa.Table], directory: str | Path, *, text_column: str = "text",
                id_column: str = "doc_id", events: Iterable[Event] | None = None, force: bool = False,
                progress: bool | None = None) -> Path:
    """Write annotated rows (:func:`annotate_batches` output) as a store at ``directory``; return it.

    Each row is a document: ``id_column`` its doc_id, ``text_column`` its text, the manifest fields its
    other columns where it has them (``outlet`` and ``event`` it must; the rest default as in
    :func:`corpus_kz.from_frames`), the layers and its ``entities``. Every row is checked by the build
    step, and the store's registry is the rows' entities joined: one entity spelled more ways is one
    entity; two different entities the pre-annotator gave one id to in different rows are kept apart, the
    later renamed (``<id>_2``) with its records. Batches are streamed: memory holds a part, not the corpus.
    ``events``: the events the rows may report (without them, the bundled corpus's three). Ray's
    ``ds.iter_batches(batch_format="pyarrow")`` gives such batches.
    """
    from ..events import Declared
    from ..metadata import CorpusMetadata
    from ..storage.store import PartWriter, publish_store

    events = None if events is None else tuple(events)
    rule = Declared(events, "the events given")
    merged: dict[str, Entity] = {}

    def documents():
        for row, values in enumerate(v for batch in batches for v in batch.to_pylist()):
            yield _document(values, f"row {row}", merged, rule, text_column, id_column)

    def write(parts: PartWriter) -> None:
        for doc in documents():
            parts.add(doc)
        parts.registry = Registry(merged)

    return publish_store(directory, write, CorpusMetadata(events=events, provenance=("pre-annotated in batches",)),
                         force=force, progress=progress)


def _document(values: dict, place: str, merged: dict[str, Entity], rule, text_column: str, id_column: str):
    """One annotated row as a checked Document; its entities joined into ``merged`` (a conflict renamed)."""
    from ..build import build_document
    from ..combine import manifest_entry, renamed_references
    from ..errors import CorpusError, Problem
    from ..registry import merge

    entities = [x if isinstance(x, Entity) else Entity(**x) for x in _entities_of(values.pop(ENTITIES, None) or ())]
    renames = {}
    for _, refused in merge(merged, entities):
        n = 2
        while f"{refused.entity_id}_{n}" in merged:
            n += 1
        renames[refused.entity_id] = f"{refused.entity_id}_{n}"
        merged[renames[refused.entity_id]] = Entity(renames[refused.entity_id], *_rest(refused))
    layers = {layer: values.pop(layer) or [] for layer in LAYERS}
    renamed_references(layers, renames)
    text = values.pop(text_column, None)
    values["doc_id"] = values.pop(id_column, None)
    data = manifest_entry(values, text, place)
    data.layers = layers
    own = {renames.get(e.entity_id, e.entity_id) for e in entities}
    problems: list[Problem] = []
    doc = build_document(data, Registry({k: merged[k] for k in own}), problems, declared=rule)
    if problems:
        raise CorpusError(problems)
    return doc


def _entities_of(rows) -> list:
    return [{k: (tuple(v) if k == "aliases" else v) for k, v in r.items()} if isinstance(r, dict) else r
            for r in rows]


def _rest(e: Entity) -> tuple:
    return e.name, e.label, e.role, e.aliases, e.wikidata
