"""Issue 17's cost on one long text: the pre-annotator's CPU time and memory from 100 kB to 10 MB.

    python benchmarks/bench_annotate_length.py [--sizes 100000 300000 1000000 3000000 10000000]
                                               [--shape-sizes 50000 200000 800000] [--shapes NAME ...]
                                               [--checkout DIR] [--articles [--texts DIR ...] [--compare OLD]]

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

``--articles`` adds the throughput on news-sized texts: characters per CPU second of ``annotate()``
called on each article in a loop (the bundled five, eight times over, and the ``*.txt`` of each
``--texts`` folder), and of spaCy's tokeniser alone (``spacy.blank("en")``, ``nlp.pipe``) on the same
articles in the same interpreter when spaCy is installed (it is no dependency of corpus_kz; its
``en_core_web_sm``, issue 17's reference, is measured by ``bench_preannotate.py`` when a package
provides it). ``--rounds`` fresh interpreters, the median; with ``--compare OLD``, OLD's code runs in
turn with this one in each round. ``--sizes`` with no value skips the long texts.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
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
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000, 300_000, 1_000_000, 3_000_000, 10_000_000],
                    help="characters of generated news, one text each (default 100 kB to 10 MB)")
    ap.add_argument("--shape-sizes", type=int, nargs="+", default=[50_000, 200_000, 800_000],
                    help="characters of each quote-heavy or unclosed-quote shape (default 50 kB to 800 kB)")
    ap.add_argument("--shapes", nargs="*", default=[s for s in SHAPES if s != "news"], choices=list(SHAPES)[1:],
                    help="the shapes to run (default: all)")
    ap.add_argument("--checkout", type=Path, default=CHECKOUT, help="the code to measure (default: this checkout)")
    ap.add_argument("--articles", action="store_true", help="also the throughput on news-sized texts")
    ap.add_argument("--texts", nargs="*", default=[], help="for --articles: folders of *.txt articles, too")
    ap.add_argument("--compare", type=Path, help="for --articles: older code (a checkout) run in turn with --checkout")
    ap.add_argument("--rounds", type=int, default=3, help="for --articles: rounds of fresh interpreters (default 3)")
    args = ap.parse_args()
    plan = [("news", n) for n in args.sizes] + [(s, n) for s in args.shapes for n in args.shape_sizes]
    results: dict[str, list[dict]] = {}
    for shape, n in plan:
        print(f"annotating {shape}, {n:,} characters ...", file=sys.stderr, flush=True)
        results.setdefault(shape, []).append(measure(shape, n, args.checkout))
    if results:
        _long_tables(results)
    if args.articles:
        _articles_table(args)
    return 0


def _long_tables(results: dict[str, list[dict]]) -> None:
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


#: Annotates each article of a source in a loop, then spaCy's tokeniser on the same articles when spaCy is
#: importable; prints characters per CPU second for each source as one JSON line.
_ARTICLES = """
import glob, json, time
import corpus_kz
from corpus_kz.annotate import annotate
registry = corpus_kz.load().registry
sources = {{"the bundled five": [d.text for d in corpus_kz.load()] * 8}}
for folder in {folders!r}:
    paths = sorted(glob.glob(folder + "/*.txt"))
    sources[folder.rsplit("/", 1)[-1]] = [open(p, encoding="utf-8").read() for p in paths]
try:
    import spacy
    nlp = spacy.blank("en")
except ImportError:
    nlp = None
out = {{}}
for name, texts in sources.items():
    chars = sum(map(len, texts))
    for t in texts[:5]:
        annotate(t, registry=registry)  # warm-up: lexicons and patterns are read once per process
    c = time.process_time()
    for t in texts:
        annotate(t, registry=registry)
    out[name] = {{"chars": chars, "annotate": chars / (time.process_time() - c)}}
    if nlp is not None:
        list(nlp.pipe(texts[:5]))
        c = time.process_time()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        out[name]["spacy"] = chars / (time.process_time() - c)
print(json.dumps(out))
"""


def _articles(checkout: Path, folders: list[str]) -> dict:
    code = _ARTICLES.format(folders=[str(Path(f).resolve()) for f in folders])
    out = subprocess.run([sys.executable, "-c", code], cwd=checkout, env=ENV, check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _articles_table(args) -> None:
    """Characters per CPU second on news-sized texts: the median of ``--rounds``, ``--compare`` and
    ``--checkout`` in turn in each round (a busy machine slows both alike), spaCy's tokeniser beside."""

    runs: dict[str, list[dict]] = {"now": [], "before": []}
    for k in range(args.rounds):
        print(f"articles, round {k + 1} of {args.rounds} ...", file=sys.stderr, flush=True)
        order = [("before", args.compare)] * (args.compare is not None) + [("now", args.checkout)]
        for which, checkout in order[::-1] if k % 2 else order:  # each first in every other round: drift evens out
            runs[which].append(_articles(checkout, args.texts))
    median = statistics.median
    print("\n| texts | characters | corpus_kz before | corpus_kz now | spaCy tokeniser | now / spaCy tokeniser |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in runs["now"][0]:
        now = median(r[name]["annotate"] for r in runs["now"])
        before = f"{median(r[name]['annotate'] for r in runs['before']):,.0f}" if runs["before"] else "–"
        tok = median(r[name]["spacy"] for r in runs["now"]) if "spacy" in runs["now"][0][name] else None
        print(f"| {name} | {runs['now'][0][name]['chars']:,} | {before} | {now:,.0f} "
              f"| {'–' if tok is None else f'{tok:,.0f}'} | {'–' if tok is None else f'{now / tok:.2f}x'} |")
    if "spacy" not in next(iter(runs["now"][0].values())):
        print("\nspaCy's tokeniser skipped: spaCy is not installed (it is no dependency of corpus_kz)")


if __name__ == "__main__":
    raise SystemExit(main())
