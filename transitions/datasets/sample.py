"""The embedded sample: a small, illustrative Dutch taxonomy authored by the project.

About 50 occupations and 200 skills with Dutch and English labels, digital
skills tagged with DigComp 2.2 competences, and illustrative wages and trends.
It is *not* real data: it powers the quickstart, doctests and fast tests.
Its files (``transitions/datasets/data/sample/``) follow the documented CSV
schema for extensions (:mod:`transitions.datasets.extension`).
"""

from __future__ import annotations

from importlib import resources

from ..taxonomy import Taxonomy
from .extension import read_extension

__all__ = ["load_sample", "sample_path", "SAMPLE_SOURCE"]

#: Provenance label of every number in the sample.
SAMPLE_SOURCE = "illustrative sample, not real data"


def sample_path(name=""):
    """Path of the sample folder, or of one of its files (e.g. ``"labour_market.csv"``)."""
    return resources.files("transitions.datasets").joinpath("data", "sample", name)


def load_sample():
    """Load the embedded illustrative Dutch taxonomy.

    Returns
    -------
    Taxonomy
        Named ``"sample"``; occupations carry ``isco_code`` and ``brc_code``,
        skills a two-level group hierarchy and DigComp codes.

    Examples
    --------
    >>> from transitions import load_sample
    >>> tax = load_sample()
    >>> tax
    Taxonomy(name='sample', occupations=..., skills=..., relations=...)
    >>> 40 <= len(tax.occupations) <= 60 and 150 <= len(tax.skills) <= 250
    True
    """
    with resources.as_file(sample_path()) as folder:
        t = read_extension(folder)
    return Taxonomy(
        t["occupations"], t["skills"], t["relations"],
        skill_hierarchy=t["skill_hierarchy"],
        skill_groups=t["skill_groups"],
        name="sample",
        metadata={"source": SAMPLE_SOURCE},
    )
