"""Ranking quality of the occupation graph against O*NET 29.3 Related Occupations.

Prints one table per taxonomy (ESCO through the ESCO -> O*NET-SOC crosswalk,
O*NET directly): NDCG@10, P@10, R@10 and MRR for every measure, the
baselines (random, classification hierarchy, Jaccard, cosine), an ablation
of the default's components, and the default itself. The prior weights of
the defaults are also chosen by cross-validation grouped by the origin's
major group (ISCO 2-digit / SOC 2-digit): the ``CV`` rows give those
held-out figures.

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_graph_ranking.py

Reads ESCO v1.1.1 (``esco/v1.1.1``), O*NET 29.3 (``onet/29.3``) and the
crosswalk (``esco/crosswalk/ESCO_to_ONET-SOC2019_with_uris.csv``).
"""

from __future__ import annotations

import itertools
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import OccupationGraph, evaluation as ev  # noqa: E402
from transitions.graph.priors import code_column, code_prior_matrix  # noqa: E402

K = 10
#: Grids searched by the grouped cross-validation (graph parameters on top of the
#: default's skill measure). O*NET: the two priors; ESCO: the classification prior,
#: the group affinity and the neighbour smoothing (the text prior added nothing
#: there in exploration, see docs/benchmarks/graph.md).
PRIOR_GRID = {"code_prior": (0.0, 0.1, 0.2, 0.4, 0.8), "text_prior": (0.0, 0.2, 0.4, 0.8)}
ESCO_GRID = {"code_prior": (0.2, 0.4, 0.8), "group_prior": (0.0, 1.0, 2.0, 3.0),
             "neighbour_smoothing": (0.0, 0.5, 1.0, 2.0)}


def _rated(tax):
    """O*NET occupations rated on skills/knowledge (the benchmark's candidates)."""
    rel = tax.relations
    if "importance" in rel.columns:
        ids = rel.loc[rel["importance"].notna(), "occupation_id"].unique()
    else:
        ids = rel["occupation_id"].unique()
    return tax.occupation_index[tax.occupation_index.isin(ids)]


def _subset_scores(S_full, tax, ids):
    """Rows and columns of ``ids`` (positions when ``tax`` is None)."""
    pos = np.asarray(ids) if tax is None else tax.occupation_index.get_indexer(ids)
    if len(pos) == S_full.shape[0] and (pos == np.arange(len(pos))).all():
        return S_full
    return S_full[np.ix_(pos, pos)]


def _major_group(tax, ids):
    col = code_column(tax)
    codes = tax.occupations.loc[ids, col].astype(str) if col else pd.Series("", index=ids)
    return codes.str[:2].to_numpy()


def _score(S, truth):
    r = ev.evaluate_similarity(S, truth, K)
    return {"NDCG@10": r["ndcg"], "P@10": r["precision"], "R@10": r["recall"], "MRR": r["mrr"]}


def _settings(skill, parts, grid, groups_of_occupations=None):
    """Score matrices of the graph formula for every combination of ``grid`` values.

    ``parts``: prior matrices by parameter name (``code_prior``, ``text_prior``);
    ``group_prior`` and ``neighbour_smoothing`` are computed here from ``skill``
    as :class:`OccupationGraph` does (the ranking is the same up to the scale).
    """
    from transitions.graph.smoothing import group_affinity, neighbour_weights

    names = list(grid)
    extra = {}
    if "group_prior" in names:
        A = np.pad(group_affinity(skill, groups_of_occupations), ((0, 1), (0, 1)))
        extra["group_prior"] = np.take(A[groups_of_occupations], groups_of_occupations, axis=1)
    N = None
    if "neighbour_smoothing" in names:
        N = neighbour_weights(skill, 10, exclude=np.arange(skill.shape[0]))
    for values in itertools.product(*(grid[k] for k in names)):
        setting = dict(zip(names, values))
        base = skill.copy()
        for name, w in setting.items():
            if name in parts and w:
                base += w * parts[name]
            elif name in extra and w:
                base += w * extra[name]
        q = setting.get("neighbour_smoothing", 0.0)
        yield values, (base + q * (N @ base) if q else base)


def _grid_cv(skill, parts, truth, groups, ids, grid, occupation_groups=None,
             n_folds=5, seed=0):
    """Held-out metrics of the graph formula with ``grid`` values chosen on the other folds.

    Folds group the origins by major group (``groups``): nothing learned about an
    origin's neighbourhood is used to score it.
    """
    per_setting = {}
    for values, S in _settings(skill, parts, grid, occupation_groups):
        per_setting[values] = ev.evaluate_similarity(_subset_scores(S, None, ids), truth, K,
                                                     per_origin=True)
    origin_groups = pd.Series(groups, index=truth.occupations)[truth.origins].to_numpy()
    uniq = np.unique(origin_groups)
    rng = np.random.default_rng(seed)
    fold_of = dict(zip(rng.permutation(uniq), np.arange(len(uniq)) % n_folds))
    folds = np.array([fold_of[g] for g in origin_groups])
    held = []
    chosen = []
    for f in range(n_folds):
        train, test = folds != f, folds == f
        best = max(per_setting, key=lambda s: np.nanmean(per_setting[s]["ndcg"].to_numpy()[train]))
        chosen.append(best)
        held.append(per_setting[best].iloc[np.flatnonzero(test)])
    held = pd.concat(held)
    full_best = max(per_setting, key=lambda s: per_setting[s]["ndcg"].mean())
    return {"NDCG@10": held["ndcg"].mean(), "P@10": held["precision"].mean(),
            "R@10": held["recall"].mean(), "MRR": held["reciprocal_rank"].mean()}, chosen, full_best


def _random(truth, seed=0):
    rng = np.random.default_rng(seed)
    n = len(truth.occupations)
    rows = [_score(rng.random((n, n)), truth) for _ in range(3)]
    return pd.DataFrame(rows).mean().to_dict()


def _code_baseline(tax, ids):
    P = code_prior_matrix(tax)
    return _subset_scores(P, tax, ids)


def evaluate_taxonomy(tax, truth, ids, variants, default_name, grid=PRIOR_GRID):
    """Rows of the result table for one taxonomy."""
    rows = []
    rows.append({"method": "random", **_random(truth)})
    rows.append({"method": f"same {code_column(tax)} levels", **_score(_code_baseline(tax, ids), truth)})
    for label, measure, params in variants:
        t = time.perf_counter()
        g = OccupationGraph.from_taxonomy(tax, measure, **params)
        S = _subset_scores(g._matrix_array(), tax, ids)
        rows.append({"method": label, **_score(S, truth), "seconds": time.perf_counter() - t})
    # Cross-validated graph weights on top of the default's skill measure.
    name, params = default_name
    from transitions.graph.occupation_graph import _GRAPH_PARAMS
    g = OccupationGraph.from_taxonomy(tax, name, **{k: v for k, v in params.items()
                                                    if k not in _GRAPH_PARAMS})
    skill = g._measure.score(tax.incidence("weight"))
    from transitions.graph.priors import code_levels, text_prior_matrix
    parts = {"code_prior": code_prior_matrix(tax)}
    if "text_prior" in grid:
        parts["text_prior"] = text_prior_matrix(tax)
    col = code_column(tax)
    occupation_groups = code_levels(tax.occupations[col].to_numpy(), col)[-1]
    pos = tax.occupation_index.get_indexer(ids)
    cv, chosen, full_best = _grid_cv(skill, parts, truth, _major_group(tax, ids), pos, grid,
                                     occupation_groups)
    rows.append({"method": f"{name} + graph weights chosen by grouped 5-fold CV (held-out)",
                 **cv})
    print(f"  CV-chosen {tuple(grid)} per fold: {chosen}; on all origins: {full_best}")
    return pd.DataFrame(rows)


def same_unit_group_share(graph, top=20):
    """Share of ordered pairs in the same ISCO unit group / SOC detailed code that rank in
    each other's top ``top`` (both directions)."""
    tax = graph.taxonomy
    col = code_column(tax)
    codes = tax.occupations[col].astype(str).str[:4 if col == "isco_code" else 7].to_numpy()
    G = graph.to_networkx(k=top)
    same = pd.Series(codes).groupby(codes).size()
    n_pairs = int((same * (same - 1)).sum() // 2)
    ids = tax.occupation_index
    code_of = dict(zip(ids, codes))
    mutual = sum(1 for u, v in G.edges() if code_of[u] == code_of[v] and G.has_edge(v, u)) // 2
    return mutual / n_pairs if n_pairs else float("nan"), n_pairs


def run(esco, onet, data):
    """Print the ranking tables for ``esco`` and ``onet`` (Taxonomy objects, either may be None)."""
    related = ev.read_related_occupations(data / "onet" / "29.3")
    tables = {}
    if esco is not None:
        crosswalk = ev.read_crosswalk(
            data / "esco" / "crosswalk" / "ESCO_to_ONET-SOC2019_with_uris.csv")
        truth = ev.crosswalk_ground_truth(esco, related, crosswalk)
        print(f"ESCO: {len(truth.origins)} origins, {len(truth.occupations)} candidates")
        variants = [
            ("Jaccard (essential + optional)", "jaccard", {}),
            ("cosine tf-idf (essential 1, optional 0.5)", "cosine", {}),
            ("cosine tf-idf + 0.1 x ISCO levels", "cosine", {"code_prior": 0.4}),
            ("coverage (asymmetric)", "coverage", {}),
            ("coverage + skill hierarchy", "coverage", {"hierarchy_decay": 1.0}),
            ("coverage + skill hierarchy + ISCO", "coverage", {"hierarchy_decay": 1.0, "code_prior": 0.4}),
            ("hierarchical cosine, decay 0.5", "hierarchical_cosine", {"hierarchy_decay": 0.5}),
            ("hierarchical cosine, decay 1.0", "hierarchical_cosine", {}),
            ("hierarchical cosine, no IDF", "hierarchical_cosine", {"specificity": "none", "code_prior": 0.4}),
            ("hierarchical cosine + skill-skill relations 0.3 + ISCO", "hierarchical_cosine",
             {"relations_weight": 0.3, "code_prior": 0.4}),
            ("hierarchical cosine + ISCO + text 0.2", "hierarchical_cosine",
             {"code_prior": 0.4, "text_prior": 0.2}),
            ("hierarchical cosine + ISCO (the default until 2026-11-28)", "hierarchical_cosine",
             {"code_prior": 0.4}),
            ("  + group affinity 2.0", "hierarchical_cosine",
             {"code_prior": 0.4, "group_prior": 2.0}),
            ("  + neighbour smoothing 1.0 (k=10)", "hierarchical_cosine",
             {"code_prior": 0.4, "neighbour_smoothing": 1.0}),
            ("  + group affinity 2.0 + neighbour smoothing 1.0 (k=10)", "hierarchical_cosine",
             {"code_prior": 0.4, "group_prior": 2.0, "neighbour_smoothing": 1.0}),
            ("DEFAULT without the ISCO prior", None, {"code_prior": 0.0}),
            ("DEFAULT (measure=None)", None, {}),
        ]
        from transitions.graph import default_measure
        tables["ESCO"] = evaluate_taxonomy(esco, truth, esco.occupation_index, variants,
                                           default_measure(esco), grid=ESCO_GRID)
    if onet is not None:
        ids = _rated(onet)
        truth = ev.onet_ground_truth(ids, related)
        print(f"O*NET: {len(truth.origins)} origins, {len(ids)} candidates (rated occupations)")
        variants = [
            ("Jaccard", "jaccard", {}),
            ("cosine (weights, IDF)", "cosine", {}),
            ("coverage (asymmetric)", "coverage", {}),
            ("profile correlation, skills+knowledge+technology", "profile", {}),
            ("profile, skills+knowledge only", "profile",
             {"block_weights": {"skill/competence": 0.4, "knowledge": 0.6}}),
            ("profile + SOC 0.2", "profile", {"code_prior": 0.2}),
            ("profile + text 0.4", "profile", {"text_prior": 0.4}),
            ("profile + SOC + text + group affinity 1.0", "profile",
             {"code_prior": 0.1, "text_prior": 0.4, "group_prior": 1.0}),
            ("profile + SOC + text + neighbour smoothing 1.0", "profile",
             {"code_prior": 0.1, "text_prior": 0.4, "neighbour_smoothing": 1.0}),
            ("DEFAULT (measure=None)", None, {}),
        ]
        from transitions.graph import default_measure
        tables["O*NET"] = evaluate_taxonomy(onet, truth, ids, variants, default_measure(onet))
    for name, tax in (("ESCO", esco), ("O*NET", onet)):
        if tax is not None:
            share, n_pairs = same_unit_group_share(OccupationGraph.from_taxonomy(tax))
            print(f"{name} sanity: {share:.3f} of the {n_pairs} pairs in the same unit group rank "
                  f"in each other's top 20 (default measure)")
    for name, table in tables.items():
        print(f"\n### {name} (k={K})\n")
        print(markdown(table))
    return tables


def markdown(table, digits=3):
    """A DataFrame as a Markdown table (no extra dependency)."""
    cols = list(table.columns)
    lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
    for rec in table.itertuples(index=False):
        cells = [("" if pd.isna(v) else f"{v:.{digits}f}") if isinstance(v, float) else str(v)
                 for v in rec]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    data = Path(os.environ.get("TRANSITIONS_TEST_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
    from transitions import load_esco, load_onet

    print(f"# graph ranking benchmark — {time.strftime('%Y-%m-%d')}, {platform.node()}, "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    esco = load_esco(data / "esco" / "v1.1.1")
    onet = load_onet(data / "onet" / "29.3")
    run(esco, onet, data)


if __name__ == "__main__":
    main()
