"""Writing a corpus as a corpus directory: the inverse of :mod:`.reader`.

Seeds under ``seeds/`` (each document's ``seed_file``), the manifest, the
events the corpus declares, the registry and one standoff annotation file per document, built aside and
moved in whole (:func:`.outputs.publish`), so that :func:`corpus_kz.load`
reads back the corpus it was given. The corpus is checked already (it is a
:class:`~corpus_kz.Corpus`): nothing is checked here but where it may be written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..build import corpus_data
from ..records import LAYERS
from ..writing import write_bytes
from .layout import Layout
from .outputs import CORPUS, publish
from .standoff import dumps

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["write_directory"]


def write_directory(directory: str | Path, corpus: Corpus, *, force: bool = False, what: str = "corpus",
                    source: Path | None = None) -> Path:
    """Write ``corpus`` as a corpus directory that :func:`corpus_kz.load` reads, in one step; return it.

    A non-empty target needs ``force``; a target that holds ``source`` (the
    directory the corpus was read from, if any) is refused, ``force`` or not.
    """
    def write(tmp: Path) -> None:
        data = corpus_data(corpus)
        manifest = []
        for doc in data.documents:
            entry = doc.entry
            write_bytes(tmp / Layout.SEEDS / entry["seed_file"], doc.text.encode("utf-8"))
            manifest.append(entry)
            gold = {"doc_id": entry["doc_id"], "seed_file": entry["seed_file"], "sha256": entry["sha256"],
                    **{layer: doc.layers[layer] for layer in LAYERS}}
            write_bytes(tmp / Layout.doc(entry["doc_id"]), dumps(gold).encode("utf-8"))
        write_bytes(tmp / Layout.MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        write_bytes(tmp / Layout.REGISTRY, dumps(list(data.entities)).encode("utf-8"))
        if data.events is not None:  # a corpus that declares none is written as one (it has the bundled corpus's)
            write_bytes(tmp / Layout.EVENTS,
                        (json.dumps(data.events, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))

    return publish(directory, write, kind=CORPUS, corpus_path=source, force=force, what=what)
