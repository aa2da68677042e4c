"""Errors: one type for broken corpus files, and lookups that say what exists.

A :class:`Problem` names the file, the record and the field, what was found
and what was expected, so that a researcher can fix a file without a
debugger. Every check in the package reports through it.
"""

from __future__ import annotations

import reprlib
import sys
import warnings
from dataclasses import dataclass

# Found values come from files we do not trust: a value nested a thousand
# levels deep or a megabyte long must still print as one short line.
_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 80
_REPR.maxother = 80
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = 6


_JSON_WORDS = {None: "null", True: "true", False: "false"}


class Described(str):
    """A found value already put in words (a value and what is wrong in it): :func:`show` prints it as it is."""


def show(value: object) -> str:
    """A short, bounded ``repr`` of a value found in a file, for error messages (null, true, false as in JSON)."""
    if value is None or value is True or value is False:
        return _JSON_WORDS[value]
    if type(value) is Described:
        return str(value)
    return _REPR.repr(value)


def json_type(value: object) -> str:
    """What a JSON value is, in JSON's words: ``an object``, ``an array``, ``a string``, ``null`` …"""
    if value is None or value is True or value is False:
        return _JSON_WORDS[value]
    return {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def plain(name: str, limit: int = 200) -> str:
    """A file, record or field name as one printable line of bounded length.

    Names come from disk and from files we do not trust: a newline could forge
    a second problem line, a lone surrogate (a file name that is not UTF-8)
    cannot be printed, and a 100,000-character key would drown the message.
    """
    if name.isprintable() and len(name) <= limit:
        return name
    escaped = name.encode("unicode_escape", "backslashreplace").decode("ascii")
    if len(escaped) > limit:
        escaped = f"{escaped[:limit // 2]}…{escaped[-limit // 4:]} ({len(name):,} characters)"
    return escaped


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one field of one record of one file."""

    file: str
    record: str | None
    field: str | None
    found: str
    expected: str

    def __str__(self) -> str:
        where = plain(self.file, 400)
        if self.record is not None:
            where += f": record {plain(self.record)}"
        if self.field is not None:
            where += f": field {plain(repr(self.field))}"
        return f"{where}: found {plain(self.found, 2000)}, expected {plain(self.expected, 2000)}"


class CorpusError(ValueError):
    """Raised when corpus files are broken; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("CorpusError needs at least one problem")
        self.problems = list(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        super().__init__(first if not more else f"{first} (and {more} more problem{'s' * (more > 1)})")


class PathArgumentError(ValueError):
    """An empty path given where a corpus directory is meant: ``Path("")`` would silently be the current directory."""


class OutputError(ValueError):
    """A target directory that must not be written (a user's files, the corpus itself): the message says why."""


class NotFoundError(KeyError):
    """A record, document or agent looked up by id that does not exist.

    A ``KeyError``, so ``dict``-style code keeps working, but its message is
    the plain sentence (``KeyError`` would print it in quotes) and says what
    does exist.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def record_name(raw: object, key: str, fallback: str) -> str:
    """How a problem names a record read from a file: its id (``raw[key]``) when a string, else ``fallback``."""
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, str) and value else fallback


def listing(ids, limit: int = 12) -> str:
    """``"q1, q2, q3"``, shortened to ``limit`` ids, for 'what exists' messages."""
    ids = list(ids)
    if not ids:
        return "none"
    head = ", ".join(map(str, ids[:limit]))
    return head + (f", … ({len(ids)} in all)" if len(ids) > limit else "")


def deprecated(old: str, new: str) -> None:
    """Warn that ``old`` is deprecated in favour of ``new``; it keeps working until corpus_kz 0.5 (CHANGELOG.md).

    The warning is blamed on the first caller outside corpus_kz, the user's own line: Python shows
    a DeprecationWarning only there (and in tests), never for a line of the package.
    """
    warnings.warn(f"{old} is deprecated and will be removed in corpus_kz 0.5; use {new} instead",
                  DeprecationWarning, stacklevel=_outside_frames())


def _outside_frames() -> int:
    """The ``stacklevel`` of the first frame outside corpus_kz, counted as ``warnings.warn`` counts them."""
    frame, level = sys._getframe(2), 2  # the caller of `deprecated`, as stacklevel 2 names it
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith(("corpus_kz", "importlib")):
        frame = frame.f_back
        if not _bootstrap(frame):  # warnings skips the import system's own frames as it counts: so must we
            level += 1
    return level


def _bootstrap(frame) -> bool:
    return "importlib" in frame.f_code.co_filename and "_bootstrap" in frame.f_code.co_filename
