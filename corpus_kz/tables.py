"""The flat tables of a corpus: what a row is, and each column with its kind.

One table per layer (plus documents, the entity registry and sentences),
with speakers, sources and holders resolved. Every table of records starts
with ``doc_id`` and the document's metadata (``outlet``, ``event``,
``published``, ``genre``), so a comparison by outlet or event needs no join,
and ends with its record's provenance (``origin``, ``confidence``). In
``figures`` the ``event`` is the figure's own (a 2022 text may count the
dead of 2011) and ``doc_event`` the document's.

This module declares the tables; :mod:`corpus_kz.views` builds them as pandas
DataFrames from the corpus's Arrow columns, and the flat Hugging Face configs
(:mod:`corpus_kz.formats.hf`) derive their features from the same column
kinds. No pandas here.
"""

from __future__ import annotations

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
    """A flat table: what a row is, and its columns with their kinds, in order."""

    __slots__ = ("description", "columns")

    def __init__(self, description: str, columns: dict[str, object]):
        self.description, self.columns = description, columns

    def __repr__(self) -> str:
        return f"Table({self.description!r}, {len(self.columns)} columns)"


#: The document's metadata that every table of records carries after its doc_id.
META: dict[str, object] = {"outlet": STRING, "event": EVENT, "published": DATE, "genre": V.GENRES}
#: The same in ``figures``, where ``event`` is the figure's own.
_FIGURE_META = {("doc_event" if c == "event" else c): k for c, k in META.items()}
_SPAN = {"start": INT, "end": INT, "text": STRING}
#: A record's provenance: "gold" or "predicted:<rule>" (an open set, so a string), and null or a number in [0, 1].
_PROVENANCE = {"origin": STRING, "confidence": FLOAT}


def _agent(prefix: str) -> dict[str, object]:
    """A figure source's or frame holder's columns: as annotated (``_ref``), and resolved (id, name, role)."""
    return {f"{prefix}_ref": STRING, f"{prefix}_id": STRING, prefix: STRING, f"{prefix}_role": V.ROLES}


#: Every flat table, in the order of the exported configs.
TABLES: dict[str, Table] = {
    "documents": Table("One row per document: its manifest entry (its text with documents(text=True)).", {
        "doc_id": STRING, "seed_file": STRING, "outlet": STRING, "title": STRING, "published": DATE,
        "event": EVENT, "genre": V.GENRES, "sha256": STRING, "language": STRING, "notes": STRINGS}),
    "zones": Table("One row per zone.", {
        "doc_id": STRING, **META, "zone_id": STRING, **_SPAN, "zone": ZONE_OR_BODY, **_PROVENANCE}),
    "mentions": Table("One row per entity mention (by name or nominal form), with the entity's name and role.", {
        "doc_id": STRING, **META, "mention_id": STRING, "entity_id": STRING, "name": STRING,
        "label": V.ENTITY_LABELS, "form": V.FORMS, "role": V.ROLES, **_SPAN, "zone": ZONE_OR_BODY, **_PROVENANCE}),
    "quotes": Table("One row per quote, with its attribution's act, speaker and cue, and its zone.", {
        "doc_id": STRING, **META, "quote_id": STRING, **_SPAN, "type": V.QUOTE_TYPES, "act": V.ACTS,
        "speaker_id": STRING, "speaker": STRING, "speaker_role": V.ROLES, "cue": STRING,
        "zone": ZONE_OR_BODY, **_PROVENANCE}),
    "attributions": Table("One row per attribution: the quote and its type, the act, the cue and source spans, "
                          "and the resolved speaker.", {
        "doc_id": STRING, **META, "attribution_id": STRING, "quote_id": STRING, "quote": STRING,
        "type": V.QUOTE_TYPES, "act": V.ACTS, "cue": STRING, "cue_start": OPTIONAL_INT, "cue_end": OPTIONAL_INT,
        "source_text": STRING, "source_start": OPTIONAL_INT, "source_end": OPTIONAL_INT,
        "speaker_id": STRING, "speaker": STRING, "speaker_role": V.ROLES, "zone": ZONE_OR_BODY, **_PROVENANCE}),
    "figures": Table("One row per figure, with its source as annotated and resolved; event is the figure's own.", {
        "doc_id": STRING, **_FIGURE_META, "figure_id": STRING, **_SPAN, "number": STRING, "value": FLOAT,
        "qualifier": V.QUALIFIERS, "quantity": V.QUANTITIES, "unit": V.UNITS, "event": EVENT,
        **_agent("source"), "zone": ZONE_OR_BODY, **_PROVENANCE}),
    "frames": Table("One row per frame, with its holder as annotated and resolved, its stance and aspect.", {
        "doc_id": STRING, **META, "frame_id": STRING, **_SPAN, "frame": V.FRAMES, **_agent("holder"),
        "stance": V.STANCES, "aspect": V.ASPECTS, "zone": ZONE_OR_BODY, **_PROVENANCE}),
    "entities": Table("The entity registry, one row per entity.", {
        "entity_id": STRING, "name": STRING, "label": V.ENTITY_LABELS, "role": V.ROLES, "aliases": STRINGS,
        "wikidata": STRING}),
    "sentences": Table("One row per sentence (NLTK Punkt), with its zone.", {
        "doc_id": STRING, **META, "sentence": INT, **_SPAN, "zone": ZONE_OR_BODY}),
}


def table_spec(name: str) -> Table:
    """The declaration of table ``name``, or a clear error naming the tables there are."""
    try:
        return TABLES[name]
    except KeyError:
        raise ValueError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}") from None
