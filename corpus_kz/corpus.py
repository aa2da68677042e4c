"""The corpus: documents in order, the entity registry they share, and what it says about itself.

A corpus holds its documents in memory (``Corpus(documents)``, what the
build step returns) or over a *source* that reads them when asked
(:meth:`Corpus.over`): a columnar store (:mod:`corpus_kz.storage.store`),
a selection of another corpus, several corpora joined. Either way ``len``,
``doc_ids``, ``corpus["id"]`` and iteration give Documents one at a time,
and the pandas views (:mod:`corpus_kz.views`) read the corpus's Arrow
columns (:meth:`Corpus.to_arrow`) without building a Document.

Reading a corpus directory is :mod:`corpus_kz.storage`'s job, and building
one from parts :mod:`corpus_kz.build`'s; a Corpus is what they return.
"""

from __future__ import annotations

from pathlib import Path
TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    import datetime as dt
    from typing import Callable, Iterable, Iterator, Mapping, Protocol, Sequence

    import pandas as pd
    import pyarrow as pa

    from .records import Entity, Event

    class Source(Protocol):
        """Where a lazy corpus's documents live: what :meth:`Corpus.over` takes.

        ``doc_ids`` are in corpus order and unique; ``document`` and
        ``documents`` build Documents that resolve their entities through the
        registry given; ``table`` is a flat table of :mod:`corpus_kz.arrow`
        (``documents``, ``entities`` or a layer), only ``columns`` when given.
        """

        def __len__(self) -> int: ...
        def doc_ids(self) -> list[str]: ...
        def document(self, position: int, registry: Registry) -> Document: ...
        def documents(self, registry: Registry) -> Iterator[Document]: ...
        def table(self, name: str, columns: list[str] | None = None) -> pa.Table: ...
        def batches(self, names: list[str]) -> Iterator[dict[str, pa.Table]]: ...

from . import vocab as V
from .document import Document
from .errors import CorpusError, NotFoundError, Problem, deprecated, listing
from .events import Declared, declared
from .metadata import CorpusMetadata
from .records import AGENT_FIELDS
from .registry import Registry, merge, same_but_spellings
from .tables import TABLES

#: Documents per run of :meth:`Corpus.arrow_batches` for a corpus held in memory.
BATCH = 1000
#: How a corpus is written, by format: the storage layer fills this in (the corpus never imports it).
WRITERS: dict[str, Callable[..., Path]] = {}


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
    position or by slice (``corpus[0:2]`` is a Corpus too), choose documents
    with :meth:`select`, write it with :meth:`save`, and get pandas views:
    ``documents()``, ``entities()``, ``mentions()``, ``quotes()``,
    ``attributions()``, ``figures()``, ``frames()``, ``zones()``,
    ``sentences()``. Every view of records carries its document's outlet,
    event, published date and genre.
    """

    def __init__(self, documents: Iterable[Document] = (), registry: Registry | Mapping[str, Entity] | None = None,
                 path: Path | None = None, metadata: CorpusMetadata | None = None):
        documents = list(documents)
        if registry is None:  # the documents' own registries, which must agree
            registry = _merged(documents)
        self._registry = registry if isinstance(registry, Registry) else Registry(registry)
        docs = [_sharing(d, self._registry) for d in documents]
        position: dict[str, int] = {}
        for n, d in enumerate(docs):
            if d.doc_id in position:
                raise CorpusError([Problem("the corpus", d.doc_id, "doc_id", f"{d.doc_id!r} a second time "
                                           f"(documents #{position[d.doc_id] + 1} and #{n + 1})",
                                           "a doc_id no other document of the corpus has")])
            position[d.doc_id] = n
        self.metadata = metadata if metadata is not None else CorpusMetadata()
        _check_events(docs, self.metadata)
        self._source: Source = _InMemory(docs, self._registry)
        self._position: dict[str, int] | None = position
        self.path = path

    @classmethod
    def over(cls, source: Source, registry: Registry, path: Path | None = None,
             metadata: CorpusMetadata | None = None) -> Corpus:
        """A corpus whose documents ``source`` holds and reads when asked (see the ``Source`` protocol above).

        The source answers for its documents: they were checked when it was
        made (a store when it was written), so nothing is read here.
        """
        corpus = object.__new__(cls)
        corpus._registry = registry if isinstance(registry, Registry) else Registry(registry)
        corpus._source, corpus._position = source, None
        corpus.path = path
        corpus.metadata = metadata if metadata is not None else CorpusMetadata()
        return corpus

    # -- documents -----------------------------------------------------------
    def __iter__(self) -> Iterator[Document]:
        return self._source.documents(self._registry)

    def __len__(self) -> int:
        return len(self._source)

    def _positions(self) -> dict[str, int]:
        if self._position is None:
            self._position = {doc_id: n for n, doc_id in enumerate(self._source.doc_ids())}
        return self._position

    def __getitem__(self, key: str | int | slice) -> Document | Corpus:
        if isinstance(key, slice):
            return self._subset(range(len(self))[key])
        if isinstance(key, int) and not isinstance(key, bool):
            n = len(self)
            if not -n <= key < n:
                raise IndexError(f"document index {key} is out of range: the corpus has {n} document"
                                 f"{'s' * (n != 1)} (indices 0 to {n - 1}, or -{n} to -1)")
            return self._source.document(key % n, self._registry)
        if isinstance(key, str):
            at = self._positions().get(key)
            if at is None:
                raise NotFoundError(f"no document {key!r}; the corpus has {len(self)} document{'s' * (len(self) != 1)}: "
                                    f"{listing(self._positions())}")
            return self._source.document(at, self._registry)
        raise TypeError(f"a corpus is indexed by doc_id, position or slice, not {type(key).__name__}")

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and doc_id in self._positions()

    @property
    def doc_ids(self) -> list[str]:
        return list(self._positions())

    @property
    def registry(self) -> Registry:
        """The entity registry, read-only: every document resolves its entities through this same object."""
        return self._registry

    @property
    def entities_by_id(self) -> Registry:
        """Deprecated: the registry is :attr:`registry` (``entities()`` is its table)."""
        deprecated("Corpus.entities_by_id", "Corpus.registry")
        return self.registry

    @property
    def lazy(self) -> bool:
        """Whether the documents are read when asked (a store, or a selection of one), not held in memory."""
        return not isinstance(self._source, _InMemory)

    # -- columns ---------------------------------------------------------------
    def to_arrow(self, table: str, columns: list[str] | None = None) -> pa.Table:
        """A flat table as Arrow: ``documents``, ``entities`` or a layer, in the JSON Lines export's shape.

        One row per record with its ``doc_id`` first (see
        :func:`corpus_kz.arrow.table_schema`); ``columns`` reads only those. A
        store reads them from its Parquet files; a corpus in memory builds
        them from its Documents once.
        """
        return self._source.table(table, columns)

    def arrow_batches(self, tables: Iterable[str]) -> Iterator[dict[str, pa.Table]]:
        """The flat tables ``tables`` (as :meth:`to_arrow`), in runs of whole documents, in corpus order.

        Each item maps a table's name to the rows of one run of documents: a
        store's part, or a thousand documents held in memory. What a large
        corpus is streamed by, so that memory holds one run, not the corpus.
        """
        return self._source.batches(list(tables))

    def documents(self, text: bool = False) -> pd.DataFrame:
        """One row per document: its manifest entry, and with ``text=True`` its text (a pandas DataFrame)."""
        from .views import table

        return table(self, "documents", text=text)

    # -- choosing and writing ------------------------------------------------------
    def select(self, *, outlet: str | Iterable[str] | None = None, event: str | Iterable[str] | None = None,
               genre: str | Iterable[str] | None = None,
               published: tuple[dt.date | str | None, dt.date | str | None] | None = None,
               doc_ids: Iterable[str] | None = None) -> Corpus:
        """The documents that match every criterion given, in corpus order, as a Corpus (lazy: nothing is copied).

        ``outlet``, ``event``, ``genre``: one value or several. ``published``:
        ``(from, to)``, both included, either None for open (a document with
        no date matches no range). ``doc_ids``: these documents, each of
        which must exist. The selection keeps the corpus's registry.
        """
        from .views import selected

        return self._subset(selected(self, outlet=outlet, event=event, genre=genre, published=published,
                                     doc_ids=doc_ids))

    def _subset(self, positions: Sequence[int]) -> Corpus:
        if isinstance(self._source, _InMemory):
            docs = self._source.docs
            return Corpus([docs[i] for i in positions], self._registry, self.path, self.metadata)
        return Corpus.over(_Subset(self._source, list(positions)), self._registry, self.path, self.metadata)

    def save(self, path: str | Path, format: str = "standoff", *, force: bool = False,
             progress: bool = True) -> Path:
        """Write the corpus: ``"standoff"`` (a corpus directory, editable and reviewable) or ``"store"`` (Parquet).

        Written aside and moved in whole; an existing ``path`` is replaced
        only with ``force`` (see :mod:`corpus_kz.storage`). Returns the path.
        """
        try:
            write = WRITERS[format]
        except KeyError:
            raise ValueError(f"unknown format {format!r}; expected one of {', '.join(WRITERS)}") from None
        return write(self, path, force=force, progress=progress)

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


class _InMemory:
    """Documents held in a list; their Arrow tables are built once, when first asked for."""

    def __init__(self, docs: list[Document], registry: Registry):
        self.docs, self.registry = docs, registry
        self._tables: dict[str, pa.Table] = {}

    def __len__(self) -> int:
        return len(self.docs)

    def doc_ids(self) -> list[str]:
        return [d.doc_id for d in self.docs]

    def document(self, position: int, registry: Registry) -> Document:
        return self.docs[position]

    def documents(self, registry: Registry) -> Iterator[Document]:
        return iter(self.docs)

    def table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        if name not in self._tables:
            from .columns import tables

            self._tables[name] = tables(self.docs, self.registry, [name])[name]
        table = self._tables[name]
        return table if columns is None else table.select(columns)

    def batches(self, names: list[str]) -> Iterator[dict[str, pa.Table]]:
        from .columns import tables

        for a in range(0, len(self.docs), BATCH):
            yield tables(self.docs[a:a + BATCH], self.registry, names)


class _Subset:
    """Some documents of another source, by position, in the order given."""

    def __init__(self, source: Source, positions: list[int]):
        self.source, self.positions = source, positions

    def __len__(self) -> int:
        return len(self.positions)

    def doc_ids(self) -> list[str]:
        ids = self.source.doc_ids()
        return [ids[i] for i in self.positions]

    def document(self, position: int, registry: Registry) -> Document:
        return self.source.document(self.positions[position], registry)

    def documents(self, registry: Registry) -> Iterator[Document]:
        return (self.source.document(i, registry) for i in self.positions)

    def table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        import pyarrow as pa
        import pyarrow.compute as pc

        table = self.source.table(name, columns)
        if name == "entities":
            return table
        keys = table.column("doc_id") if columns is None or "doc_id" in columns else \
            self.source.table(name, ["doc_id"]).column("doc_id")
        wanted = pa.array(self.doc_ids(), pa.string())
        order = pc.index_in(keys, value_set=wanted)
        taken = pc.indices_nonzero(pc.is_valid(order))
        # Rows in the selection's document order, each document's records in their own order.
        ranked = pa.table({"doc": pc.take(order, taken), "row": taken}).sort_by([("doc", "ascending"),
                                                                                 ("row", "ascending")])
        return table.take(ranked.column("row"))

    def batches(self, names: list[str]) -> Iterator[dict[str, pa.Table]]:
        import pyarrow as pa
        import pyarrow.compute as pc

        if self.positions != sorted(self.positions):  # another order than the source's: one run, reordered
            yield {name: self.table(name) for name in names}
            return
        wanted = pa.array(self.doc_ids(), pa.string())
        for batch in self.source.batches(names):
            yield {name: t.filter(pc.is_in(t.column("doc_id"), value_set=wanted)) for name, t in batch.items()}


def _check_events(docs: list[Document], metadata: CorpusMetadata) -> None:
    """Every document's event and figure's event one the corpus declares (none declared: the bundled corpus's)."""
    rule = Declared(metadata.events, "the corpus's metadata")
    problems = [p for d in docs for p in (rule.problem("the corpus", d.doc_id, "event", d.event),
                                          *(rule.problem("the corpus", f"{d.doc_id} {f.id}", "event", f.event)
                                            for f in d.figures)) if p is not None]
    if problems:
        raise CorpusError(problems)


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
    if _name != "documents":  # a method of its own above: it may carry the texts
        setattr(Corpus, _name, _view(_name))
del _name
