"""Does a publisher's table cover its whole classification? (Catches files cut short.)

A national statistic covers every top-level group of the classification it is
published in; a file cut short (at any row, also exactly at a line break)
loses the groups at its end. :func:`check_covers` names the groups that are
missing. The top levels are facts of the classifications:

- ISCO-08: major groups 1-9 (0, the armed forces, is often not published);
- BRC 2014: the classes ``01``-``12`` (13, "occupation unknown", is optional; in
  CBS's own tables all 114 groups are required: CBS publishes each, blank where it
  suppresses the value);
- SOC 2010 / 2018: the 22 major groups ``11``-``53`` (55, military, is optional).

These checks run in :func:`transitions.labour.files.read_folder` on every table
it reads, whatever the file's layout.
"""

from __future__ import annotations

import pandas as pd

from ..exceptions import DataFormatError
from .codes import BRC, ISCO, SOC2010, SOC2018

__all__ = ["check_covers", "BRC_GROUPS", "TOP_GROUPS"]

#: Number of groups of BRC 2014 (13 classes, 41 segments, 114 groups).
BRC_GROUPS = 114
#: Per code system, the top-level groups a whole national table covers.
TOP_GROUPS = {
    ISCO: tuple("123456789"),
    BRC: tuple(f"{i:02d}" for i in range(1, 13)),
    SOC2010: ("11", "13", "15", "17", "19", "21", "23", "25", "27", "29", "31", "33", "35",
              "37", "39", "41", "43", "45", "47", "49", "51", "53"),
}
TOP_GROUPS[SOC2018] = TOP_GROUPS[SOC2010]
_TOP_LENGTH = {ISCO: 1, BRC: 2, SOC2010: 2, SOC2018: 2}


def check_covers(table, where, *, all_brc_groups=False):
    """Raise unless ``table`` covers every top-level group of each code system it uses.

    Parameters
    ----------
    table : pandas.DataFrame
        With ``code_system`` and ``code`` columns (the schema of
        :mod:`transitions.labour.schema`).
    where : str
        The file, for messages.
    all_brc_groups : bool, default=False
        Also require all :data:`BRC_GROUPS` groups of BRC 2014 (CBS's tables).

    Raises
    ------
    DataFormatError
        Naming the missing groups: the file looks cut short.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"code_system": "ISCO-08", "code": ["1111", "2411", "9333"]})
    >>> check_covers(t, "f.csv")
    Traceback (most recent call last):
    ...
    transitions.exceptions.DataFormatError: f.csv: no ISCO-08 codes in group(s) \
3, 4, 5, 6, 7, 8; a whole national table covers every one of 1, 2, 3, 4, 5, 6, 7, 8, 9: \
the file looks cut short or filtered; use the complete download
    """
    if table.empty:
        raise DataFormatError(f"{where}: no rows; the file is empty or cut short")
    for system, codes in table.groupby("code_system", sort=False)["code"]:
        if system not in TOP_GROUPS:
            continue
        codes = codes.astype(str).str.strip()
        digits = codes[codes.str.fullmatch(r"[\d-]+(\.\d+)?")]
        found = set(digits.str[: _TOP_LENGTH[system]])
        missing = [g for g in TOP_GROUPS[system] if g not in found]
        if missing:
            raise DataFormatError(
                f"{where}: no {system} codes in group(s) {', '.join(missing)}; a whole national "
                f"table covers every one of {', '.join(TOP_GROUPS[system])}: the file looks cut "
                f"short or filtered; use the complete download")
        if system == BRC and all_brc_groups:
            groups = pd.Index(digits[digits.str.len() == 4].unique())
            if len(groups) < BRC_GROUPS:
                raise DataFormatError(
                    f"{where}: {len(groups)} of the {BRC_GROUPS} BRC 2014 groups (CBS publishes "
                    f"each, blank where suppressed; the last one here is {max(groups, default='-')}"
                    f"): the file looks cut short; download it again")
