"""The pre-annotator's batch path: Arrow batches in and out, under plain iteration, datasets.map and Ray Data.

Whatever the layers predict, the batch output must be exactly ``annotate()`` on each row, in the records'
file shape. Two kinds of check: the real annotator on hand-written texts and the five corpus texts, and a
stand-in annotator that returns the gold documents, so that every field of every layer (nested spans,
nulls, vocabularies, numbers, provenance) goes through the conversion even while layers are still stubs.
"""

from __future__ import annotations

import os
import time

import pyarrow as pa
import pytest

import corpus_kz
import corpus_kz.annotate.batch as batch
from corpus_kz.annotate import annotate
from corpus_kz.annotate.batch import annotate_batches, annotate_table, layer_types, output_schema
from corpus_kz.kinds import Number, Offset, SpanOf, field_kinds
from corpus_kz.records import LAYERS, from_dict, to_dict

#: Written for these tests (not from any corpus): a direct quote with a speaker, counts, an agentless
#: report, a text with nothing to find, one with a quote in a headline.
HAND_WRITTEN = [
    '"We will stay in the square until our wages are paid," a striking driver told reporters on Monday.\n'
    "Police said 14 people were detained and about 200 gathered outside the city hall.",
    "The health ministry reported that at least 30 people were injured, according to a statement on Friday. "
    "Officials denied that the violence had an ethnic motive and blamed \"provocateurs\" instead.",
    "The road to the airport will be closed for repairs until the end of the month.",
    'Mayor: "The curfew ends tonight"\nResidents were reportedly allowed back into their homes.',
]


@pytest.fixture(scope="module")
def registry(corpus):
    return dict(corpus[0].registry)


def _table(texts: list[str]) -> pa.Table:
    return pa.table({"doc_id": [f"t{i}" for i in range(len(texts))], "text": texts,
                     "n": list(range(len(texts)))})


def _texts(corpus) -> list[str]:
    return HAND_WRITTEN + [d.text for d in corpus]


def _assert_rows_equal_annotate(rows: list[dict], registry) -> None:
    """Each output row's layers, read back into records, are exactly ``annotate()``'s records of its text."""
    for row in rows:
        doc = annotate(row["text"], {"doc_id": row["doc_id"]}, registry=registry)
        _assert_layers(row, doc)


def _assert_layers(row: dict, doc) -> None:
    for layer, cls in LAYERS.items():
        names = [n for n, _ in field_kinds(cls)]
        assert all(list(d) == names for d in row[layer]), layer  # every field, in file order
        back = []
        for d in row[layer]:
            record, errors = from_dict(cls, d)
            assert errors == [], (layer, d, errors)
            back.append(record)
        assert [to_dict(r) for r in back] == [to_dict(r) for r in getattr(doc, layer)], (row["doc_id"], layer)


# -- the schema -------------------------------------------------------------------------------------

def test_each_layer_column_is_a_list_of_its_records_fields():
    types = layer_types()
    assert list(types) == list(LAYERS)
    for layer, cls in LAYERS.items():
        assert pa.types.is_list(types[layer]), layer
        struct = types[layer].value_type
        assert [f.name for f in struct] == [n for n, _ in field_kinds(cls)], layer
        for name, kind in field_kinds(cls):
            t = struct.field(name).type
            if isinstance(kind, SpanOf):
                assert t == pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
            elif isinstance(kind, Offset):
                assert t == pa.int32(), (layer, name)
            elif isinstance(kind, Number):
                assert t == pa.float64(), (layer, name)
            else:  # vocabularies stay strings, as in the files; ids, references, text
                assert t == pa.string(), (layer, name, t)
    # the provenance every annotation record carries comes along with the record types
    assert {"origin", "confidence"} <= {f.name for f in types["quotes"].value_type}


def test_output_columns_are_the_input_then_the_layers(registry):
    table = _table(HAND_WRITTEN[:2])
    out = annotate_table(table, registry=registry)
    assert out.schema == output_schema(table.schema)
    assert out.column_names == ["doc_id", "text", "n", *LAYERS, "entities"]
    for name in table.column_names:
        assert out.column(name).equals(table.column(name))  # passed through unchanged
    assert [out.schema.field(layer).type for layer in LAYERS] == list(layer_types().values())


def test_an_empty_table_gives_an_empty_table_with_the_layers(registry):
    table = pa.table({"text": pa.array([], pa.string())})
    out = annotate_table(table, registry=registry)
    assert out.num_rows == 0 and out.column_names == ["text", *LAYERS, "entities"]


# -- plain iteration --------------------------------------------------------------------------------

def test_batches_equal_annotate_on_each_row(corpus, registry):
    table = _table(_texts(corpus))
    batches = table.to_batches(max_chunksize=3)
    assert len(batches) == 3
    out = list(annotate_batches(batches, id_column="doc_id", registry=registry))
    assert [b.num_rows for b in out] == [3, 3, 3]
    rows = pa.Table.from_batches(out).to_pylist()
    assert [r["text"] for r in rows] == _texts(corpus)
    _assert_rows_equal_annotate(rows, registry)
    assert sum(len(r["quotes"]) for r in rows) > 0  # the check compared something


def test_every_field_of_the_gold_goes_through(corpus, monkeypatch):
    """With an annotator that returns the gold, the output reads back into the gold, record for record."""
    gold = {d.text: d for d in corpus}
    seen = []

    def fake(text, meta=None, *, registry=None, events=None):
        seen.append(dict(meta))
        assert events == corpus.events  # the declarations reach every row, an iterable taken once
        return gold[text]

    monkeypatch.setattr(batch, "annotate", fake)
    table = pa.table({"text": [d.text for d in corpus], "event": [d.event for d in corpus], "id": [7, None, 9, 10, 11]})
    rows = annotate_table(table, id_column="id", event_column="event", registry={},
                          events=iter(corpus.events)).to_pylist()
    for row, doc in zip(rows, corpus):
        _assert_layers({**row, "doc_id": doc.doc_id}, doc)
    assert sum(len(r["figures"]) for r in rows) == sum(len(d.figures) for d in corpus) > 0
    # spans absent (an attribution without a source) are null, not an empty span
    assert any(a["source"] is None for r in rows for a in r["attributions"])
    # the gold's provenance, which its files leave out, is written out in full
    assert {(q["origin"], q["confidence"]) for r in rows for q in r["quotes"]} == {("gold", None)}
    # ids that are not strings are written with str(), a null leaves the id to annotate()
    assert seen == [{"doc_id": "7", "event": corpus[0].event}, {"event": corpus[1].event},
                    *({"doc_id": str(i), "event": d.event} for i, d in zip((9, 10, 11), corpus[2:]))]


def test_empty_layers_are_empty_lists_not_null(corpus, monkeypatch):
    bare = corpus_kz.Document(doc_id="bare", text="Nothing here.", seed_file="bare.txt", outlet="x", title=None,
                              published=None, event=corpus[0].event, genre=corpus[0].genre, language="en",
                              sha256="0" * 64)
    monkeypatch.setattr(batch, "annotate", lambda text, meta=None, *, registry=None, events=None: bare)
    out = annotate_table(pa.table({"text": ["Nothing here.", "Nor here."]}), registry={})
    for layer in LAYERS:
        assert out.column(layer).null_count == 0
        assert out.column(layer).to_pylist() == [[], []]


def test_the_bundled_registry_is_the_default(registry):
    table = _table(HAND_WRITTEN[:1])
    assert annotate_table(table).equals(annotate_table(table, registry=registry))


# -- bad input --------------------------------------------------------------------------------------

def test_a_null_text_names_its_row_and_column(registry):
    batches = [pa.record_batch({"body": ["One.", "Two."]}), pa.record_batch({"body": ["Three.", None]})]
    with pytest.raises(ValueError, match=r"row 3: column 'body' is null"):
        list(annotate_batches(batches, text_column="body", registry=registry))


def test_a_text_column_that_is_not_text_names_its_row_and_column(registry):
    with pytest.raises(TypeError, match=r"column 'text' holds int64, not text \(row 1 holds 5\)"):
        annotate_table(pa.table({"text": [None, 5]}), registry=registry)
    with pytest.raises(TypeError, match=r"column 'text' holds binary"):
        annotate_table(pa.table({"text": [b"bytes"]}), registry=registry)
    with pytest.raises(ValueError, match=r"row 0: column 'text' is null"):
        annotate_table(pa.table({"text": pa.nulls(2)}), registry=registry)


def test_missing_and_clashing_columns_are_refused(registry):
    with pytest.raises(ValueError, match=r"no column 'text' to annotate; the columns are body"):
        annotate_table(pa.table({"body": ["x"]}), registry=registry)
    with pytest.raises(ValueError, match=r"already has column\(s\) 'quotes'"):
        annotate_table(pa.table({"text": ["x"], "quotes": [1]}), registry=registry)
    with pytest.raises(ValueError, match=r"no column 'uid'"):
        annotate_table(pa.table({"text": ["x"]}), id_column="uid", registry=registry)


def test_an_error_inside_annotate_names_the_row(monkeypatch):
    def fail(text, meta=None, *, registry=None, events=None):
        if text == "bad":
            raise RuntimeError("boom")
        return annotate(text, meta, registry=registry)

    monkeypatch.setattr(batch, "annotate", fail)
    batches = [pa.record_batch({"text": ["fine"]}), pa.record_batch({"text": ["fine", "bad"]})]
    with pytest.raises(RuntimeError, match="boom") as info:
        list(annotate_batches(batches, registry={}))
    assert "while annotating row 2 (column 'text')" in info.value.__notes__


# -- progress ---------------------------------------------------------------------------------------

def test_progress_bar_on_request_only(registry, capsys):
    batches = _table(HAND_WRITTEN).to_batches(max_chunksize=2)
    list(annotate_batches(batches, registry=registry, progress=True))
    err = capsys.readouterr().err
    assert "annotate:" in err and "/4 [" in err  # a bar of documents that knows the total
    list(annotate_batches(batches, registry=registry))  # stderr is not a terminal here: no bar
    list(annotate_batches(batches, registry=registry, progress=False))
    assert capsys.readouterr().err == ""


# -- the engines ------------------------------------------------------------------------------------

def test_datasets_map_with_two_processes(corpus, registry):
    import datasets  # a core dependency: missing, the test fails

    texts = _texts(corpus)
    ds = datasets.Dataset.from_dict({"doc_id": [f"t{i}" for i in range(len(texts))], "text": texts})
    started = time.perf_counter()
    out = ds.with_format("arrow").map(annotate_table, batched=True, batch_size=2, num_proc=2,
                                      fn_kwargs={"registry": registry})
    default = ds.with_format("arrow").map(annotate_table, batched=True, batch_size=4, num_proc=2)
    print(f"datasets.map, num_proc=2, twice: {time.perf_counter() - started:.1f} s")
    rows = out.with_format(None).to_list()
    assert [r["text"] for r in rows] == texts
    _assert_rows_equal_annotate(rows, registry)
    # the bundled registry, loaded in each worker, is the default
    assert default.with_format(None).to_list() == rows


@pytest.fixture(scope="module")
def ray_runtime(request):
    import ray  # in the [test] extra: missing, the test fails rather than skips

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage report
    # Fits a 2-core CI machine: two CPUs, a small object store, no dashboard.
    ray.init(num_cpus=2, object_store_memory=150 * 1024**2, include_dashboard=False, log_to_driver=False,
             configure_logging=False)
    request.addfinalizer(ray.shutdown)
    return ray


def test_ray_data_map_batches(ray_runtime, corpus, registry):
    started = time.perf_counter()
    texts = _texts(corpus)
    table = _table(texts)
    blocks = [table.slice(i, 3) for i in range(0, table.num_rows, 3)]  # three blocks: tasks for both CPUs
    ds = ray_runtime.data.from_arrow(blocks).map_batches(annotate_table, batch_format="pyarrow", batch_size=2,
                                                         fn_kwargs={"registry": registry})
    out = pa.concat_tables(ray_runtime.get(ds.to_arrow_refs()))
    print(f"Ray Data map_batches: {time.perf_counter() - started:.1f} s")
    rows = sorted(out.to_pylist(), key=lambda r: r["n"])  # Ray need not keep the order
    assert [r["text"] for r in rows] == texts
    assert out.schema == output_schema(table.schema)
    _assert_rows_equal_annotate(rows, registry)


# -- a store from annotated rows ----------------------------------------------------------------------

def test_each_row_carries_the_entities_its_records_point_at(registry):
    out = annotate_table(_table(HAND_WRITTEN), registry=registry).to_pylist()
    for row in out:
        doc = annotate(row["text"], {"doc_id": row["doc_id"]}, registry=registry)
        assert [e["entity_id"] for e in row["entities"]] == sorted(
            {m.entity_id for m in doc.mentions} | {a.speaker_id for a in doc.attributions if a.speaker_id}
            | {f.source for f in doc.figures if f.source in doc.registry}
            | {f.holder for f in doc.frames if f.holder in doc.registry})
    added = {e["entity_id"] for row in out for e in row["entities"]} - set(registry)
    assert added, "the hand-written texts name someone the registry lacks"


def test_annotated_rows_become_a_store_that_loads_as_the_annotator_s_documents(registry, tmp_path):
    table = _table(HAND_WRITTEN).append_column("outlet", pa.array(["Gen News"] * len(HAND_WRITTEN)))
    table = table.append_column("event", pa.array(["qantar_2022"] * len(HAND_WRITTEN)))
    out = annotate_table(table, id_column="doc_id", registry=registry)
    path = batch.write_store(out.to_batches(max_chunksize=2), tmp_path / "store", progress=False)
    stored = corpus_kz.load(path)
    assert stored.doc_ids == table.column("doc_id").to_pylist()
    for row, doc in zip(out.to_pylist(), stored):
        expected = annotate(row["text"], {"doc_id": row["doc_id"]}, registry=registry)
        for layer in LAYERS:
            assert getattr(doc, layer) == getattr(expected, layer), (doc.doc_id, layer)
        assert doc.outlet == "Gen News" and doc.seed_file == f"{doc.doc_id}.txt"
    assert {e["entity_id"] for row in out.to_pylist() for e in row["entities"]} == set(stored.registry)


def test_one_id_for_two_entities_in_two_rows_is_kept_apart(tmp_path):
    from corpus_kz.arrow import record_type
    from corpus_kz.records import Entity

    def row(doc_id, name, role, spelled=None):
        spelled = spelled or name
        text = f"{spelled} said 12 people were detained.\n"
        return {"doc_id": doc_id, "text": text, "outlet": "X", "event": "qantar_2022",
                "mentions": [{"start": 0, "end": len(spelled), "text": spelled, "id": "m1", "entity_id": "smith",
                              "label": "PERSON", "form": "name", "origin": "predicted:rule", "confidence": 0.5}],
                "entities": [{"entity_id": "smith", "name": name, "label": "PERSON", "role": role,
                              "aliases": [spelled], "wikidata": None}],
                **{layer: [] for layer in LAYERS if layer != "mentions"}}

    rows = [row("d1", "John Smith", "official"), row("d2", "Jane Smith", "activist"),
            row("d3", "John Smith", "official", spelled="Smith")]
    schema = pa.schema([pa.field(n, pa.string()) for n in ("doc_id", "text", "outlet", "event")]
                       + [pa.field(layer, t) for layer, t in layer_types().items()]
                       + [pa.field("entities", pa.list_(record_type(Entity)))])
    path = batch.write_store([pa.Table.from_pylist(rows, schema)], tmp_path / "s", progress=False)
    stored = corpus_kz.load(path)
    assert stored.registry["smith"].name == "John Smith" and stored.registry["smith_2"].name == "Jane Smith"
    assert stored["d2"].mentions[0].entity_id == "smith_2"
    assert stored["d3"].mentions[0].entity_id == "smith"  # the same entity, spelled another way: joined
    assert stored.registry["smith"].aliases == ("John Smith", "Smith")
