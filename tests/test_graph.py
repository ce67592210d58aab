"""Occupation graph on the embedded sample: properties, API contract and errors."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings, strategies as st

from transitions import (
    DataFormatError,
    InvalidParameterError,
    OccupationGraph,
    Taxonomy,
    UnknownOccupationError,
    UnknownSkillError,
    write_edgelist,
    write_graphml,
)
from transitions.graph import MEASURES

ALL_MEASURES = sorted(MEASURES)


@pytest.fixture(scope="module")
def graphs(sample):
    return {m: OccupationGraph.from_taxonomy(sample, m) for m in ALL_MEASURES}


@pytest.fixture(scope="module")
def default_graph(sample):
    return OccupationGraph.from_taxonomy(sample)


@pytest.mark.parametrize("measure", ALL_MEASURES)
def test_scores_in_range_and_square(graphs, sample, measure):
    S = graphs[measure].similarity_matrix()
    assert list(S.index) == list(sample.occupation_index)
    assert list(S.columns) == list(sample.occupation_index)
    assert np.isfinite(S.values).all()
    assert S.values.min() >= 0.0 and S.values.max() <= 1.0 + 1e-12


@pytest.mark.parametrize("measure", ["jaccard", "cosine", "hierarchical_cosine", "coverage"])
def test_self_similarity_is_maximal(graphs, measure):
    S = graphs[measure].similarity_matrix().values
    np.testing.assert_allclose(np.diag(S), 1.0)
    assert (S <= np.diag(S)[:, None] + 1e-12).all()


@pytest.mark.parametrize("measure", ["jaccard", "cosine", "hierarchical_cosine", "profile"])
def test_symmetric_measures_are_symmetric(graphs, measure):
    S = graphs[measure].similarity_matrix().values
    np.testing.assert_allclose(S, S.T, atol=1e-12)
    assert graphs[measure].symmetric


def test_coverage_is_asymmetric(graphs, sample):
    g = graphs["coverage"]
    assert not g.symmetric
    S = g.similarity_matrix()
    assert np.abs(S.values - S.values.T).max() > 0.1
    # A small skill set is covered by a larger one, not the other way round.
    sizes = sample.incidence("binary").sum(axis=1).A1
    big, small = sample.occupation_index[sizes.argmax()], sample.occupation_index[sizes.argmin()]
    assert S.loc[big, small] != S.loc[small, big]


def test_determinism(sample):
    a = OccupationGraph.from_taxonomy(sample).similarity_matrix()
    b = OccupationGraph.from_taxonomy(sample).similarity_matrix()
    pd.testing.assert_frame_equal(a, b)
    na = OccupationGraph.from_taxonomy(sample).neighbors("occ-bookkeeper", k=10)
    nb = OccupationGraph.from_taxonomy(sample).neighbors("occ-bookkeeper", k=10)
    pd.testing.assert_frame_equal(na, nb)


def test_default_measure_and_bookkeeper_neighbours(default_graph):
    assert default_graph.measure == "hierarchical_cosine"
    nb = default_graph.neighbors("occ-bookkeeper", k=5)
    # The nearest neighbours are the bookkeeping/finance occupations: the fiscal
    # assistant shares the bookkeeper's ISCO unit group 3313, the accounts clerk
    # most of its skills.
    assert nb["occupation_id"].iloc[0] == "occ-tax-assistant"
    assert "occ-accounts-clerk" in set(nb["occupation_id"])
    assert "occ-bookkeeper" not in set(nb["occupation_id"])
    assert list(nb["rank"]) == [1, 2, 3, 4, 5]
    assert (np.diff(nb["score"].to_numpy()) <= 0).all()


def test_neighbors_explain_shared_and_missing_skills(default_graph, sample):
    nb = default_graph.neighbors("occ-bookkeeper", k=3)
    own = set(sample.occupation_skills("occ-bookkeeper").index)
    for rec in nb.itertuples():
        dest = set(sample.occupation_skills(rec.occupation_id).index)
        assert set(rec.shared_skills) == own & dest
        assert set(rec.missing_skills) == dest - own
        assert rec.n_shared == len(rec.shared_skills) and rec.n_missing == len(rec.missing_skills)
        assert 0.0 <= rec.coverage <= 1.0
        # essential missing skills come first
        rel = sample.occupation_skills(rec.occupation_id)["relation"]
        kinds = [rel[s] for s in rec.missing_skills]
        assert kinds == sorted(kinds)  # "essential" < "optional"


def test_neighbors_ties_broken_by_id(sample):
    # Two destinations with identical skills tie; the smaller id must come first.
    occ = sample.occupations.loc[["occ-accounts-clerk"]].copy()
    occ.index = ["occ-aaa-twin"]
    rel = sample.relations[sample.relations["occupation_id"] == "occ-accounts-clerk"].copy()
    rel["occupation_id"] = "occ-aaa-twin"
    tax = sample.extend(occupations=occ, relations=rel[["occupation_id", "skill_id", "relation", "weight"]])
    g = OccupationGraph.from_taxonomy(tax, "cosine")
    nb = g.neighbors("occ-bookkeeper", k=2)
    assert nb["occupation_id"].tolist() == ["occ-aaa-twin", "occ-accounts-clerk"]
    assert nb["score"].iloc[0] == pytest.approx(nb["score"].iloc[1])


@pytest.mark.parametrize("measure", ALL_MEASURES + [None])
def test_similarity_from_skills_matches_matrix_rows(sample, measure):
    g = OccupationGraph.from_taxonomy(sample, measure) if measure else OccupationGraph.from_taxonomy(sample)
    W = sample.incidence("weight")
    ids = list(sample.occupation_index[:7])
    S = g.similarity_from_skills(W[:7], origins=ids)
    np.testing.assert_allclose(S.values, g.similarity_matrix().loc[ids].values, atol=1e-12)


def test_similarity_from_skills_inputs_agree(default_graph, sample):
    skills = [list(sample.occupation_skills("occ-cashier").index), ["sk-use-spreadsheets"]]
    a = default_graph.similarity_from_skills(skills)
    X = np.zeros((2, len(sample.skill_index)), dtype=bool)
    for i, ids in enumerate(skills):
        X[i, sample.skill_position(ids)] = True
    b = default_graph.similarity_from_skills(X)
    c = default_graph.similarity_from_skills(sp.csr_matrix(X))
    d = default_graph.similarity_from_skills(pd.DataFrame(X, columns=sample.skill_index, index=["x", "y"]))
    np.testing.assert_allclose(a.values, b.values)
    np.testing.assert_allclose(a.values, c.values)
    np.testing.assert_allclose(a.values, d.values)
    assert list(d.index) == ["x", "y"]


def test_similarity_from_skills_extra_skill_helps_towards_destination(sample):
    g = OccupationGraph.from_taxonomy(sample, "coverage")
    own = list(sample.occupation_skills("occ-bookkeeper").index)
    target = "occ-data-analyst" if "occ-data-analyst" in sample.occupation_index else sample.occupation_index[-1]
    extra = [s for s in sample.occupation_skills(target).index if s not in own]
    S = g.similarity_from_skills([own, own + extra])
    assert S.loc[1, target] > S.loc[0, target]


skill_ids = st.lists(st.integers(0, 199), min_size=0, max_size=30, unique=True)


@settings(max_examples=40, deadline=None)
@given(base=skill_ids, more=skill_ids)
def test_adding_skills_never_lowers_coverage(sample, base, more):
    g = OccupationGraph.from_taxonomy(sample, "coverage", hierarchy_decay=0.5)
    ids = sample.skill_index
    a = [ids[i] for i in base]
    b = sorted(set(a) | {ids[i] for i in more})
    S = g.similarity_from_skills([a, b]).values
    assert (S[1] >= S[0] - 1e-12).all()


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(skill_ids, min_size=1, max_size=4))
def test_scores_of_arbitrary_profiles_in_range(sample, rows):
    g = OccupationGraph.from_taxonomy(sample)
    ids = sample.skill_index
    S = g.similarity_from_skills([[ids[i] for i in r] for r in rows]).values
    assert S.shape == (len(rows), len(sample.occupation_index))
    assert np.isfinite(S).all() and S.min() >= 0 and S.max() <= 1 + 1e-12


@settings(max_examples=20, deadline=None)
@given(perm_seed=st.integers(0, 10_000))
def test_skill_column_order_does_not_matter(sample, perm_seed):
    # Jaccard via a permuted DataFrame: aligned by skill id, same scores.
    g = OccupationGraph.from_taxonomy(sample, "jaccard")
    W = pd.DataFrame(sample.incidence("binary")[:3].toarray(), columns=sample.skill_index)
    perm = np.random.default_rng(perm_seed).permutation(W.columns)
    np.testing.assert_allclose(g.similarity_from_skills(W[perm]).values,
                               g.similarity_from_skills(W).values)


def test_to_networkx_topk(default_graph, sample):
    G = default_graph.to_networkx(k=4)
    assert isinstance(G, nx.DiGraph)
    assert set(G.nodes) == set(sample.occupation_index)
    assert all(G.out_degree(n) == 4 for n in G)
    assert nx.number_of_selfloops(G) == 0
    nb = default_graph.neighbors("occ-bookkeeper", k=4)
    out = sorted(G.out_edges("occ-bookkeeper", data=True), key=lambda e: e[2]["rank"])
    assert [v for _, v, _ in out] == nb["occupation_id"].tolist()
    assert [d["weight"] for *_, d in out] == pytest.approx(nb["score"].tolist())
    assert G.nodes["occ-bookkeeper"]["label_nl"] == "boekhouder"
    assert G.nodes["occ-bookkeeper"]["isco_code"] == sample.occupations.loc["occ-bookkeeper", "isco_code"]


def test_to_networkx_threshold(default_graph):
    G = default_graph.to_networkx(k=None, threshold=0.3)
    S = default_graph.similarity_matrix().values.copy()
    np.fill_diagonal(S, 0)
    assert G.number_of_edges() == int((S >= 0.3).sum())
    assert min(d["weight"] for *_, d in G.edges(data=True)) >= 0.3


def test_exports_roundtrip(default_graph, tmp_path):
    G = default_graph.to_networkx(k=3)
    H = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["occ-bookkeeper"]["label_nl"] == "boekhouder"
    edges = pd.read_csv(write_edgelist(G, tmp_path / "e.csv", lang="nl"))
    assert len(edges) == G.number_of_edges()
    assert (edges.groupby("source")["rank"].apply(list).map(lambda r: r == [1, 2, 3])).all()
    assert not list(tmp_path.glob(".*tmp"))  # no temporary files left behind


# ---------------------------------------------------------------------- errors
def test_unknown_measure_lists_choices(sample):
    with pytest.raises(InvalidParameterError, match="hierarchical_cosine") as info:
        OccupationGraph.from_taxonomy(sample, "cosinus")
    assert "cosinus" in str(info.value)


def test_unknown_parameter_lists_valid_ones(sample):
    with pytest.raises(InvalidParameterError, match="hierarchy_decay"):
        OccupationGraph.from_taxonomy(sample, "cosine", decay=0.5)
    with pytest.raises(InvalidParameterError, match="code_prior"):
        OccupationGraph.from_taxonomy(sample, "cosine", code_prior=-1)
    with pytest.raises(InvalidParameterError, match="hierarchy_decay"):
        OccupationGraph.from_taxonomy(sample, "coverage", hierarchy_decay=2.0)


def test_unknown_occupation_has_suggestions(default_graph):
    with pytest.raises(UnknownOccupationError) as info:
        default_graph.neighbors("occ-bookkeepr")
    assert "occ-bookkeepr" in str(info.value)
    assert info.value.suggestions
    with pytest.raises(UnknownOccupationError):
        default_graph.similarity_from_skills([["sk-use-spreadsheets"]], origins=["nope"])


def test_bad_skill_inputs(default_graph, sample):
    with pytest.raises(UnknownSkillError, match="sk-nonexistent"):
        default_graph.similarity_from_skills([["sk-nonexistent"]])
    X = np.zeros((1, len(sample.skill_index)))
    X[0, 0] = np.nan
    with pytest.raises(InvalidParameterError, match="NaN"):
        default_graph.similarity_from_skills(X)
    with pytest.raises(InvalidParameterError, match="shape"):
        default_graph.similarity_from_skills(np.ones((1, 3)))
    with pytest.raises(InvalidParameterError, match="one per profile"):
        default_graph.similarity_from_skills([["sk-use-spreadsheets"]], origins=[None, None])
    with pytest.raises(InvalidParameterError, match="positive integer"):
        default_graph.neighbors("occ-bookkeeper", k=0)


def test_empty_taxonomy_is_refused(sample):
    empty_rel = sample.relations.iloc[:0]
    tax = Taxonomy(sample.occupations, sample.skills, empty_rel, name="no-links")
    with pytest.raises(DataFormatError, match="no occupation-skill relations"):
        OccupationGraph.from_taxonomy(tax)
    none = Taxonomy(sample.occupations.iloc[:0], sample.skills, empty_rel, name="empty")
    with pytest.raises(DataFormatError, match="no occupations"):
        OccupationGraph.from_taxonomy(none)


def test_nan_weights_are_refused(sample):
    tax = load_copy(sample)
    tax.relations.loc[0, "weight"] = np.nan  # corrupted after validation
    tax._incidence_cache.clear()
    with pytest.raises(DataFormatError, match="NaN"):
        OccupationGraph.from_taxonomy(tax)


def load_copy(sample):
    return Taxonomy(sample.occupations, sample.skills, sample.relations,
                    skill_hierarchy=sample.skill_hierarchy, skill_groups=sample.skill_groups,
                    name="copy")
