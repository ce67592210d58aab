"""Skill-profile features: skills plus the skill groups above them."""

import numpy as np
import pandas as pd
import pytest

from transitions import Taxonomy
from transitions.exceptions import UnknownOccupationError
from transitions.models import skill_profiles


@pytest.fixture
def tax():
    occ = pd.DataFrame({"label_en": ["clerk", "printer"], "label_nl": ["klerk", "drukker"]},
                       index=["o1", "o2"])
    skills = pd.DataFrame({"label_en": ["type", "file", "print"], "label_nl": ["t", "f", "p"],
                           "digital": False, "digcomp": np.nan}, index=["s1", "s2", "s3"])
    rel = pd.DataFrame({"occupation_id": ["o1", "o1", "o2"], "skill_id": ["s1", "s2", "s3"],
                        "relation": ["essential", "optional", "essential"],
                        "weight": [1.0, 0.5, 1.0]})
    # s1, s2 -> g-office -> g-top ; s3 -> g-machine -> g-top ; s2 -> s1 (skill under skill)
    hier = pd.DataFrame({"child": ["s1", "s2", "s3", "g-office", "g-machine", "s2"],
                         "parent": ["g-office", "g-office", "g-machine", "g-top", "g-top", "s1"]})
    return Taxonomy(occ, skills, rel, skill_hierarchy=hier)


def test_groups_hold_the_weight_of_the_skills_below(tax):
    prof = skill_profiles(tax)
    assert list(prof.columns) == ["s1", "s2", "s3", "g-machine", "g-office", "g-top"]
    dense = pd.DataFrame(prof.matrix.toarray(), index=prof.index, columns=prof.columns)
    assert dense.loc["o1", "g-office"] == 1.5 and dense.loc["o1", "g-machine"] == 0
    assert dense.loc["o1", "g-top"] == 1.5 and dense.loc["o2", "g-top"] == 1.0
    assert dense.loc["o2", "g-machine"] == 1.0
    # a skill-to-skill edge does not add a column nor move weight between skill columns
    assert dense.loc["o1", "s1"] == 1.0 and dense.loc["o1", "s2"] == 0.5


def test_without_hierarchy_it_is_the_incidence(tax):
    prof = skill_profiles(tax, hierarchy=False, kind="binary")
    assert list(prof.columns) == ["s1", "s2", "s3"]
    assert (prof.matrix != tax.incidence("binary")).nnz == 0


def test_rows_by_id(tax):
    prof = skill_profiles(tax)
    assert prof.rows(["o2"]).toarray()[0, 2] == 1.0
    with pytest.raises(UnknownOccupationError, match="o9"):
        prof.rows(["o9"])
