"""Readers of the publishers' layouts, on tiny fixtures written here (not copies of real data)."""

import math

import numpy as np
import pandas as pd
import pytest

from transitions import DataFormatError, DataQualityWarning, InvalidParameterError
from transitions.labour import (
    lfs_robust_trend,
    lfs_trend,
    projection_openings,
    read_bls_projections,
    read_cbs_jobs_2023,
    read_cbs_occupation_groups,
    read_cbs_wages,
    read_felten_aioe,
    read_frey_osborne,
    read_ilo_genai,
    read_isco_brc,
    read_isco_soc2010,
    read_jrc_eurofound,
    read_lfs_employment,
    read_mihaylov_tijdens,
    read_oews,
    read_roa_forecast,
    read_soc2010_soc2018,
    rebuild_rti,
    roa_demand,
    roa_to_brc2014,
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


CBS_WAGES = """
brc,title,employees_thousands,p25,p50,p75
Totaal,Totaal,100,15.0,20.0,28.0
04,04 Bedrijfseconomische en administrat...,40,17.0,22.0,30.0
043,043 Administratief personeel,30,16.0,20.0,24.0
0431,0431 Administratief medewerkers,20,16.5,19.5,23.5
0432,0432 Secretaresses,10,,,
"""


def test_cbs_wages_blanks_are_suppressed_not_zero(tmp_path):
    t = read_cbs_wages(write(tmp_path, "w.csv", CBS_WAGES))
    row = t.set_index("code").loc["0432"]
    assert row["wage_suppressed"] and np.isnan(row["wage_median"])
    assert (t["wage_median"].dropna() > 0).all()
    assert t.set_index("code").loc["04", "title_truncated"]
    assert t.set_index("code").loc["0431", "title"] == "Administratief medewerkers"
    assert t["wage_source"].eq("CBS 85517NED 2022").all()


def test_cbs_wages_text_in_number_column(tmp_path):
    bad = CBS_WAGES.replace("16.5,19.5", "16.5,x")
    with pytest.raises(DataFormatError, match=r"'p50', row 5: 'x'"):
        read_cbs_wages(write(tmp_path, "w.csv", bad))


def test_cbs_wages_missing_column_and_unknown_code(tmp_path):
    with pytest.raises(DataFormatError, match=r"missing column\(s\) \['p50'\]"):
        read_cbs_wages(write(tmp_path, "w.csv", CBS_WAGES.replace("p50", "median")))
    with pytest.raises(DataFormatError, match="unknown BRC code"):
        read_cbs_wages(write(tmp_path, "w.csv", CBS_WAGES.replace("0432,", "04A2,")))


def test_cbs_wages_duplicated_rows(tmp_path):
    text = CBS_WAGES + "0431,0431 Administratief medewerkers,20,16.5,19.5,23.5\n"
    with pytest.warns(DataQualityWarning, match="1 exactly repeated row"):
        t = read_cbs_wages(write(tmp_path, "w.csv", text))
    assert t["code"].is_unique
    text = CBS_WAGES + "0431,0431 Administratief medewerkers,20,16.5,19.9,23.5\n"
    with pytest.raises(DataFormatError, match="repeat the key"):
        read_cbs_wages(write(tmp_path, "w.csv", text))


CBS_GROUPS = '''
code,title,segmentCode,segment,categoryCode,category,jobs,jobsComparison,growth1y,womenShare,higherEducationShare,medianHourlyPay,payP25,payP75,employeesInPayData
0431,Administratief medewerkers,043,Administratief personeel,04,Bedrijfseconomisch,208000,219000,-5.0,0.7,0.2,22,19,25.5,200000
0432,Secretaresses,043,Administratief personeel,04,Bedrijfseconomisch,36000,35000,2.9,0.9,0.3,,,,30000
1311,"Deze beroepsgroep omvat werkzame personen waarvan het beroep onbekend of niet
in te delen is",131,overig,13,overig,53000,54000,-1.9,0.4,0.2,18.9,15.5,25,50000
'''


def test_cbs_groups(tmp_path):
    t = read_cbs_occupation_groups(write(tmp_path, "g.csv", CBS_GROUPS)).set_index("code")
    assert t.loc["0431", "employment"] == 208000
    assert t.loc["0431", "jobs_growth_1y_pct"] == -5.0
    assert math.isnan(t.loc["0432", "wage_median"])
    assert "\n" not in t.loc["1311", "title"]
    assert t.loc["0431", "employment_source"] == "CBS 85276NED 2025Q4"


def test_cbs_groups_inconsistent_growth_is_counted(tmp_path):
    text = CBS_GROUPS.replace("-5.0", "-9.0")
    with pytest.warns(DataQualityWarning, match="1 group"):
        read_cbs_occupation_groups(write(tmp_path, "g.csv", text))


def test_cbs_2023_inherited_medians(tmp_path):
    text = """
code,title,level,jobs_x1000,median_hourly_wage
02,Creatieve beroepen,2,244,25.1
021,Auteurs en kunstenaars,3,139,27.6
0211,Bibliothecarissen,4,8,27.6
0212,Auteurs,4,36,27.6
0213,Journalisten,4,25,29.0
022,Vakspecialisten,3,105,23.0
0221,Grafisch vormgevers,4,75,23.0
"""
    with pytest.warns(DataQualityWarning, match="2 median"):
        t = read_cbs_jobs_2023(write(tmp_path, "j.csv", text)).set_index("code")
    assert t.loc[["0211", "0212"], "wage_median"].isna().all()
    assert t.loc["0213", "wage_median"] == 29.0
    # A segment with a single group legitimately shares its value.
    assert t.loc["0221", "wage_median"] == 23.0 and not t.loc["0221", "wage_inherited"]
    assert t.loc["0212", "employment"] == 36000


OEWS = (
    "AREA\tOCC_CODE\tOCC_TITLE\tO_GROUP\tTOT_EMP\tH_PCT25\tH_MEDIAN\tH_PCT75\tA_PCT25\tA_MEDIAN"
    "\tA_PCT75\tANNUAL\tHOURLY\n"
    "99\t00-0000\tAll Occupations\ttotal\t1000\t17\t23\t37\t36000\t48000\t78000\t\t\n"
    "99\t29-1210\tPhysicians\tbroad\t10\t80\t#\t#\t170000\t#\t#\t\t\n"
    "99\t29-1211\tAnesthesiologists\tdetailed\t5\t89.75\t#\t#\t186000\t#\t#\t\t\n"
    "99\t25-2021\tElementary teachers\tdetailed\t100\t*\t*\t*\t52000\t62000\t78000\tTRUE\t\n"
    "99\t13-1020\tBuyers\tbroad\t20\t25\t36\t47\t52000\t75000\t98000\t\t\n"
    "99\t13-1020\tBuyers\tdetailed\t20\t25\t36\t47\t52000\t75000\t98000\t\t\n"
    "99\t11-9032\tEducation administrators\tdetailed\t30\t*\t*\t*\t*\t*\t*\t\t\n"
)


def test_oews_marks_never_become_numbers(tmp_path):
    with pytest.warns(DataQualityWarning, match="1 occupation"):
        t = read_oews(write(tmp_path, "o.tsv", OEWS)).set_index("code")
    anest = t.loc["29-1211"]
    assert anest["wage_topcoded"] and anest["wage_median"] == 115.0
    assert anest["wage_p25"] == 89.75
    assert "lower bounds" in anest["wage_source"]
    teacher = t.loc["25-2021"]
    assert teacher["wage_median"] == pytest.approx(62000 / 2080)
    assert "annual / 2080" in teacher["wage_source"] and not teacher["wage_topcoded"]
    assert np.isnan(t.loc["11-9032", "wage_median"])
    assert t.index.is_unique  # broad+detailed duplicates folded
    assert not t.loc["13-1020", "wage_topcoded"]


def test_oews_unknown_mark_is_an_error(tmp_path):
    with pytest.raises(DataFormatError, match=r"'H_MEDIAN'.*'~'"):
        read_oews(write(tmp_path, "o.tsv", OEWS.replace("\t36\t", "\t~\t", 1)))


BLS = """
soc2018_title,soc2018_code,employment_2024_thousands,employment_2034_thousands,employment_change_24to34_thousands,employment_change_24to34_percent,employment_change_24to34_thousands_annual_average,median_annual_wage_2024,typical_entry_level_edu,soc2018_code_repaired,code_repair
Cashiers,41-2011,3300.0,3000.0,-300.0,-9.1,500.0,31000,No formal educational credential,41-2011,original
Fishing and hunting workers,45-3031,21.9,20.9,-1.0,-4.6,2.8,NA,No formal educational credential,45-3031,original
Entertainment managers,11-7200,43.2,46.5,3.3,7.7,5.5,239200,Bachelor's degree,11-9072,repaired_by_title_match
"""


def test_bls_projections(tmp_path):
    with pytest.warns(DataQualityWarning, match="1 SOC code"):
        t = read_bls_projections(write(tmp_path, "p.csv", BLS)).set_index("code")
    assert "11-9072" in t.index and t.loc["11-9072", "code_repaired"]
    assert t.loc["11-9072", "median_annual_wage_topcoded"]
    assert np.isnan(t.loc["45-3031", "median_annual_wage"])
    assert t.loc["41-2011", "forecast_pct"] == -9.1 and t.loc["41-2011", "forecast_years"] == 10
    assert t.loc["41-2011", "openings_annual"] == 500000
    o = projection_openings(t.reset_index()).set_index("code")
    assert o.loc["41-2011", "openings"] == 500000
    assert o.loc["41-2011", "openings_rate"] == pytest.approx(100 * 500 / 3300)
    assert o.loc["41-2011", "openings_source"] == "BLS Employment Projections 2024-2034"


ROA_HEADER = ("brc_group_ed2025,label,label_source,uitbreidingsvraag_2025_2030_aantal,"
              "uitbreidingsvraag_6jr_pct,uitbreidingsvraag_typering,vervangingsvraag_aantal,"
              "vervangingsvraag_6jr_pct,baanopeningen_aantal,baanopeningen_6jr_pct\n")
ROA = ROA_HEADER + (
    "0333,Kassamedewerkers,CBS BRC2014 (original edition) label,-2300,-3,erg laag,9200,11,9200,11\n"
    "0132,Kinderopvang,inferred_from_ROA_vergelijkbaar,8000,6,hoog,14000,11,20000,16\n"
    "0133,Onderwijsassistenten,inferred_from_ROA_vergelijkbaar,5000,10,erg hoog,6000,12,10000,20\n"
    "999999,Totaal Nederland,total,237000,2,gemiddeld,1770200,18,2072100,21\n"
)


def test_roa_split_group_uses_implied_base(tmp_path):
    with pytest.warns(DataQualityWarning, match="2 ROA group"):
        roa = read_roa_forecast(write(tmp_path, "r.csv", ROA))
    with pytest.warns(DataQualityWarning, match="1 BRC 2014 group.*0434"):
        t = roa_to_brc2014(roa, brc_groups=["0333", "0131", "0434"]).set_index("code")
    # bases 20000/0.16 = 125000 and 10000/0.20 = 50000: (8000 + 5000) / 175000
    assert t.loc["0131", "forecast_pct"] == pytest.approx(100 * 13000 / 175000, abs=0.01)
    assert "0132+0133" in t.loc["0131", "forecast_source"]
    assert t.loc["0333", "forecast_pct"] == -3 and t.loc["0333", "forecast_years"] == 6
    assert t.loc["Totaal", "forecast_pct"] == 2


ROA_DEMAND = (ROA_HEADER.rstrip("\n") + ",itkb_2030_typering,itkb_2030_indicator,"
              "huidige_situatie_2026Q1_typering,huidige_situatie_2026Q1_indicator\n") + (
    "0333,Kassamedewerkers,CBS BRC2014 (original edition) label,-2300,-3,erg laag,9200,11,9200,11,"
    "geen,0.88,,\n"
    "0132,Kinderopvang,inferred_from_ROA_vergelijkbaar,8000,6,hoog,14000,11,20000,16,"
    "groot,0.80,krap,4.0\n"
    "0133,Onderwijsassistenten,inferred_from_ROA_vergelijkbaar,5000,10,erg hoog,6000,12,10000,20,"
    "enige,0.83,krap,1.0\n"
    "0756,Slagers en bakkers,inferred_from_ROA_vergelijkbaar,-600,-2,laag,3000,10,2400,8,"
    "vrijwel geen,0.85,gemiddeld,1.1\n"
)


def test_roa_demand_openings_tightness_shortage(tmp_path):
    with pytest.warns(DataQualityWarning, match="3 ROA group"):
        roa = read_roa_forecast(write(tmp_path, "r.csv", ROA_DEMAND))
    d = {m: t.set_index("code") for m, t in roa_demand(roa).items()}
    # Openings per year: the six-year count / 6; rate per year: the six-year % / 6.
    assert d["openings"].loc["0333", "openings"] == pytest.approx(9200 / 6)
    assert d["openings"].loc["0333", "openings_rate"] == pytest.approx(11 / 6)
    assert d["openings"].loc["0333", "openings_period"] == "2025-2030"
    # Split 0131 = 0132 + 0133: openings add up; rate over the implied bases 125000 + 50000.
    assert d["openings"].loc["0131", "openings"] == pytest.approx(30000 / 6)
    assert d["openings"].loc["0131", "openings_rate"] == pytest.approx(100 * 30000 / 175000 / 6)
    assert "0132+0133" in d["openings"].loc["0131", "openings_source"]
    # Indicators: openings-weighted mean (20000 and 10000), the larger part's class.
    assert d["tightness"].loc["0131", "tightness"] == pytest.approx((2 * 4.0 + 1.0) / 3, abs=1e-3)
    assert d["tightness"].loc["0131", "tightness_class"] == "krap"
    assert d["shortage"].loc["0131", "shortage_class"] == "groot"
    # Merged 0756 serves 0751 and 0752: its openings are shared, its indicators copied.
    assert d["openings"].loc["0751", "openings"] == pytest.approx(2400 / 6 / 2)
    assert d["openings"].loc["0752", "openings"] == pytest.approx(2400 / 6 / 2)
    assert d["shortage"].loc["0752", "shortage"] == 0.85
    # No tightness published for 0333: no row (the occupation falls back, never a zero).
    assert "0333" not in d["tightness"].index
    assert d["shortage"].loc["0333", "shortage_period"] == "2030"


def test_roa_unknown_code(tmp_path):
    with pytest.raises(DataFormatError, match="unknown group code"):
        read_roa_forecast(write(tmp_path, "r.csv", ROA.replace("0333,", "333x,")))


LFS = "geo,isco08,year,employed_thousands,flag_series_break,flag_low_reliability\n" + "".join(
    f"NL,{oc},{y},{v},{'b' if y in (2013, 2021) else ''},\n"
    for oc, base in (("OC41", 200.0), ("OC42", 100.0))
    for y, v in ((y, base * (0.97 if oc == "OC41" else 1.02) ** (y - 2013)) for y in range(2013, 2026))
)


def test_lfs_trend_refuses_series_breaks(tmp_path):
    lfs = read_lfs_employment(write(tmp_path, "l.csv", LFS))
    with pytest.raises(InvalidParameterError, match="crosses a series break in \\[2021\\]"):
        lfs_trend(lfs, 2019, 2023)
    with pytest.raises(InvalidParameterError, match="shorter"):
        lfs_trend(lfs, 2023, 2024)
    t = lfs_trend(lfs, 2021, 2025).set_index("code")
    assert t.loc["41", "trend_pct"] == pytest.approx(-3.0, abs=0.01)
    assert t.loc["42", "trend_pct"] == pytest.approx(2.0, abs=0.01)
    assert t.loc["4", "trend_period"] == "2021-2025"
    assert t.loc["4", "trend_pct"] < 0  # 1-digit sums the 2-digit groups
    assert lfs_trend(lfs, 2013, 2019).loc[0, "trend_period"] == "2013-2019"


def _series(values, start=2016, breaks=(2021,), code="81"):
    years = list(range(start, start + len(values)))
    return pd.DataFrame({"isco": code, "year": years, "employed": [v * 1000.0 for v in values],
                         "series_break": [y in breaks for y in years], "low_reliability": False})


def test_robust_trend_ignores_a_single_outlier_in_the_break_year():
    # The ISCO 81 case: a new series starts high in 2021, then stays flat. The end points
    # 2021-2025 say -3.7% a year; the robust slope over comparable pairs says flat.
    lfs = _series([73, 84, 81, 82, 82, 92, 79, 79, 79, 79])
    end = lfs_trend(lfs, 2021, 2025).set_index("code").loc["81", "trend_pct"]
    assert end == pytest.approx(-3.74, abs=0.01)
    t = lfs_robust_trend(lfs).set_index("code").loc["81"]
    assert t["trend_pct"] > -0.5  # not shrinking at the risk flag's threshold
    assert t["trend_period"] == "2016-2025" and t["trend_method"] == "robust"
    assert t["trend_series"] == 2


def test_robust_trend_never_compares_across_a_break():
    # Two flat series at very different levels: a pair across the break would be a huge change.
    lfs = _series([100] * 5 + [50] * 5)
    assert lfs_robust_trend(lfs).set_index("code").loc["81", "trend_pct"] == pytest.approx(0.0)
    # Without the break flag the same numbers are a steep decline.
    assert lfs_robust_trend(_series([100] * 5 + [50] * 5, breaks=())).set_index(
        "code").loc["81", "trend_pct"] < -5


def test_robust_trend_slope_and_jackknife_range():
    steady = [100 * 0.98 ** i for i in range(10)]
    t = lfs_robust_trend(_series(steady)).set_index("code").loc["81"]
    assert t["trend_pct"] == pytest.approx(-2.0)
    assert t["trend_pct_low"] == pytest.approx(-2.0) and t["trend_pct_high"] == pytest.approx(-2.0)
    one_off = steady.copy()
    one_off[7] *= 1.5  # one year far off: the slope barely moves, the range shows it
    u = lfs_robust_trend(_series(one_off)).set_index("code").loc["81"]
    assert u["trend_pct"] == pytest.approx(-2.0, abs=0.6)
    assert u["trend_pct_low"] <= u["trend_pct"] <= u["trend_pct_high"]
    with pytest.raises(InvalidParameterError, match="shorter"):
        lfs_robust_trend(_series(steady), 2022, 2024)


def test_lfs_unknown_code(tmp_path):
    with pytest.raises(DataFormatError, match="unknown ISCO code"):
        read_lfs_employment(write(tmp_path, "l.csv", LFS.replace("OC42", "X42")))


MT = """
isco08_code,isco08_title,nra,nri,rc,rm,nrm,rti
2512,Software developers,0.8,0.2,0,0,0,-1
4110,General office clerks,0.1,0.1,0.7,0,0.1,0.4
4132,Data entry clerks,0,0,1,0,0,1
8160,Food machine operators,0,0,0.2,0.8,0,1
9112,Cleaners,0,0,0,0.2,0.8,-0.6
"""


def test_rti_rebuilt_and_aggregated(tmp_path):
    t = read_mihaylov_tijdens(write(tmp_path, "m.csv", MT)).set_index("code")
    units = t[t.index.str.len() == 4]
    assert units["rti"].mean() == pytest.approx(0.0, abs=1e-9)
    assert units["rti"].std(ddof=0) == pytest.approx(1.0)
    assert units.loc["4132", "rti"] > units.loc["4110", "rti"] > units.loc["2512", "rti"]
    assert units.loc["4110", "routine_share"] == pytest.approx(0.7)
    # ISCO 41 is the mean of its unit groups 4110 and 4132.
    assert t.loc["41", "rti"] == pytest.approx(units.loc[["4110", "4132"], "rti"].mean())
    assert t.loc["41", "n_codes"] == 2


def test_rti_shares_must_be_proportions(tmp_path):
    with pytest.raises(DataFormatError, match="task shares"):
        read_mihaylov_tijdens(write(tmp_path, "m.csv", MT.replace("0.8,0.2,0,0,0", "1.8,0.2,0,0,0")))


def test_rebuild_rti_ignores_constant_columns():
    shares = pd.DataFrame({"nra": [0.5, 0.2], "nri": [0.5, 0.0], "rc": [0.0, 0.8],
                           "rm": [0.0, 0.0], "nrm": [0.0, 0.0]})
    rti = rebuild_rti(shares)
    assert np.isfinite(rti).all() and rti.iloc[1] > rti.iloc[0]


def test_frey_osborne_keeps_published_group_rows(tmp_path):
    text = ("soc2010_code,soc2010_title,computerization_risk\n"
            "25-1000,Postsecondary teachers,0.032\n25-2021,Elementary teachers,0.0044\n"
            "43-3031,Bookkeeping clerks,0.98\n43-3071,Tellers,0.98\n43-4051,Customer service,0.55\n")
    t = read_frey_osborne(write(tmp_path, "f.csv", text)).set_index("code")
    assert t.loc["25-1000", "automation_probability"] == 0.032  # published, not recomputed
    assert t.loc["43-3000", "automation_probability"] == pytest.approx(0.98)
    assert t.loc["43-0000", "automation_probability"] == pytest.approx((0.98 * 2 + 0.55) / 3)
    assert t.loc["25-0000", "automation_probability"] == pytest.approx((0.032 + 0.0044) / 2)


def test_felten_and_ilo_and_jrc(tmp_path):
    aioe = read_felten_aioe(write(tmp_path, "a.tsv", "SOC Code\tOccupation Title\tAIOE\n"
                                  "43-3031\tBookkeepers\t1.2\n43-3071\tTellers\t0.8\n"))
    assert aioe.set_index("code").loc["43-3000", "aioe"] == pytest.approx(1.0)
    ilo = ("ISCO_08,Title,taskID,Task_ISCO,score_2023,score_2025,source,mean_score_2023,"
           "mean_score_2025,SD_2023,SD_2025,potential25,potential23\n"
           "4110,Clerks,1,Filing,0.5,0.6,predicted,0.5,0.65,0.1,0.05,Exposed: Gradient 4,x\n"
           "4110,Clerks,2,Typing,0.5,0.7,predicted,0.5,0.65,0.1,0.05,Exposed: Gradient 4,x\n"
           "9112,Cleaners,1,Cleaning,0.1,0.1,predicted,0.1,0.5,0.0,0.0,Not Exposed,x\n")
    with pytest.warns(DataQualityWarning, match="1 unit group"):
        t = read_ilo_genai(write(tmp_path, "i.csv", ilo)).set_index("code")
    assert t.loc["4110", "ai_exposure"] == 0.65
    assert t.loc["9112", "ai_exposure"] == pytest.approx(0.1)  # file mean disagrees with tasks
    assert t.loc["4110", "ai_exposure_gradient"] == "Exposed: Gradient 4"
    jrc = ("nace\tisco\troutine\tpop\n"
           "A\t41. General and keyboard clerks\t0.5\t3\n"
           "B\t41. General and keyboard clerks\t0.9\t1\n"
           "C\t41. General and keyboard clerks\t\t100\n")
    j = read_jrc_eurofound(write(tmp_path, "j.tsv", jrc)).set_index("code")
    assert j.loc["41", "jrc_routine"] == pytest.approx(0.6)  # empty cell is no data, not 0


def test_crosswalks(tmp_path):
    brc = read_isco_brc(write(tmp_path, "b.csv", "isco08_unit,isco08_unit_label,brc_group,"
                              "brc_group_label,brc_class\n4110,Clerks,0431,Adm,04\n"))
    assert brc.loc[0, "brc"] == "0431"
    with pytest.raises(DataFormatError, match="more than one BRC group"):
        read_isco_brc(write(tmp_path, "b.csv", "isco08_unit,brc_group\n4110,0431\n4110,0432\n"))
    soc = read_isco_soc2010(write(tmp_path, "s.csv", "2010 SOC Code,2010 SOC Title,part,"
                                  "ISCO-08 Code,ISCO-08 Title EN\n43-9061 ,Clerks,*,4110,C\n"
                                  "43-9061,Clerks,,4110 ,C\n19-2099,Scientists,,211,P\n"))
    assert soc.to_dict("records")[:1] == [{"isco": "211", "soc2010": "19-2099", "partial": False}]
    assert len(soc) == 2 and not soc.set_index("isco").loc["4110", "partial"]
    s18 = read_soc2010_soc2018(write(tmp_path, "t.csv", "2010 SOC Code,2010 SOC Title,"
                                     "2018 SOC Code,2018 SOC Title\n15-1132,Dev,15-1252,Dev\n"))
    assert s18.loc[0, "soc2018"] == "15-1252"
    with pytest.raises(DataFormatError, match="malformed"):
        read_soc2010_soc2018(write(tmp_path, "t.csv", "2010 SOC Code,2018 SOC Code\n151132,x\n"))
