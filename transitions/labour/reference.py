"""Relative wages and sizes of single occupations, from a reference classification.

Dutch wages and jobs are published per BRC group; ESCO splits a group into
dozens of occupations. What tells those occupations apart is a *reference*:
statistics published for finer occupations elsewhere, the US OEWS wages and
employment per SOC code, reached through crosswalks. For each occupation of a
taxonomy :func:`occupation_reference` gives

``ref_log_wage``
    its reference log wage. Only *differences* within a Dutch group are used
    (:mod:`.estimate`), so the currency and the US wage level drop out; what
    carries over is the occupation's relative position. It is built in two
    levels, each from the source that describes it:

    - the occupation's **ISCO unit group**: the employment-weighted mean log
      OEWS median of the SOC codes of the unit group (BLS ISCO-08 -> SOC 2010
      -> SOC 2018 crosswalks, the official correspondence of the two
      classifications);
    - plus the occupation's **deviation within its unit group**: the log
      median of its own SOC codes (the ESCO -> O*NET-SOC crosswalk, or the
      taxonomy's own SOC code) minus the mass-weighted mean of that over the
      unit group's occupations.

    So a unit group's mean is the unit-group figure, whatever ESCO occupations
    it happens to hold; a taxonomy without its own ISCO codes (O*NET) uses
    its own codes directly. ``benchmarks/bench_wages.py`` compares the
    variants on held-out published group medians.
``ref_mass``
    its share of the reference employment: each SOC code's employment split
    evenly over the taxonomy's occupations linked to it (occupation-level
    route, else the unit-group route), summed over the occupation's codes.
    Used to split a group's jobs (:mod:`.estimate`).
``ref_basis``
    the route: ``"ISCO unit group + crosswalk"``, ``"ISCO unit group + own
    code"``, ``"own code"``, ``"crosswalk"``, ``"ISCO unit group"`` (no
    occupation-level code) or ``"skill profile"`` (no code at all: the
    estimate below), plus ``" + skill profile"`` where the skill adjustment applied.

Skill adjustment
----------------
Crosswalks are coarser than ESCO: up to 84 ESCO occupations share one O*NET
occupation, and they would all get the same reference wage. A ridge
regression of ``ref_log_wage`` on the occupations' skill profiles (tf-idf
weighted rows of :meth:`Taxonomy.incidence`, skills held by at least three
occupations) predicts each occupation's wage out of fold (5 folds). Among
occupations of one unit group that share the same reference codes, the
reference wage is then spread by their predicted differences::

    ref_log_wage += kappa * (predicted - mean predicted of the sharing occupations)

``kappa`` is the slope of the reference wages on the out-of-fold predictions
*within ISCO unit groups* (where the reference wages do differ), clipped to
[0, 1]: the part of a predicted difference that real wages bear out. On ESCO
with the US reference it is about 0.5; the mean of the sharing occupations is
unchanged. Occupations without any code get the model's prediction itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codes import ISCO, LEVELS, SOC2018
from .mapping import join_distinct

__all__ = ["occupation_reference", "REFERENCE_COLUMNS"]

#: Columns of :func:`occupation_reference`.
REFERENCE_COLUMNS = ("ref_log_wage", "ref_mass", "ref_basis", "ref_codes")
_MIN_SKILL_OCCUPATIONS = 3
_FOLDS = 5
_ALPHA = 1.0


def _route_pairs(tax, links, crosswalks, system):
    """(occupation, code) pairs of the occupation-level route and of the unit-group route.

    Occupation level: the taxonomy's own codes in ``system`` (e.g. O*NET-SOC),
    else the occupation crosswalk (ESCO -> O*NET-SOC). Unit-group level: the
    codes reached through the taxonomy's ISCO unit group (ISCO-08 -> SOC).
    """
    empty = pd.DataFrame(columns=["occupation_id", "code", "basis"])
    own = links.get(system)
    fine = []
    if own is not None:
        fine.append(own[own["via"].isna()].assign(basis="own code"))
    cw = getattr(crosswalks, "occupation_onet", None)
    if cw is not None and system == SOC2018:
        sub = cw[cw["occupation_id"].isin(tax.occupations.index)]
        fine.append(pd.DataFrame({"occupation_id": sub["occupation_id"].to_numpy(),
                                  "code": sub["soc2018"].to_numpy(), "basis": "crosswalk"}))
    fine = pd.concat(fine, ignore_index=True) if fine else empty
    if len(fine):  # the taxonomy's own codes win over the crosswalk
        first = fine.groupby("occupation_id")["basis"].transform("first")
        fine = fine[fine["basis"] == first]
    unit = own[own["via"].notna()].assign(basis="ISCO unit group") if own is not None else empty
    out = []
    for pairs in (fine, unit):
        if system == SOC2018:  # O*NET-SOC codes ('11-1011.03') count as their detailed SOC code
            pairs = pairs.assign(code=pairs["code"].astype(str).str[:7])
        out.append(pairs.drop_duplicates(["occupation_id", "code"]).reset_index(drop=True))
    return out


def _resolve_pairs(pairs, wage, employment, system):
    """Each pair's finest reference code with a wage, its log wage and employment."""
    rows = wage[(wage["code_system"] == system) & wage["wage_median"].gt(0)]
    emp = employment[employment["code_system"] == system].set_index("key")["employment"] \
        if employment is not None else pd.Series(dtype=float)
    emp = emp[~emp.index.duplicated()]
    out = []
    todo = pairs.assign(pair=np.arange(len(pairs)))
    for depth in [d for d in LEVELS[system] if d != 0]:  # finest first; -1: taxonomy ids
        sub = rows[rows["depth"] == depth]
        if sub.empty or todo.empty:
            continue
        cut = todo[todo["code"].str.len() >= depth]
        key = cut["code"] if depth < 0 else cut["code"].str[:depth]
        m = cut.assign(key=key).merge(sub[["key", "wage_median"]], on="key")
        out.append(m)
        todo = todo[~todo["pair"].isin(m["pair"])]
    if not out:
        return None
    m = pd.concat(out, ignore_index=True)
    m["log_wage"] = np.log(m["wage_median"].to_numpy(float))
    m["employment"] = m["key"].map(emp).to_numpy(float)
    return m


def _per_occupation(pairs, wage, employment, system):
    """Log wage (employment-weighted over codes), mass, basis and codes per occupation."""
    m = _resolve_pairs(pairs, wage, employment, system) if len(pairs) else None
    if m is None or m.empty:
        return pd.DataFrame({"u": pd.Series(dtype=float), "mass": pd.Series(dtype=float),
                             "basis": pd.Series(dtype=object), "codes": pd.Series(dtype=object)})
    sharing = m.groupby("key")["occupation_id"].transform("nunique")
    m["mass"] = m["employment"] / sharing
    # Within an occupation, codes weigh by their employment share (equal when unknown).
    w = m["mass"].where(m["mass"] > 0)
    w = w.fillna(w.groupby(m["occupation_id"]).transform("mean")).fillna(1.0)
    g = m.assign(w=w, wl=w * m["log_wage"]).groupby("occupation_id")
    codes = join_distinct(m["occupation_id"], m["key"])
    return pd.DataFrame({"u": g["wl"].sum() / g["w"].sum(), "mass": g["mass"].sum(min_count=1),
                         "basis": g["basis"].first(), "codes": codes})


def _own_units(links, index):
    """The taxonomy's own ISCO unit group per occupation (NaN where it states none)."""
    unit = pd.Series(np.nan, index=index, dtype=object)
    isco = links.get(ISCO)
    if isco is not None:
        four = isco[(isco["code"].str.len() == 4) & isco["via"].isna()]
        four = four.drop_duplicates("occupation_id")
        unit.loc[four["occupation_id"].to_numpy()] = four["code"].to_numpy()
    return unit


def occupation_reference(tax, links, crosswalks, wage, employment=None, *, skills=True):
    """Reference wage and size of every occupation of ``tax`` (see the module docs).

    Parameters
    ----------
    tax : Taxonomy
    links : dict of str to pandas.DataFrame
        From :func:`~.mapping.occupation_links`.
    crosswalks : Crosswalks
        ``occupation_onet`` is used when present.
    wage : pandas.DataFrame
        A normalised ``wage`` table of the reference (e.g. BLS OEWS by SOC 2018).
    employment : pandas.DataFrame, optional
        A normalised ``employment`` table of the reference, for ``ref_mass``.
    skills : bool, default=True
        Spread the reference wage of occupations sharing codes by their skill
        profiles, and estimate it for occupations without a code.

    Returns
    -------
    pandas.DataFrame
        Indexed by the taxonomy's occupation ids, columns
        :data:`REFERENCE_COLUMNS`; NaN / ``"none"`` where nothing is known.
        ``attrs`` holds ``kappa`` and ``n_train`` of the skill adjustment.
    """
    index = tax.occupations.index
    out = pd.DataFrame({"ref_log_wage": np.nan, "ref_mass": np.nan,
                        "ref_basis": pd.Series("none", index=index, dtype=object),
                        "ref_codes": pd.Series(np.nan, index=index, dtype=object)},
                       index=index.copy())
    out.attrs.update(kappa=np.nan, n_train=0)
    systems = list(dict.fromkeys(wage["code_system"]))
    system = SOC2018 if SOC2018 in systems else (systems[0] if systems else None)
    if system is None:
        return out
    fine_pairs, unit_pairs = _route_pairs(tax, links, crosswalks, system)
    fine = _per_occupation(fine_pairs, wage, employment, system).reindex(index)
    unit = _per_occupation(unit_pairs, wage, employment, system).reindex(index)
    own_unit = _own_units(links, index)
    u = fine["u"].astype(float)
    basis = fine["basis"].astype(object).copy()
    # Where the taxonomy states its ISCO unit group, the unit group's position comes from
    # the ISCO -> SOC route and the occupation's from its deviation within the unit group.
    has_unit = own_unit.notna() & unit["u"].notna()
    dev_ok = has_unit & fine["u"].notna()
    mass = fine["mass"].where(fine["mass"] > 0)
    wmass = mass.fillna(mass[dev_ok].groupby(own_unit[dev_ok]).transform("mean")).fillna(1.0)
    num = (fine["u"] * wmass)[dev_ok].groupby(own_unit[dev_ok]).transform("sum")
    den = wmass[dev_ok].groupby(own_unit[dev_ok]).transform("sum")
    u[dev_ok] = unit.loc[dev_ok, "u"] + fine.loc[dev_ok, "u"] - num / den
    basis[dev_ok] = "ISCO unit group + " + basis[dev_ok]
    only_unit = fine["u"].isna() & unit["u"].notna()
    u[only_unit] = unit.loc[only_unit, "u"]
    basis[only_unit] = "ISCO unit group"
    out["ref_log_wage"] = u
    out["ref_mass"] = fine["mass"].fillna(unit["mass"])
    out["ref_basis"] = basis.where(u.notna(), "none")
    out["ref_codes"] = fine["codes"].fillna(unit["codes"]).astype(object)
    if skills and len(tax.relations):
        _skill_adjust(tax, links, out, own_unit, fine["u"].notna())
    return out


def _skill_features(tax):
    from sklearn.feature_extraction.text import TfidfTransformer

    X = tax.incidence("weight").tocsc()
    df = np.diff(X.indptr)
    X = X[:, df >= _MIN_SKILL_OCCUPATIONS].tocsr()
    return TfidfTransformer(sublinear_tf=True).fit_transform(abs(X)).tocsr()


def _skill_adjust(tax, links, out, unit, fine):
    """Spread shared reference wages by skill-predicted differences (in place).

    ``unit``: each occupation's ISCO unit group (the groups within which kappa
    is measured); ``fine``: occupations with an occupation-level reference.
    """
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold

    y = out["ref_log_wage"].to_numpy(float)
    fine = np.asarray(fine, dtype=bool) & np.isfinite(y)
    n = int(fine.sum())
    if n < 50:  # too few occupations to learn from
        return
    X = _skill_features(tax)
    if X.shape[1] == 0:
        return
    train = np.flatnonzero(fine)
    pred = np.full(len(y), np.nan)
    for tr, te in KFold(_FOLDS, shuffle=True, random_state=0).split(train):
        model = Ridge(alpha=_ALPHA, solver="lsqr").fit(X[train[tr]], y[train[tr]])
        pred[train[te]] = model.predict(X[train[te]])
    rest = np.flatnonzero(~fine)
    if len(rest):
        model = Ridge(alpha=_ALPHA, solver="lsqr").fit(X[train], y[train])
        pred[rest] = model.predict(X[rest])
    # kappa: how much of a predicted difference within an ISCO unit group real wages bear out.
    if unit.isna().all():
        isco = links.get(ISCO)
        if isco is not None:
            four = isco[isco["code"].str.len() == 4].drop_duplicates("occupation_id")
            unit = unit.copy()
            unit.loc[four["occupation_id"].to_numpy()] = four["code"].to_numpy()
    frame = pd.DataFrame({"y": y, "p": pred, "unit": unit.to_numpy()})[fine]
    frame = frame[frame["unit"].notna()]
    dev = frame[["y", "p"]] - frame.groupby("unit")[["y", "p"]].transform("mean")
    denom = float((dev["p"] ** 2).sum())
    kappa = float(np.clip((dev["y"] * dev["p"]).sum() / denom, 0.0, 1.0)) if denom > 0 else 0.0
    sets = out["ref_codes"].astype(str) + " | " + unit.astype(str)
    shared = out["ref_codes"].notna()
    p = pd.Series(pred, index=out.index)
    spread = p - p[shared].groupby(sets[shared]).transform("mean")
    size = sets[shared].groupby(sets[shared]).transform("size")
    adjust = shared & size.reindex(out.index).gt(1).to_numpy() & spread.notna()
    out.loc[adjust, "ref_log_wage"] = y[adjust.to_numpy()] + kappa * spread[adjust]
    out.loc[adjust, "ref_basis"] = out.loc[adjust, "ref_basis"] + " + skill profile"
    missing = out["ref_log_wage"].isna() & p.notna()
    out.loc[missing, "ref_log_wage"] = p[missing]
    out.loc[missing, "ref_basis"] = "skill profile"
    out.attrs.update(kappa=kappa, n_train=n)
