"""Ranking metrics and the related-occupations protocols on tiny hand-made fixtures."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from transitions import DataFormatError, InvalidParameterError, evaluation as ev


def test_metrics_by_hand():
    scores = np.array([[0.9, 0.8, 0.7, 0.1]])
    grades = np.array([[0, 3, 0, 1]])
    m = ev.ranking_metrics(scores, grades, k=2)
    # top 2 = columns 0 (grade 0) and 1 (grade 3): DCG = 7 / log2(3); ideal = 7 + 1 / log2(3)
    assert m.loc[0, "ndcg"] == pytest.approx((7 / np.log2(3)) / (7 + 1 / np.log2(3)))
    assert m.loc[0, "precision"] == 0.5
    assert m.loc[0, "recall"] == 0.5
    assert m.loc[0, "reciprocal_rank"] == 0.5
    lin = ev.ranking_metrics(scores, grades, k=2, gain="linear")
    assert lin.loc[0, "ndcg"] == pytest.approx((3 / np.log2(3)) / (3 + 1 / np.log2(3)))


def test_excluded_and_nan_rank_last():
    scores = np.array([[0.9, np.nan, 0.5, 0.4]])
    grades = np.array([[2, 3, 0, 1]])
    excluded = np.array([[True, False, False, False]])
    m = ev.ranking_metrics(scores, grades, k=1, excluded=excluded)
    # column 0 excluded (and its grade dropped), column 1 is NaN: column 2 (grade 0) ranks first
    assert m.loc[0, "precision"] == 0.0
    assert m.loc[0, "n_relevant"] == 2
    assert m.loc[0, "reciprocal_rank"] == pytest.approx(1 / 2)


def test_ties_broken_by_position():
    scores = np.array([[1.0, 1.0, 1.0]])
    m1 = ev.ranking_metrics(scores, np.array([[3, 0, 0]]), k=1)
    m2 = ev.ranking_metrics(scores, np.array([[0, 0, 3]]), k=1)
    assert m1.loc[0, "ndcg"] == 1.0 and m2.loc[0, "ndcg"] == 0.0
    assert m2.loc[0, "reciprocal_rank"] == pytest.approx(1 / 3)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 8))
def test_perfect_ranking_scores_one_and_metrics_bounded(seed, k):
    rng = np.random.default_rng(seed)
    grades = rng.integers(0, 4, size=(5, 12))
    grades[:, 0] = 1  # every row has a relevant candidate
    perfect = grades + rng.random(grades.shape) * 0.1
    m = ev.ranking_metrics(perfect, grades, k=k)
    np.testing.assert_allclose(m["ndcg"], 1.0)
    r = ev.ranking_metrics(rng.random(grades.shape), grades, k=k)
    for col in ("ndcg", "precision", "recall", "reciprocal_rank"):
        assert ((r[col] >= 0) & (r[col] <= 1)).all()
    # a ranking can never beat the ideal one
    assert (r["ndcg"] <= m["ndcg"] + 1e-12).all()


def test_bad_arguments():
    with pytest.raises(InvalidParameterError, match="k=0"):
        ev.ranking_metrics(np.zeros((1, 2)), np.zeros((1, 2)), k=0)
    with pytest.raises(InvalidParameterError, match="same shape"):
        ev.ranking_metrics(np.zeros((1, 2)), np.zeros((1, 3)))
    with pytest.raises(InvalidParameterError, match="gain"):
        ev.ranking_metrics(np.zeros((1, 2)), np.zeros((1, 2)), gain="log")


RELATED = pd.DataFrame({
    "origin": ["A", "A", "A", "B", "C"],
    "related": ["B", "C", "D", "A", "D"],
    "grade": [3, 2, 1, 3, 1],
})


def test_onet_protocol():
    truth = ev.onet_ground_truth(["A", "B", "C", "X"], RELATED)
    # D is not a candidate, so C (related only to D) and X (no list) are no origins.
    assert list(truth.origins) == ["A", "B"]
    G = pd.DataFrame(truth.grades.toarray(), index=truth.origins, columns=truth.occupations)
    assert G.loc["A", "B"] == 3 and G.loc["A", "C"] == 2 and G.loc["A", "X"] == 0
    assert G.loc["B", "A"] == 3 and G.loc["B"].sum() == 3
    assert truth.excluded[0, 0] and not truth.excluded[0, 1]


def test_crosswalk_protocol():
    # ESCO e1 -> {A}, e2 -> {B, D}, e3 -> {C}, e4 -> {A, C}, e5 -> {Z} (no relations)
    cw = pd.DataFrame({"occupation_id": ["e1", "e2", "e2", "e3", "e4", "e4", "e5"],
                       "onet_code": ["A", "B", "D", "C", "A", "C", "Z"]})
    truth = ev.crosswalk_ground_truth(["e1", "e2", "e3", "e4", "e5"], RELATED, cw)
    G = pd.DataFrame(truth.grades.toarray(), index=truth.origins, columns=truth.occupations)
    X = pd.DataFrame(truth.excluded.toarray(), index=truth.origins, columns=truth.occupations)
    # e1 (A): e2 has B (3) and D (1) -> best 3; e3 has C -> 2; e4 shares A -> excluded
    assert G.loc["e1", "e2"] == 3 and G.loc["e1", "e3"] == 2
    assert X.loc["e1", "e4"] and X.loc["e1", "e1"] and G.loc["e1", "e4"] == 0
    # e4 (A, C): best over both codes: e2 via A->B = 3; e1 and e3 share a code -> excluded
    assert G.loc["e4", "e2"] == 3 and X.loc["e4", "e1"] and X.loc["e4", "e3"]
    # e3 (C): C->D (1) reaches e2
    assert G.loc["e3", "e2"] == 1
    # e5 has no mapped related occupation: skipped
    assert "e5" not in truth.origins


def test_readers_reject_bad_files(tmp_path):
    p = tmp_path / "Related Occupations.txt"
    p.write_text("O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\nA\tB\tPrimary-Medium\n")
    with pytest.raises(DataFormatError, match="Primary-Medium"):
        ev.read_related_occupations(p)
    p.write_text("code\trelated\nA\tB\n")
    with pytest.raises(DataFormatError, match="missing column"):
        ev.read_related_occupations(p)
    with pytest.raises(DataFormatError, match="not found"):
        ev.read_related_occupations(tmp_path / "nowhere")
    good = tmp_path / "ok.txt"
    good.write_text("O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\n"
                    "A\tB\tSupplemental\nA\tC\tPrimary-Short\n")
    df = ev.read_related_occupations(good)
    assert df[["related", "grade"]].values.tolist() == [["C", 3], ["B", 1]]


def test_evaluate_similarity_alignment():
    truth = ev.onet_ground_truth(["A", "B", "C"], RELATED)
    S = pd.DataFrame([[1, 0.9, 0.1], [0.9, 1, 0.1], [0.1, 0.1, 1]],
                     index=["A", "B", "C"], columns=["A", "B", "C"])
    by_frame = ev.evaluate_similarity(S, truth, k=1)
    by_array = ev.evaluate_similarity(S.to_numpy(), truth, k=1)
    pd.testing.assert_series_equal(by_frame, by_array)
    assert by_frame["precision"] == 1.0
    # reversed column order in the frame gives the same result (aligned by id)
    pd.testing.assert_series_equal(ev.evaluate_similarity(S.iloc[::-1, ::-1], truth, k=1), by_frame)


# ---------------------------------------------------------------------- observed flows
FLOWS = """OCC_source,OCC_target,transition_prob_BLS_ASECnorm_corr,OCC_TITLE_OCC
43-3030,43-3030,0.90,Bookkeepers
43-3030,43-4050,0.06,Customer service
43-3030,13-2010,0.03,Accountants
43-3030,41-2010,0.01,Cashiers
41-2010,41-2010,0.95,Cashiers
41-2010,43-3030,0.05,Bookkeepers
"""


def _flows(tmp_path, text=FLOWS):
    path = tmp_path / "flows.csv"
    path.write_text(text, encoding="utf-8")
    return ev.read_flows(path)


def test_read_flows_validates(tmp_path):
    flows = _flows(tmp_path)
    assert list(flows.columns) == ["origin", "destination", "probability"]
    assert len(flows) == 6
    with pytest.raises(DataFormatError, match="malformed SOC"):
        _flows(tmp_path, FLOWS.replace("13-2010", "13-201"))
    with pytest.raises(DataFormatError, match="outside"):
        _flows(tmp_path, FLOWS.replace("0.03", "1.3"))
    with pytest.raises(DataFormatError, match="twice"):
        _flows(tmp_path, FLOWS + "41-2010,43-3030,0.04,Bookkeepers\n")
    with pytest.raises(DataFormatError, match="missing column"):
        _flows(tmp_path, FLOWS.replace("OCC_target", "target"))


def test_soc_flow_codes_detailed_else_broad_through_the_crosswalk():
    soc = pd.Series({"clerk": "43-3031.00", "cs": "43-4051.03", "acc": "13-2011.00",
                     "dev": "15-1252.00", "none": "99-9999.00"})
    xw = pd.DataFrame({"soc2010": ["15-1132", "15-1133"], "soc2018": ["15-1252", "15-1252"]})
    codes = ["43-3030", "43-4050", "13-2011", "15-1132", "15-1133"]
    got = ev.soc_flow_codes(soc, codes, xw)
    assert got.values.tolist() == [["acc", "13-2011"], ["clerk", "43-3030"], ["cs", "43-4050"],
                                   ["dev", "15-1132"], ["dev", "15-1133"]]


def test_evaluate_flows_by_hand(tmp_path):
    flows = _flows(tmp_path)
    ids = ["book1", "book2", "cs", "acc", "cash"]
    mapping = pd.DataFrame({"occupation_id": ids,
                            "flow_code": ["43-3030", "43-3030", "43-4050", "13-2010", "41-2010"]})
    truth = ev.flows_ground_truth(ids, flows, mapping)
    # Origins: both bookkeepers and the cashier; self flows and own-code twins are dropped.
    assert list(truth.origins) == ["book1", "book2", "cash"]
    assert truth.occupation_excluded[0, 1] and truth.occupation_excluded[0, 0]
    assert truth.occupation_gains[0, 2] == pytest.approx(0.06)
    # Bookkeepers rank cs > acc > cash (the ideal), cashier ranks book2 first.
    S = np.array([[0, 0.9, 0.8, 0.5, 0.1], [0.9, 0, 0.8, 0.5, 0.1],
                  [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0.2, 0.3, 0.1, 0.1, 0]])
    per = ev.evaluate_flows(S, truth, k=2, per_origin=True)
    assert per.loc["book1", "ndcg"] == pytest.approx(1.0)
    assert per.loc["book1", "flow_share"] == pytest.approx(0.09 / 0.10)
    # The cashier's ideal is a bookkeeper at rank 1; book2 is one: NDCG 1 at k=1.
    assert ev.evaluate_flows(S, truth, k=1, per_origin=True).loc["cash", "ndcg"] == 1.0
    # Reversed ranking for the bookkeepers: cash (0.01) then acc (0.03) against cs, acc.
    R = S.copy()
    R[:2, 2:] = R[:2, 2:][:, ::-1]
    got = ev.evaluate_flows(R, truth, k=2, per_origin=True).loc["book1", "ndcg"]
    ideal = 0.06 + 0.03 / np.log2(3)
    assert got == pytest.approx((0.01 + 0.03 / np.log2(3)) / ideal)
    # The summary averages within a code group first: book1 and book2 count once together.
    summary = ev.evaluate_flows(S, truth, k=2)
    assert summary["n_origins"] == 3 and summary["n_groups"] == 2
    by_code = ev.evaluate_flows(S, truth, k=2, unit="code", per_origin=True)
    assert by_code.loc["book1", "ndcg"] == pytest.approx(1.0)
    with pytest.raises(InvalidParameterError, match="unit"):
        ev.evaluate_flows(S, truth, unit="pair")
    obs = ev.observed_pairs(truth, ["book1", "book1", "cs", "cash"], ["cs", "book2", "acc", "book1"])
    assert obs[:2].tolist() == [1.0, 0.0] and np.isnan(obs[2]) and obs[3] == 1.0
