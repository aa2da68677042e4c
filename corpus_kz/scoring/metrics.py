"""The measures: F1 of matched records, Cohen's κ and Krippendorff's α (nominal) of paired labels."""

from __future__ import annotations

from collections import Counter

__all__ = ["cohen_kappa", "f1", "krippendorff_alpha_nominal", "ratio"]


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


def f1(matched: int, n_a: int, n_b: int) -> float | None:
    """F1 of ``matched`` pairs between ``n_a`` and ``n_b`` records; None when both are empty."""
    return None if n_a + n_b == 0 else 2 * matched / (n_a + n_b)


def ratio(n: int, d: int) -> float | None:
    """``n / d``, or None when ``d`` is 0 (nothing to measure)."""
    return n / d if d else None
