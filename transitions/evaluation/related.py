"""O*NET's related occupations as graded relevance judgements (two protocols).

O*NET publishes, for 923 occupations, 20 related occupations each, in three
tiers. Grades: Primary-Short 3, Primary-Long 2, Supplemental 1, unrelated 0.

* **O*NET** (:func:`onet_ground_truth`): origins are the taxonomy's
  occupations that have at least one related occupation among the
  taxonomy's occupations; candidates are all other occupations.
* **ESCO through the crosswalk** (:func:`crosswalk_ground_truth`): an ESCO
  candidate's grade is the best grade among its O*NET codes in the related
  lists of any of the origin's O*NET codes. Candidates sharing an O*NET code
  with the origin, and the origin itself, are excluded (they are the same
  job in O*NET's eyes, so O*NET cannot judge them); origins with no graded
  candidate are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import DataFormatError

__all__ = ["TIER_GRADES", "GroundTruth", "read_related_occupations", "read_crosswalk",
           "onet_ground_truth", "crosswalk_ground_truth"]

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

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from transitions.evaluation import read_related_occupations
    >>> text = ("O*NET-SOC Code\\tRelated O*NET-SOC Code\\tRelatedness Tier\\n"
    ...         "43-3031.00\\t13-2011.00\\tSupplemental\\n"
    ...         "43-3031.00\\t43-3011.00\\tPrimary-Short\\n")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (pathlib.Path(tmp) / "Related Occupations.txt").write_text(text)
    ...     related = read_related_occupations(tmp)
    >>> related[["related", "grade"]].values.tolist()
    [['43-3011.00', 3], ['13-2011.00', 1]]
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

    Raises
    ------
    DataFormatError
        When the file is missing or lacks a column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from transitions.evaluation import read_crosswalk
    >>> rows = pd.DataFrame({"escoUri(resolved via v1.1.0 code)": ["esco:occ/1", "esco:isco/C2512"],
    ...                      "uriKind": ["occupation", "isco"],
    ...                      "onetSoc2019Code": ["15-1252.00", "15-1252.00"]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "ESCO_to_ONET-SOC2019_with_uris.csv"
    ...     rows.to_csv(path, index=False)
    ...     read_crosswalk(path).values.tolist()
    [['esco:occ/1', '15-1252.00']]
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

    Examples
    --------
    Built by :func:`onet_ground_truth` or :func:`crosswalk_ground_truth`:

    >>> import pandas as pd
    >>> from transitions.evaluation import onet_ground_truth
    >>> related = pd.DataFrame({"origin": ["15-1252.00", "15-1252.00", "15-1211.00"],
    ...                         "related": ["15-1211.00", "43-9021.00", "15-1252.00"],
    ...                         "grade": [3, 1, 2]})
    >>> truth = onet_ground_truth(["15-1211.00", "15-1252.00", "43-9021.00"], related)
    >>> truth.protocol, truth.grades.shape, truth.origin_positions.tolist()
    ('onet', (2, 3), [0, 1])
    """

    grades: sp.csr_matrix
    excluded: sp.csr_matrix
    origins: pd.Index
    occupations: pd.Index
    protocol: str

    @property
    def origin_positions(self):
        """Positions of the origins among :attr:`occupations`.

        Examples
        --------
        >>> import pandas as pd
        >>> from transitions.evaluation import onet_ground_truth
        >>> related = pd.DataFrame({"origin": ["b"], "related": ["c"], "grade": [3]})
        >>> onet_ground_truth(["a", "b", "c"], related).origin_positions.tolist()
        [1]
        """
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

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions.evaluation import onet_ground_truth
    >>> related = pd.DataFrame({"origin": ["15-1252.00", "15-1252.00", "15-1211.00"],
    ...                         "related": ["15-1211.00", "43-9021.00", "15-1252.00"],
    ...                         "grade": [3, 1, 2]})
    >>> truth = onet_ground_truth(["15-1211.00", "15-1252.00", "43-9021.00"], related)
    >>> truth.origins.tolist()      # 43-9021.00 relates to nothing here: not an origin
    ['15-1211.00', '15-1252.00']
    >>> truth.grades.toarray().tolist()
    [[0.0, 2.0, 0.0], [3.0, 0.0, 1.0]]
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

    Examples
    --------
    Two ESCO occupations share an O*NET code: they cannot judge each other.

    >>> import pandas as pd
    >>> from transitions.evaluation import crosswalk_ground_truth
    >>> related = pd.DataFrame({"origin": ["15-1252.00", "15-1252.00", "15-1211.00"],
    ...                         "related": ["15-1211.00", "43-9021.00", "15-1252.00"],
    ...                         "grade": [3, 1, 2]})
    >>> crosswalk = pd.DataFrame({"occupation_id": ["analyst", "coder", "developer", "typist"],
    ...     "onet_code": ["15-1211.00", "15-1252.00", "15-1252.00", "43-9021.00"]})
    >>> truth = crosswalk_ground_truth(crosswalk["occupation_id"], related, crosswalk)
    >>> truth.origins.tolist()
    ['analyst', 'coder', 'developer']
    >>> truth.grades.toarray()[1].tolist(), truth.excluded.toarray()[1].tolist()
    ([3.0, 0.0, 0.0, 1.0], [False, True, True, False])
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
