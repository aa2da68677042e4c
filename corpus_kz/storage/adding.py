"""Adding articles to a corpus directory of your own: their seed texts and manifest entries, all or nothing.

The first step of growing a corpus (README, "Growing a corpus"). What
:mod:`.articles` reads (a text file, a folder of them, a CSV, JSONL or
Parquet table of one row per article) is checked article by article through
the one build step (:class:`corpus_kz.build.Builder`) before anything is
written, and any fault refuses the whole add, naming its file, line and
field. An article whose text (its sha256) is already in the corpus, or
repeats an earlier article of the same input, is skipped with a line saying
so, so that an import can be run again; a doc_id already taken is refused.

The commit is one atomic step. A new ``seeds/`` is made beside the old one
(``.seeds.*.tmp``): the old directory's files hard-linked (copied where a
link cannot be made), the new seed files, and the new ``manifest.json`` and
``SHA256SUMS``. The two directories are then exchanged in one rename
(:func:`corpus_kz.writing.replace_directory`), so at every instant ``seeds/``
is the old directory or the new one: the manifest, the sums and the seed
files always agree, and a kill at any moment leaves the old corpus or the new
one. The corpus is then loaded once to prove that it reads; if it does not,
the old seeds are put back the same way and whatever this add made is
removed. A staging directory a kill left behind is removed by the next add;
two adds to one corpus at a time are refused. The bundled corpus is never
touched. A directory that does not exist yet becomes a new corpus.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .._moved import moved_attribute
from ..build import Builder, DocumentData
from ..document import MANIFEST_DEFAULTS, file_entry
from ..errors import CorpusError, Problem, show
from ..progress import bar
from ..writing import recover_siblings, replace_directory, temporary_sibling, write_text
from .articles import TABLES, AddError, Article, Articles, read_articles
from .files import Unreadable, read_json
from .layout import Layout, bundled_path, inside_package
from .reader import read

__all__ = ["AddError", "Added", "add_articles", "add_document"]


@dataclass
class Added:
    """What an add did: the manifest entries it added, the articles it skipped, and the columns no field read."""

    entries: list[dict] = field(default_factory=list)
    #: One line per article skipped as a duplicate: where it was read, and where its text already is.
    skipped: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)


def add_articles(directory: str | Path, source: str | Path, *, outlet: str | None = None, event: str | None = None,
                 doc_id: str | None = None, columns: dict[str, str] | None = None, progress: bool | None = None,
                 **meta) -> Added:
    """Add the articles of ``source`` to the corpus at ``directory``, all or nothing.

    ``source`` is a UTF-8 text file, a folder of ``.txt`` files or a
    ``.csv``, ``.jsonl`` or ``.parquet`` table (see :mod:`.articles`;
    ``columns`` names the column of ``text`` and of each manifest field).
    ``outlet``, ``event`` and ``meta`` (``title``, ``published`` as
    ``YYYY-MM-DD``, ``genre``, ``language``, ``notes``) fill what a row
    lacks; ``doc_id`` names the one article of a text file. ``progress``:
    show bars (None: when stderr is a terminal). Raises :class:`AddError`,
    or :class:`~corpus_kz.errors.CorpusError` listing every fault of every
    article, and then nothing is changed.
    """
    root = _own_corpus(directory)
    found = read_articles(source, columns)
    given = _given(found, Path(source), outlet, event, doc_id, meta)
    created = not root.exists()
    try:
        root.mkdir(parents=True, exist_ok=True)
        with _locked(root):
            _clean(root)
            manifest = _manifest(root) if (root / Layout.MANIFEST).exists() else []
            plan = _plan(root, manifest, found, given, progress)
            if plan.entries:
                _commit(root, plan, Path(source), progress)
    except BaseException:
        if created:  # a corpus this call began: nothing of it is kept
            shutil.rmtree(root, ignore_errors=True)
        raise
    if created and not plan.entries:
        shutil.rmtree(root, ignore_errors=True)
    return Added(plan.entries, plan.skipped, found.unused)


def add_document(directory: str | Path, file: str | Path, *, outlet: str, event: str, doc_id: str | None = None,
                 **meta) -> dict:
    """Copy the article ``file`` into ``directory``'s seeds and add its manifest entry; return the entry.

    One text file: :func:`add_articles` takes a folder or a table. ``meta``
    as there. An article whose text is already in the corpus is an
    :class:`AddError` here (there is no entry to return); nothing is changed
    unless the corpus loads afterwards.
    """
    if Path(file).is_dir() or Path(file).suffix.lower() in TABLES:
        raise AddError(f"{file}: a folder or a table of articles; add them with add_articles")
    added = add_articles(directory, file, outlet=outlet, event=event, doc_id=doc_id, progress=False, **meta)
    if not added.entries:
        raise AddError(f"{added.skipped[0]}; nothing was added")
    return added.entries[0]


# -- what to add -----------------------------------------------------------------

def _own_corpus(directory: str | Path) -> Path:
    """``directory`` made absolute; an AddError if it is the bundled corpus or lies inside its data."""
    root = Path(directory).absolute()
    bundled, real = bundled_path().resolve(), root.resolve()
    if (real == bundled or inside_package(root)
            or any(real.is_relative_to(bundled / part) for part in (Layout.SEEDS, Layout.ANNOTATIONS))):
        raise AddError(f"{root} is the bundled corpus or lies inside its data, which is never changed; give a "
                       "directory of your own (a new one is created)")
    if (root / Layout.STORE).is_file():
        raise AddError(f"{root} is a columnar store, which is written whole by `corpus-kz pack`; add to the corpus "
                       "directory it was packed from, then pack it again")
    if (root / Layout.SEEDS).is_symlink():
        raise AddError(f"{root / Layout.SEEDS} is a symlink; add works on a seeds directory that is a directory")
    return root


def _given(found: Articles, source: Path, outlet: str | None, event: str | None, doc_id: str | None,
           meta: dict) -> dict:
    """The fields the command line gives, which fill what an article lacks (a text file gives none)."""
    given = {k: v for k, v in {**meta, "outlet": outlet, "event": event}.items() if v is not None}
    if "notes" in given:
        given["notes"] = list(given["notes"])
    if isinstance(given.get("published"), str):
        try:
            given["published"] = dt.date.fromisoformat(given["published"])
        except ValueError as exc:
            raise AddError(f"published date {given['published']!r}: expected a calendar date YYYY-MM-DD ({exc})") from None
    table = source.suffix.lower() in TABLES and not source.is_dir()
    if doc_id is not None:
        if table or source.is_dir():
            raise AddError("--doc-id names the one article of a text file; the doc_ids of a table come from its "
                           "id column (--id-column), those of a folder from the file names")
        found.articles[0].fields["doc_id"] = doc_id
    if not table and (outlet is None or event is None):
        raise AddError(f"{source}: a text file carries no metadata; give its --outlet and --event")
    return given


def _manifest(root: Path) -> list[dict]:
    """The corpus's manifest, read the guarded way; an AddError says what is wrong with it."""
    try:
        manifest = read_json(root.resolve(), Layout.MANIFEST)
    except Unreadable as exc:
        raise AddError(f"{root / Layout.MANIFEST}: found {exc.found}, expected {exc.expected}") from None
    if not isinstance(manifest, list) or not all(isinstance(e, dict) for e in manifest):
        raise AddError(f"{root / Layout.MANIFEST}: expected a JSON array of manifest entries (objects); "
                       "fix it with `corpus-kz validate` first")
    return manifest


def _declared(root: Path) -> dict:
    """The Builder's arguments for the events the corpus declares (none: the bundled corpus's three)."""
    if not os.path.lexists(root / Layout.EVENTS):
        return {}
    shown = str(root / Layout.EVENTS)
    try:
        return {"events": read_json(root.resolve(), Layout.EVENTS), "events_origin": shown}
    except Unreadable as exc:
        raise AddError(f"{shown}: found {exc.found}, expected {exc.expected}") from None


@dataclass
class _Plan:
    """The manifest after the add, the new seed files by name, and the duplicates skipped."""

    manifest: list[dict]
    entries: list[dict] = field(default_factory=list)
    seeds: dict[str, bytes] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def _plan(root: Path, manifest: list[dict], found: Articles, given: dict, progress: bool | None) -> _Plan:
    """Every article checked through the build step, duplicates by text skipped; a CorpusError lists every fault."""
    plan = _Plan(manifest)
    in_corpus = {e["sha256"]: e.get("doc_id") for e in manifest if isinstance(e.get("sha256"), str)}
    taken = {e["doc_id"] for e in manifest if isinstance(e.get("doc_id"), str)}
    first: dict[str, str] = {}  # sha256 -> where the input had that text first
    builder = Builder([], **_declared(root))
    shown = bar(len(found.articles), "checking", unit="article", show=progress)
    for article in found.articles:
        shown.update()
        if article.digest in in_corpus:
            plan.skipped.append(f"{article.where}: its text is already in the corpus as {in_corpus[article.digest]}")
        elif article.digest in first:
            plan.skipped.append(f"{article.where}: the same text as {first[article.digest]}")
        else:
            first[article.digest] = article.where
            entry = _entry(root, article, given, taken, builder)
            if entry is not None:
                plan.entries.append(entry)
                plan.seeds[entry["seed_file"]] = article.seed
    shown.close()
    problems = found.problems + builder.problems
    if problems:
        raise CorpusError(problems)  # each names the file and line of its article, and the field
    return plan


def _entry(root: Path, article: Article, given: dict, taken: set, builder: Builder) -> dict | None:
    """The article's manifest entry, checked by the build step as any document is; None with its problems added."""
    fields = {**MANIFEST_DEFAULTS, **given, **article.fields}  # the article's own values win over the options
    doc_id = fields.get("doc_id")
    entry = file_entry({**fields, "seed_file": f"{doc_id}.txt", "sha256": article.digest})
    if isinstance(doc_id, str) and doc_id in taken:
        builder.problems.append(Problem(article.where, doc_id, "doc_id", f"{show(doc_id)}, already in the corpus",
                                        "a doc_id of its own: give another --doc-id, or another doc_id in the row"))
        return None
    meta = builder.entry(entry, article.where, article.where)  # also: no doc_id twice in the input
    if meta is None:
        return None
    if os.path.lexists(root / Layout.seed(entry["seed_file"])):
        builder.problems.append(Problem(article.where, doc_id, "seed_file",
                                        f"{root / Layout.seed(entry['seed_file'])}, which exists",
                                        "a seed file of its own: give the article another doc_id"))
        return None
    doc = DocumentData(entry, article.text, origin=article.where, digest=article.digest)
    return entry if builder.document(doc, meta, article.where) is not None else None


# -- the commit ------------------------------------------------------------------

@contextlib.contextmanager
def _locked(root: Path):
    """Hold the corpus for this add; an AddError if another add holds it (released by the OS, even on a kill)."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): one add at a time is the user's to keep
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AddError(f"{root}: another `corpus-kz add` is adding to this corpus; run this one when it "
                           "has finished") from None
        yield
    finally:
        os.close(fd)


def _clean(root: Path) -> None:
    """Remove what a killed add left beside ``seeds/``; put the old seeds back if a kill came between two renames.

    Where the two directories cannot be exchanged in one step (not Linux),
    :func:`replace_directory` renames the old one aside first: a kill right
    then leaves no ``seeds/``, and the old one aside.
    """
    recover_siblings(root / Layout.SEEDS)


def _commit(root: Path, plan: _Plan, source: Path, progress: bool | None) -> None:
    """Make the new seeds part of the corpus in one step, then load it; take everything back if it does not load."""
    seeds, sums = root / Layout.SEEDS, root / Layout.SHA256SUMS
    old = {name: (seeds / name).read_bytes() for name in ("manifest.json", "SHA256SUMS") if (seeds / name).is_file()}
    existed = seeds.is_dir()
    made = _scaffold(root)
    files = {**plan.seeds, "manifest.json": _dumps([*plan.manifest, *plan.entries])}
    if sums.is_file():
        lines = "".join(f"{e['sha256']}  {e['seed_file']}\n" for e in plan.entries).encode("utf-8")
        files["SHA256SUMS"] = old["SHA256SUMS"] + (b"\n" if old["SHA256SUMS"][-1:] not in (b"", b"\n") else b"") + lines
    committed = False
    try:
        _replace_seeds(seeds, files, progress=progress)
        committed = True
        _, problems = read(root)  # the one final check: the corpus directory reads, with the new documents in it
        if problems:
            raise CorpusError(problems)
    except BaseException as exc:
        if committed and existed:  # the old seeds back, in one step again
            _replace_seeds(seeds, old, drop={*plan.seeds, "manifest.json", "SHA256SUMS"})
        elif committed:
            shutil.rmtree(seeds)
        for path in reversed(made):  # files first, then the folders this call made (empty by then)
            with contextlib.suppress(OSError):
                if path.is_dir():
                    path.rmdir()
                else:
                    path.unlink()
        if isinstance(exc, CorpusError):
            raise AddError(f"{root} would not load with {source} added: {exc}") from None
        raise


def _dumps(manifest: list[dict]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _scaffold(root: Path) -> list[Path]:
    """The registry and the annotations folder a new corpus needs, made before its seeds; what was made."""
    made = [p for p in (root / Layout.ANNOTATIONS, root / Layout.DOCS) if not p.exists()]
    (root / Layout.DOCS).mkdir(parents=True, exist_ok=True)
    if not (root / Layout.REGISTRY).exists():
        write_text(root / Layout.REGISTRY, "[]\n")
        made.append(root / Layout.REGISTRY)
    return made


def _replace_seeds(seeds: Path, files: dict[str, bytes], drop: set[str] = frozenset(),
                   progress: bool | None = False) -> None:
    """Put a new ``seeds/`` in place in one step: the old one's files (but ``drop``) linked, and ``files`` written."""
    stage = temporary_sibling(seeds)
    try:
        if seeds.is_dir():
            shutil.copymode(seeds, stage)
            _link_tree(seeds, stage, drop | set(files))
        shown = bar(len(files), "writing", unit="file", show=progress)
        for name, data in files.items():
            (stage / name).write_bytes(data)
            shown.update()
        shown.close()
        replace_directory(stage, seeds)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _link_tree(src: Path, dst: Path, skip: set[str] = frozenset()) -> None:
    """``dst`` made to hold what ``src`` holds (but the names in ``skip``): files hard-linked, symlinks as they are."""
    for entry in os.scandir(src):
        if entry.name in skip:
            continue
        target = dst / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        elif entry.is_dir():
            target.mkdir()
            shutil.copymode(entry.path, target)
            _link_tree(Path(entry.path), target)
        else:
            try:
                os.link(entry.path, target)
            except OSError:  # a file system without hard links, or a file another user owns
                shutil.copy2(entry.path, target)


def __getattr__(name: str):
    # Names that left this module in 0.4 keep working for a release (corpus_kz._moved).
    return moved_attribute(__name__, name)
