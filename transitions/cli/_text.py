"""The command line's own few words and table headings, in Dutch and English.

Machine formats (JSON, CSV) keep the API's column names; only tables for
people get translated headings.
"""

__all__ = ["text", "headers"]

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
    },
}

_HEADERS = {
    "nl": {
        "rank": "#", "occupation_id": "id", "label": "beroep", "label_nl": "beroep",
        "label_en": "beroep (en)", "similarity": "overeenkomst", "wage_ratio": "loon/nu",
        "wage_level": "loon: niveau", "trend": "trend", "effort_band": "omscholing",
        "n_missing": "te leren", "explanation": "toelichting", "matched_title": "gevonden titel",
        "match": "soort", "score": "score", "at_risk": "risico", "risk_score": "risicoscore",
        "reasons": "redenen", "profile_id": "profiel",
    },
    "en": {
        "rank": "#", "occupation_id": "id", "label": "occupation", "label_nl": "occupation (nl)",
        "label_en": "occupation", "similarity": "similarity", "wage_ratio": "pay/now",
        "wage_level": "pay: level", "trend": "trend", "effort_band": "retraining",
        "n_missing": "to learn", "explanation": "explanation", "matched_title": "matched title",
        "match": "match", "score": "score", "at_risk": "at risk", "risk_score": "risk score",
        "reasons": "reasons", "profile_id": "profile",
    },
}


def text(lang, key):
    """A message of the command line in ``lang``."""
    return _MESSAGES[lang][key]


def headers(lang):
    """Translated table headings (columns not listed keep their API name)."""
    return _HEADERS[lang]
