"""The printable advice page: one self-contained HTML file a coach walks through with a worker.

The page is rendered with Jinja2 (autoescaping on: labels and user input may
contain markup) from a template shipped with the package. It has inline CSS
only, no script and no external asset, a Content-Security-Policy that forbids
any request, and prints on A4. Its sections: the current occupation and why it
is at risk, the best options with their pay ratio (each number with its source
and level), what the worker already brings, the gaps with the digital gaps
grouped by DigComp area, stepping-stone paths, and the skills to learn first.

This module decides nothing: the numbers, orders and texts come from the
library's public API; here they are only laid out.
"""

from __future__ import annotations

import datetime as _dt
import re

import pandas as pd

from ..profile import as_profile
from .formatting import _present, format_money, format_number, format_percent, level_name
from .texts import ATTRIBUTIONS, EVIDENCE, TEXTS

__all__ = ["advice_page", "write_advice_page", "render_advice_page", "format_number",
           "format_percent", "format_money", "level_name"]

_LANGS = tuple(TEXTS)


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("transitions.report", "templates"),
        autoescape=True,  # always, whatever the template's file name
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    return env


def render_advice_page(page, lang="nl"):
    """Render a prepared advice page (a dict of sections) to a self-contained HTML string.

    Parameters
    ----------
    page : dict
        The sections, as built by :func:`transitions.report.advice_page`.
    lang : {"nl", "en"}, default="nl"

    Returns
    -------
    str
    """
    from ..exceptions import InvalidParameterError

    if lang not in _LANGS:
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose one of {list(_LANGS)}")
    from .. import __version__

    page = dict(page)
    page.setdefault("lang", lang)
    page.setdefault("untranslated", None)
    page.setdefault("version", __version__)
    page.setdefault("generated", _dt.date.today().isoformat())
    template = _environment().get_template("advice.html.j2")
    return template.render(page=page, t=TEXTS[lang])



# ---------------------------------------------------------------------- from the API to the page
class _Names:
    """The names shown on one page, in its language where the data has them, else in
    English; remembers which were not translated so the page can say how many."""

    def __init__(self, tax, lang):
        self.tax, self.lang = tax, lang
        self.shown, self.untranslated = set(), set()

    def __call__(self, ids, kind="skill"):
        """``[(name, lang of the name or None when it is the page's)]`` for ``ids``."""
        ids = list(ids)
        if not ids:
            return []
        table = self.tax.skills if kind == "skill" else self.tax.occupations
        other = "en" if self.lang != "en" else "nl"
        own = table[f"label_{self.lang}"].reindex(ids)
        fallback = table[f"label_{other}"].reindex(ids)
        out = []
        for i, name, alt in zip(ids, own, fallback):
            self.shown.add((kind, i))
            if _present(name):
                out.append((name, None))
            else:
                self.untranslated.add((kind, i))
                out.append((alt if _present(alt) else i, other))
        return out

    def one(self, id_, kind="skill"):
        return self([id_], kind)[0]

    def note(self):
        """``{"n": untranslated names, "total": names shown}``, or None when all were."""
        if not self.untranslated:
            return None
        return {"n": len(self.untranslated), "total": len(self.shown)}


def _sentences(text):
    """The reasons of the risk assessment as separate sentences (they are written as one text)."""
    if not _present(text):
        return []
    parts = re.split(r"(?<=\.)\s+(?=[A-Z])", str(text).strip())
    return [p.strip() for p in parts if p.strip()]


def _occupation_code(tax, occ):
    row = tax.occupations.loc[occ]
    for col, name in (("isco_code", "ISCO"), ("soc_code", "SOC")):
        if col in row.index and _present(row[col]):
            return f"{name} {row[col]}"
    return None


def _worker(advisor, attrs, lang, name, names):
    tax = advisor.taxonomy
    origin = attrs["origin"]
    occupation, occupation_lang = names.one(origin, "occupation")
    return {
        "name": name or None,
        "occupation_id": origin,
        "occupation": occupation,
        "occupation_lang": occupation_lang,
        "code": _occupation_code(tax, origin),
        "wage": format_money(attrs.get("worker_wage"), lang),
        "wage_source": attrs.get("worker_wage_source") or "–",
        "wage_level": level_name(attrs.get("worker_wage_level"), lang),
        "wage_note": (TEXTS[lang]["wage_floor_note"].format(
            median=format_money(attrs.get("origin_wage_median"), lang))
            if attrs.get("worker_wage_floored") else
            TEXTS[lang]["wage_below_minimum"] if attrs.get("origin_wage_below_minimum")
            and attrs.get("worker_wage_level") != "worker" else None),
    }


def _risk(advisor, origin, lang):
    table = advisor.risk_table
    if origin not in table.index:
        return {"at_risk": False, "known": False, "reasons": [], "evidence": []}
    row = table.loc[origin]
    reasons = _sentences(row.get(f"reasons_{lang}"))
    evidence = []
    for (col, source_col, level_col), names in EVIDENCE:
        value = row.get(col)
        if not _present(value):
            continue
        source = row.get(source_col)
        evidence.append({"label": names[lang],
                         "value": format_number(value, lang, 1 if col.endswith("_pct") else 2),
                         "source": source if _present(source) else "–",
                         "level": level_name(row.get(level_col), lang)})
    known = _present(row.get("risk_score")) or bool(row.get("at_risk"))
    # The first sentence is the verdict, which the page shows as its badge.
    return {"at_risk": bool(row.get("at_risk")), "known": known,
            "reasons": reasons[1:] if len(reasons) > 1 else reasons, "evidence": evidence}


def _digital_areas(tax, missing_digital, digcomp_gap, lang, names):
    """Digital gaps grouped by DigComp area (:func:`transitions.digcomp.skill_areas`): skills,
    then competence levels."""
    from ..digcomp import digcomp_areas, digcomp_competences, skill_areas

    t = TEXTS[lang]
    areas = digcomp_areas()[f"title_{lang}"]
    comps = digcomp_competences()
    skill_area = skill_areas(tax)
    groups = {}
    for skill, (label, label_lang) in zip(missing_digital, names(missing_digital)):
        area = skill_area.get(skill)
        level = tax.skills.at[skill, "digcomp_level"] if "digcomp_level" in tax.skills else None
        groups.setdefault(area, []).append(
            {"label": label, "label_lang": label_lang,
             "level": int(level) if _present(level) else None})
    for code, needed, held in digcomp_gap or ():
        area = comps.at[code, "area"]
        label = f"{t['competence_gap']} {code} {comps.at[code, f'title_{lang}']}"
        if held is not None and _present(held):
            label += f" ({t['now']} {int(held)})"
        groups.setdefault(area, []).append({"label": label, "label_lang": None,
                                            "level": int(needed)})
    out = [{"title": f"{a} {areas[a]}", "items": groups[a]} for a in sorted(k for k in groups if k)]
    if None in groups:
        out.append({"title": t["other_digital"], "items": groups[None]})
    return out


def _options(advisor, options, lang, names):
    from ..advice.effort import effort_band_label

    tax = advisor.taxonomy
    t = TEXTS[lang]
    digital = tax.skills["digital"]
    rows = []
    for o in options.to_dict("records"):
        outlook = t.get(str(o.get("trend")), t["unknown"]) if _present(o.get("trend")) \
            else t["unknown"]
        if o.get("at_risk"):
            outlook += f", {t['risk_at']}"
        label, label_lang = names.one(o["occupation_id"], "occupation")
        rows.append({
            "rank": int(o["rank"]),
            "label": label,
            "label_lang": label_lang,
            "similarity": format_percent(o["similarity"], lang),
            "wage_ratio": format_number(o["wage_ratio"], lang),
            "wage_source": o.get("wage_source") if _present(o.get("wage_source")) else "–",
            "wage_level": level_name(o.get("wage_level"), lang),
            "wage_note": TEXTS[lang]["wage_below_minimum"] if o.get("wage_below_minimum") else None,
            "outlook": outlook,
            "effort": effort_band_label(o["effort_band"], lang),
            "n_gaps": int(o["n_missing"]),
            "explanation": o.get("explanation") if _present(o.get("explanation")) else None,
            "gaps": [{"label": label, "label_lang": label_lang, "digital": bool(digital[sid])}
                     for sid, (label, label_lang) in zip(o["missing_skills"],
                                                         names(o["missing_skills"]))],
            "digital_areas": _digital_areas(tax, o["missing_digital"], o.get("digcomp_gap"), lang,
                                            names),
        })
    return rows


def _brings(advisor, profile, lang, names):
    tax = advisor.taxonomy
    held = list(profile.skill_set(tax))
    extra = set(profile.skills)
    rows = [{"label": label, "label_lang": label_lang,
             "digital": bool(tax.skills.at[sid, "digital"]), "extra": sid in extra}
            for sid, (label, label_lang) in zip(held, names(held))]
    # Extra skills first (what the worker adds), then digital ones, then by label.
    return sorted(rows, key=lambda r: (not r["extra"], not r["digital"], r["label"].lower()))


def _paths(advisor, profile, n, lang, names, criteria):
    if n == 0 or profile.max_steps < 2:
        return []
    table = advisor.paths(profile, n=n, lang=lang, **criteria)
    rows = []
    for p in table.to_dict("records"):
        ratios = list(p.get("step_wage_ratio") or ())
        labels = names(list(p["path"])[1:], "occupation")
        steps = [{"label": label, "label_lang": label_lang,
                  "wage_ratio": format_number(r, lang) if _present(r) else None}
                 for (label, label_lang), r in zip(labels,
                                                   ratios + [None] * (len(labels) - len(ratios)))]
        gaps = [{"label": label, "label_lang": label_lang}
                for label, label_lang in names(list(p.get("missing_skills") or ()))]
        rows.append({"steps": steps, "gaps": gaps,
                     "note": p.get("explanation") if _present(p.get("explanation")) else None})
    return rows


def _learn_first(advisor, profile, n, lang, names, criteria):
    if n == 0:
        return []
    from ..digcomp import digcomp_competences

    tax = advisor.taxonomy
    titles = digcomp_competences()[f"title_{lang}"]
    table = advisor.skills_to_learn(profile, n=n, lang=lang, **criteria)
    rows = []
    for r in table.to_dict("records"):
        if r["kind"] == "digcomp":
            digcomp = f"{r['id']} {titles[r['id']]}"
            if _present(r.get("level")):
                digcomp += f" ({TEXTS[lang]['level_needed']} {int(r['level'])})"
        else:
            code = tax.skills.at[r["id"], "digcomp"] if "digcomp" in tax.skills else None
            digcomp = f"{code} {titles[code]}" if _present(code) and code in titles.index else None
        label, label_lang = (names.one(r["id"]) if r["kind"] != "digcomp"
                             else (r["label"], None))
        rows.append({"label": label, "label_lang": label_lang, "digital": bool(r.get("digital")),
                     "digcomp": digcomp, "unlocks": int(r["n_new_options"])})
    return rows


def _sources(advisor, page_numbers, lang):
    """Attribution lines (``{"text", "lang"}``) of the taxonomy and of every source a number on
    the page came from, in the page's language where the line has one."""
    shown = {advisor.taxonomy.name.split("-")[0].split("+")[0].lower(), "DigComp", *page_numbers}
    lines = []
    for prefix, texts in ATTRIBUTIONS:
        line_lang = lang if lang in texts else "en"
        line = {"text": texts[line_lang], "lang": line_lang}
        if any(str(s).startswith(prefix) or str(s).lower() == prefix for s in shown) \
                and line not in lines:
            lines.append(line)
    return lines


def advice_page(advisor, profile, *, lang="nl", n=5, n_paths=3, n_learn=5, worker_name=None,
                **criteria):
    """The printable advice page for one worker, as a self-contained HTML string.

    Parameters
    ----------
    advisor : Advisor
        The taxonomy, graph, labour market and risk table to advise from.
    profile : WorkerProfile, dict or str
        The worker (a string is taken as their occupation).
    lang : {"nl", "en"}, default="nl"
        Language of the page.
    n : int, default=5
        Number of options shown, each with its gaps.
    n_paths : int, default=3
        Number of stepping-stone paths shown (0: none).
    n_learn : int, default=5
        Number of skills to learn first (0: none).
    worker_name : str, optional
        Shown at the top of the page; never stored.
    **criteria
        The good-option thresholds (``max_gap_months``, ...; see
        :meth:`Advisor.recommend`); default the advisor's.

    Returns
    -------
    str
        One HTML document: inline CSS, no script, no external request, A4 print layout.

    Examples
    --------
    >>> from transitions import Advisor, WorkerProfile
    >>> from transitions.report import advice_page
    >>> html = advice_page(Advisor.from_sample(), WorkerProfile("boekhouder"))
    >>> html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    True
    """
    if lang not in _LANGS:
        from ..exceptions import InvalidParameterError

        raise InvalidParameterError(f"lang={lang!r} is not supported; choose one of {list(_LANGS)}")
    profile = as_profile(profile).resolve(advisor.taxonomy)
    options = advisor.recommend(profile, n=n, lang=lang, **criteria)
    attrs = options.attrs
    risk = _risk(advisor, attrs["origin"], lang)
    shown_sources = {attrs.get("worker_wage_source")}
    for col in ("wage_source", "openings_source", "tightness_source", "shortage_source"):
        shown_sources |= set(options.get(col, pd.Series(dtype=object)).dropna())
    shown_sources |= {e["source"] for e in risk["evidence"]}
    names = _Names(advisor.taxonomy, lang)
    page = {
        "dataset": advisor.taxonomy.name,
        "sample_notice": advisor.taxonomy.name.startswith("sample"),
        "worker": _worker(advisor, attrs, lang, worker_name, names),
        "risk": risk,
        "options": _options(advisor, options, lang, names),
        "brings": _brings(advisor, profile, lang, names),
        "paths": _paths(advisor, profile, n_paths, lang, names, criteria),
        "learn_first": _learn_first(advisor, profile, n_learn, lang, names, criteria),
        "sources": _sources(advisor, {s for s in shown_sources if _present(s)}, lang),
    }
    page["untranslated"] = names.note()
    return render_advice_page(page, lang=lang)


def write_advice_page(path, advisor, profile, **kwargs):
    """Write :func:`advice_page` to ``path`` atomically (UTF-8); returns the path."""
    from .._files import atomic_write_text

    atomic_write_text(path, advice_page(advisor, profile, **kwargs))
    return path
