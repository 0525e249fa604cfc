"""Pre-tests read from a pattern itself: plain texts one of which every match of it contains.

Why: a costly regex searched in every sentence mostly finds nothing. A cheap test first
(``"randomi" in sentence``) skips the search where it cannot match, with the same answer. Such a test
written by hand beside the regex ("words every match must contain") goes stale silently when someone
edits the regex: a new alternative without one of the listed words is then never searched for, and
nothing fails. :func:`required_text` reads the texts from the parsed pattern instead, so they follow
every edit; ``tests/test_prefilters.py`` checks the hand lists that remain against their patterns
with it.

Soundness (a pattern is skipped only where it cannot match):

- A run of literal characters in the pattern, outside any optional part, is held by every match:
  in a sequence every item matches, a group holds what its content holds, a part repeated at least
  once holds what one repetition holds, and an alternation holds one of the texts its branches hold,
  provided every branch holds one (otherwise nothing is read from it). Anything else (character
  sets, optional or ``{0,n}`` parts, look-arounds, back references) contributes nothing.
- Only ASCII runs are kept, lower-cased. Under ``re.IGNORECASE`` an ASCII letter matches itself,
  its other case, and four characters beyond ASCII: "\\u0130" (I with dot) and "\\u0131" (dotless i)
  for i, "\\u017f" (long s) for s, "\\u212a" (Kelvin sign) for k (``re/_casefix.py``); other ASCII
  characters match only themselves. So where the pattern matches, the run stands, lower-cased, in
  :func:`folded` text (the four written as their ASCII letter, then lower-cased), whatever the
  pattern's case flag. A test on ``text.lower()`` alone is exact only for text without those four.

The texts are read with the standard library's own parser (``re._parser``, Python 3.11+); where it
cannot be read, :func:`required_text` answers None and the pattern is always searched.
"""

from __future__ import annotations

import functools
import re

#: the only characters beyond ASCII that case-insensitive matching takes for ASCII letters
#: ("\u0130" and "\u0131" for i, "\u017f" for s, the Kelvin sign for k: re/_casefix.py)
ASCII_LOOKALIKES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def folded(text: str) -> str:
    """``text`` lower-cased, with the four characters of ``ASCII_LOOKALIKES`` written as the ASCII letter they
    match: where a lower-case ASCII word matches ``text`` case-insensitively, it stands here as it is, and
    nowhere else.

    A character matching an ASCII letter case-insensitively is that letter, its capital or one of the four, and
    becomes the letter; a character becoming an ASCII letter here is one of these (the Kelvin sign is the only
    other character that lower-cases to ASCII). Only "\u0130" changes length when lower-cased, so the text keeps
    its length, and lower-casing keeps every character a letter, digit or other (``\\w``, ``\\d``, word
    boundaries stay where they were): checked over every code point on Python 3.11
    (``tests/test_prefilters.py``)."""
    if not text.isascii():
        for lookalike, letter in ASCII_LOOKALIKES.items():
            if lookalike in text:  # rare: replaced only where present (``str.translate`` is slow on every character)
                text = text.replace(lookalike, letter)
    return text.lower()


@functools.lru_cache(maxsize=1024)
def required_text(rx: re.Pattern) -> frozenset[str] | None:
    """Plain texts, lower-cased, one of which every match of ``rx`` contains ("randomi" in
    ``\\brandomi[sz](?:ed|ation)\\b``; "participating", "contributing" or "recruiting" in
    ``\\b(?:participating|contributing|recruiting)\\s+...``), read from the parsed pattern; None where no
    such ASCII text is found or the pattern cannot be read. Look for them in :func:`folded` text."""
    try:
        from re import _parser  # the standard library's own pattern parser (Python 3.11+)

        return _needed(_parser.parse(rx.pattern, rx.flags), _parser)
    except Exception:  # noqa: BLE001 - another Python's parser: no shortcut, every pattern is searched
        return None


def _needed(items, parser) -> frozenset[str] | None:
    """For a parsed sequence: texts one of which each match holds. A run of literal characters is held in
    full; a group, an alternation whose every branch holds one of some texts, or a part repeated at least
    once holds what its parts hold. Of these, the set whose shortest text is longest is kept."""
    best: frozenset[str] | None = None

    def consider(texts: frozenset[str] | None) -> None:
        nonlocal best
        if texts and (best is None or min(map(len, texts)) > min(map(len, best))):
            best = texts

    def plain(run: str) -> frozenset[str] | None:
        return frozenset({run.lower()}) if run and run.isascii() else None

    run = ""
    for op, arg in items:
        if op is parser.LITERAL:
            run += chr(arg)
            continue
        consider(plain(run))
        run = ""
        if op is parser.BRANCH:
            alternatives = [_needed(branch, parser) for branch in arg[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))
        elif op is parser.SUBPATTERN:
            consider(_needed(arg[3], parser))
        elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT) and arg[0] >= 1:
            consider(_needed(arg[2], parser))
    consider(plain(run))
    return best
