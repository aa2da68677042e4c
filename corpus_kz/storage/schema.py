"""JSON Schemas for the corpus files, generated from :mod:`corpus_kz.vocab`.

The committed files (``annotations/schema.json``,
``annotations/entities.schema.json``, ``seeds/manifest.schema.json``) are the
output of :func:`write_schemas`; a test keeps them equal to it.
"""

from __future__ import annotations

from pathlib import Path

from . import vocab as V

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _enum(values, nullable=False) -> dict:
    return {"enum": list(values) + ([None] if nullable else [])}


_STR = {"type": "string", "minLength": 1}
_NULLSTR = {"type": ["string", "null"], "minLength": 1}


def _obj(props: dict, title: str | None = None) -> dict:
    out = {"type": "object", "additionalProperties": False, "required": list(props), "properties": props}
    if title:
        out["title"] = title
    return out


def _span_props() -> dict:
    return {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 1}, "text": _STR}


def _id(prefix: str) -> dict:
    return {"type": "string", "pattern": f"^{prefix}[0-9]+$"}


def annotation_schema() -> dict:
    span = _obj(_span_props(), "half-open span [start, end) with the covered text")
    layers = {
        "zones": _obj({"id": _id("z"), **_span_props(), "zone": _enum(V.ZONES)}),
        "mentions": _obj({"id": _id("m"), "entity_id": _STR, **_span_props(), "label": _enum(V.ENTITY_LABELS)}),
        "quotes": _obj({"id": _id("q"), **_span_props(), "type": _enum(V.QUOTE_TYPES)}),
        "attributions": _obj({"id": _id("a"), "quote_id": _id("q"), "cue": {"oneOf": [{"$ref": "#/$defs/span"}, {"type": "null"}]},
                              "source": {"oneOf": [{"$ref": "#/$defs/span"}, {"type": "null"}]},
                              "speaker_id": _NULLSTR, "speaker_role": _enum(V.ROLES, nullable=True)}),
        "figures": _obj({"id": _id("f"), **_span_props(), "number": _STR,
                         "value": {"type": ["number", "null"], "minimum": 0},
                         "qualifier": _enum(V.QUALIFIERS), "quantity": _enum(V.QUANTITIES), "unit": _enum(V.UNITS),
                         "event": _enum(V.EVENTS, nullable=True),
                         "source": {**_STR, "description": "'author', an attribution id or an entity_id"}}),
        "frames": _obj({"id": _id("fr"), **_span_props(), "frame": _enum(V.FRAMES),
                        "holder": {**_STR, "description": "'author', an attribution id or an entity_id"},
                        "stance": _enum(V.STANCES)}),
    }
    props = {"doc_id": _STR, "seed_file": _STR, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}
    props.update({k: {"type": "array", "items": v} for k, v in layers.items()})
    schema = _obj(props, "corpus_kz standoff annotations of one document")
    return {"$schema": DRAFT, "$id": "corpus_kz/annotations/schema.json", **schema, "$defs": {"span": span}}


def entities_schema() -> dict:
    item = _obj({"entity_id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}, "name": _STR,
                 "label": _enum(V.ENTITY_LABELS), "role": _enum(V.ROLES, nullable=True),
                 "aliases": {"type": "array", "items": _STR},
                 "wikidata": {"type": ["string", "null"], "pattern": "^Q[1-9][0-9]*$"}})
    return {"$schema": DRAFT, "$id": "corpus_kz/annotations/entities.schema.json",
            "title": "corpus_kz entity registry", "type": "array", "items": item}


def manifest_schema() -> dict:
    item = _obj({"doc_id": _STR, "seed_file": _STR, "outlet": _STR, "title": _NULLSTR,
                 "published": {"type": ["string", "null"], "format": "date"}, "event": _enum(V.EVENTS),
                 "genre": _enum(V.GENRES), "language": _STR, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                 "notes": {"type": "array", "items": {"type": "string"}}})
    return {"$schema": DRAFT, "$id": "corpus_kz/seeds/manifest.schema.json",
            "title": "corpus_kz document manifest", "type": "array", "items": item}


#: Path relative to a corpus directory -> schema builder.
SCHEMAS = {
    "annotations/schema.json": annotation_schema,
    "annotations/entities.schema.json": entities_schema,
    "seeds/manifest.schema.json": manifest_schema,
}


def write_schemas(root: Path) -> None:
    import json

    from .standoff import write_text

    for rel, build in SCHEMAS.items():
        write_text(Path(root) / rel, json.dumps(build(), indent=2, ensure_ascii=False) + "\n")
