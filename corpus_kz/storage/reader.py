"""The corpus: loading a corpus directory into typed, checked documents.

A corpus directory holds ``seeds/manifest.json`` and the seed texts, and
``annotations/entities.json`` with one ``annotations/docs/<doc_id>.json``
per document. Loading needs only the standard library.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from pathlib import Path
TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Any, Iterator

from . import vocab as V
from .document import Document
from .errors import CorpusError, Problem
from .layers import LAYERS, Attribution, Entity
from .span import FieldError, Span, check_str, check_vocab

_PACKAGE = Path(__file__).resolve().parent


def bundled_path() -> Path:
    """Where the bundled corpus lives: inside an installed wheel, or the checkout's root."""
    installed = _PACKAGE / "_data"
    return installed if (installed / "seeds").is_dir() else _PACKAGE.parent


def _view(name: str, doc: str):
    def view(self):
        from . import views

        return getattr(views, name)(self)

    view.__name__ = view.__qualname__ = name
    view.__doc__ = doc
    return view


class Corpus:
    """The documents of a corpus and their shared entity registry.

    Iterate over it, ask ``len()``, look a document up by ``doc_id`` or by
    position, and get pandas views (``documents()``, ``mentions()``, …).
    """

    def __init__(self, documents: list[Document], entities: dict[str, Entity], path: Path | None = None):
        self._docs = {d.doc_id: d for d in documents}
        self.entities_by_id = entities
        self.path = path

    def __iter__(self) -> Iterator[Document]:
        return iter(self._docs.values())

    def __len__(self) -> int:
        return len(self._docs)

    def __getitem__(self, key: str | int) -> Document:
        if isinstance(key, int):
            return list(self._docs.values())[key]
        try:
            return self._docs[key]
        except KeyError:
            raise KeyError(f"no document {key!r}; doc_ids are {', '.join(self._docs)}") from None

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    @property
    def doc_ids(self) -> list[str]:
        return list(self._docs)

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} documents, {len(self.entities_by_id)} entities from {self.path}>"

    # pandas views live in corpus_kz.views so that pandas loads only when one is asked for.
    documents = _view("documents", "One row per document (pandas DataFrame).")
    entities = _view("entities", "The entity registry (pandas DataFrame).")
    mentions = _view("mentions", "One row per entity mention (pandas DataFrame).")
    quotes = _view("quotes", "One row per quote with its speaker, cue, zone, event and outlet (pandas DataFrame).")
    figures = _view("figures", "One row per figure with its resolved source (pandas DataFrame).")
    frames = _view("frames", "One row per frame with its resolved holder (pandas DataFrame).")
    zones = _view("zones", "One row per zone (pandas DataFrame).")
    sentences = _view("sentences", "One row per sentence (pandas DataFrame).")


# -- reading ---------------------------------------------------------------

def _read_json(path: Path, problems: list[Problem]) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(str(path), None, None, "no such file", "a JSON file"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), None, None, f"broken JSON ({exc})", "a valid JSON document"))
    return None


def _build(file: str, record: str | None, problems: list[Problem], factory, **kwargs):
    """Call ``factory(**kwargs)``, turning a FieldError or a missing field into a Problem."""
    try:
        return factory(**kwargs)
    except FieldError as exc:
        problems.append(Problem(file, record, exc.field, repr(exc.found), exc.expected))
    except TypeError as exc:
        problems.append(Problem(file, record, None, str(exc), "the fields of the schema"))
    return None


def _span(file: str, record: str, fld: str, raw: Any, problems: list[Problem]) -> Span | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"start", "end", "text"}:
        problems.append(Problem(file, record, fld, repr(raw), "a span {start, end, text}"))
        return None
    span = _build(file, record, problems, Span, **raw)
    if span is None:
        problems[-1] = replace(problems[-1], field=f"{fld}.{problems[-1].field}")
    return span


def entity_records(file: str, data: Any, problems: list[Problem]) -> dict[str, Entity]:
    """Registry records from parsed JSON (the registry file, or a pass file's own ``entities``)."""
    out: dict[str, Entity] = {}
    if not isinstance(data, list):
        problems.append(Problem(file, None, None, type(data).__name__, "a list of entity records"))
        return out
    for i, raw in enumerate(data):
        rid = raw.get("entity_id", f"#{i}") if isinstance(raw, dict) else f"#{i}"
        if not isinstance(raw, dict):
            problems.append(Problem(file, rid, None, repr(raw), "an entity object"))
            continue
        e = _build(file, str(rid), problems, Entity, **dict(raw, aliases=tuple(raw.get("aliases", ()))))
        if e is None:
            continue
        if e.entity_id in out:
            problems.append(Problem(file, e.entity_id, "entity_id", f"duplicate id {e.entity_id!r}", "unique entity ids"))
        out[e.entity_id] = e
    return out


_MANIFEST_FIELDS = ("doc_id", "seed_file", "outlet", "title", "published", "event", "genre", "language", "sha256", "notes")


def _manifest_entry(file: str, i: int, raw: Any, root: Path, problems: list[Problem]) -> dict | None:
    rid = raw.get("doc_id", f"#{i}") if isinstance(raw, dict) else f"#{i}"
    if not isinstance(raw, dict) or set(raw) != set(_MANIFEST_FIELDS):
        found = sorted(raw) if isinstance(raw, dict) else repr(raw)
        problems.append(Problem(file, str(rid), None, f"fields {found}", f"exactly the fields {list(_MANIFEST_FIELDS)}"))
        return None
    n = len(problems)
    try:
        for f in ("doc_id", "seed_file", "outlet", "language", "sha256"):
            check_str(f, raw[f])
        check_str("title", raw["title"], nullable=True)
        check_vocab("event", raw["event"], V.EVENTS)
        check_vocab("genre", raw["genre"], V.GENRES)
        published = None
        if raw["published"] is not None:
            try:
                published = dt.date.fromisoformat(raw["published"])
            except (TypeError, ValueError):
                raise FieldError("published", raw["published"], "an ISO date YYYY-MM-DD or null") from None
        if not isinstance(raw["notes"], list) or not all(isinstance(x, str) for x in raw["notes"]):
            raise FieldError("notes", raw["notes"], "a list of strings")
    except FieldError as exc:
        problems.append(Problem(file, str(rid), exc.field, repr(exc.found), exc.expected))
        return None
    seed = root / "seeds" / raw["seed_file"]
    try:
        data = seed.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(file, rid, "seed_file", repr(raw["seed_file"]), f"a file in {seed.parent}"))
        return None
    digest = hashlib.sha256(data).hexdigest()
    if digest != raw["sha256"]:
        problems.append(Problem(file, rid, "sha256", f"{raw['sha256']} (the seed file hashes to {digest})",
                                "the sha256 of the verbatim seed; seeds are never edited"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(seed), None, None, f"bytes that are not UTF-8 ({exc})", "UTF-8 text"))
        return None
    if len(problems) > n:
        return None
    return dict(raw, text=text, published=published, notes=tuple(raw["notes"]), actual_sha256=digest)


def _layer_records(file: str, layer: str, raws: Any, problems: list[Problem]) -> list:
    if not isinstance(raws, list):
        problems.append(Problem(file, None, layer, type(raws).__name__, f"a list of {layer} records"))
        return []
    out = []
    factory = LAYERS[layer]
    for i, raw in enumerate(raws):
        rid = str(raw.get("id", f"{layer}[{i}]")) if isinstance(raw, dict) else f"{layer}[{i}]"
        if not isinstance(raw, dict):
            problems.append(Problem(file, rid, None, repr(raw), f"a {layer} record object"))
            continue
        if factory is Attribution:
            raw = dict(raw)
            n = len(problems)
            raw["cue"] = _span(file, rid, "cue", raw.get("cue"), problems)
            raw["source"] = _span(file, rid, "source", raw.get("source"), problems)
            if len(problems) > n:
                continue
        r = _build(file, rid, problems, factory, **raw)
        if r is not None:
            out.append(r)
    return out


def _annotation_layers(ann_file: Path, meta: dict, problems: list[Problem]) -> dict[str, list] | None:
    """The records of one annotation file, checked against its manifest entry; None if unusable."""
    ann = _read_json(ann_file, problems)
    if ann is None:
        return None
    f = str(ann_file)
    if not isinstance(ann, dict):
        problems.append(Problem(f, None, None, type(ann).__name__, "an annotation object"))
        return None
    expected_keys = {"doc_id", "seed_file", "sha256", *LAYERS}
    if set(ann) != expected_keys:
        problems.append(Problem(f, None, None, f"top-level fields {sorted(ann)}", f"exactly {sorted(expected_keys)}"))
        return None
    if ann["doc_id"] != meta["doc_id"]:
        problems.append(Problem(f, None, "doc_id", repr(ann["doc_id"]), f"{meta['doc_id']!r}, the file's name"))
    if ann["seed_file"] != meta["seed_file"]:
        problems.append(Problem(f, None, "seed_file", repr(ann["seed_file"]), f"{meta['seed_file']!r} as in the manifest"))
    if ann["sha256"] != meta["actual_sha256"]:
        problems.append(Problem(f, None, "sha256", repr(ann["sha256"]),
                                f"{meta['actual_sha256']!r}, the sha256 of {meta['seed_file']} that these offsets were made on"))
    # A wrong pin does not stop the span checks: they show which records the change broke.
    n = len(problems)
    layers = {layer: _layer_records(f, layer, ann[layer], problems) for layer in LAYERS}
    return None if len(problems) > n else layers


def read(path: str | Path | None = None) -> tuple[Corpus | None, list[Problem]]:
    """Read a corpus directory; return the corpus (None if broken) and every problem found.

    Never raises on bad data and never writes: :func:`load` and
    ``corpus-kz validate`` are both built on it.
    """
    root = Path(path) if path is not None else bundled_path()
    problems: list[Problem] = []
    manifest_file = root / "seeds" / "manifest.json"
    manifest = _read_json(manifest_file, problems)
    registry = root / "annotations" / "entities.json"
    data = _read_json(registry, problems)
    entities = entity_records(str(registry), data, problems) if data is not None else {}
    if manifest is None:
        return None, problems
    if not isinstance(manifest, list):
        problems.append(Problem(str(manifest_file), None, None, type(manifest).__name__, "a list of document records"))
        return None, problems
    docs: list[Document] = []
    seen: set[str] = set()
    for i, raw in enumerate(manifest):
        meta = _manifest_entry(str(manifest_file), i, raw, root, problems)
        if meta is None:
            continue
        doc_id = meta["doc_id"]
        if doc_id in seen:
            problems.append(Problem(str(manifest_file), doc_id, "doc_id", f"duplicate id {doc_id!r}", "unique doc_ids"))
            continue
        seen.add(doc_id)
        ann_file = root / "annotations" / "docs" / f"{doc_id}.json"
        f = str(ann_file)
        # A document without an annotation file (a new, unannotated article) has empty layers.
        layers = _annotation_layers(ann_file, meta, problems) if ann_file.exists() else {layer: [] for layer in LAYERS}
        if layers is None:
            continue
        kwargs = {k: meta[k] for k in _MANIFEST_FIELDS}
        try:
            docs.append(Document(text=meta["text"], entities=entities,
                                 **kwargs, **{k: tuple(v) for k, v in layers.items()}))
        except CorpusError as exc:
            problems += [replace(p, file=f) for p in exc.problems]
    if problems:
        return None, problems
    return Corpus(docs, entities, root), problems


def load(path: str | Path | None = None) -> Corpus:
    """Load the bundled corpus, or a corpus directory of your own at ``path``.

    Raises :class:`~corpus_kz.errors.CorpusError` naming the file, record and
    field of every problem; never returns partly loaded data.
    """
    corpus, problems = read(path)
    if problems:
        raise CorpusError(problems)
    return corpus
