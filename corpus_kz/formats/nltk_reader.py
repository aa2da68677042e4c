"""An NLTK ``CorpusReader`` over corpus_kz, offline.

``fileids()`` are the seed file names; every method also accepts doc_ids.
Words, sentences and paragraphs come from the corpus's own span layers
(:mod:`corpus_kz.segment`), so no tokenizer model is downloaded, and their
offsets agree with the annotations.

NLTK 3.10.3 and later refuse a corpus root that is not under an entry of
``nltk.data.path``; the reader registers its seeds directory there, which is
the way NLTK documents for authorising a corpus in a custom location.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path

import nltk
from nltk.corpus.reader.api import CorpusReader

from .corpus import Corpus
from .document import Document


def _authorise(directory: Path) -> str:
    root = str(directory.resolve())
    if root not in nltk.data.path:
        nltk.data.path.append(root)
    return root


class CorpusKzReader(CorpusReader):
    """NLTK corpus reader with ``fileids``, ``raw``, ``words``, ``sents``, ``paras`` and the annotations."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._by_fileid = {d.seed_file: d for d in corpus}
        self._by_fileid.update({d.doc_id: d for d in corpus})
        root = _authorise(Path(corpus.path) / "seeds")
        super().__init__(root, [d.seed_file for d in corpus], encoding="utf8")

    # -- selection ---------------------------------------------------------
    def _docs(self, fileids=None) -> list[Document]:
        if fileids is None:
            return list(self.corpus)
        if isinstance(fileids, str):
            fileids = [fileids]
        try:
            return [self._by_fileid[f] for f in fileids]
        except KeyError as exc:
            raise ValueError(f"unknown fileid {exc.args[0]!r}; expected one of {self.fileids()} or a doc_id") from None

    def doc_ids(self) -> list[str]:
        return self.corpus.doc_ids

    def document(self, fileid: str) -> Document:
        """The typed :class:`~corpus_kz.Document` with every annotation layer."""
        return self._docs(fileid)[0]

    # -- text --------------------------------------------------------------
    def raw(self, fileids=None) -> str:
        return "".join(d.text for d in self._docs(fileids))

    def words(self, fileids=None) -> list[str]:
        return [t.text for d in self._docs(fileids) for t in d.tokens]

    @staticmethod
    def _sents(d: Document, start: int = 0, end: int | None = None) -> list[list[str]]:
        starts = [t.start for t in d.tokens]
        out = []
        for s in d.sentences:
            if s.start < start or (end is not None and s.end > end):
                continue
            lo, hi = bisect_left(starts, s.start), bisect_right(starts, s.end - 1)
            out.append([t.text for t in d.tokens[lo:hi]])
        return out

    def sents(self, fileids=None) -> list[list[str]]:
        return [s for d in self._docs(fileids) for s in self._sents(d)]

    def paras(self, fileids=None) -> list[list[list[str]]]:
        return [self._sents(d, p.start, p.end) for d in self._docs(fileids) for p in d.paragraphs]

    # -- annotations -------------------------------------------------------
    def _layer(self, layer: str, fileids):
        return [r for d in self._docs(fileids) for r in getattr(d, layer)]

    def zones(self, fileids=None):
        return self._layer("zones", fileids)

    def mentions(self, fileids=None):
        return self._layer("mentions", fileids)

    def quotes(self, fileids=None):
        return self._layer("quotes", fileids)

    def attributions(self, fileids=None):
        return self._layer("attributions", fileids)

    def figures(self, fileids=None):
        return self._layer("figures", fileids)

    def frames(self, fileids=None):
        return self._layer("frames", fileids)
