"""Map labour-market tables onto a taxonomy's occupations, with hierarchical fallback.

Two steps:

1. :func:`occupation_links` gives every occupation its codes in each code
   system, directly from the taxonomy's columns (``isco_code``, ``brc_code``,
   ``soc_code``, the ids themselves) or through the crosswalks:

   - ESCO: ``isco_code`` -> BRC group (CBS), -> SOC 2010 (BLS) -> SOC 2018 (BLS);
   - O*NET: ``soc_code`` (O*NET-SOC, a SOC 2018 code plus ``.NN``) -> SOC 2010
     (BLS, reversed) -> ISCO-08 (BLS) -> BRC group (CBS);
   - the sample: its own ids, ``isco_code`` and ``brc_code``.

2. :func:`resolve` looks each occupation up in a measure table at the finest
   level first and walks up the hierarchy (ISCO 4 -> 3 -> 2 -> 1 digits;
   BRC group -> segment -> class; SOC detailed -> broad -> minor -> major)
   until a value is found. When an occupation maps to several codes (many-to-
   many crosswalks), the values found at the same level are averaged (a plain
   mean over distinct codes) and ``<measure>_via`` records the route and how
   many codes were averaged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._membership import member
from .codes import BRC, ISCO, LEVELS, OCC, SOC2010, SOC2018, TOTAL_LEVEL

__all__ = ["occupation_links", "resolve", "LINK_COLUMNS"]

#: Columns of a links table: one row per (occupation, code) pair.
LINK_COLUMNS = ("occupation_id", "code", "via")


def _links(ids, codes, via):
    df = pd.DataFrame({"occupation_id": np.asarray(ids, dtype=object),
                       "code": np.asarray(codes, dtype=object)})
    df = df[df["code"].notna()]
    df["code"] = df["code"].astype(str).str.strip()
    df = df[df["code"] != ""]
    df["via"] = via
    return df.drop_duplicates(["occupation_id", "code"]).reset_index(drop=True)


def _through(links, table, src, dst, via):
    """Follow ``links`` (codes of column ``src`` of ``table``) to the codes in ``dst``.

    ``via`` names the step, e.g. ``("ISCO-08", "BRC 2014")``; routes chain as
    ``"SOC 2018->SOC 2010->ISCO-08"``.
    """
    if links is None or table is None or links.empty:
        return None
    m = links.merge(table[[src, dst]].rename(columns={src: "code"}), on="code")
    if m.empty:
        return None
    start, end = via
    route = m["via"].astype(object)
    m["via"] = [f"{r}->{end}" if isinstance(r, str) else f"{start}->{end}" for r in route]
    m = m[["occupation_id", dst, "via"]].rename(columns={dst: "code"})
    return m.drop_duplicates(["occupation_id", "code"]).reset_index(drop=True)


def _codes(occ, column, valid):
    """Links from a taxonomy's own code column, keeping well-formed codes only."""
    if column not in occ:
        return None
    values = [str(v).strip() if isinstance(v, str) else None for v in occ[column].astype(object)]
    keep = [v is not None and valid(v) for v in values]
    return _links(occ.index[keep], [v for v, k in zip(values, keep) if k], None)


def _isco_column(occ):
    # ESCO stores unit groups as 4 digits; coarser ISCO codes are accepted too, and an
    # ESCO occupation code such as '2654.1.7' stands for its unit group 2654.
    if "isco_code" not in occ:
        return None
    unit = occ["isco_code"].astype(object).map(
        lambda c: c.strip().split(".")[0] if isinstance(c, str) else None)
    return _codes(pd.DataFrame({"isco_code": unit}, index=occ.index), "isco_code",
                  lambda c: c.isdigit() and 1 <= len(c) <= 4)


def _soc_column(occ):
    # O*NET-SOC 'XX-XXXX.XX' or a SOC 2018 code 'XX-XXXX'.
    return _codes(occ, "soc_code", lambda c: len(c) in (7, 10) and c[2] == "-")


def _brc_column(occ):
    return _codes(occ, "brc_code", lambda c: c.isdigit() and 2 <= len(c) <= 4)


def occupation_links(tax, crosswalks=None):
    """Codes of each occupation of ``tax`` in every reachable code system.

    Parameters
    ----------
    tax : Taxonomy
    crosswalks : Crosswalks, optional
        Without crosswalks only the taxonomy's own code columns are used.

    Returns
    -------
    dict of str to pandas.DataFrame
        For each code system a table with ``occupation_id``, ``code`` and
        ``via`` (NaN for a code the taxonomy states itself, else the
        crosswalk route, e.g. ``"ISCO-08->BRC 2014"``).

    Examples
    --------
    >>> from transitions import load_sample
    >>> links = occupation_links(load_sample())
    >>> sorted(links)
    ['BRC 2014', 'ISCO-08', 'occupation']
    """
    from .crosswalks import Crosswalks

    cw = crosswalks or Crosswalks()
    occ = tax.occupations
    out = {OCC: _links(occ.index, occ.index, None)}
    isco = _isco_column(occ)
    soc18 = _soc_column(occ)
    soc10 = None
    if soc18 is not None and cw.soc2010_soc2018 is not None:
        detailed = soc18.assign(code=soc18["code"].str[:7])
        soc10 = _through(detailed, cw.soc2010_soc2018, "soc2018", "soc2010", (SOC2018, SOC2010))
    if isco is None and soc10 is not None and cw.isco_soc2010 is not None:
        isco = _through(soc10, cw.isco_soc2010, "soc2010", "isco", (SOC2010, ISCO))
    if soc10 is None and isco is not None and cw.isco_soc2010 is not None:
        soc10 = _through(isco, cw.isco_soc2010, "isco", "soc2010", (ISCO, SOC2010))
    if soc18 is None and soc10 is not None and cw.soc2010_soc2018 is not None:
        soc18 = _through(soc10, cw.soc2010_soc2018, "soc2010", "soc2018", (SOC2010, SOC2018))
    brc = _brc_column(occ)
    if (brc is None or brc.empty) and isco is not None and cw.isco_brc is not None:
        unit = isco[isco["code"].str.len() == 4]
        brc = _through(unit, cw.isco_brc, "isco", "brc", (ISCO, BRC))
    for system, links in ((ISCO, isco), (BRC, brc), (SOC2018, soc18), (SOC2010, soc10)):
        if links is not None and not links.empty:
            out[system] = links.reset_index(drop=True)
    return out


def join_distinct(ids, values):
    """Per id, its distinct values (as text, sorted) joined by ``"; "``; ids in sorted order.

    Vectorised: most ids have a single value; only the others are joined in Python.
    """
    ids = pd.Series(ids).reset_index(drop=True)
    values = pd.Series(values).reset_index(drop=True)
    keep = ids.notna() & values.notna()
    if not keep.any():
        return pd.Series(dtype=object)
    id_codes, id_uniq = pd.factorize(ids[keep], sort=True)
    val_codes, val_uniq = pd.factorize(values[keep].astype(str), sort=True)
    n_val = max(len(val_uniq), 1)
    pair = np.unique(id_codes.astype(np.int64) * n_val + val_codes)
    owner, val = pair // n_val, pair % n_val
    counts = np.bincount(owner, minlength=len(id_uniq))
    first = np.r_[0, np.cumsum(counts)[:-1]]
    text = np.asarray(val_uniq, dtype=object)
    out = text[val[first]].copy()
    for i in np.flatnonzero(counts > 1):
        out[i] = "; ".join(text[val[first[i]:first[i] + counts[i]]])
    return pd.Series(out, index=pd.Index(id_uniq), dtype=object)


def _join_unique(m, col):
    """Per occupation, the distinct values of ``col`` joined by ``"; "`` (NaN if none)."""
    return join_distinct(m["occupation_id"], m[col])


def resolve(links, table, spec, *, fallback_to_total=False):
    """Values of one measure for the occupations in ``links``, finest level first.

    Parameters
    ----------
    links : dict of str to pandas.DataFrame
        From :func:`occupation_links`.
    table : pandas.DataFrame
        A measure table from :func:`~.schema.normalise_table`.
    spec : Measure
    fallback_to_total : bool, default=False
        Also fall back to a table's all-occupations row (a national figure
        says little about one occupation, so it is off by default).

    Returns
    -------
    pandas.DataFrame
        Indexed by occupation id (only those found), with the measure's value
        and meta columns, ``<measure>_source``, ``<measure>_level`` and
        ``<measure>_via``. Systems are tried in the order of the table, the
        taxonomy's own ids first.
    """
    found = []
    done = pd.Index([], dtype=object)
    systems = list(dict.fromkeys(table["code_system"]))
    systems.sort(key=lambda s: s != OCC)
    primary = table[spec.primary].notna()
    for system in systems:
        if system not in links:
            continue
        sub = table[(table["code_system"] == system) & primary]
        for depth, level in LEVELS[system].items():
            if level == TOTAL_LEVEL and not fallback_to_total:
                continue
            rows = sub[sub["depth"] == depth]
            if rows.empty:
                continue
            lk = links[system]
            lk = lk[~member(lk["occupation_id"], done)]
            if lk.empty:
                break
            if depth >= 0:
                lk = lk[lk["code"].str.len() >= depth]
                lk = lk.assign(key=lk["code"].str[:depth])
            else:
                lk = lk.assign(key=lk["code"])
            lk = lk.drop_duplicates(["occupation_id", "key"])
            m = lk.merge(rows.drop(columns=["code_system", "code", "depth"]), on="key")
            if m.empty:
                continue
            part = _aggregate(m, spec, level)
            found.append(part)
            done = done.append(part.index)
    if not found:
        return pd.DataFrame(columns=list(spec.columns)).rename_axis("id")
    return pd.concat(found)


def _aggregate(m, spec, level):
    g = m.groupby("occupation_id", sort=True)
    out = g[list(spec.values)].mean()
    for col, kind in spec.meta.items():
        if kind == "any":
            out[col] = g[col].any()
        elif kind == "min":
            out[col] = g[col].min()
        else:
            out[col] = _join_unique(m, col).reindex(out.index)
    out[spec.source] = _join_unique(m, spec.source).reindex(out.index)
    out[spec.level] = level
    n = g["key"].nunique()
    route = _join_unique(m, "via").reindex(out.index)
    out[spec.via] = [
        (f"{r}, mean of {k} codes" if k > 1 else r) if isinstance(r, str)
        else (f"mean of {k} codes" if k > 1 else np.nan)
        for r, k in zip(route, n)
    ]
    return out.rename_axis("id")
