import json

import numpy as np
import pandas as pd
import pytest

from transitions import (
    InvalidParameterError,
    UnknownOccupationError,
    UnknownSkillError,
    WorkerProfile,
    digcomp_areas,
    digcomp_competences,
    digcomp_levels,
)
from transitions.datasets.extension import DIGCOMP_COMPETENCES
from transitions.profile import DEFAULT_DIGCOMP_LEVEL, resolve_occupation


# ---------------------------------------------------------------- occupation lookup
@pytest.mark.parametrize("text", ["occ-bookkeeper", "boekhouder", "Bookkeeper", "  BOEKHOUDER ",
                                  "financieel administrateur", "accounts administrator"])
def test_occupation_resolves_by_id_code_and_title(sample, text):
    assert WorkerProfile(text).resolve(sample).occupation == "occ-bookkeeper"


# ISCO 3313 is shared in the sample (bookkeeper, payroll consultant, tax assistant),
# so resolving by code is checked on codes that belong to one occupation.
@pytest.mark.parametrize("code,occ", [("4311", "occ-accounts-clerk"), ("4313", "occ-payroll-clerk")])
def test_occupation_resolves_by_unique_isco_code(sample, code, occ):
    assert WorkerProfile(code).resolve(sample).occupation == occ


def test_unknown_occupation_has_suggestions(sample):
    with pytest.raises(UnknownOccupationError, match="boekhoudr") as info:
        WorkerProfile("boekhoudr").resolve(sample)
    assert info.value.suggestions
    assert "occ-bookkeeper" in info.value.suggestions[0]


def test_shared_isco_code_is_ambiguous_and_lists_the_candidates(sample):
    shared = sample.occupations["isco_code"].value_counts()
    code = shared.index[shared > 1][0]
    ids = set(sample.occupations.index[sample.occupations["isco_code"] == code])
    with pytest.raises(UnknownOccupationError, match="ambiguous") as info:
        resolve_occupation(sample, code)
    assert {s.rsplit("(", 1)[1].rstrip(")") for s in info.value.suggestions} == ids


def test_unknown_skill_ids_are_named(sample):
    with pytest.raises(UnknownSkillError, match="sk-juggling"):
        WorkerProfile("boekhouder", skills=["sk-python", "sk-juggling"]).resolve(sample)
    with pytest.raises(UnknownSkillError, match="lacking"):
        WorkerProfile("boekhouder", lacking=["sk-nope"]).resolve(sample)
    with pytest.raises(UnknownOccupationError, match="exclude"):
        WorkerProfile("boekhouder", exclude=["occ-astronaut"]).resolve(sample)


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize("digcomp, match", [
    ({"3.4": 0}, "1 \\(foundation\\) to 8"),
    ({"3.4": 9}, "1 \\(foundation\\) to 8"),
    ({"3": 2.5}, "integer"),
    ({"3": float("nan")}, "integer"),
    ({"3": True}, "integer"),
    ({"3": "4"}, "integer"),
    ({"3.5": 4}, "unknown DigComp"),
    ({"6": 4}, "unknown DigComp"),
    ({"programming": 4}, "unknown DigComp"),
    ({"3": 4, 3: 5}, "twice"),
    ([("3", 4)], "mapping"),
])
def test_bad_digcomp_assessments(digcomp, match):
    with pytest.raises(InvalidParameterError, match=match):
        WorkerProfile("boekhouder", digcomp=digcomp)


@pytest.mark.parametrize("wage", [-1.0, 0, float("nan"), float("inf"), "20", True])
def test_bad_wages(wage):
    with pytest.raises(InvalidParameterError, match="wage"):
        WorkerProfile("boekhouder", wage=wage)


@pytest.mark.parametrize("kwargs, match", [
    ({"min_wage_ratio": 0}, "min_wage_ratio"),
    ({"min_wage_ratio": float("nan")}, "min_wage_ratio"),
    ({"max_steps": 0}, "max_steps"),
    ({"max_steps": 4}, "max_steps"),
    ({"max_steps": 2.0}, "max_steps"),
    ({"exclude_at_risk": "yes"}, "exclude_at_risk"),
    ({"skills": ["sk-python"], "lacking": ["sk-python"]}, "both"),
    ({"skills": 5}, "list of ids"),
])
def test_bad_constraints(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        WorkerProfile("boekhouder", **kwargs)


def test_good_values_are_normalised():
    p = WorkerProfile("boekhouder", digcomp={3: 4, "1.2": 5.0}, wage=np.float64(21), max_steps=np.int64(2),
                      skills="sk-python", exclude=["occ-cashier", "occ-cashier"])
    assert p.digcomp == {"3": 4, "1.2": 5}
    assert p.wage == 21.0 and isinstance(p.wage, float)
    assert p.skills == ("sk-python",) and p.exclude == ("occ-cashier",)
    assert p.competence_levels() == {"1.2": 5, "3.1": 4, "3.2": 4, "3.3": 4, "3.4": 4}


# ---------------------------------------------------------------- skills held
def _documented_skill_set(tax, occupation, digcomp, skills=(), lacking=()):
    """The module docs' rule, written independently with pandas."""
    rel = tax.relations[tax.relations["occupation_id"] == occupation]
    held = set(rel["skill_id"])
    comp = digcomp_competences()
    rated = {}
    for code in comp.index:
        if code in digcomp:
            rated[code] = digcomp[code]
        elif code[0] in digcomp:
            rated[code] = digcomp[code[0]]
    sk = tax.skills
    for code, level in rated.items():
        members = sk[sk["digcomp"] == code]
        need = members["digcomp_level"].fillna(DEFAULT_DIGCOMP_LEVEL).astype(int)
        held |= set(need.index[need <= level])
        held -= set(need.index[need > level])
    return (held | set(skills)) - set(lacking)


@pytest.mark.parametrize("digcomp", [{}, {"1": 1}, {"3": 8}, {"5": 2, "5.1": 8}, {"1.1": 2, "2": 6}])
def test_skill_set_follows_the_documented_rule(sample, digcomp):
    tax = sample
    expected = _documented_skill_set(tax, "occ-bookkeeper", digcomp, ["sk-python"], ["sk-data-entry"])
    p = WorkerProfile("boekhouder", digcomp=digcomp, skills=["sk-python"], lacking=["sk-data-entry"])
    assert set(p.skill_set(tax)) == expected


def test_self_assessment_can_remove_a_digital_skill(sample):
    sk = sample.skills
    own = sample.occupation_skills("occ-bookkeeper")
    digital = own[own["digcomp"].notna()]
    assert len(digital), "the sample's bookkeeper has DigComp-tagged skills"
    code = digital["digcomp"].iloc[0]
    needed = int(sk.loc[digital.index[0], "digcomp_level"])
    if needed > 1:
        p = WorkerProfile("boekhouder", digcomp={code: needed - 1})
        assert digital.index[0] not in set(p.skill_set(sample))


# ---------------------------------------------------------------- persistence
def test_round_trips_and_equality(tmp_path):
    p = WorkerProfile("boekhouder", skills=["sk-python"], digcomp={"3": 2}, wage=20.5,
                      min_wage_ratio=0.95, exclude_at_risk=False, max_steps=2,
                      exclude=["occ-cashier"], profile_id="c-17")
    assert WorkerProfile.from_dict(p.to_dict()) == p
    assert hash(WorkerProfile.from_dict(p.to_dict())) == hash(p)
    assert json.loads(json.dumps(p.to_dict())) == p.to_dict()
    p.to_json(tmp_path / "p.json")
    assert WorkerProfile.from_json(tmp_path / "p.json") == p
    assert p.replace(wage=None).wage is None and p.replace(wage=None) != p
    assert "c-17" in repr(p)


def test_yaml_round_trip(tmp_path):
    pytest.importorskip("yaml", reason="PyYAML is optional: YAML profiles need it")
    p = WorkerProfile("boekhouder", digcomp={"3.4": 2}, wage=19.0, profile_id=7)
    p.to_yaml(tmp_path / "p.yaml")
    assert WorkerProfile.from_yaml(tmp_path / "p.yaml") == p


def test_unreadable_profile_files(tmp_path):
    from transitions import DataFormatError

    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFormatError, match="bad.json"):
        WorkerProfile.from_json(tmp_path / "bad.json")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InvalidParameterError, match="dict"):
        WorkerProfile.from_json(tmp_path / "list.json")


def test_from_dict_rejects_unknown_fields():
    with pytest.raises(InvalidParameterError, match="salary"):
        WorkerProfile.from_dict({"occupation": "boekhouder", "salary": 20})
    with pytest.raises(InvalidParameterError, match="occupation"):
        WorkerProfile.from_dict({"wage": 20})


def test_profiles_are_never_written_unless_asked(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = {p for p in tmp_path.rglob("*")}
    p = WorkerProfile("boekhouder", wage=20.0, digcomp={"1": 3})
    p.resolve(sample)
    p.skill_set(sample)
    assert {q for q in tmp_path.rglob("*")} == before


# ---------------------------------------------------------------- DigComp tables
def test_digcomp_tables():
    comp = digcomp_competences()
    assert tuple(comp.index) == DIGCOMP_COMPETENCES
    assert comp["title_nl"].notna().all() and comp["title_nl"].is_unique
    assert list(digcomp_areas().index) == ["1", "2", "3", "4", "5"]
    assert list(digcomp_levels()["group_en"]) == ["Foundation"] * 2 + ["Intermediate"] * 2 + \
        ["Advanced"] * 2 + ["Highly specialised"] * 2


def test_sample_digcomp_codes_are_known(sample):
    codes = set(sample.skills["digcomp"].dropna())
    assert codes <= set(digcomp_competences().index)


def test_digcomp_titles_match_the_framework(real_data):
    ref = pd.read_csv(real_data / "digcomp" / "digcomp_2.2_competences.csv", dtype=str)
    ref = ref.set_index("competence_id")
    comp = digcomp_competences()
    assert list(ref.index) == list(comp.index)
    assert (ref["competence_title"] == comp["title_en"]).all()
    assert (ref["area_id"] == comp["area"]).all()
    areas = pd.read_csv(real_data / "digcomp" / "digcomp_2.2_areas.csv", dtype=str).set_index("area_id")
    assert (areas["area_title"] == digcomp_areas()["title_en"]).all()
    levels = pd.read_csv(real_data / "digcomp" / "digcomp_2.2_proficiency_levels.csv")
    assert list(levels["level_group"]) == list(digcomp_levels()["group_en"])


def test_area_tagged_skills_follow_the_area_level(sample):
    new = pd.DataFrame({"label_en": ["ICT safety"], "label_nl": ["ICT-veiligheid"],
                        "digital": [True], "digcomp": ["4"]}, index=["sk-ict-safety"])
    links = pd.DataFrame({"occupation_id": ["occ-bookkeeper"], "skill_id": ["sk-ict-safety"],
                          "relation": ["essential"]})
    tax = sample.extend(skills=new, relations=links)
    held = lambda **dc: "sk-ict-safety" in set(WorkerProfile("boekhouder", digcomp=dc).skill_set(tax))
    assert held()                                  # the occupation's own skill
    assert held(**{"4": DEFAULT_DIGCOMP_LEVEL})
    assert not held(**{"4": DEFAULT_DIGCOMP_LEVEL - 1})
    # Without an area rating, the lowest rated competence of the area decides.
    assert not held(**{"4.1": 8, "4.2": 2})
    assert held(**{"4.1": 8, "4.2": 6})
    assert held(**{"3.4": 1})                      # other areas do not matter
