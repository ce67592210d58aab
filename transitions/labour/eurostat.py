"""Readers of Eurostat tables for the Netherlands by ISCO-08.

- :func:`read_lfs_employment`: Labour Force Survey ``lfsa_egai2d``, employment
  (thousands) by ISCO-08 2-digit, one row per code and year, with the series
  break and low-reliability flags.
- :func:`lfs_robust_trend`: the observed yearly change as a robust slope over
  all comparable years of a window (the default ``trend`` of the layer).
- :func:`lfs_trend`: the change between two end years as a ``trend`` table,
  refusing any window that crosses a series break.
- :func:`read_ses_earnings`: Structure of Earnings Survey 2022, mean hourly
  earnings by NACE section x ISCO-08 1-digit (for sanity checks).

Eurostat flags ``b`` (break in series) in the *first* year of a new series:
the LFS was redesigned in 2021 (and earlier in 2011 and 2013), so a change
from 2020 to 2021 mixes two surveys and is never computed.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError, warn_defect
from ._io import drop_exact_duplicates, parse_numbers, read_table

__all__ = ["read_lfs_employment", "lfs_trend", "lfs_robust_trend", "read_ses_earnings",
           "series_breaks", "ROBUST_TREND_YEARS"]

LFS_SOURCE = "Eurostat lfsa_egai2d (LFS)"
#: Default length (years) of the robust trend's window, ending in the file's last year.
ROBUST_TREND_YEARS = 10


def _isco_from_oc(codes, where, column, digits):
    ok = codes.fillna("").str.fullmatch(r"OC\d{%d}" % digits)
    if not ok.all():
        raise DataFormatError(
            f"{where}, column {column!r}: unknown ISCO code(s) {codes[~ok].head(3).tolist()}; "
            f"valid: 'OC' and {digits} digit(s), e.g. {'OC4' + '1' * (digits - 1)!r}"
        )
    return codes.str[2:]


def read_lfs_employment(path):
    """Read Eurostat ``lfsa_egai2d`` employment by ISCO-08 2-digit and year.

    Parameters
    ----------
    path : str or path-like
        CSV with columns ``isco08`` (``OC41``), ``year``, ``employed_thousands``,
        ``flag_series_break``, ``flag_low_reliability`` (optional ``geo``).

    Returns
    -------
    pandas.DataFrame
        Columns ``isco`` (2 digits), ``year`` (int), ``employed`` (persons;
        NaN where Eurostat has no value), ``series_break`` (bool: first year
        of a new series), ``low_reliability`` (bool).
    """
    where = str(path)
    df = read_table(path, required=("isco08", "year", "employed_thousands"),
                    what="Eurostat lfsa_egai2d")
    if "geo" in df and df["geo"].nunique() > 1:
        raise DataFormatError(f"{where}: several countries {sorted(df['geo'].unique())}; "
                              f"pass one country's rows")
    parse_numbers(df, ["year", "employed_thousands"], where=where)
    out = pd.DataFrame({
        "isco": _isco_from_oc(df["isco08"], where, "isco08", 2),
        "year": df["year"].astype(int),
        "employed": df["employed_thousands"] * 1000,
        "series_break": df.get("flag_series_break", pd.Series("", index=df.index))
                          .fillna("").str.contains("b"),
        "low_reliability": df.get("flag_low_reliability", pd.Series("", index=df.index))
                             .fillna("").str.contains("u"),
    })
    out = drop_exact_duplicates(out, ["isco", "year"], where=where)
    return out.sort_values(["isco", "year"]).reset_index(drop=True)


def series_breaks(lfs):
    """Years in which a new LFS series starts (flag ``b`` on any code), sorted."""
    return sorted(lfs.loc[lfs["series_break"], "year"].unique().tolist())


def lfs_trend(lfs, start=2021, end=2025, *, min_years=3):
    """Observed yearly employment change by ISCO-08 2- and 1-digit as a ``trend`` table.

    The change is the compound yearly rate ``100 * ((E_end / E_start) ** (1 /
    (end - start)) - 1)``. 1-digit groups sum their 2-digit groups that have
    both years.

    Parameters
    ----------
    lfs : pandas.DataFrame
        From :func:`read_lfs_employment`.
    start, end : int, default=2021, 2025
        The window. It must not cross a series break: a break flagged in year
        ``y`` forbids ``start < y <= end``.
    min_years : int, default=3
        Shortest window accepted (shorter ones mostly measure sampling noise).

    Returns
    -------
    pandas.DataFrame
        ``code_system="ISCO-08"``, ``code``, ``trend_pct``, ``trend_period``
        (e.g. ``"2021-2025"``), ``employed_start``, ``employed_end``,
        ``low_reliability`` and ``trend_source``.

    Raises
    ------
    InvalidParameterError
        A window crossing a series break, reversed or shorter than ``min_years``.
    """
    if end - start < min_years:
        raise InvalidParameterError(
            f"lfs_trend window {start}-{end} is shorter than min_years={min_years}")
    crossed = [y for y in series_breaks(lfs) if start < y <= end]
    if crossed:
        raise InvalidParameterError(
            f"lfs_trend window {start}-{end} crosses a series break in {crossed} (the LFS "
            f"was redesigned); choose a window within one series, e.g. "
            f"{max(crossed)}-{max(end, max(crossed) + min_years)} or one ending before {min(crossed)}"
        )
    wide = lfs.pivot(index="isco", columns="year", values="employed")
    flags = lfs.pivot(index="isco", columns="year", values="low_reliability")
    for year in (start, end):
        if year not in wide.columns:
            raise InvalidParameterError(
                f"lfs_trend: year {year} is not in the table; years: {list(wide.columns)}")
    e0, e1 = wide[start], wide[end]
    usable = e0.notna() & e1.notna() & (e0 > 0)
    if (~usable).any():
        warn_defect(f"LFS {start}-{end}: {int((~usable).sum())} ISCO 2-digit code(s) lack a "
                    f"value in {start} or {end}; they fall back to 1 digit",
                    [f"OC{c}" for c in wide.index[~usable]])
    low = (flags[start].fillna(False) | flags[end].fillna(False)).astype(bool)
    two = pd.DataFrame({"code": wide.index[usable], "employed_start": e0[usable].to_numpy(),
                        "employed_end": e1[usable].to_numpy(),
                        "low_reliability": low[usable].to_numpy()})
    one = two.assign(code=two["code"].str[0]).groupby("code", as_index=False).agg(
        employed_start=("employed_start", "sum"), employed_end=("employed_end", "sum"),
        low_reliability=("low_reliability", "any"))
    out = pd.concat([two, one], ignore_index=True)
    years = end - start
    out["trend_pct"] = 100 * ((out["employed_end"] / out["employed_start"]) ** (1 / years) - 1)
    out["trend_period"] = f"{start}-{end}"
    out["trend_source"] = f"{LFS_SOURCE} {start}-{end}"
    out.insert(0, "code_system", "ISCO-08")
    cols = ["code_system", "code", "trend_pct", "trend_period", "employed_start",
            "employed_end", "low_reliability", "trend_source"]
    return out[cols].sort_values("code", kind="stable").reset_index(drop=True)


def _series_id(years, breaks):
    """Which series (0, 1, ...) each year belongs to: a break year starts a new one."""
    return np.searchsorted(np.asarray(sorted(breaks)), np.asarray(years), side="right")


def _theil_sen(logs, years, series):
    """Median pairwise slope per row of ``logs`` (rows x years) over same-series pairs.

    Returns the slopes (log points a year), the jackknife minimum and maximum
    (leaving out one year at a time) and the number of pairs used.
    """
    a, b = np.triu_indices(len(years), k=1)
    same = series[a] == series[b]
    a, b = a[same], b[same]
    slopes = (logs[:, b] - logs[:, a]) / (years[b] - years[a])
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows stay NaN
        full = np.nanmedian(slopes, axis=1)
        jack = np.stack([np.nanmedian(np.where(((a == k) | (b == k))[None, :], np.nan, slopes),
                                      axis=1) for k in range(len(years))], axis=1)
        low, high = np.nanmin(jack, axis=1), np.nanmax(jack, axis=1)
    n = np.isfinite(slopes).sum(axis=1)
    return full, low, high, n


def lfs_robust_trend(lfs, start=None, end=None, *, min_years=5):
    """Robust yearly employment change by ISCO-08 2- and 1-digit as a ``trend`` table.

    The Theil-Sen slope of log employment over all pairs of years of the
    window that lie in one series (see the module docs), as a compound %
    a year. Series breaks shift the level only; no pair crosses one.
    1-digit groups use the sums of their 2-digit groups that have every year
    of the window.

    Parameters
    ----------
    lfs : pandas.DataFrame
        From :func:`read_lfs_employment`.
    start, end : int, optional
        The window; default the last :data:`ROBUST_TREND_YEARS` years of the file.
    min_years : int, default=5
        Codes with fewer years of data in the window get no trend (counted
        warning); fewer than three comparable pairs also means no trend.

    Returns
    -------
    pandas.DataFrame
        ``code_system="ISCO-08"``, ``code``, ``trend_pct`` (robust, % a year),
        ``trend_pct_low``, ``trend_pct_high`` (the range when any one year is
        left out), ``trend_period`` (e.g. ``"2016-2025"``), ``trend_method``
        (``"robust"``), ``trend_years`` (years with data), ``trend_series``
        (series in the window), ``low_reliability`` and ``trend_source``.

    Examples
    --------
    >>> import pandas as pd
    >>> years = list(range(2016, 2026))
    >>> jobs = [73, 84, 81, 82, 82, 92, 79, 79, 79, 79]   # a high first year of a new series
    >>> lfs = pd.DataFrame({"isco": "81", "year": years, "employed": [j * 1000 for j in jobs],
    ...                     "series_break": [y == 2021 for y in years], "low_reliability": False})
    >>> t = lfs_robust_trend(lfs).set_index("code")
    >>> round(float(t.loc["81", "trend_pct"]), 1)   # the end points 2021-2025 say -3.7
    0.0
    """
    lo_year, hi_year = int(lfs["year"].min()), int(lfs["year"].max())
    end = hi_year if end is None else int(end)
    start = max(lo_year, end - ROBUST_TREND_YEARS + 1) if start is None else int(start)
    if end - start + 1 < min_years:
        raise InvalidParameterError(
            f"lfs_robust_trend window {start}-{end} is shorter than min_years={min_years}")
    wide = lfs.pivot(index="isco", columns="year", values="employed")
    flags = lfs.pivot(index="isco", columns="year", values="low_reliability")
    years = np.array([y for y in wide.columns if start <= y <= end])
    if len(years) < min_years:
        raise InvalidParameterError(
            f"lfs_robust_trend: the table has {len(years)} year(s) in {start}-{end}; "
            f"need {min_years}")
    series = _series_id(years, series_breaks(lfs))
    two = wide[years]
    one = two[two.notna().all(axis=1)].groupby(two.index[two.notna().all(axis=1)].str[0]).sum()
    table = pd.concat([two, one])
    values = table.to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(values > 0, np.log(values), np.nan)
    full, low, high, pairs = _theil_sen(logs, years.astype(float), series)
    n_years = np.isfinite(logs).sum(axis=1)
    ok = (n_years >= min_years) & (pairs >= 3)
    if (~ok).any():
        warn_defect(f"LFS {start}-{end}: {int((~ok).sum())} ISCO code(s) with fewer than "
                    f"{min_years} years in the window; they fall back to a coarser level",
                    [f"OC{c}" for c in table.index[~ok]])
    low_rel = flags.reindex(columns=years).fillna(False).astype(bool).any(axis=1)
    low_rel = pd.concat([low_rel, low_rel.groupby(low_rel.index.str[0]).any()])
    pct = lambda x: 100 * np.expm1(x)  # noqa: E731
    out = pd.DataFrame({
        "code_system": "ISCO-08", "code": table.index, "trend_pct": pct(full),
        "trend_pct_low": pct(low), "trend_pct_high": pct(high),
        "trend_period": f"{start}-{end}", "trend_method": "robust",
        "trend_years": n_years, "trend_series": [len(set(series[np.isfinite(r)])) for r in logs],
        "low_reliability": low_rel.reindex(table.index).fillna(False).to_numpy(bool),
        "trend_source": f"{LFS_SOURCE} {start}-{end}, robust slope",
    })
    return out[ok].sort_values("code", kind="stable").reset_index(drop=True)


def read_ses_earnings(path):
    """Read Eurostat SES mean hourly earnings by NACE section x ISCO-08 1-digit.

    Returns
    -------
    pandas.DataFrame
        Columns ``nace``, ``isco`` (1 digit), ``mean_hourly_eur`` (NaN where
        not published).
    """
    where = str(path)
    df = read_table(path, required=("nace_r2", "isco08", "mean_hourly_eur"),
                    what="Eurostat SES earnings")
    parse_numbers(df, ["mean_hourly_eur"], where=where)
    out = pd.DataFrame({"nace": df["nace_r2"],
                        "isco": _isco_from_oc(df["isco08"], where, "isco08", 1),
                        "mean_hourly_eur": df["mean_hourly_eur"]})
    return drop_exact_duplicates(out, ["nace", "isco"], where=where).reset_index(drop=True)
