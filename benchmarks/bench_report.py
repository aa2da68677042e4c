"""Time `corpus-kz report` on the bundled corpus and on generated corpora, and say where the time goes.

    python benchmarks/bench_report.py [--docs 1000 10000] [--repeat 3] [--old PATH] [--old-max-docs 1000]

Each size is a corpus generated with ``generate.py`` (copies of the bundled
documents, round robin) into a temporary directory. Every measurement is a
fresh interpreter; in each round the commands of one corpus take turns, so
that they share whatever else the machine is doing, and each figure is the
median over the rounds. In the same run ``load()`` of the same corpus is
timed as the baseline, so the figures are ratios on this machine rather than
absolute claims:

- ``report / load``: how much more the report costs than reading the corpus;
- ``ms per document``: the report's wall time per document;
- with ``--old PATH`` (a checkout of the old code, e.g. ``git worktree add
  /tmp/old 0b7e784``), the old code's report on the same corpus, up to
  ``--old-max-docs`` documents (issue 16 measured the old report at 37 ms
  per document, about 6 minutes at 10,000), and ``old / new``.

Wall time is what a user waits; CPU time (user and system, of the child
alone) is less disturbed by other work on the machine. A second table splits
one process's report into its stages: importing, ``load()``, building the
pandas views the report reads (:data:`VIEWS`; the core's, not the report's),
the analyses, drawing the figures, and rendering. The new code's commands run
in the checkout this file is in (``python -m corpus_kz``), the old code's in
``--old``; each child checks which ``corpus_kz`` it imported.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

#: The checkout this file is in: the new code.
CHECKOUT = Path(__file__).resolve().parent.parent
# Each child imports the corpus_kz of its working directory, never one from PYTHONPATH; bytecode is cached.
BASE_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
#: The views the report reads; the stage child builds them first, so that "analyses" is the analyses alone.
VIEWS = ("documents", "mentions", "attributions", "quotes", "figures", "frames", "entities")

#: One process's report, stage by stage (json on the last line of stdout). It checks that the report read no
#: view beyond VIEWS, so that the views' time is all in "views".
STAGES = """
import json, sys, time
from pathlib import Path
clock = time.perf_counter
T = {}
start = clock()
import corpus_kz
from corpus_kz.analyses import common
from corpus_kz.report import build, plots
T["import"] = clock() - start
assert Path(corpus_kz.__file__).resolve().is_relative_to(Path.cwd().resolve()), corpus_kz.__file__
start = clock(); corpus = corpus_kz.load(sys.argv[1]); T["load"] = clock() - start
start = clock()
for name in sys.argv[3].split(","):
    common.view(corpus, name)
T["views"] = clock() - start
start = clock(); parts = build.sections(corpus); T["analyses"] = clock() - start
start = clock()
figures = {name: make() for part in parts for name, _, make in part.figures}
images = {name: plots.png(fig) for name, fig in figures.items()}
T["figures"] = clock() - start
start = clock()
page, md = build.render_html(corpus, parts, images), build.render_markdown(corpus, parts)
T["render"] = clock() - start
built = {name for name in common._views[corpus] if "." not in name and name != "texts"}
assert built <= set(sys.argv[3].split(",")), built
print(json.dumps(T))
"""


def _run(argv: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of one fresh child, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=BASE_ENV, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def _old_report(path: Path, out: Path) -> list[str]:
    args = ["report", str(path), "--out", str(out), "--quiet", "--force"]
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, '.'); from corpus_kz.cli import main; "
                                  f"raise SystemExit(main({args!r}))"]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, nargs="*", default=[1000, 10000], help="generated corpus sizes")
    p.add_argument("--repeat", type=int, default=3, help="rounds per corpus (the median is reported)")
    p.add_argument("--old", type=Path, help="a checkout of the old code, whose report is timed beside")
    p.add_argument("--old-max-docs", type=int, default=1000, help="the largest corpus the old report runs on")
    args = p.parse_args()
    py = sys.executable
    rows, stages = [], []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [(5, CHECKOUT)]
        for n in args.docs:
            corpora.append((n, generate(Path(tmp) / f"c{n}", n)))
        for n, path in corpora:
            out = Path(tmp) / f"r{n}"
            commands = {
                "load": ([py, "-c", f"import corpus_kz; corpus_kz.load({str(path)!r})"], CHECKOUT),
                "report": ([py, "-m", "corpus_kz", "report", str(path), "--out", str(out), "--quiet", "--force"],
                           CHECKOUT),
                "stages": ([py, "-c", STAGES, str(path), str(out), ",".join(VIEWS)], CHECKOUT),
            }
            if args.old is not None and n <= args.old_max_docs:
                commands["old"] = (_old_report(path, Path(tmp) / f"old{n}"), args.old.resolve())
            wall = {k: [] for k in commands}
            cpu = {k: [] for k in commands}
            split = []
            for _ in range(args.repeat):
                for key, (argv, cwd) in commands.items():
                    w, c, stdout = _run(argv, cwd)
                    wall[key].append(w)
                    cpu[key].append(c)
                    if key == "stages":
                        split.append(json.loads(stdout.strip().splitlines()[-1]))
            med = {k: statistics.median(v) for k, v in wall.items()}
            med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
            stage = {k: statistics.median(s[k] for s in split) for k in split[0]}
            rows.append((n, med, med_cpu))
            stages.append((n, stage))
            old = f", old report {med['old']:.2f} s ({med['old'] / med['report']:.1f}x)" if "old" in med else ""
            print(f"{n:>6} docs: load {med['load']:6.2f} s, report {med['report']:6.2f} s (CPU {med_cpu['report']:.2f} s)"
                  f", report/load {med['report'] / med['load']:4.1f}x, {1000 * med['report'] / n:6.1f} ms per doc{old}",
                  flush=True)
    print()
    old = args.old is not None
    print("| corpus | `load()` (s) | `corpus-kz report` (s) | report CPU (s) | report / load | ms per document |"
          + (" old report (s) | old / new |" if old else ""))
    print("| --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if old else ""))
    for n, med, med_cpu in rows:
        name = "bundled, 5 documents" if n == 5 else f"generated, {n:,} documents"
        line = (f"| {name} | {med['load']:.2f} | {med['report']:.2f} | {med_cpu['report']:.2f} | "
                f"{med['report'] / med['load']:.1f}x | {1000 * med['report'] / n:.1f} |")
        if old:
            line += (f" {med['old']:.2f} | {med['old'] / med['report']:.1f}x |" if "old" in med else " – | – |")
        print(line)
    print()
    keys = list(stages[0][1])
    print("| corpus (one process, median) | " + " | ".join(keys) + " | total |")
    print("| --- |" + " ---: |" * (len(keys) + 1))
    for n, stage in stages:
        print(f"| {n:,} documents | " + " | ".join(f"{stage[k]:.2f}" for k in keys) + f" | {sum(stage.values()):.2f} |")
    if len(rows) > 2:
        base_n, base, _ = rows[1]
        for n, med, _ in rows[2:]:
            print(f"\nper-document time at {n:,} documents / at {base_n:,}: "
                  f"{(med['report'] / n) / (base['report'] / base_n):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
