"""Attack corpus, CSV output: a cell that a spreadsheet would run as a formula (starting with
=, +, -, @, tab or carriage return) is written with a leading apostrophe, in every CSV the
library writes (search, at-risk --all, graph export, batch output); plain numbers such as
-3.5 and the JSON output stay as they are.
"""

import csv
import io
import json

import pytest

from transitions._files import FORMULA_PREFIXES, neutralise_csv

from _attack import run_cli

LABELS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(1+1)",
          "\tTAB-start", "\rCR-start"]


def _extension(tmp_path):
    folder = tmp_path / "ext"
    folder.mkdir()
    rows = "".join(f"occ-evil-{i},\"{label.replace(chr(34), chr(34) * 2)}\",kwaad {i},4132\n"
                   for i, label in enumerate(LABELS))
    (folder / "occupations.csv").write_text("id,label_en,label_nl,isco_code\n" + rows,
                                            encoding="utf-8")
    skills = "".join(f"occ-evil-{i},sk-operate-computer,essential\n" for i in range(len(LABELS)))
    (folder / "relations.csv").write_text("occupation_id,skill_id,relation\n" + skills,
                                          encoding="utf-8")
    return folder


def assert_neutral(text):
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert cells
    for cell in cells:
        if cell.startswith(FORMULA_PREFIXES):
            float(cell)  # only a plain number may start with + or -


def test_search_csv(tmp_path, capsys):
    code, out, err = run_cli(capsys, "search", "HYPERLINK", "--lang", "en", "--extend",
                             _extension(tmp_path), "--format", "csv", "-n", "20")
    assert code == 0, err
    assert "'=HYPERLINK" in out
    assert_neutral(out)


def test_search_json_keeps_the_text(tmp_path, capsys):
    code, out, err = run_cli(capsys, "search", "HYPERLINK", "--lang", "en", "--extend",
                             _extension(tmp_path), "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["label_en"].startswith("=HYPERLINK")


def test_at_risk_all_csv(tmp_path, capsys):
    code, out, err = run_cli(capsys, "at-risk", "--all", "--lang", "en", "--extend",
                             _extension(tmp_path), "--format", "csv")
    assert code == 0, err
    assert "'@SUM(1+1)" in out
    assert_neutral(out)


@pytest.mark.parametrize("fmt", ["csv", "graphml"])
def test_graph_export(tmp_path, capsys, fmt):
    target = tmp_path / f"graph.{fmt}"
    code, _, err = run_cli(capsys, "graph", "export", "-o", target, "--lang", "en", "--extend",
                           _extension(tmp_path), "-k", "30")
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    if fmt == "csv":
        assert "'=HYPERLINK" in text
        assert_neutral(text)
    else:  # XML: the text is data there, escaped, not a formula
        assert "=HYPERLINK(&quot;" in text or '=HYPERLINK("' in text


def test_batch_output(tmp_path, capsys):
    caseload = tmp_path / "caseload.csv"
    caseload.write_text("profile_id,occupation\n=1+1,boekhouder\n@evil,boekhouder\n"
                        "-7,boekhouder\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "advise", "--batch", caseload, "--format", "csv")
    assert code == 0, err
    assert "'=1+1" in out and "'@evil" in out
    assert_neutral(out)


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+1 555", "'+1 555"), ("-", "'-"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("-3.5", "-3.5"), ("+2", "+2"), ("-1e-3", "-1e-3"), ("bakker", "bakker"), ("", ""),
    ("a=b", "a=b"),
])
def test_the_rule(value, expected):
    import pandas as pd

    out = neutralise_csv(pd.DataFrame({"c": [value], "n": [-1.5]}))
    assert out.loc[0, "c"] == expected and out.loc[0, "n"] == -1.5
