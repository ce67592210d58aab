"""Shared set-up of the flow benchmarks: the two advisors and their observed-flow ground truth.

* ``onet``: O*NET 29.3 with the US labour market (BLS), O*NET-SOC codes mapped
  to the flows' SOC 2010 codes through the BLS SOC 2010-2018 crosswalk;
* ``esco``: ESCO v1.1.1 (+ Dutch labels) with the Dutch labour market, mapped
  through the ESCO -> O*NET-SOC 2019 crosswalk, then as O*NET.

The flows (CPS-ASEC, development half of the origins) are read from
``TRANSITIONS_TEST_DATA``; they are never copied anywhere.
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _advice_data import data_root  # noqa: E402

from transitions import Advisor, LabourMarket, evaluation as ev, load_esco, load_onet  # noqa: E402
from transitions.labour import read_soc2010_soc2018  # noqa: E402

FLOWS = "flows/cps_asec_occupation_flows_dev.csv"


def flows_and_crosswalks(root=None):
    root = root or data_root()
    flows = ev.read_flows(root / FLOWS)
    soc = read_soc2010_soc2018(root / "crosswalks" / "soc2010_soc2018_bls.csv")
    return flows, soc


def build(which, root=None, **advisor_kwargs):
    """(advisor, FlowTruth, seconds) for ``"onet"`` or ``"esco"``."""
    root = root or data_root()
    flows, soc = flows_and_crosswalks(root)
    codes = set(flows["origin"]) | set(flows["destination"])
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # documented source defects, counted by the loaders
        if which == "onet":
            tax = load_onet(root / "onet" / "29.3")
            market = LabourMarket.from_files(root, country="US")
            ids = tax.occupation_index
            mapping = ev.soc_flow_codes(pd.Series(ids, index=ids), codes, soc)
        elif which == "esco":
            tax = load_esco(root / "esco" / "v1.1.1", labels={"nl": root / "esco" / "nl"})
            market = LabourMarket.from_files(root)
            cw = ev.read_crosswalk(root / "esco" / "crosswalk" /
                                   "ESCO_to_ONET-SOC2019_with_uris.csv")
            mapping = ev.crosswalk_flow_codes(cw, codes, soc)
        else:
            raise ValueError(which)
        adv = Advisor(tax, market, **advisor_kwargs)
    truth = ev.flows_ground_truth(tax, flows, mapping)
    return adv, truth, time.perf_counter() - t


def hierarchy_scores(adv):
    """The classification baseline: share of ISCO / SOC levels shared (ties by id order)."""
    ctx = adv._ctx
    return ctx.classification(np.arange(ctx.n_occ))


def folds(truth, k=5, seed=0):
    """Fold of each origin: whole code groups go together (grouped cross-validation)."""
    gid = pd.factorize(truth.groups)[0]
    perm = np.random.default_rng(seed).permutation(gid.max() + 1)
    return perm[gid] % k


__all__ = ["build", "flows_and_crosswalks", "hierarchy_scores", "folds", "FLOWS"]
