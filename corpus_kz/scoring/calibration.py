"""Calibrating the pre-annotator's confidence: the fit ``corpus-kz calibrate`` writes, and its error.

A record is **right** when it is matched one to one, at overlap 0.3 (:mod:`.matching`, as
``corpus-kz evaluate`` matches), with a gold record of its layer. A quote is right by its content
alone; an attribution when its quote is right *and* its speaker is (:func:`.evaluate.same_speaker`
on the gold; on a brat corpus, the source spans overlap or neither has one), since the speaker is
what an attribution adds to its quote.

**Outcomes** are the raw scores of the rules (:func:`corpus_kz.annotate.calibration.raw_scores`)
with whether each record was right: on the gold, predicted leave one document out
(:func:`gold_outcomes`); on the development corpus, PolNeAR's dev split, for quotes and
attributions, the only layers it has (:func:`dev_outcomes`).

**The fit** (:func:`fit`) is histogram binning by rule and raw score, each bin's rate shrunk
towards the one above it (``(right + m·prior) / (records + m)``, ``m`` = :data:`PRIOR_WEIGHT`): the
layer's rate towards one half, the rule's towards the layer's, the score's towards the rule's. The
upper levels are counted on the development corpus where a layer has one, and the gold's bin is
shrunk last towards the development corpus's: the gold decides where it has records, and PolNeAR
speaks for the rules and scores the five gold texts rarely exercise.

**The error** is the expected calibration error (:func:`ece`: ten equal-width bins, weighted by
their records). Measured in sample (the fit has seen the records it is measured on) and cross-fitted
(:func:`cross_fitted`: each gold document, and a fifth of the development corpus's documents, scored
with a fit made without them).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..annotate import build
from ..annotate.calibration import fit as shipped_fit
from ..annotate.calibration import flat, look_up, raw_scores, score_key
from ..records import LAYERS
from ..version import __version__
from .agreement import entity_alignment, record_labels
from .brat_attributions import _overlapping, grouped_attributions, pair_attributions
from .evaluate import SCORED_LAYERS, leave_one_out, same_speaker
from .matching import match

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["BINS", "CALIBRATED_LAYERS", "DEV_LAYERS", "FOLDS", "GOLD", "DEV", "PRIOR_WEIGHT", "THRESHOLD",
           "Outcome", "calibration_data", "calibration_json", "cross_fitted", "default_dev", "dev_outcomes", "ece", "ece_table", "fit",
           "gold_outcomes", "measured", "reliability", "stale"]

#: The overlap at which a record is right.
THRESHOLD = 0.3
#: The expected calibration error's bins, equal-width on [0, 1].
BINS = 10
#: How many records a level's prior weighs against a bin's own (the ``m`` of the shrinkage).
PRIOR_WEIGHT = 4.0
#: The cross-fitting's folds: a gold document each (the bundled gold has five), the development corpus's split as many ways.
FOLDS = 5
#: The layers calibrated, in the files' order; the layers the development corpus has.
CALIBRATED_LAYERS: tuple[str, ...] = tuple(LAYERS)
DEV_LAYERS: tuple[str, ...] = ("quotes", "attributions")
#: The outcomes' sources.
GOLD, DEV = "gold", "dev"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One predicted record: its layer, rule and raw score, whether it was right, and where it was measured."""

    layer: str
    rule: str
    raw: float
    right: bool
    doc_id: str
    source: str = GOLD


def _rule(record) -> str:
    return record.origin.split(":", 1)[1]


def gold_outcomes(documents: Sequence[Document]) -> list[Outcome]:
    """Every record the pre-annotator predicts leave one document out on ``documents``, with its raw score."""
    docs = list(documents)
    with raw_scores():
        predicted = leave_one_out(docs, build)
    out: list[Outcome] = []
    for gold, pred in zip(docs, predicted):
        canon, ident = entity_alignment(gold, pred), {k: k for k in gold.registry}
        for layer in SCORED_LAYERS:
            rg, rp = list(getattr(gold, layer)), list(getattr(pred, layer))
            keys = (record_labels(layer, rg, gold, ident), record_labels(layer, rp, pred, canon))
            partner = {j: i for i, j in match(rg, rp, THRESHOLD, keys)}
            for j, r in enumerate(rp):
                out.append(Outcome(layer, _rule(r), r.confidence, j in partner, gold.doc_id))
                if layer == "quotes":
                    a = pred.attribution(r)
                    right = j in partner and same_speaker(gold, gold.attribution(rg[partner[j]]), pred, a, canon)
                    out.append(Outcome("attributions", _rule(a), a.confidence, right, gold.doc_id))
    return out


def dev_outcomes(corpus: list[tuple[str, str, list[dict]]]) -> list[Outcome]:
    """The quotes and attributions the pre-annotator predicts on a brat corpus (:func:`read_brat_attributions`).

    A quotation split around its cue is one attribution there and two quotes here: both are right
    when the one they make is (:func:`grouped_attributions`).
    """
    predict = build(())
    out: list[Outcome] = []
    for doc_id, text, gold in corpus:
        with raw_scores():
            groups = grouped_attributions(predict(text, {}))
        entries = [entry for entry, _ in groups]
        partner = {j: i for i, j in pair_attributions(text, gold, entries, THRESHOLD)}
        for j, (entry, atts) in enumerate(groups):
            speaker = j in partner and _overlapping(gold[partner[j]]["source"], entry["source"])
            for a in atts:
                out.append(Outcome("quotes", _rule(a), a.confidence, j in partner, doc_id, DEV))
                out.append(Outcome("attributions", _rule(a), a.confidence, speaker, doc_id, DEV))
    return out


# -- the fit ---------------------------------------------------------------------------------------

def _shrunk(counts: tuple[int, int], prior: float, weight: float) -> float:
    n, right = counts
    return (right + weight * prior) / (n + weight)


def _tally(outcomes: Iterable[Outcome]) -> dict:
    """(layer, source, rule, score) -> [records, right], with the rule's and the layer's totals under None."""
    c: dict = {}
    for o in outcomes:
        for key in ((o.layer, o.source, None, None), (o.layer, o.source, o.rule, None),
                    (o.layer, o.source, o.rule, score_key(o.raw))):
            n = c.setdefault(key, [0, 0])
            n[0] += 1
            n[1] += o.right
    return c


def fit(outcomes: Iterable[Outcome], weight: float = PRIOR_WEIGHT) -> dict:
    """The calibration of these outcomes: ``{"layers": {layer: {"probability", "rules": {rule: {...}}}}}``.

    Each rule and each of its scores holds its ``probability`` and the counts behind it (``gold``
    and ``dev``: [records, right]); a layer's and a rule's probability are what a rule or a score
    the fit has not seen gets (:func:`corpus_kz.annotate.calibration.probability`).
    """
    c = _tally(outcomes)
    layers = {}
    for layer in CALIBRATED_LAYERS:
        upper = DEV if (layer, DEV, None, None) in c else GOLD  # the source of the upper levels

        def counts(source, rule=None, score=None):
            return tuple(c.get((layer, source, rule, score), (0, 0)))

        p_layer = _shrunk(counts(upper), 0.5, weight)
        rules = {}
        for rule in sorted({k[2] for k in c if k[0] == layer and k[2] is not None}):
            p_rule = _shrunk(counts(upper, rule), p_layer, weight)
            scores = {}
            for score in sorted({k[3] for k in c if k[:1] + k[2:3] == (layer, rule) and k[3] is not None}, key=float):
                prior = _shrunk(counts(DEV, rule, score), p_rule, weight) if upper == DEV else p_rule
                scores[score] = {"probability": round(_shrunk(counts(GOLD, rule, score), prior, weight), 3),
                                 GOLD: list(counts(GOLD, rule, score)), DEV: list(counts(DEV, rule, score))}
            own = _shrunk(counts(GOLD, rule), p_rule, weight) if upper == DEV else p_rule
            rules[rule] = {"probability": round(own, 3), GOLD: list(counts(GOLD, rule)), DEV: list(counts(DEV, rule)),
                           "scores": scores}
        layers[layer] = {"probability": round(p_layer, 3), "rules": rules}
    return {"layers": layers}


# -- the error -------------------------------------------------------------------------------------

def reliability(pairs: Iterable[tuple[float, bool]], bins: int = BINS) -> list[tuple[int, float, float]]:
    """Per non-empty bin of equal width on [0, 1]: (records, mean probability, share right)."""
    n, p, y = [0] * bins, [0.0] * bins, [0] * bins
    for prob, right in pairs:
        b = min(int(prob * bins), bins - 1)
        n[b] += 1
        p[b] += prob
        y[b] += right
    return [(n[b], p[b] / n[b], y[b] / n[b]) for b in range(bins) if n[b]]


def ece(pairs: Iterable[tuple[float, bool]], bins: int = BINS) -> float | None:
    """The expected calibration error: ``Σ records_b / records · |mean probability_b − share right_b|``; None for none."""
    cells = reliability(pairs, bins)
    total = sum(n for n, _, _ in cells)
    return sum(n * abs(p - y) for n, p, y in cells) / total if total else None


def _folds(outcomes: Sequence[Outcome], folds: int) -> dict[str, int]:
    """doc_id -> its fold: each source's documents, sorted, dealt round the folds in turn."""
    out = {}
    for source in (GOLD, DEV):
        for k, doc_id in enumerate(sorted({o.doc_id for o in outcomes if o.source == source})):
            out[doc_id] = k % folds
    return out


def cross_fitted(outcomes: Sequence[Outcome], folds: int = FOLDS, weight: float = PRIOR_WEIGHT) -> list[float]:
    """Each outcome's probability from a fit that did not see its fold (:func:`_folds`), in order."""
    fold = _folds(outcomes, folds)
    fits = {f: flat(fit([o for o in outcomes if fold[o.doc_id] != f], weight)) for f in set(fold.values())}
    return [look_up(fits[fold[o.doc_id]], o.layer, o.rule, o.raw) for o in outcomes]


def _rows(outcomes: Sequence[Outcome], fitted: dict, crossed: Sequence[float] | None) -> list[dict]:
    table = flat(fitted)
    rows = []
    for source, where in ((GOLD, "gold, leave one out"), (DEV, "PolNeAR dev")):
        for layer in CALIBRATED_LAYERS:
            chosen = [k for k, o in enumerate(outcomes) if o.source == source and o.layer == layer]
            if not chosen:
                continue
            pairs = {"before": [(outcomes[k].raw, outcomes[k].right) for k in chosen],
                     "after": [(look_up(table, layer, outcomes[k].rule, outcomes[k].raw), outcomes[k].right)
                               for k in chosen]}
            if crossed is not None:
                pairs["cross_fitted"] = [(crossed[k], outcomes[k].right) for k in chosen]
            row = {"measured_on": where, "layer": layer, "records": len(chosen),
                   "right": sum(outcomes[k].right for k in chosen),
                   **{name: round(ece(p), 3) for name, p in pairs.items()},
                   # the reliability diagram's points: [records, mean probability, share right] per bin
                   "cells": {name: [[n, round(m, 3), round(y, 3)] for n, m, y in reliability(p)]
                             for name, p in pairs.items()}}
            rows.append(row)
    return rows


def ece_table(rows: Sequence[dict], after: str = "in sample") -> str:
    """The rows of :func:`calibration_data` (or of ``corpus-kz evaluate``, ``after`` its calibration) as Markdown."""
    crossed = all("cross_fitted" in r for r in rows)
    head = ["measured on", "layer", "records", "right", "ECE before (rules' constants)", f"ECE after ({after})"]
    head += ["ECE after (cross-fitted)"] if crossed else []
    lines = ["| " + " | ".join(head) + " |", "| --- | --- |" + " ---: |" * (len(head) - 2)]
    for r in rows:
        cells = [r["measured_on"], r["layer"], str(r["records"]), str(r["right"])]
        cells += [f"{r[k]:.3f}" for k in ("before", "after", *(("cross_fitted",) if crossed else ()))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def measured(outcomes: Sequence[Outcome], fitted: dict | None = None) -> list[dict]:
    """ECE rows of these outcomes under ``fitted`` (default: the shipped calibration), without cross-fitting."""
    return _rows(outcomes, fitted or shipped_fit(), None)


# -- the file --------------------------------------------------------------------------------------

def _digest(parts: Iterable[str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _gold_digest(documents: Sequence[Document]) -> str:
    """The gold's identity: every document's text checksum and records, in order."""
    return _digest(repr((d.doc_id, d.sha256, [list(getattr(d, layer)) for layer in LAYERS])) for d in documents)


def calibration_data(documents: Sequence[Document], dev: list | None, dev_name: str | None = None) -> dict:
    """What ``corpus-kz calibrate --write`` writes: the fit, what it was fitted on, and its error.

    ``dev`` is a brat corpus as :func:`read_brat_attributions` reads it (None: the gold alone).
    """
    outcomes = gold_outcomes(documents) + (dev_outcomes(dev) if dev else [])
    fitted = fit(outcomes)
    on = {GOLD: {"documents": [d.doc_id for d in documents], "sha256": _gold_digest(documents)}}
    if dev:
        on[DEV] = {"name": dev_name or "a brat attribution corpus", "documents": len(dev),
                   "sha256": _digest(repr(doc) for doc in dev)}
    return {
        "about": "P(a predicted record is right) by layer, rule and raw score; corpus_kz.scoring.calibration says how "
                 "it is fitted, corpus_kz.annotate.calibration applies it. Refit: corpus-kz calibrate --write",
        "right": f"matched one to one at overlap {THRESHOLD} with a gold record of its layer; an attribution: its "
                 "quote so matched and its speaker right",
        "method": f"histogram binning by rule and raw score, each level shrunk towards the one above with weight "
                  f"{PRIOR_WEIGHT:g}; the development corpus gives the upper levels of the layers it has",
        "fitted": datetime.date.today().isoformat(), "corpus_kz": __version__, "fitted_on": on, **fitted,
        "ece": {"bins": BINS, "folds": FOLDS, "rows": _rows(outcomes, fitted, cross_fitted(outcomes))},
    }


def calibration_json(data: dict) -> str:
    """:func:`calibration_data` as the file holds it: indented, each list of numbers on one line."""
    text = json.dumps(data, indent=1, ensure_ascii=False)
    return re.sub(r'\[[^\[\]{}"]*\]', lambda m: json.dumps(json.loads(m.group())), text) + "\n"


def stale(shipped: dict, fresh: dict) -> list[str]:
    """What differs between a shipped calibration and a fresh one, the date aside; [] when it is current.

    The counts are compared bin by bin, then the rest. A fresh fit without the development corpus
    (``fresh`` has no ``dev`` source) is compared on the gold's counts only: the shipped
    probabilities also depend on the corpus it cannot see.
    """
    whole = DEV in fresh["fitted_on"] or DEV not in shipped["fitted_on"]
    out = [f"{layer}/{rule}/{score}: {source} [records, right] {s.get(source, [0, 0])} shipped, {f.get(source, [0, 0])} now"
           for layer, rule, score, s, f in _bins(shipped, fresh) for source in ((GOLD, DEV) if whole else (GOLD,))
           if s.get(source, [0, 0]) != f.get(source, [0, 0])]
    if shipped["fitted_on"][GOLD] != fresh["fitted_on"][GOLD]:
        out.append("the gold is not the one the shipped fit was fitted on")
    if whole:
        out += [f"{key}: not what the fit gives now" for key in sorted(set(shipped) | set(fresh))
                if key != "fitted" and shipped.get(key) != fresh.get(key)]
    return out


def _bins(shipped: dict, fresh: dict):
    for layer in sorted(set(shipped["layers"]) | set(fresh["layers"])):
        a, b = shipped["layers"].get(layer, {}).get("rules", {}), fresh["layers"].get(layer, {}).get("rules", {})
        for rule in sorted(set(a) | set(b)):
            sa, sb = a.get(rule, {}).get("scores", {}), b.get(rule, {}).get("scores", {})
            for score in sorted(set(sa) | set(sb)):
                yield layer, rule, score, sa.get(score, {}), sb.get(score, {})


def default_dev() -> Path:
    """Where the development corpus is looked for: ``../shared/polnear-dev``, from the working directory."""
    return Path("..") / "shared" / "polnear-dev"
