"""Skills to learn: which single skill, or DigComp competence level, has the most effect.

Every destination the worker's constraints allow (salary-neutral, safe, not
the origin, not excluded) is either a good option already or a door that
learning could open (:mod:`transitions.advice.criteria`). For each candidate
*unit*:

* a single essential skill the worker lacks, taken from the gaps of their
  good options and of the ``near`` most likely closed doors, or
* a DigComp competence raised to a level that some skill tagged with it
  needs (all skills of that competence up to that level become held),

the essential skills carried over and the months still to learn are
updated for every destination in one sparse product, and the unit's effect
is counted:

* ``new_options``: closed doors that become good options (the gap becomes
  learnable, enough carries over; with a similarity floor, the similarity of
  the skills plus the unit is scored again);
* ``n_closer`` / ``months_saved``: good options whose gap the unit shortens,
  and by how many months in all.

Units without any effect are never listed. They are ranked by ``value``,
the effect weighted by demand the way the transition score weighs it: each
new option counts ``w_d = exp(beta_demand * (demand_d - median))``
(:mod:`transitions.advice.score`), each month saved on a good option
``w_d / max_gap_months``; then by the number of new options, the unit's own
effort (months), kind and id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..digcomp import UNIT_CODES, unit_title
from ..exceptions import InvalidParameterError
from .._i18n import check_lang
from .core import evaluate
from .score import FEATURES

__all__ = ["skills_to_learn", "LEARN_COLUMNS", "learning_units"]

#: Columns of :func:`skills_to_learn` in order.
LEARN_COLUMNS = ("rank", "kind", "id", "label", "label_en", "label_nl", "level", "digital",
                 "reuse_level", "effort_months", "value", "n_new_options", "n_options_after",
                 "n_closer", "months_saved", "new_options", "new_option_labels")
_CHUNK = 512


def _unmet_incidence(ctx, block):
    """Essential entries the worker does not meet yet, as an occupations x skills matrix."""
    E = ctx.essential
    if block.level is None or not ctx.rated:
        unmet = ~block.held[0][E.indices]
    else:
        unmet = block.level[0][E.indices] < ctx.essential_threshold
    rows = np.repeat(np.arange(ctx.n_occ), np.diff(E.indptr))
    return sp.csr_matrix((np.ones(int(unmet.sum())), (rows[unmet], E.indices[unmet])),
                         shape=E.shape)


def demand_weights(ctx):
    """Per destination, its demand weight in the transition score (1 for median demand)."""
    beta = ctx.score_model.coefficients[FEATURES[-1]]
    x = ctx.demand_feature
    return np.exp(beta * (x - np.median(x)))


def _candidate_units(ctx, block, ev, kinds, near):
    """(kind, id, level, skill positions) of the units worth scoring."""
    held0 = block.held[0]
    good = ev["good"][0]
    closed = np.flatnonzero(ev["allowed"][0] & ~good)
    closed = closed[np.lexsort((ctx.id_rank[closed], -np.round(ev["index"][0, closed], 10)))]
    dests = np.r_[np.flatnonzero(good), closed[:near]].astype(np.int64)
    units = []
    if "skill" in kinds and len(dests):
        E = ctx.essential
        cand = np.unique(np.concatenate([E.indices[E.indptr[d]:E.indptr[d + 1]] for d in dests]))
        if block.level is None or not ctx.rated:
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
    return units


def learning_units(advisor, block, ev, criteria, *, kinds=("skill", "digcomp"), near=200):
    """The effect of every candidate unit for one resolved profile (see the module docs).

    Returns
    -------
    list of tuples ``(unit, new, closer, months_saved, value, n_lost)``: ``unit``
    is ``(kind, id, level, skill positions)``, ``new`` the destinations it
    opens (most likely first), ``closer`` the good options whose gap it
    shortens, ``n_lost`` good options that drop below a similarity floor
    (0 without one); only units with an effect.
    """
    ctx = advisor._ctx
    units = _candidate_units(ctx, block, ev, kinds, near)
    if not units:
        return []
    unmet = _unmet_incidence(ctx, block).T.tocsr()                 # skills x occupations
    unmet_months = sp.diags(ctx.months) @ unmet
    carried0, months0 = ev["carried"][0], ev["months"][0]
    allowed, good = ev["allowed"][0], ev["good"][0]
    closed = allowed & ~good
    weight = demand_weights(ctx)
    sim0 = ev["similarity"][0]
    index0 = ev["index"][0]
    out = []
    for start in range(0, len(units), _CHUNK):
        chunk = units[start:start + _CHUNK]
        rows = np.repeat(np.arange(len(chunk)), [len(u[3]) for u in chunk])
        cols = np.concatenate([u[3] for u in chunk])
        U = sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(chunk), ctx.n_skills))
        carried = carried0[None, :] + (U @ unmet).toarray()
        saved = (U @ unmet_months).toarray()
        months = np.maximum(months0[None, :] - saved, 0.0)
        sim = sim0[None, :]
        if criteria.min_similarity > 0:  # the floor moves with the skills: score them again
            H = np.repeat(block.held[:1], len(chunk), axis=0)
            H[rows, cols] = True
            origins = np.full(len(chunk), block.origin[0])
            sim = ctx.similarity(ctx.profile_weights(H, origins), origins)
        reach = criteria.reachable(carried, months, ctx.n_essential[None, :], sim)
        new = reach & closed[None, :]
        lost = (good[None, :] & ~reach).sum(axis=1)  # only with a floor: skills dilute similarity
        shorter = (saved > 1e-9) & good[None, :] & reach
        value = (new * weight).sum(axis=1) + (np.where(shorter, saved, 0.0) * weight).sum(
            axis=1) / max(criteria.max_gap_months, 1.0)
        for i, unit in enumerate(chunk):
            if value[i] <= 0:
                continue
            d = np.flatnonzero(new[i])
            d = d[np.lexsort((ctx.id_rank[d], -np.round(index0[d], 10)))]
            out.append((unit, d, np.flatnonzero(shorter[i]), float(saved[i][shorter[i]].sum()),
                        float(value[i]), int(lost[i])))
    return out


def skills_to_learn(advisor, profile, *, n=10, near=200, kinds=("skill", "digcomp"), lang="en",
                    **criteria):
    """Rank single skills and DigComp competence levels by their effect (see the module docs).

    Parameters
    ----------
    advisor : Advisor
    profile : WorkerProfile
    n : int or None, default=10
        Number of rows; None for every unit with an effect.
    near : int, default=200
        Candidate skills also come from this many of the most likely closed doors.
    kinds : tuple, default=("skill", "digcomp")
        Which kinds of unit to rank.
    lang : {"en", "nl"}, default="en"
    **criteria
        The good-option thresholds for this call (``max_gap_months``, ...);
        default the advisor's.

    Returns
    -------
    pandas.DataFrame
        One row per unit with an effect, best first: ``rank``, ``kind``
        (``"skill"`` or ``"digcomp"``), ``id`` (skill id or competence code),
        ``label`` (in ``lang``), ``label_en``, ``label_nl``, ``level`` (the
        DigComp level to reach; NA for skills), ``digital``, ``reuse_level``,
        ``effort_months``, ``value`` (the demand-weighted effect),
        ``n_new_options``, ``n_options_after`` (good options once learned),
        ``n_closer`` and ``months_saved`` (good options whose gap it
        shortens, and by how much in all), ``new_options`` (tuple of
        occupation ids, most likely first) and ``new_option_labels``.

    Examples
    --------
    >>> from transitions import Advisor, WorkerProfile
    >>> adv = Advisor.from_sample()
    >>> learn = adv.skills_to_learn(WorkerProfile("boekhouder"), n=5)
    >>> bool((learn["value"] > 0).all())
    True
    >>> list(learn["value"]) == sorted(learn["value"], reverse=True)
    True
    """
    from .advisor import _check_n

    n = _check_n(n)
    near = _check_n(near, "near")
    check_lang(lang)
    bad = set(kinds) - {"skill", "digcomp"}
    if bad or not kinds:
        raise InvalidParameterError(f"kinds must be a subset of ('skill', 'digcomp'), got {kinds!r}")
    crit = advisor._criteria(**criteria)
    block = advisor._resolve_one(profile)
    ev = evaluate(advisor._ctx, block, crit)
    rows = learning_units(advisor, block, ev, crit, kinds=kinds, near=near)
    return _table(advisor, rows, lang, int(ev["good"][0].sum()), n)


def _table(advisor, rows, lang, n_good, n=None):
    ctx = advisor._ctx
    skills = advisor.taxonomy.skills
    reuse = skills["reuse_level"] if "reuse_level" in skills else pd.Series(None, index=skills.index)
    records = []
    for (kind, uid, level, add), new, closer, saved, value, lost in rows:
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
            "effort_months": float(ctx.months[add].sum()), "value": round(value, 12),
            "n_new_options": len(new), "n_options_after": n_good + len(new) - lost,
            "n_closer": len(closer), "months_saved": saved,
            "new_options": tuple(ctx.occupation_ids[new]),
            "new_option_labels": tuple(ctx.occ_label[lang][new]),
        })
    out = pd.DataFrame.from_records(records, columns=[c for c in LEARN_COLUMNS if c != "rank"])
    if len(out):
        out = out.sort_values(["value", "n_new_options", "effort_months", "kind", "id"],
                              ascending=[False, False, True, True, True], kind="stable")
        if n is not None:
            out = out.head(n)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out["level"] = out["level"].astype("Int64")
    return out.reset_index(drop=True)
