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
    ``"work context"`` (not learnable skills: code that lists skills to learn
    can keep ``skill_type`` in ``{"skill/competence", "knowledge"}``).
    ``digital`` marks the elements in :data:`DIGITAL_ELEMENTS`. ``digcomp``
    is NA: O*NET has no principled mapping to DigComp.
Skills from Technology Skills
    One skill per UNSPSC *commodity* (``43232110`` "Spreadsheet software"),
    ``skill_type="skill/competence"``, ``digital=True``. The commodity is the
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

from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError, InvalidParameterError, warn_defect
from ..taxonomy import Taxonomy
from ._onet_files import OnetSource, parse_numbers, read_version

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
#: Rated domains the loader can read, and the ``skill_type`` of their elements.
ONET_DOMAINS = {
    "Skills": "skill/competence",
    "Knowledge": "knowledge",
    "Abilities": "ability",
    "Work Activities": "work activity",
    "Work Context": "work context",
}
#: Content-model elements about computers and software (``digital=True``).
DIGITAL_ELEMENTS = {
    "2.B.3.e": "Programming",
    "2.C.3.a": "Computers and Electronics",
    "4.A.3.b.1": "Working with Computers",
    "4.C.1.a.2.h": "E-Mail",
}
#: Importance (IM, 1-5) from which a link is essential: 3 is "Important".
ESSENTIAL_IMPORTANCE = 3.0
#: Weights of technology links, which O*NET does not rate. They are small next to
#: the rated elements (median weight 0.40) because an occupation lists about 14
#: commodities, many shared by most occupations (spreadsheets, e-mail): with
#: weights 1.0/0.5 the cosine top-10 neighbours of O*NET 29.3 matched its
#: Related Occupations (primary tiers) in 28% of cases, with these in 38%,
#: against 37% for the rated elements alone.
TECHNOLOGY_WEIGHTS = {"essential": 0.3, "optional": 0.15}

_DEFAULT_DOMAINS = ("Skills", "Knowledge")
_TECHNOLOGY_UNITS = ("commodity", None)
_TECHNOLOGY_GROUP = "5.F"
_CODE = "O*NET-SOC Code"
_OCC_COLUMNS = (_CODE, "Title", "Description")
_RATING_COLUMNS = (_CODE, "Element ID", "Element Name", "Scale ID", "Data Value",
                   "Recommend Suppress", "Not Relevant")
_CONTENT_COLUMNS = ("Element ID", "Element Name", "Description")
_SCALE_COLUMNS = ("Scale ID", "Minimum", "Maximum")
_TECH_COLUMNS = (_CODE, "Example", "Commodity Code", "Commodity Title", "Hot Technology",
                 "In Demand")
_OPTIONAL_FILES = {
    "Job Zones.txt": (_CODE, "Job Zone"),
    "Education, Training, and Experience.txt": (_CODE, "Element ID", "Scale ID", "Category",
                                                "Data Value", "Recommend Suppress"),
    "Education, Training, and Experience Categories.txt": ("Element ID", "Scale ID", "Category",
                                                           "Category Description"),
    "Alternate Titles.txt": (_CODE, "Alternate Title", "Short Title"),
}
_CONTEXT_SCALES = ("CX", "CT")
_OCC_ORDER = ["label_en", "label_nl", "soc_code", "soc2018_code", "altlabels_en", "description_en",
              "job_zone", "education_level", "education_en", "rated"]
_TECH_FIELDS = ["hot_technology", "in_demand", "n_examples", "examples"]
_SKILL_ORDER = (["label_en", "label_nl", "description_en", "skill_type", "domain", "digital",
                 "digcomp"] + _TECH_FIELDS + ["context_scale"])
_REL_ORDER = (["occupation_id", "skill_id", "relation", "weight", "importance", "level",
               "context", "domain"] + _TECH_FIELDS)
_OPTIONAL_COLUMNS = ("context", "context_scale")  # only with Work Context
_EDUCATION = ("2.D.1", "RL")


class _Defects:
    """Counts recoverable defects per file and kind, with up to three examples each.

    Records name the file only (``"Skills.txt"``), so that a cached import
    moved to another folder reports the current location.
    """

    def __init__(self):
        self.records = []

    def report(self, mask, where, what, examples=()):
        n = int(np.count_nonzero(mask))
        if n:
            self.records.append({"file": Path(where.rsplit("!", 1)[-1]).name, "what": what,
                                 "count": n, "examples": [str(e) for e in list(examples)[:3]]})
        return n


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
        a new one (npz/CSV/JSON, no pickle) in the data home.
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
    >>> print(caught[0].message)
    /...Knowledge.txt: 1 occupation-element link(s) marked Not Relevant = Y; left out (e.g. 43-9021.00 2.C.3.a)
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
    domains = _check_domains(domains)
    if technology not in _TECHNOLOGY_UNITS:
        raise InvalidParameterError(
            f"technology={technology!r} is not valid; choose one of {list(_TECHNOLOGY_UNITS)}"
        )
    source = OnetSource(path)
    files = _check_files(source, domains, technology)
    # ``cache`` and ``data_home`` are wired to the shared content-hash cache
    # (transitions.datasets._cache) once it lands; until then every call builds.
    del cache, data_home
    tax = _build(source, files, domains, technology)
    _warn_defects(tax.metadata, source)
    return tax


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
             + list(_OPTIONAL_FILES))
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


def _build(source, files, domains, technology):
    defects = _Defects()
    domains = files["domains"]
    occupations = _occupations(source, defects)
    occ_ids = occupations.index
    content = source.read("Content Model Reference.txt", _CONTENT_COLUMNS)
    content = content.drop_duplicates("Element ID").set_index("Element ID")
    scales = _scales(source)

    skills, relations, rated = [], [], pd.Index([])
    for domain in domains:
        sk, rel, codes = _rated_domain(source, domain, scales, occ_ids, content, defects)
        skills.append(sk)
        relations.append(rel)
        rated = rated.union(codes)
    if technology is not None:
        sk, rel = _technology(source, occ_ids, defects)
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
    _add_job_zones(source, occupations, defects)
    _add_education(source, occupations, defects)
    _add_alternate_titles(source, occupations, defects)

    occupations = occupations[_OCC_ORDER]
    skills = _tidy(skills, _SKILL_ORDER)
    relations = _tidy(relations, _REL_ORDER)
    hierarchy, groups = _skill_hierarchy(skills, content)
    version = read_version(source)
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


def _tidy(df, order):
    """Columns in ``order`` (absent technology fields as NA) with nullable dtypes."""
    for col in order:
        if col not in df and col not in _OPTIONAL_COLUMNS:
            df[col] = np.nan
    df = df[[c for c in order if c in df]]
    return df.astype({"hot_technology": "boolean", "in_demand": "boolean",
                      "n_examples": "Int64"})


def _occupations(source, defects):
    name = "Occupation Data.txt"
    where = source.where(name)
    df = source.read(name, _OCC_COLUMNS)
    if df.empty:
        raise DataFormatError(f"{where}: no occupations")
    blank = df[_CODE] == ""
    if blank.any():
        raise DataFormatError(f"{where}, column {_CODE!r}, line {int(np.argmax(blank)) + 2}: empty code")
    dup = df.duplicated(_CODE)
    defects.report(dup, where, "repeated occupation code(s); the first row is kept",
                   df.loc[dup, _CODE])
    df = df[~dup]
    occ = pd.DataFrame({
        "label_en": df["Title"].to_numpy(),
        "label_nl": np.nan,
        "soc_code": df[_CODE].to_numpy(),
        "soc2018_code": df[_CODE].str[:7].to_numpy(),
        "description_en": df["Description"].replace("", np.nan).to_numpy(),
    }, index=pd.Index(df[_CODE], name="id"))
    return occ


def _scales(source):
    name = "Scales Reference.txt"
    where = source.where(name)
    df = source.read(name, _SCALE_COLUMNS)
    lo = parse_numbers(df, "Minimum", where)
    hi = parse_numbers(df, "Maximum", where)
    return pd.DataFrame({"min": lo.to_numpy(), "max": hi.to_numpy()},
                        index=df["Scale ID"]).groupby(level=0).first()


def _known_occupations(df, occ_ids, where, defects):
    """Rows naming occupations of ``Occupation Data.txt`` (the others counted and dropped)."""
    unknown = ~df[_CODE].isin(occ_ids)
    defects.report(unknown, where, "row(s) name an occupation missing from Occupation Data.txt; "
                   "left out", df.loc[unknown, _CODE].unique())
    return df[~unknown]


def _rated_domain(source, domain, scales, occ_ids, content, defects):
    """Skills and relations of one rated domain (Skills, Knowledge, ...)."""
    name = f"{domain}.txt"
    where = source.where(name)
    df = source.read(name, _RATING_COLUMNS)
    wanted = _CONTEXT_SCALES if domain == "Work Context" else ("IM", "LV")
    # Work Context also lists the share of respondents per category (CXP, CTP):
    # distributions, not ratings, so only the mean ratings are read.
    df = df[df["Scale ID"].isin(wanted)]
    if df.empty:
        raise DataFormatError(
            f"{where}: no rows with 'Scale ID' in {list(wanted)}; is this the O*NET {domain} file?"
        )
    missing_scales = sorted(set(df["Scale ID"]) - set(scales.index))
    if missing_scales:
        raise DataFormatError(f"{where}: scale(s) {missing_scales} are not in Scales Reference.txt")
    value = parse_numbers(df, "Data Value", where)
    label = df[_CODE] + " " + df["Element ID"] + " " + df["Scale ID"] + "=" + df["Data Value"]
    dup = df.duplicated([_CODE, "Element ID", "Scale ID"])
    defects.report(dup, where, "repeated (occupation, element, scale) row(s); the first is kept",
                   label[dup])
    df = _known_occupations(df[~dup], occ_ids, where, defects)
    value, label = value[df.index], label[df.index]
    rated_codes = pd.Index(df[_CODE].unique())

    keys = [_CODE, "Element ID"]
    # O*NET puts the Not Relevant flag on the level row; it applies to the whole link.
    not_relevant = df["Not Relevant"].eq("Y").groupby([df[k] for k in keys]).transform("any")
    lo = df["Scale ID"].map(scales["min"])
    hi = df["Scale ID"].map(scales["max"])
    outside = value.notna() & ((value < lo) | (value > hi))
    suppressed = df["Recommend Suppress"].eq("Y") & value.notna() & ~outside
    kept = ~not_relevant  # defects of links that are left out anyway are not reported
    defects.report(outside & kept, where, "value(s) outside their scale's range; treated as "
                   "missing", label[outside & kept])
    defects.report(suppressed & kept, where, "estimate(s) marked Recommend Suppress = Y (low "
                   "precision); treated as missing", label[suppressed & kept])
    blank = value.isna() & kept
    defects.report(blank, where, "empty 'Data Value' cell(s); treated as missing", label[blank])
    value = value.mask(outside | suppressed)
    df = df.assign(value=value, norm=(value - lo) / (hi - lo), not_relevant=not_relevant)

    keys = [_CODE, "Element ID"]
    wide = df.set_index(keys + ["Scale ID"])[["value", "norm"]].unstack("Scale ID")
    links = pd.DataFrame(index=wide.index)
    links["not_relevant"] = df.groupby(keys)["not_relevant"].first()
    if domain == "Work Context":
        links["context"] = _first_of(wide["value"], _CONTEXT_SCALES)
        weight = _first_of(wide["norm"], _CONTEXT_SCALES)
        essential = weight >= 0.5
    else:
        links["importance"] = wide["value"].get("IM", np.nan)
        links["level"] = wide["value"].get("LV", np.nan)
        im, lv = wide["norm"].get("IM", np.nan), wide["norm"].get("LV", np.nan)
        weight = np.sqrt(im * lv).fillna(im).fillna(lv)
        essential = links["importance"] >= ESSENTIAL_IMPORTANCE
    links["weight"] = weight
    links["relation"] = np.where(essential, "essential", "optional")
    codes, elements = (links.index.get_level_values(i).to_series(index=links.index)
                       for i in (0, 1))
    ids = codes + " " + elements
    nr = links["not_relevant"]
    defects.report(nr, where, "occupation-element link(s) marked Not Relevant = Y; left out",
                   ids[nr])
    unrated = ~nr & links["weight"].isna()
    defects.report(unrated, where, "link(s) without a usable rating; left out", ids[unrated])
    bottom = ~nr & (links["weight"] <= 0)
    defects.report(bottom, where, "link(s) rated at the bottom of their scale (no weight); left out",
                   ids[bottom])
    links = links[~nr & (links["weight"] > 0)].drop(columns="not_relevant").reset_index()
    links = links.rename(columns={_CODE: "occupation_id", "Element ID": "skill_id"})
    links["domain"] = domain

    names = df.drop_duplicates("Element ID").set_index("Element ID")["Element Name"]
    elements = names.index
    not_in_model = ~elements.isin(content.index)
    defects.report(not_in_model, where, "element id(s) missing from Content Model Reference.txt; "
                   "labelled from this file", elements[not_in_model])
    skills = pd.DataFrame({
        "label_en": content["Element Name"].reindex(elements).fillna(names).to_numpy(),
        "description_en": content["Description"].reindex(elements).to_numpy(),
        "skill_type": ONET_DOMAINS[domain],
        "domain": domain,
        "digital": elements.isin(list(DIGITAL_ELEMENTS)),
    }, index=pd.Index(elements, name="id"))
    if domain == "Work Context":
        scale = df.drop_duplicates("Element ID").set_index("Element ID")["Scale ID"]
        skills["context_scale"] = scale.reindex(elements).to_numpy()
    return skills, links, rated_codes


def _join_sorted_groups(df, keys, column, sep="\n"):
    """``sep``-joined ``column`` per group of ``keys``; ``df`` must be sorted by ``keys``.

    A join per *group* over plain Python strings: pandas' ``agg(sep.join)``
    walks every group through Arrow-backed arrays and is ~20x slower here.
    """
    key = df[keys].to_numpy(object)
    values = df[column].to_numpy(object)
    if len(key) == 0:
        return pd.Series(dtype=object, index=pd.MultiIndex.from_arrays([[]] * len(keys)))
    change = np.ones(len(key), dtype=bool)
    change[1:] = (key[1:] != key[:-1]).any(axis=1)
    starts = np.flatnonzero(change)
    ends = np.append(starts[1:], len(key))
    joined = [sep.join(values[a:b]) for a, b in zip(starts, ends)]
    index = (pd.Index(key[starts, 0], name=keys[0]) if len(keys) == 1
             else pd.MultiIndex.from_arrays([key[starts, i] for i in range(len(keys))], names=keys))
    return pd.Series(joined, index=index, dtype=object)


def _first_of(frame, columns):
    out = pd.Series(np.nan, index=frame.index)
    for col in columns:
        if col in frame:
            out = out.fillna(frame[col])
    return out


def _technology(source, occ_ids, defects):
    """Commodity-level digital skills and their occupation links from Technology Skills.txt."""
    name = "Technology Skills.txt"
    where = source.where(name)
    df = source.read(name, _TECH_COLUMNS)
    code = df["Commodity Code"]
    bad = ~code.str.fullmatch(r"\d+")
    if bad.any():
        row = int(np.argmax(bad.to_numpy()))
        raise DataFormatError(
            f"{where}, column 'Commodity Code', line {row + 2}: {code.iloc[row]!r} is not a "
            f"UNSPSC commodity code (digits)"
        )
    flags = {}
    for col in ("Hot Technology", "In Demand"):
        odd = ~df[col].isin(["Y", "N", ""])
        defects.report(odd, where, f"'{col}' value(s) other than Y/N; read as N",
                       df.loc[odd, col].unique())
        flags[col] = df[col].eq("Y")
    df = df.assign(hot=flags["Hot Technology"], in_demand=flags["In Demand"])
    dup = df.duplicated([_CODE, "Commodity Code", "Example"])
    defects.report(dup, where, "repeated (occupation, commodity, example) row(s); the first is kept",
                   (df[_CODE] + " " + df["Example"])[dup])
    df = _known_occupations(df[~dup], occ_ids, where, defects)

    # Most widespread products first, so that ``examples`` reads best-known first.
    spread = df.groupby("Example")[_CODE].transform("nunique")
    df = df.assign(spread=spread).sort_values(
        [_CODE, "Commodity Code", "spread", "Example"], ascending=[True, True, False, True])
    keys = [_CODE, "Commodity Code"]
    links = df.groupby(keys, sort=True).agg(
        hot_technology=("hot", "any"), in_demand=("in_demand", "any"),
        n_examples=("Example", "size"),
    )
    links["examples"] = _join_sorted_groups(df, keys, "Example")
    links = links.reset_index().rename(columns={_CODE: "occupation_id",
                                                "Commodity Code": "skill_id"})
    links["relation"] = np.where(links["in_demand"], "essential", "optional")
    links["weight"] = links["relation"].map(TECHNOLOGY_WEIGHTS)
    links["domain"] = "Technology Skills"

    products = df.sort_values(["Commodity Code", "spread", "Example"],
                              ascending=[True, False, True])
    products = products.drop_duplicates(["Commodity Code", "Example"])
    per = products.groupby("Commodity Code", sort=True)
    skills = per.agg(
        label_en=("Commodity Title", "first"), hot_technology=("hot", "any"),
        n_examples=("Example", "size"),
    )
    skills["examples"] = _join_sorted_groups(products, ["Commodity Code"], "Example")
    skills["in_demand"] = df.groupby("Commodity Code")["in_demand"].any()
    top = per.head(5)
    skills["description_en"] = "Software such as " + _join_sorted_groups(
        top, ["Commodity Code"], "Example", sep=", ")
    skills["skill_type"] = "skill/competence"
    skills["domain"] = "Technology Skills"
    skills["digital"] = True
    skills.index.name = "id"
    return skills, links


def _add_job_zones(source, occupations, defects):
    table = _optional(source, "Job Zones.txt", "job_zone", defects)
    occupations["job_zone"] = pd.Series(pd.NA, index=occupations.index, dtype="Int64")
    if table is None:
        return
    df, where = table
    zone = parse_numbers(df, "Job Zone", where)
    odd = zone.notna() & ~zone.isin([1, 2, 3, 4, 5])
    defects.report(odd, where, "Job Zone value(s) other than 1-5; left empty",
                   df.loc[odd, _CODE] + "=" + df.loc[odd, "Job Zone"])
    df = df.assign(zone=zone.mask(odd))
    dup = df.duplicated(_CODE)
    defects.report(dup, where, "repeated occupation row(s); the first is kept", df.loc[dup, _CODE])
    df = _known_occupations(df[~dup], occupations.index, where, defects)
    occupations["job_zone"] = df.set_index(_CODE)["zone"].reindex(occupations.index).astype("Int64")


def _add_education(source, occupations, defects):
    occupations["education_level"] = pd.Series(pd.NA, index=occupations.index, dtype="Int64")
    occupations["education_en"] = np.nan
    table = _optional(source, "Education, Training, and Experience.txt",
                      "education_level, education_en", defects)
    if table is None:
        return
    df, where = table
    df = df[(df["Element ID"] == _EDUCATION[0]) & (df["Scale ID"] == _EDUCATION[1])]
    category = parse_numbers(df, "Category", where)
    share = parse_numbers(df, "Data Value", where)
    suppressed = df["Recommend Suppress"].eq("Y") & share.notna()
    defects.report(suppressed, where, "education share(s) marked Recommend Suppress = Y; "
                   "not counted for the most common level",
                   df.loc[suppressed, _CODE] + " category " + df.loc[suppressed, "Category"])
    df = df.assign(category=category, share=share.mask(suppressed))
    df = _known_occupations(df[df["share"].notna() & df["category"].notna()],
                            occupations.index, where, defects)
    # Most common category; ties go to the lower category (a deterministic, cautious choice).
    mode = df.sort_values([_CODE, "share", "category"], ascending=[True, False, True])
    mode = mode.drop_duplicates(_CODE).set_index(_CODE)["category"]
    occupations["education_level"] = mode.reindex(occupations.index).astype("Int64")
    cats = _optional(source, "Education, Training, and Experience Categories.txt",
                     "education_en", defects)
    if cats is None:
        return
    cdf, cwhere = cats
    cdf = cdf[(cdf["Element ID"] == _EDUCATION[0]) & (cdf["Scale ID"] == _EDUCATION[1])]
    labels = pd.Series(
        cdf["Category Description"].str.split(" - ", n=1).str[0].str.strip().to_numpy(),
        index=parse_numbers(cdf, "Category", cwhere).to_numpy(),
    )
    labels = labels[~labels.index.duplicated()]
    occupations["education_en"] = occupations["education_level"].astype(float).map(labels)


def _add_alternate_titles(source, occupations, defects):
    occupations["altlabels_en"] = np.nan
    table = _optional(source, "Alternate Titles.txt", "altlabels_en", defects)
    if table is None:
        return
    df, where = table
    df = _known_occupations(df, occupations.index, where, defects)
    long = df.melt(id_vars=[_CODE], value_vars=["Alternate Title", "Short Title"],
                   value_name="title", ignore_index=False)
    # Keep the file's order (alternate title, then its short form) while melting.
    long = long.reset_index().sort_values(["index", "variable"], kind="stable")
    long = long[long["title"] != ""]
    long = long[long["title"] != long[_CODE].map(occupations["label_en"])]
    long = long.drop_duplicates([_CODE, "title"])
    long = long.sort_values(_CODE, kind="stable")
    occupations["altlabels_en"] = _join_sorted_groups(long, [_CODE], "title").reindex(
        occupations.index)


def _optional(source, name, filled, defects):
    """Read an optional file, or warn that ``filled`` stays empty without it."""
    if not source.has(name):
        defects.report(1, source.where(name), f"file missing; {filled} left empty")
        return None
    return source.read(name, _OPTIONAL_FILES[name]), source.where(name)


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
