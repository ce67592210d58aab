"""Models on top of the labour-market layer: the digitalisation-risk flag and its estimator.

- :func:`assess_risk` (:mod:`transitions.models.risk`): the transparent flag,
  routine work with the employment trend as its confidence (or, by name, routine
  AND shrinking), with reasons in Dutch and English.
- :class:`RiskSignalRegressor`, :class:`RiskSignalClassifier`
  (:mod:`transitions.models.estimator`): scikit-learn estimators that learn the
  risk signals from an occupation's skill profile, for occupations without a
  direct score; :func:`estimate_risk_signals` fills a labour-market table with them.
"""

from .estimator import (
    ESTIMATE_LEVEL,
    RiskSignalClassifier,
    RiskSignalRegressor,
    estimate_risk_signals,
)
from .features import SkillProfiles, skill_profiles
from .risk import (
    DEFAULT_RTI_THRESHOLD,
    DEFAULT_RULE,
    DEFAULT_SHRINK_THRESHOLD,
    RULES,
    assess_risk,
    per_year,
    risk_components,
)

__all__ = [
    "assess_risk",
    "RiskSignalRegressor",
    "RiskSignalClassifier",
    "estimate_risk_signals",
    "skill_profiles",
    "SkillProfiles",
    "ESTIMATE_LEVEL",
    "risk_components",
    "per_year",
    "DEFAULT_RTI_THRESHOLD",
    "DEFAULT_SHRINK_THRESHOLD",
    "DEFAULT_RULE",
    "RULES",
]
