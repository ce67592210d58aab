"""The printable advice page: one self-contained HTML file a coach walks through with a worker.

The page is rendered with Jinja2 (autoescaping on: labels and user input may
contain markup) from a template shipped with the package. It has inline CSS
only, no script and no external asset, a Content-Security-Policy that forbids
any request, and prints on A4. Its sections: the current occupation and why it
is at risk, the best options with their pay ratio (each number with its source
and level), what the worker already brings, the gaps with the digital gaps
grouped by DigComp area, stepping-stone paths, and the skills to learn first.

This module decides nothing: the numbers, orders and texts come from the
library's public API; here they are only laid out.
"""

from __future__ import annotations

import datetime as _dt
import math

from jinja2 import Environment, PackageLoader, StrictUndefined

from .report_text import DIGCOMP_AREAS, EFFORT_LABELS, TEXTS

__all__ = ["render_advice_page"]

_LANGS = tuple(TEXTS)


def _environment():
    env = Environment(
        loader=PackageLoader("transitions", "templates"),
        autoescape=True,  # always, whatever the template's file name
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    return env


def format_number(value, lang, digits=2):
    """``value`` with the language's decimal mark; '–' for missing values (never a number)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", "\u2009").replace(".", ",")
    return text


def format_percent(value, lang):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{format_number(100 * float(value), lang, 0)}%"


def format_money(value, lang):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return f"€\u00a0{format_number(value, lang)}"


def render_advice_page(page, lang="nl"):
    """Render a prepared advice page (a dict of sections) to a self-contained HTML string.

    Parameters
    ----------
    page : dict
        The sections, as built by :func:`transitions.report.advice_page`.
    lang : {"nl", "en"}, default="nl"

    Returns
    -------
    str
    """
    from .exceptions import InvalidParameterError

    if lang not in _LANGS:
        raise InvalidParameterError(f"lang={lang!r} is not supported; choose one of {list(_LANGS)}")
    from . import __version__

    page = dict(page)
    page.setdefault("lang", lang)
    page.setdefault("version", __version__)
    page.setdefault("generated", _dt.date.today().isoformat())
    template = _environment().get_template("advice.html.j2")
    return template.render(page=page, t=TEXTS[lang])


__all__ += ["format_number", "format_percent", "format_money", "DIGCOMP_AREAS", "EFFORT_LABELS"]
