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

from .formatting import format_money, format_number, format_percent, level_name
from .page import advice_page, render_advice_page, write_advice_page

__all__ = ["advice_page", "write_advice_page", "render_advice_page", "format_number",
           "format_percent", "format_money", "level_name"]
