"""The publishers' raw layouts give exactly the tables of the tidy files.

Authored fixtures: small tidy tables are written in each publisher's layout
(``labour_raw_fixtures``) and both are read; the real-data test does the same
with every CBS, Eurostat and BLS table of the reference data, through
``LabourMarket.from_files``.
"""

import warnings

import pandas as pd
import pytest

from tests.labour_raw_fixtures import (
    write_cbs_jobs,
    write_cbs_wages,
    write_crosswalk_workbook,
    write_oews_zip,
    write_projections_xlsx,
    write_raw_folder,
    write_sdmx_lfs,
)
from transitions.exceptions import DataFormatError
from transitions.labour import bls, cbs, crosswalks, eurostat, raw
from transitions.labour.files import read_folder

WAGES = pd.DataFrame({
    "brc": ["Totaal", "01", "011", "0111", "0112", "08", "081", "0811"],
    "title": ["Totaal", "01 Pedagogische beroepen", "011 Docenten", "0111 Docenten hoger ond...",
              "0112 Docenten beroepsgerichte vakken", "08 ICT-beroepen", "081 ICT-specialisten",
              "0811 Software- en applicatieontwikkelaars"],
    "employees_thousands": ["8009", "638", "400", "70", "40", "330", "300", "150"],
    "p25": ["16.2", "20.1", "22", "", "24.5", "23", "23.5", "24.1"],
    "p50": ["22.2", "25.3", "27.5", "", "29", "29.9", "30.2", "31"],
    "p75": ["30", "33.1", "36", "", "35.25", "38", "38.5", "39.9"],
})
GROUPS = pd.DataFrame({
    "code": ["0111", "0112", "0811"],
    "title": ["Docenten hoger onderwijs en hoogleraren", "Docenten beroepsgerichte vakken",
              "Software- en applicatieontwikkelaars"],
    "segmentCode": ["011", "011", "081"], "segment": ["Docenten", "Docenten", "ICT-specialisten"],
    "categoryCode": ["01", "01", "08"],
    "category": ["Pedagogische beroepen", "Pedagogische beroepen", "ICT-beroepen"],
    "jobs": ["81000", "43000", "245000"], "jobsComparison": ["77000", "34000", "250000"],
    "growth1y": ["5.2", "26.5", "-2"], "womenShare": ["0.4815", "0.5349", "0.1714"],
    "higherEducationShare": ["0.9136", "0.6977", ""],
    "medianHourlyPay": ["40.1", "33.9", ""], "payP25": ["27.2", "27.6", ""],
    "payP75": ["47.7", "38.7", ""], "employeesInPayData": ["73000", "30000", ""],
})
LFS = pd.DataFrame({
    "geo": "NL", "isco08": ["OC11", "OC11", "OC11", "OC25", "OC25", "OC25"],
    "year": ["2020", "2021", "2022"] * 2,
    "employed_thousands": ["104.4", "119.1", "", "300.5", "310", "322.25"],
    "flag_series_break": ["", "b", "", "", "b", ""],
    "flag_low_reliability": ["", "", "", "u", "", ""],
}).replace("", None)
OEWS = pd.DataFrame({
    "AREA": "99", "AREA_TITLE": "U.S.", "AREA_TYPE": "1", "PRIM_STATE": "US",
    "NAICS": "000000", "NAICS_TITLE": "Cross-industry", "I_GROUP": "cross-industry",
    "OWN_CODE": "1235",
    "OCC_CODE": ["00-0000", "43-3031", "29-1211", "25-1011"],
    "OCC_TITLE": ["All Occupations", "Bookkeeping, Accounting, and Auditing Clerks",
                  "Anesthesiologists", "Business Teachers, Postsecondary"],
    "O_GROUP": ["total", "detailed", "detailed", "detailed"],
    "TOT_EMP": ["154187380", "1500000", "30000", "80000"],
    "H_PCT25": ["17.66", "19.1", "#", "*"], "H_MEDIAN": ["23.8", "23.05", "#", "*"],
    "H_PCT75": ["37.89", "27.6", "#", "*"],
    "A_PCT25": ["36730", "39730", "#", "70000"], "A_MEDIAN": ["49500", "47940", "#", "99000"],
    "A_PCT75": ["78810", "57410", "#", "140000"],
    "ANNUAL": [None, None, None, "TRUE"], "HOURLY": None,
})
EP = pd.DataFrame({
    "soc2018_title": ["Bookkeeping, accounting, and auditing clerks", "Anesthesiologists",
                      "Dancers"],
    "soc2018_code": ["43-3031", "29-1211", "27-2031"],
    "employment_2024_thousands": ["1500.3", "30.1", "12.3"],
    "employment_2034_thousands": ["1420", "31.9", "12.9"],
    "employment_change_24to34_thousands": ["-80.3", "1.8", "0.6"],
    "employment_change_24to34_percent": ["-5.4", "6", "4.5"],
    "employment_change_24to34_thousands_annual_average": ["170.2", "1.1", "1.8"],
    "median_annual_wage_2024": ["47940", "239200", "NA"],
    "typical_entry_level_edu": ["Some college, no degree", "Doctoral or professional degree",
                                "No formal educational credential"],
    "work_experience_in_a_related_occupation": ["None", "None", "None"],
    "typical_ojt": ["Moderate-term on-the-job training", "Internship/residency",
                    "Long-term on-the-job training"],
})
CROSSWALK = pd.DataFrame({
    "isco08_unit": ["0110", "2310", "2512"], "isco08_unit_label": ["Officieren", "Docenten", "Software"],
    "brc_group": ["0634", "0111", "0811"], "brc_group_label": ["Militairen", "Docenten", "Software"],
    "brc_class": ["06", "01", "08"],
})


def _same(a, b, key="code"):
    a = a.sort_values(key).reset_index(drop=True)
    b = b.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def test_cbs_odata_gives_the_tidy_wage_and_group_tables(tmp_path):
    WAGES.to_csv(tmp_path / "wages.csv", index=False)
    GROUPS.to_csv(tmp_path / "groups.csv", index=False)
    write_cbs_wages(WAGES, GROUPS, tmp_path / "85517NED")
    write_cbs_jobs(GROUPS, tmp_path / "85276NED")
    converted = raw.cbs_odata_wages(tmp_path / "85517NED")
    assert "Beroepsniveau" not in " ".join(converted.frame["title"])  # levels are not codes
    _same(_quiet(cbs.read_cbs_wages, tmp_path / "wages.csv"),
          _quiet(cbs.read_cbs_wages, converted))
    groups = raw.cbs_odata_groups(tmp_path / "85276NED", tmp_path / "85517NED")
    _same(_quiet(cbs.read_cbs_occupation_groups, tmp_path / "groups.csv"),
          _quiet(cbs.read_cbs_occupation_groups, groups))
    with pytest.raises(DataFormatError, match="period"):
        raw.cbs_odata_wages(tmp_path / "85517NED", period="2019JJ00")


def test_eurostat_sdmx_csv_gives_the_tidy_lfs_table(tmp_path):
    LFS.to_csv(tmp_path / "lfs.csv", index=False)
    write_sdmx_lfs(LFS, tmp_path / "lfs.sdmx.csv")
    tidy = eurostat.read_lfs_employment(tmp_path / "lfs.csv")
    got = eurostat.read_lfs_employment(raw.eurostat_sdmx_lfs(tmp_path / "lfs.sdmx.csv"))
    pd.testing.assert_frame_equal(tidy, got)
    assert got["series_break"].sum() == 2 and got["low_reliability"].sum() == 1
    assert got["employed"].isna().sum() == 1  # missing stays missing


def test_bls_workbooks_give_the_tidy_tables(tmp_path):
    OEWS.to_csv(tmp_path / "oews.tsv", sep="\t", index=False)
    write_oews_zip(OEWS, tmp_path / "oesm24nat.zip")
    _same(_quiet(bls.read_oews, tmp_path / "oews.tsv"),
          _quiet(bls.read_oews, raw.bls_oews(tmp_path / "oesm24nat.zip")))
    EP.to_csv(tmp_path / "ep.csv", index=False)
    write_projections_xlsx(EP, tmp_path / "occupation.xlsx")
    table, period = raw.bls_projections(tmp_path / "occupation.xlsx")
    assert period == "2024-2034" and list(table.frame["soc2018_code"]) == list(EP["soc2018_code"])
    got = _quiet(bls.read_bls_projections, table, period=period)
    _same(_quiet(bls.read_bls_projections, tmp_path / "ep.csv"), got)
    assert got.set_index("code").loc["29-1211", "median_annual_wage_topcoded"]


def test_cbs_correspondence_workbook_gives_the_tidy_crosswalk(tmp_path):
    CROSSWALK.to_csv(tmp_path / "cw.csv", index=False)
    write_crosswalk_workbook(CROSSWALK, tmp_path / "schakelschema-isco2008-brc2014.xlsx")
    tidy = crosswalks.read_isco_brc(tmp_path / "cw.csv")
    got = crosswalks.read_isco_brc(raw.cbs_isco_brc(tmp_path / "schakelschema-isco2008-brc2014.xlsx"))
    pd.testing.assert_frame_equal(tidy, got)
    assert got["isco"].tolist()[0] == "0110"  # leading zeros kept


@pytest.mark.realdata
@pytest.mark.parametrize("country", ["NL", "US"])
def test_raw_layouts_give_the_labour_market_of_the_tidy_files(real_data, tmp_path, country):
    write_raw_folder(real_data, tmp_path / "raw")
    tidy, _, _ = _quiet(read_folder, real_data, country=country)
    got, cw, prov = _quiet(read_folder, tmp_path / "raw", country=country)
    assert set(got) == set(tidy)
    assert any("(" in f for f in prov["file"])  # read from the raw layouts
    for measure, table in tidy.items():
        mine = got[measure]
        if "code_repaired" in table:
            # The tidy file flags the codes it repaired; the workbook has them right.
            assert not mine["code_repaired"].any()
            table, mine = table.drop(columns="code_repaired"), mine.drop(columns="code_repaired")
        key = ["code", "year"] if "year" in table and "code" in table else "code"
        _same(table, mine, key)
