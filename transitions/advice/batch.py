"""Recommendations for a whole caseload: a DataFrame of profiles in, one long table out.

Profiles are resolved once in the calling process (each distinct occupation
string only once, so errors name the row at fault), then evaluated in blocks
of ``block_size`` with the same vectorised code as a single profile; with
``n_jobs`` other than 1 the blocks are shared out over joblib worker
processes, which receive the advisor's arrays, not its source tables.

The profile table
-----------------
One row per worker. ``occupation`` is required; the other columns are
optional and take the :class:`~transitions.WorkerProfile` defaults when
absent or empty:

``profile_id``, ``occupation``, ``wage``, ``skills``, ``lacking``,
``exclude`` (lists, or strings with ``|`` between ids), ``min_wage_ratio``,
``exclude_at_risk``, ``max_steps``, ``digcomp`` (a dict) and/or one column per
rated competence or area named ``digcomp_<code>`` (``digcomp_3.4``, ``digcomp_1``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..digcomp import AREA_CODES, COMPETENCE_CODES
from ..exceptions import InvalidParameterError, TransitionsError
from ..profile import WorkerProfile
from ..taxonomy import _check_lang
from .core import ResolvedBlock, evaluate, resolve_origins, top_pairs
from .options import OPTION_COLUMNS, option_table

__all__ = ["recommend_batch", "count_options", "profiles_from_frame", "PROFILE_COLUMNS"]

_LIST_COLUMNS = ("skills", "lacking", "exclude")
_SCALAR_COLUMNS = ("profile_id", "occupation", "wage", "min_wage_ratio", "exclude_at_risk",
                   "max_steps", "digcomp")
_DIGCOMP_COLUMNS = tuple(f"digcomp_{c}" for c in AREA_CODES + COMPETENCE_CODES)
#: Columns a profile table may have.
PROFILE_COLUMNS = _SCALAR_COLUMNS + _LIST_COLUMNS + _DIGCOMP_COLUMNS


def _missing(value):
    if value is None:
        return True
    if isinstance(value, (list, tuple, dict, np.ndarray)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_list(value):
    if _missing(value):
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split("|") if v.strip())
    return tuple(value)


def profiles_from_frame(frame):
    """Turn a profile table (see the module docs) into a list of :class:`WorkerProfile`.

    Raises
    ------
    InvalidParameterError
        An unknown column, or a bad value (the message names the row).
    """
    if isinstance(frame, pd.DataFrame):
        unknown = [c for c in frame.columns if c not in PROFILE_COLUMNS]
        if unknown:
            raise InvalidParameterError(
                f"profile table: unknown column(s) {unknown}; valid: occupation, profile_id, "
                f"wage, skills, lacking, exclude, min_wage_ratio, exclude_at_risk, max_steps, "
                f"digcomp, digcomp_<code> (e.g. digcomp_3.4 or digcomp_1)"
            )
        if "occupation" not in frame:
            raise InvalidParameterError("profile table needs an 'occupation' column")
        dc_cols = [c for c in frame.columns if c in _DIGCOMP_COLUMNS]
        out = []
        for i, row in enumerate(frame.to_dict("records")):
            kwargs = {}
            for col in _SCALAR_COLUMNS[2:]:
                if col in row and not _missing(row[col]):
                    kwargs[col] = row[col]
            for col in _LIST_COLUMNS:
                if col in row:
                    kwargs[col] = _as_list(row[col])
            rated = {c[len("digcomp_"):]: row[c] for c in dc_cols if not _missing(row[c])}
            if rated:
                kwargs["digcomp"] = {**kwargs.get("digcomp", {}), **rated}
            if isinstance(kwargs.get("max_steps"), float) and kwargs["max_steps"].is_integer():
                kwargs["max_steps"] = int(kwargs["max_steps"])
            if "digcomp" in kwargs:
                kwargs["digcomp"] = {k: (int(v) if isinstance(v, float) and v.is_integer() else v)
                                     for k, v in kwargs["digcomp"].items()}
            pid = row.get("profile_id")
            pid = frame.index[i] if _missing(pid) else pid
            try:
                out.append(WorkerProfile(row["occupation"], profile_id=pid, **kwargs))
            except TransitionsError as exc:
                raise type(exc)(f"profile table row {i} (profile_id {pid!r}): {exc}") from None
        return out
    profiles = []
    for i, p in enumerate(frame):
        if isinstance(p, WorkerProfile):
            profiles.append(p if p.profile_id is not None else p.replace(profile_id=i))
        elif isinstance(p, dict):
            profiles.append(WorkerProfile.from_dict({"profile_id": i, **p}))
        elif isinstance(p, str):
            profiles.append(WorkerProfile(p, profile_id=i))
        else:
            raise InvalidParameterError(
                f"profiles must be a DataFrame or a list of WorkerProfile, dict or occupation "
                f"string; item {i} is "
                f"{type(p).__name__}"
            )
    return profiles


def _resolve_all(advisor, profiles, errors):
    """Origins of every profile; bad ones raise (errors="raise") or are dropped with a warning."""
    tax = advisor.taxonomy
    cache = advisor._occ_cache
    if errors == "raise":
        try:
            return profiles, resolve_origins(tax, profiles, cache)
        except TransitionsError:
            pass  # find the row to name it
        for i, p in enumerate(profiles):
            try:
                resolve_origins(tax, [p], cache)
            except TransitionsError as exc:
                err = type(exc)(f"profile {i} (profile_id {p.profile_id!r}): {exc}")
                if hasattr(exc, "suggestions"):
                    err.suggestions = exc.suggestions
                raise err from None
    kept, origins, bad = [], [], []
    for p in profiles:
        try:
            origins.append(resolve_origins(tax, [p], cache)[0])
            kept.append(p)
        except TransitionsError as exc:
            bad.append(f"{p.profile_id!r}: {exc}")
    if bad:
        warnings.warn(f"{len(bad)} profile(s) skipped, e.g. {bad[:3]}", UserWarning, stacklevel=3)
    return kept, np.asarray(origins, dtype=np.int64)


def _parallel(advisor, func, profiles, origins, block_size, n_jobs, **kwargs):
    """Run ``func(ctx, profiles, origins, **kwargs)`` over blocks, in parallel when asked."""
    ctx = advisor._ctx
    n_jobs = advisor.n_jobs if n_jobs is None else n_jobs
    starts = list(range(0, len(profiles), block_size))
    if n_jobs == 1 or len(starts) <= 1:
        return [func(ctx, profiles[s:s + block_size], origins[s:s + block_size], **kwargs)
                for s in starts]
    from joblib import Parallel, delayed, effective_n_jobs

    workers = min(effective_n_jobs(n_jobs), len(starts))
    # One task per worker: the context is shipped once per worker, not once per block.
    groups = [starts[w::workers] for w in range(workers)]

    parts = Parallel(n_jobs=workers)(delayed(_run_group)(func, ctx, profiles, origins, g,
                                                         block_size, kwargs) for g in groups)
    by_start = {s: r for g, rs in zip(groups, parts) for s, r in zip(g, rs)}
    return [by_start[s] for s in starts]


def _run_group(func, ctx, profiles, origins, group, block_size, kwargs):
    return [func(ctx, profiles[s:s + block_size], origins[s:s + block_size], **kwargs)
            for s in group]


def _options_block(ctx, profiles, origins, *, criteria, n, lang, explain):
    block = ResolvedBlock(ctx, profiles, origins)
    ev = evaluate(ctx, block, criteria)
    p, d, rank = top_pairs(ctx, ev, n)
    table = option_table(ctx, block, ev, p, d, rank, lang=lang, explain=explain)
    ids = np.array([pr.profile_id for pr in profiles], dtype=object)
    table.insert(0, "profile_id", ids[p])
    return table


def _check_common(block_size, errors):
    from .advisor import _check_n

    _check_n(block_size, "block_size")
    if errors not in ("raise", "skip"):
        raise InvalidParameterError(f"errors must be 'raise' or 'skip', got {errors!r}")


def recommend_batch(advisor, profiles, *, n=10, lang="en", explain=False, n_jobs=None,
                    block_size=1000, errors="raise", **criteria):
    """Good options for many profiles at once.

    Parameters
    ----------
    advisor : Advisor
    profiles : pandas.DataFrame or list of WorkerProfile, dict or str
        See the module docs for the table's columns; a string is an occupation.
    n : int or None, default=10
        Options per profile.
    lang : {"en", "nl"}, default="en"
    explain : bool, default=False
        Write the one-line explanations (slower on large batches).
    n_jobs : int, optional
        joblib processes; default the advisor's ``n_jobs``.
    block_size : int, default=1000
        Profiles evaluated together (memory ~ block_size x occupations x 40 bytes).
    errors : {"raise", "skip"}, default="raise"
        What to do with a profile whose occupation or skills are unknown:
        raise naming it, or skip it with a warning.
    **criteria
        ``max_gap_months``, ``min_carried``, ``min_carried_share``,
        ``min_similarity``, ``in_demand_only``: the good-option thresholds for
        this call (default the advisor's).

    Returns
    -------
    pandas.DataFrame
        ``profile_id`` (the table's column, else its index; the list position
        for lists) followed by the columns of :meth:`Advisor.recommend`, one
        row per (profile, option), by profile in input order then rank.
        Profiles without a known wage (neither their own nor their
        occupation's) get no options; :func:`count_options` reports them.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions import Advisor
    >>> adv = Advisor.from_sample()
    >>> caseload = pd.DataFrame({"profile_id": ["a", "b"],
    ...                          "occupation": ["boekhouder", "occ-cashier"],
    ...                          "digcomp_3": [2, None]})
    >>> out = adv.recommend_batch(caseload, n=3)
    >>> set(out["profile_id"]) <= {"a", "b"}
    True
    """
    _check_lang(lang)
    from .advisor import _check_n

    n = _check_n(n)
    _check_common(block_size, errors)
    crit = advisor._criteria(**criteria)
    profiles = profiles_from_frame(profiles)
    profiles, origins = _resolve_all(advisor, profiles, errors)
    parts = _parallel(advisor, _options_block, profiles, origins, block_size, n_jobs,
                      criteria=crit, n=n, lang=lang, explain=explain)
    if not parts:
        return pd.DataFrame(columns=["profile_id", *OPTION_COLUMNS])
    return pd.concat(parts, ignore_index=True)


def _count_block(ctx, profiles, origins, *, criteria):
    block = ResolvedBlock(ctx, profiles, origins)
    ev = evaluate(ctx, block, criteria[0])
    counts = np.stack([(ev["allowed"] & c.reachable(ev["carried"], ev["months"],
                                                    ctx.n_essential[None, :], ev["similarity"])
                        ).sum(axis=1) for c in criteria], axis=1)
    return block.worker_wage, block.worker_wage_from_profile, counts


def count_options(advisor, profiles, *, max_gap_months=None, n_jobs=None, block_size=1000,
                  errors="raise", **criteria):
    """Number of good options per profile.

    Parameters
    ----------
    advisor : Advisor
    profiles : pandas.DataFrame or list of WorkerProfile or dict
    max_gap_months : float or list of float, optional
        One bound on the months of learning (default the advisor's) or
        several: one count column each.
    n_jobs, block_size, errors
        As in :func:`recommend_batch`.
    **criteria
        The other good-option thresholds (``min_carried``, ...), as in
        :func:`recommend_batch`.

    Returns
    -------
    pandas.DataFrame
        One row per profile in input order: ``profile_id``, ``occupation_id``,
        ``worker_wage``, ``wage_known`` (False: no wage, so no options can be
        claimed salary-neutral) and ``n_options``, or with several bounds
        one column ``n_options@<months>`` each.

    Examples
    --------
    >>> from transitions import Advisor
    >>> adv = Advisor.from_sample()
    >>> adv.count_options(["occ-bookkeeper", "occ-cashier"]).columns.tolist()
    ['profile_id', 'occupation_id', 'worker_wage', 'wage_known', 'n_options']
    """
    many = isinstance(max_gap_months, (list, tuple, np.ndarray))
    _check_common(block_size, errors)
    base = advisor._criteria(**criteria)
    crits = ([base.replace(max_gap_months=m) for m in max_gap_months] if many
             else [base.replace(max_gap_months=max_gap_months)])
    profiles = profiles_from_frame(profiles)
    profiles, origins = _resolve_all(advisor, profiles, errors)
    parts = _parallel(advisor, _count_block, profiles, origins, block_size, n_jobs,
                      criteria=crits)
    ctx = advisor._ctx
    wage = np.concatenate([w for w, _, _ in parts]) if parts else np.empty(0)
    counts = (np.concatenate([c for _, _, c in parts]) if parts
              else np.empty((0, len(crits)), dtype=np.int64))
    out = pd.DataFrame({
        "profile_id": [p.profile_id for p in profiles],
        "occupation_id": ctx.occupation_ids[origins],
        "worker_wage": wage,
        "wage_known": np.isfinite(wage),
    })
    if many:
        for j, c in enumerate(crits):
            out[f"n_options@{c.max_gap_months:g}"] = counts[:, j].astype(np.int64)
    else:
        out["n_options"] = counts[:, 0].astype(np.int64) if len(counts) else np.empty(0, np.int64)
    return out
