"""Shared checks of the attack corpus (tests/test_attack_*.py).

Every case of the corpus ends in one of two acceptable ways:

- a clear error: a :class:`~transitions.TransitionsError` (in the command line:
  exit code 2 and exactly one line on standard error, no traceback) whose
  message names the file, column, row or parameter at fault; or
- a counted, named warning with correct output: a
  :class:`~transitions.DataQualityWarning` naming what was wrong, and a
  result the case checks.

Anything else is a crash (another exception, a traceback) or a silent wrong
result (no error and no warning, or output that the case finds wrong).
"""

import warnings

import pytest

from transitions import DataQualityWarning, TransitionsError
from transitions.cli import main

#: Longest message an error may print: a megabyte of input never becomes a megabyte of error.
MAX_MESSAGE = 1000


def expect_error(call, *fragments, kind=TransitionsError):
    """``call()`` raises ``kind`` whose message holds every fragment; returns the message."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        with pytest.raises(kind) as info:
            call()
    message = str(info.value)
    assert len(message) <= MAX_MESSAGE, message[:200]
    for fragment in fragments:
        assert fragment in message, message
    return message


def expect_warning(call, *fragments):
    """``call()`` succeeds with a DataQualityWarning holding every fragment; returns its result."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    messages = [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
    assert any(all(f in m for f in fragments) for m in messages), (fragments, messages)
    return result


def expect_clean(call):
    """``call()`` succeeds without any DataQualityWarning; returns its result."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataQualityWarning)
        return call()


def run_cli(capsys, *args):
    """Exit code, standard output and standard error of the command line."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def expect_cli_error(capsys, args, *fragments):
    """Exit code 2 and one line on standard error holding every fragment."""
    code, _, err = run_cli(capsys, *args)
    lines = err.strip().splitlines()
    assert code == 2, (code, err)
    assert len(lines) == 1 and "Traceback" not in err, err
    assert "error:" in lines[0] and len(lines[0]) <= MAX_MESSAGE + 200, lines[0][:300]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]
