"""The standoff JSON files of a corpus: one record per line, written atomically.

One record per line makes a review diff show exactly the records that
changed; writing goes through :func:`corpus_kz.writing.write_text`, so
a crash never leaves a half-written file behind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..writing import write_text

_FIRST_KEYS = ("id", "entity_id", "quote_id", "start", "end", "text")


def _ordered(record: Any) -> Any:
    if not isinstance(record, dict):
        return record
    keys = [k for k in _FIRST_KEYS if k in record] + [k for k in record if k not in _FIRST_KEYS]
    return {k: _ordered(record[k]) for k in keys}


def _line(value: Any) -> str:
    return json.dumps(_ordered(value), ensure_ascii=False)


def dumps(data: Any) -> str:
    """Serialise a standoff document (a dict of scalars and record lists) or a record list."""
    if isinstance(data, list):
        return "[\n" + ",\n".join(" " + _line(r) for r in data) + "\n]\n"
    if isinstance(data, dict):
        parts = []
        for key, value in data.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                body = "[\n" + ",\n".join("  " + _line(r) for r in value) + "\n ]"
            else:
                body = json.dumps(value, ensure_ascii=False)
            parts.append(f" {json.dumps(key)}: {body}")
        return "{\n" + ",\n".join(parts) + "\n}\n"
    return json.dumps(data, ensure_ascii=False) + "\n"


def write_json(path: Path, data: Any) -> None:
    """Write a standoff document or record list, one record per line, atomically."""
    write_text(path, dumps(data))
