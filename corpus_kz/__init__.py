"""corpus_kz: an annotated corpus of English news on unrest in Kazakhstan.

Five verbatim news texts on three events (Zhanaozen 2011, Kordai 2020,
January 2022) with span annotations: zones, entity mentions, quotes and
their attributions, figures, and frames. Every span is a half-open
``[start, end)`` range into the verbatim text. A corpus of your own declares
its own events (``seeds/events.json``; ``corpus.events``).

>>> import corpus_kz
>>> corpus = corpus_kz.load()          # or load("path/to/your/corpus")
>>> corpus.quotes()                    # pandas, one row per quote with its speaker
>>> corpus_kz.load_dataset("quotes")   # Hugging Face datasets, explicit Features
>>> corpus_kz.nltk_reader()            # an NLTK CorpusReader

Importing this package and calling :func:`load` use only the standard
library; pandas, datasets and nltk are imported when a function that needs
them is called.

The package is laid out as the design, in layers (``pyproject.toml`` declares
them, import-linter holds the code to them): the core nouns here (span, kinds,
records, registry, document, corpus, metadata, vocab, errors, codebook) and
``build``, the one build step; ``storage/`` for the corpus directory;
``formats/`` for other formats, ``analyses/`` for the corpus's questions,
``annotate/`` for the pre-annotator; ``scoring/`` for matching and metrics;
``report/``, and ``gold/`` for what makes the bundled gold; ``cli`` for the
``corpus-kz`` command.
"""

from __future__ import annotations

from .combine import concat, from_frames
from .corpus import Corpus
from .document import Agent, Document
from .errors import CorpusError, NotFoundError, Problem
from .records import Attribution, Entity, Event, Figure, Frame, Mention, Quote, Zone
from .registry import Registry
from .span import Span
from .storage import load
from .version import __version__  # noqa: F401 (corpus_kz.__version__)
from . import _moved


_moved.install()  # old module paths (corpus_kz.gold.preannotate, …) keep working for a release

__all__ = [
    "load",
    "from_frames",
    "concat",
    "annotate",
    "load_dataset",
    "label",
    "nltk_reader",
    "Corpus",
    "Document",
    "Agent",
    "Registry",
    "Span",
    "Zone",
    "Entity",
    "Event",
    "Mention",
    "Quote",
    "Attribution",
    "Figure",
    "Frame",
    "Sentence",
    "Token",
    "CorpusError",
    "NotFoundError",
    "Problem",
]


def __getattr__(name: str):
    # PEP 562: what needs more than the standard library is imported when first asked for.
    if name in ("Sentence", "Token"):  # the derived layers' records (see corpus_kz.segment)
        from . import segment

        return getattr(segment, name)
    if name == "label":  # ClassLabel id to name, None for a null (see corpus_kz.formats.hf.label)
        from .formats.hf import label

        return label
    if name == "annotate":
        # The pre-annotator's package, which is callable: corpus_kz.annotate(text, meta) (see its docstring).
        import importlib

        return importlib.import_module(".annotate", __name__)
    raise AttributeError(f"module 'corpus_kz' has no attribute {name!r}")


def _corpus(source) -> Corpus:
    """A corpus given as itself, or the corpus directory at ``source`` (default: the bundled one), loaded."""
    return source if isinstance(source, Corpus) else load(source)


def load_dataset(config: str = "nested", path=None):
    """The corpus at ``path`` (default: the bundled one; or a :class:`Corpus`) as a ``datasets.Dataset``.

    ``config`` is ``"nested"`` (one nested row per document) or a flat
    table: zones, mentions, quotes, attributions, figures, frames, entities,
    sentences. Labels are ``ClassLabel`` ids; see :mod:`corpus_kz.formats.hf`.
    """
    from .formats.hf import CONFIGS, RENAMED_CONFIGS, load_dataset as _load

    if config not in CONFIGS and config not in RENAMED_CONFIGS:  # before loading: the path would be blamed
        hint = "; the config comes first: load_dataset(config, path)" if "/" in str(config) else ""
        raise ValueError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}{hint}")
    return _load(config, _corpus(path))


def nltk_reader(path=None):
    """An NLTK ``CorpusReader`` over the corpus at ``path`` (or a :class:`Corpus`; see :mod:`corpus_kz.formats.nltk_reader`)."""
    from .formats.nltk_reader import CorpusKzReader

    return CorpusKzReader(_corpus(path))
