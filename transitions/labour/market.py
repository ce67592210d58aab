"""`LabourMarket`: wages, jobs, trends, routine work and AI exposure for any taxonomy.

A :class:`LabourMarket` holds labour-market tables (one per measure, see
:mod:`transitions.labour.schema`) keyed by occupation codes (ISCO-08, BRC
2014, SOC 2018 / O*NET-SOC, SOC 2010 or a taxonomy's own ids), the crosswalks
between those systems, and the provenance of every table. It joins them to a
:class:`~transitions.Taxonomy` with :meth:`LabourMarket.for_taxonomy`.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .._membership import member
from ..exceptions import InvalidParameterError, warn_defect
from .codes import LEVELS, OCC
from .crosswalks import Crosswalks
from .files import COUNTRIES, FILES, read_folder  # FILES: also importable from here
from .mapping import occupation_links, resolve
from .schema import MEASURES, normalise_table
from .trend import DEFAULT_FORECAST_THRESHOLD, DEFAULT_OBSERVED_THRESHOLD, classify_trend
from .wide import split_wide, wide_measures
from .workforce import split_workforce

__all__ = ["LabourMarket", "CORE_MEASURES", "FILES"]

#: Measures every :meth:`LabourMarket.for_taxonomy` result has columns for.
CORE_MEASURES = ("wage", "employment", "trend", "forecast", "openings", "tightness", "shortage",
                 "rti", "automation_probability", "ai_exposure", "aioe")
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
    reference : dict, optional
        ``{"wage": table, "employment": table}``: wages and jobs of a finer
        classification (BLS OEWS by SOC code for the Netherlands) that tell the
        occupations of one group apart; see :mod:`transitions.labour.reference`
        and :mod:`transitions.labour.estimate`. Without one, group figures are
        not disaggregated (jobs are split evenly).

    Attributes
    ----------
    tables : dict of str to pandas.DataFrame
        The validated tables, with matching keys and level names added.
    crosswalks : Crosswalks
    country : str or None
    provenance : pandas.DataFrame
    reference : dict or None
        The normalised reference tables.

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

    def __init__(self, tables=None, *, crosswalks=None, country=None, provenance=None,
                 reference=None):
        tables = dict(tables or {})
        unknown = [m for m in tables if m not in MEASURES]
        if unknown:
            raise InvalidParameterError(
                f"unknown measure(s) {unknown}; valid: {list(MEASURES)}")
        if country is not None and country not in COUNTRIES:
            raise InvalidParameterError(f"country={country!r} is not valid; choose one of "
                                        f"{list(COUNTRIES)} or None")
        self.tables = {m: normalise_table(t, m) for m, t in tables.items() if t is not None}
        self.crosswalks = crosswalks if crosswalks is not None else Crosswalks()
        self.country = country
        if provenance is None:
            provenance = pd.DataFrame(
                [{"measure": m, "source": "; ".join(sorted(t[MEASURES[m].source].unique())),
                  "file": np.nan, "sha256": np.nan} for m, t in self.tables.items()],
                columns=["measure", "source", "file", "sha256"])
        self.provenance = provenance.reset_index(drop=True)
        self.reference = _normalise_reference(reference)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_files(cls, root=None, *, country="NL", wage_year=2022, trend_years=None,
                   trend_method="robust"):
        """Read the publishers' files from a folder laid out like the reference data.

        Parameters
        ----------
        root : str or path-like, optional
            A folder with ``nl/``, ``us/``, ``risk/`` and ``crosswalks/`` holding
            the files named in :data:`transitions.labour.files.FILES`. Default:
            the ``TRANSITIONS_LABOUR_DATA`` environment variable, else
            ``<data home>/labour``.
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
        trend_years : (int, int), optional
            Window of the observed LFS change. Default: the last ten years of
            the file (2016-2025) for ``trend_method="robust"``, 2021-2025 for
            ``"endpoint"``.
        trend_method : {"robust", "endpoint"}, default="robust"
            ``"robust"``: the Theil-Sen slope over all comparable pairs of
            years (:func:`~transitions.labour.eurostat.lfs_robust_trend`;
            series breaks shift the level only). ``"endpoint"``: the change
            between the window's end years, which may not cross a break.

        Returns
        -------
        LabourMarket

        For the Netherlands the BLS OEWS file and the ESCO -> O*NET-SOC
        crosswalk are read as the *reference* of the occupation-level
        estimates (:mod:`transitions.labour.estimate`); without them, a warning
        says the group figures stay undivided.

        Raises
        ------
        MissingFileError
            A required file of the country is missing (a ``FileNotFoundError``;
            the message names every missing file). Risk files are optional: a
            missing one is a warning.

        Examples
        --------
        With the publishers' files in a folder (see :doc:`/labour`):

        >>> lm = LabourMarket.from_files("~/data/labour", country="NL")  # doctest: +SKIP

        A folder without them names what is missing:

        >>> import tempfile
        >>> from transitions import LabourMarket, MissingFileError
        >>> with tempfile.TemporaryDirectory() as empty:
        ...     try:
        ...         LabourMarket.from_files(empty)
        ...     except MissingFileError as e:
        ...         message = str(e)
        >>> message.split(": ")[1]
        'the NL labour market needs 5 more file(s)'
        >>> "nl/cbs_85517NED_uurloon_beroep_2022.csv" in message
        True
        """
        from .files import read_reference

        tables, cw, prov = read_folder(root, country=country, wage_year=wage_year,
                                       trend_years=trend_years, trend_method=trend_method)
        reference, xwalk, ref_prov = read_reference(root, country=country)
        if xwalk is not None:
            cw.occupation_onet = xwalk
        if ref_prov:
            prov = pd.concat([prov, pd.DataFrame(ref_prov)], ignore_index=True)
        return cls(tables, crosswalks=cw, country=country, provenance=prov, reference=reference)

    @classmethod
    def from_sample(cls):
        """The labour market of the embedded illustrative sample (``labour_market.csv``).

        Its numbers are illustrative, not real data; each carries the source
        ``"illustrative sample, not real data"`` and the level ``"occupation"``.

        Examples
        --------
        >>> from transitions import LabourMarket
        >>> lm = LabourMarket.from_sample()
        >>> lm.country, "wage" in lm.tables
        ('NL', True)
        >>> lm.table("wage")["wage_source"].unique().tolist()
        ['illustrative sample, not real data']
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
                    currency="EUR", where=None, reference=None, **tables):
        """A labour market from your own tables in the documented schema.

        Parameters
        ----------
        occupations : pandas.DataFrame, optional
            A per-occupation table keyed by a taxonomy's own ids, in the layout
            of the sample's ``labour_market.csv``: ``occupation_id``, ``source``
            and any of the columns of :data:`transitions.labour.wide.SAMPLE_COLUMNS`.
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
        reference : dict, optional
            ``{"wage": table, "employment": table}`` for occupation-level
            estimates (see the class docs); default: that of ``base``.
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
        own_reference = reference
        if base is not None:
            if not isinstance(base, LabourMarket):
                raise InvalidParameterError(
                    f"base must be a LabourMarket, got {type(base).__name__}")
            merged.update(base.tables)
            prov.append(base.provenance)
            crosswalks = crosswalks if crosswalks is not None else base.crosswalks
            country = country if country is not None else base.country
            reference = base.reference
        if occupations is not None:
            merged.update(split_wide(occupations, currency=currency,
                                     where=where or "occupations table"))
        for measure, table in tables.items():
            if table is not None:
                merged[measure] = table
        lm = cls(merged, crosswalks=crosswalks, country=country)
        lm.reference = (_normalise_reference(own_reference) if own_reference is not None
                        else reference)
        replaced = set(tables) | (set(wide_measures(occupations)) if occupations is not None
                                  else set())
        lm._warn_unknown_codes([m for m in tables if tables[m] is not None])
        if prov:
            keep = prov[0][~prov[0]["measure"].isin(replaced)]
            new = lm.provenance[lm.provenance["measure"].isin(replaced)]
            lm.provenance = pd.concat([keep, new], ignore_index=True)
        return lm

    # ------------------------------------------------------------------ joins
    def links(self, tax):
        """Each occupation's codes per code system (see :func:`~.mapping.occupation_links`).

        Examples
        --------
        >>> from transitions import LabourMarket, load_sample
        >>> links = LabourMarket.from_sample().links(load_sample())
        >>> sorted(links)
        ['BRC 2014', 'ISCO-08', 'occupation']
        >>> isco = links["ISCO-08"].set_index("occupation_id")
        >>> isco.loc["occ-administrative-clerk", "code"]
        '4110'
        """
        return occupation_links(tax, self.crosswalks)

    def for_taxonomy(self, tax, *, estimate=True, wage_elasticity=None,
                     forecast_threshold=DEFAULT_FORECAST_THRESHOLD,
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
        estimate : bool, default=True
            Disaggregate group figures to occupations
            (:mod:`transitions.labour.estimate`): a group's jobs (and openings)
            split by the occupations' reference employment, and, where the
            market has a reference, wages estimated from the published group
            median and the occupation's relative wage. ``wage_median`` is then
            the estimate (``wage_level="occupation (estimate)"``) and
            ``wage_group_median`` the published figure. False: every
            occupation shows its group's published figures.
        wage_elasticity : float, optional
            Share (0-1) of a relative-wage difference in the reference that
            carries over to the Dutch estimate; default fitted on the
            published group medians (:func:`~transitions.labour.estimate.fit_elasticity`).
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

            - ``wage_median``, ``wage_p25``, ``wage_p75`` (gross per hour;
              the occupation's estimate where ``wage_level`` is
              ``"occupation (estimate)"``), ``wage_currency``, ``wage_year``,
              ``wage_topcoded``; ``wage_group_median``, ``wage_group_p25``,
              ``wage_group_p75`` with ``wage_group_source`` and
              ``wage_group_level`` (the published figures, P25/P75 where the
              publisher has them); ``wage_estimate_factor`` (estimate /
              published) and ``wage_estimate_basis`` (how the relative wage
              was found, see :mod:`transitions.labour.reference`);
            - ``wage_minimum`` (the adult statutory minimum wage per hour of
              ``wage_year``, see :mod:`transitions.labour.minimum_wage`),
              ``wage_minimum_source`` and ``wage_below_minimum`` (True where
              ``wage_median`` or ``wage_group_median`` is below it: a median
              pulled down by young workers, not an adult's wage);
            - ``employment`` (jobs; the occupation's share of its group's jobs
              where ``employment_level`` is ``"occupation (estimate)"``),
              ``employment_year``, ``employment_share``, and the group's
              published jobs ``employment_group`` (``_source``, ``_level``);
            - ``trend`` (``"shrinking"``, ``"stable"``, ``"growing"``),
              ``trend_basis``, ``trend_pct`` (observed, % per year),
              ``trend_period``;
            - ``jobs_growth_1y_pct`` (CBS one-year change, noisy; NL only);
            - ``forecast_pct`` (expected change, % over ``forecast_years``),
              ``forecast_period``, ``forecast_pct_per_year``;
            - demand: ``openings`` (job openings per year of the occupation's
              group, not split over its occupations), ``openings_rate`` (% of
              employment per year), ``openings_period``; ``tightness`` (NL:
              ROA's current tightness, higher = tighter) and
              ``tightness_class``; ``shortage`` (NL: ROA's future-shortage
              indicator, *lower* = larger shortage) and ``shortage_class``;
            - ``rti`` (standardised routine task intensity), ``routine_share``;
            - ``automation_probability`` (Frey & Osborne);
            - ``ai_exposure`` (ILO GenAI), ``ai_exposure_gradient``;
            - ``aioe`` (Felten et al.), ``jrc_routine``.

        Examples
        --------
        >>> from transitions import LabourMarket, load_sample
        >>> tax = load_sample()
        >>> table = LabourMarket.from_sample().for_taxonomy(tax)
        >>> table.index.equals(tax.occupation_index)
        True
        >>> table.loc["occ-bookkeeper", ["trend", "trend_source"]].tolist()
        ['shrinking', 'illustrative sample, not real data']
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
                # A flag on a value: False where there is no value to flag.
                out[col] = out[col].astype("boolean").fillna(False).astype(bool)
            if "wage_year" in spec.meta:
                out["wage_year"] = out["wage_year"].round().astype("Int64")
            n = int((out[spec.level] == _NONE).sum())
            if n:
                missing[name] = out.index[out[spec.level] == _NONE]
        self._add_estimates(tax, links, out, estimate, wage_elasticity)
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

    def _add_estimates(self, tax, links, out, estimate, wage_elasticity):
        """Occupation-level estimates, the published group figures beside them, minimum wage."""
        from .estimate import disaggregate

        for col in ("median", "p25", "p75", "source", "level"):
            out[f"wage_group_{col}"] = out[f"wage_{col}"]
        out["wage_estimate_factor"] = np.nan
        out["wage_estimate_basis"] = np.nan
        if estimate:
            if wage_elasticity is not None and not (
                    isinstance(wage_elasticity, (int, float, np.number))
                    and not isinstance(wage_elasticity, bool) and 0 <= wage_elasticity <= 1):
                raise InvalidParameterError(
                    f"wage_elasticity={wage_elasticity!r} must be a number from 0 to 1 or None")
            disaggregate(out, tax, links, self.crosswalks, self.tables, self.reference,
                         beta=wage_elasticity)
        else:
            out.attrs["estimates"] = {"beta": np.nan, "n_groups": 0, "kappa": np.nan,
                                      "source": None, "n_wage_estimates": 0}
        for name in ("employment",):
            if f"{name}_group" not in out and name in out:
                out[f"{name}_group"] = out[name]
                out[f"{name}_group_source"] = out[f"{name}_source"]
                out[f"{name}_group_level"] = out[f"{name}_level"]
        if "employment_share" not in out:
            out["employment_share"] = np.nan
        add_minimum_wage(out, self.country)

    def coverage(self, tax, **kwargs):
        """Share of ``tax``'s occupations with a value per measure and level.

        The levels are those of the published figures (``estimate=False``):
        occupation-level estimates are built on top of them.

        Parameters
        ----------
        tax : Taxonomy
        **kwargs
            Passed to :meth:`for_taxonomy` (``estimate=True`` reports the
            estimates' level instead).

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
            table = self.for_taxonomy(tax, warn=False, **{"estimate": False, **kwargs})
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

    def workforce(self, tax, *, estimate=True):
        """Workers per occupation: each group's jobs split over its occupations.

        The employment table's finest rows that partition the workforce (BRC
        groups for the Netherlands, detailed or else broad SOC codes for the
        US, ids for the sample) are matched to the taxonomy's occupations as in
        :meth:`for_taxonomy`. A group's jobs are split over the occupations
        that fall in it in proportion to their reference employment (US OEWS
        through the ESCO -> O*NET-SOC crosswalk for the Netherlands; see
        :func:`transitions.labour.estimate.job_shares`), evenly where the
        market has no reference or ``estimate=False``. An occupation linked to
        several groups counts for ``1/k`` in each of its ``k`` groups.

        Parameters
        ----------
        tax : Taxonomy
        estimate : bool, default=True
            Split by the reference shares (False: evenly).

        Returns
        -------
        pandas.DataFrame
            Indexed by occupation id: ``workers``, ``workers_source`` (naming
            the split), ``workers_level`` (``"occupation (estimate)"`` where a
            group's jobs were split over several occupations, the group's level
            where the occupation has its group alone, ``"none"`` without a
            group), ``workers_group_level``, ``workers_groups`` (the codes
            used), ``workers_sharing`` (how many occupations share the group)
            and ``workers_share`` (the occupation's share of its group's jobs).
            ``attrs`` holds ``total_workers`` (all rows that
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
        links = self.links(tax)
        mass, how = None, "split evenly"
        if estimate and self.reference is not None:
            from .estimate import short_source
            from .reference import occupation_reference

            ref = occupation_reference(tax, links, self.crosswalks, self.reference["wage"],
                                       self.reference.get("employment"), skills=False)
            mass = ref["ref_mass"]
            source = sorted(self.reference["wage"]["wage_source"].unique())[0]
            how = f"split by {short_source(source)} employment shares"
        return split_workforce(self.tables["employment"], links, tax.occupations.index,
                               mass=mass, how=how)

    def _warn_unknown_ids(self, tax):
        """Count rows keyed by occupation ids that ``tax`` does not have (likely typos)."""
        for name, table in self.tables.items():
            ids = table.loc[table["code_system"] == OCC, "code"]
            unknown = ids[~member(ids, tax.occupations.index)]
            if len(unknown) and len(unknown) < len(ids):
                warn_defect(f"{name} table: {len(unknown)} of {len(ids)} occupation id(s) are "
                            f"not in taxonomy {tax.name!r} and match nothing", unknown)

    def _warn_unknown_codes(self, measures):
        """Count codes of users' tables that the crosswalks do not know."""
        known = self.crosswalks.known_codes()
        for name in measures:
            table = self.tables[name]
            for system, codes in known.items():
                sub = table[(table["code_system"] == system) & (table["key"] != "")]
                if sub.empty:
                    continue
                unknown = sub.loc[~member(sub["key"], codes), "code"]
                if len(unknown):
                    warn_defect(f"{name} table: {len(unknown)} {system} code(s) unknown to the "
                                f"crosswalks; no occupation reaches them", unknown)

    # ------------------------------------------------------------------ misc
    def table(self, measure):
        """The validated table of one measure (see :mod:`transitions.labour.schema`).

        Parameters
        ----------
        measure : str
            A key of :attr:`tables` (e.g. ``"wage"``, ``"trend"``).

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> from transitions import LabourMarket
        >>> wages = LabourMarket.from_sample().table("wage")
        >>> wages.columns.tolist()[:3]
        ['code_system', 'code', 'key']
        >>> bool((wages["wage_median"] > 0).all())
        True
        """
        if measure not in self.tables:
            raise InvalidParameterError(
                f"no {measure!r} table in this labour market; it has {list(self.tables)}")
        return self.tables[measure]

    def __repr__(self):
        return (f"LabourMarket(country={self.country!r}, measures={list(self.tables)}, "
                f"crosswalks={bool(self.crosswalks)})")


# ---------------------------------------------------------------------- helpers
def _normalise_reference(reference):
    if reference is None:
        return None
    if not isinstance(reference, dict) or "wage" not in reference:
        raise InvalidParameterError(
            "reference must be a dict {'wage': table, 'employment': table} in the measure schema")
    out = {"wage": normalise_table(reference["wage"], "wage", where="reference wage table")}
    if reference.get("employment") is not None:
        out["employment"] = normalise_table(reference["employment"], "employment",
                                            where="reference employment table")
    return out


def add_minimum_wage(out, country=None):
    """Add ``wage_minimum``, ``wage_minimum_source`` and ``wage_below_minimum`` (in place).

    The minimum is the adult statutory minimum per hour of each row's
    ``wage_year`` in its currency's country (:func:`~.minimum_wage.minimum_wage`).
    """
    from .minimum_wage import minimum_wage

    currency = out["wage_currency"] if "wage_currency" in out else pd.Series(np.nan, index=out.index)
    years = out["wage_year"] if "wage_year" in out else pd.Series(np.nan, index=out.index)
    by_currency = {"EUR": "NL", "USD": "US"}
    value = pd.Series(np.nan, index=out.index)
    source = pd.Series(np.nan, index=out.index, dtype=object)
    keys = pd.DataFrame({"c": currency.astype(object), "y": years.astype(object)})
    for (cur, year), idx in keys.groupby(["c", "y"], dropna=True).groups.items():
        land = by_currency.get(str(cur), country)
        found = minimum_wage(land, year) if land in ("NL", "US") else None
        if found is not None:
            value[idx] = found["value"]
            source[idx] = found["source"]
    out["wage_minimum"] = value
    out["wage_minimum_source"] = source
    low = out["wage_median"].lt(value)
    if "wage_group_median" in out:
        low |= out["wage_group_median"].lt(value)
    out["wage_below_minimum"] = low.fillna(False).astype(bool)


def _empty_measure(out, spec):
    for col in spec.columns:
        out[col] = False if spec.meta.get(col) == "any" else np.nan
    out[spec.level] = _NONE
