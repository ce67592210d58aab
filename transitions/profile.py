"""A worker's profile: current occupation, skills, digital self-assessment, wage and wishes.

A :class:`WorkerProfile` is what an advisor knows about one worker. It is
personal data: the library keeps it in memory and writes it nowhere unless
the caller asks (:meth:`WorkerProfile.to_json`, :meth:`WorkerProfile.to_yaml`).

Which skills a worker is taken to have
--------------------------------------
1. the skills of their current occupation in the taxonomy (essential and,
   by default, optional ones);
2. for every DigComp competence they rated (directly or through its area),
   the skills tagged with that competence are held exactly when the rated
   level reaches the skill's ``digcomp_level`` (:data:`DEFAULT_DIGCOMP_LEVEL`
   where the taxonomy gives none): the self-assessment is more specific than
   the occupation's typical profile, so it can add and remove digital skills.
   Skills tagged with a whole area follow the area's level
   (:func:`transitions.digcomp.unit_levels`: its own rating, else the lowest
   of its rated competences);
3. plus ``skills`` (held beyond the occupation's), minus ``lacking``.
"""

from __future__ import annotations

import json
import math
import numbers
import weakref
from pathlib import Path

import numpy as np
import pandas as pd

from ._validation import (
    MAX_ID_LENGTH,
    MAX_LIST_LENGTH,
    MAX_PROFILE_BYTES,
    MAX_TITLE_LENGTH,
    check_text,
    load_json,
    load_yaml,
    shown,
)
from .digcomp import UNIT_CODES, competence_levels, parse_digcomp_assessment, unit_levels
from .exceptions import (
    DataFormatError,
    InvalidParameterError,
    UnknownOccupationError,
    UnknownSkillError,
)

__all__ = ["WorkerProfile", "as_profile", "resolve_occupation", "DEFAULT_DIGCOMP_LEVEL"]

#: DigComp level assumed for a skill tagged with a competence but no level
#: (ESCO gives none): 4, the upper intermediate level ("independent, for
#: well-defined and non-routine problems"), what a workplace typically asks.
DEFAULT_DIGCOMP_LEVEL = 4
#: Largest number of steps a switch path may have.
MAX_STEPS_LIMIT = 3

_FIELDS = ("occupation", "skills", "lacking", "digcomp", "wage", "min_wage_ratio",
           "exclude_at_risk", "max_steps", "exclude", "profile_id")


def _id_tuple(values, what):
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple, set, frozenset, np.ndarray, pd.Index, pd.Series)):
        raise InvalidParameterError(f"{what} must be a list of ids, got {type(values).__name__}")
    values = list(values)
    if len(values) > MAX_LIST_LENGTH:
        raise InvalidParameterError(
            f"{what} lists {len(values):,} ids; at most {MAX_LIST_LENGTH:,} are accepted")
    for i, v in enumerate(values):
        if not isinstance(v, (str, numbers.Integral)) or isinstance(v, bool):
            raise InvalidParameterError(f"{what}[{i}] must be an id (text), got {shown(v)}")
    out = tuple(dict.fromkeys(check_text(str(v), f"{what}[{i}]", max_length=MAX_ID_LENGTH)
                              if str(v).strip() else "" for i, v in enumerate(values)))
    if any(not v for v in out):
        raise InvalidParameterError(f"{what} contains an empty id")
    return out


def _check_wage(wage):
    if wage is None:
        return None
    if isinstance(wage, bool) or not isinstance(wage, numbers.Real):
        raise InvalidParameterError(
            f"wage must be a gross hourly wage (a positive number) or None, got {wage!r}"
        )
    wage = float(wage)
    if math.isnan(wage) or math.isinf(wage) or wage <= 0:
        raise InvalidParameterError(
            f"wage must be a positive, finite gross hourly wage (or None to use the "
            f"occupation's median), got {wage!r}"
        )
    return wage


class WorkerProfile:
    """What is known about one worker: occupation, skills, digital level, wage, constraints.

    Parameters
    ----------
    occupation : str
        The current occupation: an id of the taxonomy, an ISCO-08 or SOC code,
        or a Dutch or English title (exact preferred or alternative label;
        :func:`transitions.find_occupation` helps with inexact titles).
    skills : list of str, optional
        Skills the worker has beyond their occupation's: ids or exact Dutch or
        English names (resolved by :meth:`resolve`).
    lacking : list of str, optional
        Skills of their occupation they do not have (ids or exact names).
    digcomp : dict, optional
        Self-assessed DigComp 2.2 levels (1-8) per competence (``"3.4"``) or
        area (``"3"``); a competence's own rating wins over its area's.
    wage : float, optional
        Current gross hourly wage, in the labour market's currency (euros for the Dutch
        data, dollars for the US data); by default the occupation's median.
    min_wage_ratio : float, default=1.0
        Smallest acceptable destination wage as a share of the current one
        (1.0: salary-neutral; 0.95 accepts 5% less).
    exclude_at_risk : bool, default=True
        Leave out destinations that are themselves at risk.
    max_steps : int, default=3
        Largest number of steps in a switch path (1: direct switches only).
    exclude : list of str, optional
        Occupation ids not to propose (e.g. tried before).
    profile_id : str or int, optional
        The caller's reference for the profile (kept in batch results).

    Raises
    ------
    InvalidParameterError
        A DigComp code that does not exist or a level outside 1-8, a negative,
        zero or NaN wage, a skill both held and lacking, or a bad constraint.

    Notes
    -----
    Occupation and skill ids are checked against a taxonomy by
    :meth:`resolve` (called by the recommendations): an unknown occupation
    raises :class:`~transitions.UnknownOccupationError` with the closest
    titles as ``suggestions``, unknown skills :class:`~transitions.UnknownSkillError`.

    Examples
    --------
    >>> from transitions import WorkerProfile, load_sample
    >>> p = WorkerProfile("boekhouder", digcomp={"1": 3, "3.4": 2}, wage=21.0)
    >>> p.resolve(load_sample()).occupation
    'occ-bookkeeper'
    >>> WorkerProfile.from_dict(p.to_dict()) == p
    True
    """

    __slots__ = tuple(f"_{f}" for f in _FIELDS)

    def __init__(self, occupation, *, skills=(), lacking=(), digcomp=None, wage=None,
                 min_wage_ratio=1.0, exclude_at_risk=True, max_steps=MAX_STEPS_LIMIT,
                 exclude=(), profile_id=None):
        if not isinstance(occupation, str) or not occupation.strip():
            raise InvalidParameterError(
                f"occupation must be a non-empty id, code or title, got {shown(occupation)}"
            )
        self._occupation = check_text(occupation, "occupation", max_length=MAX_TITLE_LENGTH)
        self._skills = _id_tuple(skills, "skills")
        self._lacking = _id_tuple(lacking, "lacking")
        both = sorted(set(self._skills) & set(self._lacking))
        if both:
            raise InvalidParameterError(f"skill(s) {both[:3]} are listed both in skills and lacking")
        self._digcomp = tuple(parse_digcomp_assessment(digcomp).items())
        self._wage = _check_wage(wage)
        if (isinstance(min_wage_ratio, bool) or not isinstance(min_wage_ratio, numbers.Real)
                or not math.isfinite(min_wage_ratio) or min_wage_ratio <= 0):
            raise InvalidParameterError(
                f"min_wage_ratio must be a positive number (1.0 = salary-neutral), "
                f"got {min_wage_ratio!r}"
            )
        self._min_wage_ratio = float(min_wage_ratio)
        if not isinstance(exclude_at_risk, (bool, np.bool_)):
            raise InvalidParameterError(f"exclude_at_risk must be True or False, got {exclude_at_risk!r}")
        self._exclude_at_risk = bool(exclude_at_risk)
        if (isinstance(max_steps, bool) or not isinstance(max_steps, numbers.Integral)
                or not 1 <= max_steps <= MAX_STEPS_LIMIT):
            raise InvalidParameterError(
                f"max_steps must be an integer from 1 to {MAX_STEPS_LIMIT}, got {max_steps!r}"
            )
        self._max_steps = int(max_steps)
        self._exclude = _id_tuple(exclude, "exclude")
        # Kept as given when JSON-friendly (str or int), so batch results join back to the caseload.
        if isinstance(profile_id, str) and len(profile_id) > MAX_ID_LENGTH:
            raise InvalidParameterError(
                f"profile_id is {len(profile_id)} characters long; at most {MAX_ID_LENGTH}")
        if profile_id is None or isinstance(profile_id, str):
            self._profile_id = profile_id
        elif isinstance(profile_id, numbers.Integral) and not isinstance(profile_id, bool):
            self._profile_id = int(profile_id)
        else:
            self._profile_id = str(profile_id)

    # ------------------------------------------------------------------ attributes
    occupation = property(lambda self: self._occupation, doc="Occupation id, code or title.")
    skills = property(lambda self: self._skills, doc="Extra skill ids (tuple).")
    lacking = property(lambda self: self._lacking, doc="Skill ids the worker lacks (tuple).")
    wage = property(lambda self: self._wage,
                    doc="Gross hourly wage (the labour market's currency), or None.")
    min_wage_ratio = property(lambda self: self._min_wage_ratio, doc="Wage floor as a ratio.")
    exclude_at_risk = property(lambda self: self._exclude_at_risk, doc="Skip at-risk destinations.")
    max_steps = property(lambda self: self._max_steps, doc="Largest number of path steps.")
    exclude = property(lambda self: self._exclude, doc="Occupation ids not to propose (tuple).")
    profile_id = property(lambda self: self._profile_id, doc="The caller's reference, or None.")

    @property
    def digcomp(self):
        """Self-assessment as ``{code: level}`` (a copy).

        Examples
        --------
        >>> from transitions import WorkerProfile
        >>> WorkerProfile("boekhouder", digcomp={"1": 3, "3.4": 2}).digcomp
        {'1': 3, '3.4': 2}
        """
        return dict(self._digcomp)

    def competence_levels(self):
        """Self-assessed level per DigComp competence, areas spread over their competences.

        Returns
        -------
        dict of str to int
            ``{competence code: level}``; a competence's own rating wins over
            its area's.

        Examples
        --------
        >>> from transitions import WorkerProfile
        >>> WorkerProfile("boekhouder", digcomp={"1": 3, "3.4": 2}).competence_levels()
        {'1.1': 3, '1.2': 3, '1.3': 3, '3.4': 2}
        """
        return competence_levels(dict(self._digcomp))

    def unit_levels(self):
        """Self-assessed level per competence and area (:func:`transitions.digcomp.unit_levels`).

        Examples
        --------
        >>> from transitions import WorkerProfile
        >>> levels = WorkerProfile("boekhouder", digcomp={"1": 3, "3.4": 2}).unit_levels()
        >>> levels["1.2"], levels["1"], levels["3"]
        (3, 3, 2)
        """
        return unit_levels(dict(self._digcomp))

    # ------------------------------------------------------------------ value semantics
    def to_dict(self):
        """The profile as a plain, JSON-ready dict (personal data: store it with care).

        Examples
        --------
        >>> from transitions import WorkerProfile
        >>> d = WorkerProfile("boekhouder", wage=21.0).to_dict()
        >>> d["occupation"], d["wage"], d["max_steps"]
        ('boekhouder', 21.0, 3)
        """
        return {
            "occupation": self._occupation,
            "skills": list(self._skills),
            "lacking": list(self._lacking),
            "digcomp": dict(self._digcomp),
            "wage": self._wage,
            "min_wage_ratio": self._min_wage_ratio,
            "exclude_at_risk": self._exclude_at_risk,
            "max_steps": self._max_steps,
            "exclude": list(self._exclude),
            "profile_id": self._profile_id,
        }

    @classmethod
    def from_dict(cls, data):
        """A profile from :meth:`to_dict` output; unknown keys raise :class:`InvalidParameterError`.

        Missing keys take their defaults; ``occupation`` is required.

        Examples
        --------
        >>> from transitions import WorkerProfile
        >>> WorkerProfile.from_dict({"occupation": "boekhouder", "min_wage_ratio": 0.95})
        WorkerProfile('boekhouder', min_wage_ratio=0.95)
        """
        if not isinstance(data, dict):
            raise InvalidParameterError(f"a profile must be a dict, got {type(data).__name__}")
        unknown = sorted(set(data) - set(_FIELDS))
        if unknown:
            raise InvalidParameterError(f"unknown profile field(s) {unknown}; valid: {list(_FIELDS)}")
        if "occupation" not in data:
            raise InvalidParameterError("a profile needs an 'occupation'")
        kwargs = {k: v for k, v in data.items() if k != "occupation"}
        return cls(data["occupation"], **kwargs)

    def replace(self, **changes):
        """A copy with some fields changed, e.g. ``p.replace(min_wage_ratio=0.95)``.

        The changed profile is checked like a new one.

        Examples
        --------
        >>> from transitions import WorkerProfile
        >>> p = WorkerProfile("boekhouder", digcomp={"1": 3})
        >>> p.replace(max_steps=1, exclude=["occ-cashier"])
        WorkerProfile('boekhouder', digcomp={'1': 3}, max_steps=1, exclude=['occ-cashier'])
        >>> p.max_steps
        3
        """
        data = self.to_dict()
        data.update(changes)
        return type(self).from_dict(data)

    def __eq__(self, other):
        if not isinstance(other, WorkerProfile):
            return NotImplemented
        return all(getattr(self, s) == getattr(other, s) for s in self.__slots__)

    def __hash__(self):
        return hash(tuple(getattr(self, s) for s in self.__slots__))

    def __repr__(self):
        parts = [repr(self._occupation)]
        defaults = WorkerProfile("x").to_dict()
        for key, value in self.to_dict().items():
            if key != "occupation" and value != defaults[key]:
                parts.append(f"{key}={value!r}")
        return f"WorkerProfile({', '.join(parts)})"

    # ------------------------------------------------------------------ files (only on request)
    def to_json(self, path):
        """Write the profile to a JSON file (atomically). Nothing is written unless called.

        Examples
        --------
        >>> import json, tempfile, pathlib
        >>> from transitions import WorkerProfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp) / "profile.json"
        ...     WorkerProfile("boekhouder", wage=21.0).to_json(path)
        ...     json.loads(path.read_text(encoding="utf-8"))["wage"]
        21.0
        """
        from ._files import atomic_write_text

        atomic_write_text(path, json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n")

    @classmethod
    def from_json(cls, path):
        """Read a profile written by :meth:`to_json`.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from transitions import WorkerProfile
        >>> p = WorkerProfile("boekhouder", skills=["sk-sql"], digcomp={"3.4": 2})
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     p.to_json(pathlib.Path(tmp) / "profile.json")
        ...     WorkerProfile.from_json(pathlib.Path(tmp) / "profile.json") == p
        True
        """
        return cls.from_dict(read_profile_file(path, "json"))

    def to_yaml(self, path):
        """Write the profile to a YAML file (needs PyYAML).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from transitions import WorkerProfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp) / "profile.yaml"
        ...     WorkerProfile("boekhouder", wage=21.0).to_yaml(path)
        ...     path.read_text(encoding="utf-8").splitlines()[0]
        'occupation: boekhouder'
        """
        yaml = _yaml()
        from ._files import atomic_write_text

        atomic_write_text(path, yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False))

    @classmethod
    def from_yaml(cls, path):
        """Read a profile written by :meth:`to_yaml` (needs PyYAML).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from transitions import WorkerProfile
        >>> p = WorkerProfile("boekhouder", lacking=["sk-use-spreadsheets"], max_steps=2)
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     p.to_yaml(pathlib.Path(tmp) / "profile.yaml")
        ...     WorkerProfile.from_yaml(pathlib.Path(tmp) / "profile.yaml") == p
        True
        """
        return cls.from_dict(read_profile_file(path, "yaml"))

    # ------------------------------------------------------------------ against a taxonomy
    def resolve(self, taxonomy):
        """This profile with its occupation and skills resolved to ids of ``taxonomy``.

        Skills may be given by id or by their exact Dutch or English name ("SQL",
        "software voor spreadsheets gebruiken"; :func:`transitions.skill_lookup.resolve_skill`).
        Checks every excluded occupation id as well.

        Raises
        ------
        UnknownOccupationError
            The occupation (with ``suggestions``) or an excluded id is unknown.
        UnknownSkillError
            A skill in ``skills`` or ``lacking`` is unknown (the message lists the
            closest skills) or its name is shared by several skills (it lists them).

        Examples
        --------
        >>> from transitions import WorkerProfile, load_sample
        >>> WorkerProfile("boekhouder", skills=["SQL"]).resolve(load_sample())
        WorkerProfile('occ-bookkeeper', skills=['sk-sql'])
        """
        occ = resolve_occupation(taxonomy, self._occupation)
        resolved = self.with_skill_ids(taxonomy)
        return resolved if occ == resolved.occupation else resolved.replace(occupation=occ)

    def with_skill_ids(self, taxonomy):
        """This profile with skills given by name replaced by their ids in ``taxonomy``
        (itself when all are ids); the excluded occupations are checked too.

        Raises
        ------
        UnknownSkillError, UnknownOccupationError

        Examples
        --------
        The occupation stays as given (:meth:`resolve` resolves it too):

        >>> from transitions import WorkerProfile, load_sample
        >>> p = WorkerProfile("boekhouder", skills=["SQL", "sk-use-email"])
        >>> p.with_skill_ids(load_sample())
        WorkerProfile('boekhouder', skills=['sk-sql', 'sk-use-email'])
        """
        from .skill_lookup import resolve_skills

        skills = list(resolve_skills(taxonomy, self._skills, "profile skills"))
        lacking = list(resolve_skills(taxonomy, self._lacking, "profile lacking"))
        changes = {k: v for k, v, old in (("skills", skills, list(self._skills)),
                                          ("lacking", lacking, list(self._lacking)))
                   if v != old}
        resolved = self.replace(**changes) if changes else self
        resolved.check_ids(taxonomy)
        return resolved

    def check_ids(self, taxonomy):
        """Check the skill ids and the excluded occupation ids against ``taxonomy``.

        Raises
        ------
        UnknownSkillError, UnknownOccupationError

        Examples
        --------
        >>> from transitions import UnknownOccupationError, WorkerProfile, load_sample
        >>> tax = load_sample()
        >>> WorkerProfile("boekhouder", skills=["sk-sql"]).check_ids(tax)  # no error: all known
        >>> try:
        ...     WorkerProfile("boekhouder", exclude=["occ-kassier"]).check_ids(tax)
        ... except UnknownOccupationError as e:
        ...     print(str(e).split(" in ")[0])
        profile exclude: unknown occupation id(s) ['occ-kassier']
        """
        for what, ids in (("skills", self._skills), ("lacking", self._lacking)):
            if ids:
                pos = taxonomy.skill_index.get_indexer(list(ids))
                if (pos < 0).any():
                    bad = [i for i, p in zip(ids, pos) if p < 0]
                    raise UnknownSkillError(
                        f"profile {what}: unknown skill id(s) {bad[:3]} in taxonomy "
                        f"{taxonomy.name!r} (ids look like {taxonomy.skill_index[0]!r})"
                    )
        if self._exclude:
            pos = taxonomy.occupation_index.get_indexer(list(self._exclude))
            if (pos < 0).any():
                bad = [i for i, p in zip(self._exclude, pos) if p < 0]
                raise UnknownOccupationError(
                    f"profile exclude: unknown occupation id(s) {bad[:3]} in taxonomy "
                    f"{taxonomy.name!r}",
                    suggestions=_suggest(taxonomy, bad[0]),
                )

    def skill_set(self, taxonomy, *, optional_held=True):
        """The skill ids the worker is taken to have (see the module docs).

        Parameters
        ----------
        taxonomy : Taxonomy
        optional_held : bool, default=True
            Count the occupation's optional skills as held.

        Returns
        -------
        pandas.Index
            Skill ids in taxonomy order.

        Examples
        --------
        >>> from transitions import WorkerProfile, load_sample
        >>> tax = load_sample()
        >>> p = WorkerProfile("occ-bookkeeper")
        >>> set(p.skill_set(tax)) == set(tax.occupation_skills("occ-bookkeeper").index)
        True
        """
        prof = self.resolve(taxonomy)
        arrays = skill_arrays(taxonomy)
        origin = taxonomy.occupation_position(prof.occupation)[0]
        held = held_mask(arrays, origin, prof, profile_skill_positions(taxonomy, prof),
                         optional_held=optional_held)
        return taxonomy.skill_index[held]


# ---------------------------------------------------------------------- occupation lookup
def _suggest(tax, text, n=5):
    from .lookup import suggest_titles

    return suggest_titles(tax, text, n=n)


def _ambiguous(tax, text, ids, what):
    ids = sorted(set(ids))
    labels = tax.occupations.loc[ids, "label_en"].fillna(tax.occupations.loc[ids, "label_nl"])
    shown = [f"{lbl} ({i})" for i, lbl in zip(ids, labels)]
    return UnknownOccupationError(
        f"occupation {text!r} is ambiguous: {what} {len(ids)} occupations, e.g. "
        f"{shown[:5]}; give one of their ids",
        suggestions=shown[:10],
    )


def as_profile(profile):
    """A :class:`WorkerProfile` from a profile, a dict (:meth:`WorkerProfile.from_dict`) or an
    occupation (id or title), as every advice function accepts them.

    Examples
    --------
    >>> as_profile("occ-cashier").occupation
    'occ-cashier'
    >>> as_profile({"occupation": "occ-cashier", "skills": ["sk-sql"]}).skills
    ('sk-sql',)
    """
    if isinstance(profile, WorkerProfile):
        return profile
    if isinstance(profile, str):
        return WorkerProfile(profile)
    if isinstance(profile, dict):
        return WorkerProfile.from_dict(profile)
    raise InvalidParameterError(
        f"profile must be a WorkerProfile, a dict or an occupation string, got {type(profile).__name__}"
    )


def resolve_occupation(tax, text):
    """The occupation id that ``text`` (id, ISCO/SOC code or exact title) names in ``tax``.

    A title is exact when it has the same words as a preferred label (first) or an
    alternative label (then), after folding female forms, plurals, spacing and hyphens
    (:func:`transitions.lookup.exact_titles`): "kassière", "boekhoudster" and
    "callcenter medewerker" all name one occupation.

    Raises
    ------
    UnknownOccupationError
        Nothing matches (``suggestions`` lists the closest titles) or the code
        or title is shared by several occupations (``suggestions`` lists them).

    Examples
    --------
    >>> from transitions import load_sample
    >>> from transitions.profile import resolve_occupation
    >>> tax = load_sample()
    >>> resolve_occupation(tax, "Boekhouder")
    'occ-bookkeeper'
    """
    text = check_text(str(text), "occupation", max_length=MAX_TITLE_LENGTH)
    if text in tax.occupation_index:
        return text
    occ = tax.occupations
    for col in ("isco_code", "soc_code"):
        if col in occ:
            codes = occ[col].astype("string")
            hits = codes.index[(codes == text).fillna(False).to_numpy(bool)]
            if col == "soc_code" and not len(hits):
                # "15-1252" names the O*NET-SOC "15-1252.00" and its detailed children.
                hits = codes.index[codes.str.startswith(text + ".").fillna(False).to_numpy(bool)]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                raise _ambiguous(tax, text, hits, f"code {col.split('_')[0].upper()} {text} covers")
    from .lookup import exact_titles

    for ids in exact_titles(tax, text):
        if len(ids) == 1:
            return ids.pop()
        if len(ids) > 1:
            raise _ambiguous(tax, text, ids, "the title names")
    raise UnknownOccupationError(
        f"unknown occupation {text!r} in taxonomy {tax.name!r}: not an id, ISCO/SOC code or exact "
        f"title; closest titles: {_suggest(tax, text)[:5]}",
        suggestions=_suggest(tax, text),
    )


# ---------------------------------------------------------------------- held skills (arrays)
_ARRAYS = weakref.WeakKeyDictionary()


class _SkillArrays:
    """Per-taxonomy arrays for turning profiles into skill vectors (built once)."""

    def __init__(self, tax):
        self.binary = tax.incidence("binary").tocsr()
        self.essential = tax.incidence("essential").tocsr()
        skills = tax.skills
        comp_pos = {c: i for i, c in enumerate(UNIT_CODES)}
        code = skills["digcomp"].astype("string")
        #: competence or area position in UNIT_CODES per skill (-1: none)
        self.competence = np.array([comp_pos.get(c, -1) if isinstance(c, str) else -1
                                    for c in code.fillna("").tolist()], dtype=np.int64)
        if "digcomp_level" in skills:
            lvl = pd.to_numeric(skills["digcomp_level"], errors="coerce")
        else:
            lvl = pd.Series(np.nan, index=skills.index)
        self.level_known = lvl.notna().to_numpy()
        #: level a skill needs on its competence
        self.level = lvl.fillna(DEFAULT_DIGCOMP_LEVEL).to_numpy(float).astype(np.int64)
        self.skills_of_competence = [np.flatnonzero(self.competence == i)
                                     for i in range(len(UNIT_CODES))]
        self.n_skills = len(skills)


def skill_arrays(tax):
    """The cached :class:`_SkillArrays` of ``tax``."""
    arrays = _ARRAYS.get(tax)
    if arrays is None:
        arrays = _ARRAYS[tax] = _SkillArrays(tax)
    return arrays


def profile_skill_positions(tax, profile):
    """Positions of the profile's extra and lacking skills in ``tax.skill_index``.

    ``tax`` may also be the skill index itself.
    """
    idx = tax if isinstance(tax, pd.Index) else tax.skill_index
    extra = idx.get_indexer(list(profile.skills)) if profile.skills else np.empty(0, np.int64)
    lacking = idx.get_indexer(list(profile.lacking)) if profile.lacking else np.empty(0, np.int64)
    return extra, lacking


def held_mask(arrays, origin, profile, skill_pos, *, optional_held=True):
    """Boolean vector over skills: those the resolved ``profile`` is taken to have.

    ``skill_pos`` is ``(extra, lacking)`` from :func:`profile_skill_positions`.
    """
    inc = arrays.binary if optional_held else arrays.essential
    held = np.zeros(arrays.n_skills, dtype=bool)
    held[inc.indices[inc.indptr[origin]:inc.indptr[origin + 1]]] = True
    for code, level in profile.unit_levels().items():
        members = arrays.skills_of_competence[UNIT_CODES.index(code)]
        if len(members):
            held[members] = arrays.level[members] <= level
    extra, lacking = skill_pos
    held[extra] = True
    held[lacking] = False
    return held


def read_profile_file(path, kind=None):
    """The content of a JSON or YAML profile file (``kind`` from the suffix when None).

    The file may hold at most :data:`~transitions._validation.MAX_PROFILE_BYTES`
    bytes, and YAML aliases are expanded within a bound
    (:func:`transitions._validation.load_yaml`).

    Raises
    ------
    DataFormatError
        The file is unreadable, too large, not UTF-8 or not JSON/YAML.
    """
    path = Path(path)
    kind = kind or ("json" if path.suffix.lower() == ".json" else "yaml")
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_PROFILE_BYTES + 1)
    except OSError as exc:
        raise DataFormatError(f"{path}: cannot read the profile ({exc.strerror})") from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise DataFormatError(f"{path}: a profile file holds at most {MAX_PROFILE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
        if kind == "json":
            data = load_json(text, str(path))
        else:
            yaml = _yaml()
            try:
                data = load_yaml(text, str(path))
            except yaml.YAMLError as exc:
                raise ValueError(str(exc).splitlines()[0] if str(exc) else "not YAML") from None
    except InvalidParameterError as exc:
        raise DataFormatError(str(exc)) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataFormatError(f"{path}: not a readable {kind.upper()} profile ({first})") from None
    return data


def _yaml():
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML is common but optional
        raise InvalidParameterError(
            "reading or writing YAML profiles needs PyYAML (pip install pyyaml); "
            "to_json/from_json need nothing extra"
        ) from None
    return yaml
