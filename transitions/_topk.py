"""Deterministic top-k selection per row (ties broken by column order)."""

from __future__ import annotations

import numpy as np

__all__ = ["top_k"]


def top_k(scores, k, excluded=None):
    """Column positions of each row's ``k`` best scores, best first.

    Ties keep column order (so callers that want ties broken by id pass the
    columns in id order). NaN and excluded cells rank last and are flagged
    invalid.

    Returns
    -------
    order : ndarray of int, shape (n_rows, min(k, n_cols))
    valid : ndarray of bool, same shape (False where the cell was NaN/excluded/-inf)

    Examples
    --------
    >>> import numpy as np
    >>> order, valid = top_k(np.array([[0.2, 0.5, 0.5, np.nan]]), 3)
    >>> order.tolist(), valid.tolist()
    ([[1, 2, 0]], [[True, True, True]])
    """
    s = np.array(scores, dtype=float, copy=True)
    s[np.isnan(s)] = -np.inf
    if excluded is not None:
        s[excluded] = -np.inf
    n = s.shape[1]
    k = min(k, n)
    if k >= n:
        order = np.argsort(-s, axis=1, kind="stable")
        return order, np.take_along_axis(s, order, axis=1) > -np.inf
    part = np.argpartition(-s, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(s, part, axis=1)
    # Sort the k picked columns by (-score, column).
    inner = np.lexsort((part, -vals), axis=1)
    order = np.take_along_axis(part, inner, axis=1)
    # argpartition may cut a tie at the k-th score arbitrarily: redo those rows with a
    # full stable sort (rare for real-valued scores).
    kth = vals.min(axis=1, keepdims=True)
    tied = np.flatnonzero((s >= kth).sum(axis=1) > k)
    if len(tied):
        order[tied] = np.argsort(-s[tied], axis=1, kind="stable")[:, :k]
    valid = np.take_along_axis(s, order, axis=1) > -np.inf
    return order, valid
