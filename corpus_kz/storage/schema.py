"""JSON Schemas for the corpus files, generated from the records' field kinds.

The committed files (``annotations/schema.json``,
``annotations/entities.schema.json``, ``seeds/manifest.schema.json``,
``seeds/events.schema.json``) are
the output of :func:`write_schemas` (``corpus-kz schemas``); a test keeps
them equal to it. They document the file format for other tools; the
loader itself checks everything they say and more (references, offsets
against the text, the codebook), and a test holds it to that.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..document import Document
from ..kinds import (ISO_DATE, CoveredText, Date, Fraction, Kind, Number, Offset, Pattern, SpanOf, Strings, Text,
                     Vocab, file_defaults)
from ..records import LAYERS, Entity, Event, field_kinds
from ..span import Span
from ..writing import write_text
from .layout import Layout
from .reader import ANNOTATION_FIELDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _nullable(schema: dict, nullable: bool) -> dict:
    if not nullable:
        return schema
    if "enum" in schema:
        return {**schema, "enum": schema["enum"] + [None]}
    if "$ref" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def kind_schema(kind: Kind) -> dict:
    """The JSON Schema of one field kind."""
    if isinstance(kind, Vocab):
        schema = {"enum": list(kind.values)}
    elif isinstance(kind, Pattern):
        schema = {"type": "string", "pattern": f"^(?:{kind.regex})$", "description": kind.what}
    elif isinstance(kind, (Text, CoveredText)):
        schema = {"type": "string", "minLength": 1}
    elif isinstance(kind, Fraction):
        schema = {"type": "number", "minimum": 0, "maximum": kind.maximum}
    elif isinstance(kind, Number):
        schema = {"type": "number", "minimum": 0}
    elif isinstance(kind, Offset):
        schema = {"type": "integer", "minimum": 0}
    elif isinstance(kind, Strings):
        schema = {"type": "array", "items": {"type": "string", **({"minLength": 1} if kind.non_empty else {})}}
    elif isinstance(kind, SpanOf):
        schema = {"$ref": "#/$defs/span"}
    elif isinstance(kind, Date):
        schema = {"type": "string", "format": "date", "pattern": f"^(?:{ISO_DATE})$"}
    else:  # pragma: no cover - a new kind must be added here
        raise TypeError(f"no JSON Schema for {kind!r}")
    return _nullable(schema, kind.nullable)


def _object(cls: type, title: str | None = None, description: str | None = None) -> dict:
    """The schema of a record type's file shape: every field required but those declared ``optional_in_files``."""
    props = {name: kind_schema(kind) for name, kind in field_kinds(cls)}
    optional = file_defaults(cls)
    out: dict = {"type": "object", "additionalProperties": False,
                 "required": [name for name in props if name not in optional], "properties": props}
    if title:
        out["title"] = title
    if description:
        out["description"] = description
    return out


def _first_line(cls: type) -> str:
    return (cls.__doc__ or "").strip().splitlines()[0]


def annotation_schema() -> dict:
    """One gold annotation file (``annotations/docs/<doc_id>.json``)."""
    span = _object(Span, "half-open span [start, end) with the covered text")
    meta = dict(field_kinds(Document))
    props = {"doc_id": kind_schema(meta["doc_id"]), "seed_file": kind_schema(meta["seed_file"]),
             "sha256": kind_schema(meta["sha256"])}
    props.update({layer: {"type": "array", "items": _object(cls, cls.__name__, _first_line(cls))}
                  for layer, cls in LAYERS.items()})
    assert tuple(props) == ANNOTATION_FIELDS
    schema = {"type": "object", "additionalProperties": False, "required": list(props), "properties": props,
              "title": "corpus_kz standoff annotations of one document"}
    return {"$schema": DRAFT, "$id": "corpus_kz/" + Layout.ANNOTATION_SCHEMA, **schema, "$defs": {"span": span}}


def entities_schema() -> dict:
    """The entity registry (``annotations/entities.json``)."""
    return {"$schema": DRAFT, "$id": "corpus_kz/" + Layout.REGISTRY_SCHEMA, "title": "corpus_kz entity registry",
            "type": "array", "items": _object(Entity, "Entity", _first_line(Entity))}


def manifest_schema() -> dict:
    """The document manifest (``seeds/manifest.json``)."""
    return {"$schema": DRAFT, "$id": "corpus_kz/" + Layout.MANIFEST_SCHEMA, "title": "corpus_kz document manifest",
            "type": "array", "items": _object(Document, "manifest entry")}


def events_schema() -> dict:
    """The events a corpus declares (``seeds/events.json``)."""
    return {"$schema": DRAFT, "$id": "corpus_kz/" + Layout.EVENTS_SCHEMA, "title": "corpus_kz event declarations",
            "type": "array", "items": _object(Event, "Event", _first_line(Event))}


#: Path relative to a corpus directory -> schema builder.
SCHEMAS = {
    Layout.ANNOTATION_SCHEMA: annotation_schema,
    Layout.REGISTRY_SCHEMA: entities_schema,
    Layout.MANIFEST_SCHEMA: manifest_schema,
    Layout.EVENTS_SCHEMA: events_schema,
}


def render(rel: str) -> str:
    """The text of one schema file, as committed."""
    return json.dumps(SCHEMAS[rel](), indent=2, ensure_ascii=False) + "\n"


def stale_schemas(root: str | Path) -> list[str]:
    """The schema files under ``root`` that differ from the generated ones (missing ones included)."""
    out = []
    for rel in SCHEMAS:
        path = Path(root) / rel
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != render(rel):
            out.append(rel)
    return out


def write_schemas(root: str | Path) -> list[Path]:
    """Write every schema file under ``root`` (atomically); return their paths."""
    written = []
    for rel in SCHEMAS:
        write_text(Path(root) / rel, render(rel))
        written.append(Path(root) / rel)
    return written
