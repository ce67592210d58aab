"""Content keys of source files: what the taxonomy cache (:mod:`._cache`) and every derived
store is keyed on.

The key is the SHA-256 over the cache format, the source's name, the (name, content hash) of
every source file and the import parameters. Hashing every source on every load is spared on
POSIX systems by ``_source_hashes.json`` in the data home's ``taxonomies`` folder, which
remembers the SHA-256 of a file together with its device, inode, size, modification time *and
status-change time* (``st_ctime``). Tools that restore a file's modification time after editing
it (``cp -p``, ``rsync -t``, ``unzip``, ``tar``) cannot restore its ctime: the kernel sets it on
every write and every ``utime``, so an in-place edit that keeps size and mtime still changes the
ctime and the file is hashed again. A hash is only remembered when the file's ctime is at least
:data:`SETTLE_SECONDS` old, so that a second write within the same timestamp tick cannot go
unseen. On Windows, where ``st_ctime`` is the creation time, every source is hashed on every
load.

This module needs neither pandas nor the taxonomy: a command that only needs a key (a title
search reading its stored index) stays free of them.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from ..exceptions import DataFormatError, InvalidParameterError, TransitionsError
from .._hashing import bytes_sha256, file_sha256
from ._base import atomic_write_text, get_data_home

__all__ = ["CACHE_FORMAT", "HASH_INDEX", "SETTLE_SECONDS", "cache_key", "stored_key"]


def _pandas_major():
    # The installed pandas' version, read without importing pandas when it is not loaded yet.
    pd = sys.modules.get("pandas")
    if pd is not None:
        return pd.__version__.split(".")[0]
    from importlib.metadata import version

    return version("pandas").split(".")[0]


#: Bumped whenever the stored layout changes; part of every key. The pandas
#: major version is included because dtype names differ between 2.x and 3.x.
CACHE_FORMAT = f"transitions-taxonomy/2/pandas-{_pandas_major()}"
#: The hash index's file name, in the data home's ``taxonomies`` folder.
HASH_INDEX = "_source_hashes.json"
#: A source's hash is remembered only once its last change is this old (see the module docs).
SETTLE_SECONDS = 2.0
# st_ctime is the status-change time on POSIX only (the creation time on Windows).
_TRUST_STAT = os.name == "posix"


def stored_key(name, source_files, params=None, *, data_home=None):
    """The key :func:`cached_taxonomy` uses for these sources (the data home's hash index
    spares re-hashing unchanged files), without loading anything."""
    root = get_data_home(data_home) / "taxonomies"
    index = root / HASH_INDEX if root.is_dir() else None
    return cache_key(name, source_files, params, hash_index=index)


def cache_key(name, source_files, params=None, *, hash_index=None):
    """Hex SHA-256 over the cache format, ``name``, the sources' contents and ``params``.

    Parameters
    ----------
    name : str
    source_files : sequence of path-like, or mapping of str to path-like
    params : dict, optional
        Must be JSON-serialisable.
    hash_index : path-like, optional
        JSON side index of (device, inode, size, mtime, ctime) -> SHA-256 that
        spares re-hashing unchanged files (see the module docs); updated
        atomically when a file had to be hashed.

    Returns
    -------
    str
    """
    named = _named_sources(source_files)
    hashes = _source_hashes([p for _, p in named], hash_index)
    try:
        params_json = json.dumps(params, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise InvalidParameterError(f"params must be JSON-serialisable: {exc}") from exc
    payload = json.dumps(
        {
            "format": CACHE_FORMAT,
            "name": name,
            "sources": sorted((n, hashes[str(p)]) for n, p in named),
            "params": params_json,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return bytes_sha256(payload.encode("utf-8"))


def _named_sources(source_files):
    if isinstance(source_files, (str, os.PathLike)):
        source_files = [source_files]
    if isinstance(source_files, Mapping):
        named = [(str(k), Path(v)) for k, v in source_files.items()]
    else:
        named = [(Path(p).name, Path(p)) for p in source_files]
    for _, p in named:
        if not p.is_file():
            raise DataFormatError(f"{p}: source file not found")
    return [(n, p.resolve()) for n, p in named]


def _stat_signature(st):
    """What must not change for a remembered hash to stay valid."""
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _source_hashes(paths, hash_index):
    index = {}
    if hash_index is not None and _TRUST_STAT:
        with contextlib.suppress(OSError, ValueError, TypeError):
            loaded = json.loads(Path(hash_index).read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                index = loaded
    out, changed = {}, False
    for p in paths:
        st = p.stat()
        entry = index.get(str(p))
        if (
            isinstance(entry, dict)
            and entry.get("stat") == _stat_signature(st)
            and isinstance(entry.get("sha256"), str)
        ):
            out[str(p)] = entry["sha256"]
            continue
        digest = file_sha256(p)
        out[str(p)] = digest
        after = p.stat()
        settled = time.time_ns() - after.st_ctime_ns >= SETTLE_SECONDS * 1e9
        if _TRUST_STAT and settled and _stat_signature(after) == _stat_signature(st):
            index[str(p)] = {"stat": _stat_signature(st), "sha256": digest}
            changed = True
    if changed and hash_index is not None:
        index = {k: v for k, v in index.items() if Path(k).exists()}
        with contextlib.suppress(OSError, TransitionsError):
            atomic_write_text(hash_index, json.dumps(index, sort_keys=True, indent=0),
                              what="hash index")
    return out
