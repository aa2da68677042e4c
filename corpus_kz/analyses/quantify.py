"""Counts of predicted records corrected for the pre-annotator's measured error, with a bootstrap interval.

A corpus grown with :func:`corpus_kz.annotate.annotate_corpus` is counted from
predictions: records the pre-annotator found that are not there (false
positives), records it missed (false negatives), and records it put in the
wrong class (a speaker given the wrong role). This module corrects a count per
class by the adjusted classify-and-count of the quantification literature
(Forman 2008), in its precision/recall form:

    corrected count of class c = predicted count of c × precision_c / recall_c

Of the n_c records predicted as c, about precision_c · n_c are right, and those
are recall_c of the records of class c there are. Forman's binary form,
(observed rate − fpr) / (tpr − fpr), needs a false-positive *rate*, a share of
the negatives; span extraction has no countable negatives (every span of text
not quoted would be one), so the form that needs only tp, fp and fn is used.
Its assumption is that precision and recall measured on the gold hold for the
new corpus: a corpus whose mix of classes is far from the gold's moves
precision, and the correction with it. precision_c / recall_c equals
(tp_c + fn_c) / (tp_c + fp_c), the gold's count of c over the predictions' in
the evaluation, and is computed in that form so that it stays defined for a
class with no true positive. A class never predicted in the evaluation has
no factor of its own and takes the factor of all its classes pooled
(``correction == "pooled"``).

Precision and recall per class come from ``corpus_kz/fitted/quality.json``
(:mod:`corpus_kz.scoring.quality`: the gold, leave one document out, matched at
0.3 overlap), with the tp, fp and fn of every evaluation document. Gold records
are counted as they are.

The interval is a percentile bootstrap that resamples both sources of error at
once: the corpus's documents (within each group of ``by``, whose sizes are fixed
by the corpus) and the evaluation's documents (their tp, fp and fn), drawn
``resamples`` times from a generator seeded with ``seed``, in numpy arrays,
without a Python loop per resample or per record.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from .. import fitted
from .common import GROUPS, SHARE_PREDICTED, groups, is_predicted, view

__all__ = ["DIMENSIONS", "COVERAGE", "RESAMPLES", "corrected_counts", "corrected_view", "quality_arrays"]

#: The classes a count can be corrected per, and the layer whose records they sort.
DIMENSIONS = {"speaker_role": "attributions", "frame": "frames", "holder_role": "frames"}
#: Bootstrap resamples by default.
RESAMPLES = 1000
#: The interval's coverage by default: from the 2.5th to the 97.5th percentile.
COVERAGE = 0.95
#: The most floating-point numbers one block of resamples holds at once (about 32 MB).
_BLOCK = 4_000_000


def quality_arrays(table: Mapping, dimension: str, classes: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The evaluation's per-document tp, fp and fn of ``dimension``: documents × (``classes`` and, last, all the
    classes it measured together); 0 for a class it never saw."""
    try:
        entry = table["dimensions"][dimension]
        known = list(entry["classes"])
        per_doc = entry["per_document"]
        n = len(per_doc["documents"])
    except (KeyError, TypeError):
        raise ValueError(f"the quality table has no dimension {dimension!r} with classes and per_document counts; "
                         f"expected one of {', '.join(DIMENSIONS)} (run `corpus-kz quality --write`)") from None
    if not n:
        raise ValueError(f"the quality table's {dimension!r} was measured on no document; expected the tp, fp and fn "
                         "of at least one evaluation document (run `corpus-kz quality --write`)")
    at = [known.index(c) if c in known else len(known) for c in classes] + [len(known) + 1]
    out = []
    for part in ("tp", "fp", "fn"):
        m = np.asarray(per_doc.get(part, ()), dtype=np.float64)
        if m.shape != (n, len(known)):
            raise ValueError(f"the quality table's {dimension!r} {part} is {m.shape[0] if m.ndim else 0} rows of "
                             f"{m.shape[1] if m.ndim == 2 else '?'} counts; expected {n} rows (its documents) of "
                             f"{len(known)} (its classes)")
        # Beside the known classes: a column of zeros (a class never seen), then their sum.
        m = np.concatenate([m, np.zeros((n, 1)), m.sum(axis=1, keepdims=True)], axis=1)
        out.append(m[:, at])
    return out[0], out[1], out[2]


def _factors(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """precision / recall per class, as (tp + fn) / (tp + fp), over the last axis, whose last entry is all classes
    together: their factor serves a class with no prediction. Also whether each class had its own."""
    gold, pred = tp + fn, tp + fp
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = gold / pred
    own = pred[..., :-1] > 0
    return np.where(own, ratio[..., :-1], ratio[..., -1:]), own


def _document_counts(records: pd.DataFrame, doc_index: pd.Index, column: str, classes: list[str]) -> np.ndarray:
    """Gold then predicted records per document and class: documents × (2 · classes)."""
    d = doc_index.get_indexer(records["doc_id"])
    if (d < 0).any():
        raise ValueError("records of documents the corpus does not list: "
                         + ", ".join(map(str, records["doc_id"][d < 0].unique()[:5])))
    k = pd.Index(classes).get_indexer(records[column].astype(str))
    k = k + len(classes) * is_predicted(records).to_numpy()
    flat = np.bincount(d * 2 * len(classes) + k, minlength=len(doc_index) * 2 * len(classes))
    return flat.reshape(len(doc_index), 2 * len(classes)).astype(np.float64)


def _resampled_sums(m: np.ndarray, starts: np.ndarray, sizes: np.ndarray, rng: np.random.Generator,
                    resamples: int) -> np.ndarray:
    """Per resample, the sum of ``m``'s rows over each group's documents drawn with replacement within the group.

    ``m`` is documents × columns, its rows sorted by group (group g's rows from ``starts[g]``, ``sizes[g]`` of
    them). Returns resamples × groups × columns. Only ``m``'s non-zero cells are weighted (a document counts
    a few classes of many), a block of resamples at a time to bound memory: the work is resamples × (documents
    + non-zero cells), in numpy, with no Python loop over documents or records.
    """
    n_docs, n_cols, n_groups = m.shape[0], m.shape[1], len(sizes)
    group_of = np.repeat(np.arange(n_groups), sizes)
    base, size = starts[group_of], sizes[group_of]
    rows, cols = np.nonzero(m)
    values, cells = m[rows, cols], group_of[rows] * n_cols + cols
    block = max(1, min(resamples, _BLOCK // max(1, n_docs + len(rows))))
    out = []
    for first in range(0, resamples, block):
        n = min(block, resamples - first)
        drawn = base + np.floor(rng.random((n, n_docs)) * size).astype(np.int64)
        offset = np.arange(n)[:, None]
        times = np.bincount((offset * n_docs + drawn).ravel(), minlength=n * n_docs).reshape(n, n_docs)
        at = (offset * (n_groups * n_cols) + cells).ravel()
        out.append(np.bincount(at, weights=(times[:, rows] * values).ravel(),
                               minlength=n * n_groups * n_cols).reshape(n, n_groups, n_cols))
    return np.concatenate(out) if out else np.zeros((0, n_groups, n_cols))


def _percentiles(x: np.ndarray, coverage: float) -> tuple[np.ndarray, np.ndarray]:
    """The (1 - coverage) / 2 and (1 + coverage) / 2 quantiles over the first axis, leaving NaN out (a resample
    with no factor); NaN where every resample is. numpy's linear rule, on one sort: np.nanpercentile would
    loop in Python over the cells."""
    x = np.sort(x, axis=0)  # NaN sort last
    valid = (~np.isnan(x)).sum(axis=0)
    out = []
    for q in ((1 - coverage) / 2, (1 + coverage) / 2):
        at = q * np.maximum(valid - 1, 0)
        lo = np.floor(at).astype(np.int64)
        hi = np.minimum(lo + 1, np.maximum(valid - 1, 0))
        frac = at - lo
        below = np.take_along_axis(x, lo[None], axis=0)[0]
        above = np.take_along_axis(x, hi[None], axis=0)[0]
        out.append(np.where(valid > 0, below + (above - below) * frac, np.nan))
    return out[0], out[1]


def _intervals(counts: np.ndarray, sizes: np.ndarray, boot_factor: np.ndarray, rng: np.random.Generator,
               coverage: float) -> tuple[np.ndarray, ...]:
    """The bootstrap intervals of every group's corrected counts and shares: low, high, share_low, share_high,
    each groups × classes.

    ``counts`` is documents × (gold classes, predicted classes), sorted by group, ``sizes`` the documents per
    group, ``boot_factor`` resamples × classes (the evaluation resampled). Groups are taken a run at a time,
    so that resamples × groups × classes stays within a block however many groups there are (by doc_id).
    """
    resamples, K = boot_factor.shape
    per_run = max(1, _BLOCK // max(1, resamples * 2 * K))
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    parts = []
    for first in range(0, len(sizes), per_run):
        run = sizes[first:first + per_run]
        rows = counts[starts[first]:starts[first + len(run)]]
        boot = _resampled_sums(rows, starts[first:first + len(run)] - starts[first], run, rng, resamples)
        boot = boot[:, :, :K] + boot[:, :, K:] * boot_factor[:, None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            share = boot / boot.sum(axis=2, keepdims=True)
        parts.append((*_percentiles(boot, coverage), *_percentiles(share, coverage)))
    if not parts:
        return tuple(np.zeros((0, K)) for _ in range(4))
    return tuple(np.concatenate(p) for p in zip(*parts))


def _classes_of(records: pd.DataFrame, column: str) -> list[str]:
    """The classes ``records`` have, in their categorical order (else alphabetical)."""
    present = set(records[column].astype(str).unique())
    categorical = isinstance(records[column].dtype, pd.CategoricalDtype)
    order = records[column].cat.categories if categorical else sorted(present)
    return [str(c) for c in order if str(c) in present]


def corrected_counts(records: pd.DataFrame, documents: pd.DataFrame, keys: list[str], column: str, dimension: str,
                     quality: Mapping | None = None, resamples: int = RESAMPLES, seed: int = 0,
                     coverage: float = COVERAGE, name: str = "records") -> pd.DataFrame:
    """Records per group of ``keys`` and class ``column``: counted, and corrected with a bootstrap interval.

    ``records`` are the records counted (``doc_id``, ``origin``, ``column``);
    ``documents`` every document of the corpus with ``doc_id`` and the ``keys``
    (documents without records are drawn too). ``dimension`` names the classes
    in the ``quality`` table (a dict shaped as ``quality.json``; the shipped one
    when None). One row per group and class that has a record: ``name``
    (records counted), ``predicted`` (of them) and ``share_predicted``,
    ``estimate`` with ``low`` and ``high``, ``share`` of the group's estimate
    with ``share_low`` and ``share_high``, and ``correction``: ``"class"`` (its
    own precision and recall), ``"pooled"``, or ``"none"`` (no predicted record).
    """
    if not (isinstance(resamples, int) and resamples >= 1):
        raise ValueError(f"resamples {resamples!r}; expected a whole number of at least 1")
    if not 0 < coverage < 1:
        raise ValueError(f"coverage {coverage!r}; expected a number between 0 and 1, such as 0.95")
    docs = documents.assign(_g=0) if not keys else documents.assign(_g=groups(documents, keys).ngroup())
    docs = docs.sort_values("_g", kind="stable", ignore_index=True)
    classes = _classes_of(records, column)
    counts = _document_counts(records, pd.Index(docs["doc_id"]), column, classes)
    sizes = docs.groupby("_g").size().to_numpy()
    tp, fp, fn = quality_arrays(fitted.read("quality") if quality is None else quality, dimension, classes)
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(len(tp), np.full(len(tp), 1 / len(tp)), size=resamples).astype(np.float64)
    factor, own = _factors(tp.sum(axis=0), fp.sum(axis=0), fn.sum(axis=0))
    boot_factor, _ = _factors(weights @ tp, weights @ fp, weights @ fn)
    K = len(classes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    summed = np.add.reduceat(counts, starts, axis=0) if len(docs) else np.zeros((0, 2 * K))
    estimate = summed[:, :K] + summed[:, K:] * factor
    with np.errstate(divide="ignore", invalid="ignore"):
        share = estimate / estimate.sum(axis=1, keepdims=True)
    low, high, share_low, share_high = _intervals(counts, sizes, boot_factor, rng, coverage)
    g, k = np.nonzero(summed[:, :K] + summed[:, K:])
    heads = docs.drop_duplicates("_g").set_index("_g")
    out = heads.loc[g, keys].reset_index(drop=True) if keys else pd.DataFrame(index=range(len(g)))
    out[column] = pd.Categorical(np.asarray(classes, dtype=object)[k.astype(np.int64)], categories=classes,
                                 ordered=True)
    out[name] = (summed[g, k] + summed[g, K + k]).astype(np.int64)
    out["predicted"] = summed[g, K + k].astype(np.int64)
    out[SHARE_PREDICTED] = out["predicted"] / out[name]
    for col, values in (("estimate", estimate), ("low", low), ("high", high), ("share", share),
                        ("share_low", share_low), ("share_high", share_high)):
        out[col] = values[g, k] if len(g) else np.empty(0)
    out["correction"] = np.where(out["predicted"] == 0, "none", np.where(own[k], "class", "pooled"))
    return out


def documents_with(keys: list[str], docs: pd.DataFrame) -> pd.DataFrame:
    """The documents frame ``corrected_counts`` needs: ``doc_id`` and the group ``keys`` (checked against GROUPS)."""
    unknown = [k for k in keys if k not in GROUPS]
    if unknown:
        raise ValueError(f"cannot group a corrected count by {', '.join(unknown)}; "
                         f"expected some of {', '.join(GROUPS)}")
    return docs[list(dict.fromkeys(["doc_id", *keys]))]


def corrected_view(corpus, records: pd.DataFrame, keys: list[str], column: str, dimension: str, name: str,
                   options: Mapping) -> pd.DataFrame:
    """:func:`corrected_counts` of ``records`` over every document of ``corpus``; ``options`` are the analysis's
    ``quality``, ``resamples``, ``seed`` and ``coverage``."""
    docs = view(corpus, "documents", by=keys)
    return corrected_counts(records, documents_with(keys, docs), keys, column, dimension, name=name, **options)
