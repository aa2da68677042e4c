"""Turn spans written as text into half-open ``[start, end)`` offsets.

Annotators (people, helper agents, a pre-annotator) quote what they mark;
this module finds it in the verbatim seed and writes ``start``/``end``.
Any JSON object that has ``"text"`` but no ``"start"`` is anchored:

* ``"text"`` alone must occur exactly once in the document;
* ``"occurrence": n`` picks the n-th occurrence (1-based);
* ``"context": "..."`` names a longer string that occurs once (or its
  ``"context_occurrence"``-th time) and contains ``text``; ``occurrence``
  then counts inside the context.

Run ``corpus-kz anchor DRAFT.json SEED.txt --out OUT.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import CorpusError, Problem
from ..storage.files import Unreadable, parse_json, read_bytes
from ..storage.standoff import write_json

_HINTS = ("occurrence", "context", "context_occurrence")


def _occurrences(haystack: str, needle: str, offset: int = 0) -> list[int]:
    found, i = [], haystack.find(needle)
    while i != -1:
        found.append(i + offset)
        i = haystack.find(needle, i + 1)
    return found


def find_span(text: str, needle: str, occurrence: int | None = None,
              context: str | None = None, context_occurrence: int | None = None) -> tuple[int, int]:
    """Return ``(start, end)``, half-open, of ``needle`` in ``text``.

    Raises ``LookupError`` with the number of candidates when the anchor is
    missing or ambiguous.
    """
    if not needle:
        raise LookupError("empty text cannot be anchored")
    base, window = 0, text
    if context is not None:
        starts = _occurrences(text, context)
        if not starts:
            raise LookupError(f"context {context!r} does not occur")
        if context_occurrence is None and len(starts) > 1:
            raise LookupError(f"context {context!r} occurs {len(starts)} times; add context_occurrence")
        k = (context_occurrence or 1) - 1
        if not 0 <= k < len(starts):
            raise LookupError(f"context {context!r} occurs {len(starts)} times, not {k + 1}")
        base = starts[k]
        window = context
    starts = _occurrences(window, needle, base)
    if not starts:
        where = f"context {context!r}" if context is not None else "the text"
        raise LookupError(f"{needle!r} does not occur in {where}")
    if occurrence is None:
        if len(starts) > 1:
            raise LookupError(f"{needle!r} occurs {len(starts)} times (at {starts[:6]}); add occurrence or context")
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise LookupError(f"{needle!r} occurs {len(starts)} times, not {occurrence}")
    start = starts[occurrence - 1]
    return start, start + len(needle)


def anchor(obj: Any, text: str, file: str = "<draft>", _path: str = "") -> tuple[Any, list[Problem]]:
    """Return a copy of ``obj`` with every text-only span anchored, and the problems found."""
    problems: list[Problem] = []
    if isinstance(obj, list):
        out = []
        for i, item in enumerate(obj):
            label = item.get("id", f"{_path}[{i}]") if isinstance(item, dict) else f"{_path}[{i}]"
            new, p = anchor(item, text, file, str(label))
            out.append(new)
            problems += p
        return out, problems
    if not isinstance(obj, dict):
        return obj, problems
    out = {}
    for key, value in obj.items():
        if key in _HINTS:
            continue
        new, p = anchor(value, text, file, f"{_path}.{key}" if _path else key)
        out[key] = new
        problems += p
    if "text" in obj and "start" not in obj and isinstance(obj["text"], str):
        try:
            start, end = find_span(text, obj["text"], obj.get("occurrence"), obj.get("context"),
                                   obj.get("context_occurrence"))
        except LookupError as exc:
            problems.append(Problem(file, _path or None, "text", str(exc), "a text that anchors to one place"))
            return out, problems
        anchored = {"start": start, "end": end}
        anchored.update(out)
        out = anchored
    return out, problems


def anchor_file(draft: Path, seed: Path, out: Path) -> int:
    """Anchor ``draft`` against ``seed``, write ``out`` atomically and return how many spans were anchored.

    Raises :class:`CorpusError` on any problem, and then writes nothing.
    """
    def read(path: Path) -> bytes:
        try:
            return read_bytes(path.parent.resolve(), path.name)
        except (Unreadable, OSError) as exc:
            found, expected = (exc.found, exc.expected) if isinstance(exc, Unreadable) else (str(exc), "a file")
            raise CorpusError([Problem(str(path), None, None, found, expected)]) from None

    try:
        text = read(seed).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError([Problem(str(seed), None, None, f"bytes that are not UTF-8 ({exc.reason})", "UTF-8 text")]) from None
    try:
        data = parse_json(read(draft))
    except Unreadable as exc:
        raise CorpusError([Problem(str(draft), None, None, exc.found, exc.expected)]) from None
    result, problems = anchor(data, text, str(draft))
    if problems:
        raise CorpusError(problems)

    write_json(out, result)
    return _count_anchored(data)


def _count_anchored(obj: Any) -> int:
    if isinstance(obj, list):
        return sum(_count_anchored(x) for x in obj)
    if not isinstance(obj, dict):
        return 0
    here = int("text" in obj and "start" not in obj and isinstance(obj["text"], str))
    return here + sum(_count_anchored(v) for k, v in obj.items() if k not in _HINTS)
