"""Adding an article to a corpus directory of your own: its seed text and its manifest entry.

The first step of growing a corpus (README, "Growing a corpus"): the text is
copied verbatim into ``seeds/``, pinned by its sha256 in the manifest (and in
``SHA256SUMS`` when the corpus keeps one), and the directory is loaded again
to prove it still reads. The bundled corpus is never touched. A directory
that does not exist yet becomes a new corpus.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
from pathlib import Path

from ..build import DocumentData, build_document, sha256_of
from ..document import MANIFEST_DEFAULTS, file_entry
from .._moved import moved_attribute
from ..errors import CorpusError
from ..registry import Registry
from ..writing import write_bytes, write_text
from .files import MAX_FILE_BYTES, Unreadable, read_json
from .layout import Layout, bundled_path, inside_package
from .reader import load

__all__ = ["AddError", "add_document"]


class AddError(ValueError):
    """An article that cannot be added; the message says what to give instead."""


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


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("_.-")[:120]
    return slug or "article"


def _own_corpus(directory: str | Path) -> Path:
    """``directory`` made absolute; an AddError if it is the bundled corpus or lies inside its data."""
    root = Path(directory).absolute()
    bundled, real = bundled_path().resolve(), root.resolve()
    if (real == bundled or inside_package(root)
            or any(real.is_relative_to(bundled / part) for part in (Layout.SEEDS, Layout.ANNOTATIONS))):
        raise AddError(f"{root} is the bundled corpus or lies inside its data, which is never changed; give a "
                       "directory of your own (a new one is created)")
    return root


def _article(file: str | Path) -> tuple[bytes, str]:
    """The article's bytes and text: a UTF-8 text file of bounded size that is not empty."""
    source = Path(file)
    if source.is_dir():
        raise AddError(f"{source}: a directory; expected a UTF-8 text file with the article")
    if not source.is_file():
        raise AddError(f"{source}: no such file; expected a UTF-8 text file with the article")
    if source.stat().st_size > MAX_FILE_BYTES:
        raise AddError(f"{source}: {source.stat().st_size} bytes; expected at most {MAX_FILE_BYTES} bytes")
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AddError(f"{source}: not UTF-8 ({exc}); save the article as UTF-8 text") from None
    if not text.strip():
        raise AddError(f"{source}: the file is empty; expected the article's text")
    return raw, text


def _entry(source: Path, text: str, doc_id: str, outlet: str, event: str, meta: dict) -> dict:
    """The new manifest entry, checked by the build step as any document is (a CorpusError names each fault)."""
    given = {k: v for k, v in meta.items() if v is not None}
    if isinstance(given.get("published"), str):
        try:
            given["published"] = dt.date.fromisoformat(given["published"])
        except ValueError as exc:
            raise AddError(f"published date {given['published']!r}: expected a calendar date YYYY-MM-DD ({exc})") from None
    entry = file_entry({**MANIFEST_DEFAULTS, **given, "doc_id": doc_id, "seed_file": f"{doc_id}.txt",
                        "outlet": outlet, "event": event, "sha256": sha256_of(text)})
    problems: list = []
    build_document(DocumentData(entry, text, origin=str(source)), Registry(), problems)
    if problems:
        raise CorpusError(problems)  # each problem names the article, the doc_id and the field
    return entry


def add_document(directory: str | Path, file: str | Path, *, outlet: str, event: str, doc_id: str | None = None,
                 **meta) -> dict:
    """Copy ``file`` into ``directory``'s seeds and add its manifest entry; return the entry.

    ``meta`` may give ``title``, ``published`` (``YYYY-MM-DD``), ``genre``,
    ``language`` and ``notes``. Nothing is changed unless the corpus loads
    afterwards; an existing doc_id or seed file is refused. Raises :class:`AddError`, or
    :class:`~corpus_kz.errors.CorpusError` listing every fault of the entry the options make.
    """
    root = _own_corpus(directory)
    raw, text = _article(file)
    manifest = _manifest(root) if (root / Layout.MANIFEST).exists() else []
    doc_id = doc_id or _slug(Path(file).stem)
    if any(e.get("doc_id") == doc_id for e in manifest):
        raise AddError(f"{root}: a document {doc_id!r} is already in the corpus; give another --doc-id")
    entry = _entry(Path(file), text, doc_id, outlet, event, meta)
    seed = root / Layout.SEEDS / entry["seed_file"]
    if seed.exists():
        raise AddError(f"{seed} exists; give another --doc-id")
    _write(root, seed, raw, manifest, entry, Path(file))
    return entry


def _write(root: Path, seed: Path, raw: bytes, manifest: list[dict], entry: dict, source: Path) -> None:
    """Write the seed and the manifest, then load the corpus; take everything back if it does not load."""
    created = not root.exists()
    manifest_path, sums_path = root / Layout.MANIFEST, root / Layout.SHA256SUMS
    old_sums = sums_path.read_text(encoding="utf-8") if sums_path.is_file() else None
    old_manifest = manifest_path.read_text(encoding="utf-8") if manifest_path.is_file() else None
    # What this call makes that was not there, so that a failure takes it all back.
    made = [p for p in (root / Layout.SEEDS, root / Layout.ANNOTATIONS, root / Layout.DOCS, root / Layout.REGISTRY,
                        manifest_path) if not p.exists()]
    try:
        write_bytes(seed, raw)
        if not (root / Layout.REGISTRY).exists():
            write_text(root / Layout.REGISTRY, "[]\n")
        (root / Layout.DOCS).mkdir(parents=True, exist_ok=True)
        if old_sums is not None:
            write_text(sums_path, old_sums + f"{entry['sha256']}  {entry['seed_file']}\n")
        write_text(manifest_path, json.dumps([*manifest, entry], ensure_ascii=False, indent=2) + "\n")
        load(root)  # the corpus must still read, with the new document in it
    except BaseException as exc:
        if created:  # a corpus this call began: nothing of it is kept
            shutil.rmtree(root, ignore_errors=True)
        seed.unlink(missing_ok=True)
        if old_manifest is not None:
            write_text(manifest_path, old_manifest)
        if old_sums is not None:
            write_text(sums_path, old_sums)
        for path in reversed(made):  # files first, then the folders this call made (empty by then)
            if path.is_dir():
                with contextlib.suppress(OSError):
                    path.rmdir()
            else:
                path.unlink(missing_ok=True)
        if isinstance(exc, CorpusError):
            raise AddError(f"{root} would not load with {source} added: {exc}") from None
        raise


def __getattr__(name: str):
    # Names that left this module in 0.4 keep working for a release (corpus_kz._moved).
    return moved_attribute(__name__, name)
