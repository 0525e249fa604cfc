"""``reuma_outcomes``: what happened to the patients, from the verbs and nouns abstracts use.

Each clause of a results sentence is searched for outcome cues
(``lexicons/outcome_cues.json``: "improved", "complete remission", "relapse",
"discontinued", "taper", ...). Kinds are tried most specific first, so
"complete remission" is a remission and not an improvement, and a
glucocorticoid named in the sentence turns "taper"/"withdrawal" into the
glucocorticoid kinds (annotation rule 11). A change reported with values
("SLEDAI decreased from 6 to 2") is a Score, not an outcome.
"""



import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .. import cues, lexicons, vocab
from ..counting import count_near, count_starts, split_clauses
from ..numbers import count_from_percent, count_pattern, decimals, parse_int, word_number_pattern
from ..prefilter import folded, required_text
from . import base
from .base import (
    ev,
    guarded,
    population_n,
    register_extensions,
    sentence_at,
    sentence_role,
    sentences,
    text_of,
    title_end,
)


def _first_chars(items, parser) -> set[str] | None:
    """The characters a match of the parsed sequence ``items`` (``re._parser``) can begin with, past its leading
    zero-width tests (``\\b``, look-arounds), or None where it cannot be told (a character class, an optional
    part, a sequence that may match nothing)."""
    for op, av in items:
        if op in (parser.AT, parser.ASSERT, parser.ASSERT_NOT):
            continue  # zero-width: the first character is the next item's
        if op is parser.LITERAL:
            return {chr(av)}
        if op is parser.SUBPATTERN:
            return _first_chars(av[-1], parser)
        if op is parser.BRANCH:
            found = [_first_chars(branch, parser) for branch in av[1]]
            return None if None in found else set().union(*found)
        if op in (parser.MAX_REPEAT, parser.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(av[2], parser)
        return None
    return None


def _quick_start(rx: re.Pattern) -> re.Pattern:
    """``rx`` with a lookahead for the characters its matches begin with (``_first_chars``, read from the parsed
    pattern): the same matches, since every match of ``rx`` begins with one of them (in the case ``rx`` compares,
    and the lookahead takes its flags), but the regex engine leaves most offsets after one character test
    instead of trying every alternative there. ``rx`` itself where those characters cannot be told."""
    try:
        from re import _parser  # the standard library's pattern parser (Python 3.11+)

        chars = _first_chars(_parser.parse(rx.pattern, rx.flags), _parser)
        if not chars:
            return rx
        return re.compile(rf"(?=[{''.join(sorted(re.escape(c) for c in chars))}])(?:{rx.pattern})", rx.flags)
    except Exception:  # noqa: BLE001 - another Python's parser, or a pattern that cannot be wrapped: as it is
        return rx


#: most specific first; the glucocorticoid kinds need a glucocorticoid in the sentence
ORDER = ("death", "glucocorticoid_withdrawal", "glucocorticoid_tapering", "discontinuation", "partial_remission",
         "complete_remission", "low_disease_activity", "response", "flare", "no_change", "worsening",
         "resolution", "improvement", "other")
INTENSITY = {"marked", "significant", "significantly", "rapid", "complete", "partial", "clinical", "sustained",
             "persistent", "dramatic", "substantial", "notable", "progressive", "further", "overall", "early",
             "good", "moderate", "major", "minor", "greater", "prompt", "remarkable", "considerable", "slight",
             "drug-free", "gc-free", "steroid-free", "clinically", "well", "numerical"}
GENERIC_TARGETS = {"symptoms", "symptom", "manifestations", "disease", "it", "them", "therapy", "treatment", "patients"}
GC_CLASSES = ("glucocorticoid", "corticosteroid")
#: sections whose sentences report no outcome
SKIPPED_SECTIONS = ("background", "methods", "conclusions")
GC_WORD = r"(?:GCs?|glucocorticoids?|corticosteroids?|steroids?|prednis\w+|methylprednis\w+|OCS)"
GC_NAMED = re.compile(rf"(?<!\w){GC_WORD}(?!\w)", re.I)
NO_CHANGE = re.compile(r"\b(?:no\s+(?:change|trends?|evidence\s+of|significant\s+change|difference)|unchanged|did\s+not\s+(?:change|reduce|improve)|remained\s+(?:stable|unchanged)|not\s+for)\b", re.I)
VALUE_CHANGE = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:from\s+(?:a\s+)?(?:baseline\s+(?:of\s+)?)?\d|\d+(?:\.\d+)?\s*(?:→|->))", re.I)
#: sentences about predictors, definitions and analyses, not about what happened (annotation rule 18); searched
#: in every sentence that may hold one of its words, hence the quick start (``_quick_start``)
ANALYSIS = _quick_start(re.compile(
    r"\b(?:associated\s+with|associations?\s+(?:between|of|with)|correlat(?:ed|es|ion|ions|ing)\b|predict(?:ors?|ive|s|ing)\b|\bpredicted\s+(?:by|subsequent|relapses?|flares?|responses?|outcomes?|deterioration|progression|worsening|death|mortality|remission)|risk\s+(?:of|factors?)|time\s+to|hazard|kaplan|univariab\w*|multivariab\w*|"
    r"regression|(?:multi|uni)variate|defined\s+(?:as|by)|to\s+define|criteria|were\s+collected|was\s+assessed|were\s+assessed|"
    r"assessing|recording|evaluating|measuring|more\s+likely|less\s+likely|odds|influenc(?:ed|es|ing)|"
    r"(?:more|less)\s+(?:common|frequent)\w*(?!\s*\(\s*\d+(?:[.,]\d+)?\s*%\s*(?:vs\.?|versus)\s)|(?-i:HR|SMR)|standardi[sz]ed\s+mortality)\b", re.I))
#: the clause after an event that compares who had it ("..., more often in younger patients (HR 1.03)")
APPENDED_ANALYSIS = re.compile(r"\s*(?:and\s+|which\s+was\s+|being\s+)?(?:more|less)\s+(?:often|frequently|common(?:ly)?|likely)\b|\s*(?:particularly|especially|mainly|mostly)\b", re.I)
#: the numerator of a fraction whose base the count reader took ("12/40 (30%) achieved", "12 of 40 relapsed")
FRACTION_HEAD = re.compile(r"(?<![\w./])(?P<k>\d+)\s*(?:/|of(?:\s+the)?)\s*$", re.I)
#: "12/40 (30%) [patients] relapsed": a fraction as the cue's subject
FRACTION_SUBJECT = re.compile(r"(?<![\w./])(?P<k>\d+)\s*/\s*(?P<n>\d+)\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s*)?(?:(?:patients|pts|subjects|cases)\s+)?(?:had\s+(?:an?\s+)?)?$", re.I)
#: "(was achieved) by/in 12/40 (30%)", "in 30% (12/40)": a fraction after the cue
FRACTION_AFTER = re.compile(r"\s+(?:(?:was|were)\s+)?(?:\w+\s+)?(?:by|in)\s+(?:\d+(?:[.,]\d+)?\s*%\s*\(\s*)?(?P<k>\d+)\s*/\s*(?P<n>\d+)(?![\d/])(?:\s*\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?", re.I)
#: "pts in remission", "among patients in LDA", "good responders had": a group, not an outcome (searched in the
#: text before every cue, hence the quick start, ``_quick_start``)
GROUP_BEFORE = _quick_start(re.compile(r"(?:\b(?:of|among)\s+(?:the\s+)?(?:\w+\s+)?(?:patients|pts|subjects|those|cases)\s+who\s+|\b(?:pts|patients|those|subjects|group\s+of\s+patients)\s+(?:in|with|achieving)\s+(?:\w+\s+)?|\bamong\s+(?:\w+\s+){0,2}in\s+|\b(?:not|non-?)\s*|\bhad\s+not\s+)$", re.I))
GROUP_NOUN = re.compile(r"^(?:non-?)?responders?$", re.I)
CLASSIFIED = re.compile(r"\b(?:classified|defined|considered)\s+as\s+(?:\w+\s+)?$|\bwere\s+$", re.I)
AE_SENTENCE = re.compile(r"\b(?:adverse|side[\s-]+effects?|safety|toxicit|infusion\s+reactions?)", re.I)
#: a word every AE_SENTENCE match holds, for a quick test on the folded sentence (``prefilter.folded``)
AE_WORDS = ("adverse", "side", "safety", "toxicit", "infusion")
#: "those who could (not) stop", "who were able to taper": a group defined by the outcome
WHO_COULD = re.compile(r"(?:\bwho\s+(?:could(?:\s+not)?|(?:were|was)\s+(?:not\s+|un)?able\s+to|managed\s+to|did(?:\s+not)?)|"
                       r"\b(?:patients|pts|subjects|cases|those)\s+(?:not\s+|un)?able\s+to)\s+$", re.I)
#: "discontinued because of relapses", "due to relapsing disease": the cue names a cause
#: a sentence-opening time clause with no count of its own: "After discontinuing X, ...", "Once X had been stopped, ..."
TIME_FRAME_BEFORE = re.compile(r"\s*(?:after|once|following|upon|when)\b[^,;\d]*$", re.I)
TIME_FRAME_AFTER = re.compile(r"[^,;\d]*,", re.I)
#: what is better the higher it is, as the subject of a lowering verb ("survival, compared with X, was reduced")
GOOD_BEFORE = re.compile(r"\b(?:survival|life\s+expectancy)\b(?:(?!\b(?:and|but|while|whereas|was|were|is|are)\b)[^;:]){0,60}?\b(?:was|were|is|are|been)\s+(?:\w+\s+)?$", re.I)
#: "morbidity and mortality", "mortality and morbidity": a disease's burden, named as a pair
MORBIDITY_BEFORE = re.compile(r"\bmorbidit(?:y|ies)\s+(?:and|or|&)\s+$", re.I)
MORBIDITY_AFTER = re.compile(r"\s+(?:and|or|&)\s+morbidit(?:y|ies)\b", re.I)
CAUSE_BEFORE = re.compile(r"\b(?:because\s+of|due\s+to|owing\s+to)\s+(?:\w+\s+){0,2}$", re.I)
#: a comparison of groups or of baseline features, not a change under treatment
GROUP_COMPARISON = re.compile(r"\bbaseline\s+(?:characteristics|features|data|demographics)\b|\b(?:at|in)\s+baseline\b", re.I)
SIMILAR_GROUPS = re.compile(r"\s*(?:between|among|across|in\s+(?:both|all|the\s+(?:two|three|\d)))\b", re.I)
#: "the retention rate was similar between ...": a comparison of groups, which names no outcome
SIMILAR_AFTER = re.compile(r"\s+(?:\w+\s+){0,3}?(?:was|were)\s+(?:similar|comparable)\s+(?:between|among|across|in\s+both)\b", re.I)
#: "between monotherapy and ...", "than in patients on monotherapy": the cue names a group compared
COMPARED_BEFORE = re.compile(r"\b(?:between|across|among|versus|vs\.?|than|compared\s+(?:with|to))\s+(?:\w+\s+){0,3}$", re.I)
#: an outcome nobody had: "no patient had a flare" (lexicons/cues.json)
ABSENT = cues.pattern("absent_outcome")
#: "none of the patients experienced a flare", "no patient suffered any relapse": the verb's object after an article
ABSENT_OBJECT = re.compile(r"\b(?:no|none(?:\s+of\s+(?:the|our|these))?|not\s+(?:one|a\s+single))\s+(?:\w+\s+)?(?:patients?|pts|subjects?|cases?|children)?\s*"
                           r"(?:had|has|experienced|developed|showed|suffered|presented|required|underwent)\s+(?:(?:an?|any|further|new)\s+)?(?:\w+\s+)?$"
                           r"|\bno\s+(?:new\s+)?(?:cases?|episodes?|events?|instances?|occurrences?)\s+of\s+(?:\w+\s+)?$"
                           r"|(?:^|[.;:]\s*|\b(?:and|but)\s+)(?:none|nobody|no\s+one)\s+(?:of\s+(?:them|the\s+\w+|these\s+\w+)\s+)?$", re.I)
#: "mortality was 0%", "the relapse rate was 0%": nobody had it
ZERO_SHARE_AFTER = re.compile(r"\s+(?:rates?\s+)?(?:was|were)\s+0(?:[.,]0+)?\s*%", re.I)
#: "(reduced) to ≤5 mg/day in 12 patients": the count after the dose reached
COUNT_AFTER_DOSE = re.compile(r"\s+(?:to\s+|below\s+)[^,;.]{0,25}?\s+in\s+(?P<n>\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:patients|pts|cases|subjects)\b", re.I)
#: "flares did not occur in any patient", "relapse was observed in none of the patients": nobody had it
ABSENT_AFTER = re.compile(r"\s+(?:(?:was|were|did|has|have)\s+not\s+(?:been\s+)?(?:occur(?:red)?|observed|seen|recorded|reported|noted)\s+in\s+any\s+(?:of\s+the\s+)?(?:patients?|pts|subjects?|cases?)"
                          r"|(?:occurred|(?:was|were)\s+(?:observed|seen|recorded|reported|noted))\s+in\s+(?:none\s+of\s+the\s+(?:patients|pts|subjects|cases)|no\s+(?:patients?|pts|subjects?|cases?)))\b", re.I)
#: "patients who achieved remission had lower CRP": a group the outcome defines, compared, with no count of it
WHO_REACHED = re.compile(r"\b(?:patients|pts|those|subjects|cases)\s+who\s+(?:had\s+)?(?:achieved|reached|attained|obtained|experienced|developed|had)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I)
#: "previous flares", "a history of relapse": the past, no outcome of the study (annotation rule 8 makes it a history)
PRIOR_BEFORE = re.compile(r"\b(?:previous|prior|past|earlier|history\s+of)\s+(?:\w+\s+)?$", re.I)
#: "(were in remission) at baseline", "at study entry": the state patients came in with, no outcome
AT_ENTRY_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:at|before)\s+(?:the\s+)?(?:baseline|inclusion|enrol(?:l)?ment|study\s+entry|entry|screening|study\s+start)\b", re.I)
#: "(the remission) rate was 40%": the one share of the cohort that reached it
RATE_WAS = re.compile(r"\s*rates?\s+(?:\w+\s+){0,4}?(?:was|were)\s+(?P<pc>\d+(?:[.,]\d+)?)\s*%", re.I)
#: "relapsed after rituximab withdrawal", "flared following GC tapering": the stopping names when, not what happened
AFTER_STOPPING = re.compile(r"\b(?:after|following|upon|since|post)\s+(?:the\s+|its\s+|their\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
STOPPING_NOUN = re.compile(r"(?:withdrawal|discontinuation|cessation|tapering|interruption|stopping|suspension)s?$", re.I)
#: "(withdrawal) was followed by", "led to": what came of the stopping, counted for that
FOLLOWED_BY = re.compile(r"\s+(?:(?:was|were)\s+(?:often\s+|frequently\s+)?followed\s+by|(?:led|leads)\s+to|resulted\s+in|triggered|was\s+associated\s+with)\b", re.I)
#: "the proportion of patients in remission (was)": a share of the cohort, not a group compared
SHARE_OF_GROUP = re.compile(r"\b(?:proportion|percentage|number|share|rate)\s+of\s+(?:the\s+)?(?:patients|pts|subjects)\s+(?:in|with|achieving)\s+(?:\w+\s+)?$", re.I)
#: "of the 20 patients (75%)": the base after a count, no count listed per group
BASE_AFTER_COUNT = re.compile(r"\s*of\s+(?:the\s+)?\d+\s*(?:patients|pts|subjects|cases)?\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?", re.I)
#: kinds an absent event counts as n 0 (annotation rule 15): an event nobody had
ABSENT_KINDS = ("flare", "death", "worsening", "discontinuation")
#: "(achieved) by 30 of 50 patients": a count of a stated denominator after the cue
FRACTION_OF_AFTER = re.compile(r"\s+(?:(?:was|were)\s+)?(?:\w+\s+){0,3}?(?:by|in)\s+(?P<k>\d+)\s+of\s+(?:the\s+)?(?P<n>\d+)\s+(?:patients|pts|subjects|cases)\b", re.I)
#: "(in remission) was 35% (7/20)": a share and its fraction after the cue
SHARE_THEN_FRACTION = re.compile(r"\s+(?:\w+\s+){0,3}?(?:was|were)\s+\d+(?:[.,]\d+)?\s*%\s*\(\s*(?P<k>\d+)\s*/\s*(?P<n>\d+)\s*\)", re.I)
#: "(improved) in 100% of the 4 patients": a share of a stated denominator after the cue
SHARE_OF_AFTER = re.compile(r"\s+(?:(?:was|were)\s+)?(?:\w+\s+){0,3}?(?:by|in)\s+(?P<pc>\d+(?:[.,]\d+)?)\s*%\s+of\s+(?:the\s+|these\s+|our\s+)?(?P<n>\d+)\s+(?:patients|pts|subjects|cases)\b", re.I)


#: a colon opening a list of the parts of what was counted, after a heading-free head ("...: (1) ...")
LIST_COLON = re.compile(r"(?<=[a-z)\]])\s*:(?=\s*(?:\(?\d\)|\(?[a-z]\)|[A-Za-z]))")


#: "associated with" as the predicate of an analysis: after a copula or an adverb of strength
ASSOCIATION_PREDICATE = re.compile(r"\b(?:is|was|were|are|be|been|being|not|significantly|independently|strongly|weakly|positively|negatively|inversely|closely|only|also|both|each)\s+$", re.I)
#: a count of patients or events, or none of them: "12 (30%)", "12 patients", "12/40", "no flares", "not one patient"
EVENTS_COUNTED = re.compile(r"(?<![\w-])\d+\s*(?:\(|%|/\s*\d|(?:patients?|pts|cases|subjects|events?)\b)|\b(?:no|none\s+of|not\s+(?:one|a\s+single|any))\s+[a-z]", re.I)
#: a count of patients or a share of them ("in these 16 cases", "50% of patients")
EVENTS_COUNTED_OR_SHARE = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)?\s*%\s*of\s+(?:the\s+)?(?:patients|cases|subjects)|(?<![\w.-])\d+\s+(?:patients|cases|subjects)\b", re.I)
#: the statistics an analysis reports
STATISTICS = re.compile(r"(?<![\w-])(?:OR|HR|RR|aOR|aHR|CI|r|rho|β)(?![\w-])|\bp\s*[<=>≤]", re.I)


def _modifier_only(text: str, hits: list[re.Match]) -> bool:
    """Every analysis word of the sentence (``hits``: the matches of ANALYSIS in it) is an "associated with" that
    qualifies a noun ("no flares associated with vision loss occurred") and the sentence counts events (a number,
    or none) but reports no statistic: events described, not an analysis (nor a sentence of aims, which counts
    nothing)."""
    counted = EVENTS_COUNTED.search(text)
    return bool(hits and counted) and not STATISTICS.search(text) and all(
        re.fullmatch(r"associated\s+with", h.group(0), re.I) and not ASSOCIATION_PREDICATE.search(text[: h.start()])
        for h in hits)


#: the subject of the clause after "no evidence that", up to its verb
THAT_SUBJECT = re.compile(r"\s+(?:the\s+)?(?P<t>[^,;()]{3,80}?)\s+(?:differed|changed|improved|declined|worsened|varied|increased|decreased|was|were|had|did)\b", re.I)
#: a sentence stating what is not known (background in an unheaded abstract), which reports no result
KNOWLEDGE_GAP = re.compile(r"\b(?:knowledge|data|evidence|information|studies|literature)\b[^.;]{0,150}?\b(?:is|are|remains?|has\s+been|have\s+been)\s+(?:still\s+|very\s+|rather\s+)?(?:limited|scarce|lacking|sparse|unknown|unclear|insufficient|poorly\s+(?:understood|known|characteri[sz]ed))\b|\blittle\s+is\s+known\b", re.I)
#: the predicate of a subject that holds the cue: a difference between groups ("... showed a significant
#: difference between FMS (+) and FMS (-)", "... differed between groups")
DIFFERENCE_PREDICATE = re.compile(r"(?:[^.;:,]|\.(?=\d))*?\b(?:(?:showed|had|revealed|demonstrated)\s+(?:an?\s+)?(?:statistically\s+)?(?:significant\s+)?differences?|(?:significantly\s+)?differed(?:\s+significantly)?)\s+(?:between|among|across)\b", re.I)


#: the doc whose sentences' roles ``_role`` holds, and those roles by (sentence text, section)
_ROLES: list = [None, {}]


def _role(doc: Doc, s: base.Sent) -> str | None:
    """``sentence_role`` of a sentence of ``doc``, computed once per sentence: the reader asks it of every
    sentence in both of its passes (and ``_studied`` of all of them per adverse event), and each call runs a
    list of regexes. The role depends on the sentence's text and section only; the memo holds one doc's
    sentences and is emptied when another doc comes, so no text is ever read from an earlier doc's memo."""
    if _ROLES[0] is not doc:
        _ROLES[:] = [doc, {}]
    memo = _ROLES[1]
    key = (s.text, s.section)
    if key not in memo:
        memo[key] = sentence_role(s)
    return memo[key]


#: the doc the component is reading and its entities (``base.entities``), set when its reading starts and
#: emptied when it ends: the readers ask for a doc's entities hundreds of times, and each ask copied the list
_ENTITIES: list = [None, []]


def _entities(doc: Doc) -> list[dict]:
    """``list(base.entities(doc))``: for the doc being read, the list held for it (read it, do not change it)."""
    if _ENTITIES[0] is doc:
        return _ENTITIES[1]
    return list(base.entities(doc))


def _drop_bracketed_restatements(text: str, items: list[dict]) -> list[dict]:
    """An uncounted cue inside a bracket that quantifies the same kind of outcome just read ("reduced the dose
    of corticosteroids in 16 cases (mean prednisolone reduction 20.4 mg)") restates it: one item."""
    out = []
    for it in items:
        a = it["evidence"]["start"]
        opened = text.rfind("(", 0, a)
        inside = opened >= 0 and text.find(")", opened, a) < 0 and a - opened < 40
        if inside and it["n"] is None and any(o is not it and o["kind"] == it["kind"] and o["evidence"]["end"] <= opened
                                              and opened - o["evidence"]["end"] < 80 for o in items):
            continue
        out.append(it)
    return out


def _results_in_conclusions(sents: list[base.Sent]) -> set[int]:
    """The starts of the conclusions' sentences that count patients, in an abstract with headings but no Results
    section (a case series: "Case presentation", then "Conclusions: ... in these 16 cases, with 50% of patients
    continuing ..."): there the conclusions are the only place the results are reported."""
    if not any(x.section for x in sents) or any(x.section == "results" for x in sents):
        return set()
    return {x.start for x in sents if x.section == "conclusions" and EVENTS_COUNTED_OR_SHARE.search(x.text)}


#: a word every ANALYSIS match holds but "HR" and "SMR" (matched case-sensitively): one per alternative
#: ("define" in "defined as" and "to define", "likely" in "more likely", "variab" in "univariable")
ANALYSIS_WORDS = ("associat", "correlat", "predict", "risk", "time", "hazard", "kaplan", "variab", "variate", "regression",
                  "define", "criteria", "collected", "assessed", "assessing", "recording", "evaluating", "measuring",
                  "likely", "odds", "influenc", "common", "frequent", "standardi")


def _may_analyse(text: str) -> bool:
    """False when ANALYSIS cannot match the text: none of its words is in it, folded as re.IGNORECASE
    compares (``prefilter.folded``), nor "HR" or "SMR" as written. A quick test before that costly pattern."""
    return "HR" in text or "SMR" in text or _holds_any(text, ANALYSIS_WORDS)


def _outside_analysis(s: base.Sent) -> list[base.Sent]:
    """The sentence, or of a sentence that analyses (ANALYSIS) the parts that report: the head before an
    appended analysis (``_before_analysis``) and an independent clause after the analysis, joined by ", and"
    or ";" ("New ulcers were less frequent with Z, and not one patient died"). The sentence's ANALYSIS matches
    are found once, for all the tests below (the first of them is what ``ANALYSIS.search`` gives)."""
    hits = list(ANALYSIS.finditer(s.text)) if _may_analyse(s.text) else []
    if not hits or _modifier_only(s.text, hits):
        return [s]
    head = _before_analysis(s, hits[0])
    parts = [head] if head is not None else []
    last = hits[-1]
    join = re.compile(r"(?:,\s*and|;)\s+(?=(?:not\s+(?:one|a\s+single|any)|no|none|\d+|[A-Z][a-z]+\s+(?:patients|deaths?))\b)")
    tail = join.search(s.text, last.end())
    if tail and not ANALYSIS.search(s.text[tail.end() :]):
        parts.append(base.Sent(s.start + tail.end(), s.end, s.text[tail.end() :], s.section))
    return parts


def _before_analysis(s: base.Sent, m: re.Match) -> base.Sent | None:
    """A sentence that reports an event and then analyses it in a clause of its own ("Relapse occurred in 42
    (15.8%) patients, more often in younger patients (HR 1.03)") keeps its first clause(s), up to the comma
    before the analysis (``m``, its first ANALYSIS match), when they count patients and name no analysis; any
    other analysis sentence is none."""
    cut = max(s.text.rfind(",", 0, m.start()), s.text.rfind(";", 0, m.start()))
    colon = next(reversed(list(LIST_COLON.finditer(s.text, 0, m.start()))), None)
    if colon:  # "143 (46%) had a new event, of three patterns: (1) arterial, associated with ..."
        cut = colon.start()
    head = s.text[:cut] if cut > 0 else ""
    if not head or not re.search(rf"\d|\b(?:{word_number_pattern()})\b", head, re.I) or ANALYSIS.search(head) or not (
            APPENDED_ANALYSIS.match(s.text[cut + 1 :]) or cut == (colon.start() if colon else -1)):
        return None
    return base.Sent(s.start, s.start + cut, head, s.section)


@functools.lru_cache(maxsize=1)
def cue_patterns() -> dict[str, re.Pattern]:
    cues = lexicons.load("outcome_cues")
    out = {}
    for kind in ORDER:
        alts = []
        for c in cues.get(kind, []):
            if c.isupper() or any(ch.isdigit() for ch in c):
                alts.append(rf"(?-i:{re.escape(c)})")
            else:
                words = c.split()
                stem = re.escape(words[-1].rstrip("e") if len(words[-1]) > 4 else words[-1])
                suffix = r"(?:e|es|ed|d|s|ing|ment|ments|ion|ions|ation|ations|ance|ances|ly|ity)?"
                alts.append(r"\s+".join([re.escape(w) for w in words[:-1]] + [stem + suffix]))
        if alts:
            out[kind] = re.compile(rf"(?<![\w])(?<!(?-i:[a-z])-)(?:{'|'.join(sorted(alts, key=len, reverse=True))})(?![\w])", re.I)
    return out


@functools.lru_cache(maxsize=1)
def _cue_starts() -> tuple[re.Pattern, dict[str, re.Pattern]]:
    """How every cue match begins, in the folded text (``_cue_text``), for all kinds in one pattern and per kind: at
    a word start, the first word of a phrase and a space, the stem of a single word, or the whole cue written
    in capitals or with digits. A cheap test before the costly cue patterns (``cue_patterns``), whose case
    folding keeps the regex engine from skipping positions quickly."""
    cues = lexicons.load("outcome_cues")
    per_kind: dict[str, set[str]] = {}
    for kind in ORDER:
        for c in cues.get(kind, []):
            words = c.split()
            if c.isupper() or any(ch.isdigit() for ch in c):
                start = re.escape(c.lower())
            elif len(words) > 1:
                start = re.escape(words[0].lower()) + r"\s"
            else:
                start = re.escape((words[-1].rstrip("e") if len(words[-1]) > 4 else words[-1]).lower())
            per_kind.setdefault(kind, set()).add(start)
    def rx(starts: set[str]) -> re.Pattern:
        return re.compile(rf"(?<![a-z0-9_]){_prefix_tree(starts)}")
    return rx(set().union(*per_kind.values())), {k: rx(v) for k, v in per_kind.items()}


#: one unit of an escaped literal (``re.escape``) or of the class of blanks: a backslash and the character after it, or a character
_LITERAL_UNIT = re.compile(r"\\.|.", re.S)


def _prefix_tree(literals: set[str]) -> str:
    """The alternation of the regex-escaped literals (``re.escape``, and the class of blanks) as a prefix tree: "rem",
    "remission" and "relaps" become ``re(?:laps|m(?:ission)?)``. It matches the same
    strings at the same offsets as ``(?:rem|remission|relaps)`` (only which alternative matches may differ,
    and callers read the match's start only), but the regex engine tries each branch of the tree once
    instead of every one of some 200 literals at every offset: eight times faster on a sentence."""
    tree: dict = {}
    for lit in literals:
        node = tree
        for unit in _LITERAL_UNIT.findall(lit):
            node = node.setdefault(unit, {})
        node[""] = {}  # a literal ends here

    def emit(node: dict) -> str:
        branches = [unit + emit(child) for unit, child in sorted(node.items()) if unit]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{emit(tree)})"


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """One of the lower-case ASCII words is in the text, compared as re.IGNORECASE compares (``prefilter.folded``): a
    quick test by ``in`` before a costlier pattern every match of which holds one of them."""
    low = folded(text)
    for w in words:  # a plain loop: this runs for every sentence, several times
        if w in low:
            return True
    return False


def _may_match(rx: re.Pattern, text: str) -> bool:
    """False when ``rx`` cannot match in the text: none of the plain texts one of which every match of it holds
    (``prefilter.required_text``, read from the parsed pattern, so it follows the pattern when that is edited) is
    in the text folded as re.IGNORECASE compares (``prefilter.folded``). A quick test before a costly search."""
    needed = required_text(rx)
    return needed is None or _holds_any(text, tuple(needed))


@functools.lru_cache(maxsize=1)
def _ascii_cues() -> bool:
    """Every outcome cue is written in ASCII (``_cue_text`` folds non-ASCII text for ASCII cues only)."""
    return all(c.isascii() for kind in ORDER for c in lexicons.load("outcome_cues").get(kind, []))


def _cue_text(clause: str) -> str | None:
    """The clause as the cue starts (``_cue_starts``) are written, offset for offset (``prefilter.folded``): every cue
    match begins where its start is found in it. None when a cue is not ASCII and the clause is not, where
    the folding says nothing."""
    if clause.isascii():
        return clause.lower()
    return folded(clause) if _ascii_cues() else None


def _kinds_present(clause: str) -> dict[str, int]:
    """The kinds whose cues may occur in the clause, each with the first offset a cue of it may start at:
    where the first words of its cues occur in the folded clause (``_cue_text``; no cue match starts
    earlier). A clause that cannot be folded is searched for every kind from its start.

    A kind's starts are some of the alternatives of the pattern of all starts, so every offset where a kind's
    start matches is one where that pattern matches: walking those offsets left to right (overlapping ones
    too) and trying there the kinds not yet found finds each kind's first offset, with one pass over the
    clause instead of one per kind."""
    low = _cue_text(clause)
    if low is None:
        return dict.fromkeys(ORDER, 0)
    every, per_kind = _cue_starts()
    first: dict[str, int] = {}
    todo = dict(per_kind)  # the kinds not found yet
    at = every.search(low)
    while at is not None and todo:
        p = at.start()
        for k in [k for k, rx in todo.items() if rx.match(low, p)]:
            first[k] = p
            del todo[k]
        at = every.search(low, p + 1)
    return {k: first[k] for k in per_kind if k in first}


def _cue_matches(rx: re.Pattern, kind: str, clause: str, first: int) -> Iterator[re.Match]:
    """The matches of ``kind``'s cue pattern ``rx`` (``cue_patterns``) in the clause from offset ``first``, the
    same as ``rx.finditer(clause, first)`` gives, found by trying ``rx`` only where a cue of the kind may start
    (``_cue_starts``) instead of running the case-folding pattern over every offset. Every cue match starts at
    such an offset of the folded clause (``_cue_text``), so matching there left to right and skipping the
    offsets inside the last match read yields exactly finditer's non-overlapping matches; a clause that
    cannot be folded (``_cue_text``) is searched with finditer itself."""
    low = _cue_text(clause)
    if low is None:
        yield from rx.finditer(clause, first)
        return
    starts = _cue_starts()[1][kind]
    free = first  # no match may start before the end of the last one
    at = starts.search(low, first)
    while at is not None:
        p = at.start()
        if p >= free and (m := rx.match(clause, p)):
            yield m
            free = m.end()
        at = starts.search(low, p + 1)  # every start offset, overlapping ones too


@Language.factory(
    "reuma_outcomes",
    requires=["token.is_sent_start", "doc._.reuma_sections", "doc._.reuma_abbreviations", "doc._.reuma_entities", "doc._.reuma_population", "doc._.reuma_manifestations"],
    assigns=["doc._.reuma_outcomes"],
)
def make_outcomes(nlp: Language, name: str) -> "OutcomesComponent":
    base.check_requires(nlp, "reuma_outcomes", name)
    return OutcomesComponent()


@dataclass(frozen=True)
class SentenceContext:
    """What every outcome cue of one sentence is read against, built once per sentence (it replaces the
    seven positional arguments the clause, cue and item readers used to pass along)."""

    doc: Doc
    sent: base.Sent
    #: a glucocorticoid is named in the sentence (a tapering or withdrawal cue needs one)
    gc: bool
    #: any drug is named in it (a discontinuation cue needs one, or a therapy word)
    drug: bool
    #: the cohort's size, the base of percentages
    pop_n: int | None
    #: the record's manifestations by name ("improved in all of them" takes their count)
    manif: dict[str, dict]
    #: the sentence is about adverse events (a "flare" of an infection is one; onsets are not worsening)
    ae_sentence: bool


@dataclass(frozen=True)
class Clause:
    """One clause [lo, hi) of the sentence (``counting.split_clauses``) and the target the clause before
    named, which an elliptic cue ("..., and 5 relapsed") takes over."""

    lo: int
    hi: int
    last_target: str | None
    #: the offset in the clause before which no cue of the kind searched starts (``_kinds_present``)
    first: int = 0


class OutcomesComponent:
    def __init__(self) -> None:
        register_extensions()
        self.cues = cue_patterns()
        self.drugs = vocab.entries("drugs")
        #: is_gc by drug key: a fact of the (static) drug lexicon, asked for every drug of every sentence
        self._gc_keys: dict[str, bool] = {}

    def is_gc(self, key: str) -> bool:
        if key not in self._gc_keys:
            e = self.drugs.get(key, {})
            names = [key.lower(), str(e.get("member_class", "")).lower(), *[c.lower() for c in e.get("classes", [])]]
            self._gc_keys[key] = any(g in n for n in names for g in GC_CLASSES)
        return self._gc_keys[key]

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        _ENTITIES[:] = [doc, list(base.entities(doc))]  # held while this doc is read, and for it only
        try:
            return self._read(doc)
        finally:
            _ENTITIES[:] = [None, []]

    def _read(self, doc: Doc) -> Doc:
        text = text_of(doc)
        pop_n = population_n(doc)
        items: list[dict] = []
        ents = _entities(doc)
        manif = {m["name"]: m for m in base.items(doc, "reuma_manifestations")}
        extra_cues = self._defined_cues(doc)
        title = title_end(doc)
        # a part keeps its sentence's section, so sentences of skipped sections are not split either
        whole_sents = sentences(doc)
        counted_conclusions = _results_in_conclusions(whole_sents)
        for s in (part for whole in whole_sents if whole.section not in SKIPPED_SECTIONS or whole.start in counted_conclusions
                  for part in _outside_analysis(whole)):
            read_anyway = s.section == "conclusions" and any(s.start <= c < s.end for c in counted_conclusions)
            if (s.section in SKIPPED_SECTIONS and not read_anyway) or s.start < title:
                continue
            if _role(doc, s) in ("aim", "conclusion", "methods", "other_studies") and not read_anyway:
                continue  # an unheaded abstract states its aim, methods and conclusion in sentences of their own
            if _may_match(KNOWLEDGE_GAP, s.text) and KNOWLEDGE_GAP.search(s.text):  # needs "limited", "unknown"...: rare words
                continue  # "our knowledge of the retention rate in r-axSpA is limited": what is not known, no result
            sent_ents = [e for e in ents if s.start <= e["start"] < s.end]
            gc_in_sent = any(e["label"] == "drug" and self.is_gc(e["key"]) for e in sent_ents)
            drug_in_sent = any(e["label"] == "drug" for e in sent_ents)
            last_target = None
            rates = _rates(doc, s.start, s.end)
            sent_items = list(rates)
            rate_spans = [(it["evidence"]["start"], it["evidence"]["end"]) for it in rates]
            ctx = SentenceContext(doc, s, gc_in_sent, drug_in_sent, pop_n, manif, _holds_any(s.text, AE_WORDS) and bool(AE_SENTENCE.search(s.text)))
            for c_lo, c_hi in split_clauses(text, s.start, s.end):
                found = self._clause(ctx, Clause(c_lo, c_hi, last_target), extra_cues, rate_spans)
                for it in found:
                    last_target = it["target"] or last_target
                    sent_items.append(it)
            sent_items = _drop_bracketed_restatements(text, sent_items)
            sent_items = [x for it in sent_items for x in _rate_per_timepoint(text, it, s.end, pop_n)]
            sent_items.extend(_follow_up_states(doc, s.start, s.end, sent_items))
            sent_items.extend(_baseline_and_follow_up(doc, s.start, s.end, sent_items))
            sent_items.extend(_bracketed_breakdown(text, s.end, sent_items))
            sent_items.extend(_occurrences(doc, s.start, s.end, sent_items))
            sent_items.extend(_repeats(doc, s.start, s.end, sent_items))
            sent_items = _per_fraction(text, s.start, s.end, sent_items)
            sent_items.extend(_survival(doc, s.start, s.end, sent_items))
            differences = _no_difference(doc, s.start, s.end, sent_items)
            if differences:  # the bare "did not differ" cue is read again with what did not differ
                sent_items = [it for it in sent_items if it["kind"] != "no_change" or not any(
                    _cue_of(it, d) for d in differences)]
                sent_items.extend({k: v for k, v in d.items() if k != "cue"} for d in differences if d["kind"])
            sent_items.extend(_did_not(doc, s.start, s.end, sent_items))
            sent_items.extend(_compared_values(doc, s.start, s.end, sent_items, self.cues))
            sent_items.extend(_rises(doc, s.start, s.end, sent_items))
            sent_items.extend(_absent_events(doc, s.start, s.end, sent_items, self.cues))
            items.extend(sent_items)
        # a time-to sentence is an analysis one (skipped above) but its thresholds, each with its time, are results
        # (_times_to_threshold reads nothing without TIME_TO, so the sentence's role is asked only when it is there)
        for whole in sentences(doc):
            if whole.section not in SKIPPED_SECTIONS and whole.start >= title and _may_match(TIME_TO, whole.text) \
                    and TIME_TO.search(text, whole.start, whole.end) \
                    and _role(doc, whole) not in ("aim", "conclusion", "methods", "other_studies"):
                items.extend(_times_to_threshold(doc, whole.start, whole.end, items))
        base.write_group(doc, "reuma_outcomes", _dedupe(_drop_restated_reasons(items)))
        return doc

    def _infection_after(self, doc: Doc, b: int, hi: int) -> bool:
        """An infection (adverse-event lexicon) named right after the cue."""
        ae = vocab.entries("adverse_event_terms")
        return any(e["label"] == "ae" and b <= e["start"] < min(hi, b + 45) and ae.get(e["key"], {}).get("category") == "infection"
                   for e in _entities(doc))

    def _gc_near(self, doc: Doc, lo: int, hi: int, s, cue: str) -> bool:
        """A verb as general as "decreased" is glucocorticoid tapering only when a glucocorticoid is named in
        its clause ("In the corticosteroid group, pain scores decreased" is no tapering); "tapered" and
        "withdrawn" keep the sentence's glucocorticoid."""
        if re.match(r"(?:taper|withdr|steroid|gc|glucocorticoid|off\b)", cue, re.I):
            return True
        text = text_of(doc)
        return any(e["label"] == "drug" and self.is_gc(e["key"]) and lo <= e["start"] < hi for e in _entities(doc)) \
            or bool(re.search(rf"\b{GC_WORD}\b", text[lo:hi], re.I)) \
            or bool(re.search(rf"\b{GC_WORD}\s+(?:\w+\s+)?doses?\b", text[s.start:s.end], re.I))  # "..., and the prednisone dose from 12 to 4 mg"

    def _caused_by_disease(self, doc: Doc, b: int, hi: int) -> bool:
        """The cue's agent or cause, right after it, is a disease or manifestation ("reduced by ILD")."""
        m = BY_AGENT.match(text_of(doc)[b:hi])
        return bool(m) and any(e["label"] in ("disease", "manifestation") and e["start"] == b + m.end()
                               for e in _entities(doc))

    def _disease_qualifier(self, doc: Doc, cue: str, a: int, b: int, hi: int) -> bool:
        """A cue used as an adjective before a disease ("relapsing polychondritis", "relapsing or refractory
        GCA", "refractory or relapsing GCA") names a form of the disease, not an event."""
        if not re.fullmatch(r"\w+(?:ing|ent)", cue):
            return False
        text = text_of(doc)
        if re.search(r"\b(?:refractory|remitting)\s+(?:or|and|/)\s*$", text[max(0, a - 20) : a], re.I):
            return True
        window = re.match(r"^\s*(?:(?:or|and|/|-)\s*[\w-]+\s+)?(?:\w+\s+){0,2}", text[b:hi])
        stop = b + (window.end() if window else 0) + 1
        return any(e["label"] == "disease" and b <= e["start"] < stop for e in _entities(doc))

    def _defined_cues(self, doc: Doc) -> dict[str, re.Pattern]:
        """A short form defined for an outcome ("major clinical response (MCR)") is a cue for that kind."""
        out: dict[str, list[str]] = {}
        for d in base.items(doc, "reuma_abbreviations"):
            present = _kinds_present(d["long"])  # a kind none of whose cues starts in the long form has no match
            for kind in ORDER:
                rx = self.cues.get(kind)
                if kind in present and rx is not None and next(_cue_matches(rx, kind, d["long"], present[kind]), None):
                    out.setdefault(kind, []).append(re.escape(d["short"]))
                    break
        return {k: re.compile(rf"(?<![\w-])(?:{'|'.join(v)})(?![\w-])") for k, v in out.items()}

    def _clause(self, ctx: SentenceContext, clause: Clause, extra_cues: dict[str, re.Pattern] | None = None,
                pre_taken: list[tuple[int, int]] | None = None) -> list[dict]:
        taken: list[tuple[int, int]] = list(pre_taken or [])  # spans already read (a rate statement) hold no cue
        out = []
        present = _kinds_present(text_of(ctx.doc)[clause.lo : clause.hi])
        for kind in ORDER:
            if kind in present and self.cues.get(kind) is not None:
                out.extend(self._cue_hits(ctx, Clause(clause.lo, clause.hi, clause.last_target, present[kind]), kind, self.cues[kind], taken))
            if (extra_cues or {}).get(kind) is not None:
                out.extend(self._cue_hits(ctx, clause, kind, extra_cues[kind], taken))
        if not ctx.ae_sentence:
            out.extend(self._onsets(ctx.doc, clause.lo, clause.hi, taken))
        return out

    def _onsets(self, doc: Doc, lo: int, hi: int, taken: list[tuple[int, int]]) -> list[dict]:
        """"35 (38.9%) patients developed RPILD": counted patients who developed a new condition during
        follow-up have worsened (an adverse event instead when the condition is one, e.g. an infection)."""
        text = text_of(doc)
        out = []
        if not DEVELOPED.search(text, lo, hi):
            return out  # both onset patterns need the verb
        for m in _count_led(text, lo, hi, onset_pattern()):
            if any(x < m.end() and m.start() < y for x, y in taken):
                continue
            t_lo, t_hi = m.start("t"), m.end("t")
            ents = [e for e in _entities(doc) if t_lo <= e["start"] < t_hi]
            if any(e["label"] == "ae" for e in ents) and not any(e["label"] in ("manifestation", "disease") for e in ents):
                continue
            named = [e for e in ents if e["label"] in ("manifestation", "disease", "lab")]
            target = _entity_name(doc, named[0]) if len(named) == 1 else _expand(doc, m.group("t").strip().lower())
            taken.append((m.start(), m.end()))
            out.append({"kind": "worsening", "target": target, "n": parse_int(m.group("n")), "evidence": ev(m.start(), t_hi)})
        for m in PERCENT_ONSET.finditer(text, lo, hi):
            if any(x < m.end() and m.start() < y for x, y in taken):
                continue
            t_lo, t_hi = m.start("t"), m.end("t")
            ents = [e for e in _entities(doc) if t_lo <= e["start"] < t_hi]
            if any(e["label"] == "ae" for e in ents) and not any(e["label"] in ("manifestation", "disease") for e in ents):
                continue  # an adverse event, as for counted onsets
            shares = re.findall(r"\d+(?:\.\d+)?\s*%", m.group("ps"))
            names = [x.strip() for x in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("t")) if x.strip()]
            if len(shares) > 1 and len(names) != len(shares):
                continue  # values and conditions do not pair up
            taken.append((m.start(), m.end()))
            out.extend({"kind": "worsening", "target": _expand(doc, name.lower()), "n": None, "evidence": ev(m.start(), t_hi)}
                       for name in (names if len(shares) > 1 else [m.group("t").strip()]))
        return out

    def _cue_hits(self, ctx: SentenceContext, clause_at: Clause, kind: str, rx: re.Pattern,
                  taken: list[tuple[int, int]]) -> list[dict]:
        """Outcome items for every cue of ``kind`` in the clause ``clause_at`` of the sentence ``ctx.sent``;
        ``taken`` (spans already read, shared by the clause's cues) grows with each cue read. No cue starts
        before the clause's offset ``clause_at.first`` (``_kinds_present``), so the search starts there."""
        doc, s, lo, hi = ctx.doc, ctx.sent, clause_at.lo, clause_at.hi
        gc, drug, pop_n, ae_sentence = ctx.gc, ctx.drug, ctx.pop_n, ctx.ae_sentence
        text = text_of(doc)
        clause = text[lo:hi]
        out = []
        # a kind's own cue pattern is tried at its cues' start offsets only; a short form defined in the text is searched
        matches = _cue_matches(rx, kind, clause, clause_at.first) if rx is self.cues.get(kind) else rx.finditer(clause, clause_at.first)
        for m in matches:
            a, b = lo + m.start(), lo + m.end()
            if any(x - 2 < b and a < y + 2 for x, y in taken):
                continue  # "SRI response": one cue
            before = text[s.start : a]
            if GROUP_BEFORE.search(before) and not SHARE_OF_GROUP.search(before) or (GROUP_NOUN.match(m.group(0)) and not CLASSIFIED.search(before)):
                continue
            if kind in ("discontinuation", "glucocorticoid_withdrawal", "glucocorticoid_tapering") and STOPPING_NOUN.search(m.group(0)) \
                    and AFTER_STOPPING.search(before) and re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", before, re.I):
                continue  # "six patients relapsed after rituximab withdrawal": a counted event, then when it happened
            if kind in ("discontinuation", "glucocorticoid_withdrawal", "glucocorticoid_tapering") and STOPPING_NOUN.search(m.group(0)) \
                    and FOLLOWED_BY.match(text, b, hi):
                continue  # "rituximab withdrawal was followed by a flare in six": the count is the flare's
            if kind == "no_change" and re.fullmatch(r"remained", m.group(0), re.I) and re.match(r"\s+(?:on|in)\b", text[b:hi]):
                continue  # "remained on their first TNFi" (retention), "remained in remission": other cues say it
            if re.search(r"\(\s*(?:≥|>=|>)?\s*\d+(?:\.\d+)?\s*%\s*$", before):
                continue  # "ACR20 (20% improvement)": a definition
            if kind in ("flare", "worsening", "response") and CAUSE_BEFORE.search(before) or (
                    kind in ("flare", "worsening") and re.search(r"\b(?:treated|admitted|hospitali[sz]ed|referred|stopped|switched)\s+for\s+(?:\w+\s+){0,2}$|\bfor\s+(?:\w+\s+){0,2}$", before, re.I)):
                continue  # "stopped because of relapses": the reason for something else
            if kind in ("flare", "worsening", "improvement", "response") and _not_an_event(kind, text[s.start : a], text[b:hi]):
                continue  # "the relapse rate", "exacerbations led to ...", "median progression was 0": no event counted
            if kind == "response" and (INADEQUATE_BEFORE.search(before) or REASON_FOR.search(before)):
                continue  # "withdrawn for incomplete response", "inadequate response to methotrexate": a reason
            if kind == "improvement" and (LAB_STATE_AFTER.match(text[b:hi]) and re.search(r"\b(?:was|were)\s+$", before)
                                          or CONSEQUENCE_BEFORE.search(before) and m.group(0).lower().endswith("ed")
                                          and not re.match(r"\s+(?:in|of|by|from|to)\b", text[b:hi])):
                continue  # "C3 was decreased in 14% of the patients", "led to decreased functional status": a state
            if kind == "no_change" and SIMILAR_TO_GROUP.match(text[b:hi]):
                continue  # "progression was similar to lcSSc patients": groups compared
            if kind == "flare" and self._disease_qualifier(doc, m.group(0), a, b, hi):
                continue  # "relapsing or refractory giant cell arteritis": a kind of disease
            if kind == "no_change" and (GROUP_COMPARISON.search(text[lo:hi]) or SIMILAR_GROUPS.match(text[b:hi])):
                continue  # "were similar between groups", "no difference in baseline characteristics"
            if kind == "other" and (SIMILAR_AFTER.match(text[b:hi]) or COMPARED_BEFORE.search(before)):
                continue  # "retention was similar between monotherapy and ...": groups compared, no outcome
            if kind == "death" and (MORBIDITY_BEFORE.search(before) or MORBIDITY_AFTER.match(text[b:hi])) and not re.search(r"\d", s.text):
                continue  # "GCA carries substantial morbidity and mortality": the disease's burden, no death counted
            if kind == "flare" and ae_sentence and self._infection_after(doc, b, hi):
                continue  # "reactivation of a herpes zoster infection": an adverse event
            if kind in ("improvement", "worsening") and DIFFERENCE_PREDICATE.match(text, b, s.end):
                continue  # "headache, reduction in libido and IBS showed a significant difference between A and B": features compared
            if kind in ("improvement", "worsening") and _scored(doc, a, b, hi):
                continue
            if kind == "discontinuation" and TIME_FRAME_BEFORE.match(before) and TIME_FRAME_AFTER.match(text[b : s.end]):
                continue  # "After stopping the first TNFi, 46% switched": when the counted event happened, not an event
            if kind == "improvement" and LOWERING.match(m.group(0)) and GOOD_BEFORE.search(before):
                continue  # "survival was reduced in patients with an aneurysm": less of a good thing, no improvement
            if kind == "improvement" and LOWERING.match(m.group(0)) and self._caused_by_disease(doc, b, hi):
                continue  # "functional status was reduced by ILD": a harm the disease did, no improvement
            if kind.startswith("glucocorticoid") and not (gc and self._gc_near(doc, lo, hi, s, m.group(0))):
                continue
            if kind == "discontinuation" and not (drug or re.search(r"\b(?:therapy|therapies|treatments?|drugs?|medications?|medicines?|agents?|biologics?|because\s+of|due\s+to|reasons?\s+for)\b", clause, re.I)):
                continue
            if kind in ("improvement", "response") and re.search(r"\b(?:assess|evaluat|measur|defin|criteri)\w*\s*$", text[lo:a], re.I):
                continue
            k = "no_change" if kind != "no_change" and NO_CHANGE.search(clause) and kind in ("improvement", "worsening") else kind
            if k == "no_change" and _still_better(text[lo:a], text[b:hi]):
                k = "improvement"  # "scores ... remained significantly lower than baseline": the gain held
            if k in ("discontinuation", "glucocorticoid_tapering", "glucocorticoid_withdrawal") and WHO_COULD.search(before):
                continue  # "patients who could discontinue steroids": a group compared, counted elsewhere
            if k in ("glucocorticoid_tapering", "glucocorticoid_withdrawal") and re.search(r"\b(?:failed|failure\s+(?:of|to)|unable\s+to|could\s+not)\s+(?:\w+\s+)?$", before):
                k = "other"  # "25 patients failed GC tapering"
            if k in ("flare", "complete_remission", "partial_remission", "response", "low_disease_activity") \
                    and (PRIOR_BEFORE.search(before) or AT_ENTRY_AFTER.match(text, b, hi)):
                continue
            taken.append((a, b))
            item = self._item(ctx, clause_at, k, a, b)
            if item["n"] is None and WHO_REACHED.search(before):
                continue
            if k == "improvement" and LOWERING.match(m.group(0)) and _better_when(item["target"] or "") == "higher":
                k = item["kind"] = "worsening"  # "a steady FVC decrease": lower is worse for this measure
            if k == "response" and item["target"] is None and re.search(r"end\s?point", m.group(0), re.I) and (
                    end_point := re.search(r"(?:(?:primary|secondary|co-primary|composite)\s+)?end\s?points?", text[max(lo, a - 25) : b], re.I)):
                item["target"] = re.sub(r"\s+", " ", end_point.group(0)).lower()  # "the primary end point was achieved"
            if k == "glucocorticoid_tapering" and re.fullmatch(r"lower", m.group(0), re.I) and COMPARISON_AFTER.match(text, b, hi):
                continue  # "the GC dose was lower in the study group than in controls": groups compared, no tapering
            if k == "glucocorticoid_tapering" and LOWERING.match(m.group(0)):
                out.extend(_gc_and_measures(doc, item, lo, a))  # "GC doses and SLEDAI scores decreased"
            listed = _listed_subjects(doc, s.start, a) if k in ("improvement", "worsening", "no_change") else []
            if len(listed) >= 2:  # "Anemia (p=0.025), C4 level (p<0.001), and SLEDAI (p=0.016) improved"
                out.extend({**item, "target": name, "n": None, "evidence": ev(x, y)} for name, x, y in listed)
                continue
            if k == "other" and re.fullmatch(r"monotherapy", m.group(0), re.I) and item["n"] is None:
                continue  # "most patients were on monotherapy": the cohort described, not how many ended on it
            if k == "other" and SWITCH_CUE.match(m.group(0)) and SWITCH_GROUP.search(before):
                continue  # "subjects who switched", "after switching": who was studied or when, not what happened
            if k == "other" and SWITCH_CUE.match(m.group(0)):
                out.extend(_switches(text, item, lo, a, b, s.end))
                out.extend(_reasons(text, {**item, "kind": "discontinuation"}, b, s.end))  # why the first drug stopped
                continue
            if k == "other" and re.search(r"\b(?:with|to|of)$", m.group(0), re.I):
                if item["n"] is None:
                    continue  # "patients diagnosed with SLE": who was studied unless a count says how many were
                obj = re.match(r"\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s*){1,6}?(?=\s*(?:[,;.()]|\band\b|\bin\b|\bat\b|$))", text[b:hi])
                if obj:
                    item["evidence"] = ev(item["evidence"]["start"], max(item["evidence"]["end"], b + obj.end()))
                    item["target"] = _expand(doc, re.sub(r"\s+", " ", text[a : b + obj.end()]).lower())
            if k == "other" and item["target"] is None:
                item["target"] = re.sub(r"\s+", " ", text[a : item["evidence"]["end"]]).lower()
            objects = _listed_objects(doc, b, s.end) if k in ("improvement", "worsening", "no_change") else []
            if len(objects) >= 2:  # "favourable outcomes with regard to creatinine, proteinuria and haematuria"
                out.extend({**item, "target": name, "n": None, "evidence": ev(x, y)} for name, x, y in objects)
                continue
            if k in ("response", "partial_remission", "complete_remission", "low_disease_activity"):
                arms = _per_arm(text, item, b, s.end) or _arms_before(text, item, lo, a)
                if arms:  # "ACR20 was achieved by 71% with UPA vs 36% with PBO and 63% with ADA"
                    out.extend(arms)
                    continue
                out.extend(_complete_and_partial(text, item, lo, a, b))
            changes = _per_group_changes(text, item, b, s.end) if k in ("improvement", "worsening") else []
            if changes:  # "decreased from 1.7 to 0.9 in CYC and from 1.2 to 0.9 in the MMF group"
                out.extend(changes)
                continue
            shares = _respectively(doc, item, lo, a, b, s.end, pop_n) if not k.startswith("glucocorticoid") else []
            shares = shares or _versus(text, item, b, s.end)
            if not shares and k in GROUPED_KINDS and item["n"] is None:
                shares = _listed_values(text, item, b, s.end)
            complete_too = k == "partial_remission" and COMPLETE_AND.search(text[lo:a])
            if complete_too and len(shares) == 2:  # "complete and partial remission rates were 25 and 64%, respectively"
                shares[0] = {**shares[0], "kind": "complete_remission", "target": (item["target"] or "remission") + " (complete)"}
            elif complete_too:
                out.append({**item, "kind": "complete_remission", "evidence": ev(lo + complete_too.start(), item["evidence"]["end"])})
            if shares:  # "improvement was shown in 12% and 16% of patients, respectively"
                out.extend(shares)
                continue
            out.extend(_per_timepoint(text, item, b, s.end) if k not in ("glucocorticoid_tapering", "glucocorticoid_withdrawal") else [item])
            out.extend(_more_counts(text, item, b, s.end))
            out.extend(_gapped_count(text, item, s.end))
            parts: list[dict] = []
            if k == "discontinuation":
                parts = _reasons(text, item, b, s.end)
            if k in ("discontinuation", "death", "flare") and not parts:
                parts = _bracket_breakdown(text, k, b, hi)
                taken.extend((p["evidence"]["start"], p["evidence"]["end"]) for p in parts)  # a listed reason is no cue
            if k in ("discontinuation", "death") and not parts:
                parts = _counted_list(text, k, b, s.end) or _causes(text, k, b, s.end)
                taken.extend((p["evidence"]["start"], p["evidence"]["end"]) for p in parts)  # a listed reason is no cue
            if parts and item["n"] is None:  # "Reasons for discontinuation were ...": the reasons are the items
                out = [o for o in out if o is not item]
            out.extend(parts)
        return out

    def _item(self, ctx: SentenceContext, clause_at: Clause, kind: str, a: int, b: int) -> dict:
        """The outcome item of the cue at [a, b): its target, its count and its evidence."""
        doc, s, lo, hi, last_target = ctx.doc, ctx.sent, clause_at.lo, clause_at.hi, clause_at.last_target
        pop_n, manif = ctx.pop_n, ctx.manif
        text = text_of(doc)
        start = _extend_left(text, lo, a)
        end = b
        target, t_end = self._target(doc, kind, b, hi, lo, a)
        if t_end:
            end = max(end, t_end)
        n = None
        # an absent event is read for the kinds counted as n 0 only (ABSENT_OBJECT is costly)
        absent = (ABSENT.search(text[lo:a]) or ABSENT_OBJECT.search(text[lo:a])) if kind in ABSENT_KINDS else None
        absent_after = ABSENT_AFTER.match(text, b, hi) if kind in ABSENT_KINDS else None
        if absent:
            n = 0
            start = min(start, lo + absent.start())
        elif absent_after:
            n = 0
            end = max(end, absent_after.end())
        elif kind in ABSENT_KINDS and (zero := ZERO_SHARE_AFTER.match(text, b, hi)):
            n = 0  # "mortality was 0%"
            end = max(end, zero.end())
        else:
            hit = count_near(text, a, b, lo, hi, pop_n)
            if hit:
                n, ca, cb = hit
                outer = FRACTION_HEAD.search(text[lo:ca])
                if outer and parse_int(outer.group("k")) is not None and parse_int(outer.group("k")) <= n:
                    n, ca = parse_int(outer.group("k")), lo + outer.start()  # "12/40 (30%)", "12 of 40": the 12
            else:
                frac = FRACTION_AFTER.match(text[b:hi])
                subj_frac = FRACTION_SUBJECT.search(text[lo:a])
                frac_of = FRACTION_OF_AFTER.match(text[b:hi]) or SHARE_THEN_FRACTION.match(text[b:hi])
                share_of = SHARE_OF_AFTER.match(text[b:hi])
                share_n = count_from_percent(float(share_of.group("pc").replace(",", ".")), int(share_of.group("n")),
                                             decimals(share_of.group("pc"))) if share_of else None
                if frac and int(frac.group("k")) <= int(frac.group("n")) and len(FRACTION.findall(text[b:hi])) == 1:
                    hit = n, ca, cb = int(frac.group("k")), a, b + frac.end()  # "remission was achieved by 12/40"
                elif frac_of and int(frac_of.group("k")) <= int(frac_of.group("n")):
                    hit = n, ca, cb = int(frac_of.group("k")), a, b + frac_of.end()  # "achieved by 30 of 50 patients"
                elif share_n is not None:
                    hit = n, ca, cb = share_n, a, b + share_of.end()  # "improved in 100% of the 4 patients"
                elif subj_frac and int(subj_frac.group("k")) <= int(subj_frac.group("n")):
                    hit = n, ca, cb = int(subj_frac.group("k")), lo + subj_frac.start(), b  # "12/40 (30%) relapsed"
            if hit:
                if ca >= a or a - ca <= 40:  # a count far before the cue is not part of its evidence
                    start, end = min(start, ca), max(end, cb)
            dose = COUNT_AFTER_DOSE.match(text, b, hi) if not hit and kind.startswith("glucocorticoid") else None
            if dose and parse_int(dose.group("n")) is not None:  # "reduced to ≤5 mg/day in 12 patients"
                n = parse_int(dose.group("n"))
                hit = (n, a, dose.end())
                end = max(end, dose.end())
            rate = RATE_WAS.match(text, b, hi) if not hit and kind in GROUPED_KINDS and pop_n else None
            if rate and text[b : s.end].count("%") == 1:  # "the remission rate was 40%" of a cohort of 20: 8
                n = count_from_percent(float(rate.group("pc").replace(",", ".")), pop_n, decimals(rate.group("pc")))
                if n is not None:
                    hit = (n, a, rate.end())
                    end = max(end, rate.end())
            if not hit:
                subj = _subject_count(text, lo, a)
                if subj:
                    n, start = subj[0], min(start, subj[1])
            all_n = _all_of(text[b:hi], manif)
            if all_n is not None:
                n = all_n
        if kind.startswith("glucocorticoid"):
            target = None
            gc_end = re.match(r"^\s*(?:\w+\s+){0,2}?(?:GCs?|glucocorticoids?|corticosteroids?|steroids?|prednis\w+)\b", text[b:hi], re.I)
            if gc_end:
                end = max(end, b + gc_end.end())
        elif target is None or target in GENERIC_TARGETS:
            target = self._subject_target(doc, s, a)
            if target is None and kind in ("complete_remission", "partial_remission", "resolution", "response", "low_disease_activity"):
                target = last_target
        ev_text = text[start:end]
        trimmed = ev_text.rstrip(" ,;")
        return {"kind": kind, "target": target, "n": n, "evidence": ev(start, start + len(trimmed))}

    def _target(self, doc: Doc, kind: str, b: int, hi: int, lo: int, a: int) -> tuple[str | None, int | None]:
        """What improved/resolved: the entity in the cue's "of/in X" complement, or one named before it."""
        text = text_of(doc)
        case = re.match(r"[^,;]*?\b(?:in|of)\s+(?:the|this|one)\s+(?P<t>[A-Za-z][\w\-]{1,15})\s+(?:case|patient|pt)\b", text[b:hi])
        if case:
            for e in _entities(doc):
                if b + case.start("t") <= e["start"] < b + case.end("t"):
                    return _entity_name(doc, e), None
        if re.search(r"\bthat$", text[a:b], re.I):  # "no evidence that pain scores changed": the clause's subject
            subj = THAT_SUBJECT.match(text, b, hi)
            if subj:
                return _expand(doc, re.sub(r"\s+", " ", subj.group("t")).lower()), subj.end("t")
        pp = re.match(r"\s*(?:of|in|on|for)\s+(?:the\s+|all\s+(?:the\s+)?|their\s+)?(?P<t>[A-Za-z][\w\-\u2010-\u2015'’/]*(?:\s+[a-z][\w\-\u2010-\u2015'’/]*){0,3})", text[b:hi])
        if pp:
            words = pp.group("t")
            cut = re.split(r"\s+(?:in|after|at|with|was|were|and\s+improvement|compared|than|during)\b", words)[0]
            tgt = cut.strip().lower()
            if re.fullmatch(r"(?:\w+\s+)?(?:cases?|patients?|pts?)", tgt) or re.match(r"^\d", tgt):
                return None, None
            return _expand(doc, tgt), b + pp.start("t") + len(cut)
        for e in reversed(_entities(doc)):
            if lo <= e["start"] < a and e["label"] in ("manifestation", "lab", "instrument", "disease"):
                return _entity_name(doc, e), None
        return None, None

    def _subject_target(self, doc: Doc, s, a: int) -> str | None:
        names = []
        for m in base.items(doc, "reuma_manifestations"):
            if s.start <= m["evidence"]["start"] < a:
                names.append(m["name"])
        if names:
            return " and ".join(names)
        spans = [e for e in _entities(doc) if s.start <= e["start"] < a and e["label"] in ("manifestation", "disease")]
        merged: list[str] = []
        prev_end = None
        for e in spans:
            name = text_of(doc)[e["start"] : e["end"]].lower()
            if prev_end is not None and re.fullmatch(r"\s*[-\u2010-\u2015/]\s*", text_of(doc)[prev_end : e["start"]]):
                merged[-1] = merged[-1] + text_of(doc)[prev_end : e["start"]] + name
            else:
                merged.append(name)
            prev_end = e["end"]
        return " and ".join(merged) if merged else None


def _scored(doc: Doc, a: int, b: int, hi: int) -> bool:
    """A change reported with an instrument's values ("SLEDAI decreased from 6 to 2", "improved (SLEDAI
    17.3→3.0)") is a Score; a measurement without an instrument ("FVC improved from 70 to 76") stays an outcome."""
    text = text_of(doc)
    after = text[b:hi]
    values = VALUE_CHANGE.match(after) or re.match(r"^\s*\(\s*[A-Za-z][\w\-]*\s+\d", after) or re.search(r"\d\s*(?:→|->)", text[a:hi])
    if not values:
        return False
    sent = sentence_at(doc, a)
    sent_lo = sent.start if sent else 0
    from .. import vocab

    kinds = vocab.entries("instruments")
    return any(e["label"] == "instrument" and sent_lo <= e["start"] < hi
               and kinds.get(e["key"], {}).get("kind") in ("activity", "damage", "function", "pro")
               for e in _entities(doc))


TP_LIST = re.compile(r"^[^.;]{0,30}?\bat\s+(?P<list>(?:\d+\s*,\s*)+\d+|\d+(?:\s*,\s*\d+)*\s*,?\s*and\s+\d+)\s+(?P<unit>months?|weeks?|years?)\b", re.I)
RATIO = re.compile(r"(?P<n>\d+)\s*/\s*(?P<of>\d+)(?:\s*\([\d.,]+\s*%\))?")


def _per_timepoint(text: str, item: dict, b: int, hi: int) -> list[dict]:
    """"decreased at 6, 12 and 24 months": one outcome per time point (annotation rule 17)."""
    m = TP_LIST.match(text[b:hi])
    if not m or "respectively" in text[b:hi]:
        return [item]
    points = re.findall(r"\d+", m.group("list"))
    unit = m.group("unit").rstrip("s") + "s"
    base = item["target"]
    return [{**item, "target": f"{base} at {p} {unit}" if base else f"at {p} {unit}"} for p in points]


NUM = r"[-+]?\d+(?:[.,]\d+)?"
GROUP_CHANGE = re.compile(
    rf"from\s+{NUM}\s*(?:[^\s\d]+\s+)?to\s+{NUM}\s*(?:[%\w/.²]+\s+)?in\s+(?:the\s+)?"
    r"(?P<g>[A-Za-z][\w\-]*(?:\s+(?:group|arm|cohort)s?)?)", re.I)


def _per_group_changes(text: str, item: dict, b: int, hi: int) -> list[dict]:
    """"improved from 60 to 88 in CYC and from 64 to 89 in the MMF group": a change per group is one item per
    group (annotation rule 17), the group in brackets after the target; one group gives nothing here."""
    first = re.match(r"^\s*(?:\([^()]*\)\s*)?(?:(?:of|in)\s+[^,;()]{1,40}?\s*(?:\([^()]*\)\s*)?)?(?=from\s)", text[b:hi], re.I)
    if not first:
        return []
    pos, segs = b + first.end(), []
    while m := GROUP_CHANGE.match(text, pos, hi):
        segs.append(m)
        gap = re.match(r"\s*,?\s*(?:and|while|whereas|but)?\s*", text[m.end() : hi])
        pos = m.end() + gap.end()
    if len(segs) < 2:
        return []
    base = item["target"]
    out = []
    for i, m in enumerate(segs):
        g = re.sub(r"\s+", " ", m.group("g")).lower()
        start = item["evidence"]["start"] if i == 0 else m.start()
        out.append({**item, "target": f"{base} ({g})" if base else g, "evidence": ev(start, m.end())})
    return out


#: ", and 18 (30.0%) after", ", and 5 in the placebo group": a second count whose verb and outcome are elided
GAPPED_COUNT = re.compile(
    r"^\s*(?:[^,;.()]|\([^()]*\))*?,?\s+(?:and|but|while|whereas|versus|vs\.?)\s+(?:in\s+|by\s+)?(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s*)?"
    r"(?P<label>(?:after|before|during|at|in|with|on|among|thereafter|later|afterwards|(?P<cause>because\s+of|due\s+to|owing\s+to))\b[^,;.()]{0,40}?)\s*(?=[.;]|$)", re.I)


#: "; at 12 months, 11": a further time point and its count, the verb and outcome elided after a semicolon
GAPPED_TIME_COUNT = re.compile(
    r"^[^;.]*;\s*(?:and\s+)?(?P<label>(?:at|after|by|in)\s+(?:the\s+)?[^,;.()\d]{0,20}\d*[^,;.()\d]{0,15}?)\s*,\s*"
    r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?\s*(?=[.;]|$)", re.I)


def _gapped_count(text: str, item: dict, hi: int) -> list[dict]:
    """"43 patients had a flare before TCZ was started, and 18 (30.0%) after": the clause after "and" keeps
    the count and its time or group and elides the rest, so it is the same outcome with its own count."""
    if item["n"] is None:
        return []
    m = GAPPED_COUNT.match(text[item["evidence"]["end"] : hi])
    at = item["evidence"]["end"]
    if not m and (t := GAPPED_TIME_COUNT.match(text[at:hi])) and parse_int(t.group("n")) is not None:
        label = re.sub(r"\s+", " ", t.group("label")).strip().lower()  # "8 were in remission; at 12 months, 11"
        return [{**item, "n": parse_int(t.group("n")), "target": f"{item['target']} ({label})" if item["target"] else label,
                 "evidence": ev(at + t.start("label"), at + t.end("n"))}]
    n = parse_int(m.group("n")) if m else None
    base_of = BASE_AFTER_COUNT.match(text, at, hi) if m else None  # "in 15 of the 20 patients (75%) ..., and in 17 (85%)"
    skip = base_of.end() - at if base_of and base_of.end() - at < m.start("n") else 0
    if n is None or re.search(r":|\d+\s*\(\s*\d+(?:[.,]\d+)?\s*%|\b\d+\s+(?:patients|pts|subjects|cases|in\s+the)\b", text[at + skip : at + m.start("n")], re.I):
        return []  # "...: 14 in the low-dose group and 16 in the high-dose group": counts listed per group
    label = re.sub(r"\s+", " ", m.group("label")).strip().lower()
    if m.group("cause"):  # "20 stopped X owing to inefficacy and 7 owing to adverse events": the cause is its target
        return [{**item, "n": n, "target": label[m.end("cause") - m.start("label") :].strip(),
                 "evidence": ev(at + m.start("n"), at + m.end("label"))}]
    return [{**item, "n": n, "target": f"{item['target']} ({label})" if item["target"] else label,
             "evidence": ev(at + m.start("n"), at + m.end("label"))}]


def _more_counts(text: str, item: dict, b: int, hi: int) -> list[dict]:
    """"achieved in 14/27 (51.9%), 12/20 (60%) and 11/12 (91.7%) at 6, 12 and 24 months, respectively"."""
    tail = text[item["evidence"]["end"] : hi]
    first = RATIO.search(text[b : item["evidence"]["end"] + 1])
    if not first or "respectively" not in tail:
        return []
    out = []
    pos = item["evidence"]["end"]
    for m in RATIO.finditer(tail):
        between = tail[: m.start()] if not out else text[pos : item["evidence"]["end"] + m.start()]
        if not re.fullmatch(r"[\s,;]*(?:and\s*)?(?:\([^()]*\)\s*)?[\s,;]*(?:and\s*)?", between):
            break
        s0 = item["evidence"]["end"] + m.start()
        out.append({**item, "n": int(m.group("n")), "evidence": ev(s0, s0 + m.end("of") - m.start())})
        pos = item["evidence"]["end"] + m.end()
    return out


COMPARISON_AFTER = re.compile(r"[^.;]*?\bthan\b(?!\s+(?:at\s+|the\s+|before\s+)?(?:baseline|before|pre-?treatment|initially|at\s+(?:onset|diagnosis)))", re.I)
GC_DOSE_ITEM = re.compile(rf"^(?:the\s+)?(?:\w+\s+)?(?:daily\s+|mean\s+|median\s+)?{GC_WORD}(?:\s+(?:doses?|dosages?|use|requirements?|intake))?$", re.I)


def _gc_and_measures(doc: Doc, item: dict, lo: int, a: int) -> list[dict]:
    """A lowering verb whose subject lists a glucocorticoid dose with other measures ("GC doses and SLEDAI
    scores decreased", "the HAQ-DI (p=0.09) and prednisolone doses fell"): besides the tapering, each other
    measure changed too, an improvement (a worsening for a measure whose fall is a loss, such as FVC)."""
    text = text_of(doc)
    if COMPARISON_AFTER.match(text, a):
        return []  # "GC dose and SLEDAI were lower in group A than in group B": groups compared
    listed = _listed_subjects(doc, lo, a, gc_ok=True)
    others = [(name, x, y) for name, x, y in listed if not GC_NAMED.search(text[x:y])]
    if len(listed) < 2 or len(others) == len(listed):
        return []
    return [{**item, "kind": "worsening" if _better_when(name) == "higher" else "improvement", "target": name, "n": None,
             "evidence": ev(x, y)} for name, x, y in others]


def _listed_subjects(doc: Doc, lo: int, a: int, gc_ok: bool = False) -> list[tuple[str, int, int]]:
    """(name, start, end) for each item of a subject list before a cue, when the sentence (or its part after
    a semicolon or colon) up to the cue is only that list: each item names an entity or is a named measure
    ("VNS, WOMAC and Lequesne scores decreased")."""
    text = text_of(doc)
    cut = max(text.rfind(";", lo, a), text.rfind(":", lo, a))
    lo = cut + 1 if cut >= 0 else lo
    intro = INTRO_GROUP.match(text, lo, a)
    lo = intro.end() if intro else lo  # "In the placebo group, VAS and HAQ decreased": the list follows the group
    before = P_VALUE_PAREN.sub(lambda m: " " * len(m.group(0)), text[lo:a])
    verb = re.search(r"\s+(?:showed|had|demonstrated|exhibited|were|was)?\s*(?:a\s+)?(?:significant(?:ly)?\s+|marked(?:ly)?\s+)?$", before)
    body = before[: verb.start()] if verb else before
    ents = [e for e in _entities(doc) if lo <= e["start"] < a and e["label"] in ("manifestation", "lab", "instrument")]
    if gc_ok:  # the clause after ", and": "..., and the HAQ-DI and prednisolone doses decreased"
        body = re.sub(r"^(\s*)(?:and|but|while|whereas)(\s+)", lambda m: " " * len(m.group(0)), body)
    chunks = [c for c in re.split(r",\s*(?:and\s+)?|\s+and\s+", body.strip()) if c.strip()]
    if len(chunks) < 2:
        return []
    pos, out = 0, []
    for c in chunks:  # every item of the list is a short phrase naming one entity or measure
        at = body.find(c, pos)
        pos = at + len(c)
        hit = [e for e in ents if lo + at <= e["start"] < lo + pos]
        if gc_ok and GC_DOSE_ITEM.match(c.strip()):
            out.append((c.strip().lower(), lo + at, lo + pos))
            continue
        if len(c.split()) > (6 if gc_ok and hit else 4) or not (hit or _named_measure(c)):
            return []
        if hit:
            out.extend((_entity_name(doc, e), e["start"], e["end"]) for e in hit)
        else:
            name = re.sub(r"^(?:all|the)\s+|\s+(?:scores?|levels?|values?)$", "", c.strip(), flags=re.I)
            out.append((_expand(doc, name.lower()), lo + at, lo + pos))
    return out


#: a leading phrase naming the group or time a list of measures belongs to: "In both groups, ", "At week 12, "
INTRO_GROUP = re.compile(r"\s*(?:in|among|for|within|at|after)\s+[^,;:]{1,40}?,\s*", re.I)


def _named_measure(chunk: str) -> bool:
    """A short phrase carrying an acronym ("WOMAC", "VAS pain", "Physician’s (Ph) global assessment"):
    the name of a measure, though no lexicon lists it."""
    if re.search(r"\b(?:than|were|was|is|are|with|vs|versus|compared|by|in|at)\b|[.;]", chunk, re.I):
        return False  # a clause or a comparison, not a name
    return len(chunk.split()) <= 6 and bool(re.search(r"\b[A-Z][A-Za-z]*[A-Z][\w\-]*\b|\([A-Z][\w\-]*\)", chunk))


P_VALUE_PAREN = re.compile(r"\(\s*p\s*[<=>≤≥][^()]*\)", re.I)


def _listed_objects(doc: Doc, b: int, hi: int) -> list[tuple[str, int, int]]:
    """The list a cue applies to: "with regard to serum creatinine levels, proteinuria, and hematuria,
    as well as in cases of isolated lung involvement" gives one (name, start, end) per item."""
    from .manifestations import domain_phrase

    text = text_of(doc)
    m = (re.match(r"^[^.;]{0,25}?\b(?:with\s+regard\s+to|in\s+terms\s+of|regarding|for|of|in)\s+", text[b:hi])
         or re.match(r"^[^.;]{0,60}?\b(?:with\s+regard\s+to|in\s+terms\s+of|regarding|considering)\s+", text[b:hi]))
    if not m:
        return []
    lo = b + m.end()
    chunks = _list_chunks(text[lo:hi])
    rx, _ = domain_phrase()
    ents = [e for e in _entities(doc) if lo <= e["start"] < hi and e["label"] in ("manifestation", "lab", "instrument")]
    out = []
    for cs, ce in chunks:
        chunk = text[lo + cs : lo + ce]
        chunk_body = re.sub(r"^\s*(?:and\s+|as\s+well\s+as\s+)?(?:in\s+)?(?:cases\s+of\s+)?(?:the\s+)?", "", chunk)
        if len(chunk_body.split()) > 5:
            break
        hit = [e for e in ents if lo + cs <= e["start"] < lo + ce]
        dom = rx.search(chunk_body)
        if hit:
            e = hit[0]
            out.append((_entity_name(doc, e), e["start"], e["end"]))
        elif dom or _named_measure(chunk_body):
            start = lo + cs + (len(chunk) - len(chunk_body))
            out.append((_expand(doc, chunk_body.strip().lower()), start, start + len(chunk_body.rstrip())))
        else:
            break
    return out


ARM_SHARE = re.compile(r"(?P<pc>\d+(?:[.,]\d+)?)\s*%\s*(?:with|of|in|for|on)\s+(?:the\s+)?(?P<arm>[A-Z][A-Za-z0-9\-]{1,15}|[a-z]+(?:mab|cept|nib|tinib|ximab))\b")


def _per_arm(text: str, item: dict, b: int, hi: int) -> list[dict]:
    """One outcome per arm when a cue is followed by each arm's share (annotation rule 17)."""
    tail = text[b:hi]
    stop = re.search(r";", tail)
    tail = tail[: stop.start()] if stop else tail
    hits = list(ARM_SHARE.finditer(tail))
    if len(hits) < 2:
        return []
    base = item["target"] or re.sub(r"\s+", " ", text[item["evidence"]["start"] : b]).strip().lower()
    return [{**item, "target": f"{base} ({m.group('arm')})", "n": None, "evidence": ev(b + m.start(), b + m.end())}
            for m in hits]


#: "20 patients in the tofacitinib arm", "8 (16%) in the placebo group": a count with its arm, before the verb
ARM_SUBJECT = re.compile(r"(?<![\w.,/])(?P<n>\d+)\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s*)?(?:(?:patients|pts|subjects)\s+)?"
                         r"(?:in|on|with|receiving)\s+(?:the\s+)?(?P<g>[\w\-]+(?:\s+[\w\-]+)?\s+(?:arm|group)s?|[A-Za-z][\w\-]+)", re.I)


def _arms_before(text: str, item: dict, lo: int, a: int) -> list[dict]:
    """"20 patients in the tofacitinib arm and 8 in the placebo arm achieved ACR20": each arm's count that leads
    the verb is an outcome of its own, the arm in the target (annotation rule 17)."""
    hits = list(ARM_SUBJECT.finditer(text, lo, a))
    if len(hits) < 2 or not re.fullmatch(r"[\s\w]*?", text[hits[-1].end() : a]) or len(text[hits[-1].end() : a]) > 40:
        return []
    for x, y in zip(hits, hits[1:], strict=False):
        if not re.fullmatch(r"\s*(?:,|;)?\s*(?:and|vs\.?|versus|compared\s+with|while|whereas)?\s*", text[x.end() : y.start()], re.I):
            return []
    base = item["target"] or re.sub(r"\s+", " ", text[a : item["evidence"]["end"]]).strip().lower() or None
    return [{**item, "n": int(h.group("n")), "target": f"{base} ({h.group('g').lower()})" if base else h.group("g").lower(),
             "evidence": ev(h.start(), h.end())} for h in hits]


def _complete_and_partial(text: str, item: dict, lo: int, a: int, b: int) -> list[dict]:
    """"(one complete, two partial renal responses)": the complete ones are an item of their own."""
    cue = text[a:b].lower()
    m = re.search(rf"(?P<n>{count_pattern()})\s+complete(?=\s*(?:,|and)\s*(?:\w+\s+)?$)", text[lo:a], re.I)
    if not m or "partial" not in cue:
        return []
    return [{**item, "kind": "response" if "respon" in cue else "complete_remission",
             "target": cue.replace("partial", "complete"), "n": parse_int(m.group("n")),
             "evidence": ev(lo + m.start(), lo + m.end())}]


def _reasons(text: str, item: dict, b: int, hi: int) -> list[dict]:
    """Why patients stopped: "discontinued X: loss of effectiveness in 4, adverse events in 3" and
    "discontinued in 233 patients due to ..., and in 41 due to AE": one item per reason."""
    cnt = count_pattern()
    out = []
    tail = text[b:hi]
    listed = re.match(r"^[^:.;]{0,60}:\s*(?=[A-Za-z])", tail)
    if listed:
        pos = b + listed.end()
        for seg in re.finditer(r"[^,;()]+(?:\([^()]*\))?", text[pos:hi]):
            m = re.match(rf"\s*(?:and\s+)?(?P<r>[A-Za-z][\w\s\-]{{2,40}}?)\s+in\s+(?P<n>{cnt})\b", seg.group(0), re.I)
            if not m:
                break
            a = pos + seg.start() + m.start("r")
            out.append({"kind": "discontinuation", "target": m.group("r").strip().lower(), "n": parse_int(m.group("n")),
                        "evidence": ev(a, pos + seg.start() + m.end())})
    # "stopped in 6 patients: 4 for primary inefficacy and 2 for herpes zoster", ", two for skin rash and one for ..."
    per_count = list(re.finditer(
        rf"(?:^|,|\band\b|:)\s*(?:(?:in\s+)?(?P<n>{cnt})(?:\s+of\s+them)?)\s+(?:patients?\s+)?(?:for|because\s+of|due\s+to)\s+(?P<r>[^,;.()]+?)(?=\s*(?:,|;|\.|\band\b|$))",
        tail, re.I))
    if per_count and not listed:
        for m in per_count:
            if item["evidence"]["start"] <= b + m.start("n") < item["evidence"]["end"]:
                if item["target"] is None:
                    item["target"] = m.group("r").strip().lower()  # the reason of the count just read
                continue
            out.append({"kind": "discontinuation", "target": m.group("r").strip().lower(), "n": parse_int(m.group("n")),
                        "evidence": ev(b + m.start("n"), b + m.end("r"))})
        return out
    because = re.match(r"^[^.;:]{0,60}?\b(?:because\s+of|due\s+to|owing\s+to)\s+", tail, re.I)
    if because and not listed:  # "because of primary inefficacy (n=4) or herpes zoster (n=2)"
        pos = b + because.end()
        for seg in re.finditer(r"(?P<r>[A-Za-z][^,;()]{2,50}?)\s*\(\s*n\s*=\s*(?P<n>\d+)\s*\)", text[pos:hi]):
            between = text[pos : pos + seg.start()] if not out else ""
            if between.strip(" ,;") and not re.fullmatch(r"[\s,;]*(?:and|or)?\s*", between):
                break
            lead = re.match(r"\s*(?:(?:and|or)\s+)?", seg.group("r"))
            r = seg.group("r")[lead.end() :].strip()
            out.append({"kind": "discontinuation", "target": r.lower(), "n": int(seg.group("n")),
                        "evidence": ev(pos + seg.start("r") + lead.end(), pos + seg.end())})
    for m in re.finditer(rf",?\s*and\s+(?P<all>in\s+(?P<n>{cnt})\s+(?:patients\s+|pts\s+)?(?:due\s+to|because\s+of|for)\s+(?P<r>[^,.;()]+))", tail, re.I):
        out.append({"kind": "discontinuation", "target": m.group("r").strip().lower(), "n": parse_int(m.group("n")),
                    "evidence": ev(b + m.start("all"), b + m.end("r"))})
    return out + _in_another(tail, b)


#: "... due to X in one patient and due to Y in another": the second reason's count is 'another' (one)
ANOTHER_REASON = re.compile(
    r"\band\s+(?P<all>(?:due\s+to|because\s+of|owing\s+to|for)\s+(?P<r>[^,.;()]+?)\s+in\s+(?:an)?other"
    r"(?:\s+(?P<n>two|three|four|five|\d+))?(?:\s+(?:patients?|cases?|pts))?)\b", re.I)


def _in_another(tail: str, b: int) -> list[dict]:
    """A reason coordinated after a first counted one ("stopped because of X in one patient and because of Y in
    another"): 'another' counts one patient (or the number after it), so the second reason is its own item."""
    if not re.search(r"\bin\s+(?:one|1|two|three|\d+)\s+(?:patients?|cases?|pts)\b", tail[:200], re.I):
        return []  # 'another' only counts after a first count
    out = []
    for m in ANOTHER_REASON.finditer(tail):
        out.append({"kind": "discontinuation", "target": m.group("r").strip().lower(),
                    "n": parse_int(m.group("n")) if m.group("n") else 1, "evidence": ev(b + m.start("all"), b + m.end("all"))})
    return out


def _all_of(after: str, manif: dict) -> int | None:
    """"improvement in all cutaneous manifestations": as many as had them."""
    from .manifestations import domain_phrase

    m = re.match(r"\s*(?:in|of)\s+all\s+(?:the\s+)?(?P<t>[^,;.()]{3,60})", after)
    if not m:
        return None
    t = m.group("t").strip().lower()
    if t in manif:
        return manif[t]["n"]
    rx, adj2dom = domain_phrase()
    d = rx.match(t)
    if d:
        dom = adj2dom[d.group("adj").lower()]
        levels = [x for x in manif.values() if x["domain"] == dom and x["n"] is not None]
        if levels:
            return max(x["n"] for x in levels)
    return None


def _expand(doc: Doc, target: str) -> str:
    defs = {d["short"].lower(): d["long"].lower() for d in base.items(doc, "reuma_abbreviations")}
    return " ".join(defs.get(w, w) for w in target.split())


def _entity_name(doc: Doc, e: dict) -> str:
    if e.get("abbr") and text_of(doc)[e["start"] : e["end"]] == e["abbr"]:
        return e["key"].lower()
    return text_of(doc)[e["start"] : e["end"]].lower()


def _extend_left(text: str, lo: int, a: int) -> int:
    """Take in the cue's adjectives: "marked clinical benefit", "rapid resolution"."""
    start = a
    for m in reversed(list(re.finditer(r"[\w\-]+", text[lo:a]))):
        if m.group(0).lower() in INTENSITY and not text[lo + m.end() : start].strip():
            start = lo + m.start()
        else:
            break
    return start


def _dedupe(items: list[dict]) -> list[dict]:
    out, seen = [], set()
    for it in items:
        key = (it["kind"], it["target"], it["n"], it["evidence"]["start"])
        if key in seen:
            continue
        seen.add(key)
        out.append(it)
    return out


SWITCH_CUE = re.compile(r"switch", re.I)
SWITCH_GROUP = re.compile(r"\b(?:who|that|which|(?:prior|previous(?:ly)?)\s+to|before|after|since|upon|on)\s+(?:had\s+)?$", re.I)


@functools.lru_cache(maxsize=1)
def _links() -> dict:
    return lexicons.load("outcome_links")


def _alternation(phrases: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def onset_pattern() -> re.Pattern:
    """"N (x%) [patients] developed X": a count of patients, the verb, and what they developed."""
    cnt = count_pattern()
    return re.compile(
        rf"(?<![\w.])(?P<n>{cnt})\s*(?:\([^()]*\)\s*)?(?:(?:patients?|pts|cases|children|subjects)\s+)?(?:\([^()]*\)\s*)?"
        rf"(?:with\s+(?:[\w-]+\s+){{1,3}}?)?(?:later\s+|subsequently\s+|eventually\s+)?developed\s+(?!an?\s+(?:adverse|side))(?P<t>[^,;.()]+?)(?=\s*(?:[,;.(]|\band\b|\bduring\b|\bafter\b|$))",
        re.I)


def _count_led(text: str, lo: int, hi: int, rx: re.Pattern) -> Iterator[re.Match]:
    """``rx.finditer(text, lo, hi)`` for a pattern whose every match begins with a count (``count_pattern``, after
    zero-width tests only: ``onset_pattern``, ``state_pattern``, ``repeat_pattern``), tried only where a count can
    start in ``text[lo:hi]`` (``counting.count_starts``; at ``lo`` even where the text before forbids one):
    left to right and never inside the last match, the same matches, without trying the long alternation of
    number words at every offset of the sentence (twice as fast)."""
    pos = lo  # no match may start before the end of the last one
    for p in count_starts(text[lo:hi]):
        if lo + p >= pos and (m := rx.match(text, lo + p, hi)):
            yield m
            pos = m.end()


def _switches(text: str, item: dict, lo: int, a: int, b: int, hi: int) -> list[dict]:
    """"48 (41%) switched to a second TNFi and 13 (11%) to a third": a switch is an outcome of kind
    other, one item per destination, each with its own count (the later ones elide the verb)."""
    cnt = count_pattern()
    dest = r"\s+(?:directly\s+|over\s+)?to\s+(?P<t>(?:(?!\b(?:and|or|because|due|for|after|when|owing)\b)[^,;.()])+)"
    first = re.match(dest, text[b:hi])
    if not first:
        return [{**item, "target": re.sub(r"\s+", " ", text[a:b]).lower()}]
    n, start = item["n"], item["evidence"]["start"]
    if n is None:  # the count is the subject: "13 (11%) switched"
        subj = re.search(rf"(?P<n>{cnt})\s*(?:\([^()]*\)\s*)?(?:(?:patients|pts)\s+)?(?:\w+\s+)?$", text[lo:a], re.I)
        if subj:
            n, start = parse_int(subj.group("n")), min(start, lo + subj.start())
    end = b + first.start("t") + len(first.group("t").rstrip())
    out = [{**item, "target": "switch to " + first.group("t").strip().lower(), "n": n, "evidence": ev(start, end)}]
    more = re.compile(rf"\s*,?\s*(?:and\s+)?(?P<n>{cnt})\s*(?:\([^()]*\)\s*)?(?:(?:patients|pts)\s+)?{dest}", re.I)
    while m := more.match(text, end, hi):
        end = m.start("t") + len(m.group("t").rstrip())
        out.append({**item, "target": "switch to " + m.group("t").strip().lower(), "n": parse_int(m.group("n")),
                    "evidence": ev(m.start("n"), end)})
    return out


@functools.lru_cache(maxsize=1)
def _cause_segment() -> re.Pattern:
    """One "k (of them) due to X" item of a list of causes (``_causes``), compiled once."""
    cnt = count_pattern()
    return re.compile(
        rf"\s*(?:[,;]\s*)?(?:and\s+)?(?P<n>{cnt})\s+(?:of\s+them\s+)?(?:(?:patients?|pts|cases?)\s+)?(?:(?:died|deaths?)\s+)?"
        rf"(?:{_words_rx('cause_links')})\s+(?!them\b|whom\b)(?P<r>[^,;.()]+?)(?=\s*(?:[,;.)]|\band\b|$))", re.I)


def _causes(text: str, kind: str, b: int, hi: int) -> list[dict]:
    """"three deaths (two due to pneumonia and one due to cancer)", "stopped in 5: three of them because of
    rash, ...": the causes listed in brackets or after a colon, one item per cause with its count."""
    lead = re.match(r"^[^.;()]{0,30}?(?:\(|:)", text[b:hi])
    if not lead:
        return []
    seg = _cause_segment()
    out, pos = [], b + lead.end()
    while m := seg.match(text, pos, hi):
        out.append({"kind": kind, "target": m.group("r").strip().lower(), "n": parse_int(m.group("n")),
                    "evidence": ev(m.start("n"), m.end("r"))})
        pos = m.end()
    return out


@functools.lru_cache(maxsize=1)
def _list_lead() -> re.Pattern:
    """The words that open a list of reasons ("Reasons for discontinuation included", or a colon)."""
    return re.compile(rf"^[^.;()]{{0,25}}?\b(?:{_words_rx('list_leads')})\b\s*:?|^[^.;()]{{0,25}}?:", re.I)


#: one "reason (k/N)" item of such a list
COUNTED_ITEM = re.compile(
    r"\s*(?:[,;]\s*)?(?:(?:and|or)\s+)?(?P<r>[A-Za-z][^,;:()]{1,50}?)\s*\(\s*(?:n\s*=\s*)?(?P<n>\d+)(?:\s*/\s*\d+)?"
    r"(?:\s*[,;]\s*[\d.,]+\s*%)?\s*\)", re.I)


def _counted_list(text: str, kind: str, b: int, hi: int) -> list[dict]:
    """"Reasons for discontinuation included lack of efficacy (8/19), infections (3/19) and cancer (2/19)":
    each reason followed by its count in brackets (k/N, n = k, or k with a percentage) is an item."""
    lead = _list_lead().match(text[b:hi])
    if not lead:
        return []
    seg = COUNTED_ITEM
    out, pos = [], b + lead.end()
    while m := seg.match(text, pos, hi):
        out.append({"kind": kind, "target": m.group("r").strip().lower(), "n": int(m.group("n")),
                    "evidence": ev(m.start("r"), m.end())})
        pos = m.end()
    return out


BREAKDOWN_ITEM = re.compile(r"\s*(?:[,;]\s*)?(?:(?:and|or)\s+)?(?P<r>[A-Za-z][^,;()=]{1,40}?)\s*[:,]?\s*n\s*=\s*(?P<n>\d+)\s*", re.I)


def _bracket_breakdown(text: str, kind: str, b: int, hi: int) -> list[dict]:
    """"withdrawn in seven patients (primary failure n=4, secondary failure n=2, rash n=1)", "relapsed with
    vasculitic manifestations (mononeuritis n=2, purpura n=3)": a bracket right after the cue that breaks the
    count down as "name n=k" gives one item per name (the reason, or what flared) with its count."""
    lead = re.match(r"^[^.;()]{0,60}?\(", text[b:hi])
    if not lead:
        return []
    pos, out = b + lead.end(), []
    while m := BREAKDOWN_ITEM.match(text, pos, hi):
        out.append({"kind": kind, "target": m.group("r").strip().lower(), "n": int(m.group("n")),
                    "evidence": ev(m.start("r"), m.end("n"))})
        pos = m.end()
    if len(out) < 2 or not text.startswith(")", pos):
        return []  # only a bracket that is wholly such a breakdown
    return out


def _drop_restated_reasons(items: list[dict]) -> list[dict]:
    """"discontinued: loss of effectiveness in 4, lost to follow-up in 4": a reason listed for a
    discontinuation is that item, not an outcome of its own."""
    reasons = [(it["evidence"]["start"], it["evidence"]["end"]) for it in items if it["kind"] == "discontinuation" and it["target"]]
    return [it for it in items
            if it["kind"] != "other" or not any(a <= it["evidence"]["start"] < b for a, b in reasons)]


@functools.lru_cache(maxsize=1)
def subject_count_pattern() -> re.Pattern:
    """A count that is the cue's subject, right before it (``_subject_count``)."""
    return re.compile(rf"(?:^|[\s(;:])(?P<n>{count_pattern()})(?!\s*%)\s*(?:\([^()]*\)\s*)?(?:(?:patients?|pts|cases|subjects)\s*)?"
                      r"(?:\([^()]*\)\s*)?(?:(?:were|was|had|have|has)\s+)?(?:\w+ly\s+)?$", re.I)


def _subject_count(text: str, lo: int, a: int) -> tuple[int, int] | None:
    """(n, start) of a count that is the cue's subject: "6 (12%) were lost to follow-up", "13 patients (9%)
    relapsed" — the count, its brackets, a patient noun and an auxiliary, and nothing else, before the cue.

    The pattern's search, tried only where a match can begin: a match begins at the string's start with a count
    there, or one character before a count, so at those offsets (from ``counting.count_starts``, in order)
    the first match is the one the search finds, without trying the number words at every offset."""
    before, rx = text[lo:a], subject_count_pattern()
    m = None
    for r in sorted({0 if q == 0 else q - 1 for q in count_starts(before)}):
        if m := rx.match(before, r):
            break
    if not m:
        return None
    n = parse_int(m.group("n"))
    return (n, lo + m.start("n")) if n is not None else None


PC = r"\d+(?:[.,]\d+)?\s*%"
PC_LIST = rf"(?P<vals>{PC}(?:\s*,\s*{PC})*\s*,?\s*and\s+{PC})"
OF_PATIENTS = r"(?:\s+of\s+(?:the\s+)?(?:patients|pts|cases|subjects|children))?"


def _split_list(s: str) -> list[str]:
    return [x.strip() for x in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", s.strip()) if x.strip()]


def _labels(s: str) -> tuple[list[str], bool]:
    """The labels a "respectively" assigns values to: time points ("after 6 and 12 months") or groups
    ("in the A and B groups"); True when they are groups (whose size the percentages are not of)."""
    s = s.strip(" ,")
    t = re.fullmatch(r"(?:after|at|by|within)\s+(?P<l>[\d\s,and]+?)\s+(?P<u>months?|weeks?|years?|days?)", s, re.I)
    if t:
        unit = t.group("u").rstrip("s") + "s"
        return [f"at {x} {unit}" for x in re.findall(r"\d+", t.group("l"))], False
    g = re.fullmatch(r"(?:in|for|with|on)\s+(?:the\s+)?(?P<l>.+?)(?:\s+(?:groups?|arms?|cohorts?|patients))?", s, re.I)
    if g:
        return _split_list(g.group("l")), True
    return _split_list(s), False


def _respectively(doc: Doc, item: dict, lo: int, a: int, b: int, hi: int, pop_n: int | None) -> list[dict]:
    """Values shared out by "respectively", one item each (annotation rule 17): "improvement was shown in
    12% and 16% of patients, respectively", "remission rates were 70% and 78% after 6 and 12 months,
    respectively", "2.6% and 0.5% developed CKD and KF, respectively". A percentage gives n only when its
    base is the cohort (not a group whose size is not printed)."""
    text = text_of(doc)
    resp = re.search(r",?\s*respectively", text[b:hi])
    if not resp:
        return []
    seg_hi = b + resp.start()
    after = re.match(rf"^[^.;%]{{0,40}}?\b(?:in|of|by|were|was|to|at)\s+{PC_LIST}{OF_PATIENTS}(?P<labels>\s+[^%]*)?$", text[b:seg_hi], re.I)
    before = re.search(rf"{PC_LIST}{OF_PATIENTS}\s+(?:\w+\s+)?$", text[lo:a]) if not after else None
    if after:
        vals_at, labels_text = b + after.start("vals"), after.group("labels") or ""
        vals = after.group("vals")
    elif before:
        vals_at, labels_text = lo + before.start("vals"), text[b:seg_hi]
        vals = before.group("vals")
    else:
        return []
    values = list(re.finditer(r"\d+(?:[.,]\d+)?(?=\s*%)", vals))
    labels, groups = _labels(labels_text) if labels_text.strip() else ([], False)
    if labels and len(labels) != len(values):
        return []
    base = item["target"]
    out = []
    for i, v in enumerate(values):
        n = None
        if pop_n and not groups:
            n = count_from_percent(float(v.group(0).replace(",", ".")), pop_n, decimals(v.group(0)))
        if labels and before:
            target = _expand(doc, labels[i].lower())
        elif labels:
            target = f"{base} ({labels[i].lower()})" if base else labels[i].lower()
        else:
            target = f"{base} ({i + 1})" if base else None
        start = vals_at + v.start()
        out.append({**item, "target": target, "n": n, "evidence": ev(start, vals_at + v.end() + 1)})
    return out


def _list_chunks(s: str) -> list[tuple[int, int]]:
    """(start, end) of the items of a list split at commas, semicolons and whole-word "and"; brackets
    stay whole ("Index (SDAI and CDAI)")."""
    out, start, depth = [], 0, 0
    i = 0
    while i < len(s):
        ch = s[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",;":
            out.append((start, i))
            start = i + 1
        elif depth == 0 and ch == "a" and re.match(r"(?<!\w)and\b", s[i:i + 4]) and (i == 0 or not s[i - 1].isalnum()):
            out.append((start, i))
            start = i + 3
            i += 3
            continue
        i += 1
    out.append((start, len(s)))
    return [(a, b) for a, b in out if s[a:b].strip()]


def _versus(text: str, item: dict, b: int, hi: int) -> list[dict]:
    """"the discontinuation rate was higher (80.0% vs. 28.3% vs. 18.8%)", "SUA < 6.0 mg/dL, 62.2% versus
    58.7%": one item per compared group (annotation rule 17); the groups' sizes are not printed, so no n."""
    m = re.match(rf"^[^.;%]{{0,80}}?(?P<list>{PC}(?:\s*(?:vs\.?|versus)\s*{PC})+)", text[b:hi], re.I)
    if not m or item["n"] is not None:
        return []
    at = b + m.start("list")
    base = item["target"]
    return [{**item, "target": f"{base} (group {i + 1})" if base else f"group {i + 1}", "n": None,
             "evidence": ev(at + v.start(), at + v.end())}
            for i, v in enumerate(re.finditer(PC, m.group("list")))]


@functools.cache
def _links_rx(name: str) -> re.Pattern:
    """The patterns built from the phrase lists of ``outcome_links``, compiled once each: re's own cache holds
    512 patterns and the pipeline's components build more, so a pattern built per call is compiled again."""
    templates = {
        "follow_up": r"\b(?:{follow_up_markers})\b",
        "subject_head_of": r"(?:{no_difference_subject_heads})\s+of\s+(?:the\s+)?",
        "no_subject": r"\s*(?:these|this|those|such|their|its|all)\b|\s*(?:{no_difference_subject_heads})\s*$",
        "baseline_feature": r"\s*(?:(?:mean|median|the)\s+)?(?:{baseline_features})\b",
        "baseline_np": r"\bbaseline\b|^(?:(?:mean|median|the)\s+)?(?:{baseline_features})\b|\b(?:older|younger)\b",
        "higher_is_better": r"(?<![\w-])(?:{higher_is_better})(?![\w-])",
        "lower_is_better": r"(?<![\w-])(?:{lower_is_better})(?![\w-])",
    }
    template = templates[name]
    keys = re.findall(r"\{(\w+)\}", template)
    return re.compile(template.format(**{k: _words_rx(k) for k in keys}), re.I)


@functools.cache
def _phrase_words(key: str) -> tuple[str, ...] | None:
    """The longest word of each phrase of ``outcome_links[key]``, lower-cased: a match of the phrases'
    alternation (``_alternation``, under re.IGNORECASE) holds one of them in the folded text (``prefilter.folded``).
    None when a phrase is not ASCII, which the folding does not cover."""
    phrases = _links()[key]
    if not all(p.isascii() for p in phrases):
        return None
    return tuple(sorted({max(p.split(), key=len).lower() for p in phrases}))


def _may_name(text: str, key: str) -> bool:
    """False when no phrase of ``outcome_links[key]`` can occur in the text (``_phrase_words``): a quick
    test by ``in`` before the pattern of those phrases."""
    words = _phrase_words(key)
    return words is None or _holds_any(text, words)


@functools.cache
def _words_rx(key: str) -> str:
    """The alternation of the phrases of ``outcome_links[key]``, built once per key (the lexicon is static)."""
    return _alternation(_links()[key])


@functools.lru_cache(maxsize=1)
def rate_pattern() -> re.Pattern:
    """"The (average annual) incidence of X was 16.7 per 100,000", "the rate of thrombotic recurrences was 9.1
    cases per 100 patient-years": a head noun, what it is of, a verb and a value."""
    return re.compile(
        rf"(?<![\w-])(?P<head>(?:(?:{_words_rx('rate_modifiers')})\s+)*(?:{_words_rx('rate_heads')}))(?![\w-])"
        rf"(?:\s+(?:of|for)\s+(?P<t>[^,;.()]{{2,60}}?))?\s+(?:(?:at|in|within|over)\s+[^,;.()]{{1,25}}?\s+)?"
        rf"(?:was|were|increased|decreased|rose|fell|grew)\b(?P<rest>[^;]{{0,80}})", re.I)


PER_PERSON_TIME = re.compile(r"\bper\s+[\d,.]+\s*(?:(?:patient|person)[\s-]*(?:years?|months?)|PY|PYs)\b|\bper\s+[\d,.]+(?:\s|$)", re.I)


def _rates(doc: Doc, lo: int, hi: int) -> list[dict]:
    """An incidence or a rate per person-time in the results is an outcome of kind other with what it is the
    rate of as target ("incidence of giant cell arteritis"); a plain "rate" needs a per-person-time unit (a
    "remission rate" is the remission cue's). Rates of an adverse event are safety, unless the study is about it."""
    text = text_of(doc)
    out = []
    if not _may_name(text[lo:hi], "rate_heads"):
        return out  # rate_pattern needs a head noun
    for m in rate_pattern().finditer(text, lo, hi):
        head, rest = m.group("head").lower(), m.group("rest")
        value = re.search(r"\d+(?:[.,]\d+)?(?:\s*%)?", rest)
        if not value or NO_CHANGE.search(text[m.start() : m.end()]):
            continue
        if not re.search(r"incidence|\bIRs?\b|retention", head, re.I) and not PER_PERSON_TIME.search(rest):
            continue
        t_lo, t_hi = (m.start("t"), m.end("t")) if m.group("t") else (m.end("head"), m.end("head"))
        aes = [e for e in _entities(doc) if e["label"] == "ae" and t_lo <= e["start"] < t_hi]
        if any(not _studied(doc, e) for e in aes) or re.search(r"\badverse", text[t_lo:t_hi], re.I):
            continue
        name = re.sub(r"\s+", " ", text[m.start("head") : t_hi]).lower()
        out.append({"kind": "other", "target": _expand(doc, name), "n": None,
                    "evidence": ev(m.start("head"), m.start("rest") + value.end())})
    return out


RATE_WORD = re.compile(r"\b(?:rates?|incidences?|retention|DRR|IRs?)\b", re.I)
_PCT = r"\d+(?:[.,]\d+)?\s*%(?:\s*\([^()]*\))?"
_TP = r"(?:(?:weeks?|months?|years?)\s+\d+|\d+\s+(?:weeks?|months?|years?))"
#: "91.6% (95% CI ...) at 6 months, 84.6% at 12 months and 80% at 24 months"
VALUE_AT_TIME = re.compile(rf"(?P<v>{_PCT})\s+(?:at|after)\s+(?P<tp>{_TP})", re.I)
#: "the retention rate at 6 and 12 months was 90.4% and 74.7%"
TIMES_THEN_VALUES = re.compile(
    r"\bat\s+(?P<tps>\d+(?:\s*,\s*\d+)*\s*,?\s*and\s+\d+)\s+(?P<unit>weeks?|months?|years?)\s+(?:was|were)\s+"
    rf"(?P<vs>{_PCT}(?:\s*,\s*{_PCT})*\s*,?\s*and\s+{_PCT})", re.I)


def _rate_per_timepoint(text: str, item: dict, hi: int, pop_n: int | None = None) -> list[dict]:
    """A rate (retention, incidence) given at several time points is one outcome per time point (annotation
    rule 17): "the retention rate was 91.6% at 6 months, 84.6% at 12 months and 80% at 24 months", "the
    retention rate at 6 and 12 months was 90.4% and 74.7%". Other items pass unchanged."""
    a = item["evidence"]["start"]
    grouped = item["kind"] in GROUPED_KINDS and re.match(r"\s*rates?\b", text[item["evidence"]["end"] : hi], re.I)
    if not grouped and (item["kind"] != "other" or not RATE_WORD.search(text[a : item["evidence"]["end"]])) or item["n"] is not None:
        return [item]
    if grouped:  # "remission rates were 40% at 6 months and 55% at 12 months": each a share of the cohort (rule 17)
        return _grouped_rates(text, item, hi, pop_n)
    tail = text[a:hi]
    base = item["target"] or ""
    pairs = re.match(rf"^[^.;]{{0,80}}?{TIMES_THEN_VALUES.pattern}", tail, re.I)
    if pairs:
        tps, unit = re.findall(r"\d+", pairs.group("tps")), pairs.group("unit").rstrip("s") + "s"
        vals = list(re.finditer(_PCT, pairs.group("vs")))
        if len(vals) == len(tps):
            v0 = a + pairs.start("vs")
            return [{**item, "target": f"{base} at {t} {unit}".strip(),
                     "evidence": ev(item["evidence"]["start"], item["evidence"]["end"]) if i == 0 else
                     ev(v0 + v.start(), v0 + v.end())} for i, (t, v) in enumerate(zip(tps, vals, strict=True))]
    found = []
    for m in VALUE_AT_TIME.finditer(tail):
        gap = tail[found[-1].end() : m.start()] if found else tail[: m.start()]
        if found and not re.fullmatch(r"\s*(?:,|;)?\s*(?:and\s+)?", gap):
            break
        if not found and len(gap) > 80:
            break
        found.append(m)
    if len(found) < 2:
        return [item]
    return [{**item, "target": f"{base} at {m.group('tp')}".strip(),
             "evidence": ev(a if i == 0 else a + m.start(), a + m.end())}
            for i, m in enumerate(found)]


def _grouped_rates(text: str, item: dict, hi: int, pop_n: int | None) -> list[dict]:
    """"Remission rates were 40% at 6 months and 55% at 12 months": one outcome per time point, its count the
    share of the cohort where one whole number fits (record.md's percentage rule), the time in the target."""
    a = item["evidence"]["start"]
    tail = text[a:hi]
    found: list[re.Match] = []
    for m in VALUE_AT_TIME.finditer(tail):
        gap = tail[found[-1].end() : m.start()] if found else tail[: m.start()]
        if found and not re.fullmatch(r"\s*(?:,|;)?\s*(?:and\s+)?", gap) or not found and len(gap) > 60:
            break
        found.append(m)
    if len(found) < 2:
        return [item]
    out = []
    for i, m in enumerate(found):
        pc = re.match(r"\d+(?:[.,]\d+)?", m.group("v")).group()
        n = count_from_percent(float(pc.replace(",", ".")), pop_n, decimals(pc)) if pop_n else None
        tgt = f"{item['target']} at {m.group('tp')}" if item["target"] else f"at {m.group('tp')}"
        out.append({**item, "target": tgt, "n": n, "evidence": ev(a if i == 0 else a + m.start(), a + m.end())})
    return out


#: "remained (significantly) lower than baseline", "remained better than at baseline"
STILL_BETTER = re.compile(r"^\s+(?:\w+\s+)?(?:lower|better|improved)\s+than\s+(?:at\s+|the\s+)?(?:baseline|pre-?treatment)", re.I)
#: what is better when lower: a score, pain or disease activity
LOWER_IS_BETTER = re.compile(r"\b(?:scores?|pain|activity|ind(?:ex|ices)|VAS|NRS|WOMAC|HAQ)\b", re.I)


def _still_better(before: str, after: str) -> bool:
    """A score that 'remained lower than baseline' kept its improvement: it is no 'no change' (a plain
    'remained stable' is). Lower is better only for scores, pain and disease activity, so they must be named."""
    m = STILL_BETTER.match(after)
    return bool(m) and (not re.search(r"\blower\b", m.group(0), re.I) or bool(LOWER_IS_BETTER.search(before)))


#: the verb both onset patterns need (onset_pattern, PERCENT_ONSET), as a quick test before them
DEVELOPED = re.compile(r"developed", re.I)
#: "12% developed ILD", "2.6% and 0.5% developed CKD and kidney failure": shares of patients as subject
PERCENT_ONSET = re.compile(
    r"(?<![\w.])(?P<ps>\d+(?:\.\d+)?\s*%(?:\s*(?:,|and)\s*\d+(?:\.\d+)?\s*%)*)\s+(?:of\s+(?:the\s+)?(?:patients|children|subjects)\s+)?"
    r"(?:later\s+|subsequently\s+|eventually\s+)?developed\s+(?!an?\s+(?:adverse|side))(?P<t>[^;.()]+?)(?=\s*(?:[;.(]|\bduring\b|\bafter\b|\bwhile\b|\bwhereas\b|$))",
    re.I)


def _studied(doc: Doc, e: dict) -> bool:
    """An adverse event the title or the aim names ("Incidence of herpes zoster in RA") is what the study
    measures, so its rate is an outcome; other adverse events' rates belong to safety."""
    text = text_of(doc)
    aims = [text[: title_end(doc)]] + [x.text for x in sentences(doc) if x.section == "background" or _role(doc, x) == "aim"]
    names = {e["key"].lower(), text[e["start"] : e["end"]].lower()}
    return any(n in a.lower() for a in aims for n in names if len(n) > 2)


@functools.lru_cache(maxsize=1)
def state_pattern() -> re.Pattern:
    """"eight (8.1%) patients had chronic kidney disease", "four (4.1%) were dialyzed permanently": a count of
    patients as subject, a verb of having or undergoing, and what they had."""
    cnt = count_pattern()
    return re.compile(
        rf"(?<![\w.])(?P<n>{cnt})(?!\s*%)\s*(?:\([^()]*\)\s*)?(?:(?:patients?|pts|cases|children|subjects)\s+)?(?:\([^()]*\)\s*)?"
        rf"(?P<v>{_words_rx('state_verbs')})\s+(?P<t>(?:(?!\b(?:and|while|whereas|but)\b)[^,;.()])+?)(?=\s*(?:[,;.(]|\band\b|\bwhile\b|\bwhereas\b|$))",
        re.I)


#: the word a state had anew needs ("had a new thrombotic event"), as a quick test before the state pattern
NEW_WORD = re.compile(r"new", re.I)


def _follow_up_states(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """What counted patients had at follow-up ("After a median follow-up of 36 months, eight patients had CKD
    and four were dialyzed permanently") or had anew ("143 (46%) had a new thrombotic event") is an outcome of
    kind other, the thing had as target. Without a follow-up marker or "new" the sentence describes the
    cohort (manifestations); a state already read by a cue, or an adverse event, is not one again."""
    text = text_of(doc)
    follows = [(lo + f.start(), lo + f.end()) for f in _links_rx("follow_up").finditer(text[lo:hi])] \
        if _may_name(text[lo:hi], "follow_up_markers") else []
    if not follows and not NEW_WORD.search(text, lo, hi):
        return []  # neither a follow-up marker nor "new": the costly state pattern would find nothing to keep
    out = []
    for m in _count_led(text, lo, hi, state_pattern()):
        t = m.group("t").strip()
        # the time frame comes first ("Over a median follow-up of 3 years, 8 patients had CKD") or right after
        # what was had ("8 had CKD at follow-up"); one closing a long sentence frames its last clause only
        follow = any(f < m.start() or abs(g - m.end("t")) < 3 or 0 <= f - m.end("t") < 15 for f, g in follows)
        if not (follow or re.match(r"(?:an?\s+)?new\b", t, re.I)):
            continue
        if m.group("v").lower() in ("were", "was") and not re.match(r"\w+(?:ed|en)\b", t):
            continue  # "were female", "were in remission": no event undergone
        n = parse_int(m.group("n"))
        if n is None:
            continue
        if any(it["evidence"]["start"] < m.end("t") and m.start() < it["evidence"]["end"] for it in found + out):
            continue
        t_lo, t_hi = m.start("t"), m.end("t")
        ents = [e for e in _entities(doc) if t_lo <= e["start"] < t_hi]
        if any(e["label"] == "ae" for e in ents) and not any(e["label"] in ("manifestation", "disease") for e in ents):
            continue
        target = re.sub(r"^(?:an?|the)\s+", "", re.sub(r"\s+", " ", t), flags=re.I).lower()
        if m.group("v").lower() in ("were", "was"):
            target = re.sub(r"\s+", " ", text[m.start("v") : t_hi]).lower()
        out.append({"kind": "other", "target": _expand(doc, target), "n": n, "evidence": ev(m.start("n"), t_hi)})
    return out


#: the short stretch between a counted outcome and the bracket that breaks its count down ("during follow-up")
BEFORE_BRACKET = re.compile(r"[^()\d,;.]{0,40}?\(", re.I)


@functools.lru_cache(maxsize=1)
def breakdown_part() -> re.Pattern:
    """One part of a bracketed breakdown: "10 at the first", "5 in the placebo arm", "3 (10%) during year 2"."""
    return re.compile(rf"\s*(?:and\s+)?(?P<n>{count_pattern()})(?:\s+(?:patients?|pts|cases|subjects))?(?:\s*\[[^\[\]]*\])?\s+"
                      r"(?P<q>(?:at|in|on|during|after|with|by|within|from)\s+[^,;()\[\]]{2,40}?)\s*$", re.I)


def _bracketed_breakdown(text: str, hi: int, found: list[dict]) -> list[dict]:
    """A counted outcome followed by a bracket that splits its count by time point or group ("15 patients
    (30%) displayed conversion during follow-up (10 at the first and 5 at the second rescreening)") gives one
    item per part (annotation rule 17), when the parts add up to no more than the count."""
    out: list[dict] = []
    for it in found:
        if it["n"] is None:
            continue
        end = it["evidence"]["end"]
        opened = BEFORE_BRACKET.match(text, end, hi)
        if not opened:
            continue
        close = text.find(")", opened.end(), hi)
        if close < 0:
            continue
        inner_lo = opened.end()
        parts = []
        for cs, ce in _list_chunks(text[inner_lo:close]):
            pm = breakdown_part().match(text[inner_lo + cs : inner_lo + ce])
            n = parse_int(pm.group("n")) if pm else None
            if n is None:
                parts = []
                break
            q = re.sub(r"\s+", " ", pm.group("q")).lower()
            parts.append((n, q, inner_lo + cs + pm.start("n"), inner_lo + cs + pm.end("q")))
        if len(parts) < 2 or sum(n for n, *_ in parts) > it["n"]:
            continue
        head = it["target"] or ""
        out.extend({**it, "target": f"{head} {q}".strip(), "n": n, "evidence": ev(x, y)} for n, q, x, y in parts)
    return out


#: when a count was taken first, before the follow-up ("at presentation", "at baseline", "at diagnosis")
_START_TIME = r"(?:at|on)\s+(?:the\s+)?(?:presentation|baseline|diagnosis|onset|inclusion|enrolment|enrollment|start(?:\s+of\s+(?:the\s+)?(?:study|treatment|therapy))?)"


@functools.lru_cache(maxsize=1)
def baseline_follow_up_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Two counts of one state, at the start and at follow-up, in either order of subject and counts:
    "hypertension was seen in 27 patients (73%) at presentation and 25 (68%) at follow-up", "three patients
    at presentation and two at follow-up had an eGFR below 60"."""
    cnt, fu = count_pattern(), _words_rx("follow_up_markers")
    who = r"(?:\s+(?:patients?|pts|cases|children|subjects))?(?:\s*\([^()]*\))?"
    state = r"(?:[^,;.()]|\.(?=\d))"
    pair = rf"(?P<n0>{cnt}){who}\s+{_START_TIME}\s*,?\s+(?:and|but|versus|vs\.?|compared\s+with)\s+(?:in\s+)?(?P<n>{cnt}){who}\s+(?P<f>{fu})"
    subject_first = re.compile(
        rf"(?P<t>\b[A-Za-z][^,;.()]{{2,50}}?)\s+(?:was|were)\s+(?:seen|present|observed|found|noted|recorded|documented|detected|reported)\s+in\s+(?:the\s+)?{pair}(?![\w-])", re.I)
    count_first = re.compile(
        rf"(?<![\w.]){pair}\s*,?\s+(?:had|showed|presented\s+with|suffered\s+from|exhibited|required)\s+(?P<t>{state}{{2,60}}?)(?=\s*(?:[,;()]|\.(?!\d)|\band\b|$))", re.I)
    return subject_first, count_first


#: the words baseline_follow_up_patterns need, as a quick test before them
START_TIME = re.compile(_START_TIME, re.I)
#: a word every START_TIME match holds
START_WORDS = ("presentation", "baseline", "diagnosis", "onset", "inclusion", "enrolment", "enrollment", "start")


def _baseline_and_follow_up(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """The follow-up count of a state counted at the start and at follow-up is an outcome of kind other, the
    state at follow-up as target (the start count describes the cohort: manifestations, lab findings)."""
    text = text_of(doc)
    if not _holds_any(text[lo:hi], START_WORDS) or not START_TIME.search(text, lo, hi) or not _links_rx("follow_up").search(text, lo, hi):
        return []
    out: list[dict] = []
    for rx in baseline_follow_up_patterns():
        for m in rx.finditer(text, lo, hi):
            n = parse_int(m.group("n"))
            if n is None or any(it["evidence"]["start"] < m.end("f") and m.start("n") < it["evidence"]["end"] for it in found + out):
                continue
            t = re.sub(r"^(?:an?|the)\s+", "", re.sub(r"\s+", " ", m.group("t").strip()), flags=re.I).lower()
            when = re.sub(r"\s+", " ", m.group("f")).lower()
            out.append({"kind": "other", "target": f"{_expand(doc, t)} {when}", "n": n, "evidence": ev(m.start("n"), max(m.end("f"), m.end("t")))})
    return out


@functools.lru_cache(maxsize=1)
def occurrence_pattern() -> re.Pattern:
    """"New-onset uveitis occurred in 3 patients", "PVL on therapy occurred in six patients", "calcinosis
    developed in 11 patients" (the event as subject, as with "occurred"): an event, a verb
    of occurring, and a count of patients."""
    cnt = count_pattern()
    return re.compile(
        rf"(?P<t>\b[A-Za-z][^,;.()]{{2,50}}?)\s+(?:occurred|developed|(?:was|were)\s+(?:observed|recorded|found|seen|noted|documented))\s+in\s+(?:the\s+)?"
        rf"(?P<n>{cnt})(?:\s*/\s*\d+)?(?:\s*\([^()]*\))?\s+(?:patients?|pts|cases|children|subjects)\b", re.I)


#: the verbs occurrence_pattern needs, as a quick test before it
OCCURRENCE_VERB = re.compile(r"occurred|developed|observed|recorded|found|seen|noted|documented", re.I)
OCCURRENCE_WORDS = ("occurred", "developed", "observed", "recorded", "found", "seen", "noted", "documented")


def _occurrences(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """An event that occurred in counted patients is an outcome of kind other with the event as target (a cue
    in it, e.g. "progression occurred in 4 patients", has already given its own kind); an adverse event
    stays one unless the study is about it."""
    text = text_of(doc)
    out = []
    if not _holds_any(text[lo:hi], OCCURRENCE_WORDS) or not OCCURRENCE_VERB.search(text, lo, hi):
        return out
    for m in occurrence_pattern().finditer(text, lo, hi):
        t_lo, t_hi = m.start("t"), m.end("t")
        lead = re.match(r"(?:(?:in|among|during|after)\s+[^,]*?\s+)?(?:the\s+|an?\s+)?", text[t_lo:t_hi], re.I)
        t_lo += lead.end() if lead and lead.end() < t_hi - t_lo else 0
        n = parse_int(m.group("n"))
        if n is None or any(it["evidence"]["start"] < m.end() and t_lo < it["evidence"]["end"] for it in found + out):
            continue
        ents = [e for e in _entities(doc) if e["label"] == "ae" and t_lo <= e["start"] < t_hi]
        if any(not _studied(doc, e) for e in ents):
            continue
        if re.search(r"\b(?:antibod\w*|auto-?antibod\w*|positivity|titers?|titres?)\b", text[t_lo:t_hi], re.I) or any(
                e["label"] == "lab" and t_lo <= e["start"] < t_hi for e in _entities(doc)):
            continue  # "anti-Scl-70 antibodies were found in 26 patients": a lab finding, not an outcome
        if re.search(r"\b(?:found|seen|noted|documented)\s+in\b", m.group(0), re.I) and not (
                re.match(r"(?:new|persistent|recurrent|subsequent|further)\b", text[t_lo:t_hi], re.I)
                or _links_rx("follow_up").search(text[lo:hi])):
            continue  # "arthritis was seen in 12 patients" describes the cohort; "new ulcers were seen in 3" happened
        out.append({"kind": "other", "target": _expand(doc, re.sub(r"\s+", " ", text[t_lo:t_hi]).lower()), "n": n,
                    "evidence": ev(t_lo, m.end())})
    return out


@functools.lru_cache(maxsize=1)
def repeat_pattern() -> re.Pattern:
    """"81 (37%) repeated the skin test", "ten patients (30%) restarted the drug later": a count of patients as
    subject, a verb of doing again (``outcome_links`` repeat_verbs) and what was done again."""
    cnt = count_pattern()
    return re.compile(
        rf"(?<![\w.])(?P<n>{cnt})(?!\s*%)\s*(?:\([^()]*\)\s*)?(?:(?:patients?|pts|cases|children|subjects)\s+)?"
        rf"(?:\([^()]*\)\s*)?(?:(?:later|subsequently|then|eventually)\s+)?(?P<v>{_words_rx('repeat_verbs')})\b"
        rf"\s*(?P<t>(?:(?!\b(?:and|while|whereas|but)\b)[^,;.()])*?)(?=\s*(?:[,;.(]|\band\b|\bwhile\b|\bwhereas\b|$))",
        re.I)


#: the stems repeat_pattern's verbs share, as a quick test before it
REPEAT_WORD = re.compile(r"repeat|re-?init|re-?start|resum|re-?introduc|recommenc", re.I)
#: what REPEAT_WORD matches, spelled out
REPEAT_WORDS = ("repeat", "reinit", "re-init", "restart", "re-start", "resum", "reintroduc", "re-introduc", "recommenc")


def _repeats(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """Counted patients who did something again (repeated a test, reinitiated or resumed a drug) is an outcome of
    kind other, what was done again (with the verb) as target; a span already read is not read again."""
    text = text_of(doc)
    if not _holds_any(text[lo:hi], REPEAT_WORDS) or not REPEAT_WORD.search(text, lo, hi):
        return []
    out = []
    for m in _count_led(text, lo, hi, repeat_pattern()):
        n = parse_int(m.group("n"))
        if n is None or any(it["evidence"]["start"] < m.end() and m.start() < it["evidence"]["end"] for it in found + out):
            continue
        t = re.sub(r"^(?:the|their|its|his|her)\s+", "", re.sub(r"\s+", " ", m.group("t").strip()), flags=re.I)
        target = f"{t} {m.group('v')}".strip().lower() if t else m.group("v").lower()
        out.append({"kind": "other", "target": _expand(doc, target), "n": n, "evidence": ev(m.start("n"), m.end())})
    return out


#: "median time to ...", "mean times to achieve ...": the head of a time-to-event sentence
TIME_TO = re.compile(r"\b(?P<s>median|mean|average)\s+times?\s+to\b", re.I)
#: "SJC ≤ 1 (20 weeks)", "≤ 1 tender entheses (16 weeks)": a threshold reached and the time it took, in brackets
THRESHOLD_TIME = re.compile(
    r"(?P<x>(?:\b(?!(?:and|or|with|to|of)\b)[A-Za-z][\w\-]*\s*)?[≤<≥>]=?\s*\d+(?:[.,]\d+)?(?:\s+[A-Za-z][\w\-]*){0,3})\s*"
    r"\(\s*(?P<t>\d+(?:[.,]\d+)?\s*(?:weeks?|months?|days?|years?))\s*\)?")


def _times_to_threshold(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """A median (mean) time to reach a threshold, each threshold with its time in brackets ("median times to
    achieve the criteria were SJC ≤ 1 (20 weeks) and PASI ≤ 1 (16 weeks)"), is an outcome of kind other per
    threshold, "median time to X (T)" as target."""
    text = text_of(doc)
    head = TIME_TO.search(text, lo, hi)
    if not head:
        return []
    out = []
    for m in THRESHOLD_TIME.finditer(text, head.end(), hi):
        if any(it["evidence"]["start"] < m.end() and m.start() < it["evidence"]["end"] for it in found + out):
            continue
        x = re.sub(r"\s+", " ", m.group("x")).strip()
        target = f"{head.group('s').lower()} time to {x} ({m.group('t')})".lower()
        out.append({"kind": "other", "target": target, "n": None, "evidence": ev(m.start(), m.end())})
    return out


#: "complete and partial remission": two outcomes, the first named by its adjective only
COMPLETE_AND = re.compile(r"\bcomplete\s+and\s+$", re.I)
#: "22/83 (27 %)": a count of a printed base, with its share
FRACTION = re.compile(r"(?<![\d./])(?P<k>\d+)\s*/\s*(?P<n>\d+)(?![\d/.])(?:\s*(?:patients\s*)?\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?")
#: kinds a counted group reaches (remission, response, flare): each group's count is its own result
GROUPED_KINDS = ("complete_remission", "partial_remission", "low_disease_activity", "response", "flare")


#: "17 (54.8%) in the 100 mg group": a group's count, its share and the group named
GROUP_COUNT = re.compile(
    r"(?<![\w.,/])(?P<k>\d+)\s*\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s+(?:patients\s+)?(?:in|with|on|of)\s+(?:the\s+)?"
    r"(?P<g>[\w\-]+(?:\s+[\w\-]+){0,3}?\s+(?:group|arm|cohort))\b", re.I)


def _group_counts(text: str, lo: int, hi: int) -> list[tuple[int, int, int, int | None, str]]:
    """(start, end, count, base, label) of each group's count in [lo, hi): "22/83 (27 %)", "45 of 135",
    "17 (54.8%) in the 100 mg group"."""
    out = [(m.start(), m.end(), int(m.group("k")), int(m.group("n")), f"{m.group('k')}/{m.group('n')}")
           for m in FRACTION.finditer(text, lo, hi) if 0 < int(m.group("k")) <= int(m.group("n"))]
    out += [(m.start(), m.end(), int(m.group("k")), None, m.group("g").lower())
            for m in GROUP_COUNT.finditer(text, lo, hi) if not any(x < m.end() and m.start() < y for x, y, *_ in out)]
    return sorted(out)


def _per_fraction(text: str, lo: int, hi: int, items: list[dict]) -> list[dict]:
    """Counts reported group by group in a sentence about one outcome ("in arm 1 22/83 (27 %) and in arm 2
    24/78 (31 %) were in remission", "remission in 17 (55%) in the low-dose group and 12 (63%) in the
    high-dose group") are one item per group (annotation rule 17), each with its count as n. A count goes to
    the outcome it follows ("achieved by 11/52"), else to the one named next, else to the last one named; a
    count an item already holds stays with it."""
    cued = [it for it in items if it["kind"] in GROUPED_KINDS]
    if not cued:
        return items
    counts = _group_counts(text, lo, hi)
    if len(counts) < 2:
        return items
    def holds(it: dict, c: tuple) -> bool:
        return it["evidence"]["start"] < c[1] and c[0] < it["evidence"]["end"]
    assigned: dict[int, list[dict]] = {}
    for c in counts:
        start, end, k, n, label = c
        holders = [it for it in items if holds(it, c)]
        for it in holders:
            if n is not None and it["n"] == n:
                it["n"] = k  # the count read was the base
        if holders:
            continue
        before = [it for it in cued if it["evidence"]["end"] <= start]
        after = [it for it in cued if it["evidence"]["start"] >= end]
        prev = max(before, key=lambda it: it["evidence"]["end"]) if before else None
        if prev and re.fullmatch(r"[^,;]{0,40}?\b(?:by|in|among|of|was|were)\s*|\s*:\s*", text[prev["evidence"]["end"] : start], re.I):
            owner = prev
        elif after:
            owner = min(after, key=lambda it: it["evidence"]["start"])
        else:
            owner = prev
        if owner is None:
            continue
        base_t = owner["target"]
        assigned.setdefault(id(owner), []).append(
            {**owner, "target": f"{base_t} ({label})" if base_t else label, "n": k, "evidence": ev(start, end)})
    out = []
    for it in items:
        extra = assigned.get(id(it), [])
        own = it["n"] is not None and re.search(r"\d+\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)|(?:patients|children|subjects|pts)\b)",
                                                text[it["evidence"]["start"] : it["evidence"]["end"]])
        keep = not extra or own or any(holds(it, c) for c in counts)  # an overall count of patients stays
        out.extend(([it] if keep else []) + extra)
    return out


@functools.lru_cache(maxsize=1)
def survival_pattern() -> re.Pattern:
    """"Five-year kidney survival was 77%", "the 10-year OS and EFS rates were 79% and 45.5% for ...",
    "estimated survival rates were 87.7% and 75.4% at 5 and 10 years": a survival head, a verb, values."""
    head = _words_rx("survival_heads")
    span = r"(?:\d+|one|two|three|four|five|ten|fifteen|twenty)[-\s](?:years?|yrs?|months?)"
    return re.compile(
        rf"(?<![\w-])(?P<head>(?:{span}\s+)?(?:(?:estimated|cumulative|overall|actuarial|mean|median)\s+)*"
        rf"(?:{span}\s+)?(?:{head})(?:\s+(?:and|or|/)\s*(?:{head}))?(?:\s+(?:rates?|probabilit(?:y|ies)))?)(?![\w-])"
        rf"(?P<mid>[^.;%]{{0,100}}?)\b(?:was|were|of|reached)\s+(?=[^.;]{{0,6}}\d)", re.I)


PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s*%")


#: the gap before the next group's values in a list split by semicolons: "(, respectively); and for NMZL, "
PARALLEL_GROUP = re.compile(r"\s*(?:,?\s*respectively\s*)?;\s*(?:and\s+)?(?:for|in|among)\s+[^,;%()]{1,40}?\s*[,:]\s*", re.I)


def _value_run(text: str, at: int, hi: int) -> list[re.Match]:
    """The percentages listed from ``at`` ("79% and 45.5% for A, 40.9% and 24.2% for B"), bracketed ones
    (a confidence interval) left out; the run ends at a verb, a semicolon or a long gap."""
    found: list[re.Match] = []
    depth_at = at
    depth = 0
    for m in PERCENT.finditer(text, at, hi):
        gap = text[found[-1].end() if found else at : m.start()]
        for ch in text[depth_at : m.start()]:
            depth += 1 if ch in "([" else -1 if ch in ")]" else 0
        depth_at = m.start()
        if depth > 0:
            continue
        if found and PARALLEL_GROUP.fullmatch(gap):
            found.append(m)  # "79% and 45.5% for A; for B, 40.9% and 24.2%": the values of the next group
            continue
        if (not found and len(gap) > 8) or len(gap) > 45 or re.search(r";|\b(?:was|were|is|are|had|compared)\b", gap):
            break
        found.append(m)
    return found


#: what every survival head (lexicons/outcome_links.json survival_heads) holds: "survival", or a short form
#: standing as a word of its own; a quick test before survival_pattern
SURVIVAL_WORD = re.compile(r"surviv|(?<!\w)(?:os|efs|pfs|rfs)(?!\w)", re.I)


def _survival(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """A survival (overall, event-free, kidney) at a time point is an outcome of kind other, one per value
    printed (annotation rule 17): per group, per time point or per survival measure."""
    text = text_of(doc)
    out = []
    if not _may_match(SURVIVAL_WORD, text[lo:hi]) or not SURVIVAL_WORD.search(text, lo, hi):
        return out
    for m in survival_pattern().finditer(text, lo, hi):
        if any(it["evidence"]["start"] < m.end("head") and m.start("head") < it["evidence"]["end"] for it in found):
            continue
        values = _value_run(text, m.end(), hi)
        if not values:
            continue
        name = re.sub(r"\s+", " ", text[m.start("head") : m.end("head")]).lower()
        for i, v in enumerate(values):
            start = m.start("head") if i == 0 else v.start()
            out.append({"kind": "other", "target": name if len(values) == 1 else f"{name} ({i + 1})", "n": None,
                        "evidence": ev(start, v.end())})
    return out


NO_DIFFERENCE = re.compile(
    r"\b(?:(?:was|were)\s+not\s+(?:significantly\s+|statistically\s+(?:significantly\s+)?)different|"
    r"did\s+not\s+differ(?:\s+(?:significantly|statistically))?|"
    r"no\s+(?:statistically\s+)?significant\s+differences?)\b", re.I)
#: the inverted clause "nor was/were X (significantly) different": X did not differ either
NOR_DIFFERENT = re.compile(r"\bnor\s+(?:was|were|did)\s+(?:the\s+)?(?P<t>[^,;()]{3,80}?)\s+(?:(?:statistically\s+)?significantly\s+)?(?:different|differ)\b", re.I)
#: "the two groups", "both arms", "patients in the two cohorts": the subject of "did not differ" is who was compared
GROUPS_SUBJECT = re.compile(r"\s*(?:the\s+)?(?:(?:two|three|four|both|all|treatment|study|\d)\s+)?(?:groups?|arms?|cohorts?)\s*", re.I)
#: "between the study and control groups", "among the three arms": who was compared
COMPARED_GROUPS = re.compile(r"^\s*(?:was\s+|were\s+)?(?:found\s+|observed\s+|seen\s+)?(?:between|among|across|in\s+both)\s+[^,;()]*?\b(?:groups?|arms?|cohorts?|patients|subsets?)\b", re.I)


DIFFER = re.compile(r"differ", re.I)


def _no_difference(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """"The incidence of A, B and C was not significantly different between the groups", "there was no
    significant difference between the groups in D": one no_change per thing compared. Baseline features
    (age, sex) compared between groups are no outcome."""
    text = text_of(doc)
    out = []
    if not DIFFER.search(text, lo, hi):
        return out  # NO_DIFFERENCE and NOR_DIFFERENT need the word
    for m in NO_DIFFERENCE.finditer(text, lo, hi):
        clause_lo = max([lo, *(lo + x.end() for x in re.finditer(r"[;:,]|\b(?:whereas|while|but)\b", text[lo : m.start()]))])
        groups_subject = GROUPS_SUBJECT.fullmatch(text[clause_lo : m.start()])
        if not m.group(0).lower().startswith("no") and re.search(r",\s*(?:and|but)?\s*$", text[lo : m.start()]):
            out.append({"kind": None, "cue": (m.start(), m.end())})  # "rates were 76% and 77% and did not differ":
            continue  # the subject elided is what the sentence has counted already
        if m.group(0).lower().startswith("no") or groups_subject:  # "the two groups did not differ in A and B"
            rest = text[m.end() : hi]
            grp = COMPARED_GROUPS.match(rest)
            at = m.end() + (grp.end() if grp else 0)
            obj = re.match(r"\s*(?:in|for|regarding|with\s+respect\s+to)\s+(?:the\s+)?(?P<t>[^();:.]+?)(?=\s*(?:[();:.]|,\s*(?:and|but|while|whereas|which|nor)\b|$))", text[at:hi], re.I)
            if not obj:
                continue
            t_lo, t_hi = at + obj.start("t"), at + obj.end("t")
            cut = re.search(r"\s+(?:between|among|across)\b", text[t_lo:t_hi], re.I)
            t_hi = t_lo + cut.start() if cut else t_hi
            lead = _links_rx("subject_head_of").match(text[t_lo:t_hi])
            t_lo += lead.end() if lead else 0
        else:
            clause_lo = max([lo, *(lo + x.end() for x in re.finditer(r"[;:]|\b(?:whereas|while|but)\b", text[lo : m.start()]))])
            subj = re.match(r"\s*(?:(?:results?|in\s+addition|moreover|however|furthermore)\s*[,:]?\s*)?(?:the\s+)?", text[clause_lo : m.start()], re.I)
            t_lo, t_hi = clause_lo + (subj.end() if subj else 0), m.start()
            lead = _links_rx("subject_head_of").match(text[t_lo:t_hi])
            if lead:
                t_lo += lead.end()
        subject = text[t_lo:t_hi]
        if AE_SENTENCE.search(text[lo:hi]) or _links_rx("no_subject").match(subject):
            out.append({"kind": None, "cue": (m.start(), m.end())})  # and the bare cue is none either
            continue  # safety is not an outcome; "in these outcomes", "in frequency" name nothing compared
        if not subject.strip() or len(subject) > 120 or re.search(r"\b(?:was|were|had|showed|is|are)\b|\d", subject, re.I):
            continue
        if re.search(r"\bbaseline\b", subject, re.I):
            continue
        if any(it["evidence"]["start"] < t_hi and t_lo < it["evidence"]["end"] for it in found + out if it["kind"]
               and not (it["kind"] == "no_change" and it["evidence"]["start"] < m.end() and m.start() < it["evidence"]["end"])):
            continue  # read already by another cue (the bare no-difference cue itself is read again here)
        chunks = [(a, b) for a, b in _list_chunks(subject)
                  if not _links_rx("baseline_feature").match(subject[a:b])]
        if not chunks:  # only baseline features compared: the bare cue is no outcome either
            out.append({"kind": None, "cue": (m.start(), m.end())})
        for a, b in chunks:
            piece = subject[a:b].strip(" ,")
            if not piece:
                continue
            x = t_lo + a + (len(subject[a:b]) - len(subject[a:b].lstrip()))
            name = re.sub(r"\s+", " ", piece).lower()
            out.append({"kind": "no_change", "target": _expand(doc, name), "n": None, "cue": (m.start(), m.end()),
                        "evidence": ev(x, x + len(piece)) if len(chunks) > 1 else ev(min(x, m.start()), max(x + len(piece), m.end()))})
    for m in NOR_DIFFERENT.finditer(text, lo, hi):  # "..., nor was gestational age significantly different"
        name = re.sub(r"\s+", " ", m.group("t")).lower()
        if AE_SENTENCE.search(text[lo:hi]) or re.search(r"\bbaseline\b|\d", name) or any(
                it["kind"] and it["evidence"]["start"] < m.end("t") and m.start("t") < it["evidence"]["end"] for it in found):
            continue
        out.append({"kind": "no_change", "target": _expand(doc, name), "n": None, "cue": (m.start(), m.end()),
                    "evidence": ev(m.start("t"), m.end())})
    return out


def _cue_of(item: dict, diff: dict) -> bool:
    """The item was read from the cue the no-difference item ``diff`` has read."""
    a, b = diff["cue"]
    return item["evidence"]["start"] < b and a < item["evidence"]["end"]


#: "44 improved but 19 did not": a count of patients for whom the outcome just named did not happen
DID_NOT = re.compile(r"(?<![\w.])(?P<n>\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s+)?(?:(?:patients|pts|subjects|children)\s+)?did\s+not(?=\s*(?:[,;.)]|$))", re.I)


#: the words DID_NOT needs, as a quick test before it
DID_NOT_WORDS = re.compile(r"did\s+not", re.I)


def _did_not(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """"44 improved but 19 did not": the counted patients the outcome named before it passed by are a
    no_change with their count."""
    text = text_of(doc)
    out = []
    if not DID_NOT_WORDS.search(text, lo, hi):
        return out
    for m in DID_NOT.finditer(text, lo, hi):
        n = parse_int(m.group("n"))
        before = [it for it in found if it["evidence"]["end"] <= m.start() and it["kind"] in ("improvement", "response", *GROUPED_KINDS)]
        if n is None or not before:
            continue
        out.append({"kind": "no_change", "target": before[-1]["target"], "n": n, "evidence": ev(m.start(), m.end())})
    return out


_VAL = r"\d+(?:[.,]\d+)?(?:\s*±\s*\d+(?:[.,]\d+)?)?(?:\s*%|\s*(?!vs\b|versus\b)[A-Za-zµμ]{1,6}(?:/[A-Za-z]{1,4})?\b)?"
#: "(11.1% vs. 22.7%)", "(3152 ± 844 g vs. 2765 ± 816 g; P < 0.05)", "(346 vs. 397 days)": a value per group
COMPARED_VALUES = re.compile(rf"\(\s*(?P<list>{_VAL}(?:\s*(?:vs\.?|versus)\s*{_VAL})+)\s*(?:[;,][^()]*)?\)", re.I)
#: what a goal attained is: a response (annotation rule 11)
GOAL = re.compile(r"\b(?:attain|achiev|reach)\w*\b[^()]*\b(?:goals?|targets?)\b", re.I)
#: the goal named first and its verb after the values: "Goals of sUA <6 mg/dl (57% vs. 45%) were reached by ..."
GOAL_NOUN = re.compile(r"\b(?:goals?|targets?)\b", re.I)
GOAL_PASSIVE = re.compile(r"\b(?:was|were|being)\s+(?:\w+\s+)?(?:attained|achieved|reached|met)\b", re.I)


VERSUS = re.compile(r"vs|versus", re.I)


def _compared_values(doc: Doc, lo: int, hi: int, found: list[dict], cues: dict[str, re.Pattern]) -> list[dict]:
    """"the repeat pregnancy loss rate (11.1% vs. 22.7%), placental disease (6.4% vs. 15.6%)": what was
    measured, then one value per compared group in brackets, is one outcome per group (annotation rule 17),
    of the kind its words name ("remission", "attained the goal") or else other. Baseline features and
    instruments' values (Scores) are none."""
    text = text_of(doc)
    out = []
    if not VERSUS.search(text, lo, min(len(text), hi + 200)):
        return out  # COMPARED_VALUES needs "vs" or "versus"
    ents = _entities(doc)
    last: tuple[str, str, int] | None = None  # the kind, name and end of the compared values read last
    for m in COMPARED_VALUES.finditer(text, lo, min(len(text), hi + 200)):
        if m.start() >= hi:
            break
        if any(it["evidence"]["start"] < m.end() and m.start() < it["evidence"]["end"] for it in found + out):
            continue
        cut = [x.end() for x in re.finditer(r"[,;:)(]|\band\b|\bwhereas\b|\bwhile\b|\bbut\b", text[lo : m.start()])]
        np_lo = lo + (cut[-1] if cut else 0)
        lead = re.match(r"\s*(?:(?:and|the|of|in|with)\s+)*", text[np_lo : m.start()], re.I)
        np_lo += lead.end() if lead else 0
        np_text = text[np_lo : m.start()].strip()
        if last and np_text and len(np_text) <= 30 and re.fullmatch(r"\s*,?\s*(?:and|or)\s+", text[last[2] : np_lo]) \
                and not re.search(r"[A-Za-z]{3}", np_text):
            # "goals of <6.0 mg/dl (57% vs. 45%) and <5.0 mg/dl (36% vs. 19%)": a further threshold of the same outcome
            values = list(re.finditer(_VAL, m.group("list")))
            out.extend({"kind": last[0], "target": f"{np_text.lower()} (group {i + 1})", "n": None,
                        "evidence": ev(np_lo if i == 0 else m.start("list") + v.start(), m.start("list") + v.end())}
                       for i, v in enumerate(values))
            last = (last[0], last[1], m.end())
            continue
        if not np_text or len(np_text) > 110 or not re.search(r"[A-Za-z]{3}", np_text):
            continue
        if _links_rx("baseline_np").search(np_text):
            continue
        if AE_SENTENCE.search(np_text) or any(e["label"] == "instrument" and np_lo <= e["start"] < m.start() for e in ents):
            continue
        if re.search(r"\b(?:groups?|arms?|users|patients|cohorts?|subjects|controls)$", np_text, re.I) and not re.search(r"\b(?:was|were)\b", np_text):
            continue  # "in the A and B groups (3.2 vs. 3.1 months)": the groups, not what was measured
        if any(it["evidence"]["start"] < m.start() and np_lo < it["evidence"]["end"] for it in found + out):
            continue  # "no significant difference in gestational age (37 vs. 38 weeks)": read already
        gc = GC_NAMED.search(np_text)  # "stopped X (29% vs 50%)": a glucocorticoid kind only when one is named
        kind = next((k for k in ORDER if cues.get(k) is not None and (gc or not k.startswith("glucocorticoid")) and cues[k].search(np_text)), None)
        pronoun = re.match(r"(?:it|this|that|they|these)\b", np_text, re.I)
        if pronoun:  # "it was higher than in the control group (21 vs. 12)": the outcome named before
            prior = [it for it in found if it["evidence"]["end"] <= np_lo]
            if not prior:
                continue
            kind = prior[-1]["kind"]
        if kind is None or kind.startswith("glucocorticoid"):
            rest = re.split(r"(?<!\bvs)(?<!\bal)\.(?=\s|$)", text[m.end() : min(len(text), hi + 200)], maxsplit=1)[0]  # to the sentence's end
            kind = "response" if GOAL.search(np_text) or GOAL_NOUN.search(np_text) and GOAL_PASSIVE.search(rest) else "other"
        name = re.sub(r"\s+", " ", np_text).lower()
        values = list(re.finditer(_VAL, m.group("list")))
        at = m.start("list")
        for i, v in enumerate(values):
            out.append({"kind": kind, "target": f"{name} (group {i + 1})", "n": None,
                        "evidence": ev(np_lo if i == 0 else at + v.start(), at + v.end())})
        last = (kind, name, m.end())
    return out


#: "the relapse rate", "relapse and ESKD rates", "flare-free": the cue names what a rate or a state is of
RATE_OF_CUE = re.compile(r"^(?:\s+(?:and|or)\s+[\w-]+)?(?:\s+|-)(?:rates?|frequenc(?:y|ies)|risks?|incidences?|free)\b", re.I)
#: "exacerbations led to discontinuation": the cue is the cause of what follows
#: "patients fell into 3 groups", "were divided into": a sorting, no change
SORTED_INTO = re.compile(r"^\s+(?:in)?to\s+(?:\w+\s+){0,2}(?:groups?|categories|clusters?|subsets?|classes|types?|patterns?)\b", re.I)
#: "reduced by ILD", "worsened because of the myositis": a change the disease caused (the entity decides)
BY_AGENT = re.compile(r"^\s+(?:by|due\s+to|because\s+of|owing\s+to|secondary\s+to|caused\s+by)\s+(?:the\s+|an?\s+|their\s+)?", re.I)
CAUSE_AFTER = re.compile(r"^\s+(?:led|leading|resulted|resulting)\s+(?:to|in)\b", re.I)
#: "median SHS progression was 0 (0-0)", "mean decrease of 1.2": the cue names a measured value
STATISTIC_BEFORE = re.compile(r"\b(?:mean|median|average)\s+(?:\([\w\s,]+\)\s+)?(?:[\w-]+\s+){0,2}$", re.I)
STATISTIC_AFTER = re.compile(r"^\s+(?:was|were)\s+[-−]?\d", re.I)
#: "insufficient response to ...", "lack of response": a failure that selects or explains, not an outcome
INADEQUATE_BEFORE = re.compile(r"\b(?:insufficient|inadequate|incomplete|poor|lack\s+of)\s+$", re.I)
REASON_FOR = re.compile(r"\b(?:withdrawn|stopped|discontinued|switched|changed|replaced)\s+(?:[\w-]+\s+){0,6}?for\s+(?:[\w-]+\s+){0,2}$", re.I)
#: "C3 was decreased in 14% of the patients": a lab state at presentation, not a change
LAB_STATE_AFTER = re.compile(r"^\s+in\s+\d+(?:[.,]\d+)?\s*%", re.I)
#: "ILD led to decreased functional status": the cue describes a consequence as a state
CONSEQUENCE_BEFORE = re.compile(r"\b(?:led|leading|leads|resulted|resulting|results)\s+(?:to|in)\s+(?:a\s+)?$", re.I)
#: "progression was similar to ...", "relapses were comparable between ...": the cue names what groups share
COMPARED_AFTER = re.compile(r"^\s+(?:(?:and|or)\s+[\w-]+\s+)?(?:was|were)\s+(?:similar|comparable|not\s+(?:significantly\s+)?different)\b", re.I)
#: "was similar to lcSSc patients", "similar to the control group"
SIMILAR_TO_GROUP = re.compile(r"^\s+to\s+(?:that\s+(?:of|in)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:patients|groups?|arms?|cohorts?|controls|subjects|those)\b", re.I)


def _not_an_event(kind: str, before: str, after: str) -> bool:
    """The cue is no event of this study's patients: a relapse that names what a rate compared or changed is of
    (a rate with its value stays), the cause of what follows, or a measured value (annotation rule 11 wants
    events and changes, Scores take values)."""
    rate = kind in ("flare", "worsening") and RATE_OF_CUE.match(after) and not re.match(r"^[^.;]{0,30}?\d+(?:[.,]\d+)?\s*%", after)
    return bool(rate or CAUSE_AFTER.match(after) or COMPARED_AFTER.match(after) or SORTED_INTO.match(after)
                or (STATISTIC_AFTER.match(after) and STATISTIC_BEFORE.search(before)))


LOWERING = re.compile(r"(?:decreas|reduc|fell|drop|lower)", re.I)


def _better_when(name: str) -> str | None:
    """"higher" for measures whose rise is a gain (FVC, eGFR, complement, walking distance), "lower" for
    those whose fall is (pain, CRP, scores of activity or damage); None when the words do not say."""
    if _links_rx("higher_is_better").search(name):
        return "higher"
    if _links_rx("lower_is_better").search(name):
        return "lower"
    return None


#: "BASMI increased in nonusers", "C3 rose at 12 months", "an increase in SDI": a measure that went up
RISE = re.compile(
    r"(?<![\w-])(?P<s>[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3}?)\s+(?:(?:levels?|scores?|values?)\s+)?(?:(?:was|were)\s+)?(?:significantly\s+|markedly\s+|slightly\s+)?(?P<v>increased|rose)\b"
    r"|\b(?P<v2>increases?|rises?)\s+(?:in|of)\s+(?:the\s+)?(?P<o>[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,2}?)(?=\s*(?:[,;.()]|\bat\b|\bin\b|\bwithin\b|\bfrom\b|$))", re.I)


#: the verbs and nouns RISE needs, as a quick test before it
RISE_WORD = re.compile(r"increase|rose|rise", re.I)
RISE_WORDS = ("increase", "rose", "rise")


def _rises(doc: Doc, lo: int, hi: int, found: list[dict]) -> list[dict]:
    """A measure that went up is an improvement when higher is better (FVC, complement) and a worsening
    when lower is (scores of activity or damage, pain); a value change ("increased from 3 to 5") with an
    instrument is a Score, and a rise of risk, incidence or dose is none of these."""
    text = text_of(doc)
    out = []
    if not _holds_any(text[lo:hi], RISE_WORDS) or not RISE_WORD.search(text, lo, hi):
        return out
    for m in RISE.finditer(text, lo, hi):
        s_lo, s_hi = (m.start("s"), m.end("s")) if m.group("s") else (m.start("o"), m.end("o"))
        name = text[s_lo:s_hi]
        if re.search(r"\b(?:risk|incidence|rate|dose|doses|number|proportion|frequency|odds|use|time)\b", name, re.I):
            continue
        if any(it["evidence"]["start"] < m.end() and m.start() < it["evidence"]["end"] for it in found + out):
            continue
        if _scored(doc, m.start(), m.end(), hi):
            continue
        better = _better_when(name)
        if better is None:
            continue
        kind = "improvement" if better == "higher" else "worsening"
        item = {"kind": kind, "target": _expand(doc, name.lower()), "n": None, "evidence": ev(min(s_lo, m.start()), m.end())}
        out.extend(_per_timepoint(text, item, m.end(), hi))  # "BASMI increased at 6 and 12 months": one per time
    return out


#: "No new visual loss was recorded", "no flares associated with vision loss occurred": an event no patient had
NONE_OCCURRED = re.compile(
    r"\b[Nn]o\s+(?P<t>(?:new(?:-onset)?\s+)?[A-Za-z][\w\-]*(?:\s+[\w\-]+){0,6}?)\s+"
    r"(?:occurred|(?:was|were)\s+(?:recorded|observed|seen|reported|documented|noted))\b")
#: 119 operations and interventions were performed": procedures counted as events
PERFORMED = re.compile(
    r"(?<![\w.,])(?P<n>\d+|[A-Z][a-z]+(?:-[a-z]+)?)\s+(?P<t>[a-z][\w\-]*(?:\s+(?:and\s+)?[a-z][\w\-]*){0,4}?)\s+(?:were|was)\s+(?:performed|carried\s+out|undertaken|done)\b")


NO_WORD = re.compile(r"[Nn]o\s")
PERFORMED_VERB = re.compile(r"performed|carried|undertaken|done")


def _absent_events(doc: Doc, lo: int, hi: int, found: list[dict], cues: dict[str, re.Pattern]) -> list[dict]:
    """An event the text says no patient had is that outcome with n 0 (annotation rule 15): a flare or a
    death when its words say so, else other with the event as target; an adverse event named so gives
    nothing (rule 12). Procedures counted as performed are events of kind other."""
    text = text_of(doc)
    out = []
    if not NO_WORD.search(text, lo, hi) and not PERFORMED_VERB.search(text, lo, hi):
        return out  # NONE_OCCURRED needs "no", PERFORMED its verb
    for m in NONE_OCCURRED.finditer(text, lo, hi):
        t_lo, t_hi = m.start("t"), m.end("t")
        if any(it["evidence"]["start"] < m.end() and m.start() < it["evidence"]["end"] for it in found):
            continue
        ents = [e for e in _entities(doc) if t_lo <= e["start"] < t_hi]
        if AE_SENTENCE.search(text[m.start() : m.end()]) or re.search(r"infect|reaction|complication|event", m.group("t"), re.I) or (
                any(e["label"] == "ae" for e in ents) and not any(e["label"] in ("manifestation", "disease") for e in ents)):
            continue
        if re.search(r"\b(?:reactions?|infections?)\b", text[lo : m.start()], re.I) or any(
                e["label"] == "ae" and lo <= e["start"] < m.start() for e in _entities(doc)):
            continue  # listed after adverse events: one more adverse event (rule 12)
        kind = next((k for k in ("death", "flare") if cues.get(k) is not None and cues[k].search(m.group("t"))), "other")
        if kind == "other" and re.search(r"\b(?:episodes?|attacks?)\b", m.group("t"), re.I):
            kind = "flare"  # "no new uveitis episodes": a flare of the disease
        out.append({"kind": kind, "target": _expand(doc, re.sub(r"\s+", " ", m.group("t")).lower()), "n": 0,
                    "evidence": ev(m.start(), m.end())})
    for m in PERFORMED.finditer(text, lo, hi):
        if parse_int(m.group("n")) is None or re.match(r"(?:patients?|subjects?|children|cases)\b", m.group("t")):
            continue
        if any(it["evidence"]["start"] < m.end() and m.start() < it["evidence"]["end"] for it in found + out):
            continue
        out.append({"kind": "other", "target": re.sub(r"\s+", " ", m.group("t")).lower(), "n": None, "evidence": ev(m.start(), m.end())})
    return out


#: "the LLDAS rates at week 12 were 42.9% and 66.7% in the A and B groups": a value per group or time point
LISTED_VALUES = re.compile(rf"^[^.;%]{{0,60}}?\b(?:was|were)\s+{PC_LIST}", re.I)


def _listed_values(text: str, item: dict, b: int, hi: int) -> list[dict]:
    """Percentages listed as what a remission or response rate "was/were", with no "respectively", are one
    outcome each (annotation rule 17); their groups' sizes are not printed, so no n."""
    m = LISTED_VALUES.match(text[b:hi])
    if not m:
        return []
    at = b + m.start("vals")
    base_t = item["target"]
    return [{**item, "target": f"{base_t} ({i + 1})" if base_t else None, "n": None,
             "evidence": ev(item["evidence"]["start"] if i == 0 else at + v.start(), at + v.end())}
            for i, v in enumerate(re.finditer(PC, m.group("vals")))]
