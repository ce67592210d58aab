"""What makes a destination a *good option*, in units a worker understands.

A destination is a good option for a worker when

* it is neither their occupation nor one they excluded;
* it pays at least ``min_wage_ratio`` times their wage (their own, else their
  occupation's median; unknown destination wages make no salary claim, so
  such destinations are left out) and is not at risk (when excluded; unknown
  risk does not exclude) -- the worker's own constraints, see
  :class:`~transitions.WorkerProfile`;
* **its gap is learnable**: the essential skills the worker lacks take at
  most ``max_gap_months`` months by the effort model
  (:mod:`transitions.advice.effort`, calibrated on observed year-to-year
  moves; default :data:`DEFAULT_MAX_GAP_MONTHS`, three years, the longest
  bounded effort band);
* **enough carries over**: the worker already has at least ``min_carried``
  of its essential skills (default 3), or at least ``min_carried_share`` of
  them (default 30%) and never fewer than two -- one shared skill never
  passes for a match;
* optionally: it is in demand (``in_demand_only``, "kansrijk", see
  :func:`in_demand`) and its skill similarity reaches ``min_similarity``
  (default 0: no floor; the similarity's scale moves with the graph, the
  criteria above do not).

Good options are ranked by the transition score (:mod:`transitions.advice.score`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..exceptions import InvalidParameterError

__all__ = ["Criteria", "DEFAULT_MAX_GAP_MONTHS", "DEFAULT_MIN_CARRIED",
           "DEFAULT_MIN_CARRIED_SHARE", "in_demand", "TIGHT_CLASSES", "SHORTAGE_CLASSES"]

#: Most months of learning a good option may need: the effort band "<= 3 years" (see the docs).
DEFAULT_MAX_GAP_MONTHS = 36.0
#: Essential skills of the destination the worker must already have ...
DEFAULT_MIN_CARRIED = 3
#: ... or this share of them (with at least two skills).
DEFAULT_MIN_CARRIED_SHARE = 0.3
#: ROA's words for a tight market now, and for a large future shortage.
TIGHT_CLASSES = ("krap", "zeer krap")
SHORTAGE_CLASSES = ("groot", "zeer groot")


def _number(name, value, low, high=np.inf):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not np.isfinite(value) or not low <= value <= high:
        raise InvalidParameterError(f"{name} must be a number from {low} to {high}, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Criteria:
    """The thresholds of a good option (see the module docs)."""

    max_gap_months: float = DEFAULT_MAX_GAP_MONTHS
    min_carried: int = DEFAULT_MIN_CARRIED
    min_carried_share: float = DEFAULT_MIN_CARRIED_SHARE
    min_similarity: float = 0.0
    in_demand_only: bool = False

    def __post_init__(self):
        object.__setattr__(self, "max_gap_months", _number("max_gap_months",
                                                           self.max_gap_months, 0.0))
        if isinstance(self.min_carried, bool) or not isinstance(self.min_carried,
                                                                 (int, np.integer)) \
                or self.min_carried < 1:
            raise InvalidParameterError(
                f"min_carried must be a positive integer (skills), got {self.min_carried!r}")
        object.__setattr__(self, "min_carried", int(self.min_carried))
        object.__setattr__(self, "min_carried_share",
                           _number("min_carried_share", self.min_carried_share, 0.0, 1.0))
        object.__setattr__(self, "min_similarity",
                           _number("min_similarity", self.min_similarity, 0.0, 1.0))
        if not isinstance(self.in_demand_only, (bool, np.bool_)):
            raise InvalidParameterError(
                f"in_demand_only must be True or False, got {self.in_demand_only!r}")

    def replace(self, **changes):
        """A copy with some thresholds changed (None keeps the current value)."""
        values = {k: getattr(self, k) for k in self.__dataclass_fields__}
        values.update({k: v for k, v in changes.items() if v is not None})
        return Criteria(**values)

    def credible(self, carried, n_essential):
        """Whether enough of each destination's essential skills carry over (bool array)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            share = carried / n_essential
        return (carried >= self.min_carried) | ((share >= self.min_carried_share - 1e-12)
                                                & (carried >= 2))

    def reachable(self, carried, months, n_essential, similarity=None):
        """Learnable gap, enough carried over and (if set) the similarity floor (bool array)."""
        ok = (months <= self.max_gap_months + 1e-9) & self.credible(carried, n_essential)
        if self.min_similarity > 0 and similarity is not None:
            ok &= similarity >= self.min_similarity
        return ok


def in_demand(demand):
    """Which occupations are in demand ("kansrijk"), and on what basis.

    An occupation is in demand when the market is tight now (ROA's current
    tightness class in :data:`TIGHT_CLASSES`) or a large shortage is expected
    (ROA's future-shortage class in :data:`SHORTAGE_CLASSES`). Markets without
    those indicators (the US) fall back on job openings: an openings rate (%
    of employment per year) at or above the median of the taxonomy's
    occupations.

    Parameters
    ----------
    demand : dict of arrays
        ``tightness_class``, ``shortage_class``, ``openings_rate`` per occupation.

    Returns
    -------
    flag : ndarray of bool
    basis : ndarray of object
        ``"tightness"``, ``"shortage"``, ``"openings rate"`` or None.

    Examples
    --------
    >>> import numpy as np
    >>> flag, basis = in_demand({"tightness_class": np.array(["krap", None, None], dtype=object),
    ...                          "shortage_class": np.array([None, "groot", "geen"], dtype=object),
    ...                          "openings_rate": np.array([1.0, 2.0, 3.0])})
    >>> flag.tolist(), basis.tolist()
    ([True, True, False], ['tightness', 'shortage', None])
    """
    tight = np.isin(demand["tightness_class"].astype(str), TIGHT_CLASSES)
    short = np.isin(demand["shortage_class"].astype(str), SHORTAGE_CLASSES)
    has_roa = (np.asarray([c is not None for c in demand["tightness_class"]]) |
               np.asarray([c is not None for c in demand["shortage_class"]]))
    rate = np.asarray(demand["openings_rate"], dtype=float)
    if has_roa.any() or not np.isfinite(rate).any():
        by_rate = np.zeros(len(rate), dtype=bool)
    else:
        by_rate = np.isfinite(rate) & (rate >= np.nanmedian(rate))
    flag = tight | short | by_rate
    basis = np.where(tight, "tightness", np.where(short, "shortage",
                                                   np.where(by_rate, "openings rate", None)))
    return flag, basis.astype(object)
