"""Attack corpus, profile files and command-line flags: every bad input ends in one line
and exit code 2 (or InvalidParameterError / DataFormatError in Python), fast and short,
never a traceback, an unbounded computation or a silently changed profile.
"""

import json
import time

import pytest

from transitions import DataFormatError, InvalidParameterError, WorkerProfile

from _attack import expect_cli_error, expect_error, run_cli

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
) + "occupation: boekhouder\nskills: *i\n"


def profile_file(tmp_path, text, name="worker.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------- profile files
PROFILE_CASES = [
    ("laughs", LAUGHS, "worker.yaml", "aliases"),
    ("too big", "occupation: boekhouder\n# " + "x" * 1_100_000 + "\n", "worker.yaml", "bytes"),
    ("latin-1", "occupation: caf\xe9\n".encode("latin-1"), "worker.yaml", "YAML"),
    ("list", "- boekhouder\n", "worker.yaml", "mapping"),
    ("scalar", "boekhouder\n", "worker.yaml", "mapping"),
    ("empty", "", "worker.yaml", "mapping"),
    ("bad yaml", "occupation: [boekhouder\n", "worker.yaml", "YAML"),
    ("bad json", '{"occupation": "boekhouder"', "worker.json", "JSON"),
    ("json list", '["boekhouder"]', "worker.json", "mapping"),
    ("deep json", "[" * 100_000 + "]" * 100_000, "worker.json", "JSON"),
    ("python tag", "occupation: !!python/object/apply:os.system [echo hi]\n", "worker.yaml", "YAML"),
    ("dup yaml", "occupation: boekhouder\noccupation: kassamedewerker\n", "worker.yaml", "twice"),
    ("dup json", '{"occupation": "boekhouder", "occupation": "kassamedewerker"}', "worker.json",
     "twice"),
    ("unknown key", "occupation: boekhouder\nsalary: 20\n", "worker.yaml", "salary"),
    ("no occupation", "skills: [sk-sql]\n", "worker.yaml", "occupation"),
    ("long occupation", "occupation: " + "x" * 500_000 + "\n", "worker.yaml", "characters"),
    ("many skills", "occupation: boekhouder\nskills: [" + ", ".join(f"s{i}" for i in range(3000))
     + "]\n", "worker.yaml", "at most"),
    ("nested skill", "occupation: boekhouder\nskills: [[sk-sql]]\n", "worker.yaml", "skills[0]"),
    ("mapping skill", "occupation: boekhouder\nskills: [{a: 1}]\n", "worker.yaml", "skills[0]"),
    ("empty skill", "occupation: boekhouder\nskills: ['']\n", "worker.yaml", "empty"),
    ("long skill id", "occupation: boekhouder\nskills: [" + "s" * 600 + "]\n", "worker.yaml",
     "characters"),
    ("skills text", "occupation: boekhouder\nskills: 12\n", "worker.yaml", "skills"),
    ("wage text", "occupation: boekhouder\nwage: twenty\n", "worker.yaml", "wage"),
    ("wage zero", "occupation: boekhouder\nwage: 0\n", "worker.yaml", "wage"),
    ("wage negative", "occupation: boekhouder\nwage: -3\n", "worker.yaml", "wage"),
    ("wage nan", "occupation: boekhouder\nwage: .nan\n", "worker.yaml", "wage"),
    ("wage inf", "occupation: boekhouder\nwage: .inf\n", "worker.yaml", "wage"),
    ("wage bool", "occupation: boekhouder\nwage: true\n", "worker.yaml", "wage"),
    ("ratio zero", "occupation: boekhouder\nmin_wage_ratio: 0\n", "worker.yaml", "min_wage_ratio"),
    ("ratio inf", "occupation: boekhouder\nmin_wage_ratio: .inf\n", "worker.yaml",
     "min_wage_ratio"),
    ("ratio text", "occupation: boekhouder\nmin_wage_ratio: high\n", "worker.yaml",
     "min_wage_ratio"),
    ("steps zero", "occupation: boekhouder\nmax_steps: 0\n", "worker.yaml", "max_steps"),
    ("steps four", "occupation: boekhouder\nmax_steps: 4\n", "worker.yaml", "max_steps"),
    ("steps float", "occupation: boekhouder\nmax_steps: 2.5\n", "worker.yaml", "max_steps"),
    ("at risk text", "occupation: boekhouder\nexclude_at_risk: sometimes\n", "worker.yaml",
     "exclude_at_risk"),
    ("digcomp code", "occupation: boekhouder\ndigcomp: {'9.9': 3}\n", "worker.yaml", "9.9"),
    ("digcomp level", "occupation: boekhouder\ndigcomp: {'1.1': 9}\n", "worker.yaml", "1.1"),
    ("digcomp text", "occupation: boekhouder\ndigcomp: {'1.1': high}\n", "worker.yaml", "1.1"),
    ("digcomp list", "occupation: boekhouder\ndigcomp: [3, 4]\n", "worker.yaml", "digcomp"),
    ("long id", "occupation: boekhouder\nprofile_id: " + "p" * 600 + "\n", "worker.yaml",
     "profile_id"),
    ("both", "occupation: boekhouder\nskills: [sk-sql]\nlacking: [sk-sql]\n", "worker.yaml",
     "both"),
    ("unknown skill", "occupation: boekhouder\nskills: [sk-nothing]\n", "worker.yaml",
     "sk-nothing"),
    ("unknown occupation", "occupation: astronaut\n", "worker.yaml", "astronaut"),
    ("unknown exclude", "occupation: boekhouder\nexclude: [occ-nothing]\n", "worker.yaml",
     "occ-nothing"),
]


@pytest.mark.parametrize("text,name,fragment", [c[1:] for c in PROFILE_CASES],
                         ids=[c[0] for c in PROFILE_CASES])
def test_bad_profile_file_is_one_line_and_fast(tmp_path, capsys, text, name, fragment):
    path = profile_file(tmp_path, text, name)
    start = time.perf_counter()
    expect_cli_error(capsys, ["advise", "--profile", path], fragment)
    # Not a timing benchmark: a generous bound that only an unbounded expansion would break.
    assert time.perf_counter() - start < 60


@pytest.mark.parametrize("text,name,fragment",
                         [c[1:] for c in PROFILE_CASES if c[0] not in
                          ("unknown skill", "unknown occupation", "unknown exclude", "list",
                           "scalar", "empty", "json list")],
                         ids=[c[0] for c in PROFILE_CASES if c[0] not in
                              ("unknown skill", "unknown occupation", "unknown exclude", "list",
                               "scalar", "empty", "json list")])
def test_bad_profile_file_in_python(tmp_path, text, name, fragment):
    path = profile_file(tmp_path, text, name)
    read = WorkerProfile.from_json if name.endswith(".json") else WorkerProfile.from_yaml
    expect_error(lambda: read(path), fragment, kind=(DataFormatError, InvalidParameterError))


def test_valid_profile_files_give_the_same_profile(tmp_path):
    data = {"occupation": "boekhouder", "skills": ["sk-sql"], "digcomp": {"3": 2}, "wage": 21.5,
            "profile_id": "007"}
    y = profile_file(tmp_path, "occupation: boekhouder\nskills: [sk-sql]\ndigcomp: {'3': 2}\n"
                               "wage: 21.5\nprofile_id: '007'\n")
    j = profile_file(tmp_path, json.dumps(data), "worker.json")
    a, b = WorkerProfile.from_yaml(y), WorkerProfile.from_json(j)
    assert a == b == WorkerProfile.from_dict(data)
    assert a.profile_id == "007"  # text ids stay text


# ---------------------------------------------------------------------- command-line flags
FLAG_CASES = [
    (["advise", "--occupation", "boekhouder", "--wage", "nan"], "wage"),
    (["advise", "--occupation", "boekhouder", "--wage", "inf"], "wage"),
    (["advise", "--occupation", "boekhouder", "--wage", "-5"], "wage"),
    (["advise", "--occupation", "boekhouder", "--wage", "0"], "wage"),
    (["advise", "--occupation", "boekhouder", "--wage", "abc"], "--wage"),
    (["advise", "--occupation", "boekhouder", "--min-wage-ratio", "nan"], "min_wage_ratio"),
    (["advise", "--occupation", "boekhouder", "--min-wage-ratio", "0"], "min_wage_ratio"),
    (["advise", "--occupation", "boekhouder", "--min-wage-ratio", "-1"], "min_wage_ratio"),
    (["advise", "--occupation", "boekhouder", "--max-steps", "0"], "max_steps"),
    (["advise", "--occupation", "boekhouder", "--max-steps", "4"], "max_steps"),
    (["advise", "--occupation", "boekhouder", "--max-steps", "2.5"], "--max-steps"),
    (["advise", "--occupation", "boekhouder", "--top", "0"], "--top"),
    (["advise", "--occupation", "boekhouder", "--top", "-3"], "--top"),
    (["advise", "--occupation", "boekhouder", "--digcomp", "3=9"], "3"),
    (["advise", "--occupation", "boekhouder", "--digcomp", "3=0"], "3"),
    (["advise", "--occupation", "boekhouder", "--digcomp", "3=2.5"], "--digcomp"),
    (["advise", "--occupation", "boekhouder", "--digcomp", "9.9=2"], "9.9"),
    (["advise", "--occupation", "boekhouder", "--digcomp", "=2"], "--digcomp"),
    (["advise", "--occupation", "boekhouder", "--digcomp", "3="], "--digcomp"),
    (["advise", "--occupation", "boekhouder", "--digcomp", "3"], "--digcomp"),
    (["advise", "--occupation", "boekhouder", "--skill", ""], "empty"),
    (["advise", "--occupation", "boekhouder", "--skill", "sk-nothing"], "sk-nothing"),
    (["advise", "--occupation", "boekhouder", "--lacks", "sk-nothing"], "sk-nothing"),
    (["advise", "--occupation", "boekhouder", "--exclude", "occ-nothing"], "occ-nothing"),
    (["advise", "--occupation", "boekhouder", "--exclude", ""], "empty"),
    (["advise", "--occupation", "boekhouder", "--skill", "s" * 600], "characters"),
    (["advise", "--occupation", "x" * 100_000], "characters"),
    (["advise", "--occupation", "   "], "occupation"),
    (["advise", "--occupation", "astronaut"], "astronaut"),
    (["advise", "--occupation", "boekhouder", "--format", "xml"], "--format"),
    (["advise", "--occupation", "boekhouder", "--lang", "fr"], "--lang"),
    (["advise", "--occupation", "boekhouder", "--data", "wikipedia"], "--data"),
    (["advise", "--occupation", "boekhouder", "--data", "esco"], "esco"),
    (["advise", "--occupation", "boekhouder", "--extend", "/nonexistent/folder"], "--extend"),
    (["advise", "--occupation", "boekhouder", "--profile", "/nonexistent.yaml"], "--profile"),
    (["advise", "--batch", "/nonexistent.csv"], "--batch"),
    (["paths", "--occupation", "boekhouder", "--max-steps", "5"], "max_steps"),
    (["paths", "--occupation", "boekhouder", "--top", "0"], "--top"),
    (["skills-to-learn", "--occupation", "boekhouder", "--top", "0"], "--top"),
    (["skills-to-learn", "--occupation", "boekhouder", "--digcomp", "1.1=12"], "1.1"),
    (["search", ""], "query"),
    (["search", "   "], "query"),
    (["search", "x" * 100_000], "characters"),
    (["search", "boekhouder", "--limit", "0"], "--limit"),
    (["search", "boekhouder", "--limit", "many"], "--limit"),
    (["at-risk", "--rti-threshold", "nan"], "rti_threshold"),
    (["at-risk", "--rti-threshold", "inf"], "rti_threshold"),
    (["at-risk", "--rti-threshold", "abc"], "--rti-threshold"),
    (["at-risk", "--shrink-threshold", "nan"], "shrink_threshold"),
    (["at-risk", "--limit", "0"], "--limit"),
    (["coverage", "--gap-grid", "-1"], "-1"),
    (["coverage", "--gap-grid", "nan"], "nan"),
    (["coverage", "--carried-grid", "0"], "0"),
    (["coverage", "--by", "industry"], "--by"),
    (["graph", "neighbors", "boekhouder", "-k", "0"], "-k"),
    (["graph", "neighbors", "astronaut"], "astronaut"),
    (["graph", "neighbors", "x" * 300], "characters"),
    (["graph", "export", "-o", "g.csv", "--threshold", "nan"], "threshold"),
    (["graph", "export", "-o", "g.csv", "--threshold", "2"], "threshold"),
    (["graph", "export", "-o", "g.csv", "--threshold", "-0.5"], "threshold"),
    (["graph", "export", "-o", "g.csv", "--top-k", "0"], "--top-k"),
    (["graph", "export", "-o", "g.txt"], "format"),
    (["graph", "export"], "--output"),
    (["data", "import", "esco", "/nonexistent/esco"], "PATH"),
    (["data", "import", "wikipedia", "."], "wikipedia"),
    (["data", "import", "onet", ".", "--labels", "nl=."], "--labels"),
    (["data", "import", "esco", ".", "--labels", "nl"], "--labels"),
    (["data", "import", "esco", ".", "--labels", "nl=/nonexistent"], "--labels"),
    (["data", "info", "--data", "onet"], "onet"),
    (["no-such-command"], "no-such-command"),
]


@pytest.mark.parametrize("args,fragment", FLAG_CASES,
                         ids=[" ".join(a)[:60] for a, _ in FLAG_CASES])
def test_bad_flag_is_one_line_exit_2(tmp_path, monkeypatch, capsys, args, fragment):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path / "home"))  # nothing imported here
    expect_cli_error(capsys, args, fragment)


def test_flags_and_file_together_override_as_documented(tmp_path, capsys):
    path = profile_file(tmp_path, "occupation: kassamedewerker\nwage: 15\n")
    code, out, err = run_cli(capsys, "advise", "--profile", path, "--occupation", "boekhouder",
                             "--format", "json")
    assert code == 0, err
    assert json.loads(out)["worker"]["origin"] == "occ-bookkeeper"
