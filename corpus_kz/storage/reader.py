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
from dataclasses import replace
from pathlib import Path

from ..codebook import problems as codebook_problems
from ..corpus import Corpus
from ..document import Document, check_layers, manifest_entry_errors
from ..errors import CorpusError, Problem, json_type, show
from ..kinds import SHA256
from ..records import LAYERS, Entity, field_kinds, from_dict
from .files import Unreadable, check_directory, read_bytes, read_json, resolve_inside
from .layout import Layout, bundled_path

#: The top-level fields of a gold annotation file.
ANNOTATION_FIELDS = ("doc_id", "seed_file", "sha256", *LAYERS)
#: The top-level fields of a pass file: one annotator's layers and the registry that annotator built.
PASS_FIELDS = ("doc_id", "annotator", "entities", *LAYERS)

try:  # the interpreter's own SHA-256 (3.12+: _sha2, 3.11: _sha256): hashlib would first initialise OpenSSL
    from _sha2 import sha256 as _sha256
except ImportError:
    try:
        from _sha256 import sha256 as _sha256
    except ImportError:
        from hashlib import sha256 as _sha256

_SUMS_LINE = re.compile(rf"({SHA256}) [ *](.+)")
_FAILED = object()  # a file that could not be read (its problem is already reported)


def _name(raw: object, key: str, fallback: str) -> str:
    """How a problem names a record: its id when it has a string one, else its position.

    (Problem.__str__ bounds and escapes whatever name it is given.)
    """
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, str) and value else fallback


def read(path: str | Path | None = None, *, annotations: bool = True) -> tuple[Corpus | None, list[Problem]]:
    """Read a corpus directory; return the corpus (None if anything is wrong) and every problem found.

    ``path`` defaults to the bundled corpus. With ``annotations=False`` only
    the manifest, the seeds and the registry are read, and every document
    has empty layers (what the annotation tools start from). Never raises on
    bad data and never writes.
    """
    root = Path(path) if path is not None else bundled_path()
    try:
        real = check_directory(root)
    except Unreadable as exc:
        return None, [Problem(str(root), None, None, exc.found, exc.expected)]
    # Hundreds of thousands of small records make the cyclic collector rescan
    # the growing heap again and again; none of them forms a cycle.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Reader(root, real).corpus(annotations)
    finally:
        if collecting:
            gc.enable()


def load(path: str | Path | None = None, *, annotations: bool = True) -> Corpus:
    """Load the bundled corpus, or a corpus directory of your own at ``path``.

    Raises :class:`~corpus_kz.errors.CorpusError` naming the file, record and
    field of every problem; never returns partly loaded data. Reads only
    files inside ``path``.
    """
    corpus, problems = read(path, annotations=annotations)
    if problems:
        raise CorpusError(problems)
    return corpus


def validate(path: str | Path | None = None) -> list[Problem]:
    """Every problem in the corpus directory at ``path``: exactly what :func:`load` refuses. Writes nothing."""
    return read(path)[1]


def read_pass(directory: str | Path, document: Document) -> Document:
    """One annotator's pass over ``document``: ``<directory>/<doc_id>.json``.

    A pass file has the layers of a gold file and the registry its annotator
    built (see ``annotations/passes/README.md``). It is checked like the gold
    (fields, spans against the text, references) but not held to the
    codebook's rules, which adjudication applies. Raises
    :class:`~corpus_kz.errors.CorpusError`; reads nothing outside ``directory``.
    """
    directory = Path(directory)
    rel = f"{document.doc_id}.json"
    shown = str(directory / rel)
    try:
        data = read_json(check_directory(directory, "a directory of pass files"), rel)
    except Unreadable as exc:
        raise CorpusError([Problem(shown, None, None, exc.found, exc.expected)]) from None
    reader = _Reader(directory, directory)
    layers = reader.annotation_layers(shown, data, PASS_FIELDS, {"doc_id": document.doc_id})
    if layers is None:
        raise CorpusError(reader.problems)
    entities = reader.entities(shown, data["entities"], "entities")
    if reader.problems:
        raise CorpusError(reader.problems)
    try:
        return replace(document, entities=entities, **layers)  # replace() runs the document's checks again
    except CorpusError as exc:
        raise CorpusError([replace(p, file=shown) for p in exc.problems]) from None


class _Reader:
    """One reading of one directory: the problems found so far, and how to report them."""

    def __init__(self, root: Path, real: Path):
        self.root, self.real = root, real
        self.problems: list[Problem] = []
        self.seen: dict[str, str] = {}  # directories found inside the corpus, for this reading only
        # Ids of records reported broken: references to them are not reported a second time.
        self.broken_entities: set[str] = set()

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
    def corpus(self, annotations: bool) -> tuple[Corpus | None, list[Problem]]:
        manifest_file = self.shown(Layout.MANIFEST)
        seeds_ok = self.directory(Layout.SEEDS, required=True)
        docs_ok = self.directory(Layout.DOCS, required=False) if annotations else False
        manifest = self.json(Layout.MANIFEST)
        registry = self.json(Layout.REGISTRY)
        entities = None if registry is _FAILED else self.entities(self.shown(Layout.REGISTRY), registry)
        sums = self.sha256sums()
        if manifest is _FAILED or not seeds_ok:
            return None, self.problems
        if not isinstance(manifest, list):
            self.bad(manifest_file, None, None, json_type(manifest), "an array of manifest entries, one per document")
            return None, self.problems
        docs: list[Document] = []
        seen: set[str] = set()
        complete = True  # every manifest entry could be read: only then can a file be said to be unaccounted for
        for i, raw in enumerate(manifest):
            meta = self.manifest_entry(manifest_file, i, raw)
            if meta is None:
                complete = False
                continue
            doc_id = meta["doc_id"]
            if doc_id in seen:
                self.bad(manifest_file, doc_id, "doc_id", f"duplicate id {doc_id!r}", "unique doc_ids")
                continue
            seen.add(doc_id)
            text, digest = self.seed(manifest_file, meta, sums)
            if text is None:
                continue
            rel = Layout.doc(doc_id)
            annotated = docs_ok and os.path.lexists(self.real / rel)
            layers = {layer: () for layer in LAYERS}
            if annotated:
                data = self.json(rel)
                if data is _FAILED:
                    continue
                expect = {"doc_id": doc_id, "seed_file": meta["seed_file"], "sha256": digest}
                layers = self.annotation_layers(self.shown(rel), data, ANNOTATION_FIELDS, expect)
                if layers is None:
                    continue
            if entities is None or self.broken_entities:
                # The registry's faults are reported once; check the rest without them.
                self.problems += check_layers(text, layers, entities, self.shown(rel), self.broken_entities)
                continue
            try:
                doc = Document(text=text, entities=entities, **meta, **layers)
            except CorpusError as exc:
                self.problems += [replace(p, file=self.shown(rel)) for p in exc.problems]
                continue
            if annotated:
                self.problems += codebook_problems(doc, self.shown(rel))
            docs.append(doc)
        if sums and complete:
            listed = {m["seed_file"] for m in manifest}
            for name in sorted(sums.keys() - listed):
                self.bad(self.shown(Layout.SHA256SUMS), name, None, "a checksum for a file no manifest entry names",
                         "one line per seed file of the manifest")
        if docs_ok and complete:
            self.orphans(seen)
        if self.problems:
            return None, self.problems
        return Corpus(docs, entities, self.root), self.problems

    def manifest_entry(self, file: str, i: int, raw: object) -> dict | None:
        rid = _name(raw, "doc_id", f"#{i}")
        kwargs, errors = manifest_entry_errors(raw)
        for e in errors:
            self.bad(file, rid, e.field, show(e.found), e.expected)
        return None if errors else kwargs

    def seed(self, file: str, meta: dict, sums: dict | None) -> tuple[str | None, str | None]:
        rel = Layout.seed(meta["seed_file"])
        try:
            data = read_bytes(self.real, rel, seen=self.seen)
        except Unreadable as exc:
            expected = f"a file in {self.shown(Layout.SEEDS)}" if exc.found == "no such file" else exc.expected
            self.bad(file, meta["doc_id"], "seed_file", f"{show(meta['seed_file'])}, {exc.found}", expected)
            return None, None
        digest = _sha256(data).hexdigest()
        # A wrong pin is reported but does not stop the checks: the spans then show what the change broke.
        if digest != meta["sha256"]:
            self.bad(file, meta["doc_id"], "sha256", f"{meta['sha256']} (the seed file hashes to {digest})",
                     "the sha256 of the verbatim seed; seeds are never edited")
        if sums is not None:
            listed = sums.get(meta["seed_file"])
            if listed is None:
                self.bad(self.shown(Layout.SHA256SUMS), meta["seed_file"], None, "no line for this seed",
                         "a checksum line for every seed file of the manifest")
            elif listed != digest:
                self.bad(self.shown(Layout.SHA256SUMS), meta["seed_file"], None,
                         f"{listed} (the seed file hashes to {digest})", "the sha256 of the verbatim seed")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.bad(self.shown(rel), None, None, f"bytes that are not UTF-8 ({exc.reason} at byte {exc.start})",
                     "UTF-8 text")
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
            if m is None or not dict(field_kinds(Document))["seed_file"].accepts(m.group(2)):
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

    # -- records -----------------------------------------------------------------
    def entities(self, file: str, data: object, fld: str | None = None) -> dict[str, Entity]:
        out: dict[str, Entity] = {}
        if not isinstance(data, list):
            self.bad(file, None, fld, json_type(data), "an array of entity records")
            return out
        for i, raw in enumerate(data):
            rid = _name(raw, "entity_id", f"#{i}")
            e, errors = from_dict(Entity, raw)
            for err in errors:
                self.bad(file, rid, err.field, show(err.found), err.expected)
            if e is None:
                self.broken_entities.add(rid)
                continue
            if e.entity_id in out:
                self.bad(file, e.entity_id, "entity_id", f"duplicate id {e.entity_id!r}", "unique entity ids")
            out[e.entity_id] = e
        return out

    def annotation_layers(self, file: str, data: object, fields: tuple[str, ...], expect: dict) -> dict | None:
        """The records of one annotation file, checked against what the manifest says; None if unusable."""
        if not isinstance(data, dict):
            self.bad(file, None, None, json_type(data), "an object with the fields " + ", ".join(fields))
            return None
        if set(data) != set(fields):
            missing, unknown = [f for f in fields if f not in data], [f for f in data if f not in fields]
            found = "; ".join(p for p in (missing and f"no {', '.join(missing)}",
                                          unknown and f"unknown {show(unknown)}") if p)
            self.bad(file, None, None, f"top-level fields with {found}", f"exactly {', '.join(fields)}")
            return None
        for key, value in expect.items():
            if data[key] != value:
                why = {"doc_id": "the file's name and the manifest entry", "seed_file": "as in the manifest",
                       "sha256": f"the sha256 of {expect.get('seed_file', 'the seed')} that these offsets were made on"}
                self.bad(file, None, key, show(data[key]), f"{value!r}, {why[key]}")
        # A wrong pin does not stop the span checks: they show which records the change broke.
        n = len(self.problems)
        layers = {layer: self.records(file, layer, data[layer]) for layer in LAYERS}
        return None if len(self.problems) > n else layers

    def records(self, file: str, layer: str, raws: object) -> tuple:
        if not isinstance(raws, list):
            self.bad(file, None, layer, json_type(raws), f"an array of {layer} records")
            return ()
        cls = LAYERS[layer]
        out = []
        for i, raw in enumerate(raws):
            record, errors = from_dict(cls, raw)
            if errors:
                rid = _name(raw, "id", f"{layer}[{i}]")
            for err in errors:
                self.bad(file, rid, err.field, show(err.found), err.expected)
            if record is not None:
                out.append(record)
        return tuple(out)
