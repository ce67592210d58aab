"""Attack corpus, the cache and the import registry: whatever happens to the data home, a
load serves the sources' current content (rebuilding with a counted warning when an entry is
damaged) and a damaged registry gives a clear error, never a traceback.
"""

import json
import os
import shutil
import time

import pytest

from transitions import DataQualityWarning, load_esco
from transitions.datasets import _cache, _keys

from _attack import expect_cli_error, expect_warning, run_cli
from esco_fixtures import OCC, classification_files, write_folder


@pytest.fixture
def esco(tmp_path, monkeypatch):
    """A small ESCO folder, loaded once into a fresh data home (so the cache has an entry)."""
    monkeypatch.setattr(_keys, "SETTLE_SECONDS", 0)
    folder = write_folder(tmp_path / "esco", classification_files(v12=False))
    home = tmp_path / "home"
    first = load_esco(folder, data_home=home)
    return folder, home, first


def entry_of(home):
    (entry,) = [p for p in (home / "taxonomies").iterdir() if p.is_dir() and p.name[0] != "."]
    return entry


def same(a, b):
    assert a.name == b.name
    for t in ("occupations", "skills", "relations", "skill_hierarchy"):
        x, y = getattr(a, t), getattr(b, t)
        assert x.shape == y.shape and x.astype(str).equals(y.astype(str)), t


def _flip(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


def _truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garbage(path):
    path.write_text("{not json")


def _other_key(path):
    body = json.loads(path.read_text())
    inner = json.loads(body["body"])
    inner["key"] = "0" * 64
    body["body"] = json.dumps(inner, sort_keys=True, allow_nan=True)
    body["sha256"] = __import__("hashlib").sha256(body["body"].encode()).hexdigest()
    path.write_text(json.dumps(body))


DAMAGE = {"flip": _flip, "truncate": _truncate, "delete": os.unlink, "garbage": _garbage,
          "empty": lambda p: p.write_bytes(b"")}


@pytest.mark.parametrize("how", sorted(DAMAGE))
@pytest.mark.parametrize("victim", ["manifest", "array"])
def test_damaged_entry_is_rebuilt_with_a_warning(esco, victim, how):
    folder, home, first = esco
    entry = entry_of(home)
    files = sorted(entry.glob("g*.npy"), key=lambda p: p.stat().st_size)
    path = entry / "manifest.json" if victim == "manifest" else files[-1]
    DAMAGE[how](path)
    again = expect_warning(lambda: load_esco(folder, data_home=home), "cache corrupt")
    same(again, first)
    with pytest.warns(DataQualityWarning) as caught:  # the source's own defects, not the cache
        load_esco(folder, data_home=home)
    assert not [w for w in caught if "cache corrupt" in str(w.message)]


def test_entry_stored_under_another_key_is_rebuilt(esco):
    folder, home, first = esco
    _other_key(entry_of(home) / "manifest.json")
    same(expect_warning(lambda: load_esco(folder, data_home=home), "cache corrupt"), first)


def test_an_extra_file_in_an_entry_changes_nothing(esco):
    folder, home, first = esco
    (entry_of(home) / "notes.txt").write_text("hello")
    same(load_esco(folder, data_home=home), first)


def test_stale_temporary_folders_are_swept(esco, monkeypatch):
    folder, home, first = esco
    stale = home / "taxonomies" / ".esco-old.tmp"
    stale.mkdir()
    old = time.time() - 2 * _cache.STALE_SECONDS
    os.utime(stale, (old, old))
    shutil.rmtree(entry_of(home))  # the next load writes an entry, and sweeps first
    same(load_esco(folder, data_home=home), first)
    assert not stale.exists()


@pytest.mark.parametrize("index", ["{not json", "[]", '{"x": 1}', ""])
def test_damaged_hash_index_is_ignored(esco, index):
    folder, home, first = esco
    (home / "taxonomies" / "_source_hashes.json").write_text(index)
    same(load_esco(folder, data_home=home), first)


def test_index_entry_for_another_file_is_not_trusted(esco):
    # A remembered hash whose stat fields do not match the file now (another inode) is
    # recomputed, so a swapped file with the same size and mtime is read afresh.
    folder, home, first = esco
    occ = folder / "occupations_en.csv"
    text = occ.read_text(encoding="utf-8")
    label = first.occupations.loc[OCC["clerk"], "label_en"]
    swapped = folder / "swap.tmp"
    swapped.write_text(text.replace(label, label.upper(), 1), encoding="utf-8")
    st = occ.stat()
    os.utime(swapped, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(swapped, occ)  # as 'mv' or an unpacking tool would
    again = load_esco(folder, data_home=home)
    assert again.occupations.loc[OCC["clerk"], "label_en"] == label.upper()


def test_in_place_edit_with_size_and_mtime_restored_is_read(esco):
    folder, home, first = esco
    occ = folder / "occupations_en.csv"
    label = first.occupations.loc[OCC["clerk"], "label_en"]
    st = occ.stat()
    occ.write_text(occ.read_text(encoding="utf-8").replace(label, label.upper(), 1),
                   encoding="utf-8")
    os.utime(occ, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert load_esco(folder, data_home=home).occupations.loc[OCC["clerk"], "label_en"] \
        == label.upper()


def test_data_home_that_is_a_file_still_loads(tmp_path):
    folder = write_folder(tmp_path / "esco", classification_files(v12=False))
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    with pytest.warns(UserWarning):
        tax = load_esco(folder, data_home=home)
    assert len(tax.occupations) > 0


def test_cache_toggle_gives_the_same_taxonomy(esco):
    folder, home, first = esco
    same(load_esco(folder, cache=False), first)


# ---------------------------------------------------------------------- the import registry
@pytest.mark.parametrize("registry", [
    "{not json", "[]", '"esco"', '{"esco": "somewhere"}', '{"esco": {}}',
    '{"esco": {"path": 42}}', '{"esco": {"path": "/x", "labels": "nl"}}',
])
def test_damaged_registry_means_not_imported(tmp_path, monkeypatch, capsys, registry):
    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path))
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "imported.json").write_text(registry)
    expect_cli_error(capsys, ["search", "boekhouder", "--data", "esco"], "nothing imported")
    code, out, err = run_cli(capsys, "data", "info")
    assert code == 0, err


def test_registry_naming_a_vanished_download(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path))
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "imported.json").write_text(
        json.dumps({"esco": {"path": str(tmp_path / "gone"), "imported": "2025"}}))
    expect_cli_error(capsys, ["search", "boekhouder", "--data", "esco"], "gone", "import")


def test_registry_for_labour_without_the_country_named(tmp_path, monkeypatch, capsys):
    folder = write_folder(tmp_path / "esco", classification_files(v12=False))
    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path / "home"))
    code, _, err = run_cli(capsys, "data", "import", "esco", folder)
    assert code == 0, err
    (tmp_path / "labour" / "us").mkdir(parents=True)
    (tmp_path / "home" / "cli" / "imported.json").write_text(json.dumps(
        dict(json.loads((tmp_path / "home" / "cli" / "imported.json").read_text()),
             labour={"path": str(tmp_path / "labour"), "imported": "x"})))
    expect_cli_error(capsys, ["advise", "--data", "esco", "--occupation", OCC["clerk"]],
                     "NL labour market", "cbs_85517NED")


@pytest.mark.parametrize("args", [["data", "info"], ["search", "boekhouder", "--data", "esco"]])
def test_data_home_that_is_a_file_is_one_line(tmp_path, monkeypatch, capsys, args):
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("TRANSITIONS_DATA", str(home))
    expect_cli_error(capsys, args, "home-file", "not a usable folder")


def test_data_home_that_is_a_file_leaves_the_sample_usable(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("TRANSITIONS_DATA", str(home))
    code, out, err = run_cli(capsys, "search", "boekhouder", "--format", "csv")
    assert code == 0 and "occ-bookkeeper" in out, err
