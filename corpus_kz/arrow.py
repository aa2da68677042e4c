"""Arrow types of the records, derived from their field kinds: the columnar shape of every layer.

A layer's records are a ``list<struct>`` whose fields are the record's
fields in their file shape (:func:`corpus_kz.records.to_dict`): nested spans
as ``struct<start, end, text>`` (null when absent), vocabularies as strings,
offsets as ``int32``, numbers as ``float64``, dates as ``date32``. The batch
path of the pre-annotator writes these types; a field added to a record
appears in them by itself.

The flat tables of a corpus (:func:`table_schema`) have the JSON Lines
export's shape: one row per record with its ``doc_id`` first; ``documents``
is each manifest entry with its ``text`` last, ``entities`` the registry.
The columnar store (:mod:`corpus_kz.storage.store`) writes them as Parquet,
and the pandas views read them. Importing this module imports pyarrow.
"""

from __future__ import annotations

from functools import cache

import pyarrow as pa

from .document import Document
from .kinds import CoveredText, Date, Kind, Number, Offset, Pattern, SpanOf, Strings, Text, Vocab, field_kinds
from .records import LAYERS, Entity

__all__ = ["DERIVED", "TABLE_NAMES", "kind_type", "layer_types", "record_type", "table_schema"]

#: The flat tables of a corpus, in the order of the JSON Lines export's files.
TABLE_NAMES: tuple[str, ...] = ("documents", "entities", *LAYERS)
#: Tables derived from the texts (not annotations): computed when first asked for, never read from a file.
DERIVED: tuple[str, ...] = ("sentences",)


def kind_type(kind: Kind) -> pa.DataType:
    """The Arrow type of one field kind (every kind may hold null in a column)."""
    if isinstance(kind, (Vocab, Text, Pattern, CoveredText)):
        return pa.string()
    if isinstance(kind, Offset):
        return pa.int32()
    if isinstance(kind, Number):
        return pa.float64()
    if isinstance(kind, Date):
        return pa.date32()
    if isinstance(kind, Strings):
        return pa.list_(pa.string())
    if isinstance(kind, SpanOf):
        return record_type(kind.cls)
    raise TypeError(f"no Arrow type for {kind!r}")  # pragma: no cover - a new kind must be added here


@cache
def record_type(cls: type) -> pa.StructType:
    """A record type's fields, in file order, as an Arrow struct."""
    return pa.struct([pa.field(name, kind_type(kind)) for name, kind in field_kinds(cls)])


@cache
def layer_types() -> dict[str, pa.ListType]:
    """Layer -> the Arrow type of its column: ``list<struct<...>>`` with the record's fields in file order."""
    return {layer: pa.list_(record_type(cls)) for layer, cls in LAYERS.items()}


@cache
def table_schema(name: str) -> pa.Schema:
    """The schema of one flat table: ``documents``, ``entities`` or a layer (see :data:`TABLE_NAMES`)."""
    if name == "documents":
        return pa.schema([*record_type(Document), pa.field("text", pa.string())])
    if name == "entities":
        return pa.schema(list(record_type(Entity)))
    if name == "sentences":
        from .segment import Sentence

        return pa.schema([pa.field("doc_id", pa.string()), *record_type(Sentence)])
    if name not in LAYERS:
        raise ValueError(f"unknown table {name!r}; expected one of {', '.join(TABLE_NAMES + DERIVED)}")
    return pa.schema([pa.field("doc_id", pa.string()), *record_type(LAYERS[name])])
