"""brat standoff: ``<doc_id>.txt`` and ``<doc_id>.ann`` per document, with ``annotation.conf`` and ``visual.conf``.

The export directory is a brat collection as it is (put it under brat's
``data/``). Every layer and every field maps as follows:

- **zones**: text-bound annotations (``T``) typed ``Zone_<zone>`` (``Zone_headline`` …);
- **mentions**: typed by their label (``PERSON``, ``ORG`` …), with the attribute ``form``;
- **quotes**: ``Quote``, with the attribute ``type``. A quote's attribution (exactly one per quote) lives
  on it: the attributes ``act`` and ``speaker_role``; its cue is a ``Cue`` annotation linked by a
  ``Cue_of`` relation (Cue → Quote), its source a ``Source`` annotation linked by ``Source_of``
  (Source → Quote). A null cue or source has no annotation; one cue said of two quotes is one annotation
  with two relations;
- **figures**: ``Figure``, attributes ``qualifier``, ``quantity``, ``unit``, ``event``; **frames**:
  ``Frame``, attributes ``frame``, ``stance``, ``aspect``. A figure's ``source`` or a frame's ``holder``
  that is an attribution is a ``Claimed_by`` / ``Held_by`` relation to that attribution's quote;
- a nullable attribute that is null is absent (brat has no null);
- **free values**, which a brat attribute (one value of a closed set) cannot hold: a mention's
  ``entity_id``, a quote's ``speaker_id``, a figure's ``number`` and ``value``, and a ``source`` or
  ``holder`` that is ``author`` or an entity id, are one JSON object in the annotation's
  ``AnnotatorNotes`` line: ``#3<TAB>AnnotatorNotes T7<TAB>{"number": "10", "value": 10.0, "source": "author"}``;
- **provenance**: a predicted record's ``origin`` and ``confidence`` are in the same note
  (``{"origin": "predicted:direct_quote", "confidence": 0.8}``), the attribution's on its quote as
  ``attribution_origin`` and ``attribution_confidence``; a gold record's are left out, as in its file;
- **the manifest entries, the entity registry and the declared events** (when the corpus declares its
  own), which brat has no place for, are the sidecar ``corpus_kz.json`` (brat lists only ``.txt`` files,
  so it ignores the sidecar); :func:`read` needs it;
- **ids** are renumbered in file order (``z1`` …, ``q1`` and ``a1`` for its attribution, …); compare with
  :func:`~corpus_kz.formats.base.canonical`.

Which fields are attributes and which are notes is read off the record kinds (:mod:`corpus_kz.kinds`): a
vocabulary field is an attribute, and so is a figure's event (its values, in ``annotation.conf``, are the
events the corpus declares), anything else a note, so a field added to a record travels without a change
here.

Offsets are the corpus's own, Unicode code points, as brat counts them on a wide-Unicode Python (the
usual Linux build; a narrow build would count a character outside the BMP, an emoji, twice). brat reads an ``.ann``
file line by line and shows the text line by line, so a span that crosses a line break becomes a
discontinuous annotation split at the break, ``T1<TAB>Quote 10 20;21 30<TAB>first line second line``
(brat joins the fragments' texts with a space). :func:`read` joins fragments back when nothing but
line breaks lies between them and refuses any other gap (corpus spans are continuous); a span that
begins or ends with a line break cannot be written and is refused by :func:`export` (the codebook
forbids one anyway).

The library is ``bratly`` (the ``[brat]`` extra): its annotation types build and print every line
(``EntityAnnotation`` with ``Fragment`` for the discontinuous spans, ``RelationAnnotation``,
``AttributeAnnotation``, ``NoteAnnotation``) and parse each line back (``from_line``). Written by hand,
because bratly 0.1.4 cannot do it:

- reading and writing the files: it has no ``.ann`` reader or writer, and its ``Document`` reads the
  ``.txt`` with newline translation, which would shift every offset after a ``\\r``;
- the text of a ``T`` line and of a note, taken after the second tab: ``from_line`` splits at every
  tab and would cut a span that holds one;
- ``annotation.conf`` and ``visual.conf``, which it does not know.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping, Sequence

from .. import vocab as V
from ..dependencies import require
from ..errors import Problem, json_type, show
from ..kinds import Kind, Reference, SpanOf, Vocab, field_kinds, file_defaults
from ..progress import track
from ..records import AGENT_FIELDS, ID_PREFIX, LAYERS, SPAN_LAYERS, Attribution, from_dict, to_dict
from ..storage.files import Unreadable, parse_json, read_bytes
from ..storage.outputs import publish
from ..writing import write_text
from .base import (PLAIN_NAME, CorpusData, DocumentData, FormatError, check_span, corpus_data, pinned, plain_name,
                   problems_or_raise, read_events, read_source_json, source_directory)

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["NOTES", "RELATIONS", "SIDECAR", "Event", "TextBound", "ann_lines", "event", "annotation_conf",
           "entity_types", "export", "read", "text_bound", "visual_conf"]

#: What the command line prints after an export: where brat could not hold something natively.
NOTES = (
    "brat has no place for document metadata, the entity registry or the declared events: the manifest entries, "
    "the registry and the events the corpus declares are in corpus_kz.json beside the .txt and .ann files (brat "
    "ignores it); importing needs it",
    "free values (a mention's entity_id, a quote's speaker_id, a figure's number and value, a source or holder "
    "that is 'author' or an entity) and a predicted record's origin and confidence are a JSON object in each "
    "annotation's AnnotatorNotes (#) line",
    "an attribution is carried by its quote: act and speaker_role are Quote attributes, speaker_id is in the "
    "Quote's note, the cue and source are Cue and Source annotations linked by Cue_of and Source_of; a figure "
    "or frame held by an attribution is linked to its quote by Claimed_by or Held_by",
    "a span that crosses a line break is split into fragments at the break (T1 Quote 10 20;21 30) and joined "
    "back on import; ids are renumbered in file order",
)

#: The sidecar with the manifest entries, the registry and, when the corpus declares its own, the events.
SIDECAR = "corpus_kz.json"
_NOTE_TYPE = "AnnotatorNotes"

# str.splitlines boundaries: brat reads an .ann file line by line (Python's codecs reader splits at all of
# them), so no fragment text may hold one.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[{re.escape(_BREAKS)}]+")
#: An annotation id where a line refers to one.
_REFERENCE = re.compile(r"(?<![\w#])[TREAMN#]\d+\b")


def _head(line: str) -> str:
    """A line's id and annotation, without the text or note after the second tab."""
    return " ".join(line.split("\t")[:2])


# -- reading .ann files: the one parser, for this format and for any brat corpus (corpus_kz.scoring) -------

def ann_lines(ann: str) -> list[tuple[int, str]]:
    """The non-blank lines of an ``.ann`` file, numbered from 1.

    Split at ``\\n`` only, with a ``\\r`` before it dropped: a span's text may
    hold any other line separator, which ``str.splitlines`` would cut at.
    """
    return [(n, line.removesuffix("\r")) for n, line in enumerate(ann.split("\n"), 1) if line.strip()]


@dataclass
class TextBound:
    """A text-bound annotation (a ``T`` line): id, type, half-open fragments and the text brat shows for it."""

    id: str
    type: str
    fragments: list[tuple[int, int]]
    content: str
    parsed: object  # bratly's EntityAnnotation, which the other lines refer to


@dataclass
class Event:
    """An event annotation (an ``E`` line): id, type, trigger id, and its ``(role, id)`` arguments in order."""

    id: str
    type: str
    trigger: str
    arguments: list[tuple[str, str]]


_EVENT = re.compile(r"(E[0-9]+)\t([^\s:]+):([TE][0-9]+)((?:[ ]+[^\s:]+:[TE][0-9]+)*)[ \t]*")


def event(line: str) -> Event | None:
    """An ``E`` line, or None if malformed. Read here, not by bratly, which refuses an event without
    arguments (brat allows one) and a trailing space (brat writes one after such an event)."""
    m = _EVENT.fullmatch(line)
    if m is None:
        return None
    return Event(m[1], m[2], m[3], [tuple(a.split(":", 1)) for a in m[4].split()])


def text_bound(line: str, bratly) -> TextBound:
    """A ``T`` line parsed by bratly (``ParsingError`` if malformed); the text is all after the second tab.

    bratly splits at every tab and would cut a span that holds one.
    """
    head = line.split("\t", 2)[1] if line.count("\t") >= 2 else ""
    if not head.isascii() and any(ch.isdigit() for ch in head if not ch.isascii()):
        # int(), which bratly uses, reads any Unicode digits: '\u0661\u0669' would be offset 19.
        raise ValueError(f"offsets {head.split(' ', 1)[-1]!r} in digits other than ASCII 0-9; brat writes ASCII digits")
    ann = bratly.EntityAnnotation.from_line(line)
    return TextBound(ann.id, ann.label, [(f.start, f.end) for f in ann.fragments], line.split("\t", 2)[2], ann)


# -- the mapping, derived from the record kinds --------------------------------------------------------------

#: Span layers typed by a field's value (a zone by its zone, a mention by its label); the others by one name.
_TYPE_FIELD = {"zones": "zone", "mentions": "label"}
_LAYER_TYPE = {"quotes": "Quote", "figures": "Figure", "frames": "Frame"}
#: An agent field that names an attribution becomes a relation from the record to that attribution's quote.
_AGENT_RELATION = {"figures": "Claimed_by", "frames": "Held_by"}
#: The attribution's span fields (cue, source): their entity type and the relation to the quote.
_ATTRIBUTION_SPANS = tuple((name, name.capitalize(), f"{name.capitalize()}_of")
                           for name, kind in field_kinds(Attribution) if isinstance(kind, SpanOf))


def _type_of(layer: str, value: str | None = None) -> str:
    return f"Zone_{value}" if layer == "zones" else value if layer == "mentions" else _LAYER_TYPE[layer]


def _attribute_kind(kind: Kind) -> bool:
    """A vocabulary, or an event (one the corpus declares): a brat attribute, with its values in annotation.conf."""
    return isinstance(kind, Vocab) or (isinstance(kind, Reference) and kind.target == "event")


def _fields() -> tuple[dict[str, tuple[tuple[str, Kind], ...]], dict[str, tuple[str, ...]]]:
    """Each layer's fields as brat attributes (vocabularies and events) and note fields (anything else).

    Left out: what the T line itself holds (offsets, text, the type field), the ids (renumbered), and an
    attribution's quote_id, cue and source (the quote carrying it, and relations).
    """
    attributes, notes = {}, {}
    for layer, cls in LAYERS.items():
        skip = ("id", "quote_id", *(n for n, _, _ in _ATTRIBUTION_SPANS)) if layer == "attributions" else (
            "start", "end", "text", "id", _TYPE_FIELD.get(layer))
        kinds = [(name, kind) for name, kind in field_kinds(cls) if name not in skip]
        attributes[layer] = tuple((name, kind) for name, kind in kinds if _attribute_kind(kind))
        notes[layer] = tuple(name for name, kind in kinds if not _attribute_kind(kind))
    return attributes, notes


_ATTRIBUTES, _NOTE_FIELDS = _fields()
#: Layer -> note field -> its key in the note. The quote's note carries its attribution's fields too; where
#: the two share a name (origin, confidence), the attribution's key is prefixed: attribution_origin.
_NOTE_KEYS = {layer: {name: f"attribution_{name}" if layer == "attributions" and name in _NOTE_FIELDS["quotes"]
                      else name for name in names} for layer, names in _NOTE_FIELDS.items()}
#: The note keys a note may leave out: fields a file may leave out (origin, confidence), at their default.
_OPTIONAL_KEYS = frozenset(key for layer, keys in _NOTE_KEYS.items() for name, key in keys.items()
                           if name in file_defaults(LAYERS[layer]))
# The quote carries its attribution's fields: the two must not share a name.
assert not {n for n, _ in _ATTRIBUTES["quotes"]} & {n for n, _ in _ATTRIBUTES["attributions"]}
assert not set(_NOTE_KEYS["quotes"].values()) & set(_NOTE_KEYS["attributions"].values())


@cache
def entity_types() -> Mapping[str, tuple[str | None, str | None]]:
    """brat entity type -> (layer, value of the layer's type field); Cue and Source carry no layer of their own."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for layer in SPAN_LAYERS:
        if layer in _TYPE_FIELD:
            for value in dict(field_kinds(LAYERS[layer]))[_TYPE_FIELD[layer]].values:
                out[_type_of(layer, value)] = (layer, value)
        else:
            out[_type_of(layer)] = (layer, None)
    out.update({etype: (None, None) for _, etype, _ in _ATTRIBUTION_SPANS})
    return MappingProxyType(out)  # cached: read-only


#: Relation type -> (Arg1 type, Arg2 type).
RELATIONS: dict[str, tuple[str, str]] = {
    **{rel: (etype, "Quote") for _, etype, rel in _ATTRIBUTION_SPANS},
    **{rel: (_LAYER_TYPE[layer], "Quote") for layer, rel in _AGENT_RELATION.items()},
}


def _carried(etype: str) -> tuple[str, ...]:
    """The layers whose fields a T of this type carries (a quote carries its attribution)."""
    layer = entity_types()[etype][0]
    return () if layer is None else (layer, "attributions") if layer == "quotes" else (layer,)


def _attributes_of(etype: str) -> dict[str, Kind]:
    return {name: kind for layer in _carried(etype) for name, kind in _ATTRIBUTES[layer]}


def _notes_of(etype: str) -> tuple[str, ...]:
    """The keys of the note of a T of this type."""
    return tuple(key for layer in _carried(etype) for key in _NOTE_KEYS[layer].values())


# -- the configuration files -----------------------------------------------------------------------------------

def annotation_conf(events: Sequence[str] = V.EVENTS) -> str:
    """``annotation.conf``: every entity type (grouped), relation and attribute with its value set.

    ``events`` are the values of the ``event`` attribute: the ids of the events the corpus declares
    (default: the bundled corpus's).
    """
    types = entity_types()
    groups = {"zones": "Zone", "mentions": "Mention"}
    lines = ["# brat configuration of a corpus_kz export (corpus-kz export brat); see corpus_kz.formats.brat",
             "[entities]"]
    for layer in SPAN_LAYERS:
        names = [t for t, (lay, _) in types.items() if lay == layer]
        if layer in groups:  # an unselectable parent ("!") groups the types in brat's menu
            lines += [f"!{groups[layer]}", *(f"\t{t}" for t in names)]
        else:
            lines += names
            if layer == "quotes":
                lines += [etype for _, etype, _ in _ATTRIBUTION_SPANS]
    lines += ["", "[relations]"]
    lines += [f"{rel}\tArg1:{a1}, Arg2:{a2}" for rel, (a1, a2) in RELATIONS.items()]
    lines += ["# spans of any types may nest, coincide and cross", "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, "
              "<OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]"]
    by_name: dict[str, tuple[list[str], Kind]] = {}
    for etype in types:
        for name, kind in _attributes_of(etype).items():
            by_name.setdefault(name, ([], kind))[0].append(etype)
    for name, (args, kind) in by_name.items():
        values = kind.values if isinstance(kind, Vocab) else events
        lines.append(f"{name}\tArg:{'|'.join(args)}, Value:{'|'.join(values)}")
    return "\n".join(lines) + "\n"


_COLOURS = {"Zone": "#e9ecef", "Mention": "#d0ebff", "Quote": "#fff3bf", "Cue": "#ffc9c9", "Source": "#a5d8ff",
            "Figure": "#ffe8cc", "Frame": "#d3f9d8"}


def visual_conf() -> str:
    """``visual.conf``: a colour per layer, labels for the zone types and the relations (the rest are their names)."""
    labels, drawing = ["[labels]"], ["[drawing]", "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
                                    "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5"]
    for etype, (layer, value) in entity_types().items():
        if layer == "zones":
            labels.append(f"{etype} | {value.replace('_', ' ')}")
        colour = _COLOURS["Zone" if layer == "zones" else "Mention" if layer == "mentions" else etype]
        drawing.append(f"{etype}\tbgColor:{colour}")
    for rel in RELATIONS:
        labels.append(f"{rel} | {rel.replace('_', ' ').lower()}")
        drawing.append(f"{rel}\tcolor:#495057")
    return "\n".join(labels) + "\n\n" + "\n".join(drawing) + "\n"


# -- export ---------------------------------------------------------------------------------------------------

def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """``[start, end)`` split at its runs of line breaks; None if it begins or ends with one."""
    out, pos = [], start
    for m in _BREAK_RUN.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return None if any(s == e for s, e in out) else out


def _text_bound(bratly, n: int, etype: str, span: dict, frags: list[tuple[int, int]]):
    """The annotation ``T<n>`` of a span (``start``, ``end``, ``text``) in fragments; its text is the span's own,
    the fragments' pieces joined by a space as brat joins them."""
    start, claimed = span["start"], span["text"]
    return bratly.EntityAnnotation(id=f"T{n}", label=etype,
                                   fragments=[bratly.Fragment(start=s, end=e) for s, e in frags],
                                   content=" ".join(claimed[s - start:e - start] for s, e in frags))


def _ann(doc: DocumentData, bratly, problems: list[Problem]) -> str:
    """One document's ``.ann``: text-bound annotations, then relations, attributes and notes."""
    text, layers, doc_id = doc.text, doc.layers, doc.entry["doc_id"]
    entities, relations, attributes, notes = [], [], [], []
    shared: dict[tuple[str, int, int], object] = {}

    def entity(etype: str, span: dict, rid: str, field: str, share: bool = False):
        start, end = span["start"], span["end"]
        if share and (etype, start, end) in shared:
            return shared[(etype, start, end)]
        frags = _fragments(text, start, end)
        if frags is None:
            problems.append(Problem(f"{doc_id}.ann", f"{doc_id} {rid}", field, f"{show(text[start:end])} at "
                                    f"[{start}, {end})", "a span that does not begin or end with a line break "
                                    "(brat cannot hold one; the codebook forbids leading or trailing white space)"))
            return None
        entities.append(_text_bound(bratly, len(entities) + 1, etype, span, frags))
        if share:
            shared[(etype, start, end)] = entities[-1]
        return entities[-1]

    def describe(t, record: dict, layer: str, skip: str | None = None) -> dict:
        for name, _ in _ATTRIBUTES[layer]:
            if record[name] is not None:
                attributes.append(bratly.AttributeAnnotation(id=f"A{len(attributes) + 1}", label=name, component=t,
                                                             values=[record[name]]))
        # A field the record's file shape leaves out (a gold record's origin and confidence) is left out here too.
        keys = _NOTE_KEYS[layer]
        return {keys[name]: record[name] for name in _NOTE_FIELDS[layer] if name != skip and name in record}

    def relate(rel: str, arg1, arg2) -> None:
        relations.append(bratly.RelationAnnotation(id=f"R{len(relations) + 1}", label=rel, argument1=("Arg1", arg1),
                                                   argument2=("Arg2", arg2)))

    attribution_of = {a["quote_id"]: a for a in layers["attributions"]}
    quote_of = {a["id"]: a["quote_id"] for a in layers["attributions"]}
    quote_t = {}
    for layer in SPAN_LAYERS:  # quotes come before the figures and frames that may point at them
        for r in layers[layer]:
            t = entity(_type_of(layer, r.get(_TYPE_FIELD.get(layer))), r, r["id"], "text")
            if t is None:
                continue
            agent = AGENT_FIELDS.get(layer)
            linked = agent is not None and quote_of.get(r[agent]) in quote_t
            note = describe(t, r, layer, skip=agent if linked else None)
            if linked:
                relate(_AGENT_RELATION[layer], t, quote_t[quote_of[r[agent]]])
            if layer == "quotes":
                quote_t[r["id"]] = t
                a = attribution_of[r["id"]]
                note.update(describe(t, a, "attributions"))
                for name, etype, rel in _ATTRIBUTION_SPANS:
                    if a[name] is not None:
                        part = entity(etype, a[name], a["id"], name, share=True)
                        if part is not None:
                            relate(rel, part, t)
            if note:
                notes.append(bratly.NoteAnnotation(id=f"#{len(notes) + 1}", label=_NOTE_TYPE, component=t,
                                                   value=json.dumps(note, ensure_ascii=False)))
    return "".join(f"{a}\n" for a in (*entities, *relations, *attributes, *notes))


def export(directory: str | Path, corpus: Corpus, *, force: bool = False, progress: bool = True) -> Path:
    """Write the corpus as a brat collection into ``directory`` (built aside, moved in whole)."""
    bratly = require("bratly", "brat", "the brat format")
    data = corpus_data(corpus)
    problems: list[Problem] = []
    anns = {d.entry["doc_id"]: _ann(d, bratly, problems)
            for d in track(data.documents, desc="export brat", disable=not progress, total=len(data.documents))}
    problems_or_raise(problems)  # before anything is written

    def write(tmp: Path) -> None:
        for d in data.documents:
            write_text(tmp / f"{d.entry['doc_id']}.txt", d.text)
            write_text(tmp / f"{d.entry['doc_id']}.ann", anns[d.entry["doc_id"]])
        write_text(tmp / "annotation.conf", annotation_conf([e.event_id for e in corpus.events]))
        write_text(tmp / "visual.conf", visual_conf())
        sidecar = {"documents": [d.entry for d in data.documents], "entities": data.entities}
        if data.events is not None:  # a corpus that declares none reads back as one
            sidecar["events"] = data.events
        write_text(tmp / SIDECAR, json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n")

    return publish(directory, write, kind="brat", corpus_path=corpus.path, force=force, what="export")


# -- import ---------------------------------------------------------------------------------------------------

@dataclass
class _T:
    """A text-bound annotation as read: its line, type, fragments and text, and its span once checked."""

    line: int
    type: str
    fragments: list[tuple[int, int]]
    content: str
    span: tuple[int, int] | None = None


class _Document:
    """One document's ``.ann`` read line by line; problems name the file and line, the document and the id."""

    def __init__(self, path: Path, doc_id: str, text: str, bratly, problems: list[Problem]):
        self.path, self.doc_id, self.text, self.bratly, self.problems = path, doc_id, text, bratly, problems
        self.ts: dict[str, _T] = {}
        self.parsed: dict[str, object] = {}  # T id -> bratly EntityAnnotation, which the other lines refer to
        self.attributes: dict[str, dict[str, str]] = {}
        self.notes: dict[str, tuple[int, dict]] = {}
        self.sources: dict[tuple[str, str], list[str]] = {}  # (relation, Arg2) -> its Arg1s
        self.targets: dict[tuple[str, str], list[str]] = {}  # (relation, Arg1) -> its Arg2s
        # Annotations a refused line defines or refers to: incomplete, and already reported once.
        self.quiet: set[str] = set()
        self.origins: dict[str, str] = {}  # record id -> the file and line of its T annotation

    def bad(self, line: int | None, record: str | None, field: str | None, found: str, expected: str,
            refused: str = "") -> None:
        self.quiet.update(_REFERENCE.findall(refused))
        where = str(self.path) if line is None else f"{self.path}:{line}"
        record = None if record is None else f"{self.doc_id} {record}"
        self.problems.append(Problem(where, record, field, found, expected))

    def read(self, ann: str) -> None:
        lines = ann_lines(ann)
        # Lines may refer to annotations further down: the text-bound ones first.
        for n, line in lines:
            if line.startswith("T"):
                self._entity(n, line)
        for n, line in lines:
            if not line.startswith("T"):
                self._other(n, line)
        for tid, t in self.ts.items():
            if self.text is not None:
                self._check_span(tid, t)

    def _parse(self, n: int, line: str, parse, what: str):
        from bratly import ParsingError

        try:
            return parse(line)
        except (ParsingError, ValueError) as exc:
            detail = " ".join(str(exc).split())
            self.bad(n, line.split("\t", 1)[0], None, show(line), f"a brat {what} line ({detail})",
                     refused=_head(line))
            return None

    def _entity(self, n: int, line: str) -> None:
        t = self._parse(n, line, lambda x: text_bound(x, self.bratly), "text-bound annotation (T)")
        if t is None:
            return
        if t.id in self.ts:
            self.bad(n, t.id, None, f"a second annotation {t.id}", "ids unique within the .ann file")
            return
        if t.type not in entity_types():
            self.bad(n, t.id, "type", repr(t.type), "one of the entity types of annotation.conf: "
                     + ", ".join(entity_types()), refused=t.id)
            return
        self.parsed[t.id] = t.parsed
        self.ts[t.id] = _T(n, t.type, t.fragments, t.content)

    def _other(self, n: int, line: str) -> None:
        b = self.bratly
        kind = line[:1]
        refs = set(_REFERENCE.findall(_head(line)))
        if refs & self.quiet:
            self.quiet |= refs  # what it would have told about the others is missing: they are incomplete too
            return  # it refers to a refused annotation, whose problem is reported
        if kind == "R":
            r = self._parse(n, line, lambda x: b.RelationAnnotation.from_line(x, self.parsed), "relation (R)")
            if r is not None:
                self._relation(n, r)
        elif kind in "AM":
            a = self._parse(n, line, lambda x: b.AttributeAnnotation.from_line(x, self.parsed), "attribute (A)")
            if a is not None:
                self._attribute(n, a)
        elif kind == "#":
            note = self._parse(n, line, lambda x: b.NoteAnnotation.from_line(x, self.parsed), "note (#)")
            if note is not None:
                self._note(n, note, line.split("\t", 2)[2])
        else:
            self.bad(n, line.split("\t", 1)[0], None, show(line), "a T, R, A or # line (corpus_kz reads no events, "
                     "normalizations or equivalences: a corpus_kz export has none)", refused=_head(line))

    def _relation(self, n: int, r) -> None:
        (role1, t1), (role2, t2) = r.argument1, r.argument2
        if r.label not in RELATIONS:
            self.bad(n, r.id, "type", repr(r.label), "one of the relations of annotation.conf: "
                     + ", ".join(RELATIONS), refused=f"{t1.id} {t2.id}")
            return
        want = RELATIONS[r.label]
        if (role1, role2) != ("Arg1", "Arg2") or (t1.label, t2.label) != want:
            self.bad(n, r.id, None, f"{role1}:{t1.id} ({t1.label}), {role2}:{t2.id} ({t2.label})",
                     f"Arg1: a {want[0]}, Arg2: a {want[1]}", refused=f"{t1.id} {t2.id}")
            return
        self.sources.setdefault((r.label, t2.id), []).append(t1.id)
        self.targets.setdefault((r.label, t1.id), []).append(t2.id)

    def _attribute(self, n: int, a) -> None:
        target = a.component.id
        allowed = _attributes_of(self.ts[target].type)
        if a.label not in allowed:
            self.bad(n, a.id, a.label, f"the attribute {a.label!r} on {target} ({self.ts[target].type})",
                     f"one of {', '.join(allowed) or 'no attribute'} on a {self.ts[target].type}", refused=target)
        elif len(a.values or []) != 1 or not allowed[a.label].accepts(a.values[0]):
            self.bad(n, a.id, a.label, show(" ".join(a.values or [])), allowed[a.label].expected(), refused=target)
        elif a.label in self.attributes.setdefault(target, {}):
            self.bad(n, a.id, a.label, f"a second {a.label} of {target}", "one value of each attribute",
                     refused=target)
        else:
            self.attributes[target][a.label] = a.values[0]

    def _note(self, n: int, note, value: str) -> None:
        target = getattr(note.component, "id", note.component)
        if note.label != _NOTE_TYPE or target not in self.ts:
            self.bad(n, note.id, None, f"{note.label} of {target}", f"{_NOTE_TYPE} of a text-bound annotation")
            return
        try:
            fields = parse_json(value.encode("utf-8"))
        except Unreadable as exc:
            self.bad(n, target, _NOTE_TYPE, exc.found, f"{exc.expected}: the fields of {target} as one JSON object",
                     refused=target)
            return
        expected = _notes_of(self.ts[target].type)
        if not isinstance(fields, dict) or set(fields) - set(expected):
            found = show(fields) if not isinstance(fields, dict) else f"the keys {', '.join(fields)}"
            self.bad(n, target, _NOTE_TYPE, found, f"a JSON object with the keys {', '.join(expected) or '(none)'}",
                     refused=target)
        elif target in self.notes:
            self.bad(n, target, _NOTE_TYPE, f"a second note of {target}", "one AnnotatorNotes per annotation",
                     refused=target)
        else:
            self.notes[target] = (n, fields)

    def _check_span(self, tid: str, t: _T) -> None:
        """Every fragment against the text (``check_span``), then the gaps: nothing but line breaks."""
        where, problems, pos = f"{self.path}:{t.line}", [], 0
        for i, (s, e) in enumerate(t.fragments, 1):
            piece = t.content[pos:pos + max(e - s, 0)]
            pos += max(e - s, 0) + 1  # brat joins fragment texts with one space
            problems.append(check_span(where, self.doc_id, f"{self.doc_id} {tid}", s, e, piece, self.text,
                                       "span" if len(t.fragments) == 1 else f"fragment {i}"))
        found = [p for p in problems if p is not None]
        self.problems.extend(found)
        if found:
            return
        joined = " ".join(self.text[s:e] for s, e in t.fragments)
        if t.content != joined:
            self.bad(t.line, tid, "text", show(t.content),
                     f"the text of its fragments joined by a space, {show(joined)}")
            return
        for (_, e1), (s2, _) in zip(t.fragments, t.fragments[1:]):
            gap = self.text[e1:s2] if s2 > e1 else ""
            if not gap or gap.strip(_BREAKS):
                self.bad(t.line, tid, "fragments", f"{show(gap)} between the fragments ending at {e1} and starting "
                         f"at {s2}", "fragments separated by line breaks only (corpus_kz spans are continuous: "
                         "an export splits a span only where it crosses a line break)")
                return
        t.span = (t.fragments[0][0], t.fragments[-1][1])

    # -- records --------------------------------------------------------------------------------------------

    def layers(self) -> dict[str, list[dict]]:
        """The records, numbered in file order; each built with its constructor, whose complaints name the T line."""
        ids: dict[str, str] = {}
        count: dict[str, int] = {}
        for tid, t in self.ts.items():
            layer = entity_types()[t.type][0]
            if layer is not None:
                count[layer] = count.get(layer, 0) + 1
                ids[tid] = f"{ID_PREFIX[layer]}{count[layer]}"
                # Where each record was read: the loader's problems with the imported corpus name the T line.
                self.origins[ids[tid]] = f"{self.path}:{t.line}"
                if layer == "quotes":
                    self.origins[ids[tid].replace(ID_PREFIX["quotes"], ID_PREFIX["attributions"], 1)] = \
                        f"{self.path}:{t.line}"
        out: dict[str, list[dict]] = {layer: [] for layer in LAYERS}
        for tid, t in self.ts.items():
            layer, value = entity_types()[t.type]
            if tid in self.quiet:
                continue  # a line about it was refused: reported there
            if layer is None:
                if not self.targets.get((f"{t.type}_of", tid)):  # a cue or source of no quote would be lost
                    self.bad(t.line, tid, None, f"a {t.type} linked to no quote",
                             f"a {t.type} that is the Arg1 of a {t.type}_of relation to a Quote")
                continue
            if t.span is None:
                continue  # its span was refused
            note = self._note_fields(tid, t)
            if note is None:
                continue
            start, end = t.span
            raw = {"start": start, "end": end, "text": self.text[start:end], "id": ids[tid]}
            if layer in _TYPE_FIELD:
                raw[_TYPE_FIELD[layer]] = value
            raw.update(self._attribute_fields(tid, layer))
            raw.update({name: note[key] for name, key in _NOTE_KEYS[layer].items() if key in note})
            agent = AGENT_FIELDS.get(layer)
            if agent is not None:
                quote = self._one(tid, _AGENT_RELATION[layer], t)
                if quote is not None:
                    raw[agent] = ids[quote].replace(ID_PREFIX["quotes"], ID_PREFIX["attributions"], 1)
            self._keep(out, layer, tid, t, raw)
            if layer == "quotes":
                self._keep(out, "attributions", tid, t, self._attribution(tid, t, ids[tid], note))
        return out

    def _attribute_fields(self, tid: str, layer: str) -> dict:
        got = self.attributes.get(tid, {})
        return {name: got.get(name) for name, _ in _ATTRIBUTES[layer]}  # absent: null (the constructor says if not)

    def _note_fields(self, tid: str, t: _T) -> dict | None:
        """The note's fields; None (reported) when one is missing. An agent linked by a relation is not in it."""
        layer = entity_types()[t.type][0]
        line, fields = self.notes.get(tid, (t.line, {}))
        missing = []
        for name in _notes_of(t.type):
            relation = _AGENT_RELATION[layer] if name == AGENT_FIELDS.get(layer) else None
            linked = relation is not None and bool(self.targets.get((relation, tid)))
            if linked and name in fields:
                self.bad(line, tid, name, f"{name} both in the note and as a {relation} relation", "one of the two")
                return None
            if not linked and name not in fields and name not in _OPTIONAL_KEYS:
                missing.append(name)
        if missing:
            self.bad(line, tid, _NOTE_TYPE, "no " + ", ".join(missing) + (" in its note" if tid in self.notes else
                     " (it has no note)"), f"an {_NOTE_TYPE} line with {', '.join(missing)} as JSON")
            return None
        return fields

    def _one(self, tid: str, relation: str, t: _T) -> str | None:
        """The Arg2 of ``tid``'s one relation of this type (None when it has none)."""
        targets = self.targets.get((relation, tid), [])
        if len(targets) > 1:
            self.bad(t.line, tid, relation, f"{len(targets)} {relation} relations", "at most one")
        return targets[0] if targets else None

    def _attribution(self, tid: str, t: _T, quote_id: str, note: dict) -> dict | None:
        raw = {"id": quote_id.replace(ID_PREFIX["quotes"], ID_PREFIX["attributions"], 1), "quote_id": quote_id}
        raw.update(self._attribute_fields(tid, "attributions"))
        for name, _, rel in _ATTRIBUTION_SPANS:
            parts = self.sources.get((rel, tid), [])
            if len(parts) > 1:
                self.bad(t.line, tid, name, f"{len(parts)} {rel} relations to {tid}", f"at most one {name} per quote")
                return None
            span = self.ts[parts[0]].span if parts else None
            if parts and span is None:
                return None  # the cue's or source's span was refused
            raw[name] = span and {"start": span[0], "end": span[1], "text": self.text[span[0]:span[1]]}
        raw.update({name: note[key] for name, key in _NOTE_KEYS["attributions"].items() if key in note})
        return raw

    def _keep(self, out: dict, layer: str, tid: str, t: _T, raw: dict | None) -> None:
        if raw is None:
            return
        cls = LAYERS[layer]
        optional = file_defaults(cls)  # absent from the note: the default, as in a file
        raw = {name: raw.get(name) for name, _ in field_kinds(cls) if name in raw or name not in optional}
        record, errors = from_dict(cls, raw)
        attributes = {name for name, _ in _ATTRIBUTES[layer]}
        for err in errors:
            absent = err.found is None and err.field in attributes  # brat's null is an absent attribute
            self.bad(t.line, tid, _NOTE_KEYS[layer].get(err.field, err.field),
                     f"no {err.field} attribute" if absent else show(err.found), err.expected)
        if record is not None:
            out[layer].append(to_dict(record))  # the file shape: a default stated in a note is left out


def read(source: str | Path) -> CorpusData:
    """Read a brat export back (with its sidecar); every span is checked against its ``.txt``.

    Problems are collected over all documents and raised as one :class:`FormatError`, each naming the
    file and line, the document and annotation id, what was found and what was expected. The sidecar's
    manifest entries and registry are the build step's to check (:func:`~corpus_kz.formats.base.write_corpus`),
    but for each entry's doc_id, which names the files read here. A document whose ``.txt`` is not the
    text its entry pins is passed on without its records: the build step refuses it, naming the sha256.
    """
    bratly = require("bratly", "brat", "the brat format")
    root = source_directory(source, "a brat export directory")
    entries, entities = _sidecar(root / SIDECAR, read_source_json(root, SIDECAR))
    events, events_file = read_events(root, SIDECAR, "events")
    problems: list[Problem] = []
    documents = [_document(root, entry, bratly, problems) for entry in entries]
    problems += _strays(root, {f"{e['doc_id']}.{ext}" for e in entries for ext in ("txt", "ann")})
    problems_or_raise(problems)
    return CorpusData([d for d in documents if d is not None], entities, origin=str(root / SIDECAR), source=root,
                      events=events, events_origin=events_file)


def _document(root: Path, entry: dict, bratly, problems: list[Problem]) -> DocumentData | None:
    """One document: its ``.txt`` and its ``.ann``, every line checked, every span against the pinned text."""
    doc_id = entry["doc_id"]
    files: dict[str, bytes] = {}
    for ext in ("txt", "ann"):
        try:
            files[ext] = read_bytes(root, f"{doc_id}.{ext}")
        except Unreadable as exc:
            problems.append(Problem(str(root / f"{doc_id}.{ext}"), doc_id, None, exc.found, exc.expected))
    text = _decode(root / f"{doc_id}.txt", doc_id, files.get("txt"), problems)
    ann = _decode(root / f"{doc_id}.ann", doc_id, files.get("ann"), problems)
    if ann is None:
        return None
    # Against another text every span would fail: without the pinned one, the lines are still checked.
    doc = _Document(root / f"{doc_id}.ann", doc_id, text if text is not None and pinned(entry, text) else None,
                    bratly, problems)
    doc.read(ann)
    if text is None:
        return None
    return DocumentData(entry, text, doc.layers() if doc.text is not None else {layer: [] for layer in LAYERS},
                        origin=str(root / SIDECAR), origins=doc.origins, layers_origin=str(root / f"{doc_id}.ann"))


def _strays(root: Path, known: set[str]) -> list[Problem]:
    """Documents and sub-collections brat would show that the sidecar does not list: nothing reads them."""
    try:
        listing = sorted(root.iterdir())
    except OSError as exc:
        return [Problem(str(root), None, None, f"a directory that cannot be listed ({exc.strerror or exc})",
                        "a readable brat export directory")]
    # brat does not list hidden files either; a document's own files were read (or refused) already.
    return [Problem(str(path), None, None, "a sub-collection" if path.is_dir() else f"a document not listed in "
                    f"{SIDECAR}", f"only the documents of {SIDECAR}: nothing else is read, so whatever it holds "
                    "would be lost") for path in listing if not (path.name.startswith(".") or path.name in known)
            and (path.is_dir() or path.suffix in (".txt", ".ann"))]


def _decode(path: Path, doc_id: str, raw: bytes | None, problems: list[Problem]) -> str | None:
    """UTF-8 text as it is (no newline translation: offsets count every character), or None (reported)."""
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), doc_id, None, f"bytes that are not UTF-8 ({exc.reason} at byte "
                                f"{exc.start})", "UTF-8 text"))
        return None


def _sidecar(path: Path, data: object) -> tuple[list[dict], list]:
    """The sidecar's manifest entries and registry: its shape, and each entry's doc_id, which names its files.

    A name that becomes a path is checked before that file is read; every
    other field, and every entity, is the build step's to check.
    """
    if not isinstance(data, dict) or not {"documents", "entities"} <= set(data) <= {"documents", "entities", "events"}:
        found = show(data) if not isinstance(data, dict) else f"the keys {', '.join(data) or '(none)'}"
        raise FormatError([Problem(str(path), None, None, found, 'a JSON object {"documents": [manifest entries], '
                                   '"entities": [the entity registry]}, and "events": [the declared events] '
                                   'if the corpus declares its own')])
    problems_or_raise(Problem(str(path), None, key, show(data[key]), "an array") for key in ("documents", "entities")
                      if not isinstance(data[key], list))
    problems = []
    for i, raw in enumerate(data["documents"]):
        doc_id = raw.get("doc_id") if isinstance(raw, dict) else None
        if not isinstance(raw, dict):
            problems.append(Problem(str(path), f"documents[{i}]", None, json_type(raw), "a manifest entry (an object)"))
        elif not plain_name(doc_id):
            problems.append(Problem(str(path), f"documents[{i}]", "doc_id", show(doc_id),
                                    f"{PLAIN_NAME}: it names the document's .txt and .ann"))
    problems_or_raise(problems)
    return data["documents"], data["entities"]
