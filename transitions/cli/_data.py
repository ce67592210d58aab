"""Which data a command works on, and the ``data import`` / ``data info`` commands.

The embedded sample is the default. ``transitions data import esco PATH``
loads the official download once through the library's importer (which caches
it in the data home, keyed by the files' content hashes) and records where it
came from in ``<data home>/cli/imported.json``; ``--data esco`` then reloads it
from that cache in well under a second.
"""

from __future__ import annotations

import datetime as _dt
import json
from functools import cached_property
from pathlib import Path

import click

from .._files import atomic_write_text, file_lock
from ..datasets import get_data_home
from ..exceptions import DataFormatError, InvalidParameterError, MissingFileError

__all__ = ["DATASETS", "SOURCES", "Session", "data_options", "read_registry"]

#: Taxonomies a command can work on.
DATASETS = ("sample", "esco", "onet")
#: Sources ``data import`` knows.
SOURCES = ("esco", "onet", "labour")
#: Whose labour-market statistics go with each imported taxonomy.
_COUNTRY = {"esco": "NL", "onet": "US"}


def _registry_path():
    return get_data_home() / "cli" / "imported.json"


def read_registry():
    """The imported sources as recorded by ``data import`` (empty when none)."""
    path = _registry_path()
    if not path.is_file():
        return {}
    try:
        registry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # A damaged record is not a reason to fail: the user re-imports.
        return {}
    if not isinstance(registry, dict):
        return {}
    # Entries without a usable path (hand-edited, damaged) count as not imported.
    return {k: v for k, v in registry.items()
            if isinstance(v, dict) and isinstance(v.get("path"), str)
            and isinstance(v.get("labels", {}), dict)}


def write_registry(registry):
    """Replace the whole registry (use :func:`update_registry` to record one source)."""
    atomic_write_text(_registry_path(), json.dumps(registry, indent=2, ensure_ascii=False),
                      what="import registry")


def update_registry(source, entry):
    """Record ``entry`` for ``source``, keeping every other source's record.

    Read, change and write happen under a file lock, so imports of different
    sources running at the same time into one data home all stay recorded.
    """
    path = _registry_path()
    with file_lock(path.with_name(path.name + ".lock")):
        write_registry(dict(read_registry(), **{source: entry}))


def _imported(source):
    entry = read_registry().get(source)
    if entry is None:
        raise InvalidParameterError(
            f"--data {source}: nothing imported yet; run 'transitions data import {source} PATH' "
            f"first (or use --data sample)")
    missing = [p for p in [entry["path"], *entry.get("labels", {}).values()] if not Path(p).exists()]
    if missing:
        raise DataFormatError(
            f"--data {source}: it was imported from {missing[0]}, which no longer exists; "
            f"run 'transitions data import {source} PATH' again")
    return entry


def load_taxonomy(dataset):
    """Load the taxonomy named ``dataset`` (one of :data:`DATASETS`) through the public API."""
    import transitions as tr

    if dataset == "sample":
        return tr.load_sample()
    entry = _imported(dataset)
    if dataset == "esco":
        return tr.load_esco(entry["path"], labels=entry.get("labels") or None)
    return tr.load_onet(entry["path"])


def source_key(dataset):
    """The content key of the imported ``dataset`` (see :func:`load_taxonomy`), computed from
    its files without loading it."""
    entry = _imported(dataset)
    if dataset == "esco":
        from ..datasets._esco_files import esco_key

        return esco_key(entry["path"], labels=entry.get("labels") or None)
    from ..datasets.onet import onet_key

    return onet_key(entry["path"])


def labour_key(country):
    """Content key of the imported labour-market folder: the files ``LabourMarket.from_files``
    reads (:data:`transitions.labour.files.FILES`), hashed once and then known by size and
    modification time (the data home's hash index)."""
    from ..datasets._cache import stored_key
    from ..labour.files import FILES

    root = Path(_imported("labour")["path"])
    files = {}
    for rel in FILES.values():
        path = root / rel
        if path.is_dir():
            files.update({f"{rel}/{f.name}": f for f in sorted(path.iterdir()) if f.is_file()})
        elif path.is_file():
            files[rel] = path
    return stored_key("labour", files, {"country": country})


class Session:
    """The data one command works on, each part loaded only when first needed."""

    def __init__(self, dataset="sample", extend=(), lang="nl"):
        self.dataset = dataset
        self.extend = tuple(extend)
        self.lang = lang

    @cached_property
    def taxonomy(self):
        from ..datasets import read_extension

        tax = load_taxonomy(self.dataset)
        for folder in self.extend:
            tax = tax.extend(**read_extension(folder), name=f"{tax.name}+{Path(folder).name}")
        return tax

    @cached_property
    def occupation_index(self):
        """The index of the taxonomy's occupation titles. For an imported taxonomy it is read
        from the data home by the taxonomy's content key, without loading the taxonomy (the
        index is built from it the first time)."""
        from ..lookup import stored_index, title_index

        key = None if self.extend or self.dataset == "sample" else source_key(self.dataset)
        if key is None:
            return title_index(self.taxonomy)
        return stored_index(key, lambda: self.taxonomy)

    @cached_property
    def market(self):
        """The labour market: the sample's own, or the imported labour-market folder."""
        import transitions as tr

        if self.dataset == "sample":
            return tr.LabourMarket.from_sample()
        entry = _imported("labour")
        return tr.LabourMarket.from_files(entry["path"], country=_COUNTRY[self.dataset])

    @cached_property
    def market_key(self):
        """Content key of the labour-market table of an imported taxonomy: the taxonomy's, the
        labour-market files', the country and the labour code's; None for the sample."""
        if self.dataset == "sample":
            return None
        from .._hashing import code_digest, content_key

        tax_key = (getattr(self.taxonomy, "_content_key", None) if self.extend
                   else source_key(self.dataset))
        if tax_key is None:
            return None
        return content_key("market-table", code_digest("labour"), tax_key,
                           labour_key(_COUNTRY[self.dataset]), _COUNTRY[self.dataset])

    @cached_property
    def market_table(self):
        """The labour-market table of the taxonomy's occupations (with sources and levels),
        stored in the data home by :attr:`market_key` (building it reads every labour-market
        file and takes seconds)."""
        if self.market_key is None:
            return self.market.for_taxonomy(self.taxonomy)
        from ..datasets._derived import load_or_build_frames

        return load_or_build_frames(
            "market-table", self.market_key,
            lambda: {"table": self.market.for_taxonomy(self.taxonomy)})["table"]

    @cached_property
    def advisor(self):
        """The :class:`transitions.Advisor` on this taxonomy and labour market. Its risk table
        is stored in the data home beside the market table (keyed on the advice and risk
        code too), so a later command builds the advisor without assessing every occupation
        again."""
        import transitions as tr

        if self.market_key is None:
            return tr.Advisor(self.taxonomy, self.market, market_table=self.market_table,
                              graph=self.graph)
        from .._hashing import code_digest, content_key
        from ..datasets._derived import load_or_build_frames

        built = {}

        def build():
            built["advisor"] = tr.Advisor(self.taxonomy, self.market,
                                          market_table=self.market_table, graph=self.graph)
            return {"risk": built["advisor"].risk_table}

        key = content_key("advisor-risk", code_digest("advice", "models"), self.market_key)
        stored = load_or_build_frames("advisor-risk", key, build)
        if "advisor" in built:
            return built["advisor"]
        return tr.Advisor(self.taxonomy, None, market_table=self.market_table,
                          risk_table=stored["risk"], graph=self.graph)

    @cached_property
    def graph(self):
        """The occupation graph with the taxonomy's default measure."""
        import transitions as tr

        return tr.OccupationGraph.from_taxonomy(self.taxonomy)


def data_options(func):
    """``--data``, ``--extend`` and ``--lang``: the options every data command shares."""
    func = click.option(
        "--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
        envvar="TRANSITIONS_LANG", help="Language of labels, headings and explanations "
        "(env TRANSITIONS_LANG).")(func)
    func = click.option(
        "--extend", "extend", multiple=True, metavar="FOLDER",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Add the skills, occupations and links of an extension folder (the documented "
        "CSV schema) to the taxonomy. Repeatable.")(func)
    func = click.option(
        "--data", "dataset", type=click.Choice(DATASETS), default="sample", show_default=True,
        envvar="TRANSITIONS_DATASET",
        help="Taxonomy to use: the embedded illustrative sample, or ESCO / O*NET as imported "
        "with 'transitions data import' (env TRANSITIONS_DATASET).")(func)
    return func


# ---------------------------------------------------------------------- data commands
@click.group("data", short_help="Import ESCO, O*NET and labour-market data; show what is loaded.")
def data_group():
    """Import official data into the cache and show what is loaded."""
    from ._app import list_warnings

    list_warnings()


def _parse_labels(values):
    labels = {}
    for value in values:
        lang, sep, path = value.partition("=")
        if not sep or not lang or not path:
            raise click.BadParameter(f"{value!r} is not LANG=PATH (e.g. nl=./esco-nl)",
                                     param_hint="'--labels'")
        if not Path(path).exists():
            raise click.BadParameter(f"{path!r} does not exist", param_hint="'--labels'")
        labels[lang] = str(Path(path).resolve())
    return labels


@data_group.command("import", short_help="Import a source into the cache and remember it for --data.")
@click.argument("source", type=click.Choice(SOURCES))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--labels", multiple=True, metavar="LANG=PATH",
              help="ESCO only: a folder or zip of label files in another language, "
              "e.g. nl=./esco-nl. Repeatable.")
def data_import(source, path, labels):
    """Import SOURCE from PATH into the cache and remember it for --data.

    \b
    SOURCE is one of:
      esco    the official ESCO CSV download (folder or zip: classification + relations)
      onet    the O*NET database text files (folder)
      labour  a folder of labour-market tables (CBS, ROA, Eurostat, crosswalks, risk
              indicators) laid out as documented in the data-sources page

    \b
    Examples:
      transitions data import esco ./esco-v1.1.1 --labels nl=./esco-nl
      transitions data import onet ./onet/29.3
      transitions data import labour ./labour-market
    """
    from ._output import progress, say

    label_map = _parse_labels(labels)
    if label_map and source != "esco":
        raise click.BadParameter("only 'data import esco' takes --labels", param_hint="'--labels'")
    entry = {"path": str(path.resolve()), "imported": _dt.datetime.now().isoformat(timespec="seconds")}
    if label_map:
        entry["labels"] = label_map
    summary = {}
    stages = _STAGES[source]
    with progress(stages, label=f"importing {source}") as bar:
        for stage in bar:
            summary.update(stage(entry))
    if source == "labour":
        _check_labour_summary(entry["path"], summary)
    entry["summary"] = summary
    update_registry(source, entry)
    hint = f"use --data {source}" if source != "labour" else "used by --data esco / --data onet"
    say(f"{source}: imported from {entry['path']}; {hint}")
    width = max(len(k) for k in summary) if summary else 0
    click.echo("\n".join(f"{k:<{width}}  {v}" for k, v in summary.items()))


def _read_taxonomy(entry, source):
    import transitions as tr

    if source == "esco":
        return tr.load_esco(entry["path"], labels=entry.get("labels") or None)
    return tr.load_onet(entry["path"])


def _taxonomy_stages(source):
    # First the official files are read and cached (slow the first time); then the taxonomy is
    # loaded again from the cache, as every later command will, and counted.
    def read(entry):
        _read_taxonomy(entry, source)
        return {}

    def check(entry):
        tax = _read_taxonomy(entry, source)
        return {k: int(v) for k, v in tax.summary()["value"].items()}

    return [read, check]


def _labour_stage(country):
    # A country whose files are all absent is left out (named at the end); one with some of
    # its files missing is an error naming them (LabourMarket.from_files raises it).
    def read(entry):
        import transitions as tr
        from ..labour.files import has_country, missing_files

        if not has_country(entry["path"], country):
            return {country: "no files: " + ", ".join(
                str(p.relative_to(entry["path"])) for p in missing_files(entry["path"], country))}
        market = tr.LabourMarket.from_files(entry["path"], country=country)
        return {f"{country} tables": ", ".join(sorted(market.tables))}

    return read


def _check_labour_summary(path, summary):
    """No country at all is an error; a country left out is a named warning."""
    from ..exceptions import warn_defect

    absent = {c: v for c, v in summary.items() if c in _COUNTRY.values()}
    if len(absent) == len(_COUNTRY):
        raise MissingFileError(f"{path}: no labour-market files for NL or US; NL needs "
                               f"{absent['NL'][len('no files: '):]}; US needs "
                               f"{absent['US'][len('no files: '):]}")
    users = {country: source for source, country in _COUNTRY.items()}
    for country, text in absent.items():
        warn_defect(f"{path}: {country} labour market left out ({text}); --data "
                    f"{users[country]} cannot use this import", stacklevel=2)


_STAGES = {"esco": _taxonomy_stages("esco"), "onet": _taxonomy_stages("onet"),
           "labour": [_labour_stage("NL"), _labour_stage("US")]}


@data_group.command("info", short_help="Show the data home, imports and the taxonomy's counts.")
@data_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
def data_info(dataset, extend, lang, fmt):
    """Show the data home, what has been imported, and the counts of the chosen taxonomy.

    \b
    Examples:
      transitions data info
      transitions data info --data esco --format json
    """
    session = Session(dataset, extend, lang)
    tax = session.taxonomy
    info = {
        "data_home": str(get_data_home()),
        "dataset": tax.name,
        "counts": {k: int(v) for k, v in tax.summary()["value"].items()},
        "label_coverage": tax.label_coverage().round(3).to_dict(orient="index"),
        "imported": read_registry(),
    }
    if fmt == "json":
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    from ._output import to_table
    from ._text import INFO

    import pandas as pd

    words = INFO[lang]
    counts = pd.DataFrame({"what": [words.get(k, k) for k in info["counts"]],
                           "n": list(info["counts"].values())})
    coverage = tax.label_coverage().rename(index=words, columns=words)
    coverage = coverage.rename_axis(words["labels"]).reset_index()
    click.echo(f"{words['data_home']}: {info['data_home']}")
    click.echo(f"{words['taxonomy']}: {info['dataset']}")
    click.echo(to_table(counts.rename(columns={"what": words["table"], "n": words["number"]}),
                        lang=lang), nl=False)
    click.echo(to_table(coverage, lang=lang), nl=False)
    if info["imported"]:
        click.echo(f"{words['imported']}:")
        for name, entry in info["imported"].items():
            click.echo(f"  {name}: {entry['path']} ({entry.get('imported', '?')})")
    else:
        click.echo(f"{words['imported']}: {words['nothing_yet']}")
