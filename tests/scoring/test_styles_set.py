"""The styles set (``benchmarks/styles``): its brat files checked span by span, its counts, and the
pre-annotator's scores on it, which README's evaluation table shows.

The files are read here with a parser of their own, stricter than the project's reader, so that a fault
the reader tolerates (a span text that differs only in white space, an event without a cue) is still caught.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

import corpus_kz
from corpus_kz.annotate import baseline
from corpus_kz.scoring.brat_attributions import QUOTE_MARKS, attributions_of, read_brat_attributions, score_brat

from ..helpers import ROOT

STYLES = ROOT / "benchmarks" / "styles"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_E_LINE = re.compile(r"^(E\d+)\t(\S+):(T\d+)((?: \S+:T\d+)+)$")
_ROLES = re.compile(r"^(Content|Cue|Source)\d*$")


def _pairs() -> list[str]:
    return sorted(p.stem for p in STYLES.glob("*.ann"))


def _parse(name: str) -> tuple[str, dict, list]:
    """One article: its text, its spans ``{id: (label, fragments, text)}`` and its events ``[(id, type, trigger, args)]``."""
    text = (STYLES / f"{name}.txt").read_text(encoding="utf-8")
    spans, events = {}, []
    for n, line in enumerate((STYLES / f"{name}.ann").read_text(encoding="utf-8").splitlines(), 1):
        t, e = _T_LINE.match(line), _E_LINE.match(line)
        assert t or e, f"{name}.ann line {n}: {line!r} is neither a span (T) nor an event (E)"
        if t:
            frags = [tuple(map(int, f.split())) for f in t[3].split(";")]
            assert t[1] not in spans, f"{name}.ann line {n}: {t[1]} defined twice"
            spans[t[1]] = (t[2], frags, t[4])
        else:
            args = [tuple(a.split(":")) for a in e[4].split()]
            events.append((e[1], e[2], e[3], args))
    return text, spans, events


def test_every_text_has_its_annotations_and_nothing_else_is_there():
    names = {p.name for p in STYLES.iterdir()}
    stems = {n.rsplit(".", 1)[0] for n in names if n.endswith((".txt", ".ann"))}
    assert names == {f"{s}.{ext}" for s in stems for ext in ("txt", "ann")} | {"README.md"}
    assert 10 <= len(stems) <= 12


@pytest.mark.parametrize("name", _pairs())
def test_every_span_is_the_text_it_covers(name):
    text, spans, _ = _parse(name)
    for tid, (label, frags, shown) in spans.items():
        assert all(0 <= s < e <= len(text) for s, e in frags) and frags == sorted(frags), (name, tid, frags)
        pieces = [text[s:e] for s, e in frags]
        assert " ".join(pieces) == shown, (name, tid, pieces, shown)
        assert all(p == p.strip() for p in pieces), (name, tid, "a fragment starts or ends with white space")
        # A span leaves a line only where the text breaks it: brat writes one fragment per line.
        assert all("\n" not in p for p in pieces), (name, tid)
        assert all(text[e:s].strip() == "" and "\n" in text[e:s] for (_, e), (s, _) in zip(frags, frags[1:])), (name, tid)


@pytest.mark.parametrize("name", _pairs())
def test_every_attribution_has_a_cue_and_a_content(name):
    text, spans, events = _parse(name)
    used = set()
    for eid, kind, trigger, args in events:
        assert kind in ("Attribution", "Attribution-no-source"), (name, eid, kind)
        assert spans[trigger][0] == kind, (name, eid, "the trigger span is labelled as its event")
        roles = Counter()
        for role, ref in args:
            m = _ROLES.match(role)
            assert m and ref in spans, (name, eid, role, ref)
            assert spans[ref][0] == m[1], (name, eid, role, spans[ref][0])
            roles[m[1]] += 1
            used.add(ref)
        assert roles["Content"] >= 1 and roles["Cue"] >= 1, (name, eid, "an attribution needs a cue and a content")
        assert (roles["Source"] == 1) == (kind == "Attribution"), (name, eid, "a source exactly when the type says so")
        used.add(trigger)
    assert used == set(spans), (name, "spans that no attribution uses", set(spans) - used)


def codebook_type(text: str, attribution: dict) -> str:
    """direct, indirect or mixed as the codebook (§3) defines them.

    Direct: the content sits between quotation marks, or is a speaker-label turn (its cue the colon after
    the name). Mixed: quotation marks inside a reported clause. Indirect: none.
    """
    start = attribution["content"][0][0]
    cue = [text[s:e] for s, e in attribution["cue"]]
    if text[start - 1:start] in QUOTE_MARKS or cue == [":"]:
        return "direct"
    inside = "".join(text[s:e] for s, e in attribution["content"])
    return "mixed" if any(ch in QUOTE_MARKS for ch in inside) else "indirect"


@pytest.fixture(scope="module")
def styles():
    return read_brat_attributions(STYLES)


def _readme(name: str) -> str:
    return (STYLES / "README.md").read_text(encoding="utf-8") if name == "set" else \
        (ROOT / "README.md").read_text(encoding="utf-8").split("## Evaluating extractors", 1)[1]


def test_the_counts_are_those_in_the_sets_readme(styles):
    kinds = Counter(codebook_type(text, a) for _, text, atts in styles for a in atts)
    words = [len(text.split()) for _, text, _ in styles]
    assert all(250 <= w <= 600 for w in words), words
    readme = _readme("set")
    assert f"| articles | {len(styles)} |" in readme
    assert f"| characters | {sum(len(t) for _, t, _ in styles):,} |" in readme
    assert f"| words | {sum(words):,} |" in readme
    assert f"| attributions | {sum(len(a) for _, _, a in styles)} |" in readme
    for kind in ("direct", "indirect", "mixed"):
        assert f"| {kind} | {kinds[kind]} |" in readme, (kind, kinds[kind])
    no_source = sum(a["source"] is None for _, _, atts in styles for a in atts)
    assert f"| with no source (agentless) | {no_source} |" in readme


def test_codebook_types_by_hand():
    text = 'Ann said: "We stay." Bo said the plan was "dead" now. Cy\'s aide said it ended.'
    span = lambda s: [(text.index(s), text.index(s) + len(s))]
    said = span("said")
    assert codebook_type(text, {"content": span("We stay."), "cue": said}) == "direct"
    assert codebook_type(text, {"content": span('the plan was "dead" now'), "cue": said}) == "mixed"
    assert codebook_type(text, {"content": span("it ended"), "cue": said}) == "indirect"
    assert codebook_type("KIM: We stay.", {"content": [(5, 13)], "cue": [(3, 4)]}) == "direct"


def test_pre_annotator_scores_on_the_styles_set_are_those_in_readme(styles):
    # README's row for this set, recomputed; a change of the rules that moves them must update README.
    r = score_brat(STYLES, lambda text: attributions_of(corpus_kz.annotate(text, {})))
    b = score_brat(STYLES, baseline.predict_attributions)
    f1, speaker = r["layers"]["attributions"]["0.3"]["f1"], r["attributions"]["0.3"]["speaker_accuracy"]
    base = (b["layers"]["attributions"]["0.3"]["f1"], b["attributions"]["0.3"]["speaker_accuracy"])
    assert r["layers"]["attributions"]["gold"] == sum(len(a) for _, _, a in styles)
    row = (f"| the styles set (`benchmarks/styles`) | attribution content F1 at 0.3 (speaker accuracy) | "
           f"{f1:.3f} ({speaker:.3f}) | ≥ 0.85 (≥ 0.85) | {base[0]:.3f} ({base[1]:.3f}) | – |")
    assert row in _readme("main"), row
