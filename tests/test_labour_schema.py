"""The labour-market table schema: validation of users' own tables and code keys."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from transitions import DataFormatError, DataQualityWarning
from transitions.labour.codes import code_keys
from transitions.labour.schema import MEASURES, normalise_table


def wage_table(**overrides):
    data = {"code_system": ["BRC 2014", "BRC 2014", "BRC 2014"],
            "code": ["0434", "043", "04"],
            "wage_median": [21.2, 21.6, 25.1], "wage_p25": [18.0, 18.5, 19.0],
            "wage_p75": [25.0, 26.0, 31.0], "wage_currency": "EUR",
            "source": "my region 2024"}
    data.update(overrides)
    return pd.DataFrame(data)


def test_levels_follow_the_codes():
    t = normalise_table(wage_table(), "wage")
    assert t["level"].tolist() == ["BRC group", "BRC segment", "BRC class"]
    assert t["wage_source"].eq("my region 2024").all()
    assert t["key"].tolist() == ["0434", "043", "04"]


def test_missing_column_is_named():
    with pytest.raises(DataFormatError, match="wage_currency"):
        normalise_table(wage_table().drop(columns="wage_currency"), "wage")
    with pytest.raises(DataFormatError, match="source"):
        normalise_table(wage_table().drop(columns="source"), "wage")


def test_text_in_number_column_is_an_error_not_a_zero():
    bad = wage_table(wage_median=["21.2", "n/a", "25.1"])
    with pytest.raises(DataFormatError, match=r"wage_median.*'n/a'"):
        normalise_table(bad, "wage")


def test_empty_cells_stay_missing():
    t = normalise_table(wage_table(wage_median=[np.nan, 21.6, 25.1]), "wage")
    assert np.isnan(t.loc[t["code"] == "0434", "wage_median"].item())


def test_unknown_code_system_and_malformed_code():
    with pytest.raises(DataFormatError, match="unknown code_system 'NACE'"):
        normalise_table(wage_table(code_system="NACE"), "wage")
    with pytest.raises(DataFormatError, match=r"not BRC 2014 codes.*'43A'"):
        normalise_table(wage_table(code=["0434", "43A", "04"]), "wage")
    with pytest.raises(DataFormatError, match="not SOC 2018 codes"):
        normalise_table(wage_table(code_system="SOC 2018", code=["43-3031", "433031", "43-0000"]),
                        "wage")


def test_duplicated_rows_warn_when_equal_and_fail_when_different():
    dup = pd.concat([wage_table(), wage_table().iloc[[0]]], ignore_index=True)
    with pytest.warns(DataQualityWarning, match="1 exactly repeated row"):
        t = normalise_table(dup, "wage")
    assert len(t) == 3
    clash = dup.copy()
    clash.loc[3, "wage_median"] = 30.0
    with pytest.raises(DataFormatError, match="repeat the key"):
        normalise_table(clash, "wage")


def test_out_of_range_probability_is_rejected():
    t = pd.DataFrame({"code_system": "SOC 2010", "code": ["43-3031"],
                      "automation_probability": [1.7], "source": "x"})
    with pytest.raises(DataFormatError, match=r"outside \[0.0, 1.0\]"):
        normalise_table(t, "automation_probability")


def test_quartiles_out_of_order_are_counted():
    with pytest.warns(DataQualityWarning, match="1 row.*out of order"):
        normalise_table(wage_table(wage_p25=[22.0, 18.5, 19.0]), "wage")


def test_empty_source_is_rejected():
    with pytest.raises(DataFormatError, match="empty source"):
        normalise_table(wage_table(source=["a", None, "b"]), "wage")


def test_bad_boolean_flag():
    with pytest.raises(DataFormatError, match="not a boolean"):
        normalise_table(wage_table(wage_topcoded=["yes please", "false", "true"]), "wage")


def test_every_measure_has_source_level_and_via_columns():
    for spec in MEASURES.values():
        assert spec.columns[-3:] == (f"{spec.name}_source", f"{spec.name}_level",
                                     f"{spec.name}_via")
        assert spec.primary in spec.required


@given(st.from_regex(r"\d\d-\d{4}", fullmatch=True))
def test_soc_keys_nest(code):
    keys, depth = code_keys("SOC 2018", pd.Series([code]))
    key = keys.iloc[0]
    assert code.startswith(key)
    assert depth.iloc[0] == len(key) and depth.iloc[0] in (0, 2, 4, 6, 7)  # 0: 00-0000 total
    # A detailed code's ancestors are its own prefixes.
    if depth.iloc[0] == 7:
        assert code[6] != "0"


@given(st.from_regex(r"\d{1,4}", fullmatch=True))
def test_isco_keys_are_the_codes(code):
    keys, depth = code_keys("ISCO-08", pd.Series([code]))
    assert keys.iloc[0] == code and depth.iloc[0] == len(code)


def test_published_soc_groups_get_group_keys():
    keys, depth = code_keys("SOC 2018", pd.Series(["15-1252", "15-1250", "15-1200", "15-0000",
                                                   "15-1252.00", "00-0000"]))
    assert keys.tolist() == ["15-1252", "15-125", "15-1", "15", "15-1252.00", ""]
