"""Attack corpus, caseload CSVs (``advise --batch``, ``read_caseload``): ids and codes stay text,
duplicates are refused with their lines, every worker has a row, and a damaged or malformed
file is one line naming it (the row, for a bad value), never shifted or dropped rows.
"""

import csv
import io

import pytest

from transitions import LabourMarket, load_sample
from transitions.advice import Advisor
from transitions.caseload import read_caseload

from _attack import expect_cli_error, expect_error, run_cli


def caseload(tmp_path, text, name="caseload.csv"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def batch_rows(capsys, path, *extra):
    code, out, err = run_cli(capsys, "advise", "--batch", path, "--format", "csv", *extra)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out))), err


BAD = [
    ("empty", b"", "caseload.csv"),
    ("blank", "\n\n", "caseload.csv"),
    ("header only", "profile_id,occupation\n", "no profiles"),
    ("no occupation column", "profile_id,job\n1,boekhouder\n", "occupation"),
    ("cut mid-row", "profile_id,occupation,wage\n1,boekhouder,20\n2,boekhouder", "cut"),
    ("open quote", 'profile_id,occupation\n1,boekhouder\n2,"kassamed', "caseload.csv"),
    ("every row a field too many", "profile_id,occupation\n1,boekhouder,x\n2,kok,y\n", "fields"),
    ("one row a field too many", "profile_id,occupation\n1,boekhouder\n2,kok,y\n", "line 3"),
    ("latin-1", "profile_id,occupation\n1,caf\xe9\n".encode("latin-1"), "caseload.csv"),
    ("duplicate ids", "profile_id,occupation\n7,boekhouder\n07,kok\n7,kassamedewerker\n",
     "line 2"),
    ("unknown occupation", "profile_id,occupation\n1,boekhouder\n2,astronaut\n", "line 3"),
    ("unknown column", "profile_id,occupation,salary\n1,boekhouder,20\n", "salary"),
    ("wage text", "profile_id,occupation,wage\n1,boekhouder,twenty\n", "line 2"),
    ("wage negative", "profile_id,occupation,wage\n1,boekhouder,-1\n", "line 2"),
    ("wage nan", "profile_id,occupation,wage\n1,boekhouder,nan\n", "line 2"),
    ("wage inf", "profile_id,occupation,wage\n1,boekhouder,inf\n", "line 2"),
    ("ratio zero", "profile_id,occupation,min_wage_ratio\n1,boekhouder,0\n", "line 2"),
    ("steps nine", "profile_id,occupation,max_steps\n1,boekhouder,9\n", "line 2"),
    ("steps text", "profile_id,occupation,max_steps\n1,boekhouder,two\n", "line 2"),
    ("unknown skill", "profile_id,occupation,skills\n1,boekhouder,sk-sql|sk-nothing\n", "line 2"),
    ("bad digcomp", "profile_id,occupation,digcomp\n1,boekhouder,9.9=3\n", "line 2"),
    ("long occupation", "profile_id,occupation\n1," + "x" * 300 + "\n", "line 2"),
    ("long id", "profile_id,occupation\n" + "p" * 600 + ",boekhouder\n", "profile_id"),
]


@pytest.mark.parametrize("text,fragment", [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_caseload_is_one_line(tmp_path, capsys, text, fragment):
    path = caseload(tmp_path, text)
    expect_cli_error(capsys, ["advise", "--batch", path, "--format", "csv"], fragment)
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("text", [c[1] for c in BAD[:9]], ids=[c[0] for c in BAD[:9]])
def test_bad_caseload_file_in_python(tmp_path, text):
    expect_error(lambda: read_caseload(caseload(tmp_path, text)), "caseload.csv")


def test_ids_and_codes_stay_as_written(tmp_path, capsys):
    path = caseload(tmp_path, "profile_id,occupation\n007,boekhouder\n1e3,4110\n000123,boekhouder\n")
    rows, _ = batch_rows(capsys, path)
    assert {r["profile_id"] for r in rows} == {"007", "1e3", "000123"}
    assert read_caseload(path)["occupation"].tolist() == ["boekhouder", "4110", "boekhouder"]


def test_every_worker_has_a_row_even_without_options(tmp_path, capsys):
    path = caseload(tmp_path, "profile_id,occupation\na,boekhouder\nb,occ-cybersecurity-specialist\n")
    rows, _ = batch_rows(capsys, path)
    by_worker = {}
    for r in rows:
        by_worker.setdefault(r["profile_id"], []).append(r["status"])
    assert set(by_worker) == {"a", "b"}
    assert all(s == "option" for s in by_worker["a"])
    assert by_worker["b"] == ["no_option"]  # told apart from a lost worker


def test_missing_final_line_break_is_a_warning_and_the_rows_are_kept(tmp_path, capsys):
    path = caseload(tmp_path, "profile_id,occupation\na,boekhouder\nb,boekhouder")
    rows, _ = batch_rows(capsys, path)
    assert {r["profile_id"] for r in rows} == {"a", "b"}
    code, _, err = run_cli(capsys, "--show-warnings", "advise", "--batch", path, "--format", "csv")
    assert code == 0 and "line break" in err


def test_crlf_byte_order_mark_and_blank_lines_read_as_plain(tmp_path, capsys):
    plain = caseload(tmp_path, "profile_id,occupation\na,boekhouder\nb,kok\n", "plain.csv")
    windows = caseload(tmp_path, "\ufeffprofile_id,occupation\r\na,boekhouder\r\n\r\nb,kok\r\n",
                       "windows.csv")
    assert batch_rows(capsys, plain)[0] == batch_rows(capsys, windows)[0]


@pytest.mark.parametrize("jobs", ["0", "x", "1.5"])
def test_bad_jobs(tmp_path, capsys, jobs):
    path = caseload(tmp_path, "profile_id,occupation\na,boekhouder\n")
    expect_cli_error(capsys, ["advise", "--batch", path, "-j", jobs], "j")


def test_jobs_change_nothing(tmp_path, capsys):
    text = "profile_id,occupation\n" + "".join(
        f"w{i},{occ}\n" for i, occ in enumerate(["boekhouder", "kok", "kassamedewerker",
                                                 "data-invoerder"] * 30))
    path = caseload(tmp_path, text)
    assert batch_rows(capsys, path, "-j", "1")[0] == batch_rows(capsys, path, "-j", "2")[0]


def test_api_n_jobs_zero_is_a_parameter_error(tmp_path):
    from transitions import InvalidParameterError

    advisor = Advisor(load_sample(), LabourMarket.from_sample())
    frame = read_caseload(caseload(tmp_path, "profile_id,occupation\na,boekhouder\n"))
    expect_error(lambda: advisor.recommend_batch(frame, n_jobs=0), "n_jobs",
                 kind=InvalidParameterError)


def test_damaged_parquet_caseload(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    path = caseload(tmp_path, b"PAR1 not really parquet", "caseload.parquet")
    expect_cli_error(capsys, ["advise", "--batch", path, "--format", "csv"], "caseload.parquet")
