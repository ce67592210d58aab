"""Find skills by name, in Dutch or English.

A coach knows that a worker "can do SQL" or "gebruikt spreadsheets", not the ESCO URI
of those skills. :func:`find_skill` ranks skills whose preferred or alternative labels
match a name (the same matching as :func:`transitions.find_occupation`: word parts,
female forms, plurals, spacing and compounds folded; label > alternative label >
whole words > fuzzy; names of up to three letters such as "SQL" or "C#" only
exactly). :func:`resolve_skill` turns what a person typed into one skill id, or
says which skills it could mean.
"""

from __future__ import annotations

import pandas as pd

from ._validation import MAX_ID_LENGTH, MAX_TITLE_LENGTH, check_int, check_number, check_text
from .exceptions import InvalidParameterError, UnknownSkillError
from ._i18n import LANGUAGES

__all__ = ["find_skill", "resolve_skill", "resolve_skills"]

#: The modules whose code builds and reads a skill index (their source is in its key).
_CODE = ("skill_lookup", "_title_index", "_wordforms", "datasets._derived")
_COLUMNS = ["skill_id", "label_en", "label_nl", "matched_title", "match", "score", "digital"]


def _title_table(tax):
    """One row per (skill, title) with its language and kind."""
    skills = tax.skills
    frames = []
    for lang in LANGUAGES:
        labels = skills[f"label_{lang}"].dropna()
        frames.append(pd.DataFrame({"id": labels.index, "title": labels.values,
                                    "lang": lang, "kind": "label"}))
        col = f"altlabels_{lang}"
        if col in skills:
            alt = skills[col].dropna().astype(str).str.split("\n").explode().str.strip()
            alt = alt[alt != ""]
            frames.append(pd.DataFrame({"id": alt.index, "title": alt.values,
                                        "lang": lang, "kind": "altlabel"}))
    return pd.concat(frames, ignore_index=True)


def skill_index(tax):
    """The :class:`~transitions._title_index.TitleIndex` of ``tax``'s skills (built once per
    taxonomy, stored in the data home keyed by the titles' content)."""
    cached = getattr(tax, "_skill_title_index", None)
    if cached is None:
        from ._title_index import TitleIndex
        from ._hashing import code_digest, content_key, frame_digest
        from .datasets._derived import load_or_build

        source = getattr(tax, "_content_key", None) or frame_digest(_title_table(tax))
        arrays = load_or_build(
            "skill-titles", content_key("skill-titles", code_digest(*_CODE), source),
            lambda: TitleIndex(_title_table(tax), heads=False,
                               labels=tax.skills[["label_en", "label_nl"]]).to_arrays())
        cached = tax._skill_title_index = TitleIndex.from_arrays(arrays)
    return cached


def find_skill(tax, query, *, lang=None, limit=10, min_score=30.0):
    """Rank the skills whose labels match ``query``.

    Parameters
    ----------
    tax : Taxonomy
    query : str
        A skill's name as a person types it, e.g. ``"SQL"``, ``"spreadsheets"`` or
        ``"software voor spreadsheets gebruiken"``.
    lang : {"en", "nl"}, optional
        Search labels of this language only; by default both.
    limit : int, default=10
        Number of candidates to return.
    min_score : float, default=30.0
        Candidates without an exact label scoring below this (0-100) are left out.

    Returns
    -------
    pandas.DataFrame
        One row per skill, best first (ties by id): ``skill_id``, ``label_en``,
        ``label_nl`` (NaN where the taxonomy has no Dutch label), ``matched_title``,
        ``match`` (``"label"``, ``"altlabel"``, ``"words"`` or ``"fuzzy"``),
        ``score`` (0-100) and ``digital``. Empty when nothing matches.

    Examples
    --------
    >>> from transitions import load_sample, find_skill
    >>> tax = load_sample()
    >>> find_skill(tax, "SQL").iloc[0]["skill_id"]
    'sk-sql'
    >>> find_skill(tax, "gegevens visualiseren").iloc[0]["skill_id"]
    'sk-data-visualisation'
    """
    query = check_text(query, "query", max_length=MAX_TITLE_LENGTH)
    if lang is not None and lang not in LANGUAGES:
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose one of {list(LANGUAGES)}")
    limit = check_int(limit, "limit", low=1)
    min_score = check_number(min_score, "min_score", low=0, high=100)
    hits = skill_index(tax).search(query, lang=lang)
    hits = hits[hits["match"].isin(["label", "altlabel"]) | (hits["score"] >= min_score)]
    hits = hits.head(limit).rename(columns={"id": "skill_id"})
    if hits.empty:
        return pd.DataFrame(columns=_COLUMNS)
    skills = tax.skills.loc[hits["skill_id"]]
    hits.insert(1, "label_en", skills["label_en"].to_numpy())
    hits.insert(2, "label_nl", skills["label_nl"].to_numpy())
    hits["digital"] = skills["digital"].to_numpy(bool)
    return hits.reset_index(drop=True)


def _described(tax, ids):
    labels = tax.skills.loc[list(ids), "label_en"].fillna(tax.skills.loc[list(ids), "label_nl"])
    return [f"{lbl} ({i})" for i, lbl in zip(ids, labels)]


def _exact_by_label(tax, text):
    """Skill ids whose preferred (first) or alternative (then) label is ``text`` up to case,
    accents and punctuation, without building the full index."""
    from ._wordforms import simplify

    plain = simplify(text)
    skills = tax.skills
    for kind in ("label", "altlabels"):
        hits = set()
        for lang in LANGUAGES:
            col = f"{kind}_{lang}"
            if col not in skills:
                continue
            values = skills[col].dropna()
            if kind == "altlabels":
                values = values.astype(str).str.split("\n").explode()
            # cheap filter on lower case first; simplify only the few candidates
            low = values.astype(str).str.lower()
            cand = values[low.str.contains(plain.split(" ")[0], regex=False)] if plain else values
            hits |= {i for i, v in cand.items() if simplify(v) == plain}
        if hits:
            return sorted(hits)
    return []


def resolve_skill(tax, text):
    """The skill id that ``text`` (an id, or a skill's exact Dutch or English name) names.

    Parameters
    ----------
    tax : Taxonomy
    text : str

    Returns
    -------
    str

    Raises
    ------
    UnknownSkillError
        Nothing has that name (the message lists the closest skills), or several
        skills share it (the message lists them, with their ids to choose from).

    Examples
    --------
    >>> from transitions import load_sample
    >>> from transitions.skill_lookup import resolve_skill
    >>> resolve_skill(load_sample(), "SQL")
    'sk-sql'
    """
    text = check_text(text, "skill", max_length=MAX_ID_LENGTH)
    if text in tax.skill_index:
        return text
    ids = _exact_by_label(tax, text)
    if not ids:
        label, alt = skill_index(tax).exact(text)
        ids = sorted(label or alt)
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        shown = _described(tax, ids)
        raise UnknownSkillError(
            f"skill {text!r} is ambiguous: {len(ids)} skills have that name: "
            f"{'; '.join(shown[:8])}; give one of their ids", suggestions=shown[:10])
    try:
        found = find_skill(tax, text, limit=5, min_score=0)
    except InvalidParameterError:
        found = pd.DataFrame(columns=_COLUMNS)
    shown = [f"{r.matched_title} ({r.skill_id})" for r in found.itertuples()]
    hint = f"; closest: {'; '.join(shown)}" if shown else ""
    raise UnknownSkillError(
        f"unknown skill {text!r} in taxonomy {tax.name!r}: not an id or an exact skill name"
        f"{hint} (search with 'transitions skills search' or find_skill())",
        suggestions=shown)


def resolve_skills(tax, values, what=None):
    """:func:`resolve_skill` for each of ``values`` (ids pass through unchanged, fast);
    ``what`` (e.g. ``"profile lacking"``) starts the message of an error."""
    values = list(values)
    if not values:
        return ()
    known = tax.skill_index.get_indexer(values) >= 0
    try:
        return tuple(v if k else resolve_skill(tax, v) for v, k in zip(values, known))
    except UnknownSkillError as exc:
        if what is None:
            raise
        raise UnknownSkillError(f"{what}: {exc}", suggestions=exc.suggestions) from None
