"""The command line: complete help, exit codes, one-line errors, output formats."""

import json
import subprocess
import sys

import click
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from transitions.cli import cli, main


def run(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), **kwargs)


def all_commands(group=cli, path=("transitions",)):
    yield path, group
    if isinstance(group, click.Group):
        for name, sub in sorted(group.commands.items()):
            yield from all_commands(sub, path + (name,))


COMMANDS = [p for p, _ in all_commands()]


# ---------------------------------------------------------------------- help
_HELP_WORDS = {"en": ("Usage:", "Examples:", "Exit codes"),
               "nl": ("Gebruik:", "Voorbeelden:", "Afsluitcodes")}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_help_is_complete(path, lang):
    usage, examples, _ = _HELP_WORDS[lang]
    cmd = dict(all_commands())[path]
    result = run(*path[1:], "--help", env={"TRANSITIONS_LANG": lang})
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{usage} {' '.join(path)}")
    assert cmd.help and len(cmd.help.split()) >= 8, "a command needs a real description"
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"{' '.join(path)} {param.opts} has no help text"
            assert param.opts[-1] in result.output
    if not isinstance(cmd, click.Group) and path[1:2] != ("data",) or path[-1] == "import":
        assert examples in result.output


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_top_level_help_lists_every_subcommand_in_full(lang):
    out = run("--help", env={"TRANSITIONS_LANG": lang}).output
    for name, cmd in cli.commands.items():
        assert name in out
        # The one-line summaries are written to fit, not cut off with "...".
        assert cmd.get_short_help_str(limit=200) in " ".join(out.split())
        assert not cmd.get_short_help_str(limit=200).endswith("...")
    assert _HELP_WORDS[lang][2] in out


def test_help_follows_the_language_option_then_the_environment():
    assert run("search", "--lang", "en", "--help").output.startswith("Usage:")
    assert run("search", "--lang=en", "--help").output.startswith("Usage:")
    assert run("search", "--help", env={"TRANSITIONS_LANG": "en"}).output.startswith("Usage:")
    assert run("search", "--help", env={"TRANSITIONS_LANG": ""}).output.startswith("Gebruik:")


def test_every_help_text_has_its_dutch_text():
    from transitions.cli._help import COMMANDS_NL, OPTIONS_NL, set_help_language

    set_help_language(cli, "en")        # the texts as written in the code
    for path, cmd in all_commands():
        assert " ".join(path[1:]) in COMMANDS_NL, f"{' '.join(path)}: no Dutch help"
        for param in cmd.params:
            if isinstance(param, click.Option) and param.help:
                assert param.help in OPTIONS_NL, f"{' '.join(path)} {param.opts}: no Dutch help"


def test_at_risk_help_gives_the_library_defaults():
    from transitions.models.risk import DEFAULT_RTI_THRESHOLD, DEFAULT_SHRINK_THRESHOLD

    out = " ".join(run("at-risk", "--help", env={"TRANSITIONS_LANG": "en"}).output.split())
    assert f"routine [default: {DEFAULT_RTI_THRESHOLD}]" in out
    assert f"shrinking [default: {DEFAULT_SHRINK_THRESHOLD}]" in out


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("transitions ")


# ---------------------------------------------------------------------- bad input -> 2, one line
def one_line_error(result):
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("args, expected", [
    (["advise"], "occupation"),
    (["advise", "--occupation"], "--occupation"),
    (["advise", "--occupation", "boekhouder", "--format", "pdf"], "pdf"),
    (["advise", "--occupation", "boekhouder", "--digcomp", "3"], "CODE=LEVEL"),
    (["advise", "--occupation", "boekhouder", "--profile", "no-such-file.yaml"], "no-such-file"),
    (["search"], "QUERY"),
    (["search", "boekhouder", "--lang", "fr"], "fr"),
    (["search", "boekhouder", "--limit", "0"], "0"),
    (["search", "boekhouder", "--data", "nope"], "nope"),
    (["frobnicate"], "frobnicate"),
    (["graph", "export", "-o", "graph.txt"], "graph.txt"),
    (["data", "import", "esco", "/no/such/folder"], "/no/such/folder"),
    (["data", "import", "onet", ".", "--labels", "nl"], "LANG=PATH"),
])
def test_bad_usage_gives_exit_2_and_one_line(args, expected):
    line = one_line_error(run(*args))
    assert expected in line


def test_data_not_imported_yet_is_bad_input():
    line = one_line_error(run("search", "boekhouder", "--data", "esco"))
    assert "data import esco" in line


def test_bad_profile_file_is_one_line(tmp_path):
    bad = tmp_path / "worker.yaml"
    bad.write_text("occupation: [unclosed\n", encoding="utf-8")
    assert "worker.yaml" in one_line_error(run("advise", "--profile", str(bad)))
    listy = tmp_path / "list.json"
    listy.write_text("[1, 2]", encoding="utf-8")
    assert "mapping" in one_line_error(run("advise", "--profile", str(listy)))


def test_unexpected_failure_gives_exit_1_without_traceback(monkeypatch):
    import transitions.cli._data as data

    def boom(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(data.Session, "taxonomy", property(boom))
    result = run("search", "boekhouder")
    assert result.exit_code == 1
    assert "disk on fire" in result.stderr and "--debug" in result.stderr
    assert "Traceback" not in result.stderr
    debug = run("--debug", "search", "boekhouder")
    assert debug.exit_code == 1 and isinstance(debug.exception, RuntimeError)


def test_entry_point_exit_codes_in_a_real_process(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "transitions", "search", "kassamedewerker"],
                        capture_output=True, text=True, cwd=tmp_path,
                        env={**_env(), "TRANSITIONS_DATA": str(tmp_path)})
    assert ok.returncode == 0, ok.stderr
    assert "occ-cashier" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "transitions", "search", "x", "--lang", "fr"],
                         capture_output=True, text=True, cwd=tmp_path, env=_env())
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert main(["search", "--limit", "x", "boekhouder"]) == 2


def _env():
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    return {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}


# ---------------------------------------------------------------------- search, formats, lang
def test_search_finds_a_dutch_title_first(sample):
    result = run("search", "boekhouder", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["occupation_id"] == "occ-bookkeeper"
    assert rows[0]["match"] == "label" and rows[0]["score"] == 100.0
    assert rows[0]["label_nl"] == sample.occupations.loc["occ-bookkeeper", "label_nl"]


def test_search_formats_agree():
    as_json = pd.DataFrame(json.loads(run("search", "clerk", "--format", "json").stdout))
    csv = run("search", "clerk", "--format", "csv").stdout
    from io import StringIO

    as_csv = pd.read_csv(StringIO(csv))
    assert list(as_csv["occupation_id"]) == list(as_json["occupation_id"])
    table = run("search", "clerk").output
    assert all(i in table for i in as_json["occupation_id"])


def test_search_headings_follow_the_language():
    nl = run("search", "boekhouder").output
    en = run("search", "bookkeeper", "--lang", "en").output
    assert "beroep" in nl.splitlines()[0]
    assert "occupation" in en.splitlines()[0] and "bookkeeper" in en


def test_search_without_a_match_says_so_and_succeeds():
    result = run("search", "zzzzqqqqxxxx")
    assert result.exit_code == 0
    assert "zzzzqqqqxxxx" in result.stderr and result.stdout == ""
    as_json = run("search", "zzzzqqqqxxxx", "--format", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("query", ["boekhoudster", "clerk", "kassière", "data-invoerder",
                                   "boekhoudr", "medewerker", "invoer", "zzzzqqqqxxxx"])
def test_search_table_is_the_table_of_the_dataframe_route(sample, query, lang):
    # The search table is printed from the title index's arrays (no pandas); it is the table
    # that ranked() -> localise() -> render() prints from the DataFrame.
    from transitions.cli._commands import _search_table
    from transitions.cli._output import render
    from transitions.cli._text import localise
    from transitions.lookup import ranked, ranked_columns, title_index

    index = title_index(sample)
    for limit in (1, 3, 10):
        frame = ranked(index, query, limit=limit)
        shown = frame[["occupation_id", f"label_{lang}", "matched_title", "match", "score"]]
        expected = render(localise(shown, lang), "table", lang=lang) if len(frame) else ""
        got = ranked_columns(index, query, limit=limit)
        assert (_search_table(got, lang) if len(got["occupation_id"]) else "") == expected


_HEADER = st.text(min_size=1, max_size=8).filter(lambda h: not h[0].isspace())


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_text_table_lays_out_cells_as_pandas_does(data):
    # Tables are laid out without pandas, exactly as DataFrame.to_string(index=False) does
    # (right-aligned columns, tabs and line breaks escaped).
    from transitions.cli._output import text_table

    header = data.draw(st.lists(_HEADER, min_size=1, max_size=4, unique=True))
    rows = data.draw(st.lists(st.lists(st.text(max_size=10), min_size=len(header),
                                       max_size=len(header)), min_size=1, max_size=4))
    expected = pd.DataFrame(rows, columns=header).to_string(index=False) + "\n"
    assert text_table(header, rows) == expected


def test_search_on_an_imported_taxonomy_does_not_import_pandas(tmp_path, monkeypatch):
    # A title search reads the stored title index with numpy: a fresh process never imports
    # pandas, whose import alone takes longer than the whole search (issue 12).
    from esco_fixtures import classification_files, write_folder

    folder = write_folder(tmp_path / "esco", classification_files(v12=False))
    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path / "home"))
    assert run("data", "import", "esco", str(folder)).exit_code == 0
    first = run("search", "data entry clerk", "--data", "esco")    # stores the title index
    assert first.exit_code == 0 and "occupation/c1" in first.stdout
    code = ("import sys\n"
            "from transitions.cli import main\n"
            "code = main(['search', 'data entry clerk', '--data', 'esco'])\n"
            "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
            "sys.exit(code)\n")
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout == first.stdout


def test_output_file_is_written(tmp_path):
    out = tmp_path / "hits.csv"
    result = run("search", "boekhouder", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert pd.read_csv(out)["occupation_id"].iloc[0] == "occ-bookkeeper"


# ---------------------------------------------------------------------- data
def test_data_info_shows_the_sample(sample):
    result = run("data", "info", "--format", "json")
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["dataset"] == "sample"
    assert info["counts"]["occupations"] == len(sample.occupations)
    assert info["imported"] == {}


def test_extend_adds_a_researchers_occupation(tmp_path):
    (tmp_path / "occupations.csv").write_text(
        "id,label_nl,label_en\nocc-prompt-engineer,prompt-ingenieur,prompt engineer\n",
        encoding="utf-8")
    (tmp_path / "relations.csv").write_text(
        "occupation_id,skill_id,relation\nocc-prompt-engineer,sk-python,essential\n",
        encoding="utf-8")
    result = run("search", "prompt-ingenieur", "--extend", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["occupation_id"] == "occ-prompt-engineer"
    without = json.loads(run("search", "prompt-ingenieur", "--format", "json").stdout)
    assert "occ-prompt-engineer" not in [row["occupation_id"] for row in without]


# ---------------------------------------------------------------------- data-quality warnings
def test_data_warnings_are_counted_listed_or_dropped(monkeypatch, sample):
    import transitions.cli._data as data
    from transitions.exceptions import warn_defect

    def noisy(self):
        warn_defect("3 row(s) with an odd value", ["row 2", "row 5"])
        return sample

    monkeypatch.setattr(data.Session, "taxonomy", property(noisy))
    quiet = run("search", "boekhouder", "--lang", "en")
    assert quiet.exit_code == 0 and quiet.stdout
    assert quiet.stderr.strip().splitlines() == [
        "transitions: note: 1 data-quality warning(s) about the sources, handled as documented; "
        "list them with 'transitions --show-warnings ...'"]
    dutch = run("search", "boekhouder")
    assert dutch.stderr.strip().splitlines() == [
        "transitions: let op: 1 waarschuwing(en) over de kwaliteit van de bronnen, afgehandeld "
        "zoals beschreven; toon ze met 'transitions --show-warnings ...'"]
    listed = run("--show-warnings", "search", "boekhouder")
    assert listed.stderr.strip() == \
        "transitions: warning: 3 row(s) with an odd value (e.g. row 2, row 5)"
    info = run("data", "info")
    assert "3 row(s) with an odd value" in info.stderr
    # Bad input ends in exactly one line, the error, even after warnings.
    bad = run("search", "   ")
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_a_failed_import_is_one_line_and_remembers_nothing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for source in ("esco", "onet", "labour"):
        line = one_line_error(run("data", "import", source, str(empty)))
        assert str(empty) in line
    info = json.loads(run("data", "info", "--format", "json").stdout)
    assert info["imported"] == {}
