"""Printing results: tables for people, JSON and CSV for programs, HTML for the advice page.

Only formatting lives here: which rows and numbers to show is decided by the
library's public API.
"""

from __future__ import annotations

import json
import sys

import click
import numpy as np

from .._files import atomic_write_text, neutralise_csv

# pandas is imported by the functions that take a DataFrame (which has loaded it already):
# a command whose rows are plain arrays (``search``) prints its table without it.

__all__ = ["FORMATS", "emit_table", "emit_text", "say", "progress", "text_table", "cell"]

FORMATS = ("table", "json", "csv")
_MAX_COLWIDTH = 60


def _flatten(value, sep):
    """A list-like cell as one string (CSV and table cells hold no lists)."""
    import pandas as pd

    if isinstance(value, (list, tuple, set, np.ndarray, pd.Index)):
        return sep.join(str(v) for v in value)
    if isinstance(value, dict):
        return sep.join(f"{k}={v}" for k, v in value.items())
    return value


def _flat(df, sep):
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: _flatten(v, sep))
    return out


def _jsonable(value):
    import pandas as pd

    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (np.ndarray, pd.Index, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def to_json(df):
    """Records as a JSON array (NaN/NA become null, lists stay lists)."""
    records = [{str(k): _jsonable(v) for k, v in row.items()}
               for row in df.to_dict(orient="records")]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


#: Columns printed whole, however long: ids are copied into the next command.
ID_COLUMNS = ("id", "occupation_id", "skill_id", "profile_id")
#: Columns of counts: whole numbers.
WHOLE_COLUMNS = ("workers", "n_options", "n_missing", "n_new_options", "n_shared", "steps",
                 "rank", "level")
_YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}


def _cut(value):
    text = str(value)
    return text if len(text) <= _MAX_COLWIDTH else text[: _MAX_COLWIDTH - 3] + "..."


def cell(value, column, lang):
    """One value as people read it in ``lang``: yes/no, whole counts, the language's decimal
    mark, long text cut (ids never)."""
    from ..report.formatting import format_number

    if value is None:
        return "-"
    if isinstance(value, (bool, np.bool_)):
        return _YES_NO[lang or "en"][0 if value else 1]
    if isinstance(value, (int, float, np.integer, np.floating)):
        whole = column in WHOLE_COLUMNS or isinstance(value, (int, np.integer))
        digits = 0 if whole else 2
        if lang is None:
            return f"{value:.{digits}f}" if isinstance(value, (float, np.floating)) else str(value)
        return format_number(value, lang, digits)
    return str(value) if column in ID_COLUMNS else _cut(value)


def to_table(df, headers=None, lang=None):
    """A plain-text table with (translated) headers and values written for ``lang``
    (:func:`cell`)."""
    if df.empty:
        return ""
    shown = _flat(df, ", ")
    # Missing values of any dtype (NaN, NA, None) print as "-", never as "<NA>" or "nan".
    shown = shown.astype(object).where(shown.notna(), None)
    columns = [str(c) for c in shown.columns]
    cells = [[cell(v, col, lang) for v in shown[col]] for col in shown.columns]
    return text_table([(headers or {}).get(c, c) for c in columns], list(zip(*cells)))


_ESCAPES = str.maketrans({"\t": "\\t", "\r": "\\r", "\n": "\\n"})


def text_table(header, rows):
    """Rows of cells (strings) under ``header`` as text: every column right-aligned to its
    widest cell, one space between columns, tabs and line breaks in a cell written as
    ``\\t``, ``\\n`` (the layout of pandas' ``to_string(index=False)``, without pandas)."""
    if not rows:
        return ""
    columns = [[str(h).translate(_ESCAPES)] + [str(r[j]).translate(_ESCAPES) for r in rows]
               for j, h in enumerate(header)]
    widths = [max(map(len, col)) for col in columns]
    lines = (" ".join(col[i].rjust(w) for col, w in zip(columns, widths))
             for i in range(len(rows) + 1))
    return "\n".join(lines) + "\n"


def render(df, fmt, headers=None, lang=None):
    """``df`` as text in ``fmt`` (one of :data:`FORMATS`); tables for people get the headings
    and values of ``lang`` (machine formats keep the API's names and values)."""
    if fmt == "json":
        return to_json(df)
    if fmt == "csv":  # cells that a spreadsheet would run as formulas are neutralised
        return neutralise_csv(_flat(df, "|")).to_csv(index=False)
    if lang is not None and headers is None:
        from ._text import headers as _headers

        headers = _headers(lang)
    return to_table(df, headers, lang)


def emit_text(text, output=None):
    """Write ``text`` to ``output`` or to standard output.

    A file is replaced atomically with its permissions kept; a device or FIFO
    is written in place; see :mod:`transitions._files` for the whole policy.
    """
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
    else:
        atomic_write_text(output, text)


def emit_table(df, fmt, output=None, headers=None, lang=None):
    """Render ``df`` in ``fmt`` (see :func:`render`) and write it to ``output`` or standard
    output."""
    emit_text(render(df, fmt, headers, lang), output)


def say(message):
    """A message for the person at the terminal (standard error keeps stdout clean)."""
    click.echo(message, file=sys.stderr)


def progress(iterable=None, *, length=None, label=None):
    """A progress bar on standard error, drawn only for a person at a terminal."""
    return click.progressbar(iterable, length=length, label=label, show_eta=length is not None,
                             file=sys.stderr, hidden=not sys.stderr.isatty())
