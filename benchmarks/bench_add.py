"""Time `corpus-kz add` of many short articles: a CSV, a JSONL, a Parquet file and a folder of .txt files.

    python benchmarks/bench_add.py [--articles 10000] [--repeat 3]

The articles are generated (a headline and two short paragraphs, about 300
characters each, every text different). Every measurement is a fresh
interpreter running ``python -m corpus_kz add SOURCE --out DIR --quiet``,
and in the same run ``load()`` of the corpus it made is timed as the
baseline, so that the figures are ratios on this machine rather than
absolute claims:

- ``new corpus``: the articles added to a directory that does not exist;
- ``grow``: the same articles added to a corpus that already holds as many
  (other) documents and keeps a ``seeds/SHA256SUMS``;
- ``again``: the same import run a second time (every article skipped as a
  duplicate, nothing written);
- ``load``: ``corpus_kz.load()`` of the new corpus.

Each figure is the median wall time over the rounds, and the CPU time
(user + system) of the same runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable


def _articles(n: int, offset: int = 0) -> list[dict]:
    return [{"doc_id": f"bench_{i:06d}", "title": f"Article {i}",
             "text": f"Article {i}\n\nOfficials said that {i} people were detained in Aktau on Monday, and "
                     f"activists put the number at {2 * i + 7}.\n\nThe protest began over the price of gas and "
                     f"spread to {i % 17 + 2} towns by the evening.\n"}
            for i in range(offset, offset + n)]


def _sources(tmp: Path, rows: list[dict]) -> dict[str, Path]:
    """The same articles as a CSV, a JSONL, a Parquet file and a folder of .txt files."""
    import pandas as pd

    frame = pd.DataFrame(rows)
    frame.to_csv(tmp / "articles.csv", index=False)
    frame.to_parquet(tmp / "articles.parquet", index=False)
    (tmp / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    folder = tmp / "articles"
    folder.mkdir()
    for r in rows:
        (folder / f"{r['doc_id']}.txt").write_text(r["text"], encoding="utf-8")
    return {"csv": tmp / "articles.csv", "jsonl": tmp / "articles.jsonl", "parquet": tmp / "articles.parquet",
            "folder": folder}


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of the child) of one fresh run of ``argv``."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def _add(source: Path, out: Path) -> list[str]:
    extra = ["--outlet", "Bench", "--event", "qantar_2022"]
    return [PY, "-m", "corpus_kz", "add", str(source), "--out", str(out), "--quiet", *extra]


def _round(tmp: Path, source: Path, base: Path) -> dict[str, tuple[float, float]]:
    """One round for one source: new corpus, grow, again, load."""
    new, grown = tmp / "new", tmp / "grown"
    shutil.rmtree(new, ignore_errors=True)
    shutil.rmtree(grown, ignore_errors=True)
    shutil.copytree(base, grown)
    return {"new corpus": _run(_add(source, new)), "grow": _run(_add(source, grown)),
            "again": _run(_add(source, new)),
            "load": _run([PY, "-c", f"import corpus_kz; corpus_kz.load({str(new)!r})"])}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=10_000, help="how many articles to add")
    p.add_argument("--repeat", type=int, default=3, help="rounds (the median is reported)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        sources = _sources(tmp, _articles(args.articles))
        # The corpus to grow: as many other documents, with SHA256SUMS, made by add itself.
        other = tmp / "other"
        other.mkdir()
        (other / "other.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _articles(args.articles,
                                                                                            args.articles)))
        base = tmp / "base"
        subprocess.run(_add(other / "other.jsonl", base), check=True, stdout=subprocess.DEVNULL)
        (base / "seeds" / "SHA256SUMS").write_text("".join(
            f"{e['sha256']}  {e['seed_file']}\n" for e in json.loads((base / "seeds" / "manifest.json").read_text())))
        print(f"| source ({args.articles:,} articles) | new corpus | grow (+{args.articles:,}) | again (all "
              "skipped) | load() of the new corpus |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for kind, source in sources.items():
            rounds = [_round(tmp, source, base) for _ in range(args.repeat)]
            cells = []
            for step in ("new corpus", "grow", "again", "load"):
                wall = statistics.median(r[step][0] for r in rounds)
                cpu = statistics.median(r[step][1] for r in rounds)
                cells.append(f"{wall:.2f} s ({cpu:.2f} CPU-s)")
            print(f"| {kind} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
