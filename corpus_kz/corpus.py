"""The corpus: documents in manifest order, the entity registry they share, and what it says about itself.

Reading a corpus directory is :mod:`corpus_kz.storage`'s job, and building
one from parts :mod:`corpus_kz.build`'s; a Corpus is what they return. The
pandas views are methods here but live in :mod:`corpus_kz.views`, so that
pandas loads only when one is asked for.
"""

from __future__ import annotations

from pathlib import Path
TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Iterable, Iterator, Mapping

    from .records import Entity, Event

from . import vocab as V
from .document import Document
from .errors import CorpusError, NotFoundError, Problem, deprecated, listing
from .events import declared
from .metadata import CorpusMetadata
from .records import AGENT_FIELDS
from .registry import Registry, merge, same_but_spellings
from .tables import TABLES


def _view(name: str):
    def view(self):
        from .views import table

        return table(self, name)

    view.__name__ = view.__qualname__ = name
    view.__doc__ = TABLES[name].description.rstrip(".") + " (a pandas DataFrame; vocabularies are ordered categoricals)."
    return view


class Corpus:
    """The documents of a corpus and their shared entity registry.

    ``registry`` is the corpus's :class:`~corpus_kz.registry.Registry`; every
    document resolves its entities through it (``doc.registry is
    corpus.registry``), and one whose entities differ is refused. Without
    one, it is made of the entities the documents point at. Duplicate
    doc_ids are refused. ``metadata`` is what the corpus says about itself
    (:class:`~corpus_kz.metadata.CorpusMetadata`).

    Iterate over it, ask ``len()``, look a document up by ``doc_id``, by
    position or by slice (``corpus[0:2]`` is a Corpus too), and get pandas
    views: ``documents()``, ``entities()``, ``mentions()``, ``quotes()``,
    ``attributions()``, ``figures()``, ``frames()``, ``zones()``,
    ``sentences()``.
    """

    def __init__(self, documents: Iterable[Document], registry: Registry | Mapping[str, Entity] | None = None,
                 path: Path | None = None, metadata: CorpusMetadata | None = None):
        documents = list(documents)
        if registry is None:  # the documents' own registries, which must agree
            registry = _merged(documents)
        self._registry = registry if isinstance(registry, Registry) else Registry(registry)
        self._docs = [_sharing(d, self._registry) for d in documents]
        self._by_id: dict[str, Document] = {}
        position: dict[str, int] = {}
        for n, d in enumerate(self._docs, 1):
            if d.doc_id in position:
                raise CorpusError([Problem("the corpus", d.doc_id, "doc_id", f"{d.doc_id!r} a second time "
                                           f"(documents #{position[d.doc_id]} and #{n})",
                                           "a doc_id no other document of the corpus has")])
            self._by_id[d.doc_id], position[d.doc_id] = d, n
        self.path = path
        self.metadata = metadata if metadata is not None else CorpusMetadata()

    def __iter__(self) -> Iterator[Document]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def __getitem__(self, key: str | int | slice) -> Document | Corpus:
        if isinstance(key, slice):
            return Corpus(self._docs[key], self.registry, self.path, self.metadata)
        if isinstance(key, int) and not isinstance(key, bool):
            try:
                return self._docs[key]
            except IndexError:
                n = len(self._docs)
                raise IndexError(f"document index {key} is out of range: the corpus has {n} document"
                                 f"{'s' * (n != 1)} (indices 0 to {n - 1}, or -{n} to -1)") from None
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise NotFoundError(f"no document {key!r}; the corpus has {len(self)} document{'s' * (len(self) != 1)}: "
                                    f"{listing(self._by_id)}") from None
        raise TypeError(f"a corpus is indexed by doc_id, position or slice, not {type(key).__name__}")

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._by_id

    @property
    def doc_ids(self) -> list[str]:
        return list(self._by_id)

    @property
    def registry(self) -> Registry:
        """The entity registry, read-only: every document resolves its entities through this same object."""
        return self._registry

    @property
    def entities_by_id(self) -> Registry:
        """Deprecated: the registry is :attr:`registry` (``entities()`` is its table)."""
        deprecated("Corpus.entities_by_id", "Corpus.registry")
        return self.registry

    def __repr__(self) -> str:
        where = f" from {self.path}" if self.path is not None else ""
        return f"<Corpus of {len(self)} documents, {len(self.registry)} entities{where}>"

    @property
    def events(self) -> tuple[Event, ...]:
        """The events the corpus declares (its ``seeds/events.json``), read-only, in their order.

        A corpus that declares none (a directory made with 0.4, or a corpus
        built in memory without them in its ``metadata``) has the bundled
        corpus's three (:mod:`corpus_kz.events`).
        """
        return declared(self.metadata.events)


def referenced(doc: Document) -> set[str]:
    """The registry entities a document's records point at: mentions, speakers, figure sources, frame holders."""
    out = {m.entity_id for m in doc.mentions} | {a.speaker_id for a in doc.attributions if a.speaker_id is not None}
    for layer, fld in AGENT_FIELDS.items():
        out.update(ref for r in getattr(doc, layer) if (ref := getattr(r, fld)) in doc.registry)
    out.discard(V.AUTHOR)
    return out


def _merged(documents: list[Document]) -> Registry:
    """One registry of the entities the documents point at; two different entities under one id are refused."""
    merged: dict[str, Entity] = {}
    owner: dict[str, str] = {}
    for d in documents:
        conflicts = merge(merged, (d.registry[k] for k in sorted(referenced(d))))
        if conflicts:
            kept, refused = conflicts[0]
            raise CorpusError([Problem("the corpus", d.doc_id, "registry", f"{refused.entity_id!r} as {refused!r}",
                                       f"{kept!r}, as {owner[kept.entity_id]} has it (give the corpus one registry)")])
        for k in referenced(d):
            owner.setdefault(k, d.doc_id)
    return Registry(merged)


def _covers(entity: Entity | None, theirs: Entity) -> bool:
    """Whether the corpus's ``entity`` is the document's, spelled as many ways or more (so its mentions still are)."""
    return entity == theirs or (entity is not None and same_but_spellings(entity, theirs)
                                and set(theirs.aliases) <= set(entity.aliases))


def _sharing(doc: Document, registry: Registry) -> Document:
    """``doc`` resolving its entities through ``registry``: the same document if it does, else a copy that does.

    A document built against another registry is accepted only if every
    entity it points at is the same in ``registry``, so the corpus's registry
    and its documents can never say different things.
    """
    if doc.registry is registry:
        return doc
    if not isinstance(doc, Document):
        raise TypeError(f"a corpus holds Documents, not {type(doc).__name__}")
    differ = [k for k in sorted(referenced(doc)) if not _covers(registry.get(k), doc.registry[k])]
    if differ:
        k = differ[0]
        raise CorpusError([Problem("the corpus", doc.doc_id, "registry", f"{k!r} as {doc.registry[k]!r}"
                                   + (f" (and {len(differ) - 1} more)" if len(differ) > 1 else ""),
                                   f"{registry.get(k)!r}, the corpus registry's entity {k!r}" if k in registry
                                   else f"an entity {k!r} in the corpus registry, which has none")])
    shared = object.__new__(Document)  # a shallow copy: the caller's document keeps its own registry
    shared.__dict__.update(doc.__dict__)
    object.__setattr__(shared, "registry", registry)
    return shared


for _name in TABLES:
    setattr(Corpus, _name, _view(_name))
del _name
