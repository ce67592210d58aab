"""Content-keyed, pickle-free store of arrays derived from data (indexes, matrices).

Some things a command needs are computed from a taxonomy or a labour market
rather than read from a source: the title index behind
:func:`transitions.find_occupation`, for instance. Computing them costs seconds;
reading them back costs milliseconds. :func:`load_or_build` keeps them in the
data home, ``<data_home>/derived/<kind>-<key[:16]>/``:

``<name>.npy``
    A numeric or boolean array (read with ``allow_pickle=False``).
``<name>.txt``
    A list of strings, UTF-8, separated by NUL characters.
``manifest.json``
    The format, kind and full key, the SHA-256 of every file, and a hash of the
    manifest's own body. Any mismatch makes the entry corrupt: a
    :class:`~transitions.DataQualityWarning` says so and it is rebuilt, never
    trusted.

The key is the caller's: a SHA-256 over everything the result depends on (see
:func:`content_key` and :func:`frame_digest`), so changed input gives a new
entry. Entries are written to a temporary folder and moved into place with one
``os.replace``; a data home that cannot be written only costs speed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import uuid
import warnings
from pathlib import Path

import numpy as np

from ..exceptions import InvalidParameterError, warn_defect
from .._hashing import KEY_FORMAT as FORMAT
from ._base import get_data_home

__all__ = ["load_or_build", "load_or_build_frames"]

_MANIFEST = "manifest.json"
#: Entries kept per kind: a new code version or new data writes new entries; the oldest
#: beyond this many (by last use) are removed so the data home does not grow without end.
KEEP_PER_KIND = 6
_SEP = "\x00"


def load_or_build(kind, key, build, *, data_home=None):
    """The arrays stored under (``kind``, ``key``), or ``build()``'s, stored for next time.

    Parameters
    ----------
    kind : str
        What the arrays are, e.g. ``"title-index"`` (letters, digits and ``-``).
    key : str
        Hex SHA-256 over everything the arrays depend on.
    build : callable
        Returns a dict of name -> numpy array (numbers or booleans) or list of str.
    data_home : path-like, optional
        See :func:`transitions.get_data_home`.

    Returns
    -------
    dict
        Name -> numpy array or list of str.
    """
    return _load_or_build(kind, key, build, _read, _write, data_home)


def _load_or_build(kind, key, build, read, write, data_home):
    """The entry (``kind``, ``key``) read by ``read``, or ``build()``'s, written by ``write``;
    an unusable data home or a value the format cannot hold only costs speed."""
    try:
        root = get_data_home(data_home) / "derived"
    except (OSError, InvalidParameterError):
        return build()
    folder = root / f"{kind}-{key[:16]}"
    if folder.exists():
        try:
            out = read(folder, kind, key)
            _touch(folder)
            return out
        except _Corrupt as exc:
            warn_defect(f"derived data corrupt, rebuilding: {exc}", stacklevel=4)
            shutil.rmtree(folder, ignore_errors=True)
    value = build()
    try:
        write(root, folder, kind, key, value)
        _prune(root, kind, folder)
    except Exception as exc:  # noqa: BLE001 - re-raised unless a write or format error
        from ..exceptions import CacheError

        if not isinstance(exc, (OSError, CacheError)):
            raise
        warnings.warn(f"{kind} not stored in the data home: {exc}", UserWarning, stacklevel=3)
    return value


class _Corrupt(Exception):
    pass


def _touch(folder):
    """Mark an entry as used (its manifest's time): the pruning keeps the recently used."""
    try:
        os.utime(folder / _MANIFEST)
    except OSError:
        pass


def _prune(root, kind, keep):
    """Remove the entries of ``kind`` beyond the :data:`KEEP_PER_KIND` most recently used."""
    entries = []
    for folder in root.glob(f"{kind}-*"):
        manifest = folder / _MANIFEST
        if folder != keep and folder.name.count("-") == kind.count("-") + 1 \
                and manifest.is_file():
            entries.append((manifest.stat().st_mtime, folder))
    for _, folder in sorted(entries, reverse=True)[KEEP_PER_KIND - 1:]:
        shutil.rmtree(folder, ignore_errors=True)


def _write(root, folder, kind, key, arrays):
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{kind}-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        files, lengths = {}, {}
        for name, value in arrays.items():
            if isinstance(value, np.ndarray) and value.dtype != object:
                fname = f"{name}.npy"
                np.save(tmp / fname, value, allow_pickle=False)
            else:
                fname = f"{name}.txt"
                strings = ["" if v is None else str(v).replace(_SEP, " ") for v in value]
                (tmp / fname).write_bytes(_SEP.join(strings).encode("utf-8"))
                lengths[name] = len(strings)
            files[fname] = _sha256(tmp / fname)
        body = json.dumps({"format": FORMAT, "kind": kind, "key": key, "files": files,
                           "lengths": lengths}, sort_keys=True)
        manifest = {"sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(), "body": body}
        (tmp / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        try:
            os.replace(tmp, folder)
        except OSError:
            if not folder.exists():      # another process may have written it meanwhile
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_manifest(folder):
    """The verified body of an entry's manifest (its own hash checked), or _Corrupt."""
    try:
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        body_json = manifest["body"]
        if hashlib.sha256(body_json.encode("utf-8")).hexdigest() != manifest["sha256"]:
            raise _Corrupt(f"{folder / _MANIFEST}: hash of the manifest does not match")
        body = json.loads(body_json)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _Corrupt(f"{folder / _MANIFEST}: unreadable ({exc})") from exc
    return body


def _read(folder, kind, key):
    body = _read_manifest(folder)
    if body.get("format") != FORMAT or body.get("kind") != kind or body.get("key") != key:
        raise _Corrupt(f"{folder}: stored format, kind or key is not the expected one")
    out = {}
    for fname, digest in body["files"].items():
        path = folder / fname
        if Path(fname).name != fname or not fname.endswith((".npy", ".txt")):
            raise _Corrupt(f"{folder}: unexpected file name {fname!r} in the manifest")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _Corrupt(f"{path}: unreadable ({exc})") from exc
        if hashlib.sha256(data).hexdigest() != digest:
            raise _Corrupt(f"{path}: content does not match its SHA-256 in the manifest")
        name = fname[:-4]
        if fname.endswith(".npy"):
            try:
                out[name] = np.load(io.BytesIO(data), allow_pickle=False)
            except ValueError as exc:
                raise _Corrupt(f"{path}: not a plain numpy array ({exc})") from exc
        else:
            n = body.get("lengths", {}).get(name) or 0
            texts = Texts(data, n)
            if texts.count() != n:
                raise _Corrupt(f"{path}: {texts.count()} strings, the manifest says {n}")
            out[name] = texts
    return out


class Texts:
    """A stored list of strings, decoded when used: all at once (iteration, :meth:`tolist`),
    or one at a time (``texts[i]``), so that a reader needing a few of them decodes only those."""

    def __init__(self, data, n):
        self._data, self._n = data, n
        self._offsets = None

    def count(self):
        return self._data.count(_SEP.encode("utf-8")) + 1 if self._n else 0

    def __len__(self):
        return self._n

    def tolist(self):
        return self._data.decode("utf-8").split(_SEP) if self._n else []

    def __iter__(self):
        return iter(self.tolist())

    def __getitem__(self, i):
        if self._offsets is None:
            ends = np.flatnonzero(np.frombuffer(self._data, np.uint8) == 0)
            self._offsets = np.r_[0, ends + 1, len(self._data) + 1]
        i = range(self._n)[i]      # negative indices, bounds
        return self._data[self._offsets[i]:self._offsets[i + 1] - 1].decode("utf-8")


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------------- tables
def load_or_build_frames(kind, key, build, *, data_home=None):
    """:func:`load_or_build` for tables: ``build()`` returns a dict of name -> DataFrame,
    stored with the taxonomy cache's encoding (:mod:`transitions.datasets._cache`: every
    dtype, missing values and text kept; no pickle) and verified the same way."""
    return _load_or_build(kind, key, build, _read_frames, _write_frames, data_home)


def _write_frames(root, folder, kind, key, frames):
    # the table codec needs pandas; array entries (the title index) are read without it
    from ._frames import HashingWriter, encode_frame, pack, write_npy

    arrays, tables = {}, {}
    for name, df in frames.items():
        tables[name] = encode_frame(df, name, arrays)
    groups, layout = pack(arrays)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{kind}-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        files = {}
        for group, (dtype, parts) in sorted(groups.items()):
            with open(tmp / f"{group}.npy", "wb") as raw:
                sink = HashingWriter(raw)
                write_npy(sink, dtype, parts)
            files[f"{group}.npy"] = sink.hexdigest()
        body = json.dumps({"format": FORMAT + "/frames", "kind": kind, "key": key,
                           "tables": tables, "arrays": layout, "files": files},
                          sort_keys=True, allow_nan=True)
        manifest = {"sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(), "body": body}
        (tmp / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        try:
            os.replace(tmp, folder)
        except OSError:
            if not folder.exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_frames(folder, kind, key):
    from ._frames import decode_frame, unpack

    body = _read_manifest(folder)
    if (body.get("format") != FORMAT + "/frames" or body.get("kind") != kind
            or body.get("key") != key):
        raise _Corrupt(f"{folder}: stored format, kind or key is not the expected one")
    packed = {}
    for fname, digest in body["files"].items():
        if Path(fname).name != fname or not fname.endswith(".npy"):
            raise _Corrupt(f"{folder}: unexpected file name {fname!r} in the manifest")
        try:
            data = (folder / fname).read_bytes()
        except OSError as exc:
            raise _Corrupt(f"{folder / fname}: unreadable ({exc})") from exc
        if hashlib.sha256(data).hexdigest() != digest:
            raise _Corrupt(f"{folder / fname}: content does not match its SHA-256")
        try:
            packed[fname[:-4]] = np.load(io.BytesIO(data), allow_pickle=False)
        except ValueError as exc:
            raise _Corrupt(f"{folder / fname}: not a plain numpy array ({exc})") from exc
    try:
        arrays = unpack(packed, body["arrays"])
        return {name: decode_frame(spec, arrays) for name, spec in body["tables"].items()}
    except Exception as exc:  # noqa: BLE001 - verified files that do not decode are corrupt
        raise _Corrupt(f"{folder}: does not decode ({type(exc).__name__}: {exc})") from exc
