"""Word forms of Dutch (and English) titles: the same job written in different ways.

Advisors type "boekhoudster", "callcenter medewerker" or "verzekeringsmedewerker";
the taxonomy says "boekhouder", "callcentermedewerker" or "administratief medewerker
verzekeringen". To compare them, every title (and every query) becomes a bag of
*morphemes*:

1. :func:`simplify`: lower case, accents dropped (kassière -> kassiere), every
   character that is not a letter or digit (hyphen, slash, brackets) a space.
2. :meth:`Lexicon.fold`: a word is replaced by its base form when that form is a
   word of the lexicon: plural to singular (medewerkers -> medewerker), female to
   male forms (-ster, -e, -euse, -trice, -ière, -esse, -es, -ica, -vrouw:
   boekhoudster -> boekhouder, assistente -> assistent, monteuse -> monteur) and
   inflected adjectives (administratieve -> administratief). The rules are
   general Dutch morphology; the lexicon decides which output is a real word, so
   a rule never invents one.
3. :meth:`Lexicon.split`: a compound is split into lexicon words, with the
   linking -s-/-e-/-en- (verzekeringsmedewerker -> verzekering + medewerker),
   recursively, where the parts are more common than the whole (Koehn & Knight
   2003, *Empirical methods for compound splitting*); a word the lexicon does not
   know is split whenever it can be.

The lexicon is built from the titles themselves (both languages), so it knows the
words of the taxonomy it serves and nothing else.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter

__all__ = ["simplify", "title_variants", "head", "Lexicon", "STOPWORDS", "AGENT_ENDINGS"]

#: Words that say nothing about a job (Dutch and English function words).
STOPWORDS = frozenset("""
en of van de der den het een voor in op met bij aan te tot uit over als
and or of the a an for in on at with to by from
algemeen general
""".split())
# "algemeen" / "general" say that a title is the generic one of its kind ("algemeen
# verpleegkundige" is what people call "verpleegkundige"): no evidence either way.

_NON_WORD = re.compile(r"[^0-9a-z]+")
_OPTIONAL = re.compile(r"(\w+)\((\w{1,4})\)(\w*)")
_MIN_PART = 3      # shortest part of a compound (cv, it: too ambiguous inside words)
_MIN_HEAD = 4      # shortest last part (the head of a Dutch compound)
_MIN_SPLIT = 6     # shortest word worth splitting
_LINKS = ("s", "e", "en", "")
_FORCE_RATIO = 0.25  # a compound kept whole also counts its parts when they are about as
                     # common as it (basis + onderwijs), not when it is far more (medewerker)
_MIN_BOUND = 2     # compounds a part must occur in to count as a word of its own
_MIN_TYPO = 6      # shorter words are not corrected (too many neighbours)
_TYPO_RATIO = 88   # similarity (0-100) of a typo to the word meant: one edit in about eight

# Female (and plural) endings -> candidate base endings, tried in order. Only a candidate
# that is a word of the lexicon is used.
_FEMALE = (
    ("rsters", ("rders",)), ("rster", ("rder",)),
    ("sters", ("ers", "er")), ("ster", ("er",)),
    ("euses", ("eurs",)), ("euse", ("eur",)),
    ("trices", ("teurs",)), ("trice", ("teur",)), ("rice", ("eur",)),
    ("ieres", ("iers",)), ("iere", ("ier",)),
    ("aresse", ("aris",)), ("esse", ("is", "")), ("ares", ("aar",)), ("eres", ("er",)),
    ("ica", ("icus",)), ("vrouw", ("man", "heer")), ("vrouwen", ("mannen",)),
    ("woman", ("man",)), ("women", ("men",)),
    ("iste", ("ist",)), ("ente", ("ent",)), ("ante", ("ant",)), ("ute", ("ut",)),
    ("oge", ("oog",)), ("ote", ("oot",)), ("ate", ("aat",)), ("e", ("",)),
)
_ADJECTIVE = (("ieve", "ief"), ("ische", "isch"), ("ale", "aal"), ("ele", "eel"),
              ("ige", "ig"), ("ke", "k"), ("e", ""))
_VOWELS = set("aeiou")
# Endings of Dutch and English nouns that name a person (in stem form: folded, no plural).
AGENT_ENDINGS = ("er", "aar", "eur", "ist", "ant", "ent", "ier", "tor", "sor", "man", "oot", "eut",
                  "kundig", "oog", "aat", "ris", "ian", "ier", "ur")


@functools.lru_cache(maxsize=1 << 16)
def simplify(text):
    """Lower case, no accents, words separated by single spaces."""
    text = unicodedata.normalize("NFKD", str(text).lower())
    if not text.isascii():      # drop the accents (combining marks) and other non-ASCII
        text = text.encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", text.replace("&", " en ")).strip()


def title_variants(title):
    """The forms a title stands for: itself, its optional letters in and out
    (``huishoud(st)er``: huishouder, huishoudster) and the alternatives a slash
    separates (:func:`_slash_variants`)."""
    title = str(title).strip()
    out = [title]
    if "(" in title:
        out += [_OPTIONAL.sub(r"\1\3", title), _OPTIONAL.sub(r"\1\2\3", title)]
    if "/" in title:
        out += _slash_variants(title)
    return list(dict.fromkeys(out))


def _slash_variants(title):
    """What a slash separates: whole titles (``ober/serveerster``, ``researcher/fact
    checker``) or, where one side is a single word that stands for the neighbouring word
    of the other side, that word's alternatives in one title (``leraar/lerares lager
    onderwijs``: leraar lager onderwijs, lerares lager onderwijs; ``club
    doorman/doorwoman``; ``stage/production manager``). A single word stands for its
    neighbour when the two are the male and female form of one noun, or when it names no
    person by itself ("stage", "QC"): "leraar" alone is no title of a special-needs
    teacher."""
    parts = [p.strip() for p in title.split("/")]
    whole = [p for p in parts if len(p) > 2]
    words = [p.split() for p in parts]
    first, last = words[0], words[-1]
    if not all(words) or any(len(w) > 1 for w in words[1:-1]) \
            or (len(first) == 1) == (len(last) == 1):
        return whole
    if len(first) == 1:     # "leraar/lerares lager onderwijs": first words of one title
        neighbour, rest = last[0], last[1:]
        singles = [w[0] for w in words[:-1]]
        distributed = [" ".join([w] + rest) for w in singles + [neighbour]]
    else:                   # "club doorman/doorwoman", "verkoper hifi/audio/multimedia"
        neighbour, rest = first[-1], first[:-1]
        singles = [w[0] for w in words[1:]]
        distributed = [" ".join(rest + [w]) for w in [neighbour] + singles]
    b = simplify(neighbour)
    if all(_same_person(simplify(a), b) or not simplify(a).endswith(AGENT_ENDINGS)
           for a in singles):
        return distributed
    return whole


def _same_person(a, b):
    """Whether ``a`` and ``b`` are the male and female (or the same) form of one noun, by
    the female endings alone (no lexicon: lerares/leraar, doorwoman/doorman)."""
    for x, y in ((a, b), (b, a)):
        if x == y:
            return True
        for suffix, bases in _FEMALE:
            if x.endswith(suffix) and len(x) > len(suffix) + 1:
                stem = x[: -len(suffix)]
                forms = {f + base for base in bases for f in _undouble(stem) + [_long(stem)]}
                if y in forms:
                    return True
    return False


def _undouble(stem):
    """Spelling of a stem before a suffix: 'kap' -> 'kapp' (kapper), 'verkoop' -> 'verkop'."""
    forms = [stem]
    if len(stem) >= 3 and stem[-1] not in _VOWELS:
        if stem[-2] in _VOWELS and stem[-3] not in _VOWELS:
            forms.append(stem + stem[-1])                    # kap + er -> kapper
        if stem[-2] == stem[-3] and stem[-2] in _VOWELS:
            forms.append(stem[:-2] + stem[-1])               # verkoop + er -> verkoper
    return forms


class Lexicon:
    """Word counts of a set of titles, and the folding and splitting they allow.

    Parameters
    ----------
    titles : iterable of str
        Titles (any language); they are :func:`simplify`-ed here.
    """

    def __init__(self, titles):
        counts = Counter()
        for title in titles:
            counts.update(simplify(title).split())
        self._setup(counts)
        #: the :meth:`stem` forms of the words titles use on their own (not only in compounds)
        self.free = {self.stem(w) for w in counts}
        self._add_bound_parts()
        #: counts per :meth:`stem` form
        self.stems = Counter()
        for word, n in self.counts.items():
            self.stems[self.stem(word)] += n

    def _setup(self, counts):
        self.counts = counts
        self._words = None
        self._fold = {}
        self._split = {}
        self._stem = {}

    def to_arrays(self):
        """The lexicon's word and stem counts as arrays (see :meth:`from_arrays`)."""
        import numpy as np

        return {"lex_words": list(self.counts), "lex_counts": np.fromiter(
                    self.counts.values(), np.int64, len(self.counts)),
                "stem_words": list(self.stems), "stem_counts": np.fromiter(
                    self.stems.values(), np.int64, len(self.stems)),
                "free_stems": sorted(self.free)}

    @classmethod
    def from_arrays(cls, arrays):
        """A lexicon from :meth:`to_arrays` output."""
        lex = cls.__new__(cls)
        lex._setup(Counter(dict(zip(arrays["lex_words"], arrays["lex_counts"].tolist()))))
        lex.stems = Counter(dict(zip(arrays["stem_words"], arrays["stem_counts"].tolist())))
        lex.free = set(arrays["free_stems"])
        return lex

    def _add_bound_parts(self):
        """Parts that occur only inside compounds ("voorraad" in voorraadadministrateur,
        voorraadcoordinator, ...; "wasser" in glazenwasser, autowasser, ...) become words
        when they combine with at least :data:`_MIN_BOUND` different known words."""
        words = [w for w in self.counts if len(w) >= 2 * _MIN_HEAD]
        mods, heads = Counter(), Counter()
        for w in words:
            for i in range(_MIN_HEAD, len(w) - _MIN_HEAD + 1):
                left, right = w[:i], w[i:]
                if right in self.counts and left not in self.counts:
                    mods[left] += 1
                if left in self.counts and right not in self.counts and len(right) > _MIN_HEAD:
                    heads[right] += 1
        for part, n in list(mods.items()) + list(heads.items()):
            if n >= _MIN_BOUND:
                self.counts[part] += n

    def __contains__(self, word):
        return word in self.counts

    # ------------------------------------------------------------------ folding
    def _known(self, word, original):
        return word != original and len(word) >= 2 and word in self.counts

    def fold(self, word):
        """The base form of ``word`` in this lexicon (itself when it has none)."""
        cached = self._fold.get(word)
        if cached is not None:
            return cached
        base = self._base(word)
        if base != word:
            base = self._base(base)      # medewerksters -> medewerkster -> medewerker
        self._fold[word] = base
        return base

    def _base(self, word):
        # plurals
        for suffix in ("s", "en", "'s"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                en = suffix == "en"
                for cand in (stem, stem[:-1] if en and stem[-1:] == stem[-2:-1] else None,
                             _long(stem) if en else None, stem + "e" if en else None):
                    if cand and self._known(cand, word):
                        return cand
        # female forms
        for suffix, bases in _FEMALE:
            if not word.endswith(suffix) or len(word) <= len(suffix) + 1:
                continue
            if suffix == "ster" and word[-5:-4] == "e":     # meester, priester: not female
                continue
            stem = word[: -len(suffix)]
            for base in bases:
                cands = [f + base for f in _undouble(stem)] if base == "er" else [stem + base]
                if suffix in ("e", "ate", "ote", "oge"):
                    cands.append(_long(stem) + base)
                for cand in cands:
                    if self._known(cand, word):
                        return cand
        # inflected adjectives
        for suffix, base in _ADJECTIVE:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                for cand in (stem + base, _long(stem) + base):
                    if self._known(cand, word):
                        return cand
        return word

    # ------------------------------------------------------------------ splitting
    def stem(self, word):
        """``word`` folded, without a plural ending: the form parts are compared in."""
        cached = self._stem.get(word)
        if cached is None:
            cached = self._stem[word] = _strip_plural(self.fold(word))
        return cached

    def known(self, word):
        """Whether ``word`` (in any of its forms) is a word of the lexicon."""
        return self.stem(word) in self.stems

    def split(self, word, *, guess=True):
        """``word`` as a tuple of parts in :meth:`stem` form (one part when it is no compound).

        A word of the lexicon is split only where its parts are more common than
        the whole; a word it does not know is split whenever it can be, and may
        keep one unknown part of five letters or more beside a known one.
        """
        key = (word, guess)
        cached = self._split.get(key)
        if cached is not None:
            return cached
        self._split[key] = (self.stem(word),)      # guards the recursion
        parts = self._best_split(word, guess)
        self._split[key] = parts
        return parts

    def _count(self, part, min_len):
        """How common ``part`` is as a word (0 if its base form is shorter than ``min_len``:
        "ders" must not pass as a part through "der")."""
        stem = self.stem(part)
        return self.stems.get(stem, 0) if len(stem) >= min_len else 0

    def parts(self, word):
        """The parts of ``word`` with those of a compound that :meth:`split` keeps whole
        (because the whole is more common than its parts) before it: "basisonderwijs" ->
        (basis, onderwijs, basisonderwijs). Titles and queries that split a compound
        differently ("basisschool" -> basis + school) still share its parts."""
        split = self.split(word)
        if len(split) > 1:
            return split
        key = (word, "parts")
        cached = self._split.get(key)
        if cached is None:
            parts = self._best_split(word, guess=False, force=True)
            cached = self._split[key] = (parts + split) if len(parts) > 1 else split
        return cached

    def _best_split(self, word, guess, force=False):
        whole = self.stem(word)
        known = whole in self.stems
        if len(word) < _MIN_SPLIT:
            return (whole,)
        min_mod = _MIN_HEAD if known else _MIN_PART
        threshold = self.stems[whole] * (_FORCE_RATIO if force else 1) if known else 0.0
        best, best_score = None, threshold
        for i in range(min_mod, len(word) - _MIN_HEAD + 1):
            right = word[i:]
            head = self._count(right, _MIN_HEAD)
            for link in _LINKS:
                if link and not word[:i].endswith(link):
                    continue
                left = word[: i - len(link)] if link else word[:i]
                if len(left) < min_mod:
                    continue
                mod = self._count(left, min_mod)
                if force and not (self.stem(left) in self.free and self.stem(right) in self.free):
                    continue    # only words titles use on their own ("isation" is none)
                if mod and head:
                    score = math.sqrt(mod * head)
                elif guess and not known and (mod or head) and min(len(left), len(right)) >= 5:
                    # One unknown part: better than no split, worse than any split into
                    # known words; the longer the known part, the better.
                    score = len(left if mod else right) / (len(word) + 1)
                else:
                    continue
                if score > best_score:
                    best, best_score = (left, right), score
        if best is None:
            return (whole,)
        left, right = best
        # An unknown part stays whole: splitting it again would only guess more.
        return self.split(left, guess=False) + self.split(right, guess=False)

    # ------------------------------------------------------------------ titles
    def words(self, text, *, guess=True, correct=False):
        """The words of ``text`` as tuples of parts (with ``guess``, a compound kept whole
        lists its parts before it: :meth:`parts`), in order, function words left out;
        two neighbouring words that the lexicon knows as one ("callcenter medewerker")
        are taken as that word. With ``correct``, a word that is neither known nor made
        of known words is replaced by the lexicon's closest word, if one is close
        enough to be a typo of it (:meth:`correct`)."""
        words = [w for w in simplify(text).split()
                 if w not in STOPWORDS and self.fold(w) not in STOPWORDS]
        if correct:
            words = [self.correct(w) for w in words]
        split = self.parts if guess else functools.partial(self.split, guess=False)
        out = []
        i = 0
        while i < len(words):
            if i + 1 < len(words) and words[i] + words[i + 1] in self.counts:
                out.append(split(words[i] + words[i + 1]))
                i += 2
                continue
            out.append(split(words[i]))
            i += 1
        return out

    def correct(self, word):
        """``word``, or the lexicon word it is a typo of ("boekhoutster" -> "boekhoudster"):
        only for a word of :data:`_MIN_TYPO` letters or more that the lexicon does not know
        and cannot split into known words, and only for a lexicon word at most one edit in
        eight away."""
        if len(word) < _MIN_TYPO or self.known(word) or all(
                self.known(p) for p in self.split(word, guess=False)) and \
                len(self.split(word, guess=False)) > 1:
            return word
        from rapidfuzz import fuzz, process

        if self._words is None:
            self._words = [w for w in self.counts if len(w) >= _MIN_TYPO]
        best = process.extractOne(word, self._words, scorer=fuzz.ratio,
                                  score_cutoff=_TYPO_RATIO)
        return best[0] if best else word

    def morphemes(self, text, *, guess=True):
        """The parts of every word of ``text``, in order (see :meth:`words`)."""
        return [part for word in self.words(text, guess=guess) for part in word]

    def bases(self, word):
        """What an agent noun is made from: "verkoper" -> "verkoop", "afwasser" ->
        "afwas", "invoerder" -> "invoer" (the verb stem or noun a job is named after)."""
        for suffix in ("er", "aar", "eur"):
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_HEAD:
                stem = word[: -len(suffix)]
                forms = {stem, _long(stem)}
                if suffix == "er" and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                    forms.add(stem[:-1])                      # afwass-er -> afwas
                if stem.endswith("d") and suffix == "er":
                    forms.add(stem[:-1])                      # invoerd-er -> invoer
                return sorted(f for f in forms if len(f) >= _MIN_HEAD)
        return []


def head(words):
    """The head of a title given as :meth:`Lexicon.words`: the last part of its last word
    that names a person by its ending (medewerker, analist, monteur, ...), else of its
    last word. "medewerker keuken" -> medewerker, "software ontwikkelaar" -> ontwikkelaar,
    "kok" -> kok."""
    if not words:
        return ""
    for word in reversed(words):
        if word[-1].endswith(AGENT_ENDINGS):
            return word[-1]
    return words[-1][-1]


def _strip_plural(word):
    if len(word) > 5 and word.endswith("en"):
        word = word[:-2]
        return word[:-1] if word[-1] == word[-2] and word[-1] not in _VOWELS else word
    # -s is a plural after most endings, but not in basis, campus, kas, bus
    if len(word) > 4 and word.endswith("s") and word[-2] not in "aiousy":
        return word[:-1]
    return word


def _long(stem):
    """'psycholog' -> 'psycholoog': the long vowel an open syllable had hidden."""
    if len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-2] in _VOWELS \
            and stem[-3] not in _VOWELS:
        return stem[:-1] + stem[-2] + stem[-1]
    return stem
