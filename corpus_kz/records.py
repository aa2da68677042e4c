"""Annotation records, one frozen dataclass per layer, and their file shape.

Every span-bearing record is a :class:`~corpus_kz.span.Span` (half-open
``[start, end)``, ``str(record)`` is the covered text) with the layer's
fields added; relations point at other records by id (``quote_id``,
``entity_id``, ``source``, ``holder``), never by copied offsets.

Each field declares its kind (:mod:`corpus_kz.kinds`). Constructors check
every field against its kind and the rules that tie fields together, and
raise :class:`~corpus_kz.kinds.FieldError` with the found and expected
values. The same declarations give the JSON file shape (:func:`to_dict`,
:func:`from_dict`), the JSON Schemas and the Hugging Face features.

Every annotation record (not the registry's entities) carries its
provenance: ``origin`` is ``"gold"`` or ``"predicted:<rule>"``, and
``confidence`` is None for gold and a number from 0 to 1 for a prediction.
Both are optional in files: a gold record's file shape leaves them out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache

from . import vocab as V
from .kinds import (ENTITY_ID, EVENT_ID, ISO_DATE, ORIGIN, WIKIDATA, Date, FieldError, Fraction, Kind, Number,
                    Pattern, RecordId, Reference, SpanOf, Strings, Text, Vocab, check_fields, field_kinds, file_defaults,
                    spec)
from .span import Span

_SPAN_FIELDS = frozenset(("start", "end", "text"))
_QUOTE_ID = RecordId("q")
_ISO_DATE = re.compile(ISO_DATE)
_ORIGIN_KIND = Pattern(ORIGIN, f"'{V.GOLD}' or '{V.PREDICTED}:<rule>', e.g. '{V.PREDICTED}:direct_quote'")
_CONFIDENCE_KIND = Fraction(nullable=True)


# -- provenance: the same two fields, declared last, on every annotation record --------------------

def _origin():
    """The ``origin`` field: ``"gold"`` (the default) or ``"predicted:<rule>"``; a file may leave it out."""
    return spec(_ORIGIN_KIND, default=V.GOLD, optional_in_files=True)


def _confidence():
    """The ``confidence`` field: None (the default, for gold) or a number from 0 to 1; a file may leave it out."""
    return spec(_CONFIDENCE_KIND, default=None, optional_in_files=True)


def check_provenance(record) -> None:
    """Gold has no confidence (it is certain by definition); a prediction has one."""
    if record.origin == V.GOLD:
        if record.confidence is not None:
            raise FieldError("confidence", record.confidence,
                             f"null, since the origin is {record.origin!r} (gold is certain by definition)")
    elif record.confidence is None:
        raise FieldError("confidence", None, f"a number from 0 to 1, since the origin is {record.origin!r}")


def _check_span_record(self) -> None:
    """``__post_init__`` of a span record without rules of its own: its span and fields, then its provenance."""
    Span.__post_init__(self)  # zero-argument super() does not work with slots
    check_provenance(self)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical real-world referent in the registry (``annotations/entities.json``).

    ``role`` is required for PERSON and ORG and optional otherwise;
    ``aliases`` are the spellings the mentions use.
    """

    entity_id: str = spec(Pattern(ENTITY_ID, "lowercase ascii snake_case, e.g. 'tokayev'"))
    name: str = spec(Text())
    label: str = spec(Vocab(V.ENTITY_LABELS))
    role: str | None = spec(Vocab(V.ROLES, nullable=True), default=None)
    aliases: tuple[str, ...] = spec(Strings(surface=True), default=())
    wikidata: str | None = spec(Pattern(WIKIDATA, "a Wikidata id like 'Q1234'", nullable=True), default=None)

    def __post_init__(self) -> None:
        check_fields(self)
        if self.label in ("PERSON", "ORG") and self.role is None:
            raise FieldError("role", None, f"one of {', '.join(V.ROLES)} for a {self.label}")

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Event:
    """An event the corpus's documents report, as the corpus declares it (``seeds/events.json``).

    ``start`` and ``end`` are its first and last day as its sources date them
    (the same day for a one-day event); ``places`` the towns, districts and
    regions it happened in, as the texts name them (a place may be listed in
    more than one spelling); ``notes`` say where the facts come from. A
    document's ``event`` and a figure's name one by its ``event_id``; the
    order of the declarations is the order of the views' categories.
    """

    event_id: str = spec(Pattern(EVENT_ID, "lowercase ascii snake_case, e.g. 'qantar_2022'"))
    name: str = spec(Text())
    start: dt.date = spec(Date())
    end: dt.date = spec(Date())
    places: tuple[str, ...] = spec(Strings())
    notes: tuple[str, ...] = spec(Strings(), default=(), optional_in_files=True)

    def __post_init__(self) -> None:
        check_fields(self)
        if self.end < self.start:
            raise FieldError("end", self.end.isoformat(), f"a day on or after its start, {self.start.isoformat()}")
        if not self.places:
            raise FieldError("places", [], "at least one place, as the texts name it, e.g. ['Almaty']")

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Zone(Span):
    """A non-body region: headline, subheading, byline, caption, boilerplate or question."""

    id: str = spec(RecordId("z"))
    zone: str = spec(Vocab(V.ZONES))
    origin: str = _origin()
    confidence: float | None = _confidence()

    __post_init__ = _check_span_record


@dataclass(frozen=True, slots=True)
class Mention(Span):
    """A mention of a registry entity by name or by description (``form``); ``entity_id`` points into the registry."""

    id: str = spec(RecordId("m"))
    entity_id: str = spec(Reference("entity", ENTITY_ID))
    label: str = spec(Vocab(V.ENTITY_LABELS))
    form: str = spec(Vocab(V.FORMS))
    origin: str = _origin()
    confidence: float | None = _confidence()

    __post_init__ = _check_span_record


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """Reported speech or an attributed claim: the content, without quotation marks."""

    id: str = spec(_QUOTE_ID)
    type: str = spec(Vocab(V.QUOTE_TYPES))
    origin: str = _origin()
    confidence: float | None = _confidence()

    __post_init__ = _check_span_record


@dataclass(frozen=True, slots=True)
class Attribution:
    """Links a quote to its cue and its source, and says what the source does (``act``).

    ``cue`` is the reporting verb or phrase, or None when the text has none
    (a quote standing alone in a headline). ``source`` is the expression in
    the text that names the speaker (a name, a pronoun, a group), or None
    when the text names none. Both are half-open spans. ``speaker_id`` is the
    registry entity the source resolves to; ``speaker_role`` is set only for
    group or anonymous sources that are no registry entity.
    """

    id: str = spec(RecordId("a"))
    quote_id: str = spec(Reference("quote", _QUOTE_ID.regex))
    act: str = spec(Vocab(V.ACTS))
    cue: Span | None = spec(SpanOf(Span, nullable=True))
    source: Span | None = spec(SpanOf(Span, nullable=True), default=None)
    speaker_id: str | None = spec(Reference("entity", ENTITY_ID, nullable=True), default=None)
    speaker_role: str | None = spec(Vocab(V.ROLES, nullable=True), default=None)
    origin: str = _origin()
    confidence: float | None = _confidence()

    def __post_init__(self) -> None:
        check_fields(self)
        check_provenance(self)
        if self.speaker_id is not None and self.speaker_role is not None:
            raise FieldError("speaker_role", self.speaker_role, f"null, since the role of {self.speaker_id!r} comes from the registry")
        if self.source is not None and self.speaker_id is None and self.speaker_role is None:
            raise FieldError("speaker_role", None, f"a role for the unregistered source {self.source.text!r}")


@dataclass(frozen=True, slots=True)
class Figure(Span):
    """A number that counts or measures something, normalised.

    ``value`` is null exactly when the qualifier is ``vague``. ``source`` is
    ``"author"``, the id of the attribution in whose scope the figure is
    reported, or an entity id.
    """

    id: str = spec(RecordId("f"))
    number: str = spec(Text())
    value: float | None = spec(Number(nullable=True))
    qualifier: str = spec(Vocab(V.QUALIFIERS))
    quantity: str = spec(Vocab(V.QUANTITIES))
    unit: str = spec(Vocab(V.UNITS))
    event: str | None = spec(Reference("event", EVENT_ID, nullable=True))
    source: str = spec(Reference("agent", ENTITY_ID))
    origin: str = _origin()
    confidence: float | None = _confidence()

    def __post_init__(self) -> None:
        _check_span_record(self)
        if self.qualifier == "vague" and self.value is not None:
            raise FieldError("value", self.value, "null, since the qualifier is 'vague'")
        if self.qualifier != "vague" and self.value is None:
            raise FieldError("value", None, f"a non-negative number (null only when vague), for {self.number!r}")


@dataclass(frozen=True, slots=True)
class Frame(Span):
    """An expression that frames the events; ``holder`` is ``"author"``, an attribution id or an entity id.

    ``aspect`` says whether the frame speaks of the trigger or the root cause, or is None when it does not.
    """

    id: str = spec(RecordId("fr"))
    frame: str = spec(Vocab(V.FRAMES))
    holder: str = spec(Reference("agent", ENTITY_ID))
    stance: str = spec(Vocab(V.STANCES))
    aspect: str | None = spec(Vocab(V.ASPECTS, nullable=True), default=None)
    origin: str = _origin()
    confidence: float | None = _confidence()

    __post_init__ = _check_span_record


#: Layer name in the files -> record type; the order of the layers in a file.
LAYERS: dict[str, type] = {
    "zones": Zone,
    "mentions": Mention,
    "quotes": Quote,
    "attributions": Attribution,
    "figures": Figure,
    "frames": Frame,
}

#: Layer -> id prefix ("quotes" -> "q"), read off each record's ``id`` kind.
ID_PREFIX: dict[str, str] = {layer: dict(field_kinds(cls))["id"].prefix for layer, cls in LAYERS.items()}

#: Layer -> the field that names an agent ("author", an attribution or an entity): figures' source, frames' holder.
AGENT_FIELDS: dict[str, str] = {layer: name for layer, cls in LAYERS.items()
                                for name, kind in field_kinds(cls) if isinstance(kind, Reference) and kind.target == "agent"}

#: Layers whose records are spans of the text (all but attributions).
SPAN_LAYERS: tuple[str, ...] = tuple(layer for layer, cls in LAYERS.items() if issubclass(cls, Span))

#: Record type -> layer name.
LAYER_OF: dict[type, str] = {cls: layer for layer, cls in LAYERS.items()}


def renumber(layers: dict[str, list[dict]], tie=None) -> dict[str, list[dict]]:
    """Ids in text order, per layer, and every reference following them; ``layers`` in file shape, changed in place.

    Span layers are sorted by ``(start, end, tie(record))``, ``tie`` breaking
    ties between records on one span (default: the record's content, so two
    annotations that differ only in their ids renumber the same). Attributions
    follow their quotes; ``quote_id``, figure sources and frame holders follow
    the ids they name (a reference to nothing here is left as it is).
    """
    tie = tie or (lambda r: json.dumps(r, sort_keys=True, default=str))
    mapping: dict[str, str] = {}
    for layer in SPAN_LAYERS:
        layers[layer].sort(key=lambda r: (r["start"], r["end"], tie(r)))
        for n, r in enumerate(layers[layer], 1):
            mapping[r["id"]] = f"{ID_PREFIX[layer]}{n}"
    quote_order = {q["id"]: k for k, q in enumerate(layers["quotes"])}
    layers["attributions"].sort(key=lambda x: quote_order.get(x["quote_id"], -1))
    for n, x in enumerate(layers["attributions"], 1):
        mapping[x["id"]] = f"{ID_PREFIX['attributions']}{n}"
    for layer in LAYERS:
        for r in layers[layer]:
            r["id"] = mapping[r["id"]]
    for x in layers["attributions"]:
        x["quote_id"] = mapping.get(x["quote_id"], x["quote_id"])
    for layer, fld in AGENT_FIELDS.items():
        for r in layers[layer]:
            r[fld] = mapping.get(r[fld], r[fld])
    return layers


# -- file shape ----------------------------------------------------------------

def to_dict(record, complete: bool = False) -> dict:
    """A record as it is written in a file: nested spans as ``{start, end, text}``, dates ``YYYY-MM-DD``, tuples lists.

    A field a file may leave out (``optional_in_files``: ``origin`` and
    ``confidence``) is left out while it holds its default, so a gold record
    has the shape it always had; ``complete=True`` keeps every field (a
    table or a dataset, where every row has every column).
    """
    out = {}
    omit = {} if complete else file_defaults(type(record))
    for name, kind in field_kinds(type(record)):
        value = getattr(record, name)
        if name in omit and value == omit[name] and type(value) is type(omit[name]):
            continue
        if isinstance(kind, SpanOf):
            value = None if value is None else {"start": value.start, "end": value.end, "text": value.text}
        elif isinstance(kind, Date):
            value = None if value is None else value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out


def decode_fields(cls: type, raw: object, what: str | None = None) -> tuple[dict, list[FieldError]]:
    """Turn a JSON object into constructor arguments: every declared field present, nothing else.

    A field declared ``optional_in_files`` may be absent and then takes its
    default. Nested spans become :class:`~corpus_kz.span.Span`, lists of
    strings tuples, ``YYYY-MM-DD`` strings dates; the values are not
    otherwise checked (the constructor or :meth:`Kind.check` does that).
    """
    kinds, names, members, special = _plan(cls)
    # The usual case: exactly the declared fields, or all but those a file may leave out.
    if type(raw) is dict and (raw.keys() == members or raw.keys() == _required(cls)):
        if not special:
            return raw, []
        kwargs, errors = dict(raw), []
        for name, kind in special:
            if name not in raw:  # one a file may leave out (an event's notes): it takes its default
                continue
            value = _convert(name, kind, raw[name], errors)
            if value is not _BAD:
                kwargs[name] = value
        return kwargs, errors
    what = what or f"{'an' if cls.__name__[0] in 'AEIOU' else 'a'} {cls.__name__}"  # only errors need it
    optional = file_defaults(cls)
    listed = ", ".join(n for n in names if n not in optional) + (
        f" (and, optionally, {', '.join(optional)})" if optional else "")
    if not isinstance(raw, dict):
        return {}, [FieldError(None, raw, f"an object with the fields of {what}: {listed}")]
    errors = [FieldError(k, raw[k], f"no such field; the fields of {what} are {listed}") for k in raw if k not in names]
    kwargs = {}
    for name, kind in kinds:
        if name not in raw:
            # Constructor defaults are conveniences for code; a file states every field but those
            # declared optional_in_files, which take their default.
            if name not in optional:
                errors.append(FieldError(name, _Missing(), kind.expected()))
            continue
        value = _convert(name, kind, raw[name], errors)
        if value is not _BAD:
            kwargs[name] = value
    return kwargs, errors


_CONVERTED = (SpanOf, Strings, Date)
_BAD = object()


@cache
def _plan(cls: type) -> tuple[tuple, list[str], frozenset, tuple]:
    """A type's field kinds, names (as a list and a set), and the fields whose JSON value needs converting."""
    kinds = field_kinds(cls)
    names = [n for n, _ in kinds]
    return kinds, names, frozenset(names), tuple((n, k) for n, k in kinds if isinstance(k, _CONVERTED))


@cache
def _required(cls: type) -> frozenset:
    """The fields a file of ``cls`` must state: all but those declared ``optional_in_files``."""
    return _plan(cls)[2] - file_defaults(cls).keys()


def _convert(name: str, kind: Kind, value: object, errors: list[FieldError]) -> object:
    """A JSON value as the record holds it (a Span, a tuple, a date); ``_BAD`` after reporting why not."""
    if value is None or not isinstance(kind, _CONVERTED):
        return value
    if isinstance(kind, SpanOf):
        span = _span(name, value, errors)
        return _BAD if span is None else span
    if isinstance(kind, Strings):
        if not isinstance(value, list):
            errors.append(FieldError(name, value, kind.expected()))
            return _BAD
        return tuple(value)
    if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        errors.append(FieldError(name, value, kind.expected()))
        return _BAD
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(FieldError(name, value, "a calendar date YYYY-MM-DD"))
        return _BAD


def from_dict(cls: type, raw: object) -> tuple[object | None, list[FieldError]]:
    """Build a record from its file shape; return it (None if broken) and its field errors."""
    kwargs, errors = decode_fields(cls, raw)
    if errors:
        return None, errors
    try:
        return cls(**kwargs), []
    except FieldError as exc:
        return None, [exc]


def _span(name: str, raw: object, errors: list[FieldError]) -> Span | None:
    if not isinstance(raw, dict) or set(raw) != _SPAN_FIELDS:
        errors.append(FieldError(name, raw, "a span {start, end, text} or null"))
        return None
    try:
        return Span(raw["start"], raw["end"], raw["text"])
    except FieldError as exc:
        errors.append(FieldError(f"{name}.{exc.field}", exc.found, exc.expected))
        return None


class _Missing:
    """Shows as 'nothing' in a problem: the field is absent, not null."""

    def __repr__(self) -> str:
        return "nothing (the field is missing)"

