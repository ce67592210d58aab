"""Transparent digitalisation-risk assessment: routine work, with the employment trend as evidence.

An occupation is *at risk from digitalisation* when its work is **routine**:
a high routine task intensity (RTI, Mihaylov & Tijdens 2019), the share of
routine cognitive and routine manual tasks against non-routine analytic and
interactive ones, standardised. Whether its employment is **shrinking** --
the expected change (ROA forecast of expansion demand for the Netherlands,
BLS projections for the US) and the observed change (Eurostat LFS, a robust
slope over all comparable years) -- sets the *confidence* of the flag, and
under ``rule="routine_and_shrinking"`` (the mission's literal rule) it is
required as well.

Why routine work alone is the default rule: in the backtest
(``benchmarks/bench_risk_backtest.py``, flags from data up to 2019) routine
work foresaw which Dutch ISCO sub-major groups declined in 2021-2025
(precision 0.78 at recall 0.54) and requiring a shrinking past trend as well
lost most of them (0.67 at 0.15): stationary plant operators (ISCO 81),
assemblers (82) and keyboard clerks (42) grew until 2019 and fell after
2021. The same holds against BLS's projections for US occupations (F1 0.55
against 0.26). Past growth did not protect routine work. What the trend
still says is shown: a routine occupation whose forecast and observed trend
both grow (accounting clerks) is flagged with *low* confidence and a reason
that says so.

Automation probability (Frey & Osborne 2017) and exposure to generative AI
(ILO 2025; Felten et al.'s AIOE) are shown with the flag as supporting
evidence but do not decide it: they are model judgements about what *could*
be automated, not observations.

The input is the labour-market table of :meth:`transitions.LabourMarket.for_taxonomy`
(or any table in its documented schema); see :func:`assess_risk`.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError
from ..labour.codes import LEVEL_NAMES_NL

__all__ = [
    "assess_risk",
    "RULES",
    "DEFAULT_RULE",
    "risk_components",
    "per_year",
    "DEFAULT_RTI_THRESHOLD",
    "DEFAULT_SHRINK_THRESHOLD",
    "RTI_SCALE",
    "SHRINK_SCALE",
]

#: Default cut-off on the standardised RTI above which work counts as routine.
#: See :func:`assess_risk` (Notes) for the justification.
DEFAULT_RTI_THRESHOLD = 0.5
#: Default employment change (percent per year) at or below which an
#: occupation counts as shrinking.
DEFAULT_SHRINK_THRESHOLD = -0.5
#: The rules of :func:`assess_risk`: name -> what flags an occupation.
RULES = {
    "routine": "routine work (the default; the employment trend sets the confidence)",
    "routine_and_shrinking": "routine work AND shrinking employment (the mission's literal rule)",
}
#: The default rule (see the module docs and :func:`assess_risk`, Notes).
DEFAULT_RULE = "routine"
#: Margin (standardised RTI) above the threshold beyond which work counts as clearly routine.
CLEAR_ROUTINE_MARGIN = 0.5
#: Width (standardised RTI units) of the logistic that turns RTI into a 0-1 score.
RTI_SCALE = 0.25
#: Width (percentage points per year) of the logistic that turns a change into a 0-1 score.
SHRINK_SCALE = 0.25

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
_NUMERIC = ("rti", "forecast_pct", "forecast_years", "trend_pct", "trend_pct_low",
            "trend_pct_high", "automation_probability", "ai_exposure", "aioe")
#: Optional text columns naming the period of a change, e.g. "2025-2030".
_PERIOD = {"forecast": "forecast_period", "observed": "trend_period"}
_LANGS = ("nl", "en")
#: ``rti_level`` of an RTI estimated from a skill profile (transitions.models.estimator).
_ESTIMATE_LEVEL = "skill-profile estimate"



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
    if "forecast_pct" in table.columns and "forecast_years" not in table.columns:
        raise DataFormatError(
            "market_table has 'forecast_pct' but no 'forecast_years' (the forecast horizon in "
            "years), so the forecast cannot be put on the per-year scale of 'trend_pct'"
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
    if "forecast_pct" in out:
        years = out["forecast_years"]
        bad = out["forecast_pct"].notna() & ~(years > 0)
        if bad.any():
            i = bad.to_numpy().nonzero()[0][0]
            raise DataFormatError(
                f"market_table column 'forecast_years' must be a positive number where "
                f"'forecast_pct' is known; got {table['forecast_years'].iloc[i]!r} for "
                f"occupation {table.index[i]!r}"
            )
    return out


def per_year(change_pct, years):
    """A change of ``change_pct`` percent over ``years`` years as a compound percent per year.

    Examples
    --------
    >>> from transitions.models.risk import per_year
    >>> round(float(per_year(-3.0, 6)), 3)
    -0.506
    """
    change = np.asarray(change_pct, dtype=float)
    years = np.asarray(years, dtype=float)
    with np.errstate(invalid="ignore"):
        return (np.power(1 + change / 100, 1 / years) - 1) * 100


def _check_params(rti_threshold, shrink_threshold, rule, require_both, lang):
    for name, value in (("rti_threshold", rti_threshold), ("shrink_threshold", shrink_threshold)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) \
                or not math.isfinite(value):
            raise InvalidParameterError(f"{name}={value!r} must be a finite number")
    if shrink_threshold > 0:
        raise InvalidParameterError(
            f"shrink_threshold={shrink_threshold!r} must be <= 0: it is the employment change "
            f"(percent) at or below which an occupation counts as shrinking"
        )
    if rule not in RULES:
        raise InvalidParameterError(f"rule={rule!r} is not valid; choose one of {list(RULES)}")
    if require_both is not None:
        if not isinstance(require_both, (bool, np.bool_)):
            raise InvalidParameterError(f"require_both={require_both!r} must be True, False or None")
        legacy = "routine_and_shrinking" if require_both else "routine"
        if rule not in (DEFAULT_RULE, legacy):
            raise InvalidParameterError(
                f"require_both={require_both!r} contradicts rule={rule!r}; give only rule=")
        rule = legacy
    if lang is not None and lang not in _LANGS:
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose 'nl', 'en' or None")
    return rule


# --------------------------------------------------------------------------- scores
def _logistic(z):
    return 1.0 / (1.0 + np.exp(-z))


def risk_components(rti, change_pct, *, rti_threshold=DEFAULT_RTI_THRESHOLD,
                    shrink_threshold=DEFAULT_SHRINK_THRESHOLD):
    """The two 0-1 component scores of the risk score.

    ``routine_score = 1 / (1 + exp(-(rti - rti_threshold) / RTI_SCALE))`` and
    ``shrink_score = 1 / (1 + exp((change_pct - shrink_threshold) / SHRINK_SCALE))``
    (``RTI_SCALE = 0.25``, ``SHRINK_SCALE = 0.25`` percent a year):
    each is exactly 0.5 at its threshold, rises towards 1 for more routine work
    or a steeper fall in employment, and is NaN where the evidence is missing.

    Parameters
    ----------
    rti : array-like of float
        Standardised routine task intensity.
    change_pct : array-like of float
        Employment change in percent per year (the steepest of forecast and observed).
    rti_threshold, shrink_threshold : float
        As in :func:`assess_risk`.

    Returns
    -------
    routine_score, shrink_score : numpy.ndarray

    Examples
    --------
    >>> from transitions.models import risk_components
    >>> r, s = risk_components([0.5, 2.0], [-0.5, 2.0])
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


@functools.lru_cache(maxsize=512)
def _level_text(level, lang):
    if lang == "nl":
        # Longest names first, so "SOC major" is not rewritten through "SOC ..." prefixes.
        for en in sorted(LEVEL_NAMES_NL, key=len, reverse=True):
            level = level.replace(en, LEVEL_NAMES_NL[en])
    return level


def _level(level, lang):
    return _level_text(str(level), lang)


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
        "forecast": "{v} verwacht{period}, {a} per jaar {p}",
        "observed": "{a} per jaar waargenomen{period} {p}",
        "period": " over {}",
        "shrinking": "Krimp (drempel {t} per jaar): {e}",
        "no_change": "Geen verwachte of waargenomen werkgelegenheidsontwikkeling bekend, "
                     "dus krimp is niet vast te stellen",
        "automation_probability": "kans op automatisering {v} {p}",
        "ai_exposure": "blootstelling aan generatieve AI {v} {p}",
        "aioe": "AI-blootstelling (AIOE) {v} {p}",
        "support": "Ondersteunend bewijs (beslist niet): {e}",
        "at_risk": "Risico door digitalisering: routinematig werk en krimpende werkgelegenheid",
        "at_risk_routine": "Risico door digitalisering: routinematig werk",
        "confidence": " (zekerheid: {c})",
        "high": "hoog", "medium": "middel", "low": "laag",
        "no_risk": "Geen verhoogd risico door digitalisering",
        "unknown": "Risico niet te beoordelen",
        "growing": "Groei (drempel {t} per jaar): {e}",
        "conflict": "Tegenstrijdig bewijs, dus geen krimp vastgesteld: {e}",
        "stable": "Geen duidelijke krimp of groei (drempel {t} per jaar): {e}",
        "single": "De krimp berust op één reeks ({s})",
        "robust": "robuuste helling; zonder één jaar tussen {lo} en {hi} per jaar",
        "forecast_series": "de prognose", "observed_series": "de waargenomen reeks",
    },
    "en": {
        "routine": "Routine work: RTI {v} {p}, above the threshold {t}",
        "not_routine": "Not routine work: RTI {v} {p}, not above the threshold {t}",
        "no_rti": "No routine task intensity (RTI) known for this occupation, so no risk "
                  "judgement is possible",
        "forecast": "{v} expected{period}, {a} a year {p}",
        "observed": "{a} a year observed{period} {p}",
        "period": " over {}",
        "shrinking": "Shrinking (threshold {t} a year): {e}",
        "no_change": "No expected or observed employment change known, so shrinking cannot "
                     "be established",
        "automation_probability": "probability of automation {v} {p}",
        "ai_exposure": "exposure to generative AI {v} {p}",
        "aioe": "AI occupational exposure (AIOE) {v} {p}",
        "support": "Supporting evidence (not deciding): {e}",
        "at_risk": "At risk from digitalisation: routine work and shrinking employment",
        "at_risk_routine": "At risk from digitalisation: routine work",
        "confidence": " (confidence: {c})",
        "high": "high", "medium": "medium", "low": "low",
        "no_risk": "No raised risk from digitalisation",
        "unknown": "Risk cannot be assessed",
        "growing": "Growing (threshold {t} a year): {e}",
        "conflict": "Conflicting evidence, so no decline established: {e}",
        "stable": "No clear decline or growth (threshold {t} a year): {e}",
        "single": "The decline rests on a single series ({s})",
        "robust": "robust slope; {lo} to {hi} a year with any one year left out",
        "forecast_series": "the forecast", "observed_series": "the observed series",
    },
}


def _reason(row, lang, rti_threshold, shrink_threshold, rule):
    t = _TEXT[lang]
    parts = []
    at_risk, routine, shrinking = row["at_risk"], row["routine"], row["shrinking"]
    routine = None if pd.isna(routine) else bool(routine)
    shrinking = None if pd.isna(shrinking) else bool(shrinking)
    both = rule == "routine_and_shrinking"
    if at_risk:
        head = t["at_risk"] if both else t["at_risk_routine"]
        conf = row.get("risk_confidence")
        parts.append(head + (t["confidence"].format(c=t[conf]) if _present(conf) else ""))
    elif routine is None or (both and routine and shrinking is None):
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
        if value is None or pd.isna(value):
            continue
        annual = row["forecast_pct_per_year"] if kind == "forecast" else value
        period = row.get(_PERIOD[kind])
        text = t[kind].format(
            v=_pct(value, lang), a=_pct(annual, lang),
            period=t["period"].format(period) if _present(period) else "",
            p=_prov(row, source_col, level_col, lang))
        low, high = row.get("trend_pct_low"), row.get("trend_pct_high")
        if kind == "observed" and _present(low) and _present(high):
            text += " [" + t["robust"].format(lo=_pct(low, lang), hi=_pct(high, lang)) + "]"
        evidence.append(text)
    if evidence:
        e = "; ".join(evidence)
        thr = _pct(shrink_threshold, lang)
        if shrinking:
            parts.append(t["shrinking"].format(t=thr, e=e))
        elif row.get("shrinking_conflict"):
            parts.append(t["conflict"].format(e=e))
        elif row.get("growing"):
            parts.append(t["growing"].format(t=_pct(-shrink_threshold, lang), e=e))
        else:
            parts.append(t["stable"].format(t=thr, e=e))
        if shrinking and row.get("shrinking_single_series"):
            series = t["forecast_series"] if row["shrinking_basis"] == "forecast" \
                else t["observed_series"]
            parts.append(t["single"].format(s=series))
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
def assess_risk(market_table, *, rule=DEFAULT_RULE, rti_threshold=DEFAULT_RTI_THRESHOLD,
                shrink_threshold=DEFAULT_SHRINK_THRESHOLD, taxonomy=None, require_both=None,
                lang=None):
    """Flag occupations at risk from digitalisation, with a confidence and the evidence.

    Parameters
    ----------
    market_table : pandas.DataFrame
        Indexed by occupation id, in the schema of
        :meth:`transitions.LabourMarket.for_taxonomy`: ``rti``, ``rti_source``,
        ``rti_level`` and at least one of ``forecast_pct`` (expected change,
        percent over the horizon, with ``forecast_years``, the horizon in years)
        and ``trend_pct`` (observed change, percent per year), each with its
        ``_source`` and ``_level``. Used when present: ``trend_pct_low`` and
        ``trend_pct_high`` (the observed change with any one year left out),
        the supporting evidence ``automation_probability``, ``ai_exposure``,
        ``aioe`` (with their ``_source``/``_level``), and
        ``forecast_period``/``trend_period`` (e.g. ``"2025-2030"``) in the
        reasons; ``label_nl``, ``label_en``, ``trend``, ``isco_code`` and
        ``soc_code`` are carried over.
    rule : {"routine", "routine_and_shrinking"}, default="routine"
        ``"routine"``: routine work flags an occupation; the employment trend
        sets the confidence. ``"routine_and_shrinking"``: routine work AND
        shrinking employment (the mission's literal rule). See Notes for why
        routine work alone is the default.
    rti_threshold : float, default=0.5
        Work is *routine* when the standardised RTI is above this value.
    shrink_threshold : float, default=-0.5
        Employment is *shrinking* when the expected or the observed change,
        in percent per year, is at or below this value, and *growing* when one
        is at or above its mirror image (+0.5). Must be <= 0. A forecast over
        several years is put on this scale as the compound yearly rate
        (:func:`per_year`), so that ROA's six-year and BLS's ten-year horizons
        and yearly observations compare alike.
    taxonomy : Taxonomy, optional
        The taxonomy of ``market_table``'s occupations. Given, an occupation
        without an RTI (no ISCO unit group with task data) gets the estimate
        from its skill profile (:func:`transitions.models.estimate_risk_signals`,
        level ``"skill-profile estimate"``); its flag then has low confidence.
    require_both : bool, optional
        Deprecated spelling of ``rule``: True is ``"routine_and_shrinking"``,
        False is ``"routine"``.
    lang : {"nl", "en"}, optional
        Also return the reasons in this language as a column ``reasons``.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``market_table`` (same order), with columns:

        - ``risk_score`` (float 0-1, NaN when evidence is missing): under
          ``"routine"`` the ``routine_score``; under ``"routine_and_shrinking"``
          the smaller of ``routine_score`` and ``shrink_score`` (a fuzzy AND).
          Each component is a logistic that is 0.5 at its threshold (see
          :func:`risk_components`), so ``at_risk`` implies ``risk_score >= 0.5``
          and a known "not at risk" implies ``risk_score <= 0.5``.
        - ``at_risk`` (bool): never True without evidence.
        - ``risk_confidence`` (``"high"``, ``"medium"``, ``"low"``; NaN where
          not at risk): *high* when the work is clearly routine (RTI at least
          0.5 above the threshold) and shrinking is established by both
          sources, or by one whose observed decline holds with any one year
          left out; *low* when the evidence says the occupation grows, the
          work is only marginally routine and nothing says it shrinks, or its
          RTI is a skill-profile estimate; *medium* otherwise.
        - ``risk_rule``: the rule applied.
        - ``routine``, ``shrinking``, ``growing`` (nullable boolean; NA = no
          evidence). ``shrinking``: the forecast or the observed change is at
          or below ``shrink_threshold`` and the other source does not say
          growing (``shrinking_conflict`` when it does: then neither holds).
        - ``shrinking_basis``: ``"forecast"``, ``"observed"``, ``"both"`` or ``""``;
          ``shrinking_single_series``: the decline rests on one source's
          series alone (the other is missing or flat).
        - ``forecast_pct_per_year``: the forecast as a yearly rate (when a forecast is given).
        - ``routine_score``, ``shrink_score`` (float 0-1 or NaN; ``shrink_score``
          is 0.5 where the sources conflict).
        - ``reasons_nl``, ``reasons_en``: readable sentences giving the
          verdict and its confidence, each number with its source and level,
          the thresholds, the supporting evidence, and what is missing when
          the verdict cannot be made.
        - the evidence columns of ``market_table`` that were used.

    Raises
    ------
    DataFormatError
        ``market_table`` lacks a required column, holds text in a number
        column, or repeats an occupation id.
    InvalidParameterError
        A threshold is not a finite number, ``shrink_threshold > 0``, an
        unknown ``rule`` or ``lang``.

    Notes
    -----
    *Rule.* The backtest (``benchmarks/bench_risk_backtest.py``, docs
    ``benchmarks/risk.md``) scores both rules on what happened after 2019,
    from data up to 2019: on the 37 Dutch ISCO sub-major groups routine work
    alone reaches precision 0.78 at recall 0.54 against the declines of
    2021-2025, routine AND shrinking 0.67 at 0.15; on US occupations against
    BLS's projected declines F1 0.55 against 0.26. A shrinking past did not
    foresee a shrinking future (ISCO 81, 82 and 42 grew until 2019 and fell
    after 2021), so it is not required; the trend remains in the confidence
    and the reasons.

    *RTI threshold.* The routine index is standardised (mean 0, standard
    deviation 1 over the 427 ISCO-08 unit groups; the labour-market layer
    rebuilds it from Mihaylov & Tijdens' task shares). 0.5, half a standard
    deviation above the mean unit group, selects the most routine quarter of
    the unit groups (111): all 103 groups in which routine tasks outnumber
    non-routine analytic and interactive ones (the published RTI above 0)
    and 8 more. It is stricter than the top third that Autor & Dorn (2013)
    call routine-intensive (here RTI above 0: 146 groups), because a flag
    shown to advisors should err towards fewer, clearer cases.

    *Shrink threshold.* -0.5% a year is -3% over ROA's six-year horizon
    (2025-2030), ROA's own "very low" (*erg laag*) class of expansion demand
    while the Dutch total grows by 2%, and -5% over BLS's decade. It lies
    beyond the rounding of ROA's whole-percent figures (at most 0.1% a year)
    yet catches a steady decline. Either source suffices unless the other
    says the opposite: ROA's forecast and the observed LFS change often
    disagree (ROA expects administrative work to grow by 0.5% a year while
    the LFS counts 3.1% fewer clerks a year since 2016), and an advisor
    should see either warning; the reasons say which it was.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions.models import assess_risk
    >>> table = pd.DataFrame({
    ...     "rti": [1.8, -1.1], "rti_source": "Mihaylov & Tijdens 2019",
    ...     "rti_level": "ISCO 4-digit",
    ...     "forecast_pct": [-3.0, 4.0], "forecast_years": 6,
    ...     "forecast_period": "2025-2030", "forecast_source": "ROA AIS 2026",
    ...     "forecast_level": "BRC group"}, index=["occ-cashier", "occ-nurse"])
    >>> result = assess_risk(table)
    >>> result["at_risk"].tolist(), result.loc["occ-cashier", "risk_confidence"]
    ([True, False], 'medium')
    >>> print(result.loc["occ-cashier", "reasons_nl"])  # doctest: +NORMALIZE_WHITESPACE
    Risico door digitalisering: routinematig werk (zekerheid: middel).
    Routinematig werk: RTI 1,8 (Mihaylov & Tijdens 2019, ISCO 4-cijferig), boven de drempel 0,5.
    Krimp (drempel -0,5% per jaar): -3% verwacht over 2025-2030, -0,5% per jaar
    (ROA AIS 2026, BRC-beroepsgroep). De krimp berust op één reeks (de prognose).
    """
    rule = _check_params(rti_threshold, shrink_threshold, rule, require_both, lang)
    if taxonomy is not None and "rti" in getattr(market_table, "columns", ()) \
            and market_table["rti"].isna().any():
        from ..exceptions import InvalidParameterError, warn_defect
        from .estimator import estimate_risk_signals  # sklearn: only when needed

        try:
            market_table = estimate_risk_signals(taxonomy, market_table, ("rti",))
        except InvalidParameterError as exc:
            # Too few occupations with an RTI to learn from (e.g. a labour market without
            # the routine-task file): the occupations without one stay without one.
            warn_defect(f"no skill-profile estimate of the RTI: {exc}")
    values = _validate(market_table)
    index = market_table.index
    nan = pd.Series(np.nan, index=index)
    rti = values["rti"]
    forecast_total = values.get("forecast_pct", nan)
    forecast = pd.Series(per_year(forecast_total, values.get("forecast_years", nan)), index=index)
    observed = values.get("trend_pct", nan)
    # The steepest fall counts for the score: either source may establish shrinking.
    change = pd.concat([forecast, observed], axis=1).min(axis=1, skipna=True)

    routine = (rti > rti_threshold).astype("boolean").mask(rti.isna())
    shrink_f, shrink_o = forecast <= shrink_threshold, observed <= shrink_threshold
    # Growth mirrors the threshold (with a threshold of 0, a change of 0 is shrinking).
    grow_f = (forecast >= -shrink_threshold) & ~shrink_f
    grow_o = (observed >= -shrink_threshold) & ~shrink_o
    # One source's decline against the other's growth establishes neither.
    conflict = (shrink_f & grow_o) | (shrink_o & grow_f)
    unknown = forecast.isna() & observed.isna()
    shrinking = ((shrink_f | shrink_o) & ~conflict).astype("boolean").mask(unknown)
    growing = ((grow_f | grow_o) & ~conflict).astype("boolean").mask(unknown)
    basis = np.select([shrink_f & shrink_o, shrink_f, shrink_o], ["both", "forecast", "observed"], "")
    basis = np.where(shrinking.fillna(False), basis, "")
    single = shrinking.fillna(False) & (shrink_f ^ shrink_o)
    low, high = values.get("trend_pct_low"), values.get("trend_pct_high")
    stable_obs = shrink_o & (high <= shrink_threshold) if high is not None else \
        pd.Series(False, index=index)

    routine_score, shrink_score = risk_components(
        rti, change, rti_threshold=rti_threshold, shrink_threshold=shrink_threshold)
    # Conflicting sources establish neither shrinking nor growth: a neutral component.
    shrink_score[conflict.to_numpy()] = 0.5
    if rule == "routine_and_shrinking":
        at_risk = (routine & shrinking).fillna(False).astype(bool)
        score = np.fmin(routine_score, shrink_score)
        score[np.isnan(routine_score) | np.isnan(shrink_score)] = np.nan
    else:
        at_risk = routine.fillna(False).astype(bool)
        score = routine_score.copy()
    clear = rti >= rti_threshold + CLEAR_ROUTINE_MARGIN
    established = shrinking.fillna(False) & ((shrink_f & shrink_o) | stable_obs)
    estimated = market_table["rti_level"].astype(str).eq(_ESTIMATE_LEVEL).to_numpy()
    confidence = np.select(
        [estimated, clear & established,
         growing.fillna(False) | (~clear & ~shrinking.fillna(False))],
        ["low", "high", "low"], "medium").astype(object)
    confidence = pd.Series(confidence, index=index).where(at_risk, np.nan)

    out = pd.DataFrame(index=index)
    for col in ("label_nl", "label_en", "isco_code", "soc_code"):
        if col in market_table.columns:
            out[col] = market_table[col]
    out["risk_score"] = score
    out["at_risk"] = at_risk.to_numpy()
    out["risk_confidence"] = confidence
    out["risk_rule"] = rule
    out["routine"] = routine
    out["shrinking"] = shrinking
    out["growing"] = growing
    out["shrinking_conflict"] = conflict.to_numpy()
    out["shrinking_basis"] = pd.Series(basis, index=index, dtype=object)
    out["shrinking_single_series"] = single.to_numpy()
    out["routine_score"] = routine_score
    out["shrink_score"] = shrink_score
    evidence = list(_REQUIRED)
    for kind, cols in _CHANGE.items():
        evidence += [c for c in cols if c in market_table.columns]
        if kind == "forecast" and "forecast_pct" in market_table.columns:
            evidence.insert(evidence.index("forecast_pct") + 1, "forecast_years")
        if kind == "observed":
            evidence += [c for c in ("trend_pct_low", "trend_pct_high")
                         if c in market_table.columns]
        if _PERIOD[kind] in market_table.columns:
            evidence.append(_PERIOD[kind])
    if "trend" in market_table.columns:
        evidence.append("trend")
    for col, prov in _SUPPORT.items():
        evidence += [c for c in (col, *prov) if c in market_table.columns]
    for col in evidence:
        out[col] = values[col] if col in values else market_table[col]
    if "forecast_pct" in market_table.columns:
        out.insert(out.columns.get_loc("forecast_years") + 1, "forecast_pct_per_year", forecast)

    # Occupations of one unit group mostly share all their evidence: write each distinct
    # combination once.
    used = [c for c in out.columns if c not in ("label_nl", "label_en", "isco_code", "soc_code")]
    key = pd.util.hash_pandas_object(out[used], index=False).to_numpy()
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    rows = out.iloc[first].to_dict("records")
    for language in _LANGS:
        texts = np.array([_reason(r, language, rti_threshold, shrink_threshold, rule)
                          for r in rows], dtype=object)
        out[f"reasons_{language}"] = texts[inverse.ravel()]
    if lang is not None:
        out["reasons"] = out[f"reasons_{lang}"]
    return out
