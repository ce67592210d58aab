"""Effort bands: a documented heuristic for how long closing a skill gap takes.

There is no measured learning time per ESCO skill, so the library estimates
one from what the taxonomy does say: how widely a skill is reused. A skill
that transfers across sectors builds on things most workers already do; an
occupation-specific skill is a trade of its own. Each missing essential skill
costs the months in :data:`MONTHS_BY_REUSE_LEVEL`; a destination at a higher
education level than the worker's occupation (ISCO-08 skill level of the
major group, or O*NET job zone) adds :data:`MONTHS_PER_EDUCATION_LEVEL` per
level up, because skills alone do not make a bank teller a stock trader: the
higher levels are defined by years of formal training (ISCO-08: level 3
"one to three years" of higher education after secondary school, level 4
three to six). The sum is the gap's effort, and the band is the first of
:data:`EFFORT_BANDS` it fits in.
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

__all__ = ["MONTHS_BY_REUSE_LEVEL", "MONTHS_PER_EDUCATION_LEVEL", "EFFORT_BANDS", "skill_months",
           "education_months", "effort_band",
           "effort_band_label"]

#: Months of part-time learning assumed per missing essential skill, by ESCO reuse level.
MONTHS_BY_REUSE_LEVEL = {
    "transversal": 0.5,
    "cross-sector": 1.0,
    "sector-specific": 1.5,
    "occupation-specific": 2.0,
}
#: Months assumed for a skill whose reuse level is unknown (the middle of the range).
MONTHS_UNKNOWN = 1.5

#: Months of training assumed per education level up (the lower bound of ISCO's "one to three
#: years" per level).
MONTHS_PER_EDUCATION_LEVEL = 12.0

#: Upper bounds (months, inclusive) and labels of the effort bands; beyond the last: "> 3 years".
EFFORT_BANDS = ((6.0, "<= 6 months"), (12.0, "<= 1 year"), (36.0, "<= 3 years"))
_BEYOND = "> 3 years"
_BAND_NL = {"<= 6 months": "<= 6 maanden", "<= 1 year": "<= 1 jaar", "<= 3 years": "<= 3 jaar",
            "> 3 years": "> 3 jaar"}


def skill_months(skills):
    """Months per skill from its ``reuse_level`` column (NaN or absent: :data:`MONTHS_UNKNOWN`)."""
    if "reuse_level" not in skills:
        return np.full(len(skills), MONTHS_UNKNOWN)
    level = skills["reuse_level"].astype("string").str.strip().str.lower()
    return level.map(MONTHS_BY_REUSE_LEVEL).astype(float).fillna(MONTHS_UNKNOWN).to_numpy()


def education_months(origin_level, destination_level):
    """Months for the education levels up from origin to destination (0 where either is unknown).

    Examples
    --------
    >>> import numpy as np
    >>> education_months(np.array([[2.0]]), np.array([[4.0, 2.0, 1.0, np.nan]]))
    array([[24.,  0.,  0.,  0.]])
    """
    step = np.nan_to_num(np.asarray(destination_level, float) - np.asarray(origin_level, float),
                         nan=0.0)
    return MONTHS_PER_EDUCATION_LEVEL * np.maximum(step, 0.0)


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
