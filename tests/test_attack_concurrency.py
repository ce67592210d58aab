"""Attack corpus, concurrency and the cache: several processes, one data home.

- imports of different sources at the same time all stay in the registry;
- a source edited in place with its size and modification time restored (as
  ``cp -p``, ``rsync -t``, ``unzip`` and ``tar`` do) is seen by the next process.
"""

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from transitions.datasets import _cache

from esco_fixtures import OCC, classification_files, write_folder

ROOT = Path(__file__).resolve().parents[1]


def _env(data_home):
    env = dict(os.environ, TRANSITIONS_DATA=str(data_home), PYTHONPATH=str(ROOT))
    env.pop("TRANSITIONS_DATASET", None)
    return env


_UPDATER = textwrap.dedent("""
    import sys, time
    from transitions.cli._data import update_registry
    source, start = sys.argv[1], float(sys.argv[2])
    while time.time() < start:   # all four start together
        time.sleep(0.001)
    for i in range(30):
        update_registry(source, {"path": f"/data/{source}", "imported": str(i)})
""")


def test_four_processes_recording_different_sources_keep_all_four(tmp_path):
    start = time.time() + 3
    procs = [subprocess.Popen([sys.executable, "-c", _UPDATER, source, str(start)],
                              env=_env(tmp_path), stderr=subprocess.PIPE, text=True)
             for source in ("esco", "onet", "labour", "extra")]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read()
    registry = json.loads((tmp_path / "cli" / "imported.json").read_text())
    assert set(registry) == {"esco", "onet", "labour", "extra"}
    assert all(entry["imported"] == "29" for entry in registry.values())


@pytest.mark.realdata
def test_concurrent_data_imports_of_three_sources_leave_a_complete_registry(real_data, tmp_path):
    # The attack: 'data import onet' and 'data import labour' at once kept one of the two.
    args = {
        "esco": [str(real_data / "esco" / "v1.1.1"), "--labels", f"nl={real_data / 'esco' / 'nl'}"],
        "onet": [str(real_data / "onet" / "29.3")],
        "labour": [str(real_data)],
    }
    procs = {s: subprocess.Popen([sys.executable, "-m", "transitions", "data", "import", s, *a],
                                 env=_env(tmp_path), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
             for s, a in args.items()}
    for source, p in procs.items():
        _, err = p.communicate(timeout=900)
        assert p.returncode == 0, (source, err)
    registry = json.loads((tmp_path / "cli" / "imported.json").read_text())
    assert set(registry) == {"esco", "onet", "labour"}
    assert registry["esco"]["summary"]["occupations"] == 3007


_LOAD_LABEL = textwrap.dedent("""
    import sys, warnings
    warnings.simplefilter("ignore")
    import transitions as tr
    print(tr.load_esco(sys.argv[1]).occupations.loc[sys.argv[2], "label_en"])
""")


@pytest.mark.skipif(os.name != "posix", reason="the stat shortcut exists on POSIX only")
def test_in_place_edit_keeping_size_and_mtime_is_seen_by_the_next_process(tmp_path):
    folder = write_folder(tmp_path / "esco", classification_files(v12=False))
    occupations = folder / "occupations_en.csv"
    home = tmp_path / "home"

    def label():
        done = subprocess.run([sys.executable, "-c", _LOAD_LABEL, str(folder), OCC["clerk"]],
                              env=_env(home), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    first = label()
    time.sleep(_cache.SETTLE_SECONDS + 0.1)  # a hash is remembered once the file has settled
    label()  # from the cache; the source's hash is now remembered with its stat fields
    index = json.loads((home / "taxonomies" / "_source_hashes.json").read_text())
    assert str(occupations.resolve()) in index  # so the shortcut is what is being tested
    before = occupations.stat()
    text = occupations.read_text(encoding="utf-8")
    new = "".join(reversed(first)) if first != first[::-1] else first.upper()
    assert len(new) == len(first) and new != first
    occupations.write_text(text.replace(first, new, 1), encoding="utf-8")
    os.utime(occupations, ns=(before.st_atime_ns, before.st_mtime_ns))  # as cp -p does
    after = occupations.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert label() == new
