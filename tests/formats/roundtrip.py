"""The round trip every readable format must survive, and what "identical" means for it."""

from __future__ import annotations

from pathlib import Path

import corpus_kz
from corpus_kz import Corpus
from corpus_kz.formats.base import canonical, corpus_data, write_corpus


def round_trip(module, corpus: Corpus, tmp: Path) -> Corpus:
    """Export with ``module``, read it back, write a corpus directory and load it."""
    module.export(tmp / "export", corpus, progress=False)
    return corpus_kz.load(write_corpus(tmp / "back", module.read(tmp / "export")))


def assert_same(original: Corpus, reloaded: Corpus) -> None:
    """Same documents in order, same texts, same layers (ids renumbered), manifest entries, registry and declared
    events, in order."""
    assert [d.doc_id for d in reloaded] == [d.doc_id for d in original]
    for old, new in zip(original, reloaded, strict=True):
        assert new.text == old.text, old.doc_id
        assert canonical(new) == canonical(old), old.doc_id
    before, after = corpus_data(original), corpus_data(reloaded)
    assert [d.entry for d in after.documents] == [d.entry for d in before.documents]
    assert after.entities == before.entities
    assert after.events == before.events  # None for a corpus that declares none: it reads back as one


def predicted(corpus: Corpus, doc_id: str, mixed: bool = False) -> Corpus:
    """``corpus`` cut to one document whose records are predicted: all of them, or (``mixed``) every other one.

    Rules differ by layer and confidences are floats no shorter form rounds to (and the bounds 0 and 1), so a
    format that loses, rounds or swaps an origin or a confidence fails :func:`assert_same`.
    """
    from dataclasses import replace

    from corpus_kz.records import LAYERS

    confidences = [0.1 + 0.2, 1, 0, 0.987654321, 1 / 3]
    doc = corpus[doc_id]
    layers = {}
    for layer in LAYERS:
        layers[layer] = tuple(
            r if mixed and i % 2 else replace(r, origin=f"predicted:{layer}_rule", confidence=confidences[i % 5])
            for i, r in enumerate(getattr(doc, layer)))
    return Corpus([replace(doc, **layers)], corpus.registry)


def provenance(corpus: Corpus) -> list[tuple]:
    """Every record's layer, id, origin and confidence, in order."""
    from corpus_kz.records import LAYERS

    return [(layer, r.id, r.origin, r.confidence) for d in corpus for layer in LAYERS for r in getattr(d, layer)]
