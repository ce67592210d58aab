"""The advice commands print what the public API returns, in every format, and fail in one line."""

import json
from io import StringIO

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

import transitions as tr
from transitions.cli import cli

EXTRA = ["sk-sql", "sk-data-visualisation"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def ok(*args):
    result = run(*args)
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return result


def one_line_error(*args):
    result = run(*args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def advisor():
    return tr.Advisor.from_sample()


@pytest.fixture(scope="module")
def worker():
    return tr.WorkerProfile("boekhouder", skills=EXTRA)


# ---------------------------------------------------------------------- advise
def test_advise_json_is_the_api_result(advisor, worker):
    out = json.loads(ok("advise", "--occupation", "boekhouder", "--skill", EXTRA[0],
                        "--skill", EXTRA[1], "--format", "json").stdout)
    expected = advisor.recommend(worker, n=10, lang="nl")
    assert [o["occupation_id"] for o in out["options"]] == list(expected["occupation_id"])
    assert [o["label"] for o in out["options"]] == list(expected["label"])
    assert out["worker"]["origin"] == "occ-bookkeeper"
    assert all(o["wage_ratio"] >= 1.0 for o in out["options"])  # salary-neutral by default
    assert all(o["wage_source"] and o["wage_level"] for o in out["options"])


def test_advise_table_and_csv_agree(advisor, worker):
    expected = advisor.recommend(worker, n=3, lang="nl")
    args = ["advise", "--occupation", "boekhouder", "--skill", EXTRA[0], "--skill", EXTRA[1],
            "--top", "3"]
    table = ok(*args).stdout
    assert table.startswith("Huidig beroep: boekhouder")
    for label in expected["label"]:
        assert label[:40] in table
    csv = pd.read_csv(StringIO(ok(*args, "--format", "csv").stdout))
    assert list(csv["occupation_id"]) == list(expected["occupation_id"])
    # Lists become '|'-joined cells in CSV, never Python reprs.
    assert not csv["missing_skills"].astype(str).str.contains(r"\(|'").any()


def test_advise_in_english(advisor):
    out = ok("advise", "--occupation", "bookkeeper", "--lang", "en").stdout
    assert out.startswith("Current occupation: bookkeeper")
    first = advisor.recommend(tr.WorkerProfile("bookkeeper"), n=1, lang="en")["label"].iloc[0]
    assert first[:40] in out


def test_profile_file_and_flags_combine(tmp_path, advisor):
    profile = tmp_path / "worker.yaml"
    profile.write_text("occupation: boekhouder\nskills: [sk-sql]\ndigcomp: {'3': 2}\n"
                       "name: J. de Vries\n", encoding="utf-8")
    out = json.loads(ok("advise", "--profile", profile, "--skill", "sk-data-visualisation",
                        "--format", "json").stdout)
    expected = advisor.recommend(tr.WorkerProfile("boekhouder", skills=EXTRA,
                                                  digcomp={"3": 2}), n=10, lang="nl")
    assert [o["occupation_id"] for o in out["options"]] == list(expected["occupation_id"])
    as_json = tmp_path / "worker.json"
    as_json.write_text(json.dumps({"occupation": "boekhouder", "skills": EXTRA}), encoding="utf-8")
    again = json.loads(ok("advise", "--profile", as_json, "--format", "json").stdout)
    assert [o["occupation_id"] for o in again["options"]] == \
        list(advisor.recommend(tr.WorkerProfile("boekhouder", skills=EXTRA), n=10,
                               lang="nl")["occupation_id"])


def test_advise_html_page(tmp_path):
    page = tmp_path / "advies.html"
    result = ok("advise", "--occupation", "boekhouder", "--skill", EXTRA[0], "--skill", EXTRA[1],
                "--name", "J. de Vries", "--format", "html", "-o", page)
    assert str(page) in result.stderr and result.stdout == ""
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    for heading in ("Huidig beroep", "Beste opties", "Wat u al meebrengt", "Wat u nog moet leren",
                    "Opstapberoepen", "Wat u het beste eerst leert"):
        assert heading in html
    assert "databases bevragen met SQL" in html and "J. de Vries" in html
    to_stdout = ok("advise", "--occupation", "boekhouder", "--format", "html").stdout
    assert to_stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args, expected", [
    (["--occupation", "boekhouder", "--skill", "sk-no-such-skill"], "sk-no-such-skill"),
    (["--occupation", "zzzqqq-geen-beroep"], "zzzqqq-geen-beroep"),
    (["--occupation", "boekhouder", "--wage", "-3"], "wage"),
    (["--occupation", "boekhouder", "--wage", "nan"], "wage"),
    (["--occupation", "boekhouder", "--digcomp", "3=9"], "9"),
    (["--occupation", "boekhouder", "--digcomp", "3=0"], "0"),
    (["--occupation", "boekhouder", "--digcomp", "7.7=3"], "7.7"),
    (["--occupation", "boekhouder", "--max-steps", "5"], "max_steps"),
    (["--occupation", "boekhouder", "--exclude", "occ-nope"], "occ-nope"),
    (["--occupation", "boekhouder", "--min-wage-ratio", "0"], "min_wage_ratio"),
])
def test_bad_profiles_give_one_line(args, expected):
    assert expected in one_line_error("advise", *args)


def test_unknown_occupation_suggests_titles():
    line = one_line_error("advise", "--occupation", "boekhoudr")
    assert "boekhouder" in line or "bookkeeper" in line


# ---------------------------------------------------------------------- batch
def test_batch_of_profiles(tmp_path, advisor):
    caseload = tmp_path / "caseload.csv"
    caseload.write_text("profile_id,occupation,skills\nw1,boekhouder,sk-sql|sk-data-visualisation\n"
                        "w2,occ-cashier,\nw3,data-invoerder,\n", encoding="utf-8")
    out = pd.read_csv(StringIO(ok("advise", "--batch", caseload, "--top", "3",
                                  "--format", "csv").stdout))
    assert set(out["profile_id"]) <= {"w1", "w2", "w3"}
    w1 = out[out["profile_id"] == "w1"]
    expected = advisor.recommend(tr.WorkerProfile("boekhouder", skills=EXTRA), n=3)
    assert list(w1["occupation_id"]) == list(expected["occupation_id"])
    bad = tmp_path / "bad.csv"
    bad.write_text("id,job\n1,boekhouder\n", encoding="utf-8")
    assert "occupation" in one_line_error("advise", "--batch", bad)


# ---------------------------------------------------------------------- other commands
def test_paths_and_skills_to_learn_are_the_api_results(advisor, worker):
    paths = json.loads(ok("paths", "--occupation", "boekhouder", "--skill", EXTRA[0], "--skill",
                          EXTRA[1], "--format", "json").stdout)
    expected = advisor.paths(worker, n=5, lang="nl")
    assert [p["occupation_id"] for p in paths] == list(expected["occupation_id"])
    learn = json.loads(ok("skills-to-learn", "--occupation", "boekhouder", "--skill", EXTRA[0],
                          "--skill", EXTRA[1], "--format", "json").stdout)
    expected = advisor.skills_to_learn(worker, n=10, lang="nl")
    assert [r["id"] for r in learn] == list(expected["id"])


def test_at_risk_lists_flagged_occupations_with_reasons(sample):
    rows = json.loads(ok("at-risk", "--format", "json").stdout)
    risk = tr.assess_risk(tr.LabourMarket.from_sample().for_taxonomy(sample))
    flagged = set(risk.index[risk["at_risk"]])
    assert {r["occupation_id"] for r in rows} == flagged
    assert all(r["reasons"] for r in rows)
    scores = [r["risk_score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    every = json.loads(ok("at-risk", "--all", "--format", "json").stdout)
    assert len(every) == len(sample.occupations)
    table = ok("at-risk", "--lang", "en", "--limit", "3").stdout
    blocks = table.strip().split("\n\n")
    assert len(blocks) == 3 and "at risk from digitalisation" in blocks[0].splitlines()[0]
    assert "Routine work: RTI" in blocks[0]


def test_coverage_is_the_api_result(advisor):
    rows = json.loads(ok("coverage", "--no-sensitivity", "--format", "json").stdout)
    expected = advisor.coverage(sensitivity=False)
    assert [r["group"] for r in rows] == list(expected["group"])
    assert [r["share_with_option"] for r in rows] == pytest.approx(
        list(expected["share_with_option"]))
    grid = json.loads(ok("coverage", "--wage-ratio-grid", "0.9", "--gap-grid", "9",
                         "--carried-grid", "4", "--format", "json").stdout)
    assert {r["min_wage_ratio"] for r in grid} >= {0.9, 1.0}
    assert {r["max_gap_months"] for r in grid} == {9.0, 36.0}
    assert {r["min_carried"] for r in grid} == {3, 4}
    stricter = json.loads(ok("coverage", "--no-sensitivity", "--max-gap-months", "6",
                             "--format", "json").stdout)
    expected = advisor.coverage(sensitivity=False, max_gap_months=6)
    assert [r["mean_options"] for r in stricter] == pytest.approx(list(expected["mean_options"]))
    per_occupation = pd.read_csv(StringIO(ok("coverage", "--by", "occupation", "--format",
                                             "csv").stdout))
    assert len(per_occupation) == len(advisor.taxonomy.occupations)


def test_graph_neighbors(sample):
    nb = json.loads(ok("graph", "neighbors", "boekhouder", "-k", "3", "--format", "json").stdout)
    expected = tr.OccupationGraph.from_taxonomy(sample).neighbors("occ-bookkeeper", k=3)
    assert [r["occupation_id"] for r in nb] == list(expected["occupation_id"])
    assert "occ-bookkeeper" not in [r["occupation_id"] for r in nb]


def test_graph_export(tmp_path, sample):
    graphml = tmp_path / "graph.graphml"
    ok("graph", "export", "-o", graphml, "-k", "4")
    G = nx.read_graphml(graphml)
    assert G.number_of_nodes() == len(sample.occupations)
    assert G.nodes["occ-bookkeeper"]["label_nl"] == "boekhouder"
    assert G.number_of_edges() == 4 * G.number_of_nodes()
    edges = tmp_path / "edges.csv"
    ok("graph", "export", "-o", edges, "-k", "2")
    assert len(pd.read_csv(edges)) == 2 * G.number_of_nodes()


# ---------------------------------------------------------------------- good-option thresholds
def test_threshold_flags_reach_the_api(advisor):
    args = ["--occupation", "kassamedewerker", "--max-gap-months", "6", "--min-carried", "4",
            "--min-carried-share", "0.5", "--format", "json"]
    out = json.loads(ok("advise", *args).stdout)
    expected = advisor.recommend("kassamedewerker", n=10, lang="nl", max_gap_months=6,
                                 min_carried=4, min_carried_share=0.5)
    assert [o["occupation_id"] for o in out["options"]] == list(expected["occupation_id"])
    assert out["worker"]["max_gap_months"] == 6 and out["worker"]["min_carried"] == 4
    kansrijk = json.loads(ok("advise", "--occupation", "kassamedewerker", "--kansrijk",
                             "--format", "json").stdout)
    assert kansrijk["options"] and all(o["in_demand"] for o in kansrijk["options"])
    learn = json.loads(ok("skills-to-learn", *args).stdout)
    expected = advisor.skills_to_learn("kassamedewerker", lang="nl", max_gap_months=6,
                                       min_carried=4, min_carried_share=0.5)
    assert [r["id"] for r in learn] == list(expected["id"])


@pytest.mark.parametrize("command", ["advise", "paths", "skills-to-learn", "coverage"])
def test_help_shows_the_library_defaults(command):
    from transitions.advice.criteria import Criteria
    from transitions.cli._commands import CRITERIA_DEFAULTS

    defaults = Criteria()
    assert CRITERIA_DEFAULTS == {k: getattr(defaults, k) for k in CRITERIA_DEFAULTS}
    for lang, word in (("en", "default"), ("nl", "standaard")):
        result = CliRunner().invoke(cli, [command, "--help"], env={"TRANSITIONS_LANG": lang})
        assert result.exit_code == 0, result.stderr
        text = " ".join(result.stdout.split())
        assert "--max-gap-months" in text and f"[{word}: 36]" in text
        assert "--min-carried " in text and f"[{word}: 3]" in text
        assert f"[{word}: 0.3]" in text and "--kansrijk" in text


def test_paths_messages_never_mention_missing_options(monkeypatch):
    """No direct option and nothing to open one: the message must not speak of direct options."""
    msg = run("paths", "--occupation", "kassamedewerker", "--max-gap-months", "0",
              "--min-carried", "50", "--min-carried-share", "1")
    assert msg.exit_code == 0
    assert "directe opties" not in msg.output and "Geen route gevonden" in msg.output
