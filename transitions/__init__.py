"""transitions: salary-neutral switch paths for workers in shrinking occupations.

Builds a graph of occupations weighted by skill overlap (ESCO, O*NET or the
embedded sample), flags shrinking routine occupations at risk from
digitalisation, and ranks switch options with the skills to learn.
"""

from .datasets import clear_data_home, get_data_home, load_sample, read_extension
from .exceptions import (
    CacheError,
    DataFormatError,
    DataQualityWarning,
    InvalidParameterError,
    TransitionsError,
    UnknownOccupationError,
    UnknownSkillError,
)
from .lookup import find_occupation
from .taxonomy import Taxonomy

# Worker profiles and switch advice (issue 5).
from .advice import Advisor, recommend
from .digcomp import digcomp_areas, digcomp_competences, digcomp_levels
from .profile import WorkerProfile

# ESCO importer (issue 2)
from .datasets.esco import load_esco

# occupation graph (issue 3)
from . import evaluation
from .graph import OccupationGraph, write_edgelist, write_graphml

# labour market (issue 4): wages, jobs, trends, routine work and AI exposure
from .labour import LabourMarket

# models: digitalisation risk (issue 4)
from .models import (
    RiskSignalClassifier,
    RiskSignalRegressor,
    assess_risk,
    estimate_risk_signals,
)

# O*NET importer (issue 2)
from .datasets import load_onet

__version__ = "0.1.0"

__all__ = [
    "Taxonomy",
    # ESCO importer (issue 2)
    "load_esco",
    "load_sample",
    "read_extension",
    "find_occupation",
    "get_data_home",
    "clear_data_home",
    "TransitionsError",
    "DataFormatError",
    "UnknownOccupationError",
    "UnknownSkillError",
    "InvalidParameterError",
    "CacheError",
    "DataQualityWarning",
    # Worker profiles and switch advice (issue 5).
    "WorkerProfile",
    "Advisor",
    "recommend",
    "digcomp_competences",
    "digcomp_areas",
    "digcomp_levels",
    # occupation graph (issue 3)
    "OccupationGraph",
    "write_graphml",
    "write_edgelist",
    "evaluation",
    # labour market (issue 4)
    "LabourMarket",
    # models: digitalisation risk (issue 4)
    "assess_risk",
    "RiskSignalRegressor",
    "RiskSignalClassifier",
    "estimate_risk_signals",
    # O*NET importer (issue 2)
    "load_onet",
]
