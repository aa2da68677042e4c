"""Progress bars for long work, with tqdm when it is installed."""

from __future__ import annotations

from typing import Iterable, TypeVar

T = TypeVar("T")


def track(items: Iterable[T], desc: str, disable: bool = False, total: int | None = None) -> Iterable[T]:
    """Wrap ``items`` in a tqdm bar on stderr; a plain iterator when tqdm is missing or ``disable``."""
    if disable:
        return items
    try:
        # The plain text bar: tqdm.auto would want ipywidgets in a notebook and warn without them.
        from tqdm.std import tqdm
    except ImportError:
        return items
    return tqdm(items, desc=desc, total=total, leave=False)
