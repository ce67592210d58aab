"""The data home's store of derived data: content keys, verification, tables, pruning."""

import numpy as np
import pandas as pd
import pytest

from transitions import DataQualityWarning
from transitions.datasets import _derived
from transitions._hashing import code_digest, content_key
from transitions.datasets._derived import load_or_build, load_or_build_frames


def test_arrays_and_texts_round_trip_and_are_read_back(tmp_path):
    calls = []

    def build():
        calls.append(1)
        return {"x": np.arange(5), "names": ["a", "", "ç c"], "empty": [], "one": [""]}

    key = content_key("test", 1)
    first = load_or_build("test", key, build, data_home=tmp_path)
    again = load_or_build("test", key, build, data_home=tmp_path)
    assert calls == [1]
    assert again["x"].tolist() == [0, 1, 2, 3, 4]
    assert list(again["names"]) == first["names"] == ["a", "", "ç c"]
    assert [again["names"][i] for i in (2, 0, 1, -1)] == ["ç c", "a", "", "ç c"]
    assert list(again["empty"]) == [] and list(again["one"]) == [""]


def test_a_changed_file_is_found_and_rebuilt(tmp_path):
    key = content_key("test", 2)
    load_or_build("test", key, lambda: {"x": np.arange(3)}, data_home=tmp_path)
    stored = next((tmp_path / "derived").glob("test-*/x.npy"))
    stored.write_bytes(stored.read_bytes()[:-8] + np.arange(1).tobytes())
    with pytest.warns(DataQualityWarning, match="corrupt, rebuilding"):
        out = load_or_build("test", key, lambda: {"x": np.arange(3)}, data_home=tmp_path)
    assert out["x"].tolist() == [0, 1, 2]


def test_tables_keep_their_dtypes_and_missing_values(tmp_path):
    df = pd.DataFrame({"wage": [12.5, np.nan], "n": pd.array([1, None], dtype="Int64"),
                       "source": ["CBS", None], "flag": [True, False]},
                      index=pd.Index(["o1", "o2"], name="id"))
    key = content_key("table", 1)
    load_or_build_frames("tables", key, lambda: {"t": df}, data_home=tmp_path)
    back = load_or_build_frames("tables", key, lambda: 1 / 0, data_home=tmp_path)["t"]
    pd.testing.assert_frame_equal(back, df)


def test_old_entries_of_a_kind_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(_derived, "KEEP_PER_KIND", 2)
    for i in range(4):
        load_or_build("kind", content_key("kind", i), lambda: {"x": np.arange(1)},
                      data_home=tmp_path)
    assert len(list((tmp_path / "derived").glob("kind-*"))) == 2


def test_the_key_covers_the_code():
    assert code_digest("lookup") != code_digest("lookup", "_wordforms")
    assert code_digest("graph") == code_digest("graph")
    assert content_key("a", 1) != content_key("a", 2)
