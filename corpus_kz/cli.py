"""``corpus-kz``: the one command, with a subcommand per job.

    corpus-kz info [PATH]                 counts per layer per document
    corpus-kz validate [PATH]             every problem, as file, record, field, found, expected
    corpus-kz report [PATH] [--out DIR] [--force]
    corpus-kz add FILE --out DIR --outlet OUTLET --event EVENT [--doc-id ID] [--title …] [--published …]
    corpus-kz export FORMAT [PATH] --out DIR [--force]   (hf, brat, labelstudio, xmi, spacy, conll, jsonl, csv)
    corpus-kz annotate FORMAT [PATH] --out DIR [--redo] [--force]  pre-annotate, then export (labelstudio to correct)
    corpus-kz import FORMAT SRC --out DIR [--force]  (brat, labelstudio, xmi, spacy, jsonl)
    corpus-kz agreement [PATH] [--disagreements] [--passes DIR] [--write]
    corpus-kz adjudicate [PATH] [--check]
    corpus-kz evaluate [PATH] [--brat DIR] [--predictor annotate|baseline] [--json]
    corpus-kz calibrate [--dev DIR | --no-dev] [--write]   refit the pre-annotator's confidence
    corpus-kz quality [--write] [--json]       precision and recall per class, leave one out on the gold
    corpus-kz anchor DRAFT SEED --out OUT [--force]
    corpus-kz schemas [PATH] [--check]

PATH is a corpus directory and defaults to the bundled corpus; whatever a
command writes goes to ``--out``. Whatever a user can get wrong ends in a
message and a non-zero exit, never in a traceback; set ``CORPUS_KZ_DEBUG=1``
to see one for a genuine bug.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import vocab as V
from .dependencies import MissingDependency, require
from .errors import CorpusError, OutputError, PathArgumentError
from .records import LAYERS
from .storage import bundled_path, load, validate
from .storage.layout import Layout, inside_package
from .version import __version__

# Each subcommand imports inside its function what only it needs: the rooms (formats, annotate, scoring,
# gold, report, which load pandas, datasets or matplotlib) and the tools of one command, so that
# `corpus-kz validate` pays for neither.


class UsageError(Exception):
    """A request the command refuses (it would lose data, or cannot work here); the message says why."""


def _corpus_path(args) -> Path:
    return Path(args.path) if args.path is not None else bundled_path()


def _refuse_package(path: Path, what: str) -> None:
    if inside_package(path):
        raise UsageError(f"{what} would write inside the installed package ({path}); "
                         "run it in a checkout of the corpus_kz repository, or give the PATH of your own corpus")


# -- subcommands ---------------------------------------------------------------

def _info(args) -> int:
    from .progress import track
    from .segment import count

    corpus = load(args.path)
    header = ["doc_id", "chars", *LAYERS, "sentences", "tokens"]
    counts = []
    for d in track(corpus, desc="info", disable=len(corpus) < 500 or not sys.stderr.isatty(), total=len(corpus)):
        derived = count(d.text)  # counts only: a span per token of 10,000 documents would fill memory
        counts.append([len(d.text), *(len(getattr(d, layer)) for layer in LAYERS), derived["sentences"],
                       derived["tokens"]])
    rows = [[d.doc_id, *map(str, n)] for d, n in zip(corpus, counts)]
    totals = ["total", *(str(sum(column)) for column in zip(*counts))] if counts else ["total"] + ["0"] * (len(header) - 1)
    widths = [max(len(r[i]) for r in [header, *rows, totals]) for i in range(len(header))]
    n, e = len(corpus), len(corpus.registry)
    print(f"corpus_kz: {n} document{'s' * (n != 1)}, {e} entit{'ies' if e != 1 else 'y'} in the registry ({corpus.path})")
    for r in [header, *rows, totals]:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    return 0


def _validate(args) -> int:
    problems = validate(args.path)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem{'s' * (len(problems) != 1)} found", file=sys.stderr)
        return 1
    print("ok: every file, offset, pin, reference, vocabulary value and codebook rule checks out")
    return 0


def _deprecated_usage(old: str, new: str) -> None:
    """Say on stderr that a spelling of the command is deprecated: it works until 0.5 (CHANGELOG.md)."""
    print(f"corpus-kz: note: `{old}` is deprecated and will be removed in corpus_kz 0.5; use `{new}`",
          file=sys.stderr)


def _out(args, old_value: str | None, old: str, new: str, what: str) -> None:
    """``args.out``, or the value given in the spelling before 0.4 (saying so); one of them, and only one value."""
    if old_value is not None:
        _deprecated_usage(old, new)
        if args.out is not None and args.out != old_value:
            raise UsageError(f"{args.command}: two given for {what} ({old_value} and --out {args.out}); give one")
        args.out = old_value
    if args.out is None:
        raise UsageError(f"{args.command}: give {what}: {new}")


def _output(args, command: str) -> None:
    """Set ``args.dir`` (``--out``) and ``args.path`` from an export's arguments, the old spelling included.

    ``FORMAT [PATH] --out DIR`` is the spelling; ``FORMAT DIR [PATH]``, from before 0.4, still works.
    """
    where = list(args.where)
    if args.out is not None:
        if len(where) > 1:
            raise UsageError(f"{command}: one corpus PATH at most, found {len(where)}: {' '.join(where)}")
        args.dir, args.path = args.out, (where[0] if where else None)
        return
    if not where or len(where) > 2:
        raise UsageError(f"{command}: give the output directory: corpus-kz {command} FORMAT [PATH] --out DIR")
    _deprecated_usage(f"corpus-kz {command} FORMAT DIR [PATH]", f"corpus-kz {command} FORMAT [PATH] --out DIR")
    args.dir, args.path = where[0], (where[1] if len(where) == 2 else None)


def _source_path(args) -> str | None:
    """The corpus an export reads: PATH or --path (None: the bundled one); both, if they differ, is an error."""
    if args.path_option is None:
        return args.path
    _deprecated_usage(f"corpus-kz {args.command} FORMAT --out DIR --path PATH",
                      f"corpus-kz {args.command} FORMAT PATH --out DIR")
    if args.path is not None and args.path != args.path_option:
        raise UsageError(f"two corpus paths given ({args.path} and --path {args.path_option}); give one")
    return args.path_option


def _export(args) -> int:
    _output(args, "export")
    return _export_corpus(args, load(_source_path(args)))


def _export_corpus(args, corpus) -> int:
    from .formats import FORMATS, format_module

    module = format_module(args.format)
    try:
        module.export(args.dir, corpus, force=args.force, progress=not args.quiet)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    target = Path(args.dir).resolve()
    print(f"wrote {FORMATS[args.format].description} to {target}")
    if args.format == "hf":
        print(f'load it with: datasets.load_dataset("{target}", "nested")')
    # What the format cannot hold or had to change: the module's standing notes, then this export's own counts.
    notes = list(getattr(module, "NOTES", ()))
    if (target / "NOTES.txt").is_file():
        notes += (target / "NOTES.txt").read_text(encoding="utf-8").splitlines()
    for note in notes:
        print(f"note: {note}")
    return 0


def _annotate(args) -> int:
    from .annotate import annotate_corpus

    _output(args, "annotate")
    corpus = load(_source_path(args))
    todo = [d.doc_id for d in corpus if args.redo or not d.annotated]
    if not todo:
        raise UsageError(f"every document of {corpus.path} has annotations already; nothing to pre-annotate "
                         "(--redo replaces them with predictions)")
    from .storage.outputs import check_target

    try:  # before the work, not after it: the export would refuse the same target
        check_target(Path(args.dir).absolute(), corpus.path, args.force, "export", args.format)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    annotated = annotate_corpus(corpus, redo=args.redo, progress=not args.quiet)
    print(f"pre-annotated {len(todo)} document{'s' * (len(todo) != 1)}: {', '.join(todo)}")
    return _export_corpus(args, annotated)


def _import(args) -> int:
    from .formats import format_module
    from .formats.base import write_corpus

    source = Path(args.source)
    if not source.exists():
        raise UsageError(f"{source}: no such file or directory")
    data = format_module(args.format).read(source)  # a FormatError (a CorpusError) names every problem
    try:
        target = write_corpus(args.out, data, force=args.force)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote a corpus of {len(data.documents)} document{'s' * (len(data.documents) != 1)} to {target}; "
          f"load it with corpus_kz.load({str(target)!r})")
    return 0


def _add(args) -> int:
    from .storage.adding import AddError, add_articles
    from .storage.articles import TABLES

    _out(args, args.to, "corpus-kz add FILE --to DIR", "corpus-kz add FILE --out DIR", "the corpus directory to add to")
    columns = {k: v for k, v in (("text", args.text_column), ("doc_id", args.id_column)) if v is not None}
    for given in args.column or ():
        name, sep, column = given.partition("=")
        if not (sep and name and column):
            raise UsageError(f"add: --column {given!r}: expected FIELD=COLUMN, e.g. --column outlet=source")
        columns[name] = column
    try:
        added = add_articles(args.out, args.file, outlet=args.outlet, event=args.event, doc_id=args.doc_id,
                             columns=columns, progress=False if args.quiet else None, title=args.title,
                             published=args.published, genre=args.genre, language=args.language,
                             notes=args.note or None)
    except AddError as exc:
        raise UsageError(str(exc)) from None
    except CorpusError as exc:  # articles the build step refuses: a usage error, each fault a line
        print(*exc.problems, sep="\n", file=sys.stderr)
        if Path(args.file).is_dir() or Path(args.file).suffix.lower() in TABLES:
            print(f"{len(exc.problems)} problem{'s' * (len(exc.problems) != 1)} found; nothing was added",
                  file=sys.stderr)
        return 2
    for line in added.skipped:
        print(f"skipped {line}")
    if added.unused:
        print(f"not read: the columns {', '.join(added.unused)} (no manifest field; to read one as a field: "
              "--column FIELD=COLUMN)")
    n, then = len(added.entries), f"`corpus-kz annotate labelstudio {args.out} --out DIR`"
    if n == 1 and not added.skipped:
        entry = added.entries[0]
        print(f"added {entry['doc_id']} ({entry['seed_file']}, sha256 {entry['sha256'][:12]}…) to {Path(args.out)}; "
              f"it is unannotated: pre-annotate it for correction with {then}, "
              f"or write annotations/docs/{entry['doc_id']}.json by hand")
    elif n:
        print(f"added {n} article{'s' * (n != 1)} to {Path(args.out)} ({len(added.skipped)} skipped as duplicates); "
              f"unannotated: pre-annotate them for correction with {then}")
    else:
        print(f"nothing added to {Path(args.out)}: every article's text is already there ({len(added.skipped)} skipped)")
    return 0


def _add_arguments(c: argparse.ArgumentParser) -> None:
    c.formatter_class = argparse.RawDescriptionHelpFormatter
    c.epilog = """\
FILE is one article (a UTF-8 text file), a folder of .txt files (one article
each; nothing else may be in it), or a .csv, .jsonl or .parquet table with one
row per article: a text column and the manifest's fields as columns (doc_id,
outlet, event, title, published, genre, language, notes). A row's own value
wins; the options fill what a row lacks. A row without a doc_id gets
<table name>_<first 12 hex digits of its text's sha256>.

All or nothing: every article is checked before anything is written, and a
fault names its file and line (a Parquet file: its row) and field; then
nothing is added. A kill at any moment leaves the corpus as it was or with
every article added.

Duplicates are skipped, each with a line saying so: an article whose text
(its sha256) is already in the corpus, and a later article of the input with
the same text as an earlier one. So an import can simply be run again. A
doc_id that is already taken by another text is refused."""
    c.add_argument("file", metavar="FILE",
                   help="the article(s): a UTF-8 text file, a folder of .txt files, or a CSV, JSONL or Parquet table")
    c.add_argument("--out", metavar="DIR",
                   help="your corpus directory, required (created if it does not exist; never the bundled corpus)")
    c.add_argument("--to", metavar="DIR", help=argparse.SUPPRESS)  # the spelling before 0.4
    c.add_argument("--outlet", help="the outlet that published it (required for text files; fills a row that lacks one)")
    c.add_argument("--event", help="the event it reports, one the corpus declares (seeds/events.json; without it, "
                   f"the bundled corpus's {', '.join(V.EVENTS)}); required for text files, as --outlet")
    c.add_argument("--doc-id", dest="doc_id", metavar="ID", help="a text file's doc_id (default: from the file name)")
    c.add_argument("--title")
    c.add_argument("--published", metavar="YYYY-MM-DD")
    c.add_argument("--genre", choices=V.GENRES)
    c.add_argument("--language")
    c.add_argument("--note", action="append", help="a note on the text's quality (repeatable)")
    c.add_argument("--text-column", metavar="NAME", help="a table's column with the article's text (default: text)")
    c.add_argument("--id-column", metavar="NAME", help="a table's column with the doc_id (default: doc_id)")
    c.add_argument("--column", action="append", metavar="FIELD=COLUMN",
                   help="read a manifest field from a column of another name, e.g. outlet=source (repeatable)")
    c.add_argument("--quiet", action="store_true", help="no progress bar")


def _evaluate(args) -> int:
    import json

    from .annotate import baseline, build
    from .scoring.brat_attributions import attributions_of, score_brat
    from .scoring.evaluate import EvaluationError, evaluate, score_table

    try:
        if args.brat is not None:  # a brat corpus has no metadata: annotate(text, {})
            annotate = build(())
            predict = (baseline.predict_attributions if args.predictor == "baseline"
                       else lambda text: attributions_of(annotate(text, {})))
            result = score_brat(args.brat, predict)
        else:
            result = evaluate(args.path, baseline.build if args.predictor == "baseline" else build)
    except EvaluationError as exc:  # the data cannot be scored: like a broken corpus, exit 1
        print(f"corpus-kz evaluate: {exc}", file=sys.stderr)
        return 1
    if args.predictor == "annotate":  # the baseline's constant is not calibrated
        result["calibration"] = _calibration_rows(args)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        where = f"brat corpus {args.brat}" if args.brat else "the corpus, leave one document out"
        n = len(result["documents"])
        print(f"{args.predictor} on {where} ({n} document{'s' * (n != 1)})\n")
        print(score_table(result))
        if "calibration" in result:
            from .scoring.calibration import ece_table

            print("\nConfidence: expected calibration error (10 bins), the rules' constants and the shipped "
                  "calibration (corpus-kz calibrate measures it cross-fitted):\n")
            print(ece_table(result["calibration"], after="the shipped calibration"))
    return 0


def _calibration_rows(args) -> list[dict]:
    """The ECE of this run's predictions, before and after the shipped calibration, without their bins."""
    from .scoring import calibration as C
    from .scoring.brat_attributions import read_brat_attributions

    if args.brat is not None:
        outcomes = C.dev_outcomes(read_brat_attributions(args.brat))
        where = f"brat corpus {args.brat}"
    else:
        outcomes = C.gold_outcomes([d for d in load(args.path) if d.annotated])
        where = "gold, leave one out"
    return [{**{k: v for k, v in r.items() if k != "cells"}, "measured_on": where} for r in C.measured(outcomes)]


def _calibrate(args) -> int:
    from .fitted import read
    from .scoring import calibration as C
    from .scoring.brat_attributions import read_brat_attributions

    dev = None
    if not args.no_dev:
        where = Path(args.dev) if args.dev is not None else C.default_dev()
        if not where.is_dir():
            raise UsageError(f"the development corpus {where} is not there: pass --dev DIR (PolNeAR's dev split in "
                             "brat), or --no-dev to fit the attributions on the gold alone")
        dev = read_brat_attributions(where)
    data = C.calibration_data([d for d in load() if d.annotated], dev, "PolNeAR dev" if dev else None)
    for layer, entry in data["layers"].items():
        print(f"{layer}: {entry['probability']:.3f} for a rule not seen")
        for rule, r in entry["rules"].items():
            scores = ", ".join(f"{k} -> {v['probability']:.3f} (gold {v['gold'][1]}/{v['gold'][0]}"
                               + (f", dev {v['dev'][1]}/{v['dev'][0]})" if v["dev"][0] else ")")
                               for k, v in r["scores"].items())
            print(f"  {rule}: {scores}")
    print()
    print(C.ece_table(data["ece"]["rows"]))
    if not args.write:
        try:
            stale = C.stale(read("calibration"), data)
        except FileNotFoundError:
            stale = ["no calibration is shipped"]
        print("\nthe shipped calibration is " + ("out of date; write it with corpus-kz calibrate --write" if stale
                                                 else "current"))
        return 0
    for path in _write_calibration(data, C.ece_table(data["ece"]["rows"])):
        print(f"wrote {path}")
    return 0


def _write_calibration(data: dict, table: str) -> list[Path]:
    """The fit into the package; in a checkout, README's table and the diagram under docs/ too."""
    from . import fitted
    from .scoring.calibration import calibration_json
    from .writing import write_bytes, write_text

    target = Path(fitted.__file__).parent / "calibration.json"
    write_text(target, calibration_json(data))
    written = [target]
    root = target.parents[2]
    readme = root / "README.md"
    if (root / "pyproject.toml").is_file() and readme.is_file():
        text = readme.read_text(encoding="utf-8")
        head, sep, rest = text.partition(CALIBRATION_START)
        if sep and CALIBRATION_END in rest:
            write_text(readme, head + sep + "\n" + table + "\n" + CALIBRATION_END + rest.split(CALIBRATION_END, 1)[1])
            written.append(readme)
        from .report.plots import png
        from .report.reliability import reliability_diagram

        try:
            image = png(reliability_diagram(data["ece"]["rows"]))
        except MissingDependency:  # matplotlib is the [report] extra: the fit is written all the same
            return written
        write_bytes(root / "docs" / "reliability.png", image)
        written.append(root / "docs" / "reliability.png")
    return written


#: README's calibration table sits between these lines; ``corpus-kz calibrate --write`` rewrites it.
CALIBRATION_START = "<!-- calibration table: corpus-kz calibrate --write -->"
CALIBRATION_END = "<!-- end of the calibration table -->"


def _calibrate_arguments(c: argparse.ArgumentParser) -> None:
    dev = c.add_mutually_exclusive_group()
    dev.add_argument("--dev", metavar="DIR", help="the development corpus in brat (default: ../shared/polnear-dev)")
    dev.add_argument("--no-dev", action="store_true", help="fit on the gold alone")
    c.add_argument("--write", action="store_true", help="write corpus_kz/fitted/calibration.json (and, in a "
                   "checkout, README's table and docs/reliability.png); without it, print the fit and its error")


def _evaluate_arguments(c: argparse.ArgumentParser) -> None:
    _path_argument(c)
    c.add_argument("--brat", metavar="DIR", help="score attribution extraction on a brat corpus instead "
                   "(Source, Cue and Content spans joined by Attribution events)")
    c.add_argument("--predictor", choices=("annotate", "baseline"), default="annotate",
                   help="corpus_kz.annotate, the pre-annotator (default), or the quote-marks baseline")
    c.add_argument("--json", action="store_true", help="print the scores as JSON instead of Markdown")


def _quality(args) -> int:
    from .bundled import package_dir
    from .scoring.evaluate import EvaluationError
    from .scoring.quality import measure, render, summary, write

    if args.write and bundled_path() == package_dir() / "_data":  # a wheel: the shipped file is the wheel's
        raise UsageError(f"quality --write would write inside the installed package ({package_dir()}); "
                         "run it in a checkout of the corpus_kz repository, after changing the rules")
    try:
        table = measure()
    except EvaluationError as exc:
        print(f"corpus-kz quality: {exc}", file=sys.stderr)
        return 1
    print(render(table) if args.json else summary(table))
    if args.write:
        print(f"wrote {write(table)}")
    return 0


def _quality_arguments(c: argparse.ArgumentParser) -> None:
    c.add_argument("--write", action="store_true", help="also write corpus_kz/fitted/quality.json (read by the "
                   "analyses to correct counts of predicted records); in a checkout, after changing the rules")
    c.add_argument("--json", action="store_true", help="print the table as JSON instead of Markdown")


def _pack(args) -> int:
    from .storage.packing import pack

    source = _corpus_path(args)
    target = Path(args.out) if args.out is not None else source / "store"
    _refuse_package(target, "pack")
    try:
        store = pack(source, target, force=args.force, progress=not args.quiet)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    info = json.loads((store / "store.json").read_text(encoding="utf-8"))
    size = sum(f["bytes"] for f in info["files"].values())
    print(f"packed {info['documents']} document{'s' * (info['documents'] != 1)} into {store} ({len(info['parts'])} part"
          f"{'s' * (len(info['parts']) != 1)}, {size / 1e6:.1f} MB); load it with corpus_kz.load({str(store)!r})")
    return 0


def _pack_arguments(c: argparse.ArgumentParser) -> None:
    _path_argument(c)
    c.add_argument("--out", metavar="STORE", help="where to write the store (default: PATH/store)")
    c.add_argument("--force", action="store_true", help="replace STORE even if it is not an earlier store as it was written")
    c.add_argument("--quiet", action="store_true", help="no progress bar")


def _report(args) -> int:
    require("matplotlib", "report", "corpus-kz report")
    from .report.build import write_report

    corpus = load(args.path)
    try:
        out = write_report(args.out, corpus, force=args.force, progress=not args.quiet)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {out['html']} (self-contained: open it in a browser)")
    print(f"wrote {out['markdown']}, with its figures in {out['figures']}")
    return 0


def _report_arguments(c: argparse.ArgumentParser) -> None:
    _path_argument(c)
    c.add_argument("--out", metavar="DIR", default="report",
                   help="the output directory (default: ./report; replaced as a whole, in one step)")
    c.add_argument("--force", action="store_true", help="replace DIR even if it is not an earlier report as it was written")
    c.add_argument("--quiet", action="store_true", help="no progress bar")


def _agreement(args) -> int:
    import json

    from .gold.passes import AgreementError, agreement_report, compare_passes, paired_passes, summarise
    from .scoring.agreement import disagreements
    from .writing import write_text

    root = _corpus_path(args)
    if args.write:
        _refuse_package(root, "agreement --write")
    if args.passes is None and inside_package(root) and not (root / Layout.PASSES).is_dir():
        raise UsageError(f"agreement compares the two annotation passes under {Layout.PASSES}/, which the installed "
                         f"package does not ship ({root} has none): run it in a checkout of the corpus_kz "
                         "repository, or give --passes DIR, or the PATH of a corpus of your own with its passes")
    try:
        per_doc, pooled = compare_passes(root, args.passes, args.first, args.second)
    except AgreementError as exc:
        raise UsageError(str(exc)) from None
    summary = summarise(per_doc, pooled, args.first, args.second)
    print(agreement_report(summary))
    if args.disagreements:
        for a, b in paired_passes(root, args.passes, args.first, args.second):
            lines = disagreements(a, b)
            print(f"\n## {a.doc_id}: {len(lines)} disagreements (A = {args.first}, B = {args.second})\n")
            print("\n".join(f"- {line}" for line in lines))
    if args.write:
        target = root / Layout.AGREEMENT
        write_text(target, json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {target}")
    return 0


def _adjudicate(args) -> int:
    from .gold.adjudicate import AdjudicationError, run

    root = _corpus_path(args)
    if not args.check:
        _refuse_package(root, "adjudicate")
    try:
        changed = run(root, check=args.check)
    except AdjudicationError as exc:
        raise UsageError(str(exc)) from None
    if args.check:
        if changed:
            print("the gold differs from the adjudication of the passes:", *changed, sep="\n  ")
            return 1
        print("checked: the gold is the adjudication of the passes")
    else:
        print(f"wrote {len(changed)} files: the gold, the registry and the adjudication log")
    return 0


def _anchor(args) -> int:
    from .gold.anchor import anchor_file

    _out(args, args.old_out, "corpus-kz anchor DRAFT SEED OUT", "corpus-kz anchor DRAFT SEED --out OUT",
         "the file to write")
    out = Path(args.out)
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; pass --force to overwrite it")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such directory; create it first (a typo here should not make one)")
    n = anchor_file(Path(args.draft), Path(args.seed), out)
    print(f"wrote {out}: {n} span{'s' * (n != 1)} anchored")
    if n == 0:
        print("corpus-kz: nothing was anchored: the draft has no object with a 'text' and no 'start'", file=sys.stderr)
    return 0


def _schemas(args) -> int:
    from .storage.schema import stale_schemas, write_schemas

    root = _corpus_path(args)
    stale = stale_schemas(root)
    if args.check:
        if stale:
            how = "corpus-kz schemas" + (f" {args.path}" if args.path is not None else "")
            print(f"missing or out of date (write them with: {how}):",
                  *(f"{rel} ({'out of date' if (root / rel).exists() else 'missing'})" for rel in stale), sep="\n  ")
            return 1
        print("the schema files are the generated ones")
        return 0
    _refuse_package(root, "schemas")
    for path in write_schemas(root):
        print(f"wrote {path}")
    return 0


# -- the command ---------------------------------------------------------------

def _path_argument(c: argparse.ArgumentParser) -> None:
    c.add_argument("path", nargs="?", metavar="PATH", help="a corpus directory (default: the bundled corpus)")


def _export_arguments(c: argparse.ArgumentParser) -> None:
    from .formats import FORMATS

    c.add_argument("format", choices=list(FORMATS),
                   help="; ".join(f"{k}: {v.description}" for k, v in FORMATS.items()))
    c.add_argument("where", nargs="*", metavar="PATH", help="a corpus directory (default: the bundled corpus)")
    c.add_argument("--out", metavar="DIR", help="the output directory, required (replaced as a whole, in one step)")
    c.add_argument("--path", dest="path_option", metavar="PATH", help=argparse.SUPPRESS)
    c.add_argument("--force", action="store_true", help="replace DIR even if it is not an earlier export as it was written")
    c.add_argument("--quiet", action="store_true", help="no progress bar")


def _annotate_arguments(c: argparse.ArgumentParser) -> None:
    _export_arguments(c)
    c.add_argument("--redo", action="store_true",
                   help="pre-annotate every document, replacing its annotations (default: only those without any)")


def _import_arguments(c: argparse.ArgumentParser) -> None:
    from .formats import readable

    c.add_argument("format", choices=readable(), help="the format of SRC")
    c.add_argument("source", metavar="SRC", help="what to import: a directory (or file) in that format")
    c.add_argument("--out", metavar="DIR", required=True, help="the corpus directory to write")
    c.add_argument("--force", action="store_true", help="replace DIR even if it is not empty")


def _agreement_arguments(c: argparse.ArgumentParser) -> None:
    _path_argument(c)
    c.add_argument("--passes", metavar="DIR", help="the passes directory (default: PATH/annotations/passes)")

    c.add_argument("--first", default=Layout.FIRST_PASS, help=f"the first pass's folder (default: {Layout.FIRST_PASS})")
    c.add_argument("--second", default=Layout.SECOND_PASS,
                   help=f"the second pass's folder (default: {Layout.SECOND_PASS})")
    c.add_argument("--write", action="store_true",
                   help="also write PATH/annotations/agreement.json (read by the dataset card)")
    c.add_argument("--disagreements", action="store_true",
                   help="also list every disagreement with the key that decisions.json decides it by")


def _check_argument(help: str):
    def configure(c: argparse.ArgumentParser) -> None:
        _path_argument(c)
        c.add_argument("--check", action="store_true", help=help)
    return configure


def _anchor_arguments(c: argparse.ArgumentParser) -> None:
    c.add_argument("draft", metavar="DRAFT", help="the draft JSON")
    c.add_argument("seed", metavar="SEED", help="the seed text it annotates")
    c.add_argument("old_out", nargs="?", metavar="OUT", help=argparse.SUPPRESS)  # the spelling before 0.4
    c.add_argument("--out", metavar="OUT", help="where to write the anchored JSON (required)")
    c.add_argument("--force", action="store_true", help="overwrite OUT if it exists")


#: How the commands that write show their arguments: the input first (the corpus PATH, or FILE, SRC, DRAFT SEED),
#: then ``--out``, as README's command table spells them; argparse would put every option before the positionals.
USAGES = {
    "export": "%(prog)s FORMAT [PATH] --out DIR [--force] [--quiet]",
    "annotate": "%(prog)s FORMAT [PATH] --out DIR [--redo] [--force] [--quiet]",
    "import": "%(prog)s FORMAT SRC --out DIR [--force]",
    "add": "%(prog)s FILE --out DIR [--outlet OUTLET] [--event EVENT] [--doc-id ID] [--title …] "
           "[--published YYYY-MM-DD] [--genre …] [--language …] [--note …] [--text-column NAME] [--id-column NAME] "
           "[--column FIELD=COLUMN] [--quiet]",
    "pack": "%(prog)s [PATH] [--out STORE] [--force] [--quiet]",
    "report": "%(prog)s [PATH] [--out DIR] [--force] [--quiet]",
    "anchor": "%(prog)s DRAFT SEED --out OUT [--force]",
}

#: Every subcommand: what runs it, what it does, and how its arguments are declared.
COMMANDS = {
    "info": (_info, "counts per layer per document", _path_argument),
    "validate": (_validate, "check every file; print each problem; exit 1 on any; writes nothing", _path_argument),
    "export": (_export, "export the corpus to another format", _export_arguments),
    "annotate": (_annotate, "pre-annotate the documents that have no annotations, then export the corpus "
                            "(labelstudio: to correct them)", _annotate_arguments),
    "import": (_import, "read a corpus back from another format into a corpus directory", _import_arguments),
    "add": (_add, "add an article to a corpus directory of your own (seed text and manifest entry)",
            _add_arguments),
    "pack": (_pack, "pack a corpus directory as a columnar store (Parquet per layer, read lazily by load); "
                    "the store is refused once the directory changes, until packed again", _pack_arguments),
    "report": (_report, "write the findings as a self-contained HTML report and a Markdown twin, with plots",
               _report_arguments),
    "agreement": (_agreement, "inter-annotator agreement between two annotation passes (in a checkout: the "
                              "installed package does not ship the passes)", _agreement_arguments),
    "adjudicate": (_adjudicate, "rebuild the gold from the two passes and the decisions (in a checkout)",
                   _check_argument("compare with the committed gold instead of writing")),
    "evaluate": (_evaluate, "score predicted attributions and figures against the gold (leave one document out) "
                            "or against a brat attribution corpus", _evaluate_arguments),
    "calibrate": (_calibrate, "refit the pre-annotator's confidence on the gold (leave one out) and PolNeAR dev, "
                              "and print its calibration error", _calibrate_arguments),
    "quality": (_quality, "the pre-annotator's precision and recall per class (speaker role, frame, holder role), "
                          "leave one document out on the bundled gold; --write ships them for the analyses",
                _quality_arguments),
    "anchor": (_anchor, "turn a draft with spans written as text into offsets", _anchor_arguments),
    "schemas": (_schemas, "write the JSON Schemas generated from the record kinds",
                _check_argument("only check that the committed files are current")),
}


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command's parser; with ``only``, just that subcommand's (a parser per subcommand costs milliseconds)."""
    p = argparse.ArgumentParser(prog="corpus-kz", description="The corpus_kz annotated news corpus.")
    p.add_argument("--version", action="version", version=f"corpus_kz {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p.commands = {}  # name -> its parser, to report a mistake with that command's usage
    for name, (run, help, configure) in COMMANDS.items():
        if only is None or name == only:
            c = p.commands[name] = sub.add_parser(name, help=help, description=help, usage=USAGES.get(name))
            c.set_defaults(run=run)
            configure(c)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    p = parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args, extra = p.parse_known_args(argv)
    # argparse (3.11) gives a positional list its words before the first option only: `export hf --out DIR
    # PATH` leaves PATH over. Words over belong to it; anything else is a mistake, said as argparse says it.
    if extra and hasattr(args, "where") and not any(e.startswith("-") for e in extra):
        args.where += extra
    elif extra:
        p.commands[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        code = args.run(args)
        sys.stdout.flush()  # a closed pipe must fail here, inside the handler, not at exit
        return code
    except CorpusError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem{'s' * (len(exc.problems) != 1)} found", file=sys.stderr)
        return 1
    except (UsageError, MissingDependency, PathArgumentError) as exc:
        print(f"corpus-kz: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`corpus-kz info | head -1`): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("corpus-kz: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"corpus-kz: cannot read or write{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("CORPUS_KZ_DEBUG"):
            raise
        print(f"corpus-kz: internal error ({type(exc).__name__}: {exc}); this is a bug, please report it "
              "(set CORPUS_KZ_DEBUG=1 for the traceback)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
