"""Learning to rank on top of the ESCO default: does a learned re-ranking of each row's top candidates help?

Experiment for issue 3 (ESCO target NDCG@10 >= 0.50 on the O*NET Related
Occupations crosswalk protocol of ``transitions.evaluation``). For every
evaluated origin, the top ``CANDIDATES`` destinations under the current ESCO
default are re-ranked by a model over per-pair features computed from the
ESCO taxonomy alone (the default and its components, plain / essential-only /
per-channel cosines, coverage both ways, shared essential skills, the pair's
rank in both rows, destination breadth, shared ISCO digits). Candidates
outside the top ``CANDIDATES`` keep their order below the re-ranked ones.

Only cross-validated figures count: folds group the origins by their ISCO
2-digit major group (the same fold assignment as ``bench_graph_ranking.py``),
the model is fitted on the other folds' origins and scores the held-out ones.

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_graph_ltr.py

Takes about 12 minutes on one core of the project VM under load (the pairwise and
gradient-boosting fits dominate; the features take 25 s).
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import evaluation as ev  # noqa: E402
from transitions.graph.hierarchy import propagation_matrix  # noqa: E402
from transitions.graph.measures import _row_normalise  # noqa: E402
from transitions.graph.priors import code_levels, code_prior_matrix  # noqa: E402
from transitions.graph.smoothing import group_affinity, neighbour_weights  # noqa: E402
from transitions.graph.specificity import specificity_weights  # noqa: E402

K = 10
CANDIDATES = 100
N_FOLDS = 5


def _cosine(X, w):
    Xn = _row_normalise(sp.csr_matrix(X) @ sp.diags(w))
    return (Xn @ Xn.T).toarray()


def _affinity_matrix(S, groups):
    A = np.pad(group_affinity(S, groups), ((0, 1), (0, 1)))
    return np.take(A[groups], groups, axis=1)


def _row_rank(S):
    """0-based rank of each column within its row (0 = best), self excluded."""
    S = S.copy()
    np.fill_diagonal(S, -np.inf)
    order = np.argsort(-S, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(S.shape[1])[None, :], axis=1)
    return ranks


def _kth(S, k):
    """Each row's k-th largest value, self excluded."""
    S = S.copy()
    np.fill_diagonal(S, -np.inf)
    n = S.shape[1]
    return np.partition(S, n - k, axis=1)[:, n - k]


def feature_matrices(tax):
    """Dense n x n feature matrices, by name (all from the taxonomy alone)."""
    W = tax.incidence("weight")
    n = W.shape[0]
    own = np.arange(n)
    F = {}
    _, P = propagation_matrix(tax, decay=1.0, depth=4)
    E = sp.csr_matrix(W @ P)
    wE = specificity_weights(E, "idf")
    HC = _cosine(E, wE)
    C = code_prior_matrix(tax)
    isco = tax.occupations["isco_code"].to_numpy()
    lv = code_levels(isco, "isco_code")
    A = _affinity_matrix(HC, lv[-1])
    base = (HC + 0.4 * C + 2.0 * A) / 3.4
    N = neighbour_weights(HC, 10, exclude=own)
    smooth = N @ base
    default = (base + smooth) / 2
    F.update(default=default, hc=HC, codes=C, affinity=A, base=base, smoothed=smooth)
    for d, g in zip((1, 2, 3, 4), lv):
        F[f"same_isco{d}"] = (g[:, None] == g[None, :]) & (g[:, None] >= 0)
    F["tfidf_cosine"] = _cosine(W, specificity_weights(W, "idf"))
    ESS = sp.csr_matrix(tax.incidence("essential"), dtype=float)
    ESS.data[:] = 1.0
    F["essential_cosine"] = _cosine(ESS, specificity_weights(ESS, "idf"))
    F["shared_essential"] = np.log1p((ESS @ ESS.T).toarray())
    # Coverage of the destination's (hierarchy-expanded, IDF) needs by the origin.
    need = sp.csr_matrix(E @ sp.diags(wE))
    credit = sp.csr_matrix((W > 0).astype(float) @ P)
    credit.data = np.minimum(credit.data, 1.0)
    tot = np.asarray(need.sum(axis=1)).ravel()
    cov = (credit @ need.T).toarray() / np.maximum(tot, 1e-12)[None, :]
    F["coverage_od"], F["coverage_do"] = cov, cov.T.copy()
    stype = tax.skills["skill_type"].fillna("other").to_numpy()
    trans = tax.skills["transversal"].fillna(False).astype(bool).to_numpy()
    for name, mask in (("know", stype == "knowledge"),
                       ("skill", (stype == "skill/competence") & ~trans),
                       ("transversal", trans)):
        Ec = sp.csr_matrix(W @ sp.diags(mask.astype(float)) @ P)
        F[f"ch_{name}"] = _cosine(Ec, specificity_weights(Ec, "idf"))
    breadth = np.log1p(np.asarray((W > 0).sum(axis=1)).ravel())
    F["dest_breadth"] = np.broadcast_to(breadth[None, :], (n, n))
    F["orig_breadth"] = np.broadcast_to(breadth[:, None], (n, n))
    R = _row_rank(default)
    F["log_row_rank"] = np.log1p(R)
    F["log_col_rank"] = np.log1p(R.T)
    # Cheap stand-ins for ranks (what a shipped measure could compute with np.partition):
    # the score relative to the origin's / destination's 10th and 50th best scores.
    for k in (10, 50):
        kth = _kth(default, k)
        F[f"row_minus_kth{k}"] = default - kth[:, None]
        F[f"col_minus_kth{k}"] = default.T - kth[None, :]
    return F


def candidates(default, truth, m=CANDIDATES):
    """Per origin row: top-m destination positions under the default (self excluded)."""
    pos = truth.origin_positions
    S = default[pos].copy()
    S[np.arange(len(pos)), pos] = -np.inf
    part = np.argpartition(-S, m - 1, axis=1)[:, :m]
    return part


def pair_table(F, names, truth, cand):
    pos = truth.origin_positions
    rows = np.repeat(np.arange(len(pos)), cand.shape[1])
    o = pos[rows]
    d = cand.ravel()
    X = np.column_stack([np.asarray(F[nm])[o, d].astype(float) for nm in names])
    G = truth.grades.toarray()
    EX = truth.excluded.toarray()
    y = G[rows, d]
    ex = EX[rows, d]
    return X, y, ex, rows, d


def _query_standardise(X, rows):
    """Features centred and scaled within each origin's candidate list."""
    df = pd.DataFrame(X)
    g = df.groupby(rows)
    Z = (df - g.transform("mean")) / (g.transform("std") + 1e-9)
    return np.hstack([X, Z.to_numpy()])


def _pairwise(X, y, rows, rng, per_query=200):
    """RankSVM-style pairs: differences of candidates of one origin with different grades."""
    diffs, signs = [], []
    order = np.argsort(rows, kind="stable")
    starts = np.searchsorted(rows[order], np.unique(rows))
    ends = np.append(starts[1:], len(rows))
    for s, e in zip(starts, ends):
        idx = order[s:e]
        yi = y[idx]
        if yi.max() == yi.min():
            continue
        a = rng.integers(0, len(idx), per_query * 3)
        b = rng.integers(0, len(idx), per_query * 3)
        ok = yi[a] != yi[b]
        a, b = a[ok][:per_query], b[ok][:per_query]
        sgn = np.sign(yi[a] - yi[b])
        # Weight by gain difference (|2^ga - 2^gb|) through repetition-free sample weights.
        diffs.append(X[idx[a]] - X[idx[b]])
        signs.append(np.stack([sgn, np.abs(np.exp2(yi[a]) - np.exp2(yi[b]))], axis=1))
    D = np.vstack(diffs)
    S = np.vstack(signs)
    # Symmetrise so that the classes are balanced.
    return np.vstack([D, -D]), np.concatenate([S[:, 0], -S[:, 0]]), np.concatenate([S[:, 1]] * 2)


def fit_predict(kind, Xtr, ytr, rtr, Xte, rng):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.preprocessing import StandardScaler

    sc = StandardScaler().fit(Xtr)
    A, B = sc.transform(Xtr), sc.transform(Xte)
    if kind == "logistic (grade > 0)":
        m = LogisticRegression(C=1.0, max_iter=2000).fit(A, ytr > 0)
        return m.decision_function(B), m
    if kind == "logistic (gain-weighted)":
        m = LogisticRegression(C=1.0, max_iter=2000).fit(A, ytr > 0,
                                                          sample_weight=np.exp2(ytr))
        return m.decision_function(B), m
    if kind == "ridge on gain":
        m = Ridge(alpha=1.0).fit(A, np.exp2(ytr) - 1)
        return m.predict(B), m
    if kind == "RankSVM-style pairwise logistic":
        D, s, w = _pairwise(A, ytr, rtr, rng)
        m = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False).fit(D, s > 0,
                                                                              sample_weight=w)
        return B @ m.coef_.ravel(), m
    if kind == "HGB regressor on gain (reference)":
        m = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.1, max_leaf_nodes=31,
                                          random_state=0).fit(Xtr, np.exp2(ytr) - 1)
        return m.predict(Xte), m
    if kind == "HGB classifier grade > 0 (reference)":
        m = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1, random_state=0)
        m.fit(Xtr, ytr > 0)
        return m.decision_function(Xte), m
    raise ValueError(kind)


class CandidateNDCG:
    """NDCG@10 of each origin when only its candidate list is re-ordered (fast, no full matrix).

    Equal to ``evaluate_similarity`` of :func:`rerank_scores` up to ties: the ideal DCG
    still counts every graded candidate of the origin, inside the list or not.
    """

    def __init__(self, truth, y, ex, shape):
        G = truth.grades.toarray()
        G[truth.excluded.toarray()] = 0
        self.disc = 1.0 / np.log2(np.arange(2, K + 2))
        self.idcg = (np.exp2(-np.sort(-G, axis=1)[:, :K]) - 1) @ self.disc
        self.gain = (np.exp2(y) - 1).reshape(shape)
        self.ex = ex.reshape(shape)
        self.shape = shape

    def __call__(self, s):
        s = s.reshape(self.shape).copy()
        s[self.ex] = -np.inf
        top = np.argpartition(-s, K - 1, axis=1)[:, :K]
        inner = np.argsort(-np.take_along_axis(s, top, 1), axis=1, kind="stable")
        top = np.take_along_axis(top, inner, 1)
        return (np.take_along_axis(self.gain, top, 1) @ self.disc) / self.idcg


def coordinate_ascent(Xs, start, metric, origins, passes=3,
                      steps=(-1, -0.5, -0.25, -0.1, -0.05, 0.05, 0.1, 0.25, 0.5, 1)):
    """Linear weights maximising the mean NDCG@10 of ``origins`` directly (Metzler & Croft 2007).

    Starts from the default alone (weight 1 on column ``start``, whose weight stays fixed
    as the scale) and moves one weight at a time to the best of a few steps.
    """
    w = np.zeros(Xs.shape[1])
    w[start] = 1.0
    cur = metric(Xs @ w)[origins].mean()
    for _ in range(passes):
        improved = False
        for j in range(Xs.shape[1]):
            if j == start:
                continue
            best_v, best_w = cur, w[j]
            for st in steps:
                w2 = w.copy()
                w2[j] += st
                v = metric(Xs @ w2)[origins].mean()
                if v > best_v + 1e-5:
                    best_v, best_w = v, w2[j]
            if best_w != w[j]:
                w[j], cur, improved = best_w, best_v, True
        if not improved:
            break
    return w, cur


def folds_for(tax, truth, seed=0):
    """The fold of each origin: ISCO 2-digit groups shuffled into N_FOLDS folds."""
    codes = tax.occupations["isco_code"].astype(str).str[:2]
    g = codes.reindex(truth.origins).to_numpy()
    uniq = np.unique(g)
    rng = np.random.default_rng(seed)
    fold_of = dict(zip(rng.permutation(uniq), np.arange(len(uniq)) % N_FOLDS))
    return np.array([fold_of[x] for x in g])


def rerank_scores(default, truth, cand, pred):
    """Origin rows of the default with the candidates re-scored (above all others)."""
    S = default[truth.origin_positions].copy()
    lo = S.min()
    S -= lo + 10.0  # everything below any candidate
    p = pred.reshape(cand.shape)
    p = (p - p.min(axis=1, keepdims=True)) / (np.ptp(p, axis=1, keepdims=True) + 1e-300)
    np.put_along_axis(S, cand, 1.0 + p, axis=1)
    return S


def cv_eval(kind, X, y, ex, rows, default, truth, cand, folds):
    rng = np.random.default_rng(0)
    pred = np.empty(len(y))
    fold_rows = folds[rows]
    models = []
    for f in range(N_FOLDS):
        tr = (fold_rows != f) & ~ex
        te = fold_rows == f
        pred[te], m = fit_predict(kind, X[tr], y[tr], rows[tr], X[te], rng)
        models.append(m)
    S = rerank_scores(default, truth, cand, pred)
    r = ev.evaluate_similarity(S, truth, K, per_origin=True)
    return r, models


def data_dir():
    return Path(os.environ.get("TRANSITIONS_TEST_DATA",
                               Path(__file__).resolve().parents[2] / "shared" / "data"))


def esco_benchmark(data, title):
    """Print the run's header; return ESCO, the crosswalk and the crosswalk ground truth."""
    from transitions import load_esco
    import warnings

    print(f"# {title} — {time.strftime('%Y-%m-%d')}, "
          f"{platform.node()}, {platform.machine()}, {os.cpu_count()} cores", flush=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tax = load_esco(data / "esco" / "v1.1.1")
    related = ev.read_related_occupations(data / "onet" / "29.3")
    cw = ev.read_crosswalk(data / "esco" / "crosswalk" / "ESCO_to_ONET-SOC2019_with_uris.csv")
    return tax, cw, ev.crosswalk_ground_truth(tax, related, cw)


def main():
    tax, cw, truth = esco_benchmark(data_dir(), "learning to rank on the ESCO default")
    t = time.time()
    F = feature_matrices(tax)
    print(f"features: {time.time() - t:.1f} s", flush=True)
    default = F["default"]
    cand = candidates(default, truth)
    folds = folds_for(tax, truth)
    names_all = [k for k in F]
    X, y, ex, rows, d = pair_table(F, names_all, truth, cand)
    ref = ev.evaluate_similarity(default, truth, K, per_origin=True)

    def summary(r):
        return r["ndcg"].mean(), r["precision"].mean()

    out = [{"model": "current default (no re-ranking)", "features": "-",
            "NDCG@10": summary(ref)[0], "P@10": summary(ref)[1]}]
    print(f"default: {out[0]['NDCG@10']:.3f} {out[0]['P@10']:.3f}; "
          f"candidate recall of graded: "
          f"{(y[~ex] > 0).sum() / truth.grades.nnz:.3f}", flush=True)
    r = ev.evaluate_similarity(
        rerank_scores(default, truth, cand, X[:, names_all.index("default")]), truth, K,
        per_origin=True)
    out.append({"model": "check: re-ranking by the default's own score", "features": "default",
                "NDCG@10": summary(r)[0], "P@10": summary(r)[1]})
    sets = {
        "all": names_all,
        "default + components": ["default", "hc", "codes", "affinity", "base", "smoothed"],
        "all, query-standardised": names_all,
    }
    kinds = ["logistic (grade > 0)", "logistic (gain-weighted)", "ridge on gain",
             "RankSVM-style pairwise logistic", "HGB regressor on gain (reference)"]
    for sname, names in sets.items():
        cols = [names_all.index(nm) for nm in names]
        Xs = X[:, cols]
        if "standardised" in sname:
            Xs = _query_standardise(Xs, rows)
        for kind in kinds:
            if "HGB" in kind and sname != "all":
                continue
            t = time.time()
            r, models = cv_eval(kind, Xs, y, ex, rows, default, truth, cand, folds)
            nd, p = summary(r)
            out.append({"model": kind, "features": sname, "NDCG@10": nd, "P@10": p})
            print(f"{sname:28s} {kind:40s} {nd:.3f} {p:.3f} ({time.time() - t:.0f} s)",
                  flush=True)
    # Direct optimisation of NDCG@10 (coordinate ascent on linear weights, standardised
    # features), on the top 100 and on the top 30 candidates only.
    metric = CandidateNDCG(truth, y, ex, cand.shape)
    Xs = (X - X.mean(0)) / (X.std(0) + 1e-12)
    start = names_all.index("default")
    origin_rank = X[:, names_all.index("log_row_rank")].reshape(cand.shape)
    for depth in (CANDIDATES, 30):
        t = time.time()
        outside = (np.expm1(origin_rank) >= depth).ravel()
        Xd = Xs.copy()
        # Candidates below the re-ranked depth keep their order, below the re-ranked ones.
        Xd[outside] = 0.0
        Xd[outside, start] = -1e6 - np.expm1(origin_rank).ravel()[outside]
        pred = np.empty(len(y))
        weights = []
        for f in range(N_FOLDS):
            w, _ = coordinate_ascent(Xd, start, metric, folds != f)
            te = folds[rows] == f
            pred[te] = Xd[te] @ w
            weights.append(w)
        r = ev.evaluate_similarity(rerank_scores(default, truth, cand, pred), truth, K,
                                   per_origin=True)
        label = f"coordinate ascent on NDCG@10, top {depth} re-ranked"
        nd, p = summary(r)
        out.append({"model": label, "features": "all", "NDCG@10": nd, "P@10": p})
        print(f"{'all':28s} {label:40s} {nd:.3f} {p:.3f} ({time.time() - t:.0f} s); "
              f"weights per fold (non-zero): "
              f"{[{names_all[j]: round(float(w[j]), 2) for j in np.flatnonzero(w)} for w in weights]}",
              flush=True)
    # In-sample ceilings (fitted and scored on the same origins: NOT a valid estimate).
    w, _ = coordinate_ascent(Xs, start, metric, np.ones(cand.shape[0], bool))
    r = ev.evaluate_similarity(rerank_scores(default, truth, cand, Xs @ w), truth, K,
                               per_origin=True)
    out.append({"model": "coordinate ascent, in-sample (ceiling, not CV)", "features": "all",
                "NDCG@10": summary(r)[0], "P@10": summary(r)[1]})
    from sklearn.ensemble import HistGradientBoostingRegressor

    hgb = HistGradientBoostingRegressor(max_iter=200, random_state=0).fit(
        X[~ex], np.exp2(y[~ex]) - 1)
    r = ev.evaluate_similarity(rerank_scores(default, truth, cand, hgb.predict(X)), truth, K,
                               per_origin=True)
    out.append({"model": "HGB regressor on gain, in-sample (ceiling, not CV)",
                "features": "all", "NDCG@10": summary(r)[0], "P@10": summary(r)[1]})
    table = pd.DataFrame(out)
    from bench_graph_ranking import markdown

    print()
    print(markdown(table))


if __name__ == "__main__":
    main()
