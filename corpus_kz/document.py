"""A document: its verbatim text, its metadata and every annotation layer."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, wraps
from operator import attrgetter
TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Collection, Iterator, Mapping

    from .segment import Sentence, Token

from . import vocab as V
from .errors import CorpusError, NotFoundError, Problem, deprecated, listing, show
from .kinds import DOC_ID, EVENT_ID, SEED_FILE, SHA256, Date, FieldError, Pattern, Reference, Strings, Text, Vocab, spec
from .records import (AGENT_FIELDS, ID_PREFIX, LAYERS, Attribution, Entity, Figure, Frame, Mention, Quote, Zone,
                      check_fields, decode_fields, field_kinds)
from .registry import Registry
from .span import Span


@dataclass(frozen=True, slots=True)
class Agent:
    """Who a quote, a figure or a frame belongs to, resolved.

    ``id`` is the registry entity id (None for the author and for group or
    anonymous sources), ``name`` the entity's name or the source as written,
    ``role`` the entity's or the source's role.
    """

    id: str | None
    name: str
    role: str | None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, eq=False)
class Document:
    """One news text and its annotations.

    All spans are half-open ``[start, end)`` into ``text``, the verbatim seed.
    ``registry`` is the entity registry the mentions, speakers and agents
    point into (in a corpus, the corpus's own: ``doc.registry is
    corpus.registry``). The constructor checks every metadata field, every
    span against the text and every reference, and raises
    :class:`~corpus_kz.errors.CorpusError` listing each problem. ``event``
    and each figure's ``event`` name events the corpus declares, which the
    build step checks (:mod:`corpus_kz.events`): a document alone knows no
    declarations.
    """

    doc_id: str = spec(Pattern(DOC_ID, "letters, digits, '_', '.' or '-', starting with a letter or digit "
                                       "(it names the annotation file)"))
    text: str = field(repr=False)
    seed_file: str = spec(Pattern(SEED_FILE, "a file name inside seeds/, e.g. '000_article.txt' "
                                             "(no absolute path, no '..')"))
    outlet: str = spec(Text())
    title: str | None = spec(Text(nullable=True))
    published: dt.date | None = spec(Date(nullable=True))
    event: str = spec(Reference("event", EVENT_ID))
    genre: str = spec(Vocab(V.GENRES))
    language: str = spec(Text())
    sha256: str = spec(Pattern(SHA256, "64 lowercase hex digits"))
    notes: tuple[str, ...] = spec(Strings(non_empty=False), default=())
    zones: tuple[Zone, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    figures: tuple[Figure, ...] = ()
    frames: tuple[Frame, ...] = ()
    registry: Registry = field(default_factory=Registry, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.registry, Registry):
            object.__setattr__(self, "registry", Registry(self.registry))
        try:
            check_fields(self)
        except FieldError as exc:
            raise CorpusError([Problem(self.doc_id if isinstance(self.doc_id, str) else "<document>", None,
                                       exc.field, show(exc.found), exc.expected)]) from None
        problems = check_layers(self.text, {layer: getattr(self, layer) for layer in LAYERS}, self.registry, self.doc_id)
        if problems:
            raise CorpusError(problems)

    def __repr__(self) -> str:
        counts = ", ".join(f"{layer}={len(getattr(self, layer))}" for layer in LAYERS)
        return f"Document({self.doc_id!r}, {len(self.text)} chars, {counts})"

    def _repr_html_(self) -> str:
        """In a notebook: the text with quotes, cues, sources, figures and frames highlighted (hover for details)."""
        return self.view()._repr_html_()

    def view(self, *layers: str):
        """The text with the chosen layers highlighted: shows itself in a notebook, ``.save(path)`` writes HTML.

        ``layers`` are some of zones, mentions, quotes, attributions (cues and
        sources), figures, frames; by default quotes, attributions, figures and frames.
        """
        from .display import DocumentView

        return DocumentView(self, layers)

    # -- lookups -----------------------------------------------------------
    @cached_property
    def _by_id(self) -> dict[str, object]:
        return {r.id: r for layer in LAYERS for r in getattr(self, layer)}

    def _missing(self, record_id: object, what: str | None = None) -> NotFoundError:
        layer = what or _layer_of_id(record_id)
        if layer is None:
            return NotFoundError(f"{self.doc_id} has no record {record_id!r}; record ids start with "
                                 + ", ".join(f"'{p}'" for p in ID_PREFIX.values()))
        ids = [r.id for r in getattr(self, layer)]
        return NotFoundError(f"{self.doc_id} has no {layer[:-1]} {record_id!r}; its {layer} are {listing(ids)}")

    def __getitem__(self, record_id: str):
        """The record with this id (``doc["q3"]``)."""
        try:
            return self._by_id[record_id]
        except (KeyError, TypeError):
            raise self._missing(record_id) from None

    def get(self, record_id: str, default=None):
        """The record with this id, or ``default``."""
        return self._by_id.get(record_id, default)

    @cached_property
    def _attribution_of(self) -> dict[str, Attribution]:
        return {a.quote_id: a for a in self.attributions}

    def attribution(self, quote: Quote | str) -> Attribution:
        """The attribution of a quote (a :class:`Quote` or its id)."""
        key = quote.id if isinstance(quote, Quote) else quote
        try:
            return self._attribution_of[key]
        except (KeyError, TypeError):
            raise self._missing(key, "quotes") from None

    def speaker(self, of: Attribution | Quote | str) -> Agent:
        """Who speaks: the registry entity, or the source as written with its role.

        ``of`` is an attribution, a quote, or the id of either.
        """
        if isinstance(of, str):
            of = self[of]
        if isinstance(of, Quote):
            of = self.attribution(of)
        if not isinstance(of, Attribution):
            raise TypeError(f"speaker() takes an Attribution, a Quote or the id of one, not {type(of).__name__}")
        if of.speaker_id is not None:
            e = self.registry[of.speaker_id]
            return Agent(e.entity_id, e.name, e.role)
        if of.source is not None:
            return Agent(None, of.source.text, of.speaker_role)
        return Agent(None, "", None)

    def agent(self, ref: str) -> Agent:
        """Resolve a figure ``source`` or frame ``holder``: ``"author"``, an attribution id or an entity id."""
        if ref == V.AUTHOR:
            return Agent(None, V.AUTHOR, None)
        record = self.get(ref) if isinstance(ref, str) else None
        if isinstance(record, Attribution):
            return self.speaker(record)
        entity = self.registry.get(ref)
        if entity is None:
            raise NotFoundError(f"{ref!r} is neither 'author', an attribution of {self.doc_id} "
                                f"({listing(a.id for a in self.attributions)}) nor one of the "
                                f"{len(self.registry)} registry entities")
        return Agent(entity.entity_id, entity.name, entity.role)

    def zone_at(self, offset: int) -> str:
        """The zone label at a character offset: a zone label or ``"body"``.

        ``offset`` must index a character of the text: ``0 <= offset < len(text)``.
        """
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise TypeError(f"zone_at() takes an integer offset, not {type(offset).__name__}")
        if not 0 <= offset < len(self.text):
            raise IndexError(f"offset {offset} is outside the text of {self.doc_id}, "
                             f"which has {len(self.text)} characters (offsets 0 to {len(self.text) - 1})")
        for z in self.zones:
            if z.start <= offset < z.end:
                return z.zone
        return "body"

    # -- derived layers ----------------------------------------------------
    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Sentences (NLTK Punkt with our own parameters; never across a line break)."""
        from .segment import sentences

        return sentences(self.text)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Word tokens (a regular expression; see :data:`corpus_kz.segment.TOKEN_PATTERN`)."""
        from .segment import tokens

        return tokens(self.text)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Non-empty lines, trimmed: the text's paragraphs."""
        from .segment import paragraphs

        return paragraphs(self.text)

    def records(self) -> Iterator[object]:
        """Every annotation record, layer by layer."""
        for layer in LAYERS:
            yield from getattr(self, layer)

    @property
    def entities(self) -> Registry:
        """Deprecated: the registry is :attr:`registry` (``entities`` is the table ``corpus.entities()``)."""
        deprecated("Document.entities", "Document.registry")
        return self.registry

    def metadata(self) -> dict:
        """The manifest entry: doc_id, seed_file, outlet, title, published, event, genre, language, sha256, notes."""
        return {name: getattr(self, name) for name in MANIFEST_FIELDS}

    @property
    def annotated(self) -> bool:
        """Whether any layer holds a record (a document added with ``corpus-kz add`` has none yet)."""
        return any(getattr(self, layer) for layer in LAYERS)


_UNSET = object()
_generated_init = Document.__init__


@wraps(_generated_init)
def _init(self, *args, entities=_UNSET, **kwargs) -> None:
    # The registry was the field ``entities`` until 0.4; the old keyword works for a release.
    if entities is not _UNSET:
        deprecated("Document(entities=…)", "Document(registry=…)")
        kwargs["registry"] = entities
    _generated_init(self, *args, **kwargs)


Document.__init__ = _init

#: The fields of a manifest entry: a document's metadata, without the text it points to.
MANIFEST_FIELDS: tuple[str, ...] = tuple(name for name, _ in field_kinds(Document))

#: What a new document's entry says when it is not told (``corpus-kz add``, ``corpus_kz.annotate``).
MANIFEST_DEFAULTS = {"title": None, "published": None, "genre": "report", "language": "en", "notes": ()}


def file_entry(meta: Mapping) -> dict:
    """A manifest entry in its file shape (dates as ``YYYY-MM-DD``, lists for tuples), fields in file order.

    ``meta`` holds manifest fields as a :class:`Document` holds them (or
    already in file shape); a field it lacks is left out, for the checks to name.
    """
    out = {}
    for name in MANIFEST_FIELDS:
        if name in meta:
            value = meta[name]
            out[name] = (value.isoformat() if isinstance(value, dt.date) else list(value) if isinstance(value, tuple)
                         else value)
    return out


def manifest_entry_errors(raw: object) -> tuple[dict, list[FieldError]]:
    """A manifest entry's constructor arguments and every field error, as the loader reports them."""
    kwargs, errors = decode_fields(Document, raw, "a manifest entry")
    for name, kind in field_kinds(Document):
        if name in kwargs and not any(e.field == name for e in errors):
            try:
                kind.check(name, kwargs[name])
            except FieldError as exc:
                errors.append(exc)
    return kwargs, errors


def _layer_of_id(record_id: object) -> str | None:
    if not isinstance(record_id, str):
        return None
    # Longest prefix first: 'fr1' is a frame, not a figure.
    for layer, prefix in sorted(ID_PREFIX.items(), key=lambda kv: -len(kv[1])):
        if record_id.startswith(prefix) and record_id[len(prefix):].isdigit():
            return layer
    return None


def check_layers(text: str, layers: Mapping[str, tuple], entities: Mapping[str, Entity] | None,
                 file: str, broken: Collection[str] = ()) -> list[Problem]:
    """Every cross-record problem: spans against the text, ids, references.

    ``entities=None`` means the registry could not be read, and ``broken``
    names registry entries that could not: references to them are not
    checked, so one fault in the registry does not report every mention.
    """
    # A broken entry stands in the registry as None: referenced, but not checked further.
    known = entities if entities is None or not broken else {**entities, **dict.fromkeys(broken)}
    problems = _span_problems(text, layers, file)
    problems += _duplicate_problems(layers, file)
    if known is not None:
        problems += _mention_problems(layers["mentions"], known, file)
    problems += _attribution_problems(layers, known, file)
    return problems


_OUTSIDE, _CHANGED = "a range inside the text of", "(has the seed changed?)"


def off_text(p: Problem) -> bool:
    """Whether ``p`` is a span that no longer matches its text: what a changed text does to every record after it."""
    return p.field in ("text", "cue", "source") and (p.expected.endswith(_CHANGED) or p.expected.startswith(_OUTSIDE))


def _span_problems(text: str, layers: Mapping[str, tuple], file: str) -> list[Problem]:
    """Ids unique in the document, and every span of every record the text's own characters."""
    problems: list[Problem] = []
    n = len(text)

    def check_span(record: str, fld: str, span: Span) -> None:
        if span.end > n:
            problems.append(Problem(file, record, fld, f"[{span.start}, {span.end})",
                                    f"{_OUTSIDE} {n} characters"))
        elif text[span.start:span.end] != span.text:
            problems.append(Problem(file, record, fld, f"text {show(span.text)} at [{span.start}, {span.end})",
                                    f"the seed's {show(text[span.start:span.end])} {_CHANGED}"))

    seen: set[str] = set()
    for layer in LAYERS:
        for r in layers[layer]:
            if r.id in seen:
                problems.append(Problem(file, r.id, "id", f"duplicate id {r.id!r}", "ids unique within the document"))
            seen.add(r.id)
            if isinstance(r, Attribution):
                for fld in ("cue", "source"):
                    if getattr(r, fld) is not None:
                        check_span(r.id, fld, getattr(r, fld))
            else:
                check_span(r.id, "text", r)
    return problems


#: What makes a record the same record twice, besides its span: a zone's zone, a mention's label, a figure's
#: quantity and source, a frame's frame and holder. Quotes are not here: the codebook gives a statement
#: reported from two sources one quote per attribution, on one span. Two alike attributions of quotes on one
#: span are the same quote twice (see _duplicate_attributions).
_IDENTITY = {"zones": ("zone",), "mentions": ("label",), "figures": ("quantity", "source"),
             "frames": ("frame", "holder")}
#: Each layer's identity as one C-level getter: a set of them per layer costs a few percent of a load.
_KEYS = {layer: attrgetter("start", "end", *fields_) for layer, fields_ in _IDENTITY.items()}
_QUOTE_KEY = attrgetter("start", "end", "type")


def _duplicate_problems(layers: Mapping[str, tuple], file: str) -> list[Problem]:
    """The same span and label twice in a layer, each named with the record that has it first."""
    problems = []
    for layer, fields_ in _IDENTITY.items():
        records, key = layers[layer], _KEYS[layer]
        if len(records) < 2 or len(set(map(key, records))) == len(records):
            continue
        first: dict[tuple, str] = {}
        for r in records:
            other = first.setdefault(key(r), r.id)
            if other != r.id:
                said = ", ".join(f"{f} {getattr(r, f)!r}" for f in fields_)
                problems.append(Problem(file, r.id, "text", f"the span [{r.start}, {r.end}) and {said} of {other}",
                                        f"each of the {layer} once: {other} and {r.id} are one record; drop one"))
    return problems + _duplicate_attributions(layers, file)


def _duplicate_attributions(layers: Mapping[str, tuple], file: str) -> list[Problem]:
    spans = list(map(_QUOTE_KEY, layers["quotes"]))
    if len(spans) == len(set(spans)):
        return []
    shared = {k for k, n in Counter(spans).items() if n > 1}
    quotes = {q.id: k for q, k in zip(layers["quotes"], spans) if k in shared}  # only these can repeat a statement
    first: dict[tuple, str] = {}
    problems = []
    for a in layers["attributions"]:
        span = quotes.get(a.quote_id)
        if span is None:
            continue  # a quote on a span of its own, or a quote_id reported as resolving to no quote
        cue, source = (None if s is None else (s.start, s.end) for s in (a.cue, a.source))
        other = first.setdefault((span, a.act, cue, source, a.speaker_id, a.speaker_role), a.id)
        if other != a.id:
            problems.append(Problem(file, a.id, "quote_id", f"the quote [{span[0]}, {span[1]}) attributed as {other} "
                                    "attributes it (act, cue, source and speaker)",
                                    f"each statement once: {other} and {a.id} are one attribution; drop one, "
                                    "with its quote"))
    return problems


def _mention_problems(mentions: tuple, known: Mapping[str, Entity | None], file: str) -> list[Problem]:
    """Each mention's entity in the registry, with the mention's label."""
    problems = []
    for m in mentions:
        e = known.get(m.entity_id, False)
        if e is False:
            problems.append(Problem(file, m.id, "entity_id", repr(m.entity_id), "an entity_id in the registry"))
        elif e is not None and e.label != m.label:
            problems.append(Problem(file, m.id, "label", repr(m.label), f"{e.label!r}, the label of entity {e.entity_id!r}"))
    return problems


def _attribution_problems(layers: Mapping[str, tuple], known: Mapping[str, Entity | None] | None,
                          file: str) -> list[Problem]:
    """One attribution per quote; speakers, figure sources and frame holders that resolve."""
    problems = []
    quote_ids = {q.id for q in layers["quotes"]}
    attribution_ids = {a.id for a in layers["attributions"]}
    attributed: dict[str, str] = {}
    for a in layers["attributions"]:
        if a.quote_id not in quote_ids:
            problems.append(Problem(file, a.id, "quote_id", repr(a.quote_id), "the id of a quote in this document"))
        elif a.quote_id in attributed:
            problems.append(Problem(file, a.id, "quote_id", f"{a.quote_id!r}, already attributed by "
                                    f"{attributed[a.quote_id]}", "one attribution per quote"))
        else:
            attributed[a.quote_id] = a.id
        if known is not None and a.speaker_id is not None and a.speaker_id not in known:
            problems.append(Problem(file, a.id, "speaker_id", repr(a.speaker_id), "an entity_id in the registry"))
    problems += [Problem(file, q.id, "id", "a quote with no attribution", "exactly one attribution per quote")
                 for q in layers["quotes"] if q.id not in attributed]
    for layer, fld in AGENT_FIELDS.items():
        for r in layers[layer]:
            ref = getattr(r, fld)
            if ref != V.AUTHOR and ref not in attribution_ids and known is not None and ref not in known:
                problems.append(Problem(file, r.id, fld, repr(ref),
                                        "'author', an attribution id of this document or a registry entity_id"))
    return problems
