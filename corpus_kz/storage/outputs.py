"""Directories that corpus_kz writes (an export, a report): built aside, moved in whole, never over a user's files.

Every output directory is built in a hidden temporary directory beside its
target and swapped in with :func:`~corpus_kz.writing.replace_directory`,
so after a crash or a kill the target holds the old output or the new one,
never a mix. A marker file records what corpus_kz wrote there; a non-empty
target that holds anything else (a user's notes, a script) is refused unless
``force``, and one that holds the corpus itself is refused always.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..version import __version__
from ..writing import remove_stale_siblings, replace_directory, temporary_sibling, write_text

if TYPE_CHECKING:
    from typing import Callable
from .layout import Layout

#: The file that marks a directory as corpus_kz's own output and lists what it wrote.
MARKER = ".corpus_kz-export.json"



#: The kind of output that is a corpus directory (``corpus-kz import``), not an export of one.
CORPUS = "corpus"


def _marker(directory: Path) -> dict | None:
    try:
        meta = json.loads((directory / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def written(directory: Path) -> set[str] | None:
    """The files corpus_kz wrote in ``directory`` (relative paths from its marker, the marker included), or None."""
    meta = _marker(directory)
    if meta is None:
        return None
    files = meta.get("files")
    if files is None and isinstance(meta.get("configs"), list):  # an export written before the list was kept
        files = [f"{c}/train.parquet" for c in meta["configs"]] + ["README.md"]
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return set(files) | {MARKER}


def is_output(directory: Path, kind: str | None = None) -> bool:
    """True for a directory that holds an earlier corpus_kz output (of ``kind``, if given) and nothing else.

    Anything a user put in it (notes, a script, a file inside a written
    folder) would be lost when the output is replaced, so such a directory
    does not count.
    """
    files = written(directory)
    if files is None or (kind is not None and _marker(directory).get("kind", "hf") != kind):
        return False
    folders = {f.rsplit("/", 1)[0] for f in files if "/" in f}
    folders |= {"/".join(f.split("/")[:i]) for f in folders for i in range(1, f.count("/") + 1)}
    for path in directory.rglob("*"):
        rel = path.relative_to(directory).as_posix()
        if path.is_symlink() or (path.is_dir() and rel not in folders) or (not path.is_dir() and rel not in files):
            return False
    return True


def check_target(target: Path, corpus_path: Path | None, force: bool, what: str) -> None:
    """Refuse a target that is a file, holds the corpus, lies inside its data, or holds a user's files (without ``force``)."""
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target} is a file; expected a directory for the {what} (or a path that does not exist)")
    if corpus_path is not None:

        source, real = Path(corpus_path).resolve(), target.resolve()
        corpus_files = [source / Layout.SEEDS, source / Layout.ANNOTATIONS]
        if source.is_relative_to(real) or any(real.is_relative_to(p) for p in corpus_files):
            raise OutputError(f"{target} holds the corpus ({source}) or lies inside its seeds or annotations; "
                              f"write the {what} into a directory of its own")
    if target.is_dir() and any(target.iterdir()) and not force:
        if not is_output(target):
            raise OutputError(f"{target} is not empty and holds more than an earlier corpus_kz {what}; "
                              "choose an empty or new directory, or pass --force to replace everything in it")
        if _marker(target).get("kind") == CORPUS:
            # An imported corpus is where people go on annotating, in the files it was written as: an
            # edit leaves its list of files unchanged, so nothing short of --force may replace it.
            raise OutputError(f"{target} holds a corpus written by corpus-kz import, which may have been edited "
                              "since; choose an empty or new directory, or pass --force to replace it")


def publish(directory: str | Path, write: Callable[[Path], None], *, kind: str, corpus_path: Path | None,
            force: bool = False, what: str | None = None) -> Path:
    """Write an output with ``write(tmp)`` and put it at ``directory`` in one step; return the target.

    ``write`` writes into the empty temporary directory it is given. The
    marker, with the list of what was written, is added here.
    """

    target = Path(directory).absolute()
    check_target(target, corpus_path, force, what or kind)
    remove_stale_siblings(target)  # what a killed run left beside it
    tmp = temporary_sibling(target)
    try:
        write(tmp)
        files = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
        write_text(tmp / MARKER, json.dumps({"corpus_kz": __version__, "kind": kind, "files": files}) + "\n")
        replace_directory(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
