"""Agreement between two annotations of one document: matched records, their labels, κ and α.

Span layers are compared by F1 at exact match (same ``[start, end)``) and at
overlap (any shared character; one to one, greedily by the largest overlap:
:func:`corpus_kz.scoring.matching.match`). Labels, speakers and stances are
compared on the overlap-matched pairs with Cohen's κ, and span extents per
token with Krippendorff's α (nominal), as PolNeAR reports for attribution.
The same functions pair a prediction with the gold (:mod:`.evaluate`) and two
annotation passes (:mod:`corpus_kz.gold.passes`).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Attribution
from .matching import ANY_OVERLAP, match
from .metrics import cohen_kappa, f1, krippendorff_alpha_nominal

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["LABELS", "LayerScore", "agent_key", "attribution_pairs", "compare", "disagreement_keys", "disagreements",
           "entity_alignment", "match_spans", "record_labels", "speaker_key"]


def match_spans(a: list, b: list, keys: tuple[list, list] | None = None
                ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Exact and overlap matchings between two span lists, as index pairs (:func:`~.matching.match`)."""
    return match(a, b, None, keys), match(a, b, ANY_OVERLAP, keys)


def speaker_key(doc: Document, a: Attribution, canon: dict[str, str]) -> str:
    """Who an attribution names, comparable across annotators: an entity id (aligned), or role and words."""
    if a.speaker_id is not None:
        return canon.get(a.speaker_id, a.speaker_id)
    if a.source is None:
        return "<none>"
    return f"{a.speaker_role}:{a.source.text.lower()}"


def agent_key(doc: Document, ref: str, canon: dict[str, str]) -> str:
    """A figure source or frame holder, comparable across annotators."""
    record = doc.get(ref)
    if isinstance(record, Attribution):
        return speaker_key(doc, record, canon)
    return canon.get(ref, ref)


def entity_alignment(a: Document, b: Document) -> dict[str, str]:
    """Map b's entity ids onto a's where they share an id, or an alias with the same label."""
    canon = {}
    alias_to_a = {}
    for e in a.registry.values():
        for alias in (*e.aliases, e.name):
            alias_to_a.setdefault((alias.lower(), e.label), e.entity_id)
    for e in b.registry.values():
        if e.entity_id in a.registry:
            canon[e.entity_id] = e.entity_id
            continue
        for alias in (*e.aliases, e.name):
            hit = alias_to_a.get((alias.lower(), e.label))
            if hit:
                canon[e.entity_id] = hit
                break
    return canon


def _tokens_labels(doc: Document, spans: list, label) -> list:
    toks = doc.tokens
    out = ["O"] * len(toks)
    starts = [t.start for t in toks]
    for s in spans:
        i = bisect_left(starts, s.start)
        while i < len(toks) and toks[i].start < s.end:
            if toks[i].end > s.start:
                out[i] = label(s)
            i += 1
    return out


def _speaker_of_quote(r, doc: Document, canon: dict[str, str]) -> str:
    return speaker_key(doc, doc.attribution(r), canon)


#: Per layer: the labels compared on matched pairs (a function of the record, its document and the alignment).
LABELS = {
    "zones": {"zone": lambda r, doc, canon: r.zone},
    "mentions": {"label": lambda r, doc, canon: r.label,
                 "entity": lambda r, doc, canon: canon.get(r.entity_id, r.entity_id),
                 "form": lambda r, doc, canon: r.form},
    "quotes": {"type": lambda r, doc, canon: r.type, "speaker": _speaker_of_quote,
               "act": lambda r, doc, canon: doc.attribution(r).act},
    "figures": {"quantity": lambda r, doc, canon: r.quantity, "unit": lambda r, doc, canon: r.unit,
                "qualifier": lambda r, doc, canon: r.qualifier, "event": lambda r, doc, canon: r.event,
                "value": lambda r, doc, canon: r.value,
                "source": lambda r, doc, canon: agent_key(doc, r.source, canon)},
    "frames": {"frame": lambda r, doc, canon: r.frame, "stance": lambda r, doc, canon: r.stance,
               "holder": lambda r, doc, canon: agent_key(doc, r.holder, canon),
               "aspect": lambda r, doc, canon: r.aspect},
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

    def add(self, other: LayerScore) -> None:
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


def record_labels(layer: str, records: list, doc: Document, canon: dict[str, str]) -> list[tuple]:
    """Each record's labels, to pair records that share a span with their like (see :func:`match_spans`)."""
    return [tuple(fn(r, doc, canon) for fn in LABELS[layer].values()) for r in records]


def attribution_pairs(a: Document, b: Document) -> list[tuple[int, int, Attribution, Attribution]]:
    """Quotes matched by overlap, with the attribution of each side (a loaded document has one per quote)."""
    canon, ident = entity_alignment(a, b), {k: k for k in a.registry}
    qa, qb = list(a.quotes), list(b.quotes)
    _, qpairs = match_spans(qa, qb, (record_labels("quotes", qa, a, ident), record_labels("quotes", qb, b, canon)))
    return [(i, j, a.attribution(a.quotes[i]), b.attribution(b.quotes[j])) for i, j in qpairs]


def _matched_layers(a: Document, b: Document):
    """Per span layer: its labels, both record lists, and their exact and overlap matchings."""
    canon, ident = entity_alignment(a, b), {k: k for k in a.registry}
    for layer, labels in LABELS.items():
        ra, rb = list(getattr(a, layer)), list(getattr(b, layer))
        keys = (record_labels(layer, ra, a, ident), record_labels(layer, rb, b, canon))
        yield (layer, labels, ra, rb, *match_spans(ra, rb, keys))


def compare(a: Document, b: Document) -> dict[str, LayerScore]:
    """Agreement of ``b`` with ``a`` for every span layer, and for attribution cues and sources."""
    canon = entity_alignment(a, b)
    ident = {k: k for k in a.registry}
    scores: dict[str, LayerScore] = {}
    for layer, labels, ra, rb, exact, overlap in _matched_layers(a, b):
        score = LayerScore(len(ra), len(rb), len(exact), len(overlap))
        for name, fn in labels.items():
            score.pairs[name] = ([fn(ra[i], a, ident) for i, _ in overlap], [fn(rb[j], b, canon) for _, j in overlap])
        score.tokens = (_tokens_labels(a, ra, _TOKEN_LABEL[layer]), _tokens_labels(b, rb, _TOKEN_LABEL[layer]))
        scores[layer] = score
    # PolNeAR-style attribution-wise agreement: the same quote (overlap), the same speaker, overlapping cues.
    whole = 0
    for _, _, x, y in attribution_pairs(a, b):
        same_cue = (x.cue is None and y.cue is None) or (x.cue is not None and y.cue is not None and x.cue.overlaps(y.cue))
        if same_cue and speaker_key(a, x, ident) == speaker_key(b, y, canon):
            whole += 1
    scores["attributions"] = LayerScore(len(a.quotes), len(b.quotes), whole, whole)
    for part in ("cue", "source"):
        sa = [span for q in a.quotes if (span := getattr(a.attribution(q), part)) is not None]
        sb = [span for q in b.quotes if (span := getattr(b.attribution(q), part)) is not None]
        exact, overlap = match_spans(sa, sb)
        scores[f"attribution_{part}"] = LayerScore(len(sa), len(sb), len(exact), len(overlap))
    return scores


def disagreement_keys(a: Document, b: Document) -> dict[str, tuple]:
    """Every disagreement as a stable key -> (kind, layer, a-index, b-index); what adjudication decides."""
    canon = entity_alignment(a, b)
    ident = {k: k for k in a.registry}
    keys: dict[str, tuple] = {}
    for layer, labels, ra, rb, exact, overlap in _matched_layers(a, b):
        exact_set = set(exact)
        for i, j in overlap:
            differs = (i, j) not in exact_set or any(fn(ra[i], a, ident) != fn(rb[j], b, canon) for fn in labels.values())
            if differs:
                keys[f"{layer} {ra[i].id}/{rb[j].id}"] = ("pair", layer, i, j)
        done_a, done_b = {i for i, _ in overlap}, {j for _, j in overlap}
        keys.update({f"{layer} A:{r.id}": ("a", layer, i, None) for i, r in enumerate(ra) if i not in done_a})
        keys.update({f"{layer} B:{r.id}": ("b", layer, None, j) for j, r in enumerate(rb) if j not in done_b})
    for i, j, x, y in attribution_pairs(a, b):
        for part in ("cue", "source"):
            sx, sy = getattr(x, part), getattr(y, part)
            if (sx and (sx.start, sx.end)) != (sy and (sy.start, sy.end)):
                keys[f"attribution {part} {a.quotes[i].id}/{b.quotes[j].id}"] = ("att", part, i, j)
    return keys


def disagreements(a: Document, b: Document) -> list[str]:
    """Every difference between two annotations of one document, one line each, for adjudication."""
    canon = entity_alignment(a, b)
    ident = {k: k for k in a.registry}

    def show(r) -> str:
        return f"{r.id} [{r.start},{r.end}) {r.text[:90]!r}"

    lines = []
    for key, (kind, layer, i, j) in disagreement_keys(a, b).items():
        if kind == "a":
            lines.append(f"{key}: only in A: {show(getattr(a, layer)[i])}")
        elif kind == "b":
            lines.append(f"{key}: only in B: {show(getattr(b, layer)[j])}")
        elif kind == "pair":
            x, y = getattr(a, layer)[i], getattr(b, layer)[j]
            diffs = [] if (x.start, x.end) == (y.start, y.end) else [f"extent A {show(x)} vs B {show(y)}"]
            diffs += [f"{name}: A={fn(x, a, ident)!r} B={fn(y, b, canon)!r}" for name, fn in LABELS[layer].items()
                      if fn(x, a, ident) != fn(y, b, canon)]
            lines.append(f"{key}: " + "; ".join(diffs))
        else:
            sx = getattr(a.attribution(a.quotes[i]), layer)
            sy = getattr(b.attribution(b.quotes[j]), layer)
            lines.append(f"{key}: A={sx and (sx.start, sx.end, sx.text)} B={sy and (sy.start, sy.end, sy.text)}")
    return lines
