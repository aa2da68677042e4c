"""Writers killed at each of their write steps, and run many at once, in child processes (for test_writers_kill.py).

``python -m tests.storage.writer_steps WHAT CORPUS TARGET [sample]``: WHAT is
``jsonl`` (``corpus-kz export jsonl``) or ``report`` (``corpus-kz report``)
of the corpus directory CORPUS to TARGET, which holds an earlier output. A
write step is each call that changes the file system: a file or folder
made, written to, renamed, removed or exchanged. One whole run counts the
steps; then, for each step, a forked child runs the command and SIGKILLs
itself as the step begins, and another child runs it again, whole. Each is
a line of JSON on stdout: the step, what the target held after the kill
(``old``, ``new`` or ``neither``), and after the next run, with what was
left beside it each time. The facts only: the test judges them. With
``sample``, only the first and last step of each kind are killed (see
:func:`_sample`): a report's steps inside its build are all alike.

``python -m tests.storage.writer_steps at_once WHAT CORPUS TARGET N`` runs N
of them to one target at once (:func:`at_once`).

A report's tables are made once and its figures are neither made nor drawn
(:func:`_report_made_once`): that is nearly all of a run's time, and what is
written, and how, is the same.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

STEPS: list[str] = []
KILL_AT = -1
#: Where the writer's steps are counted: beside and inside the target (the rest, a font cache, is not its output).
HERE = ""
_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT
_OWN: set[int] = set()


def _ours(args, kwargs) -> bool:
    first = args[0] if args else None
    if isinstance(first, int):
        return first in _OWN  # a descriptor: one of the files counted as made
    return "dir_fd" in kwargs or (first is not None and f"{os.fsdecode(os.fspath(first))}/".startswith(HERE))


def _wrap(name: str, module=os, writes=lambda *a, **k: True) -> None:
    original = getattr(module, name)

    def wrapped(*args, **kwargs):
        counted = writes(*args, **kwargs) and _ours(args, kwargs)
        if counted:
            if len(STEPS) == KILL_AT:
                os.kill(os.getpid(), signal.SIGKILL)
            STEPS.append(f"{name} {args[0]}")
        result = original(*args, **kwargs)
        if counted and name == "open" and module is os:
            _OWN.add(result)
        return result

    setattr(module, name, wrapped)


def _patch() -> None:
    for name in ("mkdir", "rename", "replace", "unlink", "rmdir", "chmod", "link", "symlink"):
        _wrap(name)
    _wrap("open", writes=lambda path, flags, *a, **k: bool(flags & _WRITES))
    _wrap("write")
    _wrap("open", builtins, lambda file, mode="r", *a, **k: any(c in mode for c in "wax+"))
    io.open = builtins.open
    from corpus_kz import writing

    _wrap("_exchange", writing)


def _state(target: Path, old: dict, new: dict | None) -> str:
    now = {p.relative_to(target).as_posix(): p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()} \
        if target.is_dir() else None
    return "old" if now == old else "new" if now == new else "neither"


def _run(argv: list[str], kill_at: int) -> int:
    """The command in a forked child killed at step ``kill_at`` (-1: not killed); its wait status."""
    from corpus_kz.cli import main as cli

    pid = os.fork()
    if pid == 0:
        global KILL_AT
        KILL_AT = kill_at
        STEPS.clear()
        code = 3
        try:
            with open(os.devnull, "w") as quiet:
                sys.stdout = sys.stderr = quiet
                code = cli(argv)
        finally:
            os._exit(code)
    return os.waitpid(pid, 0)[1]


def _sample(steps: list[str]) -> set[int]:
    """The first and the last step of each kind: the lock's, those before the build's first file, those inside the
    build (its files, all alike), the swap, and those after it (the old output removed, by names relative to it)."""
    kinds: dict[str, list[int]] = {}
    phase = "prepare"
    for n, step in enumerate(steps):
        name, _, path = step.partition(" ")
        if ".tmp/" in path and phase == "prepare":
            phase = "build"
        if name in ("_exchange", "rename") and phase == "build":
            phase = "swap"
        kind = "lock" if path.endswith(".lock") or name == "write" else phase
        kinds.setdefault(kind, []).append(n)
        phase = "old" if phase == "swap" else phase
    return {n for ns in kinds.values() for n in (ns[0], ns[-1])}


def _report_made_once(corpus: str) -> None:
    """The report's tables made once, and its figures neither made nor drawn: a run's time is nearly all theirs,
    and its writes are the same (the same files, written the same way)."""
    import corpus_kz
    from corpus_kz.report import build, plots

    for name in set(plots.__all__) - {"event_names", "png"}:
        setattr(plots, name, lambda *args, **kwargs: None)
    plots.png = lambda fig: b"a figure, not drawn\n"
    parts = build.sections(corpus_kz.load(corpus))
    build.sections = lambda corpus: parts


def main(what: str, corpus: str, target: Path, sample: bool = False) -> None:
    from corpus_kz.cli import main as cli

    argv = _argv(what, corpus, target)
    global HERE
    HERE = f"{target.parent}/"
    keep = target.parent.parent / f"{target.name}.old"
    shutil.copytree(target, keep, symlinks=True)
    old = {p.relative_to(keep).as_posix(): p.read_bytes() for p in sorted(keep.rglob("*")) if p.is_file()}
    if what == "report":
        _report_made_once(corpus)
    _patch()
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli(argv) == 0, "the whole run failed"
    steps = list(STEPS)
    chosen = _sample(steps)
    new = {p.relative_to(target).as_posix(): p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()}
    for n, step in enumerate(steps):
        if sample and n not in chosen:
            continue
        shutil.rmtree(target)
        shutil.copytree(keep, target, symlinks=True)
        status = _run(argv, n)
        fact = {"step": n, "of": len(steps), "what": step, "killed": os.WIFSIGNALED(status)
                and os.WTERMSIG(status) == signal.SIGKILL, "after_kill": _state(target, old, new),
                "beside_after_kill": sorted(os.listdir(target.parent))}
        status = _run(argv, -1)
        fact.update(next_exit=os.waitstatus_to_exitcode(status), after_next=_state(target, old, new),
                    beside_after_next=sorted(os.listdir(target.parent)))
        print(json.dumps(fact), flush=True)


def _argv(what: str, corpus: str, target: Path) -> list[str]:
    return ["export", "jsonl", corpus, "--out", str(target), "--quiet"] if what == "jsonl" \
        else ["report", corpus, "--out", str(target), "--quiet"]


def at_once(what: str, corpus: str, target: Path, writers: int) -> None:
    """``writers`` forked children run WHAT of ``corpus`` to ``target``, let go at one instant; a line of JSON
    each: its exit code, what it printed to stderr, and when it began and ended (``time.monotonic``). One run
    before them writes ``TARGET.warm`` beside the target's folder: what each of them writes."""
    from corpus_kz.cli import main as cli

    if what == "report":
        _report_made_once(corpus)
    with contextlib.redirect_stdout(io.StringIO()):  # what a first run imports and reads, done once before the fork
        assert cli(_argv(what, corpus, target.parent.parent / f"{target.name}.warm")) == 0
    go, let_go = os.pipe()
    children = []
    for _ in range(writers):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            os.close(let_go)
            os.read(go, 1)  # returns when the parent closes its end: every child is forked by then
            err, code, start = io.StringIO(), 3, time.monotonic()
            try:
                with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                    code = cli(_argv(what, corpus, target))
            finally:
                said = {"exit": code, "err": err.getvalue(), "start": start, "end": time.monotonic()}
                os.write(write, json.dumps(said).encode())
                os._exit(code)
        os.close(write)
        children.append((pid, read))
    os.close(let_go)
    for pid, read in children:
        with os.fdopen(read, "rb") as fh:
            said = json.loads(fh.read() or b"{}")
        said["status"] = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        print(json.dumps(said), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "at_once":
        at_once(sys.argv[2], sys.argv[3], Path(sys.argv[4]), int(sys.argv[5]))
    else:
        main(sys.argv[1], sys.argv[2], Path(sys.argv[3]), sample=sys.argv[4:] == ["sample"])
