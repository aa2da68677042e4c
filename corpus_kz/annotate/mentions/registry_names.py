"""The registry's names and aliases in the text (rule ``mention_gazetteer``), through the gazetteer's matching."""

from __future__ import annotations

from .candidates import GAZETTEER, Candidate
from .page import Page
from .scan import Scan
from .vocabulary import LANGUAGE_AFTER

__all__ = ["candidates"]


def candidates(text: str, gz, page: Page, scan: Scan) -> list[Candidate]:
    """Each registry name or alias the gazetteer finds from the scan's roots, outside the excluded ranges."""
    out = []
    for s, e, eid in gz._matches(text, scan.roots, checked=True):
        if page.excluded(s, e):
            continue
        entity = gz.entities[eid]
        if entity.label == "NORP" and LANGUAGE_AFTER.match(text, e):
            continue  # a language, not a people (codebook §7: "Kazakh-speaking", "Kazakh for …")
        form = "name"
        if entity.label in ("PERSON", "ORG") and text[s].islower() and text[s:e].lower() != entity.name.lower():
            form = "nominal"  # a registry description spelled out: "mayor's office of Tokmak"
        out.append(Candidate(s, e, entity.label, eid, GAZETTEER, 0.9, form))
    return out
