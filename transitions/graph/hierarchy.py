"""Partial credit for related skills through the skill hierarchy and skill-skill relations.

ESCO files "bookkeeping" and "accounting" under shared skill groups, and some
skills under broader skills. Two occupations with different but related
skills then meet in those groups. We expand each occupation's skill vector
into *concept* space (the skills plus every skill group / broader skill
above them): a skill passes ``decay**d`` of its weight to the concept ``d``
steps up (split evenly when a concept has several parents). Optionally
ESCO's skill-skill relations pass ``relations_weight`` of a skill's weight
to its related skills first.

The expansion is one sparse matrix ``P`` (skills x concepts), built once, so
that expanding any batch of profiles costs one sparse product ``X @ P``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import InvalidParameterError

__all__ = ["propagation_matrix", "stored_propagation"]


def stored_propagation(tax, **params):
    """:func:`propagation_matrix`, stored in the data home for a taxonomy from the cache (keyed
    by its content, the parameters and this code): walking ESCO's hierarchy takes a few
    tenths of a second every time, reading the result a few hundredths."""
    source = getattr(tax, "_content_key", None)
    if source is None:
        return propagation_matrix(tax, **params)
    from .._hashing import code_digest, content_key
    from ..datasets._derived import load_or_build

    def build():
        concepts, P = propagation_matrix(tax, **params)
        P = sp.csr_matrix(P)
        return {"concepts": list(concepts), "indptr": P.indptr.astype(np.int64),
                "indices": P.indices.astype(np.int64), "data": P.data.astype(float),
                "shape": np.asarray(P.shape, np.int64)}

    key = content_key("propagation", code_digest("graph.hierarchy"), source, params)
    a = load_or_build("propagation", key, build)
    P = sp.csr_matrix((a["data"], a["indices"], a["indptr"]), shape=tuple(a["shape"]))
    return pd.Index(list(a["concepts"])), P


def propagation_matrix(tax, *, decay=1.0, depth=4, relations_weight=0.0):
    """Skills x concepts matrix that spreads each skill's weight up its hierarchy.

    Parameters
    ----------
    tax : Taxonomy
    decay : float in [0, 1], default=1.0
        Share of a skill's weight passed one step up; ``0`` disables the
        hierarchy (``P`` is then the identity on the skills).
    depth : int >= 0, default=4
        Number of steps up (ESCO's skill pillar has four group levels).
    relations_weight : float >= 0, default=0.0
        Share of a skill's weight passed to each skill ESCO relates it to
        (``tax.skill_relations``), before the hierarchy step.

    Returns
    -------
    concepts : pandas.Index
        The skills (first, in :attr:`Taxonomy.skill_index` order) then the
        group and broader concepts reached, sorted.
    P : scipy.sparse.csr_matrix, shape (n_skills, n_concepts)

    Examples
    --------
    >>> from transitions import load_sample
    >>> tax = load_sample()
    >>> concepts, P = propagation_matrix(tax, decay=0.5)
    >>> P.shape[0] == len(tax.skills) and len(concepts) > len(tax.skills)
    True
    >>> float(P[0, 0])
    1.0
    """
    if not (0.0 <= float(decay) <= 1.0):
        raise InvalidParameterError(f"decay={decay!r} is not valid; use a number in [0, 1]")
    if not (isinstance(depth, (int, np.integer)) and depth >= 0):
        raise InvalidParameterError(f"depth={depth!r} is not valid; use an integer >= 0")
    if not (float(relations_weight) >= 0.0):
        raise InvalidParameterError(
            f"relations_weight={relations_weight!r} is not valid; use a number >= 0"
        )
    skills = tax.skill_index
    edges = tax.skill_hierarchy
    edges = edges[edges["child"].notna() & edges["parent"].notna()]
    edges = edges[edges["child"] != edges["parent"]].drop_duplicates(["child", "parent"])
    use_hierarchy = decay > 0 and depth > 0 and len(edges) > 0
    extra = pd.Index([])
    if use_hierarchy:
        known = set(skills)
        extra = pd.Index(sorted((set(edges["child"]) | set(edges["parent"])) - known))
    concepts = skills.append(extra) if len(extra) else pd.Index(skills)
    n_s, n_c = len(skills), len(concepts)
    P = sp.identity(n_s, format="csr", dtype=float)
    if relations_weight > 0 and tax.skill_relations is not None and len(tax.skill_relations):
        rel = tax.skill_relations
        a = skills.get_indexer(rel["skill_id"].astype(str))
        b = skills.get_indexer(rel["related_skill_id"].astype(str))
        ok = (a >= 0) & (b >= 0) & (a != b)
        R = sp.csr_matrix((np.ones(ok.sum()), (a[ok], b[ok])), shape=(n_s, n_s))
        R = R + R.T  # relatedness runs both ways
        R.data[:] = 1.0
        P = P + relations_weight * R
    P = sp.hstack([P, sp.csr_matrix((n_s, n_c - n_s))], format="csr")
    if use_hierarchy:
        A = sp.csr_matrix(
            (np.ones(len(edges)),
             (concepts.get_indexer(edges["child"]), concepts.get_indexer(edges["parent"]))),
            shape=(n_c, n_c),
        )
        A.data[:] = 1.0
        # A concept with several parents splits its weight between them, so that
        # multi-filed skills do not count double.
        out_degree = np.asarray(A.sum(axis=1)).ravel()
        A = sp.diags(1.0 / np.maximum(out_degree, 1.0)) @ A
        step = P
        for _ in range(depth):
            step = decay * (step @ A)
            if step.nnz == 0:
                break
            P = P + step
    P = sp.csr_matrix(P)
    P.sum_duplicates()
    P.eliminate_zeros()
    return concepts, P
