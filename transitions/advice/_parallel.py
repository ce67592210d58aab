"""Run the batch tasks on joblib's active backend: in-process, local processes or a Dask cluster.

The library splits a caseload into tasks (chunks of profiles); joblib runs
them with whatever backend the caller chose (``n_jobs`` processes with the
default backend, or ``joblib.parallel_config(backend="dask")`` under a
``distributed.Client``). Results come back in input order, as a generator,
with a bounded number of tasks in flight, so a caseload larger than memory
streams through.

The advisor's arrays (the *context*, tens of MB on full ESCO) are shared as
follows: on Dask they are scattered once to every worker (``broadcast``) and
each task refers to them by a future; with local processes they are sent
with each task, which is why a task is a chunk of several blocks (the cost
is paid once per chunk, a few percent of its run time).
"""

from __future__ import annotations

import math

from ..exceptions import InvalidParameterError

__all__ = ["run_tasks", "effective_jobs", "chunk_rows"]

#: Blocks per task when the number of profiles is unknown (a stream).
BLOCKS_PER_TASK = 10


def _check_jobs(n_jobs):
    if n_jobs is None:
        return None
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise InvalidParameterError(
            f"n_jobs must be a non-zero integer (1: one process, -1: all cores or all cluster "
            f"workers), got {n_jobs!r}")
    return n_jobs


def effective_jobs(n_jobs):
    """Workers joblib would use for ``n_jobs`` under the active backend (at least 1)."""
    from joblib import effective_n_jobs

    n_jobs = _check_jobs(n_jobs)
    if n_jobs == 1:
        return 1
    return max(1, effective_n_jobs(n_jobs))


def chunk_rows(n_profiles, workers, block_size):
    """Profiles per task: a few tasks per worker, at most ``BLOCKS_PER_TASK`` blocks each."""
    most = BLOCKS_PER_TASK * block_size
    if n_profiles is None or workers <= 1:
        return most
    # Two tasks per worker at least, so that a slow task does not leave a worker idle at the end.
    per_task = math.ceil(n_profiles / (2 * workers))
    return max(1, min(most, per_task))


def _dask_client():
    """The ``distributed.Client`` of the active joblib backend, or None."""
    try:
        from joblib.parallel import get_active_backend
    except ImportError:  # pragma: no cover - joblib always has it
        return None
    backend, _ = get_active_backend()
    return getattr(backend, "client", None)


def run_tasks(func, shared, tasks, *, n_jobs=1, **kwargs):
    """Yield ``func(shared, task, **kwargs)`` for each task, in order.

    Parameters
    ----------
    func : callable
        A module-level function (it is pickled to the workers).
    shared : object
        Sent to each worker once where the backend allows it (Dask), else with
        each task.
    tasks : iterable
        Consumed lazily: at most a few tasks per worker are in flight.
    n_jobs : int, default=1
        1 runs everything here; otherwise joblib's ``n_jobs`` under the active
        backend (``-1``: every core, or every worker of a Dask cluster).
    """
    n_jobs = _check_jobs(n_jobs)
    if n_jobs == 1:
        for task in tasks:
            yield func(shared, task, **kwargs)
        return
    from joblib import Parallel, delayed

    client = _dask_client()
    if client is not None:
        # One copy per worker, not one per task: tasks carry a future of it.
        [shared] = client.scatter([shared], broadcast=True, hash=False)
    parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs")
    yield from parallel(delayed(_call)(func, shared, task, kwargs) for task in tasks)


def _call(func, shared, task, kwargs):
    # On a worker Dask has replaced the future by its value; where joblib runs a task in the
    # calling process instead (a single task), the future is still here: fetch it.
    if type(shared).__name__ == "Future" and hasattr(shared, "result"):
        shared = shared.result()
    return func(shared, task, **kwargs)
