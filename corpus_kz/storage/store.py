"""The columnar store: a corpus as Parquet files, one table per layer, read lazily.

A store is a directory::

    store.json                  what it is: counts, parts, every file's sha256, what it was packed from
    entities.parquet            the registry, one row per entity
    documents/part-00000.parquet    manifest entries and texts, one row per document
    zones/part-00000.parquet        one row per record, in the JSON Lines export's shape (doc_id first)
    mentions/ quotes/ attributions/ figures/ frames/    the same, part by part
    source.parquet              the files it was packed from (path, size, mtime, sha256), when packed
    DATASHEET.md, agreement.json    what the corpus says about itself, when it says it

The tables are those of :mod:`corpus_kz.arrow`, typed from the records'
field kinds. Part ``k`` of every table holds the records of the same whole
documents: a document is never split across files, and a part holds
thousands of documents, so ``ray.data.read_parquet``,
``datasets.load_dataset("parquet", …)``, DuckDB and Spark read a table's
directory as it is and split work by file.

A store is checked once, when it is written: its documents come from a
checked :class:`~corpus_kz.Corpus` or through the build step. Reading it
trusts what it wrote and checks that it is what it wrote: every file must
have the size ``store.json`` records, no file may be added, and each file's
sha256 is verified the first time it is read. A store packed from a corpus
directory records that directory's files; while that directory is there,
a change to any of them makes the store stale, and a stale store is refused
(``corpus-kz pack`` rebuilds it), never served.

The standoff directory stays the editable, reviewable source for gold; the
store is what large and predicted corpora live in. Importing this module
needs only the standard library; reading or writing a store imports pyarrow.
"""

from __future__ import annotations

import bisect
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..build import DocumentData, build_document, decode_registry, sha256_of
from ..corpus import Corpus
from ..errors import CorpusError, Problem, show
from ..events import decode_events
from ..metadata import CorpusMetadata
from ..progress import track
from ..records import LAYERS, to_dict
from ..version import __version__
from ..writing import write_bytes, write_text
from .files import Unreadable, check_directory, parse_json
from .layout import Layout
from .outputs import publish

if TYPE_CHECKING:
    from typing import Callable, Iterable, Iterator

    import pyarrow as pa

    from ..document import Document
    from ..registry import Registry

__all__ = ["STORE_FILE", "PartWriter", "Store", "StoreError", "is_store", "load_store", "open_store",
           "publish_store", "validate_store", "write_store"]

#: The file that makes a directory a store, and says what is in it.
STORE_FILE = Layout.STORE
#: What ``store.json`` calls the format, and the version this code writes and reads.
FORMAT, VERSION = "corpus_kz store", 1
#: The files a store was packed from, one row per file.
SOURCE_FILE = "source.parquet"
#: The tables split into parts (the registry is one file: every document shares it).
PARTED = ("documents", *LAYERS)
#: A part ends at this many documents or this many characters of text, whichever comes first: parts of tens
#: of megabytes, big enough that a million news articles make a few hundred files per table, small enough that
#: a worker (or an export streaming part by part) holds one in a few hundred megabytes.
DOCS_PER_PART, CHARS_PER_PART = 50_000, 16 << 20
#: Parquet's compression: zstd reads everywhere (Arrow, DuckDB, Spark, datasets) and halves news text.
COMPRESSION = "zstd"
#: The metadata files a store keeps beside its tables (named as in a corpus directory).
METADATA_FILES = {"datasheet": "DATASHEET.md", "agreement": "agreement.json", "events": "events.json"}


class StoreError(CorpusError):
    """A store that is not what it says (tampered, incomplete) or is older than what it was packed from."""


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in blocks (a part may be large)."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def part_name(table: str, k: int) -> str:
    """The relative path of part ``k`` of ``table``: ``quotes/part-00003.parquet``."""
    return f"{table}/part-{k:05d}.parquet"


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a store (a directory with ``store.json``)."""
    return (Path(path) / STORE_FILE).is_file()


# -- writing ----------------------------------------------------------------------------------------

class PartWriter:
    """Documents in, Parquet parts out, a batch of documents at a time: memory holds one batch, not a part.

    Each table's part is one Parquet file written row group by row group;
    a part is closed (and its files hashed) when it holds
    :data:`DOCS_PER_PART` documents or :data:`CHARS_PER_PART` characters.
    """

    #: Documents converted to Arrow together: one row group of each table.
    BATCH = 1000

    def __init__(self, tmp: Path, registry: Registry):
        self.tmp, self.registry = tmp, registry
        self.batch: list[Document] = []
        self.part_docs = self.part_chars = 0
        self.writers: dict = {}
        self.parts: list[dict] = []
        self.files: dict[str, dict] = {}
        self.rows = dict.fromkeys(PARTED, 0)
        self.seen: set[str] = set()
        self.first: str | None = None
        self.last: str | None = None

    def add(self, doc: Document) -> None:
        self._unique([doc.doc_id])
        self.batch.append(doc)
        self.part_docs += 1
        self.part_chars += len(doc.text)
        if len(self.batch) >= self.BATCH:
            self.write_batch()
        if self.part_docs >= DOCS_PER_PART or self.part_chars >= CHARS_PER_PART:
            self.close_part()

    def write_batch(self) -> None:
        if not self.batch:
            return
        from ..columns import tables

        self.write_tables(tables(self.batch, self.registry, PARTED))
        self.batch = []

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        """One row group of every table of the current part: the rows of some whole documents."""
        import pyarrow.parquet as pq

        k = len(self.parts)
        for name in PARTED:
            table = tables[name]
            if name not in self.writers:
                path = self.tmp / part_name(name, k)
                path.parent.mkdir(parents=True, exist_ok=True)
                self.writers[name] = pq.ParquetWriter(path, table.schema, compression=COMPRESSION)
            self.writers[name].write_table(table)
            self.rows[name] += table.num_rows
        ids = tables["documents"].column("doc_id")
        self.first = self.first or ids[0].as_py()
        self.last = ids[-1].as_py()

    def add_tables(self, run: dict[str, pa.Table]) -> None:
        """A run of whole documents as flat tables (:meth:`corpus_kz.Corpus.arrow_batches`), written as they are.

        The tables come from a checked corpus, so they are not built into
        Documents again: each :data:`BATCH` documents are sliced out of them
        (a document's records are one run of rows) and written as a row group.
        """
        import numpy as np
        import pyarrow.compute as pc

        docs = run["documents"]
        ids = docs.column("doc_id").combine_chunks()
        self._unique(ids.to_pylist())
        ends = {name: np.concatenate([[0], np.cumsum(np.bincount(
            np.asarray(pc.index_in(run[name].column("doc_id"), value_set=ids)), minlength=len(ids)))])
            for name in LAYERS}
        chars = np.asarray(pc.utf8_length(docs.column("text").combine_chunks()).fill_null(0))
        a = 0
        while a < len(ids):
            room = DOCS_PER_PART - self.part_docs
            b = min(a + self.BATCH, a + room, len(ids))
            # no more characters than a part may hold, but at least one document
            over = np.searchsorted(np.cumsum(chars[a:b]), CHARS_PER_PART - self.part_chars, side="right")
            b = max(a + 1, min(b, a + int(over) + 1))
            self.write_tables({"documents": docs.slice(a, b - a),
                               **{name: run[name].slice(ends[name][a], ends[name][b] - ends[name][a])
                                  for name in LAYERS}})
            self.part_docs += b - a
            self.part_chars += int(chars[a:b].sum())
            if self.part_docs >= DOCS_PER_PART or self.part_chars >= CHARS_PER_PART:
                self.close_part()
            a = b

    def _unique(self, doc_ids: list[str]) -> None:
        again = [d for d in doc_ids if d in self.seen]
        if again:  # a Corpus cannot hold two, but a stream of documents might
            raise CorpusError([Problem("the store", again[0], "doc_id", f"{again[0]!r} a second time",
                                       "a doc_id no other document of the store has")])
        self.seen.update(doc_ids)

    def close_part(self) -> None:
        self.write_batch()
        if not self.writers:
            return
        k = len(self.parts)
        for name, writer in self.writers.items():
            writer.close()
            self.record(part_name(name, k))
        self.parts.append({"documents": self.part_docs, "first": self.first, "last": self.last})
        self.writers, self.part_docs, self.part_chars, self.first = {}, 0, 0, None

    def record(self, rel: str) -> None:
        """A written file's sha256 and size, for ``store.json``."""
        self.files[rel] = {"sha256": file_sha256(self.tmp / rel), "bytes": (self.tmp / rel).stat().st_size}

    def write(self, rel: str, table: pa.Table) -> None:
        import pyarrow.parquet as pq

        pq.write_table(table, self.tmp / rel, compression=COMPRESSION)
        self.record(rel)

    def finish(self, metadata: CorpusMetadata, source: dict | None) -> None:
        from ..columns import entities_table

        self.close_part()
        self.write("entities.parquet", entities_table(self.registry))
        for name in PARTED:  # a table with no records still has its (empty) directory
            (self.tmp / name).mkdir(exist_ok=True)
        if metadata.datasheet is not None:
            self.keep(METADATA_FILES["datasheet"], metadata.datasheet.encode("utf-8"))
        if metadata.agreement is not None:
            self.keep(METADATA_FILES["agreement"], (json.dumps(metadata.agreement, ensure_ascii=False, indent=1)
                                                    + "\n").encode("utf-8"))
        if metadata.events is not None:  # declared by the corpus; none declared means the bundled corpus's
            events = [to_dict(e) for e in metadata.events]
            self.keep(METADATA_FILES["events"], (json.dumps(events, ensure_ascii=False, indent=1, default=str)
                                                 + "\n").encode("utf-8"))
        if source is not None:
            self.write(SOURCE_FILE, _source_table(source["files"]))
        info = {"format": FORMAT, "version": VERSION, "corpus_kz": __version__,
                "documents": sum(p["documents"] for p in self.parts), "entities": len(self.registry),
                "rows": self.rows, "parts": self.parts, "files": self.files,
                "source": None if source is None else source["path"],
                "provenance": list(metadata.provenance)}
        write_text(self.tmp / STORE_FILE, json.dumps(info, ensure_ascii=False, indent=1) + "\n")

    def keep(self, rel: str, data: bytes) -> None:
        write_bytes(self.tmp / rel, data)
        self.record(rel)


def write_store(directory: str | Path, documents: Iterable[Document], registry: Registry, *,
                metadata: CorpusMetadata | None = None, force: bool = False, progress: bool = True,
                total: int | None = None, corpus_path: Path | None = None, source: dict | None = None) -> Path:
    """Write documents (checked ones: a Corpus's, or the build step's) as a store at ``directory``; return it.

    Written aside and moved in whole (:func:`.outputs.publish`); an earlier
    store there is replaced, anything else only with ``force``.
    """
    def write(tmp: Path) -> None:
        parts = PartWriter(tmp, registry)
        for doc in track(documents, desc="store", total=total, disable=not progress):
            parts.add(doc)
        parts.finish(metadata or CorpusMetadata(), source)

    return publish(directory, write, kind="store", corpus_path=corpus_path, force=force, what="store")


def publish_store(directory: str | Path, write: Callable[[PartWriter], None], metadata: CorpusMetadata, *,
                  force: bool = False, progress: bool | None = None) -> Path:
    """A store written by ``write(parts)`` (documents added to a :class:`PartWriter`), then finished and moved in whole.

    ``write`` may set ``parts.registry`` once it knows the registry (a stream learns it as it goes).
    """
    from ..registry import Registry

    def build(tmp: Path) -> None:
        parts = PartWriter(tmp, Registry())
        write(parts)
        parts.finish(metadata, None)

    return publish(directory, build, kind="store", corpus_path=None, force=force, what="store")


def save(corpus: Corpus, path: str | Path, *, force: bool = False, progress: bool = True) -> Path:
    """:meth:`corpus_kz.Corpus.save` with ``format="store"``: the corpus's flat tables, run by run, as they are.

    A Corpus is checked already, so its tables are written without building
    a Document (a store copied to a store is read and written part by part).
    """
    def write(tmp: Path) -> None:
        parts = PartWriter(tmp, corpus.registry)
        runs = corpus.arrow_batches(["documents", *LAYERS])
        for run in track(runs, desc="store", disable=not progress):
            parts.add_tables(run)
        parts.finish(corpus.metadata, None)

    return publish(path, write, kind="store", corpus_path=corpus.path, force=force, what="store")


# -- what a store was packed from -------------------------------------------------------------------

def check_source(root: Path) -> Path:
    try:
        return check_directory(root)
    except Unreadable as exc:
        raise CorpusError([Problem(str(root), None, None, exc.found, exc.expected)]) from None


def _source_files(real: Path) -> Iterator[tuple[str, os.stat_result]]:
    """Every file of a corpus directory that makes its corpus: seeds, registry, annotation files, datasheet."""
    for rel in (Layout.SEEDS, Layout.DOCS):
        top = real / rel
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):  # editors' and our own temporary files
                    path = Path(folder, name)
                    yield path.relative_to(real).as_posix(), path.stat()
    for rel in (Layout.REGISTRY, Layout.DATASHEET, Layout.AGREEMENT):
        try:
            yield rel, (real / rel).stat()
        except FileNotFoundError:
            continue


def fingerprint(real: Path) -> dict[str, tuple[int, int, str]]:
    """Path -> (size, mtime in ns, sha256) of every file that makes the corpus at ``real``."""
    out = {}
    for rel, st in _source_files(real):
        out[rel] = (st.st_size, st.st_mtime_ns, sha256_of((real / rel).read_bytes()))
    return out


def _source_table(files: dict[str, tuple[int, int, str]]) -> pa.Table:
    import pyarrow as pa

    rels = sorted(files)
    return pa.table({"path": pa.array(rels, pa.string()),
                     "bytes": pa.array([files[r][0] for r in rels], pa.int64()),
                     "mtime_ns": pa.array([files[r][1] for r in rels], pa.int64()),
                     "sha256": pa.array([files[r][2] for r in rels], pa.string())})


def changes(real: Path, recorded: dict[str, tuple[int, int, str]]) -> list[str]:
    """What differs between the corpus directory at ``real`` and ``recorded``: 'changed x', 'added y', 'removed z'.

    A file whose size and modification time are as recorded is taken as
    unchanged; any other is hashed, so touching a file does not make a store
    stale, and editing one does.
    """
    out, present = [], set()
    for rel, st in _source_files(real):
        present.add(rel)
        was = recorded.get(rel)
        if was is None:
            out.append(f"added {rel}")
        elif (st.st_size, st.st_mtime_ns) != was[:2] and sha256_of((real / rel).read_bytes()) != was[2]:
            out.append(f"changed {rel}")
    out += [f"removed {rel}" for rel in sorted(recorded.keys() - present)]
    return out


# -- reading -------------------------------------------------------------------------------------------

class Store:
    """An open store: its description, its registry, and its tables read part by part, each file verified once.

    It is the source of a lazy :class:`~corpus_kz.Corpus` (see
    :meth:`corpus_kz.Corpus.over`): ``document(i)`` reads the part that holds
    document ``i`` (and keeps that one part's records until another is asked
    for), ``table(name, columns)`` reads only those columns of every part.
    """

    def __init__(self, root: Path, real: Path, info: dict):
        self.root, self.real, self.info = root, real, info
        self.parts: list[dict] = info["parts"]
        counts = [p["documents"] for p in self.parts]
        self.starts = [sum(counts[:k]) for k in range(len(counts))]
        self.total = sum(counts)
        self._verified: set[str] = set()
        self._doc_ids: list[str] | None = None
        self._cached: tuple[int, list[DocumentData]] | None = None
        self._derived: dict[str, pa.Table] = {}

    def __len__(self) -> int:
        return self.total

    def __repr__(self) -> str:
        return f"<Store of {self.total} documents in {len(self.parts)} parts at {self.root}>"

    # -- files --------------------------------------------------------------------------------------
    def path(self, rel: str) -> Path:
        """A verified file of the store: the first time it is asked for, its sha256 must be the recorded one."""
        if rel not in self._verified:
            expected = self.info["files"].get(rel)
            digest = file_sha256(self.real / rel)
            if expected is None or digest != expected["sha256"]:
                raise StoreError([Problem(str(self.root / rel), None, None, f"a file whose sha256 is {digest}",
                                          f"{expected['sha256'] if expected else 'no such file'}, as {STORE_FILE} "
                                          "records: the store was changed after it was written; write it again "
                                          "(corpus-kz pack, or Corpus.save(path, 'store'))")])
            self._verified.add(rel)
        return self.real / rel

    def read(self, rel: str, columns: list[str] | None = None) -> pa.Table:
        import pyarrow.parquet as pq

        return pq.read_table(self.path(rel), columns=columns)

    # -- the Source protocol of a lazy Corpus ----------------------------------------------------------
    def doc_ids(self) -> list[str]:
        if self._doc_ids is None:
            self._doc_ids = self.table("documents", ["doc_id"]).column("doc_id").to_pylist()
        return self._doc_ids

    def table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        import pyarrow as pa

        from ..arrow import DERIVED, table_schema

        schema = table_schema(name)  # a clear error for an unknown table
        if name == "entities":
            return self.read("entities.parquet", columns)
        if name in DERIVED:  # from the texts, once per store opened
            if name not in self._derived:
                from ..columns import sentences_table

                docs = self.table("documents", ["doc_id", "text"])
                self._derived[name] = sentences_table(docs.column("doc_id").to_pylist(),
                                                      docs.column("text").to_pylist())
            table = self._derived[name]
            return table if columns is None else table.select(columns)
        tables = [self.read(part_name(name, k), columns) for k in range(len(self.parts))]
        if not tables:
            return schema.empty_table() if columns is None else schema.empty_table().select(columns)
        return pa.concat_tables(tables)

    def batches(self, names: list[str]) -> Iterator[dict[str, pa.Table]]:
        """Part by part: each part's rows of the tables ``names`` (sentences derived from the part's texts)."""
        from ..arrow import DERIVED, table_schema
        from ..columns import sentences_table

        for name in names:
            table_schema(name)  # a clear error for an unknown table
        for k in range(len(self.parts)):
            out = {}
            for name in names:
                if name == "entities":
                    out[name] = self.read("entities.parquet")
                elif name in DERIVED:
                    docs = self.read(part_name("documents", k), ["doc_id", "text"])
                    out[name] = sentences_table(docs.column("doc_id").to_pylist(), docs.column("text").to_pylist())
                else:
                    out[name] = self.read(part_name(name, k))
            yield out

    def document(self, position: int, registry: Registry) -> Document:
        k = bisect.bisect_right(self.starts, position) - 1
        return self._build(self.part(k)[position - self.starts[k]], registry)

    def documents(self, registry: Registry) -> Iterator[Document]:
        for k in range(len(self.parts)):
            for data in self.part(k):
                yield self._build(data, registry)

    def part(self, k: int) -> list[DocumentData]:
        """Part ``k`` as each document's parts in file shape (the last part read is kept)."""
        if self._cached is not None and self._cached[0] == k:
            return self._cached[1]
        docs = self.read(part_name("documents", k)).to_pylist()
        out = []
        for row in docs:
            text = row.pop("text")
            if row["published"] is not None:
                row["published"] = row["published"].isoformat()
            out.append(DocumentData(row, text, origin=str(self.root / part_name("documents", k)), qualified=True))
        at = {d.entry["doc_id"]: d for d in out}
        for layer in LAYERS:
            for record in self.read(part_name(layer, k)).to_pylist():
                at[record.pop("doc_id")].layers[layer].append(record)
        self._cached = (k, out)
        return out

    def _build(self, data: DocumentData, registry: Registry) -> Document:
        problems: list[Problem] = []
        # Checked when written: the codebook's rules are not run again, the fields and spans are (cheaply).
        doc = build_document(data, registry, problems, rules=False)
        if problems:
            raise StoreError(problems)
        return doc


def _info(root: Path, real: Path) -> dict:
    """``store.json``, checked for what reading needs: the format, the version, the parts and the files."""
    file = str(root / STORE_FILE)
    try:
        info = parse_json((real / STORE_FILE).read_bytes())
    except (OSError, Unreadable) as exc:
        found = exc.found if isinstance(exc, Unreadable) else str(exc)
        raise StoreError([Problem(file, None, None, found, f"the {STORE_FILE} a store is described by")]) from None
    if not isinstance(info, dict) or info.get("format") != FORMAT:
        raise StoreError([Problem(file, None, "format", show(info.get("format") if isinstance(info, dict) else info),
                                  repr(FORMAT))])
    if info.get("version") != VERSION:
        raise StoreError([Problem(file, None, "version", show(info.get("version")),
                                  f"{VERSION}, the version corpus_kz {__version__} reads; pack the corpus again")])
    for key, kind in (("parts", list), ("files", dict), ("documents", int)):
        if not isinstance(info.get(key), kind):
            raise StoreError([Problem(file, None, key, show(info.get(key)), f"a {kind.__name__}, as a store writes it")])
    return info


def _complete(root: Path, real: Path, info: dict) -> None:
    """Every recorded file there with its recorded size, every part of every table listed, nothing added."""
    problems = []
    files = info["files"]
    for rel, meta in sorted(files.items()):
        try:
            size = (real / rel).stat().st_size
        except OSError:
            problems.append(Problem(str(root / rel), None, None, "no such file", f"a file of the store ({STORE_FILE})"))
            continue
        if size != meta.get("bytes"):
            problems.append(Problem(str(root / rel), None, None, f"{size} bytes",
                                    f"{meta.get('bytes')} bytes, as {STORE_FILE} records: the store was changed "
                                    "after it was written"))
    for name in PARTED:
        expected = {part_name(name, k) for k in range(len(info["parts"]))}
        try:
            found = {f"{name}/{n}" for n in os.listdir(real / name) if not n.startswith(".")}
        except OSError:
            found = set()
        for rel in sorted(found - expected):
            problems.append(Problem(str(root / rel), None, None, "a file the store did not write",
                                    f"only the {len(expected)} parts {STORE_FILE} lists; move it out (a reader "
                                    "of the directory would take it for records)"))
        problems += [Problem(str(root / rel), None, None, "no such file", f"a part {STORE_FILE} lists")
                     for rel in sorted(expected - found) if rel not in files]
    if problems:
        raise StoreError(problems)


def _fresh(store: Store) -> None:
    """Refuse a store whose corpus directory is there and has changed since it was packed."""
    rel = store.info.get("source")
    if rel is None:
        return
    source = (store.real / rel).resolve()
    if not (source / Layout.MANIFEST).is_file():
        return  # moved without its corpus directory: the store stands alone
    recorded = {r["path"]: (r["bytes"], r["mtime_ns"], r["sha256"])
                for r in store.read(SOURCE_FILE).to_pylist()}
    found = changes(source, recorded)
    if found:
        shown = "; ".join(found[:3]) + (f"; and {len(found) - 3} more" if len(found) > 3 else "")
        raise StoreError([Problem(str(store.root / STORE_FILE), None, "source",
                                  f"a store packed from {source}, which has changed since ({shown})",
                                  f"a store as new as its corpus: run `corpus-kz pack {source} --force` to "
                                  f"rebuild it, or load {source} itself")])


def open_store(path: str | Path) -> Store:
    """The store at ``path``, checked to be complete and as new as what it was packed from; no record is read."""
    root = Path(path)
    real = check_source(root)
    info = _info(root, real)
    _complete(root, real, info)
    store = Store(root, real, info)
    _fresh(store)
    return store


def load_store(path: str | Path) -> Corpus:
    """A lazy :class:`~corpus_kz.Corpus` over the store at ``path``: the registry is read, no document is."""
    store = open_store(path)
    registry, _, problems = decode_registry(store.read("entities.parquet").to_pylist(), str(store.root))
    if problems:
        raise StoreError(problems)
    meta = {}
    for key, name in METADATA_FILES.items():
        if name in store.info["files"]:
            data = store.path(name).read_bytes().decode("utf-8")
            meta[key] = data if key == "datasheet" else json.loads(data)
    if "events" in meta:
        meta["events"], problems = decode_events(meta["events"], str(store.root / METADATA_FILES["events"]))
        if problems:
            raise StoreError(problems)
    metadata = CorpusMetadata(**meta, provenance=(*store.info.get("provenance", ()), f"read from {store.root}"))
    return Corpus.over(store, registry, path=store.root, metadata=metadata)


def validate_store(path: str | Path) -> list[Problem]:
    """Every problem of the store at ``path``: its description, every file's sha256, every document built again."""
    try:
        corpus = load_store(path)
        store = corpus._source
        for rel in sorted(store.info["files"]):
            store.path(rel)
        for _ in corpus:
            pass
    except CorpusError as exc:
        return list(exc.problems)
    return []
