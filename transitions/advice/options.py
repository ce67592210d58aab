"""Turn chosen (profile, destination) pairs into the documented option table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .core import digcomp_gaps, pair_gaps
from .effort import band_order, effort_band
from .explain import explain_option

__all__ = ["OPTION_COLUMNS", "DEMAND_COLUMNS", "option_table"]

#: The destination's demand, each figure with its source and level (``LabourMarket.for_taxonomy``).
DEMAND_COLUMNS = (
    "openings", "openings_period", "openings_source", "openings_level",
    "tightness", "tightness_class", "tightness_source", "tightness_level",
    "shortage", "shortage_class", "shortage_source", "shortage_level",
)

#: Columns of :meth:`Advisor.recommend` in order (``profile_id`` leads in batches).
OPTION_COLUMNS = (
    "rank", "occupation_id", "label", "label_en", "label_nl", "score", "similarity",
    "essential_coverage", "n_carried", "carried_skills", "carried_labels", "wage_ratio",
    "wage_median", "wage_source", "wage_level", "wage_below_minimum", "risk_score", "at_risk",
    "trend", "trend_source", *DEMAND_COLUMNS, "in_demand", "n_missing", "missing_skills",
    "missing_labels", "n_missing_digital", "missing_digital", "digcomp_gap", "education_step",
    "effort_months", "effort_band", "explanation",
)


#: The dtype pandas gives text columns (``str`` in pandas 3, ``object`` before).
TEXT_DTYPE = pd.Series(["text"]).dtype
_DTYPES = {
    **{c: TEXT_DTYPE for c in ("occupation_id", "label", "label_en", "label_nl", "wage_source",
                               "wage_level", "trend", "trend_source", "explanation")},
    **{c: np.dtype(np.int64) for c in ("rank", "n_missing", "n_missing_digital", "steps",
                                       "n_carried", "education_step")},
    **{c: np.dtype(float) for c in ("score", "similarity", "essential_coverage", "wage_ratio",
                                    "wage_median", "risk_score", "effort_months",
                                    "path_similarity", "openings", "tightness", "shortage")},
    **{c: np.dtype(object) for c in ("missing_skills", "missing_labels", "missing_digital",
                                     "digcomp_gap", "path", "path_labels", "step_similarity",
                                     "step_wage_ratio", "step_missing", "carried_skills",
                                     "carried_labels", "learn_first")},
    **{c: np.dtype(object) for c in DEMAND_COLUMNS if c not in ("openings", "tightness",
                                                                 "shortage")},
    "at_risk": np.dtype(bool),
    "in_demand": np.dtype(bool),
    "wage_below_minimum": np.dtype(bool),
    "reason": TEXT_DTYPE,
}


def demand_columns(ctx, d):
    """The demand columns of destinations ``d`` (see :data:`DEMAND_COLUMNS`) and ``in_demand``."""
    out = {c: ctx.demand[c][d] for c in DEMAND_COLUMNS}
    out["in_demand"] = ctx.in_demand[d]
    return out


def option_table(ctx, block, ev, p, d, rank, *, lang="en", explain=True):
    """The option table for pairs ``(p[k], d[k])`` of ``block`` with their ranks."""
    missing, carried, months = pair_gaps(ctx, block.held, p, d, block.level, block.origin)
    skill_ids, skill_lbl, digital = ctx.skill_ids, ctx.skill_label[lang], ctx.digital
    missing_ids = [tuple(skill_ids[m]) for m in missing]
    missing_lbl = [tuple(skill_lbl[m]) for m in missing]
    missing_dig = [tuple(skill_ids[m[digital[m]]]) for m in missing]
    carried_lbl = [tuple(skill_lbl[c]) for c in carried]
    n_missing = np.fromiter((len(m) for m in missing), dtype=np.int64, count=len(missing))
    n_digital = np.fromiter((len(m) for m in missing_dig), dtype=np.int64, count=len(missing))
    dc_gap = digcomp_gaps(ctx, block.comp_level, p, d)
    band = effort_band(months) if len(d) else np.empty(0, dtype=object)
    ratio = ev["wage_ratio"][p, d]
    label = ctx.occ_label[lang][d]
    demand = demand_columns(ctx, d)
    table = {
        "rank": rank.astype(np.int64),
        "occupation_id": ctx.occupation_ids[d],
        "label": label,
        "label_en": ctx.occ_label["en"][d],
        "label_nl": ctx.occ_label["nl"][d],
        "score": ev["score"][p, d],
        "similarity": ev["similarity"][p, d],
        "essential_coverage": ev["coverage"][p, d],
        "n_carried": np.fromiter((len(c) for c in carried), dtype=np.int64, count=len(carried)),
        "carried_skills": [tuple(skill_ids[c]) for c in carried],
        "carried_labels": carried_lbl,
        "wage_ratio": ratio,
        "wage_median": ctx.wage[d],
        "wage_source": ctx.wage_source[d],
        "wage_level": ctx.wage_level[d],
        "wage_below_minimum": ctx.wage_below_minimum[d],
        "risk_score": ctx.risk_score[d],
        "at_risk": ctx.at_risk[d],
        "trend": ctx.trend[d],
        "trend_source": ctx.trend_source[d],
        **demand,
        "n_missing": n_missing,
        "missing_skills": missing_ids,
        "missing_labels": missing_lbl,
        "n_missing_digital": n_digital,
        "missing_digital": missing_dig,
        "digcomp_gap": dc_gap,
        "education_step": np.rint(ctx.levels_up(block.origin[p], d)).astype(np.int64),
        "effort_months": months,
        "effort_band": pd.Categorical(band, dtype=band_order()),
    }
    if explain:
        wl, ws, tr = ctx.wage_level[d], ctx.wage_source[d], ctx.trend[d]
        n_ess = ctx.n_essential[d].astype(int)
        low = ctx.wage_below_minimum[d]
        table["explanation"] = [
            explain_option(label[k], ratio[k], wl[k], tr[k], n_missing[k], n_digital[k],
                           dc_gap[k], band[k], carried_labels=carried_lbl[k],
                           education_step=int(table["education_step"][k]),
                           n_essential=int(n_ess[k]),
                           demand={c: demand[c][k] for c in DEMAND_COLUMNS},
                           lang=lang, wage_source=ws[k], below_minimum=bool(low[k]))
            for k in range(len(d))
        ]
    else:
        table["explanation"] = np.full(len(d), None, dtype=object)
    return enforce_dtypes(frame(table, OPTION_COLUMNS))


_OBJECT = np.dtype(object)


def frame(table, columns):
    """``pd.DataFrame(table, columns=columns)``, the object columns of :data:`_DTYPES` kept
    as object.

    Given as Series of dtype object they are taken as they are: pandas would otherwise infer
    ``str`` for text in them, and casting back costs more than building the whole table.
    """
    index = pd.RangeIndex(len(next(iter(table.values()))) if table else 0)
    data = {}
    for col in columns:
        value = table[col]
        if _DTYPES.get(col) == _OBJECT:
            value = pd.Series(value, index=index, dtype=object, copy=False)
        data[col] = value
    return pd.DataFrame(data, index=index, columns=list(columns), copy=False)


def enforce_dtypes(out):
    """The same dtypes whether or not there are rows (pandas infers none for empty arrays)."""
    for col, dtype in out.dtypes.items():
        want = _DTYPES.get(col)
        if want is not None and dtype != want:
            out[col] = out[col].astype(want)
    return out
