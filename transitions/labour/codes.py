"""Occupation code systems, their hierarchies and the names of their levels.

Every classification used here nests by code prefix, which makes the
hierarchical fallback a matter of cutting codes:

========== ============================== ===================================
system     levels (key length)             example
========== ============================== ===================================
ISCO-08    4-, 3-, 2-, 1-digit (4,3,2,1)   ``4311`` -> ``431`` -> ``43`` -> ``4``
BRC 2014   group, segment, class, total    ``0434`` -> ``043`` -> ``04`` -> ``""``
SOC 2018   O*NET-SOC, detailed, broad,     ``43-3031.00`` -> ``43-3031`` ->
SOC 2010   minor, major, total             ``43-303`` -> ``43-3`` -> ``43``
occupation a taxonomy's own ids            ``occ-bookkeeper``
========== ============================== ===================================

A SOC code's level follows from its zeros: ``XX-0000`` major, ``XX-XX00``
minor (e.g. ``15-1200``, ``11-1000``), ``XX-XXX0`` broad, else detailed. The
*key* of a code is its prefix at its own level (``15-1200`` -> ``15-1``), so
that a detailed code reaches its minor group by cutting to four characters.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError

__all__ = [
    "CODE_SYSTEMS",
    "SYSTEM_ALIASES",
    "LEVELS",
    "canonical_system",
    "code_keys",
    "level_name",
    "TOTAL_LEVEL",
    "LEVEL_NAMES_NL",
]

ISCO, BRC, SOC2018, SOC2010, OCC = "ISCO-08", "BRC 2014", "SOC 2018", "SOC 2010", "occupation"
#: The code systems a labour-market table may be keyed by.
CODE_SYSTEMS = (ISCO, BRC, SOC2018, SOC2010, OCC)
#: Accepted spellings of ``code_system`` values.
SYSTEM_ALIASES = {
    "isco-08": ISCO, "isco08": ISCO, "isco": ISCO,
    "brc 2014": BRC, "brc2014": BRC, "brc": BRC,
    "soc 2018": SOC2018, "soc2018": SOC2018, "o*net-soc": SOC2018, "onet-soc": SOC2018,
    "onet": SOC2018, "soc 2010": SOC2010, "soc2010": SOC2010,
    "occupation": OCC, "occupation_id": OCC, "id": OCC,
}
#: Name of the level above every classification's top.
TOTAL_LEVEL = "all occupations"
_SOC_LEVELS = {10: "O*NET-SOC", 7: "SOC detailed", 6: "SOC broad", 4: "SOC minor",
               2: "SOC major", 0: TOTAL_LEVEL}
#: Per system, key length -> level name, finest first (the fallback order).
LEVELS = {
    ISCO: {4: "ISCO 4-digit", 3: "ISCO 3-digit", 2: "ISCO 2-digit", 1: "ISCO 1-digit"},
    BRC: {4: "BRC group", 3: "BRC segment", 2: "BRC class", 0: TOTAL_LEVEL},
    SOC2018: dict(_SOC_LEVELS),
    SOC2010: dict(_SOC_LEVELS),
    OCC: {-1: "occupation"},
}
#: Dutch names of the levels, for text shown to advisors.
LEVEL_NAMES_NL = {
    "ISCO 4-digit": "ISCO 4-cijferig", "ISCO 3-digit": "ISCO 3-cijferig",
    "ISCO 2-digit": "ISCO 2-cijferig", "ISCO 1-digit": "ISCO 1-cijferig",
    "BRC group": "BRC-beroepsgroep", "BRC segment": "BRC-beroepssegment",
    "BRC class": "BRC-beroepsklasse", "O*NET-SOC": "O*NET-SOC",
    "SOC detailed": "SOC gedetailleerd", "SOC broad": "SOC breed", "SOC minor": "SOC klein",
    "SOC major": "SOC hoofdgroep", "occupation": "beroep", TOTAL_LEVEL: "alle beroepen",
    "skill-profile estimate": "schatting uit vaardigheidsprofiel",
    "occupation (estimate)": "beroep (schatting)",
    "adult minimum wage": "wettelijk minimumloon (ondergrens)",
}
_TOTAL_CODES = {"", "total", "totaal", "00-0000", "all occupations"}


def canonical_system(name, *, where="table"):
    """The canonical spelling of a code system name; :class:`DataFormatError` if unknown."""
    key = str(name).strip().lower()
    if key in SYSTEM_ALIASES:
        return SYSTEM_ALIASES[key]
    raise DataFormatError(
        f"{where}: unknown code_system {name!r}; valid: {list(CODE_SYSTEMS)}"
    )


def level_name(system, depth):
    """Level name of a key of length ``depth`` in ``system`` (``-1`` for taxonomy ids)."""
    return LEVELS[system][depth]


def code_keys(system, codes, *, where="table"):
    """Normalise ``codes`` of one system to matching keys and their depths.

    Parameters
    ----------
    system : str
        A canonical code system (see :data:`CODE_SYSTEMS`).
    codes : pandas.Series of str
    where : str
        Table name for messages.

    Returns
    -------
    keys : pandas.Series of str
    depth : pandas.Series of int
        Key length: the level (see :data:`LEVELS`); ``-1`` for taxonomy ids.

    Raises
    ------
    DataFormatError
        A code that is not a well-formed code of ``system``.

    Examples
    --------
    >>> import pandas as pd
    >>> keys, depth = code_keys("SOC 2018", pd.Series(["15-1252", "15-1200", "15-1250"]))
    >>> keys.tolist(), depth.tolist()
    (['15-1252', '15-1', '15-125'], [7, 4, 6])
    """
    codes = pd.Series(codes, dtype=object).astype(str).str.strip()
    if system == OCC:
        bad = codes.isin(["", "nan", "None"])
        _raise_bad(bad, codes, system, where, "a non-empty occupation id")
        return codes.astype(object), pd.Series(-1, index=codes.index)
    total = codes.str.lower().isin(_TOTAL_CODES)
    if system == ISCO:
        ok = codes.str.fullmatch(r"\d{1,4}") | total
        _raise_bad(~ok, codes, system, where, "1 to 4 digits, e.g. '4311' or '43'")
        keys = codes.where(~total, "")
    elif system == BRC:
        ok = codes.str.fullmatch(r"\d{2,4}") | total
        _raise_bad(~ok, codes, system, where, "a class (2 digits), segment (3) or group "
                                              "(4 digits), e.g. '0434', or 'Totaal'")
        keys = codes.where(~total, "")
    else:
        ok = codes.str.fullmatch(r"\d\d-\d{4}(\.\d\d)?") | total
        _raise_bad(~ok, codes, system, where, "'XX-XXXX' or an O*NET-SOC code 'XX-XXXX.XX'")
        keys = pd.Series(
            [_soc_key(c) if not t else "" for c, t in zip(codes, total)], index=codes.index,
            dtype=object,
        )
    keys = keys.astype(object)
    return keys, keys.str.len().astype(int)


def _soc_key(code):
    if len(code) == 10:
        return code
    if code[3:] == "0000":
        return code[:2]
    if code[5:] == "00":
        return code[:4]
    if code[6] == "0":
        return code[:6]
    return code


def _raise_bad(bad, codes, system, where, valid):
    bad = np.asarray(bad, dtype=bool)
    if bad.any():
        examples = list(dict.fromkeys(codes[bad].tolist()))[:3]
        raise DataFormatError(
            f"{where}: {int(bad.sum())} code(s) are not {system} codes, e.g. {examples}; "
            f"valid: {valid}"
        )
