"""Plausibility on observed worker flows: does the advice point where workers really go?

For O*NET 29.3 with the US market and ESCO v1.1.1 with the Dutch market
(through the ESCO -> O*NET crosswalk), on the development half of the
CPS-ASEC flows (``transitions.evaluation.evaluate_flows``):

* NDCG@10 (transition probability as gain, self-transitions dropped), the
  share of the observed outflow captured by the top 10 and the share of the
  top 10 with any observed flow, for :meth:`Advisor.transition_scores`
  beside the similarity-only and classification-hierarchy baselines, with
  occupations as the unit (the issue's protocol) and with codes;
* the options :meth:`Advisor.recommend` returns for every evaluated
  occupation's default worker: how often they are observed destinations,
  against all destinations that pass the same wage and risk filters (the
  rate of a random pick among them); the issue asks for at least 3x.

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_flows.py [onet] [esco] [--write]

``--write`` stores the tables in ``docs/benchmarks/flows.md``.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _advice_data import machine, markdown  # noqa: E402
from _flows_data import build, hierarchy_scores  # noqa: E402

from transitions import evaluation as ev  # noqa: E402
from transitions.advice.pairs import default_pairs  # noqa: E402

TARGET_NDCG = 0.35
TARGET_LIFT = 3.0


def ranking_table(adv, truth):
    pairs = default_pairs(adv)
    methods = {
        "similarity only (the graph)": pairs.similarity.astype(float),
        "classification hierarchy (ISCO / SOC levels)": hierarchy_scores(adv),
        "transition score (shipped)": adv.transition_scores().to_numpy(float),
    }
    rows = []
    for name, S in methods.items():
        for unit in ("occupation", "code"):
            r = ev.evaluate_flows(S, truth, unit=unit)
            rows.append({"method": name, "unit": unit, "ndcg@10": r["ndcg"],
                         "flow share top 10": r["flow_share"], "precision@10": r["precision"],
                         "origins": int(r["n_origins"]), "code groups": int(r["n_groups"])})
    return pd.DataFrame(rows)


def allowed_destinations(adv, truth):
    """Per evaluated origin, the destinations passing its default worker's wage and risk filters."""
    ctx = adv._ctx
    rows = truth.origin_positions
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = ctx.wage[None, :] / ctx.default_wage[rows][:, None]
    allowed = (ratio >= 1.0 - 1e-12) & ~ctx.at_risk
    allowed[np.arange(len(rows)), rows] = False
    return allowed


def option_lift(adv, truth):
    """Observed-destination rate of the recommended options vs all filter-passing destinations."""
    origins = list(truth.origins)
    options = adv.recommend_batch(origins, n=10, errors="skip")
    options = options[options["status"] == "option"]  # one status row per worker without
    ids = np.asarray(origins, dtype=object)[options["profile_id"].to_numpy(int)]
    got = ev.option_lift(truth, ids, options["occupation_id"].to_numpy(object),
                         allowed_destinations(adv, truth))
    return {"origins with options": got["origins"], "options": int(len(options)),
            "observed share of the options": got["options_rate"],
            "observed share of filter-passing destinations": got["random_rate"],
            "lift": got["lift"]}


def run(which):
    t0 = time.perf_counter()
    adv, truth, t_build = build(which)
    rank = ranking_table(adv, truth)
    lift = option_lift(adv, truth)
    model = adv.score_model
    return {"which": which, "rank": rank, "lift": lift, "seconds": time.perf_counter() - t0,
            "model": model, "origins": len(truth.origins)}


def _fmt(table):
    show = table.copy()
    for col in ("ndcg@10", "flow share top 10", "precision@10"):
        show[col] = show[col].map(lambda v: f"{v:.3f}")
    return markdown(show)


def main():
    which = [w for w in sys.argv[1:] if w in ("onet", "esco")] or ["onet", "esco"]
    load = os.getloadavg()[0]
    results = [run(w) for w in which]
    names = {"onet": "O*NET 29.3, US market (BLS)",
             "esco": "ESCO v1.1.1 + Dutch labels, Dutch market (CBS, ROA), via the crosswalk"}
    parts = [
        "# Plausibility on observed worker flows (CPS-ASEC, development half)\n",
        f"Measured {datetime.date.today().isoformat()}, {machine()}, load average {load:.1f}, "
        "with `benchmarks/bench_flows.py` (protocols in `transitions.evaluation.flows`). Ground "
        "truth: year-to-year occupation changes of US workers (del Rio-Chanona et al. 2021, "
        "CC BY-NC 4.0, read from the user's data folder, never shipped), 267 of 539 origin codes; "
        "the other half is kept for independent evaluation. The transition score's coefficients "
        "were fitted on these origins with 5-fold cross-validation grouped by origin code "
        "(`benchmarks/fit_transition_score.py`); its in-sample figures below are therefore "
        "slightly optimistic, the held-out figures are in the fit's table "
        f"(target: NDCG@10 >= {TARGET_NDCG}).\n",
    ]
    for r in results:
        lift = r["lift"]
        meta = r["model"].meta
        parts += [
            f"## {names[r['which']]}\n",
            f"{r['origins']} evaluated origin occupations ({r['seconds']:.0f} s). Shipped "
            f"coefficients `{r['model'].name}` ({meta.get('method', '?')} fit; held-out NDCG@10 "
            f"{meta.get('cv_ndcg@10', float('nan')):.3f}).\n",
            _fmt(r["rank"]) + "\n",
            "Options of the default workers (`recommend`, top 10, default thresholds) against "
            f"random destinations passing the same wage and risk filters (target lift >= "
            f"{TARGET_LIFT:g}):\n",
            markdown(pd.DataFrame([{k: (f"{v:.3f}" if isinstance(v, float) else v)
                                    for k, v in lift.items()}])) + "\n",
        ]
    text = "\n".join(parts)
    print(text)
    if "--write" in sys.argv:
        out = Path(__file__).resolve().parents[1] / "docs" / "benchmarks" / "flows.md"
        out.write_text(text, encoding="utf-8")
        print(f"written to {out}")


if __name__ == "__main__":
    main()
