"""Stepping stones: switch paths of two or three steps, every step a good, salary-neutral move.

When a worker has few good direct options, or an occupation two or three
steps away pays clearly more than any direct option, a path through
stepping stones is worth showing. The search runs on a small layered
networkx graph built per worker:

* layer 1: the worker's good direct options (see :mod:`transitions.advice.advisor`),
  reached with the similarity of the worker's own skills;
* layers 2 and 3: occupations reached from the layer before along the
  occupation graph's strongest links (the ``k_edges`` most similar
  occupations, at least ``min_similarity``), where, after a step, the worker
  is taken to have the skills of the occupation they moved into as well;
* every occupation on a path is salary-neutral against the worker's wage and
  against the step before (``min_wage_ratio``), not at risk (when excluded),
  neither the origin nor excluded.

Each step costs ``-log(similarity)``, so the cheapest path is the one whose
product of step similarities (``path_similarity``) is highest. Dijkstra finds
the best path to every end; :func:`networkx.shortest_simple_paths` (Yen's
k-shortest simple paths) gives ``per_end`` alternatives to each chosen end.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from ..taxonomy import _check_lang
from .core import check_min_similarity, evaluate
from .effort import band_order, effort_band
from .explain import explain_path
from .options import enforce_dtypes

__all__ = ["switch_paths", "PATH_COLUMNS"]

#: Columns of :func:`switch_paths` in order.
PATH_COLUMNS = (
    "rank", "occupation_id", "label", "label_en", "label_nl", "steps", "path", "path_labels",
    "step_similarity", "path_similarity", "wage_ratio", "step_wage_ratio", "wage_median",
    "wage_source", "wage_level", "risk_score", "at_risk", "trend", "reason", "n_missing",
    "missing_skills", "missing_labels", "n_missing_digital", "missing_digital", "step_missing",
    "effort_months", "effort_band", "explanation",
)


def occupation_similarity(advisor):
    """Similarity of each occupation's default worker to every occupation (cached, float32).

    Row ``u`` is the graph similarity of the skills a worker of ``u`` is taken
    to have (its essential and, by default, optional skills) to each occupation.
    """
    cache = advisor._caches
    if "occupation_similarity" not in cache:
        ctx = advisor._ctx
        held = ctx.binary if ctx.optional_held else ctx.essential
        blocks = []
        for i in range(0, ctx.n_occ, 1024):
            rows = np.arange(i, min(i + 1024, ctx.n_occ))
            X = ctx.profile_weights(held[rows], rows)
            blocks.append(ctx.similarity(X, rows).astype(np.float32))
        cache["occupation_similarity"] = np.vstack(blocks)
    return cache["occupation_similarity"]


def _neighbours(advisor, threshold, k_edges):
    """Per occupation, the ``k_edges`` most similar others at or above ``threshold``."""
    key = ("neighbours", threshold, k_edges)
    cache = advisor._caches
    if key not in cache:
        sim = occupation_similarity(advisor)
        m = sim.shape[0]
        k = min(k_edges, m - 1)
        work = sim.copy()
        np.fill_diagonal(work, -np.inf)
        top = np.argpartition(-work, k - 1, axis=1)[:, :k] if k > 0 else np.empty((m, 0), int)
        out = []
        for u in range(m):
            cand = top[u]
            s = work[u, cand]
            keep = s >= threshold
            cand, s = cand[keep], s[keep]
            order = np.lexsort((advisor._ctx.id_rank[cand], -np.round(s, 12)))
            out.append((cand[order], s[order].astype(float)))
        cache[key] = out
    return cache[key]


def _layered_graph(ctx, neighbours, first, first_sim, allowed, min_ratio, max_steps):
    """The per-worker DAG: nodes ``(occupation, layer)`` and the source ``"worker"``."""
    G = nx.DiGraph()
    frontier = []
    for v, s in zip(first, first_sim):
        G.add_edge("worker", (int(v), 1), cost=-math.log(max(s, 1e-12)), similarity=float(s))
        frontier.append(int(v))
    wage = ctx.wage
    for layer in range(2, max_steps + 1):
        nxt = set()
        for u in frontier:
            cand, sims = neighbours[u]
            ok = allowed[cand] & (wage[cand] >= min_ratio * wage[u] - 1e-9)
            for v, s in zip(cand[ok], sims[ok]):
                G.add_edge((u, layer - 1), (int(v), layer), cost=-math.log(max(s, 1e-12)),
                           similarity=float(s))
                nxt.add(int(v))
        frontier = sorted(nxt)
    return G


def switch_paths(advisor, profile, *, n=5, min_similarity=None, per_end=1, k_edges=25,
                 first_steps=30, min_direct=3, better_by=0.10, lang="en", explain=True):
    """Paths of 2 to ``profile.max_steps`` good, salary-neutral steps (see the module docs).

    A path to an end is proposed when the worker has fewer than ``min_direct``
    good direct options (reason ``"few direct options"``), or when the end
    pays at least ``1 + better_by`` times the best direct option (reason
    ``"better end"``). Ends that are themselves good direct options are never
    proposed as paths.

    Parameters
    ----------
    advisor : Advisor
    profile : WorkerProfile
    n : int, default=5
        Number of paths to return.
    min_similarity : float, optional
        Threshold of every step; default the advisor's.
    per_end : int, default=1
        Alternative paths per end (Yen's k-shortest simple paths).
    k_edges : int, default=25
        Links followed from each stepping stone (its most similar occupations).
    first_steps : int, default=30
        Direct options tried as first steps (the most similar ones).
    min_direct : int, default=3
        With fewer good direct options than this, every reachable end counts.
    better_by : float, default=0.10
        How much more an end must pay than the best direct option to count as better.
    lang : {"en", "nl"}, default="en"
    explain : bool, default=True

    Returns
    -------
    pandas.DataFrame
        One row per path, best first (``path_similarity`` desc, then end id):
        ``rank``; the end's ``occupation_id``, ``label``, ``label_en``,
        ``label_nl``; ``steps``; ``path`` (tuple of occupation ids, origin
        first) and ``path_labels``; ``step_similarity`` (tuple) and
        ``path_similarity`` (their product); ``wage_ratio`` (end vs the
        worker), ``step_wage_ratio`` (tuple, each step vs the one before),
        ``wage_median``, ``wage_source``, ``wage_level``, ``risk_score``,
        ``at_risk``, ``trend`` of the end; ``reason``; the cumulative gap:
        ``n_missing``, ``missing_skills``, ``missing_labels``,
        ``n_missing_digital``, ``missing_digital``, and ``step_missing`` (tuple
        per step of the skill ids learned at that step); ``effort_months``
        (all steps), ``effort_band``; ``explanation``.
        Empty (same columns) when ``max_steps`` is 1 or nothing qualifies.

    Examples
    --------
    >>> from transitions import Advisor, WorkerProfile
    >>> adv = Advisor.from_sample()
    >>> paths = adv.paths(WorkerProfile("kassamedewerker"), n=3)
    >>> bool((paths["steps"] >= 2).all()) and bool((paths["wage_ratio"] >= 1.0).all())
    True
    """
    from .advisor import _check_n

    n = _check_n(n)
    per_end = _check_n(per_end, "per_end")
    _check_lang(lang)
    ctx = advisor._ctx
    threshold = advisor._threshold(min_similarity)
    check_min_similarity(threshold)
    block = advisor._resolve_one(profile)
    prof = block.profiles[0]
    if prof.max_steps < 2:
        return _empty()
    ev = evaluate(ctx, block, threshold)
    good = ev["good"][0]
    sim_w = ev["similarity"][0]
    ratio = ev["wage_ratio"][0]
    worker_wage = block.worker_wage[0]
    min_ratio = prof.min_wage_ratio

    allowed = np.isfinite(ctx.wage) & (ctx.wage >= min_ratio * worker_wage - 1e-9)
    if prof.exclude_at_risk:
        allowed &= ~ctx.at_risk
    allowed[block.origin[0]] = False
    allowed[block.excluded[0]] = False

    direct = np.flatnonzero(good)
    if not len(direct):
        return _empty()
    order = np.lexsort((ctx.id_rank[direct], -np.round(sim_w[direct], 12)))
    first = direct[order][:first_steps]
    neighbours = _neighbours(advisor, threshold, k_edges)
    G = _layered_graph(ctx, neighbours, first, sim_w[first], allowed, min_ratio, prof.max_steps)

    dist = nx.single_source_dijkstra_path_length(G, "worker", weight="cost")
    best = {}
    for node, cost in dist.items():
        if node == "worker" or node[1] < 2:
            continue
        occ = node[0]
        if good[occ]:
            continue
        if occ not in best or cost < best[occ][0] - 1e-12:
            best[occ] = (cost, node)
    best_direct = np.nanmax(ratio[direct])
    few = len(direct) < min_direct
    ends = []
    for occ, (cost, node) in best.items():
        if ratio[occ] >= best_direct * (1 + better_by) - 1e-12:
            reason = "better end"
        elif few:
            reason = "few direct options"
        else:
            continue
        ends.append((cost, ctx.id_rank[occ], occ, reason))
    ends.sort()
    rows = []
    for cost, _, occ, reason in ends:
        if n is not None and len(rows) >= n:
            break
        sink = ("end", occ)
        for layer in range(2, prof.max_steps + 1):
            if (occ, layer) in G:
                G.add_edge((occ, layer), sink, cost=0.0, similarity=1.0)
        for k, path in enumerate(nx.shortest_simple_paths(G, "worker", sink, weight="cost")):
            if k >= per_end:
                break
            rows.append((path[1:-1], reason))
        G.remove_node(sink)
    rows.sort(key=lambda r: (-round(_path_similarity(G, r[0]), 12), ctx.id_rank[r[0][-1][0]],
                             [ctx.id_rank[o] for o, _ in r[0]]))
    if n is not None:
        rows = rows[:n]
    return _path_table(advisor, block, G, rows, ratio, lang, explain)


def _path_similarity(G, nodes):
    sims = [G.edges["worker", nodes[0]]["similarity"]]
    sims += [G.edges[a, b]["similarity"] for a, b in zip(nodes[:-1], nodes[1:])]
    return float(np.prod(sims))


def _empty():
    out = pd.DataFrame({c: pd.Series(dtype=object) for c in PATH_COLUMNS})
    out["effort_band"] = pd.Categorical([], dtype=band_order())
    return enforce_dtypes(out)


def _path_table(advisor, block, G, rows, ratio, lang, explain):
    if not rows:
        return _empty()
    ctx = advisor._ctx
    origin = int(block.origin[0])
    held0 = block.held[0]
    inc = ctx.binary if ctx.optional_held else ctx.essential
    ess = ctx.essential
    records = []
    for rank, (nodes, reason) in enumerate(rows, start=1):
        occs = [o for o, _ in nodes]
        sims = [G.edges["worker", nodes[0]]["similarity"]]
        sims += [G.edges[a, b]["similarity"] for a, b in zip(nodes[:-1], nodes[1:])]
        held = held0.copy()
        level = None if block.level is None else block.level[0].copy()
        step_missing, all_missing = [], []
        for o in occs:
            lo, hi = ess.indptr[o], ess.indptr[o + 1]
            need = ess.indices[lo:hi]
            if level is None:
                miss = need[~held[need]]
            else:  # rated taxonomy: a skill held below the step's level is missing too
                miss = need[level[need] < ctx.essential_threshold[lo:hi]]
            step_missing.append(tuple(ctx.skill_ids[miss]))
            all_missing.extend(miss.tolist())
            # After the step the worker has the step's skills, at the step's levels.
            lo, hi = inc.indptr[o], inc.indptr[o + 1]
            held[inc.indices[lo:hi]] = True
            if level is not None:
                step_level = ctx.binary_level[lo:hi] if inc is ctx.binary else \
                    ctx.essential_level[lo:hi]
                cols = inc.indices[lo:hi]
                level[cols] = np.maximum(level[cols], np.where(np.isnan(step_level), np.inf,
                                                               step_level))
        miss = np.array(all_missing, dtype=np.int64)
        months = float(ctx.months[miss].sum())
        end = occs[-1]
        wages = ctx.wage[[origin] + occs]
        step_ratio = tuple(float(b / a) for a, b in zip(
            np.r_[block.worker_wage[0], wages[1:-1]], wages[1:]))
        labels = tuple(ctx.occ_label[lang][[origin] + occs])
        dig = miss[ctx.digital[miss]]
        band = effort_band(months)
        records.append({
            "rank": rank, "occupation_id": ctx.occupation_ids[end], "label": ctx.occ_label[lang][end],
            "label_en": ctx.occ_label["en"][end], "label_nl": ctx.occ_label["nl"][end],
            "steps": len(occs), "path": tuple(ctx.occupation_ids[[origin] + occs]),
            "path_labels": labels, "step_similarity": tuple(float(s) for s in sims),
            "path_similarity": float(np.prod(sims)), "wage_ratio": float(ratio[end]),
            "step_wage_ratio": step_ratio, "wage_median": ctx.wage[end],
            "wage_source": ctx.wage_source[end], "wage_level": ctx.wage_level[end],
            "risk_score": ctx.risk_score[end], "at_risk": bool(ctx.at_risk[end]),
            "trend": ctx.trend[end], "reason": reason, "n_missing": len(miss),
            "missing_skills": tuple(ctx.skill_ids[miss]),
            "missing_labels": tuple(ctx.skill_label[lang][miss]),
            "n_missing_digital": len(dig), "missing_digital": tuple(ctx.skill_ids[dig]),
            "step_missing": tuple(step_missing), "effort_months": months, "effort_band": band,
            "explanation": (explain_path(labels, float(ratio[end]), len(miss), len(dig), band,
                                         reason, lang=lang, wage_level=ctx.wage_level[end],
                                         wage_source=ctx.wage_source[end])
                            if explain else None),
        })
    out = pd.DataFrame.from_records(records, columns=list(PATH_COLUMNS))
    out["effort_band"] = pd.Categorical(out["effort_band"], dtype=band_order())
    return enforce_dtypes(out)
