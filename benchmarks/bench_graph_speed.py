"""Speed and memory of the occupation graph on full ESCO, against a stated floor.

Floor: one sparse product ``B @ B.T`` over the same binary occupation x skill
incidence matrix, densified (the least any all-pairs overlap measure has to
do). Timed warm: the taxonomy is loaded and its incidence built before the
clock starts; each figure is the best of ``REPEATS`` runs. Peak memory is the
process's maximum resident set size after the runs.

Targets (issue 3): all-pairs similarity + graph build <= 2 s, peak <= 1.5 GB.

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_graph_speed.py
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import OccupationGraph  # noqa: E402

REPEATS = 3


def _best(fn):
    best = np.inf
    for _ in range(REPEATS):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def run(tax, measures=(None, "jaccard", "cosine", "coverage")):
    B = tax.incidence("binary")
    tax.incidence("weight")
    floor, _ = _best(lambda: (B @ B.T.tocsr()).toarray())
    rows = [{"step": "floor: B @ B.T (binary incidence, densified)", "seconds": floor, "x floor": 1.0}]
    for m in measures:
        label = "default" if m is None else m

        def all_pairs():
            g = OccupationGraph.from_taxonomy(tax, m)
            g._matrix_array()
            return g

        t_pairs, g = _best(all_pairs)
        t_graph, G = _best(lambda: g.to_networkx(k=10))
        rows.append({"step": f"{label} ({g.measure}): fit + all pairs", "seconds": t_pairs,
                     "x floor": t_pairs / floor})
        rows.append({"step": f"{label}: to_networkx(k=10) ({G.number_of_edges()} edges)",
                     "seconds": t_graph, "x floor": t_graph / floor})
        rows.append({"step": f"{label}: all pairs + graph", "seconds": t_pairs + t_graph,
                     "x floor": (t_pairs + t_graph) / floor})
    # Batch scoring of worker profiles through the private array path (10,000 profiles).
    g = OccupationGraph.from_taxonomy(tax)
    rng = np.random.default_rng(0)
    W = tax.incidence("weight")
    rows_idx = rng.integers(0, W.shape[0], 10_000)
    X = W[rows_idx]
    t_batch, _ = _best(lambda: g._similarity_array(X, rows_idx))
    rows.append({"step": "default: 10,000 profiles -> all destinations", "seconds": t_batch,
                 "x floor": t_batch / floor})
    table = pd.DataFrame(rows)
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
    return table, peak_gb


def main():
    data = Path(os.environ.get("TRANSITIONS_TEST_DATA",
                               Path(__file__).resolve().parents[2] / "shared" / "data"))
    from transitions import load_esco

    tax = load_esco(data / "esco" / "v1.1.1")
    report(tax)


def report(tax):
    from bench_graph_ranking import markdown

    table, peak = run(tax)
    print(f"# graph speed benchmark — {time.strftime('%Y-%m-%d')}, {platform.node()}, "
          f"{platform.machine()}, {os.cpu_count()} cores; {tax!r}")
    print(markdown(table))
    print(f"\npeak memory (max RSS of the process): {peak:.2f} GB")


if __name__ == "__main__":
    main()
