"""The flat tables of a corpus: their columns, column kinds, and plain rows.

One table per layer (plus documents, the entity registry and sentences),
with speakers, sources and holders resolved; each layer's table ends with
its record's provenance (``origin``, ``confidence``). Rows are plain dicts of
Python values, built here once; the pandas views (:mod:`corpus_kz.views`)
and the flat Hugging Face configs (:mod:`corpus_kz.formats.hf`) both read
them, and both derive their column types from :data:`TABLES`. No pandas
here.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable, Iterator

    from .corpus import Corpus
    from .document import Document

from . import vocab as V

# Column kinds. A tuple of strings is a vocabulary: an ordered categorical in
# pandas, a ClassLabel in datasets.
STRING = "string"
INT = "int"
OPTIONAL_INT = "int or null"
FLOAT = "float"
DATE = "date"
STRINGS = "list of strings"
#: An event the corpus declares: a vocabulary too, but the corpus's own (``corpus.events``), not a fixed one.
EVENT = "event"

#: Outside every zone a text is body.
ZONE_OR_BODY = ("body",) + V.ZONES


class Table:
    """A flat table: what a row is, its columns with their kinds, and how its rows are built."""

    __slots__ = ("description", "columns", "build")

    def __init__(self, description: str, columns: dict[str, object], build: Callable[[Corpus], Iterator[dict]]):
        self.description, self.columns, self.build = description, columns, build


def _provenance(r) -> dict:
    """A record's origin and confidence, the last two columns of its layer's table."""
    return {"origin": r.origin, "confidence": None if r.confidence is None else float(r.confidence)}


def _documents(corpus: Corpus):
    for d in corpus:
        yield {c: getattr(d, c) for c in TABLES["documents"].columns}


def _entities(corpus: Corpus):
    for e in corpus.registry.values():
        yield {"entity_id": e.entity_id, "name": e.name, "label": e.label, "role": e.role,
               "aliases": list(e.aliases), "wikidata": e.wikidata}


def _mentions(corpus: Corpus):
    for d in corpus:
        for m in d.mentions:
            e = d.registry[m.entity_id]
            yield {"doc_id": d.doc_id, "mention_id": m.id, "entity_id": m.entity_id, "name": e.name, "label": m.label,
                   "form": m.form, "role": e.role, "start": m.start, "end": m.end, "text": m.text,
                   "zone": d.zone_at(m.start), **_provenance(m)}


def _quotes(corpus: Corpus):
    for d in corpus:
        for q in d.quotes:
            a = d.attribution(q)
            who = d.speaker(a)
            yield {"doc_id": d.doc_id, "quote_id": q.id, "start": q.start, "end": q.end, "text": q.text,
                   "type": q.type, "act": a.act, "speaker_id": who.id, "speaker": who.name or None, "speaker_role": who.role,
                   "cue": a.cue.text if a.cue else None, "event": d.event, "outlet": d.outlet,
                   "zone": d.zone_at(q.start), **_provenance(q)}


def _attributions(corpus: Corpus):
    for d in corpus:
        for a in d.attributions:
            who = d.speaker(a)
            cue, src = a.cue, a.source
            yield {"doc_id": d.doc_id, "attribution_id": a.id, "quote_id": a.quote_id, "quote": d[a.quote_id].text,
                   "type": d[a.quote_id].type, "act": a.act,
                   "cue": cue.text if cue else None, "cue_start": cue.start if cue else None,
                   "cue_end": cue.end if cue else None,
                   "source_text": src.text if src else None, "source_start": src.start if src else None,
                   "source_end": src.end if src else None,
                   "speaker_id": who.id, "speaker": who.name or None, "speaker_role": who.role,
                   "zone": d.zone_at(d[a.quote_id].start), **_provenance(a)}


def _agent(d: Document, ref: str, prefix: str) -> dict:
    who = d.agent(ref)
    return {f"{prefix}_id": V.AUTHOR if ref == V.AUTHOR else who.id, prefix: who.name or None,
            f"{prefix}_role": who.role}


def _figures(corpus: Corpus):
    for d in corpus:
        for f in d.figures:
            yield {"doc_id": d.doc_id, "figure_id": f.id, "start": f.start, "end": f.end, "text": f.text,
                   "number": f.number, "value": None if f.value is None else float(f.value),
                   "qualifier": f.qualifier, "quantity": f.quantity, "unit": f.unit, "event": f.event,
                   **_agent(d, f.source, "source"), "zone": d.zone_at(f.start), **_provenance(f)}


def _frames(corpus: Corpus):
    for d in corpus:
        for f in d.frames:
            yield {"doc_id": d.doc_id, "frame_id": f.id, "start": f.start, "end": f.end, "text": f.text,
                   "frame": f.frame, **_agent(d, f.holder, "holder"), "stance": f.stance,
                   "aspect": f.aspect, "zone": d.zone_at(f.start), **_provenance(f)}


def _zones(corpus: Corpus):
    for d in corpus:
        for z in d.zones:
            yield {"doc_id": d.doc_id, "zone_id": z.id, "start": z.start, "end": z.end, "text": z.text, "zone": z.zone,
                   **_provenance(z)}


def _sentences(corpus: Corpus):
    for d in corpus:
        for s in d.sentences:
            yield {"doc_id": d.doc_id, "sentence": s.index, "start": s.start, "end": s.end, "text": s.text,
                   "zone": d.zone_at(s.start)}


_SPAN = {"start": INT, "end": INT, "text": STRING}
#: A record's provenance: "gold" or "predicted:<rule>" (an open set, so a string), and null or a number in [0, 1].
_PROVENANCE = {"origin": STRING, "confidence": FLOAT}

#: Every flat table, in the order of the exported configs.
TABLES: dict[str, Table] = {
    "documents": Table("One row per document.", {
        "doc_id": STRING, "seed_file": STRING, "outlet": STRING, "title": STRING, "published": DATE,
        "event": EVENT, "genre": V.GENRES, "sha256": STRING}, _documents),
    "zones": Table("One row per zone.", {
        "doc_id": STRING, "zone_id": STRING, **_SPAN, "zone": ZONE_OR_BODY, **_PROVENANCE}, _zones),
    "mentions": Table("One row per entity mention (by name or nominal form), with the entity's name and role.", {
        "doc_id": STRING, "mention_id": STRING, "entity_id": STRING, "name": STRING, "label": V.ENTITY_LABELS,
        "form": V.FORMS, "role": V.ROLES, **_SPAN, "zone": ZONE_OR_BODY, **_PROVENANCE},
        _mentions),
    "quotes": Table("One row per quote, with its attribution's act, speaker and cue, and its zone, event and outlet.", {
        "doc_id": STRING, "quote_id": STRING, **_SPAN, "type": V.QUOTE_TYPES, "act": V.ACTS, "speaker_id": STRING,
        "speaker": STRING, "speaker_role": V.ROLES, "cue": STRING, "event": EVENT, "outlet": STRING,
        "zone": ZONE_OR_BODY, **_PROVENANCE}, _quotes),
    "attributions": Table("One row per attribution: the quote and its type, the act, the cue and source spans, and the resolved speaker.", {
        "doc_id": STRING, "attribution_id": STRING, "quote_id": STRING, "quote": STRING,
        "type": V.QUOTE_TYPES, "act": V.ACTS, "cue": STRING, "cue_start": OPTIONAL_INT, "cue_end": OPTIONAL_INT,
        "source_text": STRING, "source_start": OPTIONAL_INT, "source_end": OPTIONAL_INT,
        "speaker_id": STRING, "speaker": STRING, "speaker_role": V.ROLES, "zone": ZONE_OR_BODY, **_PROVENANCE},
        _attributions),
    "figures": Table("One row per figure, with its resolved source.", {
        "doc_id": STRING, "figure_id": STRING, **_SPAN, "number": STRING, "value": FLOAT,
        "qualifier": V.QUALIFIERS, "quantity": V.QUANTITIES, "unit": V.UNITS, "event": EVENT,
        "source_id": STRING, "source": STRING, "source_role": V.ROLES, "zone": ZONE_OR_BODY, **_PROVENANCE},
        _figures),
    "frames": Table("One row per frame, with its resolved holder, stance and aspect.", {
        "doc_id": STRING, "frame_id": STRING, **_SPAN, "frame": V.FRAMES, "holder_id": STRING, "holder": STRING,
        "holder_role": V.ROLES, "stance": V.STANCES, "aspect": V.ASPECTS,
        "zone": ZONE_OR_BODY, **_PROVENANCE}, _frames),
    "entities": Table("The entity registry, one row per entity.", {
        "entity_id": STRING, "name": STRING, "label": V.ENTITY_LABELS, "role": V.ROLES, "aliases": STRINGS,
        "wikidata": STRING}, _entities),
    "sentences": Table("One row per sentence (NLTK Punkt), with its zone.", {
        "doc_id": STRING, "sentence": INT, **_SPAN, "zone": ZONE_OR_BODY}, _sentences),
}


def rows(corpus: Corpus, table: str) -> list[dict]:
    """The rows of a table as plain dicts, each with exactly the table's columns, in order."""
    try:
        spec = TABLES[table]
    except KeyError:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}") from None
    return list(spec.build(corpus))
