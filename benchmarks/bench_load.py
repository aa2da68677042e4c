"""Load-time benchmark: ratios against baselines measured in the same run.

    python benchmarks/bench_load.py [--repeat N]

1. ``python -c "import corpus_kz; corpus_kz.load()"`` against bare ``python -c pass``
   (goal: at most 3x);
2. the same against loading the same data with ``datasets.load_dataset`` from
   an exported directory, warm cache and cold cache (goal: at least 10x faster).

Each command runs in a fresh interpreter; the commands take turns, round
after round, so that they share whatever else the machine is doing; the
figure is the median wall time of N rounds, after one untimed warm-up run
each (so .pyc files and the warm datasets cache exist).
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


# A user's interpreter caches bytecode; with PYTHONDONTWRITEBYTECODE set (as on
# some CI machines) every run would recompile corpus_kz and measure the compiler.
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(code: str, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env or BASE_ENV, capture_output=True)
    return time.perf_counter() - start


def interleaved(commands: dict[str, tuple[str, dict | None]], repeat: int) -> dict[str, float]:
    for code, env in commands.values():
        timed(code, env)  # warm-up
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (code, env) in commands.items():
            times[name].append(timed(code, env))
    return {name: statistics.median(ts) for name, ts in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "hf"
        subprocess.run([sys.executable, "-m", "corpus_kz.cli", "export", "hf", str(export), "--quiet"], check=True,
                       capture_output=True)
        env = dict(BASE_ENV, HF_DATASETS_OFFLINE="1", HF_DATASETS_CACHE=str(Path(tmp) / "cache"),
                   HF_DATASETS_DISABLE_PROGRESS_BARS="1")
        hf = f"import datasets; datasets.load_dataset({str(export)!r}, 'documents', split='train')"
        rows = interleaved({
            "python -c pass": ("pass", None),
            "import dataclasses, json, hashlib, datetime, pathlib": (
                "import dataclasses, json, hashlib, datetime, pathlib", None),
            "import corpus_kz; corpus_kz.load()": ("import corpus_kz; corpus_kz.load()", None),
            "corpus_kz.load() + every document's text and layers": (
                "import corpus_kz; c = corpus_kz.load(); [len(d.quotes) + len(d.text) for d in c]", None),
            "datasets.load_dataset(export), warm cache": (hf, env),
        }, args.repeat)
        cold = []
        for i in range(max(3, args.repeat // 5)):
            cold_env = dict(env, HF_DATASETS_CACHE=str(Path(tmp) / f"cold{i}"))
            cold.append(timed(hf, cold_env))
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
