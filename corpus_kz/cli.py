"""The ``corpus-kz`` command: info, validate, export, agreement."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .layers import LAYERS


def _info(args) -> int:
    from . import load

    corpus = load(args.path)
    layers = list(LAYERS) + ["sentences", "tokens"]
    header = ["doc_id", "chars"] + layers
    rows = [[d.doc_id, str(len(d.text))] + [str(len(getattr(d, layer))) for layer in layers] for d in corpus]
    totals = ["total", str(sum(len(d.text) for d in corpus))] + [
        str(sum(len(getattr(d, layer)) for d in corpus)) for layer in layers]
    widths = [max(len(r[i]) for r in [header, *rows, totals]) for i in range(len(header))]
    print(f"corpus_kz: {len(corpus)} documents, {len(corpus.entities_by_id)} entities in the registry ({corpus.path})")
    for r in [header, *rows, totals]:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    return 0


def _validate(args) -> int:
    from .validate import validate

    problems = validate(args.path)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem{'s' * (len(problems) != 1)} found", file=sys.stderr)
        return 1
    print("ok: every offset, pin, schema entry, reference and vocabulary value checks out")
    return 0


def _export(args) -> int:
    from . import load

    corpus = load(args.path)
    if args.format == "hf":
        from .hf import export

        written = export(args.dir, corpus, progress=not args.quiet)
        print(f"wrote {len(written)} files to {Path(args.dir).resolve()}")
        print(f'load it with: datasets.load_dataset("{Path(args.dir).resolve()}", "documents")')
    return 0


def _agreement(args) -> int:
    from .agreement import agreement_report, agreement_summary

    print(agreement_report(args.passes, args.first, args.second))
    if args.write:
        import json

        from .corpus import bundled_path
        from .standoff import write_text

        target = bundled_path() / "annotations" / "agreement.json"
        summary = agreement_summary(args.passes, args.first, args.second)
        write_text(target, json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    from .errors import CorpusError

    parser = argparse.ArgumentParser(prog="corpus-kz", description="The corpus_kz annotated news corpus.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("info", help="counts per layer per document")
    p.add_argument("path", nargs="?", help="a corpus directory (default: the bundled corpus)")
    p.set_defaults(run=_info)
    p = sub.add_parser("validate", help="check every file; exit 1 on any problem; writes nothing")
    p.add_argument("path", nargs="?", help="a corpus directory (default: the bundled corpus)")
    p.set_defaults(run=_validate)
    p = sub.add_parser("export", help="export the corpus to another format")
    p.add_argument("format", choices=["hf"], help="hf: parquet files plus a dataset card")
    p.add_argument("dir", help="the output directory")
    p.add_argument("--path", help="a corpus directory (default: the bundled corpus)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_export)
    p = sub.add_parser("agreement", help="inter-annotator agreement between two annotation passes")
    p.add_argument("--passes", default=None, help="the passes directory (default: annotations/passes)")
    p.add_argument("--first", default="pass1")
    p.add_argument("--second", default="pass2")
    p.add_argument("--write", action="store_true", help="also write annotations/agreement.json (used by the dataset card)")
    p.set_defaults(run=_agreement)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except CorpusError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
