"""The events a corpus declares, and the bundled corpus's, which a corpus that declares none has.

A corpus declares the events its documents report in a file of its own,
``seeds/events.json``: an array of :class:`~corpus_kz.records.Event` records
(``event_id``, ``name``, ``start``, ``end``, ``places``, ``notes``), in the
order its views and datasets list them. The build step
(:mod:`corpus_kz.build`) checks every document's ``event`` and every
figure's against them (:class:`Declared`), and ``corpus.events`` returns them.

A corpus directory without the file (every corpus made with corpus_kz 0.4),
and a corpus made from parts that carry none, declares none. It is checked
against the bundled corpus's ids (:data:`corpus_kz.vocab.EVENTS`, so that
loading it opens no file outside its directory), and its declarations are the
bundled corpus's, read from the bundled corpus when first asked for
(:func:`bundled_events`). Standard library only.
"""

from __future__ import annotations

import json
from functools import cache

TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Iterable

from . import vocab as V
from .bundled import bundled_path
from .errors import CorpusError, Problem, json_type, listing, record_name, show
from .records import Event, from_dict

__all__ = ["FILE", "Declared", "bundled_events", "declared", "decode_events"]

#: Where a corpus directory declares its events (:attr:`corpus_kz.storage.Layout.EVENTS`).
FILE = "seeds/events.json"


def decode_events(raws: object, file: str) -> tuple[tuple[Event, ...], list[Problem]]:
    """The events of a declarations file (records in file shape, or built), in order, and every problem found."""
    if not isinstance(raws, (list, tuple)):
        return (), [Problem(file, None, None, json_type(raws), "an array of event records, one per event")]
    out: dict[str, Event] = {}
    problems: list[Problem] = []
    for i, raw in enumerate(raws):
        event, errors = (raw, []) if isinstance(raw, Event) else from_dict(Event, raw)
        rid = record_name(raw, "event_id", f"#{i}") if event is None else event.event_id
        problems += [Problem(file, rid, err.field, show(err.found), err.expected) for err in errors]
        if event is None:
            continue
        if event.event_id in out:
            problems.append(Problem(file, rid, "event_id", f"duplicate id {rid!r}", "unique event ids"))
        else:
            out[event.event_id] = event
    return tuple(out.values()), problems


@cache
def bundled_events() -> tuple[Event, ...]:
    """The events the bundled corpus declares (its ``seeds/events.json``), read once."""
    path = bundled_path() / FILE
    events, problems = decode_events(json.loads(path.read_bytes()), str(path))
    if problems:  # the package's own data: a test loads it as any corpus is loaded
        raise CorpusError(problems)
    return events


def declared(events: tuple[Event, ...] | None) -> tuple[Event, ...]:
    """A corpus's declarations: ``events``, or the bundled corpus's when it declares none (None)."""
    return bundled_events() if events is None else events


class Declared:
    """The event ids a corpus's documents and figures may name, and what a problem says was expected.

    ``events`` None: the corpus declares none, and the bundled corpus's ids
    are the ones it may name. ``file`` is where the declarations were read.
    """

    __slots__ = ("ids", "expected")

    def __init__(self, events: Iterable[Event] | None, file: str | None = None):
        if events is None:
            self.ids = frozenset(V.EVENTS)
            self.expected = (f"one of the bundled corpus's events, {listing(V.EVENTS)} (this corpus declares none; "
                             f"declare its own in {FILE})")
        else:
            ids = [e.event_id for e in events]
            self.ids = frozenset(ids)
            self.expected = f"an event that {file or 'the corpus'} declares: {listing(ids)}"

    def problem(self, file: str, record: str | None, field: str, event: object) -> Problem | None:
        """The problem of a record that names ``event``, or None if it is declared (or None: no event)."""
        if event is None or event in self.ids:
            return None
        return Problem(file, record, field, show(event), self.expected)
