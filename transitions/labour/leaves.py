"""Employment leaves: the published rows that partition the workforce, matched to occupations.

A *leaf* is a row of a normalised employment table without a finer row below
it in the same code system (a BRC group, or an OEWS broad group published
without its detailed codes). Counting leaves only never counts a segment's
jobs twice. Each occupation is matched to the leaves at the finest level where
its codes match. Used by the job split (:mod:`.workforce`) and the reference
estimates (:mod:`.estimate`).
"""

from __future__ import annotations

import pandas as pd

from .codes import LEVELS, OCC, TOTAL_LEVEL

__all__ = ["leaf_mask", "leaf_pairs", "match_leaves"]


def leaf_mask(table):
    """Rows of a normalised table with no finer row below them in the same code system."""
    mask = pd.Series(True, index=table.index)
    for _, sub in table.groupby("code_system"):
        for d in sorted(d for d in sub["depth"].unique() if d >= 0):
            prefixes = set(sub.loc[sub["depth"] > d, "key"].str[:d])
            rows = sub.index[sub["depth"] == d]
            mask[rows] = ~sub.loc[rows, "key"].isin(prefixes).to_numpy()
    return mask


def leaf_pairs(employment, links):
    """(occupation, leaf) pairs of a normalised ``employment`` table, or None.

    Each occupation is matched at the finest level where it matches; columns
    ``occupation_id``, ``code_system``, ``key``, ``code``, ``level``,
    ``employment`` (the leaf's) and ``employment_source``.
    """
    table = employment[employment["employment"].notna() & (employment["level"] != TOTAL_LEVEL)]
    return match_leaves(table[leaf_mask(table)], links)


def match_leaves(leaves, links):
    """(occupation, leaf) pairs, each occupation at the finest level where it matches."""
    pairs = []
    done = pd.Index([], dtype=object)
    systems = sorted(dict.fromkeys(leaves["code_system"]), key=lambda s: s != OCC)
    for system in systems:
        if system not in links:
            continue
        sub = leaves[leaves["code_system"] == system]
        for depth in LEVELS[system]:
            rows = sub[sub["depth"] == depth]
            if rows.empty:
                continue
            lk = links[system][~links[system]["occupation_id"].isin(done)]
            key = lk["code"] if depth < 0 else lk["code"].str[:depth]
            lk = lk.assign(key=key).drop_duplicates(["occupation_id", "key"]).drop(columns="code")
            m = lk.merge(rows[["key", "code_system", "code", "level", "employment",
                               "employment_source"]], on="key")
            if not m.empty:
                pairs.append(m)
                done = done.append(pd.Index(m["occupation_id"].unique()))
    return pd.concat(pairs, ignore_index=True) if pairs else None
