"""The occupation graph: similarity measures over a taxonomy and the graph built from them.

Modules: :mod:`~transitions.graph.measures` (skill similarity measures),
:mod:`~transitions.graph.specificity` (IDF weights),
:mod:`~transitions.graph.hierarchy` (partial credit through the skill
hierarchy), :mod:`~transitions.graph.priors` (classification and description
priors), :mod:`~transitions.graph.smoothing` (group affinity and neighbour
smoothing), :mod:`~transitions.graph.occupation_graph` (:class:`OccupationGraph`)
and :mod:`~transitions.graph.export` (GraphML and CSV).
"""

from .export import edges_frame, write_edgelist, write_graphml
from .measures import MEASURES, make_measure
from .occupation_graph import ESCO_DEFAULT, ONET_DEFAULT, OccupationGraph, default_measure

__all__ = [
    "OccupationGraph",
    "MEASURES",
    "make_measure",
    "default_measure",
    "ESCO_DEFAULT",
    "ONET_DEFAULT",
    "write_graphml",
    "write_edgelist",
    "edges_frame",
]
