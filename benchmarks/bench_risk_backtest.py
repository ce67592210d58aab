"""Backtest of the digitalisation-risk flag: does "routine AND shrinking" foresee decline?

Flags are computed only from data that existed in 2019 and scored against what
happened (or is projected) later:

Netherlands (unit: ISCO-08 2-digit sub-major group, Eurostat LFS lfsa_egai2d)
    evidence: routine task intensity (Mihaylov & Tijdens 2019) and the observed
    employment change 2013 -> 2019 (2013 is the first year after the 2013
    series break, so no change crosses a break);
    outcome: the observed change 2021 -> 2025 (2021 is the first year after the
    2021 break; 2020 -> 2021 is never used).
United States (unit: SOC 2018 occupation of the BLS projections)
    evidence: RTI (ISCO-08 -> SOC 2010 -> SOC 2018 crosswalks), Frey & Osborne
    (2017) probability (SOC 2010 -> 2018), and, for the combined rule, the
    Dutch 2013 -> 2019 change of the occupation's ISCO sub-major groups (the
    only pre-2019 employment change at hand; a transfer, stated as such);
    outcome: the BLS 2024-34 projected change.

All changes are compound percent per year. An occupation "declined" when its
outcome change is at or below the flag's own shrink threshold (default -0.5%
a year: -2% over 2021-2025, -4.9% over BLS's decade). Rules compared, all thresholds at the library
defaults: routine AND shrinking (``assess_risk``), routine only
(``require_both=False``), Frey-Osborne only (probability > 0.7, Frey &
Osborne's "high risk" band), shrinking only (persistence of the past trend),
and flag-everything (precision = base rate, the floor any rule must beat).

The Eurostat years, the BLS projections and the crosswalk aggregation are
read here because the labour-market layer exposes per-occupation values for a
taxonomy, not 2-digit time series before 2019 or SOC-level projection tables.

Run (about 5 s, one core)::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_risk_backtest.py \
        [--write docs/benchmarks/risk.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from transitions.models import (  # noqa: E402
    DEFAULT_RTI_THRESHOLD,
    DEFAULT_SHRINK_THRESHOLD,
    assess_risk,
    per_year,
)

from _risk_data import (  # noqa: E402
    fo_by_isco,
    isco_rti,
    lfs_changes,
    machine,
    markdown_table,
    soc2010_to_isco,
    to_soc2018,
    with_broad_fallback,
)

FO_HIGH = 0.7  # Frey & Osborne (2017): probability > 0.7 is their "high risk" category
RTI_SRC = "Mihaylov & Tijdens 2019"


# --------------------------------------------------------------------------- scoring
def scores(flag, outcome):
    flag, outcome = np.asarray(flag, bool), np.asarray(outcome, bool)
    tp = int((flag & outcome).sum())
    n_flag, n_pos = int(flag.sum()), int(outcome.sum())
    precision = tp / n_flag if n_flag else np.nan
    recall = tp / n_pos if n_pos else np.nan
    f1 = 2 * precision * recall / (precision + recall) if n_flag and tp else 0.0
    return {"flagged": n_flag, "hits": tp, "precision": precision, "recall": recall, "F1": f1}


def market_table(rti, change, source, level):
    return pd.DataFrame({
        "rti": rti, "rti_source": RTI_SRC, "rti_level": "ISCO 4-digit (mean)",
        "trend_pct": change, "trend_source": source, "trend_level": level,
    })


def rules(table, fo, shrink_threshold):
    both = assess_risk(table)["at_risk"].to_numpy()
    routine = assess_risk(table, require_both=False)["at_risk"].to_numpy()
    return {
        "routine AND shrinking (assess_risk)": both,
        "routine only": routine,
        f"Frey-Osborne only (p > {FO_HIGH})": (fo > FO_HIGH).to_numpy(),
        "shrinking only (past trend)": (table["trend_pct"] <= shrink_threshold).to_numpy(),
        "flag everything (base rate)": np.ones(len(table), bool),
    }


def backtest_nl(root):
    rti = isco_rti(root)
    lfs = lfs_changes(root)
    fo_isco = fo_by_isco(root)
    units = pd.DataFrame({"rti": rti, "fo": fo_isco.reindex(rti.index)})
    units["isco2"] = units.index.str[:2]
    by2 = units.groupby("isco2").mean().join(lfs, how="inner")
    by2 = by2.dropna(subset=["rti", "before", "after"])
    table = market_table(by2["rti"], by2["before"], "Eurostat LFS 2013-2019", "ISCO 2-digit")
    outcome = by2["after"] <= DEFAULT_SHRINK_THRESHOLD
    flags = rules(table, by2["fo"], DEFAULT_SHRINK_THRESHOLD)
    res = pd.DataFrame({name: scores(f, outcome) for name, f in flags.items()}).T
    detail = by2.assign(flagged=flags["routine AND shrinking (assess_risk)"], declined=outcome)
    return res, detail, int(outcome.sum()), len(by2)


def backtest_us(root):
    rti = isco_rti(root)
    lfs = lfs_changes(root)
    x = soc2010_to_isco(root)
    x["rti"] = x["isco"].map(rti)
    x["nl_before"] = x["isco"].str[:2].map(lfs["before"])
    fo = pd.read_csv(root / "risk/frey_osborne_2017_soc2010.csv", dtype={"soc2010_code": str})
    fo2010 = fo.set_index("soc2010_code")["computerization_risk"]
    rti2010 = x.dropna(subset=["rti"]).groupby("soc2010")["rti"].mean()
    nl2010 = x.dropna(subset=["nl_before"]).groupby("soc2010")["nl_before"].mean()
    bls = pd.read_csv(root / "us/bls_employment_projections_2024_34.csv", dtype=str)
    codes = bls["soc2018_code_repaired"].str.strip()
    change = per_year(pd.to_numeric(bls["employment_change_24to34_percent"], errors="coerce"), 10)
    us = pd.DataFrame({"change": change}, index=codes.to_numpy())
    for name, s2010 in (("rti", rti2010), ("fo", fo2010), ("nl_before", nl2010)):
        us[name], _ = with_broad_fallback(pd.Series(us.index, index=us.index),
                                          to_soc2018(root, s2010))
    us = us[~us.index.duplicated()].dropna(subset=["change", "rti", "fo", "nl_before"])
    table = market_table(us["rti"], us["nl_before"], "Eurostat LFS NL 2013-2019 (transferred)",
                         "ISCO 2-digit via SOC crosswalk")
    outcome = us["change"] <= DEFAULT_SHRINK_THRESHOLD
    flags = rules(table, us["fo"], DEFAULT_SHRINK_THRESHOLD)
    res = pd.DataFrame({name: scores(f, outcome) for name, f in flags.items()}).T
    return res, int(outcome.sum()), len(us), len(bls)


def fmt(res):
    res = res.copy()
    for col in ("precision", "recall", "F1"):
        res[col] = res[col].map(lambda v: "n/a" if pd.isna(v) else f"{v:.2f}")
    res[["flagged", "hits"]] = res[["flagged", "hits"]].astype(int)
    return markdown_table(res.rename_axis("rule").reset_index())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("TRANSITIONS_TEST_DATA"),
                        help="folder laid out like shared/data (default: $TRANSITIONS_TEST_DATA)")
    parser.add_argument("--write", help="also write the report (markdown) to this file")
    args = parser.parse_args(argv)
    if not args.data:
        parser.error("give --data or set TRANSITIONS_TEST_DATA")
    root = Path(args.data)
    nl, detail, nl_pos, nl_n = backtest_nl(root)
    us, us_pos, us_n, us_rows = backtest_us(root)
    flagged = detail[detail["flagged"]]
    lines = [
        "# Backtest of the digitalisation-risk flag",
        "",
        f"Run {dt.date.today().isoformat()} on {machine()}, with "
        f"`python benchmarks/bench_risk_backtest.py --write docs/benchmarks/risk.md`.",
        "",
        f"Thresholds: library defaults, RTI > {DEFAULT_RTI_THRESHOLD} (standardised) and an "
        f"employment change <= {DEFAULT_SHRINK_THRESHOLD:g}% a year; Frey-Osborne p > {FO_HIGH}. "
        "Flags use only data up to 2019. Floor: *flag everything*, whose precision is the base "
        "rate; a useful rule has higher precision at a reasonable recall.",
        "",
        f"## Netherlands: {nl_n} ISCO 2-digit groups, {nl_pos} declined by >= 0.5% a year "
        "in 2021-2025",
        "",
        "Evidence: RTI (mean of the unit groups) and the Eurostat LFS change 2013-2019; "
        "outcome: Eurostat LFS change 2021-2025 (the 2020-2021 series break is never crossed).",
        "",
        fmt(nl),
        "",
        "Groups flagged by *routine AND shrinking* (RTI; change a year 2013-2019 -> 2021-2025):",
        "",
    ]
    for code, r in flagged.iterrows():
        lines.append(f"- ISCO {code}: RTI {r['rti']:.2f}; {r['before']:+.1f}% -> {r['after']:+.1f}%"
                     f" ({'declined' if r['declined'] else 'did not decline'})")
    lines += [
        "",
        f"## United States: {us_n} of {us_rows} BLS occupations with all evidence, "
        f"{us_pos} projected to decline by >= 0.5% a year in 2024-34",
        "",
        "Evidence: RTI and Frey-Osborne through the BLS crosswalks (SOC 2010 -> 2018; broad-group "
        "mean where a detailed code is missing); *shrinking* is the Dutch 2013-2019 change of "
        "the occupation's ISCO sub-major groups, a transfer (no US series before 2019 is at hand). "
        "Outcome: BLS Employment Projections 2024-34.",
        "",
        fmt(us),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        Path(args.write).write_text(text, encoding="utf-8")
    return nl, us


if __name__ == "__main__":
    main()
