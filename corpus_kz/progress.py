"""Progress bars for long work: tqdm's plain text bar on stderr (tqdm.auto would want ipywidgets in a notebook)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing costs milliseconds: only type checkers read these
if TYPE_CHECKING:
    from typing import Iterable, TypeVar

    T = TypeVar("T")


class _NoBar:
    """Stands in for a bar that is not shown."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def bar(total: int | None, desc: str, unit: str = "it", show: bool | None = None, **options):
    """A bar to ``update(n)`` and ``close()``; ``show`` None means "when stderr is a terminal"."""
    if show is None:
        show = sys.stderr is not None and sys.stderr.isatty()
    if not show:
        return _NoBar()
    from tqdm.std import tqdm  # a core dependency, imported only when a bar is shown

    return tqdm(total=total, desc=desc, unit=unit, leave=False, **options)


def track(items: Iterable[T], desc: str, disable: bool = False, total: int | None = None) -> Iterable[T]:
    """Wrap ``items`` in a bar on stderr; the items themselves when ``disable``."""
    if disable:
        return items
    from tqdm.std import tqdm

    return tqdm(items, desc=desc, total=total, leave=False)
