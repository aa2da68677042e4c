"""UIMA CAS XMI (INCEpTION, dkpro-cassis): the shape of the files, UTF-16 offsets, refused input.

What every format is held to (round trips of the real corpus, generated and predicted documents, the command
line, a user's directory kept, refused imports that write nothing) is in test_contract.py.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import sys
from pathlib import Path

import pytest
from lxml import etree

import corpus_kz
from corpus_kz import Attribution, Corpus, Document, Entity, Mention, Quote, Span
from corpus_kz.cli import main
from corpus_kz.dependencies import MissingDependency
from corpus_kz.formats import xmi
from corpus_kz.formats.base import FormatError, write_corpus
from corpus_kz.storage import Layout

from ..helpers import DOC
from .roundtrip import assert_same, predicted

XMI_NS = "{http://www.omg.org/XMI}id"
CUSTOM = "{http:///webanno/custom.ecore}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return xmi.export(tmp_path_factory.mktemp("xmi") / "export", corpus_kz.load(), progress=False)


def _xmi(path: Path):
    return etree.parse(str(path)).getroot()


def _by_id(root) -> dict:
    return {e.get(XMI_NS): e for e in root}


# -- the real corpus -------------------------------------------------------------

def test_export_files(corpus, exported):
    names = {p.name for p in exported.iterdir()}
    assert names == {f"{d}.xmi" for d in corpus.doc_ids} | {"TypeSystem.xml", "entities.json", "events.json",
                                                             ".corpus_kz-export.json"}
    registry = json.loads((exported / "entities.json").read_text(encoding="utf-8"))
    assert registry == json.loads((corpus.path / Layout.REGISTRY).read_text(encoding="utf-8"))
    ts = etree.parse(str(exported / "TypeSystem.xml")).getroot()
    declared = {t.findtext("{*}name"): {f.findtext("{*}name"): f.findtext("{*}rangeTypeName")
                                        for f in t.iter("{*}featureDescription")}
                for t in ts.iter("{*}typeDescription")}
    assert declared["webanno.custom.Attribution"] == {
        "id": "uima.cas.String", "quote": "webanno.custom.Quote", "act": "uima.cas.String",
        "cue": "webanno.custom.Cue", "source": "webanno.custom.Source", "speaker_id": "uima.cas.String",
        "speaker_role": "uima.cas.String", "origin": "uima.cas.String", "confidence": "uima.cas.String"}
    assert declared["webanno.custom.Quote"] == {"text": "uima.cas.String", "id": "uima.cas.String",
                                                "quote_type": "uima.cas.String", "origin": "uima.cas.String",
                                                "confidence": "uima.cas.String"}
    assert declared["webanno.custom.CorpusKzDocument"]["notes"] == "uima.cas.StringArray"
    assert "documentId" in declared[xmi.DOCUMENT_METADATA]


def test_a_document_by_hand(corpus, exported):
    doc = corpus[DOC]
    root = _xmi(exported / f"{DOC}.xmi")
    (sofa,) = root.iter("{http:///uima/cas.ecore}Sofa")
    assert sofa.get("sofaString") == doc.text and sofa.get("mimeType") == "text/plain"
    (dmd,) = root.iter("{*}DocumentMetaData")
    assert (dmd.get("documentId"), dmd.get("language"), dmd.get("begin"), dmd.get("end")) == (DOC, "en", "0", "3938")
    (meta,) = root.iter(CUSTOM + "CorpusKzDocument")
    assert meta.get("outlet") == "RFE/RL" and meta.get("event") == "kordai_2020" and meta.get("position") == "1"
    assert [n.text for n in meta.iter("notes")] == list(doc.notes)
    assert "published" not in meta.attrib  # null: no attribute
    zone = next(z for z in root.iter(CUSTOM + "Zone") if z.get("id") == "z3")
    assert dict(zone.attrib, **{XMI_NS: None}) == {
        XMI_NS: None, "sofa": "1", "begin": "36", "end": "112", "id": "z3", "zone": "headline",
        "text": "Kazakhs Start Returning Home From Kyrgyzstan After Weekend's Ethnic Violence"}
    # a2: "... told RFE/RL ...": the quote, cue and source are annotations the attribution points at.
    by_id = _by_id(root)
    a2 = next(a for a in root.iter(CUSTOM + "Attribution") if a.get("id") == "a2")
    quote, cue, source = (by_id[a2.get(f)] for f in ("quote", "cue", "source"))
    assert quote.tag == CUSTOM + "Quote" and quote.get("id") == "q2" and quote.get("quote_type") == "indirect"
    assert (a2.get("begin"), a2.get("end")) == (quote.get("begin"), quote.get("end"))
    assert cue.tag == CUSTOM + "Cue" and (cue.get("begin"), cue.get("end"), cue.get("text")) == ("577", "581", "told")
    assert source.tag == CUSTOM + "Source" and a2.get("speaker_role") == "foreign_official"
    assert "speaker_id" not in a2.attrib
    a1 = next(a for a in root.iter(CUSTOM + "Attribution") if a.get("id") == "a1")
    assert "source" not in a1.attrib and by_id[a1.get("cue")].get("text") == "reports"  # an agentless report
    f1 = next(f for f in root.iter(CUSTOM + "Figure") if f.get("id") == doc.figures[0].id)
    assert f1.get("value") == json.dumps(doc.figures[0].value) and f1.get("number") == doc.figures[0].number
    counts = {layer: sum(1 for _ in root.iter(CUSTOM + name.rsplit(".", 1)[1])) for layer, name in xmi.TYPES.items()}
    assert counts == {layer: len(getattr(doc, layer)) for layer in xmi.TYPES}


def test_cassis_reads_the_export_with_its_type_system(corpus, exported):
    import cassis

    ts = cassis.load_typesystem(exported / "TypeSystem.xml")
    cas = cassis.load_cas_from_xmi(exported / f"{DOC}.xmi", typesystem=ts)
    assert cas.sofa_string == corpus[DOC].text
    assert [q.get_covered_text() for q in cas.select("webanno.custom.Quote")] == [q.text for q in corpus[DOC].quotes]
    assert cas.get_document_annotation().documentId == DOC


# -- offsets -------------------------------------------------------------------

def _one_document(text: str, spans: dict[str, str]) -> Corpus:
    """A corpus of one document: a mention, and a quote of it cued by "said", at the first occurrence of each."""
    start = {k: text.index(v) for k, v in spans.items()}
    entity = Entity("tokayev", "Tokayev", "PERSON", role="official", aliases=(spans["mention"],))
    mention = Mention(start["mention"], start["mention"] + len(spans["mention"]), spans["mention"], id="m1",
                      entity_id="tokayev", label="PERSON", form="name")
    quote = Quote(start["quote"], start["quote"] + len(spans["quote"]), spans["quote"], id="q1", type="direct")
    cue = Span(text.index("said"), text.index("said") + 4, "said")
    source = Span(mention.start, mention.end, mention.text)
    attribution = Attribution("a1", "q1", "assertion", cue, source, speaker_id="tokayev")
    doc = Document("emoji_doc", text, "emoji.txt", "Gen News", None, None, "qantar_2022", "report", "en",
                   hashlib.sha256(text.encode()).hexdigest(), notes=(), mentions=(mention,), quotes=(quote,),
                   attributions=(attribution,), registry={"tokayev": entity})
    return Corpus([doc], {"tokayev": entity})


def test_offsets_are_utf16_units_in_the_file_and_code_points_in_python(tmp_path):
    text = "🙂𝒳 Tokayev said\r\n«Мир» 🙂 forever\n"
    corpus = _one_document(text, {"mention": "Tokayev", "quote": "Мир"})
    out = xmi.export(tmp_path / "x", corpus, progress=False)
    root = _xmi(out / "emoji_doc.xmi")
    mention = next(root.iter(CUSTOM + "Mention"))
    quote = next(root.iter(CUSTOM + "Quote"))
    # Two characters outside the BMP (2 UTF-16 units each) come before both spans.
    at = text.index("Tokayev")
    assert (int(mention.get("begin")), int(mention.get("end"))) == (at + 2, at + 9)
    assert int(quote.get("begin")) == text.index("Мир") + 2
    data = xmi.read(out)
    (doc,) = data.documents
    assert doc.text == text  # the \r survives the XML attribute
    (m,) = doc.layers["mentions"]
    assert (m["start"], m["end"], text[m["start"]:m["end"]]) == (3, 10, "Tokayev")
    assert_same(corpus, corpus_kz.load(write_corpus(tmp_path / "c", data)))


# -- refused input ---------------------------------------------------------------

def _edit(path: Path, pattern: str, replace) -> None:
    text, n = re.subn(pattern, replace, path.read_text(encoding="utf-8"), count=1)
    assert n == 1, pattern
    path.write_text(text, encoding="utf-8")


def _shifted(m: re.Match) -> str:
    """A match of (…begin=")(B)(" end=")(E)(…) with both offsets one further."""
    return f"{m[1]}{int(m[2]) + 1}{m[3]}{int(m[4]) + 1}{m[5] if m.re.groups > 4 else ''}"


def _copy(exported: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(exported, tmp_path / "copy"))


def test_a_shifted_offset_is_refused_and_nothing_is_written(exported, tmp_path):
    src = _copy(exported, tmp_path)
    # Shift q2 ("... told RFE/RL ...") one character to the right.
    _edit(src / f"{DOC}.xmi", r'(<custom:Quote [^>]*begin=")(\d+)(" end=")(\d+)("[^>]*id="q2")', _shifted)
    with pytest.raises(FormatError) as err:
        xmi.read(src)
    (problem,) = err.value.problems
    line = str(problem)
    assert f"{DOC}.xmi" in line and f"record {DOC} q2" in line and re.search(r"at \[\d+, \d+\)", line), line
    out = tmp_path / "out"
    assert main(["import", "xmi", str(src), "--out", str(out)]) == 1
    assert not out.exists()


def test_a_shifted_cue_and_an_offset_inside_an_emoji_are_refused(tmp_path):
    text = "🙂 Tokayev said «Мир»"
    out = xmi.export(tmp_path / "x", _one_document(text, {"mention": "Tokayev", "quote": "Мир"}), progress=False)
    path = out / "emoji_doc.xmi"
    _edit(path, r'(<custom:Mention [^>]*begin=")3(")', r"\g<1>1\2")  # between the two UTF-16 halves of 🙂
    _edit(path, r'(<custom:Cue [^>]*begin=")(\d+)(" end=")(\d+)', _shifted)
    with pytest.raises(FormatError) as err:
        xmi.read(out)
    lines = [str(p) for p in err.value.problems]
    assert any("external offset [1]" in line for line in lines), lines  # cassis's warning, kept as a problem
    assert any("record emoji_doc m1: field 'begin/end'" in line and "at [1, 9)" in line for line in lines), lines
    assert any("record emoji_doc a1: field 'cue': found 'said' at [11, 15)" in line for line in lines), lines


def test_an_annotation_added_in_inception_without_text_takes_its_covered_text(exported, tmp_path):
    src = _copy(exported, tmp_path)
    _edit(src / f"{DOC}.xmi", r'(<custom:Zone [^>]*) text="Breaking News"', r"\1")
    (doc,) = [d for d in xmi.read(src).documents if d.entry["doc_id"] == DOC]
    assert doc.layers["zones"][1] == {"start": 21, "end": 34, "text": "Breaking News", "id": "z2",
                                      "zone": "boilerplate"}


@pytest.mark.parametrize("breakage, expected", [
    (lambda d: (d / f"{DOC}.xmi").write_text("<xmi:XMI", encoding="utf-8"), "XMI that cassis cannot read"),
    (lambda d: (d / "TypeSystem.xml").unlink(), "TypeSystem.xml"),
    (lambda d: _edit(d / "TypeSystem.xml", r"<name>quote_type</name>", "<name>kind</name>"), "field 'quote_type'"),
    (lambda d: (d / "entities.json").write_text("{}", encoding="utf-8"), "a JSON array of entities"),
    (lambda d: _edit(d / f"{DOC}.xmi", r'act="assertion"', 'act="shouting"'), "field 'act': found 'shouting'"),
    (lambda d: _edit(d / f"{DOC}.xmi", r'value="(\d+)\.0"', 'value="many"'), "field 'value': found 'many'"),
    (lambda d: _edit(d / f"{DOC}.xmi", r'quote="\d+"', 'quote="4"'), "field 'quote'"),
    (lambda d: _edit(d / f"{DOC}.xmi", r'sofaString="A', 'sofaString="a'), "field 'sha256'"),
    (lambda d: _edit(d / f"{DOC}.xmi", r' doc_id="[^"]+"', ""), "field 'doc_id': found null"),
])
def test_broken_exports_are_a_format_error_not_a_traceback(exported, tmp_path, capsys, breakage, expected):
    src = _copy(exported, tmp_path)
    breakage(src)
    with pytest.raises(FormatError) as err:  # by the reader, or by the build step the import runs
        write_corpus(tmp_path / "c", xmi.read(src))
    assert expected in "\n".join(map(str, err.value.problems))
    assert main(["import", "xmi", str(src), "--out", str(tmp_path / "out")]) == 1
    assert "problem" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_text_that_xml_cannot_hold_is_refused_before_writing(tmp_path):
    corpus = _one_document("Tokayev said\x0c «Мир»", {"mention": "Tokayev", "quote": "Мир"})
    with pytest.raises(FormatError) as err:
        xmi.export(tmp_path / "x", corpus, progress=False)
    assert "U+000C at 12" in str(err.value.problems[0])
    assert not (tmp_path / "x").exists()


def test_a_missing_cassis_names_the_extra(monkeypatch, corpus, tmp_path):
    monkeypatch.setitem(sys.modules, "cassis", None)  # import cassis now fails, as when it is not installed
    monkeypatch.delitem(sys.modules, "corpus_kz.formats.xmi")
    module = importlib.import_module("corpus_kz.formats.xmi")  # the module itself imports without it
    with pytest.raises(MissingDependency, match=r'pip install -e "\.\[xmi\]" \(in the checkout'):
        module.export(tmp_path / "x", corpus, progress=False)
    with pytest.raises(MissingDependency):
        module.read(tmp_path)
    assert not (tmp_path / "x").exists()


# -- one file, and provenance ----------------------------------------------------

def test_a_single_xmi_file_reads_back_with_its_sidecars(exported):
    (doc,) = xmi.read(exported / f"{DOC}.xmi").documents
    assert doc.entry["doc_id"] == DOC


@pytest.mark.parametrize("mixed", [False, True])
def test_a_predicted_record_has_its_origin_and_confidence_as_features(tmp_path, corpus, mixed):
    """(That they come back, for every format that reads: test_contract.py.)"""
    original = predicted(corpus, DOC, mixed)
    xmi.export(tmp_path / "export", original, progress=False)
    root = _xmi(tmp_path / "export" / f"{DOC}.xmi")
    quotes = {q.get("id"): q for q in root.iter(CUSTOM + "Quote")}
    assert (quotes["q1"].get("origin"), quotes["q1"].get("confidence")) == ("predicted:quotes_rule",
                                                                            "0.30000000000000004")
    if mixed:  # a gold record leaves both features unset
        assert quotes["q2"].get("origin") is None and quotes["q2"].get("confidence") is None
