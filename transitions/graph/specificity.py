"""Specificity weights: a skill that many occupations share says less.

The weights multiply the columns of an occupation x skill (or x concept)
matrix before a similarity is taken, so that "communicate with customers"
counts for little and "bookkeeping" for much.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..exceptions import InvalidParameterError

__all__ = ["SPECIFICITY_KINDS", "specificity_weights"]

#: Valid ``specificity=`` choices.
SPECIFICITY_KINDS = ("idf", "none")


def specificity_weights(X, kind="idf"):
    """Column weights of ``X`` by how specific each column is to few rows.

    Parameters
    ----------
    X : scipy.sparse matrix, shape (n_occupations, n_columns)
        Non-negative; a column's *document frequency* is its number of
        non-zero rows.
    kind : {"idf", "none"}, default="idf"
        ``"idf"``: ``log(n_occupations / df)`` (0 for a column every
        occupation has, and for unused columns); ``"none"``: all ones.

    Returns
    -------
    numpy.ndarray of float, shape (n_columns,)

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> X = sp.csr_matrix([[1, 1], [1, 0]])
    >>> specificity_weights(X).round(3).tolist()
    [0.0, 0.693]
    """
    if kind not in SPECIFICITY_KINDS:
        raise InvalidParameterError(
            f"specificity={kind!r} is not valid; choose one of {list(SPECIFICITY_KINDS)}"
        )
    n_cols = X.shape[1]
    if kind == "none":
        return np.ones(n_cols)
    X = sp.csc_matrix(X)
    df = np.diff(X.indptr).astype(float)
    n = max(X.shape[0], 1)
    with np.errstate(divide="ignore"):
        w = np.where(df > 0, np.log(n / np.maximum(df, 1.0)), 0.0)
    return w
