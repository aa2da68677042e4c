"""The one build step: parts from any source in, a checked corpus or every problem out, named where each part came from."""

import copy

import corpus_kz
from corpus_kz.build import Builder, CorpusData, DocumentData, build, build_or_raise, corpus_data, sha256_of
from corpus_kz.formats.base import canonical


def _parts(corpus) -> CorpusData:
    data = corpus_data(corpus)
    for n, d in enumerate(data.documents, 1):
        d.origin = f"source.jsonl:{n}"
    data.origin = "registry.jsonl"
    return data


def test_the_bundled_corpus_round_trips_through_its_parts(corpus):
    built, problems = build(_parts(corpus))
    assert problems == [] and built.doc_ids == corpus.doc_ids
    assert all(canonical(a) == canonical(b) and a.metadata() == b.metadata() for a, b in zip(built, corpus))
    assert built.registry == corpus.registry and all(d.registry is built.registry for d in built)


def test_records_already_built_are_taken_as_they_are(corpus):
    doc = corpus["rferl_2020_kordai_returning"]
    parts = DocumentData(_parts(corpus).documents[1].entry, doc.text, {layer: list(getattr(doc, layer))
                                                                       for layer in corpus_kz.records.LAYERS})
    built = build_or_raise(CorpusData([parts], list(corpus.registry.values())))
    assert built[0].quotes == doc.quotes and built[0].quotes[0] is doc.quotes[0]


def test_every_fault_is_named_where_its_part_was_read(corpus):
    data = _parts(corpus)
    kordai = data.documents[1]
    kordai.layers["quotes"][0] = {**kordai.layers["quotes"][0], "start": kordai.layers["quotes"][0]["start"] + 1}
    kordai.origins["q1"] = "source.jsonl:7"
    data.documents[2].entry["event"] = "the 2030 games"
    data.documents[3].entry["sha256"] = "0" * 64
    data.entities[0] = {**data.entities[0], "label": "PLANET"}
    corpus_or_none, problems = build(data)
    assert corpus_or_none is None
    where = {(p.file, p.record, p.field) for p in problems}
    assert ("source.jsonl:7", "rferl_2020_kordai_returning q1", "text") in where  # the shifted span
    assert ("source.jsonl:3", "aljazeera_2020_dungan_repost", "event") in where
    assert ("source.jsonl:4", "aljazeera_2022_zhovtis_interview", "sha256") in where
    assert ("registry.jsonl", data.entities[0]["entity_id"], "label") in where
    pin = next(p for p in problems if p.field == "sha256")
    assert pin.found == "0" * 64 + f" (the text hashes to {sha256_of(data.documents[3].text)})"


def test_duplicate_doc_ids_and_unreadable_registries(corpus):
    data = _parts(corpus)
    data.documents.append(copy.deepcopy(data.documents[0]))
    _, problems = build(data)
    assert [(p.record, p.field) for p in problems] == [("cabar_2020_masanchi", "doc_id")]
    assert "document #1 has it too" in problems[0].expected
    # A registry the source could not read at all (None) is the source's to report: no corpus, nothing said here.
    data.documents.pop()
    assert build(CorpusData(data.documents, None)) == (None, [])


def test_the_codebook_applies_to_annotated_documents_only_when_asked(corpus):
    data = _parts(corpus)
    cabar = data.documents[0]
    boilerplate = next(z for z in cabar.layers["zones"] if z["zone"] == "boilerplate")
    s = boilerplate["start"]
    cabar.layers["figures"].append({"start": s, "end": s + 1, "text": cabar.text[s], "id": "f99", "number": "1",
                                    "value": 1, "qualifier": "exact", "quantity": "other", "unit": "other",
                                    "event": None, "source": "author"})
    _, problems = build(data)
    assert [(p.record, p.field) for p in problems] == [("cabar_2020_masanchi f99", "text")]
    assert "boilerplate" in problems[0].found
    assert build(data, rules=False)[1] == []  # an annotation pass, or a prediction, is not held to them


def test_a_builder_checks_entries_before_their_files_are_read(corpus):
    builder = Builder([], "registry.json")
    assert builder.entry({"doc_id": "../etc"}, "manifest.json", "#0") is None
    assert {p.field for p in builder.problems} >= {"doc_id", "seed_file", "outlet", "sha256"}
    assert builder.corpus() == (None, builder.problems)


def test_events_are_checked_against_the_declarations_the_parts_carry(corpus):
    data = _parts(corpus)
    # The bundled corpus's parts carry its declarations, which the built corpus then has.
    assert [e["event_id"] for e in data.events] == [e.event_id for e in corpus.events]
    assert build(data)[0].events == corpus.events
    # Declarations of another corpus: every document and figure of the bundled one names an undeclared event.
    data.events = [{"event_id": "almaty_2019", "name": "A protest", "start": "2019-06-09", "end": "2019-06-09",
                    "places": ["Almaty"]}]
    data.events_origin = "events.jsonl"
    kordai = data.documents[1]
    kordai.origins["f1"] = "source.jsonl:9"
    built, problems = build(data)
    assert built is None
    undeclared = [(p.file, p.record, p.field) for p in problems]
    assert ("source.jsonl:2", "rferl_2020_kordai_returning", "event") in undeclared
    assert ("source.jsonl:9", "rferl_2020_kordai_returning f1", "event") in undeclared
    assert len(problems) == len(corpus) + sum(f.event is not None for d in corpus for f in d.figures)
    assert {p.expected for p in problems} == {"an event that events.jsonl declares: almaty_2019"}
    # Parts that carry no declarations declare none: the bundled ids are what the events are checked against.
    data.events = data.events_origin = None
    data.documents[1].entry["event"] = "almaty_2019"
    (p,) = build(data)[1]
    assert (p.record, p.field, p.found) == ("rferl_2020_kordai_returning", "event", "'almaty_2019'")
    assert "bundled corpus's events" in p.expected


def test_broken_declarations_are_reported_once(corpus):
    data = _parts(corpus)
    data.events = [{"event_id": "almaty_2019"}]
    data.events_origin = "events.jsonl"
    _, problems = build(data)
    # the missing fields of the one event, and no document checked against declarations that could not be read
    assert {(p.file, p.record) for p in problems} == {("events.jsonl", "almaty_2019")}
    assert [p.field for p in problems] == ["name", "start", "end", "places"]
