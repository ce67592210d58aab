"""Skills and occupation-skill links from O*NET's rated domains and Technology Skills.

The rules (which links are kept, ``relation``, ``weight``) are documented in
:mod:`transitions.datasets.onet`; this module applies them to the tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import DataFormatError
from ._onet_files import CODE, join_sorted_groups, known_occupations, parse_numbers

__all__ = ["ONET_DOMAINS", "DIGITAL_ELEMENTS", "ESSENTIAL_IMPORTANCE", "TECHNOLOGY_WEIGHTS",
           "read_scales", "rated_domain", "technology_links", "check_rated_domains"]

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
#: the rated elements (median weight about 0.4) because an occupation lists about
#: 14 commodities, many shared by most occupations (spreadsheets, e-mail). In an
#: exploratory check on O*NET 29.3, cosine top-10 neighbours matched its Related
#: Occupations (primary tiers) in 28% of cases with weights 1.0/0.5, in 38% with
#: these, and in 37% with the rated elements alone.
TECHNOLOGY_WEIGHTS = {"essential": 0.3, "optional": 0.15}
_RATING_COLUMNS = (CODE, "Element ID", "Element Name", "Scale ID", "Data Value",
                   "Recommend Suppress", "Not Relevant")
_SCALE_COLUMNS = ("Scale ID", "Minimum", "Maximum")
_TECH_COLUMNS = (CODE, "Example", "Commodity Code", "Commodity Title", "Hot Technology",
                 "In Demand")
_CONTEXT_SCALES = ("CX", "CT")
# The completeness checks compare occupations with each other: meaningful in a release
# (hundreds rated), not in a hand-made example of a few.
_MIN_OCCUPATIONS = 20


def read_scales(source):
    """Minimum and maximum of every scale in ``Scales Reference.txt``, indexed by scale id."""
    name = "Scales Reference.txt"
    where = source.where(name)
    df = source.read(name, _SCALE_COLUMNS)
    lo = parse_numbers(df, "Minimum", where)
    hi = parse_numbers(df, "Maximum", where)
    return pd.DataFrame({"min": lo.to_numpy(), "max": hi.to_numpy()},
                        index=df["Scale ID"]).groupby(level=0).first()


def _check_complete_last(df, where):
    """Every occupation of a published ratings file rates the same elements on each scale;
    when the *last* one rates fewer than the others, the file was cut after it."""
    counts = df.groupby(CODE, sort=False).size()
    if len(counts) < _MIN_OCCUPATIONS:
        return
    usual = counts.iloc[:-1].max()
    if counts.iloc[-1] < usual and (counts.iloc[:-1] == usual).mean() > 0.5:
        raise DataFormatError(
            f"{where}: the last occupation ({counts.index[-1]}) has {counts.iloc[-1]} rating "
            f"rows where the others have {usual}: the file is cut after line {df.index[-1] + 2}; "
            f"download the O*NET release again")


def check_rated_domains(rated, source):
    """Skills, Knowledge (and the others) rate the same occupations in a release; a file
    rating far fewer than another was cut short."""
    most = max((len(codes) for codes in rated.values()), default=0)
    if len(rated) < 2 or most < _MIN_OCCUPATIONS:
        return
    for domain, codes in rated.items():
        if len(codes) < 0.98 * most:
            raise DataFormatError(
                f"{source.where(domain + '.txt')}: rates {len(codes)} occupations where another "
                f"domain of the release rates {most}: the file looks cut short; download the "
                f"O*NET release again")


def rated_domain(source, domain, scales, occ_ids, content, defects):
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
    label = df[CODE] + " " + df["Element ID"] + " " + df["Scale ID"] + "=" + df["Data Value"]
    dup = df.duplicated([CODE, "Element ID", "Scale ID"])
    defects.report(dup, where, "repeated (occupation, element, scale) row(s); the first is kept",
                   label[dup])
    df = known_occupations(df[~dup], occ_ids, where, defects)
    value, label = value[df.index], label[df.index]
    rated_codes = pd.Index(df[CODE].unique())
    _check_complete_last(df, where)

    keys = [CODE, "Element ID"]
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

    keys = [CODE, "Element ID"]
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
    defects.report(bottom, where, "link(s) rated at the bottom of their scale (no weight); "
                   "left out", ids[bottom])
    links = links[~nr & (links["weight"] > 0)].drop(columns="not_relevant").reset_index()
    links = links.rename(columns={CODE: "occupation_id", "Element ID": "skill_id"})
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


def _first_of(frame, columns):
    out = pd.Series(np.nan, index=frame.index)
    for col in columns:
        if col in frame:
            out = out.fillna(frame[col])
    return out


def technology_links(source, occ_ids, defects):
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
    dup = df.duplicated([CODE, "Commodity Code", "Example"])
    defects.report(dup, where, "repeated (occupation, commodity, example) row(s); the first "
                   "is kept", (df[CODE] + " " + df["Example"])[dup])
    df = known_occupations(df[~dup], occ_ids, where, defects)

    # Most widespread products first, so that ``examples`` reads best-known first.
    spread = df.groupby("Example")[CODE].transform("nunique")
    df = df.assign(spread=spread).sort_values(
        [CODE, "Commodity Code", "spread", "Example"], ascending=[True, True, False, True])
    keys = [CODE, "Commodity Code"]
    links = df.groupby(keys, sort=True).agg(
        hot_technology=("hot", "any"), in_demand=("in_demand", "any"),
        n_examples=("Example", "size"),
    )
    links["examples"] = join_sorted_groups(df, keys, "Example")
    links = links.reset_index().rename(columns={CODE: "occupation_id",
                                                "Commodity Code": "skill_id"})
    links["relation"] = np.where(links["in_demand"], "essential", "optional")
    links["weight"] = links["relation"].map(TECHNOLOGY_WEIGHTS)
    links["domain"] = "Technology Skills"

    products = df.sort_values(["Commodity Code", "spread", "Example"],
                              ascending=[True, False, True])
    products = products.drop_duplicates(["Commodity Code", "Example"])
    per = products.groupby("Commodity Code", sort=True)
    skills = per.agg(label_en=("Commodity Title", "first"), n_examples=("Example", "size"))
    skills["hot_technology"] = df.groupby("Commodity Code")["hot"].any()
    skills["examples"] = join_sorted_groups(products, ["Commodity Code"], "Example")
    skills["in_demand"] = df.groupby("Commodity Code")["in_demand"].any()
    top = per.head(5)
    skills["description_en"] = "Software such as " + join_sorted_groups(
        top, ["Commodity Code"], "Example", sep=", ")
    skills["skill_type"] = "technology"
    skills["domain"] = "Technology Skills"
    skills["digital"] = True
    skills.index.name = "id"
    return skills, links
