"""The corpus as Hugging Face ``datasets``: in memory with explicit Features, or exported to parquet.

Configs: ``nested`` (default; one nested row per document with the text,
its metadata and every layer in the records' file shape) and one flat config
per table of :mod:`corpus_kz.tables`, with speakers, sources and holders
resolved: the same rows and column names as the pandas views. ``documents``
was the nested config's name before 0.4; it still gives the nested rows, with
a DeprecationWarning, until 0.5 makes it the flat table of document metadata
that ``corpus.documents()`` is in pandas. Features are derived, not written down: nested ones from the
records' field kinds, flat ones from the tables' column kinds. Every
vocabulary is a ``ClassLabel``; an event's names are the events the corpus
declares (``corpus.events``), so a corpus's features are its own.

:func:`load_dataset` builds the dataset in memory from the checked corpus:
no ``datasets`` cache is involved, so it can never serve stale rows.
:func:`export` writes parquet files and a dataset card so that
``datasets.load_dataset("/abs/DIR", CONFIG)`` works offline.

ClassLabel values are integers, and null where a record has no value (a
quote without a speaker role). To filter or read them as strings::

    role = ds.features["speaker_role"]
    ds.filter(lambda r: r["speaker_role"] == role.str2int("official"))
    corpus_kz.label(role, ds[0]["speaker_role"])   # a string, or None for a null

:func:`label` is ``role.int2str`` that lets a null through: ``int2str(None)``
raises a ``ValueError``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from .. import tables as T
from ..document import Document
from ..errors import deprecated
from ..events import bundled_events
from ..kinds import CoveredText, Date, Number, Offset, Pattern, Reference, SpanOf, Strings, Text, Vocab
from ..progress import track
from ..records import LAYERS, field_kinds
from ..span import Span
from ..storage import load
from ..storage.outputs import OutputError, publish
from ..writing import write_text
from . import require
from .hf_card import dataset_card

if TYPE_CHECKING:
    from typing import Iterator

    import datasets
    import pyarrow as pa

    from ..corpus import Corpus

#: The config with one nested row per document (text, metadata and every layer).
NESTED = "nested"
#: The configs: the nested one, then one flat config per table (documents comes in 0.5: see RENAMED_CONFIGS).
CONFIGS = (NESTED,) + tuple(t for t in T.TABLES if t != "documents")
#: Config names that changed: the old name keeps working, with a DeprecationWarning, until 0.5.
RENAMED_CONFIGS = {"documents": NESTED}
#: The dataset card, and the one parquet file of each config's train split.
CARD, PARQUET = "README.md", "train.parquet"
#: What the command line prints after an export: what a Hugging Face export is not.
NOTES: tuple[str, ...] = (
    "Hugging Face: an export to load with datasets.load_dataset, which corpus-kz import does not read back; "
    "export jsonl for a lossless copy that reads back",
    "Hugging Face: labels are ClassLabel ids (corpus_kz.label(ds.features[column], value) reads one, None for a "
    "null); the registry is the entities config, and the corpus's datasheet and agreement figures are in the "
    "dataset card (README.md)",
)
#: An export that would destroy something or cannot be written; the message says what to do.
ExportError = OutputError


def _datasets() -> "datasets":
    with warnings.catch_warnings():
        # datasets imports tqdm.auto, which in a notebook without ipywidgets warns and falls back to the
        # text bar anyway; the warning only alarms people.
        warnings.filterwarnings("ignore", message="IProgress not found")
        return require("datasets", purpose="the Hugging Face format")


def _kind_feature(kind, events: list[str]):
    ds = _datasets()
    if isinstance(kind, Vocab):
        return ds.ClassLabel(names=list(kind.values))
    if isinstance(kind, Reference) and kind.target == "event":
        return ds.ClassLabel(names=events)
    if isinstance(kind, (Text, Pattern, CoveredText)):
        return ds.Value("string")
    if isinstance(kind, Offset):
        return ds.Value("int32")
    if isinstance(kind, Number):
        return ds.Value("float64")
    if isinstance(kind, Date):
        return ds.Value("date32")
    if isinstance(kind, Strings):
        return ds.List(ds.Value("string"))
    if isinstance(kind, SpanOf):
        return _record_features(kind.cls, events)
    raise TypeError(f"no feature for {kind!r}")  # pragma: no cover - a new kind must be added here


def _record_features(cls: type, events: list[str]) -> dict:
    return {name: _kind_feature(kind, events) for name, kind in field_kinds(cls)}


def _column_feature(kind, events: list[str]):
    ds = _datasets()
    if isinstance(kind, tuple) or kind == T.EVENT:
        return ds.ClassLabel(names=events if kind == T.EVENT else list(kind))
    return {T.STRING: ds.Value("string"), T.INT: ds.Value("int32"), T.OPTIONAL_INT: ds.Value("int32"),
            T.FLOAT: ds.Value("float64"), T.DATE: ds.Value("date32"), T.STRINGS: ds.List(ds.Value("string"))}[kind]


def features(config: str = NESTED, corpus: "Corpus | None" = None) -> "datasets.Features":
    """The explicit Features of a config of ``corpus``: a ClassLabel for every vocabulary.

    An event's names are the ids of the events ``corpus`` declares, in their
    order (without a corpus, the bundled corpus's).
    """
    ds = _datasets()
    config = config_name(config)
    events = [e.event_id for e in (corpus.events if corpus is not None else bundled_events())]
    if config == NESTED:
        feats = {name: _kind_feature(kind, events) for name, kind in field_kinds(Document)}
        feats["text"] = ds.Value("string")
        feats.update({layer: ds.List(_record_features(cls, events)) for layer, cls in LAYERS.items()})
        feats["sentences"] = ds.List(_record_features(Span, events))
        return ds.Features(feats)
    return ds.Features({c: _column_feature(k, events) for c, k in T.TABLES[config].columns.items()})


def config_name(config: str) -> str:
    """``config`` checked: a config name, a renamed one (with a DeprecationWarning), or a clear error."""
    if config in RENAMED_CONFIGS:
        deprecated(f"the config {config!r}", f"{RENAMED_CONFIGS[config]!r} (in 0.5, {config!r} will be the flat "
                   "table of document metadata, as corpus.documents() is)")
        return RENAMED_CONFIGS[config]
    if config not in CONFIGS:
        raise ValueError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")
    return config


def label(feature, value):
    """The name of ClassLabel id ``value`` under ``feature``, or None where ``value`` is null.

    ``value`` may also be a list of ids (a batch, or a nested row's column), read
    id by id. ``-1``, the id ``datasets`` gives an example without a label, is
    None too. Needs no import of ``datasets``: ``feature`` is the dataset's own.

    >>> import datasets
    >>> role = datasets.ClassLabel(names=["official", "expert"])
    >>> label(role, 1), label(role, None), label(role, [0, None])
    ('expert', None, ['official', None])
    """
    if isinstance(value, (list, tuple)):
        return [label(feature, v) for v in value]
    if value is None or value == -1:
        return None
    return feature.int2str(value)


def rows(corpus: "Corpus", config: str = NESTED) -> list[dict]:
    """The rows of a config as plain dicts (labels as strings, nulls as None, dates as dates)."""
    config = config_name(config)
    return [row for batch in _batches(corpus, config, encode=False) for row in batch.to_pylist()]


def _flat_table(corpus: "Corpus", config: str, encode: bool = True) -> "pa.Table":
    """A flat config as Arrow, from its pandas view: vocabularies as ClassLabel ids (``encode``) or strings."""
    import pyarrow as pa

    from ..views import table

    df = table(corpus, config)
    columns = {}
    for name, kind in T.TABLES[config].columns.items():
        values = df[name]
        if isinstance(kind, tuple) or kind == T.EVENT:
            codes = values.cat.codes.to_numpy()
            columns[name] = (pa.array(codes, mask=codes < 0, type=pa.int64()) if encode
                             else pa.array(values.astype(object).where(values.notna(), None), pa.string()))
        elif kind == T.DATE:
            columns[name] = pa.array(values.dt.date.astype(object).where(values.notna(), None), pa.date32())
        elif kind == T.STRINGS:
            columns[name] = pa.array(values, pa.list_(pa.string()))
        else:
            columns[name] = pa.Array.from_pandas(values)
    return pa.table(columns)


def load_dataset(config: str = NESTED, corpus: "Corpus | None" = None) -> "datasets.Dataset":
    """A config of ``corpus`` (default: the bundled one) as a ``datasets.Dataset``, built in memory (no cache)."""
    ds = _datasets()
    config = config_name(config)
    if corpus is None:
        corpus = load()
    feats = features(config, corpus)
    import pyarrow as pa
    from datasets.fingerprint import generate_random_fingerprint

    batches = [b.cast(feats.arrow_schema) for b in _batches(corpus, config)]
    table = pa.concat_tables(batches) if batches else feats.arrow_schema.empty_table()
    # A fingerprint of our own: datasets would hash the whole table to make one, at twice its size in memory.
    return ds.Dataset(table, info=ds.DatasetInfo(features=feats), fingerprint=generate_random_fingerprint())


def _batches(corpus: "Corpus", config: str, encode: bool = True) -> "Iterator[pa.Table]":
    """A config as Arrow tables, in order: a flat one whole, the nested one :data:`BATCH` documents at a time."""
    if config != NESTED:
        yield _flat_table(corpus, config, encode)
    else:
        yield from _nested_tables(corpus, encode)


def _encoded(array, kind, encode: bool, events: list[str]):
    """A column of record field ``kind`` as the nested config holds it: vocabularies as ClassLabel ids (``encode``).

    An event's ids are its place among the events the corpus declares.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if encode and isinstance(kind, Vocab):
        return pc.index_in(array, value_set=pa.array(kind.values, pa.string()))
    if encode and isinstance(kind, Reference) and kind.target == "event":
        return pc.index_in(array, value_set=pa.array(events, pa.string()))
    return array


#: Documents per row group of the nested config: what an export holds in memory at once beyond the flat tables.
BATCH = 1000


def _nested_tables(corpus: "Corpus", encode: bool = True) -> "Iterator[pa.Table]":
    """The nested config as Arrow, :data:`BATCH` documents at a time, from the corpus's flat tables.

    The tables come in runs of whole documents (:meth:`corpus_kz.Corpus.arrow_batches`:
    a store's parts), each holding its documents' records in order, so the
    records of a document are one run of rows: each batch is slices and
    offsets, not a loop per record, and memory holds one run.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    types = {**LAYERS, "sentences": Span}
    events = [e.event_id for e in corpus.events]
    for run in corpus.arrow_batches(["documents", *types]):
        docs = run["documents"]
        ids, n = docs.column("doc_id").combine_chunks(), docs.num_rows
        ends = {name: np.concatenate([[0], np.cumsum(np.bincount(
            np.asarray(pc.index_in(run[name].column("doc_id"), value_set=ids)), minlength=n))]) for name in types}
        for a in range(0, n, BATCH):
            b = min(a + BATCH, n)
            batch = docs.slice(a, b - a)
            columns = {name: _encoded(batch.column(name), kind, encode, events)
                       for name, kind in field_kinds(Document)}
            columns["text"] = batch.column("text")
            for name, cls in types.items():
                rows = run[name].slice(ends[name][a], ends[name][b] - ends[name][a])
                fields = [(f, _encoded(rows.column(f).combine_chunks(), kind, encode, events))
                          for f, kind in field_kinds(cls)]
                struct = pa.StructArray.from_arrays([x for _, x in fields], names=[f for f, _ in fields])
                offsets = (ends[name][a:b + 1] - ends[name][a]).astype(np.int32)
                columns[name] = pa.ListArray.from_arrays(pa.array(offsets), struct)
            yield pa.table(columns)


def export(directory: str | Path, corpus: "Corpus", *, force: bool = False, progress: bool = True) -> Path:
    """Write every config as parquet plus a dataset card ``README.md`` into ``directory``; return the directory.

    The export is built beside ``directory`` and moved into place in one
    step (:func:`corpus_kz.storage.outputs.publish`): after a crash or a kill,
    ``directory`` holds the old export or the new one, never a mix. A
    non-empty ``directory`` that is not an earlier export as it was written is
    refused unless ``force``; one that holds the corpus itself is always refused.
    """

    import pyarrow.parquet as pq

    def write(tmp: Path) -> None:
        for config in track(CONFIGS, desc="export hf", disable=not progress):
            path = tmp / config / PARQUET
            path.parent.mkdir()
            schema = features(config, corpus).arrow_schema  # with the features, so datasets reads ClassLabels back
            with pq.ParquetWriter(path, schema) as out:  # batch by batch: memory holds one
                for batch in _batches(corpus, config):
                    out.write_table(batch.cast(schema))
        write_text(tmp / CARD, dataset_card(corpus, {c: features(c, corpus) for c in CONFIGS}, PARQUET,
                                            RENAMED_CONFIGS))

    return publish(directory, write, kind="hf", corpus_path=corpus.path, force=force, what="export")
