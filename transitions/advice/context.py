"""Per-taxonomy arrays that every recommendation reads, built once per advisor.

The advisor composes a taxonomy, its occupation graph, a labour-market table
and a risk table. Answering a profile must take milliseconds on full ESCO, so
everything that does not depend on the worker is turned into numpy / sparse
arrays aligned with ``taxonomy.occupation_index`` and ``taxonomy.skill_index``
here, and the per-profile work is a few vector operations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..digcomp import UNIT_CODES
from ..exceptions import DataFormatError
from ..graph.priors import code_column, code_levels
from ..profile import skill_arrays
from .effort import MONTHS_PER_EDUCATION_LEVEL, education_levels_up, skill_months
from .score import education_levels, resolve_model

__all__ = ["AdviceContext"]

_TRENDS = ("shrinking", "stable", "growing")


def _sparse(held):
    """CSR float matrix of a dense boolean (or already sparse) profile block."""
    if sp.issparse(held):
        return sp.csr_matrix(held, dtype=float)
    rows, cols = np.nonzero(held)
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=held.shape)


def _text(series, n):
    """Object array of strings with None for missing cells."""
    if series is None:
        return np.full(n, None, dtype=object)
    arr = series.astype(object).to_numpy()
    return np.where(pd.isna(arr), None, arr)


class AdviceContext:
    """Arrays of one taxonomy + labour market + risk assessment (read-only after build).

    Parameters
    ----------
    taxonomy : Taxonomy
    graph : object
        Has ``similarity_from_skills`` (see :meth:`similarity`).
    market_table : pandas.DataFrame
        Indexed by occupation id; ``wage_median`` and, where known,
        ``wage_source``, ``wage_level``, ``trend``, ``trend_source``, and the
        demand columns ``openings``, ``tightness``, ``shortage`` (each with
        ``_source`` and ``_level``; see ``LabourMarket.for_taxonomy``).
    risk_table : pandas.DataFrame
        Indexed by occupation id; ``at_risk`` and ``risk_score``.
    optional_held : bool
        Whether a worker holds their occupation's optional skills.
    level_tolerance : float
        For rated taxonomies: how many level points below a destination's
        requirement a skill may be and still count as held.
    score_model : None, str, dict or ScoreModel
        The transition score's coefficients (see :mod:`transitions.advice.score`).
    """

    def __init__(self, taxonomy, graph, market_table, risk_table, *, optional_held=True,
                 level_tolerance=1.0, score_model=None):
        self.taxonomy = taxonomy
        self.graph = graph
        self.optional_held = bool(optional_held)
        self.level_tolerance = float(level_tolerance)
        occ = taxonomy.occupations
        skills = taxonomy.skills
        self.occupation_index = occ.index
        self.skill_index = skills.index
        self.occupation_ids = occ.index.to_numpy(dtype=object)
        self.skill_ids = skills.index.to_numpy(dtype=object)
        self.n_occ, self.n_skills = len(occ), len(skills)
        # Rank of each id in sorted order: ties in scores are broken by id.
        self.id_rank = np.empty(self.n_occ, dtype=np.int64)
        self.id_rank[np.argsort(self.occupation_ids.astype(str), kind="stable")] = np.arange(self.n_occ)

        self.occ_label = {lang: _text(occ[f"label_{lang}"].fillna(occ["label_en"]), self.n_occ)
                          for lang in ("en", "nl")}
        self.skill_label = {lang: _text(skills[f"label_{lang}"].fillna(skills["label_en"]),
                                        self.n_skills) for lang in ("en", "nl")}

        self.skills_of = skill_arrays(taxonomy)
        self.binary = self.skills_of.binary
        self.weight = taxonomy.incidence("weight").tocsr()
        self.essential = self.skills_of.essential
        self.essential_t = self.essential.T.tocsr()
        self.n_essential = np.diff(self.essential.indptr).astype(float)
        self.digital = skills["digital"].to_numpy(bool)
        self.months = skill_months(skills)
        # Months of every occupation's essential skills, summed: the gap of a worker with none.
        self.essential_months = self.essential.astype(bool).astype(float).multiply(
            self.months[None, :]).tocsr()
        self.total_months = np.asarray(self.essential_months.sum(axis=1)).ravel()
        self.essential_months_t = self.essential_months.T.tocsr()  # transposed once, not per call
        self.education = education_levels(occ)
        col = code_column(taxonomy)
        self.code_levels = code_levels(occ[col].to_numpy(), col) if col else []
        self._build_levels()
        self._build_digcomp_needs()
        self._build_market(market_table)
        self._build_risk(risk_table)
        self.score_model = resolve_model(score_model, self.rated)

    # ------------------------------------------------------------------ builders
    def _build_levels(self):
        """Rated taxonomies (relations with a ``level``, as O*NET): levels per incidence entry.

        ``binary_level`` / ``essential_level`` follow the ``data`` of
        :attr:`binary` / :attr:`essential` (NaN: no level rated), and
        ``essential_threshold`` is the level a worker needs for each essential
        entry: its level minus the tolerance, or the lowest finite float
        where no level is rated (then any held skill meets it).
        """
        rel = self.taxonomy.relations
        self.rated = "level" in rel.columns and bool(rel["level"].notna().any())
        if not self.rated:
            self.binary_level = self.essential_level = self.essential_threshold = None
            self._essential_owner = None
            return
        level = pd.to_numeric(rel["level"], errors="coerce").to_numpy(float)
        rows = self.occupation_index.get_indexer(rel["occupation_id"])
        cols = self.skill_index.get_indexer(rel["skill_id"])
        ok = (rows >= 0) & (cols >= 0) & ~np.isnan(level)
        keys = rows[ok].astype(np.int64) * self.n_skills + cols[ok]
        order = np.argsort(keys, kind="stable")
        keys, level = keys[order], level[ok][order]

        def aligned(M):
            entry_rows = np.repeat(np.arange(M.shape[0]), np.diff(M.indptr))
            want = entry_rows.astype(np.int64) * self.n_skills + M.indices
            at = np.clip(np.searchsorted(keys, want), 0, max(len(keys) - 1, 0))
            found = (keys[at] == want) if len(keys) else np.zeros(len(want), bool)
            return np.where(found, level[at] if len(keys) else np.nan, np.nan)

        self.binary_level = aligned(self.binary)
        self.essential_level = aligned(self.essential)
        E = self.essential
        self._essential_owner = sp.csr_matrix(  # essential entry -> its occupation
            (np.ones(E.nnz), (np.arange(E.nnz), np.repeat(np.arange(self.n_occ),
                                                        np.diff(E.indptr)))),
            shape=(E.nnz, self.n_occ))
        self.essential_threshold = np.where(
            np.isnan(self.essential_level), np.finfo(float).min,
            # "More than the tolerance short": a shortfall of exactly the tolerance is
            # not a gap, whatever the float rounding of the rated levels.
            self.essential_level - self.level_tolerance - 1e-9)

    def worker_levels(self, held, origins, extra):
        """Level of every skill for each profile (rated taxonomies), shape (n, n_skills).

        A skill the worker does not hold is ``-inf``; one held from their
        occupation has the occupation's level; any other held skill (declared
        by the worker, or unrated) is ``+inf``, i.e. meets every requirement.
        ``extra``: per profile, the positions of the skills they declared.
        """
        level = np.where(held, np.inf, -np.inf)
        inc = self.binary
        for i, origin in enumerate(origins):
            lo, hi = inc.indptr[origin], inc.indptr[origin + 1]
            cols, lv = inc.indices[lo:hi], self.binary_level[lo:hi]
            use = held[i, cols] & ~np.isnan(lv)
            use &= ~np.isin(cols, extra[i])
            level[i, cols[use]] = lv[use]
        return level

    def _build_digcomp_needs(self):
        """Level each occupation needs per competence or area (:data:`UNIT_CODES`), from its
        essential skills (0: none)."""
        arr = self.skills_of
        n_comp = len(UNIT_CODES)
        needed = np.zeros((self.n_occ, n_comp), dtype=np.int8)
        known = np.ones((self.n_occ, n_comp), dtype=bool)
        ess = self.essential.tocsc()
        for c in range(n_comp):
            members = arr.skills_of_competence[c]
            if not len(members):
                continue
            sub = ess[:, members]
            lv = sub.multiply(arr.level[members][None, :]).tocsr()
            needed[:, c] = lv.max(axis=1).toarray().ravel()
            unknown = ~arr.level_known[members]
            if unknown.any():
                known[:, c] = np.asarray(sub[:, unknown].sum(axis=1)).ravel() == 0
        self.digcomp_needed = needed
        self.digcomp_needed_known = known

    def _build_market(self, table):
        if "wage_median" not in table:
            raise DataFormatError(
                f"market table lacks column 'wage_median'; found {list(table.columns)[:10]}"
            )
        t = table.reindex(self.occupation_ids)
        wage = pd.to_numeric(t["wage_median"], errors="coerce").to_numpy(float, copy=True)
        wage[~(wage > 0)] = np.nan          # zero / negative marks are not wages
        self.wage = wage
        self.wage_source = _text(t.get("wage_source"), self.n_occ)
        self.wage_level = _text(t.get("wage_level"), self.n_occ)
        # The adult minimum wage: a worker's default wage never falls below it (see core).
        floor = t["wage_minimum"] if "wage_minimum" in t else pd.Series(np.nan, index=t.index)
        self.wage_minimum = pd.to_numeric(floor, errors="coerce").to_numpy(float, copy=True)
        self.wage_minimum_source = _text(t.get("wage_minimum_source"), self.n_occ)
        below = t["wage_below_minimum"] if "wage_below_minimum" in t else \
            pd.Series(False, index=t.index)
        self.wage_below_minimum = below.astype("boolean").fillna(False).to_numpy(bool)
        #: A default worker's wage: the occupation's median, never below the adult minimum
        #: (a median pulled below it by young workers is no adult's wage).
        self.default_wage = np.where(self.wage < self.wage_minimum, self.wage_minimum, self.wage)
        self.trend = _text(t.get("trend"), self.n_occ)
        self.trend_source = _text(t.get("trend_source"), self.n_occ)
        self._build_demand(t)
        self.market_table = table

    def _build_demand(self, t):
        """Openings, tightness and shortage with their provenance, the score's demand feature
        and the in-demand flag (see :mod:`transitions.advice.criteria`)."""
        n = self.n_occ
        self.demand = {}
        for name, extra in (("openings", ("period",)), ("tightness", ("class",)),
                            ("shortage", ("class",))):
            value = (pd.to_numeric(t[name], errors="coerce").to_numpy(float) if name in t
                     else np.full(n, np.nan))
            cols = {name: value}
            for suffix in ("source", "level", *extra):
                cols[f"{name}_{suffix}"] = _text(t.get(f"{name}_{suffix}"), n)
            self.demand.update(cols)
        openings = self.demand["openings"]
        known = np.isfinite(openings) & (openings >= 0)
        # Unknown openings count as the typical occupation's: no evidence either way.
        fill = float(np.median(openings[known])) if known.any() else 0.0
        self.demand_feature = np.log1p(np.where(known, openings, fill))
        rate = (pd.to_numeric(t["openings_rate"], errors="coerce").to_numpy(float)
                if "openings_rate" in t else np.full(n, np.nan))
        self.demand["openings_rate"] = rate
        from .criteria import in_demand

        self.in_demand, self.in_demand_basis = in_demand(self.demand)

    def _build_risk(self, table):
        if "at_risk" not in table:
            raise DataFormatError(
                f"risk table lacks column 'at_risk'; found {list(table.columns)[:10]}"
            )
        t = table.reindex(self.occupation_ids)
        at_risk = t["at_risk"]
        # Unknown risk is not evidence of risk: such destinations stay eligible.
        self.at_risk = at_risk.astype("boolean").fillna(False).to_numpy(bool)
        self.risk_known = at_risk.notna().to_numpy()
        self.risk_score = (pd.to_numeric(t["risk_score"], errors="coerce").to_numpy(float)
                           if "risk_score" in t else np.full(self.n_occ, np.nan))
        self.risk_table = table

    def __getstate__(self):
        # Batch workers get the arrays, not the source tables (smaller to ship).
        state = dict(self.__dict__)
        for key in ("taxonomy", "market_table", "risk_table"):
            state[key] = None
        return state

    # ------------------------------------------------------------------ similarity
    def profile_weights(self, held, origins):
        """Skill weights of profiles for the graph measure, shape (n_profiles, n_skills), sparse.

        A held skill of the worker's own occupation keeps its relation weight
        there (so an unchanged worker scores exactly as their occupation's row
        of the graph); any other held skill weighs 1.
        """
        held = held.toarray().astype(bool) if sp.issparse(held) else np.asarray(held, dtype=bool)
        origins = np.asarray(origins, dtype=np.int64).reshape(-1)
        # The origin rows of the weighted incidence, flattened: (profile, skill, weight).
        W = self.weight
        starts, ends = W.indptr[origins], W.indptr[origins + 1]
        lengths = ends - starts
        owner = np.repeat(np.arange(len(origins)), lengths)
        pos = np.arange(lengths.sum()) + np.repeat(starts - np.r_[0, np.cumsum(lengths)[:-1]],
                                                   lengths)
        cols = W.indices[pos]
        keep = held[owner, cols]
        # Held skills weigh 1; those of the origin get (weight - 1) added.
        delta = sp.csr_matrix((W.data[pos][keep] - 1.0, (owner[keep], cols[keep])),
                              shape=held.shape)
        return (_sparse(held) + delta).tocsr()

    def similarity(self, weights, origins=None):
        """Graph similarity of skill profiles to every occupation.

        Parameters
        ----------
        weights : scipy.sparse matrix, shape (n_profiles, n_skills)
            Profile skill weights (see :meth:`profile_weights`).
        origins : int array, optional
            Each profile's occupation position, so that the graph's
            classification priors apply as for that occupation.

        Returns
        -------
        ndarray of float, shape (n_profiles, n_occupations)
        """
        X = sp.csr_matrix(weights, dtype=float)
        fn = getattr(self.graph, "_similarity_array", None)
        if fn is not None:
            out = np.asarray(fn(X, None if origins is None else np.asarray(origins)), dtype=float)
        else:
            ids = None if origins is None else list(self.occupation_ids[np.asarray(origins)])
            df = self.graph.similarity_from_skills(X, origins=ids)
            out = df.reindex(columns=self.occupation_ids).to_numpy(float)
        return np.nan_to_num(out, nan=0.0)

    def levels_up(self, origins, destinations=None):
        """Education levels up from each origin (:func:`~.effort.education_levels_up`).

        Shape (n_origins, n_occ), or (n_pairs,) when ``destinations`` pairs with ``origins``.
        """
        origins = np.asarray(origins, dtype=np.int64)
        if destinations is None:
            return education_levels_up(self.education[origins][:, None], self.education[None, :])
        return education_levels_up(self.education[origins],
                                   self.education[np.asarray(destinations, dtype=np.int64)])

    def education_steps(self, origins, destinations=None):
        """Months for the education levels up from each origin (see :meth:`levels_up`)."""
        return MONTHS_PER_EDUCATION_LEVEL * self.levels_up(origins, destinations)

    def gap_counts(self, held, level=None, origins=None):
        """Essential skills carried over and months still to learn, per profile and occupation.

        Returns
        -------
        carried : ndarray, shape (n_profiles, n_occ)
            How many of each occupation's essential skills the profile holds.
        months : ndarray, shape (n_profiles, n_occ)
            The effort heuristic's months of the essential skills it lacks and,
            given ``origins`` (each profile's occupation), of the education
            levels up (:mod:`transitions.advice.effort`).

        One sparse product of the profiles with the incidence (the batch's
        floor). With ``level`` (rated taxonomies, see :meth:`worker_levels`) a
        skill counts only where the worker's level meets
        :attr:`essential_threshold`.
        """
        if level is None or not self.rated:
            H = _sparse(held)
            carried = (H @ self.essential_t).toarray()
            months = self.total_months[None, :] - (H @ self.essential_months_t).toarray()
            return carried, self._with_education(np.maximum(months, 0.0), origins)
        cols = self.essential.indices
        entry_months = self.months[cols]
        carried = np.empty((len(level), self.n_occ))
        months = np.empty((len(level), self.n_occ))
        for start in range(0, len(level), 256):  # bounds the profiles x entries temporary
            sl = slice(start, start + 256)
            met = level[sl][:, cols] >= self.essential_threshold[None, :]
            carried[sl] = (sp.csr_matrix(met, dtype=float) @ self._essential_owner).toarray()
            met_months = (sp.csr_matrix(met * entry_months[None, :]) @ self._essential_owner)
            months[sl] = self.total_months[None, :] - met_months.toarray()
        return carried, self._with_education(np.maximum(months, 0.0), origins)

    def _with_education(self, months, origins):
        return months if origins is None else months + self.education_steps(origins)

    def coverage_share(self, carried):
        """Share of each occupation's essential skills held (1 where it has none: nothing to learn)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            cov = carried / self.n_essential[None, :]
        cov[:, self.n_essential == 0] = 1.0
        return cov

    def classification(self, origins):
        """Share of classification levels each origin shares with every occupation.

        The graph's code prior (:func:`transitions.graph.priors.code_prior_matrix`),
        from arrays kept here so that batch workers need no taxonomy.
        """
        origins = np.asarray(origins, dtype=np.int64)
        out = np.zeros((len(origins), self.n_occ))
        for ids in self.code_levels:
            o = ids[origins][:, None]
            out += (o == ids[None, :]) & (o >= 0)
        return out / max(len(self.code_levels), 1)
