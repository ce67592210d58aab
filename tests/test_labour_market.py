"""LabourMarket on the sample and on small hand-made tables: mapping, fallback, provenance."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from transitions import (
    DataFormatError,
    DataQualityWarning,
    InvalidParameterError,
    LabourMarket,
    Taxonomy,
)
from transitions.datasets.sample import SAMPLE_SOURCE, sample_path
from transitions.labour import Crosswalks, classify_trend
from transitions.labour.market import CORE_MEASURES
from transitions.labour.schema import MEASURES

REQUIRED = [
    "wage_median", "wage_p25", "wage_p75", "wage_currency", "wage_year", "wage_source",
    "wage_level", "employment", "employment_source", "employment_level", "trend", "trend_pct",
    "trend_source", "trend_level", "forecast_pct", "forecast_source", "forecast_level", "rti",
    "rti_source", "rti_level", "automation_probability", "automation_probability_source",
    "automation_probability_level", "ai_exposure", "ai_exposure_source", "ai_exposure_level",
    "aioe", "aioe_source", "aioe_level",
]


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return fn(*args, **kwargs)


@pytest.fixture(scope="module")
def sample_market():
    return LabourMarket.from_sample()


def test_sample_table_joins_directly(sample, sample_market):
    with pytest.warns(DataQualityWarning, match=r"no table for \['aioe'\]"):
        t = sample_market.for_taxonomy(sample)
    assert list(t.index) == list(sample.occupations.index)
    assert all(c in t.columns for c in REQUIRED)
    raw = pd.read_csv(sample_path("labour_market.csv")).set_index("occupation_id")
    assert t["wage_median"].to_dict() == pytest.approx(raw["wage_median"].to_dict())
    assert t["forecast_pct"].to_dict() == pytest.approx(raw["expansion_demand_pct_2030"].to_dict())
    assert (t["wage_level"] == "occupation").all()
    assert (t["wage_source"] == SAMPLE_SOURCE).all()
    assert (t["aioe_level"] == "none").all() and t["aioe"].isna().all()


def test_every_number_has_source_and_level(sample, sample_market):
    t = quiet(sample_market.for_taxonomy, sample)
    for spec in MEASURES.values():
        if spec.primary not in t:
            continue
        known = t[spec.primary].notna()
        assert t.loc[known, spec.source].notna().all(), spec.name
        assert (t.loc[known, spec.level] != "none").all(), spec.name
        assert (t.loc[~known, spec.level] == "none").all(), spec.name


def test_sample_trends_follow_the_numbers(sample, sample_market):
    t = quiet(sample_market.for_taxonomy, sample)
    assert t.loc["occ-cashier", "trend"] == "shrinking"
    assert t.loc["occ-software-developer", "trend"] == "growing"
    per_year = t["forecast_pct"] / 6
    assert np.allclose(t["forecast_pct_per_year"], per_year)


def test_coverage_counts_levels(sample, sample_market):
    cov = sample_market.coverage(sample)
    wage = cov[cov["measure"] == "wage"].set_index("level")
    assert wage.loc["occupation", "n"] == len(sample.occupations)
    assert wage.loc["any", "share"] == 1.0
    assert cov.loc[(cov["measure"] == "aioe") & (cov["level"] == "none"), "share"].item() == 1.0
    # Per measure the level rows (without 'any') add up to all occupations.
    levels = cov[cov["level"] != "any"].groupby("measure")["n"].sum()
    assert (levels == len(sample.occupations)).all()


def test_workforce_on_sample(sample, sample_market):
    w = sample_market.workforce(sample)
    raw = pd.read_csv(sample_path("labour_market.csv")).set_index("occupation_id")
    assert w["workers"].to_dict() == pytest.approx(raw["employment"].to_dict())
    assert w.attrs["assigned_workers"] == pytest.approx(raw["employment"].sum())


def test_from_tables_replaces_one_measure(sample, sample_market):
    regional = pd.DataFrame({"code_system": "occupation", "code": ["occ-bookkeeper"],
                             "wage_median": [26.5], "wage_currency": "EUR",
                             "source": "Gemeente X 2024"})
    lm = LabourMarket.from_tables(wage=regional, base=sample_market)
    t = quiet(lm.for_taxonomy, sample)
    assert t.loc["occ-bookkeeper", "wage_source"] == "Gemeente X 2024"
    assert (t.drop(index="occ-bookkeeper")["wage_level"] == "none").all()
    # Other measures are kept from the base market.
    assert t.loc["occ-bookkeeper", "rti_source"] == SAMPLE_SOURCE
    assert set(lm.provenance["measure"]) == set(sample_market.provenance["measure"])
    assert lm.provenance.set_index("measure").loc["wage", "source"] == "Gemeente X 2024"


def test_from_tables_rejects_bad_input(sample_market):
    with pytest.raises(InvalidParameterError, match="unknown table keyword"):
        LabourMarket.from_tables(wages=pd.DataFrame())
    wide = pd.DataFrame({"occupation_id": ["a"], "wage_median": [10.0], "colour": ["red"],
                         "source": ["x"]})
    with pytest.raises(DataFormatError, match=r"unknown column\(s\) \['colour'\]"):
        LabourMarket.from_tables(occupations=wide)
    with pytest.raises(DataFormatError, match="not a number"):
        LabourMarket.from_tables(occupations=pd.DataFrame(
            {"occupation_id": ["a"], "wage_median": ["ten"], "source": ["x"]}))
    with pytest.raises(InvalidParameterError, match="country"):
        LabourMarket(country="BE")


# ---------------------------------------------------------------------------- fallback
def tiny_taxonomy(occupations):
    occ = pd.DataFrame(occupations).set_index("id")
    occ["label_en"] = occ.index
    occ["label_nl"] = occ.index
    skills = pd.DataFrame({"label_en": ["s"], "label_nl": ["s"], "digital": [False],
                           "digcomp": [None]}, index=["s"])
    rel = pd.DataFrame({"occupation_id": occ.index, "skill_id": "s", "relation": "essential",
                        "weight": 1.0})
    return Taxonomy(occ, skills, rel, name="tiny")


@pytest.fixture
def tiny_market():
    wage = pd.DataFrame({
        "code_system": "BRC 2014", "code": ["0431", "0432", "043", "04", "Totaal"],
        "wage_median": [20.0, np.nan, 21.0, 24.0, 22.0], "wage_currency": "EUR",
        "source": "fixture wages"})
    rti = pd.DataFrame({"code_system": "ISCO-08", "code": ["4110", "413", "41", "4"],
                        "rti": [1.5, 1.2, 1.0, 0.8], "source": "fixture rti"})
    fo = pd.DataFrame({"code_system": "SOC 2010",
                       "code": ["43-9061", "43-9022", "43-9020", "43-3031"],
                       "automation_probability": [0.96, 0.99, 0.97, 0.98], "source": "fixture fo"})
    cw = Crosswalks(
        isco_brc=pd.DataFrame({"isco": ["4110", "4132", "4120", "4311"],
                               "brc": ["0431", "0432", "0432", "0434"]}),
        isco_soc2010=pd.DataFrame({"isco": ["4110", "4110", "4132"],
                                   "soc2010": ["43-9061", "43-9022", "43-9021"],
                                   "partial": [False, True, False]}),
        soc2010_soc2018=pd.DataFrame({"soc2010": ["43-9061", "43-9022", "43-9021"],
                                      "soc2018": ["43-9061", "43-9022", "43-9021"]}),
    )
    return LabourMarket({"wage": wage, "rti": rti, "automation_probability": fo},
                        crosswalks=cw, country="NL")


@pytest.fixture
def tiny_tax():
    return tiny_taxonomy({"id": ["clerk", "typist", "secretary", "accounts", "nocode", "soldier"],
                          "isco_code": ["4110", "4132", "4120", "4311", None, "0110"]})


def test_hierarchical_fallback_reports_levels(tiny_market, tiny_tax):
    with pytest.warns(DataQualityWarning) as rec:
        t = tiny_market.for_taxonomy(tiny_tax)
    assert t.loc["clerk", ["wage_median", "wage_level"]].tolist() == [20.0, "BRC group"]
    # 0432 is suppressed (blank): the segment 043 is used, never a zero.
    assert t.loc["typist", ["wage_median", "wage_level"]].tolist() == [21.0, "BRC segment"]
    assert t.loc["secretary", "wage_level"] == "BRC segment"
    # 0434 has no row: segment 043.
    assert t.loc["accounts", ["wage_median", "wage_level"]].tolist() == [21.0, "BRC segment"]
    assert t.loc["clerk", "wage_via"] == "ISCO-08->BRC 2014"
    assert t.loc["clerk", ["rti", "rti_level"]].tolist() == [1.5, "ISCO 4-digit"]
    assert t.loc["typist", ["rti", "rti_level"]].tolist() == [1.2, "ISCO 3-digit"]
    assert t.loc["secretary", ["rti", "rti_level"]].tolist() == [1.0, "ISCO 2-digit"]
    assert t.loc["accounts", ["rti", "rti_level"]].tolist() == [0.8, "ISCO 1-digit"]
    assert t.loc["nocode", "wage_level"] == "none" and np.isnan(t.loc["nocode", "wage_median"])
    messages = " ".join(str(w.message) for w in rec)
    assert "2 of 6 occupation(s) of 'tiny' have no wage" in messages
    assert "have no rti" in messages


def test_many_to_many_values_are_averaged(tiny_market, tiny_tax):
    t = quiet(tiny_market.for_taxonomy, tiny_tax)
    assert t.loc["clerk", "automation_probability"] == pytest.approx((0.96 + 0.99) / 2)
    assert t.loc["clerk", "automation_probability_via"] == "ISCO-08->SOC 2010, mean of 2 codes"
    # 4132 -> 43-9021 has no value: its broad group 43-9020 has one.
    assert t.loc["typist", ["automation_probability", "automation_probability_level"]].tolist() \
        == [0.97, "SOC broad"]


def test_fallback_to_total_is_opt_in(tiny_market, tiny_tax):
    soldier = tiny_taxonomy({"id": ["soldier"], "brc_code": ["0634"]})
    t = quiet(tiny_market.for_taxonomy, soldier)
    assert t.loc["soldier", "wage_level"] == "none"
    t = quiet(tiny_market.for_taxonomy, soldier, fallback_to_total=True)
    assert t.loc["soldier", ["wage_median", "wage_level"]].tolist() == [22.0, "all occupations"]


def test_workforce_splits_groups_evenly(tiny_tax):
    emp = pd.DataFrame({"code_system": "BRC 2014", "code": ["0431", "0432", "0434", "0511", "043"],
                        "employment": [900.0, 300.0, 600.0, 50.0, 1800.0], "source": "jobs"})
    cw = Crosswalks(isco_brc=pd.DataFrame({"isco": ["4110", "4132", "4120", "4311"],
                                           "brc": ["0431", "0432", "0432", "0434"]}))
    lm = LabourMarket({"employment": emp}, crosswalks=cw)
    w = lm.workforce(tiny_tax)
    assert w.loc["clerk", "workers"] == 900
    assert w.loc["typist", "workers"] == w.loc["secretary", "workers"] == 150
    assert w.loc["typist", "workers_sharing"] == 2
    assert w.loc["nocode", "workers_level"] == "none"
    # The segment row 043 is not a leaf (it would count its groups twice).
    assert w.attrs["total_workers"] == 900 + 300 + 600 + 50
    assert w.attrs["assigned_workers"] == 900 + 300 + 600
    assert w["workers"].sum() == pytest.approx(w.attrs["assigned_workers"])


def test_taxonomy_codes_win_over_crosswalks(tiny_market):
    tax = tiny_taxonomy({"id": ["a"], "isco_code": ["4110"], "brc_code": ["043"]})
    t = quiet(tiny_market.for_taxonomy, tax)
    assert t.loc["a", ["wage_median", "wage_level"]].tolist() == [21.0, "BRC segment"]
    assert pd.isna(t.loc["a", "wage_via"])


def test_for_taxonomy_rejects_non_taxonomy(tiny_market):
    with pytest.raises(InvalidParameterError, match="Taxonomy"):
        tiny_market.for_taxonomy(pd.DataFrame())


def test_missing_core_tables_still_give_columns(tiny_market, tiny_tax):
    with pytest.warns(DataQualityWarning, match="no table for"):
        t = tiny_market.for_taxonomy(tiny_tax)
    for measure in set(CORE_MEASURES) - set(tiny_market.tables):
        assert (t[f"{measure}_level"] == "none").all()


# ---------------------------------------------------------------------------- trend
def test_classify_trend_rules():
    f = pd.Series([-6.0, 6.0, 0.0, 6.0, np.nan, np.nan])
    o = pd.Series([np.nan, np.nan, -1.5, -1.5, 0.2, np.nan])
    t = classify_trend(f, 6, o)
    assert t["trend"].tolist()[:5] == ["shrinking", "growing", "shrinking", "stable", "stable"]
    assert pd.isna(t["trend"].iloc[5]) and t["trend_basis"].iloc[5] == "none"
    assert t["trend_basis"].iloc[3] == "forecast and observed conflict"
    with pytest.raises(InvalidParameterError, match="forecast_threshold"):
        classify_trend(f, 6, o, forecast_threshold=-1)


@settings(max_examples=200, deadline=None)
@given(st.floats(-30, 30), st.floats(-10, 10), st.floats(0.05, 2), st.floats(0.1, 3))
def test_classify_trend_is_monotone(forecast, observed, ft, ot):
    """Lowering either change never makes the label more optimistic."""
    rank = {"shrinking": 0, "stable": 1, "growing": 2}
    base = classify_trend(pd.Series([forecast]), 6, pd.Series([observed]),
                          forecast_threshold=ft, observed_threshold=ot)["trend"].iloc[0]
    lower = classify_trend(pd.Series([forecast - 12]), 6, pd.Series([observed]),
                           forecast_threshold=ft, observed_threshold=ot)["trend"].iloc[0]
    assert rank[lower] <= rank[base]


def test_unknown_codes_and_ids_in_users_tables_are_counted(tiny_market, tiny_tax):
    wage = pd.DataFrame({"code_system": "BRC 2014", "code": ["0431", "0999"],
                         "wage_median": [20.0, 30.0], "wage_currency": "EUR", "source": "mine"})
    with pytest.warns(DataQualityWarning, match=r"1 BRC 2014 code\(s\) unknown.*0999"):
        LabourMarket.from_tables(wage=wage, base=tiny_market)
    rti = pd.DataFrame({"code_system": "occupation", "code": ["clerk", "clrek"], "rti": [1.0, 2.0],
                        "source": "mine"})
    lm = LabourMarket.from_tables(rti=rti, base=tiny_market)
    with pytest.warns(DataQualityWarning, match=r"rti table: 1 of 2 occupation id.*clrek"):
        lm.for_taxonomy(tiny_tax)


def test_esco_style_codes_reach_their_unit_group(tiny_market):
    tax = tiny_taxonomy({"id": ["a"], "isco_code": ["4110.3"]})
    t = quiet(tiny_market.for_taxonomy, tax)
    assert t.loc["a", ["rti", "rti_level"]].tolist() == [1.5, "ISCO 4-digit"]


isco_codes = st.from_regex(r"[1-9]\d{0,3}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(table_codes=st.dictionaries(isco_codes, st.floats(-3, 3), min_size=1, max_size=25),
       occ_codes=st.lists(st.from_regex(r"[1-9]\d{3}", fullmatch=True), min_size=1, max_size=15))
def test_fallback_takes_the_finest_published_prefix(table_codes, occ_codes):
    rti = pd.DataFrame({"code_system": "ISCO-08", "code": list(table_codes),
                        "rti": list(table_codes.values()), "source": "hypothesis"})
    tax = tiny_taxonomy({"id": [f"o{i}" for i in range(len(occ_codes))], "isco_code": occ_codes})
    t = quiet(LabourMarket({"rti": rti}).for_taxonomy, tax)
    for occ_id, code in zip(t.index, occ_codes):
        prefixes = [code[:d] for d in (4, 3, 2, 1) if code[:d] in table_codes]
        if not prefixes:
            assert t.loc[occ_id, "rti_level"] == "none" and np.isnan(t.loc[occ_id, "rti"])
        else:
            best = prefixes[0]
            assert t.loc[occ_id, "rti"] == table_codes[best]
            assert t.loc[occ_id, "rti_level"] == f"ISCO {len(best)}-digit"


def test_from_files_names_a_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="TRANSITIONS_LABOUR_DATA"):
        LabourMarket.from_files(tmp_path / "nowhere")
    with pytest.raises(InvalidParameterError, match="wage_year"):
        LabourMarket.from_files(tmp_path, wage_year=2023)
