"""The coverage report: how many workers have a good switch option without losing pay.

The seed study's headline, recomputed on whatever taxonomy and labour market
the advisor holds: every occupation's *default worker* (its skills, its median
wage, the default constraints) is evaluated exactly as
:meth:`Advisor.recommend` would, and the number of good options
(:mod:`transitions.advice.criteria`) is weighted by the workers in that
occupation (``LabourMarket.workforce``: CBS job counts mapped onto the
taxonomy). Reported for everyone and for the workers in at-risk occupations,
at the default thresholds and, for sensitivity, with one threshold varied at
a time: the months of learning allowed, the skills that must carry over, the
wage floor, the at-risk filter and "in demand only". ``share_best_within_year``
says for how many the best-ranked option needs at most a year of learning.

Workers in occupations without a known wage cannot be given a salary-neutral
option (no salary claim without a wage): they are counted in ``workers`` but
left out of the shares, and ``share_assessed`` says how many were assessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError
from .pairs import default_pairs

__all__ = ["coverage_report", "COVERAGE_COLUMNS", "DEFAULT_GAP_GRID", "DEFAULT_CARRIED_GRID",
           "DEFAULT_WAGE_RATIO_GRID"]

#: Columns of the summary in order.
COVERAGE_COLUMNS = ("group", "max_gap_months", "min_carried", "min_wage_ratio",
                    "exclude_at_risk", "in_demand_only", "default", "workers", "occupations",
                    "share_assessed", "share_with_option", "mean_options", "median_options",
                    "share_none", "share_best_within_year", "workforce_source")
#: Months of learning of the sensitivity grid (added to the advisor's own).
DEFAULT_GAP_GRID = (6.0, 12.0, 18.0, 24.0, 36.0)
#: Carried-over skills of the sensitivity grid.
DEFAULT_CARRIED_GRID = (2, 3, 5)
#: Wage floors of the sensitivity grid.
DEFAULT_WAGE_RATIO_GRID = (0.9, 0.95, 1.0, 1.05)
_YEAR = 12.0


def _workforce(advisor, workforce):
    """Workers per occupation (float array aligned with the taxonomy) and the source text."""
    if workforce is None:
        if advisor.market is None or not hasattr(advisor.market, "workforce"):
            raise InvalidParameterError(
                "coverage needs workforce= (workers per occupation id) or an advisor built "
                "with a LabourMarket"
            )
        workforce = advisor.market.workforce(advisor.taxonomy)
    source = None
    if isinstance(workforce, pd.DataFrame):
        col = "workers" if "workers" in workforce else None
        if col is None:
            numeric = workforce.select_dtypes("number").columns
            if not len(numeric):
                raise DataFormatError(
                    f"workforce table has no numeric column of workers; found {list(workforce.columns)}"
                )
            col = numeric[0]
        for src in (f"{col}_source", "source", "workers_source"):
            if src in workforce:
                vals = workforce[src].dropna().astype(str).unique()
                source = "; ".join(sorted(vals)[:3]) if len(vals) else None
                break
        workforce = workforce[col]
    if not isinstance(workforce, pd.Series):
        raise InvalidParameterError(
            f"workforce must be a Series or DataFrame by occupation id, got {type(workforce).__name__}"
        )
    w = pd.to_numeric(workforce, errors="coerce").reindex(advisor._ctx.occupation_ids)
    w = w.fillna(0.0).to_numpy(float)
    if (w < 0).any():
        raise DataFormatError("workforce has negative worker counts")
    return w, source


def _weighted_median(values, weights):
    if weights.sum() <= 0:
        return np.nan
    order = np.argsort(values, kind="stable")
    v, w = values[order], weights[order]
    cum = np.cumsum(w)
    return float(v[np.searchsorted(cum, 0.5 * cum[-1])])


def option_counts(advisor, scenarios, n_jobs=1):
    """Good options of each occupation's default worker per scenario.

    Parameters
    ----------
    advisor : Advisor
    scenarios : iterable of (Criteria, min_wage_ratio, exclude_at_risk)
    n_jobs : int, default=1
        The origins are split into row blocks, run as tasks on joblib's active
        backend (a Dask cluster under ``joblib.parallel_config(backend="dask")``),
        with the pair matrices sent to each worker once where the backend
        allows it; the counts are the same for any ``n_jobs``.

    Returns
    -------
    dict mapping each scenario to ``(counts, best_months)``: int array of good
    options per occupation, and the months the best-ranked one needs (NaN: none).
    """
    from ._parallel import effective_jobs, run_tasks

    ctx = advisor._ctx
    scenarios = list(scenarios)
    shared = (default_pairs(advisor), ctx.wage, ctx.default_wage, ctx.at_risk,
              ctx.n_essential, ctx.in_demand)
    n = ctx.n_occ
    workers = effective_jobs(n_jobs)
    step = n if workers == 1 else max(1, -(-n // (2 * workers)))
    parts = list(run_tasks(_count_rows, shared, range(0, n, step), n_jobs=n_jobs, step=step,
                           scenarios=scenarios))
    return {key: tuple(np.concatenate([p[key][i] for p in parts]) for i in range(2))
            for key in scenarios}


def _count_rows(shared, start, *, step, scenarios):
    """The counts of origins ``start:start + step`` (one task)."""
    pairs, wage, default_wage, at_risk, n_essential, in_demand = shared
    rows = np.arange(start, min(start + step, len(wage)))
    local = np.arange(len(rows))
    with np.errstate(invalid="ignore", divide="ignore"):
        R = wage[None, :] / default_wage[rows, None]
    valid = np.isfinite(R)
    valid[local, rows] = False  # not the origin itself
    index = np.where(valid, pairs.index[rows], -np.inf)
    carried, months, sim = pairs.carried[rows], pairs.months[rows], pairs.similarity[rows]
    # The scenarios vary one threshold at a time: build each mask once and combine.
    masks = {}

    def mask(key, build):
        if key not in masks:
            masks[key] = build()
        return masks[key]

    out = {}
    for key in scenarios:
        criteria, ratio, excl = key
        good = mask(("wage", ratio, excl), lambda: valid & (R >= ratio - 1e-12) & (
            ~at_risk[None, :] if excl else True)).copy()
        good &= mask(("credible", criteria.min_carried, criteria.min_carried_share),
                     lambda: criteria.credible(carried, n_essential[None, :]))
        good &= mask(("months", criteria.max_gap_months),
                     lambda: months <= criteria.max_gap_months + 1e-9)
        if criteria.min_similarity > 0:
            good &= sim >= criteria.min_similarity
        if criteria.in_demand_only:
            good &= in_demand[None, :]
        counts = good.sum(axis=1)
        best = np.where(good, index, -np.inf).argmax(axis=1)
        best_months = months[local, best].astype(float)
        out[key] = (counts, np.where(counts > 0, best_months, np.nan))
    return out


def _scenarios(base, sensitivity, gap_grid, carried_grid, wage_ratio_grid):
    default = (base, 1.0, True)
    out = [default]
    if sensitivity:
        out += [(base.replace(max_gap_months=g), 1.0, True) for g in gap_grid]
        out += [(base.replace(min_carried=c), 1.0, True) for c in carried_grid]
        out += [(base, float(r), True) for r in wage_ratio_grid]
        out += [(base, 1.0, False), (base.replace(in_demand_only=not base.in_demand_only), 1.0,
                                     True)]
    seen, unique = set(), []
    for key in out:
        if key not in seen:
            seen.add(key)
            unique.append(key)
    return unique


def coverage_report(advisor, *, workforce=None, sensitivity=True, gap_grid=None,
                    carried_grid=None, wage_ratio_grid=None, by="summary", n_jobs=None,
                    **criteria):
    """Share of workers with at least one good option without pay loss, and more.

    Parameters
    ----------
    advisor : Advisor
    workforce : pandas.Series or DataFrame, optional
        Workers per occupation id (a DataFrame: its ``workers`` column and
        ``workers_source``); default ``advisor.market.workforce(taxonomy)``.
    sensitivity : bool, default=True
        Add rows that vary one threshold at a time.
    gap_grid, carried_grid, wage_ratio_grid : sequence, optional
        Default :data:`DEFAULT_GAP_GRID` (months of learning),
        :data:`DEFAULT_CARRIED_GRID` (skills carried over) and
        :data:`DEFAULT_WAGE_RATIO_GRID`.
    by : {"summary", "occupation"}, default="summary"
        The summary table, or the per-occupation counts at the default thresholds.
    n_jobs : int, optional
        Workers for the counts under joblib's active backend (as in
        :func:`~transitions.advice.batch.recommend_batch`); default the advisor's.
    **criteria
        The good-option thresholds of the default scenario (``max_gap_months``,
        ``min_carried``, ``min_carried_share``, ``min_similarity``,
        ``in_demand_only``); default the advisor's.

    Returns
    -------
    pandas.DataFrame
        ``by="summary"``: one row per (scenario, group) with columns
        ``group`` (``"all"`` or ``"at risk"``), the scenario's
        ``max_gap_months``, ``min_carried``, ``min_wage_ratio``,
        ``exclude_at_risk``, ``in_demand_only``, ``default`` (the advisor's
        thresholds), ``workers`` (in the group), ``occupations`` (with
        workers), ``share_assessed`` (workers whose wage is known),
        ``share_with_option`` (of the assessed, with at least one good
        option), ``mean_options``, ``median_options`` (worker-weighted),
        ``share_none``, ``share_best_within_year`` (of the assessed, whose
        best-ranked option needs at most 12 months) and ``workforce_source``.
        Default scenario first.
        ``by="occupation"``: indexed by occupation id with ``label_en``,
        ``label_nl``, ``workers``, ``at_risk``, ``wage_known``, ``n_options``
        and ``best_months``.

    Examples
    --------
    >>> from transitions import Advisor
    >>> adv = Advisor.from_sample()
    >>> cov = adv.coverage(sensitivity=False)
    >>> cov["group"].tolist()
    ['all', 'at risk']
    >>> bool(cov["share_with_option"].between(0, 1).all())
    True
    """
    if by not in ("summary", "occupation"):
        raise InvalidParameterError(f"by must be 'summary' or 'occupation', got {by!r}")
    ctx = advisor._ctx
    workers, source = _workforce(advisor, workforce)
    scenarios = _scenarios(advisor._criteria(**criteria), sensitivity,
                           gap_grid or DEFAULT_GAP_GRID,
                           carried_grid or DEFAULT_CARRIED_GRID,
                           wage_ratio_grid or DEFAULT_WAGE_RATIO_GRID)
    counts = option_counts(advisor, scenarios,
                           n_jobs=advisor.n_jobs if n_jobs is None else n_jobs)
    default = scenarios[0]
    wage_known = np.isfinite(ctx.wage)
    if by == "occupation":
        return pd.DataFrame({
            "label_en": ctx.occ_label["en"], "label_nl": ctx.occ_label["nl"],
            "workers": workers, "at_risk": ctx.at_risk, "wage_known": wage_known,
            "n_options": counts[default][0], "best_months": counts[default][1],
        }, index=pd.Index(ctx.occupation_ids, name="occupation_id"))
    groups = {"all": np.ones(ctx.n_occ, bool), "at risk": ctx.at_risk}
    rows = []
    for key in scenarios:
        criteria, ratio, excl = key
        c, best = counts[key]
        c = c.astype(float)
        within = np.nan_to_num(best, nan=np.inf) <= _YEAR + 1e-9
        for name, member in groups.items():
            w = workers * member
            wa = w * wage_known
            total, assessed = w.sum(), wa.sum()
            with np.errstate(invalid="ignore", divide="ignore"):
                rows.append({
                    "group": name, "max_gap_months": criteria.max_gap_months,
                    "min_carried": criteria.min_carried, "min_wage_ratio": ratio,
                    "exclude_at_risk": excl, "in_demand_only": criteria.in_demand_only,
                    "default": key == default,
                    "workers": total, "occupations": int((w > 0).sum()),
                    "share_assessed": assessed / total if total else np.nan,
                    "share_with_option": (wa * (c >= 1)).sum() / assessed if assessed else np.nan,
                    "mean_options": (wa * c).sum() / assessed if assessed else np.nan,
                    "median_options": _weighted_median(c, wa),
                    "share_none": (wa * (c < 1)).sum() / assessed if assessed else np.nan,
                    "share_best_within_year": (wa * within).sum() / assessed if assessed
                    else np.nan,
                    "workforce_source": source,
                })
    return pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))
