"""The entity registry: the one mapping of entity ids to :class:`~corpus_kz.records.Entity` a corpus owns.

A corpus and every document in it hold the same :class:`Registry` object
(``doc.registry is corpus.registry``), so what a document's mentions,
speakers, figure sources and frame holders resolve to can never differ from
what the corpus lists. A registry is read-only: adding entities makes a new one.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Iterable, Iterator, Mapping

from collections.abc import Mapping as _Mapping
from dataclasses import replace

from .errors import NotFoundError, listing
from .records import Entity


class Registry(_Mapping):
    """Entity id -> :class:`~corpus_kz.records.Entity`, in the order the entities were given; read-only.

    Built from entities or from a mapping of them; two entities with one id
    are refused with a ``ValueError`` naming the id, unless they are equal.
    ``registry["tokayev"]`` raises :class:`~corpus_kz.errors.NotFoundError`,
    which says what exists.
    """

    __slots__ = ("_by_id",)

    def __init__(self, entities: Iterable[Entity] | Mapping[str, Entity] = ()):
        if isinstance(entities, Registry):
            self._by_id = entities._by_id
            return
        items = entities.items() if isinstance(entities, _Mapping) else ((e.entity_id, e) for e in entities)
        by_id: dict[str, Entity] = {}
        for key, e in items:
            if not isinstance(e, Entity):
                raise TypeError(f"registry entry {key!r}: found {type(e).__name__}, expected an Entity")
            if key != e.entity_id:
                raise ValueError(f"registry entry {key!r} holds the entity {e.entity_id!r}; expected its own id as key")
            if by_id.get(key, e) != e:
                raise ValueError(f"two different entities have the id {key!r}: {by_id[key]!r} and {e!r}")
            by_id[key] = e
        self._by_id = by_id

    def __getitem__(self, entity_id: str) -> Entity:
        try:
            return self._by_id[entity_id]
        except (KeyError, TypeError):
            raise NotFoundError(f"no entity {entity_id!r} in the registry of {len(self)}: "
                                f"{listing(self._by_id)}") from None

    def get(self, entity_id, default=None):
        return self._by_id.get(entity_id, default) if isinstance(entity_id, str) else default

    def __contains__(self, entity_id: object) -> bool:
        return isinstance(entity_id, str) and entity_id in self._by_id

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Registry):
            return self._by_id == other._by_id
        return isinstance(other, _Mapping) and dict(self._by_id) == dict(other)

    __hash__ = None  # equal to a dict with the same entries, like a dict

    def __repr__(self) -> str:
        return f"<Registry of {len(self)} entities: {listing(self._by_id, 6)}>"

    def extended(self, entities: Iterable[Entity] | Mapping[str, Entity]) -> Registry:
        """A new registry with ``entities`` added after these.

        An id already here keeps its entity; where the other is the same entity
        spelled more ways, its spellings are added to the aliases (a spelling is
        never a conflict: codebook §2 asks for every one a mention uses).
        """
        out = dict(self._by_id)
        merge(out, entities.values() if isinstance(entities, _Mapping) else entities)
        return Registry(out)

    def restricted(self, entity_ids: Iterable[str]) -> Registry:
        """A new registry with only the entities whose ids are given (in this registry's order)."""
        keep = set(entity_ids)
        return Registry({k: e for k, e in self._by_id.items() if k in keep})


def merge(into: dict[str, Entity], entities: Iterable[Entity]) -> list[tuple[Entity, Entity]]:
    """Add ``entities`` to ``into`` (entity id -> Entity), in place; return the conflicts, which ``into`` keeps.

    A new id is added; the same entity spelled more ways joins its aliases; another entity under an id
    already there is a conflict, returned as ``(kept, refused)`` for the caller to allow or report.
    In place on a dict, so that growing a registry one document at a time costs what the document adds.
    """
    conflicts = []
    for e in entities:
        here = into.setdefault(e.entity_id, e)
        if here is e or here == e:
            continue
        if same_but_spellings(here, e):
            into[e.entity_id] = with_aliases(here, e.aliases)
        else:
            conflicts.append((here, e))
    return conflicts


def same_but_spellings(a: Entity, b: Entity) -> bool:
    """Whether two entities differ at most in their aliases (the spellings the mentions use)."""
    return replace(a, aliases=b.aliases) == b


def with_aliases(entity: Entity, spellings) -> Entity:
    """``entity`` with ``spellings`` it lacks added to its aliases, in order."""
    extra = tuple(dict.fromkeys(s for s in spellings if s not in entity.aliases))
    return replace(entity, aliases=entity.aliases + extra) if extra else entity
