"""Skill-profile features of occupations for the risk estimators.

An occupation's skill profile is its row of :meth:`transitions.Taxonomy.incidence`.
Two occupations from different fields rarely share specific skills, but they
do share broader skill groups ("processing information", "operating
machinery"). Adding, for each occupation, the weight of every skill group
above its skills (the transitive closure of ``taxonomy.skill_hierarchy``) lets
a model trained on some fields generalise to another: in the grouped
cross-validation of ``benchmarks/bench_risk_estimator.py`` it raises the
Spearman correlation with the RTI of unseen ISCO sub-major groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["SkillProfiles", "skill_profiles"]

_MAX_DEPTH = 20  # deeper than any ESCO hierarchy; guards against cycles


@dataclass(frozen=True)
class SkillProfiles:
    """A feature matrix with its labels.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        One row per occupation, one column per feature.
    index : pandas.Index
        Occupation ids of the rows (``taxonomy.occupation_index``).
    columns : pandas.Index
        Feature ids: the skill ids, then the skill-group ids (if any).
    """

    matrix: sp.csr_matrix
    index: pd.Index
    columns: pd.Index

    def rows(self, ids):
        """The rows of the occupations ``ids`` (a sparse matrix, in that order)."""
        pos = self.index.get_indexer(pd.Index(ids))
        if (pos < 0).any():
            from ..exceptions import UnknownOccupationError

            unknown = [i for i, p in zip(ids, pos) if p < 0]
            raise UnknownOccupationError(f"unknown occupation id(s) {unknown[:3]}")
        return self.matrix[pos]


def _ancestors(skill_index, hierarchy):
    """Skills x groups 0/1 matrix: 1 where the group is above the skill (any depth)."""
    edges = hierarchy.dropna(subset=["child", "parent"]).astype({"child": str, "parent": str})
    groups = pd.Index(sorted(set(edges["child"]).union(edges["parent"]) - set(skill_index)))
    nodes = skill_index.append(groups)
    pos = pd.Series(np.arange(len(nodes)), index=nodes)
    edges = edges[edges["child"].isin(nodes) & edges["parent"].isin(nodes)]
    n = len(nodes)
    step = sp.csr_matrix((np.ones(len(edges)), (pos[edges["child"]].to_numpy(),
                                                pos[edges["parent"]].to_numpy())), shape=(n, n))
    reach = step.copy()
    frontier = step
    for _ in range(_MAX_DEPTH):
        frontier = frontier @ step
        frontier = frontier - frontier.multiply(reach > 0)  # only new pairs
        frontier.eliminate_zeros()
        if frontier.nnz == 0:
            break
        reach = reach + frontier
    reach = (reach > 0).astype(float).tocsr()
    return reach[: len(skill_index), len(skill_index):], groups


def skill_profiles(taxonomy, *, hierarchy=True, kind="weight"):
    """Occupation x feature matrix: skills and, optionally, the skill groups above them.

    Parameters
    ----------
    taxonomy : Taxonomy
    hierarchy : bool, default=True
        Append one column per skill group of ``taxonomy.skill_hierarchy``,
        holding the summed weight of the occupation's skills below that group.
        Without a hierarchy this adds nothing.
    kind : {"weight", "binary", "essential", "optional"}, default="weight"
        Passed to :meth:`Taxonomy.incidence`.

    Returns
    -------
    SkillProfiles

    Examples
    --------
    >>> from transitions import load_sample
    >>> from transitions.models import skill_profiles
    >>> tax = load_sample()
    >>> prof = skill_profiles(tax)
    >>> prof.matrix.shape[0] == len(tax.occupations)
    True
    >>> prof.matrix.shape[1] > len(tax.skills)   # the sample has skill groups
    True
    >>> list(prof.columns[:len(tax.skills)]) == list(tax.skill_index)
    True
    """
    X = taxonomy.incidence(kind)
    columns = taxonomy.skill_index
    if hierarchy and len(taxonomy.skill_hierarchy):
        up, groups = _ancestors(taxonomy.skill_index, taxonomy.skill_hierarchy)
        if len(groups):
            X = sp.hstack([X, X @ up], format="csr")
            columns = columns.append(groups)
    return SkillProfiles(sp.csr_matrix(X), taxonomy.occupation_index, columns)
