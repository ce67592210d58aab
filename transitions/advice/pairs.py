"""Every occupation's default worker against every occupation, computed once per advisor.

The coverage report, the stepping-stone search and
:meth:`~transitions.Advisor.transition_scores` all need, for each pair of
occupations ``(u, v)``, what a worker of ``u`` (its essential and, by
default, optional skills; its median wage, never below the adult minimum) has for ``v``: the graph
similarity, the essential skills carried over, the months still to learn
and the transition score. They are computed here in blocks with the same
code as a single profile (:mod:`transitions.advice.core`) and cached on the
advisor as float32 matrices (about 36 MB each on full ESCO).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .score import transition_index

__all__ = ["DefaultPairs", "default_pairs"]

_BLOCK = 512


@dataclass(frozen=True)
class DefaultPairs:
    """Origin x destination matrices of the default workers (float32, taxonomy order)."""

    similarity: np.ndarray
    carried: np.ndarray
    months: np.ndarray
    index: np.ndarray

    def wage_ratio(self, ctx):
        """Destination median wage over the origin's default wage (NaN where either is unknown)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return ctx.wage[None, :] / ctx.default_wage[:, None]

    def reachable(self, ctx, criteria):
        """The criteria's learnable-gap and carried-over test for every pair (bool)."""
        return criteria.reachable(self.carried, self.months, ctx.n_essential[None, :],
                                  self.similarity)


def default_pairs(advisor):
    """The cached :class:`DefaultPairs` of ``advisor`` (built on first use)."""
    cache = advisor._caches
    if "default_pairs" not in cache:
        ctx = advisor._ctx
        n = ctx.n_occ
        held_all = ctx.binary if ctx.optional_held else ctx.essential
        out = {k: np.empty((n, n), dtype=np.float32)
               for k in ("similarity", "carried", "months", "index")}
        # A default worker holding all their occupation's skills scores exactly as the
        # occupation's row of the graph (tested on ESCO): share the graph's cached matrix.
        matrix = getattr(ctx.graph, "_matrix_array", None) if ctx.optional_held else None
        full = np.nan_to_num(np.asarray(matrix(), dtype=float)) if matrix else None
        for start in range(0, n, _BLOCK):
            rows = np.arange(start, min(start + _BLOCK, n))
            held = held_all[rows].toarray().astype(bool)
            level = (ctx.worker_levels(held, rows, [np.empty(0, np.int64)] * len(rows))
                     if ctx.rated else None)
            sim = (full[rows] if full is not None
                   else ctx.similarity(ctx.profile_weights(held, rows), rows))
            carried, months = ctx.gap_counts(held, level, rows)
            with np.errstate(invalid="ignore", divide="ignore"):
                ratio = ctx.wage[None, :] / ctx.default_wage[rows][:, None]
            index = transition_index(ctx, ctx.score_model, rows, sim,
                                     ctx.coverage_share(carried), months, ratio)
            for key, value in (("similarity", sim), ("carried", carried), ("months", months),
                               ("index", index)):
                out[key][rows] = value
        cache["default_pairs"] = DefaultPairs(**out)
    return cache["default_pairs"]
