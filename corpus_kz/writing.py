"""Writing files nobody loses: to a temporary file or directory beside the target, then one rename.

A crash or a kill leaves the old version or the new one, never a mix; written
files get the permissions of an ordinary file. Everything corpus_kz writes goes
through here: standoff files, exports, reports, a document's HTML view.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import sys
import tempfile
from pathlib import Path

__all__ = ["remove_stale_siblings", "replace_directory", "temporary_sibling", "write_bytes", "write_text"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, content: str) -> None:
    """Write ``content`` (UTF-8, newlines as given) to ``path`` through a temporary file and an atomic rename."""
    write_bytes(path, content.encode("utf-8"))


def write_bytes(path: str | Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a written file is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def temporary_sibling(target: Path) -> Path:
    """A new empty directory beside ``target`` (same file system, so a rename moves it in one step)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    os.chmod(tmp, 0o777 & ~_umask())
    return tmp


def remove_stale_siblings(target: Path) -> None:
    """Remove what an earlier, killed :func:`temporary_sibling` left beside ``target``."""
    for p in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)


def replace_directory(new: Path, target: Path) -> None:
    """Put the directory ``new`` at ``target``, replacing what was there, in one step where the OS allows.

    On Linux the two directories are exchanged atomically (``renameat2``
    with ``RENAME_EXCHANGE``), so at every instant ``target`` is the old
    directory or the new one. Elsewhere the old one is renamed aside first,
    which leaves a moment with no ``target`` but never a mix.
    """
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # `new` now holds the old directory
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", suffix=".tmp", dir=target.parent))
    os.rmdir(aside)
    os.rename(target, aside)
    os.rename(new, target)
    shutil.rmtree(aside)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where that is not available."""
    import ctypes

    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2  # libc's symbols, already in this process
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
