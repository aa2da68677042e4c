"""Analyses that carry the pre-annotator's error: origin=, the share predicted, and counts corrected by hand."""

import numpy as np
import pandas as pd
import pytest

import corpus_kz
from corpus_kz import Corpus
from corpus_kz import analyses as A
from corpus_kz.analyses.quantify import _percentiles, corrected_counts

from ..helpers import predicted_corpus
from .conftest import PREDICTED, speaker_doc

ANALYSES = [A.share_of_voice, A.attribution_types, A.acts, A.cues, A.reporting_verbs, A.unsourced_claims,
            A.frame_holders, A.domestic_vs_interethnic, A.trigger_and_roots, A.frames_by, A.frames_in_quotes, A.claims,
            A.discrepancies, A.mention_forms, A.spelling_variants, A.cooccurrence, A.timeline]

def _quality(tp, fp, fn, classes=("activist", "official"), dimension="speaker_role") -> dict:
    """A quality table of one dimension: per evaluation document, tp, fp and fn per class."""
    return {"dimensions": {dimension: {"classes": list(classes), "per_document": {
        "documents": [f"e{i}" for i in range(len(tp))], "tp": tp, "fp": fp, "fn": fn}}}}


def test_origin_must_be_gold_predicted_or_all():
    with pytest.raises(ValueError, match=r"origin 'predictions'; expected one of 'gold', 'predicted', 'all'"):
        A.share_of_voice(origin="predictions")
    with pytest.raises(ValueError, match="origin"):
        A.frames_by(origin=None)


@pytest.mark.parametrize("analysis", ANALYSES, ids=lambda f: f.__name__)
def test_the_bundled_gold_is_all_gold_in_every_analysis(analysis):
    everything, gold, predicted = analysis(), analysis(origin="gold"), analysis(origin="predicted")
    assert everything.attrs["origin"] == "all" and everything.attrs["predicted"] == 0
    assert everything.attrs["records"] > 0 and everything.attrs["share_predicted"] == 0.0
    pd.testing.assert_frame_equal(everything, gold)
    assert predicted.empty and predicted.attrs["records"] == 0 and predicted.attrs["share_predicted"] is None
    if "share_predicted" in everything.columns:  # a count, not one row per record
        assert (everything["share_predicted"] == 0).all()
    else:
        assert set(everything["origin"]) == {"gold"}


@pytest.fixture(scope="module")
def gold_and_predicted() -> Corpus:
    """The bundled gold and three articles pre-annotated by corpus_kz.annotate."""
    return corpus_kz.concat([corpus_kz.load(), predicted_corpus()])


@pytest.mark.parametrize("analysis", ANALYSES, ids=lambda f: f.__name__)
def test_gold_and_predicted_records_are_counted_apart_in_every_analysis(analysis, gold_and_predicted):
    c = gold_and_predicted
    everything, gold, predicted = (analysis(c, origin=o) for o in ("all", "gold", "predicted"))
    assert gold.attrs["predicted"] == 0 and predicted.attrs["predicted"] == predicted.attrs["records"]
    assert everything.attrs["predicted"] == predicted.attrs["records"]
    assert everything.attrs["records"] == gold.attrs["records"] + predicted.attrs["records"]
    assert everything.attrs["share_predicted"] == everything.attrs["predicted"] / everything.attrs["records"]
    if "share_predicted" in everything.columns:
        assert everything["share_predicted"].between(0, 1).all() and (gold["share_predicted"] == 0).all()
        assert (predicted["share_predicted"] == 1).all()
    else:
        assert predicted["origin"].str.startswith("predicted:").all() and set(gold["origin"]) == {"gold"}


def _mixed() -> Corpus:
    gold = speaker_doc("gold_doc", [("Ann Lee", "official"), ("Bo Kim", "activist")], [("domestic", "asserts")],
                origin="gold")
    pred = speaker_doc("pred_doc", [("Cy Dee", "official"), ("Di Eve", "official"), ("Ed Fox", "activist")],
                [("domestic", "asserts"), ("interethnic", "denies")])
    return Corpus([gold, pred], {})


def test_a_mixed_corpus_says_what_share_is_predicted_and_filters_by_origin():
    c = _mixed()
    s = A.share_of_voice(c).set_index("speaker_role")
    assert s.attributions.to_dict() == {"official": 3, "activist": 2}
    assert s.share_predicted.to_dict() == {"official": 2 / 3, "activist": 1 / 2}
    assert A.share_of_voice(c).attrs == {"origin": "all", "records": 5, "predicted": 3, "share_predicted": 0.6}
    gold = A.share_of_voice(c, origin="gold").set_index("speaker_role")
    assert gold.attributions.to_dict() == {"official": 1, "activist": 1} and (gold.share_predicted == 0).all()
    predicted = A.share_of_voice(c, origin="predicted")
    assert predicted.attributions.sum() == 3 and (predicted.share_predicted == 1).all()
    f = A.frames_by(c, by="doc_id")
    assert f.groupby("doc_id").share_predicted.first().to_dict() == {"gold_doc": 0.0, "pred_doc": 1.0}
    assert A.frames_by(c, origin="predicted").frames.sum() == 2
    assert set(A.cues(c, origin="predicted").origin) == {PREDICTED}


def test_corrected_share_of_voice_computed_by_hand():
    # official: precision 2/4, recall 2/2 -> factor 0.5; activist: precision 1/1, recall 1/2 -> factor 2.
    quality = _quality(tp=[[1, 2]], fp=[[0, 2]], fn=[[1, 0]])
    pred = speaker_doc("p", [(f"Official {n}", "official") for n in range(4)] + [("Ed Fox", "activist")])
    out = A.share_of_voice(Corpus([pred], {}), corrected=True, quality=quality).set_index("speaker_role")
    assert out.attributions.to_dict() == {"official": 4, "activist": 1}
    assert out.estimate.to_dict() == {"official": 4 * 0.5, "activist": 1 * 2.0}
    assert out.share.to_dict() == {"official": 0.5, "activist": 0.5}
    # One evaluation document and one corpus document: every resample is the same, so is the interval.
    assert (out.low == out.estimate).all() and (out.high == out.estimate).all()
    assert set(out.correction) == {"class"} and (out.share_predicted == 1).all()


def test_gold_records_are_counted_as_they_are():
    quality = _quality(tp=[[1, 2]], fp=[[0, 2]], fn=[[1, 0]])
    out = A.share_of_voice(_mixed(), corrected=True, quality=quality).set_index("speaker_role")
    # official: 1 gold + 2 predicted x 0.5; activist: 1 gold + 1 predicted x 2.
    assert out.estimate.to_dict() == {"official": 2.0, "activist": 3.0}
    gold = A.share_of_voice(_mixed(), corrected=True, quality=quality, origin="gold").set_index("speaker_role")
    assert gold.estimate.to_dict() == {"official": 1.0, "activist": 1.0} and set(gold.correction) == {"none"}


def test_the_interval_resamples_the_evaluation_documents():
    # Two evaluation documents: the official factor, (tp + fn) / (tp + fp), is 1 in the first, 3 in the second.
    quality = _quality(tp=[[0, 1], [0, 1]], fp=[[0, 0], [0, 0]], fn=[[0, 0], [0, 2]])
    pred = speaker_doc("p", [("Ann Lee", "official")])
    out = A.share_of_voice(Corpus([pred], {}), corrected=True, quality=quality, seed=7).iloc[0]
    # Both: (1 + 3) / (1 + 1) = 2. Draws: e0 twice -> 1 and e1 twice -> 3 (a quarter of the time each), else 2.
    assert out.estimate == 2.0 and (out.low, out.high) == (1.0, 3.0)
    again = A.share_of_voice(Corpus([pred], {}), corrected=True, quality=quality, seed=7)
    assert again.equals(A.share_of_voice(Corpus([pred], {}), corrected=True, quality=quality, seed=7))


def test_the_interval_resamples_the_corpus_documents_within_each_group():
    quality = _quality(tp=[[1, 1]], fp=[[0, 0]], fn=[[0, 0]])  # factor 1: only the corpus varies
    a = speaker_doc("a", [("Ann Lee", "official"), ("Bo Kim", "official")], outlet="One")
    b = speaker_doc("b", [("Cy Dee", "activist")], outlet="One")
    c = speaker_doc("c", [("Di Eve", "official")], outlet="Two")
    out = A.share_of_voice(Corpus([a, b, c], {}), by="outlet", corrected=True, quality=quality)
    out = out.set_index(["outlet", "speaker_role"])
    # Outlet One draws two documents of {a, b}: officials 0, 2 or 4; outlet Two always has its one official.
    assert (out.loc[("One", "official"), ["estimate", "low", "high"]].tolist()) == [2.0, 0.0, 4.0]
    assert (out.loc[("Two", "official"), ["estimate", "low", "high"]].tolist()) == [1.0, 1.0, 1.0]


def test_a_class_the_evaluation_never_predicted_takes_the_pooled_factor():
    quality = _quality(tp=[[1]], fp=[[1]], fn=[[3]], classes=("official",))
    out = A.share_of_voice(Corpus([speaker_doc("p", [("Ed Fox", "activist")])], {}), corrected=True, quality=quality)
    assert out.set_index("speaker_role").loc["activist", ["estimate", "correction"]].tolist() == [2.0, "pooled"]


def test_corrected_frames_by_label_and_by_holder():
    quality = {"dimensions": {
        **_quality(tp=[[2, 1]], fp=[[2, 0]], fn=[[0, 1]], classes=("domestic", "interethnic"),
                   dimension="frame")["dimensions"],
        **_quality(tp=[[1]], fp=[[3]], fn=[[0]], classes=("author",), dimension="holder_role")["dimensions"]}}
    frames = [("domestic", "asserts"), ("domestic", "denies"), ("interethnic", "asserts")]
    c = Corpus([speaker_doc("p", [], frames)], {})
    f = A.frames_by(c, corrected=True, quality=quality).set_index("frame")
    assert f.frames.to_dict() == {"domestic": 2, "interethnic": 1}
    assert f.estimate.to_dict() == {"domestic": 1.0, "interethnic": 2.0}  # factors 2/4 and 2/1
    h = A.frame_holders(c, corrected=True, quality=quality)
    assert h[["holder_role", "frames", "estimate"]].values.tolist() == [["author", 3, 0.75]]  # factor 1/4


def test_corrected_refuses_what_it_cannot_correct():
    with pytest.raises(ValueError, match="corrected=True counts per speaker role"):
        A.share_of_voice(level="speaker", corrected=True)
    with pytest.raises(ValueError, match="no dimension 'speaker_role'"):
        A.share_of_voice(_mixed(), corrected=True, quality={"dimensions": {}})
    bad = _quality(tp=[[1, 2]], fp=[[0, 2]], fn=[[1]])
    with pytest.raises(ValueError, match=r"'speaker_role' fn is 1 rows of 1 counts; expected 1 rows .* of 2"):
        A.share_of_voice(_mixed(), corrected=True, quality=bad)
    with pytest.raises(ValueError, match="measured on no document"):
        A.share_of_voice(_mixed(), corrected=True, quality=_quality(tp=[], fp=[], fn=[]))
    with pytest.raises(ValueError, match="resamples"):
        A.share_of_voice(_mixed(), corrected=True, resamples=0)


def test_the_shipped_quality_table_corrects_the_bundled_gold_to_itself():
    out = A.share_of_voice(corrected=True, resamples=50)
    plain = A.share_of_voice()
    assert out.estimate.tolist() == plain.attributions.astype(float).tolist()
    assert set(out.correction) == {"none"}


def test_a_large_corpus_is_resampled_in_blocks():
    # 3,000 documents x 1,000 resamples do not fit one block: the answer is the same as counting.
    rng = np.random.default_rng(0)
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(3000)]})
    records = pd.DataFrame({"doc_id": rng.choice(docs["doc_id"], 9000), "origin": PREDICTED,
                            "speaker_role": rng.choice(["official", "activist"], 9000)})
    out = corrected_counts(records, docs, [], "speaker_role", "speaker_role",
                           quality=_quality(tp=[[1, 2]], fp=[[0, 2]], fn=[[1, 0]]))
    counted = records["speaker_role"].value_counts()
    got = out.set_index("speaker_role")
    assert got.estimate.to_dict() == {"activist": counted["activist"] * 2.0, "official": counted["official"] * 0.5}
    assert (got.low < got.estimate).all() and (got.estimate < got.high).all()


def test_the_interval_is_numpys_percentile_leaving_out_resamples_with_no_factor():
    rng = np.random.default_rng(1)
    x = rng.random((1000, 7, 3))
    x[rng.random(x.shape) < 0.1] = np.nan
    x[:, 0, 0] = np.nan  # a cell with no factor in any resample stays NaN
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        expected = np.nanpercentile(x, [2.5, 97.5], axis=0)
    np.testing.assert_allclose(np.stack(_percentiles(x, 0.95)), expected, equal_nan=True)


@pytest.mark.parametrize("by", [["outlet"], ["doc_id"]])
def test_the_bootstrap_grows_linearly_with_the_documents(by):
    import time

    def cpu(n: int) -> float:
        rng = np.random.default_rng(0)
        docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "outlet": rng.choice(["a", "b", "c"], n)})
        records = pd.DataFrame({"doc_id": rng.choice(docs["doc_id"], 4 * n), "origin": PREDICTED,
                                "speaker_role": rng.choice(["official", "activist"], 4 * n)})
        start = time.process_time()
        corrected_counts(records, docs, by, "speaker_role", "speaker_role", resamples=200,
                         quality=_quality(tp=[[1, 2], [2, 1]], fp=[[0, 2], [1, 0]], fn=[[1, 0], [0, 1]]))
        return time.process_time() - start

    small, large = cpu(2_000), cpu(16_000)
    assert large < 24 * max(small, 0.01)  # 8 times the documents: linear is ~8 times the time, quadratic 64
