"""The columns of every table view, and which of them hold a fixed vocabulary.

Shared by the pandas views and the flat Hugging Face configs, so the two
can never drift apart. No pandas here: ``datasets`` features use it too.
"""

from __future__ import annotations

from . import vocab as V

ZONE_OR_BODY = ("body",) + V.ZONES

COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id", "seed_file", "outlet", "title", "published", "event", "genre", "sha256"],
    "entities": ["entity_id", "name", "label", "role", "aliases", "wikidata"],
    "mentions": ["doc_id", "entity_id", "name", "label", "role", "start", "end", "text"],
    "quotes": ["doc_id", "quote_id", "start", "end", "text", "type", "speaker_id", "speaker", "speaker_role",
               "cue", "event", "outlet", "zone"],
    "figures": ["doc_id", "figure_id", "start", "end", "text", "number", "value", "qualifier", "quantity", "unit",
                "event", "source_id", "source", "source_role"],
    "frames": ["doc_id", "frame_id", "start", "end", "text", "frame", "holder_id", "holder", "holder_role", "stance"],
    "zones": ["doc_id", "zone_id", "start", "end", "text", "zone"],
    "sentences": ["doc_id", "sentence", "start", "end", "text", "zone"],
}

#: Column -> ordered categories, in every view that has the column.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "event": V.EVENTS,
    "genre": V.GENRES,
    "label": V.ENTITY_LABELS,
    "role": V.ROLES,
    "speaker_role": V.ROLES,
    "source_role": V.ROLES,
    "holder_role": V.ROLES,
    "type": V.QUOTE_TYPES,
    "qualifier": V.QUALIFIERS,
    "quantity": V.QUANTITIES,
    "unit": V.UNITS,
    "frame": V.FRAMES,
    "stance": V.STANCES,
    "zone": ZONE_OR_BODY,
}

INTEGER_COLUMNS = ("start", "end", "sentence")
