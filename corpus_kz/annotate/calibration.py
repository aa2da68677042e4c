"""A predicted record's ``confidence`` as a probability: the shipped calibration, applied.

A rule scores what it finds with a constant of its own (0.8, 0.65 …): its *raw score*. The
calibration (``corpus_kz/fitted/calibration.json``, fitted by ``corpus-kz calibrate --write``, see
:mod:`corpus_kz.scoring.calibration`) maps each layer's ``(rule, raw score)`` to the measured
probability that such a record is right: matched one to one, at overlap 0.3, with a gold record of
its layer (an attribution: its content so matched *and* its speaker right).

:func:`~.base.make` asks :func:`probability` for every record it makes. A rule the fit does not know
(the quote-marks baseline, a rule added since the last fit) keeps its raw score; a raw score the fit
has not seen for a known rule gets that rule's probability. :func:`raw_scores` turns calibration off
for the calls made inside it: what the fit is fitted on.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from .. import fitted

__all__ = ["fit", "flat", "look_up", "probability", "raw_scores", "score_key"]

# A context variable, not a global flag: threads and tasks that annotate at once each have their own.
_RAW: ContextVar[bool] = ContextVar("corpus_kz_raw_scores", default=False)


@cache
def fit() -> dict:
    """The shipped calibration (``corpus_kz/fitted/calibration.json``), read once."""
    return fitted.read("calibration")


def score_key(raw: float) -> str:
    """A raw score as the fit's JSON writes it: ``0.65`` -> ``"0.65"`` (made rounds it to 3 places)."""
    return f"{round(float(raw), 3):g}"


@cache
def _table() -> dict[tuple, float]:
    return flat(fit())


def flat(calibration: dict) -> dict[tuple, float]:
    """A fit flattened: (layer, rule, raw score) and (layer, rule) -> probability, one lookup a record."""
    out: dict[tuple, float] = {}
    for layer, entry in calibration["layers"].items():
        for rule, r in entry["rules"].items():
            out[layer, rule] = r["probability"]
            out.update(((layer, rule, float(score)), s["probability"]) for score, s in r["scores"].items())
    return out


def probability(layer: str, rule: str, raw: float, calibration: dict | None = None) -> float:
    """The probability that a record of ``layer`` made by ``rule`` with score ``raw`` (3 places) is right.

    ``calibration`` is a fit of the shape :func:`fit` returns (default: the shipped one). Inside
    :func:`raw_scores`, and for a rule the fit does not know, ``raw`` itself.
    """
    if calibration is None:
        if _RAW.get():
            return raw
        return look_up(_table(), layer, rule, raw)
    return look_up(flat(calibration), layer, rule, raw)


def look_up(table: dict[tuple, float], layer: str, rule: str, raw: float) -> float:
    """:func:`probability` in a :func:`flat` fit."""
    p = table.get((layer, rule, raw))
    return p if p is not None else table.get((layer, rule), raw)


@contextmanager
def raw_scores():
    """Within it, records keep their rules' raw scores: what :mod:`corpus_kz.scoring.calibration` fits."""
    token = _RAW.set(True)
    try:
        yield
    finally:
        _RAW.reset(token)
