"""Import the O*NET database (tab-separated text files) as a :class:`~transitions.Taxonomy`.

The loader reads the files of an O*NET text release as the O*NET Resource
Center publishes them (a folder, or the zip ``db_<version>_text.zip``) and
makes these choices, each kept visible in the result's columns:

Occupations
    All occupations of ``Occupation Data.txt`` indexed by O*NET-SOC code
    (``15-1252.00``), also those without ratings (``rated`` is False for
    them). ``soc2018_code`` is the 6-digit SOC 2018 code (``15-1252``) that
    US statistics use. ``altlabels_en`` joins the alternate and short titles
    (newline-separated), ``job_zone`` is the Job Zone (1-5), and
    ``education_level`` / ``education_en`` the category of *Required Level of
    Education* (RL, 1-12) that most respondents chose (ties go to the lower
    category; estimates marked *Recommend Suppress* are not counted).
Skills from rated domains
    Each content-model element of Skills and Knowledge (and, on request,
    Abilities, Work Activities and Work Context) is a skill keyed by its
    element id (``2.A.1.a``), with ``domain`` (the file it came from) and
    ``skill_type`` in ESCO's vocabulary where one fits: Skills ->
    ``"skill/competence"``, Knowledge -> ``"knowledge"``; Abilities ->
    ``"ability"``, Work Activities -> ``"work activity"``, Work Context ->
    ``"work context"``. Abilities and Work Context are not learnable skills:
    code that lists skills to learn can keep ``skill_type`` in
    ``{"skill/competence", "knowledge", "technology"}``. ``skill_type`` also
    separates the blocks that the graph's ``profile`` measure compares.
    ``digital`` marks the elements in :data:`DIGITAL_ELEMENTS`. ``digcomp``
    is NA: O*NET has no principled mapping to DigComp.
Skills from Technology Skills
    One skill per UNSPSC *commodity* (``43232110`` "Spreadsheet software"),
    ``skill_type="technology"`` (O*NET's own domain 5.F, apart from the
    rated Skills), ``digital=True``. The commodity is the
    unit because the 8,775 product names of 29.3 (``Example``) are too sparse
    for similarity (most occur in a handful of occupations, and Excel and
    Google Sheets would count as unrelated skills), while the 135 commodities
    group tools by function at a grain close to the rated elements. The
    products are kept: ``examples`` (newline-separated, most widespread
    first), ``n_examples``, ``hot_technology`` (some product is a Hot
    Technology) and ``in_demand`` (some product is In Demand for some
    occupation) on the skill, and the same per occupation on its relation.
Relations
    One row per occupation and element with ``importance`` (IM, 1-5) and
    ``level`` (LV, 0-7) as published (``context`` holds the Work Context
    rating, CX 1-5 or CT 1-3). ``relation`` is ``"essential"`` when the
    importance is at least :data:`ESSENTIAL_IMPORTANCE` (3.0, "Important" on
    O*NET's anchors), else ``"optional"``; for Work Context when the rating
    is in the upper half of its scale. ``weight`` is the geometric mean of
    importance and level rescaled to 0-1 by their scale ranges
    (``sqrt((IM - 1) / 4 * LV / 7)``), the rescaled value alone when the
    other is missing, and the rescaled rating for Work Context.
    Technology links carry no rating: ``"essential"`` when a product of the
    commodity is In Demand for the occupation, else ``"optional"``, with the
    small weights of :data:`TECHNOLOGY_WEIGHTS` (see there).
O*NET's own marks
    ``Not Relevant = Y`` (most raters called the element not relevant; its
    level is then about 0): the link is left out. ``Recommend Suppress = Y``
    (a low-precision estimate): that value becomes missing, never a number,
    and the weight comes from the other scale. Values outside their scale's
    range (``Scales Reference.txt``) also become missing. Each is counted in
    ``metadata["defects"]`` and reported as a
    :class:`~transitions.DataQualityWarning`.
Skill hierarchy
    ``child``/``parent`` edges of the content model (``2.A.1.a`` -> ``2.A.1``
    -> ``2.A`` -> ``2``; commodities -> ``5.F`` Technology Skills), labelled
    from ``Content Model Reference.txt`` in ``skill_groups``.

Attribution (required by the licence): see :data:`ONET_ATTRIBUTION`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError, warn_defect
from ..taxonomy import Taxonomy
from ._cache import cached_taxonomy
from ._onet_files import Defects, OnetSource, check_coverage, read_version
from ._onet_links import (
    DIGITAL_ELEMENTS,
    ESSENTIAL_IMPORTANCE,
    ONET_DOMAINS,
    TECHNOLOGY_WEIGHTS,
    check_rated_domains,
    rated_domain,
    read_scales,
    technology_links,
)
from ._onet_occupations import (
    OPTIONAL_FILES,
    add_alternate_titles,
    add_education,
    add_job_zones,
    read_occupations,
)

__all__ = [
    "load_onet",
    "ONET_ATTRIBUTION",
    "ONET_DOMAINS",
    "DIGITAL_ELEMENTS",
    "ESSENTIAL_IMPORTANCE",
    "TECHNOLOGY_WEIGHTS",
]

ONET_ATTRIBUTION = (
    "O*NET {version} Database by the U.S. Department of Labor, Employment and Training "
    "Administration (USDOL/ETA), used under the CC BY 4.0 license."
)

# Bumped when the importer's output changes for the same input (part of the cache key).
_IMPORTER_VERSION = 2
_DEFAULT_DOMAINS = ("Skills", "Knowledge")
_TECHNOLOGY_UNITS = ("commodity", None)
_TECHNOLOGY_GROUP = "5.F"
_CONTENT_COLUMNS = ("Element ID", "Element Name", "Description")
_OCC_ORDER = ["label_en", "label_nl", "soc_code", "soc2018_code", "altlabels_en", "description_en",
              "job_zone", "education_level", "education_en", "rated"]
_TECH_FIELDS = ["hot_technology", "in_demand", "n_examples", "examples"]
_SKILL_ORDER = (["label_en", "label_nl", "description_en", "skill_type", "domain", "digital",
                 "digcomp"] + _TECH_FIELDS + ["context_scale"])
_REL_ORDER = (["occupation_id", "skill_id", "relation", "weight", "importance", "level",
               "context", "domain"] + _TECH_FIELDS)
_OPTIONAL_COLUMNS = ("context", "context_scale")  # only with Work Context


def _warn_defects(metadata, source):
    """One counted DataQualityWarning per defect kind, at the caller of :func:`load_onet`."""
    for rec in metadata.get("defects", []):
        warn_defect(f"{source.where(rec['file'])}: {rec['count']} {rec['what']}",
                    rec["examples"], stacklevel=4)


def load_onet(path, *, domains=_DEFAULT_DOMAINS, technology="commodity", cache=True,
              data_home=None):
    """Load an O*NET database release (tab-separated text files) as a taxonomy.

    Parameters
    ----------
    path : str or path-like
        The folder with the text files as published (``Occupation Data.txt``,
        ``Skills.txt``, ...) or the official ``db_<version>_text.zip``.
    domains : sequence of str or "all", default=("Skills", "Knowledge")
        The rated domains whose elements become skills; any of
        ``"Skills"``, ``"Knowledge"``, ``"Abilities"``, ``"Work Activities"``,
        ``"Work Context"``. ``"all"`` takes Skills, Knowledge and whichever
        of the others are present.
    technology : {"commodity", None}, default="commodity"
        Add ``Technology Skills.txt`` as digital skills, one per commodity;
        None leaves technology out.
    cache : bool, default=True
        Reuse a cached import keyed by the files' content hashes, and store
        a new one (numpy arrays and JSON, never pickle) in the data home.
    data_home : str or path-like, optional
        Cache folder; see :func:`transitions.datasets.get_data_home`.

    Returns
    -------
    Taxonomy
        Named ``"onet-<version>"``; see the module documentation of
        :mod:`transitions.datasets.onet` for every table and column and the
        rules behind ``relation`` and ``weight``. ``metadata`` holds the
        attribution, version, parameters and ``defects`` (counts).

    Raises
    ------
    DataFormatError
        ``path`` is missing, empty or not an O*NET release; a required file
        (Occupation Data, Content Model Reference, Scales Reference, the
        requested domains, Technology Skills unless ``technology=None``) is
        missing; a column is missing (e.g. renamed); a numeric column holds
        text. The message names the file, column and line.
    InvalidParameterError
        An unknown domain or technology unit.

    Warns
    -----
    DataQualityWarning
        Counted, with examples: links marked Not Relevant (left out),
        suppressed or out-of-range values (made missing), rows naming
        unknown occupations, duplicated rows, absent optional files.

    Examples
    --------
    On a release downloaded from https://www.onetcenter.org/database.html:

    >>> from transitions import load_onet
    >>> tax = load_onet("db_29_3_text")  # doctest: +SKIP
    >>> tax.occupations.loc["15-1252.00", "label_en"]  # doctest: +SKIP
    'Software Developers'

    A tiny made-up release shows the rules: importance >= 3 is essential,
    ``weight = sqrt((IM - 1) / 4 * LV / 7)``, the link that Data Entry Keyers
    rate *Not Relevant* to Computers and Electronics is left out (with a
    warning), and technology In Demand for an occupation is essential:

    >>> import tempfile, warnings
    >>> from transitions.datasets.onet_example import write_example_release
    >>> folder = write_example_release(tempfile.mkdtemp())
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     tax = load_onet(folder, cache=False)
    >>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
    /...Knowledge.txt: 1 occupation-element link(s) marked Not Relevant = Y;
    left out (e.g. 43-9021.00 2.C.3.a)
    >>> tax.occupations.loc["15-1252.00", ["label_en", "job_zone", "education_en", "rated"]]
    label_en        Software Developers
    job_zone                          4
    education_en      Bachelor's Degree
    rated                          True
    Name: 15-1252.00, dtype: object
    >>> tax.relations[["occupation_id", "skill_id", "relation", "weight", "importance", "level"]]
      occupation_id  skill_id   relation    weight  importance  level
    0    15-1252.00   2.A.1.a  essential  0.694365        4.00    4.5
    1    15-1252.00   2.C.3.a  essential  0.858258        4.75    5.5
    2    15-1252.00  43232110   optional  0.150000         NaN    NaN
    3    43-9021.00   2.A.1.a   optional  0.327327        2.50    2.0
    4    43-9021.00  43232110  essential  0.300000         NaN    NaN
    >>> sorted(tax.skills.index[tax.skills["digital"]])
    ['2.C.3.a', '43232110']
    """
    source, files, read, params = _inputs(path, domains, technology)

    def build():
        return _build(source, files, technology)

    tax = cached_taxonomy("onet", source.source_files(read), build, params=params,
                          data_home=data_home, cache=cache)
    _warn_defects(tax.metadata, source)
    return tax


def _inputs(path, domains, technology):
    """What :func:`load_onet` reads: the source, its files, the files read (the cache key's
    sources) and the import parameters."""
    domains = _check_domains(domains)
    if technology not in _TECHNOLOGY_UNITS:
        raise InvalidParameterError(
            f"technology={technology!r} is not valid; choose one of {list(_TECHNOLOGY_UNITS)}"
        )
    source = OnetSource(path)
    files = _check_files(source, domains, technology)
    # The key covers every file the build reads (optional ones only when present,
    # so adding one later gives a new entry) and the parameters that shape the result.
    read = files["required"] + [n for n in [*OPTIONAL_FILES, "Read Me.txt"] if source.has(n)]
    params = {"importer": _IMPORTER_VERSION, "domains": list(files["domains"]),
              "technology": technology}
    return source, files, read, params


def onet_key(path, *, domains=_DEFAULT_DOMAINS, technology="commodity", data_home=None):
    """The content key under which :func:`load_onet` caches the taxonomy of ``path`` (see
    :func:`transitions.datasets.esco.esco_key`)."""
    from ._cache import stored_key

    source, _, read, params = _inputs(path, domains, technology)
    return stored_key("onet", source.source_files(read), params, data_home=data_home)


def _check_domains(domains):
    if isinstance(domains, str):
        if domains == "all":
            return "all"
        domains = (domains,)
    domains = tuple(domains)
    unknown = [d for d in domains if d not in ONET_DOMAINS]
    if unknown or not domains:
        raise InvalidParameterError(
            f"domains={domains!r} is not valid; choose from {list(ONET_DOMAINS)} or 'all'"
        )
    return tuple(d for d in ONET_DOMAINS if d in domains)


def _check_files(source, domains, technology):
    """Resolve ``domains="all"`` and fail early on an empty folder or a missing file."""
    known = (["Occupation Data.txt", "Content Model Reference.txt", "Scales Reference.txt",
              "Technology Skills.txt"] + [f"{d}.txt" for d in ONET_DOMAINS]
             + list(OPTIONAL_FILES))
    if not any(source.has(name) for name in known):
        raise DataFormatError(
            f"{source.path}: holds no O*NET text files; expected 'Occupation Data.txt', "
            f"'Skills.txt', 'Knowledge.txt', ... as in the O*NET database text download"
        )
    if domains == "all":
        domains = tuple(d for d in ONET_DOMAINS
                        if d in _DEFAULT_DOMAINS or source.has(f"{d}.txt"))
    required = ["Occupation Data.txt", "Content Model Reference.txt", "Scales Reference.txt"]
    required += [f"{d}.txt" for d in domains]
    if technology is not None:
        required.append("Technology Skills.txt")
    for name in required:
        if not source.has(name):
            hint = " (or pass technology=None)" if name == "Technology Skills.txt" else ""
            raise DataFormatError(
                f"{source.where(name)}: file not found; load_onet needs {required}{hint}"
            )
    return {"required": required, "domains": domains}


def _build(source, files, technology):
    defects = Defects()
    domains = files["domains"]
    occupations = read_occupations(source, defects)
    occ_ids = occupations.index
    content = source.read("Content Model Reference.txt", _CONTENT_COLUMNS)
    content = content.drop_duplicates("Element ID").set_index("Element ID")
    scales = read_scales(source)

    skills, relations, rated, by_domain = [], [], pd.Index([]), {}
    for domain in domains:
        sk, rel, codes = rated_domain(source, domain, scales, occ_ids, content, defects)
        skills.append(sk)
        relations.append(rel)
        rated = rated.union(codes)
        by_domain[domain] = codes
    check_rated_domains(by_domain, source)
    if technology is not None:
        sk, rel = technology_links(source, occ_ids, defects)
        skills.append(sk)
        relations.append(rel)
    skills = pd.concat(skills)
    skills["label_nl"] = np.nan
    skills["digcomp"] = np.nan  # no principled O*NET -> DigComp mapping
    relations = pd.concat(relations, ignore_index=True)
    # Deterministic order: by occupation, then skills in table order (content-model order).
    relations["_pos"] = skills.index.get_indexer(relations["skill_id"])
    relations = relations.sort_values(["occupation_id", "_pos"], kind="stable")
    relations = relations.drop(columns="_pos").reset_index(drop=True)

    occupations["rated"] = occ_ids.isin(rated)
    add_job_zones(source, occupations, defects)
    add_education(source, occupations, defects)
    add_alternate_titles(source, occupations, defects)
    _check_coverage(source, occupations, relations, rated)

    occupations = occupations[_OCC_ORDER]
    skills = _tidy(skills, _SKILL_ORDER)
    relations = _tidy(relations, _REL_ORDER)
    hierarchy, groups = _skill_hierarchy(skills, content)
    version = read_version(source)
    if version is None:
        defects.report(1, "Read Me.txt", "file missing or without the release number; the "
                       "taxonomy is named 'onet', its version unknown")
    metadata = {
        "source": f"O*NET {version or '(unknown release)'} Database",
        "attribution": ONET_ATTRIBUTION.format(version=version or ""),
        "version": version,
        "domains": list(domains),
        "technology": technology,
        "essential_importance": ESSENTIAL_IMPORTANCE,
        "technology_weights": dict(TECHNOLOGY_WEIGHTS),
        "defects": defects.records,
    }
    return Taxonomy(
        occupations, skills, relations,
        skill_hierarchy=hierarchy, skill_groups=groups,
        name=f"onet-{version}" if version else "onet", metadata=metadata,
    )


def _check_coverage(source, occupations, relations, rated):
    """Files read per occupation cover (nearly) every rated occupation in a whole release."""
    checks = {
        "Job Zones.txt": occupations.index[occupations["job_zone"].notna()],
        "Education, Training, and Experience.txt":
            occupations.index[occupations["education_level"].notna()],
        "Alternate Titles.txt": occupations.index[occupations["altlabels_en"].notna()],
        "Technology Skills.txt":
            relations.loc[relations["domain"] == "Technology Skills", "occupation_id"].unique(),
    }
    for name, covered in checks.items():
        if source.has(name) and (name != "Technology Skills.txt" or len(covered)):
            check_coverage(source, name, covered, rated)


def _tidy(df, order):
    """Columns in ``order`` (absent technology fields as NA) with nullable dtypes."""
    for col in order:
        if col not in df and col not in _OPTIONAL_COLUMNS:
            df[col] = np.nan
    df = df[[c for c in order if c in df]]
    return df.astype({"hot_technology": "boolean", "in_demand": "boolean",
                      "n_examples": "Int64"})


def _skill_hierarchy(skills, content):
    """Content-model edges from every skill up to its domain root, with group labels."""
    edges = []
    tech = skills.index[skills["domain"] == "Technology Skills"]
    edges += [(c, _TECHNOLOGY_GROUP) for c in tech]
    todo = list(skills.index[skills["domain"] != "Technology Skills"])
    if len(tech):
        todo.append(_TECHNOLOGY_GROUP)
    seen = set()
    while todo:  # a few hundred element ids at most: walking them is cheap
        child = todo.pop()
        if child in seen or "." not in child:
            continue
        seen.add(child)
        parent = child.rsplit(".", 1)[0]
        edges.append((child, parent))
        todo.append(parent)
    hierarchy = pd.DataFrame(edges, columns=["child", "parent"])
    hierarchy = hierarchy.sort_values(["parent", "child"], ignore_index=True)
    group_ids = pd.Index(sorted(set(hierarchy["parent"])), name="id")
    groups = pd.DataFrame({
        "label_en": content["Element Name"].reindex(group_ids).to_numpy(),
        "label_nl": np.nan,
        "description_en": content["Description"].reindex(group_ids).to_numpy(),
    }, index=group_ids)
    return hierarchy, groups
