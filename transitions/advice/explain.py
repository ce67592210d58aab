"""One-line explanations of options and paths, in Dutch or English.

Plain sentences an advisor can read out: how well the skills match, what the
pay does and where that figure comes from, whether the occupation grows,
and what must be learned. Numbers are rounded the way people say them.
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
    where = ", ".join(str(x) for x in (_level(level, lang), source) if x)
    where = f" ({where})" if where else ""
    note = f"; {BELOW_MINIMUM[lang]}" if below_minimum else ""
    if lang == "nl":
        return f"loon {_pct(ratio)} van het huidige{where}{note}"
    return f"pays {_pct(ratio)} of the current wage{where}{note}"


def _gap_part(n_missing, n_digital, digcomp_gap, band, lang):
    comps = ", ".join(f"{code} → {need}" for code, need, _ in digcomp_gap[:3])
    if lang == "nl":
        if n_missing == 0:
            return "geen kernvaardigheden bij te leren"
        text = f"nog {n_missing} " + ("kernvaardigheid" if n_missing == 1 else "kernvaardigheden")
        text += f" te leren, waarvan {n_digital} digitaal" if n_digital else " te leren"
        if comps:
            text += f" (DigComp {comps})"
        return text + f", circa {effort_band_label(band, 'nl')}"
    if n_missing == 0:
        return "no essential skill to learn"
    text = f"learn {n_missing} essential skill" + ("" if n_missing == 1 else "s")
    if n_digital:
        text += f", {n_digital} of them digital"
    if comps:
        text += f" (DigComp {comps})"
    return text + f", about {effort_band_label(band, 'en')}"


def explain_option(label, similarity, wage_ratio, wage_level, trend, n_missing, n_digital,
                   digcomp_gap, band, lang="en", wage_source=None, below_minimum=False):
    """One sentence about one switch option.

    Examples
    --------
    >>> from transitions.advice.explain import explain_option
    >>> explain_option("salarisadministrateur", 0.72, 1.04, "BRC group", "growing", 3, 1,
    ...                (("3.4", 4, None),), "<= 6 months", lang="nl",
    ...                wage_source="CBS 85517NED 2022")
    'salarisadministrateur: 72% overlap in vaardigheden, loon 104% van het huidige (BRC-beroepsgroep, CBS 85517NED 2022), groeiend beroep; nog 3 kernvaardigheden te leren, waarvan 1 digitaal (DigComp 3.4 → 4), circa <= 6 maanden.'
    """
    trend_text = _TREND[lang].get(trend, _TREND[lang][None])
    if lang == "nl":
        head = f"{label}: {_pct(similarity)} overlap in vaardigheden"
    else:
        head = f"{label}: {_pct(similarity)} skill overlap"
    wage = _wage_part(wage_ratio, wage_level, wage_source, lang, below_minimum)
    return (f"{head}, {wage}, {trend_text}; "
            f"{_gap_part(n_missing, n_digital, digcomp_gap, band, lang)}.")


def explain_path(labels, wage_ratio, n_missing, n_digital, band, reason, lang="en",
                 wage_level=None, wage_source=None):
    """One sentence about a path of stepping stones.

    Examples
    --------
    >>> from transitions.advice.explain import explain_path
    >>> explain_path(["boekhouder", "salarisadministrateur", "data-analist"], 1.2, 6, 4,
    ...              "<= 1 year", "better end", lang="en")
    'Via salarisadministrateur to data-analist: ends at 120% of the current wage, a better end than any direct switch; learn 6 essential skills along the way (4 digital), about <= 1 year in all.'
    >>> explain_path(["a", "b", "c"], 1.0, 1, 0, "<= 6 months", "few direct options", lang="nl",
    ...              wage_level="BRC group", wage_source="CBS 85517NED 2022")[:88]
    'Via b naar c: eindigt op 100% van het huidige loon (BRC-beroepsgroep, CBS 85517NED 2022)'
    """
    steps = labels[1:]
    where = ", ".join(str(x) for x in (_level(wage_level, lang), wage_source) if x)
    where = f" ({where})" if where else ""
    if lang == "nl":
        why = ("er zijn weinig goede directe overstappen" if reason == "few direct options"
               else "een betere eindbestemming dan elke directe overstap")
        route = "Via " + ", ".join(steps[:-1]) + f" naar {steps[-1]}"
        digital = f" (waarvan {n_digital} digitaal)" if n_digital else ""
        return (f"{route}: eindigt op {_pct(wage_ratio)} van het huidige loon{where}, {why}; "
                f"onderweg {n_missing} kernvaardigheden te leren{digital}, "
                f"circa {effort_band_label(band, 'nl')} in totaal.")
    why = ("few good direct switches exist" if reason == "few direct options"
           else "a better end than any direct switch")
    route = "Via " + ", ".join(steps[:-1]) + f" to {steps[-1]}"
    digital = f" ({n_digital} digital)" if n_digital else ""
    return (f"{route}: ends at {_pct(wage_ratio)} of the current wage{where}, {why}; "
            f"learn {n_missing} essential skills along the way{digital}, "
            f"about {effort_band_label(band, 'en')} in all.")
