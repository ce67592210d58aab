"""The coverage headline on full ESCO with the Dutch workforce, and its sensitivity.

For every ESCO occupation's default worker (its skills, its median wage, the
default constraints) the number of good switch options
(``transitions.advice.criteria``), weighted by the Dutch workers mapped onto
the occupation (CBS jobs per BRC group split over its ESCO occupations).
Printed beside the seed study's headline (93% with a good option, 24 on
average, 7% with none), which used other data and another definition, and
beside issue 10's bar (>= 90% of all workers, >= 85% of at-risk workers,
mean >= 10 for at-risk workers, best option within a year for >= 80% of them).

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_coverage.py [--write]

``--write`` stores the tables in ``docs/benchmarks/coverage.md``.
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _advice_data import build_advisor, machine, markdown  # noqa: E402

SEED_STUDY = {"share_with_option": 0.93, "mean_options": 24.0, "share_none": 0.07}
TARGET = {"all": (0.90, None, None), "at risk": (0.85, 10.0, 0.80)}


def _pct(x):
    return "" if pd.isna(x) else f"{x:.1%}"


def run():
    adv, _, _ = build_advisor()
    t = time.perf_counter()
    cov = adv.coverage()
    seconds = time.perf_counter() - t
    per = adv.coverage(by="occupation")
    show = cov.copy()
    for col in ("share_assessed", "share_with_option", "share_none", "share_best_within_year"):
        show[col] = show[col].map(_pct)
    show["workers"] = show["workers"].map(lambda v: f"{v / 1e6:.2f} M")
    show["mean_options"] = show["mean_options"].map(lambda v: f"{v:.1f}")
    show["median_options"] = show["median_options"].map(lambda v: f"{v:.0f}")
    show = show.drop(columns=["workforce_source"])
    default = cov[cov["default"]].set_index("group")
    seed = pd.DataFrame({
        "measure": ["share with >= 1 good option", "mean number of options", "share with none",
                    "best option needs <= 1 year"],
        "seed study": [_pct(SEED_STUDY["share_with_option"]), f"{SEED_STUDY['mean_options']:.0f}",
                       _pct(SEED_STUDY["share_none"]), ""],
        "here, everyone": [_pct(default.loc["all", "share_with_option"]),
                           f"{default.loc['all', 'mean_options']:.1f}",
                           _pct(default.loc["all", "share_none"]),
                           _pct(default.loc["all", "share_best_within_year"])],
        "here, at-risk occupations": [_pct(default.loc["at risk", "share_with_option"]),
                                      f"{default.loc['at risk', 'mean_options']:.1f}",
                                      _pct(default.loc["at risk", "share_none"]),
                                      _pct(default.loc["at risk", "share_best_within_year"])],
        "issue 10's bar (everyone / at risk)": [">= 90% / >= 85%", "- / >= 10", "",
                                               "- / >= 80%"],
    })
    # Where the wage floor bites: options lost to the floor alone, at the default similarity.
    wage_level = adv.market_table["wage_level"].value_counts(normalize=True)
    facts = {
        "seconds": seconds,
        "workforce_source": cov["workforce_source"].iloc[0],
        "occupations": len(per),
        "occupations_at_risk": int(per["at_risk"].sum()),
        "workers": per["workers"].sum(),
        "wage_levels": ", ".join(f"{k} {v:.0%}" for k, v in wage_level.items()),
        "zero_option_occupations": int((per["n_options"] == 0).sum()),
        "load": __import__("os").getloadavg()[0],
    }
    return show, seed, facts, adv


def main():
    show, seed, facts, adv = run()
    stamp = f"{datetime.date.today().isoformat()}, {machine()}"
    text = (
        "# Coverage: good switch options without pay loss (full ESCO, Dutch workforce)\n\n"
        f"Measured {stamp} with `benchmarks/bench_coverage.py` ({facts['seconds']:.1f} s for the "
        f"whole table). Workforce: {facts['workers'] / 1e6:.2f} M workers "
        f"({facts['workforce_source']}) mapped onto {facts['occupations']:,} ESCO occupations, "
        f"{facts['occupations_at_risk']} of them at risk. Destination wages come from "
        f"{facts['wage_levels']}. Default thresholds (`transitions.advice.criteria`): a gap of at "
        f"most {adv.criteria.max_gap_months:g} months of learning (education levels up "
        f"included), at least {adv.criteria.min_carried} essential skills carried over (or "
        f"{adv.criteria.min_carried_share:.0%} of them, never one), wage ratio >= 1.0, at-risk "
        f"destinations excluded; load average {facts['load']:.1f}.\n\n"
        "## Against the seed study\n\n" + markdown(seed) + "\n\n"
        "## Default and sensitivity (one threshold varied at a time)\n\n" + markdown(show) + "\n"
    )
    print(text)
    if "--write" in sys.argv:
        out = Path(__file__).resolve().parents[1] / "docs" / "benchmarks" / "coverage.md"
        out.write_text(text, encoding="utf-8")
        print(f"written to {out}")


if __name__ == "__main__":
    main()
