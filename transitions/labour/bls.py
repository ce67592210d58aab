"""Readers of US Bureau of Labor Statistics tables by SOC 2018 (public domain).

- :func:`read_oews`: Occupational Employment and Wage Statistics (OEWS),
  national estimates at every SOC level (``O_GROUP``): employment and hourly
  wage percentiles.
- :func:`read_bls_projections`: Employment Projections 2024-34 by detailed SOC.

OEWS marks: ``*`` = not available and ``#`` = top-coded (the wage is at
least $115.00 an hour or $239,200 a year). A ``*`` is never a number. A
top-coded wage is kept as the top code, a *lower bound*, with
``wage_topcoded=True`` and the source saying so. For occupations whose
workers are not paid by the hour (teachers, pilots; ``ANNUAL=TRUE``) BLS
publishes annual wages only; their hourly figures are the annual ones divided
by 2,080 hours (BLS's own full-year convention), labelled in the source.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, warn_defect
from ._io import drop_exact_duplicates, parse_numbers, read_table

__all__ = ["read_oews", "read_bls_projections", "projection_openings", "HOURS_PER_YEAR"]

#: BLS's conversion between annual and hourly wages.
HOURS_PER_YEAR = 2080
_SOC = r"\d\d-\d{4}"
_MARKS = {"*": "not available", "#": "top-coded", "**": "not available"}


def _check_soc(codes, where, column):
    ok = codes.fillna("").str.fullmatch(_SOC)
    if not ok.all():
        raise DataFormatError(f"{where}, column {column!r}: {int((~ok).sum())} malformed SOC "
                              f"code(s), e.g. {codes[~ok].head(3).tolist()}; valid: 'XX-XXXX'")


def read_oews(path, *, release="May 2024", hourly_top_code=115.0):
    """Read OEWS national estimates (all SOC levels).

    Parameters
    ----------
    path : str or path-like
        The tab-separated national file (columns ``OCC_CODE``, ``OCC_TITLE``,
        ``O_GROUP``, ``TOT_EMP``, ``H_PCT25``, ``H_MEDIAN``, ``H_PCT75``,
        ``A_PCT25``, ``A_MEDIAN``, ``A_PCT75``, ``ANNUAL``), e.g.
        ``oews_national_M2024.tsv``.
    release : str, default="May 2024"
    hourly_top_code : float, default=115.0
        The hourly value BLS top-codes at (its ``#``).

    Returns
    -------
    pandas.DataFrame
        ``wage`` and ``employment`` tables in one: ``code_system="SOC 2018"``,
        ``code``, ``title``, ``o_group``, ``employment``, ``employment_year``,
        ``employment_source``, ``wage_median``, ``wage_p25``, ``wage_p75`` (USD
        per hour), ``wage_currency``, ``wage_year``, ``wage_topcoded``,
        ``wage_annual_only``, ``wage_source``.
    """
    where = str(path)
    cols = ("OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "H_PCT25", "H_MEDIAN", "H_PCT75",
            "A_PCT25", "A_MEDIAN", "A_PCT75")
    sep = "\t" if str(path).endswith((".tsv", ".txt")) else ","
    df = read_table(path, sep=sep, required=cols, what="BLS OEWS")
    for col in ("AREA", "NAICS", "OWN_CODE"):
        if col in df and df[col].nunique() > 1:
            raise DataFormatError(f"{where}: several values of {col} {sorted(df[col].unique())[:3]}; "
                                  f"pass the national cross-industry file")
    _check_soc(df["OCC_CODE"], where, "OCC_CODE")
    # Groups that are both 'broad' and 'detailed' appear twice with equal numbers.
    df = df.drop_duplicates([c for c in df.columns if c != "O_GROUP"])
    hourly, annual = ["H_PCT25", "H_MEDIAN", "H_PCT75"], ["A_PCT25", "A_MEDIAN", "A_PCT75"]
    marks_h = parse_numbers(df, hourly, where=where, marks=_MARKS)
    marks_a = parse_numbers(df, annual, where=where, marks=_MARKS)
    parse_numbers(df, ["TOT_EMP"], where=where, marks={"*": "not available", "**": "not available"})
    annual_only = df.get("ANNUAL", pd.Series("", index=df.index)).fillna("").str.upper().eq("TRUE")
    top_h = marks_h["#"]
    top_a = marks_a["#"]
    wages = {}
    topcoded = pd.Series(False, index=df.index)
    for h, a in zip(hourly, annual):
        value = df[h].where(~top_h[h], hourly_top_code)
        from_annual = annual_only & value.isna()
        annual_value = df[a].where(~top_a[a], hourly_top_code * HOURS_PER_YEAR) / HOURS_PER_YEAR
        value = value.where(~from_annual, annual_value)
        topcoded |= top_h[h] | (from_annual & top_a[a])
        wages[h] = value
    source = np.where(annual_only, f"BLS OEWS {release} (annual / {HOURS_PER_YEAR} h)",
                      f"BLS OEWS {release}")
    source = np.where(topcoded, [f"{s}; top-coded values are lower bounds" for s in source], source)
    out = pd.DataFrame({
        "code_system": "SOC 2018", "code": df["OCC_CODE"], "title": df["OCC_TITLE"],
        "o_group": df["O_GROUP"],
        "employment": df["TOT_EMP"], "employment_year": release,
        "employment_source": f"BLS OEWS {release}",
        "wage_median": wages["H_MEDIAN"], "wage_p25": wages["H_PCT25"],
        "wage_p75": wages["H_PCT75"], "wage_currency": "USD",
        "wage_year": int(release.split()[-1]), "wage_topcoded": topcoded,
        "wage_annual_only": annual_only, "wage_source": source,
    })
    n_star = int(marks_h["*"]["H_MEDIAN"].sum() - (annual_only & out["wage_median"].notna()).sum())
    if n_star > 0:
        warn_defect(f"{where}: {n_star} occupation(s) without a published median wage ('*'); "
                    f"left missing", out.loc[out["wage_median"].isna(), "code"])
    return drop_exact_duplicates(out, "code", where=where).reset_index(drop=True)


def read_bls_projections(path, *, period="2024-2034"):
    """Read BLS Employment Projections by SOC 2018 (detailed occupations).

    Uses the repaired codes (``soc2018_code_repaired``) where the file has
    them; repairs are counted in a warning and flagged in ``code_repaired``.
    The column the publisher names ``employment_change_24to34_thousands_annual_average``
    holds the annual average *openings*; it is returned as ``openings_annual``.

    Parameters
    ----------
    path : str or path-like
        ``bls_employment_projections_2024_34.csv``.
    period : str, default="2024-2034"

    Returns
    -------
    pandas.DataFrame
        A ``forecast`` table (``forecast_pct`` = % change over the period,
        ``forecast_years=10``, ``forecast_period``, ``forecast_source``) with
        ``code_system="SOC 2018"``, ``code``, ``title``, ``employment_base``,
        ``employment_target`` (persons), ``openings_annual``,
        ``median_annual_wage`` (USD; NaN where not published),
        ``median_annual_wage_topcoded``, ``education``, ``code_repaired``.
    """
    where = str(path)
    req = ("soc2018_code", "soc2018_title", "employment_2024_thousands",
           "employment_2034_thousands", "employment_change_24to34_percent")
    df = read_table(path, required=req, what="BLS Employment Projections")
    code = df["soc2018_code_repaired"] if "soc2018_code_repaired" in df else df["soc2018_code"]
    code = code.fillna(df["soc2018_code"])
    _check_soc(code, where, "soc2018_code_repaired")
    repaired = df.get("code_repair", pd.Series("original", index=df.index)).fillna("original") \
        .ne("original")
    if repaired.any():
        warn_defect(f"{where}: {int(repaired.sum())} SOC code(s) were corrupted in the "
                    f"published file and repaired by exact title match (code_repair)",
                    code[repaired])
    numbers = ["employment_2024_thousands", "employment_2034_thousands",
               "employment_change_24to34_percent"]
    extra = [c for c in ("employment_change_24to34_thousands_annual_average",
                         "median_annual_wage_2024") if c in df]
    for col in extra:  # BLS writes NA where a wage is not published
        df[col] = df[col].where(df[col].str.upper() != "NA")
    parse_numbers(df, numbers + extra, where=where)
    wage = df.get("median_annual_wage_2024", pd.Series(np.nan, index=df.index))
    years = int(period.split("-")[1]) - int(period.split("-")[0])
    out = pd.DataFrame({
        "code_system": "SOC 2018", "code": code, "title": df["soc2018_title"],
        "forecast_pct": df["employment_change_24to34_percent"], "forecast_years": years,
        "forecast_period": period,
        "forecast_source": f"BLS Employment Projections {period}",
        "employment_base": df["employment_2024_thousands"] * 1000,
        "employment_target": df["employment_2034_thousands"] * 1000,
        "openings_annual": df.get("employment_change_24to34_thousands_annual_average",
                                  pd.Series(np.nan, index=df.index)) * 1000,
        "median_annual_wage": wage,
        # BLS writes its top code (>= $239,200) as the number itself.
        "median_annual_wage_topcoded": wage >= 239200,
        "education": df.get("typical_entry_level_edu"),
        "code_repaired": repaired,
    })
    # Employment is published in thousands with one decimal: allow that rounding.
    implied = 100 * (out["employment_target"] / out["employment_base"] - 1)
    slack = 0.2 + 100 * 2 * 50 / out["employment_base"]
    off = (implied - out["forecast_pct"]).abs() > slack
    if off.any():
        warn_defect(f"{where}: {int(off.sum())} row(s) whose % change disagrees with the "
                    f"employment columns beyond rounding", out.loc[off, "code"])
    return drop_exact_duplicates(out, "code", where=where).reset_index(drop=True)


def projection_openings(projections):
    """The annual openings of BLS Employment Projections as an ``openings`` table.

    Parameters
    ----------
    projections : pandas.DataFrame
        From :func:`read_bls_projections`.

    Returns
    -------
    pandas.DataFrame
        ``code_system``, ``code``, ``openings`` (annual average openings,
        persons), ``openings_rate`` (% of base-year employment per year),
        ``openings_period`` and ``openings_source``.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = 100 * projections["openings_annual"] / projections["employment_base"]
    return pd.DataFrame({
        "code_system": projections["code_system"], "code": projections["code"],
        "openings": projections["openings_annual"],
        "openings_rate": rate.where(np.isfinite(rate)),
        "openings_period": projections["forecast_period"],
        "openings_source": projections["forecast_source"],
    })
