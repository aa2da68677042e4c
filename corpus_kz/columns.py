"""A corpus's documents as Arrow tables: the flat tables of :mod:`corpus_kz.arrow`, built from Documents.

This is how a corpus held in memory answers ``to_arrow`` (and so its pandas
views), and how the columnar store (:mod:`corpus_kz.storage.store`) writes
a part. Columns are built field by field from the records, in the types the
field kinds give. Importing this module imports pyarrow.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable, Sequence

    from .document import Document
    from .registry import Registry

import pyarrow as pa

from .arrow import table_schema
from .kinds import SpanOf, field_kinds
from .records import LAYERS, Entity

__all__ = ["documents_table", "entities_table", "layer_table", "sentences_table", "tables"]


def _span(s) -> dict | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def _columns(cls: type, records: Sequence, schema: pa.Schema, first: dict[str, list] | None = None) -> pa.Table:
    """The records of one type as a table of ``schema``: ``first`` columns, then one per field of ``cls``."""
    arrays = dict(first or {})
    for name, kind in field_kinds(cls):
        values = [getattr(r, name) for r in records]
        if isinstance(kind, SpanOf):
            values = [_span(v) for v in values]
        arrays[name] = values
    return pa.table([pa.array(arrays[f.name], type=f.type) for f in schema], schema=schema)


def documents_table(documents: Sequence[Document]) -> pa.Table:
    """One row per document: its manifest entry, then its ``text``."""
    from .document import Document

    schema = table_schema("documents")
    return _columns(Document, documents, schema, {"text": [d.text for d in documents]})


def entities_table(registry: Registry) -> pa.Table:
    """One row per registry entity, in registry order."""
    return _columns(Entity, list(registry.values()), table_schema("entities"))


def layer_table(documents: Sequence[Document], layer: str) -> pa.Table:
    """One row per record of ``layer``, document by document, each with its ``doc_id`` first."""
    records, doc_ids = [], []
    for d in documents:
        rs = getattr(d, layer)
        records += rs
        doc_ids += [d.doc_id] * len(rs)
    return _columns(LAYERS[layer], records, table_schema(layer), {"doc_id": doc_ids})


def sentences_table(doc_ids: Sequence[str], texts: Sequence[str]) -> pa.Table:
    """One row per sentence of each text (NLTK Punkt, :func:`corpus_kz.segment.sentence_offsets`), doc_id first."""
    from .segment import sentence_offsets

    rows = [(doc_id, s, e, text[s:e], i) for doc_id, text in zip(doc_ids, texts)
            for i, (s, e) in enumerate(sentence_offsets(text))]
    schema = table_schema("sentences")
    return pa.table([pa.array([r[k] for r in rows], f.type) for k, f in enumerate(schema)], schema=schema)


def tables(documents: Iterable[Document], registry: Registry, names: Iterable[str]) -> dict[str, pa.Table]:
    """The tables ``names`` (documents, entities, layers) of these documents and registry."""
    documents = list(documents)
    out = {}
    for name in names:
        if name == "documents":
            out[name] = documents_table(documents)
        elif name == "entities":
            out[name] = entities_table(registry)
        elif name == "sentences":
            out[name] = sentences_table([d.doc_id for d in documents], [d.text for d in documents])
        else:
            table_schema(name)  # a clear error for an unknown name
            out[name] = layer_table(documents, name)
    return out
