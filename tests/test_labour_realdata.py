"""LabourMarket on the real reference data (``TRANSITIONS_TEST_DATA``).

Expected values are read from the publishers' files here with plain pandas,
independently of the library's readers.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import transitions
from transitions import DataQualityWarning, InvalidParameterError, LabourMarket
from transitions.labour import read_cbs_jobs_2023, read_cbs_wages, read_ses_earnings
from transitions.labour.schema import MEASURES

pytestmark = pytest.mark.realdata


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return fn(*args, **kwargs)


@pytest.fixture(scope="module")
def esco(real_data):
    return quiet(transitions.load_esco, real_data / "esco" / "v1.1.1")


@pytest.fixture(scope="module")
def onet(real_data):
    return quiet(transitions.load_onet, real_data / "onet" / "29.3")


@pytest.fixture(scope="module")
def nl(real_data):
    return quiet(LabourMarket.from_files, real_data, country="NL")


@pytest.fixture(scope="module")
def us(real_data):
    return quiet(LabourMarket.from_files, real_data, country="US")


@pytest.fixture(scope="module")
def esco_nl(nl, esco):
    return quiet(nl.for_taxonomy, esco)


@pytest.fixture(scope="module")
def onet_us(us, onet):
    return quiet(us.for_taxonomy, onet)


def _units(isco, codes):
    return isco[isco["isco_code"].isin(codes)]


def test_acceptance_dutch_wage_for_esco(esco_nl):
    known = esco_nl["wage_group_median"].notna()
    assert known.mean() >= 0.95
    published = esco_nl.loc[known, "wage_group_level"]
    assert published.isin(["BRC group", "BRC segment", "BRC class"]).all()
    assert (esco_nl.loc[known, "wage_currency"] == "EUR").all()
    # Most published wages are the group's own median.
    assert (esco_nl["wage_group_level"] == "BRC group").mean() > 0.5
    # The figure used is the occupation's estimate wherever one could be made.
    assert (esco_nl["wage_level"] == "occupation (estimate)").mean() >= 0.95


def test_acceptance_us_wage_for_onet(onet_us):
    known = onet_us["wage_median"].notna()
    assert known.mean() >= 0.95
    assert onet_us.loc[known, "wage_level"].str.startswith("SOC").all()
    assert (onet_us.loc[known, "wage_currency"] == "USD").all()


@pytest.mark.parametrize("which", ["esco_nl", "onet_us"])
def test_every_number_has_source_and_level(which, request):
    table = request.getfixturevalue(which)
    for spec in MEASURES.values():
        if spec.primary not in table:
            continue
        known = table[spec.primary].notna()
        assert table.loc[known, spec.source].notna().all(), spec.name
        assert (table.loc[known, spec.level] != "none").all(), spec.name
        assert (table.loc[~known, spec.level] == "none").all(), spec.name
        for col in spec.values:
            assert not (table[col] == 0).all(), col


def test_suppressed_cbs_group_falls_back_to_segment(real_data, esco_nl):
    raw = pd.read_csv(real_data / "nl" / "cbs_85517NED_uurloon_beroep_2022.csv",
                      dtype={"brc": str}).set_index("brc")
    xwalk = pd.read_csv(real_data / "crosswalks" / "isco08_brc2014_cbs.csv", dtype=str)
    brc = xwalk.set_index("isco08_unit")["brc_group"]
    printers = esco_nl[esco_nl["isco_code"] == "7322"]
    assert len(printers)
    group = brc["7322"]
    assert np.isnan(raw.loc[group, "p50"])  # suppressed (blank) in 2022
    assert (printers["wage_group_level"] == "BRC segment").all()
    assert (printers["wage_group_median"] == raw.loc[group[:3], "p50"]).all()
    cashiers = esco_nl[esco_nl["isco_code"] == "5230"]
    assert (cashiers["wage_group_median"] == raw.loc[brc["5230"], "p50"]).all()
    assert (cashiers["wage_group_p25"] == raw.loc[brc["5230"], "p25"]).all()
    assert (cashiers["wage_group_p75"] == raw.loc[brc["5230"], "p75"]).all()
    assert (cashiers["wage_group_level"] == "BRC group").all()


def test_no_suppressed_blank_became_a_number(real_data, nl):
    raw = pd.read_csv(real_data / "nl" / "cbs_85517NED_uurloon_beroep_2022.csv",
                      dtype={"brc": str})
    blank = set(raw.loc[raw["p50"].isna(), "brc"])
    wages = nl.table("wage").set_index("code")
    assert wages.loc[sorted(blank), "wage_median"].isna().all()


def test_forecast_and_trend_of_cashiers_and_developers(real_data, esco_nl):
    roa = pd.read_csv(real_data / "nl" / "roa_ais_prognose_2030_beroepsgroepen.csv",
                      dtype={"brc_group_ed2025": str}).set_index("brc_group_ed2025")
    cashiers = esco_nl[esco_nl["isco_code"] == "5230"]
    assert (cashiers["forecast_pct"] == roa.loc["0333", "uitbreidingsvraag_6jr_pct"]).all()
    assert (cashiers["forecast_years"] == 6).all()
    assert (cashiers["trend"] == "shrinking").all()
    devs = esco_nl[esco_nl["isco_code"] == "2512"]
    assert (devs["trend"] == "growing").all()
    # BRC 0811 is split into ROA's 0813 + 0814 (newer codes, inferred labels).
    assert devs["forecast_source"].str.contains("0813\\+0814").all()
    lo, hi = sorted(roa.loc[["0813", "0814"], "uitbreidingsvraag_6jr_pct"])
    assert devs["forecast_pct"].between(lo, hi).all()


def _theil_sen_within_series(series, breaks):
    """Median slope of log employment over year pairs of one series, % a year (plain Python)."""
    years = sorted(series.index)
    sid = {y: sum(y >= b for b in breaks) for y in years}
    slopes = [(np.log(series[b]) - np.log(series[a])) / (b - a)
              for i, a in enumerate(years) for b in years[i + 1:] if sid[a] == sid[b]]
    return 100 * (np.exp(np.median(slopes)) - 1)


def test_observed_trend_is_robust_and_never_crosses_the_2021_break(real_data, esco_nl):
    assert (esco_nl["trend_period"].dropna() == "2016-2025").all()
    lfs = pd.read_csv(real_data / "nl" / "eurostat_lfsa_egai2d_nl_2011_2025.csv")
    breaks = sorted(lfs.loc[lfs["flag_series_break"].fillna("").str.contains("b"), "year"].unique())
    assert 2021 in breaks
    oc41 = lfs[(lfs["isco08"] == "OC41") & (lfs["year"] >= 2016)].set_index("year")
    expected = _theil_sen_within_series(oc41["employed_thousands"], breaks)
    clerks = esco_nl[esco_nl["isco_code"] == "4110"]
    assert clerks["trend_pct"].to_numpy() == pytest.approx(expected)
    assert (clerks["trend_level"] == "ISCO 2-digit").all()
    assert (clerks["trend_pct_low"] <= clerks["trend_pct"]).all()
    assert (clerks["trend_pct"] <= clerks["trend_pct_high"]).all()
    with pytest.raises(InvalidParameterError, match="series break"):
        LabourMarket.from_files(real_data, trend_method="endpoint", trend_years=(2019, 2023))


def test_isco81_trend_does_not_rest_on_the_2021_outlier(real_data):
    """ISCO 81: 82.4k (2020), 91.6k (2021, first year of a new series), 78.8k (2022), 63.2k (2025).

    The end points 2021-2025 say -8.9% a year, much of it from the one high
    year. The robust slope over all comparable pairs of years 2016-2025 is far
    less steep; leaving 2021 out makes it -1.3% a year, still a decline: the
    group's fall from 78.8k (2022) to 63.2k (2025) does not rest on 2021. (A
    series with the 2021 outlier *alone* is not shrinking: see
    ``tests/test_labour_readers.py``.)
    """
    from transitions.labour import lfs_robust_trend, lfs_trend, read_lfs_employment

    lfs = quiet(read_lfs_employment, real_data / "nl" / "eurostat_lfsa_egai2d_nl_2011_2025.csv")
    oc81 = lfs[lfs["isco"] == "81"].set_index("year")["employed"]
    assert oc81[2021] > max(oc81[2020], oc81[2022])
    endpoint = lfs_trend(lfs, 2021, 2025).set_index("code").loc["81", "trend_pct"]
    robust = quiet(lfs_robust_trend, lfs).set_index("code").loc["81"]
    assert endpoint == pytest.approx(-8.86, abs=0.01)
    # Leaving any one year out (2021 included) moves the robust slope within its range.
    assert robust["trend_pct_low"] <= robust["trend_pct"] <= robust["trend_pct_high"]
    blank = lfs.assign(employed=lfs["employed"].where(lfs["year"] != 2021))  # break flag kept
    without_2021 = quiet(lfs_robust_trend, blank).set_index("code").loc["81"]
    assert robust["trend_pct_low"] <= without_2021["trend_pct"] <= robust["trend_pct_high"]
    assert robust["trend_pct"] > endpoint + 3  # far less steep than the end points
    assert -2.0 < without_2021["trend_pct"] < -0.5


def test_us_top_codes_are_flagged_lower_bounds(onet_us):
    top = onet_us[onet_us["wage_topcoded"]]
    assert len(top) >= 5
    assert top["wage_source"].str.contains("lower bounds").all()
    assert (top[["wage_median", "wage_p25", "wage_p75"]].max(axis=1) == 115.0).all()
    assert (onet_us["wage_median"].dropna() <= 115.0).all()
    assert onet_us.loc["29-1211.00", "wage_topcoded"]  # anesthesiologists


def test_bls_repaired_codes_are_used(real_data, us):
    raw = pd.read_csv(real_data / "us" / "bls_employment_projections_2024_34.csv", dtype=str)
    repaired = raw[raw["code_repair"] != "original"]
    forecast = us.table("forecast").set_index("code")
    assert set(repaired["soc2018_code_repaired"]) <= set(forecast.index)
    row = repaired.iloc[0]
    assert forecast.loc[row["soc2018_code_repaired"], "forecast_pct"] == \
        float(row["employment_change_24to34_percent"])


def test_routine_index_orders_clerks_above_professionals(real_data, nl):
    rti = nl.table("rti").set_index("code")
    raw = pd.read_csv(real_data / "risk" / "rti_mihaylov_tijdens_2019_isco08.csv",
                      dtype={"isco08_code": str}).set_index("isco08_code")
    units = rti.loc[raw.index]
    assert units.loc["4132", "rti"] > units.loc["2512", "rti"]
    assert units.loc["5230", "rti"] > units.loc["2221", "rti"]
    assert units["rti"].corr(raw["rti"], method="spearman") > 0.9
    # Rebuilt index separates the packaged index's ties at -1.
    assert units.loc[raw["rti"] == -1, "rti"].nunique() > 20


def test_workforce_splits_cbs_jobs(real_data, nl, esco):
    w = nl.workforce(esco)
    raw = pd.read_csv(real_data / "nl" / "cbs_85276NED_85517NED_beroepsgroepen_2025Q4_uurloon2024.csv",
                      dtype={"code": str})
    assert w.attrs["total_workers"] == raw["jobs"].sum()
    assert w["workers"].sum() == pytest.approx(w.attrs["assigned_workers"])
    # Assigned: the jobs of the groups that ESCO's ISCO codes reach through the crosswalk
    # (not 1311 'occupation unknown', nor 0551 'managers n.e.c.').
    xwalk = pd.read_csv(real_data / "crosswalks" / "isco08_brc2014_cbs.csv", dtype=str)
    reached = set(xwalk.loc[xwalk["isco08_unit"].isin(esco.occupations["isco_code"]), "brc_group"])
    assert {"1311", "0551"}.isdisjoint(reached)
    assert w.attrs["assigned_workers"] == raw.loc[raw["code"].isin(reached), "jobs"].sum()
    assert (w.loc[w["workers_level"] != "none", "workers"] > 0).all()
    # Split by the occupations' US employment, not evenly: every group keeps its jobs.
    by_group = w.groupby("workers_groups")["workers"].sum()
    jobs = raw.set_index("code")["jobs"]
    assert by_group.to_numpy() == pytest.approx(jobs.reindex(by_group.index).to_numpy())
    shares = w.groupby("workers_groups")["workers_share"]
    assert (shares.max() > 1.5 * shares.min())[shares.size() >= 5].mean() > 0.8
    even = nl.workforce(esco, estimate=False)
    assert even["workers"].sum() == pytest.approx(w["workers"].sum())
    assert (even.groupby("workers_groups")["workers"].nunique() == 1).all()


def test_cbs_2023_repeated_medians_match_2022_suppression(real_data):
    with pytest.warns(DataQualityWarning, match="repeat the parent's value"):
        j = read_cbs_jobs_2023(real_data / "nl" / "cbs_85276NED_85517NED_beroepen_2023.csv")
    w = read_cbs_wages(real_data / "nl" / "cbs_85517NED_uurloon_beroep_2022.csv").set_index("code")
    inherited = j.loc[j["wage_inherited"], "code"]
    suppressed_2022 = w.reindex(inherited)["wage_suppressed"].fillna(False)
    assert suppressed_2022.mean() >= 0.8


def test_wages_agree_with_ses_ordering(real_data, esco_nl):
    ses = read_ses_earnings(real_data / "nl" / "eurostat_earn_ses22_47_nl_2022.csv")
    by_major = ses.groupby("isco")["mean_hourly_eur"].mean()
    ours = esco_nl.groupby(esco_nl["isco_code"].str[0])["wage_median"].mean()
    common = by_major.index.intersection(ours.index)
    assert ours[common].corr(by_major[common], method="spearman") > 0.8


def test_coverage_report_levels(nl, esco):
    cov = nl.coverage(esco)
    wage = cov[cov["measure"] == "wage"].set_index("level")
    assert wage.loc["any", "share"] >= 0.95
    assert {"BRC group", "BRC segment"} <= set(wage.index)
    per_measure = cov[cov["level"] != "any"].groupby("measure")["n"].sum()
    assert (per_measure == len(esco.occupations)).all()


def test_wage_year_2024_uses_newer_group_pay_where_published(real_data, esco):
    lm = quiet(LabourMarket.from_files, real_data, wage_year=2024)
    t = quiet(lm.for_taxonomy, esco)
    raw = pd.read_csv(real_data / "nl" / "cbs_85276NED_85517NED_beroepsgroepen_2025Q4_uurloon2024.csv",
                      dtype={"code": str}).set_index("code")
    xwalk = pd.read_csv(real_data / "crosswalks" / "isco08_brc2014_cbs.csv", dtype=str)
    brc = xwalk.set_index("isco08_unit")["brc_group"]
    group = esco.occupations["isco_code"].map(brc)
    has_2024 = group.map(raw["medianHourlyPay"]).notna()
    assert (t.loc[has_2024, "wage_year"] == 2024).all()
    assert (t.loc[has_2024, "wage_group_median"]
            == group[has_2024].map(raw["medianHourlyPay"])).all()
    assert (t.loc[~has_2024 & t["wage_median"].notna(), "wage_year"] == 2022).all()
    assert t["wage_median"].notna().mean() >= 0.95
    # Held against the minimum wage of their own year: EUR 13.27 (2024), 9.96 (2022).
    assert (t.loc[has_2024, "wage_minimum"] == 13.27).all()
    assert (t.loc[~has_2024 & t["wage_median"].notna(), "wage_minimum"] == 9.96).all()


def test_demand_columns_match_the_publishers_files(real_data, esco_nl, onet_us):
    roa = pd.read_csv(real_data / "nl" / "roa_ais_prognose_2030_beroepsgroepen.csv",
                      dtype={"brc_group_ed2025": str}).set_index("brc_group_ed2025")
    cashiers = esco_nl[esco_nl["isco_code"] == "5230"]  # BRC 0333
    assert len(cashiers)
    assert (cashiers["openings_group"] == roa.loc["0333", "baanopeningen_aantal"] / 6).all()
    assert (cashiers["openings_group_level"] == "BRC group").all()
    assert cashiers["openings_group_source"].str.startswith("ROA AIS 2026").all()
    # The group's openings are split over its occupations by the same shares as its jobs.
    assert cashiers["openings"].to_numpy() == pytest.approx(
        (cashiers["openings_group"] * cashiers["employment_share"]).to_numpy())
    assert (cashiers["openings_level"] == "occupation (estimate)").all()
    assert cashiers["openings_source"].str.startswith("ROA AIS 2026").all()
    assert (cashiers["shortage"] == roa.loc["0333", "itkb_2030_indicator"]).all()
    assert (cashiers["shortage_class"] == roa.loc["0333", "itkb_2030_typering"]).all()
    teachers = esco_nl[esco_nl["isco_code"] == "2341"]  # BRC 0114, tight in 2026Q1
    assert (teachers["tightness"] == roa.loc["0114", "huidige_situatie_2026Q1_indicator"]).all()
    assert (teachers["tightness_class"] == "krap").all()
    for m in ("openings", "tightness", "shortage"):
        known = esco_nl[m].notna()
        assert known.mean() > 0.8, m
        assert (esco_nl.loc[~known, f"{m}_level"] == "none").all()
    bls = pd.read_csv(real_data / "us" / "bls_employment_projections_2024_34.csv", dtype=str)
    row = bls.set_index("soc2018_code").loc["43-3031"]
    expected = float(row["employment_change_24to34_thousands_annual_average"]) * 1000
    assert onet_us.loc["43-3031.00", "openings"] == pytest.approx(expected)
    assert onet_us.loc["43-3031.00", "openings_level"] == "SOC detailed"
    assert onet_us["tightness"].isna().all() and (onet_us["tightness_level"] == "none").all()
