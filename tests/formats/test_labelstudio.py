"""Label Studio: UTF-16 offsets both ways, a hand-written Label Studio export, predictions, refusals by region.

What every format is held to (round trips of the real corpus, generated and predicted documents, the command
line, refused imports that write nothing) is in test_contract.py.
"""

import copy
import datetime as dt
import hashlib
import json
import xml.etree.ElementTree as ET

import pytest

import corpus_kz
from corpus_kz import Attribution, Corpus, Document, Entity, Figure, Frame, Mention, Quote, Span, Zone
from corpus_kz import vocab as V
from corpus_kz.cli import main
from corpus_kz.formats import labelstudio
from corpus_kz.formats.base import FormatError, corpus_data, write_corpus
from corpus_kz.formats.labelstudio import Utf16

from ..helpers import make_event_corpus, snapshot
from .roundtrip import assert_same, predicted, provenance, round_trip

KORDAI = "rferl_2020_kordai_returning"


def _tasks(directory):
    return json.loads((directory / labelstudio.TASKS).read_text(encoding="utf-8"))


def _js_slice(text, start, end):
    """What JavaScript's text.slice(start, end) gives: offsets in UTF-16 code units."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


@pytest.fixture(scope="module")
def exported(tmp_path_factory, corpus):
    return labelstudio.export(tmp_path_factory.mktemp("ls") / "export", corpus, progress=False)


def test_tasks_and_config_have_the_expected_shape(exported, corpus):
    assert sorted(p.name for p in exported.iterdir() if not p.name.startswith(".")) == [
        "config.xml", "corpus_kz.json", "tasks.json"]
    tasks = _tasks(exported)
    assert [t["data"]["doc_id"] for t in tasks] == corpus.doc_ids
    task = tasks[corpus.doc_ids.index(KORDAI)]
    data = task["data"]
    assert list(data) == ["text", "doc_id", "seed_file", "outlet", "title", "published", "event", "genre", "language",
                          "sha256", "notes", "entities"]
    assert data["text"] == corpus[KORDAI].text and data["event"] == "kordai_2020" and data["outlet"] == "RFE/RL"
    assert {e["entity_id"] for e in data["entities"]} >= {"kazakhs", "kyrgyzstan"}
    # The bundled corpus is gold: each document is one completed annotation, and nothing is a prediction.
    assert "predictions" not in task
    (annotation,) = task["annotations"]
    result = {(r.get("id"), r.get("from_name")): r for r in annotation["result"] if r["type"] != "relation"}
    # A mention: its region, and its attributes as per-region results with the same id.
    assert result["m1", "label"] == {"id": "m1", "from_name": "label", "to_name": "text", "type": "labels",
                                     "value": {"start": 36, "end": 43, "text": "Kazakhs", "labels": ["NORP"]}}
    assert result["m1", "form"]["value"] == {"start": 36, "end": 43, "text": "Kazakhs", "choices": ["name"]}
    assert result["m1", "entity_id"] == {"id": "m1", "from_name": "entity_id", "to_name": "text", "type": "textarea",
                                         "value": {"start": 36, "end": 43, "text": ["kazakhs"]}}
    assert result["z3", "zone"]["value"]["choices"] == ["headline"]
    # q2: "... border guards recorded ...", told by Kyrgyz officials, a group source with a role.
    assert result["q2", "type"]["value"]["choices"] == ["indirect"]
    assert result["q2", "act"]["value"]["choices"] == ["assertion"]
    assert result["q2", "role"]["value"]["choices"] == ["foreign_official"]
    assert ("q2", "speaker_id") not in result  # null: no result
    assert result["a2-cue", "label"]["value"] == {"start": 577, "end": 581, "text": "told", "labels": ["Cue"]}
    assert result["a2-source", "label"]["value"]["text"] == "Kyrgyz officials"
    assert ("a1-source", "label") not in result  # q1 is an agentless report
    # Figures: values as JSON numbers in a text area; the outlet's own figure names 'author', f2 is a1's.
    assert result["f1", "value"]["value"]["text"] == ["1000.0"]
    assert result["f1", "qualifier"]["value"]["choices"] == ["more_than"]
    assert result["f1", "source"]["value"]["text"] == ["author"] and ("f2", "source") not in result
    assert ("fr1", "aspect") not in result and result["fr1", "holder"]["value"]["text"] == ["author"]
    relations = [r for r in annotation["result"] if r["type"] == "relation"]
    for link in ({"from_id": "a2-cue", "to_id": "q2", "labels": ["cue"]},
                 {"from_id": "a2-source", "to_id": "q2", "labels": ["source"]},
                 {"from_id": "f2", "to_id": "q1", "labels": ["attribution"]},
                 {"from_id": "fr2", "to_id": "q1", "labels": ["attribution"]}):
        assert {**link, "type": "relation", "direction": "right"} in relations
    assert sum(r["labels"] == ["cue"] for r in relations) == sum(a.cue is not None for a in corpus[KORDAI].attributions)

    config = ET.fromstring((exported / "config.xml").read_text(encoding="utf-8"))
    labels = config.find("Labels")
    assert (labels.get("name"), labels.get("toName")) == ("label", "text")
    assert [x.get("value") for x in labels] == ["Zone", *V.ENTITY_LABELS, "Quote", "Cue", "Source", "Figure", "Frame"]
    assert [r.get("value") for r in config.find("Relations")] == ["cue", "source", "attribution"]
    choices = {c.get("name"): [x.get("value") for x in c] for c in config.iter("Choices")}
    assert set(choices) == {"act", "type", "frame", "stance", "aspect", "form", "role", "qualifier", "quantity",
                            "unit", "event", "zone"}
    assert choices["aspect"] == ["trigger", "root_cause"] and choices["role"] == list(V.ROLES)
    assert all(c.get("perRegion") == "true" for c in config.iter("Choices"))
    assert {t.get("name") for t in config.iter("TextArea") if t.get("perRegion") == "true"} == {
        "entity_id", "speaker_id", "number", "value", "source", "holder"}
    sidecar = json.loads((exported / "corpus_kz.json").read_text(encoding="utf-8"))
    assert sidecar["entities"] == corpus_data(corpus).entities
    # The event's choices are the events the corpus declares, and the sidecar carries the declarations.
    assert choices["event"] == [e.event_id for e in corpus.events] and sidecar["events"] == corpus_data(corpus).events


def _emoji_corpus():
    """One document whose spans sit after characters outside the BMP: 🙂 is 1 character and 2 UTF-16 code units,
    the flag 🇰🇿 2 characters (regional indicators) and 4 code units."""
    text = "Protest 🙂 in Aktau\n🇰🇿 Officials said “12 people were detained” in Aktau.\n"

    def span(word, occurrence=1):
        start = -1
        for _ in range(occurrence):
            start = text.index(word, start + 1)
        return Span(start, start + len(word), word)

    def at(word, occurrence=1):
        s = span(word, occurrence)
        return {"start": s.start, "end": s.end, "text": s.text}

    entities = {"aktau": Entity("aktau", "Aktau", "GPE", aliases=("Aktau",))}
    quote = span("12 people were detained")
    doc = Document(
        "emoji_doc", text, "emoji.txt", "Emoji News", "Protest in Aktau", dt.date(2022, 1, 5), "qantar_2022", "report",
        "en", hashlib.sha256(text.encode()).hexdigest(), notes=("made by hand",),
        zones=(Zone(**at("Protest 🙂 in Aktau"), id="z1", zone="headline"),),
        mentions=(Mention(**at("Aktau"), id="m1", entity_id="aktau", label="GPE", form="name"),
                  Mention(**at("Aktau", 2), id="m2", entity_id="aktau", label="GPE", form="name")),
        quotes=(Quote(quote.start, quote.end, quote.text, id="q1", type="direct"),),
        attributions=(Attribution("a1", "q1", "assertion", span("said"), span("Officials"), speaker_role="official"),),
        figures=(Figure(**at("12 people"), id="f1", number="12", value=12.0, qualifier="exact", quantity="detained",
                        unit="people", event="qantar_2022", source="a1"),),
        frames=(Frame(**at("were detained"), id="fr1", frame="governance", holder="a1", stance="asserts"),),
        registry=entities)
    return Corpus([doc], entities)


def test_offsets_are_utf16_code_units_both_ways(tmp_path):
    corpus = _emoji_corpus()
    doc = corpus[0]
    labelstudio.export(tmp_path / "ls", corpus, progress=False)
    (task,) = _tasks(tmp_path / "ls")
    regions = {r["id"]: r["value"] for r in task["annotations"][0]["result"] if r["type"] == "labels"}
    # JS offsets run ahead by one per astral character before them: 1 for 🙂, 2 more for 🇰🇿.
    m1, m2 = doc.mentions
    assert (regions["m1"]["start"], regions["m1"]["end"]) == (m1.start + 1, m1.end + 1) == (14, 19)
    assert (regions["m2"]["start"], regions["m2"]["end"]) == (m2.start + 3, m2.end + 3)
    assert (regions["z1"]["start"], regions["z1"]["end"]) == (0, 19)  # the zone contains the emoji itself
    for value in regions.values():  # every region is what JavaScript's text.slice(start, end) gives
        assert _js_slice(task["data"]["text"], value["start"], value["end"]) == value["text"]
    offsets = Utf16(doc.text)
    assert offsets.length == len(doc.text) + 3
    assert [offsets.to_py(offsets.to_js(i)) for i in range(len(doc.text) + 1)] == list(range(len(doc.text) + 1))
    assert offsets.to_py(9) is None  # between the two halves of 🙂's surrogate pair
    back = round_trip(labelstudio, corpus, tmp_path)
    assert_same(corpus, back)
    assert back[0].mentions[1].start == m2.start and str(back[0].mentions[1]) == "Aktau"


#: A Label Studio JSON export as Label Studio writes it: region ids of its own, JS offsets, a completed annotation.
TEXT = "🙂 Tokayev said “we will restore order” in Almaty, where 🔥 225 people died.\n"


def _region(rid, start, end, text, label, **attributes):
    where = {"start": start, "end": end}
    out = [{"value": {**where, "text": text, "labels": [label]}, "id": rid, "from_name": "label", "to_name": "text",
            "type": "labels", "origin": "manual"}]
    for control, value in attributes.items():
        typed = control in ("entity_id", "speaker_id", "number", "value", "source", "holder")
        kind, value = ("textarea", {"text": [value]}) if typed else ("choices", {"choices": [value]})
        out.append({"value": {**where, **value}, "id": rid, "from_name": control, "to_name": "text", "type": kind,
                    "origin": "manual"})
    return out


def _label_studio_export():
    result = [
        *_region("Xk3_9aB1Qz", 3, 10, "Tokayev", "PERSON", form="name", entity_id="tokayev"),
        *_region("pQ0-a7LmN2", 43, 49, "Almaty", "GPE", form="name", entity_id="almaty"),
        *_region("r7TyU2wq_e", 17, 38, "we will restore order", "Quote", type="direct", act="promise",
                 speaker_id="tokayev"),
        *_region("c9dE1fGhIj", 11, 15, "said", "Cue"),
        *_region("s0uRc3ab4C", 3, 10, "Tokayev", "Source"),
        *_region("Fg8hJk2LmN", 60, 70, "225 people", "Figure", number="225", value="225", qualifier="exact",
                 quantity="deaths", unit="people", event="qantar_2022", source="author"),
        {"from_id": "c9dE1fGhIj", "to_id": "r7TyU2wq_e", "type": "relation", "direction": "right", "labels": ["cue"]},
        # Drawn the other way round and left without a label: the two regions' kinds say what it is.
        {"from_id": "r7TyU2wq_e", "to_id": "s0uRc3ab4C", "type": "relation", "direction": "left", "labels": []},
    ]
    entities = [{"entity_id": "tokayev", "name": "Kassym-Jomart Tokayev", "label": "PERSON", "role": "official",
                 "aliases": ["Tokayev"], "wikidata": "Q1055373"},
                {"entity_id": "almaty", "name": "Almaty", "label": "GPE", "role": None, "aliases": ["Almaty"],
                 "wikidata": None}]
    data = {"text": TEXT, "doc_id": "ls_doc", "seed_file": "ls_doc.txt", "outlet": "Wire", "title": None,
            "published": "2022-01-07", "event": "qantar_2022", "genre": "report", "language": "en", "notes": [],
            "entities": entities}
    return [{"id": 41, "annotations": [
        {"id": 3, "completed_by": 1, "was_cancelled": True, "result": []},  # skipped by a first annotator
        {"id": 7, "completed_by": 2, "was_cancelled": False, "ground_truth": False, "result": result,
         "created_at": "2026-01-10T10:00:00.000000Z", "lead_time": 61.2}],
        "drafts": [], "predictions": [], "data": data, "meta": {}, "created_at": "2026-01-09T09:00:00.000000Z",
        "inner_id": 1, "total_annotations": 1, "cancelled_annotations": 1, "project": 2}]


def _write(path, tasks):
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_hand_written_label_studio_export_imports_with_python_offsets(tmp_path):
    data = labelstudio.read(_write(tmp_path / "project-2-at-2026-01-10.json", _label_studio_export()))
    (doc,) = data.documents
    assert doc.entry == {"doc_id": "ls_doc", "seed_file": "ls_doc.txt", "outlet": "Wire", "title": None,
                         "published": "2022-01-07", "event": "qantar_2022", "genre": "report", "language": "en",
                         "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "notes": []}
    # Region ids of Label Studio's own become record ids in order; the JS offsets come back one lower (🙂), and
    # 225 people two lower (🙂 and 🔥).
    assert doc.layers["mentions"] == [
        {"start": 2, "end": 9, "text": "Tokayev", "id": "m1", "entity_id": "tokayev", "label": "PERSON", "form": "name"},
        {"start": 42, "end": 48, "text": "Almaty", "id": "m2", "entity_id": "almaty", "label": "GPE", "form": "name"}]
    assert doc.layers["quotes"] == [{"start": 16, "end": 37, "text": "we will restore order", "id": "q1",
                                     "type": "direct"}]
    assert doc.layers["attributions"] == [{"id": "a1", "quote_id": "q1", "act": "promise",
                                           "cue": {"start": 10, "end": 14, "text": "said"},
                                           "source": {"start": 2, "end": 9, "text": "Tokayev"},
                                           "speaker_id": "tokayev", "speaker_role": None}]
    assert doc.layers["figures"] == [{"start": 58, "end": 68, "text": "225 people", "id": "f1", "number": "225",
                                      "value": 225, "qualifier": "exact", "quantity": "deaths", "unit": "people",
                                      "event": "qantar_2022", "source": "author"}]
    assert doc.layers["zones"] == doc.layers["frames"] == []
    assert [e["entity_id"] for e in data.entities] == ["tokayev", "almaty"]
    back = corpus_kz.load(write_corpus(tmp_path / "c", data))
    q = back["ls_doc"].quotes[0]
    assert str(q) == "we will restore order" and back["ls_doc"].speaker(q).name == "Kassym-Jomart Tokayev"


def _regions(tasks):
    return {r["id"]: r for r in tasks[0]["annotations"][1]["result"] if r.get("type") == "labels"}


def _python_offsets(tasks):  # what a converter that forgot UTF-16 would write
    _regions(tasks)["Xk3_9aB1Qz"]["value"].update(start=2, end=9)


def _inside_a_pair(tasks):
    _regions(tasks)["Xk3_9aB1Qz"]["value"].update(start=1)


def _two_completed(tasks):
    tasks[0]["annotations"][0]["was_cancelled"] = False


def _no_region_text(tasks):
    del _regions(tasks)["pQ0-a7LmN2"]["value"]["text"]


def _unknown_label(tasks):
    _regions(tasks)["pQ0-a7LmN2"]["value"]["labels"] = ["CITY"]


def _dangling_relation(tasks):
    tasks[0]["annotations"][1]["result"].append({"from_id": "Fg8hJk2LmN", "to_id": "gone", "type": "relation",
                                                 "direction": "right", "labels": ["attribution"]})


def _mislabelled_relation(tasks):
    tasks[0]["annotations"][1]["result"][-2]["labels"] = ["source"]


def _missing_act(tasks):
    result = tasks[0]["annotations"][1]["result"]
    result[:] = [r for r in result if r.get("from_name") != "act"]


def _bad_choice(tasks):
    next(r for r in tasks[0]["annotations"][1]["result"] if r.get("from_name") == "quantity")["value"]["choices"] = [
        "casualties"]


def _no_entities(tasks):
    del tasks[0]["data"]["entities"]


@pytest.mark.parametrize("breaks, record, fld, found", [
    (_python_offsets, "ls_doc region 'Xk3_9aB1Qz' (PERSON)", "value [2, 9) in UTF-16 code units", "'Tokayev' at [1, 8)"),
    (_inside_a_pair, "ls_doc region 'Xk3_9aB1Qz' (PERSON)", "value", "offsets [1, 10)"),
    (_two_completed, "task 1 (ls_doc)", "annotations", "2 completed annotations"),
    (_no_region_text, "ls_doc region 'pQ0-a7LmN2' (GPE)", "value.text", "null"),
    (_unknown_label, "ls_doc region 'pQ0-a7LmN2' (CITY)", "value.labels", "['CITY']"),
    (_dangling_relation, "ls_doc relation 'Fg8hJk2LmN' -> 'gone'", "to_id", "'gone'"),
    (_mislabelled_relation, "ls_doc relation 'c9dE1fGhIj' -> 'r7TyU2wq_e'", "labels", "['source']"),
    (_missing_act, "ls_doc region 'r7TyU2wq_e' (Quote)", "act", "nothing (the field is missing)"),
    (_bad_choice, "ls_doc region 'Fg8hJk2LmN' (Figure)", "quantity", "'casualties'"),
    (_no_entities, None, "data.entities", "no entity registry"),
])
def test_a_broken_label_studio_export_is_refused_naming_the_region(tmp_path, breaks, record, fld, found):
    tasks = copy.deepcopy(_label_studio_export())
    breaks(tasks)
    path = _write(tmp_path / "export.json", tasks)
    with pytest.raises(FormatError) as exc:
        labelstudio.read(path)
    (p,) = exc.value.problems
    assert (p.file, p.record, p.field) == (str(path), record, fld)
    assert p.found.startswith(found), p.found


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"data": 3}', b'[{"data": {"text": "x"}}]'])
def test_malformed_files_are_a_format_error_not_a_traceback(tmp_path, content):
    (tmp_path / "export.json").write_bytes(content)
    with pytest.raises(FormatError):
        labelstudio.read(tmp_path / "export.json")


def test_a_shifted_offset_is_refused_and_nothing_is_written(tmp_path, corpus, capsys):
    labelstudio.export(tmp_path / "ls", corpus, progress=False)
    tasks = _tasks(tmp_path / "ls")
    (task,) = [t for t in tasks if t["data"]["doc_id"] == KORDAI]
    region = next(r for r in task["annotations"][0]["result"] if r.get("id") == "m3" and r["type"] == "labels")
    region["value"]["start"] += 1
    region["value"]["end"] += 1
    _write(tmp_path / "ls" / labelstudio.TASKS, tasks)
    with pytest.raises(FormatError) as exc:
        labelstudio.read(tmp_path / "ls")
    (p,) = exc.value.problems
    assert p.file == str((tmp_path / "ls" / "tasks.json").resolve())
    assert p.record == f"{KORDAI} region 'm3' (DATE)" and p.field == "value [88, 95) in UTF-16 code units"
    assert p.found == "'Weekend' at [88, 95)" and "a shifted span is never stored" in p.expected
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["import", "labelstudio", str(tmp_path / "ls"), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"record {KORDAI} region 'm3' (DATE)" in err and "Traceback" not in err
    assert snapshot(tmp_path) == before and not (tmp_path / "out").exists()


def test_a_tasks_file_on_its_own_imports_with_the_sidecar_beside_it(tmp_path):
    assert main(["export", "labelstudio", "--out", str(tmp_path / "ls"), "--quiet"]) == 0
    # A Label Studio export file on its own imports too, its registry from the sidecar beside it.
    assert main(["import", "labelstudio", str(tmp_path / "ls" / "tasks.json"), "--out", str(tmp_path / "o2")]) == 0
    assert main(["validate", str(tmp_path / "o2")]) == 0


# -- provenance: gold as annotations, predicted records as predictions ------------------------------------------

def test_a_predicted_document_is_a_prediction_with_scores(tmp_path, corpus):
    original = predicted(corpus, KORDAI)
    labelstudio.export(tmp_path / "ls", original, progress=False)
    (task,) = _tasks(tmp_path / "ls")
    assert "annotations" not in task
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == f"corpus_kz {corpus_kz.__version__}"
    results = {(r["id"], r["from_name"]): r for r in prediction["result"] if r["type"] != "relation"}
    doc = original[KORDAI]
    q1, a1, m1 = doc.quotes[0], doc.attributions[0], doc.mentions[0]
    # Each region's score is its record's confidence, its corpus_kz_origin the rule; Label Studio's origin says
    # it is a prediction. The quote's act and its cue carry the attribution's own.
    assert {k: results["q1", "label"][k] for k in ("origin", "corpus_kz_origin", "score")} == {
        "origin": "prediction", "corpus_kz_origin": q1.origin, "score": q1.confidence}
    assert (results["m1", "label"]["corpus_kz_origin"], results["m1", "label"]["score"]) == (m1.origin, m1.confidence)
    for key in (("q1", "act"), ("a1-cue", "label")):
        assert (results[key]["corpus_kz_origin"], results[key]["score"]) == (a1.origin, a1.confidence)
    assert results["q1", "type"]["corpus_kz_origin"] == q1.origin
    # That predictions come back as predictions, each with its origin and confidence: test_contract.py.


def test_a_mixed_document_is_one_prediction_with_its_gold_regions_marked(tmp_path, corpus):
    original = predicted(corpus, KORDAI, mixed=True)
    labelstudio.export(tmp_path / "ls", original, progress=False)
    (task,) = _tasks(tmp_path / "ls")
    assert "annotations" not in task  # an annotation would be read instead of the predictions, losing them
    labels = {r["id"]: r for r in task["predictions"][0]["result"] if r["type"] == "labels"}
    m2 = original[KORDAI].mentions[1]
    assert m2.origin == "gold"
    assert (labels["m2"]["origin"], labels["m2"]["corpus_kz_origin"], "score" in labels["m2"]) == (
        "manual", "gold", False)


def test_an_annotation_is_gold_even_where_it_kept_a_prediction(tmp_path, corpus):
    original = predicted(corpus, KORDAI)
    labelstudio.export(tmp_path / "ls", original, progress=False)
    tasks = _tasks(tmp_path / "ls")
    # What Label Studio exports once an annotator has submitted the pre-annotation: an annotation whose regions
    # say they came from the prediction, beside the prediction itself.
    kept = [{k: v for k, v in r.items() if k not in ("corpus_kz_origin", "score")} for r in
            tasks[0]["predictions"][0]["result"]]
    kept = [dict(r, origin="prediction") if r["type"] != "relation" else r for r in kept]
    tasks[0]["annotations"] = [{"id": 1, "completed_by": 1, "was_cancelled": False, "result": kept}]
    _write(tmp_path / "ls" / labelstudio.TASKS, tasks)
    back = corpus_kz.load(write_corpus(tmp_path / "back", labelstudio.read(tmp_path / "ls")))
    assert {(o, c) for *_, o, c in provenance(back)} == {("gold", None)}
    assert len(provenance(back)) == len(provenance(original))
    # Without the annotation, the prediction is read, and its records are predicted again.
    del tasks[0]["annotations"]
    _write(tmp_path / "ls" / labelstudio.TASKS, tasks)
    again = corpus_kz.load(write_corpus(tmp_path / "again", labelstudio.read(tmp_path / "ls")))
    assert provenance(again) == provenance(original)


def _broken_prediction(tmp_path, corpus, edit):
    labelstudio.export(tmp_path / "ls", predicted(corpus, KORDAI), progress=False)
    tasks = _tasks(tmp_path / "ls")
    edit({(r.get("id"), r.get("from_name")): r for r in tasks[0]["predictions"][0]["result"]})
    _write(tmp_path / "ls" / labelstudio.TASKS, tasks)
    with pytest.raises(FormatError) as exc:
        labelstudio.read(tmp_path / "ls")
    return exc.value.problems


@pytest.mark.parametrize("edit, record, fld, found", [
    # a prediction made elsewhere: no corpus_kz origin, so no rule to name
    (lambda r: r["m1", "label"].pop("corpus_kz_origin"), f"{KORDAI} region 'm1' (NORP)", "corpus_kz_origin",
     "nothing"),
    (lambda r: r["m1", "label"].update(corpus_kz_origin="predicted"), f"{KORDAI} region 'm1' (NORP)",
     "corpus_kz_origin", "'predicted'"),
    (lambda r: r["m1", "label"].update(corpus_kz_origin=None), f"{KORDAI} region 'm1' (NORP)", "corpus_kz_origin",
     "null"),
    (lambda r: r["z1", "label"].update(score=1.5), f"{KORDAI} region 'z1' (Zone)", "score", "1.5"),
    (lambda r: r["z1", "label"].pop("score"), f"{KORDAI} region 'z1' (Zone)", "score", "null"),
    (lambda r: r["z1", "label"].update(corpus_kz_origin="gold"), f"{KORDAI} region 'z1' (Zone)", "score", "0.3"),
    (lambda r: r["q1", "act"].update(score=True), f"{KORDAI} region 'q1' (Quote)", "act: score", "true"),
    (lambda r: r["q1", "act"].pop("corpus_kz_origin"), f"{KORDAI} region 'q1' (Quote)", "act: corpus_kz_origin",
     "nothing"),
])
def test_a_prediction_with_a_bad_provenance_is_refused_naming_the_region(tmp_path, corpus, edit, record, fld,
                                                                       found):
    (p,) = _broken_prediction(tmp_path, corpus, edit)
    assert (p.record, p.field) == (record, fld)
    assert p.found.startswith(found), p.found


def test_a_corpus_s_own_events_are_the_event_choices(tmp_path):
    mine = corpus_kz.load(make_event_corpus(tmp_path / "mine"))
    labelstudio.export(tmp_path / "ls", mine, progress=False)
    config = ET.fromstring((tmp_path / "ls" / "config.xml").read_text(encoding="utf-8"))
    (event,) = [c for c in config.iter("Choices") if c.get("name") == "event"]
    assert [x.get("value") for x in event] == ["almaty_2019", "shymkent_2019"]
    # Without its sidecar, a Label Studio export carries no declarations: the bundled corpus's are the ones.
    (tmp_path / "ls" / "corpus_kz.json").unlink()
    data = labelstudio.read(tmp_path / "ls")
    assert data.events is None
    with pytest.raises(FormatError) as exc:
        write_corpus(tmp_path / "back", data)
    assert {(p.record, p.field, p.found) for p in exc.value.problems} == {("rally", "event", "'almaty_2019'"),
                                                                         ("rally f1", "event", "'almaty_2019'")}


# -- correcting an entity's label in Label Studio --------------------------------------------------------------

TOWN_TEXT = "The unrest spread to Velmora on Friday, witnesses in Velmora told AFP."


def _town_export(tmp_path):
    """A predicted document naming a town no registry knows, exported; its entity's id and predicted label."""
    doc = corpus_kz.annotate(TOWN_TEXT, {"doc_id": "velmora_unrest"})
    (eid,) = {m.entity_id for m in doc.mentions if m.text == "Velmora"}
    labelstudio.export(tmp_path / "ls", Corpus([doc], doc.registry), progress=False)
    return eid, doc.registry[eid].label


def _relabel(result, eid, labels):
    """Give the regions of ``eid``'s mentions ``labels`` in turn (one label: all of them); the regions relabelled."""
    ids = [r["id"] for r in result if r.get("from_name") == "entity_id" and r["value"]["text"] == [eid]]
    regions = [r for r in result if r["type"] == "labels" and r["id"] in ids]
    for n, r in enumerate(regions):
        r["value"]["labels"] = [labels[min(n, len(labels) - 1)]]
        r["origin"] = "prediction-changed"
    return regions


def test_a_relabelled_predicted_entity_takes_its_regions_label_on_import(tmp_path):
    eid, old = _town_export(tmp_path)
    new = "GPE" if old != "GPE" else "LOC"  # issue 17: a town predicted as a PERSON, corrected to a place
    tasks = _tasks(tmp_path / "ls")
    assert eid in tasks[0]["data"][labelstudio.PREDICTED_ENTITIES]
    # What Label Studio exports once the annotator has relabelled both regions and submitted the task.
    result = copy.deepcopy(tasks[0]["predictions"][0]["result"])
    assert len(_relabel(result, eid, [new])) == 2
    tasks[0]["annotations"] = [{"id": 1, "was_cancelled": False, "result": result}]
    _write(tmp_path / "ls" / labelstudio.TASKS, tasks)
    back = corpus_kz.load(write_corpus(tmp_path / "back", labelstudio.read(tmp_path / "ls")))
    assert back.registry[eid].label == new
    assert {m.label for m in back["velmora_unrest"].mentions if m.entity_id == eid} == {new}
    # Without the sidecar, from the tasks' data.entities alone, the same.
    (tmp_path / "ls" / labelstudio.SIDECAR).unlink()
    data = labelstudio.read(tmp_path / "ls")
    assert [e["label"] for e in data.entities if e["entity_id"] == eid] == [new]


def test_regions_of_a_predicted_entity_that_disagree_say_which_and_what_to_do(tmp_path):
    eid, old = _town_export(tmp_path)
    # Two labels, neither the predicted one: each region is a correction, and they disagree.
    a, b = [label for label in ("GPE", "LOC", "ORG") if label != old][:2]
    tasks = _tasks(tmp_path / "ls")
    first, second = _relabel(tasks[0]["predictions"][0]["result"], eid, [a, b])
    _write(tmp_path / "ls" / labelstudio.TASKS, tasks)
    with pytest.raises(FormatError) as exc:
        labelstudio.read(tmp_path / "ls")
    problems = {p.record: p for p in exc.value.problems}
    assert set(problems) >= {f"task 1 (velmora_unrest) region {first['id']!r} ({a})",
                             f"task 1 (velmora_unrest) region {second['id']!r} ({b})"}
    p = problems[f"task 1 (velmora_unrest) region {first['id']!r} ({a})"]
    assert p.file.endswith(labelstudio.TASKS) and p.field == "value.labels"
    assert f"{a!r} for entity {eid!r} (predicted as {old!r})" in p.found and b in p.found
    assert "one label on every region" in p.expected and "entity_id" in p.expected


def test_a_relabelled_gold_entity_is_refused_saying_what_to_change(tmp_path, corpus):
    one = Corpus([corpus[KORDAI]], corpus.registry)
    labelstudio.export(tmp_path / "ls", one, progress=False)
    tasks = _tasks(tmp_path / "ls")
    assert labelstudio.PREDICTED_ENTITIES not in tasks[0]["data"]  # gold: no entry is predicted
    result = tasks[0]["annotations"][0]["result"]
    (region,) = [r for r in result if r["type"] == "labels" and r["id"] == "m1"]
    region["value"]["labels"] = ["ORG"]  # "Kazakhs", a NORP of the gold registry
    _write(tmp_path / "ls" / labelstudio.TASKS, tasks)
    with pytest.raises(FormatError) as exc:
        labelstudio.read(tmp_path / "ls")
    (p,) = exc.value.problems
    assert (p.record, p.field) == (f"task 1 ({KORDAI}) region 'm1' (ORG)", "value.labels")
    assert p.found == "'ORG' for entity 'kazakhs', a gold registry entry labelled 'NORP', which an import does not relabel"
    assert p.expected.startswith("'NORP': relabel the region NORP") and labelstudio.SIDECAR in p.expected


@pytest.mark.parametrize("quote", ["q1", "q2"])
def test_a_shifted_quote_region_is_one_problem_its_cue_source_and_agents_folded_in(tmp_path, corpus, capsys, quote):
    # The quote's cue and source regions lose their relation, and a figure or frame held by its attribution
    # loses its source or holder: all because of the one shifted region, so said once (issue 18, item 4).
    labelstudio.export(tmp_path / "ls", corpus, progress=False)
    tasks = _tasks(tmp_path / "ls")
    (task,) = [t for t in tasks if t["data"]["doc_id"] == KORDAI]
    result = task["annotations"][0]["result"]
    region = next(r for r in result if r.get("id") == quote and r["type"] == "labels")
    region["value"]["start"] += 1
    region["value"]["end"] += 1
    related = {r["from_id"] for r in result if r["type"] == "relation" and r["to_id"] == quote}
    kinds = {r["value"]["labels"][0] for r in result if r["type"] == "labels" and r["id"] in related}
    assert "Cue" in kinds and kinds & {"Figure", "Frame"}  # what the one fault would knock on
    _write(tmp_path / "ls" / labelstudio.TASKS, tasks)
    capsys.readouterr()
    assert main(["import", "labelstudio", str(tmp_path / "ls"), "--out", str(tmp_path / "out")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and lines[1] == "1 problem found", lines
    assert f"region '{quote}' (Quote)" in lines[0] and "a shifted span is never stored" in lines[0]


@pytest.mark.parametrize("tasks", [[], [{"a": 1}], [{"a": "two\nlines", "b": [1, {"c": None}]}, {"d": "ü", "e": {}}]])
def test_tasks_are_written_one_by_one_as_json_dumps_writes_the_array(tmp_path, tasks):
    # The streamed writer must give the bytes json.dumps gives for the whole array, which older exports hold.
    from corpus_kz.formats.labelstudio import _write_tasks

    _write_tasks(tmp_path / "tasks.json", iter(tasks))
    assert (tmp_path / "tasks.json").read_bytes() == (json.dumps(tasks, ensure_ascii=False, indent=1) + "\n").encode()
