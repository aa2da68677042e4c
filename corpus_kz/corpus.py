"""The corpus: documents in manifest order and the entity registry they share.

Reading a corpus directory is :mod:`corpus_kz.storage`'s job; a Corpus is
what it returns. The pandas views are methods here but live in
:mod:`corpus_kz.views`, so that pandas loads only when one is asked for.
"""

from __future__ import annotations

from pathlib import Path
TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Iterator, Mapping

from .document import Document
from .errors import NotFoundError, listing
from .records import Entity
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

    Iterate over it, ask ``len()``, look a document up by ``doc_id``, by
    position or by slice (``corpus[0:2]`` is a Corpus too), and get pandas
    views: ``documents()``, ``entities()``, ``mentions()``, ``quotes()``,
    ``attributions()``, ``figures()``, ``frames()``, ``zones()``,
    ``sentences()``.
    """

    def __init__(self, documents: list[Document], entities: Mapping[str, Entity], path: Path | None = None):
        self._docs = list(documents)
        self._by_id = {d.doc_id: d for d in self._docs}
        self.entities_by_id = entities
        self.path = path

    def __iter__(self) -> Iterator[Document]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def __getitem__(self, key: str | int | slice) -> Document | Corpus:
        if isinstance(key, slice):
            return Corpus(self._docs[key], self.entities_by_id, self.path)
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

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} documents, {len(self.entities_by_id)} entities from {self.path}>"


for _name in TABLES:
    setattr(Corpus, _name, _view(_name))
del _name
