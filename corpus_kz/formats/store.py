"""The columnar store as a format: ``export store`` writes one, ``import store`` reads one back into a corpus directory.

A store (:mod:`corpus_kz.storage.store`) is Parquet, one table per layer in
the JSON Lines export's shape, in parts of whole documents. It is what
``corpus_kz.load`` reads lazily, what ``corpus-kz pack`` makes of a corpus
directory, and what ``corpus-kz annotate store`` writes a predicted corpus
as. Reading one back here gives every record as it was written (lossless,
ids kept), checked by the build step when the corpus directory is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..build import CorpusData
from ..storage.store import METADATA_FILES, StoreError, open_store, save
from .base import FormatError, source_directory

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["export", "read"]


def export(directory: str | Path, corpus: Corpus, *, force: bool = False, progress: bool = True) -> Path:
    """Write the corpus as a store into ``directory`` (built aside, moved in whole)."""
    return save(corpus, directory, force=force, progress=progress)


def read(source: str | Path) -> CorpusData:
    """Every document and the registry of the store at ``source``, in file shape (each file verified as read)."""
    root = source_directory(source, "a store (a directory with store.json)")
    try:
        store = open_store(root)
        documents = [doc for k in range(len(store.parts)) for doc in store.part(k)]
        entities = store.read("entities.parquet").to_pylist()
        declared = METADATA_FILES["events"] in store.info["files"]
        events = json.loads(store.path(METADATA_FILES["events"]).read_text(encoding="utf-8")) if declared else None
    except StoreError as exc:
        raise FormatError(exc.problems) from None
    return CorpusData(documents, entities, origin=str(root / "entities.parquet"), source=root, events=events,
                      events_origin=str(root / METADATA_FILES["events"]) if declared else None)
