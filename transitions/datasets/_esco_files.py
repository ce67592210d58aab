"""Finding and reading the CSV files of an ESCO download, zipped or extracted.

ESCO is published as zips of CSV files. Version 1.1.x ships a language zip
(``occupations_en.csv``, ``skills_en.csv``, ...) and a language-neutral zip
(``occupationSkillRelations.csv``, ``broaderRelationsOccPillar.csv``, ...);
version 1.2.x puts everything in the language zip and suffixes the relation
files too (``occupationSkillRelations_en.csv``, which also carries label
columns). Users pass whatever they have: one zip, a folder of zips, or an
extracted folder. :class:`SourceSet` indexes all CSV files found there by
their base name, so the rest of the importer asks for a *role* ("relations")
and never for a location.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError
from .._integrity import check_whole, read_csv_strict, text_of

__all__ = ["SourceSet", "read_csv"]

#: The dtype pandas gives text read from CSV: object (pandas 2) or str (pandas 3).
TEXT = pd.Series(["x"]).dtype
#: Base file names per role, first match wins; ``{lang}`` is the language code.
ROLES = {
    "occupations": ("occupations_{lang}.csv",),
    "skills": ("skills_{lang}.csv", "skills_{lang}_partial.csv"),
    "relations": ("occupationSkillRelations_{lang}.csv", "occupationSkillRelations.csv"),
    "skill_relations": ("skillSkillRelations_{lang}.csv", "skillSkillRelations.csv"),
    "broader_occupations": (
        "broaderRelationsOccPillar_{lang}.csv",
        "broaderRelationsOccPillar.csv",
    ),
    "broader_skills": ("broaderRelationsSkillPillar_{lang}.csv", "broaderRelationsSkillPillar.csv"),
    "isco_groups": ("ISCOGroups_{lang}.csv",),
    "skill_groups": ("skillGroups_{lang}.csv",),
    "skills_hierarchy": ("skillsHierarchy_{lang}.csv",),
    "digital": ("digitalSkillsCollection_{lang}.csv",),
    "digcomp": ("digCompSkillsCollection_{lang}.csv",),
    "transversal": ("transversalSkillsCollection_{lang}.csv",),
    "language": ("languageSkillsCollection_{lang}.csv",),
    "green": ("greenSkillsCollection_{lang}.csv",),
    "research_skills": ("researchSkillsCollection_{lang}.csv",),
    "concept_schemes": ("conceptSchemes_{lang}.csv",),
}
_VERSION_RE = re.compile(r"(?<![\w.])v(\d+\.\d+\.\d+)(?![\w.])")
_LANG_FILE_RE = re.compile(r"_([a-z]{2,3})(?:_partial)?\.csv\Z", re.IGNORECASE)


@dataclass(frozen=True)
class CsvSource:
    """One CSV file: on disk (``member`` is None) or inside the zip ``path``."""

    name: str
    path: Path
    member: str | None = None
    size: int = -1  # uncompressed bytes, to tell a copy from a different file of the same name

    @property
    def where(self):
        """Human-readable location for messages: ``file`` or ``zip:member``."""
        return str(self.path) if self.member is None else f"{self.path.name}:{self.member}"

    @contextlib.contextmanager
    def open(self):
        """A binary stream of the file; a broken zip is a :class:`DataFormatError`."""
        try:
            if self.member is None:
                with open(self.path, "rb") as f:
                    yield f
            else:
                with zipfile.ZipFile(self.path) as zf, zf.open(self.member) as f:
                    yield f
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise DataFormatError(
                f"{self.path}: cannot read {self.member or 'the file'!r} ({exc}); "
                f"the download may be truncated, download it again"
            ) from exc

    def read_bytes(self):
        """The whole file."""
        with self.open() as f:
            return f.read()


class SourceSet:
    """The CSV files of a folder or zip, indexed by lower-case base name.

    Parameters
    ----------
    path : path-like
        A zip, a folder of CSV files, a folder holding zips, or a folder with
        one level of sub-folders (an extracted zip).
    what : str
        Used in messages ("ESCO classification", "Dutch labels").
    """

    def __init__(self, path, what="ESCO download"):
        self.root = Path(path).expanduser()
        self.what = what
        self.files = {}
        self.physical = []  # the files on disk (zips, CSVs) whose content enters the cache key
        if not self.root.exists():
            raise DataFormatError(f"{self.root}: no such file or folder ({what})")
        if self.root.is_file():
            self._add_zip(self.root)
        else:
            for entry in sorted(self.root.iterdir()):
                if entry.is_dir():
                    for sub in sorted(entry.iterdir()):
                        self._add_entry(sub)
                else:
                    self._add_entry(entry)
        if not self.files:
            raise DataFormatError(
                f"{self.root}: no CSV files found ({what}); expected the official ESCO CSV "
                f"download: a zip, a folder of zips, or an extracted folder"
            )

    def _add_entry(self, entry):
        suffix = entry.suffix.lower()
        if suffix == ".csv" and entry.is_file():
            self._add(CsvSource(entry.name, entry, None, entry.stat().st_size), entry)
        elif suffix == ".zip" and entry.is_file():
            self._add_zip(entry)

    def _add_zip(self, path):
        try:
            with zipfile.ZipFile(path) as zf:
                members = [(i.filename, i.file_size) for i in zf.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError) as exc:
            raise DataFormatError(
                f"{path}: not a readable zip file ({exc}); expected the ESCO CSV download (a zip "
                f"or a folder); if it is the zip, it may be truncated: download it again"
            ) from exc
        added = False
        for member, size in sorted(members):
            base = member.rsplit("/", 1)[-1]
            if base.lower().endswith(".csv") and not base.startswith("."):
                added |= self._add(CsvSource(base, path, member, size), None)
        if added:
            self.physical.append(path)

    def _add(self, source, physical):
        key = source.name.lower()
        known = self.files.get(key)
        if known is not None:
            if known.size != source.size:  # two downloads (e.g. two versions) mixed in one folder
                raise DataFormatError(
                    f"{self.root}: two different files named {source.name!r} ({known.where} and "
                    f"{source.where}); keep one ESCO download per folder"
                )
            return False  # a zip and its extracted copy side by side
        self.files[key] = source
        if physical is not None:
            self.physical.append(physical)
        return True

    # ------------------------------------------------------------------ lookups
    def find(self, role, lang="en"):
        """The :class:`CsvSource` for ``role`` in ``lang``, or None."""
        for pattern in ROLES[role]:
            src = self.files.get(pattern.format(lang=lang).lower())
            if src is not None:
                return src
        return None

    def require(self, role, lang="en"):
        """Like :meth:`find`, but a missing file is a :class:`DataFormatError`."""
        src = self.find(role, lang)
        if src is None:
            names = " or ".join(repr(p.format(lang=lang)) for p in ROLES[role])
            raise DataFormatError(
                f"{self.root}: the {self.what} lacks {names} ({role}); "
                f"found: {sorted(s.name for s in self.files.values())[:12]}"
            )
        return src

    def languages(self):
        """Language codes of the ``*_<lang>.csv`` files present, sorted."""
        found = {m.group(1).lower() for m in map(_LANG_FILE_RE.search, self.files) if m}
        return sorted(found)

    def version(self):
        """The ESCO version in the download's names (e.g. ``"1.1.1"`` from
        ``ESCO dataset - v1.1.1 - ...``), or None.

        Only the zip names, the folders inside them and the name of ``path``
        itself are looked at, never the folders above it.
        """
        names = []
        for src in self.files.values():
            if src.member is not None:
                names += [src.path.name, src.member]
            else:
                names.append(src.path.parent.name)
        names.append(self.root.name)
        for name in names:
            m = _VERSION_RE.search(name)
            if m:
                return m.group(1)
        return None

    @staticmethod
    def label(src):
        """Where ``src`` is, without the folders above the download (for metadata)."""
        return src.path.name if src.member is None else f"{src.path.name}:{src.member}"

    def used_physical(self, sources):
        """The files on disk that hold ``sources`` (for the cache key)."""
        return sorted({s.path for s in sources if s is not None})


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
