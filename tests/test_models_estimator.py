"""The skill-profile estimators: scikit-learn contract, learning, filling a table's gaps."""

import joblib
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.utils.estimator_checks import parametrize_with_checks

from transitions import RiskSignalClassifier, RiskSignalRegressor, Taxonomy, estimate_risk_signals
from transitions.exceptions import DataFormatError, InvalidParameterError
from transitions.models import ESTIMATE_LEVEL


@parametrize_with_checks([RiskSignalRegressor(), RiskSignalRegressor(tfidf=False, clip=(-5, 5)),
                          RiskSignalClassifier(), RiskSignalClassifier(tfidf=False)])
def test_sklearn_contract(estimator, check):
    check(estimator)


def _toy_taxonomy(n_occ=120, n_skills=60, seed=0):
    """Occupations in 6 families; family 0-2 share 'routine' skills 0-9."""
    rng = np.random.default_rng(seed)
    family = np.arange(n_occ) % 6
    rows, cols = [], []
    for i in range(n_occ):
        own = 10 + family[i] * 8 + rng.choice(8, size=4, replace=False)
        common = rng.choice(np.arange(58, n_skills), size=1)
        skills = list(own) + list(common)
        if family[i] < 3:
            skills += list(rng.choice(10, size=5, replace=False))
        rows += [i] * len(skills)
        cols += skills
    occ = pd.DataFrame({"label_en": [f"occupation {i}" for i in range(n_occ)],
                        "label_nl": [f"beroep {i}" for i in range(n_occ)]},
                       index=[f"occ-{i:03d}" for i in range(n_occ)])
    skills = pd.DataFrame({"label_en": [f"skill {j}" for j in range(n_skills)],
                           "label_nl": [f"vaardigheid {j}" for j in range(n_skills)],
                           "digital": False, "digcomp": np.nan},
                          index=[f"sk-{j:03d}" for j in range(n_skills)])
    rel = pd.DataFrame({"occupation_id": occ.index[rows], "skill_id": skills.index[cols],
                        "relation": "essential", "weight": 1.0}).drop_duplicates(
        ["occupation_id", "skill_id"])
    tax = Taxonomy(occ, skills, rel, name="toy")
    X = tax.incidence()
    routine_share = np.asarray(X[:, :10].sum(axis=1)).ravel() / np.asarray(X.sum(axis=1)).ravel()
    rti = 3 * routine_share - 1 + rng.normal(scale=0.1, size=n_occ)
    return tax, rti, family


def test_regressor_learns_signal_across_groups():
    tax, rti, family = _toy_taxonomy()
    X = tax.incidence()
    # grouped by family: each fold predicts occupations of families it never saw
    pred = cross_val_predict(RiskSignalRegressor(), X, rti,
                             groups=family, cv=GroupKFold(n_splits=3))
    assert np.corrcoef(pred, rti)[0, 1] > 0.8
    baseline = cross_val_predict(RiskSignalRegressor(alpha=1e6), X, rti, groups=family,
                                 cv=GroupKFold(n_splits=3))
    # the held-out families' own skills are unseen: only the shared routine skills help
    assert np.mean((pred - rti) ** 2) < 0.7 * np.mean((baseline - rti) ** 2)


def test_skill_weights_point_at_the_routine_skills():
    tax, rti, _ = _toy_taxonomy()
    model = RiskSignalRegressor().fit(tax.incidence(), rti)
    weights = model.skill_weights(tax.skill_index)
    assert set(weights.index[:10]) == {f"sk-{j:03d}" for j in range(10)}
    assert weights.is_monotonic_decreasing
    with pytest.raises(InvalidParameterError, match="fitted on 60 skills"):
        model.skill_weights(tax.skill_index[:5])


def test_classifier_flags_routine_families():
    tax, rti, family = _toy_taxonomy()
    X = tax.incidence()
    flag = rti > -0.25  # the three routine families
    proba = cross_val_predict(RiskSignalClassifier(C=10), X, flag, groups=family,
                              cv=GroupKFold(n_splits=3), method="predict_proba")[:, 1]
    assert proba[flag].mean() > proba[~flag].mean() + 0.25
    clf = RiskSignalClassifier().fit(X, flag)
    assert set(clf.skill_weights(tax.skill_index).index[:10]) == {f"sk-{j:03d}" for j in range(10)}


def test_clip_bounds_probabilities():
    tax, rti, _ = _toy_taxonomy()
    X = tax.incidence()
    pred = RiskSignalRegressor(clip=(0.0, 0.3)).fit(X, rti).predict(X)
    assert pred.min() == 0.0 and pred.max() == 0.3
    with pytest.raises(InvalidParameterError, match="clip"):
        RiskSignalRegressor(clip=(1.0, 0.0)).fit(X, rti)


@pytest.mark.parametrize("est, match", [(RiskSignalRegressor(alpha=0), "alpha"),
                                        (RiskSignalRegressor(tfidf="yes"), "tfidf"),
                                        (RiskSignalClassifier(C=-1), "C")])
def test_bad_parameters(est, match):
    X = sp.random(10, 5, density=0.5, format="csr", random_state=0)
    with pytest.raises(InvalidParameterError, match=match):
        est.fit(X, np.arange(10) % 2)


def test_joblib_round_trip(tmp_path):
    tax, rti, _ = _toy_taxonomy()
    X = tax.incidence()
    model = RiskSignalRegressor(alpha=0.5).fit(X, rti)
    path = tmp_path / "rti_model.joblib"
    joblib.dump(model, path)
    loaded = joblib.load(path)  # a file this test made itself
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))
    assert loaded.get_params() == model.get_params()


def _market(tax, rti):
    return pd.DataFrame({"rti": rti, "rti_source": "toy RTI", "rti_level": "ISCO 4-digit"},
                        index=tax.occupation_index)


def test_estimate_fills_only_the_gaps():
    tax, rti, _ = _toy_taxonomy()
    table = _market(tax, rti)
    gaps = np.zeros(len(rti), bool)
    gaps[::10] = True
    table.loc[gaps, ["rti", "rti_source", "rti_level"]] = np.nan
    filled = estimate_risk_signals(tax, table)
    assert filled["rti_estimated"].tolist() == gaps.tolist()
    np.testing.assert_array_equal(filled.loc[~gaps, "rti"], rti[~gaps])
    assert filled.loc[~gaps, "rti_level"].eq("ISCO 4-digit").all()
    assert filled.loc[gaps, "rti_level"].eq(ESTIMATE_LEVEL).all()
    assert filled.loc[gaps, "rti_source"].str.contains(
        "RiskSignalRegressor, trained on 108 occupations; toy RTI").all()
    assert np.corrcoef(filled.loc[gaps, "rti"], rti[gaps])[0, 1] > 0.8
    assert table["rti"].isna().sum() == gaps.sum()  # input unchanged


def test_estimate_checks_its_input():
    tax, rti, _ = _toy_taxonomy()
    table = _market(tax, rti)
    with pytest.raises(DataFormatError, match="automation_probability"):
        estimate_risk_signals(tax, table, columns=("automation_probability",))
    with pytest.raises(DataFormatError, match="does not know"):
        estimate_risk_signals(tax, table.rename(index={"occ-000": "occ-new"}))
    with pytest.raises(InvalidParameterError, match="min_train"):
        estimate_risk_signals(tax, table.iloc[:5].assign(rti=[np.nan, 1, 2, 3, 4]))
    bad = table.astype({"rti": object})
    bad.iloc[0, 0] = "high"
    with pytest.raises(DataFormatError, match="'high'"):
        estimate_risk_signals(tax, bad)


def test_estimate_with_a_custom_estimator():
    tax, rti, _ = _toy_taxonomy()
    table = _market(tax, rti)
    table.iloc[:4, 0] = np.nan
    filled = estimate_risk_signals(tax, table, estimator=RiskSignalRegressor(alpha=1e9))
    # an extreme penalty predicts (nearly) the mean of the known values
    np.testing.assert_allclose(filled["rti"].iloc[:4], np.mean(rti[4:]), atol=1e-3)
    assert clone(RiskSignalRegressor(alpha=2)).alpha == 2
