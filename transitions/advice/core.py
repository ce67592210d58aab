"""The vectorised heart of the recommendations: profiles in, options out.

One function evaluates a block of resolved profiles against every occupation
at once (similarity, essential coverage, wage ratio, filters); one picks the
top options per profile; one turns chosen (profile, destination) pairs into
table columns, the gaps included. The single-profile API and the batch API
both go through here, so they cannot disagree.
"""

from __future__ import annotations

import numpy as np

from ..digcomp import UNIT_CODES
from ..exceptions import InvalidParameterError
from ..profile import held_mask, profile_skill_positions, resolve_occupation

__all__ = ["ResolvedBlock", "resolve_block", "resolve_origins", "evaluate", "top_pairs", "pair_gaps",
           "digcomp_gaps", "check_min_similarity"]


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
            elif ctx.wage[origin] < ctx.wage_minimum[origin]:
                # A median pulled below the adult minimum by young workers is no adult's wage.
                self.worker_wage[i] = ctx.wage_minimum[origin]
                self.worker_wage_floored[i] = True
            else:
                self.worker_wage[i] = ctx.wage[origin]
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


def evaluate(ctx, block, min_similarity):
    """Score every occupation for every profile of ``block``.

    Returns
    -------
    dict of ndarrays, shape (n_profiles, n_occupations)
        ``similarity``, ``coverage`` (essential skills held), ``score``
        (geometric mean of the two), ``wage_ratio`` and ``good`` (passes every
        filter: not the origin, not excluded, wage known and at or above the
        floor, not at risk when excluded, similarity at or above the threshold).
    """
    sim = ctx.similarity(ctx.profile_weights(block.held, block.origin), block.origin)
    cov = ctx.essential_coverage(block.held, block.level)
    score = np.sqrt(np.clip(sim, 0.0, None) * cov)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = ctx.wage[None, :] / block.worker_wage[:, None]
    # NaN ratios (unknown wage) fail this comparison: no salary claim without a wage.
    good = ratio >= block.min_ratio[:, None] - 1e-12
    good &= sim >= min_similarity
    good &= ~(ctx.at_risk[None, :] & block.exclude_at_risk[:, None])
    rows = np.arange(len(block))
    good[rows, block.origin] = False
    for i, ex in enumerate(block.excluded):
        if len(ex):
            good[i, ex] = False
    return {"similarity": sim, "coverage": cov, "score": score, "wage_ratio": ratio, "good": good}


def top_pairs(ctx, ev, n=None):
    """The good options of each profile, best first (score desc, then id), at most ``n`` each.

    Returns
    -------
    (profile_pos, dest_pos, rank) : three int arrays, ordered by profile then rank.
    """
    good = ev["good"]
    p, d = np.nonzero(good)
    if not len(p):
        return p, d, np.empty(0, np.int64)
    # Sort by profile, then by score descending, then by id. Scores are rounded
    # to 12 decimals for the order, so that floating-point noise between
    # mathematically equal scores cannot decide a tie: the id does.
    order = np.lexsort((ctx.id_rank[d], -np.round(ev["score"][p, d], 12), p))
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


def pair_gaps(ctx, held, p, d, level=None):
    """Missing essential skills of destination ``d[k]`` for profile ``p[k]`` (held rows).

    With ``level`` (rated taxonomies: the block's worker levels), a held skill
    is missing too where the worker's level is below the destination's
    requirement by more than the tolerance.

    Returns
    -------
    missing : list of int arrays (skill positions in taxonomy order)
    months : float array, the effort heuristic's months per pair
    """
    if not len(d):
        return [], np.zeros(0)
    pos, owner, _ = _ranges(ctx.essential.indptr, d)
    skills = ctx.essential.indices[pos]
    if level is None or not ctx.rated:
        lacking = ~held[p[owner], skills]
    else:
        lacking = level[p[owner], skills] < ctx.essential_threshold[pos]
    skills, owner = skills[lacking], owner[lacking]
    months = np.bincount(owner, weights=ctx.months[skills], minlength=len(d))
    cuts = np.searchsorted(owner, np.arange(1, len(d)))
    return np.split(skills, cuts), months


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


def check_min_similarity(value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or \
            not np.isfinite(value) or not 0 <= value <= 1:
        raise InvalidParameterError(f"min_similarity must be a number from 0 to 1, got {value!r}")
    return float(value)

