"""Data home, content hashes and atomic writes shared by the loaders.

Modelled on :mod:`sklearn.datasets._base`: one folder (the *data home*) holds
every cache, chosen by the ``TRANSITIONS_DATA`` environment variable or else
the user's cache folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import platformdirs

from ..exceptions import InvalidParameterError

# Atomic writes follow one policy for every file the library writes (see transitions._files).
from .._files import atomic_path, atomic_write_text  # noqa: F401

__all__ = ["get_data_home", "clear_data_home"]



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

    Raises
    ------
    InvalidParameterError
        The folder cannot be created (a file of that name, no permission).

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
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidParameterError(
            f"data home {path} is not a usable folder ({exc.strerror or exc}); set "
            f"TRANSITIONS_DATA (or data_home=) to a folder you can write") from None
    return path


def clear_data_home(data_home=None):
    """Delete every cache in the data home.

    The whole folder goes, including files fetched into it (:func:`transitions.datasets.fetch`);
    files kept elsewhere are not touched, and the caches of taxonomies are
    rebuilt on the next load.

    Parameters
    ----------
    data_home : str or path-like, optional
        The data home to clear; by default :func:`get_data_home`'s
        (``TRANSITIONS_DATA`` or the user cache directory).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from transitions import clear_data_home, get_data_home
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     home = get_data_home(Path(tmp) / "cache")
    ...     _ = (home / "old-cache.json").write_text("{}")
    ...     clear_data_home(home)
    ...     home.exists()
    False
    """
    shutil.rmtree(get_data_home(data_home))
