"""Reading a corpus directory into typed, checked documents.

:func:`read` collects every problem in every file and never raises on bad
data; :func:`load` raises them all at once as a
:class:`~corpus_kz.errors.CorpusError`; ``corpus-kz validate`` prints them.
The three see exactly the same checks, so ``load()`` refuses exactly what
``validate`` reports.

Nothing outside the directory the user gave is opened: every path is
resolved first and refused if it leads out (see :mod:`.files`). Loading
needs only the standard library.
"""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable

from ..build import Builder, DocumentData, build_document, record_name, sha256_of
from ..corpus import Corpus
from ..document import Document, file_entry
from ..errors import CorpusError, Problem, json_type, show
from ..kinds import SEED_FILE, SHA256
from ..progress import track
from ..records import LAYERS
from .files import Unreadable, check_directory, path_argument, read_bytes, read_json, resolve_inside
from .layout import Layout, bundled_path
from .metadata import read_metadata

#: The top-level fields of a gold annotation file.
ANNOTATION_FIELDS = ("doc_id", "seed_file", "sha256", *LAYERS)
#: The top-level fields of a pass file: one annotator's layers and the registry that annotator built.
PASS_FIELDS = ("doc_id", "annotator", "entities", *LAYERS)

_SUMS_LINE = re.compile(rf"({SHA256}) [ *]({SEED_FILE})")
_FAILED = object()  # a file that could not be read (its problem is already reported)


def read(path: str | Path | None = None, *, annotations: bool = True, sink: Callable[[Document], None] | None = None,
         progress: bool = False) -> tuple[Corpus | None, list[Problem]]:
    """Read a corpus directory; return the corpus (None if anything is wrong) and every problem found.

    ``path`` defaults to the bundled corpus. With ``annotations=False`` only
    the manifest, the seeds and the registry are read, and every document
    has empty layers (what the annotation tools start from). With ``sink``,
    each document is handed to it as soon as it is built and checked, and
    the corpus returned has none (a store is packed so, one part in memory).
    ``progress`` shows a bar. Never raises on bad data and never writes.
    """
    path = path_argument(path)
    root = path if path is not None else bundled_path()
    try:
        real = check_directory(root)
    except Unreadable as exc:
        return None, [Problem(str(root), None, None, exc.found, exc.expected)]
    # Hundreds of thousands of small records make the cyclic collector rescan
    # the growing heap again and again; none of them forms a cycle.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Reader(root, real).corpus(annotations, sink, progress)
    finally:
        if collecting:
            gc.enable()


def load(path: str | Path | None = None, *, annotations: bool = True) -> Corpus:
    """Load the bundled corpus, a corpus directory of your own at ``path``, or a store (lazily).

    A store (:mod:`.store`, written by ``corpus-kz pack`` or
    ``Corpus.save(path, "store")``) is opened without reading a record:
    documents are read when asked for, and the views read its columns. A
    stale or changed store is refused.

    Raises :class:`~corpus_kz.errors.CorpusError` naming the file, record and
    field of every problem; never returns partly loaded data. Reads only
    files inside ``path``. A ``path`` that is no ``str`` or ``os.PathLike``
    is a ``TypeError``, an empty one a ``ValueError``: never the current
    directory by accident.
    """
    path = path_argument(path)
    if path is not None and (Path(path) / Layout.STORE).is_file():
        from .store import load_store  # pyarrow and the store's code only for a store

        return load_store(path)
    corpus, problems = read(path, annotations=annotations)
    if problems:
        raise CorpusError(problems)
    return corpus


def validate(path: str | Path | None = None) -> list[Problem]:
    """Every problem in the corpus directory (or store) at ``path``: exactly what :func:`load` refuses. Writes nothing.

    A store is checked whole: every file's sha256, and every document built again.
    ``path`` is refused as by :func:`load`.
    """
    path = path_argument(path)
    if path is not None and (Path(path) / Layout.STORE).is_file():
        from .store import validate_store

        return validate_store(path)
    return read(path)[1]


def read_pass(directory: str | Path, document: Document) -> Document:
    """One annotator's pass over ``document``: ``<directory>/<doc_id>.json``.

    A pass file has the layers of a gold file and the registry its annotator
    built (see ``annotations/passes/README.md``). It is checked like the gold
    (fields, spans against the text, references) but not held to the
    codebook's rules, which adjudication applies. Raises
    :class:`~corpus_kz.errors.CorpusError`; reads nothing outside ``directory``.
    """
    directory = path_argument(directory, "directory", "a directory of pass files")
    if directory is None:
        raise TypeError("directory: found None, expected a str or os.PathLike naming a directory of pass files")
    rel = f"{document.doc_id}.json"
    shown = str(directory / rel)
    try:
        data = read_json(check_directory(directory, "a directory of pass files"), rel)
    except Unreadable as exc:
        raise CorpusError([Problem(shown, None, None, exc.found, exc.expected)]) from None
    reader = _Reader(directory, directory)
    if not reader.annotation_file(shown, data, PASS_FIELDS, {"doc_id": document.doc_id}):
        raise CorpusError(reader.problems)
    builder = Builder(data["entities"], shown, rules=False)  # a pass is not held to the codebook's rules
    meta = document.metadata()
    parts = DocumentData(file_entry(meta), document.text, {layer: data[layer] for layer in LAYERS}, origin=shown,
                         qualified=False)
    done = build_document(parts, builder.registry, builder.problems, broken=builder.broken, rules=False, meta=meta)
    if builder.problems:
        raise CorpusError(builder.problems)
    return done


class _Reader:
    """One reading of one directory: the problems found so far, and how to report them."""

    def __init__(self, root: Path, real: Path):
        self.root, self.real = root, real
        self.problems: list[Problem] = []
        self.seen: dict[str, str] = {}  # directories found inside the corpus, for this reading only

    def bad(self, file: str, record: object, fld: str | None, found: str, expected: str) -> None:
        self.problems.append(Problem(file, None if record is None else str(record), fld, found, expected))

    def shown(self, rel: str) -> str:
        return str(self.root / rel)

    def json(self, rel: str):
        try:
            return read_json(self.real, rel, seen=self.seen)
        except Unreadable as exc:
            self.bad(self.shown(rel), None, None, exc.found, exc.expected)
            return _FAILED

    # -- the corpus ------------------------------------------------------------
    def corpus(self, annotations: bool, sink: Callable[[Document], None] | None = None,
               progress: bool = False) -> tuple[Corpus | None, list[Problem]]:
        """Every file read and every part built (:class:`corpus_kz.build.Builder`), entry by entry."""
        manifest_file = self.shown(Layout.MANIFEST)
        seeds_ok = self.directory(Layout.SEEDS, required=True)
        docs_ok = self.directory(Layout.DOCS, required=False) if annotations else False
        manifest = self.json(Layout.MANIFEST)
        registry = self.json(Layout.REGISTRY)
        # No declarations (a corpus made with 0.4): the build checks against the bundled corpus's ids.
        declared = os.path.lexists(self.real / Layout.EVENTS)
        events = self.json(Layout.EVENTS) if declared else None
        builder = Builder(registry, self.shown(Layout.REGISTRY), readable=registry is not _FAILED,
                          events=None if events is _FAILED else events,
                          events_origin=self.shown(Layout.EVENTS) if declared else None,
                          events_readable=events is not _FAILED, sink=sink)
        sums = self.sha256sums()
        if manifest is _FAILED or not seeds_ok:
            return None, self.problems + builder.problems
        if not isinstance(manifest, list):
            self.bad(manifest_file, None, None, json_type(manifest), "an array of manifest entries, one per document")
            return None, self.problems + builder.problems
        complete = True  # every manifest entry could be read: only then can a file be said to be unaccounted for
        for i, raw in enumerate(track(manifest, desc="read", disable=not progress)):
            meta = builder.entry(raw, manifest_file, f"#{i}")
            if meta is None:
                complete = complete and record_name(raw, "doc_id", "") in builder.seen  # a duplicate was read once
                continue
            parts = self.document(manifest_file, meta, sums, docs_ok)
            if parts is not None:
                builder.document(parts, meta, f"#{i}")
        if sums and complete:
            listed = {m["seed_file"] for m in manifest}
            for name in sorted(sums.keys() - listed):
                self.bad(self.shown(Layout.SHA256SUMS), name, None, "a checksum for a file no manifest entry names",
                         "one line per seed file of the manifest")
        if docs_ok and complete:
            self.orphans(set(builder.seen))
        self.problems += builder.problems
        if self.problems:
            return None, self.problems
        return builder.corpus(self.root, read_metadata(self.real, self.root))

    def document(self, manifest_file: str, meta: dict, sums: dict | None, docs_ok: bool) -> DocumentData | None:
        """A document's parts: its seed's text and, if it has one, its annotation file's layers (None: unreadable)."""
        text, digest = self.seed(manifest_file, meta, sums)
        if text is None:
            return None
        rel = Layout.doc(meta["doc_id"])
        parts = DocumentData(meta, text, origin=manifest_file, layers_origin=self.shown(rel), qualified=False,
                             digest=digest)
        if docs_ok and os.path.lexists(self.real / rel):
            data = self.json(rel)
            # A file that pins what the manifest pins is wrong only if the seed changed: the build says that once.
            agrees = isinstance(data, dict) and data.get("sha256") == meta["sha256"]
            expect = {"doc_id": meta["doc_id"], "seed_file": meta["seed_file"],
                      "sha256": meta["sha256"] if agrees else digest}
            if data is _FAILED or not self.annotation_file(self.shown(rel), data, ANNOTATION_FIELDS, expect):
                return None
            parts.layers = {layer: data[layer] for layer in LAYERS}
        return parts

    def seed(self, file: str, meta: dict, sums: dict | None) -> tuple[str | None, str | None]:
        """The seed's text and the sha256 of its bytes, checked against ``SHA256SUMS`` (the manifest's pin is the build's)."""
        rel = Layout.seed(meta["seed_file"])
        try:
            data = read_bytes(self.real, rel, seen=self.seen)
        except Unreadable as exc:
            expected = f"a file in {self.shown(Layout.SEEDS)}" if exc.found == "no such file" else exc.expected
            self.bad(file, meta["doc_id"], "seed_file", f"{show(meta['seed_file'])}, {exc.found}", expected)
            return None, None
        digest = sha256_of(data)
        if sums is not None:
            listed = sums.get(meta["seed_file"])
            if listed is None:
                self.bad(self.shown(Layout.SHA256SUMS), meta["seed_file"], None, "no line for this seed",
                         "a checksum line for every seed file of the manifest")
            elif listed != digest and listed != meta["sha256"]:  # as the manifest: a changed seed, said once
                self.bad(self.shown(Layout.SHA256SUMS), meta["seed_file"], None,
                         f"{listed} (the seed file hashes to {digest})", "the sha256 of the verbatim seed")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.bad(self.shown(rel), None, None, f"bytes that are not UTF-8 ({exc.reason} at byte {exc.start})",
                     "UTF-8 text")
            if digest != meta["sha256"]:  # the build never sees this text: say here that it is not the pinned one
                self.bad(file, meta["doc_id"], "sha256", f"{meta['sha256']} (the seed file hashes to {digest})",
                         "the sha256 of the verbatim seed; seeds are never edited")
            return None, None
        return text, digest

    def sha256sums(self) -> dict[str, str] | None:
        """``seeds/SHA256SUMS`` (``sha256sum`` output) as seed file -> hash; None when there is none."""
        if not os.path.lexists(self.real / Layout.SHA256SUMS):
            return None
        file = self.shown(Layout.SHA256SUMS)
        try:
            text = read_bytes(self.real, Layout.SHA256SUMS).decode("utf-8")
        except Unreadable as exc:
            self.bad(file, None, None, exc.found, exc.expected)
            return {}
        except UnicodeDecodeError as exc:
            self.bad(file, None, None, f"bytes that are not UTF-8 ({exc.reason})", "sha256sum output")
            return {}
        sums: dict[str, str] = {}
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            m = _SUMS_LINE.fullmatch(line)
            if m is None:
                self.bad(file, f"line {n}", None, show(line), "'<64 hex digits>  <seed file name>', as sha256sum writes")
                continue
            if m.group(2) in sums:
                self.bad(file, f"line {n}", None, f"a second line for {m.group(2)!r}", "one line per seed file")
            sums[m.group(2)] = m.group(1)
        return sums

    def directory(self, rel: str, required: bool) -> bool:
        """Whether ``rel`` is a directory inside the corpus; one problem if it is something else.

        An absent annotations directory is a corpus with no annotations yet;
        an absent seeds directory is reported by the seeds it should hold.
        """
        if not os.path.lexists(self.real / rel):
            return required
        try:
            real = resolve_inside(self.real, rel)
        except Unreadable as exc:
            self.bad(self.shown(rel), None, None, exc.found, "a directory inside the corpus")
            return False
        if not real.is_dir():
            self.bad(self.shown(rel), None, None, "a file", "a directory")
            return False
        return True

    def orphans(self, doc_ids: set[str]) -> None:
        try:
            names = sorted(os.listdir(resolve_inside(self.real, Layout.DOCS)))
        except (OSError, Unreadable):
            return
        for name in names:
            if name.startswith("."):
                continue  # editors' and our own temporary files
            doc_id = name.removesuffix(".json")
            if doc_id != name and doc_id in doc_ids:
                continue
            if doc_id != name and not (self.real / Layout.DOCS / name).is_dir():
                found = "an annotation file that no manifest entry names"
                expected = f"a manifest entry with doc_id {doc_id!r} in {self.shown(Layout.MANIFEST)}, or no such file"
            else:
                found = "something that is no annotation file (a directory, or a name not ending in .json)"
                expected = f"only <doc_id>.json files in {self.shown(Layout.DOCS)}; move anything else out"
            self.bad(self.shown(f"{Layout.DOCS}/{name}"), None, None, found, expected)

    # -- annotation files ---------------------------------------------------------
    def annotation_file(self, file: str, data: object, fields: tuple[str, ...], expect: dict) -> bool:
        """Whether an annotation file has the top-level fields it must, with what the manifest says.

        Its records are the build's to check (:mod:`corpus_kz.build`); a wrong
        pin does not stop them: the spans then show which records the change broke.
        """
        if not isinstance(data, dict):
            self.bad(file, None, None, json_type(data), "an object with the fields " + ", ".join(fields))
            return False
        if set(data) != set(fields):
            missing, unknown = [f for f in fields if f not in data], [f for f in data if f not in fields]
            found = "; ".join(p for p in (missing and f"no {', '.join(missing)}",
                                          unknown and f"unknown {show(unknown)}") if p)
            self.bad(file, None, None, f"top-level fields with {found}", f"exactly {', '.join(fields)}")
            return False
        for key, value in expect.items():
            if data[key] != value:
                why = {"doc_id": "the file's name and the manifest entry", "seed_file": "as in the manifest",
                       "sha256": f"the sha256 of {expect.get('seed_file', 'the seed')} that these offsets were made on"}
                self.bad(file, None, key, show(data[key]), f"{value!r}, {why[key]}")
        return True

