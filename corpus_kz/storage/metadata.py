"""What a corpus directory says about itself, read into :class:`~corpus_kz.metadata.CorpusMetadata` on load.

``annotations/DATASHEET.md`` holds the datasheet's prose (YAML front matter,
then Markdown) and ``annotations/agreement.json`` the agreement of the two
annotation passes. Both are optional in a corpus of your own; a file that
cannot be read is left out (``corpus-kz validate`` checks the corpus, not its
prose). Only the standard library: the front matter is parsed when a card or a
report asks for it. The events the corpus declares (``seeds/events.json``) are
no prose: the reader reads them with the corpus's files and the build step
checks them and puts them on the metadata, so a broken file is a problem.
"""

from __future__ import annotations

from pathlib import Path

from ..metadata import CorpusMetadata
from .files import Unreadable, parse_json, read_bytes
from .layout import Layout


def _optional(real: Path, rel: str) -> bytes | None:
    try:
        return read_bytes(real, rel)
    except Unreadable:
        return None


def read_metadata(real: Path, shown: Path) -> CorpusMetadata:
    """The datasheet and agreement figures of the corpus directory ``real`` (resolved), shown as ``shown``."""
    sheet = _optional(real, Layout.DATASHEET)
    figures = _optional(real, Layout.AGREEMENT)
    try:
        agreement = None if figures is None else parse_json(figures)
    except Unreadable:
        agreement = None
    return CorpusMetadata(datasheet=None if sheet is None else sheet.decode("utf-8", errors="replace"),
                          agreement=agreement if isinstance(agreement, dict) else None,
                          provenance=(f"read from {shown}",))
