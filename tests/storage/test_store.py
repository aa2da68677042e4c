"""The columnar store: written once, read lazily, refused when tampered with or stale."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pandas as pd
import pyarrow.parquet as pq
import pytest

import corpus_kz
from corpus_kz import Corpus, CorpusError
from corpus_kz.storage import store as S
from corpus_kz.storage.packing import pack
from corpus_kz.tables import TABLES
from tests.helpers import ROOT, copy_corpus, edit_doc

LAYERS = ("zones", "mentions", "quotes", "attributions", "figures", "frames")


def grown(corpus: Corpus, n: int) -> Corpus:
    """``n`` documents, copies of the corpus's in turn under new doc_ids and seed files (as benchmarks/generate.py).

    Each copy's text ends in a line naming it: one text is one document, and the offsets stay.
    """
    from corpus_kz.build import sha256_of

    docs = list(corpus)
    texts = [docs[i % len(docs)].text + f"\n[copy g{i:05d}]\n" for i in range(n)]
    copies = [replace(docs[i % len(docs)], doc_id=f"g{i:05d}_{docs[i % len(docs)].doc_id}",
                      seed_file=f"g{i:05d}.txt", text=texts[i], sha256=sha256_of(texts[i])) for i in range(n)]
    return Corpus(copies, corpus.registry)


def same_corpus(a: Corpus, b: Corpus) -> None:
    assert a.doc_ids == b.doc_ids
    assert dict(a.registry) == dict(b.registry)
    for x, y in zip(a, b):
        assert x.metadata() == y.metadata() and x.text == y.text, x.doc_id
        for layer in LAYERS:
            assert getattr(x, layer) == getattr(y, layer), (x.doc_id, layer)


@pytest.fixture(scope="module")
def stored(tmp_path_factory, corpus):
    return corpus.save(tmp_path_factory.mktemp("s") / "store", "store", progress=False)


def test_a_store_is_parquet_per_table_in_the_json_lines_shape(stored, corpus):
    info = json.loads((stored / "store.json").read_text())
    assert info["documents"] == 5 and info["entities"] == 128 and len(info["parts"]) == 1
    assert info["rows"] == {"documents": 5, "zones": 64, "mentions": 495, "quotes": 176, "attributions": 176,
                            "figures": 72, "frames": 147}
    quotes = pq.read_table(stored / "quotes" / "part-00000.parquet")
    assert quotes.column_names == ["doc_id", "start", "end", "text", "id", "type", "origin", "confidence"]
    first = quotes.slice(0, 1).to_pylist()[0]
    q1 = corpus["cabar_2020_masanchi"]["q1"]
    assert first == {"doc_id": "cabar_2020_masanchi", "start": q1.start, "end": q1.end, "text": q1.text, "id": "q1",
                     "type": q1.type, "origin": "gold", "confidence": None}
    docs = pq.read_table(stored / "documents" / "part-00000.parquet")
    assert docs.column_names[-1] == "text" and docs.num_rows == 5
    assert str(docs.schema.field("published").type) == "date32[day]"


def test_store_loads_lazily_and_reads_only_what_is_asked(stored, monkeypatch):
    reads = []
    original = S.Store.read
    monkeypatch.setattr(S.Store, "read", lambda self, rel, columns=None: reads.append((rel, columns))
                        or original(self, rel, columns))
    c = corpus_kz.load(stored)
    assert c.lazy and reads == [("entities.parquet", None)]  # the registry; no record
    assert len(c) == 5 and reads == [("entities.parquet", None)]
    c.figures()
    read_tables = {rel.split("/")[0] for rel, _ in reads}
    assert read_tables == {"entities.parquet", "documents", "figures", "zones", "attributions"}
    # the documents table is read without its texts for a view
    assert all("text" not in (cols or ["text"]) for rel, cols in reads if rel.startswith("documents/"))
    doc = c["rferl_2020_kordai_returning"]
    assert doc.doc_id == "rferl_2020_kordai_returning" and len(doc.quotes) == 16


def test_store_views_and_documents_are_the_corpus_s(stored, corpus):
    c = corpus_kz.load(stored)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(c, name)(), getattr(corpus, name)(), obj=name)
    same_corpus(c, corpus)
    assert c[2].doc_id == corpus[2].doc_id and c[-1].doc_id == corpus[-1].doc_id
    assert c[1:3].doc_ids == corpus.doc_ids[1:3] and c[1:3].lazy
    assert "cabar_2020_masanchi" in c and "nope" not in c
    with pytest.raises(corpus_kz.NotFoundError, match="no document 'nope'; the corpus has 5 documents"):
        c["nope"]
    assert c[0].registry is c.registry


def test_standoff_to_store_to_standoff_is_byte_identical(stored, tmp_path):
    back = corpus_kz.load(stored).save(tmp_path / "back", progress=False)
    for rel in ["seeds/manifest.json", "annotations/entities.json",
                *(f"annotations/docs/{n}" for n in os.listdir(ROOT / "annotations/docs")),
                *(f"seeds/{m['seed_file']}" for m in json.loads((ROOT / "seeds/manifest.json").read_text()))]:
        assert (back / rel).read_bytes() == (ROOT / rel).read_bytes(), rel


def test_many_parts_hold_whole_documents(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(S, "DOCS_PER_PART", 7)
    big = grown(corpus, 30)
    path = big.save(tmp_path / "store", "store", progress=False)
    info = json.loads((path / "store.json").read_text())
    assert [p["documents"] for p in info["parts"]] == [7, 7, 7, 7, 2]
    for k in range(5):
        ids = set(pq.read_table(path / S.part_name("documents", k), columns=["doc_id"]).column("doc_id").to_pylist())
        for layer in LAYERS:
            part = pq.read_table(path / S.part_name(layer, k), columns=["doc_id"]).column("doc_id").to_pylist()
            assert set(part) <= ids, (layer, k)
    c = corpus_kz.load(path)
    same_corpus(c, big)
    for name in ("quotes", "figures", "frames", "attributions"):
        pd.testing.assert_frame_equal(getattr(c, name)(), getattr(big, name)(), obj=name)
    assert c[15].doc_id == big[15].doc_id and c["g00029_" + corpus[4].doc_id].doc_id == big[29].doc_id


def test_datasets_reads_a_table_directory_as_it_is(stored, tmp_path):
    datasets = pytest.importorskip("datasets")
    ds = datasets.load_dataset("parquet", data_files=str(stored / "quotes" / "*.parquet"), split="train",
                               cache_dir=str(tmp_path / "cache"))
    assert ds.num_rows == 176 and ds.column_names[0] == "doc_id"


def test_a_changed_part_is_refused_when_read(stored, tmp_path):
    import shutil

    copy = shutil.copytree(stored, tmp_path / "copy")
    part = copy / "quotes" / "part-00000.parquet"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte flipped
    part.write_bytes(bytes(data))
    c = corpus_kz.load(copy)  # sizes agree: the sha256 is checked when the part is first read
    with pytest.raises(S.StoreError) as exc:
        c.quotes()
    [p] = exc.value.problems
    assert p.file == str(copy / "quotes/part-00000.parquet") and "changed after it was written" in p.expected
    assert c.figures().shape[0] == 72  # the other parts are still served


def test_a_truncated_added_or_missing_file_is_refused_on_load(stored, tmp_path):
    import shutil

    copy = shutil.copytree(stored, tmp_path / "copy")
    with open(copy / "frames" / "part-00000.parquet", "ab") as fh:
        fh.write(b"x")
    (copy / "quotes" / "part-00001.parquet").write_bytes(b"")
    os.unlink(copy / "zones" / "part-00000.parquet")
    with pytest.raises(S.StoreError) as exc:
        corpus_kz.load(copy)
    found = {(p.file.removeprefix(str(copy) + "/"), p.found) for p in exc.value.problems}
    assert found == {("frames/part-00000.parquet", f"{(stored / 'frames/part-00000.parquet').stat().st_size + 1} bytes"),
                     ("quotes/part-00001.parquet", "a file the store did not write"),
                     ("zones/part-00000.parquet", "no such file")}


def test_store_json_of_another_version_is_refused(stored, tmp_path):
    import shutil

    copy = shutil.copytree(stored, tmp_path / "copy")
    info = json.loads((copy / "store.json").read_text())
    (copy / "store.json").write_text(json.dumps({**info, "version": 99}))
    with pytest.raises(S.StoreError) as exc:
        corpus_kz.load(copy)
    [p] = exc.value.problems
    assert (p.file, p.field, p.found) == (str(copy / "store.json"), "version", "99")


def test_a_packed_store_is_refused_once_its_directory_changes(tmp_path):
    src = copy_corpus(tmp_path / "corpus")
    store = pack(src, progress=False)
    assert store == (src / "store").absolute()
    assert len(corpus_kz.load(store)) == 5
    os.utime(src / "annotations/docs/rferl_2020_kordai_returning.json")  # touched, not changed
    assert len(corpus_kz.load(store)) == 5
    edit_doc(src, lambda d: d["frames"].pop())
    with pytest.raises(S.StoreError) as exc:
        corpus_kz.load(store)
    [p] = exc.value.problems
    assert p.field == "source" and "changed annotations/docs/rferl_2020_kordai_returning.json" in p.found
    assert f"corpus-kz pack {src.resolve()} --force" in p.expected
    pack(src, progress=False)  # packing again makes it fresh
    assert len(corpus_kz.load(store)["rferl_2020_kordai_returning"].frames) == 5


def test_pack_refuses_a_corpus_that_does_not_load_and_writes_nothing(tmp_path):
    src = copy_corpus(tmp_path / "corpus")
    edit_doc(src, lambda d: d["quotes"][0].update(start=d["quotes"][0]["start"] + 1))
    with pytest.raises(CorpusError) as exc:
        pack(src, progress=False)
    assert any(p.field == "text" and p.record == "q1" for p in exc.value.problems)
    assert not (src / "store").exists() and not [p for p in src.iterdir() if p.name.startswith(".store")]


def test_a_store_moved_without_its_directory_stands_alone(tmp_path):
    import shutil

    src = copy_corpus(tmp_path / "corpus")
    store = pack(src, tmp_path / "packed", progress=False)
    moved = shutil.move(str(store), tmp_path / "elsewhere" / "packed")
    shutil.rmtree(src)
    assert len(corpus_kz.load(moved).quotes()) == 176


def test_select_by_metadata(corpus, stored):
    for c in (corpus, corpus_kz.load(stored)):
        assert c.select(event="kordai_2020").doc_ids == ["cabar_2020_masanchi", "rferl_2020_kordai_returning",
                                                          "aljazeera_2020_dungan_repost"]
        assert c.select(outlet=["RFE/RL", "CABAR.asia"], event="kordai_2020").doc_ids == [
            "cabar_2020_masanchi", "rferl_2020_kordai_returning"]
        assert c.select(published=("2020-01-01", "2020-12-31")).doc_ids == ["aljazeera_2020_dungan_repost"]
        # the two Al Jazeera reposts state a date; the others none, so no range holds them
        assert c.select(published=(None, None)).doc_ids == ["aljazeera_2020_dungan_repost",
                                                              "aljazeera_2022_zhovtis_interview"]
        assert c.select(doc_ids=["rferl_2011_zhanaozen_unrest", "cabar_2020_masanchi"]).doc_ids == [
            "cabar_2020_masanchi", "rferl_2011_zhanaozen_unrest"]  # corpus order
        sel = c.select(genre="interview")
        assert len(sel) == 1 and len(sel.quotes()) == 46 and set(sel.quotes().doc_id) == {sel.doc_ids[0]}
        with pytest.raises(corpus_kz.NotFoundError, match="no document 'nope'"):
            c.select(doc_ids=["nope"])
    assert corpus_kz.load(stored).select(event="qantar_2022").lazy


def test_the_command_packs_validates_and_refuses_a_stale_store(tmp_path, capsys):
    from corpus_kz.cli import main

    src = copy_corpus(tmp_path / "corpus")
    assert main(["pack", str(src), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"packed 5 documents into {src / 'store'} (1 part, ")
    assert main(["validate", str(src / "store")]) == 0
    assert main(["info", str(src / "store")]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split()[:3] == ["total", "38192", "64"]
    edit_doc(src, lambda d: d["figures"].pop())
    assert main(["validate", str(src / "store")]) == 1
    err = capsys.readouterr()
    assert "changed annotations/docs/rferl_2020_kordai_returning.json" in err.out and "Traceback" not in err.err
    assert main(["pack", str(src), "--out", str(src / "annotations" / "store"), "--quiet"]) == 2
    assert "lies inside its seeds or annotations" in capsys.readouterr().err
    assert main(["pack", str(src), "--quiet"]) == 0  # an earlier store is replaced
    assert main(["validate", str(src / "store")]) == 0


def test_a_store_exported_and_imported_is_a_corpus_directory_again(stored, tmp_path, corpus):
    from corpus_kz.cli import main

    assert main(["import", "store", str(stored), "--out", str(tmp_path / "back")]) == 0
    same_corpus(corpus_kz.load(tmp_path / "back"), corpus)
