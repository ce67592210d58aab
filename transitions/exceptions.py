"""Exceptions and warnings raised by :mod:`transitions`.

Every error derives from :class:`TransitionsError`, so callers can catch the
library's errors in one place, and also from the matching built-in type
(``ValueError``, ``KeyError``), so generic handlers keep working.
Messages name the file, column, id or parameter at fault and what would be valid.
"""

__all__ = [
    "TransitionsError",
    "DataFormatError",
    "MissingFileError",
    "UnknownOccupationError",
    "UnknownSkillError",
    "InvalidParameterError",
    "CacheError",
    "DataQualityWarning",
]


class TransitionsError(Exception):
    """Base class of every error raised by the library."""


class DataFormatError(TransitionsError, ValueError):
    """An input file or table does not have the expected layout or content."""


class MissingFileError(DataFormatError, FileNotFoundError):
    """A required input file is missing (the message names every missing file)."""


class UnknownOccupationError(TransitionsError, KeyError):
    """An occupation id or title that the taxonomy does not know.

    Attributes
    ----------
    suggestions : list of str
        The closest known titles or ids, best first (may be empty).
    """

    def __init__(self, message, suggestions=()):
        super().__init__(message)
        self.suggestions = list(suggestions)

    def __str__(self):  # KeyError would print the message with quotes
        return str(self.args[0])


class UnknownSkillError(TransitionsError, KeyError):
    """A skill id or name that the taxonomy does not know, or a name several skills share.

    Attributes
    ----------
    suggestions : list of str
        The closest (or the competing) skills as ``"label (id)"``, best first (may be
        empty).
    """

    def __init__(self, message, suggestions=()):
        super().__init__(message)
        self.suggestions = list(suggestions)

    def __str__(self):
        return str(self.args[0])


class InvalidParameterError(TransitionsError, ValueError):
    """A parameter outside its valid range or set of choices."""


class CacheError(TransitionsError):
    """A cache entry that is corrupt or unreadable (it is rebuilt, not trusted)."""


class DataQualityWarning(UserWarning):
    """A recoverable defect in source data: counted, shown with examples, then handled."""


def warn_defect(what, examples=(), *, stacklevel=3):
    """Warn about ``what`` (a message with its count) with up to three examples."""
    import warnings

    examples = [str(e) for e in list(examples)[:3]]
    msg = what + (f" (e.g. {', '.join(examples)})" if examples else "")
    warnings.warn(msg, DataQualityWarning, stacklevel=stacklevel)
