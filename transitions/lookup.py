"""Find occupations by title, in Dutch or English.

Advisors type "boekhouder", not URIs. Matching goes exact preferred label,
then exact alternative label, then fuzzy (rapidfuzz's ``WRatio`` on
normalised text), and returns ranked candidates.
"""

from __future__ import annotations

import pandas as pd
from rapidfuzz import fuzz, process, utils

from ._validation import MAX_TITLE_LENGTH, check_int, check_number, check_text
from .exceptions import InvalidParameterError
from .taxonomy import LANGUAGES

__all__ = ["find_occupation"]

_MATCH_RANK = {"label": 0, "altlabel": 1, "fuzzy": 2}


def _title_table(tax):
    """One row per (occupation, title) with its language and kind; cached on the taxonomy."""
    cached = getattr(tax, "_title_table", None)
    if cached is not None:
        return cached
    occ = tax.occupations
    frames = []
    for lang in LANGUAGES:
        labels = occ[f"label_{lang}"].dropna()
        frames.append(pd.DataFrame({"occupation_id": labels.index, "title": labels.values,
                                    "lang": lang, "kind": "label"}))
        col = f"altlabels_{lang}"
        if col in occ:
            alt = occ[col].dropna().astype(str).str.split("\n").explode().str.strip()
            alt = alt[alt != ""]
            frames.append(pd.DataFrame({"occupation_id": alt.index, "title": alt.values,
                                        "lang": lang, "kind": "altlabel"}))
    table = pd.concat(frames, ignore_index=True)
    table["norm"] = [utils.default_process(t) for t in table["title"]]
    tax._title_table = table
    return table


def find_occupation(tax, query, *, lang=None, limit=10, min_score=60.0):
    """Rank the occupations whose title matches ``query``.

    Parameters
    ----------
    tax : Taxonomy
    query : str
        A title as a person types it, e.g. ``"boekhouder"`` or ``"bookkeeper"``.
    lang : {"en", "nl"}, optional
        Search titles of this language only; by default both.
    limit : int, default=10
        Number of candidates to return.
    min_score : float, default=60.0
        Fuzzy candidates scoring below this (0-100) are left out.

    Raises
    ------
    InvalidParameterError
        An empty query or one longer than 200 characters
        (:data:`~transitions._validation.MAX_TITLE_LENGTH`), an unknown
        ``lang``, a ``limit`` that is not a positive integer or a
        ``min_score`` outside 0-100.

    Returns
    -------
    pandas.DataFrame
        One row per occupation, best first, with columns ``occupation_id``,
        ``label_en``, ``label_nl``, ``matched_title``, ``match``
        (``"label"``, ``"altlabel"`` or ``"fuzzy"``) and ``score`` (0-100).
        Empty when nothing matches.

    Examples
    --------
    >>> from transitions import load_sample, find_occupation
    >>> tax = load_sample()
    >>> find_occupation(tax, "boekhouder").iloc[0]["occupation_id"]
    'occ-bookkeeper'
    >>> find_occupation(tax, "boekhoudr").iloc[0]["match"]
    'fuzzy'
    """
    query = check_text(query, "query", max_length=MAX_TITLE_LENGTH)
    if lang is not None and lang not in LANGUAGES:
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose one of {list(LANGUAGES)}")
    limit = check_int(limit, "limit", low=1)
    min_score = check_number(min_score, "min_score", low=0, high=100)
    table = _title_table(tax)
    if lang is not None:
        table = table[table["lang"] == lang]
    q = utils.default_process(query)
    exact = table[table["norm"] == q]
    hits = pd.DataFrame({"occupation_id": exact["occupation_id"], "matched_title": exact["title"],
                         "match": exact["kind"], "score": 100.0})
    # Fuzzy candidates: a generous pool, then one row per occupation.
    pool = process.extract(q, table["norm"].tolist(), scorer=fuzz.WRatio,
                           processor=None, limit=max(50, 5 * limit), score_cutoff=min_score)
    if pool:
        idx = [i for _, _, i in pool]
        fuzzy = pd.DataFrame({"occupation_id": table["occupation_id"].iloc[idx].values,
                              "matched_title": table["title"].iloc[idx].values,
                              "match": "fuzzy", "score": [s for _, s, _ in pool]})
        hits = pd.concat([hits, fuzzy], ignore_index=True)
    if hits.empty:
        return pd.DataFrame(columns=["occupation_id", "label_en", "label_nl",
                                     "matched_title", "match", "score"])
    hits["rank"] = hits["match"].map(_MATCH_RANK)
    hits = hits.sort_values(["rank", "score", "occupation_id"], ascending=[True, False, True],
                            kind="stable").drop_duplicates("occupation_id")
    hits = hits.head(limit).drop(columns="rank")
    labels = tax.occupations.loc[hits["occupation_id"], ["label_en", "label_nl"]]
    hits.insert(1, "label_en", labels["label_en"].values)
    hits.insert(2, "label_nl", labels["label_nl"].values)
    return hits.reset_index(drop=True)


def suggest_titles(tax, text, n=5):
    """The ``n`` closest titles to ``text`` as ``"title (id)"`` strings, for error messages.

    The title shown is the one that matched, so a Dutch query gets Dutch titles.

    Examples
    --------
    >>> from transitions import load_sample
    >>> suggest_titles(load_sample(), "invoer", n=1)
    ['data-invoerder (occ-data-entry-clerk)']
    """
    try:
        found = find_occupation(tax, text, limit=n, min_score=0)
    except InvalidParameterError:
        return []
    return [f"{r.matched_title} ({r.occupation_id})" for r in found.itertuples()]
