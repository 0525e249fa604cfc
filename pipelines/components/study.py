"""``reuma_study``: design, setting and study period.

Design and setting follow annotation rule 6: an ordered list of cue patterns
(``lexicons/study_design.json``), first rule that matches wins; sentences about
other studies ("In cornerstone clinical trials, ...") are skipped.
"""



import functools
import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicons
from ..prefilter import folded, required_text
from . import base
from .base import ev, guarded, population_n, register_extensions, sentence_role, sentences, text_of

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
#: "2004", "June 2004", "June/2004", "July 1, 2007", "1 July 2007", "01/2015" (not "1933.9 person-months": a year has no decimals)
_DATE = (rf"(?:(?:\d{{{{1,2}}}}\s+)?(?P<{{p}}m>{_MONTH})(?:\s+\d{{{{1,2}}}})?\s*[,/]?\s*|(?<![\d/.])(?P<{{p}}n>0?[1-9]|1[0-2])\s*/\s*)?"
         rf"(?P<{{p}}y>(?:19|20)\d\d)(?!\d|[.,]\d)")
_NOW = r"(?:the\s+)?(?:present|present\s+day|date|today|now)"
PERIOD = re.compile(
    rf"\b(?:from|between|since|during|in the period(?: from)?)\s+{_DATE.format(p='a')}"
    rf"(?:\s*,?\s*(?:to|and|until|till|through|[-\u2010-\u2015/])\s*(?:{_DATE.format(p='b')}|(?P<now>{_NOW})))?",
    re.IGNORECASE,
)
#: "between January and December 2024": two months of one year
MONTHS_OF_YEAR = re.compile(
    rf"\b(?:from|between)\s+(?P<am>{_MONTH})\s+(?:to|and|until)\s+(?P<bm>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
#: "2009-2012", "2009 to 2012 claims data", "June 2010 through May 2014" (two dates; not a dose or a count)
RANGE = re.compile(rf"\b{_DATE.format(p='a')}\s*(?:[-\u2010-\u2015]|\s(?:to|through|until|till)\s)\s*{_DATE.format(p='b')}\b"
                   r"(?!\s*(?:mg|ml|µg|ug|g|kg|units?|IU|cells|copies|patients|cases|participants)\b)", re.IGNORECASE)


@Language.factory(
    "reuma_study",
    requires=["token.is_sent_start", "doc._.reuma_sections", "doc._.reuma_population"],
    assigns=["doc._.reuma_study", "span._.reuma"],
)
def make_study(nlp: Language, name: str) -> "StudyComponent":
    base.check_requires(nlp, "reuma_study", name)
    return StudyComponent()


class StudyComponent:
    def __init__(self) -> None:
        register_extensions()
        cfg = lexicons.load("study_design")
        self.designs = [(d["design"], [re.compile(p, re.IGNORECASE) for p in d["patterns"]]) for d in cfg["design"]]
        self.settings = [(d["setting"], [re.compile(p, re.IGNORECASE) for p in d["patterns"]]) for d in cfg["setting"]]
        self.small = cfg["small_retrospective_case_series_max_n"]

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        sents = sentences(doc)
        roles = _Roles()

        @functools.cache
        def own(s) -> bool:
            """A sentence that may say this study's design and setting: not conclusions, not other work."""
            return roles[s] not in ("conclusions", "conclusion", "other_studies") and not _other_work_background(s, roles[s])

        design, design_at = first_rule_at(self.designs, sents, own)
        if design is None:  # "In this real-world study, ...": the conclusions name this study's design
            design, design_at = self_named_design(self.designs, sents, roles)
        if design == "retrospective cohort":
            n = population_n(doc)
            comparison = re.search(r"\b(?:control group|controls|compared with|versus|vs\.?)\b", text_of(doc), re.I)
            if n is not None and n <= self.small and not comparison:
                design = "case series"
        setting, setting_at = first_rule_at(self.settings, sents, own)
        period = period_of_study(doc, roles)
        # a span per field found: design and setting over the cue that decided them, period over its evidence
        rows = [{"label": "design", "value": design, "start": design_at[0], "end": design_at[1]}] if design else []
        if setting:
            rows.append({"label": "setting", "value": setting, "start": setting_at[0], "end": setting_at[1]})
        if period:
            rows.append({"label": "period", **period})
        base.write_group(doc, "reuma_study", rows)
        return doc


#: a background sentence reporting earlier work: "A recent meta-analysis showed ...", "Several cohort studies reported ..."
OTHER_WORK = re.compile(r"\b(?:previous|prior|recent|earlier|several|other|published)\b|\b(?:have|has)\s+(?:been\s+)?"
                        r"(?:shown|demonstrated|reported|suggested)\b|\b(?:showed|demonstrated|reported|suggested|found)\b", re.I)
#: words by which a sentence speaks of this study ("In this retrospective study we ...")
THIS_STUDY_WORDS = re.compile(r"\b(?:we|our|this|present|current|aim(?:ed|s)?|objectives?|purpose)\b|^\s*To\s", re.I)


class _Roles(dict):
    """``sentence_role`` of the sentences of one doc, each read once and only when asked: it runs the role cue
    regexes over the sentence, the design, setting and period passes each ask it, and most sentences hold no
    cue, year or self-naming phrase, so none of them asks (the role depends on the sentence's text and section)."""

    def __missing__(self, s) -> str | None:
        role = self[s] = sentence_role(s)
        return role


def _other_work_background(s, role: str | None) -> bool:
    """A background sentence about other work, whose design words are not this study's (rule 1); ``role`` is
    the sentence's ``sentence_role``."""
    return role == "background" and bool(OTHER_WORK.search(s.text)) and not THIS_STUDY_WORDS.search(s.text)


def first_rule_at(rules: list[tuple[str, list[re.Pattern]]], sents: list,
                  keep: Callable[[object], bool] | None = None) -> tuple[str | None, tuple[int, int]]:
    """The value of the first rule a sentence matches, and where its cue stands in the text; only sentences
    ``keep`` keeps count (it is asked only of sentences a pattern matches).

    Most sentences match no cue, and searching each with every pattern is the cost: a pattern is only
    searched in a sentence holding the plain text every match of it holds (``prefilter.required_text``). Which
    plain texts a sentence holds is read once per sentence (``_RuleIndex``); the searches left are then
    made in the order of the rules, sentence by sentence, pattern by pattern, as a plain triple loop would."""
    index = _rule_index(rules)
    tried: list[tuple[int, int, int]] = []  # (rule, sentence, pattern) of every search that may match
    # a pattern's ASCII literal run, where it matches (case-insensitively or not), stands lower-cased in the
    # ``folded`` sentence: each character matching an ASCII letter becomes that letter's lower case there, and any
    # other ASCII character matches only itself
    for i, found in enumerate(index.candidates([folded(s.text) for s in sents])):
        tried += [(r, i, j) for r, j in found]
    for r, i, j in sorted(tried):
        m = rules[r][1][j].search(sents[i].text)
        if m and (keep is None or keep(sents[i])):  # asked after the search: most searches find nothing
            return rules[r][0], (sents[i].start + m.start(), sents[i].start + m.end())
    return None, (0, 0)


class _RuleIndex:
    """The patterns of an ordered rule list by the plain texts that must stand in a sentence for them to match."""

    def __init__(self, rules: tuple[tuple[str, tuple[re.Pattern, ...]], ...]) -> None:
        #: (rule, pattern) of patterns with no required text: searched in every sentence
        self.always: list[tuple[int, int]] = []
        #: required text -> (rule, pattern) of the patterns one of whose required texts it is
        self.by_text: dict[str, list[tuple[int, int]]] = {}
        for r, (_, patterns) in enumerate(rules):
            for j, p in enumerate(patterns):
                needed = required_text(p)
                if not needed:
                    self.always.append((r, j))
                for t in needed or ():
                    self.by_text.setdefault(t, []).append((r, j))

    def candidates(self, lows: list[str]) -> list[set[tuple[int, int]]]:
        """For each sentence, given as ``folded`` gives it: (rule, pattern) of the patterns that may match it.
        A text is looked for in the sentences only where it stands in them all joined (most stand nowhere)."""
        joined = "\n".join(lows)
        present = [(t, rjs) for t, rjs in self.by_text.items() if t in joined]
        return [set(self.always).union(*(rjs for t, rjs in present if t in low)) for low in lows]


def _rule_index(rules: list[tuple[str, list[re.Pattern]]]) -> _RuleIndex:
    """The index of a rule list, built once per list object (the component's lists live as long as it, and
    are not changed; the list is kept with its index, so its identity is not reused)."""
    kept = _RULE_INDEXES.get(id(rules))
    if kept is None or kept[0] is not rules:
        kept = _RULE_INDEXES[id(rules)] = (rules, _RuleIndex(tuple((value, tuple(ps)) for value, ps in rules)))
    return kept[1]


_RULE_INDEXES: dict[int, tuple[list, _RuleIndex]] = {}


#: the study named as itself: "this real-world study", "our prospective cohort", "the present open-label trial"
SELF_NAMED = re.compile(r"\b(?:this|our|the\s+(?:present|current))\s+(?:[\w\-\u2010]+\s+){0,3}?(?:study|analysis|cohort|series|trial)\b", re.I)


def self_named_design(rules: list[tuple[str, list[re.Pattern]]], sents: list,
                      roles: "_Roles | None" = None) -> tuple[str | None, tuple[int, int]]:
    """A design read only inside the phrase by which the text names this study (in any sentence, the
    conclusions included): a design word elsewhere there ("prospective studies are needed") is no design.
    ``roles``: the doc's ``_Roles``, where some are already read."""
    roles = roles if roles is not None else _Roles()
    # the phrases of each sentence, found once for all rules; a sentence's role read only where it holds one
    phrases = [(s, named) for s in sents for named in SELF_NAMED.finditer(s.text)]
    phrases = [(s, named) for s, named in phrases if roles[s] != "other_studies"]
    for value, patterns in rules:
        for s, named in phrases:
            for p in patterns:
                m = p.search(named.group(0))
                if m:
                    start = s.start + named.start() + m.start()
                    return value, (start, start + m.end() - m.start())
    return None, (0, 0)


def _ym(month: str | None, year: str | None, number: str | None = None) -> str | None:
    if not year:
        return None
    if number:  # "01/2015"
        return f"{year}-{int(number):02d}"
    if not month:
        return year
    m = month.lower().rstrip(".")
    num = next((v for k, v in MONTHS.items() if k.startswith(m[:3])), None)
    return f"{year}-{num:02d}" if num else year


#: a year as every period pattern writes it ("1998", "2021")
YEAR = re.compile(r"(?:19|20)\d\d")


#: a background sentence that speaks of this study ("We aimed to study patients treated between 2010 and 2020")
THIS_STUDY = re.compile(r"\b(?:we|our|this\s+study|the\s+present\s+study|aim(?:ed|s)?|objectives?|purpose|patients|pts)\b", re.I)
#: sentences whose dates are not this study's period: other work, conclusions
NOT_PERIOD_ROLES = ("other_studies", "conclusions", "conclusion")


def period_of_study(doc: Doc, roles: "_Roles | None" = None) -> dict | None:
    """The first period phrase of a sentence about this study (rule 1): a background sentence gives one only
    where it speaks of this study ("Since 2010, guidelines recommend ..." gives nothing). ``roles``: the doc's
    ``_Roles``, where some are already read."""
    text = text_of(doc)
    if not YEAR.search(text):
        return None
    roles = roles if roles is not None else _Roles()
    for s in sentences(doc):
        if not YEAR.search(s.text):
            continue  # no year, no period (``find_period``): the sentence's role is not needed
        role = roles[s]
        if role in NOT_PERIOD_ROLES or role == "background" and not THIS_STUDY.search(s.text):
            continue
        found = find_period(s.text)
        if found:
            e = found["evidence"]
            found["evidence"] = ev(s.start + e["start"], s.start + e["end"])
            return found
    return None


def find_period(text: str) -> dict | None:
    """The first "from May 2021 to June 2022" / "between 2009 and 2018" / "since 2002" phrase."""
    if not YEAR.search(text):
        return None  # each of the period patterns holds a year: none is written, none matches
    two = MONTHS_OF_YEAR.search(text)
    m = PERIOD.search(text) or RANGE.search(text)
    if two and (not m or two.start() <= m.start()):
        y = two.group("y")
        return {"start": _ym(two.group("am"), y), "end": _ym(two.group("bm"), y), "ongoing": False,
                "evidence": ev(two.start(), two.end())}
    if not m:
        return None
    gd = m.groupdict()
    start = _ym(gd.get("am"), gd.get("ay"), gd.get("an"))
    end = _ym(gd.get("bm"), gd.get("by"), gd.get("bn"))
    ongoing = bool(gd.get("now")) or (end is None and m.group(0).lower().startswith("since"))
    return {"start": start, "end": end, "ongoing": ongoing, "evidence": ev(m.start(), m.end())}
