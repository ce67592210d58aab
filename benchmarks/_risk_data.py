"""Readers and report helpers shared by the risk benchmarks (not part of the library).

The backtest needs group-level series the labour-market layer does not expose
(2-digit LFS years before 2019, SOC-level BLS projections, the published RTI and
Frey-Osborne values at their own levels); the estimator benchmark needs the
direct group values as its targets.
"""

from __future__ import annotations

import os
import platform

import numpy as np
import pandas as pd

from transitions.models import per_year

def isco_rti(root):
    """Standardised RTI per ISCO-08 unit group (mean 0, SD 1 over the 427 groups)."""
    d = pd.read_csv(root / "risk/rti_mihaylov_tijdens_2019_isco08.csv", dtype={"isco08_code": str})
    z = (d["rti"] - d["rti"].mean()) / d["rti"].std()
    return pd.Series(z.to_numpy(), index=d["isco08_code"].str.zfill(4), name="rti")


def lfs_changes(root):
    """Employment change per ISCO 2-digit, % per year: 2013->2019 (before), 2021->2025 (after)."""
    e = pd.read_csv(root / "nl/eurostat_lfsa_egai2d_nl_2011_2025.csv")
    p = e.pivot(index="isco08", columns="year", values="employed_thousands")
    breaks = set(e.loc[e["flag_series_break"].eq("b"), "year"])
    assert {2013, 2021} <= breaks, "the series breaks moved: revisit the windows"
    out = pd.DataFrame({
        "before": per_year((p[2019] / p[2013] - 1) * 100, 2019 - 2013),
        "after": per_year((p[2025] / p[2021] - 1) * 100, 2025 - 2021),
        "employed_2021": p[2021],
    })
    out.index = out.index.str.replace("OC", "", regex=False)
    return out


def soc2010_to_isco(root):
    c = pd.read_csv(root / "crosswalks/isco08_soc2010_bls.csv", dtype=str)
    return c.rename(columns={"2010 SOC Code": "soc2010", "ISCO-08 Code": "isco"})[["soc2010", "isco"]]


def to_soc2018(root, series_2010):
    """Average a SOC 2010 series onto SOC 2018 codes (many-to-many crosswalk)."""
    c = pd.read_csv(root / "crosswalks/soc2010_soc2018_bls.csv", dtype=str)
    c = c.rename(columns={"2010 SOC Code": "soc2010", "2018 SOC Code": "soc2018"})
    c["value"] = c["soc2010"].map(series_2010)
    return c.dropna(subset=["value"]).groupby("soc2018")["value"].mean()


def with_broad_fallback(codes, detailed):
    """Values for SOC codes: exact, else the mean over the same broad group (first 6 chars)."""
    broad = detailed.groupby(detailed.index.str[:6]).mean()
    exact = codes.map(detailed)
    return exact.fillna(codes.str[:6].map(broad)), np.where(exact.notna(), "detailed", "broad")



def fo_by_isco(root):
    """Frey-Osborne probability per ISCO-08 unit group: mean over the crosswalked SOC 2010 codes."""
    x = soc2010_to_isco(root)
    fo = pd.read_csv(root / "risk/frey_osborne_2017_soc2010.csv", dtype={"soc2010_code": str})
    x["fo"] = x["soc2010"].map(fo.set_index("soc2010_code")["computerization_risk"])
    return x.dropna(subset=["fo"]).groupby("isco")["fo"].mean().rename("automation_probability")


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
