"""The pre-annotator: ``corpus_kz.annotate(text, meta)`` predicts every layer a researcher corrects.

Rules only, no parser and no model, so it runs at corpus scale. Each layer is one module with a
``find(ctx)`` function; each record it makes carries ``origin`` ("predicted:<rule>") and a
``confidence``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from ..vocab import EVENTS
from .base import EVENT_PLACES, Context

if TYPE_CHECKING:
    from ..document import Document
    from ..records import Entity

__all__ = ["annotate", "annotate_corpus", "build"]


@cache
def _bundled_registry() -> Mapping[str, Entity]:
    # Read once: loading the bundled corpus costs ~20 ms, more than annotating a long article.
    from ..storage import load

    return MappingProxyType(dict(load().entities_by_id))


def annotate(text: str, meta: Mapping | None = None, *, entities: Mapping[str, Entity] | None = None) -> Document:
    """A :class:`~corpus_kz.Document` of ``text`` with predicted layers.

    ``meta`` holds manifest fields (doc_id, outlet, event, …; another key is a ValueError); what it
    leaves out is filled in (``doc_id`` from the text's checksum, ``event`` guessed from the text,
    ``sha256`` always computed, the rest as ``corpus-kz add`` fills them). ``entities`` is the
    registry speakers and mentions are linked to (default: the bundled corpus's).
    """
    from ..document import MANIFEST_FIELDS, Document
    from ..storage.adding import DEFAULTS
    from . import attributions, figures, frames, mentions, zones

    meta = dict(meta or {})
    unknown = sorted(set(meta) - set(MANIFEST_FIELDS))
    if unknown:
        raise ValueError(f"meta: no such manifest field {', '.join(map(repr, unknown))}; "
                         f"expected some of {', '.join(MANIFEST_FIELDS)}")
    meta = {**DEFAULTS, **{k: v for k, v in meta.items() if v is not None}}
    registry = dict(_bundled_registry() if entities is None else entities)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = meta.get("doc_id") or f"doc-{digest[:12]}"
    notes = list(meta["notes"])
    event = meta.get("event")
    known = event
    if event is None:
        known, note = _guess_event(text)
        notes.append(note)
        # A document must name an event of the vocabulary; its figures say None when none was recognised.
        event = known or EVENTS[-1]
    ctx = Context(text=text, event=known, entities=registry)
    found_zones = zones.find(ctx)
    # Nothing is annotated inside page furniture (codebook §1); the attribution rules skip it themselves.
    furniture = [(s, e) for s, e, z in ctx.zones if z == "boilerplate"]
    # Mentions before attributions: a speaker the registry does not know links to the entity the
    # mention rules made for its name.
    found_mentions = _outside(mentions.find(ctx), furniture)
    quotes, links = attributions.find(ctx)
    found_figures = _outside(figures.find(ctx), furniture)
    found_frames = _outside(frames.find(ctx), furniture)
    used = {m.entity_id for m in found_mentions} | {a.speaker_id for a in links if a.speaker_id}
    used |= {f.source for f in found_figures} | {f.holder for f in found_frames}
    return Document(
        doc_id=doc_id, text=text, seed_file=meta.get("seed_file") or f"{doc_id}.txt",
        outlet=meta.get("outlet") or "unknown", title=meta["title"], published=meta["published"], event=event,
        genre=meta["genre"], language=meta["language"], sha256=digest, notes=tuple(notes),
        zones=tuple(found_zones), quotes=tuple(quotes), attributions=tuple(links), mentions=tuple(found_mentions),
        figures=tuple(found_figures), frames=tuple(found_frames),
        entities={k: e for k, e in {**registry, **ctx.new_entities}.items() if k in used})


def _outside(records: list, spans: list[tuple[int, int]]) -> list:
    return [r for r in records if not any(r.start < e and s < r.end for s, e in spans)]


def _guess_event(text: str) -> tuple[str | None, str]:
    """The event whose place names occur most often in ``text`` (None if none does), and a note saying so."""
    counts = {e: sum(text.count(w) for w in EVENT_PLACES.get(e, ())) for e in EVENTS}
    best = max(EVENTS, key=lambda e: counts[e])
    if counts[best] == 0:
        return None, (f"event not recognised: no event's place names occur in the text; the document says "
                      f"{EVENTS[-1]!r} because it must say one, and its figures' event is null")
    return best, f"event guessed as {best!r} from its place names"


def build(training) -> callable:
    """For :func:`corpus_kz.scoring.evaluate.leave_one_out`: ``annotate`` with the training documents' registry only."""
    registry = dict(training[0].entities) if training else {}

    def predict(text: str, meta: Mapping) -> Document:
        return annotate(text, meta, entities=registry)

    return predict


def annotate_corpus(corpus, *, redo: bool = False, progress: bool = True):
    """``corpus`` with every document that has no annotations pre-annotated (all of them with ``redo``).

    Speakers and mentions link to the corpus's registry and the bundled one; an entity a prediction
    uses is copied into the corpus's registry, and a name neither knows becomes a new entity, which
    later documents link to as well. Returns a new :class:`~corpus_kz.Corpus` with the
    merged registry; annotated documents are kept as they are. Shows a progress bar when asked.
    """
    from dataclasses import replace

    from ..corpus import Corpus
    from ..scoring.evaluate import metadata

    registry = dict(corpus.entities_by_id)
    # Link to the bundled registry too (a new corpus starts with none); what a prediction uses is copied in.
    lookup = {**_bundled_registry(), **registry}
    todo = [d for d in corpus if redo or not d.annotated]
    done = {}
    bar = None
    if progress and todo:
        from tqdm.auto import tqdm

        bar = tqdm(total=sum(len(d.text) for d in todo), unit="char", unit_scale=True, desc="pre-annotating")
    for doc in todo:
        predicted = annotate(doc.text, metadata(doc), entities=lookup)
        for k, e in predicted.entities.items():
            registry.setdefault(k, e)
            lookup.setdefault(k, e)
        done[doc.doc_id] = predicted
        if bar is not None:
            bar.update(len(doc.text))
    if bar is not None:
        bar.close()
    documents = [replace(done.get(d.doc_id, d), entities=registry) for d in corpus]
    return Corpus(documents, registry, corpus.path)


class _CallableModule(type(hashlib)):
    """This package, callable as :func:`annotate`.

    ``corpus_kz.annotate(text, meta)`` is the pre-annotator's public name, and ``corpus_kz.annotate``
    is also the package that holds it: Python binds a package to its parent's attribute when it is
    imported, so a function of that name in ``corpus_kz`` would be replaced by this module the first
    time anything imported ``corpus_kz.annotate.batch``. A callable module is the documented way
    (a module's ``__class__`` may be set to a ``ModuleType`` subclass) to be both.
    """

    def __call__(self, text: str, meta: Mapping | None = None, *, entities: Mapping[str, Entity] | None = None
                 ) -> Document:
        return annotate(text, meta, entities=entities)


import sys  # noqa: E402

sys.modules[__name__].__class__ = _CallableModule
