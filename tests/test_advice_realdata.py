"""Switch advice on full ESCO with the Dutch labour-market data (TRANSITIONS_TEST_DATA)."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_advice_invariants import N_EXAMPLES, check_invariants, draw_profile

from transitions import Advisor, UnknownOccupationError, WorkerProfile

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def esco_adv(real_data):
    try:
        from transitions import LabourMarket, load_esco
    except ImportError:  # until the ESCO importer and the labour market are merged
        pytest.skip("load_esco / LabourMarket not available in this checkout")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the documented ESCO and CBS defects, counted elsewhere
        tax = load_esco(real_data / "esco" / "v1.1.1", labels={"nl": real_data / "esco" / "nl"})
        market = LabourMarket.from_files(real_data)
        return Advisor(tax, market)


@settings(max_examples=N_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_invariants_on_esco(esco_adv, data):
    adv = esco_adv
    profile = draw_profile(data, adv.taxonomy)
    got = check_invariants(adv, profile)
    if got is not None:
        pd.testing.assert_frame_equal(got, adv.recommend(profile, n=None, explain=False))


def test_default_profiles_match_the_graph_matrix(esco_adv):
    """An unchanged worker's options are the graph row filtered by the documented rules."""
    adv = esco_adv
    S = adv.graph.similarity_matrix()
    wage = pd.to_numeric(adv.market_table["wage_median"], errors="coerce")
    floor = pd.to_numeric(adv.market_table["wage_minimum"], errors="coerce")
    risky = adv.risk_table["at_risk"].astype("boolean").fillna(False)
    rng = np.random.default_rng(5)
    for occ in rng.choice(adv.taxonomy.occupation_index, 40, replace=False):
        got = adv.recommend(occ, n=None, explain=False)
        row = S.loc[occ]
        worker = max(wage[occ], floor[occ]) if floor[occ] == floor[occ] else wage[occ]
        ok = (row >= adv.min_similarity) & (wage.reindex(row.index) >= worker - 1e-9)
        ok &= ~risky.reindex(row.index).astype(bool)
        ok[occ] = False
        assert set(got["occupation_id"]) == set(row.index[ok.to_numpy(bool)])
        np.testing.assert_allclose(got["similarity"], row[got["occupation_id"]], atol=1e-9)


def test_dutch_titles_and_suggestions(esco_adv):
    adv = esco_adv
    r = adv.recommend(WorkerProfile("boekhouder"), n=5, lang="nl")
    assert r.attrs["origin_label_nl"].lower() == "boekhouder"
    assert r["explanation"].str.contains("vaardigheden").all()
    assert r["wage_source"].str.contains("CBS").all()
    with pytest.raises(UnknownOccupationError) as info:
        adv.recommend(WorkerProfile("boekhoudr"))
    assert info.value.suggestions


def test_paths_and_skills_on_esco(esco_adv):
    adv = esco_adv
    p = WorkerProfile("boekhouder")
    paths = adv.paths(p, n=5)
    wage = adv.market_table["wage_median"]
    for path in paths["path"]:
        w = wage[list(path)].to_numpy()
        assert (w[1:] >= w[:-1] - 1e-9).all()
    learn = adv.skills_to_learn(p, n=5)
    before = set(adv.recommend(p, n=None)["occupation_id"])
    for _, row in learn[learn["kind"] == "skill"].iterrows():
        after = set(adv.recommend(p.replace(skills=[row["id"]]), n=None)["occupation_id"])
        assert after - before == set(row["new_options"])


def test_coverage_on_the_dutch_workforce(esco_adv):
    adv = esco_adv
    cov = adv.coverage()
    assert cov["default"].iloc[0] and cov["group"].iloc[:2].tolist() == ["all", "at risk"]
    assert cov["share_with_option"].between(0, 1).all()
    assert np.allclose(cov["share_with_option"] + cov["share_none"], 1)
    assert cov["workforce_source"].str.contains("CBS").all()
    per = adv.coverage(by="occupation")
    total = adv.market.workforce(adv.taxonomy)["workers"].sum()
    assert per["workers"].sum() == pytest.approx(total)
    counts = adv.count_options(list(per.index[:300]))
    assert (counts["n_options"].to_numpy() == per["n_options"].to_numpy()[:300]).all()


@pytest.fixture(scope="module")
def onet_adv(real_data):
    from transitions import LabourMarket, load_onet

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tax = load_onet(real_data / "onet" / "29.3")
        return Advisor(tax, LabourMarket.from_files(real_data, country="US"))


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_invariants_on_onet_with_us_wages(onet_adv, data):
    adv = onet_adv
    profile = draw_profile(data, adv.taxonomy, wage_range=(10.0, 90.0))
    got = check_invariants(adv, profile)
    if got is not None and len(got):
        assert got["wage_source"].str.contains("BLS").all()


def test_onet_by_soc_code(onet_adv):
    r = onet_adv.recommend(WorkerProfile("43-3031"), n=3)
    assert r.attrs["origin"].startswith("43-3031")
    assert "43-3031.00" not in set(r["occupation_id"])


def test_onet_gaps_are_level_aware(onet_adv):
    # Every O*NET occupation is rated on every skill, so a set-based gap would be empty;
    # a bookkeeping clerk has Management of Financial Resources, but far below a controller.
    gap = onet_adv.gap("43-3031.00", "11-3031.01").set_index("id")
    row = gap.loc["2.B.5.b"]
    assert row["level_needed"] - row["worker_level"] > onet_adv._ctx.level_tolerance
    assert row["level_source"] == "taxonomy"
    options = onet_adv.recommend("43-3031.00", n=10)
    assert (options["essential_coverage"] < 1).any() and (options["n_missing"] > 0).any()
