"""load_esco on hand-made v1.1 / v1.2 downloads: layout, labels, defects, bad input, cache."""

import warnings
import zipfile

import pandas as pd
import pytest

import transitions
from transitions import DataFormatError, DataQualityWarning, InvalidParameterError, load_esco
from transitions.datasets import esco as esco_module
from transitions.datasets._digcomp import DIGCOMP_AREAS, DIGCOMP_TITLES, match_digcomp
from transitions.datasets.extension import DIGCOMP_COMPETENCES

from esco_fixtures import (
    GROUP,
    ISCO,
    OCC,
    SK,
    classification_files,
    dutch_files,
    v11_folder,
    v12_zip,
    write_folder,
    write_zip,
)


def _load(path, labels=None, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tax = load_esco(path, labels=labels, **kw)
    msgs = [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
    return tax, msgs


@pytest.fixture
def v12(tmp_path):
    return v12_zip(tmp_path / "download")


@pytest.fixture
def nl(tmp_path):
    return write_folder(tmp_path / "nl", dutch_files())


def test_v12_zip_gives_the_taxonomy_contract(v12, tmp_path):
    tax, _ = _load(v12, data_home=tmp_path / "home")
    assert tax.name == "esco-1.2.0"
    assert tax.metadata["layout"] == "1.2" and tax.metadata["esco_version"] == "1.2.0"
    assert transitions.datasets.esco.ESCO_ATTRIBUTION in tax.metadata["attribution"]
    occ, skills, rel = tax.occupations, tax.skills, tax.relations
    # The occupation only named by relations is not invented; the other three are kept.
    assert sorted(occ.index) == sorted([OCC["clerk"], OCC["analyst"], OCC["dentist"]])
    assert occ.loc[OCC["clerk"], "label_en"] == "data entry clerk"  # padding stripped
    assert occ.loc[OCC["clerk"], "altlabels_en"] == "typist\ndata typist"
    assert occ.loc[OCC["clerk"], "isco_code"] == "4132"
    assert occ.loc[OCC["clerk"], "esco_code"] == "4132.1"
    assert occ.loc[OCC["clerk"], "nace_code"] == "N82.1"
    assert occ["label_nl"].isna().all()  # no Dutch labels asked for
    assert len(skills) == 9
    assert skills["digital"].dtype == bool and skills["digital"].sum() == 4
    assert skills.loc[SK["initiative"], "transversal"] and skills.loc[SK["dutch"], "language"]
    assert not skills["green"].any()
    assert pd.isna(skills.loc[SK["safety"], "skill_type"])
    # Relations: the two rows to the missing occupation are dropped, weights by type.
    assert len(rel) == 9
    assert set(rel["occupation_id"]) == set(occ.index)
    w = rel.set_index(["occupation_id", "skill_id"])["weight"]
    assert w[(OCC["clerk"], SK["type"])] == 1.0 and w[(OCC["clerk"], SK["initiative"])] == 0.5
    X = tax.incidence()
    assert X.shape == (3, 9) and X.sum() == pytest.approx(rel["weight"].sum())


def test_v12_hierarchies_groups_and_skill_relations(v12, tmp_path):
    tax, _ = _load(v12, data_home=tmp_path / "home")
    occ_edges = set(map(tuple, tax.occupation_hierarchy[["child", "parent"]].to_numpy()))
    assert (OCC["clerk"], ISCO["4132"]) in occ_edges
    assert all(OCC["ghost"] not in e for e in occ_edges)  # edge of the missing occupation dropped
    groups = tax.occupation_groups
    assert groups.loc[ISCO["4132"], "code"] == "4132" and groups.loc[ISCO["4"], "code"] == "4"
    assert groups.loc[ISCO["2511"], "label_en"] == "Systems analysts"
    skill_edges = set(map(tuple, tax.skill_hierarchy[["child", "parent"]].to_numpy()))
    assert (SK["python"], GROUP["ict"]) in skill_edges and (
        GROUP["ict"],
        GROUP["pillar"],
    ) in skill_edges
    # The pillar is absent from skillGroups: label and code come from skillsHierarchy.
    assert tax.skill_groups.loc[GROUP["pillar"], "label_en"] == "knowledge"
    assert tax.skill_groups.loc[GROUP["pillar"], "code"] == "K"
    assert tax.skill_groups.loc[GROUP["ict"], "code"] == "06"  # skillGroups' own code wins
    assert tax.skill_groups.loc[GROUP["sgroup"], "code"] == "K07"
    sr = tax.skill_relations
    assert list(sr.columns) == ["skill_id", "related_skill_id", "relation"]
    assert sr.iloc[0].tolist() == [SK["python"], SK["solve"], "optional"]


def test_digcomp_codes_by_label_with_area_from_structure(v12, tmp_path):
    tax, _ = _load(v12, data_home=tmp_path / "home")
    dig = tax.skills["digcomp"]
    assert dig[SK["solve"]] == "5.1"
    assert dig[SK["devices"]] == "4.1"
    assert dig[SK["safety"]] == "4"  # an area skill: broader of "protect ICT devices"
    assert dig.drop([SK["solve"], SK["devices"], SK["safety"]]).isna().all()


def test_v11_two_zips_and_extracted_folder_equal_v12(tmp_path):
    t12, _ = _load(v12_zip(tmp_path / "a"), data_home=tmp_path / "h1")
    t11, _ = _load(v11_folder(tmp_path / "b"), data_home=tmp_path / "h2")
    assert t11.metadata["layout"] == "1.1" and t11.name == "esco-1.1.1"
    extracted = write_folder(
        tmp_path / "c" / "ESCO dataset - v1.2.0 - classification - en - csv",
        classification_files(v12=True),
    )
    tx, _ = _load(extracted.parent, data_home=tmp_path / "h3")
    for other in (t11, tx):
        pd.testing.assert_frame_equal(t12.occupations, other.occupations)
        pd.testing.assert_frame_equal(t12.skills, other.skills)
        pd.testing.assert_frame_equal(t12.relations, other.relations)
        pd.testing.assert_frame_equal(t12.skill_groups, other.skill_groups)


def test_planted_defects_are_counted_warnings(v12, nl, tmp_path):
    _, msgs = _load(v12, labels={"nl": nl}, data_home=tmp_path / "home")
    text = "\n".join(msgs)
    assert (
        "2 relation row(s) name 1 occupation(s) missing from the occupations file (dropped)" in text
    )
    assert OCC["ghost"] in text
    assert "1 occupation(s) with optional skills only" in text and "specialist dentist" in text
    assert "1 skill(s) with an empty skillType" in text and "ICT safety" in text
    assert "1 relation row(s) with an empty skillType" in text
    assert "1 row(s) shorter than the header" in text
    assert "1 skill group(s) missing from skillGroups" in text and GROUP["pillar"] in text
    assert "ISCOGroups_nl.csv: 2 repeated conceptUri row(s)" in text
    assert "skills_nl.csv: 1 nl label row(s) name concepts not in the classification" in text
    assert "1 preferredLabel and 1 altLabels cell(s)" in text


def test_dutch_labels_fall_back_per_item_and_report_coverage(v12, nl, tmp_path):
    tax, _ = _load(v12, labels={"nl": nl}, data_home=tmp_path / "home")
    occ, skills = tax.occupations, tax.skills
    assert occ["label_nl"].notna().all()
    assert occ.loc[OCC["clerk"], "label_nl"] == "invoerder"
    assert skills.loc[SK["type"], "label_nl"] == "snel typen"
    assert skills.loc[SK["type"], "altlabels_nl"] == "blind typen"
    assert pd.isna(skills.loc[SK["python"], "label_nl"])
    assert tax.label(SK["python"], lang="nl", kind="skill") == "Python (computer programming)"
    assert tax.occupation_groups.loc[ISCO["4132"], "label_nl"] == "Gegevensinvoerders"
    cov = tax.metadata["label_coverage"]["nl"]
    assert cov["occupations"] == 1.0 and cov["skills"] == pytest.approx(2 / 9, abs=1e-4)
    assert cov["occupation_groups"] == 1.0
    assert tax.label_coverage().loc["skills", "nl"] == pytest.approx(2 / 9)


def test_partial_skill_file_with_suffixed_columns_and_bar_separators(v12, tmp_path):
    folder = write_folder(
        tmp_path / "nl",
        {
            "occupations_nl.csv": dutch_files()["occupations_nl.csv"],
            "skills_nl_partial.csv": (
                "conceptUri,skillType,reuseLevel,preferredLabel_nl,altLabels_nl,description_nl\n"
                f"{SK['sheets']},skill/competence,cross-sector,spreadsheets gebruiken,"
                "rekenblad gebruiken | spreadsheet maken,Met spreadsheets werken.\n"
            ),
        },
    )
    tax, _ = _load(v12, labels={"nl": folder}, data_home=tmp_path / "home")
    assert tax.skills.loc[SK["sheets"], "label_nl"] == "spreadsheets gebruiken"
    assert tax.skills.loc[SK["sheets"], "altlabels_nl"] == "rekenblad gebruiken\nspreadsheet maken"
    assert "skill_groups" not in tax.metadata["label_coverage"]["nl"]


def test_skill_labels_from_collections_when_no_skills_file(v12, tmp_path):
    folder = write_folder(
        tmp_path / "nl",
        {
            "digitalSkillsCollection_nl.csv": (
                "conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,"
                "description,broaderConceptUri,broaderConceptPT\n"
                f"KnowledgeSkillCompetence,{SK['python']},Python,released,knowledge,,,,,\n"
            ),
        },
    )
    tax, _ = _load(v12, labels={"nl": folder}, data_home=tmp_path / "home")
    assert tax.skills.loc[SK["python"], "label_nl"] == "Python"
    assert tax.occupations["label_nl"].isna().all()


# ---------------------------------------------------------------------- cache
def test_second_load_comes_from_the_cache_with_the_same_warnings(v12, nl, tmp_path, monkeypatch):
    home = tmp_path / "home"
    first, msgs1 = _load(v12, labels={"nl": nl}, data_home=home)

    def no_build(*a, **k):
        raise AssertionError("rebuilt although cached")

    monkeypatch.setattr(esco_module, "_build", no_build)
    second, msgs2 = _load(v12, labels={"nl": nl}, data_home=home)
    assert msgs1 == msgs2 and len(msgs1) >= 5
    for t in ("occupations", "skills", "relations", "skill_hierarchy", "occupation_groups"):
        pd.testing.assert_frame_equal(getattr(first, t), getattr(second, t))
    assert first.metadata == second.metadata
    # Other labels are another entry, not a stale hit.
    with pytest.raises(AssertionError, match="rebuilt"):
        load_esco(v12, data_home=home)


def test_cache_false_writes_nothing(v12, tmp_path):
    _load(v12, data_home=tmp_path / "home", cache=False)
    assert not (tmp_path / "home").exists()


def test_flipped_byte_in_cache_rebuilds_with_warning(v12, tmp_path):
    home = tmp_path / "home"
    first, _ = _load(v12, data_home=home)
    (entry,) = [p for p in (home / "taxonomies").iterdir() if p.is_dir()]
    path = max(entry.glob("*.npy"), key=lambda p: p.stat().st_size)
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x40
    path.write_bytes(bytes(data))
    again, msgs = _load(v12, data_home=home)
    assert any("cache corrupt, rebuilding" in m for m in msgs)
    pd.testing.assert_frame_equal(first.skills, again.skills)


# ---------------------------------------------------------------------- bad input
def _no_entries(home):
    root = home / "taxonomies"
    return not root.exists() or not [p for p in root.iterdir() if p.is_dir()]


def test_folder_without_relations_file(tmp_path):
    files = classification_files(v12=True)
    del files["occupationSkillRelations_en.csv"]
    folder = write_folder(tmp_path / "esco", files)
    with pytest.raises(DataFormatError, match="occupationSkillRelations"):
        load_esco(folder, data_home=tmp_path / "home")
    assert _no_entries(tmp_path / "home")


def test_renamed_column_names_file_and_column(tmp_path):
    files = classification_files(v12=True)
    files["skills_en.csv"] = files["skills_en.csv"].replace("reuseLevel", "reuse_level", 1)
    folder = write_folder(tmp_path / "esco", files)
    with pytest.raises(DataFormatError, match=r"skills_en\.csv.*'reuseLevel'"):
        load_esco(folder, data_home=tmp_path / "home")
    assert _no_entries(tmp_path / "home")


def test_truncated_zip(v12, tmp_path):
    data = v12.read_bytes()
    cut = tmp_path / "cut" / v12.name
    cut.parent.mkdir()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataFormatError, match="zip"):
        load_esco(cut, data_home=tmp_path / "home")
    assert _no_entries(tmp_path / "home")


def test_zip_with_corrupt_member_data(tmp_path):
    # Central directory intact, compressed bytes of a member damaged.
    path = v12_zip(tmp_path / "dl")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = next(
            i for i in zf.infolist() if i.filename.endswith("occupationSkillRelations_en.csv")
        )
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start, start + min(info.compress_size, 64)):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(DataFormatError, match="occupationSkillRelations_en.csv"):
        load_esco(path, data_home=tmp_path / "home")


def test_unknown_language(v12, nl, tmp_path):
    with pytest.raises(DataFormatError, match=r"'\*_xx\.csv'.*found there: \['nl'\]"):
        load_esco(v12, labels={"xx": nl}, data_home=tmp_path / "home")
    with pytest.raises(DataFormatError, match="no '\\*_de.csv'"):
        load_esco(v12, labels={"de": nl}, data_home=tmp_path / "home")
    with pytest.raises(InvalidParameterError, match="language code"):
        load_esco(v12, labels={"dutch!": nl}, data_home=tmp_path / "home")
    with pytest.raises(InvalidParameterError, match="map a language"):
        load_esco(v12, labels=str(nl), data_home=tmp_path / "home")
    assert _no_entries(tmp_path / "home")


def test_empty_and_missing_folders(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataFormatError, match="no CSV files"):
        load_esco(tmp_path / "empty", data_home=tmp_path / "home")
    with pytest.raises(DataFormatError, match="no such file or folder"):
        load_esco(tmp_path / "nowhere", data_home=tmp_path / "home")
    assert _no_entries(tmp_path / "home")


def test_two_downloads_in_one_folder_are_refused(tmp_path):
    folder = tmp_path / "mixed"
    v11_folder(folder)
    newer = classification_files(v12=True)
    newer["occupations_en.csv"] = newer["occupations_en.csv"].replace(
        "Enters data.", "Enters data fast."
    )
    write_zip(folder / "ESCO dataset - v1.2.0 - classification - en - csv.zip", newer)
    with pytest.raises(DataFormatError, match="one ESCO download per folder"):
        load_esco(folder, data_home=tmp_path / "home")


def test_zip_next_to_its_extracted_copy_is_fine(tmp_path):
    folder = tmp_path / "both"
    v12_zip(folder)
    write_folder(folder / "extracted", classification_files(v12=True))
    tax, _ = _load(folder, data_home=tmp_path / "home")
    assert len(tax.occupations) == 3


def test_column_order_labels_first(v12, nl, tmp_path):
    tax, _ = _load(v12, labels={"nl": nl}, data_home=tmp_path / "home")
    assert list(tax.occupations.columns[:2]) == ["label_en", "label_nl"]
    assert list(tax.occupations.columns[-2:]) == ["description_en", "description_nl"]
    assert list(tax.skills.columns[:2]) == ["label_en", "label_nl"]


def test_not_a_csv(tmp_path):
    files = classification_files(v12=True)
    folder = write_folder(tmp_path / "esco", files)
    (folder / "skills_en.csv").write_bytes(b"\xff\xfe\x00garbage\x00\x81")
    with pytest.raises(DataFormatError, match="skills_en.csv"):
        load_esco(folder, data_home=tmp_path / "home")


# ---------------------------------------------------------------------- DigComp matcher
def test_each_digcomp_title_matches_its_own_code():
    # A skill labelled with a competence's title in ESCO's verb form must get that code.
    verb = {
        "Browsing": "browse",
        "Evaluating": "evaluate",
        "Managing": "manage",
        "Interacting": "interact",
        "Sharing": "share",
        "Engaging": "engage",
        "Collaborating": "collaborate",
        "Developing": "develop",
        "Integrating": "integrate",
        "Protecting": "protect",
        "Solving": "solve",
        "Identifying": "identify",
        "Creatively using": "creatively use",
    }
    labels = {}
    for code, title in DIGCOMP_TITLES.items():
        label = title
        for ing, base in verb.items():
            if label.startswith(ing):
                label = base + label[len(ing) :]
        labels[code] = label.lower()
    table = pd.DataFrame({"label": list(labels.values())}, index=list(labels))
    codes, problems = match_digcomp(table)
    assert codes.to_dict() == {c: c for c in labels} and problems == []
    assert sorted(DIGCOMP_TITLES) == sorted(DIGCOMP_COMPETENCES)
    assert sorted(DIGCOMP_AREAS) == list("12345")


def test_digcomp_unmatched_label_is_reported_not_guessed():
    table = pd.DataFrame(
        {"label": ["intellectual property regime of digital content", "operate forklift"]},
        index=["a", "b"],
    )
    codes, problems = match_digcomp(table)
    assert codes.isna().all() and len(problems) == 2


def test_repeated_relation_keeps_the_essential_link(tmp_path):
    files = classification_files(v12=True)
    name = "occupationSkillRelations_en.csv"
    files[name] += f"{OCC['clerk']},clerk,optional,skill/competence,{SK['type']},type fast\n"
    tax, msgs = _load(write_folder(tmp_path / "esco", files), data_home=tmp_path / "home")
    assert any("1 repeated (occupation, skill) relation row(s) (strongest kept)" in m for m in msgs)
    rel = tax.relations.set_index(["occupation_id", "skill_id"])
    assert rel.index.is_unique and len(rel) == 9
    assert rel.loc[(OCC["clerk"], SK["type"]), "relation"] == "essential"
