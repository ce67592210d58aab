"""Sphinx configuration of the transitions documentation (built with warnings as errors in CI)."""

import datetime
import os
import sys

sys.path.insert(0, os.path.abspath(".."))

import transitions  # noqa: E402

project = "transitions"
author = "the transitions contributors"
copyright = f"{datetime.date.today().year}, {author}"
release = version = transitions.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # numpydoc-style docstrings
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "sphinx_click",
    "myst_parser",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
root_doc = "index"
language = "en"

# Docstrings are numpydoc; napoleon renders them, autodoc takes the signatures.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_use_ivar = True  # "Attributes" as fields: no duplicate entries beside autodoc's properties
napoleon_preprocess_types = False
autodoc_default_options = {"members": True, "member-order": "bysource", "undoc-members": False}
autodoc_typehints = "none"  # the docstrings' Parameters sections say it better
autodoc_inherit_docstrings = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Closed network in CI: no inventory is fetched (intersphinx only resolves when available offline).
intersphinx_mapping = {}

html_theme = "furo"
html_title = f"transitions {release}"
html_static_path = []

# ---------------------------------------------------------------------------------------------
# Topic pages written beside the library's parts (docs/<topic>.md: importers, graph, labour
# market, risk, recommendations) are listed under "Methods and benchmarks" automatically, so a
# new page can never be left out of the navigation.
from pathlib import Path  # noqa: E402

OWN_PAGES = {"index", "quickstart", "advice-page", "examples", "concepts", "methods",
             "data-sources", "api"}


def _topic_pages():
    here = Path(__file__).parent
    return sorted(p.stem for p in here.glob("*.md") if p.stem not in OWN_PAGES)


def _list_topic_pages(app, docname, source):
    if docname == "methods":
        source[0] = source[0].replace("<!-- topic pages -->", "\n".join(_topic_pages()))


def setup(app):
    app.connect("source-read", _list_topic_pages)
smartquotes = False  # keep "--option" as typed in the command-line reference
# Topic pages are written by different hands; a heading that skips a level is style, not an error.
suppress_warnings = ["myst.header"]
