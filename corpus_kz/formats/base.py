"""What every format shares: a corpus as plain data, checking imported spans, and writing a corpus directory.

A format module exports with ``export(directory, corpus, force=False,
progress=True) -> Path`` and, where the format can carry a corpus back,
imports with ``read(source) -> CorpusData``; :func:`write_corpus` turns what
was read into a corpus directory that :func:`corpus_kz.load` reads.

- :func:`corpus_data` gives every document as its manifest entry, its text and
  its layers in their file shape (:func:`corpus_kz.records.to_dict`), with the
  registry; formats write from this, so they all see the same fields.
- :func:`check_span` is the one test an imported span must pass:
  ``text[start:end]`` equals the span's own text.
- :func:`canonical` renumbers a document's ids in text order, so a round trip
  that remaps ids deterministically compares equal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..errors import CorpusError, Problem, show
from ..records import AGENT_FIELDS, ID_PREFIX, LAYERS, SPAN_LAYERS, to_dict

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..document import Document

__all__ = ["CorpusData", "DocumentData", "FormatError", "canonical", "check_span", "corpus_data", "write_corpus"]


class FormatError(CorpusError):
    """Input in another format that cannot become a corpus: each problem names the file, record and field."""


@dataclass
class DocumentData:
    """One document as plain data: its manifest entry, its text and its layers in their file shape."""

    entry: dict
    text: str
    layers: dict[str, list[dict]] = field(default_factory=lambda: {layer: [] for layer in LAYERS})


@dataclass
class CorpusData:
    """A corpus as plain data: its documents and its entity registry (file shape)."""

    documents: list[DocumentData]
    entities: list[dict]


def document_data(doc: Document) -> DocumentData:
    from ..document import MANIFEST_FIELDS

    entry = {}
    for name in MANIFEST_FIELDS:
        value = getattr(doc, name)
        entry[name] = value.isoformat() if hasattr(value, "isoformat") else list(value) if isinstance(value, tuple) else value
    return DocumentData(entry, doc.text, {layer: [to_dict(r) for r in getattr(doc, layer)] for layer in LAYERS})


def corpus_data(corpus: Corpus) -> CorpusData:
    """Every document and the registry as plain data, in corpus order."""
    return CorpusData([document_data(d) for d in corpus], [to_dict(e) for e in corpus.entities_by_id.values()])


def check_span(file: str, doc_id: str, record: str, start: object, end: object, claimed: str | None,
               text: str, what: str = "span") -> Problem | None:
    """A problem if ``[start, end)`` is not a span of ``text`` whose characters are ``claimed`` (when given)."""
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        return Problem(file, record, what, f"offsets [{start!r}, {end!r})",
                       f"0 <= start < end <= {len(text)}, the length of the text of {doc_id}")
    if claimed is not None and text[start:end] != claimed:
        return Problem(file, record, what, f"{show(claimed)} at [{start}, {end})",
                       f"the text of {doc_id} there, {show(text[start:end])}; a shifted span is never stored")
    return None


def write_corpus(directory: str | Path, data: CorpusData, force: bool = False, what: str = "import") -> Path:
    """Write ``data`` as a corpus directory (seeds, manifest, registry, one annotation file per document).

    The directory is built aside, loaded with :func:`corpus_kz.load` (a
    :class:`FormatError` lists every problem if it does not load) and only
    then moved into place; a non-empty target needs ``force``.
    """
    from ..storage import load
    from ..storage.files import write_bytes
    from ..storage.layout import Layout
    from ..storage.outputs import publish
    from ..storage.standoff import dumps

    _check_names(data)

    def build(tmp: Path) -> None:
        manifest = []
        for doc in data.documents:
            raw = doc.text.encode("utf-8")
            entry = dict(doc.entry, sha256=hashlib.sha256(raw).hexdigest())
            write_bytes(tmp / Layout.SEEDS / entry["seed_file"], raw)
            manifest.append(entry)
            gold = {"doc_id": entry["doc_id"], "seed_file": entry["seed_file"], "sha256": entry["sha256"],
                    **{layer: doc.layers.get(layer, []) for layer in LAYERS}}
            write_bytes(tmp / Layout.doc(entry["doc_id"]), dumps(gold).encode("utf-8"))
        write_bytes(tmp / Layout.MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        write_bytes(tmp / Layout.REGISTRY, dumps(list(data.entities)).encode("utf-8"))
        try:
            load(tmp)
        except CorpusError as exc:
            raise FormatError(exc.problems) from None

    return publish(directory, build, kind="corpus", corpus_path=None, force=force, what=what)


def _check_names(data: CorpusData) -> None:
    """doc_id and seed_file name files: check them before anything is written (no '..', no absolute path)."""
    import re

    from ..kinds import DOC_ID, SEED_FILE

    problems, seen = [], set()
    for n, doc in enumerate(data.documents, 1):
        for name, pattern in (("doc_id", DOC_ID), ("seed_file", SEED_FILE)):
            value = doc.entry.get(name)
            if not (isinstance(value, str) and re.fullmatch(pattern, value)):
                problems.append(Problem(f"document #{n}", None, name, show(value),
                                        "a plain file name (letters, digits, '_', '.', '-'; no '..' or '/')"))
        key = doc.entry.get("doc_id")
        if isinstance(key, str) and key in seen:
            problems.append(Problem(f"document #{n}", key, "doc_id", show(key), "a doc_id no other document has"))
        seen.add(key)
    problems_or_raise(problems)


def canonical(doc: Document | DocumentData) -> dict[str, list[dict]]:
    """A document's layers with ids renumbered in text order and references following, for comparison.

    Two annotations that differ only in their ids (a format that renumbers
    them deterministically) have the same canonical form.
    """
    layers = doc.layers if isinstance(doc, DocumentData) else document_data(doc).layers
    layers = {layer: [dict(r) for r in records] for layer, records in layers.items()}
    mapping: dict[str, str] = {}
    for layer in SPAN_LAYERS:
        ordered = sorted(layers[layer], key=lambda r: (r["start"], r["end"], json.dumps(r, sort_keys=True,
                                                                                         default=str)))
        for n, r in enumerate(ordered, 1):
            mapping[r["id"]] = f"{ID_PREFIX[layer]}{n}"
        layers[layer] = ordered
    quote_order = {mapping[q["id"]]: k for k, q in enumerate(layers["quotes"])}
    for x in layers["attributions"]:
        x["quote_id"] = mapping.get(x["quote_id"], x["quote_id"])
    layers["attributions"].sort(key=lambda x: quote_order.get(x["quote_id"], -1))
    for n, x in enumerate(layers["attributions"], 1):
        mapping[x["id"]] = f"{ID_PREFIX['attributions']}{n}"
    for layer in LAYERS:
        for r in layers[layer]:
            r["id"] = mapping[r["id"]]
    for layer, fld in AGENT_FIELDS.items():
        for r in layers[layer]:
            r[fld] = mapping.get(r[fld], r[fld])
    return layers


def problems_or_raise(problems: Iterable[Problem | None]) -> None:
    """Raise :class:`FormatError` with every problem found, if any."""
    found = [p for p in problems if p is not None]
    if found:
        raise FormatError(found)
