"""The candidates chosen and recorded: no overlaps, and an entity for each name or date the registry lacks."""

from __future__ import annotations

from ...records import Entity, Mention
from ..base import Context, make, record_id
from .candidates import CAPITALISED, DATE, GAZETTEER, GONE, NOMINAL, WEAK, Candidate, slug
from .scan import FIRST_WORD

__all__ = ["choose", "records"]

_PRIORITY = {GAZETTEER: 0, NOMINAL: 1, DATE: 2, CAPITALISED: 3}


def choose(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then the more trusted rule."""
    cands = [c for c in cands if c.label != GONE and c.rule != WEAK]
    cands.sort(key=lambda c: (c.start - c.end, _PRIORITY[c.rule], c.start))
    taken = bytearray(max((c.end for c in cands), default=0))  # 1 where a chosen candidate stands
    out = []
    for c in cands:
        if taken.find(1, c.start, c.end) >= 0:
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def records(ctx: Context, chosen: list[Candidate]) -> list:
    """The mentions, and the entities of ``ctx.new_entities`` for the names and dates the registry lacks."""
    text = ctx.text
    known = set(ctx.entities) | set(ctx.new_entities)
    new: dict[str, list] = {}  # entity id -> [name, label, aliases]
    by_key: dict[str, str] = {}
    surname_of: dict[str, str] = {}
    norp_of: dict[str, str] = {}
    # Persons named in full first, so that a surname alone finds them wherever it stands.
    unknown = [c for c in chosen if c.entity_id is None and c.key is not None]
    for c in sorted(unknown, key=lambda c: (" " not in c.key, c.start)):
        if c.key in by_key:
            continue
        if c.label == "PERSON" and " " not in c.key and c.key in surname_of:
            by_key[c.key] = surname_of[c.key]
            continue
        if c.label == "NORP" and (c.key.rstrip("s") in norp_of or c.key + "s" in norp_of):
            by_key[c.key] = norp_of.get(c.key.rstrip("s")) or norp_of[c.key + "s"]  # Karakalpak / Karakalpaks
            continue
        surface = text[c.start:c.end]
        base = slug(FIRST_WORD.findall(surface)[-1] if c.label == "PERSON" else surface)[:90] or "entity"
        if not base[0].isalpha():
            base = "e_" + base
        eid, n = base, 2
        while eid in known:
            eid, n = f"{base}_{n}", n + 1
        known.add(eid)
        new[eid] = [surface, c.label, {}]
        by_key[c.key] = eid
        if c.label == "PERSON" and " " in c.key:
            surname_of.setdefault(c.key.rsplit(" ", 1)[1], eid)
        if c.label == "NORP":
            norp_of[c.key] = eid
    out = []
    for c in chosen:
        surface = text[c.start:c.end]
        if c.rule == DATE:
            eid = c.date_id
            if eid not in ctx.entities and eid not in ctx.new_entities:
                new.setdefault(eid, [c.date_name, "DATE", {}])
        else:
            eid = c.entity_id if c.entity_id is not None else by_key.get(c.key)
            if eid is None:
                continue
        label = new[eid][1] if eid in new else c.label
        if eid in new:
            new[eid][2][surface] = None
        out.append(make(Mention, c.rule, c.confidence, id=record_id("mentions", len(out) + 1), entity_id=eid,
                        label=label, form=c.form, start=c.start, end=c.end, text=surface))
    for eid, (name, label, aliases) in new.items():
        ctx.new_entities[eid] = Entity(eid, name, label, "other" if label in ("PERSON", "ORG") else None,
                                       tuple(aliases))
    return out
