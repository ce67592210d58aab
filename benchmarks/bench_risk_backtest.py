"""Backtest of the digitalisation-risk flag: does "routine AND shrinking" foresee decline?

Flags are computed only from data that existed in 2019 and scored against what
happened (or is projected) later. All values come from the labour-market layer
(:class:`transitions.LabourMarket` and its readers in :mod:`transitions.labour`):

Netherlands (unit: ISCO-08 2-digit sub-major group)
    evidence: routine task intensity (Mihaylov & Tijdens 2019, rebuilt and
    standardised by the layer; a 2-digit group has the mean of its unit
    groups), Frey & Osborne (2017) through the ISCO-SOC crosswalk, and the
    observed Eurostat LFS employment change 2013 -> 2019 (2013 is the first
    year after the 2013 series break, so no window crosses a break);
    outcome: the observed change 2021 -> 2025 (2021 is the first year after
    the 2021 break; 2020 -> 2021 is never used).
United States (unit: detailed SOC 2018 occupation of the BLS projections)
    evidence: RTI and Frey-Osborne as the layer maps them onto SOC codes, and,
    for *shrinking*, the Dutch 2013 -> 2019 change of the occupation's ISCO
    sub-major groups (the only pre-2019 employment change at hand: a transfer,
    stated as such);
    outcome: the BLS 2024-34 projected change.

All changes are percent per year. An occupation "declined" when its outcome
change is at or below the flag's own shrink threshold (default -0.5% a year:
-2% over 2021-2025, -4.9% over BLS's decade). Rules compared, at the
library's default thresholds: routine AND shrinking (``assess_risk``),
routine only (``require_both=False``), Frey-Osborne only (probability > 0.7,
Frey & Osborne's "high risk" band), shrinking only (persistence of the past
trend), and flag-everything (precision = base rate, the floor any rule must beat).

Run (about 20 s, one core)::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_risk_backtest.py \\
        [--write docs/benchmarks/risk.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from transitions import LabourMarket  # noqa: E402
from transitions.models import (  # noqa: E402
    DEFAULT_RTI_THRESHOLD,
    DEFAULT_SHRINK_THRESHOLD,
    assess_risk,
    per_year,
)

from _risk_data import (  # noqa: E402
    code_taxonomy,
    lfs_window,
    machine,
    markdown_table,
    soc2018_to_isco2,
)

FO_HIGH = 0.7  # Frey & Osborne (2017): probability > 0.7 is their "high risk" category
_EVIDENCE = ["rti", "rti_source", "rti_level"]


def scores(flag, outcome):
    flag, outcome = np.asarray(flag, bool), np.asarray(outcome, bool)
    tp = int((flag & outcome).sum())
    n_flag, n_pos = int(flag.sum()), int(outcome.sum())
    precision = tp / n_flag if n_flag else np.nan
    recall = tp / n_pos if n_pos else np.nan
    f1 = 2 * precision * recall / (precision + recall) if n_flag and tp else 0.0
    return {"flagged": n_flag, "hits": tp, "precision": precision, "recall": recall, "F1": f1}


def rules(table, shrink_threshold):
    both = assess_risk(table)["at_risk"].to_numpy()
    routine = assess_risk(table, require_both=False)["at_risk"].to_numpy()
    return {
        "routine AND shrinking (assess_risk)": both,
        "routine only": routine,
        f"Frey-Osborne only (p > {FO_HIGH})": (table["automation_probability"] > FO_HIGH).to_numpy(),
        "shrinking only (past trend)": (table["trend_pct"] <= shrink_threshold).to_numpy(),
        "flag everything (base rate)": np.ones(len(table), bool),
    }


def backtest_nl(root):
    """ISCO 2-digit groups: RTI and Frey-Osborne from the layer, LFS 2013-2019 vs 2021-2025."""
    before, after = lfs_window(root, 2013, 2019), lfs_window(root, 2021, 2025)
    codes = before.index.intersection(after.index)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # groups without a value are dropped below, counted
        lm = LabourMarket.from_files(root)
        rti = lm.table("rti")
        units = rti.loc[rti["level"] == "ISCO 4-digit", "code"]
        market = lm.for_taxonomy(code_taxonomy(units, "isco_code"))
    # A sub-major group gets the unweighted mean of its unit groups (as the layer's own
    # coarser levels do); Frey-Osborne reaches ISCO only through unit groups.
    by2 = market[["rti", "automation_probability"]].groupby(market.index.str[:2]).mean()
    table = by2.reindex(codes)
    table["rti_source"] = market["rti_source"].dropna().iloc[0]
    table["rti_level"] = "ISCO 2-digit (mean of unit groups)"
    table["trend_pct"] = before["trend_pct"].reindex(table.index)
    table["trend_source"] = before["trend_source"].reindex(table.index)
    table["trend_level"] = "ISCO 2-digit"
    table = table.dropna(subset=["rti", "trend_pct", "automation_probability"])
    outcome = after["trend_pct"].reindex(table.index) <= DEFAULT_SHRINK_THRESHOLD
    flags = rules(table, DEFAULT_SHRINK_THRESHOLD)
    res = pd.DataFrame({name: scores(f, outcome) for name, f in flags.items()}).T
    detail = table.assign(after=after["trend_pct"].reindex(table.index),
                          flagged=flags["routine AND shrinking (assess_risk)"], declined=outcome)
    return res, detail, int(outcome.sum()), len(table), len(codes)


def backtest_us(root):
    """Detailed BLS occupations: RTI and Frey-Osborne from the layer (US), BLS 2024-34 outcome."""
    before = lfs_window(root, 2013, 2019)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lm = LabourMarket.from_files(root, country="US")
        forecast = lm.table("forecast")
        codes = forecast.loc[forecast["level"] == "SOC detailed", "code"]
        market = lm.for_taxonomy(code_taxonomy(codes, "soc_code"))
    market = market[market["forecast_level"] == "SOC detailed"]
    pairs = soc2018_to_isco2(root)
    pairs["nl_before"] = pairs["isco2"].map(before["trend_pct"])
    nl = pairs.dropna(subset=["nl_before"]).groupby("soc2018")["nl_before"].mean()
    table = market[_EVIDENCE + ["automation_probability"]].copy()
    table["trend_pct"] = nl.reindex(table.index)
    table["trend_source"] = "Eurostat LFS NL 2013-2019 (transferred)"
    table["trend_level"] = "ISCO 2-digit via SOC crosswalk"
    table = table[table[["rti", "automation_probability", "trend_pct"]].notna().all(axis=1)]
    change = per_year(market.loc[table.index, "forecast_pct"],
                      market.loc[table.index, "forecast_years"])
    outcome = pd.Series(change, index=table.index) <= DEFAULT_SHRINK_THRESHOLD
    flags = rules(table, DEFAULT_SHRINK_THRESHOLD)
    res = pd.DataFrame({name: scores(f, outcome) for name, f in flags.items()}).T
    return res, int(outcome.sum()), len(table), len(market)


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
    nl, detail, nl_pos, nl_n, nl_codes = backtest_nl(root)
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
        f"## Netherlands: {nl_n} of {nl_codes} ISCO 2-digit groups with all evidence, {nl_pos} "
        "declined by >= 0.5% a year in 2021-2025",
        "",
        "Evidence: RTI and Frey-Osborne (means of the unit groups) and the Eurostat LFS change 2013-2019; "
        "outcome: Eurostat LFS change 2021-2025 (the 2020-2021 series break is never crossed).",
        "",
        fmt(nl),
        "",
        "Groups flagged by *routine AND shrinking* (RTI; change a year 2013-2019 -> 2021-2025):",
        "",
    ]
    for code, r in flagged.iterrows():
        lines.append(f"- ISCO {code}: RTI {r['rti']:.2f}; {r['trend_pct']:+.1f}% -> {r['after']:+.1f}%"
                     f" ({'declined' if r['declined'] else 'did not decline'})")
    lines += [
        "",
        f"## United States: {us_n} of {us_rows} detailed BLS occupations with all evidence, "
        f"{us_pos} projected to decline by >= 0.5% a year in 2024-34",
        "",
        "Evidence: RTI and Frey-Osborne as the labour-market layer maps them onto SOC 2018 "
        "codes; *shrinking* is the Dutch 2013-2019 change of "
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
