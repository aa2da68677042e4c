"""The corpus as Hugging Face ``datasets`` objects, with explicit Features.

``load_dataset()`` builds the dataset in memory from the checked corpus: no
``datasets`` cache is involved, so it can never serve stale rows. ``export()``
writes parquet files and a dataset card so that
``datasets.load_dataset("/abs/DIR", CONFIG)`` works offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import vocab as V
from .layers import LAYERS

if TYPE_CHECKING:
    import datasets

    from .corpus import Corpus

#: The configs: one nested row per document, then one flat config per layer.
CONFIGS = ("documents", "zones", "mentions", "quotes", "attributions", "figures", "frames", "entities", "sentences")


def _class(names) -> "datasets.ClassLabel":
    from datasets import ClassLabel

    return ClassLabel(names=list(names))


def _span_features() -> dict:
    from datasets import Value

    return {"start": Value("int32"), "end": Value("int32"), "text": Value("string")}


def _layer_features() -> dict:
    from datasets import Value

    s = Value("string")
    span = _span_features()
    return {
        "zones": {"id": s, **span, "zone": _class(V.ZONES)},
        "mentions": {"id": s, **span, "label": _class(V.ENTITY_LABELS), "entity_id": s},
        "quotes": {"id": s, **span, "type": _class(V.QUOTE_TYPES)},
        "attributions": {"id": s, "quote_id": s, "cue": span, "source": span, "speaker_id": s,
                         "speaker_role": _class(V.ROLES)},
        "figures": {"id": s, **span, "number": s, "value": Value("float64"), "qualifier": _class(V.QUALIFIERS),
                    "quantity": _class(V.QUANTITIES), "unit": _class(V.UNITS), "event": _class(V.EVENTS),
                    "source": s},
        "frames": {"id": s, **span, "frame": _class(V.FRAMES), "holder": s, "stance": _class(V.STANCES)},
    }


def _flat_feature(column: str):
    from datasets import List, Value

    from .columns import CATEGORIES, INTEGER_COLUMNS

    if column in CATEGORIES:
        return _class(CATEGORIES[column])
    if column in INTEGER_COLUMNS:
        return Value("int32")
    if column == "value":
        return Value("float64")
    if column == "published":
        return Value("date32")
    if column == "aliases":
        return List(Value("string"))
    return Value("string")


def features(config: str = "documents") -> "datasets.Features":
    """The explicit Features of a config: a ClassLabel for every vocabulary."""
    from datasets import Features, List, Value

    _check_config(config)
    if config == "documents":
        s = Value("string")
        feats = {"doc_id": s, "seed_file": s, "outlet": s, "title": s, "published": Value("date32"),
                 "event": _class(V.EVENTS), "genre": _class(V.GENRES), "language": s, "sha256": s,
                 "notes": List(s), "text": s}
        feats.update({layer: List(f) for layer, f in _layer_features().items()})
        feats["sentences"] = List(_span_features())
        return Features(feats)
    if config == "attributions":
        return Features({"doc_id": Value("string"), **_layer_features()["attributions"]})
    from .columns import COLUMNS

    return Features({c: _flat_feature(c) for c in COLUMNS[config]})


def _check_config(config: str) -> None:
    if config not in CONFIGS:
        raise ValueError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")


def _span(span) -> dict | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def rows(corpus: "Corpus", config: str = "documents") -> list[dict]:
    """The rows of a config as plain dicts (labels as strings, nulls as None)."""
    _check_config(config)
    if config == "documents":
        out = []
        for d in corpus:
            row = {k: getattr(d, k) for k in ("doc_id", "seed_file", "outlet", "title", "published", "event",
                                              "genre", "language", "sha256", "text")}
            row["notes"] = list(d.notes)
            for layer in LAYERS:
                row[layer] = [_record(r) for r in getattr(d, layer)]
            row["sentences"] = [_span(s) for s in d.sentences]
            out.append(row)
        return out
    if config == "attributions":
        return [{"doc_id": d.doc_id, **_record(a)} for d in corpus for a in d.attributions]
    from . import views

    df = getattr(views, config)(corpus)
    records = df.astype(object).where(df.notna(), None).to_dict(orient="records")
    for r in records:
        if "published" in r and r["published"] is not None:
            r["published"] = r["published"].date()
    return records


def _record(r) -> dict:
    from dataclasses import fields

    out = {}
    for f in fields(r):
        value = getattr(r, f.name)
        out[f.name] = _span(value) if f.name in ("cue", "source") and not isinstance(value, str) else value
    return out


def _encode(value, feature):
    """Labels to ClassLabel ids, recursively.

    ``datasets`` decides whether a list of structs needs encoding by looking at
    its first element, so a first attribution without a role would leave every
    later role a string; encoding here, ourselves, avoids that.
    """
    from datasets import ClassLabel, List

    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.str2int(value) if isinstance(value, str) else value
    if isinstance(feature, dict):
        return {k: _encode(value.get(k), f) for k, f in feature.items()}
    if isinstance(feature, List):
        return [_encode(v, feature.feature) for v in value]
    return value


def load_dataset(config: str = "documents", corpus: "Corpus | None" = None) -> "datasets.Dataset":
    """The corpus as a ``datasets.Dataset`` with explicit Features, built in memory (no cache)."""
    from datasets import Dataset

    from . import load

    corpus = corpus if corpus is not None else load()
    feats = features(config)
    encoded = [_encode(row, dict(feats)) for row in rows(corpus, config)]
    return Dataset.from_list(encoded, features=feats)


def export(directory: str | Path, corpus: "Corpus | None" = None, progress: bool = True) -> list[Path]:
    """Write every config as parquet plus a dataset card ``README.md`` into ``directory``."""
    from . import load
    from .card import dataset_card
    from .standoff import write_text
    from .progress import track

    corpus = corpus if corpus is not None else load()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    from datasets.utils.logging import disable_progress_bar, enable_progress_bar, is_progress_bar_enabled

    inner_bars = is_progress_bar_enabled()
    disable_progress_bar()  # one bar for the whole export, not one per parquet file
    try:
        for config in track(CONFIGS, desc="export hf", disable=not progress):
            written.append(_write_parquet(load_dataset(config, corpus), directory / config / "train.parquet"))
    finally:
        if inner_bars:
            enable_progress_bar()
    card = directory / "README.md"
    write_text(card, dataset_card(corpus, {c: features(c) for c in CONFIGS}))
    written.append(card)
    return written


def _write_parquet(ds, target: Path) -> Path:
    import os
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".train.", suffix=".parquet", dir=target.parent)
    os.close(fd)
    try:
        ds.to_parquet(tmp)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
    return target

