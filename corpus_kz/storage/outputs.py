"""Directories that corpus_kz writes (an export, a report): built aside, moved in whole, never over a user's files.

Every output directory is built in a hidden temporary directory beside its
target and swapped in with :func:`~corpus_kz.writing.replace_directory`,
so after a crash or a kill the target holds the old output or the new one,
never a mix. A marker file records what corpus_kz wrote there, each file
with its sha256. A non-empty target is replaced only if it holds an earlier
output of the same kind exactly as it was written (no file changed, none
added); anything else (a user's notes, a hand-edited ``tasks.json``, a report
where an export is asked for) is refused unless ``force``, and a target that
holds the corpus itself is refused always, as is a target that is a symbolic
link. Runs that write one target take turns (:func:`~corpus_kz.writing.target_lock`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..version import __version__
from ..writing import LockError, recover_siblings, replace_directory, target_lock, temporary_sibling, write_text

if TYPE_CHECKING:
    from typing import Callable
from .layout import Layout

#: The file that marks a directory as corpus_kz's own output and lists what it wrote, with each file's sha256.
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
    hashes = _hashes(directory)
    return None if hashes is None else set(hashes) | {MARKER}


def _hashes(directory: Path) -> dict[str, str | None] | None:
    """Each file the marker lists, with its sha256 (None for a marker of an older corpus_kz, which kept none)."""
    meta = _marker(directory)
    if meta is None:
        return None
    files = meta.get("files")
    if files is None and isinstance(meta.get("configs"), list):  # an export written before the list was kept
        files = [f"{c}/train.parquet" for c in meta["configs"]] + ["README.md"]
    if isinstance(files, list) and all(isinstance(f, str) for f in files):
        return dict.fromkeys(files)
    if isinstance(files, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return files
    return None


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def differences(directory: Path) -> list[str] | None:
    """What in ``directory`` corpus_kz did not write there exactly as it is now, a line each; None with no marker.

    Empty for an earlier output left as it was written. A file deleted since
    is no difference: replacing the output loses nothing of the user's.
    """
    hashes = _hashes(directory)
    if hashes is None:
        return None
    folders = {f.rsplit("/", 1)[0] for f in hashes if "/" in f}
    folders |= {"/".join(f.split("/")[:i]) for f in folders for i in range(1, f.count("/") + 1)}
    found = []
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory).as_posix()
        if rel == MARKER:
            continue
        if path.is_symlink():
            found.append(f"{rel} is a symbolic link corpus_kz did not make")
        elif path.is_dir():
            if rel not in folders:
                found.append(f"{rel}/ is a folder corpus_kz did not write")
        elif rel not in hashes:
            found.append(f"{rel} is a file corpus_kz did not write")
        elif hashes[rel] is None:
            found.append(f"{rel} may have changed: the older corpus_kz that wrote it kept no sha256 of it")
        elif sha256(path) != hashes[rel]:
            found.append(f"{rel} has changed since corpus_kz wrote it")
    return found


def is_output(directory: Path, kind: str | None = None) -> bool:
    """True for a directory that holds an earlier corpus_kz output (of ``kind``, if given) exactly as it was written.

    Anything a user put in it or changed in it (notes, a script, an edited
    file) would be lost when the output is replaced, so such a directory
    does not count.
    """
    if kind is not None and (_marker(directory) or {}).get("kind", "hf") != kind:
        return False
    return differences(directory) == []


def check_target(target: Path, corpus_path: Path | None, force: bool, what: str, kind: str | None = None) -> None:
    """Refuse a target that is a file or a link, holds the corpus, lies inside its data, or (without ``force``)
    holds anything but an earlier output of ``kind`` exactly as corpus_kz wrote it."""
    _check_place(target, corpus_path, what)
    if not force:
        _check_contents(target, what, kind)


def _check_place(target: Path, corpus_path: Path | None, what: str) -> None:
    if target.is_symlink():
        # Replacing the link would leave a folder where the user had a link; writing through it would replace
        # a folder the user named by another path. Neither is asked for by naming the link.
        raise OutputError(f"{target} is a symbolic link (to {os.readlink(target)}); corpus_kz writes an output as "
                          f"a directory of its own and replaces neither a link nor what it points to: write the "
                          f"{what} to {target.resolve()} itself, or to a new directory")
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target} is a file; expected a directory for the {what} (or a path that does not exist)")
    if corpus_path is not None:
        source, real = Path(corpus_path).resolve(), target.resolve()
        corpus_files = [source / Layout.SEEDS, source / Layout.ANNOTATIONS]
        if source.is_relative_to(real) or any(real.is_relative_to(p) for p in corpus_files):
            raise OutputError(f"{target} holds the corpus ({source}) or lies inside its seeds or annotations; "
                              f"write the {what} into a directory of its own")


def _check_contents(target: Path, what: str, kind: str | None) -> None:
    if not (target.is_dir() and any(target.iterdir())):
        return
    earlier = (_marker(target) or {}).get("kind", "hf")
    if earlier == CORPUS:
        # An imported corpus is where people go on annotating: nothing short of --force may replace it.
        raise OutputError(f"{target} holds a corpus written by corpus-kz import, which may have been edited "
                          "since; choose an empty or new directory, or pass --force to replace it")
    found = differences(target)
    if found is None:
        raise OutputError(f"{target} is not empty and holds more than an earlier corpus_kz {what} (it has no "
                          f"{MARKER}); choose an empty or new directory, or pass --force to replace everything in it")
    if found:
        listed = "; ".join(found[:3]) + (f"; and {len(found) - 3} more" if len(found) > 3 else "")
        raise OutputError(f"{target} is not empty and holds more than an earlier corpus_kz {what}: {listed}; "
                          "choose an empty or new directory, or pass --force to replace everything in it")
    if kind is not None and _command(earlier) != _command(kind):
        raise OutputError(f"{target} holds an earlier corpus_kz {_command(earlier)}, not an earlier "
                          f"{_command(kind)}; choose an empty or new directory for the {what}, or pass --force "
                          "to replace it")


def _command(kind: str) -> str:
    """What wrote an output of ``kind``: an export in any format replaces another export, but not a report."""
    return kind if kind in ("report", "store", CORPUS) else "export"


def publish(directory: str | Path, write: Callable[[Path], None], *, kind: str, corpus_path: Path | None,
            force: bool = False, what: str | None = None) -> Path:
    """Write an output with ``write(tmp)`` and put it at ``directory`` in one step; return the target.

    ``write`` writes into the empty temporary directory it is given. The
    marker, with the sha256 of each file written, is added here. The whole
    run, check included, holds the target's lock.
    """
    target = Path(directory).absolute()
    _check_place(target, corpus_path, what or kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target_lock(target):
            recover_siblings(target)  # what a killed run left beside it (an old output set aside goes back first)
            check_target(target, corpus_path, force, what or kind, kind)
            tmp = temporary_sibling(target)
            try:
                write(tmp)
                files = {p.relative_to(tmp).as_posix(): sha256(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
                write_text(tmp / MARKER, json.dumps({"corpus_kz": __version__, "kind": kind, "files": files}) + "\n")
                replace_directory(tmp, target)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
    except LockError as exc:
        raise OutputError(str(exc)) from None
    return target
