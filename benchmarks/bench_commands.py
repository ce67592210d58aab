"""Benchmark: how long a coach waits for one command, as whole processes.

Each command runs in a fresh process, the way a coach or a script runs it, on full ESCO
v1.1.1 with the Dutch labels and the Dutch labour market imported into a data home
(``transitions data import``), *warm*: after a first run, so the data home holds the
taxonomy and the derived data (title index, market and risk tables, graph arrays) and
Python its compiled modules. Wall-clock time and CPU time (user + system) are the medians of
``--repeat`` runs. The floor is ``python -c "import pandas, numpy"``: what most commands
need. Each target command's own floor is printed too: ``search`` needs only numpy and click
(it reads the stored title index and prints its table without pandas), ``advise`` needs
pandas, numpy, scipy.sparse and click.

Targets (issue 12): ``search`` <= 0.6 s and ``advise`` <= 1.2 s per call on a quiet machine.
The machine is shared: the load average is printed beside the figures, and times measured
under load are upper bounds.

Usage::

    python benchmarks/bench_commands.py [DATA_FOLDER] [--repeat 5] [--data-home DIR]
        [--write docs/benchmarks/commands.md]

``DATA_FOLDER`` defaults to ``$TRANSITIONS_TEST_DATA``. Without ``--data-home`` a new one
is made and the data imported into it first (not timed).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGETS = {"search": 0.6, "advise": 1.2}


def commands():
    exe = shutil.which("transitions") or f"{sys.executable} -m transitions"
    py = sys.executable
    return [
        ("floor: import pandas, numpy", [py, "-c", "import pandas, numpy"], None),
        # what each target command cannot do without: search reads the stored title index
        # with numpy and prints without pandas; advise builds DataFrames and sparse matrices
        ("floor of search: import numpy, click", [py, "-c", "import numpy, click"], None),
        ("floor of advise: import pandas, numpy, scipy.sparse, click",
         [py, "-c", "import pandas, numpy, scipy.sparse, click"], None),
        ("import transitions", [py, "-c", "import transitions"], None),
        ("search", [*exe.split(), "search", "--data", "esco", "kassière"], "search"),
        ("skills search", [*exe.split(), "skills", "search", "--data", "esco", "SQL"], None),
        ("advise", [*exe.split(), "advise", "--data", "esco", "--occupation", "kassière",
                    "--skill", "SQL", "--skill", "software voor spreadsheets gebruiken"],
         "advise"),
    ]


def run(cmd, env):
    """(wall seconds, cpu seconds) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=os.environ.get("TRANSITIONS_TEST_DATA"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data-home", type=Path)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args(argv)
    env = dict(os.environ)
    # Compiled modules as an installed package has them (some environments switch writing
    # them off); kept outside the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "transitions-bench-pyc")
    env.pop("TRANSITIONS_LANG", None)
    home = args.data_home
    if home is None:
        if not args.data:
            sys.exit("give the data folder or set TRANSITIONS_TEST_DATA (or --data-home)")
        home = Path(tempfile.mkdtemp(prefix="transitions-bench-"))
        root = Path(args.data)
        env["TRANSITIONS_DATA"] = str(home)
        exe = (shutil.which("transitions") or f"{sys.executable} -m transitions").split()
        subprocess.run([*exe, "data", "import", "esco", str(root / "esco" / "v1.1.1"),
                        "--labels", f"nl={root / 'esco' / 'nl'}"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([*exe, "data", "import", "labour", str(root)], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env["TRANSITIONS_DATA"] = str(home)
    rows = []
    load_before = os.getloadavg()
    for name, cmd, target in commands():
        run(cmd, env)  # warm: data home and compiled modules
        times = [run(cmd, env) for _ in range(args.repeat)]
        rows.append((name, statistics.median(t[0] for t in times),
                     statistics.median(t[1] for t in times), target))
    load_after = os.getloadavg()
    floor_wall, floor_cpu = rows[0][1], rows[0][2]
    lines = [
        "# Command timings: one process per call",
        "",
        f"Measured {_dt.date.today().isoformat()} on {platform.machine()} ({os.cpu_count()} "
        f"cores), Python {platform.python_version()}; full ESCO v1.1.1 with the Dutch labels "
        f"and the Dutch labour market, warm; median of {args.repeat} runs; "
        f"`python benchmarks/bench_commands.py`. Load average (1, 5, 15 min) before "
        f"{load_before[0]:.2f}, {load_before[1]:.2f}, {load_before[2]:.2f}, after "
        f"{load_after[0]:.2f}, {load_after[1]:.2f}, {load_after[2]:.2f} (2 cores: above 2 "
        f"the times are upper bounds).",
        "",
        "| command | wall (s) | CPU (s) | wall minus floor (s) | target (s) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, wall, cpu, target in rows:
        extra = "" if name.startswith("floor") else f"{wall - floor_wall:.2f}"
        goal = f"{TARGETS[target]:.1f}" if target else ""
        lines.append(f"| {name} | {wall:.2f} | {cpu:.2f} | {extra} | {goal} |")
    lines += ["", f"Floor: wall {floor_wall:.2f} s, CPU {floor_cpu:.2f} s."]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
