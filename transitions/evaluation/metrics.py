"""Ranking metrics, vectorised over origins, and scoring a similarity against judgements.

NDCG@k with exponential gain ``2**grade - 1`` (or linear gain ``grade``) and
``log2(rank + 1)`` discount, normalised by the ideal ordering of all the
origin's graded candidates; precision@k and recall@k count candidates with
grade > 0; MRR is the reciprocal rank of the first graded candidate. Ties in
the scores are broken by the candidates' position (their id order), so
results are deterministic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import InvalidParameterError
from .._topk import top_k

__all__ = ["ranking_metrics", "ndcg_at_k", "precision_at_k", "recall_at_k",
           "mean_reciprocal_rank", "evaluate_similarity"]

_GAINS = {"exponential": lambda g: np.exp2(g) - 1.0, "linear": lambda g: g}

def _check_k(k):
    if not (isinstance(k, (int, np.integer)) and k >= 1):
        raise InvalidParameterError(f"k={k!r} is not valid; use a positive integer")


def ranking_metrics(scores, grades, k=10, excluded=None, gain="exponential"):
    """NDCG@k, precision@k, recall@k and reciprocal rank for each row.

    Parameters
    ----------
    scores : array-like, shape (n_origins, n_candidates)
        Higher is better; NaN ranks last.
    grades : array-like or scipy.sparse matrix, same shape
        Graded relevance (0 = not relevant).
    k : int, default=10
    excluded : array-like of bool, optional
        Candidates left out of the ranking and of the ideal ordering.
    gain : {"exponential", "linear"}, default="exponential"
        NDCG gain of a grade ``g``: ``2**g - 1`` (the usual choice for graded
        judgements, and the one the issue's baseline figures use) or ``g``.

    Returns
    -------
    pandas.DataFrame
        Columns ``ndcg``, ``precision``, ``recall``, ``reciprocal_rank``,
        ``n_relevant``; one row per origin (NaN metrics where an origin has
        no relevant candidate).

    Examples
    --------
    >>> import numpy as np
    >>> scores = np.array([[0.9, 0.8, 0.1], [0.1, 0.2, 0.3]])
    >>> grades = np.array([[3, 0, 1], [0, 0, 2]])
    >>> m = ranking_metrics(scores, grades, k=2)
    >>> m["precision"].tolist()
    [0.5, 0.5]
    >>> float(m.loc[1, "ndcg"])
    1.0
    >>> round(float(m.loc[0, "ndcg"]), 3)  # 7 at rank 1 against the ideal 7 + 1/log2(3)
    0.917
    """
    _check_k(k)
    if gain not in _GAINS:
        raise InvalidParameterError(f"gain={gain!r} is not valid; choose one of {list(_GAINS)}")
    scores = np.asarray(scores, dtype=float)
    G = grades.toarray() if sp.issparse(grades) else np.asarray(grades, dtype=float)
    if scores.shape != G.shape or scores.ndim != 2:
        raise InvalidParameterError(
            f"scores {scores.shape} and grades {G.shape} must be 2-d arrays of the same shape"
        )
    ex = None
    if excluded is not None:
        ex = excluded.toarray() if sp.issparse(excluded) else np.asarray(excluded, dtype=bool)
        G = np.where(ex, 0.0, G)
    order, valid = top_k(scores, k, ex)
    kk = order.shape[1]
    got = np.take_along_axis(G, order, axis=1) * valid
    discount = 1.0 / np.log2(np.arange(2, kk + 2))
    to_gain = _GAINS[gain]
    dcg = to_gain(got) @ discount
    ideal = -np.sort(-G, axis=1)[:, :kk]
    idcg = to_gain(ideal) @ discount
    n_rel = (G > 0).sum(axis=1)
    hits = (got > 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ndcg = np.where(idcg > 0, dcg / idcg, np.nan)
        recall = np.where(n_rel > 0, hits / n_rel, np.nan)
    precision = np.where(n_rel > 0, hits / k, np.nan)
    # Reciprocal rank over the whole ranking, not only the top k.
    s = np.array(scores, dtype=float, copy=True)
    s[np.isnan(s)] = -np.inf
    if ex is not None:
        s[ex] = -np.inf
    rel = G > 0
    with np.errstate(all="ignore"):
        top_rel = np.nanmax(np.where(rel, s, -np.inf), axis=1)
    # rank = 1 + candidates strictly better + ties earlier in id order than the first relevant.
    first_rel = np.argmax(rel & (s == top_rel[:, None]), axis=1)
    better = (s > top_rel[:, None]).sum(axis=1)
    cols = np.arange(s.shape[1])
    tied_before = ((s == top_rel[:, None]) & (cols[None, :] < first_rel[:, None])).sum(axis=1)
    rr = np.where(n_rel > 0, 1.0 / (1 + better + tied_before), np.nan)
    return pd.DataFrame(
        {"ndcg": ndcg, "precision": precision, "recall": recall, "reciprocal_rank": rr,
         "n_relevant": n_rel}
    )


def ndcg_at_k(scores, grades, k=10, excluded=None):
    """Mean NDCG@k over the rows (origins) that have a relevant candidate.

    See :func:`ranking_metrics` for the parameters and the gain.

    Examples
    --------
    >>> import numpy as np
    >>> scores = np.array([[0.9, 0.8, 0.1], [0.1, 0.2, 0.3]])
    >>> grades = np.array([[3, 0, 1], [0, 0, 2]])
    >>> from transitions.evaluation import ndcg_at_k
    >>> round(ndcg_at_k(scores, grades, k=2), 3)     # mean of 0.917 and 1.0
    0.959
    """
    return float(np.nanmean(ranking_metrics(scores, grades, k, excluded)["ndcg"]))


def precision_at_k(scores, grades, k=10, excluded=None):
    """Mean share of the top ``k`` candidates with grade > 0.

    Examples
    --------
    >>> import numpy as np
    >>> scores = np.array([[0.9, 0.8, 0.1], [0.1, 0.2, 0.3]])
    >>> grades = np.array([[3, 0, 1], [0, 0, 2]])
    >>> from transitions.evaluation import precision_at_k
    >>> precision_at_k(scores, grades, k=1), precision_at_k(scores, grades, k=2)
    (1.0, 0.5)
    """
    return float(np.nanmean(ranking_metrics(scores, grades, k, excluded)["precision"]))


def recall_at_k(scores, grades, k=10, excluded=None):
    """Mean share of the relevant candidates found in the top ``k``.

    Examples
    --------
    >>> import numpy as np
    >>> scores = np.array([[0.9, 0.8, 0.1], [0.1, 0.2, 0.3]])
    >>> grades = np.array([[3, 0, 1], [0, 0, 2]])
    >>> from transitions.evaluation import recall_at_k
    >>> recall_at_k(scores, grades, k=1)      # 1 of 2 found, and 1 of 1
    0.75
    """
    return float(np.nanmean(ranking_metrics(scores, grades, k, excluded)["recall"]))


def mean_reciprocal_rank(scores, grades, excluded=None):
    """Mean reciprocal rank of the first relevant candidate.

    Examples
    --------
    >>> import numpy as np
    >>> from transitions.evaluation import mean_reciprocal_rank
    >>> scores = np.array([[0.9, 0.8, 0.1], [0.3, 0.2, 0.1]])
    >>> grades = np.array([[3, 0, 1], [0, 0, 2]])
    >>> round(mean_reciprocal_rank(scores, grades), 3)   # ranks 1 and 3
    0.667
    """
    m = ranking_metrics(scores, grades, 1, excluded)
    return float(np.nanmean(m["reciprocal_rank"]))


def evaluate_similarity(similarity, truth, k=10, *, gain="exponential", per_origin=False,
                        chunk=512):
    """Score a similarity against a :class:`GroundTruth`.

    Parameters
    ----------
    similarity : pandas.DataFrame or numpy.ndarray
        Square origin x destination scores over ``truth.occupations`` (a
        DataFrame is aligned by its ids; an array must follow their order).
    truth : GroundTruth
    k : int, default=10
    gain : {"exponential", "linear"}, default="exponential"
        See :func:`ranking_metrics`.
    per_origin : bool, default=False
        Return the per-origin table instead of the means.
    chunk : int, default=512
        Origins scored at once (bounds memory).

    Returns
    -------
    pandas.Series or pandas.DataFrame
        Means ``ndcg``, ``precision``, ``recall``, ``mrr`` and ``n_origins``;
        or one row per origin (index: origin ids).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from transitions.evaluation import evaluate_similarity, onet_ground_truth
    >>> related = pd.DataFrame({"origin": ["15-1252.00", "15-1252.00", "15-1211.00"],
    ...                         "related": ["15-1211.00", "43-9021.00", "15-1252.00"],
    ...                         "grade": [3, 1, 2]})
    >>> truth = onet_ground_truth(["15-1211.00", "15-1252.00", "43-9021.00"], related)
    >>> S = np.array([[1, .8, .1], [.8, 1, .3], [.1, .3, 1]])
    >>> evaluate_similarity(S, truth, k=1)[["ndcg", "recall", "n_origins"]].tolist()
    [1.0, 0.75, 2.0]
    """
    _check_k(k)
    if isinstance(similarity, pd.DataFrame):
        S = similarity.reindex(index=truth.origins, columns=truth.occupations).to_numpy(float)
    else:
        S = np.asarray(similarity, dtype=float)
        if S.shape[1] != len(truth.occupations):
            raise InvalidParameterError(
                f"similarity has {S.shape[1]} columns, the ground truth {len(truth.occupations)} "
                f"occupations"
            )
        if S.shape[0] == len(truth.occupations):
            S = S[truth.origin_positions]
        elif S.shape[0] != len(truth.origins):
            raise InvalidParameterError(
                f"similarity has {S.shape[0]} rows; expected {len(truth.occupations)} "
                f"(all occupations) or {len(truth.origins)} (the origins)"
            )
    parts = []
    for start in range(0, S.shape[0], chunk):
        sl = slice(start, start + chunk)
        parts.append(ranking_metrics(S[sl], truth.grades[sl], k, truth.excluded[sl], gain))
    table = pd.concat(parts, ignore_index=True)
    table.index = truth.origins
    if per_origin:
        return table
    return pd.Series(
        {"ndcg": table["ndcg"].mean(), "precision": table["precision"].mean(),
         "recall": table["recall"].mean(), "mrr": table["reciprocal_rank"].mean(),
         "n_origins": float(len(table))}
    )
