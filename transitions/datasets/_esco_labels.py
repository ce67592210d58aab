"""Labels of ESCO concepts: cleaning, and labels in further languages.

ESCO publishes each language as its own set of ``*_<lang>.csv`` files with
the same concept URIs. :class:`LabelReader` adds ``label_<lang>``,
``altlabels_<lang>`` and ``description_<lang>`` columns to the tables of an
imported taxonomy from such a set, concept by concept, leaving NaN where the
language has no label (callers fall back to English) and measuring coverage.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError
from .._membership import member
from ._esco_csv import TEXT, read_csv
from ._esco_files import LabelFiles

__all__ = ["LabelReader", "clean_labels", "clean_multi", "read_concepts"]



def clean_labels(series):
    """Strip labels; returns (cleaned series, number of cells that had surrounding whitespace)."""
    s = series.astype(TEXT)
    stripped = s.str.strip()
    padded = int(((stripped != s) & s.notna()).sum())  # NaN != NaN is True for str dtype
    stripped = stripped.mask(stripped == "")
    return stripped.astype(TEXT), padded


def clean_multi(series):
    """Normalise a multi-valued cell to newline-separated, stripped, non-empty entries.

    ESCO's main files separate entries by newlines inside quoted fields, its
    collection files by ``" | "``; both become newlines. Returns (cleaned
    series, number of cells with padded or empty entries).

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions.datasets._esco_labels import clean_multi
    >>> clean_multi(pd.Series(["a\\n b ", "c | d", None]))[0].tolist()
    ['a\\nb', 'c\\nd', nan]
    """
    s = series.astype(TEXT)
    unified = s.str.replace(" | ", "\n", regex=False)
    # Searching is ~4x cheaper than replacing: fix only the cells that need it.
    # (Anchored patterns such as "\\s$" are slow in Arrow's regex engine; strip instead.)
    inner = unified.str.contains(r"[ \t\r]\n|\n[ \t\r\n]", regex=True)
    suspect = (inner.fillna(False) | (unified.str.strip() != unified)) & unified.notna()
    suspect = suspect.to_numpy(dtype=bool)
    cleaned = unified.copy()
    if suspect.any():
        fixed = unified[suspect].str.replace(r"[ \t\r]*\n[ \t\r\n]*", "\n", regex=True)
        fixed = fixed.str.strip()
        cleaned[suspect] = fixed.mask(fixed == "")
    return cleaned.astype(TEXT), int(suspect.sum())


def read_concepts(src, defects, required=(), optional=(), str_columns=(), min_rows=0):
    """Read a concept file indexed by ``conceptUri``; rows without an id and repeats are
    dropped (first kept) and reported to ``defects``."""
    df = read_csv(src, ("conceptUri",) + tuple(required), optional, str_columns=str_columns,
                  min_rows=min_rows)
    empty = df["conceptUri"].isna()
    if empty.any():
        defects.add(
            src.name,
            f"{int(empty.sum())} row(s) without conceptUri (dropped)",
            [f"line {i + 2}" for i in df.index[empty]],
        )
        df = df[~empty]
    dup = df["conceptUri"].duplicated()
    if dup.any():
        defects.add(
            src.name,
            f"{int(dup.sum())} repeated conceptUri row(s) (de-duplicated, first kept)",
            df.loc[dup, "conceptUri"].unique(),
        )
        df = df[~dup]
    return df.set_index("conceptUri").rename_axis("id")


_MISSING = {
    "occupations": "occupations are shown in English",
    "skills": "skills are labelled from the skill collections only, the others shown in English",
    "occupation_groups": "ISCO groups are shown in English",
    "skill_groups": "skill groups are shown in English",
}


class LabelReader(LabelFiles):
    """Labels in one further language, read from a :class:`SourceSet` (the files are found
    by :class:`._esco_files.LabelFiles`).

    Parameters
    ----------
    sources : SourceSet
        The folder or zip of ``*_<lang>.csv`` files.
    lang : str
        The language code.

    Raises
    ------
    DataFormatError
        The files hold no ``*_<lang>.csv`` file at all.
    """

    def apply(self, tables, defects):
        """Add this language's columns to ``tables`` (a dict of DataFrames, changed in place).

        Returns
        -------
        dict
            Share of rows with a label per table (only tables with label files).
        """
        lang = self.lang
        coverage = {}
        for name, table in tables.items():
            full = name in ("occupations", "skills")
            labels = self._read(self.plan[name], table.index, full, defects)
            table[f"label_{lang}"] = labels["label"]
            if full:
                table[f"altlabels_{lang}"] = labels["altlabels"]
                table[f"description_{lang}"] = labels["description"]
            if self.plan[name]:
                coverage[name] = (
                    round(float(labels["label"].notna().mean()), 4) if len(table) else 0.0
                )
            if self.missing.get(name):
                defects.add(self.missing[name], f"not in the {lang} label folder: "
                            f"{_MISSING[name]}")
            # A language's occupations file labels every occupation; a short one was cut.
            if name == "occupations" and self.plan[name] and labels["label"].isna().any():
                missing = labels["label"].isna()
                defects.add(
                    self.plan[name][0].name,
                    f"{int(missing.sum())} of {len(table)} occupation(s) without a {lang} label "
                    f"(shown in English)",
                    table.index[missing.to_numpy()],
                )
        return coverage

    def _read(self, sources, index, full, defects):
        lang = self.lang
        out = pd.DataFrame(
            {
                c: pd.Series(np.nan, index=index, dtype=TEXT)
                for c in ("label", "altlabels", "description")
            }
        )
        for src in sources:
            cols = {
                base: (base, f"{base}_{lang}")
                for base in ("preferredLabel", "altLabels", "description")
            }
            optional = (
                [c for pair in cols.values() for c in pair]
                if full
                else list(cols["preferredLabel"])
            )
            df = read_concepts(src, defects, (), optional, min_rows=1)
            label_col = next((c for c in cols["preferredLabel"] if c in df), None)
            if label_col is None:
                raise DataFormatError(
                    f"{src.where}: missing column 'preferredLabel' (or 'preferredLabel_{lang}'); "
                    f"found {['conceptUri'] + list(df.columns)}"
                )
            unknown = ~member(df.index, index)
            if unknown.any():
                defects.add(
                    src.name,
                    f"{int(unknown.sum())} {lang} label row(s) name concepts not "
                    f"in the classification (ignored)",
                    df.index[unknown],
                )
                df = df[~unknown]
            todo = out.loc[df.index, "label"].isna().to_numpy()  # earlier files win
            df = df[todo]
            out.loc[df.index, "label"] = clean_labels(df[label_col])[0].to_numpy()
            if full:
                for base, target in (("altLabels", "altlabels"), ("description", "description")):
                    col = next((c for c in cols[base] if c in df), None)
                    if col is not None:
                        values = (
                            clean_multi(df[col])[0] if base == "altLabels" else df[col].str.strip()
                        )
                        out.loc[df.index, target] = values.to_numpy()
        return out.astype(TEXT)
