"""Every hand-written pre-test ("guard") before a costly regex is implied by that regex.

A guard skips a regex where the text lacks what every match of it must contain ("excluded" before the
exclusion pattern, ``manifestations.INCLUSION_WORD_STARTS``, ...). Written by hand,
it goes stale silently when someone edits the regex (a new alternative without a listed word is never
searched for). Each guard here is one test id:

- derived: the texts every match contains are read from the parsed pattern (``prefilter.every_match_holds``,
  ``prefilter.opening_texts``) and each must contain a guard word; then every match contains one
  (a proof, for any text);
- property: where the pattern cannot be read that way (a guard that is itself a regex, character sets,
  look-arounds), the guard must pass on every sentence and text of the corpus (pool, dev, rewritten; never
  the held-out texts) and on strings built from the pattern's alternatives wherever the pattern matches.

Guards are imported by their current names, private ones too (``_holds``-style lists and patterns such as
``population._ASSOCIATED_WORDS``, ``population._SEX_THEN_SEPARATOR``, ``outcomes._phrase_words``,
``manifestations._literal_words``, ``base._CUE_WORDS``): a rename fails here as an import or attribute
error, not silently.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipelines import counting, lexicons, prefilter
from pipelines.components import (
    abbreviations,
    base,
    labs,
    manifestations,
    outcomes,
    population,
    study,
    treatments,
)
from pipelines.prefilter import every_match_holds, folded, opening_texts

ROOT = Path(__file__).resolve().parents[1]
#: corpus texts for the property tests (never corpus/real or the held-out sets)
CORPUS_DIRS = [ROOT.parent / "shared" / "pool" / "text", ROOT / "corpus" / "dev" / "text",
               *sorted((ROOT / "corpus").glob("rewritten*/text"))]


# --------------------------------------------------------------------------------------------------- guards


@dataclass
class Guard:
    """A pre-test and the pattern it guards.

    ``folded``: lower-case words looked for in the folded text (re.IGNORECASE-exact); ``raw``: texts looked
    for as written (sound only where the pattern matches them case-sensitively); ``starts``: the guard tries
    the pattern only at the start of a ``\\w+`` word whose lower case starts with one of these (ASCII words;
    other words always tried). ``check``: the guard as a function of a text, for the property test."""

    pattern: re.Pattern
    folded: tuple[str, ...] = ()
    raw: tuple[str, ...] = ()
    starts: tuple[str, ...] | frozenset[str] = ()
    check: Callable[[str], bool] | None = None
    derive: bool = True  # False: the guard is no word list (a regex, a function): property test only
    samples: tuple[str, ...] = field(default=())
    #: ``starts`` are whole words: the guard tries a word only when its lower case is one of them
    whole_words: bool = False
    #: the matches the guard answers for (the others the guarded code drops anyway); None: every match
    relevant: Callable[[re.Match], bool] | None = None

    def passes(self, text: str) -> bool:
        if self.check is not None:
            return self.check(text)
        low = folded(text)
        return any(w in low for w in self.folded) or any(w in text for w in self.raw)


def _implied(g: Guard) -> bool:
    """Whether every match holds a text read from the pattern that contains a guard word (``every_match_holds``)."""
    return every_match_holds(g.pattern, lambda t, cased: any(w in t.lower() for w in g.folded)
                             or cased and any(w in t for w in g.raw))


def _opens_implied(g: Guard) -> bool:
    """Whether every match opens at ``\\b`` before a word character and with a text whose leading word
    characters start with one of ``g.starts`` (the guard's word-start test)."""
    opened = opening_texts(g.pattern)
    if opened is None or not _opens_at_boundary(g.pattern):
        return False
    if g.whole_words:  # the opening's first word is followed by a non-word character in it, and is a start
        return all(re.match(r"\w+\W", t) and re.match(r"\w+", t.lower()).group(0) in g.starts for t, _ in opened)
    return all(re.match(r"\w", t) and re.match(r"\w*", t.lower()).group(0).startswith(tuple(g.starts)) for t, _ in opened)


def _opens_at_boundary(rx: re.Pattern) -> bool:
    """Every alternative of the pattern opens with ``\\b`` (so a match starts where a ``\\w+`` word starts)."""
    from re import _parser

    def opens(items) -> bool:
        items = list(items)
        if not items:
            return False
        op, arg = items[0]
        if op is _parser.AT and arg is _parser.AT_BOUNDARY:
            return True
        if op is _parser.SUBPATTERN:
            return opens(arg[3])
        if op is _parser.BRANCH:
            return all(opens(b) for b in arg[1])
        return False

    return opens(_parser.parse(rx.pattern, rx.flags))


def _pat():
    return population.patterns()


def _sel():
    return population._selection()


def _one(sex: str) -> population._OneSexPatterns:
    return population._one_sex_patterns(sex)


def _cue_guards() -> dict[str, Guard]:
    """``base._CUE_WORDS``: each group of words of each sentence-role cue, one guard per group."""
    compiled = {p.pattern: p for pats in base._role_cues().values() for p in pats}
    out = {}
    for i, (pattern, groups) in enumerate(base._CUE_WORDS.items()):
        for j, group in enumerate(groups):
            rx = compiled.get(pattern, re.compile(pattern, re.I))
            out[f"base._CUE_WORDS[{i}][{j}]"] = Guard(rx, folded=group)
    return out


#: guard id -> the guard, built lazily (several patterns wait for the lexicons)
GUARDS: dict[str, Callable[[], Guard]] = {
    # outcomes: _holds_any word lists, _may_analyse, _may_name, the quick word regexes
    "outcomes.AE_WORDS": lambda: Guard(outcomes.AE_SENTENCE, folded=outcomes.AE_WORDS),
    "outcomes._may_analyse": lambda: Guard(outcomes.ANALYSIS, folded=outcomes.ANALYSIS_WORDS, raw=("HR", "SMR"),
                                           check=outcomes._may_analyse),
    "outcomes.START_WORDS": lambda: Guard(outcomes.START_TIME, folded=outcomes.START_WORDS),
    "outcomes.OCCURRENCE_WORDS": lambda: Guard(outcomes.OCCURRENCE_VERB, folded=outcomes.OCCURRENCE_WORDS),
    "outcomes.REPEAT_WORDS": lambda: Guard(outcomes.REPEAT_WORD, folded=outcomes.REPEAT_WORDS),
    "outcomes.RISE_WORDS": lambda: Guard(outcomes.RISE_WORD, folded=outcomes.RISE_WORDS),
    "outcomes._may_name[rate_heads]": lambda: Guard(outcomes.rate_pattern(), folded=outcomes._phrase_words("rate_heads"),
                                                    check=lambda t: outcomes._may_name(t, "rate_heads")),
    "outcomes._may_name[follow_up_markers]": lambda: Guard(
        outcomes._links_rx("follow_up"), folded=outcomes._phrase_words("follow_up_markers"),
        check=lambda t: outcomes._may_name(t, "follow_up_markers")),
    # regex guards: property tests
    "outcomes.RISE_WORD": lambda: Guard(outcomes.RISE, check=lambda t: bool(outcomes.RISE_WORD.search(t)), derive=False),
    "outcomes.REPEAT_WORD": lambda: Guard(outcomes.repeat_pattern(), check=lambda t: bool(outcomes.REPEAT_WORD.search(t)),
                                          derive=False),
    "outcomes.OCCURRENCE_VERB": lambda: Guard(outcomes.occurrence_pattern(),
                                              check=lambda t: bool(outcomes.OCCURRENCE_VERB.search(t)), derive=False),
    "outcomes.DID_NOT_WORDS": lambda: Guard(outcomes.DID_NOT, check=lambda t: bool(outcomes.DID_NOT_WORDS.search(t)),
                                            derive=False),
    "outcomes.START_TIME[0]": lambda: Guard(outcomes.baseline_follow_up_patterns()[0],
                                            check=lambda t: bool(outcomes.START_TIME.search(t)), derive=False),
    "outcomes.START_TIME[1]": lambda: Guard(outcomes.baseline_follow_up_patterns()[1],
                                            check=lambda t: bool(outcomes.START_TIME.search(t)), derive=False),
    # manifestations
    "manifestations.INCLUSION_WORD_STARTS": lambda: Guard(manifestations.INCLUSION, starts=manifestations.INCLUSION_WORD_STARTS,
                                                          check=manifestations._inclusion_in),
    "manifestations._domain_phrase_starts": lambda: Guard(
        manifestations.domain_phrase()[0], starts=tuple(manifestations._domain_phrase_starts()), whole_words=True,
        check=lambda t: bool(manifestations._domain_phrases(t))),
    "manifestations._literal_words[predicate_adjectives]": lambda: Guard(
        manifestations._predicate_pattern()[0],
        folded=manifestations._literal_words(tuple(manifestations._predicate_pattern()[1]))),
    "manifestations._literal_words[involved_cues][after]": lambda: Guard(
        manifestations._organ_patterns()[0],
        folded=manifestations._literal_words(tuple(lexicons.load("domain_terms")["involved_cues"]))),
    "manifestations._literal_words[involved_cues][before]": lambda: Guard(
        manifestations._organ_patterns()[1],
        folded=manifestations._literal_words(tuple(lexicons.load("domain_terms")["involved_cues"]))),
    "treatments.CASE_CONTROL['case']": lambda: Guard(treatments.CASE_CONTROL, folded=("case",)),
    "treatments.ALLOCATED[random,assigned,allocated,divided]": lambda: Guard(
        treatments.ALLOCATED, folded=("random", "assigned", "allocated", "divided")),
    "treatments.RANDOMISED_TRIAL['random']": lambda: Guard(treatments.RANDOMISED_TRIAL, folded=("random",)),
    "treatments.GROUPED_BY_TREATMENT[verbs]": lambda: Guard(
        treatments.GROUPED_BY_TREATMENT, folded=("divided", "grouped", "categori", "classified", "stratified", "separated")),
    "treatments.GROUPED_BY_TREATMENT[treatment]": lambda: Guard(
        treatments.GROUPED_BY_TREATMENT, folded=("treatment", "therap", "medication")),
    "treatments.RESPECTIVELY_AFTER['respectively']": lambda: Guard(treatments.RESPECTIVELY_AFTER, folded=("respectively",)),
    # "control" in text.lower(): c, o, n, t, r, l have no non-ASCII case partner, so lower() is folded() here
    "treatments.CONTROLS_ON['control']": lambda: Guard(treatments.CONTROLS_ON, folded=("control",),
                                                       check=lambda t: "control" in t.lower()),
    # population: _holds lists and other pre-tests
    # population._may_match: pre-tests read from the pattern (prefilter.required_text), checked as a property
    **{f"population._may_match[{name}]": (lambda rx=rx: Guard(rx(), derive=False, check=lambda t, rx=rx: population._may_match(rx(), t)))
       for name, rx in (("of_planned", lambda: _pat().of_planned), ("ARM_ALLOCATION", lambda: population.ARM_ALLOCATION),
                        ("ARMS_TOGETHER", lambda: population._rx("ARMS_TOGETHER")),
                        ("BARE_POOL", lambda: population._rx("BARE_POOL")), ("remaining", lambda: _sel().remaining),
                        ("excluded", lambda: _pat().excluded))},
    "population.n_eq['(']": lambda: Guard(_pat().n_eq, raw=("(",)),
    "population.n_eq['=',total]": lambda: Guard(_pat().n_eq, raw=("=",), folded=("total",)),
    "population.SEX_COUNTS": lambda: Guard(population.SEX_COUNTS, folded=("men", "man", "male", "girl", "boy")),
    # sex_groups returns None without a women's group: the guard answers for the matches _sex_letter reads as "f"
    **{f"population.sex_groups[{name}]": (lambda i=i: Guard(
        population._sex_group_patterns()[i], folded=("women", "female"), derive=False,
        relevant=lambda m: population._sex_letter(m.group("s")) == "f"))
       for i, name in enumerate(("before_noun", "after_noun"))},
    "population.arm_n['=']": lambda: Guard(_pat().arm_n, raw=("=",)),
    "population.arm[group,arm]": lambda: Guard(_pat().arm, folded=("group", "arm")),
    "population._ASSOCIATED_WORDS": lambda: Guard(population.ASSOCIATED_BEFORE, raw=population._ASSOCIATED_WORDS),
    "population._used_abbreviation[SLE]": lambda: Guard(re.compile(r"(?<![\w-])SLE(?![\w])"), raw=("SLE",)),
    "population._SEX_THEN_SEPARATOR": lambda: Guard(population._both_sexes(), derive=False,
                                                    check=lambda t: bool(population._SEX_THEN_SEPARATOR.search(t))),
    "population._DIGIT_THEN_SEX_LETTER": lambda: Guard(population.GLUED_SEX_LETTERS, derive=False,
                                                       check=lambda t: bool(population._DIGIT_THEN_SEX_LETTER.search(t))),
    **{f"population._SEX_TOKEN[{name}]": (lambda name=name: Guard(
        population._respective_sexes() if name == "_respective_sexes" else getattr(population, name), derive=False,
        check=lambda t, name=name: _matches_at_sex_tokens(population._respective_sexes() if name == "_respective_sexes"
                                                         else getattr(population, name), t)))
       for name in ("NAMED_SEXES", "SEX_LETTER_RATIO", "WORDED_SEX_RATIO", "_respective_sexes")},
    **{f"population._one_sex[{sex_name}].word[{name}]": (lambda sex=sex, name=name: Guard(
        getattr(_one(sex), name), derive=False, check=lambda t, sex=sex: bool(_one(sex).word.search(t))))
       for sex_name, sex in (("female", population.FEMALE), ("male", population.MALE))
       for name in ("count_first", "percent_first", "everyone")},
    # the patterns _one_sex tries only at words opening with the sex's initials (``_OneSexPatterns.initials``)
    **{f"population._one_sex[{sex_name}].initials[{name}]": (lambda sex=sex, name=name: Guard(
        getattr(_one(sex), name), derive=False, check=lambda t, sex=sex, name=name: _matches_at_initials(sex, name, t)))
       for sex_name, sex in (("female", population.FEMALE), ("male", population.MALE))
       for name in ("word", "sex_first", "percent_after")},
    # base: the sentence-role cue words (one guard per group, added below)
    # abbreviations: the needs patterns
    "abbreviations.PAIRED_NEEDS": lambda: Guard(abbreviations.PAIRED, derive=False,
                                                check=lambda t: bool(abbreviations.PAIRED_NEEDS.search(t))),
    "abbreviations.DASHED_NEEDS": lambda: Guard(abbreviations.DASHED, derive=False,
                                                check=lambda t: bool(abbreviations.DASHED_NEEDS.search(t))),
    "abbreviations.PAREN_LONG_NEEDS": lambda: Guard(abbreviations.PAREN_LONG, derive=False,
                                                    check=lambda t: bool(abbreviations.PAREN_LONG_NEEDS.search(t))),
    # labs: the glued-state test
    "labs._names_glued_state": lambda: Guard(labs._glued_rx(), derive=False, check=labs._names_glued_state, samples=(
        "PR3-positive", "ANCA-negative vasculitis", "anti-CCP\u2010positive RA", "MPO-ANCA-positivity", "HLA-B27-negative")),
    # counting: the share patterns need a literal "%"
    **{f"counting.PERCENT_RIGHT[{name}]": (lambda name=name: Guard(counting._rx()[name], raw=("%",)))
       for name in sorted(counting.PERCENT_RIGHT)},
    # study: every period pattern holds a year
    **{f"study.YEAR[{name}]": (lambda name=name: Guard(getattr(study, name), derive=False,
                                                       check=lambda t: bool(study.YEAR.search(t))))
       for name in ("PERIOD", "MONTHS_OF_YEAR", "RANGE")},
}


def _matches_at_initials(sex: str, name: str, text: str) -> bool:
    """Whether the pattern ``name`` of ``_one_sex`` matches where it is tried: at sex-word starts opening with
    the sex's initials."""
    rx = _one(sex)
    starts = [p for p in population._sex_word_starts(text) if text[p] in rx.initials]
    return population._search_at_sex_words(getattr(rx, name), text, starts) is not None


def _matches_at_sex_tokens(rx: re.Pattern, text: str) -> bool:
    """Whether ``rx`` matches ``text`` where ``find_sex`` tries it: only at ``_sex_token_starts``."""
    starts = population._sex_token_starts(text, population._sex_word_starts(text))
    return population._search_at_sex_words(rx, text, starts) is not None


def _all_guards() -> dict[str, Callable[[], Guard]]:
    out = dict(GUARDS)
    for name in _cue_guard_names():
        out[name] = lambda name=name: _cue_guards()[name]
    return out


def _cue_guard_names() -> list[str]:
    return [f"base._CUE_WORDS[{i}][{j}]" for i, (_, groups) in enumerate(base._CUE_WORDS.items()) for j in range(len(groups))]


ALL = _all_guards()
#: guards the derivation cannot prove (a regex guard, a character class or a look-around carries the word), as
#: the tests find them: checked by the property test over the corpus instead
NOT_DERIVABLE: set[str] = set()


# ------------------------------------------------------------------------------------------- corpus strings


def _corpus_strings() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for d in CORPUS_DIRS if d.is_dir() for p in sorted(d.glob("*.txt"))]
    sents = [s for t in texts for s in re.split(r"(?<=[.;:])\s+|\n+", t) if s.strip()]
    return texts + sents


_CORPUS: list[str] = []


def corpus() -> list[str]:
    if not _CORPUS:
        _CORPUS.extend(_corpus_strings())
    return _CORPUS


def built_strings(rx: re.Pattern, n: int = 300, seed: int = 13) -> list[str]:
    """Strings built by walking the parsed pattern (each alternative, repeats a few times, a character of each
    set), in sentence-like surroundings: most match the pattern."""
    from re import _parser

    rnd = random.Random(seed)
    cats = {_parser.CATEGORY_DIGIT: "7", _parser.CATEGORY_SPACE: " ", _parser.CATEGORY_WORD: "a",
            _parser.CATEGORY_NOT_DIGIT: "a", _parser.CATEGORY_NOT_SPACE: "a", _parser.CATEGORY_NOT_WORD: " "}

    def walk(items, out: list[str], depth: int) -> None:
        for op, arg in items:
            if op is _parser.LITERAL:
                out.append(chr(arg) if rnd.random() < 0.7 else chr(arg).upper())
            elif op is _parser.NOT_LITERAL:
                out.append("a" if chr(arg) != "a" else "b")
            elif op is _parser.ANY:
                out.append("a")
            elif op is _parser.IN:
                choices = []
                negate = False
                for kind, val in arg:
                    if kind is _parser.NEGATE:
                        negate = True
                    elif kind is _parser.LITERAL:
                        choices.append(chr(val))
                    elif kind is _parser.RANGE:
                        choices.append(chr(rnd.randint(val[0], min(val[1], val[0] + 30))))
                    elif kind is _parser.CATEGORY:
                        choices.append(cats.get(val, "a"))
                out.append(" " if negate and " " not in choices else "a" if negate else rnd.choice(choices or ["a"]))
            elif op is _parser.BRANCH:
                walk(rnd.choice(arg[1]), out, depth + 1)
            elif op is _parser.SUBPATTERN:
                walk(arg[3], out, depth + 1)
            elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
                lo, hi, inner = arg
                for _ in range(rnd.randint(lo, min(hi, lo + 2))):
                    walk(inner, out, depth + 1)
            # zero-width parts (\b, look-arounds) and back references add nothing

    parsed = list(_parser.parse(rx.pattern, rx.flags))
    out = []
    for _ in range(n):
        parts: list[str] = []
        walk(parsed, parts, 0)
        out.append(rnd.choice(["", "In ", "Of the 40 patients, "]) + "".join(parts) + rnd.choice(["", ".", " in 2010."]))
    return out


# -------------------------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("gid", sorted(ALL))
def test_guard_implied_by_pattern(gid: str) -> None:
    g = ALL[gid]()
    if g.derive and g.starts and _opens_implied(g):
        strings = built_strings(g.pattern)  # derived: every match opens at a word starting with a guard start
    elif g.derive and not g.starts and _implied(g):
        strings = built_strings(g.pattern)  # derived: every match holds a guard word
    else:
        NOT_DERIVABLE.add(gid)
        strings = corpus() + built_strings(g.pattern) + list(g.samples)
    # the property test, over built strings alone for a derived guard (a check of the derivation itself)
    if g.starts:
        bad = [s for s in strings if g.pattern.search(s) and not _tried_at_starts(g, s)]
    else:
        bad = [s for s in strings if _relevant_match(g, s) and not g.passes(s)]
    assert not bad, f"{gid}: the pattern matches where the guard fails, e.g. {bad[0][:200]!r}"


def _relevant_match(g: Guard, text: str) -> bool:
    if g.relevant is None:
        return g.pattern.search(text) is not None
    return any(g.relevant(m) for m in g.pattern.finditer(text))


def _tried_at_starts(g: Guard, text: str) -> bool:
    """Whether trying the pattern only at the guard's word starts finds a match (as the guard does)."""
    if g.check is not None:
        return g.check(text)
    for w in re.finditer(r"\w+", text):
        word = w.group(0)
        if (not word.isascii() or word.lower().startswith(tuple(g.starts))) and g.pattern.match(text, w.start()):
            return True
    return False


def test_derivation_catches_a_stale_guard() -> None:
    """A pattern given an alternative without a guard word is no longer implied by the guard's words."""
    words = ("excluded",)
    rx = population.patterns().excluded
    assert _implied(Guard(rx, folded=words))
    stale = re.compile(rx.pattern + r"|\bCOUNT\s+were\s+withdrawn\b", rx.flags)
    assert not _implied(Guard(stale, folded=words))
    # and for a word-start guard: an alternative opening with a word none of the starts opens
    starts = manifestations.INCLUSION_WORD_STARTS
    assert _opens_implied(Guard(manifestations.INCLUSION, starts=starts))
    stale = re.compile(manifestations.INCLUSION.pattern + r"|\bbaseline\s+visit\b", manifestations.INCLUSION.flags)
    assert not _opens_implied(Guard(stale, starts=starts))
    assert any(stale.search(s) and not _tried_at_starts(Guard(stale, starts=starts), s)
               for s in built_strings(stale, n=400))


def test_property_catches_a_stale_regex_guard() -> None:
    """The property test finds a string where a pattern given an extra alternative matches and the guard fails."""
    rx = re.compile(outcomes.RISE.pattern + r"|\bclimbed\b", outcomes.RISE.flags)
    g = Guard(rx, derive=False, check=lambda t: bool(outcomes.RISE_WORD.search(t)))
    assert any(rx.search(s) and not g.passes(s) for s in built_strings(rx, n=600))


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the case folds are those of Python 3.11's re")
def test_the_four_lookalikes_are_all_ignorecase_adds() -> None:
    """Beyond an ASCII letter's two cases, re.IGNORECASE matches it only to the four of ASCII_LOOKALIKES, and
    ``folded`` writes each as that letter: a lower-case ASCII text matched case-insensitively stands in the
    folded text. Checked over every code point."""
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    extra = {}
    for cp in range(0x80, sys.maxunicode + 1):
        c = chr(cp)
        if any_letter.fullmatch(c):
            extra[c] = next(x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, c, re.IGNORECASE))
    assert extra == prefilter.ASCII_LOOKALIKES
    for c, letter in extra.items():
        assert folded(c) == letter


def test_required_text_reads_what_study_relies_on() -> None:
    rx = re.compile(r"\brandomi[sz](?:ed|ation)\b", re.I)
    assert prefilter.required_text(rx) == frozenset({"randomi"})
    assert prefilter.required_text(re.compile(r"\d+")) is None
    assert study.required_text is prefilter.required_text


def test_each_module_folds_the_same_four_lookalikes() -> None:
    """The copies of the four characters other modules keep (private names, imported as they are) are the
    four ``prefilter.ASCII_LOOKALIKES`` holds."""
    four = set(prefilter.ASCII_LOOKALIKES)
    assert set(manifestations.ASCII_CASE_PAIRS) == four
    assert {c for c in map(chr, range(0x80, 0x2200)) if base.FOLDS_TO_ASCII.match(c)} == four
    assert population.folded is prefilter.folded and study.folded is prefilter.folded


def _positional_cases() -> dict[str, tuple[Callable[[str], list], Callable[[str], list], re.Pattern]]:
    """Helpers that try a pattern only at some positions, with what a plain scan gives (as match spans)."""
    from pipelines.components import entities

    spans = lambda ms: [m.span() for m in ms]  # noqa: E731
    dom = lambda: manifestations.domain_phrase()[0]  # noqa: E731
    return {
        "entities._inner_definitions": (lambda t: spans(entities._inner_definitions(t)),
                                        lambda t: spans(entities.INNER_DEFINITION.finditer(t)), entities.INNER_DEFINITION),
        "manifestations._domain_phrases": (lambda t: spans(manifestations._domain_phrases(t)),
                                           lambda t: spans(dom().finditer(t)), dom()),
        "manifestations._inclusion_in": (lambda t: [manifestations._inclusion_in(t)],
                                         lambda t: [bool(manifestations.INCLUSION.search(t))], manifestations.INCLUSION),
    }


@pytest.mark.parametrize("name", ["entities._inner_definitions", "manifestations._domain_phrases",
                                  "manifestations._inclusion_in"])
def test_positional_guard_same_as_scan(name: str) -> None:
    """A helper trying its pattern only where a match can start finds what scanning every position finds."""
    fast, scan, rx = _positional_cases()[name]
    bad = [t for t in corpus() + built_strings(rx) if fast(t) != scan(t)]
    assert not bad, f"{name}: differs from the scan on {bad[0][:200]!r}"


def test_may_end_coordination_implied_by_before_pattern() -> None:
    """``manifestations._may_end_coordination(text, lo, hi)`` passes wherever the before-head coordination
    pattern matches in text[lo:hi] (asked at each word start of the corpus sentences and texts under 600
    characters, and of strings built from the pattern)."""
    before = manifestations._coordination_patterns()[0]
    texts = [t for t in corpus() if len(t) < 600] + built_strings(before, n=200)
    bad = []
    for t in texts:
        for w in re.finditer(r"(?<=\s)\S", t):
            if not manifestations._may_end_coordination(t, 0, w.start()) and before.search(t, 0, w.start()):
                bad.append((t, w.start()))
    assert not bad, f"passes the pattern, fails the pre-test: {bad[0]!r}"


def _derivation_patterns() -> list[re.Pattern]:
    """The guarded patterns above and the study design and setting cues (what ``study`` indexes)."""
    comp = study.StudyComponent()
    rules = [p for _, ps in comp.designs + comp.settings for p in ps]
    return [ALL[gid]().pattern for gid in sorted(ALL)] + rules


def test_read_texts_stand_in_every_match() -> None:
    """The derivation itself: wherever a pattern matches (strings built from it, corpus sentences), one text
    of each set ``required_sets`` reads, and of ``required_text``, stands in the match (cased texts as written,
    the others in the folded match)."""
    sents = [t for t in corpus() if len(t) < 400]
    bad = []
    for rx in _derivation_patterns():
        sets = prefilter.required_sets(rx)
        simple = prefilter.required_text(rx)
        for s in built_strings(rx, n=60) + sents[:: 7]:
            m = rx.search(s)
            if not m:
                continue
            hit, low = m.group(0), folded(m.group(0))
            for texts in sets:
                if not any((t in hit) if cased else (t in low) for t, cased in texts):
                    bad.append((rx.pattern[:80], sorted(texts)[:5], hit))
            if simple and not any(t in low for t in simple):
                bad.append((rx.pattern[:80], sorted(simple)[:5], hit))
    assert not bad, bad[:3]
