"""``corpus-kz validate``: every check, on every file, and nothing written.

The loader already checks offsets, sha256 pins, vocabularies, ids and
references; here we add the JSON Schemas and the codebook's rules that a
user's own corpus need not follow (trimmed spans, whole-line zones).
"""

from __future__ import annotations

import json
from pathlib import Path

from .corpus import bundled_path, read
from .errors import Problem
from .schema import SCHEMAS


def _schema_problems(root: Path) -> list[Problem]:
    import jsonschema

    problems = []
    targets = {
        "seeds/manifest.schema.json": [root / "seeds" / "manifest.json"],
        "annotations/entities.schema.json": [root / "annotations" / "entities.json"],
        "annotations/schema.json": sorted((root / "annotations" / "docs").glob("*.json")),
    }
    for rel, files in targets.items():
        schema = SCHEMAS[rel]()
        validator = jsonschema.Draft202012Validator(schema)
        for f in files:
            try:
                data = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # read() reports unreadable and broken files
            for err in validator.iter_errors(data):
                path = list(err.absolute_path)
                record = None
                if path and isinstance(path[0], int) and isinstance(data, list):
                    item = data[path[0]]
                    record = str(item.get("doc_id") or item.get("entity_id") or f"#{path[0]}") if isinstance(item, dict) else f"#{path[0]}"
                    path = path[1:]
                elif len(path) >= 2 and isinstance(path[1], int):
                    item = data[path[0]][path[1]]
                    record = str(item.get("id", f"{path[0]}[{path[1]}]")) if isinstance(item, dict) else f"{path[0]}[{path[1]}]"
                    path = path[2:]
                field = ".".join(str(p) for p in path) or None
                problems.append(Problem(str(f), record, field, repr(err.instance)[:120], f"schema: {err.message[:200]}"))
    return problems


def _codebook_problems(corpus) -> list[Problem]:
    problems = []
    for d in corpus:
        f = str(Path(corpus.path) / "annotations" / "docs" / f"{d.doc_id}.json")
        for r in d.records():
            spans = [("cue", r.cue), ("source", r.source)] if hasattr(r, "cue") else [("text", r)]
            for fld, span in spans:
                if span is not None and span.text != span.text.strip():  # cue and source may be null
                    problems.append(Problem(f, r.id, fld, repr(span.text), "a span without leading or trailing white space"))
        boiler = [z for z in d.zones if z.zone == "boilerplate"]
        for layer in ("mentions", "quotes", "figures", "frames"):
            for r in getattr(d, layer):
                z = next((z for z in boiler if z.contains(r)), None)
                if z is not None:
                    problems.append(Problem(f, r.id, "text", f"{r.text[:60]!r} inside boilerplate zone {z.id}",
                                            "no content annotation inside boilerplate (codebook §1)"))
        for fr in d.frames:
            holder = d.get(fr.holder)
            if hasattr(holder, "quote_id") and not d[holder.quote_id].contains(fr):
                problems.append(Problem(f, fr.id, "holder", f"{fr.holder!r}, whose quote {holder.quote_id} does not contain the frame",
                                        "the attribution of the quote the frame sits in (codebook §6)"))
        for m in d.mentions:
            if m.text not in d.entities[m.entity_id].aliases:
                problems.append(Problem(f, m.id, "text", repr(m.text),
                                        f"one of the aliases of {m.entity_id!r} in the registry"))
        for z in d.zones:
            before = d.text[z.start - 1] if z.start else "\n"
            after = d.text[z.end] if z.end < len(d.text) else "\n"
            if before.strip(" \t\u00a0") and before != "\n" or after.strip(" \t\u00a0") and after != "\n":
                problems.append(Problem(f, z.id, "text", repr(z.text[:60]), "a zone that covers whole lines"))
    return problems


def validate(path: str | Path | None = None) -> list[Problem]:
    """Every problem in the corpus directory at ``path`` (the bundled corpus by default)."""
    root = Path(path) if path is not None else bundled_path()
    corpus, problems = read(root)
    problems += _schema_problems(root)
    if corpus is not None:
        problems += _codebook_problems(corpus)
    return problems
