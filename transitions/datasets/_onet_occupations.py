"""Occupations of an O*NET release: titles, descriptions, Job Zones, education, alternate titles.

See :mod:`transitions.datasets.onet` for the columns and the rules behind them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError
from ._onet_files import CODE, join_sorted_groups, known_occupations, parse_numbers

__all__ = ["OPTIONAL_FILES", "read_occupations", "add_job_zones", "add_education",
           "add_alternate_titles"]

_OCC_COLUMNS = (CODE, "Title", "Description")
OPTIONAL_FILES = {
    "Job Zones.txt": (CODE, "Job Zone"),
    "Education, Training, and Experience.txt": (CODE, "Element ID", "Scale ID", "Category",
                                                "Data Value", "Recommend Suppress"),
    "Education, Training, and Experience Categories.txt": ("Element ID", "Scale ID", "Category",
                                                           "Category Description"),
    "Alternate Titles.txt": (CODE, "Alternate Title", "Short Title"),
}
_EDUCATION = ("2.D.1", "RL")


def read_occupations(source, defects):
    name = "Occupation Data.txt"
    where = source.where(name)
    df = source.read(name, _OCC_COLUMNS)
    if df.empty:
        raise DataFormatError(f"{where}: no occupations")
    blank = df[CODE] == ""
    if blank.any():
        line = int(np.argmax(blank.to_numpy())) + 2
        raise DataFormatError(f"{where}, column {CODE!r}, line {line}: empty occupation code")
    dup = df.duplicated(CODE)
    defects.report(dup, where, "repeated occupation code(s); the first row is kept",
                   df.loc[dup, CODE])
    df = df[~dup]
    occ = pd.DataFrame({
        "label_en": df["Title"].to_numpy(),
        "label_nl": np.nan,
        "soc_code": df[CODE].to_numpy(),
        "soc2018_code": df[CODE].str[:7].to_numpy(),
        "description_en": df["Description"].replace("", np.nan).to_numpy(),
    }, index=pd.Index(df[CODE], name="id"))
    return occ


def add_job_zones(source, occupations, defects):
    table = _optional(source, "Job Zones.txt", "job_zone", defects)
    occupations["job_zone"] = pd.Series(pd.NA, index=occupations.index, dtype="Int64")
    if table is None:
        return
    df, where = table
    zone = parse_numbers(df, "Job Zone", where)
    odd = zone.notna() & ~zone.isin([1, 2, 3, 4, 5])
    defects.report(odd, where, "Job Zone value(s) other than 1-5; left empty",
                   df.loc[odd, CODE] + "=" + df.loc[odd, "Job Zone"])
    df = df.assign(zone=zone.mask(odd))
    dup = df.duplicated(CODE)
    defects.report(dup, where, "repeated occupation row(s); the first is kept", df.loc[dup, CODE])
    df = known_occupations(df[~dup], occupations.index, where, defects)
    occupations["job_zone"] = df.set_index(CODE)["zone"].reindex(occupations.index).astype("Int64")


def add_education(source, occupations, defects):
    occupations["education_level"] = pd.Series(pd.NA, index=occupations.index, dtype="Int64")
    occupations["education_en"] = np.nan
    table = _optional(source, "Education, Training, and Experience.txt",
                      "education_level, education_en", defects)
    if table is None:
        return
    df, where = table
    df = df[(df["Element ID"] == _EDUCATION[0]) & (df["Scale ID"] == _EDUCATION[1])]
    category = parse_numbers(df, "Category", where)
    share = parse_numbers(df, "Data Value", where)
    suppressed = df["Recommend Suppress"].eq("Y") & share.notna()
    defects.report(suppressed, where, "education share(s) marked Recommend Suppress = Y; "
                   "not counted for the most common level",
                   df.loc[suppressed, CODE] + " category " + df.loc[suppressed, "Category"])
    df = df.assign(category=category, share=share.mask(suppressed))
    df = known_occupations(df[df["share"].notna() & df["category"].notna()],
                            occupations.index, where, defects)
    # Most common category; ties go to the lower category (a deterministic, cautious choice).
    mode = df.sort_values([CODE, "share", "category"], ascending=[True, False, True])
    mode = mode.drop_duplicates(CODE).set_index(CODE)["category"]
    occupations["education_level"] = mode.reindex(occupations.index).astype("Int64")
    cats = _optional(source, "Education, Training, and Experience Categories.txt",
                     "education_en", defects)
    if cats is None:
        return
    cdf, cwhere = cats
    cdf = cdf[(cdf["Element ID"] == _EDUCATION[0]) & (cdf["Scale ID"] == _EDUCATION[1])]
    labels = pd.Series(
        cdf["Category Description"].str.split(" - ", n=1).str[0].str.strip().to_numpy(),
        index=parse_numbers(cdf, "Category", cwhere).to_numpy(),
    )
    labels = labels[~labels.index.duplicated()]
    occupations["education_en"] = occupations["education_level"].astype(float).map(labels)


def add_alternate_titles(source, occupations, defects):
    occupations["altlabels_en"] = np.nan
    table = _optional(source, "Alternate Titles.txt", "altlabels_en", defects)
    if table is None:
        return
    df, where = table
    df = known_occupations(df, occupations.index, where, defects)
    # Interleave each alternate title with its short form (e.g. "CEO"), in file order.
    codes = np.repeat(df[CODE].to_numpy(object), 2)
    titles = np.empty(len(codes), dtype=object)
    titles[0::2] = df["Alternate Title"].to_numpy(object)
    titles[1::2] = df["Short Title"].to_numpy(object)
    own = occupations["label_en"].reindex(codes).to_numpy(object)
    keep = (titles != "") & (titles != own)
    long = pd.DataFrame({CODE: codes[keep], "title": titles[keep]})
    long = long.drop_duplicates([CODE, "title"]).sort_values(CODE, kind="stable")
    occupations["altlabels_en"] = join_sorted_groups(long, [CODE], "title").reindex(
        occupations.index)


def _optional(source, name, filled, defects):
    """Read an optional file, or warn that ``filled`` stays empty without it."""
    if not source.has(name):
        defects.report(1, source.where(name), f"file missing; {filled} left empty")
        return None
    return source.read(name, OPTIONAL_FILES[name]), source.where(name)
