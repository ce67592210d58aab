"""Download public sources into the data home, like scikit-learn's ``fetch_*``.

Where each source is published, its version, licence and attribution come
from the project's manifest (``data/sources.yaml``, shipped as
``sources.json``). Each ``fetch_*`` function downloads the publisher's files
*as published* (the O*NET zip, the BLS workbooks, CBS's OData answers,
Eurostat's SDMX-CSV), places them atomically in the data home, records each
file's SHA-256 and the version in ``<data home>/downloads.json``, and returns
where they are. The labour-market files land in ``<data home>/labour``, the
folder :meth:`transitions.LabourMarket.from_files` reads by default; its
readers understand these raw layouts as well as the tidy ones.

``transitions data fetch SOURCE`` does the same and then imports the source
at once (as ``transitions data import`` would), with a progress bar.

No source is downloaded unless asked: nothing here runs on import.
"""

from __future__ import annotations

import datetime as _dt
import json
import shutil
import tempfile
import urllib.parse
import zipfile
from functools import lru_cache
from pathlib import Path

from ..exceptions import DataFormatError, InvalidParameterError
from ._base import atomic_write_text, get_data_home
from .._download import DownloadError, download, read_json, ungzip_in_place

__all__ = ["SOURCES", "sources", "fetch", "fetch_onet", "fetch_bls", "fetch_cbs",
           "fetch_eurostat", "DownloadError", "downloads"]

#: Sources ``fetch`` can download.
SOURCES = ("onet", "bls", "cbs", "eurostat")


@lru_cache(maxsize=1)
def sources():
    """The manifest of public sources (a dict by source name; see ``data/sources.yaml``)."""
    path = Path(__file__).with_name("sources.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _entry(name):
    if name not in SOURCES:
        raise InvalidParameterError(f"unknown source {name!r}; fetch knows {list(SOURCES)}")
    return sources()[name]


def downloads(data_home=None):
    """What has been downloaded: ``{source: {version, fetched, files: {path: sha256}}}``."""
    path = get_data_home(data_home) / "downloads.json"
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _record(home, name, entry, files):
    record = downloads(home)
    record[name] = {
        "version": entry.get("version"),
        "fetched": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "licence": entry.get("licence"), "attribution": entry.get("attribution"),
        "files": {str(Path(p).relative_to(home)): sha for p, sha in files.items()},
    }
    atomic_write_text(home / "downloads.json", json.dumps(record, indent=2, ensure_ascii=False))
    return record[name]


def fetch(source, *, data_home=None, mirror=None, progress=None):
    """Download ``source`` (one of :data:`SOURCES`) into the data home.

    Parameters
    ----------
    source : {"onet", "bls", "cbs", "eurostat"}
    data_home : path-like, optional
        Default :func:`transitions.get_data_home`.
    mirror : str, optional
        Fetch from a mirror of the publishers' servers (``MIRROR/host/path``);
        default the ``TRANSITIONS_MIRROR`` environment variable.
    progress : callable, optional
        ``progress(label, done_bytes, total_bytes_or_None)``; the API is quiet
        without it.

    Returns
    -------
    dict
        ``path`` (where it was placed), ``version``, ``files`` (SHA-256 per
        file), ``fetched``, ``licence`` and ``attribution``.

    Raises
    ------
    DownloadError
        Offline, an HTTP error, or a file that is not what the publisher
        publishes (nothing in the data home is replaced then).
    """
    fetchers = {"onet": fetch_onet, "bls": fetch_bls, "cbs": fetch_cbs,
                "eurostat": fetch_eurostat}
    _entry(source)
    return fetchers[source](data_home=data_home, mirror=mirror, progress=progress)


def _reporter(progress, label):
    if progress is None:
        return None
    return lambda done, total: progress(label, done, total)


def fetch_onet(*, data_home=None, mirror=None, progress=None):
    """Download and unpack the O*NET database (the versioned text-file zip).

    See :func:`fetch` for the parameters and the result. The text files land
    in ``<data home>/onet/<version>``, ready for :func:`transitions.load_onet`.
    """
    entry = _entry("onet")
    home = get_data_home(data_home)
    target = home / entry["files"]
    with tempfile.TemporaryDirectory(dir=home, prefix=".fetch-") as tmp:
        tmp = Path(tmp)
        zpath = tmp / Path(urllib.parse.urlsplit(entry["url"]).path).name
        sha = download(entry["url"], zpath, what="O*NET", page=entry["page"],
                       sha256=entry.get("sha256"), progress=_reporter(progress, "O*NET"),
                       mirror=mirror)
        unpacked = tmp / "unpacked"
        try:
            with zipfile.ZipFile(zpath) as zf:
                _safe_extract(zf, unpacked)
        except zipfile.BadZipFile:
            raise DownloadError(f"O*NET: {entry['url']} is not a zip file") from None
        folder = _single_folder(unpacked, "Occupation Data.txt", "O*NET")
        _replace_dir(folder, target)
    return {"path": str(target), **_record(home, "onet", entry, {target: sha})}


def _safe_extract(zf, dest):
    """Extract a zip, refusing members that would land outside ``dest``."""
    dest = Path(dest).resolve()
    for member in zf.infolist():
        out = (dest / member.filename).resolve()
        if dest not in out.parents and out != dest:
            raise DataFormatError(f"zip member {member.filename!r} points outside the folder")
    zf.extractall(dest)


def _single_folder(root, marker, what):
    hits = sorted(p.parent for p in Path(root).rglob(marker))
    if not hits:
        raise DataFormatError(f"{what}: the download has no {marker!r}")
    return hits[0]


def _replace_dir(src, target):
    """Move the folder ``src`` to ``target``, replacing an older copy only at the end."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    shutil.move(str(src), str(target))
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def fetch_bls(*, data_home=None, mirror=None, progress=None):
    """Download the BLS OEWS national file (zip) and the Employment Projections workbook.

    Both are kept as published, in ``<data home>/labour/us``, where
    :meth:`transitions.LabourMarket.from_files` (``country="US"``) reads them.
    BLS refuses requests without a contact in the User-Agent: set
    ``TRANSITIONS_USER_AGENT`` (e.g. ``"your-org you@example.org"``) if it
    answers HTTP 403. See :func:`fetch` for the parameters and the result.
    """
    entry = _entry("bls")
    home = get_data_home(data_home)
    files = {}
    for name, part in entry["parts"].items():
        dest = home / part["files"]
        files[dest] = download(part["url"], dest, what=f"BLS {name}", page=part["page"],
                               sha256=part.get("sha256"), mirror=mirror,
                               progress=_reporter(progress, f"BLS {name}"))
    return {"path": str(home / "labour"), **_record(home, "bls", entry, files)}


def fetch_cbs(*, data_home=None, mirror=None, progress=None):
    """Download CBS 85517NED and 85276NED through CBS's OData API, and the ISCO-BRC crosswalk.

    Each table's rows (``TypedDataSet``, filtered to the periods used) and its
    dimensions (``Beroep`` with its opaque keys and titles, ``Perioden``...)
    are saved as CBS returns them, one JSON file each, in
    ``<data home>/labour/nl/odata/<table>``; the crosswalk workbook in
    ``<data home>/labour/crosswalks``. Plain HTTP, not the ``cbsodata``
    package: one download path for every source (progress, checksums, atomic
    placement, mirrors) and no extra dependency. See :func:`fetch`.
    """
    entry = _entry("cbs")
    home = get_data_home(data_home)
    files = {}
    for part in entry["parts"].values():
        table = part["table"]
        root = f"{entry['url'].rstrip('/')}/{table}"
        periods = " or ".join(f"Perioden eq '{p}'" for p in part["periods"])
        queries = {"TypedDataSet": {"$filter": periods},
                   **{d: {} for d in part["dimensions"]}, "DataProperties": {}}
        with tempfile.TemporaryDirectory(dir=home, prefix=".fetch-") as tmp:
            for name, params in queries.items():
                rows = _odata_pages(f"{root}/{name}", params, Path(tmp) / name, table,
                                    entry["page"], mirror, _reporter(progress, f"CBS {table} {name}"))
                atomic_write_text(Path(tmp) / f"{name}.json",
                                  json.dumps({"value": rows}, ensure_ascii=False))
            target = home / part["files"]
            for name in queries:
                files[target / f"{name}.json"] = _sha(Path(tmp) / f"{name}.json")
            keep = Path(tmp) / "table"
            keep.mkdir()
            for name in queries:
                (Path(tmp) / f"{name}.json").rename(keep / f"{name}.json")
            _replace_dir(keep, target)
    cw = sources()["cbs_crosswalk"]
    dest = home / cw["files"]
    files[dest] = download(cw["url"], dest, what="CBS ISCO-BRC crosswalk", page=cw["page"],
                           sha256=cw.get("sha256"), mirror=mirror,
                           progress=_reporter(progress, "CBS crosswalk"))
    return {"path": str(home / "labour"), **_record(home, "cbs", entry, files)}


def _odata_pages(url, params, tmp, what, page, mirror, progress):
    """All rows of an OData v3 entity set, following ``odata.nextLink`` page by page."""
    query = urllib.parse.urlencode({**params, "$format": "json"}, safe="$',()")
    url = f"{url}?{query}"
    rows, n = [], 0
    while url:
        part = tmp.with_name(f"{tmp.name}.{n}")
        download(url, part, what=f"CBS {what}", page=page, mirror=mirror, progress=progress,
                 accept="application/json")
        doc = read_json(part)
        part.unlink()
        if not isinstance(doc, dict) or not isinstance(doc.get("value"), list):
            raise DataFormatError(f"CBS {what}: {url} did not answer an OData 'value' list")
        rows.extend(doc["value"])
        url, n = doc.get("odata.nextLink") or doc.get("@odata.nextLink"), n + 1
    return rows


def _sha(path):
    from .._hashing import file_sha256

    return file_sha256(path)


def fetch_eurostat(*, data_home=None, mirror=None, progress=None):
    """Download Eurostat ``lfsa_egai2d`` for the Netherlands as SDMX-CSV (dissemination API).

    Saved as Eurostat sends it (decompressed when gzipped) to
    ``<data home>/labour/nl/lfsa_egai2d.sdmx.csv``. See :func:`fetch`.
    """
    entry = _entry("eurostat")
    home = get_data_home(data_home)
    dest = home / entry["files"]
    url = entry["url"] + "?" + urllib.parse.urlencode(entry.get("query", {}))
    download(url, dest, what="Eurostat lfsa_egai2d", page=entry["page"], mirror=mirror,
             progress=_reporter(progress, "Eurostat lfsa_egai2d"),
             accept="application/vnd.sdmx.data+csv;version=1.0.0, text/csv")
    ungzip_in_place(dest)
    return {"path": str(home / "labour"), **_record(home, "eurostat", entry, {dest: _sha(dest)})}
