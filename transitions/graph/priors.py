"""Priors that do not come from skills: the occupation classification and the job descriptions.

Both are optional additions to a skill measure (see
:class:`~transitions.graph.OccupationGraph`):

* **code prior** -- the share of hierarchy levels two occupations share in
  their classification code: ISCO-08 (``isco_code``: 1, 2, 3, 4 digits) or
  SOC (``soc_code``: major ``11``, minor ``11-1``, broad ``11-101``,
  detailed ``11-1011``). Values 0, 0.25, ..., 1.
* **text prior** -- cosine of TF-IDF vectors (words and word pairs,
  sublinear counts) of each occupation's English title and description.

Each returns a sparse-or-dense ``n x n`` matrix over the taxonomy's
occupations; rows are origins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["code_column", "code_levels", "code_prior_matrix", "text_prior_matrix"]

_SOC_CUTS = (2, 4, 6, 7)
_ISCO_CUTS = (1, 2, 3, 4)


def code_column(tax):
    """Name of the classification column of ``tax`` (``"isco_code"``, ``"soc_code"``) or None."""
    for col in ("isco_code", "soc_code"):
        if col in tax.occupations.columns and tax.occupations[col].notna().any():
            return col
    return None


def code_levels(codes, column):
    """Group number of each code at each hierarchy level (-1: no code at that level).

    Returns
    -------
    list of numpy.ndarray of int, one per level (broadest first)
    """
    codes = pd.Series(codes).astype(object)
    cuts = _ISCO_CUTS if column == "isco_code" else _SOC_CUTS
    out = []
    for cut in cuts:
        prefix = codes.map(lambda c: str(c)[:cut] if isinstance(c, str) and len(c) >= cut else None)
        out.append(pd.factorize(prefix)[0])
    return out


def code_prior_matrix(tax, origins=None):
    """Share of classification levels shared by each origin and every occupation.

    Parameters
    ----------
    tax : Taxonomy
    origins : array of int, optional
        Row positions of the origins (default: all occupations).

    Returns
    -------
    numpy.ndarray, shape (n_origins, n_occupations), values in {0, .25, .5, .75, 1}

    Examples
    --------
    >>> from transitions import load_sample
    >>> tax = load_sample()
    >>> P = code_prior_matrix(tax)
    >>> float(P.diagonal().min())
    1.0
    """
    col = code_column(tax)
    n = len(tax.occupation_index)
    origins = np.arange(n) if origins is None else np.asarray(origins, dtype=int)
    if col is None:
        return np.zeros((len(origins), n))
    # Cached on the taxonomy like the text vectors: recomputing the levels
    # dominated one profile's scoring on full ESCO (recommendations call this per profile).
    cached = getattr(tax, "_graph_code_levels", None)
    if cached is None or cached[0] != col:
        cached = (col, code_levels(tax.occupations[col].to_numpy(), col))
        tax._graph_code_levels = cached
    levels = cached[1]
    S = np.zeros((len(origins), n))
    for ids in levels:
        o = ids[origins][:, None]
        S += (o == ids[None, :]) & (o >= 0)
    S /= len(levels)
    return S


def _text_vectors(tax):
    cached = getattr(tax, "_graph_text_vectors", None)
    if cached is not None:
        return cached
    from sklearn.feature_extraction.text import TfidfVectorizer

    occ = tax.occupations
    parts = [occ["label_en"].fillna("").astype(str)]
    if "description_en" in occ.columns:
        parts.append(occ["description_en"].fillna("").astype(str))
    text = parts[0]
    for p in parts[1:]:
        text = text + ". " + p
    if not text.str.strip().any():
        V = sp.csr_matrix((len(occ), 1))
    else:
        vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2),
                              min_df=2 if len(occ) > 20 else 1, dtype=np.float64)
        try:
            V = vec.fit_transform(text.tolist())
        except ValueError:  # empty vocabulary (e.g. only stop words)
            V = sp.csr_matrix((len(occ), 1))
    tax._graph_text_vectors = V
    return V


def text_prior_matrix(tax, origins=None):
    """Cosine of the TF-IDF vectors of titles and descriptions (English).

    Parameters
    ----------
    tax : Taxonomy
    origins : array of int, optional
        Row positions of the origins (default: all occupations).

    Returns
    -------
    numpy.ndarray, shape (n_origins, n_occupations), values in [0, 1]
    """
    V = _text_vectors(tax)
    n = V.shape[0]
    origins = np.arange(n) if origins is None else np.asarray(origins, dtype=int)
    return np.clip((V[origins] @ V.T).toarray(), 0.0, 1.0)
