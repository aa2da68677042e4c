"""Packing a corpus directory as a store: read and checked document by document, written part by part.

``corpus-kz pack [PATH]`` runs :func:`pack`. The store records every file it
was packed from, so that it is refused once the directory changes
(:mod:`.store`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CorpusError, Problem
from .outputs import publish
from .reader import read
from .store import StoreError, PartWriter, check_source, fingerprint

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["pack"]


def pack(path: str | Path, out: str | Path | None = None, *, force: bool = False, progress: bool = True) -> Path:
    """Pack the corpus directory at ``path`` as a store (default: ``path/store``), recording what it was made from.

    The directory is read and checked by the one build step, document by
    document, and written part by part: memory holds one part, not the
    corpus. Every file of the directory is fingerprinted before and after;
    a change in between is refused, so the store is exactly the directory
    it names.
    """
    root = Path(path)
    check = check_source(root)
    target = Path(out) if out is not None else root / "store"
    before = fingerprint(check)

    def write(tmp: Path) -> None:
        holder: dict = {}

        def sink(doc: Document) -> None:
            if "parts" not in holder:  # the registry is read before the first document is built
                holder["parts"] = PartWriter(tmp, doc.registry)
            holder["parts"].add(doc)

        corpus, problems = read(root, sink=sink, progress=progress)
        if problems:
            raise CorpusError(problems)
        parts = holder.get("parts") or PartWriter(tmp, corpus.registry)
        if fingerprint(check) != before:
            raise StoreError([Problem(str(root), None, None, "files that changed while they were packed",
                                      "a corpus directory nobody writes to while it is packed; pack it again")])
        relative = os.path.relpath(check, target.absolute().resolve())
        parts.finish(corpus.metadata.with_step(f"packed from {root}"), {"path": relative, "files": before})

    return publish(target, write, kind="store", corpus_path=check, force=force, what="store")
