"""Group affinity and neighbour smoothing: properties against direct computations."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from transitions import InvalidParameterError, OccupationGraph
from transitions.graph.smoothing import group_affinity, neighbour_weights


def _random_case(seed, n=9, n_groups=3):
    rng = np.random.default_rng(seed)
    S = rng.random((n, n)).round(1)  # rounding makes ties common
    groups = rng.integers(-1, n_groups, n)
    return S, groups


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_group_affinity_is_the_mean_over_member_pairs(seed):
    S, groups = _random_case(seed)
    A = group_affinity(S, groups)
    for g in range(A.shape[0]):
        for h in range(A.shape[1]):
            pairs = [S[o, d] for o in np.flatnonzero(groups == g)
                     for d in np.flatnonzero(groups == h) if o != d]
            assert A[g, h] == pytest.approx(np.mean(pairs) if pairs else 0.0)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 12), with_exclude=st.booleans())
def test_neighbour_weights_pick_the_k_best_positive(seed, k, with_exclude):
    S, _ = _random_case(seed)
    n = S.shape[0]
    exclude = np.random.default_rng(seed).integers(-1, n, n) if with_exclude else None
    N = neighbour_weights(S, k, exclude=exclude).toarray()
    for i in range(n):
        allowed = [j for j in range(n) if S[i, j] > 0 and (exclude is None or j != exclude[i])]
        # best first, ties by column: the reference order
        ref = sorted(allowed, key=lambda j: (-S[i, j], j))[:k]
        assert set(np.flatnonzero(N[i])) == set(ref)
        if ref:
            assert N[i].sum() == pytest.approx(1.0)
            np.testing.assert_allclose(N[i, ref], S[i, ref] / S[i, ref].sum())
        else:
            assert N[i].sum() == 0


def test_zero_weights_change_nothing(sample):
    plain = OccupationGraph.from_taxonomy(sample, "hierarchical_cosine", code_prior=0.4)
    same = OccupationGraph.from_taxonomy(sample, "hierarchical_cosine", code_prior=0.4,
                                         group_prior=0.0, neighbour_smoothing=0.0)
    np.testing.assert_array_equal(plain.similarity_matrix().values, same.similarity_matrix().values)


@pytest.mark.parametrize("params", [{"group_prior": 2.0}, {"neighbour_smoothing": 1.0},
                                    {"group_prior": 1.0, "neighbour_smoothing": 2.0,
                                     "smoothing_k": 3}])
def test_smoothed_graph_scores_and_profiles(sample, params):
    g = OccupationGraph.from_taxonomy(sample, "coverage", **params)
    S = g.similarity_matrix().values
    assert np.isfinite(S).all() and S.min() >= 0 and S.max() <= 1 + 1e-12
    ids = list(sample.occupation_index[:6])
    P = g.similarity_from_skills(sample.incidence("weight")[:6], origins=ids)
    np.testing.assert_allclose(P.values, g.similarity_matrix().loc[ids].values, atol=1e-12)
    for name, value in params.items():
        assert g.params[name] == value


def test_smoothing_follows_the_neighbours(sample):
    # With smoothing, an occupation's scores move towards its skill neighbours' scores.
    plain = OccupationGraph.from_taxonomy(sample, "cosine")
    smooth = OccupationGraph.from_taxonomy(sample, "cosine", neighbour_smoothing=1.0,
                                           smoothing_k=1)
    S0, S1 = plain.similarity_matrix().values, smooth.similarity_matrix().values
    for i in range(S0.shape[0]):
        row = S0[i].copy()
        row[i] = -np.inf
        j = int(np.argmax(row))  # ties: first column, as the smoothing breaks them
        if S0[i, j] > 0:
            np.testing.assert_allclose(S1[i], (S0[i] + S0[j]) / 2)


def test_default_uses_smoothing_on_isco_taxonomies(sample):
    g = OccupationGraph.from_taxonomy(sample)
    assert g.params["group_prior"] > 0 and g.params["neighbour_smoothing"] > 0
    override = OccupationGraph.from_taxonomy(sample, neighbour_smoothing=0.0)
    assert override.params["neighbour_smoothing"] == 0.0
    assert override.params["group_prior"] == g.params["group_prior"]


@pytest.mark.parametrize("params, match", [
    ({"smoothing_k": 0}, "smoothing_k"), ({"smoothing_k": 2.5}, "smoothing_k"),
    ({"smoothing_k": True}, "smoothing_k"), ({"group_prior": -1}, "group_prior"),
    ({"neighbour_smoothing": float("nan")}, "neighbour_smoothing"),
])
def test_bad_smoothing_parameters(sample, params, match):
    with pytest.raises(InvalidParameterError, match=match):
        OccupationGraph.from_taxonomy(sample, "cosine", **params)
