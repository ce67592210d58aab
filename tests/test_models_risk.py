"""The transparent risk assessment on hand-made tables of the labour-market schema."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transitions
from transitions import assess_risk
from transitions.exceptions import DataFormatError, InvalidParameterError
from transitions.models import per_year, risk_components

RTI_SRC, RTI_LVL = "Mihaylov & Tijdens 2019", "ISCO 4-digit"
FC_SRC, FC_LVL = "ROA AIS 2026", "BRC group"
OBS_SRC, OBS_LVL = "Eurostat LFS 2021-2025", "ISCO 2-digit"
FO_SRC, FO_LVL = "Frey & Osborne 2017", "SOC detailed"


def _table(rti, forecast, observed, automation=None, index=None):
    n = len(rti)
    index = index or [f"occ-{i}" for i in range(n)]
    table = pd.DataFrame({
        "label_nl": [f"beroep {i}" for i in range(n)],
        "rti": rti, "rti_source": RTI_SRC, "rti_level": RTI_LVL,
        "forecast_pct": forecast, "forecast_years": 6, "forecast_period": "2025-2030",
        "forecast_source": FC_SRC, "forecast_level": FC_LVL,
        "trend_pct": observed, "trend_period": "2021-2025",
        "trend_source": OBS_SRC, "trend_level": OBS_LVL,
    }, index=index)
    if automation is not None:
        table["automation_probability"] = automation
        table["automation_probability_source"] = FO_SRC
        table["automation_probability_level"] = FO_LVL
    return table


@pytest.fixture
def market():
    # cashier: routine, both sources shrink; clerk: routine, only observed shrink;
    # bookkeeper: routine, growing; engineer: not routine but shrinking;
    # nurse: neither; new: no RTI; orphan: routine, no change known.
    # forecast: percent over 6 years; observed: percent per year.
    return _table(
        rti=[1.8, 1.8, 2.2, -0.9, -1.0, np.nan, 1.2],
        forecast=[-3.0, 3.0, 3.0, -14.0, 11.0, -5.0, np.nan],
        observed=[-1.9, -2.7, 0.7, np.nan, 1.0, np.nan, np.nan],
        automation=[0.97, 0.96, 0.98, 0.02, 0.01, np.nan, 0.5],
        index=["cashier", "clerk", "bookkeeper", "engineer", "nurse", "new", "orphan"],
    )


def test_default_rule_flags_routine_work_with_a_confidence(market):
    result = assess_risk(market)
    assert result.index.tolist() == market.index.tolist()
    assert result.loc[result["at_risk"]].index.tolist() == ["cashier", "clerk", "bookkeeper",
                                                            "orphan"]
    assert (result["risk_rule"] == "routine").all()
    conf = result["risk_confidence"]
    # both sources shrink; one observed series (no range known); growing; no trend at all
    assert conf[["cashier", "clerk", "bookkeeper", "orphan"]].tolist() == \
        ["high", "medium", "low", "medium"]
    assert conf[~result["at_risk"]].isna().all()
    assert result.loc["bookkeeper", "growing"] and not result.loc["bookkeeper", "shrinking"]
    assert "(confidence: low)" in result.loc["bookkeeper", "reasons_en"]
    assert "Growing (threshold +0.5% a year)" in result.loc["bookkeeper", "reasons_en"]
    assert "zekerheid: hoog" in result.loc["cashier", "reasons_nl"]
    assert "The decline rests on a single series (the observed series)" in \
        result.loc["clerk", "reasons_en"]
    assert not result.loc["engineer", "at_risk"]  # shrinking alone never flags


def test_flags_routine_and_shrinking_only(market):
    result = assess_risk(market, rule="routine_and_shrinking")
    assert result.index.tolist() == market.index.tolist()
    assert result.loc[result["at_risk"]].index.tolist() == ["cashier", "clerk"]
    assert result.loc["clerk", "shrinking_basis"] == "observed"
    assert result.loc["cashier", "shrinking_basis"] == "both"
    assert result.loc["engineer", "shrinking_basis"] == "forecast"
    assert result.loc["engineer", "shrinking"] and not result.loc["engineer", "routine"]
    assert result["at_risk"].dtype == bool


def test_missing_evidence_is_never_a_flag_and_always_said(market):
    result = assess_risk(market, rule="routine_and_shrinking")
    assert not result.loc["new", "at_risk"] and not result.loc["orphan", "at_risk"]
    assert pd.isna(result.loc["new", "routine"]) and pd.isna(result.loc["orphan", "shrinking"])
    assert np.isnan(result.loc["new", "risk_score"]) and np.isnan(result.loc["orphan", "risk_score"])
    assert "No routine task intensity (RTI) known" in result.loc["new", "reasons_en"]
    assert "Geen routine-index (RTI) bekend" in result.loc["new", "reasons_nl"]
    assert "No expected or observed employment change known" in result.loc["orphan", "reasons_en"]
    assert result.loc["orphan", "reasons_en"].startswith("Risk cannot be assessed")
    # Known not-routine: the verdict is clear even without a trend.
    table = _table([-1.0], [np.nan], [np.nan])
    assert assess_risk(table)["reasons_en"].iloc[0].startswith("No raised risk")
    # Under the default rule routine work is flagged even without a known trend, and said so.
    orphan = assess_risk(market).loc["orphan"]
    assert orphan["at_risk"] and "No expected or observed employment change known" in \
        orphan["reasons_en"]
    assert not assess_risk(market).loc["new", "at_risk"]


def test_reasons_give_every_number_with_source_and_level(market):
    result = assess_risk(market)
    nl = result.loc["cashier", "reasons_nl"]
    assert "RTI 1,8 (Mihaylov & Tijdens 2019, ISCO 4-cijferig)" in nl
    assert "-3% verwacht over 2025-2030, -0,5% per jaar (ROA AIS 2026, BRC-beroepsgroep)" in nl
    assert "-1,9% per jaar waargenomen over 2021-2025 (Eurostat LFS 2021-2025, ISCO 2-cijferig)" in nl
    assert "Krimp (drempel -0,5% per jaar)" in nl
    assert "kans op automatisering 0,97 (Frey & Osborne 2017, SOC gedetailleerd)" in nl
    en = result.loc["clerk", "reasons_en"]
    assert "RTI 1.8 (Mihaylov & Tijdens 2019, ISCO 4-digit)" in en
    assert "+3% expected over 2025-2030, +0.5% a year (ROA AIS 2026, BRC group)" in en
    assert "-2.7% a year observed over 2021-2025 (Eurostat LFS 2021-2025, ISCO 2-digit)" in en
    strict = assess_risk(market, rule="routine_and_shrinking")
    assert strict.loc["bookkeeper", "reasons_en"].startswith("No raised risk")
    for text in result["reasons_en"]:
        assert text.endswith(".") and len(text) > 40


def test_missing_source_is_said_not_hidden():
    table = _table([1.5], [-4.0], [np.nan])
    table.loc[:, "forecast_source"] = np.nan
    assert "-0.7% a year (source unknown, BRC group)" in assess_risk(table)["reasons_en"].iloc[0]


def test_require_both_false_is_routine_only(market):
    result = assess_risk(market, require_both=False)
    assert result.loc[result["at_risk"]].index.tolist() == ["cashier", "clerk", "bookkeeper", "orphan"]
    assert not result.loc["engineer", "at_risk"]  # shrinking alone never flags
    np.testing.assert_allclose(result["risk_score"], result["routine_score"])


def test_thresholds_move_the_flags(market):
    strict = assess_risk(market, rti_threshold=2.0)
    assert strict.loc[strict["at_risk"]].index.tolist() == ["bookkeeper"]
    steep = assess_risk(market, shrink_threshold=-2.0, rule="routine_and_shrinking")
    assert steep.loc[steep["at_risk"]].index.tolist() == ["clerk"]
    assert "threshold -2% a year" in steep.loc["clerk", "reasons_en"]


def test_score_components_match_documented_formula():
    routine, shrink = risk_components([0.5, 0.75, np.nan], [-0.5, -0.75, 0.0])
    np.testing.assert_allclose(routine[:2], [0.5, 1 / (1 + np.exp(-1.0))])
    np.testing.assert_allclose(shrink, [0.5, 1 / (1 + np.exp(-1.0)), 1 / (1 + np.exp(2.0))])
    assert np.isnan(routine[2])


def test_forecast_is_put_on_a_yearly_scale(market):
    np.testing.assert_allclose(per_year([-3.0, 10.0, np.nan], [6, 10, 5]),
                               [(0.97 ** (1 / 6) - 1) * 100, (1.1 ** 0.1 - 1) * 100, np.nan])
    result = assess_risk(market)
    np.testing.assert_allclose(result.loc["cashier", "forecast_pct_per_year"], -0.50636, atol=1e-5)
    # the same -3% over ten years (BLS horizon) is not steep enough
    ten = market.assign(forecast_years=10, trend_pct=np.nan)
    assert not assess_risk(ten, rule="routine_and_shrinking")["at_risk"].any()


def test_lang_adds_reasons_column(market):
    assert assess_risk(market, lang="nl")["reasons"].equals(assess_risk(market)["reasons_nl"])
    assert "reasons" not in assess_risk(market).columns


def test_only_one_change_source_is_enough():
    table = _table([1.5, 1.5], [-4.0, 1.0], [np.nan, np.nan]).drop(
        columns=["trend_pct", "trend_source", "trend_level"])
    assert assess_risk(table, rule="routine_and_shrinking")["at_risk"].tolist() == [True, False]


def test_growth_against_decline_establishes_neither():
    # forecast -4% over 6 years (-0.7% a year) against +2% a year observed, and the reverse
    table = _table([1.5, 1.5, 1.5], [-4.0, 6.0, -4.0], [2.0, -2.0, -0.2])
    result = assess_risk(table, rule="routine_and_shrinking")
    assert result["shrinking_conflict"].tolist() == [True, True, False]
    assert result["shrinking"].tolist() == [False, False, True]
    assert result["growing"].tolist() == [False, False, False]
    assert result["at_risk"].tolist() == [False, False, True]
    assert "Conflicting evidence, so no decline established" in result["reasons_en"].iloc[0]
    default = assess_risk(table)
    assert default["at_risk"].all()
    assert default["risk_confidence"].tolist() == ["medium", "medium", "medium"]


def test_a_stable_observed_decline_gives_high_confidence():
    table = _table([1.5, 1.5, 0.7], [np.nan, np.nan, np.nan], [-2.0, -2.0, -2.0])
    table["trend_pct_low"] = [-2.5, -2.5, -2.5]
    table["trend_pct_high"] = [-1.5, 0.2, -1.5]  # the second: one year decides it
    result = assess_risk(table)
    # clearly routine and stable / one year decides / only marginally routine
    assert result["risk_confidence"].tolist() == ["high", "medium", "medium"]
    assert "robust slope; -2.5% to -1.5% a year with any one year left out" in \
        result["reasons_en"].iloc[0]
    assert result["shrinking_single_series"].all()


@pytest.mark.parametrize("drop", [["rti"], ["rti_source"], ["forecast_pct", "trend_pct"],
                                  ["forecast_level"], ["forecast_years"]])
def test_missing_columns_are_named(market, drop):
    with pytest.raises(DataFormatError, match=drop[0]):
        assess_risk(market.drop(columns=drop))


def test_text_in_number_column_is_an_error(market):
    bad = market.astype({"trend_pct": object})
    bad.loc["nurse", "trend_pct"] = "4,0"
    with pytest.raises(DataFormatError, match=r"'trend_pct'.*'4,0'.*nurse"):
        assess_risk(bad)


def test_forecast_without_a_positive_horizon_is_an_error(market):
    with pytest.raises(DataFormatError, match=r"'forecast_years'.*0.*cashier"):
        assess_risk(market.assign(forecast_years=0))


def test_duplicated_ids_are_an_error(market):
    with pytest.raises(DataFormatError, match="duplicated occupation id"):
        assess_risk(pd.concat([market, market.iloc[:1]]))
    with pytest.raises(DataFormatError, match="DataFrame"):
        assess_risk(market.to_dict())


@pytest.mark.parametrize("kwargs", [{"rti_threshold": np.nan}, {"rti_threshold": "1"},
                                    {"shrink_threshold": 2.0}, {"require_both": "yes"},
                                    {"rule": "shrinking"}, {"lang": "de"},
                                    {"rule": "routine_and_shrinking", "require_both": False}])
def test_bad_parameters(market, kwargs):
    with pytest.raises(InvalidParameterError, match=next(iter(kwargs))):
        assess_risk(market, **kwargs)


_values = st.one_of(st.none(), st.floats(-3, 3, allow_nan=False))
_changes = st.one_of(st.none(), st.floats(-30, 30, allow_nan=False))
_rates = st.one_of(st.none(), st.floats(-5, 5, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(_values, _changes, _rates), min_size=1, max_size=12),
       rti_threshold=st.floats(-1, 2), shrink_threshold=st.floats(-3, 0),
       rule=st.sampled_from(["routine", "routine_and_shrinking"]))
def test_invariants(rows, rti_threshold, shrink_threshold, rule):
    rti, fc, obs = ([np.nan if v is None else v for v in col] for col in zip(*rows))
    result = assess_risk(_table(rti, fc, obs), rti_threshold=rti_threshold,
                         shrink_threshold=shrink_threshold, rule=rule)
    require_both = rule == "routine_and_shrinking"
    score = result["risk_score"]
    assert ((score.dropna() >= 0) & (score.dropna() <= 1)).all()
    assert (score[result["at_risk"]] >= 0.5).all()
    known_safe = ~result["at_risk"] & score.notna()
    assert (score[known_safe] <= 0.5).all()
    # never a flag without routine evidence, nor (by default) without shrink evidence
    assert not (result["at_risk"] & result["routine"].isna()).any()
    if require_both:
        assert not (result["at_risk"] & result["shrinking"].isna()).any()
    # stricter thresholds never add flags
    # every flag has a confidence, and only flags have one
    assert result.loc[result["at_risk"], "risk_confidence"].isin(["high", "medium", "low"]).all()
    assert result.loc[~result["at_risk"], "risk_confidence"].isna().all()
    # shrinking and growing never both hold
    assert not (result["shrinking"].fillna(False) & result["growing"].fillna(False)).any()
    # a stricter routine threshold never adds flags
    stricter = assess_risk(_table(rti, fc, obs), rti_threshold=rti_threshold + 0.5,
                           shrink_threshold=shrink_threshold, rule=rule)
    assert not (stricter["at_risk"] & ~result["at_risk"]).any()
    assert result["reasons_nl"].str.len().gt(0).all() and result["reasons_en"].str.len().gt(0).all()


@pytest.mark.skipif(not hasattr(transitions, "LabourMarket"),
                    reason="transitions.LabourMarket (labour-market layer) not merged yet")
def test_missing_rti_is_estimated_from_the_skill_profile(sample):
    table = transitions.LabourMarket.from_sample().for_taxonomy(sample)
    table.loc["occ-cashier", "rti"] = np.nan
    assert assess_risk(table).loc["occ-cashier", "routine"] is pd.NA
    result = assess_risk(table, taxonomy=sample)
    row = result.loc["occ-cashier"]
    assert row["rti_level"] == "skill-profile estimate" and np.isfinite(row["rti"])
    assert "schatting uit vaardigheidsprofiel" in row["reasons_nl"]
    if row["at_risk"]:
        assert row["risk_confidence"] == "low"
    others = result.drop(index="occ-cashier")
    assert (others["rti_level"] != "skill-profile estimate").all()


def test_on_the_sample_labour_market(sample):
    from transitions.datasets.sample import SAMPLE_SOURCE

    table = transitions.LabourMarket.from_sample().for_taxonomy(sample)
    result = assess_risk(table, lang="nl")
    for occ in ("occ-cashier", "occ-data-entry-clerk", "occ-printer", "occ-administrative-clerk"):
        assert result.loc[occ, "at_risk"], result.loc[occ, "reasons_en"]
    for occ in ("occ-software-developer", "occ-nurse", "occ-electrician", "occ-ict-support"):
        assert not result.loc[occ, "at_risk"], result.loc[occ, "reasons_en"]
    assert result.loc[result["at_risk"], "reasons"].str.contains(SAMPLE_SOURCE, regex=False).all()
