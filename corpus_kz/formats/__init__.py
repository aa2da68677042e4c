"""Other formats: each module writes a Corpus to one format and, where the format can carry it, reads one back.

:data:`FORMATS` names them all. A module exports with ``export(directory,
corpus, force=False, progress=True)``; one that reads back has
``read(source) -> CorpusData``, which :func:`corpus_kz.formats.base.write_corpus`
turns into a corpus directory. A module imports its library through
:func:`require`, so a missing optional library is a clear error naming what
to install.
"""

from __future__ import annotations

import importlib

from ..dependencies import MissingDependency, require

__all__ = ["FORMATS", "MissingDependency", "format_module", "readable", "require"]

#: Format name (as the command line spells it) -> (module, what it writes, whether it reads back).
FORMATS: dict[str, tuple[str, str, bool]] = {
    "hf": ("hf", "Hugging Face datasets: parquet per config plus a dataset card", False),
    "brat": ("brat", "brat standoff: .txt and .ann per document, annotation.conf and visual.conf", True),
    "labelstudio": ("labelstudio", "Label Studio: tasks JSON (gold as annotations, predicted records as "
                                   "predictions) and the labeling config", True),
    "xmi": ("xmi", "INCEpTION / UIMA CAS XMI with its type system (dkpro-cassis)", True),
    "spacy": ("spacy_docbin", "spaCy DocBin on spacy.blank('en'), attributes in extensions", True),
    "conll": ("conll", "CoNLL-2003-style BIO of the entity mentions", False),
    "jsonl": ("jsonl", "JSON Lines: one file per layer, one object per record", True),
    "csv": ("csv_views", "CSV: the pandas views, one file per table", False),
}


def format_module(name: str):
    """The module of format ``name``; a clear error for an unknown one."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; expected one of {', '.join(FORMATS)}")
    return importlib.import_module(f".{FORMATS[name][0]}", __name__)


def readable() -> list[str]:
    """The formats that read a corpus back."""
    return [name for name, (_, _, reads) in FORMATS.items() if reads]
