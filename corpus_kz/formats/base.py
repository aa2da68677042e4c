"""What every format shares: a corpus as plain data, checking imported spans, and writing a corpus directory.

A format module exports with ``export(directory, corpus, *, force=False,
progress=True) -> Path`` and, where the format can carry a corpus back,
imports with ``read(source) -> CorpusData``; :func:`write_corpus` turns what
was read into a corpus directory that :func:`corpus_kz.load` reads
(:func:`corpus_kz.storage.writer.write_directory`).

- :func:`~corpus_kz.build.corpus_data` gives every document as its manifest entry, its text and
  its layers in their file shape (:func:`corpus_kz.records.to_dict`), with the
  registry; formats write from this, so they all see the same fields.
- :func:`check_span` is the test a span must pass where a reader states its
  offsets in its own terms: ``text[start:end]`` equals the span's own text;
  :func:`pinned` says whether a text is the one its entry pins, and so
  whether its spans can be checked against it.
- :func:`read_source`, :func:`read_source_json`, :func:`read_registry` and
  :func:`read_events` read a source's files through the loader's guarded reading.
- :func:`write_corpus` runs the build step (:func:`corpus_kz.build.build`),
  which checks what the data itself must be (every manifest field, the
  sha256 pins, the registry, every record and span, the codebook) once, for
  every reader, before anything is written.
- :func:`canonical` renumbers a document's ids in text order, so a round trip
  that remaps ids deterministically compares equal.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..build import CorpusData, DocumentData, build, corpus_data, document_data, sha256_of
from ..errors import CorpusError, Problem, json_type, show
from ..kinds import DOC_ID, SEED_FILE
from ..records import renumber
from ..storage.files import MAX_FILE_BYTES, Unreadable, check_directory, parse_json, read_bytes
from ..storage.layout import Layout
from ..storage.writer import write_directory

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["EVENTS", "PLAIN_NAME", "CorpusData", "DocumentData", "FormatError", "canonical", "check_span",
           "corpus_data", "events_json", "locate", "parse_number", "pinned", "plain_name", "read_events",
           "read_registry", "read_source", "read_source_json", "source_directory", "write_corpus"]


class FormatError(CorpusError):
    """Input in another format that cannot become a corpus: each problem names the file, record and field."""


#: The sidecar of a format with no place of its own for the events a corpus declares: their records, a JSON
#: array, written only when the corpus declares its own (a corpus that declares none reads back as one).
EVENTS = "events.json"

#: What a doc_id (or each part of a seed_file) must be, since it names a file.
PLAIN_NAME = "a plain file name (letters, digits, '_', '.', '-'; no '..' or '/')"


def plain_name(value: object, pattern: str = DOC_ID) -> bool:
    """Whether ``value`` may name a file: a doc_id (or, with ``SEED_FILE``, a seed_file) that leads nowhere else."""
    return isinstance(value, str) and re.fullmatch(pattern, value) is not None


def check_span(file: str, doc_id: str, record: str, start: object, end: object, claimed: str | None,
               text: str, what: str = "span") -> Problem | None:
    """A problem if ``[start, end)`` is not a span of ``text`` whose characters are ``claimed`` (when given)."""
    # type(...) is int: JSON's true and false are Python ints, and no offset.
    if not (type(start) is int and type(end) is int) or not 0 <= start < end <= len(text):
        return Problem(file, record, what, f"offsets [{start!r}, {end!r})",
                       f"0 <= start < end <= {len(text)}, the length of the text of {doc_id}")
    if claimed is not None and text[start:end] != claimed:
        return Problem(file, record, what, f"{show(claimed)} at [{start}, {end})",
                       f"the text of {doc_id} there, {show(text[start:end])}; a shifted span is never stored")
    return None


def write_corpus(directory: str | Path, data: CorpusData, force: bool = False, what: str = "import") -> Path:
    """Write ``data`` as a corpus directory (seeds, manifest, registry, one annotation file per document).

    Checked first, in memory, by the one build step (:func:`corpus_kz.build.build`): a
    :class:`FormatError` names every problem where its part was read from, and nothing is written.
    The directory is then built aside and moved into place; a non-empty target needs ``force``.
    """
    _check_names(data)
    problems_or_raise(_unwritable(data))
    corpus, problems = build(data)
    if problems:
        raise FormatError(problems)
    return write_directory(directory, corpus, force=force, what=what, source=data.source)


def _check_names(data: CorpusData) -> None:
    """doc_id and seed_file name files: check them before anything is written.

    No '..', no absolute path; no seed_file that is a file the corpus directory
    itself holds (``seeds/manifest.json``), a folder of another seed_file, or
    the seed_file of a document with another text: each would overwrite a file
    the import writes, or fail half-way.
    """
    reserved = {rel.removeprefix(f"{Layout.SEEDS}/") for rel in (Layout.MANIFEST, Layout.SHA256SUMS,
                                                                  Layout.MANIFEST_SCHEMA, Layout.EVENTS,
                                                                  Layout.EVENTS_SCHEMA)}
    problems: list[Problem] = []
    doc_ids: set[str] = set()
    seeds: dict[str, tuple[str, str]] = {}  # seed_file -> (the doc_id that has it, its text)
    for n, doc in enumerate(data.documents, 1):
        where = _origin(doc, n)
        for name, pattern in (("doc_id", DOC_ID), ("seed_file", SEED_FILE)):
            value = doc.entry.get(name)
            if not plain_name(value, pattern):
                problems.append(Problem(where, None, name, show(value), PLAIN_NAME))
        key, seed = doc.entry.get("doc_id"), doc.entry.get("seed_file")
        if not isinstance(key, str):
            continue
        if key in doc_ids:
            problems.append(Problem(where, key, "doc_id", show(key), "a doc_id no other document has"))
        doc_ids.add(key)
        if not plain_name(seed, SEED_FILE):
            continue
        if seed in reserved:
            problems.append(Problem(where, key, "seed_file", show(seed), "a seed file name other than "
                                    + ", ".join(sorted(reserved)) + " (files of the corpus directory itself)"))
        elif seed in seeds and seeds[seed][1] != doc.text:
            problems.append(Problem(where, key, "seed_file", show(seed), f"a seed_file of its own: {seeds[seed][0]} "
                                    "has this seed_file with another text"))
        seeds.setdefault(seed, (key, doc.text))
    for seed, (key, _) in seeds.items():
        parts = seed.split("/")
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            if folder in seeds:
                problems.append(Problem(_origin(_by_id(data, key)), key, "seed_file", show(seed),
                                        f"a seed_file whose folder {folder!r} is not the seed_file of "
                                        f"{seeds[folder][0]}"))
    problems_or_raise(problems)


def _by_id(data: CorpusData, doc_id: str) -> DocumentData | None:
    return next((d for d in data.documents if d.entry.get("doc_id") == doc_id), None)


def _origin(doc: DocumentData | None, n: int | None = None) -> str:
    if doc is not None and doc.origin:
        return doc.origin
    return f"document #{n}" if n is not None else "the imported documents"


#: Deeper than any field of any record (a span inside an attribution is 2); a value nested far deeper would
#: only make writing and loading run out of stack.
_MAX_DEPTH = 32
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unwritable(data: CorpusData) -> list[Problem]:
    """Values a corpus file cannot hold, found before anything is written.

    A reader passes on what its format holds; a DocBin's msgpack and a JSON
    ``\\u`` escape can hold what JSON in UTF-8 cannot: bytes, keys that are
    not strings, NaN, lone surrogates, or nesting hundreds deep, each of which
    would otherwise fail half-way through writing.
    """
    problems = []

    def check(where: str, record: str | None, fld: str | None, value: object) -> None:
        stack = [(fld, value, 0)]
        while stack:
            name, v, depth = stack.pop()
            found = None
            if depth > _MAX_DEPTH:
                found = f"a value nested more than {_MAX_DEPTH} levels deep"
            elif v is None or isinstance(v, (bool, int)):
                continue
            elif isinstance(v, float):
                found = None if math.isfinite(v) else show(v)
            elif isinstance(v, str):
                m = _SURROGATE.search(v)
                found = None if m is None else f"a lone surrogate U+{ord(m.group()):04X} at {m.start()}"
            elif isinstance(v, (list, tuple)):
                stack.extend((name, x, depth + 1) for x in v)
                continue
            elif isinstance(v, dict):
                bad = next((k for k in v if not isinstance(k, str)), None)
                if bad is None:
                    stack.extend((k if name is None else f"{name}.{k}", x, depth + 1) for k, x in v.items())
                    continue
                found = f"the key {show(bad)}, which is not a string"
            else:
                found = f"{type(v).__name__} {show(v)}"
            if found is not None:
                problems.append(Problem(where, record, name, found, "a value JSON can hold in UTF-8 (strings, "
                                        "finite numbers, true, false, null, arrays, objects with string keys)"))
                return  # one problem per value

    for n, doc in enumerate(data.documents, 1):
        where = _origin(doc, n)
        doc_id = doc.entry.get("doc_id") if isinstance(doc.entry, dict) else None
        label = doc_id if isinstance(doc_id, str) else None
        check(where, label, "text", doc.text)
        check(where, label, None, doc.entry)
        for layer, records in doc.layers.items():
            for r in records if isinstance(records, list) else [records]:
                rid = r.get("id") if isinstance(r, dict) else None
                check(doc.origins.get(rid, where) if isinstance(rid, str) else where,
                      f"{label} {rid}" if isinstance(rid, str) else label, None if isinstance(r, dict) else layer, r)
    for i, entity in enumerate(data.entities):
        eid = entity.get("entity_id") if isinstance(entity, dict) else None
        check(data.origin or "the imported entity registry", eid if isinstance(eid, str) else f"entities[{i}]",
              None, entity)
    for i, event in enumerate(data.events if isinstance(data.events, list) else ()):
        eid = event.get("event_id") if isinstance(event, dict) else None
        check(data.events_origin or "the imported event declarations", eid if isinstance(eid, str) else f"#{i}",
              None, event)
    return problems


# -- reading a source -----------------------------------------------------------

def pinned(entry: object, text: str) -> bool:
    """Whether ``text`` is the text ``entry`` pins (its sha256): whether its spans can be checked against it.

    The pin itself is the build step's to check (:func:`corpus_kz.build.build`
    names a wrong one). A reader that checks spans in its own terms (brat's
    fragments, Label Studio's UTF-16 offsets, XMI's begin and end) checks
    them only against a pinned text: against an edited one every span fails,
    and one problem, the pin, says why.
    """
    return isinstance(entry, dict) and entry.get("sha256") == sha256_of(text)


def source_directory(source: str | Path, what: str) -> Path:
    """The directory ``source``, resolved; :class:`FormatError` naming it if it is missing or no directory."""
    try:
        return check_directory(source, what)
    except Unreadable as exc:
        raise FormatError([Problem(str(source), None, None, exc.found, exc.expected)]) from None


def locate(source: str | Path, default: str, what: str) -> tuple[Path, str]:
    """``(directory, file name)`` of a source that is a directory (holding ``default``) or one file in one.

    The directory is resolved: every file is then read through
    :func:`read_source`, inside it. A file given directly is read under its
    own name (a symlink leading out of its directory is refused like any other).
    """
    source = Path(source)
    if source.is_dir():
        return source_directory(source, what), default
    if not os.path.lexists(source):
        raise FormatError([Problem(str(source), None, None, "nothing there", what)])
    return source_directory(source.parent, what), source.name


def read_source(root: Path, name: str) -> bytes:
    """The bytes of ``root / name`` through the loader's guarded reading, or :class:`FormatError` naming the file.

    Inside ``root`` (symlinks resolved), a regular file (no FIFO, device or
    directory), at most 64 MiB.
    """
    try:
        return read_bytes(root, name, MAX_FILE_BYTES)
    except Unreadable as exc:
        raise FormatError([Problem(str(root / name), None, None, exc.found, exc.expected)]) from None


def read_source_json(root: Path, name: str):
    """Strict JSON from ``root / name`` (see :func:`read_source`; no repeated keys, NaN or BOM)."""
    raw = read_source(root, name)
    try:
        return parse_json(raw)
    except Unreadable as exc:
        raise FormatError([Problem(str(root / name), None, None, f"text that is not JSON as corpus_kz reads it "
                                   f"({exc.found})", exc.expected)]) from None


def read_registry(root: Path, name: str, key: str | None = None) -> list:
    """The entity registry a source carries: ``root / name`` as strict JSON, an array (or the array under ``key``).

    Only its shape is checked here, since nothing can be checked against a
    registry that is no array; each entity is the build step's to check.
    """
    value = read_source_json(root, name)
    file = str(root / name)
    if key is not None and not isinstance(value, dict):
        raise FormatError([Problem(file, None, None, json_type(value),
                                   f'an object {{"{key}": [the entity registry]}}')])
    entities = value.get(key) if key is not None else value
    if not isinstance(entities, list):
        raise FormatError([Problem(file, None, key, json_type(entities),
                                   "a JSON array of entities, as annotations/entities.json holds")])
    return entities


def read_events(root: Path, name: str, key: str | None = None) -> tuple[list | None, str | None]:
    """The events a source declares, and the file they were read from: ``(None, None)`` when it declares none.

    ``root / name`` is a JSON array of event records (:data:`EVENTS`), or,
    with ``key``, an object whose ``key`` holds one (a sidecar that holds
    more). No such file, or no such key, declares none. Only the shape is
    checked here; each event is the build step's to check.
    """
    if not os.path.lexists(root / name):
        return None, None
    value = read_source_json(root, name)
    file = str(root / name)
    if key is not None:
        if not isinstance(value, dict) or key not in value:
            return None, None
        value = value[key]
    if not isinstance(value, list):
        raise FormatError([Problem(file, None, key, json_type(value), "a JSON array of events, as seeds/events.json "
                                   "holds")])
    return value, file


def events_json(data: CorpusData) -> str | None:
    """The :data:`EVENTS` sidecar of ``data``, or None when the corpus declares no events of its own."""
    return None if data.events is None else json.dumps(data.events, ensure_ascii=False, indent=2) + "\n"


def parse_number(typed: object):
    """A JSON number from a string (a figure's value typed in a tool), or None if it is none.

    Strict: no NaN or Infinity, no integer of thousands of digits, no nesting
    deep enough to exhaust the stack; True and False are no numbers.
    """
    if not isinstance(typed, str):
        return None
    try:
        value = parse_json(typed.encode("utf-8", "surrogatepass"))
    except Unreadable:
        return None
    return value if type(value) is int or (type(value) is float and math.isfinite(value)) else None


def canonical(doc: Document | DocumentData) -> dict[str, list[dict]]:
    """A document's layers with ids renumbered in text order and references following, for comparison.

    Two annotations that differ only in their ids (a format that renumbers
    them deterministically) have the same canonical form.
    """
    layers = doc.layers if isinstance(doc, DocumentData) else document_data(doc).layers
    return renumber({layer: [dict(r) for r in records] for layer, records in layers.items()})


def problems_or_raise(problems: Iterable[Problem | None]) -> None:
    """Raise :class:`FormatError` with every problem found, if any."""
    found = [p for p in problems if p is not None]
    if found:
        raise FormatError(found)
