"""What a record field holds: the one declaration every other shape is derived from.

Each field of a record (:mod:`corpus_kz.records`) and of a document's
metadata (:mod:`corpus_kz.document`) carries a *kind* in its dataclass
metadata. From that one declaration come

* the constructor check (compiled per record type from ``kind.test``),
* the JSON file shape (:func:`corpus_kz.records.to_dict` / ``from_dict``),
* the JSON Schemas (:mod:`corpus_kz.storage.schema`),
* the Hugging Face features (:mod:`corpus_kz.formats.hf`).

so a field is described once and the four can never drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field, fields
from functools import cache

from .errors import Described, show
from .vocab import GOLD, PREDICTED

#: Lowercase ascii snake_case: entity ids, and what a figure source or frame holder may name.
ENTITY_ID = r"[a-z][a-z0-9_]{0,99}"
#: An event id (``qantar_2022``) is spelled as an entity id is.
EVENT_ID = ENTITY_ID
#: A document id doubles as a file name (annotations/docs/<doc_id>.json): no separators, no dot first.
DOC_ID = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,199}"
#: A seed file is a relative path inside seeds/, each part like a doc_id: never '..', never absolute.
SEED_FILE = rf"{DOC_ID}(?:/{DOC_ID})*"
WIKIDATA = r"Q[1-9][0-9]*"
SHA256 = r"[0-9a-f]{64}"
ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
#: Where an annotation record comes from: 'gold' (made or accepted by a person), or 'predicted:' and the
#: snake_case name of the rule that made it ('predicted:direct_quote').
ORIGIN = rf"{GOLD}|{PREDICTED}:[a-z][a-z0-9_]{{0,99}}"


#: The characters no metadata string or name may hold: every control (Cc), format (Cf), line and paragraph
#: separator (Zl, Zp) of Unicode 14, bidi overrides, embeddings, isolates and marks among them, except
#: U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER, which some scripts need to spell words.
#: One character class, so each string costs one regex search (a test derives it from unicodedata).
_BREAKS = "\\t\\n\\r"
_OTHERS = ("\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f"
           "\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff"
           "\\ufff9-\\ufffb\\U000110bd\\U000110cd\\U00013430-\\U00013438\\U0001bca0-\\U0001bca3"
           "\\U0001d173-\\U0001d17a\\U000e0001\\U000e0020-\\U000e007f")
UNSAFE = re.compile(f"[{_BREAKS}{_OTHERS}]")
#: The same but for tab, line feed and carriage return: an alias spells a name as a text has it, line breaks and all.
SURFACE_UNSAFE = re.compile(f"[{_OTHERS}]")
#: What a string with one of them should be instead.
SAFE_TEXT = ("text without control, format or bidi characters (a bidi override makes a report show another "
             "text than the one stored; a NUL or an escape reaches terminals and other tools)")
_C0 = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE",
       "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN",
       "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO",
       "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
       "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "FILE SEPARATOR",
       "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR")


def code_point(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character as Unicode names it (controls, which have no name, by alias)."""
    import unicodedata  # only when a problem is reported

    n = ord(ch)
    name = _C0[n] if n < 32 else "DELETE" if n == 0x7F else unicodedata.name(ch, "")
    return f"U+{n:04X} {name}".rstrip()


def unsafe(value: str, pattern: re.Pattern = UNSAFE) -> Described | None:
    """``value`` with its first character of ``pattern`` named and placed, or None when it has none."""
    m = pattern.search(value)
    if m is None:
        return None
    return Described(f"{show(value)}, with {code_point(m.group())} at character {m.start()}")


class FieldError(ValueError):
    """An invalid field value, with what was found and what was expected.

    The loader adds the file and the record id and turns it into a
    :class:`corpus_kz.errors.Problem`.
    """

    def __init__(self, field: str | None, found: object, expected: str):
        # field is None when the whole record is wrong (not an object at all)
        self.field, self.found, self.expected = field, found, expected
        where = "" if field is None else f"field {field!r}: "
        super().__init__(f"{where}found {show(found)}, expected {expected}")


def is_int(value: object) -> bool:
    """A JSON integer: an ``int`` that is not a ``bool``."""
    return type(value) is int


class Kind:
    """Base of the field kinds; ``nullable`` kinds also accept None.

    Plain slotted classes, not dataclasses: a dataclass costs a millisecond
    to define, and ``import corpus_kz`` should not pay that for a dozen of them.
    """

    __slots__ = ("nullable", "_accepts")
    #: Offsets and covered text are checked together, by the span (see :func:`corpus_kz.span.check_span`).
    span_part = False

    def __init__(self, nullable: bool = False):
        self.nullable = nullable

    def __repr__(self) -> str:
        names = [n for c in type(self).__mro__ for n in getattr(c, "__slots__", ()) if not n.startswith("_")]
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"

    def check(self, name: str, value: object) -> None:
        if value is None and self.nullable:
            return
        if not self.accepts(value):
            raise self.error(name, value)

    def error(self, name: str, value: object) -> FieldError:
        """The error for a value this kind does not accept."""
        return FieldError(name, value, self.expected())

    def test(self, env: dict, key: str) -> str:
        """The kind's one definition: a Python expression over ``v``, true when ``v`` is of this kind.

        ``env`` receives, under names starting with ``key``, what the
        expression needs. The per-class checks (:func:`check_fields`) and
        :meth:`accepts` are both compiled from it.
        """
        raise NotImplementedError

    def accepts(self, value) -> bool:
        """True when ``value`` is of this kind (None aside: see ``nullable``)."""
        try:
            accepts = self._accepts
        except AttributeError:
            env: dict = {}
            accepts = self._accepts = eval(f"lambda v: {self.test(env, 'T')}", env)
        return accepts(value)

    def describe(self) -> str:
        raise NotImplementedError

    def expected(self) -> str:
        return self.describe() + (" or null" if self.nullable else "")


class Text(Kind):
    """A non-empty string with no character of :data:`UNSAFE`."""

    __slots__ = ()

    def test(self, env, key):
        env[key] = UNSAFE.search
        return f'type(v) is str and v != "" and {key}(v) is None'

    def describe(self):
        return "a non-empty string"

    def error(self, name, value):
        found = unsafe(value) if type(value) is str else None
        return super().error(name, value) if found is None else FieldError(name, found, SAFE_TEXT)


class Pattern(Kind):
    """A string matching a regular expression (anchored at both ends)."""

    __slots__ = ("regex", "what", "_match")  # _match: the compiled pattern's fullmatch

    def __init__(self, regex: str, what: str, nullable: bool = False):
        super().__init__(nullable)
        self.regex, self.what = regex, what
        self._match = re.compile(regex).fullmatch


    def test(self, env, key):
        env[key] = self._match
        return f"type(v) is str and {key}(v) is not None"

    def describe(self):
        return self.what


class RecordId(Pattern):
    """A record's id: its layer's ``prefix`` followed by digits."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str):
        super().__init__(rf"{prefix}[0-9]{{1,9}}", f"'{prefix}' followed by digits, e.g. '{prefix}1'")
        self.prefix = prefix


class Reference(Pattern):
    """A reference to another record by id: a :class:`Pattern` with the kind of record it points at.

    ``target`` is ``"quote"`` (a quote id of the same document), ``"entity"``
    (a registry entity id), ``"agent"`` (``"author"``, an attribution id of
    the same document, or a registry entity id) or ``"event"`` (an event the
    corpus declares). The document checks that a quote, entity or agent
    resolves, the build step that an event does (:mod:`corpus_kz.events`);
    the kind checks its spelling.
    """

    __slots__ = ("target",)

    def __init__(self, target: str, regex: str, nullable: bool = False):
        super().__init__(regex, _TARGETS[target], nullable)
        self.target = target


_TARGETS = {"quote": "the id of a quote of this document, e.g. 'q1'",
            "entity": "a registry entity_id, e.g. 'tokayev'",
            "agent": "'author', an attribution id of this document or a registry entity_id",
            "event": "the id of an event the corpus declares, e.g. 'qantar_2022'"}


class Vocab(Kind):
    """One value of a fixed vocabulary (:mod:`corpus_kz.vocab`)."""

    __slots__ = ("values", "_members")

    def __init__(self, values: tuple[str, ...], nullable: bool = False):
        super().__init__(nullable)
        self.values, self._members = tuple(values), frozenset(values)


    def test(self, env, key):
        env[key] = self._members
        return f"type(v) is str and v in {key}"

    def describe(self):
        return "one of " + ", ".join(self.values)


#: Larger than any count a news text reports, small enough for a float64 column to hold exactly.
MAX_NUMBER = 10**15


class Number(Kind):
    """A finite, non-negative number, at most ``maximum`` (:data:`MAX_NUMBER`)."""

    __slots__ = ()
    maximum: int = MAX_NUMBER

    def test(self, env, key):
        env[key] = self.maximum
        return f"(type(v) is int or type(v) is float) and 0 <= v <= {key}"

    def describe(self):
        return "a non-negative number up to 10^15"


class Fraction(Number):
    """A number from 0 to 1, both included: a confidence."""

    __slots__ = ()
    maximum = 1

    def describe(self):
        return "a number from 0 to 1"


class Strings(Kind):
    """A list of strings (a tuple on the record); ``non_empty`` forbids empty strings.

    No string may hold a character of :data:`UNSAFE`; with ``surface``, spellings as a text has them (aliases),
    of :data:`SURFACE_UNSAFE`.
    """

    __slots__ = ("non_empty", "surface")

    def __init__(self, non_empty: bool = True, surface: bool = False):
        super().__init__(False)
        self.non_empty, self.surface = non_empty, surface

    def test(self, env, key):
        env[key] = (SURFACE_UNSAFE if self.surface else UNSAFE).search
        # One search over the strings joined: it finds a character iff one of them holds it.
        each = "type(x) is str and x != ''" if self.non_empty else "type(x) is str"
        return f"type(v) is tuple and all({each} for x in v) and {key}(''.join(v)) is None"

    def describe(self):
        return "a list of non-empty strings" if self.non_empty else "a list of strings"

    def error(self, name, value):
        if type(value) is tuple and all(type(x) is str and (x or not self.non_empty) for x in value):
            for i, x in enumerate(value):
                found = unsafe(x, SURFACE_UNSAFE if self.surface else UNSAFE)
                if found is not None:
                    return FieldError(name, Described(f"item {i}: {found}"), SAFE_TEXT)
        return super().error(name, value)


class SpanOf(Kind):
    """A nested span ``{start, end, text}``: an instance of ``cls`` (:class:`~corpus_kz.span.Span`) on the record.

    The span type is given, not imported: spans are built from these kinds.
    """

    __slots__ = ("cls",)

    def __init__(self, cls: type, nullable: bool = False):
        super().__init__(nullable)
        self.cls = cls

    def test(self, env, key):
        env[key] = self.cls
        return f"type(v) is {key}"

    def describe(self):
        return "a span {start, end, text}"


class Date(Kind):
    """A calendar date, written ``YYYY-MM-DD`` in files."""

    __slots__ = ()

    def test(self, env, key):
        env[key] = dt.date
        return f"isinstance(v, {key})"

    def describe(self):
        return "an ISO date YYYY-MM-DD"


class Offset(Kind):
    """A character offset of a half-open span (checked with its span)."""

    __slots__ = ()
    span_part = True


    def test(self, env, key):
        return "type(v) is int and v >= 0"

    def describe(self):
        return "a non-negative integer"


class CoveredText(Kind):
    """The text a span covers (checked with its span, and against the seed by the document)."""

    __slots__ = ()
    span_part = True

    def test(self, env, key):
        return "type(v) is str"

    def describe(self):
        return "the covered text"


class Index(Offset):
    """A position counted from 0 (derived layers only)."""

    __slots__ = ()
    span_part = False


@cache
def field_kinds(cls: type) -> tuple[tuple[str, Kind], ...]:
    """``(name, kind)`` of every field of a record type that declares a kind, in declaration order."""
    return tuple((f.name, f.metadata["kind"]) for f in fields(cls) if "kind" in f.metadata)


@cache
def _checker(cls: type):
    """One straight-line function that checks every own field of ``cls``, compiled from the kinds.

    As dataclasses compiles ``__init__``: a loop with a call per field costs a
    third of loading a large corpus; the compiled check costs a fraction.
    """
    env: dict = {"FieldError": FieldError}
    lines = ["def check(r):"]
    for i, (name, kind) in enumerate(field_kinds(cls)):
        if kind.span_part:
            continue
        env[f"K{i}"] = kind
        test = kind.test(env, f"T{i}")
        if kind.nullable:
            test = f"v is None or ({test})"
        lines += [f"    v = r.{name}", f"    if not ({test}):", f"        raise K{i}.error({name!r}, v)"]
    if len(lines) == 1:
        lines.append("    pass")
    exec("\n".join(lines), env)
    return env["check"]


def check_fields(record) -> None:
    """Check every field of ``record`` against its declared kind (span offsets excepted: the span checks those)."""
    _checker(type(record))(record)


@cache
def file_defaults(cls: type) -> dict[str, object]:
    """Name -> default of the fields of ``cls`` that a file may leave out (declared ``optional_in_files``).

    A file states every other field. One of these that a file leaves out
    takes its default, and :func:`corpus_kz.records.to_dict` leaves it out
    when it holds its default, so files that never use it keep their shape.
    """
    return {f.name: f.default for f in fields(cls) if f.metadata.get("optional_in_files")}


def spec(kind: Kind, *, optional_in_files: bool = False, **kwargs):
    """A dataclass field that holds ``kind`` (pass ``default=`` for optional ones).

    ``optional_in_files=True`` (with a ``default``) lets a file leave the
    field out, meaning the default (see :func:`file_defaults`); otherwise a
    file must state the field even when the constructor has a default.
    """
    if optional_in_files and "default" not in kwargs:
        raise TypeError("a field that a file may leave out needs a default")
    metadata = {"kind": kind, "optional_in_files": True} if optional_in_files else {"kind": kind}
    return field(metadata=metadata, **kwargs)
