"""Tables as plain numpy arrays: the DataFrame codec of the data-home caches (no pickle).

:func:`encode_frame` turns a DataFrame into 1-D arrays (numbers as they are,
masked and Arrow-backed columns with their validity, text as UTF-8 bytes and
offsets or as a dictionary) plus a JSON-able spec; :func:`decode_frame` turns
them back, every dtype and missing value kept. :func:`pack` groups the arrays
by dtype into a few ``.npy`` members (written by :func:`write_npy` through a
:class:`HashingWriter`, so each file's SHA-256 needs no second read) and
:func:`unpack` slices them out again. Used by the taxonomy cache
(:mod:`._cache`) and the derived-data store (:mod:`._derived`).
"""

from __future__ import annotations

import hashlib
import io

import numpy as np
import pandas as pd

from ..exceptions import CacheError

__all__ = ["HashingWriter", "pack", "write_npy", "unpack", "encode_frame", "decode_frame"]

_MASKED_ARRAYS = (pd.arrays.IntegerArray, pd.arrays.FloatingArray, pd.arrays.BooleanArray)
# A text column with at most this share of distinct values is stored as a
# dictionary: smaller, and decoded by one ``take`` instead of per-row slicing.
_DICT_SHARE = 0.5


class HashingWriter(io.RawIOBase):
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


def pack(arrays):
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


def write_npy(sink, dtype, parts):
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


def unpack(packed, layout):
    arrays = {}
    for name, (group, a, b) in layout.items():
        arr = packed[group]
        if not 0 <= a <= b <= len(arr):
            raise CacheError(f"array {name!r} lies outside its packed group")
        arrays[name] = arr[a:b]
    return arrays



def encode_frame(df, t_name, arrays):
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


def decode_frame(spec, arrays):
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
