"""The languages of the library's output, and the check every ``lang=`` argument goes through.

A language is supported when every message table has it (the advice page's
texts, the command line's messages, the risk and labour-market explanations,
the advice explanations); ``tests/test_languages.py`` checks that the tables
agree.

Examples
--------
>>> check_lang("nl")
'nl'
>>> check_lang("de")
Traceback (most recent call last):
...
transitions.exceptions.InvalidParameterError: lang='de' is not supported; choose one of ['en', 'nl']
"""

from __future__ import annotations

from .exceptions import InvalidParameterError

__all__ = ["LANGUAGES", "check_lang"]

#: Languages of labels (``label_<lang>`` columns) and of every text the library writes.
LANGUAGES = ("en", "nl")


def check_lang(lang):
    """``lang`` if it is one of :data:`LANGUAGES`, else :class:`~transitions.InvalidParameterError`."""
    if lang not in LANGUAGES:
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose one of {list(LANGUAGES)}")
    return lang
