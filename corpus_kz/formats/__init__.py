"""Other formats: each module writes a Corpus to one format and, where the format can carry it, reads one back.

* :mod:`.hf`: Hugging Face ``datasets`` (in memory, or parquet plus a dataset card);
* :mod:`.nltk_reader`: an NLTK ``CorpusReader`` over a loaded corpus.

brat, Label Studio, INCEpTION (XMI), spaCy and CoNLL will join them, one
module each. A module imports its library through :func:`require`, so a
missing optional library is a clear error naming what to install.
"""

from __future__ import annotations

import importlib


class MissingDependency(ImportError):
    """An optional library a format needs is not installed; the message says what to install."""


def require(module: str, extra: str | None = None, purpose: str = ""):
    """Import ``module`` or raise :class:`MissingDependency` naming the pip command that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        how = f"pip install 'corpus_kz[{extra}]'" if extra else f"pip install {top}"
        raise MissingDependency(f"{purpose or 'this'} needs the {top!r} package, which is not installed "
                                f"({exc}); install it with: {how}") from None
