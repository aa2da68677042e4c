"""Load, validate and info benchmarks: new code against old, as ratios measured in the same run.

    python benchmarks/bench_load.py [--repeat N] [--old PATH] [--new PATH] [--docs D] [--large-repeat M] [--jobs J]

``--old PATH`` is a checkout of the old code, e.g. ``git worktree add
/tmp/corpus_kz_old 0312c80``; without it the old-code rows are skipped.
``--new`` defaults to the checkout this file is in. The run prints markdown
tables ready for the README:

1. The bundled corpus (5 documents), N rounds (default 15) after one untimed
   warm-up run of each command (so .pyc files and the warm datasets cache
   exist): ``python -c pass``, the standard-library floor, ``import
   corpus_kz``, ``load()``, ``corpus-kz validate`` and ``corpus-kz info``,
   new and old, and ``datasets.load_dataset`` on the new code's export (warm
   cache; cold cache, a fresh one per run, max(3, N/5) runs). Strictly one
   command at a time.
2. A corpus of D documents (default 5,000) generated once per run into a
   temporary directory by ``benchmarks/generate.py``, M rounds (default 1),
   no warm-up (table 1 compiled the modules; the files were just written):
   ``load(DIR)`` new (as shipped: the cyclic GC off while reading; and with
   ``gc.disable`` patched to a no-op) and old, ``validate DIR`` and ``info
   DIR`` new and old, and ``datasets.load_dataset`` on the new code's
   ``corpus-kz export hf DIR --out OUT --quiet`` (``HF_DATASETS_OFFLINE=1``;
   cold: a fresh ``HF_DATASETS_CACHE`` per run; warm: one cache filled
   before the rounds). These commands take 15 s to 2.5 min each, so by
   default two run at a time, one per core: each new command beside the same
   command on the old code (load, validate, info), then the GC row beside the
   datasets rows and ``python -c pass``. Two such children slow each other
   down (info and validate, which fill gigabytes, by a quarter to a half), and
   the shorter of a pair is slowed for all of its run, the longer for part of
   it; and the as-shipped ``load(DIR)`` runs beside the old ``load(DIR)``
   while the GC-left-on one runs beside the light rows, so their wall times
   differ by more than the GC (the collector time each child counts does
   not). ``--jobs 1`` runs them one at a time, as table 1, for figures
   without these biases, and takes about 11 minutes instead of 9.
3. A summary: the issue's questions, computed from the two tables.

Method, as before: each command runs in a fresh interpreter; commands take
turns round after round, so that they share whatever else the machine is
doing; each figure is the median wall time over the rounds, with ``python -c
pass`` measured in the same rounds as the unit. Peak memory (the ``import``
and ``load()`` rows) is the child's own peak resident set (``VmHWM``, which
the child writes to stderr as it ends; interpreter and imports included; not
``ru_maxrss``, which starts from the RSS of the process that forked the
child), the highest over the rounds. The ``load(DIR)`` children also count
the cyclic collections and the time spent in them (``gc.callbacks``).

New-code commands run in the new checkout and old-code ones in the old
checkout (``sys.path[0]``), so each imports its own ``corpus_kz``; the run
checks and prints which. New validate and info run as ``python -m corpus_kz
...``, old ones as ``python -c "import sys; sys.path.insert(0, '.'); from
corpus_kz.cli import main; raise SystemExit(main([...]))"``.

With the defaults the run takes 8-9 minutes on the 2-core development
machine: 1 for table 1, 2 for exporting the generated corpus, 5-6 for table 2.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

#: The checkout this file is in: the new code, by default.
CHECKOUT = Path(__file__).resolve().parent.parent

# A user's interpreter caches bytecode; with PYTHONDONTWRITEBYTECODE set (as on
# some CI machines) every run would recompile corpus_kz and measure the compiler.
BASE_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}

#: The old code is imported from the working directory: ``cd OLD && python -c "import sys; sys.path.insert(0, '.'); ..."``.
OLD_PREFIX = "import sys; sys.path.insert(0, '.'); "

#: Appended to the ``python -c`` commands whose memory is shown: the child's own peak resident set, in kB.
PEAK = ("; import sys; sys.stderr.write('\\nVmHWM ' + open('/proc/self/status').read().split('VmHWM:')[1].split()[0])"
        if os.path.exists("/proc/self/status") else "")

#: Put before a ``load(DIR)`` command: count the cyclic collections and the time spent in them.
GC_COUNT = ("import gc, time; _gc = [0, 0.0, 0.0]\n"
            "def _count(phase, info, g=_gc, now=time.perf_counter):\n"
            "    if phase == 'start': g[0] += 1; g[2] = now()\n"
            "    else: g[1] += now() - g[2]\n"
            "gc.callbacks.append(_count)\n")
#: ... and after it: write the count to stderr.
GC_REPORT = "; import sys; sys.stderr.write(f'\\nGC {_gc[0]} {_gc[1]}')"


@dataclass
class Cmd:
    label: str                    # what the table shows
    code: str                     # "new", "old" or "" (neither)
    argv: list[str]
    cwd: Path
    env: dict | None = None
    fresh_cache: Path | None = None  # a new HF_DATASETS_CACHE under this directory for every run
    pair: str | None = None       # the label of the same command on the old code
    max_runs: int | None = None   # timed runs at most (the cold-cache row: each run fills a new cache)
    hint: float = 0.0             # expected seconds, to start the longest first before any was timed
    runs: int = 0
    times: list[float] = field(default_factory=list)
    peak_kb: int = 0              # the highest VmHWM the child reported (commands ending in PEAK)
    gc: list[tuple[int, float]] = field(default_factory=list)  # (collections, seconds) per run, if counted
    failure: str | None = None

    def run(self) -> None:
        env = dict(self.env or BASE_ENV)
        if self.fresh_cache is not None:
            env["HF_DATASETS_CACHE"] = str(self.fresh_cache / f"cold{self.runs}")
        self.runs += 1
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.run(self.argv, cwd=self.cwd, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=err)
            elapsed = time.perf_counter() - start
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").splitlines()
        if proc.returncode != 0:
            self.failure = f"exit {proc.returncode}:\n" + "\n".join(lines[-25:])
            return
        self.times.append(elapsed)
        for line in lines[-2:]:
            if line.startswith("VmHWM "):
                self.peak_kb = max(self.peak_kb, int(line.split()[1]))
            elif line.startswith("GC "):
                self.gc.append((int(line.split()[1]), float(line.split()[2])))

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and self.failure is None else None

    @property
    def due(self) -> bool:
        return self.failure is None and (self.max_runs is None or len(self.times) < self.max_runs)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def corpus_cmds(new: Path, old: Path | None, corpus: str | None) -> list[Cmd]:
    """load(), validate and info on ``corpus`` (None: the bundled one), new code and old."""
    large = corpus is not None
    arg = repr(corpus) if large else ""
    cli_args = [corpus] if large else []
    where = " DIR" if large else ""
    pre, post = (GC_COUNT, GC_REPORT) if large else ("", "")
    cmds = []
    if not large:
        cmds.append(Cmd("`import corpus_kz`", "new", python("-c", "import corpus_kz" + PEAK), new,
                        pair="`import corpus_kz`"))
        if old is not None:
            cmds.append(Cmd("`import corpus_kz`", "old", python("-c", OLD_PREFIX + "import corpus_kz" + PEAK), old))
    load = f"`corpus_kz.load({'DIR' if large else ''})`"
    cmds.append(Cmd(load + (", GC off while reading (as shipped)" if large else ""), "new",
                    python("-c", pre + f"import corpus_kz; corpus_kz.load({arg})" + post + PEAK), new, pair=load,
                    hint=30))
    if large:
        cmds.append(Cmd(load + ", `gc.disable` patched to a no-op", "new", python(
            "-c", pre + f"gc.disable = lambda: None; import corpus_kz; corpus_kz.load({arg})" + post + PEAK), new,
            hint=30))
    if old is not None:
        cmds.append(Cmd(load, "old", python(
            "-c", pre + OLD_PREFIX + f"import corpus_kz; corpus_kz.load({arg})" + post + PEAK), old, hint=15))
    if not large:
        cmds.append(Cmd("`corpus_kz.load()` + every document's text and layers", "new", python(
            "-c", "import corpus_kz; c = corpus_kz.load(); [len(d.quotes) + len(d.text) for d in c]"), new))
    for sub, hints in (("validate", (30, 130)), ("info", (120, 80))):
        label = f"`corpus-kz {sub}{where}`"
        cmds.append(Cmd(label, "new", python("-m", "corpus_kz", sub, *cli_args), new, pair=label, hint=hints[0]))
        if old is not None:
            cmds.append(Cmd(label, "old", python(
                "-c", OLD_PREFIX + f"from corpus_kz.cli import main; raise SystemExit(main({[sub, *cli_args]!r}))"),
                old, hint=hints[1]))
    return cmds


def hf_cmds(export: Path, tmp: Path, name: str, cold_runs: int | None = None) -> list[Cmd]:
    env = dict(BASE_ENV, HF_DATASETS_OFFLINE="1", HF_DATASETS_DISABLE_PROGRESS_BARS="1",
               HF_DATASETS_CACHE=str(tmp / f"{name}-warm-cache"))
    argv = python("-c", f"import datasets; datasets.load_dataset({str(export)!r}, 'nested', split='train')")
    return [Cmd(f"`datasets.load_dataset(export{' of DIR' if name == 'DIR' else ''})`, warm cache", "new", argv, tmp,
                env, hint=3),
            Cmd(f"`datasets.load_dataset(export{' of DIR' if name == 'DIR' else ''})`, cold cache", "new", argv, tmp,
                env, fresh_cache=tmp / f"{name}-cold-caches", max_runs=cold_runs, hint=3)]


def side_by_side(cmds: list[Cmd]) -> list[tuple[list[Cmd], list[Cmd]]]:
    """Two lanes per step: each new command beside the same command on the old code; the rest split by their hints."""
    old = {c.label: c for c in cmds if c.code == "old"}
    steps, paired = [], set()
    for c in cmds:
        o = old.get(c.pair) if c.code == "new" else None
        if o is not None:
            steps.append(([c], [o]))
            paired.update((id(c), id(o)))
    rest = sorted((c for c in cmds if id(c) not in paired), key=lambda c: -c.hint)
    lanes: tuple[list[Cmd], list[Cmd]] = ([], [])
    for c in rest:
        min(lanes, key=lambda lane: sum(x.hint for x in lane)).append(c)
    return steps + [lanes]


def rounds(cmds: list[Cmd], repeat: int, *, warm_up: bool, jobs: int = 1) -> None:
    if warm_up:
        for c in cmds:
            if c.fresh_cache is None:
                c.run()
                c.times.clear()
    for _ in range(repeat):
        if jobs == 1:
            for c in cmds:
                if c.due:
                    c.run()
            continue
        # One step at a time; within a step the two lanes run at once, each lane one command after another.
        for lanes in side_by_side(cmds):
            with ThreadPoolExecutor(2) as pool:
                list(pool.map(lambda lane: [c.run() for c in lane if c.due], lanes))


def table(cmds: list[Cmd], unit: str) -> str:
    scale = 1000 if unit == "ms" else 1
    base = next(c.median for c in cmds if c.label == "`python -c pass`")
    old = {c.label: c for c in cmds if c.code == "old"}
    lines = [f"| command | code | median ({unit}) | vs `python -c pass` | old / new time | peak RSS (MB) |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for c in cmds:
        if c.median is None:
            lines.append(f"| {c.label} | {c.code} | failed ({c.failure.splitlines()[0]}) | | | |")
            continue
        other = old.get(c.pair) if c.code == "new" else None
        ratio = f"{other.median / c.median:.2f}x" if other is not None and other.median is not None else ""
        peak = f"{c.peak_kb / 1024:,.0f}" if c.peak_kb else ""
        lines.append(f"| {c.label} | {c.code} | {c.median * scale:,.{1 if unit == 'ms' else 2}f} | "
                     f"{c.median / base:.2f}x | {ratio} | {peak} |")
    return "\n".join(lines)


def failures(cmds: list[Cmd]) -> str:
    return "".join(f"\n{c.label} ({c.code}) failed, {c.failure}\n" for c in cmds if c.failure)


def speed(ratio: float) -> str:
    """old time / new time, in words."""
    return f"{ratio:.2f}x faster" if ratio >= 1 else f"{1 / ratio:.2f}x slower"


def summary(small: list[Cmd], large: list[Cmd], docs: int) -> str:
    """The issue's questions, answered from the two tables."""
    def get(cmds, label, code):
        return next((c for c in cmds if c.label.startswith(label) and c.code == code and c.median is not None), None)

    rows = ["| question | new | old | new is |", "| --- | ---: | ---: | ---: |"]
    for sub in ("validate", "info"):
        n, o = get(small, f"`corpus-kz {sub}`", "new"), get(small, f"`corpus-kz {sub}`", "old")
        goal = " (goal: at least 3x faster)" if sub == "validate" else ""
        if n and o:
            rows.append(f"| `corpus-kz {sub}`, bundled corpus{goal} | {n.median * 1000:.0f} ms | "
                        f"{o.median * 1000:.0f} ms | {speed(o.median / n.median)} |")
        n, o = get(large, f"`corpus-kz {sub} DIR`", "new"), get(large, f"`corpus-kz {sub} DIR`", "old")
        if n and o:
            rows.append(f"| `corpus-kz {sub}`, {docs:,} documents | {n.median:.1f} s | {o.median:.1f} s | "
                        f"{speed(o.median / n.median)} |")
    for code in ("new", "old"):
        l5, lbig = get(small, "`corpus_kz.load()`", code), get(large, "`corpus_kz.load(DIR)`", code)
        imp = get(small, "`import corpus_kz`", code)
        if l5 and lbig and imp:
            rows.append(f"| `load()` ({code}): 5 → {docs:,} documents; beyond `import corpus_kz`; each further document"
                        f" | {l5.median * 1000:.0f} ms → {lbig.median:.1f} s; {(l5.median - imp.median) * 1000:.0f} ms →"
                        f" {lbig.median - imp.median:.1f} s; {(lbig.median - l5.median) / (docs - 5) * 1000:.2f} ms | | |")
    n, o = get(large, "`corpus_kz.load(DIR)`", "new"), get(large, "`corpus_kz.load(DIR)`", "old")
    if n and o:
        rows.append(f"| `load(DIR)`, {docs:,} documents | {n.median:.1f} s | {o.median:.1f} s | "
                    f"{speed(o.median / n.median)} |")
    off, on = get(large, "`corpus_kz.load(DIR)`, GC off", "new"), get(large, "`corpus_kz.load(DIR)`, `gc.disable`", "new")
    if on and off:
        saved = on.median - off.median
        def gc_stat(c):
            if not c.gc:
                return ""
            count, secs = c.gc[len(c.gc) // 2]
            return f" ({count} collections, {secs:.2f} s)"
        rows.append(f"| `load(DIR)` (new): GC off while reading, as shipped / GC left on (`gc.disable` a no-op); "
                    f"in brackets: cyclic collections in the child and their time | {off.median:.2f} s{gc_stat(off)} / "
                    f"{on.median:.2f} s{gc_stat(on)} | {gc_stat(o).strip() if o else ''} | "
                    f"GC off saves {saved:.2f} s of wall time ({saved / on.median:.1%})"
                    + (f", {on.gc[len(on.gc) // 2][1] - off.gc[len(off.gc) // 2][1]:.2f} s of collector time"
                       if on.gc and off.gc else "") + " |")
    peak = {}
    for code in ("new", "old"):
        imp, lbig = get(small, "`import corpus_kz`", code), get(large, "`corpus_kz.load(DIR)`", code)
        if imp and lbig and imp.peak_kb and lbig.peak_kb:
            peak[code] = (lbig.peak_kb / 1024, (lbig.peak_kb - imp.peak_kb) / 1024)
    if len(peak) == 2:
        rows.append(f"| `load(DIR)` peak RSS (above `import corpus_kz`) | {peak['new'][0]:,.0f} MB "
                    f"({peak['new'][1]:,.0f} MB) | {peak['old'][0]:,.0f} MB ({peak['old'][1]:,.0f} MB) | "
                    f"{1 - peak['new'][1] / peak['old'][1]:.0%} less above the import |")
    for cmds, where in ((small, "bundled corpus"), (large, f"{docs:,} documents")):
        n, hf = get(cmds, "`corpus_kz.load(", "new"), get(cmds, "`datasets.load_dataset(", "new")
        if n and hf:
            rows.append(f"| `load()` vs `datasets.load_dataset(export)`, warm cache, {where} | {n.median:.2f} s | "
                        f"{hf.median:.2f} s (datasets) | {speed(hf.median / n.median)} than datasets |")
    return "### Summary\n\n" + "\n".join(rows)


def identify(cwd: Path, prefix: str, expected: Path) -> str:
    """The corpus_kz that a command run in ``cwd`` imports; exits if it is not the one under ``expected``."""
    out = subprocess.run(python("-c", prefix + "import corpus_kz; print(corpus_kz.__file__)"), cwd=cwd, env=BASE_ENV,
                         capture_output=True, text=True, check=True).stdout.strip()
    if not Path(out).resolve().is_relative_to(expected.resolve()):
        sys.exit(f"a command run in {cwd} imports {out}, not the corpus_kz in {expected}")
    git = subprocess.run(["git", "-C", str(expected), "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(expected), "status", "--porcelain", "--", "corpus_kz"],
                           capture_output=True, text=True).stdout.strip()
    commit = git.stdout.strip()[:70] if git.returncode == 0 else "not a git checkout"
    return f"`{out}` ({commit}{'; with uncommitted changes in corpus_kz/' if dirty else ''})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds on the bundled corpus (default 15)")
    parser.add_argument("--old", type=Path, help="a checkout of the old code (e.g. a worktree of 0312c80)")
    parser.add_argument("--new", type=Path, default=CHECKOUT, help="a checkout of the new code (default: this one)")
    parser.add_argument("--docs", type=int, default=5000, help="documents in the generated corpus (default 5000; 0: none)")
    parser.add_argument("--large-repeat", type=int, default=1, help="rounds on the generated corpus (default 1)")
    parser.add_argument("--jobs", type=int, default=2, choices=(1, 2),
                        help="commands run at a time on the generated corpus (default 2; the bundled corpus: always 1)")
    args = parser.parse_args()
    started = time.perf_counter()
    load_before = os.getloadavg()
    new = args.new.resolve()
    old = args.old.resolve() if args.old is not None else None
    if old is not None and not (old / "corpus_kz" / "__init__.py").is_file():
        parser.error(f"--old {old}: no corpus_kz package there")
    idents = {"new": identify(new, "", new)}
    if old is not None:
        idents["old"] = identify(old, OLD_PREFIX, old)
    out = []

    with tempfile.TemporaryDirectory(prefix="corpus_kz_bench_") as tmp_name:
        tmp = Path(tmp_name)
        export = tmp / "hf-bundled"
        subprocess.run(python("-m", "corpus_kz", "export", "hf", "--out", str(export), "--quiet"), cwd=new, env=BASE_ENV,
                       check=True, capture_output=True)
        small = [Cmd("`python -c pass`", "", python("-c", "pass"), new),
                 Cmd("`import dataclasses, json, hashlib, datetime, pathlib`", "",
                     python("-c", "import dataclasses, json, hashlib, datetime, pathlib"), new),
                 *corpus_cmds(new, old, None),
                 *hf_cmds(export, tmp, "bundled", cold_runs=max(3, args.repeat // 5))]
        rounds(small, args.repeat, warm_up=True)
        out.append(f"### The bundled corpus (5 documents): median of {args.repeat} rounds\n\n{table(small, 'ms')}\n"
                   + failures(small))

        large: list[Cmd] = []
        if args.docs:
            gen = tmp / "generated"
            t = time.perf_counter()
            generate(gen, args.docs, source=new)
            generated_in = time.perf_counter() - t
            large = [Cmd("`python -c pass`", "", python("-c", "pass"), new), *corpus_cmds(new, old, str(gen))]
            export = tmp / "hf-generated"
            t = time.perf_counter()
            exported = subprocess.run(
                python("-m", "corpus_kz", "export", "hf", str(gen), "--out", str(export), "--quiet"),
                cwd=new, env=BASE_ENV, capture_output=True, text=True)
            exported_in = time.perf_counter() - t
            note = (f"Generated in {generated_in:.1f} s (`python benchmarks/generate.py DIR --docs {args.docs}`); "
                    f"`corpus-kz export hf DIR --out OUT --quiet` (new code) ")
            if exported.returncode == 0:
                note += f"took {exported_in:.1f} s, once."
                hf = hf_cmds(export, tmp, "DIR")
                hf[0].run()  # fill the warm cache
                hf[0].times.clear()
                large += hf
            else:
                note += f"failed, exit {exported.returncode}:\n" + "\n".join(exported.stderr.splitlines()[-25:])
            rounds(large, args.large_repeat, warm_up=False, jobs=args.jobs)
            how = ("two commands at a time, new beside old" if args.jobs == 2 else "one command at a time")
            out.append(f"### A generated corpus of {args.docs:,} documents (DIR): median of {args.large_repeat} "
                       f"round{'s' * (args.large_repeat != 1)}, {how}\n\n{note}\n\n{table(large, 's')}\n"
                       + failures(large))
        out.append(summary(small, large, args.docs))

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; load average {load_before[0]:.2f} at the start, "
          f"{os.getloadavg()[0]:.2f} at the end; the whole run took {time.perf_counter() - started:.0f} s.\n")
    for code, ident in idents.items():
        print(f"- {code} code: {ident}")
    print()
    print("\n\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
