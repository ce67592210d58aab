"""Export an occupation graph for Gephi, Cytoscape and other tools (atomic writes).

Examples
--------
>>> import tempfile, pathlib
>>> from transitions import load_sample, OccupationGraph
>>> G = OccupationGraph.from_taxonomy(load_sample()).to_networkx(k=3)
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_graphml(G, folder / "graph.graphml").suffix
'.graphml'
>>> import pandas as pd
>>> edges = pd.read_csv(write_edgelist(G, folder / "edges.csv"))
>>> list(edges.columns)
['source', 'target', 'weight', 'rank', 'source_label', 'target_label']
>>> len(edges) == G.number_of_edges()
True
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._files import atomic_path, neutralise_csv
from ..exceptions import InvalidParameterError

__all__ = ["write_graphml", "write_edgelist", "edges_frame"]


def _check_graph(G):
    import networkx as nx  # here: building a graph needs no networkx, only its export

    if not isinstance(G, nx.DiGraph):
        raise InvalidParameterError(
            f"expected a networkx.DiGraph (from OccupationGraph.to_networkx), got {type(G).__name__}"
        )


def write_graphml(G, path):
    """Write ``G`` as GraphML (node and edge attributes kept); returns the path.

    The file appears only when complete (written to a temporary file, then moved).

    Parameters
    ----------
    G : networkx.DiGraph
        From :meth:`OccupationGraph.to_networkx`.
    path : str or path-like
        The file to write (replaced if it exists).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import networkx as nx
    >>> from transitions import load_sample, OccupationGraph, write_graphml
    >>> G = OccupationGraph.from_taxonomy(load_sample()).to_networkx(k=3)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     H = nx.read_graphml(write_graphml(G, pathlib.Path(tmp) / "graph.graphml"))
    >>> (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    True
    >>> H.nodes["occ-bookkeeper"]["label_nl"]
    'boekhouder'
    """
    import networkx as nx

    _check_graph(G)
    with atomic_path(path) as tmp:
        nx.write_graphml(G, tmp, encoding="utf-8")
    return Path(path)


def edges_frame(G, lang="en"):
    """The edges of ``G`` as a DataFrame sorted by source, rank and target.

    Columns ``source``, ``target``, ``weight``, ``rank``, ``source_label``,
    ``target_label`` (labels in ``lang``, English where absent).
    """
    _check_graph(G)
    if lang not in ("en", "nl"):
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose 'en' or 'nl'")

    def label(n):
        attrs = G.nodes[n]
        return attrs.get(f"label_{lang}") or attrs.get("label_en", "")

    rows = [(u, v, d.get("weight"), d.get("rank"), label(u), label(v))
            for u, v, d in G.edges(data=True)]
    df = pd.DataFrame(rows, columns=["source", "target", "weight", "rank", "source_label",
                                     "target_label"])
    return df.sort_values(["source", "rank", "target"], kind="stable").reset_index(drop=True)


def write_edgelist(G, path, lang="en"):
    """Write the edges of ``G`` as a CSV edge list (see :func:`edges_frame`); returns the path.

    Text cells starting with ``=``, ``+``, ``-`` or ``@`` get a leading apostrophe
    (:func:`transitions._files.neutralise_csv`), so a spreadsheet shows them as text.

    Parameters
    ----------
    G : networkx.DiGraph
        From :meth:`OccupationGraph.to_networkx`.
    path : str or path-like
        The CSV file to write (replaced if it exists).
    lang : {"en", "nl"}, default="en"
        Language of the ``source_label`` and ``target_label`` columns.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from transitions import load_sample, OccupationGraph, write_edgelist
    >>> G = OccupationGraph.from_taxonomy(load_sample()).to_networkx(k=3)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     edges = pd.read_csv(write_edgelist(G, pathlib.Path(tmp) / "edges.csv", lang="nl"))
    >>> len(edges) == G.number_of_edges()
    True
    >>> edges.loc[edges["source"] == "occ-bookkeeper", "source_label"].unique().tolist()
    ['boekhouder']
    """
    df = edges_frame(G, lang)
    with atomic_path(path) as tmp:  # labels that a spreadsheet would run are neutralised
        neutralise_csv(df).to_csv(tmp, index=False)
    return Path(path)
