"""Two annotations of one document compared: span pairs, and the disagreements adjudication decides."""

import json

import pytest

from corpus_kz import Span
from corpus_kz.cli import main
from corpus_kz.scoring.agreement import match_spans
from corpus_kz.scoring.metrics import f1
from corpus_kz.storage import Layout

from ..helpers import ROOT


def test_match_spans_exact_then_greedy_overlap():
    gold = [Span(0, 5, "aaaaa"), Span(10, 20, "b" * 10), Span(30, 32, "cc")]
    other = [Span(0, 5, "aaaaa"), Span(12, 25, "b" * 13), Span(15, 16, "b"), Span(40, 41, "d")]
    exact, overlap = match_spans(gold, other)
    assert exact == [(0, 0)]
    assert overlap == [(0, 0), (1, 1)]  # the larger overlap wins; one-to-one
    assert f1(len(overlap), len(gold), len(other)) == pytest.approx(4 / 7)


def test_records_that_share_a_span_pair_with_their_like():
    # A reported frame: two records on one span, one per holder, listed in a different order by each pass.
    gold = [Span(0, 5, "aaaaa"), Span(0, 5, "aaaaa"), Span(10, 14, "bbbb")]
    other = [Span(0, 5, "aaaaa"), Span(0, 5, "aaaaa"), Span(11, 14, "bbb")]
    keys = (["authorities", "taizhan", "x"], ["taizhan", "authorities", "x"])
    exact, overlap = match_spans(gold, other, keys)
    assert exact == [(0, 1), (1, 0)]
    assert overlap == [(0, 1), (1, 0), (2, 2)]
    assert match_spans(gold, other)[0] == [(0, 0), (1, 1)]  # without labels: first come, first paired


def test_disagreements_are_listed_with_the_keys_adjudication_decides(capsys):
    assert main(["agreement", "--disagreements"]) == 0
    out = capsys.readouterr().out
    decisions = json.loads((ROOT / Layout.DECISIONS).read_text())["documents"]
    for doc_id, decided in decisions.items():
        assert f"## {doc_id}: {len(decided)} disagreements (A = pass1, B = pass2)" in out
        for key in decided:
            assert f"- {key}: " in out
    assert "- frames fr21/fr20: aspect: A=None B='root_cause'" in out
