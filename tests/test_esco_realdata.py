"""load_esco on the official ESCO v1.1.1 download with the Dutch labels (TRANSITIONS_TEST_DATA)."""

import re
import warnings

import pandas as pd
import pytest

from transitions import DataFormatError, DataQualityWarning, load_esco

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("esco-home")


@pytest.fixture(scope="module")
def loaded(real_data, home):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tax = load_esco(
            real_data / "esco" / "v1.1.1", labels={"nl": real_data / "esco" / "nl"}, data_home=home
        )
    msgs = [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
    return tax, msgs


@pytest.fixture(scope="module")
def esco(loaded):
    return loaded[0]


def test_acceptance_counts(esco):
    assert esco.name == "esco-1.1.1"
    assert len(esco.occupations) == 3007
    assert len(esco.skills) == 13896
    assert len(esco.relations) == 123788
    counts = esco.relations["relation"].value_counts()
    assert counts["essential"] + counts["optional"] == 123788
    assert int(esco.skills["digital"].sum()) == 1201
    assert int(esco.skills["transversal"].sum()) == 96
    assert int(esco.skills["language"].sum()) == 346
    assert esco.occupations["label_nl"].notna().all()
    assert esco.occupations["label_en"].notna().all()
    assert esco.skills["label_en"].notna().all()


def test_codes_and_labels(esco):
    occ = esco.occupations
    assert occ["isco_code"].str.fullmatch(r"\d{4}").all()
    assert all(e.startswith(i) for e, i in zip(occ["esco_code"], occ["isco_code"]))
    analyst = occ.index[occ["label_en"] == "data analyst"]
    assert len(analyst) == 1
    assert occ.loc[analyst[0], "isco_code"] == "2511"
    # Dutch skills: ~17 % of all, falling back to English per item.
    share = esco.skills["label_nl"].notna().mean()
    assert 0.15 < share < 0.18
    cov = esco.metadata["label_coverage"]["nl"]
    assert cov["occupations"] == 1.0 and cov["skills"] == pytest.approx(share, abs=1e-4)
    assert set(esco.skills["skill_type"].dropna()) == {"knowledge", "skill/competence"}
    assert set(esco.skills["reuse_level"].dropna()) == {
        "transversal",
        "cross-sector",
        "sector-specific",
        "occupation-specific",
    }


def test_digcomp_codes_match_the_reference_table(esco, real_data):
    truth = pd.read_csv(real_data / "digcomp" / "esco_digcomp_skills_to_competence.csv")
    expected = truth.set_index("esco_conceptUri")["digcomp_code"].str.replace(
        "area ", "", regex=False
    )
    got = esco.skills["digcomp"]
    assert len(expected) == 25
    assert got.reindex(expected.index).tolist() == expected.tolist()
    # The collection's 26th skill (netiquette, newer than the reference table) gets 2.5;
    # no skill outside the DigComp collection has a code.
    coded = got.dropna()
    assert len(coded) == 26
    extra = coded.drop(expected.index)
    assert extra.tolist() == ["2.5"]
    assert "netiquette" in esco.skills.loc[extra.index[0], "label_en"]


def test_digital_skills_get_a_digcomp_area_through_the_hierarchy(esco):
    from transitions.digcomp import skill_areas

    areas = skill_areas(esco)
    by_label = dict(zip(esco.skills["label_en"], areas))
    assert by_label["use spreadsheets software"] == "1"
    assert by_label["Python (computer programming)"] == "3"  # under "digital content creation"
    assert by_label["use CAD software"] == "3"
    assert by_label["ICT safety"] == "4"                     # its own DigComp code
    assert by_label["operate cash register"] is None
    digital = esco.skills["digital"].astype(bool)
    assert areas[digital].notna().sum() >= 350              # 374 of 1,201 in v1.1.1
    assert set(areas.dropna()) == {"1", "2", "3", "4", "5"}


def test_hierarchies(esco):
    occ_edges = esco.occupation_hierarchy
    groups = esco.occupation_groups
    assert len(groups) == 619 and groups["label_nl"].notna().all()
    assert groups["code"].str.fullmatch(r"\d{1,4}").all()
    # Every occupation hangs under its own ISCO unit group or under another occupation.
    children = occ_edges[occ_edges["child"].isin(esco.occupations.index)]
    assert set(children["child"]) == set(esco.occupations.index)
    isco = children[children["parent"].isin(groups.index)]
    assert len(isco) > 1500
    assert set(children["parent"]) <= set(groups.index) | set(esco.occupations.index)
    codes = groups.loc[isco["parent"], "code"].to_numpy()
    assert (codes == esco.occupations.loc[isco["child"], "isco_code"].to_numpy()).all()
    nodes = set(esco.skills.index) | set(esco.skill_groups.index)
    assert (
        set(esco.skill_hierarchy["child"]) <= nodes and set(esco.skill_hierarchy["parent"]) <= nodes
    )
    assert len(esco.skill_hierarchy) == 20656
    assert esco.skill_groups["label_en"].notna().all() and len(esco.skill_groups) == 647
    assert len(esco.skill_relations) == 5899


def _count(msgs, pattern):
    hits = [m for m in msgs if re.search(pattern, m)]
    assert len(hits) == 1, (pattern, msgs)
    return hits[0]


def test_known_defects_are_counted_warnings(loaded):
    _, msgs = loaded
    m = _count(msgs, r"occupationSkillRelations\.csv: 67 relation row\(s\) name 1 occupation")
    assert "a9e54177-a185-404d-b6e6-15663d31137e" in m
    assert "specialist dentist" in _count(msgs, r"1 occupation\(s\) with optional skills only")
    _count(msgs, r"skills_en\.csv: 6 skill\(s\) with an empty skillType")
    _count(msgs, r"skills_en\.csv: 5 skill\(s\) with an empty reuseLevel")
    _count(msgs, r"occupationSkillRelations\.csv: 5 relation row\(s\) with an empty skillType")
    _count(msgs, r"skillsHierarchy_en\.csv: 189 row\(s\) shorter than the header")
    _count(msgs, r"skillsHierarchy_en\.csv: 7 skill group\(s\) missing from skillGroups")
    _count(msgs, r"skills_en\.csv: 78 preferredLabel and 44 altLabels cell\(s\)")
    _count(msgs, r"skills_nl_partial\.csv: 132 nl label row\(s\)")
    assert not any("ISCOGroups_nl" in m for m in msgs)  # this copy has no repeated rows


def test_warm_load_equals_cold_load(esco, real_data, home):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = load_esco(
            real_data / "esco" / "v1.1.1", labels={"nl": real_data / "esco" / "nl"}, data_home=home
        )
    for t in (
        "occupations",
        "skills",
        "relations",
        "skill_hierarchy",
        "occupation_hierarchy",
        "skill_groups",
        "occupation_groups",
        "skill_relations",
    ):
        pd.testing.assert_frame_equal(getattr(esco, t), getattr(again, t))
    assert again.metadata == esco.metadata
    assert (again.incidence() != esco.incidence()).nnz == 0


def test_truncated_real_zip(real_data, tmp_path):
    src = real_data / "esco" / "v1.1.1" / "ESCO dataset - v1.1.1 - classification -  - csv.zip"
    folder = tmp_path / "v1.1.1"
    folder.mkdir()
    data = src.read_bytes()
    (folder / src.name).write_bytes(data[: len(data) - 5000])
    english = (
        real_data / "esco" / "v1.1.1" / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
    )
    (folder / english.name).symlink_to(english)
    with pytest.raises(DataFormatError, match=r"classification -  - csv\.zip"):
        load_esco(folder, data_home=tmp_path / "home")
    assert not (tmp_path / "home" / "taxonomies").exists() or not any(
        p.is_dir() for p in (tmp_path / "home" / "taxonomies").iterdir()
    )
