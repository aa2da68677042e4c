"""The pre-annotator's precision and recall per class, measured on the gold and shipped as data.

``corpus-kz quality`` runs the leave-one-document-out evaluation of
:mod:`.evaluate` (each gold document annotated by a pre-annotator that knows only
the other documents), matches the predicted records to the gold at 0.3 overlap
with the one matcher (:mod:`.matching`), and counts per class and per document:

* ``tp``: a predicted record matched to a gold record of the same class;
* ``fp``: a predicted record unmatched, or matched to a gold record of another
  class (it is counted in the wrong class);
* ``fn``: a gold record unmatched, or matched to a prediction of another class.

The classes are those the analyses count (:func:`corpus_kz.analyses.classes.record_classes`):
an attribution's speaker role (its content matched as ``corpus-kz evaluate``
matches quotes), a frame's label, and a frame's holder role.
``corpus-kz quality --write`` writes ``corpus_kz/fitted/quality.json``, which
:mod:`corpus_kz.analyses.quantify` reads to correct counts of predicted records.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .. import fitted
from ..analyses.classes import record_classes
from ..analyses.quantify import DIMENSIONS
from ..corpus import Corpus
from ..storage import load
from ..version import __version__
from ..writing import write_text
from .agreement import entity_alignment, record_labels
from .evaluate import EvaluationError, leave_one_out
from .matching import OVERLAP, match

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["MEASURED_AT", "THRESHOLD", "counts", "measure", "stable", "write"]

#: The overlap at which a prediction matches a gold record: the threshold the README's F1 is quoted at.
THRESHOLD = 0.3
#: The record layer each dimension's records are matched in (attributions are matched by their quotes).
_MATCHED = {"attributions": "quotes", "frames": "frames"}
#: A JSON list of numbers only, spread over lines by the indentation.
_NUMBERS = re.compile(r"\[\s*(-?[0-9.]+(?:,\s*-?[0-9.]+)*)\s*\]")
#: The one field that changes each time the file is written; :func:`stable` leaves it out.
MEASURED_AT = "measured_at"


def _classes(doc: Document, dimension: str) -> dict[str, str]:
    """Each record's class in ``doc``, by the id of the record matched (a quote's id, a frame's id)."""
    c = record_classes(Corpus([doc]), dimension)
    return dict(zip(c["record"], c["class"]))


def _document_counts(gold: Document, pred: Document, dimension: str) -> dict[str, list[int]]:
    """tp, fp, fn per class of one document: ``{class: [tp, fp, fn]}``."""
    layer = _MATCHED[DIMENSIONS[dimension]]
    rg, rp = list(getattr(gold, layer)), list(getattr(pred, layer))
    canon, ident = entity_alignment(gold, pred), {k: k for k in gold.registry}
    keys = (record_labels(layer, rg, gold, ident), record_labels(layer, rp, pred, canon))
    cg, cp = _classes(gold, dimension), _classes(pred, dimension)
    gold_class, pred_class = [cg[r.id] for r in rg], [cp[r.id] for r in rp]
    out: dict[str, list[int]] = {}

    def add(cls: str, at: int) -> None:
        out.setdefault(cls, [0, 0, 0])[at] += 1

    pairs = match(rg, rp, THRESHOLD, keys)
    for i, j in pairs:
        if gold_class[i] == pred_class[j]:
            add(gold_class[i], 0)
        else:
            add(pred_class[j], 1)
            add(gold_class[i], 2)
    matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
    for j in set(range(len(rp))) - matched_p:
        add(pred_class[j], 1)
    for i in set(range(len(rg))) - matched_g:
        add(gold_class[i], 2)
    return out


def counts(gold: Sequence[Document], predicted: Sequence[Document], dimension: str) -> dict:
    """One dimension's entry of the quality table: per-document and per-class tp, fp and fn, precision, recall."""
    per_doc = [_document_counts(g, p, dimension) for g, p in zip(gold, predicted)]
    classes = sorted({c for d in per_doc for c in d})
    m = np.array([[d.get(c, [0, 0, 0]) for c in classes] for d in per_doc], dtype=np.int64).reshape(
        len(per_doc), len(classes), 3)
    total = m.sum(axis=0)
    per_class = {}
    for c, (tp, fp, fn) in zip(classes, total.tolist()):
        per_class[c] = {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp) if tp + fp else None,
                        "recall": tp / (tp + fn) if tp + fn else None,
                        "factor": (tp + fn) / (tp + fp) if tp + fp else None}
    return {"layer": DIMENSIONS[dimension], "classes": classes, "per_class": per_class,
            "per_document": {"documents": [g.doc_id for g in gold],
                             **{part: m[:, :, n].tolist() for n, part in enumerate(("tp", "fp", "fn"))}}}


def measure(path=None, build: Callable | None = None) -> dict:
    """The quality table of the pre-annotator (``build``: :func:`corpus_kz.annotate.build` by default) on the gold
    at ``path`` (default: bundled), leave one document out."""
    if build is None:
        from ..annotate import build
    loaded = load(path)
    gold = [d for d in loaded if d.annotated]
    if not gold:
        raise EvaluationError(f"{loaded.path}: no document has annotations to measure against")
    predicted = leave_one_out(Corpus(gold, loaded.registry, loaded.path, loaded.metadata), build)
    return {
        "what": "The pre-annotator's precision and recall per class (tp, fp, fn per class and per document), "
                "read by corpus_kz.analyses to correct counts of predicted records (factor = precision / recall "
                "= (tp + fn) / (tp + fp)). Made by `corpus-kz quality --write`; do not edit.",
        "measured_on": {"corpus": "the bundled gold" if path is None else str(path),
                        "documents": [d.doc_id for d in gold],
                        "method": "leave one document out (corpus_kz.scoring.evaluate.leave_one_out)",
                        "predictor": f"{build.__module__}.{build.__qualname__}", "overlap": THRESHOLD,
                        "matching": OVERLAP},
        "corpus_kz_version": __version__,
        MEASURED_AT: dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "dimensions": {dim: counts(gold, predicted, dim) for dim in DIMENSIONS},
    }


def stable(table: dict) -> dict:
    """``table`` without what changes each time it is measured (the time, the version): what must stay current."""
    return {k: v for k, v in table.items() if k not in (MEASURED_AT, "corpus_kz_version")}


def render(table: dict) -> str:
    """The table as the file holds it: indented JSON, a list of numbers on one line (a document's counts)."""
    text = json.dumps(table, indent=1, ensure_ascii=False)
    return _NUMBERS.sub(lambda m: "[" + " ".join(m.group(1).split()) + "]", text) + "\n"


def write(table: dict) -> str:
    """Write ``table`` to ``corpus_kz/fitted/quality.json`` (a temporary file, then a rename); returns the path."""
    target = fitted.path("quality")
    write_text(target, render(table))
    return str(target)


def summary(table: dict) -> str:
    """Precision and recall per class as Markdown, one table per dimension."""
    lines = [f"Measured on {table['measured_on']['corpus']} ({len(table['measured_on']['documents'])} documents), "
             f"{table['measured_on']['method']}, at {table['measured_on']['overlap']:g} overlap."]
    for dim, entry in table["dimensions"].items():
        lines += ["", f"| {dim} | tp | fp | fn | precision | recall | precision / recall |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for c, s in entry["per_class"].items():
            cells = [str(s[k]) for k in ("tp", "fp", "fn")]
            cells += ["–" if s[k] is None else f"{s[k]:.3f}" for k in ("precision", "recall", "factor")]
            lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
