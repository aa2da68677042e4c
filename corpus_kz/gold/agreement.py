"""Inter-annotator agreement between two annotation passes, and scoring against gold.

Span layers are compared by F1 at exact match (same ``[start, end)``) and at
overlap match (one-to-one, greedily by largest overlap). Labels, speakers
and stances are compared on the overlap-matched pairs with Cohen's kappa,
and span extents per token with Krippendorff's alpha (nominal), as PolNeAR
reports for attribution. The same functions score a pre-annotator against
the gold.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import _layer_records, bundled_path, entity_records
from .errors import CorpusError, Problem
from .layers import Attribution, Entity
from .span import Span


# -- metrics ---------------------------------------------------------------

def cohen_kappa(a: list, b: list) -> float | None:
    """Cohen's kappa of two equally long label lists; None when there are none."""
    if len(a) != len(b):
        raise ValueError(f"kappa needs paired labels, got {len(a)} and {len(b)}")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha_nominal(a: list, b: list) -> float | None:
    """Krippendorff's alpha for two coders, nominal data, no missing values."""
    if len(a) != len(b):
        raise ValueError(f"alpha needs paired labels, got {len(a)} and {len(b)}")
    if not a:
        return None
    pairs = Counter()
    for x, y in zip(a, b):
        pairs[(x, y)] += 1
        pairs[(y, x)] += 1
    n = 2 * len(a)
    totals = Counter()
    for (x, _), c in pairs.items():
        totals[x] += c
    d_o = sum(c for (x, y), c in pairs.items() if x != y) / n
    d_e = sum(totals[x] * totals[y] for x in totals for y in totals if x != y) / (n * (n - 1))
    if d_e == 0:
        return 1.0
    return 1 - d_o / d_e


def match_spans(gold: list[Span], other: list[Span]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Exact and overlap matchings between two span lists, as index pairs.

    Exact pairs share ``[start, end)``; overlap pairs are one-to-one, chosen
    greedily by the largest shared character count (exact pairs first).
    """
    exact, used_g, used_o = [], set(), set()
    where = {}
    for j, s in enumerate(other):
        where.setdefault((s.start, s.end), []).append(j)
    for i, s in enumerate(gold):
        for j in where.get((s.start, s.end), []):
            if j not in used_o:
                exact.append((i, j))
                used_g.add(i)
                used_o.add(j)
                break
    candidates = []
    for i, g in enumerate(gold):
        if i in used_g:
            continue
        for j, o in enumerate(other):
            if j not in used_o and g.overlaps(o):
                candidates.append((min(g.end, o.end) - max(g.start, o.start), i, j))
    overlap = list(exact)
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_o:
            overlap.append((i, j))
            used_g.add(i)
            used_o.add(j)
    return exact, overlap


def f1(matched: int, n_a: int, n_b: int) -> float | None:
    return None if n_a + n_b == 0 else 2 * matched / (n_a + n_b)


# -- passes ----------------------------------------------------------------

@dataclass
class Annotation:
    """One annotator's records for one document (a pass file or a gold file)."""

    doc_id: str
    text: str
    layers: dict[str, list]
    entities: dict[str, Entity] = field(default_factory=dict)

    def speaker_key(self, a: Attribution, canon: dict[str, str]) -> str:
        if a.speaker_id is not None:
            return canon.get(a.speaker_id, a.speaker_id)
        if a.source is None:
            return "<none>"
        return f"{a.speaker_role}:{a.source.text.lower()}"

    def agent_key(self, ref: str, canon: dict[str, str]) -> str:
        for a in self.layers["attributions"]:
            if a.id == ref:
                return self.speaker_key(a, canon)
        return canon.get(ref, ref)


def read_annotation(path: Path, text: str, registry: dict[str, Entity] | None = None) -> Annotation:
    """Read a pass or gold file; pass files carry their own ``entities``."""
    problems: list[Problem] = []
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorpusError([Problem(str(path), None, None, f"unreadable ({exc})", "a JSON annotation file")]) from None
    from .layers import LAYERS

    layers = {layer: _layer_records(str(path), layer, data.get(layer, []), problems) for layer in LAYERS}
    entities = dict(registry or {})
    entities.update(entity_records(str(path), data.get("entities", []), problems))
    if problems:
        raise CorpusError(problems)
    return Annotation(data.get("doc_id", Path(path).stem), text, layers, entities)


def entity_alignment(a: Annotation, b: Annotation) -> dict[str, str]:
    """Map b's entity ids onto a's where they share an id, or an alias with the same label."""
    canon = {}
    alias_to_a = {}
    for e in a.entities.values():
        for alias in (*e.aliases, e.name):
            alias_to_a.setdefault((alias.lower(), e.label), e.entity_id)
    for e in b.entities.values():
        if e.entity_id in a.entities:
            canon[e.entity_id] = e.entity_id
            continue
        for alias in (*e.aliases, e.name):
            hit = alias_to_a.get((alias.lower(), e.label))
            if hit:
                canon[e.entity_id] = hit
                break
    return canon


def _tokens_labels(text: str, spans: list, label) -> list:
    from .segment import tokens

    toks = tokens(text)
    out = ["O"] * len(toks)
    starts = [t.start for t in toks]
    from bisect import bisect_left

    for s in spans:
        i = bisect_left(starts, s.start)
        while i < len(toks) and toks[i].start < s.end:
            if toks[i].end > s.start:
                out[i] = label(s)
            i += 1
    return out


#: Per layer: the labels compared on matched pairs (a function of the record).
_LABELS = {
    "zones": {"zone": lambda r, ann, canon: r.zone},
    "mentions": {"label": lambda r, ann, canon: r.label, "entity": lambda r, ann, canon: canon.get(r.entity_id, r.entity_id)},
    "quotes": {"type": lambda r, ann, canon: r.type,
               "speaker": lambda r, ann, canon: next((ann.speaker_key(a, canon) for a in ann.layers["attributions"] if a.quote_id == r.id), "<none>")},
    "figures": {"quantity": lambda r, ann, canon: r.quantity, "unit": lambda r, ann, canon: r.unit,
                "qualifier": lambda r, ann, canon: r.qualifier, "event": lambda r, ann, canon: r.event,
                "value": lambda r, ann, canon: r.value, "source": lambda r, ann, canon: ann.agent_key(r.source, canon)},
    "frames": {"frame": lambda r, ann, canon: r.frame, "stance": lambda r, ann, canon: r.stance,
               "holder": lambda r, ann, canon: ann.agent_key(r.holder, canon)},
}

_TOKEN_LABEL = {
    "zones": lambda r: r.zone,
    "mentions": lambda r: r.label,
    "quotes": lambda r: "QUOTE",
    "figures": lambda r: "FIGURE",
    "frames": lambda r: r.frame,
}


@dataclass
class LayerScore:
    n_a: int = 0
    n_b: int = 0
    exact: int = 0
    overlap: int = 0
    pairs: dict[str, tuple[list, list]] = field(default_factory=dict)
    tokens: tuple[list, list] = field(default_factory=lambda: ([], []))

    def add(self, other: "LayerScore") -> None:
        self.n_a += other.n_a
        self.n_b += other.n_b
        self.exact += other.exact
        self.overlap += other.overlap
        for k, (x, y) in other.pairs.items():
            px, py = self.pairs.setdefault(k, ([], []))
            px += x
            py += y
        self.tokens[0].extend(other.tokens[0])
        self.tokens[1].extend(other.tokens[1])

    def summary(self) -> dict:
        out = {"n_a": self.n_a, "n_b": self.n_b, "f1_exact": f1(self.exact, self.n_a, self.n_b),
               "f1_overlap": f1(self.overlap, self.n_a, self.n_b),
               "token_alpha": krippendorff_alpha_nominal(*self.tokens)}
        for k, (x, y) in self.pairs.items():
            out[f"{k}_agreement"] = (sum(p == q for p, q in zip(x, y)) / len(x)) if x else None
            out[f"{k}_kappa"] = cohen_kappa(x, y)
        return out


def compare(a: Annotation, b: Annotation) -> dict[str, LayerScore]:
    """Agreement of ``b`` with ``a`` for every span layer, and for attribution cues and sources."""
    canon = entity_alignment(a, b)
    ident = {k: k for k in a.entities}
    scores: dict[str, LayerScore] = {}
    for layer, labels in _LABELS.items():
        ra, rb = a.layers[layer], b.layers[layer]
        exact, overlap = match_spans(ra, rb)
        score = LayerScore(len(ra), len(rb), len(exact), len(overlap))
        for name, fn in labels.items():
            score.pairs[name] = ([fn(ra[i], a, ident) for i, _ in overlap], [fn(rb[j], b, canon) for _, j in overlap])
        score.tokens = (_tokens_labels(a.text, ra, _TOKEN_LABEL[layer]), _tokens_labels(b.text, rb, _TOKEN_LABEL[layer]))
        scores[layer] = score
    # Cues and sources of the attributions of matched quotes: the attribution-wise agreement.
    qa, qb = a.layers["quotes"], b.layers["quotes"]
    _, qpairs = match_spans(qa, qb)
    att_a = {x.quote_id: x for x in a.layers["attributions"]}
    att_b = {x.quote_id: x for x in b.layers["attributions"]}
    # PolNeAR-style attribution-wise agreement: the same quote (overlap), the same speaker, overlapping cues.
    canon_ident = {k: k for k in a.entities}
    whole = 0
    for i, j in qpairs:
        x, y = att_a.get(qa[i].id), att_b.get(qb[j].id)
        if x is None or y is None:
            continue
        same_cue = (x.cue is None and y.cue is None) or (x.cue is not None and y.cue is not None and x.cue.overlaps(y.cue))
        if same_cue and a.speaker_key(x, canon_ident) == b.speaker_key(y, canon):
            whole += 1
    scores["attributions"] = LayerScore(len(qa), len(qb), whole, whole)
    for part in ("cue", "source"):
        sa = [getattr(att_a[q.id], part) for q in qa if q.id in att_a and getattr(att_a[q.id], part) is not None]
        sb = [getattr(att_b[q.id], part) for q in qb if q.id in att_b and getattr(att_b[q.id], part) is not None]
        exact, overlap = match_spans(sa, sb)
        scores[f"attribution_{part}"] = LayerScore(len(sa), len(sb), len(exact), len(overlap))
    return scores


def compare_passes(passes_dir: Path | None = None, first: str = "pass1", second: str = "pass2",
                   corpus_dir: Path | None = None) -> tuple[dict[str, dict[str, LayerScore]], dict[str, LayerScore]]:
    """Per-document and pooled scores of two passes over every document both annotated."""
    root = Path(corpus_dir) if corpus_dir is not None else bundled_path()
    passes = Path(passes_dir) if passes_dir is not None else root / "annotations" / "passes"
    manifest = json.loads((root / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    per_doc: dict[str, dict[str, LayerScore]] = {}
    pooled: dict[str, LayerScore] = {}
    for entry in manifest:
        fa, fb = passes / first / f"{entry['doc_id']}.json", passes / second / f"{entry['doc_id']}.json"
        if not (fa.exists() and fb.exists()):
            continue
        text = (root / "seeds" / entry["seed_file"]).read_bytes().decode("utf-8")
        scores = compare(read_annotation(fa, text), read_annotation(fb, text))
        per_doc[entry["doc_id"]] = scores
        for layer, s in scores.items():
            pooled.setdefault(layer, LayerScore()).add(s)
    return per_doc, pooled


def _fmt(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def agreement_table(pooled: dict[str, LayerScore]) -> str:
    """A markdown table of pooled agreement per layer."""
    lines = ["| layer | pass 1 | pass 2 | F1 exact | F1 overlap | token α | label agreement (κ) on matched pairs |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for layer, score in pooled.items():
        s = score.summary()
        labels = "; ".join(f"{k}: {_fmt(s[f'{k}_agreement'])} ({_fmt(s[f'{k}_kappa'])})" for k in score.pairs)
        alpha = _fmt(s["token_alpha"]) if layer in _TOKEN_LABEL else "–"
        lines.append(f"| {layer} | {s['n_a']} | {s['n_b']} | {_fmt(s['f1_exact'])} | {_fmt(s['f1_overlap'])} | {alpha} | {labels or '–'} |")
    return "\n".join(lines)


def agreement_summary(passes_dir=None, first: str = "pass1", second: str = "pass2", corpus_dir=None) -> dict:
    """Pooled and per-document agreement as plain data (what ``annotations/agreement.json`` holds)."""
    per_doc, pooled = compare_passes(passes_dir, first, second, corpus_dir)

    def rounded(summary: dict) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in summary.items()}

    return {"first": first, "second": second, "documents": list(per_doc),
            "pooled": {layer: rounded(s.summary()) for layer, s in pooled.items()},
            "per_document": {doc: {layer: rounded(s.summary()) for layer, s in scores.items()}
                             for doc, scores in per_doc.items()}}


def agreement_report(passes_dir=None, first: str = "pass1", second: str = "pass2") -> str:
    per_doc, pooled = compare_passes(passes_dir, first, second)
    if not per_doc:
        return "no document has both passes"
    out = [f"Agreement of {second} with {first} over {len(per_doc)} documents ({', '.join(per_doc)}):", "",
           agreement_table(pooled)]
    return "\n".join(out)


def disagreements(a: Annotation, b: Annotation) -> list[str]:
    """Every difference between two annotations of one document, one line each, for adjudication."""
    from .adjudicate import disagreement_keys

    canon = entity_alignment(a, b)
    ident = {k: k for k in a.entities}

    def show(r) -> str:
        return f"{r.id} [{r.start},{r.end}) {r.text[:90]!r}"

    lines = []
    for key, (kind, layer, i, j) in disagreement_keys(a, b).items():
        if kind == "a":
            lines.append(f"{key}: only in A: {show(a.layers[layer][i])}")
        elif kind == "b":
            lines.append(f"{key}: only in B: {show(b.layers[layer][j])}")
        elif kind == "pair":
            x, y = a.layers[layer][i], b.layers[layer][j]
            diffs = [] if (x.start, x.end) == (y.start, y.end) else [f"extent A {show(x)} vs B {show(y)}"]
            diffs += [f"{name}: A={fn(x, a, ident)!r} B={fn(y, b, canon)!r}" for name, fn in _LABELS[layer].items()
                      if fn(x, a, ident) != fn(y, b, canon)]
            lines.append(f"{key}: " + "; ".join(diffs))
        else:
            qa, qb = a.layers["quotes"][i], b.layers["quotes"][j]
            sx = getattr(next(t for t in a.layers["attributions"] if t.quote_id == qa.id), layer)
            sy = getattr(next(t for t in b.layers["attributions"] if t.quote_id == qb.id), layer)
            lines.append(f"{key}: A={sx and (sx.start, sx.end, sx.text)} B={sy and (sy.start, sy.end, sy.text)}")
    return lines
