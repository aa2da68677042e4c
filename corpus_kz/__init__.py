"""corpus_kz: an annotated corpus of English news on unrest in Kazakhstan.

Five verbatim news texts on three events (Zhanaozen 2011, Kordai 2020,
January 2022) with span annotations: zones, entity mentions, quotes and
their attributions, figures, and frames. Every span is a half-open
``[start, end)`` range into the verbatim text.

>>> import corpus_kz
>>> corpus = corpus_kz.load()
>>> corpus.quotes()          # pandas, one row per quote with its speaker
>>> corpus_kz.load_dataset() # Hugging Face datasets, explicit Features
>>> corpus_kz.nltk_reader()  # an NLTK CorpusReader

Importing this package loads only the standard library; pandas, datasets
and nltk are imported when a function that needs them is called.
"""

from __future__ import annotations

from .corpus import Corpus, load
from .document import Document
from .errors import CorpusError, Problem
from .layers import Attribution, Entity, Figure, Frame, Mention, Quote, Sentence, Token, Zone
from .span import Span

__version__ = "0.1.0"

__all__ = [
    "load",
    "load_dataset",
    "nltk_reader",
    "Corpus",
    "Document",
    "Span",
    "Zone",
    "Entity",
    "Mention",
    "Quote",
    "Attribution",
    "Figure",
    "Frame",
    "Sentence",
    "Token",
    "CorpusError",
    "Problem",
]


def load_dataset(config: str = "documents"):
    """The bundled corpus as a ``datasets.Dataset`` (see :mod:`corpus_kz.hf`).

    ``config`` is ``"documents"`` (one nested row per document) or a flat
    layer: zones, mentions, quotes, attributions, figures, frames, entities,
    sentences.
    """
    from .hf import load_dataset as _load

    return _load(config)


def nltk_reader(path=None):
    """An NLTK ``CorpusReader`` over the corpus (see :mod:`corpus_kz.nltk_corpus`)."""
    from .nltk_corpus import CorpusKzReader

    return CorpusKzReader(load(path))
