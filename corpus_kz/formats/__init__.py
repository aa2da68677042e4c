"""Other formats: each module writes a Corpus to one format and, where the format can carry it, reads one back.

:data:`FORMATS` declares every format, one :class:`Format` each. A module
exports with ``export(directory, corpus, *, force=False, progress=True) ->
Path``; one that reads back has ``read(source) -> CorpusData``, which
:func:`corpus_kz.formats.base.write_corpus` turns into a corpus directory. A
module imports its library through :func:`require`, so a missing optional
library is a clear error naming what to install.

The contract
------------

Every registered format is held to this, and ``tests/formats/test_contract.py``
holds each one to it: a format gets these tests by being registered.

Export (every format):

1. ``export`` builds the directory aside and moves it in whole
   (:func:`corpus_kz.storage.outputs.publish`), and returns it (a
   :class:`~pathlib.Path`). Nothing is written inside the target while it is
   built, and an export that fails part-way leaves whatever was there.
2. A non-empty target that is not an earlier export of corpus_kz exactly as
   it was written (a user's files, an earlier export with a file added or
   changed, a report, a corpus written by ``corpus-kz import``, a symbolic
   link) is refused without ``force`` and left byte for byte as it was; with
   ``force`` it is replaced (a symbolic link never is). An earlier export
   left as it was written is replaced without ``force``.
3. The target may not hold the corpus itself, nor lie inside its seeds or
   annotations, ``force`` or not.
4. It writes the records it is given (:func:`corpus_kz.build.corpus_data`)
   as they are, offsets and texts included: it re-derives nothing a reader
   then checks.
5. A format that is not ``lossless`` has ``NOTES`` in its module: what it
   cannot hold, and where that goes instead. ``corpus-kz export`` prints them.

Import (a format that ``reads``):

6. ``lossless``: the bundled corpus, generated documents (:mod:`hypothesis`)
   and predicted records round-trip to identical records after
   :func:`~corpus_kz.formats.base.canonical` (with ``keeps_ids``, each with
   its own id, and the bundled corpus's, which are in text order, in the same
   order), the same manifest entries and the same registry, in order. Only a
   format that reads can be lossless.
7. A span whose offsets no longer give its text (a shifted offset) is refused
   with a :class:`~corpus_kz.formats.base.FormatError` naming the file, the
   record (its document first) and the field, and what was found at which
   offsets: by the reader where the format states offsets its own way
   (:func:`~corpus_kz.formats.base.check_span`), else by the build step.
8. Errors never write: on any refused import (a missing source, an empty
   directory, a plain file, a shifted offset) nothing appears at the target
   or beside it. A non-empty target needs ``--force``; one that holds the
   source is refused even with it. A relative source is read as given.

What the data itself must be (every manifest field, the sha256 pin of each
text, the registry, every record against its kind and its span against the
text, references, the codebook) is checked once, by the build step
(:func:`corpus_kz.build.build`) that :func:`~corpus_kz.formats.base.write_corpus`
runs in memory. A reader checks what only its format can get wrong: its
files, its own offsets (Label Studio's UTF-16, brat's fragments), the shape
of what it reads, and a name that becomes a path before that file is read.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..dependencies import MissingDependency, require

__all__ = ["FORMATS", "Format", "MissingDependency", "format_module", "readable", "require"]


@dataclass(frozen=True)
class Format:
    """One format, declared: what the command line calls it, its module, and what the contract holds it to.

    ``reads``: the module has ``read(source) -> CorpusData``. ``lossless``: a
    round trip gives identical records after
    :func:`~corpus_kz.formats.base.canonical` (only a format that reads can
    be); a format that is not lossless has ``NOTES`` in its module.
    ``keeps_ids``: a round trip also gives every record back with its own id
    (no renumbering), and records that are in text order in that order.
    """

    name: str
    module: str
    description: str
    reads: bool = False
    lossless: bool = False
    keeps_ids: bool = False


#: Format name (as the command line spells it) -> its declaration.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("hf", "hf", "Hugging Face datasets: parquet per config plus a dataset card"),
    Format("brat", "brat", "brat standoff: .txt and .ann per document, annotation.conf and visual.conf",
           reads=True, lossless=True),
    Format("labelstudio", "labelstudio", "Label Studio: tasks JSON (gold as annotations, predicted records as "
           "predictions) and the labeling config", reads=True, lossless=True, keeps_ids=True),
    Format("xmi", "xmi", "INCEpTION / UIMA CAS XMI with its type system (dkpro-cassis)", reads=True, lossless=True,
           keeps_ids=True),
    Format("spacy", "spacy_docbin", "spaCy DocBin on spacy.blank('en'), attributes in extensions", reads=True,
           lossless=True, keeps_ids=True),
    Format("conll", "conll", "CoNLL-2003-style BIO of the entity mentions"),
    Format("jsonl", "jsonl", "JSON Lines: one file per layer, one object per record", reads=True, lossless=True,
           keeps_ids=True),
    Format("csv", "csv_views", "CSV: the pandas views, one file per table"),
    Format("store", "store", "the columnar store: Parquet per table in parts of whole documents, read lazily by "
           "corpus_kz.load", reads=True, lossless=True, keeps_ids=True),
)}


def format_module(name: str):
    """The module of format ``name``; a clear error for an unknown one."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; expected one of {', '.join(FORMATS)}")
    return importlib.import_module(f".{FORMATS[name].module}", __name__)


def readable() -> list[str]:
    """The formats that read a corpus back."""
    return [name for name, declared in FORMATS.items() if declared.reads]
