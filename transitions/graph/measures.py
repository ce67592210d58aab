"""Skill-based similarity measures between occupations (and arbitrary skill profiles).

Every measure is a small class with the same life cycle:

1. ``measure.fit(tax)`` prepares what depends on the whole taxonomy
   (specificity weights, the hierarchy expansion, the destinations'
   representations);
2. ``measure.score(X)`` takes a batch of skill profiles ``X`` (a sparse
   ``n_profiles x n_skills`` weight matrix, columns in
   :attr:`Taxonomy.skill_index` order) and returns the dense
   ``n_profiles x n_occupations`` similarity to every destination, with one
   sparse product doing the heavy work.

An occupation's own row of ``tax.incidence("weight")`` is its profile, so
the occupation x occupation matrix is ``score(tax.incidence("weight"))``.
All scores lie in [0, 1]; higher is closer.

Measures (``MEASURES``):

``"jaccard"`` (symmetric baseline)
    Shared skills over the union of skills, essential and optional alike.
``"cosine"`` (symmetric baseline)
    Cosine of relation-weighted (essential 1, optional 0.5), IDF-weighted
    skill vectors.
``"hierarchical_cosine"`` (symmetric)
    The same, over skill vectors expanded up the skill hierarchy (see
    :mod:`transitions.graph.hierarchy`), so related skills give partial credit.
``"coverage"`` (asymmetric)
    Share of the destination's IDF-weighted requirements that the origin
    covers: ``sum_s min(1, x_o[s]) w_d[s] idf[s] / sum_s w_d[s] idf[s]``,
    optionally over hierarchy-expanded vectors (origin credit capped at 1).
    Adding a skill to the origin never lowers it.
``"profile"`` (symmetric)
    For rated taxonomies (O*NET): Pearson correlation of the occupations'
    rating profiles within each block of skills (``skills.skill_type``:
    skills, knowledge, ...), negative values clipped to 0; sparse blocks
    (e.g. technology commodities) use IDF-weighted cosine instead; the
    blocks are averaged with ``block_weights``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import InvalidParameterError
from .hierarchy import propagation_matrix, stored_propagation
from .specificity import SPECIFICITY_KINDS, reference_occupations, specificity_weights

__all__ = [
    "SimilarityMeasure",
    "JaccardSimilarity",
    "CosineSimilarity",
    "CoverageSimilarity",
    "ProfileCorrelation",
    "MEASURES",
    "make_measure",
]


def _row_normalise(X):
    """Rows of a sparse matrix scaled to unit L2 norm (zero rows stay zero)."""
    X = sp.csr_matrix(X, dtype=float, copy=True)
    X.sum_duplicates()
    # On the stored entries, not through diagonal-matrix products: one profile's
    # representation is a few hundred entries, where each sparse product's fixed cost counts.
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    norms = np.sqrt(np.bincount(rows, weights=X.data * X.data, minlength=X.shape[0]))
    X.data *= np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)[rows]
    return X


def _scale_columns(X, weights):
    """``X @ diag(weights)`` on the stored entries of a sparse matrix (CSR)."""
    X = sp.csr_matrix(X, dtype=float, copy=True)
    X.data *= weights[X.indices]
    return X


#: Products of at most this many rows take the row-wise route of :class:`_SplitProduct`.
_FEW_ROWS = 1


class _SplitProduct:
    """``X @ D`` as a dense array, fast when a few columns of ``X`` are dense.

    Hierarchy groups are reached by most occupations; multiplying them as
    sparse matrices would build a dense result element by element. Columns
    used by more than ``dense_share`` of the destinations go through BLAS,
    the rest through one sparse product.

    One profile (and, asked with ``rowwise=True``, any block) takes another
    route: its entries are split between the two parts instead of slicing
    columns, and the dense part is multiplied as a sparse matrix, which reads
    only the rows of ``D`` the profile uses and starts no BLAS threads. A
    matrix-vector product gains nothing from threads, and OpenBLAS's idle
    threads spinning on the 2 shared cores made one profile's recommendation
    about three times slower under load (``benchmarks/bench_recommend.py``).
    Each row's result on this route is the same whatever rows come with it;
    the two routes agree to rounding. Batches keep BLAS (about three times
    faster for a thousand rows).
    """

    def __init__(self, D, dense_share=0.05):
        D = sp.csr_matrix(D)  # concepts x destinations
        fill = np.diff(D.indptr) / max(D.shape[1], 1)
        self.dense_rows = np.flatnonzero(fill > dense_share)
        self.sparse_rows = np.flatnonzero(fill <= dense_share)
        self.n_out = D.shape[1]
        self.D_dense = D[self.dense_rows].toarray()
        self.D_sparse = D[self.sparse_rows].tocsr() if len(self.dense_rows) else D
        # Each concept's position among the dense rows or among the sparse rows.
        self._is_dense = np.zeros(D.shape[0], dtype=bool)
        self._is_dense[self.dense_rows] = True
        self._pos = np.empty(D.shape[0], dtype=np.int64)
        self._pos[self.dense_rows] = np.arange(len(self.dense_rows))
        self._pos[self.sparse_rows] = np.arange(len(self.sparse_rows))

    def __call__(self, X, rowwise=False):
        X = sp.csr_matrix(X)
        if not len(self.dense_rows):
            return (X @ self.D_sparse).toarray()
        if rowwise or X.shape[0] <= _FEW_ROWS:
            dense, sparse = self._split(X)
            out = (sparse @ self.D_sparse).toarray()
            out += dense @ self.D_dense
            return out
        X = X.tocsc()
        out = (X[:, self.sparse_rows].tocsr() @ self.D_sparse).toarray()
        out += X[:, self.dense_rows].toarray() @ self.D_dense
        return out

    def _split(self, X):
        """The dense-concept and sparse-concept columns of ``X`` as two CSR matrices."""
        if not X.has_sorted_indices:  # the order column slicing gives (same rounding)
            X = X.sorted_indices()
        n = X.shape[0]
        rows = np.repeat(np.arange(n), np.diff(X.indptr))
        dense = self._is_dense[X.indices]

        def part(mask, width):
            indptr = np.r_[0, np.cumsum(np.bincount(rows[mask], minlength=n))]
            return sp.csr_matrix((X.data[mask], self._pos[X.indices[mask]], indptr),
                                 shape=(n, width))

        return part(dense, len(self.dense_rows)), part(~dense, len(self.sparse_rows))


def _check_number(name, value, low=0.0, high=None):
    ok = isinstance(value, (int, float, np.integer, np.floating)) and np.isfinite(value)
    ok = ok and value >= low and (high is None or value <= high)
    if not ok:
        rng = f"[{low}, {high}]" if high is not None else f">= {low}"
        raise InvalidParameterError(f"{name}={value!r} is not valid; use a number {rng}")


class SimilarityMeasure:
    """Base class: parameters, validation and the fit/score protocol.

    Subclasses set ``name``, ``symmetric`` and ``defaults`` and implement
    ``_fit`` and ``_score``.
    """

    name = "base"
    symmetric = True
    defaults: dict = {}

    def __init__(self, **params):
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            raise InvalidParameterError(
                f"measure {self.name!r} has no parameter(s) {unknown}; valid: "
                f"{sorted(self.defaults)} (and the graph's code_prior, text_prior)"
            )
        self.params = {**self.defaults, **params}
        self._validate()
        self._fitted = False

    def _validate(self):
        spec = self.params.get("specificity")
        if spec is not None and spec not in SPECIFICITY_KINDS:
            raise InvalidParameterError(
                f"specificity={spec!r} is not valid; choose one of {list(SPECIFICITY_KINDS)}"
            )

    def fit(self, tax):
        """Prepare the measure for ``tax``; returns ``self``."""
        self.n_skills_ = len(tax.skill_index)
        self._fit(tax, tax.incidence("weight"))
        self._fitted = True
        return self

    def score(self, X, rowwise=False):
        """Similarity of each profile (row of ``X``) to every destination occupation.

        Parameters
        ----------
        X : scipy.sparse matrix, shape (n_profiles, n_skills)
            Non-negative skill weights, columns in ``tax.skill_index`` order.
        rowwise : bool, default=False
            Score each row as if alone (the same values whatever rows come
            with it, to the last bit; slower for large blocks).

        Returns
        -------
        numpy.ndarray, shape (n_profiles, n_occupations), values in [0, 1]
        """
        if not self._fitted:
            raise InvalidParameterError(f"measure {self.name!r} is not fitted; call fit(tax)")
        S = np.asarray(self._score(sp.csr_matrix(X, dtype=float), rowwise), dtype=float)
        return np.clip(S, 0.0, 1.0, out=S)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"


class JaccardSimilarity(SimilarityMeasure):
    """Shared skills over all skills of the pair (binary, symmetric)."""

    name = "jaccard"
    symmetric = True
    defaults = {}

    def _fit(self, tax, W):
        self._B = (W > 0).astype(float).tocsr()
        self._sizes = np.asarray(self._B.sum(axis=1)).ravel()

    def _score(self, X, rowwise=False):  # one route only: rowwise changes nothing
        Xb = (X > 0).astype(float)
        inter = (Xb @ self._B.T).toarray()
        sizes = np.asarray(Xb.sum(axis=1)).ravel()
        union = sizes[:, None] + self._sizes[None, :] - inter
        return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


class _ExpandedSkillMeasure(SimilarityMeasure):
    """Base of the measures over specificity-weighted skill vectors expanded up the hierarchy."""

    defaults = {"specificity": "idf", "hierarchy_decay": 0.0, "hierarchy_depth": 4,
                "relations_weight": 0.0}

    def _validate(self):
        super()._validate()
        _check_number("hierarchy_decay", self.params["hierarchy_decay"], 0.0, 1.0)
        _check_number("relations_weight", self.params["relations_weight"], 0.0)

    def _expand(self, tax, W):
        """Expand ``W`` up the hierarchy; set the specificity weights of the concepts."""
        p = self.params
        self.concepts_, self._P = stored_propagation(
            tax, decay=p["hierarchy_decay"], depth=p["hierarchy_depth"],
            relations_weight=p["relations_weight"],
        )
        # Specificity from the expanded vectors, so that hierarchy groups that
        # every occupation reaches weigh nothing.
        expanded = W @ self._P
        self._col_weight = specificity_weights(expanded, p["specificity"],
                                               reference_occupations(tax))
        return expanded


class CosineSimilarity(_ExpandedSkillMeasure):
    """Cosine of specificity-weighted, optionally hierarchy-expanded skill vectors."""

    name = "cosine"
    symmetric = True

    def _fit(self, tax, W):
        expanded = self._expand(tax, W)
        self._product = _SplitProduct(_row_normalise(expanded @ sp.diags(self._col_weight)).T)

    def _represent(self, X):
        return _row_normalise(_scale_columns(X @ self._P, self._col_weight))

    def _score(self, X, rowwise=False):
        return self._product(self._represent(X), rowwise)


class HierarchicalCosineSimilarity(CosineSimilarity):
    """Cosine over skill vectors expanded up the skill hierarchy (partial credit)."""

    name = "hierarchical_cosine"
    defaults = {**CosineSimilarity.defaults, "hierarchy_decay": 1.0}


class CoverageSimilarity(_ExpandedSkillMeasure):
    """Share of the destination's weighted requirements the origin already covers (asymmetric)."""

    name = "coverage"
    symmetric = False

    def _fit(self, tax, W):
        need = self._expand(tax, W) @ sp.diags(self._col_weight)
        self._need_total = np.asarray(need.sum(axis=1)).ravel()
        self._product = _SplitProduct(sp.csr_matrix(need).T)

    def _credit(self, X):
        """Origin's credit per concept: its expanded weight relative to full, capped at 1."""
        E = sp.csr_matrix((X > 0).astype(float) @ self._P)
        E.data = np.minimum(E.data, 1.0)
        return E

    def _score(self, X, rowwise=False):
        covered = self._product(self._credit(X), rowwise)
        total = self._need_total[None, :]
        return np.divide(covered, total, out=np.zeros_like(covered), where=total > 0)


class ProfileCorrelation(SimilarityMeasure):
    """Correlation of rating profiles within skill blocks (for O*NET-style taxonomies)."""

    name = "profile"
    symmetric = True
    defaults = {"block_column": "skill_type", "block_weights": None, "min_density": 0.5,
                "specificity": "idf"}

    #: Weights of blocks by name when ``block_weights`` is not given (chosen
    #: on the O*NET benchmark: knowledge separates occupations better than
    #: the generic skills; technology commodities add a little).
    DEFAULT_BLOCK_WEIGHTS = {"knowledge": 0.6, "skill": 0.4, "skills": 0.4,
                             "technology": 0.1, "tool": 0.1}
    #: Weight of a block whose name is not in the table above.
    OTHER_BLOCK_WEIGHT = 0.4

    def _validate(self):
        super()._validate()
        _check_number("min_density", self.params["min_density"], 0.0, 1.0)
        bw = self.params["block_weights"]
        if bw is not None and not isinstance(bw, dict):
            raise InvalidParameterError(
                f"block_weights={bw!r} is not valid; use a dict of block name -> weight"
            )

    def _block_weight(self, name):
        bw = self.params["block_weights"]
        if bw is not None:
            return float(bw.get(name, 0.0))
        key = str(name).lower()
        for prefix, w in self.DEFAULT_BLOCK_WEIGHTS.items():
            if key == prefix or key.startswith(prefix):
                return w
        return self.OTHER_BLOCK_WEIGHT

    def _fit(self, tax, W):
        col = self.params["block_column"]
        if col in tax.skills.columns:
            labels = tax.skills[col].astype(object).where(tax.skills[col].notna(), "other")
        else:
            labels = pd.Series("all", index=tax.skill_index)
        rated = W.getnnz(axis=1) > 0
        self._blocks = []
        for name in sorted(labels.unique(), key=str):
            cols = np.flatnonzero((labels == name).to_numpy())
            weight = self._block_weight(name)
            if weight <= 0:
                continue
            sub = W[:, cols]
            density = sub[rated].nnz / max(rated.sum() * len(cols), 1)
            if density >= self.params["min_density"]:
                D = self._centre(sub)
                self._blocks.append((str(name), cols, weight, "correlation", None, D.T))
            else:
                w = specificity_weights(sub, self.params["specificity"],
                                        reference_occupations(tax))
                D = _row_normalise(sub @ sp.diags(w)).T.tocsr()
                self._blocks.append((str(name), cols, weight, "cosine", w, D))
        if not self._blocks:
            raise InvalidParameterError(
                f"measure 'profile': no skill block has a positive weight; blocks in "
                f"skills[{col!r}]: {sorted(map(str, labels.unique()))}, block_weights="
                f"{self.params['block_weights']!r}"
            )
        self.blocks_ = pd.DataFrame(
            [(b[0], len(b[1]), b[2], b[3]) for b in self._blocks],
            columns=["block", "n_skills", "weight", "kind"],
        )

    @staticmethod
    def _centre(sub):
        """Dense rows centred on their own mean and scaled to unit norm (Pearson)."""
        X = sub.toarray() if sp.issparse(sub) else np.asarray(sub, dtype=float)
        X = X - X.mean(axis=1, keepdims=True)
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        return np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)

    def _score(self, X, rowwise=False):  # one route only: rowwise changes nothing
        total = sum(b[2] for b in self._blocks) or 1.0
        S = np.zeros((X.shape[0], self._D_rows()))
        for _, cols, weight, kind, w, D in self._blocks:
            sub = X[:, cols]
            if kind == "correlation":
                part = self._centre(sub) @ D
            else:
                part = (_row_normalise(sub @ sp.diags(w)) @ D).toarray()
            S += weight * np.clip(part, 0.0, None)
        return S / total

    def _D_rows(self):
        return self._blocks[0][5].shape[1] if self._blocks else 0


#: Valid measure names and their classes.
MEASURES = {
    cls.name: cls
    for cls in (JaccardSimilarity, CosineSimilarity, HierarchicalCosineSimilarity,
                CoverageSimilarity, ProfileCorrelation)
}


def make_measure(name, **params):
    """The measure called ``name`` with ``params``.

    Raises
    ------
    InvalidParameterError
        For an unknown name (the message lists the valid ones) or parameter.

    Examples
    --------
    >>> make_measure("coverage", hierarchy_decay=0.5).symmetric
    False
    """
    if name not in MEASURES:
        raise InvalidParameterError(
            f"measure={name!r} is not valid; choose one of {sorted(MEASURES)} "
            f"(or None for the taxonomy's default)"
        )
    return MEASURES[name](**params)
