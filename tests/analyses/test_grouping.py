"""Every analysis groups by any of the document's metadata columns, and no group loses a record."""

import pandas as pd
import pytest

import corpus_kz
from corpus_kz import Corpus
from corpus_kz import analyses as A
from corpus_kz.analyses.common import GROUPS

from .conftest import tiny_corpus, together

#: Each grouping analysis, with what it counts and how to total it.
COUNTS = {
    "share_of_voice": lambda by: A.share_of_voice(by=by).attributions.sum(),
    "attribution_types": lambda by: A.attribution_types(by=by).attributions.sum(),
    "acts": lambda by: A.acts(by=by).attributions.sum(),
    "reporting_verbs": lambda by: A.reporting_verbs(by=by).attributions.sum(),
    "frame_holders": lambda by: A.frame_holders(by=by).frames.sum(),
    "frames_by": lambda by: A.frames_by(by=by).frames.sum(),
    "domestic_vs_interethnic": lambda by: A.domestic_vs_interethnic(by=by).filter(regex="_(asserts|denies)$")
                                           .to_numpy().sum(),
    "trigger_and_roots": lambda by: A.trigger_and_roots(by=by).domestic_trigger_interethnic_roots.sum(),
    "mention_forms": lambda by: A.mention_forms(by=by).mentions.sum(),
    "cooccurrence": lambda by: A.cooccurrence(scope="quote", by=by).weight.sum(),
    "timeline": lambda by: A.timeline(by=by).mentions.sum(),
    "claims": lambda by: len(A.claims()) if by is None else A.claims(by=by).figures.sum(),
    "discrepancies": lambda by: A.discrepancies(by=by).documents.sum(),
}


@pytest.mark.parametrize("key", GROUPS)
@pytest.mark.parametrize("name", COUNTS)
def test_groups_partition_the_records(name, key):
    # Three of the five bundled documents have no date: grouped by published, year or month they form a group of
    # their own, and every record is still counted once.
    whole = COUNTS[name](None if name != "timeline" else [])
    if name == "discrepancies":  # a discrepancy between documents can fall apart into groups; its documents cannot grow
        assert COUNTS[name](key) <= whole
    else:
        assert COUNTS[name](key) == whole


@pytest.mark.parametrize("name", [*COUNTS, "spelling_variants"])
def test_an_unknown_group_names_what_is_allowed(name):
    with pytest.raises(ValueError, match=r"cannot group by 'source'; expected one of (.*, )?doc_id, outlet, event, "
                                         r"published, year, month, genre"):
        getattr(A, name)(by="source")


def test_a_group_that_is_no_column_name_is_refused_clearly():
    with pytest.raises(ValueError, match=r"by is a column name or a list of them, not True; expected one of doc_id, "):
        A.frames_by(by=True)
    with pytest.raises(ValueError, match=r"cannot group by 3; expected one of doc_id, "):
        A.claims(by=["outlet", 3])


def test_by_year_and_month_of_publication():
    s = A.share_of_voice(by="year")
    # Dated: aljazeera_2020_dungan_repost (2020-02-10, 39 attributions) and the Zhovtis interview (2022-01-22, 46).
    # The other three have no date (40 + 16 + 35).
    assert s.dropna(subset=["year"]).groupby("year").attributions.sum().to_dict() == {2020: 39, 2022: 46}
    assert s[s.year.isna()].attributions.sum() == 91
    m = A.frames_by(by="month")
    assert str(m.month.dtype) == "period[M]"
    assert m[m.month == "2020-02"].frames.sum() == 42  # the Al Jazeera repost's 42 frames
    p = A.mention_forms(by="published")
    assert sorted(p.published.dropna().dt.strftime("%Y-%m-%d").unique()) == ["2020-02-10", "2022-01-22"]


def test_genre_and_outlet_groups():
    t = A.attribution_types(by="genre")
    # The one interview: Zhovtis's 29 answers are direct speech, his "Last year, I said" indirect.
    interview = t[t.genre == "interview"]
    assert interview.attributions.sum() == 46
    assert interview[interview.speaker_role == "activist"].set_index("type").attributions.to_dict() == {
        "direct": 29, "indirect": 1}
    f = A.frames_by(by=["outlet", "event"])
    assert f.groupby(["outlet", "event"], observed=True).share.sum().round(6).eq(1.0).all()


def test_documents_without_a_date_keep_their_records_in_generated_corpora():
    c = together(tiny_corpus("Officials said 12 people were detained.", doc_id="dated", published="2022-01-06",
                             quotes=[("12 people were detained", "said", "Officials", "official", "assertion",
                                      "indirect")]),
                 tiny_corpus("Police said 3 fled.", doc_id="undated",
                             quotes=[("3 fled", "said", "Police", "security", "assertion", "indirect")]))
    s = A.share_of_voice(c, by="month")
    assert s.month.tolist()[0] == pd.Period("2022-01") and pd.isna(s.month.tolist()[1])
    assert s[["speaker_role", "attributions"]].astype(str).values.tolist() == [["official", "1"], ["security", "1"]]
    assert s.share_attributions.tolist() == [1.0, 1.0]


class _CarryingViews(Corpus):
    """A corpus whose views carry the document's metadata already, as the store's views will."""

    def figures(self):
        f = super().figures()
        return f.assign(outlet="from the view", published=pd.Timestamp("1999-12-31"), genre="report",
                        doc_event=f["event"])


def test_metadata_a_view_carries_is_kept():
    plain = corpus_kz.load()
    carrying = _CarryingViews(list(plain), plain.registry)
    c = A.claims(carrying, events_only=False)
    assert set(c.outlet) == {"from the view"} and not any(col.endswith(("_x", "_y")) for col in c.columns)
    assert (c.published == pd.Timestamp("1999-12-31")).all()
    assert len(c) == len(A.claims(plain, events_only=False))
