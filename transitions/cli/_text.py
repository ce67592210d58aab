"""The command line's own few words and table headings, in Dutch and English.

Machine formats (JSON, CSV) keep the API's column names; only tables for
people get translated headings.
"""

__all__ = ["text", "headers", "localise", "match_name", "mark_untranslated", "INFO"]

_MESSAGES = {
    "nl": {
        "current": "Huidig beroep: {occupation} ({risk})",
        "at_risk": "risico door digitalisering",
        "not_at_risk": "geen verhoogd risico",
        "n_options": "Goede opties zonder loonverlies: {n}",
        "no_options": "Geen opties die aan alle voorwaarden voldoen; probeer 'transitions paths' "
                      "of 'transitions skills-to-learn'.",
        "no_match": "Geen beroep gevonden voor {query!r}.",
        "no_skill_match": "Geen vaardigheid gevonden voor {query!r}.",
        "page_written": "Adviespagina geschreven naar {path}",
        "graph_written": "Graaf geschreven naar {path}",
        "batch_label": "profielen",
        "no_paths": "Geen route in meerdere stappen naar een beroep dat de directe opties niet "
                    "al bieden.",
        "no_route": "Geen route gevonden: er is geen goede directe overstap, en geen enkele "
                    "vaardigheid opent er een.",
        "nothing_to_learn": "Geen enkele vaardigheid opent extra opties of verkort een kloof.",
        "untranslated": "(en) = geen Nederlandse naam in de gegevens; Engelse naam getoond "
                        "({n} van {total}).",
    },
    "en": {
        "current": "Current occupation: {occupation} ({risk})",
        "at_risk": "at risk from digitalisation",
        "not_at_risk": "no raised risk",
        "n_options": "Good options without loss of pay: {n}",
        "no_options": "No option meets every condition; try 'transitions paths' or "
                      "'transitions skills-to-learn'.",
        "no_match": "No occupation found for {query!r}.",
        "no_skill_match": "No skill found for {query!r}.",
        "page_written": "Advice page written to {path}",
        "graph_written": "Graph written to {path}",
        "batch_label": "profiles",
        "no_paths": "No path of several steps leads anywhere the direct options do not.",
        "no_route": "No route found: there is no good direct switch, and no single skill "
                    "opens one.",
        "nothing_to_learn": "No single skill opens additional options or shortens a gap.",
        "untranslated": "",
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
        "digital": "digitaal",
        "skill_id": "id", "min_similarity": "min. overlap", "min_wage_ratio": "min. loon/nu",
        "exclude_at_risk": "zonder risicoberoepen", "coverage": "dekking",
        "n_shared": "gedeeld",
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
        "digital": "digital",
        "skill_id": "id", "min_similarity": "min. similarity", "min_wage_ratio": "min. pay/now",
        "exclude_at_risk": "without at-risk", "coverage": "coverage",
        "n_shared": "shared",
    },
}


#: The words of ``data info`` (the counts keep the keys of :meth:`Taxonomy.summary`).
INFO = {
    "nl": {"data_home": "gegevensmap", "taxonomy": "taxonomie", "table": "telling",
           "number": "aantal", "labels": "namen", "occupations": "beroepen",
           "skills": "vaardigheden", "relations": "koppelingen",
           "essential relations": "onmisbare koppelingen",
           "optional relations": "optionele koppelingen", "digital skills": "digitale vaardigheden",
           "skills with a DigComp code": "vaardigheden met een DigComp-code",
           "occupations with a Dutch label": "beroepen met een Nederlandse naam",
           "skills with a Dutch label": "vaardigheden met een Nederlandse naam",
           "imported": "geïmporteerd", "nl": "Nederlands", "en": "Engels",
           "nothing_yet": "nog niets (transitions data import esco|onet|labour PAD)"},
    "en": {"data_home": "data home", "taxonomy": "taxonomy", "table": "count", "number": "n",
           "labels": "labels", "imported": "imported",
           "nothing_yet": "nothing yet (transitions data import esco|onet|labour PATH)"},
}

#: How a title matched (:func:`transitions.find_occupation`), for people.
_MATCH = {
    "nl": {"label": "naam", "altlabel": "andere naam", "words": "woorden",
           "group": "beroepsgroep", "fuzzy": "lijkt op"},
    "en": {"label": "label", "altlabel": "other label", "words": "words", "group": "group",
           "fuzzy": "similar"},
}
#: What skills-to-learn proposes.
_KIND = {"nl": {"skill": "vaardigheid", "digcomp": "DigComp-competentie"},
         "en": {"skill": "skill", "digcomp": "DigComp competence"}}
#: The groups of the coverage headline.
_GROUP = {"nl": {"all": "alle werkenden", "at_risk": "beroepen met risico",
                 "at risk": "beroepen met risico"},
          "en": {"all": "all workers", "at_risk": "at-risk occupations"}}


def text(lang, key):
    """A message of the command line in ``lang``."""
    return _MESSAGES[lang][key]


def match_name(kind, lang):
    """How a title matched (``label``, ``altlabel``, ...), in ``lang``."""
    return _MATCH[lang].get(kind, kind)


def headers(lang):
    """Translated table headings (columns not listed keep their API name)."""
    return _HEADERS[lang]


def mark_untranslated(df, column, tax, lang, *, ids):
    """``df`` with the skill labels in ``column`` that have no translation into ``lang``
    marked "(en)", and the line that explains the mark and counts them ("" if none).

    ``ids`` holds the skill id of each row (NaN for rows that are no skill)."""
    if lang == "en":
        return df, ""
    has_label = tax.skills[f"label_{lang}"].notna()
    known = ids.isin(has_label.index).to_numpy()
    lacking = known & ~has_label.reindex(ids).fillna(True).to_numpy(bool)
    if not lacking.any():
        return df, ""
    out = df.copy()
    out.loc[lacking, column] = out.loc[lacking, column].astype(str) + " (en)"
    note = text(lang, "untranslated").format(n=int(lacking.sum()), total=int(known.sum()))
    return out, note + "\n"


def localise(df, lang):
    """A copy of ``df`` with the API's English category values (trend, effort band, the level of
    a statistic) in ``lang``, for tables read by people."""
    import pandas as pd

    from ..report.formatting import level_name
    from ..report.texts import TEXTS

    out = df.copy()
    if "match" in out:
        out["match"] = out["match"].map(lambda v: match_name(v, lang))
        # a 0-100 score of a title match: whole points are precise enough
        out["score"] = out["score"].round().astype("Int64")
    if "openings" in out:
        # an occupation's share of its group's openings: whole jobs, not hundredths of one
        out["openings"] = pd.to_numeric(out["openings"], errors="coerce").round().astype("Int64")
    if "kind" in out:
        out["kind"] = out["kind"].map(lambda v: _KIND[lang].get(v, v))
    if "group" in out:
        out["group"] = out["group"].map(lambda v: _GROUP[lang].get(v, v))
    if "trend" in out:
        out["trend"] = out["trend"].map(lambda v: TEXTS[lang].get(v, v) if isinstance(v, str) else v)
    if "effort_band" in out:
        from ..advice.effort import effort_band_label

        out["effort_band"] = out["effort_band"].map(lambda v: effort_band_label(v, lang))
    for col in [c for c in out.columns if c.endswith("_level")
                and not pd.api.types.is_numeric_dtype(out[c])]:
        out[col] = out[col].map(lambda v: level_name(v, lang))
    return out
