"""Learned skill weights for the ESCO default, and what O*NET's own ratings would add.

Two experiments for issue 3 (ESCO target NDCG@10 >= 0.50 on the O*NET Related
Occupations crosswalk protocol of ``transitions.evaluation``):

1. **Metric learning.** The default's skill part is a cosine of IDF-weighted
   skill vectors expanded up ESCO's skill hierarchy. Here every concept
   (skill or skill group) gets a learned multiplier ``exp(theta_c)`` on its
   IDF weight, fitted by a listwise loss (ListNet: softmax cross-entropy of
   each origin's scores against its graded judgements, temperature ``TAU``,
   L2 penalty ``LAM`` on theta, Adam, ``ITERS`` steps, analytic gradient, no
   pair loops). The learned cosine then goes through the default's formula
   (ISCO prior, unit-group affinity, neighbour smoothing). Folds group the
   origins by ISCO 2-digit major group (as ``bench_graph_ltr.py``); training
   also masks out destinations in the held-out major groups, so no judgement
   that touches a held-out group is used to fit the weights scoring it.
2. **Information ceiling (a diagnostic, not a method).** The O*NET default
   graph carried onto ESCO through the same crosswalk that defines the ground
   truth: the mean O*NET similarity between the two occupations' O*NET codes.
   It uses no related-occupation list, but it measures O*NET's ratings
   against O*NET's own judgements at O*NET's granularity, so it is not a
   measure of ESCO's skill overlap and is not offered as one.

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_graph_metric.py

About 8 minutes on the project VM (each fold's 40 steps take about 70 s).
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import OccupationGraph, evaluation as ev  # noqa: E402
from transitions.graph import ESCO_DEFAULT  # noqa: E402
from transitions.graph.hierarchy import propagation_matrix  # noqa: E402
from transitions.graph.measures import _SplitProduct  # noqa: E402
from transitions.graph.priors import code_levels, code_prior_matrix  # noqa: E402
from transitions.graph.smoothing import neighbour_weights  # noqa: E402
from transitions.graph.specificity import specificity_weights  # noqa: E402

from bench_graph_ltr import (  # noqa: E402
    N_FOLDS, _affinity_matrix, data_dir, esco_benchmark, folds_for)
from bench_graph_ranking import markdown  # noqa: E402

K = 10
#: ListNet temperature, L2 penalty, Adam steps and step size: chosen on fold 0 among
#: temperatures 0.02 / 0.05 / 0.1 / 0.2 / 0.4 and penalties 1e-3 / 1e-4 / 2e-5 / 1e-5.
TAU, LAM, ITERS, LR = 0.1, 1e-4, 40, 0.1


class ConceptWeightedCosine:
    """Cosine of ``E diag(idf * exp(theta))`` rows, with the gradient of a loss on it."""

    def __init__(self, E, idf):
        self.E = sp.csr_matrix(E)
        self.ET = sp.csr_matrix(self.E.T)
        self.E2 = self.E.multiply(self.E).tocsr()
        self.idf = idf

    def similarity(self, theta):
        v = self.idf ** 2 * np.exp(2 * theta)
        G = _SplitProduct((self.E @ sp.diags(v)).T)(self.E)
        norm = np.sqrt(np.maximum(np.diag(G).copy(), 1e-12))
        return G / norm[:, None] / norm[None, :], v, norm

    def gradient(self, theta, dS, rows):
        """d loss / d theta for ``dS`` = d loss / d S (non-zero only on ``rows``)."""
        S, v, norm = self.similarity(theta)
        B = dS[rows] / norm[rows, None] / norm[None, :]
        # d S_od / d v_c through the dot product: E_oc E_dc / (n_o n_d) ...
        M = self.ET @ B.T
        Er = self.E[rows].tocoo()
        direct = np.bincount(Er.col, weights=Er.data * M[Er.col, Er.row],
                             minlength=self.E.shape[1])
        # ... and through both norms: n_o = sqrt(sum_c E_oc^2 v_c).
        dSS = dS * S
        dnorm = -(dSS.sum(axis=1) + dSS.sum(axis=0)) / norm
        via_norm = self.E2.T @ (dnorm / (2 * norm))
        return (direct + via_norm) * 2 * v


def listnet_fit(model, rows, mask, target, tau=TAU, lam=LAM, iters=ITERS, lr=LR):
    """Theta minimising ListNet over origin positions ``rows`` (Adam)."""
    n = model.E.shape[0]
    theta = np.zeros(model.E.shape[1])
    m1, m2 = np.zeros_like(theta), np.zeros_like(theta)
    for it in range(1, iters + 1):
        S = model.similarity(theta)[0]
        Z = np.where(mask, S[rows] / tau, -np.inf)
        Z -= Z.max(axis=1, keepdims=True)
        p = np.exp(Z)
        p /= p.sum(axis=1, keepdims=True)
        dS = np.zeros((n, n))
        dS[rows] = (p - target) / (tau * len(rows))
        g = model.gradient(theta, dS, rows) + 2 * lam * theta
        m1 = 0.9 * m1 + 0.1 * g
        m2 = 0.999 * m2 + 0.001 * g * g
        theta -= lr * (m1 / (1 - 0.9 ** it)) / (np.sqrt(m2 / (1 - 0.999 ** it)) + 1e-8)
    return theta


def default_formula(S, C, groups):
    """The ESCO default's formula over a skill similarity ``S`` (see OccupationGraph)."""
    p = ESCO_DEFAULT[1]
    base = (S + p["code_prior"] * C + p["group_prior"] * _affinity_matrix(S, groups))
    base /= 1 + p["code_prior"] + p["group_prior"]
    N = neighbour_weights(S, p["smoothing_k"], exclude=np.arange(S.shape[0]))
    q = p["neighbour_smoothing"]
    return (base + q * (N @ base)) / (1 + q)


def metric_learning_cv(tax, truth):
    concepts, P = propagation_matrix(tax, decay=1.0, depth=4)
    E = sp.csr_matrix(tax.incidence("weight") @ P)
    model = ConceptWeightedCosine(E, specificity_weights(E))
    C = code_prior_matrix(tax)
    groups = code_levels(tax.occupations["isco_code"].to_numpy(), "isco_code")[-1]
    folds = folds_for(tax, truth)
    major = tax.occupations["isco_code"].astype(str).str[:2]
    fold_of_group = dict(zip(major.reindex(truth.origins), folds))
    occupation_fold = major.map(fold_of_group).fillna(-1).to_numpy()
    gain = np.exp2(truth.grades.toarray()) - 1
    allowed = ~truth.excluded.toarray()
    opos = truth.origin_positions
    S0 = model.similarity(np.zeros(E.shape[1]))[0]
    before = {"skill": ev.evaluate_similarity(S0, truth, K, per_origin=True),
              "default": ev.evaluate_similarity(default_formula(S0, C, groups), truth, K,
                                                per_origin=True)}
    after = {"skill": [], "default": []}
    for f in range(N_FOLDS):
        t = time.time()
        train = np.flatnonzero(folds != f)
        mask = allowed[train] & (occupation_fold != f)[None, :]
        target = gain[train] * mask
        keep = target.sum(axis=1) > 0
        train, mask, target = train[keep], mask[keep], target[keep]
        target /= target.sum(axis=1, keepdims=True)
        theta = listnet_fit(model, opos[train], mask, target)
        S = model.similarity(theta)[0]
        test = folds == f
        after["skill"].append(ev.evaluate_similarity(S, truth, K, per_origin=True)[test])
        after["default"].append(
            ev.evaluate_similarity(default_formula(S, C, groups), truth, K, per_origin=True)[test])
        print(f"fold {f}: {keep.sum()} training origins, |theta| mean "
              f"{np.abs(theta).mean():.3f}, held-out default NDCG@10 "
              f"{after['default'][-1]['ndcg'].mean():.3f} "
              f"(before {before['default'][test]['ndcg'].mean():.3f}) ({time.time() - t:.0f} s)",
              flush=True)
    rows = []
    for part, label in (("skill", "hierarchical cosine alone"), ("default", "the default formula")):
        held = pd.concat(after[part])
        rows.append({"method": f"{label}, IDF weights (as shipped)",
                     "NDCG@10": before[part]["ndcg"].mean(),
                     "P@10": before[part]["precision"].mean()})
        rows.append({"method": f"{label}, learned concept weights (held out)",
                     "NDCG@10": held["ndcg"].mean(), "P@10": held["precision"].mean()})
    return rows


def crosswalk_ceiling(tax, truth, onet, crosswalk):
    So = OccupationGraph.from_taxonomy(onet).similarity_matrix()
    codes = So.index
    cw = crosswalk[crosswalk["onet_code"].isin(codes)
                   & crosswalk["occupation_id"].isin(tax.occupation_index)]
    M = sp.csr_matrix((np.ones(len(cw)), (tax.occupation_index.get_indexer(cw["occupation_id"]),
                                          codes.get_indexer(cw["onet_code"]))),
                      shape=(len(tax.occupation_index), len(codes)))
    M.data[:] = 1.0
    M = sp.diags(1.0 / np.maximum(np.asarray(M.sum(axis=1)).ravel(), 1.0)) @ M
    X = M @ (M @ So.to_numpy().T).T  # mean O*NET similarity over the two code lists
    D = OccupationGraph.from_taxonomy(tax).similarity_matrix().to_numpy()
    rows = []
    for label, S in (("O*NET default graph via the crosswalk, alone", X),
                     ("ESCO default + 0.25 x that", D + 0.25 * X),
                     ("ESCO default + 1 x that", D + X)):
        r = ev.evaluate_similarity(S, truth, K)
        rows.append({"method": f"{label} (diagnostic)", "NDCG@10": r["ndcg"],
                     "P@10": r["precision"]})
    print(f"ESCO occupations with an O*NET code in the O*NET graph: "
          f"{np.asarray(M.sum(axis=1)).ravel().astype(bool).mean():.1%}")
    return rows


def main():
    from transitions import load_onet

    data = data_dir()
    tax, crosswalk, truth = esco_benchmark(data, "learned skill weights and the crosswalk ceiling")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        onet = load_onet(data / "onet" / "29.3")
    rows = metric_learning_cv(tax, truth) + crosswalk_ceiling(tax, truth, onet, crosswalk)
    print()
    print(markdown(pd.DataFrame(rows)))


if __name__ == "__main__":
    main()
