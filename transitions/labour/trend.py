"""Classify an occupation's employment trend as shrinking, stable or growing.

Two pieces of evidence are combined:

- the **forecast** (ROA expansion demand 2025-2030 for the Netherlands, BLS
  projections 2024-34 for the US), turned into a yearly rate
  ``forecast_pct / forecast_years`` so that horizons of different length
  compare; it counts as shrinking at or below ``-forecast_threshold`` and as
  growing at or above ``+forecast_threshold`` (% per year);
- the **observed** multi-year change ``trend_pct`` (% per year; Eurostat LFS
  2021-2025 by ISCO 2-digit for the Netherlands), with its own, wider
  threshold because survey counts by occupation are noisy.

Rule: when both say the same, that is the trend. When one is stable and the
other clearly moves, the move wins (a forecast flat but four years of clear
decline is shrinking). When they point in opposite directions the trend is
``"stable"`` and ``trend_basis`` says the evidence conflicts. A single piece of
evidence decides alone. The one-year CBS job growth is *not* used: a year of
job counts by occupation group moves by several percent on noise alone.

Defaults: ``forecast_threshold=0.25`` % per year (1.5 % over ROA's six years,
2.5 % over BLS's ten: BLS calls -1 % to +1 % over ten years "little or no
change", ROA's classes around zero are of similar width); ``observed_threshold=1.0``
% per year (a 4 % fall over 2021-2025, beyond the LFS's sampling noise at the
ISCO 2-digit level).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError

__all__ = ["classify_trend", "TREND_LABELS", "DEFAULT_FORECAST_THRESHOLD",
           "DEFAULT_OBSERVED_THRESHOLD"]

#: The trend labels, shrinking first.
TREND_LABELS = ("shrinking", "stable", "growing")
#: Yearly forecast change (%) at or beyond which the forecast says shrinking/growing.
DEFAULT_FORECAST_THRESHOLD = 0.25
#: Yearly observed change (%) at or beyond which the observation says shrinking/growing.
DEFAULT_OBSERVED_THRESHOLD = 1.0


def _check(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) \
            or not math.isfinite(value) or value < 0:
        raise InvalidParameterError(f"{name}={value!r} must be a finite number >= 0 (% per year)")


def _direction(rate, threshold):
    d = pd.Series(np.nan, index=rate.index)
    d[rate <= -threshold] = -1
    d[rate >= threshold] = 1
    d[(rate > -threshold) & (rate < threshold)] = 0
    return d


def classify_trend(forecast_pct, forecast_years, trend_pct, *,
                   forecast_threshold=DEFAULT_FORECAST_THRESHOLD,
                   observed_threshold=DEFAULT_OBSERVED_THRESHOLD):
    """Trend label and its basis from forecast and observed change.

    Parameters
    ----------
    forecast_pct : pandas.Series
        Expected change in % over the horizon (NaN where unknown).
    forecast_years : pandas.Series or float
        Horizon length in years.
    trend_pct : pandas.Series
        Observed change in % per year (NaN where unknown).
    forecast_threshold : float, default=0.25
        % per year; see the module docs.
    observed_threshold : float, default=1.0
        % per year; see the module docs.

    Returns
    -------
    pandas.DataFrame
        ``trend`` (``"shrinking"``, ``"stable"``, ``"growing"`` or NaN when
        there is no evidence), ``trend_basis`` (``"forecast"``, ``"observed"``,
        ``"forecast and observed"``, ``"forecast and observed conflict"`` or
        ``"none"``) and ``forecast_pct_per_year``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.Series([-3.0, 6.0, 1.0, 6.0, float("nan")])
    >>> o = pd.Series([-2.7, 0.5, -2.0, -2.0, float("nan")])
    >>> classify_trend(f, 6, o)[["trend", "trend_basis"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['shrinking', 'forecast and observed'], ['growing', 'forecast'],
     ['shrinking', 'observed'], ['stable', 'forecast and observed conflict'], [nan, 'none']]
    """
    _check("forecast_threshold", forecast_threshold)
    _check("observed_threshold", observed_threshold)
    forecast_pct = pd.Series(forecast_pct, dtype=float)
    index = forecast_pct.index
    trend_pct = pd.Series(trend_pct, index=index, dtype=float)
    years = pd.Series(forecast_years, index=index, dtype=float)
    rate = forecast_pct / years
    f = _direction(rate, forecast_threshold)
    o = _direction(trend_pct, observed_threshold)
    both = f.notna() & o.notna()
    conflict = both & (f * o < 0)
    combined = pd.Series(np.nan, index=index)
    combined[f.notna() & o.isna()] = f
    combined[o.notna() & f.isna()] = o
    agree = both & ~conflict
    # Same direction, or one flat and the other moving: the move (or the shared flat) wins.
    combined[agree] = np.sign(f[agree] + o[agree])
    combined[conflict] = 0
    labels = combined.map({-1.0: "shrinking", 0.0: "stable", 1.0: "growing"}).astype(object)
    basis = np.select(
        [conflict, both & (f != 0) & (o != 0), both & (f != 0), both & (o != 0), both,
         f.notna(), o.notna()],
        ["forecast and observed conflict", "forecast and observed", "forecast", "observed",
         "forecast and observed", "forecast", "observed"],
        "none",
    )
    return pd.DataFrame({"trend": labels.where(combined.notna(), np.nan),
                         "trend_basis": pd.Series(basis, index=index, dtype=object),
                         "forecast_pct_per_year": rate})
