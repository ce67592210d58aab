"""load_onet: the real O*NET 29.3 release and small hand-made releases in its layout."""

import math
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import transitions
from transitions import DataFormatError, DataQualityWarning, InvalidParameterError, load_onet
from transitions.datasets.onet_example import write_example_release

RATING_HEADER = ("O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\t"
                 "Data Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\t"
                 "Recommend Suppress\tNot Relevant\tDate\tDomain Source")


def load_quietly(path, **kwargs):
    """Load, returning the taxonomy and the DataQualityWarning messages."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tax = load_onet(path, cache=False, **kwargs)
    return tax, [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]


def rating_line(occ, element, name, scale, value, suppress="N", not_relevant=""):
    return (f"{occ}\tTitle\t{element}\t{name}\t{scale}\t{scale}\t{value}\t10\t0.1\t0\t0\t"
            f"{suppress}\t{not_relevant}\t08/2023\tAnalyst")


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new))


@pytest.fixture
def release(tmp_path):
    return write_example_release(tmp_path / "release")


# ---------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def onet(real_data):
    return load_quietly(real_data / "onet" / "29.3")


def test_real_occupations(onet):
    tax, _ = onet
    occ = tax.occupations
    assert tax.name == "onet-29.3"
    assert len(occ) == 1016 and occ.index.is_unique
    assert (occ.index == occ["soc_code"]).all()
    assert occ.index.str.fullmatch(r"\d\d-\d{4}\.\d\d").all()
    assert (occ["soc2018_code"] == occ.index.str[:7]).all()
    assert occ["label_nl"].isna().all() and occ["label_en"].notna().all()
    assert occ.loc["15-1252.00", "label_en"] == "Software Developers"
    assert occ["rated"].sum() == 879
    # Job zones for the 923 occupations in Job Zones.txt, all within 1-5.
    assert occ["job_zone"].notna().sum() == 923
    assert occ["job_zone"].dropna().between(1, 5).all()
    # Chief Executives: 45.91% of respondents need a Master's degree (category 8).
    assert occ.loc["11-1011.00", "education_level"] == 8
    assert occ.loc["11-1011.00", "education_en"] == "Master's Degree"
    alt = occ.loc["11-1011.00", "altlabels_en"].split("\n")
    assert "CEO" in alt and "Agency Owner" in alt and "Chief Executives" not in alt


def test_real_rated_occupations_have_skills_and_knowledge(onet):
    tax, _ = onet
    rel, occ = tax.relations, tax.occupations
    rated = set(occ.index[occ["rated"]])
    assert set(rel.loc[rel["domain"] == "Skills", "occupation_id"]) == rated
    assert set(rel.loc[rel["domain"] == "Knowledge", "occupation_id"]) == rated


def test_real_skills_and_digital_flags(onet):
    tax, _ = onet
    sk = tax.skills
    counts = sk["domain"].value_counts()
    assert counts["Skills"] == 35 and counts["Knowledge"] == 33
    assert counts["Technology Skills"] == 135  # UNSPSC commodities in Technology Skills.txt
    assert set(sk.loc[sk["domain"] == "Skills", "skill_type"]) == {"skill/competence"}
    assert set(sk.loc[sk["domain"] == "Knowledge", "skill_type"]) == {"knowledge"}
    assert set(sk.loc[sk["domain"] == "Technology Skills", "skill_type"]) == {"technology"}
    assert sk.loc["2.A.1.a", "label_en"] == "Reading Comprehension"
    assert sk.loc["2.A.1.a", "description_en"].startswith("Understanding written sentences")
    # Digital: every technology commodity plus Programming and Computers and Electronics.
    assert sk["digital"].sum() == 137
    assert set(sk.index[sk["digital"] & (sk["domain"] != "Technology Skills")]) == {
        "2.B.3.e", "2.C.3.a"}
    assert sk["digcomp"].isna().all()
    spreadsheet = sk.loc["43232110"]
    assert spreadsheet["label_en"] == "Spreadsheet software"
    assert bool(spreadsheet["hot_technology"]) and bool(spreadsheet["in_demand"])
    assert "Microsoft Excel" in spreadsheet["examples"].split("\n")
    assert spreadsheet["n_examples"] == 16
    # 51 of the 135 commodities hold at least one Hot Technology.
    assert sk["hot_technology"].sum() == 51


def test_real_relations(onet):
    tax, _ = onet
    rel = tax.relations
    # Links per domain: one per (occupation, element) pair minus those marked Not Relevant
    # (Skills: 30,765 pairs - 3,302; Knowledge: 29,007 - 5,939); technology: distinct
    # (occupation, commodity) pairs of Technology Skills.txt.
    assert rel["domain"].value_counts().to_dict() == {
        "Skills": 27463, "Knowledge": 23068, "Technology Skills": 12861}
    rated = rel[rel["domain"] != "Technology Skills"]
    assert rated["importance"].dropna().between(1, 5).all()
    assert rated["level"].dropna().between(0, 7).all()
    assert ((rated["importance"] >= 3) == (rated["relation"] == "essential")).all()
    assert (rel["weight"] > 0).all() and (rel["weight"] <= 1).all()
    # Chief Executives, Reading Comprehension: IM 4.12, LV 4.62 in Skills.txt.
    row = rel[(rel["occupation_id"] == "11-1011.00") & (rel["skill_id"] == "2.A.1.a")].iloc[0]
    assert (row["importance"], row["level"]) == (4.12, 4.62)
    assert row["weight"] == pytest.approx(math.sqrt((4.12 - 1) / 4 * 4.62 / 7))
    # Marked Not Relevant (Skills.txt, LV row): left out.
    assert rel[(rel["occupation_id"] == "11-1011.00") & (rel["skill_id"] == "2.B.3.c")].empty
    # Financial Managers, Programming: LV 1.62 marked Recommend Suppress -> missing,
    # the weight then comes from the importance (1.88) alone.
    row = rel[(rel["occupation_id"] == "11-3031.00") & (rel["skill_id"] == "2.B.3.e")].iloc[0]
    assert row["importance"] == 1.88 and np.isnan(row["level"])
    assert row["weight"] == pytest.approx((1.88 - 1) / 4)
    # Technology: essential exactly where a product is In Demand for the occupation.
    tech = rel[rel["domain"] == "Technology Skills"]
    assert ((tech["relation"] == "essential") == tech["in_demand"]).all()
    assert tech["n_examples"].sum() == 32681  # every row of Technology Skills.txt
    X = tax.incidence()
    assert X.shape == (1016, len(tax.skills)) and X.nnz == len(rel)


def test_real_hierarchy(onet):
    tax, _ = onet
    edges = set(map(tuple, tax.skill_hierarchy[["child", "parent"]].to_numpy()))
    assert {("2.A.1.a", "2.A.1"), ("2.A.1", "2.A"), ("2.A", "2"), ("2.C.10", "2.C"),
            ("43232110", "5.F"), ("5.F", "5")} <= edges
    children = {c for c, _ in edges}
    assert set(tax.skills.index) <= children
    assert tax.skill_groups.loc["2.A", "label_en"] == "Basic Skills"
    assert tax.skill_groups.loc["2.C.3", "label_en"] == "Engineering and Technology"
    assert set(tax.skill_groups.index) == {p for _, p in edges}


def test_real_defects_are_counted_warnings(onet):
    tax, messages = onet
    text = "\n".join(messages)
    assert "Skills.txt: 3302 occupation-element link(s) marked Not Relevant = Y" in text
    assert "Knowledge.txt: 5939 occupation-element link(s) marked Not Relevant = Y" in text
    assert "Skills.txt: 118 estimate(s) marked Recommend Suppress = Y" in text
    counts = {(Path(r["file"]).name, r["what"].split(";")[0]): r["count"]
              for r in tax.metadata["defects"]}
    assert counts[("Knowledge.txt", "occupation-element link(s) marked Not Relevant = Y")] == 5939
    assert "CC BY 4.0" in tax.metadata["attribution"]


def test_real_zip_gives_the_same_taxonomy(real_data, tmp_path, onet):
    folder = real_data / "onet" / "29.3"
    archive = tmp_path / "db_29_3_text.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ["Occupation Data.txt", "Skills.txt", "Knowledge.txt",
                     "Content Model Reference.txt", "Scales Reference.txt", "Read Me.txt"]:
            zf.write(folder / name, f"db_29_3_text/{name}")
    from_zip, _ = load_quietly(archive, technology=None)
    tax, _ = onet
    expected = tax.relations[tax.relations["domain"] != "Technology Skills"]
    pd.testing.assert_frame_equal(from_zip.relations[["occupation_id", "skill_id", "weight"]],
                                  expected[["occupation_id", "skill_id", "weight"]]
                                  .reset_index(drop=True))


# ---------------------------------------------------------------------------- tiny releases
def test_example_release(release):
    tax, messages = load_quietly(release)
    assert tax.name == "onet-0.1"
    assert list(tax.occupations.index) == ["15-1252.00", "43-9021.00", "99-9999.00"]
    assert list(tax.occupations["rated"]) == [True, True, False]
    assert list(tax.occupations["education_en"].fillna("-")) == [
        "Bachelor's Degree", "High School Diploma", "-"]
    assert tax.occupations.loc["15-1252.00", "altlabels_en"] == (
        "Application Developer\nSoftware Engineer\nSWE")
    rel = tax.relations.set_index(["occupation_id", "skill_id"])
    assert rel.loc[("43-9021.00", "2.A.1.a"), "weight"] == pytest.approx(
        math.sqrt(1.5 / 4 * 2 / 7))
    assert ("43-9021.00", "2.C.3.a") not in rel.index  # Not Relevant
    assert rel.loc[("43-9021.00", "43232110"), "relation"] == "essential"  # In Demand
    assert rel.loc[("15-1252.00", "43232110"), "relation"] == "optional"
    assert len(messages) == 1 and "Not Relevant" in messages[0]


def test_exported_from_the_package():
    assert transitions.load_onet is load_onet
    assert "load_onet" in transitions.__all__ and "load_onet" in transitions.datasets.__all__


def test_technology_none_and_bad_parameters(release):
    tax, _ = load_quietly(release, technology=None)
    assert set(tax.skills["domain"]) == {"Skills", "Knowledge"}
    assert not (release / "Abilities.txt").exists()
    with pytest.raises(InvalidParameterError, match="technology='example'"):
        load_onet(release, technology="example")
    with pytest.raises(InvalidParameterError, match="Abilities"):
        load_onet(release, domains=["Skils"])
    with pytest.raises(DataFormatError, match="Abilities.txt: file not found"):
        load_onet(release, domains=["Skills", "Abilities"])


@pytest.mark.parametrize("name", ["Skills.txt", "Occupation Data.txt", "Scales Reference.txt",
                                  "Technology Skills.txt"])
def test_missing_file(release, name):
    (release / name).unlink()
    with pytest.raises(DataFormatError, match=f"{name}: file not found"):
        load_onet(release)


def test_missing_technology_file_is_fine_without_technology(release):
    (release / "Technology Skills.txt").unlink()
    tax, _ = load_quietly(release, technology=None)
    assert len(tax.occupations) == 3


def test_renamed_column(release):
    edit(release / "Knowledge.txt", "\tData Value\t", "\tValue\t")
    with pytest.raises(DataFormatError,
                       match=r"Knowledge.txt: missing column\(s\) \['Data Value'\]"):
        load_onet(release)


def test_text_in_numeric_column(release):
    edit(release / "Skills.txt", "\tIM\tImportance\t4.00\t", "\tIM\tImportance\thigh\t")
    with pytest.raises(DataFormatError,
                       match=r"Skills.txt, column 'Data Value', line 2: 'high' is not a number"):
        load_onet(release)


def test_text_in_job_zone(release):
    edit(release / "Job Zones.txt", "Keyers\t2\t", "Keyers\ttwo\t")
    with pytest.raises(DataFormatError, match=r"Job Zones.txt, column 'Job Zone', line 3"):
        load_onet(release)


def test_empty_folder_missing_path_and_not_a_folder(tmp_path):
    with pytest.raises(DataFormatError, match="holds no O\\*NET text files"):
        load_onet(tmp_path)
    with pytest.raises(DataFormatError, match="no such folder or zip file"):
        load_onet(tmp_path / "nowhere")
    plain = tmp_path / "notes.txt"
    plain.write_text("hello")
    with pytest.raises(DataFormatError, match="neither a folder nor a zip file"):
        load_onet(plain)


def test_empty_file(release):
    (release / "Skills.txt").write_text("")
    with pytest.raises(DataFormatError, match="Skills.txt: empty file"):
        load_onet(release)


def test_zip_and_truncated_zip(release, tmp_path):
    archive = Path(shutil.make_archive(str(tmp_path / "db_0_1_text"), "zip", release.parent,
                                       release.name))
    from_zip, _ = load_quietly(archive)
    from_folder, _ = load_quietly(release)
    pd.testing.assert_frame_equal(from_zip.relations, from_folder.relations)
    pd.testing.assert_frame_equal(from_zip.occupations, from_folder.occupations)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(DataFormatError, match="cut.zip: not a readable zip file"):
        load_onet(cut)


def test_recoverable_defects_are_counted(release):
    skills = release / "Skills.txt"
    with skills.open("a") as f:
        f.write(rating_line("43-9021.00", "2.A.1.b", "Active Listening", "IM", "7.5") + "\n")
        f.write(rating_line("43-9021.00", "2.A.1.b", "Active Listening", "LV", "3.5", "Y", "N")
                + "\n")
        f.write(rating_line("11-1111.00", "2.A.1.b", "Active Listening", "IM", "3.0") + "\n")
        f.write(rating_line("43-9021.00", "2.A.1.a", "Reading Comprehension", "IM", "2.75")
                + "\n")
    (release / "Job Zones.txt").unlink()
    tax, messages = load_quietly(release)
    text = "\n".join(messages)
    assert "Skills.txt: 1 value(s) outside their scale's range" in text
    assert "Skills.txt: 1 estimate(s) marked Recommend Suppress = Y" in text
    assert "Skills.txt: 1 row(s) name an occupation missing from Occupation Data.txt" in text
    assert "Skills.txt: 1 repeated (occupation, element, scale) row(s)" in text
    assert "Job Zones.txt: 1 file missing; job_zone left empty" in text
    assert tax.occupations["job_zone"].isna().all()
    rel = tax.relations.set_index(["occupation_id", "skill_id"])
    # Both values of the new link are unusable (out of range, suppressed): it is left out.
    assert ("43-9021.00", "2.A.1.b") not in rel.index
    assert "Skills.txt: 1 link(s) without a usable rating; left out" in text
    # The repeated row does not override the first one.
    assert rel.loc[("43-9021.00", "2.A.1.a"), "importance"] == 2.5
    assert "11-1111.00" not in set(tax.relations["occupation_id"])
    assert len(tax.metadata["defects"]) == len(messages)


def _write_other_domains(release):
    """Abilities, Work Activities and Work Context in their published layouts."""
    edit(release / "Scales Reference.txt", "LV\tLevel\t0\t7",
         "LV\tLevel\t0\t7\nCX\tContext\t1\t5\nCXP\tContext (Categories 1-5)\t0\t100\n"
         "CT\tContext\t1\t3")
    edit(release / "Content Model Reference.txt", "2\tWorker Requirements",
         "1\tWorker Characteristics\tWorker Characteristics\n"
         "1.A\tAbilities\tEnduring attributes\n1.A.1\tCognitive Abilities\tCognitive\n"
         "1.A.1.a\tVerbal Abilities\tVerbal\n1.A.1.a.1\tOral Comprehension\tListen and understand\n"
         "4\tWorkforce Characteristics\tWork\n4.A\tGeneralized Work Activities\tActivities\n"
         "4.A.3\tWork Output\tOutput\n4.A.3.b\tComplex and Technical Activities\tTechnical\n"
         "4.A.3.b.1\tWorking with Computers\tUsing computers\n"
         "4.C\tWork Context\tContext\n4.C.1\tInterpersonal Relationships\tRelations\n"
         "4.C.1.a\tCommunication\tCommunication\n4.C.1.a.2\tCommunication Methods\tMethods\n"
         "4.C.1.a.2.h\tE-Mail\tHow often e-mail\n4.C.3\tWork Output\tOutput\n"
         "4.C.3.d\tPace\tPace\n4.C.3.d.8\tDuration of Typical Work Week\tHours\n"
         "2\tWorker Requirements")
    dev, key = "15-1252.00", "43-9021.00"
    (release / "Abilities.txt").write_text("\n".join([
        RATING_HEADER,
        rating_line(dev, "1.A.1.a.1", "Oral Comprehension", "IM", "3.50"),
        rating_line(dev, "1.A.1.a.1", "Oral Comprehension", "LV", "3.50", not_relevant="N"),
    ]) + "\n")
    (release / "Work Activities.txt").write_text("\n".join([
        RATING_HEADER,
        rating_line(dev, "4.A.3.b.1", "Working with Computers", "IM", "4.90"),
        rating_line(dev, "4.A.3.b.1", "Working with Computers", "LV", "6.00", not_relevant="N"),
        rating_line(key, "4.A.3.b.1", "Working with Computers", "IM", "4.50"),
        rating_line(key, "4.A.3.b.1", "Working with Computers", "LV", "3.00", not_relevant="N"),
    ]) + "\n")
    head = ("O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tCategory\t"
            "Data Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\t"
            "Not Relevant\tDate\tDomain Source")

    def wc(occ, element, scale, category, value):
        return (f"{occ}\tT\t{element}\tName\t{scale}\t{scale}\t{category}\t{value}\t20\t0.1\t0\t0\t"
                f"N\tn/a\t08/2023\tIncumbent")

    (release / "Work Context.txt").write_text("\n".join([
        head,
        wc(dev, "4.C.1.a.2.h", "CX", "n/a", "4.60"),
        wc(dev, "4.C.1.a.2.h", "CXP", "1", "0.00"),
        wc(dev, "4.C.1.a.2.h", "CXP", "5", "80.00"),
        wc(key, "4.C.1.a.2.h", "CX", "n/a", "2.00"),
        wc(key, "4.C.3.d.8", "CT", "n/a", "1.00"),
        wc(dev, "4.C.3.d.8", "CT", "n/a", "2.50"),
        wc(dev, "4.C.3.d.8", "CTP", "1", "10.00"),
    ]) + "\n")


def test_abilities_work_activities_and_work_context(release):
    _write_other_domains(release)
    default, _ = load_quietly(release)
    assert set(default.skills["domain"]) == {"Skills", "Knowledge", "Technology Skills"}
    tax, messages = load_quietly(release, domains="all")
    sk, rel = tax.skills, tax.relations.set_index(["occupation_id", "skill_id"])
    assert sk.loc["1.A.1.a.1", "skill_type"] == "ability"
    assert sk.loc["4.A.3.b.1", "skill_type"] == "work activity"
    assert sk.loc["4.C.1.a.2.h", "skill_type"] == "work context"
    assert sk.loc["4.C.3.d.8", "context_scale"] == "CT"
    assert bool(sk.loc["4.A.3.b.1", "digital"]) and bool(sk.loc["4.C.1.a.2.h", "digital"])
    assert not sk.loc["1.A.1.a.1", "digital"]
    assert rel.loc[("15-1252.00", "1.A.1.a.1"), "relation"] == "essential"
    assert rel.loc[("15-1252.00", "4.A.3.b.1"), "weight"] == pytest.approx(
        math.sqrt(3.9 / 4 * 6 / 7))
    # Work Context: the mean rating (CX 1-5, CT 1-3) rescaled; category shares are not links.
    assert rel.loc[("15-1252.00", "4.C.1.a.2.h"), "context"] == 4.6
    assert rel.loc[("15-1252.00", "4.C.1.a.2.h"), "weight"] == pytest.approx(3.6 / 4)
    assert rel.loc[("15-1252.00", "4.C.1.a.2.h"), "relation"] == "essential"
    assert rel.loc[("43-9021.00", "4.C.1.a.2.h"), "relation"] == "optional"
    assert rel.loc[("15-1252.00", "4.C.3.d.8"), "weight"] == pytest.approx(0.75)
    # CT = 1 is the bottom of its scale: no weight, left out and counted.
    assert ("43-9021.00", "4.C.3.d.8") not in rel.index
    assert any("Work Context.txt: 1 link(s) rated at the bottom" in m for m in messages)
    edges = set(map(tuple, tax.skill_hierarchy.to_numpy()))
    assert {("4.C.1.a.2.h", "4.C.1.a.2"), ("4.A.3.b.1", "4.A.3.b"), ("1.A", "1")} <= edges


@settings(max_examples=25, deadline=None)
@given(st.lists(
    st.tuples(st.floats(1, 5), st.floats(0, 7), st.booleans(), st.booleans(), st.booleans()),
    min_size=1, max_size=6))
def test_weights_and_relations_follow_the_documented_rules(ratings):
    """For any ratings: Not Relevant links go, suppressed values are missing, weight in (0, 1]."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_example_release(Path(tmp))
        occ_lines = ["O*NET-SOC Code\tTitle\tDescription"]
        lines = [RATING_HEADER]
        for i, (im, lv, sup_im, sup_lv, nr) in enumerate(ratings):
            code = f"11-{1000 + i}.00"
            occ_lines.append(f"{code}\tOccupation {i}\tMade up.")
            lines.append(rating_line(code, "2.A.1.a", "Reading Comprehension", "IM",
                                     f"{im:.2f}", "Y" if sup_im else "N"))
            lines.append(rating_line(code, "2.A.1.a", "Reading Comprehension", "LV",
                                     f"{lv:.2f}", "Y" if sup_lv else "N", "Y" if nr else "N"))
        (folder / "Occupation Data.txt").write_text("\n".join(occ_lines) + "\n")
        (folder / "Skills.txt").write_text("\n".join(lines) + "\n")
        knowledge = rating_line("11-1000.00", "2.C.3.a", "Computers and Electronics", "IM", "3")
        (folder / "Knowledge.txt").write_text(RATING_HEADER + "\n" + knowledge + "\n")
        tax, _ = load_quietly(folder, technology=None)
    rel = tax.relations[tax.relations["domain"] == "Skills"].set_index("occupation_id")
    for i, (im, lv, sup_im, sup_lv, nr) in enumerate(ratings):
        code = f"11-{1000 + i}.00"
        imn = None if sup_im else (round(im, 2) - 1) / 4
        lvn = None if sup_lv else round(lv, 2) / 7
        parts = [p for p in (imn, lvn) if p is not None]
        expected = math.sqrt(imn * lvn) if len(parts) == 2 else (parts[0] if parts else 0.0)
        if nr or expected <= 0:
            assert code not in rel.index
            continue
        row = rel.loc[code]
        assert 0 < row["weight"] <= 1
        assert row["weight"] == pytest.approx(expected)
        essential = not sup_im and round(im, 2) >= 3
        assert (row["relation"] == "essential") == essential
        assert np.isnan(row["level"]) == sup_lv


# ---------------------------------------------------------------------------- cache
def test_cache_reuses_and_rebuilds(release, tmp_path, monkeypatch):
    import transitions.datasets.onet as onet_module

    home = tmp_path / "home"
    first, warned_first = load_cached(release, home)
    real_build = onet_module._build

    def refuse(*args, **kwargs):
        raise AssertionError("built again although the files did not change")

    monkeypatch.setattr(onet_module, "_build", refuse)
    again, warned_again = load_cached(release, home)
    for table in ("occupations", "skills", "relations", "skill_hierarchy", "skill_groups"):
        pd.testing.assert_frame_equal(getattr(again, table), getattr(first, table))
    assert again.metadata == first.metadata
    assert warned_again == warned_first and warned_first  # defects are reported on every load
    # Other parameters or changed content: a new entry is built.
    with pytest.raises(AssertionError, match="built again"):
        load_cached(release, home, technology=None)
    edit(release / "Skills.txt", "\tIM\tImportance\t4.00\t", "\tIM\tImportance\t4.25\t")
    with pytest.raises(AssertionError, match="built again"):
        load_cached(release, home)
    monkeypatch.setattr(onet_module, "_build", real_build)
    changed, _ = load_cached(release, home)
    assert changed.relations.loc[0, "importance"] == 4.25


def test_real_cache_round_trip(real_data, tmp_path, onet):
    tax, _ = onet
    path = real_data / "onet" / "29.3"
    load_cached(path, tmp_path)
    warm, messages = load_cached(path, tmp_path)
    for table in ("occupations", "skills", "relations", "skill_hierarchy", "skill_groups"):
        pd.testing.assert_frame_equal(getattr(warm, table), getattr(tax, table))
    assert any("5939 occupation-element link(s) marked Not Relevant" in m for m in messages)


def load_cached(path, home, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tax = load_onet(path, cache=True, data_home=home, **kwargs)
    return tax, [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
