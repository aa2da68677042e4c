"""What every rule of the pre-annotator shares: the context it reads and the way it makes a record.

A rule is a function ``find(ctx) -> list[record]``. :class:`Context` holds the text, what is
known of the document (its event, the events it may report, the entity registry) and what
earlier rules found (the attributions' contents, which scope the figures' sources and the frames'
holders). Spans are half-open ``[start, end)`` into ``ctx.text``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Mapping

from ..events import bundled_events
from ..records import ID_PREFIX, LAYER_OF, Entity, Event
from ..span import Ranges, Span
from ..vocab import PREDICTED
from .calibration import probability
from .gazetteer import gazetteer_for
from .text import sentences

__all__ = ["EVENT_PLACES", "Context", "Ranges", "Scope", "event_places", "make", "record_id", "span"]


#: Places that tell the bundled corpus's three events apart, as the rules know them: more spellings
#: than the declarations list, and the places of a nationwide event. Regional knowledge of the three
#: events, not words of the texts; added to what an event of these ids declares (:func:`event_places`).
EVENT_PLACES: dict[str, tuple[str, ...]] = {
    "zhanaozen_2011": ("Zhanaozen", "Janaozen", "Zhanozen", "Mangystau", "Mangistau", "Shetpe", "Aktau"),
    "kordai_2020": ("Kordai", "Korday", "Masanchi", "Sortobe", "Zhambyl", "Jambyl"),
    "qantar_2022": ("Qantar", "Almaty", "Astana", "Nur-Sultan", "Taldykorgan", "Shymkent", "Aktobe"),
}


@lru_cache(maxsize=8)
def event_places(events: tuple[Event, ...]) -> dict[str, tuple[str, ...]]:
    """Event id -> the place names that tell it apart from the other declared events.

    The annotator guesses a text's event from them when its metadata names none, and a figure's
    year names another event only with one of its places. An event's are the places it declares
    that no other declared event does (Zhanaozen, where both the 2011 clashes and the January 2022
    protests began, tells neither apart), after :data:`EVENT_PLACES`' for its id.
    """
    shared = {p for p, n in Counter(p for e in events for p in set(e.places)).items() if n > 1}
    return {e.event_id: tuple(dict.fromkeys([*EVENT_PLACES.get(e.event_id, ()),
                                             *(p for p in e.places if p not in shared)]))
            for e in events}


@dataclass(frozen=True, slots=True)
class Scope:
    """Reported content ``[start, end)`` and whose it is: an attribution id (the agent of what it contains)."""

    start: int
    end: int
    agent: str


def make(cls: type, rule: str, confidence: float, **fields_):
    """A record of ``cls`` predicted by ``rule`` (its origin is ``predicted:<rule>``).

    ``confidence`` is the rule's raw score in [0, 1]; the record's is the probability the shipped
    calibration gives it (:mod:`.calibration`), or the raw score inside :func:`.calibration.raw_scores`.
    """
    raw = round(float(confidence), 3)
    return cls(**fields_, origin=f"{PREDICTED}:{rule}",
               confidence=round(probability(LAYER_OF[cls], rule, raw), 3))


def record_id(layer: str, n: int) -> str:
    """The id of the ``n``-th record of ``layer``: ``record_id("quotes", 3) == "q3"``.

    The prefix is the one the records declare (:data:`corpus_kz.records.ID_PREFIX`), so that no rule
    spells a layer's prefix itself.
    """
    return f"{ID_PREFIX[layer]}{n}"


def span(text: str, start: int, end: int) -> Span:
    """The half-open span ``[start, end)`` of ``text``."""
    return Span(start, end, text[start:end])


@dataclass
class Context:
    """What the rules read: the text, the document's event and registry, and the scopes found so far."""

    text: str
    event: str | None = None
    entities: Mapping[str, Entity] = field(default_factory=dict)
    scopes: list[Scope] = field(default_factory=list)
    #: The zones found, as ``(start, end, zone)``: rules leave boilerplate alone (codebook §1).
    zones: list[tuple[int, int, str]] = field(default_factory=list)
    #: Entities a rule adds for names the registry does not know (entity id -> Entity).
    new_entities: dict[str, Entity] = field(default_factory=dict)
    #: The mentions found (the mention rules set them): what a speaker's pronoun may refer back to.
    mentions: list = field(default_factory=list)
    #: The events the corpus declares (default: the bundled corpus's): their places and years.
    events: tuple[Event, ...] = field(default_factory=bundled_events)
    # The boilerplate of `zones` as Ranges, and the list and length it was made from: rebuilt when the
    # zones rule replaces the list or a caller appends to it.
    _boilerplate: tuple[list, int, Ranges] | None = field(default=None, init=False, repr=False, compare=False)
    # The scopes as _Scopes, and the list and length it was made from (rebuilt likewise).
    _scopes: tuple[list, int, _Scopes] | None = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentences(self.text)

    @cached_property
    def event_year(self) -> int | None:
        """The year the document's event began, if it is a declared one: the year of a date that gives none."""
        return next((e.start.year for e in self.events if e.event_id == self.event), None)

    @cached_property
    def gazetteer(self):
        """The gazetteer of :attr:`entities`, looked up once per text (a lookup hashes every entity)."""
        return gazetteer_for(self.entities)

    @cached_property
    def named(self) -> frozenset[str]:
        """The registry entities the text names (by a name or alias, not by a description)."""
        return frozenset(entity_id for _, _, entity_id in self.gazetteer.find(self.text))

    @cached_property
    def descriptions_apply(self) -> bool:
        """Whether a description ("the president", "police") may be linked to a registry entity.

        Only in a text that names one of the registry's people or places: the registry describes
        the world of the corpus, and "the president" of a story about another country is not its
        president.
        """
        return any(self.entities[k].label in ("PERSON", "GPE") for k in self.named if k in self.entities)

    @property
    def boilerplate(self) -> list[tuple[int, int]]:
        """The boilerplate zones of :attr:`zones` as ``(start, end)``, in the zones' order."""
        return [(s, e) for s, e, z in self.zones if z == "boilerplate"]

    def touches_boilerplate(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a boilerplate zone (codebook §1).

        The one test of "inside page furniture" the rules use: nothing is annotated in boilerplate,
        and a record is refused when it shares any character with it. A bisection, not a scan.
        """
        cached = self._boilerplate
        if cached is None or cached[0] is not self.zones or cached[1] != len(self.zones):
            cached = self._boilerplate = (self.zones, len(self.zones), Ranges(self.boilerplate))
        return cached[2].touches(start, end)

    def scope_at(self, start: int, end: int) -> Scope | None:
        """The innermost reported content that holds ``[start, end)``, or None (the author's voice).

        The shortest of those that hold it, the first in :attr:`scopes` of equally short ones.
        """
        cached = self._scopes
        if cached is None or cached[0] is not self.scopes or cached[1] != len(self.scopes):
            cached = self._scopes = (self.scopes, len(self.scopes), _Scopes(self.scopes))
        return cached[2].innermost(start, end)


class _Scopes:
    """Scopes sorted by start, with how far the first k of them reach: :meth:`Context.scope_at` by bisection.

    A question reads only the scopes that start close enough before it to be shorter than the best
    found so far, not every scope of the text (which made a long text quadratic, issue 17).
    """

    __slots__ = ("_scopes", "_order", "_starts", "_reach")

    def __init__(self, scopes: list[Scope]):
        self._scopes = scopes
        self._order = sorted(range(len(scopes)), key=lambda i: (scopes[i].start, i))
        self._starts = [scopes[i].start for i in self._order]
        self._reach = list(accumulate((scopes[i].end for i in self._order), max))

    def innermost(self, start: int, end: int) -> Scope | None:
        best: tuple[int, int] | None = None  # (length, position in the scopes' list)
        j = bisect_right(self._starts, start) - 1
        while j >= 0 and self._reach[j] >= end and (best is None or end - self._starts[j] <= best[0]):
            i = self._order[j]
            s = self._scopes[i]
            if end <= s.end and (best is None or (s.end - s.start, i) < best):
                best = (s.end - s.start, i)
            j -= 1
        return None if best is None else self._scopes[best[1]]
