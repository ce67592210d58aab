"""Ranking metrics and the O*NET related-occupations benchmark.

How good is an occupation similarity? O*NET publishes, for 923 occupations,
20 related occupations each, in three tiers. This module turns those lists
into graded relevance judgements for a taxonomy's occupations and scores any
origin x destination similarity against them.

Grades: Primary-Short 3, Primary-Long 2, Supplemental 1, unrelated 0.

Two protocols:

* **O*NET** (:func:`onet_ground_truth`): origins are the taxonomy's
  occupations that have at least one related occupation among the
  taxonomy's occupations; candidates are all other occupations.
* **ESCO through the crosswalk** (:func:`crosswalk_ground_truth`): an ESCO
  candidate's grade is the best grade among its O*NET codes in the related
  lists of any of the origin's O*NET codes. Candidates sharing an O*NET code
  with the origin, and the origin itself, are excluded (they are the same
  job in O*NET's eyes, so O*NET cannot judge them); origins with no graded
  candidate are skipped.

Metrics (vectorised over origins) follow the usual definitions: NDCG@k with
exponential gain ``2**grade - 1`` and ``log2(rank + 1)`` discount, normalised by the
ideal ordering of all the origin's graded candidates; precision@k and
recall@k count candidates with grade > 0; MRR is the reciprocal rank of the
first graded candidate. Ties in the scores are broken by the candidates'
position in the taxonomy (its id order), so results are deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .exceptions import DataFormatError, InvalidParameterError
from .graph._topk import top_k

__all__ = [
    "TIER_GRADES",
    "GroundTruth",
    "read_related_occupations",
    "read_crosswalk",
    "onet_ground_truth",
    "crosswalk_ground_truth",
    "ranking_metrics",
    "evaluate_similarity",
    "ndcg_at_k",
    "precision_at_k",
    "recall_at_k",
    "mean_reciprocal_rank",
]

#: Grade of each O*NET relatedness tier.
TIER_GRADES = {"Primary-Short": 3, "Primary-Long": 2, "Supplemental": 1}

_RELATED_COLUMNS = {
    "O*NET-SOC Code": "origin",
    "Related O*NET-SOC Code": "related",
    "Relatedness Tier": "tier",
}
_CROSSWALK_URI = "escoUri(resolved via v1.1.0 code)"
_CROSSWALK_COLUMNS = (_CROSSWALK_URI, "uriKind", "onetSoc2019Code")


# ---------------------------------------------------------------------- readers
def read_related_occupations(path):
    """Read O*NET's ``Related Occupations.txt`` into graded pairs.

    Parameters
    ----------
    path : str or path-like
        The tab-separated file as published (O*NET 27.2 or later), or a
        folder holding it.

    Returns
    -------
    pandas.DataFrame
        Columns ``origin``, ``related`` (O*NET-SOC codes), ``tier`` and
        ``grade`` (3, 2, 1), sorted by origin and grade (best first).

    Raises
    ------
    DataFormatError
        When the file is missing, lacks a column or names an unknown tier.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "Related Occupations.txt"
    if not path.is_file():
        raise DataFormatError(f"{path}: O*NET 'Related Occupations.txt' not found")
    df = pd.read_csv(path, sep="\t", dtype=str)
    missing = [c for c in _RELATED_COLUMNS if c not in df.columns]
    if missing:
        raise DataFormatError(
            f"{path}: missing column(s) {missing}; found {list(df.columns)}"
        )
    df = df[list(_RELATED_COLUMNS)].rename(columns=_RELATED_COLUMNS)
    df["grade"] = df["tier"].map(TIER_GRADES)
    bad = df["grade"].isna()
    if bad.any():
        raise DataFormatError(
            f"{path}, column 'Relatedness Tier': unknown tier(s) "
            f"{sorted(df.loc[bad, 'tier'].astype(str).unique())[:5]}; valid: {list(TIER_GRADES)}"
        )
    df["grade"] = df["grade"].astype(int)
    df = df.sort_values(["origin", "grade", "related"], ascending=[True, False, True])
    return df.drop_duplicates(["origin", "related"]).reset_index(drop=True)


def read_crosswalk(path):
    """Read the ESCO -> O*NET-SOC 2019 crosswalk with resolved ESCO URIs.

    Parameters
    ----------
    path : str or path-like
        ``ESCO_to_ONET-SOC2019_with_uris.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``occupation_id`` (ESCO occupation URI) and ``onet_code``,
        one row per distinct pair; rows that map ISCO groups rather than
        occupations are left out.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFormatError(f"{path}: crosswalk file not found")
    df = pd.read_csv(path, dtype=str)
    missing = [c for c in _CROSSWALK_COLUMNS if c not in df.columns]
    if missing:
        raise DataFormatError(f"{path}: missing column(s) {missing}; found {list(df.columns)}")
    df = df[df["uriKind"] == "occupation"]
    out = pd.DataFrame({"occupation_id": df[_CROSSWALK_URI], "onet_code": df["onetSoc2019Code"]})
    return out.dropna().drop_duplicates().sort_values(["occupation_id", "onet_code"]).reset_index(
        drop=True
    )


# ---------------------------------------------------------------------- ground truth
@dataclass(frozen=True)
class GroundTruth:
    """Graded relevance of candidates for each evaluated origin.

    Attributes
    ----------
    grades : scipy.sparse.csr_matrix
        ``origins x occupations`` grades (0 where unrelated).
    excluded : scipy.sparse.csr_matrix of bool
        ``origins x occupations``: candidates left out of the ranking (the
        origin itself, and under the crosswalk protocol its O*NET twins).
    origins : pandas.Index
        Ids of the evaluated origins (rows of ``grades``).
    occupations : pandas.Index
        Ids of all occupations (columns), the taxonomy's order.
    protocol : str
        ``"onet"`` or ``"crosswalk"``.
    """

    grades: sp.csr_matrix
    excluded: sp.csr_matrix
    origins: pd.Index
    occupations: pd.Index
    protocol: str

    @property
    def origin_positions(self):
        """Positions of the origins among :attr:`occupations`."""
        return self.occupations.get_indexer(self.origins)


def _finish(grades, excluded, occupations, protocol):
    grades = grades.tocsr()
    excluded = excluded.tocsr().astype(bool)
    # Excluded candidates carry no grade.
    grades = grades - grades.multiply(excluded)
    grades.eliminate_zeros()
    keep = np.flatnonzero(grades.getnnz(axis=1) > 0)
    return GroundTruth(
        grades=grades[keep],
        excluded=excluded[keep],
        origins=occupations[keep],
        occupations=occupations,
        protocol=protocol,
    )


def onet_ground_truth(tax_or_ids, related):
    """Relevance judgements for an O*NET taxonomy (origins and candidates: its occupations).

    Parameters
    ----------
    tax_or_ids : Taxonomy or sequence of str
        The O*NET taxonomy (or its occupation ids) whose similarity is judged;
        only these occupations are origins and candidates.
    related : pandas.DataFrame
        From :func:`read_related_occupations`.

    Returns
    -------
    GroundTruth
        Origins with at least one related occupation among the candidates.
    """
    occ = _occupation_index(tax_or_ids)
    r = related[related["origin"].isin(occ) & related["related"].isin(occ)]
    r = r[r["origin"] != r["related"]]
    rows = occ.get_indexer(r["origin"])
    cols = occ.get_indexer(r["related"])
    n = len(occ)
    grades = sp.csr_matrix((r["grade"].to_numpy(float), (rows, cols)), shape=(n, n))
    excluded = sp.identity(n, dtype=bool, format="csr")
    return _finish(grades, excluded, occ, "onet")


def crosswalk_ground_truth(tax_or_ids, related, crosswalk):
    """Relevance judgements for ESCO (or any crosswalked taxonomy) through O*NET codes.

    Parameters
    ----------
    tax_or_ids : Taxonomy or sequence of str
        The taxonomy whose occupations are origins and candidates.
    related : pandas.DataFrame
        From :func:`read_related_occupations`.
    crosswalk : pandas.DataFrame
        Columns ``occupation_id`` and ``onet_code`` (see :func:`read_crosswalk`).

    Returns
    -------
    GroundTruth
        A candidate's grade is the best grade among its O*NET codes in the
        related lists of all the origin's O*NET codes; candidates sharing an
        O*NET code with the origin, and the origin, are excluded; origins
        without a graded candidate are skipped.
    """
    occ = _occupation_index(tax_or_ids)
    cw = crosswalk[crosswalk["occupation_id"].isin(occ)]
    codes = pd.Index(sorted(set(cw["onet_code"]) | set(related["origin"]) | set(related["related"])))
    n, m = len(occ), len(codes)
    # M: occupation x O*NET code membership.
    M = sp.csr_matrix(
        (np.ones(len(cw)), (occ.get_indexer(cw["occupation_id"]), codes.get_indexer(cw["onet_code"]))),
        shape=(n, m),
    )
    M.data[:] = 1.0
    rel_grades = {}
    for g in sorted(TIER_GRADES.values()):
        rg = related[related["grade"] >= g]
        rel_grades[g] = sp.csr_matrix(
            (np.ones(len(rg)), (codes.get_indexer(rg["origin"]), codes.get_indexer(rg["related"]))),
            shape=(m, m),
        )
    # Best grade = number of thresholds g for which some (origin code, candidate code) pair
    # is related at grade >= g: a max over pairs done with boolean products, no pair loop.
    grades = sp.csr_matrix((n, n))
    for g, R in rel_grades.items():
        reach = (M @ R @ M.T).astype(bool).astype(float)
        grades = grades + reach
    shared = (M @ M.T).astype(bool)
    excluded = (shared + sp.identity(n, dtype=bool, format="csr")).astype(bool)
    return _finish(grades, excluded, occ, "crosswalk")


def _occupation_index(tax_or_ids):
    if hasattr(tax_or_ids, "occupation_index"):
        return pd.Index(tax_or_ids.occupation_index)
    return pd.Index([str(i) for i in tax_or_ids])


# ---------------------------------------------------------------------- metrics
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
    """Mean NDCG@k over the rows (origins) that have a relevant candidate."""
    return float(np.nanmean(ranking_metrics(scores, grades, k, excluded)["ndcg"]))


def precision_at_k(scores, grades, k=10, excluded=None):
    """Mean share of the top ``k`` candidates with grade > 0."""
    return float(np.nanmean(ranking_metrics(scores, grades, k, excluded)["precision"]))


def recall_at_k(scores, grades, k=10, excluded=None):
    """Mean share of the relevant candidates found in the top ``k``."""
    return float(np.nanmean(ranking_metrics(scores, grades, k, excluded)["recall"]))


def mean_reciprocal_rank(scores, grades, excluded=None):
    """Mean reciprocal rank of the first relevant candidate."""
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
