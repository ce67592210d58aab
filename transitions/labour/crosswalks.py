"""Crosswalks between occupation classifications (CBS and BLS files).

- :func:`read_isco_brc`: CBS's ISCO-08 unit group -> BRC 2014 group table (each
  ISCO unit to exactly one BRC group).
- :func:`read_isco_soc2010`: BLS's ISCO-08 <-> SOC 2010 table (many-to-many;
  ``partial`` marks partial matches). Codes with stray spaces are trimmed.
- :func:`read_soc2010_soc2018`: BLS's SOC 2010 -> SOC 2018 table.
- :func:`read_occupation_onet`: the ESCO -> O*NET-SOC 2019 crosswalk of the
  European Commission and US DOL (ESCO occupation URIs -> O*NET-SOC codes,
  many-to-many). It links single ESCO occupations to US statistics, where
  the ISCO -> SOC route only links their unit groups.

:class:`Crosswalks` holds any of them and gives each taxonomy occupation its
codes in the other systems (see :mod:`.mapping`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..exceptions import DataFormatError, warn_defect
from ._io import read_table

__all__ = ["Crosswalks", "read_isco_brc", "read_isco_soc2010", "read_soc2010_soc2018",
           "read_occupation_onet"]

_SOC = r"\d\d-\d{4}"


def _check_codes(df, col, pattern, where, valid):
    bad = ~df[col].fillna("").str.fullmatch(pattern)
    if bad.any():
        raise DataFormatError(
            f"{where}, column {col!r}: {int(bad.sum())} malformed code(s), e.g. "
            f"{df.loc[bad, col].head(3).tolist()}; valid: {valid}"
        )


def read_isco_brc(path):
    """Read CBS's ISCO-08 -> BRC 2014 crosswalk.

    Parameters
    ----------
    path : str or path-like
        ``isco08_brc2014_cbs.csv`` (columns ``isco08_unit``, ``brc_group``, ...).

    Returns
    -------
    pandas.DataFrame
        Columns ``isco`` (4 digits), ``brc`` (4 digits), ``isco_label_nl``,
        ``brc_label_nl``; one row per ISCO unit group.
    """
    where = str(path)
    df = read_table(path, required=("isco08_unit", "brc_group"), what="CBS ISCO-BRC crosswalk")
    _check_codes(df, "isco08_unit", r"\d{4}", where, "4-digit ISCO-08 unit groups")
    _check_codes(df, "brc_group", r"\d{4}", where, "4-digit BRC 2014 groups")
    out = pd.DataFrame({
        "isco": df["isco08_unit"], "brc": df["brc_group"],
        "isco_label_nl": df.get("isco08_unit_label"), "brc_label_nl": df.get("brc_group_label"),
    })
    out = out.drop_duplicates()
    dup = out["isco"].duplicated(keep=False)
    if dup.any():
        raise DataFormatError(
            f"{where}: ISCO unit group(s) {sorted(out.loc[dup, 'isco'].unique())[:3]} map to "
            f"more than one BRC group; the CBS crosswalk maps each to one"
        )
    return out.sort_values("isco").reset_index(drop=True)


def read_isco_soc2010(path):
    """Read the BLS ISCO-08 <-> SOC 2010 crosswalk.

    Parameters
    ----------
    path : str or path-like
        ``isco08_soc2010_bls.csv`` (columns ``2010 SOC Code``, ``part``, ``ISCO-08 Code``).

    Returns
    -------
    pandas.DataFrame
        Columns ``isco``, ``soc2010``, ``partial`` (bool); unique pairs.
    """
    where = str(path)
    df = read_table(path, required=("2010 SOC Code", "ISCO-08 Code"),
                    what="BLS ISCO-SOC crosswalk")
    _check_codes(df, "2010 SOC Code", _SOC, where, "'XX-XXXX'")
    # Two BLS rows point to 3-digit ISCO minor groups (211, 315): kept as such.
    _check_codes(df, "ISCO-08 Code", r"\d{3,4}", where, "3- or 4-digit ISCO-08 codes")
    out = pd.DataFrame({
        "isco": df["ISCO-08 Code"], "soc2010": df["2010 SOC Code"],
        "partial": df["part"].fillna("").eq("*") if "part" in df else False,
    })
    # A pair listed as both full and partial counts as full.
    out = (out.sort_values("partial").drop_duplicates(["isco", "soc2010"])
              .sort_values(["isco", "soc2010"]).reset_index(drop=True))
    return out


def read_soc2010_soc2018(path):
    """Read the BLS SOC 2010 -> SOC 2018 crosswalk.

    Returns
    -------
    pandas.DataFrame
        Columns ``soc2010``, ``soc2018``; unique pairs.
    """
    where = str(path)
    df = read_table(path, required=("2010 SOC Code", "2018 SOC Code"),
                    what="BLS SOC 2010-2018 crosswalk")
    _check_codes(df, "2010 SOC Code", _SOC, where, "'XX-XXXX'")
    _check_codes(df, "2018 SOC Code", _SOC, where, "'XX-XXXX'")
    out = pd.DataFrame({"soc2010": df["2010 SOC Code"], "soc2018": df["2018 SOC Code"]})
    return out.drop_duplicates().sort_values(["soc2010", "soc2018"]).reset_index(drop=True)


_ONET_URI = "escoUri(resolved via v1.1.0 code)"


def read_occupation_onet(path):
    """Read the ESCO -> O*NET-SOC 2019 crosswalk (occupation URIs resolved).

    Parameters
    ----------
    path : str or path-like
        ``ESCO_to_ONET-SOC2019_with_uris.csv`` (columns ``uriKind``,
        ``escoUri(resolved via v1.1.0 code)``, ``onetSoc2019Code``).

    Returns
    -------
    pandas.DataFrame
        Columns ``occupation_id`` (the ESCO occupation URI), ``onet_code``
        (``XX-XXXX.XX``) and ``soc2018`` (its detailed SOC 2018 code); one row
        per distinct pair. Rows that map ISCO groups rather than occupations
        are left out.
    """
    where = str(path)
    df = read_table(path, required=("uriKind", _ONET_URI, "onetSoc2019Code"),
                    what="ESCO-O*NET crosswalk")
    if "escoCode" in df:  # ESCO codes start with the ISCO unit group: all major groups appear
        from ._checks import check_covers

        isco = df["escoCode"].fillna("").str.extract(r"^(\d{1,4})", expand=False)
        check_covers(pd.DataFrame({"code_system": "ISCO-08", "code": isco.dropna()}), where)
    df = df[df["uriKind"].fillna("") == "occupation"]
    df = df[df[_ONET_URI].notna() & df["onetSoc2019Code"].notna()]
    _check_codes(df, "onetSoc2019Code", r"\d\d-\d{4}\.\d\d", where, "'XX-XXXX.XX'")
    out = pd.DataFrame({"occupation_id": df[_ONET_URI].str.strip(),
                        "onet_code": df["onetSoc2019Code"]})
    out["soc2018"] = out["onet_code"].str[:7]
    return out.drop_duplicates().sort_values(["occupation_id", "onet_code"]).reset_index(drop=True)


@dataclass
class Crosswalks:
    """The crosswalks a :class:`~transitions.LabourMarket` maps through (any may be None).

    Attributes
    ----------
    isco_brc : pandas.DataFrame or None
        From :func:`read_isco_brc`.
    isco_soc2010 : pandas.DataFrame or None
        From :func:`read_isco_soc2010`.
    soc2010_soc2018 : pandas.DataFrame or None
        From :func:`read_soc2010_soc2018`.
    occupation_onet : pandas.DataFrame or None
        A taxonomy's occupation ids -> O*NET-SOC codes (from
        :func:`read_occupation_onet`). Used for occupation-level wage
        estimates and job shares (:mod:`.reference`), not for the lookup of
        published figures.
    """

    isco_brc: pd.DataFrame | None = None
    isco_soc2010: pd.DataFrame | None = None
    soc2010_soc2018: pd.DataFrame | None = None
    occupation_onet: pd.DataFrame | None = None

    @classmethod
    def from_folder(cls, folder):
        """Read the three crosswalk files that exist in ``folder`` (a missing one is None)."""
        from pathlib import Path

        folder = Path(folder)
        files = {
            "isco_brc": ("isco08_brc2014_cbs.csv", read_isco_brc),
            "isco_soc2010": ("isco08_soc2010_bls.csv", read_isco_soc2010),
            "soc2010_soc2018": ("soc2010_soc2018_bls.csv", read_soc2010_soc2018),
        }
        found = {}
        for attr, (name, reader) in files.items():
            path = folder / name
            # CBS's own workbook, as 'transitions data fetch cbs' places it, if no tidy file.
            workbook = sorted(folder.glob("schakelschema-isco2008-brc2014.xls*"))
            if attr == "isco_brc" and not path.is_file() and workbook:
                from .raw import cbs_isco_brc

                found[attr] = reader(cbs_isco_brc(workbook[0]))
            elif path.is_file():
                found[attr] = reader(path)
            else:
                warn_defect(f"crosswalk {path} not found: mapping through it is unavailable")
        return cls(**found)

    def known_codes(self):
        """Per code system, the keys (at every level) of the codes the crosswalks know.

        Returns
        -------
        dict of str to set of str
            Empty for a system no crosswalk covers.
        """
        from .codes import BRC, ISCO, LEVELS, SOC2010, SOC2018, code_keys

        lists = {ISCO: [], BRC: [], SOC2010: [], SOC2018: []}
        if self.isco_brc is not None:
            lists[ISCO].append(self.isco_brc["isco"])
            lists[BRC].append(self.isco_brc["brc"])
        if self.isco_soc2010 is not None:
            lists[ISCO].append(self.isco_soc2010["isco"])
            lists[SOC2010].append(self.isco_soc2010["soc2010"])
        if self.soc2010_soc2018 is not None:
            lists[SOC2010].append(self.soc2010_soc2018["soc2010"])
            lists[SOC2018].append(self.soc2010_soc2018["soc2018"])
        out = {}
        for system, parts in lists.items():
            if not parts:
                continue
            keys, _ = code_keys(system, pd.concat(parts).drop_duplicates())
            depths = [d for d in LEVELS[system] if d > 0]
            out[system] = {k[:d] for k in keys for d in depths if d <= len(k)}
        return out

    def __bool__(self):
        return any(t is not None for t in (self.isco_brc, self.isco_soc2010, self.soc2010_soc2018,
                                           self.occupation_onet))
