"""Time load_onet on an O*NET text release against the floor of reading its files.

Usage::

    python benchmarks/onet_load.py [PATH]   # default: $TRANSITIONS_TEST_DATA/onet/29.3

Prints one table: the floor (pandas reading the same files, nothing else),
the cold import (``cache=False``: parse, validate, build the Taxonomy), the
warm load from the cache when the cache is available, and the peak Python
memory of a cold import (tracemalloc). Each time is the median of a few runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import load_onet  # noqa: E402

FILES = ["Occupation Data.txt", "Skills.txt", "Knowledge.txt", "Technology Skills.txt",
         "Job Zones.txt", "Education, Training, and Experience.txt",
         "Education, Training, and Experience Categories.txt", "Alternate Titles.txt",
         "Content Model Reference.txt", "Scales Reference.txt"]
REPEAT = 3


def median_time(fn, repeat=REPEAT):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor(path, **kwargs):
    for name in FILES:
        pd.read_csv(path / name, sep="\t", keep_default_na=False, **kwargs)


def main(argv):
    if len(argv) > 1:
        path = Path(argv[1])
    else:
        path = Path(os.environ.get("TRANSITIONS_TEST_DATA", "../shared/data")) / "onet" / "29.3"
    warnings.simplefilter("ignore")
    rows = []
    t_floor = median_time(lambda: floor(path))
    rows.append(("floor: pandas.read_csv of the 10 files (default dtypes)", t_floor, ""))
    t_floor_obj = median_time(lambda: floor(path, dtype=object))
    rows.append(("floor: pandas.read_csv of the 10 files (dtype=object)", t_floor_obj, ""))
    t_cold = median_time(lambda: load_onet(path, cache=False))
    rows.append(("load_onet(cache=False): cold import", t_cold, f"{t_cold / t_floor:.1f}x floor"))
    with tempfile.TemporaryDirectory() as home:
        tax = load_onet(path, cache=True, data_home=home)  # fills the cache if there is one
        t_warm = median_time(lambda: load_onet(path, cache=True, data_home=home))
        rows.append(("load_onet(cache=True): second and later calls", t_warm,
                     f"{t_warm / t_floor:.1f}x floor"))
    tracemalloc.start()
    load_onet(path, cache=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"O*NET release: {path} -> {tax!r}")
    print(f"{'step':<58} {'seconds':>8}  note")
    for step, seconds, note in rows:
        print(f"{step:<58} {seconds:>8.3f}  {note}")
    print(f"{'peak Python memory of a cold import (tracemalloc)':<58} "
          f"{peak / 2**20:>6.0f} MB")


if __name__ == "__main__":
    main(sys.argv)
