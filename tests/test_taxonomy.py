import functools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from transitions import (
    DataFormatError,
    InvalidParameterError,
    Taxonomy,
    UnknownOccupationError,
    UnknownSkillError,
    find_occupation,
    load_sample,
    read_extension,
)


def test_sample_contract(sample):
    occ, skills = sample.occupations, sample.skills
    assert 40 <= len(occ) <= 60 and 150 <= len(skills) <= 250
    assert occ.index.is_unique and skills.index.is_unique
    assert occ["label_nl"].notna().all() and occ["label_en"].notna().all()
    assert occ["isco_code"].str.fullmatch(r"\d{4}").all()
    assert skills["digital"].dtype == bool
    digital = skills[skills["digital"]]
    assert len(digital) >= 30
    # DigComp codes only on digital skills, and all five areas represented.
    assert skills.loc[skills["digcomp"].notna(), "digital"].all()
    assert set(skills["digcomp"].dropna().str[0]) == set("12345")
    # Every occupation has essential skills; every skill is used.
    rel = sample.relations
    assert set(rel.loc[rel["relation"] == "essential", "occupation_id"]) == set(occ.index)
    assert set(rel["skill_id"]) == set(skills.index)


def test_sample_has_shrinking_and_growing_examples(sample):
    labels = set(sample.occupations["label_nl"].str.lower())
    for title in ["boekhouder", "kassamedewerker", "orderpicker", "data-analist"]:
        assert any(title in lbl for lbl in labels), title


def test_incidence_matches_relations(sample):
    W = sample.incidence()
    B = sample.incidence("binary")
    E = sample.incidence("essential")
    O = sample.incidence("optional")
    assert W.shape == (len(sample.occupations), len(sample.skills))
    assert B.nnz == len(sample.relations)
    assert (E + O - B).count_nonzero() == 0
    i = sample.occupation_position("occ-bookkeeper")[0]
    row = sample.relations[sample.relations["occupation_id"] == "occ-bookkeeper"]
    cols = sample.skill_position(row["skill_id"])
    np.testing.assert_allclose(W[i, cols].toarray().ravel(), row["weight"].to_numpy())
    assert W.sum() == pytest.approx(row.shape[0] * 0 + sample.relations["weight"].sum())


def test_unknown_ids_have_clear_errors(sample):
    with pytest.raises(UnknownOccupationError, match="occ-boekhouder") as info:
        sample.occupation_position("occ-boekhouder")
    assert any("occ-bookkeeper" in s for s in info.value.suggestions)
    with pytest.raises(UnknownSkillError, match="sk-nope"):
        sample.skill_position(["sk-nope"])
    with pytest.raises(InvalidParameterError, match="binary"):
        sample.incidence("dense")
    with pytest.raises(InvalidParameterError, match="'en'"):
        sample.label("occ-bookkeeper", lang="de")


def test_label_fallback_to_english(sample):
    skills = sample.skills.copy()
    sid = skills.index[0]
    skills.loc[sid, "label_nl"] = np.nan
    tax = Taxonomy(sample.occupations, skills, sample.relations)
    assert tax.label(sid, lang="nl", kind="skill") == skills.loc[sid, "label_en"]
    assert tax.label_coverage().loc["skills", "nl"] < 1.0


def _tiny():
    occ = pd.DataFrame({"label_en": ["a", "b"], "label_nl": ["a", "b"]}, index=["o1", "o2"])
    skills = pd.DataFrame({"label_en": ["x", "y"], "label_nl": ["x", "y"],
                           "digital": [True, False], "digcomp": ["1.1", None]}, index=["s1", "s2"])
    rel = pd.DataFrame({"occupation_id": ["o1", "o2"], "skill_id": ["s1", "s2"],
                        "relation": ["essential", "optional"], "weight": [1.0, 0.5]})
    return occ, skills, rel


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda o, s, r: (o.drop(columns="label_nl"), s, r), "label_nl"),
        (lambda o, s, r: (pd.concat([o, o.iloc[:1]]), s, r), "duplicated id"),
        (lambda o, s, r: (o, s, r.assign(skill_id=["s1", "s9"])), "s9"),
        (lambda o, s, r: (o, s, r.assign(occupation_id=["o1", "o9"])), "o9"),
        (lambda o, s, r: (o, s, r.assign(relation=["essential", "core"])), "core"),
        (lambda o, s, r: (o, s, r.assign(weight=[1.0, np.nan])), "weight"),
        (lambda o, s, r: (o, s, r.assign(weight=[1.0, -2.0])), "weight"),
        (lambda o, s, r: (o, s, pd.concat([r, r.iloc[:1]])), "duplicated"),
    ],
)
def test_invalid_tables_are_rejected(mutate, message):
    with pytest.raises(DataFormatError, match=message):
        Taxonomy(*mutate(*_tiny()))


def test_extend_validates_and_leaves_source_unchanged(sample):
    n_skills = len(sample.skills)
    new = pd.DataFrame({"label_en": ["prompt engineering"], "label_nl": ["prompts schrijven"],
                        "digital": [True], "digcomp": ["3.1"]}, index=["sk-prompt"])
    occ = pd.DataFrame({"label_en": ["AI office assistant"], "label_nl": ["AI-kantoorassistent"],
                        "isco_code": ["4110"]}, index=["occ-ai-assistant"])
    links = pd.DataFrame({"occupation_id": ["occ-ai-assistant", "occ-ai-assistant"],
                          "skill_id": ["sk-prompt", sample.skills.index[0]],
                          "relation": ["essential", "optional"]})
    bigger = sample.extend(occupations=occ, skills=new, relations=links)
    assert len(sample.skills) == n_skills
    assert bigger.incidence().shape == (len(sample.occupations) + 1, n_skills + 1)
    assert bigger.occupation_skills("occ-ai-assistant").loc["sk-prompt", "weight"] == 1.0
    with pytest.raises(DataFormatError, match="already exist"):
        bigger.extend(skills=new)
    with pytest.raises(DataFormatError, match="sk-missing"):
        sample.extend(occupations=occ, relations=links.assign(skill_id="sk-missing"))


def test_read_extension_errors(tmp_path, sample):
    (tmp_path / "skills.csv").write_text("id,label_en,digital,digcomp\nsk-a,a,maybe,\n")
    with pytest.raises(DataFormatError, match="'digital', row 2"):
        read_extension(tmp_path)
    (tmp_path / "skills.csv").write_text("id,label_en,digital,digcomp\nsk-a,a,true,9.9\n")
    with pytest.raises(DataFormatError, match="9.9"):
        read_extension(tmp_path)
    (tmp_path / "skills.csv").write_text("id,labl_en\nsk-a,a\n")
    with pytest.raises(DataFormatError, match="labl_en"):
        read_extension(tmp_path)
    with pytest.raises(DataFormatError, match="not a folder"):
        read_extension(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataFormatError, match="none of"):
        read_extension(tmp_path / "empty")


def test_find_occupation_dutch_english_fuzzy(sample):
    assert find_occupation(sample, "boekhouder").iloc[0]["occupation_id"] == "occ-bookkeeper"
    assert find_occupation(sample, "Bookkeeper").iloc[0]["match"] == "label"
    hit = find_occupation(sample, "boekhoudr").iloc[0]
    assert hit["occupation_id"] == "occ-bookkeeper" and hit["match"] == "fuzzy"
    assert find_occupation(sample, "zzzzqqqq").empty


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(str.strip))
def test_find_occupation_never_crashes_and_is_sorted(query):
    tax = _cached_sample()
    out = find_occupation(tax, query, limit=5)
    assert len(out) <= 5
    assert out["occupation_id"].is_unique
    assert out["occupation_id"].isin(tax.occupations.index).all()


@functools.cache
def _cached_sample():
    # hypothesis forbids function-scoped fixtures in @given tests
    return load_sample()
