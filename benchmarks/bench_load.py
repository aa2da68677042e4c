"""Load-time benchmark: ratios against baselines measured in the same run.

    python benchmarks/bench_load.py [--repeat N]

1. ``python -c "import corpus_kz; corpus_kz.load()"`` against bare ``python -c pass``
   (goal: at most 3x);
2. the same against loading the same data with ``datasets.load_dataset`` from
   an exported directory, warm cache and cold cache (goal: at least 10x faster).

Each command runs in a fresh interpreter; the figure is the median wall time
of N runs, after one untimed warm-up run (so .pyc files exist).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wall(code: str, repeat: int, env: dict | None = None, setup: str | None = None) -> float:
    subprocess.run([sys.executable, "-c", setup or code], check=True, env=env, capture_output=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "hf"
        subprocess.run([sys.executable, "-m", "corpus_kz.cli", "export", "hf", str(export), "--quiet"], check=True,
                       capture_output=True)
        env = dict(os.environ, HF_DATASETS_OFFLINE="1", HF_DATASETS_CACHE=str(Path(tmp) / "cache"),
                   HF_DATASETS_DISABLE_PROGRESS_BARS="1")
        hf = f"import datasets; datasets.load_dataset({str(export)!r}, 'documents', split='train')"
        rows = {
            "python -c pass": wall("pass", args.repeat),
            "import corpus_kz; corpus_kz.load()": wall("import corpus_kz; corpus_kz.load()", args.repeat),
            "corpus_kz.load() + every document's text and layers": wall(
                "import corpus_kz; c = corpus_kz.load(); [len(d.quotes) + len(d.text) for d in c]", args.repeat),
            "datasets.load_dataset(export), warm cache": wall(hf, args.repeat, env),
        }
        cold = []
        for i in range(max(3, args.repeat // 5)):
            cold_env = dict(env, HF_DATASETS_CACHE=str(Path(tmp) / f"cold{i}"))
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", hf], check=True, env=cold_env, capture_output=True)
            cold.append(time.perf_counter() - start)
        rows["datasets.load_dataset(export), cold cache"] = statistics.median(cold)
    base = rows["python -c pass"]
    ours = rows["import corpus_kz; corpus_kz.load()"]
    print(f"median of {args.repeat} runs, Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| command | median (ms) | vs `python -c pass` | corpus_kz.load() is faster by |")
    print("| --- | ---: | ---: | ---: |")
    for name, t in rows.items():
        speedup = f"{t / ours:.1f}x" if name.startswith("datasets") else ""
        print(f"| `{name}` | {t * 1000:.1f} | {t / base:.2f}x | {speedup} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
