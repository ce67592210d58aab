"""Content hashes: of files, bytes, DataFrames, the library's own code, and cache keys.

Every cache and stored derived array in the data home is keyed on what it is
made of (:func:`content_key` over the sources' hashes, the parameters and
:func:`code_digest` of the code that computes it), so a change of data, of
parameters or of code never reads a stale entry.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = ["KEY_FORMAT", "file_sha256", "bytes_sha256", "content_key", "code_digest",
           "frame_digest"]

#: Salt of every key (and the format of the derived-data store): a new format, new keys.
KEY_FORMAT = "transitions-derived/1"
_CHUNK = 1 << 20


def file_sha256(path):
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def bytes_sha256(data):
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def content_key(*parts):
    """SHA-256 (hex) over ``parts`` (strings or JSON-serialisable values) and the format."""
    payload = json.dumps([KEY_FORMAT, *parts], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_CODE = {}


def code_digest(*modules):
    """SHA-256 (hex) of the source of ``modules`` (names inside the package, e.g.
    ``"lookup"`` or ``"labour"``; a subpackage means all its ``.py`` files): part of every
    key, so that a change of the code that computes something never reads what the old
    code stored. Found by path, without importing anything."""
    key = tuple(sorted(modules))
    cached = _CODE.get(key)
    if cached is None:
        root = Path(__file__).resolve().parent
        h = hashlib.sha256()
        for name in key:
            base = root.joinpath(*name.split("."))
            files = sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
            for f in files:
                h.update(str(f.relative_to(root)).encode("utf-8"))
                h.update(f.read_bytes())
        cached = _CODE[key] = h.hexdigest()
    return cached


def frame_digest(df):
    """SHA-256 (hex) of a DataFrame's columns, index and values."""
    import pandas as pd

    h = hashlib.sha256()
    h.update(json.dumps([str(c) for c in df.columns]).encode("utf-8"))
    h.update(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes())
    return h.hexdigest()
