"""The fixed wording of the advice page, in Dutch and English.

Kept apart from :mod:`transitions.report` so that a translator edits one
table. Every language must define the same keys (a test checks it).
"""

__all__ = ["TEXTS", "EVIDENCE", "ATTRIBUTIONS"]

TEXTS = {
    "nl": {
        "title": "Loopbaanadvies",
        "for_worker": "Voor",
        "generated": "Opgesteld op",
        "data": "gegevens",
        "sample_notice": "Let op: deze pagina is gemaakt met de ingebouwde voorbeeldgegevens. "
                         "Beroepen, lonen en trends zijn illustratief, geen echte cijfers.",
        "h_current": "Huidig beroep",
        "wage": "Bruto uurloon",
        "wage_floor_note": "De mediaan van dit beroep ({median}) ligt onder het wettelijk "
                           "minimumloon voor volwassenen (veel jonge werknemers); als loon is "
                           "het minimumloon genomen. Vul het echte loon in voor een betere "
                           "vergelijking.",
        "wage_below_minimum": "mediaan onder het wettelijk minimumloon voor volwassenen "
                              "(veel jongeren)",
        "source": "bron",
        "level": "niveau",
        "at_risk": "Risico",
        "at_risk_text": "Dit beroep bestaat voor een groot deel uit routinewerk dat "
                        "digitalisering kan overnemen; de redenen zeggen of het ook krimpt en "
                        "hoe zeker het risico is.",
        "not_at_risk": "Geen verhoogd risico",
        "not_at_risk_text": "Volgens de gebruikte gegevens geen verhoogd risico; de redenen zeggen "
                            "waarom.",
        "risk_unknown": "Risico onbekend: te weinig gegevens",
        "why": "Waarom:",
        "indicator": "Kenmerk",
        "value": "Waarde",
        "h_options": "Beste opties",
        "options_intro": "Beroepen die veel van uw vaardigheden gebruiken, minstens hetzelfde "
                         "betalen en zelf geen verhoogd risico lopen. De beste staat bovenaan.",
        "occupation": "Beroep",
        "similarity": "Overlap",
        "wage_ratio": "Loon t.o.v. nu",
        "outlook": "Trend",
        "effort": "Omscholing",
        "n_gaps": "Te leren",
        "options_note": "Overlap: het deel van wat het nieuwe beroep vraagt dat u al kunt. "
                        "Loon t.o.v. nu: 1,00 is gelijk loon. Te leren: aantal onmisbare "
                        "vaardigheden dat nog ontbreekt.",
        "no_options": "Er is geen beroep gevonden dat aan alle voorwaarden voldoet. Bekijk de "
                      "opstapberoepen en de vaardigheden om eerst te leren.",
        "h_brings": "Wat u al meebrengt",
        "digital": "digitaal",
        "extra": "extra",
        "nothing": "Geen vaardigheden bekend.",
        "h_gaps": "Wat u nog moet leren",
        "gaps_intro": "Per optie de onmisbare vaardigheden die u nog niet heeft. Digitale "
                      "vaardigheden staan apart, gegroepeerd naar DigComp-gebied.",
        "missing_essential": "Onmisbare vaardigheden die ontbreken",
        "no_gaps": "Geen ontbrekende onmisbare vaardigheden.",
        "digital_by_area": "Digitale vaardigheden per DigComp-gebied",
        "level_needed": "niveau",
        "h_paths": "Opstapberoepen",
        "paths_intro": "Routes in meerdere stappen, waarbij elke stap minstens hetzelfde loon "
                       "oplevert.",
        "to_learn_on_way": "Onderweg te leren",
        "no_paths": "Geen route in meerdere stappen die beter uitkomt dan de directe opties.",
        "h_learn": "Wat u het beste eerst leert",
        "learn_intro": "Vaardigheden die de meeste extra veilige opties zonder loonverlies "
                       "openen; opent geen enkele een nieuwe optie, dan die u er het dichtst "
                       "bij brengen.",
        "skill": "Vaardigheid",
        "digcomp": "DigComp",
        "unlocks": "Extra opties",
        "nothing_to_learn": "Geen enkele vaardigheid opent extra opties.",
        "h_sources": "Bronnen",
        "disclaimer": "Dit advies is een hulpmiddel voor het gesprek met uw loopbaanadviseur, "
                      "geen garantie op werk of loon.",
        "risk_at": "risico",
        "growing": "groeiend",
        "shrinking": "krimpend",
        "stable": "stabiel",
        "unknown": "onbekend",
        "similarity_source": "overeenkomst berekend uit de vaardigheden in",
        "worker_level": "opgegeven door de werknemer",
        "areas": "Gebied",
        "now": "nu",
        "competence_gap": "DigComp-competentie",
        "other_digital": "Overige digitale vaardigheden",
        "untranslated_note": "{n} van de {total} beroepen en vaardigheden op deze pagina hebben "
                             "in de gebruikte gegevens geen Nederlandse naam. Ze staan er in het "
                             "Engels, gemarkeerd met EN.",
        "untranslated_mark": "EN",
    },
    "en": {
        "title": "Career advice",
        "for_worker": "For",
        "generated": "Prepared on",
        "data": "data",
        "sample_notice": "Note: this page was made with the embedded sample data. Occupations, "
                         "wages and trends are illustrative, not real figures.",
        "h_current": "Current occupation",
        "wage": "Gross hourly wage",
        "wage_floor_note": "This occupation's median ({median}) is below the adult statutory "
                           "minimum wage (many young workers); the minimum wage was taken as the "
                           "wage. Enter the real wage for a better comparison.",
        "wage_below_minimum": "median below the adult statutory minimum wage (many young "
                              "workers)",
        "source": "source",
        "level": "level",
        "at_risk": "At risk",
        "at_risk_text": "This occupation consists largely of routine work that digitalisation "
                        "can take over; the reasons say whether it also shrinks and how sure "
                        "the risk is.",
        "not_at_risk": "No raised risk",
        "not_at_risk_text": "By the data used, no raised risk; the reasons say why.",
        "risk_unknown": "Risk unknown: not enough data",
        "why": "Why:",
        "indicator": "Indicator",
        "value": "Value",
        "h_options": "Best options",
        "options_intro": "Occupations that use many of your skills, pay at least as much and are "
                         "not at raised risk themselves. The best comes first.",
        "occupation": "Occupation",
        "similarity": "Overlap",
        "wage_ratio": "Pay vs. now",
        "outlook": "Trend",
        "effort": "Retraining",
        "n_gaps": "To learn",
        "options_note": "Overlap: the share of what the new occupation asks that you can "
                        "already do. Pay vs. now: 1.00 is the same pay. To learn: number of "
                        "essential skills still missing.",
        "no_options": "No occupation meets every condition. See the stepping-stone paths and "
                      "the skills to learn first.",
        "h_brings": "What you already bring",
        "digital": "digital",
        "extra": "extra",
        "nothing": "No skills known.",
        "h_gaps": "What you still need to learn",
        "gaps_intro": "For each option, the essential skills you do not have yet. Digital skills "
                      "are listed separately, grouped by DigComp area.",
        "missing_essential": "Missing essential skills",
        "no_gaps": "No missing essential skills.",
        "digital_by_area": "Digital skills by DigComp area",
        "level_needed": "level",
        "h_paths": "Stepping-stone paths",
        "paths_intro": "Paths of several steps, each step paying at least as much.",
        "to_learn_on_way": "To learn on the way",
        "no_paths": "No path of several steps ends better than the direct options.",
        "h_learn": "What to learn first",
        "learn_intro": "Skills that open the most additional safe options without loss of pay; "
                       "when none opens a new option, those that bring you closest to one.",
        "skill": "Skill",
        "digcomp": "DigComp",
        "unlocks": "Extra options",
        "nothing_to_learn": "No single skill opens additional options.",
        "h_sources": "Sources",
        "disclaimer": "This advice supports the conversation with your career coach; it does "
                      "not guarantee work or pay.",
        "risk_at": "at risk",
        "growing": "growing",
        "shrinking": "shrinking",
        "stable": "stable",
        "unknown": "unknown",
        "similarity_source": "similarity computed from the skills in",
        "worker_level": "given by the worker",
        "areas": "Area",
        "now": "now",
        "competence_gap": "DigComp competence",
        "other_digital": "Other digital skills",
        "untranslated_note": "{n} of the {total} occupations and skills on this page have no "
                             "English name in the data used. They are shown in Dutch, marked NL.",
        "untranslated_mark": "NL",
    },
}

#: The risk evidence shown on the page: value, source and level columns of the risk table,
#: then its name per language.
EVIDENCE = (
    (("rti", "rti_source", "rti_level"),
     {"nl": "Routine-intensiteit van het werk (RTI)", "en": "Routine task intensity (RTI)"}),
    (("forecast_pct", "forecast_source", "forecast_level"),
     {"nl": "Verwachte verandering werkgelegenheid (%)", "en": "Expected change in employment (%)"}),
    (("trend_pct", "trend_source", "trend_level"),
     {"nl": "Waargenomen verandering werkgelegenheid (%)", "en": "Observed change in employment (%)"}),
    (("automation_probability", "automation_probability_source", "automation_probability_level"),
     {"nl": "Kans op automatisering", "en": "Probability of automation"}),
    (("ai_exposure", "ai_exposure_source", "ai_exposure_level"),
     {"nl": "Blootstelling aan generatieve AI", "en": "Exposure to generative AI"}),
    (("aioe", "aioe_source", "aioe_level"),
     {"nl": "AI-blootstelling (AIOE)", "en": "AI occupational exposure (AIOE)"}),
)

#: Attribution lines, chosen by a prefix of the sources actually shown on a page, per
#: language. The ESCO and O*NET statements are the wording their licences ask for and the
#: references are titles of publications: those exist in English only, and a page in another
#: language shows them marked as English.
ATTRIBUTIONS = (
    ("esco", {"en": "This service uses the ESCO classification of the European Commission."}),
    ("onet", {"en": "O*NET 29.3 Database by the U.S. Department of Labor, Employment and "
                    "Training Administration (USDOL/ETA), used under the CC BY 4.0 license."}),
    ("CBS", {"nl": "Bron: CBS (Centraal Bureau voor de Statistiek), CC BY 4.0.",
             "en": "Source: CBS (Statistics Netherlands), CC BY 4.0."}),
    ("ROA", {"nl": "Bron: ROA (Researchcentrum voor Onderwijs en Arbeidsmarkt), CC BY 4.0.",
             "en": "Source: ROA (Research Centre for Education and the Labour Market), "
                   "CC BY 4.0."}),
    ("Eurostat", {"nl": "Bron: Eurostat.", "en": "Source: Eurostat."}),
    ("BLS", {"nl": "Bron: U.S. Bureau of Labor Statistics (publiek domein).",
             "en": "Source: U.S. Bureau of Labor Statistics (public domain)."}),
    ("OEWS", {"nl": "Bron: U.S. Bureau of Labor Statistics (publiek domein).",
              "en": "Source: U.S. Bureau of Labor Statistics (public domain)."}),
    ("Mihaylov", {"en": "Mihaylov, E. & Tijdens, K.G. (2019), Tinbergen Institute Discussion "
                        "Paper 2019-035/VII."}),
    ("Frey", {"en": "Frey, C.B. & Osborne, M.A. (2017), Technological Forecasting and Social "
                    "Change 114."}),
    ("ILO", {"en": "Gmyrek, P. et al. (2025), ILO generative-AI exposure."}),
    ("Felten", {"en": "Felten, E., Raj, M. & Seamans, R. (2021), AI Occupational Exposure."}),
    ("DigComp", {"en": "DigComp 2.2 (Vuorikari, Kluzer & Punie 2022, JRC128415), CC BY 4.0."}),
    ("illustrative", {"nl": "Ingebouwde voorbeeldgegevens van het project: illustratief, geen "
                            "echte cijfers.",
                      "en": "Embedded sample of the project: illustrative, not real data."}),
)
