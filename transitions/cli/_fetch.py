"""``data fetch`` (download a public source and import it) and ``data check esco``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._data import data_group, data_import

__all__ = ["data_fetch", "data_check"]

#: What each fetched source is imported as, and from where (relative to the data home).
_IMPORTS = {"onet": ("onet", None), "bls": ("labour", "labour"), "cbs": ("labour", "labour"),
            "eurostat": ("labour", "labour")}


class _Bars:
    """One progress bar per file, drawn only at a terminal (standard error)."""

    def __init__(self):
        self.bars, self.current = {}, None
        self.shown = sys.stderr.isatty()

    def __call__(self, label, done, total):
        if not self.shown:
            return
        bar = self.bars.get(label)
        if bar is None:
            self.close()
            bar = click.progressbar(length=total or 0, label=label, file=sys.stderr,
                                    show_pos=total is None, show_eta=total is not None)
            bar.__enter__()
            bar.done = 0
            self.bars[label], self.current = bar, bar
        bar.update(done - bar.done)
        bar.done = done

    def close(self):
        if self.current is not None:
            self.current.__exit__(None, None, None)
            self.current = None


@data_group.command("fetch", short_help="Download a public source (O*NET, BLS, CBS, Eurostat) "
                    "and import it.")
@click.argument("source", type=click.Choice(["onet", "bls", "cbs", "eurostat"]))
@click.option("--mirror", metavar="URL", envvar="TRANSITIONS_MIRROR",
              help="Download from a mirror that keeps the publishers' paths (URL/host/path), "
              "e.g. an internal server (env TRANSITIONS_MIRROR).")
@click.pass_context
def data_fetch(ctx, source, mirror):
    """Download SOURCE as its publisher publishes it into the data home, then import it.

    \b
    SOURCE is one of:
      onet      the O*NET database (text files, versioned zip)
      bls       BLS OEWS national wages and Employment Projections (US labour market)
      cbs       CBS 85517NED and 85276NED (OData API) and the ISCO-BRC 2014 crosswalk
      eurostat  Eurostat lfsa_egai2d, employment by occupation, Netherlands (SDMX-CSV)

    Each file is written to a temporary file and moved into place only when complete;
    its SHA-256 and the source's version are recorded in <data home>/downloads.json.
    Sources without a stable download URL (ESCO, ROA) are downloaded by hand: see
    'transitions data check esco' and 'transitions data import'.

    \b
    Examples:
      transitions data fetch onet
      transitions data fetch bls
      transitions advise --data onet --occupation "bookkeeping clerk"
    """
    from ..datasets import get_data_home
    from ..datasets.fetchers import fetch, sources
    from ..exceptions import DataFormatError
    from ._output import say

    bars = _Bars()
    try:
        got = fetch(source, mirror=mirror, progress=bars)
    finally:
        bars.close()
    entry = sources()[source]
    say(f"{source}: {entry['title']}, version {entry['version']}, in {got['path']}")
    say(f"attribution: {entry['attribution']}")
    kind, rel = _IMPORTS[source]
    path = Path(got["path"]) if rel is None else get_data_home() / rel
    try:
        ctx.invoke(data_import, source=kind, path=path, labels=())
    except DataFormatError as exc:
        hint = ""
        if source in ("cbs", "eurostat"):
            # The Dutch labour market needs several sources; say which they are.
            hint = (f" The Dutch labour market needs 'transitions data fetch cbs', 'transitions "
                    f"data fetch eurostat' and the ROA forecast ({sources()['roa']['page']}) in "
                    f"{path / 'nl'}.")
        say(f"downloaded, not imported yet: {exc}.{hint}")


@data_group.command("check", short_help="Say whether a download by hand (ESCO) is complete.")
@click.argument("source", type=click.Choice(["esco"]))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def data_check(source, path):
    """Check an ESCO download (folder or zip) and say what is missing, before importing it.

    Lists each file the importer reads (required or optional), its rows and columns, and
    whether the zips are byte-identical to a known official release. Exits with status 1
    when a required file or column is missing.

    \b
    Example:
      transitions data check esco "./ESCO dataset - v1.1.1"
    """
    from ..datasets.check import check_esco

    report = check_esco(path)
    width = max(len(r["role"]) for r in report["files"])
    for r in report["files"]:
        where = r["file"] or "-"
        click.echo(f"{r['role']:<{width}}  {r['status']:<8}  {where}  {r['note']}")
    for line in report["notes"]:
        click.echo(line)
    if not report["complete"]:
        click.echo(f"incomplete: {report['summary']}", err=True)
        sys.exit(1)
    click.echo(f"complete: {report['summary']}")
