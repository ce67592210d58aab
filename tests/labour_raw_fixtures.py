"""Authors of publisher-shaped files: tidy tables in, the raw layouts the publishers hand out.

Each writer produces what the publisher's own service returns for the same numbers (from the
publishers' documentation of their layouts): CBS's OData v3 answers (``TypedDataSet`` rows keyed
by opaque dimension keys, the ``Beroep`` dimension whose titles carry the BRC code), Eurostat's
SDMX-CSV, BLS's OEWS workbook inside its zip and the Employment Projections workbook (sheet
``Table 1.2``), and CBS's correspondence workbook. Tests feed them small authored tables and,
for the real-data test, the reference tidy files (written to a temporary folder, never to the
repository).
"""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd


def _num(v):
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _key(i):
    return f"A{i:06d}"


def _beroep_entries(codes_titles, labels=None):
    """The Beroep dimension: opaque keys, titles "0111 Docenten ..." (total "Totaal")."""
    entries = [{"Key": "T001175 ", "Title": "Totaal", "Description": "Totaal alle beroepen.",
                "CategoryGroupID": 1}]
    keys = {"Totaal": "T001175 "}
    for i, (code, title) in enumerate(codes_titles):
        if code == "Totaal":
            continue
        label = (labels or {}).get(code)
        desc = f"{label}: beroepen in deze groep." if label and ":" not in label else None
        entries.append({"Key": _key(i + 1), "Title": title, "Description": desc,
                        "CategoryGroupID": len(code)})
        keys[code] = _key(i + 1)
    # CBS also lists occupation levels, which are not BRC codes.
    entries.append({"Key": "2012100", "Title": "Beroepsniveau 1 (ISCO 2008)",
                    "Description": None, "CategoryGroupID": 9})
    return entries, keys


def _write(folder, name, rows):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(
        json.dumps({"odata.metadata": f"https://opendata.cbs.nl/ODataApi/odata/$metadata#{name}",
                    "value": rows}, ensure_ascii=False), encoding="utf-8")


def write_cbs_wages(tidy_wages, tidy_groups, folder, *, period="2022JJ00", pay_period="2024JJ00"):
    """85517NED as OData v3: the 2022 table (``tidy_wages``) and the groups' 2024 pay."""
    folder = Path(folder)
    codes = list(tidy_wages["brc"])
    titles = dict(zip(tidy_wages["brc"], tidy_wages["title"]))
    for c in tidy_groups["code"]:
        titles.setdefault(c, f"{c} {tidy_groups.set_index('code').loc[c, 'title']}")
        if c not in codes:
            codes.append(c)
    entries, keys = _beroep_entries([(c, titles[c]) for c in codes])
    rows, n = [], 0
    for _, r in tidy_wages.iterrows():
        rows.append({"ID": n, "Beroep": keys[r["brc"]], "Perioden": period,
                     "Werknemer_1": _num(r["employees_thousands"]),
                     "k_25ePercentiel_2": _num(r["p25"]),
                     "k_50ePercentielMediaan_3": _num(r["p50"]),
                     "k_75ePercentiel_4": _num(r["p75"])})
        n += 1
    for _, r in tidy_groups.iterrows():
        emp = _num(r["employeesInPayData"])
        rows.append({"ID": n, "Beroep": keys[r["code"]], "Perioden": pay_period,
                     "Werknemer_1": None if emp is None else emp / 1000,
                     "k_25ePercentiel_2": _num(r["payP25"]),
                     "k_50ePercentielMediaan_3": _num(r["medianHourlyPay"]),
                     "k_75ePercentiel_4": _num(r["payP75"])})
        n += 1
    # A level row and another year: both must be left out by the reader.
    rows.append({"ID": n, "Beroep": "2012100", "Perioden": period, "Werknemer_1": 900.0,
                 "k_25ePercentiel_2": 12.0, "k_50ePercentielMediaan_3": 13.0,
                 "k_75ePercentiel_4": 14.0})
    _write(folder, "TypedDataSet", rows)
    _write(folder, "Beroep", entries)
    _write(folder, "Perioden", [{"Key": p, "Title": p[:4], "Status": "Definitief"}
                                for p in (period, pay_period)])
    _write(folder, "DataProperties", [{"Key": k, "Type": "Topic", "Unit": u} for k, u in (
        ("Werknemer_1", "x 1 000"), ("k_25ePercentiel_2", "euro"),
        ("k_50ePercentielMediaan_3", "euro"), ("k_75ePercentiel_4", "euro"))])


def _thousands(share, jobs):
    """Whole thousands of persons whose share of ``jobs`` rounds (4 decimals) to ``share``."""
    k0 = round(share * jobs / 1000)
    for k in (k0, k0 - 1, k0 + 1):
        if math.floor(k * 1000 / jobs * 1e4 + 0.5) / 1e4 == share:
            return k
    return share * jobs / 1000


def write_cbs_jobs(tidy_groups, folder, *, quarter="2025KW04", previous="2024KW04"):
    """85276NED as OData v3: jobs (x 1000) by Beroep x Geslacht x Persoonskenmerken x quarter."""
    folder = Path(folder)
    g = tidy_groups
    labels = {**dict(zip(g["code"], g["title"])), **dict(zip(g["segmentCode"], g["segment"])),
              **dict(zip(g["categoryCode"], g["category"]))}
    codes = sorted(labels)
    entries, keys = _beroep_entries([(c, f"{c} {labels[c][:30]}...") for c in codes], labels)
    for e in entries:  # labels with a colon cannot go through a description: give them whole
        code = e["Title"].split(" ")[0]
        if code in labels and ":" in labels[code]:
            e["Title"], e["Description"] = f"{code} {labels[code]}", None
    rows, n = [], 0

    def add(code, sex, who, period, value):
        nonlocal n
        rows.append({"ID": n, "Geslacht": sex, "Persoonskenmerken": who, "Beroep": keys[code],
                     "Perioden": period, "WerkzameBeroepsbevolking_1": value})
        n += 1

    for _, r in g.iterrows():
        jobs, before = _num(r["jobs"]), _num(r["jobsComparison"])
        add(r["code"], "T001038", "T009002", quarter, jobs / 1000)
        add(r["code"], "T001038", "T009002", previous, before / 1000)
        if _num(r["womenShare"]) is not None:
            add(r["code"], "4000", "T009002", quarter, _thousands(_num(r["womenShare"]), jobs))
        if _num(r["higherEducationShare"]) is not None:
            add(r["code"], "T001038", "2018790", quarter,
                _thousands(_num(r["higherEducationShare"]), jobs))
        add(r["code"], "3000", "T009002", quarter, jobs / 2000)  # men: not used
    _write(folder, "TypedDataSet", rows)
    _write(folder, "Beroep", entries)
    _write(folder, "Geslacht", [{"Key": "T001038", "Title": "Totaal mannen en vrouwen"},
                                {"Key": "3000", "Title": "Mannen"},
                                {"Key": "4000", "Title": "Vrouwen"}])
    _write(folder, "Persoonskenmerken", [{"Key": "T009002", "Title": "Totaal personen"},
                                         {"Key": "2018790", "Title": "Onderwijsniveau: hoog"}])
    _write(folder, "Perioden", [{"Key": q, "Title": q} for q in (previous, quarter)])
    _write(folder, "DataProperties", [{"Key": "WerkzameBeroepsbevolking_1", "Type": "Topic",
                                       "Unit": "x 1 000"}])


def write_sdmx_lfs(tidy_lfs, path):
    """lfsa_egai2d as Eurostat's SDMX-CSV, with rows of other units, sexes and aggregates."""
    rows = []
    for _, r in tidy_lfs.iterrows():
        flag = ("b" if isinstance(r.get("flag_series_break"), str) else "") + \
               ("u" if isinstance(r.get("flag_low_reliability"), str) else "")
        value = r["employed_thousands"]
        base = ["ESTAT:LFSA_EGAI2D(1.0)", "15/04/26 23:00:00", "A"]
        rows.append(base + ["THS_PER", "T", "Y_GE15", r["isco08"], r.get("geo", "NL"),
                            str(r["year"]), "" if pd.isna(value) else str(value), flag, ""])
        rows.append(base + ["THS_PER", "M", "Y_GE15", r["isco08"], r.get("geo", "NL"),
                            str(r["year"]), "1.0", "", ""])
        rows.append(base + ["PC", "T", "Y_GE15", r["isco08"], r.get("geo", "NL"),
                            str(r["year"]), "2.5", "", ""])
    for year in sorted(set(tidy_lfs["year"].astype(str))):
        rows.append(["ESTAT:LFSA_EGAI2D(1.0)", "15/04/26 23:00:00", "A", "THS_PER", "T",
                     "Y_GE15", "TOTAL", "NL", year, "9000.0", "", ""])
    head = ["DATAFLOW", "LAST UPDATE", "freq", "unit", "sex", "age", "isco08", "geo",
            "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS"]
    pd.DataFrame(rows, columns=head).to_csv(path, index=False)


def _cell(v, text_columns, col):
    if col in text_columns or v is None or (isinstance(v, float) and np.isnan(v)):
        return None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
    f = _num(v)
    return f if f is not None else v


def write_oews_zip(tidy_oews, path, year=2024):
    """The OEWS national file as BLS publishes it: ``oesm<yy>nat.zip`` with the xlsx inside."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f"national_M{year}_dl"
    ws.append(list(tidy_oews.columns))
    text = {"AREA_TITLE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP", "OCC_CODE",
            "OCC_TITLE", "O_GROUP", "ANNUAL", "HOURLY", "OWN_CODE"}
    for row in tidy_oews.itertuples(index=False):
        ws.append([_cell(v, text, c) for c, v in zip(tidy_oews.columns, row)])
    xlsx = Path(path).with_suffix(".xlsx.tmp")
    wb.save(xlsx)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(xlsx, f"oesm{year % 100}nat/national_M{year}_dl.xlsx")
    xlsx.unlink()


_EP_HEADERS = [
    "2024 National Employment Matrix title", "2024 National Employment Matrix code",
    "Occupation type", "Employment, 2024", "Employment, 2034",
    "Employment distribution, percent, 2024", "Employment distribution, percent, 2034",
    "Employment change, numeric, 2024–34", "Employment change, percent, 2024–34",
    "Percent self employed, 2024", "Occupational openings, 2024–34 annual average",
    "Median annual wage, dollars, 2024[1]", "Typical education needed for entry",
    "Work experience in a related occupation",
    "Typical on-the-job training needed to attain competency in the occupation",
]


def write_projections_xlsx(tidy_ep, path):
    """Employment Projections ``occupation.xlsx``, sheet ``Table 1.2``: a title row, BLS's
    headers, a summary row, the line items and footnotes."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Index"
    ws = wb.create_sheet("Table 1.2")
    ws.append(["Table 1.2 Occupational projections, 2024–34, and worker characteristics, 2024"])
    ws.append(_EP_HEADERS)
    ws.append(["Total, all occupations", "00-0000", "Summary", 170000.0, 175000.0, 100.0, 100.0,
               5000.0, 2.9, 6.0, 18000.0, 49500.0, "—", "—", "—"])
    for _, r in tidy_ep.iterrows():
        # The workbook has the right codes; a repaired code is the one BLS published.
        code = r.get("soc2018_code_repaired") or r["soc2018_code"]
        wage = r["median_annual_wage_2024"]
        wage = "—" if wage == "NA" else (">=$239,200" if _num(wage) == 239200 else _num(wage))
        ws.append([r["soc2018_title"], code, "Line item",
                   _num(r["employment_2024_thousands"]), _num(r["employment_2034_thousands"]),
                   None, None, _num(r["employment_change_24to34_thousands"]),
                   _num(r["employment_change_24to34_percent"]), None,
                   _num(r["employment_change_24to34_thousands_annual_average"]), wage,
                   r["typical_entry_level_edu"], r["work_experience_in_a_related_occupation"],
                   r["typical_ojt"]])
    ws.append([])
    ws.append(["[1] Data are from the Occupational Employment and Wage Statistics program."])
    wb.save(path)


def write_crosswalk_workbook(tidy_cw, path):
    """CBS's correspondence workbook, sheet ``BRC 2014 variabelen``, its column names."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Toelichting"
    ws = wb.create_sheet("BRC 2014 variabelen")
    ws.append(["ISCO2008unitgroup", "ISCO2008unitgrouplabel", "BRC2014beroepsgroep",
               "BRC2014beroepsgroep_label", "BRC2014beroepsklasse"])
    for _, r in tidy_cw.iterrows():
        ws.append([r["isco08_unit"], r["isco08_unit_label"], r["brc_group"],
                   r["brc_group_label"], r["brc_class"]])
    wb.save(path)


def write_raw_folder(tidy_root, raw_root):
    """A labour folder with every CBS, Eurostat and BLS table in its raw layout and the other
    files (ROA, risk indices, the US crosswalks) linked from ``tidy_root``."""
    tidy_root, raw_root = Path(tidy_root), Path(raw_root)
    read = lambda rel, **kw: pd.read_csv(tidy_root / rel, dtype=str, keep_default_na=False,  # noqa: E731
                                         na_values=[""], **kw)
    wages = read("nl/cbs_85517NED_uurloon_beroep_2022.csv")
    groups = read("nl/cbs_85276NED_85517NED_beroepsgroepen_2025Q4_uurloon2024.csv")
    write_cbs_wages(wages, groups, raw_root / "nl/odata/85517NED")
    write_cbs_jobs(groups, raw_root / "nl/odata/85276NED")
    write_sdmx_lfs(read("nl/eurostat_lfsa_egai2d_nl_2011_2025.csv"),
                   raw_root / "nl/lfsa_egai2d.sdmx.csv")
    (raw_root / "us").mkdir(parents=True, exist_ok=True)
    write_oews_zip(read("us/oews_national_M2024.tsv", sep="\t"), raw_root / "us/oesm24nat.zip")
    write_projections_xlsx(read("us/bls_employment_projections_2024_34.csv"),
                           raw_root / "us/occupation.xlsx")
    (raw_root / "crosswalks").mkdir(parents=True, exist_ok=True)
    write_crosswalk_workbook(read("crosswalks/isco08_brc2014_cbs.csv"),
                             raw_root / "crosswalks/schakelschema-isco2008-brc2014.xlsx")
    for rel in ("nl/roa_ais_prognose_2030_beroepsgroepen.csv", "crosswalks/isco08_soc2010_bls.csv",
                "crosswalks/soc2010_soc2018_bls.csv", "risk"):
        src, dst = tidy_root / rel, raw_root / rel
        if src.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.symlink_to(src)
