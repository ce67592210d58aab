"""Reading the O*NET database text files: a folder or the official zip, validated.

O*NET publishes each release as tab-separated UTF-8 text files with a header
row (``Skills.txt``, ``Occupation Data.txt``, ...), in a folder or in the zip
``db_<version>_text.zip``. This module finds those files, reads them as
strings (so that codes such as ``15-1252.00`` and flags such as ``N`` stay as
published) and turns bad input into :class:`~transitions.DataFormatError`
messages that name the file, the column and the line.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError
from .._integrity import check_whole, read_csv_strict

__all__ = ["OnetSource", "Defects", "CODE", "parse_numbers", "read_version",
           "known_occupations", "join_sorted_groups", "check_coverage", "COVERAGE_TOLERANCE"]

#: The occupation-code column of every O*NET file.
CODE = "O*NET-SOC Code"


class OnetSource:
    """The O*NET text files in a folder or in a zip, found by file name.

    Parameters
    ----------
    path : str or path-like
        A folder holding the ``.txt`` files, or the official zip (its files
        may sit in a sub-folder such as ``db_29_3_text/``).
    """

    def __init__(self, path):
        self.path = Path(path).expanduser()
        if self.path.is_dir():
            self._zip = None
            members = {p.name: p for p in self.path.iterdir() if p.is_file()}
        elif self.path.is_file() and (self.path.suffix.lower() == ".zip"
                                      or zipfile.is_zipfile(self.path)):
            try:
                self._zip = zipfile.ZipFile(self.path)
                names = [n for n in self._zip.namelist() if not n.endswith("/")]
            except (zipfile.BadZipFile, OSError) as exc:
                raise DataFormatError(
                    f"{self.path}: not a readable zip file, perhaps truncated ({exc}); "
                    f"download the O*NET text release again"
                ) from exc
            members = {}
            for name in names:
                base = name.rsplit("/", 1)[-1]
                if base in members:
                    raise DataFormatError(
                        f"{self.path}: holds {base!r} twice ({members[base]!r} and {name!r}); "
                        f"expected one O*NET release per zip"
                    )
                members[base] = name
        elif self.path.exists():
            raise DataFormatError(
                f"{self.path}: neither a folder nor a zip file; pass the folder with the O*NET "
                f"text files (e.g. 'Skills.txt') or the official 'db_<version>_text.zip'"
            )
        else:
            raise DataFormatError(f"{self.path}: no such folder or zip file")
        # Matching ignores case: some unzip tools and file systems change it.
        self._members = {name.lower(): member for name, member in members.items()}

    def has(self, name):
        """Whether the file ``name`` (e.g. ``"Skills.txt"``) is present."""
        return name.lower() in self._members

    def where(self, name):
        """A readable location of ``name`` for messages."""
        member = self._members.get(name.lower(), name)
        return str(self.path / member) if self._zip is None else f"{self.path}!{member}"

    def source_files(self, names):
        """The files whose content defines the result, by name (for cache keys).

        For a zip that is the zip itself; for a folder the present ``names``.
        """
        if self._zip is not None:
            return {self.path.name: self.path}
        return {n: self._members[n.lower()] for n in names if self.has(n)}

    def read_text(self, name):
        """The text of ``name``; :class:`DataFormatError` if absent, unreadable or not UTF-8."""
        where = self.where(name)
        if not self.has(name):
            raise DataFormatError(
                f"{where}: file not found; it is part of every O*NET text release")
        try:
            if self._zip is None:
                raw = Path(self._members[name.lower()]).read_bytes()
            else:
                raw = self._zip.read(self._members[name.lower()])
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            raise DataFormatError(f"{where}: cannot be read ({exc})") from exc
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataFormatError(f"{where}: not UTF-8 text ({exc})") from exc

    def read(self, name, columns, min_rows=1):
        """Read one tab-separated file as strings and check its header and that it is whole.

        Parameters
        ----------
        name : str
            File name as published, e.g. ``"Skills.txt"``.
        columns : sequence of str
            Columns that must be present.
        min_rows : int, default=1
            Fewer data rows are an error (every published file has rows).

        Returns
        -------
        pandas.DataFrame
            Every cell a ``str`` (empty where blank); the index is the row
            position, so line numbers in messages are ``index + 2``.
        """
        where = self.where(name)
        text = self.read_text(name)
        header = text.split("\n", 1)[0].rstrip("\r").split("\t")
        if header == [""]:
            raise DataFormatError(f"{where}: empty file, expected columns {list(columns)}")
        # O*NET ends every file with a line break; a cut file is an error, never fewer rows.
        check_whole(text, where, sep="\t", quotechar=None, final_newline=True)
        missing = [c for c in columns if c not in header]
        if missing:
            raise DataFormatError(
                f"{where}: missing column(s) {missing}; found {header}. "
                f"Expected the tab-separated O*NET text layout with columns {list(columns)}"
            )
        # Python strings: several times faster than pandas' Arrow-backed ``str`` dtype here,
        # and cheap to join per group later. Every column is parsed (so that a row with a
        # field too many is caught), then the needed ones are kept.
        df = read_csv_strict(text, where, sep="\t", dtype=object, keep_default_na=False,
                             na_filter=False)[list(columns)]
        if len(df) < min_rows:
            raise DataFormatError(
                f"{where}: no data rows, only a header; the file is empty or cut: download the "
                f"O*NET release again")
        return df


def parse_numbers(df, column, where):
    """``df[column]`` as floats; blank cells become NaN, text raises.

    Raises
    ------
    DataFormatError
        Naming the file, column, line and value of the first non-numeric cell.
    """
    text = df[column]
    values = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = (text != "") & values.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFormatError(
            f"{where}, column {column!r}, line {row + 2}: {text.iloc[row]!r} is not a number "
            f"({int(bad.sum())} such cell(s))"
        )
    return values.astype(float)


def read_version(source):
    """The release number in ``Read Me.txt`` (e.g. ``"29.3"``), or None."""
    if not source.has("Read Me.txt"):
        return None
    try:
        text = source.read_text("Read Me.txt")
    except DataFormatError:
        return None
    match = re.search(r"O\*NET\s+(\d+(?:\.\d+)*)\s+Database", text)
    return match.group(1) if match else None


class Defects:
    """Counts recoverable defects per file and kind, with up to three examples each.

    Records name the file only (``"Skills.txt"``), so that a cached import
    moved to another folder reports the current location.
    """

    def __init__(self):
        self.records = []

    def report(self, mask, where, what, examples=()):
        n = int(np.count_nonzero(mask))
        if n:
            self.records.append({"file": Path(where.rsplit("!", 1)[-1]).name, "what": what,
                                 "count": n, "examples": [str(e) for e in list(examples)[:3]]})
        return n


#: Share of a file's occupations that may be missing from ``Occupation Data.txt``, or of the
#: rated occupations that a per-occupation file may leave out, before a file counts as cut
#: (O*NET 29.3: none missing; Education covers 97.6% of the rated occupations, the others 100%).
COVERAGE_TOLERANCE = 0.05


def known_occupations(df, occ_ids, where, defects):
    """Rows naming occupations of ``Occupation Data.txt`` (the others counted and dropped).

    Raises
    ------
    DataFormatError
        More than :data:`COVERAGE_TOLERANCE` of the file's occupations are unknown:
        ``Occupation Data.txt`` was cut.
    """
    unknown = ~df[CODE].isin(occ_ids)
    n_codes = df[CODE].nunique()
    n_unknown = df.loc[unknown, CODE].nunique()
    if n_codes >= 20 and n_unknown > COVERAGE_TOLERANCE * n_codes:
        raise DataFormatError(
            f"{where}: names {n_unknown} of its {n_codes} occupations that Occupation Data.txt "
            f"lacks: Occupation Data.txt looks cut short; download the O*NET release again")
    defects.report(unknown, where, "row(s) name an occupation missing from Occupation Data.txt; "
                   "left out", df.loc[unknown, CODE].unique())
    return df[~unknown]


def join_sorted_groups(df, keys, column, sep="\n"):
    """``sep``-joined ``column`` per group of ``keys``; ``df`` must be sorted by ``keys``.

    A join per *group* over plain Python strings: pandas' ``agg(sep.join)``
    walks every group through Arrow-backed arrays and is ~20x slower here.
    """
    key = df[keys].to_numpy(object)
    values = df[column].to_numpy(object)
    if len(key) == 0:
        return pd.Series(dtype=object, index=pd.MultiIndex.from_arrays([[]] * len(keys)))
    change = np.ones(len(key), dtype=bool)
    change[1:] = (key[1:] != key[:-1]).any(axis=1)
    starts = np.flatnonzero(change)
    ends = np.append(starts[1:], len(key))
    joined = [sep.join(values[a:b]) for a, b in zip(starts, ends)]
    index = (pd.Index(key[starts, 0], name=keys[0]) if len(keys) == 1
             else pd.MultiIndex.from_arrays([key[starts, i] for i in range(len(keys))], names=keys))
    return pd.Series(joined, index=index, dtype=object)


def check_coverage(source, name, covered, rated):
    """``name`` must cover nearly every rated occupation, as each published file does.

    Parameters
    ----------
    source : OnetSource
    name : str
        The file, for the message.
    covered : pandas.Index
        The rated occupations that the file gave something (a Job Zone, a link).
    rated : pandas.Index
        The occupations rated in Skills/Knowledge.
    """
    if len(rated) < 20:
        return
    share = len(pd.Index(covered).intersection(rated)) / len(rated)
    if share < 1 - COVERAGE_TOLERANCE:
        raise DataFormatError(
            f"{source.where(name)}: covers {share:.0%} of the {len(rated)} rated occupations "
            f"(a whole release: at least {1 - COVERAGE_TOLERANCE:.0%}): the file looks cut "
            f"short; download the O*NET release again")
