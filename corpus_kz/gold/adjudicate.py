"""Adjudication: the gold is a function of two passes and a file of decisions.

``annotations/adjudication/decisions.json`` decides every disagreement that
:func:`corpus_kz.scoring.agreement.disagreements` lists between ``pass1`` (A)
and ``pass2`` (B) — ``"A"`` keeps A's version, ``"B"`` takes B's — with the
reason. Corrections from a later review follow, each with its reason. Then
the codebook's mechanical rules run (nothing is annotated inside
boilerplate), entity ids are unified across documents, ids are renumbered in
text order and the registry's aliases are collected from the mentions.
Rerunning it reproduces ``annotations/docs/`` and
``annotations/entities.json`` byte for byte; a test checks that.

Both passes are read through the loader (:func:`corpus_kz.storage.read_pass`);
records become plain dicts in their file shape (:func:`corpus_kz.records.to_dict`)
for merging. Run ``corpus-kz adjudicate [PATH] [--check]`` in a checkout.
"""

from __future__ import annotations

import copy
from pathlib import Path

from .. import vocab as V
from ..codebook import CONTENT_LAYERS, Boilerplate
from ..document import Document
from ..records import AGENT_FIELDS, ID_PREFIX, LAYERS, Entity, Zone, field_kinds, to_dict
from ..records import renumber as renumber_records
from ..scoring.agreement import attribution_pairs, disagreement_keys, entity_alignment
from ..storage import Layout, load, read_pass
from ..storage.files import Unreadable, read_json
from ..storage.standoff import dumps
from ..writing import write_text


class AdjudicationError(ValueError):
    """Decisions that do not fit the passes; the message names the document and the keys."""


def _as_dicts(doc: Document) -> tuple[dict[str, list[dict]], list[dict]]:
    """A document's layers and registry in their file shape."""
    return ({layer: [to_dict(r) for r in getattr(doc, layer)] for layer in LAYERS},
            [to_dict(e) for e in doc.registry.values()])


def _decided_keys(a: Document, b: Document, decisions: dict[str, list]) -> dict[str, tuple]:
    """The disagreements of two passes, once every one is decided and every decision matches one."""
    keys = disagreement_keys(a, b)
    missing = sorted(set(keys) - set(decisions))
    stale = sorted(set(decisions) - set(keys))
    if missing or stale:
        raise AdjudicationError(f"{a.doc_id}: undecided disagreements {missing}; decisions that match none {stale}")
    return keys


class _Merge:
    """A's records in their file shape, into which B's are taken as decided, B's references made A's."""

    def __init__(self, a: Document, b: Document):
        self.doc_id = a.doc_id
        self.ra, a_entities = _as_dicts(a)
        self.rb, b_entities = _as_dicts(b)
        self.canon_b = entity_alignment(a, b)
        self.out = {layer: [dict(r) for r in self.ra[layer]] for layer in LAYERS}
        self.entities = {e["entity_id"]: dict(e) for e in a_entities}
        self.b_entities = {e["entity_id"]: e for e in b_entities}
        # Which attribution of A stands for an attribution of B (through the matched quotes).
        self.b_att_to_a = {y.id: x.id for _, _, x, y in attribution_pairs(a, b)}
        self.fresh = {layer: 0 for layer in LAYERS}

    def new_id(self, layer: str) -> str:
        self.fresh[layer] += 1
        return f"{ID_PREFIX[layer]}{900 + self.fresh[layer]}"  # renumbered later

    def entity(self, eid: str) -> str:
        """B's entity as A's: the aligned one, or B's own, added to the entities used."""
        if eid in self.canon_b:
            return self.canon_b[eid]
        self.entities.setdefault(eid, dict(self.b_entities[eid]))
        return eid

    def agent(self, ref: str) -> str:
        """B's figure source or frame holder as A's: the author, the attribution of the matched quote, an entity."""
        if ref == V.AUTHOR:
            return ref
        if ref in self.b_att_to_a:
            return self.b_att_to_a[ref]
        if ref in self.b_entities:
            return self.entity(ref)
        raise AdjudicationError(f"{self.doc_id}: B reference {ref!r} has no counterpart in A; take its quote first")

    def b_record(self, layer: str, j: int, replacing: str | None) -> dict:
        """B's ``j``-th record of ``layer``, with A's id ``replacing`` (or a new one) and its references made A's."""
        rec = copy.deepcopy(self.rb[layer][j])
        rec["id"] = replacing or self.new_id(layer)
        if layer == "mentions":
            rec["entity_id"] = self.entity(rec["entity_id"])
        if layer in AGENT_FIELDS:
            rec[AGENT_FIELDS[layer]] = self.agent(rec[AGENT_FIELDS[layer]])
        return rec

    def b_attribution(self, j: int) -> dict:
        """The attribution of B's ``j``-th quote."""
        return next(x for x in self.rb["attributions"] if x["quote_id"] == self.rb["quotes"][j]["id"])

    def out_attribution(self, quote_id: str) -> dict:
        """The merged attribution of the quote ``quote_id``."""
        return next(x for x in self.out["attributions"] if x["quote_id"] == quote_id)

    def take(self, kind: str, layer: str, i: int | None, j: int | None) -> None:
        """Decide one disagreement for B (a key of :func:`~corpus_kz.scoring.agreement.disagreement_keys`)."""
        if kind == "pair":
            self.take_pair(layer, i, j)
        elif kind == "a":
            self.drop_a(layer, i)
        elif kind == "b":
            self.add_b(layer, j)
        elif kind == "att":
            self.take_part(layer, i, j)

    def take_pair(self, layer: str, i: int, j: int) -> None:
        """B's version of a matched pair replaces A's, under A's id."""
        a_id = self.ra[layer][i]["id"]
        idx = next(k for k, r in enumerate(self.out[layer]) if r["id"] == a_id)
        self.out[layer][idx] = self.b_record(layer, j, a_id)
        if layer == "quotes":  # the quote's labels that live on its attribution: act and speaker
            battr = self.b_attribution(j)
            target = self.out_attribution(a_id)
            target["act"] = battr["act"]
            target["speaker_role"] = battr["speaker_role"]
            target["speaker_id"] = battr["speaker_id"] and self.entity(battr["speaker_id"])

    def drop_a(self, layer: str, i: int) -> None:
        """A record only A has is dropped (a quote with its attribution)."""
        a_id = self.ra[layer][i]["id"]
        self.out[layer] = [r for r in self.out[layer] if r["id"] != a_id]
        if layer == "quotes":
            self.out["attributions"] = [x for x in self.out["attributions"] if x["quote_id"] != a_id]

    def add_b(self, layer: str, j: int) -> None:
        """A record only B has is added (a quote with its attribution)."""
        rec = self.b_record(layer, j, None)
        self.out[layer].append(rec)
        if layer == "quotes":
            battr = self.b_attribution(j)
            attr = copy.deepcopy(battr)
            attr["id"] = self.new_id("attributions")
            attr["quote_id"] = rec["id"]
            if attr.get("speaker_id"):
                attr["speaker_id"] = self.entity(attr["speaker_id"])
            self.out["attributions"].append(attr)
            self.b_att_to_a[battr["id"]] = attr["id"]

    def take_part(self, part: str, i: int, j: int) -> None:
        """B's cue or source of a matched quote's attribution replaces A's."""
        battr = self.b_attribution(j)
        target = self.out_attribution(self.ra["quotes"][i]["id"])
        target[part] = copy.deepcopy(battr[part])


def adjudicate_document(a: Document, b: Document, decisions: dict[str, list]
                        ) -> tuple[dict, dict[str, dict], list[str]]:
    """Merge two passes of one document; return the gold layers, the entities used and the log lines."""
    keys = _decided_keys(a, b, decisions)
    merge = _Merge(a, b)
    log = []
    # Quotes first: figures and frames taken from B may point at their attributions.
    for key, (kind, layer, i, j) in sorted(keys.items(), key=lambda kv: (kv[1][1] != "quotes", kv[0])):
        choice, reason = decisions[key]
        if choice not in ("A", "B"):
            raise AdjudicationError(f"{a.doc_id}: decision for {key!r} is {choice!r}, expected 'A' or 'B'")
        log.append(f"| {key} | {choice} | {reason} |")
        if choice == "B":
            merge.take(kind, layer, i, j)
    return merge.out, merge.entities, log


def apply_corrections(doc: dict, corrections: list[dict], text: str) -> list[str]:
    """Corrections found after adjudication (a third reader's review), each with its reason.

    ``drop`` and ``set`` find their record by ``[start, end)`` (for
    attributions: the quote's); ``add`` gives the whole record. A figure
    ``source`` or frame ``holder`` written ``{"quote": [start, end]}`` means the
    attribution of that quote.
    """
    done = []

    def find(layer: str, span: list[int], match: dict | None = None) -> dict:
        """The one record of ``layer`` at ``span`` whose fields include ``match`` (attributions: by their quote's span)."""
        match = match or {}
        if layer == "attributions":
            quote_ids = {q["id"] for q in doc["quotes"] if [q["start"], q["end"]] == list(span)}
            hits = [x for x in doc["attributions"] if x["quote_id"] in quote_ids]
        else:
            hits = [r for r in doc[layer] if [r["start"], r["end"]] == list(span)]
        hits = [r for r in hits if all(r.get(k) == resolve(v) for k, v in match.items())]
        if len(hits) != 1:
            raise AdjudicationError(f"correction: {len(hits)} {layer} at {span} with {match}, expected exactly one")
        return hits[0]

    def resolve(value):
        """``{"quote": [start, end]}`` (and an optional ``"speaker_id"``) names the attribution of that quote."""
        if isinstance(value, dict) and "quote" in value:
            return find("attributions", value["quote"], {k: v for k, v in value.items() if k != "quote"})["id"]
        if isinstance(value, dict) and set(value) == {"start", "end"}:
            return dict(value, text=text[value["start"]:value["end"]])
        return value

    for c in corrections:
        op, layer = c["op"], c["layer"]
        if op == "drop":
            r = find(layer, c["span"], c.get("match"))
            doc[layer].remove(r)
            if layer == "quotes":
                doc["attributions"] = [x for x in doc["attributions"] if x["quote_id"] != r["id"]]
            elif layer == "attributions":
                doc["quotes"] = [q for q in doc["quotes"] if q["id"] != r["quote_id"]]
        elif op == "set":
            r = find(layer, c["span"], c.get("match"))
            r.update({k: resolve(v) for k, v in c["fields"].items()})
        elif op == "add":
            record = dict(c["record"])
            attribution = record.pop("attribution", None)  # a quote comes with its attribution
            r = {k: resolve(v) for k, v in record.items()}
            r["id"] = f"{ID_PREFIX[layer]}{800 + len(done)}"
            r["text"] = text[r["start"]:r["end"]]
            doc[layer].append(r)
            if layer == "quotes":
                if attribution is None:
                    raise AdjudicationError(f"correction adds quote {r['text'][:40]!r} without its attribution")
                x = {k: resolve(v) for k, v in attribution.items()}
                x.update(id=f"{ID_PREFIX['attributions']}{800 + len(done)}", quote_id=r["id"])
                doc["attributions"].append(x)
        else:
            raise AdjudicationError(f"correction op {op!r}, expected drop, set or add")
        done.append(f"| {op} {layer} {c.get('span') or [c['record']['start'], c['record']['end']]} | {c['reason']} |")
    return done


#: Words before a mention that a source span leaves out (§4): "the minister" -> "minister".
_DETERMINERS = frozenset(("the", "our", "its", "their", "his", "her"))


def apply_rules(doc: dict) -> list[str]:
    """The codebook's mechanical rules; returns what they removed or changed."""
    removed = []
    boilerplate = Boilerplate(Zone(**z) for z in doc["zones"])
    for layer in CONTENT_LAYERS:
        keep = []
        for r in doc[layer]:
            if boilerplate.around(r["start"], r["end"]) is not None:
                removed.append(f"{layer} {r['id']} {r['text']!r} (inside boilerplate, §1)")
            else:
                keep.append(r)
        doc[layer] = keep
    # §4: a source that is a mention plus its determiner is the mention's span.
    spans = {(m["start"], m["end"]) for m in doc["mentions"]}
    for x in doc["attributions"]:
        src = x.get("source")
        if src:
            head, _, rest = src["text"].partition(" ")
            if head.lower() in _DETERMINERS and rest and (src["end"] - len(rest), src["end"]) in spans:
                x["source"] = {"start": src["end"] - len(rest), "end": src["end"], "text": rest}
                removed.append(f"attributions {x['id']}: source {src['text']!r} -> {rest!r} (the mention, §4)")
    quote_ids = {q["id"] for q in doc["quotes"]}
    gone = {x["id"] for x in doc["attributions"] if x["quote_id"] not in quote_ids}
    doc["attributions"] = [x for x in doc["attributions"] if x["id"] not in gone]
    for layer, fld in AGENT_FIELDS.items():
        for r in doc[layer]:
            if r[fld] in gone:
                raise AdjudicationError(f"{r['id']} points at attribution {r[fld]} removed with its boilerplate quote")
    return removed


def renumber(doc: dict, entity_map: dict[str, str]) -> dict:
    """Entity ids unified, then ids in text order per layer (ties by the passes' ids), references following."""
    attributions = {x["id"] for x in doc["attributions"]}
    for x in doc["attributions"]:
        if x.get("speaker_id"):
            x["speaker_id"] = entity_map.get(x["speaker_id"], x["speaker_id"])
    for m in doc["mentions"]:
        m["entity_id"] = entity_map.get(m["entity_id"], m["entity_id"])
    for layer, fld in AGENT_FIELDS.items():
        for r in doc[layer]:
            if r[fld] not in attributions:
                r[fld] = entity_map.get(r[fld], r[fld])
    return renumber_records(doc, tie=lambda r: r["id"])


def run(root: Path, check: bool = False) -> list[str]:
    """Rebuild the gold from the passes and the decisions; with ``check``, compare instead of writing.

    Returns the files that differ (with ``check``) or were written.
    """
    root = Path(root)
    adj = _read_decisions(root)
    registry: dict[str, dict] = {}
    outputs: dict[Path, str] = {}
    golds: list[dict] = []
    log = ["# Adjudication log", "",
           "Generated by `corpus-kz adjudicate` from `decisions.json`; A is pass1, B is pass2.", ""]
    for document in load(root, annotations=False):
        gold, entities, section = _gold_document(root / Layout.PASSES, document, adj)
        for eid, e in entities.items():
            cid = adj["entity_map"].get(eid, eid)
            registry.setdefault(cid, dict(e, entity_id=cid))
        outputs[root / Layout.doc(document.doc_id)] = dumps(gold)
        log += section
        golds.append(gold)
    outputs[root / Layout.REGISTRY] = dumps(_registry_records(golds, registry, adj.get("entities", {})))
    outputs[root / Layout.ADJUDICATION_LOG] = "\n".join(log) + "\n"
    return _check(outputs) if check else _write(outputs)


def _read_decisions(root: Path) -> dict:
    """``decisions.json``: the decisions, corrections, new entities, entity map and entity overrides."""
    try:
        return read_json(root.resolve(), Layout.DECISIONS)
    except Unreadable as exc:
        raise AdjudicationError(f"{root / Layout.DECISIONS}: found {exc.found}, expected {exc.expected}; "
                                "adjudication needs a checkout with the passes and the decisions") from None


def _gold_document(passes: Path, document: Document, adj: dict) -> tuple[dict, dict[str, dict], list[str]]:
    """One document's gold (in file shape), the entities it draws on, and its section of the log."""
    doc_id = document.doc_id
    doc, entities, lines = adjudicate_document(read_pass(passes / Layout.FIRST_PASS, document),
                                               read_pass(passes / Layout.SECOND_PASS, document),
                                               adj["documents"].get(doc_id, {}))
    corrected = apply_corrections(doc, adj.get("corrections", {}).get(doc_id, []), document.text)
    entities.update({e["entity_id"]: e for e in adj.get("new_entities", [])})
    removed = apply_rules(doc)
    renumber(doc, adj["entity_map"])
    gold = {"doc_id": doc_id, "seed_file": document.seed_file, "sha256": document.sha256}
    gold.update({layer: doc[layer] for layer in LAYERS})
    return gold, entities, _log_section(doc_id, lines, corrected, removed)


def _log_section(doc_id: str, decided: list[str], corrected: list[str], removed: list[str]) -> list[str]:
    """A document's part of ``LOG.md``: the decisions, the corrections after review, what the rules changed."""
    log = [f"## {doc_id}", "",
           f"{len(decided)} disagreements decided, {len(removed)} records removed or changed by rule.", "",
           "| disagreement | decision | reason |", "| --- | --- | --- |", *decided, ""]
    if corrected:
        log += ["Corrections after review:", "", "| correction | reason |", "| --- | --- |", *corrected, ""]
    return log + [f"- by rule: {r}" for r in removed] + ([""] if removed else [])


def _registry_records(golds: list[dict], registry: dict[str, dict], overrides: dict[str, dict]) -> list[dict]:
    """The entities the gold uses, in id order, with ``overrides`` applied and the aliases its mentions spell."""
    used: dict[str, set] = {}
    for gold in golds:  # once every pass's entities are in the registry
        _used_entities(gold, registry, used)
    out = []
    for eid in sorted(used):
        if eid not in registry:
            raise AdjudicationError(f"entity {eid!r} is used but no pass defines it")
        e = dict(registry[eid], **overrides.get(eid, {}))
        e["aliases"] = sorted(used[eid])
        out.append({k: e.get(k) for k, _ in field_kinds(Entity)})
    return out


def _check(outputs: dict[Path, str]) -> list[str]:
    """The files whose content differs from what adjudication gives (or that cannot be read)."""
    changed = []
    for path, content in outputs.items():
        try:
            same = path.read_text(encoding="utf-8") == content
        except OSError:
            same = False
        if not same:
            changed.append(str(path))
    return changed


def _write(outputs: dict[Path, str]) -> list[str]:
    """Write every file (atomically, one by one) and return their paths."""
    for path, content in outputs.items():
        write_text(path, content)
    return [str(path) for path in outputs]


def _used_entities(gold: dict, registry: dict, used: dict[str, set]) -> None:
    """Add the entities one gold document uses (mentions with their spellings, speakers, agents) to ``used``."""
    for m in gold["mentions"]:
        used.setdefault(m["entity_id"], set()).add(m["text"])
    for x in gold["attributions"]:
        if x.get("speaker_id"):
            used.setdefault(x["speaker_id"], set())
    for layer, fld in AGENT_FIELDS.items():
        for r in gold[layer]:
            if r[fld] in registry:
                used.setdefault(r[fld], set())
