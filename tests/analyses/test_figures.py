"""Which numbers each source claims, and where they disagree: checked by hand against the texts."""

import math

import pandas as pd

from corpus_kz import Corpus
from corpus_kz.analyses import claims, discrepancies

from .conftest import tiny_corpus


def test_the_conflicting_participant_counts():
    d = discrepancies().set_index(["event", "quantity", "unit"])
    kordai = d.loc[("kordai_2020", "participants", "people")]
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
