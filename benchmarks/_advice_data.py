"""Shared set-up of the advice benchmarks: full ESCO + the Dutch labour market, and random caseloads."""

from __future__ import annotations

import os
import platform
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import Advisor, LabourMarket, WorkerProfile, load_esco  # noqa: E402


def data_root():
    root = os.environ.get("TRANSITIONS_TEST_DATA")
    if not root:
        sys.exit("set TRANSITIONS_TEST_DATA to the shared data folder")
    return Path(root)


def build_advisor(root=None, **kwargs):
    """(advisor, seconds to load ESCO, seconds to build the labour market + advisor)."""
    root = root or data_root()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # documented source defects, reported by the loaders
        t = time.perf_counter()
        tax = load_esco(root / "esco" / "v1.1.1", labels={"nl": root / "esco" / "nl"})
        t_tax = time.perf_counter() - t
        t = time.perf_counter()
        adv = Advisor(tax, LabourMarket.from_files(root), **kwargs)
        t_adv = time.perf_counter() - t
    return adv, t_tax, t_adv


def random_caseload(adv, n, seed=0):
    """A caseload table of ``n`` random workers: origins weighted by the Dutch workforce,
    half with their own wage, a third with a DigComp self-assessment, some extra skills."""
    rng = np.random.default_rng(seed)
    ids = adv.taxonomy.occupation_index
    w = adv.market.workforce(adv.taxonomy)["workers"].reindex(ids).fillna(0).to_numpy()
    occ = ids[rng.choice(len(ids), n, p=w / w.sum())]
    skills = adv.taxonomy.skill_index
    extra = ["|".join(skills[rng.integers(0, len(skills), rng.integers(0, 4))]) for _ in range(n)]
    return pd.DataFrame({
        "profile_id": np.arange(n),
        "occupation": occ,
        "wage": np.where(rng.random(n) < 0.5, np.nan, np.round(rng.uniform(12, 45, n), 2)),
        "skills": extra,
        "digcomp_3": np.where(rng.random(n) < 0.33, rng.integers(1, 9, n), np.nan),
        "digcomp_1": np.where(rng.random(n) < 0.33, rng.integers(1, 9, n), np.nan),
    })


def profiles(frame):
    from transitions.advice.batch import profiles_from_frame

    return profiles_from_frame(frame)


def machine():
    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}")


__all__ = ["build_advisor", "random_caseload", "profiles", "machine", "data_root", "markdown",
           "WorkerProfile"]


def markdown(table, floatfmt="{:.3f}"):
    """A DataFrame as a GitHub markdown table (no extra dependency)."""
    def cell(v):
        if isinstance(v, (float, np.floating)):
            return "" if np.isnan(v) else floatfmt.format(v)
        return str(v)
    head = "| " + " | ".join(map(str, table.columns)) + " |"
    sep = "|" + "|".join("---" for _ in table.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join([head, sep, *body])
