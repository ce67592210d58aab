"""The :class:`Advisor`: taxonomy + occupation graph + labour market + risk, built once.

Notebook users build one advisor and ask it about many workers::

    adv = Advisor.from_sample()            # or Advisor(load_esco(...), LabourMarket.from_files(...))
    p = WorkerProfile("boekhouder", digcomp={"3": 2})
    adv.recommend(p)                       # ranked switch options with their gaps
    adv.paths(p)                           # stepping stones
    adv.skills_to_learn(p)                 # what unlocks the most options
    adv.recommend_batch(caseload_df)       # a whole caseload at once
    adv.coverage()                         # the workforce headline

What counts as a good option
----------------------------
A destination is a *good option* for a worker when all of these hold:

* it is not their current occupation nor one they excluded;
* its skill similarity to the worker's skills (the graph's measure, computed
  from the skills the worker is taken to have, see :mod:`transitions.profile`)
  is at least ``min_similarity``;
* its median wage is known and at least ``min_wage_ratio`` times the
  worker's wage (their own, else their occupation's median): salary-neutral
  by default. Without a known wage no salary claim is made, so such
  destinations are left out;
* it is not at risk (when ``exclude_at_risk``, the default). Destinations
  whose risk is unknown are kept.

Good options are ranked by ``score``, the geometric mean of the similarity
and the share of the destination's essential skills the worker already has
(so that of two equally similar destinations the one with the smaller
essential gap comes first), ties broken by occupation id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..profile import WorkerProfile
from ..taxonomy import _check_lang
from .context import AdviceContext
from .core import check_min_similarity, evaluate, resolve_block, top_pairs
from .options import option_table

__all__ = ["Advisor", "recommend", "DEFAULT_MIN_SIMILARITY"]

#: Default skill-similarity threshold of a good option (see the module docs).
DEFAULT_MIN_SIMILARITY = 0.5


def _as_profile(profile):
    if isinstance(profile, WorkerProfile):
        return profile
    if isinstance(profile, str):
        return WorkerProfile(profile)
    if isinstance(profile, dict):
        return WorkerProfile.from_dict(profile)
    raise InvalidParameterError(
        f"profile must be a WorkerProfile, a dict or an occupation string, got {type(profile).__name__}"
    )


def _check_n(n, what="n"):
    if n is None:
        return None
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InvalidParameterError(f"{what} must be a positive integer or None, got {n!r}")
    return int(n)


class Advisor:
    """Switch advice for workers on one taxonomy and labour market.

    Parameters
    ----------
    taxonomy : Taxonomy
    market : LabourMarket, optional
        Wages, trends and workforce; required unless ``market_table`` is given
        (the sample taxonomy defaults to ``LabourMarket.from_sample()``).
    graph : OccupationGraph, optional
        Default: ``OccupationGraph.from_taxonomy(taxonomy)``.
    market_table : pandas.DataFrame, optional
        ``market.for_taxonomy(taxonomy)`` precomputed or your own: indexed by
        occupation id with ``wage_median`` and, where known, ``wage_source``,
        ``wage_level``, ``trend``, ``trend_source``.
    risk_table : pandas.DataFrame, optional
        Default: ``transitions.models.assess_risk(market_table, taxonomy=taxonomy)``; indexed by
        occupation id with ``at_risk`` and ``risk_score``.
    min_similarity : float, default=0.5
        Skill-similarity threshold of a good option (overridable per call).
    optional_held : bool, default=True
        Whether a worker holds their occupation's optional skills.
    level_tolerance : float >= 0, default=1.0
        Rated taxonomies only (relations with a ``level``, as O*NET's 0-7
        scale): a skill the worker has from their occupation still counts as
        a gap when the destination needs it more than this many points
        higher. Skills the worker declares count as meeting any level.
        Ignored for ESCO, whose relations carry no level.
    n_jobs : int, default=1
        Processes for batches (joblib; -1: all cores).

    Examples
    --------
    >>> from transitions import Advisor, WorkerProfile
    >>> adv = Advisor.from_sample()
    >>> options = adv.recommend(WorkerProfile("boekhouder"), n=3, lang="nl")
    >>> len(options) <= 3 and "occ-bookkeeper" not in set(options["occupation_id"])
    True
    >>> bool((options["wage_ratio"] >= 1.0).all())
    True
    """

    def __init__(self, taxonomy, market=None, *, graph=None, market_table=None, risk_table=None,
                 min_similarity=DEFAULT_MIN_SIMILARITY, optional_held=True, level_tolerance=1.0,
                 n_jobs=1):
        if market_table is None:
            if market is None:
                if taxonomy.name != "sample":
                    raise InvalidParameterError(
                        f"Advisor needs market= (a LabourMarket) or market_table= for taxonomy "
                        f"{taxonomy.name!r}; only the sample has a default labour market"
                    )
                from ..labour import LabourMarket

                market = LabourMarket.from_sample()
            market_table = market.for_taxonomy(taxonomy)
        if risk_table is None:
            from ..models import assess_risk

            risk_table = assess_risk(market_table, taxonomy=taxonomy)
        if graph is None:
            from ..graph import OccupationGraph

            graph = OccupationGraph.from_taxonomy(taxonomy)
        self.taxonomy = taxonomy
        self.market = market
        self.graph = graph
        self.min_similarity = check_min_similarity(min_similarity)
        self.n_jobs = n_jobs
        if isinstance(level_tolerance, bool) or not isinstance(level_tolerance, (int, float)) \
                or not level_tolerance >= 0:
            raise InvalidParameterError(
                f"level_tolerance must be a number >= 0 (level points), got {level_tolerance!r}")
        self._ctx = AdviceContext(taxonomy, graph, market_table, risk_table,
                                  optional_held=optional_held, level_tolerance=level_tolerance)
        self._occ_cache = {}
        self._caches = {}

    @classmethod
    def from_sample(cls, **kwargs):
        """An advisor on the embedded sample and its illustrative labour market."""
        from ..datasets import load_sample

        return cls(load_sample(), **kwargs)

    @property
    def market_table(self):
        """The labour-market table the advisor uses (by occupation id)."""
        return self._ctx.market_table

    @property
    def risk_table(self):
        """The risk table the advisor uses (by occupation id)."""
        return self._ctx.risk_table

    def __repr__(self):
        return (f"Advisor(taxonomy={self.taxonomy.name!r}, occupations={self._ctx.n_occ}, "
                f"min_similarity={self.min_similarity})")

    # ------------------------------------------------------------------ helpers
    def profile(self, occupation, **kwargs):
        """A :class:`WorkerProfile` resolved against this advisor's taxonomy (errors at once)."""
        return WorkerProfile(occupation, **kwargs).resolve(self.taxonomy)

    def _threshold(self, min_similarity):
        return self.min_similarity if min_similarity is None else check_min_similarity(min_similarity)

    def _resolve_one(self, profile):
        block = resolve_block(self._ctx, [_as_profile(profile)], self._occ_cache)
        if not np.isfinite(block.worker_wage[0]):
            occ = self._ctx.occupation_ids[block.origin[0]]
            raise InvalidParameterError(
                f"no wage is known for occupation {occ!r} in the labour-market table, so the "
                f"wage floor cannot be checked; pass wage= (gross hourly, in the market's "
                f"currency) in the profile"
            )
        return block

    def _worker_attrs(self, block, ev, threshold):
        ctx, origin = self._ctx, block.origin[0]
        own = bool(block.worker_wage_from_profile[0])
        floored = bool(block.worker_wage_floored[0])
        if own:
            source, level = "profile", "worker"
        elif floored:
            source, level = ctx.wage_minimum_source[origin], "adult minimum wage"
        else:
            source, level = ctx.wage_source[origin], ctx.wage_level[origin]
        return {
            "origin": ctx.occupation_ids[origin],
            "origin_label_en": ctx.occ_label["en"][origin],
            "origin_label_nl": ctx.occ_label["nl"][origin],
            "origin_at_risk": bool(ctx.at_risk[origin]),
            "worker_wage": float(block.worker_wage[0]),
            "worker_wage_source": source,
            "worker_wage_level": level,
            "worker_wage_floored": floored,
            "origin_wage_median": float(ctx.wage[origin]),
            "origin_wage_below_minimum": bool(ctx.wage_below_minimum[origin]),
            "min_similarity": threshold,
            "min_wage_ratio": float(block.min_ratio[0]),
            "n_options": int(ev["good"][0].sum()),
        }

    # ------------------------------------------------------------------ recommend
    def recommend(self, profile, *, n=10, min_similarity=None, lang="en", explain=True):
        """Rank a worker's good switch options (see the module docs for "good").

        Parameters
        ----------
        profile : WorkerProfile, dict or str
            A string is taken as the occupation of a default profile.
        n : int or None, default=10
            Number of options to return; None for all good options.
        min_similarity : float, optional
            Skill-similarity threshold; default the advisor's.
        lang : {"en", "nl"}, default="en"
            Language of ``label``, ``missing_labels`` and ``explanation``.
        explain : bool, default=True
            Write the one-line ``explanation``.

        Returns
        -------
        pandas.DataFrame
            One row per option, best first, with columns

            - ``rank`` (1 = best), ``occupation_id``, ``label`` (in ``lang``),
              ``label_en``, ``label_nl``;
            - ``score``: geometric mean of ``similarity`` and ``essential_coverage``;
            - ``similarity``: graph similarity of the worker's skills to the destination;
            - ``essential_coverage``: share of the destination's essential skills held;
            - ``wage_ratio``: destination median wage / worker wage; ``wage_median``
              (EUR/hour), ``wage_source`` and ``wage_level`` of the destination's wage;
            - ``risk_score``, ``at_risk``, ``trend`` (shrinking/stable/growing),
              ``trend_source`` of the destination;
            - ``n_missing``, ``missing_skills`` (tuple of skill ids: the destination's
              essential skills the worker lacks, the gap), ``missing_labels``;
            - ``n_missing_digital``, ``missing_digital``: the digital skills of the gap;
            - ``digcomp_gap``: tuple of ``(code, level_needed, worker_level)``
              for each DigComp competence (``"3.4"``) or area (``"4"``, for
              skills ESCO tags with a whole area) the destination's essential
              skills need above the worker's level (``worker_level`` None: no
              rating and no skill of that competence held);
            - ``effort_months``, ``effort_band`` (``"<= 6 months"``, ``"<= 1 year"``,
              ``"<= 3 years"``, ``"> 3 years"``; see :mod:`transitions.advice.effort`);
            - ``explanation``: one line in ``lang``.

            - ``wage_below_minimum``: the destination's median (or its group's)
              is below the adult statutory minimum wage (a youth-heavy median,
              see :mod:`transitions.labour.minimum_wage`).

            ``attrs`` holds the origin, the worker wage with its source and
            level, the thresholds and ``n_options`` (all good options, before
            ``n``). Without a wage in the profile the worker's wage is the
            occupation's median, but never less than the adult minimum wage:
            where the median is below it (kassamedewerker, EUR 9.00 in 2022)
            the minimum is taken (``worker_wage_floored``, level ``"adult
            minimum wage"``, the source naming it); ``origin_wage_median`` and
            ``origin_wage_below_minimum`` keep the occupation's own figure.

        Raises
        ------
        UnknownOccupationError, UnknownSkillError, InvalidParameterError
        """
        n = _check_n(n)
        _check_lang(lang)
        threshold = self._threshold(min_similarity)
        block = self._resolve_one(profile)
        ev = evaluate(self._ctx, block, threshold)
        p, d, rank = top_pairs(self._ctx, ev, n)
        out = option_table(self._ctx, block, ev, p, d, rank, lang=lang, explain=explain)
        out.attrs.update(self._worker_attrs(block, ev, threshold))
        return out

    def gap(self, profile, destination, *, lang="en"):
        """What a worker must learn for one destination, one row per item.

        Parameters
        ----------
        profile : WorkerProfile, dict or str
        destination : str
            Occupation id, code or exact title.
        lang : {"en", "nl"}, default="en"

        Returns
        -------
        pandas.DataFrame
            Rows of ``kind`` ``"skill"`` (the destination's essential skills the
            worker lacks, digital ones first) and ``"digcomp"`` (competences
            needed above the worker's level), with columns ``kind``, ``id``,
            ``label``, ``digital``, ``reuse_level``, ``effort_months``,
            ``level_needed``, ``worker_level`` and ``level_source``
            (``"taxonomy"`` or ``"default"`` when a skill gives no level).
            Levels are DigComp proficiency levels (1-8) on ``"digcomp"`` rows
            and, for rated taxonomies (O*NET), the rated level (0-7) the
            destination needs and the worker's occupation has on ``"skill"``
            rows (missing where the worker lacks the skill outright); the level
            columns are ``Int64``, or ``Float64`` for rated taxonomies.

        Examples
        --------
        >>> from transitions import Advisor
        >>> adv = Advisor.from_sample()
        >>> g = adv.gap("occ-bookkeeper", "occ-data-analyst", lang="nl")
        >>> sorted(set(g["kind"])) <= ["digcomp", "skill"]
        True
        """
        from ..digcomp import UNIT_CODES, unit_title
        from ..profile import resolve_occupation
        from .core import digcomp_gaps, pair_gaps

        _check_lang(lang)
        ctx = self._ctx
        block = resolve_block(ctx, [_as_profile(profile)], self._occ_cache)
        dest = int(self.taxonomy.occupation_index.get_loc(
            resolve_occupation(self.taxonomy, destination)))
        p, d = np.array([0]), np.array([dest])
        missing, _ = pair_gaps(ctx, block.held, p, d, block.level)
        m = missing[0]
        m = m[np.lexsort((ctx.skill_ids[m].astype(str), ~ctx.digital[m]))]
        reuse = (self.taxonomy.skills["reuse_level"].to_numpy(object)[m]
                 if "reuse_level" in self.taxonomy.skills else np.full(len(m), None))
        needed = worker = np.full(len(m), np.nan)
        level_dtype = "Float64" if ctx.rated else "Int64"  # rated levels are decimals (O*NET)
        if ctx.rated:  # the rated level each missing skill needs, and the worker's
            lo, hi = ctx.essential.indptr[dest], ctx.essential.indptr[dest + 1]
            need = pd.Series(ctx.essential_level[lo:hi], index=ctx.essential.indices[lo:hi])
            needed = need.reindex(m).to_numpy(float)
            worker = block.level[0, m].astype(float)
            worker[~np.isfinite(worker)] = np.nan
        skills = pd.DataFrame({
            "kind": "skill", "id": ctx.skill_ids[m], "label": ctx.skill_label[lang][m],
            "digital": ctx.digital[m], "reuse_level": reuse, "effort_months": ctx.months[m],
            "level_needed": pd.array(needed, dtype=level_dtype),
            "worker_level": pd.array(worker, dtype=level_dtype),
            "level_source": np.where(np.isnan(needed), None, "taxonomy"),
        })
        comps = digcomp_gaps(ctx, block.comp_level, p, d)[0]
        dc = pd.DataFrame({
            "kind": "digcomp", "id": [c for c, _, _ in comps],
            "label": [unit_title(c, lang) for c, _, _ in comps], "digital": True,
            "reuse_level": None,
            "effort_months": np.nan,
            "level_needed": pd.array([lv for _, lv, _ in comps], dtype=level_dtype),
            "worker_level": pd.array([w if w is not None else pd.NA for _, _, w in comps],
                                     dtype=level_dtype),
            "level_source": ["taxonomy" if ctx.digcomp_needed_known[dest, UNIT_CODES.index(c)]
                             else "default" for c, _, _ in comps],
        })
        frames = [f for f in (skills, dc) if len(f)]
        if not frames:
            return skills.iloc[:0].reset_index(drop=True)
        return pd.concat(frames, ignore_index=True)

    # ------------------------------------------------------------------ other views
    def paths(self, profile, **kwargs):
        """Stepping-stone paths; see :func:`transitions.advice.paths.switch_paths`."""
        from .paths import switch_paths

        return switch_paths(self, _as_profile(profile), **kwargs)

    def skills_to_learn(self, profile, **kwargs):
        """Skills and competences that unlock the most options; see
        :func:`transitions.advice.learn.skills_to_learn`."""
        from .learn import skills_to_learn

        return skills_to_learn(self, _as_profile(profile), **kwargs)

    def recommend_batch(self, profiles, **kwargs):
        """Options for many profiles at once; see :func:`transitions.advice.batch.recommend_batch`."""
        from .batch import recommend_batch

        return recommend_batch(self, profiles, **kwargs)

    def count_options(self, profiles, **kwargs):
        """Number of good options per profile; see :func:`transitions.advice.batch.count_options`."""
        from .batch import count_options

        return count_options(self, profiles, **kwargs)

    def coverage(self, **kwargs):
        """Workforce coverage report; see :func:`transitions.advice.coverage.coverage_report`."""
        from .coverage import coverage_report

        return coverage_report(self, **kwargs)


_DEFAULT_ADVISOR = {}


def recommend(profile, advisor=None, **kwargs):
    """Rank a worker's good switch options: :meth:`Advisor.recommend` as a function.

    Parameters
    ----------
    profile : WorkerProfile, dict or str
    advisor : Advisor, optional
        Default: an advisor on the embedded sample (built once, then reused).
    **kwargs
        Passed to :meth:`Advisor.recommend` (``n``, ``min_similarity``, ``lang``, ``explain``).

    Returns
    -------
    pandas.DataFrame
        See :meth:`Advisor.recommend` for the columns.

    Examples
    --------
    >>> from transitions import recommend, WorkerProfile
    >>> recommend(WorkerProfile("boekhouder", wage=20.0), n=2).columns[:3].tolist()
    ['rank', 'occupation_id', 'label']
    """
    if advisor is None:
        advisor = _DEFAULT_ADVISOR.get("sample")
        if advisor is None:
            advisor = _DEFAULT_ADVISOR["sample"] = Advisor.from_sample()
    return advisor.recommend(profile, **kwargs)

