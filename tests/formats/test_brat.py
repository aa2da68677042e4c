"""brat standoff: the files brat reads (.txt, .ann, a valid annotation.conf and visual.conf), spans over line
breaks as fragments, and broken imports refused by line.

What every format is held to (round trips of the real corpus, generated and predicted documents, the command
line, a shifted offset refused, refused imports that write nothing) is in test_contract.py.
"""

import hashlib
import json
import re
import shutil
import subprocess
import sys

import pytest

import corpus_kz
from corpus_kz import Attribution, Corpus, Document, Quote, Span
from corpus_kz.dependencies import MissingDependency
from corpus_kz.formats import brat
from corpus_kz.formats.base import FormatError, write_corpus

from ..helpers import DOC, make_event_corpus
from .roundtrip import assert_same, predicted

# bratly 0.1.4 declares its pydantic models the pydantic 1 way; pydantic 2 warns on import.
pytestmark = pytest.mark.filterwarnings("ignore:Support for class-based `config`")


@pytest.fixture(scope="module")
def exported(tmp_path_factory, corpus):
    return brat.export(tmp_path_factory.mktemp("brat") / "export", corpus, progress=False)


def test_files_are_a_brat_collection(exported, corpus):
    names = sorted(p.name for p in exported.iterdir() if not p.name.startswith("."))
    assert names == sorted(["annotation.conf", "visual.conf", brat.SIDECAR,
                            *(f"{d}.{ext}" for d in corpus.doc_ids for ext in ("txt", "ann"))])
    assert (exported / f"{DOC}.txt").read_bytes() == corpus[DOC].text.encode("utf-8")
    lines = (exported / f"{DOC}.ann").read_text(encoding="utf-8").splitlines()
    for line in [  # checked by hand against the text and the gold
        "T3\tZone_headline 36 112\tKazakhs Start Returning Home From Kyrgyzstan After Weekend's Ethnic Violence",
        "T6\tNORP 36 43\tKazakhs", "A1\tform T6 name", '#1\tAnnotatorNotes T6\t{"entity_id": "kazakhs"}',
        # the agentless report: a cue, no source, no speaker
        "T80\tQuote 439 557\tinterethnic clashes that erupted two days earlier in a cluster of five Kazakh villages, "
        "forcing many residents to flee",
        "T81\tCue 428 435\treports", "R1\tCue_of Arg1:T81 Arg2:T80", "A75\ttype T80 indirect", "A76\tact T80 assertion",
        '#75\tAnnotatorNotes T80\t{"speaker_id": null}',
        # Kyrgyz officials: a group source, so a role and no speaker_id
        "T84\tSource 560 576\tKyrgyz officials", "R3\tSource_of Arg1:T84 Arg2:T82",
        "A79\tspeaker_role T82 foreign_official",
        # a figure claimed inside the report: a relation to its quote, not a note
        "T122\tFigure 505 525\tfive Kazakh villages", "R28\tClaimed_by Arg1:T122 Arg2:T80",
        "A113\tqualifier T122 exact",
        "A116\tevent T122 kordai_2020", '#92\tAnnotatorNotes T122\t{"number": "five", "value": 5.0}',
        '#91\tAnnotatorNotes T121\t{"number": "1,000", "value": 1000.0, "source": "author"}',
    ]:
        assert line in lines
    doc = corpus[DOC]
    cues = {(a.cue.start, a.cue.end) for a in doc.attributions if a.cue}
    sources = {(a.source.start, a.source.end) for a in doc.attributions if a.source}
    spans = [len(doc.zones), len(doc.mentions), len(doc.quotes), len(cues), len(sources), len(doc.figures),
             len(doc.frames)]
    assert sum(line.startswith("T") for line in lines) == sum(spans)
    attributions = {a.id for a in doc.attributions}
    assert sum(line.startswith("R") for line in lines) == (
        sum(a.cue is not None for a in doc.attributions) + sum(a.source is not None for a in doc.attributions)
        + sum(f.source in attributions for f in doc.figures) + sum(fr.holder in attributions for fr in doc.frames))
    sidecar = json.loads((exported / brat.SIDECAR).read_text(encoding="utf-8"))
    assert [e["doc_id"] for e in sidecar["documents"]] == corpus.doc_ids and len(sidecar["entities"]) == 128


# -- the configuration, checked with brat's own parsing rules (server/src/projectconfig.py) ------------------------

_ARG = re.compile(r"^(\S*?):(\S*)$")
_STORAGE = re.compile(r"^[a-zA-Z0-9_-]+$")


def _sections(text: str, expected: tuple[str, ...]) -> dict[str, list[tuple[int, str, list[str]]]]:
    """brat's reading of a configuration file: sections, then (depth, term, args) per line."""
    sections: dict[str, list] = {}
    current = None
    for line in text.split("\n"):
        m = re.match(r"^\s*\[(.*)\]\s*$", line)
        if m:
            assert m.group(1) in expected and m.group(1) not in sections, line
            current = sections.setdefault(m.group(1), [])
            continue
        if not line.strip() or re.match(r"^\s*#", line):
            continue
        assert current is not None, f"a line before any section: {line!r}"
        m = re.match(r"^(\s*)([^\t]+)(?:\t(.*))?$" if current is sections.get("labels") else
                     r"^(\s*)(\S+)(?:\s+(.*))?$", line)
        assert m, line
        indent, terms, args = m.groups()
        args = [a.strip() for a in (args or "").split(",") if a.strip()]
        for a in args:
            assert _ARG.match(a), f"argument {a!r} of {line!r}"
        current.append((len(indent), terms.strip(), args))
    assert tuple(sections) == expected
    return sections


def test_annotation_conf_is_valid_brat_and_declares_everything_the_files_use(exported):
    conf = _sections((exported / "annotation.conf").read_text(encoding="utf-8"),
                     ("entities", "relations", "events", "attributes"))
    entities = {term.lstrip("!") for _, term, _ in conf["entities"]}
    assert all(_STORAGE.match(t) for t in entities)
    # the depth of each child is one more than its parent's: brat would refuse a child without a parent
    depths = [d for d, _, _ in conf["entities"]]
    assert depths[0] == 0 and all(b <= a + 1 for a, b in zip(depths, depths[1:]))
    selectable = {term for _, term, _ in conf["entities"] if not term.startswith("!")}
    assert selectable == set(brat.entity_types())
    relations = {}
    for _, term, args in conf["relations"]:
        parsed = dict(_ARG.match(a).groups() for a in args)
        if term == "<OVERLAP>":
            assert parsed == {"Arg1": "<ENTITY>", "Arg2": "<ENTITY>", "<OVL-TYPE>": "<ANY>"}
            continue
        assert _STORAGE.match(term) and set(parsed) == {"Arg1", "Arg2"} and set(parsed.values()) <= selectable
        relations[term] = (parsed["Arg1"], parsed["Arg2"])
    assert relations == brat.RELATIONS and conf["events"] == []
    attributes = {}
    for _, term, args in conf["attributes"]:
        parsed = dict(_ARG.match(a).groups() for a in args)
        assert _STORAGE.match(term) and set(parsed) == {"Arg", "Value"}
        types, values = parsed["Arg"].split("|"), parsed["Value"].split("|")
        assert set(types) <= selectable and all(_STORAGE.match(v) for v in values)
        attributes[term] = (set(types), set(values))
    assert attributes["act"] == ({"Quote"}, set(corpus_kz.vocab.ACTS))
    # a figure's event is an attribute too, whose values are the events the corpus declares
    assert attributes["event"] == ({"Figure"}, {"zhanaozen_2011", "kordai_2020", "qantar_2022"})
    assert attributes["form"][0] == set(corpus_kz.vocab.ENTITY_LABELS)
    # every type, relation and attribute value in the .ann files is one the configuration allows
    t_types = {}
    for ann in exported.glob("*.ann"):
        for line in ann.read_text(encoding="utf-8").splitlines():
            tid, body = line.split("\t")[:2]
            head = body.split(" ")
            if tid[0] == "T":
                t_types[(ann.name, tid)] = head[0]
                assert head[0] in selectable
            elif tid[0] == "R":
                a1, a2 = (t_types[(ann.name, x.split(":")[1])] for x in head[1:])
                assert relations[head[0]] == (a1, a2)
            elif tid[0] == "A":
                types, values = attributes[head[0]]
                assert t_types[(ann.name, head[1])] in types and head[2] in values, line
            else:
                assert tid[0] == "#" and head[0] == "AnnotatorNotes" and (ann.name, head[1]) in t_types


def test_visual_conf_is_valid_brat(exported):
    conf = _sections((exported / "visual.conf").read_text(encoding="utf-8"), ("labels", "drawing"))
    known = set(brat.entity_types()) | set(brat.RELATIONS)
    labelled = [term.split("|")[0].strip() for _, term, _ in conf["labels"]]
    assert set(labelled) <= known and len(labelled) == len(set(labelled))
    drawn = {term for _, term, _ in conf["drawing"]}
    assert drawn == known | {"SPAN_DEFAULT", "ARC_DEFAULT"}


# -- generated documents and line breaks ---------------------------------------------------------------------------

def _one_document(text: str, quote: tuple[int, int], cue: tuple[int, int] | None = None) -> Corpus:
    q = Quote(quote[0], quote[1], text[quote[0]:quote[1]], id="q1", type="direct")
    c = None if cue is None else Span(cue[0], cue[1], text[cue[0]:cue[1]])
    doc = Document("hand_doc", text, "hand_doc.txt", "Hand News", None, None, "kordai_2020", "report", "en",
                   hashlib.sha256(text.encode()).hexdigest(), quotes=(q,),
                   attributions=(Attribution("a1", "q1", "assertion", c),))
    return Corpus([doc], {})


def test_a_span_over_line_breaks_is_fragments_joined_back(tmp_path):
    text = "🙂 Officials said “peace\r\n\nholds” in Жанаозен\ntoday"
    start, end = text.index("peace"), text.index("holds") + len("holds")
    corpus = _one_document(text, (start, end), cue=(text.index("said"), text.index("said") + 4))
    brat.export(tmp_path / "b", corpus, progress=False)
    lines = (tmp_path / "b" / "hand_doc.ann").read_text(encoding="utf-8").splitlines()
    # code points: the emoji is one; the gap "\r\n\n" is three, and brat joins the fragments with a space
    assert lines[0] == f"T1\tQuote {start} {start + 5};{start + 8} {end}\tpeace holds" and (start, end) == (18, 31)
    assert_same(corpus, corpus_kz.load(write_corpus(tmp_path / "back", brat.read(tmp_path / "b"))))


def test_a_span_that_begins_with_a_line_break_is_refused_at_export(tmp_path):
    text = "They said\nfine things"
    corpus = _one_document(text, (9, 14))
    with pytest.raises(FormatError) as exc:
        brat.export(tmp_path / "b", corpus, progress=False)
    (p,) = exc.value.problems
    assert p.record == "hand_doc q1" and "[9, 14)" in p.found and "line break" in p.expected
    assert not (tmp_path / "b").exists()


# -- broken imports -----------------------------------------------------------------------------------------------

def _copy(exported, tmp_path):
    return shutil.copytree(exported, tmp_path / "b")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_shifted_offset_is_refused_naming_document_record_and_offsets(exported, tmp_path):
    b = _copy(exported, tmp_path)
    _edit(b / f"{DOC}.ann", "T84\tSource 560 576\t", "T84\tSource 561 577\t")
    with pytest.raises(FormatError) as exc:
        brat.read(b)
    (p,) = exc.value.problems
    assert p.file.endswith(f"{DOC}.ann:84") and p.record == f"{DOC} T84"
    assert "'Kyrgyz officials' at [561, 577)" in p.found and "a shifted span is never stored" in p.expected


@pytest.mark.parametrize("old, new, record, words", [
    # a fragment gap that is no line break: corpus spans are continuous
    ("T84\tSource 560 576\tKyrgyz officials", "T84\tSource 560 566;567 576\tKyrgyz officials", "T84",
     "separated by line breaks only"),
    ("T6\tNORP 36 43\tKazakhs", "T6\tNATION 36 43\tKazakhs", "T6", "entity types of annotation.conf"),
    ("A1\tform T6 name", "A1\tform T6 famous", "A1", "one of name, nominal"),
    ("A113\tqualifier T122 exact", "A113\tstance T122 exact", "A113", "one of qualifier, quantity, unit, event"),
    ('#1\tAnnotatorNotes T6\t{"entity_id": "kazakhs"}', '#1\tAnnotatorNotes T6\t{"entity": "kazakhs"}', "T6",
     "the keys entity_id"),
    ('{"number": "five", "value": 5.0}', '{"number": "five", "value": 5.0, "source": "author"}', "T122",
     "one of the two"),
    ("R3\tSource_of Arg1:T84 Arg2:T82", "R3\tSource_of Arg1:T82 Arg2:T84", "R3", "Arg1: a Source, Arg2: a Quote"),
    ("A76\tact T80 assertion\n", "", "T80", "one of assertion, belief, demand, promise"),
    ("R1\tCue_of Arg1:T81 Arg2:T80\n", "", "T81", "linked to no quote"),
    ("T6\tNORP 36 43\tKazakhs", "T6\tNORP 36 43", "T6", "text-bound annotation"),
    ("R1\tCue_of Arg1:T81 Arg2:T80", "E1\tCue_of:T81 Quote:T80", "E1", "no events"),
])
def test_broken_lines_are_refused_by_line_and_record(exported, tmp_path, old, new, record, words):
    b = _copy(exported, tmp_path)
    _edit(b / f"{DOC}.ann", old, new)
    with pytest.raises(FormatError) as exc:
        brat.read(b)
    (p,) = exc.value.problems  # once: what refers to a refused line is not reported again
    assert p.record == f"{DOC} {record}" and f"{DOC}.ann:" in p.file and words in str(p), str(p)


def test_a_changed_text_a_stray_document_and_a_missing_sidecar_are_refused(exported, tmp_path):
    b = _copy(exported, tmp_path)
    _edit(b / f"{DOC}.txt", "Kazakhs", "Kazakhz")
    (b / "notes.ann").write_text("", encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        brat.read(b)
    # The edited text's spans are not checked against it: one problem, its pin, says why they would all fail.
    (p,) = exc.value.problems
    assert p.file.endswith("/notes.ann") and "not listed in corpus_kz.json" in str(p)
    (b / "notes.ann").unlink()
    with pytest.raises(FormatError) as exc:  # the pin is the build step's to check
        write_corpus(tmp_path / "c", brat.read(b))
    (p,) = exc.value.problems
    assert (p.file, p.record, p.field) == (str(b.resolve() / brat.SIDECAR), DOC, "sha256")
    assert "the text hashes to" in p.found and "a text is never edited after annotation" in p.expected
    assert not (tmp_path / "c").exists()
    (b / brat.SIDECAR).unlink()
    with pytest.raises(FormatError, match="corpus_kz.json: found no such file"):
        brat.read(b)


def test_a_broken_sidecar_is_refused_field_by_field(exported, tmp_path):
    b = _copy(exported, tmp_path)
    sidecar = json.loads((b / brat.SIDECAR).read_text(encoding="utf-8"))
    entry = next(e for e in sidecar["documents"] if e["doc_id"] == DOC)
    del entry["genre"]
    sidecar["entities"][0]["label"] = "THING"
    (b / brat.SIDECAR).write_text(json.dumps(sidecar), encoding="utf-8")
    with pytest.raises(FormatError) as exc:  # by the build step, named where it read them
        write_corpus(tmp_path / "c", brat.read(b))
    assert {(p.file.rsplit("/", 1)[-1], p.record, p.field) for p in exc.value.problems} == {
        (brat.SIDECAR, DOC, "genre"), (brat.SIDECAR, sidecar["entities"][0]["entity_id"], "label")}


def test_the_module_imports_without_bratly_and_says_what_to_install(tmp_path, monkeypatch, corpus):
    code = "import sys, corpus_kz.formats.brat; assert 'bratly' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
    monkeypatch.setitem(sys.modules, "bratly", None)  # what a missing package looks like to import
    with pytest.raises(MissingDependency, match=r'pip install -e "\.\[brat\]" \(in the checkout'):
        brat.export(tmp_path / "b", corpus, progress=False)


@pytest.mark.parametrize("mixed", [False, True])
def test_a_predicted_record_has_its_origin_and_confidence_in_its_note(tmp_path, corpus, mixed):
    """(That they come back, for every format that reads: test_contract.py.)"""
    original = predicted(corpus, DOC, mixed)
    brat.export(tmp_path / "export", original, progress=False)
    ann = (tmp_path / "export" / f"{DOC}.ann").read_text(encoding="utf-8")
    # The provenance is in the notes; a quote's note holds its attribution's under prefixed keys.
    notes = [json.loads(line.split("\t", 2)[2]) for line in ann.splitlines() if line.startswith("#")]
    quote = next(n for n in notes if "speaker_id" in n and n.get("origin") == "predicted:quotes_rule")
    assert quote["attribution_origin"] == "predicted:attributions_rule"
    assert isinstance(quote["confidence"], (int, float)) and isinstance(quote["attribution_confidence"], (int, float))
    if mixed:
        assert any("speaker_id" in n and "origin" not in n for n in notes)  # a gold quote's note says nothing of it


def test_a_bad_confidence_in_a_note_is_refused_naming_the_line(tmp_path, corpus):
    brat.export(tmp_path / "export", predicted(corpus, DOC), progress=False)
    ann = tmp_path / "export" / f"{DOC}.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    n, line = next((n, line) for n, line in enumerate(lines, 1) if '"attribution_confidence": ' in line)
    lines[n - 1] = re.sub(r'"attribution_confidence": [^,}]+', '"attribution_confidence": 1.5', line)
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        brat.read(tmp_path / "export")
    (p,) = exc.value.problems
    assert (p.field, p.found) == ("attribution_confidence", "1.5") and p.file.startswith(str(ann) + ":")


def test_a_corpus_s_own_events_are_the_event_attribute_s_values(tmp_path):
    mine = corpus_kz.load(make_event_corpus(tmp_path / "mine"))
    brat.export(tmp_path / "b", mine, progress=False)
    conf = (tmp_path / "b" / "annotation.conf").read_text(encoding="utf-8")
    assert "event\tArg:Figure, Value:almaty_2019|shymkent_2019\n" in conf
    ann = (tmp_path / "b" / "rally.ann").read_text(encoding="utf-8")
    assert re.search(r"^A\d+\tevent T\d+ almaty_2019$", ann, flags=re.M)
    # An event value typed in brat is read back as written; whether it is declared is the build step's to say.
    (tmp_path / "b" / "rally.ann").write_text(ann.replace(" almaty_2019", " shymkent_2019"), encoding="utf-8")
    assert corpus_kz.load(write_corpus(tmp_path / "back", brat.read(tmp_path / "b")))["rally"].figures[0].event == \
        "shymkent_2019"
