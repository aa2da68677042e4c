"""The two annotation passes of the bundled gold, compared: what ``corpus-kz agreement`` reports and stores.

Each document was annotated twice, independently (``annotations/passes/pass1``
and ``pass2``); :func:`compare_passes` scores the second against the first
with :func:`corpus_kz.scoring.agreement.compare`, and :func:`summarise` gives
the figures ``annotations/agreement.json`` holds, which travel with the corpus
(:class:`corpus_kz.metadata.CorpusMetadata`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..metadata import agreement_markdown
from ..scoring.agreement import LayerScore, compare
from ..storage import bundled_path, load, read_pass
from ..storage.layout import Layout

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["AgreementError", "agreement_report", "compare_passes", "paired_passes", "pass_agreement", "summarise"]


class AgreementError(Exception):
    """Nothing to compare, or a pass that cannot be read; the message says which files were looked for."""


def paired_passes(corpus_dir=None, passes_dir=None, first: str = Layout.FIRST_PASS, second: str = Layout.SECOND_PASS
                  ) -> list[tuple[Document, Document]]:
    """Both passes of every document that has both, in manifest order.

    Raises :class:`AgreementError` when no document has both, naming what
    was looked for, and :class:`~corpus_kz.errors.CorpusError` for a broken pass.
    """
    root = Path(corpus_dir) if corpus_dir is not None else bundled_path()
    base = load(root, annotations=False)
    passes = Path(passes_dir) if passes_dir is not None else root / Layout.PASSES
    if not passes.is_dir():
        raise AgreementError(f"{passes}: no such directory; expected the annotation passes, "
                             f"one folder per annotator ({first}/, {second}/)")
    pairs = [(read_pass(passes / first, d), read_pass(passes / second, d)) for d in base
             if (passes / first / f"{d.doc_id}.json").exists() and (passes / second / f"{d.doc_id}.json").exists()]
    if not pairs:
        raise AgreementError(f"no document has both passes: looked for {passes / first}/<doc_id>.json and "
                             f"{passes / second}/<doc_id>.json for the {len(base)} documents of {root}")
    return pairs


def compare_passes(corpus_dir=None, passes_dir=None, first: str = Layout.FIRST_PASS, second: str = Layout.SECOND_PASS
                   ) -> tuple[dict[str, dict[str, LayerScore]], dict[str, LayerScore]]:
    """Per-document and pooled scores of two passes over every document both annotated."""
    per_doc: dict[str, dict[str, LayerScore]] = {}
    pooled: dict[str, LayerScore] = {}
    for a, b in paired_passes(corpus_dir, passes_dir, first, second):
        scores = compare(a, b)
        per_doc[a.doc_id] = scores
        for layer, s in scores.items():
            pooled.setdefault(layer, LayerScore()).add(s)
    return per_doc, pooled


def summarise(per_doc: dict[str, dict[str, LayerScore]], pooled: dict[str, LayerScore],
              first: str = Layout.FIRST_PASS, second: str = Layout.SECOND_PASS) -> dict:
    """Pooled and per-document agreement as plain data (what ``annotations/agreement.json`` holds)."""
    def rounded(summary: dict) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in summary.items()}

    return {"first": first, "second": second, "documents": list(per_doc),
            "pooled": {layer: rounded(s.summary()) for layer, s in pooled.items()},
            "per_document": {doc: {layer: rounded(s.summary()) for layer, s in scores.items()}
                             for doc, scores in per_doc.items()}}


def pass_agreement(corpus_dir=None, passes_dir=None, first: str = Layout.FIRST_PASS,
                   second: str = Layout.SECOND_PASS) -> dict:
    """Agreement of two passes over the corpus at ``corpus_dir`` (default: the bundled one), as plain data."""
    return summarise(*compare_passes(corpus_dir, passes_dir, first, second), first, second)


def agreement_report(summary: dict) -> str:
    """The agreement as a short text: which documents, then the pooled table."""
    docs = summary["documents"]
    return "\n".join([f"Agreement of {summary['second']} with {summary['first']} over {len(docs)} document"
                      f"{'s' * (len(docs) != 1)} ({', '.join(docs)}):", "", agreement_markdown(summary)])
