"""An NLTK ``CorpusReader`` over a loaded corpus, offline.

``fileids()`` are the doc_ids with ``.txt`` (``cabar_2020_masanchi.txt``):
readable, unique and safe as file names (:func:`fileids`). Every method also
accepts a doc_id, and the seed file name (the fileid before 0.5).
Words, sentences and paragraphs come from the corpus's own span layers
(:mod:`corpus_kz.segment`), so no tokenizer model is downloaded, and their
offsets agree with the annotations.

The reader's root is the loaded corpus itself, as an NLTK ``PathPointer``
(:class:`Texts`): every text NLTK asks for is served from memory, checked, and
NLTK never opens a corpus file. So a corpus built in memory, with no
directory, has a reader too, and ``nltk.data.path`` is never touched (a
corpus directory there would let every later ``nltk.data`` lookup, such as
``nltk.corpus.stopwords``, serve files planted in it).
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right

from . import require

nltk = require("nltk", purpose="the NLTK reader")
from nltk.corpus.reader.api import CorpusReader  # noqa: E402
from nltk.data import PathPointer  # noqa: E402

from ..corpus import Corpus  # noqa: E402
from ..document import Document  # noqa: E402
from ..records import LAYERS  # noqa: E402


class Texts(PathPointer):
    """The texts of a loaded corpus as NLTK's ``PathPointer``: the root, or one document's text (``fileid``).

    A pointer that is not a string path is never checked against, or looked
    up on, ``nltk.data.path``.
    """

    def __init__(self, by_fileid: dict[str, Document], where: str, fileid: str | None = None):
        self._by_fileid, self._where, self._fileid = by_fileid, where, fileid

    def __repr__(self) -> str:
        return f"<corpus_kz texts of {self._where}{'' if self._fileid is None else ': ' + self._fileid}>"

    @property
    def path(self) -> str:
        return self._where if self._fileid is None else f"{self._where}/{self._fileid}"

    def _text(self) -> str:
        if self._fileid not in self._by_fileid:
            raise OSError(f"{self.path}: no such document; the corpus has {', '.join(self._by_fileid)}")
        return self._by_fileid[self._fileid].text

    def open(self, encoding=None):
        text = self._text()
        return io.StringIO(text) if encoding is not None else io.BytesIO(text.encode("utf-8"))

    def file_size(self) -> int:
        return len(self._text().encode("utf-8"))

    def join(self, fileid: str) -> Texts:
        return Texts(self._by_fileid, self._where, fileid)


#: Names Windows gives to devices, whatever their extension: not usable as file names there.
_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10))])


def fileids(doc_ids: list[str]) -> list[str]:
    """Each doc_id's fileid: ``<doc_id>.txt``, unique even on a file system that ignores case.

    A doc_id is letters, digits and ``_ . -``, so its fileid is a safe file
    name. Where ``<doc_id>.txt`` would clash, with the fileid of a doc_id that
    differs only in case, with another document's doc_id (``a`` and ``a.txt``)
    or with a device name Windows reserves (``con.txt``), it is
    ``<doc_id>_2.txt`` (``_3`` …) instead.
    """
    taken = {d.casefold() for d in doc_ids}
    out = []
    for doc_id in doc_ids:
        name, n = f"{doc_id}.txt", 1
        while name.casefold() in taken or name.split(".")[0].casefold() in _RESERVED:
            n += 1
            name = f"{doc_id}_{n}.txt"
        taken.add(name.casefold())
        out.append(name)
    return out


class CorpusKzReader(CorpusReader):
    """NLTK corpus reader with ``fileids``, ``raw``, ``words``, ``sents``, ``paras`` and the annotations."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        docs = list(corpus)
        names = fileids([d.doc_id for d in docs])
        # A fileid first, then a doc_id, then a seed file name: none of them can take another document's name.
        self._by_fileid = dict(zip(names, docs))
        for d in docs:
            self._by_fileid.setdefault(d.doc_id, d)
        for d in docs:
            self._by_fileid.setdefault(d.seed_file, d)

        where = str(corpus.path) if corpus.path is not None else "a corpus in memory"
        super().__init__(Texts(self._by_fileid, where), names, encoding="utf8")

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
