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

For checking pre-tests (``tests/test_prefilters.py``) three richer readings follow the same argument:
:func:`required_sets` also spells out small character sets ("[ae]") and parts that can be written out
in full ("stud(?:y|ies)", "trials?"), continues a run through zero-width parts, keeps every set it
finds and says which texts are matched case-sensitively (a hand test on the text as written, such as
``"HR" in text``, is sound only for those); :func:`every_match_holds` proves "every match contains a
text passing this test" branch by branch; :func:`opening_texts` reads what each match opens with (for
pre-tests that try a pattern only at some words).
"""

from __future__ import annotations

import re
import unicodedata

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


def required_text(rx: re.Pattern) -> frozenset[str] | None:
    """Plain texts, lower-cased, one of which every match of ``rx`` contains ("randomi" in
    ``\\brandomi[sz](?:ed|ation)\\b``; "participating", "contributing" or "recruiting" in
    ``\\b(?:participating|contributing|recruiting)\\s+...``), read from the parsed pattern; None where no
    such ASCII text is found or the pattern cannot be read. Look for them in :func:`folded` text.

    Read once per pattern object, remembered by its identity: hashing a compiled pattern hashes its whole
    code (some 70 microseconds for a count pattern), more than a pre-test may cost."""
    kept = _REQUIRED.get(id(rx))
    if kept is None or kept[0] is not rx:
        if len(_REQUIRED) >= 4096:  # patterns built per call would fill it: start again
            _REQUIRED.clear()
        kept = _REQUIRED[id(rx)] = (rx, _read_required_text(rx))  # the pattern kept: its identity is not reused
    return kept[1]


#: id of a pattern -> the pattern and its required texts (``required_text``)
_REQUIRED: dict[int, tuple[re.Pattern, frozenset[str] | None]] = {}


def _read_required_text(rx: re.Pattern) -> frozenset[str] | None:
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


try:
    from re._constants import LITERAL as _LITERAL_OP
    from re._constants import RANGE as _RANGE_OP
except ImportError:  # another Python: character sets are not spelled out
    _LITERAL_OP = _RANGE_OP = object()

#: at most this many exact texts are spelled out for a part of a pattern ("stud(?:y|ies)" gives two)
_MAX_SPELLED = 256


def required_sets(rx: re.Pattern) -> list[frozenset[tuple[str, bool]]]:
    """Every set of plain texts read from ``rx`` one of which each match of it contains, as (text, cased)
    pairs: ``cased`` where the text is matched case-sensitively (the pattern's own case, no ``re.IGNORECASE``
    in force), else lower-cased and looked for in :func:`folded` text. Richer than :func:`required_text`
    (which keeps one set): a literal run continues through zero-width parts (``\\b``, look-arounds) and
    through groups and optional parts whose every match can be spelled out ("studies have", "studies has"
    from ``studies (?:have|has)``), and every set found at the pattern's top level is kept (a pattern
    "divided ... treatment" holds both words). Empty where nothing can be read."""
    try:
        from re import _parser

        parsed = _parser.parse(rx.pattern, rx.flags)
        sets, _ = _sets(list(parsed), _parser, bool(rx.flags & re.IGNORECASE))
        return sets
    except Exception:  # noqa: BLE001 - another Python's parser: nothing read
        return []


def every_match_holds(rx: re.Pattern, holds) -> bool:
    """Whether each match of ``rx`` contains a text read from the pattern (as :func:`required_sets` reads them)
    for which ``holds(text, cased)`` is true: a proof that a pre-test passing on such texts passes wherever
    ``rx`` matches. A sequence proves it by one of its sets or one of its parts, an alternation by proving it
    in every branch (each branch by its own texts), a group or a part repeated at least once by its content."""
    try:
        from re import _parser

        return _proves(list(_parser.parse(rx.pattern, rx.flags)), _parser, bool(rx.flags & re.IGNORECASE), holds)
    except Exception:  # noqa: BLE001 - another Python's parser: nothing proved
        return False


def _proves(items, parser, ignorecase: bool, holds) -> bool:
    sets, _ = _sets(items, parser, ignorecase)
    if any(all(holds(t, cased) for t, cased in texts) for texts in sets):
        return True
    for op, arg in items:
        if op is parser.SUBPATTERN:
            _, add, remove, inner = arg
            ic = (ignorecase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            if _proves(list(inner), parser, ic, holds):
                return True
        elif op is parser.BRANCH:
            if all(_proves(list(b), parser, ignorecase, holds) for b in arg[1]):
                return True
        elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT) and arg[0] >= 1:
            if _proves(list(arg[2]), parser, ignorecase, holds):
                return True
    return False


def _sets(items, parser, ignorecase: bool) -> tuple[list[frozenset[tuple[str, bool]]], frozenset | None]:
    """For a parsed sequence: the sets of (text, cased) one of which each match holds, and every text the
    sequence can match as (text, cased) pairs where they are few and nothing else can match (else None)."""
    found: list[frozenset[tuple[str, bool]]] = []
    run: frozenset | None = frozenset({("", True)})  # what the sequence matched so far, spelled out

    def emit(texts: frozenset | None) -> None:
        if texts and all(t and _plain(t) for t, _ in texts):
            found.append(frozenset((t if cased else t.lower(), cased) for t, cased in texts))

    def joined(a: frozenset, b: frozenset) -> frozenset | None:
        if len(a) * len(b) > _MAX_SPELLED:
            return None
        return frozenset((x + y, cx and cy) for x, cx in a for y, cy in b)

    def spelled_out(op, arg) -> tuple[list, frozenset | None]:
        """The sets and the spelled-out texts of one item; zero-width items spell the empty text."""
        if op is parser.LITERAL:
            return [], frozenset({(chr(arg), not ignorecase or chr(arg).lower() == chr(arg).upper())})
        if op in (parser.AT, parser.ASSERT, parser.ASSERT_NOT):
            return [], frozenset({("", True)})
        if op is parser.IN:  # a small set of plain characters ("[ae]", "[sz]", "[-\u2010\u2013]")
            chars = _class_chars(arg)
            return [], None if chars is None else frozenset(
                (c, not ignorecase or c.lower() == c.upper()) for c in chars)
        if op is parser.SUBPATTERN:
            _, add, remove, inner = arg
            ic = (ignorecase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            return _sets(list(inner), parser, ic)
        if op is parser.BRANCH:
            branches = [_sets(list(b), parser, ignorecase) for b in arg[1]]
            bests = [_best(s) for s, _ in branches]
            sets = [frozenset().union(*bests)] if all(bests) else []
            spelled = [e for _, e in branches]
            exact = frozenset().union(*spelled) if all(e is not None for e in spelled) else None
            return sets, exact if exact is None or len(exact) <= _MAX_SPELLED else None
        if op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT):
            lo, hi, inner = arg
            sets, exact = _sets(list(inner), parser, ignorecase)
            if exact is None or hi > 4:
                return (sets if lo >= 1 else []), None
            out = frozenset({("", True)}) if lo == 0 else None
            power = frozenset({("", True)})
            for k in range(1, hi + 1):
                power = joined(power, exact)
                if power is None:
                    return (sets if lo >= 1 else []), None
                if k >= lo:
                    out = power if out is None else out | power
            return (sets if lo >= 1 else []), out
        return [], None

    whole = True  # every part so far spelled out: ``run`` is then all the sequence can match
    for op, arg in items:
        sets, exact = spelled_out(op, arg)
        if run is not None and exact is not None:
            longer = joined(run, exact)
            if longer is not None:
                run = longer
                continue
        whole = False
        if run is not None:
            emit(run)
        found.extend(sets)
        run = exact  # a part spelled out starts the next run
    if run is not None:
        emit(run)
    return found, run if whole else None


def _plain(text: str) -> bool:
    """ASCII, or beyond ASCII no letter or mark ("\u2013", "\u00b5" is a letter): a character that has no case
    and that re.IGNORECASE matches only to itself, kept as it is by ``folded``."""
    return text.isascii() or all(c.isascii() or unicodedata.category(c)[0] not in "LM" for c in text)


def _class_chars(arg) -> frozenset[str] | None:
    """The characters of a parsed character set of plain characters and short ranges (at most 16); None for a
    negated set, a category (``\\w``, ``\\d``) or a longer one."""
    chars: set[str] = set()
    for kind, value in arg:
        if kind is _LITERAL_OP:
            chars.add(chr(value))
        elif kind is _RANGE_OP and value[1] - value[0] < 16:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None
    return frozenset(chars) if 0 < len(chars) <= 16 else None


def _best(sets: list[frozenset]) -> frozenset | None:
    """The set whose shortest text is longest (the most selective pre-test), None where there is none."""
    return max(sets, key=lambda s: min(len(t) for t, _ in s), default=None)


def opening_texts(rx: re.Pattern) -> frozenset[tuple[str, bool]] | None:
    """Texts, as (text, cased) pairs like :func:`required_sets`, one of which each match of ``rx`` opens with
    ("were", "was", "inclusion" for ``\\b(?:were|was)\\s|\\binclusion``): zero-width parts are passed over,
    and a literal run is followed while it can be spelled out. None where a match may open otherwise (a
    character set, an optional part that cannot be spelled out, ...)."""
    try:
        from re import _parser

        return _openings(list(_parser.parse(rx.pattern, rx.flags)), _parser, bool(rx.flags & re.IGNORECASE))
    except Exception:  # noqa: BLE001
        return None


def _openings(items, parser, ignorecase: bool) -> frozenset | None:
    """How each match of a parsed sequence opens: the spelled-out prefix before its first part that cannot be
    spelled out (a group that cannot is opened into: what its matches open with)."""
    prefix: frozenset = frozenset({("", True)})
    for i, (op, arg) in enumerate(items):
        _, exact = _sets([(op, arg)], parser, ignorecase)
        if exact is not None:
            if len(prefix) * len(exact) > _MAX_SPELLED:
                break
            prefix = frozenset((x + y, cx and cy) for x, cx in prefix for y, cy in exact)
            continue
        inner = None
        if op is parser.SUBPATTERN:
            _, add, remove, body = arg
            ic = (ignorecase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            inner = _openings(list(body), parser, ic)
        elif op is parser.BRANCH:
            opened = [_openings(list(b), parser, ignorecase) for b in arg[1]]
            inner = frozenset().union(*opened) if all(o is not None for o in opened) else None
        elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT) and arg[0] >= 1:
            inner = _openings(list(arg[2]), parser, ignorecase)
        elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT):  # optional: it or what follows
            first, rest = _openings(list(arg[2]), parser, ignorecase), _openings(items[i + 1 :], parser, ignorecase)
            inner = first | rest if first is not None and rest is not None else None
        if inner is not None and len(prefix) * len(inner) <= _MAX_SPELLED:
            prefix = frozenset((x + y, cx and cy) for x, cx in prefix for y, cy in inner)
        break
    texts = frozenset((t if cased else t.lower(), cased) for t, cased in prefix)
    return texts if all(t and _plain(t) for t, _ in texts) else None
