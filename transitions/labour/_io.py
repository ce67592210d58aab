"""Reading helpers shared by the publishers' readers.

Each reader names the file, column and row of a problem. Publishers' own
missing-value marks (CBS blanks, OEWS ``*`` and ``#``) are decoded by the
reader that knows their meaning; any *other* text in a number column is an
error here, so it can never turn into a number or a silent zero.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._hashing import file_sha256
from .._integrity import check_whole, read_csv_strict, text_of
from ..exceptions import DataFormatError, warn_defect

__all__ = ["read_table", "parse_numbers", "drop_exact_duplicates", "file_info"]


def read_table(path, *, sep=",", required=(), what="table", min_rows=1):
    """Read a publisher's CSV/TSV as strings (nothing converted yet).

    The file must be whole (:func:`transitions._integrity.check_whole`:
    not empty, the last row not cut) and hold at least ``min_rows`` data rows.

    Parameters
    ----------
    path : str or path-like
    sep : str, default=","
    required : sequence of str
        Columns that must be present.
    what : str
        Name of the publisher's table, for messages.
    min_rows : int, default=1

    Returns
    -------
    pandas.DataFrame of str (NaN for empty cells), columns stripped.

    A :class:`~transitions.labour.raw.Converted` table (a publisher's raw
    download in the tidy layout) is taken instead of a file and checked alike.
    """
    from .raw import Converted

    if isinstance(path, Converted):
        # A raw download already converted to this layout: its frame is checked like a file's.
        df = path.frame.copy()
    else:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"{what}: file not found: {path}")
        try:
            text = text_of(path.read_bytes(), str(path))
        except OSError as exc:
            raise DataFormatError(f"{path}: cannot read the {what} file ({exc.strerror})") from exc
        if not check_whole(text, str(path), sep=sep):
            # Publishers end files with a line break; without one the last value may be cut.
            last = text.rstrip().rsplit("\n", 1)[-1]
            warn_defect(f"{path}: the file does not end with a line break; check that its last "
                        f"row (line {text.count(chr(10)) + 1}) is complete", [last[:60]])
        df = read_csv_strict(text, str(path), sep=sep, dtype=str, keep_default_na=False,
                             na_values=[""])
    if len(df) < min_rows:
        raise DataFormatError(f"{path}: no data rows, only a header; the {what} file is empty "
                              f"or cut short")
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise DataFormatError(
            f"{path}: missing column(s) {missing} of the {what} layout; "
            f"found: {list(df.columns)}"
        )
    for col in df.columns:
        df[col] = df[col].str.strip()
    return df


def parse_numbers(df, columns, *, where, marks=None):
    """Convert ``columns`` of ``df`` to float in place and return the mark masks.

    Empty cells become NaN. Cells equal to a key of ``marks`` become NaN and are
    reported in the returned masks (so a caller can flag them); any other
    non-numeric text raises :class:`DataFormatError` naming the column, row
    and value. Thousands separators are not accepted (they would be ambiguous
    with Dutch decimal commas).

    Parameters
    ----------
    df : pandas.DataFrame
    columns : sequence of str
    where : str
        File or table name for messages.
    marks : dict of str to str, optional
        Allowed non-numeric marks and their meaning, e.g. ``{"*": "not available"}``.

    Returns
    -------
    dict of str to pandas.DataFrame
        For each mark, a boolean frame (rows x ``columns``) of where it occurred.
    """
    marks = dict(marks or {})
    found = {m: pd.DataFrame(False, index=df.index, columns=list(columns)) for m in marks}
    for col in columns:
        if col not in df.columns:
            raise DataFormatError(f"{where}: missing number column {col!r}")
        raw = df[col]
        text = raw.astype("object").where(raw.notna(), None)
        for m in marks:
            hit = text.map(lambda v, m=m: isinstance(v, str) and v.strip() == m).astype(bool)
            found[m][col] = hit.to_numpy()
            text = text.where(~hit, None)
        num = pd.to_numeric(text, errors="coerce")
        bad = num.isna() & text.notna()
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataFormatError(
                f"{where}, column {col!r}, row {i + 2}: {text.iloc[i]!r} is not a number "
                f"({int(bad.sum())} such cell(s)); "
                + (f"allowed marks: {marks}" if marks else "leave a cell empty when no value is known")
            )
        if np.isinf(num.to_numpy(float, na_value=np.nan)).any():
            raise DataFormatError(f"{where}, column {col!r}: infinite value")
        df[col] = num.astype(float)
    return found


def drop_exact_duplicates(df, key, *, where):
    """Drop rows repeated exactly (counted warning); raise when a key repeats with other values."""
    exact = df.duplicated(keep="first")
    if exact.any():
        warn_defect(
            f"{where}: {int(exact.sum())} exactly repeated row(s) dropped",
            df.loc[exact, key].astype(str).agg(" ".join, axis=1) if isinstance(key, list)
            else df.loc[exact, key].astype(str),
        )
        df = df.loc[~exact]
    clash = df.duplicated(key, keep=False)
    if clash.any():
        codes = df.loc[clash, key]
        codes = codes.astype(str).agg(" ".join, axis=1) if isinstance(key, list) else codes
        raise DataFormatError(
            f"{where}: {int(clash.sum())} rows repeat the key {key} with different values, "
            f"e.g. {sorted(set(codes.astype(str)))[:3]}; keep one row per code"
        )
    return df


def file_info(path):
    """``{"file": name, "sha256": hex}`` of a source file (or raw download), for provenance."""
    from .raw import Converted

    if isinstance(path, Converted):
        return {"file": str(path), "sha256": path.sha256()}
    path = Path(path)
    return {"file": str(path), "sha256": file_sha256(path)}
