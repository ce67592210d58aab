"""Occupation-level estimates of figures published per occupation group.

CBS publishes wages and jobs per BRC group; every ESCO occupation of a group
would otherwise carry the group's figures, so that "no pay loss" between two
occupations of one group is asserted, not measured, and a group's jobs are
spread by how finely ESCO happens to split it. With a reference
(:mod:`.reference`: relative wages and employment of single occupations from
US OEWS through a crosswalk) the group figures are disaggregated:

Jobs (:func:`job_shares`)
    A group's jobs go to its occupations in proportion to their reference
    employment ``ref_mass``; an occupation without one weighs as the mean of
    its group's occupations that have one (evenly when none has). An
    occupation linked to ``k`` groups counts ``1/k`` in each. The shares of a
    group sum to 1, so the group's published jobs are kept exactly.

Wages (:func:`estimate_wages`)
    ``wage = W * exp(beta * (u - u_ref))``, where ``W`` is the published
    median (P25, P75) of the finest level that has one (group, else segment,
    else class), ``u`` the occupation's reference log wage and ``u_ref`` the
    job-weighted mean of ``u`` over the occupations of that published unit
    (using the job shares above). ``beta`` (the *elasticity*) says how much of
    a reference wage difference carries over: the Dutch wage structure is
    more compressed than the US one. It is fitted on the published figures
    themselves (:func:`fit_elasticity`): the slope of the groups' log medians
    on their ``u_ref``, both taken as deviations from their segment's mean,
    over the segments with at least two published groups, clipped to [0, 1].
    Estimated quartiles keep the published spread (the same factor).

``benchmarks/bench_wages.py`` tests the wage method on held-out groups
(predicting each published group median from its segment's, with ``beta``
fitted without that segment) and the job shares on held-out group jobs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codes import LEVELS
from .leaves import leaf_pairs

__all__ = ["job_shares", "fit_elasticity", "group_index", "estimate_wages", "disaggregate",
           "held_out_groups", "ESTIMATE_LEVEL", "MIN_ELASTICITY_GROUPS"]

#: ``<name>_level`` of an occupation-level estimate of a group figure.
ESTIMATE_LEVEL = "occupation (estimate)"
#: Fewer usable groups than this: no elasticity can be fitted (no wage estimates).
MIN_ELASTICITY_GROUPS = 10


def job_shares(pairs, mass):
    """Each (occupation, group) pair's share of the group's jobs.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``occupation_id`` and ``key`` (the group), one row per pair.
    mass : pandas.Series
        ``ref_mass`` by occupation id (NaN where unknown); None: even shares.

    Returns
    -------
    pandas.Series
        Aligned with ``pairs``: shares summing to 1 within each group.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"occupation_id": ["a", "b", "c"], "key": ["g", "g", "g"]})
    >>> job_shares(pairs, pd.Series({"a": 3.0, "b": 1.0})).round(3).tolist()
    [0.5, 0.167, 0.333]
    """
    k = pairs.groupby("occupation_id")["key"].transform("nunique").to_numpy(float)
    if mass is None:
        m = pd.Series(1.0, index=pairs.index)
    else:
        m = pairs["occupation_id"].map(mass).astype(float)
        m = m.where(m > 0)
        m = m.fillna(m.groupby(pairs["key"]).transform("mean")).fillna(1.0)
    w = m / k
    return w / w.groupby(pairs["key"]).transform("sum")


def group_index(pairs, u, jobs, depths):
    """Job-weighted mean reference log wage of every code (cut to each of ``depths``).

    ``pairs``: ``occupation_id`` and ``key`` (finest group); ``u``: log
    reference wage per occupation; ``jobs``: the pair's jobs (aligned with
    ``pairs``). Returns a Series indexed by code (all depths together).
    """
    uu = pairs["occupation_id"].map(u).astype(float)
    ok = uu.notna() & (jobs > 0)
    parts = []
    for d in depths:
        key = pairs.loc[ok, "key"].str[:d] if d > 0 else pd.Series("", index=pairs.index[ok])
        num = (uu[ok] * jobs[ok]).groupby(key).sum()
        den = jobs[ok].groupby(key).sum()
        parts.append(num / den)
    return pd.concat(parts) if parts else pd.Series(dtype=float)


def fit_elasticity(log_wage, index):
    """The slope of groups' log wages on their reference index, within segments.

    Parameters
    ----------
    log_wage, index : pandas.Series
        By group code (4 digits): the published log median and ``u_ref``.

    Returns
    -------
    (float, int)
        ``beta`` clipped to [0, 1] (NaN with fewer than
        :data:`MIN_ELASTICITY_GROUPS` usable groups) and the number of groups used.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> codes = [f"01{i}{j}" for i in range(1, 6) for j in (1, 2, 3)]
    >>> u = pd.Series(np.linspace(0, 1, 15), index=codes)
    >>> beta, n = fit_elasticity(0.4 * u + 3, u)
    >>> round(beta, 3), n
    (0.4, 15)
    """
    d = pd.DataFrame({"y": log_wage, "x": index}).dropna()
    seg = d.index.str[:3]
    d = d[seg.map(seg.value_counts()) >= 2]
    if len(d) < MIN_ELASTICITY_GROUPS:
        return np.nan, len(d)
    dev = d - d.groupby(d.index.str[:3]).transform("mean")
    denom = float((dev["x"] ** 2).sum())
    if denom <= 0:
        return np.nan, len(d)
    return float(np.clip((dev["x"] * dev["y"]).sum() / denom, 0.0, 1.0)), len(d)


def held_out_groups(medians, index, *, beta=None):
    """Predict every published group median from its segment's, one segment held out at a time.

    The test of the wage method one level up (``benchmarks/bench_wages.py``):
    ``segment median * exp(beta * (index[group] - index[segment]))`` against
    the segment median alone, where ``beta`` is fitted (:func:`fit_elasticity`)
    on the other segments' groups only.

    Parameters
    ----------
    medians : pandas.Series
        Published medians by BRC code, groups (4 digits) and segments (3 digits).
    index : pandas.Series
        Reference log wage by BRC code (:func:`group_index`).
    beta : float, optional
        A fixed elasticity instead of the fitted one.

    Returns
    -------
    pandas.DataFrame
        One row per group of a segment with at least two published groups:
        ``actual``, ``segment`` (the segment median), ``method`` (the
        prediction) and ``beta`` (used for it).
    """
    groups = medians[medians.index.str.len() == 4]
    segs = medians[medians.index.str.len() == 3]
    d = pd.DataFrame({"actual": groups, "segment": groups.index.str[:3].map(segs),
                      "u": index.reindex(groups.index),
                      "u_seg": index.reindex(groups.index.str[:3]).to_numpy()}).dropna()
    d = d[d.index.str[:3].map(d.index.str[:3].value_counts()) >= 2]
    logw = np.log(groups)
    parts = []
    for seg, sub in d.groupby(d.index.str[:3]):
        b = beta
        if b is None:
            train = logw[logw.index.str[:3] != seg]
            b, _ = fit_elasticity(train, index.reindex(train.index))
        parts.append(sub.assign(method=sub["segment"] * np.exp(b * (sub["u"] - sub["u_seg"])),
                                beta=b))
    cols = ["actual", "segment", "method", "beta"]
    return pd.concat(parts)[cols] if parts else pd.DataFrame(columns=cols)


def estimate_wages(out, pairs, u, jobs, wage_table, system, *, beta=None):
    """Occupation wage estimates for the rows of ``out`` whose wage is a group figure.

    Parameters
    ----------
    out : pandas.DataFrame
        The market table (``wage_median``, ``wage_p25``, ``wage_p75``,
        ``wage_level`` resolved as published), indexed by occupation id.
    pairs : pandas.DataFrame
        ``occupation_id`` and ``key`` of the finest groups of ``system``.
    u : pandas.Series
        Reference log wage per occupation.
    jobs : pandas.Series
        The pairs' jobs (aligned with ``pairs``), the weights of ``u_ref``.
    wage_table : pandas.DataFrame
        The normalised wage table (for fitting ``beta``).
    system : str
        The code system of the groups (e.g. ``"BRC 2014"``).
    beta : float, optional
        Fixed elasticity; default fitted by :func:`fit_elasticity`.

    Returns
    -------
    factor : pandas.Series
        ``exp(beta * (u - u_ref))`` per occupation (NaN where no estimate).
    beta : float
    n_groups : int
        Groups the elasticity was fitted on (0 when ``beta`` was given).
    """
    depths = [d for d in LEVELS[system] if d > 0]
    index = group_index(pairs, u, jobs, depths)
    n_groups = 0
    if beta is None:
        rows = wage_table[(wage_table["code_system"] == system) & (wage_table["depth"] == 4)]
        rows = rows[rows["wage_median"] > 0]
        if "wage_year" in rows and rows["wage_year"].notna().any():
            rows = rows[rows["wage_year"] == rows["wage_year"].mode().iloc[0]]
        log_w = pd.Series(np.log(rows["wage_median"].to_numpy(float)), index=rows["key"].to_numpy())
        beta, n_groups = fit_elasticity(log_w, index.reindex(log_w.index))
    factor = pd.Series(np.nan, index=out.index)
    if not np.isfinite(beta):
        return factor, beta, n_groups
    names = {name: d for d, name in LEVELS[system].items() if d > 0}
    depth = out["wage_level"].map(names)
    occ = pairs.assign(depth=pairs["occupation_id"].map(depth)).dropna(subset=["depth"])
    occ = occ.assign(code=[k[:int(d)] for k, d in zip(occ["key"], occ["depth"])])
    occ = occ.drop_duplicates(["occupation_id", "code"])
    ref = occ["code"].map(index).groupby(occ["occupation_id"]).mean()
    own = u.reindex(ref.index)
    factor.loc[ref.index] = np.exp(beta * (own - ref)).to_numpy()
    return factor, beta, n_groups


#: Extensive measures (counts that add up) split over a group's occupations by the job shares.
SPLIT_MEASURES = ("employment", "openings")


def disaggregate(out, tax, links, crosswalks, tables, reference, *, beta=None, skills=True):
    """Add occupation-level estimates to a market table, in place (see the module docs).

    Parameters
    ----------
    out : pandas.DataFrame
        The market table with the published figures resolved.
    tax, links, crosswalks
        The taxonomy, its links (:func:`~.mapping.occupation_links`) and crosswalks.
    tables : dict of str to pandas.DataFrame
        The market's normalised tables (``employment`` and ``wage`` are used).
    reference : dict or None
        ``{"wage": table, "employment": table}`` of the reference
        classification (normalised), or None (jobs split evenly, no wage estimates).
    beta : float, optional
        Fixed wage elasticity (default: fitted).
    skills : bool, default=True
        Use the skill adjustment of :func:`~.reference.occupation_reference`.

    Returns
    -------
    dict
        ``beta``, ``n_groups`` (groups it was fitted on), ``kappa``, the
        reference ``source`` and how many occupations got a wage estimate
        (``n_wage_estimates``); also stored in ``out.attrs["estimates"]``.
    """
    from .reference import occupation_reference

    info = {"beta": np.nan, "n_groups": 0, "kappa": np.nan, "source": None,
            "n_wage_estimates": 0}
    emp = tables.get("employment")
    pairs = leaf_pairs(emp, links) if emp is not None else None
    if pairs is None or pairs.empty:
        out.attrs["estimates"] = info
        return info
    ref = None
    if reference is not None:
        ref = occupation_reference(tax, links, crosswalks, reference["wage"],
                                   reference.get("employment"), skills=skills)
        info.update(kappa=ref.attrs["kappa"],
                    source=short_source(sorted(reference["wage"]["wage_source"].unique())[0]))
    mass = None if ref is None else ref["ref_mass"]
    pairs = pairs.reset_index(drop=True)
    pairs["share"] = job_shares(pairs, mass)
    pairs["jobs"] = pairs["employment"] * pairs["share"]
    how = f"split by {info['source']} employment shares" if ref is not None else "split evenly"
    jobs = pairs.groupby("occupation_id")["jobs"].sum()
    ratio = pd.Series(np.nan, index=out.index)
    if "employment" in out:
        leaf = out["employment_level"].reindex(jobs.index).isin(set(pairs["level"]))
        ratio.loc[jobs.index[leaf]] = (jobs[leaf] / out.loc[jobs.index[leaf], "employment"]).to_numpy()
    est = ratio.index[ratio.lt(1 - 1e-12)]
    for name in SPLIT_MEASURES:
        if name not in out or f"{name}_level" not in out:
            continue
        out[f"{name}_group"] = out[name]
        out[f"{name}_group_source"] = out[f"{name}_source"]
        out[f"{name}_group_level"] = out[f"{name}_level"]
        ids = est[out.loc[est, name].notna()]
        out.loc[ids, name] = out.loc[ids, name] * ratio[ids]
        out.loc[ids, f"{name}_source"] = out.loc[ids, f"{name}_source"].astype(str) + f", {how}"
        out.loc[ids, f"{name}_level"] = ESTIMATE_LEVEL
    out["employment_share"] = ratio
    if ref is None or "wage" not in tables:
        out.attrs["estimates"] = info
        return info
    system = pairs["code_system"].iloc[0]
    factor, beta, n_groups = estimate_wages(out, pairs, ref["ref_log_wage"], pairs["jobs"],
                                            tables["wage"], system, beta=beta)
    info.update(beta=beta, n_groups=n_groups)
    ok = factor.notna() & out["wage_median"].notna()
    for col in ("wage_median", "wage_p25", "wage_p75"):
        out.loc[ok, col] = out.loc[ok, col] * factor[ok]
    out.loc[ok, "wage_source"] = (
        out.loc[ok, "wage_source"].astype(str) + " " + out.loc[ok, "wage_level"].astype(str)
        + f" x relative wage ({info['source']}, elasticity {beta:.2f})")
    out.loc[ok, "wage_level"] = ESTIMATE_LEVEL
    out["wage_estimate_factor"] = factor.where(ok)
    out["wage_estimate_basis"] = ref["ref_basis"].where(ok)
    info["n_wage_estimates"] = int(ok.sum())
    out.attrs["estimates"] = info
    return info


def short_source(source):
    """``"BLS OEWS May 2024; ..."`` -> ``"BLS OEWS May 2024"`` (the first source named)."""
    return str(source).split(";")[0].split(" (")[0] if source else "reference"
