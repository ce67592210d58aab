"""Check a download made by hand before importing it (ESCO has no stable download URL).

:func:`check_esco` looks at a folder or zip the user downloaded from the
ESCO portal the way the importer does (:class:`._esco_files.SourceSet`) and
reports, per file the importer reads, whether it is there, how many rows and
which required columns it has, and whether the zips are byte-identical to an
official release known to the project's source manifest.
"""

from __future__ import annotations

import pandas as pd

from ..exceptions import DataFormatError
from .._hashing import file_sha256
from ._esco_files import ROLES, SourceSet

__all__ = ["check_esco"]

#: Files the importer cannot do without, and the columns it needs in them.
REQUIRED = {
    "occupations": ("conceptUri", "preferredLabel"),
    "skills": ("conceptUri", "preferredLabel"),
    "relations": ("occupationUri", "skillUri", "relationType"),
}
#: What is lost without each optional file.
OPTIONAL = {
    "broader_skills": "the skill hierarchy (similarity through broader skills)",
    "skills_hierarchy": "the skill groups' titles and codes",
    "isco_groups": "ISCO group titles",
    "skill_groups": "skill-group titles",
    "broader_occupations": "the occupation hierarchy",
    "skill_relations": "skill-to-skill relations",
    "digital": "the digital-skill flags",
    "digcomp": "the DigComp skill collection",
    "transversal": "the transversal-skill flags",
    "language": "the language-skill flags",
    "green": "the green-skill flags",
    "research_skills": "the research-skill flags",
    "concept_schemes": "the check of the collections against ESCO's concept schemes",
}


def check_esco(path, lang="en"):
    """Report on an ESCO download: what is there, what is missing, whether it is official.

    Parameters
    ----------
    path : path-like
        A zip, a folder of zips or an extracted folder (as :func:`transitions.load_esco`).
    lang : str, default="en"
        The language of the classification files.

    Returns
    -------
    dict
        ``files``: one dict per role (``role``, ``status`` "ok"/"missing"/"bad",
        ``file``, ``rows``, ``note``); ``complete`` (every required file and
        column present); ``version``; ``official`` (the known release the zips
        match, or None); ``notes``; ``summary``.

    Examples
    --------
    >>> from transitions.datasets.check import check_esco
    >>> from transitions.datasets.sample import sample_path
    >>> check_esco(sample_path("occupations.csv").parent)["complete"]
    False
    """
    try:
        found = SourceSet(path, "ESCO download")
    except DataFormatError as exc:
        return {"files": [{"role": "download", "status": "bad", "file": str(path), "rows": None,
                           "note": str(exc)}], "complete": False, "version": None,
                "official": None, "notes": [], "summary": str(exc)}
    files, problems = [], []
    for role in ROLES:
        src = found.find(role, lang)
        need = REQUIRED.get(role)
        if src is None:
            names = " or ".join(p.format(lang=lang) for p in ROLES[role])
            lost = OPTIONAL.get(role, role.replace("_", " "))
            note = "required" if need else f"optional: without it, no {lost}"
            files.append({"role": role, "status": "missing", "file": None, "rows": None,
                          "note": f"{names} ({note})"})
            if need:
                problems.append(f"no {names}")
            continue
        status, note, rows = "ok", "", None
        try:
            with src.open() as f:
                frame = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")
            rows = len(frame)
            lacking = [c for c in (need or ()) if c not in frame.columns]
            if lacking:
                status, note = "bad", f"missing column(s) {lacking}"
                problems.append(f"{src.name} lacks {lacking}")
            elif not rows:
                status, note = "bad", "no rows"
                if need:
                    problems.append(f"{src.name} has no rows")
            else:
                note = f"{rows:,} rows"
        except (pd.errors.ParserError, UnicodeDecodeError, DataFormatError, OSError) as exc:
            status, note = "bad", f"unreadable ({str(exc).splitlines()[0]})"
            if need:
                problems.append(f"{src.name} unreadable")
        files.append({"role": role, "status": status, "file": src.where, "rows": rows,
                      "note": note})
    official, notes = _official(found)
    version = found.version()
    complete = not problems
    summary = ("every required file is there" if complete else "; ".join(problems))
    if version:
        summary += f" (ESCO v{version})"
    return {"files": files, "complete": complete, "version": version, "official": official,
            "notes": notes, "summary": summary}


def _official(found):
    """Whether the zips are byte-identical to a release the manifest knows."""
    from .fetchers import sources

    known = sources().get("esco", {}).get("known_files", {})
    version = sources().get("esco", {}).get("version")
    zips = [p for p in found.physical if str(p).lower().endswith(".zip")]
    if not zips:
        return None, ["(no zip files: the byte-identity with an official release is not checked)"]
    notes, matched = [], []
    for z in zips:
        sha = file_sha256(z)
        hit = [name for name, h in known.items() if h == sha]
        if hit:
            matched.append(z.name)
            notes.append(f"{z.name}: identical to the official {version} file")
        else:
            notes.append(f"{z.name}: not a file the project knows (SHA-256 {sha[:12]}...)")
    return (version if matched and len(matched) == len(zips) else None), notes
