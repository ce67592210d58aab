"""The DigComp 2.2 framework: 5 areas, 21 competences, 8 proficiency levels.

DigComp 2.2 (Vuorikari, Kluzer & Punie, 2022, JRC128415, CC BY 4.0) is the
EU's reference for the digital competence of citizens. Workers rate
themselves per competence (or per area) on its eight proficiency levels;
skills in a taxonomy may carry a competence code (``digcomp``) and the level
they need (``digcomp_level``). The titles below are the framework's own
English names and the project's Dutch rendering of them.

Examples
--------
>>> from transitions import digcomp_competences
>>> digcomp_competences().loc["3.4", ["area", "title_en", "title_nl"]].tolist()
['3', 'Programming', 'Programmeren']
>>> len(digcomp_competences()), len(digcomp_areas())
(21, 5)
"""

from __future__ import annotations

import math
import numbers

import pandas as pd

from .exceptions import InvalidParameterError

__all__ = ["digcomp_competences", "digcomp_areas", "digcomp_levels", "parse_digcomp_assessment",
           "competence_levels", "unit_levels", "unit_title", "skill_areas", "COMPETENCE_CODES",
           "AREA_CODES", "UNIT_CODES", "LEVELS", "ESCO_GROUP_AREAS"]

_AREAS = (
    ("1", "Information and data literacy", "Informatie- en datageletterdheid"),
    ("2", "Communication and collaboration", "Communicatie en samenwerking"),
    ("3", "Digital content creation", "Digitale content maken"),
    ("4", "Safety", "Veiligheid"),
    ("5", "Problem solving", "Problemen oplossen"),
)

_COMPETENCES = (
    ("1.1", "Browsing, searching and filtering data, information and digital content",
     "Data, informatie en digitale content zoeken, doorbladeren en filteren"),
    ("1.2", "Evaluating data, information and digital content",
     "Data, informatie en digitale content beoordelen"),
    ("1.3", "Managing data, information and digital content",
     "Data, informatie en digitale content beheren"),
    ("2.1", "Interacting through digital technologies", "Interactie via digitale technologie"),
    ("2.2", "Sharing through digital technologies", "Delen via digitale technologie"),
    ("2.3", "Engaging in citizenship through digital technologies",
     "Burgerschap uitoefenen via digitale technologie"),
    ("2.4", "Collaborating through digital technologies", "Samenwerken via digitale technologie"),
    ("2.5", "Netiquette", "Netiquette"),
    ("2.6", "Managing digital identity", "Digitale identiteit beheren"),
    ("3.1", "Developing digital content", "Digitale content ontwikkelen"),
    ("3.2", "Integrating and re-elaborating digital content",
     "Digitale content integreren en bewerken"),
    ("3.3", "Copyright and licences", "Auteursrecht en licenties"),
    ("3.4", "Programming", "Programmeren"),
    ("4.1", "Protecting devices", "Apparaten beschermen"),
    ("4.2", "Protecting personal data and privacy", "Persoonsgegevens en privacy beschermen"),
    ("4.3", "Protecting health and well-being", "Gezondheid en welzijn beschermen"),
    ("4.4", "Protecting the environment", "Het milieu beschermen"),
    ("5.1", "Solving technical problems", "Technische problemen oplossen"),
    ("5.2", "Identifying needs and technological responses",
     "Behoeften en technologische oplossingen herkennen"),
    ("5.3", "Creatively using digital technologies", "Digitale technologie creatief gebruiken"),
    ("5.4", "Identifying digital competence gaps", "Lacunes in digitale competentie herkennen"),
)

# Level groups of the framework: two levels each.
_LEVEL_GROUPS = (
    ("Foundation", "Basis"),
    ("Intermediate", "Gemiddeld"),
    ("Advanced", "Gevorderd"),
    ("Highly specialised", "Hooggespecialiseerd"),
)

#: The 21 competence codes, in framework order.
COMPETENCE_CODES = tuple(c for c, _, _ in _COMPETENCES)
#: The 5 area codes.
AREA_CODES = tuple(a for a, _, _ in _AREAS)
#: What a skill can be tagged with: a competence, or a whole area (ESCO tags
#: a few broad skills such as "ICT safety" with an area).
UNIT_CODES = COMPETENCE_CODES + AREA_CODES
#: The proficiency levels.
LEVELS = tuple(range(1, 9))

#: ESCO skill groups of the "working with computers" branch (S5) and the DigComp area
#: their skills exercise, authored by the project from the two frameworks' titles. Used
#: only to group digital skills by area where a skill has no DigComp code of its own;
#: S5.0 (working with computers, general) and S5.7 (controlling machinery) have no
#: DigComp counterpart.
ESCO_GROUP_AREAS = {
    "S5.1": "3",    # programming computer systems: 3.4 Programming
    "S5.2.1": "5",  # setting up computer systems: 5.1 Solving technical problems
    "S5.2.2": "4",  # protecting ICT devices: 4.1 Protecting devices
    "S5.2.3": "5",  # resolving computer problems: 5.1 Solving technical problems
    "S5.5.1": "1",  # browsing, searching and filtering digital data: 1.1
    "S5.5.2": "1",  # managing, gathering and storing digital data: 1.3
    "S5.6.1": "2",  # digital tools for collaboration and productivity: 2.4
    "S5.6.2": "3",  # word processing, publishing and presentation software: 3.1
    "S5.6.3": "3",  # computer aided design and drawing tools: 3.1
    "S5.6.4": "3",  # digital tools for processing sound and images: 3.2
}


def digcomp_areas():
    """The five DigComp 2.2 areas.

    Returns
    -------
    pandas.DataFrame
        Indexed by area code (``"1"``-``"5"``) with ``title_en`` and ``title_nl``.

    Examples
    --------
    >>> from transitions import digcomp_areas
    >>> digcomp_areas().loc["4", "title_nl"]
    'Veiligheid'
    """
    return pd.DataFrame(_AREAS, columns=["code", "title_en", "title_nl"]).set_index("code")


def digcomp_competences():
    """The 21 DigComp 2.2 competences.

    Returns
    -------
    pandas.DataFrame
        Indexed by competence code (``"1.1"``-``"5.4"``) with ``area`` (area
        code), ``title_en``, ``title_nl``, ``area_title_en`` and ``area_title_nl``.

    Examples
    --------
    >>> from transitions import digcomp_competences
    >>> comp = digcomp_competences()
    >>> len(comp), comp.loc["3.4", "title_nl"]
    (21, 'Programmeren')
    >>> comp.groupby("area").size().tolist()
    [3, 6, 4, 4, 4]
    """
    df = pd.DataFrame(_COMPETENCES, columns=["code", "title_en", "title_nl"]).set_index("code")
    df.insert(0, "area", df.index.str[0])
    areas = digcomp_areas()
    df["area_title_en"] = areas.loc[df["area"], "title_en"].to_numpy()
    df["area_title_nl"] = areas.loc[df["area"], "title_nl"].to_numpy()
    return df


def digcomp_levels():
    """The eight proficiency levels and their groups.

    Returns
    -------
    pandas.DataFrame
        Indexed by level (1-8) with ``group_en`` and ``group_nl``
        (Foundation/Basis, Intermediate/Gemiddeld, Advanced/Gevorderd,
        Highly specialised/Hooggespecialiseerd).

    Examples
    --------
    >>> from transitions import digcomp_levels
    >>> digcomp_levels().loc[5, "group_en"]
    'Advanced'
    """
    rows = [(lvl, *_LEVEL_GROUPS[(lvl - 1) // 2]) for lvl in LEVELS]
    return pd.DataFrame(rows, columns=["level", "group_en", "group_nl"]).set_index("level")


def _check_level(code, level):
    if isinstance(level, bool) or not isinstance(level, numbers.Real):
        raise InvalidParameterError(
            f"DigComp level for {code!r} must be an integer 1-8, got {level!r}"
        )
    if isinstance(level, float) and (math.isnan(level) or not level.is_integer()):
        raise InvalidParameterError(
            f"DigComp level for {code!r} must be an integer 1-8, got {level!r}"
        )
    if not 1 <= level <= 8:
        raise InvalidParameterError(
            f"DigComp level for {code!r} is {level!r}; proficiency levels run from 1 "
            f"(foundation) to 8 (highly specialised)"
        )
    return int(level)


def parse_digcomp_assessment(assessment):
    """Validate a DigComp self-assessment and normalise its keys.

    Parameters
    ----------
    assessment : mapping or None
        Competence codes (``"3.4"``) or area codes (``"3"`` or ``3``) to levels 1-8.

    Returns
    -------
    dict
        ``{code: level}`` with string codes, in framework order (areas first).

    Raises
    ------
    InvalidParameterError
        An unknown code, or a level that is not an integer from 1 to 8.

    Examples
    --------
    >>> from transitions.digcomp import parse_digcomp_assessment
    >>> parse_digcomp_assessment({3: 4, "3.4": 2})
    {'3': 4, '3.4': 2}
    """
    if assessment is None:
        return {}
    if not hasattr(assessment, "items"):
        raise InvalidParameterError(
            f"digcomp must be a mapping of competence or area codes to levels 1-8, "
            f"got {type(assessment).__name__}"
        )
    out = {}
    for key, level in assessment.items():
        code = str(key).strip()
        if code not in COMPETENCE_CODES and code not in AREA_CODES:
            raise InvalidParameterError(
                f"unknown DigComp 2.2 code {key!r}; valid: areas {', '.join(AREA_CODES)} or "
                f"competences {', '.join(COMPETENCE_CODES)}"
            )
        if code in out:
            raise InvalidParameterError(f"DigComp code {code!r} is given twice")
        out[code] = _check_level(code, level)
    order = {c: i for i, c in enumerate(AREA_CODES + COMPETENCE_CODES)}
    return dict(sorted(out.items(), key=lambda kv: order[kv[0]]))


def competence_levels(assessment):
    """Self-assessed level per competence: an area's level applies to its competences
    unless a competence is rated itself.

    Returns
    -------
    dict
        ``{competence code: level}`` for the rated competences only.

    Examples
    --------
    >>> from transitions.digcomp import competence_levels
    >>> competence_levels({"1": 3, "1.2": 5})
    {'1.1': 3, '1.2': 5, '1.3': 3}
    """
    assessment = parse_digcomp_assessment(assessment)
    out = {}
    for code in COMPETENCE_CODES:
        if code in assessment:
            out[code] = assessment[code]
        elif code[0] in assessment:
            out[code] = assessment[code[0]]
    return out


def unit_levels(assessment):
    """Self-assessed level per competence and per area (see :data:`UNIT_CODES`).

    Competences as in :func:`competence_levels`. An area's level is its own
    rating, else the lowest rating among its rated competences (a skill that
    spans the area needs all of it), else absent.

    Examples
    --------
    >>> from transitions.digcomp import unit_levels
    >>> unit_levels({"4.1": 5, "4.2": 3})
    {'4.1': 5, '4.2': 3, '4': 3}
    """
    assessment = parse_digcomp_assessment(assessment)
    out = competence_levels(assessment)
    for area in AREA_CODES:
        if area in assessment:
            out[area] = assessment[area]
        else:
            rated = [lv for code, lv in out.items() if code[0] == area and "." in code]
            if rated:
                out[area] = min(rated)
    return out


def unit_title(code, lang="en"):
    """Title of a competence or area code in ``lang``, prefixed with its code.

    Examples
    --------
    >>> from transitions.digcomp import unit_title
    >>> unit_title("3.4", "nl"), unit_title("4")
    ('3.4 Programmeren', '4 Safety')
    """
    table = digcomp_competences() if "." in code else digcomp_areas()
    return f"{code} {table.loc[code, 'title_' + lang]}"


def skill_areas(tax):
    """The DigComp area of each skill, for grouping digital skills on the advice page.

    A skill's own ``digcomp`` code gives its area; otherwise the nearest
    concepts up the hierarchy that have one decide, when they agree: broader
    skills with a ``digcomp`` code (ESCO files "Python" under "digital
    content creation") and skill groups listed in :data:`ESCO_GROUP_AREAS`
    (by the groups' ``code``).

    Parameters
    ----------
    tax : Taxonomy

    Returns
    -------
    pandas.Series
        Indexed by skill id: an area code (``"1"`` to ``"5"``) or None.
        Cached on the taxonomy.

    Examples
    --------
    >>> from transitions import load_sample
    >>> areas = skill_areas(load_sample())
    >>> areas["sk-search-online"], areas["sk-bookkeeping"]
    ('1', None)
    """
    cached = getattr(tax, "_digcomp_skill_areas", None)
    if cached is not None:
        return cached
    skills = tax.skills
    own = skills["digcomp"] if "digcomp" in skills else pd.Series(None, index=skills.index)
    areas = {sid: str(code).split(".")[0] for sid, code in own.items()
             if isinstance(code, str) and code}
    groups = tax.skill_groups
    codes = groups["code"] if "code" in groups else pd.Series(dtype=object)
    area_of = {gid: ESCO_GROUP_AREAS[c] for gid, c in codes.items() if c in ESCO_GROUP_AREAS}
    area_of.update(areas)
    if len(tax.skill_hierarchy):
        parents = tax.skill_hierarchy.groupby("child")["parent"].agg(list).to_dict()
        for sid in skills.index.difference(list(areas)):
            frontier, seen = [sid], {sid}
            while frontier:  # breadth first: the nearest concepts with an area decide
                found = {area_of[n] for n in frontier if n in area_of}
                if found:
                    if len(found) == 1:
                        areas[sid] = found.pop()
                    break
                frontier = [p for n in frontier for p in parents.get(n, ()) if p not in seen]
                seen.update(frontier)
    out = pd.Series([areas.get(s) for s in skills.index], index=skills.index, dtype=object)
    tax._digcomp_skill_areas = out
    return out
