"""The pre-annotator: ``corpus_kz.annotate(text, meta)`` predicts every layer a researcher corrects.

Rules only, no parser and no model, so it runs at corpus scale. Each layer is one module with a
``find(ctx)`` function; each record it makes carries ``origin`` ("predicted:<rule>") and a
``confidence``, the calibrated probability that it is right (:mod:`.calibration`). The records go through the one build step (:mod:`corpus_kz.build`), like every
other way a document is made. ``corpus_kz.annotate`` is this package, and calling it calls
:func:`annotate`.
"""

from __future__ import annotations

import sys
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Mapping

from ..build import DocumentData, build_document, sha256_of
from ..corpus import Corpus
from ..document import MANIFEST_DEFAULTS, MANIFEST_FIELDS, Document, file_entry
from ..errors import CorpusError, deprecated, listing
from ..events import Declared, bundled_events
from ..progress import bar
from ..registry import Registry, merge, with_aliases
from ..storage import load
from . import attributions, figures, frames, mentions, zones
from .base import Context, event_places

if TYPE_CHECKING:
    from typing import Iterable

    from ..records import Entity, Event

__all__ = ["annotate", "annotate_corpus", "build"]

_UNSET = object()


@cache
def bundled_registry() -> Registry:
    """The bundled corpus's registry, read once: loading it costs ~20 ms, more than annotating a long article."""
    return load().registry


def annotate(text: str, meta: Mapping | None = None, *, registry: Registry | Mapping[str, Entity] | None = None,
             events: Iterable[Event] | None = None, entities=_UNSET) -> Document:
    """A :class:`~corpus_kz.Document` of ``text`` with predicted layers.

    ``meta`` holds manifest fields (doc_id, outlet, event, …; another key is a ValueError); what it
    leaves out is filled in (``doc_id`` from the text's checksum, ``event`` guessed from the text,
    ``sha256`` always computed, the rest as ``corpus-kz add`` fills them). ``registry`` is what
    speakers and mentions are linked to (default: the bundled corpus's; ``entities=`` is its
    deprecated name). The document's own registry holds the entities its records use.

    ``events`` are the events the document may report: the declarations of the corpus it is for
    (``corpus.events``). The event is guessed among them, by their places, and a figure's event by
    their years and places; an event ``meta`` gives must be one of them (else a ValueError). Without
    ``events``, the rules know the bundled corpus's, and an event ``meta`` gives is taken as it is:
    the corpus the document goes into checks it.
    """
    _check_input(text, meta)
    if entities is not _UNSET:
        deprecated("annotate(entities=…)", "annotate(registry=…)")
        registry = entities
    declared = bundled_events() if events is None else tuple(events)
    entry, known = _entry(text, meta, declared, strict=events is not None)
    lookup = bundled_registry() if registry is None else registry
    ctx = Context(text=text, event=known, entities=lookup, events=declared)
    layers = _layers(ctx)
    used = {m.entity_id for m in layers["mentions"]} | {a.speaker_id for a in layers["attributions"] if a.speaker_id}
    used |= {f.source for f in layers["figures"]} | {f.holder for f in layers["frames"]}
    own = _spelled(Registry({**lookup, **ctx.new_entities}).restricted(used), layers["mentions"])
    problems = []
    doc = build_document(DocumentData(entry, text, layers, origin="corpus_kz.annotate"), own, problems, rules=False,
                         declared=Declared(declared) if events is not None else None)
    if problems:  # a rule made a record the checks refuse: a bug of the rules, reported in full
        raise CorpusError(problems)
    return doc


def _type_name(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _check_input(text: object, meta: object) -> None:
    """Refuse what is not a text (or a manifest mapping) before a rule meets it as an internal AttributeError."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(f"annotate: text is {_type_name(text)}, expected a str; decode it first, e.g. "
                        "text.decode(\"utf-8\")")
    if not isinstance(text, str):
        raise TypeError(f"annotate: text is {_type_name(text)}, expected a str (the document's text)")
    if meta is not None and not isinstance(meta, Mapping):
        raise TypeError(f"annotate: meta is {_type_name(meta)}, expected a mapping of manifest fields "
                        "(e.g. {\"doc_id\": …, \"outlet\": …}) or None")


def _spelled(registry: Registry, mentions: list) -> Registry:
    """``registry`` with each mention's spelling among its entity's aliases (codebook §2: a mention's text is one).

    The rules link "Toqaev" to ``tokayev`` across romanisations: the spelling joins the aliases of the
    document's copy of the entity, so that the prediction, once accepted, is a corpus that loads.
    """
    spellings: dict[str, list[str]] = {}
    for m in mentions:
        if m.text not in registry[m.entity_id].aliases:
            spellings.setdefault(m.entity_id, []).append(m.text)
    if not spellings:
        return registry
    return Registry({k: with_aliases(e, spellings.get(k, ())) for k, e in registry.items()})


def _entry(text: str, meta: Mapping | None, events: tuple[Event, ...], strict: bool) -> tuple[dict, str | None]:
    """The manifest entry of an annotated text (file shape), and its event if known (given or recognised).

    ``strict``: an event ``meta`` gives must be one of ``events``.
    """
    meta = dict(meta or {})
    unknown = sorted(set(meta) - set(MANIFEST_FIELDS))
    if unknown:
        raise ValueError(f"meta: no such manifest field {', '.join(map(repr, unknown))}; "
                         f"expected some of {', '.join(MANIFEST_FIELDS)}")
    ids = [e.event_id for e in events]
    if not ids:
        raise ValueError("events: none declared; a document must report one of its corpus's events")
    meta = {**MANIFEST_DEFAULTS, **{k: v for k, v in meta.items() if v is not None}}
    digest = sha256_of(text)
    doc_id = meta.get("doc_id") or f"doc-{digest[:12]}"
    notes = list(meta["notes"])
    known = meta.get("event")
    if known is None:
        known, note = _guess_event(text, events)
        notes.append(note)
    elif strict and known not in ids:
        raise ValueError(f"meta: event {known!r} is not one of the declared events ({listing(ids)})")
    # A document must name a declared event; its figures say None when none was recognised.
    meta.update(doc_id=doc_id, seed_file=meta.get("seed_file") or f"{doc_id}.txt",
                outlet=meta.get("outlet") or "unknown", event=known or ids[-1], sha256=digest, notes=notes)
    return file_entry(meta), known


def _layers(ctx: Context) -> dict[str, list]:
    """Every layer's records, each rule reading what the earlier ones found."""
    found = {"zones": zones.find(ctx)}
    # Nothing is annotated inside page furniture (codebook §1). The attribution rules skip furniture
    # themselves, but read a sentence unless furniture holds all of it, so a quote may still run over an
    # embedded post's links (issue 17; tests/annotate/test_predictions_as_gold.py marks it).
    # Mentions before attributions: a speaker the registry does not know links to the entity the
    # mention rules made for its name.
    found["mentions"] = _outside(mentions.find(ctx), ctx)
    found["quotes"], found["attributions"] = attributions.find(ctx)
    found["figures"] = _outside(figures.find(ctx), ctx)
    found["frames"] = _outside(frames.find(ctx), ctx)
    return found


def _outside(records: list, ctx: Context) -> list:
    return [r for r in records if not ctx.touches_boilerplate(r.start, r.end)]


def _guess_event(text: str, events: tuple[Event, ...]) -> tuple[str | None, str]:
    """The declared event whose place names occur most often in ``text`` (None if none does; the first
    declared of a tie), and a note saying so."""
    places = event_places(events)
    counts = {e.event_id: sum(text.count(w) for w in places[e.event_id]) for e in events}
    best = max(counts, key=counts.__getitem__)
    if counts[best] == 0:
        return None, (f"event not recognised: no event's place names occur in the text; the document says "
                      f"{events[-1].event_id!r} because it must say one, and its figures' event is null")
    return best, f"event guessed as {best!r} from its place names"


def build(training) -> callable:
    """For :func:`corpus_kz.scoring.evaluate.leave_one_out`: ``annotate`` with the training documents' registry only."""
    registry = training[0].registry if training else Registry()

    def predict(text: str, meta: Mapping) -> Document:
        return annotate(text, meta, registry=registry)

    return predict


def annotate_corpus(corpus: Corpus, *, redo: bool = False, progress: bool | None = None) -> Corpus:
    """``corpus`` with every document that has no annotations pre-annotated (all of them with ``redo``).

    Events are the corpus's declarations (``corpus.events``). Speakers and mentions link to the
    corpus's registry and the bundled one; an entity a prediction uses is added to the corpus's
    registry, and a name neither knows becomes a new entity, which later documents link to as well.
    Returns a new :class:`~corpus_kz.Corpus` with the merged registry; annotated documents are kept as
    they are. Shows a bar of characters on a terminal (``progress`` True or False to choose).
    """
    if not isinstance(corpus, Corpus):
        hint = "; for one text call corpus_kz.annotate(text)" if isinstance(corpus, (str, bytes)) else ""
        raise TypeError(f"annotate_corpus: corpus is {_type_name(corpus)}, expected a corpus_kz.Corpus "
                        f"(e.g. corpus_kz.load(path)){hint}")
    # Grown in place, one document at a time: a registry copied per document would cost its size each time.
    registry = dict(corpus.registry)
    # Link to the bundled registry too (a new corpus starts with none); what a prediction uses is added.
    lookup = {**bundled_registry(), **registry}
    todo = [d for d in corpus if redo or not d.annotated]
    done = {}
    shown = bar(sum(len(d.text) for d in todo), "pre-annotating", "char", show=progress if todo else False,
                unit_scale=True)
    for doc in todo:
        predicted = annotate(doc.text, doc.metadata(), registry=lookup, events=corpus.events)
        merge(registry, predicted.registry.values())  # new entities, and the spellings the predictions link
        merge(lookup, predicted.registry.values())
        done[doc.doc_id] = predicted
        shown.update(len(doc.text))
    shown.close()
    step = f"pre-annotated {len(done)} document{'s' * (len(done) != 1)} with corpus_kz.annotate"
    return Corpus([done.get(d.doc_id, d) for d in corpus], Registry(registry), corpus.path,
                  corpus.metadata.with_step(step))


class _CallableModule(ModuleType):
    """This package, callable as :func:`annotate`.

    ``corpus_kz.annotate(text, meta)`` is the pre-annotator's public name, and ``corpus_kz.annotate``
    is also the package that holds it: Python binds a package to its parent's attribute when it is
    imported, so a function of that name in ``corpus_kz`` would be replaced by this module the first
    time anything imported ``corpus_kz.annotate.batch``. A callable module is the documented way
    (a module's ``__class__`` may be set to a ``ModuleType`` subclass) to be both.
    """

    def __call__(self, text: str, meta: Mapping | None = None, *, registry=None, events=None,
                 entities=_UNSET) -> Document:
        return annotate(text, meta, registry=registry, events=events, entities=entities)


sys.modules[__name__].__class__ = _CallableModule
