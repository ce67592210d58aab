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
    """Base class of every error raised by the library.

    Examples
    --------
    >>> from transitions import TransitionsError, WorkerProfile
    >>> try:
    ...     WorkerProfile("boekhouder", wage=-1)
    ... except TransitionsError as e:
    ...     print(type(e).__name__)
    InvalidParameterError
    """


class DataFormatError(TransitionsError, ValueError):
    """An input file or table does not have the expected layout or content.

    Examples
    --------
    >>> import pandas as pd
    >>> from transitions import DataFormatError, load_sample
    >>> taken = pd.DataFrame({"label_en": ["bookkeeper"]}, index=["occ-bookkeeper"])
    >>> try:
    ...     load_sample().extend(occupations=taken)
    ... except DataFormatError as e:
    ...     print(e)
    new occupations: 1 id(s) already exist in the taxonomy, e.g. ['occ-bookkeeper']
    """


class MissingFileError(DataFormatError, FileNotFoundError):
    """A required input file is missing (the message names every missing file).

    Examples
    --------
    >>> import tempfile
    >>> from transitions import LabourMarket, MissingFileError
    >>> with tempfile.TemporaryDirectory() as empty:
    ...     try:
    ...         LabourMarket.from_files(empty)
    ...     except FileNotFoundError as e:       # a MissingFileError is one
    ...         print(isinstance(e, MissingFileError), "needs 5 more file(s)" in str(e))
    True True
    """


class UnknownOccupationError(TransitionsError, KeyError):
    """An occupation id or title that the taxonomy does not know.

    Attributes
    ----------
    suggestions : list of str
        The closest known titles or ids, best first (may be empty).

    Examples
    --------
    >>> from transitions import UnknownOccupationError, WorkerProfile, load_sample
    >>> try:
    ...     WorkerProfile("boekhoudr").resolve(load_sample())
    ... except UnknownOccupationError as e:
    ...     print(e.suggestions[0])
    boekhouder (occ-bookkeeper)
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

    Examples
    --------
    >>> from transitions import UnknownSkillError, WorkerProfile, load_sample
    >>> try:
    ...     WorkerProfile("boekhouder", skills=["spreadsheet"]).resolve(load_sample())
    ... except UnknownSkillError as e:
    ...     print(e.suggestions)
    ['use spreadsheets (sk-use-spreadsheets)']
    """

    def __init__(self, message, suggestions=()):
        super().__init__(message)
        self.suggestions = list(suggestions)

    def __str__(self):
        return str(self.args[0])


class InvalidParameterError(TransitionsError, ValueError):
    """A parameter outside its valid range or set of choices.

    Examples
    --------
    >>> from transitions import InvalidParameterError, load_sample
    >>> try:
    ...     load_sample().incidence("all")
    ... except InvalidParameterError as e:
    ...     print(e)
    kind='all' is not valid; choose one of ['weight', 'binary', 'essential', 'optional']
    """


class CacheError(TransitionsError):
    """A cache entry that is corrupt or unreadable (it is rebuilt, not trusted).

    The loaders catch it: a corrupt cache costs a rebuild and a
    :class:`DataQualityWarning`, never a wrong taxonomy. Catch it yourself only
    around your own use of the cache functions.

    Examples
    --------
    >>> from transitions import CacheError, TransitionsError
    >>> issubclass(CacheError, TransitionsError)
    True
    """


class DataQualityWarning(UserWarning):
    """A recoverable defect in source data: counted, shown with examples, then handled.

    Examples
    --------
    A wage table with a mistyped occupation id:

    >>> import warnings
    >>> import pandas as pd
    >>> from transitions import DataQualityWarning, LabourMarket, load_sample
    >>> wages = pd.DataFrame({"code_system": "occupation",
    ...                       "code": ["occ-bookkeeper", "occ-bookkeepr"],
    ...                       "wage_median": [26.5, 24.0], "wage_currency": "EUR",
    ...                       "source": "Gemeente X 2024"})
    >>> lm = LabourMarket.from_tables(wage=wages, base=LabourMarket.from_sample())
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always", DataQualityWarning)
    ...     _ = lm.for_taxonomy(load_sample())
    >>> print(caught[0].message)
    wage table: 1 of 2 occupation id(s) are not in taxonomy 'sample' and match nothing (e.g. occ-bookkeepr)
    """


def warn_defect(what, examples=(), *, stacklevel=3):
    """Warn about ``what`` (a message with its count) with up to three examples."""
    import warnings

    examples = [str(e) for e in list(examples)[:3]]
    msg = what + (f" (e.g. {', '.join(examples)})" if examples else "")
    warnings.warn(msg, DataQualityWarning, stacklevel=stacklevel)
