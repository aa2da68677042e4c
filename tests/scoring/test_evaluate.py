"""The evaluation the pre-annotator will be judged by: hand-computed scores, leave-one-out, the baseline, the command."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from corpus_kz import Attribution, Document, Entity, Figure, Quote, Span, Zone
from corpus_kz.annotate import baseline
from corpus_kz.cli import main as cli
from corpus_kz.scoring.evaluate import EvaluationError, leave_one_out, same_speaker, score, score_table, training_view
from corpus_kz.scoring.matching import overlap_ratio

from ..helpers import make_user_corpus
from .helpers import LEVELS, every_score

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
    corpus = make_user_corpus(tmp_path / "mine")  # one annotated document, one raw one
    assert main([str(corpus)]) == 0
    assert "annotate on the corpus, leave one document out (1 document)" in capsys.readouterr().out
    raw = make_user_corpus(tmp_path / "raw", annotate=False)
    assert main([str(raw)]) == 1
    assert "no document has annotations to score against" in capsys.readouterr().err
