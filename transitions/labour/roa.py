"""Reader of the ROA labour-market forecast to 2030 by occupation group (AIS, edition 2026).

ROA (Researchcentrum voor Onderwijs en Arbeidsmarkt, Maastricht University)
forecasts per BRC group the *expansion demand* 2025-2030 (``uitbreidingsvraag``,
the change in employment; negative = shrinking), replacement demand, job
openings and a future-shortage indicator. Licence CC BY 4.0.

ROA's 2025 edition of the groups differs from the BRC 2014 groups that CBS
and the ISCO crosswalk use in eight codes (their labels are inferred; the
``label_source`` column says so). :func:`roa_to_brc2014` maps the forecast
onto BRC 2014 groups with this concordance (:data:`ROA_CONCORDANCE`):

=========== ============================================== ====================
BRC 2014    BRC 2014 label                                 ROA 2025 group(s)
=========== ============================================== ====================
0131        Leidsters kinderopvang en onderwijsassistenten 0132 + 0133 (split)
0751, 0752  Slagers; Bakkers                               0756 (merged)
0811        Software- en applicatieontwikkelaars           0813 + 0814 (split;
                                                           ISCO 2511 analysts
                                                           were in 0811)
0812        Databank- en netwerkspecialisten               0812 (redefined)
1221        Laders, lossers en vakkenvullers               1223
1222        Vuilnisophalers en dagbladenbezorgers          1224
=========== ============================================== ====================

A split group's forecast is the sum of the parts' expansion demand over the
sum of their base employment, where each part's base is implied by its job
openings (``baanopeningen_aantal / baanopeningen_6jr_pct``; openings are the
largest, so least rounded, of ROA's percentages).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, warn_defect
from ._io import drop_exact_duplicates, parse_numbers, read_table

__all__ = ["read_roa_forecast", "roa_to_brc2014", "roa_demand", "ROA_CONCORDANCE", "ROA_SOURCE"]

#: Source label of the forecast.
ROA_SOURCE = "ROA AIS 2026, prognose 2025-2030"
#: BRC 2014 group -> ROA 2025-edition group(s) where the codes differ.
ROA_CONCORDANCE = {
    "0131": ("0132", "0133"),
    "0751": ("0756",),
    "0752": ("0756",),
    "0811": ("0813", "0814"),
    "0812": ("0812",),
    "1221": ("1223",),
    "1222": ("1224",),
}
_TOTAL = "999999"

_COLUMNS = {
    "uitbreidingsvraag_2025_2030_aantal": "expansion_demand",
    "uitbreidingsvraag_6jr_pct": "forecast_pct",
    "vervangingsvraag_aantal": "replacement_demand",
    "vervangingsvraag_6jr_pct": "replacement_demand_pct",
    "baanopeningen_aantal": "job_openings",
    "baanopeningen_6jr_pct": "job_openings_pct",
    "itkb_2030_indicator": "future_shortage_indicator",
    "huidige_situatie_2026Q1_indicator": "tightness_2026q1_indicator",
}
_TEXT = {
    "uitbreidingsvraag_typering": "expansion_demand_class",
    "itkb_2030_typering": "future_shortage",
    "huidige_situatie_2026Q1_typering": "tightness_2026q1",
    "richting_2025_2030_typering": "tightness_direction",
}


def read_roa_forecast(path, *, years=6, period="2025-2030"):
    """Read ROA's AIS forecast per occupation group (ROA's own 2025-edition codes).

    Parameters
    ----------
    path : str or path-like
        ``roa_ais_prognose_2030_beroepsgroepen.csv`` (columns
        ``brc_group_ed2025``, ``label``, ``label_source``,
        ``uitbreidingsvraag_2025_2030_aantal``, ``uitbreidingsvraag_6jr_pct``, ...).
    years : int, default=6
        Length of the forecast horizon the percentages refer to (ROA's ``6jr``).
    period : str, default="2025-2030"

    Returns
    -------
    pandas.DataFrame
        One row per ROA group: ``roa_code``, ``label``, ``label_inferred``,
        ``expansion_demand`` (jobs), ``forecast_pct`` (expansion demand, % over
        the horizon), ``replacement_demand``, ``job_openings`` (and their %),
        ``future_shortage`` (ROA's wording) with its indicator, current
        tightness, ``forecast_years``, ``forecast_period``, ``forecast_source``.
        The national total has ``roa_code == "999999"``.
    """
    where = str(path)
    df = read_table(path, required=("brc_group_ed2025", "label", *list(_COLUMNS)[:2]),
                    what="ROA AIS forecast")
    codes = df["brc_group_ed2025"].fillna("")
    ok = codes.str.fullmatch(r"\d{4}") | (codes == _TOTAL)
    if not ok.all():
        raise DataFormatError(f"{where}: unknown group code(s) {codes[~ok].head(3).tolist()}; "
                              f"valid: 4-digit BRC groups or {_TOTAL} (total)")
    numbers = [c for c in _COLUMNS if c in df]
    parse_numbers(df, numbers, where=where)
    out = pd.DataFrame({"roa_code": codes, "label": df["label"]})
    source = df.get("label_source", pd.Series("", index=df.index)).fillna("")
    out["label_inferred"] = source.str.startswith("inferred")
    for src, dst in _COLUMNS.items():
        out[dst] = df[src] if src in df else np.nan
    for src, dst in _TEXT.items():
        out[dst] = df[src] if src in df else np.nan
    out["forecast_years"] = years
    out["forecast_period"] = period
    out["forecast_source"] = ROA_SOURCE
    if out["label_inferred"].any():
        warn_defect(
            f"{where}: {int(out['label_inferred'].sum())} ROA group(s) with codes newer than "
            f"BRC 2014 and inferred labels; mapped to BRC 2014 by ROA_CONCORDANCE",
            out.loc[out["label_inferred"], "roa_code"],
        )
    return drop_exact_duplicates(out, "roa_code", where=where).reset_index(drop=True)


def _brc_parts(by_code):
    """(BRC 2014 group, ROA groups present) pairs, direct codes first, then the concordance."""
    direct = [c for c in by_code.index if c != _TOTAL and c not in
              {p for parts in ROA_CONCORDANCE.values() for p in parts}]
    pairs = [(c, (c,)) for c in direct] + list(ROA_CONCORDANCE.items())
    for brc, parts in pairs:
        present = [p for p in parts if p in by_code.index]
        if present:
            yield brc, parts, present


def _note(brc, parts, sub):
    if parts == (brc,) and not sub["label_inferred"].any():
        return ""
    present = list(sub.index)
    return f" (ROA group{'s' if len(present) > 1 else ''} {'+'.join(present)})"


def roa_to_brc2014(roa, brc_groups=None):
    """The ROA forecast as a ``forecast`` table keyed by BRC 2014 groups.

    Parameters
    ----------
    roa : pandas.DataFrame
        From :func:`read_roa_forecast`.
    brc_groups : iterable of str, optional
        The BRC 2014 groups to expect (e.g. from the ISCO-BRC crosswalk); groups
        without a forecast are counted in a warning.

    Returns
    -------
    pandas.DataFrame
        A ``forecast`` table (see :mod:`transitions.labour.schema`) with
        ``code_system="BRC 2014"``, ``code``, ``forecast_pct``,
        ``forecast_years``, ``forecast_period``, ``expansion_demand``,
        ``roa_codes`` and ``forecast_source`` (naming the ROA groups used where
        they differ from the BRC 2014 code).
    """
    by_code = roa.set_index("roa_code")
    used = set()
    rows = []
    for brc, parts, present in _brc_parts(by_code):
        used.update(present)
        sub = by_code.loc[present]
        if len(present) == 1:
            pct = float(sub["forecast_pct"].iloc[0])
        else:
            base = sub["job_openings"] / (sub["job_openings_pct"] / 100)
            pct = (100 * sub["expansion_demand"].sum() / base.sum()
                   if np.isfinite(base).all() and base.sum() > 0
                   else float(sub["forecast_pct"].mean()))
        note = _note(brc, parts, sub)
        rows.append({
            "code_system": "BRC 2014", "code": brc, "forecast_pct": round(pct, 2),
            "forecast_years": sub["forecast_years"].iloc[0],
            "forecast_period": sub["forecast_period"].iloc[0],
            "expansion_demand": float(sub["expansion_demand"].sum()),
            "roa_codes": "+".join(present),
            "forecast_source": f"{sub['forecast_source'].iloc[0]}{note}",
        })
    if _TOTAL in by_code.index:
        tot = by_code.loc[_TOTAL]
        rows.append({"code_system": "BRC 2014", "code": "Totaal",
                     "forecast_pct": float(tot["forecast_pct"]),
                     "forecast_years": tot["forecast_years"], "forecast_period": tot["forecast_period"],
                     "expansion_demand": float(tot["expansion_demand"]), "roa_codes": _TOTAL,
                     "forecast_source": tot["forecast_source"]})
        used.add(_TOTAL)
    unused = sorted(set(by_code.index) - used)
    if unused:
        warn_defect(f"ROA forecast: {len(unused)} group(s) not mapped to BRC 2014", unused)
    out = pd.DataFrame(rows).sort_values("code", kind="stable").reset_index(drop=True)
    if brc_groups is not None:
        missing = sorted(set(brc_groups) - set(out["code"]))
        if missing:
            warn_defect(f"ROA forecast: {len(missing)} BRC 2014 group(s) without a forecast",
                        missing)
    return out


#: Sources of the demand tables read from the AIS (openings: the forecast; the others: indicators).
ROA_DEMAND_SOURCES = {
    "openings": ROA_SOURCE,
    "tightness": "ROA AIS 2026, huidige spanning 2026Q1",
    "shortage": "ROA AIS 2026, indicator toekomstige knelpunten (ITKB) 2030",
}


def roa_demand(roa):
    """ROA's demand figures per BRC 2014 group: job openings, tightness and future shortage.

    Parameters
    ----------
    roa : pandas.DataFrame
        From :func:`read_roa_forecast`.

    Returns
    -------
    dict of str to pandas.DataFrame
        Tables in the schema of :mod:`transitions.labour.schema`, keyed by
        ``code_system="BRC 2014"``:

        - ``"openings"``: ``openings`` (job openings *per year*: ROA's
          ``baanopeningen`` over the horizon divided by its length),
          ``openings_rate`` (% of employment per year), ``openings_period``;
        - ``"tightness"``: ``tightness`` (ROA's current-tightness indicator,
          higher = tighter), ``tightness_class`` (ROA's wording: ``"krap"``,
          ``"gemiddeld"``, ...), ``tightness_period``;
        - ``"shortage"``: ``shortage`` (ROA's ITKB 2030 indicator: *lower*
          means a larger expected shortage), ``shortage_class`` (``"geen"``,
          ``"vrijwel geen"``, ``"enige"``, ``"groot"``, ``"zeer groot"``),
          ``shortage_period``.

        Groups that ROA merged (0751, 0752 in 0756) share the merged group's
        openings evenly and its indicators; groups ROA split (0131, 0811) sum
        the parts' openings and take the openings-weighted mean of their
        indicators and the class of the part with most openings. The source
        names the ROA groups used where they differ from the BRC 2014 code.
    """
    by_code = roa.set_index("roa_code")
    merged = {}
    for brc, parts in ROA_CONCORDANCE.items():
        for p in parts:
            merged.setdefault(p, []).append(brc)
    rows = {m: [] for m in ROA_DEMAND_SOURCES}
    for brc, parts, present in _brc_parts(by_code):
        sub = by_code.loc[present]
        note = _note(brc, parts, sub)
        years = float(sub["forecast_years"].iloc[0])
        period = sub["forecast_period"].iloc[0]
        # A merged ROA group's openings are shared by the BRC 2014 groups it merged.
        share = np.array([1.0 / len(merged.get(p, [brc])) for p in present])
        openings = sub["job_openings"].to_numpy(float) * share
        pct = sub["job_openings_pct"].to_numpy(float)
        with np.errstate(invalid="ignore", divide="ignore"):  # a 0% share implies no base
            base = np.where(pct > 0, openings / (pct / 100), np.nan)
        total = float(np.nansum(openings)) if np.isfinite(openings).any() else np.nan
        rate = (100 * total / np.nansum(base) / years
                if np.isfinite(base).any() and np.nansum(base) > 0 else np.nan)
        code = {"code_system": "BRC 2014", "code": brc}
        rows["openings"].append({**code, "openings": total / years, "openings_rate": rate,
                                 "openings_period": period,
                                 "openings_source": ROA_DEMAND_SOURCES["openings"] + note})
        w = np.where(np.isfinite(openings), openings, 0.0)
        main = sub.index[int(np.argmax(w))]
        for name, value, cls, per in (
                ("tightness", "tightness_2026q1_indicator", "tightness_2026q1", "2026Q1"),
                ("shortage", "future_shortage_indicator", "future_shortage", "2030")):
            v = sub[value].to_numpy(float)
            ok = np.isfinite(v)
            if not ok.any():
                continue
            mean = float(np.average(v[ok], weights=w[ok])) if w[ok].sum() > 0 else \
                float(v[ok].mean())
            rows[name].append({**code, name: round(mean, 3),
                               f"{name}_class": sub.loc[main, cls] if ok[int(np.argmax(w))]
                               else sub.loc[sub.index[ok][0], cls],
                               f"{name}_period": per,
                               f"{name}_source": ROA_DEMAND_SOURCES[name] + note})
    return {m: pd.DataFrame(r).sort_values("code", kind="stable").reset_index(drop=True)
            for m, r in rows.items()}
