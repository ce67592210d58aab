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
In short (the full definition: :mod:`transitions.advice.criteria`): not the
worker's occupation nor excluded; salary-neutral against the worker's wage
and not at risk (the worker's constraints); a *learnable gap* (at most
``max_gap_months``, default three years, of part-time learning by the effort heuristic);
and *enough carried over* (at least ``min_carried`` = 3 of the destination's
essential skills, or ``min_carried_share`` = 30% of them and never only one).
Good options are ranked by the transition score
(:mod:`transitions.advice.score`): a likelihood fitted on observed worker
flows from the similarity of the skills, the classification, the education
step, the pay and the destination's job openings; ties broken by occupation
id. Every option shows the destination's demand (openings, tightness,
shortage) with source and level; ``in_demand_only=True`` keeps the
occupations that are in demand ("kansrijk").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import check_n_jobs
from ..exceptions import InvalidParameterError
from ..profile import WorkerProfile, as_profile
from .._i18n import check_lang
from .context import AdviceContext
from .core import evaluate, resolve_block, top_pairs
from .criteria import (
    DEFAULT_MAX_GAP_MONTHS,
    DEFAULT_MIN_CARRIED,
    DEFAULT_MIN_CARRIED_SHARE,
    Criteria,
)
from .options import option_table

__all__ = ["Advisor", "recommend", "DEFAULT_MIN_SIMILARITY"]

#: Default similarity floor of a good option: none (the criteria are learnable gap and
#: carried-over skills; see :mod:`transitions.advice.criteria`).
DEFAULT_MIN_SIMILARITY = 0.0


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
    max_gap_months : float, default=36
        Most months of learning a good option may need (overridable per call).
    min_carried : int, default=3
        Essential skills of the destination the worker must already have ...
    min_carried_share : float, default=0.3
        ... or this share of them, with at least two (overridable per call).
    min_similarity : float, default=0.0
        An extra floor on the graph's skill similarity (0: none).
    in_demand_only : bool, default=False
        Only destinations in demand ("kansrijk"; see
        :func:`transitions.advice.criteria.in_demand`).
    score_model : str, dict or ScoreModel, optional
        The transition score's coefficients: ``"esco"`` or ``"onet"`` (the
        shipped fits; default by taxonomy), or your own ``{feature: coefficient}``.
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
                 max_gap_months=DEFAULT_MAX_GAP_MONTHS, min_carried=DEFAULT_MIN_CARRIED,
                 min_carried_share=DEFAULT_MIN_CARRIED_SHARE,
                 min_similarity=DEFAULT_MIN_SIMILARITY, in_demand_only=False, score_model=None,
                 optional_held=True, level_tolerance=1.0, n_jobs=1):
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
        self.criteria = Criteria(max_gap_months=max_gap_months, min_carried=min_carried,
                                 min_carried_share=min_carried_share,
                                 min_similarity=min_similarity, in_demand_only=in_demand_only)
        self.n_jobs = check_n_jobs(n_jobs)
        if isinstance(level_tolerance, bool) or not isinstance(level_tolerance, (int, float)) \
                or not level_tolerance >= 0:
            raise InvalidParameterError(
                f"level_tolerance must be a number >= 0 (level points), got {level_tolerance!r}")
        self._ctx = AdviceContext(taxonomy, graph, market_table, risk_table,
                                  optional_held=optional_held, level_tolerance=level_tolerance,
                                  score_model=score_model)
        self._occ_cache = {}
        self._caches = {}

    @classmethod
    def from_sample(cls, **kwargs):
        """An advisor on the embedded sample and its illustrative labour market.

        Parameters
        ----------
        **kwargs
            The keyword parameters of :class:`Advisor` (``max_gap_months``,
            ``min_similarity``, ``score_model``, ...).

        Examples
        --------
        >>> from transitions import Advisor
        >>> adv = Advisor.from_sample(max_gap_months=12)
        >>> adv.taxonomy.name, adv.criteria.max_gap_months
        ('sample', 12.0)
        """
        from ..datasets import load_sample

        return cls(load_sample(), **kwargs)

    @property
    def market_table(self):
        """The labour-market table the advisor uses (by occupation id).

        Examples
        --------
        >>> from transitions import Advisor
        >>> adv = Advisor.from_sample()
        >>> row = adv.market_table.loc["occ-bookkeeper"]
        >>> float(row["wage_median"]), row["wage_source"]
        (22.0, 'illustrative sample, not real data')
        """
        return self._ctx.market_table

    @property
    def risk_table(self):
        """The risk table the advisor uses (by occupation id).

        Examples
        --------
        >>> from transitions import Advisor
        >>> risk = Advisor.from_sample().risk_table
        >>> bool(risk.loc["occ-bookkeeper", "at_risk"]), int(risk["at_risk"].sum())
        (True, 22)
        """
        return self._ctx.risk_table

    @property
    def min_similarity(self):
        """The similarity floor of a good option (0: none).

        Examples
        --------
        >>> from transitions import Advisor
        >>> adv = Advisor.from_sample(min_similarity=0.3)
        >>> adv.min_similarity
        0.3
        >>> bool((adv.recommend("boekhouder", n=None)["similarity"] >= 0.3).all())
        True
        """
        return self.criteria.min_similarity

    @property
    def score_model(self):
        """The transition score's coefficients in use (:class:`~transitions.advice.score.ScoreModel`).

        Examples
        --------
        >>> from transitions import Advisor
        >>> Advisor.from_sample().score_model.name      # the shipped ESCO fit
        'esco'
        """
        return self._ctx.score_model

    def __repr__(self):
        c = self.criteria
        return (f"Advisor(taxonomy={self.taxonomy.name!r}, occupations={self._ctx.n_occ}, "
                f"max_gap_months={c.max_gap_months:g}, min_carried={c.min_carried}, "
                f"min_carried_share={c.min_carried_share:g}, score_model="
                f"{self._ctx.score_model.name!r})")

    # ------------------------------------------------------------------ helpers
    def profile(self, occupation, **kwargs):
        """A :class:`WorkerProfile` resolved against this advisor's taxonomy (errors at once).

        Parameters
        ----------
        occupation : str
            Id, code or exact Dutch or English title.
        **kwargs
            The other parameters of :class:`WorkerProfile`.

        Examples
        --------
        >>> from transitions import Advisor
        >>> adv = Advisor.from_sample()
        >>> adv.profile("boekhouder", skills=["SQL"], wage=21.0)
        WorkerProfile('occ-bookkeeper', skills=['sk-sql'], wage=21.0)
        """
        return WorkerProfile(occupation, **kwargs).resolve(self.taxonomy)

    def _criteria(self, **overrides):
        """The advisor's criteria with per-call overrides (None keeps the advisor's)."""
        return self.criteria.replace(**overrides)

    def _resolve_one(self, profile):
        block = resolve_block(self._ctx, [as_profile(profile)], self._occ_cache)
        if not np.isfinite(block.worker_wage[0]):
            occ = self._ctx.occupation_ids[block.origin[0]]
            raise InvalidParameterError(
                f"no wage is known for occupation {occ!r} in the labour-market table, so the "
                f"wage floor cannot be checked; pass wage= (gross hourly, in the market's "
                f"currency) in the profile"
            )
        return block

    def _worker_attrs(self, block, ev, criteria):
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
            "max_gap_months": criteria.max_gap_months,
            "min_carried": criteria.min_carried,
            "min_carried_share": criteria.min_carried_share,
            "min_similarity": criteria.min_similarity,
            "in_demand_only": bool(criteria.in_demand_only),
            "score_model": self._ctx.score_model.name,
            "min_wage_ratio": float(block.min_ratio[0]),
            "n_options": int(ev["good"][0].sum()),
        }

    # ------------------------------------------------------------------ recommend
    def recommend(self, profile, *, n=10, max_gap_months=None, min_carried=None,
                  min_carried_share=None, min_similarity=None, in_demand_only=None, lang="en",
                  explain=True):
        """Rank a worker's good switch options (see the module docs for "good").

        Parameters
        ----------
        profile : WorkerProfile, dict or str
            A string is taken as the occupation of a default profile.
        n : int or None, default=10
            Number of options to return; None for all good options.
        max_gap_months, min_carried, min_carried_share, min_similarity, in_demand_only : optional
            The thresholds of a good option for this call; default the advisor's.
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
            - ``score``: the transition likelihood, the expected share of
              workers like this one who move to the destination when they
              change occupation (:mod:`transitions.advice.score`);
            - ``similarity``: graph similarity of the worker's skills to the destination;
            - ``essential_coverage``: share of the destination's essential skills held;
              ``n_carried``, ``carried_skills`` (ids), ``carried_labels``: those skills;
            - ``wage_ratio``: destination median wage / worker wage; ``wage_median``
              (per hour), ``wage_source`` and ``wage_level`` of the destination's wage;
            - ``risk_score``, ``at_risk``, ``trend`` (shrinking/stable/growing),
              ``trend_source`` of the destination;
            - demand: ``openings`` (job openings per year), ``openings_period``,
              ``tightness`` and ``tightness_class`` (now), ``shortage`` and
              ``shortage_class`` (expected), each with ``_source`` and
              ``_level``; ``in_demand`` ("kansrijk", see
              :func:`transitions.advice.criteria.in_demand`);
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

        Examples
        --------
        >>> from transitions import Advisor, WorkerProfile
        >>> adv = Advisor.from_sample()
        >>> options = adv.recommend(WorkerProfile("boekhouder", wage=21.0), n=3, lang="nl")
        >>> options.columns.tolist()[:3], options["rank"].tolist()
        (['rank', 'occupation_id', 'label'], [1, 2, 3])
        >>> bool((options["wage_ratio"] >= 1.0).all()), options.attrs["n_options"] >= 3
        (True, True)
        >>> options.attrs["worker_wage"], options.attrs["worker_wage_source"]
        (21.0, 'profile')
        """
        n = _check_n(n)
        check_lang(lang)
        criteria = self._criteria(max_gap_months=max_gap_months, min_carried=min_carried,
                                  min_carried_share=min_carried_share,
                                  min_similarity=min_similarity, in_demand_only=in_demand_only)
        block = self._resolve_one(profile)
        ev = evaluate(self._ctx, block, criteria)
        p, d, rank = top_pairs(self._ctx, ev, n)
        out = option_table(self._ctx, block, ev, p, d, rank, lang=lang, explain=explain)
        out.attrs.update(self._worker_attrs(block, ev, criteria))
        return out

    def transition_scores(self, *, likelihood=False):
        """The transition score of every occupation's default worker to every occupation.

        The score :meth:`recommend` ranks by, before the wage, risk and
        good-option filters, so that any ground truth can score it (see
        :func:`transitions.evaluation.evaluate_flows`). The default worker of an
        occupation holds its essential and (by default) optional skills and
        earns its median wage.

        Parameters
        ----------
        likelihood : bool, default=False
            The likelihood (rows sum to 1 over the destinations, 0 on the
            diagonal) instead of the score (its log-odds scale; NaN on the
            diagonal). Both rank destinations identically.

        Returns
        -------
        pandas.DataFrame
            Origins (rows) x destinations (columns), both indexed by occupation id.

        Examples
        --------
        >>> from transitions import Advisor
        >>> adv = Advisor.from_sample()
        >>> T = adv.transition_scores(likelihood=True)
        >>> T.shape[0] == T.shape[1] == len(adv.taxonomy.occupations)
        True
        >>> bool(abs(T.sum(axis=1) - 1).max() < 1e-9)
        True
        """
        from .pairs import default_pairs
        from .score import likelihood as softmax

        if not isinstance(likelihood, (bool, np.bool_)):
            raise InvalidParameterError(f"likelihood must be True or False, got {likelihood!r}")
        ctx = self._ctx
        pairs = default_pairs(self)
        S = pairs.index.astype(float)
        if likelihood:
            S = softmax(S, np.arange(ctx.n_occ))
        else:
            np.fill_diagonal(S, np.nan)
        ids = pd.Index(ctx.occupation_ids, name="occupation_id")
        return pd.DataFrame(S, index=ids, columns=ids)

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

        check_lang(lang)
        ctx = self._ctx
        block = resolve_block(ctx, [as_profile(profile)], self._occ_cache)
        dest = int(self.taxonomy.occupation_index.get_loc(
            resolve_occupation(self.taxonomy, destination)))
        p, d = np.array([0]), np.array([dest])
        missing, _, _ = pair_gaps(ctx, block.held, p, d, block.level)
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
        """Stepping-stone paths; see :func:`transitions.advice.paths.switch_paths`.

        Examples
        --------
        >>> from transitions import Advisor
        >>> paths = Advisor.from_sample().paths("boekhouder")
        >>> row = paths.iloc[0]
        >>> row["path"][0], row["path"][-1] == row["occupation_id"]
        ('occ-bookkeeper', True)
        >>> int(row["steps"]) == len(row["path"]) - 1
        True
        """
        from .paths import switch_paths

        return switch_paths(self, as_profile(profile), **kwargs)

    def skills_to_learn(self, profile, **kwargs):
        """Skills and competences that unlock the most options; see
        :func:`transitions.advice.learn.skills_to_learn`.

        Examples
        --------
        >>> from transitions import Advisor
        >>> learn = Advisor.from_sample().skills_to_learn("boekhouder", n=3)
        >>> learn.columns.tolist()[:3], learn["rank"].tolist()
        (['rank', 'kind', 'id'], [1, 2, 3])
        >>> set(learn["kind"]) <= {"skill", "digcomp"}
        True
        """
        from .learn import skills_to_learn

        return skills_to_learn(self, as_profile(profile), **kwargs)

    def recommend_batch(self, profiles, **kwargs):
        """Options for many profiles at once; see :func:`transitions.advice.batch.recommend_batch`.

        Examples
        --------
        >>> from transitions import Advisor, WorkerProfile
        >>> caseload = [WorkerProfile("boekhouder", profile_id="w1"),
        ...             WorkerProfile("kassamedewerker", profile_id="w2")]
        >>> rows = Advisor.from_sample().recommend_batch(caseload, n=2)
        >>> rows[["profile_id", "rank"]].values.tolist()
        [['w1', 1], ['w1', 2], ['w2', 1], ['w2', 2]]
        """
        from .batch import recommend_batch

        return recommend_batch(self, profiles, **kwargs)

    def count_options(self, profiles, **kwargs):
        """Number of good options per profile; see :func:`transitions.advice.batch.count_options`.

        Examples
        --------
        >>> from transitions import Advisor, WorkerProfile
        >>> adv = Advisor.from_sample()
        >>> worker = WorkerProfile("boekhouder", profile_id="w1")
        >>> counts = adv.count_options([worker])
        >>> counts.columns.tolist()
        ['profile_id', 'occupation_id', 'worker_wage', 'wage_known', 'n_options']
        >>> int(counts.loc[0, "n_options"]) == adv.recommend(worker).attrs["n_options"]
        True
        """
        from .batch import count_options

        return count_options(self, profiles, **kwargs)

    def coverage(self, **kwargs):
        """Workforce coverage report; see :func:`transitions.advice.coverage.coverage_report`.

        Examples
        --------
        >>> from transitions import Advisor
        >>> report = Advisor.from_sample().coverage(sensitivity=False)
        >>> report["group"].tolist()
        ['all', 'at risk']
        >>> bool(report["share_with_option"].between(0, 1).all())
        True
        """
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

