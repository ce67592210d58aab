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

Unknown columns, bad booleans, DigComp codes or levels raise
:class:`~transitions.DataFormatError` naming the file, column and row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..digcomp import COMPETENCE_CODES
from ..exceptions import DataFormatError

__all__ = ["read_extension", "DIGCOMP_COMPETENCES"]

#: The 21 competence codes of DigComp 2.2.
DIGCOMP_COMPETENCES = COMPETENCE_CODES
RELATION_WEIGHTS = {"essential": 1.0, "optional": 0.5}

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


def _read_table(path):
    name = path.name
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"{path}: not a readable UTF-8 CSV file ({exc})") from exc
    unknown = [c for c in df.columns if c not in _COLUMNS[name]]
    if unknown:
        raise DataFormatError(f"{path}: unknown column(s) {unknown}; valid: {list(_COLUMNS[name])}")
    missing = [c for c in _REQUIRED[name] if c not in df.columns]
    if missing:
        raise DataFormatError(f"{path}: missing required column(s) {missing}")
    for col in [c for c in df.columns if c.startswith("altlabels_")]:
        df[col] = df[col].str.replace("|", "\n", regex=False)
    return df


def _parse_skills(df, path):
    for flag in ("digital", "transversal", "language"):
        if flag not in df:
            continue
        parsed = df[flag].str.strip().str.lower().map(_BOOLS)
        bad = df[flag].notna() & parsed.isna()
        if bad.any():
            row = bad.idxmax()
            raise DataFormatError(
                f"{path}, column {flag!r}, row {row + 2}: {df.at[row, flag]!r} is not a boolean "
                f"(use true/false)"
            )
        df[flag] = parsed.fillna(False).astype(bool)
    if "digcomp" in df:
        bad = df["digcomp"].notna() & ~df["digcomp"].isin(DIGCOMP_COMPETENCES)
        if bad.any():
            row = bad.idxmax()
            raise DataFormatError(
                f"{path}, column 'digcomp', row {row + 2}: {df.at[row, 'digcomp']!r} is not a "
                f"DigComp 2.2 competence; valid: {', '.join(DIGCOMP_COMPETENCES)}"
            )
    if "digcomp_level" in df:
        level = pd.to_numeric(df["digcomp_level"], errors="coerce")
        bad = df["digcomp_level"].notna() & ~level.between(1, 8)
        if bad.any():
            row = bad.idxmax()
            raise DataFormatError(
                f"{path}, column 'digcomp_level', row {row + 2}: {df.at[row, 'digcomp_level']!r} "
                f"is not a DigComp proficiency level 1-8"
            )
        df["digcomp_level"] = level.astype("Int64")
    return df


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
        rel = _read_table(found["relations.csv"])
        if "weight" in rel:
            rel["weight"] = pd.to_numeric(rel["weight"], errors="coerce")
        else:
            rel["weight"] = float("nan")
        rel["weight"] = rel["weight"].fillna(rel["relation"].map(RELATION_WEIGHTS))
        out["relations"] = rel
    if "skill_groups.csv" in found:
        groups = _read_table(found["skill_groups.csv"]).set_index("id")
        if "parent" in groups:
            p = groups["parent"].dropna()
            edges.append(pd.DataFrame({"child": p.index, "parent": p.values}))
        out["skill_groups"] = groups.reindex(columns=["label_en", "label_nl"])
    if edges:
        out["skill_hierarchy"] = pd.concat(edges, ignore_index=True)
    return out
