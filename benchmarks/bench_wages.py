"""Occupation-level wages and job shares: tested on held-out published figures.

The estimates of :mod:`transitions.labour.estimate` disaggregate a published
Dutch figure to the units below it. The same step one level up can be checked
against what CBS publishes: predict each BRC *group's* published median from
its *segment's* published median, with the method (the segment median times
``exp(beta * (u_group - u_segment))``, ``u`` the job-weighted reference log
wage of the group's / segment's ESCO occupations) and without it (the segment
median alone, which is what every occupation of a suppressed group shows).
Held out: ``beta`` is fitted with :func:`~transitions.labour.estimate.fit_elasticity`
on the other segments only (leave one segment out), and the group's own median
is never used. Two years with group and segment medians of the same year:
CBS 85517NED 2022 and the 2023 table (medians CBS only copied from the parent
are dropped). Metrics over the held-out groups (segments with >= 2 published
groups): mean absolute error (EUR an hour) and Spearman rank correlation with
the published medians, pooled; and the Spearman correlation of the predicted
and published *deviations from the segment* (what the segment median alone
cannot rank at all).

Job shares are tested the same way: predict each group's CBS jobs (2025Q4)
from its segment's, split by the groups' reference employment (the method),
evenly over the segment's groups, or by the number of ESCO occupations (what
an even split over occupations implies).

With ``--options`` it also measures what the estimates are for: the share of
good switch options (every ESCO occupation's default worker, the advisor's
defaults) whose wage ratio is exactly 1.0, with the estimates and without.

Run::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_wages.py \\
        [--options] [--write docs/benchmarks/wages.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from transitions import LabourMarket, load_esco  # noqa: E402
from transitions.labour import read_cbs_jobs_2023, read_cbs_wages  # noqa: E402
from transitions.labour.estimate import group_index, held_out_groups, job_shares  # noqa: E402
from transitions.labour.files import FILES  # noqa: E402
from transitions.labour.reference import occupation_reference  # noqa: E402
from transitions.labour.leaves import leaf_pairs  # noqa: E402

from _risk_data import machine, markdown_table  # noqa: E402


def setup(root):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # documented source defects, counted by the readers
        tax = load_esco(root / "esco" / "v1.1.1", labels={"nl": root / "esco" / "nl"})
        lm = LabourMarket.from_files(root)
    return tax, lm


def indexes(tax, lm, *, skills=True, crosswalk=True, units=True, shares=True):
    """Job-weighted reference log wage per BRC code (groups, segments, classes)."""
    links = lm.links(tax)
    cw = lm.crosswalks
    if not crosswalk:
        cw = type(cw)(cw.isco_brc, cw.isco_soc2010, cw.soc2010_soc2018, None)
    ref_links = links if units else {k: v for k, v in links.items() if k != "SOC 2018"}
    ref = occupation_reference(tax, ref_links, cw, lm.reference["wage"],
                               lm.reference["employment"], skills=skills)
    pairs = leaf_pairs(lm.table("employment"), links).reset_index(drop=True)
    share = job_shares(pairs, ref["ref_mass"] if shares else None)
    jobs = pairs["employment"] * share
    return group_index(pairs, ref["ref_log_wage"], jobs, (4, 3, 2)), ref, pairs


def published(root, year):
    """Group and segment medians of one year (EUR an hour), by code."""
    if year == 2022:
        t = read_cbs_wages(root / FILES["cbs_wages"])
    else:
        t = read_cbs_jobs_2023(root / "nl" / "cbs_85276NED_85517NED_beroepen_2023.csv")
    t = t[t["code"].str.len().isin([3, 4]) & t["wage_median"].notna()]
    return t.set_index("code")["wage_median"]


def wage_metrics(d):
    dev_true = np.log(d["actual"] / d["segment"])
    dev_pred = np.log(d["method"] / d["segment"])
    return {
        "groups": len(d), "segments": d.index.str[:3].nunique(),
        "MAE segment median": (d["segment"] - d["actual"]).abs().mean(),
        "MAE method": (d["method"] - d["actual"]).abs().mean(),
        "Spearman segment median": spearmanr(d["segment"], d["actual"]).statistic,
        "Spearman method": spearmanr(d["method"], d["actual"]).statistic,
        "Spearman within segment": spearmanr(dev_pred, dev_true).statistic,
    }


def jobs_test(lm, pairs, ref):
    """Group jobs predicted from segment jobs: reference shares vs even splits."""
    emp = lm.table("employment")
    groups = emp[emp["depth"] == 4].set_index("key")["employment"]
    segs = emp[emp["depth"] == 3].set_index("key")["employment"]
    mass = pairs.assign(m=pairs["occupation_id"].map(ref["ref_mass"]))
    m = mass["m"].where(mass["m"] > 0)
    mass["m"] = m.fillna(m.groupby(mass["key"]).transform("mean"))
    by_group = pd.DataFrame({"mass": mass.groupby("key")["m"].sum(),
                             "n_occ": mass.groupby("key")["occupation_id"].nunique()})
    d = by_group.join(groups.rename("actual"), how="inner")
    d["seg"] = d.index.str[:3]
    d = d[d["seg"].map(d["seg"].value_counts()) >= 2]
    d["segment"] = d["seg"].map(segs)
    rows = {}
    for name, col in (("reference employment (method)", "mass"), ("ESCO occupations (even)", "n_occ"),
                      ("groups evenly", None)):
        w = d[col] if col else pd.Series(1.0, index=d.index)
        pred = d["segment"] * w / w.groupby(d["seg"]).transform("sum")
        share_true = d["actual"] / d["actual"].groupby(d["seg"]).transform("sum")
        share_pred = w / w.groupby(d["seg"]).transform("sum")
        rows[name] = {"groups": len(d), "MAE (jobs)": (pred - d["actual"]).abs().mean(),
                      "Spearman": spearmanr(pred, d["actual"]).statistic,
                      "Spearman of shares": spearmanr(share_pred, share_true).statistic}
    return pd.DataFrame(rows).T


def options_test(root, tax, lm):
    """Share of good options with a wage ratio of exactly 1.0, with and without estimates."""
    from transitions import Advisor

    out = {}
    for estimate in (False, True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = lm.for_taxonomy(tax, estimate=estimate)
            adv = Advisor(tax, lm, market_table=table)
            t = time.perf_counter()
            opts = adv.recommend_batch(list(tax.occupation_index), n=None)
        workers = lm.workforce(tax, estimate=estimate)["workers"]
        one = (opts["wage_ratio"] - 1.0).abs() < 1e-9
        # For a list of profiles, profile_id is the position in the list.
        origin = tax.occupation_index[opts["profile_id"].astype(int).to_numpy()]
        w = pd.Series(workers.reindex(origin).fillna(0.0).to_numpy(), index=opts.index)
        out["estimates on" if estimate else "estimates off (group medians)"] = {
            "good options": len(opts), "ratio exactly 1.0": int(one.sum()),
            "share": one.mean(), "share, worker-weighted": (w * one).sum() / w.sum(),
            "seconds": time.perf_counter() - t}
    return pd.DataFrame(out).T


def fmt(df, digits=3):
    df = df.copy()
    for c in df.columns:
        if pd.api.types.is_float_dtype(df[c]):
            df[c] = df[c].map(lambda v: "n/a" if pd.isna(v) else f"{v:.{digits}f}")
    return markdown_table(df.rename_axis("").reset_index())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("TRANSITIONS_TEST_DATA"))
    parser.add_argument("--options", action="store_true",
                        help="also measure the wage ratios of good options (about a minute)")
    parser.add_argument("--write", help="also write the report (markdown) to this file")
    args = parser.parse_args(argv)
    if not args.data:
        parser.error("give --data or set TRANSITIONS_TEST_DATA")
    root = Path(args.data)
    tax, lm = setup(root)
    table = lm.for_taxonomy(tax)
    info = table.attrs["estimates"]
    variants = {
        "method (unit group + crosswalk + skills, fitted elasticity)": {},
        "without the skill adjustment": {"skills": False},
        "ISCO unit groups only (no ESCO-O*NET crosswalk)": {"crosswalk": False},
        "ESCO-O*NET crosswalk only (no unit-group level)": {"units": False},
        "occupations weighted evenly": {"shares": False},
    }
    rows, betas = {}, {}
    base_index, ref, pairs = indexes(tax, lm)
    for year in (2022, 2023):
        medians = published(root, year)
        for name, kw in variants.items():
            index = base_index if not kw else indexes(tax, lm, **kw)[0]
            d = held_out_groups(medians, index)
            rows[(year, name)] = wage_metrics(d)
            betas[(year, name)] = d["beta"].mean()
        for b in (0.25, 0.5, 1.0):
            d = held_out_groups(medians, base_index, beta=b)
            rows[(year, f"fixed elasticity {b}")] = wage_metrics(d)
            betas[(year, f"fixed elasticity {b}")] = b
    res = pd.DataFrame(rows).T
    res.insert(2, "elasticity (mean over folds)", pd.Series(betas))
    res.index = [f"{y}: {n}" for y, n in res.index]
    res[["groups", "segments"]] = res[["groups", "segments"]].astype(int)
    jobs = jobs_test(lm, pairs, ref)
    jobs["groups"] = jobs["groups"].astype(int)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (np.nan,) * 3
    lines = [
        "# Occupation-level wages and job shares",
        "",
        f"Run {dt.date.today().isoformat()} on {machine()} (load average "
        f"{load[0]:.1f}), with `python benchmarks/bench_wages.py --options --write "
        "docs/benchmarks/wages.md`.",
        "",
        "The shipped estimates (`LabourMarket.for_taxonomy`, full ESCO, Dutch market): "
        f"elasticity {info['beta']:.2f} fitted on {info['n_groups']} published groups, skill "
        f"adjustment kappa {info['kappa']:.2f}, {info['n_wage_estimates']} of {len(table)} "
        "occupations with an estimate.",
        "",
        "## Held-out test: published group medians from their segment's",
        "",
        "Floor: the segment median alone (what an occupation of a suppressed group shows). The "
        "method must have the lower MAE and the higher Spearman correlation.",
        "",
        fmt(res),
        "",
        "## Held-out test: group jobs (CBS 2025Q4) from their segment's",
        "",
        fmt(jobs),
        "",
    ]
    if args.options:
        opts = options_test(root, tax, lm)
        opts[["good options", "ratio exactly 1.0"]] = opts[["good options",
                                                            "ratio exactly 1.0"]].astype(int)
        lines += [
            "## Good options whose wage ratio is exactly 1.0",
            "",
            "Every ESCO occupation's default worker (its median wage, the advisor's default "
            "thresholds), all good options; the worker-weighted share weighs each worker's "
            "options by the workers of the origin (`LabourMarket.workforce`). Acceptance: at "
            "most 20% with the estimates.",
            "",
            fmt(opts),
            "",
        ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    return res, jobs


if __name__ == "__main__":
    main()
