"""Find occupations by title, in Dutch or English, as advisors type them.

Advisors type "kassière", "boekhoudster", "callcenter medewerker" or
"verzekeringsmedewerker", not URIs or the taxonomy's exact labels. Titles and the
query are compared as bags of word parts (:mod:`transitions._wordforms`: female
forms, plurals, spacing, hyphens and Dutch compounds folded) and ranked
(:mod:`transitions._title_index`):

1. ``label``: same words as a preferred label;
2. ``altlabel``: same words as an alternative label (with it: a title one letter off a
   long query, and a title with the same words as "verkoper" read as "verkoop medewerker");
3. then by score: ``words`` (whole-word evidence: the query's rarer words weigh more,
   the head of the title - "medewerker" in "medewerker keuken" - must agree),
   ``group`` (the query names the occupation's ISCO group, e.g. "Loonadministrateurs"
   for salarisadministrateur; the taxonomy's own Dutch group titles), ``fuzzy``
   (character similarity, for typos in words no title has).

Alternative labels of up to three letters ("TA", "PA") match only exactly. The
measured quality on a development set of Dutch job titles is in
``docs/benchmarks/title_search.md`` (``benchmarks/bench_title_search.py``).
"""

from __future__ import annotations

import numpy as np

from ._i18n import LANGUAGES
from ._validation import MAX_TITLE_LENGTH, check_int, check_number, check_text
from .exceptions import InvalidParameterError

# pandas is imported where tables are built: reading a stored index and ranking titles
# (the ``search`` command) need numpy only.

__all__ = ["find_occupation", "exact_titles"]

_COLUMNS = ["occupation_id", "label_en", "label_nl", "matched_title", "match", "score"]


def _title_table(tax):
    """One row per (occupation, title) with its language and kind."""
    import pandas as pd

    occ = tax.occupations
    frames = []
    for lang in LANGUAGES:
        labels = occ[f"label_{lang}"].dropna()
        frames.append(pd.DataFrame({"id": labels.index, "title": labels.values,
                                    "lang": lang, "kind": "label"}))
        col = f"altlabels_{lang}"
        if col in occ:
            alt = occ[col].dropna().astype(str).str.split("\n").explode().str.strip()
            alt = alt[alt != ""]
            frames.append(pd.DataFrame({"id": alt.index, "title": alt.values,
                                        "lang": lang, "kind": "altlabel"}))
    return pd.concat(frames, ignore_index=True)


def _group_tables(tax):
    """Titles of the occupation groups (ISCO) and which occupations they hold: the first
    group above an occupation with weight 1, the group above that with weight 0.5."""
    import pandas as pd

    groups = tax.occupation_groups
    edges = tax.occupation_hierarchy
    if groups is None or groups.empty or edges.empty:
        return None, None
    titles = pd.concat([groups[f"label_{lang}"].dropna() for lang in LANGUAGES
                        if f"label_{lang}" in groups])
    titles = pd.DataFrame({"id": titles.index, "title": titles.values})
    parent = edges.drop_duplicates("child").set_index("child")["parent"]
    is_group = groups.index
    # climb from each occupation through broader occupations to its first group
    current = pd.Series(tax.occupation_index, index=tax.occupation_index)
    first = pd.Series(np.nan, index=tax.occupation_index, dtype=object)
    for _ in range(10):
        current = current.map(parent)
        hit = first.isna() & current.isin(is_group)
        first[hit] = current[hit]
        if current.isna().all() or first.notna().all():
            break
    first = first.dropna()
    second = first.map(parent).dropna()
    members = pd.concat([
        pd.DataFrame({"concept": first.index, "group": first.values, "weight": 1.0}),
        pd.DataFrame({"concept": second.index, "group": second.values, "weight": 0.5}),
    ], ignore_index=True)
    return titles, members


#: The modules whose code builds and reads a title index (their source is in its key).
_CODE = ("lookup", "_title_index", "_wordforms", "datasets._derived")


def title_index(tax):
    """The :class:`~transitions._title_index.TitleIndex` of ``tax``'s occupations.

    Built once per taxonomy object, and stored in the data home keyed by the content
    of the titles (and the code's version), so a later process reads it back in
    milliseconds instead of building it in seconds.
    """
    cached = getattr(tax, "_occupation_title_index", None)
    if cached is None:
        from ._hashing import frame_digest

        source = getattr(tax, "_content_key", None)
        if source is None:      # a taxonomy built in memory: key on the titles themselves
            groups, members = _group_tables(tax)
            source = [frame_digest(_title_table(tax))] + [
                None if t is None else frame_digest(t) for t in (groups, members)]
        cached = tax._occupation_title_index = stored_index(source, lambda: tax)
    return cached


def index_key(source_key):
    """The key of the stored occupation-title index of the taxonomy whose content key is
    ``source_key`` (the code that builds and reads it is part of the key)."""
    from ._hashing import code_digest, content_key

    return content_key("occupation-titles", code_digest(*_CODE), source_key)


def stored_index(source_key, taxonomy):
    """The title index stored for ``source_key``; on a miss ``taxonomy()`` gives the taxonomy
    to build it from (so a caller that knows the key needs no taxonomy when it is stored)."""
    from ._title_index import TitleIndex
    from .datasets._derived import load_or_build

    def build():
        tax = taxonomy()
        groups, members = _group_tables(tax)
        return TitleIndex(_title_table(tax), groups, members,
                          labels=tax.occupations[["label_en", "label_nl"]]).to_arrays()

    return TitleIndex.from_arrays(load_or_build("occupation-titles", index_key(source_key),
                                                build))


def find_occupation(tax, query, *, lang=None, limit=10, min_score=30.0):
    """Rank the occupations whose titles match ``query``.

    Parameters
    ----------
    tax : Taxonomy
    query : str
        A title as a person types it, e.g. ``"boekhoudster"``, ``"callcenter
        medewerker"`` or ``"bookkeeper"``.
    lang : {"en", "nl"}, optional
        Search titles of this language only; by default both.
    limit : int, default=10
        Number of candidates to return.
    min_score : float, default=30.0
        Candidates without an exact title scoring below this (0-100) are left out.

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
        One row per occupation, best first (ties by id), with columns
        ``occupation_id``, ``label_en``, ``label_nl``, ``matched_title`` (the
        title, or group title, that matched), ``match`` (``"label"``,
        ``"altlabel"``, ``"words"``, ``"group"`` or ``"fuzzy"``; see the module
        docs) and ``score`` (0-100; 100 for exact titles). Empty when nothing
        matches.

    Examples
    --------
    >>> from transitions import load_sample, find_occupation
    >>> tax = load_sample()
    >>> find_occupation(tax, "boekhoudster").iloc[0]["occupation_id"]
    'occ-bookkeeper'
    >>> find_occupation(tax, "boekhoudr").iloc[0]["match"]
    'fuzzy'
    """
    query = check_text(query, "query", max_length=MAX_TITLE_LENGTH)
    if lang is not None and lang not in LANGUAGES:
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose one of {list(LANGUAGES)}")
    limit = check_int(limit, "limit", low=1)
    min_score = check_number(min_score, "min_score", low=0, high=100)
    return ranked(title_index(tax), query, lang=lang, limit=limit, min_score=min_score)


def ranked(index, query, *, lang=None, limit=10, min_score=30.0):
    """:func:`find_occupation`'s table from a title index (checked parameters)."""
    import pandas as pd

    hits = ranked_columns(index, query, lang=lang, limit=limit, min_score=min_score)
    if not len(hits["occupation_id"]):
        return pd.DataFrame(columns=_COLUMNS)
    return pd.DataFrame(hits)


def ranked_columns(index, query, *, lang=None, limit=10, min_score=30.0):
    """:func:`ranked`'s columns as a dict of numpy arrays (in ``_COLUMNS`` order; a missing
    label is NaN), computed without pandas."""
    hits = index.matches(query, lang=lang)
    keep = np.isin(hits["match"], ["label", "altlabel"]) | (hits["score"] >= min_score)
    top = np.flatnonzero(keep)[:limit]
    pos = index.positions(hits["id"][top])
    out = {"occupation_id": hits["id"][top]}
    for lang_ in LANGUAGES:
        names = index.concept_labels[lang_][pos]
        out[f"label_{lang_}"] = np.where(names == "", np.nan, names)
    out.update({c: hits[c][top] for c in ("matched_title", "match", "score")})
    return out


def exact_titles(tax, text):
    """(ids by preferred label, ids by alternative label) whose title has the same words as
    ``text`` after folding female forms, plurals, spacing and hyphens.

    Examples
    --------
    >>> from transitions import load_sample
    >>> exact_titles(load_sample(), "Boekhoudster")[0]
    {'occ-bookkeeper'}
    """
    return title_index(tax).exact(text)


def suggest_titles(tax, text, n=5):
    """The ``n`` closest titles to ``text`` as ``"title (id)"`` strings, for error messages.

    The title shown is the one that matched, so a Dutch query gets Dutch titles.

    Examples
    --------
    >>> from transitions import load_sample
    >>> suggest_titles(load_sample(), "invoer", n=1)
    ['medewerker data-invoer (occ-data-entry-clerk)']
    """
    try:
        found = find_occupation(tax, text, limit=n, min_score=0)
    except InvalidParameterError:
        return []
    return [f"{r.matched_title} ({r.occupation_id})" for r in found.itertuples()]
