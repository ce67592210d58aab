"""Reading one CSV file of an ESCO download (found by :class:`._esco_files.SourceSet`) into a
DataFrame of text columns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError
from .._integrity import check_whole, read_csv_strict, text_of

__all__ = ["TEXT", "read_csv"]

#: The dtype pandas gives text read from CSV: object (pandas 2) or str (pandas 3).
TEXT = pd.Series(["x"]).dtype


def read_csv(source, required, optional=(), *, str_columns=(), min_rows=0):
    """Read the columns ``required`` + ``optional`` of one ESCO CSV file.

    Empty cells become NaN; no other text does (a label "NA" stays "NA").
    Columns not asked for are dropped. The file is first checked to be
    whole (see :mod:`transitions._integrity`; ESCO ends every file
    with a line break).

    Raises
    ------
    DataFormatError
        The file is unreadable, empty, cut in the middle of a row, has a row
        with more fields than the header, has fewer than ``min_rows`` data
        rows, or lacks a required column (the message
        names the file, the missing columns and the columns found).
    """
    wanted = set(required) | set(optional)
    data = source.read_bytes()
    check_whole(text_of(data, source.where), source.where, final_newline=True)
    df = read_csv_strict(data, source.where, keep_default_na=False, na_values=[""],
                         dtype={c: str for c in str_columns}, encoding="utf-8")
    header = list(df.columns)
    df = df[[c for c in df.columns if c in wanted]]
    if len(df) < min_rows:
        raise DataFormatError(
            f"{source.where}: no data rows, only a header; the file is empty or cut: download "
            f"the ESCO files again")
    # Every ESCO column is text. Inference is kept (dtype=str makes pandas 3 parse
    # 4-6x slower); a column read as numbers (all empty, or digits only) is turned back.
    for col in df.columns:
        if df[col].dtype != object and not isinstance(df[col].dtype, pd.StringDtype):
            values = df[col]
            if values.isna().all():
                df[col] = pd.Series(np.nan, index=df.index, dtype=TEXT)
            else:
                if values.dtype.kind == "f" and (values.dropna() % 1 == 0).all():
                    values = values.astype("Int64")
                df[col] = values.astype(str).where(values.notna()).astype(TEXT)
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise DataFormatError(
            f"{source.where}: missing column(s) {missing}; found {header or list(df.columns)}"
        )
    return df
