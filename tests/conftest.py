"""Shared fixtures: the embedded sample and the real reference data.

Real-data tests read ``TRANSITIONS_TEST_DATA``. Outside CI they are skipped
when it is unset; in CI (``CI`` set) a missing folder is an error, so that
they can never silently not run there.
"""

import os
from pathlib import Path

import pytest

from transitions import load_sample


def _real_data_root():
    root = os.environ.get("TRANSITIONS_TEST_DATA")
    if not root:
        if os.environ.get("CI"):
            raise RuntimeError("CI is set but TRANSITIONS_TEST_DATA is not: real-data tests must run in CI")
        return None
    path = Path(root)
    if not path.is_dir():
        raise RuntimeError(f"TRANSITIONS_TEST_DATA={root!r} is not a folder")
    return path


@pytest.fixture(scope="session")
def real_data():
    """Path of the shared real data (``TRANSITIONS_TEST_DATA``)."""
    root = _real_data_root()
    if root is None:
        pytest.skip("TRANSITIONS_TEST_DATA is not set")
    return root


@pytest.fixture(scope="session")
def sample():
    """The embedded sample taxonomy (shared: tests must not mutate it)."""
    return load_sample()


@pytest.fixture(autouse=True)
def _isolated_data_home(tmp_path_factory, monkeypatch):
    # Never write caches into the user's real data home during tests.
    monkeypatch.setenv("TRANSITIONS_DATA", str(tmp_path_factory.getbasetemp() / "data_home"))
