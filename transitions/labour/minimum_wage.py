"""Adult statutory minimum wages per hour, for the caveat on low group medians.

CBS publishes hourly medians per occupation group over *all* employees,
young workers included. In groups with many young workers (cashiers,
shelf-stackers, warehouse staff) the median falls below what the law lets an
adult be paid: kassamedewerkers EUR 9.00 in 2022. Such a median is not a
plausible wage for an adult worker, so the library flags it
(``wage_below_minimum``) and never takes it silently as a worker's wage.

The Netherlands (*wettelijk minimumloon*, workers aged 21 and over)
---------------------------------------------------------------------
Until 2023 the law set a minimum per month, week and day for a full working
week; the hourly minimum was the weekly amount divided by the sector's normal
full-time week (36, 38 or 40 hours), so it differed by sector. Since
1 January 2024 there is one statutory hourly minimum. The amounts change on
1 January and 1 July. Per year the table holds the amounts of 1 January and
1 July (Rijksoverheid, "Bedragen minimumloon"; Staatscourant regulations of
the Minister of Social Affairs):

====  ============  ===========================================  =========================
year  1 January     hourly, full-time week of 36 / 38 / 40 h     1 July (36 / 38 / 40 h)
====  ============  ===========================================  =========================
2022  EUR 398.10/wk 11.06 / 10.48 / 9.96                         11.26 / 10.67 / 10.14
2023  EUR 446.40/wk 12.40 / 11.75 / 11.16                        12.79 / 12.12 / 11.51
2024  one rate      13.27                                        13.68
====  ============  ===========================================  =========================

:func:`minimum_wage` returns the **lowest adult hourly minimum in force in the
year**: before 2024 the 40-hour figure of 1 January (EUR 9.96 in 2022), from
2024 the statutory hourly rate of 1 January (EUR 13.27). A median below that
figure is below the adult minimum for *every* sector's working week and every
month of the year, so the caveat never fires on a figure an adult could
legally earn somewhere; a stricter reading (38-hour week, 1 July) is given in
``detail``. CBS's hourly wages are annual figures, so a mid-year figure would
be as defensible; the lowest one is chosen because the flag must not
overstate.

The United States
-----------------
The federal minimum wage (Fair Labor Standards Act) has been USD 7.25 an
hour since 24 July 2009. Many states set more; the federal figure is the
floor that holds everywhere.
"""

from __future__ import annotations

import math

from ..exceptions import InvalidParameterError

__all__ = ["minimum_wage", "MINIMUM_WAGES", "NL_MINIMUM_WAGE_SOURCE"]

NL_MINIMUM_WAGE_SOURCE = "Rijksoverheid, wettelijk minimumloon"
US_MINIMUM_WAGE_SOURCE = "US DOL, federal minimum wage (FLSA)"

#: (country, year) -> the amounts: ``value`` (the lowest adult hourly minimum
#: in force that year), ``valid_from``, ``rule`` (how ``value`` was chosen),
#: ``detail`` (all amounts of the year).
MINIMUM_WAGES = {
    ("NL", 2022): {"value": 9.96, "valid_from": "2022-01-01",
                   "rule": "40-hour week, 1 January (the lowest adult hourly rate of 2022)",
                   "detail": "1 Jan: 11.06 (36 h), 10.48 (38 h), 9.96 (40 h); "
                             "1 Jul: 11.26, 10.67, 10.14"},
    ("NL", 2023): {"value": 11.16, "valid_from": "2023-01-01",
                   "rule": "40-hour week, 1 January (the lowest adult hourly rate of 2023)",
                   "detail": "1 Jan: 12.40 (36 h), 11.75 (38 h), 11.16 (40 h); "
                             "1 Jul: 12.79, 12.12, 11.51"},
    ("NL", 2024): {"value": 13.27, "valid_from": "2024-01-01",
                   "rule": "statutory hourly minimum, 1 January 2024",
                   "detail": "1 Jan: 13.27; 1 Jul: 13.68 (one rate for all working weeks)"},
    ("US", 2024): {"value": 7.25, "valid_from": "2009-07-24",
                   "rule": "federal minimum wage", "detail": "USD 7.25 since 24 July 2009"},
}
_CURRENCY = {"NL": "EUR", "US": "USD"}
_SOURCE = {"NL": NL_MINIMUM_WAGE_SOURCE, "US": US_MINIMUM_WAGE_SOURCE}


def minimum_wage(country, year):
    """The adult statutory minimum wage per hour that a wage figure of ``year`` is held against.

    Parameters
    ----------
    country : {"NL", "US"}
    year : int
        The year of the wage figure (e.g. ``wage_year`` of a labour-market table).
        US: any year from 2009 (the federal rate has not changed since).

    Returns
    -------
    dict or None
        ``value`` (per hour), ``currency``, ``year``, ``source`` (e.g.
        ``"Rijksoverheid, wettelijk minimumloon 2022 (40-hour week, 1 January
        ...)"``), ``rule`` and ``detail``; None for a year the table does not hold.

    Examples
    --------
    >>> from transitions.labour.minimum_wage import minimum_wage
    >>> minimum_wage("NL", 2022)["value"], minimum_wage("NL", 2024)["value"]
    (9.96, 13.27)
    >>> minimum_wage("NL", 1999) is None
    True
    """
    if country not in _CURRENCY:
        raise InvalidParameterError(f"country={country!r} is not valid; choose 'NL' or 'US'")
    if year is None or (isinstance(year, float) and math.isnan(year)):
        return None
    year = int(year)
    key = (country, year)
    if country == "US" and year >= 2009:
        key = ("US", 2024)
    entry = MINIMUM_WAGES.get(key)
    if entry is None:
        return None
    return {"value": entry["value"], "currency": _CURRENCY[country], "year": year,
            "source": f"{_SOURCE[country]} {year} ({entry['rule']})",
            "rule": entry["rule"], "detail": entry["detail"]}
