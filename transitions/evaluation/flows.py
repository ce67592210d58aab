"""Observed worker flows as ground truth: do workers really go where a score points?

A flow table gives, for each origin occupation code, the share of its
workers found in each destination code a year later (row-normalised, the
origin itself included), e.g. the CPS-ASEC flows of del Rio-Chanona et al.
(2021) between US OEWS codes (SOC 2010, detailed or broad where OEWS
publishes only the broad group).

Mapping a taxonomy onto the flow codes
--------------------------------------
* **O*NET** (:func:`soc_flow_codes`): an O*NET-SOC code's SOC 2018 detailed
  code is linked to SOC 2010 by the BLS crosswalk (or kept as it is where the
  crosswalk lacks it); each SOC 2010 code maps to the flow code equal to it
  (detailed), else to its broad group (``43-3031`` -> ``43-3030``).
* **ESCO** (:func:`crosswalk_flow_codes`): through the ESCO -> O*NET-SOC
  crosswalk, then as O*NET. Mappings are many-to-many.

The protocol (:func:`flows_ground_truth`, :func:`evaluate_flows`)
-----------------------------------------------------------------
Origins are the taxonomy's occupations mapped to a code with observed
outflow; an origin with several codes gets the mean of their rows.
Self-transitions are dropped: the origin's own codes are never candidates,
nor are codes no occupation maps to. Two units of ranking:

* ``unit="occupation"`` (the default): candidates are the taxonomy's
  occupations; each gains the transition probability of its code (the best
  of its codes); occupations that share a code with the origin, or map to
  none, are left out. This is the protocol of the issue that introduced it
  (similarity-only 0.18 and SOC hierarchy 0.17 for O*NET reproduce there).
* ``unit="code"``: the scores rank *codes*: a code scores as its
  best-scoring occupation (other than the origin), i.e. it counts at its
  first appearance in the occupation ranking, so that twenty ESCO
  occupations of one big code cannot fill a top ten.

Per origin:

* ``ndcg``: NDCG@k with the transition probability as (linear) gain;
* ``flow_share``: share of the origin's observed outflow (to candidate
  codes) that the top k captures, each code counted once;
* ``precision``: share of the top k with any observed flow.

Origins are averaged within their code group first, then over groups, so a
code with many occupations counts once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import DataFormatError, InvalidParameterError
from .._topk import top_k
from .metrics import _check_k, ranking_metrics

__all__ = ["FLOW_COLUMNS", "FlowTruth", "read_flows", "soc_flow_codes", "crosswalk_flow_codes",
           "flows_ground_truth", "flow_code_scores", "evaluate_flows", "observed_pairs",
           "option_lift"]

#: Columns read from a flow table -> their names in :func:`read_flows`.
FLOW_COLUMNS = {"OCC_source": "origin", "OCC_target": "destination",
                "transition_prob_BLS_ASECnorm_corr": "probability"}
_SOC = r"\d{2}-\d{4}"


def read_flows(path):
    """Read an occupation flow table (the CPS-ASEC layout).

    Parameters
    ----------
    path : str or path-like
        CSV with ``OCC_source``, ``OCC_target`` (SOC codes ``XX-XXXX``) and
        ``transition_prob_BLS_ASECnorm_corr`` (row-normalised probability).

    Returns
    -------
    pandas.DataFrame
        ``origin``, ``destination``, ``probability``; one row per pair, self
        transitions included as published.

    Raises
    ------
    DataFormatError
        Missing file or column, a malformed code, a probability outside [0, 1]
        or a pair given twice with different probabilities.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from transitions.evaluation import read_flows
    >>> table = pd.DataFrame({"OCC_source": ["43-3030", "43-3030"],
    ...                       "OCC_target": ["43-3030", "43-4050"],
    ...                       "transition_prob_BLS_ASECnorm_corr": [0.93, 0.07]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     table.to_csv(pathlib.Path(tmp) / "flows.csv", index=False)
    ...     flows = read_flows(pathlib.Path(tmp) / "flows.csv")
    >>> flows.columns.tolist(), len(flows)
    (['origin', 'destination', 'probability'], 2)
    """
    try:
        df = pd.read_csv(path, dtype={"OCC_source": str, "OCC_target": str})
    except FileNotFoundError:
        raise DataFormatError(f"{path}: flow table not found") from None
    missing = [c for c in FLOW_COLUMNS if c not in df.columns]
    if missing:
        raise DataFormatError(f"{path}: missing column(s) {missing}; found {list(df.columns)[:12]}")
    df = df[list(FLOW_COLUMNS)].rename(columns=FLOW_COLUMNS)
    for col in ("origin", "destination"):
        bad = ~df[col].fillna("").str.fullmatch(_SOC)
        if bad.any():
            raise DataFormatError(f"{path}, column {col!r}: malformed SOC code(s) "
                                  f"{df.loc[bad, col].head(3).tolist()}; expected 'XX-XXXX'")
    p = pd.to_numeric(df["probability"], errors="coerce")
    bad = p.isna() | (p < 0) | (p > 1)
    if bad.any():
        raise DataFormatError(f"{path}: {int(bad.sum())} probability value(s) missing or "
                              f"outside [0, 1], e.g. row {int(np.flatnonzero(bad)[0]) + 2}")
    df["probability"] = p
    df = df.drop_duplicates()
    dup = df.duplicated(["origin", "destination"])
    if dup.any():
        raise DataFormatError(f"{path}: {int(dup.sum())} pair(s) given twice with different "
                              f"probabilities, e.g. {tuple(df.loc[dup].iloc[0, :2])}")
    return df.sort_values(["origin", "destination"]).reset_index(drop=True)


def _broad(code):
    return code[:6] + "0"


def soc_flow_codes(soc_codes, flow_codes, soc_crosswalk=None):
    """Map occupations with SOC 2018 (or O*NET-SOC) codes onto a flow table's codes.

    Parameters
    ----------
    soc_codes : pandas.Series
        Indexed by occupation id; SOC 2018 codes (``43-3031``) or O*NET-SOC
        codes (``43-3031.00``); missing values are skipped. A list of
        ``(occupation_id, code)`` pairs may repeat an id.
    flow_codes : iterable of str
        The codes the flows use.
    soc_crosswalk : pandas.DataFrame, optional
        ``soc2010``, ``soc2018`` pairs (``transitions.labour.read_soc2010_soc2018``):
        the flows' codes are SOC 2010. Without it codes are matched as they are.

    Returns
    -------
    pandas.DataFrame
        ``occupation_id``, ``flow_code``: unique pairs, sorted.

    Examples
    --------
    >>> import pandas as pd
    >>> soc = pd.Series({"a": "43-3031.00", "b": "15-1252.00", "c": "99-9999"})
    >>> xw = pd.DataFrame({"soc2010": ["15-1132", "15-1133"], "soc2018": "15-1252"})
    >>> soc_flow_codes(soc, ["43-3030", "15-1132", "15-1133"], xw).values.tolist()
    [['a', '43-3030'], ['b', '15-1132'], ['b', '15-1133']]
    """
    pairs = soc_codes.dropna().astype(str).str[:7]
    pairs = pd.DataFrame({"occupation_id": pairs.index.astype(str), "soc2018": pairs.to_numpy()})
    if soc_crosswalk is not None:
        linked = pairs.merge(soc_crosswalk[["soc2010", "soc2018"]], on="soc2018", how="left")
        linked["soc2010"] = linked["soc2010"].fillna(linked["soc2018"])
    else:
        linked = pairs.assign(soc2010=pairs["soc2018"])
    known = set(flow_codes)
    code = linked["soc2010"]
    flow = code.where(code.isin(known), code.map(_broad))
    out = pd.DataFrame({"occupation_id": linked["occupation_id"], "flow_code": flow})
    out = out[out["flow_code"].isin(known)]
    return out.drop_duplicates().sort_values(["occupation_id", "flow_code"]).reset_index(drop=True)


def crosswalk_flow_codes(crosswalk, flow_codes, soc_crosswalk=None):
    """Map ESCO (or any crosswalked) occupations onto flow codes through their O*NET codes.

    Parameters
    ----------
    crosswalk : pandas.DataFrame
        ``occupation_id``, ``onet_code`` (see :func:`transitions.evaluation.read_crosswalk`).
    flow_codes, soc_crosswalk
        As in :func:`soc_flow_codes`.

    Returns
    -------
    pandas.DataFrame
        ``occupation_id``, ``flow_code``: unique pairs.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions.evaluation import crosswalk_flow_codes
    >>> crosswalk = pd.DataFrame({"occupation_id": ["esco-a", "esco-b"],
    ...                           "onet_code": ["11-1011.00", "11-2021.00"]})
    >>> crosswalk_flow_codes(crosswalk, ["11-1010", "11-2020"]).values.tolist()
    [['esco-a', '11-1010'], ['esco-b', '11-2020']]
    """
    soc = pd.Series(crosswalk["onet_code"].to_numpy(), index=crosswalk["occupation_id"].to_numpy())
    return soc_flow_codes(soc, flow_codes, soc_crosswalk)


@dataclass(frozen=True)
class FlowTruth:
    """Observed outflow of each evaluated origin occupation over the flow codes.

    Attributes
    ----------
    gains : scipy.sparse.csr_matrix
        ``origins x codes``: transition probability to each candidate code
        (0 for the origin's own codes and for codes without occupations).
    excluded : numpy.ndarray of bool
        ``origins x codes``: codes that are not candidates for the origin.
    occupation_gains, occupation_excluded : numpy.ndarray
        The same over ``origins x occupations``: each occupation's best code's
        probability; occupations without a candidate code (or the origin) excluded.
    origins : pandas.Index
        Ids of the evaluated origin occupations (rows).
    groups : pandas.Index
        Per origin, its flow code(s) joined by ``"|"``: origins are averaged within a group first.
    codes : pandas.Index
        The flow codes (columns).
    membership : scipy.sparse.csr_matrix
        ``occupations x codes``: which codes each occupation maps to.
    occupations : pandas.Index
        All occupation ids of the taxonomy (the columns of a score matrix).

    Examples
    --------
    Built by :func:`flows_ground_truth`:

    >>> import pandas as pd
    >>> from transitions.evaluation import flows_ground_truth
    >>> flows = pd.DataFrame({"origin": ["11-1010"] * 3, "probability": [0.9, 0.08, 0.02],
    ...                       "destination": ["11-1010", "11-2020", "13-1010"]})
    >>> mapping = pd.DataFrame({"occupation_id": ["a", "b", "c"],
    ...                         "flow_code": ["11-1010", "11-2020", "13-1010"]})
    >>> truth = flows_ground_truth(["a", "b", "c"], flows, mapping)
    >>> truth.origins.tolist(), truth.codes.tolist()
    (['a'], ['11-1010', '11-2020', '13-1010'])
    """

    gains: sp.csr_matrix
    excluded: np.ndarray
    occupation_gains: np.ndarray
    occupation_excluded: np.ndarray
    origins: pd.Index
    groups: pd.Index
    codes: pd.Index
    membership: sp.csr_matrix
    occupations: pd.Index

    @property
    def origin_positions(self):
        """Positions of the origins among :attr:`occupations`.

        Examples
        --------
        >>> import pandas as pd
        >>> from transitions.evaluation import flows_ground_truth
        >>> flows = pd.DataFrame({"origin": ["11-2020", "11-2020"], "probability": [0.9, 0.1],
        ...                       "destination": ["11-2020", "13-1010"]})
        >>> mapping = pd.DataFrame({"occupation_id": ["a", "b", "c"],
        ...                         "flow_code": ["11-1010", "11-2020", "13-1010"]})
        >>> flows_ground_truth(["a", "b", "c"], flows, mapping).origin_positions.tolist()
        [1]
        """
        return self.occupations.get_indexer(self.origins)


def flows_ground_truth(tax_or_ids, flows, mapping):
    """Turn a flow table into judgements for a taxonomy's occupations (see the module docs).

    Parameters
    ----------
    tax_or_ids : Taxonomy or sequence of str
    flows : pandas.DataFrame
        From :func:`read_flows`.
    mapping : pandas.DataFrame
        ``occupation_id``, ``flow_code`` (from :func:`soc_flow_codes` or
        :func:`crosswalk_flow_codes`).

    Returns
    -------
    FlowTruth

    Examples
    --------
    Nine in ten stay, 8% move to code 11-2020 and 2% to 13-1010 (self
    transitions are dropped; b and c have no outflow, so are no origins):

    >>> import pandas as pd
    >>> from transitions.evaluation import flows_ground_truth
    >>> flows = pd.DataFrame({"origin": ["11-1010"] * 3, "probability": [0.9, 0.08, 0.02],
    ...                       "destination": ["11-1010", "11-2020", "13-1010"]})
    >>> mapping = pd.DataFrame({"occupation_id": ["a", "b", "c"],
    ...                         "flow_code": ["11-1010", "11-2020", "13-1010"]})
    >>> truth = flows_ground_truth(["a", "b", "c"], flows, mapping)
    >>> truth.origins.tolist()
    ['a']
    >>> truth.occupation_gains.tolist()
    [[0.0, 0.08, 0.02]]
    """
    from .related import _occupation_index

    occ = _occupation_index(tax_or_ids)
    mapping = mapping[mapping["occupation_id"].isin(occ)]
    if not len(mapping):
        raise InvalidParameterError("mapping links no occupation of the taxonomy to a flow code")
    codes = pd.Index(sorted(set(flows["origin"]) | set(flows["destination"])
                            | set(mapping["flow_code"])))
    n, m = len(occ), len(codes)
    M = sp.csr_matrix((np.ones(len(mapping)), (occ.get_indexer(mapping["occupation_id"]),
                                               codes.get_indexer(mapping["flow_code"]))),
                      shape=(n, m))
    M.data[:] = 1.0
    moving = flows[flows["origin"] != flows["destination"]]   # self-transitions dropped
    F = sp.csr_matrix((moving["probability"].to_numpy(float),
                       (codes.get_indexer(moving["origin"]), codes.get_indexer(moving["destination"]))),
                      shape=(m, m))
    is_origin = np.isin(codes, flows["origin"].unique())
    # Each occupation's flow row: the mean of the rows of its codes that are flow origins.
    Mo = M.multiply(is_origin[None, :]).tocsr()
    k = np.asarray(Mo.sum(axis=1)).ravel()
    rows = np.flatnonzero(k > 0)
    Mo = sp.diags(1.0 / k[rows]) @ Mo[rows]
    G = (Mo @ F).toarray()
    members = np.asarray(M.sum(axis=0)).ravel()
    excluded = M[rows].toarray().astype(bool) | (members == 0)[None, :]
    G[excluded] = 0.0
    keep = G.sum(axis=1) > 0
    rows, G, excluded = rows[keep], G[keep], excluded[keep]
    Mr = M[rows].multiply(is_origin[None, :]).tocsr()
    groups = ["|".join(codes[Mr.indices[Mr.indptr[i]:Mr.indptr[i + 1]]]) for i in range(len(rows))]
    # Occupation level: the best candidate code of each occupation (a max over its codes,
    # one pass per code: hundreds, not pairs).
    Mc = M.tocsc()
    g_occ = np.zeros((len(rows), n))
    for c in np.flatnonzero(members):
        owners = Mc.indices[Mc.indptr[c]:Mc.indptr[c + 1]]
        g_occ[:, owners] = np.maximum(g_occ[:, owners], G[:, [c]])
    candidate = ((~excluded).astype(float) @ M.T.toarray()) > 0
    candidate[np.arange(len(rows)), rows] = False
    g_occ[~candidate] = 0.0
    return FlowTruth(gains=sp.csr_matrix(G), excluded=excluded, occupation_gains=g_occ,
                     occupation_excluded=~candidate, origins=occ[rows],
                     groups=pd.Index(groups), codes=codes, membership=M, occupations=occ)


def _score_rows(scores, truth):
    """The origins' rows of a score matrix as a float array (see :func:`evaluate_flows`)."""
    if isinstance(scores, pd.DataFrame):
        return scores.reindex(index=truth.origins, columns=truth.occupations).to_numpy(float)
    S = np.asarray(scores, dtype=float)
    if S.ndim != 2 or S.shape[1] != len(truth.occupations):
        raise InvalidParameterError(f"scores must have {len(truth.occupations)} columns (the "
                                    f"occupations), got shape {S.shape}")
    if S.shape[0] == len(truth.occupations):
        return S[truth.origin_positions]
    if S.shape[0] != len(truth.origins):
        raise InvalidParameterError(f"scores has {S.shape[0]} rows; expected "
                                    f"{len(truth.occupations)} (all occupations) or "
                                    f"{len(truth.origins)} (the origins)")
    return S


def flow_code_scores(scores, truth):
    """Score of each flow code for each origin: its best occupation other than the origin.

    Parameters
    ----------
    scores : pandas.DataFrame or numpy.ndarray
        Origin x destination scores over ``truth.occupations`` (all
        occupations as rows, or only ``truth.origins``); NaN ranks last.
    truth : FlowTruth

    Returns
    -------
    numpy.ndarray, shape (n_origins, n_codes)
        ``-inf`` where a code has no occupation.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions.evaluation import flows_ground_truth
    >>> flows = pd.DataFrame({"origin": ["11-1010"] * 3, "probability": [0.9, 0.08, 0.02],
    ...                       "destination": ["11-1010", "11-2020", "13-1010"]})
    >>> mapping = pd.DataFrame({"occupation_id": ["a", "b", "c"],
    ...                         "flow_code": ["11-1010", "11-2020", "13-1010"]})
    >>> truth = flows_ground_truth(["a", "b", "c"], flows, mapping)
    >>> import numpy as np
    >>> from transitions.evaluation import flow_code_scores
    >>> scores = np.array([[1, .9, .1], [.9, 1, 0], [.1, 0, 1]])
    >>> flow_code_scores(scores, truth).tolist()      # the origin's own code: -inf
    [[-inf, 0.9, 0.1]]
    """
    S = _score_rows(scores, truth).copy()
    S[np.isnan(S)] = -np.inf
    S[np.arange(len(S)), truth.origin_positions] = -np.inf
    Mc = truth.membership.tocsc()
    out = np.full((len(S), len(truth.codes)), -np.inf)
    for c in range(len(truth.codes)):  # a loop over codes (hundreds), not over pairs
        members = Mc.indices[Mc.indptr[c]:Mc.indptr[c + 1]]
        if len(members):
            out[:, c] = S[:, members].max(axis=1)
    return out


def evaluate_flows(scores, truth, k=10, *, unit="occupation", per_origin=False):
    """Score a transition score (or a similarity) against observed flows.

    Parameters
    ----------
    scores : pandas.DataFrame or numpy.ndarray
        Origin x destination scores over ``truth.occupations`` (all
        occupations as rows, or only ``truth.origins``); NaN ranks last.
    truth : FlowTruth
    k : int, default=10
    unit : {"occupation", "code"}, default="occupation"
        Rank occupations (each gains its code's probability) or codes (each
        scores as its best occupation); see the module docs.
    per_origin : bool, default=False
        Return one row per origin occupation instead of the summary.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        Summary: ``ndcg``, ``flow_share``, ``precision`` (means over code
        groups of the means over their origins), ``n_origins``, ``n_groups``.
        Per origin (index: origin ids): ``group``, ``ndcg``, ``flow_share``,
        ``precision``, ``n_observed`` (candidates with flow).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> flows = pd.DataFrame({"origin": ["11-1010"] * 3, "probability": [0.9, 0.08, 0.02],
    ...                       "destination": ["11-1010", "11-2020", "13-1010"]})
    >>> mapping = pd.DataFrame({"occupation_id": ["a", "b", "c"],
    ...                         "flow_code": ["11-1010", "11-2020", "13-1010"]})
    >>> truth = flows_ground_truth(["a", "b", "c"], flows, mapping)
    >>> good = np.array([[0, .9, .1], [0, 0, 0], [0, 0, 0]])
    >>> evaluate_flows(good, truth, k=1)[["ndcg", "flow_share"]].round(2).tolist()
    [1.0, 0.8]
    >>> evaluate_flows(good[:, [0, 2, 1]], truth, k=1)[["ndcg", "flow_share"]].round(2).tolist()
    [0.25, 0.2]
    """
    _check_k(k)
    if unit not in ("occupation", "code"):
        raise InvalidParameterError(f"unit={unit!r} is not valid; choose 'occupation' or 'code'")
    if unit == "code":
        C = flow_code_scores(scores, truth)
        G, ex = truth.gains.toarray(), truth.excluded
        share = _flow_share(C, G, ex, k, G.sum(axis=1))
    else:
        C = _score_rows(scores, truth)
        G, ex = truth.occupation_gains, truth.occupation_excluded
        share = _occupation_flow_share(C, truth, k)
    m = ranking_metrics(C, G, k, ex, gain="linear")
    table = pd.DataFrame({"group": truth.groups, "ndcg": m["ndcg"].to_numpy(),
                          "flow_share": share, "precision": m["precision"].to_numpy(),
                          "n_observed": m["n_relevant"].to_numpy()}, index=truth.origins)
    if per_origin:
        return table
    by_group = table.groupby("group")[["ndcg", "flow_share", "precision"]].mean()
    return pd.Series({**by_group.mean().to_dict(), "n_origins": float(len(table)),
                      "n_groups": float(len(by_group))})


def _flow_share(C, G, excluded, k, total):
    order, valid = top_k(C, k, excluded)
    got = np.take_along_axis(G, order, axis=1) * valid
    return got.sum(axis=1) / total


def _occupation_flow_share(S, truth, k):
    """Share of the outflow whose codes appear among the top-k occupations (each code once)."""
    S = np.where(np.isnan(S), -np.inf, S)
    order, valid = top_k(S, k, truth.occupation_excluded)
    G = truth.gains.toarray()
    M = truth.membership.tocsr()
    out = np.empty(len(S))
    for i in range(len(S)):  # per origin: the union of the k occupations' codes
        codes = np.unique(M[order[i][valid[i]]].indices)
        out[i] = G[i, codes].sum() / G[i].sum()
    return out


def observed_pairs(truth, origins, destinations):
    """Whether workers were observed moving from each origin to each destination's code(s).

    Parameters
    ----------
    truth : FlowTruth
    origins, destinations : sequence of str
        Occupation ids, pairwise.

    Returns
    -------
    numpy.ndarray of float
        1.0 where some code of the destination has observed flow from the
        origin, 0.0 where none has (or the destination maps to no candidate
        code), NaN where the origin is not evaluated.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions.evaluation import flows_ground_truth
    >>> flows = pd.DataFrame({"origin": ["11-1010"] * 3, "probability": [0.9, 0.08, 0.02],
    ...                       "destination": ["11-1010", "11-2020", "13-1010"]})
    >>> mapping = pd.DataFrame({"occupation_id": ["a", "b", "c"],
    ...                         "flow_code": ["11-1010", "11-2020", "13-1010"]})
    >>> truth = flows_ground_truth(["a", "b", "c"], flows, mapping)
    >>> from transitions.evaluation import observed_pairs
    >>> observed_pairs(truth, ["a", "a", "b"], ["b", "c", "a"]).tolist()
    [1.0, 1.0, nan]
    """
    origins, destinations = np.asarray(origins, dtype=object), np.asarray(destinations, dtype=object)
    if origins.shape != destinations.shape:
        raise InvalidParameterError("origins and destinations must have the same length")
    row = truth.origins.get_indexer(origins)
    col = truth.occupations.get_indexer(destinations)
    out = np.full(len(origins), np.nan)
    ok = (row >= 0) & (col >= 0)
    if ok.any():
        hit = truth.gains[row[ok]].multiply(truth.membership[col[ok]])
        out[ok] = (np.asarray(hit.sum(axis=1)).ravel() > 0).astype(float)
    out[(row >= 0) & (col < 0)] = 0.0
    return out


def option_lift(truth, origins, destinations, allowed):
    """How much more often recommended destinations are observed than random allowed ones.

    Parameters
    ----------
    truth : FlowTruth
    origins, destinations : sequence of str
        The recommended (origin, destination) pairs, e.g. the top options of
        each origin's default worker.
    allowed : numpy.ndarray of bool, shape (len(truth.origins), n_occupations)
        Per evaluated origin, the destinations a random pick may choose from
        (those passing the same wage and risk filters).

    Returns
    -------
    dict
        ``options_rate`` (share of the options that are observed destinations,
        mean over origins), ``random_rate`` (the same for all allowed
        destinations: a random pick's expectation), ``lift`` (their ratio),
        ``origins`` (evaluated origins with options).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> flows = pd.DataFrame({"origin": ["11-1010"] * 3, "probability": [0.9, 0.08, 0.02],
    ...                       "destination": ["11-1010", "11-2020", "13-1010"]})
    >>> mapping = pd.DataFrame({"occupation_id": list("abcd"),
    ...                         "flow_code": ["11-1010", "11-2020", "13-1010", "15-1010"]})
    >>> truth = flows_ground_truth(list("abcd"), flows, mapping)
    >>> allowed = np.array([[False, True, True, True]])
    >>> option_lift(truth, ["a"], ["b"], allowed)["lift"]
    1.5
    """
    origins = np.asarray(origins, dtype=object)
    hit = pd.Series(observed_pairs(truth, origins, destinations))
    rate = hit.groupby(origins).mean().dropna()
    base = {}
    for i, origin in enumerate(truth.origins):
        d = np.flatnonzero(allowed[i])
        if origin in rate.index and len(d):
            base[origin] = np.nanmean(observed_pairs(
                truth, np.full(len(d), origin, dtype=object), truth.occupations[d]))
    base = pd.Series(base, dtype=float)
    both = rate.index.intersection(base.index)
    options_rate, random_rate = float(rate[both].mean()), float(base[both].mean())
    return {"origins": int(len(both)), "options_rate": options_rate,
            "random_rate": random_rate,
            "lift": options_rate / random_rate if random_rate else float("nan")}
