"""Numbers and levels written for people, in Dutch or English (the advice page and the
command line's tables share them; no template engine needed)."""

from __future__ import annotations

import math
import re

from .texts import TEXTS

__all__ = ["format_number", "format_percent", "format_money", "level_name"]


def format_number(value, lang, digits=2):
    """``value`` with the language's decimal mark; '–' for missing values (never a number)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", "\u2009").replace(".", ",")
    return text


def format_percent(value, lang):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{format_number(100 * float(value), lang, 0)}%"


def format_money(value, lang):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return f"€\u00a0{format_number(value, lang)}"


def _present(value):
    import pandas as pd     # not at the top: the command line's tables format numbers without it

    if value is None or value is pd.NA:
        return False
    try:
        return not pd.isna(value)
    except (TypeError, ValueError):
        return True


def level_name(level, lang):
    """A statistic's level in the page's language (English names as the data layer writes them)."""
    if not _present(level):
        return "–"
    if level == "worker":  # the worker's own wage, from the profile
        return TEXTS[lang]["worker_level"]
    if lang == "nl":
        from ..labour.codes import LEVEL_NAMES_NL

        text = str(level)
        if text in LEVEL_NAMES_NL:
            return LEVEL_NAMES_NL[text]
        # "occupation (estimate)": the level, then how the figure was made
        m = re.fullmatch(r"(.+?) \((.+)\)", text)
        if m and m.group(1) in LEVEL_NAMES_NL:
            how = _QUALIFIERS_NL.get(m.group(2), m.group(2))
            return f"{LEVEL_NAMES_NL[m.group(1)]} ({how})"
        return text
    return str(level)


#: How a figure was made, as the data layer adds it to a level ("occupation (estimate)").
_QUALIFIERS_NL = {"estimate": "schatting", "estimated": "schatting", "imputed": "aangevuld",
                  "assumption": "aanname"}
