"""``reuma_manifestations``: the patients' manifestations, by organ domain, with counts and status.

Granularity follows record.md: where the text names a domain and lists its
specific manifestations ("serosal (pleural effusion, 1 pt)") the items are the
specific ones; a domain-level item ("cutaneous involvement") stands only where
nothing more specific is named right after it. Background sentences,
inclusion criteria and conclusions describe no patient and give nothing.
"""



import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import counting, cues, lexicons, vocab
from ..counting import PATIENT, count_near, respectively_counts, split_clauses
from ..numbers import count_pattern, parse_int
from ..prefilter import ASCII_LOOKALIKES, required_text
from . import base
from .base import (
    entities,
    ev,
    guarded,
    population_n,
    register_extensions,
    sentence_role,
    sentences,
    text_of,
    title_end,
)

#: history and negation cues before a manifestation (lexicons/cues.json)
HISTORY = cues.pattern("previous_manifestation")
INCLUSION = re.compile(
    r"\b(?:were|was)\s+(?:included|enrolled|recruited|eligible|excluded)\b|\b(?:inclusion|exclusion)\s+criteri|\bfulfill?ing\b"
    r"|\b(?:associated\s+with|predict(?:ors?|ive|s|ing)\b|\bpredicted\s+(?:by|subsequent|relapses?|flares?|responses?|outcomes?)|risk\s+factors?|according\s+to|correlat\w*)\b"
    r"|\b(?:assessed|evaluated|measured|scored|graded)\s+(?:using|with|by)\b|\bcriteria\b|\bdefinitions?\s+of\b|\bdefined\s+as\b"
    r"|\b(?:were|was|are|is)\s+(?:\w+\s+)?(?:assessed|evaluated|measured|recorded|collected|analy[sz]ed|examined|investigated)\b|\bthe\s+following\b"
    r"|\b(?:ask(?:ed|ing)?|question(?:ed|ing)?|quer(?:y|ied|ying)|inquir(?:e|ed|ing)|screen(?:ed|ing)?)\s+(?:\w+\s+){0,3}?(?:whether|if|about|for\s+the\s+presence)\b"
    r"|\b(?:is|are)\s+(?:mainly\s+|typically\s+|usually\s+)?characteri[sz]ed\s+by\b|\b(?:is|are)\s+an?\s+(?:rare|common|chronic|systemic|heterogeneous|multisystem\w*)\b"
    r"|\b(?:higher|lower|increased|decreased|greater)\s+risk\b|\bmore\s+likely\b|\bdiagnosis\s+was\b|\bdata\s+(?:collected|recorded|extracted|included)\b|\b(?:primary|secondary)\s+(?:out\s*comes?|end\s*points?)\b", re.I)
#: a word: a run of word characters (``\w``)
WORD = re.compile(r"\w+")
#: every alternative of INCLUSION opens with ``\b`` and a word that starts with one of these (keep them in step)
INCLUSION_WORD_STARTS = ("were", "was", "inclusion", "exclusion", "fulfil", "associated", "predict", "risk", "according",
                         "correlat", "assessed", "evaluated", "measured", "scored", "graded", "criteria", "definition",
                         "defined", "are", "is", "the", "ask", "question", "quer", "inquir", "screen", "higher", "lower",
                         "increased", "decreased", "greater", "more", "diagnosis", "data", "primary", "secondary")
#: the start of a word that starts with one of INCLUSION_WORD_STARTS, in lower-cased ASCII text
INCLUSION_START = re.compile(r"\b(?:" + "|".join(sorted(INCLUSION_WORD_STARTS, key=len, reverse=True)) + ")")


def _inclusion_in(text: str) -> bool:
    """``bool(INCLUSION.search(text))``, the pattern tried only where a word it can start with stands
    (scanning every position with its forty alternatives was costly). The same answer: a match opens at
    a word boundary with the letters of one of INCLUSION_WORD_STARTS, so at the start of a whole word
    (``WORD``) that, written in ASCII (where the case-insensitive letters match only their ASCII case
    pair), starts with one of them in lower case; a word with other characters is always tried.

    In an ASCII text those word starts are found by INCLUSION_START in the lower-cased text (the same
    characters, in place, word characters where they were): a word boundary before a letter is the start
    of a word, and the start matched lies within that word; one per word, left to right."""
    if text.isascii():
        return any(INCLUSION.match(text, m.start()) for m in INCLUSION_START.finditer(_lower(text)))
    for w in WORD.finditer(text):
        word = w.group(0)
        if (not word.isascii() or word.lower().startswith(INCLUSION_WORD_STARTS)) and INCLUSION.match(text, w.start()):
            return True
    return False


#: "patients with X (cases)": the case group of a case-control study, who have X
CASES_AFTER = re.compile(r"\s*\(\s*(?:the\s+)?cases?\s*\)", re.I)
#: sentences that describe no patient of this study: background, conclusions, aims, other studies
SKIPPED_ROLES = ("background", "conclusions", "aim", "conclusion", "other_studies")
AE_SENTENCE = re.compile(r"\b(?:adverse|side[\s-]+effects?|safety|toxicit|complications?|infections?\s+related|S?AEs?\b|"
                         r"deaths?\b|died\b|succumbed)", re.I)
#: "jaw claudication (OR 3.52, 95% CI ...)": a feature named as a predictor, with its effect size (rule 18)
EFFECT_AFTER = re.compile(r"(?:\s+(?:at|in|during|on)\s+(?:\w+\s*){1,2})?\s*\(\s*(?:a?OR|a?HR|RR|IRR|β)\b", re.I)
#: a qualifier written before a manifestation is part of its name
QUALIFIER = r"(?:isolated|severe|mild|moderate|moderate-to-severe|refractory|intractable|massive|life-threatening|persistent|recurrent)"
QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])({QUALIFIER})\s+$", re.I)
#: "myositis alone", "myositis in isolation": the qualifier written after the manifestation
ALONE_AFTER = re.compile(r"\s+(?:alone|in\s+isolation)\b", re.I)
NEGATED_BEFORE = cues.pattern("negated_manifestation")
REMISSION_AFTER = cues.pattern("remission_after")
COMORBIDITY_BEFORE = cues.pattern("comorbidity")
SEVERITY_WORDS = ("active", "moderate", "severe", "mild", "isolated", "predominant", "refractory", "persistent", "major", "minor",
                  "new", "recurrent")
SEVERITY = f"(?:{'|'.join(SEVERITY_WORDS)})"


#: facts of the sentences of the doc being read, computed once each: the passes below ask them of every
#: sentence in turn. Emptied when the component starts on a doc (``_new_doc``), so nothing is carried
#: from one doc to the next; the values depend on the sentence only, so they are right for any caller.
_SENTENCE_MEMO: dict[str, dict] = {"role": {}, "inclusion": {}, "ae": {}, "lower": {}, "compares": {}}


def _new_doc() -> None:
    for memo in _SENTENCE_MEMO.values():
        memo.clear()


#: the doc the component is reading and its population (``base.population``: rebuilt from its span group on
#: each call, and asked for by several passes and for every item); set only while the component runs
_DOC_MEMO: dict = {}


def _population(doc: Doc) -> dict:
    """``base.population(doc)``, read once while the component runs on this doc (nothing here changes it)."""
    if _DOC_MEMO.get("doc") is not doc:
        return base.population(doc)
    if "population" not in _DOC_MEMO:
        _DOC_MEMO["population"] = base.population(doc)
    return _DOC_MEMO["population"]


def _population_n(doc: Doc) -> int | None:
    """``base.population_n(doc)``, read once while the component runs on this doc."""
    if _DOC_MEMO.get("doc") is not doc:
        return population_n(doc)
    if "n" not in _DOC_MEMO:
        _DOC_MEMO["n"] = population_n(doc)
    return _DOC_MEMO["n"]


def _role(s: base.Sent) -> str | None:
    """``sentence_role`` of a sentence, computed once per doc: it runs the role cue regexes over the
    sentence (it depends on the sentence's text and section only)."""
    memo = _SENTENCE_MEMO["role"]
    if s not in memo:
        memo[s] = sentence_role(s)
    return memo[s]


def _has_inclusion(sentence: str) -> bool:
    """Whether INCLUSION occurs in a sentence's (or a clause's) text, computed once per doc and text."""
    memo = _SENTENCE_MEMO["inclusion"]
    if sentence not in memo:
        memo[sentence] = _inclusion_in(sentence)
    return memo[sentence]


def _ae_sentence(sentence: str) -> bool:
    """Whether a sentence speaks of adverse events (AE_SENTENCE), computed once per doc and sentence and only
    where asked (a sentence with a manifestation to test); the literal test first (``_may_match``)."""
    memo = _SENTENCE_MEMO["ae"]
    if sentence not in memo:
        memo[sentence] = _may_match(AE_SENTENCE, sentence) and bool(AE_SENTENCE.search(sentence))
    return memo[sentence]


#: the characters outside ASCII that a case-insensitive pattern pairs with an ASCII letter (dotted and dotless
#: I, long s, Kelvin sign: the whole list, checked over every code point), the only ones whose lower case
#: holds an ASCII character too
ASCII_CASE_PAIRS = frozenset(ASCII_LOOKALIKES)


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` (lower-case ASCII) occurs in the text, as a case-insensitive pattern of them
    would find it: ``str.lower()`` gives each ASCII character its ASCII lower case and no other character an
    ASCII one, so a substring test on the lower-cased text answers alike, unless the text holds one of
    ASCII_CASE_PAIRS (then the pattern itself). A cheap test before a pattern that needs one of the words."""
    low = _lower(text)
    if low is None:
        return bool(re.search("|".join(map(re.escape, words)), text, re.I))
    for w in words:  # a plain loop: asked of every sentence by several passes, a generator per call cost more
        if w in low:
            return True
    return False


def _may_match(rx: re.Pattern, text: str) -> bool:
    """A cheap test before ``rx.search(text)``: False only where the text lacks every text one of which each
    match holds (``prefilter.required_text``), so the pattern cannot match there."""
    words = required_text(rx)
    return words is None or _holds_any(text, words)


def _lower(text: str) -> str | None:
    """``text.lower()`` for ``_holds_any`` (None when the text holds one of ASCII_CASE_PAIRS), once per doc
    and text: the passes test the same sentences."""
    memo = _SENTENCE_MEMO["lower"]
    if text not in memo:
        memo[text] = text.lower() if text.isascii() or ASCII_CASE_PAIRS.isdisjoint(text) else None
    return memo[text]


@functools.lru_cache(maxsize=8)
def _literal_words(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """Words a pattern writes as escaped literals (case-insensitive), lower-cased for ``_holds_any``; None when
    one is not ASCII (``_holds_any`` answers only for ASCII words: no literal test then)."""
    return tuple(w.lower() for w in words) if all(w.isascii() for w in words) else None


@functools.lru_cache(maxsize=1)
def domain_phrase() -> tuple[re.Pattern, dict[str, str]]:
    terms = lexicons.load("domain_terms")
    adj2dom = {}
    for dom, words in terms.items():
        if dom not in lexicons.DOMAINS:
            continue  # "heads", "organs", "involved_cues" are no adjectives
        for w in words:
            adj2dom[w.lower()] = dom
    adjs = "|".join(sorted((re.escape(a) for a in adj2dom), key=len, reverse=True))
    heads = "|".join(sorted((re.escape(h) for h in terms["heads"]), key=len, reverse=True))
    rx = re.compile(
        rf"\b(?:(?P<mod>{SEVERITY})\s+)?(?P<adj>{adjs})(?:\s+(?:and|or|/)\s+(?P<adj2>{adjs}))?"
        rf"(?:\s+(?P<head>{heads})\b|(?=\s*\())",
        re.IGNORECASE,
    )
    return rx, adj2dom


@functools.lru_cache(maxsize=1)
def _domain_phrase_starts() -> frozenset[str] | None:
    """The words (lower case) a domain phrase can start with: a severity word or the first word of an
    adjective. None when an adjective does not start with a plain ASCII word (no shortcut then)."""
    _, adj2dom = domain_phrase()
    firsts = [re.match(r"[a-z0-9_]+", a) for a in adj2dom]
    if not all(a.isascii() for a in adj2dom) or None in firsts:
        return None
    return frozenset(SEVERITY_WORDS) | {f.group(0) for f in firsts}


def _domain_phrases(sentence: str) -> list[re.Match]:
    """``domain_phrase()``'s matches in a sentence, as ``finditer`` gives them, the pattern tried only where
    a word it can start with stands: scanning every position of every sentence was the component's
    costliest step. The same matches: a match opens at a word boundary with a severity word (then
    whitespace) or an adjective, whose first word is followed in the pattern by a non-word character
    (the rest of the adjective, whitespace or "("); so it starts where a whole word (``WORD``) begins that,
    written in ASCII (where the case-insensitive pattern letters match only their ASCII case pair), is
    one of ``_domain_phrase_starts()`` in lower case (a word with other characters is always tried).
    Trying those starts left to right, each after the last match's end, is what ``finditer`` does (its
    matches are never empty)."""
    rx, _ = domain_phrase()
    starts = _domain_phrase_starts()
    if starts is None:
        return list(rx.finditer(sentence))
    if sentence.isascii():
        # an ASCII sentence's lower-cased words are its words lower-cased, in place: the words that can start
        # a phrase are found among them at once, then where they stand as whole words
        low = _lower(sentence)
        hits = starts.intersection(WORD.findall(low))
        candidates = sorted(m.start() for h in hits for m in _whole_word(h).finditer(low))
    else:
        candidates = [w.start() for w in WORD.finditer(sentence) if not w.group(0).isascii() or w.group(0).lower() in starts]
    return list(counting.matches_at(rx, sentence, candidates))


@functools.lru_cache(maxsize=256)
def _whole_word(word: str) -> re.Pattern:
    """``word`` standing as a whole word (``WORD``'s run of word characters), compiled once per word."""
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


@Language.factory(
    "reuma_manifestations",
    requires=["token.is_sent_start", "doc._.reuma_sections", "doc._.reuma_abbreviations", "doc._.reuma_entities", "doc._.reuma_population",
              "doc._.reuma_study"],
    assigns=["doc._.reuma_manifestations"],
)
def make_manifestations(nlp: Language, name: str) -> "ManifestationsComponent":
    base.check_requires(nlp, "reuma_manifestations", name)
    return ManifestationsComponent()


def _sentence_holding(doc: Doc, pos: int) -> base.Sent | None:
    """The sentence with ``start <= pos < end`` (None if none), as a scan of ``sentences(doc)`` finds it:
    ``base.sentence_at`` bisects the sorted, non-overlapping sentences for the last one starting at or
    before ``pos``, the only one that can hold it (it also answers at ``pos == end``: checked here)."""
    s = base.sentence_at(doc, pos)
    return s if s is not None and s.start <= pos < s.end else None


def _comorbidity(doc: Doc, it: dict) -> bool:
    """Named after a comorbidity cue in its sentence ("The most common comorbidities were dyslipidemia (43%),
    hypertension ...; 8.3% had cardiovascular disease"): a baseline characteristic, not a manifestation of the
    disease (corpus/real/CONVENTIONS.md convention 2)."""
    a = it["evidence"]["start"]
    s = base.sentence_at(doc, a)
    if s is None:
        return False
    text = text_of(doc)
    if COMORBIDITY_BEFORE.search(text, s.start, a + 1) or ASSOCIATED_DISEASES_BEFORE.search(text, s.start, a + 1):
        return True
    # "Hypertension (35%) and diabetes (12%) were the most frequent comorbid conditions": the cue closes the list
    b = (it.get("_ent") or (a, it["evidence"]["end"]))[1]
    m = COMORBIDITY_PREDICATE.search(text, b, s.end)
    return bool(m) and not re.search(r"[;:]|\b(?:while|whereas|but)\b", text[b : m.start()])


#: a list the sentence then calls comorbidities, its predicate after it
COMORBIDITY_PREDICATE = re.compile(r"\b(?:was|were|is|are)\s+(?:also\s+)?(?:the\s+)?(?:(?:most\s+(?:frequent|common|prevalent)|main|commonest|"
                                   r"leading|principal)\s+)?(?:co-?morbid\w*|coexist(?:ing|ent)\s+(?:conditions?|diseases?)|"
                                   r"concomitant\s+(?:conditions?|diseases?)|associated\s+(?:conditions?|diseases?))", re.I)
#: "Associated diseases included hypertension in 35": other diseases the patients have, not the studied one's manifestations
ASSOCIATED_DISEASES_BEFORE = re.compile(r"\b(?:associated|accompanying|concurrent)\s+(?:diseases|conditions|disorders|illnesses)\b", re.I)


class ManifestationsComponent:
    def __init__(self) -> None:
        register_extensions()
        self.lex = vocab.entries("manifestations")
        domain_phrase()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        _new_doc()
        _DOC_MEMO.clear()
        _DOC_MEMO["doc"] = doc
        try:
            return self._extract(doc)
        finally:
            _DOC_MEMO.clear()

    def _extract(self, doc: Doc) -> Doc:
        text = text_of(doc)
        pop_n = _population_n(doc)
        items: list[dict] = []
        seen_domains: set[str] = set()  # domains an item already stands for
        phrased: set[str] = set()  # ... of which named at domain level ("cutaneous involvement (...)")
        seen_names: set[str] = set()
        specific = [_list_member(text, _defined_whole(doc, e)) for e in entities(doc, "manifestation") if not EFFECT_AFTER.match(text, e["end"])]
        title = title_end(doc)
        seen_keys: set[str] = set()
        _, adj2dom = domain_phrase()
        for s in sentences(doc):
            if s.start < title:
                continue
            in_sentence = [e for e in specific if s.start <= e["start"] < s.end]
            # a sentence with no mention and no domain phrase has nothing to read: its role and clauses are not
            # asked; one with a mention has its role asked before its domain phrases are looked for
            phrases = None if in_sentence else _domain_phrases(s.text)
            if not in_sentence and not phrases or _role(s) in SKIPPED_ROLES:
                continue
            if phrases is None:
                phrases = _domain_phrases(s.text)
            blocked = _inclusion_clauses(text, s)
            if s.section == "results":  # "the following were recorded: arthritis (n=30), ...": a counted report
                blocked = [(x, y) for x, y in blocked if not _counted_report(text, x, y)]
            cases = [e for e in in_sentence if CASES_AFTER.match(text, e["end"])]
            if cases:  # "23 patients with retinopathy (cases) and 547 controls were included": the cases have it
                blocked = [(x, y) for x, y in blocked if not any(x <= e["start"] < y for e in cases)]
            if blocked == [(s.start, s.end)]:
                continue
            ents = [e for e in in_sentence if not e.get("negated")
                    and not NONE_HAD.search(text, max(s.start, e["start"] - 60), e["start"])
                    and not OTHER_COHORT_BEFORE.search(text, max(s.start, e["start"] - 120), e["start"])
                    and not _modifier_use(text, e)
                    and not any(x <= e["start"] < y for x, y in blocked)
                    and not re.match(r"\s+(?:score|index|scale)\b", text[e["end"] : s.end], re.I)
                    and not _a_duration(text, e["start"], e["end"])
                    and not (_ae_sentence(s.text) and _overlaps_label(doc, e, "ae"))
                    and not (s.section == "results" and _is_treatment_event(doc, e))]
            claimed: set[int] = set()
            for m in phrases:
                a, b = s.start + m.start(), s.start + m.end()
                if NEGATED_BEFORE.search(text[s.start : a]) or any(x <= a < y for x, y in blocked) or _a_duration(text, a, b):
                    continue
                if any(e["start"] < b and a < e["end"] and not (a <= e["start"] and e["end"] <= b) for e in ents):
                    continue  # "cutaneous lupus" inside "acute cutaneous lupus": the specific one
                if not m.group("head") and SERIES_COUNT.match(text, b, s.end) \
                        and any(e["start"] == s.start + m.start("adj") and e["end"] == s.start + m.end("adj") for e in ents):
                    continue  # "serositis (n=5)": a manifestation with its count, not a domain
                ents = [e for e in ents if not (a <= e["start"] and e["end"] <= b)]  # "renal involvement" is the domain
                adjs = [m.group("adj")] + ([m.group("adj2")] if m.group("adj2") else [])
                dom = adj2dom[adjs[0].lower()]
                listed = _list_after(text, b, s.end)
                inner = [e for e in ents if listed and listed[0] <= e["start"] < listed[1]]
                count = count_near(text, a, b, s.start, s.end, pop_n, share_subject=True) if not (listed and listed[2] == "(") else None
                if count and listed and listed[2] == ":" and count[2] > listed[0] and inner:
                    count = None  # "Neuropsychiatric involvement: seizures in 2 patients ...": the first member's count
                if inner:
                    segs = _split_counted_pairs(text, _segments_in(text, listed[0], listed[1]), inner)
                    with_ents = [sg for sg in segs if any(sg[0] <= e["start"] < sg[1] for e in inner)]
                    for sg in with_ents:
                        sg_ents = [e for e in inner if sg[0] <= e["start"] < sg[1]]
                        claimed.update(e["start"] for e in sg_ents)
                        seen_keys.update(e["key"] for e in sg_ents)
                        whole = listed[2] == "(" and len(with_ents) == 1
                        span = (a, listed[1] + 1) if whole else _trim(text, *sg)
                        n = _segment_count(text, sg, segs) or (count[0] if count else None)
                        if n is None:
                            hit = count_near(text, a, b, s.start, s.end, pop_n)
                            n = hit[0] if hit else None
                        name = _segment_name(text, sg, sg_ents[0])
                        if name in seen_names:
                            continue
                        edom = self.lex.get(sg_ents[0]["key"], {}).get("domain") or dom
                        items.append({"name": name, "domain": edom, "n": n, "status": _status(text, s, a), "evidence": ev(*span)})
                        seen_names.update((name, (name, items[-1]["status"])))
                    if listed[2] == "(" or not count:
                        seen_domains.update(adj2dom[x.lower()] for x in adjs)
                        phrased.update(adj2dom[x.lower()] for x in adjs)
                        continue
                bracketed = None  # "cutaneous (34.6%) involvement": the domain's own count in brackets
                if listed and listed[2] == "(" and not inner:
                    bracketed = _segment_count(text, (listed[0], listed[1]), [(listed[0], listed[1])], pop_n)
                for adj in adjs:
                    d = adj2dom[adj.lower()]
                    if d in phrased or d in seen_domains and not (count or bracketed is not None):
                        continue  # counted at its level, it stands alone
                    head = m.group("head") or "involvement"
                    mod = m.group("mod")
                    name = f"{mod + ' ' if mod and mod.lower() != 'predominant' else ''}{adj} {head}".lower()
                    if name in seen_names:
                        continue
                    n, ea, eb = count if count else (None, a, b)
                    if listed and listed[2] == "(" and not inner:
                        eb = listed[1] + 1
                        pc = _segment_count(text, (listed[0], listed[1]), [(listed[0], listed[1])], pop_n)
                        n = pc if pc is not None else n
                    items.append({"name": name, "domain": d, "n": n, "status": _status(text, s, a), "evidence": ev(ea, eb)})
                    seen_names.update((name, (name, items[-1]["status"])))
                    seen_domains.add(d)
                    phrased.add(d)
            for e in ents:
                if e["key"] in seen_keys:
                    self._count_later(items, doc, e, s, pop_n)  # named first without a count, counted now
                if s.section == "results" and e["key"] in seen_keys and not _new_counted_form(text, e, s, pop_n, seen_names):
                    continue  # "spiking fever" at baseline, "fever resolved" later: the same manifestation
                short = bool(e.get("abbr")) and text[e["start"] : e["end"]].rstrip("s") == e["abbr"]
                if e["start"] in claimed or short and e["key"] in seen_keys:
                    continue  # a defined short form refers back to where it was defined
                long = _long_form(doc, e) if short else None
                if short and long is None:
                    continue
                name = long or _name(text, e, None)
                st = _status(text, s, e["start"])
                if (name, st) in seen_names or (e["key"].lower(), st) in seen_names and not e.get("whole"):
                    continue
                self._add(items, doc, e, None, st, pop_n, seen_names)
                if long and items[-1]["n"] is None:
                    items.pop()  # an uncounted short form is a reference, not a finding
                elif long:
                    items[-1]["name"] = long
                seen_keys.add(e["key"])
                seen_domains.add(self.lex.get(e["key"], {}).get("domain", "other"))
        items = _coordinated_subsets(doc, specific, items, pop_n, title, self.lex)
        items.extend(self._sub_diseases(doc, pop_n, seen_names, items))
        items.extend(_involved_organs(doc, pop_n, seen_names, title))
        items.extend(_organ_clauses(doc, pop_n, seen_names, items, title))
        items.extend(_type_lists(doc, pop_n, seen_names, title))
        items.extend(_histology_classes(doc, pop_n, items, title))
        items.extend(self._predicate_adjectives(doc, pop_n, seen_names, title))
        items.extend(_phenotype_lists(doc, specific, items, title))
        items.extend(_most_frequent_subject(doc, specific, items, title))
        self._respectively(doc, items, specific, pop_n, title)
        studied = {c["name"].lower() for c in _population(doc).get("conditions", [])}
        items = [it for it in items if it["name"].lower() not in studied or _counted_subset(it, pop_n)]
        items = [it for it in items if not _class_of_studied(doc, it, studied)]
        items = _exemplified_generics(text, items, specific)
        items = _group_counts(text, items)
        items = [it for it in items if not _is_the_cohort(doc, it, pop_n) and not _comorbidity(doc, it)]
        items = [it for it in items if not _outcome_event(doc, it) and not _compared_uncounted(doc, it)
                 and not _effect_target(doc, it)]
        _one_named_patient(text, items)
        case_report_counts(doc, items)
        _expand_short_forms(doc, items)
        items.sort(key=lambda it: it["evidence"]["start"])
        base.write_group(doc, "reuma_manifestations", _merge_compounds(text, items))
        return doc

    def _predicate_adjectives(self, doc: Doc, pop_n: int | None, seen: set, title: int) -> list[dict]:
        """"27 patients (73%) were hypertensive", "12 were febrile": a counted subject whose predicate is the
        adjective of a manifestation (domain_terms.json "predicate_adjectives") has that manifestation."""
        rx, adj2name = _predicate_pattern()
        words = _literal_words(tuple(adj2name))  # every match holds one of the adjectives
        text = text_of(doc)
        out = []
        for s in sentences(doc):
            if words is not None and not _holds_any(s.text, words) \
                    or _role(s) in SKIPPED_ROLES or s.start < title or s.section in ("methods", "background"):
                continue
            for m in rx.finditer(text, s.start, s.end):
                name = adj2name[m.group("adj").lower()]
                if name in seen or name not in self.lex:
                    continue
                a, b = m.start("adj"), m.end("adj")
                hit = count_near(text, a, b, s.start, s.end, pop_n)
                if not hit or pop_n is not None and hit[0] >= pop_n:
                    continue
                seen.update((name, (name, "current")))
                out.append({"name": name, "domain": self.lex[name].get("domain", "other"), "n": hit[0],
                            "status": "current", "evidence": ev(hit[1], b)})
        return out

    def _respectively(self, doc: Doc, items: list[dict], ents: list[dict], pop_n: int | None, title: int) -> None:
        """"38.9, 29.8, and 44.5% had articular, gastrointestinal, and renal involvement, respectively":
        each listed manifestation with its own count (a domain word borrows the last item's head)."""
        text = text_of(doc)
        _, adj2dom = domain_phrase()
        for s in sentences(doc):
            if s.section in ("background", "conclusions") or s.start < title:
                continue
            if not _may_list_respectively(s.text):
                continue  # respectively_counts finds nothing here
            for a, b, n, head in respectively_counts(text, s.start, s.end, pop_n):
                surface = re.sub(r"\s+", " ", text[a:b]).strip().lower()
                inner = [e for e in ents if a <= e["start"] < b]
                if surface in adj2dom:
                    name, domain = (f"{surface} {head}".strip(), adj2dom[surface])
                elif inner:
                    name, domain = (surface, self.lex.get(inner[0]["key"], {}).get("domain", "other"))
                elif surface.split()[0] in adj2dom:
                    name, domain = (surface, adj2dom[surface.split()[0]])
                else:
                    continue
                old = next((it for it in items if it["name"] == name
                            or a < it["evidence"]["end"] and it["evidence"]["start"] < b), None)
                if old is not None:
                    old.update(name=name, n=n, evidence=ev(a, b))
                else:
                    items.append({"name": name, "domain": domain, "n": n, "status": "current", "evidence": ev(a, b)})

    def _count_later(self, items: list[dict], doc: Doc, e: dict, s, pop_n: int | None) -> None:
        """"the frequency of lymphoma in pSS ... Four patients were diagnosed with a lymphoma": the
        item named without a count takes the count of a later, counting mention."""
        item = next((it for it in items if it.get("_ent") and it["n"] is None
                     and text_of(doc)[it["_ent"][0] : it["_ent"][1]].lower() == text_of(doc)[e["start"] : e["end"]].lower()), None)
        if item is None or _ae_sentence(s.text):
            return
        hit = count_near(text_of(doc), e["start"], e["end"], s.start, s.end, pop_n, denominator=True,
                         percent=s.section != "results")
        if hit and (pop_n is None or hit[0] < pop_n):
            item.update(n=hit[0], evidence=ev(hit[1], hit[2]), _ent=(e["start"], e["end"]))

    def _sub_diseases(self, doc: Doc, pop_n: int | None, seen: set[str], items: list[dict]) -> list[dict]:
        """"Six suffered from LN, and one patient had NPSLE": counted forms of the disease studied; the
        disease studied itself where it is counted in part of the cohort ("66 of 91 had ILD")."""
        main = {c["name"] for c in _population(doc).get("conditions", [])}
        diseases = vocab.entries("diseases")
        out = []
        for e in entities(doc, "disease"):
            entry = diseases.get(e["key"], {})
            organ = not entry.get("domain")  # a disease the manifestation lexicon knows as an organ finding
            domain = entry.get("domain") or self.lex.get(e["key"], {}).get("domain")
            if not domain or e["key"].lower() in seen or e["key"].lower() in main and not organ:
                continue
            spans = [(it["evidence"]["start"], it["evidence"]["end"]) for it in items]
            defined_at = [d["start"] for d in base.items(doc, "reuma_abbreviations") if d["short"] == e.get("abbr")]
            if any(a < e["end"] and e["start"] < b for a, b in spans) or any(a <= d < b for d in defined_at for a, b in spans):
                continue  # already an item, or a short form whose definition is one
            sent = _sentence_holding(doc, e["start"])
            if sent is None or sent.section in ("background", "conclusions") or \
                    any(x <= e["start"] < y for x, y in _inclusion_clauses(text_of(doc), sent, ";:")):
                continue
            hit = count_near(text_of(doc), e["start"], e["end"], sent.start, sent.end, pop_n)
            if not hit or (pop_n is not None and hit[0] >= pop_n):
                continue
            if organ and (pop_n is None or not (HAD_BEFORE.search(text_of(doc)[hit[1] : e["start"]])
                                                or PRESENT_AFTER.match(text_of(doc), e["end"]))):
                continue  # an organ disease counts only where part of a cohort of known size "had" it
            seen.add(e["key"].lower())
            out.append({"name": e["key"].lower(), "domain": domain, "n": hit[0], "status": "current",
                        "evidence": ev(hit[1], hit[2])})
        return out + _qualified_subsets(doc, pop_n, seen, items + out)

    def _add(self, items: list[dict], doc: Doc, e: dict, span: tuple[int, int] | None, status: str,
             pop_n: int | None, seen: set[str]) -> None:
        text = text_of(doc)
        entry = self.lex.get(e["key"], {})
        sent = _sentence_holding(doc, e["start"])
        lo, hi = (sent.start, sent.end) if sent else (0, len(text))
        name = _name(text, e, None)
        results = sent is not None and sent.section == "results"
        q = OBJECT_QUANTIFIER.search(text, max(lo, e["start"] - 40), e["start"])
        a = q.start() if q else e["start"]  # "48 (40%) had one or more flares": 1 counts the events, 48 the patients
        # "X was present in 30/50, Y in 20/50": the gapped members are read as the first (numerators), not
        # as the denominators of "improved in 12/13"
        gapped = bool(PRESENT_IN_RATIO.search(text, lo, a)) and not OUTCOME_WORD.search(text, lo, min(hi, e["end"] + 40))
        sub = SUBGROUP_BASE.search(text, lo, a)
        base_n = parse_int(sub.group("n")) if sub else None  # "Among 20 patients with X, 60% had Y": 60% of 20
        if base_n is None and (ana := ANAPHORIC_BASE.search(text, lo, a)):
            prior = list(_printed_subgroup().finditer(text, max(0, lo - 200), lo + ana.start()))
            base_n = parse_int(prior[-1].group("n")) if prior else None  # "61 patients had sine scleroderma. Among them, 50.8%"
        base_n = base_n if base_n and (pop_n is None or base_n <= pop_n) else pop_n
        hit = count_near(text, a, e["end"], lo, hi, base_n, denominator=not gapped, percent=not results,
                         share_subject=True)
        near = _left_count(text, lo, a, e["end"])
        if near and (hit is None or hit[1] < near[1] and hit[2] <= e["end"] or NEW_CLAUSE_COUNT.match(text, e["end"], hi)):
            hit = near  # "30 had arthritis versus 20 (40%) with rash", "five had serositis, three of them with pericarditis"
        if base_n and (al := ALL_HAD_BEFORE.search(text, max(lo, a - 60), a)) and (hit is None or hit[1] < al.start()):
            hit = (base_n, al.start(), e["end"])  # "two pts had alopecia and all pts had arthritis": all, not the two
        if hit and SHARES_OF_GROUPS.match(text, e["end"], hi):
            hit = None  # "X (75% vs 50%)": each share is of a group whose size is not the cohort's
        if hit is None and results:
            hit = _comma_count(text, e["start"], e["end"], hi)
        if hit is None:
            hit = _attached_count(text, e["start"], e["end"], hi)
        if hit is None:
            hit = _n_percent_pair(text, e["start"], e["end"], lo, hi, base_n)
        if hit is None:
            one = IN_ONE_PATIENT.match(text, e["end"], hi)
            hit = (1, e["start"], one.end()) if one else None
        than = THAN_GROUP.match(text, e["end"], hi) if hit is None else None
        if than:  # "more often had X than patients under 21 (19 [10.9%] vs 1 [1.4%])": the counts follow the other group
            hit = count_near(text, e["start"], than.end(), lo, hi, pop_n, denominator=True, percent=not results)
        if results and (od := _outcome_denominator().match(text, e["end"], hi)) and (k := parse_int(od.group("of"))) \
                and (pop_n is None or k <= pop_n):
            hit = (k, e["start"], od.end())  # "oral ulcers resolved in 5 of 6 patients": the 6 had them (rule 8)
        n = hit[0] if hit else None
        if span is None:
            span = (hit[1], hit[2]) if hit else (e["start"], e["end"])
        if e.get("historical") and not _history_cut(text, lo, e["start"]):
            status = "previous"
        items.append({"name": name, "domain": entry.get("domain", "other"), "n": n, "status": status,
                      "evidence": ev(*span), "_ent": (e["start"], e["end"])})
        seen.add(name)
        seen.add((name, status))


def _may_list_respectively(sentence: str) -> bool:
    """A cheap test before ``counting.respectively_counts`` on a sentence, which finds nothing unless
    ``NUMBER_PAIR`` matches there and then ``RESPECTIVELY_LIST`` or ``RESPECTIVELY_ITEMS_FIRST`` does (its only
    patterns; keep in step): the sentence must hold a text every match of NUMBER_PAIR holds, and one of either
    list pattern (``_may_match``)."""
    return _may_match(counting.NUMBER_PAIR, sentence) and (_may_match(counting.RESPECTIVELY_LIST, sentence)
                                                          or _may_match(counting.RESPECTIVELY_ITEMS_FIRST, sentence))


@functools.cache
def _outcome_denominator() -> re.Pattern:
    """"X resolved in 5 of 6 patients", "X improved in two of the three patients affected": the manifestation
    appears only as an outcome's target, and the denominator is the patients who had it (rule 8)."""
    c = count_pattern()
    return re.compile(rf"(?:\s+(?:was|were|had|has|have))?(?:\s+(?:completely|partially|fully|significantly|rapidly))?"
                      r"\s+(?:improved|resolved|disappeared|normali[sz]ed|regressed|remitted|healed|responded)\b"
                      rf"(?:\s+(?:completely|fully))?\s+in\s+(?P<n>{c})\s+(?:out\s+)?of\s+(?:the\s+|these\s+)?(?P<of>{c})\b"
                      rf"(?:\s+{PATIENT})?(?:\s+(?:affected|with\s+(?:it|them|this\s+\w+)|who\s+had\s+(?:it|them)))?", re.I)


#: "Among them, 50.8% had X": the share is of the subgroup just named, whose size is printed (record.md's percentage rule)
ANAPHORIC_BASE = re.compile(rf"\b(?:among|of|in)\s+(?:them|these|those|this\s+(?:sub)?group)(?:\s+{PATIENT})?\s*,?\s*\d+(?:[.,]\d+)?\s*%", re.I)


@functools.cache
def _printed_subgroup() -> re.Pattern:
    """"61 patients had sine scleroderma", "Sixty-one patients with ILD": a subgroup and its printed size."""
    return re.compile(rf"(?P<n>{count_pattern()})\s+(?:\([^()]{{0,20}}\)\s+)?{PATIENT}\s+(?:\([^()]{{0,20}}\)\s+)?"
                      r"(?:had|have|with|presented|showed|developed|were)\b", re.I)


#: "all pts had X", "all of the patients presented with X": the whole cohort (or subgroup) has it
ALL_HAD_BEFORE = re.compile(rf"\b(?:all|every)\s+(?:of\s+)?(?:the\s+|these\s+|our\s+)?(?:[\w-]+\s+)?{PATIENT}\s+(?:had|have|presented\s+with|"
                            r"showed|developed|suffered\s+from|were\s+diagnosed\s+with)\s+(?:an?\s+)?$", re.I)


#: a renal biopsy class with what it names: "pure class IV lesions", "class III", "class V LN", "class III+V";
#: "mixed" only as a member of a bracketed list of classes ("(pure class V, n = 1; mixed, n = 2)")
HISTOLOGY_CLASS = re.compile(r"(?<![\w-])(?:(?:[Pp]ure|[Ii]solated|[Mm]ixed)\s+)?[Cc]lass\s+(?:[IVX]{1,4}|[1-6])(?:\s*[+/]\s*(?:[IVX]{1,4}|[1-6]))?"
                             r"(?:\s*\((?:A|C|A/C)\))?(?:\s+(?:lupus\s+nephritis|LN|nephritis|glomerulonephritis|GN|lesions?))?(?![\w-])")
MIXED_MEMBER = re.compile(r"(?<=[(;,])\s*(mixed(?:\s+(?:lesions?|classes|forms?))?)(?=\s*(?:,\s*n\s*=|\(\s*n\s*=|:\s*\d|\s\d))", re.I)
#: other scales that have classes: "NYHA class III", "WHO functional class II", "HLA class I"
OTHER_CLASS_BEFORE = re.compile(r"\b(?:NYHA|WHO|functional|FC|HLA|MHC|Child[-\s]Pugh|Pugh|Killip|Forrest|ASA|Steinbrocker|"
                                r"Hamilton|Kellgren|Outerbridge|Angle|ACR|Hurley|Dindo|Clavien)\s*(?:[-\w]+\s+)?$", re.I)
RENAL_HISTOLOGY_CONTEXT = re.compile(r"nephritis|\bLN\b|glomerulo|(?:kidney|renal)\s+biops|ISN/RPS|histolog", re.I)


def _histology_classes(doc: Doc, pop_n: int | None, items: list[dict], title: int) -> list[dict]:
    """"most (n = 13) patients had pure class IV lesions (pure class V, n = 1; mixed, n = 2)", "class III in 14":
    each counted biopsy class is a renal manifestation of the patients counted (record.md's granularity rule:
    the specific items). Only in a text about kidney histology, and never another scale's class."""
    text = text_of(doc)
    if not (_may_match(RENAL_HISTOLOGY_CONTEXT, text) and RENAL_HISTOLOGY_CONTEXT.search(text)):
        return []
    out: list[dict] = []
    taken = [(it["evidence"]["start"], it["evidence"]["end"]) for it in items]
    for s in sentences(doc):
        if not _may_match(HISTOLOGY_CLASS, s.text) or s.start < title or s.section not in ("results", "methods", None) \
                or _role(s) in SKIPPED_ROLES:
            continue  # no class named: nothing found, the role not asked
        found = [(s.start + m.start(), s.start + m.end()) for m in HISTOLOGY_CLASS.finditer(s.text)
                 if not OTHER_CLASS_BEFORE.search(text, max(s.start, s.start + m.start() - 30), s.start + m.start())]
        if found:
            found += [(s.start + m.start(1), s.start + m.end(1)) for m in MIXED_MEMBER.finditer(s.text)]
        for a, b in sorted(found):
            if any(x < b and a < y for x, y in taken):
                continue
            hit = _class_count(text, a, b, s, pop_n)
            if hit is None:
                continue
            name = re.sub(r"\s+", " ", text[a:b]).lower()
            out.append({"name": name, "domain": "renal", "n": hit[0], "status": _status(text, s, a),
                        "evidence": ev(min(a, hit[1]), max(b, hit[2]))})
            taken.append((a, b))
    return out


CLASS_COUNT_AFTER = re.compile(r"\s*(?:[,:]\s*n\s*=\s*(?P<a>\d+)|\(\s*(?:n\s*=\s*)?(?P<b>\d+)\s*(?:patients?|pts|cases)?\s*(?:[,;)]|\(|\d+(?:[.,]\d+)?\s*%)"
                               r"|,\s*(?P<c>\d+)\s*(?=[;,.)]|$|and\b))", re.I)


CLASS_COUNT_BEFORE = re.compile(r"\(\s*n\s*=\s*(\d+)\s*\)\s*(?:patients?|pts|cases)\s+(?:had|showed|presented\s+with|with)\s+$", re.I)


def _class_count(text: str, a: int, b: int, s, pop_n: int | None) -> tuple[int, int, int] | None:
    """A class's own count right after it ("class V, n = 1", "class III (n = 10)", "class III, 10;"), else
    the clause's count (count_near: "Three patients had pure class IV", "class III in 14")."""
    m = CLASS_COUNT_AFTER.match(text, b, s.end)
    if m:
        k = int(m.group("a") or m.group("b") or m.group("c"))
        return (k, a, m.end()) if pop_n is None or k <= pop_n else None
    lo = max(s.start, a - 40)
    left = CLASS_COUNT_BEFORE.search(text, lo, a)
    if left:  # "most (n = 13) patients had pure class IV lesions"
        return int(left.group(1)), left.start(), b
    return count_near(text, a, b, s.start, s.end, pop_n)


#: "serositis (n=5)", "serositis (5 patients)": the count of a manifestation (not a domain adjective)
SERIES_COUNT = re.compile(rf"\s*[(\[]\s*(?:n\s*=\s*)?\d+(?:[.,]\d+)?\s*(?:%|(?:/|of)\s*\d+)?\s*(?:{PATIENT}\s*)?[)\],;]", re.I)
@functools.cache
def _left_count_rx() -> re.Pattern:
    """A count with its optional share, a patient noun, "of them", then a having word, right before the mention."""
    return re.compile(rf"(?<![\w.,/%])(?P<n>{count_pattern()})(?:\s*[(\[][^()\[\]]{{0,25}}[)\]])?(?:\s+{PATIENT})?"
                      r"(?:\s*,?\s+(?:of\s+(?:them|these|those|whom)|among\s+(?:them|these|those)))?"
                      r"\s+(?:with|having|had|showed|presented\s+with|developed)\s+(?:an?\s+|both\s+)?$", re.I)


def _left_count(text: str, lo: int, a: int, b: int) -> tuple[int, int, int] | None:
    """"20 (40%) with malar rash", "three of them with pericarditis": the count the mention's own having
    clause starts with (nearer than a count further left that counts something else)."""
    m = _left_count_rx().search(text, max(lo, a - 70), a)
    k = parse_int(m.group("n")) if m else None
    if m is None or k is None or UNIT_BEFORE.match(text, m.end("n")):
        return None
    return k, m.start(), b


#: "30 had arthritis: 12 with synovitis ...": the count after the colon opens the next clause, not the mention's
NEW_CLAUSE_COUNT = re.compile(r"\s*:\s*\d+\s+(?:\([^()]*\)\s+)?(?:(?:patients?|pts|cases)\s+)?(?:with|had|have|presented|showed|developed)\b", re.I)
#: "arthralgia (75% vs 50%)", "arthralgia: 75% versus 50%": two groups' shares, no count
SHARES_OF_GROUPS = re.compile(r"\s*(?:[(\[]|:)?\s*\d+(?:[.,]\d+)?\s*%\s*(?:vs\.?|versus)\s*\d+(?:[.,]\d+)?\s*%", re.I)
#: "none had pericarditis", "none of them developed X": no patient has it
NONE_HAD = re.compile(r"\bnone\s+(?:of\s+(?:them|these|those)\s+)?(?:had|has|have|presented\s+with|developed|showed|experienced|reported)"
                      r"\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+){0,2}$", re.I)
#: "..., and 4 (20%) had": a new counted subject, whose clause a history cue before it does not reach
NEW_SUBJECT = re.compile(r"(?:,|\band\b|\bwhile\b|\bwhereas\b|\bbut\b)\s+(?:\w+\s+)?(?:\d+|[a-z]+)\s*(?:\([^()]*\)\s*)?(?:(?:patients?|pts|cases)\s+)?"
                         r"(?:had|have|has|presented|showed|developed|were|was|with)\b", re.I)
CURRENT_BEFORE = re.compile(r"\b(?:active|current|ongoing|new(?:ly)?|concomitant)\s+(?:[\w-]+\s+)?$", re.I)
def _history_cut(text: str, lo: int, pos: int) -> bool:
    """"12 had a history of X and 4 had active Y": the last history cue before the mention is cut off from it
    by a new counted subject or an "active"/"current" qualifier right before it."""
    hits = list(HISTORY.finditer(text, lo, pos))
    if not hits:
        return False
    new = NEW_SUBJECT.search(text, hits[-1].end(), pos)
    if new and not re.search(r"\w", text[hits[-1].end() : new.start()]):
        new = None  # "At disease onset, 20 patients had X": the cue's own clause, not a new subject
    return bool(new or CURRENT_BEFORE.search(text, max(lo, pos - 20), pos))


#: "Among (the) 20 patients with renal involvement, ...": the subgroup whose size a share or "all" refers to
SUBGROUP_BASE = re.compile(rf"\b(?:among|of|in)\s+(?:the\s+|these\s+|those\s+)?(?P<n>\d+)\s+{PATIENT}\s+(?:with|who|having)\b[^;:.]{{0,80}}?,\s*", re.I)
#: "..., compared with 45% in a previous cohort with serositis", "than reported in the literature for X":
#: what follows is another study's patients, not this study's (annotation rule 1)
OTHER_COHORT_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|than|versus|vs\.?|similar\s+to|as\s+in)\b[^;.()]{0,60}?"
                                 r"\b(?:previous|prior|earlier|other|published|historical|reported|western|european|asian)\s+"
                                 r"(?:cohorts?|studies|study|series|reports?|literature|data|populations?)\b[^;.(),]{0,40}$", re.I)
#: a count followed by a unit is a quantity, not patients
UNIT_BEFORE = re.compile(r"\s*(?:%|percent|mg|g|kg|ml|weeks?|months?|years?|days?|times|doses?)\b", re.I)


#: "arthritis, 30 (60%); rash, 20 (40%)": a list member, a comma, then its count with its share
COMMA_COUNT = re.compile(r"\s*,\s*(?P<n>\d+)\s*[(\[]\s*\d+(?:[.,]\d+)?\s*%\s*[)\]](?=\s*(?:[;,.]|and\b|$))", re.I)


def _comma_count(text: str, a: int, b: int, hi: int) -> tuple[int, int, int] | None:
    m = COMMA_COUNT.match(text, b, hi)
    return (int(m.group("n")), a, m.end()) if m else None


#: methods-like wording that a results clause also uses to report what it counts ("the following were recorded")
SOFT_INCLUSION = re.compile(r"\bthe\s+following\b|\b(?:were|was|are|is)\s+(?:\w+\s+)?(?:recorded|collected|examined|observed|noted|documented)\b", re.I)
#: a patient count in a clause: "(n = 30)", "(30/50)", "in 30 (60%)", "30 patients (60%)"
COUNTED = re.compile(r"\(\s*(?:n\s*=\s*)?\d+\s*(?:[),;/]|patients?\b|pts\b|cases?\b)|\bin\s+\d+(?:\s*/\s*\d+|\s*\(\s*\d+(?:[.,]\d+)?\s*%|\s+(?:patients?|pts|cases?)\b)", re.I)


def _counted_report(text: str, a: int, b: int) -> bool:
    """A clause blocked only by wording a report shares with a method ("were recorded", "the following"), which
    counts patients, reports what it counts."""
    clause = SOFT_INCLUSION.sub(lambda m: " " * len(m.group(0)), text[a:b])
    return not _inclusion_in(clause) and bool(COUNTED.search(clause))


#: "PMR symptoms such as morning stiffness": the generic named, then its examples
SUCH_AS = re.compile(r"\s*,?\s*(?:such\s+as|including|e\.\s?g\.,?|like|namely|in\s+particular"
                     r"|(?:was|were)?\s*(?:included|includes|include|comprised|consisted\s+of|manifested\s+as))\s*:?\s+(?:an?\s+|the\s+)?", re.I)


def _exemplified_generics(text: str, items: list[dict], ents: list[dict]) -> list[dict]:
    """An uncounted generic item ("symptoms", "manifestations", "involvement" ...: domain_terms.json "heads")
    followed by "such as"/"including" and a named manifestation: the specific ones are the items (record.md
    granularity), the generic gives way."""
    heads = {h.lower() for h in lexicons.load("domain_terms").get("heads", [])}
    starts = {e["start"] for e in ents}

    def generic(it: dict) -> bool:
        if it["n"] is not None or it["name"].split()[-1] not in heads:
            return False
        m = SUCH_AS.match(text, it["evidence"]["end"])
        return bool(m) and m.end() in starts
    return [it for it in items if not generic(it)]


#: a count written right after a list member in a table-like layout: "X (30 of 50)", "X [n = 30]", "X: 30/50"
ATTACHED_COUNT = re.compile(r"\s*(?:[(\[]\s*(?P<a>\d+)\s*(?:of|/)\s*\d+\b[^()\[\]]{0,20}[)\]]|\[\s*n\s*=\s*(?P<b>\d+)\b[^()\[\]]{0,20}\]"
                            r"|:\s*(?P<c>\d+)\s*/\s*\d+\b)", re.I)


def _attached_count(text: str, a: int, b: int, hi: int) -> tuple[int, int, int] | None:
    m = ATTACHED_COUNT.match(text, b, hi)
    return (int(m.group("a") or m.group("b") or m.group("c")), a, m.end()) if m else None


#: "pericarditis was noted in a single patient", "X occurred in only one case": one patient
IN_ONE_PATIENT = re.compile(r"(?:\s+(?:was|were))?(?:\s+(?:also|only))?(?:\s+(?:present|found|observed|seen|noted|reported|detected|documented|diagnosed|described|occurred|developed))?"
                            r"\s+in\s+(?:a\s+single|only\s+one|just\s+one|one\s+single|a|one)\s+(?:patient|pt|case|child|subject|individual)\b(?!\s+(?:with|who|of)\b)", re.I)


#: "arthritis 30 (60)", "arthritis: 30 (60.0)", "arthritis, 30 [60.0%]": a table row's n and its share
N_PERCENT_PAIR = re.compile(r"(?:\s*[:,]\s*|\s+)(?P<n>\d+)\s*[(\[]\s*(?P<p>\d+(?:[.,]\d+)?)\s*%?\s*[)\]](?=\s*(?:[;,.)]|and\b|$))", re.I)
N_PERCENT_HEADER = re.compile(r"\bn\s*[(\[]\s*%\s*[)\]]", re.I)


def _n_percent_pair(text: str, a: int, b: int, lo: int, hi: int, base: int | None) -> tuple[int, int, int] | None:
    """A member followed by "n (p)": the n, where the sentence declares "n (%)" or p is n's share of the cohort."""
    m = N_PERCENT_PAIR.match(text, b, hi)
    if not m:
        return None
    k, p = int(m.group("n")), float(m.group("p").replace(",", "."))
    if N_PERCENT_HEADER.search(text, lo, a) or base and k <= base and abs(100 * k / base - p) <= 0.6:
        return k, a, m.end()
    return None


#: "arthritis was found in 30/50": a sentence that reports presence with ratios (its gapped members too)
PRESENT_IN_RATIO = re.compile(r"\b(?:was|were)\s+(?:(?:also|each)\s+)?(?:present|found|observed|seen|noted|reported|detected|documented|"
                              r"recorded|diagnosed|identified)\s+in\s+\d+\s*/\s*\d+", re.I)
OUTCOME_WORD = re.compile(r"\b(?:improv|resol|respon|remission|disappear|normali[sz]|relaps|recover|persist|worsen)", re.I)


#: "at least one", "one or more", "≥1" (episode of): a quantifier of the events a patient had, never a patient count
OBJECT_QUANTIFIER = re.compile(r"(?<![\w.,/])(?:(?:at\s+least|a\s+minimum\s+of)\s+(?:one|1)|(?:one|1)\s+or\s+more|[≥>]\s*=?\s*[01]|more\s+than\s+(?:one|1))"
                               r"(?:\s+(?:episodes?|events?|attacks?|bouts?|flares?)\s+of)?\s+$", re.I)


#: the group a manifestation is compared with, between it and its bracketed counts ("X than controls (12 vs 3)")
THAN_GROUP = re.compile(r"\s+than\s+(?:(?:in|among)\s+)?[^();,.:]{1,50}?(?=\s*\(\s*(?:n\s*=\s*)?\d)", re.I)


#: "died of respiratory failure", "developed RPILD subsequently": an event after baseline is an outcome
OUTCOME_EVENT = re.compile(r"\bdied\s+(?:of|from|due\s+to|because\s+of)\b|\bsubsequently\b"
                           r"|\bduring\s+(?:the\s+)?follow[-\s]?up\b"
                           r"|\b(?:led|leading)\s+to\s+(?:the\s+)?(?:treatment\s+|drug\s+)?(?:discontinuation|withdrawal|interruption|suspension|hospitali[sz]ation|death)\b", re.I)
#: "higher rates of proteinuria in those treated", "more likely to present with X": a feature compared
#: between groups or named as a predictor, without a count of this study's patients, describes no patient
COMPARISON = re.compile(r"\bmore\s+likely\b|\bless\s+likely\b|\bprognostic\b|\binfluenced\b|\bpredict\w*|\bfactors?\b"
                        r"|\bin\s+contrast\s+to\b|\b(?:higher|lower)\s+(?:rates?|frequenc\w+|proportions?)\s+of\b"
                        r"|\b(?:less|more|fewer|larger|smaller|greater|higher|lower)\b[^.;]{0,60}?\bthan\b|(?<!\bnot\s)\bdiffer(?:ed|s|ence|ences)?\s+(?:\w+\s+){0,2}?between\b"
                        r"|\bsignificant(?:ly)?\s+differ\w*"
                        r"|\bclustered\b|\bclusters?\b|\bcomponents?\b"
                        r"|\b(?:more|less)\s+favou?rable\b|\b(?:better|worse|similar|comparable)\s+(?:results?|responses?|outcomes?|improvements?|prognosis|effects?)\b"
                        r"|\bresponded\s+(?:better|worse|similarly)\b", re.I)
#: "66 patients (72.5%) had ILD": the words between a count and the disease it counts
HAD_BEFORE = re.compile(r"(?:patients?|cases?|subjects?|pts?)?\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s*)?"
                        r"(?:patients?|cases?|subjects?|pts?)?\s*(?:had|presented(?:\s+with)?|showed|suffered\s+from)\s+$", re.I)
#: "ILD was present in 66 patients", "ILD was found in 66": the passive of HAD_BEFORE, right of the disease
PRESENT_AFTER = re.compile(r"\s+(?:was|were)\s+(?:(?:also|already)\s+)?(?:present|found|seen|observed|noted|detected|documented|diagnosed|identified)"
                           r"(?:\s+(?:at|on)\s+(?:baseline|diagnosis|onset|presentation))?\s+in\b", re.I)
#: "ulcerative skin lesions (19 [10.9%] vs 1 [1.4%]; P=.02)": one count per compared group
_GROUP_SHARE = r"(?:\s*[(\[]\s*\d+(?:[.,]\d+)?\s*%\s*[)\]])"
_NO_UNIT = r"(?![.,]\d)(?!\s*(?:%|mg|g\b|kg|ml|mm|cm|months?|years?|weeks?|days?|hours?|times|points?))"
#: two groups' counts in the mention's bracket or after its colon: "(19 [10.9%] vs 1 [1.4%])", "(30 vs 20)",
#: ": 30 (75%) vs. 20 (50%)", "(30/40 vs 20/40)"; whole numbers of patients, not shares, doses or times
GROUP_COUNTS = re.compile(
    rf"(?:[(\[]|:)\s*(?P<a>\d+){_NO_UNIT}\s*(?:(?:of|/)\s*\d+\s*)?{_GROUP_SHARE}?\s*"
    rf"(?P<vs>vs\.?|versus)\s*(?P<b>\d+){_NO_UNIT}(?:\s*(?:of|/)\s*\d+)?{_GROUP_SHARE}?(?!\s*[-–]|\s*(?:of|/))", re.I)

@functools.lru_cache(maxsize=1)
def _predicate_pattern() -> tuple[re.Pattern, dict[str, str]]:
    words = {k.lower(): v for k, v in lexicons.load("domain_terms").get("predicate_adjectives", {}).items() if not k.startswith("_")}
    adjs = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b(?:were|was|became|remained)\s+(?:(?:also|still|already|persistently)\s+)?(?P<adj>{adjs})(?![\w-])", re.I), words

#: what may not stand between a mention and its group counts: another clause, item or number
GROUP_GAP = re.compile(r"[,;]|\d|\.\s")

@functools.lru_cache(maxsize=1)
def _organ_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """"The pancreas and lymph nodes were the most frequently involved organs" and "the most commonly
    involved organs were the lungs (n=12) and kidneys": the organ list of either form (cues and
    organ nouns from domain_terms.json)."""
    terms = lexicons.load("domain_terms")
    organs = {k.lower(): v for k, v in terms["organs"].items() if not k.startswith("_")}
    cues = "|".join(sorted((re.escape(c) for c in terms["involved_cues"]), key=len, reverse=True))
    after = re.compile(rf"\s+(?:were|was)\s+(?:the\s+)?(?:{cues})\b", re.I)
    before = re.compile(rf"\b(?:{cues})\s+(?:organs?|sites?)\s+(?:were|was|included)\s+", re.I)
    return after, before, organs


def _organ(phrase: str, organs: dict[str, str]) -> str | None:
    """"the lymph nodes" -> "lymph node" when it names a listed organ."""
    w = re.sub(r"\s+", " ", re.sub(r"\s*\([^()]*\)", "", phrase)).strip(" ,;.").lower()
    w = re.sub(r"^(?:the|both)\s+", "", w)
    for cand in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w, w[:-3] + "y" if w.endswith("ies") else w):
        if cand in organs:
            return cand
    return None


def _involved_organs(doc: Doc, pop_n: int | None, seen: set, title: int) -> list[dict]:
    """Organs named as the involved ones are organ-level items ("pancreas involvement"); every
    member of the list must be an organ noun, so a list of anything else gives nothing."""
    text = text_of(doc)
    after, before, organs = _organ_patterns()
    cues = _literal_words(tuple(lexicons.load("domain_terms")["involved_cues"]))  # both patterns hold one of them
    out: list[dict] = []
    for s in sentences(doc):
        if cues is not None and not _holds_any(s.text, cues) or _role(s) in SKIPPED_ROLES or s.start < title \
                or _has_inclusion(s.text):
            continue
        m = after.search(text, s.start, s.end)
        spans = []
        if m:
            lo = max(text.rfind(x, s.start, m.start()) for x in (";", ":")) + 1 or s.start
            spans.append((max(lo, s.start), m.start()))
            more = FOLLOWED_BY.match(text, m.end(), s.end)  # "..., followed by the carotid arteries (79.1%)"
            if more:
                stop = re.search(r"[;:]|\.(?!\d)", text[more.end() : s.end])
                spans.append((more.end(), more.end() + stop.start() if stop else s.end))
        else:
            m = before.search(text, s.start, s.end)
            if not m:
                continue
            stop = re.search(r"[;:]|\.(?!\d)", text[m.end() : s.end])
            spans.append((m.end(), m.end() + stop.start() if stop else s.end))
        segs = [sg for span in spans for x in _segments_in(text, *span) for sg in _split_and(text, x)]
        names = [_organ(text[a:b], organs) for a, b in segs]
        if not segs or None in names:
            continue
        for sg, organ in zip(segs, names, strict=True):
            name = f"{organ} involvement"
            if name in seen:
                continue
            seen.update((name, (name, "current")))
            out.append({"name": name, "domain": organs[organ], "n": _segment_count(text, sg, segs, pop_n),
                        "status": "current", "evidence": ev(*_trim(text, *sg))})
    return out


@functools.lru_cache(maxsize=1)
def _organ_clause_pattern() -> re.Pattern:
    """"the stomach was involved", "the kidneys were affected", "involvement of the liver": one organ
    noun (domain_terms.json "organs") named as involved, in either voice."""
    _, _, organs = _organ_patterns()
    nouns = "|".join(sorted((re.escape(o) for o in organs), key=len, reverse=True))
    return re.compile(rf"\b(?:the\s+)?(?P<o>{nouns})(?:s|es)?\s+(?:was|were)\s+(?:also\s+|additionally\s+)?(?:involved|affected)\b"
                      rf"|\binvolvement\s+of\s+(?:the\s+)?(?P<o2>{nouns})(?:s|es)?\b", re.I)




def _organ_clauses(doc: Doc, pop_n: int | None, seen: set, items: list[dict], title: int) -> list[dict]:
    """"In one patient the stomach was involved", "the stomach was involved in one patient", "involvement
    of the stomach in 3 patients": a counted organ named as involved is "<organ> involvement"."""
    text = text_of(doc)
    _, _, organs = _organ_patterns()
    out: list[dict] = []
    for s in sentences(doc):
        if not _may_match(_organ_clause_pattern(), s.text) or _role(s) in SKIPPED_ROLES or s.start < title \
                or _has_inclusion(s.text):
            continue
        for m in _organ_clause_pattern().finditer(text, s.start, s.end):
            organ = _organ(m.group("o") or m.group("o2"), organs)
            if organ is None or NEGATED_BEFORE.search(text, max(s.start, m.start() - 30), m.start()):
                continue
            name = f"{organ} involvement"
            if name in seen or any(m.start() < it["evidence"]["end"] and it["evidence"]["start"] < m.end() for it in items + out):
                continue
            hit = count_near(text, m.start(), m.end(), s.start, s.end, pop_n)
            if not hit or pop_n is not None and hit[0] >= pop_n:
                continue
            seen.update((name, (name, "current")))
            out.append({"name": name, "domain": organs[organ], "n": hit[0], "status": _status(text, s, m.start()),
                        "evidence": ev(hit[1], hit[2])})
    return out


#: "The angiographic involvement pattern was type I in 91 (22.1%) patients, type IIa in 16 ...": a
#: classification named by its adjective, then its types, each counted
TYPE_INTRO = re.compile(r"\b(?P<adj>[a-z][a-z\-]+)\s+(?:(?:involvement|disease|clinical)\s+)?(?:patterns?|classifications?|subtypes?|types?|phenotypes?)"
                        r"\s+(?:was|were|included|:)\s+", re.I)
TYPE_ITEM = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?P<type>(?:type|subtype|class|pattern)\s+(?:[IVX]+|\d+)[a-d]?)\b", re.I)


def _type_lists(doc: Doc, pop_n: int | None, seen: set, title: int) -> list[dict]:
    """Each counted type of a named classification is an item "<adjective> type <T>" (the types of an
    angiographic, histologic or clinical classification are the patients' findings)."""
    text = text_of(doc)
    out: list[dict] = []
    for s in sentences(doc):
        if not _may_match(TYPE_INTRO, s.text) or _role(s) in SKIPPED_ROLES or s.start < title:
            continue
        for m in TYPE_INTRO.finditer(text, s.start, s.end):
            if m.group("adj").lower() in ("the", "a", "an", "of", "this", "each", "which", "most", "common", "frequent"):
                continue
            pos = m.end()
            while True:
                t = TYPE_ITEM.match(text, pos, s.end)
                if not t:
                    break
                nxt = TYPE_ITEM.search(text, t.end(), s.end)
                hi = nxt.start() if nxt else s.end
                hit = count_near(text, t.start("type"), t.end("type"), t.start("type"), hi, pop_n)
                name = f"{m.group('adj')} {re.sub(chr(92) + 's+', ' ', t.group('type'))}".lower()
                if hit and name not in seen:
                    seen.update((name, (name, "current")))
                    out.append({"name": name, "domain": "other", "n": hit[0], "status": "current",
                                "evidence": ev(t.start("type"), hit[2])})
                pos = hi
                if not nxt:
                    break
    return out


#: "presentation patterns at onset are as follows:", "according to their presenting lung manifestations:"
PHENOTYPE_INTRO = re.compile(r"\b(?:manifestations?|phenotypes?|patterns?|presentations?|forms?|subsets?|subtypes?)"
                             r"(?:\s+(?:at|in|of|during)\s+(?:\w+\s+){0,2}?\w+)?(?:\s+(?:are|were|was|is|included))?(?:\s+as\s+follows)?\s*:\s*", re.I)
#: "According to their presenting manifestations, the patients fell into 3 groups: a (n = 12), ...": the
#: groups of a sentence that says it groups patients by manifestation or phenotype
GROUPS_INTRO = re.compile(r"\b(?:groups?|subgroups?|categories|clusters?)(?:\s+(?:are|were|included))?(?:\s+as\s+follows)?\s*:\s*", re.I)
GROUPED_BY = re.compile(r"\b(?:manifestations?|phenotypes?|presentations?)\b", re.I)


def _grouped_by_phenotype(text: str, s) -> re.Match | None:
    m = GROUPS_INTRO.search(text, s.start, s.end)
    return m if m and GROUPED_BY.search(text, s.start, m.start()) else None


#: a list item that ends in its bare count, after a word or a colon ("malar rash 20", "alopecia: 15 (19%)",
#: "oral ulcers, n = 10"), not a class, grade or time ("class 4", "week 12")
SEGMENT_TAIL_COUNT = re.compile(r"(?<!\d)[a-z][a-z'\-]*(?<!\bclass)(?<!\btype)(?<!\bgrade)(?<!\bstage)(?<!\bweek)(?<!\bmonth)(?<!\byear)(?<!\bday)"
                                r"(?:\s*[:=]\s*|\s*,\s*n\s*=\s*|\s+)(?P<n>\d+)(?!\s*[.,]\d)\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?\s*", re.I)
SEGMENT_COUNT = re.compile(r"\(\s*(?:n\s*=\s*)?(?P<n>\d+)\s*(?:[;,]\s*\d+(?:[.,]\d+)?\s*%)?\s*\)\s*$"
                           r"|\(\s*(?P<pc>\d+(?:[.,]\d+)?)\s*%\s*\)\s*$", re.I)


def _phenotype_lists(doc: Doc, ents: list[dict], items: list[dict], title: int) -> list[dict]:
    """A list of clinical phenotypes or presenting patterns, every member with its own count ("acute onset
    of lung disease (n = 12), progressive onset (n = 35), ..."): each member is an item named as written,
    a compound member ("concomitant myositis and ILD") one item, where no item covers it already. A
    share in brackets gives the count only outside the results (as everywhere else)."""
    text = text_of(doc)
    lex = vocab.entries("manifestations")
    pop_n = _population_n(doc)
    out: list[dict] = []
    for s in sentences(doc):
        if ":" not in s.text or s.start < title or re.search(r"\binclu\w+|\bcriteri|\beligib", s.text, re.I):
            continue  # both list openings below end in ":"
        m = PHENOTYPE_INTRO.search(text, s.start, s.end) or _grouped_by_phenotype(text, s)
        if not m or _role(s) in SKIPPED_ROLES and (s.section or not re.search(r"\(\s*n\s*=", text[m.end() : s.end])):
            continue  # an unheaded sentence counting its members "(n = 12)" is a result, whatever its wording
        stop = re.search(r";|\.(?!\d)\s", text[m.end() : s.end])
        segs = []
        for a, b in _segments_in(text, m.end(), m.end() + stop.start() if stop else s.end):
            for j in re.finditer(r"\)\s+(?:and|or)\s+", text[a:b]):  # "a (n = 15) and b (n = 25)": two members
                segs.append((a, a + j.start() + 1))
                a = a + j.end()
            segs.append((a, b))
        counts = [SEGMENT_COUNT.search(text, a, b) for a, b in segs]
        if len(segs) < 2 or None in counts:
            continue
        if not any(segs[0][0] <= e["start"] < segs[-1][1] for e in ents) and not re.match(r"manifestation|groups?\b|subgroups?\b|categories|clusters?\b", m.group(0), re.I):
            continue  # patterns or forms of something that is no manifestation
        for (a, b), c in zip(segs, counts, strict=True):
            inside = [it for it in items if a <= it["evidence"]["start"] and it["evidence"]["end"] <= c.end()]
            if any(a < it["evidence"]["end"] and it["evidence"]["start"] < b for it in items + out if it not in inside):
                continue
            for it in inside:  # "arthritis (n = 30)" inside "combined myositis and arthritis (n = 30)": the member
                items.remove(it)
            tail = MEMBER_COUNT_BEFORE_SHARE.search(text, a, c.start()) if c.group("pc") else None
            name = re.sub(r"\s+", " ", re.sub(r"\s*\([^()]*\)", "", text[a : tail.start() if tail else c.start()])).strip(" ,;").lower()
            if not name or len(name.split()) > 14:
                continue
            if tail:  # "malar rash: 20 (25%)": the count printed before its share
                n = int(tail.group("n"))
            elif c.group("n"):
                n = int(c.group("n"))
            elif pop_n and s.section != "results":
                from ..numbers import count_from_percent, decimals
                n = count_from_percent(float(c.group("pc").replace(",", ".")), pop_n, decimals(c.group("pc")))
            else:
                n = None
            inner = [e for e in ents if a <= e["start"] < b]
            domain = lex.get(inner[0]["key"], {}).get("domain", "other") if inner else "other"
            out.append({"name": name, "domain": domain, "n": n, "status": _status(text, s, a), "evidence": ev(a, c.end())})
    return out


#: "malar rash: 20 (25%)", "alopecia 15 (19%)": a member's count printed before its bracketed share
MEMBER_COUNT_BEFORE_SHARE = re.compile(r"(?<=[a-z])(?:\s*[:=]\s*|\s+)(?P<n>\d+)\s*$", re.I)


#: the words that name a clinical subset of a disease ("acute sarcoidosis", "limited cutaneous SSc")
SUBSET = r"(?:(?:pure\s+)?class\s+(?:[IVX]+|\d)(?:\s*[+/]\s*(?:[IVX]+|\d))?|acute|chronic|limited(?:\s+cutaneous)?|diffuse(?:\s+cutaneous)?|localized|localised|generalized|generalised)"
SUBSET_BEFORE = re.compile(rf"(?<![\w-])({SUBSET})\s+$", re.I)
#: a lexicon key that opens with a subset qualifier, and the disease after it
SUBSET_KEY = re.compile(rf"({SUBSET})\s+(.+)$", re.I)


def _qualified_subsets(doc: Doc, pop_n: int | None, seen: set, items: list[dict]) -> list[dict]:
    """"among them 19 had acute sarcoidosis", "20 patients with chronic sarcoidosis": the disease studied
    with a subset qualifier, counted in part of the cohort, is that part's finding (named as written)."""
    text = text_of(doc)
    main = {c["name"].lower() for c in _population(doc).get("conditions", [])}
    if pop_n is None:
        return []
    out: list[dict] = []
    for e in entities(doc, "disease"):
        if e["key"].lower() in main:  # "13 systemic sclerosis (11 diffuse and 2 limited) patients"
            br = re.match(rf"\s*\(((?:\s*(?:,|and)?\s*\d+\s+(?:{SUBSET}))+)\s*\)", text[e["end"] : e["end"] + 120], re.I)
            for part in re.finditer(rf"(\d+)\s+({SUBSET})", br.group(1) if br else "", re.I):
                name = f"{part.group(2).lower()} {re.sub(chr(92) + 's+', ' ', text[e['start'] : e['end']]).lower()}"
                k = int(part.group(1))
                if name not in seen and k < pop_n:
                    seen.update((name, (name, "current")))
                    pa = e["end"] + br.start(1) + part.start()
                    out.append({"name": name, "domain": "other", "n": k, "status": "current", "evidence": ev(pa, e["end"] + br.start(1) + part.end())})
        studied = e["key"].lower() in main
        q = SUBSET_BEFORE.search(text, max(0, e["start"] - 30), e["start"]) if studied else None  # read only with it
        whole = SUBSET_KEY.match(e["key"])  # "limited cutaneous systemic sclerosis"
        if e.get("negated") or not (q and studied or whole and whole.group(2).lower() in main):
            continue
        before = bool(q and studied)
        if not before and e.get("abbr") and text[e["start"] : e["end"]] == e["abbr"]:
            continue  # "lcSSc" refers back to where it was defined
        a = q.start(1) if before else e["start"]
        name = re.sub(r"\s+", " ", text[a : e["end"]]).lower()
        sent = base.sentence_at(doc, e["start"])
        if name in seen or sent is None or _role(sent) in SKIPPED_ROLES:
            continue
        clause = max(text.rfind(x, sent.start, a) for x in (";", ", and", ", among", " among"))
        if _inclusion_in(text[max(clause, sent.start) : sent.end]):
            continue
        if any(a < it["evidence"]["end"] and it["evidence"]["start"] < e["end"] for it in items + out):
            continue
        # its own "(n=19)" or "was present in 178 patients", not a later clause's count
        own = re.match(r"\s*\([^()]*\)|\s*(?:was|were)\s+(?:present|found|observed|seen|noted|documented|detected)\s+in\s+\d+(?:\s+(?:patients|pts|cases))?",
                       text[e["end"] : sent.end], re.I)
        hit = count_near(text, a, e["end"], max(clause, sent.start), e["end"] + (own.end() if own else 0), pop_n)
        share = re.match(r"\s*\([^()]*?(\d+(?:[.,]\d+)?)\s*%\s*\)", text[e["end"] : sent.end])
        if not hit and share:  # "limited cutaneous SSc (lcSSc; 52.2%)": the subset's share, a count only where one k fits
            from ..numbers import count_from_percent, decimals
            k = count_from_percent(float(share.group(1).replace(",", ".")), pop_n, decimals(share.group(1)))
            hit = (k, a, e["end"] + share.end())
        if not hit or hit[0] is not None and hit[0] >= pop_n:
            continue
        seen.update((name, (name, "current")))
        out.append({"name": name, "domain": "other", "n": hit[0], "status": "current", "evidence": ev(hit[1], hit[2])})
    return out


@functools.cache
def _coordination_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Coordinated subsets of one manifestation, each with its count (domain_terms.json "subset_qualifiers"):
    count first and the head once at the end ("18 (49%) with unilateral and 19 with bilateral X"), the
    qualifier with its bracketed count ("unilateral (n=18) and bilateral (n=19) X"), or the head first
    ("X was unilateral in 18 and bilateral in 19 patients"). Returns (before-head, after-head, member, member-after)."""
    words = [w for w in lexicons.load("domain_terms").get("subset_qualifiers", []) if not w.startswith("_")]
    adj = "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])"
    cnt = count_pattern()
    br = r"(?:\s*[(\[][^()\[\]]{0,30}[)\]])?"
    verb = r"(?:\s+(?:with|had|having|showed|presented\s+with|were|was))?"
    sep = r"(?:\s*[,;]\s*(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+)"
    count_first = rf"{cnt}{br}(?:\s+{PATIENT})?{verb}\s+{adj}"
    adj_first = rf"{adj}\s*\(\s*(?:n\s*=\s*)?{cnt}(?:[^()]{{0,25}})?\)"
    member = re.compile(rf"(?P<n>{cnt}){br}(?:\s+{PATIENT})?{verb}\s+(?P<a>{adj})|(?P<a2>{adj})\s*\(\s*(?:n\s*=\s*)?(?P<n2>{cnt})", re.I)
    before = re.compile(rf"(?<![\w.,])(?:{count_first}(?:{sep}{count_first})+|{adj_first}(?:{sep}{adj_first})+)\s+$", re.I)
    in_member = rf"{adj}\s+in\s+{cnt}(?:\s*\([^()]{{0,20}}\))?(?:\s+{PATIENT})?"
    after = re.compile(rf"\s+(?:was|were)\s+{in_member}(?:{sep}{in_member})+", re.I)
    member_after = re.compile(rf"(?P<a>{adj})\s+in\s+(?P<n>{cnt})", re.I)
    return before, after, member, member_after


@functools.cache
def _qualifier_at_end() -> re.Pattern:
    """A subset qualifier (as ``_coordination_patterns`` writes it) ending the text searched."""
    words = [w for w in lexicons.load("domain_terms").get("subset_qualifiers", []) if not w.startswith("_")]
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])$", re.I)


def _may_end_coordination(text: str, lo: int, hi: int) -> bool:
    """A cheap test before the coordination pattern that ends at ``hi`` (its before-head form, costly to search
    for in every sentence): it ends in whitespace after a ")" or a subset qualifier, so text[lo:hi] must end in
    whitespace after a ")" or a qualifier (which sits in the 20 characters before that whitespace)."""
    j = lo + len(text[lo:hi].rstrip())  # str.rstrip() strips what ``\s`` matches
    if j == hi:
        return False
    return j > lo and (text[j - 1] == ")" or bool(_qualifier_at_end().search(text, max(lo, j - 20), j)))


def _coordinated_subsets(doc: Doc, ents: list[dict], items: list[dict], pop_n: int | None, title: int,
                         lex: dict) -> list[dict]:
    """"18 (49%) with unilateral and 19 (51%) with bilateral RAI": each coordinated subset of a manifestation
    is its own item with its own count (named qualifier + manifestation); what was read there for the bare
    manifestation (the last count, or none) gives way to them."""
    before, after, member, member_after = _coordination_patterns()
    text = text_of(doc)
    out: list[dict] = []
    for e in ents:
        s = base.sentence_at(doc, e["start"])
        if s is None or s.start < title or _role(s) in SKIPPED_ROLES or e.get("negated"):
            continue
        m = before.search(text, s.start, e["start"]) if _may_end_coordination(text, s.start, e["start"]) else None
        parts = []
        if m:
            parts = [(x.group("a") or x.group("a2"), x.group("n") or x.group("n2"), x.start(), x.end())
                     for x in member.finditer(text, m.start(), m.end())]
            span = (m.start(), e["end"])
            if parts:
                parts[-1] = (*parts[-1][:3], e["end"])
        else:
            m = after.match(text, e["end"], s.end)
            if m:
                parts = [(x.group("a"), x.group("n"), x.start(), x.end()) for x in member_after.finditer(text, m.start(), m.end())]
                span = (e["start"], m.end())
                if parts:
                    parts[0] = (*parts[0][:2], e["start"], parts[0][3])
        counts = [(a.lower(), parse_int(n)) for a, n, _, _ in parts]
        if len(counts) < 2 or len({a for a, _ in counts}) < len(counts) or any(
                k is None or pop_n is not None and k >= pop_n for _, k in counts):
            continue
        short = bool(e.get("abbr")) and text[e["start"] : e["end"]].rstrip("s") == e["abbr"]
        head = (_long_form(doc, e) if short else None) or _surface(text, e)
        head = re.sub(rf"^(?:{'|'.join(re.escape(a) for a, _ in counts)})\s+", "", head)
        items = [it for it in items if not (it["evidence"]["start"] < span[1] and span[0] < it["evidence"]["end"]
                                            and (it["name"] == head or it.get("_ent") == (e["start"], e["end"])))]
        for (a, k), (_, _, x, y) in zip(counts, parts, strict=True):
            name = f"{a} {head}"
            if any(it["name"] == name for it in items + out):
                continue
            out.append({"name": name, "domain": lex.get(e["key"], {}).get("domain", "other"), "n": k,
                        "status": _status(text, s, span[0]), "evidence": ev(x, y)})
    return items + out


#: "Myositis with ILD was the most frequent final clinical phenotype (67.6%)": the subject, as written
MOST_FREQUENT = re.compile(r"\s*(?P<subj>[A-Za-z][^,;:.()]{2,60}?)\s+(?:was|were)\s+the\s+most\s+(?:frequent|common|prevalent)\b"
                           r"[^.;()]{0,40}?\b(?:phenotypes?|presentations?|patterns?|manifestations?|features?|findings?|forms?)\b"
                           r"(?:\s*\(\s*(?:n\s*=\s*(?P<n>\d+)|(?P<pc>\d+(?:[.,]\d+)?)\s*%)[^()]*\))?", re.I)


def _most_frequent_subject(doc: Doc, ents: list[dict], items: list[dict], title: int) -> list[dict]:
    """The subject of "X was the most frequent phenotype/manifestation" is one item named as written (a
    compound "myositis with ILD" stays whole), where no item covers it already."""
    text = text_of(doc)
    pop_n = _population_n(doc)
    out: list[dict] = []
    for s in sentences(doc):
        if s.start < title:
            continue
        m = MOST_FREQUENT.match(text, s.start, s.end)
        if not m or _role(s) in SKIPPED_ROLES:  # the role asked only of a sentence the pattern opens
            continue
        a, b = m.start("subj"), m.end("subj")
        inside = [it for it in items if a <= it["evidence"]["start"] and it["evidence"]["end"] <= m.end()]
        if not any(a <= e["start"] < b for e in ents) or any(a < it["evidence"]["end"] and it["evidence"]["start"] < b
                                                              for it in items if it not in inside):
            continue
        if len(inside) == 1 and re.sub(r"\s+", " ", text[a:b]).lower() == inside[0]["name"]:
            if inside[0]["n"] is None and m.group("n"):  # "X was the most frequent manifestation (n=30)": its count
                inside[0].update(n=int(m.group("n")), evidence=ev(a, m.end()))
            continue  # the single term itself: already the item
        for it in inside:  # "arthritis" and "myositis" inside "arthritis with myositis": the phenotype
            items.remove(it)
        n = int(m.group("n")) if m.group("n") else None
        if n is None and m.group("pc") and pop_n and s.section != "results":
            from ..numbers import count_from_percent, decimals
            n = count_from_percent(float(m.group("pc").replace(",", ".")), pop_n, decimals(m.group("pc")))
        inner = next(e for e in ents if a <= e["start"] < b)
        out.append({"name": re.sub(r"\s+", " ", text[a:b]).lower(), "domain": vocab.entries("manifestations").get(inner["key"], {}).get("domain", "other"),
                    "n": n, "status": _status(text, s, a), "evidence": ev(a, m.end())})
    return out


def _split_and(text: str, sg: tuple[int, int]) -> list[tuple[int, int]]:
    """"bile duct and lymph nodes": a list item joined by "and"/"or" outside brackets is two."""
    parts, a = [], sg[0]
    for m in re.finditer(r"\s+(?:and|or)\s+", text[sg[0] : sg[1]]):
        if text[sg[0] : sg[0] + m.start()].count("(") == text[sg[0] : sg[0] + m.start()].count(")"):
            parts.append((a, sg[0] + m.start()))
            a = sg[0] + m.end()
    parts.append((a, sg[1]))
    return [p for p in parts if p[1] > p[0]]


def _split_counted_pairs(text: str, segs: list[tuple[int, int]], inner: list[dict]) -> list[tuple[int, int]]:
    """": acute cutaneous lupus (n=2) and discoid lupus (n=2)": list items joined by "and", each naming a
    manifestation with its own count, are separate items (record.md's granularity rule)."""
    out = []
    for sg in segs:
        parts = _split_and(text, sg)
        if len(parts) > 1 and all(any(p[0] <= e["start"] < p[1] for e in inner) and _segment_count(text, p, [p]) is not None
                                  for p in parts):
            out.extend(parts)
        else:
            out.append(sg)
    return out


#: the rest of a ranking: "X were the most commonly involved, followed by Y"
FOLLOWED_BY = re.compile(r"[^,;.]{0,30}?,?\s*(?:followed\s+by|then(?:\s+by)?)\s+", re.I)


def _new_counted_form(text: str, e: dict, s, pop_n: int | None, seen: set) -> bool:
    """"41 patients with lupus nephritis ... 22 (53.7%) had class IV nephritis": a results mention
    with its own class, named otherwise than any item so far and counted in part of the cohort, is a
    subtype, not a reference to the earlier mention."""
    name = _name(text, e, None)
    if name == _surface(text, e) and not e.get("whole") or name in seen or pop_n is None:
        return False  # no class of its own: a reference
    hit = count_near(text, e["start"], e["end"], s.start, s.end, pop_n)
    return bool(hit) and hit[0] < pop_n


def case_report_counts(doc: Doc, items: list[dict]) -> None:
    """A case report describes one patient: what the text says the patient had is had by 1 (record.md's
    counting words: "the pt with ..."), where the cohort is no larger than one."""
    if base.study(doc).get("design") != "case report" or _population_n(doc) not in (None, 1):
        return
    for it in items:
        if it.get("n") is None:
            it["n"] = 1


#: "the mean duration of skin disease", "a shorter articular disease duration": a measure of time, no finding
DURATION_OF_BEFORE = re.compile(r"\b(?:duration|length)\s+of\s+(?:the\s+|their\s+)?(?:[\w-]+\s+)?$", re.I)
DURATION_AFTER = re.compile(r"\s+(?:duration|onset\s+age)\b", re.I)


def _a_duration(text: str, a: int, b: int) -> bool:
    return bool(DURATION_OF_BEFORE.search(text, max(0, a - 40), a) or DURATION_AFTER.match(text, b))


def _item_sentence(doc: Doc, it: dict):
    return base.sentence_at(doc, it["evidence"]["start"])


def _is_the_cohort(doc: Doc, it: dict, pop_n: int | None) -> bool:
    """"1795 patients with early arthritis" where that phrase gives the cohort's n: the disease that
    defines the population, not a manifestation some of them have."""
    pev = (_population(doc).get("n") or {}).get("evidence") or {}
    a, b = it["evidence"]["start"], it["evidence"]["end"]
    return it["n"] == pop_n and pev.get("start") is not None and a < pev["end"] and pev["start"] < b


def _counted_subset(it: dict, pop_n: int | None) -> bool:
    """"Sixty patients (66%) had ILD" in a study of ILD-prone patients: the disease studied, counted in
    part of the cohort, is a manifestation of that part."""
    return it["n"] is not None and pop_n is not None and it["n"] < pop_n


def _outcome_event(doc: Doc, it: dict) -> bool:
    """The clause of the mention says the event came after baseline (death from it, "subsequently")."""
    text = text_of(doc)
    s = _item_sentence(doc, it)
    if s is None:
        return False
    a, b = it["evidence"]["start"], it["evidence"]["end"]
    lo = max(text.rfind(x, s.start, a) for x in (",", ";")) + 1 or s.start
    m = re.search(r"[,;]|\.(?!\d)|\band\b", text[b : s.end])
    hi = b + m.start() if m else s.end
    return bool(OUTCOME_EVENT.search(text[max(lo, s.start) : hi]) or AFTER_FOLLOW_UP.match(text, s.start, a)
                or STOPPED_FOR.search(text, s.start, it.get("_ent", (a, b))[0]))


#: "nintedanib was discontinued in 7, in 5 of them because of diarrhoea": the reason a treatment stopped
STOPPED_FOR = re.compile(r"\b(?:discontinu\w*|stopp\w*|withdr[ae]wn?|withdrawal|interrupt\w*|suspen\w*|switch\w*|reduced)\b"
                         r"[^.;]{0,60}?\b(?:because\s+of|due\s+to|owing\s+to|for|in\s+\w+\s+(?:patients?|pts|cases?)\s+with)\s+(?:[\w-]+\s+){0,3}(?:\(\s*)?$", re.I)


#: "After a median follow-up of 36 months, eight patients had CKD": what the sentence reports came later
AFTER_FOLLOW_UP = re.compile(r"\s*(?:after|during|over|at\s+the\s+end\s+of|at\s+(?:the\s+)?last|by\s+the\s+end\s+of)\b[^,;.]{0,50}?\bfollow[-\s]?up\b"
                             # "Among the 33 patients with radiologic follow-up, 23 had persistent X": the followed-up subgroup
                             r"|\s*(?:among|of|in)\s+(?:the\s+|these\s+)?\w+\s+(?:patients?|pts|cases|subjects)\s+(?:with|who\s+(?:had|underwent|completed))\s+"
                             r"(?:[\w-]+\s+){0,3}?follow[-\s]?up\b", re.I)


#: "GCA is the most common vasculitis", "GCA, the commonest vasculitis of adulthood": what follows the
#: studied disease (and its short form) as predicate or apposition is the class it belongs to
CLASS_OF = re.compile(r"\s*(?:\([^()]{1,15}\)\s*)?(?:,\s*|\s+(?:is|are|was|remains?)\s+)(?:an?|the)\s+(?:[\w-]+\s+){0,3}", re.I)


def _class_of_studied(doc: Doc, it: dict, studied: set[str]) -> bool:
    """An uncounted manifestation that names the class of the studied disease describes no patient."""
    if it["n"] is not None:
        return False
    a = it["evidence"]["start"]
    text = text_of(doc)
    return any(e["key"].lower() in studied and a - 60 < e["end"] <= a and CLASS_OF.fullmatch(text, e["end"], a)
               for e in entities(doc, "disease"))


def _compared_uncounted(doc: Doc, it: dict) -> bool:
    """An uncounted result mention in a sentence that compares groups or names predictors, or the
    name of a subgroup ("the systemic involvement group"); an uncounted mention in the methods says
    what was studied or measured ("new thrombotic events were analysed"), not what patients had."""
    s = _item_sentence(doc, it)
    if it["n"] is not None or s is None:
        return False
    if s.section == "methods":
        return True
    if s.section not in ("results", None):
        return False  # an unheaded abstract's sentences may be results too
    group_name = re.match(r"\s*groups?\b", text_of(doc)[it["evidence"]["end"] :], re.I)
    return bool(group_name) or _compares(s.text)


def _compares(sentence: str) -> bool:
    """Whether a sentence compares groups or names predictors or ranks causes (COMPARISON, LEADING_CAUSE),
    computed once per doc and sentence: asked for every uncounted item, several in one sentence."""
    memo = _SENTENCE_MEMO["compares"]
    if sentence not in memo:
        memo[sentence] = bool(COMPARISON.search(sentence) or LEADING_CAUSE.search(sentence))
    return memo[sentence]


#: "infections were the leading cause (37%), followed by malaise (29%)": reasons for an event (stopping a
#: drug, death, admission) ranked, not what the patients had at baseline
#: (not the reason for referral or for starting a treatment, which is what the patients had: rule 8)
LEADING_CAUSE = re.compile(r"\b(?:leading|main|major|principal|commonest|most\s+(?:common|frequent))\s+(?:causes?|reasons?)\b"
                           r"(?!\s+(?:of|for)\s+(?:the\s+)?(?:referral|initiat\w*|start\w*|indication|prescri\w*|treatment\s+initiation))", re.I)


#: "effects of rituximab on skin fibrosis and arthritis", "its effect on ILD": what a treatment acts on
EFFECT_ON = re.compile(r"\b(?:effects?|efficacy|impact|influence)\s+(?:of\s+[^.;]{1,60}?\s+)?on\s+[^.;]{0,80}$", re.I)


def _effect_target(doc: Doc, it: dict) -> bool:
    """An uncounted mention named as what a treatment acts on describes no patient of the study."""
    s = _item_sentence(doc, it)
    if it["n"] is not None or s is None:
        return False
    return bool(EFFECT_ON.search(text_of(doc), s.start, it["evidence"]["start"]))


@functools.lru_cache(maxsize=1024)
def _word_rx(word: str) -> re.Pattern:
    """An item's last word as a case-insensitive literal pattern, compiled once per word: the names differ
    from doc to doc, and compiling them anew on each call pushes the fixed patterns out of ``re``'s cache."""
    return re.compile(re.escape(word), re.I)


def _group_counts(text: str, items: list[dict]) -> list[dict]:
    """A mention followed (in its clause, with no other item between) by "(19 [10.9%] vs 1 [1.4%])":
    the first group's count is the item's, the second group's is one more item of the same name."""
    out: list[dict] = []
    starts = sorted(it["evidence"]["start"] for it in items)
    for it in items:
        out.append(it)
        a = it["evidence"]["start"]
        mention = _word_rx(it["name"].split()[-1]).search(text[a : a + 200])
        lo = a + (mention.end() if mention else 0)
        nxt = min((x for x in starts if x > a), default=len(text))
        m = GROUP_COUNTS.search(text, lo, min(lo + 120, nxt + 1 if nxt > lo else lo + 120))
        if not m:
            continue
        than = THAN_GROUP.match(text, lo, m.end())  # "X than those under 21 (19 [..] vs 1 [..])"
        if GROUP_GAP.search(text, than.end() if than and than.end() <= m.start() else lo, m.start()):
            continue
        it.update(n=int(m.group("a")), evidence=ev(a, m.start("vs")))
        out.append(dict(it, n=int(m.group("b")), evidence=ev(m.start("vs"), m.end())))
    return out


#: "alveolar hemorrhage in the second patient", "X in the first; Y in the second": one patient each
ONE_PATIENT_AFTER = re.compile(r"\s+in\s+(?:the\s+)?(?:first|second|third|fourth|fifth|other|last|latter|former)"
                               r"(?:\s+(?:patient|pt|case|child|subject)\b|\s*[;)])", re.I)


def _one_named_patient(text: str, items: list[dict]) -> None:
    """An uncounted item said of one patient of a few described in turn counts one."""
    for it in items:
        if it["n"] is None:
            m = ONE_PATIENT_AFTER.match(text, it["evidence"]["end"])
            if m:
                it.update(n=1, evidence=ev(it["evidence"]["start"], m.end()))


def _expand_short_forms(doc: Doc, items: list[dict]) -> None:
    """"52 diffuse SSc": names are written with the text's abbreviations expanded (record.md)."""
    for d in base.items(doc, "reuma_abbreviations"):
        short, long = d["short"].lower(), re.sub(r"\s+", " ", d["long"]).strip().lower()
        if not any(short in it["name"] for it in items):
            continue  # the pattern below matches the short form as written: no name holds it, nothing to expand
        rx = re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])")
        for it in items:
            if it["name"] != short and rx.search(it["name"]) and long not in it["name"]:
                it["name"] = rx.sub(long, it["name"])
    defined = {d["short"].lower() for d in base.items(doc, "reuma_abbreviations")}
    rx, longs = _standard_short_forms()
    for it in items:  # "GI hemorrhage", never defined: the standard long form
        if len(it["name"].split()) > 1:
            it["name"] = rx.sub(lambda m: m.group(0) if m.group(0) in defined else longs[m.group(0)], it["name"])


@functools.cache
def _standard_short_forms() -> tuple[re.Pattern, dict[str, str]]:
    """domain_terms.json "standard_short_forms": short forms a name may hold undefined ("gi" -> "gastrointestinal")."""
    longs = {k.lower(): v for k, v in lexicons.load("domain_terms").get("standard_short_forms", {}).items() if not k.startswith("_")}
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, longs)) + r")(?![\w-])"), longs


@functools.lru_cache(maxsize=1)
def _institution_heads() -> re.Pattern:
    words = [w for w in lexicons.load("domain_terms").get("modifier_heads", []) if not w.startswith("_")]
    return re.compile(rf"\s+(?:{'|'.join(sorted(map(re.escape, words), key=len, reverse=True)) or '(?!)'})\b", re.I)


def _modifier_use(text: str, e: dict) -> bool:
    """"three Italian vasculitis centres", "the lupus clinic": the term modifies a place or a body and
    names no patient's finding."""
    return bool(_institution_heads().match(text, e["end"]))


def _inclusion_clauses(text: str, s, cut: str = ";") -> list[tuple[int, int]]:
    """The ;-clauses of a sentence that say who was included or how something was assessed (they describe
    no patient); "Forty patients were included; 23 had diffuse SSc": the clause after the ";" does."""
    if not _has_inclusion(s.text):
        return []
    clauses = split_clauses(text, s.start, s.end, re.compile(f"[{cut}]"), brackets=False, keep_empty=True, strip=False)
    blocked = [(a, b) for a, b in clauses if _has_inclusion(text[a:b])]  # a clause that is the whole sentence: known
    return [(s.start, s.end)] if len(blocked) == len(clauses) else blocked


def _defined_whole(doc: Doc, e: dict) -> dict:
    """"diffuse large B-cell lymphomas (DLBCL)": a mention that ends a defined long form is named by the
    whole long form, its modifiers included (the subtype as the text defines it)."""
    for d in base.items(doc, "reuma_abbreviations"):
        if d.get("long_end") == e["end"] and e["start"] - 60 < d.get("long_start", e["start"]) < e["start"]:
            return dict(e, start=d["long_start"], whole=True)
    return e


#: words that end a list member's own words on the left (a verb, a preposition, a determiner, a count)
MEMBER_STOP = re.compile(r"\b(?:the|a|an|and|or|with|of|in|on|at|to|for|by|as|from|than|had|have|has|was|were|is|are|been|"
                         r"showed|exhibited|presented|developed|experienced|reported|patients?|pts?|all|both|no|without|"
                         r"including|included|such|like|mainly|mostly|also|only|which|who|that|these|those|but|nor|not|yet|"
                         r"while|whereas|although|though|however|then|if|when|after|before|during|since|because|"
                         r"due|than|more|less|most|frequent|common|rare|often|frequently|commonly|"
                         r"previous|prior|past|history|historical|concomitant|coexisting|current|active)\b|\d", re.I)


#: the separator before a list member and the member's own words (1-4) up to the end of the text before the term;
#: ``match``, not ``search``: the pattern opens with ``(?s:.*)``, so it matches at 0 whenever it matches anywhere
#: (with the same groups), and ``search`` retried every later start after a failure, each a full backtracking pass
MEMBER_LEFT = re.compile(r"(?s:.*)(?P<sep>,|;|\b(?:and|or)\b|(?<=[.:])\s|\b(?:had|showed|exhibited|displayed|presented\s+with|developed)\s)"
                         r"\s*(?:and\s+|or\s+)?(?P<words>(?:[A-Za-z][\w'\-]*\s+){1,4})$")


def _list_member(text: str, e: dict) -> dict:
    """"..., proximal interphalangeal joints arthritis, metacarpophalangeal joint arthritis and ...": in a
    comma list, a member's own words before the term are part of its name (the member as written)."""
    if e.get("whole"):
        return e
    lo = max(0, e["start"] - 60)
    m = MEMBER_LEFT.match(text[lo : e["start"]])
    if not m or MEMBER_STOP.search(m.group("words")):
        return e
    # a list indeed: another comma-separated member follows or precedes in the same sentence ("a, b and c":
    # the last member, joined by a bare "and", has a comma-separated one before it)
    before = re.search(r",[^.;,]{3,80},?\s*$", text[max(0, lo + m.start("sep") - 80) : lo + m.start("sep")])
    if re.match(r"(?:and|or)\b", m.group("sep")) and not before:
        return e
    if not before and not re.match(r"\s*,\s*[^.;]{0,80}?(?:,|\band\b)" if not re.match(r"[,;]|and\b|or\b", m.group("sep"))
                                   else r"[^.;]{0,80}?(?:,|\band\b)", text[e["end"] : e["end"] + 80]):
        return e
    return dict(e, start=e["start"] - len(m.group("words")), whole=True)


def _long_form(doc: Doc, e: dict) -> str | None:
    """"Sixty patients had ILD" after "interstitial lung disease (ILD)" was defined in the aims: the
    short form is the first mention about the patients, named by its long form."""
    for d in base.items(doc, "reuma_abbreviations"):
        if d["short"] == e["abbr"]:
            return re.sub(r"\s+", " ", d["long"]).strip().lower()
    return None


def _status(text: str, s, pos: int) -> str:
    """"previous" when a history cue ("previous manifestations included", "a history of") stands before
    the mention in its ;-clause; what a sentence lists before the cue stays current."""
    lo = s.start + max(0, text.rfind(";", s.start, pos) + 1 - s.start) if text.rfind(";", s.start, pos) >= 0 else s.start
    if HISTORY.search(text[lo:pos]) and not _history_cut(text, lo, pos):
        return "previous"  # not "12 had a history of X and 4 had active Y": a new counted subject, or "active"
    seg_end = min((i for i in (text.find(",", pos, s.end), text.find(";", pos, s.end)) if i >= 0), default=s.end)
    return "previous" if REMISSION_AFTER.search(text[pos:seg_end]) else "current"


AE_ONLY_CATEGORIES = {"infection", "malignancy", "administration", "death"}


def _is_treatment_event(doc: Doc, e: dict) -> bool:
    """An infection or a cancer reported in the results happened under treatment: an adverse event
    (in a study that names no treatment at all it is the disease's own manifestation)."""
    ae = vocab.entries("adverse_event_terms")
    if not any(x["label"] == "drug" for x in list(entities(doc))):
        return False
    return any(x["label"] == "ae" and x["start"] < e["end"] and e["start"] < x["end"]
               and ae.get(x["key"], {}).get("category") in AE_ONLY_CATEGORIES for x in list(entities(doc)))


def _overlaps_label(doc: Doc, e: dict, label: str) -> bool:
    return any(x["label"] == label and x["start"] < e["end"] and e["start"] < x["end"] for x in list(entities(doc)))


def _list_after(text: str, b: int, hi: int) -> tuple[int, int, str] | None:
    """The list a domain phrase introduces: "(a, b, 1 pt)" or ": a (n=2), b (n=1), and c"."""
    m = re.match(r"\s*([(:])", text[b:hi])
    if not m:
        return None
    start = b + m.end()
    if m.group(1) == ":":
        return start, hi, ":"
    depth = 1
    for i in range(start, hi):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return start, i, "("
    return None


def _segments_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Top-level list items between lo and hi (commas/semicolons outside brackets, a leading "and")."""
    out, depth, start = [], 0, lo
    for i in range(lo, hi):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, hi))
    res = []
    for a, b in out:
        seg = text[a:b]
        lead = re.match(r"\s*(?:(?:and|or)\b)?\s*", seg)
        a2 = a + (lead.end() if lead else 0)
        b2 = a + len(seg.rstrip(" .;,"))
        if b2 > a2:
            res.append((a2, b2))
    return res


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    seg = text[a:b]
    return a + len(seg) - len(seg.lstrip()), a + len(seg.rstrip(" ,;."))


def _segment_count(text: str, sg: tuple[int, int], segs: list[tuple[int, int]], pop_n: int | None = None) -> int | None:
    """"(n=2)" inside a list item, or a count-only item right after it ("pleural effusion, 1 pt"); a
    bare share of the cohort ("musculoskeletal (42.5%)") against the cohort's n."""
    from ..numbers import count_from_percent, decimals, parse_int

    m = re.search(r"[(\[]\s*n\s*=\s*(\d+)\s*[)\]]|\b(\d+)\s*(?:pts?|patients?|cases?)\b|^\s*n\s*=\s*(\d+)\s*$", text[sg[0] : sg[1]], re.I)
    if m:
        return parse_int(m.group(1) or m.group(2) or m.group(3))
    m = SEGMENT_TAIL_COUNT.search(text, sg[0], sg[1])
    if m and m.end() == sg[1]:  # "(malar rash 20, alopecia 15)", "alopecia: 15 (19%)": the count ends the item
        return int(m.group("n"))
    m = (re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*", text[sg[0] : sg[1]])
         or re.search(r"\(\s*(\d+(?:[.,]\d+)?)\s*%\s*\)\s*$", text[sg[0] : sg[1]]))  # "carotid arteries (79.1%)"
    if m and pop_n:
        return count_from_percent(float(m.group(1).replace(",", ".")), pop_n, decimals(m.group(1)))
    i = segs.index(sg) if sg in segs else -1
    if 0 <= i < len(segs) - 1:
        nxt = text[segs[i + 1][0] : segs[i + 1][1]]
        m = re.fullmatch(r"\s*(?:n\s*=\s*)?(\d+)\s*(?:pts?|patients?|cases?)?\s*", nxt, re.I)
        if m:
            return parse_int(m.group(1))
    return None


def _segment_name(text: str, sg: tuple[int, int], e: dict) -> str:
    """A list item names the manifestation as written, unless it carries numbers ("fever up to 39.5°C")."""
    item = re.sub(r"\s*\([^()]*\)|\s*\[[^\[\]]*\]", "", text[sg[0] : sg[1]])
    item = re.sub(r",?\s*(?:\b(?:in|of)\s+)?\b\d+\s*(?:pts?|patients?|cases?)\b|\s+in\s+\d+\s*$", "", item).strip(" ,;")
    if item and not re.search(r"\d", item) and len(item.split()) <= 6:
        return re.sub(r"\s+", " ", item).lower()
    return _name(text, e, None)


def _surface(text: str, e: dict) -> str:
    return re.sub(r"\s+", " ", text[e["start"] : e["end"]]).lower()


def _name(text: str, e: dict, seg: tuple[int, int] | None) -> str:
    """As in the text, lower case; a list item without numbers is kept whole ("x with y")."""
    if seg is not None:
        item = re.sub(r"\s*\([^()]*\)", "", text[seg[0] : seg[1]]).strip(" ,;")
        if item and not re.search(r"\d", item) and len(item.split()) <= 6:
            return re.sub(r"\s+", " ", item).lower()
    name = _surface(text, e)
    q = QUALIFIER_BEFORE.search(text, max(0, e["start"] - 30), e["start"])
    if q and not re.match(QUALIFIER, name, re.I):
        name = f"{q.group(1).lower()} {name}"  # "isolated myositis", "severe asthma": the qualifier as written
    elif ALONE_AFTER.match(text, e["end"]) and not re.match(QUALIFIER, name, re.I):
        name = f"isolated {name}"  # "myositis alone" is "isolated myositis"
    cls = re.search(r"\bclass\s+(?:[IVX]+|\d)\s*$", text[max(0, e["start"] - 12) : e["start"]])
    return (cls.group(0).strip().lower() + " " + name) if cls else name


def _merge_compounds(text: str, items: list[dict]) -> list[dict]:
    """"leukopenia–lymphopenia": two mentions joined by a dash are one item."""
    out: list[dict] = []
    for it in items:
        prev = out[-1] if out else None
        if prev and "_ent" in prev and "_ent" in it and re.fullmatch(r"\s*[-\u2010-\u2015/]\s*", text[prev["_ent"][1] : it["_ent"][0]]):
            prev["name"] = text[prev["_ent"][0] : it["_ent"][1]].lower()
            prev["_ent"] = (prev["_ent"][0], it["_ent"][1])
            prev["evidence"] = ev(min(prev["evidence"]["start"], it["evidence"]["start"]),
                                  max(prev["evidence"]["end"], it["evidence"]["end"]))
            continue
        out.append(it)
    for it in out:
        it.pop("_ent", None)
    return out
