"""Readers of routine-work, automation and AI-exposure indices.

- :func:`read_mihaylov_tijdens`: task content of 427 ISCO-08 unit groups
  (Mihaylov & Tijdens 2019) and the routine task intensity rebuilt from it
  (:func:`rebuild_rti`).
- :func:`read_frey_osborne`: probability of computerisation of 702 SOC 2010
  occupations (Frey & Osborne 2017).
- :func:`read_ilo_genai`: generative-AI exposure per ISCO-08 unit group (ILO,
  Gmyrek et al. 2025).
- :func:`read_felten_aioe`: AI Occupational Exposure by SOC 2010 (Felten, Raj &
  Seamans 2021).
- :func:`read_jrc_eurofound`: the JRC-Eurofound European Tasks Database
  routine index by ISCO 2-digit (employment-weighted over industries).

These indices exist for the finest codes only. Each reader adds the coarser
levels (ISCO 3/2/1 digits; SOC broad/minor/major) as the *unweighted mean* of
the codes below, so an occupation whose own code is missing falls back to its
group; the level column tells which.

Routine task intensity (:func:`rebuild_rti`)
--------------------------------------------
Mihaylov & Tijdens classify each of an occupation's ISCO task descriptions as
non-routine analytic (NRA), non-routine interactive (NRI), routine cognitive
(RC), routine manual (RM) or non-routine manual (NRM), and publish the shares.
Their packaged RTI equals ``(RC + RM) - (NRA + NRI + NRM)``, i.e. ``2 x
routine share - 1``: 155 of 427 groups sit at exactly -1. The RTI here follows
the standardised-composite construction of Acemoglu & Autor (2011) instead::

    z_k  = (share_k - mean_k) / sd_k          for k in NRA, NRI, RC, RM, NRM
    raw  = (z_RC + z_RM) / 2 - (z_NRA + z_NRI + z_NRM) / 3
    rti  = (raw - mean(raw)) / sd(raw)

Means and (population) standard deviations are over the 427 unit groups,
unweighted. Standardising each task type first lets a rare task type
(routine manual) weigh as much as a common one, and separates the occupations
without routine tasks by what they do instead. ``rti`` has mean 0 and
standard deviation 1: an occupation at +1 is one standard deviation more
routine-intensive than the average ISCO unit group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, warn_defect
from ._io import drop_exact_duplicates, parse_numbers, read_table

__all__ = [
    "read_mihaylov_tijdens",
    "rebuild_rti",
    "read_frey_osborne",
    "read_ilo_genai",
    "read_felten_aioe",
    "read_jrc_eurofound",
    "TASK_SHARES",
]

#: The five task-share columns of Mihaylov & Tijdens, in their order.
TASK_SHARES = ("nra", "nri", "rc", "rm", "nrm")
MT_SOURCE = "Mihaylov & Tijdens 2019 (RTI rebuilt from task shares)"
FO_SOURCE = "Frey & Osborne 2017"
ILO_SOURCE = "ILO GenAI exposure 2025 (Gmyrek et al.)"
AIOE_SOURCE = "Felten, Raj & Seamans AIOE"
JRC_SOURCE = "JRC-Eurofound European Tasks Database"


def rebuild_rti(shares):
    """Standardised routine task intensity from the five task shares.

    Parameters
    ----------
    shares : pandas.DataFrame
        Columns ``nra``, ``nri``, ``rc``, ``rm``, ``nrm`` (shares summing to 1).

    Returns
    -------
    pandas.Series
        ``rti`` with mean 0 and standard deviation 1 over the rows; see the
        module docs for the formula.

    Examples
    --------
    >>> import pandas as pd
    >>> shares = pd.DataFrame({"nra": [0.6, 0.1, 0.2], "nri": [0.4, 0.0, 0.2],
    ...                        "rc": [0.0, 0.8, 0.2], "rm": [0.0, 0.1, 0.2],
    ...                        "nrm": [0.0, 0.0, 0.2]})
    >>> rti = rebuild_rti(shares)
    >>> bool(rti.iloc[1] > rti.iloc[2] > rti.iloc[0])
    True
    >>> abs(float(rti.mean())) < 1e-12, round(float(rti.std(ddof=0)), 9)
    (True, 1.0)
    """
    s = shares[list(TASK_SHARES)].astype(float)
    sd = s.std(ddof=0).replace(0.0, np.nan)
    z = ((s - s.mean()) / sd).fillna(0.0)
    raw = (z["rc"] + z["rm"]) / 2 - (z["nra"] + z["nri"] + z["nrm"]) / 3
    spread = raw.std(ddof=0)
    return ((raw - raw.mean()) / (spread if spread > 0 else 1.0)).rename("rti")


def _with_parents(df, system, values, depths, source_col):
    """Add rows for coarser levels: the unweighted mean of the leaf codes below.

    Codes the publisher gives at a coarser level (Frey & Osborne list e.g.
    ``25-1000`` postsecondary teachers as one row) count as leaves, and a
    published row is never replaced by a computed mean.
    """
    from .codes import code_keys

    keys, depth = code_keys(system, df["code"], where=system)
    leaf = pd.Series(True, index=df.index)
    for d in sorted(depth.unique()):
        finer = set(keys[depth > d].str[:d])
        leaf[depth == d] = ~keys[depth == d].isin(finer)
    leaves = df[leaf]
    leaf_keys = keys[leaf]
    published = set(keys)
    parts = [df.assign(n_codes=1)]
    for d in depths:
        cut = leaf_keys[leaf_keys.str.len() >= d].str[:d]
        sub = leaves.loc[cut.index]
        agg = sub.groupby(cut)[list(values)].mean()
        agg["n_codes"] = sub.groupby(cut)["code"].nunique()
        agg = agg[~agg.index.isin(published)]
        if system.startswith("SOC"):
            agg.index = [_soc_parent(c) for c in agg.index]
        parts.append(agg.rename_axis("code").reset_index().assign(
            code_system=system, **{source_col: df[source_col].iloc[0]}))
    return pd.concat(parts, ignore_index=True)


def _soc_parent(prefix):
    # '15-125' -> '15-1250' (broad), '15-1' -> '15-1000' (minor), '15' -> '15-0000'
    return {6: prefix + "0", 4: prefix + "000", 2: prefix + "-0000"}[len(prefix)]


def _check_codes(codes, pattern, where, column, valid):
    ok = codes.fillna("").str.fullmatch(pattern)
    if not ok.all():
        raise DataFormatError(f"{where}, column {column!r}: {int((~ok).sum())} unknown code(s), "
                              f"e.g. {codes[~ok].head(3).tolist()}; valid: {valid}")


def read_mihaylov_tijdens(path):
    """Read Mihaylov & Tijdens (2019) task shares and rebuild the RTI.

    Parameters
    ----------
    path : str or path-like
        CSV with ``isco08_code``, ``isco08_title``, ``nra``, ``nri``, ``rc``,
        ``rm``, ``nrm`` (and the packaged ``rti``).

    Returns
    -------
    pandas.DataFrame
        An ``rti`` table: ``code_system="ISCO-08"``, ``code`` (4 digits and the
        3/2/1-digit means), ``title``, the five shares, ``rti`` (rebuilt,
        standardised), ``routine_share`` (RC + RM), ``rti_published`` (the
        packaged index), ``n_codes`` and ``rti_source``.
    """
    where = str(path)
    df = read_table(path, required=("isco08_code", *TASK_SHARES), what="Mihaylov & Tijdens")
    _check_codes(df["isco08_code"], r"\d{4}", where, "isco08_code", "4-digit ISCO-08 units")
    parse_numbers(df, list(TASK_SHARES) + (["rti"] if "rti" in df else []), where=where)
    s = df[list(TASK_SHARES)]
    if s.isna().any().any() or ((s < 0) | (s > 1)).any().any():
        raise DataFormatError(f"{where}: task shares must be numbers in [0, 1]")
    off = (s.sum(axis=1) - 1).abs() > 1e-3
    if off.any():
        warn_defect(f"{where}: {int(off.sum())} unit group(s) whose task shares do not sum to 1",
                    df.loc[off, "isco08_code"])
    df = drop_exact_duplicates(df, "isco08_code", where=where)
    out = pd.DataFrame({"code_system": "ISCO-08", "code": df["isco08_code"],
                        "title": df.get("isco08_title")})
    for col in TASK_SHARES:
        out[col] = df[col].to_numpy()
    out["rti"] = rebuild_rti(out).to_numpy()
    out["routine_share"] = out["rc"] + out["rm"]
    out["rti_published"] = df["rti"].to_numpy() if "rti" in df else np.nan
    out["rti_source"] = MT_SOURCE
    values = [*TASK_SHARES, "rti", "routine_share", "rti_published"]
    return _with_parents(out, "ISCO-08", values, (3, 2, 1), "rti_source")


def read_frey_osborne(path):
    """Read Frey & Osborne (2017) probabilities of computerisation by SOC 2010.

    Returns
    -------
    pandas.DataFrame
        An ``automation_probability`` table: ``code_system="SOC 2010"``,
        ``code`` (detailed, plus broad/minor/major means), ``title``,
        ``automation_probability``, ``n_codes``, ``automation_probability_source``.
    """
    where = str(path)
    df = read_table(path, required=("soc2010_code", "computerization_risk"),
                    what="Frey & Osborne")
    _check_codes(df["soc2010_code"], r"\d\d-\d{4}", where, "soc2010_code", "'XX-XXXX'")
    parse_numbers(df, ["computerization_risk"], where=where)
    df = drop_exact_duplicates(df, "soc2010_code", where=where)
    out = pd.DataFrame({"code_system": "SOC 2010", "code": df["soc2010_code"],
                        "title": df.get("soc2010_title"),
                        "automation_probability": df["computerization_risk"],
                        "automation_probability_source": FO_SOURCE})
    return _with_parents(out, "SOC 2010", ["automation_probability"], (6, 4, 2),
                         "automation_probability_source")


def read_felten_aioe(path):
    """Read Felten, Raj & Seamans' AI Occupational Exposure (AIOE) by SOC 2010.

    Returns
    -------
    pandas.DataFrame
        An ``aioe`` table: ``code_system="SOC 2010"``, ``code`` (detailed plus
        broad/minor/major means), ``title``, ``aioe`` (standardised by the
        authors), ``n_codes``, ``aioe_source``.
    """
    where = str(path)
    sep = "\t" if str(path).endswith((".tsv", ".txt")) else ","
    df = read_table(path, sep=sep, required=("SOC Code", "AIOE"), what="Felten AIOE")
    _check_codes(df["SOC Code"], r"\d\d-\d{4}", where, "SOC Code", "'XX-XXXX'")
    parse_numbers(df, ["AIOE"], where=where)
    df = drop_exact_duplicates(df, "SOC Code", where=where)
    out = pd.DataFrame({"code_system": "SOC 2010", "code": df["SOC Code"],
                        "title": df.get("Occupation Title"), "aioe": df["AIOE"],
                        "aioe_source": AIOE_SOURCE})
    return _with_parents(out, "SOC 2010", ["aioe"], (6, 4, 2), "aioe_source")


def read_ilo_genai(path, *, year=2025):
    """Read the ILO generative-AI exposure scores per ISCO-08 unit group.

    The file lists task scores; the occupation's mean score (``mean_score_<yy>``)
    is the exposure. Where the file's occupation mean disagrees with the mean
    of its task scores by more than 0.01, the latter is used (counted warning).

    Parameters
    ----------
    path : str or path-like
        ``ilo_genai_exposure_tasks_isco08_2025.csv``.
    year : {2025, 2023}, default=2025
        Which scoring round.

    Returns
    -------
    pandas.DataFrame
        An ``ai_exposure`` table: ``code_system="ISCO-08"``, ``code`` (4 digits
        plus 3/2/1-digit means), ``title``, ``ai_exposure`` (0-1),
        ``ai_exposure_sd``, ``ai_exposure_gradient`` (ILO's exposure class,
        unit groups only), ``n_tasks``, ``n_codes``, ``ai_exposure_source``.
    """
    where = str(path)
    yy = str(year)[-4:]
    score, mean, sd = f"score_{yy}", f"mean_score_{yy}", f"SD_{yy}"
    gradient = "potential25" if year == 2025 else "potential23"
    df = read_table(path, required=("ISCO_08", score, mean), what="ILO GenAI exposure")
    _check_codes(df["ISCO_08"], r"\d{4}", where, "ISCO_08", "4-digit ISCO-08 units")
    parse_numbers(df, [score, mean] + ([sd] if sd in df else []), where=where)
    g = df.groupby("ISCO_08", sort=True)
    out = pd.DataFrame({
        "title": g["Title"].first() if "Title" in df else np.nan,
        "file_mean": g[mean].first(), "task_mean": g[score].mean(),
        "ai_exposure_sd": g[sd].first() if sd in df else np.nan,
        "ai_exposure_gradient": g[gradient].first() if gradient in df else np.nan,
        "n_tasks": g.size(),
    })
    varies = g[mean].nunique() > 1
    off = (out["file_mean"] - out["task_mean"]).abs() > 0.01
    bad = varies | off | out["file_mean"].isna()
    if bad.any():
        warn_defect(f"{where}: {int(bad.sum())} unit group(s) whose occupation mean is missing, "
                    f"varies or disagrees with its task scores; the task mean is used",
                    out.index[bad])
    out["ai_exposure"] = out["file_mean"].where(~bad, out["task_mean"])
    out = out.rename_axis("code").reset_index()
    out.insert(0, "code_system", "ISCO-08")
    out["ai_exposure_source"] = f"{ILO_SOURCE}, {year} scores"
    out = out.drop(columns=["file_mean", "task_mean"])
    return _with_parents(out, "ISCO-08", ["ai_exposure", "ai_exposure_sd"], (3, 2, 1),
                         "ai_exposure_source")


def read_jrc_eurofound(path, *, index="routine"):
    """Read a JRC-Eurofound task index by ISCO 2-digit, weighted over industries.

    Parameters
    ----------
    path : str or path-like
        ``jrc_eurofound_tasks_isco2_nace2.tsv`` (``nace``, ``isco`` like
        ``"41. General and keyboard clerks"``, task indices, ``pop``).
    index : str, default="routine"
        The task index column to read.

    Returns
    -------
    pandas.DataFrame
        A ``jrc_routine`` table: ``code_system="ISCO-08"``, ``code`` (2 digits,
        plus 1-digit groups), ``jrc_routine`` (mean of the ISCO x NACE cells
        with data, weighted by their employment ``pop``), ``n_cells``,
        ``jrc_routine_source``. Empty cells are no data, never zeros.
    """
    where = str(path)
    df = read_table(path, sep="\t", required=("nace", "isco", index, "pop"),
                    what="JRC-Eurofound tasks")
    code = df["isco"].str.extract(r"^(\d{2})\.", expand=False)
    if code.isna().any():
        raise DataFormatError(f"{where}, column 'isco': unknown value(s) "
                              f"{df.loc[code.isna(), 'isco'].head(3).tolist()}; "
                              f"expected '<2 digits>. <title>'")
    parse_numbers(df, [index, "pop"], where=where)
    df["code"] = code
    cells = df[df[index].notna() & (df["pop"] > 0)]
    parts = []
    for key in (cells["code"], cells["code"].str[0]):
        w = cells["pop"]
        agg = pd.DataFrame({"num": (cells[index] * w).groupby(key).sum(),
                            "den": w.groupby(key).sum(), "n_cells": key.groupby(key).size()})
        parts.append(agg)
    agg = pd.concat(parts)
    out = pd.DataFrame({"code_system": "ISCO-08", "code": agg.index,
                        "jrc_routine": (agg["num"] / agg["den"]).to_numpy(),
                        "n_cells": agg["n_cells"].to_numpy(),
                        "jrc_routine_source": f"{JRC_SOURCE} ({index}, EU15)"})
    return out.sort_values("code").reset_index(drop=True)
