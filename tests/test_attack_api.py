"""Attack corpus, the Python API: bad parameters and tables raise TransitionsError subclasses
naming the parameter (or table, column, row) and what would be valid; implausible numbers in
labour-market tables are counted defects that fall back, never kept.
"""

import math

import numpy as np
import pandas as pd
import pytest

from transitions import (
    DataFormatError,
    InvalidParameterError,
    LabourMarket,
    OccupationGraph,
    Taxonomy,
    UnknownOccupationError,
    WorkerProfile,
    find_occupation,
    load_esco,
    load_onet,
    load_sample,
)
from transitions.labour import normalise_table

from _attack import expect_error, expect_warning
from esco_fixtures import v12_zip


@pytest.fixture(scope="module")
def tax():
    return load_sample()


# ---------------------------------------------------------------------- find_occupation
@pytest.mark.parametrize("kwargs,fragment", [
    ({"min_score": 200}, "min_score"),
    ({"min_score": -1}, "min_score"),
    ({"min_score": math.nan}, "min_score"),
    ({"min_score": "60"}, "min_score"),
    ({"min_score": [60]}, "min_score"),
    ({"limit": 0}, "limit"),
    ({"limit": -2}, "limit"),
    ({"limit": 2.5}, "limit"),
    ({"limit": True}, "limit"),
    ({"limit": "10"}, "limit"),
    ({"lang": "fr"}, "lang"),
])
def test_find_occupation_parameters(tax, kwargs, fragment):
    expect_error(lambda: find_occupation(tax, "boekhouder", **kwargs), fragment,
                 kind=InvalidParameterError)


@pytest.mark.parametrize("query", ["", "   ", None, 42, ["boekhouder"], "x" * 1_000_000])
def test_find_occupation_queries(tax, query):
    msg = expect_error(lambda: find_occupation(tax, query), "query", kind=InvalidParameterError)
    assert len(msg) < 300


# ---------------------------------------------------------------------- WorkerProfile
@pytest.mark.parametrize("kwargs,fragment", [
    ({"occupation": ""}, "occupation"),
    ({"occupation": None}, "occupation"),
    ({"occupation": 2411}, "occupation"),
    ({"occupation": "x" * 1_000_000}, "characters"),
    ({"skills": "sk-sql" * 1}, None),  # a single id as text is accepted (see below)
    ({"skills": [None]}, "skills[0]"),
    ({"skills": [["sk-sql"]]}, "skills[0]"),
    ({"skills": [1.5]}, "skills[0]"),
    ({"skills": {"sk-sql": 1}}, "skills"),
    ({"skills": [f"s{i}" for i in range(5000)]}, "at most"),
    ({"exclude": ["occ-x"] * 1 + [""]}, "empty"),
    ({"wage": -1}, "wage"), ({"wage": 0}, "wage"), ({"wage": math.inf}, "wage"),
    ({"wage": math.nan}, "wage"), ({"wage": "21"}, "wage"), ({"wage": True}, "wage"),
    ({"min_wage_ratio": 0}, "min_wage_ratio"), ({"min_wage_ratio": math.nan}, "min_wage_ratio"),
    ({"min_wage_ratio": -0.5}, "min_wage_ratio"), ({"min_wage_ratio": "1"}, "min_wage_ratio"),
    ({"max_steps": 0}, "max_steps"), ({"max_steps": 4}, "max_steps"),
    ({"max_steps": 2.0}, "max_steps"), ({"max_steps": True}, "max_steps"),
    ({"exclude_at_risk": "yes"}, "exclude_at_risk"), ({"exclude_at_risk": None}, "exclude_at_risk"),
    ({"digcomp": {"9.9": 3}}, "9.9"), ({"digcomp": {"1.1": 0}}, "1.1"),
    ({"digcomp": {"1.1": 2.5}}, "1.1"), ({"digcomp": [("1.1", 3)]}, "digcomp"),
    ({"profile_id": "p" * 600}, "profile_id"),
    ({"skills": ["sk-sql"], "lacking": ["sk-sql"]}, "both"),
])
def test_worker_profile_parameters(kwargs, fragment):
    kwargs = {"occupation": "boekhouder", **kwargs}
    if fragment is None:
        assert WorkerProfile(**kwargs).skills == ("sk-sql",)
        return
    msg = expect_error(lambda: WorkerProfile(**kwargs), fragment, kind=InvalidParameterError)
    assert len(msg) < 400


@pytest.mark.parametrize("occupation,fragment", [
    ("astronaut", "astronaut"), ("9999", "9999"), ("occ-nothing", "occ-nothing"),
])
def test_unknown_occupation_names_it_with_suggestions(tax, occupation, fragment):
    msg = expect_error(lambda: WorkerProfile(occupation).resolve(tax), fragment,
                       kind=UnknownOccupationError)
    assert "closest" in msg or "suggest" in msg or "(" in msg


# ---------------------------------------------------------------------- Taxonomy tables
def _tables(tax):
    return tax.occupations.copy(), tax.skills.copy(), tax.relations.copy()


@pytest.mark.parametrize("change,fragment", [
    (lambda o, s, r: (o, s, r.assign(weight=np.nan)), "weight"),
    (lambda o, s, r: (o, s, r.assign(weight=-1.0)), "weight"),
    (lambda o, s, r: (o, s, r.assign(weight=np.inf)), "weight"),
    (lambda o, s, r: (o, s, r.assign(weight="heavy")), "weight"),
    (lambda o, s, r: (o, s, r.assign(relation="wizardry")), "relation"),
    (lambda o, s, r: (o, s, r.assign(occupation_id="occ-nothing")), "occ-nothing"),
    (lambda o, s, r: (o, s, r.assign(skill_id="sk-nothing")), "sk-nothing"),
    (lambda o, s, r: (o, s, pd.concat([r, r.head(1)])), "duplicated"),
    (lambda o, s, r: (pd.concat([o, o.head(1)]), s, r), "duplicated"),
    (lambda o, s, r: (o.drop(columns="label_en"), s, r), "label_en"),
    (lambda o, s, r: (o, s.drop(columns="digital"), r), "digital"),
    (lambda o, s, r: (o, s, r.drop(columns="weight")), "weight"),
    (lambda o, s, r: (o.to_dict(), s, r), "DataFrame"),
])
def test_taxonomy_tables(tax, change, fragment):
    o, s, r = change(*_tables(tax))
    expect_error(lambda: Taxonomy(o, s, r), fragment, kind=DataFormatError)


@pytest.mark.parametrize("edges", [
    pd.DataFrame({"child": ["grp-a", "grp-b"], "parent": ["grp-b", "grp-a"]}),
    pd.DataFrame({"child": ["sk-sql"], "parent": ["sk-sql"]}),
])
def test_taxonomy_hierarchy_cycles(tax, edges):
    msg = expect_error(lambda: Taxonomy(*_tables(tax), skill_hierarchy=edges), "cycle",
                       kind=DataFormatError)
    assert "->" in msg


def test_injected_two_cycle_in_the_sample_hierarchy_is_named(tax):
    h = tax.skill_hierarchy
    first = h.iloc[0]
    bad = pd.concat([h, pd.DataFrame({"child": [first["parent"]], "parent": [first["child"]]})])
    expect_error(lambda: Taxonomy(*_tables(tax), skill_hierarchy=bad), "cycle",
                 str(first["child"]))


@pytest.mark.parametrize("kwargs,fragment", [
    ({"skill_hierarchy": pd.DataFrame({"child": ["sk-sql"], "parent": ["grp-nowhere"]})},
     "grp-nowhere"),
    ({"relations": pd.DataFrame({"occupation_id": ["occ-cashier"], "skill_id": ["sk-sql"],
                                 "relation": ["sometimes"]})}, "relation"),
    ({"skills": pd.DataFrame({"label_en": ["x"]}, index=["sk-sql"])}, "sk-sql"),
    ({"skills": "not a table"}, "DataFrame"),
])
def test_taxonomy_extend(tax, kwargs, fragment):
    expect_error(lambda: tax.extend(**kwargs), fragment, kind=DataFormatError)


# ---------------------------------------------------------------------- graph
@pytest.mark.parametrize("kwargs,fragment", [
    ({"threshold": 2.0}, "threshold"), ({"threshold": -0.1}, "threshold"),
    ({"threshold": math.nan}, "threshold"), ({"threshold": "0.5"}, "threshold"),
    ({"k": 0}, "k"), ({"k": -1}, "k"),
])
def test_graph_export_parameters(tax, kwargs, fragment):
    graph = OccupationGraph.from_taxonomy(tax)
    expect_error(lambda: graph.to_networkx(**kwargs), fragment, kind=InvalidParameterError)


@pytest.mark.parametrize("occupation,k,kind", [
    ("occ-nothing", 5, UnknownOccupationError), ("occ-bookkeeper", 0, InvalidParameterError),
    ("occ-bookkeeper", "5", InvalidParameterError),
])
def test_graph_neighbors_parameters(tax, occupation, k, kind):
    graph = OccupationGraph.from_taxonomy(tax)
    expect_error(lambda: graph.neighbors(occupation, k=k), kind=kind)


# ---------------------------------------------------------------------- labour-market tables
def wage_table(**values):
    t = pd.DataFrame({"code_system": "BRC 2014", "code": ["0434", "0435", "043"],
                      "wage_median": [21.2, 22.0, 21.6], "wage_currency": "EUR",
                      "source": "test"})
    for col, vals in values.items():
        t[col] = vals
    return t


@pytest.mark.parametrize("median,shown", [(0.0, "0.0"), (1e12, "1000000000000.0"),
                                          (0.5, "0.5"), (5000.0, "5000.0")])
def test_implausible_wage_is_a_counted_defect_and_falls_back(median, shown):
    table = wage_table(wage_median=[21.2, median, 21.6])
    out = expect_warning(lambda: normalise_table(table, "wage"), "implausible", "wage_median",
                         shown)
    assert out.loc[out["code"] == "0435", "wage_median"].isna().all()
    assert out.loc[out["code"] == "0434", "wage_median"].tolist() == [21.2]


@pytest.mark.parametrize("values,fragment", [
    ({"wage_median": [21.2, -3.0, 21.6]}, "wage_median"),
    ({"wage_median": [21.2, "abc", 21.6]}, "wage_median"),
    ({"wage_median": [21.2, math.inf, 21.6]}, "wage_median"),
    ({"code": ["0434", "ABCD", "043"]}, "ABCD"),
    ({"code_system": "BRC 2099"}, "BRC 2099"),
    ({"source": [None, "x", "y"]}, "source"),
])
def test_impossible_labour_values_are_errors(values, fragment):
    expect_error(lambda: normalise_table(wage_table(**values), "wage"), fragment,
                 kind=DataFormatError)


def test_labour_market_from_tables_screens_every_measure():
    jobs = pd.DataFrame({"code_system": "ISCO-08", "code": ["2411", "4311"],
                         "employment": [1000.0, 5e12], "source": "test"})
    lm = expect_warning(lambda: LabourMarket.from_tables(employment=jobs),
                        "implausible", "employment")
    assert lm.table("employment")["employment"].isna().sum() == 1


def test_labour_root_missing_names_the_folder(tmp_path):
    expect_error(lambda: LabourMarket.from_files(tmp_path / "nothing"), "nothing",
                 kind=FileNotFoundError)
    (tmp_path / "empty").mkdir()
    msg = expect_error(lambda: LabourMarket.from_files(tmp_path / "empty"),
                       "cbs_85517NED", "roa_ais", kind=DataFormatError)
    assert "isco08_brc2014" in msg


# ---------------------------------------------------------------------- importers' parameters
@pytest.mark.parametrize("call,fragment", [
    (lambda p: load_esco(p / "nothing"), "nothing"),
    (lambda p: load_esco(v12_zip(p), labels="nl"), "labels"),
    (lambda p: load_esco(v12_zip(p), labels={"english": p}), "english"),
    (lambda p: load_esco(v12_zip(p), labels={"en": p}), "English"),
    (lambda p: load_esco(v12_zip(p), labels={"nl": p / "nothing"}), "nothing"),
    (lambda p: load_onet(p / "nothing"), "nothing"),
    (lambda p: load_onet(p, domains=["Hobbies"]), "Hobbies"),
    (lambda p: load_onet(p, technology="product"), "technology"),
    (lambda p: load_onet(p), "O*NET"),
])
def test_importer_parameters(tmp_path, call, fragment):
    expect_error(lambda: call(tmp_path), fragment)


# ---------------------------------------------------------------------- the advisor
@pytest.fixture(scope="module")
def advisor():
    from transitions import Advisor

    return Advisor.from_sample()


@pytest.mark.parametrize("kwargs,fragment", [
    ({"max_gap_months": -1}, "max_gap_months"),
    ({"max_gap_months": math.nan}, "max_gap_months"),
    ({"max_gap_months": "12"}, "max_gap_months"),
    ({"min_carried": -2}, "min_carried"),
    ({"min_carried": 2.5}, "min_carried"),
    ({"min_carried_share": 1.5}, "min_carried_share"),
    ({"min_similarity": 2}, "min_similarity"),
    ({"in_demand_only": "yes"}, "in_demand_only"),
    ({"score_model": "nope"}, "score_model"),
    ({"level_tolerance": -1}, "level_tolerance"),
    ({"n_jobs": 0}, "n_jobs"),
    ({"n_jobs": "2"}, "n_jobs"),
])
def test_advisor_parameters(tax, kwargs, fragment):
    from transitions import Advisor

    def call():
        Advisor(tax, **kwargs).recommend(WorkerProfile("boekhouder"))

    expect_error(call, fragment, kind=InvalidParameterError)


@pytest.mark.parametrize("kwargs,fragment", [
    ({"n": 0}, "n "), ({"n": 2.5}, "n "), ({"max_gap_months": -5}, "max_gap_months"),
    ({"min_carried": "a"}, "min_carried"), ({"lang": "fr"}, "lang"),
])
def test_recommend_parameters(advisor, kwargs, fragment):
    expect_error(lambda: advisor.recommend(WorkerProfile("boekhouder"), **kwargs), fragment,
                 kind=InvalidParameterError)


@pytest.mark.parametrize("likelihood", ["x", 1, None])
def test_transition_scores_likelihood_is_a_bool(advisor, likelihood):
    expect_error(lambda: advisor.transition_scores(likelihood=likelihood), "likelihood",
                 kind=InvalidParameterError)
