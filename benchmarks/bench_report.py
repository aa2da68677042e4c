"""Time `corpus-kz report` on the bundled corpus and on generated corpora of growing size.

    python benchmarks/bench_report.py [--docs 250 500 1000] [--repeat 3]

Each size is a corpus generated with ``generate.py`` (copies of the bundled
documents, round robin). Every measurement is a fresh interpreter, and in
the same run ``load()`` of the same corpus is timed as the baseline, so the
figures are ratios on this machine rather than absolute claims:

- ``report / load``: how much more the report costs than reading the corpus;
- ``ms per doc``: the report's time per document; roughly constant from
  size to size means the report scales linearly.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUNDLED = HERE.parent


def _time(argv: list[str], repeat: int) -> float:
    """The median wall time of ``argv`` over ``repeat`` fresh runs (seconds)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, nargs="*", default=[250, 500, 1000], help="generated corpus sizes")
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is reported)")
    args = p.parse_args()
    py = sys.executable
    cli = [py, "-m", "corpus_kz"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [(5, BUNDLED)]
        for n in args.docs:
            out = Path(tmp) / f"c{n}"
            subprocess.run([py, str(HERE / "generate.py"), str(out), "--docs", str(n)], check=True,
                           stdout=subprocess.DEVNULL)
            corpora.append((n, out))
        for n, path in corpora:
            load = _time([py, "-c", f"import corpus_kz; corpus_kz.load({str(path)!r})"], args.repeat)
            report = _time([*cli, "report", str(path), "--out", str(Path(tmp) / f"r{n}"), "--quiet", "--force"],
                           args.repeat)
            rows.append((n, load, report))
            print(f"{n:>6} docs: load {load:6.2f} s, report {report:6.2f} s, report/load {report / load:5.1f}x, "
                  f"{1000 * report / n:7.1f} ms per doc", flush=True)
    base = rows[1] if len(rows) > 1 else rows[0]
    for n, _, report in rows[1:]:
        per_doc = (report / n) / (base[2] / base[0])
        print(f"per-document time at {n} docs / at {base[0]} docs: {per_doc:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
