"""transitions: salary-neutral switch paths for workers in shrinking occupations.

Builds a graph of occupations weighted by skill overlap (ESCO, O*NET or the
embedded sample), flags shrinking routine occupations at risk from
digitalisation, and ranks switch options with the skills to learn.

The public API follows the data flow of the library:

- data: :func:`load_esco`, :func:`load_onet`, :func:`load_sample`,
  :func:`read_extension`, :class:`Taxonomy`, :func:`find_occupation`,
  :func:`find_skill`;
- graph: :class:`OccupationGraph` (and :mod:`transitions.evaluation`);
- labour market and risk: :class:`LabourMarket`, :func:`assess_risk` and the
  estimators in :mod:`transitions.models`;
- advice: :class:`WorkerProfile`, :class:`Advisor`, :func:`recommend`.
"""

from ._lazy import attach
from .exceptions import (
    CacheError,
    DataFormatError,
    DataQualityWarning,
    InvalidParameterError,
    MissingFileError,
    TransitionsError,
    UnknownOccupationError,
    UnknownSkillError,
)

# The public names, and the module each lives in. They are imported on first use (PEP 562),
# so that a command needs only the parts it uses: ``import transitions`` costs about as much
# as importing pandas, and the graph, the models (scikit-learn) and the advice page (Jinja2)
# load when asked for.
_PUBLIC = {
    # data: taxonomies, their importers and title lookup
    "Taxonomy": ".taxonomy",
    "load_esco": ".datasets",
    "load_onet": ".datasets",
    "load_sample": ".datasets",
    "read_extension": ".datasets",
    "get_data_home": ".datasets",
    "clear_data_home": ".datasets",
    "find_occupation": ".lookup",
    "find_skill": ".skill_lookup",
    # the occupation graph and its evaluation
    "evaluation": ".evaluation",
    "OccupationGraph": ".graph",
    "write_edgelist": ".graph",
    "write_graphml": ".graph",
    # labour market and digitalisation risk
    "LabourMarket": ".labour",
    "RiskSignalClassifier": ".models",
    "RiskSignalRegressor": ".models",
    "assess_risk": ".models",
    "estimate_risk_signals": ".models",
    # worker profiles and switch advice
    "Advisor": ".advice",
    "recommend": ".advice",
    "digcomp_areas": ".digcomp",
    "digcomp_competences": ".digcomp",
    "digcomp_levels": ".digcomp",
    "WorkerProfile": ".profile",
}


__getattr__, __dir__ = attach(__name__, _PUBLIC)

__version__ = "0.1.0"

__all__ = [
    # data
    "Taxonomy",
    "load_esco",
    "load_onet",
    "load_sample",
    "read_extension",
    "find_occupation",
    "find_skill",
    "get_data_home",
    "clear_data_home",
    # graph
    "OccupationGraph",
    "write_graphml",
    "write_edgelist",
    "evaluation",
    # labour market and risk
    "LabourMarket",
    "assess_risk",
    "estimate_risk_signals",
    "RiskSignalRegressor",
    "RiskSignalClassifier",
    # advice
    "WorkerProfile",
    "Advisor",
    "recommend",
    "digcomp_competences",
    "digcomp_areas",
    "digcomp_levels",
    # errors and warnings
    "TransitionsError",
    "DataFormatError",
    "MissingFileError",
    "UnknownOccupationError",
    "UnknownSkillError",
    "InvalidParameterError",
    "CacheError",
    "DataQualityWarning",
]
