"""Names a package imports on first use (PEP 562), so that a command loads only what it uses.

Examples
--------
>>> __getattr__, __dir__ = attach("transitions.report", {"format_number": ".formatting"})
>>> __getattr__("format_number").__module__
'transitions.report.formatting'
"""

from __future__ import annotations

import importlib
import sys

__all__ = ["attach"]


def attach(package, names):
    """``(__getattr__, __dir__)`` for ``package``, whose ``names`` (name -> module relative to
    the package) are imported when first asked for, then kept as plain attributes. A name that
    is its module's own name (``"evaluation": ".evaluation"``) gives the module itself."""
    def __getattr__(name):
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        mod = importlib.import_module(module, package)
        value = mod if module.lstrip(".") == name else getattr(mod, name)
        setattr(sys.modules[package], name, value)     # the next access is a plain attribute
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(names))

    return __getattr__, __dir__
