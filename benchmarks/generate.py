"""Generate a large, valid corpus directory from the bundled one, for benchmarks.

    python benchmarks/generate.py OUT_DIR [--docs 5000] [--source PATH]

Document ``i`` is a copy of bundled document ``i % 5`` (round robin) under
a new doc_id (``g00042_<bundled doc_id>``) and a new seed file name
(``g00042_<first 16 hex digits of its sha256>.txt``):

- ``seeds/<new name>``: the bundled seed's bytes and one line naming the copy
  (``[copy g00042]``) after them: every offset stays, and no two documents
  hold the same text (a corpus refuses the same text under two doc_ids);
- ``seeds/manifest.json``: the bundled entry with ``doc_id``, ``seed_file``
  and ``sha256`` changed;
- ``seeds/SHA256SUMS``: one ``sha256sum`` line per seed;
- ``annotations/docs/<new doc_id>.json``: the bundled annotations with
  ``doc_id``, ``seed_file`` and ``sha256`` changed, laid out as the bundled files are;
- ``annotations/entities.json``: the bundled registry, shared by every document.

The result passes ``corpus-kz validate OUT_DIR``. Only the standard library
is used, so the old code's benchmarks can use the same generator.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

#: The bundled corpus: the checkout this file sits in.
BUNDLED = Path(__file__).resolve().parent.parent


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _field(key: str, value) -> str:
    if isinstance(value, list):
        body = "[]" if not value else "[\n" + ",\n".join(f"  {_dump(r)}" for r in value) + "\n ]"
    else:
        body = _dump(value)
    return f" {_dump(key)}: {body}"


def annotation_text(data: dict) -> str:
    """An annotation file laid out as the bundled ones: one top-level field per line, one record per line."""
    return "{\n" + ",\n".join(_field(k, v) for k, v in data.items()) + "\n}\n"


def generate(out: str | Path, docs: int = 5000, source: str | Path = BUNDLED) -> Path:
    """Write a corpus of ``docs`` documents to ``out`` (which must not exist or be empty); return its path."""
    out, source = Path(out), Path(source)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} exists and is not empty")
    manifest = json.loads((source / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    seeds = [(source / "seeds" / m["seed_file"]).read_bytes() for m in manifest]
    annotations = [json.loads((source / "annotations" / "docs" / f"{m['doc_id']}.json").read_text(encoding="utf-8"))
                   for m in manifest]
    # Every copy differs only in doc_id and seed_file: lay out the other fields once per bundled document.
    rendered = [{k: _field(k, v) for k, v in a.items()} for a in annotations]
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    (out / "annotations" / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "annotations" / "entities.json", out / "annotations" / "entities.json")
    entries, sums = [], []
    for i in range(docs):
        k = i % len(manifest)
        text = seeds[k] + f"\n[copy g{i:05d}]\n".encode()
        digest = hashlib.sha256(text).hexdigest()
        doc_id = f"g{i:05d}_{manifest[k]['doc_id']}"
        seed_file = f"g{i:05d}_{digest[:16]}.txt"
        (out / "seeds" / seed_file).write_bytes(text)
        entries.append(dict(manifest[k], doc_id=doc_id, seed_file=seed_file, sha256=digest))
        sums.append(f"{digest}  {seed_file}\n")
        fields = dict(rendered[k], doc_id=_field("doc_id", doc_id), seed_file=_field("seed_file", seed_file),
                      sha256=_field("sha256", digest))
        (out / "annotations" / "docs" / f"{doc_id}.json").write_text("{\n" + ",\n".join(fields.values()) + "\n}\n",
                                                                    encoding="utf-8")
    (out / "seeds" / "manifest.json").write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    (out / "seeds" / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the directory to write (must not exist, or be empty)")
    parser.add_argument("--docs", type=int, default=5000, help="how many documents (default 5000)")
    parser.add_argument("--source", default=str(BUNDLED), help="the corpus to copy (default: the bundled one)")
    args = parser.parse_args(argv)
    try:
        path = generate(args.out, args.docs, args.source)
    except FileExistsError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {args.docs} documents to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
