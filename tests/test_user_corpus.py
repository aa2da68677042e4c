"""A researcher's own corpus directory, generated here from scratch."""

import hashlib
import json

import corpus_kz
from corpus_kz.gold.anchor import anchor
from corpus_kz.cli import main
from corpus_kz.storage.standoff import write_json

TEXT = "Protest in Aktau\n\nOfficials said that 12 people were detained in Aktau on Monday.\n"


def make_corpus(root, annotate=True):
    (root / "seeds").mkdir(parents=True)
    (root / "annotations" / "docs").mkdir(parents=True)
    (root / "seeds" / "mine.txt").write_bytes(TEXT.encode())
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    manifest = [{"doc_id": "my_article", "seed_file": "mine.txt", "outlet": "My Outlet", "title": "Protest in Aktau",
                 "published": "2022-01-10", "event": "qantar_2022", "genre": "report", "language": "en",
                 "sha256": sha, "notes": []},
                {"doc_id": "not_yet_annotated", "seed_file": "mine.txt", "outlet": "My Outlet", "title": None,
                 "published": None, "event": "qantar_2022", "genre": "report", "language": "en",
                 "sha256": sha, "notes": ["raw text only"]}]
    write_json(root / "seeds" / "manifest.json", manifest)
    write_json(root / "annotations" / "entities.json",
               [{"entity_id": "aktau", "name": "Aktau", "label": "GPE", "role": None, "aliases": ["Aktau"], "wikidata": None}])
    if annotate:
        draft = {"doc_id": "my_article", "seed_file": "mine.txt", "sha256": sha,
                 "zones": [{"id": "z1", "text": "Protest in Aktau", "zone": "headline"}],
                 "mentions": [{"id": "m1", "text": "Aktau", "occurrence": 1, "label": "GPE", "entity_id": "aktau"},
                              {"id": "m2", "text": "Aktau", "occurrence": 2, "label": "GPE", "entity_id": "aktau"}],
                 "quotes": [{"id": "q1", "text": "12 people were detained in Aktau on Monday", "type": "indirect"}],
                 "attributions": [{"id": "a1", "quote_id": "q1", "cue": {"text": "said"},
                                   "source": {"text": "Officials"}, "speaker_id": None, "speaker_role": "official"}],
                 "figures": [{"id": "f1", "text": "12 people", "number": "12", "value": 12.0, "qualifier": "exact",
                              "quantity": "detained", "unit": "people", "event": "qantar_2022", "source": "a1"}],
                 "frames": []}
        gold, problems = anchor(draft, TEXT)
        assert not problems
        write_json(root / "annotations" / "docs" / "my_article.json", gold)
    return root


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
