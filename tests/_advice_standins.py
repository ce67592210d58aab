"""Small stand-ins for the graph, labour-market and risk layers, for the advice tests.

They follow the published contracts (``similarity_from_skills``,
``similarity_matrix``; a market table with ``wage_*`` and ``trend`` columns;
a risk table with ``at_risk`` and ``risk_score``) with the simplest possible
content, so that the advice code can be tested on its own.
"""

import numpy as np
import pandas as pd
import scipy.sparse as sp

from transitions.datasets.sample import sample_path


class CosineGraph:
    """Cosine similarity of binary skill profiles with the weighted incidence."""

    def __init__(self, tax):
        self.tax = tax
        W = tax.incidence("weight").tocsr()
        norms = np.sqrt(np.asarray(W.multiply(W).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self._Wn = sp.diags(1.0 / norms) @ W
        self.calls = 0

    def _scores(self, H):
        H = sp.csr_matrix(H, dtype=float)
        hn = np.sqrt(np.asarray(H.multiply(H).sum(axis=1)).ravel())
        hn[hn == 0] = 1.0
        return np.asarray((sp.diags(1.0 / hn) @ H @ self._Wn.T).todense())

    def similarity_from_skills(self, skills, origins=None):
        # origins would switch on classification priors; the stand-in has none.
        self.calls += 1
        idx = self.tax.skill_index
        if isinstance(skills, pd.DataFrame):
            H = sp.csr_matrix(skills.reindex(columns=idx, fill_value=0).to_numpy(float))
        elif sp.issparse(skills):
            H = sp.csr_matrix(skills)
        else:
            rows, cols = [], []
            for i, s in enumerate(skills):
                pos = idx.get_indexer(list(s))
                rows += [i] * len(pos)
                cols += list(pos)
            H = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(skills), len(idx)))
        return pd.DataFrame(self._scores(H), columns=self.tax.occupation_index)

    def similarity_matrix(self):
        W = self.tax.incidence("weight")
        return pd.DataFrame(self._scores(W), index=self.tax.occupation_index,
                            columns=self.tax.occupation_index)


def sample_market_table(tax=None):
    lm = pd.read_csv(sample_path("labour_market.csv"), index_col="occupation_id")
    change = lm["employment_change_pct"]
    trend = np.where(change <= -1.0, "shrinking", np.where(change >= 1.0, "growing", "stable"))
    return pd.DataFrame({
        "wage_median": lm["wage_median"], "wage_p25": lm["wage_p25"], "wage_p75": lm["wage_p75"],
        "wage_currency": "EUR", "wage_year": 2024, "wage_source": "stand-in sample",
        "wage_level": "occupation", "trend": trend, "trend_pct": change,
        "trend_source": "stand-in sample", "trend_level": "occupation",
        # Demand: openings of every fifth occupation unknown (the median stands in for them).
        "openings": lm["openings"].where(np.arange(len(lm)) % 5 != 0),
        "openings_rate": lm["openings_rate"], "openings_source": "stand-in sample",
        "openings_level": "occupation",
        "tightness": lm["tightness"], "tightness_class": np.where(lm["tightness"] >= 2, "krap",
                                                                  "gemiddeld"),
        "tightness_source": "stand-in sample", "tightness_level": "occupation",
    }, index=lm.index.rename("id"))


def sample_risk_table(market):
    lm = pd.read_csv(sample_path("labour_market.csv"), index_col="occupation_id")
    at_risk = (lm["routine_task_intensity"] > 1.0) & (lm["expansion_demand_pct_2030"] <= -3.0)
    return pd.DataFrame({"risk_score": lm["automation_probability"], "at_risk": at_risk},
                        index=lm.index.rename("id"))


def sample_advisor(**kwargs):
    from transitions import load_sample
    from transitions.advice import Advisor

    tax = load_sample()
    market = sample_market_table(tax)
    return Advisor(tax, graph=CosineGraph(tax), market_table=market,
                   risk_table=sample_risk_table(market), **kwargs)


# ---------------------------------------------------------------------- test oracle
class _TaxIndex:
    """Plain-Python lookups of a taxonomy for the oracle (built once per taxonomy)."""

    def __init__(self, tax):
        from transitions.profile import DEFAULT_DIGCOMP_LEVEL

        rel = tax.relations
        self.weights = {o: dict(zip(g["skill_id"], g["weight"]))
                        for o, g in rel.groupby("occupation_id")}
        ess = rel[rel["relation"] == "essential"]
        self.essential = {o: set(g) for o, g in ess.groupby("occupation_id")["skill_id"]}
        # Rated taxonomies (O*NET): the level of every (occupation, skill) that has one.
        self.level = {}
        if "level" in rel.columns:
            rated = rel[pd.to_numeric(rel["level"], errors="coerce").notna()]
            self.level = {(o, s): float(lv) for o, s, lv in
                          zip(rated["occupation_id"], rated["skill_id"], rated["level"])}
        sk = tax.skills
        level = (pd.to_numeric(sk["digcomp_level"], errors="coerce") if "digcomp_level" in sk
                 else pd.Series(np.nan, index=sk.index)).fillna(DEFAULT_DIGCOMP_LEVEL)
        code = sk["digcomp"]
        self.by_competence = {}
        for sid, c, lv in zip(sk.index, code, level):
            if isinstance(c, str):
                self.by_competence.setdefault(c, []).append((sid, int(lv)))


_INDEX = {}


def tax_index(tax):
    if id(tax) not in _INDEX:
        _INDEX[id(tax)] = (tax, _TaxIndex(tax))
    return _INDEX[id(tax)][1]


def documented_skill_set(tax, profile, optional_held=True):
    """The skills a profile is taken to have, by the rule in transitions.profile's docs,
    written independently of the library's array code."""
    from transitions.digcomp import AREA_CODES, COMPETENCE_CODES

    idx = tax_index(tax)
    prof = profile.resolve(tax)
    own = idx.weights.get(prof.occupation, {})
    held = set(own) if optional_held else set(idx.essential.get(prof.occupation, ()))
    digcomp = prof.digcomp
    levels = {code: digcomp.get(code, digcomp.get(code[0])) for code in COMPETENCE_CODES}
    levels = {c: lv for c, lv in levels.items() if lv is not None}
    for area in AREA_CODES:
        rated = [lv for c, lv in levels.items() if c[0] == area]
        if area in digcomp or rated:
            levels[area] = digcomp.get(area, min(rated) if rated else None)
    for code, lv in levels.items():
        for sid, need in idx.by_competence.get(code, ()):
            if need <= lv:
                held.add(sid)
            else:
                held.discard(sid)
    return (held | set(prof.skills)) - set(prof.lacking)


def documented_gap(tax, profile, destination, tolerance=1.0, optional_held=True):
    """The destination's essential skills the profile lacks, by the documented rule: not held,
    or (rated taxonomies) held from the worker's occupation at a level more than
    ``tolerance`` below the destination's; declared skills meet any level."""
    idx = tax_index(tax)
    prof = profile.resolve(tax)
    held = documented_skill_set(tax, profile, optional_held)
    gap = set()
    for s in idx.essential.get(destination, ()):
        need, have = idx.level.get((destination, s)), idx.level.get((prof.occupation, s))
        if s not in held:
            gap.add(s)
        elif (need is not None and have is not None and s not in prof.skills
              and round(need - have, 6) > tolerance):
            gap.add(s)
    return gap


def profile_weights(tax, occupation, held):
    """Documented profile weights: own-occupation skills keep their relation weight, others 1."""
    own = tax_index(tax).weights.get(occupation, {})
    held = sorted(held)
    return pd.DataFrame([[own.get(s, 1.0) for s in held]], columns=held)


#: Months per missing essential skill by reuse level, as transitions.advice.effort documents.
# The calibrated months per missing skill (transitions.advice.effort): 0.36 per cross-sector
# skill in the ratio 0.5 : 1 : 1.5 : 2; unknown reuse level 0.54; no reuse levels at all 1.5.
_MONTHS = {"transversal": 0.18, "cross-sector": 0.36, "sector-specific": 0.54,
           "occupation-specific": 0.72}
_ISCO_LEVEL = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1,
               "01": 4, "02": 2, "03": 1}


def documented_months(tax, skills):
    if "reuse_level" not in tax.skills:
        return 1.5 * len(skills)
    reuse = tax.skills["reuse_level"]
    return sum(_MONTHS.get(str(reuse.get(s, "")).strip().lower(), 0.54) for s in skills)


def documented_education(tax):
    """Education level per occupation as transitions.advice.score documents it."""
    occ = tax.occupations
    if "job_zone" in occ:
        return pd.to_numeric(occ["job_zone"], errors="coerce")
    code = occ["isco_code"].astype(str)
    key = code.where(code.str[0] == "0", code.str[0]).str[:2]
    return key.map(_ISCO_LEVEL).astype(float)


def documented_score(advisor, prof, sim, ratio, coverage, months):
    """The transition score's likelihood by its documented features (transitions.advice.score),
    written out feature by feature from the public inputs."""
    tax = advisor.taxonomy
    beta = advisor.score_model.coefficients
    occ = tax.occupations
    col = "isco_code" if "isco_code" in occ else "soc_code"
    cuts = (1, 2, 3, 4) if col == "isco_code" else (2, 4, 6, 7)
    code = occ[col].astype(object)
    mine = code[prof.occupation]

    def shared(c):
        if not isinstance(c, str) or not isinstance(mine, str):
            return 0.0
        return sum(len(c) >= k and len(mine) >= k and c[:k] == mine[:k] for k in cuts) / len(cuts)

    edu = documented_education(tax)
    step = (edu - edu[prof.occupation]).fillna(0.0)
    openings = pd.to_numeric(advisor.market_table.get("openings"), errors="coerce") \
        if "openings" in advisor.market_table else pd.Series(np.nan, index=occ.index)
    openings = openings.reindex(occ.index)
    fill = openings[openings >= 0].median() if (openings >= 0).any() else 0.0
    demand = np.log1p(openings.where(openings >= 0, fill))
    lr = np.log(ratio.where(ratio > 0)).replace([np.inf, -np.inf], np.nan).fillna(0.0)
    s = (beta["log_similarity"] * np.log(np.maximum(sim, 0.01))
         + beta["coverage"] * coverage + beta["gap_years"] * months / 12.0
         + beta["classification"] * code.map(shared).astype(float)
         + beta["education_up"] * step.clip(lower=0) + beta["education_down"] * (-step).clip(lower=0)
         + beta["log_wage_ratio"] * lr.clip(-1, 1) + beta["demand"] * demand)
    s[prof.occupation] = -np.inf
    e = np.exp(s - s.max())
    return e / e.sum()


def expected_options(advisor, profile, criteria=None):
    """Good options by the documented definition (transitions.advice.criteria), from the public
    inputs only, with the transition score's likelihood."""
    c = criteria or advisor.criteria
    tax = advisor.taxonomy
    prof = profile.resolve(tax)
    held = documented_skill_set(tax, prof)
    weights = profile_weights(tax, prof.occupation, held)
    sim = advisor.graph.similarity_from_skills(weights, origins=[prof.occupation]).iloc[0]
    sim = sim.reindex(tax.occupation_index).fillna(0.0)
    wage = pd.to_numeric(advisor.market_table["wage_median"], errors="coerce")
    wage = wage.reindex(tax.occupation_index).where(lambda w: w > 0)
    floor = pd.to_numeric(advisor.market_table.get("wage_minimum"), errors="coerce") \
        if "wage_minimum" in advisor.market_table else pd.Series(np.nan, index=wage.index)
    # Without a wage of their own: the occupation's median, never below the adult minimum.
    worker = prof.wage if prof.wage is not None else np.nanmax(
        [wage[prof.occupation], floor.reindex(wage.index)[prof.occupation]])
    ratio = wage / worker
    risk = advisor.risk_table["at_risk"].reindex(tax.occupation_index).astype("boolean").fillna(False)
    essential = tax_index(tax).essential
    gaps = pd.Series([documented_gap(tax, prof, d) for d in tax.occupation_index],
                     index=tax.occupation_index)
    n_ess = pd.Series([len(essential.get(d, set())) for d in tax.occupation_index],
                      index=tax.occupation_index)
    carried = n_ess - gaps.map(len)
    # No months per education level up (calibrated away, transitions.advice.effort).
    months = gaps.map(lambda g: documented_months(tax, g))
    coverage = (carried / n_ess.where(n_ess > 0)).fillna(1.0)
    score = documented_score(advisor, prof, sim, ratio, coverage, months)
    ok = (ratio >= prof.min_wage_ratio - 1e-12) & ratio.notna()
    if prof.exclude_at_risk:
        ok &= ~risk.astype(bool)
    if c.in_demand_only:
        ok &= pd.Series(advisor._ctx.in_demand, index=tax.occupation_index)
    ok &= months <= c.max_gap_months + 1e-9
    share = carried / n_ess.where(n_ess > 0)
    ok &= (carried >= c.min_carried) | ((share >= c.min_carried_share - 1e-12) & (carried >= 2))
    if c.min_similarity > 0:
        ok &= sim >= c.min_similarity
    ok[prof.occupation] = False
    ok[list(prof.exclude)] = False
    out = pd.DataFrame({"similarity": sim, "wage_ratio": ratio, "missing": gaps,
                        "carried": carried, "months": months, "score": score})
    return out[ok.to_numpy(bool)], held, worker
