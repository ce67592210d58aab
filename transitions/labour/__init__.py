"""The labour-market layer: wages, jobs, trends, routine work and AI exposure.

:class:`LabourMarket` joins publishers' statistics to any taxonomy through
occupation codes with hierarchical fallback, keeping each value's source and
level. The readers take the publishers' files in their own layouts:

========================= ================================================
module                    tables
========================= ================================================
:mod:`.cbs`               CBS 85517NED wages, 85276NED jobs (BRC 2014)
:mod:`.roa`               ROA AIS forecast to 2030 (BRC groups)
:mod:`.eurostat`          Eurostat LFS employment and SES earnings (ISCO-08)
:mod:`.bls`               BLS OEWS wages and jobs, Employment Projections (SOC 2018)
:mod:`.routine`           Mihaylov & Tijdens RTI, Frey & Osborne, ILO GenAI,
                          Felten AIOE, JRC-Eurofound task indices
:mod:`.crosswalks`        ISCO-08 <-> BRC 2014, ISCO-08 <-> SOC 2010, SOC 2010 -> 2018,
                          ESCO -> O*NET-SOC
:mod:`.schema`            the documented table schema (also for your own tables)
:mod:`.mapping`           codes per occupation and the hierarchical fallback
:mod:`.trend`             shrinking / stable / growing from forecast and observation
:mod:`.reference`         relative wages and sizes of single occupations (US OEWS)
:mod:`.estimate`          occupation-level estimates of group wages and jobs
:mod:`.minimum_wage`      adult statutory minimum wages per hour (NL, US)
:mod:`.workforce`         jobs per occupation (a group's jobs split over its occupations)
:mod:`.wide`              per-occupation tables (the sample's ``labour_market.csv``)
:mod:`.files`             a folder of publishers' files -> tables
:mod:`.market`            :class:`LabourMarket`
========================= ================================================
"""

from .bls import projection_openings, read_bls_projections, read_oews
from .cbs import read_cbs_jobs_2023, read_cbs_occupation_groups, read_cbs_wages
from .crosswalks import (
    Crosswalks,
    read_isco_brc,
    read_isco_soc2010,
    read_occupation_onet,
    read_soc2010_soc2018,
)
from .eurostat import lfs_robust_trend, lfs_trend, read_lfs_employment, read_ses_earnings
from .files import FILES, read_folder
from .market import LabourMarket
from .minimum_wage import minimum_wage
from .roa import read_roa_forecast, roa_demand, roa_to_brc2014
from .routine import (
    read_felten_aioe,
    read_frey_osborne,
    read_ilo_genai,
    read_jrc_eurofound,
    read_mihaylov_tijdens,
    rebuild_rti,
)
from .schema import MEASURES, normalise_table
from .trend import classify_trend

__all__ = [
    "LabourMarket",
    "Crosswalks",
    "FILES",
    "read_folder",
    "MEASURES",
    "normalise_table",
    "classify_trend",
    "read_cbs_wages",
    "read_cbs_occupation_groups",
    "read_cbs_jobs_2023",
    "read_roa_forecast",
    "roa_to_brc2014",
    "roa_demand",
    "read_lfs_employment",
    "lfs_trend",
    "lfs_robust_trend",
    "read_ses_earnings",
    "read_oews",
    "read_bls_projections",
    "projection_openings",
    "read_mihaylov_tijdens",
    "rebuild_rti",
    "read_frey_osborne",
    "read_ilo_genai",
    "read_felten_aioe",
    "read_jrc_eurofound",
    "read_isco_brc",
    "read_isco_soc2010",
    "read_soc2010_soc2018",
    "read_occupation_onet",
    "minimum_wage",
]
