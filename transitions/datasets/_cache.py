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
import hashlib
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
from ._base import bytes_sha256, get_data_home
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
_MASKED_ARRAYS = (pd.arrays.IntegerArray, pd.arrays.FloatingArray, pd.arrays.BooleanArray)
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
# A text column with at most this share of distinct values is stored as a
# dictionary: smaller, and decoded by one ``take`` instead of per-row slicing.
_DICT_SHARE = 0.5
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
        tables[t_name] = _encode_frame(df, t_name, arrays)
    metadata = tax.metadata
    try:
        meta_json = json.dumps(metadata, sort_keys=True, allow_nan=True)
    except (TypeError, ValueError) as exc:
        raise CacheError(f"metadata is not JSON-serialisable: {exc}") from exc
    if json.loads(meta_json) != metadata:
        raise CacheError("metadata does not survive a JSON round trip (tuples or non-str keys?)")
    groups, layout = _pack(arrays)
    hashes = {}
    for group, (dtype, parts) in sorted(groups.items()):
        with open(folder / f"{group}.npy", "wb") as raw:
            sink = _HashingWriter(raw)
            _write_npy(sink, dtype, parts)
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
        arrays = _unpack(packed, body["arrays"])
        tables = {
            t: (None if spec is None else _decode_frame(spec, arrays))
            for t, spec in body["tables"].items()
        }
        return _assemble(tables, body)
    except CacheError:
        raise
    except Exception as exc:  # verified files that still do not decode: treat as corrupt
        raise CacheError(f"{folder}: does not decode ({type(exc).__name__}: {exc})") from exc


class _HashingWriter(io.RawIOBase):
    """A write-only file that hashes what passes through (no second read)."""

    def __init__(self, raw):
        self.raw, self.sha = raw, hashlib.sha256()

    def writable(self):
        return True

    def write(self, b):
        self.sha.update(b)
        return self.raw.write(b)

    def hexdigest(self):
        return self.sha.hexdigest()


def _pack(arrays):
    """Group the many small 1-D arrays by dtype: a handful of files instead of
    hundreds keeps a warm load fast. Returns ({member: (dtype, parts)}, layout),
    where layout maps each array to its (member, start, stop)."""
    by_dtype, layout = {}, {}
    for name, arr in arrays.items():
        arr = np.ascontiguousarray(arr).reshape(-1)
        parts, size = by_dtype.setdefault(arr.dtype.str, ([], [0]))
        layout[name] = [arr.dtype.str, size[0], size[0] + len(arr)]
        parts.append(arr)
        size[0] += len(arr)
    names = {dt: f"g{i}" for i, dt in enumerate(sorted(by_dtype))}
    groups = {names[dt]: (np.dtype(dt), parts) for dt, (parts, _) in by_dtype.items()}
    layout = {name: [names[dt], a, b] for name, (dt, a, b) in layout.items()}
    return groups, layout


def _write_npy(sink, dtype, parts):
    """Write ``parts`` as one 1-D ``.npy`` array, streaming them instead of
    concatenating them first."""
    header = {
        "descr": np.lib.format.dtype_to_descr(dtype),
        "fortran_order": False,
        "shape": (sum(len(p) for p in parts),),
    }
    np.lib.format.write_array_header_1_0(sink, header)
    for part in parts:
        if len(part):
            sink.write(memoryview(part).cast("B"))


def _unpack(packed, layout):
    arrays = {}
    for name, (group, a, b) in layout.items():
        arr = packed[group]
        if not 0 <= a <= b <= len(arr):
            raise CacheError(f"array {name!r} lies outside its packed group")
        arrays[name] = arr[a:b]
    return arrays


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


# ---------------------------------------------------------------------- column codecs
def _encode_frame(df, t_name, arrays):
    cols = list(df.columns)
    if any(not isinstance(c, str) for c in cols) or len(set(cols)) != len(cols):
        raise CacheError(f"table {t_name!r}: column names must be distinct strings, got {cols}")
    spec = {"nrows": len(df), "columns": [], "index": None}
    index = df.index
    if isinstance(index, pd.MultiIndex):
        raise CacheError(f"table {t_name!r}: a MultiIndex cannot be cached")
    if isinstance(index, pd.RangeIndex):
        spec["index"] = {
            "kind": "range",
            "name": index.name,
            "start": index.start,
            "stop": index.stop,
            "step": index.step,
        }
    else:
        spec["index"] = _encode_values(index, f"{t_name}.index", arrays, t_name)
        spec["index"]["name"] = index.name
    for i, col in enumerate(cols):
        enc = _encode_values(df[col], f"{t_name}.{i}", arrays, f"{t_name}.{col}")
        enc["name"] = col
        spec["columns"].append(enc)
    return spec


def _encode_values(values, prefix, arrays, what):
    enc = _encode_kind(values, prefix, arrays, what)
    enc["key"] = prefix
    return enc


def _encode_kind(values, prefix, arrays, what):
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = values.codes if isinstance(values, pd.Index) else values.cat.codes
        arrays[f"{prefix}.codes"] = np.asarray(codes).astype(np.int32)
        cats = _encode_values(pd.Index(dtype.categories), f"{prefix}.cats", arrays, what)
        return {"kind": "category", "ordered": bool(dtype.ordered), "categories": cats}
    if _is_text(dtype):
        return _encode_text(values, prefix, arrays, what, dtype)
    arr = values.array
    if isinstance(arr, _MASKED_ARRAYS):
        # Nullable numbers and booleans (Int64, Float64, boolean): values + mask.
        arrays[f"{prefix}.mask"] = np.asarray(arr.isna(), dtype=bool)
        arrays[f"{prefix}.values"] = arr.to_numpy(dtype=dtype.numpy_dtype, na_value=0)
        return {"kind": "masked", "dtype": str(dtype)}
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        arrays[f"{prefix}.values"] = np.asarray(values)
        return {"kind": "numpy", "dtype": dtype.str}
    if isinstance(dtype, np.dtype) and dtype.kind == "M":
        arrays[f"{prefix}.values"] = np.asarray(values).view("i8")
        return {"kind": "datetime", "dtype": str(dtype)}
    raise CacheError(f"{what}: dtype {dtype} cannot be cached")


def _is_text(dtype):
    return pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype)


def _encode_text(values, prefix, arrays, what, dtype):
    enc = {"dtype": str(dtype)}
    if _arrow_dtype(dtype):
        return _encode_arrow_text(values, prefix, arrays, enc)
    obj = np.asarray(values, dtype=object)
    missing = pd.isna(obj)
    if pd.api.types.is_object_dtype(dtype):  # a str dtype guarantees text; object is checked
        for v in obj[~missing]:
            if not isinstance(v, str):
                raise CacheError(f"{what}: holds a non-text value {v!r} ({type(v).__name__})")
        if missing.any():
            # Keep None apart from NaN so an object column round-trips exactly.
            is_none = np.equal(obj, None)
            if is_none.any():
                arrays[f"{prefix}.none"] = is_none
                enc["none"] = True
    codes, uniques = pd.factorize(obj, use_na_sentinel=True)
    if len(obj) and len(uniques) <= _DICT_SHARE * len(obj):
        enc["kind"] = "text-dict"
        arrays[f"{prefix}.codes"] = codes.astype(np.int32)
        _put_strings(list(uniques), prefix, arrays)
    else:
        enc["kind"] = "text"
        arrays[f"{prefix}.mask"] = missing
        _put_strings([v if isinstance(v, str) else "" for v in obj], prefix, arrays)
    return enc


def _arrow_dtype(dtype):
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def _encode_arrow_text(values, prefix, arrays, enc):
    """Arrow-backed strings (pandas 3's default): store Arrow's own buffers."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(pd.array(values))
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = arr.cast(pa.large_string())
    n = len(arr)
    encoded = None
    # Hashing long, mostly distinct text (descriptions) only to learn that it is
    # distinct costs more than it saves: test a sample first.
    if n and len(pc.unique(arr[:1000])) <= _DICT_SHARE * min(n, 1000):
        encoded = pc.dictionary_encode(arr)
    if encoded is not None and len(encoded.dictionary) <= _DICT_SHARE * n:
        enc["kind"] = "text-dict"
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        arrays[f"{prefix}.codes"] = codes.astype(np.int32)
        _put_arrow_buffers(encoded.dictionary.cast(pa.large_string()), prefix, arrays)
    else:
        enc["kind"] = "text"
        arrays[f"{prefix}.mask"] = arr.is_null().to_numpy(zero_copy_only=False)
        _put_arrow_buffers(arr, prefix, arrays)
    return enc


def _put_arrow_buffers(arr, prefix, arrays):
    n = len(arr)
    _, offsets_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data = (
        np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    )
    if n == 0:
        offsets = np.zeros(1, dtype=np.int64)
    arrays[f"{prefix}.boffsets"] = offsets - offsets[0]
    arrays[f"{prefix}.blob"] = data[offsets[0] : offsets[-1]]


def _put_strings(strings, prefix, arrays):
    # Character offsets let the reader slice one decoded str per value.
    n = len(strings)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, strings), dtype=np.int64, count=n), out=offsets[1:])
    arrays[f"{prefix}.offsets"] = offsets
    arrays[f"{prefix}.blob"] = np.frombuffer("".join(strings).encode("utf-8"), dtype=np.uint8)


def _get_strings(prefix, arrays):
    text = arrays[f"{prefix}.blob"].tobytes().decode("utf-8")
    off = arrays[f"{prefix}.offsets"].tolist()
    if off and off[-1] != len(text):
        raise CacheError(f"{prefix}: text offsets do not match the text")
    return [text[a:b] for a, b in zip(off[:-1], off[1:])]


def _arrow_strings(prefix, arrays, valid=None):
    """A pyarrow large_string array straight from the stored blob (no Python strs)."""
    import pyarrow as pa

    boffsets = arrays[f"{prefix}.boffsets"]
    blob = arrays[f"{prefix}.blob"]
    n = len(boffsets) - 1
    if n < 0 or boffsets[-1] != len(blob):
        raise CacheError(f"{prefix}: byte offsets do not match the text")
    bitmap, nulls = None, 0
    if valid is not None and not valid.all():
        bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
        nulls = int(n - valid.sum())
    arr = pa.Array.from_buffers(
        pa.large_string(), n, [bitmap, pa.py_buffer(boffsets), pa.py_buffer(blob)], nulls
    )
    arr.validate(full=True)  # offsets in range, valid UTF-8
    return arr


def _decode_frame(spec, arrays):
    ispec = spec["index"]
    if ispec["kind"] == "range":
        index = pd.RangeIndex(ispec["start"], ispec["stop"], ispec["step"], name=ispec["name"])
    else:
        values = _decode_values(ispec, arrays)
        # An explicit dtype keeps object ids object (pandas 3 would infer str).
        index = pd.Index(values, name=ispec["name"], dtype=getattr(values, "dtype", None))
    data = {}
    for col in spec["columns"]:
        values = _decode_values(col, arrays)
        data[col["name"]] = pd.Series(values, index=index, dtype=values.dtype, copy=False)
    columns = [c["name"] for c in spec["columns"]]
    df = pd.DataFrame(data, index=index, columns=columns, copy=False)
    if len(df) != spec["nrows"]:
        raise CacheError(f"table has {len(df)} rows, manifest says {spec['nrows']}")
    return df


def _decode_values(enc, arrays):
    key, kind = enc["key"], enc["kind"]
    if kind == "numpy":
        return arrays[f"{key}.values"].astype(np.dtype(enc["dtype"]), copy=False)
    if kind == "datetime":
        return arrays[f"{key}.values"].view(np.dtype(enc["dtype"]))
    if kind == "masked":
        dtype = pd.api.types.pandas_dtype(enc["dtype"])
        values = arrays[f"{key}.values"]
        mask = arrays[f"{key}.mask"]
        return dtype.construct_array_type()(values, mask.copy())
    if kind == "category":
        cats = _decode_values(enc["categories"], arrays)
        codes = arrays[f"{key}.codes"]
        return pd.Categorical.from_codes(codes, categories=cats, ordered=enc["ordered"])
    if kind in ("text", "text-dict"):
        dtype = enc["dtype"]
        if dtype != "object" and _arrow_storage(dtype):
            return _decode_text_arrow(enc, arrays)
        if kind == "text":
            obj = np.array(_get_strings(key, arrays), dtype=object)
            obj[arrays[f"{key}.mask"]] = np.nan
        else:
            uniques = np.array(_get_strings(key, arrays) + [np.nan], dtype=object)
            obj = uniques.take(arrays[f"{key}.codes"])  # code -1 (missing) picks the NaN
        return _as_text_dtype(obj, dtype, enc, arrays)
    raise CacheError(f"{key}: unknown column encoding {kind!r}")


def _arrow_storage(dtype_name):
    return _arrow_dtype(pd.api.types.pandas_dtype(dtype_name))


def _decode_text_arrow(enc, arrays):
    import pyarrow as pa

    key = enc["key"]
    if enc["kind"] == "text":
        arr = _arrow_strings(key, arrays, valid=~arrays[f"{key}.mask"])
    else:
        uniques = _arrow_strings(key, arrays)
        codes = arrays[f"{key}.codes"]
        if len(codes) and (codes.max() >= len(uniques) or codes.min() < -1):
            raise CacheError(f"{key}: dictionary codes out of range")
        arr = uniques.take(pa.array(codes, mask=codes < 0))
    return pd.array(arr, dtype=pd.api.types.pandas_dtype(enc["dtype"]))


def _as_text_dtype(obj, dtype, enc, arrays):
    if dtype == "object":
        if enc.get("none"):
            obj[arrays[f"{enc['key']}.none"]] = None
        return obj
    return pd.array(obj, dtype=pd.api.types.pandas_dtype(dtype))


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
