"""Calibrate the effort model's months on observed year-to-year occupation changes.

The effort heuristic (``transitions.advice.effort``) turns a gap into months:
months per missing essential skill by ESCO reuse level, plus months per
education level up. Its scale was a planning guess. The CPS-ASEC flows
(development half of the origins) are occupation changes observed from one
year to the next: the switches people actually make are, by construction,
made within about a year. This script computes the model's gap for every
observed move of every occupation's default worker (O*NET via SOC; ESCO via
the crosswalk, each code pair's probability spread evenly over the ESCO
occupations of the destination code, each origin code group counting once)
and sets the scale so that a share ``Q`` of the observed moves (flow-weighted)
fits within 12 months:

* **skills**: the relative months of the reuse levels stay those of the
  heuristic (0.5 : 1 : 1.5 : 2; the flows rank them the same way); one
  factor ``a`` is set on the moves that stay at the same education level, so
  that their ``Q``-quantile of months is 12;
* **education**: on the moves one level up, the months per level ``e`` that
  put their ``Q``-quantile at 12 on top of the skills (negative: no room,
  clipped to 0);
* **O*NET** (no reuse levels; gaps are level shortfalls): months per missing
  element set the same way.

``Q`` is the share of observed switches taken as genuine: self-reported
occupations are misclassified in about 9% of person-years (Sullivan 2007,
NLSY79), so at most about 0.91**2 = 0.83 of observed year pairs have both
codes right; switches are noisier still (Kambourov & Manovskii 2013 on the
March CPS), so 0.83 is the generous end. The fit is checked by 5-fold
cross-validation grouped by origin code (the share within a year on held-out
origins), and the sensitivity to ``Q`` is printed. The shipped constants are
rounded from the output by hand (``transitions/advice/effort.py``); no data
is shipped.

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/fit_effort.py [--write]

``--write`` stores the tables in ``docs/benchmarks/effort.md``.
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _advice_data import machine, markdown  # noqa: E402
from _flows_data import build, folds  # noqa: E402

from transitions.advice import effort  # noqa: E402
from transitions.advice.pairs import default_pairs  # noqa: E402

Q = 0.83
Q_GRID = (0.5, 0.75, 0.8, 0.83, 0.9)
YEAR = 12.0
#: The planning guess before the calibration: (months per unit, months per level up).
BEFORE = {"esco": (1.0, 12.0), "onet": (1.5, 12.0)}
#: The heuristic's relative months per reuse level (cross-sector = 1).
RATIO = {"transversal": 0.5, "cross-sector": 1.0, "sector-specific": 1.5,
         "occupation-specific": 2.0}


def components(which):
    """Per evaluated origin x occupation: skill units missing, education levels up, flow weight."""
    adv, truth, _ = build(which)
    ctx = adv._ctx
    rows = truth.origin_positions
    up = np.maximum(np.nan_to_num(ctx.education[None, :] - ctx.education[rows][:, None]), 0.0)
    if ctx.rated:  # level shortfalls, one unit per missing element
        pairs = default_pairs(adv)
        units = (pairs.months[rows] - ctx.education_steps(rows)) / effort.skill_months(
            ctx.taxonomy.skills)[0]
    else:
        held = ctx.binary if ctx.optional_held else ctx.essential
        level = ctx.taxonomy.skills["reuse_level"].astype("string").str.strip().str.lower()
        unit = level.map(RATIO).astype(float).fillna(RATIO["sector-specific"]).to_numpy()
        E = ctx.essential.astype(bool).astype(float).tocsr() @ sp.diags(unit)
        H = sp.csr_matrix(held[rows].astype(bool).astype(float))
        units = np.asarray(E.sum(axis=1)).ravel()[None, :] - (H @ E.T).toarray()
    # Each code pair's probability spread evenly over the destination code's occupations.
    M = truth.membership.tocsc().astype(float)
    size = np.maximum(np.asarray(M.sum(axis=0)).ravel(), 1.0)
    W = (truth.gains.tocsr() @ sp.diags(1.0 / size) @ M.T).toarray()
    W[truth.occupation_excluded] = 0.0
    gid = pd.factorize(truth.groups)[0]
    W = W / W.sum(axis=1, keepdims=True) / np.bincount(gid)[gid][:, None]
    return units, up, W, folds(truth)


def _quantile(v, w, q):
    keep = w > 0
    v, w = v[keep], w[keep]
    order = np.argsort(v, kind="stable")
    cum = np.cumsum(w[order]) / w.sum()
    return float(v[order][np.searchsorted(cum, q)])


def calibrate(units, up, W, rows, q):
    """(months per skill unit, months per education level up; raw, may be negative)."""
    u, e, w = units[rows], up[rows], W[rows]
    a = YEAR / _quantile(u[e == 0], w[e == 0], q)
    step = YEAR - _quantile(a * u[e == 1], w[e == 1], q)
    return a, step


def share_within_year(units, up, W, rows, a, step):
    months = a * units[rows] + max(step, 0.0) * up[rows]
    return float((W[rows] * (months <= YEAR + 1e-9)).sum() / W[rows].sum())


def run(which):
    units, up, W, fold = components(which)
    everyone = np.arange(len(units))
    current = (effort.skill_months(pd.DataFrame({"reuse_level": ["cross-sector"]}))[0]
               if which == "esco" else effort.MONTHS_WITHOUT_REUSE_LEVEL)
    rows = []
    for q in Q_GRID:
        a, step = calibrate(units, up, W, everyone, q)
        held = []
        for k in range(fold.max() + 1):
            ak, sk = calibrate(units, up, W, np.flatnonzero(fold != k), q)
            held.append(share_within_year(units, up, W, np.flatnonzero(fold == k), ak, sk))
        rows.append({"Q": q, "months per unit": a, "education step (raw)": step,
                     "education step": max(step, 0.0),
                     "held-out share <= 1 year": np.mean(held),
                     "fold min": min(held), "fold max": max(held)})
    table = pd.DataFrame(rows)
    shipped = share_within_year(units, up, W, everyone, current, effort.MONTHS_PER_EDUCATION_LEVEL)
    before = share_within_year(units, up, W, everyone, *BEFORE[which])
    mass = {k: float(W[up == k].sum() / W.sum()) for k in (0, 1, 2)}
    return table, shipped, before, mass, current


def main():
    which = [w for w in sys.argv[1:] if w in ("onet", "esco")] or ["esco", "onet"]
    parts = [
        "# Calibrating the effort model on observed year-to-year moves\n",
        f"Measured {datetime.date.today().isoformat()}, {machine()}, load average "
        f"{os.getloadavg()[0]:.1f}, with `benchmarks/fit_effort.py` on the development half of "
        "the CPS-ASEC flows (each origin code group counts once; a code pair's probability is "
        "spread evenly over the destination code's occupations). `months per unit`: months per "
        "missing cross-sector skill (ESCO; the other reuse levels in the heuristic's ratio "
        "0.5 : 1 : 1.5 : 2) or per missing O*NET element, set so that a share Q of the observed "
        "moves at the same education level fits within a year; `education step (raw)`: the months "
        "per level up that would put the same share of the moves one level up within a year "
        "(negative: they already need more skill months than that). Held-out share: 5 folds "
        "grouped by origin code. Shipped: Q = 0.83 (see the script's docs).\n",
    ]
    for w in which:
        table, shipped, before, mass, current = run(w)
        print(w, f"shipped share within a year {shipped:.3f}; flow mass by levels up {mass}")
        print(table.round(3).to_string(index=False))
        show = table.copy()
        for col in show.columns:
            show[col] = show[col].map(lambda v: f"{v:.3f}")
        parts += [f"## {w}\n",
                  "Observed flow by education levels up: " + ", ".join(
                      f"{k}: {v:.1%}" for k, v in mass.items()) +
                  f". Shipped constants ({current:g} months per unit, "
                  f"{effort.MONTHS_PER_EDUCATION_LEVEL:g} per level up): "
                  f"{shipped:.1%} of the observed moves within a year (the planning guess before "
                  f"the calibration, {BEFORE[w][0]:g} and {BEFORE[w][1]:g}: {before:.1%}).\n",
                  markdown(show) + "\n"]
    if "--write" in sys.argv:
        out = Path(__file__).resolve().parents[1] / "docs" / "benchmarks" / "effort.md"
        out.write_text("\n".join(parts), encoding="utf-8")
        print(f"written to {out}")


if __name__ == "__main__":
    main()
