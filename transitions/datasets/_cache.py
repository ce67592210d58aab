"""Content-addressed, pickle-free cache of imported taxonomies.

An importer hands :func:`cached_taxonomy` the files it reads and a function
that builds the :class:`~transitions.Taxonomy` from them. The cache key is a
SHA-256 over the cache format, the taxonomy's name, the (name, content hash)
of every source file and the import parameters, so a changed download or
parameter gives a new entry and an unchanged one is loaded in a fraction of
the import time.

Layout of an entry, ``<data_home>/taxonomies/<name>-<key[:16]>/``:

``g0.npy``, ``g1.npy``, ...
    Every table as plain 1-D arrays, one ``.npy`` file per dtype (read with
    ``allow_pickle=False``): numbers and booleans as they are, text as UTF-8
    blobs with offsets (or, for repetitive columns, a dictionary of distinct
    values with codes), missing values as masks. Nothing in an entry can
    execute code.
``manifest.json``
    The key, the taxonomy's name and metadata, the layout and dtype of every
    column, and the SHA-256 of every other file; the manifest carries a hash
    of its own body. A mismatch anywhere means the entry is corrupt: it gives
    a :class:`~transitions.DataQualityWarning` and is rebuilt, never trusted.

Entries are written to a temporary folder and moved into place with one
``os.replace``, so a crash never leaves a half-written entry that reads as
valid. Temporary and trash folders a killed process left behind are removed
before the next write, once they are older than ``STALE_SECONDS`` (a
concurrent writer's folder is younger).

The key is always the content's SHA-256 (:mod:`._keys`, where the data home's hash index
spares re-hashing unchanged sources).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import tempfile
import time
import uuid
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import CacheError, InvalidParameterError, warn_defect
from ..taxonomy import Taxonomy
from .._hashing import bytes_sha256
from ._base import get_data_home
from ._frames import HashingWriter, decode_frame, encode_frame, pack, unpack, write_npy
# The sources' content keys are computed without pandas (a command that only needs a key,
# such as a title search, must not import it); re-exported here for the cache's callers.
from ._keys import (  # noqa: F401
    CACHE_FORMAT, HASH_INDEX as _HASH_INDEX, SETTLE_SECONDS, cache_key, stored_key,
)

__all__ = ["cached_taxonomy", "cache_key", "taxonomy_to_folder", "taxonomy_from_folder"]


_TABLES = (
    "occupations",
    "skills",
    "relations",
    "skill_hierarchy",
    "occupation_hierarchy",
    "skill_groups",
    "occupation_groups",
    "skill_relations",
)
_GROUP_RE = re.compile(r"g[0-9]+\.npy\Z")
_MANIFEST = "manifest.json"
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
#: Age after which a ``.tmp`` / ``.trash`` folder in the cache is a crash's leftover.
STALE_SECONDS = 3600


# ---------------------------------------------------------------------- public API
def cached_taxonomy(name, source_files, build, *, params=None, data_home=None, cache=True):
    """Load a taxonomy from the cache, or build it and cache it.

    Parameters
    ----------
    name : str
        Short name of the source, e.g. ``"esco"``; letters, digits, ``.``,
        ``_`` and ``-`` (it names the cache folder).
    source_files : sequence of path-like, or mapping of str to path-like
        Every file the build reads. A sequence keys each file by its base
        name; a mapping by its keys (use one when two files share a name).
        Only names and contents enter the key, so moving a download keeps
        its cache.
    build : callable
        Called without arguments on a cache miss; returns a
        :class:`~transitions.Taxonomy`.
    params : dict, optional
        JSON-serialisable import parameters that change the result (e.g. the
        label languages); part of the key.
    data_home : str or path-like, optional
        Cache folder; see :func:`transitions.get_data_home`.
    cache : bool, default=True
        ``False`` calls ``build`` and neither reads nor writes the cache.

    Returns
    -------
    Taxonomy

    Warns
    -----
    DataQualityWarning
        "cache corrupt, rebuilding" when an entry fails its checks.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from pathlib import Path
    >>> from transitions import Taxonomy
    >>> from transitions.datasets._cache import cached_taxonomy
    >>> home = Path(tempfile.mkdtemp())
    >>> src = home / "source.csv"
    >>> _ = src.write_text("occupation,skill\\nbaker,kneading\\n")
    >>> def build():
    ...     occ = pd.DataFrame({"label_en": ["baker"], "label_nl": ["bakker"]}, index=["o1"])
    ...     skills = pd.DataFrame({"label_en": ["kneading"], "label_nl": [None],
    ...                            "digital": [False], "digcomp": [None]}, index=["s1"])
    ...     rel = pd.DataFrame({"occupation_id": ["o1"], "skill_id": ["s1"],
    ...                         "relation": ["essential"], "weight": [1.0]})
    ...     return Taxonomy(occ, skills, rel, name="toy")
    >>> first = cached_taxonomy("toy", [src], build, data_home=home)
    >>> again = cached_taxonomy("toy", [src], build, data_home=home)   # read from the cache
    >>> again.occupations.loc["o1", "label_nl"]
    'bakker'
    """
    if not cache:
        return build()
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise InvalidParameterError(
            f"name={name!r} is not valid: use letters, digits, '.', '_' and '-'"
        )
    try:
        root = get_data_home(data_home) / "taxonomies"
        root.mkdir(parents=True, exist_ok=True)
    except (OSError, InvalidParameterError) as exc:  # an unusable data home only costs speed
        warnings.warn(
            f"taxonomy {name!r} not cached: data home unusable ({exc})", UserWarning, stacklevel=2
        )
        cache_key(name, source_files, params)  # still checks that the sources exist
        return build()
    key = cache_key(name, source_files, params, hash_index=root / _HASH_INDEX)
    folder = root / f"{name}-{key[:16]}"
    if folder.exists():
        try:
            tax = taxonomy_from_folder(folder, key=key)
            tax._content_key = key      # what the derived stores key on (datasets._derived)
            return tax
        except CacheError as exc:
            warn_defect(f"cache corrupt, rebuilding: {exc}", stacklevel=3)
    tax = build()
    if not isinstance(tax, Taxonomy):
        raise InvalidParameterError(f"build() must return a Taxonomy, got {type(tax).__name__}")
    try:
        _write_entry(tax, folder, key)
    except (CacheError, OSError) as exc:
        # The import itself succeeded; an unwritable or unsupported cache only costs speed.
        warnings.warn(f"taxonomy {name!r} not cached: {exc}", UserWarning, stacklevel=2)
    tax._content_key = key
    return tax


def taxonomy_to_folder(tax, folder, *, key=""):
    """Write ``tax`` into the empty or new ``folder`` (not atomic; see :func:`cached_taxonomy`).

    Raises
    ------
    CacheError
        A table holds something the format cannot store (a MultiIndex,
        non-text objects, metadata that is not plain JSON).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {}
    tables = {}
    for t_name in _TABLES:
        df = getattr(tax, t_name, None)
        if df is None:
            tables[t_name] = None
            continue
        if not isinstance(df, pd.DataFrame):
            raise CacheError(f"table {t_name!r} is a {type(df).__name__}, not a DataFrame")
        tables[t_name] = encode_frame(df, t_name, arrays)
    metadata = tax.metadata
    try:
        meta_json = json.dumps(metadata, sort_keys=True, allow_nan=True)
    except (TypeError, ValueError) as exc:
        raise CacheError(f"metadata is not JSON-serialisable: {exc}") from exc
    if json.loads(meta_json) != metadata:
        raise CacheError("metadata does not survive a JSON round trip (tuples or non-str keys?)")
    groups, layout = pack(arrays)
    hashes = {}
    for group, (dtype, parts) in sorted(groups.items()):
        with open(folder / f"{group}.npy", "wb") as raw:
            sink = HashingWriter(raw)
            write_npy(sink, dtype, parts)
        hashes[f"{group}.npy"] = sink.hexdigest()
    body = {
        "format": CACHE_FORMAT,
        "key": key,
        "name": tax.name,
        "metadata": metadata,
        "tables": tables,
        "arrays": layout,
        "files": hashes,
    }
    body_json = json.dumps(body, sort_keys=True, allow_nan=True)
    manifest = {"sha256": bytes_sha256(body_json.encode("utf-8")), "body": body_json}
    (folder / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def taxonomy_from_folder(folder, *, key=None):
    """Read a taxonomy written by :func:`taxonomy_to_folder`, verifying every hash.

    Parameters
    ----------
    folder : path-like
    key : str, optional
        The expected cache key; a different stored key is an error.

    Raises
    ------
    CacheError
        Missing or altered files, a manifest whose hash does not match, or a
        stored key, format or layout that is not the expected one.
    """
    folder = Path(folder)
    try:
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        body_json = manifest["body"]
        if bytes_sha256(body_json.encode("utf-8")) != manifest["sha256"]:
            raise CacheError(f"{folder / _MANIFEST}: hash of the manifest does not match")
        body = json.loads(body_json)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CacheError(f"{folder / _MANIFEST}: unreadable manifest ({exc})") from exc
    if body.get("format") != CACHE_FORMAT:
        raise CacheError(f"{folder}: format {body.get('format')!r}, expected {CACHE_FORMAT!r}")
    if key is not None and body.get("key") != key:
        raise CacheError(f"{folder}: stored key does not match the sources")
    files = body.get("files")
    groups = {g for g, _, _ in (body.get("arrays") or {}).values()}
    if (
        not isinstance(files, dict)
        or not all(isinstance(f, str) and _GROUP_RE.match(f) for f in files)
        or {f[: -len(".npy")] for f in files} != groups
    ):
        raise CacheError(f"{folder}: manifest's file list does not match its arrays")
    packed = {}
    for fname, digest in files.items():
        path = folder / fname
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CacheError(f"{path}: unreadable ({exc})") from exc
        if bytes_sha256(data) != digest:
            raise CacheError(f"{path}: content does not match its SHA-256 in the manifest")
        packed[fname[: -len(".npy")]] = data
    try:
        packed = {
            g: np.lib.format.read_array(io.BytesIO(data), allow_pickle=False)
            for g, data in packed.items()
        }
        arrays = unpack(packed, body["arrays"])
        tables = {
            t: (None if spec is None else decode_frame(spec, arrays))
            for t, spec in body["tables"].items()
        }
        return _assemble(tables, body)
    except CacheError:
        raise
    except Exception as exc:  # verified files that still do not decode: treat as corrupt
        raise CacheError(f"{folder}: does not decode ({type(exc).__name__}: {exc})") from exc




# ---------------------------------------------------------------------- atomic entry write
def _remove_stale_leftovers(root, now=None):
    """Delete ``.*.tmp`` / ``.*.trash`` folders older than ``STALE_SECONDS``; return how many.

    A process killed mid-write (or mid-delete) leaves them; nothing reads them,
    but they hold a whole taxonomy each.
    """
    now = time.time() if now is None else now
    removed = 0
    for path in root.glob(".*"):
        if not (path.is_dir() and path.suffix in (".tmp", ".trash")):
            continue
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(path)
                removed += 1
    return removed


def _write_entry(tax, folder, key):
    root = folder.parent
    _remove_stale_leftovers(root)
    tmp = Path(tempfile.mkdtemp(dir=root, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        taxonomy_to_folder(tax, tmp, key=key)
        if folder.exists():  # a corrupt entry: move it aside, then delete it
            trash = root / f".{folder.name}.{uuid.uuid4().hex}.trash"
            with contextlib.suppress(OSError):
                os.replace(folder, trash)
                shutil.rmtree(trash, ignore_errors=True)
        try:
            os.replace(tmp, folder)
        except OSError:
            # Another process put a complete entry in place first; keep theirs.
            if not (folder / _MANIFEST).exists():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _assemble(tables, body):
    missing = [t for t in ("occupations", "skills", "relations") if tables.get(t) is None]
    if missing:
        raise CacheError(f"manifest lacks table(s) {missing}")
    relations = tables["relations"]
    tax = Taxonomy(
        tables["occupations"],
        tables["skills"],
        relations.iloc[:0],
        skill_hierarchy=tables.get("skill_hierarchy"),
        occupation_hierarchy=tables.get("occupation_hierarchy"),
        skill_groups=tables.get("skill_groups"),
        occupation_groups=tables.get("occupation_groups"),
        skill_relations=tables.get("skill_relations"),
        name=body["name"],
        metadata=body["metadata"],
    )
    # The relations were validated by Taxonomy() before the entry was written and
    # their bytes are verified by SHA-256; validating 100k+ rows again would cost
    # a third of a warm load. The other tables do go through the constructor.
    tax.relations = relations
    return tax
