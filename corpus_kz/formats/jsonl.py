"""JSON Lines: one file per layer, one JSON object per record, each with its ``doc_id``; lossless both ways.

``documents.jsonl`` holds each document's manifest entry and its ``text``;
``entities.jsonl`` the registry; ``zones.jsonl`` … ``frames.jsonl`` the
records in their file shape (the fields of ``annotations/schema.json``)
plus ``doc_id``; ``events.jsonl`` the events the corpus declares, when it
declares its own (:data:`EVENTS`). ``pandas.read_json(path, lines=True)`` reads any of them.
Read back, every record and span is checked by the build step that
:func:`~corpus_kz.formats.base.write_corpus` runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, show
from ..kinds import file_defaults
from ..progress import track
from ..records import LAYERS
from ..storage.files import Unreadable, parse_json
from ..storage.outputs import publish
from ..writing import write_text
from .base import (CorpusData, DocumentData, FormatError, corpus_data, problems_or_raise, read_source,
                   source_directory)

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["EVENTS", "FILES", "export", "read"]

#: The files of an export, in order.
FILES = ("documents.jsonl", "entities.jsonl", *(f"{layer}.jsonl" for layer in LAYERS))
#: The events the corpus declares, one per line: written only when it declares its own (it reads back the same).
EVENTS = "events.jsonl"


def _lines(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _file_shape(row: dict, defaults: dict) -> dict:
    """A flat table's row as the file holds it: dates as ISO strings, fields at their file default left out."""
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()
            if not (k in defaults and v == defaults[k] and type(v) is type(defaults[k]))}


def export(directory: str | Path, corpus: Corpus, *, force: bool = False, progress: bool = True) -> Path:
    """Write the corpus as JSON Lines, one file per layer, into ``directory`` (built aside, moved in whole).

    Written from the corpus's flat tables run by run (a store's parts), so
    memory holds one run, not every record as a dict.
    """
    head = corpus_data(corpus[0:0])  # the registry and the declarations, without a document
    defaults = {layer: file_defaults(cls) for layer, cls in LAYERS.items()}
    names = ["documents", *LAYERS]

    def write(tmp: Path) -> None:
        out = {name: open(tmp / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") for name in names}
        try:
            for run in track(corpus.arrow_batches(names), desc="export jsonl", disable=not progress):
                for name in names:
                    out[name].write(_lines(_file_shape(r, defaults.get(name, {})) for r in run[name].to_pylist()))
        finally:
            for fh in out.values():
                fh.close()
        write_text(tmp / "entities.jsonl", _lines(head.entities))
        if head.events is not None:
            write_text(tmp / EVENTS, _lines(head.events))

    return publish(directory, write, kind="jsonl", corpus_path=corpus.path, force=force, what="export")


def _read_lines(source: Path, name: str) -> list[tuple[int, dict]]:
    """``(line number, object)`` for each line of ``source / name``: strict UTF-8 and strict JSON, one object a line.

    Lines are split at ``\\n`` only, as JSON Lines defines them: a JSON
    string may hold U+2028, U+0085 or a form feed unescaped (``json.dumps``
    with ``ensure_ascii=False`` writes them so), which ``str.splitlines``
    would take for line ends.
    """

    file = str(source / name)
    raw = read_source(source, name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError([Problem(file, None, None, f"bytes that are not UTF-8 ({exc.reason} at byte {exc.start})",
                                   "UTF-8 text")]) from None
    out, problems = [], []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = parse_json(line.encode("utf-8"))
        except Unreadable as exc:
            problems.append(Problem(f"{file}:{n}", None, None, f"{exc.found} in {show(line)}",
                                    f"one JSON object per line ({exc.expected})"))
            continue
        if not isinstance(value, dict):
            problems.append(Problem(f"{file}:{n}", None, None, show(value), "a JSON object"))
            continue
        out.append((n, value))
    problems_or_raise(problems)
    return out


def read(source: str | Path) -> CorpusData:
    """Read an export back: each record joined to its document by ``doc_id``, and named by its file and line.

    What the records and entries must be (fields, the sha256 pin, every span
    against its text) is the build step's to check, when the result is
    written (:func:`~corpus_kz.formats.base.write_corpus`).
    """
    source = source_directory(source, "a JSON Lines export directory")
    problems: list[Problem] = []
    docs = _documents(source, problems)
    entities = [e for _, e in _read_lines(source, "entities.jsonl")]
    for layer in LAYERS:
        name = f"{layer}.jsonl"
        for n, record in _read_lines(source, name):
            where = f"{source / name}:{n}"
            doc_id = record.pop("doc_id", None)
            doc = docs.get(doc_id) if isinstance(doc_id, str) else None
            if doc is None:
                rid = record.get("id")
                problems.append(Problem(where, rid if isinstance(rid, str) else None, "doc_id",
                                        f"{show(doc_id)}, a document not in documents.jsonl",
                                        "the doc_id of a line of documents.jsonl"))
                continue
            rid = record.get("id")
            # How the build step names the record: its id, or its place in the layer.
            doc.origins.setdefault(rid if isinstance(rid, str) else f"{layer}[{len(doc.layers[layer])}]", where)
            doc.layers[layer].append(record)
    problems_or_raise(problems)
    declared = os.path.lexists(source / EVENTS)  # whatever is there is read, and refused if it is no file
    events = [e for _, e in _read_lines(source, EVENTS)] if declared else None
    return CorpusData(list(docs.values()), entities, origin=str(source / "entities.jsonl"), source=source,
                      events=events, events_origin=str(source / EVENTS) if declared else None)


def _documents(source: Path, problems: list[Problem]) -> dict[str, DocumentData]:
    """Each line of ``documents.jsonl`` as a document (its text out of the entry), by doc_id."""
    docs: dict[str, DocumentData] = {}
    where_docs = source / "documents.jsonl"
    for n, entry in _read_lines(source, "documents.jsonl"):
        text = entry.pop("text", None)
        doc_id = entry.get("doc_id")
        if not isinstance(text, str) or not isinstance(doc_id, str):
            problems.append(Problem(f"{where_docs}:{n}", doc_id if isinstance(doc_id, str) else None,
                                    "text" if isinstance(doc_id, str) else "doc_id",
                                    show(text) if isinstance(doc_id, str) else show(doc_id),
                                    "a document's text, with its doc_id (a string) and manifest fields"))
            continue
        if doc_id in docs:  # the records name their document by doc_id: two lines with one are ambiguous
            problems.append(Problem(f"{where_docs}:{n}", doc_id, "doc_id", show(doc_id),
                                    f"a doc_id no other line has (line {docs[doc_id].origin.rsplit(':', 1)[1]} "
                                    "has it too)"))
            continue
        docs[doc_id] = DocumentData(entry, text, origin=f"{where_docs}:{n}")
    return docs
