"""Switch advice on the sample, with stand-in graph / market / risk layers."""

import numpy as np
import pandas as pd
import pytest
from _advice_standins import CosineGraph, documented_skill_set, expected_options, sample_advisor

from transitions import (
    Advisor,
    InvalidParameterError,
    Taxonomy,
    UnknownOccupationError,
    UnknownSkillError,
    WorkerProfile,
)
from transitions.advice.effort import EFFORT_BANDS, MONTHS_BY_REUSE_LEVEL, effort_band
from transitions.advice.options import OPTION_COLUMNS
from transitions.advice.paths import PATH_COLUMNS, REASONS

THRESHOLD = 0.3


@pytest.fixture(scope="module")
def adv():
    return sample_advisor(min_similarity=THRESHOLD)


def _check_against_oracle(adv, profile):
    got = adv.recommend(profile, n=None)
    exp, held, worker = expected_options(adv, profile)
    assert set(got["occupation_id"]) == set(exp.index)
    assert got.attrs["n_options"] == len(exp)
    got = got.set_index("occupation_id")
    for dest, row in exp.iterrows():
        g = got.loc[dest]
        assert set(g["missing_skills"]) == row["missing"]
        assert g["n_missing"] == len(row["missing"])
        assert g["wage_ratio"] == pytest.approx(row["wage_ratio"])
        assert g["similarity"] == pytest.approx(row["similarity"])
        assert g["score"] == pytest.approx(row["score"], rel=1e-9)
        assert g["n_carried"] == row["carried"]
        assert g["effort_months"] == pytest.approx(row["months"])
        digital = adv.taxonomy.skills.loc[list(row["missing"]), "digital"]
        assert set(g["missing_digital"]) == set(digital.index[digital.to_numpy(bool)])
    return got


def test_recommend_matches_the_definition(adv):
    for occ in adv.taxonomy.occupation_index:
        _check_against_oracle(adv, WorkerProfile(occ))


def test_recommend_table_shape_and_order(adv):
    r = adv.recommend(WorkerProfile("kassamedewerker"), n=None, lang="nl")
    assert tuple(r.columns) == OPTION_COLUMNS
    assert list(r["rank"]) == list(range(1, len(r) + 1))
    key = list(zip(-r["score"].round(12), r["occupation_id"]))
    assert key == sorted(key)
    assert (r["label"] == r["label_nl"]).all()
    # The explanation names the skills that carry over, and the demand with its source.
    for _, row in r.iterrows():
        assert f"{row['n_carried']} van de " in row["explanation"]
        assert all(lbl in row["explanation"] for lbl in row["carried_labels"][:3])
        if pd.notna(row["openings"]):
            assert "baanopeningen per jaar (beroep, stand-in sample)" in row["explanation"]
        assert row["openings_source"] == "stand-in sample" or pd.isna(row["openings"])
    top3 = adv.recommend(WorkerProfile("kassamedewerker"), n=3)
    assert list(top3["occupation_id"]) == list(r["occupation_id"][:3])
    assert top3.attrs["origin"] == "occ-cashier" and top3.attrs["worker_wage_source"]


def test_own_wage_and_floor_change_the_options(adv):
    low = adv.recommend(WorkerProfile("boekhouder", wage=10.0), n=None)
    high = adv.recommend(WorkerProfile("boekhouder", wage=40.0), n=None)
    assert len(high) <= len(low)
    assert low.attrs["worker_wage_source"] == "profile"
    lenient = adv.recommend(WorkerProfile("boekhouder", min_wage_ratio=0.8), n=None)
    assert (lenient["wage_ratio"] >= 0.8).all()
    assert set(adv.recommend("boekhouder", n=None)["occupation_id"]) <= set(lenient["occupation_id"])


def test_at_risk_filter(adv):
    risky = set(adv.risk_table.index[adv.risk_table["at_risk"]])
    everyone = set()
    for occ in adv.taxonomy.occupation_index:
        on = adv.recommend(WorkerProfile(occ), n=None)
        off = adv.recommend(WorkerProfile(occ, exclude_at_risk=False), n=None)
        assert not (set(on["occupation_id"]) & risky)
        assert set(on["occupation_id"]) <= set(off["occupation_id"])
        everyone |= set(off["occupation_id"])
    assert everyone & risky, "the filter is exercised: some at-risk destinations exist"


def test_exclude_and_extra_skills(adv):
    base = adv.recommend("kassamedewerker", n=None)
    first = base["occupation_id"].iloc[0]
    without = adv.recommend(WorkerProfile("kassamedewerker", exclude=[first]), n=None)
    assert first not in set(without["occupation_id"])
    # Learning every essential skill of a destination closes its gap.
    dest = base.iloc[0]
    learned = adv.recommend(WorkerProfile("kassamedewerker", skills=list(dest["missing_skills"])),
                            n=None).set_index("occupation_id")
    assert learned.loc[dest["occupation_id"], "n_missing"] == 0
    assert learned.loc[dest["occupation_id"], "effort_band"] == "<= 6 months"


def test_gap_table_agrees_with_recommend(adv):
    p = WorkerProfile("boekhouder", digcomp={"1": 2})
    r = adv.recommend(p, n=None, min_similarity=0.1).set_index("occupation_id")
    for dest, row in r.iterrows():
        g = adv.gap(p, dest, lang="nl")
        skills = g[g["kind"] == "skill"]
        assert list(skills["id"]) != [] or row["n_missing"] == 0
        assert set(skills["id"]) == set(row["missing_skills"])
        comps = g[g["kind"] == "digcomp"]
        assert [(c, int(n)) for c, n in zip(comps["id"], comps["level_needed"])] == \
            [(c, n) for c, n, _ in row["digcomp_gap"]]
        # Digital skills are listed first.
        assert list(skills["digital"]) == sorted(skills["digital"], reverse=True)


def test_digcomp_gap_uses_the_self_assessment(adv):
    tax = adv.taxonomy
    ess = tax.relations[tax.relations["relation"] == "essential"].merge(
        tax.skills[["digcomp", "digcomp_level"]], left_on="skill_id", right_index=True)
    need = ess.dropna(subset=["digcomp"]).groupby(["occupation_id", "digcomp"])["digcomp_level"].max()
    p_low = WorkerProfile("kassamedewerker", digcomp={c: 1 for c in "12345"}, min_wage_ratio=0.5)
    p_high = WorkerProfile("kassamedewerker", digcomp={c: 8 for c in "12345"}, min_wage_ratio=0.5)
    low = adv.recommend(p_low, n=None, min_similarity=0.0).set_index("occupation_id")
    high = adv.recommend(p_high, n=None, min_similarity=0.0).set_index("occupation_id")
    assert (high["digcomp_gap"].map(len) == 0).all()
    for dest, row in low.iterrows():
        expected = {(c, int(lv), 1) for (o, c), lv in need.items() if o == dest and lv > 1}
        assert set(row["digcomp_gap"]) == expected


def test_determinism(adv):
    p = WorkerProfile("callcentermedewerker", digcomp={"2": 5}, skills=["sk-python"])
    a = adv.recommend(p, n=None)
    b = sample_advisor(min_similarity=THRESHOLD).recommend(p, n=None)
    pd.testing.assert_frame_equal(a, b)


def test_errors(adv):
    with pytest.raises(UnknownOccupationError) as info:
        adv.recommend(WorkerProfile("kassamederwerker"))
    assert any("occ-cashier" in s for s in info.value.suggestions)
    with pytest.raises(UnknownSkillError):
        adv.recommend(WorkerProfile("boekhouder", skills=["sk-unknown"]))
    with pytest.raises(InvalidParameterError, match="min_similarity"):
        adv.recommend("boekhouder", min_similarity=1.5)
    with pytest.raises(InvalidParameterError, match="lang"):
        adv.recommend("boekhouder", lang="de")
    with pytest.raises(InvalidParameterError, match="n must"):
        adv.recommend("boekhouder", n=0)
    with pytest.raises(InvalidParameterError, match="profile"):
        adv.recommend(42)


def test_unknown_origin_wage_is_a_clear_error():
    tax = sample_advisor().taxonomy
    from _advice_standins import sample_market_table, sample_risk_table

    market = sample_market_table(tax)
    market.loc["occ-bookkeeper", "wage_median"] = np.nan
    adv = Advisor(tax, graph=CosineGraph(tax), market_table=market,
                  risk_table=sample_risk_table(market), min_similarity=THRESHOLD)
    with pytest.raises(InvalidParameterError, match="wage="):
        adv.recommend("boekhouder")
    assert len(adv.recommend(WorkerProfile("boekhouder", wage=20.0), n=None)) > 0
    # Nobody is sent to an occupation whose wage is unknown.
    for occ in tax.occupation_index.drop("occ-bookkeeper"):
        assert "occ-bookkeeper" not in set(adv.recommend(occ, n=None)["occupation_id"])


def test_advisor_needs_a_market_outside_the_sample():
    tax = sample_advisor().taxonomy.extend(name="other")
    with pytest.raises(InvalidParameterError, match="market"):
        Advisor(tax, graph=CosineGraph(tax))


# ---------------------------------------------------------------- effort
def test_effort_bands_follow_the_documented_months(adv):
    assert effort_band(6.0) == "<= 6 months" and effort_band(6.01) == "<= 1 year"
    assert effort_band(36.0) == "<= 3 years" and effort_band(36.5) == "> 3 years"
    assert [b for _, b in EFFORT_BANDS] == ["<= 6 months", "<= 1 year", "<= 3 years"]
    r = adv.recommend("kassamedewerker", n=None, min_similarity=0.0, max_gap_months=40)
    reuse = adv.taxonomy.skills["reuse_level"].map(MONTHS_BY_REUSE_LEVEL)
    assert (r["education_step"] > 0).any(), "the education step is exercised"
    for _, row in r.iterrows():
        # Education levels up add no months (calibrated on observed moves).
        months = reuse.loc[list(row["missing_skills"])].sum()
        assert row["effort_months"] == pytest.approx(months)
        assert row["effort_band"] == effort_band(months)


# ---------------------------------------------------------------- paths
def test_paths_obey_every_step_constraint(adv):
    tax = adv.taxonomy
    wage = adv.market_table["wage_median"]
    risky = set(adv.risk_table.index[adv.risk_table["at_risk"]])
    seen = 0
    for occ in tax.occupation_index:
        p = WorkerProfile(occ)
        direct = set(adv.recommend(p, n=None)["occupation_id"])
        paths = adv.paths(p, n=10, per_end=2)
        assert tuple(paths.columns) == PATH_COLUMNS
        for _, row in paths.iterrows():
            seen += 1
            path = row["path"]
            assert path[0] == occ and len(path) == row["steps"] + 1 and 2 <= row["steps"] <= 3
            assert len(set(path)) == len(path)
            assert row["occupation_id"] == path[-1] and path[-1] not in direct
            # The first switch is a good direct option, or learning comes first.
            assert path[1] in direct if direct else len(row["learn_first"]) > 0
            assert not set(path[1:]) & risky
            w = wage[list(path)].to_numpy()
            assert (w[1:] >= w[:-1] - 1e-9).all()
            # Every later switch is a good option of the step before (its default worker).
            for a, b in zip(path[1:-1], path[2:]):
                assert b in set(adv.recommend(WorkerProfile(a, exclude_at_risk=False,
                                                            min_wage_ratio=1e-6),
                                              n=None)["occupation_id"])
            assert row["path_score"] == pytest.approx(np.prod(row["step_score"]))
            # Cumulative gap: what is learned first, then each step's missing essentials
            # given what was held before.
            held = documented_skill_set(tax, p) | set(row["learn_first"])
            expected = list(row["learn_first"])
            for k, (o, step) in enumerate(zip(path[1:], row["step_missing"])):
                ess = set(tax.occupation_skills(o, relation="essential").index)
                first = set(row["learn_first"]) if k == 0 else set()
                assert set(step) == (ess - held) | first
                expected += [s for s in step if s not in first]
                held |= set(tax.occupation_skills(o).index)
            assert list(row["missing_skills"]) == expected
            assert row["reason"] in REASONS
    assert seen > 0


def test_paths_respect_max_steps(adv):
    assert adv.paths(WorkerProfile("kassamedewerker", max_steps=1)).empty
    two = adv.paths(WorkerProfile("kassamedewerker", max_steps=2), n=None)
    assert (two["steps"] == 2).all()


# ---------------------------------------------------------------- skills to learn
@pytest.mark.parametrize("occupation", ["occ-cashier", "boekhouder"])
def test_skills_to_learn_have_the_effect_they_claim(adv, occupation):
    p = WorkerProfile(occupation, digcomp={"3": 2})
    learn = adv.skills_to_learn(p, n=None)
    if occupation == "occ-cashier":  # one where single units open doors
        assert (learn["n_new_options"] > 0).sum() >= 5
    assert len(learn)
    # Nothing without an effect.
    assert ((learn["n_new_options"] > 0) | (learn["months_saved"] > 0)).all()
    assert (learn["value"] > 0).all()
    before = adv.recommend(p, n=None).set_index("occupation_id")
    for _, row in learn.iterrows():
        if row["kind"] == "skill":
            after_p = p.replace(skills=list(p.skills) + [row["id"]])
        else:
            after_p = p.replace(digcomp={**p.digcomp, row["id"]: int(row["level"])})
        after = adv.recommend(after_p, n=None).set_index("occupation_id")
        assert set(after.index) - set(before.index) == set(row["new_options"])
        assert len(after) == row["n_options_after"]
        kept = before.index.intersection(after.index)
        saved = before.loc[kept, "effort_months"] - after.loc[kept, "effort_months"]
        assert (saved > 1e-9).sum() == row["n_closer"]
        assert saved[saved > 1e-9].sum() == pytest.approx(row["months_saved"])
    key = list(zip(-learn["value"], -learn["n_new_options"], learn["effort_months"]))
    assert key == sorted(key)


# ---------------------------------------------------------------- batch
def test_batch_equals_single_and_is_parallel_safe(adv):
    ids = list(adv.taxonomy.occupation_index)
    df = pd.DataFrame({"profile_id": [f"w{i}" for i in range(100)],
                       "occupation": [ids[i % len(ids)] for i in range(100)],
                       "digcomp_3": [2, None, 6, None] * 25,
                       "wage": [None, 30.0, None, 12.0] * 25,
                       "skills": ["sk-python|sk-sql", None, [], "sk-python"] * 25})
    one = adv.recommend_batch(df, n=4, lang="nl", explain=True)
    two = adv.recommend_batch(df, n=4, lang="nl", explain=True, n_jobs=2, block_size=17)
    pd.testing.assert_frame_equal(one, two)
    assert tuple(one.columns) == ("profile_id", "status", *OPTION_COLUMNS)
    from transitions.advice.batch import profiles_from_frame

    for prof in profiles_from_frame(df)[:12]:
        single = adv.recommend(prof, n=4, lang="nl")
        got = one[(one["profile_id"] == prof.profile_id) & (one["status"] == "option")]
        got = got.drop(columns=["profile_id", "status"]).reset_index(drop=True)
        # The batch's integer/boolean columns are nullable (workers without options).
        pd.testing.assert_frame_equal(got, single, check_dtype=False)
    counts = adv.count_options(df)
    assert list(counts["profile_id"]) == list(df["profile_id"])
    # One row per worker at least, in input order; the options as counted.
    assert list(one["profile_id"].drop_duplicates()) == list(df["profile_id"])
    opts = one[one["status"] == "option"]
    per = opts.groupby("profile_id").size().reindex(df["profile_id"], fill_value=0)
    assert (per.to_numpy() == np.minimum(counts["n_options"], 4)).all()
    empty = one[one["status"] != "option"].set_index("profile_id")
    c = counts.set_index("profile_id").loc[empty.index]
    assert (c["n_options"] == 0).all()
    assert ((empty["status"] == "no_wage") == ~c["wage_known"]).all()
    assert empty["rank"].isna().all()


def test_batch_errors(adv):
    df = pd.DataFrame({"occupation": ["boekhouder", "astronaut", "kassamedewerker"]})
    with pytest.raises(UnknownOccupationError, match="row 1") as info:
        adv.recommend_batch(df)
    assert info.value.suggestions
    with pytest.warns(UserWarning, match="1 profile"):
        out = adv.recommend_batch(df, errors="skip")
    assert list(out["profile_id"].drop_duplicates()) == [0, 1, 2]
    skipped = out[out["profile_id"] == 1]
    assert list(skipped["status"]) == ["skipped"] and "astronaut" in skipped["explanation"].iloc[0]
    with pytest.raises(InvalidParameterError, match="salary"):
        adv.recommend_batch(pd.DataFrame({"occupation": ["boekhouder"], "salary": [20]}))
    with pytest.raises(InvalidParameterError, match="row 0"):
        adv.recommend_batch(pd.DataFrame({"occupation": ["boekhouder"], "digcomp_3": [9]}))


# ---------------------------------------------------------------- coverage
def test_coverage_counts_and_shares(adv):
    from transitions.datasets.sample import sample_path

    workers = pd.read_csv(sample_path("labour_market.csv"), index_col="occupation_id")["employment"]
    per = adv.coverage(workforce=workers, by="occupation")
    counts = adv.count_options(list(adv.taxonomy.occupation_index))
    assert (per["n_options"].to_numpy() == counts["n_options"].to_numpy()).all()
    cov = adv.coverage(workforce=workers)
    d = cov[cov["default"]].set_index("group")
    w = per["workers"]
    assert d.loc["all", "share_with_option"] == pytest.approx((w * (per["n_options"] > 0)).sum() / w.sum())
    assert d.loc["all", "mean_options"] == pytest.approx((w * per["n_options"]).sum() / w.sum())
    risky = per["at_risk"]
    assert d.loc["at risk", "workers"] == pytest.approx(w[risky].sum())
    assert np.allclose(cov["share_with_option"] + cov["share_none"], 1.0)
    # More months of learning allowed never give fewer options.
    grid = cov[(cov["group"] == "all") & (cov["min_wage_ratio"] == 1.0) & cov["exclude_at_risk"]
               & (cov["min_carried"] == adv.criteria.min_carried) & ~cov["in_demand_only"]]
    grid = grid.sort_values("max_gap_months")
    assert len(grid) >= 4 and grid["mean_options"].is_monotonic_increasing
    # The best option's months: within a year exactly where the bound allows it.
    best = per["best_months"]
    assert ((per["n_options"] > 0) == best.notna()).all()
    assert (best.dropna() <= adv.criteria.max_gap_months).all()


# ---------------------------------------------------------------- rated taxonomies (levels)
def _rated_advisor(min_similarity=0.0, **kwargs):
    """Three occupations rated on four skills (levels on O*NET's 0-7 scale), one unrated tool."""
    occ = pd.DataFrame({"label_en": ["clerk", "analyst", "manager"],
                        "label_nl": ["klerk", "analist", "manager"]},
                       index=pd.Index(["clerk", "analyst", "manager"], name="id"))
    skills = pd.DataFrame({"label_en": ["maths", "writing", "leading", "spreadsheet", "strategy"],
                           "label_nl": ["rekenen", "schrijven", "leiden", "rekenblad", "strategie"],
                           "digital": [False, False, False, True, False], "digcomp": None},
                          index=pd.Index(["maths", "writing", "leading", "sheet", "strategy"],
                                         name="id"))
    rows = [  # occupation, skill, relation, level
        ("clerk", "maths", "essential", 3.0), ("clerk", "writing", "essential", 3.5),
        ("clerk", "leading", "optional", 1.0), ("clerk", "sheet", "essential", None),
        ("analyst", "maths", "essential", 4.5), ("analyst", "writing", "essential", 4.0),
        ("analyst", "leading", "optional", 1.5), ("analyst", "sheet", "essential", None),
        ("analyst", "strategy", "optional", 2.0),
        ("manager", "maths", "essential", 3.5), ("manager", "writing", "essential", 4.0),
        ("manager", "leading", "essential", 5.0), ("manager", "strategy", "essential", 5.0),
    ]
    rel = pd.DataFrame(rows, columns=["occupation_id", "skill_id", "relation", "level"])
    rel["weight"] = 1.0
    rel["importance"] = 3.0
    tax = Taxonomy(occ, skills, rel, name="rated")
    market = pd.DataFrame({"wage_median": [20.0, 30.0, 40.0], "wage_source": "test"},
                          index=occ.index)
    risk = pd.DataFrame({"at_risk": False, "risk_score": 0.0}, index=occ.index)
    return Advisor(tax, graph=CosineGraph(tax), market_table=market, risk_table=risk,
                   min_similarity=min_similarity, **kwargs)


def test_rated_gaps_count_skills_held_below_the_needed_level():
    adv = _rated_advisor()
    got = adv.recommend("clerk", n=None, explain=False).set_index("occupation_id")
    # analyst: maths 3.0 vs 4.5 is 1.5 short (> tolerance 1); writing 3.5 vs 4.0 is within it;
    # the unrated spreadsheet is held. manager: leading is held at 1.0 (optional) vs 5.0 and
    # strategy not at all; maths and writing are within the tolerance.
    assert set(got.loc["analyst", "missing_skills"]) == {"maths"}
    assert set(got.loc["manager", "missing_skills"]) == {"leading", "strategy"}
    assert got.loc["analyst", "essential_coverage"] == pytest.approx(2 / 3)
    assert got.loc["manager", "essential_coverage"] == pytest.approx(2 / 4)
    gap = adv.gap("clerk", "analyst").set_index("id")
    assert gap.loc["maths", ["level_needed", "worker_level"]].tolist() == [4.5, 3.0]
    assert gap.loc["maths", "level_source"] == "taxonomy"
    # A wider tolerance closes the maths gap; a declared skill meets any level.
    assert adv.gap(WorkerProfile("clerk", skills=["maths"]), "analyst").empty
    assert _rated_advisor(level_tolerance=2.0).gap("clerk", "analyst").empty
    # A skill the worker says they lack is missing whatever the level, and has no worker level.
    lacking = adv.gap(WorkerProfile("clerk", lacking=["sheet"]), "analyst").set_index("id")
    assert set(lacking.index) == {"maths", "sheet"}
    assert pd.isna(lacking.loc["sheet", "worker_level"])


def test_rated_paths_carry_the_levels_of_each_step():
    # Cosine: clerk-analyst and analyst-manager 0.89, clerk-manager 0.75, so at 0.8 the
    # manager is reached only through the analyst.
    adv = _rated_advisor(min_similarity=0.8)
    assert set(adv.recommend("clerk", n=None)["occupation_id"]) == {"analyst"}
    paths = adv.paths("clerk", n=None)
    assert [tuple(p) for p in paths["path"]] == [("clerk", "analyst", "manager")]
    # The clerk lacks maths for the analyst; after working as one, maths is at 4.5 (enough for
    # the manager's 3.5) while leading (1.5) and strategy (2.0) stay below the manager's 5.0.
    assert paths["step_missing"].iloc[0] == (("maths",), ("leading", "strategy"))


def test_level_tolerance_is_checked():
    with pytest.raises(InvalidParameterError, match="level_tolerance"):
        _rated_advisor(level_tolerance=-1)
