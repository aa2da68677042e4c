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

ClassLabel values are integers. To filter or read them as strings::

    role = ds.features["speaker_role"]
    ds.filter(lambda r: r["speaker_role"] == role.str2int("official"))
    role.int2str(ds[0]["speaker_role"])
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
from ..records import LAYERS, field_kinds, to_dict
from ..span import Span
from ..storage import load
from ..storage.outputs import OutputError, publish
from ..writing import write_text
from . import require
from .hf_card import dataset_card

if TYPE_CHECKING:
    import datasets

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
    "Hugging Face: labels are ClassLabel ids (ds.features[column].int2str reads one); the registry is the entities "
    "config, and the corpus's datasheet and agreement figures are in the dataset card (README.md)",
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


def rows(corpus: "Corpus", config: str = NESTED) -> list[dict]:
    """The rows of a config as plain dicts (labels as strings, nulls as None)."""
    config = config_name(config)
    if config != NESTED:
        return T.rows(corpus, config)
    out = []
    for d in corpus:
        row = {name: getattr(d, name) for name, _ in field_kinds(Document)}
        row["notes"] = list(d.notes)
        row["text"] = d.text
        for layer in LAYERS:  # every field, provenance included: a gold record's origin is "gold", not null
            row[layer] = [to_dict(r, complete=True) for r in getattr(d, layer)]
        row["sentences"] = [{"start": s.start, "end": s.end, "text": s.text} for s in d.sentences]
        out.append(row)
    return out


def _encoder(feature):
    """A function that turns labels into ClassLabel ids, recursively, for values of ``feature``.

    ``datasets`` decides whether a list of structs needs encoding by looking at
    its first element, so a first attribution without a role would leave every
    later role a string; encoding here, ourselves, avoids that. The function
    is built once per feature: deciding per value cost a quarter of an export.
    """
    ds = _datasets()
    if isinstance(feature, ds.ClassLabel):
        ids = {name: i for i, name in enumerate(feature.names)}
        return lambda v: ids[v] if type(v) is str else v
    if isinstance(feature, dict):
        parts = [(k, _encoder(f)) for k, f in feature.items()]
        if all(p is None for _, p in parts):
            return None
        return lambda v: None if v is None else {k: (v.get(k) if p is None else p(v.get(k))) for k, p in parts}
    if isinstance(feature, ds.List):
        inner = _encoder(feature.feature)
        return None if inner is None else (lambda v: None if v is None else [inner(x) for x in v])
    return None  # nothing to encode below this feature


def load_dataset(config: str = NESTED, corpus: "Corpus | None" = None) -> "datasets.Dataset":
    """A config of ``corpus`` (default: the bundled one) as a ``datasets.Dataset``, built in memory (no cache)."""
    ds = _datasets()
    config = config_name(config)
    if corpus is None:
        corpus = load()
    feats = features(config, corpus)
    encode = _encoder(dict(feats))
    encoded = [row if encode is None else encode(row) for row in rows(corpus, config)]
    if not encoded:  # from_list cannot take features for no rows
        return ds.Dataset.from_dict({name: [] for name in feats}, features=feats)
    return ds.Dataset.from_list(encoded, features=feats)



def export(directory: str | Path, corpus: "Corpus", *, force: bool = False, progress: bool = True) -> Path:
    """Write every config as parquet plus a dataset card ``README.md`` into ``directory``; return the directory.

    The export is built beside ``directory`` and moved into place in one
    step (:func:`corpus_kz.storage.outputs.publish`): after a crash or a kill,
    ``directory`` holds the old export or the new one, never a mix. A
    non-empty ``directory`` that is not an earlier output is refused unless
    ``force``; one that holds the corpus itself is always refused.
    """

    ds = _datasets()

    def write(tmp: Path) -> None:
        inner_bars = ds.utils.logging.is_progress_bar_enabled()
        ds.utils.logging.disable_progress_bar()  # one bar for the whole export, not one per parquet file
        try:
            for config in track(CONFIGS, desc="export hf", disable=not progress):
                path = tmp / config / PARQUET
                path.parent.mkdir()
                load_dataset(config, corpus).to_parquet(str(path))
        finally:
            if inner_bars:
                ds.utils.logging.enable_progress_bar()
        write_text(tmp / CARD, dataset_card(corpus, {c: features(c, corpus) for c in CONFIGS}, PARQUET,
                                            RENAMED_CONFIGS))

    return publish(directory, write, kind="hf", corpus_path=corpus.path, force=force, what="export")
