"""Every public callable documents its use in a numpydoc Examples section that runs as a doctest.

Public: the names in ``transitions.__all__`` (for the ``evaluation`` module, the callables in
its ``__all__``) and the public methods, classmethods and properties the classes among them
define themselves (inherited ones are documented where they are defined). Left out: dataclass
fields and field accessors, i.e. properties defined by a lambda that return a constructor
parameter the class docstring documents under Parameters (``WorkerProfile.wage``).
The examples run because pytest collects ``transitions/`` with ``--doctest-modules``.
"""

import dataclasses
import doctest
import functools
import inspect
import re
import types

import pytest

import transitions

_HEADER = "Examples\n--------\n"
_NEXT_SECTION = re.compile(r"\n\n[A-Z][A-Za-z ]+\n-{3,}\n")


def _is_field_accessor(cls, name, member):
    """A lambda property returning a constructor parameter documented in the class docstring."""
    if not isinstance(member, property) or member.fget is None:
        return False
    if member.fget.__name__ != "<lambda>":
        return False
    doc = inspect.getdoc(cls) or ""
    params = doc.split("Parameters\n----------\n", 1)[-1] if "Parameters\n" in doc else ""
    return re.search(rf"^{re.escape(name)}\b.*:", params, flags=re.MULTILINE) is not None


def _class_members(name, cls):
    fields = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
    for attr, member in vars(cls).items():
        if attr.startswith("_") or attr in fields:
            continue
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__
        if not isinstance(member, (types.FunctionType, property, functools.cached_property)):
            continue
        if _is_field_accessor(cls, attr, member):
            continue
        yield f"{name}.{attr}", member


def public_callables():
    """``(name, object)`` for every public callable of the API, in ``__all__`` order."""
    out = []
    for name in transitions.__all__:
        obj = getattr(transitions, name)
        if isinstance(obj, types.ModuleType):
            for attr in obj.__all__:
                member = getattr(obj, attr)
                if callable(member):
                    out.append((f"{name}.{attr}", member))
                    if inspect.isclass(member):
                        out.extend(_class_members(f"{name}.{attr}", member))
            continue
        out.append((name, obj))
        if inspect.isclass(obj):
            out.extend(_class_members(name, obj))
    return out


def examples_section(obj):
    """The text of the numpydoc Examples section of ``obj``'s docstring, or None."""
    doc = inspect.getdoc(obj) or ""
    if _HEADER not in doc:
        return None
    section = doc.split(_HEADER, 1)[1]
    end = _NEXT_SECTION.search(section)
    return section[:end.start()] if end else section


_CALLABLES = public_callables()


def test_the_scan_covers_the_api():
    names = {n for n, _ in _CALLABLES}
    # Functions, classes, methods, classmethods, properties, module members and exceptions.
    for expected in ("load_sample", "Taxonomy", "Advisor.recommend", "Advisor.from_sample",
                     "Taxonomy.occupation_index", "WorkerProfile.to_json", "evaluation.read_flows",
                     "evaluation.GroundTruth", "UnknownOccupationError", "DataQualityWarning"):
        assert expected in names
    # Field accessors and dataclass fields are documented by their class, not one by one.
    assert "WorkerProfile.wage" not in names and "evaluation.GroundTruth.grades" not in names
    assert "WorkerProfile.digcomp" in names          # a property with a body of its own
    assert len(names) > 100


@pytest.mark.parametrize("name,obj", _CALLABLES, ids=[n for n, _ in _CALLABLES])
def test_public_callable_has_runnable_examples(name, obj):
    section = examples_section(obj)
    assert section is not None, f"{name}: docstring lacks a numpydoc 'Examples' section"
    examples = doctest.DocTestParser().get_examples(section, name)
    assert examples, f"{name}: its Examples section has no '>>>' example for doctest to run"


def test_examples_are_collected_by_the_suite(pytestconfig):
    # Without these the Examples above would be text that nobody runs.
    assert "--doctest-modules" in pytestconfig.getini("addopts")
    assert "transitions" in pytestconfig.getini("testpaths")


def test_examples_section_parsing():
    def documented():
        """Summary.

        Examples
        --------
        >>> 1 + 1
        2

        Notes
        -----
        >>> not part of the examples
        """

    def undocumented():
        """Summary only; ``>>> 1`` in prose is no example."""

    def prose_only():
        """Summary.

        Examples
        --------
        Call it.
        """

    assert doctest.DocTestParser().get_examples(examples_section(documented))[0].source == "1 + 1\n"
    assert "Notes" not in examples_section(documented)
    assert examples_section(undocumented) is None
    assert doctest.DocTestParser().get_examples(examples_section(prose_only)) == []
