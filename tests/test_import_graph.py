"""The package's import graph: dependencies point one way, and no package reaches into another's
private parts.

Every ``import`` in ``transitions/`` is read with :mod:`ast` (function-level imports too: a
lazy import is still a dependency). Two rules:

* **no import cycle** between modules;
* **no cross-package private import**: a module may import a private name (``_x``) or a
  private module only from its own package. The top-level private modules
  (``transitions._files``, ``transitions._validation``, ...) are the shared utilities every
  package may use.

``KNOWN_CYCLES`` and ``KNOWN_PRIVATE`` list what is still to be untangled (issue 15). The
lists only shrink: a new violation fails, and so does a listed one that no longer occurs
(remove it from the list).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1] / "transitions"

KNOWN_CYCLES = {
    frozenset({"transitions.advice.advisor", "transitions.advice.batch",
               "transitions.advice.learn", "transitions.advice.paths"}),
}

KNOWN_PRIVATE = {
    ("transitions.cli._batch", "transitions.advice._parallel.chunk_rows"),
    ("transitions.cli._batch", "transitions.advice._parallel.effective_jobs"),
    ("transitions.cli._data", "transitions.datasets._cache.stored_key"),
    ("transitions.cli._data", "transitions.datasets._derived.load_or_build_frames"),
    ("transitions.cli._data", "transitions.datasets._esco_files.esco_key"),
    ("transitions.datasets._digcomp", "transitions.digcomp._AREAS"),
    ("transitions.datasets._digcomp", "transitions.digcomp._COMPETENCES"),
    ("transitions.graph.hierarchy", "transitions.datasets._derived.load_or_build"),
    ("transitions.graph.occupation_graph", "transitions.datasets._derived.load_or_build"),
    ("transitions.lookup", "transitions.datasets._derived.load_or_build"),
    ("transitions.skill_lookup", "transitions.datasets._derived.load_or_build"),
}


def _modules():
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _target(module, path, node):
    """The absolute module an ``ImportFrom`` node imports from."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _package(module):
    """The unit of privacy: ``transitions.<first part>`` (a subpackage or a top-level module)."""
    return ".".join(module.split(".")[:2])


def _is_private(part):
    return part.startswith("_") and not part.startswith("__")


def import_graph():
    """(module -> imported modules, cross-package private imports as (importer, name))."""
    modules = _modules()
    edges, private = {m: set() for m in modules}, set()
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges[module] |= {a.name for a in node.names if a.name in modules}
                continue
            if not isinstance(node, ast.ImportFrom):
                continue
            source = _target(module, path, node)
            if not source.startswith("transitions"):
                continue
            for alias in node.names:
                full = f"{source}.{alias.name}"
                dest = full if full in modules else source
                edges[module].add(dest)
                if _package(dest) == _package(module):
                    continue
                inner = full.split(".")[2:]          # below transitions.<package>
                if len(full.split(".")) > 2 and any(_is_private(p) for p in inner):
                    private.add((module, full))
    return edges, private


def test_no_new_import_cycle():
    edges, _ = import_graph()
    graph = nx.DiGraph([(a, b) for a, bs in edges.items() for b in bs if a != b])
    cycles = {frozenset(c) for c in nx.strongly_connected_components(graph) if len(c) > 1}
    assert cycles - KNOWN_CYCLES == set(), "new import cycle(s)"
    assert KNOWN_CYCLES - cycles == set(), "cycle(s) untangled: remove them from KNOWN_CYCLES"


def test_no_new_cross_package_private_import():
    _, private = import_graph()
    assert sorted(private - KNOWN_PRIVATE) == [], "import a public name, or move the helper"
    assert sorted(KNOWN_PRIVATE - private) == [], "fixed: remove them from KNOWN_PRIVATE"


def test_the_checker_sees_what_it_should():
    """The rules on known shapes: a relative private import across packages is caught, one
    inside a package or from a top-level utility module is not."""
    edges, private = import_graph()
    assert "transitions.report.texts" in edges["transitions.report.formatting"]
    assert "transitions.report.formatting" in edges["transitions.report.page"]
    assert ("transitions.lookup", "transitions.datasets._derived.load_or_build") in private
    assert not any(dest.startswith(("transitions._files", "transitions._hashing"))
               for _, dest in private)
    assert not any(_package(src) == _package(dest) for src, dest in private)
