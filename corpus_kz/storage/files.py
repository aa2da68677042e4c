"""Reading files we do not trust.

Every path is resolved (symlinks included) and must lie inside the
directory the user gave; it must be a regular file of bounded size; JSON
must be strict (no repeated keys, no NaN, no lone surrogate escapes) and not
nested deeper than Python can parse; an integer longer than Python parses
is named where it stands. Each refusal is an
:class:`Unreadable` with what was found and what was expected, which the
caller turns into a :class:`~corpus_kz.errors.Problem` naming the file.
Writing is :mod:`corpus_kz.writing`'s.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path

from .._moved import moved_attribute
from ..errors import PathArgumentError, show

#: No corpus file comes near this; /dev/zero or a stray video must not fill memory.
MAX_FILE_BYTES = 64 * 2**20
class Unreadable(Exception):
    """A file that cannot be used: what was found, and what was expected."""

    def __init__(self, found: str, expected: str):
        self.found, self.expected = found, expected
        super().__init__(f"found {found}, expected {expected}")


def path_argument(path: object, name: str = "path", what: str = "a corpus directory") -> Path | None:
    """``path`` as a :class:`~pathlib.Path` (None stays None), refused at the door if it is no path.

    ``""`` is :class:`~corpus_kz.errors.PathArgumentError` (a ``ValueError``):
    ``Path("")`` is the current directory, which nobody means by it. Anything
    but a ``str`` or an ``os.PathLike`` of one is a ``TypeError`` naming what
    was given, rather than one from deep inside ``pathlib``.
    """
    if path is None:
        return None
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else path
    if not isinstance(text, str):
        raise TypeError(f"{name}: found {type(path).__name__} {show(path)}, expected a str or os.PathLike "
                        f"naming {what} (or None for the bundled corpus)")
    if not text:
        raise PathArgumentError(f"{name}: found an empty path '', expected a str or os.PathLike naming {what} "
                                "(or None for the bundled corpus); '.' is the current directory")
    return Path(text)


def check_directory(root: str | Path, what: str = "a corpus directory") -> Path:
    """The resolved directory, or :class:`Unreadable` saying that the directory itself is missing or no directory."""
    try:
        real = Path(root).resolve(strict=True)
    except FileNotFoundError:
        raise Unreadable("no such directory: the directory itself is missing", what) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise Unreadable(f"a path that cannot be resolved ({_reason(exc)})", what) from None
    if not real.is_dir():
        raise Unreadable("a file, not a directory", what)
    return real


def resolve_inside(root: Path, rel: str | Path, seen: dict | None = None) -> Path:
    """``root / rel`` with every symlink resolved; :class:`Unreadable` unless it lies inside ``root``.

    ``root`` must already be resolved. Nothing is opened or read. ``seen``,
    a dict kept by the caller for one reading of one directory, remembers
    each directory's own resolved path, so that each file then costs one
    ``lstat`` instead of one per path component. A file that is a symlink
    is resolved in full and teaches the cache nothing: its target's folder
    is not its neighbours' folder.
    """
    text = str(rel)
    head, _, name = text.rpartition("/")
    # Fast path, exact: a file that is no symlink, in a directory already found to be inside, is inside.
    if seen is not None and head and name not in ("", ".", "..") and "\x00" not in text:
        parent = seen.get(head)
        if parent is None:
            try:
                parent = seen[head] = str(_resolve_inside(root, head))
            except Unreadable:
                parent = None  # the full resolution below says what is wrong with the path
        if parent is not None:
            try:
                st = os.lstat(os.path.join(parent, name))
            except OSError:
                st = None
            if st is not None and not stat.S_ISLNK(st.st_mode):
                return Path(parent, name)
    return _resolve_inside(root, text)


def _resolve_inside(root: Path, text: str) -> Path:
    if "\x00" in text:
        raise Unreadable(f"a file name with a NUL byte ({show(text)})", "a file name without NUL bytes")
    if Path(text).is_absolute():
        raise Unreadable(f"the absolute path {show(text)}", f"a path inside {root}")
    try:
        real = (root / text).resolve(strict=True)
    except FileNotFoundError:
        # A dangling path may still point outside: say so rather than "missing".
        if not (root / text).resolve().is_relative_to(root):
            raise Unreadable(f"the path {show(text)}, which leads outside the corpus directory",
                             f"a path inside {root}") from None
        raise Unreadable("no such file", "a file") from None
    except RuntimeError:
        raise Unreadable("a symlink loop", "a file") from None
    except (OSError, ValueError) as exc:
        raise Unreadable(f"a path that cannot be resolved ({_reason(exc)})", "a file") from None
    if not real.is_relative_to(root):
        raise Unreadable(f"the path {show(text)}, which leads outside the corpus directory", f"a path inside {root}")
    return real


def read_bytes(root: Path, rel: str | Path, limit: int = MAX_FILE_BYTES, seen: dict | None = None) -> bytes:
    """The bytes of ``root / rel``: inside ``root``, a regular file, at most ``limit`` bytes."""
    real = resolve_inside(root, rel, seen)
    try:
        st = os.stat(real)
    except OSError as exc:
        raise Unreadable(f"a file that cannot be read ({_reason(exc)})", "a readable file") from None
    if stat.S_ISDIR(st.st_mode):
        raise Unreadable("a directory", "a file")
    if not stat.S_ISREG(st.st_mode):
        raise Unreadable("a device, pipe or socket", "a regular file")
    if st.st_size > limit:
        raise Unreadable(f"a file of {st.st_size:,} bytes", f"at most {limit:,} bytes")
    try:
        with open(real, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise Unreadable(f"a file that cannot be read ({_reason(exc)})", "a readable file") from None
    if len(data) > limit:
        raise Unreadable(f"a file of more than {limit:,} bytes", f"at most {limit:,} bytes")
    return data


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


# -- strict JSON ---------------------------------------------------------------

class _HugeInt:
    """An integer longer than Python will parse; shows as such in a problem."""

    def __init__(self, digits: int):
        self.digits = digits

    def __repr__(self) -> str:
        return f"an integer of {self.digits:,} digits"


class _Repeated(Exception):
    pass


def _int(literal: str):
    digits = len(literal.lstrip("-"))
    limit = sys.get_int_max_str_digits()  # 4,300 by default; 0 means no limit
    return _HugeInt(digits) if limit and digits > limit else int(literal)


def _constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _no_repeats(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                where = out.get("id") or out.get("entity_id") or out.get("doc_id")
                raise _Repeated(f"the key {key!r} twice in one object" + (f" (the object with id {show(where)})" if where else ""))
            seen.add(key)
    return out


def _where_constant(text: str) -> str:
    """Where a NaN or Infinity stands (json gives no position for them), as ': line L column C'."""
    m = re.search(r"(?<![\w\"])-?(?:NaN|Infinity)(?![\w\"])", text)
    if m is None:
        return ""
    line = text.count("\n", 0, m.start()) + 1
    return f": line {line} column {m.start() - text.rfind(chr(10), 0, m.start())}"


def parse_json(data: bytes):
    """Strict JSON from UTF-8 bytes, or :class:`Unreadable`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"bytes that are not UTF-8 ({exc.reason} at byte {exc.start})", "UTF-8 text") from None
    if text.startswith("\ufeff"):
        raise Unreadable("a byte order mark (BOM) before the JSON", "UTF-8 JSON without a BOM (save it without one)")
    try:
        try:
            data = json.loads(text, object_pairs_hook=_no_repeats, parse_constant=_constant)
        except ValueError as exc:
            if "integer string conversion" not in str(exc):
                raise
            # An integer of thousands of digits: parse again, naming it where it stands (a hook per integer is slow).
            data = json.loads(text, object_pairs_hook=_no_repeats, parse_int=_int, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"broken JSON ({exc.msg}: line {exc.lineno} column {exc.colno})", "a valid JSON document") from None
    except RecursionError:
        raise Unreadable("JSON nested too deeply to parse", "a JSON document a few levels deep") from None
    except _Repeated as exc:
        raise Unreadable(str(exc), "each key once in an object (JSON would silently keep only the last)") from None
    except ValueError as exc:
        raise Unreadable(f"invalid JSON ({exc}{_where_constant(text)})", "standard JSON") from None
    # A \\uD800-\\uDFFF escape is JSON but, alone, no Unicode text, and cannot be written back.
    if "\\ud" in text or "\\uD" in text:  # rare: pay for the full check only then
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise Unreadable(f"a \\u escape of a lone surrogate ({show(exc.object[exc.start:exc.end])})",
                             "Unicode text (a surrogate escape must come in a high-low pair)") from None
    return data


def read_json(root: Path, rel: str | Path, limit: int = MAX_FILE_BYTES, seen: dict | None = None):
    """Strict JSON from a file inside ``root``, or :class:`Unreadable`."""
    return parse_json(read_bytes(root, rel, limit, seen))


def __getattr__(name: str):
    # Names that left this module in 0.4 keep working for a release (corpus_kz._moved).
    return moved_attribute(__name__, name)
