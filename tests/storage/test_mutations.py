"""Mutation test of the loader's contract (issue 6), on copies of the real corpus.

Each mutation changes one thing in a fresh copy of the bundled corpus and is
one test id. For every mutation:

* ``load()`` returns a Corpus or raises a CorpusError, never anything else;
* ``validate()`` returns exactly the problems ``load()`` raised ([] when it loads);
* ``corpus-kz validate`` and ``corpus-kz info`` exit 1 on a refused corpus
  (0 on an accepted one), print each problem and no traceback;
* nothing in the directory is written (bytes, inodes, mtimes, entries), and no
  file or directory outside it is opened (an audit hook watches ``open`` and
  ``os.listdir``/``os.scandir``);
* each problem names a file inside the directory and says what was found and
  what was expected, on one short line;
* the committed JSON Schemas are never stricter than the loader: when
  ``Draft202012Validator`` (with format checking) rejects the changed file,
  ``load()`` refuses the corpus, and one of its problems names that file (and,
  for a field edit, that record).

The mutations are generated: every field of the first record of each layer of
one annotation file (and of the nested cue/source spans), of one registry
entity, of one manifest entry and of one declared event is deleted, nulled and given plausible but
wrong values; a battery of wrongly typed values (0, -1, 1.5, true, "", "x",
[], {}, a 30-digit integer, a 100,000-character string, a list of strings)
goes to one field of each field kind (the kind decides how a value is
checked); then the top level of each file, its bytes, and whole files and
directories (replaced by a directory, a symlink leading out, a dangling
symlink, a symlink loop, deleted).

To stay within a minute, each copy is read twice, not four times: the
command line is the caller (``info`` calls ``load()``, ``validate`` calls
``validate()``) and a spy records what each call returned or raised. The
command runs with stdout and stderr as CPython opens them in a UTF-8 locale
(stdout strict, stderr backslashreplace).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from jsonschema import Draft202012Validator

import corpus_kz
from corpus_kz import CorpusError
from corpus_kz.cli import main
from corpus_kz.storage import Layout, bundled_path, validate
from corpus_kz.storage.standoff import write_json

from ..helpers import DOC, copy_corpus, snapshot

MANIFEST_ENTRY = 1  # the manifest entry of DOC
SEED = "001_ecd8a901a2a4fa6f.txt"  # DOC's seed
DOC_FILE = Layout.doc(DOC)
SEED_REL = Layout.seed(SEED)
MAX_PROBLEM_CHARS = 1000  # "one short line" (errors.show); the longest honest problem is under 500

DELETE = object()
LONG = "y" * 100_000  # also a valid entity id: it reaches the messages about dangling references
BATTERY = [("zero", 0), ("minus1", -1), ("float", 1.5), ("true", True), ("empty_str", ""), ("x", "x"),
           ("empty_list", []), ("empty_obj", {}), ("int30", 10**29), ("long_str", LONG), ("str_list", ["a", "b"])]


# -- watching what is opened -----------------------------------------------------------

_WATCH: list | None = None
_CODE_DIRS = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})
_PACKAGE = os.path.realpath(Path(corpus_kz.__file__).parent) + os.sep


def _audit(event: str, args: tuple) -> None:
    if _WATCH is not None and event in ("open", "os.listdir", "os.scandir"):
        path = args[0] if args else None
        if isinstance(path, (str, bytes, os.PathLike)):
            _WATCH.append((event, os.fsdecode(path)))


sys.addaudithook(_audit)  # cannot be removed; does nothing unless a test is watching


def _outside(opened: list, root: Path) -> list:
    """The existing files and directories outside ``root`` that were opened or listed."""
    inside = os.path.realpath(root)
    out = []
    for event, path in opened:
        real = os.path.realpath(path)
        if real == inside or real.startswith(inside + os.sep) or not os.path.exists(real):
            continue
        if real.startswith(_CODE_DIRS) or (real.startswith(_PACKAGE) and (real.endswith((".py", ".pyc"))
                                                                         or os.path.isdir(real))):
            continue  # Python, its packages and corpus_kz itself, importing a module on first use
        out.append((event, path))
    return out


def _tree(root: Path) -> dict:
    """Every entry below ``root`` (not following symlinks), with what a write would change."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            out[os.path.relpath(p, root)] = (st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns,
                                            os.readlink(p) if os.path.islink(p) else None)
    return out


# -- the mutations -------------------------------------------------------------------------

@dataclass(frozen=True)
class Mutation:
    name: str
    target: str  # the path (relative to the corpus) that the mutation changes
    apply: Callable[[Path, Path], None] = field(repr=False)  # (corpus root, a directory outside it)
    refuse: bool | None = None  # True: load() must refuse; None: the contract alone
    record: tuple | None = None  # (names the loader may give the edited record) for field edits


def _schema_for(target: str) -> str | None:
    if target == Layout.REGISTRY:
        return Layout.REGISTRY_SCHEMA
    if target == Layout.MANIFEST:
        return Layout.MANIFEST_SCHEMA
    if target == Layout.EVENTS:
        return Layout.EVENTS_SCHEMA
    if target.startswith(Layout.DOCS + "/") and target.endswith(".json"):
        return Layout.ANNOTATION_SCHEMA
    return None


def _json_edit(target: str, fn: Callable[[object], None]) -> Callable[[Path, Path], None]:
    """Parse ``target``, let ``fn`` change it in place, write it back with write_json."""
    def apply(root: Path, outside: Path) -> None:
        path = root / target
        data = json.loads(path.read_text(encoding="utf-8"))
        fn(data)
        write_json(path, data)
    return apply


def _json_replace(target: str, value) -> Callable[[Path, Path], None]:
    """Replace the whole of ``target`` by ``value``, written with write_json."""
    def apply(root: Path, outside: Path) -> None:
        write_json(root / target, value)
    return apply


def _json_raw(target: str, fn: Callable[[object], str]) -> Callable[[Path, Path], None]:
    """Write the text ``fn`` builds (with json.dumps) from the parsed file; for what write_json cannot write."""
    def apply(root: Path, outside: Path) -> None:
        path = root / target
        path.write_bytes(fn(json.loads(path.read_text(encoding="utf-8"))).encode("utf-8"))
    return apply


def _bytes_edit(target: str, fn: Callable[[bytes], bytes]) -> Callable[[Path, Path], None]:
    def apply(root: Path, outside: Path) -> None:
        path = root / target
        path.write_bytes(fn(path.read_bytes()))
    return apply


def _set(keys: tuple, value) -> Callable[[object], None]:
    def fn(data):
        obj = data
        for k in keys[:-1]:
            obj = obj[k]
        if value is DELETE:
            del obj[keys[-1]]
        else:
            obj[keys[-1]] = value
    return fn


def _update(keys: tuple, **changes) -> Callable[[object], None]:
    def fn(data):
        obj = data
        for k in keys:
            obj = obj[k]
        obj.update(changes)
    return fn


MUTATIONS: list[Mutation] = []


def add(name: str, target: str, apply, refuse: bool | None = None, record: tuple | None = None) -> None:
    MUTATIONS.append(Mutation(name, target, apply, refuse, record))


def _tag(value) -> str:
    """A readable test-id fragment for a value: strings escaped, other JSON as json:..., long ones cut."""
    if isinstance(value, str):
        text = value.encode("unicode_escape").decode("ascii").replace(" ", "_") or "empty_str"
    else:
        text = "json:" + json.dumps(value, separators=(",", ":"))
    return (text[:60] + f"..({len(text)})") if len(text) > 64 else text


# Pristine records: read once, so the mutation table can name values (and a file edit stays an edit).
_ROOT = bundled_path()
_DOC_DATA = json.loads((_ROOT / DOC_FILE).read_text(encoding="utf-8"))
_REGISTRY = json.loads((_ROOT / Layout.REGISTRY).read_text(encoding="utf-8"))
_MANIFEST = json.loads((_ROOT / Layout.MANIFEST).read_text(encoding="utf-8"))
_EVENTS = json.loads((_ROOT / Layout.EVENTS).read_text(encoding="utf-8"))
_ENTITY = _REGISTRY[0]
_ENTRY = _MANIFEST[MANIFEST_ENTRY]
assert _ENTRY["doc_id"] == DOC and _ENTRY["seed_file"] == SEED

# Layer -> short name, the plausible-but-wrong values of each field of its first record, battery fields.
#: The record of each layer whose fields are mutated: the first, but for attributions the Kyrgyz officials'
#: "told" (the first has no source since agentless reports are attributions), which PLAUSIBLE's spans are near.
PICK = {"attributions": next(i for i, a in enumerate(_DOC_DATA["attributions"]) if a["cue"] and a["cue"]["text"] == "told")}

PLAUSIBLE = {
    "zones": {"id": ["m1", "z2"], "start": [19, 25], "end": [0, 20], "text": ["accessibility links"],
              "zone": ["sidebar"]},
    "mentions": {"id": ["mention1"], "entity_id": ["nobody_at_all", "Kazakhs", "kyrgyzstan"], "start": [37],
                 "end": [44], "text": ["kazakhs"], "label": ["GPE"], "form": ["Name", "pronoun"]},
    "quotes": {"id": ["Q1", "q01"], "start": [594], "end": [782], "text": [_DOC_DATA["quotes"][0]["text"].upper()],
               "type": ["Indirect"]},
    "attributions": {"id": ["q1"], "quote_id": ["q999", "q2", "m1"],
                     "cue": [{"start": 577, "end": 581}, {"start": 577, "end": 581, "text": "told", "label": "x"},
                             {"start": 577, "end": 581, "text": "said"}, {"start": 576, "end": 581, "text": " told"}],
                     "source": [{"start": 560, "end": 576, "text": "Kyrgyz Officials"}],
                     "speaker_id": ["nobody_at_all", "tokayev"], "speaker_role": ["Foreign_official", "spokesman"],
                     "act": ["statement", "Assertion"]},
    "figures": {"id": ["fr1"], "start": [326], "end": [360], "text": ["More than 1,000 Kazakh Nationals"],
                "value": ["1000"], "qualifier": ["vague", "roughly"], "quantity": ["casualties"],
                "unit": ["persons"], "event": ["kordai2020"], "source": ["a999", "nobody_at_all"]},
    "frames": {"id": ["f1"], "start": [98], "end": [111], "text": ["ethnic violence"], "frame": ["ethnic"],
               "holder": ["a999", "a1"], "stance": ["neutral"], "aspect": ["cause", "Trigger"]},
}
NESTED_PLAUSIBLE = {"start": [578, 581], "end": [580, 1_000_000], "text": ["Told", "tol"]}

ALL = tuple(tag for tag, _ in BATTERY)
#: (file, field) -> the battery values it gets: all of them for one field of each main kind, a few elsewhere.
BATTERY_FIELDS = {
    ("doc", "zones.id"): ("true", "empty_str", "long_str", "str_list"),
    ("doc", "zones.start"): ALL,
    ("doc", "zones.zone"): ("zero", "empty_list", "empty_obj"),
    ("doc", "mentions.entity_id"): ("zero", "empty_str", "long_str", "empty_obj", "str_list"),
    ("doc", "attributions.cue"): ALL,
    ("doc", "attributions.speaker_id"): ("zero", "empty_str", "long_str", "empty_list"),
    ("doc", "attributions.cue.end"): ("minus1", "float", "true", "int30"),
    ("doc", "attributions.cue.text"): ("zero", "empty_str", "long_str", "empty_obj"),
    ("doc", "figures.value"): ALL,
    ("doc", "figures.source"): ("zero", "empty_str", "long_str", "empty_list"),
    ("doc", "frames.holder"): ("long_str",),
    ("registry", "entity_id"): ("zero", "empty_str", "long_str"),
    ("registry", "aliases"): ALL,
    ("registry", "wikidata"): ("zero", "empty_str", "long_str"),
    ("manifest", "doc_id"): ("zero", "long_str"),
    ("manifest", "seed_file"): ALL,
    ("manifest", "published"): ("zero", "empty_list", "x"),
    ("manifest", "notes"): ("x", "empty_obj"),
    ("events", "event_id"): ("zero", "empty_str", "long_str"),
    ("events", "start"): ALL,
    ("events", "places"): ALL,
}


def _values(plausible: list, battery: tuple, original) -> list[tuple[str, object, bool]]:
    """(tag, value, must refuse) for one field: deleted, null, its plausible-but-wrong values, battery values."""
    out = [("delete", DELETE, True), ("null", None, False)]
    out += [(f"wrong_{_tag(v)}", v, True) for v in plausible]
    out += [(tag, v, False) for tag, v in BATTERY if tag in battery]
    return [(t, v, m) for t, v, m in out if not (type(v) is type(original) and v == original)]  # no no-ops


def _doc_field_mutations() -> None:
    for layer, plausible in PLAUSIBLE.items():
        i = PICK.get(layer, 0)
        first = _DOC_DATA[layer][i]
        rid = first["id"]
        for fld in first:
            for tag, value, must in _values(plausible.get(fld, []), BATTERY_FIELDS.get(("doc", f"{layer}.{fld}"), ()),
                                            first[fld]):
                new_id = value if fld == "id" and isinstance(value, str) and value else None
                add(f"doc-{layer}[{i}]-{fld}-{tag}", DOC_FILE, _json_edit(DOC_FILE, _set((layer, i, fld), value)),
                    refuse=must or None, record=(rid, f"{layer}[{i}]") + ((new_id,) if new_id else ()))
        add(f"doc-{layer}[{i}]-unknown_field", DOC_FILE, _json_edit(DOC_FILE, _update((layer, i), comment="x")),
            refuse=True, record=(rid, f"{layer}[{i}]"))
    # the nested spans of the picked attribution
    i = PICK["attributions"]
    att = _DOC_DATA["attributions"][i]
    for span in ("cue", "source"):
        for fld in ("start", "end", "text"):
            battery = BATTERY_FIELDS.get(("doc", f"attributions.{span}.{fld}"), ())
            for tag, value, must in _values(NESTED_PLAUSIBLE[fld], battery, att[span][fld]):
                add(f"doc-attributions[{i}]-{span}.{fld}-{tag}", DOC_FILE,
                    _json_edit(DOC_FILE, _set(("attributions", i, span, fld), value)),
                    refuse=must or None, record=(att["id"], f"attributions[{i}]"))


def _entity_mutations() -> None:
    plausible = {"entity_id": ["AFP", "aktaeva", "afp agency"], "name": [],
                 "label": ["PERSON", "org"], "role": ["Journalist"],
                 "aliases": [["AFP", ""], "AFP", [], ["afp"]], "wikidata": ["Q0", "q1", "Q12 "]}
    rid = _ENTITY["entity_id"]
    for fld in _ENTITY:
        for tag, value, must in _values(plausible[fld], BATTERY_FIELDS.get(("registry", fld), ()), _ENTITY[fld]):
            new_id = value if fld == "entity_id" and isinstance(value, str) and value else None
            add(f"registry-{rid}-{fld}-{tag}", Layout.REGISTRY, _json_edit(Layout.REGISTRY, _set((0, fld), value)),
                refuse=must or None, record=(rid, "#0") + ((new_id,) if new_id else ()))
    add(f"registry-{rid}-unknown_field", Layout.REGISTRY, _json_edit(Layout.REGISTRY, _update((0,), note="x")),
        refuse=True, record=(rid, "#0"))


def _manifest_mutations() -> None:
    abs_seed = str(_ROOT / SEED_REL)
    plausible = {
        "doc_id": ["..", "/etc/passwd", "a/b", "x\x00", f"../{DOC}", f"{DOC}.json", "cabar_2020_masanchi",
                   "other_doc", "A" * 201, f"{DOC}\n", ""],
        "seed_file": ["..", f"../seeds/{SEED}", "/etc/passwd", abs_seed, "a/b", "x\x00.txt", "000_74345c06c20bc3f8.txt",
                      "manifest.json", "nonexistent.txt", f"{SEED}/",
                      "/".join(["a"] * 20_000), "a" * 300, f"{SEED}\n"],
        "outlet": [""], "title": [""], "language": [""],
        "published": ["2020-02-30", "20200209", "2020-2-9", 20200209],
        "event": ["Kordai 2020", "almaty_2019"], "genre": ["news"],
        "sha256": [_ENTRY["sha256"].upper(), "0" * 64, _MANIFEST[0]["sha256"]],
        "notes": ["a note", [1], [None]],
    }
    for fld in _ENTRY:
        for tag, value, must in _values(plausible[fld], BATTERY_FIELDS.get(("manifest", fld), ()), _ENTRY[fld]):
            new_id = value if fld == "doc_id" and isinstance(value, str) and value else None
            add(f"manifest-{DOC}-{fld}-{tag}", Layout.MANIFEST,
                _json_edit(Layout.MANIFEST, _set((MANIFEST_ENTRY, fld), value)), refuse=must or None,
                record=(DOC, f"#{MANIFEST_ENTRY}") + ((new_id,) if new_id else ()))
    add(f"manifest-{DOC}-unknown_field", Layout.MANIFEST,
        _json_edit(Layout.MANIFEST, _update((MANIFEST_ENTRY,), url="x")), refuse=True, record=(DOC, f"#{MANIFEST_ENTRY}"))


def _event_mutations() -> None:
    """The first declared event's fields, the declarations' top level: a corpus's events are its own file."""
    e = Layout.EVENTS
    plausible = {"event_id": ["Zhanaozen 2011", "kordai_2020", "zhanaozen"], "name": [""],
                 "start": ["2011-12-32", "16 December 2011", "2011-12-20"], "end": ["2011-12-15", "2011"],
                 "places": [[], "Zhanaozen", [""]], "notes": ["a note", [1]]}
    first = _EVENTS[0]
    rid = first["event_id"]
    for fld in first:
        for tag, value, must in _values(plausible[fld], BATTERY_FIELDS.get(("events", fld), ()), first[fld]):
            new_id = value if fld == "event_id" and isinstance(value, str) and value else None
            # An event's notes may be left out of the file; every other field is stated.
            refuse = None if (fld, tag) == ("notes", "delete") else must or None
            add(f"events-{rid}-{fld}-{tag}", e, _json_edit(e, _set((0, fld), value)), refuse=refuse,
                record=(rid, "#0") + ((new_id,) if new_id else ()))
    add(f"events-{rid}-unknown_field", e, _json_edit(e, _update((0,), place="x")), refuse=True, record=(rid, "#0"))
    for tag, value in [("object", {}), ("null", None), ("empty_list", []), ("list_of_null", [None]),
                       ("list_of_list", [[]])]:
        add(f"events-top-{tag}", e, _json_replace(e, value), refuse=True)
    add("events-top-duplicate_event", e, _json_edit(e, lambda data: data.append(dict(data[0]))), refuse=True)
    add("events-top-event_dropped", e, _json_edit(e, lambda data: data.pop(0)), refuse=True)
    add("events-top-reversed", e, _json_edit(e, lambda data: data.reverse()))
    add("events-top-event_added", e, _json_edit(e, lambda data: data.append({**data[0], "event_id": "almaty_2019"})))


def _objects(items) -> str:
    """A JSON object from (key, value) pairs written with json.dumps; keys may repeat."""
    return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in items) + "}"


def _top_level_mutations() -> None:
    d = DOC_FILE
    for tag, value in [("list", []), ("null", None), ("string", "x"), ("number", 0), ("object_empty", {})]:
        add(f"doc-top-{tag}", d, _json_replace(d, value), refuse=True)
    for key in _DOC_DATA:
        add(f"doc-top-missing_{key}", d, _json_edit(d, _set((key,), DELETE)), refuse=True)
    add("doc-top-extra_key", d, _json_edit(d, _update((), entities=[])), refuse=True)
    add("doc-top-extra_key_long_name", d, _json_edit(d, _update((), **{LONG: 1})), refuse=True)
    add("doc-zones[0]-unknown_field_long_name", d, _json_edit(d, _update(("zones", 0), **{LONG: 1})), refuse=True,
        record=("z1",))
    add("doc-top-extra_key_newline", d, _json_edit(d, _update((), **{"x\nfake problem": 1})), refuse=True)
    add("doc-top-doc_id_other", d, _json_edit(d, _update((), doc_id="cabar_2020_masanchi")), refuse=True)
    add("doc-top-doc_id_null", d, _json_edit(d, _update((), doc_id=None)), refuse=True)
    add("doc-top-seed_file_other", d, _json_edit(d, _update((), seed_file="000_74345c06c20bc3f8.txt")), refuse=True)
    add("doc-top-seed_file_dotdot", d, _json_edit(d, _update((), seed_file="../../etc/passwd")), refuse=True)
    add("doc-top-sha256_zeros", d, _json_edit(d, _update((), sha256="0" * 64)), refuse=True)
    add("doc-top-sha256_list", d, _json_edit(d, _update((), sha256=[])), refuse=True)
    for layer, tag, value in [("zones", "object", {}), ("mentions", "null", None), ("quotes", "string", "abc"),
                              ("frames", "list_of_null", [None]), ("attributions", "list_of_list", [[]]),
                              ("mentions", "list_of_string", ["m1"])]:
        add(f"doc-top-{layer}_{tag}", d, _json_edit(d, _update((), **{layer: value})), refuse=True)
    add("doc-top-duplicate_record", d, _json_edit(d, lambda data: data["mentions"].append(dict(data["mentions"][0]))),
        refuse=True)
    add("doc-top-layers_empty", d, _json_edit(d, lambda data: data.update({k: [] for k in data if isinstance(data[k], list)})))
    # the registry and the manifest
    r, m = Layout.REGISTRY, Layout.MANIFEST
    for tag, value in [("object", {}), ("null", None), ("empty_list", []), ("list_of_null", [None]),
                       ("list_of_list", [[]])]:
        add(f"registry-top-{tag}", r, _json_replace(r, value), refuse=True)
        add(f"manifest-top-{tag}", m, _json_replace(m, value), refuse=True)
    add("registry-top-duplicate_entity", r, _json_edit(r, lambda data: data.append(dict(data[0]))), refuse=True)
    add("registry-top-entity_dropped", r, _json_edit(r, lambda data: data.pop(0)), refuse=True)
    add("manifest-top-duplicate_entry", m, _json_edit(m, lambda data: data.append(dict(data[1]))), refuse=True)
    add("manifest-top-entry_dropped", m, _json_edit(m, lambda data: data.pop(1)), refuse=True)
    add("manifest-top-entries_reversed", m, _json_edit(m, lambda data: data.reverse()))


def _raw_mutations() -> None:
    files = {"doc": DOC_FILE, "registry": Layout.REGISTRY, "manifest": Layout.MANIFEST, "events": Layout.EVENTS}
    for tag, target in files.items():
        def garbage(_, t=target):
            return random.Random(t).randbytes(4096)
        raw = [("empty", lambda b: b""), ("truncated", lambda b: b[:len(b) // 2]),
               ("garbage", garbage), ("nul_bytes", lambda b: b"\x00" * 64), ("bom", lambda b: b"\xef\xbb\xbf" + b),
               ("utf16", lambda b: b.decode("utf-8").encode("utf-16")), ("trailing_data", lambda b: b + b"\n{}\n"),
               ("deep_nesting", lambda b: b"[" * 100_000 + b"]" * 100_000),
               ("not_utf8", lambda b: b.replace(b'"', b'"\xff', 1)), ("single_quotes", lambda b: b.replace(b'"', b"'")),
               ("trailing_comma", lambda b: b.rstrip()[:-1].rstrip() + b",\n" + b.rstrip()[-1:])]
        core = ("empty", "truncated", "garbage", "bom", "utf16", "deep_nesting", "not_utf8")
        for name, fn in raw:
            if tag == "doc" or name in core:
                add(f"{tag}-raw-{name}", target, _bytes_edit(target, fn), refuse=True)
    add("doc-raw-crlf", DOC_FILE, _bytes_edit(DOC_FILE, lambda b: b.replace(b"\n", b"\r\n")))
    # NaN, infinities, repeated keys and lone surrogates: written with json.dumps, which allows them
    d = DOC_FILE
    for tag, value in [("nan", float("nan")), ("infinity", float("inf")), ("minus_infinity", float("-inf"))]:
        add(f"doc-raw-{tag}", d, _json_raw(d, lambda data, v=value: json.dumps(_with(data, ("figures", 0, "value"), v))),
            refuse=True)
    add("registry-raw-nan", Layout.REGISTRY,
        _json_raw(Layout.REGISTRY, lambda data: json.dumps(_with(data, (0, "wikidata"), float("nan")))), refuse=True)
    add("manifest-raw-infinity", Layout.MANIFEST,
        _json_raw(Layout.MANIFEST, lambda data: json.dumps(_with(data, (1, "title"), float("inf")))), refuse=True)
    add("doc-raw-repeated_top_key", d, _json_raw(d, lambda data: _objects([*data.items(), ("zones", [])])), refuse=True)
    add("doc-raw-repeated_top_key_same_value", d,
        _json_raw(d, lambda data: _objects([*data.items(), ("doc_id", data["doc_id"])])), refuse=True)
    add("doc-raw-repeated_key_in_span", d, _json_raw(d, lambda data: json.dumps(data).replace(
        '"cue": {"start": 577,', '"cue": {"start": 577, "start": 577,', 1)), refuse=True)
    add("registry-raw-repeated_key", Layout.REGISTRY, _json_raw(Layout.REGISTRY, lambda data: "[" + ", ".join(
        [_objects([*data[0].items(), ("name", "Other")])] + [json.dumps(e) for e in data[1:]]) + "]"), refuse=True)
    add("manifest-raw-repeated_key", Layout.MANIFEST, _json_raw(Layout.MANIFEST, lambda data: "[" + ", ".join(
        [json.dumps(data[0]), _objects([*data[1].items(), ("doc_id", DOC)])] + [json.dumps(e) for e in data[2:]]) + "]"),
        refuse=True)
    add("doc-raw-lone_surrogate_in_text", d,
        _json_raw(d, lambda data: json.dumps(_with(data, ("zones", 0, "text"), "\ud800" + data["zones"][0]["text"][1:]))),
        refuse=True)
    add("doc-raw-lone_surrogate_in_id", d, _json_raw(d, lambda data: json.dumps(_with(data, ("zones", 0, "id"), "z\udc80"))),
        refuse=True)
    add("registry-raw-lone_surrogate_in_name", Layout.REGISTRY,
        _json_raw(Layout.REGISTRY, lambda data: json.dumps(_with(data, (0, "name"), "Agence \udc80"))))
    add("manifest-raw-lone_surrogate_in_doc_id", Layout.MANIFEST,
        _json_raw(Layout.MANIFEST, lambda data: json.dumps(_with(data, (1, "doc_id"), "\udc80"))), refuse=True)
    add("doc-raw-escape_codes_in_id", d,
        _json_edit(d, _set(("zones", 0, "id"), "z1\n/tmp/x: record z9: found nothing, expected \x1b[2J")), refuse=True)
    add("doc-raw-float_offset", d, _json_raw(d, lambda data: json.dumps(data).replace('"start": 0,', '"start": 0.0,', 1)),
        refuse=True)
    add("doc-raw-exponent_offset", d, _json_raw(d, lambda data: json.dumps(data).replace('"end": 19,', '"end": 1.9e1,', 1)),
        refuse=True)
    add("doc-raw-huge_exponent_value", d,
        _json_raw(d, lambda data: json.dumps(data).replace('"value": 1000.0', '"value": 1e400', 1)), refuse=True)
    add("doc-raw-int5000_value", d,
        _json_raw(d, lambda data: json.dumps(data).replace('"value": 1000.0', '"value": ' + "9" * 5000, 1)), refuse=True)
    # seeds/SHA256SUMS
    s = Layout.SHA256SUMS
    for name, fn, must in [("empty", lambda b: b"", True), ("garbage", lambda b: random.Random(1).randbytes(512), True),
                           ("bom", lambda b: b"\xef\xbb\xbf" + b, True), ("crlf", lambda b: b.replace(b"\n", b"\r\n"), None),
                           ("uppercase", lambda b: b.upper().replace(b".TXT", b".txt"), True),
                           ("line_twice", lambda b: b + b.splitlines(keepends=True)[1], True),
                           ("dotdot_name", lambda b: b + b"0" * 64 + b"  ../annotations/entities.json\n", True),
                           ("one_space", lambda b: b.replace(b"  ", b" ", 1), True),
                           ("long_name", lambda b: b + b"0" * 64 + b"  " + b"/".join([b"a"] * 20_000) + b"\n", True)]:
        add(f"sums-raw-{name}", s, _bytes_edit(s, fn), refuse=must)
    # DOC's seed: any change of a byte breaks every pin
    for name, fn in [("empty", lambda b: b""), ("bom", lambda b: b"\xef\xbb\xbf" + b), ("not_utf8", lambda b: b + b"\xff"),
                     ("crlf", lambda b: b.replace(b"\n", b"\r\n"))]:
        add(f"seed-raw-{name}", SEED_REL, _bytes_edit(SEED_REL, fn), refuse=True)


def _with(data, keys: tuple, value):
    _set(keys, value)(data)
    return data


def _replace_with_dir(rel):
    def apply(root, outside):
        p = root / rel
        (shutil.rmtree if p.is_dir() and not p.is_symlink() else os.unlink)(p)
        p.mkdir()
        (p / "x.json").write_text("[]")
    return apply


def _symlink_outside(rel):
    """A symlink to a perfect copy outside the corpus: following it would load."""
    def apply(root, outside):
        p = root / rel
        copy = outside / "copy" / Path(rel).name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if p.is_dir():
            shutil.copytree(p, copy)
            shutil.rmtree(p)
        else:
            shutil.copy(p, copy)
            p.unlink()
        p.symlink_to(copy)
    return apply


def _symlink_inside(rel):
    """A symlink to a perfect copy elsewhere inside the corpus: allowed."""
    def apply(root, outside):
        p = root / rel
        copy = root / f"{Path(rel).name}.real"
        os.rename(p, copy)
        p.symlink_to(os.path.relpath(copy, p.parent))
    return apply


def _dangling(rel, where: str):
    def apply(root, outside):
        p = root / rel
        (shutil.rmtree if p.is_dir() and not p.is_symlink() else os.unlink)(p)
        p.symlink_to(outside / "missing" if where == "outside" else p.parent / "missing")
    return apply


def _loop(rel):
    def apply(root, outside):
        p = root / rel
        (shutil.rmtree if p.is_dir() and not p.is_symlink() else os.unlink)(p)
        p.symlink_to(p.name)
    return apply


def _delete(rel):
    def apply(root, outside):
        p = root / rel
        (shutil.rmtree if p.is_dir() and not p.is_symlink() else os.unlink)(p)
    return apply


def _replace_with_file(rel):
    def apply(root, outside):
        p = root / rel
        shutil.rmtree(p)
        p.write_text("[]")
    return apply


def _whole_file_mutations() -> None:
    for tag, rel, deletable in [("doc", DOC_FILE, True), ("registry", Layout.REGISTRY, False),
                                ("manifest", Layout.MANIFEST, False), ("seed", SEED_REL, False),
                                ("sums", Layout.SHA256SUMS, True), ("events", Layout.EVENTS, True)]:
        add(f"{tag}-file-directory", rel, _replace_with_dir(rel), refuse=True)
        add(f"{tag}-file-symlink_outside", rel, _symlink_outside(rel), refuse=True)
        if tag in ("doc", "seed"):
            add(f"{tag}-file-symlink_inside", rel, _symlink_inside(rel))
        add(f"{tag}-file-dangling_outside", rel, _dangling(rel, "outside"), refuse=True)
        if tag in ("doc", "seed"):
            add(f"{tag}-file-dangling_inside", rel, _dangling(rel, "inside"), refuse=True)
            add(f"{tag}-file-symlink_loop", rel, _loop(rel), refuse=True)
        add(f"{tag}-file-deleted", rel, _delete(rel), refuse=None if deletable else True)
    for tag, rel in [("docs", Layout.DOCS), ("seeds", Layout.SEEDS)]:
        add(f"{tag}-dir-symlink_outside", rel, _symlink_outside(rel), refuse=True)
        add(f"{tag}-dir-dangling_outside", rel, _dangling(rel, "outside"), refuse=True if tag == "seeds" else None)
        add(f"{tag}-dir-deleted", rel, _delete(rel), refuse=True if tag == "seeds" else None)
        add(f"{tag}-dir-regular_file", rel, _replace_with_file(rel), refuse=True if tag == "seeds" else None)
    add("annotations-dir-deleted", "annotations", _delete("annotations"), refuse=True)
    # names from the file system end up in problems too
    add("docs-dir-orphan_named_with_newline", Layout.DOCS, _orphan("x\nFAKE: all good.json"), refuse=True)
    add("docs-dir-orphan_named_with_non_utf8_bytes", Layout.DOCS, _orphan(os.fsdecode(b"\xff.json")), refuse=True)


def _orphan(name: str):
    """An annotation file that no manifest entry names, a copy of DOC's, under a strange name."""
    def apply(root, outside):
        shutil.copy(root / DOC_FILE, root / Layout.DOCS / name)
    return apply


_doc_field_mutations()
_entity_mutations()
_manifest_mutations()
_event_mutations()
_top_level_mutations()
_raw_mutations()
_whole_file_mutations()
_DUPLICATES = [n for n in {m.name for m in MUTATIONS} if [m.name for m in MUTATIONS].count(n) > 1]
assert not _DUPLICATES, f"mutation names must be unique: {_DUPLICATES}"


# -- the checks -----------------------------------------------------------------------------

_VALIDATORS: dict[str, Draft202012Validator] = {}


def _validator(schema_rel: str) -> Draft202012Validator:
    if schema_rel not in _VALIDATORS:
        schema = json.loads((_ROOT / schema_rel).read_text(encoding="utf-8"))
        _VALIDATORS[schema_rel] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return _VALIDATORS[schema_rel]


def _schema_errors(root: Path, target: str) -> list[str] | None:
    """What the JSON Schema says about the changed file; None when it is no JSON a schema tool could read."""
    schema_rel = _schema_for(target)
    path = root / target
    if schema_rel is None or path.is_symlink() or not path.is_file():
        return None
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))  # Python's lenient JSON: a schema tool's view
    except (ValueError, RecursionError):
        return None
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in _validator(schema_rel).iter_errors(data)]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_corpus(tmp_path_factory.mktemp("pristine") / "c")


def test_the_pristine_copy_loads_and_its_files_meet_the_schemas(pristine):
    assert validate(pristine) == []
    corpus_kz.load(pristine)
    targets = [DOC_FILE, Layout.REGISTRY, Layout.MANIFEST, Layout.EVENTS] + [
        f"{Layout.DOCS}/{p.name}" for p in (pristine / Layout.DOCS).glob("*.json")]
    for target in targets:
        assert _schema_errors(pristine, target) == [], target


class _Spy:
    """Wraps load() or validate() where the command line looks them up, and records what each call did."""

    def __init__(self, fn):
        self.fn, self.calls = fn, []

    def __call__(self, *args, **kwargs):
        try:
            result = self.fn(*args, **kwargs)
        except BaseException as exc:
            self.calls.append(("raised", exc))
            raise
        self.calls.append(("returned", result))
        return result


def _real_streams():
    """stdout and stderr as CPython opens them in a UTF-8 locale: stdout strict, stderr backslashreplace."""
    return (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True),
            io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True))


def _cli(argv: list[str]) -> tuple[object, str, str]:
    """Run the command; return its exit code (or the exception that escaped it), its stdout and its stderr."""
    out, err = _real_streams()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except BaseException as exc:  # noqa: BLE001 - what escapes main() is a traceback for the user
            code = exc
    return code, out.buffer.getvalue().decode("utf-8", "replace"), err.buffer.getvalue().decode("utf-8", "replace")


def _outcome(spy: _Spy, what: str, direct):
    """What ``what`` returned (or raised): the command line's call of it, or a direct call if it made none."""
    if spy.calls:
        kind, value = spy.calls[0]
    else:
        try:
            kind, value = "returned", direct()
        except BaseException as exc:  # noqa: BLE001
            kind, value = "raised", exc
    if kind == "raised" and not isinstance(value, CorpusError):
        frame = traceback.extract_tb(value.__traceback__)[-1]
        pytest.fail(f"{what} raised {type(value).__name__}: {str(value)[:300]} "
                    f"(at {Path(frame.filename).name}:{frame.lineno} in {frame.name})")
    return kind, value


assert corpus_kz.load is corpus_kz.storage.load  # the spy on corpus_kz.storage.load watches corpus_kz.load


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_mutation(mutation: Mutation, pristine, tmp_path, monkeypatch):
    global _WATCH
    root, outside = tmp_path / "c", tmp_path / "outside"
    outside.mkdir()
    shutil.copytree(pristine, root, symlinks=True)
    mutation.apply(root, outside)
    schema_errors = _schema_errors(root, mutation.target)
    before_bytes, before_tree, outside_before = snapshot(root), _tree(root), _tree(outside)

    # `info` calls load() and `validate` calls validate(): the spies record both, so each is read once
    spy_load, spy_validate = _Spy(corpus_kz.storage.load), _Spy(corpus_kz.storage.validate)
    monkeypatch.setattr(corpus_kz.storage, "load", spy_load)
    monkeypatch.setattr(corpus_kz.storage, "validate", spy_validate)
    _WATCH = opened = []
    try:
        code_info, out_info, err_info = _cli(["info", str(root)])
        code_validate, out_validate, err_validate = _cli(["validate", str(root)])
        loaded, result = _outcome(spy_load, "load()", lambda: corpus_kz.load(root))
        _, problems = _outcome(spy_validate, "validate()", lambda: validate(root))
    finally:
        _WATCH = None
        monkeypatch.undo()

    # load() returns a Corpus or raises a CorpusError; validate() returns exactly its problems
    loaded = loaded == "returned"
    assert problems == ([] if loaded else result.problems), "validate() differs from what load() raised"

    # the command line: exit 1 on a refused corpus, each problem printed, no traceback, no internal error
    for what, code, out, err in [("info", code_info, out_info, err_info),
                                 ("validate", code_validate, out_validate, err_validate)]:
        assert not isinstance(code, BaseException), f"corpus-kz {what} let {type(code).__name__}: {code} escape"
        assert "Traceback" not in out + err
        assert "internal error" not in err, f"corpus-kz {what}: {err[-500:]}"
        assert code == (0 if loaded else 1), f"corpus-kz {what} exited {code}: {err[-500:]}"
    if not loaded:
        lines = "".join(f"{p}\n" for p in problems).encode("utf-8", "backslashreplace").decode("utf-8")
        assert out_validate == lines
        assert err_info.startswith(lines)

    # nothing written, nothing outside opened
    assert snapshot(root) == before_bytes, "a file in the corpus directory changed"
    assert _tree(root) == before_tree, "an entry in the corpus directory was created, replaced or touched"
    assert _tree(outside) == outside_before
    assert _outside(opened, root) == [], "opened outside the corpus directory"

    # every problem is one short line naming a file inside the directory, what was found and what was expected
    for p in problems:
        text = str(p)
        assert "\n" not in text and "\r" not in text and "\x1b" not in text, f"a problem over several lines: {text[:300]!r}"
        assert len(text) <= MAX_PROBLEM_CHARS, f"a problem of {len(text):,} characters: {text[:300]!r}..."
        assert isinstance(p.file, str) and p.file.startswith(str(root)), p
        assert isinstance(p.found, str) and p.found and isinstance(p.expected, str) and p.expected, p
        assert p.record is None or isinstance(p.record, str)
        assert p.field is None or isinstance(p.field, str)

    # what must be refused is refused
    if mutation.refuse:
        assert not loaded, "load() accepted a corpus it must refuse"
    # the schema is never stricter than the loader, and the loader says where the schema would
    if schema_errors:
        assert not loaded, f"the JSON Schema rejects {mutation.target} ({schema_errors[0]}), but load() accepts it"
        shown = str(root / mutation.target)
        assert any(p.file == shown for p in problems), f"no problem names {shown}: {[str(p)[:200] for p in problems]}"
        if mutation.record is not None:
            assert any(p.file == shown and p.record in mutation.record for p in problems), \
                f"no problem names record {mutation.record[0]!r} of {mutation.target}: {[str(p)[:200] for p in problems]}"
    shutil.rmtree(tmp_path)  # passed: leave nothing behind for the next session to delete
