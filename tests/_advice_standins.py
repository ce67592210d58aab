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
def documented_skill_set(tax, profile, optional_held=True):
    """The skills a profile is taken to have, by the rule in transitions.profile's docs,
    written independently of the library's array code."""
    from transitions.digcomp import digcomp_competences
    from transitions.profile import DEFAULT_DIGCOMP_LEVEL

    prof = profile.resolve(tax)
    rel = tax.relations[tax.relations["occupation_id"] == prof.occupation]
    if not optional_held:
        rel = rel[rel["relation"] == "essential"]
    held = set(rel["skill_id"])
    rated = {}
    digcomp = prof.digcomp
    for code in digcomp_competences().index:
        if code in digcomp:
            rated[code] = digcomp[code]
        elif code[0] in digcomp:
            rated[code] = digcomp[code[0]]
    sk = tax.skills
    level = (pd.to_numeric(sk["digcomp_level"], errors="coerce") if "digcomp_level" in sk
             else pd.Series(np.nan, index=sk.index))
    for code, lv in rated.items():
        need = level[sk["digcomp"] == code].fillna(DEFAULT_DIGCOMP_LEVEL)
        held |= set(need.index[need <= lv])
        held -= set(need.index[need > lv])
    return (held | set(prof.skills)) - set(prof.lacking)


def profile_weights(tax, occupation, held):
    """Documented profile weights: own-occupation skills keep their relation weight, others 1."""
    rel = tax.relations[tax.relations["occupation_id"] == occupation].set_index("skill_id")["weight"]
    w = pd.Series(1.0, index=sorted(held))
    own = w.index.intersection(rel.index)
    w[own] = rel[own]
    return w.to_frame().T


def expected_options(advisor, profile, threshold):
    """Good options by the advisor module's definition, from the public inputs only."""
    tax = advisor.taxonomy
    prof = profile.resolve(tax)
    held = documented_skill_set(tax, prof)
    weights = profile_weights(tax, prof.occupation, held)
    sim = advisor.graph.similarity_from_skills(weights, origins=[prof.occupation]).iloc[0]
    sim = sim.reindex(tax.occupation_index).fillna(0.0)
    wage = pd.to_numeric(advisor.market_table["wage_median"], errors="coerce")
    wage = wage.reindex(tax.occupation_index)
    worker = prof.wage if prof.wage is not None else wage[prof.occupation]
    ratio = wage / worker
    risk = advisor.risk_table["at_risk"].reindex(tax.occupation_index).astype("boolean").fillna(False)
    ok = (sim >= threshold) & (ratio >= prof.min_wage_ratio - 1e-12) & ratio.notna()
    if prof.exclude_at_risk:
        ok &= ~risk.astype(bool)
    ok[prof.occupation] = False
    ok[list(prof.exclude)] = False
    ess = tax.relations[tax.relations["relation"] == "essential"]
    essential = ess.groupby("occupation_id")["skill_id"].apply(set)
    out = pd.DataFrame({"similarity": sim, "wage_ratio": ratio})[ok.to_numpy(bool)]
    out["missing"] = [essential.get(d, set()) - held for d in out.index]
    n_ess = [len(essential.get(d, set())) for d in out.index]
    cov = [1.0 if n == 0 else 1 - len(m) / n for m, n in zip(out["missing"], n_ess)]
    out["score"] = np.sqrt(np.clip(out["similarity"], 0, None) * np.array(cov))
    return out, held, worker
