"""Label Studio: tasks JSON (gold as annotations, predicted records as predictions), the labeling config; read back.

An export directory holds

- ``tasks.json``: one task per document. ``data`` holds the ``text``, the
  manifest entry (``doc_id``, ``seed_file``, ``outlet``, ``title``,
  ``published``, ``event``, ``genre``, ``language``, ``sha256``, ``notes``)
  and ``entities``, the registry entries the document refers to, so that a
  task coming back from Label Studio is self-contained, and
  ``corpus_kz_predicted_entities``, those of them that only predicted records
  refer to (when there are any). A document whose
  records are all gold is one completed annotation (``annotations``); a
  document with any predicted record is one prediction (``predictions``,
  ``model_version`` ``"corpus_kz <version>"``), which Label Studio shows as a
  pre-annotation to correct; a document without records is an empty
  prediction, so Label Studio does not count it done;
- ``config.xml``: the labeling config that renders them (paste it into the
  project's *Labeling Interface*);
- ``corpus_kz.json``: the whole entity registry, unreferenced entries included,
  and the events the corpus declares, when it declares its own.

How each layer maps (``value.start``/``value.end`` are JavaScript string
offsets, UTF-16 code units: a character outside the Basic Multilingual
Plane, an emoji, counts 2; :class:`Utf16` converts both ways):

- every span is a region, a ``labels`` result of the ``label`` control whose
  ``id`` is the record id. Its label says the layer: ``Zone``; the entity
  label (``PERSON`` … ``EVENT``) for a mention; ``Quote``; ``Cue`` and
  ``Source`` for an attribution's spans; ``Figure``; ``Frame``;
- every attribute is a per-region result with the region's ``id``
  (Label Studio's ``perRegion`` controls): ``choices`` for the fixed
  vocabularies (zone, form, type, act, role, qualifier, quantity, unit,
  frame, stance, aspect) and the event (the corpus's declared events), ``textarea`` for free values (entity_id,
  speaker_id, number, value, source, holder). A null attribute has no result;
- an attribution (one per quote) is carried by its quote: ``act``,
  ``speaker_id`` and ``role`` (the speaker_role) are controls of the quote's
  region, and its cue and source are regions linked to the quote by
  relations labelled ``cue`` and ``source``;
- a figure's source or a frame's holder that is an attribution is a relation
  labelled ``attribution`` from the figure or frame to that attribution's
  quote; ``author`` or an entity id is the ``source`` / ``holder`` text area;
- in a prediction, every result of a record says where the record comes
  from: ``corpus_kz_origin`` (``"gold"`` or ``"predicted:<rule>"``), Label
  Studio's ``score`` (the confidence, for a predicted record) and ``origin``
  (``"prediction"``, or ``"manual"`` for a gold record of a document that
  also has predicted ones). An attribution's results (``act``,
  ``speaker_id``, ``role``, its Cue and Source regions) carry its own.

:func:`read` takes such a directory, or a Label Studio JSON export (a file)
of completed annotations. Of each task it reads the one completed annotation
when there is one: a person's work, so every record is gold (origin
``"gold"``, confidence None), a region Label Studio marks ``"prediction"``
included, since keeping it was accepting it. Only a task without a completed
annotation falls back to its one prediction, whose records keep the origin
and confidence each result states (a prediction made elsewhere, without
``corpus_kz_origin``, is refused: submit it as an annotation). It converts
the offsets back, refuses any region whose offsets do not give its ``text``,
and renumbers ids only where a region's id is not a valid record id (regions
drawn in Label Studio). A mention region relabelled in Label Studio corrects
its entity's entry when the entry is predicted (listed in
``corpus_kz_predicted_entities``) and every region of the entity agrees on the
new label; otherwise each disagreeing region is refused, saying what to change.

No library is needed: the tasks are plain JSON and the config plain XML
(:mod:`xml.etree`); Label Studio's SDK would bring an HTTP client and its
pinned dependencies for nothing, so there is no extra to install.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .. import vocab as V
from ..build import sha256_of
from ..document import MANIFEST_FIELDS
from ..errors import Problem, json_type, show
from ..kinds import field_kinds, file_defaults
from ..progress import track
from ..records import ID_PREFIX, LAYERS, from_dict, to_dict
from ..storage.outputs import publish
from ..version import __version__
from ..writing import write_text
from .base import (CorpusData, DocumentData, FormatError, check_span, corpus_data, locate, parse_number, pinned,
                   problems_or_raise, read_events, read_registry, read_source_json)

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["CONFIG", "NOTES", "PREDICTED_ENTITIES", "REGIONS", "RELATIONS", "SIDECAR", "TASKS", "Utf16", "config_xml", "export", "read"]

TASKS = "tasks.json"
CONFIG = "config.xml"
#: The whole registry; Label Studio itself never sees it.
SIDECAR = "corpus_kz.json"
#: The controls that are choices: the fixed vocabularies, and the event, whose choices are the events the corpus
#: declares (the config lists them; a choice read back is checked against the declarations by the build step).
_CHOICES = frozenset({*V.VOCABULARIES, "event"})

#: The task data key listing the registry entries of the task that only predicted records refer to.
PREDICTED_ENTITIES = "corpus_kz_predicted_entities"

NOTES = (
    "Label Studio offsets are UTF-16 code units (JavaScript strings): they are converted on export and back on "
    "import, where a region whose offsets do not give its text is refused",
    "each attribution rides on its quote's region (act, speaker_id, role) with Cue and Source regions linked to "
    "the quote by 'cue' and 'source' relations; on import its id follows the quote's ('a3' for 'q3')",
    "a figure source or frame holder that is an attribution is an 'attribution' relation to that quote; "
    "'author' or an entity id is the region's 'source' / 'holder' text area; a figure's value is its JSON number "
    "in the 'value' text area; a null attribute has no result",
    f"the manifest entry is in each task's data; the registry is in {SIDECAR} (all of it) and in data.entities "
    "(what the task refers to): import a Label Studio export with the sidecar beside it, or on data.entities alone; "
    f"the events the corpus declares are in {SIDECAR} only (without it, the bundled corpus's are the declarations)",
    "a document whose records are all gold is a completed annotation; one with any predicted record is a "
    "prediction, each result with its record's corpus_kz_origin and score (the confidence)",
    "a mention region relabelled in Label Studio relabels its entity when the entity is one only predictions used "
    f"(data.{PREDICTED_ENTITIES}) and all its regions agree; a gold entity's label is changed in the registry, "
    "not by relabelling its regions",
    "import reads each task's one completed annotation, all of it gold (regions accepted from a prediction "
    "included), or its one prediction if it has none, keeping each record's origin and confidence; it refuses a "
    "task with several; other data fields and Label Studio's bookkeeping (task ids, timestamps, drafts) are not "
    "corpus data and are not imported",
)

_LABELS = "label"  # the Labels control
_TEXT = "text"     # the Text object, $text

#: Region kind -> (its labels, its per-region controls as (control, layer of the record it fills, field)).
#: A control is a Choices when its name is a vocabulary, a TextArea otherwise.
REGIONS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]] = {
    "zones": (("Zone",), (("zone", "zones", "zone"),)),
    "mentions": (V.ENTITY_LABELS, (("form", "mentions", "form"), ("entity_id", "mentions", "entity_id"))),
    "quotes": (("Quote",), (("type", "quotes", "type"), ("act", "attributions", "act"),
                            ("speaker_id", "attributions", "speaker_id"), ("role", "attributions", "speaker_role"))),
    "cue": (("Cue",), ()),
    "source": (("Source",), ()),
    "figures": (("Figure",), tuple((c, "figures", c) for c in ("number", "value", "qualifier", "quantity", "unit",
                                                                "event", "source"))),
    "frames": (("Frame",), tuple((c, "frames", c) for c in ("frame", "stance", "aspect", "holder"))),
}
_KIND_OF_LABEL = {label: kind for kind, (labels, _) in REGIONS.items() for label in labels}
#: Control -> the region kind it belongs to (each control serves one kind); (layer, field) -> control.
_CONTROL_KIND = {c: kind for kind, (_, controls) in REGIONS.items() for c, _, _ in controls}
_CONTROL_OF = {(layer, fld): c for _, controls in REGIONS.values() for c, layer, fld in controls}
_CONTROL_LAYER = {c: layer for _, controls in REGIONS.values() for c, layer, _ in controls}
#: The key of a result in a prediction that holds its record's corpus_kz origin ('gold' or 'predicted:<rule>');
#: Label Studio's own keys say the rest: ``origin`` ('manual' or 'prediction') and ``score`` (the confidence).
PROVENANCE = "corpus_kz_origin"
#: The result whose provenance keys an attribution's provenance is read from: its act, which it always has.
_ATTRIBUTION_PROVENANCE = "act"
#: What a relation from a region of this kind to a quote's region says.
RELATIONS = {"cue": "cue", "source": "source", "figures": "attribution", "frames": "attribution"}
#: The field an 'attribution' relation fills on a figure or a frame.
_AGENT = {"figures": "source", "frames": "holder"}
#: Layer -> the kind of its record ids ('q' and digits for quotes).
_ID_KIND = {layer: dict(field_kinds(cls))["id"] for layer, cls in LAYERS.items()}

_COLOURS = {"Zone": "#bdbdbd", "Quote": "#ffd54f", "Cue": "#ff8a65", "Source": "#4fc3f7", "Figure": "#81c784",
            "Frame": "#ba68c8", **dict(zip(V.ENTITY_LABELS, ("#e57373", "#f06292", "#7986cb", "#4db6ac", "#aed581",
                                                            "#a1887f", "#90a4ae", "#ffb74d")))}


class Utf16:
    """A text's Python string offsets and JavaScript (UTF-16 code unit) offsets, converted both ways.

    A character outside the Basic Multilingual Plane is one Python character
    and two JavaScript code units; every other character is one of each.
    """

    def __init__(self, text: str):
        self.length = len(text.encode("utf-16-le")) // 2
        self._js: list[int] | None = None  # None: the two counts agree everywhere (the usual, all-BMP text)
        if self.length != len(text):
            js, n = [0], 0
            for ch in text:
                n += 2 if ch > "\uffff" else 1
                js.append(n)
            self._js, self._py = js, {j: p for p, j in enumerate(js)}

    def to_js(self, offset: int) -> int:
        return offset if self._js is None else self._js[offset]

    def to_py(self, offset: object) -> int | None:
        """The Python offset of a JavaScript one; None if it is no integer, out of range or inside a surrogate pair."""
        if type(offset) is not int or not 0 <= offset <= self.length:
            return None
        return offset if self._js is None else self._py.get(offset)


# -- export --------------------------------------------------------------------

def config_xml(events: Sequence[str] = V.EVENTS) -> str:
    """The labeling config: every label, the relation labels, and each region kind's per-region controls.

    ``events`` are the choices of the ``event`` control: the ids of the events the corpus declares
    (default: the bundled corpus's).
    """
    view = ET.Element("View")
    labels = ET.SubElement(view, "Labels", name=_LABELS, toName=_TEXT)
    for label in _KIND_OF_LABEL:
        ET.SubElement(labels, "Label", value=label, background=_COLOURS[label])
    # saveTextResult: each region keeps its text, which import checks the offsets against.
    ET.SubElement(view, "Text", name=_TEXT, value="$text", saveTextResult="yes")
    relations = ET.SubElement(view, "Relations")
    for label in dict.fromkeys(RELATIONS.values()):
        ET.SubElement(relations, "Relation", value=label)
    for kind, (kind_labels, controls) in REGIONS.items():
        if not controls:
            continue
        # Shown only while a region of this kind is selected (whenLabelValue takes a comma-separated list).
        box = ET.SubElement(view, "View", visibleWhen="region-selected", whenLabelValue=",".join(kind_labels))
        for control, _, _ in controls:
            ET.SubElement(box, "Header", value=control)
            if control in _CHOICES:
                choices = ET.SubElement(box, "Choices", name=control, toName=_TEXT, perRegion="true", choice="single",
                                        showInline="true")
                for value in events if control == "event" else V.VOCABULARIES[control]:
                    ET.SubElement(choices, "Choice", value=value)
            else:
                ET.SubElement(box, "TextArea", name=control, toName=_TEXT, perRegion="true", editable="true",
                              maxSubmissions="1", rows="1")
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def _referenced(doc: DocumentData, keep=lambda record: True) -> set[str]:
    """Every id a document's records (those ``keep`` keeps) refer to that may be a registry entity."""
    layers = {layer: [r for r in records if keep(r)] for layer, records in doc.layers.items()}
    return ({m["entity_id"] for m in layers["mentions"]} | {a["speaker_id"] for a in layers["attributions"]}
            | {f["source"] for f in layers["figures"]} | {fr["holder"] for fr in layers["frames"]})


def _is_gold(record: dict) -> bool:
    return record.get("origin", V.GOLD) == V.GOLD  # the file shape leaves a gold record's origin out


def _is_predicted(record: dict) -> bool:
    return not _is_gold(record)


def _result_provenance(record: dict, as_prediction: bool) -> dict:
    """What each result of a record says of where it comes from (in a prediction only)."""
    if not as_prediction:
        return {}
    if _is_gold(record):
        return {"origin": "manual", PROVENANCE: V.GOLD}
    return {"origin": "prediction", PROVENANCE: record["origin"], "score": record["confidence"]}


def _control_result(control: str, value: object, where: dict, text: str) -> dict:
    """A per-region result's type and value: a choice of a vocabulary, or what was typed in a text area."""
    if control in _CHOICES:
        return {"type": "choices", "value": {**where, "text": text, "choices": [value]}}
    # A TextArea's value.text is the list of what was typed, not the region's text.
    return {"type": "textarea", "value": {**where, "text": [json.dumps(value) if control == "value" else value]}}


def _task(doc: DocumentData, registry: list[dict], model_version: str, vouched: set[str]) -> dict:
    """The task of one document; ``vouched``: the entities a gold record of the corpus refers to."""
    text, layers = doc.text, doc.layers
    offsets = Utf16(text)
    result: list[dict] = []
    relations: list[dict] = []
    attribution = {a["quote_id"]: a for a in layers["attributions"]}
    quote_of = {a["id"]: a["quote_id"] for a in layers["attributions"]}
    records = [r for records in layers.values() for r in records]
    # Gold alone is a completed annotation; anything predicted makes the whole document one prediction to correct.
    as_prediction = not records or not all(_is_gold(r) for r in records)

    def region(rid: str, label: str, span: dict, values: dict[str, object], record: dict,
               carried: dict | None = None) -> None:
        """A region and its per-region results; those of the ``carried`` attribution's controls carry its provenance."""
        where = {"start": offsets.to_js(span["start"]), "end": offsets.to_js(span["end"])}
        result.append({"id": rid, "from_name": _LABELS, "to_name": _TEXT, "type": "labels",
                       "value": {**where, "text": span["text"], "labels": [label]},
                       **_result_provenance(record, as_prediction)})
        for control, value in values.items():
            if value is not None:
                about = carried if carried is not None and _CONTROL_LAYER[control] == "attributions" else record
                result.append({"id": rid, "from_name": control, "to_name": _TEXT,
                               **_control_result(control, value, where, span["text"]),
                               **_result_provenance(about, as_prediction)})

    def link(from_id: str, to_id: str, label: str) -> None:
        relations.append({"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right",
                          "labels": [label]})

    for kind, (kind_labels, controls) in REGIONS.items():
        for r in layers.get(kind, ()):
            if kind == "quotes":
                a = attribution[r["id"]]
                values = {"type": r["type"], "act": a["act"], "speaker_id": a["speaker_id"], "role": a["speaker_role"]}
                region(r["id"], "Quote", r, values, r, a)
                for part in ("cue", "source"):
                    if a[part] is not None:
                        rid = f"{a['id']}-{part}"
                        region(rid, REGIONS[part][0][0], a[part], {}, a)
                        link(rid, r["id"], RELATIONS[part])
                continue
            values = {control: r[fld] for control, _, fld in controls}
            if kind in _AGENT and r[_AGENT[kind]] in quote_of:
                values[_AGENT[kind]] = None
                link(r["id"], quote_of[r[_AGENT[kind]]], RELATIONS[kind])
            region(r["id"], r["label"] if kind == "mentions" else kind_labels[0], r, values, r)
    wanted = _referenced(doc)
    data = {"text": text, **doc.entry, "entities": [e for e in registry if e["entity_id"] in wanted]}
    # Entries only predictions use: a relabelled region may correct their label on import (no person vouched for it).
    guessed = sorted({e["entity_id"] for e in data["entities"]} & (_referenced(doc, _is_predicted) - vouched))
    if guessed:
        data[PREDICTED_ENTITIES] = guessed
    if as_prediction:
        return {"data": data, "predictions": [{"model_version": model_version, "result": result + relations}]}
    return {"data": data, "annotations": [{"result": result + relations}]}


def _write_tasks(path: Path, tasks) -> None:
    """``json.dumps(list(tasks), ensure_ascii=False, indent=1)`` and a newline, written task by task.

    The whole array as one string held every task's dicts and two copies of the text at once (10,000
    documents ran out of 24 GB); a task's JSON holds no raw newline, so indenting its lines by one
    space is what the array's indent does.
    """
    with open(path, "w", encoding="utf-8", newline="") as fh:
        sep = "[\n "
        for task in tasks:
            fh.write(sep + json.dumps(task, ensure_ascii=False, indent=1).replace("\n", "\n "))
            sep = ",\n "
        fh.write("[]\n" if sep == "[\n " else "\n]\n")


def export(directory: str | Path, corpus: Corpus, *, force: bool = False, progress: bool = True) -> Path:
    """Write ``tasks.json``, ``config.xml`` and ``corpus_kz.json`` into ``directory`` (built aside, moved in whole)."""
    data = corpus_data(corpus)
    model_version = f"corpus_kz {__version__}"

    def write(tmp: Path) -> None:
        vouched = set().union(*(_referenced(d, _is_gold) for d in data.documents))
        tasks = (_task(d, data.entities, model_version, vouched)
                 for d in track(data.documents, desc="export labelstudio", disable=not progress))
        _write_tasks(tmp / TASKS, tasks)
        write_text(tmp / CONFIG, config_xml([e.event_id for e in corpus.events]))
        # The events the corpus declares, when it declares its own: a corpus that declares none reads back as one.
        events = {} if data.events is None else {"events": data.events}
        write_text(tmp / SIDECAR, json.dumps({"corpus_kz": __version__, "entities": data.entities, **events},
                                             ensure_ascii=False, indent=1) + "\n")

    return publish(directory, write, kind="labelstudio", corpus_path=corpus.path, force=force, what="export")


# -- import --------------------------------------------------------------------

@dataclass
class _Region:
    id: str
    kind: str
    label: str
    span: dict                      # {start, end, text}, Python offsets
    js: tuple[int, int]             # the offsets as the file gives them
    values: dict[str, object] = field(default_factory=dict)   # control -> decoded value
    links: list[str] = field(default_factory=list)            # the quote regions it is related to
    #: From a prediction: the record's origin and confidence; a quote's region also carries its attribution's.
    provenance: dict[str, object] = field(default_factory=dict)
    attribution_provenance: dict[str, object] = field(default_factory=dict)


class _Task:
    """One task's result, turned into layers; every fault is a Problem naming the file, document and region."""

    def __init__(self, file: str, doc_id: str, text: str, problems: list[Problem | None], predicted: bool = False):
        self.file, self.doc_id, self.text, self.problems = file, doc_id, text, problems
        # A prediction's records keep their provenance; an annotation's are a person's work, gold.
        self.predicted = predicted
        self.offsets = Utf16(text)
        self.regions: dict[str, _Region] = {}
        self.broken: set[object] = set()  # region ids already reported: their attributes and links are not
        self.misrelated: set[str] = set()  # regions of a relation already reported: not reported again as unlinked
        # Regions related to a region already reported (a shifted quote): what they lack is that one fault.
        self.stranded: set[str] = set()
        self.labels: list[tuple[str, str, str]] = []  # each mention region's (region id, entity_id, label)

    def bad(self, record: str, fld: str | None, found: str, expected: str) -> None:
        self.problems.append(Problem(self.file, record, fld, found, expected))

    def name(self, rid: object, label: object = None) -> str:
        return f"{self.doc_id} region {show(rid)}" + (f" ({label})" if isinstance(label, str) else "")

    def layers(self, result: object) -> dict[str, list[dict]]:
        if not isinstance(result, list):
            self.bad(self.doc_id, "result", json_type(result), "an array of results")
            return {layer: [] for layer in LAYERS}
        items = [(n, r) for n, r in enumerate(result) if self._is_object(n, r)]
        for n, item in items:
            if item.get("type") == "labels":
                self._region(n, item)
        for n, item in items:
            kind = item.get("type")
            if kind in ("choices", "textarea"):
                self._attribute(n, item)
            elif kind == "relation":
                self._relation(n, item)
            elif kind != "labels":
                self.bad(f"{self.doc_id} result {n}", "type", show(kind),
                         "'labels', 'choices', 'textarea' or 'relation' (the controls of config.xml)")
        return self._records()

    def _is_object(self, n: int, item: object) -> bool:
        if not isinstance(item, dict):
            self.bad(f"{self.doc_id} result {n}", None, json_type(item), "a result object")
        return isinstance(item, dict)

    def _region(self, n: int, item: dict) -> None:
        rid, value = item.get("id"), item.get("value")
        labels = value.get("labels") if isinstance(value, dict) else None
        label = labels[0] if isinstance(labels, list) and len(labels) == 1 else None
        record = self.name(rid, label)
        if not isinstance(rid, str) or rid in self.regions or rid in self.broken:
            self.bad(f"{self.doc_id} result {n}", "id", show(rid), "a region id used by no other region")
            return
        self.broken.add(rid)  # until it proves sound
        if not isinstance(label, str) or label not in _KIND_OF_LABEL:
            self.bad(record, "value.labels", show(labels), f"one label of {', '.join(_KIND_OF_LABEL)}")
            return
        js = (value.get("start"), value.get("end"))
        start, end = (self.offsets.to_py(x) for x in js)
        if start is None or end is None:
            self.bad(record, "value", f"offsets [{show(js[0])}, {show(js[1])})",
                     f"UTF-16 offsets between characters of the text of {self.doc_id}, "
                     f"0 <= start < end <= {self.offsets.length}")
            return
        claimed = value.get("text")
        if not isinstance(claimed, str):
            self.bad(record, "value.text", show(claimed), "the region's text (Label Studio saves it unless "
                     "saveTextResult='no'); without it the offsets cannot be checked")
            return
        problem = check_span(self.file, self.doc_id, record, start, end, claimed, self.text,
                             f"value [{js[0]}, {js[1]}) in UTF-16 code units")
        if problem is not None:
            self.problems.append(problem)
            return
        provenance = self._provenance(record, item) if self.predicted else {}
        if provenance is None:
            return
        self.broken.discard(rid)
        self.regions[rid] = _Region(rid, _KIND_OF_LABEL[label], label, {"start": start, "end": end, "text": claimed},
                                    js, provenance=provenance)

    def _provenance(self, record: str, item: dict, control: str | None = None) -> dict | None:
        """A predicted result's origin (``corpus_kz_origin``) and confidence (``score``); None if it has no origin."""
        if PROVENANCE not in item:
            where = PROVENANCE if control is None else f"{control}: {PROVENANCE}"
            self.bad(record, where, "nothing", f"'{V.GOLD}' or '{V.PREDICTED}:<rule>', as corpus-kz export writes "
                     "each result of a prediction (a prediction from elsewhere has no corpus_kz origin: submit the "
                     "task as an annotation in Label Studio to import it as gold)")
            return None
        return {"origin": item[PROVENANCE], "confidence": item.get("score")}

    def _attribute(self, n: int, item: dict) -> None:
        rid, control, value = item.get("id"), item.get("from_name"), item.get("value")
        if isinstance(rid, str) and rid in self.broken:
            return
        region = self.regions.get(rid) if isinstance(rid, str) else None
        if region is None:
            self.bad(f"{self.doc_id} result {n}", "id", show(rid), "the id of a region (attributes are per region)")
            return
        record = self.name(rid, region.label)
        if not isinstance(control, str) or _CONTROL_KIND.get(control) != region.kind:
            controls = ", ".join(c for c, _, _ in REGIONS[region.kind][1]) or "none"
            self.bad(record, "from_name", show(control), f"a control of a {region.label} region ({controls})")
            return
        if control in region.values:
            self.bad(record, control, "a second result", "one result per control and region")
            return
        if not isinstance(value, dict):
            self.bad(record, control, json_type(value), "a value object")
            return
        at = (value.get("start", region.js[0]), value.get("end", region.js[1]))
        if at != region.js:
            self.bad(record, f"{control}: value", f"offsets [{show(at[0])}, {show(at[1])})",
                     f"the region's own [{region.js[0]}, {region.js[1]})")
            return
        is_choice = control in _CHOICES
        got = value.get("choices" if is_choice else "text")
        if isinstance(got, str) and not is_choice:
            got = [got]  # JSON-MIN style: a single typed value as a plain string
        if not (isinstance(got, list) and len(got) <= 1 and all(isinstance(g, str) for g in got)):
            self.bad(record, control, show(got), "a list of one string")
            return
        if self.predicted and control == _ATTRIBUTION_PROVENANCE:  # reported if it has none; the act is still read
            region.attribution_provenance = self._provenance(record, item, control) or {}
        if not got:
            return  # a cleared control: the attribute is null
        region.values[control] = self._number(record, got[0]) if control == "value" else got[0]

    def _number(self, record: str, typed: str) -> object:
        number = parse_number(typed)  # strict: no NaN, no nesting that exhausts the stack
        if number is None:
            self.bad(record, "value", show(typed), "a number as JSON writes it, e.g. 12.0 (empty when vague)")
            return _BAD
        return number

    def _relation(self, n: int, item: dict) -> None:
        ends = (item.get("from_id"), item.get("to_id"))
        if any(isinstance(e, str) and e in self.broken for e in ends):
            self.stranded.update(e for e in ends if isinstance(e, str) and e not in self.broken)
            return
        record = f"{self.doc_id} relation {show(ends[0])} -> {show(ends[1])}"
        regions = [self.regions.get(e) if isinstance(e, str) else None for e in ends]
        self.misrelated.update(r.id for r in regions if r is not None)  # until the relation proves sound
        if None in regions:
            self.bad(record, "from_id" if regions[0] is None else "to_id", show(ends[regions.index(None)]),
                     "the id of a region of this task")
            return
        quote = [r for r in regions if r.kind == "quotes"]
        other = [r for r in regions if r.kind != "quotes"]
        # The region kinds say what the relation is; its direction is only how Label Studio draws the arrow.
        if len(quote) != 1 or other[0].kind not in RELATIONS:
            self.bad(record, None, f"a relation between a {regions[0].label} and a {regions[1].label} region",
                     "a relation from a Cue, Source, Figure or Frame region to a Quote region")
            return
        implied = RELATIONS[other[0].kind]
        labels = item.get("labels", [])
        if labels not in ([], [implied]):
            self.bad(record, "labels", show(labels), f"[{implied!r}], the relation of a {other[0].label} to a quote")
            return
        other[0].links.append(quote[0].id)
        self.misrelated.difference_update((quote[0].id, other[0].id))

    def _records(self) -> dict[str, list[dict]]:
        layers: dict[str, list[dict]] = {layer: [] for layer in LAYERS}
        ids = self._ids()
        attribution_of = {rid: "a" + ids[rid][1:] for rid, r in self.regions.items() if r.kind == "quotes"}
        spans: dict[str, dict[str, dict | None]] = {rid: {"cue": None, "source": None} for rid in attribution_of}
        agents: dict[str, list[str]] = {}
        for r in self.regions.values():
            if r.kind in ("cue", "source") and not r.links and r.id not in self.misrelated | self.stranded:
                self.bad(self.name(r.id, r.label), "relations", "no relation",
                         f"a {RELATIONS[r.kind]!r} relation to the Quote region it belongs to")
            for quote in r.links:
                if r.kind in _AGENT:
                    agents.setdefault(r.id, []).append(attribution_of[quote])
                elif spans[quote][r.kind] is not None:
                    self.bad(self.name(quote, "Quote"), r.kind, f"a second {r.label} region, {show(r.id)}",
                             f"one {r.label} per quote")
                else:
                    spans[quote][r.kind] = r.span
        for rid, r in self.regions.items():
            if r.kind in ("cue", "source"):
                continue
            values = {fld: r.values.get(control) for control, layer, fld in REGIONS[r.kind][1] if layer == r.kind}
            if r.kind in _AGENT:
                linked = agents.get(rid, [])
                fld = _AGENT[r.kind]
                if len(linked) + (values[fld] is not None) > 1:
                    self.bad(self.name(rid, r.label), fld, "more than one (a text area and relations, or several "
                             "relations)", "one: 'author' or an entity id in the text area, or one 'attribution' "
                             "relation")
                    continue
                values[fld] = linked[0] if linked else values[fld]
                if values[fld] is None and rid in self.stranded:
                    continue  # its holder or source is the attribution of a quote already reported
            if r.kind == "mentions":
                values["label"] = r.label
                if isinstance(values["entity_id"], str):
                    self.labels.append((rid, values["entity_id"], r.label))
            self._add(layers, r.kind, {**r.span, "id": ids[rid], **values, **r.provenance}, rid, r.label)
            if r.kind == "quotes":
                values = {fld: r.values.get(control) for control, layer, fld in REGIONS["quotes"][1]
                          if layer == "attributions"}
                self._add(layers, "attributions", {"id": attribution_of[rid], "quote_id": ids[rid],
                                                   **spans[rid], **values, **r.attribution_provenance}, rid, r.label)
        return layers

    def _ids(self) -> dict[str, str]:
        """Region id -> record id: the region's own when it is a valid, unused id of its layer, else the next free."""
        ids: dict[str, str] = {}
        taken: set[str] = set()
        regions = [r for r in self.regions.values() if r.kind in LAYERS]
        for r in regions:
            if _ID_KIND[r.kind].accepts(r.id) and r.id not in taken:
                ids[r.id] = r.id
                taken.add(r.id)
        last = dict.fromkeys(ID_PREFIX.values(), 0)
        for r in regions:
            if r.id not in ids:
                prefix = ID_PREFIX[r.kind]
                n = last[prefix] + 1
                while f"{prefix}{n}" in taken:
                    n += 1
                last[prefix] = n
                ids[r.id] = f"{prefix}{n}"
                taken.add(ids[r.id])
        return ids

    def _add(self, layers: dict, layer: str, raw: dict, rid: str, label: str) -> None:
        """Check a record as the loader will, but name the region; add it in its file shape."""
        cls = LAYERS[layer]
        kinds = field_kinds(cls)
        optional = file_defaults(cls)
        for name, kind in kinds:
            if raw.get(name, 0) is None and not kind.nullable and name not in optional:
                del raw[name]  # no result for a required control: say "missing", not "null"
        if _BAD in raw.values():
            return
        record, errors = from_dict(cls, {name: raw[name] for name, _ in kinds if name in raw})
        for e in errors:  # named by the control (or the result key) the annotator sees
            self.bad(self.name(rid, label), _CONTROL_OF.get((layer, e.field)) or _provenance_key(layer, e.field),
                     show(e.found), e.expected)
        if record is not None:
            layers[layer].append(to_dict(record))


_BAD = object()  # a value already reported


def _provenance_key(layer: str, fld: str | None) -> str | None:
    """Where a prediction's result holds a record's origin or confidence (an attribution's: on its act)."""
    key = {"origin": PROVENANCE, "confidence": "score"}.get(fld)
    if key is None:
        return fld
    return f"{_ATTRIBUTION_PROVENANCE}: {key}" if layer == "attributions" else key


def _completed(task: dict, file: str, record: str, problems: list) -> tuple[object, bool]:
    """The result to import and whether it is a prediction: the task's one completed annotation, else its one
    prediction; ``(_BAD, False)`` if neither."""
    for key in ("annotations", "predictions"):
        if not isinstance(task.get(key, []), list):
            problems.append(Problem(file, record, key, json_type(task[key]), "an array"))
            return _BAD, False
    done = [a for a in task.get("annotations", []) if not (isinstance(a, dict) and a.get("was_cancelled"))]
    candidates, key = (done, "annotations") if done else (task.get("predictions", []), "predictions")
    if len(candidates) != 1:
        found = f"{len(done)} completed annotations" if done else "no completed annotation and " + (
            f"{len(candidates)} predictions" if candidates else "no prediction")
        problems.append(Problem(file, record, key, found, "one completed annotation per task, or one prediction "
                                "when it has none (submit or delete annotations in Label Studio, then export)"))
        return _BAD, False
    if not isinstance(candidates[0], dict):
        problems.append(Problem(file, record, key, json_type(candidates[0]), "an annotation object with a result"))
        return _BAD, False
    return candidates[0].get("result"), key == "predictions"


def _registry(file: str, sidecar: list | None, carried: list[tuple[str, object]], problems: list) -> list:
    """The registry: the sidecar's when there is one, else the union of the tasks' data.entities.

    Every entry a task carries must agree with the registry: two different
    entries for one entity_id have no right answer. Each entity itself is
    the build step's to check.
    """
    registry = list(sidecar) if sidecar is not None else []
    by_id = {e["entity_id"]: e for e in registry if isinstance(e, dict) and isinstance(e.get("entity_id"), str)}
    for record, listed in carried:
        if not isinstance(listed, list):
            problems.append(Problem(file, record, "data.entities", json_type(listed), "an array of entity objects"))
            continue
        for e in listed:
            eid = e.get("entity_id") if isinstance(e, dict) else None
            if not isinstance(eid, str):
                problems.append(Problem(file, record, "data.entities", show(e), "an entity object with an entity_id"))
            elif sidecar is None and eid not in by_id:
                by_id[eid] = e
                registry.append(e)
            elif by_id.get(eid) != e:
                problems.append(Problem(file, record, f"data.entities {eid}", show(e),
                                        f"{show(by_id[eid])}, its entry in {SIDECAR}" if eid in by_id else
                                        f"an entity of the registry in {SIDECAR}"))
    return registry


def read(source: str | Path) -> CorpusData:
    """Read an export directory, or a Label Studio JSON export file (with ``corpus_kz.json`` beside it, if any).

    Every region's offsets are converted from UTF-16 and must give its text;
    :class:`FormatError` lists every problem, each with the file, the
    document, the region and the offsets. The manifest entries and the
    registry are the build step's to check (:func:`~corpus_kz.formats.base.write_corpus`);
    the regions of a task whose text is not the one its ``data.sha256`` pins
    are not read, since the build step refuses it, naming the sha256.
    """
    root, name = locate(source, TASKS, "a Label Studio export directory or JSON export file")
    file = str(root / name)
    tasks = read_source_json(root, name)
    # Whatever is there (a symlink, a FIFO, a directory, null) is read and refused: never silently ignored.
    has_sidecar = os.path.lexists(root / SIDECAR) and name != SIDECAR
    sidecar = read_registry(root, SIDECAR, "entities") if has_sidecar else None
    events, events_file = read_events(root, SIDECAR, "events") if has_sidecar else (None, None)
    if isinstance(tasks, dict):
        tasks = [tasks]  # Label Studio also takes a single task
    if not isinstance(tasks, list):
        raise FormatError([Problem(file, None, None, json_type(tasks), "an array of Label Studio tasks")])
    problems: list[Problem] = []
    carried: list[tuple[str, object]] = []
    relabels = _Relabels()
    documents = [d for n, task in enumerate(tasks, 1)
                 if (d := _document(file, n, task, carried, relabels, problems)) is not None]
    if sidecar is None and not carried:
        problems.append(Problem(file, None, "data.entities", "no entity registry",
                                f"{SIDECAR} beside the tasks file, or data.entities in the tasks"))
    entities = relabels.apply(file, _registry(file, sidecar, carried, problems), problems)
    problems_or_raise(problems)
    return CorpusData(documents, entities, origin=str(root / SIDECAR) if sidecar is not None else file,
                      source=root, events=events, events_origin=events_file)


def _document(file: str, n: int, task: object, carried: list[tuple[str, object]], relabels: _Relabels,
              problems: list[Problem]) -> DocumentData | None:
    """Task ``n`` as a document (None when it has none to give); the entities it carries go to ``carried``,
    its mention regions' labels to ``relabels``."""
    data = task.get("data") if isinstance(task, dict) else None
    doc_id = data.get("doc_id") if isinstance(data, dict) else None
    record = f"task {n}" + (f" ({doc_id})" if isinstance(doc_id, str) else "")
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not isinstance(doc_id, str):
        found = (f"data.text {json_type(text)}, data.doc_id {show(doc_id)}" if isinstance(data, dict)
                 else f"data {json_type(data)}")
        problems.append(Problem(file, record, "data", found, "a task whose data has the document's text, doc_id "
                                "and manifest fields (a Label Studio JSON export, not JSON-MIN)"))
        return None
    entry = {key: data[key] for key in MANIFEST_FIELDS if key in data}
    entry.setdefault("sha256", sha256_of(text))  # a task made in Label Studio itself pins the text it has
    if "entities" in data:
        carried.append((record, data["entities"]))
    doc = DocumentData(entry, text, origin=f"{file} ({record})")
    if pinned(entry, text):  # else the build step refuses it on its sha256: against another text, no region holds
        result, predicted = _completed(task, file, record, problems)
        if result is _BAD:
            return None
        read_task = _Task(file, doc_id, text, problems, predicted)
        doc.layers = read_task.layers(result)
        relabels.add(file, record, read_task.labels, data.get(PREDICTED_ENTITIES), problems)
    return doc


#: The entity labels whose entities need a role (:class:`~corpus_kz.records.Entity`).
_WITH_ROLE = ("PERSON", "ORG")


class _Relabels:
    """The labels mention regions give each entity, and the entries only predictions used (the export lists them).

    A region relabelled in Label Studio (a city predicted as PERSON, made GPE) corrects its entity's
    entry when the entry is predicted and every region of the entity agrees on the new label; else
    each region that disagrees is a problem that says what to change.
    """

    def __init__(self) -> None:
        self.regions: dict[str, list[tuple[str, str, str]]] = {}  # entity_id -> (task, region id, label)
        self.guessed: set[str] = set()

    def add(self, file: str, record: str, labels: list[tuple[str, str, str]], guessed: object,
            problems: list[Problem]) -> None:
        for rid, eid, label in labels:
            self.regions.setdefault(eid, []).append((record, rid, label))
        if isinstance(guessed, list) and all(isinstance(g, str) for g in guessed):
            self.guessed.update(guessed)
        elif guessed is not None:
            problems.append(Problem(file, record, f"data.{PREDICTED_ENTITIES}", show(guessed),
                                    "an array of entity ids, as corpus-kz export writes it"))

    def apply(self, file: str, entities: list, problems: list[Problem]) -> list:
        """``entities`` with each predicted entry relabelled as all its regions agree; the rest reported."""
        out = []
        for e in entities:
            eid = e.get("entity_id") if isinstance(e, dict) else None
            regions = self.regions.get(eid, []) if isinstance(eid, str) else []
            labels = {label for *_, label in regions}
            old = e.get("label") if regions else None
            if not regions or labels == {old}:
                out.append(e)
            elif eid in self.guessed and len(labels) == 1:
                new = labels.pop()
                role = (e.get("role") or "other") if new in _WITH_ROLE else None
                out.append({**e, "label": new, "role": role})
            else:
                problems += [self._problem(file, eid, old, regions, region) for region in regions if region[2] != old]
                out.append(e)
        return out

    def _problem(self, file: str, eid: str, old: object, regions: list, region: tuple[str, str, str]) -> Problem:
        record, rid, label = region
        where = f"{record} region {show(rid)} ({label})"
        if eid not in self.guessed:
            return Problem(file, where, "value.labels", f"{label!r} for entity {eid!r}, a gold registry entry "
                           f"labelled {old!r}, which an import does not relabel",
                           f"{old!r}: relabel the region {old}, or type the id of an entity labelled {label} in its "
                           f"entity_id text area, or change the label of {eid!r} to {label!r} in {SIDECAR} and in "
                           f"data.entities of every task that carries it")
        others = sorted({f"{lb} ({r}, region {show(i)})" for r, i, lb in regions if lb != label})
        return Problem(file, where, "value.labels", f"{label!r} for entity {eid!r} (predicted as {old!r}), while "
                       f"its other regions say {'; '.join(others)}",
                       f"one label on every region of entity {eid!r}, which then becomes its label: relabel them "
                       "alike, or type another entity id in the entity_id text area of a region that names "
                       "something else")
