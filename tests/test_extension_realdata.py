"""The AI-trainer extension (examples/extension-ai-trainer) on full ESCO v1.1.1 with the Dutch
labels and the Dutch labour market (TRANSITIONS_TEST_DATA): issue 12's acceptance."""

import warnings
from pathlib import Path

import numpy as np
import pytest

import transitions as tr

pytestmark = pytest.mark.realdata

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "extension-ai-trainer"
NEW = "ext-ai-trainer"


@pytest.fixture(scope="module")
def esco_ai(real_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # the sources' documented defects
        base = tr.load_esco(real_data / "esco" / "v1.1.1", labels={"nl": real_data / "esco" / "nl"})
        market = tr.LabourMarket.from_files(real_data)
    return base, base.extend(**tr.read_extension(EXAMPLE), name="esco+ai-trainer"), market


def test_the_documented_schema_works_on_esco(esco_ai):
    _, ext, _ = esco_ai
    new_skills = ext.skills.loc[ext.skills.index.str.startswith("ext-")]
    assert len(new_skills) == 3 and new_skills["digital"].all()
    assert new_skills["digcomp_level"].notna().all()
    assert ext.occupations.at[NEW, "label_nl"] == "AI-trainer"


def test_the_new_occupation_is_an_option_for_a_worker_with_its_essential_skills(esco_ai):
    _, ext, market = esco_ai
    essential = ext.relations[(ext.relations["occupation_id"] == NEW)
                              & (ext.relations["relation"] == "essential")]["skill_id"]
    assert len(essential) == 6
    advisor = tr.Advisor(ext, market)
    worker = tr.WorkerProfile("datatypist", skills=list(essential))
    options = advisor.recommend(worker, n=10)
    assert NEW in set(options["occupation_id"])


def test_with_the_default_reference_the_graph_of_existing_occupations_does_not_move(esco_ai):
    base, ext, _ = esco_ai
    before = tr.OccupationGraph.from_taxonomy(base).similarity_matrix().to_numpy()
    after = tr.OccupationGraph.from_taxonomy(ext).similarity_matrix().to_numpy()
    n = len(before)
    assert np.abs(after[:n, :n] - before).max() < 1e-12
