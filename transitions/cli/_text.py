"""The command line's own few words and table headings, in Dutch and English.

Machine formats (JSON, CSV) keep the API's column names; only tables for
people get translated headings.
"""

__all__ = ["text", "headers", "localise"]

_MESSAGES = {
    "nl": {
        "current": "Huidig beroep: {occupation} ({risk})",
        "at_risk": "risico door digitalisering",
        "not_at_risk": "geen verhoogd risico",
        "n_options": "Goede opties zonder loonverlies: {n}",
        "no_options": "Geen opties die aan alle voorwaarden voldoen; probeer 'transitions paths' "
                      "of 'transitions skills-to-learn'.",
        "no_match": "Geen beroep gevonden voor {query!r}.",
        "page_written": "Adviespagina geschreven naar {path}",
        "graph_written": "Graaf geschreven naar {path}",
        "batch_label": "profielen",
        "no_paths": "Geen route in meerdere stappen naar een beroep dat de directe opties niet "
                    "al bieden.",
        "no_route": "Geen route gevonden: er is geen goede directe overstap, en geen enkele "
                    "vaardigheid opent er een.",
        "nothing_to_learn": "Geen enkele vaardigheid opent extra opties of verkort een kloof.",
    },
    "en": {
        "current": "Current occupation: {occupation} ({risk})",
        "at_risk": "at risk from digitalisation",
        "not_at_risk": "no raised risk",
        "n_options": "Good options without loss of pay: {n}",
        "no_options": "No option meets every condition; try 'transitions paths' or "
                      "'transitions skills-to-learn'.",
        "no_match": "No occupation found for {query!r}.",
        "page_written": "Advice page written to {path}",
        "graph_written": "Graph written to {path}",
        "batch_label": "profiles",
        "no_paths": "No path of several steps leads anywhere the direct options do not.",
        "no_route": "No route found: there is no good direct switch, and no single skill "
                    "opens one.",
        "nothing_to_learn": "No single skill opens additional options or shortens a gap.",
    },
}

_HEADERS = {
    "nl": {
        "rank": "#", "occupation_id": "id", "label": "beroep", "label_nl": "beroep",
        "label_en": "beroep (en)", "similarity": "overlap", "wage_ratio": "loon/nu",
        "wage_level": "loon: niveau", "trend": "trend", "effort_band": "omscholing",
        "n_missing": "te leren", "explanation": "toelichting", "matched_title": "gevonden titel",
        "match": "soort", "score": "score", "at_risk": "risico", "risk_score": "risicoscore",
        "reasons": "redenen", "profile_id": "profiel", "path_labels": "route", "steps": "stappen",
        "kind": "soort", "level": "niveau", "n_new_options": "extra opties", "id": "id",
        "skill_label": "vaardigheid", "group": "groep", "workers": "werkenden", "share_with_option": "aandeel met optie",
        "mean_options": "gem. opties", "median_options": "mediaan opties", "share_none": "aandeel zonder",
        "n_options": "opties", "default": "standaard",
        "n_carried": "heeft al", "openings": "vacatures/jaar", "n_closer": "korter",
        "months_saved": "maanden minder", "max_gap_months": "max. maanden",
        "min_carried": "min. al", "in_demand_only": "kansrijk", "best_months": "beste: maanden",
        "share_best_within_year": "beste <= 1 jaar",
    },
    "en": {
        "rank": "#", "occupation_id": "id", "label": "occupation", "label_nl": "occupation (nl)",
        "label_en": "occupation", "similarity": "similarity", "wage_ratio": "pay/now",
        "wage_level": "pay: level", "trend": "trend", "effort_band": "retraining",
        "n_missing": "to learn", "explanation": "explanation", "matched_title": "matched title",
        "match": "match", "score": "score", "at_risk": "at risk", "risk_score": "risk score",
        "reasons": "reasons", "profile_id": "profile", "path_labels": "path", "steps": "steps",
        "kind": "kind", "level": "level", "n_new_options": "new options", "id": "id",
        "skill_label": "skill", "group": "group", "workers": "workers", "share_with_option": "share with option",
        "mean_options": "mean options", "median_options": "median options", "share_none": "share none",
        "n_options": "options", "default": "default",
        "n_carried": "has already", "openings": "openings/year", "n_closer": "shorter",
        "months_saved": "months saved", "max_gap_months": "max months",
        "min_carried": "min carried", "in_demand_only": "in demand",
        "best_months": "best: months", "share_best_within_year": "best <= 1 year",
    },
}


def text(lang, key):
    """A message of the command line in ``lang``."""
    return _MESSAGES[lang][key]


def headers(lang):
    """Translated table headings (columns not listed keep their API name)."""
    return _HEADERS[lang]


def localise(df, lang):
    """A copy of ``df`` with the API's English category values (trend, effort band, the level of
    a statistic) in ``lang``, for tables read by people."""
    import pandas as pd

    from ..report import level_name
    from ..report_text import TEXTS

    out = df.copy()
    if "trend" in out:
        out["trend"] = out["trend"].map(lambda v: TEXTS[lang].get(v, v) if isinstance(v, str) else v)
    if "effort_band" in out:
        from ..advice.effort import effort_band_label

        out["effort_band"] = out["effort_band"].map(lambda v: effort_band_label(v, lang))
    for col in [c for c in out.columns if c.endswith("_level")
                and not pd.api.types.is_numeric_dtype(out[c])]:
        out[col] = out[col].map(lambda v: level_name(v, lang))
    return out
