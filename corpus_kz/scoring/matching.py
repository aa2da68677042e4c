"""Matching spans: which record of one annotation is which of another, at exact match or an overlap threshold.

One matcher serves agreement between annotators, evaluation against the gold
and the report. Spans are half-open ``[start, end)`` :class:`~corpus_kz.span.Span`
records, or lists of ``(start, end)`` fragments (a discontinuous span, counted
by the characters it covers).

**Overlap.** Two spans match at threshold ``t`` when

    shared characters / max(len(a), len(b)) >= t

Dividing by the longer span makes the ratio symmetric: it is the smaller of
the two coverages, so a match covers at least ``t`` of each side. At ``t = 1``
it is exact match; at :data:`ANY_OVERLAP` (0) any shared character will do.
Matching is one to one: exact pairs first (the same characters), then, among
the pairs that reach ``t``, greedily by the largest number of shared
characters; records that share a span are paired with the one that has the
same labels first.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..span import Span

__all__ = ["ANY_OVERLAP", "OVERLAP", "Fragments", "fragments", "match", "overlap_ratio", "shared"]

#: The threshold at which any shared character makes a match (agreement's "overlap").
ANY_OVERLAP = 0.0

#: The overlap rule, as results state it.
OVERLAP = ("shared characters / max(len(gold), len(predicted)) >= t; one to one, exact pairs first, "
           "then greedily by the most shared characters")

Fragments = tuple[tuple[int, int], ...]


def fragments(span) -> Fragments:
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


def shared(a: Fragments, b: Fragments) -> int:
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
    g, p = fragments(gold), fragments(predicted)
    longest = max(_size(g), _size(p))
    return shared(g, p) / longest if longest else 0.0


def _reaches(common: int, longest: int, threshold: float) -> bool:
    # 0.3 * 10 is 3.0000000000000004 in floating point: compare with a little room.
    return longest > 0 and common / longest >= threshold - 1e-9


def match(gold: Sequence, predicted: Sequence, threshold: float | None = None,
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
    gf, pf = [fragments(s) for s in gold], [fragments(s) for s in predicted]
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
            common = shared(g, p)
            if common and _reaches(common, max(sizes_g[i], sizes_p[j]), threshold):
                candidates.append((-common, ka[i] != kb[j], i, j))
    pairs = list(exact)
    for _, _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return pairs
