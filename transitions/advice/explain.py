"""One-line explanations of options and paths, in Dutch or English.

Plain sentences an advisor can read out: which skills carry over, what the
pay does and where that figure comes from, how much demand there is and
whether the occupation grows, and what must be learned. Numbers are rounded
the way people say them, and each carries its level and source.
"""

from __future__ import annotations

from .effort import effort_band_label

__all__ = ["explain_option", "explain_path"]

_TREND = {
    "en": {"growing": "a growing occupation", "stable": "a stable occupation",
           "shrinking": "a shrinking occupation", None: "trend unknown"},
    "nl": {"growing": "groeiend beroep", "stable": "stabiel beroep",
           "shrinking": "krimpend beroep", None: "trend onbekend"},
}


def _level(level, lang):
    """A statistic's level in ``lang`` (the labour-market layer writes English names)."""
    if lang != "nl" or not level:
        return level
    from ..labour.codes import LEVEL_NAMES_NL

    return LEVEL_NAMES_NL.get(str(level), str(level))


def _pct(x):
    return f"{x * 100:.0f}%"


#: The caveat on a median below the adult statutory minimum wage.
BELOW_MINIMUM = {
    "nl": "mediaan onder het wettelijk minimumloon voor volwassenen (veel jongeren)",
    "en": "median below the adult statutory minimum wage (many young workers)",
}


def _wage_part(ratio, level, source, lang, below_minimum=False):
    # Every number carries its level and source: "(BRC group, CBS 85517NED 2022)".
    where = _where(level, source, lang)
    note = f"; {BELOW_MINIMUM[lang]}" if below_minimum else ""
    if lang == "nl":
        return f"loon {_pct(ratio)} van het huidige{where}{note}"
    return f"pays {_pct(ratio)} of the current wage{where}{note}"


def _gap_part(n_missing, n_digital, digcomp_gap, band, lang, education_step=0):
    comps = ", ".join(f"{code} → {need}" for code, need, _ in digcomp_gap[:3])
    if education_step:
        up = {"nl": f", en {education_step} opleidingsniveau" + ("s" if education_step > 1 else "")
                    + " hoger",
              "en": f", and {education_step} education level" + ("s" if education_step > 1 else "")
                    + " up"}[lang]
    else:
        up = ""
    if lang == "nl":
        if n_missing == 0:
            return f"geen kernvaardigheden bij te leren{up}, circa {effort_band_label(band, 'nl')}"
        text = f"nog {n_missing} " + ("kernvaardigheid" if n_missing == 1 else "kernvaardigheden")
        text += f" te leren, waarvan {n_digital} digitaal" if n_digital else " te leren"
        if comps:
            text += f" (DigComp {comps})"
        return text + f"{up}, circa {effort_band_label(band, 'nl')}"
    if n_missing == 0:
        return f"no essential skill to learn{up}, about {effort_band_label(band, 'en')}"
    text = f"learn {n_missing} essential skill" + ("" if n_missing == 1 else "s")
    if n_digital:
        text += f", {n_digital} of them digital"
    if comps:
        text += f" (DigComp {comps})"
    return text + f"{up}, about {effort_band_label(band, 'en')}"


def _where(level, source, lang):
    where = ", ".join(str(x) for x in (_level(level, lang), source) if x)
    return f" ({where})" if where else ""


def _count(x, lang):
    """A count rounded the way people say it: 1,230 -> '1,200' ('1.200' in Dutch)."""
    if x >= 100:
        x = round(x, -2) if x < 10_000 else round(x, -3)
    text = f"{x:,.0f}"
    return text.replace(",", ".") if lang == "nl" else text


def _carried_part(carried_labels, n_essential, lang):
    n = len(carried_labels)
    names = ", ".join(carried_labels[:3]) + (", ..." if n > 3 else "")
    if lang == "nl":
        return f"{n} van de {n_essential} kernvaardigheden heeft u al ({names})"
    return f"you have {n} of its {n_essential} essential skills ({names})"


def _demand_part(demand, lang):
    """Openings per year and, where known, tightness or shortage, each with level and source."""
    parts = []
    openings = demand.get("openings")
    if openings is not None and openings == openings:
        where = _where(demand.get("openings_level"), demand.get("openings_source"), lang)
        parts.append(f"{_count(openings, lang)} " + ("baanopeningen per jaar" if lang == "nl"
                                                      else "openings a year") + where)
    for name, nl, en in (("tightness", "arbeidsmarkt nu", "labour market now"),
                         ("shortage", "verwacht tekort", "expected shortage")):
        cls = demand.get(f"{name}_class")
        if cls:
            where = _where(demand.get(f"{name}_level"), demand.get(f"{name}_source"), lang)
            parts.append(f"{nl if lang == 'nl' else en}: {cls}{where}")
    return "; ".join(parts)


def explain_option(label, wage_ratio, wage_level, trend, n_missing, n_digital, digcomp_gap, band,
                   *, carried_labels=(), n_essential=0, demand=None, education_step=0,
                   lang="en", wage_source=None, below_minimum=False):
    """One sentence about one switch option.

    Examples
    --------
    >>> from transitions.advice.explain import explain_option
    >>> explain_option("salarisadministrateur", 1.04, "BRC group", "growing", 3, 1,
    ...                (("3.4", 4, None),), "<= 6 months", lang="nl",
    ...                carried_labels=("boekhouden", "Excel", "fiscale wetgeving", "rapporteren"),
    ...                n_essential=7, wage_source="CBS 85517NED 2022",
    ...                demand={"openings": 1234.0, "openings_level": "BRC group",
    ...                        "openings_source": "ROA AIS 2026"})
    'salarisadministrateur: 4 van de 7 kernvaardigheden heeft u al (boekhouden, Excel, fiscale wetgeving, ...), loon 104% van het huidige (BRC-beroepsgroep, CBS 85517NED 2022), groeiend beroep, 1.200 baanopeningen per jaar (BRC-beroepsgroep, ROA AIS 2026); nog 3 kernvaardigheden te leren, waarvan 1 digitaal (DigComp 3.4 → 4), circa <= 6 maanden.'
    """
    trend_text = _TREND[lang].get(trend, _TREND[lang][None])
    head = f"{label}: {_carried_part(tuple(carried_labels), n_essential, lang)}"
    demand_text = _demand_part(demand or {}, lang)
    demand_text = f", {demand_text}" if demand_text else ""
    wage = _wage_part(wage_ratio, wage_level, wage_source, lang, below_minimum)
    return (f"{head}, {wage}, {trend_text}"
            f"{demand_text}; "
            f"{_gap_part(n_missing, n_digital, digcomp_gap, band, lang, education_step)}.")


_WHY = {
    "en": {"better pay": "it pays clearly more than the best direct switch",
           "in demand": "it is in demand, unlike the best direct switch",
           "no direct option": "there is no good direct switch yet",
           "few direct options": "few good direct switches exist",
           "beyond direct reach": "it is out of reach in one switch"},
    "nl": {"better pay": "het betaalt duidelijk meer dan de beste directe overstap",
           "in demand": "het is kansrijk, de beste directe overstap niet",
           "no direct option": "er is nog geen goede directe overstap",
           "few direct options": "er zijn weinig goede directe overstappen",
           "beyond direct reach": "het is in één stap niet bereikbaar"},
}


def explain_path(labels, wage_ratio, n_missing, n_digital, band, reason, lang="en",
                 wage_level=None, wage_source=None, learn_first=()):
    """One sentence about a path of stepping stones.

    Examples
    --------
    >>> from transitions.advice.explain import explain_path
    >>> explain_path(["boekhouder", "salarisadministrateur", "data-analist"], 1.2, 6, 4,
    ...              "<= 1 year", "better pay", lang="en")
    'Via salarisadministrateur to data-analist: ends at 120% of the current wage, as it pays clearly more than the best direct switch; learn 6 essential skills along the way (4 digital), about <= 1 year in all.'
    >>> explain_path(["a", "b", "c"], 1.0, 1, 0, "<= 6 months", "no direct option", lang="nl",
    ...              wage_level="BRC group", wage_source="CBS 85517NED 2022",
    ...              learn_first=("Excel",))[:119]
    'Leer eerst Excel, dan via b naar c: eindigt op 100% van het huidige loon (BRC-beroepsgroep, CBS 85517NED 2022), want er'
    """
    steps = labels[1:]
    where = _where(wage_level, wage_source, lang)
    why = _WHY[lang].get(reason, reason)
    learn = ", ".join(learn_first[:3]) + (", ..." if len(learn_first) > 3 else "")
    if lang == "nl":
        route = "Via " + ", ".join(steps[:-1]) + f" naar {steps[-1]}"
        if learn:
            route = f"Leer eerst {learn}, dan via " + ", ".join(steps[:-1]) + f" naar {steps[-1]}"
        digital = f" (waarvan {n_digital} digitaal)" if n_digital else ""
        return (f"{route}: eindigt op {_pct(wage_ratio)} van het huidige loon{where}, want {why}; "
                f"onderweg {n_missing} kernvaardigheden te leren{digital}, "
                f"circa {effort_band_label(band, 'nl')} in totaal.")
    route = "Via " + ", ".join(steps[:-1]) + f" to {steps[-1]}"
    if learn:
        route = f"Learn {learn} first, then via " + ", ".join(steps[:-1]) + f" to {steps[-1]}"
    digital = f" ({n_digital} digital)" if n_digital else ""
    return (f"{route}: ends at {_pct(wage_ratio)} of the current wage{where}, as {why}; "
            f"learn {n_missing} essential skills along the way{digital}, "
            f"about {effort_band_label(band, 'en')} in all.")
