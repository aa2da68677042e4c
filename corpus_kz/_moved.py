"""Module paths that moved, kept working for one release: importing one warns and gives its new home.

:data:`MOVED` is the one list; ``CHANGELOG.md`` says when each moved. An old path
is an alias of the new module (the same object), never a second copy of it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

#: Old module path -> new module path (a package's submodules follow it).
MOVED: dict[str, str] = {
    "corpus_kz.gold.preannotate": "corpus_kz.annotate",
    "corpus_kz.gold.baseline": "corpus_kz.annotate.baseline",
    "corpus_kz.gold.evaluate": "corpus_kz.scoring.evaluate",
    "corpus_kz.gold.agreement": "corpus_kz.scoring.agreement",
    "corpus_kz.report.document_view": "corpus_kz.display",
}


def new_name(old: str) -> str | None:
    """Where the module ``old`` lives now, or None if it did not move."""
    for before, after in MOVED.items():
        if old == before or old.startswith(before + "."):
            return after + old[len(before):]
    return None


class _Alias(importlib.abc.Loader):
    def __init__(self, new: str):
        self.new = new

    def create_module(self, spec):
        return importlib.import_module(self.new)

    def exec_module(self, module) -> None:
        pass  # the new module ran when it was imported


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith("corpus_kz."):
            return None
        new = new_name(fullname)
        if new is None:
            return None
        warnings.warn(f"{fullname} is deprecated and will be removed in corpus_kz 0.5; import {new} instead",
                      DeprecationWarning, stacklevel=2)
        return importlib.util.spec_from_loader(fullname, _Alias(new))


def install() -> None:
    """Put the finder first, so that an old path's submodules are never loaded a second time under it."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
