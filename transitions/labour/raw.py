"""The publishers' raw layouts, converted to the tidy layout the readers check.

What CBS's OData API, Eurostat's dissemination API and BLS's website hand
out differs from the tidy one-row-per-code files (``nl/cbs_85517NED_...csv``
and so on). Each function here turns a raw download into a
:class:`Converted` table with exactly the tidy file's columns, as text; the
tidy readers (:func:`~transitions.labour.cbs.read_cbs_wages` ...) then read
it like the file, with the same checks, so both layouts give the same tables.

- CBS OData v3 (``opendata.cbs.nl/ODataApi``): per table a folder of JSON
  answers, ``TypedDataSet.json`` (rows keyed by opaque dimension keys, e.g.
  ``Beroep = "A000275"``) and one file per dimension (``Beroep.json``:
  ``Key``, ``Title`` such as ``"0811 Software- en applicatieontwikkelaars"``,
  ``Description``).
- Eurostat SDMX-CSV (``DATAFLOW, LAST UPDATE, freq, unit, sex, age, isco08,
  geo, TIME_PERIOD, OBS_VALUE, OBS_FLAG``).
- BLS: the OEWS national zip (its ``national_M<year>_dl.xlsx``) and the
  Employment Projections workbook (``occupation.xlsx``, sheet ``Table 1.2``).
- CBS's ISCO-08 - BRC 2014 correspondence workbook (sheet ``BRC 2014 variabelen``).

Reading the workbooks needs ``openpyxl`` (``.xlsx``) or ``xlrd`` (``.xls``),
imported only here.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .._hashing import file_sha256
from ..exceptions import DataFormatError

__all__ = ["Converted", "cbs_odata_wages", "cbs_odata_groups", "eurostat_sdmx_lfs", "bls_oews",
           "bls_projections", "cbs_isco_brc"]


class Converted:
    """A raw download converted to a tidy table (what a tidy reader reads instead of a file).

    Attributes
    ----------
    frame : pandas.DataFrame
        The tidy columns, as text (NaN for empty cells).
    sources : list of Path
        The raw files it came from (for provenance and messages).
    layout : str
        The publisher's layout, for messages.
    """

    def __init__(self, frame, sources, layout):
        self.frame = frame
        self.sources = [Path(s) for s in sources]
        self.layout = layout

    def __str__(self):
        return f"{self.sources[0]} ({self.layout})"

    def sha256(self):
        """SHA-256 of the raw file (of their concatenated digests when several)."""
        digests = [file_sha256(p) for p in self.sources]
        if len(digests) == 1:
            return digests[0]
        import hashlib

        return hashlib.sha256("".join(digests).encode()).hexdigest()


def _text(values):
    """Numbers as the text a CSV would hold (integers without '.0'); None stays missing."""
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out.append(np.nan)
        elif isinstance(v, float) and v.is_integer():
            out.append(str(int(v)))
        else:
            out.append(str(v).strip())
    return out


#: The dtype ``read_csv(dtype=str)`` gives text (so converted tables equal the files' exactly).
_TEXT = pd.read_csv(io.StringIO("a\nx\n"), dtype=str)["a"].dtype


def _tidy(frame, sources, layout):
    frame = frame.reset_index(drop=True)
    out = pd.DataFrame({c: pd.Series([None if _missing(v) else v for v in frame[c].tolist()],
                                     dtype=_TEXT) for c in frame.columns})
    return Converted(out, sources, layout)


def _missing(v):
    return v is None or (isinstance(v, float) and np.isnan(v))


# ---------------------------------------------------------------------- CBS OData
def _odata(folder, name):
    from .._download import read_json

    path = Path(folder) / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"CBS OData: {path} not found (fetch it with "
                                f"'transitions data fetch cbs')")
    doc = read_json(path)
    rows = doc.get("value") if isinstance(doc, dict) else doc
    if not isinstance(rows, list):
        raise DataFormatError(f"{path}: not an OData answer (no 'value' list)")
    return pd.DataFrame(rows), path


def _beroep(folder):
    """The Beroep dimension: key -> (BRC code or 'Totaal', title, label without the code)."""
    dim, path = _odata(folder, "Beroep")
    for col in ("Key", "Title"):
        if col not in dim:
            raise DataFormatError(f"{path}: no {col!r} field in the Beroep dimension")
    title = dim["Title"].fillna("").astype(str).str.strip()
    code = title.str.extract(r"^(\d{2,4})\s", expand=False)
    code = code.where(code.notna(), title.where(title.eq("Totaal")))
    desc = dim["Description"] if "Description" in dim else pd.Series(None, index=dim.index)
    # The full name: the description's first clause, else the title without code and '...'.
    prefix = desc.fillna("").astype(str).str.split(":").str[0].str.strip().str.rstrip(".")
    plain = title.str.replace(r"^\d{2,4}\s+", "", regex=True).str.replace(r"\.\.\.$", "",
                                                                           regex=True).str.strip()
    label = prefix.where(prefix.ne(""), plain)
    return pd.DataFrame({"code": code, "title": title, "label": label}).set_axis(
        dim["Key"].astype(str).str.strip())


def _typed(folder, periods, path_hint):
    rows, path = _odata(folder, "TypedDataSet")
    for col in ("Beroep", "Perioden"):
        if col not in rows:
            raise DataFormatError(f"{path}: no {col!r} column in the TypedDataSet")
    for col in rows.columns:  # CBS pads keys with spaces ("T001175 ")
        rows[col] = rows[col].map(lambda v: v.strip() if isinstance(v, str) else v)
    missing = [p for p in periods if not rows["Perioden"].eq(p).any()]
    if missing:
        raise DataFormatError(f"{path}: no rows for period(s) {missing}; found "
                              f"{sorted(rows['Perioden'].unique())[:6]} ({path_hint})")
    return rows, path


def _need(rows, cols, path):
    missing = [c for c in cols if c not in rows]
    if missing:
        raise DataFormatError(f"{path}: missing topic column(s) {missing} of the CBS table; "
                              f"found {list(rows.columns)}")


#: 85517NED topics (OData v3 keys) -> the tidy wage file's columns.
WAGE_TOPICS = {"Werknemer_1": "employees_thousands", "k_25ePercentiel_2": "p25",
               "k_50ePercentielMediaan_3": "p50", "k_75ePercentiel_4": "p75"}


def cbs_odata_wages(folder, *, period="2022JJ00"):
    """CBS 85517NED as fetched (OData v3) -> the tidy wage table (``brc, title, ...``).

    Rows: the total, classes, segments and groups (the title's leading code;
    CBS's other rows, such as ``Beroepsniveau`` levels, are not occupations).
    """
    beroep = _beroep(folder)
    rows, path = _typed(folder, [period], "85517NED")
    _need(rows, list(WAGE_TOPICS), path)
    rows = rows[rows["Perioden"].eq(period)]
    info = beroep.reindex(rows["Beroep"].astype(str).to_numpy())
    keep = info["code"].notna().to_numpy()
    rows, info = rows[keep], info[keep]
    frame = pd.DataFrame({"brc": info["code"].to_numpy(), "title": info["title"].to_numpy()})
    for topic, col in WAGE_TOPICS.items():
        frame[col] = _text(rows[topic].tolist())
    frame = frame[["brc", "title", "employees_thousands", "p25", "p50", "p75"]]
    return _tidy(frame, [path], "CBS OData 85517NED")


def cbs_odata_groups(jobs_folder, wages_folder, *, quarter="2025KW04", previous="2024KW04",
                     pay_period="2024JJ00", total_sex="T001038", women="4000",
                     total_persons="T009002", higher_education="2018790"):
    """CBS 85276NED (jobs) + 85517NED (pay) as fetched -> the tidy table of BRC groups.

    Per 4-digit group with pay rows in 85517NED and jobs in ``quarter``: jobs
    (persons) in ``quarter`` and ``previous``, their one-year growth (%,
    1 decimal), the women's and higher-educated shares (4 decimals) and the
    hourly pay quartiles of ``pay_period`` (2 decimals). The dimension keys of
    the totals, women and higher education are CBS's (parameters, should CBS
    renumber them).
    """
    jobs_dim, wage_dim = _beroep(jobs_folder), _beroep(wages_folder)
    jobs, jpath = _typed(jobs_folder, [quarter, previous], "85276NED")
    _need(jobs, ["WerkzameBeroepsbevolking_1", "Geslacht", "Persoonskenmerken"], jpath)
    pay, ppath = _typed(wages_folder, [pay_period], "85517NED")
    _need(pay, list(WAGE_TOPICS), ppath)
    jobs = jobs.assign(code=jobs_dim["code"].reindex(jobs["Beroep"].astype(str)).to_numpy())
    pay = pay[pay["Perioden"].eq(pay_period)]
    pay = pay.assign(code=wage_dim["code"].reindex(pay["Beroep"].astype(str)).to_numpy())
    leaves = set(pay["code"].dropna()[pay["code"].dropna().str.len() == 4])

    def persons(sex, who, period):
        sel = (jobs["Geslacht"].eq(sex) & jobs["Persoonskenmerken"].eq(who)
               & jobs["Perioden"].eq(period))
        s = jobs.loc[sel].set_index("code")["WerkzameBeroepsbevolking_1"]
        return pd.to_numeric(s, errors="coerce").mul(1000).round()

    now = persons(total_sex, total_persons, quarter)
    before = persons(total_sex, total_persons, previous)
    women_n = persons(women, total_persons, quarter)
    higher = persons(total_sex, higher_education, quarter)
    pay_by = pay.set_index("code")
    labels = jobs_dim.dropna(subset=["code"]).drop_duplicates("code").set_index("code")["label"]
    codes = sorted(c for c in leaves if c in now.index and now.get(c, 0) > 0)
    rows = []
    for c in codes:
        j, jc = now.get(c), before.get(c)
        p = pay_by.loc[c] if c in pay_by.index else None
        rows.append({
            "code": c, "title": labels.get(c), "segmentCode": c[:3],
            "segment": labels.get(c[:3], c[:3]), "categoryCode": c[:2],
            "category": labels.get(c[:2], c[:2]), "jobs": j, "jobsComparison": jc,
            "growth1y": _half_up(100 * (j - jc) / jc, 1) if jc else None,
            "womenShare": _half_up(women_n.get(c) / j, 4) if pd.notna(women_n.get(c)) else None,
            "higherEducationShare": (_half_up(higher.get(c) / j, 4)
                                     if pd.notna(higher.get(c)) else None),
            "medianHourlyPay": _round(p, "k_50ePercentielMediaan_3", 2),
            "payP25": _round(p, "k_25ePercentiel_2", 2),
            "payP75": _round(p, "k_75ePercentiel_4", 2),
            "employeesInPayData": (round(float(p["Werknemer_1"]) * 1000)
                                   if p is not None and pd.notna(p["Werknemer_1"]) else None),
        })
    frame = pd.DataFrame(rows)
    for col in frame.columns:
        if col not in ("code", "title", "segmentCode", "segment", "categoryCode", "category"):
            frame[col] = _text(frame[col].tolist())
    return _tidy(frame, [jpath, ppath], "CBS OData 85276NED + 85517NED")


def _round(row, col, digits):
    if row is None or pd.isna(row[col]):
        return None
    return _half_up(float(row[col]), digits)


def _half_up(x, digits):
    """Rounded half up, as CBS's own portal and the tidy files round (not half to even)."""
    f = 10 ** digits
    return math.floor(x * f + 0.5) / f


# ---------------------------------------------------------------------- Eurostat
def eurostat_sdmx_lfs(path, *, unit="THS_PER", sex="T", age=None, geo="NL"):
    """Eurostat ``lfsa_egai2d`` as SDMX-CSV -> the tidy LFS table.

    Keeps one country, unit and sex, the ISCO-08 2-digit codes (``OC11``...),
    and one age group: ``age`` or, when the file has a single one, that one.
    ``OBS_FLAG`` letters become the tidy flags (``b`` series break, ``u`` low
    reliability); a missing value stays missing.
    """
    from .._download import ungzip_in_place

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"Eurostat SDMX-CSV: {path} not found")
    ungzip_in_place(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"{path}: not a readable SDMX-CSV file ({exc})") from None
    df.columns = [c.strip() for c in df.columns]
    need = ["isco08", "geo", "TIME_PERIOD", "OBS_VALUE"]
    missing = [c for c in need if c not in df]
    if missing:
        raise DataFormatError(f"{path}: missing SDMX-CSV column(s) {missing}; found "
                              f"{list(df.columns)}")
    for col, want in (("unit", unit), ("sex", sex), ("geo", geo)):
        if col in df and want is not None:
            df = df[df[col].eq(want)]
    if "age" in df:
        ages = sorted(df["age"].dropna().unique())
        if age is None and len(ages) > 1:
            raise DataFormatError(f"{path}: several age groups {ages}; pass age=")
        df = df[df["age"].eq(age)] if age is not None else df
    df = df[df["isco08"].str.fullmatch(r"OC\d\d", na=False)]
    if df.empty:
        raise DataFormatError(f"{path}: no rows for geo={geo}, unit={unit}, sex={sex} by "
                              f"ISCO-08 2-digit code")
    flag = df["OBS_FLAG"].fillna("") if "OBS_FLAG" in df else pd.Series("", index=df.index)
    value = df["OBS_VALUE"].where(~df["OBS_VALUE"].isin([":"]))
    frame = pd.DataFrame({
        "geo": df["geo"], "isco08": df["isco08"], "year": df["TIME_PERIOD"].str.strip(),
        "employed_thousands": value,
        "flag_series_break": flag.map(lambda f: "b" if "b" in f else np.nan),
        "flag_low_reliability": flag.map(lambda f: "u" if "u" in f else np.nan),
    })
    return _tidy(frame, [path], "Eurostat SDMX-CSV lfsa_egai2d")


# ---------------------------------------------------------------------- BLS and CBS workbooks
def _excel(source, sheet, where, header=0):
    try:
        return pd.read_excel(source, sheet_name=sheet, dtype=object, header=header)
    except ImportError as exc:
        raise DataFormatError(f"{where}: reading this workbook needs an optional package "
                              f"({exc})") from None
    except ValueError as exc:
        raise DataFormatError(f"{where}: {exc}") from None
    except Exception as exc:  # a damaged workbook raises many types (zip, xml, xlrd)
        raise DataFormatError(f"{where}: not a readable workbook ({exc})") from None


def _cells(frame):
    return pd.DataFrame({c: _text(frame[c].tolist()) for c in frame.columns}, index=frame.index)


def bls_oews(path):
    """BLS OEWS national estimates as published (the ``oesm<yy>nat.zip`` or its xlsx) ->
    the tidy OEWS table (the TSV's upper-case columns, ``*`` and ``#`` marks kept)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"BLS OEWS: {path} not found")
    source = path
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if re.search(r"national_M\d{4}_dl\.xlsx$", m)]
            if not members:
                raise DataFormatError(f"{path}: no national_M<year>_dl.xlsx inside")
            source = io.BytesIO(zf.read(members[0]))
    frame = _excel(source, 0, str(path))
    frame.columns = [str(c).strip().upper() for c in frame.columns]
    return _tidy(_cells(frame), [path], "BLS OEWS workbook")


#: Employment Projections Table 1.2 headers (lower-case fragments) -> the tidy columns.
_EP_COLUMNS = [
    (r"matrix title|^occupation title", "soc2018_title"),
    (r"matrix code|occupation code", "soc2018_code"),
    (r"occupation type", "occupation_type"),
    (r"^employment, (\d{4})$", "employment_base"),
    (r"^employment, (\d{4})$", "employment_target"),
    (r"employment change, numeric", "employment_change_24to34_thousands"),
    (r"employment change, percent", "employment_change_24to34_percent"),
    (r"openings", "employment_change_24to34_thousands_annual_average"),
    (r"median annual wage", "median_annual_wage_2024"),
    (r"education needed", "typical_entry_level_edu"),
    (r"work experience", "work_experience_in_a_related_occupation"),
    (r"on-the-job training", "typical_ojt"),
]


def bls_projections(path, *, sheet="Table 1.2"):
    """BLS Employment Projections as published (``occupation.xlsx``) -> the tidy table.

    Reads the sheet's header row (the first row naming an occupation code),
    keeps the detailed occupations (``Line item``), maps BLS's headers to the
    tidy columns, writes ``NA`` for a wage not published (``—``) and the top
    code's number for ``>=$239,200``.

    Returns
    -------
    (Converted, str)
        The table and the projection period (``"2024-2034"``).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"BLS Employment Projections: {path} not found")
    raw = _excel(path, sheet, str(path), header=None)
    head = next((i for i in range(min(len(raw), 20))
                 if raw.iloc[i].astype(str).str.contains("code", case=False).any()), None)
    if head is None:
        raise DataFormatError(f"{path}, sheet {sheet!r}: no header row naming the occupation code")
    headers = [re.sub(r"\s+", " ", str(h)).strip() for h in raw.iloc[head]]
    body = raw.iloc[head + 1:].reset_index(drop=True)
    cols, years, used = {}, [], set()
    for pattern, name in _EP_COLUMNS:
        for j, h in enumerate(headers):
            m = re.search(pattern, re.sub(r"\[\d+\]$", "", h).lower())
            if m and j not in used:
                cols[name] = j
                used.add(j)
                if m.groups():
                    years.append(m.group(1))
                break
    missing = [n for n in ("soc2018_title", "soc2018_code", "employment_base", "employment_target",
                           "employment_change_24to34_percent") if n not in cols]
    if missing:
        raise DataFormatError(f"{path}, sheet {sheet!r}: no column for {missing}; headers: "
                              f"{headers}")
    out = pd.DataFrame({name: body.iloc[:, j] for name, j in cols.items()})
    if "occupation_type" in out:
        out = out[out["occupation_type"].astype(str).str.strip().eq("Line item")]
        out = out.drop(columns="occupation_type")
    out = out[out["soc2018_code"].astype(str).str.fullmatch(r"\d\d-\d{4}")]
    wage_col = "median_annual_wage_2024"
    if wage_col in out:
        out[wage_col] = out[wage_col].map(_ep_wage)
    for col in out.columns:
        if col != wage_col:
            out[col] = out[col].map(lambda v: None if isinstance(v, str) and v.strip() in
                                    ("—", "–", "-") else v)
    out = _cells(out).rename(columns={"employment_base": "employment_2024_thousands",
                                      "employment_target": "employment_2034_thousands"})
    period = f"{years[0]}-{years[1]}" if len(years) == 2 else "2024-2034"
    return _tidy(out, [path], f"BLS Employment Projections {sheet}"), period


def _ep_wage(v):
    if isinstance(v, str):
        text = v.replace(",", "").replace("$", "").replace(">=", "").replace("≥", "").strip()
        if text in ("", "—", "–", "-"):
            return "NA"
        return text
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "NA"
    return v


def cbs_isco_brc(path, *, sheet="BRC 2014 variabelen"):
    """CBS's correspondence workbook (``schakelschema-isco2008-brc2014.xls``) -> the tidy
    crosswalk (``isco08_unit, isco08_unit_label, brc_group, brc_group_label, brc_class``)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"CBS ISCO-BRC correspondence: {path} not found")
    frame = _excel(path, sheet, str(path))
    names = {"ISCO2008unitgroup": "isco08_unit", "ISCO2008unitgrouplabel": "isco08_unit_label",
             "BRC2014beroepsgroep": "brc_group", "BRC2014beroepsgroep_label": "brc_group_label",
             "BRC2014beroepsklasse": "brc_class"}
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in names if c not in frame]
    if missing:
        raise DataFormatError(f"{path}, sheet {sheet!r}: missing column(s) {missing}; found "
                              f"{list(frame.columns)}")
    out = _cells(frame[list(names)].rename(columns=names))
    # Codes are text with leading zeros; a workbook may store them as numbers.
    out["isco08_unit"] = out["isco08_unit"].str.zfill(4)
    out["brc_group"] = out["brc_group"].str.zfill(4)
    out["brc_class"] = out["brc_class"].str.zfill(2)
    return _tidy(out, [path], "CBS correspondence workbook")
