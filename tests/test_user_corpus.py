"""A researcher's own corpus directory, generated here from scratch."""

import json

import corpus_kz
from corpus_kz.cli import main
from corpus_kz.storage.standoff import write_json

from .helpers import TEXT, make_user_corpus as make_corpus

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
