"""Workers streamed through recommend_batch (a million by default): Dask LocalCluster vs joblib.

Full ESCO v1.1.1 with the Dutch labour market; the random caseload of
``_advice_data.random_caseload`` (origins drawn by the Dutch workforce, half with
their own wage, a third with a DigComp self-assessment, 0-3 extra skills) is
written to a CSV file once, then read and written back in chunks
(``recommend_batch(path, n=10, output=...)``), so no run holds the million
workers x 10 options in memory. Measured per run: wall time, throughput
(profiles per second), rows written, the peak resident memory of each worker
process and of the calling process, and the calling process's CPU time (it reads
the caseload, resolves occupations and writes the output, so it bounds how many
workers one client can feed).

Runs:

1. joblib's default backend (loky), ``n_jobs=2``, N profiles;
2. ``distributed.LocalCluster(n_workers=2, threads_per_worker=1)``, N profiles;
3. scaling: the LocalCluster with 1 worker and with 2 workers on N_SCALE profiles.

Bars (issue 14): throughput of runs 1 and 2 within 25% of each other; peak memory
per worker <= 2 GB. The machine has 2 cores shared with other work: the table
states the load average before and after.

Usage::

    TRANSITIONS_TEST_DATA=/path/to/shared/data python benchmarks/bench_cluster.py \\
        [--n 1000000] [--n-scale 200000] [--write]

``--write`` stores the table in ``docs/benchmarks/cluster.md``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _advice_data import build_advisor, machine, markdown, random_caseload  # noqa: E402

#: Employed persons in the Netherlands (CBS, 2025), for the cluster estimate.
NL_WORKERS = 9_800_000


class PeakMemory:
    """Samples the resident memory of given processes (and the caller) every 0.2 s."""

    def __init__(self, pids_fn):
        self.pids_fn, self.peak, self.stop = pids_fn, {}, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.stop.is_set():
            for pid in self.pids_fn():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
            self.stop.wait(0.2)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def _loky_workers():
    me = psutil.Process()
    return [p.pid for p in me.children(recursive=True)
            if "LokyProcess" in " ".join(p.cmdline())]


def timed_run(adv, src, out, n, workers, backend):
    """One streamed run; returns a dict of the measurements."""
    import joblib

    me = psutil.Process()
    cpu0 = me.cpu_times()
    if backend == "loky":
        ctx, pids = joblib.parallel_config(backend="loky"), _loky_workers
        cluster = client = None
    else:
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, memory_limit="4GB")
        client = Client(cluster)
        worker_pids = list(client.run(os.getpid).values())
        ctx, pids = joblib.parallel_config(backend="dask"), (lambda: worker_pids)
    try:
        with PeakMemory(lambda: [*pids(), me.pid]) as mem, ctx:
            t = time.perf_counter()
            # On Dask, n_jobs only paces the dispatch (the cluster decides where tasks run); at
            # least 2, so that joblib does not run a 1-worker cluster's tasks in this process.
            summary = adv.recommend_batch(src, n=10, n_jobs=workers if backend == "loky"
                                          else max(2, workers), output=out)
            wall = time.perf_counter() - t
    finally:
        if client is not None:
            client.close()
            cluster.close()
    cpu1 = me.cpu_times()
    worker_peaks = [v for pid, v in mem.peak.items() if pid != me.pid]
    return {
        "backend": "joblib loky" if backend == "loky" else "Dask LocalCluster",
        "workers": workers, "profiles": n, "seconds": wall, "per_second": n / wall,
        "rows": int(summary["rows"]), "with_option": int(summary["option"]),
        "peak_worker_mb": max(worker_peaks) / 1e6 if worker_peaks else float("nan"),
        "peak_caller_mb": mem.peak.get(me.pid, 0) / 1e6,
        "caller_cpu_s": (cpu1.user + cpu1.system) - (cpu0.user + cpu0.system),
    }


def write_caseload(adv, n, path, seed=0):
    """The random caseload written in pieces (the frame of a million rows is not needed)."""
    piece = 100_000
    first = True
    for start in range(0, n, piece):
        frame = random_caseload(adv, min(piece, n - start), seed=seed + start)
        frame["profile_id"] = np.arange(start, start + len(frame))
        frame.to_csv(path, mode="w" if first else "a", header=first, index=False)
        first = False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--n-scale", type=int, default=200_000)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()
    adv, _, _ = build_advisor()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in sorted({args.n, args.n_scale}):
            write_caseload(adv, n, tmp / f"caseload_{n}.csv")
        src, out = tmp / f"caseload_{args.n}.csv", tmp / "options.csv"
        for backend in ("loky", "dask"):
            runs.append(timed_run(adv, src, out, args.n, 2, backend))
            print(runs[-1], flush=True)
        src = tmp / f"caseload_{args.n_scale}.csv"
        for workers in (1, 2):
            runs.append(timed_run(adv, src, out, args.n_scale, workers, "dask"))
            print(runs[-1], flush=True)
    load_after = os.getloadavg()
    table = pd.DataFrame(runs)
    loky, dask = table.iloc[0], table.iloc[1]
    one, two = table.iloc[2], table.iloc[3]
    gap = abs(dask["per_second"] - loky["per_second"]) / max(dask["per_second"], loky["per_second"])
    per_worker = dask["per_second"] / 2
    client_rate = args.n / dask["caller_cpu_s"]
    est_workers = 10 * 2
    est_seconds = NL_WORKERS / min(per_worker * est_workers, client_rate)
    shown = table.assign(
        seconds=table["seconds"].map("{:,.0f}".format),
        per_second=table["per_second"].map("{:,.0f}".format),
        rows=table["rows"].map("{:,}".format), with_option=table["with_option"].map("{:,}".format),
        profiles=table["profiles"].map("{:,}".format),
        peak_worker_mb=table["peak_worker_mb"].map("{:,.0f}".format),
        peak_caller_mb=table["peak_caller_mb"].map("{:,.0f}".format),
        caller_cpu_s=table["caller_cpu_s"].map("{:,.0f}".format),
    ).rename(columns={"per_second": "profiles/s", "peak_worker_mb": "peak MB per worker",
                      "peak_caller_mb": "peak MB caller", "caller_cpu_s": "caller CPU s",
                      "with_option": "workers with an option"})
    lines = [
        f"# {args.n:,} workers streamed on a cluster (full ESCO v1.1.1, Dutch labour market)",
        "",
        f"Measured {datetime.date.today()}, {machine()}; load average {load_before[0]:.1f} "
        f"before, {load_after[0]:.1f} after (2 cores shared with other work: the times are upper "
        f"bounds) with `benchmarks/bench_cluster.py`. The caseload CSV is read and the options "
        f"(n=10) written in chunks; every worker gets at least one row.",
        "",
        markdown(shown, floatfmt="{:.0f}"),
        "",
        f"- Dask LocalCluster vs joblib processes (2 workers each): throughput "
        f"{dask['per_second']:,.0f} vs {loky['per_second']:,.0f} profiles/s, "
        f"{100 * gap:.0f}% apart (bar: within 25%): **{'met' if gap <= 0.25 else 'not met'}**.",
        f"- Peak memory per worker: {table['peak_worker_mb'].max():,.0f} MB (bar: <= 2,000 MB): "
        f"**{'met' if table['peak_worker_mb'].max() <= 2000 else 'not met'}**.",
        f"- Scaling on {args.n_scale:,} profiles: 1 worker {one['per_second']:,.0f}, 2 workers "
        f"{two['per_second']:,.0f} profiles/s ({two['per_second'] / one['per_second']:.2f}x on 2 "
        f"shared cores).",
        f"- Estimate for the {NL_WORKERS / 1e6:.1f} M Dutch workers on 10 machines like this one "
        f"(2 workers each): {per_worker:,.0f} profiles/s per worker x {est_workers} workers; the "
        f"client reads and resolves {client_rate:,.0f} profiles per CPU second, so it "
        f"{'is' if client_rate < per_worker * est_workers else 'is not'} the bottleneck: about "
        f"**{est_seconds / 60:,.0f} minutes**.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        path = Path(__file__).resolve().parents[1] / "docs" / "benchmarks" / "cluster.md"
        path.write_text(text, encoding="utf-8")
        print(f"written to {path}")


if __name__ == "__main__":
    main()
