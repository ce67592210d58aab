"""Attack corpus, importing the real downloads (TRANSITIONS_TEST_DATA) damaged file by file.

Each file of the ESCO download, the O*NET release and the labour-market folder is emptied,
cut to its header, cut in the middle of a row (at 50% and 99% of its bytes), cut at a line
break (50%, where the release gives something to check it against), deleted, or given a
row with a field too many. Every case must end in

- an error naming the damaged file (or, for a missing file, the file that is needed), or
- a result equal to the undamaged one (the file is not needed), or
- a changed result with a counted DataQualityWarning that names the damaged file.

A changed result without such a warning is a silent wrong result; any other exception is a
crash. Known limit: a cut exactly at a line break of a file the release gives no count for
(ESCO's green, language, transversal and DigComp collections, skillSkillRelations) yields a
well-formed shorter list and is not in this corpus as a "must detect" case.
"""

import os
import shutil
import warnings
import zipfile
from pathlib import Path

import pytest

from transitions import DataQualityWarning, LabourMarket, TransitionsError, load_esco, load_onet
from transitions.labour.files import FILES

pytestmark = pytest.mark.realdata

ESCO_FILES = {  # file -> extra variants beyond empty, header, half, 99, delete
    "occupations_en.csv": ("halfline", "extra"),
    "skills_en.csv": ("halfline", "extra"),
    "occupationSkillRelations.csv": ("halfline", "extra"),
    "broaderRelationsSkillPillar.csv": ("halfline", "cycle"),
    "broaderRelationsOccPillar.csv": ("halfline", "cycle"),
    "ISCOGroups_en.csv": ("halfline",),
    "digitalSkillsCollection_en.csv": ("halfline",),
    "skillGroups_en.csv": (),
    "skillsHierarchy_en.csv": (),
    "digCompSkillsCollection_en.csv": (),
    "transversalSkillsCollection_en.csv": (),
    "languageSkillsCollection_en.csv": (),
    "greenSkillsCollection_en.csv": (),
    "skillSkillRelations.csv": (),
    "conceptSchemes_en.csv": (),
    "researchSkillsCollection_en.csv": (),
    "researchOccupationsCollection_en.csv": (),
}
ONET_FILES = {
    "Occupation Data.txt": ("halfline", "extra"),
    "Skills.txt": ("halfline", "extra"),
    "Knowledge.txt": ("halfline",),
    "Technology Skills.txt": ("halfline",),
    "Job Zones.txt": ("halfline",),
    "Education, Training, and Experience.txt": ("halfline",),
    "Alternate Titles.txt": ("halfline",),
    "Content Model Reference.txt": (),
    "Scales Reference.txt": (),
    "Education, Training, and Experience Categories.txt": (),
    "Read Me.txt": (),
    "Related Occupations.txt": (),
}
LABOUR_FILES = {rel: ("halfline", "extra") for key, rel in FILES.items() if key != "crosswalks"}
LABOUR_FILES.update({f"crosswalks/{name}": ("halfline",) for name in (
    "isco08_brc2014_cbs.csv", "isco08_soc2010_bls.csv", "soc2010_soc2018_bls.csv")})
BASIC = ("empty", "header", "half", "99", "delete")
LABOUR_FOLDERS = ("nl", "us", "risk", "crosswalks", "esco/crosswalk")


def _cases(files):
    return [(name, how) for name, extra in files.items() for how in BASIC + tuple(extra)]


def damage(path, how):
    """Apply ``how`` to the file at ``path`` (a fresh copy, never the shared data)."""
    if how == "delete":
        path.unlink()
        return
    data = path.read_bytes()
    if how == "empty":
        data = b""
    elif how == "header":
        data = data[: data.index(b"\n") + 1]
    elif how == "half":
        data = data[: len(data) // 2]
    elif how == "99":
        data = data[: int(len(data) * 0.99)]
    elif how == "halfline":
        data = data[: data.rindex(b"\n", 0, len(data) // 2) + 1]
    elif how == "extra":  # a row in the middle gains a field, as a stray separator gives
        sep = b"\t" if b"\t" in data[: data.index(b"\n")] else b","
        end = data.index(b"\n", len(data) // 2)
        while data.count(b'"', 0, end) % 2:  # a line break inside a quoted field: go on
            end = data.index(b"\n", end + 1)
        end -= data[end - 1: end] == b"\r"
        data = data[:end] + sep + b"stray" + data[end:]
    elif how == "cycle":  # the first edge once more, reversed: a 2-cycle
        lines = data.split(b"\r\n")
        header, first = (line.decode().split(",") for line in lines[:2])
        child, parent = header.index("conceptUri"), header.index("broaderUri")
        first[child], first[parent] = first[parent], first[child]
        data = data + ",".join(first).encode() + b"\r\n"
    path.write_bytes(data)


def variant(pristine, tmp_path, rel, how, subfolders=None):
    """A copy of ``pristine`` (symlinks, the damaged file a real copy) with ``rel`` damaged."""
    folder = tmp_path / "variant"
    sources = [p for sub in subfolders for p in (pristine / sub).rglob("*")] \
        if subfolders else pristine.rglob("*")
    for src in sources:
        if src.is_file():
            dst = folder / src.relative_to(pristine)
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.relative_to(pristine).as_posix() == rel:
                shutil.copyfile(src, dst)
            else:
                os.symlink(src, dst)
    damage(folder / rel, how)
    return folder


def outcome(load, summarise, baseline, rel):
    """'error', 'same' or 'warned' (see the module docs); fails on anything else."""
    name = Path(rel).name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = load()
        except TransitionsError as exc:
            assert name in str(exc) or name.split("_")[0] in str(exc), str(exc)
            return "error"
    summary = summarise(result)
    if summary == baseline:
        return "same"
    named = [str(w.message) for w in caught
             if issubclass(w.category, DataQualityWarning) and name in str(w.message)]
    changed = {k: (baseline.get(k), v) for k, v in summary.items() if baseline.get(k) != v}
    assert named, f"silent change after damaging {rel}: {changed}"
    return "warned"


# ---------------------------------------------------------------------- ESCO
@pytest.fixture(scope="module")
def esco_pristine(real_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("esco_pristine")
    for z in (real_data / "esco" / "v1.1.1").glob("*.zip"):
        with zipfile.ZipFile(z) as zf:
            zf.extractall(folder)
    return folder


def esco_summary(tax):
    s = tax.skills
    return {
        "occupations": len(tax.occupations), "skills": len(s), "relations": len(tax.relations),
        "essential": int((tax.relations["relation"] == "essential").sum()),
        "skill_hierarchy": len(tax.skill_hierarchy),
        "occupation_hierarchy": len(tax.occupation_hierarchy),
        "skill_groups": int(tax.skill_groups["label_en"].notna().sum()),
        "occupation_groups": len(tax.occupation_groups),
        "skill_relations": 0 if tax.skill_relations is None else len(tax.skill_relations),
        "isco": int(tax.occupations["isco_code"].notna().sum()),
        "labels": int(tax.occupations["label_en"].notna().sum() + s["label_en"].notna().sum()),
        **{flag: int(s[flag].sum()) for flag in ("digital", "transversal", "language", "green")},
        "digcomp": int(s["digcomp"].notna().sum()),
    }


@pytest.fixture(scope="module")
def esco_baseline(esco_pristine):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return esco_summary(load_esco(esco_pristine, cache=False))


@pytest.mark.parametrize("rel,how", _cases(ESCO_FILES))
def test_esco(esco_pristine, esco_baseline, tmp_path, rel, how):
    folder = variant(esco_pristine, tmp_path, rel, how)
    result = outcome(lambda: load_esco(folder, cache=False), esco_summary, esco_baseline, rel)
    if rel in ("occupations_en.csv", "skills_en.csv", "occupationSkillRelations.csv") \
            or how == "cycle":
        assert result == "error"  # never a smaller taxonomy from a damaged core file


# ---------------------------------------------------------------------- O*NET
def onet_summary(tax):
    o, r = tax.occupations, tax.relations
    return {
        "occupations": len(o), "skills": len(tax.skills), "relations": len(r),
        "rated": int(o["rated"].sum()), "job_zone": int(o["job_zone"].notna().sum()),
        "education": int(o["education_level"].notna().sum()),
        "education_en": int(o["education_en"].notna().sum()),
        "altlabels": int(o["altlabels_en"].notna().sum()),
        "technology": int((r["domain"] == "Technology Skills").sum()),
        "hierarchy": len(tax.skill_hierarchy), "version": tax.metadata.get("version"),
        "weights": round(float(r["weight"].sum()), 6),
    }


@pytest.fixture(scope="module")
def onet_baseline(real_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return onet_summary(load_onet(real_data / "onet" / "29.3", cache=False))


@pytest.mark.parametrize("rel,how", _cases(ONET_FILES))
def test_onet(real_data, onet_baseline, tmp_path, rel, how):
    folder = variant(real_data / "onet" / "29.3", tmp_path, rel, how)
    result = outcome(lambda: load_onet(folder, cache=False), onet_summary, onet_baseline, rel)
    if rel in ("Occupation Data.txt", "Skills.txt", "Knowledge.txt"):
        assert result == "error"


# ---------------------------------------------------------------------- labour market
def _numbers(table):
    numbers = table.select_dtypes("number")
    return (len(table), int(numbers.notna().sum().sum()),
            round(float(numbers.fillna(0).to_numpy().sum()), 3))


def labour_summary(market):
    out = {measure: _numbers(table) for measure, table in sorted(market.tables.items())}
    for name, table in (market.reference or {}).items():
        out[f"reference {name}"] = _numbers(table)
    for name in ("isco_brc", "isco_soc2010", "soc2010_soc2018", "occupation_onet"):
        table = getattr(market.crosswalks, name, None)
        out[f"crosswalk {name}"] = None if table is None else table.shape
    return out


@pytest.fixture(scope="module")
def labour_baseline(real_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {c: labour_summary(LabourMarket.from_files(real_data, country=c))
                for c in ("NL", "US")}


@pytest.mark.parametrize("rel,how", _cases(LABOUR_FILES))
def test_labour(real_data, labour_baseline, tmp_path, rel, how):
    folder = variant(real_data, tmp_path, rel, how, subfolders=LABOUR_FOLDERS)
    # The Dutch market also reads OEWS and the ESCO-O*NET crosswalk (occupation estimates).
    countries = ("NL",) if rel.startswith(("nl/", "esco/")) else \
        ("US",) if rel == FILES["bls_projections"] else ("NL", "US")
    for country in countries:
        outcome(lambda: LabourMarket.from_files(folder, country=country), labour_summary,
                labour_baseline[country], rel)


def test_implausible_cbs_wages_fall_back_with_a_named_warning(real_data, tmp_path):
    rel = "nl/cbs_85517NED_uurloon_beroep_2022.csv"
    folder = variant(real_data, tmp_path, rel, "none", subfolders=LABOUR_FOLDERS)
    path = folder / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        cells = line.split(",")
        if cells[0] in ("0434", "0511"):  # two groups with a published median
            cells[4] = "0" if cells[0] == "0434" else "1e12"
            lines[i] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.warns(DataQualityWarning, match="implausible value.*wage_median") as caught:
        market = LabourMarket.from_files(folder, country="NL")
    assert any(rel.split("/")[1] in str(w.message) for w in caught)
    wages = market.table("wage").set_index("code")["wage_median"]
    assert wages[["0434", "0511"]].isna().all()
    assert wages[["043", "05"]].notna().all()  # the levels they fall back to


# ---------------------------------------------------------------------- zips and wrong folders
@pytest.mark.parametrize("zip_name", ["ESCO dataset - v1.1.1 - classification - en - csv.zip",
                                      "ESCO dataset - v1.1.1 - classification -  - csv.zip"])
@pytest.mark.parametrize("how", ["half", "99", "flip"])
def test_damaged_esco_zip_is_an_error_naming_it(real_data, tmp_path, zip_name, how):
    folder = tmp_path / "esco"
    shutil.copytree(real_data / "esco" / "v1.1.1", folder)
    path = folder / zip_name
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    if how == "flip":  # a byte inside the compressed data: the member's CRC no longer holds
        for i in range(len(data) // 3, len(data) // 3 + 64):
            data[i] ^= 0xFF
    else:
        data = data[: len(data) // 2 if how == "half" else int(len(data) * 0.99)]
    path.write_bytes(bytes(data))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        with pytest.raises(TransitionsError, match="zip|download"):
            load_esco(folder, cache=False)


@pytest.mark.parametrize("source,make", [
    ("esco", lambda p: p / "f.txt"), ("esco", lambda p: p / "empty"),
    ("onet", lambda p: p / "f.txt"), ("onet", lambda p: p / "empty"),
    ("labour", lambda p: p / "f.txt"), ("labour", lambda p: p / "empty"),
    ("esco", lambda p: Path(os.environ["TRANSITIONS_TEST_DATA"]) / "onet" / "29.3"),
    ("onet", lambda p: Path(os.environ["TRANSITIONS_TEST_DATA"]) / "esco" / "v1.1.1"),
])
def test_cli_import_of_the_wrong_thing(tmp_path, monkeypatch, capsys, source, make):
    from _attack import expect_cli_error

    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path / "home"))
    (tmp_path / "f.txt").write_text("hello\n")
    (tmp_path / "empty").mkdir()
    path = make(tmp_path)
    expect_cli_error(capsys, ["data", "import", source, path], str(path))
    assert not (tmp_path / "home" / "cli" / "imported.json").exists()


# ---------------------------------------------------------------------- Dutch labels
def esco_nl_summary(tax):
    return {t: int(getattr(tax, t)["label_nl"].notna().sum())
            for t in ("occupations", "skills", "occupation_groups", "skill_groups")}


@pytest.fixture(scope="module")
def esco_nl_baseline(esco_pristine, real_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return esco_nl_summary(load_esco(esco_pristine, labels={"nl": real_data / "esco" / "nl"},
                                         cache=False))


@pytest.mark.parametrize("rel,how", _cases({"occupations_nl.csv": ("halfline",),
                                            "skills_nl_partial.csv": ("halfline",),
                                            "ISCOGroups_nl.csv": ()}))
def test_esco_dutch_labels(esco_pristine, esco_nl_baseline, real_data, tmp_path, rel, how):
    labels = variant(real_data / "esco" / "nl", tmp_path, rel, how)
    outcome(lambda: load_esco(esco_pristine, labels={"nl": labels}, cache=False),
            esco_nl_summary, esco_nl_baseline, rel)
