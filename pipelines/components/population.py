"""``reuma_population``: cohort size, sex, age and the disease studied.

Population n is the first count the text gives for the whole cohort (annotation
rule 4): "We report on 5 ... patients", "A total of 78 patients", "Thirty-eight
patients were included", "Fifty-seven of 60 patients", arms summed when no total
is given. Background sentences (about the disease in general) are skipped.
"""



import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicons
from ..counting import matches_at
from ..numbers import count_from_percent, decimals, parse_number
from ..numbers import count_pattern as _count_pattern
from ..numbers import parse_int as _parse_int
from ..prefilter import folded, required_text
from . import base
from .base import entities, ev, guarded, register_extensions, sentence_at, sentences, text_of

#: thousands grouped by a space, as ISO and many European journals print them: "1 250 adults", "2 345 participants"
SPACED_THOUSANDS = r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d]|[.,]\d)"


def count_pattern() -> str:
    """The shared count pattern, plus space-grouped thousands (tried first, so "1 250" is not read as 250)."""
    return rf"(?:{SPACED_THOUSANDS}|{_count_pattern()})"


@functools.lru_cache(maxsize=1)
def _count_start_rx() -> re.Pattern:
    return re.compile(rf"\b(?={count_pattern()})", re.I)


@functools.lru_cache(maxsize=256)  # emptied for each doc (``PopulationComponent.__call__``)
def _count_starts(text: str) -> tuple[int, ...]:
    r"""Every position in ``text`` where a count (digits or number words) starts.

    Most cohort patterns open with a count (after ``\b`` or a ``(?<![\w.,])`` lookbehind), and finding
    one is what costs: the number-word alternation is tried at every word. Such a pattern can only match
    where a count starts, so it is tried there alone (``_search_at_counts``, ``_finditer_at_counts``),
    with the same result as scanning the text; the positions are found once per text (a sentence is
    asked about by several patterns and functions).

    Scanning for the count pattern itself is slow too, so the places are first found with a cheap
    pattern (``_count_opening_rx``) and the count pattern decides at each. Case-insensitive matching is
    slow as well: the text is scanned as ``folded`` gives it instead (same length, same word boundaries,
    and the same places where a number word matches)."""
    rx = _count_start_rx()
    openings = _count_opening_rx().finditer(folded(text))
    return tuple(m.start() for m in openings if rx.match(text, m.start()))


@functools.lru_cache(maxsize=1)
def _count_opening_rx() -> re.Pattern:
    """Where a count may start: a digit at a word boundary, or a whole word that a written count opens
    with (one to nineteen, twenty to ninety, followed by no letter); the words lower-case, found in the
    ``folded`` text as the count pattern matches them case-insensitively."""
    words = "|".join(re.escape(w.lower()) for w in sorted(_count_first_words(), key=len, reverse=True))
    return re.compile(rf"\b(?:\d|(?:{words})(?![^\W\d_]))")


@functools.lru_cache(maxsize=1)
def _count_first_words() -> frozenset[str]:
    """The words a written count can open with (the number-word pattern's units and tens, not "no"/"none")."""
    w = lexicons.number_words()  # the lexicon numbers.word_number_pattern is built from
    return frozenset(u for u in w["units"] if u not in ("no", "none")) | frozenset(w["tens"])


def _search_at_counts(rx: re.Pattern, text: str) -> re.Match | None:
    """``rx.search(text)`` for a pattern that opens with a count: tried only where a count starts."""
    return next(matches_at(rx, text, _count_starts(text)), None)


def _finditer_at_counts(rx: re.Pattern, text: str) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for a pattern that opens with a count (never empty): the same matches, in order."""
    return matches_at(rx, text, _count_starts(text))


def _holds(text: str, *words: str) -> bool:
    """Whether the ``folded`` text holds one of ``words`` (lower-case ASCII): a pre-test for a costly pattern every
    match of which holds one of them, written in it as plain letters (matched case-insensitively or not); where
    such a word matches, it stands as it is in the folded text (``folded``)."""
    low = folded(text)
    return any(w in low for w in words)


def _may_match(rx: re.Pattern, text: str) -> bool:
    """False only where ``rx`` cannot match ``text``: the ``folded`` text holds none of the plain texts one of
    which every match of it holds, read from the pattern itself (``prefilter.required_text``), so the pre-test
    follows every edit of the pattern; True where none can be read. A hand list (``_holds``) stays only where
    it is the better test, its comment naming the pattern it guards (``tests/test_prefilters.py`` checks it)."""
    needed = required_text(rx)
    return needed is None or _holds(text, *needed)


_DIGIT = re.compile(r"\d")
_THOUSANDS_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?=\d{3}\b)")


def parse_int(text: str) -> int | None:
    """The shared reading, with space-grouped thousands joined first."""
    return _parse_int(_THOUSANDS_SPACE.sub("", text))

#: nouns that count people in a cohort (plural or singular, "pts")
PATIENTS = (r"(?:patients?|pts?\.?|subjects?|participants?|individuals?|cases?|children|adults?|adolescents?|"
            r"women|men|persons?|people|survivors?|volunteers?|recipients?|(?:non-?)?users?|infants?|newborns?|"
            r"pregnancies|mothers?|neonates?|(?:out|in)patients?|veterans?|smokers?|(?:ex-?)?drinkers?|households?|"
            r"(?:school)?children|(?:under)?graduates?|students?|pupils?|youths?|residents?|workers?|employees?|couples?|families|"
            r"dyads?|twins?|athletes?|soldiers?|respondents?|attendees?|clients?|caregivers?|carers?|older\s+people|"
            r"teenagers?|toddlers?)")
NUM = r"\d+(?:[.,]\d+)?"
PM = r"\s*(?:±|\+/-|\+-)\s*"
DASH = r"\s*(?:[-\u2010-\u2015\u2212]|to)\s*"

#: words that say a count is the cohort: enrolment verbs and "a total of" / "among" / "cohort of"
COHORT_CUE = (r"\b(?:includ(?:ed|ing|es)|enrol(?:l?ed|ling|ls)|recruit(?:ed|ing)|random(?:i[sz]ed|ly\s+assigned)|"
              r"accrued|analy[sz](?:ed|ing)|stud(?:ied|ying)|evaluated|identified|registered|reviewed|assessed|"
              r"examined|investigated|followed|screened|selected|collected|retrieved|comprised|consisted|involved|"
              r"participated|report(?:ed)?\s+on|describe[ds]?|a\s+total\s+of|in\s+total|totally|overall|there\s+were|"
              r"among|cohort\s+of|sample\s+of|population\s+of|series\s+of|data\s+(?:from|on|of)|"
              r"(?:randomi[sz]ation|enrol?ment|recruitment|allocation|inclusion)\s+of)\b")
#: words that make a count a part of the cohort ("of whom 12", "12 (40%)")
SUBGROUP_CUE = r"\b(?:of\s+(?:whom|these|them|those)|among\s+(?:them|these|those)|remaining|respectively)\b"


def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern.replace("COUNT", f"(?P<n>{count_pattern()})").replace("PATIENTS", PATIENTS),
                      re.IGNORECASE)


class Patterns:
    """Compiled once: the number-word alternation comes from the lexicon."""

    def __init__(self) -> None:
        # adjectives and names between a count and its noun; never a preposition, verb or another number
        stop = r"(?:of|in|on|at|to|and|or|with|from|for|by|a|an|the|were|was|had|have|has|total|per|than|vs)"
        things = (r"(?:cent(?:er|re)s?|hospitals?|sites?|countries|regions?|visits?|samples?|eyes?|knees?|joints?|"
                  r"lesions?|biops(?:y|ies)|including|included|years?|months?|weeks?|days?|times?)")
        mods = rf"(?:(?!(?:{stop}|{things})\b)[A-Za-z][\w\-\u2010-\u2015/'’]*\s+|\([^()]{{1,60}}\)\s+){{0,5}}?"
        cnt = count_pattern()
        #: "12 of 40 patients", "57 out of the 60 pts" (the total is the cohort)
        self.of_total = _c(rf"\b(?:COUNT)\s+(?:(?:out\s+)?of|among)\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?(?P<total>{cnt})\s+{mods}PATIENTS\b")
        #: "86 of a planned 200 patients": the planned total is no cohort, the count is
        self.of_planned = _c(rf"\bCOUNT\s+(?:out\s+)?of\s+(?:a|the)\s+(?:planned|targeted|target(?:\s+of)?|intended|projected|anticipated)\s+"
                             rf"(?:sample\s+(?:size\s+)?of\s+)?{cnt}\s+{mods}PATIENTS\b")
        #: "41 patients", "198 Caucasian patients", "Forty-one consecutive adult SLE patients"
        self.noun = _c(rf"\bCOUNT\s+{mods}PATIENTS\b(?!-)")
        #: "patients with IgG4-RD (n = 71)", "women with gout (n=262)", "patients with RA-ILD (RA-ILD; n = 50)"
        self.n_eq = _c(rf"\bPATIENTS\b(?:\s+(?!(?:were|was|if|who|had|have)\b)[\w\-\u2010-\u2015'’]+){{0,8}}\s*\(\s*(?:(?!(?:wom[ae]n|m[ae]n|(?:fe)?males?|girls?|boys?|all|total)\b)(?-i:[A-Z][A-Za-z0-9\-]{{0,12}})\s*[;,]\s*)?(?:[nN]\s*=\s*|total\s*[:=]?\s*)(?P<n>{cnt})\s*[),;]")
        #: a cue right before the count: "we included", "the study enrolled", "a total of", "Of", "Among"
        self.lead = re.compile(rf"(?:{COHORT_CUE}(?:\s+(?:the|all|a|total|of|on|in|from|data|consecutive|overall))*"
                               r"|^\W*(?:[A-Z][a-z]+(?:\s+and\s+[a-z]+)?[.:]?\s+)?(?:of|among)(?:\s+(?:the|all))?)\s*$",
                               re.IGNORECASE)
        #: a cue after the noun in the same clause: "... patients fulfilling the criteria were enrolled"
        self.verb = re.compile(r"(?:\([^()]*\)|\d+\s*(?:weeks?|months?|years?|days?)\b|[^.;()\d]){0,120}?\b(?:were|was|have\s+been|had\s+been|being)\s+(?:\w+\s+)?"
                               r"(?:included|enrolled|recruited|randomi[sz]ed|analy[sz]ed|studied|evaluated|identified|"
                               r"selected|assessed|examined|followed|investigated|collected|registered|screened|"
                               r"retrieved|reviewed|treated|involved|assigned|allocated|consented)\b"
                               r"|(?:\([^()]*\)|[^.;()\d]){0,120}?\b(?:underwent|completed)\s+(?:the\s+)?(?:randomi[sz]ation|allocation|enrolment|enrollment)\b",
                               re.IGNORECASE)
        #: a defining phrase after the noun: "to 90 patients with RA", "in 7 consecutive patients who"
        self.defined = re.compile(r"\s*(?:\([^()]{1,60}\)\s*)?(?:with|who|receiving|treated|affected|diagnosed|suffering|"
                                  r"fulfilling|meeting|starting|undergoing|of\s+biopsy|on\b)", re.IGNORECASE)
        self.subgroup = re.compile(SUBGROUP_CUE, re.IGNORECASE)
        #: a second group counted beside the first: "748 subjects who switched ... and 4795 continuing users"
        #: ... or named by what sets it apart, the noun left out ("2,015 patients taking X and 14,025 taking Y"),
        #: or the controls of a case-control comparison ("23 cases and 547 controls"; healthy controls are no patients)
        self.coordinated = _c(rf"(?:,\s*|\s)and\s+COUNT\s+(?:{mods}(?!(?:women|men|females?|males?|girls|boys)\b)PATIENTS\b"
                              rf"|(?=to\s+(?:the\s+)?(?:[\w\-]+\s+){{0,3}}?(?:group|arm)\b)"
                              rf"|(?=(?:(?:were|was)\s+)?(?:taking|receiving|received|using|treated\s+with|starting|started|initiating)\b|(?:(?:were|was)\s+)?on\s+(?!(?:day|week|month|year|average|admission|the|a|an)\b)[a-z])"
                              rf"|(?=with\b[^.;]{{0,80}}?\b(?:were|was)\s+(?:\w+\s+)?(?:included|enrolled|recruited|studied|analy[sz]ed)\b)|(?!(?:healthy|normal)\b)(?:[a-z][\w\-]*\s+)?controls\b)")
        #: an enrolment participle right after the noun: "148 patients recruited from a registry", "60 pts enrolled in"
        self.enrolled = re.compile(r"\s*(?:\([^()]{1,60}\)\s*)?(?:consecutively\s+)?(?:recruited|enrolled|included|registered|identified|selected)\s+"
                                   r"(?:from|in|at|into|between|during|since|by|through|over)\b", re.IGNORECASE)
        #: "were also enrolled": a group added to the one counted before
        self.also = re.compile(r"\balso\s+(?:been\s+)?(?:included|enrolled|recruited|analy[sz]ed|studied|selected)\b", re.I)
        #: arm sizes: "In the placebo group (n = 288)", "UPA 15 mg (n=651)"
        self.arm_n = re.compile(rf"\b(?:group|arm|cohort)\s*\(\s*n\s*=\s*(?P<n>{cnt})\s*\)", re.IGNORECASE)
        self.arm = _c(r"\bCOUNT\s+PATIENTS\s+in\s+the\s+[\w\-\u2010-\u2015 ]{2,40}?\s+(?:group|arm)\b")
        self.excluded = _c(r"\bCOUNT\s+(?:of\s+(?:them|these)\s+|PATIENTS\s+)?(?:were|was)\s+(?:later\s+|subsequently\s+)?excluded\b")


_P: Patterns | None = None


def patterns() -> Patterns:
    global _P
    if _P is None:
        _P = Patterns()
    return _P


@Language.factory(
    "reuma_population",
    requires=["token.is_sent_start", "doc._.reuma_sections", "doc._.reuma_abbreviations", "doc._.reuma_entities"],
    assigns=["doc._.reuma_population"],
)
def make_population(nlp: Language, name: str) -> "PopulationComponent":
    base.check_requires(nlp, "reuma_population", name)
    return PopulationComponent()


def compile_lazy_patterns() -> None:
    """Build every pattern that waits for the number words now, with the pipeline, not on the first doc
    that needs one."""
    for name in ("ARMS_TOGETHER", "BARE_POOL", "ELLIPTIC_AFTER_VERB"):
        _rx(name)
    ELLIPTIC_ENROLLED_RX()
    _count_start_rx()
    _count_opening_rx()
    _sex_group_patterns()
    _both_sexes()
    for sex in (FEMALE, MALE):
        _one_sex_patterns(sex)


class PopulationComponent:
    def __init__(self) -> None:
        register_extensions()
        patterns()
        compile_lazy_patterns()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        # the count starts are remembered per text within one doc only: a cache carried from doc to doc
        # would make a repeated text (as in the benchmark's repeated corpus) cheaper than a new one
        _count_starts.cache_clear()
        n = find_n(doc)
        value = n["value"] if n else None
        female, male = find_sex(doc, value)
        if n is None and female and male and female["evidence"] == male["evidence"]:
            # "8 women and 2 men aged 33 to 71": the cohort is the two counted together
            n = {"value": female["value"] + male["value"], "evidence": female["evidence"]}
        base.write_population(doc, {
            "n": n,
            "female": female,
            "male": male,
            "age": find_age(doc),
            "conditions": find_conditions(doc, n),
        })
        return doc


def _patient_sents(doc: Doc) -> list:
    sents = sentences(doc)
    own = [s for s in sents if s.section != "background"]
    return own or sents


@dataclass(frozen=True)
class Candidate:
    """One printed count of people: where it stands and what its sentence says about it."""

    value: int
    start: int  # evidence offsets in the doc
    end: int
    cue: bool  # an enrolment word ("included", "a total of", "among") in its clause
    part: bool  # a part of the cohort: "12 (40%) patients", "of whom 12", "12 of 40"
    screened: bool = False  # a pool the cohort was drawn from: "340 patients were screened", "of 900 referred"


def _candidates(sent, p: Patterns) -> list[Candidate]:
    """Every count of people in one sentence, marked as cohort-like (a cue) or as a visible part."""
    text = sent.text
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []

    def add(m, group: str, cue: bool, a: int | None = None) -> None:
        a = m.start(group) if a is None else a
        b = m.end()
        if any(x < b and a < y for x, y in taken):
            return
        value = parse_int(m.group(group))
        if not value:
            return
        taken.append((a, b))
        after = text[m.end(group) : m.end(group) + 16]
        before = text[: m.start(group)]
        if not cue:
            cue = bool(p.lead.search(before) or p.verb.match(text, m.end()) or p.enrolled.match(text, m.end()) or (p.defined.match(text, m.end())
                       and _PREP_BEFORE.search(before)))
        part = bool(
            PART_AFTER.match(after)
            or p.subgroup.search(before[-25:])
            or _PER_BEFORE.search(before)  # "per 1000 persons"
            or (not cue and _COMPARED_BEFORE.search(before))
        )
        # the "tested for" reading after the count is only asked about where a screening word stands before it
        screened = bool(SCREENED_AFTER.match(text, b) or (SCREENED_BEFORE.search(before) and not _TESTED_AFTER.match(text[b:]))
                        or (_POOL_BEFORE.search(before)
                            and (SOURCE_POOL.match(text, b) or ELIGIBLE_POOL.match(text, m.end(group)))))
        found.append(Candidate(value, sent.start + a, sent.start + b, cue, part, screened))

    groups = sex_groups(text)
    if groups:  # "Compared with the 1012 men with gout, women with gout (n = 262)": the cohort is both
        f_, m_, a_, b_ = groups
        taken.append((a_, b_))
        found.append(Candidate(f_ + m_, sent.start + a_, sent.start + b_, False, False))
    # "of a planned 200": its words ("planned", "target", "intended", ...), no such count
    for m in _finditer_at_counts(p.of_planned, text) if _may_match(p.of_planned, text) else ():
        add(m, "n", True)
    for m in _finditer_at_counts(p.of_total, text):
        add(m, "total", True)
    # "(n = 71)": no bracket and no "=" or "total" (n_eq's "n =" / "total:"), no such count (a hand test: the
    # texts read from n_eq are its nouns, a weaker test)
    for m in p.n_eq.finditer(text) if "(" in text and ("=" in text or _holds(text, "total")) else ():
        add(m, "n", True, a=m.start())
    # "8 women and 2 men": the cohort is both counted together (no sex noun, no such count; a hand list of the
    # words SEX_NOUN's nouns hold: read from SEX_COUNTS they would include "m", a weaker test)
    for m in _finditer_at_counts(SEX_COUNTS, text) if _holds(text, "men", "man", "male", "girl", "boy") else ():
        a_, b_ = parse_int(m.group("a")), parse_int(m.group("b"))
        if a_ and b_ and m.group("sa")[0].lower() != m.group("sb")[0].lower() and not any(x < m.end() and m.start() < y for x, y in taken):
            taken.append((m.start(), m.end()))
            found.append(Candidate(a_ + b_, sent.start + m.start(), sent.start + m.end(), False, False))
    for m in _finditer_at_counts(p.noun, text):
        if _ENDS_SEX_NOUN.search(m.group(0)) and (
                SEX_PAIR.match(text, m.end()) or SEX_PAIR_BEFORE.search(text[: m.start()])):
            continue  # "8 women and 2 men": counted together below, not either half alone
        add(m, "n", False)
    return sorted(found, key=lambda c: c.start)


# what stands right before or after a count in ``_candidates`` (compiled once: they are asked per count)
_PREP_BEFORE = re.compile(r"\b(?:in|to|on|among|of|from)\s+$")
_PER_BEFORE = re.compile(r"\bper\s*$")
_COMPARED_BEFORE = re.compile(r"\b(?:in|of|than|vs\.?|versus)\s+(?:the\s+)?$")
_TESTED_AFTER = re.compile(r"\s*(?:[\w\-]+\s+){0,4}?(?:for|with|using|by)\s+(?!eligibility|inclusion)", re.I)
_POOL_BEFORE = re.compile(r"(?:^|\W)(?:of|among)\s+(?:the\s+|all\s+)?$", re.I)
#: "Of 1169 patients with LN, 112 ...": a pool opening its sentence (not "a total of")
_OF_POOL_OPENING = re.compile(r"^\W*(?:[A-Z][a-z]+\s*[.:]\s*)?(?:of|among)\s+(?:the\s+|all\s+)?$", re.I)


#: a count of people the cohort was selected from, not the cohort: "1,204 women screened", "were assessed for
#: eligibility", "We screened 340 patients", "referred for suspected GCA"
SCREENED_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:[\w\-]+\s+){0,2}?(?:(?:were|was|had\s+been)\s+)?(?:(?:pre-?)?screened(?!\s+(?:for|with|using|by)\s+(?!eligibility|inclusion))|"
                            r"assessed\s+for\s+eligibility|evaluated\s+for\s+eligibility|referred|approached|invited|considered|(?:who\s+)?underwent\s+screening)\b", re.I)
#: "Among 1,500 patients in the registry, ...": the source the cohort is drawn from
SOURCE_POOL = re.compile(r"\s*(?:[\w\-]+\s+){0,2}?(?:in|of|from)\s+the\s+(?:[\w\-]+\s+){0,3}?(?:registry|register|database|records|cohort)\b\s*,", re.I)
#: "Of 640 eligible patients, 600 consented": the eligible are a pool where a later count in the sentence enrols
ELIGIBLE_POOL = re.compile(r"\s+eligible\s+[^.;]{0,60}?,\s*(?:\S+\s+){0,3}?(?:consented|agreed|were\s+(?:\w+\s+)?(?:randomi[sz]ed|enrolled|included|assigned|allocated))\b"
                           # "Among 8124 patients assessed, 3451 met the criteria and were randomised": any pool the
                           # randomised (not the analysed) are drawn from
                           r"|\s+(?:(?!randomi[sz]|enrol|includ|recruit|allocat|assign)[^.;,]){0,60}?,\s*[\d,]+\s+(?:[^.;\d]{0,50}?\band\s+)?(?:consented|were\s+(?:\w+\s+)?(?:randomi[sz]ed|assigned|allocated))\b", re.I)
SCREENED_BEFORE = re.compile(r"\b(?:screened|screening\s+of|pre-?screened)\s+(?:the\s+)?(?:data\s+of\s+)?$", re.I)
#: the cohort after a screened pool, its noun left out: "312 were eligible and enrolled", "96 were finally included"
ELLIPTIC_ENROLLED = (
    r"(?<![\w.,])(?P<n>{cnt})\s+(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s+)?(?:(?:of\s+(?:them|these)|patients|pts)\s+)?"
    r"(?:(?:(?!\b(?:were|was)\b)[^.;\d]){0,80}?\b(?:were|was)\s+(?:(?:finally|subsequently|ultimately|eventually|therefore)\s+)?"
    r"(?:(?:eligible|confirmed|diagnosed\s+with\s+[^.;,]{1,40}?)\s+and\s+)?(?:included|enrolled|recruited|randomi[sz]ed|analy[sz]ed|eligible|"
    r"(?:randomly\s+)?(?:assigned|allocated))\b|consented\b|agreed\s+to\s+(?:participate|take\s+part)|underwent\s+randomi[sz]ation\b"
    r"|(?:fulfilled|met|satisfied)\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}?(?:criteria|definition))")
#: the cohort after a screened pool, the verb before the count: "We screened 2003 patients and randomly assigned 1001"
ELLIPTIC_AFTER_VERB = (r"\b(?:and|then|,)\s+(?:then\s+|subsequently\s+|finally\s+)?(?:randomly\s+(?:assigned|allocated)|randomi[sz]ed|enrolled|"
                       r"included|recruited)\s+(?P<n>{cnt})(?=\s*(?:[.;,)]|$|\(|to\b|in\b|into\b))")
#: a pool counted without its noun: "Of 2310 screened, 1602 were randomised", "among the 900 assessed for eligibility"
BARE_POOL = r"(?:^|[^\w,])(?:of|among)\s+(?:the\s+|all\s+)?(?P<n>{cnt})\s+(?:\w+\s+){0,2}?(?:screened|assessed|approached|invited|referred)\b"
#: arms counted in one breath before one noun, then allocated: "210 and 198 patients were assigned to A and B"
ARMS_TOGETHER = (r"(?<![\w.,])(?P<n>{cnt})(?:\s*,\s*{cnt})*\s*,?\s+and\s+{cnt}\s+(?:[a-z\-]+\s+){0,3}?PATIENTS\s+(?:were|was)\s+"
                 r"(?:randomly\s+|respectively\s+)?(?:assigned|allocated|randomi[sz]ed|enrolled|included|recruited)\b")
#: arms sized as they are allocated: "randomized to belimumab (n = 120) or placebo (n = 118)"
ARM_ALLOCATION = re.compile(r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|allocated|assigned)\s+(?:\w+\s+){0,3}?to\b", re.I)
ARM_SIZE = re.compile(r"\(\s*n\s*=\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*\)", re.I)
#: the cohort's size printed after it: "The cohort (n = 1,532)", "the study population (n=210)", "were included (n = 180)"
COHORT_EQ = re.compile(r"\b(?:cohort|study\s+population|study\s+sample|(?:were|was)\s+(?:\w+\s+)?(?:included|enrolled|recruited|analy[sz]ed|studied))\s*\(\s*n\s*=\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*\)", re.I)


#: a group counted by its sex, the count before the noun ("1012 men with gout") or bracketed after it
#: ("women with gout (n = 262)")
_SEX_GROUP_NOUN = r"(?:women|men|females|males|girls|boys)"


@functools.lru_cache(maxsize=1)
def _sex_group_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The two ways ``sex_groups`` finds a counted group, compiled once the number words are loaded."""
    cnt = count_pattern()
    return (re.compile(rf"(?<![\w.,])(?P<n>{cnt})\s+(?:[a-z]+\s+)?(?P<s>{_SEX_GROUP_NOUN})\b", re.I),
            re.compile(rf"\b(?P<s>{_SEX_GROUP_NOUN})\b(?:\s+[\w\-]+){{0,4}}?\s*\(\s*n\s*=\s*(?P<n>{cnt})\s*\)", re.I))


def sex_groups(text: str) -> tuple[int, int, int, int] | None:
    """One women's group and one men's group counted in a sentence, however each is written: (female, male,
    start, end); None unless exactly one of each."""
    if not _holds(text, "women", "female"):
        return None  # no women's group (its noun: "women", "females", as _sex_letter reads them); most sentences
    before_noun, after_noun = _sex_group_patterns()
    found: list[tuple[str, int, int, int]] = []
    for m in _finditer_at_counts(before_noun, text):
        if (k := parse_int(m.group("n"))) and not PART_AFTER.match(text, m.end("n")):
            found.append((_sex_letter(m.group("s")), k, m.start(), m.end()))
    for m in after_noun.finditer(text) if "=" in text else ():  # "(n = 262)": no "=", no such group
        if (k := parse_int(m.group("n"))) and not any(a < m.end() and m.start() < b for _, _, a, b in found):
            found.append((_sex_letter(m.group("s")), k, m.start(), m.end()))
    fem = [x for x in found if x[0] == "f"]
    mal = [x for x in found if x[0] == "m"]
    if len(fem) != 1 or len(mal) != 1:
        return None
    (_, f_, fa, fb), (_, m_, ma, mb) = fem[0], mal[0]
    return f_, m_, min(fa, ma), max(fb, mb)


#: nouns that count people by sex
SEX_NOUN = r"(?:wom[ae]n|m[ae]n|(?:fe)?males?|girls?|boys?)"
SEX_COUNTS = re.compile(rf"\b(?P<a>{count_pattern()})\s+(?P<sa>{SEX_NOUN})\s*(?:\([^()]*\)\s*)?(?:,|and|/)\s*"
                        rf"(?P<b>{count_pattern()})\s+(?P<sb>{SEX_NOUN})\b", re.I)
SEX_PAIR_BEFORE = re.compile(rf"{SEX_NOUN}\s*(?:\([^()]*\)\s*)?(?:,|and|/|;)\s*$", re.I)
SEX_PAIR = re.compile(rf"\s*(?:\([^()]*\)\s*)?(?:,|and|/|;)\s*(?:{count_pattern()})\s+{SEX_NOUN}\b", re.I)
_ENDS_SEX_NOUN = re.compile(rf"{SEX_NOUN}$", re.I)
#: what, printed right after a count, makes it a part or not a count of people at all
PART_AFTER = re.compile(r"\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%|%|per\s*cent|percent|[.,]\d|-?years?\b|-?months?\b|-?weeks?\b|-?days?\b)",
                        re.IGNORECASE)


def find_n(doc: Doc) -> dict | None:
    """The first whole-cohort count: the first count of people with an enrolment cue, else the
    first that is not a visible part of the cohort; background sentences are skipped."""
    p = patterns()
    sents = _patient_sents(doc)
    plain: tuple[int, Candidate] | None = None
    pool: tuple[int, Candidate] | None = None  # a screened pool: the cohort only where nothing else is counted
    several_arms = sum(len(p.arm_n.findall(s.text)) for s in sents if "=" in s.text) >= 2  # "(n = 288)"
    for i, s in enumerate(sents):
        # arm's last word (a hand list: the texts read from arm are its commonest, "the")
        arms = list(_finditer_at_counts(p.arm, s.text)) if _holds(s.text, "group", "arm") else []
        if len(arms) >= 2:
            total = sum(parse_int(m.group("n")) or 0 for m in arms)
            return {"value": total, "evidence": ev(s.start + arms[0].start(), s.start + arms[-1].end())}
        alloc = ARM_ALLOCATION.search(s.text) if _may_match(ARM_ALLOCATION, s.text) else None
        clause_end = s.text.find(";", alloc.end()) if alloc else -1
        sizes = list(ARM_SIZE.finditer(s.text, alloc.end(), clause_end if clause_end > 0 else len(s.text))) if alloc else []
        if len(sizes) >= 2:  # "randomized to belimumab (n = 120) or placebo (n = 118)": the arms together
            return {"value": sum(parse_int(m.group("n")) or 0 for m in sizes),
                    "evidence": ev(s.start + alloc.start(), s.start + sizes[-1].end())}
        # "210 and 198 patients were assigned": only where one of its enrolment verbs stands (read from the pattern)
        together = (_search_at_counts(_rx("ARMS_TOGETHER"), s.text) if _may_match(_rx("ARMS_TOGETHER"), s.text)
                    else None)
        if together:  # "210 and 198 patients were assigned to A and B, respectively": the arms together
            counts = re.finditer(count_pattern(), s.text[together.start() : together.end()], re.I)
            sizes = [k for m in counts if (k := parse_int(m.group(0)))]
            if len(sizes) >= 2:
                return {"value": sum(sizes), "evidence": ev(s.start + together.start("n"), s.start + together.end())}
        cands = _candidates(s, p)
        bare = _rx("BARE_POOL").search(s.text) if _may_match(_rx("BARE_POOL"), s.text) else None
        if bare and pool is None and (k := parse_int(bare.group("n"))):
            pool = (i, Candidate(k, s.start + bare.start("n"), s.start + bare.end(), True, False, True))
        if pool is not None or any(c.screened for c in cands):  # "... screened; 96 were included": the cohort
            cands += [Candidate(k, s.start + m.start(), s.start + m.end(), True, False)
                      for m in _finditer_at_counts(ELLIPTIC_ENROLLED_RX(), s.text) if (k := parse_int(m.group("n")))
                      and not any(c.start <= s.start + m.start() < c.end for c in cands)]
            cands += [Candidate(k, s.start + m.start("n"), s.start + m.end(), True, False)
                      for m in _rx("ELLIPTIC_AFTER_VERB").finditer(s.text) if (k := parse_int(m.group("n")))
                      and not any(c.start <= s.start + m.start("n") < c.end for c in cands)]
        if not several_arms:
            cands += [Candidate(k, s.start + m.start(), s.start + m.end(), True, False)
                      for m in (COHORT_EQ.finditer(s.text) if "=" in s.text else ()) if (k := parse_int(m.group("n")))]
        for c in sorted(cands, key=lambda c: c.start):
            if c.part:
                continue
            if c.screened:
                pool = pool or (i, c)
                continue
            if c.cue or s.section == "methods":  # a count of people in Methods is the cohort's
                chosen = (_selected_from_pool(c, i, sents, p) if _selection().is_pool(c, s)
                          else _selected_from_pool(c, i, sents, p, same_sentence=True)
                          if _OF_POOL_OPENING.search(s.text[: c.start - s.start]) else None)
                return chosen or _less_excluded(c, sents[i + 1 : i + 3], p, s)
            if plain is None and s.section not in ("conclusions",):
                plain = (i, c)
    arms = _arm_sizes(sents, p)
    if arms:
        return arms
    if plain is None:
        plain = pool
    if plain is not None:
        i, c = plain
        chosen = (_selected_from_pool(c, i, sents, p)
                  if c.screened or _selection().is_pool(c, sents[i]) else None)
        return chosen or _less_excluded(c, sents[i + 1 : i + 3], p, sents[i])
    return _aim_count(doc, p)


#: an aim sentence, which speaks of this study's patients: "To assess drug X in 40 patients with gout"
AIM_OPENING = re.compile(r"^\W*(?:to\s+[a-z]+|the\s+(?:aim|objective|purpose)|(?:we|this\s+study)\s+aim(?:ed|s)?|our\s+aim)\b", re.I)


def _aim_count(doc: Doc, p: Patterns) -> dict | None:
    """With no count anywhere else, the count of an aim sentence is the cohort (rule 4: the first for the whole cohort)."""
    for s in sentences(doc):
        if s.section != "background" or not AIM_OPENING.match(s.text):
            continue
        for c in _candidates(s, p):
            if not c.part and not c.screened:
                return {"value": c.value, "evidence": ev(c.start, c.end)}
    return None


class _Selection:
    """Cohort selection (annotation rule 4), cue words from study_design.json "cohort_selection", compiled once."""

    def __init__(self) -> None:
        cfg = lexicons.load("study_design")["cohort_selection"]
        pool = "|".join(cfg["pool_verbs"])
        sel = "|".join(cfg["selection_verbs"] + cfg["selection_phrases"])
        cnt = count_pattern()
        self.lookahead: int = int(cfg["lookahead_sentences"])
        #: after a count: "... were identified from our database", "... seen by", "231 patients evaluated"
        self.pool_after = re.compile(r"(?:(?!includ|enrol|recruit|randomi|analy[sz]|stud(?:ied|y))[^.;]){0,80}?"
                                     rf"\b(?:(?:were|was|had\s+been|have\s+been)\s+)?(?:{pool})\b", re.I)
        #: before a count: "We identified 2400 adults", "reviewed the charts of 840 patients"
        self.pool_before = re.compile(rf"\b(?:{pool})\s+(?:(?:a\s+total\s+of|the\s+(?:data|records|charts|files)\s+of|all)\s+)?$", re.I)
        #: a count introduced by a selection verb: "112 ... and 112 matched controls were enrolled", "33 included"
        self.selected_after = re.compile(rf"(?:\([^()]*\)|[^.;()]){{0,160}}?\b(?:{sel})\b", re.I)
        self.elliptic = re.compile(rf"(?<![\w.,])(?P<n>{cnt})\s+(?:(?:of\s+(?:them|these)|patients|pts)\s+)?"
                                   rf"(?:(?:with|without|having|who\s+had)\s+[^.;\d,()]{{1,60}}?\s+(?=(?:{sel})\b))?"
                                   rf"(?:[^.;\d]{{0,60}}?\b(?:were|was)\s+)?(?:(?:finally|subsequently|ultimately|eventually|then)\s+)?(?:{sel})\b", re.I)
        #: "112 receiving X were matched 1:1 to 112 controls": the matched group is added
        self.matched_to = re.compile(rf"[^.;]{{0,80}}?\bmatched\s+(?:\(?\d+\s*:\s*\d+\)?\s+)?(?:to|with)\s+(?P<n>{cnt})\b", re.I)
        #: a count the pool loses, not the cohort: "After exclusion of 40 patients"
        self.excluded_before = re.compile(r"\b(?:exclu\w*|except)\s+(?:of\s+)?(?:the\s+)?$", re.I)
        #: "Of the remaining 217 patients": what is left of a pool after exclusions
        self.remaining = re.compile(rf"\b(?:the\s+)?remaining\s+(?P<n>{cnt})\b(?!\s*%)", re.I)


    def is_pool(self, c: Candidate, s) -> bool:
        """A count a pool verb stands after or before: the cohort may be selected from it."""
        a, b = c.start - s.start, c.end - s.start
        return bool(self.pool_after.match(s.text, b) or self.pool_before.search(s.text[max(0, a - 60) : a]))


_SELECTION: _Selection | None = None


def _selection() -> _Selection:
    global _SELECTION
    if _SELECTION is None:
        _SELECTION = _Selection()
    return _SELECTION


def _selected_from_pool(c: Candidate, i: int, sents: list, p: Patterns, same_sentence: bool = False) -> dict | None:
    """A pool before selection is no cohort: "1,169 patients were identified from the database. 112 ... and 112
    matched controls were enrolled" -> 224. The first smaller count a selection verb introduces (in the rest of the
    sentence or the next few) replaces the pool; groups coordinated with it are summed."""
    sel = _selection()
    for j in range(i, i + 1 if same_sentence else min(len(sents), i + 1 + sel.lookahead)):
        s = sents[j]
        if s.section == "conclusions":
            break
        lo = c.end - s.start if j == i else 0
        m = sel.remaining.search(s.text, lo) if _may_match(sel.remaining, s.text) else None
        if m and (k := parse_int(m.group("n"))) and k < c.value:
            return {"value": k, "evidence": ev(s.start + m.start("n"), s.start + m.end("n"))}
        for x in _candidates(s, p):
            if x.start < c.end or x.part or x.value >= c.value or sel.excluded_before.search(s.text[: x.start - s.start]):
                continue
            if sel.selected_after.match(s.text, x.end - s.start):
                chosen = _less_excluded(x, sents[j + 1 : j + 3], p, s)
                to = sel.matched_to.match(s.text, x.end - s.start)
                if to and (k := parse_int(to.group("n"))) and chosen["value"] == x.value:
                    chosen = {"value": x.value + k, "evidence": ev(x.start, s.start + to.end())}
                return chosen
            break
        for m in _finditer_at_counts(sel.elliptic, s.text):
            if s.start + m.start() >= c.end and (k := parse_int(m.group("n"))) and k < c.value \
                    and not PART_AFTER.match(s.text, m.end("n")) and not sel.excluded_before.search(s.text[: m.start()]) \
                    and not COORDINATED_GROUP_BEFORE.search(s.text[: m.start()]):
                to = sel.matched_to.match(s.text, m.end("n"))
                if to and (k2 := parse_int(to.group("n"))):
                    return {"value": k + k2, "evidence": ev(s.start + m.start(), s.start + to.end())}
                return {"value": k, "evidence": ev(s.start + m.start(), s.start + m.end())}
    return None


#: the first of coordinated groups right before a count: "402 with RA and [20 with PsA met the criteria]" (that
#: count is one group of several, not the cohort)
COORDINATED_GROUP_BEFORE = re.compile(r"(?<![\w.,])\d+\s+(?:with|without|having|who\s+had)\s+[^.;,\d]{1,60}?,?\s+and\s*$", re.I)
_ELLIPTIC: re.Pattern | None = None


def ELLIPTIC_ENROLLED_RX() -> re.Pattern:  # noqa: N802 - a compiled constant, built once the number words are loaded
    global _ELLIPTIC
    if _ELLIPTIC is None:
        _ELLIPTIC = re.compile(ELLIPTIC_ENROLLED.replace("{cnt}", count_pattern()), re.I)
    return _ELLIPTIC


_RX: dict[str, re.Pattern] = {}


def _rx(name: str) -> re.Pattern:
    """A module pattern compiled once the number words are loaded (count and noun filled in)."""
    if name not in _RX:
        text = globals()[name].replace("{cnt}", count_pattern()).replace("PATIENTS", PATIENTS)
        _RX[name] = re.compile(text, re.I)
    return _RX[name]


def _arm_sizes(sents: list, p: Patterns) -> dict | None:
    """Arms with no stated total (annotation rule 4): "placebo group (n = 288)" ... "nintedanib group (n = 288)"."""
    found = [(s.start + m.start(), s.start + m.end(), parse_int(m.group("n"))) for s in sents if "=" in s.text
             for m in p.arm_n.finditer(s.text)]
    found = [f for f in found if f[2]]
    if len(found) < 2:
        return None
    return {"value": sum(f[2] for f in found), "evidence": ev(found[0][0], found[-1][1])}


def _less_excluded(c: Candidate, later_sents: list, p: Patterns, sent=None) -> dict:
    """"Sixteen patients received ... Nine were excluded": the cohort is what remains; groups
    counted beside it ("... and 4795 continuing users") or "also enrolled" after it are added."""
    value, end = c.value, c.end
    if sent is not None:  # "... 61 patients with gout; 5 of them were excluded"
        x = p.excluded.search(sent.text, c.end - sent.start) if _may_match(p.excluded, sent.text) else None
        if x and (k := parse_int(x.group("n"))) is not None and k < value:
            return {"value": value - k, "evidence": ev(c.start, c.end)}
        rest = sent.text[c.end - sent.start :]
        for m in p.coordinated.finditer(rest.split(";")[0]):
            pre = rest[: m.start("n")]
            if _DIGIT.search(pre) or pre.count("(") > pre.count(")"):
                break  # "(241 users and 563 non-users)", "with 12 ... and 19 ...": a breakdown, not a second group
            if not PART_AFTER.match(rest[m.end("n") :]) and (k := parse_int(m.group("n"))):
                value += k
                end = c.end + len(rest[: m.end()].rstrip())
    for later in later_sents[:1]:
        if p.also.search(later.text):
            extra = [x for x in _candidates(later, p) if not x.part]
            if extra:
                value += extra[0].value
                return {"value": value, "evidence": ev(c.start, extra[0].end)}
    for later in later_sents:
        x = p.excluded.search(later.text) if _may_match(p.excluded, later.text) else None
        if x and (k := parse_int(x.group("n"))) is not None and k < value:
            value -= k
            break
    return {"value": value, "evidence": ev(c.start, end)}


FEMALE = r"(?:females?|women|woman|girls?|F)"
MALE = r"(?:males?|men|man|boys?|M)"


@functools.lru_cache(maxsize=1)
def _both_sexes() -> re.Pattern:
    """"8 women and 2 men", compiled once the number words are loaded."""
    cnt = count_pattern()
    return re.compile(
        rf"\b(?P<a>{cnt})\s+(?P<sa>{FEMALE}|{MALE})\b\s*(?:\([^()]*\)\s*)?(?:,|and|/|;)\s*(?P<b>{cnt})\s+(?P<sb>{FEMALE}|{MALE})\b",
        re.IGNORECASE)


#: what every match of ``_both_sexes`` holds from its first sex word (after a space: ``\b``) to the separator before
#: the second count; where it stands nowhere, the slower count-led pattern is not tried
_SEX_THEN_SEPARATOR = re.compile(rf"\b(?:{FEMALE}|{MALE})\b\s*(?:\([^()]*\)\s*)?(?:,|and|/|;)", re.IGNORECASE)

#: "female: 30, male: 12"
NAMED_SEXES = re.compile(
    rf"\b(?P<sa>{FEMALE}|{MALE})\s*[:=]?\s*(?P<a>\d+)\s*(?:\([^()]*\)\s*)?[,;/]\s*(?P<sb>{FEMALE}|{MALE})\s*[:=]?\s*(?P<b>\d+)\b",
    re.IGNORECASE)
#: "F/M = 30/12"
SEX_LETTER_RATIO = re.compile(r"\b(?P<l>[FM])\s*[:/]\s*(?P<r>[FM])\s*(?:=|:)?\s*(?P<a>\d+)\s*[:/]\s*(?P<b>\d+)")


#: counts glued to their sex letters: "36F/4M", "36 F, 4 M" (capital letters only: "4 m" is metres)
GLUED_SEX_LETTERS = re.compile(r"(?<![\w.,])(?P<a>\d+)\s?(?P<la>[FM])\s*(?:/|,|and|;)\s*(?P<b>\d+)\s?(?P<lb>[FM])\b")


#: where a sex word may start ("females", "women", "girls", "F", "males", "men", "boys", "M", any case): a word
#: opening with one of their first letters (no character beyond ASCII matches these letters case-insensitively).
#: The lookbehind, read after the letter, is ``\b`` before it; a pattern opening with a character set is scanned
#: for that set's characters quickly, one opening with ``\b`` is tried at every position.
_SEX_WORD_OPENING = re.compile(r"[fwgmbFWGMB](?<!\w.)")
#: a sex word followed by no letter, as ``NAMED_SEXES``, ``SEX_LETTER_RATIO``, ``WORDED_SEX_RATIO``,
#: ``_respective_sexes`` and ``_SEX_THEN_SEPARATOR`` open ("F: 30", "women and", "male-to-female", "M/F"): each of
#: their sex words is one of these (not so ``_one_sex``'s "femalen = 5")
_SEX_TOKEN = re.compile(rf"(?:{FEMALE}|{MALE})(?![^\W\d_])", re.IGNORECASE)


def _sex_word_starts(text: str) -> list[int]:
    """Every position in ``text`` where a sex word may start (``_SEX_WORD_OPENING``)."""
    return [m.start() for m in _SEX_WORD_OPENING.finditer(text)]


def _sex_token_starts(text: str, at_sex_words: list[int]) -> list[int]:
    """Of ``_sex_word_starts(text)``, where a sex word followed by no letter starts (``_SEX_TOKEN``): most words
    opening with "f", "m", "w", "g" or "b" are no sex word."""
    return [p for p in at_sex_words if _SEX_TOKEN.match(text, p)]


def _search_at_sex_words(rx: re.Pattern, text: str, starts: list[int]) -> re.Match | None:
    """``rx.search(text)`` for a pattern opening with ``\\b`` and a sex word (``NAMED_SEXES``, ``WORDED_SEX_RATIO``,
    ...): every match of it starts at one of ``starts`` (``_sex_word_starts(text)``, or ``_sex_token_starts`` for
    the patterns ``_SEX_TOKEN`` names), so it is tried there alone.

    The whole text is searched with a dozen such patterns, and each, opening with ``\\b``, is tried at every
    position; the starts of words opening with a sex word's letter are found once instead."""
    return next(matches_at(rx, text, starts), None)


#: what every match of ``GLUED_SEX_LETTERS`` holds ("36F", "4 M"); found fast, the pattern opening with a digit
#: class where the glued pattern opens with a lookbehind (tried at every position)
_DIGIT_THEN_SEX_LETTER = re.compile(r"\d\s?[FM]")


def find_sex(doc: Doc, n: int | None) -> tuple[dict | None, dict | None]:
    text = text_of(doc)
    at_sex_words = _sex_word_starts(text)
    at_sex_tokens = _sex_token_starts(text, at_sex_words)
    both = (_search_at_counts(_both_sexes(), text)
            if _search_at_sex_words(_SEX_THEN_SEPARATOR, text, at_sex_tokens) else None)
    if both and both.group("sa")[0].lower() != both.group("sb")[0].lower():
        a, b = parse_int(both.group("a")), parse_int(both.group("b"))
        if a is not None and b is not None:
            span = ev(both.start(), both.end())
            fa = both.group("sa")[0].lower() in "fwg"
            f_, m_ = (a, b) if fa else (b, a)
            return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    for s in sentences(doc):
        groups = sex_groups(s.text)
        if groups:
            f_, m_, a_, b_ = groups
            span = ev(s.start + a_, s.start + b_)
            return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    named = _search_at_sex_words(NAMED_SEXES, text, at_sex_tokens)
    if named and named.group("sa")[0].lower() != named.group("sb")[0].lower() and len(named.group("sa")) > 1:
        a, b = int(named.group("a")), int(named.group("b"))
        span = ev(named.start(), named.end())
        fa = named.group("sa")[0].lower() in "fwg"
        f_, m_ = (a, b) if fa else (b, a)
        return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    ratio = _search_at_sex_words(SEX_LETTER_RATIO, text, at_sex_tokens)
    if ratio and ratio.group("l") != ratio.group("r") and (n is None or int(ratio.group("a")) + int(ratio.group("b")) == n
                                                           or int(ratio.group("a")) + int(ratio.group("b")) > n / 2):
        # "F/M 19/1" of 20 counts people; "F:M = 9:1" of 80 is a true ratio and counts nobody
        a, b = int(ratio.group("a")), int(ratio.group("b"))
        f_, m_ = (a, b) if ratio.group("l") == "F" else (b, a)
        span = ev(ratio.start(), ratio.end())
        return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    glued = GLUED_SEX_LETTERS.search(text) if _DIGIT_THEN_SEX_LETTER.search(text) else None
    if glued and glued.group("la") != glued.group("lb") and (n is None or int(glued.group("a")) + int(glued.group("b")) <= n):
        a, b = int(glued.group("a")), int(glued.group("b"))  # "(36F/4M)": counts, each with its sex letter
        f_, m_ = (a, b) if glued.group("la") == "F" else (b, a)
        span = ev(glued.start(), glued.end())
        return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    worded = _worded_sex_ratio(text, n, at_sex_tokens)
    if worded:
        return worded
    resp = _search_at_sex_words(_respective_sexes(), text, at_sex_tokens)
    if resp and _sex_letter(resp.group("sa")) != _sex_letter(resp.group("sb")):
        a, b = parse_int(resp.group("a")), parse_int(resp.group("b"))
        if a is not None and b is not None:
            f_, m_ = (a, b) if _sex_letter(resp.group("sa")) == "f" else (b, a)
            span = ev(resp.start(), resp.end("b"))
            return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    for sex, _other_sex in ((FEMALE, MALE), (MALE, FEMALE)):
        found = _one_sex(text, sex, n, at_sex_words)
        if found:
            value, span = found
            is_female = sex is FEMALE
            other = {"value": n - value, "evidence": span} if n is not None and value <= n else None
            this = {"value": value, "evidence": span}
            return (this, other) if is_female else (other, this)
    return None, None


#: "M:F ratio of 28:83", "male-to-female ratio was 12:30", "female/male count 30/12"
WORDED_SEX_RATIO = re.compile(
    r"\b(?P<l>[FM]|(?:fe)?males?|wom[ae]n|m[ae]n)\s*(?:[:/]|-to-)\s*(?P<r>[FM]|(?:fe)?males?|wom[ae]n|m[ae]n)(?:\s+(?:ratio|count|proportion)|\s*(?=[:=]))\s*"
    r"(?:(?:of|was|were|is|=|:)\s*)?(?P<a>\d+)\s*[:/]\s*(?P<b>\d+)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _respective_sexes() -> re.Pattern:
    """"Males and females numbered 25 and 139, respectively", "women and men were 30 and 12, respectively":
    both sexes named, then both counts in the same order, closed by "respectively"."""
    cnt = count_pattern()
    return re.compile(
        rf"\b(?P<sa>(?:fe)?males|wom[ae]n|m[ae]n|girls|boys)\s+and\s+(?P<sb>(?:fe)?males|wom[ae]n|m[ae]n|girls|boys)\b"
        rf"(?:\s+(?:numbered|numbering|were|was|counted|totall?ed|(?:patients\s+)?(?:were\s+)?(?:included|enrolled)|accounted\s+for))?\s*(?:[:=]\s*)?"
        rf"(?P<a>{cnt})\s*(?:\([^()]*\)\s*)?(?:,\s*)?and\s+(?P<b>{cnt})\s*(?:\([^()]*\))?,?\s+respectively\b",
        re.IGNORECASE)


def _worded_sex_ratio(text: str, n: int | None, at_sex_tokens: list[int] | None = None) -> tuple[dict, dict] | None:
    """Sex counts printed as a worded ratio: counts only where the two add up to the cohort ("M:F ratio
    of 28:83" among 111), since "a F:M ratio of 3:1" is a true ratio and counts nobody. ``at_sex_tokens``:
    ``_sex_token_starts`` of the text where already found."""
    starts = _sex_token_starts(text, _sex_word_starts(text)) if at_sex_tokens is None else at_sex_tokens
    m = _search_at_sex_words(WORDED_SEX_RATIO, text, starts)
    if not m or _sex_letter(m.group("l")) == _sex_letter(m.group("r")):
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    if (n is None or a + b != n) and not m.group(0).lower().count("count"):
        return None  # a "count" is counted people whatever they add up to; a "ratio" only when they make the cohort
    f_, m_ = (a, b) if _sex_letter(m.group("l")) == "f" else (b, a)
    span = ev(m.start(), m.end())
    return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}


def _sex_letter(word: str) -> str:
    """"f" for female words (female, women, F), "m" for male ones."""
    return "f" if word[0].lower() in "fw" else "m"


#: a sex named before its count: "male sex 44, 88%", "(women, n = 50)", "female gender: 31"
SEX_THEN_COUNT = r"\b{sex}(?:\s+(?:sex|gender))?\s*[,:]?\s*(?:n\s*=\s*|n\s*\(\s*%\s*\)\s*[:=,]?\s*)?(?P<k>\d+)\b(?!\s*(?:%|years?|yrs?|y\b|months?|kg|mg|[-\u2010-\u2015:/]\s*\d|to\s+\d)|[.,]\d)"


#: a sex counted by what some of them had is a subset, not the cohort's sex: "10 women had tophi"
_SEX_SUBSET_AFTER = (r"(?!\s+(?:also\s+)?(?:had|have|developed|presented|showed|experienced|reported|achieved|required|"
                     r"received|died|relapsed|responded|discontinued)\b)")


@dataclass(frozen=True)
class _OneSexPatterns:
    """The ways ``_one_sex`` reads one sex's count, compiled once per sex (after the number words load)."""

    count_first: re.Pattern  # "31 (78%) were women"
    sex_first: re.Pattern  # "male sex 44", "(women, n = 50)"
    percent_first: re.Pattern  # "78% were women"
    percent_after: re.Pattern  # "female (89%)"
    everyone: re.Pattern  # "all patients were women"
    word: re.Pattern  # the sex word as a whole word
    initials: str  # the letters its sex words open with, both cases: "fFwWgG" (females, women, girls), "mMbB"


@functools.lru_cache(maxsize=4)
def _one_sex_patterns(sex: str) -> _OneSexPatterns:
    cnt = count_pattern()
    sex_word = sex.replace("|F)", ")").replace("|M)", ")")  # a bare F/M only in ratios
    return _OneSexPatterns(
        re.compile(rf"\b(?P<k>{cnt})\s+(?:(?:patients|pts|subjects|participants|of\s+(?:them|these|whom))\s+)?(?:[(\[](?P<pc>{NUM})\s*%[)\]]\s*)?(?:were\s+)?{sex_word}\b{_SEX_SUBSET_AFTER}", re.IGNORECASE),
        re.compile(SEX_THEN_COUNT.format(sex=sex_word), re.IGNORECASE),
        re.compile(rf"(?P<pc>{NUM})\s*%\s*(?:were\s+|of\s+(?:the\s+)?(?:patients|pts)\s+(?:were\s+)?)?{sex_word}\b", re.IGNORECASE),
        re.compile(rf"\b{sex_word}\s*(?:\(|:|,)?\s*(?P<pc>{NUM})\s*%", re.IGNORECASE),
        re.compile(rf"\ball\s+(?:patients\s+were\s+)?{sex_word}\b", re.IGNORECASE),
        re.compile(rf"\b{sex_word}\b", re.IGNORECASE),
        "fFwWgG" if sex == FEMALE else "mMbB",
    )


def _one_sex(text: str, sex: str, n: int | None, at_sex_words: list[int] | None = None) -> tuple[int, dict] | None:
    """One sex's count ("31 (78%) were women", "male sex 44", "78% were women", "female (89%)", "all patients
    were women"); ``at_sex_words``: ``_sex_word_starts(text)`` where already found."""
    rx = _one_sex_patterns(sex)
    # the patterns tried at these starts (word, sex_first, percent_after) open with ``\b`` and this sex's word, so
    # they start where a word opens with one of its initials (no other character matches these case-insensitively)
    starts = [p for p in (_sex_word_starts(text) if at_sex_words is None else at_sex_words) if text[p] in rx.initials]
    # the sex word as a whole word, which the count_first, percent_first and everyone patterns each hold (after a
    # space, a bracket or "%": a word boundary); where it stands nowhere, they are not tried
    word = _search_at_sex_words(rx.word, text, starts) is not None
    m = _search_at_counts(rx.count_first, text) if word else None
    if m and (k := parse_int(m.group("k"))) is not None and (n is None or k <= n):
        return k, ev(m.start(), m.end())
    if not n:
        return None  # each reading below gives a count only against the cohort's size
    m = _search_at_sex_words(rx.sex_first, text, starts)
    if m and (k := int(m.group("k"))) <= n:
        return k, ev(m.start(), m.end())
    m = rx.percent_first.search(text) if word else None
    if m:
        k = count_from_percent(float(m.group("pc").replace(",", ".")), n, decimals(m.group("pc")))
        if k is not None:
            return k, ev(m.start(), m.end())
    m = _search_at_sex_words(rx.percent_after, text, starts)  # "female (89%)", "(female 59.8%)"
    if m:
        k = count_from_percent(float(m.group("pc").replace(",", ".")), n, decimals(m.group("pc")))
        if k is not None:
            return k, ev(m.start(), m.end() + (1 if text[m.end() : m.end() + 1] == ")" and "(" in m.group(0) else 0))
    m = rx.everyone.search(text) if word else None
    if m:
        return n, ev(m.start(), m.end())
    return None


AGE_EXCLUDE = re.compile(r"\b(?:at|of)\s+(?:disease\s+)?(?:onset|diagnosis)\b|\bonset\b|\bdiagnosis\b|[≥≤<>]", re.IGNORECASE)


#: a limit, not a description: "aged 51 years or older", "aged 65 and over"
AGE_THRESHOLD = re.compile(r"\s*(?:or|and)\s+(?:older|over|above|more|younger|less|under|below)\b", re.I)


#: another age band beside a range, which makes the range one subgroup of several: "younger than 21",
#: "51 years or older", "aged 65 and over"
_AGE_BAND_LIST = re.compile(
    r"\b(?:younger|older)\s+than\s+\d|\b\d+\s*(?:years?\s+)?(?:or|and)\s+(?:older|over|above|younger|under|below)\b", re.I)


def _sentence_around(text: str, at: int) -> str:
    """The sentence holding offset ``at`` (cut at ". " either side)."""
    a = text.rfind(". ", 0, at)
    b = text.find(". ", at)
    return text[a + 1 if a >= 0 else 0 : b if b >= 0 else len(text)]


def find_age(doc: Doc) -> dict | None:
    """Age at inclusion: mean ± SD, median (IQR), range; not age at onset or an inclusion limit."""
    text = text_of(doc)
    for m in AGE_WORD.finditer(text):  # read lazily: the scan stops at the first age
        head = text[max(0, m.start() - 12) : m.start()].lower()
        age = _parse_age(text, m.start(), head)
        if age:
            return age
    return None


#: where an age may be printed: "age", "aged", "mean age"
AGE_WORD = re.compile(r"\b(?:mean\s+|median\s+|average\s+)?(?:age[ds]?|aging)\b", re.IGNORECASE)
AGE_STAT_WORD = re.compile(r"(mean|median|average)\s+", re.IGNORECASE)
#: "aged 35–64 years" / "aged 46.2±13.9 years" / "age: 50.1±13.4 years; range, 18 to 76 years" / "age 33.9 years"
AGE_BODY = re.compile(
    rf"(?:(?:mean|median|average)\s+)?(?:age[ds]?)\b(?:\s*,?\s*(?P<istat>mean|median)\b)?(?:\s*\(\s*(?:SD|IQR|range)\s*\)|{PM}SD\b|\s+range\b)?(?:\s+(?P<btw>between|rang(?:ed|ing)\s+(?:from|between)|from))?(?:\s+at\s+(?:[\w\-]+\s+){{0,2}}?(?:inclusion|baseline|enrol?ment|entry|start|initiation))?"
    rf"(?:\s+of\s+(?:the\s+)?(?:patients|participants|subjects|cohort))?(?:\s+(?:was|of|were|is))?\s*[:=,]?\s*"
    rf"(?P<v>{NUM})(?:(?(btw)\s+(?:and|to)\s+(?P<hi2>{NUM})|\s*(?:{PM}(?P<sd>{NUM})|[(\[]\s*(?:±|\+/-|SD\s*[:=,]?)\s*(?P<sd2>{NUM})\s*[)\]]|\[\s*(?P<sd3>{NUM})\s*\]|\(\s*(?P<sd4>{NUM})\s*\)|{DASH}(?P<hi>{NUM}))))?"
    rf"(?P<br>\s*[(\[](?:(?P<lab>IQR|range|interquartile\s+range)[:,]?\s*)?(?P<b1>{NUM}){DASH}(?P<b2>{NUM})[)\]])?"
    rf"[\s?]*(?P<unit>years?|yrs?|y\b)?(?:\s+old)?",
    re.IGNORECASE)
AGE_ONSET_WORD = re.compile(r"onset|diagnosis")
#: "; range, 18 to 76 years" / ", IQR 36-55" after the age: only a printed label fills range or IQR (rule 19)
AGE_RANGE_AFTER = re.compile(rf"\s*(?:[;,]\s*|[(\[]\s*)(?:age\s+)?(?P<lab>range|IQR|interquartile\s+range)[:,]?\s*(?P<lo>{NUM}){DASH}(?P<hi>{NUM})\s*(?:years?|yrs?)?\s*[)\]]?", re.IGNORECASE)
#: "44 years [SD 10]" / "44 years (SD: 10)" / "44 years, SD 10": a labelled SD after the unit
AGE_SD_AFTER = re.compile(rf"\s*(?:[(\[]\s*|,\s*)(?:SD|standard\s+deviation)\s*[:=,]?\s*(?P<sd>{NUM})\s*(?:years?)?\s*[)\]]?", re.IGNORECASE)
#: "(median 34)" after an age range
AGE_CENTRAL_AFTER = re.compile(rf"\s*\(\s*(?P<stat>median|mean)\s*[:=]?\s*(?P<v>{NUM})\s*(?:years?)?\s*\)", re.IGNORECASE)
AGE_STAT_BEFORE = re.compile(r"\b(?:the\s+)?(?:mean|median|average)\s+$", re.IGNORECASE)


#: an event right before the age: "diagnosed at a mean age of", "onset at the age of"
AGE_AT_EVENT_BEFORE = re.compile(r"\b(?:diagnos\w*|onset|presented|presentation)\s+at\s+(?:an?\s+|the\s+)?$", re.I)


def _balanced_end(m: re.Match) -> int:
    """The match's end, leaving out a closing bracket it did not open ("54 years, IQR 45-62)": the bracket is the sentence's)."""
    t = m.group(0)
    return m.end() - 1 if t.rstrip()[-1:] in ")]" and not any(c in t for c in "([") else m.end()


def _parse_age(text: str, at: int, head: str) -> dict | None:
    seg = text[at : at + 140]
    stat_word = AGE_STAT_WORD.match(seg)
    stat = stat_word.group(1).lower() if stat_word else ("mean" if "mean" in head or "average" in head else "median" if "median" in head else None)
    stat = "mean" if stat == "average" else stat
    body = AGE_BODY.match(seg)
    head_lab = None
    if (lab := re.search(r"\b(mean|median)\s*[(\[]\s*(SD|IQR|range)\s*[)\]]\s*$", text[max(0, at - 22) : at], re.I)):
        head_lab = lab.group(2).lower()
        stat = lab.group(1).lower()  # "median (IQR) age, 62 (54-70) years"
        head = head + " " + lab.group(0)
    if body and body.group("istat") and not stat_word:
        stat = body.group("istat").lower()  # "age, median (IQR): 62 (54-70) years"
    if body and body.group("sd4") and not re.search(r"\(\s*SD\s*\)", head + seg[: body.start("v")], re.I):
        return None  # "58.7 (12.1) years" is mean (SD) only where the text labels it so: "mean (SD) age", "age, mean (SD)"
    if not body or not body.group("unit") and not body.group("sd") and not body.group("sd4") and not body.group("hi") \
            and not body.group("hi2") \
            and not AGE_RANGE_AFTER.match(seg, body.end()) and not AGE_SD_AFTER.match(seg, body.end()):
        return None  # a bare number; "median age 45, range 22-70 years" is an age by its labelled range
    if AGE_THRESHOLD.match(seg, body.end()):
        return None  # "patients aged 51 years or older": a cut-off, not the cohort's age
    if (body.group("hi") or body.group("hi2")) and not body.group("sd") and _AGE_BAND_LIST.search(_sentence_around(text, at)):
        return None  # "94% in those aged 21 to 50 and 40% in those aged 51 or older": one band of several
    if AGE_AT_EVENT_BEFORE.search(text[max(0, at - 30) : at]):
        return None  # "diagnosed at a mean age of 25 years": age at diagnosis, not at inclusion (rule 5)
    between = seg[: body.start("v")]
    if AGE_EXCLUDE.search(between) or AGE_EXCLUDE.search(seg[body.end() : body.end() + 25].split(",")[0].split(";")[0]) and AGE_ONSET_WORD.search(seg[body.end(): body.end() + 25]):
        return None
    v = parse_number(body.group("v"))
    age = {"min": None, "max": None, "mean": None, "sd": None, "median": None, "iqr": None, "unit": "years"}
    end = body.end()
    if body.group("hi") or body.group("hi2"):  # "aged 35-64 years", "aged between 20 and 60 years"
        age["min"], age["max"] = v, parse_number(body.group("hi") or body.group("hi2"))
    else:
        sd = body.group("sd") or body.group("sd2") or body.group("sd3") or body.group("sd4")
        if sd or stat == "mean" or stat is None:
            age["mean"], age["sd"] = v, parse_number(sd) if sd else None
        if stat == "median" or stat is None and not sd and body.group("br") and not body.group("lab"):
            age["median"], age["mean"] = v, None  # "age 45 (22-70) years": x (a-b) unlabelled is the median (rule 19)
    label = body.group("lab") or (head_lab if head_lab in ("iqr", "range") else None)
    if body.group("br") and label:  # "age 41 (IQR 33-50)", "median (IQR) age 62 (54-70) years"
        lo, hi = parse_number(body.group("b1")), parse_number(body.group("b2"))
        if label.lower().startswith("range"):
            age["min"], age["max"] = lo, hi
        else:
            age["iqr"] = [lo, hi]
    sd_after = AGE_SD_AFTER.match(seg[end:]) if age["mean"] is not None and age["sd"] is None else None
    if sd_after:
        age["sd"] = parse_number(sd_after.group("sd"))
        end += _balanced_end(sd_after)
    rng = AGE_RANGE_AFTER.match(seg[end:])
    if rng:
        lo, hi = parse_number(rng.group("lo")), parse_number(rng.group("hi"))
        if rng.group("lab").lower().startswith("range"):
            age["min"], age["max"] = lo, hi
        elif age["iqr"] is None:
            age["iqr"] = [lo, hi]
        end += _balanced_end(rng)
    central = AGE_CENTRAL_AFTER.match(seg[end:])
    if central and age["min"] is not None:  # "aged 19 to 58 years (median 34)"
        age[central.group("stat").lower()] = parse_number(central.group("v"))
        end += central.end()
    start = at
    lead = AGE_STAT_BEFORE.search(text[max(0, at - 16) : at])
    if lead:
        start = at - (len(text[max(0, at - 16) : at]) - lead.start())
    seg_text = text[start : at + end]
    trimmed = seg_text.rstrip(" ,;")
    age["evidence"] = ev(start, start + len(trimmed))
    return age


def find_conditions(doc: Doc, n: dict | None = None) -> list[dict]:
    """The disease studied: the most-mentioned disease (outside background), named in full."""
    every = list(entities(doc, "disease"))
    if not every:
        return []
    mentions = every
    counts = Counter(e["key"] for e in mentions)
    first = {}
    for e in mentions:
        first.setdefault(e["key"], e)
    key = max(counts, key=lambda k: (counts[k], -first[k]["start"]))
    cohort = _cohort_disease(doc, every, n)
    if cohort is not None:
        key = cohort  # "30 patients with systemic lupus erythematosus": the disease the cohort has
    from .. import vocab

    diseases = vocab.entries("diseases")
    parent = diseases.get(key, {}).get("parent")
    # the cohort counted with the form alone ("39 patients with sarcoid arthropathy were included") studies the form
    form_alone = cohort is not None and parent not in _sentence_keys(doc, every, n)
    if parent in counts and counts[parent] * 2 >= counts[key] and not form_alone:
        key = parent  # "SLE patients with LN or NPSLE": the disease studied is SLE, its forms are manifestations
    key = _compound_of(key, counts, diseases)
    first_of = {e["key"]: e for e in reversed(every)}  # evidence: where each disease is first named
    anchor = first_of[key]
    if n is not None:  # the mention in the cohort's sentence, where the coordinated diseases are
        sent = sentence_at(doc, n["evidence"]["start"])
        anchor = next((e for e in every if e["key"] == key and sent and sent.start <= e["start"] < sent.end), anchor)
    keys = [key] + [k for k in _coordinated(doc, every, anchor) if k != key] + _underlying(key, counts, diseases)
    keys += [k for k in _hyphen_partner(doc, anchor, diseases) if k in first_of]  # named on its own too
    fused: dict[str, dict] = {}
    keys += _associated(doc, every, key, fused)
    keys += _measured_in(doc, every, key)
    anchors = {k: first_of.get(k) or fused[k] for k in keys if k in first_of or k in fused}
    keys = [k for k in keys if k in anchors]
    for e in _breakdown(doc, every, key, diseases):
        if e["key"] not in anchors:
            keys.append(e["key"])
            anchors[e["key"]] = e
    keys = _without_umbrellas(list(dict.fromkeys(keys)), diseases)
    out = [_condition(doc, every, k, anchors[k]) for k in keys]
    return out + _cohort_event_disease(doc, every, n, {c["name"] for c in out})


def _without_umbrellas(keys: list[str], diseases: dict[str, dict]) -> list[str]:
    """A group of diseases ("rheumatic diseases", "connective tissue disease": ``umbrella`` in diseases.jsonl)
    named beside a disease of its own gives way to it: the condition studied is the specific disease, the
    group is how the text frames it (corpus/real/CONVENTIONS.md convention 3). Alone, the group stays."""
    specific = [k for k in keys if not diseases.get(k, {}).get("umbrella")]
    return specific or keys


#: what ties the counted patients to the disease they were selected for: "121 patients diagnosed with NHL"
COHORT_WITH = re.compile(r"^\s*(?:\([^()]{1,60}\)\s*)?(?:[\w\-]+\s+){0,2}?(?:(?:newly\s+)?diagnosed\s+with|with\s+(?:a\s+)?(?:diagnosis\s+of\s+)?"
                         r"(?:(?:biopsy|histologically)[\s\-]proven\s+)?)\s*$", re.I)


def _cohort_event_disease(doc: Doc, every: list[dict], n: dict | None, have: set[str]) -> list[dict]:
    """A disease the adverse-event lexicon holds (a lymphoma, herpes zoster, tuberculosis) that selects the cohort
    ("121 patients diagnosed with NHL"): the patients have it, so it is studied. Only where no lexicon disease
    stands between the count and it (then the event is a feature of those patients)."""
    sent = sentence_at(doc, n["evidence"]["start"]) if n else None
    if sent is None:
        return []
    text, end = text_of(doc), n["evidence"]["end"]
    defs = {d["short"]: d for d in base.items(doc, "reuma_abbreviations")}
    for e in entities(doc, "ae"):
        if not (end <= e["start"] < sent.end) or any(end <= d["start"] < e["start"] for d in every):
            continue
        if not COHORT_WITH.match(text[end : e["start"]]):
            continue
        surface = text[e["start"] : e["end"]]
        if GENERIC_EVENT.match(surface):
            return []
        # named as the text names it: the long form of its short form, or the words written
        name = (defs[surface]["long"] if surface in defs else surface if surface != surface.upper() else e["key"]).lower()
        if name in have:
            return []
        abbr = surface if surface in defs else next(
            (k for k, d in defs.items() if (d.get("long") or "").lower() == surface.lower()), None)
        return [{"name": name, "abbreviation": abbr, "evidence": ev(e["start"], e["end"])}]
    return []


GENERIC_EVENT = re.compile(r"^(?:adverse|side|serious\s+adverse|AEs?$|SAEs?$|complications?$|toxicit)", re.I)


ASSOCIATED = re.compile(r"\s*(?:\([^()]{1,15}\)\s*)?[-\u2010-\u2015\s](?:related|associated|induced|linked)\s+", re.I)


ASSOCIATED_BEFORE = re.compile(r"\b(?P<abbr>[A-Za-z][A-Za-z0-9]*)[-\u2010-\u2015](?:related|associated|induced|linked)\s+$")
#: the words ASSOCIATED_BEFORE ends with, as written (it is case-sensitive): its pre-test, looked for as written
_ASSOCIATED_WORDS = ("related", "associated", "induced", "linked")


#: "the prevalence of fibromyalgia (FM) in patients with rheumatoid arthritis": a disease measured in patients with another
#: (or asked as a question: "how common fibromyalgia (FM) is, and what it looks like, in patients with RA")
MEASURED = re.compile(r"(?:\b(?:prevalence|incidence|frequency|occurrence|burden|characteristics|features|course)\s+of|"
                      r"\bhow\s+(?:common|frequent|prevalent|often)(?:\s+(?:is|are))?)\s+(?:[\w\-]+\s+){0,2}$", re.I)
MEASURED_IN = re.compile(rf"^\s*(?:\([^()]{{1,15}}\)\s*)?(?:(?:is|are|occurs?)\b(?:\s*,[^,;.()]{{1,40}},)?\s*)?(?:in|among)\s+(?:[\w\-]+\s+){{0,2}}?{PATIENTS}\s+with\s+(?:[\w\-]+\s+){{0,2}}?$", re.I)


def _measured_in(doc: Doc, every: list[dict], key: str) -> list[str]:
    """A disease whose prevalence/incidence/course the study measures in patients with the disease studied (or the
    other way round): both are studied."""
    text = text_of(doc)
    ordered = sorted(every, key=lambda e: e["start"])
    out = []
    for x, y in zip(ordered, ordered[1:], strict=False):
        if key not in (x["key"], y["key"]) or x["key"] == y["key"]:
            continue
        sent = sentence_at(doc, x["start"])
        if sent is None or sent.section == "conclusions" or not sent.start <= y["start"] < sent.end:
            continue
        if MEASURED.search(text[max(sent.start, x["start"] - 50) : x["start"]]) and MEASURED_IN.match(text[x["end"] : y["start"]]):
            out.append(y["key"] if x["key"] == key else x["key"])
    return out


def _names_patients(text: str, a: int, b: int) -> bool:
    """The phrase [a, b) names who the patients are: "patients with ...", "... cases", "... patients"."""
    return bool(PATIENTS_AFTER.match(text[b : b + 40]) or PATIENTS_WITH_BEFORE.search(text[max(0, a - 50) : a]))


PATIENTS_AFTER = re.compile(rf"\s*(?:\([^()]{{1,15}}\)\s*)?{PATIENTS}\b", re.I)
PATIENTS_WITH_BEFORE = re.compile(rf"\b{PATIENTS}\s+(?:(?:diagnosed|affected)\s+)?(?:with|by|of)\s+$", re.I)


def _associated(doc: Doc, every: list[dict], key: str, anchors: dict | None = None) -> list[str]:
    """A disease named as associated with the one studied ("APS-related recurrent miscarriage", "SLE-associated
    thrombocytopenia") outside the background: the patients have both, both are studied."""
    text = text_of(doc)
    own = [(s.start, s.end) for s in sentences(doc) if s.section != "background"]
    starts = {e["start"]: e for e in every}
    from .. import vocab

    by_abbr = _diseases_by_abbr(vocab.entries("diseases"))
    out = []
    for e in every:
        if not any(a <= e["start"] < b for a, b in own):
            continue
        m = ASSOCIATED.match(text, e["end"])
        nxt = starts.get(m.end()) if m else None
        if nxt is not None and _names_patients(text, e["start"], nxt["end"]) and key in (e["key"], nxt["key"]) and e["key"] != nxt["key"]:
            out.append(nxt["key"] if e["key"] == key else e["key"])
        # the first written fused to the hyphen ("APS-related RSA"): read by its short form
        before = text[max(0, e["start"] - 40) : e["start"]]
        # the pattern (case-sensitive) ends with one of these words: where none stands, it is not run
        b = ASSOCIATED_BEFORE.search(before) if any(w in before for w in _ASSOCIATED_WORDS) else None
        partner = by_abbr.get(b.group("abbr")) if b and _names_patients(text, e["start"] - len(b.group(0)), e["end"]) else None
        if partner and key in (e["key"], partner) and e["key"] != partner:
            out.append(partner if e["key"] == key else e["key"])
            if anchors is not None and partner not in anchors:  # the fused short form is no entity: anchor it here
                at = max(0, e["start"] - 40) + b.start("abbr")
                anchors[partner] = {"label": "disease", "key": partner, "start": at, "end": at + len(b.group("abbr")),
                                    "abbr": b.group("abbr")}
    return out


#: a count printed right after a disease: "rheumatoid arthritis: n = 24", "gout, n = 24", "gout (n=12)", "PsA (12 patients)"
BREAKDOWN_COUNT = re.compile(rf"\s*(?::\s*(?:n\s*=\s*)?\d+\b|,\s*n\s*=\s*\d+\b|[(\[]\s*(?:n\s*=\s*\d+|\d+\s+{PATIENTS})\s*[)\],;])", re.I)


def _breakdown(doc: Doc, every: list[dict], key: str, diseases: dict) -> list[dict]:
    """The cohort split by disease ("rheumatic diseases (rheumatoid arthritis: n = 24, spondyloarthritis: n = 23)"):
    two or more diseases in one sentence, each with its own count, are all studied; forms of the disease
    studied (lupus nephritis in SLE) and organ involvements are its manifestations, not diseases studied."""
    text = text_of(doc)
    organ = _organ_parts(diseases)
    out: list[dict] = []
    for s in _patient_sents(doc):
        found = [e for e in every if s.start <= e["start"] < s.end and BREAKDOWN_COUNT.match(text, e["end"])
                 and key not in _ancestors(e["key"], diseases) and e["key"] not in organ]
        if len({e["key"] for e in found}) >= 2:
            out += found
    return out


def _sentence_keys(doc: Doc, every: list[dict], n: dict | None) -> set[str]:
    """The diseases named in the sentence that counts the cohort, not those of a subgroup counted after it
    ("39 patients with X were included, and among them 19 had Y")."""
    sent = sentence_at(doc, n["evidence"]["start"]) if n else None
    if sent is None:
        return set()
    text, end = text_of(doc), n["evidence"]["end"]
    return {e["key"] for e in every if sent.start <= e["start"] < sent.end
            and not (e["start"] > end and _DIGIT.search(text[end : e["start"]]))}


def _compound_of(key: str, counts: Counter, diseases: dict) -> str:
    """A disease named as one with another that the text also names ("SSc-ILD" where ILD or SSc is the most
    mentioned): the compound is the disease studied, its parts are how the text keeps referring to it.
    A compound is a lexicon entry with a hyphenated short form whose last part is another disease's than
    its parent's."""
    by_abbr = _diseases_by_abbr(diseases)
    for c in counts:
        if c == key:
            continue
        entry = diseases.get(c, {})
        # "NP-SLE", "nr-axSpA" name a form of their parent: only two different diseases make a compound
        parts = {by_abbr.get(a.rsplit("-", 1)[1]) for a in entry.get("abbreviations", []) if "-" in a}
        parts -= {None, *_ancestors(c, diseases)}
        # named for its organ part ("ILD"), the compound wins; for its parent, only where it is named as often
        if parts and (key in parts or (entry.get("parent") == key and counts[c] >= counts[key])):
            return c
    return key


#: "-ILD" right after a disease: a second disease fused to it
HYPHENED_ABBREVIATION = re.compile(r"-(?P<abbr>[A-Za-z][A-Za-z0-9]*)\b")


def _hyphen_partner(doc: Doc, anchor: dict, diseases: dict) -> list[str]:
    """Two diseases joined by a hyphen the lexicon has no compound for ("125 patients with CADM-ILD"):
    the second is studied too."""
    m = HYPHENED_ABBREVIATION.match(text_of(doc)[anchor["end"] : anchor["end"] + 15])
    if not m:
        return []
    by_abbr = _diseases_by_abbr(diseases)
    partner = by_abbr.get(m.group("abbr"))
    return [partner] if partner and partner != anchor["key"] else []


#: the disease lexicon read last and what is derived from it: it is loaded once, and these are asked for
#: several times per doc
_DISEASE_INDEX: dict = {"lexicon": None, "size": -1}


def _disease_index(diseases: dict) -> dict:
    """Derived views of the disease lexicon, built once per lexicon object (rebuilt if another is passed)."""
    if _DISEASE_INDEX["lexicon"] is not diseases or _DISEASE_INDEX["size"] != len(diseases):
        _DISEASE_INDEX.clear()
        _DISEASE_INDEX.update(lexicon=diseases, size=len(diseases))
    return _DISEASE_INDEX


def _diseases_by_abbr(diseases: dict) -> dict[str, str]:
    """Each short form in the disease lexicon → its entry's key (the last entry listing it wins)."""
    index = _disease_index(diseases)
    if "by_abbr" not in index:
        index["by_abbr"] = {a: k for k, d in diseases.items() for a in d.get("abbreviations", [])}
    return index["by_abbr"]


def _organ_parts(diseases: dict) -> frozenset[str]:
    """Diseases that are the organ part of a lexicon compound (ILD in "SSc-ILD", "RA-ILD")."""
    index = _disease_index(diseases)
    if "organ_parts" not in index:
        index["organ_parts"] = frozenset(_find_organ_parts(diseases))
    return index["organ_parts"]


def _find_organ_parts(diseases: dict) -> set[str]:
    by_abbr = _diseases_by_abbr(diseases)
    parts = set()
    for k, d in diseases.items():
        for a in d.get("abbreviations", []):
            part = by_abbr.get(a.rsplit("-", 1)[1]) if "-" in a else None
            if part and part not in _ancestors(k, diseases):
                parts.add(part)
    return parts


def _underlying(key: str, counts: Counter, diseases: dict) -> list[str]:
    """An organ involvement studied (ILD) in patients with one named systemic disease ("ILD in patients with
    antisynthetase syndrome"): that disease is studied too. Several others named: none is taken."""
    if key not in _organ_parts(diseases):
        return []
    others = [k for k in counts if k != key and key not in _ancestors(k, diseases) and k not in _organ_parts(diseases)]
    # "myositis" beside "antisynthetase syndrome": a disease's ancestor named with it is the same disease
    others = [k for k in others if not any(k in _ancestors(o, diseases) for o in others)]
    return others if len(others) == 1 else []


def _ancestors(key: str, diseases: dict) -> set[str]:
    """The lexicon parents of a disease, up the chain ("nr-axSpA" → axSpA → SpA)."""
    seen: set[str] = set()
    parent = diseases.get(key, {}).get("parent")
    while parent and parent not in seen:
        seen.add(parent)
        parent = diseases.get(parent, {}).get("parent")
    return seen


#: words that name a subtype a researcher keeps with the disease ("primary APS", "knee osteoarthritis")
SUBTYPE_WORDS = r"(?P<q>primary|secondary|juvenile|paediatric|pediatric|childhood(?:-onset)?|adult-onset|knee|hip|hand)"
SUBTYPE_START = re.compile(rf"{SUBTYPE_WORDS}[\s\-]+", re.I)
SUBTYPE = re.compile(rf"\b{SUBTYPE_WORDS}[\s\-]+$", re.I)


#: "(SLE)" after a disease name
SHORT_BRACKET = re.compile(r"\s*\([^()]{1,15}\)")


def _condition(doc: Doc, every: list[dict], key: str, anchor: dict) -> dict:
    """One disease studied, named in full (the text's definition of its short form wins), with its evidence."""
    text = text_of(doc)
    defs = {d["short"]: d for d in base.items(doc, "reuma_abbreviations")}
    abbr = anchor.get("abbr") or next((e["abbr"] for e in every if e["key"] == key and e.get("abbr")), None)
    if abbr and abbr in defs and _names_something_else(defs[abbr]["long"], key, abbr):
        abbr = None  # "Disease Activity Index for PsA (DAPSA)": the short form of an instrument holding the disease
    if abbr is None:
        abbr = _used_abbreviation(doc, key)
    name = defs[abbr]["long"] if abbr and abbr in defs else key
    start, end = anchor["start"], anchor["end"]
    qual = SUBTYPE.search(text[max(0, start - 25) : start])
    inside = SUBTYPE_START.match(text, start, end)
    if inside and not name.lower().startswith(inside.group("q").lower()):
        name = f"{inside.group('q')} {name}"  # the lexicon matched "primary APS" as APS
    elif qual and not name.lower().startswith(qual.group("q").lower()):
        name = f"{qual.group('q')} {name}"
        start -= len(text[max(0, start - 25) : start]) - qual.start()
    after = SHORT_BRACKET.match(text[end:])
    if after and abbr and abbr in after.group(0):
        end += after.end()
    return {"name": name.lower(), "abbreviation": abbr, "evidence": ev(start, end)}


def _coordinated(doc: Doc, every: list[dict], anchor: dict) -> list[str]:
    """Diseases listed with the one studied: "patients with RA, PsA or SpA", "SLE and APS"."""
    text = text_of(doc)
    ordered = sorted(every, key=lambda e: e["start"])
    i = next(k for k, e in enumerate(ordered) if e is anchor)
    keys = []
    for step in (1, -1):
        j, cur = i, anchor
        while 0 <= j + step < len(ordered):
            nxt = ordered[j + step]
            gap = text[cur["end"] : nxt["start"]] if step == 1 else text[nxt["end"] : cur["start"]]
            counted = COUNTED_GAP.fullmatch(gap) if step == 1 else None
            if not COORD_GAP.fullmatch(gap) and not counted:
                break
            if counted and _is_form_of(nxt["key"], anchor["key"]):
                break  # "40 patients with SLE and 12 with lupus nephritis": a subgroup with a form of the disease
            keys.append(nxt["key"])
            j, cur = j + step, nxt
    return keys


#: a second group counted beside the first, its noun left out: "42 subjects with PsA and 20 with AS"
COUNTED_GAP = re.compile(r"\s*(?:\([^()]{1,15}\))?\s*,?\s*and\s+\d[\d,]*\s+(?:[a-z]+\s+)?with\s+", re.I)


def _is_form_of(key: str, other: str) -> bool:
    from .. import vocab

    return other in _ancestors(key, vocab.entries("diseases"))


COORD_GAP = re.compile(r"\s*(?:\([^()]{1,15}\))?\s*(?:,\s*(?:and|or)?|and\s*/\s*or|and|or|/|&)\s*(?:other\s+)?", re.I)


#: a count a few words before a disease: "... and 23 had diffuse cutaneous SSc"
COUNT_BEFORE = re.compile(r"\b(\d+)\s+(?:\(\S+\)\s+)?(?:[a-z]+\s+){0,2}$")


def _cohort_disease(doc: Doc, mentions: list[dict], n: dict | None) -> str | None:
    """The disease named in the sentence that counts the cohort ("We report on 5 female SLE patients")."""
    if not n:
        return None
    a = n["evidence"]["start"]
    sent = next((s for s in sentences(doc) if s.start <= a < s.end), None)
    if sent is None:
        return None
    text = text_of(doc)

    def subgroup(e: dict) -> bool:  # "... and 23 had diffuse cutaneous SSc": a part of the cohort
        m = COUNT_BEFORE.search(text[max(sent.start, e["start"] - 30) : e["start"]])
        return bool(m) and int(m.group(1)) != n["value"]

    inside = [e for e in mentions if sent.start <= e["start"] < sent.end and not subgroup(e)]
    if not inside:
        return None
    counts = Counter(e["key"] for e in mentions)
    # several named there ("40 patients with SSc-ILD (23 with diffuse cutaneous SSc)"): the one the text keeps naming
    return max(inside, key=lambda e: (counts[e["key"]], -abs(e["start"] - a)))["key"]


#: a long form that holds the disease after a head noun: "Disease Activity Index for PsA", "Quality of Life in SLE"
HEAD_OF_DISEASE = re.compile(r"\s(?:for|of|in)\s", re.I)


def _names_something_else(long: str, key: str, short: str) -> bool:
    """Whether a short form defined in the text names a thing other than the disease (an index, a questionnaire)."""
    from .. import vocab

    diseases = vocab.entries("diseases")
    entry = diseases.get(key, {})
    known = {key.lower(), *(x.lower() for x in entry.get("synonyms", []))}
    return long.lower() not in known and bool(HEAD_OF_DISEASE.search(long)) and not any(
        short in e.get("abbreviations", []) for e in diseases.values())


def _used_abbreviation(doc: Doc, key: str) -> str | None:
    from .. import vocab

    entry = vocab.entries("diseases").get(key, {})
    text = text_of(doc)
    for a in entry.get("abbreviations", []):
        # the pattern, built per abbreviation, is only compiled and run where the abbreviation's text stands
        if a in text and re.search(rf"(?<![\w-]){re.escape(a)}(?![\w])", text):
            return a
    return None
