"""Matchers and indices derived from the lexicons, built once per process.

A lexicon entry's surface forms (name, synonyms, brands, variants) match
case-insensitively, with spaces and hyphens interchangeable and an optional
plural; abbreviations match case-sensitively ("MTX", "GCs"), so that an
English word never reads as a drug code. Matching is spaCy's ``PhraseMatcher``
over the text's words, with the plurals generated from the lexicon entries
(:class:`PhraseIndex`), so its cost grows with the text, not with the lexicon.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import lexicons

#: lexicon file → entity label
LABELS = {
    "drugs": "drug",
    "diseases": "disease",
    "instruments": "instrument",
    "manifestations": "manifestation",
    "labs": "lab",
    "adverse_event_terms": "ae",
}


def _key(label: str, entry: dict) -> str:
    return entry["acronym"] if label == "instrument" else entry["name"]


def _surfaces(label: str, entry: dict) -> tuple[list[str], list[str]]:
    """(case-insensitive surface forms, case-sensitive ones) of a lexicon entry."""
    loose: list[str] = []
    exact: list[str] = []
    if label == "instrument":
        # an ambiguous acronym ("CI": confidence interval) counts only where the text defines it
        if not entry.get("ambiguous"):
            exact += [entry["acronym"], *entry.get("variants", [])]
        loose += [entry["name"], *entry.get("synonyms", [])]
    else:
        loose += [entry["name"], *entry.get("synonyms", []), *entry.get("brands", [])]
        # an ambiguous short form ("DM": dermatomyositis or diabetes) counts only where the text defines it
        ambiguous = set(entry.get("ambiguous_abbreviations", []))
        exact += [a for a in entry.get("abbreviations", []) if a not in ambiguous]
    if entry.get("case_sensitive"):
        exact += loose
        loose = []
    return [s for s in loose if s], [s for s in exact if s]


#: a word of a surface form or of a text: letters/digits (any script: "TNF-α"), with an apostrophe inside
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
#: what may stand between two words of one mention: spaces, hyphens, dashes, a slash
JOINER = re.compile(r"[\s\-\u2010-\u2015/]*")
MAX_WORDS = 12


def _words(surface: str, exact: bool) -> tuple[str, ...]:
    ws = [w.replace("’", "'") for w in WORD.findall(surface)]
    return tuple(ws if exact else (w.lower() for w in ws))


Words = list[tuple[int, int, str]]  # (start, end, word as written) for every word of a text


def text_words(text: str) -> Words:
    """The text's words with "’" read as "'", found in the text with every "’" already read so: ``WORD``
    treats the two apostrophes alike and the replacement keeps the length, so the words and their offsets
    are the same as matching the text itself and replacing within each word, at one replacement per text."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text.replace("’", "'"))]


@dataclass
class LexiconMatcher:
    """One lexicon's surface forms, keyed by their words (lower-cased unless case-sensitive), so spaces
    and hyphens are interchangeable. Finding them in a text is :class:`PhraseIndex`'s job (spaCy's
    ``PhraseMatcher``); ``find(text)`` is the one-lexicon shortcut."""

    label: str
    loose: dict[tuple[str, ...], str]
    exact: dict[tuple[str, ...], str]
    by_surface: dict[str, str]
    longest: int
    name: str = ""
    firsts: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.firsts = frozenset(k[0] for k in self.pattern_keys())

    def pattern_keys(self) -> set[tuple[str, ...]]:
        """Every surface form as lower-case words (case-sensitive ones too: their case is checked on a hit)."""
        return {tuple(w.lower() for w in k) for k in (*self.loose, *self.exact)}

    def patterns(self) -> set[tuple[str, ...]]:
        """The phrase patterns: each surface form and its generated plurals ("-s", "-es" on the last
        word), so no lexicon lists plurals or hyphen/space spellings by hand (words are split on both)."""
        out: set[tuple[str, ...]] = set()
        for k in self.pattern_keys():
            if len(k) > self.longest:
                continue
            out.add(k)
            out.add((*k[:-1], k[-1] + "s"))
            out.add((*k[:-1], k[-1] + "es"))
        return out

    def find(self, text: str, words: Words | None = None) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, key) mentions of this lexicon in ``text``, longest first."""
        return phrase_index((self.name,)).find(text, words)[0]

    def _match(self, words: Words, lower: list[str], i: int, j: int) -> str | None:
        """The key of words ``i..j`` (the last one maybe plural), case-sensitive surface forms first."""
        last = words[j][2]
        head = tuple(w for _, _, w in words[i:j])
        lhead = tuple(lower[i:j])
        for cand in (last, last[:-1] if last.endswith("s") else None, last[:-2] if last.endswith("es") else None):
            if not cand:
                continue
            key = self.exact.get((*head, cand))
            if key is None:
                key = self.loose.get((*lhead, cand.lower()))
            if key is not None:
                return key
        return None

    def lookup(self, surface: str) -> str | None:
        s = norm_surface(surface)
        for cand in (s, s[:-1], s[:-2]):
            if cand in self.by_surface:
                return self.by_surface[cand]
        return None


#: the stand-in for a text's word that is in no pattern (a control character: never a word of a lexicon)
OTHER = "\x00"


#: what a hyphenated compound says about the patients' exposure to the drug before it ("TNFi-experienced",
#: "tocilizumab-treated", "MTX-naive"): the compound still names that drug. Not "-resistant" or
#: "-refractory": "colchicine-resistant FMF" names a disease state, and a title's drug reads as the study's
_TREATED_TAIL = re.compile(r"(?:treated|pretreated|experienced|na[iï]ve|exposed)(?![\w-])", re.IGNORECASE)


class PhraseIndex:
    """The surface forms of several lexicons in one spaCy ``PhraseMatcher`` (lower-cased words), built
    once per process (:func:`phrase_index`).

    It runs over a doc of the text's words (``WORD``: letters and digits, so "TNF-alpha",
    "TNF alpha" and "TNF/alpha" are the same three words), then each hit is checked as the
    lexicon defines a mention: the words joined only by spaces, hyphens, dashes or slashes; a
    case-sensitive form ("MTX", "GCs") in its own case; not the tail of a hyphenated word
    ("non-responders") nor the head of one ("IFN-I-regulated"); the longest hit at a start,
    then the longest of overlapping ones.
    """

    def __init__(self, names: tuple[str, ...]) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc
        from spacy.vocab import Vocab

        self.names = names
        self.matchers = [matcher(name) for name in names]
        self.vocab = Vocab()
        # ORTH over lower-cased words: a bare ``Vocab`` has no lexical attribute getters, so its
        # ``LOWER`` would be empty for every word and every pattern would match everywhere
        self.phrase = PhraseMatcher(self.vocab, attr="ORTH")
        self._doc = Doc
        words: set[str] = set()
        for name, m in zip(names, self.matchers, strict=True):
            patterns = sorted(m.patterns())
            words.update(w for p in patterns for w in p)
            self.phrase.add(name, [Doc(self.vocab, words=list(p)) for p in patterns])
        self.ids = {self.vocab.strings[name]: k for k, name in enumerate(names)}
        #: every word of some pattern; any other word of a text is matched as OTHER, which no pattern
        #: holds, so the vocabulary never grows with the texts (memory stays flat on long runs)
        self.words = frozenset(words)

    def find(self, text: str, words: Words | None = None) -> list[list[tuple[int, int, str]]]:
        """For each lexicon (in ``names`` order): its non-overlapping (start, end, key) mentions."""
        words = text_words(text) if words is None else words
        if not words:
            return [[] for _ in self.names]
        lower = [w.lower() for _, _, w in words]
        # lexicon → start word → end words (inclusive) of the phrases found there
        cands: list[dict[int, set[int]]] = [{} for _ in self.names]
        known = self.words
        doc = self._doc(self.vocab, words=[w if w in known else OTHER for w in lower])
        for match_id, i, j in self.phrase(doc):
            cands[self.ids[match_id]].setdefault(i, set()).add(j - 1)
        joined: dict[int, bool] = {}

        def joins(j: int) -> bool:  # words j-1 and j are one mention's
            if j not in joined:
                joined[j] = JOINER.fullmatch(text, words[j - 1][1], words[j][0]) is not None
            return joined[j]

        out: list[list[tuple[int, int, str]]] = []
        for m, starts in zip(self.matchers, cands, strict=True):
            hits: list[tuple[int, int, str]] = []
            for i in sorted(starts):
                # a "-es" plural counts only where the word less its "s" starts a surface form
                if lower[i] not in m.firsts and _singular(lower[i]) not in m.firsts:
                    continue
                start = words[i][0]
                if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
                    continue  # "non-responders": not a mention of "responders"
                best = None
                for j in sorted(starts[i]):
                    if j - i >= m.longest or not all(joins(k) for k in range(i + 1, j + 1)):
                        break
                    key = m._match(words, lower, i, j)
                    if key is not None:
                        best = (start, words[j][1], key)
                if best is not None:
                    end = best[1]
                    if end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum() and not _TREATED_TAIL.match(text, end + 1):
                        continue  # "IFN-I-regulated": part of a longer word (but "MTX-naive" names MTX)
                    hits.append(best)
            out.append(_longest_first(hits))
        return out


@functools.cache
def phrase_index(names: tuple[str, ...]) -> PhraseIndex:
    """The :class:`PhraseIndex` of these lexicons, compiled once per process."""
    return PhraseIndex(names)


def _singular(w: str) -> str:
    return w[:-1] if w.endswith("s") else w


def norm_surface(s: str) -> str:
    return re.sub(r"[\s\-\u2010-\u2015]+", " ", s.strip().lower().replace("’", "'"))


def _longest_first(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for h in hits:
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
    return out


@functools.cache
def matcher(lexicon: str) -> LexiconMatcher:
    label = LABELS[lexicon]
    loose: dict[tuple[str, ...], str] = {}
    exact: dict[tuple[str, ...], str] = {}
    by_surface: dict[str, str] = {}
    longest = 1
    for entry in lexicons.with_sources(lexicon):
        lo, ex = _surfaces(label, entry)
        key = _key(label, entry)
        for s in lo + ex:
            by_surface.setdefault(norm_surface(s), key)
        for s in lo:
            w = _words(s, exact=False)
            if w:
                loose.setdefault(w, key)
                longest = max(longest, len(w))
        for s in ex:
            w = _words(s, exact=True)
            if w:
                exact.setdefault(w, key)
                longest = max(longest, len(w))
    return LexiconMatcher(label=label, loose=loose, exact=exact, by_surface=by_surface, longest=min(longest, MAX_WORDS),
                          name=lexicon)


@functools.cache
def entries(lexicon: str) -> dict[str, dict]:
    """Lexicon entries by key (drug/disease/lab name, instrument acronym)."""
    label = LABELS[lexicon]
    return {_key(label, e): e for e in lexicons.with_sources(lexicon)}


@functools.lru_cache(maxsize=1)
def abbreviation_long_forms() -> dict[str, list[str]]:
    """Short form → its known long forms (an ambiguous "CI" has several), from every lexicon."""
    out: dict[str, list[str]] = {}

    def add(short: str, long: str) -> None:
        if long not in out.setdefault(short, []):
            out[short].append(long)

    for e in lexicons.load("general_abbreviations"):
        add(e["short"], e["long"])
    for e in lexicons.load("diseases"):
        for a in e.get("abbreviations", []):
            add(a, e["name"])
    for e in lexicons.load("instruments"):
        add(e["acronym"], e["name"])
    for e in lexicons.load("drugs"):
        for a in e.get("abbreviations", []):
            add(a, e["name"])
    return out


abbreviation_policy = lexicons.abbreviation_policy


@functools.lru_cache(maxsize=1)
def known_short_forms() -> frozenset[str]:
    """Every short form some lexicon knows (defined or not in a text, it needs no warning)."""
    out: set[str] = set(abbreviation_long_forms())
    out.update(abbreviation_policy().get("ignore", []))
    for lexicon in LABELS:
        m = matcher(lexicon)
        out.update(k for k in m.by_surface.values())
    for lexicon in ("drugs", "diseases", "labs", "adverse_event_terms", "manifestations"):
        for e in lexicons.load(lexicon):
            for key in ("abbreviations", "synonyms", "brands"):
                out.update(s for s in e.get(key, []) if s and not s.islower())
    for e in lexicons.load("instruments"):
        out.add(e["acronym"])
        out.update(e.get("variants", []))
    return frozenset(out)
