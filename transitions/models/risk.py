"""Transparent digitalisation-risk assessment: routine work AND shrinking employment.

An occupation is *at risk from digitalisation* when two independent pieces of
evidence agree:

1. its work is **routine**: a high routine task intensity (RTI, Mihaylov &
   Tijdens 2019), the share of routine cognitive and routine manual tasks
   against non-routine analytic and interactive ones, standardised; and
2. its employment is **shrinking**: the expected change (ROA forecast of
   expansion demand for the Netherlands, BLS projections for the US) or the
   observed change (Eurostat LFS, CBS) falls at or below a threshold.

Routine work alone is not enough: routine jobs in growing demand (accounting
clerks in the Netherlands, 2021-2025) are not disappearing. Shrinking alone is
not enough either: jobs shrink for reasons other than digitalisation (the
energy transition, a cyclical dip). Automation probability (Frey & Osborne
2017) and exposure to generative AI (ILO 2025; Felten et al.'s AIOE) are shown
with the flag as supporting evidence but do not decide it: they are model
judgements about what *could* be automated, not observations.

The input is the labour-market table of :meth:`transitions.LabourMarket.for_taxonomy`
(or any table in its documented schema); see :func:`assess_risk`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError

__all__ = [
    "assess_risk",
    "risk_components",
    "DEFAULT_RTI_THRESHOLD",
    "DEFAULT_SHRINK_THRESHOLD",
    "RTI_SCALE",
    "SHRINK_SCALE",
]

#: Default cut-off on the standardised RTI above which work counts as routine.
#: See :func:`assess_risk` (Notes) for the justification.
DEFAULT_RTI_THRESHOLD = 0.5
#: Default employment change (percent over the source's horizon) at or below
#: which an occupation counts as shrinking.
DEFAULT_SHRINK_THRESHOLD = -2.0
#: Width (standardised RTI units) of the logistic that turns RTI into a 0-1 score.
RTI_SCALE = 0.25
#: Width (percentage points) of the logistic that turns a change into a 0-1 score.
SHRINK_SCALE = 1.0

#: Columns the assessment needs: the routine index and its provenance.
_REQUIRED = ("rti", "rti_source", "rti_level")
#: Employment-change evidence; at least one value column must be present.
_CHANGE = {
    "forecast": ("forecast_pct", "forecast_source", "forecast_level"),
    "observed": ("trend_pct", "trend_source", "trend_level"),
}
#: Supporting evidence: (value, source, level) columns, shown but not deciding.
_SUPPORT = {
    "automation_probability": ("automation_probability_source", "automation_probability_level"),
    "ai_exposure": ("ai_exposure_source", "ai_exposure_level"),
    "aioe": ("aioe_source", "aioe_level"),
}
_NUMERIC = ("rti", "forecast_pct", "trend_pct", "automation_probability", "ai_exposure", "aioe")
_LANGS = ("nl", "en")

# Level names as the labour-market layer writes them (English), in Dutch.
_LEVEL_NL = (
    ("ISCO 4-digit", "ISCO 4-cijferig"), ("ISCO 3-digit", "ISCO 3-cijferig"),
    ("ISCO 2-digit", "ISCO 2-cijferig"), ("ISCO 1-digit", "ISCO 1-cijferig"),
    ("BRC group", "BRC-beroepsgroep"), ("BRC segment", "BRC-beroepssegment"),
    ("BRC class", "BRC-beroepsklasse"), ("SOC detailed", "SOC gedetailleerd"),
    ("SOC broad", "SOC breed"), ("SOC minor", "SOC klein"), ("SOC major", "SOC hoofdgroep"),
    ("occupation", "beroep"), ("national total", "landelijk totaal"),
    ("skill-profile estimate", "schatting uit vaardigheidsprofiel"),
)


# --------------------------------------------------------------------------- validation
def _validate(table):
    if not isinstance(table, pd.DataFrame):
        raise DataFormatError(
            f"market_table must be a pandas DataFrame (from LabourMarket.for_taxonomy), "
            f"got {type(table).__name__}"
        )
    missing = [c for c in _REQUIRED if c not in table.columns]
    if missing:
        raise DataFormatError(
            f"market_table lacks column(s) {missing}; required: {list(_REQUIRED)} and at "
            f"least one of 'forecast_pct', 'trend_pct' (each with its _source and _level)"
        )
    if not any(cols[0] in table.columns for cols in _CHANGE.values()):
        raise DataFormatError(
            "market_table has no employment-change column: need 'forecast_pct' and/or "
            "'trend_pct' (each with its _source and _level)"
        )
    for cols in _CHANGE.values():
        if cols[0] in table.columns:
            absent = [c for c in cols[1:] if c not in table.columns]
            if absent:
                raise DataFormatError(
                    f"market_table has {cols[0]!r} but lacks its provenance column(s) {absent}"
                )
    if table.index.hasnans:
        raise DataFormatError("market_table has an empty occupation id in its index")
    dup = table.index[table.index.duplicated()]
    if len(dup):
        raise DataFormatError(
            f"market_table has {len(dup)} duplicated occupation id(s), e.g. {list(dup[:3])}"
        )
    out = {}
    for col in _NUMERIC:
        if col not in table.columns:
            continue
        raw = table[col]
        num = pd.to_numeric(raw, errors="coerce")
        bad = num.isna() & raw.notna()
        if bad.any():
            i = bad.to_numpy().nonzero()[0][0]
            raise DataFormatError(
                f"market_table column {col!r}: {int(bad.sum())} value(s) are not numbers, "
                f"e.g. {raw.iloc[i]!r} for occupation {table.index[i]!r}"
            )
        if np.isinf(num.to_numpy(float, na_value=np.nan)).any():
            raise DataFormatError(f"market_table column {col!r} holds an infinite value")
        out[col] = num.astype(float)
    return out


def _check_params(rti_threshold, shrink_threshold, require_both, lang):
    for name, value in (("rti_threshold", rti_threshold), ("shrink_threshold", shrink_threshold)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) \
                or not math.isfinite(value):
            raise InvalidParameterError(f"{name}={value!r} must be a finite number")
    if shrink_threshold > 0:
        raise InvalidParameterError(
            f"shrink_threshold={shrink_threshold!r} must be <= 0: it is the employment change "
            f"(percent) at or below which an occupation counts as shrinking"
        )
    if not isinstance(require_both, (bool, np.bool_)):
        raise InvalidParameterError(f"require_both={require_both!r} must be True or False")
    if lang is not None and lang not in _LANGS:
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose 'nl', 'en' or None")


# --------------------------------------------------------------------------- scores
def _logistic(z):
    return 1.0 / (1.0 + np.exp(-z))


def risk_components(rti, change_pct, *, rti_threshold=DEFAULT_RTI_THRESHOLD,
                    shrink_threshold=DEFAULT_SHRINK_THRESHOLD):
    """The two 0-1 component scores of the risk score.

    ``routine_score = 1 / (1 + exp(-(rti - rti_threshold) / RTI_SCALE))`` and
    ``shrink_score = 1 / (1 + exp((change_pct - shrink_threshold) / SHRINK_SCALE))``:
    each is exactly 0.5 at its threshold, rises towards 1 for more routine work
    or a steeper fall in employment, and is NaN where the evidence is missing.

    Parameters
    ----------
    rti : array-like of float
        Standardised routine task intensity.
    change_pct : array-like of float
        Employment change in percent (the steepest of forecast and observed).
    rti_threshold, shrink_threshold : float
        As in :func:`assess_risk`.

    Returns
    -------
    routine_score, shrink_score : numpy.ndarray

    Examples
    --------
    >>> from transitions.models import risk_components
    >>> r, s = risk_components([0.5, 2.0], [-2.0, 5.0])
    >>> [round(float(v), 2) for v in r], [round(float(v), 2) for v in s]
    ([0.5, 1.0], [0.5, 0.0])
    """
    rti = np.asarray(rti, dtype=float)
    change = np.asarray(change_pct, dtype=float)
    routine_score = _logistic((rti - rti_threshold) / RTI_SCALE)
    shrink_score = _logistic(-(change - shrink_threshold) / SHRINK_SCALE)
    return routine_score, shrink_score


# --------------------------------------------------------------------------- text
def _num(value, lang, digits=2):
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",") if lang == "nl" else text


def _pct(value, lang):
    text = _num(round(value, 1), lang, digits=1)
    return ("+" if value > 0 else "") + text + "%"


def _level(level, lang):
    level = str(level)
    if lang == "nl":
        for en, nl in _LEVEL_NL:
            level = level.replace(en, nl)
    return level


def _prov(row, source_col, level_col, lang):
    source = row.get(source_col)
    level = row.get(level_col)
    parts = [str(source) if _present(source) else
             ("bron onbekend" if lang == "nl" else "source unknown")]
    if _present(level):
        parts.append(_level(level, lang))
    return "(" + ", ".join(parts) + ")"


def _present(value):
    return value is not None and not (isinstance(value, float) and math.isnan(value)) \
        and value is not pd.NA and str(value) != ""


_TEXT = {
    "nl": {
        "routine": "Routinematig werk: RTI {v} {p}, boven de drempel {t}",
        "not_routine": "Geen routinematig werk: RTI {v} {p}, niet boven de drempel {t}",
        "no_rti": "Geen routine-index (RTI) bekend voor dit beroep, dus geen risico-oordeel mogelijk",
        "forecast": "{v} verwacht {p}",
        "observed": "{v} waargenomen {p}",
        "shrinking": "Krimp (drempel {t}): {e}",
        "not_shrinking": "Geen krimp (drempel {t}): {e}",
        "no_change": "Geen verwachte of waargenomen werkgelegenheidsontwikkeling bekend, "
                     "dus krimp is niet vast te stellen",
        "automation_probability": "kans op automatisering {v} {p}",
        "ai_exposure": "blootstelling aan generatieve AI {v} {p}",
        "aioe": "AI-blootstelling (AIOE) {v} {p}",
        "support": "Ondersteunend bewijs (beslist niet): {e}",
        "at_risk": "Risico door digitalisering: routinematig werk en krimpende werkgelegenheid",
        "at_risk_routine": "Risico door digitalisering: routinematig werk",
        "no_risk": "Geen verhoogd risico door digitalisering",
        "unknown": "Risico niet te beoordelen",
    },
    "en": {
        "routine": "Routine work: RTI {v} {p}, above the threshold {t}",
        "not_routine": "Not routine work: RTI {v} {p}, not above the threshold {t}",
        "no_rti": "No routine task intensity (RTI) known for this occupation, so no risk "
                  "judgement is possible",
        "forecast": "{v} expected {p}",
        "observed": "{v} observed {p}",
        "shrinking": "Shrinking (threshold {t}): {e}",
        "not_shrinking": "Not shrinking (threshold {t}): {e}",
        "no_change": "No expected or observed employment change known, so shrinking cannot "
                     "be established",
        "automation_probability": "probability of automation {v} {p}",
        "ai_exposure": "exposure to generative AI {v} {p}",
        "aioe": "AI occupational exposure (AIOE) {v} {p}",
        "support": "Supporting evidence (not deciding): {e}",
        "at_risk": "At risk from digitalisation: routine work and shrinking employment",
        "at_risk_routine": "At risk from digitalisation: routine work",
        "no_risk": "No raised risk from digitalisation",
        "unknown": "Risk cannot be assessed",
    },
}


def _reason(row, lang, rti_threshold, shrink_threshold, require_both):
    t = _TEXT[lang]
    parts = []
    at_risk, routine, shrinking = row["at_risk"], row["routine"], row["shrinking"]
    routine = None if pd.isna(routine) else bool(routine)
    shrinking = None if pd.isna(shrinking) else bool(shrinking)
    if at_risk:
        parts.append(t["at_risk"] if require_both else t["at_risk_routine"])
    elif routine is None or (require_both and routine and shrinking is None):
        parts.append(t["unknown"])
    else:
        parts.append(t["no_risk"])
    if routine is None:
        parts.append(t["no_rti"])
    else:
        key = "routine" if routine else "not_routine"
        parts.append(t[key].format(v=_num(row["rti"], lang),
                                   p=_prov(row, "rti_source", "rti_level", lang),
                                   t=_num(rti_threshold, lang)))
    evidence = []
    for kind, (value_col, source_col, level_col) in _CHANGE.items():
        value = row.get(value_col)
        if value is not None and not pd.isna(value):
            evidence.append(t[kind].format(v=_pct(value, lang),
                                           p=_prov(row, source_col, level_col, lang)))
    if evidence:
        key = "shrinking" if shrinking else "not_shrinking"
        parts.append(t[key].format(t=_pct(shrink_threshold, lang), e="; ".join(evidence)))
    else:
        parts.append(t["no_change"])
    support = []
    for col, (source_col, level_col) in _SUPPORT.items():
        value = row.get(col)
        if value is not None and not pd.isna(value):
            support.append(t[col].format(v=_num(value, lang),
                                         p=_prov(row, source_col, level_col, lang)))
    if support:
        parts.append(t["support"].format(e="; ".join(support)))
    return ". ".join(parts) + "."


# --------------------------------------------------------------------------- API
def assess_risk(market_table, *, rti_threshold=DEFAULT_RTI_THRESHOLD,
                shrink_threshold=DEFAULT_SHRINK_THRESHOLD, require_both=True, lang=None):
    """Flag occupations whose work is routine and whose employment shrinks.

    Parameters
    ----------
    market_table : pandas.DataFrame
        Indexed by occupation id, in the schema of
        :meth:`transitions.LabourMarket.for_taxonomy`: ``rti``, ``rti_source``,
        ``rti_level`` and at least one of ``forecast_pct`` (expected change,
        percent) and ``trend_pct`` (observed change, percent), each with its
        ``_source`` and ``_level``. Supporting evidence is used when present:
        ``automation_probability``, ``ai_exposure``, ``aioe`` (with their
        ``_source``/``_level``). ``label_nl``/``label_en``, ``trend`` and
        ``isco_code`` are carried over when present.
    rti_threshold : float, default=0.5
        Work is *routine* when the standardised RTI is above this value.
    shrink_threshold : float, default=-2.0
        Employment is *shrinking* when the expected or the observed change
        (percent over the source's horizon) is at or below this value. Must be <= 0.
    require_both : bool, default=True
        If True, an occupation is at risk only when routine AND shrinking. If
        False, routine work alone flags it (the "routine-only" rule the
        backtest compares against); shrinking alone never does, because jobs
        shrink for reasons other than digitalisation.
    lang : {"nl", "en"}, optional
        Also return the reasons in this language as a column ``reasons``.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``market_table`` (same order), with columns:

        - ``risk_score`` (float 0-1, NaN when evidence is missing): the smaller
          of ``routine_score`` and ``shrink_score`` (a fuzzy AND), or
          ``routine_score`` alone when ``require_both=False``. Each component
          is a logistic that is 0.5 at its threshold (see
          :func:`risk_components`), so ``at_risk`` implies ``risk_score >= 0.5``
          and a known "not at risk" implies ``risk_score <= 0.5``.
        - ``at_risk`` (bool): never True without evidence.
        - ``routine``, ``shrinking`` (nullable boolean; NA = no evidence).
        - ``shrinking_basis``: ``"forecast"``, ``"observed"``, ``"both"`` or ``""``.
        - ``routine_score``, ``shrink_score`` (float 0-1 or NaN).
        - ``reasons_nl``, ``reasons_en``: readable sentences giving the
          verdict, each number with its source and level, the thresholds, the
          supporting evidence, and what is missing when the verdict cannot be made.
        - the evidence columns of ``market_table`` that were used.

    Raises
    ------
    DataFormatError
        ``market_table`` lacks a required column, holds text in a number
        column, or repeats an occupation id.
    InvalidParameterError
        A threshold is not a finite number, ``shrink_threshold > 0``, or ``lang``
        is unknown.

    Notes
    -----
    *RTI threshold.* The routine index is standardised (mean 0, standard
    deviation 1 over the ISCO-08 unit groups). 0.5 marks roughly the most
    routine third of unit groups, the cut-off of the routinisation literature
    (Autor & Dorn 2013 call the top employment-weighted third of RTI
    "routine-intensive"), and it is close to where routine tasks start to
    outnumber non-routine analytic and interactive ones in Mihaylov & Tijdens'
    task shares (their raw RTI above 0).

    *Shrink threshold.* -2% over the forecast horizon (ROA: 2025-2030, six
    years) is about -0.3% a year: beyond the rounding of ROA's published
    whole percents and the noise of one-year job counts, yet small enough to
    catch a steady decline. Either source suffices (expected *or* observed):
    ROA's forecast and the LFS observation disagree often, and an advisor
    should see either warning; the reasons say which one it was.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions.models import assess_risk
    >>> table = pd.DataFrame({
    ...     "rti": [1.8, -1.1], "rti_source": "Mihaylov & Tijdens 2019",
    ...     "rti_level": "ISCO 4-digit",
    ...     "forecast_pct": [-3.0, 4.0], "forecast_source": "ROA AIS 2026",
    ...     "forecast_level": "BRC group"}, index=["occ-cashier", "occ-nurse"])
    >>> result = assess_risk(table)
    >>> result["at_risk"].tolist()
    [True, False]
    >>> print(result.loc["occ-cashier", "reasons_nl"])  # doctest: +NORMALIZE_WHITESPACE
    Risico door digitalisering: routinematig werk en krimpende werkgelegenheid.
    Routinematig werk: RTI 1,8 (Mihaylov & Tijdens 2019, ISCO 4-cijferig), boven de drempel 0,5.
    Krimp (drempel -2%): -3% verwacht (ROA AIS 2026, BRC-beroepsgroep).
    """
    _check_params(rti_threshold, shrink_threshold, require_both, lang)
    values = _validate(market_table)
    index = market_table.index
    nan = pd.Series(np.nan, index=index)
    rti = values["rti"]
    forecast = values.get("forecast_pct", nan)
    observed = values.get("trend_pct", nan)
    # The steepest fall counts: either source may establish shrinking.
    change = pd.concat([forecast, observed], axis=1).min(axis=1, skipna=True)

    routine = (rti > rti_threshold).astype("boolean").mask(rti.isna())
    shrink_f = forecast <= shrink_threshold
    shrink_o = observed <= shrink_threshold
    shrinking = (shrink_f | shrink_o).astype("boolean").mask(change.isna())
    basis = np.select([shrink_f & shrink_o, shrink_f, shrink_o], ["both", "forecast", "observed"], "")

    routine_score, shrink_score = risk_components(
        rti, change, rti_threshold=rti_threshold, shrink_threshold=shrink_threshold)
    if require_both:
        at_risk = (routine & shrinking).fillna(False).astype(bool)
        score = np.fmin(routine_score, shrink_score)
        score[np.isnan(routine_score) | np.isnan(shrink_score)] = np.nan
    else:
        at_risk = routine.fillna(False).astype(bool)
        score = routine_score.copy()

    out = pd.DataFrame(index=index)
    for col in ("label_nl", "label_en", "isco_code", "soc_code"):
        if col in market_table.columns:
            out[col] = market_table[col]
    out["risk_score"] = score
    out["at_risk"] = at_risk.to_numpy()
    out["routine"] = routine
    out["shrinking"] = shrinking
    out["shrinking_basis"] = pd.Series(basis, index=index, dtype=object)
    out["routine_score"] = routine_score
    out["shrink_score"] = shrink_score
    evidence = list(_REQUIRED)
    for cols in _CHANGE.values():
        evidence += [c for c in cols if c in market_table.columns]
    if "trend" in market_table.columns:
        evidence.append("trend")
    for col, prov in _SUPPORT.items():
        evidence += [c for c in (col, *prov) if c in market_table.columns]
    for col in evidence:
        out[col] = values[col] if col in values else market_table[col]

    rows = out.to_dict("records")
    for language in _LANGS:
        out[f"reasons_{language}"] = [
            _reason(r, language, rti_threshold, shrink_threshold, require_both) for r in rows
        ]
    if lang is not None:
        out["reasons"] = out[f"reasons_{lang}"]
    return out
