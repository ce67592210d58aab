"""The ``transitions`` command line: a thin wrapper over the public API.

It parses options, calls the library and prints; it holds no logic of its own.
See ``transitions --help`` and the command-line page of the documentation.
"""

from ._app import cli, main
from . import _commands, _data, _fetch  # noqa: F401  (registers the subcommands)

__all__ = ["cli", "main"]
