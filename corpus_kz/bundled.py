"""Where the bundled corpus lives: inside an installed wheel, or the checkout's root. Standard library only.

The core reads one file of it, the events it declares (:func:`corpus_kz.events.bundled_events`), when a
corpus that declares none is asked for its declarations; everything else of it is read by
:mod:`corpus_kz.storage`, whose :class:`~corpus_kz.storage.Layout` names every path inside a corpus
directory. This module sits at the bottom of the layers so that both can ask.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["bundled_path", "package_dir"]


@cache
def package_dir() -> Path:
    """The installed (or checked-out) package directory; resolved on first use, not at import."""
    return Path(__file__).resolve().parent


def bundled_path() -> Path:
    """Where the bundled corpus lives: inside an installed wheel, or the checkout's root."""
    installed = package_dir() / "_data"
    # A wheel holds the data under _data/ (pyproject.toml); a checkout has its seeds/ beside the package.
    return installed if (installed / "seeds").is_dir() else package_dir().parent
