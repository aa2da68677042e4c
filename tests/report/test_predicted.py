"""The report of a predicted corpus says so at the top and shows the counts corrected for the pre-annotator's error."""

import pytest

from corpus_kz import Corpus
from corpus_kz.report.build import provenance, sections, write_report

from ..helpers import predicted_corpus


@pytest.fixture(scope="module")
def predicted() -> Corpus:
    return predicted_corpus()


def test_the_report_says_what_share_is_predicted_per_layer(predicted):
    p = provenance(predicted).set_index("layer")
    assert (p.loc[["attributions", "frames"], "gold"] == 0).all()
    assert (p.loc[["attributions", "frames"], "share_predicted"] == 1.0).all()
    first = sections(predicted)[0]
    assert first.notes[0].startswith("100% of this corpus's records are predicted by the pre-annotator")
    assert dict(first.tables)["Gold and predicted records, per layer"].equals(provenance(predicted))


def test_a_mostly_predicted_corpus_gets_corrected_counts_with_intervals(predicted, tmp_path):
    parts = {s.title: s for s in sections(predicted)}
    voices = dict(parts["Whose voices are reported"].tables)
    corrected = voices["Attributions by speaker role, corrected for the pre-annotator's error (95% interval)"]
    assert {"estimate", "low", "high"} <= set(corrected.columns) and (corrected.low <= corrected.estimate).all()
    assert (corrected.estimate <= corrected.high).all() and (corrected.share_predicted == 1).all()
    assert (voices["Share of voice by speaker role"].share_predicted == 1).all()
    frames = dict(parts["Who frames the events how"].tables)
    assert "Frames by label, corrected for the pre-annotator's error (95% interval)" in frames
    assert "Frames by holder role, corrected for the pre-annotator's error (95% interval)" in frames
    out = write_report(tmp_path / "report", predicted, progress=False)
    md = out["markdown"].read_text(encoding="utf-8")
    assert md.startswith("# corpus_kz report: 3 documents, 100% of the records predicted, not annotated by hand\n")
    assert "(figures/share_of_voice_corrected.png)" in md and "(figures/frames_corrected.png)" in md
    assert (out["figures"] / "share_of_voice_corrected.png").stat().st_size > 0
    assert "100% of the records predicted" in out["html"].read_text(encoding="utf-8").split("</h1>")[0]


def test_the_gold_report_has_no_predicted_columns_or_corrections():
    parts = sections()
    assert parts[0].notes[0] == ("Every record of this corpus is gold: annotated by hand (no prediction of "
                                 "corpus_kz.annotate).")
    assert not any("share_predicted" in df.columns for s in parts for _, df in s.tables)
    assert not any("corrected" in caption for s in parts for caption, _ in s.tables)
