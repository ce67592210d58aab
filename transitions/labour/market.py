"""`LabourMarket`: wages, jobs, trends, routine work and AI exposure for any taxonomy.

A :class:`LabourMarket` holds labour-market tables (one per measure, see
:mod:`transitions.labour.schema`) keyed by occupation codes (ISCO-08, BRC
2014, SOC 2018 / O*NET-SOC, SOC 2010 or a taxonomy's own ids), the crosswalks
between those systems, and the provenance of every table. It joins them to a
:class:`~transitions.Taxonomy` with :meth:`LabourMarket.for_taxonomy`.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError, warn_defect
from .codes import BRC, LEVELS, OCC, TOTAL_LEVEL
from .crosswalks import Crosswalks
from .mapping import occupation_links, resolve
from .schema import MEASURES, normalise_table
from .trend import DEFAULT_FORECAST_THRESHOLD, DEFAULT_OBSERVED_THRESHOLD, classify_trend

__all__ = ["LabourMarket", "FILES", "SAMPLE_COLUMNS", "CORE_MEASURES"]

#: Measures every :meth:`LabourMarket.for_taxonomy` result has columns for.
CORE_MEASURES = ("wage", "employment", "trend", "forecast", "rti", "automation_probability",
                 "ai_exposure", "aioe")
#: Files read by :meth:`LabourMarket.from_files`, relative to its ``root``.
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
}
#: Columns of the per-occupation table of the sample (``labour_market.csv``):
#: column -> (measure, column in the measure's schema).
SAMPLE_COLUMNS = {
    "wage_median": ("wage", "wage_median"),
    "wage_p25": ("wage", "wage_p25"),
    "wage_p75": ("wage", "wage_p75"),
    "employment": ("employment", "employment"),
    "employment_change_pct": ("trend", "trend_pct"),
    "expansion_demand_pct_2030": ("forecast", "forecast_pct"),
    "routine_task_intensity": ("rti", "rti"),
    "automation_probability": ("automation_probability", "automation_probability"),
    "genai_exposure": ("ai_exposure", "ai_exposure"),
    "aioe": ("aioe", "aioe"),
}
_COUNTRIES = ("NL", "US")
_NONE = "none"


class LabourMarket:
    """Labour-market statistics keyed by occupation codes, with provenance.

    Build one with :meth:`from_files` (the publishers' files), :meth:`from_sample`
    (the embedded illustrative sample) or :meth:`from_tables` (your own tables
    in the documented schema), then join it to a taxonomy with
    :meth:`for_taxonomy`.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Measure name (a key of :data:`transitions.labour.schema.MEASURES`) to a
        table in the documented schema.
    crosswalks : Crosswalks, optional
        Used to reach codes a taxonomy does not state itself (e.g. ESCO's ISCO
        code -> BRC group).
    country : str, optional
        ``"NL"`` or ``"US"``: whose wages and jobs the tables hold.
    provenance : pandas.DataFrame, optional
        One row per source file (``measure``, ``source``, ``file``, ``sha256``).

    Attributes
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables, with matching keys and level names added.
    crosswalks : Crosswalks
    country : str or None
    provenance : pandas.DataFrame

    Examples
    --------
    >>> from transitions import LabourMarket, load_sample
    >>> tax = load_sample()
    >>> lm = LabourMarket.from_sample()
    >>> table = lm.for_taxonomy(tax)
    >>> table.loc["occ-bookkeeper", ["wage_source", "wage_level"]].tolist()
    ['illustrative sample, not real data', 'occupation']
    >>> bool(table["trend"].isin(["shrinking", "stable", "growing"]).all())
    True
    """

    def __init__(self, tables=None, *, crosswalks=None, country=None, provenance=None):
        tables = dict(tables or {})
        unknown = [m for m in tables if m not in MEASURES]
        if unknown:
            raise InvalidParameterError(
                f"unknown measure(s) {unknown}; valid: {list(MEASURES)}")
        if country is not None and country not in _COUNTRIES:
            raise InvalidParameterError(f"country={country!r} is not valid; choose one of "
                                        f"{list(_COUNTRIES)} or None")
        self.tables = {m: normalise_table(t, m) for m, t in tables.items() if t is not None}
        self.crosswalks = crosswalks if crosswalks is not None else Crosswalks()
        self.country = country
        if provenance is None:
            provenance = pd.DataFrame(
                [{"measure": m, "source": "; ".join(sorted(t[MEASURES[m].source].unique())),
                  "file": np.nan, "sha256": np.nan} for m, t in self.tables.items()],
                columns=["measure", "source", "file", "sha256"])
        self.provenance = provenance.reset_index(drop=True)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_files(cls, root=None, *, country="NL", wage_year=2022, trend_years=(2021, 2025)):
        """Read the publishers' files from a folder laid out like the reference data.

        Parameters
        ----------
        root : str or path-like, optional
            A folder with ``nl/``, ``us/``, ``risk/`` and ``crosswalks/`` holding
            the files named in :data:`FILES`. Default: the ``TRANSITIONS_LABOUR_DATA``
            environment variable, else ``<data home>/labour``.
        country : {"NL", "US"}, default="NL"
            ``"NL"``: wages CBS 85517NED, jobs CBS 85276NED, forecast ROA, observed
            trend Eurostat LFS (BRC 2014 and ISCO-08). ``"US"``: wages and jobs
            BLS OEWS, forecast BLS projections (SOC 2018). Routine, automation and
            AI-exposure indices are read for both.
        wage_year : {2022, 2024}, default=2022
            2022: CBS quartiles of groups, segments and classes of one year (the
            consistent choice for comparing occupations). 2024: the groups' 2024
            quartiles where published, else the 2022 figures (``wage_year``
            tells which).
        trend_years : (int, int), default=(2021, 2025)
            Window of the observed LFS change; it may not cross a series break.

        Returns
        -------
        LabourMarket

        Raises
        ------
        FileNotFoundError
            A required file of the country is missing (risk files are optional:
            a missing one is a warning).
        """
        from . import bls, cbs, eurostat, roa, routine

        if country not in _COUNTRIES:
            raise InvalidParameterError(f"country={country!r} is not valid; choose one of "
                                        f"{list(_COUNTRIES)}")
        if wage_year not in (2022, 2024):
            raise InvalidParameterError(f"wage_year={wage_year!r} is not valid; choose 2022 or 2024")
        root = _labour_root(root)
        paths = {k: root / v for k, v in FILES.items()}
        prov = []

        def note(measure, table, key):
            from ._io import file_info

            source_col = MEASURES[measure].source
            prov.append({"measure": measure,
                         "source": "; ".join(sorted(set(table[source_col].astype(str)))),
                         **file_info(paths[key])})

        cw = Crosswalks.from_folder(paths["crosswalks"])
        tables = {}
        if country == "NL":
            wages = cbs.read_cbs_wages(paths["cbs_wages"])
            groups = cbs.read_cbs_occupation_groups(paths["cbs_groups"])
            if wage_year == 2024:
                newer = groups[groups["wage_median"].notna()]
                wages = pd.concat([newer, wages[~wages["code"].isin(newer["code"])]],
                                  ignore_index=True)
            tables["wage"] = wages
            note("wage", wages, "cbs_wages")
            tables["employment"] = _with_brc_sums(groups, "employment")
            note("employment", groups, "cbs_groups")
            tables["jobs_growth_1y"] = groups
            note("jobs_growth_1y", groups, "cbs_groups")
            brc_groups = None if cw.isco_brc is None else cw.isco_brc["brc"].unique()
            forecast = roa.roa_to_brc2014(roa.read_roa_forecast(paths["roa"]), brc_groups)
            tables["forecast"] = forecast
            note("forecast", forecast, "roa")
            lfs = eurostat.read_lfs_employment(paths["lfs"])
            trend = eurostat.lfs_trend(lfs, *trend_years)
            tables["trend"] = trend
            note("trend", trend, "lfs")
        else:
            oews = bls.read_oews(paths["oews"])
            tables["wage"] = oews
            tables["employment"] = oews
            note("wage", oews, "oews")
            note("employment", oews, "oews")
            proj = bls.read_bls_projections(paths["bls_projections"])
            tables["forecast"] = proj
            note("forecast", proj, "bls_projections")
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
            tables[measure] = reader(paths[key])
            note(measure, tables[measure], key)
        return cls(tables, crosswalks=cw, country=country, provenance=pd.DataFrame(prov))

    @classmethod
    def from_sample(cls):
        """The labour market of the embedded illustrative sample (``labour_market.csv``).

        Its numbers are illustrative, not real data; each carries the source
        ``"illustrative sample, not real data"`` and the level ``"occupation"``.
        """
        from ..datasets.sample import sample_path

        path = sample_path("labour_market.csv")
        if not path.is_file():
            raise FileNotFoundError(f"the sample's labour-market table {path} is missing")
        table = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        lm = cls.from_tables(occupations=table, country="NL", where=str(path))
        lm.provenance["file"] = str(path)
        return lm

    @classmethod
    def from_tables(cls, *, occupations=None, base=None, crosswalks=None, country=None,
                    currency="EUR", where=None, **tables):
        """A labour market from your own tables in the documented schema.

        Parameters
        ----------
        occupations : pandas.DataFrame, optional
            A per-occupation table keyed by a taxonomy's own ids, in the layout
            of the sample's ``labour_market.csv``: ``occupation_id``, ``source``
            and any of the columns of :data:`SAMPLE_COLUMNS`.
        base : LabourMarket, optional
            Start from this market's tables, crosswalks and country; the
            tables given here replace its tables of the same measure (e.g. a
            region's wages, a newer forecast).
        crosswalks : Crosswalks, optional
            Default: those of ``base``.
        country : {"NL", "US"}, optional
        currency : str, default="EUR"
            Currency of the wages in ``occupations``.
        where : str, optional
            Name of ``occupations`` for error messages.
        **tables : pandas.DataFrame
            Measure name -> table in the schema of
            :mod:`transitions.labour.schema` (e.g. ``wage=``, ``forecast=``).

        Returns
        -------
        LabourMarket

        Examples
        --------
        >>> import pandas as pd
        >>> from transitions import LabourMarket, load_sample
        >>> regional = pd.DataFrame({"code_system": "occupation",
        ...     "code": ["occ-bookkeeper"], "wage_median": [26.5], "wage_currency": "EUR",
        ...     "source": "Gemeente X 2024"})
        >>> lm = LabourMarket.from_tables(wage=regional, base=LabourMarket.from_sample())
        >>> t = lm.for_taxonomy(load_sample(), warn=False)
        >>> t.loc["occ-bookkeeper", ["wage_source", "wage_level"]].tolist()
        ['Gemeente X 2024', 'occupation']
        >>> float(t.loc["occ-bookkeeper", "wage_median"])
        26.5
        >>> int((t["wage_level"] == "none").sum()) == len(t) - 1
        True
        """
        unknown = [m for m in tables if m not in MEASURES]
        if unknown:
            raise InvalidParameterError(
                f"unknown table keyword(s) {unknown}; valid: {list(MEASURES)} and occupations=")
        merged = {}
        prov = []
        if base is not None:
            if not isinstance(base, LabourMarket):
                raise InvalidParameterError(
                    f"base must be a LabourMarket, got {type(base).__name__}")
            merged.update(base.tables)
            prov.append(base.provenance)
            crosswalks = crosswalks if crosswalks is not None else base.crosswalks
            country = country if country is not None else base.country
        if occupations is not None:
            merged.update(_from_wide(occupations, currency=currency,
                                     where=where or "occupations table"))
        for measure, table in tables.items():
            if table is not None:
                merged[measure] = table
        lm = cls(merged, crosswalks=crosswalks, country=country)
        replaced = set(tables) | (set(_wide_measures(occupations)) if occupations is not None
                                  else set())
        lm._warn_unknown_codes([m for m in tables if tables[m] is not None])
        if prov:
            keep = prov[0][~prov[0]["measure"].isin(replaced)]
            new = lm.provenance[lm.provenance["measure"].isin(replaced)]
            lm.provenance = pd.concat([keep, new], ignore_index=True)
        return lm

    # ------------------------------------------------------------------ joins
    def links(self, tax):
        """Each occupation's codes per code system (see :func:`~.mapping.occupation_links`)."""
        return occupation_links(tax, self.crosswalks)

    def for_taxonomy(self, tax, *, forecast_threshold=DEFAULT_FORECAST_THRESHOLD,
                     observed_threshold=DEFAULT_OBSERVED_THRESHOLD, fallback_to_total=False,
                     warn=True):
        """The labour-market figures of every occupation of ``tax``.

        Each value is looked up at the occupation's finest code and, where
        missing, at coarser levels (ISCO 4 -> 3 -> 2 -> 1 digits; BRC group ->
        segment -> class; SOC detailed -> broad -> minor -> major).

        Parameters
        ----------
        tax : Taxonomy
            ESCO (mapped through ``isco_code``), O*NET (through ``soc_code``),
            the sample (through its ids, ``isco_code`` and ``brc_code``) or any
            taxonomy with such columns.
        forecast_threshold, observed_threshold : float, default=0.25, 1.0
            % per year beyond which forecast / observed change counts as
            shrinking or growing; see :mod:`transitions.labour.trend`.
        fallback_to_total : bool, default=False
            Also fall back to all-occupations figures (off: a national median
            says little about one occupation).
        warn : bool, default=True
            Count the occupations without a value in a :class:`DataQualityWarning`.

        Returns
        -------
        pandas.DataFrame
            Indexed by the taxonomy's occupation ids (its order), with
            ``label_en``, ``label_nl`` and its code columns, then per measure
            its values, ``<measure>_source``, ``<measure>_level`` (``"none"``
            where no level has a value) and ``<measure>_via`` (the crosswalk
            route, NaN for a direct match):

            - ``wage_median``, ``wage_p25``, ``wage_p75`` (gross per hour),
              ``wage_currency``, ``wage_year``, ``wage_topcoded``;
            - ``employment`` (jobs or employed persons of the occupation's
              group), ``employment_year``;
            - ``trend`` (``"shrinking"``, ``"stable"``, ``"growing"``),
              ``trend_basis``, ``trend_pct`` (observed, % per year),
              ``trend_period``;
            - ``jobs_growth_1y_pct`` (CBS one-year change, noisy; NL only);
            - ``forecast_pct`` (expected change, % over ``forecast_years``),
              ``forecast_period``, ``forecast_pct_per_year``;
            - ``rti`` (standardised routine task intensity), ``routine_share``;
            - ``automation_probability`` (Frey & Osborne);
            - ``ai_exposure`` (ILO GenAI), ``ai_exposure_gradient``;
            - ``aioe`` (Felten et al.), ``jrc_routine``.
        """
        from ..taxonomy import Taxonomy

        if not isinstance(tax, Taxonomy):
            raise InvalidParameterError(f"tax must be a Taxonomy, got {type(tax).__name__}")
        occ = tax.occupations
        out = pd.DataFrame(index=occ.index.copy())
        for col in ("label_en", "label_nl", "isco_code", "brc_code", "soc_code"):
            if col in occ:
                out[col] = occ[col]
        links = self.links(tax)
        if warn:
            self._warn_unknown_ids(tax)
        missing = {}
        for name, spec in MEASURES.items():
            if name not in self.tables:
                if name in CORE_MEASURES:
                    _empty_measure(out, spec)
                continue
            found = resolve(links, self.tables[name], spec, fallback_to_total=fallback_to_total)
            block = found.reindex(out.index)
            for col in spec.columns:
                out[col] = block[col] if col in block else np.nan
            out[spec.level] = out[spec.level].astype(object).where(out[spec.level].notna(), _NONE)
            for col in [c for c, kind in spec.meta.items() if kind == "any"]:
                out[col] = out[col].astype("boolean")  # NA where no value was found
            if "wage_year" in spec.meta:
                out["wage_year"] = out["wage_year"].round().astype("Int64")
            n = int((out[spec.level] == _NONE).sum())
            if n:
                missing[name] = out.index[out[spec.level] == _NONE]
        trend = classify_trend(out["forecast_pct"], out.get("forecast_years", np.nan),
                               out["trend_pct"], forecast_threshold=forecast_threshold,
                               observed_threshold=observed_threshold)
        pos = out.columns.get_loc("trend_pct")
        out.insert(pos, "trend", trend["trend"])
        out.insert(pos + 1, "trend_basis", trend["trend_basis"])
        out.insert(out.columns.get_loc("forecast_source"), "forecast_pct_per_year",
                   trend["forecast_pct_per_year"])
        if warn:
            for name, ids in missing.items():
                warn_defect(f"{len(ids)} of {len(out)} occupation(s) of {tax.name!r} have no "
                            f"{name} at any level (level 'none')", ids)
            absent = [m for m in CORE_MEASURES if m not in self.tables]
            if absent:
                warn_defect(f"this labour market has no table for {absent}: their columns are "
                            f"empty (level 'none') for all {len(out)} occupations")
        return out

    def coverage(self, tax, **kwargs):
        """Share of ``tax``'s occupations with a value per measure and level.

        Parameters
        ----------
        tax : Taxonomy
        **kwargs
            Passed to :meth:`for_taxonomy`.

        Returns
        -------
        pandas.DataFrame
            Columns ``measure``, ``level``, ``n`` and ``share``; one row per
            measure and level that occurs, finest level first and ``"none"``
            last, plus a row with level ``"any"`` (the share with a value).

        Examples
        --------
        >>> from transitions import LabourMarket, load_sample
        >>> cov = LabourMarket.from_sample().coverage(load_sample())
        >>> cov.query("measure == 'wage' and level == 'any'")["share"].item()
        1.0
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = self.for_taxonomy(tax, warn=False, **kwargs)
        order = [lvl for levels in LEVELS.values() for lvl in levels.values()]
        rows = []
        total = len(table)
        for name in MEASURES:
            level_col = MEASURES[name].level
            if level_col not in table:
                continue
            counts = table[level_col].value_counts()
            levels = sorted(counts.index, key=lambda lvl: (lvl == _NONE, order.index(lvl)
                                                           if lvl in order else len(order), lvl))
            for lvl in levels:
                rows.append({"measure": name, "level": lvl, "n": int(counts[lvl]),
                             "share": counts[lvl] / total if total else np.nan})
            known = int(total - counts.get(_NONE, 0))
            rows.append({"measure": name, "level": "any", "n": known,
                         "share": known / total if total else np.nan})
        return pd.DataFrame(rows, columns=["measure", "level", "n", "share"])

    def workforce(self, tax):
        """Workers per occupation: each group's jobs split evenly over its occupations.

        The employment table's finest rows that partition the workforce (BRC
        groups for the Netherlands, detailed or else broad SOC codes for the
        US, ids for the sample) are matched to the taxonomy's occupations as in
        :meth:`for_taxonomy`. A group's jobs are split evenly over the
        occupations that fall in it; an occupation linked to several groups
        counts for ``1/k`` in each of its ``k`` groups.

        Returns
        -------
        pandas.DataFrame
            Indexed by occupation id: ``workers``, ``workers_source``,
            ``workers_level`` (``"none"`` without a group), ``workers_groups``
            (the codes used) and ``workers_sharing`` (how many occupations share
            the group). ``attrs`` holds ``total_workers`` (all rows that
            partition the workforce) and ``assigned_workers`` (those matched to
            at least one occupation): jobs of groups without any occupation are
            not spread elsewhere.

        Examples
        --------
        >>> from transitions import LabourMarket, load_sample
        >>> w = LabourMarket.from_sample().workforce(load_sample())
        >>> bool(w["workers"].sum() == w.attrs["assigned_workers"])
        True
        """
        if "employment" not in self.tables:
            raise InvalidParameterError("this labour market has no employment table")
        table = self.tables["employment"]
        table = table[table["employment"].notna() & (table["level"] != TOTAL_LEVEL)]
        leaves = table[_leaf_mask(table)]
        links = self.links(tax)
        pairs = []
        done = pd.Index([], dtype=object)
        systems = sorted(dict.fromkeys(leaves["code_system"]), key=lambda s: s != OCC)
        for system in systems:
            if system not in links:
                continue
            sub = leaves[leaves["code_system"] == system]
            for depth in LEVELS[system]:
                rows = sub[sub["depth"] == depth]
                if rows.empty:
                    continue
                lk = links[system][~links[system]["occupation_id"].isin(done)]
                key = lk["code"] if depth < 0 else lk["code"].str[:depth]
                lk = lk.assign(key=key).drop_duplicates(["occupation_id", "key"])
                m = lk.drop(columns="code").merge(
                    rows[["key", "code", "level", "employment", "employment_source"]], on="key")
                if m.empty:
                    continue
                pairs.append(m)
                done = done.append(pd.Index(m["occupation_id"].unique()))
        out = pd.DataFrame(index=tax.occupations.index.copy())
        total = float(leaves["employment"].sum())
        if not pairs:
            out["workers"] = np.nan
            out["workers_source"] = np.nan
            out["workers_level"] = _NONE
            out["workers_groups"] = np.nan
            out["workers_sharing"] = np.nan
            out.attrs.update(total_workers=total, assigned_workers=0.0)
            return out
        p = pd.concat(pairs, ignore_index=True)
        p["weight"] = 1.0 / p.groupby("occupation_id")["key"].transform("nunique")
        p["sharing"] = p.groupby(["level", "key"])["occupation_id"].transform("nunique")
        p["workers"] = p["employment"] * p["weight"] / p.groupby(["level", "key"])["weight"] \
            .transform("sum")
        g = p.groupby("occupation_id")
        res = pd.DataFrame({
            "workers": g["workers"].sum(),
            "workers_source": g["employment_source"].agg(lambda s: "; ".join(sorted(set(s)))),
            "workers_level": g["level"].agg(lambda s: "; ".join(sorted(set(s)))),
            "workers_groups": g["code"].agg(lambda s: "; ".join(sorted(set(s)))),
            "workers_sharing": g["sharing"].max(),
        })
        out = out.join(res)
        out["workers_level"] = out["workers_level"].astype(object).where(
            out["workers_level"].notna(), _NONE)
        assigned = float(p.drop_duplicates(["level", "key"])["employment"].sum())
        out.attrs.update(total_workers=total, assigned_workers=assigned)
        return out

    def _warn_unknown_ids(self, tax):
        """Count rows keyed by occupation ids that ``tax`` does not have (likely typos)."""
        for name, table in self.tables.items():
            ids = table.loc[table["code_system"] == OCC, "code"]
            unknown = ids[~ids.isin(tax.occupations.index)]
            if len(unknown) and len(unknown) < len(ids):
                warn_defect(f"{name} table: {len(unknown)} of {len(ids)} occupation id(s) are "
                            f"not in taxonomy {tax.name!r} and match nothing", unknown)

    def _warn_unknown_codes(self, measures):
        """Count codes of users' tables that the crosswalks do not know."""
        known = _known_codes(self.crosswalks)
        for name in measures:
            table = self.tables[name]
            for system, codes in known.items():
                sub = table[(table["code_system"] == system) & (table["key"] != "")]
                if sub.empty:
                    continue
                unknown = sub.loc[~sub["key"].isin(codes), "code"]
                if len(unknown):
                    warn_defect(f"{name} table: {len(unknown)} {system} code(s) unknown to the "
                                f"crosswalks; no occupation reaches them", unknown)

    # ------------------------------------------------------------------ misc
    def table(self, measure):
        """The validated table of one measure (see :mod:`transitions.labour.schema`)."""
        if measure not in self.tables:
            raise InvalidParameterError(
                f"no {measure!r} table in this labour market; it has {list(self.tables)}")
        return self.tables[measure]

    def __repr__(self):
        return (f"LabourMarket(country={self.country!r}, measures={list(self.tables)}, "
                f"crosswalks={bool(self.crosswalks)})")


# ---------------------------------------------------------------------- helpers
def _labour_root(root):
    if root is None:
        root = os.environ.get("TRANSITIONS_LABOUR_DATA")
    if root is None:
        from ..datasets._base import get_data_home

        root = get_data_home() / "labour"
    root = Path(root).expanduser()
    if not root.is_dir():
        raise FileNotFoundError(
            f"labour-market data folder {root} not found; download the publishers' files "
            f"into a folder with the layout of transitions.labour.market.FILES and pass it "
            f"as root= (or set TRANSITIONS_LABOUR_DATA)")
    return root


def _known_codes(cw):
    """Keys of every level of the codes the crosswalks know, per code system."""
    from .codes import ISCO, SOC2010, SOC2018, code_keys

    lists = {}
    if cw.isco_brc is not None:
        lists[ISCO] = cw.isco_brc["isco"]
        lists[BRC] = cw.isco_brc["brc"]
    if cw.isco_soc2010 is not None:
        lists[ISCO] = pd.concat([lists.get(ISCO, pd.Series(dtype=object)), cw.isco_soc2010["isco"]])
        lists[SOC2010] = cw.isco_soc2010["soc2010"]
    if cw.soc2010_soc2018 is not None:
        lists[SOC2010] = pd.concat([lists.get(SOC2010, pd.Series(dtype=object)),
                                    cw.soc2010_soc2018["soc2010"]])
        lists[SOC2018] = cw.soc2010_soc2018["soc2018"]
    out = {}
    for system, codes in lists.items():
        keys, _ = code_keys(system, pd.Series(codes.unique()))
        out[system] = {k[:d] for k in keys for d in set(LEVELS[system]) if 0 < d <= len(k)}
    return out


def _empty_measure(out, spec):
    for col in spec.columns:
        out[col] = np.nan
    out[spec.level] = _NONE


def _with_brc_sums(groups, column):
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


def _leaf_mask(table):
    """Rows with no finer row below them in the same system (they partition the total)."""
    mask = pd.Series(True, index=table.index)
    for system, sub in table.groupby("code_system"):
        depths = sorted(d for d in sub["depth"].unique() if d >= 0)
        for d in depths:
            finer = sub.loc[sub["depth"] > d, "key"]
            prefixes = set(finer.str[:d])
            rows = sub.index[sub["depth"] == d]
            mask[rows] = ~sub.loc[rows, "key"].isin(prefixes).to_numpy()
    return mask


def _wide_measures(table):
    return sorted({SAMPLE_COLUMNS[c][0] for c in table.columns if c in SAMPLE_COLUMNS})


def _from_wide(table, *, currency, where):
    """Split a per-occupation table (the sample's layout) into measure tables."""
    if not isinstance(table, pd.DataFrame):
        raise DataFormatError(f"{where} must be a pandas DataFrame, got {type(table).__name__}")
    allowed = ("occupation_id", "source", *SAMPLE_COLUMNS, "forecast_years", "forecast_period",
               "wage_currency", "wage_year")
    unknown = [c for c in table.columns if c not in allowed]
    if unknown:
        raise DataFormatError(f"{where}: unknown column(s) {unknown}; valid: {list(allowed)}")
    missing = [c for c in ("occupation_id", "source") if c not in table.columns]
    if missing:
        raise DataFormatError(f"{where}: missing column(s) {missing}")
    measures = _wide_measures(table)
    if not measures:
        raise DataFormatError(f"{where}: no measure column; expected some of {list(SAMPLE_COLUMNS)}")
    base = pd.DataFrame({"code_system": OCC, "code": table["occupation_id"],
                         "source": table["source"]})
    out = {}
    for measure in measures:
        t = base.copy()
        for col, (m, target) in SAMPLE_COLUMNS.items():
            if m == measure and col in table.columns:
                t[target] = table[col].to_numpy()
        if measure == "wage":
            t["wage_currency"] = table["wage_currency"] if "wage_currency" in table else currency
            if "wage_year" in table:
                t["wage_year"] = table["wage_year"]
        if measure == "forecast":
            # The sample's expansion demand follows ROA: % over 2025-2030 (six years).
            t["forecast_years"] = table["forecast_years"] if "forecast_years" in table else 6
            t["forecast_period"] = (table["forecast_period"] if "forecast_period" in table
                                    else "2025-2030")
        out[measure] = normalise_table(t, measure, where=f"{where} ({measure})")
    return out

