"""transitions: salary-neutral switch paths for workers in shrinking occupations.

Builds a graph of occupations weighted by skill overlap (ESCO, O*NET or the
embedded sample), flags shrinking routine occupations at risk from
digitalisation, and ranks switch options with the skills to learn.

The public API follows the data flow of the library:

- data: :func:`load_esco`, :func:`load_onet`, :func:`load_sample`,
  :func:`read_extension`, :class:`Taxonomy`, :func:`find_occupation`;
- graph: :class:`OccupationGraph` (and :mod:`transitions.evaluation`);
- labour market and risk: :class:`LabourMarket`, :func:`assess_risk` and the
  estimators in :mod:`transitions.models`;
- advice: :class:`WorkerProfile`, :class:`Advisor`, :func:`recommend`.
"""

# Data: taxonomies, their importers and title lookup.
from .datasets import (
    clear_data_home,
    get_data_home,
    load_esco,
    load_onet,
    load_sample,
    read_extension,
)
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
from .lookup import find_occupation
from .taxonomy import Taxonomy

# The occupation graph and its evaluation.
from . import evaluation
from .graph import OccupationGraph, write_edgelist, write_graphml

# Labour market and digitalisation risk.
from .labour import LabourMarket
from .models import (
    RiskSignalClassifier,
    RiskSignalRegressor,
    assess_risk,
    estimate_risk_signals,
)

# Worker profiles and switch advice.
from .advice import Advisor, recommend
from .digcomp import digcomp_areas, digcomp_competences, digcomp_levels
from .profile import WorkerProfile

__version__ = "0.1.0"

__all__ = [
    # data
    "Taxonomy",
    "load_esco",
    "load_onet",
    "load_sample",
    "read_extension",
    "find_occupation",
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
