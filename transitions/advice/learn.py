"""Skills to learn: which single skill, or which DigComp competence level, opens the most doors.

For a worker, every destination that passes every filter except similarity
(salary-neutral, safe, not the origin, not excluded) but is not yet a good
option is a door that learning could open. For each candidate *unit*:

* a single skill the worker lacks, taken from the skills of the nearest such
  destinations (``near``), or
* a DigComp competence raised to a level that some skill tagged with it
  needs (all skills of that competence up to that level become held),

the worker's skills plus the unit are scored against every occupation in one
vectorised pass, and the unit's value is the number of destinations that
become good options. Units are ranked by that number, then by how much closer
they bring the worker to the nearest closed doors (``similarity_gain``: the
mean increase of similarity over them), then by the effort (months, see
:mod:`transitions.advice.effort`), then by id. A single skill rarely opens a
door on its own when the nearest closed doors are far below the threshold
(common on ESCO); the gain then still says which skills lead the way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..digcomp import UNIT_CODES, unit_title
from ..taxonomy import _check_lang
from .core import evaluate

__all__ = ["skills_to_learn", "LEARN_COLUMNS"]

#: Columns of :func:`skills_to_learn` in order.
LEARN_COLUMNS = ("rank", "kind", "id", "label", "label_en", "label_nl", "level", "digital",
                 "reuse_level", "effort_months", "n_new_options", "n_options_after",
                 "similarity_gain", "new_options", "new_option_labels")

_CHUNK = 512


def skills_to_learn(advisor, profile, *, n=10, min_similarity=None, near=200,
                    kinds=("skill", "digcomp"), unlocking_only=False, lang="en"):
    """Rank single skills and DigComp competence levels by the good options they unlock.

    Parameters
    ----------
    advisor : Advisor
    profile : WorkerProfile
    n : int or None, default=10
        Number of rows; None for every unit that unlocks at least one option.
    min_similarity : float, optional
        Default the advisor's.
    near : int, default=200
        Candidate skills come from this many of the most similar closed doors.
    kinds : tuple, default=("skill", "digcomp")
        Which kinds of unit to rank.
    unlocking_only : bool, default=False
        Keep only units that open at least one door.
    lang : {"en", "nl"}, default="en"

    Returns
    -------
    pandas.DataFrame
        One row per unit, best first (with ``unlocking_only``, only those that
        unlock at least one option):
        ``rank``, ``kind`` (``"skill"`` or ``"digcomp"``), ``id`` (skill id or
        competence code), ``label`` (in ``lang``), ``label_en``, ``label_nl``,
        ``level`` (the DigComp level to reach; NA for skills), ``digital``,
        ``reuse_level``, ``effort_months``, ``n_new_options``,
        ``n_options_after`` (good options once learned), ``similarity_gain``
        (mean similarity increase over the nearest closed doors), ``new_options``
        (tuple of occupation ids, most similar first) and ``new_option_labels``.

    Examples
    --------
    >>> from transitions import Advisor, WorkerProfile
    >>> adv = Advisor.from_sample()
    >>> learn = adv.skills_to_learn(WorkerProfile("boekhouder"), n=5)
    >>> list(learn["n_new_options"]) == sorted(learn["n_new_options"], reverse=True)
    True
    """
    from .advisor import _check_n

    n = _check_n(n)
    near = _check_n(near, "near")
    _check_lang(lang)
    bad = set(kinds) - {"skill", "digcomp"}
    if bad or not kinds:
        from ..exceptions import InvalidParameterError

        raise InvalidParameterError(f"kinds must be a subset of ('skill', 'digcomp'), got {kinds!r}")
    ctx = advisor._ctx
    threshold = advisor._threshold(min_similarity)
    block = advisor._resolve_one(profile)
    ev = evaluate(ctx, block, 0.0)             # every filter but similarity
    sim0 = ev["similarity"][0]
    good0 = ev["good"][0] & (sim0 >= threshold)
    closed = ev["good"][0] & ~good0
    held0 = block.held[0]
    units = []                                  # (kind, id, level, skill positions)
    doors = np.flatnonzero(closed)
    doors = doors[np.lexsort((ctx.id_rank[doors], -np.round(sim0[doors], 12)))][:near]
    if "skill" in kinds:
        inc = ctx.binary
        cand = np.unique(np.concatenate(
            [inc.indices[inc.indptr[d]:inc.indptr[d + 1]] for d in doors] or [np.empty(0, int)]))
        cand = cand[~held0[cand]]
        units += [("skill", ctx.skill_ids[s], None, np.array([s])) for s in cand]
    if "digcomp" in kinds:
        arr = ctx.skills_of
        for c, members in enumerate(arr.skills_of_competence):
            have = block.comp_level[0, c]
            for level in np.unique(arr.level[members]):
                if level <= have:
                    continue
                add = members[(arr.level[members] <= level) & ~held0[members]]
                if len(add):
                    units.append(("digcomp", UNIT_CODES[c], int(level), add))
    if not units:
        return _table(advisor, [], lang, int(good0.sum()))
    gains, closer = [], []
    for start in range(0, len(units), _CHUNK):
        chunk = units[start:start + _CHUNK]
        H = np.repeat(held0[None, :], len(chunk), axis=0)
        for i, (_, _, _, add) in enumerate(chunk):
            H[i, add] = True
        origins = np.full(len(chunk), block.origin[0])
        sim = ctx.similarity(ctx.profile_weights(sp.csr_matrix(H), origins), origins)
        new = (sim >= threshold) & closed[None, :]
        step = (sim[:, doors] - sim0[doors][None, :]).mean(axis=1) if len(doors) \
            else np.zeros(len(chunk))
        for i in range(len(chunk)):
            d = np.flatnonzero(new[i])
            gains.append(d[np.lexsort((ctx.id_rank[d], -np.round(sim[i, d], 12)))])
            closer.append(float(step[i]))
    rows = [(u, g, c) for u, g, c in zip(units, gains, closer)
            if len(g) or (not unlocking_only and c > 0)]
    return _table(advisor, rows, lang, int(good0.sum()), n)


def _table(advisor, rows, lang, n_good, n=None):
    ctx = advisor._ctx
    skills = advisor.taxonomy.skills
    reuse = skills["reuse_level"] if "reuse_level" in skills else pd.Series(None, index=skills.index)
    records = []
    for (kind, uid, level, add), gain, closer in rows:
        if kind == "skill":
            s = add[0]
            lbl = {lg: ctx.skill_label[lg][s] for lg in ("en", "nl")}
            digital, reuse_level = bool(ctx.digital[s]), reuse.iloc[s]
        else:
            lbl = {lg: unit_title(uid, lg) for lg in ("en", "nl")}
            digital, reuse_level = True, None
        records.append({
            "kind": kind, "id": uid, "label": lbl[lang], "label_en": lbl["en"],
            "label_nl": lbl["nl"], "level": level, "digital": digital,
            "reuse_level": None if pd.isna(reuse_level) else reuse_level,
            "effort_months": float(ctx.months[add].sum()), "n_new_options": len(gain),
            "n_options_after": n_good + len(gain),
            "similarity_gain": closer,
            "new_options": tuple(ctx.occupation_ids[gain]),
            "new_option_labels": tuple(ctx.occ_label[lang][gain]),
        })
    out = pd.DataFrame.from_records(records, columns=[c for c in LEARN_COLUMNS if c != "rank"])
    if len(out):
        out["similarity_gain"] = out["similarity_gain"].round(12)
        out = out.sort_values(["n_new_options", "similarity_gain", "effort_months", "kind", "id"],
                              ascending=[False, False, True, True, True], kind="stable")
        if n is not None:
            out = out.head(n)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out["level"] = out["level"].astype("Int64")
    return out.reset_index(drop=True)
