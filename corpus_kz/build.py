"""The one build step: decoded parts in, a checked :class:`~corpus_kz.Corpus` out, or every :class:`Problem`.

Every way a corpus is made goes through :func:`build`: the directory reader
(:mod:`corpus_kz.storage`), every importer (:mod:`corpus_kz.formats`), and
the pre-annotator's corpora (:mod:`corpus_kz.annotate`). The parts are

* a :class:`DocumentData` per document: its manifest entry and its layers in
  their file shape (what :func:`corpus_kz.records.to_dict` writes; records
  already built are taken as they are), and its text;
* the registry, as entity objects in file shape;
* the events the corpus declares, in file shape, or None when it declares
  none (:mod:`corpus_kz.events`).

Whatever comes in is checked the same way: every field against its kind,
every span against the text (half-open ``[start, end)``; ``text[start:end]``
is the span), every reference, every document's and figure's event against
the declared events, the manifest's sha256 pin of the text, unique doc_ids,
and, for annotated documents, the codebook's mechanical rules
(:mod:`corpus_kz.codebook`). A problem names where its part was read from
(:attr:`DocumentData.origin`, :attr:`DocumentData.origins`), so a source
checks in memory and never needs writing out to be checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import replace as _replace

TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Callable, Iterable

from .codebook import problems as codebook_problems
from .corpus import Corpus
from .document import Document, check_layers, file_entry, manifest_entry_errors, off_text
from .errors import CorpusError, Problem, json_type, record_name, show
from .events import Declared, decode_events
from .metadata import CorpusMetadata
from .records import LAYERS, Entity, from_dict, to_dict
from .registry import Registry

try:  # the interpreter's own SHA-256 (3.12+: _sha2, 3.11: _sha256): hashlib would first initialise OpenSSL
    from _sha2 import sha256 as _sha256
except ImportError:
    try:
        from _sha256 import sha256 as _sha256
    except ImportError:
        from hashlib import sha256 as _sha256

__all__ = ["Builder", "CorpusData", "DocumentData", "build", "build_document", "build_or_raise", "corpus_data",
           "decode_registry", "document_data", "record_name", "sha256_of"]


def sha256_of(text: str | bytes) -> str:
    """The sha256 (hex) of a text's UTF-8 bytes (or of bytes): what a manifest entry pins."""
    return _sha256(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class DocumentData:
    """One document as decoded parts: its manifest entry, its text and its layers (file shape or records).

    ``layers`` maps each layer to its records; a document without
    annotations has every layer empty. ``origin`` is where the manifest
    entry was read from, ``layers_origin`` where the records were (default:
    ``origin``), ``origins`` a record id's own place (a file and line);
    ``qualified`` names records with their doc_id first, for a source that
    holds many documents in one file.
    """

    entry: dict
    text: str
    layers: dict[str, list] = field(default_factory=lambda: {layer: [] for layer in LAYERS})
    origin: str | None = field(default=None, compare=False)
    origins: dict[str, str] = field(default_factory=dict, compare=False)
    layers_origin: str | None = field(default=None, compare=False)
    qualified: bool = field(default=True, compare=False)
    #: The text's sha256 when the source has it already (the reader hashed the seed's bytes): not hashed twice.
    digest: str | None = field(default=None, compare=False)

    def place(self, record: str | None, label: str = "the document") -> tuple[str, str | None]:
        """``(file, record)`` for a problem with one of this document's records (None: the document)."""
        doc_id = self.entry.get("doc_id") if isinstance(self.entry, dict) else None
        doc_id = doc_id if isinstance(doc_id, str) else None
        where = self.origin or label
        if record is None:
            return self.layers_origin or where, doc_id if self.qualified else None
        file = self.origins.get(record) or self.layers_origin or where
        return file, f"{doc_id} {record}" if self.qualified and doc_id else record


@dataclass
class CorpusData:
    """A corpus as decoded parts: its documents, its entity registry and its events (file shape, or records).

    ``entities`` is None when the registry could not be read at all (that
    problem is the source's to report); ``origin`` is where it was read
    from, ``source`` the directory read (an import never writes over it).
    ``events`` is None when the corpus declares none (a source that carries
    no declarations), ``events_origin`` where they were read from.
    """

    documents: list[DocumentData]
    entities: list | None
    origin: str | None = field(default=None, compare=False)
    source: Path | None = field(default=None, compare=False)
    events: list | None = None
    events_origin: str | None = field(default=None, compare=False)


def document_data(doc: Document) -> DocumentData:
    """A document as its parts, the inverse of the build: manifest entry and layers in file shape, and its text."""
    return DocumentData(file_entry(doc.metadata()), doc.text, {layer: [to_dict(r) for r in getattr(doc, layer)]
                                                               for layer in LAYERS})


def corpus_data(corpus: Corpus) -> CorpusData:
    """Every document, the registry and the declared events as parts, in corpus order (what a format writes from)."""
    events = corpus.metadata.events
    return CorpusData([document_data(d) for d in corpus], [to_dict(e) for e in corpus.registry.values()],
                      events=None if events is None else [to_dict(e) for e in events])


def decode_registry(raws: Iterable, origin: str | None) -> tuple[Registry, set[str], list[Problem]]:
    """The registry from entities in file shape: the entities, the ids of broken ones, and the problems."""
    file = origin or "the entity registry"
    problems: list[Problem] = []
    if not isinstance(raws, (list, tuple)):
        return Registry(), set(), [Problem(file, None, None, json_type(raws), "an array of entity records")]
    out: dict[str, Entity] = {}
    names: dict[str, str] = {}
    broken: set[str] = set()
    for i, raw in enumerate(raws):
        if isinstance(raw, Entity):
            e, errors, rid = raw, [], raw.entity_id
        else:
            rid = record_name(raw, "entity_id", f"#{i}")
            e, errors = from_dict(Entity, raw)
        problems += [Problem(file, rid, err.field, show(err.found), err.expected) for err in errors]
        if e is None:
            broken.add(rid)
        elif e.entity_id in out:
            problems.append(Problem(file, e.entity_id, "entity_id", f"duplicate id {e.entity_id!r}", "unique entity ids"))
        else:
            out[e.entity_id] = e
            other = names.setdefault(e.name, e.entity_id)
            if other != e.entity_id:
                problems.append(Problem(file, e.entity_id, "name", f"{e.name!r}, the name of {other}",
                                        f"one entity per name: {other} and {e.entity_id} are one entity (merge "
                                        "them) or two that their names must tell apart"))
    return Registry(out), broken, problems


def _decode_layers(doc: DocumentData, label: str, problems: list[Problem]) -> dict[str, tuple] | None:
    """Each layer's records built from their file shape; None when any is broken (each reported)."""
    before = len(problems)
    layers = {}
    for layer, cls in LAYERS.items():
        raws = doc.layers.get(layer, ())
        if not isinstance(raws, (list, tuple)):
            problems.append(Problem(*doc.place(None, label), layer, json_type(raws), f"an array of {layer} records"))
            continue
        out = []
        for i, raw in enumerate(raws):
            if type(raw) is cls:
                out.append(raw)
                continue
            record, errors = from_dict(cls, raw)
            if errors:
                file, rid = doc.place(record_name(raw, "id", f"{layer}[{i}]"), label)
                problems += [Problem(file, rid, err.field, show(err.found), err.expected) for err in errors]
            if record is not None:
                out.append(record)
        layers[layer] = tuple(out)
    return None if len(problems) > before else layers


def _pin(doc: DocumentData, meta: dict, label: str) -> Problem | None:
    """The manifest's sha256 must be the text's: a text edited after annotation shifts every offset."""
    digest = doc.digest or sha256_of(doc.text)
    if meta["sha256"] == digest:
        return None
    return Problem(doc.origin or label, meta["doc_id"], "sha256",
                   f"{meta['sha256']} (the text hashes to {digest})",
                   "the sha256 of the verbatim text; a text is never edited after annotation")


def _nul(doc: DocumentData, meta: dict, label: str) -> Problem | None:
    """A text is verbatim, whatever characters it holds, but for NUL: it is in no news text, and UTF-16 read as
    UTF-8 has one after every ASCII letter."""
    at = doc.text.find("\x00")
    if at < 0:
        return None
    return Problem(doc.origin or label, meta["doc_id"], "text", f"a text with U+0000 NULL at character {at}",
                   "a text without NUL characters: a binary file, or UTF-16 text? Save it as UTF-8")


class Builder:
    """One build: the registry decoded once, then documents one at a time, every problem collected.

    :func:`build` runs it over parts held in memory; the directory reader
    runs it while it reads, so that an entry is checked before its files are
    opened. ``entities`` None means the registry could not be read (already
    reported by the source, so nothing is said of it here). ``events`` are the
    declared events as read from ``events_origin`` (whatever the file holds,
    JSON null included); neither given, the corpus declares none.
    ``events_readable`` False means they could not be read (reported by the
    source), and no event is checked. With ``sink``, each document is handed
    to it once built instead of kept, and the corpus returned holds the
    registry and no document.
    """

    def __init__(self, entities: Iterable | None, origin: str | None = None, *, rules: bool = True,
                 readable: bool = True, events: Iterable | None = None, events_origin: str | None = None,
                 events_readable: bool = True, sink: Callable[[Document], None] | None = None):
        self.problems: list[Problem] = []
        self.rules, self.sink = rules, sink
        if not readable:
            self.registry, self.broken = None, set()
        else:
            self.registry, self.broken, found = decode_registry(entities, origin)
            self.problems += found
        #: What the corpus declares (None: nothing, so the bundled corpus's), and what its events are checked against.
        self.events = None
        self.declared: Declared | None = Declared(None) if events_readable else None
        if events_readable and (events is not None or events_origin is not None):
            self.events, found = decode_events(events, events_origin or "the event declarations")
            self.problems += found
            # Broken declarations are reported once; checking every document against them would say it again.
            self.declared = None if found else Declared(self.events, events_origin)
        self.documents: list[Document] = []
        self.seen: dict[str, str] = {}  # doc_id -> how the document that has it is named
        self.texts: dict[str, str] = {}  # a text's sha256 pin -> the doc_id that has it first

    def entry(self, raw: object, file: str, label: str) -> dict | None:
        """A manifest entry decoded and checked (its doc_id unique so far), or None with its problems added."""
        kwargs, errors = manifest_entry_errors(raw)
        rid = record_name(raw, "doc_id", label)
        self.problems += [Problem(file, rid, e.field, show(e.found), e.expected) for e in errors]
        if errors:
            return None
        doc_id = kwargs["doc_id"]
        if self.declared is not None:  # reported, and the document still read: its own faults are found too
            undeclared = self.declared.problem(file, rid, "event", kwargs["event"])
            if undeclared is not None:
                self.problems.append(undeclared)
        if doc_id in self.seen:
            self.problems.append(Problem(file, doc_id, "doc_id", f"duplicate id {doc_id!r}",
                                         f"unique doc_ids ({self.seen[doc_id]} has it too)"))
            return None
        self.seen[doc_id] = label
        # The same text twice would be counted twice by every analysis; the pin is checked against the text later.
        other = self.texts.setdefault(kwargs["sha256"], doc_id)
        if other != doc_id:
            self.problems.append(Problem(file, doc_id, "sha256", f"the sha256 of the text of {other}",
                                         f"one document per text: {other} and {doc_id} hold the same text; "
                                         "drop one"))
        return kwargs

    def document(self, doc: DocumentData, meta: dict, label: str = "the document") -> Document | None:
        """The checked document of ``doc`` (its entry decoded by :meth:`entry`), kept for :meth:`corpus`."""
        if not isinstance(doc.text, str):
            self.problems.append(Problem(doc.origin or label, meta["doc_id"], "text", json_type(doc.text),
                                         "the document's text, a string"))
            return None
        built = build_document(doc, self.registry, self.problems, label=label, broken=self.broken,
                               rules=self.rules, meta=meta, declared=self.declared)
        if built is not None:
            if self.sink is None:
                self.documents.append(built)
            else:  # handed on as built (a store writes it): memory holds one document, not the corpus
                self.sink(built)
        return built

    def corpus(self, path: Path | None = None, metadata: CorpusMetadata | None = None
               ) -> tuple[Corpus | None, list[Problem]]:
        """The corpus of every document built, with the events it declares, or None with every problem found."""
        if self.problems or self.registry is None:  # an unreadable registry was reported by the source
            return None, self.problems
        metadata = _replace(metadata if metadata is not None else CorpusMetadata(), events=self.events)
        return Corpus(self.documents, self.registry, path, metadata), self.problems


def build_document(doc: DocumentData, registry: Registry | None, problems: list[Problem], *,
                   label: str = "the document", broken: set[str] = frozenset(), rules: bool = True,
                   meta: dict | None = None, declared: Declared | None = None) -> Document | None:
    """One checked :class:`Document` from its parts, or None with every problem added to ``problems``.

    ``registry`` None means the registry could not be read (references are
    then not checked); ``broken`` names entries that could not be read.
    ``rules`` applies the codebook's mechanical rules to an annotated
    document (an annotation pass is not held to them). ``meta``: the entry
    already decoded (:meth:`Builder.entry`, which checks its event); ``label``
    names the document where it has no origin. ``declared``: the events the
    document and its figures may name (None: not checked).
    """
    if meta is None:
        kwargs, errors = manifest_entry_errors(doc.entry)
        rid = record_name(doc.entry, "doc_id", label)
        problems += [Problem(doc.origin or label, rid, e.field, show(e.found), e.expected) for e in errors]
        if errors:
            return None
        meta = kwargs
        undeclared = None if declared is None else declared.problem(doc.origin or label, rid, "event", meta["event"])
        if undeclared is not None:
            problems.append(undeclared)
    pin = _pin(doc, meta, label) or _nul(doc, meta, label)
    pin_at = len(problems)
    if pin is not None:
        problems.append(pin)
    # A wrong pin does not stop the checks: the spans then show what the change broke (folded into the pin).
    layers = _decode_layers(doc, label, problems)
    if layers is None:
        return None
    events = [] if declared is None else [p for f in layers["figures"]
                                          if (p := declared.problem(*doc.place(f.id, label), "event", f.event))]
    problems += events
    if registry is None or broken:
        # The registry's faults are reported once; check the rest without them.
        found = check_layers(doc.text, layers, registry, "", broken)
        problems += [_placed(doc, p, label) for p in _fold(problems, pin_at, pin, found, layers)]
        return None
    try:
        built = Document(text=doc.text, registry=registry, **meta, **layers)
    except CorpusError as exc:
        problems += [_placed(doc, p, label) for p in _fold(problems, pin_at, pin, exc.problems, layers)]
        return None
    found = codebook_problems(built, "") if rules and built.annotated else []
    problems += [_placed(doc, p, label) for p in found]
    return None if found or events or pin is not None else built


def _fold(problems: list[Problem], pin_at: int, pin: Problem | None, found: list[Problem],
          layers: dict[str, tuple]) -> list[Problem]:
    """``found`` without the spans a changed text moved: the pin's problem at ``problems[pin_at]`` counts them.

    One changed character shifts every record after it; that is one fault, said once, with what it breaks.
    """
    if pin is None or pin.field != "sha256":
        return found
    moved = list(dict.fromkeys(p.record for p in found if off_text(p)))
    if not moved:
        return found
    total = sum(len(records) for records in layers.values())
    shown = ", ".join(map(str, moved[:5])) + (", ..." if len(moved) > 5 else "")
    verb = "matches" if len(moved) == 1 else "match"
    problems[pin_at] = _replace(pin, expected=f"{pin.expected}: the change invalidates {pin.record}, where "
                                f"{len(moved)} of its {total} records no longer {verb} the text ({shown})")
    return [p for p in found if not off_text(p)]


def _placed(doc: DocumentData, p: Problem, label: str) -> Problem:
    file, record = doc.place(p.record, label)
    return _replace(p, file=file, record=record)


def build(data: CorpusData, *, path: Path | None = None, metadata: CorpusMetadata | None = None,
          rules: bool = True) -> tuple[Corpus | None, list[Problem]]:
    """A checked :class:`Corpus` from its parts, and every problem found (the corpus is None if there is any).

    Never raises on bad data. ``path`` is where the corpus was read from (if
    anywhere) and ``metadata`` what it says about itself; ``rules`` as for
    :func:`build_document`.
    """
    builder = Builder(data.entities, data.origin, rules=rules, readable=data.entities is not None,
                      events=data.events, events_origin=data.events_origin)
    for n, doc in enumerate(data.documents, 1):
        label = f"document #{n}"
        meta = builder.entry(doc.entry, doc.origin or label, label)
        if meta is not None:
            builder.document(doc, meta, label)
    return builder.corpus(path, metadata)


def build_or_raise(data: CorpusData, **kwargs) -> Corpus:
    """:func:`build`, raising :class:`~corpus_kz.errors.CorpusError` with every problem."""
    corpus, problems = build(data, **kwargs)
    if problems:
        raise CorpusError(problems)
    return corpus
