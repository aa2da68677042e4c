"""Helpers shared by the tests: copies of the real corpus to break, and proof that nothing was written."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from corpus_kz.storage import Layout, bundled_path
from corpus_kz.storage.standoff import write_json

ROOT = Path(__file__).resolve().parent.parent
#: The smallest document, the usual victim.
DOC = "rferl_2020_kordai_returning"


def copy_corpus(dst: Path) -> Path:
    """A writable copy of the bundled corpus directory (what a corpus directory must hold, and SHA256SUMS)."""
    src = bundled_path()
    shutil.copytree(src / Layout.SEEDS, dst / Layout.SEEDS)
    shutil.copytree(src / Layout.DOCS, dst / Layout.DOCS)
    shutil.copy(src / Layout.REGISTRY, dst / Layout.REGISTRY)
    for p in dst.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dst


def snapshot(directory: Path) -> dict:
    """Every file below ``directory`` with its bytes, to prove that nothing was written."""
    return {p.relative_to(directory): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def edit_json(path: Path, fn) -> Path:
    """Let ``fn`` change the parsed JSON of ``path`` in place, and write it back (one record per line)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    write_json(path, data)
    return path


def edit_doc(corpus_dir: Path, fn, doc_id: str = DOC) -> Path:
    return edit_json(corpus_dir / Layout.doc(doc_id), fn)


TEXT = "Protest in Aktau\n\nOfficials said that 12 people were detained in Aktau on Monday.\n"


def make_user_corpus(root: Path, annotate: bool = True) -> Path:
    """A researcher's own small corpus, generated from scratch: one annotated and one raw document."""
    from corpus_kz.gold.anchor import anchor

    (root / Layout.SEEDS).mkdir(parents=True)
    (root / Layout.DOCS).mkdir(parents=True)
    (root / Layout.SEEDS / "mine.txt").write_bytes(TEXT.encode())
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    manifest = [{"doc_id": "my_article", "seed_file": "mine.txt", "outlet": "My Outlet", "title": "Protest in Aktau",
                 "published": "2022-01-10", "event": "qantar_2022", "genre": "report", "language": "en",
                 "sha256": sha, "notes": []},
                {"doc_id": "not_yet_annotated", "seed_file": "mine.txt", "outlet": "My Outlet", "title": None,
                 "published": None, "event": "qantar_2022", "genre": "report", "language": "en",
                 "sha256": sha, "notes": ["raw text only"]}]
    write_json(root / Layout.MANIFEST, manifest)
    write_json(root / Layout.REGISTRY,
               [{"entity_id": "aktau", "name": "Aktau", "label": "GPE", "role": None, "aliases": ["Aktau"],
                 "wikidata": None}])
    if annotate:
        draft = {"doc_id": "my_article", "seed_file": "mine.txt", "sha256": sha,
                 "zones": [{"id": "z1", "text": "Protest in Aktau", "zone": "headline"}],
                 "mentions": [{"id": "m1", "text": "Aktau", "occurrence": 1, "label": "GPE", "entity_id": "aktau",
                               "form": "name"},
                              {"id": "m2", "text": "Aktau", "occurrence": 2, "label": "GPE", "entity_id": "aktau",
                               "form": "name"}],
                 "quotes": [{"id": "q1", "text": "12 people were detained in Aktau on Monday", "type": "indirect"}],
                 "attributions": [{"id": "a1", "quote_id": "q1", "act": "assertion", "cue": {"text": "said"},
                                   "source": {"text": "Officials"}, "speaker_id": None, "speaker_role": "official"}],
                 "figures": [{"id": "f1", "text": "12 people", "number": "12", "value": 12.0, "qualifier": "exact",
                              "quantity": "detained", "unit": "people", "event": "qantar_2022", "source": "a1"}],
                 "frames": []}
        gold, problems = anchor(draft, TEXT)
        assert not problems
        write_json(root / Layout.doc("my_article"), gold)
    return root


def exact_pairs(gold, predicted, layer: str) -> list[tuple]:
    """(gold record, predicted record) for every record of ``layer`` predicted with the gold's exact span."""
    from corpus_kz.scoring.matching import match

    return [(getattr(g, layer)[i], getattr(p, layer)[j]) for g, p in zip(gold, predicted)
            for i, j in match(list(getattr(g, layer)), list(getattr(p, layer)), None)]
