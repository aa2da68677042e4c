"""Annotation records, one frozen dataclass per layer.

Every span-bearing record is a :class:`~corpus_kz.span.Span` (half-open
``[start, end)``) with the layer's fields added; relations point at other
records by id (``quote_id``, ``entity_id``, ``source``, ``holder``), never by
copied offsets. Constructors check everything a record can check alone and
raise :class:`~corpus_kz.span.FieldError` with the found and expected values.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from . import vocab as V
from .span import FieldError, Span, check_str, check_vocab

_ID = {"zone": "z", "mention": "m", "quote": "q", "attribution": "a", "figure": "f", "frame": "fr"}
_ID_RE = {layer: re.compile(rf"^{prefix}[0-9]+$") for layer, prefix in _ID.items()}
_ENTITY_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


def _check_id(layer: str, value: object) -> None:
    if not isinstance(value, str) or not _ID_RE[layer].match(value):
        raise FieldError("id", value, f"'{_ID[layer]}' followed by digits, e.g. '{_ID[layer]}1'")


@dataclass(frozen=True)
class Entity:
    """A canonical real-world referent in the registry (``annotations/entities.json``)."""

    entity_id: str
    name: str
    label: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.entity_id, str) or not _ENTITY_ID.match(self.entity_id):
            raise FieldError("entity_id", self.entity_id, "lowercase ascii snake_case, e.g. 'tokayev'")
        check_str("name", self.name)
        check_vocab("label", self.label, V.ENTITY_LABELS)
        if self.label in ("PERSON", "ORG"):
            check_vocab("role", self.role, V.ROLES)
        else:
            check_vocab("role", self.role, V.ROLES, nullable=True)
        if not isinstance(self.aliases, tuple) or not all(isinstance(a, str) and a for a in self.aliases):
            raise FieldError("aliases", self.aliases, "a list of non-empty strings")
        if self.wikidata is not None and not (isinstance(self.wikidata, str) and _WIKIDATA.match(self.wikidata)):
            raise FieldError("wikidata", self.wikidata, "a Wikidata id like 'Q1234' or null")

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Zone(Span):
    """A non-body region: headline, subheading, byline, caption, boilerplate or question."""

    id: str
    zone: str

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_id("zone", self.id)
        check_vocab("zone", self.zone, V.ZONES)


@dataclass(frozen=True)
class Mention(Span):
    """A mention of a registry entity; ``entity_id`` points into the registry."""

    id: str
    label: str
    entity_id: str

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_id("mention", self.id)
        check_vocab("label", self.label, V.ENTITY_LABELS)
        check_str("entity_id", self.entity_id)


@dataclass(frozen=True)
class Quote(Span):
    """Reported speech or an attributed claim: the content, without quotation marks."""

    id: str
    type: str

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_id("quote", self.id)
        check_vocab("type", self.type, V.QUOTE_TYPES)


@dataclass(frozen=True)
class Attribution:
    """Links a quote to its cue and its source.

    ``cue`` is the reporting verb or phrase, or None when the text has none
    (a quote standing alone in a headline). ``source`` is the expression in
    the text that names the speaker (a name, a pronoun, a group), or None
    when the text names none. ``speaker_id`` is
    the registry entity it resolves to; ``speaker_role`` is set only for
    group or anonymous sources that are no registry entity.
    """

    id: str
    quote_id: str
    cue: Span | None
    source: Span | None = None
    speaker_id: str | None = None
    speaker_role: str | None = None

    def __post_init__(self) -> None:
        _check_id("attribution", self.id)
        check_str("quote_id", self.quote_id)
        if self.cue is not None and not isinstance(self.cue, Span):
            raise FieldError("cue", self.cue, "a span {start, end, text} or null")
        if self.source is not None and not isinstance(self.source, Span):
            raise FieldError("source", self.source, "a span {start, end, text} or null")
        check_str("speaker_id", self.speaker_id, nullable=True)
        check_vocab("speaker_role", self.speaker_role, V.ROLES, nullable=True)
        if self.speaker_id is not None and self.speaker_role is not None:
            raise FieldError("speaker_role", self.speaker_role, f"null, since the role of {self.speaker_id!r} comes from the registry")
        if self.source is not None and self.speaker_id is None and self.speaker_role is None:
            raise FieldError("speaker_role", None, f"a role for the unregistered source {self.source.text!r}")


@dataclass(frozen=True)
class Figure(Span):
    """A number that counts or measures something, normalised.

    ``source`` is ``"author"``, the id of the attribution in whose scope the
    figure is reported, or an entity id.
    """

    id: str
    number: str
    value: float | None
    qualifier: str
    quantity: str
    unit: str
    event: str | None
    source: str

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_id("figure", self.id)
        check_str("number", self.number)
        check_vocab("qualifier", self.qualifier, V.QUALIFIERS)
        if self.qualifier == "vague":
            if self.value is not None:
                raise FieldError("value", self.value, "null, since the qualifier is 'vague'")
        elif (not isinstance(self.value, (int, float)) or isinstance(self.value, bool)
              or not math.isfinite(self.value) or self.value < 0):
            raise FieldError("value", self.value, f"a non-negative number (null only when vague), for {self.number!r}")
        check_vocab("quantity", self.quantity, V.QUANTITIES)
        check_vocab("unit", self.unit, V.UNITS)
        check_vocab("event", self.event, V.EVENTS, nullable=True)
        check_str("source", self.source)


@dataclass(frozen=True)
class Frame(Span):
    """An expression that frames the events; ``holder`` is ``"author"``, an attribution id or an entity id."""

    id: str
    frame: str
    holder: str
    stance: str

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_id("frame", self.id)
        check_vocab("frame", self.frame, V.FRAMES)
        check_str("holder", self.holder)
        check_vocab("stance", self.stance, V.STANCES)


@dataclass(frozen=True)
class Sentence(Span):
    """A sentence, derived with NLTK Punkt (our parameters, no download); ``index`` counts from 0."""

    index: int = field(default=0)


@dataclass(frozen=True)
class Token(Span):
    """A word token, derived with NLTK's span tokenizer; ``index`` counts from 0."""

    index: int = field(default=0)


#: Layer name in the files -> record type; the order of the layers in a file.
LAYERS: dict[str, type] = {
    "zones": Zone,
    "mentions": Mention,
    "quotes": Quote,
    "attributions": Attribution,
    "figures": Figure,
    "frames": Frame,
}
