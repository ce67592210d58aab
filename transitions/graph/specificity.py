"""Specificity weights: a skill that many occupations share says less.

The weights multiply the columns of an occupation x skill (or x concept)
matrix before a similarity is taken, so that "communicate with customers"
counts for little and "bookkeeping" for much.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..exceptions import InvalidParameterError

__all__ = ["SPECIFICITY_KINDS", "specificity_weights", "reference_occupations"]

#: Valid ``specificity=`` choices.
SPECIFICITY_KINDS = ("idf", "none")


def reference_occupations(tax):
    """How many of ``tax``'s first occupations are its reference population: those of the
    taxonomy an extension was added to (:meth:`transitions.Taxonomy.extend`), or None (all).

    Statistics of the population - how specific a skill is, how similar two groups are,
    who an occupation's nearest neighbours are - are taken over these occupations, so
    that an extension adds destinations without moving the scores between the others.
    """
    n = tax.metadata.get("reference_occupations")
    return int(n) if n is not None and 0 < int(n) < len(tax.occupation_index) else None


def specificity_weights(X, kind="idf", n_reference=None):
    """Column weights of ``X`` by how specific each column is to few rows.

    Parameters
    ----------
    X : scipy.sparse matrix, shape (n_occupations, n_columns)
        Non-negative; a column's *document frequency* is its number of
        non-zero rows.
    kind : {"idf", "none"}, default="idf"
        ``"idf"``: ``log(n_occupations / df)`` (0 for a column every
        occupation has, and for unused columns); ``"none"``: all ones.
    n_reference : int, optional
        Count the document frequencies over the first ``n_reference`` rows only
        (a taxonomy's own occupations, before an extension added some): then
        adding rows leaves the weights of the columns those rows use unchanged.
        A column none of them uses (a new skill) is weighted over all rows.

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
    w = _idf(X)
    if n_reference is not None and 0 < n_reference < X.shape[0]:
        ref = _idf(sp.csc_matrix(X[:n_reference]))
        used = np.diff(sp.csc_matrix(X[:n_reference]).indptr) > 0
        w = np.where(used, ref, w)
    return w


def _idf(X):
    df = np.diff(X.indptr).astype(float)
    n = max(X.shape[0], 1)
    with np.errstate(divide="ignore"):
        return np.where(df > 0, np.log(n / np.maximum(df, 1.0)), 0.0)
