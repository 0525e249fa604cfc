"""``reuma_labs``: patient-level laboratory findings at baseline (annotation rule 9).

A lab mention with a state word close by ("were present in 3 pts", "C4 was
reduced in 4 pts", "positive anti-dsDNA", "low levels of C3/C4") is a finding;
a change under treatment ("decreased at 6 months", "normalized") is an outcome
and is left to ``reuma_outcomes``.
"""



import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from ..counting import count_near
from ..numbers import count_from_percent, parse_int, word_number_pattern
from . import base
from .base import entities, ev, guarded, population_n, register_extensions, sentence_at, text_of
from .manifestations import case_report_counts
from .scores import wrapped_start

#: the noun a test's name may carry before its state: "the RF test was positive", "anti-CCP antibody assay was negative"
TEST_NOUN = r"(?:(?:antibod(?:y|ies)|titres?|titers?|tests?|testing|assays?)\s+){0,2}"
RESULT_AFTER = [
    ("positive", re.compile(r"^\s*(?::\s*(?=positive\s+in\s+\d))?(?:\((?:n\s*=\s*)?\d[^()]{0,20}\)\s*)?" + TEST_NOUN + r"(?:\([A-Za-z0-9-]{1,10}\)\s*)?(?:[≥>]=?\s*\d+(?:\.\d+)?\s+)?(?:\(\+\)|\+|(?:[-\s]|(?<=\s))positive\b(?!\s+(?:for|predictive|correlation|association))|[-\s]positivity\s+(?:was|were)\s+(?:\w+\s+)?(?:present|found|detected|observed|seen)\b|[-\s]positivity\b(?=\s*(?:\(\s*n\s*=|\(\s*\d|in\s+\d))|(?:were|was|are|is)\s+(?:\w+\s+)?(?:positive|present|detected|found|carried\s+by))", re.I)),
    ("negative", re.compile(r"^\s*" + TEST_NOUN + r"(?:(?:were|was|are|is)\s+)?[-‐]?(?:negative|absent|not\s+detected)", re.I)),
    ("low", re.compile(r"^\s*(?:levels?\s+)?(?:(?:was|were|is|are)\s+)(?:\w+\s+)?(?:low|reduced|decreased|consumed)\b(?!\s+(?:at|after|from|by|during|over))", re.I)),
    ("high", re.compile(r"^\s*(?:levels?\s+)?(?:(?:was|were|is|are)\s+)(?:\w+\s+)?(?:high|elevated|raised|increased)\b(?!\s+(?:at|after|from|by|during|over))|^\s*>\s*\d", re.I)),
    ("normal", re.compile(r"^\s*(?:levels?\s+)?(?:(?:was|were|is|are)\s+)(?:within\s+)?normal\b", re.I)),
    ("low", re.compile(r"^\s*(?:\([A-Za-z0-9-]{1,10}\)\s*)?(?:of\s+)?(?:below|under|less\s+than|<)\s*\d", re.I)),
    ("high", re.compile(r"^\s*(?:\([A-Za-z0-9-]{1,10}\)\s*)?(?:of\s+)?(?:above|over|greater\s+than|exceeding)\s*\d", re.I)),
]
RESULT_BEFORE = [
    ("positive", re.compile(r"\b(?:(?:sero)?positive|(?:sero)?positivity\s+(?:for|of)|presence\s+of)\s+(?:for\s+)?(?:both\s+)?$", re.I)),
    ("negative", re.compile(r"\b(?:(?:sero)?negative|absence\s+of)\s+(?:for\s+)?(?:both\s+)?$", re.I)),
    ("low", re.compile(r"\b(?:low|reduced|decreased|hypo\w*)\s+(?:levels?\s+of\s+|serum\s+)?$", re.I)),
    ("high", re.compile(r"\b(?:high|elevated|raised|increased)\s+(?:levels?\s+of\s+|serum\s+)?$", re.I)),
    ("normal", re.compile(r"\bnormal\s+(?:levels?\s+of\s+)?$", re.I)),
]
UNITS = r"(?:m?g\s*(?:/|\s+per\s+)1\.73\s*m(?:2|²)(?:\s+(?:of\s+)?body\s+surface(?:\s+area)?)?|m[lL]/min(?:/1\.73\s*m(?:2|²)?)?|mg/dL|mg/dl|mg/L|mg/l|g/dL|g/L|ng/mL|ng/ml|µg/mL|U/L|IU/L|IU/mL|U/mL|mm/h|mm/hr|µmol/L|umol/L|mmol/L|mEq/L|/mm3|/µL|×\s*10\^?9/L|x\s*10\^?9/L|mg/24\s*h|g/24\s*h|mg/g|g/g|g/day|mg/day|g/d|mg/d|cells/µL|cells/mm3|%)"
#: a measured value right after the test's name: "serum urate was 8.9 mg/dL", "ferritin 4,850 ng/mL"
VALUE_AFTER = re.compile(
    rf"^\s*(?:levels?|concentrations?|titres?|titers?|count)?\s*(?:\([^()]{{1,12}}\)\s*)?"
    rf"(?:(?:at|before)\s+(?:baseline|diagnosis|presentation|inclusion|enrol?ment|entry|treatment)\s+)?(?:was|were|of|:|=|,)?\s*"
    rf"(?P<v>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*(?:(?:±|\+/-)\s*[\d.]+\s*)?(?:\([^()]*\)\s*)?(?P<unit>{UNITS})", re.I)
#: a second group's value right after the first: "... 8.9 mg/dL vs. 8.7 mg/dL", "... (SD 1.8) mg/dL versus 8.7 (SD 1.6)"
VERSUS_VALUE = re.compile(
    rf"\s*(?:vs\.?|versus)\s+(?P<v>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*(?:(?:±|\+/-)\s*[\d.]+\s*)?"
    rf"(?:\((?:SD|IQR|range)?[^()]*\)\s*)?(?P<unit>{UNITS})?", re.I)
#: a sentence that names a lab as a predictor, a grouping variable or part of a definition (annotation
#: rule 18): without a count of patients it gives no finding ("CRP > 5.8 mg/L (HR 3.7)", "presence of
#: ACPA was not predictive", "remission (... serum albumin > 35 g/L)", "characterised by positivity for")
NOT_A_FINDING = re.compile(
    r"\b(?:predict\w*|risk\s+factors?|prognostic|associated\s+with|regression|odds\s+ratio|hazard\s+ratio|"
    r"(?:OR|HR|RR|aOR|aHR)\s*[=:]?\s*\d|(?:poor|worse|better|good)\s+(?:prognosis|outcomes?|survival)|defined\s+as|definition|criteri(?:on|a)|remission|characteri[sz]ed\s+by|"
    r"based\s+on\s+the\s+presence|divided\s+into|stratified|classified\s+(?:as|into|according)|according\s+to\s+(?:their|the)\s+\w+\s+status|factors?\s+including|"
    r"\b(?:higher|lower|greater|more|less|fewer|worse|better)\b[^.;]{0,80}\bthan\b|\bcompared\s+(?:with|to)\b|"
    # rule 18: a predictor ("patients with elevated CRP had a higher risk of relapse"); rule 1: an inclusion criterion
    r"\b(?:higher|lower|increased|decreased|greater|reduced)\s+(?:\w+\s+)?risk\b|\b(?:more|less)\s+likely\b|"
    r"\b(?:included|enrolled|recruited|eligible|eligibility)\b)", re.I)
#: the joint between two labs that share one state word: "increased CRP and gamma globulins levels"
COORDINATED = re.compile(r"^\s*(?:\((?:n\s*=\s*)?\d[^()]*\)\s*)?(?:antibodies\s+|levels?\s+|titres?\s+|titers?\s+)?(?:,\s*(?:and\s+|or\s+|and/or\s+)?|and\s+|or\s+|and/or\s+)"
                         r"(?:as\s+well\s+as\s+)?$", re.I)
#: an elliptic list of shares or counts: "tested positive for ANA, 45.2% for anti-Scl-70 and 43.6% for ACA",
#: "40 (66.7%) were positive for anti-dsDNA and 12 (20%) for anti-Sm"
ELLIPTIC_SHARE = re.compile(r"^\s*(?:,\s*|and\s+|,\s*and\s+)?(?:\d+(?:\.\d+)?\s*%|\d+\s*(?:\([^()]{1,20}\)\s*)?)\s+(?:for|with)\s+$", re.I)
ELLIPTIC_N = re.compile(r"(?P<pc>\d+(?:\.\d+)?)\s*%|(?P<n>\d+)")
#: a hedged quantifier gives no count: "almost all patients (95.7%)"
HEDGED = re.compile(r"\b(?:almost|nearly|virtually|practically)\s+all\b", re.I)
#: the baseline value of a change: "CK fell from a median of 2,340 U/L (IQR ...) to 410 U/L", "from 1.9 to 0.3 g/day"
CHANGE_FROM = re.compile(
    rf"^\s*(?:\([A-Za-z0-9-]{{1,10}}\)\s*)?(?:levels?\s+)?(?:fell|dropped|decreased|declined|increased|rose|improved|"
    rf"(?:was|were)\s+reduced)\s+(?:significantly\s+)?from\s+(?:a\s+)?(?:(?:median|mean)\s+(?:of\s+)?)?"
    rf"(?P<v>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*(?:(?:±|\+/-)\s*[\d.]+\s*)?(?P<unit>{UNITS})?\s*(?:\([^()]*\)\s*)?"
    rf"to\s+(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*(?P<unit2>{UNITS})?", re.I)
#: a cut-off right after the name ("eGFR below 60", "CRP > 5 mg/L"): a finding only where patients are counted
THRESHOLD = re.compile(r"^\s*(?:\([A-Za-z0-9-]{1,10}\)\s*)?(?:of\s+)?(?:below|under|less\s+than|above|over|greater\s+than|exceeding|[<>≤≥])\s*\d", re.I)
CUT_OFF = re.compile(rf"^\s*(?:\([A-Za-z0-9-]{{1,10}}\)\s*)?(?:of\s+)?(?P<cut>(?:below|under|less\s+than|above|over|greater\s+than|"
                     rf"exceeding|[<>≤≥])\s*\d+(?:\.\d+)?(?:\s*{UNITS})?)", re.I)
#: a name that states its own result: "hypocomplementaemia", "hypergammaglobulinaemia", "nephrotic-range proteinuria"
IMPLIED = [("low", re.compile(r"^(?:hypo|(?:low|reduced|decreased|consumed)\b)", re.I)),
           ("high", re.compile(r"^(?:hyper|nephrotic|(?:high|elevated|raised|increased)\b)", re.I)),
           ("positive", re.compile(r"^.*[-\s](?:sero)?positiv(?:e|ity)$", re.I)), ("negative", re.compile(r"^.*[-\s]negativ(?:e|ity)$", re.I))]
#: a share printed right before the finding: "56% anti-Jo1 positive"
PERCENT_BEFORE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.(\d+))?)\s*%\s*[\])]?\s+(?:of\s+(?:the\s+)?(?:patients|cases|subjects)\s+)?(?:(?:were|was|had|tested)\s+)?$", re.I)
#: an antibody the counted patients had: "twelve patients had anti-Ro antibodies", "9 carried HLA-B27" (a finding
#: only with a count: "patients who had anti-Ro" alone describes a group)
POSSESSED = re.compile(r"\b(?:had|has|have|carried|carrying|harbou?r(?:ed|ing)?|showed|displayed|exhibited)\s+"
                       r"(?:(?:detectable|circulating|serum|positive)\s+)?$", re.I)
#: a share of the cohort stated after a finding: "[anti-CCP positive] patients was 67%", "[seropositivity for X] was 66.7%"
#: (only the cohort's share: no group, no comparison after the number)
SHARE_STATED = re.compile(r"\s*(?:antibod(?:y|ies)\s+)?(?:(?:patients|pts|subjects|cases)\s+)?(?:rate\s+)?(?:was|were|of|:)\s*"
                          r"(?P<pc>\d{1,3}(?:[.,]\d+)?)\s*%(?!\s*(?:vs\.?|versus|and|in|among|for|of\s+(?!(?:the\s+)?(?:patients|cohort))|,\s*\d))", re.I)
#: the share's head before the finding: "the proportion of", "the prevalence of"
SHARE_OF = re.compile(r"\b(?:the\s+)?(?:proportion|percentage|prevalence|frequency|rate)\s+of\s+(?:patients\s+with\s+)?$", re.I)
#: a count in the bracket right after the finding: "proteinuria (21 of 96 [21.9%])", "(12/40)"
PAREN_COUNT = re.compile(r"^\s*\(\s*(\d{1,5})\s*(?:of|/)\s*\d{1,5}\b")
#: the comparison group's count right after the first group's: "(21 of 96 [21.9%] vs 1 of 38 [2.6%])"
VERSUS_COUNT = re.compile(r"^\s*(?:\[[^\[\]]*\]\s*)?(?P<ev>(?:vs\.?|versus)\s+(?P<n>\d{1,5})\s*(?:of|/)\s*\d{1,5}(?:\s*\[[^\[\]]*\])?)")
#: an elliptic list of antibodies that share the prefix "anti-": "anti-Sm, -RNP and -Scl-70 antibodies"
ELLIPTIC_ANTI = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+|\s*,?\s*as\s+well\s+as\s+)"
                          r"(?P<m>[-‐](?P<t>[A-Za-z0-9][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*)(?:\s+(?P<ab>antibod(?:y|ies)))?)(?![\w-])")
#: an antibody list that elaborates antibodies the patients carried: "had more often other antibodies (68%),
#: including anti-Sm, ..."; a list of what was tested ("antibodies were measured, including ...") is not one
CARRIED_INCLUDING = re.compile(
    r"\b(?:carr(?:y|ied|ying)|harbou?r(?:ed|ing|s)?|had|having|showed|presented|(?:sero)?positiv\w*|detected|presence\s+of)\s+"
    r"(?:[\w‘’'\-]+\s+){0,4}?[‘'\"]?(?:other\s+|specific\s+)?(?:auto)?antibod(?:y|ies)[’'\"]?\s*(?:\([^()]{0,40}\))?\s*,?\s*"
    r"\b(?:including|such\s+as|namely|mainly|especially|particularly)\s*:?\s*$", re.I)
#: a count or share right after a list item, the state word optional: "ANA 58 (96.7%),", "anti-dsDNA positivity: 40/60",
#: "anti-Sm 20%;" (a bare share only where the list goes on or ends, not "20% lower")
TABLE_COUNT = re.compile(
    r"^(?P<state>\s*(?:antibod(?:y|ies)\s*)?(?:[-\s]?(?:positiv(?:e|ity)|\+))?)\s*[:,]?\s*"
    r"(?:(?P<n>\d{1,5})\s*(?:\(\s*\d{1,3}(?:[.,]\d+)?\s*%\s*\)|\[\s*\d{1,3}(?:[.,]\d+)?\s*%\s*\]|/\s*\d{1,5}\b(?![.,]\d))"
    r"|(?P<pc>\d{1,3}(?:[.,]\d+)?)\s*%(?=\s*(?:[,;.]|and\b|$)))", re.I)
#: a count or share of patients in the bracket right after an antibody: "ANA (92%)", "anti-Ro (n = 18)", "HLA-B27 (31/40)"
SHARE_BRACKET = re.compile(r"^\s*\(\s*(?:n\s*=\s*)?\d+(?:[.,]\d+)?\s*(?:%|/\s*\d+(?:\s*,\s*\d+(?:[.,]\d+)?\s*%)?|,\s*\d+(?:[.,]\d+)?\s*%)?\s*\)")
#: an antibody used as the patients' attribute: "148 anti-Jo1 patients", "PR3-ANCA positive patients"
AS_ATTRIBUTE = re.compile(r"^\s*(?:antibod(?:y|ies)\s+)?(?:[-‐]?positive\s+)?(?:patients|pts|subjects|cases)\b", re.I)
#: a count after a state verb a little after the name: "CRP (>5 mg/L) was found in 20", "proteinuria > 0.5 g/day was present in 18"
#: (the count in digits or words: "An eGFR <60 ml/min/1.73 m2 was found in three patients")
@functools.lru_cache(maxsize=1)
def _count_after_verb() -> re.Pattern:
    return re.compile(
        r"(?:(?!\band\b)[^;(),]|\([^()]*\)){0,40}?\b(?:was|were)\s+(?:\w+\s+)?(?:found|present|observed|seen|detected|noted|documented)"
        rf"\s+in\s+(?P<n>\d+\b(?![.,]\d)|(?:{word_number_pattern()})(?![^\W\d_]))(?!\s*(?:%|mg|g\b|months?|years?|weeks?|days?|cases?\s+of))", re.I)
#: a marker compared as more or less common in a group: "HLA-B51 were also significantly more common in BD"
MORE_COMMON_AFTER = re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:was|were|is|are)\s+(?:(?:also|significantly|much|far|slightly)\s+){0,2}"
                               r"(?:more|less)\s+(?:common|frequent|prevalent|often\s+(?:present|found|detected))\b", re.I)
#: the counted subject of a state written before the name: "52 (26%) were positive for", "12 patients tested negative for"
COUNT_SUBJECT = re.compile(r"(?:^|[,;:]\s*|\band\s+|\bof\s+(?:these|them|whom)\s*,?\s*)(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*(?:\([^()]{1,20}\)\s*)?"
                           r"(?:(?:patients|pts|subjects|cases)\s+)?(?:were|was|tested|had|(?:presented\s+|were\s+found\s+)?with|showed|for)\s+$", re.I)
COUNT_BEFORE = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+$")
CHANGE = re.compile(r"\b(?:normali[sz]ed|decreased\s+(?:at|after|from|by|during)|increased\s+(?:at|after|from|by|during)|improv|reduction\s+in|became)\b", re.I)


@Language.factory(
    "reuma_labs",
    requires=["token.is_sent_start", "doc._.reuma_sections", "doc._.reuma_entities", "doc._.reuma_population", "doc._.reuma_study"],
    assigns=["doc._.reuma_labs"],
)
def make_labs(nlp: Language, name: str) -> "LabsComponent":
    base.check_requires(nlp, "reuma_labs", name)
    return LabsComponent()


class LabsComponent:
    def __init__(self) -> None:
        register_extensions()
        # the two long patterns built on demand are compiled when the pipe is made, not by the first text that
        # asks (tens of milliseconds: a one-off cost that fell inside the first abstracts' time)
        _count_after_verb()
        _glued_rx()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        pop_n = population_n(doc)
        out: list[dict] = []
        seen: set[str] = set()
        by_name: dict[str, dict] = {}  # name or lexicon key -> the finding recorded under it
        last_result: tuple[str, int] | None = None
        prev: tuple[str, int, int, int] | None = None  # result, sentence, end, evidence start of the last finding
        ents = _with_elliptic(text, _with_glued(text, list(entities(doc, "lab"))))
        for i, e in enumerate(ents):
            sent = sentence_at(doc, e["start"])
            if sent is None or sent.section in ("background", "conclusions"):
                continue
            s0 = wrapped_start(text, sent.start)  # a hard-wrapped line is no sentence of its own
            before = text[s0 : e["start"]][-40:]
            after = text[e["end"] : sent.end]
            result, span = None, None
            threshold = False
            for res, rx in RESULT_AFTER:
                m = rx.match(after)
                if m:
                    result, span = res, (e["start"], e["end"] + m.end())
                    threshold = bool(THRESHOLD.match(after)) and not re.search(r"\b(?:was|were|is|are)\b", m.group())
                    break
            if result == "positive" and not re.search(r"positiv|\+", text[e["end"] : span[1]], re.I):
                implied = next((res for res, rx in IMPLIED if rx.match(text[e["start"] : e["end"]])), None)
                if implied:
                    result = implied  # "hyperferritinemia was present in 35": the name states the result
                for res, rx in RESULT_BEFORE:  # "low C3 was found in 20": the state word before the name decides
                    m = rx.search(before)
                    if m and res != "positive":
                        result, span = res, (e["start"] - (len(before) - m.start()), span[1])
                        break
                if result == "positive" and prev is not None and prev[1] == sent.start and prev[0] in ("low", "high", "normal") \
                        and COORDINATED.match(text[prev[2] : e["start"]]):
                    result, span = prev[0], (prev[3], span[1])  # "Increased CRP and ESR were found in 20": one state for both
            if result is None:
                for res, rx in RESULT_BEFORE:
                    m = rx.search(before)
                    if m:
                        result, span = res, (e["start"] - (len(before) - m.start()), e["end"])
                        break
            c0, c1 = _chain(text, ents, i, sent.end)
            if result is None and c1 > i and not re.search(r"positiv|negativ", text[e["start"] : e["end"]], re.I):  # "anti-Ro and anti-La antibodies were detected": the state after the list
                for res, rx in RESULT_AFTER:
                    if rx.match(text[ents[c1]["end"] : sent.end]):
                        result, span = res, (e["start"], e["end"])
                        break
                if result == "positive":  # "hypocomplementaemia (n = 30) and anti-dsDNA positivity (n = 40)": the name states its own
                    result = next((res for res, rx in IMPLIED if rx.match(text[e["start"] : e["end"]])), result)
            if result is None and _kind(e.get("key")) in ("autoantibody", "genetic") and SHARE_BRACKET.match(after) \
                    and sent.section == "results":
                result, span = "positive", (e["start"], e["end"])  # "serology showed ANA (92%), anti-dsDNA (60%)"
            table_hit = elliptic_hit = None
            elliptic_gap = False
            if result is None and sent.section in ("results", None) and TABLE_COUNT.match(after) and (
                    _kind(e.get("key")) in ("autoantibody", "genetic")
                    or any(rx.match(text[e["start"] : e["end"]]) for _, rx in IMPLIED)):
                # a table-like list, each item followed by its count or share: "ANA 58 (96.7%), anti-dsDNA 40 (66.7%)",
                # "anti-dsDNA positivity: 40/60", "hypocomplementaemia 30 (50%)"; "ANA 96.7%, anti-Sm 20%"
                result = next((res for res, rx in IMPLIED if rx.match(text[e["start"] : e["end"]])), "positive")
                tm = TABLE_COUNT.match(after)
                span = (e["start"], e["end"] + tm.end("state"))
                k = int(tm.group("n")) if tm.group("n") else (
                    count_from_percent(float(tm.group("pc").replace(",", ".")), pop_n, len(re.split(r"[.,]", tm.group("pc") + ".")[1]))
                    if pop_n else None)
                table_hit = (k, e["start"], e["end"] + tm.end()) if k is not None else None
            attribute = bool(AS_ATTRIBUTE.match(after))
            if result is None and (attribute or CARRIED_INCLUDING.search(text[s0 : e["start"]])):
                result, span = "positive", (e["start"], e["end"])  # "148 anti-Jo1 patients", "carried ..., including anti-Ku"
            if result is None and _kind(e.get("key")) in ("autoantibody", "genetic") and MORE_COMMON_AFTER.match(after):
                result, span = "positive", (e["start"], e["end"])  # "HLA-B51 was more frequent in BD": carried by some
            possessed = False
            if result is None and _kind(e.get("key")) in ("autoantibody", "genetic") and (pm := POSSESSED.search(before)):
                result, span, possessed = "positive", (e["start"] - (len(before) - pm.start()), e["end"]), True  # "12 patients had anti-Ro"
            if result is None and prev is not None and prev[1] == sent.start \
                    and (COORDINATED.match(text[prev[2] : e["start"]]) or ELLIPTIC_SHARE.match(text[prev[2] : e["start"]])):
                result, span = prev[0], (prev[3], e["end"])  # "increased CRP and gamma globulins levels"
                if (es := ELLIPTIC_SHARE.match(text[prev[2] : e["start"]])) and (em := ELLIPTIC_N.search(es.group())):
                    # "... and 12 (20%) for anti-Sm", "45% for anti-Scl-70": the gapped member's own count or share
                    at = prev[2] + em.start()
                    k = int(em.group("n")) if em.group("n") else (count_from_percent(
                        float(em.group("pc")), pop_n, len((em.group("pc") + ".").split(".")[1])) if pop_n else None)
                    span = (at, e["end"])
                    elliptic_hit = (k, at, e["end"]) if k is not None else None
                    elliptic_gap = True
            if result is None and last_result is not None and last_result[1] == sent.start \
                    and re.match(r"\s*" + TEST_NOUN + r"(?:\([A-Za-z0-9-]{1,10}\)\s*)?in\s+\d", after):
                result, span = last_result[0], (e["start"], e["end"])  # "... positive in 5 and anti-TIF1γ in 3"
            if result is None and _kind(e.get("key")) == "renal" and sent.section in ("results", None) \
                    and re.match(r"\s*[(\[]\s*n\s*=\s*\d+\s*[)\]]", after):
                result, span = "positive", (e["start"], e["end"])  # "proteinuria (n = 4) and hematuria (n = 2)": the name is the finding
            if result is None:
                implied = next((res for res, rx in IMPLIED if rx.match(text[e["start"] : e["end"]])), None)
                if implied and (count_near(text, e["start"], e["end"], sent.start, sent.end, pop_n)
                                or PAREN_COUNT.match(after)):
                    result, span = implied, (e["start"], e["end"])  # "nephrotic-range proteinuria (21 of 96)"
            if result is None and c1 > c0 and (rv := _respective_values(text, ents[c1]["end"], sent.end, c1 - c0 + 1)) is not None:
                v, unit, v0, v1 = rv[i - c0] if rv else (None, None, 0, 0)  # "Median ESR and CRP were 40 mm/h and 12 mg/L, respectively"
                name = _as_named(text[e["start"] : e["end"]])
                if unit and "value:" + name.lower() not in seen:
                    seen.add("value:" + name.lower())
                    out.append({"name": name, "result": "value", "value": v, "unit": unit, "n": None,
                                "evidence": ev(v0, v1)})  # the name and its value stand apart: the value's span
                continue
            if result is None:
                m = CHANGE_FROM.match(after)
                if m and (m.group("unit") or m.group("unit2")):
                    _add_value(out, seen, text, sent, e, m, m.group("unit") or m.group("unit2"))
                    continue
            if result is None:
                m = VALUE_AFTER.match(after)
                if m and m.group("unit") == "%" and pop_n and (
                        re.search(r"positiv", text[e["start"] : e["end"]] + after[: m.start("v")], re.I)
                        or _kind(e.get("key")) in ("autoantibody", "genetic")):
                    k = count_from_percent(float(m.group("v")), pop_n, len(m.group("v").partition(".")[2]))
                    if k is not None and name_new(e, seen, text):  # "ANA positivity was 92%": a share of the cohort
                        item = {"name": _as_named(text[e["start"] : e["end"]]), "result": "positive", "value": None, "unit": None,
                                "n": k, "evidence": ev(e["start"], e["end"] + m.end())}
                        out.append(item)
                        seen.add(item["name"].lower())
                        by_name[item["name"].lower()] = item
                    continue
                if m and m.group("unit") == "%" and re.match(r"\s*(?:\([^()]*\)\s*)?,", after):
                    m = None  # "ANA, 45%": a share of patients in a list, not a measured value
                if m and not CHANGE.search(text[sent.start : e["start"]][-30:] + after[: m.end() + 25]) \
                        and not re.search(r"\bfrom\s*$|\bto\s*$", after[: m.start("v")]):
                    value = float(m.group("v").replace(",", ""))
                    start = _collection_start(text, e)
                    lead = re.search(r"\b(?:mean|median|average)\s+(?:\w+\s+)?$", text[sent.start : start], re.I)
                    if lead:
                        start = sent.start + lead.start()
                    name = _as_named(text[_collection_start(text, e) : e["end"]])
                    if "value:" + name.lower() not in seen:
                        seen.add("value:" + name.lower())
                        out.append({"name": name, "result": "value", "value": value, "unit": m.group("unit"), "n": None,
                                    "evidence": ev(start, e["end"] + m.end())})
                        vs = VERSUS_VALUE.match(text, e["end"] + m.end(), sent.end)
                        if vs:  # "8.9 (SD 1.8) mg/dL vs. 8.7 (SD 1.6) mg/dL": the comparison group's value
                            out.append({**out[-1], "value": float(vs.group("v").replace(",", "")),
                                        "unit": vs.group("unit") or m.group("unit"), "evidence": ev(vs.start("v"), vs.end())})
                continue
            if CHANGE.search(after[:40]):
                continue
            last_result = (result, sent.start)
            before_span = span[0] if span[0] < e["start"] else e["start"]
            prev = (result, sent.start, span[1], before_span)
            name = e.get("name") or _as_named(text[e["start"] : e["end"]])
            cut = CUT_OFF.match(after) if threshold else None
            if cut:
                name = name + " " + re.sub(r"\s+", " ", cut.group("cut"))  # "eGFR <60 ml/min/1.73 m2": the cut-off names the group
            cs = COUNT_SUBJECT.search(text[s0 : span[0]])
            if cs and re.search(r"(?<![\w.])\d+\s*(?:\([^()]*\)\s*)?(?:,\s*|\s+)(?:and\s+)?$", text[s0 : s0 + cs.start("n")]):
                cs = None  # "8 and 4 patients had low C3/C4": a list of counts, not one subject
            # "35 (58%) were RF positive and 40 (67%) were ACPA positive": the count that is the subject of the
            # state right before the name is its count, before any count nearer in the clause
            hit = elliptic_hit if elliptic_gap else (int(cs.group("n").replace(",", "")), s0 + cs.start("n"), span[1]) if cs \
                else count_near(text, span[0], span[1], s0, sent.end, pop_n)
            if c1 > c0 and (rm := RESPECTIVE_COUNTS.search(text, ents[c1]["end"], sent.end)):
                nums = re.findall(r"(?<![\d(.,])\d+(?![\d.,%])", re.sub(r"\([^()]*\)", " ", rm.group("list")))
                if len(nums) == c1 - c0 + 1:  # "A and B were found in 30 and 18 patients, respectively"
                    hit = (int(nums[i - c0]), e["start"], e["end"])
            if hit and re.match(r"[A-Za-z]", text[hit[2] : hit[2] + 1]) and re.search(r"\d$", text[hit[1] : hit[2]]):
                hit = None  # "volume in 1s": a number glued to a unit is no count of patients
            if hit and re.match(r"\d", text[hit[1] : hit[1] + 1]) and re.match(r"[\w\-–‐]", text[hit[1] - 1 : hit[1]]):
                hit = None  # "anti-Jo-1 patients": the number is part of a name
            if hit and re.search(r"[<>≤≥]\s*$", text[max(s0, hit[1] - 12) : hit[1]]) and re.match(r"\d", text[hit[1] : hit[1] + 1]):
                hit = None  # "index ≥ 9 and IgG4+ cells": a cut-off is no count of patients
            if not hit and table_hit:
                hit = table_hit
            if not hit and span[1] > e["end"] and (pc := re.match(r"\s*\(\s*n\s*=\s*(\d+)\s*\)", text[e["end"] : span[1]])):
                hit = (int(pc.group(1)), span[0], span[1])  # "anti-RNA polymerase III (n = 5) antibodies were detected"
            if not hit and re.search(r"\bby$", text[span[0] : span[1]]) and \
                    (cb := re.match(r"\s*(\d+)\b(?![.,]\d)(?!\s*%)", text[span[1] : sent.end])):
                hit = (int(cb.group(1)), span[0], span[1] + cb.end())  # "HLA-B27 was carried by 30 patients"
            if not hit and (ca := _count_after_verb().match(text, span[1], sent.end)) \
                    and (k := parse_int(ca.group("n"))) is not None:
                hit = (k, span[0], ca.end())  # "Elevated CRP (>5 mg/L) was found in 20 patients"
            if not hit and attribute and (cb := COUNT_BEFORE.search(text[s0 : e["start"]])):
                hit = (int(cb.group("n").replace(",", "")), s0 + cb.start(), e["end"] + AS_ATTRIBUTE.match(after).end())
            if name.lower() in seen or e.get("key") in seen:
                _count_on_repeat(by_name.get(name.lower()) or by_name.get(e.get("key")), hit, pop_n, text, sent, span)
                continue
            if hit and HEDGED.search(text[max(sent.start, hit[1] - 20) : hit[2]]):
                hit = None
            elif not hit:
                hit = _percent_before(text, span[0], s0, pop_n)
                m = PAREN_COUNT.match(text[span[1] : sent.end])
                if not hit and m:
                    hit = (int(m.group(1)), span[0], span[1] + m.end())
                if not hit and pop_n and (sm := SHARE_STATED.match(text, span[1], sent.end)) and (
                        result in ("positive", "negative") or SHARE_OF.search(text[s0 : span[0]])):
                    k = count_from_percent(float(sm.group("pc").replace(",", ".")), pop_n, len(re.split(r"[.,]", sm.group("pc") + ".")[1]))
                    lead = SHARE_OF.search(text[s0 : span[0]])
                    if k is not None:  # "the proportion of anti-CCP positive patients was 67%": a share of the cohort
                        hit = (k, s0 + lead.start() if lead else span[0], sm.end())
            n = hit[0] if hit else None
            if n is None and (threshold or possessed or NOT_A_FINDING.search(sent.text)):
                continue  # an uncounted threshold is a target or a definition ("sUA <6 mg/dL"), not a finding
            if hit:
                span = (min(span[0], hit[1]), max(span[1], hit[2]))
            span = (span[0], span[0] + len(text[span[0] : span[1]].rstrip(" .,;")))
            out.append({"name": name, "result": result, "value": None, "unit": None,
                        "n": n if n is None or pop_n is None or n <= pop_n else None, "evidence": ev(*span)})
            item = out[-1]
            if hit:
                _second_group(out, text, span[1], sent.end, pop_n)  # "(21 of 96 [21.9%] vs 1 of 38 [2.6%])"
            seen.add(name.lower())
            by_name[name.lower()] = item
            if e.get("key"):
                seen.add(e["key"])  # "ACA-positive" later repeats "anticentromere antibodies"
                by_name[e["key"]] = item
        case_report_counts(doc, [it for it in out if it["result"] != "value"])
        base.write_group(doc, "reuma_labs", [it for it in out if not _selects_cohort(doc, it, pop_n)])
        return doc


def _selects_cohort(doc: Doc, it: dict, pop_n: int | None) -> bool:
    """A finding every patient has, named inside the phrase that counts the cohort ("75 anti-Jo1 patients were
    reviewed", "90 anti-MDA5 positive patients were included"): what selected the cohort, no finding (annotation
    rule 1, corpus/real/CONVENTIONS.md convention 3). A subset the text counts stays."""
    pev = (base.population(doc).get("n") or {}).get("evidence") or {}
    ev_ = it["evidence"]
    return (pop_n is not None and it["n"] == pop_n and it["result"] == "positive" and pev.get("start") is not None
            and ev_["start"] < pev["end"] and pev["start"] < ev_["end"])


@functools.lru_cache(maxsize=256)
def _kind(key: str | None) -> str:
    """The lexicon's kind of a lab ("autoantibody", "complement", ...), "" when unknown."""
    return vocab.entries("labs").get(key or "", {}).get("kind", "")


def name_new(e: dict, seen: set[str], text: str) -> bool:
    """Whether no finding has been recorded under this mention's name or lexicon key yet."""
    return _as_named(text[e["start"] : e["end"]]).lower() not in seen and (e.get("key") or "") not in seen


@functools.lru_cache(maxsize=1)
def _glued_rx() -> re.Pattern:
    """The lexicon's short forms with a state glued on by a hyphen ("PR3-positive", "ANCA-negative")."""
    shorts = {(a, k) for k, e in vocab.entries("labs").items() for a in e.get("abbreviations", [])
              if a not in e.get("ambiguous_abbreviations", []) and len(a) >= 2}
    alts = "|".join(re.escape(a) for a, _ in sorted(shorts, key=lambda x: -len(x[0])))
    return re.compile(rf"(?<![\w\-])(?P<a>{alts})(?=[-‐](?:positive|negative|positivity|negativity)\b)")


@functools.lru_cache(maxsize=1)
def _lab_keys_by_abbreviation() -> dict[str, str]:
    """Each short form in the lab lexicon → its entry's key (the last entry listing it wins); built once."""
    return {a: k for k, e in vocab.entries("labs").items() for a in e.get("abbreviations", [])}


def _names_glued_state(text: str) -> bool:
    """Whether the text writes a state glued on by a hyphen: ``_glued_rx``'s lookahead (case-sensitive) needs
    one of these four strings right after the short form, so a text without them has no match."""
    return any(s in text for s in ("-positiv", "-negativ", "‐positiv", "‐negativ"))


def _with_glued(text: str, ents: list[dict]) -> list[dict]:
    """Lab mentions plus short forms written with a hyphen-glued state that the entity matcher leaves out.
    The short-form pattern is long; a text naming no hyphen-glued state is not scanned with it."""
    keys = _lab_keys_by_abbreviation()
    extra = [{"label": "lab", "key": keys.get(m.group("a")), "start": m.start(), "end": m.end()}
             for m in (_glued_rx().finditer(text) if _names_glued_state(text) else ())
             if not any(o["start"] < m.end() and m.start() < o["end"] for o in ents)]
    return sorted(ents + extra, key=lambda x: x["start"])


#: the joint between two labs named in one list
JOINT = re.compile(r"\s*(?:\((?:n\s*=\s*)?\d[^()]{0,20}\)\s*)?(?:antibodies\s+)?(?:,\s*(?:and\s+|or\s+|and/or\s+)?|and\s+|or\s+|and/or\s+)")
#: counts that a "respectively" hands out in the order the labs were named
RESPECTIVE_COUNTS = re.compile(
    r"\bin\s+(?P<list>\d+(?:\s*\([^()]*\))?(?:\s*,\s*\d+(?:\s*\([^()]*\))?)*\s*,?\s*and\s+\d+(?:\s*\([^()]*\))?)"
    r"\s*(?:patients|pts|subjects|cases)?(?:\s*,?\s*respectively\b)?", re.I)


def _chain(text: str, ents: list[dict], i: int, sent_end: int) -> tuple[int, int]:
    """The first and last index of the list of labs that mention ``i`` belongs to ("A, B and C")."""
    c0 = c1 = i
    while c0 > 0 and JOINT.fullmatch(text[ents[c0 - 1]["end"] : ents[c0]["start"]]):
        c0 -= 1
    while c1 + 1 < len(ents) and ents[c1 + 1]["end"] <= sent_end and JOINT.fullmatch(text[ents[c1]["end"] : ents[c1 + 1]["start"]]):
        c1 += 1
    return c0, c1


def _with_elliptic(text: str, ents: list[dict]) -> list[dict]:
    """The lab mentions plus the members of elliptic "anti-" lists ("anti-Sm, -RNP and -Scl-70 antibodies"),
    each named with the prefix restored ("anti-RNP"), in text order."""
    extra: list[dict] = []
    for e in ents:
        if not re.match(r"anti[-‐]", text[e["start"] : e["end"]], re.I):
            continue
        pos = e["end"]
        while (m := ELLIPTIC_ANTI.match(text, pos)) and re.match(r"[A-Za-z]", m.group("t")):
            if any(o["start"] < m.end("m") and m.start("m") < o["end"] for o in ents + extra):
                break
            extra.append({"label": "lab", "key": None, "start": m.start("m"), "end": m.end("m"), "name": "anti-" + m.group("t")})
            pos = m.end()
    return sorted(ents + extra, key=lambda x: x["start"])


_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_VALUE_ITEM = rf"(?:{_NUM})\s*(?:(?:±|\+/-)\s*[\d.]+\s*)?(?:\([^()]*\)\s*)?(?:{UNITS})?(?:\s*\([^()]*\))?"
#: values that a "respectively" hands out to a list of labs: "[ESR and CRP] were 40 mm/h and 12 (IQR 5-20) mg/L, respectively"
RESPECTIVE_VALUES = re.compile(
    rf"\s*(?:levels?\s+|concentrations?\s+|values?\s+)?(?:\([^()]{{1,12}}\)\s*)?(?:(?:at|before)\s+(?:baseline|diagnosis|presentation|"
    rf"inclusion|enrol?ment|entry)\s+)?(?:were|of|:)\s*(?P<list>{_VALUE_ITEM}(?:\s*,\s*{_VALUE_ITEM})*\s*,?\s*and\s+{_VALUE_ITEM})"
    rf"\s*,?\s*respectively\b", re.I)
VALUE_ITEM = re.compile(rf"(?P<v>{_NUM})\s*(?:(?:±|\+/-)\s*[\d.]+\s*)?(?:\([^()]*\)\s*)?(?P<unit>{UNITS})?", re.I)


def _respective_values(text: str, pos: int, end: int, k: int) -> list[tuple[float, str | None, int, int]] | None:
    """(value, unit, start, end) for each of the ``k`` labs a list names, from the values a "respectively" hands
    out after it; None where no such list follows, [] where its values do not pair one to one with the labs."""
    m = RESPECTIVE_VALUES.match(text, pos, end)
    if not m:
        return None
    items = [(float(v.group("v").replace(",", "")), v.group("unit"), v.start(), v.end())
             for v in VALUE_ITEM.finditer(text, m.start("list"), m.end("list"))]
    return items if len(items) == k else []


#: the collection period a measured value is named by: "24-h urinary protein", "24-hour proteinuria"
COLLECTION = re.compile(r"(?<![\w-])(?:24|twenty[-\s]four)[-\s]?(?:h|hr|hours?)[-\s]+$", re.I)


def _collection_start(text: str, e: dict) -> int:
    """Where a value's name starts when a collection period leads it ("24-h urinary protein was 4.3 g")."""
    m = COLLECTION.search(text[max(0, e["start"] - 20) : e["start"]])
    return e["start"] - (min(20, e["start"]) - m.start()) if m else e["start"]


def _as_named(surface: str) -> str:
    """The name as written, without a sentence-initial capital ("Anti-dsDNA" → "anti-dsDNA")."""
    name = re.sub(r"\s+", " ", surface.strip())
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        name = name[0].lower() + name[1:]
    return name


def _percent_before(text: str, start: int, sent_start: int, pop_n: int | None) -> tuple[int, int, int] | None:
    """A share of the cohort printed just before the finding ("56% anti-Jo1 positive"), as a count where
    exactly one whole number fits (record.md); ``count_near`` reads shares after it, not before."""
    m = PERCENT_BEFORE.search(text[sent_start:start])
    if not m or not pop_n:
        return None
    k = count_from_percent(float(m.group(1)), pop_n, len(m.group(2) or ""))
    return (k, sent_start + m.start(), start) if k is not None else None


def _add_value(out: list[dict], seen: set[str], text: str, sent, e: dict, m: re.Match, unit: str) -> None:
    """A measured baseline value with its unit, the evidence reaching back to a leading "mean"/"median"."""
    start = _collection_start(text, e)
    lead = re.search(r"\b(?:mean|median|average)\s+(?:\w+\s+)?$", text[sent.start : start], re.I)
    if lead:
        start = sent.start + lead.start()
    name = _as_named(text[_collection_start(text, e) : e["end"]])
    if "value:" + name.lower() in seen:
        return  # a value is kept apart from a stated result: "12 had nephrotic-range proteinuria" is no proteinuria value
    seen.add("value:" + name.lower())
    out.append({"name": name, "result": "value", "value": float(m.group("v").replace(",", "")), "unit": unit, "n": None,
                "evidence": ev(start, e["end"] + m.end())})


def _count_on_repeat(item: dict | None, hit, pop_n: int | None, text: str, sent, span: tuple[int, int]) -> None:
    """A finding first named without a count (an aim or a design sentence: "a cohort of anti-MDA5 positive
    patients") and named again with one ("A total of 90 anti-MDA5 positive patients") takes that count."""
    if item is None or item["n"] is not None or item["result"] == "value" or not hit:
        return
    if (pop_n is not None and hit[0] > pop_n) or HEDGED.search(text[max(sent.start, hit[1] - 20) : hit[2]]):
        return
    item["n"] = hit[0]
    start, end = min(span[0], hit[1]), max(span[1], hit[2])
    item["evidence"] = ev(start, start + len(text[start:end].rstrip(" .,;")))



def _second_group(out: list[dict], text: str, end: int, sent_end: int, pop_n: int | None) -> None:
    """A finding counted in two groups side by side ("proteinuria (21 of 96 [21.9%] vs 1 of 38 [2.6%])") is a
    finding in each group: the second count gives a second item under the same name."""
    m = VERSUS_COUNT.match(text[end:sent_end])
    if not m or (pop_n is not None and int(m.group("n")) > pop_n):
        return
    first = out[-1]
    a = end + m.start("ev")
    out.append({**first, "n": int(m.group("n")), "evidence": ev(a, end + m.end("ev"))})
