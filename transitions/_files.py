"""Writing files safely: output paths, atomic replacement, a file lock, CSV cells.

Every file the library writes for a user (``-o`` in the command line, the
advice page, graph exports, saved profiles) and every file it keeps in the
data home goes through :func:`atomic_path`, whose policy is:

- a **regular file** (or a new one) is written to a temporary file in the same
  folder and moved over the target in one ``os.replace``, so readers never
  see half a file. An existing file keeps its permission bits (and, when the
  process may, its owner); a new file gets the usual ``0666`` less the umask.
  A file without any write permission is refused, even for root.
- a **symbolic link** is followed: the file it points to is written as above
  and the link stays a link.
- a **character device or FIFO** (``/dev/null``, ``/dev/stdout``, a named
  pipe) is written in place, as a shell redirection would; it is never
  replaced by a regular file.
- anything else (a folder, a block device, a socket) and an empty path are
  refused with :class:`~transitions.InvalidParameterError`.

A failed write (a full disk, a permission error) is an
:class:`~transitions.InvalidParameterError` naming the path and the reason.

:func:`neutralise_csv` is the formula rule for CSV output; :func:`file_lock`
serialises read-modify-write updates of small shared files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from pathlib import Path

from .exceptions import InvalidParameterError

__all__ = ["atomic_path", "atomic_write_text", "output_path", "file_lock", "neutralise_csv",
           "FORMULA_PREFIXES"]

#: Characters that make a spreadsheet read a CSV cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z")
_COPY_CHUNK = 1 << 20


def output_path(path, what="output"):
    """``path`` as a :class:`~pathlib.Path`; an empty or non-path value is an error."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidParameterError(f"{what} path must be a file name, got {type(path).__name__}")
    text = os.fspath(path)
    if not text.strip():
        raise InvalidParameterError(f"{what} path is empty; give a file name")
    if "\0" in text:
        raise InvalidParameterError(f"{what} path {text!r} contains a NUL character")
    return Path(text)


def _kind(mode):
    for test, name in ((stat.S_ISDIR, "folder"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "special file"


@contextlib.contextmanager
def atomic_path(path, what="output"):
    """Yield a temporary path to write; on success it becomes ``path`` (see the module docs).

    Raises
    ------
    InvalidParameterError
        ``path`` is empty, a folder, a block device or socket, a read-only
        file, or cannot be written.
    """
    path = output_path(path, what)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InvalidParameterError(f"{path}: cannot use as {what} ({exc.strerror})") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            with _in_place(target, path, what) as tmp:
                yield tmp
            return
        raise InvalidParameterError(
            f"{path}: is a {_kind(st.st_mode)}, not a file; give a file name for the {what}")
    if st is not None and not (st.st_mode & 0o222 and os.access(target, os.W_OK)):
        raise InvalidParameterError(
            f"{path}: the file is read-only; choose another {what} file or make it writable")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = _new_temp(folder, target.name)
    except OSError as exc:
        raise InvalidParameterError(
            f"{path}: cannot write the {what} in {folder} ({exc.strerror or exc})") from None
    try:
        yield tmp
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != _owner(tmp):
                with contextlib.suppress(OSError):
                    os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, target)
    except OSError as exc:
        _unlink(tmp)
        raise InvalidParameterError(
            f"{path}: cannot write the {what} ({exc.strerror or exc})") from None
    except BaseException:
        _unlink(tmp)
        raise


def _owner(path):
    st = os.stat(path)
    return st.st_uid, st.st_gid


def _new_temp(folder, name):
    """A new empty file next to the target, created with mode 0666 less the umask."""
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _unlink(path):
    with contextlib.suppress(OSError):
        os.unlink(path)


@contextlib.contextmanager
def _in_place(target, shown, what):
    """Write to a temporary file, then stream it into the device or FIFO ``target``.

    The temporary file goes to the system's temporary folder: the device's
    folder (``/dev``) is usually not writable, and nothing is moved.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".transitions-", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb") as src, open(target, "wb") as dst:
            for chunk in iter(lambda: src.read(_COPY_CHUNK), b""):
                dst.write(chunk)
    except OSError as exc:
        raise InvalidParameterError(
            f"{shown}: cannot write the {what} ({exc.strerror or exc})") from None
    finally:
        _unlink(tmp)


def atomic_write_text(path, text, encoding="utf-8", what="output"):
    """Write ``text`` to ``path`` under the policy of :func:`atomic_path`."""
    with atomic_path(path, what) as tmp:
        Path(tmp).write_text(text, encoding=encoding)


@contextlib.contextmanager
def file_lock(path):
    """Hold an exclusive lock on ``path`` (created if needed) for the ``with`` block.

    Advisory: every process that updates the guarded file takes the same
    lock. POSIX ``flock``; on Windows ``msvcrt.locking`` on the first byte.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            import msvcrt

            while True:
                try:
                    msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _neutral_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) \
            and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def neutralise_csv(df):
    """A copy of ``df`` whose text cells cannot run as spreadsheet formulas.

    The rule (OWASP's, as spreadsheet programs expect): a text cell that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading apostrophe, unless the whole cell is a plain number such as
    ``-3.5``. Number columns are never changed. Column names get the same
    treatment.

    Examples
    --------
    >>> import pandas as pd
    >>> neutralise_csv(pd.DataFrame({"label": ["=1+1", "-3.5", "bakker"], "x": [-1, 2, 3]}))
      label  x
    0  '=1+1 -1
    1  -3.5  2
    2 bakker  3
    """
    out = df.copy()
    for col in out.columns:
        if not (out[col].dtype == object or str(out[col].dtype).startswith(("string", "str"))):
            continue
        out[col] = out[col].map(_neutral_cell, na_action="ignore")
    out.columns = [_neutral_cell(c) for c in out.columns]
    return out
