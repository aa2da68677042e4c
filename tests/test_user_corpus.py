"""A researcher's own corpus directory, generated here from scratch."""

import json

import pytest

import corpus_kz
from corpus_kz import vocab as V
from corpus_kz.cli import main
from corpus_kz.storage.standoff import write_json
from corpus_kz.storage.writer import write_directory

from .helpers import TEXT, make_event_corpus, make_user_corpus as make_corpus

def test_load_a_generated_corpus(tmp_path):
    corpus = corpus_kz.load(make_corpus(tmp_path / "c"))
    assert corpus.doc_ids == ["my_article", "not_yet_annotated"]
    doc = corpus["my_article"]
    assert [m.start for m in doc.mentions] == [11, 65] and TEXT[65:70] == "Aktau"
    f = corpus.figures()
    assert f.loc[0, ["source", "source_role", "value"]].tolist() == ["Officials", "official", 12.0]
    assert corpus.quotes().loc[0, "zone"] == "body"
    # A document without an annotation file loads with empty layers.
    assert len(corpus["not_yet_annotated"].quotes) == 0 and corpus["not_yet_annotated"].sentences


def test_validate_and_nltk_on_a_generated_corpus(tmp_path, capsys):
    root = make_corpus(tmp_path / "c")
    assert main(["validate", str(root)]) == 0
    reader = corpus_kz.nltk_reader(root)
    assert reader.words("my_article")[:3] == ["Protest", "in", "Aktau"]
    assert reader.sents("my_article")[1][0] == "Officials"


def test_error_names_file_record_field_in_a_user_corpus(tmp_path):
    root = make_corpus(tmp_path / "c")
    path = root / "annotations" / "docs" / "my_article.json"
    data = json.loads(path.read_text())
    data["figures"][0]["unit"] = "persons"
    write_json(path, data)
    try:
        corpus_kz.load(root)
    except corpus_kz.CorpusError as exc:
        assert str(exc) == (f"{path}: record f1: field 'unit': found 'persons', expected one of people, houses, shops, "
                            "vehicles, buildings, percent, km, other")
    else:
        raise AssertionError("load() accepted an unknown unit")


# -- events of its own ----------------------------------------------------------------------

def test_a_corpus_with_an_event_of_its_own_loads_and_its_views_have_that_category(tmp_path):
    corpus = corpus_kz.load(make_event_corpus(tmp_path / "c"))
    assert [(e.event_id, e.start.isoformat(), e.places) for e in corpus.events] == [
        ("almaty_2019", "2019-06-09", ("Almaty",)), ("shymkent_2019", "2019-06-10", ("Shymkent",))]
    assert corpus.metadata.events == corpus.events
    for view in (corpus.documents(), corpus.quotes(), corpus.figures()):
        event = view["event"]
        assert event.cat.ordered and list(event.cat.categories) == ["almaty_2019", "shymkent_2019"]
        assert event.tolist() == ["almaty_2019"]
    assert main(["validate", str(tmp_path / "c")]) == 0


def test_an_undeclared_event_is_refused_naming_file_record_and_field(tmp_path, capsys):
    root = make_event_corpus(tmp_path / "c", event="astana_2022", figure_event="kordai_2020")
    expected = f"an event that {root / 'seeds' / 'events.json'} declares: almaty_2019, shymkent_2019"
    with pytest.raises(corpus_kz.CorpusError) as exc:
        corpus_kz.load(root)
    assert [(p.file, p.record, p.field, p.found, p.expected) for p in exc.value.problems] == [
        (str(root / "seeds" / "manifest.json"), "rally", "event", "'astana_2022'", expected),
        (str(root / "annotations" / "docs" / "rally.json"), "f1", "event", "'kordai_2020'", expected)]
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"{root / 'annotations' / 'docs' / 'rally.json'}: record f1: field 'event': found 'kordai_2020', " \
           f"expected {expected}\n" in out


def test_a_corpus_without_declarations_has_the_bundled_three(tmp_path):
    # Every corpus made with 0.4: no seeds/events.json, and events of the bundled corpus.
    corpus = corpus_kz.load(make_corpus(tmp_path / "c"))
    assert corpus.metadata.events is None and corpus.events == corpus_kz.load().events
    assert list(corpus.figures()["event"].cat.categories) == list(V.EVENTS)
    # An event of its own needs declaring: the problem says where.
    root = make_event_corpus(tmp_path / "d", events=None)
    problems = corpus_kz.storage.validate(root)
    assert [(p.file, p.record, p.field) for p in problems] == [
        (str(root / "seeds" / "manifest.json"), "rally", "event"),
        (str(root / "annotations" / "docs" / "rally.json"), "f1", "event")]
    assert problems[0].expected == ("one of the bundled corpus's events, zhanaozen_2011, kordai_2020, qantar_2022 "
                                    "(this corpus declares none; declare its own in seeds/events.json)")


@pytest.mark.parametrize("events, record, field, found", [
    ({"almaty_2019": {}}, None, None, "an object"),
    ([{"event_id": "almaty_2019", "name": "A protest", "start": "2019-06-09", "end": "2019-06-08",
       "places": ["Almaty"]}], "almaty_2019", "end", "'2019-06-08'"),
    ([{"event_id": "almaty_2019", "name": "A protest", "start": "2019-06-09", "end": "2019-06-09"}],
     "almaty_2019", "places", "nothing (the field is missing)"),
    ([{"event_id": "almaty_2019", "name": "A protest", "start": "9 June 2019", "end": "2019-06-09",
       "places": ["Almaty"]}], "almaty_2019", "start", "'9 June 2019'"),
    (["almaty_2019"], "#0", None, "'almaty_2019'"),
])
def test_a_malformed_events_file_is_one_problem_naming_file_record_and_field(tmp_path, capsys, events, record, field,
                                                                             found):
    root = make_event_corpus(tmp_path / "c", events=events)
    problems = corpus_kz.storage.validate(root)
    # Only the file's fault: the documents are not checked against declarations that could not be read.
    assert [(p.file, p.record, p.field, p.found) for p in problems] == [
        (str(root / "seeds" / "events.json"), record, field, found)]
    assert main(["info", str(root)]) == 1 and "Traceback" not in capsys.readouterr().err


def test_a_written_corpus_keeps_its_declarations_and_one_without_stays_without(tmp_path):
    mine = corpus_kz.load(make_event_corpus(tmp_path / "c"))
    again = corpus_kz.load(write_directory(tmp_path / "copy", mine))
    assert again.events == mine.events and (tmp_path / "copy" / "seeds" / "events.json").is_file()
    old = corpus_kz.load(make_corpus(tmp_path / "old"))
    write_directory(tmp_path / "old_copy", old)
    assert not (tmp_path / "old_copy" / "seeds" / "events.json").exists()
    assert corpus_kz.load(tmp_path / "old_copy").metadata.events is None
