"""Downloading the publishers' files: one HTTP path for every source.

Plain ``urllib`` (no extra dependency): each download streams into a
temporary file in the data home while its SHA-256 is computed, is checked
against the manifest's checksum where the project knows one, and is then
moved into place atomically, so a reader never sees half a file. The
``progress`` callback lets the command line draw a bar; the API stays quiet.

Every URL can be redirected to a mirror (``mirror=`` or the
``TRANSITIONS_MIRROR`` environment variable): ``https://host/path?query``
becomes ``MIRROR/host/path?query``. That serves organisations that keep the
public files on an internal server, and the tests, which serve authored
fixtures from a local HTTP server.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import socket
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .exceptions import TransitionsError

__all__ = ["DownloadError", "download", "mirrored", "user_agent"]

_CHUNK = 1 << 16
_TIMEOUT = 60


class DownloadError(TransitionsError, OSError):
    """A public source could not be downloaded (offline, moved, or not what was expected)."""


def user_agent():
    """The User-Agent sent with every request (``TRANSITIONS_USER_AGENT`` to set your own:
    BLS refuses requests that do not name a contact)."""
    from . import __version__

    return os.environ.get("TRANSITIONS_USER_AGENT") or (
        f"job-transitions/{__version__} (python urllib; set TRANSITIONS_USER_AGENT to add a contact)")


def mirrored(url, mirror=None):
    """``url`` on the mirror, if one is set (argument, else ``TRANSITIONS_MIRROR``)."""
    mirror = mirror if mirror is not None else os.environ.get("TRANSITIONS_MIRROR")
    if not mirror:
        return url
    parts = urllib.parse.urlsplit(url)
    tail = parts.netloc + parts.path + (f"?{parts.query}" if parts.query else "")
    return mirror.rstrip("/") + "/" + tail


def download(url, dest, *, what, page=None, sha256=None, progress=None, mirror=None,
             accept=None):
    """Download ``url`` to ``dest`` atomically and return the file's SHA-256.

    Parameters
    ----------
    url : str
    dest : path-like
        Final place; its folder is created. Replaced only after a complete,
        verified download.
    what : str
        The source's name, for messages.
    page : str, optional
        The publisher's page, named in the error so the user can download by hand.
    sha256 : str, optional
        Expected checksum; a different file is refused.
    progress : callable, optional
        ``progress(done_bytes, total_bytes_or_None)`` after each piece.
    mirror : str, optional
        See the module docs.
    accept : str, optional
        The ``Accept`` header.

    Raises
    ------
    DownloadError
        No connection, an HTTP error, or a checksum that does not match.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    real = mirrored(url, mirror)
    headers = {"User-Agent": user_agent()}
    if accept:
        headers["Accept"] = accept
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                with urllib.request.urlopen(urllib.request.Request(real, headers=headers),
                                            timeout=_TIMEOUT) as resp:
                    total = resp.headers.get("Content-Length")
                    total = int(total) if total and total.isdigit() else None
                    done = 0
                    for block in iter(lambda: resp.read(_CHUNK), b""):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                        if progress is not None:
                            progress(done, total)
            except urllib.error.HTTPError as exc:
                raise DownloadError(
                    f"{what}: {real} answered HTTP {exc.code} {exc.reason}; the file may have "
                    f"moved{_by_hand(page)}") from None
            except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise DownloadError(
                    f"{what}: cannot download {real} ({reason}); are you offline?"
                    f"{_by_hand(page)}") from None
        got = digest.hexdigest()
        if sha256 and got != sha256:
            raise DownloadError(
                f"{what}: {real} has SHA-256 {got}, not the published {sha256}; the publisher "
                f"may have changed the file (nothing was replaced){_by_hand(page)}")
        os.replace(tmp, dest)
        return got
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _by_hand(page):
    return f"; download it by hand from {page}" if page else ""


def read_json(path):
    """JSON from a downloaded file that may be gzip-compressed without saying so."""
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data.decode("utf-8"))


def ungzip_in_place(path):
    """Eurostat may send a gzip body without a Content-Encoding header: store it plain."""
    path = Path(path)
    with open(path, "rb") as f:
        if f.read(2) != b"\x1f\x8b":
            return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, gzip.open(path, "rb") as src:
            shutil.copyfileobj(src, out)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
