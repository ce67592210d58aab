"""Checking parameters and bounding input: one error shape for every public entry point.

Every check raises :class:`~transitions.InvalidParameterError` whose message
names the parameter, shows the value (shortened: a megabyte of input never
becomes a megabyte of error) and says what would be valid.

Input limits (documented in the API and CLI docs):

:data:`MAX_TITLE_LENGTH`
    characters of an occupation title, code or id typed by a person (200);
:data:`MAX_ID_LENGTH`
    characters of a skill or occupation id (500; ESCO's URIs have about 80);
:data:`MAX_LIST_LENGTH`
    ids in a profile's ``skills``, ``lacking`` or ``exclude`` (2,000);
:data:`MAX_PROFILE_BYTES`
    size of a JSON/YAML profile file (1 MB);
:data:`MAX_YAML_NODES`
    values in a YAML document after its aliases are expanded (100,000): a
    few hundred bytes of nested aliases ("billion laughs") can otherwise
    expand to gigabytes.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .exceptions import InvalidParameterError

__all__ = ["MAX_TITLE_LENGTH", "MAX_ID_LENGTH", "MAX_LIST_LENGTH", "MAX_PROFILE_BYTES",
           "MAX_YAML_NODES", "shown", "check_int", "check_number", "check_numbers",
           "check_text", "check_n_jobs", "load_yaml", "load_json"]

MAX_TITLE_LENGTH = 200
MAX_ID_LENGTH = 500
MAX_LIST_LENGTH = 2000
MAX_PROFILE_BYTES = 1_000_000
MAX_YAML_NODES = 100_000


def shown(value, limit=60):
    """``repr(value)``, cut to about ``limit`` characters for messages."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def _is_int(value):
    return isinstance(value, (numbers.Integral, np.integer)) and not isinstance(value, (bool, np.bool_))


def check_int(value, name, *, low=None, high=None):
    """``value`` as an int in ``[low, high]``; anything else (floats, bools, text) is an error.

    Examples
    --------
    >>> check_int(3, "n", low=1)
    3
    >>> check_int(0, "n", low=1)
    Traceback (most recent call last):
    ...
    transitions.exceptions.InvalidParameterError: n=0 is not valid; use an integer >= 1
    """
    if not _is_int(value) or (low is not None and value < low) \
            or (high is not None and value > high):
        bounds = (f"from {low} to {high}" if low is not None and high is not None
                  else f">= {low}" if low is not None else f"<= {high}" if high is not None
                  else "")
        raise InvalidParameterError(f"{name}={shown(value)} is not valid; use an integer {bounds}"
                                    .rstrip())
    return int(value)


def check_number(value, name, *, low=-math.inf, high=math.inf, low_open=False,
                 high_open=False):
    """``value`` as a finite float in the interval; NaN, inf, bools, text and lists are errors.

    Examples
    --------
    >>> check_number(0.5, "min_similarity", low=0, high=1)
    0.5
    >>> check_number(200, "min_score", low=0, high=100)
    Traceback (most recent call last):
    ...
    transitions.exceptions.InvalidParameterError: min_score=200 is not valid; use a number in [0, 100]
    """
    ok = isinstance(value, (numbers.Real, np.floating, np.integer)) \
        and not isinstance(value, (bool, np.bool_))
    number = float(value) if ok else math.nan
    ok = ok and math.isfinite(number) and (number > low if low_open else number >= low) \
        and (number < high if high_open else number <= high)
    if not ok:
        interval = f"{'(' if low_open else '['}{_fmt(low)}, {_fmt(high)}{')' if high_open else ']'}"
        raise InvalidParameterError(f"{name}={shown(value)} is not valid; use a number in "
                                    f"{interval}")
    return number


def _fmt(bound):
    return "inf" if bound == math.inf else "-inf" if bound == -math.inf else f"{bound:g}"


def check_numbers(values, name, **bounds):
    """A non-empty list of numbers, each checked by :func:`check_number`."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise InvalidParameterError(f"{name}={shown(values)} is not valid; use a list of numbers")
    values = list(values)
    if not values:
        raise InvalidParameterError(f"{name} is empty; give at least one number")
    return [check_number(v, f"{name}[{i}]", **bounds) for i, v in enumerate(values)]


def check_text(value, name, *, max_length=MAX_TITLE_LENGTH):
    """A non-empty string of at most ``max_length`` characters, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidParameterError(f"{name} must be a non-empty text, got {shown(value)}")
    value = value.strip()
    if len(value) > max_length:
        raise InvalidParameterError(f"{name} is {len(value)} characters long; at most "
                                    f"{max_length} are accepted ({shown(value)})")
    return value


def check_n_jobs(n_jobs, name="n_jobs"):
    """joblib's convention: a positive number of processes, or -1 (all cores), -2 (all but one)...

    None is passed through (the caller's default); 0 is an error.
    """
    if n_jobs is None:
        return None
    if not _is_int(n_jobs) or n_jobs == 0:
        raise InvalidParameterError(f"{name}={shown(n_jobs)} is not valid; use a positive number "
                                    f"of processes, or -1 for all cores (-2 all but one, ...)")
    return int(n_jobs)


def load_yaml(text, where):
    """``yaml.safe_load`` with the document's size after alias expansion bounded.

    Raises
    ------
    InvalidParameterError
        The document expands to more than :data:`MAX_YAML_NODES` values.
    yaml.YAMLError
        Not YAML.
    """
    import yaml

    class _Bounded(yaml.SafeLoader):
        pass

    budget = [MAX_YAML_NODES]

    def _count(loader, node, deep=False):
        # Aliases are expanded by reference, so count each visit of a node, not each object.
        budget[0] -= _size(node, budget[0])
        if budget[0] < 0:
            raise InvalidParameterError(
                f"{where}: the YAML document expands to more than {MAX_YAML_NODES:,} values "
                f"(aliases); a profile is a short mapping")
        return yaml.SafeLoader.construct_document(loader, node)

    def _mapping(loader, node, deep=False):
        keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
        repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
        if repeated:
            raise InvalidParameterError(f"{where}: key(s) {repeated} given twice; give each once")
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    _Bounded.construct_document = _count
    _Bounded.construct_mapping = _mapping
    return yaml.load(text, Loader=_Bounded)  # noqa: S506 - a SafeLoader subclass


def load_json(text, where):
    """``json.loads`` that refuses a key given twice in one object (JSON keeps the last)."""
    import json

    def pairs(items):
        keys = [k for k, _ in items]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise InvalidParameterError(f"{where}: key(s) {repeated} given twice; give each once")
        return dict(items)

    return json.loads(text, object_pairs_hook=pairs)


def _size(node, budget):
    """Values under ``node`` counting every alias again, stopping once past ``budget``."""
    import yaml

    count, stack = 0, [node]
    while stack and count <= budget:
        current = stack.pop()
        count += 1
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return count
