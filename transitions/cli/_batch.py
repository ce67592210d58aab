"""``advise --batch``: a caseload file in, one row per worker and option out, streamed.

The caseload is read in chunks with every cell as text (ids such as ``007``
stay as written), evaluated in parallel tasks (``--jobs`` processes, or the
workers of a Dask cluster with ``--scheduler``) and written chunk by chunk,
so a caseload larger than memory goes through; only ``--format table`` and
``json`` gather the rows first.
"""

from __future__ import annotations

import contextlib
import sys

import click

from ._output import emit_table, progress, render
from ._text import localise, text

__all__ = ["advise_batch", "scheduler_option"]

_BLOCK = 1000
_TABLE_COLUMNS = ["profile_id", "status", "rank", "label", "n_carried", "wage_ratio",
                  "n_missing", "effort_band"]


def scheduler_option(func):
    return click.option(
        "--scheduler", metavar="ADDRESS", envvar="TRANSITIONS_SCHEDULER",
        help="With --batch: run on the Dask cluster whose scheduler is at ADDRESS "
        "(e.g. tcp://10.0.0.5:8786; needs the 'distributed' extra). --jobs then defaults to "
        "all of its workers (env TRANSITIONS_SCHEDULER).")(func)


@contextlib.contextmanager
def _backend(scheduler):
    """joblib's Dask backend on the cluster at ``scheduler``, or nothing."""
    if not scheduler:
        yield
        return
    try:
        from distributed import Client
    except ImportError:
        raise click.UsageError(
            "--scheduler needs Dask's distributed package: pip install 'job-transitions[distributed]'"
        ) from None
    import joblib

    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise click.BadParameter(f"cannot reach a Dask scheduler at {scheduler!r} ({exc})",
                                 param_hint="'--scheduler'") from None
    with client, joblib.parallel_config(backend="dask"):
        yield


def advise_batch(session, path, top, fmt, output, jobs, scheduler=None, criteria=None):
    """Options for every worker of the caseload at ``path``, with a progress bar."""
    from ..advice._parallel import chunk_rows, effective_jobs
    from ..advice.batch import iter_recommendations
    from ..caseload import count_rows, table_format, write_table
    from ..exceptions import TransitionsError

    advisor = session.advisor
    if jobs is None:
        jobs = -1 if scheduler else 1
    try:
        total = count_rows(path) or 0  # None: not countable here; the reader names the defect
    except (OSError, TransitionsError):
        total = 0
    with _backend(scheduler), progress(length=total, label=text(session.lang, "batch_label")) as bar:
        # Tasks sized from the file's row count, so a small caseload still spreads over --jobs.
        chunk = chunk_rows(total or None, effective_jobs(jobs), _BLOCK)
        chunks = _followed(iter_recommendations(advisor, path, n=top, lang=session.lang,
                                                n_jobs=jobs, block_size=_BLOCK,
                                                chunk_size=chunk, **(criteria or {})), bar)
        if fmt == "csv" and output is not None and str(output) != "-":
            # Lists joined with "|" and formula cells neutralised, as render() does for stdout.
            write_table(chunks, output, fmt=table_format(output))
            return
        if fmt == "csv":
            header = True
            for chunk in chunks:
                out = render(chunk, "csv")
                sys.stdout.write(out if header else out.split("\n", 1)[1])
                header = False
            return
        import pandas as pd

        result = pd.concat(list(chunks), ignore_index=True)
    if fmt == "table":
        result = localise(result[_TABLE_COLUMNS], session.lang)
    emit_table(result, fmt, output, lang=session.lang)


def _followed(chunks, bar):
    for chunk in chunks:
        bar.update(int(chunk["profile_id"].nunique()))
        yield chunk
