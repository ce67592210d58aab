"""The documented schema of labour-market tables (publishers' data and users' own).

A labour-market table holds one *measure* for occupations of one or more code
systems. Every table has the columns

``code_system``
    ``"ISCO-08"``, ``"BRC 2014"``, ``"SOC 2018"`` (also for O*NET-SOC codes),
    ``"SOC 2010"`` or ``"occupation"`` (a taxonomy's own occupation ids).
``code``
    A code of that system at any level: ISCO-08 ``"4311"``/``"431"``/``"43"``/``"4"``;
    BRC 2014 group ``"0434"``, segment ``"043"``, class ``"04"`` or ``"Totaal"``;
    SOC ``"43-3031"``, ``"43-3030"``, ``"43-3000"``, ``"43-0000"``, O*NET-SOC
    ``"43-3031.00"``. The level follows from the code (see :mod:`.codes`).
``source`` or ``<measure>_source``
    Where the numbers come from, e.g. ``"CBS 85517NED 2022"``. Required.

and the measure's own columns (empty cells are missing values, never zeros;
text in a number column is an error):

======================== ============================================== =====================
measure                  columns (required in bold)                      meaning
======================== ============================================== =====================
``wage``                 **wage_median**, **wage_currency**, wage_p25,  gross hourly wage
                         wage_p75, wage_year, wage_topcoded (bool: a
                         value is the publisher's top code, a lower
                         bound)
``employment``           **employment**, employment_year                 jobs or employed persons
``trend``                **trend_pct**, trend_pct_low, trend_pct_high,   observed change, % per year
                         trend_period, trend_method                      (low/high: range when one
                                                                         year is left out)
``jobs_growth_1y``       **jobs_growth_1y_pct**, jobs_growth_1y_period   one-year change, % (noisy)
``forecast``             **forecast_pct**, **forecast_years**,           expected change, % over
                         forecast_period                                 the horizon
``openings``             **openings**, openings_rate, openings_period    job openings per year
                                                                         (expansion + replacement
                                                                         demand); rate: % of
                                                                         employment per year
``tightness``            **tightness**, tightness_class,                 current tightness
                         tightness_period                                (ROA: vacancies per
                                                                         short-term unemployed;
                                                                         higher = tighter)
``shortage``             **shortage**, shortage_class, shortage_period   expected future shortage
                                                                         (ROA ITKB: LOWER = larger
                                                                         shortage); class in the
                                                                         publisher's words
``rti``                  **rti**, routine_share                          routine task intensity
                                                                         (standardised), share of
                                                                         routine tasks
``automation_probability`` **automation_probability**                   probability 0-1
``ai_exposure``          **ai_exposure**, ai_exposure_gradient           GenAI exposure 0-1
``aioe``                 **aioe**                                        AI occupational exposure
``jrc_routine``          **jrc_routine**                                 routine index 0-1
======================== ============================================== =====================

Rows whose value columns are all empty are kept: they mark a suppressed or
unpublished value, so that the occupation falls back to a coarser level.

Values that cannot be (a negative wage, a share above 1) are errors. Values
that can be but are not plausible are counted defects (a
:class:`~transitions.DataQualityWarning` naming the table, column and codes)
and become missing, so that the occupation falls back to a coarser level:
an hourly wage in EUR, USD, GBP or CHF outside [1, 1000] (0, or annual pay in
an hourly column) or of 0 in another currency; more than 2e9 jobs; a change
outside [-100, 1000] %; an index outside [-10, 10] standard deviations; a
year outside [1900, 2100]; a forecast horizon outside (0, 100] years
(see :data:`PLAUSIBLE`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, warn_defect
from ._io import drop_exact_duplicates, parse_numbers
from .codes import canonical_system, code_keys, level_name

__all__ = ["Measure", "MEASURES", "normalise_table", "screen_values", "PLAUSIBLE", "KEY_COLUMNS"]

KEY_COLUMNS = ("code_system", "code", "key", "depth", "level")


@dataclass(frozen=True)
class Measure:
    """One measure of the labour-market layer.

    ``values`` are averaged over the codes an occupation maps to; the first is
    the primary value (a row without it does not count as known). ``meta``
    maps descriptive columns to how they combine: ``"text"`` (distinct values
    joined with ``"; "``), ``"min"`` (e.g. years) or ``"any"`` (flags).
    """

    name: str
    values: tuple
    meta: dict = field(default_factory=dict)
    required: tuple = ()
    bounds: dict = field(default_factory=dict)
    description: str = ""

    @property
    def primary(self):
        return self.values[0]

    @property
    def source(self):
        return f"{self.name}_source"

    @property
    def level(self):
        return f"{self.name}_level"

    @property
    def via(self):
        return f"{self.name}_via"

    @property
    def columns(self):
        """Output columns, in order: values, meta, source, level, via."""
        return (*self.values, *self.meta, self.source, self.level, self.via)


_NONNEG = (0.0, np.inf)
_UNIT = (0.0, 1.0)
#: The measures, in output order.
MEASURES = {
    m.name: m
    for m in (
        Measure("wage", ("wage_median", "wage_p25", "wage_p75"),
                {"wage_currency": "text", "wage_year": "min", "wage_topcoded": "any"},
                required=("wage_median", "wage_currency"),
                bounds={"wage_median": _NONNEG, "wage_p25": _NONNEG, "wage_p75": _NONNEG},
                description="gross hourly wage"),
        Measure("employment", ("employment",), {"employment_year": "text"},
                required=("employment",), bounds={"employment": _NONNEG},
                description="jobs or employed persons"),
        Measure("trend", ("trend_pct", "trend_pct_low", "trend_pct_high"),
                {"trend_period": "text", "trend_method": "text"}, required=("trend_pct",),
                description="observed employment change, % per year"),
        Measure("jobs_growth_1y", ("jobs_growth_1y_pct",), {"jobs_growth_1y_period": "text"},
                required=("jobs_growth_1y_pct",),
                description="one-year change in jobs, % (noisy: not a trend on its own)"),
        Measure("forecast", ("forecast_pct",), {"forecast_years": "min", "forecast_period": "text"},
                required=("forecast_pct", "forecast_years"),
                bounds={"forecast_years": (1e-9, np.inf)},
                description="expected employment change, % over the forecast horizon"),
        Measure("openings", ("openings", "openings_rate"), {"openings_period": "text"},
                required=("openings",), bounds={"openings": _NONNEG, "openings_rate": _NONNEG},
                description="job openings per year"),
        Measure("tightness", ("tightness",), {"tightness_class": "text",
                                             "tightness_period": "text"},
                required=("tightness",), bounds={"tightness": _NONNEG},
                description="current labour-market tightness (higher = tighter)"),
        Measure("shortage", ("shortage",), {"shortage_class": "text", "shortage_period": "text"},
                required=("shortage",), bounds={"shortage": _NONNEG},
                description="expected future shortage indicator (lower = larger shortage)"),
        Measure("rti", ("rti", "routine_share"), required=("rti",),
                bounds={"routine_share": _UNIT},
                description="routine task intensity (standardised)"),
        Measure("automation_probability", ("automation_probability",),
                required=("automation_probability",), bounds={"automation_probability": _UNIT},
                description="probability of computerisation"),
        Measure("ai_exposure", ("ai_exposure",), {"ai_exposure_gradient": "text"},
                required=("ai_exposure",), bounds={"ai_exposure": _UNIT},
                description="exposure to generative AI"),
        Measure("aioe", ("aioe",), required=("aioe",), description="AI occupational exposure"),
        Measure("jrc_routine", ("jrc_routine",), required=("jrc_routine",),
                bounds={"jrc_routine": _UNIT}, description="routine index (JRC-Eurofound)"),
    )
}
_NUMERIC_META = {"wage_year", "forecast_years"}
_PCT = (-100.0, 1000.0)
_WAGE = (1.0, 1000.0)
#: Plausible ranges per column (closed); outside is a counted defect (see the module docs).
PLAUSIBLE = {
    "wage_median": _WAGE, "wage_p25": _WAGE, "wage_p75": _WAGE, "wage_year": (1900, 2100),
    "employment": (0.0, 2e9), "openings": (0.0, 2e9), "trend_pct": _PCT,
    "jobs_growth_1y_pct": _PCT,
    "forecast_pct": _PCT, "forecast_years": (1e-9, 100.0), "rti": (-10.0, 10.0),
    "aioe": (-10.0, 10.0),
}
#: Currencies whose hourly wages :data:`PLAUSIBLE` bounds; in others only 0 is implausible.
WAGE_CURRENCIES = ("EUR", "USD", "GBP", "CHF")


def screen_values(table, measure, *, where=None):
    """``table`` with implausible values of ``measure`` made missing, each kind counted.

    Values outside :data:`PLAUSIBLE` give a :class:`~transitions.DataQualityWarning`
    naming ``where``, the column, the count and examples (code: value) and become
    NaN, so the occupation falls back to a coarser level. Columns that are not
    numbers are left alone (:func:`normalise_table` reports them).

    Examples
    --------
    >>> import pandas as pd, warnings
    >>> t = pd.DataFrame({"code_system": "BRC 2014", "code": ["0434", "0435"],
    ...                   "wage_median": [21.2, 0.0], "wage_currency": "EUR", "source": "x"})
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     screen_values(t, "wage", where="wages.csv")["wage_median"].tolist()
    [21.2, nan]
    >>> print(w[0].message)
    wages.csv: 1 implausible value(s) in column 'wage_median', outside [1.0, 1000.0]; treated as missing (e.g. 0435: 0.0)
    """
    where = where or f"{measure} table"
    spec = MEASURES[measure]
    out = table
    columns = [*spec.values, *[c for c in spec.meta if c in _NUMERIC_META]]
    for col in columns:
        if col not in table.columns or col not in PLAUSIBLE \
                or not pd.api.types.is_numeric_dtype(table[col]):
            continue
        lo, hi = PLAUSIBLE[col]
        v = table[col]
        bad = v.notna() & ((v < lo) | (v > hi))
        if col.startswith("wage_") and col != "wage_year" and "wage_currency" in table.columns:
            major = table["wage_currency"].astype(str).str.upper().isin(WAGE_CURRENCIES)
            bad = (bad & major) | (v.notna() & (v == 0) & ~major)
        if not bad.any():
            continue
        if out is table:
            out = table.copy()
        codes = table["code"].astype(str) if "code" in table else pd.Series(table.index.astype(str))
        warn_defect(
            f"{where}: {int(bad.sum())} implausible value(s) in column {col!r}, outside "
            f"[{lo}, {hi}]; treated as missing",
            [f"{c}: {x!r}" for c, x in zip(codes[bad.to_numpy()], v[bad].tolist())],
        )
        out[col] = v.mask(bad)
    return out


def normalise_table(table, measure, *, where=None):
    """Validate a labour-market table of one measure and add its matching keys.

    Parameters
    ----------
    table : pandas.DataFrame
        In the schema of the module docs; other columns are ignored.
    measure : str
        A key of :data:`MEASURES`.
    where : str, optional
        Name of the table for messages (default: the measure).

    Returns
    -------
    pandas.DataFrame
        Columns ``code_system, code, key, depth, level``, the measure's value
        and meta columns and ``<measure>_source``; ordered by system, level
        (finest first) and code.

    Raises
    ------
    DataFormatError
        Missing column, unknown code system, malformed code, text in a number
        column, value out of range, or a code repeated with different values.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"code_system": ["BRC 2014", "BRC 2014"], "code": ["0434", "043"],
    ...                   "wage_median": [21.2, 21.6], "wage_currency": "EUR",
    ...                   "source": "my region 2024"})
    >>> normalise_table(t, "wage")[["code", "level", "wage_median"]]
       code        level  wage_median
    0  0434    BRC group         21.2
    1   043  BRC segment         21.6
    """
    spec = MEASURES[measure]
    where = where or f"{measure} table"
    if not isinstance(table, pd.DataFrame):
        raise DataFormatError(f"{where} must be a pandas DataFrame, got {type(table).__name__}")
    df = table.reset_index(drop=True).copy()
    source_col = spec.source if spec.source in df.columns else "source"
    missing = [c for c in ("code_system", "code", *spec.required) if c not in df.columns]
    if source_col not in df.columns:
        missing.append(f"source (or {spec.source})")
    if missing:
        raise DataFormatError(
            f"{where}: missing column(s) {missing}; required: code_system, code, "
            f"{', '.join(spec.required)} and source; see transitions.labour.schema"
        )
    for col in ("code_system", "code", source_col):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    if df["code_system"].isna().any() or df["code"].isna().any():
        row = int(np.flatnonzero((df["code_system"].isna() | df["code"].isna()).to_numpy())[0])
        raise DataFormatError(f"{where}, row {row + 2}: empty code_system or code")
    if df[source_col].isna().any():
        row = int(np.flatnonzero(df[source_col].isna().to_numpy())[0])
        raise DataFormatError(f"{where}, row {row + 2}: empty source; every number needs one")

    numeric = [c for c in spec.values if c in df.columns]
    numeric += [c for c in spec.meta if c in _NUMERIC_META and c in df.columns]
    for col in numeric:  # numbers may arrive as numbers already; text is checked below
        if not pd.api.types.is_numeric_dtype(df[col]):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    parse_numbers(df, numeric, where=where)
    _check_bounds(df, spec, where)
    df = screen_values(df, measure, where=where)

    out = pd.DataFrame({"code_system": df["code_system"].map(
        lambda s: canonical_system(s, where=where))})
    out["code"] = df["code"].astype(str).str.strip()
    keys = pd.Series(index=out.index, dtype=object)
    depth = pd.Series(0, index=out.index, dtype=int)
    for system, idx in out.groupby("code_system", sort=False).groups.items():
        k, d = code_keys(system, out.loc[idx, "code"], where=where)
        keys.loc[idx] = k.to_numpy()
        depth.loc[idx] = d.to_numpy()
    out["key"] = keys
    out["depth"] = depth.astype(int)
    out["level"] = [level_name(s, d) for s, d in zip(out["code_system"], out["depth"])]
    for col in spec.values:
        out[col] = df[col] if col in df.columns else np.nan
    for col, kind in spec.meta.items():
        if col in df.columns:
            out[col] = df[col] if col in _NUMERIC_META else _meta_column(df[col], kind, where)
        else:
            out[col] = False if kind == "any" else np.nan
    out[spec.source] = df[source_col].astype(str)
    if "title" in df.columns:
        out["title"] = df["title"]
    _warn_quartiles(out, where)
    out = drop_exact_duplicates(out, ["code_system", "key"], where=where)
    return out.sort_values(["code_system", "depth", "key"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


def _meta_column(col, kind, where):
    if kind != "any":
        return col.astype(object).where(col.notna(), np.nan)
    if pd.api.types.is_bool_dtype(col):
        return col.astype(bool)
    text = col.astype(str).str.strip().str.lower()
    parsed = text.map({"true": True, "false": False, "1": True, "0": False, "1.0": True,
                       "0.0": False, "nan": False, "": False, "none": False})
    if parsed.isna().any():
        row = int(np.flatnonzero(parsed.isna().to_numpy())[0])
        raise DataFormatError(
            f"{where}, column {col.name!r}, row {row + 2}: {col.iloc[row]!r} is not a boolean "
            f"(use true/false)"
        )
    return parsed.astype(bool)


def _check_bounds(df, spec, where):
    for col, (lo, hi) in spec.bounds.items():
        if col not in df.columns:
            continue
        v = df[col]
        bad = v.notna() & ((v < lo) | (v > hi))
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataFormatError(
                f"{where}, column {col!r}, row {row + 2}: {v.iloc[row]!r} is outside "
                f"[{lo}, {hi}] ({int(bad.sum())} such value(s))"
            )


def _warn_quartiles(out, where):
    if "wage_p25" not in out.columns:
        return
    bad = (out["wage_p25"] > out["wage_median"]) | (out["wage_median"] > out["wage_p75"])
    if bad.any():
        warn_defect(
            f"{where}: {int(bad.sum())} row(s) with wage quartiles out of order "
            f"(p25 <= median <= p75 expected); kept as published",
            out.loc[bad, "code"],
        )
