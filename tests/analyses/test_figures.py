"""Which numbers each source claims, and where they disagree: checked by hand against the texts."""

import math

import pandas as pd
import pytest

from corpus_kz import Corpus
from corpus_kz.analyses import claims, discrepancies

from .conftest import tiny_corpus, together

KEY = ["event", "quantity", "unit"]


def test_the_conflicting_participant_counts():
    d = discrepancies().set_index(["event", "quantity", "unit"])
    kordai = d.loc[("kordai_2020", "participants", "people")]
    assert (kordai.scope, kordai.documents) == ("between", 2) and pd.isna(kordai.within)
    # CABAR: "According to the interior ministry of Kazakhstan, about 400 people took place in the clashes";
    # RFE/RL: "authorities said they believed around 300 people had taken part in the mob violence".
    assert (kordai.low, kordai.high) == (300.0, 400.0)
    assert "400 (about, “about 400 people”) – Ministry of Internal Affairs of Kazakhstan, CABAR.asia" in kordai.claims


def test_property_damage_and_border_crossings_disagree_across_outlets():
    d = discrepancies().set_index(["event", "quantity", "unit"])
    # CABAR (interior ministry): 25 private houses, 31 retail outlets, 41 vehicles;
    # RFE/RL (Interior Minister Turghymbaev): 30 homes, 15 shops, 20 cars.
    assert d.loc[("kordai_2020", "property_damaged", "houses"), ["low", "high"]].tolist() == [25.0, 30.0]
    assert d.loc[("kordai_2020", "property_damaged", "shops"), ["low", "high"]].tolist() == [15.0, 31.0]
    assert d.loc[("kordai_2020", "property_damaged", "vehicles"), ["low", "high"]].tolist() == [20.0, 41.0]
    # Crossings into Kyrgyzstan: four thousand (CABAR, the border post) against approximately 4,500 (RFE/RL).
    assert d.loc[("kordai_2020", "displaced", "people"), ["low", "high"]].tolist() == [4000.0, 4500.0]


def test_the_zhanaozen_death_toll_given_years_apart():
    d = discrepancies().set_index(["event", "quantity", "unit"])
    toll = d.loc[("zhanaozen_2011", "deaths", "people")]
    # RFE/RL, December 2011: "at least 13 people dead"; Zhovtis, January 2022: "the deaths of at least 15 people".
    assert (toll.low, toll.high, toll.documents) == (13.0, 15.0, 2)
    c = claims()
    zero = c[(c.event == "zhanaozen_2011") & (c.value == 0)]
    assert zero[["text", "quantity", "source"]].values.tolist() == [["no police officers", "deaths", "Yevgeniy Zhovtis"]]


def test_claims_name_the_source_role_and_outlet():
    c = claims()
    assert len(c) == 57 and c.event.notna().all()
    assert len(claims(events_only=False)) == 72
    agentless = c[c.source == "(no source)"]
    assert set(agentless.source_role.astype(str)) == {"(no source)"} and len(agentless) == 4
    assert set(c[c.source == "author"].source_role.astype(str)) == {"author"}


def test_discrepancies_on_generated_documents():
    one = tiny_corpus("Police said 12 people died.", doc_id="one",
                      quotes=[("12 people died", "said", "Police", "security", "assertion", "indirect")],
                      figures=[("12 people", "12", 12.0, "exact", "deaths", "a1")])
    two = tiny_corpus("At least 20 people died, 3 of them police.", doc_id="two",
                      figures=[("At least 20 people", "20", 20.0, "at_least", "deaths", "author"),
                               ("3 of them", "3", 3.0, "exact", "deaths", "author")])
    d = discrepancies(Corpus([*one, *two], {}))
    # The part (3 police) does not count against the whole: each document's largest value is compared.
    assert d[["quantity", "low", "high", "documents"]].values.tolist() == [["deaths", 12.0, 20.0, 2]]
    assert math.isclose(d.ratio.item(), 20 / 12)
    assert isinstance(d, pd.DataFrame)


def test_two_sources_in_one_document_differ():
    # rferl_2011_zhanaozen_unrest: "RFE/RL's correspondent estimated that some 2,000 people were gathered again in
    # Aqtau on December 19" and "Kazakh prosecutors said some 300 people blocked railway traffic in the village of
    # Shetpe". Two gatherings, so different things, not a disagreement; but two sources in one text, with the
    # Zhovtis interview's "1,000 oil workers" beside them: both scopes.
    d = discrepancies().set_index(KEY)
    z = d.loc[("zhanaozen_2011", "participants", "people")]
    assert (z.scope, z.documents, z.low, z.high, z.within) == ("both", 2, 300.0, 2000.0, "rferl_2011_zhanaozen_unrest")
    assert z.claims == ("300 (about, “some 300 people”) – Kazakh prosecutors, RFE/RL; "
                        "1000 (exact, “1,000 oil workers”) – Yevgeniy Zhovtis, Al Jazeera (repost); "
                        "2000 (about, “some 2,000 people”) – Kazis Toguzbaev, RFE/RL")
    # rferl_2020_kordai_returning: "Thirty-four Kazakhs were accepted into Kyrgyz hospitals" (the author) and
    # "Another 39 were reported to be still hospitalized in Kazakhstan" (an agentless report): the patients of two
    # countries' hospitals. Its "13 still receiving treatment" and "eight hospitalized Kazakhs" are the author's
    # parts of the 34, and CABAR's 30 and eight from Aktaeva one source's: neither counts as a second source.
    h = d.loc[("kordai_2020", "hospitalized", "people")]
    assert (h.scope, h.low, h.high, h.within) == ("both", 30.0, 39.0, "rferl_2020_kordai_returning")
    assert h.claims == ("30 (exact, “30 persons”) – Lyazzat Aktayeva, CABAR.asia; "
                        "34 (exact, “Thirty-four Kazakhs”) – author, RFE/RL; "
                        "39 (exact, “39”) – (no source), RFE/RL")
    # Two sources that agree are no discrepancy: CABAR's "10 people" (the author) and "According to official data,
    # 10 persons died", with 10 in both other texts.
    assert ("kordai_2020", "deaths", "people") not in d.index
    assert set(d.scope.astype(str)) == {"between", "both"}


def test_within_documents_only_per_document():
    d = discrepancies(by="doc_id")
    assert d[["doc_id", "quantity", "scope", "low", "high"]].astype(str).values.tolist() == [
        ["rferl_2011_zhanaozen_unrest", "participants", "within", "300.0", "2000.0"],
        ["rferl_2020_kordai_returning", "hospitalized", "within", "34.0", "39.0"]]
    assert (d.documents == 1).all() and (d.within == d.doc_id).all()


ACTIVISTS_AND_POLICE = "Activists said 2,000 people marched. Police told reporters that 600 people marched."


def _marched(doc_id="one", outlet="Gen News", police=600.0, published=None):
    text = ACTIVISTS_AND_POLICE.replace("600", f"{police:g}")
    return tiny_corpus(text, doc_id=doc_id, outlet=outlet, published=published,
                       quotes=[("2,000 people marched", "said", "Activists", "activist", "assertion", "indirect"),
                               (f"{police:g} people marched", "told", "Police", "security", "assertion", "indirect")],
                       figures=[("2,000 people", "2,000", 2000.0, "exact", "participants", "a1"),
                                (f"{police:g} people", f"{police:g}", police, "exact", "participants", "a2")])


def test_activists_against_police_in_one_generated_text():
    d = discrepancies(_marched())
    assert d[["quantity", "scope", "documents", "low", "high", "within"]].values.tolist() == [
        ["participants", "within", 1, 600.0, 2000.0, "one"]]
    assert d.claims.item() == ("600 (exact, “600 people”) – Police, Gen News; "
                               "2000 (exact, “2,000 people”) – Activists, Gen News")
    assert d.ratio.item() == pytest.approx(2000 / 600)


def test_a_part_from_the_same_source_and_sources_that_agree_are_no_discrepancy():
    part = tiny_corpus("Police said 600 people marched, 20 of them students.",
                       quotes=[("600 people marched, 20 of them students", "said", "Police", "security", "assertion",
                                "indirect")],
                       figures=[("600 people", "600", 600.0, "exact", "participants", "a1"),
                                ("20 of them", "20", 20.0, "exact", "participants", "a1")])
    assert discrepancies(part).empty
    assert discrepancies(_marched(police=2000.0)).empty


def test_between_within_and_both_on_generated_documents():
    one = _marched("one")                                  # 2,000 against 600 inside
    two = tiny_corpus("About 2,000 people marched.", doc_id="two",
                      figures=[("About 2,000 people", "2,000", 2000.0, "about", "participants", "author")])
    three = tiny_corpus("Some 900 people marched.", doc_id="three",
                        figures=[("Some 900 people", "900", 900.0, "about", "participants", "author")])
    assert discrepancies(together(one, two)).scope.astype(str).tolist() == ["within"]  # both documents' largest: 2,000
    both = discrepancies(together(one, two, three))
    assert both[["scope", "documents", "low", "high", "within"]].values.tolist() == [["both", 3, 600.0, 2000.0, "one"]]
    assert discrepancies(together(two, three)).scope.astype(str).tolist() == ["between"]


def test_a_claim_made_in_several_documents_is_listed_once():
    d = discrepancies(together(_marched("one"), _marched("two"), _marched("three", police=700.0)))
    assert d.scope.astype(str).tolist() == ["within"] and d.within.item() == "one; three; two"
    assert d.claims.item() == ("600 (exact, “600 people”) – Police, Gen News (2 documents); "
                               "700 (exact, “700 people”) – Police, Gen News; "
                               "2000 (exact, “2,000 people”) – Activists, Gen News (3 documents)")


def test_discrepancies_per_outlet_and_year():
    c = together(_marched("one", outlet="A", published="2021-05-01"),
                 tiny_corpus("Some 900 people marched.", doc_id="two", outlet="B", published="2022-01-05",
                             figures=[("Some 900 people", "900", 900.0, "about", "participants", "author")]))
    assert discrepancies(c).scope.astype(str).tolist() == ["both"]
    per_outlet = discrepancies(c, by="outlet")
    assert per_outlet[["outlet", "scope", "documents"]].values.tolist() == [["A", "within", 1]]
    per_year = discrepancies(c, by="year")
    assert per_year[["year", "scope"]].astype(str).values.tolist() == [["2021", "within"]]


def test_claims_per_group_count_documents():
    c = claims(by="outlet")
    # Ten died at Kordai, in the author's voice in each outlet: "At least 10 people" (Al Jazeera), "10 people"
    # (CABAR, RFE/RL).
    ten = c[(c.event == "kordai_2020") & (c.quantity == "deaths") & (c.source == "author")]
    assert ten[["outlet", "value", "qualifier", "figures", "documents", "text"]].values.tolist() == [
        ["Al Jazeera (machine-translated repost)", 10.0, "at_least", 1, 1, "At least 10 people"],
        ["CABAR.asia", 10.0, "exact", 1, 1, "10 people"], ["RFE/RL", 10.0, "exact", 1, 1, "10 people"]]
    assert c.figures.sum() == len(claims())
    with pytest.raises(ValueError, match="expected one of doc_id, outlet, event, published, year, month, genre, "
                                         "doc_event"):
        claims(by="source")
