"""Occupation-level estimates of group wages and jobs, on small hand-made tables."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from test_labour_market import tiny_taxonomy

from transitions import DataQualityWarning, InvalidParameterError, LabourMarket
from transitions.labour.estimate import ESTIMATE_LEVEL, fit_elasticity, job_shares
from transitions.labour.minimum_wage import minimum_wage


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return fn(*args, **kwargs)


def taxonomy(groups):
    return tiny_taxonomy({"id": list(groups), "brc_code": list(groups.values())})


GROUPS = {"a": "0111", "b": "0111", "c": "0112", "d": "0112", "e": "0112"}
WAGES = pd.DataFrame({"code_system": "BRC 2014", "code": ["0111", "0112", "011"],
                      "wage_median": [20.0, 9.0, 15.0], "wage_p25": [16.0, 8.0, 12.0],
                      "wage_p75": [25.0, 11.0, 19.0], "wage_currency": "EUR",
                      "wage_year": 2022, "source": "fixture CBS"})
JOBS = pd.DataFrame({"code_system": "BRC 2014", "code": ["0111", "0112"],
                     "employment": [1000.0, 600.0], "source": "fixture jobs"})
REFERENCE = pd.DataFrame({"code_system": "occupation", "code": list(GROUPS),
                          "wage_median": [10.0, 40.0, 12.0, 12.0, 24.0],
                          "wage_currency": "USD", "employment": [300.0, 100.0, 50.0, 50.0, 100.0],
                          "source": "fixture OEWS"})


def market(reference=True):
    ref = {"wage": REFERENCE, "employment": REFERENCE} if reference else None
    return LabourMarket({"wage": WAGES, "employment": JOBS}, reference=ref, country="NL")


def table(lm=None, **kwargs):
    return quiet((lm or market()).for_taxonomy, taxonomy(GROUPS), **kwargs)


def test_jobs_split_by_reference_employment_and_kept_per_group():
    t = table(wage_elasticity=1.0)
    assert t.loc[["a", "b"], "employment"].tolist() == pytest.approx([750.0, 250.0])
    assert t.loc[["c", "d", "e"], "employment"].tolist() == pytest.approx([150.0, 150.0, 300.0])
    assert t.groupby("brc_code")["employment"].sum().tolist() == pytest.approx([1000.0, 600.0])
    assert (t["employment_level"] == ESTIMATE_LEVEL).all()
    assert t["employment_source"].str.contains("split by fixture OEWS employment shares").all()
    assert t.loc["a", ["employment_group", "employment_group_level"]].tolist() == \
        [1000.0, "BRC group"]
    assert t.loc["a", "employment_share"] == pytest.approx(0.75)


def test_wage_estimates_keep_the_group_median_as_their_job_weighted_geometric_mean():
    t = table(wage_elasticity=1.0)
    for group, sub in t.groupby("brc_code"):
        mean_log = np.average(np.log(sub["wage_median"]), weights=sub["employment"])
        assert np.exp(mean_log) == pytest.approx(sub["wage_group_median"].iloc[0])
    # Full elasticity: the estimates keep the reference's ratios within a group.
    assert t.loc["b", "wage_median"] / t.loc["a", "wage_median"] == pytest.approx(4.0)
    assert t.loc["e", "wage_median"] / t.loc["c", "wage_median"] == pytest.approx(2.0)
    # Quartiles move with the median; the published figures stay beside them.
    ratio = t["wage_median"] / t["wage_group_median"]
    assert (t["wage_p25"] / t["wage_group_p25"]).tolist() == pytest.approx(ratio.tolist())
    assert t.loc["a", ["wage_group_median", "wage_group_p25", "wage_group_p75"]].tolist() == \
        [20.0, 16.0, 25.0]
    assert (t["wage_level"] == ESTIMATE_LEVEL).all()
    assert (t["wage_group_level"] == "BRC group").all()
    assert t["wage_source"].str.startswith("fixture CBS BRC group x relative wage").all()
    assert t["wage_estimate_factor"].tolist() == pytest.approx(ratio.tolist())


def test_half_elasticity_halves_the_log_differences():
    full, half = table(wage_elasticity=1.0), table(wage_elasticity=0.5)
    assert np.log(half["wage_estimate_factor"]).tolist() == \
        pytest.approx((0.5 * np.log(full["wage_estimate_factor"])).tolist())


def test_estimation_off_or_without_reference_shows_the_published_figures():
    for t in (table(estimate=False), table(market(reference=False))):
        assert t["wage_median"].tolist() == t["wage_group_median"].tolist()
        assert (t["wage_level"] == "BRC group").all()
        assert t["wage_estimate_factor"].isna().all()
    off = table(estimate=False)
    assert off.loc["a", "employment"] == 1000.0 and off.loc["a", "employment_level"] == "BRC group"
    even = table(market(reference=False))
    assert even.loc[["a", "b"], "employment"].tolist() == [500.0, 500.0]
    assert even["employment_source"].str.contains("split evenly").all()


def test_too_few_groups_to_fit_the_elasticity_means_no_wage_estimate():
    t = table()  # two groups: the elasticity cannot be fitted
    assert t.attrs["estimates"]["n_groups"] < 10
    assert (t["wage_level"] == "BRC group").all()
    assert t.loc[["a", "b"], "employment"].tolist() == pytest.approx([750.0, 250.0])


def test_minimum_wage_caveat():
    t = table(wage_elasticity=1.0)
    assert (t["wage_minimum"] == 9.96).all()
    assert t["wage_minimum_source"].str.startswith("Rijksoverheid, wettelijk minimumloon 2022").all()
    # Group 0112's published median (9.00) is below the adult minimum: all its occupations.
    assert t.loc[["c", "d", "e"], "wage_below_minimum"].all()
    assert not t.loc[["a", "b"], "wage_below_minimum"].any()
    assert minimum_wage("NL", 2024)["value"] == 13.27
    assert minimum_wage("US", 2024)["value"] == 7.25


def test_invalid_elasticity():
    for bad in (-0.1, 1.5, "half", True):
        with pytest.raises(InvalidParameterError, match="wage_elasticity"):
            table(wage_elasticity=bad)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("gh"), st.floats(0.0, 1e6)), min_size=1, max_size=8))
def test_job_shares_sum_to_one_per_group(rows):
    pairs = pd.DataFrame({"occupation_id": [f"o{i}" for i in range(len(rows))],
                          "key": [g for g, _ in rows]})
    mass = pd.Series({f"o{i}": m for i, (_, m) in enumerate(rows)})
    shares = job_shares(pairs, mass)
    assert ((shares >= 0) & (shares <= 1)).all()
    assert shares.groupby(pairs["key"]).sum().to_numpy() == pytest.approx(1.0)


def test_fit_elasticity_recovers_a_within_segment_slope():
    rng = np.random.default_rng(0)
    codes = [f"0{s}{g}" for s in range(10, 30) for g in (1, 2, 3)]
    u = pd.Series(rng.normal(size=len(codes)), index=codes)
    level = pd.Series(rng.normal(size=len(codes)), index=codes).groupby(lambda c: c[:3]) \
        .transform("first")  # a segment effect the slope must ignore
    beta, n = fit_elasticity(0.6 * u + level, u)
    assert beta == pytest.approx(0.6) and n == len(codes)
    assert np.isnan(fit_elasticity(u[:4], u[:4])[0])
