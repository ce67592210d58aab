"""Effort bands: how long closing a skill gap takes, calibrated on observed moves.

There is no measured learning time per ESCO skill, so the library estimates
one from what the taxonomy does say: how widely a skill is reused. A skill
that transfers across sectors builds on things most workers already do; an
occupation-specific skill is a trade of its own. Each missing essential skill
costs the months in :data:`MONTHS_BY_REUSE_LEVEL` (ratio 0.5 : 1 : 1.5 : 2
from transversal to occupation-specific); in a taxonomy without reuse levels
(O*NET, where a gap is an element rated below the destination's level) each
missing element costs :data:`MONTHS_WITHOUT_REUSE_LEVEL`. The sum is the
gap's effort, and the band is the first of :data:`EFFORT_BANDS` it fits in.

The scale is calibrated on observed year-to-year occupation changes (US
CPS-ASEC, development half of the origins; ``benchmarks/fit_effort.py``,
table in ``docs/benchmarks/effort.md``): the switches people actually make
are made within a year, so the months are set such that 83% of the observed
moves of a default worker (flow-weighted; the share of year pairs whose two
occupation codes are both right at the 9% misclassification rate measured
for self-reported occupations, Sullivan 2007) fit within 12 months, on moves that stay at
the same education level; on held-out origins 81% (ESCO) and 78% (O*NET) do.
**An education level up adds no months** (:data:`MONTHS_PER_EDUCATION_LEVEL`
is 0): the observed moves one level up (ISCO-08 skill level of the major
group, or O*NET job zone) already need more skill months than the lateral
ones at that share, so no extra step fits in their year. Education still
weighs in the transition score (``education_up`` / ``education_down``) and
in the explanations, which name the levels up.
These are planning figures for a conversation with an advisor, not a
prediction: the bands are wide on purpose.

Examples
--------
>>> from transitions.advice.effort import effort_band
>>> effort_band(4.5), effort_band(7.0), effort_band(40.0)
('<= 6 months', '<= 1 year', '> 3 years')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["MONTHS_BY_REUSE_LEVEL", "MONTHS_UNKNOWN", "MONTHS_WITHOUT_REUSE_LEVEL",
           "MONTHS_PER_EDUCATION_LEVEL", "EFFORT_BANDS", "skill_months", "education_levels_up",
           "education_months", "effort_band", "effort_band_label"]

#: Months of learning per missing essential skill, by ESCO reuse level (calibrated: 0.358
#: months per cross-sector skill, rounded; see the module docs).
MONTHS_BY_REUSE_LEVEL = {
    "transversal": 0.18,
    "cross-sector": 0.36,
    "sector-specific": 0.54,
    "occupation-specific": 0.72,
}
#: Months assumed for a skill whose reuse level is unknown (the middle of the range).
MONTHS_UNKNOWN = 0.54
#: Months per missing skill in a taxonomy without reuse levels (O*NET: per element rated below
#: the destination's level; calibrated as above, 1.5 on the development flows).
MONTHS_WITHOUT_REUSE_LEVEL = 1.5

#: Months added per education level up: none, as calibrated (see the module docs; before the
#: calibration 12, the lower bound of ISCO's "one to three years" per level).
MONTHS_PER_EDUCATION_LEVEL = 0.0

#: Upper bounds (months, inclusive) and labels of the effort bands; beyond the last: "> 3 years".
EFFORT_BANDS = ((6.0, "<= 6 months"), (12.0, "<= 1 year"), (36.0, "<= 3 years"))
_BEYOND = "> 3 years"
_BAND_NL = {"<= 6 months": "<= 6 maanden", "<= 1 year": "<= 1 jaar", "<= 3 years": "<= 3 jaar",
            "> 3 years": "> 3 jaar"}


def skill_months(skills):
    """Months per skill from its ``reuse_level`` column (NaN: :data:`MONTHS_UNKNOWN`; no such
    column: :data:`MONTHS_WITHOUT_REUSE_LEVEL`)."""
    if "reuse_level" not in skills:
        return np.full(len(skills), MONTHS_WITHOUT_REUSE_LEVEL)
    level = skills["reuse_level"].astype("string").str.strip().str.lower()
    return level.map(MONTHS_BY_REUSE_LEVEL).astype(float).fillna(MONTHS_UNKNOWN).to_numpy()


def education_levels_up(origin_level, destination_level):
    """Education levels up from origin to destination (0 where either is unknown).

    Examples
    --------
    >>> import numpy as np
    >>> education_levels_up(np.array([[2.0]]), np.array([[4.0, 2.0, 1.0, np.nan]]))
    array([[2., 0., 0., 0.]])
    """
    step = np.nan_to_num(np.asarray(destination_level, float) - np.asarray(origin_level, float),
                         nan=0.0)
    return np.maximum(step, 0.0)


def education_months(origin_level, destination_level):
    """Months for the education levels up (:data:`MONTHS_PER_EDUCATION_LEVEL` per level)."""
    return MONTHS_PER_EDUCATION_LEVEL * education_levels_up(origin_level, destination_level)


def effort_band(months):
    """The band of an effort in months (scalar or array-like -> str or array of str)."""
    arr = np.asarray(months, dtype=float)
    edges = np.array([b for b, _ in EFFORT_BANDS])
    labels = np.array([lbl for _, lbl in EFFORT_BANDS] + [_BEYOND], dtype=object)
    pos = np.searchsorted(edges, arr, side="left")
    return labels[pos] if arr.ndim else labels[int(pos)]


def effort_band_label(band, lang="en"):
    """The band's text in ``lang`` (``"en"`` or ``"nl"``)."""
    return _BAND_NL.get(band, band) if lang == "nl" else band


def band_order():
    """The band labels from shortest to longest (for ordered categoricals)."""
    return pd.CategoricalDtype([lbl for _, lbl in EFFORT_BANDS] + [_BEYOND], ordered=True)
