"""The documented CSV schema for taxonomy extensions (and the embedded sample).

A folder with any of these UTF-8 CSV files (header row, ``|`` between
alternative labels, booleans as ``true``/``false``):

``occupations.csv``
    ``id`` (required), ``label_en``, ``label_nl``, ``isco_code`` or ``soc_code``,
    ``altlabels_en``, ``altlabels_nl``, ``description_en``, ``description_nl``.
``skills.csv``
    ``id`` (required), ``label_en``, ``label_nl``, ``skill_type``
    (``skill/competence`` or ``knowledge``), ``reuse_level`` (``transversal``,
    ``cross-sector``, ``sector-specific``, ``occupation-specific``), ``digital``,
    ``transversal``, ``language``, ``digcomp`` (DigComp 2.2 code such as ``3.4``),
    ``digcomp_level`` (1-8), ``group`` (a skill group id), alt labels.
``relations.csv``
    ``occupation_id``, ``skill_id``, ``relation`` (``essential`` or
    ``optional``), optional ``weight`` (default 1.0 essential, 0.5 optional).
``skill_groups.csv``
    ``id``, ``parent`` (empty at the top), ``label_en``, ``label_nl``.

Every value is checked, and a bad one raises :class:`~transitions.DataFormatError`
naming the file, column, row (the line in the file) and what would be valid:
unknown or missing columns; empty or repeated ids; ids longer than
:data:`MAX_ID_LENGTH`, labels longer than :data:`MAX_LABEL_LENGTH` and other text
longer than :data:`MAX_TEXT_LENGTH` characters; ISCO (1-4 digits), SOC
(``XX-XXXX``) and BRC (2-4 digits) codes that are malformed; a ``skill_type``
or ``reuse_level`` outside the vocabulary; bad booleans; DigComp codes that do
not exist and levels that are not whole numbers 1-8; a ``relation`` other than
``essential``/``optional``; a ``weight`` that is not a number in (0, 1] (an
empty cell takes the default); groups that form a cycle. A file of 0 bytes or
one cut in the middle of a row is an error too; a file with a header only adds
nothing. Whether links and parents name known ids is checked when the tables
join a taxonomy (:meth:`transitions.Taxonomy.extend`).

The schema is the same for every taxonomy: a documented column the taxonomy
lacks (ESCO has no ``digcomp_level``, O*NET no ``isco_code``) is added to it
(:data:`transitions.taxonomy.OPTIONAL_COLUMNS`). A new occupation needs an
``isco_code``, ``soc_code`` or ``brc_code`` to get labour-market figures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..digcomp import COMPETENCE_CODES
from ..exceptions import DataFormatError
from ..taxonomy import hierarchy_cycle
from .._integrity import check_whole, read_csv_strict, text_of

__all__ = ["read_extension", "DIGCOMP_COMPETENCES", "SKILL_TYPES", "REUSE_LEVELS",
           "MAX_ID_LENGTH", "MAX_LABEL_LENGTH", "MAX_TEXT_LENGTH"]

#: The 21 competence codes of DigComp 2.2.
DIGCOMP_COMPETENCES = COMPETENCE_CODES
RELATION_WEIGHTS = {"essential": 1.0, "optional": 0.5}
#: ``skill_type`` values: ESCO's, and O*NET's domains (see :mod:`transitions.datasets.onet`).
SKILL_TYPES = ("skill/competence", "knowledge", "technology", "ability", "work activity",
               "work context")
#: ``reuse_level`` values (ESCO's).
REUSE_LEVELS = ("transversal", "cross-sector", "sector-specific", "occupation-specific")
#: Longest id, label and other text (characters) an extension may hold.
MAX_ID_LENGTH, MAX_LABEL_LENGTH, MAX_TEXT_LENGTH = 500, 300, 20_000
_CODES = {"isco_code": (r"\d{1,4}", "1 to 4 digits of ISCO-08, e.g. 2411"),
          "soc_code": (r"\d\d-\d{4}(\.\d\d)?", "a SOC code XX-XXXX (or O*NET-SOC XX-XXXX.XX)"),
          "brc_code": (r"\d{2,4}", "2 to 4 digits of BRC 2014, e.g. 0434")}
_CHOICES = {"skill_type": SKILL_TYPES, "reuse_level": REUSE_LEVELS,
            "relation": tuple(RELATION_WEIGHTS), "digcomp": DIGCOMP_COMPETENCES}

_COLUMNS = {
    "occupations.csv": ("id", "label_en", "label_nl", "isco_code", "soc_code", "brc_code",
                        "altlabels_en", "altlabels_nl", "description_en", "description_nl"),
    "skills.csv": ("id", "label_en", "label_nl", "skill_type", "reuse_level", "digital",
                   "transversal", "language", "digcomp", "digcomp_level", "group",
                   "altlabels_en", "altlabels_nl", "description_en", "description_nl"),
    "relations.csv": ("occupation_id", "skill_id", "relation", "weight"),
    "skill_groups.csv": ("id", "parent", "label_en", "label_nl"),
}
_REQUIRED = {
    "occupations.csv": ("id",),
    "skills.csv": ("id",),
    "relations.csv": ("occupation_id", "skill_id", "relation"),
    "skill_groups.csv": ("id",),
}
_BOOLS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def _fail(path, col, df, bad, valid):
    """Raise naming the first bad row of ``col`` (its line in the file) and what is valid."""
    row = int(np.flatnonzero(np.asarray(bad, dtype=bool))[0])
    value = df[col].iloc[row]
    shown = repr(value) if len(str(value)) <= 60 else repr(str(value)[:60]) + "..."
    raise DataFormatError(
        f"{path}, column {col!r}, row {row + 2}: {shown} is not valid "
        f"({int(np.count_nonzero(bad))} such row(s)); valid: {valid}")


def _read_table(path):
    name = path.name
    text = text_of(path.read_bytes(), str(path))
    check_whole(text, str(path))
    df = read_csv_strict(text, str(path), dtype=str, keep_default_na=False, na_values=[""])
    unknown = [c for c in df.columns if c not in _COLUMNS[name]]
    if unknown:
        raise DataFormatError(f"{path}: unknown column(s) {unknown}; valid: {list(_COLUMNS[name])}")
    missing = [c for c in _REQUIRED[name] if c not in df.columns]
    if missing:
        raise DataFormatError(f"{path}: missing required column(s) {missing}")
    _check_text(df, path)
    for col in [c for c in df.columns if c.startswith("altlabels_")]:
        df[col] = df[col].str.replace("|", "\n", regex=False)
    return df


def _check_text(df, path):
    for col in df.columns:
        values = df[col].str.strip()
        df[col] = values.where(values != "")  # a blank cell is an empty cell
        if col in ("id", "occupation_id", "skill_id") and df[col].isna().any():
            _fail(path, col, df, df[col].isna(), "a non-empty id")
        limit = (MAX_ID_LENGTH if col in ("id", "occupation_id", "skill_id", "group", "parent")
                 else MAX_LABEL_LENGTH if col.startswith("label_") else MAX_TEXT_LENGTH)
        too_long = df[col].str.len() > limit
        if too_long.any():
            _fail(path, col, df, too_long.fillna(False), f"at most {limit} characters")
        if col in _CODES:
            pattern, valid = _CODES[col]
            bad = df[col].notna() & ~df[col].str.fullmatch(pattern).fillna(False)
            if bad.any():
                _fail(path, col, df, bad, valid)
        if col in _CHOICES:
            bad = df[col].notna() & ~df[col].isin(_CHOICES[col])
            if col == "relation":
                bad |= df[col].isna()
            if bad.any():
                _fail(path, col, df, bad, ", ".join(_CHOICES[col]))
    if "id" in df and df["id"].duplicated().any():
        _fail(path, "id", df, df["id"].duplicated(), "each id once")


def _parse_skills(df, path):
    for flag in ("digital", "transversal", "language"):
        if flag not in df:
            continue
        parsed = df[flag].str.lower().map(_BOOLS)
        bad = df[flag].notna() & parsed.isna()
        if bad.any():
            _fail(path, flag, df, bad, "true or false")
        df[flag] = parsed.fillna(False).astype(bool)
    if "digcomp_level" in df:
        level = pd.to_numeric(df["digcomp_level"], errors="coerce")
        bad = df["digcomp_level"].notna() & ~(level.between(1, 8) & (level % 1 == 0))
        if bad.any():
            _fail(path, "digcomp_level", df, bad, "a whole DigComp proficiency level 1-8")
        df["digcomp_level"] = level.astype("Int64")
    return df


def _parse_weights(rel, path):
    """Weights as numbers in (0, 1]; an empty cell takes the relation's default."""
    if "weight" not in rel:
        rel["weight"] = rel["relation"].map(RELATION_WEIGHTS)
        return rel
    weight = pd.to_numeric(rel["weight"], errors="coerce")
    bad = rel["weight"].notna() & ~(np.isfinite(weight) & (weight > 0) & (weight <= 1))
    if bad.any():
        _fail(path, "weight", rel, bad, "a number in (0, 1], or empty for the default "
              "(1.0 essential, 0.5 optional)")
    rel["weight"] = weight.fillna(rel["relation"].map(RELATION_WEIGHTS)).astype(float)
    return rel


def read_extension(folder):
    """Read a folder of extension CSV files into tables for :meth:`Taxonomy.extend`.

    Parameters
    ----------
    folder : str or path-like
        A folder with any of ``occupations.csv``, ``skills.csv``,
        ``relations.csv`` and ``skill_groups.csv`` (see the module docs).

    Returns
    -------
    dict
        Keys ``occupations``, ``skills`` (DataFrames indexed by id),
        ``relations`` (with ``weight``) and ``skill_hierarchy`` (``child``/``parent``
        edges from the skills' ``group`` and the groups' ``parent``), each
        present only when its file is; ``skill_groups`` likewise.

    Examples
    --------
    >>> from transitions import load_sample
    >>> from transitions.datasets import read_extension
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "skills.csv").write_text(
    ...     "id,label_en,label_nl,digital,digcomp\\n"
    ...     "sk-prompting,write prompts for AI assistants,prompts schrijven voor AI-assistenten,true,3.1\\n")
    >>> _ = (folder / "relations.csv").write_text(
    ...     "occupation_id,skill_id,relation\\nocc-bookkeeper,sk-prompting,optional\\n")
    >>> tax = load_sample().extend(**read_extension(folder))
    >>> bool(tax.skills.loc["sk-prompting", "digital"])
    True
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFormatError(f"{folder}: not a folder (expected one with {list(_COLUMNS)})")
    found = {name: folder / name for name in _COLUMNS if (folder / name).is_file()}
    if not found:
        raise DataFormatError(f"{folder}: none of {list(_COLUMNS)} found")
    out = {}
    edges = []
    if "occupations.csv" in found:
        occ = _read_table(found["occupations.csv"])
        out["occupations"] = occ.set_index("id")
    if "skills.csv" in found:
        skills = _parse_skills(_read_table(found["skills.csv"]), found["skills.csv"])
        skills = skills.set_index("id")
        if "group" in skills:
            g = skills["group"].dropna()
            edges.append(pd.DataFrame({"child": g.index, "parent": g.values}))
        out["skills"] = skills
    if "relations.csv" in found:
        rel = _parse_weights(_read_table(found["relations.csv"]), found["relations.csv"])
        pairs = rel.duplicated(["occupation_id", "skill_id"])
        if pairs.any():
            _fail(found["relations.csv"], "skill_id", rel, pairs,
                  "each (occupation_id, skill_id) pair once")
        out["relations"] = rel
    if "skill_groups.csv" in found:
        groups = _read_table(found["skill_groups.csv"]).set_index("id")
        if "parent" in groups:
            p = groups["parent"].dropna()
            edges.append(pd.DataFrame({"child": p.index, "parent": p.values}))
        out["skill_groups"] = groups.reindex(columns=["label_en", "label_nl"])
    if edges:
        out["skill_hierarchy"] = pd.concat(edges, ignore_index=True)
        cycle = hierarchy_cycle(out["skill_hierarchy"])
        if cycle:
            raise DataFormatError(
                f"{folder}: the skills' 'group' and the groups' 'parent' form a cycle: "
                f"{' -> '.join(cycle)}; every chain of groups must end at a top group")
    return out
