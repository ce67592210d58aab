"""scikit-learn estimators that learn risk signals from an occupation's skill profile.

The direct risk signals come from statistics published per occupation group:
the routine task intensity per ISCO-08 unit group, the Frey-Osborne
probability per SOC occupation. ESCO's ~3,000 occupations share 427 ISCO unit
groups, and an occupation a researcher adds to a taxonomy has no group score
at all. Occupations with similar skills do similar tasks, so a model fitted on
the rows of :meth:`transitions.Taxonomy.incidence` of the scored occupations
(best with the skill groups above the skills added,
:func:`transitions.models.skill_profiles`) gives an estimate for the others.

- :class:`RiskSignalRegressor`: ridge regression on the (tf-idf weighted)
  skill profile, for continuous signals (RTI, automation probability, AI exposure).
- :class:`RiskSignalClassifier`: logistic regression on the same features,
  for the at-risk flag (``predict_proba`` gives its probability).
- :func:`estimate_risk_signals`: fill the gaps of a labour-market table with
  such estimates, marked by source and level.

Both estimators follow the scikit-learn API (``fit``/``predict``,
``get_params``/``set_params``, ``clone``, pipelines, grid search) and pass
:func:`sklearn.utils.estimator_checks.check_estimator`.

Saving and loading
------------------
Fitted estimators are saved with :mod:`joblib`::

    import joblib
    joblib.dump(model, "rti_model.joblib")
    model = joblib.load("rti_model.joblib")

.. warning::
   ``joblib.load`` runs pickle, which can execute arbitrary code while it
   loads. Load only files you made yourself (or received from someone you
   trust, over a channel you trust). The library itself never pickles: its
   caches are CSV, JSON, npz and Parquet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, clone
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from ..exceptions import DataFormatError, InvalidParameterError
from .features import skill_profiles

__all__ = ["RiskSignalRegressor", "RiskSignalClassifier", "estimate_risk_signals",
           "ESTIMATE_LEVEL"]

#: The ``<name>_level`` written next to a value estimated from a skill profile.
ESTIMATE_LEVEL = "skill-profile estimate"


class _SkillProfileFeatures:
    """tf-idf weighting of skill-profile rows, shared by both estimators (mixin)."""

    def _fit_features(self, X):
        if self.tfidf:
            # Skills every occupation needs (communication, teamwork) say little
            # about routine work; idf lowers their weight, l2 makes profiles of
            # long and short skill lists comparable.
            self.tfidf_ = TfidfTransformer(norm="l2", sublinear_tf=False).fit(abs(X))
            return self._transform(X)
        self.tfidf_ = None
        return X

    def _transform(self, X):
        if self.tfidf_ is None:
            return X
        return self.tfidf_.transform(X)


def _check_bool(name, value):
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(f"{name}={value!r} must be True or False")


def _check_positive(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) \
            or not np.isfinite(value) or value <= 0:
        raise InvalidParameterError(f"{name}={value!r} must be a positive finite number")


class RiskSignalRegressor(_SkillProfileFeatures, RegressorMixin, BaseEstimator):
    """Predict a continuous risk signal (RTI, automation probability) from skill profiles.

    Ridge regression on the occupation x skill incidence rows, optionally
    tf-idf weighted. Linear and sparse: it fits ESCO's 3,000 x 14,000
    incidence in well under a second, and its coefficients say which skills
    push an estimate up or down (:meth:`skill_weights`).

    Parameters
    ----------
    alpha : float, default=1.0
        Ridge penalty; larger values shrink estimates towards the mean.
    tfidf : bool, default=True
        Weight skills by inverse document frequency and normalise each profile
        to unit length before the regression.
    clip : tuple of (float, float) or None, default=None
        Clip predictions to this range, e.g. ``(0, 1)`` for probabilities.

    Attributes
    ----------
    model_ : sklearn.linear_model.Ridge
        The fitted regression.
    tfidf_ : sklearn.feature_extraction.text.TfidfTransformer or None
    n_features_in_ : int

    See Also
    --------
    RiskSignalClassifier : the same features for the at-risk flag.
    estimate_risk_signals : fill a labour-market table's gaps with estimates.

    Examples
    --------
    >>> import numpy as np
    >>> from transitions import load_sample
    >>> from transitions.models import RiskSignalRegressor
    >>> tax = load_sample()
    >>> X = tax.incidence()
    >>> y = np.asarray(X[:, :5].sum(axis=1)).ravel()   # a toy signal
    >>> model = RiskSignalRegressor(alpha=0.1).fit(X, y)
    >>> model.predict(X[:3]).shape
    (3,)
    """

    def __init__(self, alpha=1.0, tfidf=True, clip=None):
        self.alpha = alpha
        self.tfidf = tfidf
        self.clip = clip

    def fit(self, X, y):
        """Fit on skill profiles ``X`` (n_occupations x n_skills) and signal ``y``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self

        Examples
        --------
        >>> from transitions import LabourMarket, load_sample
        >>> from transitions.models import RiskSignalRegressor
        >>> tax = load_sample()
        >>> rti = LabourMarket.from_sample().for_taxonomy(tax)["rti"].to_numpy()
        >>> model = RiskSignalRegressor(alpha=1.0).fit(tax.incidence(), rti)
        >>> model.n_features_in_ == len(tax.skill_index)
        True
        """
        _check_positive("alpha", self.alpha)
        _check_bool("tfidf", self.tfidf)
        if self.clip is not None:
            lo, hi = self.clip
            if not lo < hi:
                raise InvalidParameterError(f"clip={self.clip!r} must be (low, high) with low < high")
        X, y = validate_data(self, X, y, accept_sparse=("csr", "csc"), y_numeric=True,
                             dtype=np.float64)
        Xt = self._fit_features(X)
        self.model_ = Ridge(alpha=self.alpha).fit(Xt, y)
        return self

    def predict(self, X):
        """Estimated signal for each row of ``X``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Skill profiles with the columns of the fit.

        Returns
        -------
        numpy.ndarray of shape (n_samples,)
            Clipped to ``clip`` where set.

        Examples
        --------
        >>> from transitions import LabourMarket, load_sample
        >>> from transitions.models import RiskSignalRegressor
        >>> tax = load_sample()
        >>> rti = LabourMarket.from_sample().for_taxonomy(tax)["rti"].to_numpy()
        >>> X = tax.incidence()
        >>> model = RiskSignalRegressor(clip=(-2, 2)).fit(X, rti)
        >>> pred = model.predict(X)
        >>> pred.shape == rti.shape, bool(abs(pred).max() <= 2)
        (True, True)
        >>> import numpy as np
        >>> bool(np.corrcoef(pred, rti)[0, 1] > 0.9)   # on its own training data
        True
        """
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=("csr", "csc"), reset=False, dtype=np.float64)
        pred = self.model_.predict(self._transform(X))
        if self.clip is not None:
            pred = np.clip(pred, *self.clip)
        return pred

    def skill_weights(self, skill_index):
        """The regression's weight per skill as a Series, largest first (ties by id).

        Parameters
        ----------
        skill_index : pandas.Index
            The columns of the ``X`` it was fitted on (``tax.skill_index``).

        Returns
        -------
        pandas.Series
            Indexed by skill id, named ``"weight"``.

        Examples
        --------
        >>> from transitions import LabourMarket, load_sample
        >>> from transitions.models import RiskSignalRegressor
        >>> tax = load_sample()
        >>> rti = LabourMarket.from_sample().for_taxonomy(tax)["rti"].to_numpy()
        >>> model = RiskSignalRegressor().fit(tax.incidence(), rti)
        >>> w = model.skill_weights(tax.skill_index)
        >>> bool(w["sk-follow-instructions"] > 0 > w["sk-analytical-thinking"])
        True
        """
        check_is_fitted(self)
        return _weights(self.model_.coef_.ravel(), skill_index, self.n_features_in_)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


class RiskSignalClassifier(_SkillProfileFeatures, ClassifierMixin, BaseEstimator):
    """Predict the at-risk flag (or any class label) from skill profiles.

    Logistic regression on the occupation x skill incidence rows, optionally
    tf-idf weighted; ``predict_proba`` gives the probability of each class.

    Parameters
    ----------
    C : float, default=1.0
        Inverse regularisation strength.
    tfidf : bool, default=True
        Weight skills by inverse document frequency and normalise each profile.
    class_weight : {"balanced"} or dict or None, default="balanced"
        At-risk occupations are a minority; "balanced" keeps the model from
        predicting "not at risk" everywhere.

    Attributes
    ----------
    classes_ : numpy.ndarray
    model_ : sklearn.linear_model.LogisticRegression
    tfidf_ : sklearn.feature_extraction.text.TfidfTransformer or None
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> from transitions import load_sample
    >>> from transitions.models import RiskSignalClassifier
    >>> tax = load_sample()
    >>> X = tax.incidence()
    >>> y = np.arange(X.shape[0]) % 2 == 0            # a toy flag
    >>> proba = RiskSignalClassifier().fit(X, y).predict_proba(X[:2])
    >>> proba.shape, bool(np.allclose(proba.sum(axis=1), 1))
    ((2, 2), True)
    """

    def __init__(self, C=1.0, tfidf=True, class_weight="balanced"):
        self.C = C
        self.tfidf = tfidf
        self.class_weight = class_weight

    def fit(self, X, y):
        """Fit on skill profiles ``X`` and labels ``y``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            At least two classes.

        Returns
        -------
        self

        Examples
        --------
        >>> from transitions import LabourMarket, assess_risk, load_sample
        >>> from transitions.models import RiskSignalClassifier
        >>> tax = load_sample()
        >>> X = tax.incidence()
        >>> at_risk = assess_risk(LabourMarket.from_sample().for_taxonomy(tax),
        ...                       taxonomy=tax)["at_risk"].to_numpy()
        >>> model = RiskSignalClassifier(C=1.0).fit(X, at_risk)
        >>> model.classes_.tolist()
        [False, True]
        """
        _check_positive("C", self.C)
        _check_bool("tfidf", self.tfidf)
        X, y = validate_data(self, X, y, accept_sparse=("csr", "csc"), dtype=np.float64)
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        if len(self.classes_) < 2:
            raise ValueError(
                f"RiskSignalClassifier needs at least two classes in y; got 1 class: "
                f"{list(self.classes_)}"
            )
        Xt = self._fit_features(X)
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight,
                                         max_iter=2000).fit(Xt, y)
        return self

    def _features(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=("csr", "csc"), reset=False, dtype=np.float64)
        return self._transform(X)

    def decision_function(self, X):
        """Signed distance to the decision boundary (log-odds).

        Returns
        -------
        numpy.ndarray of shape (n_samples,)
            Positive where :meth:`predict` gives ``classes_[1]``.

        Examples
        --------
        >>> from transitions import LabourMarket, assess_risk, load_sample
        >>> from transitions.models import RiskSignalClassifier
        >>> tax = load_sample()
        >>> X = tax.incidence()
        >>> at_risk = assess_risk(LabourMarket.from_sample().for_taxonomy(tax),
        ...                       taxonomy=tax)["at_risk"].to_numpy()
        >>> model = RiskSignalClassifier().fit(X, at_risk)
        >>> bool(((model.decision_function(X) > 0) == (model.predict(X) == model.classes_[1])).all())
        True
        """
        Xt = self._features(X)
        return self.model_.decision_function(Xt)

    def predict_proba(self, X):
        """Probability of each class in :attr:`classes_`, one row per occupation.

        Returns
        -------
        numpy.ndarray of shape (n_samples, n_classes)

        Examples
        --------
        >>> from transitions import LabourMarket, assess_risk, load_sample
        >>> from transitions.models import RiskSignalClassifier
        >>> tax = load_sample()
        >>> X = tax.incidence()
        >>> at_risk = assess_risk(LabourMarket.from_sample().for_taxonomy(tax),
        ...                       taxonomy=tax)["at_risk"].to_numpy()
        >>> proba = RiskSignalClassifier().fit(X, at_risk).predict_proba(X)
        >>> proba.shape == (len(tax.occupation_index), 2)
        True
        """
        Xt = self._features(X)
        return self.model_.predict_proba(Xt)

    def predict(self, X):
        """The most probable class for each row of ``X``.

        Returns
        -------
        numpy.ndarray of shape (n_samples,)

        Examples
        --------
        >>> from transitions import LabourMarket, assess_risk, load_sample
        >>> from transitions.models import RiskSignalClassifier
        >>> tax = load_sample()
        >>> X = tax.incidence()
        >>> at_risk = assess_risk(LabourMarket.from_sample().for_taxonomy(tax),
        ...                       taxonomy=tax)["at_risk"].to_numpy()
        >>> predicted = RiskSignalClassifier().fit(X, at_risk).predict(X)
        >>> bool((predicted == at_risk).mean() > 0.9)   # on its own training data
        True
        """
        Xt = self._features(X)
        return self.model_.predict(Xt)

    def skill_weights(self, skill_index):
        """Log-odds weight per skill (two classes only) as a Series, largest first.

        Parameters
        ----------
        skill_index : pandas.Index
            The columns of the ``X`` it was fitted on (``tax.skill_index``).

        Returns
        -------
        pandas.Series
            Indexed by skill id, named ``"weight"``; positive weights push
            towards ``classes_[1]``.

        Examples
        --------
        >>> from transitions import LabourMarket, assess_risk, load_sample
        >>> from transitions.models import RiskSignalClassifier
        >>> tax = load_sample()
        >>> X = tax.incidence()
        >>> at_risk = assess_risk(LabourMarket.from_sample().for_taxonomy(tax),
        ...                       taxonomy=tax)["at_risk"].to_numpy()
        >>> w = RiskSignalClassifier().fit(X, at_risk).skill_weights(tax.skill_index)
        >>> bool(w["sk-operate-computer"] > 0), w.is_monotonic_decreasing
        (True, True)
        """
        check_is_fitted(self)
        if len(self.classes_) != 2:
            raise InvalidParameterError("skill_weights is defined for two classes only")
        return _weights(self.model_.coef_.ravel(), skill_index, self.n_features_in_)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


def _weights(coef, skill_index, n_features):
    index = pd.Index(skill_index)
    if len(index) != n_features:
        raise InvalidParameterError(
            f"skill_index has {len(index)} entries but the model was fitted on {n_features} skills"
        )
    w = pd.Series(coef, index=index, name="weight")
    order = np.lexsort((index.astype(str).to_numpy(), -w.to_numpy()))
    return w.iloc[order]


def estimate_risk_signals(taxonomy, market_table, columns=("rti",), *, estimator=None,
                          hierarchy=True, min_train=20):
    """Fill missing risk signals of a labour-market table with skill-profile estimates.

    For each column, a clone of ``estimator`` is fitted on the occupations
    that have a value and predicts the others. Estimated values get
    ``<column>_source = "estimate from skill profile (<model>, trained on
    <n> occupations; <original sources>)"`` and ``<column>_level =
    "skill-profile estimate"``, so that they are never mistaken for statistics.

    Parameters
    ----------
    taxonomy : Taxonomy
        Supplies the skill profiles (``taxonomy.incidence()``).
    market_table : pandas.DataFrame
        Indexed by the taxonomy's occupation ids, with ``<column>``,
        ``<column>_source`` and ``<column>_level`` for each column.
    columns : sequence of str, default=("rti",)
        Signals to fill, e.g. ``("rti", "automation_probability")``.
    estimator : estimator, optional
        Default :class:`RiskSignalRegressor` (clipped to ``(0, 1)`` for
        ``automation_probability`` and ``ai_exposure``).
    hierarchy : bool, default=True
        Add the skill groups above each skill to the features
        (:func:`transitions.models.skill_profiles`); this generalises better to
        occupations of fields the model has not seen.
    min_train : int, default=20
        Fewer occupations with a value than this raise an error: too few to learn from.

    Returns
    -------
    pandas.DataFrame
        A copy of ``market_table`` with the gaps filled, plus a boolean column
        ``<column>_estimated`` per column.

    Raises
    ------
    DataFormatError
        A column or its provenance columns are missing, or the table's index
        holds ids the taxonomy does not know.
    InvalidParameterError
        Fewer than ``min_train`` occupations have a value.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from transitions import load_sample
    >>> from transitions.models import estimate_risk_signals
    >>> tax = load_sample()
    >>> ids = tax.occupation_index
    >>> rng = np.random.default_rng(0)
    >>> table = pd.DataFrame({"rti": rng.normal(size=len(ids)), "rti_source": "toy",
    ...                       "rti_level": "ISCO 4-digit"}, index=ids)
    >>> table.iloc[:3, 0] = np.nan
    >>> filled = estimate_risk_signals(tax, table, min_train=10)
    >>> int(filled["rti_estimated"].sum()), bool(filled["rti"].notna().all())
    (3, True)
    >>> filled["rti_level"].iloc[0]
    'skill-profile estimate'
    """
    if not isinstance(market_table, pd.DataFrame):
        raise DataFormatError(f"market_table must be a DataFrame, got {type(market_table).__name__}")
    unknown = market_table.index.difference(taxonomy.occupation_index)
    if len(unknown):
        raise DataFormatError(
            f"market_table has {len(unknown)} occupation id(s) the taxonomy {taxonomy.name!r} "
            f"does not know, e.g. {list(unknown[:3])}"
        )
    X = skill_profiles(taxonomy, hierarchy=hierarchy).rows(market_table.index)
    out = market_table.copy()
    for col in columns:
        needed = [col, f"{col}_source", f"{col}_level"]
        missing = [c for c in needed if c not in out.columns]
        if missing:
            raise DataFormatError(f"market_table lacks column(s) {missing} needed to estimate {col!r}")
        y = pd.to_numeric(out[col], errors="coerce")
        bad = y.isna() & out[col].notna()
        if bad.any():
            raise DataFormatError(
                f"market_table column {col!r}: {int(bad.sum())} value(s) are not numbers, "
                f"e.g. {out.loc[bad, col].iloc[0]!r}"
            )
        known = y.notna().to_numpy()
        if known.sum() < min_train:
            raise InvalidParameterError(
                f"only {int(known.sum())} occupation(s) have {col!r}; need min_train={min_train} "
                f"to learn from"
            )
        if estimator is None:
            bounded = col in ("automation_probability", "ai_exposure")
            model = RiskSignalRegressor(clip=(0.0, 1.0) if bounded else None)
        else:
            model = clone(estimator)
        y = y.astype(float)
        out[col] = y
        out[f"{col}_estimated"] = ~known
        if known.all():
            continue
        model.fit(X[known], y.to_numpy()[known])
        sources = "; ".join(sorted(out.loc[known, f"{col}_source"].dropna().astype(str).unique()))
        out.loc[~known, col] = model.predict(X[~known])
        out[f"{col}_source"] = out[f"{col}_source"].astype(object)
        out[f"{col}_level"] = out[f"{col}_level"].astype(object)
        out.loc[~known, f"{col}_source"] = (
            f"estimate from skill profile ({type(model).__name__}, trained on "
            f"{int(known.sum())} occupations; {sources})"
        )
        out.loc[~known, f"{col}_level"] = ESTIMATE_LEVEL
    return out
