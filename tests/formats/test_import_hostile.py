"""Hostile input to every import path: refused a line per fault, nothing written, nothing outside SRC read.

Each case takes a fresh copy of an export of the bundled corpus (or of a small corpus with emoji), breaks it
one way, and runs ``corpus-kz import FORMAT SRC --out OUT`` in-process and ``read(SRC)`` followed by
``write_corpus``. Expected of every case:

- exit 1 (a FormatError: one ``file: record: field: found …, expected …`` line per fault, then the count) or
  2 (a usage error: one ``corpus-kz: …`` line); never 70 (internal error) and never a traceback;
- the message names what the case broke;
- nothing at OUT and no temporary directory left beside it;
- in Python, ``read`` raises :class:`FormatError`, or ``write_corpus`` of what it read does: no other exception;
- no file is opened outside SRC: an audit hook on ``open`` records every path opened (resolved afterwards, so a
  symlink that was followed shows where it led); none may lead into the decoy directory beside SRC, to
  ``/etc/passwd`` or ``/dev/zero``, or anywhere in the test's directory but SRC.

What every reader is held to whatever its format (an empty directory, a plain file or nothing as SRC, a
relative SRC, an OUT that holds SRC or holds a user's files) is the contract's, in ``test_contract.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import zlib
from pathlib import Path

import pytest

from corpus_kz import Attribution, Corpus, Document, Entity, Mention, Quote, Span
from corpus_kz.formats import format_module
from corpus_kz.formats.base import FormatError, write_corpus

from .audit import PROBLEM, check_nothing_written, check_opened, opened, run_import

#: The readers, each with the hostile cases of its files below.
FORMATS = ("jsonl", "brat", "labelstudio", "xmi", "spacy")


def _read_then_write(fmt: str, src: Path, out: Path) -> list[str]:
    """``read`` then ``write_corpus``: one of them must raise FormatError, and nothing else. The paths opened."""
    with opened() as paths, pytest.raises(FormatError) as err:
        write_corpus(out, format_module(fmt).read(src))
    assert err.value.problems
    return paths


# -- exports to break ------------------------------------------------------------------------------------------------

def _emoji_corpus() -> Corpus:
    """One document whose spans sit after 🙂 (one character, two UTF-16 code units)."""
    text = "🙂 Tokayev said “order will be restored” in Almaty.\n"

    def span(word: str) -> Span:
        return Span(text.index(word), text.index(word) + len(word), word)

    tokayev = Entity("tokayev", "Tokayev", "PERSON", role="official", aliases=("Tokayev",))
    who, said, quote = span("Tokayev"), span("said"), span("order will be restored")
    doc = Document(
        "emoji_doc", text, "emoji.txt", "Gen News", None, dt.date(2022, 1, 5), "qantar_2022", "report", "en",
        hashlib.sha256(text.encode()).hexdigest(), notes=(),
        mentions=(Mention(who.start, who.end, who.text, id="m1", entity_id="tokayev", label="PERSON", form="name"),),
        quotes=(Quote(quote.start, quote.end, quote.text, id="q1", type="direct"),),
        attributions=(Attribution("a1", "q1", "promise", said, who, speaker_id="tokayev"),),
        registry={"tokayev": tokayev})
    return Corpus([doc], {"tokayev": tokayev})


@pytest.fixture(scope="module")
def exports(tmp_path_factory, corpus):
    root = tmp_path_factory.mktemp("exports")
    # The bundled corpus's first two documents (the second is KZ): every case reads its SRC twice, so fewer bytes
    # keep the whole file under a minute; the cases break files the two share with the whole corpus's export.
    two = corpus[0:2]
    assert [d.doc_id for d in two][1] == KZ
    made = {fmt: format_module(fmt).export(root / fmt, two, progress=False) for fmt in FORMATS}
    emoji = _emoji_corpus()
    for fmt in ("labelstudio", "xmi"):
        made[f"{fmt}-emoji"] = format_module(fmt).export(root / f"{fmt}-emoji", emoji, progress=False)
    return made


# -- ways to break a file --------------------------------------------------------------------------------------------

def _replace(path: Path) -> Path:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
    return path


def symlink_to(target):
    """A symlink in place of the file; ``target`` is a path, or a name in the decoy directory beside SRC."""
    def breaking(src: Path, name: str) -> None:
        to = Path(target) if str(target).startswith("/") else src.parent / "outside" / target
        os.symlink(to, _replace(src / name))
    return breaking


def fifo(src: Path, name: str) -> None:
    os.mkfifo(_replace(src / name))


def directory(src: Path, name: str) -> None:
    _replace(src / name).mkdir()


def huge(src: Path, name: str) -> None:
    with open(src / name, "ab") as fh:  # sparse: no disk space taken
        fh.truncate(65 * 2**20)


def not_utf8(src: Path, name: str) -> None:
    raw = (src / name).read_bytes()
    cut = len(raw) // 2
    (src / name).write_bytes(raw[:cut] + b"\xff\xfe\xc0" + raw[cut:])


def bom(src: Path, name: str) -> None:
    (src / name).write_bytes(b"\xef\xbb\xbf" + (src / name).read_bytes())


def empty(src: Path, name: str) -> None:
    (src / name).write_bytes(b"")


def missing(src: Path, name: str) -> None:
    _replace(src / name)


def text_of(content: str | bytes):
    def breaking(src: Path, name: str) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (src / name).write_bytes(data)
    return breaking


def sub(pattern: str, replacement, count: int = 1):
    """A regular-expression edit of the file's text (it must change something)."""
    def breaking(src: Path, name: str) -> None:
        before = (src / name).read_bytes().decode("utf-8")  # bytes: no newline translation
        after = re.sub(pattern, replacement, before, count=count)
        assert after != before, f"{pattern!r} found nothing in {name}"
        (src / name).write_bytes(after.encode("utf-8"))
    return breaking


def edits(*breakings):
    """Several edits of one file, in turn."""
    def breaking(src: Path, name: str) -> None:
        for b in breakings:
            b(src, name)
    return breaking


def append(line: str):
    def breaking(src: Path, name: str) -> None:
        with open(src / name, "ab") as fh:
            fh.write(line.encode("utf-8"))
    return breaking


def json_edit(fn, ascii: bool = False):
    """Let ``fn`` change the file's parsed JSON (or JSON Lines: a list of objects); written back as it was.

    ``ascii``: write every non-ASCII character as a ``\\u`` escape (a lone surrogate can only be written so).
    """
    def breaking(src: Path, name: str) -> None:
        text = (src / name).read_bytes().decode("utf-8")
        lines = name.endswith(".jsonl")
        data = [json.loads(x) for x in text.split("\n") if x] if lines else json.loads(text)
        fn(data)
        dump = (lambda v: json.dumps(v, ensure_ascii=ascii, allow_nan=True))
        (src / name).write_bytes(("".join(dump(x) + "\n" for x in data) if lines else dump(data)).encode("utf-8"))
    return breaking


def put(path: tuple, value):
    """Set ``data[path[0]][path[1]]… = value``."""
    def fn(data):
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value
    return json_edit(fn)


def docbin_edit(fn):
    """Let ``fn`` change the Docs of the DocBin (their kz_entry and kz_layers), and write it back."""
    def breaking(src: Path, name: str) -> None:
        from spacy import tokens  # in the [test] extra: missing, these cases fail rather than skip

        from corpus_kz.formats.spacy_docbin import _english, register_extensions

        register_extensions()
        docs = list(tokens.DocBin().from_disk(src / name).get_docs(_english().vocab))
        fn(docs)
        out = tokens.DocBin(store_user_data=True)
        for doc in docs:
            out.add(doc)
        out.to_disk(src / name)
    return breaking


def docbin_message(fn):
    """Let ``fn`` change the DocBin's msgpack message itself (what spaCy inflates and unpacks)."""
    def breaking(src: Path, name: str) -> None:
        import srsly  # spaCy's own (msgpack): missing, these cases fail rather than skip
        msg = srsly.msgpack_loads(zlib.decompress((src / name).read_bytes()))
        fn(msg)
        (src / name).write_bytes(zlib.compress(srsly.msgpack_dumps(msg)))
    return breaking


def dtd(declaration: str, pattern: str, reference: str):
    """A DOCTYPE after the XML declaration (``{outside}``: the decoy directory), and an entity reference used."""
    def breaking(src: Path, name: str) -> None:
        text = declaration.format(outside=src.parent / "outside")
        sub(XML_HEADER, lambda m: m.group(1) + text)(src, name)
        if pattern:
            sub(pattern, reference)(src, name)
    return breaking


def both(*breakings):
    def breaking(src: Path, name: str) -> None:
        for b in breakings:
            b(src, name)
    return breaking


def other_file(name: str, breaking):
    """Break ``name`` rather than the case's own file (the case's file is then only what the message names)."""
    return lambda src, _: breaking(src, name)


# -- the cases -------------------------------------------------------------------------------------------------------

#: What a name that becomes a path can be made of.
TRAVERSALS = ("../x", "/etc/passwd", "a/../../b", "a\x00b", "a\nb", "..", ".hidden")
#: JSON values of the wrong type.
WRONG_TYPES = (None, ["x"], 7, {"a": "b"}, True)

XXE = '<!DOCTYPE x [<!ENTITY e SYSTEM "file://{outside}/secret.txt">]>'
LAUGHS = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
          + "]>").replace("{", "{{").replace("}", "}}")
EXTERNAL_DTD = '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd">'
XML_HEADER = r"(<\?xml[^>]*\?>)"
KZ = "rferl_2020_kordai_returning"
ANN, TXT, XMI = f"{KZ}.ann", f"{KZ}.txt", f"{KZ}.xmi"
#: The bundled corpus's DocBin inflates to about 1 MB; this inflates to 70 MiB from about 70 KB.
BOMB = zlib.compress(b"\0" * (70 * 2**20), 9)

#: Every file each format reads, and what replacing it with something hostile must be refused as.
FILES = {
    "jsonl": ("documents.jsonl", "entities.jsonl", "zones.jsonl", "attributions.jsonl"),
    "brat": ("corpus_kz.json", TXT, ANN),
    "labelstudio": ("tasks.json", "corpus_kz.json"),
    "xmi": (XMI, "TypeSystem.xml", "entities.json"),
    "spacy": ("corpus.spacy", "entities.json"),
}
FILE_BREAKAGES = {
    "symlink to a file outside SRC": (symlink_to("secret.txt"), "leads outside"),
    "symlink to a directory outside SRC": (symlink_to("."), "leads outside"),
    "symlink to /etc/passwd": (symlink_to("/etc/passwd"), "leads outside"),
    "symlink to /dev/zero": (symlink_to("/dev/zero"), "leads outside"),
    "dangling symlink outside SRC": (symlink_to("nothing-here"), "leads outside"),
    "fifo": (fifo, "a device, pipe or socket"),
    "directory": (directory, "a directory"),
    "more than 64 MiB": (huge, "at most 67,108,864 bytes"),
    "missing": (missing, "no such file"),
}


def _file_cases():
    for fmt, names in FILES.items():
        for name in names:
            for what, (breaking, expected) in FILE_BREAKAGES.items():
                if what == "missing" and name in ("corpus_kz.json", XMI) and fmt != "brat":
                    continue  # optional: Label Studio's registry is then data.entities; an XMI export is its files
                yield fmt, f"{name}: {what}", name, breaking, expected
            if name == TXT:
                yield fmt, f"{name}: not UTF-8", name, not_utf8, "not UTF-8"
                yield fmt, f"{name}: a BOM (the text changed)", name, bom, "sha256"
            elif name in ("corpus.spacy",):
                yield fmt, f"{name}: not UTF-8 (not a DocBin)", name, not_utf8, "not a DocBin"
                yield fmt, f"{name}: empty", name, empty, "not a DocBin"
            elif name.endswith((".xmi", ".xml")):
                yield fmt, f"{name}: not UTF-8", name, not_utf8, "cannot read"
                yield fmt, f"{name}: empty", name, empty, "cannot read"
            else:
                yield fmt, f"{name}: not UTF-8", name, not_utf8, "not UTF-8"
                if name.endswith(".json") or name == "documents.jsonl" or name == ANN:
                    yield fmt, f"{name}: a BOM", name, bom, "BOM" if name != ANN else "\\ufeffT1"


def _name_cases():
    """Every name that becomes a path, set to a traversal or a value of the wrong type."""
    for value in (*TRAVERSALS, *WRONG_TYPES):
        for key in ("doc_id", "seed_file"):
            expected = key
            yield "jsonl", f"documents.jsonl {key}={value!r}", "documents.jsonl", put((1, key), value), expected
            yield "brat", f"sidecar {key}={value!r}", "corpus_kz.json", put(("documents", 1, key), value), expected
            yield "labelstudio", f"task data.{key}={value!r}", "tasks.json", put((1, "data", key), value), expected
            if isinstance(value, str):
                yield "spacy", f"kz_entry {key}={value!r}", "corpus.spacy", docbin_edit(
                    lambda docs, k=key, v=value: docs[1]._.kz_entry.__setitem__(k, v)), expected
        if isinstance(value, str) and "\x00" not in value:  # XML cannot hold a NUL, even escaped
            escaped = value.replace("\n", "&#10;")
            for key in ("doc_id", "seed_file"):
                yield "xmi", f"CorpusKzDocument {key}={value!r}", XMI, sub(
                    rf'(<custom:CorpusKzDocument [^>]*\b{key}=")[^"]*"', lambda m, v=escaped: f'{m.group(1)}{v}"'), key


JSONL_CASES = [
    ("a duplicate doc_id", "documents.jsonl", json_edit(lambda rows: rows.append(dict(rows[1]))), "doc_id no other"),
    ("a line that is an array", "zones.jsonl", json_edit(lambda rows: rows.__setitem__(0, [1])), "a JSON object"),
    ("a line that is null", "documents.jsonl", json_edit(lambda rows: rows.__setitem__(0, None)), "a JSON object"),
    ("a record's doc_id is a list", "zones.jsonl", put((0, "doc_id"), ["x"]), "a document not in"),
    ("a record's doc_id is unknown", "zones.jsonl", put((0, "doc_id"), "../x"), "a document not in"),
    ("text is null", "documents.jsonl", put((0, "text"), None), "field 'text'"),
    ("text is an object", "documents.jsonl", put((0, "text"), {"a": 1}), "field 'text'"),
    ("the text edited", "documents.jsonl", put((1, "text"), "edited"), "sha256"),
    ("a lone surrogate escape", "documents.jsonl", sub(r"Kazakh", r"Kaz\\ud800akh"), "lone surrogate"),
    ("a repeated key", "entities.jsonl", sub(r'\{"entity_id"', '{"name": "x", "entity_id"'), "twice"),
    ("NaN", "entities.jsonl", sub(r'"wikidata": null', '"wikidata": NaN'), "NaN"),
    ("nested 500 deep", "zones.jsonl", sub(r'"zone": "[a-z]+"', '"zone": ' + "[" * 500 + "]" * 500),
     "nested more than"),
    ("nested 100000 deep", "zones.jsonl", sub(r'"zone": "[a-z]+"', '"zone": ' + "[" * 100000 + "]" * 100000),
     "too deeply"),
    ("an integer of 5000 digits", "zones.jsonl", sub(r'"start": \d+', '"start": ' + "9" * 5000), "5,000 digits"),
    ("a seed_file that is the manifest", "documents.jsonl", put((0, "seed_file"), "manifest.json"),
     "other than SHA256SUMS"),
    ("a seed_file that is SHA256SUMS", "documents.jsonl", put((0, "seed_file"), "SHA256SUMS"),
     "other than SHA256SUMS"),
    ("a seed_file that is another's folder", "documents.jsonl",
     json_edit(lambda rows: (rows[0].update(seed_file="a"), rows[1].update(seed_file="a/b"))), "folder 'a'"),
    ("two texts, one seed_file", "documents.jsonl",
     json_edit(lambda rows: (rows[0].update(seed_file="a"), rows[1].update(seed_file="a"))), "with another text"),
    ("an unknown manifest field", "documents.jsonl", put((0, "extra"), 1), "field 'extra'"),
    ("a relation to a missing quote", "attributions.jsonl", put((0, "quote_id"), "q999"), "q999"),
    ("a value outside the vocabulary", "zones.jsonl", put((0, "zone"), "nonsense"), "'nonsense'"),
    ("a cue that is a string", "attributions.jsonl", put((0, "cue"), "said"), "field 'cue'"),
    ("a duplicate entity", "entities.jsonl", json_edit(lambda rows: rows.append(rows[0])), "duplicate id"),
    ("a duplicate record id", "zones.jsonl", json_edit(lambda rows: rows.append(rows[0])), "z1"),
]
# The build step names the offset: a start that is no offset, or an end that does not come after the start.
for _what, _value, _expected in (("negative", -1, "'start': found -1"), ("a float", 0.0, "'start': found 0.0"),
                                 ("a boolean", False, "'start': found false"), ("a string", "0", "'start': found '0'"),
                                 ("null", None, "'start': found null"),
                                 ("beyond the text", 10**9, "'end': found"), ("huge", 10**30, "'end': found")):
    JSONL_CASES.append((f"start {_what}", "zones.jsonl", put((0, "start"), _value), f"field {_expected}"))
    JSONL_CASES.append((f"cue start {_what}", "attributions.jsonl", put((0, "cue", "start"), _value),
                        f"field 'cue.{_expected[1:]}"))
JSONL_CASES.append(("reversed offsets", "zones.jsonl", json_edit(lambda rows: rows[0].update(start=rows[0]["end"],
                                                                                             end=rows[0]["start"])),
                    "field 'end': found"))

BRAT_CASES = [
    ("the sidecar is an array", "corpus_kz.json", text_of("[]"), "a JSON object"),
    ("documents is null", "corpus_kz.json", put(("documents",), None), "field 'documents'"),
    ("a document is null", "corpus_kz.json", put(("documents", 1), None), "documents[1]"),
    ("an entity is a number", "corpus_kz.json", put(("entities", 0), 5), "record #0"),
    ("a duplicate doc_id", "corpus_kz.json", json_edit(lambda d: d["documents"].append(d["documents"][1])),
     "a doc_id no other document has"),
    ("the text edited", TXT, sub(r"Accessibility", "Accessibilitx"), "sha256"),
    ("a negative offset", ANN, sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate -1 19\t"), "T1"),
    ("reversed offsets", ANN, sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate 19 0\t"), "offsets [19, 0)"),
    ("offsets beyond the text", ANN, sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate 0 99999\t"), "99999"),
    ("a float offset", ANN, sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate 0.0 19\t"), "T1"),
    ("an offset of 5000 digits", ANN, sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate 0 " + "9" * 5000 + "\t"),
     "T1"),
    ("a shifted span", ANN, sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate 1 20\t"), "shifted"),
    # int() reads any Unicode decimal digits; brat writes, and its format has, ASCII digits only.
    ("offsets in Arabic-Indic digits", ANN,
     sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate \u0660 \u0661\u0669\t"), "ASCII digits"),
    ("offsets in full-width digits", ANN, sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate 0 \uff11\uff19\t"),
     "ASCII digits"),
    ("fragments out of order", ANN, sub(r"\tZone_boilerplate 0 19\t", "\tZone_boilerplate 10 19;0 5\t"), "fragment"),
    ("a relation to a missing annotation", ANN, sub(r"(R1\t\w+ Arg1:T\d+ Arg2:)T\d+", r"\g<1>T9999"), "T9999"),
    ("a relation between the wrong types", ANN, sub(r"(R1\t\w+ Arg1:)T\d+", r"\g<1>T1"), "R1"),
    ("an attribute value outside the vocabulary", ANN, sub(r"(A\d+\tform T\d+ )name", r"\g<1>bogus"), "'bogus'"),
    ("an unknown attribute", ANN, sub(r"(A\d+\t)form", r"\g<1>colour"), "'colour'"),
    ("a note that is an array", ANN, sub(r'(#\d+\tAnnotatorNotes T\d+\t)\{[^\n]*\}', r"\g<1>[1]"), "AnnotatorNotes"),
    ("a note with NaN", ANN, sub(r'(#\d+\tAnnotatorNotes T\d+\t)\{[^\n]*\}', r'\g<1>{"entity_id": NaN}'), "NaN"),
    ("a note nested 100000 deep", ANN, sub(r'(#\d+\tAnnotatorNotes T\d+\t)\{[^\n]*\}', r"\g<1>" + "[" * 100000),
     "too deeply"),
    ("a note of a missing annotation", ANN, append("#999\tAnnotatorNotes T9999\t{}\n"), "T9999"),
    ("a duplicate T id", ANN, append("T1\tZone_boilerplate 0 19\tAccessibility links\n"), "a second annotation"),
    ("an event line", ANN, append("E1\tQuote:T80\n"), "E1"),
    ("a T line without text", ANN, append("T999\tZone_boilerplate 0 19\n"), "T999"),
    ("a cue linked to no quote", ANN, sub(r"R1\tCue_of[^\n]*\n", ""), "linked to no quote"),
    ("an unlisted .txt", "x.txt", text_of("x"), "not listed"),
    ("an unlisted .txt with a newline in its name", "evil\nname.txt", text_of("x"), "evil\\nname.txt"),
    ("a symlinked unlisted .txt", "y.txt", symlink_to("secret.txt"), "not listed"),
    ("a sub-collection", "sub", directory, "sub-collection"),
]

LS_RESULT = (1, "annotations", 0, "result")  # the gold is exported as completed annotations


def _relation(fn):
    def edit(tasks):
        fn(next(r for r in tasks[1]["annotations"][0]["result"] if r.get("type") == "relation"))
    return json_edit(edit)


def _result(control: str, fn):
    def edit(tasks):
        fn(next(r for r in tasks[1]["annotations"][0]["result"] if r.get("from_name") == control))
    return json_edit(edit)


LS_CASES = [
    ("tasks is null", "tasks.json", text_of("null"), "an array of Label Studio tasks"),
    ("tasks of the wrong types", "tasks.json", text_of("[1, null, [], \"x\"]"), "task 4"),
    ("data is an array", "tasks.json", put((1, "data"), []), "field 'data'"),
    ("predictions is an object", "tasks.json", put((1, "predictions"), {}), "field 'predictions'"),
    # read only when the task has no completed annotation
    ("a prediction that is null", "tasks.json", json_edit(lambda t: t[1].update(annotations=[], predictions=[None])),
     "field 'predictions'"),
    ("two completed annotations", "tasks.json", put((1, "annotations"), [{"result": []}, {"result": []}]),
     "2 completed annotations"),
    ("result is an object", "tasks.json", put((*LS_RESULT[:3], "result"), {}), "field 'result'"),
    ("a result that is a number", "tasks.json", put((*LS_RESULT, 0), 5), "result 0"),
    ("a duplicate doc_id", "tasks.json", json_edit(lambda t: t.append(t[1])), "a doc_id no other document has"),
    ("the text edited", "tasks.json", put((1, "data", "text"), "edited"), "field 'sha256'"),
    ("a region without value", "tasks.json", put((*LS_RESULT, 0, "value"), None), "value.labels"),
    ("an unknown label", "tasks.json", put((*LS_RESULT, 0, "value", "labels"), ["Bogus"]), "value.labels"),
    ("labels nested", "tasks.json", put((*LS_RESULT, 0, "value", "labels"), [["Zone"]]), "value.labels"),
    ("a region id that is a list", "tasks.json", put((*LS_RESULT, 0, "id"), ["z1"]), "field 'id'"),
    ("a region text that is a number", "tasks.json", put((*LS_RESULT, 0, "value", "text"), 5), "value.text"),
    ("a result type that is a list", "tasks.json", put((*LS_RESULT, 1, "type"), ["choices"]), "field 'type'"),
    ("a choice outside the vocabulary", "tasks.json", put((*LS_RESULT, 1, "value", "choices"), ["nonsense"]),
     "'nonsense'"),
    ("choices nested", "tasks.json", put((*LS_RESULT, 1, "value", "choices"), [["boilerplate"]]), "a list of one"),
    ("a control of another region kind", "tasks.json", put((*LS_RESULT, 1, "from_name"), "stance"), "from_name"),
    ("a value of NaN", "tasks.json", _result("value", lambda r: r["value"].update(text=["NaN"])), "'NaN'"),
    ("a value of 1e999", "tasks.json", _result("value", lambda r: r["value"].update(text=["1e999"])), "'1e999'"),
    ("a value nested 100000 deep", "tasks.json", _result("value", lambda r: r["value"].update(text=["[" * 100000])),
     "a number as JSON writes it"),
    ("a relation to a missing region", "tasks.json", _relation(lambda r: r.update(to_id="q999")), "'q999'"),
    ("a relation with list ids", "tasks.json", _relation(lambda r: r.update(from_id=["a"])), "from_id"),
    ("a relation of a quote to itself", "tasks.json", _relation(lambda r: r.update(from_id="q1", to_id="q1")),
     "a Quote and a Quote"),
    ("a relation labelled wrong", "tasks.json", _relation(lambda r: r.update(labels=[["cue"]])), "field 'labels'"),
    ("data.entities is null", "tasks.json", put((1, "data", "entities"), None), "data.entities"),
    ("an entity in data.entities that differs", "tasks.json", put((1, "data", "entities", 0, "name"), "Someone"),
     "data.entities"),
    ("the sidecar is null", "corpus_kz.json", text_of("null"), "found null"),
    ("the sidecar is an array", "corpus_kz.json", text_of("[]"), "found an array"),
    ("the sidecar's entities is null", "corpus_kz.json", text_of('{"entities": null}'), "field 'entities'"),
    ("the sidecar's entity has no id", "corpus_kz.json", text_of('{"entities": [{}]}'), "data.entities"),
    ("an unknown manifest field is dropped, a bad one is not", "tasks.json", put((1, "data", "notes"), [1, None]),
     "field 'notes'"),
]
for _what, _value in (("negative", -1), ("a float", 0.0), ("a boolean", False), ("a string", "0"), ("null", None),
                      ("beyond the text", 10**9)):
    LS_CASES.append((f"start {_what}", "tasks.json", put((*LS_RESULT, 0, "value", "start"), _value), "offsets"))
LS_CASES.append(("reversed offsets", "tasks.json", json_edit(
    lambda t: t[1]["annotations"][0]["result"][0]["value"].update(start=19, end=0)), "offsets [19, 0)"))


def _emoji_region(label: str, start_delta: int, end_delta: int):
    def edit(tasks):
        for r in tasks[0]["annotations"][0]["result"]:
            if r.get("value", {}).get("labels") == [label] or (r["type"] != "labels" and r.get("id") == "m1"):
                r["value"]["start"] += start_delta
                r["value"]["end"] += end_delta
    return json_edit(edit)


LS_EMOJI_CASES = [
    ("a start between the halves of a surrogate pair", "tasks.json", _emoji_region("PERSON", -2, 0), "offsets [1, "),
    ("an end between the halves of a surrogate pair", "tasks.json",
     json_edit(lambda t: [r["value"].update(start=0, end=1) for r in t[0]["annotations"][0]["result"]
                          if r.get("value", {}).get("labels") == ["PERSON"]]), "offsets [0, 1)"),
    ("a region text that splits the emoji", "tasks.json",
     json_edit(lambda t: [r["value"].update(start=0, end=2, text="\ud83d") for r in t[0]["annotations"][0]["result"]
                          if r.get("value", {}).get("labels") == ["PERSON"]], ascii=True), "lone surrogate"),
]

XMI_CASES = [
    ("XXE in content", XMI, dtd(XXE, r"<notes>", "<notes>&e;"), "DOCTYPE"),
    ("XXE in an attribute", XMI, dtd(XXE, r'outlet="[^"]*"', 'outlet="&e;"'), "DOCTYPE"),
    ("billion laughs in content", XMI, dtd(LAUGHS, r"<notes>", "<notes>&j;"), "DOCTYPE"),
    ("billion laughs in an attribute", XMI, dtd(LAUGHS, r'outlet="[^"]*"', 'outlet="&j;"'), "DOCTYPE"),
    ("an external DTD", XMI, dtd(EXTERNAL_DTD, "", ""), "DOCTYPE"),
    ("XXE in the type system", "TypeSystem.xml", dtd(XXE, r"<description>", "<description>&e;"), "DOCTYPE"),
    ("billion laughs in the type system", "TypeSystem.xml", dtd(LAUGHS, r"<description>", "<description>&j;"),
     "DOCTYPE"),
    ("XXE in UTF-16", XMI, lambda src, name: (src / name).write_bytes(
        ('<?xml version="1.0" encoding="UTF-16"?>' + XXE.format(outside=src.parent / "outside")
         + "<x>&e;</x>").encode("utf-16")), "DOCTYPE"),
    ("not XML", XMI, text_of("not xml"), "cannot read"),
    ("truncated XML", XMI, text_of("<xmi:XMI"), "cannot read"),
    ("a NUL character reference", XMI, sub(r"Accessibility links", "Accessibility&#0;links"), "cannot read"),
    ("the type system is another XML", "TypeSystem.xml", text_of("<x/>"), "no such type"),
    ("begin negative", XMI, sub(r'begin="0" end="19"', 'begin="-1" end="19"'), "offsets [-1, 19)"),
    ("begin after end", XMI, sub(r'begin="0" end="19"', 'begin="19" end="0"'), "offsets [19, 0)"),
    ("begin a float", XMI, sub(r'begin="0" end="19"', 'begin="0.5" end="19"'), "cannot read"),
    ("begin a word", XMI, sub(r'begin="0" end="19"', 'begin="abc" end="19"'), "cannot read"),
    ("end beyond the text", XMI, sub(r'begin="0" end="19"', 'begin="0" end="99999999999999999999"'),
     "99999999999999999999"),
    ("a shifted span", XMI, sub(r'begin="0" end="19"', 'begin="1" end="20"'), "shifted"),
    ("begin and end in Arabic-Indic digits", XMI, sub(r'begin="0" end="19"', 'begin="\u0660" end="\u0661\u0669"'),
     "ASCII digits"),
    ("two document-metadata records", XMI, edits(sub(r'(<type:DocumentMetaData xmi:id=")2("[^>]*/>)',
                                                     r'\g<1>2\2\g<1>999999\2'), sub(r'members="', 'members="999999 ')),
     "DocumentMetaData"),
    ("two corpus_kz document records", XMI,
     edits(sub(r'(?s)(<custom:CorpusKzDocument xmi:id=")3(".*?</custom:CorpusKzDocument>)', r'\g<1>3\2\g<1>999999\2'),
           sub(r'members="', 'members="999999 ')), "CorpusKzDocument"),
    ("a value outside the vocabulary", XMI, sub(r'zone="boilerplate"', 'zone="nonsense"'), "'nonsense'"),
    ("a quote reference to nothing", XMI, sub(r'(<custom:Attribution [^>]*quote=")\d+"', r'\g<1>99999"'),
     "cannot read"),
    ("a quote reference to a zone", XMI, sub(r'(<custom:Attribution [^>]*quote=")\d+"', r'\g<1>4"'), "field 'quote'"),
    ("a cue reference to a zone", XMI, sub(r'(<custom:Attribution [^>]*cue=")\d+"', r'\g<1>4"'),
     "expected a webanno.custom.Cue"),
    ("a cue reference to the metadata", XMI, sub(r'(<custom:Attribution [^>]*cue=")\d+"', r'\g<1>3"'),
     "expected a webanno.custom.Cue"),
    ("a value of NaN", XMI, sub(r'(<custom:Figure [^>]*value=")[^"]*"', r'\g<1>NaN"'), "'NaN'"),
    ("a value nested 100000 deep", XMI, sub(r'(<custom:Figure [^>]*value=")[^"]*"', r"\g<1>" + "[" * 100000 + '"'),
     "a JSON number"),
    ("a position that is a word", XMI, sub(r'position="\d+"', 'position="abc"'), "cannot read"),
    ("no sofa", XMI, sub(r"<cas:Sofa[^>]*/>", ""), "cannot read"),
    ("the registry with a repeated key", "entities.json", sub(r'"entity_id"', '"name": "x", "entity_id"'), "twice"),
    ("the registry an object", "entities.json", text_of("{}"), "a JSON array of entities"),
    ("a second .xmi of the same document", "zzz.xmi", lambda src, name: shutil.copy(src / XMI, src / name),
     "a doc_id no other document has"),
    ("a .xmi with a newline in its name", "evil\nname.xmi", text_of("not xml"), "evil\\nname.xmi"),
    ("a .xmi symlink outside", "x.xmi", symlink_to("secret.txt"), "leads outside"),
    ("a .xmi fifo", "x.xmi", fifo, "a device, pipe or socket"),
    ("a .xmi directory", "x.xmi", directory, "a directory"),
]

XMI_EMOJI_CASES = [
    ("a begin between the halves of a surrogate pair", "emoji_doc.xmi",
     sub(r'(<custom:Mention [^>]*begin=")3(")', r"\g<1>1\2"), "external offset [1]"),
]


def _layers(fn):
    return docbin_edit(lambda docs: fn(docs[1]._.kz_layers))


SPACY_CASES = [
    ("not a DocBin", "corpus.spacy", text_of(b"hello"), "not a DocBin"),
    ("zlib of junk", "corpus.spacy", text_of(zlib.compress(b"\xc1\xc1")), "not a DocBin"),
    ("msgpack of the wrong shape", "corpus.spacy", text_of(zlib.compress(b"\x91\x01")), "not a DocBin"),
    ("a decompression bomb", "corpus.spacy", text_of(BOMB), "inflates to more than"),
    ("token lengths that do not add up", "corpus.spacy",
     docbin_message(lambda m: m.update(lengths=(b"\xff\xff\xff\x7f" + m["lengths"][4:]))), "not a DocBin"),
    ("user data that is not msgpack", "corpus.spacy",
     docbin_message(lambda m: m.update(user_data=[b"\xc1"] * len(m["user_data"]))), "not a DocBin"),
    ("flags of the wrong type", "corpus.spacy", docbin_message(lambda m: m.update(flags=[5] * len(m["flags"]))),
     "not a DocBin"),
    ("kz_entry is null", "corpus.spacy", docbin_edit(lambda docs: setattr(docs[1]._, "kz_entry", None)),
     "doc._.kz_entry"),
    ("kz_layers is null", "corpus.spacy", docbin_edit(lambda docs: setattr(docs[1]._, "kz_layers", None)),
     "doc._.kz_layers"),
    ("kz_entry with bytes", "corpus.spacy", docbin_edit(lambda docs: docs[1]._.kz_entry.update(outlet=b"x")),
     "outlet"),
    ("kz_entry with a tuple key", "corpus.spacy",
     docbin_edit(lambda docs: docs[1]._.kz_entry.__setitem__(("a",), 1)), "('a',)"),
    ("kz_entry with NaN", "corpus.spacy", docbin_edit(lambda docs: docs[1]._.kz_entry.update(outlet=float("nan"))),
     "outlet"),
    ("a record with bytes", "corpus.spacy", _layers(lambda layers: layers["zones"][0].update(zone=b"headline")),
     "b'headline'"),
    ("a record with a tuple key", "corpus.spacy", _layers(lambda layers: layers["zones"][0].__setitem__((1,), 2)),
     "(1,)"),
    ("a record with NaN", "corpus.spacy", _layers(lambda layers: layers["figures"][0].update(value=float("nan"))),
     "nan"),
    ("a boolean offset", "corpus.spacy", _layers(lambda layers: layers["zones"][0].update(start=False)),
     "field 'start': found false"),
    ("a negative offset", "corpus.spacy", _layers(lambda layers: layers["zones"][0].update(start=-1)),
     "field 'start': found -1"),
    ("a relation to a missing quote", "corpus.spacy",
     _layers(lambda layers: layers["attributions"][0].update(quote_id="q999")), "q999"),
    ("a value outside the vocabulary", "corpus.spacy",
     _layers(lambda layers: layers["zones"][0].update(zone="nonsense")), "'nonsense'"),
    ("a layer that is a string", "corpus.spacy", _layers(lambda layers: layers.update(zones="x")),
     "kz_layers['zones']"),
    ("a duplicate doc_id", "corpus.spacy", docbin_edit(lambda docs: docs.append(docs[1])), "a doc_id no other"),
    ("the registry with a repeated key", "entities.json", sub(r'"entity_id"', '"name": "x", "entity_id"'), "twice"),
    ("the registry with NaN", "entities.json", sub(r'"wikidata": null', '"wikidata": NaN'), "NaN"),
    ("the registry with a lone surrogate", "entities.json", sub(r'"Agence', r'"\\ud800Agence'), "lone surrogate"),
    ("the registry nested 100000 deep", "entities.json", text_of("[" * 100000), "too deeply"),
    ("the registry an object", "entities.json", text_of("{}"), "a JSON array of entities"),
]

CASES = [
    *_file_cases(),
    *_name_cases(),
    *(("jsonl", *case) for case in JSONL_CASES),
    *(("brat", *case) for case in BRAT_CASES),
    *(("labelstudio", *case) for case in LS_CASES),
    *(("labelstudio-emoji", *case) for case in LS_EMOJI_CASES),
    *(("xmi", *case) for case in XMI_CASES),
    *(("xmi-emoji", *case) for case in XMI_EMOJI_CASES),
    *(("spacy", *case) for case in SPACY_CASES),
]


def _workspace(tmp_path: Path, export: Path) -> tuple[Path, Path, Path]:
    """A copy of ``export`` as SRC, a decoy directory beside it, and OUT (which must never appear)."""
    src = tmp_path / "src"
    shutil.copytree(export, src, symlinks=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret: never read\n", encoding="utf-8")
    return src, outside, tmp_path / "out"


@pytest.mark.parametrize("fmt, what, name, breaking, expected", CASES,
                         ids=[f"{c[0]}: {c[1]}".encode("unicode_escape").decode() for c in CASES])
def test_hostile_input_is_refused_naming_it(exports, tmp_path, capsys, fmt, what, name, breaking, expected):
    src, outside, out = _workspace(tmp_path, exports[fmt])
    kind = fmt.split("-")[0]
    breaking(src, name)
    code, paths = run_import(kind, src, out)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.rstrip("\n").split("\n")
    assert re.fullmatch(r"\d+ problems? found", lines[-1]), err
    assert all(PROBLEM.match(line) for line in lines[:-1]), err  # one line per fault, no line broken by a name
    assert expected in err, err
    check_nothing_written(out)
    check_opened(paths, tmp_path, src, out)
    check_opened(_read_then_write(kind, src, out), tmp_path, src, out)
    check_nothing_written(out)


# -- a source named by its file ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, name", [("labelstudio", "tasks.json"), ("spacy", "corpus.spacy"), ("xmi", XMI)])
def test_a_source_file_symlinked_out_of_its_directory_is_refused(exports, tmp_path, capsys, fmt, name):
    src, outside, out = _workspace(tmp_path, exports[fmt])
    shutil.copy(src / name, outside / name)
    os.symlink(outside / name, src / f"link-{name}")
    code, paths = run_import(fmt, src / f"link-{name}", out)
    err = capsys.readouterr().err
    assert code == 1 and "leads outside" in err, err
    check_nothing_written(out)
    check_opened(paths, tmp_path, src, out)


def test_a_docbin_given_by_name_is_the_one_read(exports, tmp_path, capsys):
    """``import spacy DIR/mine.spacy`` reads mine.spacy, not DIR/corpus.spacy."""
    src, _, out = _workspace(tmp_path, exports["spacy"])
    shutil.copy(src / "corpus.spacy", src / "mine.spacy")
    (src / "corpus.spacy").write_bytes(b"not a DocBin")
    code, _ = run_import("spacy", src / "mine.spacy", out)
    assert code == 0, capsys.readouterr().err
    (src / "mine.spacy").write_bytes(b"not a DocBin either")
    code, _ = run_import("spacy", src / "mine.spacy", tmp_path / "out2")
    assert code == 1 and "mine.spacy" in capsys.readouterr().err


def test_json_lines_split_at_line_feeds_only(corpus, tmp_path):
    """U+2028, U+0085 and a form feed are characters of a JSON string, not line ends (JSON Lines splits at \\n).

    In a text, which is verbatim (metadata refuses them).
    """
    jsonl = format_module("jsonl")
    src = jsonl.export(tmp_path / "src", corpus[0:1], progress=False)
    text = corpus[0].text + "a\u2028b c\x85d e\x0cf\n"
    json_edit(lambda rows: rows[0].update(text=text, sha256=hashlib.sha256(text.encode()).hexdigest()))(
        src, "documents.jsonl")
    back = write_corpus(tmp_path / "out", jsonl.read(src))
    manifest = json.loads((back / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    assert (back / "seeds" / manifest[0]["seed_file"]).read_bytes().decode("utf-8") == text


def test_a_problem_found_when_the_import_is_loaded_names_the_source_not_a_temporary_file(exports, tmp_path):
    src, _, out = _workspace(tmp_path, exports["jsonl"])
    put((3, "zone"), "nonsense")(src, "zones.jsonl")
    with pytest.raises(FormatError) as err:
        write_corpus(out, format_module("jsonl").read(src))
    (problem,) = err.value.problems
    assert problem.file == f"{src.resolve() / 'zones.jsonl'}:4" and problem.field == "zone", problem
    assert ".tmp" not in str(problem)
