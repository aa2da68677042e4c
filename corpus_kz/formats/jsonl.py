"""JSON Lines: one file per layer, one JSON object per record, each with its ``doc_id``; lossless both ways.

``documents.jsonl`` holds each document's manifest entry and its ``text``;
``entities.jsonl`` the registry; ``zones.jsonl`` … ``frames.jsonl`` the
records in their file shape (the fields of ``annotations/schema.json``)
plus ``doc_id``. ``pandas.read_json(path, lines=True)`` reads any of them.
:func:`read` checks every span against its document's text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, show
from ..records import LAYERS, SPAN_LAYERS
from .base import CorpusData, DocumentData, FormatError, check_span, corpus_data, problems_or_raise

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["FILES", "export", "read"]

#: The files of an export, in order.
FILES = ("documents.jsonl", "entities.jsonl", *(f"{layer}.jsonl" for layer in LAYERS))


def _lines(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def export(directory: str | Path, corpus: Corpus, force: bool = False, progress: bool = True) -> Path:
    """Write the corpus as JSON Lines, one file per layer, into ``directory`` (built aside, moved in whole)."""
    from ..storage.files import write_text
    from ..storage.outputs import publish

    data = corpus_data(corpus)

    def build(tmp: Path) -> None:
        write_text(tmp / "documents.jsonl", _lines({**d.entry, "text": d.text} for d in data.documents))
        write_text(tmp / "entities.jsonl", _lines(data.entities))
        for layer in LAYERS:
            write_text(tmp / f"{layer}.jsonl", _lines({"doc_id": d.entry["doc_id"], **r}
                                                      for d in data.documents for r in d.layers[layer]))

    return publish(directory, build, kind="jsonl", corpus_path=corpus.path, force=force, what="export")


def _read_lines(source: Path, name: str) -> list[tuple[int, dict]]:
    from ..storage.files import Unreadable, read_bytes

    try:
        raw = read_bytes(source, name)
    except Unreadable as exc:
        raise FormatError([Problem(str(source / name), None, None, exc.found, exc.expected)]) from None
    out, problems = [], []
    for n, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            problems.append(Problem(f"{source / name}:{n}", None, None, show(line), f"one JSON object per line ({exc})"))
            continue
        if not isinstance(value, dict):
            problems.append(Problem(f"{source / name}:{n}", None, None, show(value), "a JSON object"))
            continue
        out.append((n, value))
    problems_or_raise(problems)
    return out


def read(source: str | Path) -> CorpusData:
    """Read an export back; every span must match its document's text (:class:`FormatError` names each one)."""
    source = Path(source)
    docs: dict[str, DocumentData] = {}
    problems: list[Problem | None] = []
    for n, entry in _read_lines(source, "documents.jsonl"):
        text = entry.pop("text", None)
        if not isinstance(text, str) or "doc_id" not in entry:
            problems.append(Problem(f"{source / 'documents.jsonl'}:{n}", entry.get("doc_id"), "text",
                                    show(text), "a document's text, with its doc_id and manifest fields"))
            continue
        docs[entry["doc_id"]] = DocumentData(entry, text)
    entities = [e for _, e in _read_lines(source, "entities.jsonl")]
    for layer in LAYERS:
        name = f"{layer}.jsonl"
        for n, record in _read_lines(source, name):
            where = f"{source / name}:{n}"
            doc = docs.get(record.pop("doc_id", None))
            if doc is None:
                problems.append(Problem(where, record.get("id"), "doc_id", "a document not in documents.jsonl",
                                        "the doc_id of a line of documents.jsonl"))
                continue
            rid = f"{doc.entry['doc_id']} {record.get('id')}"
            if layer in SPAN_LAYERS:
                problems.append(check_span(where, doc.entry["doc_id"], rid, record.get("start"), record.get("end"),
                                           record.get("text"), doc.text))
            else:
                for part in ("cue", "source"):
                    span = record.get(part)
                    if isinstance(span, dict):
                        problems.append(check_span(where, doc.entry["doc_id"], rid, span.get("start"),
                                                   span.get("end"), span.get("text"), doc.text, part))
            doc.layers[layer].append(record)
    problems_or_raise(problems)
    return CorpusData(list(docs.values()), entities)
