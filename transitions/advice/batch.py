"""Recommendations for a whole caseload: profiles in, one long table out.

The caseload is split into *tasks* (chunks of profiles) by the library.
Each chunk's profiles are parsed and resolved in the calling process (each
distinct occupation string only once, so errors name the row at fault), then
evaluated in blocks of ``block_size`` with the same vectorised code as a
single profile. With ``n_jobs`` other than 1 the tasks run on joblib's active
backend: local processes by default, or a Dask cluster under
``joblib.parallel_config(backend="dask")`` (see :mod:`._parallel`). Results
come back in input order and are identical whatever the backend.

Every worker gets at least one row: its options, or one row whose
``status`` says why there are none (``"no_option"``, ``"no_wage"`` or, with
``errors="skip"``, ``"skipped"`` with the reason in ``explanation``), so a
worker without options can be told from a lost one.

A caseload larger than memory streams: pass a file path (CSV, or Parquet
with ``pyarrow``) as ``profiles`` and one as ``output``; both are read and
written in chunks.

The profile table
-----------------
One row per worker. ``occupation`` is required (an id, an ISCO/SOC code or
a title); the other columns are optional and take the
:class:`~transitions.WorkerProfile` defaults when absent or empty:

``profile_id``, ``occupation``, ``wage``, ``skills``, ``lacking``,
``exclude`` (lists, or strings with ``|`` between ids), ``min_wage_ratio``,
``exclude_at_risk``, ``max_steps``, ``digcomp`` (a dict, or text such as
``3.4=5|1=2``) and/or one column per rated competence or area named
``digcomp_<code>`` (``digcomp_3.4``, ``digcomp_1``). Cells may be text, as in a
file read without type inference (``"12.5"``, ``"true"``, ``"3"``).
``profile_id`` values must be unique (default: the row's index label).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..caseload import count_rows, line_of, read_caseload, write_table
from ..digcomp import AREA_CODES, COMPETENCE_CODES
from ..exceptions import InvalidParameterError, TransitionsError, UnknownSkillError
from ..profile import WorkerProfile, resolve_occupation
from .._i18n import check_lang
from ._parallel import chunk_rows, effective_jobs, run_tasks
from .core import ResolvedBlock, evaluate, resolve_origins, top_pairs
from .effort import band_order
from .options import _DTYPES, OPTION_COLUMNS, TEXT_DTYPE, option_table

__all__ = ["recommend_batch", "iter_recommendations", "count_options", "profiles_from_frame",
           "PROFILE_COLUMNS", "BATCH_COLUMNS", "STATUSES"]

_LIST_COLUMNS = ("skills", "lacking", "exclude")
_SCALAR_COLUMNS = ("profile_id", "occupation", "wage", "min_wage_ratio", "exclude_at_risk",
                   "max_steps", "digcomp")
_DIGCOMP_COLUMNS = tuple(f"digcomp_{c}" for c in AREA_CODES + COMPETENCE_CODES)
#: Columns a profile table may have.
PROFILE_COLUMNS = _SCALAR_COLUMNS + _LIST_COLUMNS + _DIGCOMP_COLUMNS
#: Columns of :func:`recommend_batch` in order.
BATCH_COLUMNS = ("profile_id", "status", *OPTION_COLUMNS)
#: Values of the ``status`` column: an option row, or why a worker has none.
STATUSES = ("option", "no_option", "no_wage", "skipped")
# Integer and boolean option columns are nullable in a batch: a worker without options has none.
_NULLABLE = {c: {np.dtype(bool): "boolean", np.dtype(np.int64): "Int64"}[_DTYPES[c]]
             for c in OPTION_COLUMNS
             if _DTYPES.get(c) in (np.dtype(bool), np.dtype(np.int64))}
_TEXT_COLUMNS = [c for c in OPTION_COLUMNS if _DTYPES.get(c) == TEXT_DTYPE]
_TRUE = {"true", "1", "yes", "ja", "y", "j"}
_FALSE = {"false", "0", "no", "nee", "n"}


def _missing(value):
    if value is None:
        return True
    if isinstance(value, (list, tuple, dict, np.ndarray)):
        return False
    if isinstance(value, str):
        return not value.strip()
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


def _number(value, col, integer=False):
    """A number from a cell that may be text (a file read without type inference)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            num = float(text)
        except ValueError:
            raise InvalidParameterError(f"column {col!r}: {value!r} is not a number") from None
        value = num
    if isinstance(value, (float, np.floating)) and integer and float(value).is_integer():
        return int(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _flag(value, col):
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise InvalidParameterError(
            f"column {col!r}: {value!r} is not true or false (valid: true/false, 1/0, yes/no, ja/nee)")
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool) \
            and value in (0, 1):
        return bool(value)
    return value


def _digcomp_cell(value):
    if isinstance(value, str):
        out = {}
        for part in value.split("|"):
            code, sep, level = part.partition("=")
            if not sep or not code.strip():
                raise InvalidParameterError(
                    f"column 'digcomp': {value!r} is not CODE=LEVEL pairs separated by '|' "
                    f"(e.g. 3.4=5|1=2)")
            out[code.strip()] = _number(level, "digcomp", integer=True)
        return out
    return value


def _row_kwargs(row, dc_cols):
    kwargs = {}
    for col in _SCALAR_COLUMNS[2:]:
        if col in row and not _missing(row[col]):
            kwargs[col] = row[col]
    for col in ("wage", "min_wage_ratio"):
        if col in kwargs:
            kwargs[col] = _number(kwargs[col], col)
    if "max_steps" in kwargs:
        kwargs["max_steps"] = _number(kwargs["max_steps"], "max_steps", integer=True)
    if "exclude_at_risk" in kwargs:
        kwargs["exclude_at_risk"] = _flag(kwargs["exclude_at_risk"], "exclude_at_risk")
    if "digcomp" in kwargs:
        kwargs["digcomp"] = _digcomp_cell(kwargs["digcomp"])
    for col in _LIST_COLUMNS:
        if col in row:
            kwargs[col] = _as_list(row[col])
    rated = {c[len("digcomp_"):]: _number(row[c], c, integer=True)
             for c in dc_cols if not _missing(row[c])}
    if rated:
        kwargs["digcomp"] = {**kwargs.get("digcomp", {}), **rated}
    if "digcomp" in kwargs and isinstance(kwargs["digcomp"], dict):
        kwargs["digcomp"] = {k: _number(v, "digcomp", integer=True)
                             for k, v in kwargs["digcomp"].items()}
    return kwargs


def _occupation_text(value):
    # A code read by a type-inferring reader (2411, 2411.0) is still a code.
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return value


def _check_unique(ids, labels, place, seen=None):
    """Refuse repeated profile ids, naming where each repeat is (``seen`` spans chunks).

    ``labels`` are the rows' labels, ``place(label)`` says where a row is.
    """
    seen = {} if seen is None else seen
    repeats = []
    for pid, label in zip(ids, labels):
        if isinstance(pid, np.generic):
            pid = pid.item()
        if pid in seen:
            repeats.append((pid, seen[pid], label))
        else:
            seen[pid] = label
    if repeats:
        shown = "; ".join(f"{pid!r} at {place(a)} and {place(b)}" for pid, a, b in repeats[:3])
        more = f" (and {len(repeats) - 3} more)" if len(repeats) > 3 else ""
        raise InvalidParameterError(
            f"profile_id must be unique: {len(repeats)} repeated, {shown}{more}; give each "
            f"worker its own id (results are keyed by it)")


def profiles_from_frame(frame, *, seen_ids=None):
    """Turn a profile table (see the module docs) into a list of :class:`WorkerProfile`.

    Parameters
    ----------
    frame : pandas.DataFrame or list of WorkerProfile, dict or str
    seen_ids : dict, optional
        Ids already used by earlier chunks of the same caseload (updated).

    Raises
    ------
    InvalidParameterError
        An unknown column, a bad value or a repeated ``profile_id`` (the
        message names the row, or the file line for a caseload file).
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
            label = frame.index[i]
            pid = row.get("profile_id")
            pid = label if _missing(pid) else pid
            try:
                kwargs = _row_kwargs(row, dc_cols)
                out.append(WorkerProfile(_occupation_text(row["occupation"]), profile_id=pid,
                                         **kwargs))
            except TransitionsError as exc:
                raise type(exc)(f"profile table {line_of(frame, label)} (profile_id {pid!r}): {exc}") from None
        _check_unique([p.profile_id for p in out], list(frame.index),
                      lambda label: line_of(frame, label), seen_ids)
        return out
    return _list_profiles(frame, 0, seen_ids)


def _list_profiles(items, start, seen_ids=None):
    """Profiles of a list; a missing id is the item's position (counted from ``start``)."""
    profiles = []
    for i, p in enumerate(items, start):
        if isinstance(p, WorkerProfile):
            profiles.append(p if p.profile_id is not None else p.replace(profile_id=i))
        elif isinstance(p, dict):
            profiles.append(WorkerProfile.from_dict({"profile_id": i, **p}))
        elif isinstance(p, str):
            profiles.append(WorkerProfile(p, profile_id=i))
        else:
            raise InvalidParameterError(
                f"profiles must be a DataFrame or a list of WorkerProfile, dict or occupation "
                f"string; item {i} is {type(p).__name__}"
            )
    _check_unique([p.profile_id for p in profiles], range(start, start + len(profiles)),
                  lambda i: f"item {i}", seen_ids)
    return profiles


class _Chunk:
    """Resolved profiles of one task (None where skipped) and origins (-1 where skipped)."""

    __slots__ = ("profiles", "origins", "skipped")

    def __init__(self, profiles, origins, skipped):
        self.profiles, self.origins, self.skipped = profiles, origins, skipped

    def __len__(self):
        return len(self.profiles)


def _occupation_key(value):
    """The occupation string a cell gives (as WorkerProfile will read it), or None if empty."""
    value = _occupation_text(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _failure(tax, profile):
    """The error resolving ``profile`` raises (the message and suggestions of the single API)."""
    one = [profile]
    try:
        resolve_origins(tax, one)
    except TransitionsError as exc:
        return exc
    # Only names, not ids, can make a row of a table fail and the profile itself resolve:
    # tables are parsed where the taxonomy is not, so they give skills by id.
    given, ids = list(profile.skills) + list(profile.lacking), \
        list(one[0].skills) + list(one[0].lacking)
    named = [f"{g!r} = {i}" for g, i in zip(given, ids) if g != i]
    return UnknownSkillError(f"a profile table gives skills by id, not by name: {'; '.join(named)}")


def _resolve_piece(tax, piece, cache):
    """Occupation positions of a table piece (-1 where unknown) and the rows that fail.

    Done in the calling process on the *distinct* strings (the titles, codes
    and ids need the taxonomy, which the workers do not get), vectorised over
    the rows; the rows themselves are parsed in the workers.

    Returns
    -------
    origins : int array
    bad : list of int
        Positions whose occupation, skill or excluded-occupation ids are unknown.
    """
    occ = piece["occupation"].map(_occupation_key)
    for text in occ.dropna().unique():
        if text not in cache:
            try:
                cache[text] = int(tax.occupation_index.get_loc(resolve_occupation(tax, text)))
            except TransitionsError:
                cache[text] = -1
    origins = np.array(occ.map(cache).fillna(-1), dtype=np.int64)
    bad = (origins < 0) & occ.notna().to_numpy()
    for col, index in (("skills", tax.skill_index), ("lacking", tax.skill_index),
                       ("exclude", tax.occupation_index)):
        if col not in piece:
            continue
        ids = piece[col].map(_as_list)
        flat = ids.explode().dropna()
        if not len(flat):
            continue
        known = pd.Series(index.get_indexer(flat.astype(str).unique()) >= 0,
                          index=flat.astype(str).unique())
        unknown = ~flat.astype(str).map(known)
        bad[piece.index.get_indexer(unknown[unknown].index.unique())] = True
    return origins, list(np.flatnonzero(bad))


class _Task:
    """What a worker gets: a table piece (parsed there) or profiles, their origins and skips."""

    __slots__ = ("piece", "origins", "skipped")

    def __init__(self, piece, origins, skipped):
        self.piece, self.origins, self.skipped = piece, origins, skipped


def _prepare(advisor, piece, errors):
    """Resolve a piece into a :class:`_Task`; a bad profile raises naming it, or is skipped."""
    tax, cache = advisor.taxonomy, advisor._occ_cache
    if isinstance(piece, pd.DataFrame):
        origins, bad = _resolve_piece(tax, piece, cache)
        skipped = {}
        for pos in bad:
            profile = profiles_from_frame(piece.iloc[pos:pos + 1])[0]
            exc = _failure(tax, profile)
            if errors == "raise":
                err = type(exc)(f"profile table {line_of(piece, piece.index[pos])} "
                                f"(profile_id {profile.profile_id!r}): {exc}")
                err.suggestions = getattr(exc, "suggestions", [])
                raise err from None
            skipped[pos] = str(exc)
            origins[pos] = -1
        return _Task(piece, origins, skipped)
    origins = np.full(len(piece), -1, dtype=np.int64)
    skipped = {}
    for i, p in enumerate(piece):
        try:
            one = [p]        # resolve_origins puts the profile with skill ids in the list
            origins[i] = resolve_origins(tax, one, cache)[0]
            if one[0] is not p and isinstance(piece, list):
                piece[i] = one[0]
        except TransitionsError as exc:
            if errors == "raise":
                err = type(exc)(f"profile {p.profile_id!r}: {exc}")
                err.suggestions = getattr(exc, "suggestions", [])
                raise err from None
            skipped[i] = str(exc)
    return _Task(piece, origins, skipped)


def _chunk(task):
    """In the worker: the task's profiles parsed, as a :class:`_Chunk`."""
    piece = task.piece
    profiles = profiles_from_frame(piece) if isinstance(piece, pd.DataFrame) else piece
    return _Chunk(profiles, task.origins, task.skipped)


def _source(profiles, chunk):
    """The caseload as pieces of at most ``chunk`` profiles (DataFrames or lists), lazily."""
    if isinstance(profiles, (str, Path)):
        profiles = read_caseload(profiles, chunksize=chunk)
    if isinstance(profiles, pd.DataFrame) or isinstance(profiles, (list, tuple)):
        for s in range(0, len(profiles), chunk):
            yield profiles.iloc[s:s + chunk] if isinstance(profiles, pd.DataFrame) \
                else profiles[s:s + chunk]
        return
    for piece in profiles:  # an iterable of DataFrames (e.g. read_caseload(..., chunksize=))
        if not isinstance(piece, pd.DataFrame):
            raise InvalidParameterError(
                f"profiles must be a DataFrame, a list, a caseload file path or an iterable of "
                f"DataFrames; got an iterable of {type(piece).__name__}")
        for s in range(0, len(piece), chunk):
            yield piece.iloc[s:s + chunk]


def _frame_ids(piece):
    """The profile ids a table piece will have (its ``profile_id``, else the index label)."""
    labels = list(piece.index)
    if "profile_id" not in piece:
        return labels
    return [label if _missing(v) else v for v, label in zip(piece["profile_id"].tolist(), labels)]


def _tasks(advisor, profiles, chunk, errors):
    """The tasks of a caseload: table pieces (parsed in the workers) or lists of profiles.

    The profile ids are checked for repeats here, across the whole caseload.
    """
    seen, done = {}, 0
    for piece in _source(profiles, chunk):
        if isinstance(piece, pd.DataFrame):
            unknown = [c for c in piece.columns if c not in PROFILE_COLUMNS]
            if unknown or "occupation" not in piece:
                profiles_from_frame(piece.iloc[:0])  # raises the message naming them
            _check_unique(_frame_ids(piece), list(piece.index), lambda r: line_of(piece, r),
                          seen)
        else:
            piece = _list_profiles(piece, done, seen)
        done += len(piece)
        yield _prepare(advisor, piece, errors)


def _skipped(table):
    return table.loc[table["status"] == "skipped", ["profile_id", "explanation"]]


def _warn_skipped(bad):
    if bad:
        warnings.warn(f"{len(bad)} profile(s) skipped, e.g. {bad[:3]}", UserWarning, stacklevel=3)


def _plan(advisor, profiles, n_jobs, block_size, chunk_size):
    from .advisor import _check_n

    _check_n(block_size, "block_size")
    jobs = advisor.n_jobs if n_jobs is None else n_jobs
    workers = effective_jobs(jobs)
    if chunk_size is None:
        if isinstance(profiles, (pd.DataFrame, list, tuple)):
            size = len(profiles)
        elif isinstance(profiles, (str, Path)):
            size = count_rows(profiles)  # cheap: newlines, or the Parquet footer
        else:
            size = None
        chunk_size = chunk_rows(size, workers, block_size)
    else:
        chunk_size = _check_n(chunk_size, "chunk_size")
    return jobs, chunk_size


def _blocks(ctx, chunk, block_size):
    """(start, ResolvedBlock, positions) for the resolved profiles of a chunk, block by block."""
    keep = np.flatnonzero(chunk.origins >= 0)
    for s in range(0, len(keep), block_size):
        pos = keep[s:s + block_size]
        block = ResolvedBlock(ctx, [chunk.profiles[i] for i in pos], chunk.origins[pos])
        yield block, pos


def _options_task(ctx, task, *, block_size, criteria, n, lang, explain):
    """The batch table of one task: options, or one status row per worker without any."""
    chunk = _chunk(task)
    parts, order = [], []
    has_option = np.zeros(len(chunk), dtype=bool)
    wage_known = np.zeros(len(chunk), dtype=bool)
    for block, pos in _blocks(ctx, chunk, block_size):
        ev = evaluate(ctx, block, criteria)
        p, d, rank = top_pairs(ctx, ev, n)
        table = option_table(ctx, block, ev, p, d, rank, lang=lang, explain=explain)
        has_option[pos[p]] = True
        wage_known[pos] = np.isfinite(block.worker_wage)
        table.insert(0, "status", "option")
        parts.append(table)
        order.append(pos[p])
    empty = np.flatnonzero(~has_option)
    status = np.where(wage_known[empty], "no_option", "no_wage").astype(object)
    reason = np.full(len(empty), None, dtype=object)
    for k, i in enumerate(empty):
        if i in chunk.skipped:
            status[k], reason[k] = "skipped", chunk.skipped[i]
    parts.append(pd.DataFrame({"status": status, "explanation": reason}))
    order.append(empty)
    out = pd.concat([_nullable(t) for t in parts], ignore_index=True)
    pos = np.concatenate(order)
    out = out.iloc[np.argsort(pos, kind="stable")].reset_index(drop=True)
    ids = np.array([chunk.profiles[i].profile_id for i in np.sort(pos)], dtype=object)
    out.insert(0, "profile_id", ids)
    return out[list(BATCH_COLUMNS)]


def _nullable(table):
    table = table.reindex(columns=["status", *OPTION_COLUMNS])
    for col, dtype in _NULLABLE.items():
        table[col] = table[col].astype(dtype)
    table["effort_band"] = table["effort_band"].astype(band_order())
    for col in _TEXT_COLUMNS:
        table[col] = table[col].astype(TEXT_DTYPE)
    return table


def iter_recommendations(advisor, profiles, *, n=10, lang="en", explain=False, n_jobs=None,
                         block_size=1000, chunk_size=None, errors="raise", **criteria):
    """The rows of :func:`recommend_batch`, one chunk of workers at a time, in input order.

    Takes the parameters of :func:`recommend_batch` (without ``output``). Use
    it to stream a large caseload into your own sink.

    Yields
    ------
    pandas.DataFrame
        The :data:`BATCH_COLUMNS` of the next chunk's workers.

    Examples
    --------
    >>> from transitions import Advisor
    >>> from transitions.advice.batch import iter_recommendations
    >>> adv = Advisor.from_sample()
    >>> chunks = iter_recommendations(adv, ["boekhouder", "occ-cashier"], n=2, chunk_size=1)
    >>> [sorted(set(c["profile_id"])) for c in chunks]
    [[0], [1]]
    """
    check_lang(lang)
    from .advisor import _check_n

    n = _check_n(n)
    _check_common(errors)
    crit = advisor._criteria(**criteria)
    jobs, chunk = _plan(advisor, profiles, n_jobs, block_size, chunk_size)
    skipped = []
    tasks = _tasks(advisor, profiles, chunk, errors)
    for table in run_tasks(_options_task, advisor._ctx, tasks, n_jobs=jobs,
                           block_size=block_size, criteria=crit, n=n, lang=lang,
                           explain=explain):
        if errors == "skip":
            bad = _skipped(table)
            skipped.extend(f"{i!r}: {m}" for i, m in zip(bad["profile_id"], bad["explanation"]))
        yield table
    _warn_skipped(skipped)


def _check_common(errors):
    if errors not in ("raise", "skip"):
        raise InvalidParameterError(f"errors must be 'raise' or 'skip', got {errors!r}")


def recommend_batch(advisor, profiles, *, n=10, lang="en", explain=False, n_jobs=None,
                    block_size=1000, chunk_size=None, errors="raise", output=None, **criteria):
    """Good options for many profiles at once.

    Parameters
    ----------
    advisor : Advisor
    profiles : pandas.DataFrame, list, path or iterable of DataFrames
        A profile table (see the module docs), a list of
        :class:`WorkerProfile`, dicts or occupation strings, the path of a
        caseload file (CSV, or Parquet with ``pyarrow``; every cell read as
        text, in chunks), or an iterable of profile tables (chunks).
    n : int or None, default=10
        Options per profile.
    lang : {"en", "nl"}, default="en"
    explain : bool, default=False
        Write the one-line explanations (slower on large batches).
    n_jobs : int, optional
        Workers under joblib's active backend: processes by default, the
        workers of a Dask cluster inside ``joblib.parallel_config(backend="dask")``
        (``-1``: all). Default the advisor's ``n_jobs``.
    block_size : int, default=1000
        Profiles evaluated together (memory ~ block_size x occupations x 40 bytes).
    chunk_size : int, optional
        Profiles per task (several blocks). Default: two tasks per worker at
        least, at most 10 blocks each.
    errors : {"raise", "skip"}, default="raise"
        What to do with a profile whose occupation or skills are unknown:
        raise naming it, or give it a ``"skipped"`` row (reason in
        ``explanation``) and a warning.
    output : str or path-like, optional
        Write the rows to this CSV or Parquet file (by extension) chunk by
        chunk instead of returning them; the file appears when complete.
    **criteria
        ``max_gap_months``, ``min_carried``, ``min_carried_share``,
        ``min_similarity``, ``in_demand_only``: the good-option thresholds for
        this call (default the advisor's).

    Returns
    -------
    pandas.DataFrame or pandas.Series
        Without ``output``: the :data:`BATCH_COLUMNS` — ``profile_id`` (the
        table's column, else its index; the list position for lists),
        ``status`` and the columns of :meth:`Advisor.recommend`, one row per
        (profile, option) by profile in input order then rank; a worker
        without options has one row with ``status`` ``"no_option"``,
        ``"no_wage"`` (neither their own nor their occupation's wage is known,
        so no option can be claimed salary-neutral) or ``"skipped"``, and
        empty option columns. The integer and boolean columns (``rank``,
        ``n_missing``, ``at_risk``...) are nullable for those rows.
        With ``output``: the number of ``workers`` and ``rows`` written and
        the workers per status.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions import Advisor
    >>> adv = Advisor.from_sample()
    >>> caseload = pd.DataFrame({"profile_id": ["a", "b"],
    ...                          "occupation": ["boekhouder", "occ-cashier"],
    ...                          "digcomp_3": [2, None]})
    >>> out = adv.recommend_batch(caseload, n=3)
    >>> sorted(set(out["profile_id"]))
    ['a', 'b']
    >>> set(out["status"]) <= {"option", "no_option", "no_wage"}
    True
    """
    chunks = iter_recommendations(advisor, profiles, n=n, lang=lang, explain=explain,
                                  n_jobs=n_jobs, block_size=block_size, chunk_size=chunk_size,
                                  errors=errors, **criteria)
    if output is None:
        parts = list(chunks)
        if not parts:
            return _nullable(pd.DataFrame(columns=["status", *OPTION_COLUMNS])).assign(
                profile_id=pd.Series(dtype=object))[list(BATCH_COLUMNS)]
        return pd.concat(parts, ignore_index=True)
    tally = {"workers": 0, "rows": 0, **dict.fromkeys(STATUSES, 0)}

    def counted(parts):
        for part in parts:
            first = ~part["profile_id"].duplicated()
            tally["workers"] += int(first.sum())
            tally["rows"] += len(part)
            for status, k in part.loc[first, "status"].value_counts().items():
                tally[status] += int(k)
            yield part

    write_table(counted(chunks), output)
    return pd.Series(tally, name=str(output))


def _count_task(ctx, task, *, block_size, criteria):
    chunk = _chunk(task)
    wages, known, counts = [], [], []
    for block, _ in _blocks(ctx, chunk, block_size):
        ev = evaluate(ctx, block, criteria[0])
        counts.append(np.stack([(ev["allowed"] & c.reachable(ev["carried"], ev["months"],
                                                             ctx.n_essential[None, :],
                                                             ev["similarity"])).sum(axis=1)
                                for c in criteria], axis=1))
        wages.append(block.worker_wage)
        known.append(block.worker_wage_from_profile)
    keep = chunk.origins >= 0
    skipped = [f"{chunk.profiles[i].profile_id!r}: {m}" for i, m in chunk.skipped.items()]
    return ([p.profile_id for p, k in zip(chunk.profiles, keep) if k], chunk.origins[keep],
            np.concatenate(wages) if wages else np.empty(0),
            np.concatenate(counts) if counts else np.empty((0, len(criteria)), np.int64),
            skipped)


def count_options(advisor, profiles, *, max_gap_months=None, n_jobs=None, block_size=1000,
                  chunk_size=None, errors="raise", **criteria):
    """Number of good options per profile.

    Parameters
    ----------
    advisor : Advisor
    profiles : pandas.DataFrame, list, path or iterable of DataFrames
        As in :func:`recommend_batch`.
    max_gap_months : float or list of float, optional
        One bound on the months of learning (default the advisor's) or
        several: one count column each.
    n_jobs, block_size, chunk_size, errors
        As in :func:`recommend_batch` (skipped profiles get no row here; a
        warning counts them).
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
    if many and not len(max_gap_months):
        raise InvalidParameterError("max_gap_months: an empty list; give one bound or more")
    _check_common(errors)
    base = advisor._criteria(**criteria)
    crits = ([base.replace(max_gap_months=m) for m in max_gap_months] if many
             else [base.replace(max_gap_months=max_gap_months)])
    jobs, chunk = _plan(advisor, profiles, n_jobs, block_size, chunk_size)
    parts = list(run_tasks(_count_task, advisor._ctx, _tasks(advisor, profiles, chunk, errors),
                           n_jobs=jobs, block_size=block_size, criteria=crits))
    _warn_skipped([m for part in parts for m in part[4]])
    ctx = advisor._ctx
    ids = [i for part in parts for i in part[0]]
    origins = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, np.int64)
    wage = np.concatenate([p[2] for p in parts]) if parts else np.empty(0)
    counts = (np.concatenate([p[3] for p in parts]) if parts
              else np.empty((0, len(crits)), dtype=np.int64))
    out = pd.DataFrame({
        "profile_id": ids,
        "occupation_id": ctx.occupation_ids[origins],
        "worker_wage": wage,
        "wage_known": np.isfinite(wage),
    })
    if many:
        for j, c in enumerate(crits):
            out[f"n_options@{c.max_gap_months:g}"] = counts[:, j].astype(np.int64)
    else:
        out["n_options"] = counts[:, 0].astype(np.int64)
    return out
