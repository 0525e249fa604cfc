"""``reuma_population``: cohort size, sex, age and the disease studied.

Population n is the first count the text gives for the whole cohort (annotation
rule 4): "We report on 5 ... patients", "A total of 78 patients", "Thirty-eight
patients were included", "Fifty-seven of 60 patients", arms summed when no total
is given. Background sentences (about the disease in general) are skipped.
"""



import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from ..numbers import count_from_percent, count_pattern, decimals, parse_int, parse_number
from .base import entities, ev, guarded, register_extensions, sentences, text_of

PATIENTS = r"(?:patients?|pts?\.?|subjects?|participants?|individuals?|cases?|children|adults?|women|men|persons?|people)"
NUM = r"\d+(?:[.,]\d+)?"
PM = r"\s*(?:±|\+/-|\+-)\s*"
DASH = r"\s*(?:[-\u2010-\u2015\u2212]|to)\s*"


def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern.replace("COUNT", f"(?P<n>{count_pattern()})").replace("PATIENTS", PATIENTS),
                      re.IGNORECASE)


class Patterns:
    """Compiled once: the number-word alternation comes from the lexicon."""

    def __init__(self) -> None:
        mods = r"(?:[\w\-\u2010-\u2015/']+\s+|\([^()]{1,60}\)\s+){0,5}?"
        self.of_total = _c(rf"\b(?:COUNT)\s+(?:out\s+)?of\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?(?P<total>{count_pattern()})\s+{mods}PATIENTS\b")
        self.lead = _c(rf"(?:\b(?:a\s+total\s+of|in\s+total,?|overall,?|there\s+were|we\s+(?:\w+\s+)?(?:report(?:ed)?\s+on|included|enrolled|studied|analy[sz]ed|evaluated|identified|describe|recruited|reviewed|assessed|examined|investigated|followed))\s+)COUNT\s+{mods}PATIENTS\b")
        self.verb = _c(rf"\bCOUNT\s+{mods}PATIENTS\s+(?:\[[^\]]*\]\s+|\([^()]*\)\s+)?(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:included|enrolled|recruited|analy[sz]ed|studied|evaluated|identified|selected|assessed|examined|followed|investigated|collected|registered|treated)")
        self.start = _c(rf"^(?:[A-Z][a-z]+(?: and [a-z]+)?[.:]?\s+)?COUNT\s+{mods}PATIENTS\b")
        self.with_ = _c(rf"\b(?:in|to|of|on|among)\s+COUNT\s+{mods}PATIENTS\s+(?:\([^()]{{1,60}}\)\s+)?(?:with|who|receiving|treated|affected|diagnosed|suffering|fulfilling)\b")
        self.of_start = _c(rf"^(?:[A-Z][A-Za-z]+(?:\s+and\s+[a-z]+)?[.:]?\s+)?of\s+(?:the\s+)?COUNT\s+{mods}PATIENTS\b")
        self.arm = _c(r"\bCOUNT\s+PATIENTS\s+in\s+the\s+[\w\-\u2010-\u2015 ]{2,40}?\s+(?:group|arm)\b")
        self.excluded = _c(r"\bCOUNT\s+(?:PATIENTS\s+)?(?:were|was)\s+excluded\b")


_P: Patterns | None = None


def patterns() -> Patterns:
    global _P
    if _P is None:
        _P = Patterns()
    return _P


@Language.factory("reuma_population")
def make_population(nlp: Language, name: str) -> "PopulationComponent":
    return PopulationComponent()


class PopulationComponent:
    def __init__(self) -> None:
        register_extensions()
        patterns()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        n = find_n(doc)
        value = n["value"] if n else None
        female, male = find_sex(doc, value)
        doc._.reuma_population = {
            "n": n,
            "female": female,
            "male": male,
            "age": find_age(doc),
            "conditions": find_conditions(doc, n),
        }
        return doc


def _patient_sents(doc: Doc) -> list:
    sents = sentences(doc)
    own = [s for s in sents if s.section != "background"]
    return own or sents


def find_n(doc: Doc) -> dict | None:
    p = patterns()
    sents = _patient_sents(doc)
    for i, s in enumerate(sents):
        arms = list(p.arm.finditer(s.text))
        if len(arms) >= 2:
            total = sum(parse_int(m.group("n")) or 0 for m in arms)
            return {"value": total, "evidence": ev(s.start + arms[0].start(), s.start + arms[-1].end())}
        hits = []
        for rx in (p.of_total, p.lead, p.verb, p.start, p.of_start, p.with_):
            m = rx.search(s.text)
            if m:
                hits.append((m.start("n"), rx is not p.of_total, m))
        if not hits:
            continue
        _, not_of_total, m = min(hits, key=lambda h: (h[0], h[1]))
        of_total = not not_of_total
        value = parse_int(m.group("total") if of_total else m.group("n"))
        if value is None or value == 0:
            continue
        a = s.start + (m.start("total") if of_total else m.start("n"))
        b = s.start + m.end()
        for later in sents[i + 1 : i + 3]:  # "Sixteen patients received ... Nine were excluded"
            x = p.excluded.search(later.text)
            if x and (k := parse_int(x.group("n"))) is not None and k < value:
                value -= k
                break
        return {"value": value, "evidence": ev(a, b)}
    return None


FEMALE = r"(?:females?|women|woman|girls?|F)"
MALE = r"(?:males?|men|man|boys?|M)"


def find_sex(doc: Doc, n: int | None) -> tuple[dict | None, dict | None]:
    text = text_of(doc)
    cnt = count_pattern()
    both = re.search(
        rf"\b(?P<a>{cnt})\s+(?P<sa>{FEMALE}|{MALE})\b\s*(?:\([^()]*\)\s*)?(?:,|and|/|;)\s*(?P<b>{cnt})\s+(?P<sb>{FEMALE}|{MALE})\b",
        text, re.IGNORECASE)
    if both and both.group("sa")[0].lower() != both.group("sb")[0].lower():
        a, b = parse_int(both.group("a")), parse_int(both.group("b"))
        if a is not None and b is not None:
            span = ev(both.start(), both.end())
            fa = both.group("sa")[0].lower() in "fwg"
            f_, m_ = (a, b) if fa else (b, a)
            return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    named = re.search(
        rf"\b(?P<sa>{FEMALE}|{MALE})\s*[:=]?\s*(?P<a>\d+)\s*(?:\([^()]*\)\s*)?[,;/]\s*(?P<sb>{FEMALE}|{MALE})\s*[:=]?\s*(?P<b>\d+)\b",
        text, re.IGNORECASE)
    if named and named.group("sa")[0].lower() != named.group("sb")[0].lower() and len(named.group("sa")) > 1:
        a, b = int(named.group("a")), int(named.group("b"))
        span = ev(named.start(), named.end())
        fa = named.group("sa")[0].lower() in "fwg"
        f_, m_ = (a, b) if fa else (b, a)
        return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    ratio = re.search(r"\b(?P<l>[FM])\s*[:/]\s*(?P<r>[FM])\s*(?:=|:)?\s*(?P<a>\d+)\s*[:/]\s*(?P<b>\d+)", text)
    if ratio and ratio.group("l") != ratio.group("r"):
        a, b = int(ratio.group("a")), int(ratio.group("b"))
        f_, m_ = (a, b) if ratio.group("l") == "F" else (b, a)
        span = ev(ratio.start(), ratio.end())
        return {"value": f_, "evidence": span}, {"value": m_, "evidence": span}
    for sex, _other_sex in ((FEMALE, MALE), (MALE, FEMALE)):
        found = _one_sex(text, sex, n)
        if found:
            value, span = found
            is_female = sex is FEMALE
            other = {"value": n - value, "evidence": span} if n is not None and value <= n else None
            this = {"value": value, "evidence": span}
            return (this, other) if is_female else (other, this)
    return None, None


def _one_sex(text: str, sex: str, n: int | None) -> tuple[int, dict] | None:
    cnt = count_pattern()
    sex_word = sex.replace("|F)", ")").replace("|M)", ")")  # a bare F/M only in ratios
    m = re.search(rf"\b(?P<k>{cnt})\s+(?:(?:patients|pts|subjects|participants)\s+)?(?:\((?P<pc>{NUM})\s*%\)\s*)?(?:were\s+)?{sex_word}\b", text, re.IGNORECASE)
    if m and (k := parse_int(m.group("k"))) is not None and (n is None or k <= n):
        return k, ev(m.start(), m.end())
    m = re.search(rf"(?P<pc>{NUM})\s*%\s*(?:were\s+|of\s+(?:the\s+)?(?:patients|pts)\s+(?:were\s+)?)?{sex_word}\b", text, re.IGNORECASE)
    if m and n:
        k = count_from_percent(float(m.group("pc").replace(",", ".")), n, decimals(m.group("pc")))
        if k is not None:
            return k, ev(m.start(), m.end())
    if re.search(rf"\ball\s+(?:patients\s+were\s+)?{sex_word}\b", text, re.IGNORECASE) and n:
        m = re.search(rf"\ball\s+(?:patients\s+were\s+)?{sex_word}\b", text, re.IGNORECASE)
        return n, ev(m.start(), m.end())
    return None


AGE_EXCLUDE = re.compile(r"\b(?:at|of)\s+(?:disease\s+)?(?:onset|diagnosis)\b|\bonset\b|\bdiagnosis\b|[≥≤<>]", re.IGNORECASE)


def find_age(doc: Doc) -> dict | None:
    """Age at inclusion: mean ± SD, median (IQR), range; not age at onset or an inclusion limit."""
    text = text_of(doc)
    starts = [m for m in re.finditer(r"\b(?:mean\s+|median\s+|average\s+)?(?:age[ds]?|aging)\b", text, re.IGNORECASE)]
    for m in starts:
        head = text[max(0, m.start() - 12) : m.start()].lower()
        age = _parse_age(text, m.start(), head)
        if age:
            return age
    return None


def _parse_age(text: str, at: int, head: str) -> dict | None:
    seg = text[at : at + 140]
    stat_word = re.match(r"(mean|median|average)\s+", seg, re.IGNORECASE)
    stat = stat_word.group(1).lower() if stat_word else ("mean" if "mean" in head else "median" if "median" in head else None)
    # "aged 35–64 years" / "aged 46.2±13.9 years" / "age: 50.1±13.4 years; range, 18 to 76 years" / "age 33.9 years"
    body = re.match(
        rf"(?:(?:mean|median|average)\s+)?(?:age[ds]?)\b(?:\s+at\s+(?:[\w\-]+\s+){{0,2}}?(?:inclusion|baseline|enrol?ment|entry|start|initiation))?(?:\s+(?:was|of|were))?\s*[:=,]?\s*"
        rf"(?P<v>{NUM})(?:\s*(?:{PM}(?P<sd>{NUM})|\(\s*(?:±|\+/-)\s*(?P<sd2>{NUM})\s*\)|{DASH}(?P<hi>{NUM})))?"
        rf"(?P<br>\s*\((?:(?P<lab>IQR|range|interquartile\s+range)[:,]?\s*)?(?P<b1>{NUM}){DASH}(?P<b2>{NUM})\))?"
        rf"\s*(?P<unit>years?|yrs?|y\b)?(?:\s+old)?",
        seg, re.IGNORECASE)
    if not body or not body.group("unit") and not body.group("sd") and not body.group("hi"):
        return None
    between = seg[: body.start("v")]
    if AGE_EXCLUDE.search(between) or AGE_EXCLUDE.search(seg[body.end() : body.end() + 25].split(",")[0].split(";")[0]) and "onset" in seg[body.end(): body.end() + 25]:
        return None
    v = parse_number(body.group("v"))
    age = {"min": None, "max": None, "mean": None, "sd": None, "median": None, "iqr": None, "unit": "years"}
    end = body.end()
    if body.group("hi"):
        age["min"], age["max"] = v, parse_number(body.group("hi"))
    else:
        sd = body.group("sd") or body.group("sd2")
        if sd or stat == "mean" or stat is None:
            age["mean"], age["sd"] = v, parse_number(sd) if sd else None
        if stat == "median":
            age["median"], age["mean"] = v, None
    if body.group("br") and body.group("lab"):
        lo, hi = parse_number(body.group("b1")), parse_number(body.group("b2"))
        if body.group("lab").lower().startswith("range"):
            age["min"], age["max"] = lo, hi
        else:
            age["iqr"] = [lo, hi]
    rng = re.match(rf"\s*(?:[;,]\s*|\(\s*)(?:age\s+)?range[:,]?\s*(?P<lo>{NUM}){DASH}(?P<hi>{NUM})\s*(?:years?|yrs?)?\s*\)?", seg[end:], re.IGNORECASE)
    if rng:
        age["min"], age["max"] = parse_number(rng.group("lo")), parse_number(rng.group("hi"))
        end += rng.end()
    central = re.match(rf"\s*\(\s*(?P<stat>median|mean)\s*[:=]?\s*(?P<v>{NUM})\s*(?:years?)?\s*\)", seg[end:], re.IGNORECASE)
    if central and age["min"] is not None:  # "aged 19 to 58 years (median 34)"
        age[central.group("stat").lower()] = parse_number(central.group("v"))
        end += central.end()
    start = at
    lead = re.search(r"\b(?:the\s+)?(?:mean|median|average)\s+$", text[max(0, at - 16) : at], re.IGNORECASE)
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
    if parent in counts and counts[parent] * 2 >= counts[key]:
        key = parent  # "SLE patients with LN or NPSLE": the disease studied is SLE, its forms are manifestations
    defs = {d["short"]: d for d in doc._.reuma_abbreviations or []}
    abbr = None
    name = key
    for e in every:
        if e["key"] == key and e.get("abbr"):
            abbr = e["abbr"]
            break
    if abbr is None:
        abbr = _used_abbreviation(doc, key)
    if abbr and abbr in defs:
        name = defs[abbr]["long"]
    anchor = next(e for e in every if e["key"] == key)
    end = anchor["end"]
    after = re.match(r"\s*\([^()]{1,15}\)", text_of(doc)[end:])
    if after and abbr and abbr in after.group(0):
        end += after.end()
    return [{"name": name.lower(), "abbreviation": abbr, "evidence": ev(anchor["start"], end)}]


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
        m = re.search(r"\b(\d+)\s+(?:\(\S+\)\s+)?(?:[a-z]+\s+){0,2}$", text[max(sent.start, e["start"] - 30) : e["start"]])
        return bool(m) and int(m.group(1)) != n["value"]

    inside = [e for e in mentions if sent.start <= e["start"] < sent.end and not subgroup(e)]
    if not inside:
        return None
    counts = Counter(e["key"] for e in mentions)
    # several named there ("40 patients with SSc-ILD (23 with diffuse cutaneous SSc)"): the one the text keeps naming
    return max(inside, key=lambda e: (counts[e["key"]], -abs(e["start"] - a)))["key"]


def _used_abbreviation(doc: Doc, key: str) -> str | None:
    from .. import vocab

    entry = vocab.entries("diseases").get(key, {})
    for a in entry.get("abbreviations", []):
        if re.search(rf"(?<![\w-]){re.escape(a)}(?![\w])", text_of(doc)):
            return a
    return None
