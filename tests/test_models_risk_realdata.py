"""The Dutch picture of the risk flag, from the real data (ISCO-08 unit groups).

Nothing here is typed in: the labour-market layer reads the publishers' files
and ``assess_risk`` applies its default thresholds. The cases are ones the
method must get right (checked against the data, see docs/at_risk.md):
clerical, cashier, printing and assembly work is routine and shrinking;
software, nursing, electrical installation and ICT support work is neither;
accounting clerks do routine work but their numbers grow: the default rule
flags them with low confidence, the literal rule (routine AND shrinking) not.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import transitions
from transitions import Taxonomy, assess_risk

pytestmark = pytest.mark.realdata

# The layer lands from its own branch; until then there is nothing to assess.
LabourMarket = getattr(transitions, "LabourMarket", None)
needs_layer = pytest.mark.skipif(LabourMarket is None,
                                 reason="transitions.LabourMarket (labour-market layer) not merged yet")

FLAGGED = {
    "4110": "general office clerks",
    "4132": "data entry clerks",
    "4120": "secretaries (general)",
    "5230": "cashiers and ticket clerks",
    "7322": "printers",
    "7323": "print finishing and binding workers",
    "8219": "assemblers n.e.c.",
    "8183": "packing, bottling and labelling machine operators",
}
NOT_FLAGGED = {
    "2512": "software developers",
    "2511": "systems analysts",
    "2221": "nursing professionals",
    "7411": "building electricians",
    "3512": "ICT user support technicians",
    "5321": "health care assistants",
}


def _isco_units(codes):
    codes = pd.Index(sorted(codes), name="id")
    occ = pd.DataFrame({"label_en": codes, "label_nl": codes, "isco_code": codes}, index=codes)
    skills = pd.DataFrame({"label_en": pd.Series(dtype=object), "label_nl": pd.Series(dtype=object),
                           "digital": pd.Series(dtype=bool), "digcomp": pd.Series(dtype=object)})
    rel = pd.DataFrame({"occupation_id": pd.Series(dtype=object), "skill_id": pd.Series(dtype=object),
                        "relation": pd.Series(dtype=object), "weight": pd.Series(dtype=float)})
    return Taxonomy(occ, skills, rel, name="ISCO-08 unit groups")


@pytest.fixture(scope="module")
def dutch(real_data):
    if LabourMarket is None:
        pytest.skip("transitions.LabourMarket (labour-market layer) not merged yet")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the data's known defects, counted by the layer
        lm = LabourMarket.from_files(real_data)
        units = lm.table("rti")
        units = units.loc[units["level"] == "ISCO 4-digit", "code"]
        market = lm.for_taxonomy(_isco_units(units))
    return market, assess_risk(market)


@needs_layer
@pytest.mark.parametrize("code", sorted(FLAGGED))
def test_routine_shrinking_work_is_flagged(dutch, code):
    _, risk = dutch
    row = risk.loc[code]
    assert row["at_risk"], f"{code} {FLAGGED[code]}: {row['reasons_en']}"
    assert row["risk_score"] >= 0.5
    assert row["reasons_nl"].startswith("Risico door digitalisering")


@needs_layer
@pytest.mark.parametrize("code", sorted(NOT_FLAGGED))
def test_ict_care_and_installation_work_is_not_flagged(dutch, code):
    _, risk = dutch
    row = risk.loc[code]
    assert not row["at_risk"], f"{code} {NOT_FLAGGED[code]}: {row['reasons_en']}"
    assert row["reasons_en"].startswith("No raised risk")


@needs_layer
def test_routine_but_growing_work_is_flagged_with_low_confidence(dutch):
    market, risk = dutch
    # accounting clerks: as routine as data entry, but their numbers grow
    row = risk.loc["4311"]
    assert row["routine"] and row["growing"] and not row["shrinking"]
    assert row["at_risk"] and row["risk_confidence"] == "low"
    assert "(zekerheid: laag)" in row["reasons_nl"] and "Groei" in row["reasons_nl"]
    literal = assess_risk(market, rule="routine_and_shrinking")
    assert not literal.loc["4311", "at_risk"]
    assert literal["at_risk"].sum() < risk["at_risk"].sum()
    assert not (literal["at_risk"] & ~risk["at_risk"]).any()
    # clerical and cashier work: routine and shrinking by both sources
    assert risk.loc[["4110", "4132", "5230"], "risk_confidence"].eq("high").all()


@needs_layer
def test_every_flag_names_its_sources_and_levels(dutch):
    market, risk = dutch
    flagged = risk[risk["at_risk"]]
    assert 20 <= len(flagged) <= len(risk) // 2
    for code, row in flagged.iterrows():
        assert str(market.loc[code, "rti_source"]) in row["reasons_en"]
        assert "ISCO 4-cijferig" in row["reasons_nl"] or "ISCO 3-cijferig" in row["reasons_nl"]
        basis = row["shrinking_basis"]
        assert basis in ("forecast", "observed", "both", "")
        if basis in ("forecast", "both"):
            assert str(market.loc[code, "forecast_source"]) in row["reasons_en"]
        if basis in ("observed", "both"):
            assert str(market.loc[code, "trend_source"]) in row["reasons_en"]


@needs_layer
def test_missing_evidence_is_said(dutch):
    _, risk = dutch
    assert not risk.loc[risk["routine"].isna(), "at_risk"].any()
    unknown = risk[risk["routine"].isna() | risk["shrinking"].isna()]
    for text in unknown["reasons_en"]:
        assert "No routine task intensity" in text or "No expected or observed" in text \
            or text.startswith("No raised risk")
    assert np.isfinite(risk.loc[~risk.index.isin(unknown.index), "risk_score"]).all()
