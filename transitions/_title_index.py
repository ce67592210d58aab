"""Ranked lookup of concepts (occupations, skills) by the titles people type.

One :class:`TitleIndex` holds every title of a set of concepts (preferred and
alternative labels, both languages) as bags of morphemes
(:mod:`transitions._wordforms`) and answers a query in four tiers:

1. ``label``: the query and a preferred label are the same bag of morphemes
   (same words after folding female forms, plurals, spacing and hyphens);
2. ``altlabel``: the same with an alternative label;
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
import pandas as pd
import scipy.sparse as sp

from ._wordforms import AGENT_ENDINGS, Lexicon, head, simplify, title_variants

__all__ = ["TitleIndex", "MATCH_KINDS"]

#: Match kinds, best first.
MATCH_KINDS = ("label", "altlabel", "words", "fuzzy", "group")
_SHORT = 3            # titles this short (letters) match only exactly
_MIN_UNKNOWN = 4      # unknown query parts shorter than this do not count
_W_TITLE, _W_CONCEPT, _W_GROUP = 0.6, 0.4, 0.3
_HEAD_ELSEWHERE, _HEAD_MISSING = 0.85, 0.6
_ALT_DISCOUNT = 0.95  # an alternative label counts a little less than the preferred one
_FUZZY_DISCOUNT = 0.9
_FUZZY_FLOOR = 0.6    # character similarity that counts as no evidence
_FUZZY_KNOWN = 0.3    # weight of fuzzy evidence when every word of the query is known
_RELATED_PREFIX = 6   # words sharing this many first letters (and 3/4 of the shorter) are
_RELATED_WEIGHT = 0.5  # related (administratief, administratie): half the evidence
_AGENT_PLURALS = tuple(e + s for e in AGENT_ENDINGS for s in ("s", "en", "e", ""))
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
    """

    def __init__(self, titles, groups=None, members=None, heads=True):
        self._load(_build_arrays(titles, groups, members, heads))

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
        table = pd.DataFrame({c: a[c] for c in ("id", "title", "lang", "kind", "key", "head",
                                                "plain")})
        table["short"] = np.asarray(a["short"], bool)
        self.table = table
        self.concepts = pd.Index(pd.unique(table["id"]))
        self.row_concept = self.concepts.get_indexer(table["id"])
        words = list(a["vocab"])
        self.vocab = {w: j for j, w in enumerate(words)}
        self._sorted_vocab = sorted(words)
        self._reversed_vocab = sorted(w[::-1] for w in words)
        n_rows = len(table)
        self.T = sp.csr_matrix((a["T_data"], a["T_indices"], a["T_indptr"]),
                               shape=(n_rows, len(words)))
        self.T_csc = self.T.tocsc()
        R = sp.csr_matrix((np.ones(n_rows), (self.row_concept, np.arange(n_rows))),
                          shape=(len(self.concepts), n_rows))
        C = (R @ self.T).tocsr()
        C.data[:] = 1.0
        C.eliminate_zeros()
        df = np.asarray(C.sum(axis=0)).ravel()
        self.idf = np.log((1 + len(self.concepts)) / (1 + df)) + 1.0
        self.C = C
        self.row_mass = self.T @ self.idf
        self.synonyms = {}
        for x, y in zip(a["syn_from"], a["syn_to"]):
            self.synonyms.setdefault(x, []).append(y)
        self.use_heads = any(a["head"][:1000])
        self.G = None
        if len(a["group_titles"]):
            gids = list(a["group_ids"])
            self.group_titles = list(a["group_titles"])
            self.G = sp.csr_matrix((np.ones(len(a["G_indices"])), a["G_indices"], a["G_indptr"]),
                                   shape=(len(self.group_titles), len(words)))
            self.G_csc = self.G.tocsc()
            self.G_mass = self.G @ self.idf
            self.G_group = np.asarray(a["group_of_title"], np.int64)
            self.G_head = np.asarray(a["G_head"], dtype=object)
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
        overlap = self.G @ qvec
        with np.errstate(divide="ignore", invalid="ignore"):
            rec = np.minimum(overlap / q_mass, 1.0)
            prec = np.where(self.G_mass > 0, np.minimum(overlap / self.G_mass, 1.0), 0.0)
            f = np.where(overlap > 0, 2 * rec * prec / (rec + prec), 0.0)
        f = f * self._head_factor(qhead, self.G_csc, self.G_head)
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
        matrix = self.T_csc if matrix is None else matrix
        heads = self.table["head"].to_numpy() if heads is None else heads
        j = self.vocab.get(qhead)
        if j is None and len(qhead) < _MIN_SUFFIX:
            return 1.0
        if j is None:
            j = len(self.vocab)       # a column no title has
        has = np.zeros(matrix.shape[0], bool)
        if j < matrix.shape[1]:
            has[matrix.indices[matrix.indptr[j]:matrix.indptr[j + 1]]] = True
        # a compound with the query's head is a kind of it: gegevensinvoerder is an invoerder
        same = (heads == qhead) | (np.char.endswith(heads.astype(str), qhead)
                                   if len(qhead) >= _MIN_SUFFIX else False)
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

    def exact(self, query, *, lang=None):
        """Concepts whose preferred label (first set) or alternative label (second set) has
        the same words as ``query`` (short titles: the same letters)."""
        table = self.table
        mask = self._exact_rows(query)
        if lang is not None:
            mask &= (table["lang"] == lang).to_numpy()
        kinds = table["kind"].to_numpy()[mask]
        ids = table["id"].to_numpy()[mask]
        return set(ids[kinds == "label"]), set(ids[kinds != "label"])

    def _exact_rows(self, query):
        key = " ".join(sorted(self.lexicon.morphemes(query)))
        plain = simplify(query)
        return (((self.table["key"].to_numpy() == key) & (key != ""))
                | (self.table["plain"].to_numpy() == plain))

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
        table = self.table
        use = np.ones(len(table), bool) if lang is None else (table["lang"] == lang).to_numpy()
        key, qhead, qvec, q_mass = self.query_vector(query)
        plain = simplify(query)
        n = len(self.concepts)

        word, word_row = self._word_scores(qvec, q_mass, qhead, use)
        corrected = self._corrected
        if corrected:       # words found through a spelling correction are fuzzy evidence
            word = _FUZZY_DISCOUNT * word
        fuzzy, fuzzy_row = self._fuzzy_scores(plain, use, self._unknown_share)
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
            k = 0 if table["kind"].iat[r] == "label" else 1
            if k < kind[c] or kind[c] > 1:
                kind[c], row[c] = min(k, kind[c]) if kind[c] < 2 else k, r

        keep = (kind < 2) | (score > 0)
        idx = np.flatnonzero(keep)
        first_row = _first_by_group(self.row_concept, n)
        shown = np.where(row[idx] >= 0, row[idx], first_row[idx])
        titles = table["title"].to_numpy()[shown].astype(object)
        via_group = kind[idx] == 4
        titles[via_group] = group_title[idx][via_group]
        out = pd.DataFrame({
            "id": self.concepts[idx],
            "matched_title": titles,
            "match": np.asarray(MATCH_KINDS)[kind[idx]],
            "score": np.round(100 * np.where(kind[idx] < 2, 1.0, np.minimum(score[idx], 1.0)), 2),
            "_tier": np.minimum(kind[idx], 2),
            "_rank": score[idx],
        })
        out = out.sort_values(["_tier", "_rank", "id"], ascending=[True, False, True],
                              kind="stable")
        return out.drop(columns=["_tier", "_rank"]).reset_index(drop=True)

    def _word_scores(self, qvec, q_mass, qhead, use):
        """Per concept: its best title's word score blended with how much of the query its
        titles hold together, and that title's row (-1: none)."""
        n = len(self.concepts)
        if q_mass <= 0:
            return np.zeros(n), np.full(n, -1)
        overlap = self.T @ qvec
        with np.errstate(divide="ignore", invalid="ignore"):
            rec = np.minimum(overlap / q_mass, 1.0)
            prec = np.where(self.row_mass > 0, np.minimum(overlap / self.row_mass, 1.0), 0.0)
            f = np.where(overlap > 0, 2 * rec * prec / (rec + prec), 0.0)
        f = np.where(use, f, 0.0) * self._head_factor(qhead)
        f = f * np.where(self.table["kind"].to_numpy() == "label", 1.0, _ALT_DISCOUNT)
        best = _argmax_by_group(f, self.row_concept, n)
        title = np.where(best >= 0, f[np.maximum(best, 0)], 0.0)
        cover = np.minimum((self.C @ qvec) / q_mass, 1.0)
        return _W_TITLE * title + _W_CONCEPT * cover, best

    def _fuzzy_scores(self, plain, use, unknown_share):
        """Per concept: the character similarity (0-1) of its closest title, and its row;
        short titles take no part. None when every word of the query is known (then
        characters add nothing the words did not say)."""
        from rapidfuzz import fuzz, process

        n = len(self.concepts)
        score, row = np.zeros(n), np.full(n, -1)
        if unknown_share == 0:
            return score, row
        candidates = np.flatnonzero(use & ~self.table["short"].to_numpy())
        found = process.extract(plain, self.table["plain"].to_numpy()[candidates],
                                scorer=fuzz.ratio, limit=200, score_cutoff=50)
        for _, s, i in found:
            r = candidates[i]
            c = self.row_concept[r]
            if s / 100.0 > score[c]:
                score[c], row[c] = s / 100.0, r
        # A typo leaves 85-95% of the characters in place; two different titles that share
        # a word often 70-80%. Only the former is fuzzy evidence worth much.
        return np.clip((score - _FUZZY_FLOOR) / (1 - _FUZZY_FLOOR), 0, 1), row

def _build_arrays(titles, groups, members, heads=True):
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
    a = {
        "id": ids, "title": full, "lang": langs, "kind": kinds, "key": keys,
        "head": [head(ws) if heads else "" for ws in words], "plain": plain, "short": short,
        "vocab": list(vocab),
        # short titles take no part in word matching
        "T_indptr": np.asarray(indptr, np.int64), "T_indices": np.asarray(indices, np.int64),
        "T_data": (~short[row_of]).astype(float),
    }
    a.update(lexicon.to_arrays())
    syn = _mine_synonyms(ids, keys)
    a["syn_from"] = [x for x, ys in syn.items() for _ in ys]
    a["syn_to"] = [y for ys in syn.values() for y in ys]
    a.update(_group_arrays(group_titles, group_morphs, group_words, members, vocab,
                           list(dict.fromkeys(ids))))
    return a


def _group_arrays(group_titles, group_morphs, group_words, members, vocab, concepts):
    empty = {"group_ids": [], "group_titles": [], "group_of_title": np.zeros(0, np.int64),
             "G_indptr": np.zeros(1, np.int64), "G_indices": np.zeros(0, np.int64),
             "G_head": [], "M_rows": np.zeros(0, np.int64), "M_cols": np.zeros(0, np.int64),
             "M_data": np.zeros(0)}
    if not group_titles or members is None or members.empty:
        return empty
    gids = pd.Index(list(dict.fromkeys(g for g, _ in group_titles)))
    indptr, indices = [0], []
    for m in group_morphs:
        indices.extend(sorted(vocab[w] for w in m))
        indptr.append(len(indices))
    c = pd.Index(concepts).get_indexer(members["concept"])
    g = gids.get_indexer(members["group"])
    ok = (c >= 0) & (g >= 0)
    w = members["weight"].to_numpy(float) if "weight" in members else np.ones(len(c))
    return {
        "group_ids": list(gids), "group_titles": [t for _, t in group_titles],
        "group_of_title": gids.get_indexer([gid for gid, _ in group_titles]).astype(np.int64),
        "G_indptr": np.asarray(indptr, np.int64), "G_indices": np.asarray(indices, np.int64),
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
