"""Import the official ESCO CSV download into a :class:`~transitions.Taxonomy`.

The importer reads the download as users get it from the ESCO portal, zipped
or extracted, in the v1.1.x layout (a language zip plus a language-neutral zip
of relations) and the v1.2.x layout (one language zip; relation files with an
``_en`` suffix and label columns). See :mod:`transitions.datasets._esco_files`
for how files are found and :func:`load_esco` for the result.

Known defects of the official exports are repaired where possible and always
reported as a counted :class:`~transitions.DataQualityWarning` with examples;
the same warnings are repeated when the taxonomy comes from the cache (they
are stored in ``metadata["defects"]``), so a load behaves the same cold or warm.

This service uses the ESCO classification of the European Commission.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, warn_defect
from .._i18n import LANGUAGES
from ..taxonomy import Taxonomy, hierarchy_cycle
from ._cache import cached_taxonomy
from ._digcomp import match_digcomp
from .._membership import member
from ._esco_csv import TEXT, read_csv
from ._esco_files import ROLES, SourceSet, esco_inputs, esco_key  # noqa: F401 (esco_key: API)
from ._esco_labels import LabelReader, clean_labels, clean_multi, read_concepts
from .._integrity import check_whole, text_of

__all__ = ["load_esco", "ESCO_ATTRIBUTION", "RELATION_WEIGHTS"]

ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
#: Weights of ESCO's occupation-skill relation types.
RELATION_WEIGHTS = {"essential": 1.0, "optional": 0.5}
_COLLECTIONS = ("digital", "digcomp", "transversal", "language", "green")
#: Share of concepts that may lack what a whole download gives them (relations, a broader
#: concept, an entry in the concept file) before a file counts as cut short. In v1.1.1 it is
#: 0 for every check except one occupation named by 67 relation rows (0.03%). Shares mean
#: little in a handful of concepts (hand-made test downloads), so the checks start at
#: ``STRUCTURAL_MIN_CONCEPTS``; a real release has thousands.
STRUCTURAL_TOLERANCE = 0.02
STRUCTURAL_MIN_CONCEPTS = 100


def _check_structure(n_bad, n_all, src, message):
    """A :class:`DataFormatError` when more than the tolerated share of concepts is affected."""
    if n_all >= STRUCTURAL_MIN_CONCEPTS and n_bad > STRUCTURAL_TOLERANCE * n_all:
        raise DataFormatError(
            f"{src.where}: {message} ({n_bad} of {n_all}); a whole ESCO download has (nearly) "
            f"none, so a file looks cut short or mixed from two releases: download it again")


def load_esco(path, labels=None, *, cache=True, data_home=None):
    """Load the ESCO classification from its official CSV download.

    Parameters
    ----------
    path : str or path-like
        The English classification as downloaded: a zip, a folder holding the
        zip(s) (v1.1.x: the ``... - en - csv.zip`` and the language-neutral
        ``... -  - csv.zip``), or an extracted folder.
    labels : dict of str to path-like, optional
        More label languages: maps a language code to a folder or zip of
        ``*_<lang>.csv`` files, e.g. ``{"nl": ".../esco/nl"}``. Occupations are
        labelled from ``occupations_<lang>.csv``; skills from
        ``skills_<lang>.csv`` or ``skills_<lang>_partial.csv`` (whose columns
        may carry a ``_<lang>`` suffix), else from the skill collections;
        groups from ``ISCOGroups_<lang>.csv`` and ``skillGroups_<lang>.csv``.
        Items without a label keep NaN (callers fall back to English); the
        coverage is in ``metadata["label_coverage"]``.
    cache : bool, default=True
        Read and write the cache in the data home (see
        :func:`transitions.get_data_home`), keyed by the files' contents.
    data_home : str or path-like, optional
        The data home; default ``TRANSITIONS_DATA`` or the user cache folder.

    Returns
    -------
    Taxonomy
        Named ``"esco-<version>"``.

        occupations (index: concept URI)
            ``label_<lang>``, ``altlabels_<lang>`` (newline-separated),
            ``description_<lang>`` for English, Dutch and each language of
            ``labels``; ``isco_code`` (4-digit ISCO-08 unit group),
            ``esco_code`` (e.g. ``"2411.1"``), ``nace_code`` when the release
            has it.
        skills (index: concept URI)
            The same label columns; ``skill_type``, ``reuse_level``;
            ``digital``, ``transversal``, ``language``, ``green`` (bool:
            member of ESCO's collection); ``digcomp``: for the skills of
            ESCO's DigComp collection the DigComp 2.2 competence (``"5.1"``)
            or, for a skill covering a whole area, the area (``"4"``),
            matched by label (see :mod:`transitions.datasets._digcomp`).
        relations
            ``essential`` (weight 1.0) and ``optional`` (0.5) links.
        occupation_hierarchy, occupation_groups
            Broader-concept edges; ISCO groups with ``code`` and labels.
        skill_hierarchy, skill_groups
            Broader-concept edges; skill groups with ``code`` and labels.
        skill_relations
            ESCO's skill-skill relations (``essential``/``optional``).

    Raises
    ------
    DataFormatError
        A file is missing, unreadable, truncated or lacks a column; the
        message names the file and column.
    InvalidParameterError
        ``labels`` is not a mapping of language codes to paths.

    Warns
    -----
    DataQualityWarning
        For each recoverable defect of the export, with counts and examples
        (e.g. relation rows naming occupations missing from the occupations
        file, which are dropped).

    Notes
    -----
    Every occupation of the occupations file is kept, including one with
    optional skills only (a warning names it); relation rows are kept only
    when both ends exist. In ESCO v1.1.1 that gives 3,007 occupations, 13,896
    skills and 123,788 relations.

    Examples
    --------
    >>> import transitions as tr
    >>> tax = tr.load_esco("esco/v1.1.1", labels={"nl": "esco/nl"})  # doctest: +SKIP
    >>> tax.summary()  # doctest: +SKIP
    """
    sources, plan, label_readers, files, params = esco_inputs(path, labels, LabelReader)

    def build():
        return _build(sources, plan, label_readers)

    tax = cached_taxonomy("esco", files, build, params=params, data_home=data_home, cache=cache)
    for defect in tax.metadata.get("defects", []):
        warn_defect(f"{defect['file']}: {defect['message']}", defect["examples"], stacklevel=3)
    return tax


class _Defects:
    """Collects the defects of one import: file, message with count, examples."""

    def __init__(self):
        self.items = []

    def add(self, file, message, examples=()):
        self.items.append(
            {"file": file, "message": message, "examples": [str(e) for e in list(examples)[:3]]}
        )


def _build(sources, plan, label_readers):
    defects = _Defects()
    occ = _occupations(plan["occupations"], defects)
    skills = _skills(plan["skills"], defects)
    rel = _relations(plan["relations"], occ, skills, defects)
    skills = _collections(plan, skills, defects)
    occ_groups, occ_edges = _occupation_hierarchy(plan, occ, defects)
    skill_groups, skill_edges = _skill_hierarchy(plan, skills, defects)
    skills["digcomp"] = _digcomp(plan, skills, skill_edges, defects)
    skill_rel = _skill_relations(plan["skill_relations"], skills, defects)

    langs = sorted(set(LANGUAGES) | set(label_readers))
    coverage = {}
    for lang in langs:
        if lang == "en":
            continue
        reader = label_readers.get(lang)
        tables = {
            "occupations": occ,
            "skills": skills,
            "occupation_groups": occ_groups,
            "skill_groups": skill_groups,
        }
        if reader is None:
            for t in tables.values():
                _add_empty_labels(t, lang)
            continue
        coverage[lang] = reader.apply(tables, defects)
    version = sources.version()
    metadata = {
        "source": f"ESCO {'v' + version if version else '(version unknown)'}, European Commission",
        "attribution": ESCO_ATTRIBUTION,
        "licence": "Commission Decision 2011/833/EU (reuse of Commission documents)",
        "esco_version": version,
        "layout": "1.2" if plan["relations"].name.lower().endswith("_en.csv") else "1.1",
        "files": {role: SourceSet.label(src) for role, src in plan.items() if src is not None},
        "label_languages": langs,
        "label_coverage": coverage,
        "relation_weights": dict(RELATION_WEIGHTS),
        "digcomp_source": "labels of ESCO's DigComp collection matched to DigComp 2.2 titles",
        "defects": defects.items,
    }
    occ, skills = _ordered(occ, langs), _ordered(skills, langs)
    return Taxonomy(
        occ,
        skills,
        rel,
        skill_hierarchy=skill_edges,
        occupation_hierarchy=occ_edges,
        skill_groups=skill_groups,
        occupation_groups=occ_groups,
        skill_relations=skill_rel,
        name=f"esco-{version}" if version else "esco",
        metadata=metadata,
    )


def _ordered(table, langs):
    """Labels first (English, Dutch, others), then codes and flags, then long text."""
    langs = sorted(
        langs,
        key=lambda lang: (
            lang not in LANGUAGES,
            LANGUAGES.index(lang) if lang in LANGUAGES else 0,
            lang,
        ),
    )
    first = [f"label_{lang}" for lang in langs]
    last = [f"{kind}_{lang}" for kind in ("altlabels", "description") for lang in langs]
    middle = [c for c in table.columns if c not in first and c not in last]
    return table[[c for c in first + middle + last if c in table.columns]]


# ---------------------------------------------------------------------- concepts
def _label_columns(df, src, defects, lang="en"):
    """``label_<lang>``, ``altlabels_<lang>``, ``description_<lang>`` from an ESCO concept table."""
    out = pd.DataFrame(index=df.index)
    out[f"label_{lang}"], padded = clean_labels(df["preferredLabel"])
    alt = df["altLabels"] if "altLabels" in df else pd.Series(np.nan, index=df.index, dtype=TEXT)
    out[f"altlabels_{lang}"], padded_alt = clean_multi(alt)
    desc = (
        df["description"] if "description" in df else pd.Series(np.nan, index=df.index, dtype=TEXT)
    )
    out[f"description_{lang}"] = desc.str.strip().astype(TEXT)
    if padded or padded_alt:
        defects.add(
            src.name,
            f"{padded} preferredLabel and {padded_alt} altLabels cell(s) had "
            f"entries with surrounding whitespace (stripped)",
        )
    missing = out[f"label_{lang}"].isna()
    if missing.any():
        defects.add(
            src.name, f"{int(missing.sum())} concept(s) without preferredLabel", out.index[missing]
        )
    return out


def _occupations(src, defects):
    df = read_concepts(
        src,
        defects,
        ("preferredLabel", "iscoGroup"),
        ("altLabels", "description", "code", "naceCode"),
        str_columns=("iscoGroup", "code", "naceCode"),
        min_rows=1,
    )
    out = _label_columns(df, src, defects)
    out["isco_code"] = df["iscoGroup"].str.strip().astype(TEXT)
    bad = out["isco_code"].notna() & ~out["isco_code"].str.fullmatch(r"\d{4}").fillna(False)
    if bad.any() or out["isco_code"].isna().any():
        n = int(bad.sum() + out["isco_code"].isna().sum())
        defects.add(
            src.name,
            f"{n} occupation(s) without a 4-digit iscoGroup",
            out.index[bad | out["isco_code"].isna()],
        )
    if "code" in df:
        out["esco_code"] = df["code"].astype(TEXT)
    if "naceCode" in df:
        out["nace_code"] = clean_multi(df["naceCode"])[0]
    return out


def _skills(src, defects):
    df = read_concepts(
        src, defects, ("preferredLabel", "skillType", "reuseLevel"), ("altLabels", "description"),
        min_rows=1,
    )
    out = _label_columns(df, src, defects)
    for col, name in (("skillType", "skill_type"), ("reuseLevel", "reuse_level")):
        out[name] = df[col].astype(TEXT)
        empty = out[name].isna()
        if empty.any():
            defects.add(
                src.name,
                f"{int(empty.sum())} skill(s) with an empty {col}",
                out.loc[empty, "label_en"],
            )
    return out


def _relations(src, occ, skills, defects):
    df = read_csv(src, ("occupationUri", "relationType", "skillUri"), ("skillType",), min_rows=1)
    name = src.name
    bad_type = ~df["relationType"].isin(list(RELATION_WEIGHTS))
    if bad_type.any():
        defects.add(
            name,
            f"{int(bad_type.sum())} relation row(s) with a relationType other than "
            f"{list(RELATION_WEIGHTS)} (dropped)",
            df.loc[bad_type, "relationType"].unique(),
        )
    if "skillType" in df:
        empty = df["skillType"].isna()
        if empty.any():
            defects.add(
                name,
                f"{int(empty.sum())} relation row(s) with an empty skillType "
                f"(kept; the skill's own type is used)",
                df.loc[empty, "skillUri"].unique(),
            )
    bad_occ = ~member(df["occupationUri"], occ.index)
    n_occ = df["occupationUri"].nunique()
    _check_structure(df.loc[bad_occ, "occupationUri"].nunique(), n_occ, src,
                     "relations name occupations that the occupations file lacks")
    bad_skill = ~member(df["skillUri"], skills.index)
    _check_structure(df.loc[bad_skill, "skillUri"].nunique(), df["skillUri"].nunique(), src,
                     "relations name skills that the skills file lacks")
    if bad_occ.any():
        ids = df.loc[bad_occ, "occupationUri"].unique()
        defects.add(
            name,
            f"{int(bad_occ.sum())} relation row(s) name {len(ids)} occupation(s) "
            f"missing from the occupations file (dropped)",
            ids,
        )
    if bad_skill.any():
        ids = df.loc[bad_skill, "skillUri"].unique()
        defects.add(
            name,
            f"{int(bad_skill.sum())} relation row(s) name {len(ids)} skill(s) "
            f"missing from the skills file (dropped)",
            ids,
        )
    df = df[["occupationUri", "skillUri", "relationType"]]
    drop = bad_type | bad_occ | bad_skill
    if drop.any():
        df = df[~drop]
    rel = pd.DataFrame(
        {
            "occupation_id": df["occupationUri"].array,
            "skill_id": df["skillUri"].array,
            "relation": df["relationType"].array,
        }
    )
    # A pair listed twice keeps its strongest link (essential sorts first). The pair
    # test runs on integer codes: cheaper than DataFrame.duplicated on two text columns.
    occ_codes, occ_ids = pd.factorize(rel["occupation_id"])
    dup = _pair_duplicated(occ_codes, rel["skill_id"])
    if dup.any():
        n = int(rel[dup].duplicated(["occupation_id", "skill_id"]).sum())
        defects.add(
            name,
            f"{n} repeated (occupation, skill) relation row(s) (strongest kept)",
            rel.loc[dup, "occupation_id"].unique(),
        )
        rel = (
            rel.sort_values("relation", kind="stable")
            .drop_duplicates(["occupation_id", "skill_id"])
            .sort_index()
        )
        occ_codes, occ_ids = pd.factorize(rel["occupation_id"])
    essential = (rel["relation"] == "essential").to_numpy(dtype=bool)
    rel["weight"] = np.where(essential, RELATION_WEIGHTS["essential"], RELATION_WEIGHTS["optional"])
    # Occupations with links, and with essential links, from the distinct ids only.
    has_rel = member(occ.index, occ_ids)
    _check_structure(int((~has_rel).sum()), len(occ), src, "occupations without any skill relation")
    if not has_rel.all():
        defects.add(
            name,
            f"{int((~has_rel).sum())} occupation(s) without any skill relation (kept)",
            occ.loc[~has_rel, "label_en"],
        )
    has_ess = member(occ.index, occ_ids[np.unique(occ_codes[essential])])
    no_ess = has_rel & ~has_ess
    if no_ess.any():
        defects.add(
            name,
            f"{int(no_ess.sum())} occupation(s) with optional skills only, no "
            f"essential skill (kept)",
            occ.loc[no_ess, "label_en"],
        )
    return rel.reset_index(drop=True)


def _pair_duplicated(first_codes, second):
    """Rows whose (first, second) pair occurs more than once (all of them flagged)."""
    second_codes, second_ids = pd.factorize(second)
    key = first_codes.astype(np.int64) * max(len(second_ids), 1) + second_codes
    return pd.Index(key).duplicated(keep=False) if len(key) else np.zeros(0, dtype=bool)


def _collections(plan, skills, defects):
    for role in _COLLECTIONS:
        src = plan[role]
        if src is None:
            defects.add(
                ROLES[role][0].format(lang="en"),
                f"file not in the download: the skills' '{role}' flag is False throughout",
            )
            skills[role] = False
            continue
        members = read_csv(src, ("conceptUri",))["conceptUri"].dropna()
        if role == "digital":
            _check_against_scheme(members, plan, src)
        if members.empty:
            defects.add(src.name, f"no rows: the skills' '{role}' flag is False throughout")
        unknown = ~member(members, skills.index)
        if unknown.any():
            defects.add(
                src.name,
                f"{int(unknown.sum())} member(s) not in the skills file (ignored)",
                members[unknown],
            )
        skills[role] = member(skills.index, members)
    return skills


def _check_against_scheme(members, plan, src):
    """The digital collection file must list the members that ``conceptSchemes`` gives its
    scheme (the one count ESCO publishes: 1,201 in v1.1.1)."""
    schemes = plan.get("concept_schemes")
    if schemes is None:
        return
    df = read_csv(schemes, ("preferredLabel", "hasTopConcept"))
    row = df[df["preferredLabel"].str.strip().str.lower() == "digital"]
    if row.empty or row["hasTopConcept"].isna().all():
        return
    stated = pd.Index(row["hasTopConcept"].dropna().iloc[0].replace("\n", ",").split(","))
    stated = stated.str.strip()
    stated = stated[stated != ""].unique()
    missing = int((~member(stated, members)).sum())
    if missing:
        raise DataFormatError(
            f"{src.where}: lists {len(stated) - missing} of the {len(stated)} skills that "
            f"{schemes.name} names as ESCO's digital collection: the file looks cut short or "
            f"comes from another release; download it again")


def _digcomp(plan, skills, skill_edges, defects):
    codes = pd.Series(np.nan, index=skills.index, dtype=TEXT)
    if plan["digcomp"] is None:
        return codes
    members = skills.index[skills["digcomp"]]
    table = pd.DataFrame(
        {"label": skills.loc[members, "label_en"], "altlabels": skills.loc[members, "altlabels_en"]}
    )
    matched, problems = match_digcomp(table, skill_edges)
    if problems:
        defects.add(
            plan["digcomp"].name,
            f"{len(problems)} DigComp collection skill(s) without a DigComp 2.2 code by label",
            problems,
        )
    codes.loc[members] = matched.astype(object).where(matched.notna(), np.nan).to_numpy()
    return codes.astype(TEXT)


# ---------------------------------------------------------------------- hierarchies
def _edges(src, nodes, defects, child="conceptUri", parent="broaderUri"):
    df = read_csv(src, (child, parent), min_rows=1)
    df = df.dropna()
    known_child, known_parent = member(df[child], nodes), member(df[parent], nodes)
    unknown = ~(known_child & known_parent)
    if unknown.any():
        ids = pd.unique(
            np.concatenate(
                [df.loc[~known_child, child].to_numpy(), df.loc[~known_parent, parent].to_numpy()]
            )
        )
        defects.add(
            src.name,
            f"{int(unknown.sum())} edge(s) name {len(ids)} concept(s) not in the "
            f"classification (dropped)",
            ids,
        )
    df = df[~unknown].drop_duplicates()
    edges = pd.DataFrame({"child": df[child].array, "parent": df[parent].array})
    cycle = hierarchy_cycle(edges)
    if cycle:
        raise DataFormatError(
            f"{src.where}: the broader relations form a cycle: {' -> '.join(cycle)}; ESCO's "
            f"hierarchy has none (is the file edited?)")
    return edges


def _groups_frame(ids, labels, codes):
    out = pd.DataFrame({"label_en": labels, "code": codes}, index=pd.Index(ids, name="id"))
    return out.astype({"label_en": TEXT, "code": TEXT})


def _occupation_hierarchy(plan, occ, defects):
    groups = _groups_frame([], [], [])
    if plan["isco_groups"] is not None:
        src = plan["isco_groups"]
        df = read_concepts(src, defects, ("preferredLabel", "code"), str_columns=("code",))
        labels, _ = clean_labels(df["preferredLabel"])
        groups = _groups_frame(df.index, labels.array, df["code"].array)
    edges = pd.DataFrame({"child": pd.Series(dtype=TEXT), "parent": pd.Series(dtype=TEXT)})
    if plan["broader_occupations"] is not None:
        nodes = occ.index.append(groups.index)
        edges = _edges(plan["broader_occupations"], nodes, defects)
        orphans = int((~member(occ.index, edges["child"])).sum())
        _check_structure(orphans, len(occ), plan["broader_occupations"],
                         "occupations without a broader concept in it or in ISCOGroups")
    else:
        defects.add(ROLES["broader_occupations"][1], "file not in the download: no occupation "
                    "hierarchy (ISCO groups)")
    return groups, edges


def _skill_hierarchy(plan, skills, defects):
    groups = _groups_frame([], [], [])
    if plan["skill_groups"] is not None:
        src = plan["skill_groups"]
        df = read_concepts(src, defects, ("preferredLabel",), ("code",), str_columns=("code",))
        labels, _ = clean_labels(df["preferredLabel"])
        code = df["code"] if "code" in df else pd.Series(np.nan, index=df.index)
        groups = _groups_frame(df.index, labels.array, code.array)
    if plan["skills_hierarchy"] is not None:
        groups = _add_hierarchy_nodes(plan["skills_hierarchy"], groups, defects)
    else:
        defects.add(ROLES["skills_hierarchy"][0].format(lang="en"), "file not in the download: "
                    "skill groups missing from skillGroups have no label, their edges are dropped")
    edges = pd.DataFrame({"child": pd.Series(dtype=TEXT), "parent": pd.Series(dtype=TEXT)})
    if plan["broader_skills"] is not None:
        nodes = skills.index.append(groups.index)
        edges = _edges(plan["broader_skills"], nodes, defects)
        orphans = int((~member(skills.index, edges["child"])).sum())
        _check_structure(orphans, len(skills), plan["broader_skills"],
                         "skills without a broader concept in it or in skillGroups")
    else:
        defects.add(ROLES["broader_skills"][1], "file not in the download: no skill hierarchy "
                    "(similarities without broader skills, DigComp areas from the collection only)")
    return groups, edges


def _add_hierarchy_nodes(src, groups, defects):
    """Add the groups that only the hierarchy names, and the hierarchy codes, to ``groups``.

    The file is small and has short rows (trailing empty cells omitted), which
    are counted here, so it is read with the csv module rather than pandas.
    """
    text = text_of(src.read_bytes(), src.where)
    # Short rows are this file's known defect; a short *last* row without a line break is a cut.
    check_whole(text, src.where, final_newline=True)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0] if rows else []
    if len(rows) < 2:
        raise DataFormatError(f"{src.where}: no data rows, only a header; the file is empty or "
                              f"cut: download the ESCO files again")
    if "Level 0 URI" not in header:
        raise DataFormatError(f"{src.where}: missing column(s) ['Level 0 URI']; found {header}")
    short = [i + 2 for i, row in enumerate(rows[1:]) if len(row) < len(header)]
    if short:
        defects.add(
            src.name,
            f"{len(short)} row(s) shorter than the header (trailing empty "
            f"columns omitted; read as empty)",
            [f"line {n}" for n in short],
        )
    col = {name: i for i, name in enumerate(header)}
    nodes = {}
    for row in rows[1:]:
        for k in range(4):
            i = col.get(f"Level {k} URI")
            uri = row[i].strip() if i is not None and i < len(row) else ""
            if uri and uri not in nodes:
                cells = [
                    row[col[c]] if c in col and col[c] < len(row) else ""
                    for c in (f"Level {k} preferred term", f"Level {k} code")
                ]
                nodes[uri] = [c.strip() or np.nan for c in cells]
    if not nodes:
        return groups
    nodes = pd.DataFrame.from_dict(nodes, orient="index", columns=["label_en", "code"])
    new = nodes.loc[~member(nodes.index, groups.index)]
    if len(new):
        defects.add(
            src.name,
            f"{len(new)} skill group(s) missing from skillGroups (added with the hierarchy's "
            f"labels and codes)",
            new["label_en"].fillna("?") + " (" + new.index.to_series() + ")",
        )
    groups = pd.concat(
        [groups, _groups_frame(new.index, new["label_en"].to_numpy(), new["code"].to_numpy())]
    )
    # Hierarchy codes (e.g. "S1.2") where skillGroups has none.
    codes = nodes["code"].astype(TEXT).reindex(groups.index)
    groups["code"] = groups["code"].fillna(codes).astype(TEXT)
    return groups


def _skill_relations(src, skills, defects):
    if src is None:
        defects.add(ROLES["skill_relations"][1], "file not in the download: no skill-skill "
                    "relations")
        return None
    df = read_csv(src, ("originalSkillUri", "relationType", "relatedSkillUri"), min_rows=1)
    edges = _edges_known(df, skills, src, defects)
    return edges


def _edges_known(df, skills, src, defects):
    ok = member(df["originalSkillUri"], skills.index) & member(df["relatedSkillUri"], skills.index)
    if not ok.all():
        defects.add(
            src.name,
            f"{int((~ok).sum())} row(s) name skills not in the skills file (dropped)",
            df.loc[~ok, "originalSkillUri"].unique(),
        )
    df = df[ok]
    return pd.DataFrame(
        {
            "skill_id": df["originalSkillUri"].array,
            "related_skill_id": df["relatedSkillUri"].array,
            "relation": df["relationType"].array,
        }
    )


def _add_empty_labels(table, lang):
    kinds = ("label", "altlabels", "description") if "altlabels_en" in table else ("label",)
    for kind in kinds:
        table[f"{kind}_{lang}"] = pd.Series(np.nan, index=table.index, dtype=TEXT)
