"""The ``transitions`` command group, its shared options and its error policy.

Exit codes: 0 success, 2 bad input (one line on standard error saying what is
wrong), 1 any other failure. Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import sys
import warnings

import click

from .. import __version__
from ..exceptions import CacheError, DataQualityWarning, TransitionsError, UnknownOccupationError

__all__ = ["TransitionsGroup", "cli", "main", "list_warnings", "EXIT_OK", "EXIT_FAILURE", "EXIT_BAD_INPUT"]

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _one_line(text):
    return " ".join(str(text).split())


def _error_line(exc):
    """The single line shown for ``exc``; suggestions of an unknown occupation included."""
    msg = _one_line(exc)
    if isinstance(exc, UnknownOccupationError) and exc.suggestions \
            and str(exc.suggestions[0]) not in msg:
        msg += "; closest: " + "; ".join(str(s) for s in exc.suggestions[:5])
    return msg


_PENDING = []
_UI = {"lang": "nl"}
_NOTE = {
    "nl": "transitions: let op: {n} waarschuwing(en) over de kwaliteit van de bronnen, "
          "afgehandeld zoals beschreven; toon ze met 'transitions --show-warnings ...'",
    "en": "transitions: note: {n} data-quality warning(s) about the sources, handled as "
          "documented; list them with 'transitions --show-warnings ...'",
}
_LIST_WARNINGS = {"on": False}


def list_warnings():
    """Make this run list every data-quality warning (``data`` commands, ``--show-warnings``)."""
    _LIST_WARNINGS["on"] = True


def _collect_warning(message, category, filename, lineno, file=None, line=None):
    # Data-quality warnings are findings for the user, not code locations: one line each, once,
    # after the command (so that bad input still ends in exactly one line).
    prefix = "warning" if issubclass(category, DataQualityWarning) else category.__name__
    text = f"transitions: {prefix}: {_one_line(message)}"
    if text not in _PENDING:
        _PENDING.append(text)


def _flush_warnings(show):
    if show and _PENDING:
        if _LIST_WARNINGS["on"]:
            for text in _PENDING:
                click.echo(text, file=sys.stderr)
        else:
            # The sources' known defects are handled and listed on import; other commands
            # say only how many there are, so that a coach's screen stays readable.
            click.echo(_NOTE[_UI["lang"]].format(n=len(_PENDING)), file=sys.stderr)
    _PENDING.clear()


class TransitionsGroup(click.Group):
    """A click group whose errors end in one line and a meaningful exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in args
        prog_name = prog_name or "transitions"
        from ._help import help_language, set_help_language

        _UI["lang"] = help_language(args)
        set_help_language(self, _UI["lang"])
        _PENDING.clear()
        _LIST_WARNINGS["on"] = False
        # Each run reports its own warnings: entering catch_warnings clears Python's memory of
        # warnings already shown (a second run in one process, as in a notebook or a test,
        # warns again), and leaving it restores showwarning.
        with warnings.catch_warnings():
            if not debug:
                warnings.showwarning = _collect_warning
            try:
                code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                    standalone_mode=False, **extra)
                code = code if isinstance(code, int) else EXIT_OK
                _flush_warnings(True)
            except click.exceptions.Exit as exc:
                _flush_warnings(True)
                code = exc.exit_code
            except click.UsageError as exc:
                if debug:
                    raise
                _flush_warnings(False)
                where = exc.ctx.command_path if exc.ctx is not None else prog_name
                hint = f" (see '{where} --help')" if exc.ctx is not None else ""
                click.echo(f"{where}: error: {_one_line(exc.format_message())}{hint}",
                           file=sys.stderr)
                code = EXIT_BAD_INPUT
            except click.Abort:
                click.echo(f"{prog_name}: aborted", file=sys.stderr)
                code = EXIT_FAILURE
            except click.ClickException as exc:
                if debug:
                    raise
                _flush_warnings(False)
                click.echo(f"{prog_name}: error: {_one_line(exc.format_message())}",
                           file=sys.stderr)
                code = exc.exit_code
            except TransitionsError as exc:
                if debug:
                    raise
                bad_input = not isinstance(exc, CacheError)
                _flush_warnings(not bad_input)
                click.echo(f"{prog_name}: error: {_error_line(exc)}", file=sys.stderr)
                code = EXIT_BAD_INPUT if bad_input else EXIT_FAILURE
            except Exception as exc:  # noqa: BLE001 - the promise is: no traceback without --debug
                if debug:
                    raise
                _flush_warnings(True)
                click.echo(f"{prog_name}: failure: {type(exc).__name__}: {_error_line(exc)} "
                           f"(rerun with --debug for the traceback)", file=sys.stderr)
                code = EXIT_FAILURE
        if standalone_mode:
            sys.exit(code)
        return code


@click.group("transitions", cls=TransitionsGroup, context_settings=CONTEXT_SETTINGS)
@click.option("--debug", is_flag=True, help="Show full tracebacks and Python warnings on errors.")
@click.option("--show-warnings", is_flag=True,
              help="List every data-quality warning about the sources (by default only their "
              "number; 'data import' and 'data info' always list them).")
@click.version_option(__version__, prog_name="transitions", message="%(prog)s %(version)s")
def cli(debug, show_warnings):
    """Salary-neutral job-switch paths for workers whose occupations shrink under digitalisation.

    Every command works on the embedded, illustrative Dutch sample unless --data
    names a taxonomy imported with 'transitions data import'. Output is Dutch by
    default; --lang en gives English. Results print as a table, or as JSON or CSV
    with --format; 'advise --format html' writes the printable advice page.

    \b
    Examples:
      transitions search boekhouder
      transitions advise --occupation boekhouder
      transitions advise --occupation boekhouder --skill SQL --format html -o advies.html
      transitions at-risk --lang en
      transitions data import esco ESCO-FOLDER --labels nl=DUTCH-FOLDER
      transitions advise --data esco --occupation kassière --skill SQL

    \b
    Exit codes: 0 success, 2 bad input (one line says what is wrong), 1 failure.
    """
    if show_warnings:
        list_warnings()


def main(argv=None):
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    return cli.main(args=argv, prog_name="transitions", standalone_mode=False)
