"""Readers of CBS (Statistics Netherlands) tables by BRC 2014 occupation.

BRC 2014 (Beroepenclassificatie) nests 114 occupation *groups* (4 digits,
``0434``) in segments (3 digits, ``043``) and 13 classes (2 digits, ``04``).

- :func:`read_cbs_wages`: 85517NED "Werknemers; uurloon en beroep", hourly
  wage P25/median/P75 for the total, classes, segments and groups (2022).
- :func:`read_cbs_occupation_groups`: per BRC group jobs in two quarters
  (85276NED), one-year growth, and hourly pay quartiles (85517NED, 2024).
- :func:`read_cbs_jobs_2023`: 2023 jobs and median hourly wage by class,
  segment and group.

CBS publishes a blank where it suppresses a value (too few observations):
blanks stay NaN, marked in ``wage_suppressed``, so the occupation falls back
to the segment or class. Titles truncated by CBS (``"..."``) are kept as
published and flagged in ``title_truncated``. Source: CBS, CC BY 4.0 ("Bron: CBS").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, warn_defect
from ._io import drop_exact_duplicates, parse_numbers, read_table

__all__ = ["read_cbs_wages", "read_cbs_occupation_groups", "read_cbs_jobs_2023"]

BRC = "BRC 2014"


def _clean_title(title):
    # CBS cells may hold line breaks (the 'unknown occupation' group); titles
    # repeat the code in front in 85517NED ("0111 Docenten ...").
    title = title.fillna("").str.replace(r"\s+", " ", regex=True).str.strip()
    return title.str.replace(r"^\d{2,4}\s+", "", regex=True)


def _truncated(title):
    return title.str.endswith(("...", "..", ".")) & ~title.str.endswith(("z.n.d.", "z.n.d"))


def _check_brc(codes, where, column, *, total=("Totaal",), lengths=(2, 3, 4)):
    ok = codes.isin(total) | (codes.str.fullmatch(r"\d+") & codes.str.len().isin(lengths))
    if not ok.all():
        raise DataFormatError(
            f"{where}, column {column!r}: {int((~ok).sum())} unknown BRC code(s), e.g. "
            f"{codes[~ok].head(3).tolist()}; valid: {sorted(lengths)}-digit BRC 2014 codes"
            + (f" or {list(total)}" if total else "")
        )


def read_cbs_wages(path, *, year=2022):
    """Read CBS 85517NED hourly wages by BRC 2014 occupation.

    Parameters
    ----------
    path : str or path-like
        CSV with columns ``brc``, ``title``, ``employees_thousands``, ``p25``,
        ``p50``, ``p75`` (e.g. ``cbs_85517NED_uurloon_beroep_2022.csv``).
    year : int, default=2022
        The year of the table (for ``wage_year`` and the source label).

    Returns
    -------
    pandas.DataFrame
        A ``wage`` table (see :mod:`transitions.labour.schema`): ``code_system``
        (``"BRC 2014"``), ``code`` (class, segment, group or ``"Totaal"``),
        ``title``, ``title_truncated``, ``wage_median``, ``wage_p25``,
        ``wage_p75`` (EUR per hour, NaN where suppressed), ``wage_currency``,
        ``wage_year``, ``wage_suppressed``, ``employees`` (persons) and
        ``wage_source`` (``"CBS 85517NED <year>"``).
    """
    where = str(path)
    df = read_table(path, required=("brc", "title", "p25", "p50", "p75"),
                    what="CBS 85517NED wages")
    _check_brc(df["brc"].fillna(""), where, "brc")
    numbers = ["p25", "p50", "p75"] + (["employees_thousands"] if "employees_thousands" in df else [])
    parse_numbers(df, numbers, where=where)
    title = _clean_title(df["title"])
    out = pd.DataFrame({
        "code_system": BRC, "code": df["brc"], "title": title,
        "title_truncated": _truncated(title),
        "wage_median": df["p50"], "wage_p25": df["p25"], "wage_p75": df["p75"],
        "wage_currency": "EUR", "wage_year": year,
        "wage_suppressed": df[["p25", "p50", "p75"]].isna().all(axis=1),
        "employees": df["employees_thousands"] * 1000 if "employees_thousands" in df else np.nan,
        "wage_source": f"CBS 85517NED {year}",
    })
    partial = out[["wage_median", "wage_p25", "wage_p75"]].isna().any(axis=1) & ~out["wage_suppressed"]
    if partial.any():
        warn_defect(f"{where}: {int(partial.sum())} row(s) with only some wage quartiles",
                    out.loc[partial, "code"])
    return drop_exact_duplicates(out, "code", where=where).reset_index(drop=True)


def read_cbs_occupation_groups(path, *, quarter="2025Q4", previous="2024Q4", wage_year=2024):
    """Read the CBS table of BRC groups: jobs (85276NED) and hourly pay (85517NED).

    Parameters
    ----------
    path : str or path-like
        CSV with columns ``code``, ``title``, ``segmentCode``, ``categoryCode``,
        ``jobs``, ``jobsComparison``, ``growth1y``, ``medianHourlyPay``,
        ``payP25``, ``payP75`` (e.g.
        ``cbs_85276NED_85517NED_beroepsgroepen_2025Q4_uurloon2024.csv``).
    quarter, previous : str, default="2025Q4", "2024Q4"
        The quarters of ``jobs`` and ``jobsComparison``.
    wage_year : int, default=2024
        The year of the pay columns.

    Returns
    -------
    pandas.DataFrame
        One row per BRC group: ``code_system``, ``code``, ``title``,
        ``segment_code``, ``class_code``; an ``employment`` table (``employment``
        = jobs in ``quarter``, ``employment_year``, ``employment_source``); a
        ``jobs_growth_1y`` table (``jobs_growth_1y_pct``, its period and
        source); a ``wage`` table (``wage_median``, ``wage_p25``,
        ``wage_p75``, NaN where CBS suppresses pay, ``wage_currency``,
        ``wage_year``, ``wage_source``); ``jobs_previous``,
        ``women_share``, ``higher_education_share``.
    """
    where = str(path)
    req = ("code", "title", "jobs", "jobsComparison", "growth1y", "medianHourlyPay",
           "payP25", "payP75")
    df = read_table(path, required=req, what="CBS 85276NED/85517NED groups")
    _check_brc(df["code"].fillna(""), where, "code", total=(), lengths=(4,))
    extra = [c for c in ("womenShare", "higherEducationShare") if c in df]
    parse_numbers(df, ["jobs", "jobsComparison", "growth1y", "medianHourlyPay", "payP25",
                       "payP75", *extra], where=where)
    # growth1y is published rounded; check it against the job counts it comes from.
    implied = 100 * (df["jobs"] / df["jobsComparison"] - 1)
    off = (implied - df["growth1y"]).abs() > 0.15
    if off.any():
        warn_defect(f"{where}: {int(off.sum())} group(s) whose growth1y differs from "
                    f"jobs/jobsComparison by more than 0.15 points", df.loc[off, "code"])
    out = pd.DataFrame({
        "code_system": BRC, "code": df["code"], "title": _clean_title(df["title"]),
        "segment_code": df.get("segmentCode", df["code"].str[:3]),
        "class_code": df.get("categoryCode", df["code"].str[:2]),
        "employment": df["jobs"], "employment_year": quarter,
        "employment_source": f"CBS 85276NED {quarter}",
        "jobs_previous": df["jobsComparison"],
        "jobs_growth_1y_pct": df["growth1y"], "jobs_growth_1y_period": f"{previous}-{quarter}",
        "jobs_growth_1y_source": f"CBS 85276NED {previous}-{quarter}",
        "wage_median": df["medianHourlyPay"], "wage_p25": df["payP25"], "wage_p75": df["payP75"],
        "wage_currency": "EUR", "wage_year": wage_year,
        "wage_source": f"CBS 85517NED {wage_year}",
        "women_share": df.get("womenShare", np.nan),
        "higher_education_share": df.get("higherEducationShare", np.nan),
    })
    mism = (out["segment_code"] != out["code"].str[:3]) | (out["class_code"] != out["code"].str[:2])
    if mism.any():
        raise DataFormatError(f"{where}: segment/class codes that are not prefixes of the group "
                              f"code, e.g. {out.loc[mism, 'code'].head(3).tolist()}")
    return drop_exact_duplicates(out, "code", where=where).reset_index(drop=True)


def read_cbs_jobs_2023(path, *, year=2023):
    """Read CBS 2023 jobs and median hourly wages by BRC class, segment and group.

    This table fills a value CBS does not publish for a group or segment with
    the value of its parent (e.g. every group of segment 021 shows the
    segment's median). Such repeated medians are *not* the group's own: they
    are set to NaN (flag ``wage_inherited``) and counted in a warning, so the
    fallback reports them at the parent's level. (A parent with a single
    child legitimately shares its value and is left alone.)

    Parameters
    ----------
    path : str or path-like
        CSV with columns ``code``, ``title``, ``level`` (2, 3, 4), ``jobs_x1000``,
        ``median_hourly_wage``.
    year : int, default=2023

    Returns
    -------
    pandas.DataFrame
        ``employment`` and ``wage`` tables in one: ``code_system``, ``code``,
        ``title``, ``title_truncated``, ``employment`` (jobs), ``employment_year``,
        ``employment_source``, ``wage_median``, ``wage_currency``,
        ``wage_year``, ``wage_inherited``, ``wage_source``.
    """
    where = str(path)
    df = read_table(path, required=("code", "title", "level", "jobs_x1000",
                                    "median_hourly_wage"), what="CBS 2023 jobs")
    _check_brc(df["code"].fillna(""), where, "code", total=())
    parse_numbers(df, ["level", "jobs_x1000", "median_hourly_wage"], where=where)
    bad = df["level"] != df["code"].str.len()
    if bad.any():
        raise DataFormatError(f"{where}: column 'level' disagrees with the code length for "
                              f"{df.loc[bad, 'code'].head(3).tolist()}")
    wage = df.set_index("code")["median_hourly_wage"]
    parent = df["code"].str[:-1]
    siblings = parent.map(parent.value_counts())
    same = wage.reindex(parent).to_numpy() == df["median_hourly_wage"].to_numpy()
    inherited = df["level"].gt(2) & siblings.gt(1) & pd.Series(same, index=df.index)
    if inherited.any():
        warn_defect(f"{where}: {int(inherited.sum())} median(s) repeat the parent's value "
                    f"(not published for the code itself); treated as missing",
                    df.loc[inherited, "code"])
    title = _clean_title(df["title"])
    out = pd.DataFrame({
        "code_system": BRC, "code": df["code"], "title": title,
        "title_truncated": _truncated(title),
        "employment": df["jobs_x1000"] * 1000, "employment_year": str(year),
        "employment_source": f"CBS 85276NED {year}",
        "wage_median": df["median_hourly_wage"].where(~inherited),
        "wage_currency": "EUR", "wage_year": year, "wage_inherited": inherited,
        "wage_source": f"CBS 85517NED {year}",
    })
    return drop_exact_duplicates(out, "code", where=where).reset_index(drop=True)
