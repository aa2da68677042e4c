"""A document: its verbatim text, its metadata and every annotation layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Iterator, Mapping

from . import vocab as V
from .errors import CorpusError, Problem
from .layers import LAYERS, Attribution, Entity, Figure, Frame, Mention, Quote, Sentence, Token, Zone
from .span import Span


@dataclass(frozen=True)
class Agent:
    """Who a figure or a frame belongs to, resolved: the author, an entity, or a quote's source."""

    id: str | None
    name: str
    role: str | None


@dataclass(frozen=True, eq=False)
class Document:
    """One news text and its annotations.

    All spans are half-open ``[start, end)`` into ``text``, the verbatim seed.
    ``entities`` is the corpus-wide registry the mentions point into. The
    constructor checks every span against the text and every reference, and
    raises :class:`~corpus_kz.errors.CorpusError` listing each problem.
    """

    doc_id: str
    text: str
    seed_file: str
    outlet: str
    title: str | None
    published: dt.date | None
    event: str
    genre: str
    language: str
    sha256: str
    notes: tuple[str, ...] = ()
    zones: tuple[Zone, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    figures: tuple[Figure, ...] = ()
    frames: tuple[Frame, ...] = ()
    entities: Mapping[str, Entity] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        problems = self.check(self.doc_id)
        if problems:
            raise CorpusError(problems)

    def __repr__(self) -> str:
        counts = ", ".join(f"{layer}={len(getattr(self, layer))}" for layer in LAYERS)
        return f"Document({self.doc_id!r}, {len(self.text)} chars, {counts})"

    # -- lookups -----------------------------------------------------------
    @cached_property
    def _by_id(self) -> dict[str, object]:
        return {r.id: r for layer in LAYERS for r in getattr(self, layer)}

    def __getitem__(self, record_id: str):
        """The record with this id (``doc["q3"]``)."""
        try:
            return self._by_id[record_id]
        except KeyError:
            raise KeyError(f"{self.doc_id} has no record {record_id!r}") from None

    def get(self, record_id: str, default=None):
        """The record with this id, or ``default``."""
        return self._by_id.get(record_id, default)

    @cached_property
    def _attribution_of(self) -> dict[str, Attribution]:
        return {a.quote_id: a for a in self.attributions}

    def attribution(self, quote: Quote | str) -> Attribution:
        """The attribution of a quote (by record or id)."""
        return self._attribution_of[quote if isinstance(quote, str) else quote.id]

    def zone_at(self, offset: int) -> str:
        """The zone label at a character offset: a zone label or ``"body"``."""
        for z in self.zones:
            if z.start <= offset < z.end:
                return z.zone
        return "body"

    def agent(self, ref: str) -> Agent:
        """Resolve a figure ``source`` or frame ``holder``: author, attribution id or entity id."""
        if ref == V.AUTHOR:
            return Agent(None, V.AUTHOR, None)
        record = self.get(ref)
        if isinstance(record, Attribution):
            return self.speaker(record)
        entity = self.entities[ref]
        return Agent(entity.entity_id, entity.name, entity.role)

    def speaker(self, attribution: Attribution) -> Agent:
        """The speaker of an attribution: the registry entity, or the source span with its role."""
        if attribution.speaker_id is not None:
            e = self.entities[attribution.speaker_id]
            return Agent(e.entity_id, e.name, e.role)
        if attribution.source is not None:
            return Agent(None, attribution.source.text, attribution.speaker_role)
        return Agent(None, "", None)

    # -- derived layers ----------------------------------------------------
    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Sentences (NLTK Punkt with our own parameters; never across a line break)."""
        from .segment import sentences

        return sentences(self.text)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Word tokens (NLTK regexp span tokenizer)."""
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

    # -- invariants --------------------------------------------------------
    def check(self, file: str) -> list[Problem]:
        """Every cross-record problem: spans against the text, ids, references."""
        problems: list[Problem] = []

        def bad(record: str | None, fld: str | None, found: str, expected: str) -> None:
            problems.append(Problem(file, record, fld, found, expected))

        n = len(self.text)

        def check_span(record: str, fld: str, span: Span) -> None:
            if span.end > n:
                bad(record, fld, f"[{span.start}, {span.end})", f"a range inside the text of {n} characters")
            elif self.text[span.start:span.end] != span.text:
                bad(record, fld, f"text {span.text!r} at [{span.start}, {span.end})",
                    f"the seed's {self.text[span.start:span.end]!r} (has the seed changed?)")

        seen: set[str] = set()
        for layer in LAYERS:
            for r in getattr(self, layer):
                if r.id in seen:
                    bad(r.id, "id", f"duplicate id {r.id!r}", "ids unique within the document")
                seen.add(r.id)
                if isinstance(r, Attribution):
                    for fld in ("cue", "source"):
                        if getattr(r, fld) is not None:
                            check_span(r.id, fld, getattr(r, fld))
                else:
                    check_span(r.id, "text", r)

        quote_ids = {q.id for q in self.quotes}
        attributed: dict[str, str] = {}
        attribution_ids = {a.id for a in self.attributions}
        for m in self.mentions:
            e = self.entities.get(m.entity_id)
            if e is None:
                bad(m.id, "entity_id", repr(m.entity_id), "an entity_id in the registry")
            elif e.label != m.label:
                bad(m.id, "label", repr(m.label), f"{e.label!r}, the label of entity {e.entity_id!r}")
        for a in self.attributions:
            if a.quote_id not in quote_ids:
                bad(a.id, "quote_id", repr(a.quote_id), "the id of a quote in this document")
            elif a.quote_id in attributed:
                bad(a.id, "quote_id", f"{a.quote_id!r}, already attributed by {attributed[a.quote_id]}",
                    "one attribution per quote")
            else:
                attributed[a.quote_id] = a.id
            if a.speaker_id is not None and a.speaker_id not in self.entities:
                bad(a.id, "speaker_id", repr(a.speaker_id), "an entity_id in the registry")
        for q in self.quotes:
            if q.id not in attributed:
                bad(q.id, "id", "a quote with no attribution", "exactly one attribution per quote")
        for layer, fld in (("figures", "source"), ("frames", "holder")):
            for r in getattr(self, layer):
                ref = getattr(r, fld)
                if ref != V.AUTHOR and ref not in attribution_ids and ref not in self.entities:
                    bad(r.id, fld, repr(ref), "'author', an attribution id of this document or a registry entity_id")
        return problems
