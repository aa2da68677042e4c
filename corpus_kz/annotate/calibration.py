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

__all__ = ["fit", "probability", "raw_scores", "score_key"]

# A context variable, not a global flag: threads and tasks that annotate at once each have their own.
_RAW: ContextVar[bool] = ContextVar("corpus_kz_raw_scores", default=False)


@cache
def fit() -> dict:
    """The shipped calibration (``corpus_kz/fitted/calibration.json``), read once."""
    return fitted.read("calibration")


def score_key(raw: float) -> str:
    """A raw score as the fit's JSON writes it: ``0.65`` -> ``"0.65"`` (made rounds it to 3 places)."""
    return f"{round(float(raw), 3):g}"


def probability(layer: str, rule: str, raw: float, calibration: dict | None = None) -> float:
    """The probability that a record of ``layer`` made by ``rule`` with score ``raw`` is right.

    ``calibration`` is a fit of the shape :func:`fit` returns (default: the shipped one). Inside
    :func:`raw_scores`, and for a rule the fit does not know, ``raw`` itself.
    """
    if calibration is None:
        if _RAW.get():
            return raw
        calibration = fit()
    rules = calibration["layers"].get(layer, {}).get("rules", {})
    entry = rules.get(rule)
    if entry is None:
        return raw
    known = entry["scores"].get(score_key(raw))
    return (known or entry)["probability"]


@contextmanager
def raw_scores():
    """Within it, records keep their rules' raw scores: what :mod:`corpus_kz.scoring.calibration` fits."""
    token = _RAW.set(True)
    try:
        yield
    finally:
        _RAW.reset(token)
