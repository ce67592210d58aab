"""The command line on the real data: import once, then work with --data (TRANSITIONS_TEST_DATA)."""

import json

import pytest
from click.testing import CliRunner

from transitions.cli import cli

pytestmark = pytest.mark.realdata


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return result


@pytest.fixture(scope="module")
def data_home(tmp_path_factory):
    return tmp_path_factory.mktemp("cli_data_home")


@pytest.fixture
def imported(real_data, data_home, monkeypatch):
    """ESCO (with Dutch labels), O*NET and the labour-market folder imported into one data home."""
    monkeypatch.setenv("TRANSITIONS_DATA", str(data_home))
    registry = data_home / "cli" / "imported.json"
    if not registry.is_file():
        run("data", "import", "esco", real_data / "esco" / "v1.1.1",
            "--labels", f"nl={real_data / 'esco' / 'nl'}")
        run("data", "import", "onet", real_data / "onet" / "29.3")
        run("data", "import", "labour", real_data)
    return json.loads(registry.read_text(encoding="utf-8"))


def test_data_info_reports_the_imports(imported):
    assert set(imported) == {"esco", "onet", "labour"}
    assert imported["esco"]["summary"]["occupations"] in (3006, 3007)
    assert imported["esco"]["summary"]["occupations with a Dutch label"] == \
        imported["esco"]["summary"]["occupations"]
    assert imported["onet"]["summary"]["occupations"] == 1016
    assert "NL tables" in imported["labour"]["summary"]
    info = json.loads(run("data", "info", "--data", "esco", "--format", "json").stdout)
    assert info["counts"]["skills"] == 13896
    assert set(info["imported"]) == {"esco", "onet", "labour"}


def test_search_on_esco_and_onet(imported):
    esco = json.loads(run("search", "boekhouder", "--data", "esco", "--format", "json").stdout)
    assert esco and esco[0]["occupation_id"].startswith("http://data.europa.eu/esco/occupation/")
    assert "boekhoud" in esco[0]["label_nl"].lower()
    onet = json.loads(run("search", "bookkeeping clerk", "--data", "onet", "--lang", "en",
                          "--format", "json").stdout)
    assert onet[0]["occupation_id"].startswith("43-3031")


def test_coach_page_on_esco(imported, tmp_path):
    page = tmp_path / "advies.html"
    run("advise", "--data", "esco", "--occupation", "boekhouder", "--format", "html", "-o", page)
    html = page.read_text(encoding="utf-8")
    assert "This service uses the ESCO classification of the European Commission." in html
    assert "CBS" in html  # Dutch wages come from CBS, with their level
    assert "Huidig beroep" in html and "sample-notice" not in html


# ---------------------------------------------------------------------- issue 12 on real data
def test_readme_example_skill_names_and_a_dutch_page(imported, tmp_path):
    """The README's real-data example: a cashier (typed as a woman's title) with two skills
    given by name; the page is Dutch except for the names the data has only in English,
    which are marked and counted."""
    import re

    from test_dutch_output import english_words, visible_text

    page = tmp_path / "advies.html"
    run("advise", "--data", "esco", "--occupation", "kassière", "--skill", "SQL",
        "--skill", "software voor spreadsheets gebruiken", "--format", "html", "-o", page)
    html = page.read_text(encoding="utf-8")
    assert '<html lang="nl">' in html and "kassamedewerker" in html
    brings = html[html.index('id="brings"'):html.index('id="gaps"')]
    assert "software voor spreadsheets gebruiken" in brings and "SQL" in brings
    marked = re.findall(r'<span lang="en" class="untranslated">', html)
    note = re.search(r'id="untranslated-note">(\d+) van de (\d+) ', html)
    assert note and int(note.group(1)) > 0 and len(marked) >= int(note.group(1))
    assert english_words(visible_text(html), esco_labels(imported)) == []


def test_skills_search_and_ambiguous_names_on_esco(imported):
    hits = json.loads(run("skills", "search", "SQL", "--data", "esco", "--format",
                          "json").stdout)
    assert hits[0]["label_en"] == "SQL" and hits[0]["match"] == "label"
    result = CliRunner().invoke(cli, ["advise", "--data", "esco", "--occupation", "kassière",
                                      "--skill", "spreadsheets"])
    assert result.exit_code == 2
    assert "closest" in result.stderr and "use spreadsheets software" in result.stderr


@pytest.mark.parametrize("args", [
    ("search", "boekhoudster"), ("skills", "search", "spreadsheets"),
    ("advise", "--occupation", "kassière", "--skill", "SQL"), ("at-risk", "--limit", "5"),
    ("skills-to-learn", "--occupation", "kassamedewerker", "-n", "5"),
    ("coverage", "--no-sensitivity"), ("graph", "neighbors", "boekhouder", "-k", "3"),
    ("data", "info"),
], ids=" ".join)
def test_every_command_speaks_dutch_on_esco(imported, args):
    from test_dutch_output import english_words

    result = run(*args, "--data", "esco")
    assert english_words(result.stdout + "\n" + result.stderr, esco_labels(imported)) == []


_LABELS = {}


def esco_labels(imported):
    """The data labels of the imported ESCO and Dutch labour market (computed once)."""
    if not _LABELS:
        from test_dutch_output import data_labels

        import transitions as tr

        esco = tr.load_esco(imported["esco"]["path"], labels=imported["esco"]["labels"])
        market = tr.LabourMarket.from_files(imported["labour"]["path"]).for_taxonomy(esco)
        _LABELS["esco"] = data_labels(esco, market)
    return _LABELS["esco"]
