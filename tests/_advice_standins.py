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

    def similarity_from_skills(self, skills):
        self.calls += 1
        idx = self.tax.skill_index
        rows, cols = [], []
        for i, s in enumerate(skills):
            pos = idx.get_indexer(list(s))
            rows += [i] * len(pos)
            cols += list(pos)
        H = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(skills), len(idx)))
        return pd.DataFrame(self._scores(H), columns=self.tax.occupation_index)

    def similarity_matrix(self):
        B = self.tax.incidence("binary")
        return pd.DataFrame(self._scores(B), index=self.tax.occupation_index,
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
