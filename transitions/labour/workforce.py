"""Workers per occupation: a group's jobs split over the occupations in it.

The split follows the occupations' reference employment where the market has
a reference (:mod:`.estimate`, :func:`~.estimate.job_shares`), else it is even.

Used for coverage reports such as "share of Dutch workers with at least one
switch option". Only the employment rows that partition the workforce are
used (*leaves*: rows without a finer row below them, e.g. BRC groups, or an
OEWS broad group published without its detailed codes): a segment's jobs
would otherwise be counted twice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codes import TOTAL_LEVEL
from .estimate import ESTIMATE_LEVEL, job_shares
from .leaves import leaf_mask, match_leaves

__all__ = ["split_workforce"]

_NONE = "none"


def split_workforce(employment, links, index, *, mass=None, how="split evenly"):
    """Split the jobs of each leaf of ``employment`` over the occupations linked to it.

    Parameters
    ----------
    employment : pandas.DataFrame
        A normalised ``employment`` table.
    links : dict of str to pandas.DataFrame
        From :func:`~transitions.labour.mapping.occupation_links`.
    index : pandas.Index
        The taxonomy's occupation ids (the result's index and order).
    mass : pandas.Series, optional
        Relative size of each occupation (``ref_mass`` of
        :func:`~transitions.labour.reference.occupation_reference`); a group's
        jobs are split in proportion to it (:func:`~transitions.labour.estimate.job_shares`).
        Default: evenly.
    how : str
        How the split was made, appended to ``workers_source``.

    Returns
    -------
    pandas.DataFrame
        See :meth:`transitions.LabourMarket.workforce`.
    """
    table = employment[employment["employment"].notna() & (employment["level"] != TOTAL_LEVEL)]
    leaves = table[leaf_mask(table)]
    total = float(leaves["employment"].sum())
    out = pd.DataFrame(index=index.copy())
    cols = ["workers", "workers_source", "workers_level", "workers_group_level",
            "workers_groups", "workers_sharing", "workers_share"]
    p = match_leaves(leaves, links)
    if p is None:
        for col in cols:
            out[col] = np.nan
        out["workers_level"] = _NONE
        out.attrs.update(total_workers=total, assigned_workers=0.0)
        return out[cols]
    # An occupation in k groups counts 1/k in each; a group's jobs go to its
    # occupations in proportion to their mass (evenly without one).
    p["share"] = job_shares(p, mass)
    p["sharing"] = p.groupby(["level", "key"])["occupation_id"].transform("nunique")
    p["workers"] = p["employment"] * p["share"]
    g = p.groupby("occupation_id")
    joined = lambda s: "; ".join(sorted(set(s)))  # noqa: E731
    res = pd.DataFrame({
        "workers": g["workers"].sum(),
        "workers_source": g["employment_source"].agg(joined),
        "workers_group_level": g["level"].agg(joined),
        "workers_groups": g["code"].agg(joined),
        "workers_sharing": g["sharing"].max(),
        "workers_share": g["share"].sum() / g["key"].nunique(),
    })
    split = res["workers_sharing"] > 1
    res["workers_level"] = res["workers_group_level"].where(~split, ESTIMATE_LEVEL)
    res.loc[split, "workers_source"] = res.loc[split, "workers_source"] + f", {how}"
    out = out.join(res)
    out["workers_level"] = out["workers_level"].astype(object).where(
        out["workers_level"].notna(), _NONE)
    assigned = float(p.drop_duplicates(["level", "key"])["employment"].sum())
    out.attrs.update(total_workers=total, assigned_workers=assigned)
    return out[cols]
