"""Caseloads at scale: ids read as text, one row per worker, real parallel tasks, streaming
to CSV/Parquet, and the same result on a Dask cluster as in one process."""

import os
import time
from io import StringIO

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import transitions as tr
from transitions.advice import _parallel
from transitions.advice.batch import BATCH_COLUMNS, iter_recommendations, profiles_from_frame
from transitions.caseload import read_caseload, write_table
from transitions.cli import cli
from transitions.exceptions import DataFormatError, InvalidParameterError

try:
    import pyarrow  # noqa: F401
except ImportError:  # pragma: no cover - CI installs it
    pyarrow = None
try:
    import distributed
except ImportError:  # pragma: no cover - CI installs the 'distributed' extra
    distributed = None

needs_dask = pytest.mark.skipif(distributed is None, reason="needs the 'distributed' extra")
needs_arrow = pytest.mark.skipif(pyarrow is None, reason="needs pyarrow")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def adv():
    return tr.Advisor.from_sample()


def caseload(adv, n, seed=0):
    """A random caseload: text ids, some own wages, some extra skills, some unknown wages."""
    rng = np.random.default_rng(seed)
    ids = adv.taxonomy.occupation_index
    skills = adv.taxonomy.skill_index
    return pd.DataFrame({
        "profile_id": [f"{i:07d}" for i in range(n)],
        "occupation": ids[rng.integers(0, len(ids), n)],
        "wage": np.where(rng.random(n) < 0.3, np.round(rng.uniform(10, 40, n), 2), np.nan),
        "skills": ["|".join(skills[rng.integers(0, len(skills), rng.integers(0, 3))])
                   for _ in range(n)],
    })


# ---------------------------------------------------------------------- ids and codes as text
def test_caseload_ids_and_codes_stay_as_written(tmp_path, adv):
    path = tmp_path / "caseload.csv"
    path.write_text("profile_id,occupation,wage\n007,2411,\n1e3,boekhouder,25\n"
                    "000123,occ-cashier,\n", encoding="utf-8")
    frame = read_caseload(path)
    assert frame["profile_id"].tolist() == ["007", "1e3", "000123"]
    assert frame["occupation"].tolist()[0] == "2411"
    out = adv.recommend_batch(path, n=2)
    assert out["profile_id"].drop_duplicates().tolist() == ["007", "1e3", "000123"]
    # An ISCO code is valid input: 2411 names the sample's controller.
    single = adv.recommend(tr.WorkerProfile("occ-controller"), n=2)
    got = out[out["profile_id"] == "007"]
    assert got["occupation_id"].tolist() == single["occupation_id"].tolist()
    # The CLI writes the ids back verbatim.
    res = run("advise", "--batch", path, "--top", "2", "--format", "csv")
    assert res.exit_code == 0, res.stderr
    back = pd.read_csv(StringIO(res.stdout), dtype=str)
    assert back["profile_id"].drop_duplicates().tolist() == ["007", "1e3", "000123"]


def test_text_cells_are_parsed_with_the_row_named(adv):
    frame = pd.DataFrame({"occupation": ["boekhouder", "2411"], "wage": ["21.5", ""],
                          "exclude_at_risk": ["nee", "true"], "max_steps": ["2", "3"],
                          "digcomp": ["3.4=5|1=2", ""], "digcomp_3": ["", "4"]})
    a, b = profiles_from_frame(frame)
    assert (a.wage, a.exclude_at_risk, a.max_steps) == (21.5, False, 2)
    assert a.digcomp == {"3.4": 5, "1": 2} and b.digcomp == {"3": 4}
    assert b.occupation == "2411" and b.wage is None
    with pytest.raises(InvalidParameterError, match=r"row 1 .*'wage'.*'x'"):
        profiles_from_frame(frame.assign(wage=["20", "x"]))
    with pytest.raises(InvalidParameterError, match="exclude_at_risk"):
        profiles_from_frame(frame.assign(exclude_at_risk=["maybe", "true"]))
    # A code read as a number by a type-inferring reader is still a code.
    assert profiles_from_frame(pd.DataFrame({"occupation": [2411]}))[0].occupation == "2411"


def test_duplicate_ids_are_refused_with_their_lines(tmp_path, adv):
    path = tmp_path / "dup.csv"
    path.write_text("profile_id,occupation\n7,boekhouder\n8,occ-cashier\n007,boekhouder\n"
                    "7,occ-cashier\n", encoding="utf-8")
    with pytest.raises(InvalidParameterError, match=r"'7' at .*line 2 and .*line 5"):
        adv.recommend_batch(path)
    res = run("advise", "--batch", path)
    assert res.exit_code == 2
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "line 2 and" in lines[0] and "line 5" in lines[0]
    # Across chunks too (the check spans the whole caseload), and for lists and index labels.
    with pytest.raises(InvalidParameterError, match="'7' at .*line 2 and .*line 5"):
        list(iter_recommendations(adv, path, chunk_size=2))
    with pytest.raises(InvalidParameterError, match="item 0 and item 1"):
        adv.recommend_batch([tr.WorkerProfile("boekhouder", profile_id="a"),
                             tr.WorkerProfile("occ-cashier", profile_id="a")])
    with pytest.raises(InvalidParameterError, match="unique"):
        adv.count_options(pd.DataFrame({"occupation": ["boekhouder"] * 2}, index=[3, 3]))


def test_every_worker_has_a_row_marked_with_why(adv):
    frame = pd.DataFrame({"profile_id": ["a", "b", "c", "d"],
                          "occupation": ["boekhouder", "occ-cybersecurity-specialist", "astronaut",
                                         "boekhouder"],
                          "wage": [None, None, None, 1000.0]})
    with pytest.warns(UserWarning, match="1 profile"):
        out = adv.recommend_batch(frame, n=3, errors="skip")
    assert tuple(out.columns) == BATCH_COLUMNS
    first = out.drop_duplicates("profile_id").set_index("profile_id")["status"]
    assert first.to_dict() == {"a": "option", "b": "no_option", "c": "skipped",
                               "d": "no_option"}
    counts = adv.count_options(frame.iloc[[0, 1, 3]])
    assert counts.set_index("profile_id")["n_options"].to_dict()["b"] == 0
    assert out.loc[out["profile_id"] == "c", "explanation"].str.contains("astronaut").all()
    empty = out[out["status"] != "option"]
    assert empty["rank"].isna().all() and empty["occupation_id"].isna().all()


def test_no_wage_is_told_apart():
    tax = tr.load_sample()
    table = tr.LabourMarket.from_sample().for_taxonomy(tax)
    table.loc["occ-cashier", "wage_median"] = np.nan
    adv = tr.Advisor(tax, market_table=table)
    out = adv.recommend_batch(["occ-cashier", tr.WorkerProfile("occ-cashier", wage=12.0)])
    assert out.drop_duplicates("profile_id")["status"].tolist()[0] == "no_wage"
    assert "no_wage" not in set(out.loc[out["profile_id"] == 1, "status"])


# ---------------------------------------------------------------------- tasks and jobs
def test_tasks_spread_over_processes():
    pids = list(_parallel.run_tasks(_pid_after, None, range(6), n_jobs=2))
    assert len(set(pids)) == 2  # two worker processes did the work, not the caller
    assert os.getpid() not in pids
    assert _parallel.chunk_rows(3000, 2, 1000) == 750  # a small caseload still gives 4 tasks
    assert _parallel.chunk_rows(None, 2, 1000) == 10_000
    with pytest.raises(InvalidParameterError, match="n_jobs"):
        list(_parallel.run_tasks(_pid_after, None, range(2), n_jobs=0))


def _pid_after(shared, task):
    time.sleep(0.3)
    return os.getpid()


def test_jobs_split_the_caseload_and_change_nothing(tmp_path, adv):
    frame = caseload(adv, 3000)
    chunks = list(iter_recommendations(adv, frame, n=3, n_jobs=2))
    assert len(chunks) == 4
    one = adv.recommend_batch(frame, n=3)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), one)
    path = tmp_path / "caseload.csv"
    frame.to_csv(path, index=False)
    outs = []
    for jobs in ("1", "2"):
        res = run("advise", "--batch", path, "--jobs", jobs, "--top", "3", "--format", "csv")
        assert res.exit_code == 0, res.stderr
        outs.append(res.stdout)
    assert outs[0] == outs[1]
    pd.testing.assert_frame_equal(adv.coverage(n_jobs=2), adv.coverage())


def test_load_100k_profiles_one_row_each_and_deterministic(adv):
    """Issue 13's load test: 100,000 profiles in, 100,000 workers out, the same for any n_jobs."""
    frame = caseload(adv, 100_000, seed=1).drop(columns="skills")
    one = adv.recommend_batch(frame, n=3)
    assert one["profile_id"].nunique() == 100_000
    assert one["profile_id"].drop_duplicates().tolist() == frame["profile_id"].tolist()
    two = adv.recommend_batch(frame, n=3, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert set(one["status"]) <= {"option", "no_option", "no_wage"}


# ---------------------------------------------------------------------- streaming files
def test_stream_to_csv_in_chunks(tmp_path, adv):
    frame = caseload(adv, 2500)
    src = tmp_path / "in.csv"
    frame.to_csv(src, index=False)
    dst = tmp_path / "out.csv"
    summary = adv.recommend_batch(src, n=3, output=dst, chunk_size=600)
    whole = adv.recommend_batch(frame, n=3)
    back = pd.read_csv(dst, dtype={"profile_id": str})
    assert summary["workers"] == 2500 and summary["rows"] == len(whole) == len(back)
    assert summary["option"] + summary["no_option"] + summary["no_wage"] == 2500
    assert back["profile_id"].tolist() == whole["profile_id"].tolist()
    assert np.allclose(back["score"].to_numpy(float), whole["score"].to_numpy(float),
                       equal_nan=True)
    assert back["missing_skills"].fillna("").tolist() == [
        "|".join(v) if isinstance(v, tuple) else "" for v in whole["missing_skills"]]


def test_written_csv_neutralises_formula_cells(tmp_path, adv):
    src = tmp_path / "in.csv"
    src.write_text("profile_id,occupation\n=HYPERLINK(1),boekhouder\n-12,occ-cashier\n",
                   encoding="utf-8")
    adv.recommend_batch(src, n=1, output=tmp_path / "out.csv")
    res = CliRunner().invoke(cli, ["advise", "--batch", str(src), "--top", "1", "--format", "csv",
                                   "-o", str(tmp_path / "cli.csv")])
    assert res.exit_code == 0, res.stderr
    for out in ("out.csv", "cli.csv"):
        ids = pd.read_csv(tmp_path / out, dtype=str)["profile_id"].drop_duplicates().tolist()
        assert ids == ["'=HYPERLINK(1)", "-12"]  # a plain number stays as it is


def test_a_failing_stream_leaves_no_file(tmp_path, adv):
    src = tmp_path / "in.csv"
    src.write_text("profile_id,occupation\n1,boekhouder\n2,astronaut\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    with pytest.raises(tr.UnknownOccupationError, match="line 3"):
        adv.recommend_batch(src, output=dst)
    assert not dst.exists() and not list(tmp_path.glob(".out.csv*"))


def test_caseload_file_errors_name_the_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DataFormatError, match="empty.csv"):
        read_caseload(empty)
    header = tmp_path / "header.csv"
    header.write_text("profile_id,occupation\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="no profiles"):
        read_caseload(header)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,job\n1,x\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="no 'occupation' column"):
        read_caseload(wrong, chunksize=10)


@needs_arrow
def test_parquet_in_and_out(tmp_path, adv):
    frame = caseload(adv, 1200)
    frame["profile_id"] = range(1200)  # typed ints in Parquet come back as the same text
    src = tmp_path / "in.parquet"
    frame.to_parquet(src)
    assert read_caseload(src)["profile_id"].tolist()[:3] == ["0", "1", "2"]
    dst = tmp_path / "out.parquet"
    adv.recommend_batch(src, n=2, output=dst, chunk_size=500)
    back = pd.read_parquet(dst)
    whole = adv.recommend_batch(frame.astype({"profile_id": str}), n=2)
    assert back["profile_id"].tolist() == whole["profile_id"].tolist()
    assert back["status"].tolist() == whole["status"].tolist()
    # An all-empty first chunk cannot fix a column's type for the rest.
    parts = [whole.iloc[:0], whole]
    n = write_table(iter(parts), tmp_path / "typed.parquet")
    assert n == len(whole)


# ---------------------------------------------------------------------- Dask
@needs_dask
@pytest.mark.parametrize("processes", [False, True])
def test_dask_cluster_gives_the_single_process_result(adv, processes):
    import joblib
    from distributed import Client, LocalCluster

    frame = caseload(adv, 4000, seed=2)
    one = adv.recommend_batch(frame, n=3, explain=True, lang="nl")
    counts = adv.count_options(frame)
    cov = adv.coverage(by="occupation"), adv.coverage()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=processes,
                      dashboard_address=None) as cluster, Client(cluster):
        with joblib.parallel_config(backend="dask"):
            two = adv.recommend_batch(frame, n=3, explain=True, lang="nl", n_jobs=-1)
            counts_two = adv.count_options(frame, n_jobs=-1)
            cov_two = adv.coverage(by="occupation", n_jobs=-1), adv.coverage(n_jobs=-1)
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(counts, counts_two)
    for a, b in zip(cov, cov_two):
        pd.testing.assert_frame_equal(a, b)


@needs_dask
def test_dask_gets_the_shared_arrays_once_per_worker():
    import joblib
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        with joblib.parallel_config(backend="dask"):
            seen = list(_parallel.run_tasks(_where, np.ones(10_000), range(16), n_jobs=-1))
    # The tasks of a worker share one copy: it was sent to the worker, not with each task.
    # (Under heavy load the scheduler may have a worker fetch it once more: at most twice.)
    per_worker = {}
    for pid, obj in seen:
        per_worker.setdefault(pid, set()).add(obj)
    assert len(seen) == 16
    assert sum(len(objs) for objs in per_worker.values()) <= 2 * len(per_worker) < 16, per_worker


def _where(shared, task):
    time.sleep(0.1)
    return os.getpid(), id(shared)


@needs_dask
def test_cli_scheduler_runs_on_a_cluster(tmp_path, adv):
    from distributed import LocalCluster

    frame = caseload(adv, 1500, seed=3)
    path = tmp_path / "caseload.csv"
    frame.to_csv(path, index=False)
    local = run("advise", "--batch", path, "--top", "3", "--format", "csv")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:
        res = run("advise", "--batch", path, "--top", "3", "--format", "csv",
                  "--scheduler", cluster.scheduler_address)
        assert res.exit_code == 0, res.stderr
    assert res.stdout == local.stdout
    bad = run("advise", "--batch", path, "--scheduler", "tcp://127.0.0.1:9")
    assert bad.exit_code == 2 and "scheduler" in bad.stderr
