"""UIMA CAS XMI for INCEpTION, written and read with dkpro-cassis; lossless both ways.

An export holds one ``<doc_id>.xmi`` per document, one ``TypeSystem.xml``
that declares every type they use, the sidecar ``entities.json`` and, when
the corpus declares its own events, the sidecar ``events.json``.

- The text is the CAS's sofa (``text/plain``). Offsets in the ``.xmi`` files
  count UTF-16 code units, as UIMA (Java) and INCEpTION do; cassis turns them
  into Python string offsets on reading and back on writing, so an emoji
  outside the Basic Multilingual Plane is 2 in the file and 1 in corpus_kz.
- Each span layer is an annotation type under ``webanno.custom.`` (the
  namespace of INCEpTION's custom layers): ``Zone``, ``Mention``, ``Quote``,
  ``Figure``, ``Frame``. Every record field is a String feature of the same
  name (``id``, ``zone``, ``entity_id``, ``label``, ``form``, ``number``,
  ``qualifier``, …; ``start``/``end`` are the annotation's begin/end), with
  two exceptions: the quote's ``type`` is ``quote_type`` (``type`` is reserved
  in UIMA and cassis) and a figure's ``value`` is its JSON number as a string
  (``"12.0"``), since INCEpTION's Float is 32-bit and would round large
  counts. The feature ``text`` keeps the covered text, so that a shifted
  offset is caught on import; an annotation without it (one added in
  INCEpTION) takes the text it covers.
- A predicted record's ``origin`` and ``confidence`` (a JSON number as a
  string, like ``value``) are features too; a gold record leaves them unset,
  as its file leaves them out, and an annotation without them (one added in
  INCEpTION) is gold.
- An attribution has no span of its own: it is a ``webanno.custom.Attribution``
  annotation over its quote's span, whose feature ``quote`` points at the
  ``Quote`` annotation and whose ``cue`` and ``source`` point at ``Cue`` and
  ``Source`` annotations (or are absent when null); ``id``, ``act``,
  ``speaker_id`` and ``speaker_role`` are String features. Its own begin/end
  are not read back. ``figure.source`` and ``frame.holder`` stay strings
  ("author", an attribution id or an entity id).
- The manifest entry is one ``webanno.custom.CorpusKzDocument`` feature
  structure (every field; ``notes`` a StringArray; plus ``position``, the
  document's place in the corpus, which fixes the order on import). A
  ``de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData`` over
  the whole text gives INCEpTION the doc_id, title and language; it is
  written for INCEpTION and not read back.
- The entity registry, for which a CAS has no place, is ``entities.json``
  (the file shape of ``annotations/entities.json``).

:func:`read` takes the export directory (or one ``.xmi`` file beside its
``TypeSystem.xml`` and ``entities.json``), checks every span, cue and source
against the sofa with :func:`~corpus_kz.formats.base.check_span` and every
record against its type, and raises one :class:`FormatError` listing every
problem by file, record and field (offsets in the problems are Python string
offsets, as corpus_kz counts them). The manifest entry, the sha256 pin and
the registry are the build step's to check
(:func:`~corpus_kz.formats.base.write_corpus`); the annotations of a sofa that
is not the text its entry pins are not read, since the build step refuses it.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from xml.parsers import expat

from ..dependencies import require
from ..document import MANIFEST_FIELDS, Document
from ..errors import Problem, show
from ..kinds import Number, Reference, SpanOf, Strings, field_kinds, file_defaults
from ..progress import track
from ..records import LAYERS, SPAN_LAYERS, Attribution, from_dict
from ..storage.outputs import publish
from ..storage.standoff import dumps
from ..writing import write_text
from .base import (EVENTS, CorpusData, DocumentData, FormatError, check_span, corpus_data, events_json, locate,
                   parse_number, pinned, problems_or_raise, read_events, read_registry, read_source)

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["DOCUMENT_METADATA", "ENTITIES", "METADATA", "NAMESPACE", "NOTES", "PARTS", "TYPES", "TYPESYSTEM",
           "export", "read", "typesystem"]

#: INCEpTION names the types of its custom layers ``webanno.custom.<Layer>``.
NAMESPACE = "webanno.custom."
TYPESYSTEM = "TypeSystem.xml"
ENTITIES = "entities.json"
#: The DKPro Core type INCEpTION reads a document's id, title and language from.
DOCUMENT_METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
#: The manifest entry, every field.
METADATA = NAMESPACE + "CorpusKzDocument"
POSITION = "position"

#: Layer -> its annotation type.
TYPES: dict[str, str] = {layer: NAMESPACE + cls.__name__ for layer, cls in LAYERS.items()}
#: An attribution's nested spans (cue, source) -> their annotation types.
PARTS: dict[str, str] = {name: NAMESPACE + name.capitalize() for name, kind in field_kinds(Attribution)
                         if isinstance(kind, SpanOf)}
#: Record fields whose feature has another name: ``type`` is reserved in UIMA and cassis; a quote id becomes
#: a reference to the Quote annotation.
RENAMED = {"type": "quote_type", "quote_id": "quote"}

NOTES = (
    "begin/end in the .xmi files count UTF-16 code units, as UIMA and INCEpTION do; cassis converts them to "
    "and from Python string offsets",
    "attributions are webanno.custom.Attribution annotations over their quote's span, with features quote, cue "
    "and source pointing at Quote, Cue and Source annotations; their own begin/end are not read back",
    "every annotation carries its record id (feature id) and covered text (feature text), checked on import; "
    "the quote's type is the feature quote_type; a figure's value is a string holding the JSON number "
    "(INCEpTION's Float is 32-bit)",
    "the manifest entry is a webanno.custom.CorpusKzDocument feature structure with the document's position "
    "in the corpus; DocumentMetaData (doc_id, title, language) is written for INCEpTION and not read back",
    f"the entity registry, which a CAS cannot hold, is the sidecar {ENTITIES}; the events the corpus declares, "
    f"when it declares its own, the sidecar {EVENTS}",
)

_STRING, _STRINGS = "uima.cas.String", "uima.cas.StringArray"
#: What XML 1.0 cannot hold at all, escaped or not (a CAS written by cassis is XML 1.0).
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _cassis():
    return require("cassis", "xmi", "the XMI format")


def _features(cls: type) -> list[tuple[str, str, object]]:
    """``(field, feature, kind)`` of a record type: every field but the offsets, which are begin and end."""
    return [(name, RENAMED.get(name, name), kind) for name, kind in field_kinds(cls) if name not in ("start", "end")]


def _manifest_kinds() -> list[tuple[str, object]]:
    return [(name, kind) for name, kind in field_kinds(Document) if name in MANIFEST_FIELDS]


def typesystem():
    """The type system of an export (a :class:`cassis.TypeSystem`), as written to ``TypeSystem.xml``."""
    cassis = _cassis()
    ts = cassis.TypeSystem()
    dmd = ts.create_type(DOCUMENT_METADATA, "uima.tcas.DocumentAnnotation", "DKPro Core document metadata")
    for name in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
        ts.create_feature(dmd, name, _STRING)
    ts.create_feature(dmd, "isLastSegment", "uima.cas.Boolean")

    meta = ts.create_type(METADATA, "uima.cas.TOP", "corpus_kz: the document's manifest entry")
    for name, kind in _manifest_kinds():
        ts.create_feature(meta, name, _STRINGS if isinstance(kind, Strings) else _STRING, description=kind.expected())
    ts.create_feature(meta, POSITION, "uima.cas.Integer", description="the document's place in the corpus, from 0")

    for name, type_name in PARTS.items():
        part = ts.create_type(type_name, description=f"corpus_kz: an attribution's {name}")
        ts.create_feature(part, "text", _STRING, description="the covered text")
    for layer, cls in LAYERS.items():
        t = ts.create_type(TYPES[layer], description="corpus_kz: " + cls.__doc__.split("\n")[0])
        for field, feature, kind in _features(cls):
            if isinstance(kind, SpanOf):
                ts.create_feature(t, feature, PARTS[field], description=f"the {PARTS[field]} annotation, or none")
            elif isinstance(kind, Reference) and kind.target == "quote":
                ts.create_feature(t, feature, TYPES["quotes"], description="the Quote annotation")
            elif isinstance(kind, Number):
                ts.create_feature(t, feature, _STRING, description=f"{kind.describe()}, as a JSON number (12.0, "
                                  "exact)" + (", or none" if kind.nullable else ""))
            else:
                ts.create_feature(t, feature, _STRING, description=kind.expected())
    return ts


# -- export ----------------------------------------------------------------------

def export(directory: str | Path, corpus: Corpus, *, force: bool = False, progress: bool = True) -> Path:
    """Write one ``.xmi`` per document, ``TypeSystem.xml`` and ``entities.json`` (built aside, moved in whole)."""
    ts = typesystem()  # a missing cassis fails here, before anything is written
    data = corpus_data(corpus)
    problems_or_raise(p for doc in data.documents for p in _unsafe(doc))

    def write(tmp: Path) -> None:
        write_text(tmp / TYPESYSTEM, ts.to_xml())
        write_text(tmp / ENTITIES, dumps(data.entities))
        if (events := events_json(data)) is not None:
            write_text(tmp / EVENTS, events)
        for position, doc in enumerate(track(data.documents, "export xmi", disable=not progress)):
            write_text(tmp / f"{doc.entry['doc_id']}.xmi", _cas(ts, doc, position).to_xmi(pretty_print=True))

    return publish(directory, write, kind="xmi", corpus_path=corpus.path, force=force, what="export")


def _unsafe(doc: DocumentData):
    """A problem for each value holding a character XML 1.0 cannot carry (lxml would refuse it mid-export)."""
    doc_id = doc.entry["doc_id"]
    values = [(doc_id, "text", doc.text), *((doc_id, k, v) for k, v in doc.entry.items())]
    # A span's text is part of the document's text: its fault is already said.
    values += [(f"{doc_id} {r['id']}", k, v) for records in doc.layers.values() for r in records
               for k, v in r.items() if k != "text" and isinstance(v, str)]
    for record, name, value in values:
        for s in value if isinstance(value, list) else [value]:
            m = _XML_UNSAFE.search(s) if isinstance(s, str) else None
            if m:
                yield Problem(f"{doc_id}.xmi", record, name, f"the character U+{ord(m.group()):04X} at {m.start()}",
                              "characters XML 1.0 can hold (no control characters but tab, line feed and return)")
                break


def _cas(ts, doc: DocumentData, position: int):
    cassis = _cassis()
    entry, text = doc.entry, doc.text
    cas = cassis.Cas(ts, sofa_string=text, sofa_mime="text/plain")
    cas.add(ts.get_type(DOCUMENT_METADATA)(begin=0, end=len(text), language=entry["language"],
                                           documentId=entry["doc_id"], documentTitle=entry["title"],
                                           collectionId="corpus_kz", isLastSegment=False))
    strings = ts.get_type(_STRINGS)
    cas.add(ts.get_type(METADATA)(**{POSITION: position}, **{
        name: strings(elements=list(entry[name])) if isinstance(kind, Strings) else entry[name]
        for name, kind in _manifest_kinds()}))
    quotes = {}
    for layer, cls in LAYERS.items():
        make = ts.get_type(TYPES[layer])
        for r in doc.layers[layer]:
            features = {}
            for field, feature, kind in _features(cls):
                if field not in r:
                    continue  # left out of the file shape (a gold record's provenance): unset, as in INCEpTION
                value = r[field]
                if value is None:
                    pass
                elif isinstance(kind, SpanOf):
                    part = ts.get_type(PARTS[field])(begin=value["start"], end=value["end"], text=value["text"])
                    cas.add(part)
                    value = part
                elif isinstance(kind, Reference) and kind.target == "quote":
                    value = quotes[value]
                elif isinstance(kind, Number):
                    value = json.dumps(value)
                features[feature] = value
            # An attribution is shown over its quote: UIMA annotations need a span, and that is the one it is about.
            where = r if layer in SPAN_LAYERS else {"start": features["quote"].begin, "end": features["quote"].end}
            fs = make(begin=where["start"], end=where["end"], **features)
            cas.add(fs)
            if layer == "quotes":
                quotes[r["id"]] = fs
    return cas


# -- import ----------------------------------------------------------------------

def read(source: str | Path) -> CorpusData:
    """Read an export (or one ``.xmi`` file) back; every span must match its text (:class:`FormatError` names each)."""
    cassis = _cassis()
    root, name = locate(source, "", "an XMI export directory or .xmi file")
    # Only names: each file is then read through read_source, which refuses what leads outside root.
    names = [name] if name else sorted(p.name for p in root.glob("*.xmi"))
    if not names:
        raise FormatError([Problem(str(source), None, None, "no .xmi file",
                                   f"one <doc_id>.xmi per document, with {TYPESYSTEM} and {ENTITIES}")])
    ts = _load_typesystem(cassis, root)
    entities = read_registry(root, ENTITIES)
    events, events_file = read_events(root, EVENTS)
    read_docs, problems = [], []
    for name in names:
        position, doc, found = _document(cassis, ts, root, name)
        problems += found
        if doc is not None:
            read_docs.append((not isinstance(position, int), position if isinstance(position, int) else 0, name, doc))
    problems_or_raise(problems)
    return CorpusData([doc for *_, doc in sorted(read_docs, key=lambda d: d[:3])], entities,
                      origin=str(root / ENTITIES), source=root, events=events, events_origin=events_file)


def _bytes(root: Path, name: str) -> bytes:
    """The bytes of an XML file of the export, refused (FormatError) if it declares a DTD.

    A UIMA type system or CAS never has one. A DTD is where entities live:
    an external one (XXE) would read a file outside the export or fetch a URL,
    nested internal ones expand exponentially ("billion laughs"). lxml 5+ and
    libxml2 guard against both by default, but older versions that cassis
    allows do not; this check does not depend on them.
    """
    raw = read_source(root, name)
    if name.endswith((".xmi", ".xml")):
        problem = _doctype(raw)
        if problem is not None:
            raise FormatError([Problem(str(root / name), None, None, f"a DOCTYPE {problem}",
                                       "XML without a DOCTYPE (UIMA XMI and type systems have none: a DTD can "
                                       "define entities that read other files or expand without bound)")])
    return raw


def _doctype(raw: bytes) -> str | None:
    """The DOCTYPE ``raw`` declares before its root element, or None; no DTD is loaded and no entity expanded.

    expat reads the prolog and stops at the DOCTYPE or the root element,
    whichever comes first, so nothing it declares is ever used. Where expat
    cannot read the prolog (an encoding it does not know), lxml looks, with
    entities, DTDs and the network off.
    """

    class Stop(Exception):
        pass

    found: list[str] = []

    def doctype(name, system_id, public_id, has_internal_subset):
        found.append(f"<!DOCTYPE {name}" + (f' SYSTEM "{system_id}"' if system_id else "")
                     + (" [...]" if has_internal_subset else "") + ">")
        raise Stop

    def root(name, attributes):
        raise Stop

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        parser.Parse(raw, True)
    except Stop:
        return show(found[0]) if found else None
    except (expat.ExpatError, ValueError, LookupError):
        return _doctype_lxml(raw)
    return None


def _doctype_lxml(raw: bytes) -> str | None:
    from lxml import etree

    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, load_dtd=False, no_network=True,
                                 dtd_validation=False, huge_tree=False, recover=True)
    try:
        parser.feed(raw)
    except etree.LxmlError:
        pass
    for _, element in parser.read_events():
        info = element.getroottree().docinfo
        return show(info.doctype) if info.doctype or info.internalDTD is not None else None
    return None


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {show(str(exc))}"


def _load_typesystem(cassis, root: Path):
    """The export's type system; it must declare every type and feature this module reads."""
    file = str(root / TYPESYSTEM)
    raw = _bytes(root, TYPESYSTEM)  # a FormatError of its own (missing, outside the export, a DTD), said as it is
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cassis warns about feature names it renames; the check below decides
        try:
            ts = cassis.load_typesystem(io.BytesIO(raw))
        except Exception as exc:  # cassis and lxml raise many types for a broken file; each is the same fault
            raise FormatError([Problem(file, None, None, f"a type system cassis cannot read ({_reason(exc)})",
                                       "a UIMA type system descriptor, as the export writes it")]) from None
    problems = []
    for t in typesystem().get_types():
        if t.name == DOCUMENT_METADATA:
            continue  # written for INCEpTION, not read
        if not ts.contains_type(t.name):
            problems.append(Problem(file, t.name, None, "no such type", f"the type {t.name} of corpus_kz's export"))
            continue
        theirs = ts.get_type(t.name)
        problems += [Problem(file, t.name, f.name, "no such feature", f"a feature {f.name} ({f.rangeType.name})")
                     for f in t.features if theirs.get_feature(f.name) is None]
    problems_or_raise(problems)
    return ts


#: An offset attribute holding anything but ASCII (a non-ASCII digit, or a character reference to one).
_OFFSET_DIGITS = re.compile(rb"""\s(begin|end|position)=(?:"[^"]*[\x80-\xff&][^"]*"|'[^']*[\x80-\xff&][^']*')""")


def _document(cassis, ts, root: Path, name: str) -> tuple[object, DocumentData | None, list[Problem]]:
    """One ``.xmi`` file: its position in the corpus, the document, and every problem found in it."""
    file = str(root / name)
    try:
        raw = _bytes(root, name)
    except FormatError as exc:
        return None, None, exc.problems
    digits = _OFFSET_DIGITS.search(raw)
    if digits is not None:  # cassis reads offsets with int(), which takes any Unicode digits
        found = show(digits[0].strip().decode("utf-8", "replace"))
        return None, None, [Problem(file, None, digits[1].decode(), found, "offsets in ASCII digits 0-9, as UIMA "
                                    "writes them")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            cas = cassis.load_cas_from_xmi(io.BytesIO(raw), typesystem=ts)
        except Exception as exc:  # cassis and lxml raise many types for a broken file; each is the same fault
            return None, None, [Problem(file, None, None, f"XMI that cassis cannot read ({_reason(exc)})",
                                        f"UIMA CAS XMI of the types in {TYPESYSTEM}")]
    # cassis only warns about an offset inside a character (between the halves of a UTF-16 pair) and keeps it.
    problems = [Problem(file, None, "begin/end", str(w.message), "offsets between characters, in UTF-16 units")
                for w in caught]
    text = cas.sofa_string
    metas = cas.select(METADATA)
    if not isinstance(text, str) or len(metas) != 1:
        return None, None, problems + [Problem(file, None, None, f"a sofa string {show(text)} and {len(metas)} "
                                               f"{METADATA}", f"the document's text and one {METADATA}")]
    if ts.contains_type(DOCUMENT_METADATA) and len(cas.select(DOCUMENT_METADATA)) > 1:
        # INCEpTION reads the first and the export writes one: a second says another document's metadata came along.
        problems.append(Problem(file, None, None, f"{len(cas.select(DOCUMENT_METADATA))} {DOCUMENT_METADATA}",
                                f"at most one {DOCUMENT_METADATA}, as the export writes it"))
    entry = _entry(metas[0])
    doc = DocumentData(entry, text, origin=file)
    doc_id = entry["doc_id"]
    if not (isinstance(doc_id, str) and pinned(entry, text)):
        # The build step refuses the entry, or the text that is not the one it pins: its records are not read.
        return metas[0].get(POSITION), doc, problems
    for layer, cls in LAYERS.items():
        for fs in cas.select(TYPES[layer]):
            record, found = _record(fs, layer, cls, file, doc_id, text)
            problems += found
            doc.layers[layer].append(record)
    return metas[0].get(POSITION), doc, problems


def _entry(meta) -> dict:
    """The manifest entry from its feature structure, in its file shape (the build step checks every field)."""
    entry = {}
    for field, kind in _manifest_kinds():
        value = getattr(meta, field, None)
        if isinstance(kind, Strings) and value is not None:
            value = list(getattr(value, "elements", None) or ())
        entry[field] = value
    return entry


def _span(fs, file: str, doc_id: str, rid: str, text: str, what: str) -> tuple[dict, Problem | None]:
    """An annotation as ``{start, end, text}``, and the problem if its offsets do not give its text."""
    start, end, claimed = getattr(fs, "begin", None), getattr(fs, "end", None), getattr(fs, "text", None)
    problem = check_span(file, doc_id, rid, start, end, claimed, text, what)
    if claimed is None and problem is None:
        claimed = text[start:end]  # added in INCEpTION, which knows nothing of the feature
    return {"start": start, "end": end, "text": claimed}, problem


def _record(fs, layer: str, cls: type, file: str, doc_id: str, text: str) -> tuple[dict, list[Problem]]:
    """One annotation as a record in its file shape, and its problems (spans first, then fields)."""
    rid = f"{doc_id} {getattr(fs, 'id', None)}"
    record, problems = {}, []
    optional = file_defaults(cls)
    if layer in SPAN_LAYERS:
        span, problem = _span(fs, file, doc_id, rid, text, "begin/end")
        record.update(span)
        problems.append(problem)
    for field, feature, kind in _features(cls):
        if field == "text":
            continue
        value = fs.get(feature)
        if value is None and field in optional:
            continue  # unset: the default, as a file that leaves the field out
        if value is None:
            pass
        elif isinstance(kind, SpanOf):
            pointed = getattr(getattr(value, "type", None), "name", None)
            if pointed != PARTS[field]:  # a Zone or a Quote has offsets and a text too: it is still no cue
                problems.append(Problem(file, rid, feature, show(pointed or value), f"a {PARTS[field]}"))
                value = None
            else:
                value, problem = _span(value, file, doc_id, rid, text, feature)
                problems.append(problem)
        elif isinstance(kind, Reference) and kind.target == "quote":
            pointed = getattr(getattr(value, "type", None), "name", None)
            if pointed != TYPES["quotes"]:
                problems.append(Problem(file, rid, feature, show(pointed or value), f"a {TYPES['quotes']}"))
            value = getattr(value, "id", None)
        elif isinstance(kind, Number):
            number = parse_number(value)  # strict: no NaN, no nesting that exhausts the stack
            if number is None:
                problems.append(Problem(file, rid, feature, show(value), "a JSON number such as 12.0"))
            value = number
        record[field] = value
    problems = [p for p in problems if p is not None]
    if not problems:  # a bad span also fails the record's own checks: say it once
        problems = [Problem(file, rid, RENAMED.get(e.field, e.field), show(e.found), e.expected)
                    for e in from_dict(cls, record)[1]]
    return record, problems
