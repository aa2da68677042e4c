"""What a corpus directory says about itself: its datasheet and its committed agreement figures.

``annotations/DATASHEET.md`` holds the datasheet's prose (YAML front matter,
then Markdown) and ``annotations/agreement.json`` the agreement of the two
annotation passes. The dataset card and the report read them from here;
both are optional in a corpus of your own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .files import Unreadable, parse_json, read_bytes
from .layout import Layout

if TYPE_CHECKING:
    from ..corpus import Corpus


def corpus_file(corpus: "Corpus", rel: str) -> bytes | None:
    """A file of the corpus directory, read the guarded way; None when it is absent."""
    if corpus.path is None:
        return None
    try:
        return read_bytes(Path(corpus.path).resolve(), rel)
    except Unreadable:
        return None


def agreement_summary(corpus: "Corpus") -> dict | None:
    """The committed agreement figures of the corpus directory, or None when it has none."""
    data = corpus_file(corpus, Layout.AGREEMENT)
    try:
        return None if data is None else parse_json(data)
    except Unreadable:
        return None


def datasheet(corpus: "Corpus") -> tuple[dict, str] | None:
    """The corpus's datasheet: its front matter and its Markdown body; None when it has none."""
    import yaml

    data = corpus_file(corpus, Layout.DATASHEET)
    if data is None:
        return None
    text = data.decode("utf-8", errors="replace")
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        head, body = text[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head)
        return (meta if isinstance(meta, dict) else {}), body
    return {}, text
