"""Matchers and indices derived from the lexicons, built once per process.

A lexicon entry's surface forms (name, synonyms, brands, variants) match
case-insensitively, with spaces and hyphens interchangeable and an optional
plural; abbreviations match case-sensitively ("MTX", "GCs"), so that an
English word never reads as a drug code.
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
        exact += entry.get("abbreviations", [])
    if entry.get("case_sensitive"):
        exact += loose
        loose = []
    return [s for s in loose if s], [s for s in exact if s]


def _pattern(surface: str, exact: bool) -> str:
    parts = re.split(r"[\s\-\u2010-\u2015]+", surface.strip())
    body = r"[\s\-\u2010-\u2015]*".join(re.escape(p) for p in parts if p)
    body = body.replace("'", "['’]?")  # Raynaud's / Raynaud’s / Raynauds
    # an optional plural ("GCs", "infections"); longer alternatives are tried first
    return body + (r"(?:s|es)?" if not exact or surface[-1:].isupper() else r"(?:s)?")


@dataclass
class LexiconMatcher:
    """One compiled regex per lexicon; ``find(text)`` yields (start, end, key) longest-first."""

    label: str
    loose: re.Pattern
    exact: re.Pattern | None
    by_surface: dict[str, str]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        hits: list[tuple[int, int, str]] = []
        for rx in (self.loose, self.exact):
            if rx is None:
                continue
            for m in rx.finditer(text):
                key = self.lookup(m.group(0))
                if key is not None:
                    hits.append((m.start(), m.end(), key))
        return _longest_first(hits)

    def lookup(self, surface: str) -> str | None:
        s = norm_surface(surface)
        for cand in (s, s[:-1], s[:-2]):
            if cand in self.by_surface:
                return self.by_surface[cand]
        return None


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


_B = r"(?<![\w\-])"
_E = r"(?![\w]|-\w)"


@functools.cache
def matcher(lexicon: str) -> LexiconMatcher:
    label = LABELS[lexicon]
    loose: set[str] = set()
    exact: set[str] = set()
    by_surface: dict[str, str] = {}
    for entry in lexicons.load(lexicon):
        lo, ex = _surfaces(label, entry)
        key = _key(label, entry)
        for s in lo + ex:
            by_surface.setdefault(norm_surface(s), key)
        loose.update(lo)
        exact.update(ex)
    lo_alt = "|".join(_pattern(s, False) for s in sorted(loose, key=len, reverse=True))
    ex_alt = "|".join(_pattern(s, True) for s in sorted(exact, key=len, reverse=True))
    return LexiconMatcher(
        label=label,
        loose=re.compile(f"{_B}(?:{lo_alt}){_E}", re.IGNORECASE) if lo_alt else re.compile(r"(?!x)x"),
        exact=re.compile(f"{_B}(?:{ex_alt}){_E}") if ex_alt else None,
        by_surface=by_surface,
    )


@functools.cache
def entries(lexicon: str) -> dict[str, dict]:
    """Lexicon entries by key (drug/disease/lab name, instrument acronym)."""
    label = LABELS[lexicon]
    return {_key(label, e): e for e in lexicons.load(lexicon)}


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


@functools.lru_cache(maxsize=1)
def abbreviation_policy() -> dict:
    return lexicons.load("abbreviation_policy")


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
