"""The transition score: how likely a switch is, from skills, classification, education, pay and demand.

For a worker ``p`` (occupation ``o``) and a destination ``d`` the score is a
linear index over a handful of documented features,

    s(p, d) = sum_k beta_k * x_k(p, d),

and the *likelihood* is its softmax over every destination but the origin,

    P(d | p switches) = exp(s(p, d)) / sum_{d' != o} exp(s(p, d')),

the share of workers like ``p`` who, when they change occupation, are
expected to move to ``d``. Its meaning does not depend on the similarity
measure: the coefficients are fitted for the measure in use, on observed
worker flows (US CPS-ASEC, del Rio-Chanona et al. 2021, development half of
the origins) by ``benchmarks/fit_transition_score.py``, and shipped as the
numbers in ``transition_score.json`` next to this module (no data, no pickle).

Features
--------
``log_similarity``
    ``ln(max(similarity, 0.01))``: the graph's similarity of the worker's skills to ``d``.
``coverage``
    Share of ``d``'s essential skills the worker already has.
``gap_years``
    The effort to close the gap, in years (:mod:`transitions.advice.effort`:
    the calibrated months of the missing essential skills).
``classification``
    Share of classification levels (ISCO-08 1-4 digits, or SOC major, minor,
    broad, detailed) the origin and ``d`` share.
``education_up``, ``education_down``
    Steps up / down in education level: O*NET job zone (1-5); for ISCO-coded
    taxonomies the ISCO-08 skill level of the major group (1-4; the armed forces
    by sub-major group). 0 where unknown.
``log_wage_ratio``
    ``ln(wage_d / wage_p)`` clipped to [-1, 1]; 0 where a wage is unknown.
``demand``
    ``ln(1 + openings_d)``: job openings per year of the destination (see
    ``LabourMarket.for_taxonomy``); the median of the taxonomy where unknown.

Which coefficients apply: ``"onet"`` for rated taxonomies (relations with
levels, as O*NET), ``"esco"`` otherwise (ESCO, the sample, extensions of ESCO);
an :class:`~transitions.Advisor` also takes its own (``score_model=``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError

__all__ = ["FEATURES", "ScoreModel", "load_score_models", "education_levels", "likelihood"]

#: The features of the transition score, in order (see the module docs).
FEATURES = ("log_similarity", "coverage", "gap_years", "classification", "education_up",
            "education_down", "log_wage_ratio", "demand")
_MODELS_FILE = Path(__file__).with_name("transition_score.json")
#: ISCO-08 skill level of each major group (ILO, ISCO-08 vol. 1, table 1); the armed forces
#: by sub-major group: officers 4, non-commissioned officers 2, other ranks 1.
ISCO_SKILL_LEVEL = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1,
                    "01": 4, "02": 2, "03": 1}
_SIM_FLOOR = 0.01


@dataclass(frozen=True)
class ScoreModel:
    """Coefficients of the transition score (see the module docs).

    Attributes
    ----------
    name : str
    coefficients : dict of str to float
        One per feature of :data:`FEATURES` (absent: 0).
    meta : dict
        How and on what the coefficients were fitted (free text and figures).
    """

    name: str
    coefficients: dict
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, name, spec):
        """A model from ``{"coefficients": {...}, ...}`` (the JSON layout), validated."""
        if not isinstance(spec, dict) or not isinstance(spec.get("coefficients"), dict):
            raise DataFormatError(f"score model {name!r}: expected a mapping with "
                                  f"'coefficients' (feature -> number)")
        coef = spec["coefficients"]
        unknown = [k for k in coef if k not in FEATURES]
        if unknown:
            raise DataFormatError(f"score model {name!r}: unknown feature(s) {unknown}; "
                                  f"valid: {list(FEATURES)}")
        bad = [k for k, v in coef.items() if isinstance(v, bool) or not isinstance(v, (int, float))
               or not np.isfinite(v)]
        if bad:
            raise DataFormatError(f"score model {name!r}: coefficient(s) {bad} are not finite "
                                  f"numbers")
        return cls(name, {k: float(coef.get(k, 0.0)) for k in FEATURES},
                   {k: v for k, v in spec.items() if k != "coefficients"})

    def beta(self):
        """The coefficients as an array in :data:`FEATURES` order."""
        return np.array([self.coefficients[k] for k in FEATURES])


def load_score_models(path=None):
    """The shipped score models by name (``"esco"``, ``"onet"``), or those of a JSON file."""
    path = Path(path) if path is not None else _MODELS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFormatError(f"{path}: not a readable score-model file ({exc})") from None
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, dict) or not models:
        raise DataFormatError(f"{path}: expected {{'models': {{name: {{'coefficients': ...}}}}}}")
    return {name: ScoreModel.from_dict(name, spec) for name, spec in models.items()}


def resolve_model(model, rated):
    """A :class:`ScoreModel` from None (the shipped default), a name, a dict or a model."""
    if isinstance(model, ScoreModel):
        return model
    if model is None or isinstance(model, str):
        models = load_score_models()
        name = model or ("onet" if rated else "esco")
        if name not in models:
            raise InvalidParameterError(f"score_model={name!r} is not shipped; choose one of "
                                        f"{sorted(models)} or pass coefficients as a dict")
        return models[name]
    if isinstance(model, dict):
        return ScoreModel.from_dict("custom", model if "coefficients" in model
                                    else {"coefficients": model})
    raise InvalidParameterError(f"score_model must be None, a name, a dict of coefficients or a "
                                f"ScoreModel, got {type(model).__name__}")


def education_levels(occupations):
    """Education level per occupation: O*NET job zone, else the ISCO-08 skill level (NaN: unknown)."""
    if "job_zone" in occupations:
        return pd.to_numeric(occupations["job_zone"], errors="coerce").to_numpy(float)
    if "isco_code" in occupations:
        code = occupations["isco_code"].astype("string")
        major = code.str[:1].where(code.str[:1] != "0", code.str[:2])
        return major.map(ISCO_SKILL_LEVEL).astype(float).to_numpy()
    return np.full(len(occupations), np.nan)


def _feature(ctx, k, origins, sim, coverage, months, wage_ratio):
    """Feature ``FEATURES[k]`` of every (profile, destination) pair (see the module docs)."""
    name = FEATURES[k]
    if name == "log_similarity":
        return np.log(np.maximum(sim, _SIM_FLOOR))
    if name == "coverage":
        return coverage
    if name == "gap_years":
        return months / 12.0
    if name == "classification":
        return ctx.classification(origins)
    if name in ("education_up", "education_down"):
        step = np.nan_to_num(ctx.education[None, :] - ctx.education[origins][:, None], nan=0.0)
        return np.maximum(step if name == "education_up" else -step, 0.0)
    if name == "log_wage_ratio":
        with np.errstate(invalid="ignore", divide="ignore"):
            lr = np.log(wage_ratio)
        return np.clip(np.nan_to_num(lr, nan=0.0, posinf=0.0, neginf=0.0), -1.0, 1.0)
    return np.broadcast_to(ctx.demand_feature[None, :], sim.shape)  # demand


def feature_stack(ctx, origins, sim, coverage, months, wage_ratio):
    """The features of every (profile, destination) pair, shape (n_profiles, n_occ, n_features).

    Parameters
    ----------
    ctx : AdviceContext
    origins : int array
        Each profile's occupation position.
    sim, coverage, months, wage_ratio : arrays (n_profiles, n_occupations)
    """
    origins = np.asarray(origins, dtype=np.int64)
    return np.stack([_feature(ctx, k, origins, sim, coverage, months, wage_ratio)
                     for k in range(len(FEATURES))], axis=2)


def transition_index(ctx, model, origins, sim, coverage, months, wage_ratio):
    """The score ``s`` of every pair (see the module docs), shape (n_profiles, n_occupations).

    Summed feature by feature, so that no (profiles x occupations x features)
    array is held for large blocks; features with a zero coefficient are skipped.
    """
    origins = np.asarray(origins, dtype=np.int64)
    s = np.zeros(sim.shape)
    for k, b in enumerate(model.beta()):
        if b:
            s += b * _feature(ctx, k, origins, sim, coverage, months, wage_ratio)
    return s


def likelihood(index, origins):
    """Softmax of the score over every destination but the origin, row by row.

    Examples
    --------
    >>> import numpy as np
    >>> p = likelihood(np.array([[0.0, 1.0, 1.0]]), [0])
    >>> p.round(3).tolist()
    [[0.0, 0.5, 0.5]]
    """
    s = np.array(index, dtype=float, copy=True)
    rows = np.arange(len(s))
    s[rows, np.asarray(origins, dtype=np.int64)] = -np.inf
    s -= s.max(axis=1, keepdims=True)
    np.exp(s, out=s)
    s /= s.sum(axis=1, keepdims=True)
    return s
