"""Stepping stones: routes of two or three switches, each a good option, to a better end.

A path leads the worker, switch by switch, to an occupation that is not a
good direct option for them. The search runs on a small layered networkx
graph built per worker:

* layer 1: the worker's good direct options (the ``first_steps`` most likely,
  :mod:`transitions.advice.criteria`); when the worker has none, the options
  that the best skills to learn open (:func:`transitions.advice.learn.learning_units`),
  so the route starts with a *learning step* ("learn X, then switch to A");
* layers 2 and 3: the good options of the occupation before (its default
  worker's: a learnable gap, enough carried over), at most ``k_edges`` of
  them, most likely first;
* every occupation on a path is salary-neutral against the worker's wage and
  against the step before (``min_wage_ratio``), not at risk (when excluded),
  neither the origin nor excluded.

A step costs ``-log(likelihood)`` (the transition score's probability of
that move, :mod:`transitions.advice.score`), so the cheapest path is the most
likely chain. Dijkstra finds the best path to every end; Yen's k-shortest
simple paths (:func:`networkx.shortest_simple_paths`) give ``per_end``
alternatives. Ends are proposed best reason first (:data:`REASONS`), then
most likely: an end that pays at least ``1 + better_by`` times the worker's
best-ranked direct option (``"better pay"``); one in demand when that option
is not (``"in demand"``); any end when the worker has no direct option (the
route starts with learning: ``"no direct option"``) or fewer than
``min_direct`` (``"few direct options"``); and otherwise ends the worker
cannot reach directly (``"beyond direct reach"``).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from .._i18n import check_lang
from .core import evaluate
from .effort import band_order, effort_band
from .explain import explain_path
from .options import enforce_dtypes
from .pairs import default_pairs

__all__ = ["switch_paths", "PATH_COLUMNS", "REASONS"]

#: Columns of :func:`switch_paths` in order.
PATH_COLUMNS = (
    "rank", "occupation_id", "label", "label_en", "label_nl", "steps", "path", "path_labels",
    "learn_first", "learn_first_labels", "step_score", "path_score", "step_similarity",
    "wage_ratio", "step_wage_ratio", "wage_median", "wage_source", "wage_level", "risk_score",
    "at_risk", "trend", "in_demand", "reason", "n_missing", "missing_skills", "missing_labels",
    "n_missing_digital", "missing_digital", "step_missing", "effort_months", "effort_band",
    "explanation",
)
#: Why a path is proposed, in order of preference.
REASONS = ("better pay", "in demand", "no direct option", "few direct options",
           "beyond direct reach")


def _step_edges(advisor, criteria, k_edges):
    """Per occupation, its ``k_edges`` most likely good options and their -log likelihood."""
    key = ("step_edges", criteria, k_edges)
    cache = advisor._caches
    if key not in cache:
        ctx = advisor._ctx
        pairs = default_pairs(advisor)
        index = pairs.index.astype(float)
        np.fill_diagonal(index, -np.inf)
        top = index.max(axis=1, keepdims=True)
        log_z = top[:, 0] + np.log(np.exp(index - top).sum(axis=1))
        ok = pairs.reachable(ctx, criteria)
        np.fill_diagonal(ok, False)
        out = []
        for u in range(ctx.n_occ):
            cand = np.flatnonzero(ok[u])
            order = np.lexsort((ctx.id_rank[cand], -np.round(index[u, cand], 10)))[:k_edges]
            cand = cand[order]
            out.append((cand, log_z[u] - index[u, cand], pairs.similarity[u, cand].astype(float)))
        cache[key] = out
    return cache[key]


def _layered_graph(ctx, edges, first, allowed, min_ratio, max_steps):
    """The per-worker DAG: nodes ``(occupation, layer)`` and the source ``"worker"``.

    ``first``: (occupation, cost, similarity, learning unit or None) of layer 1.
    """
    G = nx.DiGraph()
    frontier = set()
    for v, cost, sim, unit in first:
        G.add_edge("worker", (int(v), 1), cost=float(cost), similarity=float(sim), unit=unit)
        frontier.add(int(v))
    wage = ctx.wage
    for layer in range(2, max_steps + 1):
        nxt = set()
        for u in sorted(frontier):
            cand, costs, sims = edges[u]
            ok = allowed[cand] & (wage[cand] >= min_ratio * wage[u] - 1e-9)
            for v, c, s in zip(cand[ok], costs[ok], sims[ok]):
                G.add_edge((u, layer - 1), (int(v), layer), cost=float(c), similarity=float(s))
                nxt.add(int(v))
        frontier = nxt
    return G


def _first_steps(advisor, block, ev, criteria, first_steps):
    """Layer 1: the direct options, else those the best learning units open."""
    ctx = advisor._ctx
    good = np.flatnonzero(ev["good"][0])
    lik = ev["score"][0]
    sim = ev["similarity"][0]
    if len(good):
        order = np.lexsort((ctx.id_rank[good], -np.round(ev["index"][0, good], 10)))
        return [(v, -math.log(max(lik[v], 1e-300)), sim[v], None)
                for v in good[order][:first_steps]]
    from .learn import learning_units

    units = learning_units(advisor, block, ev, criteria)
    units.sort(key=lambda r: (-len(r[1]), r[0][3].size, r[0][0], str(r[0][1])))
    out, seen = [], set()
    for unit, new, *_ in units:
        for v in new:
            if v not in seen and len(out) < first_steps:
                seen.add(v)
                out.append((v, -math.log(max(lik[v], 1e-300)), sim[v], unit))
    return out


def switch_paths(advisor, profile, *, n=5, per_end=1, k_edges=25, first_steps=30, min_direct=3,
                 better_by=0.10, lang="en", explain=True, **criteria):
    """Paths of 2 to ``profile.max_steps`` switches to a better end (see the module docs).

    Parameters
    ----------
    advisor : Advisor
    profile : WorkerProfile
    n : int, default=5
        Number of paths to return.
    per_end : int, default=1
        Alternative paths per end (Yen's k-shortest simple paths).
    k_edges : int, default=25
        Good options followed from each stepping stone (the most likely).
    first_steps : int, default=30
        First steps tried (the most likely direct options, or those learning opens).
    min_direct : int, default=3
        With fewer good direct options than this, the reason is "few direct options".
    better_by : float, default=0.10
        How much more an end must pay than the best-ranked direct option to count as
        better pay.
    lang : {"en", "nl"}, default="en"
    explain : bool, default=True
    **criteria
        The good-option thresholds (``max_gap_months``, ...) of every step;
        default the advisor's.

    Returns
    -------
    pandas.DataFrame
        One row per path, best reason first, then most likely (``path_score``
        desc), then end id: ``rank``; the end's ``occupation_id``, ``label``,
        ``label_en``, ``label_nl``; ``steps`` (switches); ``path`` (tuple of
        occupation ids, origin first) and ``path_labels``; ``learn_first``
        and ``learn_first_labels`` (the skills to learn before the first
        switch; empty when there is a direct option); ``step_score`` (tuple of
        each switch's likelihood) and ``path_score`` (their product);
        ``step_similarity``; ``wage_ratio`` (end vs the worker),
        ``step_wage_ratio`` (tuple, each step vs the one before),
        ``wage_median``, ``wage_source``, ``wage_level``, ``risk_score``,
        ``at_risk``, ``trend``, ``in_demand`` of the end; ``reason`` (one of
        :data:`REASONS`); the cumulative gap: ``n_missing``,
        ``missing_skills``, ``missing_labels``, ``n_missing_digital``,
        ``missing_digital``, and ``step_missing`` (tuple per step of the skill
        ids learned for it, the learning step's first); ``effort_months``
        (all steps, education levels up included), ``effort_band``; ``explanation``.
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
    check_lang(lang)
    ctx = advisor._ctx
    crit = advisor._criteria(**criteria)
    block = advisor._resolve_one(profile)
    prof = block.profiles[0]
    if prof.max_steps < 2:
        return _empty()
    ev = evaluate(ctx, block, crit)
    good = ev["good"][0]
    ratio = ev["wage_ratio"][0]
    direct = np.flatnonzero(good)
    first = _first_steps(advisor, block, ev, crit, first_steps)
    if not first:
        return _empty()
    allowed = ev["allowed"][0]
    G = _layered_graph(ctx, _step_edges(advisor, crit, k_edges), first, allowed,
                       prof.min_wage_ratio, prof.max_steps)
    dist = nx.single_source_dijkstra_path_length(G, "worker", weight="cost")
    one_switch = {int(v) for v, *_ in first}        # reachable in one switch (maybe after learning)
    best = {}
    for node, cost in dist.items():
        if node == "worker" or node[1] < 2 or good[node[0]] or node[0] in one_switch:
            continue
        if node[0] not in best or cost < best[node[0]][0] - 1e-12:
            best[node[0]] = (cost, node)
    top = (direct[np.lexsort((ctx.id_rank[direct], -np.round(ev["index"][0, direct], 10)))][0]
           if len(direct) else None)
    ends = []
    for occ, (cost, _) in best.items():
        if top is None:
            reason = "no direct option"
        elif ratio[occ] >= ratio[top] * (1 + better_by) - 1e-12:
            reason = "better pay"
        elif ctx.in_demand[occ] and not ctx.in_demand[top]:
            reason = "in demand"
        elif len(direct) < min_direct:
            reason = "few direct options"
        else:
            reason = "beyond direct reach"
        ends.append((REASONS.index(reason), cost, ctx.id_rank[occ], occ, reason))
    ends.sort()
    rows = []
    for _, cost, _, occ, reason in ends:
        if n is not None and len(rows) >= n:
            break
        sink = ("end", occ)
        for layer in range(2, prof.max_steps + 1):
            if (occ, layer) in G:
                G.add_edge((occ, layer), sink, cost=0.0, similarity=1.0)
        found = 0
        for tried, path in enumerate(nx.shortest_simple_paths(G, "worker", sink, weight="cost")):
            if tried >= 10 * per_end:
                break
            occs = [o for o, _ in path[1:-1]]
            if len(set(occs)) < len(occs):   # an occupation twice is no route
                continue
            rows.append((path[1:-1], reason))
            found += 1
            if found >= per_end:
                break
        G.remove_node(sink)
    rows.sort(key=lambda r: (REASONS.index(r[1]), round(_path_cost(G, r[0]), 10),
                             ctx.id_rank[r[0][-1][0]], [ctx.id_rank[o] for o, _ in r[0]]))
    if n is not None:
        rows = rows[:n]
    return _path_table(advisor, block, G, rows, ratio, lang, explain)


def _edges(G, nodes):
    return [G.edges["worker", nodes[0]]] + [G.edges[a, b] for a, b in zip(nodes[:-1], nodes[1:])]


def _path_cost(G, nodes):
    return float(sum(e["cost"] for e in _edges(G, nodes)))


def _empty():
    out = pd.DataFrame({c: pd.Series(dtype=object) for c in PATH_COLUMNS})
    out["effort_band"] = pd.Categorical([], dtype=band_order())
    return enforce_dtypes(out)


def _path_table(advisor, block, G, rows, ratio, lang, explain):
    if not rows:
        return _empty()
    ctx = advisor._ctx
    origin = int(block.origin[0])
    inc = ctx.binary if ctx.optional_held else ctx.essential
    ess = ctx.essential
    records = []
    for rank, (nodes, reason) in enumerate(rows, start=1):
        occs = [o for o, _ in nodes]
        edges = _edges(G, nodes)
        unit = edges[0].get("unit")
        learned = np.asarray(unit[3] if unit is not None else [], dtype=np.int64)
        held = block.held[0].copy()
        level = None if block.level is None else block.level[0].copy()
        held[learned] = True
        if level is not None:
            level[learned] = np.inf                      # learned skills meet any level
        step_missing, all_missing = [], learned.tolist()
        for k, o in enumerate(occs):
            lo, hi = ess.indptr[o], ess.indptr[o + 1]
            need = ess.indices[lo:hi]
            if level is None:
                miss = need[~held[need]]
            else:  # rated taxonomy: a skill held below the step's level is missing too
                miss = need[level[need] < ctx.essential_threshold[lo:hi]]
            first = learned.tolist() if k == 0 else []
            step_missing.append(tuple(ctx.skill_ids[np.r_[first, miss].astype(np.int64)]))
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
        route = np.array([origin] + occs)
        months = float(ctx.months[miss].sum()
                       + ctx.education_steps(route[:-1], route[1:]).sum())
        end = occs[-1]
        wages = ctx.wage[[origin] + occs]
        step_ratio = tuple(float(b / a) for a, b in zip(
            np.r_[block.worker_wage[0], wages[1:-1]], wages[1:]))
        labels = tuple(ctx.occ_label[lang][[origin] + occs])
        dig = miss[ctx.digital[miss]]
        band = effort_band(months)
        step_score = tuple(float(math.exp(-e["cost"])) for e in edges)
        learn_labels = tuple(ctx.skill_label[lang][learned])
        records.append({
            "rank": rank, "occupation_id": ctx.occupation_ids[end], "label": ctx.occ_label[lang][end],
            "label_en": ctx.occ_label["en"][end], "label_nl": ctx.occ_label["nl"][end],
            "steps": len(occs), "path": tuple(ctx.occupation_ids[[origin] + occs]),
            "path_labels": labels, "learn_first": tuple(ctx.skill_ids[learned]),
            "learn_first_labels": learn_labels, "step_score": step_score,
            "path_score": float(np.prod(step_score)),
            "step_similarity": tuple(float(e["similarity"]) for e in edges),
            "wage_ratio": float(ratio[end]),
            "step_wage_ratio": step_ratio, "wage_median": ctx.wage[end],
            "wage_source": ctx.wage_source[end], "wage_level": ctx.wage_level[end],
            "risk_score": ctx.risk_score[end], "at_risk": bool(ctx.at_risk[end]),
            "trend": ctx.trend[end], "in_demand": bool(ctx.in_demand[end]), "reason": reason,
            "n_missing": len(miss), "missing_skills": tuple(ctx.skill_ids[miss]),
            "missing_labels": tuple(ctx.skill_label[lang][miss]),
            "n_missing_digital": len(dig), "missing_digital": tuple(ctx.skill_ids[dig]),
            "step_missing": tuple(step_missing), "effort_months": months, "effort_band": band,
            "explanation": (explain_path(labels, float(ratio[end]), len(miss), len(dig), band,
                                         reason, lang=lang, wage_level=ctx.wage_level[end],
                                         wage_source=ctx.wage_source[end],
                                         learn_first=learn_labels)
                            if explain else None),
        })
    out = pd.DataFrame.from_records(records, columns=list(PATH_COLUMNS))
    out["effort_band"] = pd.Categorical(out["effort_band"], dtype=band_order())
    return enforce_dtypes(out)
