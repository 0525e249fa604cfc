"""``reuma_treatments``: the study drug, comparators, concomitant and previous treatments.

Role by annotation rule 7 and 14: the study treatment is the drug the abstract
is about (named in the objective, most mentioned); placebo and other arms are
comparators; a drug in a "previous / had failed / history of" context
(medspaCy ConText's historical verdict plus the cue list) is previous; any other
drug given during the study is concomitant.
"""



import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from ..counting import count_near, except_one
from .base import entities, ev, register_extensions, sentence_at

PREVIOUS_CUES = re.compile(
    r"\b(?:previous(?:ly)?|prior|history\s+of|had\s+(?:\w+\s+)?failed|failure\s+(?:of|to)|failed|not\s+responded\s+to|"
    r"non-?responders?\s+to|refractory\s+to|inadequate(?:\s+\w+)?\s+response\s+to|intoleran(?:t|ce)\s+to|naïve|naive|"
    r"after\s+(?:failure\s+of\s+)?|switch(?:ed)?\s+from|before|line|pre-?treated\s+with|had\s+received)\b[^.;]*$",
    re.IGNORECASE,
)
STUDY_CUES = re.compile(
    r"\b(?:efficacy|effectiveness|safety|use|effects?|experience|outcomes?|role|impact|response)\s+(?:\w+\s+){0,3}?(?:of|with|to)\s+(?:[\w\-]+\s+){0,4}?$|"
    r"\b(?:treated|treatment|therapy|initiat\w*|started|starting|receiv\w*|administ\w*|switched\s+to|on)\s+(?:with\s+)?(?:[\w\-]+\s+){0,2}?$",
    re.IGNORECASE,
)
CURRENT_USE = re.compile(r"\b(?:(?:were|was|are|is|still)\s+)?(?:receiving|taking|on|treated\s+with|maintained\s+on)\s+$", re.I)
CLASS_MODIFIERS = ("traditional", "conventional", "conventional synthetic", "biologic", "biological", "targeted synthetic")


@Language.factory("reuma_treatments")
def make_treatments(nlp: Language, name: str) -> "TreatmentsComponent":
    return TreatmentsComponent()


class TreatmentsComponent:
    def __init__(self) -> None:
        register_extensions()
        self.drugs = vocab.entries("drugs")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        pop_n = ((doc._.reuma_population or {}).get("n") or {}).get("value")
        mentions = [e for e in entities(doc, "drug") if not e.get("negated") or True]
        by_key: dict[str, list[dict]] = defaultdict(list)
        for e in mentions:
            by_key[e["key"]].append(e)
        if not by_key:
            doc._.reuma_treatments = []
            return doc
        secs = doc._.reuma_sections or []
        has_sections = bool(secs)

        def outside_bg(e: dict) -> bool:
            sent = sentence_at(doc, e["start"])
            return not has_sections or (sent is not None and sent.section != "background")

        study_keys = self._study_keys(doc, by_key, outside_bg)
        out = []
        for key, ms in by_key.items():
            entry = self.drugs.get(key, {})
            if key not in study_keys and not any(outside_bg(e) for e in ms):
                continue  # named only in the background (other studies, the disease in general)
            role = self._role(doc, key, ms, study_keys, entry)
            n, span = self._count(doc, key, ms, role, pop_n)
            out.append({
                "name": self._name(doc, key, ms, entry),
                "abbreviation": next((e["abbr"] for e in ms if e.get("abbr")), None),
                "role": role,
                "n": n,
                "evidence": span,
                "first": span["start"],
            })
        out.sort(key=lambda t: ({"study": 0, "comparator": 1, "concomitant": 2, "previous": 3}[t["role"]], t["first"]))
        for t in out:
            del t["first"]
        doc._.reuma_treatments = out
        return doc

    def _study_keys(self, doc: Doc, by_key: dict[str, list[dict]], outside_bg) -> set[str]:
        scores: dict[str, float] = {}
        for key, ms in by_key.items():
            entry = self.drugs.get(key, {})
            if entry.get("kind") in ("placebo", "soc"):
                continue
            s = 0.0
            for e in ms:
                sent = sentence_at(doc, e["start"])
                lo = sent.start if sent else 0
                before = doc.text[lo : e["start"]]
                s += 1.0
                if STUDY_CUES.search(before[-80:]):
                    s += 1.5
                if PREVIOUS_CUES.search(before[-60:]) or e.get("historical"):
                    s -= 1.5
            if entry.get("kind") == "class":
                s -= 1.0
            scores[key] = s
        if not scores:
            return set()
        best = max(scores.values())
        if best <= 0:
            return set()
        return {k for k, v in scores.items() if v == best}

    def _role(self, doc: Doc, key: str, ms: list[dict], study: set[str], entry: dict) -> str:
        if key in study:
            return "study"
        if entry.get("kind") in ("placebo", "soc"):
            return "comparator"
        arms = self._arm_sentence(doc, ms)
        if arms:
            return "comparator"
        previous = 0
        for e in ms:
            sent = sentence_at(doc, e["start"])
            lo = sent.start if sent else 0
            before = _drop_parentheticals(doc.text[lo : e["start"]])
            if CURRENT_USE.search(before):
                continue
            if e.get("historical") or PREVIOUS_CUES.search(before[-70:]):
                previous += 1
        return "previous" if previous and previous >= len(ms) / 2 else "concomitant"

    def _arm_sentence(self, doc: Doc, ms: list[dict]) -> bool:
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent and re.search(r"\brandomi[sz]ed\s+to\b|\b(?:versus|vs\.?|compared\s+(?:with|to))\b", sent.text, re.I):
                if re.match(r"\s*(?:\d+\s*mg\s*)?\(\s*n\s*=", doc.text[e["end"] : e["end"] + 20]):
                    return True
        return False

    def _count(self, doc: Doc, key: str, ms: list[dict], role: str, pop_n: int | None) -> tuple[int | None, dict]:
        text = doc.text
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None:
                continue
            if except_one(text, e["end"], sent.end) and pop_n:
                return pop_n - 1, ev(_verb_start(text, sent.start, e["start"]), e["end"])
            arm = re.match(r"\s*(?:\d+(?:\.\d+)?\s*mg\s*)?\(\s*n\s*=\s*(\d+)\s*\)", text[e["end"] : sent.end])
            if arm:
                return int(arm.group(1)), ev(e["start"], e["end"] + arm.end())
        if role == "study":
            first = ms[0]
            end = first["end"]
            par = re.match(r"\s*\([^()]{1,12}\)", text[end:])
            if par and first.get("abbr") and first["abbr"] in par.group(0):
                end += par.end()
            return pop_n, ev(first["start"], end)
        for e in ms:
            sent = sentence_at(doc, e["start"])
            if sent is None:
                continue
            hit = count_near(text, e["start"], e["end"], sent.start, sent.end, pop_n, right_first=True)
            if hit:
                n, a, b = hit
                use = re.match(r"\s+(?:use|therapy|treatment)\b", text[b:sent.end])
                return n, ev(a, b + (use.end() if use and b == e["end"] else 0))
        e = ms[0]
        return None, ev(e["start"], e["end"])

    def _name(self, doc: Doc, key: str, ms: list[dict], entry: dict) -> str:
        if entry.get("kind") != "class":
            return key.lower()
        defs = {d["short"]: d["long"] for d in doc._.reuma_abbreviations or []}
        for e in ms:
            if e.get("abbr") in defs:
                return _plural(defs[e["abbr"]].lower())
        e = ms[0]
        surface = doc.text[e["start"] : e["end"]]
        if surface.isupper() or any(c.isupper() for c in surface[1:]):
            return key.lower()  # an abbreviation the text does not define: the lexicon's name
        before = doc.text[max(0, e["start"] - 25) : e["start"]].lower()
        mod = next((m for m in CLASS_MODIFIERS if before.rstrip().endswith(m)), None)
        name = _plural(surface.lower())
        return f"{mod} {name}" if mod else name


def _drop_parentheticals(s: str) -> str:
    """Closed "( ... )" asides say nothing about the drug that follows them."""
    prev = None
    while prev != s:
        prev, s = s, re.sub(r"\([^()]*\)", " ", s)
    return s


def _plural(s: str) -> str:
    s = re.sub(r"\s+", " ", s.strip())
    return s if s.endswith("s") else s + "s"


def _verb_start(text: str, lo: int, start: int) -> int:
    """"were receiving hydroxychloroquine": the verb phrase right before a drug."""
    m = re.search(r"\b(?:(?:were|was|are|is)\s+)?(?:receiving|treated\s+with|taking|on)\s+$", text[lo:start])
    return lo + m.start() if m else start
