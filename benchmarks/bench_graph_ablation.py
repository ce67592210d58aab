"""What lifts ESCO's ranking against O*NET Related Occupations, and what does not.

The exploration behind the ESCO default of :class:`transitions.OccupationGraph`
(``docs/benchmarks/graph.md``, "ESCO: methods tried"): every row is one idea
measured on the crosswalk protocol of ``transitions.evaluation`` (NDCG@10,
P@10), on top of the hierarchical cosine skill measure and, where marked,
the ISCO prior with the previous default's weight (``+ C`` = ``+ 0.4 x``
shared ISCO levels). Settings are the best of a few tried per idea (in-sample,
so an upper bound for that idea); the shipped combination is then checked by
grouped cross-validation in ``bench_graph_ranking.py``.

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_graph_ablation.py

Takes a few minutes (dense 3,007 x 3,007 matrices; one core most of the time).
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.linalg import svds
from scipy.special import ndtr
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import OccupationGraph, evaluation as ev  # noqa: E402
from transitions.graph.hierarchy import propagation_matrix  # noqa: E402
from transitions.graph.measures import _row_normalise  # noqa: E402
from transitions.graph.priors import code_levels, code_prior_matrix  # noqa: E402
from transitions.graph.smoothing import group_affinity, neighbour_weights  # noqa: E402
from transitions.graph.specificity import specificity_weights  # noqa: E402


def _cosine(X, w):
    Xn = _row_normalise(sp.csr_matrix(X) @ sp.diags(w))
    return (Xn @ Xn.T).toarray()


def _idf(X):
    return specificity_weights(X, "idf")


def _top_mean(S, k):
    S = S.copy()
    np.fill_diagonal(S, -np.inf)
    return (-np.partition(-S, k, axis=1)[:, :k]).mean(axis=1)


def _affinity_matrix(S, groups):
    A = np.pad(group_affinity(S, groups), ((0, 1), (0, 1)))
    return np.take(A[groups], groups, axis=1)


def run(tax, truth):
    """Rows ``(idea, method, NDCG@10, P@10)``, one per variant."""
    rows = []

    def score(idea, method, S):
        r = ev.evaluate_similarity(S, truth)
        rows.append({"idea": idea, "method": method, "NDCG@10": r["ndcg"], "P@10": r["precision"]})
        print(f"{idea:28s} {method:58s} {r['ndcg']:.3f} {r['precision']:.3f}", flush=True)

    W = tax.incidence("weight")
    n = W.shape[0]
    C = code_prior_matrix(tax)
    _, P = propagation_matrix(tax, decay=1.0, depth=4)
    E = sp.csr_matrix(W @ P)
    w = _idf(E)
    HC = _cosine(E, w)
    base = HC + 0.4 * C
    score("reference", "hierarchical cosine (IDF, decay 1)", HC)
    score("reference", "hierarchical cosine + C (previous default)", base)

    # Saturation of the hierarchy-expanded weights (BM25-style tf).
    for label, f in (("BM25 tf, k1=1.2", lambda x: x * 2.2 / (x + 1.2)),
                     ("log(1 + x)", np.log1p), ("binary", lambda x: (x > 0) * 1.0)):
        E2 = E.copy()
        E2.data = f(E2.data)
        score("saturation", f"{label} + C", _cosine(E2, w) + 0.4 * C)

    # Separate channels by skill type and by ESCO reuse level.
    stype = tax.skills["skill_type"].fillna("other").to_numpy()
    reuse = tax.skills["reuse_level"].fillna("other").to_numpy()

    def channel(mask, Wm=W):
        Ec = sp.csr_matrix(Wm @ sp.diags(mask.astype(float)) @ P)
        return _cosine(Ec, _idf(Ec))

    know, skill = channel(stype == "knowledge"), channel(stype == "skill/competence")
    score("channels", "knowledge alone", know)
    score("channels", "skill/competence alone", skill)
    score("channels", "0.2 knowledge + 0.8 skill/competence + C",
          0.2 * know + 0.8 * skill + 0.4 * C)
    score("channels", "(0.2 knowledge + 0.8 skill + HC) / 2 + C",
          0.5 * (0.2 * know + 0.8 * skill) + 0.5 * HC + 0.4 * C)
    levels = ("cross-sector", "sector-specific", "occupation-specific")
    reuse_mix = sum(channel(reuse == lv) for lv in levels) / 3
    score("channels", "reuse levels (cross/sector/occupation) equal + C", reuse_mix + 0.4 * C)

    # Essential vs optional weights per channel.
    ESS, OPT = tax.incidence("essential"), tax.incidence("optional")
    isk = (stype == "knowledge").astype(float)
    for (ek, ok, es, os_) in ((1, 0.25, 1, 0.5), (1, 0.5, 1, 1.0), (1, 1.0, 1, 0.5)):
        Wc = ESS @ sp.diags(ek * isk + es * (1 - isk)) + OPT @ sp.diags(ok * isk + os_ * (1 - isk))
        Ec = sp.csr_matrix(Wc @ P)
        score("essential/optional", f"knowledge {ek}/{ok}, skill {es}/{os_} + C",
              _cosine(Ec, _idf(Ec)) + 0.4 * C)

    # Skill embeddings: PPMI of skill co-occurrence in occupations, truncated SVD.
    B = sp.csr_matrix((W > 0).astype(float))
    co = (B.T @ B).tocoo()
    off = co.row != co.col
    r, c, v = co.row[off], co.col[off], co.data[off]
    rs = np.bincount(r, weights=v, minlength=B.shape[1])
    pmi = np.log(v * v.sum() / (rs[r] * rs[c]))
    keep = pmi > 0
    M = sp.csr_matrix((pmi[keep], (r[keep], c[keep])), shape=(B.shape[1],) * 2)
    U, s, _ = svds(M, k=100, random_state=0)
    emb = U * np.sqrt(s)
    emb /= np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)
    O = np.asarray((W @ sp.diags(_idf(B))) @ emb)
    O /= np.maximum(np.linalg.norm(O, axis=1, keepdims=True), 1e-12)
    SE = O @ O.T
    score("skill embeddings", "PPMI + SVD(100) occupation centroids", SE)
    score("skill embeddings", "HC + 0.3 x PPMI-SVD + C", HC + 0.3 * SE + 0.4 * 1.3 * C)

    # Random walk with restart on the occupation - skill/group graph.
    Ew = sp.csr_matrix(E @ sp.diags(w))

    def rownorm(X):
        t = np.asarray(X.sum(axis=1)).ravel()
        return sp.diags(np.divide(1.0, t, out=np.zeros_like(t), where=t > 0)) @ X

    step = (rownorm(Ew) @ rownorm(Ew.T.tocsr())).toarray()
    alpha, R, Mt = 0.5, 0.5 * np.eye(n), np.eye(n)
    for t in range(1, 4):
        Mt = Mt @ step
        R += alpha * (1 - alpha) ** t * Mt
    d = np.sqrt(np.diag(R))
    score("random walk", "RWR (restart 0.5, 3 steps), degree-normalised", R / np.outer(d, d))
    del R, Mt, step

    # Asymmetric coverage in the other direction.
    cov = OccupationGraph.from_taxonomy(tax, "coverage", hierarchy_decay=1.0)._matrix_array()
    score("asymmetry", "HC + 0.5 x coverage(destination covers origin) + C",
          HC + 0.5 * cov.T + 0.4 * 1.5 * C)
    del cov

    # Hubness reduction and mutual neighbours.
    hub = _top_mean(base, 50)
    score("hubness", "CSLS: (HC + C) - 0.3 x mean top-50 of destination", base - 0.3 * hub[None, :])
    Sx = base.copy()
    np.fill_diagonal(Sx, np.nan)
    mu, sd = np.nanmean(Sx, axis=1), np.nanstd(Sx, axis=1)
    del Sx
    score("hubness", "mutual proximity (Gaussian)",
          ndtr((base - mu[None, :]) / sd[None, :]) * ndtr((base - mu[:, None]) / sd[:, None]))
    S0 = base.copy()
    np.fill_diagonal(S0, -np.inf)
    ranks = rankdata(-S0, axis=1, method="ordinal")
    del S0
    score("mutual neighbours", "+ 0.02 if the origin is in the destination's top 10",
          base + 0.02 * (ranks.T <= 10))
    score("rank fusion", "1/(20 + row rank) + 0.3/(20 + column rank)",
          1 / (20 + ranks) + 0.3 / (20 + ranks.T))
    del ranks

    # Classification-group smoothing (the affinity prior) at several levels.
    isco = tax.occupations["isco_code"].to_numpy()
    lv = code_levels(isco, "isco_code")
    for digits, groups in zip((2, 3, 4), lv[1:]):
        score("group affinity", f"+ 2 x mean HC between ISCO {digits}-digit groups",
              base + 2 * _affinity_matrix(HC, groups))
    parent = pd.Series(tax.occupations["esco_code"].astype(str)).str.rsplit(".", n=1).str[0]
    score("group affinity", "+ 2 x mean HC between ESCO parent codes (e.g. 2654.1)",
          base + 2 * _affinity_matrix(HC, pd.factorize(parent)[0]))
    M4 = sp.csr_matrix((np.ones(n), (np.arange(n), lv[-1])))
    X = _row_normalise(E @ sp.diags(w))
    cen = _row_normalise(M4.T @ X)
    score("group affinity", "+ 1 x cosine of ISCO unit-group centroids",
          base + (cen @ cen.T).toarray()[np.ix_(lv[-1], lv[-1])])

    # Neighbour smoothing (query expansion).
    N = neighbour_weights(HC, 10, exclude=np.arange(n))
    score("neighbour smoothing", "HC + C + 1 x mean of the 10 skill neighbours' rows",
          base + N @ base)
    N20 = neighbour_weights(HC, 20, exclude=np.arange(n))
    score("neighbour smoothing", "same with 20 neighbours", base + N20 @ base)
    Nb = neighbour_weights(base, 10, exclude=np.arange(n))
    score("neighbour smoothing", "neighbours by HC + C instead of HC", base + Nb @ base)
    b1 = base + 2 * _affinity_matrix(HC, lv[-1])
    score("combination", "HC + C + 2 x unit-group affinity + smoothing (the default)", b1 + N @ b1)
    score("combination", "the default + 0.5 x N (...) N^T (destination side too)",
          b1 + N @ b1 + 0.5 * (N @ (N @ b1).T).T)
    from transitions.graph.priors import text_prior_matrix

    bt = b1 + 0.5 * text_prior_matrix(tax)
    score("combination", "the default + 0.5 x title/description text", bt + N @ bt)
    E5 = sp.csr_matrix(W @ propagation_matrix(tax, decay=0.5)[1])
    HC5 = _cosine(E5, _idf(E5))
    b5 = HC5 + 0.4 * C + 2 * _affinity_matrix(HC5, lv[-1])
    N5 = neighbour_weights(HC5, 10, exclude=np.arange(n))
    score("combination", "the default over hierarchy decay 0.5", b5 + N5 @ b5)
    return pd.DataFrame(rows)


def main():
    data = Path(os.environ.get("TRANSITIONS_TEST_DATA",
                               Path(__file__).resolve().parents[2] / "shared" / "data"))
    from transitions import load_esco

    print(f"# graph ablation (ESCO) — {time.strftime('%Y-%m-%d')}, {platform.node()}, "
          f"{platform.machine()}, {os.cpu_count()} cores")
    tax = load_esco(data / "esco" / "v1.1.1")
    related = ev.read_related_occupations(data / "onet" / "29.3")
    cw = ev.read_crosswalk(data / "esco" / "crosswalk" / "ESCO_to_ONET-SOC2019_with_uris.csv")
    truth = ev.crosswalk_ground_truth(tax, related, cw)
    table = run(tax, truth)
    from bench_graph_ranking import markdown

    print()
    print(markdown(table))


if __name__ == "__main__":
    main()
