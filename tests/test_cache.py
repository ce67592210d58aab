"""The taxonomy cache: round trips, keys, corruption, atomic writes."""

import json
import os
import time
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from transitions import CacheError, DataQualityWarning, InvalidParameterError, Taxonomy
from transitions.datasets import _cache, _keys
from transitions.datasets._cache import (
    cache_key,
    cached_taxonomy,
    taxonomy_from_folder,
    taxonomy_to_folder,
)

_TABLES = (
    "occupations",
    "skills",
    "relations",
    "skill_hierarchy",
    "occupation_hierarchy",
    "skill_groups",
    "occupation_groups",
)


def _toy(extra_label="bakker", name="toy"):
    occ = pd.DataFrame(
        {
            "label_en": ["baker", "data analyst"],
            "label_nl": [extra_label, np.nan],
            "isco_code": ["7512", "2511"],
            "altlabels_en": ["bread baker\npastry baker", np.nan],
        },
        index=pd.Index(["o1", "o2"], name="id"),
    )
    skills = pd.DataFrame(
        {
            "label_en": ["knead dough", "use spreadsheets", "think"],
            "label_nl": pd.Series(
                ["deeg kneden", np.nan, None], dtype=object, index=["s1", "s2", "s3"]
            ),
            "digital": [False, True, False],
            "digcomp": [np.nan, "1.3", np.nan],
            "digcomp_level": pd.array([pd.NA, 4, pd.NA], dtype="Int64"),
            "transversal": [False, False, True],
        },
        index=["s1", "s2", "s3"],
    )
    rel = pd.DataFrame(
        {
            "occupation_id": ["o1", "o1", "o2"],
            "skill_id": ["s1", "s3", "s2"],
            "relation": ["essential", "optional", "essential"],
            "weight": [1.0, 0.5, 1.0],
        }
    )
    groups = pd.DataFrame(
        {"label_en": ["food", "ict"], "label_nl": ["voeding", np.nan]}, index=["g1", "g2"]
    )
    hier = pd.DataFrame({"child": ["s1", "s2"], "parent": ["g1", "g2"]})
    srel = pd.DataFrame({"skill_id": ["s1"], "related_skill_id": ["s3"], "relation": ["optional"]})
    return Taxonomy(
        occ,
        skills,
        rel,
        skill_hierarchy=hier,
        skill_groups=groups,
        skill_relations=srel,
        name=name,
        metadata={"source": "toy", "counts": {"occupations": 2}, "coverage": 0.5},
    )


def _assert_same(a, b):
    for t in _TABLES:
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t), check_index_type=True)
    if a.skill_relations is None:
        assert b.skill_relations is None
    else:
        pd.testing.assert_frame_equal(a.skill_relations, b.skill_relations)
    assert a.name == b.name and a.metadata == b.metadata


def test_folder_round_trip_keeps_every_table_and_dtype(tmp_path):
    tax = _toy()
    taxonomy_to_folder(tax, tmp_path / "entry", key="k")
    back = taxonomy_from_folder(tmp_path / "entry", key="k")
    _assert_same(tax, back)
    assert back.skills["digcomp_level"].dtype == "Int64"
    assert back.skills["digital"].dtype == bool
    # In an object column None stays None and NaN stays NaN.
    assert back.skills["label_nl"].dtype == object
    assert back.skills.loc["s3", "label_nl"] is None
    assert np.isnan(back.skills.loc["s2", "label_nl"])
    # The incidence matrix built from the cached tables is the same.
    assert (back.incidence() != tax.incidence()).nnz == 0


def test_no_pickle_in_the_arrays(tmp_path):
    taxonomy_to_folder(_toy(), tmp_path / "entry")
    files = sorted(p.name for p in (tmp_path / "entry").iterdir())
    assert files[-1] == "manifest.json" and all(f.endswith(".npy") for f in files[:-1])
    for f in files[:-1]:
        arr = np.load(tmp_path / "entry" / f, allow_pickle=False)
        assert arr.ndim == 1 and arr.dtype != object


_text = st.one_of(st.none(), st.just(np.nan), st.text(max_size=12))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    labels=st.lists(_text, min_size=1, max_size=30),
    floats=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=30),
    ints=st.lists(st.one_of(st.none(), st.integers(-(2**40), 2**40)), min_size=1, max_size=30),
    repeat=st.booleans(),
)
def test_any_frame_round_trips(tmp_path_factory, labels, floats, ints, repeat):
    n = min(len(labels), len(floats), len(ints))
    labels = labels[:n] * (5 if repeat else 1)  # repetition exercises the dictionary codec
    m = len(labels)
    ids = [f"s{i}" for i in range(m)]
    skills = pd.DataFrame(
        {
            "label_en": np.array(labels, dtype=object),
            "label_nl": pd.array(
                [x if isinstance(x, str) else None for x in labels], dtype="string"
            ),
            "digital": [i % 2 == 0 for i in range(m)],
            "digcomp": np.array(labels, dtype=object),
            "score": (floats[:n] * 5)[:m] if repeat else floats[:n],
            "level": pd.array((ints[:n] * 5)[:m] if repeat else ints[:n], dtype="Int64"),
            "kind": pd.Categorical([x if isinstance(x, str) else None for x in labels]),
        },
        index=ids,
    )
    occ = pd.DataFrame({"label_en": ["a"], "label_nl": [np.nan]}, index=["o"])
    rel = pd.DataFrame(
        {"occupation_id": ["o"], "skill_id": [ids[0]], "relation": ["essential"], "weight": [1.0]}
    )
    tax = Taxonomy(occ, skills, rel, name="prop")
    folder = tmp_path_factory.mktemp("entry")
    taxonomy_to_folder(tax, folder)
    _assert_same(tax, taxonomy_from_folder(folder))


def test_unsupported_content_is_a_cache_error(tmp_path):
    tax = _toy()
    tax.skills["odd"] = [1, "x", None]  # mixed objects cannot be stored as text
    with pytest.raises(CacheError, match="skills.odd"):
        taxonomy_to_folder(tax, tmp_path / "a")
    tax = _toy()
    tax.metadata["when"] = (1, 2)  # a tuple would come back as a list
    with pytest.raises(CacheError, match="JSON"):
        taxonomy_to_folder(tax, tmp_path / "b")


class _Builder:
    def __init__(self, tax):
        self.tax, self.calls = tax, 0

    def __call__(self):
        self.calls += 1
        return self.tax


def _source(tmp_path, text="a,b\n1,2\n"):
    src = tmp_path / "src" / "data.csv"
    src.parent.mkdir(exist_ok=True)
    src.write_text(text)
    return src


def test_cache_hit_skips_the_build(tmp_path):
    src, build = _source(tmp_path), _Builder(_toy())
    first = cached_taxonomy("toy", [src], build, data_home=tmp_path / "home")
    second = cached_taxonomy("toy", [src], build, data_home=tmp_path / "home")
    assert build.calls == 1
    _assert_same(first, second)
    entries = [p.name for p in (tmp_path / "home" / "taxonomies").iterdir() if p.is_dir()]
    assert len(entries) == 1 and entries[0].startswith("toy-")


def test_cache_false_never_touches_the_data_home(tmp_path):
    src, build = _source(tmp_path), _Builder(_toy())
    cached_taxonomy("toy", [src], build, data_home=tmp_path / "home", cache=False)
    cached_taxonomy("toy", [src], build, data_home=tmp_path / "home", cache=False)
    assert build.calls == 2
    assert not (tmp_path / "home").exists()


def test_changed_source_or_params_give_a_new_entry(tmp_path):
    home = tmp_path / "home"
    src = _source(tmp_path)
    build = _Builder(_toy())
    cached_taxonomy("toy", [src], build, data_home=home)
    src.write_text("a,b\n1,3\n")  # same size, new content
    os.utime(src, ns=(0, 12345))  # and a new mtime, so the side index re-hashes
    build.tax = _toy("broodbakker")
    fresh = cached_taxonomy("toy", [src], build, data_home=home)
    assert build.calls == 2 and fresh.occupations.loc["o1", "label_nl"] == "broodbakker"
    cached_taxonomy("toy", [src], build, params={"labels": ["nl"]}, data_home=home)
    assert build.calls == 3
    assert len([p for p in (home / "taxonomies").iterdir() if p.is_dir()]) == 3


def test_key_depends_on_content_not_location(tmp_path):
    a = tmp_path / "x" / "data.csv"
    b = tmp_path / "y" / "data.csv"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text("same")
    assert cache_key("n", [a]) == cache_key("n", [b])
    assert cache_key("n", [a]) != cache_key("m", [a])
    assert cache_key("n", [a]) != cache_key("n", [a], {"p": 1})
    assert cache_key("n", [a]) != cache_key("n", {"other-name": a})


def test_side_index_spares_rehashing_unchanged_files(tmp_path, monkeypatch):
    src = _source(tmp_path)
    index = tmp_path / "index.json"
    calls = []
    real = _keys.file_sha256
    monkeypatch.setattr(_keys, "file_sha256", lambda p: calls.append(p) or real(p))
    monkeypatch.setattr(_keys, "SETTLE_SECONDS", 0)  # the file was written a moment ago
    k1 = cache_key("n", [src], hash_index=index)
    k2 = cache_key("n", [src], hash_index=index)
    assert k1 == k2 and len(calls) == 1
    assert json.loads(index.read_text())[str(src.resolve())]["sha256"] == real(src)
    src.write_text("a,b\n1,2\n3,4\n")  # size changes -> hashed again
    assert cache_key("n", [src], hash_index=index) != k1 and len(calls) == 2


@pytest.mark.skipif(os.name != "posix", reason="the stat shortcut is POSIX-only")
def test_in_place_edit_keeping_size_and_mtime_is_rehashed(tmp_path, monkeypatch):
    # cp -p, rsync -t, unzip and tar restore the mtime; the ctime they cannot restore.
    src = _source(tmp_path)
    index = tmp_path / "index.json"
    monkeypatch.setattr(_keys, "SETTLE_SECONDS", 0)
    k1 = cache_key("n", [src], hash_index=index)
    before = src.stat()
    src.write_text(src.read_text().replace("2", "9"))
    os.utime(src, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert src.stat().st_size == before.st_size and src.stat().st_mtime_ns == before.st_mtime_ns
    assert cache_key("n", [src], hash_index=index) != k1


def test_a_hash_taken_right_after_a_change_is_not_remembered(tmp_path, monkeypatch):
    # A second write in the same timestamp tick would keep every stat field: such a
    # racy hash is used once and not remembered.
    src = _source(tmp_path)
    index = tmp_path / "index.json"
    monkeypatch.setattr(_keys, "SETTLE_SECONDS", 3600)
    cache_key("n", [src], hash_index=index)
    assert not index.exists() or str(src.resolve()) not in json.loads(index.read_text())


def test_flipped_byte_warns_and_rebuilds(tmp_path):
    home, src, build = tmp_path / "home", _source(tmp_path), _Builder(_toy())
    cached_taxonomy("toy", [src], build, data_home=home)
    (entry,) = [p for p in (home / "taxonomies").iterdir() if p.is_dir()]
    biggest = max(entry.glob("*.npy"), key=lambda p: p.stat().st_size).name
    for victim in (biggest, "manifest.json"):
        path = entry / victim
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        with pytest.warns(DataQualityWarning, match="cache corrupt, rebuilding"):
            again = cached_taxonomy("toy", [src], build, data_home=home)
        _assert_same(again, _toy())
        # The rebuilt entry is valid again: the next load is silent.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            cached_taxonomy("toy", [src], build, data_home=home)
    assert build.calls == 3


def test_missing_file_in_entry_is_corrupt(tmp_path):
    home, src, build = tmp_path / "home", _source(tmp_path), _Builder(_toy())
    cached_taxonomy("toy", [src], build, data_home=home)
    (entry,) = [p for p in (home / "taxonomies").iterdir() if p.is_dir()]
    next(entry.glob("*.npy")).unlink()
    with pytest.warns(DataQualityWarning, match="cache corrupt"):
        cached_taxonomy("toy", [src], build, data_home=home)
    assert build.calls == 2


def test_failed_build_or_write_leaves_no_entry(tmp_path, monkeypatch):
    home, src = tmp_path / "home", _source(tmp_path)

    def broken():
        raise RuntimeError("import failed")

    with pytest.raises(RuntimeError):
        cached_taxonomy("toy", [src], broken, data_home=home)
    assert not [p for p in (home / "taxonomies").iterdir() if p.is_dir()]

    def crash(tax, folder, key=""):
        (folder / "g0.npy").write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(_cache, "taxonomy_to_folder", crash)
    with pytest.warns(UserWarning, match="not cached"):
        tax = cached_taxonomy("toy", [src], _Builder(_toy()), data_home=home)
    assert tax.name == "toy"
    assert not list((home / "taxonomies").iterdir()) or all(
        p.name.startswith("_") for p in (home / "taxonomies").iterdir()
    )


def test_leftovers_of_a_killed_writer_are_swept_on_the_next_write(tmp_path):
    # A SIGKILL between mkdtemp and os.replace (or during a trash delete) leaves
    # these behind; only old ones are removed, as a young one may be another
    # process's write in progress.
    root = tmp_path / "home" / "taxonomies"
    stale = [root / ".toy-0123.abc.tmp", root / ".toy-0123.def.trash"]
    young = root / ".toy-4567.ghi.tmp"
    for folder in [*stale, young]:
        folder.mkdir(parents=True)
        (folder / "g0.npy").write_bytes(b"half")
    old = time.time() - _cache.STALE_SECONDS - 60
    for folder in stale:
        os.utime(folder, (old, old))
    cached_taxonomy("toy", [_source(tmp_path)], _Builder(_toy()), data_home=tmp_path / "home")
    assert not any(folder.exists() for folder in stale)
    assert young.exists()
    assert [p.name[:4] for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")] \
        == ["toy-"]


def test_bad_arguments(tmp_path):
    src = _source(tmp_path)
    with pytest.raises(InvalidParameterError, match="name"):
        cached_taxonomy("../evil", [src], _Builder(_toy()), data_home=tmp_path)
    with pytest.raises(InvalidParameterError, match="Taxonomy"):
        cached_taxonomy("toy", [src], lambda: "not a taxonomy", data_home=tmp_path)
    with pytest.raises(InvalidParameterError, match="JSON"):
        cache_key("toy", [src], {"bad": object()})


def test_unusable_data_home_still_builds(tmp_path):
    src, build = _source(tmp_path), _Builder(_toy())
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.warns(UserWarning, match="not cached"):
        tax = cached_taxonomy("toy", [src], build, data_home=blocker / "home")
    assert tax.name == "toy" and build.calls == 1


def test_sample_round_trips(sample, tmp_path):
    taxonomy_to_folder(sample, tmp_path / "entry", key="k")
    back = taxonomy_from_folder(tmp_path / "entry", key="k")
    _assert_same(sample, back)
    assert dict(back.skills.dtypes) == dict(sample.skills.dtypes)
    assert (back.incidence() != sample.incidence()).nnz == 0


def test_stale_key_is_refused(tmp_path):
    taxonomy_to_folder(_toy(), tmp_path / "entry", key="old")
    with pytest.raises(CacheError, match="key"):
        taxonomy_from_folder(tmp_path / "entry", key="new")
