"""Set membership of string columns, fast on pandas 3's Arrow-backed strings."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["member"]


def member(values, universe):
    """Boolean array: which ``values`` occur in ``universe`` (missing values never do).

    Same result as ``values.isin(universe)``, without its cost on pandas 3:
    there ``isin`` on Arrow-backed strings boxes every element of ``universe``
    in Python (seconds for ESCO's relations). Arrow-backed input goes through
    ``pyarrow.compute.is_in``, anything else through a hash index.
    """
    if _arrow_backed(values) and _arrow_backed(universe):
        import pyarrow as pa
        import pyarrow.compute as pc

        hit = pc.is_in(
            pa.array(pd.array(values)), value_set=pa.array(pd.array(universe)), skip_nulls=True
        )
        return np.asarray(pc.fill_null(hit, False), dtype=bool)
    uni = pd.Index(universe).dropna().unique()
    return uni.get_indexer(values) >= 0


def _arrow_backed(values):
    dtype = getattr(values, "dtype", None)
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
