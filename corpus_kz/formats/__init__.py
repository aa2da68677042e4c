"""Other formats: each module writes a Corpus to one format and, where the format can carry it, reads one back.

* :mod:`.hf`: Hugging Face ``datasets`` (in memory, or parquet plus a dataset card);
* :mod:`.nltk_reader`: an NLTK ``CorpusReader`` over a loaded corpus.

brat, Label Studio, INCEpTION (XMI), spaCy and CoNLL will join them, one
module each. A module imports its library through :func:`require`, so a
missing optional library is a clear error naming what to install.
"""

from __future__ import annotations

from ..dependencies import MissingDependency, require

__all__ = ["MissingDependency", "require"]
