"""pandas views of a corpus: one tidy table per layer.

Vocabularies become ordered categoricals and dates datetimes here, at load
time, so notebooks never recast. Importing this module imports pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import vocab as V
from .columns import CATEGORIES, COLUMNS, INTEGER_COLUMNS

if TYPE_CHECKING:
    from .corpus import Corpus
    from .document import Document


def _table(rows: list[dict], view: str) -> pd.DataFrame:
    columns = COLUMNS[view]
    df = pd.DataFrame(rows, columns=columns)
    for col in columns:
        if col in CATEGORIES:
            df[col] = pd.Categorical(df[col], categories=list(CATEGORIES[col]), ordered=True)
        elif col in INTEGER_COLUMNS:
            df[col] = df[col].astype("int64")
        elif col == "value":
            df[col] = df[col].astype("float64")
        elif col == "published":
            df[col] = pd.to_datetime(df[col])
        elif col != "aliases":
            df[col] = df[col].astype("string")
    return df


def documents(corpus: "Corpus") -> pd.DataFrame:
    return _table([{c: getattr(d, c) for c in COLUMNS["documents"]} for d in corpus], "documents")


def entities(corpus: "Corpus") -> pd.DataFrame:
    rows = [{c: (list(e.aliases) if c == "aliases" else getattr(e, c)) for c in COLUMNS["entities"]}
            for e in corpus.entities_by_id.values()]
    return _table(rows, "entities")


def mentions(corpus: "Corpus") -> pd.DataFrame:
    rows = []
    for d in corpus:
        for m in d.mentions:
            e = d.entities[m.entity_id]
            rows.append(dict(doc_id=d.doc_id, entity_id=m.entity_id, name=e.name, label=m.label, role=e.role,
                             start=m.start, end=m.end, text=m.text))
    return _table(rows, "mentions")


def quotes(corpus: "Corpus") -> pd.DataFrame:
    rows = []
    for d in corpus:
        for q in d.quotes:
            a = d.attribution(q)
            who = d.speaker(a)
            rows.append(dict(doc_id=d.doc_id, quote_id=q.id, start=q.start, end=q.end, text=q.text, type=q.type,
                             speaker_id=who.id, speaker=who.name or None, speaker_role=who.role, cue=a.cue.text if a.cue else None,
                             event=d.event, outlet=d.outlet, zone=d.zone_at(q.start)))
    return _table(rows, "quotes")


def _agent(d: "Document", ref: str, prefix: str) -> dict:
    who = d.agent(ref)
    return {f"{prefix}_id": V.AUTHOR if ref == V.AUTHOR else who.id, prefix: who.name, f"{prefix}_role": who.role}


def figures(corpus: "Corpus") -> pd.DataFrame:
    rows = [dict(doc_id=d.doc_id, figure_id=f.id, start=f.start, end=f.end, text=f.text, number=f.number,
                 value=f.value, qualifier=f.qualifier, quantity=f.quantity, unit=f.unit, event=f.event,
                 **_agent(d, f.source, "source"))
            for d in corpus for f in d.figures]
    return _table(rows, "figures")


def frames(corpus: "Corpus") -> pd.DataFrame:
    rows = [dict(doc_id=d.doc_id, frame_id=f.id, start=f.start, end=f.end, text=f.text, frame=f.frame,
                 **_agent(d, f.holder, "holder"), stance=f.stance)
            for d in corpus for f in d.frames]
    return _table(rows, "frames")


def zones(corpus: "Corpus") -> pd.DataFrame:
    rows = [dict(doc_id=d.doc_id, zone_id=z.id, start=z.start, end=z.end, text=z.text, zone=z.zone)
            for d in corpus for z in d.zones]
    return _table(rows, "zones")


def sentences(corpus: "Corpus") -> pd.DataFrame:
    rows = [dict(doc_id=d.doc_id, sentence=s.index, start=s.start, end=s.end, text=s.text, zone=d.zone_at(s.start))
            for d in corpus for s in d.sentences]
    return _table(rows, "sentences")
