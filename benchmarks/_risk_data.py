"""Helpers shared by the risk benchmarks (not part of the library).

The labour-market layer gives per-occupation values for a taxonomy. The
backtest also needs what the layer does not expose: Eurostat LFS windows other
than the layer's 2021-2025 (the pre-2019 window 2013-2019) and the SOC 2018 ->
ISCO 2-digit route of BLS occupations; both come from the layer's own readers
(:mod:`transitions.labour`), never from readers of our own.
"""

from __future__ import annotations

import os
import platform

import pandas as pd

from transitions import Taxonomy
from transitions.labour import (
    lfs_robust_trend,
    lfs_trend,
    read_isco_soc2010,
    read_lfs_employment,
    read_soc2010_soc2018,
)
from transitions.labour.market import FILES


def code_taxonomy(codes, column, name=None):
    """A taxonomy without skills whose occupations are bare codes (``isco_code`` or ``soc_code``).

    ``LabourMarket.for_taxonomy`` then returns the layer's values for those
    codes at their own level (e.g. ISCO 2-digit: the mean of the unit groups).
    """
    codes = pd.Index(sorted(set(codes)), name="id")
    occ = pd.DataFrame({"label_en": codes, "label_nl": codes, column: codes}, index=codes)
    skills = pd.DataFrame({"label_en": pd.Series(dtype=object), "label_nl": pd.Series(dtype=object),
                           "digital": pd.Series(dtype=bool), "digcomp": pd.Series(dtype=object)})
    relations = pd.DataFrame({"occupation_id": pd.Series(dtype=object),
                              "skill_id": pd.Series(dtype=object),
                              "relation": pd.Series(dtype=object),
                              "weight": pd.Series(dtype=float)})
    return Taxonomy(occ, skills, relations, name=name or f"{column} codes")


def lfs_window(root, start, end, *, robust=False):
    """Observed employment change (% a year) per ISCO 2-digit code, LFS ``start``-``end``.

    ``robust``: the layer's robust slope over all comparable pairs of years
    (with ``trend_pct_low``/``trend_pct_high``); else the change between the end years.
    """
    lfs = read_lfs_employment(root / FILES["lfs"])
    trend = lfs_robust_trend(lfs, start, end) if robust else lfs_trend(lfs, start, end)
    trend = trend[trend["code"].str.len() == 2]
    cols = ["trend_pct", "trend_source"] + (["trend_pct_low", "trend_pct_high"] if robust
                                            else ["employed_start"])
    return trend.set_index("code")[cols]


def soc2018_to_isco2(root):
    """Pairs (SOC 2018 code, ISCO-08 2-digit code) through the BLS crosswalks."""
    x = read_isco_soc2010(root / FILES["crosswalks"] / "isco08_soc2010_bls.csv")
    y = read_soc2010_soc2018(root / FILES["crosswalks"] / "soc2010_soc2018_bls.csv")
    pairs = x.merge(y, on="soc2010")
    pairs["isco2"] = pairs["isco"].str[:2]
    return pairs[["soc2018", "isco2"]].drop_duplicates()


def machine():
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{mem}, "
            f"Python {platform.python_version()}")


def markdown_table(df):
    """A pipe table (pandas' to_markdown needs the optional tabulate)."""
    rows = [[str(c) for c in df.columns]] + [[str(v) for v in r] for r in df.to_numpy()]
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("---" for _ in df.columns) + "|")
    return "\n".join(lines)
