"""The coverage report: how many workers have a good switch option without losing pay.

The seed study's headline, recomputed on whatever taxonomy and labour market
the advisor holds: every occupation's *default worker* (its skills, its median
wage, the default constraints) is evaluated exactly as
:meth:`Advisor.recommend` would, and the number of good options is weighted by
the workers in that occupation (``LabourMarket.workforce``: CBS job counts
mapped onto the taxonomy). Reported for everyone and for the workers in
at-risk occupations, at the default thresholds and, for sensitivity, over a
grid of similarity thresholds, wage floors and with or without the at-risk
filter.

Workers in occupations without a known wage cannot be given a salary-neutral
option (no salary claim without a wage): they are counted in ``workers`` but
left out of the shares, and ``share_assessed`` says how many were assessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError
from .core import check_min_similarity

__all__ = ["coverage_report", "COVERAGE_COLUMNS", "DEFAULT_SIMILARITY_GRID",
           "DEFAULT_WAGE_RATIO_GRID"]

#: Columns of the summary in order.
COVERAGE_COLUMNS = ("group", "min_similarity", "min_wage_ratio", "exclude_at_risk", "default",
                    "workers", "occupations", "share_assessed", "share_with_option",
                    "mean_options", "median_options", "share_none", "workforce_source")
#: Similarity thresholds of the sensitivity grid (added to the advisor's own).
DEFAULT_SIMILARITY_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)
#: Wage floors of the sensitivity grid.
DEFAULT_WAGE_RATIO_GRID = (0.9, 0.95, 1.0, 1.05)


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


def option_counts(advisor, thresholds, ratios, exclude_flags, n_jobs=1):
    """Good options of each occupation's default worker per scenario.

    The origins are split into row blocks, run as tasks on joblib's active
    backend (``n_jobs``; a Dask cluster under ``joblib.parallel_config(backend="dask")``),
    with the similarity matrix and wages sent to each worker once where the
    backend allows it; the counts are the same for any ``n_jobs``.

    Returns
    -------
    dict mapping ``(min_similarity, min_wage_ratio, exclude_at_risk)`` to an int array
    over occupations.
    """
    from ._parallel import effective_jobs, run_tasks
    from .paths import occupation_similarity

    ctx = advisor._ctx
    shared = (occupation_similarity(advisor), ctx.wage, ctx.at_risk)
    n = ctx.n_occ
    workers = effective_jobs(n_jobs)
    step = n if workers == 1 else max(1, -(-n // (2 * workers)))
    parts = list(run_tasks(_count_rows, shared, range(0, n, step), n_jobs=n_jobs, step=step,
                           thresholds=thresholds, ratios=ratios, exclude_flags=exclude_flags))
    return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]} if parts else {}


def _count_rows(shared, start, *, step, thresholds, ratios, exclude_flags):
    """The counts of origins ``start:start + step`` (one task)."""
    S, wage, at_risk = shared
    rows = np.arange(start, min(start + step, len(wage)))
    with np.errstate(invalid="ignore", divide="ignore"):
        R = wage[None, :] / wage[rows, None]
    valid = np.isfinite(R)
    valid[np.arange(len(rows)), rows] = False  # not the origin itself
    S = S[rows]
    out = {}
    for ratio in ratios:
        wage_ok = valid & (R >= ratio - 1e-12)
        for excl in exclude_flags:
            base = wage_ok & ~at_risk[None, :] if excl else wage_ok
            for t in thresholds:
                out[(t, ratio, excl)] = (base & (S >= np.float32(t))).sum(axis=1)
    return out


def coverage_report(advisor, *, workforce=None, sensitivity=True, similarity_grid=None,
                    wage_ratio_grid=None, by="summary", n_jobs=None):
    """Share of workers with at least one good option without pay loss, and more.

    Parameters
    ----------
    advisor : Advisor
    workforce : pandas.Series or DataFrame, optional
        Workers per occupation id (a DataFrame: its ``workers`` column and
        ``workers_source``); default ``advisor.market.workforce(taxonomy)``.
    sensitivity : bool, default=True
        Add rows for the threshold grids.
    similarity_grid, wage_ratio_grid : sequence of float, optional
        Default :data:`DEFAULT_SIMILARITY_GRID` and :data:`DEFAULT_WAGE_RATIO_GRID`.
    by : {"summary", "occupation"}, default="summary"
        The summary table, or the per-occupation counts at the default thresholds.
    n_jobs : int, optional
        Workers for the counts under joblib's active backend (as in
        :func:`~transitions.advice.batch.recommend_batch`); default the advisor's.

    Returns
    -------
    pandas.DataFrame
        ``by="summary"``: one row per (scenario, group) with columns
        ``group`` (``"all"`` or ``"at risk"``), ``min_similarity``,
        ``min_wage_ratio``, ``exclude_at_risk``, ``default`` (the advisor's
        thresholds), ``workers`` (in the group), ``occupations`` (with
        workers), ``share_assessed`` (workers whose wage is known),
        ``share_with_option`` (of the assessed, with at least one good
        option), ``mean_options``, ``median_options`` (worker-weighted),
        ``share_none`` and ``workforce_source``. Default scenario first.
        ``by="occupation"``: indexed by occupation id with ``label_en``,
        ``label_nl``, ``workers``, ``at_risk``, ``wage_known`` and ``n_options``.

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
    default = (advisor.min_similarity, 1.0, True)
    sims = [advisor.min_similarity]
    ratios, flags = [1.0], [True]
    if sensitivity:
        sims += [check_min_similarity(t) for t in (similarity_grid or DEFAULT_SIMILARITY_GRID)]
        ratios += [float(r) for r in (wage_ratio_grid or DEFAULT_WAGE_RATIO_GRID)]
        flags += [False]
    sims, ratios = sorted(set(sims)), sorted(set(ratios))
    counts = option_counts(advisor, sims, ratios, sorted(set(flags), reverse=True),
                           n_jobs=advisor.n_jobs if n_jobs is None else n_jobs)
    wage_known = np.isfinite(ctx.wage)
    if by == "occupation":
        return pd.DataFrame({
            "label_en": ctx.occ_label["en"], "label_nl": ctx.occ_label["nl"],
            "workers": workers, "at_risk": ctx.at_risk, "wage_known": wage_known,
            "n_options": counts[default],
        }, index=pd.Index(ctx.occupation_ids, name="occupation_id"))
    groups = {"all": np.ones(ctx.n_occ, bool), "at risk": ctx.at_risk}
    scenarios = [default] + sorted(k for k in counts if k != default and (
        # one parameter varied at a time around the default keeps the table readable
        sum(a != b for a, b in zip(k, default)) <= 1))
    rows = []
    for key in scenarios:
        c = counts[key].astype(float)
        for name, member in groups.items():
            w = workers * member
            wa = w * wage_known
            total, assessed = w.sum(), wa.sum()
            with np.errstate(invalid="ignore", divide="ignore"):
                rows.append({
                    "group": name, "min_similarity": key[0], "min_wage_ratio": key[1],
                    "exclude_at_risk": key[2], "default": key == default,
                    "workers": total, "occupations": int((w > 0).sum()),
                    "share_assessed": assessed / total if total else np.nan,
                    "share_with_option": (wa * (c >= 1)).sum() / assessed if assessed else np.nan,
                    "mean_options": (wa * c).sum() / assessed if assessed else np.nan,
                    "median_options": _weighted_median(c, wa),
                    "share_none": (wa * (c < 1)).sum() / assessed if assessed else np.nan,
                    "workforce_source": source,
                })
    return pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))
