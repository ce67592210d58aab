"""The occupation graph: directed similarity between occupations, with the skills behind it.

Score of origin ``o`` -> destination ``d``, in two steps::

    base(o, d) = (skill(o, d) + code_prior * codes(o, d) + text_prior * text(o, d)
                  + group_prior * groups(o, d))
                 / (1 + code_prior + text_prior + group_prior)
    score(o, d) = (base(o, d) + neighbour_smoothing * sum_n w(o, n) base(n, d))
                  / (1 + neighbour_smoothing)

``skill`` is one of the measures of :mod:`transitions.graph.measures`;
``codes`` and ``text`` are the priors of :mod:`transitions.graph.priors`
(shared ISCO/SOC levels; title and description similarity); ``groups`` is
the mean skill similarity between the origin's and the destination's
classification groups (ISCO unit group / SOC detailed occupation), and the
second step adds the base scores of the origin's ``smoothing_k`` nearest
occupations by skill, weighted by that similarity
(:mod:`transitions.graph.smoothing`). Everything lies in [0, 1], so the
score does too, and nothing comes from outside the taxonomy.

Defaults (``measure=None``), chosen on the O*NET related-occupations
benchmark (``benchmarks/bench_graph_ranking.py``, ``docs/benchmarks/graph.md``)
with cross-validation grouped by major occupation group:

* taxonomies with a skill hierarchy and ISCO codes (ESCO, the sample):
  ``"hierarchical_cosine"`` with the values in ``ESCO_DEFAULT``;
* rated taxonomies (O*NET: relations carry ``importance``, or occupations
  carry ``soc_code``): ``"profile"`` with the values in ``ONET_DEFAULT``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._validation import check_number
from ..exceptions import DataFormatError, InvalidParameterError, UnknownSkillError
from .measures import MEASURES, make_measure
from ._topk import top_k
from .priors import code_column, code_levels, code_prior_matrix, text_prior_matrix
from .smoothing import group_affinity, neighbour_weights
from .specificity import reference_occupations, specificity_weights

__all__ = ["OccupationGraph", "default_measure", "ESCO_DEFAULT", "ONET_DEFAULT"]

#: Default measure and parameters for ESCO-like taxonomies (skill hierarchy, ISCO codes).
ESCO_DEFAULT = ("hierarchical_cosine", {"code_prior": 0.4, "text_prior": 0.0, "group_prior": 2.0,
                                        "neighbour_smoothing": 1.0, "smoothing_k": 10})
#: Default measure and parameters for O*NET-like taxonomies (rated profiles, SOC codes).
ONET_DEFAULT = ("profile", {"code_prior": 0.1, "text_prior": 0.4})

_GRAPH_PARAMS = ("code_prior", "text_prior", "group_prior", "neighbour_smoothing", "smoothing_k")
#: Profiles scored at once by ``_similarity_array`` (bounds the temporaries).
_BATCH = 2048


def default_measure(tax):
    """The documented default ``(measure name, graph parameters)`` for ``tax``.

    Examples
    --------
    >>> from transitions import load_sample
    >>> default_measure(load_sample())[0]
    'hierarchical_cosine'
    """
    rated = "importance" in tax.relations.columns and tax.relations["importance"].notna().any()
    if rated or code_column(tax) == "soc_code":
        name, params = ONET_DEFAULT
    else:
        name, params = ESCO_DEFAULT
    return name, dict(params)


def _check_taxonomy(tax):
    if not hasattr(tax, "incidence") or not hasattr(tax, "occupation_index"):
        raise InvalidParameterError(f"expected a Taxonomy, got {type(tax).__name__}")
    if len(tax.occupation_index) == 0:
        raise DataFormatError(f"taxonomy {tax.name!r} has no occupations: nothing to compare")
    if len(tax.skill_index) == 0 or len(tax.relations) == 0:
        raise DataFormatError(
            f"taxonomy {tax.name!r} has no occupation-skill relations: skill similarity is undefined"
        )
    W = tax.incidence("weight")
    if not np.isfinite(W.data).all() or (W.data < 0).any():
        raise DataFormatError(
            f"taxonomy {tax.name!r}: relation weights must be finite and non-negative "
            f"(found NaN, infinite or negative values in relations['weight'])"
        )


class OccupationGraph:
    """Directed similarity between a taxonomy's occupations.

    Build it with :meth:`from_taxonomy`.

    Attributes
    ----------
    taxonomy : Taxonomy
        The taxonomy whose occupations the graph compares (see also the
        properties :attr:`measure`, :attr:`params`, :attr:`symmetric` and
        :attr:`occupation_index`).

    Examples
    --------
    >>> from transitions import load_sample, OccupationGraph
    >>> tax = load_sample()
    >>> graph = OccupationGraph.from_taxonomy(tax)
    >>> graph.measure
    'hierarchical_cosine'
    >>> S = graph.similarity_matrix()
    >>> S.shape == (len(tax.occupations),) * 2
    True
    >>> graph.neighbors("occ-bookkeeper", k=1)["occupation_id"].tolist()
    ['occ-tax-assistant']
    """

    def __init__(self, taxonomy, measure, code_prior=0.0, text_prior=0.0, group_prior=0.0,
                 neighbour_smoothing=0.0, smoothing_k=10):
        self.taxonomy = taxonomy
        self._measure = measure
        self.code_prior = float(code_prior)
        self.text_prior = float(text_prior)
        self.group_prior = float(group_prior)
        self.neighbour_smoothing = float(neighbour_smoothing)
        self.smoothing_k = int(smoothing_k)
        self._matrix = None
        self._base = None  # occupation x occupation scores before neighbour smoothing
        self._base_cache = {}  # occupation position -> its row of those scores (_base_rows)
        self._groups = None  # classification group of each occupation (-1: none)
        self._affinity = None  # group x group mean skill similarity

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_taxonomy(cls, tax, measure=None, **params):
        """Build the graph of ``tax`` with a similarity measure.

        Parameters
        ----------
        tax : Taxonomy
        measure : str, optional
            One of ``"jaccard"``, ``"cosine"``, ``"hierarchical_cosine"``,
            ``"coverage"``, ``"profile"`` (see :mod:`transitions.graph.measures`).
            ``None`` picks the documented default for the taxonomy
            (:func:`default_measure`), including its priors.
        **params
            The measure's parameters, and the graph's: ``code_prior``,
            ``text_prior``, ``group_prior`` (weights >= 0 of the
            classification, description and group-affinity priors),
            ``neighbour_smoothing`` (weight >= 0 of the origin's skill
            neighbours' scores) and ``smoothing_k`` (number of those
            neighbours, default 10). The weights default to 0 for an
            explicitly named measure; ``measure=None`` uses the taxonomy's
            defaults, which explicit values override.

        Returns
        -------
        OccupationGraph

        Raises
        ------
        InvalidParameterError
            Unknown measure or parameter (the message lists the valid ones).
        DataFormatError
            Empty taxonomy, or NaN / negative relation weights.

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> g = OccupationGraph.from_taxonomy(load_sample(), "coverage", code_prior=0.2)
        >>> g.symmetric, g.params["code_prior"]
        (False, 0.2)
        """
        _check_taxonomy(tax)
        prior_params = {}
        if measure is None:
            measure, prior_params = default_measure(tax)
        elif measure not in MEASURES:
            raise InvalidParameterError(
                f"measure={measure!r} is not valid; choose one of {sorted(MEASURES)} "
                f"(or None for the taxonomy's default)"
            )
        for name in _GRAPH_PARAMS:
            if name in params:
                prior_params[name] = params.pop(name)
        for name, value in prior_params.items():
            if name == "smoothing_k":
                if not (isinstance(value, (int, np.integer)) and not isinstance(value, bool)
                        and value >= 1):
                    raise InvalidParameterError(
                        f"smoothing_k={value!r} is not valid; use a positive integer")
                continue
            ok = isinstance(value, (int, float, np.integer, np.floating)) and np.isfinite(value)
            if not ok or value < 0:
                raise InvalidParameterError(f"{name}={value!r} is not valid; use a number >= 0")
        m = make_measure(measure, **params).fit(tax)
        return cls(tax, m, **prior_params)

    # ------------------------------------------------------------------ properties
    @property
    def measure(self):
        """Name of the skill measure (str).

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> OccupationGraph.from_taxonomy(load_sample(), "jaccard").measure
        'jaccard'
        """
        return self._measure.name

    @property
    def symmetric(self):
        """Whether the skill measure is symmetric (bool; the priors are).

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> tax = load_sample()
        >>> OccupationGraph.from_taxonomy(tax, "cosine").symmetric
        True
        >>> OccupationGraph.from_taxonomy(tax, "coverage").symmetric
        False
        """
        return bool(self._measure.symmetric)

    @property
    def params(self):
        """The measure's parameters plus the graph's (dict).

        The graph's are ``code_prior``, ``text_prior``, ``group_prior``,
        ``neighbour_smoothing`` and ``smoothing_k``.

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> g = OccupationGraph.from_taxonomy(load_sample(), "cosine", text_prior=0.5)
        >>> g.params["text_prior"], g.params["code_prior"]
        (0.5, 0.0)
        """
        return {**self._measure.params, "code_prior": self.code_prior,
                "text_prior": self.text_prior, "group_prior": self.group_prior,
                "neighbour_smoothing": self.neighbour_smoothing,
                "smoothing_k": self.smoothing_k}

    @property
    def occupation_index(self):
        """pandas.Index of occupation ids: the rows and columns of :meth:`similarity_matrix`.

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> g = OccupationGraph.from_taxonomy(load_sample())
        >>> g.similarity_matrix().shape == (len(g.occupation_index),) * 2
        True
        """
        return self.taxonomy.occupation_index

    def __repr__(self):
        return (f"OccupationGraph(taxonomy={self.taxonomy.name!r}, measure={self.measure!r}, "
                f"code_prior={self.code_prior}, text_prior={self.text_prior}, "
                f"group_prior={self.group_prior}, "
                f"neighbour_smoothing={self.neighbour_smoothing}, smoothing_k={self.smoothing_k})")

    # ------------------------------------------------------------------ scores
    def _combine(self, skill, origins):
        """Add the priors for origin positions ``origins`` (-1 entries: no prior), in place."""
        total = 1.0 + self.code_prior + self.text_prior + self.group_prior
        if total == 1.0:
            return skill
        n_ref = reference_occupations(self.taxonomy)
        # An occupation an extension added has no population of its own to back the priors
        # (its group's affinities are the base occupations'): it is scored on skills alone.
        added = skill[:, n_ref:].copy() if n_ref is not None and n_ref < skill.shape[1] \
            else None
        out = skill
        if origins is not None:
            origins = np.asarray(origins)
            has = origins >= 0
            rows = np.flatnonzero(has)
            every = len(rows) == len(origins)
            pos = origins[rows]
            for weight, prior in ((self.code_prior, code_prior_matrix),
                                  (self.text_prior, text_prior_matrix),
                                  (self.group_prior, self._group_prior_matrix)):
                if not weight or not len(rows):
                    continue
                add = prior(self.taxonomy, pos)
                add *= weight
                if every:  # no fancy-index copy when every profile has an origin
                    out += add
                else:
                    out[rows] += add
        out /= total
        if added is not None:
            out[:, n_ref:] = added
        return out

    def _group_prior_matrix(self, tax, origins):
        """Group affinity of origin positions ``origins`` to every occupation."""
        g = self._groups
        if self._affinity is None or not len(self._affinity):
            return np.zeros((len(origins), len(g)))
        og = g[origins]
        # Ungrouped occupations (-1) point at an appended all-zero row/column (padded once:
        # copying the group x group matrix cost a fifth of one profile's priors).
        padded = getattr(self, "_affinity_padded", None)
        if padded is None or padded[0] is not self._affinity:
            padded = self._affinity_padded = (self._affinity,
                                              np.pad(self._affinity, ((0, 1), (0, 1))))
        return np.take(padded[1][og], g, axis=1)

    def _prepare_groups(self, skill):
        """Group ids and group affinity from the occupation x occupation skill matrix."""
        col = code_column(self.taxonomy)
        if col is None:
            self._groups = np.full(skill.shape[0], -1)
            self._affinity = np.zeros((0, 0))
            return
        self._groups = code_levels(self.taxonomy.occupations[col].to_numpy(), col)[-1]
        n_ref = reference_occupations(self.taxonomy)
        if n_ref is None:
            self._affinity = group_affinity(skill, self._groups)
            return
        # Affinities between groups from the reference occupations only; a group only new
        # occupations belong to has none (0).
        ref = group_affinity(skill[:n_ref, :n_ref], self._groups[:n_ref])
        n_groups = int(self._groups.max()) + 1 if len(self._groups) else 0
        self._affinity = np.zeros((n_groups, n_groups))
        self._affinity[:ref.shape[0], :ref.shape[1]] = ref

    def _reference_only(self, skill):
        """``skill`` with the columns of occupations an extension added set to 0: neighbours
        for smoothing are chosen among the reference occupations
        (:func:`~transitions.graph.specificity.reference_occupations`)."""
        n_ref = reference_occupations(self.taxonomy)
        if n_ref is None:
            return skill
        out = skill.copy()
        out[:, n_ref:] = 0.0
        return out

    def _smooth(self, base, neighbours, base_all):
        """``(base + s * neighbours @ base_all) / (1 + s)``.

        Rows without neighbours (no positive skill similarity) keep ``base``.
        """
        s = self.neighbour_smoothing
        out = neighbours @ base_all
        lonely = np.flatnonzero(neighbours.getnnz(axis=1) == 0)
        out[lonely] = base[lonely]
        out *= s
        out += base
        out /= 1.0 + s
        n_ref = reference_occupations(self.taxonomy)
        if n_ref is not None and n_ref < out.shape[1]:
            out[:, n_ref:] = base[:, n_ref:]    # an added occupation: skills alone (_combine)
        return out

    def _similarity_array(self, X, origins=None):
        """Scores of profile rows ``X`` (sparse, skill columns) to every occupation.

        ``origins``: row positions of each profile's origin occupation, or -1
        (no prior), or None (no priors at all). The batch workhorse behind
        :meth:`similarity_from_skills`: one sparse product dominates, plus one
        product with the cached occupation scores when neighbour smoothing is on.
        """
        if self.group_prior:
            self._prepare_population()  # group affinities (not the whole matrix)
        if X.shape[0] > _BATCH:
            # Bounded temporaries: score large batches in slices.
            out = np.empty((X.shape[0], len(self.occupation_index)))
            for start in range(0, X.shape[0], _BATCH):
                sl = slice(start, start + _BATCH)
                out[sl] = self._similarity_array(X[sl], None if origins is None else origins[sl])
            return out
        skill = self._measure.score(X)
        neighbours = None
        if self.neighbour_smoothing:
            neighbours = neighbour_weights(self._reference_only(skill), self.smoothing_k,
                                           exclude=origins)
        base = self._combine(skill, origins)
        if neighbours is None:
            return base
        if self._base is not None:
            return self._smooth(base, neighbours, self._base)
        # Only the neighbours' own scores are needed: their rows, not the whole matrix.
        cols = np.unique(neighbours.indices)
        return self._smooth(base, neighbours[:, cols].tocsr(), self._base_rows(cols))

    def _base_rows(self, rows):
        """The occupations ``rows``' scores to every occupation before smoothing (the rows of
        the matrix :meth:`_matrix_array` builds, computed alone).

        Rows are kept once computed: one profile needs its ten or so neighbours' rows,
        which scoring alone would cost more than the profile itself, and a caseload keeps
        meeting the same neighbours. Each is scored row-wise, so that its value does not
        depend on which rows were missing with it (results never depend on what was asked
        before). The cache holds at most every row (the size of the full matrix, which
        :meth:`similarity_matrix` keeps anyway) and is not pickled.
        """
        cache = self._base_cache
        new = np.array([r for r in dict.fromkeys(np.asarray(rows).tolist()) if r not in cache],
                       dtype=np.int64)
        if len(new):
            skill = self._measure.score(self.taxonomy.incidence("weight")[new], rowwise=True)
            for r, row in zip(new.tolist(), self._combine(skill, new)):
                cache[r] = row
        return np.stack([cache[r] for r in np.asarray(rows).tolist()])

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_base_cache"] = {}  # batch workers fill their own (see _base_rows)
        return state

    def __setstate__(self, state):
        state.setdefault("_base_cache", {})  # graphs pickled before the cache existed
        self.__dict__.update(state)

    def _prepare_population(self):
        """The group affinities, which take scoring every pair of occupations: computed once
        and, for a taxonomy from the cache, stored in the data home by its content key."""
        if self._affinity is not None:
            return
        source = getattr(self.taxonomy, "_content_key", None)
        if source is None:
            self._matrix_array()
            return
        from ..datasets._derived import code_digest, content_key, load_or_build

        def build():
            self._matrix_array()
            return {"affinity": np.asarray(self._affinity, float),
                    "groups": np.asarray(self._groups, np.int64)}

        key = content_key("graph-affinity", code_digest("graph"), source, self.measure,
                          self.params)
        stored = load_or_build("graph-affinity", key, build)
        self._affinity, self._groups = stored["affinity"], stored["groups"]

    def _matrix_array(self):
        if self._matrix is None:
            n = len(self.occupation_index)
            own = np.arange(n)
            skill = self._measure.score(self.taxonomy.incidence("weight"))
            if self.group_prior:
                self._prepare_groups(skill)
            neighbours = None
            if self.neighbour_smoothing:
                neighbours = neighbour_weights(self._reference_only(skill), self.smoothing_k,
                                               exclude=own)
            base = self._combine(skill, own)
            if neighbours is None:
                self._matrix = base
            else:
                self._base = base
                self._base_cache = {}  # its rows, computed alone before (_base_rows)
                self._matrix = self._smooth(base, neighbours, base)
        return self._matrix

    def similarity_matrix(self):
        """The full directed similarity as a square DataFrame.

        Returns
        -------
        pandas.DataFrame
            Rows are origin ids, columns destination ids (the taxonomy's
            order); values in [0, 1]. The diagonal holds each occupation's
            similarity to itself as the measure gives it (1 for the cosine
            measures and coverage without priors); :meth:`neighbors` and
            :meth:`to_networkx` leave it out.

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> S = OccupationGraph.from_taxonomy(load_sample(), "jaccard").similarity_matrix()
        >>> bool((S.values == S.values.T).all())
        True
        """
        idx = self.occupation_index
        return pd.DataFrame(self._matrix_array().copy(), index=idx.rename("origin"),
                            columns=idx.rename("destination"))

    def _profiles_matrix(self, skills):
        tax = self.taxonomy
        n_skills = len(tax.skill_index)
        if isinstance(skills, (list, tuple)) and (len(skills) == 0 or not np.isscalar(skills[0])):
            rows, cols = [], []
            for i, ids in enumerate(skills):
                if isinstance(ids, str):
                    raise InvalidParameterError(
                        "skills must be a list of skill-id lists (one list per profile), "
                        f"got a bare string {ids!r} at position {i}"
                    )
                pos = tax.skill_position(list(ids)) if len(ids) else np.array([], dtype=int)
                rows.extend([i] * len(pos))
                cols.extend(pos.tolist())
            X = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(skills), n_skills))
            X.data[:] = 1.0  # a repeated id counts once
            return X
        if isinstance(skills, pd.DataFrame):
            unknown = skills.columns.difference(tax.skill_index)
            if len(unknown):
                raise UnknownSkillError(
                    f"skills DataFrame has {len(unknown)} column(s) that are not skill ids of "
                    f"taxonomy {tax.name!r}, e.g. {list(unknown[:3])}"
                )
            skills = skills.reindex(columns=tax.skill_index, fill_value=0).to_numpy(float)
        X = sp.csr_matrix(skills, dtype=float) if not sp.issparse(skills) else sp.csr_matrix(
            skills, dtype=float)
        if X.ndim != 2 or X.shape[1] != n_skills:
            raise InvalidParameterError(
                f"skills matrix has shape {X.shape}; expected (n_profiles, {n_skills}) with "
                f"columns in tax.skill_index order"
            )
        if not np.isfinite(X.data).all():
            raise InvalidParameterError("skills matrix contains NaN or infinite weights")
        if (X.data < 0).any():
            raise InvalidParameterError("skills matrix contains negative weights")
        return X

    def similarity_from_skills(self, skills, origins=None, index=None):
        """Similarity of arbitrary skill profiles to every destination occupation.

        Uses the same measure as :meth:`similarity_matrix`: an occupation's own
        row of ``tax.incidence("weight")`` with ``origins=[that occupation]``
        gives exactly its row of the matrix.

        Parameters
        ----------
        skills : scipy.sparse matrix, numpy array, DataFrame or list of lists
            ``n_profiles x n_skills`` weights (booleans work: True = 1) with
            columns in ``tax.skill_index`` order (a DataFrame is aligned by
            its skill-id columns); or one list of skill ids per profile
            (weight 1 each).
        origins : sequence of str or None, optional
            Each profile's current occupation id (None for none): the
            classification and description priors then apply as for that
            occupation. Without it the priors contribute nothing.
        index : sequence, optional
            Row labels of the result (default 0..n-1, or the DataFrame's index).

        Returns
        -------
        pandas.DataFrame
            Profiles x destination occupation ids, values in [0, 1].

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> tax = load_sample()
        >>> g = OccupationGraph.from_taxonomy(tax, "coverage")
        >>> own = tax.occupation_skills("occ-bookkeeper").index.tolist()
        >>> S = g.similarity_from_skills([own], origins=["occ-bookkeeper"])
        >>> round(float(S.loc[0, "occ-bookkeeper"]), 12)  # 1 up to rounding
        1.0
        """
        if index is None and isinstance(skills, pd.DataFrame):
            index = skills.index
        X = self._profiles_matrix(skills)
        pos = None
        if origins is not None:
            origins = list(origins)
            if len(origins) != X.shape[0]:
                raise InvalidParameterError(
                    f"origins has {len(origins)} entries; expected one per profile ({X.shape[0]})"
                )
            known = [o for o in origins if o is not None]
            pos = np.full(len(origins), -1)
            if known:
                found = self.taxonomy.occupation_position(known)
                pos[[i for i, o in enumerate(origins) if o is not None]] = found
        S = self._similarity_array(X, pos)
        return pd.DataFrame(S, index=index, columns=self.occupation_index.rename("destination"))

    # ------------------------------------------------------------------ neighbours
    def _ranked(self, row, k, exclude):
        """Positions of the ``k`` best scores of ``row``, best first, ties by id."""
        ids = self.occupation_index.to_numpy()
        by_id = np.argsort(ids, kind="stable")
        excluded = np.zeros(len(row), dtype=bool)
        excluded[exclude] = True
        order, valid = top_k(row[by_id][None, :], k, excluded[by_id][None, :])
        return by_id[order[0][valid[0]]]

    def neighbors(self, occupation, k=10):
        """The ``k`` closest destinations of an occupation, with the skills behind each.

        Parameters
        ----------
        occupation : str
            Origin occupation id.
        k : int, default=10

        Returns
        -------
        pandas.DataFrame
            One row per destination, best first (ties by id), columns:
            ``rank`` (1..k), ``occupation_id``, ``label_en``, ``label_nl``,
            ``score``, ``skill_similarity`` (the skill measure alone),
            ``coverage`` (share of the destination's specificity-weighted
            requirements the origin holds exactly), ``n_shared``,
            ``n_missing``, ``shared_skills`` and ``missing_skills`` (tuples of
            skill ids, the destination's essential skills first, then the
            most specific).

        Raises
        ------
        UnknownOccupationError
            With title suggestions.

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> g = OccupationGraph.from_taxonomy(load_sample())
        >>> nb = g.neighbors("occ-bookkeeper", k=3)
        >>> list(nb["rank"]), "occ-bookkeeper" in set(nb["occupation_id"])
        ([1, 2, 3], False)
        """
        if not (isinstance(k, (int, np.integer)) and k >= 1):
            raise InvalidParameterError(f"k={k!r} is not valid; use a positive integer")
        tax = self.taxonomy
        i = int(tax.occupation_position(occupation)[0])
        row = self._matrix_array()[i]
        top = self._ranked(row, k, [i])
        skill_part = self._measure.score(tax.incidence("weight")[i])[0]
        table = self._explain(i, top)
        occ = tax.occupations.iloc[top]
        out = pd.DataFrame({
            "rank": np.arange(1, len(top) + 1),
            "occupation_id": occ.index.to_numpy(),
            "label_en": occ["label_en"].to_numpy(),
            "label_nl": occ["label_nl"].to_numpy(),
            "score": row[top],
            "skill_similarity": skill_part[top],
        })
        return pd.concat([out, table], axis=1)

    def _explain(self, i, dests):
        """Shared and missing skills of origin ``i`` versus destinations ``dests``."""
        tax = self.taxonomy
        W = tax.incidence("weight")
        E = tax.incidence("essential")
        spec = self._specificity()
        origin = set(W[i].indices.tolist())
        skill_ids = tax.skill_index.to_numpy()
        rows = []
        for d in dests:
            cols = W[d].indices
            weights = W[d].data * spec[cols]
            essential = np.asarray(E[d, cols].todense()).ravel() > 0
            # essential first, then most specific (weight x specificity), then id
            order = np.lexsort((skill_ids[cols], -weights, ~essential))
            cols, weights = cols[order], weights[order]
            held = np.array([c in origin for c in cols], dtype=bool)
            total = weights.sum()
            rows.append({
                "coverage": float(weights[held].sum() / total) if total > 0 else float(held.mean() if len(held) else 0.0),
                "n_shared": int(held.sum()),
                "n_missing": int((~held).sum()),
                "shared_skills": tuple(skill_ids[cols[held]]),
                "missing_skills": tuple(skill_ids[cols[~held]]),
            })
        return pd.DataFrame(rows, columns=["coverage", "n_shared", "n_missing",
                                           "shared_skills", "missing_skills"])

    def _specificity(self):
        if getattr(self, "_spec", None) is None:
            self._spec = specificity_weights(self.taxonomy.incidence("binary"), "idf",
                                             reference_occupations(self.taxonomy))
        return self._spec

    # ------------------------------------------------------------------ networkx
    def to_networkx(self, k=10, threshold=None):
        """A sparsified directed graph: each origin's ``k`` best destinations (and/or a threshold).

        Parameters
        ----------
        k : int or None, default=10
            Keep each origin's ``k`` best out-edges (ties by id); None keeps all.
        threshold : float, optional
            Keep only edges with a score >= ``threshold``.

        Returns
        -------
        networkx.DiGraph
            Nodes: occupation ids with ``label_en``, ``label_nl`` and the
            classification code (``isco_code`` or ``soc_code``) where known.
            Edges origin -> destination with ``weight`` and ``similarity``
            (the score) and ``rank`` (1 = the origin's closest). No self-loops.
            Graph attributes: ``taxonomy``, ``measure``, ``params``.

        Examples
        --------
        >>> from transitions import load_sample, OccupationGraph
        >>> G = OccupationGraph.from_taxonomy(load_sample()).to_networkx(k=5)
        >>> all(G.out_degree(n) == 5 for n in G)
        True
        """
        import networkx as nx

        if k is not None and not (isinstance(k, (int, np.integer)) and k >= 1):
            raise InvalidParameterError(f"k={k!r} is not valid; use a positive integer or None")
        if threshold is not None:  # scores lie in [0, 1]: another threshold keeps all or nothing
            threshold = check_number(threshold, "threshold", low=0.0, high=1.0)
        S = self._matrix_array()
        n = S.shape[0]
        ids = self.occupation_index.to_numpy()
        excluded = np.eye(n, dtype=bool)
        if threshold is not None:
            excluded |= S < threshold
        # Columns in id order, so that top_k's column-order tie break is by id.
        by_id = np.argsort(ids, kind="stable")
        kk = n - 1 if k is None else min(k, n - 1)
        order, valid = top_k(S[:, by_id], max(kk, 1), excluded[:, by_id])
        order = by_id[order]
        scores = np.where(valid, np.take_along_axis(S, order, axis=1), -np.inf)
        G = nx.DiGraph(taxonomy=self.taxonomy.name, measure=self.measure,
                       params=repr(self.params))
        G.add_nodes_from(self._node_attributes())
        src, rank = np.nonzero(np.isfinite(scores))
        dst = order[src, rank]
        w = scores[src, rank]
        G.add_edges_from(
            (ids[s], ids[d], {"weight": float(x), "similarity": float(x), "rank": int(r) + 1})
            for s, d, x, r in zip(src, dst, w, rank)
        )
        return G

    def _node_attributes(self):
        occ = self.taxonomy.occupations
        cols = [c for c in ("label_en", "label_nl", "isco_code", "soc_code") if c in occ.columns]
        for node_id, rec in zip(occ.index, occ[cols].to_dict("records")):
            yield node_id, {c: str(v) for c, v in rec.items() if isinstance(v, str) or pd.notna(v)}
