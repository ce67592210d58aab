"""The vectorised heart of the recommendations: profiles in, options out.

One function evaluates a block of resolved profiles against every occupation
at once (similarity, the essential skills carried over and the months to
learn, wage ratio, the transition score, the good-option criteria); one
picks the top options per profile; one turns chosen (profile, destination) pairs into
table columns, the gaps included. The single-profile API and the batch API
both go through here, so they cannot disagree.
"""

from __future__ import annotations

import numpy as np

from ..digcomp import UNIT_CODES
from ..profile import held_mask, profile_skill_positions, resolve_occupation
from .score import likelihood, transition_index

__all__ = ["ResolvedBlock", "resolve_block", "resolve_origins", "evaluate", "top_pairs", "pair_gaps",
           "digcomp_gaps"]


class ResolvedBlock:
    """A block of profiles turned into arrays (one row per profile)."""

    def __init__(self, ctx, profiles, origins):
        n = len(profiles)
        self.profiles = profiles
        self.origin = np.asarray(origins, dtype=np.int64)
        self.held = np.zeros((n, ctx.n_skills), dtype=bool)
        self.worker_wage = np.full(n, np.nan)
        self.worker_wage_from_profile = np.zeros(n, dtype=bool)
        #: The occupation's median was below the adult minimum wage: the minimum was taken.
        self.worker_wage_floored = np.zeros(n, dtype=bool)
        self.min_ratio = np.empty(n)
        self.exclude_at_risk = np.empty(n, dtype=bool)
        self.excluded = []
        # Worker level per competence: self-assessed, else inferred from held skills, else 0.
        self.comp_level = np.zeros((n, len(UNIT_CODES)), dtype=np.int8)
        self.comp_rated = np.zeros((n, len(UNIT_CODES)), dtype=bool)
        extra = []
        for i, (prof, origin) in enumerate(zip(profiles, self.origin)):
            positions = profile_skill_positions(ctx.skill_index, prof)
            extra.append(positions[0])
            self.held[i] = held_mask(ctx.skills_of, origin, prof, positions,
                                     optional_held=ctx.optional_held)
            if prof.wage is not None:
                self.worker_wage[i] = prof.wage
                self.worker_wage_from_profile[i] = True
            else:  # the occupation's median, never below the adult minimum (AdviceContext)
                self.worker_wage[i] = ctx.default_wage[origin]
                self.worker_wage_floored[i] = ctx.default_wage[origin] != ctx.wage[origin] \
                    and np.isfinite(ctx.default_wage[origin])
            self.min_ratio[i] = prof.min_wage_ratio
            self.exclude_at_risk[i] = prof.exclude_at_risk
            ex = (ctx.occupation_index.get_indexer(list(prof.exclude)) if prof.exclude
                  else np.empty(0, np.int64))
            self.excluded.append(ex)
            for code, level in prof.unit_levels().items():
                c = UNIT_CODES.index(code)
                self.comp_level[i, c] = level
                self.comp_rated[i, c] = True
        arr = ctx.skills_of
        for c, members in enumerate(arr.skills_of_competence):
            if len(members):
                inferred = np.where(self.held[:, members], arr.level[members][None, :], 0).max(axis=1)
                self.comp_level[:, c] = np.where(self.comp_rated[:, c], self.comp_level[:, c],
                                                 inferred)
        #: Rated taxonomies: the worker's level per skill (AdviceContext.worker_levels).
        self.level = ctx.worker_levels(self.held, self.origin, extra) if ctx.rated else None

    def __len__(self):
        return len(self.origin)


def resolve_origins(tax, profiles, occupation_cache=None):
    """Occupation positions of ``profiles`` (titles/codes resolved, skill ids checked).

    Profiles whose skills are given by name are replaced in ``profiles`` (a list) by the
    same profile with skill ids (:meth:`~transitions.WorkerProfile.with_skill_ids`).

    ``occupation_cache`` maps occupation strings to positions, shared across calls.
    """
    cache = {} if occupation_cache is None else occupation_cache
    origins = np.empty(len(profiles), dtype=np.int64)
    for i, prof in enumerate(profiles):
        key = prof.occupation
        if key not in cache:
            cache[key] = int(tax.occupation_index.get_loc(resolve_occupation(tax, key)))
        origins[i] = cache[key]
        if prof.skills or prof.lacking or prof.exclude:
            # skills may be given by name: the block uses the profile with their ids
            profiles[i] = prof.with_skill_ids(tax)
    return origins


def resolve_block(ctx, profiles, occupation_cache=None):
    """Resolve profiles into a :class:`ResolvedBlock` (see :func:`resolve_origins`)."""
    return ResolvedBlock(ctx, profiles, resolve_origins(ctx.taxonomy, profiles, occupation_cache))


def evaluate(ctx, block, criteria):
    """Score every occupation for every profile of ``block``.

    Parameters
    ----------
    ctx : AdviceContext
    block : ResolvedBlock
    criteria : Criteria
        The thresholds of a good option (:mod:`transitions.advice.criteria`).

    Returns
    -------
    dict of ndarrays, shape (n_profiles, n_occupations)
        ``similarity``; ``carried`` (essential skills held), ``coverage``
        (their share), ``months`` (to learn the rest, education levels up
        included); ``wage_ratio``;
        ``index`` (the transition score) and ``score`` (its likelihood, see
        :mod:`transitions.advice.score`); ``allowed`` (the worker's
        constraints: not the origin, not excluded, wage known and at or above
        the floor, not at risk when excluded, in demand when asked) and
        ``good`` (allowed and reachable: a good option).
    """
    sim = ctx.similarity(ctx.profile_weights(block.held, block.origin), block.origin)
    carried, months = ctx.gap_counts(block.held, block.level, block.origin)
    cov = ctx.coverage_share(carried)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = ctx.wage[None, :] / block.worker_wage[:, None]
    index = transition_index(ctx, ctx.score_model, block.origin, sim, cov, months, ratio)
    # NaN ratios (unknown wage) fail this comparison: no salary claim without a wage.
    allowed = ratio >= block.min_ratio[:, None] - 1e-12
    allowed &= ~(ctx.at_risk[None, :] & block.exclude_at_risk[:, None])
    if criteria.in_demand_only:
        allowed &= ctx.in_demand[None, :]
    rows = np.arange(len(block))
    allowed[rows, block.origin] = False
    for i, ex in enumerate(block.excluded):
        if len(ex):
            allowed[i, ex] = False
    good = allowed & criteria.reachable(carried, months, ctx.n_essential[None, :], sim)
    return {"similarity": sim, "carried": carried, "coverage": cov, "months": months,
            "wage_ratio": ratio, "index": index, "score": likelihood(index, block.origin),
            "allowed": allowed, "good": good}


def top_pairs(ctx, ev, n=None):
    """The good options of each profile, best first (transition score desc, then id), at most
    ``n`` each.

    Returns
    -------
    (profile_pos, dest_pos, rank) : three int arrays, ordered by profile then rank.
    """
    good = ev["good"]
    p, d = np.nonzero(good)
    if not len(p):
        return p, d, np.empty(0, np.int64)
    # Sort by profile, then by score descending, then by id. Scores are rounded
    # to 10 decimals for the order, so that floating-point noise between
    # mathematically equal scores cannot decide a tie: the id does.
    order = np.lexsort((ctx.id_rank[d], -np.round(ev["index"][p, d], 10), p))
    p, d = p[order], d[order]
    starts = np.r_[0, np.flatnonzero(np.diff(p)) + 1]
    counts = np.diff(np.r_[starts, len(p)])
    rank = np.arange(len(p)) - np.repeat(starts, counts) + 1
    if n is not None:
        keep = rank <= n
        p, d, rank = p[keep], d[keep], rank[keep]
    return p, d, rank


def _ranges(indptr, rows):
    """Concatenated positions ``indptr[r]:indptr[r+1]`` for each r, and their owner index."""
    starts, ends = indptr[rows], indptr[rows + 1]
    lengths = ends - starts
    owner = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.repeat(starts - np.r_[0, np.cumsum(lengths)[:-1]], lengths)
    return np.arange(lengths.sum()) + offsets, owner, lengths


def pair_gaps(ctx, held, p, d, level=None, origins=None):
    """Missing and carried-over essential skills of destination ``d[k]`` for profile ``p[k]``.

    With ``level`` (rated taxonomies: the block's worker levels), a held skill
    is missing too where the worker's level is below the destination's
    requirement by more than the tolerance.

    Returns
    -------
    missing : list of int arrays (skill positions in taxonomy order)
    carried : list of int arrays (the destination's essential skills the worker has)
    months : float array, the effort heuristic's months per pair (the education
        levels up included when ``origins``, each profile's occupation, is given)
    """
    if not len(d):
        return [], [], np.zeros(0)
    pos, owner, _ = _ranges(ctx.essential.indptr, d)
    skills = ctx.essential.indices[pos]
    if level is None or not ctx.rated:
        lacking = ~held[p[owner], skills]
    else:
        lacking = level[p[owner], skills] < ctx.essential_threshold[pos]
    months = np.bincount(owner[lacking], weights=ctx.months[skills[lacking]], minlength=len(d))
    if origins is not None:
        months = months + ctx.education_steps(np.asarray(origins)[p], d)

    def split(mask):
        cuts = np.searchsorted(owner[mask], np.arange(1, len(d)))
        return np.split(skills[mask], cuts)

    return split(lacking), split(~lacking), months


def digcomp_gaps(ctx, comp_level, p, d):
    """Per pair: tuple of ``(competence or area, level_needed, worker_level or None)`` where
    needed > worker."""
    needed = ctx.digcomp_needed[d]                 # (k, 21)
    have = comp_level[p]
    gap = needed > have
    out = []
    for k in range(len(d)):
        cs = np.flatnonzero(gap[k])
        out.append(tuple((UNIT_CODES[c], int(needed[k, c]),
                          int(have[k, c]) if have[k, c] > 0 else None) for c in cs))
    return out
