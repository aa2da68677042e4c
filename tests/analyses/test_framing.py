"""Who frames the events how: findings checked by hand against the texts."""

from corpus_kz.analyses import domestic_vs_interethnic, frame_holders, frames_by, frames_in_quotes, trigger_and_roots

from .conftest import tiny_corpus


def test_which_roles_assert_and_which_deny_the_interethnic_frame():
    d = domestic_vs_interethnic().set_index("holder_role")
    asserting = set(d.index[d.interethnic_asserts > 0])
    denying = set(d.index[d.interethnic_denies > 0])
    # Denial: only "The authorities of the country deny any interethnic grounds of the conflict" (CABAR).
    assert denying == {"official"}
    # Officials assert it once: Tokayev's "anyone who incites hatred among ethnic groups" (Al Jazeera).
    assert d.loc["official", "interethnic_asserts"] == 1
    # and the agentless "following reports of interethnic clashes" (RFE/RL) holds it too
    assert asserting == {"official", "foreign_official", "expert", "activist", "journalist", "author", "(no source)"}
    # Witnesses only ever give the domestic frame ("as locals told him": the clashes started with a domestic conflict);
    # officials assert it nine times to one, experts the interethnic frame fifteen times to three.
    assert d.loc[["witness", "official", "expert"], "leaning"].tolist() == ["domestic", "domestic", "interethnic"]


def test_who_says_the_trigger_was_domestic_and_the_roots_interethnic():
    t = trigger_and_roots()
    both = t[t.domestic_trigger_interethnic_roots]
    assert both[["holder", "holder_role"]].values.tolist() == [
        ["Azamat Yergali", "journalist"],  # "a small fight" / "a long-felt conflict"
        ["Kanat Sultanaliev", "expert"],   # "The conflict arose from nothing" / "the riots have deeper roots"
    ]
    officials = t[t.holder_role == "official"]
    assert set(officials.trigger.dropna()) == {"domestic"} and officials.root_cause.isna().all()


def test_frame_holders_carry_stance_and_aspect():
    f = frame_holders()
    harmony = f[f.frame == "harmony"].groupby("stance", observed=True).frames.sum().to_dict()
    assert harmony == {"asserts": 9, "denies": 4}
    assert f.frames.sum() == 147


def test_frames_per_event():
    f = frames_by(by="event")
    top = f[f.stance == "asserts"].sort_values("frames").groupby("event", observed=True).frame.last().astype(str)
    assert top.to_dict() == {"zhanaozen_2011": "socioeconomic", "kordai_2020": "interethnic",
                             "qantar_2022": "socioeconomic"}


def test_frames_inside_quotes_name_the_speaker():
    f = frames_in_quotes()
    row = f[f.frame_text == "long-felt conflict"]
    assert row[["speaker", "frame", "aspect", "holder_id"]].values.tolist() == [
        ["Azamat Yergali", "interethnic", "root_cause", "yergali"]]
    # Taizhan reports the authorities' frame inside his own quote: both holders, one enclosing quote each.
    taizhan = f[(f.frame_text == "domestic conflicts") & (f.speaker == "Mukhtar Taizhan")]
    assert set(zip(taizhan.holder_id, taizhan.stance)) == {("kz_authorities", "asserts"), ("taizhan", "denies")}


def test_a_reported_frame_counts_for_both_holders_on_generated_text():
    text = "Critics said the authorities call it a domestic quarrel."
    c = tiny_corpus(text, quotes=[("the authorities call it a domestic quarrel", "said", "Critics", "activist",
                                   "assertion", "indirect")],
                    frames=[("a domestic quarrel", "domestic", "a1", "denies", None),
                            ("a domestic quarrel", "domestic", "author", "asserts", "trigger")])
    d = domestic_vs_interethnic(c).set_index("holder_role")
    assert (d.loc["activist", "domestic_denies"], d.loc["author", "domestic_asserts"]) == (1, 1)
    assert trigger_and_roots(c).holder.tolist() == ["author"]


def test_trigger_and_roots_per_outlet():
    t = trigger_and_roots(by="outlet")
    both = t[t.domestic_trigger_interethnic_roots]
    assert both[["outlet", "holder"]].values.tolist() == [
        ["Al Jazeera (machine-translated repost)", "Kanat Sultanaliev"], ["CABAR.asia", "Azamat Yergali"]]
