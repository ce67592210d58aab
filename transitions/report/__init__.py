"""The presentation layer: the printable advice page, and numbers written for people.

* :mod:`.page`: the self-contained HTML advice page a coach walks through
  with a worker (:func:`advice_page`, :func:`write_advice_page`,
  :func:`render_advice_page`), rendered from ``templates/advice.html.j2``;
* :mod:`.texts`: its fixed wording per language (one table a translator edits);
* :mod:`.formatting`: numbers, money, percentages and statistical levels in
  Dutch or English, shared with the command line's tables.

This package decides nothing: numbers, orders and texts come from the
library's public API; here they are only laid out.
"""

from .._lazy import attach

__all__ = ["advice_page", "write_advice_page", "render_advice_page", "format_number",
           "format_percent", "format_money", "level_name"]

# Imported on first use (PEP 562): the command line's tables use the number formatting without
# pandas, which the page needs.
_LAZY = {"advice_page": ".page", "write_advice_page": ".page", "render_advice_page": ".page",
         "format_number": ".formatting", "format_percent": ".formatting",
         "format_money": ".formatting", "level_name": ".formatting"}


__getattr__, __dir__ = attach(__name__, _LAZY)
