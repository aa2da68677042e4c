"""Issue 17's cost on one long text: the pre-annotator's CPU time and memory from 100 kB to 10 MB.

    python benchmarks/bench_annotate_length.py [--sizes 100000 300000 1000000 3000000 10000000]
                                               [--shape-sizes 50000 200000 800000] [--shapes NAME ...]
                                               [--checkout DIR]

One text per size, each annotated by ``corpus_kz.annotate`` in a fresh interpreter, which first
annotates a short text (so that reading the lexicons and the bundled registry and compiling the
patterns are not counted) and then reports the CPU seconds of the call (``time.process_time``), the
peak resident memory of the process (``VmHWM``: interpreter, imports and the text included) and how
much the call raised it. The texts:

- ``news``: generated news, the bundled five texts in turn, a blank line between them, as
  ``generate.py`` and ``bench_preannotate.py`` make their input, cut at a line break to the size;
- the shapes that issue 17 found quadratic in time and memory (``--shapes``, at ``--shape-sizes``):
  ``said_open`` (``He said "`` repeated: every mark opens a quote that the next one closes),
  ``opening_only`` (opening quotation marks that never close, in one paragraph without a stop),
  ``open_paragraphs`` (a paragraph per sentence, each opening a quotation mark it never closes)
  and ``quote_said`` (``"…," X said.`` repeated, one paragraph).

Then each text's fitted exponent: the least-squares slope of log CPU time against log size over its
sizes (1 is linear; issue 17's goal is at most 1.1 from 100 kB to 10 MB), and characters per CPU
second. The tables are Markdown, ready for README. ``--checkout`` measures the code of another
checkout (a worktree of the code before a change: ``git worktree add OLD COMMIT``), with the same texts.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}

#: The texts, as Python expressions of ``n`` (characters) evaluated in the child.
SHAPES = {
    "news": "news(n)",
    "said_open": "repeat('He said \"', n)",
    "opening_only": "repeat('“Nobody told us anything and we waited all night by the gate ', n)",
    "open_paragraphs": "repeat('“Nobody told us anything, and we waited all night by the gate.\\n\\n', n)",
    "quote_said": "repeat('\"We will not leave the square until they listen,\" Aigerim Bekova said. ', n)",
}

#: Annotates one text and prints the measures as one JSON line.
_CHILD = """
import json, time
import corpus_kz
from corpus_kz.annotate import annotate

def repeat(unit, n):
    return (unit * (n // len(unit) + 1))[:n]

def news(n):
    bundled = [d.text.strip() for d in corpus_kz.load()]
    parts, total = [], 0
    while total < n:
        parts.append(bundled[len(parts) % len(bundled)])
        total += len(parts[-1]) + 2
    text = "\\n\\n".join(parts)
    cut = text.rfind("\\n", 0, n)
    return text[:cut if cut > n // 2 else n]

def peak_mb():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM'):
            return int(line.split()[1]) / 1024

n = {n}
text = {expr}
annotate(news(2000))  # the lexicons, the bundled registry, the compiled patterns: read once per process
before = peak_mb()
c = time.process_time()
doc = annotate(text)
cpu = time.process_time() - c
print(json.dumps({{"chars": len(text), "cpu": cpu, "peak_mb": peak_mb(), "added_mb": peak_mb() - before,
                  "records": sum(1 for _ in doc.records())}}))
"""


def measure(shape: str, n: int, checkout: Path = CHECKOUT) -> dict:
    code = _CHILD.format(n=n, expr=SHAPES[shape])
    out = subprocess.run([sys.executable, "-c", code], cwd=checkout, env=ENV, check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def exponent(rows: list[dict]) -> float | None:
    """The least-squares slope of log CPU seconds against log characters (1 is linear)."""
    points = [(math.log(r["chars"]), math.log(r["cpu"])) for r in rows if r["cpu"] > 0]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000, 3_000_000, 10_000_000],
                    help="characters of generated news, one text each (default 100 kB to 10 MB)")
    ap.add_argument("--shape-sizes", type=int, nargs="+", default=[50_000, 200_000, 800_000],
                    help="characters of each quote-heavy or unclosed-quote shape (default 50 kB to 800 kB)")
    ap.add_argument("--shapes", nargs="*", default=[s for s in SHAPES if s != "news"], choices=list(SHAPES)[1:],
                    help="the shapes to run (default: all)")
    ap.add_argument("--checkout", type=Path, default=CHECKOUT, help="the code to measure (default: this checkout)")
    args = ap.parse_args()
    plan = [("news", n) for n in args.sizes] + [(s, n) for s in args.shapes for n in args.shape_sizes]
    results: dict[str, list[dict]] = {}
    for shape, n in plan:
        print(f"annotating {shape}, {n:,} characters ...", file=sys.stderr, flush=True)
        results.setdefault(shape, []).append(measure(shape, n, args.checkout))
    print("| text | characters | CPU s | peak MB | added MB | records | characters per CPU second |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for shape, rows in results.items():
        for r in rows:
            print(f"| {shape} | {r['chars']:,} | {r['cpu']:.2f} | {r['peak_mb']:,.0f} | {r['added_mb']:,.0f} "
                  f"| {r['records']:,} | {r['chars'] / r['cpu']:,.0f} |")
    print("\nFitted exponent of CPU time against size (least squares on log-log; 1 is linear):\n")
    print("| text | sizes | exponent | issue 17's goal (at most 1.1) |\n| --- | --- | ---: | --- |")
    for shape, rows in results.items():
        k = exponent(rows)
        sizes = f"{rows[0]['chars']:,} to {rows[-1]['chars']:,}"
        verdict = "–" if k is None else ("met" if k <= 1.1 else "**not met**")
        print(f"| {shape} | {sizes} | {'–' if k is None else f'{k:.2f}'} | {verdict} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
