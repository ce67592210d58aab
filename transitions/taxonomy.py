"""The taxonomy model: occupations, skills and the occupation x skill incidence.

A :class:`Taxonomy` is the common currency of the library. The importers
(:func:`transitions.load_esco`, :func:`transitions.load_onet`,
:func:`transitions.load_sample`) build one from their sources; the graph, the
labour-market layer and the recommendations read it. It holds plain pandas
tables indexed by the sources' own ids and builds the sparse incidence matrix
from them on demand.

Tables
------
occupations : DataFrame indexed by occupation id
    ``label_en``, ``label_nl`` (NaN where absent), and where known
    ``isco_code`` (ESCO, sample) or ``soc_code`` (O*NET), ``altlabels_en``,
    ``altlabels_nl`` (newline-separated), ``description_en``, ``description_nl``.
skills : DataFrame indexed by skill id
    ``label_en``, ``label_nl``, ``digital`` (bool), ``digcomp`` (DigComp 2.2
    competence code or NA), and where known ``skill_type``, ``reuse_level``,
    ``transversal``, ``language`` (bool), ``digcomp_level`` (1-8), alt labels.
relations : DataFrame with columns ``occupation_id``, ``skill_id``, ``relation``, ``weight``
    ``relation`` is ``"essential"`` or ``"optional"``; ``weight`` is a positive
    float (ESCO: essential 1.0, optional 0.5; O*NET: from importance and level).
    Extra columns (``importance``, ``level``) are kept.
skill_hierarchy, occupation_hierarchy : DataFrame with columns ``child``, ``parent``
    Edges towards broader concepts (skill groups, ISCO groups). Optional.
skill_groups, occupation_groups : DataFrame indexed by group id with ``label_en``, ``label_nl``
    Labels of the hierarchy's inner nodes. Optional.
skill_relations : DataFrame with columns ``skill_id``, ``related_skill_id``, ``relation``
    ESCO's skill-skill relations. Optional.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._i18n import LANGUAGES, check_lang
from .exceptions import (
    DataFormatError,
    InvalidParameterError,
    UnknownOccupationError,
    UnknownSkillError,
)

__all__ = ["Taxonomy", "LANGUAGES", "RELATION_TYPES"]

#: The relation types between an occupation and a skill.
RELATION_TYPES = ("essential", "optional")

_OCC_REQUIRED = ("label_en", "label_nl")
_SKILL_REQUIRED = ("label_en", "label_nl", "digital", "digcomp")
#: Columns an extension may give although the taxonomy it extends lacks them (the documented
#: schema, :mod:`transitions.datasets.extension`), with the type the added column gets.
OPTIONAL_COLUMNS = {
    "occupations": {"isco_code": "string", "soc_code": "string", "brc_code": "string",
                    "altlabels_en": object, "altlabels_nl": object,
                    "description_en": object, "description_nl": object},
    "skills": {"skill_type": object, "reuse_level": object, "transversal": bool,
               "language": bool, "digcomp_level": "Int64", "altlabels_en": object,
               "altlabels_nl": object, "description_en": object, "description_nl": object},
}
_REL_REQUIRED = ("occupation_id", "skill_id", "relation", "weight")
_EDGE_COLUMNS = ("child", "parent")
_INCIDENCE_KINDS = ("weight", "binary", "essential", "optional")


def _require_columns(df, columns, what):
    if not isinstance(df, pd.DataFrame):
        raise DataFormatError(f"{what} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataFormatError(
            f"{what} lacks column(s) {missing}; required: {list(columns)}, "
            f"found: {list(df.columns)}"
        )


def _check_index(df, what):
    if df.index.hasnans:
        raise DataFormatError(f"{what} has an empty id")
    dup = df.index[df.index.duplicated()]
    if len(dup):
        raise DataFormatError(
            f"{what} has {len(dup)} duplicated id(s), e.g. {list(dup[:3])}"
        )


class Taxonomy:
    """Occupations, skills and the weighted links between them.

    Parameters
    ----------
    occupations : pandas.DataFrame
        Indexed by occupation id; see the module docs for the columns.
    skills : pandas.DataFrame
        Indexed by skill id; see the module docs for the columns.
    relations : pandas.DataFrame
        Long table of occupation-skill links with columns ``occupation_id``,
        ``skill_id``, ``relation`` and ``weight``.
    skill_hierarchy, occupation_hierarchy : pandas.DataFrame, optional
        ``child``/``parent`` edges towards broader concepts.
    skill_groups, occupation_groups : pandas.DataFrame, optional
        Labels of the hierarchies' group nodes, indexed by id.
    skill_relations : pandas.DataFrame, optional
        Skill-skill relations (``skill_id``, ``related_skill_id``, ``relation``).
    name : str, default="custom"
        A short name of the source, e.g. ``"esco-1.1.1"``.
    metadata : dict, optional
        Free-form provenance (source files, versions, defect counts).

    Raises
    ------
    DataFormatError
        When a table lacks a required column, ids repeat, a relation points to
        an unknown id, a relation type is unknown or a weight is not a positive
        finite number.

    Examples
    --------
    >>> from transitions import load_sample
    >>> tax = load_sample()
    >>> tax.occupations.loc["occ-bookkeeper", "label_nl"]
    'boekhouder'
    >>> X = tax.incidence()
    >>> X.shape == (len(tax.occupations), len(tax.skills))
    True
    """

    def __init__(
        self,
        occupations,
        skills,
        relations,
        *,
        skill_hierarchy=None,
        occupation_hierarchy=None,
        skill_groups=None,
        occupation_groups=None,
        skill_relations=None,
        name="custom",
        metadata=None,
    ):
        _require_columns(occupations, _OCC_REQUIRED, "occupations")
        _require_columns(skills, _SKILL_REQUIRED, "skills")
        _require_columns(relations, _REL_REQUIRED, "relations")
        _check_index(occupations, "occupations")
        _check_index(skills, "skills")
        occupations = occupations.copy()
        skills = skills.copy()
        occupations.index = occupations.index.astype(str).rename("id")
        skills.index = skills.index.astype(str).rename("id")
        skills["digital"] = skills["digital"].fillna(False).astype(bool)
        for flag in ("transversal", "language"):
            if flag in skills:
                skills[flag] = skills[flag].fillna(False).astype(bool)
        self.occupations = occupations
        self.skills = skills
        self.relations = self._validate_relations(relations)
        self.skill_hierarchy = self._edges(skill_hierarchy, "skill_hierarchy")
        self.occupation_hierarchy = self._edges(occupation_hierarchy, "occupation_hierarchy")
        self.skill_groups = skill_groups if skill_groups is not None else _empty_groups()
        self.occupation_groups = (
            occupation_groups if occupation_groups is not None else _empty_groups()
        )
        self.skill_relations = skill_relations
        self.name = name
        self.metadata = dict(metadata or {})
        self._incidence_cache = {}

    # ------------------------------------------------------------------ validation
    def _validate_relations(self, relations):
        rel = relations.copy()
        rel["occupation_id"] = rel["occupation_id"].astype(str)
        rel["skill_id"] = rel["skill_id"].astype(str)
        # Positions in the (unique) index, not Series.isin: pandas 3's isin on
        # Arrow strings boxes every id in Python and takes ~0.2 s on ESCO.
        occ_pos = _positions(self.occupations.index, rel["occupation_id"])
        bad_occ = occ_pos < 0
        if bad_occ.any():
            ids = rel.loc[bad_occ, "occupation_id"].unique()
            raise DataFormatError(
                f"relations: {bad_occ.sum()} row(s) name {len(ids)} occupation id(s) "
                f"not in occupations, e.g. {list(ids[:3])}"
            )
        skill_pos = _positions(self.skills.index, rel["skill_id"])
        bad_skill = skill_pos < 0
        if bad_skill.any():
            ids = rel.loc[bad_skill, "skill_id"].unique()
            raise DataFormatError(
                f"relations: {bad_skill.sum()} row(s) name {len(ids)} skill id(s) "
                f"not in skills, e.g. {list(ids[:3])}"
            )
        bad_type = ~rel["relation"].isin(RELATION_TYPES)
        if bad_type.any():
            raise DataFormatError(
                f"relations column 'relation': unknown value(s) "
                f"{sorted(rel.loc[bad_type, 'relation'].astype(str).unique())[:5]}; "
                f"valid: {list(RELATION_TYPES)}"
            )
        weight = pd.to_numeric(rel["weight"], errors="coerce")
        bad_w = ~(np.isfinite(weight) & (weight > 0))
        if bad_w.any():
            first = rel.loc[bad_w].iloc[0]
            raise DataFormatError(
                f"relations column 'weight': {bad_w.sum()} value(s) are not positive finite "
                f"numbers, e.g. {first['weight']!r} for ({first['occupation_id']}, "
                f"{first['skill_id']})"
            )
        rel["weight"] = weight.astype(float)
        # Pairs as one integer (positions are known valid here): cheaper than
        # DataFrame.duplicated on two text columns.
        dup = pd.Index(occ_pos.astype(np.int64) * len(self.skills) + skill_pos).duplicated()
        if dup.any():
            pairs = rel.loc[dup, ["occupation_id", "skill_id"]].head(3).values.tolist()
            raise DataFormatError(
                f"relations: {dup.sum()} duplicated (occupation_id, skill_id) pair(s), "
                f"e.g. {pairs}"
            )
        return rel.reset_index(drop=True)

    @staticmethod
    def _edges(edges, what):
        if edges is None:
            return pd.DataFrame({c: pd.Series(dtype=str) for c in _EDGE_COLUMNS})
        _require_columns(edges, _EDGE_COLUMNS, what)
        cycle = hierarchy_cycle(edges)
        if cycle:
            raise DataFormatError(
                f"{what} has a cycle: {' -> '.join(map(str, cycle))}; every chain of broader "
                f"concepts must end at a top concept"
            )
        return edges.reset_index(drop=True)

    # ------------------------------------------------------------------ matrices
    @property
    def occupation_index(self):
        """pandas.Index of occupation ids: the rows of :meth:`incidence`.

        Examples
        --------
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> len(tax.occupation_index) == tax.incidence().shape[0]
        True
        >>> "occ-bookkeeper" in tax.occupation_index
        True
        """
        return self.occupations.index

    @property
    def skill_index(self):
        """pandas.Index of skill ids: the columns of :meth:`incidence`.

        Examples
        --------
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> len(tax.skill_index) == tax.incidence().shape[1]
        True
        >>> tax.skill_index[0]
        'sk-operate-computer'
        """
        return self.skills.index

    def incidence(self, kind="weight"):
        """Occupation x skill matrix as ``scipy.sparse.csr_matrix``.

        Rows follow :attr:`occupation_index`, columns :attr:`skill_index`.

        Parameters
        ----------
        kind : {"weight", "binary", "essential", "optional"}, default="weight"
            ``"weight"``: the relation weights; ``"binary"``: 1 for every link;
            ``"essential"`` / ``"optional"``: 1 for links of that type only.

        Returns
        -------
        scipy.sparse.csr_matrix of float64

        Examples
        --------
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> E = tax.incidence("essential")
        >>> int(E.sum()) == int((tax.relations["relation"] == "essential").sum())
        True
        """
        if kind not in _INCIDENCE_KINDS:
            raise InvalidParameterError(
                f"kind={kind!r} is not valid; choose one of {list(_INCIDENCE_KINDS)}"
            )
        if kind not in self._incidence_cache:
            rel = self.relations
            if kind in RELATION_TYPES:
                rel = rel[rel["relation"] == kind]
            rows = _positions(self.occupation_index, rel["occupation_id"])
            cols = _positions(self.skill_index, rel["skill_id"])
            data = rel["weight"].to_numpy(float) if kind == "weight" else np.ones(len(rel))
            shape = (len(self.occupation_index), len(self.skill_index))
            import scipy.sparse as sp  # here: reading a taxonomy needs no scipy

            mat = sp.csr_matrix((data, (rows, cols)), shape=shape)
            mat.sort_indices()
            self._incidence_cache[kind] = mat
        return self._incidence_cache[kind]

    # ------------------------------------------------------------------ lookups
    def occupation_position(self, ids):
        """Row positions of occupation ``ids``; :class:`UnknownOccupationError` if any is unknown.

        Examples
        --------
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> pos = tax.occupation_position(["occ-bookkeeper", "occ-cashier"])
        >>> tax.occupation_index[pos].tolist()
        ['occ-bookkeeper', 'occ-cashier']
        >>> tax.occupation_position("occ-nope")
        Traceback (most recent call last):
        ...
        transitions.exceptions.UnknownOccupationError: unknown occupation id(s) ['occ-nope'] ...
        """
        ids = [ids] if isinstance(ids, str) else list(ids)
        pos = self.occupation_index.get_indexer(ids)
        if (pos < 0).any():
            unknown = [i for i, p in zip(ids, pos) if p < 0]
            from .lookup import suggest_titles

            raise UnknownOccupationError(
                f"unknown occupation id(s) {unknown[:3]} in taxonomy {self.name!r}; "
                f"use find_occupation() to search by title",
                suggestions=suggest_titles(self, str(unknown[0])),
            )
        return pos

    def skill_position(self, ids):
        """Column positions of skill ``ids``; :class:`UnknownSkillError` if any is unknown.

        Examples
        --------
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> pos = tax.skill_position(["sk-use-spreadsheets", "sk-use-email"])
        >>> tax.skill_index[pos].tolist()
        ['sk-use-spreadsheets', 'sk-use-email']
        """
        ids = [ids] if isinstance(ids, str) else list(ids)
        pos = self.skill_index.get_indexer(ids)
        if (pos < 0).any():
            unknown = [i for i, p in zip(ids, pos) if p < 0]
            raise UnknownSkillError(
                f"unknown skill id(s) {unknown[:3]} in taxonomy {self.name!r} "
                f"({len(self.skill_index)} skills; ids look like {self.skill_index[0]!r})"
            )
        return pos

    def occupation_skills(self, occupation, relation=None):
        """The skills of one occupation as a DataFrame (skill id index, relation, weight, labels).

        Parameters
        ----------
        occupation : str
            Occupation id.
        relation : {"essential", "optional"}, optional
            Keep only links of this type.

        Examples
        --------
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> ess = tax.occupation_skills("occ-bookkeeper", relation="essential")
        >>> bool((ess["relation"] == "essential").all())
        True
        """
        self.occupation_position(occupation)
        if relation is not None and relation not in RELATION_TYPES:
            raise InvalidParameterError(
                f"relation={relation!r} is not valid; choose one of {list(RELATION_TYPES)} or None"
            )
        rel = self.relations[self.relations["occupation_id"] == occupation]
        if relation is not None:
            rel = rel[rel["relation"] == relation]
        out = rel.set_index("skill_id").drop(columns="occupation_id")
        out = out.join(self.skills[["label_en", "label_nl", "digital", "digcomp"]])
        return out.sort_values(["relation", "weight"], ascending=[True, False], kind="stable")

    def label(self, ids, lang="en", kind="occupation"):
        """Labels of ``ids`` in ``lang``, falling back to English where absent.

        Parameters
        ----------
        ids : str or sequence of str
        lang : {"en", "nl"}, default="en"
        kind : {"occupation", "skill"}, default="occupation"

        Returns
        -------
        str or pandas.Series
            A str for one id, else a Series indexed by id.

        Examples
        --------
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> tax.label("occ-bookkeeper", lang="nl")
        'boekhouder'
        >>> tax.label(["sk-use-spreadsheets", "sk-use-email"], kind="skill").tolist()
        ['use spreadsheets', 'use e-mail']
        """
        check_lang(lang)
        table = {"occupation": self.occupations, "skill": self.skills}.get(kind)
        if table is None:
            raise InvalidParameterError(f"kind={kind!r} is not valid; choose 'occupation' or 'skill'")
        single = isinstance(ids, str)
        ids = [ids] if single else list(ids)
        if kind == "occupation":
            self.occupation_position(ids)
        else:
            self.skill_position(ids)
        sub = table.loc[ids]
        labels = sub[f"label_{lang}"].fillna(sub["label_en"])
        return labels.iloc[0] if single else labels

    def find_occupation(self, query, *, lang=None, limit=10, min_score=30.0):
        """Search occupations by title; see :func:`transitions.find_occupation`.

        Examples
        --------
        >>> from transitions import load_sample
        >>> hits = load_sample().find_occupation("boekhouder", limit=3)
        >>> hits.loc[0, "occupation_id"]
        'occ-bookkeeper'
        """
        from .lookup import find_occupation

        return find_occupation(self, query, lang=lang, limit=limit, min_score=min_score)

    def label_coverage(self):
        """Share of occupations and skills with a label per language.

        Returns
        -------
        pandas.DataFrame
            Index ``["occupations", "skills"]``, one column per language.

        Examples
        --------
        >>> from transitions import load_sample
        >>> float(load_sample().label_coverage().loc["occupations", "nl"])
        1.0
        """
        out = {
            lang: [
                float(self.occupations[f"label_{lang}"].notna().mean()),
                float(self.skills[f"label_{lang}"].notna().mean()),
            ]
            for lang in LANGUAGES
        }
        return pd.DataFrame(out, index=["occupations", "skills"])

    def summary(self):
        """Counts of the main tables as a one-column DataFrame (for ``data info``).

        Examples
        --------
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> counts = tax.summary()["value"]
        >>> int(counts["occupations"]) == len(tax.occupations)
        True
        >>> int(counts["relations"]) == int(counts["essential relations"] + counts["optional relations"])
        True
        """
        rel = self.relations["relation"].value_counts()
        rows = {
            "occupations": len(self.occupations),
            "skills": len(self.skills),
            "relations": len(self.relations),
            "essential relations": int(rel.get("essential", 0)),
            "optional relations": int(rel.get("optional", 0)),
            "digital skills": int(self.skills["digital"].sum()),
            "skills with a DigComp code": int(self.skills["digcomp"].notna().sum()),
            "occupations with a Dutch label": int(self.occupations["label_nl"].notna().sum()),
            "skills with a Dutch label": int(self.skills["label_nl"].notna().sum()),
        }
        return pd.DataFrame({"value": rows}).rename_axis(self.name)

    # ------------------------------------------------------------------ extension
    def extend(self, occupations=None, skills=None, relations=None, *, skill_hierarchy=None,
               skill_groups=None, name=None, reference="base"):
        """A new taxonomy with added occupations, skills and occupation-skill links.

        The source tables are not changed. New ids must not exist yet; links
        may join new and existing concepts. Missing label or flag columns are
        filled with NaN / False.

        Parameters
        ----------
        occupations, skills : pandas.DataFrame, optional
            New rows, indexed by id (or with an ``id`` column).
        relations : pandas.DataFrame, optional
            New links; ``weight`` defaults to 1.0 for essential and 0.5 for optional.
        skill_hierarchy : pandas.DataFrame, optional
            New ``child``/``parent`` edges.
        skill_groups : pandas.DataFrame, optional
            Labels of new skill groups, indexed by id.
        name : str, optional
            Name of the result; default ``"<name>+extended"``.
        reference : {"base", "all"}, default="base"
            Which occupations describe the population when the graph is built: how
            specific a skill is (IDF), how similar two occupation groups are, who an
            occupation's nearest neighbours are. ``"base"``: this taxonomy's occupations,
            so the extension adds destinations without moving any score between the
            existing occupations (see the notes). ``"all"``: every occupation, new ones
            included, as if the extension had always been part of the taxonomy.

        Returns
        -------
        Taxonomy

        Raises
        ------
        DataFormatError
            A new id already exists or repeats, a link names an unknown id, or a column
            is neither the taxonomy's nor in the documented schema
            (:data:`OPTIONAL_COLUMNS`, e.g. ``digcomp_level``, which the taxonomy gains).

        Notes
        -----
        Adding occupations shifts other results through the population statistics.
        With ``reference="all"`` every skill's IDF weight changes (the number of
        occupations grows, and the new occupations' skills become more common), so do
        the affinities of the new occupations' groups and the neighbour lists that
        smoothing uses; on full ESCO one occupation with three new skills moves
        similarities between existing occupations by up to 0.04 and can reorder
        near-ties in a worker's options (``docs/extending.md`` has the measured
        figures). With the default ``reference="base"`` those statistics are those of
        this taxonomy, and scores between its occupations stay exactly as they were;
        only links the extension adds to existing occupations change their scores. The
        added occupations are scored on skills alone (no group prior, no neighbour
        smoothing: they have no population of their own to back them).

        Examples
        --------
        >>> import pandas as pd
        >>> from transitions import load_sample
        >>> tax = load_sample()
        >>> new_skill = pd.DataFrame({"label_en": ["use generative AI for bookkeeping"],
        ...                           "label_nl": ["generatieve AI inzetten in de boekhouding"],
        ...                           "digital": [True], "digcomp": ["3.1"]},
        ...                          index=["sk-genai-bookkeeping"])
        >>> links = pd.DataFrame({"occupation_id": ["occ-bookkeeper"],
        ...                       "skill_id": ["sk-genai-bookkeeping"], "relation": ["optional"]})
        >>> bigger = tax.extend(skills=new_skill, relations=links)
        >>> len(bigger.skills) - len(tax.skills)
        1
        """
        group_edges = None
        if skills is not None and "group" in getattr(skills, "columns", ()):
            # a new skill's group (the CSV schema's column) is an edge of the skill hierarchy
            skills = skills.set_index("id") if "id" in skills.columns else skills
            g = skills["group"].dropna()
            group_edges = pd.DataFrame({"child": g.index.astype(str), "parent": g.astype(str)})
            skills = skills.drop(columns="group")
            skill_hierarchy = group_edges if skill_hierarchy is None else pd.concat(
                [skill_hierarchy, group_edges], ignore_index=True).drop_duplicates()
        if reference not in ("base", "all"):
            raise InvalidParameterError(f"reference={reference!r} is not valid; choose 'base' "
                                        f"or 'all'")
        occ = self._append(self.occupations, occupations, "occupations", _OCC_REQUIRED)
        skl = self._append(self.skills, skills, "skills", _SKILL_REQUIRED)
        rel = self.relations
        if relations is not None:
            _require_columns(relations, ("occupation_id", "skill_id", "relation"), "relations")
            new = relations.copy()
            if "weight" not in new:
                new["weight"] = new["relation"].map({"essential": 1.0, "optional": 0.5})
            rel = pd.concat([rel, new], ignore_index=True)
        groups = self.skill_groups
        if skill_groups is not None:
            groups = pd.concat([groups, skill_groups.reindex(columns=groups.columns)])
            groups = groups[~groups.index.duplicated(keep="first")]
        hier = self.skill_hierarchy
        if skill_hierarchy is not None:
            _require_columns(skill_hierarchy, _EDGE_COLUMNS, "skill_hierarchy")
            new_edges = skill_hierarchy[list(_EDGE_COLUMNS)]
            _check_known_nodes(new_edges, skl.index, groups.index, hier)
            hier = pd.concat([hier, new_edges], ignore_index=True)
        meta = dict(self.metadata, extended_from=self.name)
        if reference == "base":
            meta.setdefault("reference_occupations", len(self.occupations))
        else:
            meta.pop("reference_occupations", None)
        out = Taxonomy(
            occ, skl, rel,
            skill_hierarchy=hier,
            occupation_hierarchy=self.occupation_hierarchy,
            skill_groups=groups,
            occupation_groups=self.occupation_groups,
            skill_relations=self.skill_relations,
            name=name or f"{self.name}+extended",
            metadata=meta,
        )
        base_key = getattr(self, "_content_key", None)
        if base_key is not None:
            # stored derived data (title indexes) of the result are keyed on what it is made of
            from ._hashing import content_key, frame_digest

            added = [None if t is None else frame_digest(t)
                     for t in (occupations, skills, relations, skill_hierarchy, skill_groups)]
            out._content_key = content_key("extend", base_key, added, reference)
        return out

    @staticmethod
    def _append(base, new, what, required):
        if new is None:
            return base
        if not isinstance(new, pd.DataFrame):
            raise DataFormatError(f"{what} must be a pandas DataFrame, got {type(new).__name__}")
        if "id" in new.columns:
            new = new.set_index("id")
        new = new.copy()
        new.index = new.index.astype(str)
        _check_index(new, f"new {what}")
        clash = new.index.intersection(base.index)
        if len(clash):
            raise DataFormatError(
                f"new {what}: {len(clash)} id(s) already exist in the taxonomy, e.g. {list(clash[:3])}"
            )
        for col in required:
            if col not in new:
                new[col] = False if col == "digital" else np.nan
        optional = OPTIONAL_COLUMNS.get(what, {})
        unknown_cols = [c for c in new.columns if c not in base.columns and c not in optional]
        if unknown_cols:
            valid = list(dict.fromkeys([*base.columns, *optional]))
            raise DataFormatError(
                f"new {what}: unknown column(s) {unknown_cols}; valid: {valid}"
            )
        base = base.copy(deep=False)
        for col in new.columns:
            if col not in base.columns:     # documented, but the base taxonomy lacks it
                kind = optional[col]
                base[col] = (False if kind is bool
                             else pd.Series(pd.NA, index=base.index, dtype=kind))
        for col in base.columns:
            if col in new.columns and str(base[col].dtype) == "Int64":
                new[col] = pd.to_numeric(new[col], errors="coerce").astype("Int64")
        return pd.concat([base, new])

    def __repr__(self):
        return (
            f"Taxonomy(name={self.name!r}, occupations={len(self.occupations)}, "
            f"skills={len(self.skills)}, relations={len(self.relations)})"
        )


def _check_known_nodes(edges, skills, groups, hierarchy):
    """New hierarchy edges may only join skills and skill groups that exist (old or new)."""
    known = pd.Index(skills).append(pd.Index(groups)).append(pd.Index(hierarchy["child"]))
    known = known.append(pd.Index(hierarchy["parent"])).astype(str).unique()
    for col in _EDGE_COLUMNS:
        values = edges[col].astype(str)
        unknown = values[~values.isin(known)].unique()
        if len(unknown):
            raise DataFormatError(
                f"skill_hierarchy column {col!r}: {len(unknown)} id(s) that are neither skills "
                f"nor skill groups of the taxonomy or the extension, e.g. {list(unknown[:3])}; "
                f"add them to skills or skill_groups"
            )


def hierarchy_cycle(edges):
    """One cycle of ``child -> parent`` edges as a list of ids (first repeated at the end), or None.

    Leaves (concepts that are no one's parent) are peeled off level by level,
    vectorised; whatever survives lies on or above a cycle, where networkx
    finds one to name.

    Examples
    --------
    >>> import pandas as pd
    >>> hierarchy_cycle(pd.DataFrame({"child": ["a", "b"], "parent": ["b", "c"]})) is None
    True
    >>> hierarchy_cycle(pd.DataFrame({"child": ["a", "b", "c"], "parent": ["b", "c", "b"]}))
    ['b', 'c', 'b']
    """
    n = len(edges)
    if n == 0:
        return None
    codes, uniques = pd.factorize(np.concatenate([np.asarray(edges["child"], dtype=object),
                                                  np.asarray(edges["parent"], dtype=object)]))
    child, parent = codes[:n], codes[n:]
    ok = (child >= 0) & (parent >= 0)  # an edge with a missing end cannot close a cycle
    child, parent = child[ok], parent[ok]
    alive = np.ones(len(child), dtype=bool)
    while alive.any():
        has_children = np.bincount(parent[alive], minlength=len(uniques)) > 0
        leaf_edges = alive & ~has_children[child]
        if not leaf_edges.any():
            break
        alive &= ~leaf_edges
    if not alive.any():
        return None
    import networkx as nx

    graph = nx.DiGraph(zip(child[alive].tolist(), parent[alive].tolist()))
    cycle = [u for u, _ in nx.find_cycle(graph)]
    return [uniques[i] for i in cycle + cycle[:1]]


def _positions(index, values):
    """``index.get_indexer(values)`` for a unique index and many repeated values.

    With pandas 3's Arrow-backed strings, looking up the distinct values once and
    spreading the result is about three times faster than ``get_indexer`` on
    100k+ relation rows; other dtypes take the direct route.
    """
    dtype = getattr(values, "dtype", None)
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return index.get_indexer(values)
    codes, uniques = pd.factorize(values)
    pos = index.get_indexer(uniques)
    return np.where(codes < 0, -1, pos[codes] if len(pos) else codes)


def _empty_groups():
    return pd.DataFrame(
        {"label_en": pd.Series(dtype=object), "label_nl": pd.Series(dtype=object)}
    ).rename_axis("id")
