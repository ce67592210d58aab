"""Data home, content hashes and atomic writes shared by the loaders.

Modelled on :mod:`sklearn.datasets._base`: one folder (the *data home*) holds
every cache, chosen by the ``TRANSITIONS_DATA`` environment variable or else
the user's cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import platformdirs

__all__ = ["get_data_home", "clear_data_home"]

_CHUNK = 1 << 20


def get_data_home(data_home=None):
    """Path of the folder that holds the library's caches, created if needed.

    Parameters
    ----------
    data_home : str or path-like, optional
        Use this folder. By default the ``TRANSITIONS_DATA`` environment
        variable, else the user's cache folder (``~/.cache/transitions`` on Linux).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> from transitions.datasets import get_data_home
    >>> get_data_home(tempfile.mkdtemp()).is_dir()
    True
    """
    if data_home is None:
        data_home = os.environ.get("TRANSITIONS_DATA") or platformdirs.user_cache_dir("transitions")
    path = Path(data_home).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def clear_data_home(data_home=None):
    """Delete every cache in the data home."""
    shutil.rmtree(get_data_home(data_home))


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


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path next to ``path``; on success move it into place.

    Readers never see a half-written file: the final ``os.replace`` is atomic
    on POSIX and Windows. On error the temporary file is removed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path, text, encoding="utf-8"):
    """Write ``text`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        Path(tmp).write_text(text, encoding=encoding)
