"""An NLTK ``CorpusReader`` over a loaded corpus, offline.

``fileids()`` are the seed file names; every method also accepts doc_ids.
Words, sentences and paragraphs come from the corpus's own span layers
(:mod:`corpus_kz.segment`), so no tokenizer model is downloaded, and their
offsets agree with the annotations.

NLTK 3.10.3 and later refuse a reader whose root is not under an entry of
``nltk.data.path``. Leaving our directory there would let every later
``nltk.data`` lookup (``nltk.corpus.stopwords``, say) serve files planted in a
corpus, so the root is authorised only while NLTK's constructor checks it
and taken out again; ``open()`` then serves the checked text of the loaded
corpus, and NLTK never opens a corpus file itself. The user's
``nltk.data.path`` is left exactly as it was.
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from pathlib import Path

from . import require

nltk = require("nltk", purpose="the NLTK reader")
from nltk.corpus.reader.api import CorpusReader  # noqa: E402

from ..corpus import Corpus  # noqa: E402
from ..document import Document  # noqa: E402
from ..records import LAYERS  # noqa: E402
from ..storage.layout import Layout


@contextmanager
def _authorised(root: str):
    """``root`` on ``nltk.data.path`` for the duration of the block only."""
    paths = nltk.data.path
    before = list(paths)
    if root not in paths:
        paths.append(root)
    try:
        yield
    finally:
        paths[:] = before


class CorpusKzReader(CorpusReader):
    """NLTK corpus reader with ``fileids``, ``raw``, ``words``, ``sents``, ``paras`` and the annotations."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._by_fileid = {d.seed_file: d for d in corpus}
        self._by_fileid.update({d.doc_id: d for d in corpus})

        root = str((Path(corpus.path) / Layout.SEEDS).resolve())
        with _authorised(root):
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

    def open(self, fileid: str):
        """A text stream of one document, served from the loaded (checked) corpus."""
        return io.StringIO(self.document(fileid).text)

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

    # -- annotations: one method per layer, generated below ------------------


def _layer_method(layer: str):
    def records(self, fileids=None) -> list:
        return [r for d in self._docs(fileids) for r in getattr(d, layer)]

    records.__name__ = records.__qualname__ = layer
    records.__doc__ = f"The {layer} records of the given documents (all by default), in document order."
    return records


for _layer in LAYERS:
    setattr(CorpusKzReader, _layer, _layer_method(_layer))
del _layer
