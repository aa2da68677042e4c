"""What the analyses share: spans inside spans, strings joined per group, one call per distinct value."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_kz.analyses.common import containing, joined, per_value, view


def _brute(inner: pd.DataFrame, outer: pd.DataFrame) -> set[tuple[int, int]]:
    """Every pair by comparing each inner span with each outer span of its document."""
    pairs = inner.reset_index(drop=True).reset_index().merge(outer.reset_index(drop=True).reset_index(), on="doc_id")
    pairs = pairs[(pairs.start_y <= pairs.start_x) & (pairs.end_x <= pairs.end_y)]
    return set(zip(pairs.index_x, pairs.index_y))


def _found(inner, outer) -> set[tuple[int, int]]:
    i, j = containing(inner, outer)
    assert len(i) == len(set(zip(i, j)))  # each pair once
    return set(zip(i.tolist(), j.tolist()))


def test_spans_inside_quotes_on_the_bundled_corpus():
    # The Zhovtis interview nests quotes in its answers, and frames sit in both the answer and the quote in it.
    quotes = view(None, "quotes")[["doc_id", "start", "end"]]
    for layer in ("frames", "mentions", "figures", "quotes"):
        spans = view(None, layer)[["doc_id", "start", "end"]]
        assert _found(spans, quotes) == _brute(spans, quotes), layer
    q = quotes.reset_index(drop=True)
    nested = {(i, j) for i, j in _found(q, q) if i != j}
    assert nested and all(q.start[j] <= q.start[i] and q.end[i] <= q.end[j] for i, j in nested)


_spans = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 40), st.integers(1, 15)), max_size=25)


@settings(max_examples=300, deadline=None)
@given(_spans, _spans)
def test_containing_is_every_pair_of_generated_spans(inner, outer):
    # Nested, equal, touching and overlapping spans, in three documents, in any order.
    def frame(spans):
        return pd.DataFrame([(d, s, s + n) for d, s, n in spans], columns=["doc_id", "start", "end"])
    assert _found(frame(inner), frame(outer)) == _brute(frame(inner), frame(outer))


def test_joined_keeps_the_order_within_each_group():
    df = pd.DataFrame({"k": ["x", "y", "x", "x"], "s": ["b", "c", "a", "b"]})
    assert joined(df, ["k"], "s", "; ").to_dict() == {"x": "b; a; b", "y": "c"}


def test_per_value_calls_once_per_distinct_value():
    calls = []
    out = per_value(pd.Series(["a", None, "b", "a", "a"]), lambda v: calls.append(v) or v.upper())
    assert out.tolist()[:1] + out.tolist()[2:] == ["A", "B", "A", "A"] and pd.isna(out[1])
    assert sorted(calls) == ["a", "b"]
