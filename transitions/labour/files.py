"""Read a folder of the publishers' files into labour-market tables.

:func:`read_folder` is what :meth:`transitions.LabourMarket.from_files` runs.
The folder follows the layout of the reference data (:data:`FILES`); each
file is read by the reader of its publisher's layout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..exceptions import InvalidParameterError, MissingFileError, warn_defect
from ._checks import check_covers
from ._io import file_info
from .codes import BRC, ISCO, SOC2010, SOC2018
from .crosswalks import Crosswalks
from .schema import MEASURES, screen_values

__all__ = ["FILES", "COUNTRIES", "REQUIRED", "read_folder", "read_reference", "labour_root",
           "missing_files", "has_country"]

#: The countries whose wages and jobs can be read.
COUNTRIES = ("NL", "US")
#: Files read by :func:`read_folder`, relative to its root.
FILES = {
    "cbs_wages": "nl/cbs_85517NED_uurloon_beroep_2022.csv",
    "cbs_groups": "nl/cbs_85276NED_85517NED_beroepsgroepen_2025Q4_uurloon2024.csv",
    "roa": "nl/roa_ais_prognose_2030_beroepsgroepen.csv",
    "lfs": "nl/eurostat_lfsa_egai2d_nl_2011_2025.csv",
    "oews": "us/oews_national_M2024.tsv",
    "bls_projections": "us/bls_employment_projections_2024_34.csv",
    "mihaylov_tijdens": "risk/rti_mihaylov_tijdens_2019_isco08.csv",
    "frey_osborne": "risk/frey_osborne_2017_soc2010.csv",
    "ilo_genai": "risk/ilo_genai_exposure_tasks_isco08_2025.csv",
    "felten_aioe": "risk/felten_aioe_soc2010.tsv",
    "jrc_eurofound": "risk/jrc_eurofound_tasks_isco2_nace2.tsv",
    "crosswalks": "crosswalks",
    "occupation_onet": "esco/crosswalk/ESCO_to_ONET-SOC2019_with_uris.csv",
}
#: The files without which a country's labour market cannot be built (risk indices and the
#: other crosswalks are optional: a missing one is a warning).
REQUIRED = {
    "NL": ("cbs_wages", "cbs_groups", "roa", "lfs", "crosswalks/isco08_brc2014_cbs.csv"),
    "US": ("oews", "bls_projections"),
}


def _present(root, key):
    """Whether the file of ``key`` is under ``root``, tidy or as its publisher's raw download."""
    if (root / FILES.get(key, key)).is_file():
        return True
    raw = RAW_FILES.get(key) or RAW_FILES.get(Path(key).name)
    return raw is not None and any(root.glob(raw))


def missing_files(root, country):
    """The required files of ``country`` (see :data:`REQUIRED`) missing under ``root``
    (neither tidy nor as the publisher's raw download, :data:`RAW_FILES`)."""
    root = Path(root)
    return [root / FILES.get(k, k) for k in REQUIRED[country] if not _present(root, k)]


def has_country(root, country):
    """Whether ``root`` holds any of the country's own required files (crosswalks are shared)."""
    return any(_present(Path(root), k) for k in REQUIRED[country] if k in FILES)


def labour_root(root=None):
    """The data folder: ``root``, else ``TRANSITIONS_LABOUR_DATA``, else ``<data home>/labour``."""
    if root is None:
        root = os.environ.get("TRANSITIONS_LABOUR_DATA")
    if root is None:
        from ..datasets import get_data_home

        root = get_data_home() / "labour"
    root = Path(root).expanduser()
    if not root.is_dir():
        raise FileNotFoundError(
            f"labour-market data folder {root} not found; download the publishers' files "
            f"into a folder with the layout of transitions.labour.files.FILES and pass it "
            f"as root= (or set TRANSITIONS_LABOUR_DATA)")
    return root


def read_folder(root=None, *, country="NL", wage_year=2022, trend_years=None,
                trend_method="robust"):
    """Read the tables of one country and the risk indices from a data folder.

    See :meth:`transitions.LabourMarket.from_files` for the parameters.

    Returns
    -------
    tables : dict of str to pandas.DataFrame
        Measure name -> table in the schema of :mod:`transitions.labour.schema`.
    crosswalks : Crosswalks
    provenance : pandas.DataFrame
        ``measure``, ``source``, ``file``, ``sha256`` per table.
    """
    from . import bls, cbs, eurostat, roa, routine

    if country not in COUNTRIES:
        raise InvalidParameterError(f"country={country!r} is not valid; choose one of "
                                    f"{list(COUNTRIES)}")
    if wage_year not in (2022, 2024):
        raise InvalidParameterError(f"wage_year={wage_year!r} is not valid; choose 2022 or 2024")
    root = labour_root(root)
    missing = missing_files(root, country)
    if missing:
        raise MissingFileError(
            f"{root}: the {country} labour market needs {len(missing)} more file(s): "
            f"{', '.join(str(p.relative_to(root)) for p in missing)} (the layout of "
            f"transitions.labour.files.FILES)")
    paths = {k: root / v for k, v in FILES.items()}
    periods = {}
    for key in (("cbs_wages", "cbs_groups", "lfs") if country == "NL" else ("oews", "bls_projections")):
        paths[key] = _tidy_or_raw(root, key, paths[key], periods)
    tables, prov = {}, []

    def add(measure, table, key):
        table = screen_values(table, measure, where=str(paths[key]))
        tables[measure] = table
        source_col = MEASURES[measure].source
        prov.append({"measure": measure,
                     "source": "; ".join(sorted(set(table[source_col].astype(str)))),
                     **file_info(paths[key])})

    cw = Crosswalks.from_folder(paths["crosswalks"])
    _check_crosswalks(cw, paths["crosswalks"])
    if country == "NL":
        wages = cbs.read_cbs_wages(paths["cbs_wages"])
        check_covers(wages, str(paths["cbs_wages"]), all_brc_groups=True)
        groups = cbs.read_cbs_occupation_groups(paths["cbs_groups"])
        check_covers(groups, str(paths["cbs_groups"]), all_brc_groups=True)
        if wage_year == 2024:
            newer = groups[groups["wage_median"].notna()]
            wages = pd.concat([newer, wages[~wages["code"].isin(newer["code"])]],
                              ignore_index=True)
        add("wage", wages, "cbs_wages" if wage_year == 2022 else "cbs_groups")
        add("employment", with_brc_sums(groups, "employment"), "cbs_groups")
        add("jobs_growth_1y", groups, "cbs_groups")
        brc_groups = None if cw.isco_brc is None else cw.isco_brc["brc"].unique()
        forecast = roa.read_roa_forecast(paths["roa"])
        check_covers(_codes(BRC, forecast["roa_code"]), str(paths["roa"]))
        add("forecast", roa.roa_to_brc2014(forecast, brc_groups), "roa")
        for measure, table in roa.roa_demand(forecast).items():
            add(measure, table, "roa")
        lfs = eurostat.read_lfs_employment(paths["lfs"])
        check_covers(_codes(ISCO, lfs["isco"]), str(paths["lfs"]))
        if trend_method == "robust":
            trend = eurostat.lfs_robust_trend(lfs, *(trend_years or (None, None)))
        elif trend_method == "endpoint":
            trend = eurostat.lfs_trend(lfs, *(trend_years or (2021, 2025)))
        else:
            raise InvalidParameterError(f"trend_method={trend_method!r} is not valid; choose "
                                        f"'robust' or 'endpoint'")
        add("trend", trend, "lfs")
    else:
        oews = bls.read_oews(paths["oews"])
        check_covers(oews, str(paths["oews"]))
        add("wage", oews, "oews")
        add("employment", oews, "oews")
        projections = bls.read_bls_projections(paths["bls_projections"],
                                               **periods.get("bls_projections", {}))
        check_covers(projections, str(paths["bls_projections"]))
        add("forecast", projections, "bls_projections")
        add("openings", bls.projection_openings(projections), "bls_projections")
    readers = {
        "rti": ("mihaylov_tijdens", routine.read_mihaylov_tijdens),
        "automation_probability": ("frey_osborne", routine.read_frey_osborne),
        "ai_exposure": ("ilo_genai", routine.read_ilo_genai),
        "aioe": ("felten_aioe", routine.read_felten_aioe),
        "jrc_routine": ("jrc_eurofound", routine.read_jrc_eurofound),
    }
    for measure, (key, reader) in readers.items():
        if not paths[key].is_file():
            warn_defect(f"{paths[key]} not found: no {measure} in this labour market")
            continue
        table = reader(paths[key])
        check_covers(table, str(paths[key]))
        add(measure, table, key)
    return tables, cw, pd.DataFrame(prov)


#: The publishers' raw downloads (as ``transitions data fetch`` places them) read in place of
#: a tidy file of :data:`FILES` that is absent.
RAW_FILES = {
    "cbs_wages": "nl/odata/85517NED/TypedDataSet.json",
    "cbs_groups": "nl/odata/85276NED/TypedDataSet.json",
    "lfs": "nl/lfsa_egai2d.sdmx.csv",
    "oews": "us/oesm*nat.zip",
    "bls_projections": "us/occupation.xlsx",
    # CBS's correspondence workbook (read by Crosswalks.from_folder)
    "isco08_brc2014_cbs.csv": "crosswalks/schakelschema-isco2008-brc2014.xls*",
}


def _tidy_or_raw(root, key, path, periods):
    """The tidy file at ``path``, else the raw download converted to its layout (if any)."""
    if path.exists():
        return path
    found = sorted(root.glob(RAW_FILES[key]))
    if not found:
        return path  # the reader says the file is missing
    from . import raw

    src = found[-1]
    if key == "cbs_wages":
        return raw.cbs_odata_wages(src.parent)
    if key == "cbs_groups":
        return raw.cbs_odata_groups(src.parent, root / "nl" / "odata" / "85517NED")
    if key == "lfs":
        return raw.eurostat_sdmx_lfs(src)
    if key == "oews":
        return raw.bls_oews(src)
    table, period = raw.bls_projections(src)
    periods[key] = {"period": period}
    return table


def _codes(system, codes):
    """A ``code_system``/``code`` frame, for :func:`check_covers` on a reader's own columns."""
    codes = pd.Series(codes, dtype=object).astype(str).str.removeprefix("OC")
    return pd.DataFrame({"code_system": system, "code": codes.to_numpy()})


def _check_crosswalks(cw, folder):
    """Each crosswalk present covers both of its classifications."""
    pairs = {
        "isco08_brc2014_cbs.csv": (cw.isco_brc, (("isco", ISCO), ("brc", BRC))),
        "isco08_soc2010_bls.csv": (cw.isco_soc2010, (("isco", ISCO), ("soc2010", SOC2010))),
        "soc2010_soc2018_bls.csv": (cw.soc2010_soc2018,
                                    (("soc2010", SOC2010), ("soc2018", SOC2018))),
    }
    for name, (table, columns) in pairs.items():
        if table is None:
            continue
        for col, system in columns:
            check_covers(_codes(system, table[col]), str(Path(folder) / name),
                         all_brc_groups=system == BRC)


def read_reference(root=None, *, country="NL"):
    """The reference for occupation-level estimates of ``country``'s group figures, and its crosswalk.

    For the Netherlands: BLS OEWS wages and employment per SOC code (relative
    wages and sizes of single occupations, see :mod:`.reference`) and the
    ESCO -> O*NET-SOC crosswalk. The US figures are per occupation already:
    no reference.

    Returns
    -------
    reference : dict or None
        ``{"wage": table, "employment": table}`` (raw, in the measure schema).
    occupation_onet : pandas.DataFrame or None
        From :func:`~.crosswalks.read_occupation_onet`.
    provenance : list of dict
    """
    from . import bls
    from .crosswalks import read_occupation_onet

    if country != "NL":
        return None, None, []
    root = labour_root(root)
    oews = _tidy_or_raw(root, "oews", root / FILES["oews"], {})
    onet = root / FILES["occupation_onet"]
    reference, xwalk, prov = None, None, []
    if not isinstance(oews, Path) or oews.is_file():
        table = bls.read_oews(oews)
        check_covers(table, str(oews))
        reference = {"wage": table, "employment": table}
        prov.append({"measure": "reference", "source": "; ".join(sorted(set(table["wage_source"]))),
                     **file_info(oews)})
    else:
        warn_defect(f"{oews} not found: no occupation-level estimates of wages and job shares")
    if onet.is_file():
        xwalk = read_occupation_onet(onet)
        prov.append({"measure": "reference", "source": "ESCO-O*NET-SOC 2019 crosswalk",
                     **file_info(onet)})
    else:
        warn_defect(f"{onet} not found: no occupation-level estimates for ESCO occupations")
    return reference, xwalk, prov


def with_brc_sums(groups, column):
    """Add BRC segments, classes and the total as sums of the groups (jobs add up)."""
    parts = [groups]
    for depth in (3, 2, 0):
        key = groups["code"].str[:depth] if depth else pd.Series("Totaal", index=groups.index)
        agg = groups.groupby(key)[column].agg(lambda s: s.sum(min_count=len(s)))
        first = groups.groupby(key).first()
        parts.append(pd.DataFrame({
            "code_system": BRC, "code": agg.index, column: agg.to_numpy(),
            f"{column}_year": first[f"{column}_year"].to_numpy(),
            f"{column}_source": first[f"{column}_source"].to_numpy(),
        }))
    return pd.concat(parts, ignore_index=True)
