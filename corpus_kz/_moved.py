"""Module paths and names that moved in 0.4, kept working for one release: using one warns and says its new home.

:data:`MOVED` is the one list (``CHANGELOG.md`` says why each moved). A module
that moved whole is an alias of its new home (the same object, never a second
copy); a module that was split is a stand-in that finds each name where it
went, renamed ones included (:data:`RENAMED`).
"""

from __future__ import annotations

import importlib
import sys
import types
from importlib.machinery import ModuleSpec

from .errors import deprecated

#: Old module path -> its new home, or the modules it was split into (a package's submodules follow it).
MOVED: dict[str, str | tuple[str, ...]] = {
    "corpus_kz.gold.preannotate": "corpus_kz.annotate",
    # what the rules share was split: the text helpers (sentences, paragraphs, alternation) went to text
    "corpus_kz.gold.preannotate.base": ("corpus_kz.annotate.base", "corpus_kz.annotate.text"),
    "corpus_kz.gold.baseline": "corpus_kz.annotate.baseline",
    "corpus_kz.report.document_view": "corpus_kz.display",
    "corpus_kz.storage.datasheet": "corpus_kz.storage.metadata",
    "corpus_kz.gold.evaluate": ("corpus_kz.scoring.matching", "corpus_kz.scoring.metrics",
                                "corpus_kz.scoring.evaluate", "corpus_kz.scoring.brat_attributions"),
    "corpus_kz.gold.agreement": ("corpus_kz.scoring.metrics", "corpus_kz.scoring.matching", "corpus_kz.scoring.agreement",
                                 "corpus_kz.gold.passes", "corpus_kz.metadata"),
}

#: (old module, old name) -> (new module, new name), for names that changed as they moved, and for
#: names that left a module that stayed (the module's ``__getattr__`` asks :func:`moved_attribute`).
RENAMED: dict[tuple[str, str], tuple[str, str]] = {
    ("corpus_kz.gold.evaluate", "match_at"): ("corpus_kz.scoring.matching", "match"),
    ("corpus_kz.gold.agreement", "agreement_summary"): ("corpus_kz.gold.passes", "pass_agreement"),
    ("corpus_kz.storage.adding", "DEFAULTS"): ("corpus_kz.document", "MANIFEST_DEFAULTS"),
    **{("corpus_kz.storage.files", name): ("corpus_kz.writing", name)
       for name in ("write_text", "write_bytes", "temporary_sibling", "replace_directory", "remove_stale_siblings")},
}


def new_name(old: str) -> str | tuple[str, ...] | None:
    """Where the module ``old`` lives now, or None if it did not move (an exact entry before a package's)."""
    if old in MOVED:
        return MOVED[old]
    for before, after in MOVED.items():
        if old.startswith(before + ".") and isinstance(after, str):
            return after + old[len(before):]
    return None


def moved_attribute(module: str, name: str):
    """A name that left ``module`` in 0.4, found in its new home with a warning; AttributeError for any other."""
    if (module, name) not in RENAMED:
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    home, new = RENAMED[module, name]
    deprecated(f"{module}.{name}", f"{home}.{new}")
    return getattr(importlib.import_module(home), new)


def _split(old: str, homes: tuple[str, ...]) -> types.ModuleType:
    """A stand-in for a module that was split: each name is looked up where it went."""
    module = types.ModuleType(old, f"Moved in corpus_kz 0.4 to {', '.join(homes)}.")

    def find(name: str):
        new_module, new = RENAMED.get((old, name), (None, name))
        found = [(home, getattr(importlib.import_module(home), new)) for home in ((new_module,) if new_module else homes)
                 if hasattr(importlib.import_module(home), new)]
        if not found:
            raise AttributeError(f"module {old!r} has no attribute {name!r} (it moved to {', '.join(homes)})")
        # Name the module that defines it, not one that imports it.
        home, value = next(((h, v) for h, v in found if getattr(v, "__module__", h) == h), found[0])
        deprecated(f"{old}.{name}", f"{home}.{new}")
        return value

    module.__getattr__ = find
    return module


# Duck-typed finder and loader: importlib.abc would cost `import corpus_kz` a fifth of its time.
class _Alias:
    def __init__(self, old: str, new: str | tuple[str, ...]):
        self.old, self.new = old, new
        self.spec = None

    def create_module(self, spec):
        if not isinstance(self.new, str):
            return _split(self.old, self.new)
        module = importlib.import_module(self.new)
        self.spec = module.__spec__  # the import system stamps the alias's spec on it: put the real one back
        return module

    def exec_module(self, module) -> None:
        if self.spec is not None:  # the new module ran when it was imported
            module.__spec__ = self.spec


class _Finder:
    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith("corpus_kz."):
            return None
        new = new_name(fullname)
        if new is None:
            return None
        deprecated(f"the module {fullname}", ", ".join([new] if isinstance(new, str) else new))
        return ModuleSpec(fullname, _Alias(fullname, new))


def install() -> None:
    """Put the finder first, so that an old path's submodules are never loaded a second time under it."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
