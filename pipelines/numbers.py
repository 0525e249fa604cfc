"""Numbers the way abstracts write them: digits, number words, fractions, percentages.

Pure functions over strings; the regexes are compiled once from the number-word
lexicon (``lexicons/number_words.json``) so "Thirty-eight", "six hundred
eighty-five" and "1,305" all read as integers.
"""

from __future__ import annotations

import functools
import math
import re

from . import lexicons

#: a value as printed: "44.3", or a decimal comma "5,1" (one or two decimals; "1,305" is a thousands comma)
DECIMAL = r"\d+(?:\.\d+|,\d{1,2}(?!\d))?"


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    return lexicons.number_words()


@functools.lru_cache(maxsize=1)
def word_number_pattern() -> str:
    """A regex alternation matching a number written in words (one to nine thousand ...)."""
    w = _words()
    # "no"/"none" are counts only in set phrases ("no patient", "none of the"), handled where they occur
    units = sorted((u for u in w["units"] if u not in ("no", "none")), key=len, reverse=True)
    tens = sorted(w["tens"], key=len, reverse=True)
    scales = sorted(w["scales"], key=len, reverse=True)
    unit = "|".join(units)
    ten = "|".join(tens)
    scale = "|".join(scales)
    small = rf"(?:(?:{ten})(?:[-\s](?:{unit}))?|(?:{unit}))"
    sep = r"[\s\-\u2010-\u2015]+"
    # "two thousand five hundred ninety", "One-hundred-eleven": scale groups may chain
    group = rf"{small}(?:{sep}(?:{scale}))"
    return rf"(?:(?:{group}{sep}(?:and{sep})?){{0,2}}(?:{group}|{small})|{group})"


@functools.lru_cache(maxsize=1)
def count_pattern() -> str:
    """Digits or number words (case-insensitive use expected)."""
    # number words as whole words only: "often" holds no "ten", "seventeen" no "teen"
    return rf"(?:(?<![\d.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?!\d|[.,]\d)|(?<![^\W\d_])(?:{word_number_pattern()})(?![^\W\d_]))"


def parse_number(text: str) -> float | None:
    """'44.3' → 44.3; '1,305' → 1305; '0,5' → 0.5; 'Thirty-eight' → 38; 'none' → 0."""
    s = text.strip().lower()
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", "."))
    value = _parse_words(s)
    return None if value is None else float(value)


def parse_int(text: str) -> int | None:
    s = text.strip()
    if re.fullmatch(r"\d+|\d{1,3}(?:,\d{3})+", s):
        return int(s.replace(",", ""))  # exact, however large
    v = parse_number(s)
    return int(v) if v is not None and v == int(v) else None


def _parse_words(s: str) -> int | None:
    w = _words()
    units, tens, scales = w["units"], w["tens"], w["scales"]
    tokens = [t for t in re.split(r"[\s\-\u2010-\u2015]+", s) if t and t != "and"]
    if not tokens:
        return None
    total = current = 0
    for tok in tokens:
        if tok in units:
            current += units[tok]
        elif tok in tens:
            current += tens[tok]
        elif tok in scales:
            current = max(current, 1) * scales[tok]
            if scales[tok] >= 1000:
                total += current
                current = 0
        else:
            return None
    return total + current


def count_from_percent(percent: float, base: int, printed_decimals: int) -> int | None:
    """The one whole k with k/base, rounded as printed, equal to ``percent`` (record.md's rule).

    "25%" of 4 → 1; "90.3%" of 31 → 28; "94%" of 18 → 17. None when no k, or
    more than one k, fits.
    """
    if base <= 0:
        return None
    k0 = round(percent * base / 100)
    candidates = [k for k in range(k0 - 2, k0 + 3) if 0 <= k <= base]  # only these can round to it
    hits = [k for k in candidates if round(100 * k / base, printed_decimals) == round(percent, printed_decimals)]
    if len(hits) == 1:
        return hits[0]
    if not hits:  # tolerate round-half-even vs half-up differences
        tol = 0.5 * 10 ** (-printed_decimals) + 1e-9
        hits = [k for k in candidates if math.isclose(100 * k / base, percent, abs_tol=tol)]
        if len(hits) == 1:
            return hits[0]
    return None


def decimals(text: str) -> int:
    """How many decimals a printed number has ("90.3" → 1)."""
    m = re.search(r"[.,](\d+)$", text.strip())
    return len(m.group(1)) if m else 0
