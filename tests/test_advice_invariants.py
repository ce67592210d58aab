"""Invariants of the recommendations over many random profiles (hypothesis).

On the sample (with stand-in graph / market / risk layers, and with the real
layers once they are available) and on full ESCO with the Dutch labour-market
data. Each example is one random worker: origin, extra and lacking skills,
DigComp self-assessment, own wage or not, wage floor, at-risk filter and
exclusions.
"""

import numpy as np
import pandas as pd
import pytest
from _advice_standins import documented_gap, expected_options, sample_advisor, tax_index
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transitions import WorkerProfile
from transitions.digcomp import AREA_CODES, COMPETENCE_CODES

N_EXAMPLES = 1000
_SETTINGS = settings(max_examples=N_EXAMPLES, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def draw_profile(data, tax, wage_range=(8.0, 60.0)):
    """One random profile on ``tax``."""
    occ_ids = list(tax.occupation_index)
    skill_ids = list(tax.skill_index)
    origin = data.draw(st.sampled_from(occ_ids), label="origin")
    own = sorted(tax_index(tax).weights.get(origin, {}))
    lacking = data.draw(st.lists(st.sampled_from(own), max_size=3, unique=True), label="lacking") \
        if own else []
    extra = data.draw(st.lists(st.sampled_from(skill_ids), max_size=5, unique=True), label="skills")
    extra = [s for s in extra if s not in lacking]
    codes = data.draw(st.lists(st.sampled_from(AREA_CODES + COMPETENCE_CODES), max_size=4,
                               unique=True), label="digcomp codes")
    digcomp = {c: data.draw(st.integers(1, 8), label=f"level {c}") for c in codes}
    wage = data.draw(st.one_of(st.none(), st.floats(*wage_range)), label="wage")
    ratio = data.draw(st.sampled_from([0.8, 0.9, 0.95, 1.0, 1.0, 1.1]), label="min_wage_ratio")
    exclude_at_risk = data.draw(st.booleans(), label="exclude_at_risk")
    exclude = data.draw(st.lists(st.sampled_from(occ_ids), max_size=3, unique=True), label="exclude")
    return WorkerProfile(origin, skills=extra, lacking=lacking, digcomp=digcomp, wage=wage,
                         min_wage_ratio=ratio, exclude_at_risk=exclude_at_risk, exclude=exclude)


def check_invariants(adv, profile, oracle=False):
    """The acceptance invariants for one profile; returns the options."""
    tax = adv.taxonomy
    try:
        got = adv.recommend(profile, n=None, explain=False)
    except Exception as exc:  # only the documented "no wage" case may refuse
        assert profile.wage is None and "wage=" in str(exc), exc
        return None
    prof = profile.resolve(tax)
    wage = pd.to_numeric(adv.market_table["wage_median"], errors="coerce").reindex(tax.occupation_index)
    floor = pd.to_numeric(adv.market_table.get("wage_minimum"), errors="coerce") \
        if "wage_minimum" in adv.market_table else pd.Series(np.nan, index=wage.index)
    # without a wage of their own: the occupation's median, never below the adult minimum
    worker = prof.wage if prof.wage is not None else np.nanmax(
        [wage[prof.occupation], floor.reindex(wage.index)[prof.occupation]])
    ids = list(got["occupation_id"])
    # no option below the wage floor, and the ratio is the one the market gives
    assert (got["wage_ratio"] >= prof.min_wage_ratio - 1e-9).all()
    np.testing.assert_allclose(got["wage_ratio"], wage[ids].to_numpy() / worker)
    # never the origin itself, never an excluded occupation
    assert prof.occupation not in ids
    assert not set(ids) & set(prof.exclude)
    # no at-risk destination when those are excluded
    if prof.exclude_at_risk:
        risk = adv.risk_table["at_risk"].reindex(ids).astype("boolean").fillna(False)
        assert not risk.any()
    # the gap is exactly the destination's essential skills the worker lacks (or, in a
    # rated taxonomy, holds too far below the needed level)
    for dest, gap in zip(ids, got["missing_skills"]):
        assert set(gap) == documented_gap(tax, prof, dest)
    # every option is a good one: a learnable gap with enough carried over
    c = adv.criteria
    assert (got["effort_months"] <= c.max_gap_months + 1e-9).all()
    n_ess = got["n_carried"] + got["n_missing"]
    assert ((got["n_carried"] >= c.min_carried)
            | ((got["n_carried"] >= c.min_carried_share * n_ess - 1e-9)
               & (got["n_carried"] >= 2))).all()
    # deterministic order: score desc, then id (scores within 1e-9 count as tied)
    log_s = np.log(got["score"].to_numpy())
    for a, b, ia, ib in zip(log_s[:-1], log_s[1:], ids[:-1], ids[1:]):
        assert a >= b - 1e-9 and (a - b > 1e-9 or ia < ib)
    if oracle:
        exp, _, _ = expected_options(adv, prof)
        assert set(ids) == set(exp.index)
        np.testing.assert_allclose(got["score"], exp.loc[ids, "score"], rtol=1e-9)
        np.testing.assert_allclose(got["effort_months"], exp.loc[ids, "months"])
    return got


# ---------------------------------------------------------------- sample
@pytest.fixture(scope="module")
def sample_adv():
    return sample_advisor(min_similarity=0.3)


@_SETTINGS
@given(data=st.data())
def test_invariants_on_the_sample(sample_adv, data):
    adv = sample_adv
    profile = draw_profile(data, adv.taxonomy)
    got = check_invariants(adv, profile, oracle=True)
    if got is not None:
        again = adv.recommend(profile, n=None, explain=False)
        pd.testing.assert_frame_equal(got, again)


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_batch_agrees_with_single_profiles(sample_adv, data):
    adv = sample_adv
    profiles = [draw_profile(data, adv.taxonomy).replace(profile_id=i, wage=20.0)
                for i in range(3)]
    batch = adv.recommend_batch(profiles, n=5, explain=True)
    for p in profiles:
        single = adv.recommend(p, n=5)
        rows = batch[batch["profile_id"] == p.profile_id]
        if single.empty:  # one row saying why there is none
            assert list(rows["status"]) in (["no_option"], ["no_wage"])
            continue
        assert set(rows["status"]) == {"option"}
        got = rows.drop(columns=["profile_id", "status"]).reset_index(drop=True)
        # The batch's integer/boolean columns are nullable (workers without options).
        pd.testing.assert_frame_equal(got, single, check_dtype=False)
