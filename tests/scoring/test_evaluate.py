"""The evaluation the pre-annotator will be judged by: hand-computed scores, leave-one-out, brat corpora, the baseline.

The PolNeAR tests read ``../shared/polnear-dev`` beside the checkout at run time and skip where it is
absent; nothing of its texts is copied here (the brat fixtures below are written from scratch).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

import pytest

import corpus_kz
from corpus_kz import Attribution, CorpusError, Document, Entity, Figure, Quote, Span, Zone
from corpus_kz.annotate import baseline
from corpus_kz.cli import main as cli
from corpus_kz.scoring.brat_attributions import is_quoted, read_brat_attributions, score_brat, trim_marks
from corpus_kz.scoring.evaluate import EvaluationError, leave_one_out, same_speaker, score, score_table, training_view
from corpus_kz.scoring.matching import match as match_at
from corpus_kz.scoring.matching import overlap_ratio

from ..helpers import ROOT

POLNEAR = ROOT.parent / "shared" / "polnear-dev"
LEVELS = ("exact", "0.8", "0.3")


# -- a hand-made document ------------------------------------------------------------------------

TEXT = ('Clashes in Aktau\n'
        '"We want higher wages," said Ivan Petrov.\n'
        'Officials said that 12 people were detained.\n'
        'According to the minister, order has been restored.\n'
        'Witnesses told reporters that police had "opened fire" on the crowd.\n')

REGISTRY = {
    "petrov": Entity("petrov", "Ivan Petrov", "PERSON", "protester", ("Ivan Petrov", "Petrov")),
    "kasymov": Entity("kasymov", "Kalmukhambet Kasymov", "PERSON", "official", ("minister", "Kasymov")),
}


def at(sub: str, occurrence: int = 1, shift: int = 0, shrink: int = 0) -> Span:
    """The span of the n-th occurrence of ``sub`` in TEXT, moved by ``shift`` and cut by ``shrink`` at its end."""
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(sub, start + 1)
    s, e = start + shift, start + len(sub) + shift - shrink
    return Span(s, e, TEXT[s:e])


def quote(qid: str, span: Span, kind: str) -> Quote:
    return Quote(span.start, span.end, span.text, id=qid, type=kind)


QUOTES = {
    "q1": (at("We want higher wages,"), "direct"),
    "q2": (at("12 people were detained"), "indirect"),
    "q3": (at("order has been restored"), "indirect"),
    "q4": (at('police had "opened fire" on the crowd'), "mixed"),
}
ATTRIBUTIONS = {
    "q1": dict(cue=at("said"), source=at("Ivan Petrov"), speaker_id="petrov"),
    "q2": dict(cue=at("said", 2), source=at("Officials"), speaker_role="official"),
    "q3": dict(cue=at("According to"), source=at("minister"), speaker_id="kasymov"),
    "q4": dict(cue=at("told"), source=at("Witnesses"), speaker_role="witness"),
}


def make_doc(quotes=None, attributions=None, figure_value: float = 12.0, doc_id: str = "aktau",
             entities=REGISTRY) -> Document:
    quotes = dict(QUOTES) if quotes is None else quotes
    attributions = {**ATTRIBUTIONS, **(attributions or {})}
    n = at("12 people")
    return Document(
        doc_id=doc_id, text=TEXT, seed_file="aktau.txt", outlet="Test Wire", title="Clashes in Aktau",
        published=dt.date(2011, 12, 17), event="zhanaozen_2011", genre="report", language="en",
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
        zones=(Zone(0, 16, TEXT[:16], id="z1", zone="headline"),),
        quotes=tuple(quote(qid, span, kind) for qid, (span, kind) in quotes.items()),
        attributions=tuple(Attribution(id="a" + qid[1:], quote_id=qid, act="assertion", **attributions[qid])
                           for qid in quotes),
        figures=(Figure(n.start, n.end, n.text, id="f1", number="12", value=figure_value, qualifier="exact",
                        quantity="detained", unit="people", event="zhanaozen_2011", source="a2"),),
        registry=entities)


def every_score(result: dict):
    """Every ratio in a result of score(), as (where, value)."""
    for layer, s in result["layers"].items():
        for lv in LEVELS:
            for m in ("precision", "recall", "f1"):
                yield f"{layer} {lv} {m}", s[lv][m]
    for lv in LEVELS:
        for key, value in result["attributions"][lv].items():
            if key != "matched":
                yield f"attributions {lv} {key}", value
        if "figures" in result:
            yield f"figures {lv} value_accuracy", result["figures"][lv]["value_accuracy"]


# -- overlap and matching ----------------------------------------------------------------------

def test_overlap_is_shared_characters_over_the_longer_span():
    gold = Span(0, 20, "x" * 20)
    assert overlap_ratio(gold, gold) == 1.0
    assert overlap_ratio(gold, Span(0, 16, "x" * 16)) == pytest.approx(0.8)        # short of the gold
    assert overlap_ratio(gold, Span(0, 25, "x" * 25)) == pytest.approx(0.8)        # longer than the gold
    assert overlap_ratio(gold, Span(0, 100, "x" * 100)) == pytest.approx(0.2)      # swallowing the paragraph fails
    assert overlap_ratio(gold, Span(30, 40, "x" * 10)) == 0.0
    # A discontinuous span counts by the characters it covers: 20 of them, inside a prediction of 30.
    assert overlap_ratio([(0, 10), (20, 30)], [(0, 30)]) == pytest.approx(20 / 30)
    assert overlap_ratio([(20, 30), (0, 10)], [(5, 25)]) == pytest.approx(10 / 20)


def test_thresholds_are_inclusive_and_matching_is_one_to_one():
    gold = [Span(0, 10, "x" * 10)]
    three = [Span(7, 10, "xxx")]                       # 3 shared / 10 = 0.3 exactly
    assert match_at(gold, three, 0.3) == [(0, 0)]
    assert match_at(gold, three, 0.31) == []
    assert match_at(gold, three) == []                  # exact
    # One prediction over two gold spans is paired once, with the one it shares most with.
    gold = [Span(0, 10, "x" * 10), Span(10, 14, "y" * 4)]
    assert match_at(gold, [Span(0, 13, "x" * 13)], 0.3) == [(0, 0)]
    # Filtering comes before the greedy choice: the larger overlap fails 0.8, the smaller passes.
    gold = [Span(0, 10, "x" * 10)]
    assert match_at(gold, [Span(0, 40, "x" * 40), Span(1, 10, "x" * 9)], 0.8) == [(0, 1)]


# -- score() on the gold and on hand-made perturbations -------------------------------------------

def test_the_gold_against_itself_scores_one_everywhere(corpus):
    result = score(corpus, corpus)
    assert result["documents"] == [d.doc_id for d in corpus]
    values = dict(every_score(result))
    assert all(v == 1.0 for v in values.values()), {k: v for k, v in values.items() if v != 1.0}
    assert result["layers"]["quotes"]["gold"] == 176 and result["attributions"]["gold_by_type"] == {
        "direct": 70, "indirect": 84, "mixed": 22}
    for doc_id, r in result["per_document"].items():
        assert all(v in (1.0, None) for v in dict(every_score(r)).values()), doc_id
    table = score_table(result)
    assert "| quotes (attribution content) | 176 | 176 | 1.000 |" in table and "value accuracy" in table


def test_the_hand_made_gold_against_itself():
    gold = make_doc()
    values = dict(every_score(score([gold], [make_doc()])))
    assert all(v == 1.0 for k, v in values.items() if k.split()[0] in ("zones", "quotes", "attributions", "figures"))
    assert all(v is None for k, v in values.items() if k.split()[0] in ("mentions", "frames"))  # none in the gold


def test_a_shifted_span_fails_exact_and_passes_overlap_as_computed():
    # The mixed quote (37 characters) moved 5 characters left: 32 shared, 32/37 = 0.865.
    span = at('police had "opened fire" on the crowd', shift=-5)
    assert span.text.startswith("that police") and overlap_ratio(QUOTES["q4"][0], span) == pytest.approx(32 / 37)
    r = score([make_doc()], [make_doc({**QUOTES, "q4": (span, "mixed")})])
    quotes = r["layers"]["quotes"]
    assert quotes["exact"] == {"matched": 3, "precision": 0.75, "recall": 0.75, "f1": 0.75}
    assert quotes["0.8"]["f1"] == quotes["0.3"]["f1"] == 1.0
    att = r["attributions"]
    assert (att["exact"]["recall_mixed"], att["0.8"]["recall_mixed"], att["0.3"]["recall_mixed"]) == (0.0, 1.0, 1.0)
    assert att["exact"]["recall_direct"] == att["exact"]["recall_indirect"] == 1.0
    assert att["exact"]["speaker_accuracy"] == att["0.8"]["speaker_accuracy"] == 1.0
    # Moved 15 characters: 22/37 = 0.595 passes 0.3 only.
    far = at('police had "opened fire" on the crowd', shift=-15)
    r = score([make_doc()], [make_doc({**QUOTES, "q4": (far, "mixed")})])
    assert [r["layers"]["quotes"][lv]["matched"] for lv in LEVELS] == [3, 3, 4]
    assert r["layers"]["quotes"]["0.8"]["recall"] == 0.75


def test_a_missing_attribution_lowers_recall_by_one_in_n():
    predicted = make_doc({k: v for k, v in QUOTES.items() if k != "q3"})
    r = score([make_doc()], [predicted])
    for lv in LEVELS:
        s = r["layers"]["quotes"][lv]
        assert (s["precision"], s["recall"]) == (1.0, 1 - 1 / 4)
        assert s["f1"] == pytest.approx(2 * 3 / (4 + 3))
        assert r["attributions"][lv]["recall_indirect"] == 0.5       # one of the two indirect quotes
        assert r["attributions"][lv]["recall_direct"] == r["attributions"][lv]["recall_mixed"] == 1.0


def test_a_wrong_speaker_lowers_speaker_accuracy():
    wrong = {"q1": dict(cue=at("said"), source=at("Witnesses"), speaker_role="witness")}
    r = score([make_doc()], [make_doc(attributions=wrong)])
    for lv in LEVELS:
        att = r["attributions"][lv]
        assert att["speaker_accuracy"] == 3 / 4 and att["cue_accuracy"] == 1.0
        assert att["attribution_f1"] == pytest.approx(2 * 3 / 8)
        assert r["layers"]["quotes"][lv]["f1"] == 1.0
    # A wrong cue: "told" for the first quote.
    r = score([make_doc()], [make_doc(attributions={"q1": {**ATTRIBUTIONS["q1"], "cue": at("told")}})])
    assert r["attributions"]["exact"]["cue_accuracy"] == 3 / 4 and r["attributions"]["exact"]["speaker_accuracy"] == 1.0


def test_speakers_compare_through_the_registry_and_the_words():
    gold = make_doc()
    unresolved = {"q1": dict(cue=at("said"), source=at("Petrov"), speaker_role="other"),    # an alias of petrov
                  "q3": dict(cue=at("According to"), source=at("minister"), speaker_role="official")}  # same words
    pred = make_doc(attributions=unresolved)
    a, p = gold.attribution("q1"), pred.attribution("q1")
    assert same_speaker(gold, a, pred, p)
    assert same_speaker(gold, gold.attribution("q3"), pred, pred.attribution("q3"))
    ivan = make_doc(attributions={"q1": dict(cue=at("said"), source=at("Ivan"), speaker_role="other")})
    assert not same_speaker(gold, a, ivan, ivan.attribution("q1"))
    # A predictor with its own registry: its ids are aligned with the gold's by alias.
    other = {"ivan_petrov": Entity("ivan_petrov", "Ivan Petrov", "PERSON", "protester", ("Petrov",))}
    aligned = make_doc(attributions={"q1": {**ATTRIBUTIONS["q1"], "speaker_id": "ivan_petrov"}},
                       entities={"kasymov": REGISTRY["kasymov"], **other})
    assert score([gold], [aligned])["attributions"]["exact"]["speaker_accuracy"] == 1.0


def test_a_wrong_figure_value_lowers_value_accuracy():
    r = score([make_doc()], [make_doc(figure_value=13.0)])
    assert r["layers"]["figures"]["exact"]["f1"] == 1.0
    assert [r["figures"][lv]["value_accuracy"] for lv in LEVELS] == [0.0, 0.0, 0.0]


def test_an_empty_prediction_has_no_precision_and_no_recall():
    empty = Document(**make_doc().metadata(), text=TEXT)
    r = score([make_doc()], [empty])
    assert r["layers"]["quotes"]["exact"] == {"matched": 0, "precision": None, "recall": 0.0, "f1": 0.0}
    assert r["attributions"]["0.3"]["speaker_accuracy"] is None
    assert "| quotes (attribution content) | 4 | 0 | – | 0.000 | 0.000 |" in score_table(r)


def test_predictions_that_cannot_be_scored_are_refused():
    gold = make_doc()
    with pytest.raises(EvaluationError, match="no prediction for aktau"):
        score([gold], [])
    with pytest.raises(EvaluationError, match="not in the gold: other"):
        score([gold], [make_doc(), make_doc(doc_id="other")])
    with pytest.raises(EvaluationError, match="two predicted documents"):
        score([gold], [make_doc(), make_doc()])
    changed = Document(**{**gold.metadata(), "text": TEXT + "x"})
    with pytest.raises(EvaluationError, match="text differs"):
        score([gold], [changed])
    with pytest.raises(EvaluationError, match="threshold"):
        score([gold], [gold], thresholds=(1.5,))
    with pytest.raises(EvaluationError, match="layers"):
        score([gold], [gold], layers=("sentences",))


# -- leave one document out ------------------------------------------------------------------------

def test_leave_one_out_never_shows_the_test_document_to_the_builder(corpus):
    docs = list(corpus)
    calls = []

    def build(training):
        seen = {d.doc_id for d in training}
        registry = {k for d in training for k in d.registry}
        spelled = {m.text for d in training for m in d.mentions}
        aliases = {a for d in training for e in d.registry.values() for a in e.aliases}

        def predict(text, meta):
            calls.append((meta["doc_id"], seen, registry, aliases <= spelled, set(meta)))
            assert meta["doc_id"] not in seen and all(d.text != text for d in training)
            return baseline.predict_document(text, meta)
        return predict

    predicted = leave_one_out(docs, build)
    assert [p.doc_id for p in predicted] == [d.doc_id for d in docs]
    for (doc_id, seen, registry, only_spelled, meta), d in zip(calls, docs):
        assert doc_id == d.doc_id and seen == {x.doc_id for x in docs} - {doc_id}
        assert only_spelled and meta == set(d.metadata()) and "quotes" not in meta
        # The registry holds only entities the training documents refer to, so none that only the held-out one names.
        others = [x for x in docs if x is not d]
        referred = ({m.entity_id for x in others for m in x.mentions}
                    | {a.speaker_id for x in others for a in x.attributions}
                    | {f.source for x in others for f in x.figures} | {f.holder for x in others for f in x.frames})
        assert registry <= referred
        assert not registry & ({m.entity_id for m in d.mentions} - referred)


def test_training_view_cuts_the_registry_to_what_the_training_documents_show(corpus):
    docs = list(corpus)
    held_out = docs[0]
    view = training_view(docs[1:])
    spelled_elsewhere = {m.text for d in docs[1:] for m in d.mentions}
    only_held_out = {m.text for m in held_out.mentions} - spelled_elsewhere
    assert only_held_out, "expected some spelling only the first document uses"
    for d in view:
        assert not only_held_out & {a for e in d.registry.values() for a in e.aliases}
        assert d.text == corpus[d.doc_id].text and d.quotes == corpus[d.doc_id].quotes


def test_leave_one_out_refuses_a_predictor_that_returns_another_document(corpus):
    with pytest.raises(EvaluationError, match="expected a Document with the doc_id"):
        leave_one_out(corpus[0:2], lambda training: lambda text, meta: None)


# -- the baseline ----------------------------------------------------------------------------------

def test_the_baseline_finds_quotes_cues_and_sources():
    text = ('"We want higher wages," said Ivan Petrov. But Tokayev told reporters: “Order has been restored.”\n'
            '«Peace is our property», the President said. She didn’t say ‘never’ here.\n“A quote left open\n')
    found = [(text[slice(*a["content"][0])], a["cue"] and text[slice(*a["cue"][0])],
              a["source"] and text[slice(*a["source"][0])]) for a in baseline.predict_attributions(text)]
    assert found == [("We want higher wages,", "said", "Ivan Petrov"), ("Order has been restored.", "told", "Tokayev"),
                     ("Peace is our property", "said", "President"), ("never", "say", "She"),
                     ("A quote left open", None, None)]
    doc = baseline.predict_document(TEXT, make_doc().metadata())
    assert [q.text for q in doc.quotes] == ["We want higher wages,", "opened fire"]
    assert doc.speaker("q1").name == "Ivan Petrov" and doc.attribution("q2").cue.text == "told"


def test_the_baseline_on_the_gold_leave_one_out(corpus):
    predicted = leave_one_out(corpus, baseline.build)
    assert all(p.quotes == baseline.predict_document(d.text, d.metadata()).quotes
               for p, d in zip(predicted, corpus))   # it learns nothing: the same with or without training
    r = score(corpus, predicted)
    quotes, att = r["layers"]["quotes"], r["attributions"]
    assert 0.1 < quotes["exact"]["f1"] <= quotes["0.8"]["f1"] <= quotes["0.3"]["f1"] < 0.8
    assert quotes["0.3"]["precision"] > quotes["0.3"]["recall"]        # quote marks are precise, not exhaustive
    assert att["0.3"]["recall_direct"] > 0.3 and att["0.3"]["recall_indirect"] < 0.1
    assert 0.3 < att["0.3"]["speaker_accuracy"] <= 1 and 0.3 < att["0.3"]["cue_accuracy"] <= 1
    assert r["layers"]["mentions"]["exact"]["precision"] is None      # it predicts no other layer
    print("\n" + score_table(r))


# -- brat corpora ----------------------------------------------------------------------------------

BRAT_TEXT = ('Ivan Petrov said: "We will strike." Officials said the port was closed, and "all is calm," '
             'they added. It was reported that 12 were held.\n')


def brat_offsets(sub: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = BRAT_TEXT.index(sub, start + 1)
    return start, start + len(sub)


def t_line(tid: str, label: str, *subs: str) -> str:
    frags = [brat_offsets(s) for s in subs]
    return f"{tid}\t{label} " + ";".join(f"{s} {e}" for s, e in frags) + "\t" + " ".join(subs)


def write_brat(directory, ann: str, text: str = BRAT_TEXT, name: str = "wire_1"):
    directory.mkdir(exist_ok=True)
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    (directory / f"{name}.ann").write_text(ann, encoding="utf-8")
    return directory


ANN = "\n".join([
    t_line("T1", "Source", "Ivan Petrov"), t_line("T2", "Cue", "said"), t_line("T3", "Content", '"We will strike."'),
    t_line("T4", "Attribution", "said"), "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
    # A discontinuous content, then a second content span of the same attribution (Content2).
    t_line("T5", "Source", "Officials"), t_line("T6", "Cue", "said the"),
    t_line("T7", "Content", "the port", "was closed"), t_line("T8", "Content", '"all is calm,"'),
    t_line("T9", "Attribution", "Officials"), "E2\tAttribution:T9 Content:T7 Cue:T6 Source:T5 Content2:T8",
    t_line("T10", "Cue", "It was reported"), t_line("T11", "Content", "12 were held"),
    t_line("T12", "Attribution-no-source", "It was reported"), "E3\tAttribution-no-source:T12 Cue:T10 Content:T11",
    "E4\tAttribution-no-source:T12 ",                   # a stray event without content: no attribution
    t_line("T13", "Discuss", "they added"), t_line("T14", "Discard", "It was"),
    "A1\tNegated E1", "#1\tAnnotatorNotes T1\ta note", "R1\tAlias Arg1:T1 Arg2:T5", ""])


def test_the_brat_reader_reads_attributions(tmp_path):
    write_brat(tmp_path / "brat", ANN)
    ((doc_id, text, atts),) = read_brat_attributions(tmp_path / "brat")
    assert doc_id == "wire_1" and text == BRAT_TEXT and len(atts) == 3
    shown = [{k: v and [text[s:e] for s, e in v] for k, v in a.items()} for a in atts]
    assert shown[0] == {"content": ['"We will strike."'], "cue": ["said"], "source": ["Ivan Petrov"]}
    # The discontinuous content (with its space left out) and Content2, in text order.
    assert shown[1] == {"content": ["the port", "was closed", '"all is calm,"'], "cue": ["said the"],
                        "source": ["Officials"]}
    assert shown[2] == {"content": ["12 were held"], "cue": ["It was reported"], "source": None}
    assert [is_quoted(text, a["content"]) for a in atts] == [True, True, False]
    assert [text[s:e] for s, e in trim_marks(text, atts[0]["content"])] == ["We will strike."]


def test_score_brat_by_hand(tmp_path):
    directory = write_brat(tmp_path / "brat", ANN)
    ((_, text, gold),) = read_brat_attributions(directory)
    perfect = score_brat(directory, lambda t: gold)
    assert all(v == 1.0 for k, v in every_score(perfect) if "recall_mixed" not in k)
    assert perfect["attributions"]["gold_by_type"] == {"direct": 2, "indirect": 1}
    # The first content without its marks (exact after trimming); the second by its first fragment only:
    # 8 of the 8 + 10 + 14 = 32 covered characters (0.25, below 0.3); the third missed; one false alarm.
    predicted = [{"content": [brat_offsets("We will strike.")], "cue": [brat_offsets("said")],
                  "source": [brat_offsets("they")]},
                 {"content": [brat_offsets("the port")], "cue": None, "source": None},
                 {"content": [brat_offsets("they added")], "cue": None, "source": None}]
    r = score_brat(directory, lambda t: predicted)
    s = r["layers"]["attributions"]
    assert [s[lv]["matched"] for lv in LEVELS] == [1, 1, 1]
    assert s["exact"]["precision"] == 1 / 3 and s["exact"]["recall"] == 1 / 3
    assert r["attributions"]["exact"]["speaker_accuracy"] == 0.0 and r["attributions"]["exact"]["cue_accuracy"] == 1.0
    assert r["attributions"]["0.3"]["recall_direct"] == 0.5 and r["attributions"]["0.3"]["recall_indirect"] == 0.0
    untrimmed = score_brat(directory, lambda t: predicted, trim=False)
    assert untrimmed["layers"]["attributions"]["exact"]["matched"] == 0
    assert untrimmed["layers"]["attributions"]["0.8"]["matched"] == 1       # 15 of 17 characters
    assert "| attributions | 3 | 3 |" in score_table(r)
    with pytest.raises(EvaluationError, match="prediction 0, content"):
        score_brat(directory, lambda t: [{"content": [(0, 10_000)]}])
    with pytest.raises(EvaluationError, match="expected a list"):
        score_brat(directory, lambda t: None)


@pytest.mark.parametrize("ann, found", [
    ("T1\tContent 0 9999\tx\n", "START < END <= 138"),
    ("T1\tContent 0 4\tIvan\nE1\tAttribution:T1 Content:T9\n", "'T9'"),
    ("T1\tContent 0 4\tPetr\n", "'Petr'"),
    ("T1\tContent\n", "ID<TAB>Label START END<TAB>text"),
    ("T1\tContent 0 4;x y\tIvan\n", "4;x y"),  # the line is malformed: offsets are digits
])
def test_broken_ann_files_are_refused_naming_the_fault(tmp_path, ann, found):
    write_brat(tmp_path / "brat", ann)
    with pytest.raises(CorpusError) as err:
        read_brat_attributions(tmp_path / "brat")
    assert len(err.value.problems) == 1 and found in str(err.value.problems[0])
    assert "wire_1.ann" in err.value.problems[0].file


def test_bad_brat_directories_are_refused(tmp_path):
    for path, message in [(tmp_path / "missing", "no such directory"), (tmp_path, "no .ann file")]:
        with pytest.raises(CorpusError, match=message):
            read_brat_attributions(path)
    (tmp_path / "file.ann").write_text("")
    with pytest.raises(CorpusError, match="a file, not a directory"):
        read_brat_attributions(tmp_path / "file.ann")
    with pytest.raises(CorpusError, match="no such file") as err:
        read_brat_attributions(tmp_path)
    assert "file.txt" in err.value.problems[0].file and "the text of file.ann" in err.value.problems[0].expected
    lonely = tmp_path / "bytes"
    write_brat(lonely, ANN)
    (lonely / "wire_1.txt").write_bytes(b"\xff\xfe")
    with pytest.raises(CorpusError, match="not UTF-8"):
        read_brat_attributions(lonely)
    # A text that is a symlink out of the directory is not read.
    outside = tmp_path / "outside.txt"
    outside.write_text(BRAT_TEXT)
    linked = write_brat(tmp_path / "linked", ANN)
    (linked / "wire_1.txt").unlink()
    (linked / "wire_1.txt").symlink_to(outside)
    with pytest.raises(CorpusError, match="leads outside"):
        read_brat_attributions(linked)


# -- the command ----------------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    return cli(["evaluate", *argv])


def test_the_command_prints_the_table(capsys, tmp_path):
    assert main(["--predictor", "baseline"]) == 0
    out = capsys.readouterr().out
    assert "baseline on the corpus, leave one document out (5 documents)" in out
    assert "| quotes (attribution content) |" in out
    assert main(["--predictor", "baseline", "--brat", str(tmp_path / "nowhere")]) == 1
    assert "no such directory" in capsys.readouterr().err
    assert main([]) == 0  # the pre-annotator is the default
    assert "annotate on the corpus, leave one document out (5 documents)" in capsys.readouterr().out


def test_documents_without_annotations_are_not_scored(tmp_path, capsys):
    from ..helpers import make_user_corpus

    corpus = make_user_corpus(tmp_path / "mine")  # one annotated document, one raw one
    assert main([str(corpus)]) == 0
    assert "annotate on the corpus, leave one document out (1 document)" in capsys.readouterr().out
    raw = make_user_corpus(tmp_path / "raw", annotate=False)
    assert main([str(raw)]) == 1
    assert "no document has annotations to score against" in capsys.readouterr().err


# -- PolNeAR (read where it is, never copied) -------------------------------------------------------

@pytest.fixture(scope="module")
def polnear():
    if not POLNEAR.is_dir():
        pytest.skip(f"the PolNeAR dev set is not at {POLNEAR} (../shared/polnear-dev beside the checkout); "
                    "the PolNeAR evaluation tests need it and are skipped")
    return read_brat_attributions(POLNEAR)


def test_polnear_reads_as_its_readme_says(polnear):
    assert len(polnear) == 84
    assert sum(len(atts) for _, _, atts in polnear) == 2192
    assert sum(len(text) for _, text, _ in polnear) == 411_228
    for doc_id, text, atts in polnear:
        for a in atts:
            for part in ("content", "cue", "source"):
                frags = a[part]
                if frags is None:
                    assert part != "content", doc_id
                    continue
                assert frags == sorted(frags) and all(0 <= s < e <= len(text) for s, e in frags), (doc_id, part)
    assert sum(a["source"] is None for _, _, atts in polnear for a in atts) > 100        # Attribution-no-source
    assert sum(len(a["content"]) > 1 for _, _, atts in polnear for a in atts) > 0         # discontinuous, Content2


def test_polnear_gold_against_itself_and_the_baseline(polnear):
    gold = {text: atts for _, text, atts in polnear}
    perfect = score_brat(POLNEAR, lambda text: gold[text])
    assert all(v == 1.0 for _, v in every_score(perfect))
    r = score_brat(POLNEAR, baseline.predict_attributions)
    s, att = r["layers"]["attributions"], r["attributions"]
    assert s["gold"] == 2192 and 0 < s["predicted"] < 2192
    assert s["exact"]["f1"] <= s["0.8"]["f1"] <= s["0.3"]["f1"] and 0.1 < s["0.3"]["f1"] < 0.6
    assert att["gold_by_type"]["indirect"] > att["gold_by_type"]["direct"]     # most content has no marks
    assert all(att[lv]["recall_indirect"] < 0.05 for lv in LEVELS) and att["0.3"]["recall_direct"] > 0.5
    assert all(0 < att[lv]["speaker_accuracy"] < 1 and not math.isnan(att[lv]["speaker_accuracy"]) for lv in LEVELS)
    print("\n" + score_table(r))


def test_polnear_pre_annotator_scores_are_those_in_readme(polnear):
    # README's PolNeAR rows for corpus_kz.annotate, recomputed; a change of the rules must update README.
    from corpus_kz.scoring.brat_attributions import attributions_of

    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Evaluating extractors", 1)[1]
    r = score_brat(POLNEAR, lambda text: attributions_of(corpus_kz.annotate(text, {})))
    att = r["attributions"]["0.3"]
    assert f"| PolNeAR dev | attribution content F1 at 0.3 | {r['layers']['attributions']['0.3']['f1']:.3f} |" in readme
    assert f"| PolNeAR dev | speaker accuracy (at 0.3) | {att['speaker_accuracy']:.3f} |" in readme
    assert f"| PolNeAR dev | indirect recall at 0.3 | {att['recall_indirect']:.3f} |" in readme
