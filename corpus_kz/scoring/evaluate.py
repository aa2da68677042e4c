"""Scoring predicted annotations against the gold, and attribution extraction against any brat corpus.

What ``corpus-kz evaluate`` prints:

* :func:`score` compares predicted documents with gold documents, layer by layer: precision, recall
  and F1 at exact match and at overlap thresholds 0.8 and 0.3; on the attributions found (quotes
  matched by their content span), speaker accuracy and cue accuracy, and recall separately for
  direct, indirect and mixed quotes; on the figures found, value accuracy.
* :func:`leave_one_out` makes the predictions it scores: for each document, a predictor is built
  from the other documents only and then annotates the test document's text (nothing is learned
  from the document under test).
* :func:`read_brat_attributions` reads any brat corpus of ``Source``, ``Cue`` and ``Content`` spans
  joined by ``Attribution`` events (PolNeAR's format), and :func:`score_brat` scores a predictor of
  attributions on it.
* :func:`score_table` renders either result as Markdown.

**Overlap.** A predicted span matches a gold span at threshold ``t`` when

    shared characters / max(len(gold), len(predicted)) >= t

(a discontinuous span counts by the characters its fragments cover). Dividing by the longer span
makes the ratio symmetric: it is the smaller of the gold's and the prediction's coverage, so a
prediction passes only if it covers at least ``t`` of the gold *and* at least ``t`` of it is gold.
A ratio relative to the gold span alone (GenderGapTracker's quote evaluation) lets a prediction
that swallows the whole paragraph match every quote in it; this one does not. At ``t = 1`` it is
exact match. Matching is one to one: exact pairs first (the same characters),
then, among the pairs whose ratio reaches ``t``, greedily by the largest number of shared
characters. Records that share a span are paired with the one that has the same labels first.

Precision is None when nothing was predicted, recall None when the gold has nothing, F1 None when
both are empty; an accuracy is None when nothing was matched.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CorpusError, Problem, show
from ..records import Attribution
from ..span import Span
from .agreement import entity_alignment, f1, record_labels, speaker_key

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["EvaluationError", "THRESHOLDS", "SCORED_LAYERS", "QUOTE_TYPES", "overlap_ratio", "match_at",
           "same_speaker", "metadata", "training_view", "leave_one_out", "score", "score_table",
           "read_brat_attributions", "score_brat", "attributions_of", "is_quoted", "trim_marks", "evaluate", "main"]

#: The overlap thresholds scored besides exact match, strictest first.
THRESHOLDS: tuple[float, ...] = (0.8, 0.3)

#: The span layers :func:`score` scores; ``quotes`` are the attributions' contents.
SCORED_LAYERS: tuple[str, ...] = ("zones", "mentions", "quotes", "figures", "frames")

#: The quote types whose recall :func:`score` reports separately.
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")

#: Quotation marks that make brat content direct (:func:`is_quoted`). "’" is left out: it is the apostrophe.
QUOTE_MARKS = '"“”„‟«»‘'

EXACT = "exact"

#: The overlap rule, as the results state it.
OVERLAP = ("shared characters / max(len(gold), len(predicted)) >= t; one to one, exact pairs first, "
           "then greedily by the most shared characters")

Fragments = tuple[tuple[int, int], ...]


class EvaluationError(ValueError):
    """Predictions that cannot be scored against the gold (a missing document, another text, a bad span)."""


# -- spans as sets of characters -------------------------------------------------

def _fragments(span) -> Fragments:
    """A span, or a list of ``(start, end)`` fragments, as sorted, merged, non-empty fragments."""
    if isinstance(span, Span):
        return ((span.start, span.end),)
    out: list[list[int]] = []
    for s, e in sorted((int(s), int(e)) for s, e in span):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def _size(frags: Fragments) -> int:
    return sum(e - s for s, e in frags)


def _shared(a: Fragments, b: Fragments) -> int:
    """Characters two merged fragment lists have in common."""
    i = j = n = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            n += hi - lo
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return n


def overlap_ratio(gold, predicted) -> float:
    """Shared characters / the longer span's length: 1.0 for the same span, 0.0 for disjoint ones.

    Either argument is a :class:`~corpus_kz.span.Span` or a list of ``(start, end)`` fragments (a
    discontinuous span, counted by the characters it covers).
    """
    g, p = _fragments(gold), _fragments(predicted)
    longest = max(_size(g), _size(p))
    return _shared(g, p) / longest if longest else 0.0


def _reaches(shared: int, longest: int, threshold: float) -> bool:
    # 0.3 * 10 is 3.0000000000000004 in floating point: compare with a little room.
    return longest > 0 and shared / longest >= threshold - 1e-9


def match_at(gold: Sequence, predicted: Sequence, threshold: float | None = None,
             keys: tuple[list, list] | None = None) -> list[tuple[int, int]]:
    """One-to-one matching of gold and predicted spans, as ``(gold index, predicted index)`` pairs.

    ``threshold=None`` pairs identical spans only. Otherwise the exact pairs come first, then the
    pairs whose :func:`overlap_ratio` reaches ``threshold``, greedily by the largest number of
    shared characters (ties: same key first, then document order). Spans are
    :class:`~corpus_kz.span.Span` records or lists of ``(start, end)`` fragments; ``keys`` (one
    label per record on each side) pairs records that share a span with their like.
    """
    ka, kb = keys if keys is not None else ([None] * len(gold), [None] * len(predicted))
    # Exact pairs by their characters (a Span is one fragment), the like-labelled first.
    gf, pf = [_fragments(s) for s in gold], [_fragments(s) for s in predicted]
    where: dict[Fragments, list[int]] = {}
    for j, f in enumerate(pf):
        where.setdefault(f, []).append(j)
    exact, taken = [], set()
    for i, f in enumerate(gf):
        free = [j for j in where.get(f, ()) if j not in taken]
        if free:
            j = next((j for j in free if kb[j] == ka[i]), free[0])
            exact.append((i, j))
            taken.add(j)
    if threshold is None:
        return exact
    used_g, used_p = {i for i, _ in exact}, {j for _, j in exact}
    sizes_g, sizes_p = [_size(f) for f in gf], [_size(f) for f in pf]
    candidates = []
    for i, g in enumerate(gf):
        if i in used_g or not g:
            continue
        for j, p in enumerate(pf):
            if j in used_p or not p or p[0][0] >= g[-1][1] or g[0][0] >= p[-1][1]:
                continue
            shared = _shared(g, p)
            if shared and _reaches(shared, max(sizes_g[i], sizes_p[j]), threshold):
                candidates.append((-shared, ka[i] != kb[j], i, j))
    pairs = list(exact)
    for _, _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return pairs


def _levels(thresholds: Sequence[float]) -> list[tuple[str, float | None]]:
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

def _ratio(n: int, d: int) -> float | None:
    return n / d if d else None


def _summarise(c: Counter, levels: list[tuple[str, float | None]], layers: Sequence[str],
               types: Sequence[str], value_accuracy: bool) -> dict:
    """Counts -> the result's nested dicts (see :func:`score`)."""
    out: dict = {"layers": {}}
    for layer in layers:
        n_g, n_p = c[(layer, "gold")], c[(layer, "predicted")]
        entry = {"gold": n_g, "predicted": n_p}
        for name, _ in levels:
            m = c[(layer, name, "matched")]
            entry[name] = {"matched": m, "precision": _ratio(m, n_p), "recall": _ratio(m, n_g), "f1": f1(m, n_g, n_p)}
        out["layers"][layer] = entry
    if value_accuracy:
        out["figures"] = {name: {"matched": c[("figures", name, "matched")],
                                 "value_accuracy": _ratio(c[("value", name)], c[("figures", name, "matched")])}
                          for name, _ in levels}
    layer = next((x for x in ("quotes", "attributions") if x in layers), None)
    if layer is None:  # no attribution contents scored
        return out
    n_g, n_p = c[(layer, "gold")], c[(layer, "predicted")]
    att = {"gold": n_g, "predicted": n_p, "gold_by_type": {t: c[("type", t)] for t in types}}
    for name, _ in levels:
        m = c[(layer, name, "matched")]
        att[name] = {"matched": m, "speaker_accuracy": _ratio(c[("speaker", name)], m),
                     "cue_accuracy": _ratio(c[("cue", name)], m),
                     "attribution_f1": f1(c[("whole", name)], n_g, n_p),
                     **{f"recall_{t}": _ratio(c[("type", t, name)], c[("type", t)]) for t in types}}
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
            pairs = match_at(rg, rp, t, keys)
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
    levels = _levels(thresholds)
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
        per_doc[g.doc_id] = _summarise(c, levels, layers, QUOTE_TYPES, value)
        pooled.update(c)
    return {"documents": gold_ids, "thresholds": [t for _, t in levels[1:]], "overlap": OVERLAP,
            **_summarise(pooled, levels, layers, QUOTE_TYPES, value), "per_document": per_doc}


def score_table(result: Mapping) -> str:
    """A result of :func:`score` or :func:`score_brat` as Markdown: span layers, then attributions and figures."""
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

def metadata(doc: Document) -> dict:
    """A document's metadata (the manifest fields: doc_id, outlet, title, …), without its text or layers."""
    from ..document import MANIFEST_FIELDS

    return {name: getattr(doc, name) for name in MANIFEST_FIELDS}


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
    document's text and :func:`metadata` only. Returns the predicted documents, in order, for
    :func:`score`.
    """
    docs = list(documents)
    out = []
    for k, doc in enumerate(docs):
        predict = build(training_view([d for i, d in enumerate(docs) if i != k]))
        pred = predict(doc.text, metadata(doc))
        if getattr(pred, "doc_id", None) != doc.doc_id or getattr(pred, "text", None) != doc.text:
            raise EvaluationError(f"{doc.doc_id}: the predictor returned {type(pred).__name__} "
                                  f"{show(getattr(pred, 'doc_id', None))}; expected a Document with the doc_id and text it was given")
        out.append(pred)
    return out


# -- brat attribution corpora (PolNeAR) ----------------------------------------------------------

_PARTS = ("content", "cue", "source")
_ROLE = re.compile(r"^(Content|Cue|Source)\d*$")
_EVENT_TYPES = ("Attribution", "Attribution-no-source")
_FRAGMENT = re.compile(r"^([0-9]+) ([0-9]+)$")


def read_brat_attributions(directory: str | Path) -> list[tuple[str, str, list[dict]]]:
    """The attributions of a brat corpus: ``[(doc_id, text, [attribution, ...]), ...]``, sorted by doc_id.

    Reads every ``<doc>.ann`` directly inside ``directory`` with its ``<doc>.txt`` (UTF-8; offsets are
    code points), each through the guarded reader (:func:`corpus_kz.storage.files.read_bytes`: inside
    the directory, a regular file, bounded size). An attribution is an ``Attribution`` or
    ``Attribution-no-source`` event with a ``Content`` argument::

        {"content": [(start, end), ...], "cue": [(start, end), ...] or None, "source": [...] or None}

    Each part is a list of half-open fragments, sorted: a discontinuous span (``803 833;834 898``)
    gives several, and the fragments of ``Content2`` (``Cue2``, ``Source2``) join those of
    ``Content``. An ``Attribution-no-source`` event has source None unless it names a ``Source``
    argument anyway (then that source is kept). Other span labels (``Discuss``, ``Discard``, the
    events' own trigger spans), other events, relations, attributes and notes are not attributions
    and are skipped, as is an event without a Content argument. Every span is checked against the
    text (fragments inside it, the ``.ann`` text equal to the covered text up to white space).

    Raises :class:`~corpus_kz.errors.CorpusError` listing every fault (a missing directory, no
    ``.ann`` file, a ``.ann`` without its ``.txt``, a malformed line, a span outside its text, an
    event naming an unknown span), each as file, record, field, found, expected.
    """
    from ..storage.files import Unreadable, check_directory, read_bytes

    shown = str(directory)
    try:
        root = check_directory(directory, "a directory of brat .txt/.ann pairs")
    except Unreadable as exc:
        raise CorpusError([Problem(shown, None, None, exc.found, exc.expected)]) from None
    names = sorted(p.name for p in root.iterdir() if p.name.endswith(".ann"))
    if not names:
        raise CorpusError([Problem(shown, None, None, "no .ann file",
                                   "brat standoff files <doc>.ann beside their texts <doc>.txt")])
    problems: list[Problem] = []
    out = []
    seen: dict = {}
    for name in names:
        doc_id = name[:-4]
        texts = []
        for rel in (f"{doc_id}.txt", name):
            try:
                data = read_bytes(root, rel, seen=seen)
                texts.append(data.decode("utf-8"))
            except Unreadable as exc:
                expected = f"the text of {name}" if rel.endswith(".txt") and exc.found == "no such file" else exc.expected
                problems.append(Problem(str(Path(shown) / rel), None, None, exc.found, expected))
            except UnicodeDecodeError as exc:
                problems.append(Problem(str(Path(shown) / rel), None, None,
                                        f"bytes that are not UTF-8 ({exc.reason} at byte {exc.start})", "UTF-8 text"))
        if len(texts) == 2:
            attributions = _parse_ann(str(Path(shown) / name), texts[0], texts[1], problems)
            out.append((doc_id, texts[0], attributions))
    if problems:
        raise CorpusError(problems)
    return out


def _parse_ann(file: str, text: str, ann: str, problems: list[Problem]) -> list[dict]:
    spans: dict[str, tuple[str, Fragments]] = {}
    events = []
    n = len(text)
    for lineno, line in enumerate(ann.splitlines(), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        record = f"line {lineno}"
        if line[0] == "T":
            fields = line.split("\t")
            label, _, where = fields[1].partition(" ") if len(fields) >= 2 else ("", "", "")
            if len(fields) != 3 or not label or not where:
                problems.append(Problem(file, record, None, show(line), "ID<TAB>Label START END<TAB>text"))
                continue
            frags = []
            for part in where.split(";"):
                m = _FRAGMENT.match(part.strip())
                s, e = (int(m[1]), int(m[2])) if m else (None, None)
                if m is None or not s < e <= n:
                    problems.append(Problem(file, fields[0], "offsets", show(part),
                                            f"START END with START < END <= {n}, the length of the text"))
                    frags = None
                    break
                frags.append((s, e))
            if frags is None:
                continue
            covered = " ".join(text[s:e] for s, e in frags)
            if covered.split() != fields[2].split():
                problems.append(Problem(file, fields[0], "text", show(fields[2]),
                                        f"the text it covers, {show(covered)}"))
                continue
            spans[fields[0]] = (label, tuple(frags))
        elif line[0] == "E":
            fields = line.split("\t")
            if len(fields) != 2:
                problems.append(Problem(file, record, None, show(line), "ID<TAB>Type:TRIGGER Role:ID ..."))
                continue
            events.append((fields[0], fields[1].split()))
    out = []
    for eid, args in events:
        pairs = [a.partition(":") for a in args]
        if not pairs or pairs[0][0] not in _EVENT_TYPES:
            continue
        parts: dict[str, list] = {}
        for role, colon, ref in pairs[1:]:
            m = _ROLE.match(role)
            if not colon or m is None:
                continue
            if ref not in spans:
                problems.append(Problem(file, eid, role, show(ref), "the id of a span (T…) in this file"))
                continue
            parts.setdefault(m[1].lower(), []).extend(spans[ref][1])
        if "content" not in parts:
            continue
        out.append({p: (sorted(set(parts[p])) if p in parts else None) for p in _PARTS})
    return out


def is_quoted(text: str, content) -> bool:
    """Whether brat content is direct: a quotation mark inside it or right next to it.

    ``content`` is a list of fragments. The marks are ``" “ ” „ ‟ « » ‘`` (not ``’``, which is
    also the apostrophe). Content without one is indirect.
    """
    frags = _fragments(content)
    if not frags:
        return False
    start, end = frags[0][0], frags[-1][1]
    near = text[start - 1:start] + text[end:end + 1]
    return any(ch in QUOTE_MARKS for s, e in frags for ch in text[s:e]) or any(ch in QUOTE_MARKS for ch in near)


_EDGE = " \t\r\n\u00a0\"“”„‟«»‘’"


def trim_marks(text: str, content) -> list[tuple[int, int]]:
    """Content without quotation marks and white space at either end (nothing left: as it was).

    PolNeAR's contents include the quotation marks of a direct quote; corpus_kz's codebook leaves
    them out. :func:`score_brat` trims both sides this way before matching, so that the convention
    does not decide exact match. Marks inside the content (a partial quotation) stay.
    """
    frags = [list(f) for f in _fragments(content)]
    while frags:
        s, e = frags[0]
        while s < e and text[s] in _EDGE:
            s += 1
        if s < e:
            frags[0][0] = s
            break
        frags.pop(0)
    while frags:
        s, e = frags[-1]
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            frags[-1][1] = e
            break
        frags.pop()
    return [tuple(f) for f in frags] or [tuple(f) for f in _fragments(content)]


def _check_prediction(doc_id: str, text: str, predicted: object) -> list[dict]:
    if not isinstance(predicted, (list, tuple)):
        raise EvaluationError(f"{doc_id}: the predictor returned {type(predicted).__name__}; "
                              "expected a list of {'content': [(start, end), ...], 'cue': ..., 'source': ...}")
    out = []
    for k, a in enumerate(predicted):
        if not isinstance(a, Mapping) or "content" not in a:
            raise EvaluationError(f"{doc_id}: prediction {k} is {show(a)}; expected a mapping with 'content', 'cue', 'source'")
        entry = {}
        for part in _PARTS:
            value = a.get(part)
            if value is None and part != "content":
                entry[part] = None
                continue
            try:
                frags = [(int(s), int(e)) for s, e in value]
            except (TypeError, ValueError):
                frags = None
            if not frags or any(not 0 <= s < e <= len(text) for s, e in frags):
                raise EvaluationError(f"{doc_id}: prediction {k}, {part} {show(value)}; expected a non-empty list "
                                      f"of (start, end) with 0 <= start < end <= {len(text)}")
            entry[part] = frags
        out.append(entry)
    return out


def _key(part) -> Fragments | None:
    return None if part is None else _fragments(part)


def _overlapping(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return _shared(_fragments(a), _fragments(b)) > 0


def score_brat(directory: str | Path, predict: Callable[[str], list], thresholds: Sequence[float] = THRESHOLDS,
               trim: bool = True) -> dict:
    """Attribution extraction scored on a brat corpus (:func:`read_brat_attributions`), pooled over its documents.

    ``predict(text)`` returns the attributions it finds in a text, in the reader's shape (``content``
    required; ``cue`` and ``source`` lists of fragments or None). An attribution is found when its
    content matches a gold content at the level (exact, or :func:`overlap_ratio` at each threshold;
    a discontinuous gold content counts by its covered characters). With ``trim`` (the default),
    quotation marks and white space at either end of every content, gold and predicted, are not
    counted (:func:`trim_marks`). On those found: speaker
    accuracy (the source spans overlap, or neither has one) and cue accuracy (likewise), and recall
    of the gold contents with quotation marks (``direct``) and without (``indirect``,
    :func:`is_quoted`). The result has the shape of :func:`score`'s, with the one layer
    ``attributions`` (and ``per_document``), so :func:`score_table` prints it.
    """
    levels = _levels(thresholds)
    pooled: Counter = Counter()
    per_doc = {}
    docs = read_brat_attributions(directory)
    for doc_id, text, gold in docs:
        pred = _check_prediction(doc_id, text, predict(text))
        c: Counter = Counter()
        c[("attributions", "gold")] += len(gold)
        c[("attributions", "predicted")] += len(pred)
        kinds = ["direct" if is_quoted(text, a["content"]) else "indirect" for a in gold]
        gold_contents = [trim_marks(text, a["content"]) if trim else a["content"] for a in gold]
        pred_contents = [trim_marks(text, a["content"]) if trim else a["content"] for a in pred]
        # One content reported by two sources: pair each with the prediction that has its source and cue.
        keys = ([(_key(a["source"]), _key(a["cue"])) for a in gold],
                [(_key(a["source"]), _key(a["cue"])) for a in pred])
        c.update(("type", k) for k in kinds)
        for name, t in levels:
            pairs = match_at(gold_contents, pred_contents, t, keys)
            c[("attributions", name, "matched")] += len(pairs)
            for i, j in pairs:
                speaker = _overlapping(gold[i]["source"], pred[j]["source"])
                cue = _overlapping(gold[i]["cue"], pred[j]["cue"])
                c[("speaker", name)] += speaker
                c[("cue", name)] += cue
                c[("whole", name)] += speaker and cue
                c[("type", kinds[i], name)] += 1
        per_doc[doc_id] = _summarise(c, levels, ["attributions"], ("direct", "indirect"), False)
        pooled.update(c)
    return {"documents": [d for d, _, _ in docs], "thresholds": [t for _, t in levels[1:]],
            "overlap": OVERLAP + "; a discontinuous span counts by the characters it covers"
                       + ("; quotation marks and white space at either end of a content are not counted" if trim else ""),
            **_summarise(pooled, levels, ["attributions"], ("direct", "indirect"), False), "per_document": per_doc}


def attributions_of(doc: Document) -> list[dict]:
    """A document's attributions in the brat reader's shape, to score with :func:`score_brat`.

    corpus_kz records a quotation split around its cue ("…," he said. "…") as one quote per part,
    each with the same cue and source; PolNeAR-style corpora record one attribution whose content
    has several fragments. So attributions that share their cue and source spans become one, with a
    fragment per quote; every other attribution has one fragment per part.
    """
    out: list[dict] = []
    merged: dict[tuple, dict] = {}
    for a in doc.attributions:
        q = doc[a.quote_id]
        cue, source = a.cue and [(a.cue.start, a.cue.end)], a.source and [(a.source.start, a.source.end)]
        key = (a.cue and (a.cue.start, a.cue.end), a.source and (a.source.start, a.source.end))
        if a.cue is not None and key in merged:
            merged[key]["content"].append((q.start, q.end))
            continue
        entry = {"content": [(q.start, q.end)], "cue": cue, "source": source}
        if a.cue is not None:
            merged[key] = entry
        out.append(entry)
    return out


# -- the command -------------------------------------------------------------------------------

def _builder(name: str):
    """``build(training) -> predictor(text, meta)`` for ``--predictor``."""
    if name == "baseline":
        from ..annotate.baseline import build

        return build
    from ..annotate import build

    return build


def evaluate(path=None, predictor: str = "annotate", brat: str | Path | None = None,
             thresholds: Sequence[float] = THRESHOLDS) -> dict:
    """What ``corpus-kz evaluate`` computes: the corpus at ``path`` (default: bundled) scored
    leave-one-document-out, or with ``brat`` the attributions of that brat corpus.

    ``predictor`` is ``"annotate"`` (:mod:`corpus_kz.annotate`, the default; leave one out, its
    registry cut to the training documents) or ``"baseline"`` (:mod:`corpus_kz.annotate.baseline`). Documents without annotations
    are not scored: they have no gold to score against. A brat corpus has no metadata: there ``annotate`` is called as
    ``annotate(text, {})`` and its attributions read with :func:`attributions_of`.
    """
    if brat is not None:
        if predictor == "baseline":
            from ..annotate.baseline import predict_attributions

            return score_brat(brat, predict_attributions, thresholds)
        build = _builder(predictor)
        annotate = build(())
        return score_brat(brat, lambda text: attributions_of(annotate(text, {})), thresholds)
    from ..storage import load

    from ..corpus import Corpus

    loaded = load(path)
    corpus = Corpus([d for d in loaded if d.annotated], loaded.registry,
                    loaded.path)
    if not len(corpus):
        raise EvaluationError(f"{loaded.path}: no document has annotations to score against")
    return score(corpus, leave_one_out(corpus, _builder(predictor)), thresholds)


def add_arguments(parser) -> None:
    """The arguments of ``evaluate``, for :mod:`corpus_kz.cli`."""
    parser.add_argument("path", nargs="?", metavar="PATH", help="a corpus directory (default: the bundled corpus)")
    parser.add_argument("--brat", metavar="DIR", help="score attribution extraction on a brat corpus instead "
                        "(Source, Cue and Content spans joined by Attribution events)")
    parser.add_argument("--predictor", choices=("annotate", "baseline"), default="annotate",
                        help="corpus_kz.annotate, the pre-annotator (default), or the quote-marks baseline")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON instead of Markdown")


def command(args) -> int:
    """Run ``evaluate`` from parsed arguments; print the table (or JSON); 0, or 1 with a message on a user's error."""
    import json
    import sys

    try:
        result = evaluate(args.path, args.predictor, args.brat)
    except CorpusError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return 1
    except EvaluationError as exc:
        print(f"corpus-kz evaluate: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        where = f"brat corpus {args.brat}" if args.brat else "the corpus, leave one document out"
        n = len(result["documents"])
        print(f"{args.predictor} on {where} ({n} document{'s' * (n != 1)})\n")
        print(score_table(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m corpus_kz.scoring.evaluate [PATH] [--brat DIR] [--predictor annotate|baseline] [--json]``."""
    import argparse

    p = argparse.ArgumentParser(prog="corpus-kz evaluate", description="score predicted annotations against the gold")
    add_arguments(p)
    return command(p.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
