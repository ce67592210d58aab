"""Cross-validated skill-profile estimates of the risk signals (ESCO occupations).

Targets, from the labour-market layer (``LabourMarket.from_files(...).for_taxonomy``)
at the level of each ESCO occupation's own ISCO-08 unit group: the
standardised routine task intensity (Mihaylov & Tijdens 2019), the Frey &
Osborne (2017) probability (detailed SOC codes through the ISCO-SOC crosswalk), the *routine*
flag (RTI above the library's threshold, the default rule of ``assess_risk``)
and the ``at_risk`` flag of ``assess_risk(rule="routine_and_shrinking")`` on
the Dutch data.
Features: the occupation's row of ``tax.incidence()``, alone or with the skill
groups above its skills (``transitions.models.skill_profiles``).

Folds are grouped by ISCO 2-digit (``GroupKFold``, 5 folds): every occupation is
estimated by a model that saw no occupation of its sub-major group, the
situation of a new occupation without a code. Scores are the mean and SD over
the folds: R^2 and Spearman's rho for the continuous signals, ROC AUC for the
flags (folds whose held-out groups hold one class only are left out of the
mean); "pooled R^2"/"pooled AUC" score all out-of-fold predictions at once (the per-fold
R^2 also charges each fold for its held-out groups' mean lying away from the
training mean); "seconds" is the time for all five fits. Floors: the training mean (R^2 <= 0, AUC 0.5). For
context, the mean of the training occupations in the same ISCO 1-digit major
group, which needs a code that a new occupation does not have.

Run (about a minute on one core)::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_risk_estimator.py \
        [--write docs/benchmarks/risk_estimator.md]
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
from sklearn.dummy import DummyRegressor
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.feature_extraction.text import TfidfTransformer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from transitions import (  # noqa: E402
    LabourMarket,
    RiskSignalClassifier,
    RiskSignalRegressor,
    assess_risk,
    load_esco,
)
from transitions.models import DEFAULT_RTI_THRESHOLD, skill_profiles  # noqa: E402

from _risk_data import machine, markdown_table  # noqa: E402

N_SPLITS = 5


class _MajorGroupMean:
    """Baseline: mean of the training occupations in the same ISCO 1-digit group."""

    def __init__(self, major):
        self.major = major

    def predict(self, train, test, y):
        means = pd.Series(y[train]).groupby(self.major[train]).mean()
        return pd.Series(self.major[test]).map(means).fillna(y[train].mean()).to_numpy()


def per_fold(model, X, y, groups, metrics, proba=False):
    """Mean and SD over the folds of each metric(y_true, y_pred)."""
    scores = {name: [] for name in metrics}
    pooled = np.empty(len(y))
    for train, test in GroupKFold(n_splits=N_SPLITS).split(X, y, groups):
        if isinstance(model, _MajorGroupMean):
            pred = model.predict(train, test, y.astype(float))
        else:
            fitted = model.fit(X[train], y[train])
            pred = fitted.predict_proba(X[test])[:, 1] if proba else fitted.predict(X[test])
        pooled[test] = pred
        for name, metric in metrics.items():
            scores[name].append(metric(y[test], pred))
    out = {name: (np.nanmean(v), np.nanstd(v)) for name, v in scores.items()}
    out.update({f"pooled {name}": metric(y, pooled) for name, metric in metrics.items()})
    return out


def _auc(y, score):
    # a fold whose held-out groups hold one class only has no AUC
    return np.nan if len(np.unique(y)) < 2 else roc_auc_score(y, score)


def _spearman(y, pred):
    # a constant prediction has no ranking: NaN, shown as n/a
    return np.nan if np.ptp(pred) == 0 else spearmanr(y, pred).statistic


def regression_rows(X, Xg, y, groups, major, name):
    models = {
        "RiskSignalRegressor, skills + groups (alpha=1, tf-idf)": (RiskSignalRegressor(), Xg),
        "RiskSignalRegressor, skills + groups (alpha=3, tf-idf)":
            (RiskSignalRegressor(alpha=3), Xg),
        "RiskSignalRegressor, skills (alpha=1, tf-idf)": (RiskSignalRegressor(), X),
        "RiskSignalRegressor, skills (alpha=1, raw weights)":
            (RiskSignalRegressor(tfidf=False), X),
        "10 nearest neighbours, skills (cosine, tf-idf)": (make_pipeline(
            TfidfTransformer(), KNeighborsRegressor(n_neighbors=10, metric="cosine")), X),
        "floor: training mean": (DummyRegressor(), X),
        "context: ISCO 1-digit mean (needs a code)": (_MajorGroupMean(major), X),
    }
    rows = []
    for label, (model, F) in models.items():
        t0 = time.perf_counter()
        res = per_fold(model, F, y, groups, {"R^2": r2_score, "Spearman": _spearman})
        rows.append({"target": name, "model": label, "R^2": res["R^2"],
                     "Spearman": res["Spearman"], "pooled R^2": (res["pooled R^2"], 0.0),
                     "seconds": time.perf_counter() - t0})
    return rows


def classification_rows(X, Xg, flag, groups, major, name):
    rows = []
    models = {
        "RiskSignalClassifier, skills + groups (C=1, tf-idf)": (RiskSignalClassifier(), Xg),
        "RiskSignalClassifier, skills (C=1, tf-idf)": (RiskSignalClassifier(), X),
        "context: ISCO 1-digit share (needs a code)": (_MajorGroupMean(major), X),
    }
    for label, (model, F) in models.items():
        t0 = time.perf_counter()
        res = per_fold(model, F, flag, groups, {"AUC": _auc}, proba=True)
        rows.append({"target": name, "model": label, "AUC": res["AUC"],
                     "pooled AUC": (res["pooled AUC"], 0.0),
                     "positives": f"{int(flag.sum())} of {len(flag)}",
                     "seconds": time.perf_counter() - t0})
    rows.append({"target": name, "model": "floor: constant", "AUC": (0.5, 0.0),
                 "pooled AUC": (0.5, 0.0),
                 "positives": f"{int(flag.sum())} of {len(flag)}", "seconds": 0.0})
    return rows


def _cell(v):
    if isinstance(v, tuple):
        mean, sd = v
        if np.isnan(mean):
            return "n/a"
        return f"{mean:.3f}" if sd == 0 else f"{mean:.3f} ± {sd:.3f}"
    if isinstance(v, float):
        return f"{v:.1f}"
    return v


def fmt(rows, cols):
    df = pd.DataFrame(rows)[cols]
    for c in cols:
        df[c] = df[c].map(_cell)
    return markdown_table(df)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("TRANSITIONS_TEST_DATA"))
    parser.add_argument("--write", help="also write the report (markdown) to this file")
    args = parser.parse_args(argv)
    if not args.data:
        parser.error("give --data or set TRANSITIONS_TEST_DATA")
    root = Path(args.data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the export's known defects, counted by the loader
        tax = load_esco(root / "esco/v1.1.1", labels={"nl": root / "esco/nl"})
        market = LabourMarket.from_files(root).for_taxonomy(tax)
    isco = tax.occupations["isco_code"].astype(str)
    # targets: values of the occupation's own unit group only (no coarser fallback)
    rti = market["rti"].where(market["rti_level"] == "ISCO 4-digit")
    fo = market["automation_probability"].where(
        market["automation_probability_level"] == "SOC detailed")
    at_risk = assess_risk(market, rule="routine_and_shrinking")["at_risk"]
    X = tax.incidence()
    Xg = skill_profiles(tax).matrix
    groups = isco.str[:2].to_numpy()
    major = isco.str[:1].to_numpy()

    reg, clf = [], []
    has = rti.notna().to_numpy()
    reg += regression_rows(X[has], Xg[has], rti[has].to_numpy(), groups[has], major[has], "RTI")
    flag = (rti[has] > DEFAULT_RTI_THRESHOLD).to_numpy()
    clf += classification_rows(X[has], Xg[has], flag, groups[has], major[has],
                               f"routine (RTI > {DEFAULT_RTI_THRESHOLD})")
    has_fo = fo.notna().to_numpy()
    reg += regression_rows(X[has_fo], Xg[has_fo], fo[has_fo].to_numpy(), groups[has_fo],
                           major[has_fo], "Frey-Osborne probability")
    clf += classification_rows(X, Xg, at_risk.to_numpy(), groups, major,
                               "at_risk (NL, routine AND shrinking)")

    lines = [
        "# Skill-profile estimates of the risk signals: cross-validation",
        "",
        f"Run {dt.date.today().isoformat()} on {machine()}, with "
        "`python benchmarks/bench_risk_estimator.py --write docs/benchmarks/risk_estimator.md`.",
        "",
        f"{tax.name}: {len(tax.occupations)} occupations x {len(tax.skills)} skills "
        f"({Xg.shape[1] - X.shape[1]} skill groups more with the hierarchy); "
        f"{int(has.sum())} with an RTI, {int(has_fo.sum())} with a Frey-Osborne probability "
        f"through their ISCO unit group. {N_SPLITS}-fold GroupKFold by ISCO 2-digit "
        f"({len(set(groups))} groups); mean ± SD over the folds, and R^2 of the pooled "
        "out-of-fold predictions. "
        "Floor: the training mean (R^2 <= 0) and a constant (AUC 0.5).",
        "",
        "## Continuous signals",
        "",
        fmt(reg, ["target", "model", "R^2", "Spearman", "pooled R^2", "seconds"]),
        "",
        "## Flags",
        "",
        fmt(clf, ["target", "model", "AUC", "pooled AUC", "positives", "seconds"]),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        Path(args.write).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
