"""``reuma_adverse_events``: named adverse events with counts (annotation rule 12).

An adverse-event term from the lexicon in a results sentence is an event unless
ConText (medspaCy) finds it negated ("no serious adverse events", "no patient
had an infusion reaction"): absent events give nothing. A generic "adverse
events" stands only when patients are counted with it ("Three patients
experienced adverse events") and no named event is listed with it.
"""



import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import cues
from ..counting import count_near
from ..numbers import parse_int, word_number_pattern
from . import base
from .base import (
    entities,
    ev,
    guarded,
    population_n,
    register_extensions,
    sentence_at,
    sentences,
    text_of,
    title_end,
)

GENERIC = re.compile(r"^(?:adverse\s+(?:events?|effects?|reactions?|drug\s+reactions?)|side[\s-]+effects?|AEs?|SAEs?|toxicit(?:y|ies))$", re.I)
#: the generic term graded: an item of its own only where no named event stands beside it
GRADED_GENERIC = re.compile(r"^(?:serious|severe|grade\s*[3-5]|treatment-emergent)\s+adverse\s+(?:events?|reactions?|effects?)$", re.I)
AE_CONTEXT = re.compile(r"\b(?:adverse|side[\s-]+effects?|safety|toxicit|complications?|(?:related|attribut\w+)\s+to|induced|reactions?|tolera|"
                        r"(?:discontinued|withdrawn|stopped)\s+in\s+\d|(?:discontinu\w*|withdr[ae]w\w*|stopped|interrupted)\b[^.;]{0,40}?\b(?:due\s+to|because\s+of|owing\s+to)|serious|reasons?\s+for\s+(?:\w+\s+)?(?:discontinu|withdr)|S?AEs?\b|TEAEs?\b|AESIs?\b)", re.I)
#: the sentence states the study's aim: an event it names is what the study measures, its outcome, not an
#: adverse event ("Our aim was to analyse the prevalence of herpes zoster", "To estimate the incidence of TB")
AIM = re.compile(r"\b(?:aims?|aimed|objectives?|purpose|goal)\b|^\s*(?:Background\s*:?\s*|Objectives?\s*:?\s*)?To\s+(?:estimate|evaluate|determine|"
                 r"assess|analy[sz]e|investigate|describe|examine|compare|identify|explore|characteri[sz]e)\b", re.I)
#: an event whose name says a drug caused it ("retinal toxicity", "drug-induced lupus") is an adverse event even
#: where the study is about it: a safety study's outcome is still the treatment's harm
DRUG_HARM = re.compile(r"\b(?:toxicit(?:y|ies)|drug-induced|drug-related)\b", re.I)
#: a list of patients' other diseases: its items are comorbidities, not events under treatment
COMORBIDITY = re.compile(r"\b(?:comorbid\w*|co-morbid\w*|coexist\w*|co-existing|concomitant\s+diseases?|history\s+of|risk\s+factors?)", re.I)
#: a cause of death is part of the death outcome, unless the sentence is about adverse events
CAUSE_OF_DEATH = re.compile(r"\b(?:died|death|deaths|mortality|succumbed|fatal\s+outcome)\b", re.I)
#: an event under an earlier treatment ("had previously received anakinra, stopped because of injection-site
#: reactions") belongs to the patients' history, not to the study
EARLIER = cues.pattern("earlier_ae")
#: a sentence that goes on ranking the events of the sentence before ("... discontinued due to AEs. Respiratory
#: infections were the leading cause, followed by general malaise")
CONTINUATION = re.compile(r"\b(?:leading\s+cause|most\s+(?:common|frequent)(?:ly\s+reported)?|followed\s+by)\b", re.I)
#: "serious" named before the item in the same sentence: "Ten AEs were serious (e.g., diverticulitis, ...)"
SERIOUS_LEAD = re.compile(r"(?<!non-)(?<!non )\b(?:serious|SAEs?)\b", re.I)
#: a count printed right before the event ("we recorded 1 stroke and 123 (18%) AESIs") or as "(k/N)" after it
COUNT_BEFORE = re.compile(r"(?<![\d.,/])(\d{1,5})\s+(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+)?$")
COUNT_AFTER = re.compile(r"^\s*(?:onset\s+)?\(\s*(\d{1,5})\s*/\s*\d{1,5}\s*\)")
#: a sentence naming features linked to an outcome: its items are predictors (annotation rule 18), not events
#: under treatment ("Cancer (p = 0.02) and age were related to poorer survival", "found more frequently in")
PREDICTOR = re.compile(r"\b(?:predict(?:or|ors|ive|ed|s)\b|prognostic|risk\s+factors?|(?:associated\s+with|(?:related|linked)\s+to)\s+(?:a\s+|an\s+)?"
                       r"(?:poor|worse|higher\s+mortality|increased\s+mortality|shorter|better|favou?rable|unfavou?rable|death|mortality|survival)\w*|"
                       r"more\s+(?:frequent(?:ly)?|common(?:ly)?)\s+(?:in|among)\s+(?:the\s+)?(?:patients|those|subjects)\s+(?:who|with))", re.I)
#: a sentence about who could enter the study or about people outside it: its events happened to no patient
#: under the treatment ("Allergy to the drug was an exclusion criterion", "... in the general population")
NOT_UNDER_STUDY = re.compile(r"\b(?:(?:inclusion|exclusion|eligibility)\s+criteri\w*|were\s+(?:not\s+eligible|excluded)|general\s+population|"
                             r"healthy\s+(?:controls|subjects|population)|background\s+(?:rate|incidence)|(?:prevalence|incidence)\s+in\s+the\s+general)\b", re.I)
#: the word is part of a proper name ("Department of Clinical Immunology and Allergy"): no event
IN_NAME = re.compile(r"\b(?!(?:Results|Methods|Conclusions?|Background|Safety|Objectives?|Overall|However|Moreover|Finally)\b)"
                     r"[A-Z][a-z]+,?\s+(?:(?:and|of|&)\s+)?$")
#: the generic term as the subject of an occurrence in patients: "Adverse events occurred in 20 patients (40%)",
#: "AEs were reported in 12 (24%) patients", "side effects were observed in 5 cases"
GENERIC_IN_PATIENTS = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:occurred|reported|observed|seen|"
                                 r"recorded|noted|documented|experienced|developed)\s+(?:(?:in|by|among)\s+)(?:a\s+total\s+of\s+)?\d", re.I)
#: the patients an event was reported in, after it, with a share between the count and the noun: "were reported by 7
#: (17.5%) patients", "occurred in 4 (10%) cases"
REPORTED_IN = re.compile(r"\s*(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:occurred|reported|observed|seen|recorded|noted|documented|"
                         r"experienced|developed)\s+(?:in|by|among)\s+(?P<n>\d{1,5})\s+\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s*"
                         r"(?:of\s+(?:the\s+)?)?(?:patients|pts|subjects|participants|cases)\b", re.I)
#: a subject that counts no patient, earlier in the clause: "Nobody developed tuberculosis", "no one had a flare of zoster"
NOBODY = re.compile(r"\b(?:nobody|no\s+one|not\s+(?:a\s+single|one|any)\s+(?:patient|subject|participant|child)s?)\b(?![^.;]*\b(?:but|except)\b)[^.;]*$", re.I)
#: a bracket that opens with a count of cases: "(one case of reactivation of herpes zoster and one case of ...)"
COUNTED_BRACKET = re.compile(rf"\s*\(\s*(?:\d{{1,4}}|{word_number_pattern()})\s+(?:cases?|patients?|episodes?|pts?)\s+(?:of|with|had|developed)\b", re.I)
#: the generic abbreviations, written out where the text does not define them
GENERIC_ABBR = {"ae": "adverse event", "aes": "adverse events", "sae": "serious adverse event", "saes": "serious adverse events"}
#: a negation earlier in the clause (lexicons/cues.json; ConText's verdict is read beside it)
NEGATION = cues.pattern("negated_ae")


@Language.factory(
    "reuma_adverse_events",
    requires=["token.is_sent_start", "doc._.reuma_sections", "doc._.reuma_entities", "doc._.reuma_population"],
    assigns=["doc._.reuma_adverse_events"],
)
def make_adverse_events(nlp: Language, name: str) -> "AdverseEventsComponent":
    base.check_requires(nlp, "reuma_adverse_events", name)
    return AdverseEventsComponent()


class AdverseEventsComponent:
    def __init__(self) -> None:
        register_extensions()
        # built when the pipe is made, not by the first text that asks (a one-off cost, milliseconds)
        _deaths_pattern()
        _disease_forms()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        pop_n = population_n(doc)
        out: list[dict] = []
        seen: set[str] = set()
        own = _own_outcomes(doc, text)
        foreign = _foreign_abbreviations(doc)
        longs = _event_long_forms(doc)
        studied = _condition_names(base.population(doc).get("conditions", []))
        about: dict[int, bool] = {}  # sentence start -> whether it is about adverse events (asked once per sentence)
        verdicts: dict[tuple[re.Pattern, int], bool] = {}

        def says(rx: re.Pattern, sent) -> bool:
            """Whether ``rx`` finds a match in the sentence: asked once per sentence, not once per event in it."""
            hit = verdicts.get((rx, sent.start))
            if hit is None:
                hit = verdicts[(rx, sent.start)] = bool(rx.search(sent.text))
            return hit

        for e in entities(doc, "ae"):
            if e["key"] == "death":
                continue  # deaths are outcomes (kind "death"), not adverse events
            sent = sentence_at(doc, e["start"])
            if sent is None or sent.section in ("background", "methods", "conclusions"):
                continue
            surface = re.sub(r"\s+", " ", text[e["start"] : e["end"]])
            about_aes = about.get(sent.start)
            if about_aes is None:
                about_aes = about[sent.start] = bool(AE_CONTEXT.search(sent.text)) or _continues_ae_sentence(doc, sent)
            counted = _count_beside(text, e, sent)
            if (e.get("negated") or NEGATION.search(text[sent.start : e["start"]][-60:]) or NOBODY.search(text[sent.start : e["start"]][-60:])) \
                    and not (counted and counted[0] > 0):
                continue  # absent events give nothing; one printed with its own count is present ("infections (3/19)")
            generic = bool(GENERIC.match(surface))
            if GRADED_GENERIC.match(surface) and any(
                    sent.start <= x["start"] < e["start"] and not GENERIC.match(text[x["start"] : x["end"]])
                    and not GRADED_GENERIC.match(text[x["start"] : x["end"]]) for x in entities(doc, "ae")):
                continue  # "Pneumonia was the most common serious adverse event": the named event before it is the item
            if not generic and not DRUG_HARM.search(surface) and (e.get("key") in own or _after_own(doc, e, own, text)):
                continue  # the study's own outcome ("the incidence of herpes zoster"), not an adverse event
            if not generic and _part_of_condition(surface, e.get("key"), studied):
                continue  # "repeat pregnancy loss" where recurrent pregnancy loss is studied: the disease, not a harm
            if surface.rstrip("s") in foreign:
                continue  # "IRR" defined as incidence rate ratio is no infusion reaction
            if not generic and not about_aes and says(COMORBIDITY, sent):
                continue  # "comorbidities were hypertension and diabetes mellitus"
            if not generic and not about_aes and says(CAUSE_OF_DEATH, sent):
                continue  # "died from respiratory failure, with pulmonary infection accounting for half"
            if says(EARLIER, sent):
                continue
            if not generic and says(PREDICTOR, sent) and not AE_CONTEXT.search(PREDICTOR.sub(" ", _without(sent.text, e, sent.start))):
                continue  # "Cancer (p = 0.02) ... were related to poorer survival": a predictor, not an event
            if not generic and not about_aes and says(NOT_UNDER_STUDY, sent):
                continue  # "Allergy to penicillin was an exclusion criterion"
            if surface[:1].isupper() and surface[1:2].islower() and e["start"] > sent.start + 1 and IN_NAME.search(text[max(sent.start, e["start"] - 40) : e["start"]]):
                continue  # "Clinical Immunology and Allergy": a word of an institution's name
            if not generic and _specifies_previous(doc, e, text):
                continue  # "severe skin reactions (urticaria)": the bracket names the same event
            if not generic and any(x is not e and x["end"] <= e["start"] and not text[x["end"] : e["start"]].strip()
                                   and not GENERIC.match(text[x["start"] : x["end"]]) for x in entities(doc, "ae")):
                continue  # "herpes zoster infection": the head word of the event named right before it, not a second event
            if not generic and COUNTED_BRACKET.match(text, e["end"], sent.end) and any(
                    e["end"] < x["start"] < sent.end and text.find(")", e["end"], sent.end) > x["start"] for x in entities(doc, "ae")):
                continue  # "infusion reactions (one case of X and one case of Y)": the counted events in the bracket are the items
            graded = bool(re.match(r"serious\b", surface, re.I))  # "serious infections": a grading only events get
            if not generic and not graded and not about_aes and any(
                    x["label"] == "manifestation" and x["start"] < e["end"] and e["start"] < x["end"] for x in entities(doc)):
                continue  # "fever" is a manifestation unless the sentence is about adverse events
            hit = _deaths_from(text, e, sent)  # "3 deaths, all a result of severe infections": the dead had it
            # a count printed right beside the event ("123 (18%) AESIs") is nearer than any count_near reads
            hit = hit or _count_beside(text, e, sent) or count_near(text, e["start"], e["end"], sent.start, sent.end, pop_n)
            if GRADED_GENERIC.match(surface) and not hit and any(
                    e["end"] <= x["start"] < sent.end and not GENERIC.match(text[x["start"] : x["end"]]) for x in entities(doc, "ae")):
                continue  # "serious adverse events included one case of pneumonia": uncounted, the named events are the items
            if generic:
                others = [x for x in entities(doc, "ae") if sent.start <= x["start"] < sent.end and x is not e
                          and not GENERIC.match(text[x["start"] : x["end"]])]
                subject = re.search(r"\b(?:experienced|developed|had|reported|presented)\s+(?:(?:at\s+least\s+)?\w+\s+)?$", text[sent.start : e["start"]], re.I) or (
                    GENERIC_IN_PATIENTS.match(text, e["end"], sent.end))
                if others or not hit or not subject or re.search(r"\b(?:due\s+to|because\s+of|for)\s+$", text[sent.start : e["start"]], re.I):
                    continue
            name = longs.get(surface.lower(), GENERIC_ABBR.get(surface.lower(), surface.lower()))  # "AESIs" -> "adverse events of special interest"
            if name in seen:
                _count_on_repeat(out, name, hit, pop_n, text)
                continue
            seen.add(name)
            before = text[max(sent.start, e["start"] - 20) : e["start"]].lower()
            serious = True if graded or re.search(r"\bserious\s+$", before) else False if re.search(r"\b(?:mild|minor|non-serious)\s+$", before) else None
            if serious is None and not generic and SERIOUS_LEAD.search(text[sent.start : e["start"]]):
                serious = True
            n, a, b = (hit if hit else (None, e["start"], e["end"]))
            if pop_n is not None and n is not None and n > pop_n:
                n = None
            out.append({"name": name, "serious": serious, "n": n, "evidence": ev(a, b)})
        base.write_group(doc, "reuma_adverse_events", out)
        return doc


def _without(sentence: str, e: dict, offset: int) -> str:
    """The sentence with the event's own words blanked: "Serious infections were a risk factor" is about a predictor
    whatever the event's name says ("serious" is no sign of an adverse-event sentence when it is the event's word)."""
    lo, hi = e["start"] - offset, e["end"] - offset
    return sentence[:lo] + " " * (hi - lo) + sentence[hi:] if 0 <= lo <= hi <= len(sentence) else sentence


def _condition_names(conditions: list[dict]) -> list[str]:
    """The diseases studied by every name the disease lexicon gives them (the text may name one form)."""
    names = {c["name"].lower() for c in conditions}
    out = set(names)
    forms_of = _disease_forms()
    for name in names:
        for forms in forms_of.get(name, ()):
            out |= forms
    return sorted(out)


@functools.lru_cache(maxsize=1)
def _disease_forms() -> dict[str, list[frozenset[str]]]:
    """Each lower-cased name of a disease lexicon entry (key or synonym) → the names of the entries that carry
    it, built once (the lexicon is static) instead of scanning every entry for every document."""
    from .. import vocab

    out: dict[str, list[frozenset[str]]] = {}
    for key, d in vocab.entries("diseases").items():
        forms = frozenset({key.lower(), *(x.lower() for x in d.get("synonyms", []))})
        for f in forms:
            out.setdefault(f, []).append(forms)
    return out


def _part_of_condition(surface: str, key: str | None, studied: list[str]) -> bool:
    """The event names the disease studied or a part of its name ("pregnancy loss" in recurrent pregnancy loss)."""
    words = {w for w in (surface.lower(), (key or "").lower()) if len(w) > 3}
    return any(w in c or c in w for w in words for c in studied)


def _own_outcomes(doc: Doc, text: str) -> set[str]:
    """Lexicon keys of the events the study is about: named in the title or in a sentence stating its aim."""
    tend = title_end(doc)
    aim: dict[int, bool] = {}  # sentence start -> whether it states the aim, asked only of sentences holding an event
    keys = set()
    for e in entities(doc, "ae"):
        if GENERIC.match(re.sub(r"\s+", " ", text[e["start"] : e["end"]])):
            continue
        if e["start"] < tend or _in_aim_sentence(doc, e["start"], aim):
            keys.add(e.get("key"))
    keys.discard(None)
    return keys


def _in_aim_sentence(doc: Doc, offset: int, memo: dict[int, bool]) -> bool:
    """Whether the sentence holding ``offset`` states the study's aim (sentences are disjoint, so it is the one
    ``sentence_at`` finds, if ``offset`` lies before its end)."""
    sent = sentence_at(doc, offset)
    if sent is None or offset >= sent.end:
        return False
    if sent.start not in memo:
        memo[sent.start] = bool(AIM.search(sent.text))
    return memo[sent.start]


def _after_own(doc: Doc, e: dict, own: set[str], text: str) -> bool:
    """A head word right after the study's own event belongs to it ("HZ infection")."""
    return any(x.get("key") in own and x["end"] <= e["start"] and not text[x["end"] : e["start"]].strip()
               for x in entities(doc, "ae"))


def _foreign_abbreviations(doc: Doc) -> set[str]:
    """Short forms the text defines as something that is no adverse event ("incidence rate ratio (IRR)")."""
    out = set()
    for d in base.items(doc, "reuma_abbreviations"):
        long = (d.get("long") or "").lower()
        if not re.search(r"reaction|event|effect|infection|toxicit|syndrome|itis\b|osis\b|emia\b|pathy\b", long):
            out.add((d.get("short") or "").rstrip("s"))
    out.discard("")
    return out


def _event_long_forms(doc: Doc) -> dict[str, str]:
    """Short forms the text defines as a kind of adverse event ("adverse events of special interest (AESIs)"):
    an event written as the short form is named by its long form, as record.md names things."""
    out = {}
    for d in base.items(doc, "reuma_abbreviations"):
        long, short = (d.get("long") or "").strip(), (d.get("short") or "").strip()
        if short and re.search(r"\b(?:adverse|events?|reactions?|effects?|toxicit)", long, re.I):
            out[short.lower()] = long.lower()
    return out


@functools.lru_cache(maxsize=1)
def _deaths_pattern() -> re.Pattern:
    """"3 deaths, all a result of", "one succumbed following": a count of the dead and the words naming a cause."""
    return re.compile(rf"(?<![\w.])(?P<n>\d{{1,4}}|{word_number_pattern()})\s+(?:patients?\s+)?(?:deaths?|died|succumbed)\b"
                      r"(?P<rest>[^.;()]{0,40}?\b(?:due\s+to|result\s+of|because\s+of|following|from|caused\s+by|of)\s+(?:[\w-]+\s+){0,5})$", re.I)


def _deaths_from(text: str, e: dict, sent) -> tuple[int, int, int] | None:
    """Patients counted as dying of the event ("3 deaths, all a result of severe infections", "one succumbed
    following CMV infection and heart failure"): each named cause happened in that many patients."""
    m = _deaths_pattern().search(text[sent.start : e["start"]])
    if not m or re.search(r"\d", m.group("rest")):
        return None
    n = parse_int(m.group("n"))
    return (n, e["start"], e["end"]) if n else None


def _count_beside(text: str, e: dict, sent) -> tuple[int, int, int] | None:
    """A count printed next to the event that ``count_near`` does not read: "1 stroke", "infections (3/19)"."""
    m = COUNT_BEFORE.search(text[sent.start : e["start"]])
    if m:
        return int(m.group(1)), sent.start + m.start(1), e["end"]
    m = COUNT_AFTER.match(text[e["end"] : sent.end])
    if m:
        return int(m.group(1)), e["start"], e["end"] + m.end()
    m = REPORTED_IN.match(text, e["end"], sent.end)
    if m:  # "Injection-site reactions were reported by 7 (17.5%) patients"
        return int(m.group("n")), e["start"], m.end()
    return None


def _specifies_previous(doc: Doc, e: dict, text: str) -> bool:
    """The event opens a bracket right after another named event ("skin reactions (urticaria)")."""
    m = re.search(r"\(\s*$", text[max(0, e["start"] - 3) : e["start"]])
    if not m:
        return False
    paren = e["start"] - 3 + m.start() if e["start"] >= 3 else m.start()
    return any(x is not e and x["end"] <= paren and not GENERIC.match(text[x["start"] : x["end"]])
               and not GRADED_GENERIC.match(re.sub(r"\s+", " ", text[x["start"] : x["end"]])) and not text[x["end"] : paren].strip()
               for x in entities(doc, "ae"))


def _continues_ae_sentence(doc: Doc, sent) -> bool:
    """The sentence ranks events ("the leading cause", "followed by") right after one about adverse events."""
    if not CONTINUATION.search(sent.text):
        return False
    prev = [x for x in sentences(doc) if x.end <= sent.start]
    return bool(prev) and bool(AE_CONTEXT.search(prev[-1].text))


def _count_on_repeat(out: list[dict], name: str, hit, pop_n: int | None, text: str) -> None:
    """An event listed first without a count and named again with one ("... gastric cancer ..., one due to gastric
    cancer") takes that count and evidence."""
    if not hit or (pop_n is not None and hit[0] > pop_n):
        return
    for item in out:
        if item["name"] == name and item["n"] is None:
            item["n"], item["evidence"] = hit[0], ev(hit[1], hit[2])
            return
