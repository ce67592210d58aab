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
