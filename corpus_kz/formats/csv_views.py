"""CSV: the pandas views, one file per table, for spreadsheet users (export only).

Each file is a table of :mod:`corpus_kz.tables` (documents, zones, mentions,
quotes, attributions, figures, frames, entities, sentences) with exactly
the view's columns; lists (an entity's aliases) are joined with `` | ``.
CSV cannot hold the texts with their offsets in a way a spreadsheet keeps
intact, so it is not read back: use JSON Lines for a lossless copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..progress import track
from ..storage.outputs import publish
from ..tables import STRINGS, TABLES

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["NOTES", "export"]

#: What the CLI prints after an export: what CSV does not hold.
NOTES: tuple[str, ...] = (
    "CSV: the pandas views, one file per table; the documents' texts are not in them, and a "
    "spreadsheet does not keep texts and offsets intact, so CSV is not read back (export jsonl for a lossless copy)",
    "CSV: lists (an entity's aliases) are joined with ' | '; each record's row ends with its origin and confidence",
)


def export(directory: str | Path, corpus: Corpus, *, force: bool = False, progress: bool = True) -> Path:
    """Write every pandas view as ``<table>.csv`` (UTF-8) into ``directory`` (built aside, moved in whole)."""
    def write(tmp: Path) -> None:
        for name, table in track(TABLES.items(), total=len(TABLES), desc="export csv", disable=not progress):
            df = getattr(corpus, name)()
            # The declarations say which columns hold lists: no look at every cell of every column.
            for column in (c for c, kind in table.columns.items() if kind == STRINGS):
                df[column] = df[column].map(" | ".join)
            # Straight to the file (pandas writes in chunks), inside the folder published whole.
            df.to_csv(tmp / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")

    return publish(directory, write, kind="csv", corpus_path=corpus.path, force=force, what="export")
