"""Scoring predicted annotations against the gold: what ``corpus-kz evaluate`` prints.

* :func:`score` compares predicted documents with gold documents, layer by layer: precision, recall
  and F1 at exact match and at overlap thresholds 0.8 and 0.3 (:mod:`.matching`); on the
  attributions found (quotes matched by their content span), speaker accuracy and cue accuracy,
  and recall separately for direct, indirect and mixed quotes; on the figures found, value accuracy.
* :func:`leave_one_out` makes the predictions it scores: for each document, a predictor is built
  from the other documents only and then annotates the test document's text (nothing is learned
  from the document under test).
* :func:`evaluate` is the command's whole job on a corpus directory; attribution corpora in brat
  (PolNeAR) are scored by :mod:`.brat_attributions`.
* :func:`score_table` renders either result as Markdown.

Precision is None when nothing was predicted, recall None when the gold has nothing, F1 None when
both are empty; an accuracy is None when nothing was matched.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..corpus import Corpus
from ..errors import show
from ..records import Attribution
from ..storage import load
from .agreement import entity_alignment, record_labels, speaker_key
from .matching import OVERLAP, match
from .metrics import f1, ratio

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["EXACT", "EvaluationError", "Predictor", "QUOTE_TYPES", "SCORED_LAYERS", "THRESHOLDS", "evaluate",
           "leave_one_out", "results_from_counts", "score_levels", "same_speaker", "score", "score_table", "training_view"]

#: The overlap thresholds scored besides exact match, strictest first.
THRESHOLDS: tuple[float, ...] = (0.8, 0.3)

#: The span layers :func:`score` scores; ``quotes`` are the attributions' contents.
SCORED_LAYERS: tuple[str, ...] = ("zones", "mentions", "quotes", "figures", "frames")

#: The quote types whose recall :func:`score` reports separately.
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")

EXACT = "exact"


class EvaluationError(ValueError):
    """Predictions that cannot be scored against the gold (a missing document, another text, a bad span)."""


def score_levels(thresholds: Sequence[float]) -> list[tuple[str, float | None]]:
    for t in thresholds:
        if not (isinstance(t, (int, float)) and 0 < t <= 1):
            raise EvaluationError(f"overlap threshold {t!r}: expected a number in (0, 1]")
    return [(EXACT, None), *((f"{t:g}", float(t)) for t in thresholds)]


# -- speakers ------------------------------------------------------------------------

_DETERMINER = re.compile(r"^(?:the|a|an)\s+")
_POSSESSIVE = re.compile(r"\s*['’]s?$")


def _normalise(text: str) -> str:
    """A source as written, comparable: lowercased, one space, without a leading article or trailing possessive."""
    text = " ".join(text.lower().split()).strip(" \t.,;:!?\"“”‘’«»()[]")
    return _POSSESSIVE.sub("", _DETERMINER.sub("", text))


def same_speaker(gold_doc: Document, gold: Attribution, pred_doc: Document, pred: Attribution,
                 canon: Mapping[str, str] | None = None) -> bool:
    """Whether a predicted attribution names the gold one's speaker.

    True when their :func:`~corpus_kz.scoring.agreement.speaker_key` agree (the same registry entity
    after :func:`~corpus_kz.scoring.agreement.entity_alignment`, the same role and words, or no source
    on either side); or both sources read the same once normalised (lowercase, no leading article,
    no trailing possessive); or the predicted source, normalised, is the name or an alias of the
    gold speaker in the gold registry (a predictor that finds "Tokayev" but resolves no entity).
    """
    canon = entity_alignment(gold_doc, pred_doc) if canon is None else canon
    ident = {k: k for k in gold_doc.registry}
    if speaker_key(gold_doc, gold, ident) == speaker_key(pred_doc, pred, canon):
        return True
    if gold.source is None or pred.source is None:
        return False
    said = _normalise(pred.source.text)
    if said and said == _normalise(gold.source.text):
        return True
    entity = gold_doc.registry.get(gold.speaker_id) if gold.speaker_id is not None else None
    return entity is not None and said in {_normalise(x) for x in (entity.name, *entity.aliases)}


def _same_cue(gold: Attribution, pred: Attribution) -> bool:
    if gold.cue is None or pred.cue is None:
        return gold.cue is None and pred.cue is None
    return gold.cue.overlaps(pred.cue)


# -- the results as plain data -----------------------------------------------------------

def results_from_counts(c: Counter, levels: list[tuple[str, float | None]], layers: Sequence[str],
                        types: Sequence[str], value_accuracy: bool) -> dict:
    """Counts -> the result's nested dicts (see :func:`score`)."""
    out: dict = {"layers": {}}
    for layer in layers:
        n_g, n_p = c[(layer, "gold")], c[(layer, "predicted")]
        entry = {"gold": n_g, "predicted": n_p}
        for name, _ in levels:
            m = c[(layer, name, "matched")]
            entry[name] = {"matched": m, "precision": ratio(m, n_p), "recall": ratio(m, n_g), "f1": f1(m, n_g, n_p)}
        out["layers"][layer] = entry
    if value_accuracy:
        out["figures"] = {name: {"matched": c[("figures", name, "matched")],
                                 "value_accuracy": ratio(c[("value", name)], c[("figures", name, "matched")])}
                          for name, _ in levels}
    layer = next((x for x in ("quotes", "attributions") if x in layers), None)
    if layer is None:  # no attribution contents scored
        return out
    n_g, n_p = c[(layer, "gold")], c[(layer, "predicted")]
    att = {"gold": n_g, "predicted": n_p, "gold_by_type": {t: c[("type", t)] for t in types}}
    for name, _ in levels:
        m = c[(layer, name, "matched")]
        att[name] = {"matched": m, "speaker_accuracy": ratio(c[("speaker", name)], m),
                     "cue_accuracy": ratio(c[("cue", name)], m),
                     "attribution_f1": f1(c[("whole", name)], n_g, n_p),
                     **{f"recall_{t}": ratio(c[("type", t, name)], c[("type", t)]) for t in types}}
    out["attributions"] = att
    return out


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _score_document(gold: Document, pred: Document, levels, layers: Sequence[str]) -> Counter:
    c: Counter = Counter()
    canon, ident = entity_alignment(gold, pred), {k: k for k in gold.registry}
    for layer in layers:
        rg, rp = list(getattr(gold, layer)), list(getattr(pred, layer))
        c[(layer, "gold")] += len(rg)
        c[(layer, "predicted")] += len(rp)
        keys = (record_labels(layer, rg, gold, ident), record_labels(layer, rp, pred, canon))
        if layer == "quotes":
            for q in rg:
                c[("type", q.type)] += 1
        for name, t in levels:
            pairs = match(rg, rp, t, keys)
            c[(layer, name, "matched")] += len(pairs)
            if layer == "quotes":
                for i, j in pairs:
                    ga, pa = gold.attribution(rg[i]), pred.attribution(rp[j])
                    speaker, cue = same_speaker(gold, ga, pred, pa, canon), _same_cue(ga, pa)
                    c[("speaker", name)] += speaker
                    c[("cue", name)] += cue
                    c[("whole", name)] += speaker and cue
                    c[("type", rg[i].type, name)] += 1
            elif layer == "figures":
                c[("value", name)] += sum(_same_value(rg[i].value, rp[j].value) for i, j in pairs)
    return c


def score(gold: Iterable[Document], predicted: Iterable[Document], thresholds: Sequence[float] = THRESHOLDS,
          layers: Sequence[str] = SCORED_LAYERS) -> dict:
    """Predicted documents scored against the gold, pooled over the documents (micro-averaged).

    Documents are paired by ``doc_id``; each gold document needs exactly one prediction with the
    same text (:class:`EvaluationError` otherwise). Returns plain data::

        {"documents": [doc_id, ...], "thresholds": [0.8, 0.3], "overlap": "...",
         "layers": {layer: {"gold": n, "predicted": n,
                            "exact" | "0.8" | "0.3": {"matched", "precision", "recall", "f1"}}},
         "attributions": {"gold", "predicted", "gold_by_type": {"direct", "indirect", "mixed"},
                          "exact" | "0.8" | "0.3": {"matched", "speaker_accuracy", "cue_accuracy",
                                                    "attribution_f1", "recall_direct",
                                                    "recall_indirect", "recall_mixed"}},
         "figures": {"exact" | "0.8" | "0.3": {"matched", "value_accuracy"}},
         "per_document": {doc_id: {"layers": ..., "attributions": ..., "figures": ...}}}

    An attribution is found when its content (its quote) is matched at the level. On the
    attributions found, speaker accuracy is :func:`same_speaker` and cue accuracy that both cues
    overlap (or both are absent); ``attribution_f1`` counts an attribution only when content,
    speaker and cue are all right (PolNeAR's attribution-wise measure). ``recall_<type>`` is the
    share of the gold quotes of that type that are found. Value accuracy is the share of the
    figures found whose ``value`` equals the gold's (both vague counts as equal).
    """
    levels = score_levels(thresholds)
    unknown = [x for x in layers if x not in SCORED_LAYERS]
    if unknown or not layers:
        raise EvaluationError(f"layers {unknown or list(layers)!r}: expected some of {', '.join(SCORED_LAYERS)}")
    gold = list(gold)
    by_id: dict[str, Document] = {}
    for p in predicted:
        if p.doc_id in by_id:
            raise EvaluationError(f"two predicted documents are called {p.doc_id!r}; expected one per gold document")
        by_id[p.doc_id] = p
    gold_ids = [g.doc_id for g in gold]
    if len(set(gold_ids)) != len(gold_ids):
        twice = sorted({x for x in gold_ids if gold_ids.count(x) > 1})
        raise EvaluationError("two gold documents share a doc_id: " + ", ".join(twice))
    missing = [x for x in gold_ids if x not in by_id]
    extra = [x for x in by_id if x not in set(gold_ids)]
    if missing or extra:
        faults = ([f"no prediction for {', '.join(missing)}"] if missing else []) + (
            [f"predictions for documents not in the gold: {', '.join(extra)}"] if extra else [])
        raise EvaluationError("the predictions do not cover the gold: " + "; ".join(faults))
    if not gold:
        raise EvaluationError("no gold documents to score against")
    pooled: Counter = Counter()
    per_doc = {}
    value = "figures" in layers
    for g in gold:
        p = by_id[g.doc_id]
        if p.text != g.text:
            raise EvaluationError(f"{g.doc_id}: the predicted document's text differs from the gold's ({len(p.text)} "
                                  f"against {len(g.text)} characters); predictions must annotate the same text")
        c = _score_document(g, p, levels, layers)
        per_doc[g.doc_id] = results_from_counts(c, levels, layers, QUOTE_TYPES, value)
        pooled.update(c)
    return {"documents": gold_ids, "thresholds": [t for _, t in levels[1:]], "overlap": OVERLAP,
            **results_from_counts(pooled, levels, layers, QUOTE_TYPES, value), "per_document": per_doc}


def score_table(result: Mapping) -> str:
    """A result of :func:`score` or :func:`~.brat_attributions.score_brat` as Markdown: span layers, then
    attributions and figures."""
    def f(x) -> str:
        return "–" if x is None else f"{x:.3f}"

    levels = [EXACT, *(f"{t:g}" for t in result["thresholds"])]
    head = ["layer", "gold", "predicted"] + [f"{m} {lv}" for lv in levels for m in ("P", "R", "F1")]
    lines = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
    for layer, s in result["layers"].items():
        name = "quotes (attribution content)" if layer == "quotes" else layer
        cells = [name, str(s["gold"]), str(s["predicted"])]
        cells += [f(s[lv][m]) for lv in levels for m in ("precision", "recall", "f1")]
        lines.append("| " + " | ".join(cells) + " |")
    if "attributions" in result:
        att = result["attributions"]
        lines += ["", "| attributions found | " + " | ".join(levels) + " |", "| --- |" + " ---: |" * len(levels)]
        rows = [("matched", "matched", str), ("speaker accuracy", "speaker_accuracy", f),
                ("cue accuracy", "cue_accuracy", f), ("attribution-wise F1 (content, speaker, cue)", "attribution_f1", f)]
        rows += [(f"recall, {t} ({n} in the gold)", f"recall_{t}", f) for t, n in att["gold_by_type"].items()]
        for label, key, fmt in rows:
            lines.append(f"| {label} | " + " | ".join(fmt(att[lv][key]) for lv in levels) + " |")
    if "figures" in result:
        fig = result["figures"]
        lines += ["", "| figures found | " + " | ".join(levels) + " |", "| --- |" + " ---: |" * len(levels),
                  "| matched | " + " | ".join(str(fig[lv]["matched"]) for lv in levels) + " |",
                  "| value accuracy | " + " | ".join(f(fig[lv]["value_accuracy"]) for lv in levels) + " |"]
    lines += ["", f"Overlap at t: {result['overlap']}."]
    return "\n".join(lines)


# -- leave one document out --------------------------------------------------------------

def training_view(training: Sequence[Document]) -> tuple[Document, ...]:
    """The training documents with a registry that holds only what they show.

    A loaded document carries the whole corpus registry, whose aliases include the spellings of
    every document, the one under test too. Here each document's registry keeps only the entities
    the training documents refer to (mentions, speakers, figure sources, frame holders), each with
    only the aliases their mentions spell. Names, labels, roles and Wikidata ids are kept.
    """
    used: set[str] = set()
    spelled: dict[str, set[str]] = {}
    for d in training:
        for m in d.mentions:
            used.add(m.entity_id)
            spelled.setdefault(m.entity_id, set()).add(m.text)
        used.update(a.speaker_id for a in d.attributions if a.speaker_id is not None)
        used.update(x.source for x in d.figures if x.source in d.registry)
        used.update(x.holder for x in d.frames if x.holder in d.registry)
    out = []
    for d in training:
        registry = {k: replace(e, aliases=tuple(a for a in e.aliases if a in spelled.get(k, ())))
                    for k, e in d.registry.items() if k in used}
        out.append(replace(d, registry=registry))
    return tuple(out)


Predictor = Callable[[str, dict], "Document"]


def leave_one_out(documents: Iterable[Document], build: Callable[[tuple[Document, ...]], Predictor]) -> list[Document]:
    """Predictions made leave-one-document-out: nothing is learned from the document under test.

    For each document, ``build(training)`` gets the other documents (:func:`training_view`: their
    registry cut to what they show) and returns a predictor, which is called as
    ``predictor(text, metadata)``, the signature of ``corpus_kz.annotate``, with the test
    document's text and :meth:`~corpus_kz.Document.metadata` only. Returns the predicted documents, in order, for
    :func:`score`.
    """
    docs = list(documents)
    out = []
    for k, doc in enumerate(docs):
        predict = build(training_view([d for i, d in enumerate(docs) if i != k]))
        pred = predict(doc.text, doc.metadata())
        if getattr(pred, "doc_id", None) != doc.doc_id or getattr(pred, "text", None) != doc.text:
            raise EvaluationError(f"{doc.doc_id}: the predictor returned {type(pred).__name__} "
                                  f"{show(getattr(pred, 'doc_id', None))}; expected a Document with the doc_id and text it was given")
        out.append(pred)
    return out


def evaluate(path=None, build: Callable[[tuple[Document, ...]], Predictor] | None = None,
             thresholds: Sequence[float] = THRESHOLDS) -> dict:
    """The corpus at ``path`` (default: bundled) scored leave-one-document-out with ``build``'s predictors.

    ``build(training) -> predictor(text, meta)``: :func:`corpus_kz.annotate.build` (the
    pre-annotator, its registry cut to the training documents) or :func:`corpus_kz.annotate.baseline.build`.
    Documents without annotations are not scored: they have no gold to score against.
    """
    loaded = load(path)
    corpus = Corpus([d for d in loaded if d.annotated], loaded.registry, loaded.path, loaded.metadata)
    if not len(corpus):
        raise EvaluationError(f"{loaded.path}: no document has annotations to score against")
    return score(corpus, leave_one_out(corpus, build), thresholds)
