"""Is a delimited text file whole? Checks shared by every reader of CSV/TSV sources.

A download cut short (a full disk, an interrupted transfer, ``head -c``) still
parses: pandas fills a short last row with empty cells and a header-only file
gives an empty table. The readers therefore check what they read against what
any such file promises before they parse it:

- it is not empty (0 bytes or whitespace only);
- its last row is complete: no quote left open and as many fields as the
  header (a row cut mid-line has fewer);
- it has data rows at all (checked by the readers, which know whether a table
  may be empty);
- every row has at most as many fields as the header (:func:`read_csv_strict`:
  pandas would otherwise shift a table whose rows all carry one field more into
  its index, or drop the extra fields of some rows when reading chosen columns);
- and, for publishers whose files always end with a line break (ESCO, O*NET),
  that it does: without one, the last row may have been cut inside its last
  field, where no field count can tell.

A cut that falls exactly on a line break leaves a shorter, well-formed file;
the readers catch that with structural minimums of their own (every ESCO
occupation has skills, every BRC 2014 group is in a CBS table, ...).
"""

from __future__ import annotations

import csv
import io
import warnings

import pandas as pd

from .exceptions import DataFormatError

__all__ = ["check_whole", "check_file_end", "text_of", "read_csv_strict", "strict_options"]


def text_of(data, where):
    """``data`` (bytes) decoded as UTF-8 (a byte-order mark dropped); errors name ``where``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFormatError(f"{where}: not UTF-8 text ({exc})") from None


def _record_start(text, quotechar):
    """Offset where the last record starts: after the last line break outside quotes."""
    total = text.count(quotechar) if quotechar else 0
    end = len(text)
    while True:
        nl = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end))
        if nl < 0:
            return 0
        # Quotes before the break balance when the break lies outside a quoted field.
        if not quotechar or (total - text.count(quotechar, nl)) % 2 == 0:
            return nl + 1
        end = nl


def _fields(line, sep, quotechar):
    kwargs = {"quotechar": quotechar} if quotechar else {"quoting": csv.QUOTE_NONE}
    rows = list(csv.reader([line], delimiter=sep, **kwargs))
    return len(rows[0]) if rows else 0


def check_whole(text, where, *, sep=",", quotechar='"', final_newline=False):
    """Raise when ``text`` is empty or its last row is cut; tell whether it ends with a line break.

    Parameters
    ----------
    text : str
        The whole file.
    where : str
        The file (or ``zip:member``) for messages.
    sep : str, default=","
    quotechar : str or None, default='"'
        None for files without quoting (O*NET's tab-separated text).
    final_newline : bool, default=False
        The publisher ends every file with a line break: a file without one
        is an error.

    Returns
    -------
    bool
        Whether the file ends with a line break. Without one, the last row
        may have been cut inside its last field; callers whose publisher always
        ends files with a line break warn about it.

    Raises
    ------
    DataFormatError
        The file is empty, its last row has an open quote or fewer fields
        than the header, or (``final_newline``) it does not end with a line break.

    Examples
    --------
    >>> check_whole("a,b\\n1,2\\n", "f.csv")
    True
    >>> check_whole("a,b\\n1,2\\n3", "f.csv")
    Traceback (most recent call last):
    ...
    transitions.exceptions.DataFormatError: f.csv: the last row (line 3) has 1 of 2 fields: \
the file is cut in the middle of a row; download or export it again
    """
    if not text.strip():
        raise DataFormatError(f"{where}: the file is empty; expected a header row and data rows")
    if text.endswith(("\n", "\r")):
        return True
    start = _record_start(text, quotechar)
    last = text[start:]
    line = text.count("\n", 0, start) + 1
    if quotechar and last.count(quotechar) % 2:
        raise DataFormatError(
            f"{where}: the last row (line {line}) ends inside a quoted field: the file is cut "
            f"in the middle of a row; download or export it again")
    if start == 0:  # the header alone; the readers decide whether no rows is an error
        return False
    header = text.split("\n", 1)[0].rstrip("\r")
    expected, found = _fields(header, sep, quotechar), _fields(last, sep, quotechar)
    if found < expected:
        raise DataFormatError(
            f"{where}: the last row (line {line}) has {found} of {expected} fields: the file is "
            f"cut in the middle of a row; download or export it again")
    if final_newline:
        raise DataFormatError(
            f"{where}: the file does not end with a line break, as every file of this "
            f"publisher does: its last row (line {line}) may be cut; download it again")
    return False


def check_file_end(path, where, *, sep=",", tail_bytes=1 << 20):
    """:func:`check_whole` for a file too large to read whole: its header and last rows only.

    The last record is taken to start after the last line break of the file's
    final ``tail_bytes`` (quoted fields spanning lines are rare in the tables
    read this way). Returns whether the file ends with a line break.
    """
    with open(path, "rb") as f:
        head = f.readline()
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - tail_bytes))
        tail = f.read()
    if size <= len(head) + len(tail) or size <= tail_bytes:
        with open(path, "rb") as f:
            return check_whole(text_of(f.read(), where), where, sep=sep)
    text = text_of(head, where) + text_of(tail[tail.find(b"\n") + 1:], where)
    return check_whole(text, where, sep=sep)


def strict_options(**kwargs):
    """``read_csv`` options that keep pandas from moving the first column into the index."""
    return dict(kwargs, index_col=False)


def read_csv_strict(data, where, **kwargs):
    """``pandas.read_csv`` of ``data`` (bytes or str) that never shifts or drops fields.

    All columns are read (``usecols`` would hide extra fields) with
    ``index_col=False``; a row with more fields than the header is a
    :class:`DataFormatError` naming the file. A row with fewer fields reads its
    missing trailing cells as empty.
    """
    if "usecols" in kwargs:
        raise TypeError("read_csv_strict reads all columns; select them afterwards")
    buffer = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(buffer, index_col=False, **kwargs)
    except pd.errors.ParserWarning:
        raise DataFormatError(
            f"{where}: rows with more fields than the header (a separator inside an unquoted "
            f"value?); every row must have the header's columns") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        first = " ".join(str(exc).split())
        raise DataFormatError(f"{where}: not a readable CSV file ({first})") from None
