"""What the code under test opens, seen by an audit hook on ``open``: what an import reads, where an export writes.

The hook is added once, for the life of the process (an audit hook cannot be
removed), and acts only inside :func:`opened` or :func:`writes`. It sees
``open`` and ``os.open`` alike (``tempfile`` and the atomic writes use the
latter), with the flags each was opened with.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus_kz.cli import main

_LISTENERS: list[Callable[[str, bool], None]] = []
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _audit(event: str, args: tuple) -> None:
    if _LISTENERS and event == "open" and args and isinstance(args[0], (str, bytes)):
        mode, flags = (args[1:3] + (None, None))[:2]
        writing = bool(flags & _WRITING) if isinstance(flags, int) else isinstance(mode, str) and bool(
            set(mode) & set("wax+"))
        path = os.path.abspath(os.fsdecode(args[0]))
        for listen in _LISTENERS:
            listen(path, writing)


sys.addaudithook(_audit)


@contextmanager
def _listening(listen: Callable[[str, bool], None]) -> Iterator[None]:
    _LISTENERS.append(listen)
    try:
        yield
    finally:
        _LISTENERS.remove(listen)


@contextmanager
def opened() -> Iterator[list[str]]:
    """Every path opened while the block runs, absolute (not resolved: a symlink followed is resolved later)."""
    paths: list[str] = []
    with _listening(lambda path, writing: paths.append(path)):
        yield paths


class Interrupted(BaseException):
    """What :func:`writes` raises to stop the code part-way, as a kill or Ctrl-C would (no ``except Exception``)."""


@contextmanager
def writes(below: Path, fail_at: int | None = None) -> Iterator[list[Path]]:
    """Every file below ``below`` opened for writing while the block runs; the ``fail_at``-th raises Interrupted."""
    root = Path(os.path.realpath(below))
    paths: list[Path] = []

    def listen(path: str, writing: bool) -> None:
        real = Path(os.path.realpath(path))
        if writing and real.is_relative_to(root):
            paths.append(real)
            if len(paths) == fail_at:
                raise Interrupted(f"stopped at writing {real}")

    with _listening(listen):
        yield paths


# -- an import run and what it may touch --------------------------------------------------------------------------

def run_import(fmt: str, src: Path, out: Path, *extra: str) -> tuple[object, list[str]]:
    """``corpus-kz import`` in-process: its exit code and the paths it opened."""
    with opened() as paths:
        try:
            code = main(["import", fmt, str(src), "--out", str(out), *extra])
        except SystemExit as exc:  # argparse
            code = exc.code
    return code, paths


#: A problem line: the file (and record and field) where it is, what was found, what was expected.
PROBLEM = re.compile(r"^\S.*: found .+, expected .+$")


def check_nothing_written(out: Path) -> None:
    """Nothing at ``out`` and no temporary directory left beside it."""
    assert not out.exists()
    assert not list(out.parent.glob(f".{out.name}.*")), "a temporary directory was left beside OUT"


def check_opened(paths: list[str], tmp_path: Path, src: Path, out: Path) -> None:
    """Nothing opened outside SRC: not the decoy, not /etc/passwd or /dev/zero, nothing in tmp_path but SRC.

    The corpus built aside, beside OUT, is written and loaded before it is refused or moved in: that is the
    import's own output, not input.
    """
    src_real, tmp_real, out_real = src.resolve(), tmp_path.resolve(), out.absolute()
    for path in paths:
        real = Path(path).resolve()
        assert real not in (Path("/etc/passwd"), Path("/dev/zero")), f"opened {path} -> {real}"
        if real.is_relative_to(tmp_real):
            rel = real.relative_to(out_real.parent) if real.is_relative_to(out_real.parent) else None
            built = rel is not None and (rel.parts[0] == out_real.name or rel.parts[0].startswith(f".{out.name}."))
            assert real.is_relative_to(src_real) or built, f"opened {path} -> {real}, outside SRC"
