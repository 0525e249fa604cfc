"""``reuma_treatments``: the study drug, comparators, concomitant and previous treatments.

Role by annotation rule 7 and 14: the study treatment is the drug the abstract
is about (named in the objective, most mentioned); placebo and other arms are
comparators; a drug in a "previous / had failed / history of" context
(medspaCy ConText's historical verdict plus the cue list) is previous; any other
drug given during the study is concomitant.
"""



import bisect
import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from .. import cues, vocab
from ..counting import count_near, count_starts, except_one, matches_at, search_from_counts
from ..numbers import count_from_percent, count_pattern, decimals, parse_int, word_number_pattern
from ..prefilter import folded as fold_case
from ..prefilter import required_text
from . import base
from .base import entities, ev, guarded, population_n, register_extensions, sentence_at, sentences, text_of

#: history cues before / after a drug (lexicons/cues.json; ConText's verdict is read beside them)
PREVIOUS_CUES = cues.pattern("previous_drug")
STUDY_CUES = re.compile(
    r"\b(?:efficacy|effectiveness|safety|use|effects?|experience|outcomes?|role|impact|response)\s+(?:\w+\s+){0,3}?(?:of|with|to)\s+(?:[\w\-]+\s+){0,4}?$|"
    r"\b(?:treated|treatment|therapy|initiat\w*|started|starting|commenc\w*|receiv\w*|administ\w*|switch(?:ed|ing)\s+to|on|"
    r"injections?\s+of|infusions?\s+of|courses?\s+of|doses?\s+of)\s+(?:with\s+)?(?:[\w\-]+\s+){0,2}?$",
    re.IGNORECASE,
)
PREVIOUS_AFTER = cues.pattern("previous_drug_after")
EXCLUDED = re.compile(r"\b(?:excluding|except|other\s+than|apart\s+from|instead\s+of|in\s+place\s+of|(?:an?\s+)?alternatives?\s+to)\s+(?:[\w\-]+\s+){0,3}$|\bspar(?:e|es|ed|ing)\s+$", re.I)
VARIABLES = re.compile(r"\bwe\s+(?:only\s+)?included\b(?!\s+(?:all\s+|a\s+total\s+of\s+)?\d)|\binclusion\s+criteri|\beligib|\b(?:were|was|are|is|will\s+be)\s+(?:also\s+)?(?:recorded|documented|collected|registered|extracted|retrieved|reviewed|ascertained)\b|\bvariables\b|\bco-?variates?\b|\bconfounders?\b|\bdata\s+on\b", re.I)
#: a sentence on who was kept out of the study: its drugs are no treatment of the study's patients (rule 1)
EXCLUSION = re.compile(r"\bexclusion\s+criteri\w*|\b(?:were|was|are|is|being)\s+(?:also\s+)?excluded\b|\bexcluded\s+(?:if|when|were)\b|"
                       r"\b(?:were|was)\s+not\s+eligible\b", re.I)
#: an arm's size right after its drug and dose: "UPA 15 mg once daily (n=651)"
ARM_SIZE = re.compile(
    r"\s*(?:[\d.,]+\s*(?:mg|g|mcg|µg|ml|mL|IU)?(?:\s*/\s*(?:kg|day|week|m2))?\s*)?"
    r"(?:(?:once|twice|three\s+times|daily|weekly|every|other|each|week|weeks|day|days|month|months|a|per|"
    r"orally|subcutaneously|intravenously|iv|sc|bid|qd|q\d+w)\s+)*(?:(?:-?treated\s+)?(?:group|arm)\s*)?(?:\(\s*n\s*=\s*(\d+)\s*\)|,?\s*n\s*=\s*(\d+)\b|\(\s*(\d+)\s+(?:patients|pts|subjects|participants|cases)\s*\))", re.I)
#: a design whose arms are compared, randomised or not ("randomized", "allocated to", "X versus Y"): a
#: study drug or comparator then has its arm's size; RANDOMISED_TRIAL below is narrower (randomisation only)
ARMS_COMPARED = re.compile(r"\brandomi[sz]ed\b|\brandomly\s+(?:assigned|allocated)\b|\ballocated\s+to\b|\b(?:versus|vs\.?|compared\s+(?:with|to))\b", re.I)
BACKGROUND_USE = re.compile(r"\b(?:background|stable|concomitant|ongoing|add-on\s+to)\s+(?:[\w\-]+\s+)?$", re.I)
FIRST_ARM = re.compile(r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|allocated)\s+(?:\(?\d(?::\d)+\)?\s+)?(?:\d(?::\d)+\s+)?to\s+(?:receive\s+)?$", re.I)
CURRENT_USE = re.compile(r"\b(?:(?:were|was|are|is|still)\s+)?(?:receiving|taking|on|treated\s+with|maintained\s+on)\s+$", re.I)
#: a use verb that a time word dates before the study: "previously treated with", "had formerly been on"
EARLIER_USE = re.compile(r"\b(?:previously|formerly|earlier|already|once|prior|had\s+(?:\w+\s+)?been)\s+(?:(?:been|were|was)\s+)?"
                         r"(?:receiving|taking|on|treated\s+with|maintained\s+on)\s+$", re.I)
CLASS_MODIFIERS = ("traditional", "conventional", "conventional synthetic", "biologic", "biological", "targeted synthetic")


#: the doc whose facts :func:`_doc_memo` holds, and those facts
_MEMO: list = [None, {}]


def _doc_memo(doc: Doc) -> dict:
    """Answers about the current doc that the rules ask again and again (a sentence's cue verdict once per drug
    mention, a whole-text test once per drug): kept for the current doc only and dropped when another doc comes,
    so nothing carries over from one abstract to the next."""
    if _MEMO[0] is not doc:
        _MEMO[0], _MEMO[1] = doc, {}
    return _MEMO[1]


def _found(doc: Doc, rx: re.Pattern, lo: int | None = None, hi: int | None = None) -> bool:
    """Whether ``rx`` finds a match in the doc's text (``lo``/``hi``: in that stretch of it, a sentence), asked
    once per doc (:func:`_doc_memo`). A stretch with none of the texts every match of ``rx`` has one of
    (``prefilter.required_text``, tested by :func:`_writes_in`) is not searched."""
    memo = _doc_memo(doc)
    key = (id(rx), lo, hi)  # by identity, not the pattern's costly hash; the module's own patterns, which live as long as it, so an id is never reused
    hit = memo.get(key)
    if hit is None:
        text = text_of(doc)
        needs = required_text(rx)
        hit = memo[key] = (not needs or _writes_in(doc, needs, lo, hi)) and bool(rx.search(text if lo is None else text[lo:hi]))
    return hit


def _writes(doc: Doc, *words: str) -> bool:
    """Whether the doc's text writes any of ``words`` (lower-case ASCII) in any case (see :func:`_writes_in`)."""
    return _writes_in(doc, words)


def _writes_in(doc: Doc, words: tuple[str, ...], lo: int | None = None, hi: int | None = None) -> bool:
    """Whether the doc's text (``lo``/``hi``: that stretch of it) writes any of ``words`` (lower-case ASCII) in
    any case: a cheap test that spares a costly regex, used only where the regex cannot match without one of
    the words. The text is folded once per doc (``prefilter.folded``: lower-cased, with the letters beyond
    ASCII that IGNORECASE takes for ASCII ones written as those). Should lower-casing change the
    text's length (offsets then no longer line up), a stretch is not tested: the answer is yes."""
    memo = _doc_memo(doc)
    folded = memo.get("folded")
    if folded is None:
        text = text_of(doc)
        folded = fold_case(text)
        memo["folded"] = folded = folded if len(folded) == len(text) else (folded, None)
    if isinstance(folded, tuple):  # offsets do not line up: only the whole text can be tested
        if lo is not None:
            return True
        folded = folded[0]
    elif lo is not None:
        folded = folded[lo:hi]
    return any(w in folded for w in words)


def _first_from_counts(doc: Doc, rx: re.Pattern, sent, end: int) -> re.Match | None:
    """``search_from_counts(rx, text[sent.start : end])`` (``end`` within the sentence), with the places a count
    can start found once for the longest such prefix of the sentence asked so far: the rules ask it of the text
    before a drug mention several times, with several patterns. A count found in a prefix is found at the same
    place in a longer one unless the match or its lookahead reached the prefix's end: a count ends in a letter
    or digit, and its lookahead reads one character past a final "." or ",". So where the character before
    ``end`` is none of these, a longer prefix's count starts before ``end`` include all of this prefix's (an
    extra one matches nothing: each pattern begins with a count); otherwise the prefix is scanned itself."""
    text = text_of(doc)
    before = text[sent.start : end]
    if not before or before[-1].isalnum() or before[-1] in ".,":
        return search_from_counts(rx, before)
    memo = _doc_memo(doc)
    upto, starts = memo.get(("count starts", sent.start), (-1, []))
    if end > upto:
        upto, starts = memo[("count starts", sent.start)] = end, count_starts(before)
    return next(matches_at(rx, before, starts[: bisect.bisect_left(starts, len(before))]), None)  # starts ascend


def _sent_has(doc: Doc, rx: re.Pattern, sent) -> bool:
    """Whether ``rx`` finds a match in the sentence's text (``rx.search(sent.text)``), asked once per doc."""
    return _found(doc, rx, sent.start, sent.end)


@Language.factory(
    "reuma_treatments",
    requires=["token.is_sent_start", "doc._.reuma_sections", "doc._.reuma_abbreviations", "doc._.reuma_entities", "doc._.reuma_population"],
    assigns=["doc._.reuma_treatments"],
)
def make_treatments(nlp: Language, name: str) -> "TreatmentsComponent":
    base.check_requires(nlp, "reuma_treatments", name)
    return TreatmentsComponent()


#: a sentence naming features linked to an outcome (a predictor, a risk factor, a model's covariate): a drug
#: it names is a variable of the analysis, not a treatment the text reports giving (convention 1, rule 18)
ASSOCIATION = re.compile(
    r"\b(?:associated\s+with|associations?\s+(?:with|between)|predict(?:or|ors|ive|ed|s|ion)?\b|prognostic|risk\s+factors?|"
    r"(?:odds|hazard|risk)\s+ratios?|multi-?varia(?:te|ble)|uni-?variate|regression|independent(?:ly)?\s+(?:associated|linked|related)|"
    r"(?:related|linked)\s+to\s+(?:a\s+)?(?:higher|lower|increased|reduced|greater|poor|worse|better)|(?:OR|HR|aOR|aHR)\s*[=:]?\s*\d)", re.I)


def _only_as_predictor(doc: Doc, ms: list[dict]) -> bool:
    """Every mention of the drug sits in a sentence linking features to an outcome ("relapse was associated
    with rituximab maintenance", "glucocorticoid dose was an independent predictor")."""
    for e in ms:
        sent = sentence_at(doc, e["start"])
        if sent is None or not _sent_has(doc, ASSOCIATION, sent):
            return False
    return True


def _drop_predictors(doc: Doc, out: list[dict], by_key: dict[str, list[dict]]) -> None:
    """Where the abstract evaluates no drug, a treatment named only as a predictor or covariate of an outcome,
    with no patients counted on it, gives no item (corpus/real/CONVENTIONS.md convention 1, rule 18's spirit)."""
    text = text_of(doc)
    out[:] = [t for t in out if not (t["role"] in ("study", "concomitant") and _only_as_predictor(doc, by_key[t["key"]])
                                     and not re.search(r"\d", text[t["evidence"]["start"] : t["evidence"]["end"]]))]


def _exposure_when_no_drug_is_studied(out: list[dict]) -> None:
    """Where the abstract evaluates no drug (its aim names none and no arm is a comparator: a cohort, a case
    series, a registry of a disease), the treatments its patients received are the cohort's exposure — the evidence table's
    Intervention column — so ``study``, not ``concomitant``: "concomitant" is defined against a study drug
    (annotation rule 7; the owners' gold does so, corpus/real/CONVENTIONS.md convention 1). Previous
    treatments stay previous."""
    if any(t["role"] == "comparator" for t in out):
        return
    for t in out:
        if t["role"] == "concomitant":
            t["role"] = "study"


class TreatmentsComponent:
    def __init__(self) -> None:
        register_extensions()
        self.drugs = vocab.entries("drugs")

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        pop_n = population_n(doc)
        mentions = [e for e in entities(doc, "drug") if self._counts(doc, e)]
        by_key: dict[str, list[dict]] = defaultdict(list)
        for e in mentions:
            by_key[e["key"]].append(e)
        self._merge_generic_class_words(doc, by_key)
        if not by_key:
            base.write_group(doc, "reuma_treatments", [])
            return doc
        secs = base.items(doc, "reuma_sections")
        has_sections = bool(secs)

        context = () if has_sections else _unheaded_context(doc)

        def outside_bg(e: dict) -> bool:
            if not has_sections:
                return not any(lo <= e["start"] < hi for lo, hi in context)
            sent = sentence_at(doc, e["start"])
            return sent is not None and sent.section not in ("background", "conclusions")

        zone = aim_zone(doc)
        # a case-control study counts patients by outcome, not by drug: its drug's users are not its cohort
        case_control = _writes(doc, "case") and bool(CASE_CONTROL.search(text_of(doc)))  # its every match has "case"
        study_keys, aim_names_drug = self._study_keys(doc, by_key, outside_bg, zone)
        members = self._listed_members(doc, by_key, study_keys) | self._class_members(by_key, study_keys)
        compared, co_studied = self._paired(doc, by_key, study_keys, zone)
        study_keys = self._narrower_classes(study_keys | co_studied | self._treatment_groups(doc, by_key), by_key)
        aim_study = set(study_keys)
        arm_study, arm_control, arm_n, named_arms, arm_spans = self._labelled_arms(doc, by_key)
        # a drug the methods gave every patient before the arms were formed keeps the cohort's count
        arm_n = {k: n for k, (n, pos) in arm_n.items()
                 if not any(zone[1] <= e["start"] < pos and outside_bg(e) for e in by_key[k])}
        if arm_study or arm_control:
            study_keys = (study_keys | arm_study) - arm_control
            compared = (compared | arm_control) - study_keys
        if study_keys & named_arms:  # the other groups the patients were put in are its controls
            compared |= named_arms - study_keys
        out = []
        for key, ms in by_key.items():
            entry = self.drugs.get(key, {})
            if key not in study_keys and key not in compared and not any(outside_bg(e) for e in ms) and not any(
                    _under_in_conclusions(doc, e) for e in ms):
                continue  # named only in the background (other studies, the disease in general)
            role = self._role(doc, key, ms, study_keys | members, entry)
            if key in compared or (entry.get("kind") == "soc" and study_keys and self._control_arm(doc, ms)):
                role = "comparator"
            if role == "concomitant" and self._study_category(entry, study_keys) and not any(
                    COUNT_NEAR_CLASS.search(text_of(doc), e["start"] - 40, e["start"]) for e in ms):
                continue  # "TCZ as the first-line biological therapy": the study drug's own category
            controls = _controls_on(doc, ms) if key not in study_keys and role != "previous" else None
            if controls:
                role = "comparator"  # "compared with 100 controls treated with X": the control group's drug
            background = role in ("previous", "concomitant") and self._trial_background(doc, ms)
            if background:
                role = "concomitant"
            own = [e for e in ms if outside_bg(e)] or ms
            sole = (len(study_keys) == 1 or aim_study == {key}) and key in study_keys and not compared and not case_control
            n, span = self._count(doc, key, ms if role == "study" else own, role, pop_n if sole else None,
                                  entry.get("kind") == "class" and not sole, pop_n)
            if background and n is None:
                n = pop_n  # given to every patient randomised
            entry_e = next((e for e in own if role == "previous" and pop_n and sentence_at(doc, e["start"]) is not None and _entry_failed(
                text_of(doc), _drop_parentheticals(text_of(doc)[sentence_at(doc, e["start"]).start : e["start"]]), e["end"])), None)
            span_sent = sentence_at(doc, span["start"])
            if entry_e is not None and n is None:
                n = pop_n  # "adults who had failed X were enrolled": what every patient had, by entry
            elif entry_e is not None and span_sent is not None and re.search(
                    r"\b(?:continu\w*|remained\s+on|stayed\s+on|kept|maintained)\b", text_of(doc)[span["start"] : span["end"]], re.I):
                n, span = pop_n, ev(entry_e["start"], entry_e["end"])  # not the count of those who went on taking it
            if controls and controls[0] is not None:
                n, span = controls
            if key in arm_n and role in ("study", "comparator"):
                n = arm_n[key]
            if n is None and role in ("study", "comparator") and key in arm_spans:
                span = arm_spans[key]  # no count of its own: the group it forms
            out.append({
                "name": self._name(doc, key, own, entry),
                "abbreviation": next((e["abbr"] for e in ms if e.get("abbr")), None) or _used_abbreviation(text_of(doc), ms, entry),
                "role": role,
                "n": n,
                "evidence": span,
                "first": span["start"],
                "key": key,
            })
        self._alone_arm(doc, out, by_key)
        self._given_along(doc, out, by_key)
        self._continued(doc, out, by_key, pop_n)
        if not aim_names_drug:
            _exposure_when_no_drug_is_studied(out)
            _drop_predictors(doc, out, by_key)
        out.sort(key=lambda t: ({"study": 0, "comparator": 1, "concomitant": 2, "previous": 3}[t["role"]], t["first"]))
        for t in out:
            del t["first"], t["key"]
        base.write_group(doc, "reuma_treatments", out)
        return doc

    def _labelled_arms(self, doc: Doc, by_key: dict[str, list[dict]]) -> tuple[set[str], set[str], dict[str, tuple[int, int]], set[str], dict[str, dict]]:
        """Arms the text labels (rule 14): "assigned to study group (A plus B) and control group (B)" — the
        drugs of the control arm are comparators, those only in the study arm studied; "randomized to either
        A plus B (arm 1) or A plus C (arm 2)" — every arm's drugs are studied, each with its arm's size where
        the text prints it ("in arm 2 24/78", "arm 1 (n = 83)")."""
        text = text_of(doc)
        study: set[str] = set()
        control: set[str] = set()
        named_arms: set[str] = set()
        arms: dict[str, set[str]] = defaultdict(set)
        named: set[str] = set()
        spans: dict[str, dict] = {}
        group_n: dict[str, tuple[int, int]] = {}
        where: dict[str, int] = {}
        # every mention of a drug the text gives (a group list may sit in a sentence other rules skip)
        drugs = [(e, e["key"]) for e in entities(doc, "drug") if e["key"] in by_key
                 and self.drugs.get(e["key"], {}).get("kind") not in ("placebo", "soc")]
        sents = sentences(doc)
        # ALLOCATED's every match has one of these words: a text with none of them has no arms to label
        for i, x in enumerate(sents if _writes(doc, "random", "assigned", "allocated", "divided") else ()):
            if not ALLOCATED.search(x.text):
                continue
            # "divided into the following groups: A (A group), B (B group)": the list may run into the next sentence
            x_end = sents[i + 1].end if x.text.rstrip().endswith(":") and i + 1 < len(sents) else x.end
            prev_end = 0
            for m in GROUP_BRACKET.finditer(x.text):
                lo, hi = x.start + m.start("body"), x.start + m.end("body")
                keys = {k for e, k in drugs if lo <= e["start"] < hi}
                is_control = m.group("kind").lower() in CONTROL_KINDS
                if is_control:  # "the control group (standard care)": the control arm's own treatment has its size too
                    keys |= {e["key"] for e in entities(doc, "drug") if lo <= e["start"] < hi and e["key"] in by_key
                             and self.drugs.get(e["key"], {}).get("kind") in ("placebo", "soc")}
                (control if is_control else study).update(keys)
                before = COUNT_TO_GROUP.search(x.text[prev_end : m.start()])
                size = GROUP_SIZE.search(m.group("body")) or GROUP_SIZE_AFTER.match(text, x.start + m.end())
                if size is None and before is not None:
                    size = before
                    group_start = prev_end + before.start()
                prev_end = m.end()
                for k in keys:  # the group as the evidence: "control group (simple B)"
                    if is_control or k not in spans:
                        spans[k] = ev(x.start + (group_start if size is not None and size.re is COUNT_TO_GROUP else m.start()),
                                      x.start + m.end() if size is None or size.re is not GROUP_SIZE_AFTER else size.end())
                        if size:
                            group_n[k] = (int(size.group("n")), x.start)
            lo = x.start + ALLOCATED.search(x.text).end()
            named.update(k for e, k in drugs if lo <= e["start"] < x_end and ARM_NAME.match(text, e["end"]))
            for m in ARM_LABEL.finditer(x.text):
                hi = x.start + m.start()
                if hi < lo:
                    continue
                arms[m.group("k").lower()].update(k for e, k in drugs if lo <= e["start"] < hi)
                where.setdefault(m.group("k").lower(), x.start)
                lo = x.start + m.end()
        study -= control
        arm_n: dict[str, tuple[int, int]] = {}
        if len(named) >= 2:  # "randomized into three groups as X group, Y group ...": a group not studied is a control
            named_arms.update(named)
        if len(arms) >= 2:
            for label, keys in arms.items():
                study |= keys
                # its size after the label ("arm 1 (n = 83)", "in arm 1 22/83") or before it ("(22/83) in arm 1")
                size = re.search(rf"\barm\s+{re.escape(label)}\b(?:\s*\(\s*n\s*=\s*(\d+)|[^.;()]{{0,20}}?\b\d+\s*/\s*(\d+))|"
                                 rf"\b\d+\s*/\s*(\d+)\s*\)?\s+(?:in|of|for)\s+(?:the\s+)?arm\s+{re.escape(label)}\b", text, re.I)
                if size:
                    for k in keys - set().union(*(v for o, v in arms.items() if o != label)):
                        arm_n[k] = (int(size.group(1) or size.group(2) or size.group(3)), where[label])
        for k, size in group_n.items():  # "study group (A plus B, n = 63)": a drug of one group only has its size
            if (k in control) == (k not in study) and k not in arm_n:
                arm_n[k] = size
        return study, control, arm_n, named_arms, spans

    def _merge_generic_class_words(self, doc: Doc, by_key: dict[str, list[dict]]) -> None:
        """A class the text names by a more specific word ("corticosteroids", "oral corticosteroid (OCS)")
        and elsewhere by a bare generic word of the same class ("steroids", "steroid monotherapy") is one
        treatment: the generic word's mentions join the named class instead of making a second one."""
        text = text_of(doc)
        for key in list(by_key):
            entry = self.drugs.get(key, {})
            if entry.get("kind") != "class" or not entry.get("member_class"):
                continue
            if not all(GENERIC_CLASS_WORD.fullmatch(text[e["start"] : e["end"]]) for e in by_key[key]):
                continue
            other = next((k for k in by_key if k != key and self.drugs.get(k, {}).get("kind") == "class"
                          and self.drugs.get(k, {}).get("member_class") == entry["member_class"]), None)
            if other:
                by_key[other].extend(by_key.pop(key))
                by_key[other].sort(key=lambda e: e["start"])

    def _continued(self, doc: Doc, out: list[dict], by_key: dict[str, list[dict]], pop_n: int | None) -> None:
        """A previous drug that patients went on taking during the study ("24 continued colchicine during
        apremilast", "All patients continued colchicine") is also concomitant, with the count that continued."""
        text = text_of(doc)
        for t in list(out):
            if t["role"] == "concomitant":
                self._failed_before(doc, out, t, by_key, pop_n)
                continue
            if t["role"] != "previous":
                continue
            for e in by_key[t["key"]]:
                sent = sentence_at(doc, e["start"])
                if sent is None:
                    continue
                after = CONTINUED_AFTER.match(text, e["end"], sent.end)
                if not CONTINUED.search(text[sent.start : e["start"]]) and not after:
                    continue
                before = text[sent.start : e["start"]]
                hit = (count_near(text, e["start"], e["end"], sent.start, sent.end, pop_n) if not after else
                       _given_to(text, e, sent) and (_given_to(text, e, sent)[0], 0, 0) or (
                           (parse_int(after.group("n")), 0, 0) if after.group("n") else None))
                n = hit[0] if hit else (pop_n if re.search(r"\ball\b", before, re.I) else None)
                out.append({**t, "role": "concomitant", "n": n, "evidence": ev(sent.start, e["end"]),
                            "first": e["start"]})
                break

    def _failed_before(self, doc: Doc, out: list[dict], t: dict, by_key: dict[str, list[dict]], pop_n: int | None) -> None:
        """A drug the patients went on taking ("MTX was continued in 121 patients") that the cohort was defined
        by having failed ("children who started ETN after MTX failure") is also a previous treatment, of every
        patient when the sentence defines the cohort by it."""
        text = text_of(doc)
        ms = by_key[t["key"]]
        if not any(CONTINUED.search(text[s.start : e["start"]]) or CONTINUED_AFTER.match(text, e["end"], s.end)
                   for e in ms for s in [sentence_at(doc, e["start"])] if s is not None):
            return
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None:
                continue
            before = _drop_parentheticals(text[sent.start : e["start"]])
            if not _entry_failed(text, before, e["end"]):
                continue
            out.append({**t, "role": "previous", "n": pop_n, "evidence": ev(e["start"], e["end"]), "first": e["start"]})
            return

    def _trial_background(self, doc: Doc, ms: list[dict]) -> bool:
        """A drug every randomised patient kept taking under the arms ("patients on stable background X were
        randomly assigned", "assigned to A or placebo on top of X") is concomitant for the whole cohort, even
        where the aim says the patients had responded poorly to it."""
        text = text_of(doc)
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None or not _writes(doc, "random") or not _sent_has(doc, RANDOMISED_TRIAL, sent):
                continue
            before = text[sent.start : e["start"]]
            if ON_TOP.search(before) or re.search(r"\bon\s+(?:stable\s+)?background\s+$", before, re.I):
                return True
        return False

    def _alone_arm(self, doc: Doc, out: list[dict], by_key: dict[str, list[dict]]) -> None:
        """"A plus B versus B alone": B, given alone to one group and with A to the other, is the comparator,
        with the size of the group given it alone ("38 received B alone", "B alone (n = 38)"); A, the drug
        added, is the one studied."""
        text = text_of(doc)
        items = {t["key"]: t for t in out}
        for t in out:
            if t["role"] not in ("study", "concomitant", "comparator"):
                continue
            for e in by_key[t["key"]]:
                sent = sentence_at(doc, e["start"])
                alone = ALONE_AFTER.match(text, e["end"], sent.end) if sent is not None else None
                if alone is None or PREVIOUS_CUES.search(text[max(sent.start, e["start"] - 70) : e["start"]]) or REACTION_TO.search(
                        text, max(sent.start, e["start"] - 60), e["start"]):
                    continue  # "who failed B monotherapy": a history, not a group given it
                partners = [k for k in items if k != t["key"] and items[k]["role"] in ("study", "concomitant") and
                            self._combined(doc, by_key[k], by_key[t["key"]])]
                if not partners:
                    continue
                size = ARM_SIZE.match(text[alone.end() : sent.end])
                lo = max([sent.start] + [o["end"] for o in entities(doc, "drug") if sent.start <= o["start"] and o["end"] <= e["start"]
                                         and o["key"] != t["key"]])
                before = search_from_counts(OWN_COUNT, text[lo : e["start"]])
                if size:
                    t["n"] = int(size.group(1) or size.group(2) or size.group(3))
                    t["evidence"] = ev(e["start"], alone.end() + size.end())
                elif before and parse_int(before.group("n")) is not None:
                    t["n"] = parse_int(before.group("n"))
                    t["evidence"] = ev(lo + before.start(), alone.end())
                elif _sent_has(doc, ARMS_COMPARED, sent):
                    if t["role"] != "comparator" or t["n"] is None:  # a comparator keeps the size its arm has elsewhere
                        t["n"] = None
                        t["evidence"] = ev(e["start"], alone.end())
                else:
                    continue  # no group given it: "patients on B alone had more flares"
                t["role"] = "comparator"
                t["first"] = t["evidence"]["start"]
                for k in partners:
                    items[k]["role"] = "study"
                break

    def _combined(self, doc: Doc, a_ms: list[dict], b_ms: list[dict]) -> bool:
        """A mention of A and one of B joined as one treatment ("A plus B", "B with A", "A added to B")."""
        text = text_of(doc)
        for a in a_ms:
            for b in b_ms:
                lo, hi = (a, b) if a["end"] <= b["start"] else (b, a)
                if 0 <= hi["start"] - lo["end"] <= 40 and COMBINED_GAP.fullmatch(text, lo["end"], hi["start"]):
                    return True
        return False

    def _given_along(self, doc: Doc, out: list[dict], by_key: dict[str, list[dict]]) -> None:
        """A drug the patients received along with the study drug ("patients received six pulses of X, along
        with Y", "all patients were given X in combination with Y") was given to the same patients: without a
        count of its own it takes the study drug's."""
        text = text_of(doc)
        study = [t for t in out if t["role"] == "study" and t["n"] is not None]
        for t in out:
            if t["role"] != "concomitant" or t["n"] is not None:
                continue
            for s in study:
                if self._along(text, doc, by_key[s["key"]], by_key[t["key"]]):
                    t["n"] = s["n"]
                    break

    def _along(self, text: str, doc: Doc, study_ms: list[dict], ms: list[dict]) -> bool:
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None:
                continue
            for sm in study_ms:
                if not sent.start <= sm["start"] < e["start"]:
                    continue
                subject = text[sent.start : sm["start"]]
                gap = _drop_parentheticals(text[sm["end"] : e["start"]])
                if GIVEN_TO_PATIENTS.search(subject) and not COUNTED_PATIENTS.search(subject) and ALONG_WITH.search(gap):
                    return True
        return False

    def _contains(self, broad: dict, narrow: dict) -> bool:
        """Whether class ``broad`` contains class ``narrow``: the narrow class says so ("classes"), or every
        lexicon drug of the narrow class is also of the broad one."""
        mc, smc = broad.get("member_class"), narrow.get("member_class")
        if not mc or not smc or mc == smc:
            return False
        if mc in narrow.get("classes", []):
            return True
        members = [d for d in self.drugs.values() if smc in d.get("classes", [])]
        return bool(members) and all(mc in d.get("classes", []) for d in members)

    def _narrower_classes(self, study: set[str], by_key: dict[str, list[dict]]) -> set[str]:
        """A studied broad class whose narrower classes the text names ("biologic treatment ... treated with
        TNFi or non-TNFi biologics"): the narrower classes are the groups studied."""
        out = set(study)
        for k in study:
            entry = self.drugs.get(k, {})
            if entry.get("kind") != "class":
                continue
            narrow = {o for o in by_key if o != k and self.drugs.get(o, {}).get("kind") == "class"
                      and self._contains(entry, self.drugs[o])}
            if len(narrow) >= 2:
                out = (out - {k}) | narrow
        return out

    def _study_category(self, entry: dict, study: set[str]) -> bool:
        """Whether a class is a category the study treatment belongs to ("biologic therapy" in a study of
        tocilizumab, "anti-IL-1 therapy" in one of canakinumab, "biological treatment" in one of TNFi): the
        study drug's category, not a further treatment. A class contains another when every lexicon drug of
        the narrower class is also of the broader one."""
        mc = entry.get("member_class")
        if entry.get("kind") != "class" or not mc:
            return False
        for k in study:
            sk = self.drugs.get(k, {})
            if sk.get("kind") == "drug" and mc in sk.get("classes", []):
                return True
            if sk.get("kind") == "class" and self._contains(entry, sk):
                return True
        return False

    def _counts(self, doc: Doc, e: dict) -> bool:
        """Mentions that say nothing about the patients' treatment are left out: lists of recorded
        variables, "excluding X", a drug class naming the drug right after it ("the anti-IL-23 antibody
        guselkumab") or right before it ("belimumab, an anti-BLyS antibody"), a drug naming a dose unit."""
        sent = sentence_at(doc, e["start"])
        if sent is None:
            return False
        text = text_of(doc)
        before = text[sent.start : e["start"]]
        if _sent_has(doc, VARIABLES, sent) or EXCLUDED.search(before) or _sent_has(doc, EXCLUSION, sent):
            return False  # a recorded variable, "except X", or what kept patients out ("those on X were excluded")
        end_point = OUTCOME_OF_DISEASE.search(before[-120:]) if self.drugs.get(e["key"], {}).get("kind") == "therapy" else None
        if end_point and not PATIENTS_REQUIRED.search(before[: len(before) - len(before[-120:]) + end_point.start()]):
            return False  # "the need for oxygen therapy or lung transplantation": an outcome, not a treatment given
        if DOSE_UNIT.match(text, e["end"]) or EQUIVALENT_NAME.search(text[e["start"] : e["end"]]):
            return False  # "a prednisolone equivalent of 8 mg/day": a unit of dose, not a drug given
        if self.drugs.get(e["key"], {}).get("kind") in ("class", "soc"):
            for o in entities(doc, "drug"):
                if o is e or self.drugs.get(o["key"], {}).get("kind") in ("class", "soc", "placebo"):
                    continue
                gap = text[e["end"] : o["start"]]
                if 0 <= o["start"] - e["end"] <= 45 and re.fullmatch(r"[\s\w\-]*", gap) and not CLAUSE_WORD.search(gap):
                    return False
                if 0 <= e["start"] - o["end"] <= 8 and re.fullmatch(r",\s*(?:an?|the)\s+[\s\w\-]*", text[o["end"] : e["start"]]):
                    return False
            if self.drugs.get(e["key"], {}).get("kind") == "soc" and re.match(r"\s+including\b", text[e["end"] : sent.end]):
                return False
        return True

    def _listed_members(self, doc: Doc, by_key: dict[str, list[dict]], study: set[str]) -> set[str]:
        """Drugs listed right after a studied class ("JAKi (baricitinib, tofacitinib ...)", "TNFi such as
        adalimumab") are studied too."""
        text = text_of(doc)
        out: set[str] = set()
        for key in study:
            if self.drugs.get(key, {}).get("kind") != "class":
                continue
            for e in by_key[key]:
                m = LIST_OPEN.match(text, e["end"])
                if not m:
                    continue
                lo = m.end()
                hi = text.find(")", lo) if m.group(0).rstrip().endswith("(") else _list_end(text, lo)
                if hi < 0:
                    continue
                for other, ms in by_key.items():
                    if other not in study and self.drugs.get(other, {}).get("kind") not in ("class", "soc", "placebo") \
                            and any(lo <= o["start"] < hi for o in ms):
                        out.add(other)
        return out

    def _treatment_groups(self, doc: Doc, by_key: dict[str, list[dict]]) -> set[str]:
        """Treatments that define the groups compared ("patients were divided into four categories based on
        treatment: observation, RAAS blockade, corticosteroids and other immunosuppression") are studied."""
        text = text_of(doc)
        out: set[str] = set()
        # GROUPED_BY_TREATMENT's every match has one of the verbs and one of the treatment words
        if not (_writes(doc, "divided", "grouped", "categori", "classified", "stratified", "separated")
                and _writes(doc, "treatment", "therap", "medication")):
            return out
        for x in sentences(doc):
            m = GROUPED_BY_TREATMENT.search(x.text)
            if not m:
                continue
            for key, ms in by_key.items():
                if self.drugs.get(key, {}).get("kind") not in ("soc", "placebo") and any(
                        x.start + m.end() <= e["start"] < x.end for e in ms) and not EXCLUDED.search(text[x.start : ms[0]["start"]]):
                    out.add(key)
        return out

    def _class_members(self, by_key: dict[str, list[dict]], study: set[str]) -> set[str]:
        """Where the study is about a class only ("TNFi users") and no named drug is studied, the named
        drugs of that class the patients received ("17% received adalimumab") are the study treatment too."""
        classes = {self.drugs.get(k, {}).get("member_class") for k in study if self.drugs.get(k, {}).get("kind") == "class"}
        if not classes or any(self.drugs.get(k, {}).get("kind") not in ("class", "soc", "placebo") for k in study):
            return set()
        return {k for k in by_key if k not in study and self.drugs.get(k, {}).get("kind") == "drug"
                and classes & set(self.drugs.get(k, {}).get("classes", []))}

    def _paired(self, doc: Doc, by_key: dict[str, list[dict]], study: set[str],
                zone: tuple[int, int]) -> tuple[set[str], set[str]]:
        """Drugs named with the study drug where the abstract states its aim: after "versus"/"compared
        with" a comparator in a randomised trial (rule 14), studied alongside it in an observational
        comparison; after "and"/"or" studied too ("tocilizumab and methotrexate")."""
        text = text_of(doc)
        randomised = _writes(doc, "random") and bool(RANDOMISED_TRIAL.search(text))  # its every match has "random"
        compared: set[str] = set()
        co: set[str] = set()
        study_ends = [e["end"] for k in study for e in by_key.get(k, []) if zone[0] <= e["start"] < zone[1]]
        in_aim = sorted(((e, k) for k, ms in by_key.items() if k not in study for e in ms
                         if zone[0] <= e["start"] < zone[1]), key=lambda x: x[0]["start"])
        for e, key in in_aim:  # in text order, so a list runs on: "X, Y, Z or placebo"
            kind = self.drugs.get(key, {}).get("kind")
            gaps = [text[b : e["start"]] for b in study_ends if 0 <= e["start"] - b <= 80]
            if any(VERSUS.fullmatch(g) for g in gaps) or any(
                    COMPARED_WITH.fullmatch(text[b : e["start"]]) and COMPARE_VERB.search(text[max(0, b - 150) : b])
                    for b in study_ends if 0 <= e["start"] - b <= 80):
                # "A versus B": B is what A is compared with — in a trial, or in a cohort whose B users are a
                # group of their own ("14,025 taking B", "B users", "the B group"); else both are studied
                (compared if randomised or kind in ("soc", "placebo") or self._own_group(doc, by_key[key]) else co).add(key)
            elif kind not in ("soc", "placebo") and any(AND_OR.fullmatch(g) for g in gaps):
                sent = sentence_at(doc, e["start"])
                comparing = sent is not None and _sent_has(doc, COMPARING, sent) and not co and len(
                    {k for k, xs in by_key.items() for x in xs if sent.start <= x["start"] < sent.end}) == 2
                (compared if randomised and (comparing or self._leads(doc, by_key, study, key, e)) else co).add(key)
                study_ends.append(e["end"])
            elif kind not in ("soc", "placebo") and not randomised and any(
                    0 <= s["start"] - e["end"] <= 40 and AND_OR.fullmatch(text[e["end"] : s["start"]])
                    for k in study for s in by_key.get(k, []) if zone[0] <= s["start"] < zone[1]):
                co.add(key)  # "we compared A and B" where B is the drug the abstract names most: A is studied too
        return compared, co - compared

    def _own_group(self, doc: Doc, ms: list[dict]) -> bool:
        """Whether the text counts or names the patients on a drug as a group of their own."""
        text = text_of(doc)
        if _own_count(doc, ms, [sentence_at(doc, e["start"]) for e in ms]):
            return True
        return any(USERS_AFTER.match(text, e["end"]) or ARM_NAME.match(text, e["end"]) for e in ms)

    def _leads(self, doc: Doc, by_key: dict[str, list[dict]], study: set[str], key: str, e: dict) -> bool:
        """In a trial, arms listed together ("glucocorticoid, hyaluronic acid, PRP or placebo") are all
        studied, unless the text named the study drug alone before the list (the title, the background):
        then the abstract is about it and the other arms are its comparators."""
        sent = sentence_at(doc, e["start"])
        lo = sent.start if sent is not None else e["start"]
        before = {k for k, ms in by_key.items() if any(m["start"] < lo for m in ms)}
        return bool(before & study) and key not in before

    def _control_arm(self, doc: Doc, ms: list[dict]) -> bool:
        """Standard of care named as a group ("30 matched patients treated with SoC", "the SOC arm")."""
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is not None and _sent_has(doc, CONTROL_WORDS, sent):
                return True
        return False

    def _study_keys(self, doc: Doc, by_key: dict[str, list[dict]], outside_bg,
                    zone: tuple[int, int]) -> tuple[set[str], bool]:
        """The drug(s) the abstract is about: named where the abstract states its aim (title, objective),
        most mentioned, named with "efficacy of", "treated with"... A drug the aim never names is studied
        only as a randomised arm. Also whether the aim (or an arm) names a drug at all: if not, the study
        drug is only the first one the methods say was given, and the abstract evaluates no drug."""
        scores: dict[str, float] = {}
        in_aim: set[str] = set()
        context = _context_before_objective(doc, zone)
        # an unheaded abstract's aim zone is its first two sentences; a second sentence that counts the patients
        # given each drug ("All received X, and 5 received Y") reports the cohort's treatment, it states no aim
        unheaded = not base.items(doc, "reuma_sections")
        first_start = sentences(doc)[0].start if sentences(doc) else 0
        for key, ms in by_key.items():
            entry = self.drugs.get(key, {})
            if entry.get("kind") in ("placebo", "soc"):
                continue
            s = 0.0
            for e in ms:
                sent = sentence_at(doc, e["start"])
                lo = sent.start if sent else 0
                before = text_of(doc)[lo : e["start"]]
                s += 0.5 if sent is not None and sent.section in ("background", "conclusions") else 1.0
                if BACKGROUND_USE.search(before[-40:]):
                    s -= 1.5  # "patients on background methotrexate": the drug the study adds to
                elif STUDY_CUES.search(before[-80:]):
                    s += 1.5
                if FIRST_ARM.search(before[-60:]):
                    s += 2.0  # "randomly assigned to upadacitinib ... , placebo ... or adalimumab"
                    in_aim.add(key)
                if zone[0] <= e["start"] < zone[1] and not any(a <= e["start"] < b for a, b in context) and not (
                        unheaded and sent is not None and sent.start > first_start and _use_counted(doc, e, sent)):
                    in_aim.add(key)
                if PREVIOUS_CUES.search(before[-60:]) or e.get("historical"):
                    s -= 1.5
            if entry.get("kind") == "class":
                s -= 1.0
            scores[key] = s
        aim_names_drug = bool(in_aim)
        if not in_aim:  # the aim names no drug: the first sentence after it that names one as given
            in_aim = self._first_given(doc, by_key, zone)
        if not in_aim:  # a trial whose aim names no drug: the drug that is an arm ("the nintedanib group")
            in_aim = {k for k, ms in by_key.items() if k in scores and any(ARM_NAME.match(text_of(doc), e["end"]) for e in ms)}
            aim_names_drug = bool(in_aim)
        if zone[1] - zone[0] > 40:  # a cohort of a disease, not of a drug: no drug is the study's
            scores = {k: v for k, v in scores.items() if k in in_aim}
        if not scores:
            return set(), aim_names_drug
        best = max(scores.values())
        specific = any(self.drugs.get(k, {}).get("kind") not in ("class", "soc", "placebo") for k in scores)
        if best <= 0 and specific:
            return set(), aim_names_drug
        top = [k for k, v in scores.items() if v == best]
        if len(top) > 1 and specific:  # a tie: a named drug before a class, then the one the methods name first
            named = [k for k in top if self.drugs.get(k, {}).get("kind") not in ("class", "soc", "placebo")] or top
            top = [min(named, key=lambda k: by_key[k][0]["start"] if outside_bg(by_key[k][0]) else 10**9 + by_key[k][0]["start"])]
        return set(top), aim_names_drug

    def _first_given(self, doc: Doc, by_key: dict[str, list[dict]], zone: tuple[int, int]) -> set[str]:
        """The drugs of the first sentence after the aim (within the next three) that names a drug other than
        as history ("naive to biologics", "had failed methotrexate"): where the aim names none, the methods
        say what the patients were given ("patients who received glucocorticoids were analysed")."""
        text = text_of(doc)
        for x in [s for s in sentences(doc) if s.start >= zone[1]][:3]:
            keys = {k for k, ms in by_key.items() for e in ms if x.start <= e["start"] < x.end
                    and not e.get("historical") and not PREVIOUS_CUES.search(text[x.start : e["start"]][-60:])}
            if keys:
                return keys
        return set()

    def _role(self, doc: Doc, key: str, ms: list[dict], study: set[str], entry: dict) -> str:
        if key in study:
            return "study"
        if entry.get("kind") == "placebo":
            return "comparator"
        arms = self._arm_sentence(doc, ms)
        if arms:
            return "comparator"
        previous = 0
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is not None and re.search(r"\bbaseline\s+characteristics\b", sent.text[:60], re.I):
                previous += 1
                continue
            lo = sent.start if sent else 0
            before = _drop_parentheticals(text_of(doc)[lo : e["start"]])
            if CURRENT_USE.search(before) and not EARLIER_USE.search(before) and not EARLIER_AFTER.match(text_of(doc), e["end"]):
                continue  # "were treated with X" is current use, "previously treated with X" history
            clause = _own_clause(before)
            historical = e.get("historical") and clause == before  # ConText's scope runs past the clause
            if historical or PREVIOUS_CUES.search(clause[-70:]) or HAD_STOPPED.search(clause[-60:]) or PREVIOUS_AFTER.match(text_of(doc)[e["end"] : e["end"] + 25]) or \
                    EARLIER_AFTER.match(text_of(doc), e["end"]) or (
                    sent is not None and _before_entry(doc, e, sent.end)):
                previous += 1
        return "previous" if previous and previous >= len(ms) / 2 else "concomitant"

    def _arm_count(self, doc: Doc, ms: list[dict], role: str) -> tuple[int, dict] | None:
        """"Sixteen patients in the voclosporin group and 10 patients in the control group"."""
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None:
                continue
            # the group word after the drug first: a cheap test that spares the count search in most sentences
            if not GROUP_WORD_AFTER.match(text_of(doc), e["end"], sent.end):
                continue
            comprised = GROUP_COMPRISED.match(text_of(doc), e["end"], sent.end)
            if comprised:  # "the etanercept group comprised 52 patients"
                return int(comprised.group("n") or comprised.group("m")), ev(e["start"], comprised.end())
            m = ARM_COUNT_BEFORE.search(text_of(doc)[sent.start : e["start"]])
            if m:
                return parse_int(m.group("n") or m.group("d")), ev(sent.start + m.start(), e["end"] + len(re.match(r"\s*(?:-?treated\s+)?(?:group|arm)", text_of(doc)[e["end"] :]).group(0)))
        if role in ("study", "comparator") and _found(doc, ARMS_COMPARED):
            each = _each_arm_count(doc)
            if each:
                return each, ev(ms[0]["start"], ms[0]["end"])
        if role == "comparator":
            for s in sentences(doc):
                m = CONTROL_ARM_COUNT.search(s.text) if _sent_has(doc, CONTROL_ARM, s) else None
                if m:
                    return parse_int(m.group("n")), ev(ms[0]["start"], ms[0]["end"])
        return None

    def _arm_sentence(self, doc: Doc, ms: list[dict]) -> bool:
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent and _sent_has(doc, ARMS_COMPARED, sent) and ARM_SIZE.match(text_of(doc)[e["end"] : sent.end]):
                return True
        return False

    def _count(self, doc: Doc, key: str, ms: list[dict], role: str, pop_n: int | None,
               is_class: bool = False, base_n: int | None = None) -> tuple[int | None, dict]:
        """``pop_n`` is what a study drug given to everyone gets; ``base_n`` the base of percentages."""
        if base_n is None:
            base_n = pop_n
        text = text_of(doc)
        arm = self._arm_count(doc, ms, role)
        if arm:
            return arm
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None:
                continue
            if except_one(text, e["end"], sent.end) and base_n:
                return base_n - 1, ev(_verb_start(text, sent.start, e["start"]), e["end"])
            arm = ARM_SIZE.match(text[e["end"] : sent.end])
            if arm:
                return int(arm.group(1) or arm.group(2) or arm.group(3)), ev(e["start"], e["end"] + arm.end())
            partner = _combination_partner(doc, e, sent) if role == "study" and _sent_has(doc, ARMS_COMPARED, sent) else None
            arm = ARM_SIZE.match(text[partner["end"] : sent.end]) if partner else None
            if arm:  # "randomized to A plus B (n = 50) or B alone (n = 48)": the combination's arm is A's
                return int(arm.group(1) or arm.group(2) or arm.group(3)), ev(e["start"], partner["end"] + arm.end())
            own = COUNT_AFTER_USE.match(text, e["end"], sent.end)
            if own and (own.group("n") or (base_n and int(own.group("d")) == base_n)) and not REACTION_TO.search(
                    text, max(sent.start, e["start"] - 60), e["start"]):
                return int(own.group("n") or own.group("k")), ev(e["start"], own.end())
        resp = self._respectively(doc, ms, base_n)
        if resp:
            return resp
        if role in ("study", "comparator"):
            own = _own_count(doc, ms, [sentence_at(doc, e["start"]) for e in ms], list(entities(doc, "drug")))
            if own and (base_n is None or own[0] <= base_n or role == "comparator"):
                return own  # more than the cohort: counted before exclusions (a control arm is no part of it)
        if role == "study":
            share = _subgroup_share(text, ms, [sentence_at(doc, e["start"]) for e in ms])
            if share:
                return share
            everyone = _given_to_all(text, ms, [sentence_at(doc, e["start"]) for e in ms])
            if everyone and base_n:
                return base_n, everyone
            # its own share, printed right after it: one of several studied drugs, a class, or a sole drug only part
            # of the cohort had ("hydroxychloroquine (75%)", "X 60 (75%)")
            tight = _paren_count(text, ms, base_n) or _bare_count(text, ms, base_n)
            if tight and (pop_n is None or is_class or tight[0] < pop_n):
                return tight
            first = ms[0]
            end = first["end"]
            par = re.match(r"\s*\([^()]{1,12}\)", text[end:])
            if par and first.get("abbr") and first["abbr"] in par.group(0):
                end += par.end()
            if _title_exposure(doc, ms):
                return None, ev(first["start"], end)
            return (None if is_class else pop_n), ev(first["start"], end)
        for e in ms:
            sent = sentence_at(doc, e["start"])
            after = _given_to(text, e, sent) if sent is not None else None
            if after:
                return after
            back = IN_THE_COHORT.match(text, e["end"], sent.end) if sent is not None and base_n else None
            if back and parse_int(back.group("n")) == base_n:  # the whole cohort, named back
                return base_n, ev(e["start"], back.end())
            share = GIVEN_TO_SHARE.match(text, e["end"], sent.end) if sent is not None and base_n else None
            if share:  # "X had been given to 13%"
                n = count_from_percent(float(share.group("pc").replace(",", ".")), base_n, decimals(share.group("pc")))
                if n is not None:
                    return n, ev(e["start"], share.end())
            own = _first_from_counts(doc, OWN_COUNT, sent, e["start"]) if sent is not None else None
            if own and not own.group("place") and parse_int(own.group("n")) is not None and not LATER_TIME.search(
                    text[sent.start : e["start"]]) and not SUBGROUP_AFTER.match(text, e["end"]):
                return parse_int(own.group("n")), ev(sent.start + own.start(), e["end"])  # "5 were given X"
            if sent is not None and EXPERIENCED_AFTER.match(text, e["end"]):
                exp = _first_from_counts(doc, COUNT_WERE, sent, e["start"])
                if exp and parse_int(exp.group("n")) is not None:  # "45 (56%) were bDMARD-experienced"
                    return parse_int(exp.group("n")), ev(sent.start + exp.start(), EXPERIENCED_AFTER.match(text, e["end"]).end())
            were = _first_from_counts(doc, COUNT_WERE_ON, sent, e["start"]) if sent is not None else None
            if were and parse_int(were.group("n")) is not None and not LATER_TIME.search(text[sent.start : e["start"]]):
                return parse_int(were.group("n")), ev(sent.start + were.start(), e["end"])  # "35 (70%) were receiving X"
            prior = [o for o in entities(doc, "drug") if sent is not None and sent.start <= o["start"] and o["end"] <= e["start"]]
            gap = text[prior[-1]["end"] : e["start"]] if prior else ""
            if prior and _list_gap(gap) and not re.search(r"\d|\bor\b|,", gap, re.I):
                were = _first_from_counts(doc, COUNT_WERE_ON, sent, prior[-1]["start"])
                if were and parse_int(were.group("n")) is not None and not LATER_TIME.search(text[sent.start : e["start"]]):
                    return parse_int(were.group("n")), ev(sent.start + were.start(), e["end"])  # "five were on MTX+HCQ"
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None:
                continue
            if NAIVE_AFTER.match(text, e["end"]):
                continue  # "35 were bDMARD-naive": those who never had it
            hit = count_near(text, e["start"], e["end"], sent.start, sent.end, base_n)
            if hit is None and base_n:
                share = SHARE_GIVEN_BEFORE.search(text, sent.start, e["start"])
                n = count_from_percent(float(share.group("pc").replace(",", ".")), base_n, decimals(share.group("pc"))) if share else None
                hit = (n, share.start(), e["end"]) if n is not None else None  # "52% were treated with X"
            if hit and hit[1] < e["start"] and any(
                    o is not e and hit[1] < o["start"] < e["start"] for o in entities(doc, "drug")) and not _list_gap(
                    text[max(hit[1], max(o["end"] for o in entities(doc, "drug") if o["end"] <= e["start"])) : e["start"]]):
                # the count belongs to another drug named in between; the drug's own clause may give its own
                # ("13% had received prior X and 52% received Y")
                lo = max(o["end"] for o in entities(doc, "drug") if o["end"] <= e["start"])
                hit = count_near(text, e["start"], e["end"], lo, sent.end, base_n)
                hit = hit if hit and hit[1] >= lo else None
            if hit and hit[1] < e["start"] and re.match(r"\S+\s+(?:\w+\s+)?(?:groups|arms|categories|cohorts)\b", text[hit[1] : e["start"]], re.I):
                hit = None  # "three groups as X group": a number of groups, not of patients
            if hit and hit[1] < e["start"] and re.fullmatch(r"\s*\w+\s*", text[hit[1] : e["start"]]) and ADMINISTRATIONS.match(text, e["end"]):
                hit = None  # "one X injection", "three X pulses": a number of doses, not of patients
            if hit and re.search(r"\b[A-Z][A-Za-z0-9\-]*\s*=\s*$", text[max(sent.start, hit[1] - 15) : hit[1]]):
                hit = None  # "BVAS=0 with prednisone": a score's value, not a number of patients
            if hit and hit[1] < e["start"] and STOPPED.search(text[hit[1] : e["start"]]) and not (
                    role == "previous" and HAD_STOPPED.search(text[hit[1] : e["start"]])):
                hit = None  # "40% discontinued steroids": those who stopped, not those who received it
            if hit and hit[1] >= e["start"] and role != "previous" and STOPPED.search(text[e["end"] : hit[2]]):
                hit = None  # "X was discontinued in 9 patients": the same, told after the drug
            if hit and hit[1] < e["start"] and AT_LEAST.search(text[sent.start : hit[1]]) and re.fullmatch(
                    r"\s*\w+\s*", text[hit[1] : e["start"]]):
                # "failed ≥1 TNFi": how many drugs each patient had, not how many patients; an entry criterion
                # every patient met — unless the clause counts the patients first ("22 had been exposed to ≥1 bDMARD")
                who = _first_from_counts(doc, COUNT_BEFORE_AT_LEAST, sent, hit[1])
                if who and parse_int(who.group("n")) is not None:
                    return parse_int(who.group("n")), ev(sent.start + who.start(), e["end"])
                return (base_n if role == "previous" else None), ev(hit[1], e["end"])
            if hit:
                n, a, b = hit
                if base_n is not None and re.search(r"\bwithout\s+(?:\w+\s+)?$", text[sent.start : e["start"]]):
                    n = base_n - n  # "41 patients were treated without glucocorticoids"
                use = re.match(r"\s+(?:use|therapy|treatment)\b", text[b:sent.end])
                return n, ev(a, b + (use.end() if use and b == e["end"] else 0))
        tight = _paren_count(text, ms, base_n)  # "systemic glucocorticoids (oral 67/96; ...)"
        if tight:
            return tight
        for e in ms:
            sent = sentence_at(doc, e["start"])
            naive = NAIVE_AFTER.match(text, e["end"]) if sent is not None and base_n and role == "previous" else None
            k = _first_from_counts(doc, COUNT_WERE, sent, e["start"]) if naive else None
            if k and parse_int(k.group("n")) is not None and parse_int(k.group("n")) < base_n:
                return base_n - parse_int(k.group("n")), ev(sent.start + k.start(), naive.end())  # the rest had it
        e = ms[0]
        return None, ev(e["start"], e["end"])

    def _respectively(self, doc: Doc, ms: list[dict], base_n: int | None) -> tuple[int, dict] | None:
        """Drugs listed first and their counts after ("MTX, LEF and HCQ were used in 40, 12 and 8 patients,
        respectively", "on monotherapy or receiving steroids (55% and 59%, respectively)"): the drug's place
        among the last listed items gives its value; percentages are of the cohort."""
        text = text_of(doc)
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None:
                continue
            # RESPECTIVELY_AFTER's every match ends with "respectively"
            m = RESPECTIVELY_AFTER.search(text, e["end"], sent.end) if _writes(doc, "respectively") else None
            if m is None or re.search(r"[;]", text[e["end"] : m.start()]):
                continue
            raw = re.findall(RESP_NUM, m.group("nums"))
            lo = max([sent.start] + [x.end() for x in re.finditer(r";", text[sent.start : e["start"]])])
            cut = max(o["end"] for o in entities(doc, "drug") if lo <= o["start"] and o["end"] <= m.start())
            seps = [lo + x.start() for x in LIST_SEP.finditer(text[lo:cut])][-(len(raw) - 1):]
            if len(seps) != len(raw) - 1:
                continue
            value = raw[sum(1 for x in seps if x < e["start"])]
            num = re.match(r"\d+(?:[.,]\d+)?", value).group(0)
            if "%" in value.split("(")[0] or ("%" in m.group("nums").split("(")[0] and "(" not in m.group("nums")):
                n = count_from_percent(float(num.replace(",", ".")), base_n, decimals(num)) if base_n else None
            else:
                n = parse_int(num)
            if n is not None:
                return n, ev(e["start"], m.end())
        return None

    def _name(self, doc: Doc, key: str, ms: list[dict], entry: dict) -> str:
        if entry.get("kind") != "class":
            return key.lower()
        defs = {d["short"]: d["long"] for d in base.items(doc, "reuma_abbreviations")}
        for e in ms:
            if e.get("abbr") in defs:
                return _plural(defs[e["abbr"]].lower())
        e = ms[0]
        surface = text_of(doc)[e["start"] : e["end"]]
        if surface.isupper() or any(c.isupper() for c in surface[1:]) or " " not in surface.strip():
            # an abbreviation the text does not define, or a one-word synonym ("steroids"): the lexicon's name
            before = text_of(doc)[max(0, e["start"] - 25) : e["start"]].lower()
            mod = next((m for m in CLASS_MODIFIERS if before.rstrip().endswith(m)), None)
            return f"{mod} {key.lower()}" if mod else key.lower()
        before = text_of(doc)[max(0, e["start"] - 25) : e["start"]].lower()
        mod = next((m for m in CLASS_MODIFIERS if before.rstrip().endswith(m)), None)
        name = _plural(surface.lower())
        return f"{mod} {name}" if mod else name


#: a time word right after the drug dating its use before the study: "8 were on anti-TNF agents previously", "X in the past"
EARLIER_AFTER = re.compile(r"\s+(?:(?:agents?|therapy|treatment|drugs?)\s+)?(?:previously|formerly|in\s+the\s+past|before\s+(?:inclusion|enrol\w*|entry|baseline|"
                           r"the\s+study|study\s+entry))\b", re.I)
#: a drug the patients had stopped before the study, in the pluperfect: "14 (35%) had discontinued infliximab", "had
#: stopped their previous TNFi" — their history, and a count of those who had received it
HAD_STOPPED = re.compile(r"\bhad\s+(?:(?:previously|already|earlier|also|all)\s+)?(?:discontinued|stopped|withdrawn|interrupted|switched\s+from)\s+"
                         r"(?:(?:the|their|a|an|prior|previous)\s+)?$", re.I)
#: a count of patients who stopped a drug is no count of those who received it
STOPPED = re.compile(r"\b(?:discontinu\w*|stopp\w*|withdr[ae]w\w*|tapered\s+off|ceased|interrupted)\b", re.I)
#: a procedure named as where the disease led (an end point), not as a treatment the study gave: "the need for
#: long-term oxygen therapy or lung transplantation", "respiratory failure requiring dialysis"
OUTCOME_OF_DISEASE = re.compile(
    r"\b(?:need(?:ed|ing)?\s+(?:for|of)|requir(?:ed|ing)|necessitat\w*|leading\s+to|progress\w*\s+to|"
    r"end-?points?|composite\s+outcomes?)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:(?:[\w\-]+\s+){1,3}(?:or|and|and/or)\s+(?:[\w\-]+\s+){0,2}?)?$", re.I)
#: counted patients as the ones who needed it ("three required surgery"): a treatment they were given
PATIENTS_REQUIRED = re.compile(rf"(?:{count_pattern()}|\bpatients|\bsubjects|\bcases)\s*(?:\([^()]*\)\s*)?(?:\w+\s+){{0,1}}$", re.I)
CASE_CONTROL = re.compile(r"\bcase[\s\-\u2010-\u2015]+controls?\b|\bnested\s+case\b", re.I)
#: a sentence that puts patients into arms or groups
ALLOCATED = re.compile(r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|assigned|allocated|divided)\b[^.;]*?\b(?:to|into)\b", re.I)
#: a named group with its treatment in brackets: "study group (A plus B)", "control group (simple B)"
GROUP_BRACKET = re.compile(r"\b(?P<kind>study|treatment|treated|experimental|intervention|active|control|comparison|comparator|reference)"
                           r"\s+(?:group|arm)\s*\((?P<body>[^()]*)\)", re.I)
CONTROL_KINDS = ("control", "comparison", "comparator", "reference")
#: a group's size inside its brackets or right after them: "(A plus B; n = 63)", "control group (B) (n = 40)"
GROUP_SIZE = re.compile(r"\bn\s*=\s*(?P<n>\d+)", re.I)
GROUP_SIZE_AFTER = re.compile(r"\s*,?\s*\(?\s*n\s*=\s*(?P<n>\d+)\s*\)?", re.I)
#: a group's size told before it: "34 patients were allocated to the intervention group (A) and 33 to the control group (B)"
COUNT_TO_GROUP = re.compile(r"(?<![\w.,])(?P<n>\d+)\s+(?:(?:patients|pts|subjects|participants)\s+)?(?:(?:were|was)\s+)?"
                            r"(?:(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|allocated|assigned|included|enrolled)\s+)?"
                            r"(?:to|into|in)\s+(?:the\s+|an?\s+)?$", re.I)
#: an arm's size after its name: "the etanercept group comprised 52 patients", "the X arm included 40"
GROUP_COMPRISED = re.compile(r"\s*(?:-?treated\s+)?(?:group|arm)\s+(?:(?:comprised|included|consisted\s+of|contained|was\s+composed\s+of|numbered)\s+"
                             r"(?P<n>\d+)\b(?:\s+(?:patients|pts|subjects|participants))?|(?P<m>\d+)\s+(?:patients|pts|subjects|participants)\b)", re.I)
#: an arm's label after its treatment: "(arm 1)", "(group B)"
ARM_LABEL = re.compile(r"\(\s*(?:arm|group)\s+(?P<k>\d+|[A-Za-z])\s*\)", re.I)
#: what a number right before a drug counts when the drug names a dose: "one corticosteroid injection"
ADMINISTRATIONS = re.compile(r"\s*(?:-\s*)?(?:injections?|doses?|courses?|pulses?|infusions?|cycles?|tablets?|shots?|boluses)\b", re.I)
#: the patients counted before such a number: "22 had been exposed to ≥1 bDMARD", "30 patients (75%) had failed at least one"
COUNT_BEFORE_AT_LEAST = re.compile(rf"(?<![\w.,])(?P<n>{count_pattern()})\s+(?:\([^()]*\)\s+)?(?:(?:[\w\-]+\s+)?(?:patients|pts|subjects|participants)\s+(?:\([^()]*\)\s+)?)?"
                                   r"(?:had\s+)?(?:(?:been|previously|already|also)\s+)*(?:exposed\s+to|received|failed|used|taken|treated\s+with|tried)\s+"
                                   r"(?:[≥>]|>=|at\s+least|more\s+than|one\s+or\s+more)\s*$", re.I)
#: a number of drugs per patient, not of patients: "≥1 TNFi", "at least one csDMARD", "more than two biologics"
AT_LEAST = re.compile(r"(?:[≥>]|>=|\bat\s+least|\bmore\s+than|\bone\s+or\s+more)\s*$", re.I)
#: patients going on with a drug they already took: "24 continued colchicine", "all remained on MTX"
CONTINUED = re.compile(r"\b(?:continued|continuing|remained\s+on|stayed\s+on|kept)\s+(?:(?:on|with|taking|their|the)\s+){0,2}$", re.I)
#: a drug added beneath every arm: "on top of X", "in addition to background X"
ON_TOP = re.compile(r"\b(?:on\s+top\s+of|on\s+a\s+background\s+of|in\s+addition\s+to\s+background)\s+(?:[\w\-]+\s+)?$", re.I)
#: a bare, generic word for a class, which a text uses in passing for a class it names more exactly elsewhere
GENERIC_CLASS_WORD = re.compile(r"(?:oral\s+)?steroids?", re.I)
#: a clause between a class and a drug ("despite conventional therapy that were treated by TCZ"): not an apposition
CLAUSE_WORD = re.compile(r"\b(?:that|which|who|were|was|are|is|had|have|and|or|by|with|to|in|after|before|during|while|under|alongside|until|since|plus|then|received|receiving|given|started|starting|initiated|underwent|took|taking|used|using)\b", re.I)
GROUPED_BY_TREATMENT = re.compile(
    r"\b(?:divided|grouped|categori[sz]ed|classified|stratified|separated)\s+(?:into\s+(?:\w+\s+){0,2}?"
    r"(?:groups|categories|cohorts|arms)\s+)?(?:according\s+to|based\s+on|by)\s+(?:their\s+|the\s+)?"
    r"(?:treatment|therapy|therapeutic\s+(?:regimen|strategy)|medication)s?\b", re.I)
DOSE_UNIT = re.compile(r"\s*-?\s*equivalents?\b", re.I)
#: a drug mention that is itself a unit of dose: "prednisolone equivalent"
EQUIVALENT_NAME = re.compile(r"\bequivalents?$", re.I)
#: the group word right after an arm's drug: "the voclosporin group", "the etanercept-treated arm"
GROUP_WORD_AFTER = re.compile(r"\s*(?:-?treated\s+)?(?:group|arm)\b")
#: a drug named after "and" or a comma, perhaps with an article and one word: "..., and an additional B"
JOINED_BEFORE = re.compile(r"(?:\band|,)\s+(?:(?:an?|the)\s+)?(?:[\w\-]+\s+)?$")
LIST_OPEN = re.compile(r"\s*(?:\([^()]{0,12}\)\s*)?(?:\(|,?\s*(?:including|such\s+as|namely|i\.e\.,?|e\.g\.,?)\s+|:\s*|\s*[—–]\s*)", re.I)
ARM_NAME = re.compile(r"\s*(?:-?treated\s+)?(?:group|arm)\b", re.I)
#: an aim that compares the drugs it names: "to compare X and Y", "the comparative effectiveness of X and Y"
COMPARING = re.compile(r"\b(?:compare|comparing|comparative|comparison\s+(?:of|between))\b", re.I)
#: randomisation itself ("randomised", "randomisation", "randomly assigned"), not any comparison: a drug after
#: "versus" is then a comparator, and a drug every arm kept is background; see ARMS_COMPARED for the wider reading
RANDOMISED_TRIAL = re.compile(r"\brandomi[sz](?:ed|ation)\b|\brandomly\s+(?:assigned|allocated)\b", re.I)
AND_OR = re.compile(r"(?:\s*\([^()]{1,20}\))?\s*(?:,|,?\s*and|,?\s*or|plus|/|\+)\s*", re.I)
CONTROL_WORDS = re.compile(r"\b(?:group|arm|matched|controls?|compared|versus|vs\.?|than)\b", re.I)
VERSUS = re.compile(r"(?:\s*\([^()]{1,40}\))?[\s\w\-]{0,40}?\b(?:versus|vs\.?|compared\s+(?:with|to)|against|"
                    r"(?:superior|inferior|non-?inferior|equivalent)\s+to|than(?:\s+(?:with|on))?)\s+(?:\w+\s+){0,2}", re.I)
#: "to compare A with B", "comparing A to B": the object of a comparing verb is what A is compared with
COMPARED_WITH = re.compile(r"(?:\s*\([^()]{1,40}\))?\s*,?\s*(?:with|to)\s+(?:\w+\s+){0,2}", re.I)
COMPARE_VERB = re.compile(r"\bcompar(?:e|ed|es|ing)\b(?:(?!\bwith\b|\bto\b)[^.;])*$", re.I)


RESP_NUM = r"\d+(?:[.,]\d+)?\s*%?(?:\s*\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?"
#: the values of a "respectively" list given after the items: "40, 12 and 8 patients, respectively"
RESPECTIVELY_AFTER = re.compile(
    rf"(?P<nums>(?:{RESP_NUM}\s*,\s*)*{RESP_NUM}\s*,?\s*(?:and|or)\s+{RESP_NUM})\s*"
    r"(?:(?:of\s+(?:the\s+)?)?(?:patients|pts|subjects|cases)\s*)?,?\s*respectively\b", re.I)
LIST_SEP = re.compile(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+", re.I)


#: a count right before a class mention: the class is then a treatment some patients got, not a category
#: ("12 had received prior biological therapy"); a year is no count ("from 2019 to 2021 as first biologic")
COUNT_NEAR_CLASS = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d(?![\d.%]))\d+(?:\.\d+)?\s*%?[^.;\d]{0,40}$")


#: the patients as a whole receiving the study drug: "patients received", "all patients were given"
GIVEN_TO_PATIENTS = re.compile(r"\bpatients\s+(?:were\s+)?(?:received|given|treated\s+with|started)\b", re.I)
#: a drug given with the study drug to the same patients
ALONG_WITH = re.compile(r"^[^.;]{0,60}?\b(?:along|together|in\s+combination)\s+with\s+(?:[\w\-\u2010]+\s+){0,2}$", re.I)


def _under_in_conclusions(doc: Doc, e: dict) -> bool:
    """The conclusions saying what the studied patients were under ("ILD in ASS under immunosuppressive therapy
    is mainly non-progressive"): the cohort's treatment, though the methods never name it."""
    sent = sentence_at(doc, e["start"])
    if sent is None or sent.section != "conclusions":
        return False
    before = text_of(doc)[sent.start : e["start"]]
    return bool(re.search(r"\bunder\s+(?:[\w\-]+\s+)?$", before, re.I) or DOSE_REDUCED_BEFORE.search(before)
                or DOSE_REDUCED_AFTER.match(text_of(doc), e["end"], sent.end))


#: the conclusions saying the patients' dose of a drug came down ("reduced the dose of corticosteroids",
#: "allowed tapering of prednisone", "prednisone doses were lowered"): they were on it
DOSE_REDUCED_BEFORE = re.compile(
    r"\b(?:reduc\w*|lower\w*|decreas\w*|taper\w*|spar\w*|cut\w*)\s+(?:(?:both|the|their|mean|daily|cumulative|"
    r"duration|and|of|in)\s+){0,6}(?:doses?|dosages?|duration|use|requirements?|exposure|burden|need)\s+(?:of|for)\s+$"
    r"|\b(?:taper(?:ing)?|reduction|withdrawal)\s+(?:of|in)\s+(?:the\s+|their\s+)?$", re.I)
DOSE_REDUCED_AFTER = re.compile(
    r"\s*(?:\([^()]{1,20}\)\s*)?(?:doses?|dosages?|requirements?|use)\s+(?:(?:was|were|had\s+been|could\s+be|"
    r"has\s+been|have\s+been)\s+)?(?:significantly\s+)?(?:reduced|lowered|decreased|tapered|spared)\b", re.I)
#: a drug's own count printed after it and the word for how it was given or used: "X alone (n = 5; 25%)",
#: "i.v. X pulses 13/96", "X monotherapy, n = 12", "X therapy (12/40)"; a fraction only over the cohort
COUNT_AFTER_USE = re.compile(
    r"\s*(?:(?:pulses?|infusions?|injections?|courses?|cycles?|boluses|therapy|treatment|use|alone|only|monotherapy)\s*)?"
    r"(?:,\s*)?(?:[(\[]\s*)?(?:n\s*=\s*(?P<n>\d+)(?![.,]?\d|\s*%)|(?P<k>\d+)\s*/\s*(?P<d>\d+)(?![\d.,/]|\s*(?:mg|g\b|kg|mcg|µg|ml)))",
    re.I)
#: a drug named as what patients responded badly to: the count after it is of those patients, not its users
REACTION_TO = re.compile(r"\b(?:response|resistan\w*|intoleran\w*|failure|failing|refractor\w*|contraindications?|reactions?|"
                         r"allerg\w*|dependen\w*)\s+(?:to|of|with|on)\s+(?:[\w\-]+\s+){0,2}$", re.I)
#: a drug named as an exposure whose effect is weighed, not as what the cohort received: "Prognostic benefit of X
#: in ...", "Risk of herpes zoster due to X", "infections associated with X"
EXPOSURE_BEFORE = re.compile(
    r"\b(?:(?:prognostic\s+)?(?:benefits?|impact|influence|association)\s+of|due\s+to|associated\s+with|attributable\s+to|"
    r"related\s+to|exposure\s+to)\s+(?:(?:the|an?|various|different)\s+)?(?:[\w\-]+\s+){0,2}$", re.I)


def _title_exposure(doc: Doc, ms: list[dict]) -> bool:
    """A drug the abstract names only in its title, and there as an exposure ("Prognostic benefit of
    immunosuppressive agents in ..."): some of the cohort had it, so the cohort's count is not its count."""
    sents = sentences(doc)
    if not sents:
        return False
    title = sents[0]
    return all(title.start <= e["start"] < title.end for e in ms) and any(
        EXPOSURE_BEFORE.search(text_of(doc), title.start, e["start"]) for e in ms)


#: a control group defined by the drug it received: "matched with 100 controls treated with X", "compared
#: to 40 control patients receiving X", "and 100 matched controls on X"
CONTROLS_ON = re.compile(
    rf"(?:(?P<n>{count_pattern()})\s+)?(?:(?:age[\s\-]+and[\s\-]+sex[\s\-]+|sex[\s\-]+and[\s\-]+age[\s\-]+)?matched\s+|"
    r"historical\s+|[\w\-]+\s+)?(?:controls?|control\s+(?:patients|subjects|participants|group|arm|cohort))\s+"
    r"(?:\([^()]*\)\s+)?(?:(?:who|that)\s+)?(?:(?:were|had\s+been|was)\s+)?(?:(?:treated|managed)\s+with|receiving|received|on|"
    r"taking|given|using|started\s+on)\s+(?:(?:an?|the|their|standard|conventional|usual)\s+)?$", re.I)


def _controls_on(doc: Doc, ms: list[dict]) -> tuple[int | None, dict] | None:
    """The drug a control group is defined by, with the group's size where it is given."""
    text = text_of(doc)
    for e in ms:
        sent = sentence_at(doc, e["start"])
        if sent is None:
            continue
        lo = max(sent.start, e["start"] - 120)
        # CONTROLS_ON matches only with "control" in it, and only inside text[lo:e["start"]] (search's pos/endpos);
        # c, o, n, t, r, l have no case variant outside ASCII, so lower() finds every "control" IGNORECASE would
        if "control" not in text[lo : e["start"]].lower():
            continue
        m = CONTROLS_ON.search(text, lo, e["start"])
        if m:
            n = parse_int(m.group("n")) if m.group("n") else None
            return n, ev(m.start() if n is not None else e["start"], e["end"])
    return None


#: a drug given on its own to one group: "B alone", "B only", "B monotherapy" (not "B alone or with A")
ALONE_AFTER = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:alone|only|monotherapy)\b(?!\s+or\b)", re.I)
#: what joins two drugs given together: "A plus B", "A + B", "A and B", "A added to B", "A in combination with B"
COMBINED_GAP = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:plus|\+|and|with|in\s+combination\s+with|combined\s+with|"
                          r"added\s+to|on\s+top\s+of|in\s+addition\s+to|together\s+with)\s+(?:(?:an?|the|background|standard)\s+)?", re.I)
#: a count, its share in brackets, and a passive or progressive verb of use right before the drug: "35 (70%)
#: were receiving X", "12 patients (24%) were on X", "20 were still taking X"; or the count of a part of those
#: just named: "60 patients, 22 of whom received concomitant X", "40 (12 of them on X)"
COUNT_WERE_ON = re.compile(
    rf"(?P<n>{count_pattern()})\s*(?:\([^()]{{1,30}}\)\s*)?(?:(?:patients|subjects|participants|cases)\s*(?:\([^()]{{1,30}}\)\s*)?)?"
    r"(?:(?:were|had\s+been)\s+(?:(?:also|still|already|additionally)\s+)?(?:receiving|taking|on|using|treated\s+with|"
    r"maintained\s+on|started\s+on)|(?:of\s+(?:whom|them|these)|among\s+(?:them|whom))\s*(?:\([^()]{1,30}\)\s*)?"
    r"(?:(?:were|had)\s+)?(?:(?:also|additionally)\s+)?(?:received|receiving|took|taking|used|on|treated\s+with|started))\s+"
    r"(?:(?:an?|the|oral|systemic|concomitant|their|low-dose|high-dose)\s+)?$", re.I)
#: a drug patients had or had never had, named as their kind: "bDMARD-experienced", "TNFi-naive"
EXPERIENCED_AFTER = re.compile(r"\s*-?\s*(?:experienced|exposed|pre-?treated)\b", re.I)
NAIVE_AFTER = re.compile(r"\s*-?\s*na[iï]ve\b", re.I)
#: the count such a kind is said of: "45 (56%) were ...", "35 patients were ..."
COUNT_WERE = re.compile(rf"(?P<n>{count_pattern()})\s*(?:\([^()]{{1,30}}\)\s*)?(?:(?:patients|subjects|participants)\s*"
                        rf"(?:\([^()]{{1,30}}\)\s*)?)?(?:were|was)\s+(?:(?:previously|already)\s+)?$", re.I)
#: "X was continued in 121 patients", "X was maintained in 40": patients went on taking it
CONTINUED_AFTER = re.compile(rf"\s*(?:\([^()]{{1,20}}\)\s*)?(?:was|were|had\s+been)\s+(?:\w+\s+)?(?:continued|maintained|kept)\b"
                             rf"(?:\s+(?:in|by)\s+(?P<n>{count_pattern()}))?", re.I)
#: the patients who entered after a drug failed: "children who started ETN or TCZ after (failure of) X"
ENTRY_AFTER = re.compile(r"\b(?:patients|adults|children|subjects|participants|individuals)\s+(?:[\w\-]+\s+){0,8}?(?:who|that)\s+"
                         r"(?:[\w\-]+\s+){1,8}?after\s+(?:(?:the\s+)?failure\s+of\s+|failing\s+)?$", re.I)
def _entry_failed(text: str, before: str, end: int) -> bool:
    """The cohort defined by having failed the drug: "adults who had failed X", "children who started Y after
    X (MTX) failure", "patients who received Y after failure of X"."""
    if ENTRY_HISTORY.search(before):
        return True
    if not ENTRY_AFTER.search(before):
        return False
    after = re.sub(r"^\s*\([^()]{1,20}\)", "", text[end : end + 45])
    return bool(re.search(r"\b(?:failure\s+of|failing)\s+$", before, re.I) or PREVIOUS_AFTER.match(after))


#: a bare count and its share right after a drug, as a table row is printed: "hydroxychloroquine 60 (75%)"
BARE_COUNT = re.compile(r"\s*:?\s*(?P<k>\d+)\s*\(\s*(?P<pc>\d+(?:[.,]\d+)?)\s*%\s*\)")


def _bare_count(text: str, ms: list[dict], base_n: int | None) -> tuple[int, dict] | None:
    """"X 60 (75%)": the count whose share of the cohort the bracket confirms (so no dose or time is read)."""
    for e in ms:
        m = BARE_COUNT.match(text, e["end"])
        if m is None or not base_n:
            continue
        k = int(m.group("k"))
        if k <= base_n and abs(100.0 * k / base_n - float(m.group("pc").replace(",", "."))) < 1.0:
            return k, ev(e["start"], m.end())
    return None


#: a drug's clause placing its use before the study: "X had been used in 30 patients before Y", "X had been
#: stopped before inclusion in 12" (not "X, started before inclusion, was continued")
BEFORE_ENTRY = re.compile(r"(?:(?!\b(?:start|initiat|continu|maintain|stable|still)\w*)[^;.])*?\bbefore\s+(?:(?:the|study|their|its)\s+)?"
                          r"(?:(?P<event>inclusion|enrol\w*|baseline|entry|study\s+entry|randomi[sz]ation|screening|start\w*|initiat\w*|switch\w*)\b)?", re.I)


def _before_entry(doc: Doc, e: dict, hi: int) -> bool:
    """The clause after a drug says its use came before the study's (an entry event, or another drug named
    right after "before"), in a past-perfect or passive clause ("had been used", "was stopped")."""
    text = text_of(doc)
    m = BEFORE_ENTRY.match(text, e["end"], hi)
    if m is None or not re.match(r"\s*(?:\([^()]{1,20}\)\s*)?(?:had\s+been|was|were)\s+", text[e["end"] : m.end()], re.I):
        return False
    return bool(m.group("event")) or any(o["start"] == m.end() for o in entities(doc, "drug"))


#: the cohort named back after a drug: "... corticosteroids in these 16 cases", "... in all 30 patients"
IN_THE_COHORT = re.compile(
    rf"\s*(?:\([^()]{{1,20}}\)\s*)?(?:use\s+|therapy\s+|treatment\s+|doses?\s+)?in\s+(?:these|those|all|the|our|all\s+the)\s+"
    rf"(?P<n>{count_pattern()})\s+(?:[\w\-]+\s+)?(?:patients|cases|subjects|participants)\b", re.I)


def _list_end(text: str, lo: int) -> int:
    """A list opened by "including", ":" or a dash runs to the end of its clause (brackets inside it stay)."""
    depth = 0
    for m in re.finditer(r"[().;]", text[lo:]):
        ch = m.group(0)
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth == 0:  # ".", ";" or the ")" closing a bracket the list sits in
            return lo + m.start()
    return len(text)


#: the headings of the context an abstract gives before its own aim, and of the aim itself
CONTEXT_HEADING = re.compile(r"^\s*(?:background|introduction|context|rationale)\s*$", re.I)
AIM_HEADING = re.compile(r"^\s*(?:objectives?|aims?|purpose|goals?)\b", re.I)


def _context_before_objective(doc: Doc, zone: tuple[int, int]) -> list[tuple[int, int]]:
    """A Background section followed by its own Objective(s)/Aim(s) heading: what it names is the disease's
    context ("sarcoidosis often needs glucocorticoids"), not what the study is about; the aim is stated
    under its own heading."""
    secs = [s for s in base.items(doc, "reuma_sections") if zone[0] <= s["start"] < zone[1]]
    return [(s["start"], nxt["start"]) for s, nxt in zip(secs, secs[1:], strict=False)
            if CONTEXT_HEADING.match(s.get("heading") or "") and AIM_HEADING.match(nxt.get("heading") or "")]


#: the sentence where an abstract without headings turns from its context to its own study: "we ...",
#: "this study ...", "the aim of ...", "our objective was ..."
STUDY_OPENING = re.compile(
    r"\b(?:we|our\s+(?:aim|objective|purpose|study|goal)|this\s+(?:study|report|case\s+series|series|analysis|trial|"
    r"registry|work|paper|article)|the\s+(?:present|current)\s+study|the\s+(?:aims?|objectives?|purpose|goal)\s+of|"
    r"(?:aims?|aimed|objectives?|purpose)\s+(?:was|were|is|are)\s+to|here)\b", re.I)


def _unheaded_context(doc: Doc) -> list[tuple[int, int]]:
    """An abstract without headings opens, after its title, with the disease's context ("although
    glucocorticoids are effective in treating PMR, they often cause side effects") before the sentence
    saying what the study did ("we conducted ...", "this study ..."): sentences before that one, with no
    number in them (a count is the study's own), are context, as a Background section would be."""
    sents = sentences(doc)
    turn = next((i for i, s in enumerate(sents) if i >= 1 and STUDY_OPENING.search(s.text)), None)
    if turn is None:
        return []
    return [(s.start, s.end) for s in sents[1:turn] if not re.search(r"\d", s.text) and not COUNTED_PATIENTS_WORDS.search(s.text)]


#: patients counted in words ("Twelve patients were on X at entry"): a sentence about the study's own patients
COUNTED_PATIENTS_WORDS = re.compile(rf"\b(?:{word_number_pattern()})\s+(?:[\w\-]+\s+)?(?:patients|subjects|participants|cases|children|adults|women|men)\b", re.I)


def aim_zone(doc: Doc) -> tuple[int, int]:
    """Where the abstract states what it is about: everything before its first Methods/Results heading
    (the title line and the objective), or its first two sentences when it has no headings."""
    secs = base.items(doc, "reuma_sections")
    first = next((s["start"] for s in secs if s["label"] in ("methods", "results")), None)
    sents = sentences(doc)
    if first == 0 and sents:
        # an abstract that opens with its Methods states its aim, if anywhere, in the cohort it opens with ("We
        # followed 40 adults given belimumab"), not in the results that follow
        opening = next((x for x in sents if len(re.findall(r"\w+", x.text)) > 2), sents[0])  # past a heading alone
        return 0, min([opening.end] + [s["start"] for s in secs if s["label"] == "results" and s["start"] > 0])
    if first:
        return 0, first
    return 0, (sents[min(1, len(sents) - 1)].end if sents else len(text_of(doc)))


#: the patients a drug was given to, named right before it: "30 LN patients received belimumab",
#: "748 subjects who switched to febuxostat", "354 patients were included in the anifrolumab arm"
OWN_COUNT = re.compile(
    rf"(?<![\w.,])(?P<n>{count_pattern()})\s+(?:(?:[A-Za-z][\w\-]*\s+){{0,2}}?(?:patients|subjects|participants|pts|individuals|users|cases)\s+"
    r"(?:with\s+(?:(?!(?:who|were|was|had|and|received|treated)\b)[\w\-]+\s+|\([^()]{1,12}\)\s+){1,8}?)?"
    r"|with\s+(?:(?!(?:who|were|was|had|and|received|treated|or)\b)[\w\-]+\s+){1,4}?)?"
    r"(?:who\s+)?(?:(?:were|had)\s+)?(?:(?:also|additionally)\s+)?(?:received|treated\s+with|switched\s+to|started|initiated|commenced|taking|using|"
    r"(?<=were\s)(?:(?:started|put|placed|maintained|kept)\s+)?on|given|prescribed|administered|"
    r"(?:(?:new|current|continuing|prevalent)\s+)?users\s+of|"
    r"(?P<place>(?:included|enrolled|randomi[sz]ed)\s+(?:in|into|to)\s+the))\s+(?:(?:the|an?|their\s+first)\s+)?"
    r"(?:(?:[\w\-]+\s+)?(?:therapy|treatment|prophylaxis)\s+with\s+)?$",
    re.I,
)

#: the cohort defined by what it had failed: "adults who had failed glucocorticoids plus at least one X received"
ENTRY_HISTORY = cues.pattern("entry_history")
#: a second count whose verb the first gave: "... and 51 B", ", 56 a DOAC"
GAPPED_COUNT = re.compile(rf"(?:,|;|\band)\s+(?P<n>{count_pattern()})\s+(?:(?:on|with)\s+)?(?:(?:an?|the)\s+)?$", re.I)
#: the patients a drug was given to, named right after it: "X was given to 30 patients", "X was used in 12 cases"
GIVEN_TO = re.compile(rf"\s*(?:\([^()]*\)\s*)?,?\s*(?:was|were|ha(?:d|s|ve)\s+been)\s+(?:\w+\s+)?(?:given|administered|prescribed|used|started|taken)\s+(?:\w+ly\s+)?(?:to|in|by)\s+"
                      rf"(?:a\s+total\s+of\s+)?(?P<n>{count_pattern()})(?!\s*(?:%|mg|g\b|mcg|µg|ml|IU))\b", re.I)
#: its verb alone, whatever follows ("were given to all patients, B to 40"): the verb a gapped second count shares
GIVEN_VERB = re.compile(r"(?:was|were|ha(?:d|s|ve)\s+been)\s+(?:\w+\s+)?(?:given|administered|prescribed|used|started|taken)\s+(?:\w+ly\s+)?(?:to|in|by)\s", re.I)
#: the same with a share of the cohort: "X had been given to 13%", "X was prescribed in 40% of patients"
GIVEN_TO_SHARE = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s*(?:was|were|ha(?:d|s|ve)\s+been)\s+(?:\w+\s+)?(?:given|administered|prescribed|used|started)"
                            r"\s+(?:\w+ly\s+)?(?:to|in)\s+(?P<pc>\d+(?:[.,]\d+)?)\s*%(?!\s*(?:of\s+)?(?:the\s+)?(?:doses?|visits?|days?)\b)", re.I)
#: a share of the cohort with a passive or "be" verb before the drug: "52% were treated with X", "13% were on X"
#: (the shared counting rules read active verbs only: "52% received X")
SHARE_GIVEN_BEFORE = re.compile(r"(?<![\d.,])(?P<pc>\d+(?:[.,]\d+)?)\s*%\s+(?:\([^()]*\)\s+)?(?:were|had\s+been)\s+(?:(?:also|still|additionally|already)\s+)?"
                                r"(?:treated\s+with|given|on|receiving|taking|prescribed|started\s+on|maintained\s+on|using)\s+(?:(?:an?|the|prior|previous|concomitant|oral|systemic|their)\s+)?$", re.I)
#: a count of drugs each patient had, right before the drug: "only one TNFi was prescribed in 69" counts a subgroup
DRUGS_PER_PATIENT = re.compile(r"\b(?:only\s+one|just\s+one|a\s+single|one|two|three|a\s+(?:second|third)|multiple|several|more\s+than\s+one)\s+$", re.I)
#: the second of two such counts sharing the verb: "... and B to 12"
GAPPED_TO = re.compile(rf"\s*(?:\([^()]*\)\s*)?(?:to|in|by)\s+(?P<n>{count_pattern()})(?!\s*(?:%|mg|g\b|mcg|µg|ml|IU))\b"
                       r"(?:\s+(?:[\w\-]+\s+)?(?:patients|subjects|participants|pts|cases|others)\b)?", re.I)
USERS_AFTER = re.compile(r"\s*(?:users|recipients|-?(?:treated|exposed)\s+(?:patients|subjects|participants))\b", re.I)
SUBGROUP_AFTER = re.compile(r"\s*(?:monotherapy|alone|only)\b(?!\s+or\b)", re.I)
LATER_TIME = re.compile(r"\b(?:at|by|after|during)\s+(?:the\s+)?(?:(?:most\s+recent|last|latest|end\s+of(?:\s+the)?)\s+)?"
                        r"(?:follow-?up|week\s+\d+|month\s+\d+|\d+\s+(?:weeks|months|years))\b", re.I)


#: what joins a drug to the one given with it in one arm: "A plus B", "A + B", "A combined with B"
COMBINATION = re.compile(r"\s*(?:\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|µg|IU)(?:\s*/\s*\w+)?\s*)?(?:plus|\+|with|in\s+combination\s+with|combined\s+with|and)\s+", re.I)


def _combination_partner(doc: Doc, e: dict, sent) -> dict | None:
    """The drug given with ``e`` in one arm, right after it ("abatacept plus methotrexate")."""
    m = COMBINATION.match(text_of(doc), e["end"], sent.end)
    if m is None:
        return None
    return next((o for o in entities(doc, "drug") if o["start"] == m.end()), None)


def _use_counted(doc: Doc, e: dict, sent) -> bool:
    """The sentence counts the patients given the drug: "All received X", "5 received X", "X was given to 55"."""
    text = text_of(doc)
    before = text[sent.start : e["start"]]
    return bool(_first_from_counts(doc, OWN_COUNT, sent, e["start"]) or ALL_GIVEN.search(before) or GAPPED_COUNT.search(before)
                or GIVEN_TO.match(text, e["end"], sent.end) or (GIVEN_VERB.search(text, sent.start, e["start"])
                                                                 and GAPPED_TO.match(text, e["end"], sent.end)))


def _given_to(text: str, e: dict, sent) -> tuple[int, dict] | None:
    """The patients a drug was given to, counted after it: "A was given to 30 patients", "A was used in 12",
    and the second of two ("A was given initially to 30 patients and an additional B to 12")."""
    if DRUGS_PER_PATIENT.search(text, max(sent.start, e["start"] - 20), e["start"]):
        return None  # "only one X was prescribed in 69": those with one drug of the class, not all its users
    after = GIVEN_TO.match(text, e["end"], sent.end)
    if after is None and JOINED_BEFORE.search(text[sent.start : e["start"]]) and GIVEN_VERB.search(
            text, sent.start, e["start"]):
        after = GAPPED_TO.match(text, e["end"], sent.end)
    if after and parse_int(after.group("n")) is not None:
        return parse_int(after.group("n")), ev(e["start"], after.end())
    return None


def _own_count(doc: Doc, ms: list[dict], sents: list, drugs: list[dict] | None = None) -> tuple[int, dict] | None:
    """A study drug's own count where the text gives one: the patients said to receive it (in a comparison
    with matched controls or other arms that is fewer than the whole population). A drug listed right after
    another shares its count ("610 patients were started on MTX plus a tapered high dose of prednisone")."""
    text = text_of(doc)
    for e, sent in zip(ms, sents, strict=True):
        if sent is None:
            continue
        m = _first_from_counts(doc, OWN_COUNT, sent, e["start"])
        if m is None and drugs:
            prior = [o for o in drugs if sent.start <= o["start"] and o["end"] <= e["start"] and o["key"] != e["key"]]
            if prior and _list_gap(text[prior[-1]["end"] : e["start"]]) and not re.search(
                    r"\d", text[prior[-1]["end"] : e["start"]]) and not GAPPED_COUNT.search(text[sent.start : e["start"]]):
                m = _first_from_counts(doc, OWN_COUNT, sent, prior[-1]["start"])
        if m is None:
            gapped = GAPPED_COUNT.search(text[sent.start : e["start"]])
            if gapped and COUNT_THEN_VERB.search(text[sent.start : sent.start + gapped.start()]):
                n = parse_int(gapped.group("n"))  # "97 started A and 51 B": the verb of the first count is the second's
                if n is not None:
                    return n, ev(sent.start + gapped.start("n"), e["end"])
            after = _given_to(text, e, sent)
            if after:
                return after
            users = USERS_AFTER.match(text, e["end"])
            m = COUNT_AT_END.search(text[sent.start : e["start"]]) if users else None
            if m is not None and parse_int(m.group("n")) is not None:  # "241 TNFi users"
                return parse_int(m.group("n")), ev(sent.start + m.start(), users.end())
            continue
        n = parse_int(m.group("n"))
        if n is None:
            continue
        if SUBGROUP_AFTER.match(text, e["end"]) or LATER_TIME.search(text[sent.start : e["start"]]):
            continue  # "at last follow-up, six patients received X monotherapy": a subgroup, not the users
        arm = ARM_NAME.match(text, e["end"])
        if m.group("place") and not arm:
            continue  # "included in the X ..." names an arm only when followed by "arm"/"group"
        return n, ev(sent.start + m.start(), e["end"] + (arm.end() - e["end"] if arm else 0))
    return None


#: a count printed right after a drug, in brackets: "non-TNFi (46%)", "NSAIDs (n = 5)", "X (oral 67/96)"
PAREN_COUNT = re.compile(r"\s*\((?:[a-z.]+\s+|[A-Za-z][\w\-]*\s*[;,]\s*)?(?:n\s*=\s*(?P<n>\d+)|(?P<k>\d+)\s*/\s*\d+|(?P<pc>\d+(?:\.\d+)?)\s*%)\s*[);,]")


def _paren_count(text: str, ms: list[dict], base_n: int | None) -> tuple[int, dict] | None:
    """The count a text prints in brackets right after a drug: its users' number, or their share of the cohort."""
    for e in ms:
        m = PAREN_COUNT.match(text, e["end"])
        if m is None:
            continue
        if m.group("pc"):
            n = count_from_percent(float(m.group("pc")), base_n, decimals(m.group("pc"))) if base_n else None
        else:
            n = int(m.group("n") or m.group("k"))
        if n is not None:
            return n, ev(e["start"], m.end() - (0 if m.group(0).endswith(")") else 1))
    return None


#: a sentence about a subgroup: "For TNFi users, ...", "Among the 120 women, ..."
SUBGROUP_LEAD = re.compile(r"\s*(?:for|among|of)\s+(?:the\s+|these\s+)?(?:(?P<n>\d[\d,]*)\s+)?(?P<grp>[\w\-]+(?:\s+[\w\-]+){0,2}?)\s*,", re.I)
#: a share of it receiving a drug: "17.0% received adalimumab"
SHARE_RECEIVED = re.compile(r"(?P<pc>\d+(?:\.\d+)?)\s*%\s+(?:had\s+)?(?:received|were\s+treated\s+with|were\s+on|took|used|started)\s+"
                            r"(?:(?:an?|the)\s+)?(?:[\w\-]+\s+){0,2}?$", re.I)


def _subgroup_share(text: str, ms: list[dict], sents: list) -> tuple[int, dict] | None:
    """"For TNFi users, 83% received etanercept and 17% received adalimumab": the share is of the subgroup the
    sentence opens with, whose size the sentence or an earlier one gives ("241 TNFi users")."""
    for e, sent in zip(ms, sents, strict=True):
        if sent is None:
            continue
        lead = SUBGROUP_LEAD.match(text, sent.start, e["start"])
        share = SHARE_RECEIVED.search(text, sent.start, e["start"])
        if not lead or not share or share.start() < lead.end():
            continue
        base = parse_int(lead.group("n")) if lead.group("n") else None
        if base is None:
            size = re.search(rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d+)\s+{re.escape(lead.group('grp'))}\b", text[: sent.start], re.I)
            base = parse_int(size.group(1)) if size else None
        n = count_from_percent(float(share.group("pc")), base, decimals(share.group("pc"))) if base else None
        if n is not None:
            return n, ev(share.start(), e["end"])
    return None


#: the whole cohort said to receive a drug: "all patients were treated with X", "all of them received X"
ALL_GIVEN = re.compile(
    r"\b(?:all|every|each)\s+(?:(?:the|of\s+the|of\s+them|\d+)\s+)?(?:(?:patients?|subjects?|participants?|children|child|cases?)\s+)?"
    r"(?:were\s+(?:\w+\s+)?(?:treated\s+with|given|on|receiving)|received|had\s+received)\s+(?:[\w\-]+\s+){0,2}?$", re.I)


def _given_to_all(text: str, ms: list[dict], sents: list) -> dict | None:
    """A study drug every patient received has the cohort's count, even where several drugs are studied."""
    for e, sent in zip(ms, sents, strict=True):
        if sent is None:
            continue
        m = ALL_GIVEN.search(text[sent.start : e["start"]])
        if m and not PREVIOUS_CUES.search(text[sent.start : e["start"]]):
            return ev(sent.start + m.start(), e["end"])
    return None


#: one size for every arm of a comparison: "(25 in each group)", "30 patients per arm", "n = 40 per group"
EACH_ARM = re.compile(
    r"(?:\bn\s*=\s*)?\b(?P<n>\d+)\s+(?:(?:patients|pts|subjects|participants)\s+)?(?:in\s+each|per|in\s+every)\s+"
    r"(?:treatment\s+|study\s+)?(?:group|arm)\b", re.I)


def _each_arm_count(doc: Doc) -> int | None:
    """A comparison whose arms are given one size together ("42 patients (21 in each group)"): every arm
    named as studied or compared gets it, since no arm has a count of its own."""
    if not _found(doc, EACH_ARM):  # asked once per arm drug; most texts give no such size
        return None
    m = EACH_ARM.search(text_of(doc))
    return int(m.group("n")) if m else None


def _used_abbreviation(text: str, ms: list[dict], entry: dict) -> str | None:
    """An abbreviation the text uses for the drug without defining it ("IVCY")."""
    for e in ms:
        surface = text[e["start"] : e["end"]]
        if surface in entry.get("abbreviations", []):
            return surface
    return None


CLAUSE_BREAK = re.compile(r"(?:[,;]\s*|\s+)(?:and|while|whereas|but)\s+|;\s*", re.I)
USE_VERB = re.compile(r"\b(?:received|receiving|treated|given|started|initiated|took|taking|used|underwent)\b", re.I)

# patterns built on the number-word pattern, compiled once here (each is long, and compiling it on a call is
# costly whenever other patterns have pushed it out of ``re``'s cache)
#: "16 patients in the X group", "16 were in the X arm", "16 in the X group" (bare, a number in digits above
#: one: "one in the X arm" counts events more often than patients), right before the drug
ARM_COUNT_BEFORE = re.compile(rf"(?<![\w.,])(?:(?P<n>{count_pattern()})\s+(?:patients|pts|subjects|participants|cases)\s+(?:(?:were|was)\s+)?|"
                              r"(?P<d>[2-9]|\d{2,})\s+(?:were\s+)?)(?:in|into)\s+the\s+(?:[\w\-]+\s+)?$", re.I)
#: "10 patients in the control group"; its words alone (a cheap test before the count pattern)
CONTROL_ARM = re.compile(r"\s+in\s+the\s+(?:control|placebo|comparator)\s+(?:group|arm)", re.I)
CONTROL_ARM_COUNT = re.compile(rf"(?P<n>{count_pattern()})\s+(?:patients|pts|subjects)\s+in\s+the\s+(?:control|placebo|comparator)\s+(?:group|arm)", re.I)
#: "30 patients" named in the subject of a sentence
COUNTED_PATIENTS = re.compile(rf"{count_pattern()}\s+(?:[\w\-]+\s+){{0,2}}?patients\b", re.I)
#: a count with its use verb: "97 started A"
COUNT_THEN_VERB = re.compile(rf"{count_pattern()}\s+(?:[\w\-()]+\s+){{0,8}}?(?:{USE_VERB.pattern}|\b(?:were|was)\s+on\b)", re.I)
#: a count right before the drug: "241 TNFi users"
COUNT_AT_END = re.compile(rf"(?<![\w.,])(?P<n>{count_pattern()})\s+$", re.I)


def _own_clause(before: str) -> str:
    """The drug's own clause: "13% had received prior X and 52.2% received Y" — the history cue of the first
    clause does not reach Y, which the second clause gives with its own verb."""
    breaks = list(CLAUSE_BREAK.finditer(before))
    if breaks and USE_VERB.search(before[breaks[-1].end() :]):
        return before[breaks[-1].end() :]
    return before


def _drop_parentheticals(s: str) -> str:
    """Closed "( ... )" asides say nothing about the drug that follows them."""
    prev = None
    while prev != s:
        prev, s = s, re.sub(r"\([^()]*\)", " ", s)
    return s


#: what joins drugs of one list sharing one count ("12 received MTX 15 mg/week and oral prednisone"); not
#: "X alone or in combination with Y", "X along with Y" or a clause with its own verb between them
LIST_GAP = re.compile(r"(?:\s*[\d.,]+\s*(?:mg|g|mcg|µg|IU)(?:\s*/\s*\w+)?)?\s*(?:,\s*(?:and\s+|or\s+)?|and/or\s+|and\s+|or\s+|"
                      r"/\s*|\+\s*|plus\s+)(?:(?:an?\s+)?(?:[\w\-]+\s+){0,2}?doses?\s+of\s+|"
                      r"(?:(?!alone\b|combin|along\b|together\b)[\w\-\u2010]+\s+){0,2})|"
                      # a drug given with the first to the same patients: "received X in combination with / alongside /
                      # on top of / with background Y" (not "X alone or in combination with Y": a subgroup)
                      r"(?:\s*[\d.,]+\s*(?:mg|g|mcg|µg|IU)(?:\s*/\s*\w+)?)?\s*,?\s*(?:in\s+combination\s+with|combined\s+with|"
                      r"together\s+with|alongside|along\s+with|with\s+(?:background|concomitant|stable)|on\s+top\s+of|"
                      r"(?:as\s+(?:an?\s+)?)?add(?:ed|-on)\s+to)\s+(?:[\w\-\u2010]+\s+)?", re.I)


def _list_gap(gap: str) -> bool:
    """Whether the text between two drugs lists them together, so a count before the first is the second's too."""
    return bool(LIST_GAP.fullmatch(_drop_parentheticals(gap)))


#: head nouns of a treatment named in words that take no plural ("immunosuppressive treatment", "inhaled therapy")
MASS_HEAD = re.compile(r"(?:therapy|treatment|care|blockade|prophylaxis|anticoagulation|immunosuppression|"
                       r"supplementation|management|regimen|medication|vaccination)$", re.I)


def _plural(s: str) -> str:
    """A class named by a count noun is named in the plural ("JAK inhibitor" -> "JAK inhibitors"); one named by a
    mass noun keeps the text's words ("biologic therapy", not "biologic therapys")."""
    s = re.sub(r"\s+", " ", s.strip())
    return s if s.endswith("s") or MASS_HEAD.search(s) else s + "s"


def _verb_start(text: str, lo: int, start: int) -> int:
    """"were receiving hydroxychloroquine": the verb phrase right before a drug."""
    m = re.search(r"\b(?:(?:were|was|are|is)\s+)?(?:receiving|treated\s+with|taking|on)\s+$", text[lo:start])
    return lo + m.start() if m else start


