"""How good is a similarity or a transition score? Ground truths, protocols and metrics.

Two kinds of ground truth, one module each:

- :mod:`~transitions.evaluation.related`: O*NET's *Related Occupations*
  (graded 3/2/1), for O*NET directly and for ESCO through the ESCO -> O*NET
  crosswalk;
- :mod:`~transitions.evaluation.flows`: observed year-to-year worker flows
  between occupation codes (CPS-ASEC), NDCG@k with the transition
  probability as gain and the share of the observed flow captured by the
  top k, for O*NET through SOC codes and for ESCO through the crosswalk;

and the metrics both use (:mod:`~transitions.evaluation.metrics`).
Everything here is re-exported, so ``transitions.evaluation.ndcg_at_k`` works.
"""

from .flows import (
    FLOW_COLUMNS,
    FlowTruth,
    crosswalk_flow_codes,
    evaluate_flows,
    flow_code_scores,
    flows_ground_truth,
    observed_pairs,
    option_lift,
    read_flows,
    soc_flow_codes,
)
from .metrics import (
    evaluate_similarity,
    mean_reciprocal_rank,
    ndcg_at_k,
    precision_at_k,
    ranking_metrics,
    recall_at_k,
)
from .related import (
    TIER_GRADES,
    GroundTruth,
    crosswalk_ground_truth,
    onet_ground_truth,
    read_crosswalk,
    read_related_occupations,
)

__all__ = [
    "TIER_GRADES",
    "GroundTruth",
    "read_related_occupations",
    "read_crosswalk",
    "onet_ground_truth",
    "crosswalk_ground_truth",
    "ranking_metrics",
    "evaluate_similarity",
    "ndcg_at_k",
    "precision_at_k",
    "recall_at_k",
    "mean_reciprocal_rank",
    "FLOW_COLUMNS",
    "FlowTruth",
    "read_flows",
    "soc_flow_codes",
    "crosswalk_flow_codes",
    "flows_ground_truth",
    "flow_code_scores",
    "evaluate_flows",
    "observed_pairs",
    "option_lift",
]
