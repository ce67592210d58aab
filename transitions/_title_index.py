"""Ranked lookup of concepts (occupations, skills) by the titles people type.

One :class:`TitleIndex` holds every title of a set of concepts (preferred and
alternative labels, both languages) as bags of morphemes
(:mod:`transitions._wordforms`) and answers a query in four tiers:

1. ``label``: the query and a preferred label are the same bag of morphemes
   (same words after folding female forms, plurals, spacing and hyphens);
2. ``altlabel``: the same with an alternative label; in this tier too, a title one
   letter off a long query (a typo, shown as ``fuzzy``) and a title with the same words as
   the query's *worker reading* ("verkoper" also read as "verkoop medewerker", shown as
   ``words``);
3. ``words``: whole-word evidence: the share of the query's morphemes (weighted by
   their rarity, IDF over concepts) a title holds, how few others it has, and how
   much of the query the concept's titles hold together;
4. ``fuzzy``: character similarity of the whole title (typos), used only when it
   beats the word evidence.

Short titles (up to three letters, e.g. "TA", "PA") match only exactly, never as
part of a word or fuzzily. Within a tier concepts are ordered by score, then id.
"""

from __future__ import annotations

import bisect
import os

import numpy as np

from ._wordforms import AGENT_ENDINGS, Lexicon, head, simplify, title_variants

__all__ = ["TitleIndex", "MATCH_KINDS"]

#: Match kinds, best first.
MATCH_KINDS = ("label", "altlabel", "words", "fuzzy", "group")
_SHORT = 3            # titles this short (letters) match only exactly
_MIN_UNKNOWN = 4      # unknown query parts shorter than this do not count
_W_TITLE, _W_CONCEPT, _W_GROUP = 0.6, 0.4, 0.3
_HEAD_ELSEWHERE, _HEAD_MISSING = 0.85, 0.6
_ALT_BONUS = 0.1      # a preferred label before alternative ones of the same standing
_ALT_DISCOUNT = 0.95  # an alternative label counts a little less than the preferred one
_FUZZY_DISCOUNT = 0.9
_FUZZY_FLOOR = 0.6    # character similarity that counts as no evidence
_NEAR, _NEAR_LENGTH = 0.95, 11   # one letter off a title of 11 letters or more: a typo
_WORKER, _WORKER_DISCOUNT = "medewerker", 0.95  # Dutch's generic worker (verkoopmedewerker)
_FUZZY_KNOWN = 0.3    # weight of fuzzy evidence when every word of the query is known
_RELATED_PREFIX = 6   # words sharing this many first letters (and 3/4 of the shorter) are
_RELATED_WEIGHT = 0.5  # related (administratief, administratie): half the evidence
_AGENT_PLURALS = tuple(e + s for e in AGENT_ENDINGS for s in ("s", "en", "e", ""))
_KIND_WEIGHT = 0.75   # a compound of a head no title has (gegevensinvoerder for invoerder)
_SYNONYM_MIN = 2
_MIN_SUFFIX = 6       # a query word this long also finds the compounds it is the head of      # concepts whose titles must swap two words for them to be synonyms


class TitleIndex:
    """Titles of concepts as morpheme bags, for :meth:`search`.

    Parameters
    ----------
    titles : pandas.DataFrame
        One row per title with columns ``id`` (the concept), ``title``, ``lang``
        and ``kind`` (``"label"`` or ``"altlabel"``).
    groups : pandas.DataFrame, optional
        Titles of groups of concepts (``id``, ``title``), e.g. the Dutch titles of
        ISCO unit groups: a query that names a group is evidence for its members.
    members : pandas.DataFrame, optional
        ``concept``, ``group`` and optionally ``weight`` (default 1): which concepts
        belong to which groups, and how much a match of the group counts for them.
    heads : bool, default=True
        Titles are nouns with a head that must agree with the query's ("medewerker"
        in "medewerker keuken"); False for names of skills ("SQL gebruiken").
    labels : pandas.DataFrame, optional
        ``label_en``, ``label_nl`` per concept id: kept with the index, so that results
        can be shown without the taxonomy.
    """

    def __init__(self, titles, groups=None, members=None, heads=True, labels=None):
        self._load(_build_arrays(titles, groups, members, heads, labels))

    @classmethod
    def from_arrays(cls, arrays):
        """The index from :meth:`to_arrays` output (e.g. read back from the data home)."""
        index = cls.__new__(cls)
        index._load(arrays)
        return index

    def to_arrays(self):
        """The index as plain arrays and lists of strings (see :meth:`from_arrays`)."""
        return dict(self._arrays)

    def _load(self, a):
        self._arrays = a
        self.lexicon = Lexicon.from_arrays(a)
        #: one array per title column (strings as object arrays)
        # read one at a time (shown titles, exact matches) or, for fuzzy matching, all
        self.col = {c: a[c] for c in ("title", "key", "plain")}
        self.key_hash = np.asarray(a["key_hash"], np.int64)
        self._plain_all = None
        self.plain_hash = np.asarray(a["plain_hash"], np.int64)
        self.col["head"] = (np.asarray(_strings(a["head_values"]), dtype=object),
                            np.asarray(a["head_codes"], np.int64))
        self.col["short"] = np.asarray(a["short"], bool)
        #: the concepts' ids, in the order of the index's positions
        self.concepts = np.asarray(_strings(a["concepts"]), dtype=object)
        self._positions = None
        self.row_concept = np.asarray(a["row_concept"], np.int64)
        self.n_rows = len(self.row_concept)
        self.is_label = np.asarray(a["is_label"], bool)
        self.langs = _strings(a["langs"])
        self.row_lang = np.asarray(a["row_lang"], np.int64)
        #: names of the concepts (as the index was built with them), for showing results
        self.concept_labels = {lang: np.asarray(_strings(a[f"concept_label_{lang}"]),
                                                dtype=object)
                               for lang in ("en", "nl") if f"concept_label_{lang}" in a}
        words = _strings(a["vocab"])
        self.vocab = {w: j for j, w in enumerate(words)}
        self._sorted_vocab = _strings(a["vocab_sorted"])
        self._reversed_vocab = _strings(a["vocab_reversed"])
        n_rows = self.n_rows
        # short titles take no part in word matching: their entries weigh 0
        row_nnz = np.diff(np.asarray(a["T_indptr"], np.int64))
        t_data = np.repeat((~self.col["short"]).astype(float), row_nnz)
        self.T = _Sparse(a["T_indptr"], a["T_indices"], t_data, len(words))
        self.T_cols = _Sparse(a["T_col_indptr"], a["T_col_rows"], None, n_rows)
        self.C = _Sparse(a["C_indptr"], a["C_indices"], None, len(words))
        self.idf = np.asarray(a["idf"], float)
        self.row_mass = self.T.dot(self.idf)
        self.synonyms = {}
        for x, y in zip(a["syn_from"], a["syn_to"]):
            self.synonyms.setdefault(x, []).append(y)
        self.use_heads = any(h for h in self.col["head"][0])
        self.G = None
        if len(a["group_titles"]):
            gids = _strings(a["group_ids"])
            self.group_titles = _strings(a["group_titles"])
            self.G = _Sparse(a["G_indptr"], a["G_indices"], None, len(words))
            self.G_cols = _Sparse(a["G_col_indptr"], a["G_col_rows"], None,
                                  len(self.group_titles))
            self.G_mass = self.G.dot(self.idf)
            self.G_group = np.asarray(a["group_of_title"], np.int64)
            self.G_head = _codes(_strings(a["G_head"]))    # a few hundred: coded here
            self.group_ids = gids
            self.M_rows = np.asarray(a["M_rows"], np.int64)
            self.M_cols = np.asarray(a["M_cols"], np.int64)
            self.M_data = np.asarray(a["M_data"], float)

    def _group_evidence(self, qvec, q_mass, qhead):
        """Per concept: how well the query names one of its groups (0-1), and that
        group's title."""
        n = len(self.concepts)
        if self.G is None or q_mass <= 0:
            return np.zeros(n), np.full(n, None, dtype=object)
        overlap = self.G.dot(qvec)
        with np.errstate(divide="ignore", invalid="ignore"):
            rec = np.minimum(overlap / q_mass, 1.0)
            prec = np.where(self.G_mass > 0, np.minimum(overlap / self.G_mass, 1.0), 0.0)
            f = np.where(overlap > 0, 2 * rec * prec / (rec + prec), 0.0)
        f = f * self._head_factor(qhead, self.G_cols, self.G_head)
        # best title per group, then best (weighted) group per concept
        n_groups = len(self.group_ids)
        best_title = _argmax_by_group(f, self.G_group, n_groups)
        per_group = np.where(best_title >= 0, f[np.maximum(best_title, 0)], 0.0)
        contrib = self.M_data * per_group[self.M_cols]
        best_member = _argmax_by_group(contrib, self.M_rows, n)
        has = best_member >= 0
        value = np.zeros(n)
        value[has] = contrib[best_member[has]]
        title = np.full(n, None, dtype=object)
        g = self.M_cols[best_member[has]]
        title[has] = np.asarray(self.group_titles, dtype=object)[best_title[g]]
        return value, title

    def _head_factor(self, qhead, matrix=None, heads=None):
        """Per title: 1 when its head is the query's, less when the query's head is only
        somewhere in it, least when it lacks it ("financieel directeur" is no kind of
        "financieel administratief medewerker")."""
        if not self.use_heads:
            return 1.0
        matrix = self.T_cols if matrix is None else matrix
        heads = self.col["head"] if heads is None else heads
        j = self.vocab.get(qhead)
        if j is None and len(qhead) < _MIN_SUFFIX:
            return 1.0
        if j is None:
            j = len(self.vocab)       # a column no title has
        has = np.zeros(matrix.n_cols, bool)     # the titles (or groups) that hold the head
        if j < matrix.n_rows:
            has[matrix.row(j)] = True
        # a compound with the query's head is a kind of it: gegevensinvoerder is an invoerder
        same = _same_head(heads, qhead)
        return np.where(same, 1.0, np.where(has, _HEAD_ELSEWHERE, _HEAD_MISSING))

    # ------------------------------------------------------------------ query
    def query_vector(self, query):
        """(sorted morpheme key, head, idf-weighted vector over the vocabulary, mass of
        the query's own words) of ``query``."""
        words = self.lexicon.words(query, correct=True)
        self._corrected = words != self.lexicon.words(query)
        morphs = [p for w in words for p in w]
        vec = np.zeros(len(self.vocab))
        for m in morphs:
            j = self.vocab.get(m)
            if j is not None:
                vec[j] = self.idf[j]
        # related words (a shared stem) count for half of the query word they stand for
        mass = {m: self.idf[self.vocab[m]] if m in self.vocab else float(self.idf.max())
                for m in morphs}
        qhead = head(words)
        for m in morphs:
            for j in self._related(m, synonyms=m != qhead):
                if vec[j] == 0 or vec[j] < _RELATED_WEIGHT * mass[m]:
                    vec[j] = max(vec[j], _RELATED_WEIGHT * mass[m])
        if qhead not in self.vocab and len(qhead) >= _MIN_SUFFIX:
            # a head no title has ("invoerder"): its compounds (gegevensinvoerder) are kinds
            # of it, and the only evidence there is
            for w in self._with_prefix(qhead[::-1], reverse=True):
                j = self.vocab[w[::-1]]
                vec[j] = max(vec[j], _KIND_WEIGHT * mass[qhead])
        # Unknown words count in the query's mass at the highest idf: a title that holds
        # only part of a query cannot look complete. Short unknown bits (the "af" of
        # "afwasser") are too vague to count.
        q_mass = sum(v for m, v in mass.items() if m in self.vocab or len(m) >= _MIN_UNKNOWN)
        # A word with an unknown part (a typo, or a guessed split: "boekhoutster" ->
        # boek + houtster) is unknown as a whole: its characters are the better evidence.
        unsure = {m for w in words if any(p not in self.vocab for p in w) for m in w}
        unknown = sum(v for m, v in mass.items() if m in unsure)
        self._unknown_share = unknown / sum(mass.values()) if mass else 1.0
        return " ".join(sorted(morphs)), qhead, vec, q_mass

    def _worker_reading(self, query, qhead):
        """``query`` with its head, an agent noun, read as what it is made from plus
        :data:`_WORKER` ("verkoper" -> "verkoop medewerker"), or None when the head is no
        agent noun or the taxonomy's titles have neither word."""
        if not self.use_heads or qhead == _WORKER or _WORKER not in self.vocab:
            return None
        bases = [b for b in map(self.lexicon.stem, self.lexicon.bases(qhead)) if b in self.vocab]
        if not bases:
            return None
        base = max(bases, key=lambda b: (self.lexicon.stems.get(b, 0), b))
        parts = [p for w in self.lexicon.words(query, correct=True) for p in w]
        if qhead not in parts:
            return None
        i = len(parts) - 1 - parts[::-1].index(qhead)
        return " ".join(parts[:i] + [base, _WORKER] + parts[i + 1:])

    def _related(self, word, synonyms=True):
        """Vocabulary positions of words related to ``word``: those that share a long first
        part with it (administratief, administratie), and, for an agent noun, those that
        begin with what it is made from (verkoper: verkoop, verkoopmedewerker)."""
        out = set()
        if len(word) >= _RELATED_PREFIX:
            for w in self._with_prefix(word[:_RELATED_PREFIX]):
                common = len(os.path.commonprefix([w, word]))
                if w != word and common >= 0.75 * min(len(w), len(word)):
                    out.add(self.vocab[w])
        if len(word) >= _MIN_SUFFIX:     # compounds with this head: invoerder, gegevensinvoerder
            out.update(self.vocab[w[::-1]] for w in self._with_prefix(word[::-1], reverse=True)
                       if w[::-1] != word)
        if len(word) >= _RELATED_PREFIX:     # spelling variants: netwerk/network, systeem/system
            from rapidfuzz.distance import Levenshtein
            from rapidfuzz import process

            out.update(self.vocab[w] for w, _, _ in process.extract(
                word, self._sorted_vocab, scorer=Levenshtein.distance, score_cutoff=1,
                limit=20) if w != word and len(w) >= _RELATED_PREFIX)
        for base in {self.lexicon.stem(b) for b in self.lexicon.bases(word)}:
            out.update(self.vocab[w] for w in self._with_prefix(base) if w != word)
        if synonyms:     # never for the head: "medewerker" is no "directeur"
            out.update(self.vocab[w] for w in self.synonyms.get(word, ()) if w in self.vocab)
        return sorted(out)

    def _with_prefix(self, prefix, reverse=False):
        words = self._reversed_vocab if reverse else self._sorted_vocab
        lo = bisect.bisect_left(words, prefix)
        hi = bisect.bisect_left(words, prefix + "\uffff")
        return words[lo:hi]

    def _in_lang(self, lang):
        code = self.langs.index(lang) if lang in self.langs else -1
        return self.row_lang == code

    def exact(self, query, *, lang=None):
        """Concepts whose preferred label (first set) or alternative label (second set) has
        the same words as ``query`` (short titles: the same letters)."""
        mask = self._exact_rows(query)
        if lang is not None:
            mask &= self._in_lang(lang)
        ids = self.concepts[self.row_concept[mask]]
        label = self.is_label[mask]
        return set(ids[label]), set(ids[~label])

    def _exact_rows(self, query):
        key = " ".join(sorted(self.lexicon.morphemes(query)))
        plain = simplify(query)
        out = np.zeros(self.n_rows, bool)
        for col, hashes, text in (("key", self.key_hash, key), ("plain", self.plain_hash, plain)):
            if text:
                for r in np.flatnonzero(hashes == _hash(text)):
                    out[r] = self.col[col][r] == text       # a hash collision is no match
        return out

    def positions(self, ids):
        """Each id's position in :attr:`concepts` (-1 for an unknown id)."""
        if self._positions is None:
            self._positions = {c: i for i, c in enumerate(self.concepts)}
        return np.array([self._positions.get(i, -1) for i in ids], dtype=np.int64)

    def search(self, query, *, lang=None):
        """Every concept with any evidence for ``query``, best first.

        Parameters
        ----------
        query : str
        lang : str, optional
            Only titles of this language.

        Returns
        -------
        pandas.DataFrame
            Columns ``id``, ``matched_title``, ``match`` (:data:`MATCH_KINDS`) and
            ``score`` (0-100), one row per concept.
        """
        import pandas as pd

        found = self.matches(query, lang=lang)
        # ids typed as pandas types text (str with pandas 3, object with 2), even when empty
        text = pd.Index(["id"]).dtype
        return pd.DataFrame({**found, "id": pd.Index(found["id"].tolist(), dtype=text)})

    def matches(self, query, *, lang=None):
        """:meth:`search`'s columns as a dict of numpy arrays, in the same order (without
        pandas: a command that prints a few rows need not import it)."""
        use = np.ones(self.n_rows, bool) if lang is None else self._in_lang(lang)
        key, qhead, qvec, q_mass = self.query_vector(query)
        plain = simplify(query)
        n = len(self.concepts)

        word, word_row = self._word_scores(qvec, q_mass, qhead, use)
        corrected, unknown_share = self._corrected, self._unknown_share
        # "verkoper" is a "verkoopmedewerker": an agent noun also read as the generic
        # worker of what it is made from, where the taxonomy's titles say it that way
        reading = self._worker_reading(query, qhead)
        alt_exact = np.zeros(self.n_rows, bool)
        if reading is not None:
            _, a_head, a_vec, a_mass = self.query_vector(reading)
            a_word, a_row = self._word_scores(a_vec, a_mass, a_head, use)
            a_word = _WORKER_DISCOUNT * a_word
            better = a_word > word
            word, word_row = np.where(better, a_word, word), np.where(better, a_row, word_row)
            alt_exact = use & self._exact_rows(reading)
            self._corrected, self._unknown_share = corrected, unknown_share
        if corrected:       # words found through a spelling correction are fuzzy evidence
            word = _FUZZY_DISCOUNT * word
        fuzzy, fuzzy_row, near = self._fuzzy_scores(plain, use, self._unknown_share)
        group, group_title = self._group_evidence(qvec, q_mass, qhead)
        # Character similarity stands in for words the index does not know (typos); where
        # every word is known, "cv monteur" and "pv monteur" differ by a whole word.
        fuzzy = _FUZZY_DISCOUNT * max(self._unknown_share, _FUZZY_KNOWN) * fuzzy
        base = np.maximum(word, fuzzy)
        score = base + _W_GROUP * group
        kind = np.where(_W_GROUP * group > base, 4,
                        np.where((word >= fuzzy) & (not corrected), 2, 3))
        row = np.where((kind == 3) & (fuzzy > word), fuzzy_row, word_row)

        # exact: the same bag of morphemes (short titles: the same letters)
        exact = use & self._exact_rows(query)
        for r in np.flatnonzero(exact):
            c = self.row_concept[r]
            k = 0 if self.is_label[r] else 1
            if k < kind[c] or kind[c] > 1:
                kind[c], row[c] = min(k, kind[c]) if kind[c] < 2 else k, r

        # a title one letter off a long query is that title with a typo (the taxonomy's
        # "netwerkeheerder", an advisor's "administratief medewerkr"): as good as an
        # alternative label, shown as fuzzy
        tier = np.minimum(kind, 2)
        for r in np.flatnonzero(alt_exact):     # the worker reading names a title exactly
            c = self.row_concept[r]
            if kind[c] < 2 or tier[c] == 1 and self.is_label[row[c]]:
                continue    # a title the query itself names, or a preferred label already
            # among these, a preferred label first, then the group's evidence
            tier[c], kind[c], row[c] = 1, 2, r
            score[c] = 1.0 + _ALT_BONUS * self.is_label[r] + _W_GROUP * group[c]
        near &= tier > 1
        tier[near], kind[near], row[near] = 1, 3, fuzzy_row[near]
        score[near] = 1.0 + _W_GROUP * group[near]

        keep = (kind < 2) | (score > 0)
        idx = np.flatnonzero(keep)
        first_row = _first_by_group(self.row_concept, n)
        shown = np.where(row[idx] >= 0, row[idx], first_row[idx])
        titles = np.array([self.col["title"][r] for r in shown], dtype=object)
        via_group = kind[idx] == 4
        titles[via_group] = group_title[idx][via_group]
        ids = self.concepts[idx]
        # by tier, then score (highest first), then id; ids are unique, so no ties remain
        order = np.lexsort((ids.astype(str), -score[idx], tier[idx]))
        return {
            "id": ids[order],
            "matched_title": titles[order],
            "match": np.asarray(MATCH_KINDS)[kind[idx][order]],
            "score": np.round(100 * np.where(kind[idx] < 2, 1.0,
                                             np.minimum(score[idx], 1.0)), 2)[order],
        }

    def _word_scores(self, qvec, q_mass, qhead, use):
        """Per concept: its best title's word score blended with how much of the query its
        titles hold together, and that title's row (-1: none)."""
        n = len(self.concepts)
        if q_mass <= 0:
            return np.zeros(n), np.full(n, -1)
        overlap = self.T.dot(qvec)
        with np.errstate(divide="ignore", invalid="ignore"):
            rec = np.minimum(overlap / q_mass, 1.0)
            prec = np.where(self.row_mass > 0, np.minimum(overlap / self.row_mass, 1.0), 0.0)
            f = np.where(overlap > 0, 2 * rec * prec / (rec + prec), 0.0)
        f = np.where(use, f, 0.0) * self._head_factor(qhead)
        f = f * np.where(self.is_label, 1.0, _ALT_DISCOUNT)
        best = _argmax_by_group(f, self.row_concept, n)
        title = np.where(best >= 0, f[np.maximum(best, 0)], 0.0)
        cover = np.minimum(self.C.dot(qvec) / q_mass, 1.0)
        return _W_TITLE * title + _W_CONCEPT * cover, best

    def _fuzzy_scores(self, plain, use, unknown_share):
        """Per concept: the character similarity (0-1) of its closest title, and its row;
        short titles take no part. None when every word of the query is known (then
        characters add nothing the words did not say)."""
        from rapidfuzz import fuzz, process

        n = len(self.concepts)
        score, row = np.zeros(n), np.full(n, -1)
        long = len(plain.replace(" ", "")) >= _NEAR_LENGTH
        if unknown_share == 0 and not long:
            return score, row, np.zeros(n, bool)
        candidates = np.flatnonzero(use & ~self.col["short"])
        if self._plain_all is None:
            self._plain_all = np.asarray(list(self.col["plain"]), dtype=object)
        cutoff = 50 if unknown_share > 0 else 100 * _NEAR
        found = process.extract(plain, self._plain_all[candidates],
                                scorer=fuzz.ratio, limit=200, score_cutoff=cutoff)
        for _, s, i in found:
            r = candidates[i]
            c = self.row_concept[r]
            if s / 100.0 > score[c]:
                score[c], row[c] = s / 100.0, r
        near = (score >= _NEAR) & long
        # A typo leaves 85-95% of the characters in place; two different titles that share
        # a word often 70-80%. Only the former is fuzzy evidence worth much.
        return np.clip((score - _FUZZY_FLOOR) / (1 - _FUZZY_FLOOR), 0, 1), row, near

def _build_arrays(titles, groups, members, heads=True, labels=None):
    """Everything an index needs, as arrays: titles parsed into word parts, the title x
    word matrix, the group titles and memberships, the lexicon and the synonyms."""
    rows = []
    for cid, title, lang, kind in zip(*(titles[c].tolist() for c in ("id", "title", "lang",
                                                                    "kind"))):
        for variant in title_variants(title):
            rows.append((cid, title, variant, lang, kind))
    ids, full, variants, langs, kinds = (list(x) for x in zip(*rows)) if rows else ([],) * 5
    group_titles = [] if groups is None else [
        (gid, part) for gid, title in zip(groups["id"].tolist(), groups["title"].tolist())
        for part in _group_parts(title)]
    lexicon = Lexicon(variants + [t for _, t in group_titles])
    parsed = {v: lexicon.words(v) for v in set(variants)}
    words = [parsed[v] for v in variants]
    morphs = [[p for w in ws for p in w] for ws in words]
    group_words = [lexicon.words(t) for _, t in group_titles]
    group_morphs = [{p for w in ws for p in w} for ws in group_words]
    plain = [simplify(v) for v in variants]
    short = np.array([len(p.replace(" ", "")) <= _SHORT for p in plain], bool)

    vocab = {}
    for m in group_morphs:      # words only group titles use still count as evidence
        for w in sorted(m):
            vocab.setdefault(w, len(vocab))
    indptr, indices = [0], []
    for m in morphs:
        indices.extend(sorted({vocab.setdefault(w, len(vocab)) for w in m}))
        indptr.append(len(indices))
    row_of = np.repeat(np.arange(len(morphs)), np.diff(indptr))
    keys = [" ".join(sorted(m)) for m in morphs]
    n_words = len(vocab)
    t_col_indptr, t_col_rows = _columns(np.asarray(indptr), np.asarray(indices, np.int64),
                                        n_words)
    # concept x word pattern (short titles left out) and the words' idf over concepts
    import pandas as pd     # building takes the taxonomy's tables; reading needs numpy only

    concept_of = pd.Index(list(dict.fromkeys(ids))).get_indexer(ids)
    live = ~short[row_of]
    pairs = np.unique(np.stack([concept_of[row_of[live]],
                                np.asarray(indices, np.int64)[live]]), axis=1) \
        if live.any() else np.zeros((2, 0), np.int64)
    n_concepts = int(concept_of.max()) + 1 if len(concept_of) else 0
    c_indptr = np.r_[0, np.cumsum(np.bincount(pairs[0], minlength=n_concepts))]
    df = np.bincount(pairs[1], minlength=n_words)
    idf = np.log((1 + n_concepts) / (1 + df)) + 1.0
    a = {
        "concepts": list(dict.fromkeys(ids)), "row_concept": concept_of.astype(np.int32),
        "langs": sorted(set(langs)), "is_label": np.asarray(kinds) == "label",
        "title": full, "key": keys, "key_hash": np.array([_hash(k) for k in keys], np.int64),
        "plain": plain, "plain_hash": np.array([_hash(p) for p in plain], np.int64),
        "short": short,
        "vocab": list(vocab), "vocab_sorted": sorted(vocab),
        "vocab_reversed": sorted(w[::-1] for w in vocab),
        "T_indptr": np.asarray(indptr, np.int64), "T_indices": np.asarray(indices, np.int32),
        "T_col_indptr": t_col_indptr, "T_col_rows": t_col_rows.astype(np.int32),
        "C_indptr": c_indptr.astype(np.int64), "C_indices": pairs[1].astype(np.int32),
        "idf": idf,
    }
    a["row_lang"] = np.asarray([a["langs"].index(x) for x in langs], np.int32)
    values, codes = _codes([head(ws) if heads else "" for ws in words])
    a["head_values"], a["head_codes"] = list(values), codes.astype(np.int32)
    a.update(lexicon.to_arrays())
    if labels is not None:
        concepts = list(dict.fromkeys(ids))
        for lang in ("en", "nl"):
            a[f"concept_label_{lang}"] = [
                v if isinstance(v, str) else "" for v in labels[f"label_{lang}"].reindex(concepts)]
    syn = _mine_synonyms(ids, keys)
    a["syn_from"] = [x for x, ys in syn.items() for _ in ys]
    a["syn_to"] = [y for ys in syn.values() for y in ys]
    a.update(_group_arrays(group_titles, group_morphs, group_words, members, vocab,
                           list(dict.fromkeys(ids))))
    return a


def _group_arrays(group_titles, group_morphs, group_words, members, vocab, concepts):
    empty = {"group_ids": [], "group_titles": [], "group_of_title": np.zeros(0, np.int64),
             "G_indptr": np.zeros(1, np.int64), "G_indices": np.zeros(0, np.int64),
             "G_col_indptr": np.zeros(len(vocab) + 1, np.int64),
             "G_col_rows": np.zeros(0, np.int64),
             "G_head": [], "M_rows": np.zeros(0, np.int64), "M_cols": np.zeros(0, np.int64),
             "M_data": np.zeros(0)}
    if not group_titles or members is None or members.empty:
        return empty
    import pandas as pd

    gids = pd.Index(list(dict.fromkeys(g for g, _ in group_titles)))
    indptr, indices = [0], []
    for m in group_morphs:
        indices.extend(sorted(vocab[w] for w in m))
        indptr.append(len(indices))
    c = pd.Index(concepts).get_indexer(members["concept"])
    g = gids.get_indexer(members["group"])
    ok = (c >= 0) & (g >= 0)
    w = members["weight"].to_numpy(float) if "weight" in members else np.ones(len(c))
    g_col_indptr, g_col_rows = _columns(np.asarray(indptr), np.asarray(indices, np.int64),
                                        len(vocab))
    return {
        "group_ids": list(gids), "group_titles": [t for _, t in group_titles],
        "group_of_title": gids.get_indexer([gid for gid, _ in group_titles]).astype(np.int64),
        "G_indptr": np.asarray(indptr, np.int64), "G_indices": np.asarray(indices, np.int64),
        "G_col_indptr": g_col_indptr, "G_col_rows": g_col_rows,
        "G_head": [head(ws) for ws in group_words],
        "M_rows": c[ok].astype(np.int64), "M_cols": g[ok].astype(np.int64), "M_data": w[ok],
    }


def _mine_synonyms(ids, keys, min_concepts=_SYNONYM_MIN):
    """Words the taxonomy itself uses for one another: two titles of one concept that
    differ in exactly one word each ("coordinator jeugdwerk" / "coordinator
    jongerenwerk"), in at least ``min_concepts`` concepts."""
    import itertools
    from collections import defaultdict

    by_concept = defaultdict(set)
    for cid, key in zip(ids, keys):
        if key:
            by_concept[cid].add(frozenset(key.split()))
    seen = defaultdict(set)
    for cid, bags in by_concept.items():
        for a, b in itertools.combinations(bags, 2):
            if len(a) != len(b) or len(a) < 2:
                continue
            da, db = a - b, b - a
            if len(da) == 1:
                x, y = next(iter(da)), next(iter(db))
                seen[(x, y)].add(cid)
                seen[(y, x)].add(cid)
    out = defaultdict(list)
    for (x, y), cids in sorted(seen.items()):
        if len(cids) >= min_concepts:
            out[x].append(y)
    return dict(out)


def _strings(values):
    """A stored list of strings as a list (decoded at once)."""
    return values.tolist() if hasattr(values, "tolist") else list(values)


def _hash(text):
    """A stable 64-bit hash of ``text`` (Python's own changes from process to process)."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(),
                          "little", signed=True)


def _codes(values):
    """(distinct values, code of each value)."""
    distinct, codes = np.unique(np.asarray(values, dtype=object).astype(str),
                                return_inverse=True)
    return distinct, codes


def _same_head(heads, qhead):
    """Whether each head is ``qhead`` or a compound ending in it (compared once per distinct
    head, then spread over the rows)."""
    distinct, codes = heads
    hit = np.array([h == qhead or (len(qhead) >= _MIN_SUFFIX and h.endswith(qhead))
                    for h in distinct], bool)
    return hit[codes] if len(hit) else np.zeros(len(codes), bool)


class _Sparse:
    """A sparse matrix as compressed rows (indptr, indices, data): just the products the
    search needs, in numpy (scipy is not needed to read and query an index)."""

    def __init__(self, indptr, indices, data, n_cols):
        self.indptr = np.asarray(indptr, np.int64)
        self.indices = np.asarray(indices, np.int64)
        self.data = None if data is None else np.asarray(data, float)
        self.n_rows, self.n_cols = len(self.indptr) - 1, int(n_cols)
        self._rows = np.repeat(np.arange(self.n_rows), np.diff(self.indptr))

    def dot(self, vec):
        """``M @ vec`` for a dense vector over the columns."""
        values = vec[self.indices]
        if self.data is not None:
            values = values * self.data
        return np.bincount(self._rows, weights=values, minlength=self.n_rows)

    def row(self, i):
        return self.indices[self.indptr[i]:self.indptr[i + 1]]


def _columns(indptr, indices, n_cols):
    """The column-wise (indptr, row indices) of a compressed-row pattern."""
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    order = np.lexsort((rows, indices))
    counts = np.bincount(indices, minlength=n_cols)
    return np.r_[0, np.cumsum(counts)].astype(np.int64), rows[order].astype(np.int64)


def _group_parts(title):
    """A group title and its enumerated parts that name people: "Postboden en
    postsorteerders" also stands for "postsorteerders"; of "Databank- en
    netwerkspecialisten" only "netwerkspecialisten" is a part of its own."""
    import re

    parts = [p.strip() for p in re.split(r",| en | and ", str(title)) if p.strip()]
    named = [p for p in parts if simplify(p).endswith(_AGENT_PLURALS)]
    return list(dict.fromkeys([str(title)] + (named if len(parts) > 1 else [])))


def _argmax_by_group(values, groups, n):
    """Per group, the position of its largest positive value (-1 when none)."""
    first = np.full(n, -1)
    if len(values) == 0:
        return first
    order = np.lexsort((-values, groups))
    g = groups[order]
    starts = np.r_[True, g[1:] != g[:-1]]
    best = order[starts]
    ok = values[best] > 0
    first[g[starts][ok]] = best[ok]
    return first


def _first_by_group(groups, n):
    first = np.full(n, -1)
    pos = np.arange(len(groups))[::-1]
    first[groups[::-1]] = pos
    return first
