"""The subcommands that answer questions: advise, search, at-risk, paths, skills-to-learn,
coverage, graph. Each parses its options, calls the public API and prints."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..exceptions import DataFormatError

from ._app import cli
from ._batch import advise_batch, scheduler_option
from ._data import Session, data_group, data_options
from ._output import FORMATS, cell, emit_table, emit_text, render, say, text_table
from ._text import headers, localise, mark_untranslated, match_name, text

cli.add_command(data_group)


def _format_option(choices=FORMATS, default="table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True,
                        help="Output format: a table for people, JSON or CSV for programs"
                        + (", a printable HTML advice page" if "html" in choices else "") + ".")


def _output_file(ctx, param, value):
    # Checked before it becomes a Path: Path("") would silently mean the current folder.
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("the file name is empty", ctx=ctx, param=param)
    return Path(value)


_OUTPUT_TYPE = click.Path(dir_okay=False, writable=True)
_output_option = click.option(
    "-o", "--output", type=_OUTPUT_TYPE, callback=_output_file,
    help="Write to this file instead of standard output (a file is replaced atomically and "
    "keeps its permissions; a device or FIFO is written in place).")


# ---------------------------------------------------------------------- profiles
def _digcomp_pairs(values):
    out = {}
    for value in values:
        code, sep, level = value.partition("=")
        if not sep or not code.strip() or not level.strip().lstrip("-").isdigit():
            raise click.BadParameter(f"{value!r} is not CODE=LEVEL (e.g. 3=4 or 1.3=5)",
                                     param_hint="'--digcomp'")
        out[code.strip()] = int(level)
    return out


def _read_profile_file(path):
    from ..profile import read_profile_file

    try:
        data = read_profile_file(path)
    except DataFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="'--profile'") from None
    if not isinstance(data, dict):
        raise click.BadParameter(f"{path}: a profile file holds one mapping (occupation: ..., "
                                 f"skills: [...]), not a {type(data).__name__}",
                                 param_hint="'--profile'")
    return data


def profile_options(func):
    """The options that describe a worker (flags, or a JSON/YAML file, or both)."""
    options = [
        click.option("--profile", "profile_file", type=click.Path(exists=True, dir_okay=False,
                                                                   path_type=Path),
                     help="A JSON or YAML file with the worker's profile (keys: occupation, "
                     "skills, lacking, digcomp, wage, min_wage_ratio, exclude_at_risk, max_steps, "
                     "exclude, profile_id, name). Flags given as well override or add to it."),
        click.option("--occupation", help="Current occupation: an id, an ISCO/SOC code or a Dutch "
                     "or English title, e.g. boekhouder."),
        click.option("--skill", "skills", multiple=True, metavar="SKILL",
                     help="A skill the worker has beyond their occupation's: its exact Dutch or "
                     "English name (e.g. SQL) or its id; 'transitions skills search' finds "
                     "names. Repeatable."),
        click.option("--lacks", "lacking", multiple=True, metavar="SKILL",
                     help="A skill of their occupation the worker does not have (name or id). "
                     "Repeatable."),
        click.option("--digcomp", multiple=True, metavar="CODE=LEVEL",
                     help="Self-assessed DigComp 2.2 level (1-8) for a competence (1.3=4) or a "
                     "whole area (3=2). Repeatable."),
        click.option("--wage", type=float, help="Current gross hourly wage in euros "
                     "[default: the occupation's median]."),
        click.option("--min-wage-ratio", type=float,
                     help="Lowest acceptable pay as a share of the current pay [default: 1.0, "
                     "salary-neutral; 0.95 accepts 5% less]."),
        click.option("--include-at-risk", is_flag=True, default=None,
                     help="Also propose destinations that are themselves at risk."),
        click.option("--max-steps", type=int, help="Most steps in a switch path, 1-3 [default: 3]."),
        click.option("--exclude", multiple=True, metavar="OCCUPATION_ID",
                     help="An occupation not to propose. Repeatable."),
        click.option("--name", help="The worker's name, shown on the advice page only."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


#: The good-option thresholds' defaults as the help shows them (tests check them against
#: transitions.advice.criteria, so that --help never disagrees with the library).
CRITERIA_DEFAULTS = {"max_gap_months": 36, "min_carried": 3, "min_carried_share": 0.3,
                     "min_similarity": 0.0}


def criteria_options(func):
    """The thresholds of a good option (see transitions.advice.criteria), one flag each."""
    d = CRITERIA_DEFAULTS
    options = [
        click.option("--max-gap-months", type=click.FloatRange(min=0), help="Most months of "
                     "learning a good option may need, by the effort heuristic "
                     f"[default: {d['max_gap_months']:g}]."),
        click.option("--min-carried", type=click.IntRange(min=1), help="Essential skills of a "
                     "destination the worker must already have ... "
                     f"[default: {d['min_carried']}]."),
        click.option("--min-carried-share", type=click.FloatRange(0, 1), help="... or this "
                     "share of them, and never only one skill "
                     f"[default: {d['min_carried_share']:g}]."),
        click.option("--min-similarity", type=click.FloatRange(0, 1), help="An extra floor on "
                     f"the graph's skill similarity [default: {d['min_similarity']:g}, none]."),
        click.option("--in-demand", "--kansrijk", "in_demand_only", is_flag=True, default=None,
                     help="Only destinations in demand (kansrijk): a tight market now or a "
                     "large expected shortage (ROA); for the US a high openings rate."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _criteria_kwargs(kwargs):
    keys = ("max_gap_months", "min_carried", "min_carried_share", "min_similarity",
            "in_demand_only")
    return {k: kwargs.pop(k) for k in keys}


def build_profile(profile_file, occupation, skills, lacking, digcomp, wage, min_wage_ratio,
                  include_at_risk, max_steps, exclude, name):
    """A :class:`transitions.WorkerProfile` from a file and flags, and the name to show."""

    data = _read_profile_file(profile_file) if profile_file else {}
    name = name or data.pop("name", None)
    data.pop("name", None)
    if occupation:
        data["occupation"] = occupation
    if not data.get("occupation"):
        raise click.UsageError("give the worker's occupation: --occupation TITLE-OR-ID "
                               "(or 'occupation:' in the --profile file)")
    for key, values in (("skills", skills), ("lacking", lacking), ("exclude", exclude)):
        if values:
            data[key] = list(data.get(key) or []) + list(values)
    if digcomp:
        data["digcomp"] = {**(data.get("digcomp") or {}), **_digcomp_pairs(digcomp)}
    for key, value in (("wage", wage), ("min_wage_ratio", min_wage_ratio),
                       ("max_steps", max_steps)):
        if value is not None:
            data[key] = value
    if include_at_risk:
        data["exclude_at_risk"] = False
    from .. import WorkerProfile

    return WorkerProfile.from_dict(data), name


def _resolved(session, profile):
    """The profile checked against the taxonomy before anything heavier is loaded."""
    return profile.resolve(session.taxonomy)


def _profile_kwargs(kwargs):
    keys = ("profile_file", "occupation", "skills", "lacking", "digcomp", "wage",
            "min_wage_ratio", "include_at_risk", "max_steps", "exclude", "name")
    return {k: kwargs.pop(k) for k in keys}


# ---------------------------------------------------------------------- advise
@cli.command("advise", short_help="Switch options for a worker, as a table, JSON, CSV or the advice page.")
@profile_options
@criteria_options
@click.option("-n", "--top", type=click.IntRange(min=1),
              help="Number of options to show [default: 10; 5 on the advice page].")
@click.option("-j", "--jobs", type=int,
              help="With --batch: processes to use (-1: all cores) [default: 1; with "
              "--scheduler all the cluster's workers].")
@click.option("--batch", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A CSV (or Parquet) file of many profiles (one row each; columns as the "
              "profile keys, lists separated by '|'; every cell read as text, so ids like 007 "
              "stay as written): options for all of them, one row per worker at least (status "
              "says why a worker has none), streamed in chunks with a progress bar. With "
              "-o FILE.parquet the rows are written as Parquet.")
@scheduler_option
@_format_option(FORMATS + ("html",))
@_output_option
@data_options
def advise(top, jobs, batch, scheduler, fmt, output, dataset, extend, lang, **kwargs):
    """Rank a worker's salary-neutral switch options, with the skills to learn for each.

    The worker is described by flags, by a JSON/YAML --profile file, or both.
    With --format html the result is the printable advice page (Dutch by
    default): the current occupation and its risk, the best options with their
    pay ratio, what the worker brings, the gaps (digital ones by DigComp area),
    stepping-stone paths and the skills to learn first.

    \b
    Examples:
      transitions advise --occupation boekhouder
      transitions advise --occupation boekhouder --skill SQL --skill "data visualiseren" \\
          --format html -o advies.html
      transitions advise --data esco --occupation kassière --skill SQL \\
          --skill "software voor spreadsheets gebruiken" --format html -o advies.html
      transitions advise --profile worker.yaml --format json
      transitions advise --batch caseload.csv --format csv -o options.csv
      transitions advise --batch caseload.csv --jobs 2 --format csv -o options.csv
      transitions advise --batch caseload.csv --scheduler tcp://10.0.0.5:8786 -o options.parquet
    """
    session = Session(dataset, extend, lang)
    criteria = _criteria_kwargs(kwargs)
    if batch is not None:
        if fmt == "html":
            raise click.UsageError("--batch gives a table; use --format table, json or csv")
        advise_batch(session, batch, top or 10, fmt, output, jobs, scheduler, criteria)
        return
    if scheduler or jobs is not None:
        raise click.UsageError("--jobs and --scheduler go with --batch")
    profile, name = build_profile(**_profile_kwargs(kwargs))
    profile = _resolved(session, profile)
    advisor = session.advisor
    if fmt == "html":
        from ..report import advice_page

        html = advice_page(advisor, profile, lang=lang, n=top or 5, worker_name=name,
                           **criteria)
        emit_text(html, output)
        if output is not None:
            say(text(lang, "page_written").format(path=output))
        return
    options = advisor.recommend(profile, n=top or 10, lang=lang, **criteria)
    if fmt == "json":
        worker = {k: v for k, v in options.attrs.items()}
        emit_text(json.dumps({"worker": worker, "options": json.loads(render(options, "json"))},
                             ensure_ascii=False, indent=2) + "\n", output)
        return
    if fmt == "csv":
        emit_table(options, "csv", output)
        return
    attrs = options.attrs
    origin = attrs.get(f"origin_label_{lang}") or attrs.get("origin", "")
    lines = [text(lang, "current").format(occupation=origin,
                                          risk=text(lang, "at_risk" if attrs.get("origin_at_risk")
                                                    else "not_at_risk"))]
    if not options.empty:
        lines.append(text(lang, "n_options").format(n=attrs.get("n_options", len(options))))
    else:
        lines.append(text(lang, "no_options"))
    shown = options[[c for c in ("rank", "label", "n_carried", "wage_ratio", "wage_level",
                                 "openings", "trend", "effort_band", "n_missing", "explanation")
                     if c in options.columns]]
    emit_text("\n".join(lines) + "\n\n" + render(localise(shown, lang), "table", lang=lang),
              output)


# ---------------------------------------------------------------------- search
@cli.command("search", short_help="Find occupations by a Dutch or English title.")
@click.argument("query")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Most candidates to show.")
@_format_option()
@_output_option
@data_options
def search(query, limit, fmt, output, dataset, extend, lang):
    """Find occupations by a Dutch or English title as people type it (female forms,
    compounds, spacing and hyphens): exact labels, exact alternative labels, then by words,
    occupation group or similarity.

    \b
    Examples:
      transitions search boekhoudster
      transitions search "callcenter medewerker" --limit 5
      transitions search bookkeeper --lang en --format json
    """
    from .._validation import MAX_TITLE_LENGTH, check_text
    from ..lookup import ranked, ranked_columns

    session = Session(dataset, extend, lang)
    query = check_text(query, "query", max_length=MAX_TITLE_LENGTH)
    if fmt != "table":
        hits = ranked(session.occupation_index, query, limit=limit)
        if hits.empty:
            say(text(lang, "no_match").format(query=query))
        emit_table(hits, fmt, output, lang=lang)
        return
    # The table for people is made from the index's arrays without pandas (whose import
    # alone would take longer than the whole search).
    hits = ranked_columns(session.occupation_index, query, limit=limit)
    if not len(hits["occupation_id"]):
        say(text(lang, "no_match").format(query=query))
        return
    emit_text(_search_table(hits, lang), output)


def _search_table(hits, lang):
    """The ``search`` table: the columns and cells :func:`localise` and :func:`render` give the
    same hits as a DataFrame (the match in ``lang``, the score in whole points, a missing
    label as "-")."""
    columns = ["occupation_id", f"label_{lang}", "matched_title", "match", "score"]
    rows = []
    for occ, label, title, match, score in zip(*(hits[c] for c in columns)):
        values = {"occupation_id": occ, f"label_{lang}": label if isinstance(label, str) else None,
                  "matched_title": title, "match": match_name(match, lang),
                  "score": int(round(float(score)))}
        rows.append([cell(values[c], c, lang) for c in columns])
    names = headers(lang)
    return text_table([names.get(c, c) for c in columns], rows)


# ---------------------------------------------------------------------- skills
@cli.group("skills", short_help="Find skills by name (for --skill).")
def skills_group():
    """Skills by name: find the skill a worker has, to give it with --skill."""


@skills_group.command("search", short_help="Find skills by a Dutch or English name.")
@click.argument("query")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Most candidates to show.")
@_format_option()
@_output_option
@data_options
def skills_search(query, limit, fmt, output, dataset, extend, lang):
    """Find skills by a Dutch or English name (exact, alternative, then word and fuzzy
    matches). Give the name, or the id, to --skill.

    \b
    Examples:
      transitions skills search SQL
      transitions skills search spreadsheets --data esco
      transitions skills search "data visualiseren" --format json
    """
    from ..skill_lookup import find_skill

    session = Session(dataset, extend, lang)
    hits = find_skill(session.taxonomy, query, limit=limit)
    if hits.empty:
        say(text(lang, "no_skill_match").format(query=query))
        if fmt == "table":
            return
    if fmt == "table":
        hits = hits.assign(skill_label=hits[f"label_{lang}"].fillna(hits["label_en"]))
        hits, note = mark_untranslated(hits, "skill_label", session.taxonomy, lang,
                                       ids=hits["skill_id"])
        hits = localise(hits[["skill_id", "skill_label", "matched_title", "match", "score",
                              "digital"]], lang)
        emit_text(render(hits, "table", lang=lang) + note, output)
        return
    emit_table(hits, fmt, output, lang=lang)


# ---------------------------------------------------------------------- at-risk
@cli.command("at-risk", short_help="Occupations at risk from digitalisation, with reasons.")
@click.option("--all", "show_all", is_flag=True,
              help="List every occupation with its verdict, not only those at risk.")
@click.option("--rti-threshold", type=float, help="Routine task intensity (standardised) above "
              "which work counts as routine [default: 0.5].")
@click.option("--shrink-threshold", type=float, help="Employment change in percent per year at "
              "or below which an occupation counts as shrinking [default: -0.5].")
@click.option("--rule", type=click.Choice(["routine", "routine_and_shrinking"]),
              help="What flags an occupation: routine work, with the employment trend as the "
              "confidence, or routine work AND shrinking employment [default: routine].")
@click.option("-n", "--limit", type=click.IntRange(min=1), help="Show at most this many.")
@_format_option()
@_output_option
@data_options
def at_risk(show_all, rti_threshold, shrink_threshold, rule, limit, fmt, output, dataset, extend,
            lang):
    """List the occupations at risk from digitalisation (routine work; the employment trend
    gives the confidence), with the reasons and the evidence behind each, highest risk first.

    \b
    Examples:
      transitions at-risk
      transitions at-risk --all --format csv -o risk.csv
      transitions at-risk --data esco --lang en --limit 20
    """
    from ..models import assess_risk

    session = Session(dataset, extend, lang)
    kwargs = {k: v for k, v in (("rti_threshold", rti_threshold),
                                ("shrink_threshold", shrink_threshold), ("rule", rule))
              if v is not None}
    risk = assess_risk(session.market_table, taxonomy=session.taxonomy, lang=lang, **kwargs)
    risk = risk.rename_axis("occupation_id").reset_index()
    labels = session.taxonomy.label(list(risk["occupation_id"]), lang)
    risk.insert(1, "label", labels.to_numpy())
    if not show_all:
        risk = risk[risk["at_risk"]]
    risk = risk.sort_values(["risk_score", "occupation_id"], ascending=[False, True],
                            na_position="last", kind="stable")
    if limit:
        risk = risk.head(limit)
    if fmt == "table":
        emit_text(_risk_blocks(risk, lang), output)
        return
    emit_table(risk, fmt, output, lang=lang)


def _risk_blocks(risk, lang):
    """One block per occupation: its name, score and verdict, then the reasons, wrapped."""
    import textwrap

    from ..report.formatting import format_number

    blocks = []
    for row in risk.itertuples(index=False):
        verdict = text(lang, "at_risk" if row.at_risk else "not_at_risk")
        head = f"{row.label} ({row.occupation_id}) - {verdict}, {headers(lang)['risk_score']} " \
               f"{format_number(row.risk_score, lang)}"
        body = textwrap.fill(str(row.reasons), width=100, initial_indent="    ",
                             subsequent_indent="    ")
        blocks.append(head + "\n" + body)
    return "\n\n".join(blocks) + ("\n" if blocks else "")


# ---------------------------------------------------------------------- paths, skills, coverage
@cli.command("paths", short_help="Stepping-stone paths of 2-3 salary-neutral steps.")
@profile_options
@criteria_options
@click.option("-n", "--top", type=click.IntRange(min=1), default=5, show_default=True,
              help="Number of paths to show.")
@_format_option()
@_output_option
@data_options
def paths(top, fmt, output, dataset, extend, lang, **kwargs):
    """Stepping-stone paths: switches in 2-3 steps, each salary-neutral, with the skills to learn
    on the way.

    \b
    Examples:
      transitions paths --occupation "data-invoerder"
      transitions paths --occupation boekhouder --max-steps 2 --format json
    """
    criteria = _criteria_kwargs(kwargs)
    profile, _ = build_profile(**_profile_kwargs(kwargs))
    session = Session(dataset, extend, lang)
    result = session.advisor.paths(_resolved(session, profile), n=top, lang=lang, **criteria)
    if fmt == "table":
        if result.empty:
            n_direct = session.advisor.recommend(profile, n=1, lang=lang, explain=False,
                                                 **criteria).attrs["n_options"]
            say(text(lang, "no_paths" if n_direct else "no_route"))
            return
        result = localise(result[["rank", "path_labels", "wage_ratio", "n_missing", "effort_band",
                                  "explanation"]], lang)
        result["path_labels"] = result["path_labels"].map(lambda p: " -> ".join(p))
    emit_table(result, fmt, output, lang=lang)


@cli.command("skills-to-learn", short_help="Skills that open the most extra options for a worker.")
@profile_options
@criteria_options
@click.option("-n", "--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Number of skills to show.")
@_format_option()
@_output_option
@data_options
def skills_to_learn(top, fmt, output, dataset, extend, lang, **kwargs):
    """The skills and DigComp competences with the most effect for the worker: the good options
    they open and the gaps they shorten, weighted by demand. Nothing without an effect is listed.

    \b
    Examples:
      transitions skills-to-learn --occupation kassamedewerker
      transitions skills-to-learn --occupation boekhouder --digcomp 3=2 --format csv
    """
    criteria = _criteria_kwargs(kwargs)
    profile, _ = build_profile(**_profile_kwargs(kwargs))
    session = Session(dataset, extend, lang)
    result = session.advisor.skills_to_learn(_resolved(session, profile), n=top, lang=lang,
                                             **criteria)
    if fmt == "table":
        if result.empty:
            say(text(lang, "nothing_to_learn"))
            return
        result = result[["rank", "kind", "id", "label", "level", "n_new_options", "n_closer",
                         "months_saved"]].rename(columns={"label": "skill_label"})
        skills = result["kind"] == "skill"
        result, note = mark_untranslated(result, "skill_label", session.taxonomy, lang,
                                         ids=result["id"].where(skills))
        emit_text(render(localise(result, lang), "table", lang=lang) + note, output)
        return
    emit_table(result, fmt, output, lang=lang)


@cli.command("coverage", short_help="Share of workers with a good option without loss of pay.")
@click.option("--by", type=click.Choice(["summary", "occupation"]), default="summary",
              show_default=True, help="The headline table, or the number of options per "
              "occupation (with its workers).")
@click.option("--no-sensitivity", is_flag=True,
              help="Only the default thresholds, without the rows that vary them.")
@click.option("--gap-grid", type=float, multiple=True, metavar="MONTHS",
              help="A bound on the months of learning to try in the sensitivity rows. "
              "Repeatable [default: the library's grid, 6 12 18 24 36].")
@click.option("--carried-grid", type=int, multiple=True, metavar="N",
              help="A number of carried-over skills to try in the sensitivity rows. "
              "Repeatable [default: the library's grid, 2 3 5].")
@click.option("--wage-ratio-grid", type=float, multiple=True, metavar="X",
              help="A wage floor (share of current pay) to try in the sensitivity rows. "
              "Repeatable [default: the library's grid, 0.9 0.95 1 1.05].")
@criteria_options
@_format_option()
@_output_option
@data_options
def coverage(by, no_sensitivity, gap_grid, carried_grid, wage_ratio_grid, fmt, output, dataset,
             extend, lang, **kwargs):
    """The workforce headline: the share of workers with at least one good switch option without
    loss of pay, the mean and median number of options, the share with none and the share whose
    best option needs at most a year; for everyone and for the at-risk occupations, and how it
    moves with the thresholds.

    \b
    Examples:
      transitions coverage
      transitions coverage --data esco --gap-grid 9 --wage-ratio-grid 0.95
      transitions coverage --by occupation --format csv -o options-per-occupation.csv
    """
    kwargs = {"by": by, "sensitivity": not no_sensitivity,
              **{k: v for k, v in _criteria_kwargs(kwargs).items() if v is not None}}
    for name, grid in (("gap_grid", gap_grid), ("carried_grid", carried_grid),
                       ("wage_ratio_grid", wage_ratio_grid)):
        if grid:
            kwargs[name] = list(grid)
    session = Session(dataset, extend, lang)
    advisor = session.advisor
    if advisor.market is None:
        # an advisor read back with its stored risk table has no market of its own (that
        # would load every labour-market file): the workers come from the session's
        kwargs["workforce"] = session.market.workforce(session.taxonomy)
    result = advisor.coverage(**kwargs)
    if by == "occupation":
        result = result.rename_axis("occupation_id").reset_index()
        if fmt == "table":
            result = result[["occupation_id", f"label_{lang}", "workers", "at_risk", "n_options",
                             "best_months"]]
    elif fmt == "table":
        result = localise(result[["group", "max_gap_months", "min_carried", "min_wage_ratio",
                                  "exclude_at_risk", "in_demand_only", "default", "workers",
                                  "share_with_option", "mean_options", "median_options",
                                  "share_none", "share_best_within_year"]], lang)
    emit_table(result, fmt, output, lang=lang)


# ---------------------------------------------------------------------- graph
@cli.group("graph", short_help="Nearest occupations; export the graph (GraphML, CSV).")
def graph_group():
    """The occupation graph: nearest occupations, and export for Gephi and other tools."""


@graph_group.command("neighbors", short_help="The occupations nearest to one occupation.")
@click.argument("occupation")
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True,
              help="Number of neighbours.")
@_format_option()
@_output_option
@data_options
def graph_neighbors(occupation, k, fmt, output, dataset, extend, lang):
    """The occupations nearest to OCCUPATION (id, code or title) by skill overlap, with the shared
    and missing skills behind each.

    \b
    Examples:
      transitions graph neighbors boekhouder
      transitions graph neighbors occ-cashier -k 5 --format json
    """
    from ..profile import resolve_occupation

    session = Session(dataset, extend, lang)
    occ = resolve_occupation(session.taxonomy, occupation)
    result = session.graph.neighbors(occ, k=k)
    if fmt == "table":
        result = result[["rank", "occupation_id", f"label_{lang}", "score", "coverage",
                         "n_shared", "n_missing"]]
    emit_table(result, fmt, output, lang=lang)


@graph_group.command("export", short_help="Write the graph as GraphML or a CSV edge list.")
@click.option("-o", "--output", required=True, type=_OUTPUT_TYPE, callback=_output_file,
              help="File to write (.graphml or .csv).")
@click.option("--format", "fmt", type=click.Choice(["graphml", "csv"]),
              help="File format [default: from the file name's extension].")
@click.option("-k", "--top-k", type=click.IntRange(min=1), default=10, show_default=True,
              help="Keep each occupation's k most similar destinations.")
@click.option("--threshold", type=float, help="Also drop edges whose similarity is below this.")
@data_options
def graph_export(output, fmt, top_k, threshold, dataset, extend, lang):
    """Export the sparsified occupation graph as GraphML (Gephi, Cytoscape, networkx) or as a
    CSV edge list, with labels in the chosen language.

    \b
    Examples:
      transitions graph export -o beroepen.graphml
      transitions graph export -o edges.csv --top-k 20 --data esco
    """
    fmt = fmt or {".graphml": "graphml", ".csv": "csv"}.get(output.suffix.lower())
    if fmt is None:
        raise click.BadParameter(f"cannot tell the format from {output.name!r}; give --format "
                                 f"graphml or csv", param_hint="'--format'")
    from ..graph import write_edgelist, write_graphml

    session = Session(dataset, extend, lang)
    G = session.graph.to_networkx(k=top_k, threshold=threshold)
    if fmt == "graphml":
        write_graphml(G, output)
    else:
        write_edgelist(G, output, lang=lang)
    say(text(lang, "graph_written").format(path=output))
