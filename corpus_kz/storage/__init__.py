"""The project's own storage: the corpus directory and the columnar store, reading, checking and writing them.

* :mod:`.layout`: where every file of a corpus directory lives;
* :mod:`.files`: guarded reading (inside the directory, bounded, strict JSON) and atomic writing;
* :mod:`.reader`: :func:`load`, :func:`read`, :func:`validate`, :func:`read_pass`;
* :mod:`.standoff`: the standoff JSON format, one record per line;
* :mod:`.writer`: a corpus written as a corpus directory;
* :mod:`.store`: the columnar store (Parquet, one table per layer), read lazily; :mod:`.packing` packs a directory;
* :mod:`.schema`: the JSON Schemas, generated from the records' field kinds.
"""

from ..corpus import WRITERS
from .layout import Layout, bundled_path
from .reader import load, read, read_pass, validate

__all__ = ["Layout", "bundled_path", "load", "read", "read_pass", "validate"]



def _save_standoff(corpus, path, *, force=False, progress=True):
    from .writer import write_directory

    return write_directory(path, corpus, force=force, source=corpus.path)


def _save_store(corpus, path, *, force=False, progress=True):
    from .store import save

    return save(corpus, path, force=force, progress=progress)


# How Corpus.save writes each format: the corpus layer never imports storage, so storage tells it.
# The writers are imported when a corpus is saved, not by `import corpus_kz`.
WRITERS["standoff"] = _save_standoff
WRITERS["store"] = _save_store
