"""Benchmark: how a researcher's extension moves the results of everyone else.

Adds the AI-trainer example (``examples/extension-ai-trainer``: one occupation, three new
digital skills with DigComp codes and levels, links to six ESCO skills) to full ESCO v1.1.1
and compares, with the base taxonomy:

* the occupation x occupation similarity between the **existing** occupations (largest and
  mean absolute change), and how many occupations' ten nearest neighbours change;
* the options of a worker in each existing occupation (default profile, Dutch labour
  market): how many workers' top-5 options change other than by the new occupation
  appearing.

Once with ``Taxonomy.extend(reference="base")`` (the default: population statistics of the
base taxonomy) and once with ``reference="all"`` (statistics refitted over every
occupation, the new one included).

Usage::

    python benchmarks/bench_extension.py [DATA_FOLDER] [--write docs/benchmarks/extension.md]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import transitions as tr  # noqa: E402

EXAMPLE = REPO / "examples" / "extension-ai-trainer"


def similarity(tax):
    return tr.OccupationGraph.from_taxonomy(tax).similarity_matrix().to_numpy()


def top5(advisor, origins):
    frame = pd.DataFrame({"profile_id": np.arange(len(origins)), "occupation": origins})
    options = advisor.recommend_batch(frame, n=5)
    return options.groupby("profile_id")["occupation_id"].apply(tuple)


def compare(base, market, base_sim, base_top, origins, reference):
    ext = base.extend(**tr.read_extension(EXAMPLE), name="esco+ai-trainer", reference=reference)
    n = base_sim.shape[0]
    sim = similarity(ext)[:n, :n]
    diff = np.abs(sim - base_sim)
    np.fill_diagonal(diff, 0.0)
    near = lambda S: np.argsort(-S + np.eye(len(S)) * 9, axis=1)[:, :10]  # noqa: E731
    changed_neighbours = int(sum(set(a) != set(b) for a, b in zip(near(base_sim), near(sim))))
    advisor = tr.Advisor(ext, market)
    ext_top = top5(advisor, origins)
    new_id = "ext-ai-trainer"

    def unchanged(before, after):
        kept = tuple(o for o in after if o != new_id)   # the new occupation may push one out
        return kept == tuple(before)[:len(kept)]

    moved = sum(not unchanged(base_top.get(i, ()), ext_top.get(i, ())) for i in base_top.index)
    gained = int(sum(new_id in ext_top.get(i, ()) for i in ext_top.index))
    return {"reference": reference, "max_change": float(diff.max()),
            "mean_change": float(diff.mean()), "neighbours_changed": changed_neighbours,
            "workers_top5_changed": int(moved), "workers_with_ai_trainer_in_top5": gained}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=os.environ.get("TRANSITIONS_TEST_DATA"))
    parser.add_argument("--write", type=Path)
    args = parser.parse_args(argv)
    if not args.data:
        sys.exit("give the data folder or set TRANSITIONS_TEST_DATA")
    root = Path(args.data)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = tr.load_esco(root / "esco" / "v1.1.1", labels={"nl": root / "esco" / "nl"})
        market = tr.LabourMarket.from_files(root)
        base_sim = similarity(base)
        origins = list(base.occupation_index)
        base_top = top5(tr.Advisor(base, market), origins)
        rows = [compare(base, market, base_sim, base_top, origins, ref)
                for ref in ("base", "all")]
    table = pd.DataFrame(rows).set_index("reference")
    lines = [
        "# Extending the taxonomy: what moves for everyone else",
        "",
        f"Measured {_dt.date.today().isoformat()} on {platform.machine()} ({os.cpu_count()} "
        f"cores), full ESCO v1.1.1 with the Dutch labels and the Dutch labour market, the "
        f"AI-trainer example (`examples/extension-ai-trainer`); "
        f"`python benchmarks/bench_extension.py` ({time.perf_counter() - started:.0f} s).",
        "",
        f"Similarities between the {len(origins):,} existing occupations, and the top-5 options "
        "of a worker in each of them (default profile), compared with the base taxonomy.",
        "",
        "| `reference=` | largest change of a similarity | mean change | occupations whose 10 "
        "nearest neighbours change | workers whose top-5 changes (other than by the new "
        "occupation) | workers with the new occupation in their top 5 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for ref, r in table.iterrows():
        lines.append(f"| `{ref}` | {r['max_change']:.2g} | {r['mean_change']:.2g} | "
                     f"{int(r['neighbours_changed'])} | {int(r['workers_top5_changed'])} | "
                     f"{int(r['workers_with_ai_trainer_in_top5'])} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
