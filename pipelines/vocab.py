"""Matchers and indices derived from the lexicons, built once per process.

A lexicon entry's surface forms (name, synonyms, brands, variants) match
case-insensitively, with spaces and hyphens interchangeable and an optional
plural; abbreviations match case-sensitively ("MTX", "GCs"), so that an
English word never reads as a drug code. Matching looks up word n-grams in a
dict, so its cost grows with the text, not with the lexicon.
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
    return [(m.start(), m.end(), m.group(0).replace("’", "'")) for m in WORD.finditer(text)]


@dataclass
class LexiconMatcher:
    """Word n-gram lookup: ``find(text)`` yields non-overlapping (start, end, key), longest first.

    Surfaces are keyed by their words (lower-cased unless case-sensitive), so spaces
    and hyphens are interchangeable and each start position costs a few dict lookups
    instead of a pass of a 50,000-character regex.
    """

    label: str
    loose: dict[tuple[str, ...], str]
    exact: dict[tuple[str, ...], str]
    by_surface: dict[str, str]
    longest: int
    firsts: frozenset[str] = frozenset()
    prefixes: frozenset[tuple[str, ...]] = frozenset()

    def __post_init__(self) -> None:
        keys = [tuple(w.lower() for w in k) for k in (*self.loose, *self.exact)]
        self.firsts = frozenset(k[0] for k in keys)
        self.prefixes = frozenset(k[:m] for k in keys for m in range(1, len(k)))

    def find(self, text: str, words: Words | None = None) -> list[tuple[int, int, str]]:
        words = text_words(text) if words is None else words
        lower = [w.lower() for _, _, w in words]
        hits: list[tuple[int, int, str]] = []
        n = len(words)
        for i in range(n):
            if lower[i] not in self.firsts and _singular(lower[i]) not in self.firsts:
                continue
            start = words[i][0]
            if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
                continue  # "non-responders": not a mention of "responders"
            best = None
            j = i
            while j < n and j - i < self.longest:
                if j > i and (not JOINER.fullmatch(text, words[j - 1][1], words[j][0])
                              or tuple(lower[i:j]) not in self.prefixes):
                    break
                key = self._match(words, lower, i, j)
                if key is not None:
                    best = (start, words[j][1], key)
                j += 1
            if best is not None:
                end = best[1]
                if end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum():
                    continue  # "IFN-I-regulated": part of a longer word
                hits.append(best)
        return _longest_first(hits)

    def _match(self, words: Words, lower: list[str], i: int, j: int) -> str | None:
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
    return LexiconMatcher(label=label, loose=loose, exact=exact, by_surface=by_surface, longest=min(longest, MAX_WORDS))


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
