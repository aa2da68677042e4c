"""What corpus_kz may replace without --force: its own exports, never a user's files or an imported corpus."""

from __future__ import annotations

import pytest

import corpus_kz
from corpus_kz.formats import csv_views, jsonl
from corpus_kz.formats.base import write_corpus
from corpus_kz.storage.outputs import OutputError


def test_an_export_replaces_an_earlier_export_but_not_an_imported_corpus(tmp_path):
    corpus = corpus_kz.load()
    out = tmp_path / "out"
    jsonl.export(out, corpus, progress=False)
    csv_views.export(out, corpus, progress=False)            # an earlier export: replaced
    assert (out / "quotes.csv").is_file()

    mine = tmp_path / "mine"
    write_corpus(mine, jsonl.read(_jsonl(tmp_path, corpus)))
    # A correction made in place: the same files, other bytes; the export's list of files cannot tell.
    doc = sorted((mine / "annotations" / "docs").iterdir())[0]
    edited = doc.read_text(encoding="utf-8") + "\n"
    doc.write_text(edited, encoding="utf-8")
    before = sorted(p.name for p in mine.rglob("*"))
    with pytest.raises(OutputError, match="holds a corpus written by corpus-kz import"):
        csv_views.export(mine, corpus, progress=False)
    with pytest.raises(OutputError, match="holds a corpus written by corpus-kz import"):
        write_corpus(mine, jsonl.read(_jsonl(tmp_path, corpus)))
    assert sorted(p.name for p in mine.rglob("*")) == before and doc.read_text(encoding="utf-8") == edited
    csv_views.export(mine, corpus, force=True, progress=False)  # asked for: replaced
    assert (mine / "quotes.csv").is_file()


def _jsonl(tmp_path, corpus):
    src = tmp_path / "src"
    if not src.exists():
        jsonl.export(src, corpus, progress=False)
    return src
