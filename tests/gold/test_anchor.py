import pytest

from corpus_kz.gold.anchor import anchor, find_span

TEXT = "He said no. She said yes, she said."


def test_unique_text_anchors_half_open():
    s, e = find_span(TEXT, "yes")
    assert TEXT[s:e] == "yes" and (s, e) == (21, 24)


def test_ambiguous_text_needs_a_hint():
    with pytest.raises(LookupError, match="occurs 3 times"):
        find_span(TEXT, "said")
    assert find_span(TEXT, "said", occurrence=3) == (30, 34)
    assert find_span(TEXT, "said", context="She said yes") == (16, 20)
    with pytest.raises(LookupError, match="does not occur"):
        find_span(TEXT, "maybe")


def test_anchor_fills_nested_spans_and_reports_each_problem():
    draft = {"quotes": [{"id": "q1", "text": "yes", "cue": {"text": "said", "context": "She said"}},
                        {"id": "q2", "text": "no way"}]}
    out, problems = anchor(draft, TEXT, "d.json")
    q1 = out["quotes"][0]
    assert (q1["start"], q1["end"]) == (21, 24) and q1["cue"] == {"start": 16, "end": 20, "text": "said"}
    assert "context" not in q1["cue"]
    assert len(problems) == 1 and problems[0].record == "q2" and problems[0].field == "text"
