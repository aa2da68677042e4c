"""Predicted frames: see :mod:`corpus_kz.gold.preannotate`. (Being written.)"""

from __future__ import annotations

from .base import Context


def find(ctx: Context) -> list:
    """The frames of ``ctx.text``, in text order."""
    return []
