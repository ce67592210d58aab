"""Switch advice for workers: options, gaps, stepping stones, skills to learn, batches, coverage.

The public entry points are :class:`Advisor` and :func:`recommend`
(re-exported by :mod:`transitions`); the modules below hold one concept each:

- :mod:`~transitions.advice.advisor`: the advisor;
- :mod:`~transitions.advice.criteria`: what a good option is (learnable gap, carried skills);
- :mod:`~transitions.advice.score`: the transition score fitted on observed flows;
- :mod:`~transitions.advice.context`: per-taxonomy arrays built once;
- :mod:`~transitions.advice.core`: the vectorised evaluation shared by all views;
- :mod:`~transitions.advice.pairs`: every occupation's default worker against every occupation;
- :mod:`~transitions.advice.options`: the option table;
- :mod:`~transitions.advice.effort`: the effort-band heuristic;
- :mod:`~transitions.advice.explain`: one-line explanations (nl/en);
- :mod:`~transitions.advice.paths`: stepping-stone paths;
- :mod:`~transitions.advice.learn`: skills and competences to learn;
- :mod:`~transitions.advice.batch`: many profiles at once;
- :mod:`~transitions.advice.coverage`: the workforce coverage report.
"""

from .advisor import DEFAULT_MIN_SIMILARITY, Advisor, recommend

__all__ = ["Advisor", "recommend", "DEFAULT_MIN_SIMILARITY"]
