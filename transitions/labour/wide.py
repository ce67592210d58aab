"""Per-occupation tables in the layout of the sample's ``labour_market.csv``.

One row per occupation of a taxonomy (its own ids), columns ``occupation_id``,
``source`` and any of :data:`SAMPLE_COLUMNS`; optional ``wage_currency``,
``wage_year``, ``forecast_years`` and ``forecast_period``. :func:`split_wide`
turns it into one table per measure keyed by ``code_system="occupation"``.

``expansion_demand_pct_2030`` follows ROA: the expected change in % over
2025-2030, a six-year horizon, unless ``forecast_years`` says otherwise.
``employment_change_pct`` is an observed change in % per year. ``openings`` are
job openings per year, ``openings_rate`` the same as % of employment;
``tightness`` and ``shortage`` follow ROA's indicators (see
:mod:`transitions.labour.schema`).
"""

from __future__ import annotations

import pandas as pd

from ..exceptions import DataFormatError
from .codes import OCC
from .schema import normalise_table

__all__ = ["SAMPLE_COLUMNS", "split_wide", "wide_measures"]

#: Column of the per-occupation layout -> (measure, column in the measure's schema).
SAMPLE_COLUMNS = {
    "wage_median": ("wage", "wage_median"),
    "wage_p25": ("wage", "wage_p25"),
    "wage_p75": ("wage", "wage_p75"),
    "employment": ("employment", "employment"),
    "employment_change_pct": ("trend", "trend_pct"),
    "expansion_demand_pct_2030": ("forecast", "forecast_pct"),
    "openings": ("openings", "openings"),
    "openings_rate": ("openings", "openings_rate"),
    "tightness": ("tightness", "tightness"),
    "shortage": ("shortage", "shortage"),
    "routine_task_intensity": ("rti", "rti"),
    "automation_probability": ("automation_probability", "automation_probability"),
    "genai_exposure": ("ai_exposure", "ai_exposure"),
    "aioe": ("aioe", "aioe"),
}
_OPTIONAL = ("forecast_years", "forecast_period", "wage_currency", "wage_year")


def wide_measures(table):
    """The measures a per-occupation table has columns for, sorted."""
    return sorted({SAMPLE_COLUMNS[c][0] for c in table.columns if c in SAMPLE_COLUMNS})


def split_wide(table, *, currency="EUR", where="occupations table"):
    """One measure table per measure of a per-occupation table.

    Parameters
    ----------
    table : pandas.DataFrame
    currency : str, default="EUR"
        Currency of the wages when the table has no ``wage_currency`` column.
    where : str
        Name of the table for messages.

    Returns
    -------
    dict of str to pandas.DataFrame

    Raises
    ------
    DataFormatError
        Unknown or missing columns, no measure column, or a bad value (see
        :func:`~transitions.labour.schema.normalise_table`).
    """
    if not isinstance(table, pd.DataFrame):
        raise DataFormatError(f"{where} must be a pandas DataFrame, got {type(table).__name__}")
    allowed = ("occupation_id", "source", *SAMPLE_COLUMNS, *_OPTIONAL)
    unknown = [c for c in table.columns if c not in allowed]
    if unknown:
        raise DataFormatError(f"{where}: unknown column(s) {unknown}; valid: {list(allowed)}")
    missing = [c for c in ("occupation_id", "source") if c not in table.columns]
    if missing:
        raise DataFormatError(f"{where}: missing column(s) {missing}")
    measures = wide_measures(table)
    if not measures:
        raise DataFormatError(f"{where}: no measure column; expected some of {list(SAMPLE_COLUMNS)}")
    base = pd.DataFrame({"code_system": OCC, "code": table["occupation_id"],
                         "source": table["source"]})
    out = {}
    for measure in measures:
        t = base.copy()
        for col, (m, target) in SAMPLE_COLUMNS.items():
            if m == measure and col in table.columns:
                t[target] = table[col].to_numpy()
        if measure == "wage":
            t["wage_currency"] = table["wage_currency"] if "wage_currency" in table else currency
            if "wage_year" in table:
                t["wage_year"] = table["wage_year"]
        if measure == "forecast":
            t["forecast_years"] = table["forecast_years"] if "forecast_years" in table else 6
            t["forecast_period"] = (table["forecast_period"] if "forecast_period" in table
                                    else "2025-2030")
        out[measure] = normalise_table(t, measure, where=f"{where} ({measure})")
    return out
