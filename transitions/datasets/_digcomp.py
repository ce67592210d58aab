"""DigComp 2.2 competence codes for skills, matched by label.

ESCO's DigComp collection holds one skill per DigComp competence (e.g.
"solve technical problems" for 5.1 *Solving technical problems*) and one per
area (e.g. "ICT safety" for area 4 *Safety*), but the classification does not
say which is which. Rather than ship a mapping derived from someone's data,
the library carries the 21 competence titles of the framework
(:mod:`transitions.digcomp`) and
matches labels against them:

1. Labels and titles become sets of crude word stems ("solving" and "solve"
   both give "solv"); filler words and "digital" (in nearly every title) are
   dropped.
2. A skill's score for a competence is the share of the title's stems found in
   the skill's preferred label (its alternative labels are tried only when the
   preferred label finds nothing); ties are broken by the Dice overlap of the
   two sets. The best competence wins if it covers at least two thirds of its
   title and no other competence scores the same.
3. A skill that is the broader concept of other collection skills is an area
   skill: it gets the area number (``"4"``) shared by most of its matched
   narrower skills.

Source of the titles: Vuorikari, Kluzer & Punie (2022), *DigComp 2.2: The
Digital Competence Framework for Citizens*, JRC128415 (CC BY 4.0).
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from ..digcomp import _AREAS, _COMPETENCES
from .._membership import member

__all__ = ["DIGCOMP_AREAS", "DIGCOMP_TITLES", "match_digcomp"]

#: The five DigComp 2.2 competence areas and the 21 competences with their
#: English titles (from :mod:`transitions.digcomp`, the library's one table).
DIGCOMP_AREAS = {code: title for code, title, _ in _AREAS}
DIGCOMP_TITLES = {code: title for code, title, _ in _COMPETENCES}

_MIN_COVERAGE = 2 / 3
_STOP = frozenset(
    "a an and or the of to in on for from with while through by as at into digital".split()
)
_SUFFIXES = ("ing", "ed", "es", "s", "e")
_SPELLING = {"licenc": "licens"}  # British and American spellings of licence/license


def _stems(text):
    out = set()
    for word in re.findall(r"[a-z]+", str(text).lower()):
        if word in _STOP:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                word = word[: -len(suffix)]
                break
        out.add(_SPELLING.get(word, word))
    return frozenset(out)


_TITLE_STEMS = {code: _stems(title) for code, title in DIGCOMP_TITLES.items()}
_AREA_STEMS = {code: _stems(title) for code, title in DIGCOMP_AREAS.items()}


def _best(label_stems, candidates):
    """(code, tied) of the best candidate for one label, or (None, False)."""
    if not label_stems:
        return None, False
    scored = []
    for code, title in candidates.items():
        common = len(label_stems & title)
        if common:
            coverage = common / len(title)
            dice = 2 * common / (len(label_stems) + len(title))
            scored.append(((coverage, dice), code))
    if not scored:
        return None, False
    scored.sort(reverse=True)
    (score, code) = scored[0]
    if score[0] < _MIN_COVERAGE:
        return None, False
    tied = len(scored) > 1 and scored[1][0] == score
    return code, tied


def _match_one(labels, candidates):
    """Match a skill's labels (preferred first) against ``candidates``."""
    for label in labels:
        code, tied = _best(_stems(label), candidates)
        if code is not None or tied:
            return code, tied
    return None, False


def match_digcomp(skills, edges=None):
    """DigComp codes for the skills of ESCO's DigComp collection.

    Parameters
    ----------
    skills : pandas.DataFrame
        Indexed by skill id, with ``label`` and optionally ``altlabels``
        (newline-separated): the collection's members.
    edges : pandas.DataFrame, optional
        ``child``/``parent`` edges; those between collection members tell
        area skills (parents) from competence skills.

    Returns
    -------
    codes : pandas.Series
        Indexed like ``skills``: a competence code (``"5.1"``), an area code
        (``"4"``) or NA.
    problems : list of str
        Skills left without a code or with a tie, for a warning.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions.datasets._digcomp import match_digcomp
    >>> skills = pd.DataFrame({"label": ["solve technical problems", "ICT safety",
    ...                                  "protect ICT devices"]}, index=["a", "b", "c"])
    >>> edges = pd.DataFrame({"child": ["c"], "parent": ["b"]})
    >>> match_digcomp(skills, edges)[0].tolist()
    ['5.1', '4', '4.1']
    """
    ids = list(skills.index)
    children = {}
    if edges is not None and len(edges):
        inner = edges[member(edges["child"], ids) & member(edges["parent"], ids)]
        for child, parent in zip(inner["child"], inner["parent"]):
            children.setdefault(parent, set()).add(child)
    alts = (
        skills["altlabels"]
        if "altlabels" in skills
        else pd.Series(index=skills.index, dtype=object)
    )
    codes, problems = {}, []
    for sid in ids:
        if sid in children:
            continue
        labels = [skills.at[sid, "label"]]
        if isinstance(alts.get(sid), str):
            labels += [a for a in alts[sid].split("\n") if a]
        code, tied = _match_one(labels, _TITLE_STEMS)
        if tied:
            problems.append(f"{skills.at[sid, 'label']!r} (tie)")
        elif code is None:
            problems.append(f"{skills.at[sid, 'label']!r} (no competence title matches)")
        codes[sid] = None if tied else code
    for sid in children:
        votes = Counter(codes[c].split(".")[0] for c in children[sid] if codes.get(c))
        ranked = votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            codes[sid] = ranked[0][0]
        else:  # no matched narrower skill: fall back to the area titles
            code, tied = _match_one([skills.at[sid, "label"]], _AREA_STEMS)
            codes[sid] = None if tied else code
            if codes[sid] is None:
                problems.append(f"{skills.at[sid, 'label']!r} (area not determined)")
    out = pd.Series([codes.get(s) for s in ids], index=skills.index, dtype=object)
    return out.where(out.notna(), None), problems
