"""The quote-marks baseline: what the pre-annotator must beat (its scores are in tests/scoring/test_evaluate.py)."""

import hashlib

from corpus_kz.annotate import baseline

TEXT = ('Clashes in Aktau\n'
        '"We want higher wages," said Ivan Petrov.\n'
        'Officials said that 12 people were detained.\n'
        'According to the minister, order has been restored.\n'
        'Witnesses told reporters that police had "opened fire" on the crowd.\n')


def test_the_baseline_finds_quotes_cues_and_sources():
    text = ('"We want higher wages," said Ivan Petrov. But Tokayev told reporters: “Order has been restored.”\n'
            '«Peace is our property», the President said. She didn’t say ‘never’ here.\n“A quote left open\n')
    found = [(text[slice(*a["content"][0])], a["cue"] and text[slice(*a["cue"][0])],
              a["source"] and text[slice(*a["source"][0])]) for a in baseline.predict_attributions(text)]
    assert found == [("We want higher wages,", "said", "Ivan Petrov"), ("Order has been restored.", "told", "Tokayev"),
                     ("Peace is our property", "said", "President"), ("never", "say", "She"),
                     ("A quote left open", None, None)]
    doc = baseline.predict_document(TEXT, {"doc_id": "aktau", "seed_file": "aktau.txt", "outlet": "Test Wire",
                                           "title": None, "published": None, "event": "zhanaozen_2011",
                                           "genre": "report", "language": "en",
                                           "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "notes": ()})
    assert [q.text for q in doc.quotes] == ["We want higher wages,", "opened fire"]
    assert doc.speaker("q1").name == "Ivan Petrov" and doc.attribution("q2").cue.text == "told"
