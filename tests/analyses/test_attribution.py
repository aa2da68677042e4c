"""Who speaks, how and with which verbs: findings checked by hand against the texts."""

import pandas as pd
import pytest

from corpus_kz.analyses import acts, attribution_types, cues, reporting_verbs, share_of_voice, unsourced_claims
from corpus_kz.lexicons import cue_form, reporting_verbs as lexicon

from .conftest import tiny_corpus


def test_words_quoted_from_officials_in_one_document_counted_by_hand():
    # rferl_2020_kordai_returning, official attributions and their words, counted by hand from the text:
    # Saparbaev "their damaged homes would be rebuilt" 6, "We ask you … help families," 23, "Our experts … must
    # return." 31; Toqaev "he had ordered … disinformation." 16 and the order nested in it 13; the authorities
    # "they believed … suspected murder" 23 and the belief nested in it 10; Turghymbaev "30 homes … region" 18.
    s = share_of_voice(by="doc_id").set_index(["doc_id", "speaker_role"])
    row = s.loc[("rferl_2020_kordai_returning", "official")]
    assert (row.attributions, row.words) == (8, 6 + 23 + 31 + 16 + 13 + 23 + 10 + 18)


def test_share_of_voice_by_role():
    s = share_of_voice().set_index("speaker_role")
    assert s.attributions.to_dict() == {
        "official": 50, "security": 2, "foreign_official": 13, "expert": 22, "activist": 50, "community_leader": 3,
        "journalist": 17, "witness": 2, "other": 2, "protester": 5, "(no source)": 10}
    # Officials and activists are reported as often, but activists get 2.7 times the words (long interview answers).
    assert (s.loc["official", "words"], s.loc["activist", "words"]) == (627, 1663)
    assert s.share_attributions.sum() == pytest.approx(1.0) and s.share_words.sum() == pytest.approx(1.0)


def test_share_of_voice_by_speaker_and_outlet():
    s = share_of_voice(level="speaker", by="outlet")
    zhovtis = s[(s.speaker_id == "zhovtis")]
    assert zhovtis[["outlet", "attributions"]].values.tolist() == [["Al Jazeera (repost)", 30]]  # 29 answers and "Last year, I said"
    for _, group in s.groupby("outlet", observed=True):
        assert group.share_attributions.sum() == pytest.approx(1.0)


def test_body_only_leaves_out_the_interviewer_questions():
    everything, body = share_of_voice(), share_of_voice(body_only=True)
    assert everything.attributions.sum() - body.attributions.sum() == 6  # the six attributions inside questions
    t = attribution_types(body_only=True)
    assert "question" not in set(cues(body_only=True).zone)
    assert t.attributions.sum() == 170


def test_types_and_acts_by_role():
    t = attribution_types().set_index(["speaker_role", "type"])
    assert t.loc[("official", "indirect"), "attributions"] == 32
    assert t.loc[("community_leader", "direct"), "attributions"] == 2  # Vointse and Liurov
    a = acts()
    assert a[a.act == "promise"][["speaker_role", "attributions"]].values.tolist() == [["official", 3]]
    assert set(a[a.act == "demand"].speaker_role) == {"official", "security", "foreign_official", "activist",
                                                       "protester", "(no source)"}


def test_every_gold_cue_is_in_the_lexicon_with_the_gold_act():
    lex = lexicon()
    c = cues()
    with_cue = c[c.cue.notna()]
    assert with_cue.lemma.notna().all() and with_cue.stance.notna().all()
    forms = with_cue.cue.map(cue_form)
    assert (forms.map(lambda f: lex[f]["act"]) == with_cue.act.astype(str)).all()  # §4: the act is read off the cue
    assert c.stance.value_counts().to_dict() == {"neutral": 149, "hedged": 10, "emphatic": 6, "evaluative": 6,
                                                 "distancing": 5, "unlisted": 0}


def test_reporting_verbs_by_role():
    v = reporting_verbs()
    official = v[v.speaker_role == "official"].set_index("lemma").attributions
    assert (official["say"], official["promise"], official["commit"]) == (10, 2, 1)
    assert set(v[v.stance == "distancing"].lemma) == {"allege", "claim"}


def test_stance_markers_and_agentless_reports_on_generated_text():
    text = "Officials said – without providing evidence – that 12 people were detained. Police told us 3 fled."
    c = tiny_corpus(text, quotes=[("12 people were detained", "said", "Officials", "official", "assertion", "indirect"),
                                  ("3 fled", "told", "Police", "security", "assertion", "indirect")])
    assert cues(c).stance.astype(str).tolist() == ["distancing", "neutral"]
    text = "Following reports of clashes, 3 people reportedly fled."
    c = tiny_corpus(text, quotes=[("clashes", "reports", None, None, "assertion", "indirect"),
                                  ("3 people reportedly fled", "reportedly", None, None, "assertion", "indirect")])
    u = unsourced_claims(c)
    assert u[["cue", "lemma", "stance"]].values.tolist() == [["reports", "report", "hedged"],
                                                            ["reportedly", "report", "hedged"]]


def test_unsourced_claims_are_the_agentless_reports():
    u = unsourced_claims()
    assert len(u) == 10 and set(u.stance) == {"hedged", "distancing"}
    assert u[u.doc_id == "rferl_2020_kordai_returning"].cue.tolist() == [
        "reports", "were reported to", "were reported to", "reportedly", "reportedly"]


def test_bad_arguments_are_clear():
    expected = "expected one of doc_id, outlet, event, published, year, month, genre"
    with pytest.raises(ValueError, match=f"cannot group by 'speaker'; {expected}"):
        share_of_voice(by="speaker")
    with pytest.raises(ValueError, match="level 'people'"):
        share_of_voice(level="people")


def test_results_are_tidy_frames_with_ordered_categoricals():
    s = share_of_voice()
    assert isinstance(s, pd.DataFrame) and s.speaker_role.cat.ordered
    assert list(s.speaker_role.cat.categories)[-1] == "(no source)"


def test_a_cue_the_lexicon_lacks_is_counted_as_unlisted():
    text = "Officials grumbled that 12 people were detained."
    c = tiny_corpus(text, quotes=[("12 people were detained", "grumbled", "Officials", "official", "assertion",
                                   "indirect")])
    assert cues(c)[["lemma", "stance"]].astype(str).values.tolist() == [["grumbled", "unlisted"]]
    v = reporting_verbs(c)
    assert v[["speaker_role", "stance", "lemma", "attributions"]].astype(str).values.tolist() == [
        ["official", "unlisted", "grumbled", "1"]]
