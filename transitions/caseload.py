"""Caseload files: many worker profiles read, and their results written, in chunks.

A caseload is a table with one worker per row (the columns of
:data:`transitions.advice.batch.PROFILE_COLUMNS`), as a CSV file or, when
``pyarrow`` is installed, a Parquet file. Ids and codes are personal
references, not numbers: every cell is read as text, so ``007``, ``1e3`` and
``000123`` stay exactly as written and an ISCO code such as ``2411`` in the
``occupation`` column stays a code. Numbers (``wage``, ``max_steps``,
``digcomp_*``...) are converted by the profile parser, which names the row of
a bad value.

Large caseloads never sit in memory whole: :func:`read_caseload` yields
chunks of rows, and :func:`write_table` writes an iterable of result chunks to
CSV or Parquet as they come, into a temporary file that replaces the target
only when everything is written. Rows keep their position in the file as the
index (0 for the first data row), so messages can name the line: data row
``i`` of a CSV file is line ``i + 2`` (the header is line 1).
"""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from .exceptions import DataFormatError, InvalidParameterError

__all__ = ["read_caseload", "write_table", "count_rows", "table_format", "CHUNK_ROWS"]

#: Rows per chunk when reading or writing a caseload in pieces.
CHUNK_ROWS = 10_000
_FORMATS = ("csv", "parquet")


def table_format(path, fmt=None):
    """``"csv"`` or ``"parquet"``: ``fmt`` when given, else from the file's extension."""
    if fmt is None:
        suffix = Path(str(path)).suffix.lower()
        fmt = "parquet" if suffix in (".parquet", ".pq") else "csv"
    if fmt not in _FORMATS:
        raise InvalidParameterError(f"format must be one of {list(_FORMATS)}, got {fmt!r}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InvalidParameterError(
                f"{path}: Parquet needs the optional package pyarrow (pip install pyarrow); "
                f"or use a .csv file") from None
    return fmt


def read_caseload(path, *, chunksize=None, fmt=None):
    """Read a caseload file with every cell as text.

    Parameters
    ----------
    path : str or path-like
        A CSV file (UTF-8, comma-separated, a header row) or a Parquet file.
    chunksize : int, optional
        Rows per chunk. Default: the whole file as one DataFrame.
    fmt : {"csv", "parquet"}, optional
        Default: from the extension (``.parquet``/``.pq``: Parquet, else CSV).

    Returns
    -------
    pandas.DataFrame or iterator of pandas.DataFrame
        Text cells (missing values NaN for empty cells), indexed by the row's
        position in the file (0 = first data row).

    Raises
    ------
    DataFormatError
        Not readable as CSV/Parquet, or no ``occupation`` column (the message
        names the file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from transitions.caseload import read_caseload
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "caseload.csv"
    >>> _ = path.write_text("profile_id,occupation\\n007,2411\\n1e3,boekhouder\\n")
    >>> read_caseload(path)["profile_id"].tolist()
    ['007', '1e3']
    """
    path = Path(path)
    fmt = table_format(path, fmt)
    if not path.is_file():
        raise DataFormatError(f"{path}: caseload file not found")
    if chunksize is not None and (isinstance(chunksize, bool) or not isinstance(chunksize, int)
                                  or chunksize < 1):
        raise InvalidParameterError(f"chunksize must be a positive integer, got {chunksize!r}")
    chunks = _parquet_chunks(path, chunksize) if fmt == "parquet" else _csv_chunks(path, chunksize)
    # The first chunk is read now, so that an unreadable file fails here, not at first use.
    first = next(chunks)
    if chunksize is None:
        return first
    return itertools.chain([first], chunks)


def _csv_chunks(path, chunksize):
    import warnings

    from ._integrity import check_file_end, strict_options
    from .exceptions import warn_defect

    errors = (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError,
              pd.errors.ParserWarning)

    def fail(exc):
        if isinstance(exc, pd.errors.ParserWarning):  # fields beyond the header would be lost
            return DataFormatError(f"{path}: rows with more fields than the header; every row "
                                   f"must have the header's columns")
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return DataFormatError(f"{path}: not a readable CSV file of profiles ({first})")

    try:  # a row cut in the middle is an error; a file without its last line break a warning
        if path.stat().st_size and not check_file_end(path, str(path)):
            warn_defect(f"{path}: the file does not end with a line break; check that its last "
                        f"row is complete")
    except UnicodeDecodeError as exc:
        raise fail(exc) from None
    # index_col=False: rows one field longer than the header must not shift into the index.
    options = strict_options(dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")

    def strict(read, *args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return read(*args, **kwargs)

    if chunksize is None:
        try:
            frame = strict(pd.read_csv, path, **options)
        except errors as exc:
            raise fail(exc) from None
        yield _checked(frame, path, True, 0)
        return
    try:
        reader = pd.read_csv(path, chunksize=chunksize, **options)
    except errors as exc:
        raise fail(exc) from None
    start = 0
    with reader:
        while True:
            try:
                chunk = strict(next, reader)
            except StopIteration:
                break
            except errors as exc:
                raise fail(exc) from None
            if len(chunk) or start == 0:
                yield _checked(chunk, path, start == 0, start)
            start += len(chunk)


def _parquet_chunks(path, chunksize):
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise DataFormatError(f"{path}: not a readable Parquet file ({exc})") from None
    if chunksize is None:
        yield _checked(_as_text(pf.read().to_pandas()), path, True, 0)
        return
    start = 0
    for batch in pf.iter_batches(batch_size=chunksize):
        yield _checked(_as_text(batch.to_pandas()), path, start == 0, start)
        start += batch.num_rows


def _as_text(frame):
    """Parquet keeps types: make every cell text as in a CSV file (an integer 7 is "7")."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_bool_dtype(s.dtype):
            text = s.map(lambda v: None if pd.isna(v) else str(bool(v)).lower())
        elif pd.api.types.is_integer_dtype(s.dtype):
            text = s.map(lambda v: None if pd.isna(v) else str(int(v)))
        elif pd.api.types.is_float_dtype(s.dtype):
            text = s.map(lambda v: None if pd.isna(v) else
                         str(int(v)) if float(v).is_integer() else repr(float(v)))
        else:
            text = s
        out[col] = text.astype(object).where(text.notna(), np.nan)
    return out


def _checked(chunk, path, first, start):
    chunk.columns = [str(c).strip() for c in chunk.columns]
    if first and "occupation" not in chunk.columns:
        raise DataFormatError(f"{path}: no 'occupation' column (found: {list(chunk.columns)})")
    if first and not len(chunk):
        raise DataFormatError(f"{path}: no profiles (a header without rows)")
    chunk.index = pd.RangeIndex(start, start + len(chunk))
    chunk.attrs["source"] = str(path)
    return chunk


def count_rows(path, fmt=None):
    """Data rows of a caseload file, cheaply (for a progress bar: a quoted line break in a
    CSV cell counts as a row)."""
    path = Path(path)
    if not path.is_file():
        return None
    if table_format(path, fmt) == "parquet":
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(path).metadata.num_rows
        except Exception:
            return None
    lines, last = 0, b"\n"
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            lines += block.count(b"\n")
            last = block[-1:]
    return max(0, lines + (last != b"\n") - 1)


def line_of(frame, row):
    """How to name data row ``row`` of ``frame`` in a message (the file line for CSV files)."""
    source = frame.attrs.get("source")
    if source is None:
        return f"row {row}"
    if str(source).lower().endswith((".parquet", ".pq")):
        return f"{source} row {row + 1}"
    return f"{source} line {row + 2}"


# ---------------------------------------------------------------------- writing
def _cell_text(value, sep="|"):
    if isinstance(value, (list, tuple, set, np.ndarray, pd.Index)):
        return sep.join(str(v) for v in value)
    if isinstance(value, dict):
        return sep.join(f"{k}={v}" for k, v in value.items())
    return value


def flat_cells(df, sep="|"):
    """``df`` with list-like cells joined by ``sep`` (file cells hold no lists)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: _cell_text(v, sep))
    return out


def write_table(chunks, path, *, fmt=None, prepare=None):
    """Write an iterable of DataFrames with the same columns to one CSV or Parquet file.

    The file appears only when every chunk is written (a temporary file next
    to it is moved into place), so an error half-way leaves the target as it was.

    Parameters
    ----------
    chunks : iterable of pandas.DataFrame
    path : str or path-like
    fmt : {"csv", "parquet"}, optional
        Default: from the extension.
    prepare : callable, optional
        Applied to each chunk before writing (default: join list cells with ``|``, and
        in CSV neutralise cells a spreadsheet would run as formulas, as the command
        line's CSV output does).

    Returns
    -------
    int
        Rows written.
    """
    from ._files import atomic_path, neutralise_csv

    fmt = table_format(path, fmt)
    if prepare is None:
        prepare = (lambda c: neutralise_csv(flat_cells(c))) if fmt == "csv" else flat_cells
    rows = 0
    with atomic_path(path) as tmp:
        if fmt == "csv":
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                header = True
                for chunk in chunks:
                    prepare(chunk).to_csv(f, index=False, header=header)
                    header = False
                    rows += len(chunk)
        else:
            rows = _write_parquet(chunks, tmp, prepare)
    return rows


def _write_parquet(chunks, tmp, prepare):
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer, schema, rows = None, None, 0
    with contextlib.ExitStack() as stack:
        for chunk in chunks:
            chunk = prepare(chunk)
            if schema is None:
                schema = _arrow_schema(chunk)
                writer = stack.enter_context(pq.ParquetWriter(tmp, schema))
            writer.write_table(pa.Table.from_pandas(chunk, schema=schema, preserve_index=False))
            rows += len(chunk)
        if writer is None:
            raise InvalidParameterError("nothing to write: no chunks")
    return rows


def _arrow_schema(df):
    """A schema from the columns' dtypes, so an all-empty first chunk cannot fix a null type."""
    import pyarrow as pa

    fields = []
    for col, dtype in df.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype):
            typ = pa.bool_()
        elif pd.api.types.is_integer_dtype(dtype):
            typ = pa.int64()
        elif pd.api.types.is_float_dtype(dtype):
            typ = pa.float64()
        else:
            typ = pa.string()
        fields.append(pa.field(str(col), typ, nullable=True))
    return pa.schema(fields)
