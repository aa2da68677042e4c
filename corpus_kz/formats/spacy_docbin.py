"""spaCy DocBin: one ``Doc`` per document on ``spacy.blank("en")``, every record kept exactly in its extensions.

The export directory holds ``corpus.spacy`` (a ``DocBin`` written with
``store_user_data=True``), ``entities.json`` (the registry, which a DocBin
has no place for), ``events.json`` (the events the corpus declares, when it
declares its own), ``expanded.tsv`` (the spans widened to token boundaries)
and the export marker. Load it with::

    import spacy
    from spacy.tokens import DocBin
    from corpus_kz.formats.spacy_docbin import register_extensions

    register_extensions()
    docs = list(DocBin().from_disk("DIR/corpus.spacy").get_docs(spacy.blank("en").vocab))

Mapping, per document:

- ``doc.text`` is the seed text (spaCy's tokenizer never changes text);
  ``doc._.kz_entry`` is the manifest entry (doc_id, seed_file, outlet, title,
  published, event, genre, language, sha256, notes).
- ``doc._.kz_layers`` holds every layer's records in their file shape, as in
  ``annotations/docs/<doc_id>.json``: exact character offsets, every
  attribute, and the relations by id (an attribution's ``quote_id``, a
  figure's ``source``, a frame's ``holder``). This is the authority;
  :func:`read` rebuilds the corpus from it, and the build step checks every
  span against ``doc.text``.
- ``doc.spans[layer]`` for zones, mentions, quotes, figures and frames, and
  ``doc.spans["cues"]`` / ``doc.spans["sources"]`` for the attributions' cue
  and source spans. Each span's ``id_`` is its record's id (a cue's or
  source's is its attribution's), ``span._.kz_record`` is that record, and
  ``label_`` is the layer's main value: zone, entity label, quote type,
  figure quantity, frame, or the attribution's act; ``kb_id_`` is a
  mention's ``entity_id`` and a source's ``speaker_id``.
- ``doc.ents`` holds the mentions that do not overlap a longer one (spaCy's
  ``filter_spans``); ``doc.spans["mentions"]`` holds them all.

spaCy spans are whole tokens. A record whose offsets do not fall on token
boundaries ("Kazakh" in "Kazakhstani") is widened to the tokens that hold its
first and last characters (``doc.char_span(alignment_mode="expand")``). Its
exact offsets stay in ``doc._.kz_layers``; ``expanded.tsv`` lists each
widened span and the export's ``NOTES.txt`` says how many there were.
On the bundled corpus every span falls on token boundaries.
"""

from __future__ import annotations

import json
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..dependencies import require
from ..errors import Problem, show
from ..progress import track
from ..records import LAYERS, SPAN_LAYERS
from ..storage.files import MAX_FILE_BYTES
from ..storage.outputs import publish
from ..writing import write_bytes, write_text
from .base import (EVENTS, CorpusData, DocumentData, FormatError, corpus_data, events_json, locate, problems_or_raise,
                   read_events, read_registry, read_source)
from .conll import tsv

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..corpus import Corpus

__all__ = ["EXPANDED", "FILE", "NOTES", "REGISTRY", "export", "read", "register_extensions"]

#: The DocBin, the registry sidecar and the list of spans widened to token boundaries.
FILE = "corpus.spacy"
REGISTRY = "entities.json"
EXPANDED = "expanded.tsv"

#: The field of each span layer that becomes the span's ``label_``.
LABELS = {"zones": "zone", "mentions": "label", "quotes": "type", "figures": "quantity", "frames": "frame"}

#: The span groups of an attribution's cue and source (named after the attribution fields).
PARTS = {"cue": "cues", "source": "sources"}

#: Every span group: (group, the layer of its records, the attribution field it shows or None).
GROUPS = (*((layer, layer, None) for layer in SPAN_LAYERS), *((g, "attributions", p) for p, g in PARTS.items()))

#: What the CLI prints after an export, before the export's own ``NOTES.txt`` (its counts).
NOTES: tuple[str, ...] = (
    "spaCy: every record, with its exact offsets, attributes and relations by id, is in doc._.kz_layers and the "
    "manifest entry in doc._.kz_entry (both in doc.user_data); call "
    "corpus_kz.formats.spacy_docbin.register_extensions() before reading them",
    "spaCy: doc.spans has one group per layer (zones, mentions, quotes, figures, frames) and the attributions' "
    "cues and sources; a span's id_ is its record's id and span._.kz_record the record",
    f"spaCy: the entity registry, which a DocBin cannot hold, is in the sidecar {REGISTRY}; the events the corpus "
    f"declares, when it declares its own, in the sidecar {EVENTS}",
)


@cache
def _english():
    """``spacy.blank("en")``, made once (it takes a fifth of a second; exports and reads share its tokenizer)."""
    return require("spacy", "spacy", "the spaCy format").blank("en")


def register_extensions() -> None:
    """Declare the ``Doc`` and ``Span`` extensions this format uses (needed before reading ``doc._.kz_*``)."""
    tokens = require("spacy.tokens", "spacy", "the spaCy format")
    tokens.Doc.set_extension("kz_entry", default=None, force=True)
    tokens.Doc.set_extension("kz_layers", default=None, force=True)
    tokens.Span.set_extension("kz_record", getter=_record_of, force=True)


def _record_of(span: Span) -> dict | None:
    # A getter, not a stored value: span extensions are stored keyed by character offsets, so two records
    # with the same offsets (a quote that is also a frame, two widened spans) would share one value.
    layers = span.doc._.kz_layers or {}
    return next((r for records in layers.values() for r in records if r.get("id") == span.id_), None)


# -- export ----------------------------------------------------------------------

class _Aligner:
    """Token spans for character ranges of one Doc, widened to whole tokens where spaCy's tokens do not split."""

    def __init__(self, doc: Doc, doc_id: str, expanded: list[list]):
        self.doc, self.doc_id, self.expanded = doc, doc_id, expanded

    def __call__(self, group: str, record_id: str, start: int, end: int, label: str, kb_id: str = "") -> Span:
        # "expand" takes the tokens holding the first and the last character; a span never starts or ends
        # with white space (the loader refuses it), so those are never a token's trailing space.
        span = self.doc.char_span(start, end, label=label, kb_id=kb_id, span_id=record_id, alignment_mode="expand")
        if (span.start_char, span.end_char) != (start, end):
            self.expanded.append([self.doc_id, group, record_id, start, end, span.start_char, span.end_char,
                                  self.doc.text[start:end]])
        return span


def _doc(spacy, nlp, data: DocumentData, expanded: list[list]) -> tuple[Doc, int]:
    """A Doc for one document, and how many of its mentions are left out of ``doc.ents`` (they overlap)."""
    doc = nlp.make_doc(data.text)
    doc._.kz_entry = data.entry
    doc._.kz_layers = data.layers
    align = _Aligner(doc, data.entry["doc_id"], expanded)
    for layer in SPAN_LAYERS:
        doc.spans[layer] = [align(layer, r["id"], r["start"], r["end"], r[LABELS[layer]], r.get("entity_id", ""))
                            for r in data.layers[layer]]
    for part, group in PARTS.items():
        doc.spans[group] = [align(group, a["id"], a[part]["start"], a[part]["end"], a["act"],
                                  (a["speaker_id"] or "") if part == "source" else "")
                            for a in data.layers["attributions"] if a[part] is not None]
    doc.ents = spacy.util.filter_spans(doc.spans["mentions"])
    return doc, len(doc.spans["mentions"]) - len(doc.ents)


def export(directory: str | Path, corpus: Corpus, *, force: bool = False, progress: bool = True) -> Path:
    """Write the corpus as a spaCy DocBin with its registry into ``directory`` (built aside, moved in whole)."""
    spacy = require("spacy", "spacy", "the spaCy format")
    register_extensions()
    data = corpus_data(corpus)
    nlp = _english()
    expanded: list[list] = []
    counts = {"spans": 0, "mentions": 0, "outside ents": 0}

    def write(tmp: Path) -> None:
        docbin = spacy.tokens.DocBin(store_user_data=True)
        for d in track(data.documents, "spaCy", disable=not progress):
            doc, outside = _doc(spacy, nlp, d, expanded)
            docbin.add(doc)
            counts["spans"] += sum(len(group) for group in doc.spans.values())
            counts["mentions"] += len(doc.spans["mentions"])
            counts["outside ents"] += outside
        write_bytes(tmp / FILE, docbin.to_bytes())
        write_text(tmp / REGISTRY, json.dumps(data.entities, ensure_ascii=False, indent=2) + "\n")
        if (events := events_json(data)) is not None:
            write_text(tmp / EVENTS, events)
        write_text(tmp / EXPANDED, tsv(["doc_id", "group", "id", "start", "end", "token_start", "token_end",
                                         "text"], expanded))
        write_text(tmp / "NOTES.txt",
                   f"spaCy: {len(expanded)} of {counts['spans']} spans did not fall on token boundaries and were "
                   f"widened to whole tokens in doc.spans and doc.ents ({EXPANDED} lists them; their exact offsets "
                   "are in doc._.kz_layers)\n"
                   f"spaCy: {counts['outside ents']} of {counts['mentions']} mentions overlap a longer one and are "
                   "only in doc.spans['mentions'], not in doc.ents\n")

    return publish(directory, write, kind="spacy", corpus_path=corpus.path, force=force, what="export")


# -- read --------------------------------------------------------------------------

def _plain(value: object) -> object:
    """A value as JSON gives it: msgpack hands lists back as tuples."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _inflated(raw: bytes, where: str) -> None:
    """Refuse a DocBin that would inflate past the loader's file limit: spaCy inflates it whole, unbounded.

    A DocBin is zlib-compressed msgpack; zlib compresses a run of one byte a
    thousandfold, so 64 MiB on disk could be 64 GiB in memory.
    """


    inflate = zlib.decompressobj()
    try:
        inflate.decompress(raw, MAX_FILE_BYTES + 1)
    except zlib.error:
        return  # not zlib at all: spaCy's own reading says it is no DocBin
    if inflate.unconsumed_tail:
        raise FormatError([Problem(where, None, None, f"a DocBin that inflates to more than {MAX_FILE_BYTES:,} bytes",
                                   f"at most {MAX_FILE_BYTES:,} bytes of DocBin data (a DocBin of the whole bundled "
                                   "corpus inflates to about 1 MB)")])


def _read_docs(spacy, source: Path, name: str) -> list[Doc]:
    where = str(source / name)
    raw = read_source(source, name)
    _inflated(raw, where)
    try:
        docs = list(spacy.tokens.DocBin().from_bytes(raw).get_docs(_english().vocab))
        for doc in docs:  # span groups are rebuilt lazily: a damaged one must fail here, not later
            for group in doc.spans.values():
                for span in group:
                    span.id_  # noqa: B018
    except Exception as exc:  # spaCy, zlib and msgpack each raise their own kinds on a damaged file
        detail = type(exc).__name__ + (f": {show(str(exc))}" if str(exc) else "")
        raise FormatError([Problem(where, None, None, f"bytes that are not a DocBin ({detail})",
                                   "a spaCy DocBin written by corpus-kz export spacy")]) from None
    return docs


def _document(doc: Doc, where: str, n: int, problems: list[Problem]) -> DocumentData | None:
    """One document from its Doc (what its extensions hold); its problems are added to ``problems``.

    The entry, the records and their spans are the build step's to check; here, that the Doc holds them and
    that its span groups agree with them.
    """
    try:
        entry, layers = _plain(doc._.kz_entry), _plain(doc._.kz_layers)
    except RecursionError:
        problems.append(Problem(where, f"Doc {n}", "doc.user_data", "values nested too deeply to read",
                                "the manifest entry and the records, a few levels deep"))
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("doc_id"), str):
        problems.append(Problem(where, f"Doc {n}", "doc._.kz_entry", show(entry),
                                "the document's manifest entry, with its doc_id"))
        return None
    doc_id = entry["doc_id"]
    if not isinstance(layers, dict) or not set(layers) <= set(LAYERS):
        problems.append(Problem(where, doc_id, "doc._.kz_layers", show(layers),
                                "an object of record lists keyed by " + ", ".join(LAYERS)))
        return None
    # A Doc joins its tokens on every .text: once.
    data = DocumentData(entry, doc.text, origin=f"{where} (Doc {n})")
    for layer in LAYERS:
        records = layers.get(layer, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            problems.append(Problem(where, doc_id, f"doc._.kz_layers[{layer!r}]", show(records),
                                    "a list of record objects"))
            continue
        data.layers[layer] = records
    # A span group edited without its records (or the other way round) would otherwise be ignored silently.
    for group, layer, part in GROUPS:
        found = sorted(s.id_ for s in doc.spans.get(group, []))
        expected = sorted(str(r.get("id")) for r in data.layers[layer] if part is None or r.get(part) is not None)
        if found != expected:
            problems.append(Problem(where, doc_id, f"doc.spans[{group!r}]", f"spans with ids {show(found)}",
                                    f"one span per record of doc._.kz_layers[{layer!r}]: {show(expected)}"))
    return data


def read(source: str | Path) -> CorpusData:
    """Read an export back (its directory, or its ``corpus.spacy``): lossless; the build step checks every record."""
    spacy = require("spacy", "spacy", "the spaCy format")
    register_extensions()
    source, name = locate(source, FILE, "a spaCy export directory or its corpus.spacy")
    entities = read_registry(source, REGISTRY)
    events, events_file = read_events(source, EVENTS)
    problems: list[Problem] = []
    documents = [_document(doc, str(source / name), n, problems)
                 for n, doc in enumerate(_read_docs(spacy, source, name), 1)]
    problems_or_raise(problems)
    return CorpusData([d for d in documents if d is not None], entities, origin=str(source / REGISTRY), source=source,
                      events=events, events_origin=events_file)
