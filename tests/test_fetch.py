"""``transitions data fetch`` end to end against a local HTTP server (never the internet).

The server plays the publishers: it serves, under their host names and paths, small files
authored in their layouts (an O*NET zip, the BLS workbooks, CBS's OData answers with paging,
Eurostat's SDMX-CSV). ``fetch`` reaches it through the mirror setting.
"""

import http.server
import io
import json
import threading
import urllib.parse
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import transitions as tr
from tests.labour_raw_fixtures import (
    write_cbs_jobs,
    write_cbs_wages,
    write_crosswalk_workbook,
    write_oews_zip,
    write_projections_xlsx,
    write_sdmx_lfs,
)
from tests.test_labour_raw import CROSSWALK, EP, GROUPS, LFS, OEWS, WAGES
from transitions.cli import cli
from transitions.datasets import fetchers as fetch_mod
from transitions._download import DownloadError
from transitions.datasets.onet_example import write_example_release


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(autouse=True)
def _own_data_home(tmp_path, monkeypatch):
    # Each test downloads into a data home of its own.
    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path / "home"))


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {}
    seen = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        parts = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(parts.query)
        key = parts.path + (f"#skip={query['$skip'][0]}" if "$skip" in query else "")
        self.seen.append((parts.path, parts.query))
        body = self.routes.get(key)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.routes, _Handler.seen = {}, []
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler
    httpd.shutdown()
    httpd.server_close()


def _route(handler, url, body):
    parts = urllib.parse.urlsplit(url)
    handler.routes["/" + parts.netloc + parts.path] = body


def _onet_zip(tmp):
    """The made-up O*NET release plus a bookkeeping clerk, zipped as O*NET publishes it."""
    folder = write_example_release(tmp / "db_29_3_text")
    occ = "43-3031.00\tBookkeeping, Accounting, and Auditing Clerks"
    extra = {
        "Occupation Data.txt": f"{occ}\tCompute, classify, and record numerical data.",
        "Skills.txt": "\n".join(
            f"{occ}\t2.A.1.a\tReading Comprehension\t{s}\t{n}\t{v}\t8\t0.2\t{v}\t{v}\tN\t{r}\t"
            f"08/2023\tAnalyst" for s, n, v, r in (("IM", "Importance", "3.10", ""),
                                                   ("LV", "Level", "3.00", "N"))),
        "Knowledge.txt": "\n".join(
            f"{occ}\t2.C.3.a\tComputers and Electronics\t{s}\t{n}\t{v}\t8\t0.2\t{v}\t{v}\tN\t"
            f"{r}\t08/2023\tAnalyst" for s, n, v, r in (("IM", "Importance", "3.20", ""),
                                                        ("LV", "Level", "3.10", "N"))),
        "Technology Skills.txt": f"{occ}\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tY",
        "Job Zones.txt": f"{occ}\t3\t08/2023\tAnalyst",
        "Alternate Titles.txt": f"{occ}\tBookkeeping Clerk\t\t08",
    }
    for name, line in extra.items():
        with open(folder / name, "a", encoding="utf-8") as f:
            f.write(line + "\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for p in sorted(folder.iterdir()):
            zf.write(p, f"db_29_3_text/{p.name}")
    return buf.getvalue()


# A whole national table covers every SOC major group: one made-up occupation in each other one.
_MAJORS = [g for g in range(11, 55, 2) if g not in (15, 43)]


def _publish_us(handler, tmp):
    entry = fetch_mod.sources()
    _route(handler, entry["onet"]["url"], _onet_zip(tmp))
    oews = pd.concat([OEWS] + [OEWS.iloc[[1]]] * len(_MAJORS), ignore_index=True)
    oews["OCC_CODE"] = (["00-0000", "43-3031", "43-9021", "15-1252"]
                        + [f"{g}-1011" for g in _MAJORS])
    oews["OCC_TITLE"] = (["All Occupations", "Bookkeeping, Accounting, and Auditing Clerks",
                          "Data Entry Keyers", "Software Developers"]
                         + [f"Made-up occupation {g}" for g in _MAJORS])
    oews["H_MEDIAN"] = ["23.8", "23.05", "19.5", "63.5"] + ["25"] * len(_MAJORS)
    oews["ANNUAL"] = None
    write_oews_zip(oews, tmp / "oesm24nat.zip")
    _route(handler, entry["bls"]["parts"]["oews"]["url"], (tmp / "oesm24nat.zip").read_bytes())
    ep = pd.concat([EP] + [EP.iloc[[0]]] * len(_MAJORS), ignore_index=True)
    ep["soc2018_code"] = ["43-3031", "15-1252", "43-9021"] + [f"{g}-1011" for g in _MAJORS]
    ep["soc2018_title"] = list(EP["soc2018_title"]) + [f"Made-up occupation {g}" for g in _MAJORS]
    write_projections_xlsx(ep, tmp / "occupation.xlsx")
    _route(handler, entry["bls"]["parts"]["projections"]["url"],
           (tmp / "occupation.xlsx").read_bytes())


def test_fetch_onet_and_bls_then_advise(server, tmp_path, monkeypatch):
    """The acceptance path: fetch onet, fetch bls, advise --data onet on a bookkeeping clerk."""
    mirror, handler = server
    _publish_us(handler, tmp_path)
    monkeypatch.setenv("TRANSITIONS_MIRROR", mirror)
    for source in ("onet", "bls"):
        res = run("data", "fetch", source)
        assert res.exit_code == 0, res.output
        assert "not imported" not in res.stderr, res.stderr
    home = tr.get_data_home()
    record = json.loads((home / "downloads.json").read_text())
    assert record["onet"]["version"] == "29.3" and len(record["onet"]["files"]) == 1
    assert set(record["bls"]["files"]) == {"labour/us/oesm24nat.zip", "labour/us/occupation.xlsx"}
    assert all(len(sha) == 64 for sha in record["bls"]["files"].values())
    assert (home / "onet/29.3/Occupation Data.txt").is_file()
    assert not list(home.rglob("*.part"))  # nothing half-written left behind
    res = run("advise", "--data", "onet", "--occupation", "bookkeeping clerk", "--format", "json",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["worker"]["origin"] == "43-3031.00"
    # The command's answer is the API's on the fetched files.
    tax = tr.load_onet(home / "onet/29.3")
    market = tr.LabourMarket.from_files(home / "labour", country="US")
    expected = tr.Advisor(tax, market).recommend(tr.WorkerProfile("43-3031.00"), n=10)
    assert [o["occupation_id"] for o in out["options"]] == list(expected["occupation_id"])
    wage = market.for_taxonomy(tax).loc["43-3031.00", "wage_median"]
    assert wage == pytest.approx(23.05)


def test_fetch_cbs_and_eurostat_follow_pages_and_read_raw(server, tmp_path, monkeypatch):
    mirror, handler = server
    entry = fetch_mod.sources()
    for part, writer in (("wages", lambda d: write_cbs_wages(WAGES, GROUPS, d)),
                         ("jobs", lambda d: write_cbs_jobs(GROUPS, d))):
        table = entry["cbs"]["parts"][part]["table"]
        folder = tmp_path / table
        writer(folder)
        root = f"{entry['cbs']['url']}/{table}"
        for f in folder.glob("*.json"):
            doc = json.loads(f.read_text())
            if f.stem == "TypedDataSet":  # two pages, as CBS pages long answers
                half = len(doc["value"]) // 2
                first = {"value": doc["value"][:half],
                         "odata.nextLink": f"{root}/TypedDataSet?$skip={half}"}
                _route(handler, f"{root}/TypedDataSet", json.dumps(first).encode())
                handler.routes[f"/{urllib.parse.urlsplit(root).netloc}"
                               f"{urllib.parse.urlsplit(root).path}/TypedDataSet#skip={half}"] = \
                    json.dumps({"value": doc["value"][half:]}).encode()
            else:
                _route(handler, f"{root}/{f.stem}", f.read_bytes())
    write_crosswalk_workbook(CROSSWALK, tmp_path / "cw.xlsx")
    _route(handler, entry["cbs_crosswalk"]["url"], (tmp_path / "cw.xlsx").read_bytes())
    write_sdmx_lfs(LFS, tmp_path / "lfs.csv")
    _route(handler, entry["eurostat"]["url"], (tmp_path / "lfs.csv").read_bytes())
    got = fetch_mod.fetch_cbs(mirror=mirror)
    fetch_mod.fetch_eurostat(mirror=mirror)
    home = Path(got["path"]).parent
    assert any("$skip" in q for _, q in handler.seen)  # the second page was asked for
    from transitions.labour import cbs, eurostat, raw

    wages = cbs.read_cbs_wages(raw.cbs_odata_wages(home / "labour/nl/odata/85517NED"))
    assert set(wages["code"]) == set(WAGES["brc"])
    lfs = eurostat.read_lfs_employment(raw.eurostat_sdmx_lfs(home / "labour/nl/lfsa_egai2d.sdmx.csv"))
    assert len(lfs) == len(LFS)
    assert (home / "labour/crosswalks/schakelschema-isco2008-brc2014.xls").is_file()
    assert set(fetch_mod.downloads()) >= {"cbs", "eurostat"}


def test_offline_is_one_clear_line_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSITIONS_MIRROR", "http://127.0.0.1:9")  # nothing listens there
    res = run("data", "fetch", "onet")
    assert res.exit_code == 2
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "offline" in lines[0] and "onetcenter.org" in lines[0]
    with pytest.raises(DownloadError, match="by hand from https://www.onetcenter.org"):
        fetch_mod.fetch_onet()
    home = tr.get_data_home()
    assert not (home / "onet").exists() and not list(home.rglob("*.part"))


def test_a_file_that_is_not_the_published_one_is_refused(server, tmp_path, monkeypatch):
    mirror, handler = server
    entry = fetch_mod.sources()
    _route(handler, entry["onet"]["url"], b"not the O*NET zip")
    pinned = {**entry, "onet": {**entry["onet"], "sha256": "0" * 64}}
    monkeypatch.setattr(fetch_mod, "sources", lambda: pinned)
    with pytest.raises(DownloadError, match="SHA-256"):
        fetch_mod.fetch_onet(mirror=mirror)
    monkeypatch.setattr(fetch_mod, "sources", lambda: entry)
    with pytest.raises(DownloadError, match="not a zip"):
        fetch_mod.fetch_onet(mirror=mirror)
    assert not (tr.get_data_home() / "onet").exists()


# ---------------------------------------------------------------------- data check esco
def _esco_folder(tmp, drop=()):
    folder = tmp / "esco"
    folder.mkdir()
    files = {
        "occupations_en.csv": "conceptType,conceptUri,preferredLabel,iscoGroup\n"
                              "Occupation,occ/1,bookkeeper,4311\n",
        "skills_en.csv": "conceptType,conceptUri,skillType,preferredLabel\n"
                         "KnowledgeSkillCompetence,sk/1,skill/competence,use spreadsheets\n",
        "occupationSkillRelations.csv": "occupationUri,relationType,skillType,skillUri\n"
                                        "occ/1,essential,skill/competence,sk/1\n",
        "broaderRelationsSkillPillar.csv": "conceptType,conceptUri,broaderType,broaderUri\n",
    }
    for name, text in files.items():
        if name not in drop:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_check_esco_says_what_is_missing(tmp_path):
    ok = run("data", "check", "esco", _esco_folder(tmp_path))
    assert ok.exit_code == 0, ok.output
    assert "complete" in ok.stdout and "digitalSkillsCollection_en.csv" in ok.stdout
    bad_root = tmp_path / "b"
    bad_root.mkdir()
    bad = run("data", "check", "esco", _esco_folder(bad_root, drop=("occupationSkillRelations.csv",)))
    assert bad.exit_code == 1
    assert "occupationSkillRelations" in bad.stderr and "incomplete" in bad.stderr


@pytest.mark.realdata
def test_check_esco_recognises_the_official_release(real_data):
    from transitions.datasets.check import check_esco

    report = check_esco(real_data / "esco" / "v1.1.1")
    assert report["complete"] and report["official"] == "v1.1.1"
    rows = {r["role"]: r["rows"] for r in report["files"]}
    assert rows["occupations"] == 3007 and rows["relations"] == 123855
    partial = check_esco(real_data / "esco" / "nl")
    assert not partial["complete"]  # labels only: no relations
