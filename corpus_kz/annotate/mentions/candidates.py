"""What the mention rules propose before one is chosen: a candidate, the rules' names, and slugs for new ids."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import fold

__all__ = ["CAPITALISED", "DATE", "GAZETTEER", "GONE", "NOMINAL", "WEAK", "Candidate", "slug"]

GAZETTEER, CAPITALISED, DATE, NOMINAL = "mention_gazetteer", "mention_capitalised", "mention_date", "mention_nominal"
GONE, WEAK = "_gone", "_weak"  # a candidate another rule took over; a name kept only on evidence


@dataclass(slots=True)
class Candidate:
    """A span a rule proposes as a mention, with what it would be."""

    start: int
    end: int
    label: str
    entity_id: str | None
    rule: str
    confidence: float
    form: str = "name"
    key: str | None = None       # an unknown name's identity in this text (its words' skeletons)
    date_id: str | None = None   # a date's resolved entity id and name
    date_name: str | None = None
    cued: bool = True            # whether something in the text said what it is (not a guess from its length)


def slug(text: str) -> str:
    """``text`` folded to ASCII lowercase, runs of other characters as one "_": a new entity id's stem."""
    s = fold(text)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")
