"""Writing files nobody loses: to a temporary file or directory beside the target, then one rename.

A crash or a kill leaves the old version or the new one, never a mix; written
files get the permissions of an ordinary file. Everything corpus_kz writes goes
through here: standoff files, exports, reports, a document's HTML view.

A directory is built in ``.NAME.<pid>.<random>.tmp`` beside its target, so
that a later run removes what a killed run left (its pid is dead) and never a
live run's build; :func:`target_lock` makes runs that write one target take
turns.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["LockError", "recover_siblings", "remove_stale_siblings", "replace_directory", "target_lock",
           "temporary_sibling", "write_bytes", "write_text"]

#: Seconds a run waits for another run's lock on its target before it gives up (CORPUS_KZ_LOCK_WAIT overrides).
LOCK_WAIT = 600.0


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
    """A new empty directory beside ``target`` (same file system, so a rename moves it in one step).

    Named ``.NAME.<pid>.<random>.tmp``: the pid says whose build it is.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent))
    os.chmod(tmp, 0o777 & ~_umask())
    return tmp


def _siblings(target: Path) -> list[tuple[Path, int | None, bool]]:
    """The build and set-aside directories beside ``target``: (path, the pid that made it or None, set aside)."""
    # Names made by an older corpus_kz hold no pid (.NAME.<random>.tmp, .NAME.old.<random>.tmp).
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?(old\.)?[^.]+\.tmp")
    found = []
    for p in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        match = pattern.fullmatch(p.name)
        if match and p.is_dir() and not p.is_symlink():
            found.append((p, None if match[1] is None else int(match[1]), bool(match[2])))
    return sorted(found)


def _alive(pid: int | None) -> bool:
    """Whether ``pid`` is a live process here (a name made by an older corpus_kz has none: its run is long gone)."""
    if not isinstance(pid, int):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process (PermissionError), or no way to ask: taken as live
        return True
    return True


def remove_stale_siblings(target: Path) -> None:
    """Remove what a killed :func:`temporary_sibling` left beside ``target``; a live run's build is left alone."""
    for p, pid, _ in _siblings(target):
        if not _alive(pid):
            shutil.rmtree(p, ignore_errors=True)


def recover_siblings(target: Path) -> None:
    """Put back an old ``target`` a kill left set aside (see :func:`replace_directory`), then remove stale builds."""
    aside = [p for p, pid, old in _siblings(target) if old and not _alive(pid)]
    if not os.path.lexists(target) and aside:
        os.rename(aside[0], target)
    remove_stale_siblings(target)


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
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.old.", suffix=".tmp", dir=target.parent))
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


class LockError(OSError):
    """Another run holds the lock on a target for longer than this run waits."""


def lock_path(target: Path) -> Path:
    """The lock file of ``target``: beside it, so that it is never part of what is replaced."""
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def target_lock(target: Path, wait: float | None = None):
    """Hold ``target`` for this run: other runs that write it wait, up to ``wait`` seconds, then a LockError.

    The lock is a file made with ``O_EXCL`` beside the target, holding the
    pid and host of its holder and, where the OS has ``flock``, locked with
    it while held: the OS drops that lock when its process dies, even by
    SIGKILL, so a lock file whose holder is gone is taken over.
    """
    path = lock_path(target)
    if wait is None:
        given = os.environ.get("CORPUS_KZ_LOCK_WAIT", str(LOCK_WAIT))
        try:
            wait = float(given)
        except ValueError:
            raise LockError(f"CORPUS_KZ_LOCK_WAIT={given!r}: expected a number of seconds to wait for a lock, "
                            f"e.g. {LOCK_WAIT:g}") from None
    deadline, delay = time.monotonic() + wait, 0.005
    while (fd := _create_lock(path)) is None:
        if _remove_if_stale(path):
            continue
        if time.monotonic() >= deadline:
            raise LockError(f"{target} is being written by another run ({_holder(path)}): its lock {path} was "
                            f"not released in {wait:g} s; run this again when that run has finished, or remove "
                            f"{path} if that process is gone")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                os.unlink(path)  # before the flock goes with the close: a waiter then finds no file or a new one
        os.close(fd)


def _create_lock(path: Path) -> int | None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
    except FileExistsError:
        return None
    os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                             "since": time.strftime("%Y-%m-%dT%H:%M:%S%z")}).encode("utf-8"))
    with contextlib.suppress(ImportError):
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)  # blocks only while a waiter looks at the new file
    with contextlib.suppress(OSError):
        if os.stat(path).st_ino == os.fstat(fd).st_ino:
            return fd
    os.close(fd)  # a waiter took it for a dead run's before it was locked: it is gone, try again
    return None


def _remove_if_stale(path: Path) -> bool:
    """Remove the lock file at ``path`` if its holder is gone; True if it is gone now (try again at once)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return True
    try:
        try:
            import fcntl
        except ImportError:
            fcntl = None
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # its holder is alive
        info = _read_lock(fd)
        here = info is not None and info.get("host") == socket.gethostname()
        dead, old = here and not _alive(info.get("pid")), time.time() - os.fstat(fd).st_mtime > 1
        if fcntl is not None:  # unlocked: its holder died, or made it a moment ago and has yet to lock it
            stale = old or dead or (info is not None and not here)
        else:  # only a holder here can be asked after; a file with no holder named was left as it was made
            stale = dead or (info is None and old)
        if not stale:
            return False
        if os.stat(path).st_ino == os.fstat(fd).st_ino:  # still the file looked at: only its flock's holder removes it
            os.unlink(path)
        return True
    except FileNotFoundError:
        return True
    finally:
        os.close(fd)


def _read_lock(fd: int) -> dict | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode("utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def _holder(path: Path) -> str:
    """Who holds the lock at ``path``, as its file says."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return "a run that has just finished"
    try:
        info = _read_lock(fd) or {}
    finally:
        os.close(fd)
    return (f"pid {info.get('pid', '?')} on {info.get('host', '?')}, since {info.get('since', '?')}" if info
            else "a run that is starting")
