"""Where everything lives in a corpus directory: every path the package uses is named here once.

A corpus directory holds ``seeds/manifest.json`` and the seed texts,
``annotations/entities.json`` and one ``annotations/docs/<doc_id>.json`` per
annotated document, and may declare its events in ``seeds/events.json``. The
bundled corpus also carries the codebook, the datasheet, the agreement figures
and, in a checkout, the annotation passes and the adjudication decisions.
"""

from __future__ import annotations

from pathlib import Path

from ..bundled import bundled_path
from ..bundled import package_dir as _package
from ..events import FILE as _EVENTS

__all__ = ["Layout", "bundled_path", "inside_package"]


class Layout:
    """The paths of one corpus directory, relative to its root (``layout.path(rel)`` joins them)."""

    SEEDS = "seeds"
    ANNOTATIONS = "annotations"
    MANIFEST = "seeds/manifest.json"
    SHA256SUMS = "seeds/SHA256SUMS"
    REGISTRY = "annotations/entities.json"
    DOCS = "annotations/docs"
    PASSES = "annotations/passes"
    #: The folders of the two independent passes under PASSES (A and B in adjudication).
    FIRST_PASS, SECOND_PASS = "pass1", "pass2"
    DECISIONS = "annotations/adjudication/decisions.json"
    ADJUDICATION_LOG = "annotations/adjudication/LOG.md"
    AGREEMENT = "annotations/agreement.json"
    DATASHEET = "annotations/DATASHEET.md"
    GUIDELINES = "annotations/GUIDELINES.md"
    ANNOTATION_SCHEMA = "annotations/schema.json"
    REGISTRY_SCHEMA = "annotations/entities.schema.json"
    MANIFEST_SCHEMA = "seeds/manifest.schema.json"
    #: The events the corpus declares (optional: a corpus without it has the bundled corpus's).
    EVENTS = _EVENTS
    EVENTS_SCHEMA = "seeds/events.schema.json"
    #: The file that makes a directory a columnar store rather than a corpus directory (:mod:`.store`).
    STORE = "store.json"

    #: What a wheel ships besides the package (see pyproject.toml; a test keeps the two equal).
    SHIPPED = (SEEDS, REGISTRY, DOCS, ANNOTATION_SCHEMA, REGISTRY_SCHEMA, GUIDELINES, AGREEMENT, DATASHEET)

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"Layout({str(self.root)!r})"

    def path(self, rel: str) -> Path:
        """``root / rel``, as the user gave the root: the form error messages show."""
        return self.root / rel

    @staticmethod
    def seed(seed_file: str) -> str:
        return f"{Layout.SEEDS}/{seed_file}"

    @staticmethod
    def doc(doc_id: str) -> str:
        return f"{Layout.DOCS}/{doc_id}.json"


def inside_package(path: str | Path) -> bool:
    """True for a path inside the installed package (the bundled data of a wheel): never written to."""
    try:
        return Path(path).resolve().is_relative_to(_package())
    except (OSError, ValueError, RuntimeError):
        return False
