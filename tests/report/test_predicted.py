"""The report of a predicted corpus says so at the top and shows the counts corrected for the pre-annotator's error."""

import hashlib

import pytest

from corpus_kz import Corpus, Document
from corpus_kz.annotate import annotate_corpus
from corpus_kz.report.build import provenance, sections, write_report

# Written for this test: invented people, events told in our own words.
TEXTS = {
    "steppe_1": ("Gas price protests reach the coast\n\n"
                 "The Interior Ministry said 120 people had been detained in Aktau on Tuesday. \"Order has been "
                 "restored in the city,\" President Kassym-Jomart Tokayev said in a televised address.\n\n"
                 "Activist Dana Serikova told reporters that the police had beaten peaceful demonstrators. \"We only "
                 "asked for fair prices,\" she said. She said the anger came from poverty and unemployment.\n"),
    "steppe_2": ("Officials blame provocateurs\n\n"
                 "\"These were organised bandits trained abroad,\" the prosecutor general said on Wednesday. A local "
                 "teacher, Arman Bekov, said the unrest had nothing to do with ethnicity. The government said the "
                 "riots were a provocation by foreign forces.\n"),
    "steppe_3": ("Villagers count their losses\n\n"
                 "Residents said at least 30 homes had burned. \"We lost everything in one night,\" a farmer said. "
                 "Officials said the clashes were caused by economic hardship, and promised to rebuild the houses.\n"),
}


@pytest.fixture(scope="module")
def predicted() -> Corpus:
    docs = [Document(k, t, f"{k}.txt", "Steppe Daily", None, None, "qantar_2022", "report", "en",
                     hashlib.sha256(t.encode()).hexdigest()) for k, t in TEXTS.items()]
    return annotate_corpus(Corpus(docs), progress=False)


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
