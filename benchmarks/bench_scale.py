"""Issue 16's numbers: a corpus of your own at 1,000, 10,000 and 100,000 documents, in a columnar store.

    python benchmarks/bench_scale.py [--sizes 1000 10000 100000] [--exports hf jsonl csv store] [--out DIR]

For each size, a store of that many documents is written (copies of the
bundled five in turn, under new doc_ids, as ``benchmarks/generate.py``
makes them; streamed into the store writer, so 100,000 documents never sit
in memory), and each step below runs in a fresh interpreter, which reports
its own CPU seconds (``time.process_time``: every thread of the process),
wall seconds and peak resident memory (``VmHWM``, interpreter and imports
included):

- ``load``: ``corpus_kz.load(STORE)``, and the peer in the same run,
  ``datasets.load_dataset`` of the same corpus's ``export hf`` (nested
  config, a fresh cache each time: what a first load costs);
- ``load+quotes``: the peak memory of loading the store and building ``quotes()``;
- ``quotes``, ``frames``, ``figures``: the view alone, after ``load``;
- ``concat``: ``corpus_kz.concat`` of two stores of that size, and ``len`` of the result;
- ``export FORMAT``: ``corpus-kz export FORMAT STORE`` (the formats named by ``--exports``).

Then each step's scaling exponent from the smallest to the largest size:
``log(t_large / t_small) / log(n_large / n_small)`` (1 is linear). The tables
are Markdown, ready for README. ``--out`` keeps the stores (default: a
temporary directory, removed at the end).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}

#: Prints the child's measures as one JSON line: CPU and wall seconds of the step, and peak memory in MB.
_MEASURE = """
import json, time, sys
def _peak():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM'):
            return int(line.split()[1]) / 1024
c0, w0 = time.process_time(), time.perf_counter()
{setup}
c1, w1 = time.process_time(), time.perf_counter()
{step}
c2, w2 = time.process_time(), time.perf_counter()
print(json.dumps({{"cpu": c2 - c1, "wall": w2 - w1, "setup_cpu": c1 - c0, "peak_mb": _peak()}}))
"""


def run(setup: str, step: str, env: dict | None = None) -> dict:
    code = _MEASURE.format(setup=setup, step=step)
    out = subprocess.run([sys.executable, "-c", code], cwd=CHECKOUT, env={**ENV, **(env or {})}, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_store(path: Path, n: int, prefix: str = "g") -> None:
    """A store of ``n`` documents: the bundled five in turn, each a copy under a new doc_id and seed file."""
    code = f"""
import corpus_kz
from corpus_kz.document import Document
from corpus_kz.storage.store import write_store
bundled = list(corpus_kz.load())
def copies():
    for i in range({n}):
        d = bundled[i % len(bundled)]
        copy = object.__new__(Document)  # a copy of a checked document: nothing to check again
        copy.__dict__.update(d.__dict__, doc_id=f"{prefix}{{i:06d}}_{{d.doc_id}}", seed_file=f"{prefix}{{i:06d}}.txt")
        yield copy
write_store({str(path)!r}, copies(), bundled[0].registry, progress=False, total={n})
"""
    subprocess.run([sys.executable, "-c", code], cwd=CHECKOUT, env=ENV, check=True)


def measure(size: int, root: Path, exports: list[str]) -> dict[str, dict]:
    store, other = root / f"store{size}", root / f"other{size}"
    if not store.exists():
        make_store(store, size)
    if not other.exists():  # another corpus of the same size: the same texts under doc_ids of its own
        make_store(other, size, prefix="h")
    load = f"import corpus_kz\nc = corpus_kz.load({str(store)!r})"
    out = {"load": run("import corpus_kz", f"c = corpus_kz.load({str(store)!r})")}
    out["load+quotes"] = run("import corpus_kz", f"c = corpus_kz.load({str(store)!r}); q = c.quotes()")
    for view in ("quotes", "frames", "figures"):
        out[view] = run(load, f"df = c.{view}()")
    out["concat"] = run(f"import corpus_kz\na, b = corpus_kz.load({str(store)!r}), corpus_kz.load({str(other)!r})",
                        "j = corpus_kz.concat([a, b]); n = len(j)")
    for fmt in exports:
        target = root / f"export_{fmt}{size}"
        shutil.rmtree(target, ignore_errors=True)
        out[f"export {fmt}"] = run("from corpus_kz.cli import main",
                                   f"assert main(['export', {fmt!r}, {str(store)!r}, '--out', {str(target)!r}, "
                                   "'--quiet']) == 0")
    hf = root / f"export_hf{size}"
    if hf.exists():
        cache = tempfile.mkdtemp(dir=root)
        out["peer: datasets.load_dataset"] = run(
            "import datasets", f"ds = datasets.load_dataset({str(hf)!r}, 'nested', split='train', "
            f"cache_dir={cache!r})", env={"HF_DATASETS_OFFLINE": "1"})
        shutil.rmtree(cache, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--exports", nargs="*", default=["hf", "jsonl", "csv", "store"])
    ap.add_argument("--out", type=Path, help="keep the stores and exports here")
    args = ap.parse_args()
    root = args.out or Path(tempfile.mkdtemp(prefix="bench_scale."))
    root.mkdir(parents=True, exist_ok=True)
    try:
        results = {}
        for size in args.sizes:
            print(f"measuring {size:,} documents ...", file=sys.stderr)
            results[size] = measure(size, root, args.exports)
    finally:
        if args.out is None:
            shutil.rmtree(root, ignore_errors=True)
    steps = list(results[args.sizes[0]])
    print("| step | " + " | ".join(f"{n:,} docs: CPU s / wall s / peak MB" for n in args.sizes) + " |")
    print("| --- | " + " | ".join("---:" for _ in args.sizes) + " |")
    for step in steps:
        cells = [f"{results[n][step]['cpu']:.2f} / {results[n][step]['wall']:.2f} / {results[n][step]['peak_mb']:.0f}"
                 if step in results[n] else "–" for n in args.sizes]
        print(f"| {step} | " + " | ".join(cells) + " |")
    small, large = args.sizes[0], args.sizes[-1]
    if large > small:
        print(f"\nScaling exponent of CPU time, {small:,} to {large:,} documents (1 is linear):\n")
        print("| step | exponent |\n| --- | ---: |")
        for step in steps:
            if step in results[large] and results[small][step]["cpu"] > 0.01:
                k = math.log(results[large][step]["cpu"] / results[small][step]["cpu"]) / math.log(large / small)
                print(f"| {step} | {k:.2f} |")
    for n in args.sizes:
        peer = results[n].get("peer: datasets.load_dataset")
        if peer:
            ratio = peer["cpu"] / max(results[n]["load"]["cpu"], 1e-9)
            print(f"\n{n:,} documents: load() of the store takes {results[n]['load']['cpu']:.2f} CPU-s, "
                  f"datasets.load_dataset of its export hf {peer['cpu']:.2f} CPU-s: corpus_kz {ratio:.1f}x faster")


if __name__ == "__main__":
    main()
