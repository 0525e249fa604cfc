"""``reuma_adverse_events``: named adverse events with counts (annotation rule 12).

An adverse-event term from the lexicon in a results sentence is an event unless
ConText (medspaCy) finds it negated ("no serious adverse events", "no patient
had an infusion reaction"): absent events give nothing. A generic "adverse
events" stands only when patients are counted with it ("Three patients
experienced adverse events") and no named event is listed with it.
"""



import re

from spacy.language import Language
from spacy.tokens import Doc

from ..counting import count_near
from . import base
from .base import entities, ev, guarded, population_n, register_extensions, sentence_at, text_of

GENERIC = re.compile(r"^(?:adverse\s+(?:events?|effects?|reactions?|drug\s+reactions?)|side[\s-]+effects?|AEs?|SAEs?|toxicit(?:y|ies))$", re.I)
AE_CONTEXT = re.compile(r"\b(?:adverse|side[\s-]+effects?|safety|toxicit|complications?|related\s+to|induced|reactions?|tolera)", re.I)
NEGATION = re.compile(r"\b(?:no|none|without|not|nor|absence\s+of|free\s+of)\b[^.;]*$", re.I)


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

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        pop_n = population_n(doc)
        out: list[dict] = []
        seen: set[str] = set()
        for e in entities(doc, "ae"):
            if e["key"] == "death":
                continue  # deaths are outcomes (kind "death"), not adverse events
            sent = sentence_at(doc, e["start"])
            if sent is None or sent.section in ("background", "methods", "conclusions"):
                continue
            surface = re.sub(r"\s+", " ", text[e["start"] : e["end"]])
            if e.get("negated") or NEGATION.search(text[sent.start : e["start"]][-60:]):
                continue
            generic = bool(GENERIC.match(surface))
            if not generic and not AE_CONTEXT.search(sent.text) and any(
                    x["label"] == "manifestation" and x["start"] < e["end"] and e["start"] < x["end"] for x in doc._.reuma_entities):
                continue  # "fever" is a manifestation unless the sentence is about adverse events
            hit = count_near(text, e["start"], e["end"], sent.start, sent.end, pop_n)
            if generic:
                others = [x for x in entities(doc, "ae") if sent.start <= x["start"] < sent.end and x is not e
                          and not GENERIC.match(text[x["start"] : x["end"]])]
                subject = re.search(r"\b(?:experienced|developed|had|reported|presented)\s+(?:\w+\s+)?$", text[sent.start : e["start"]], re.I)
                if others or not hit or not subject or re.search(r"\b(?:due\s+to|because\s+of|for)\s+$", text[sent.start : e["start"]], re.I):
                    continue
            name = surface.lower()
            if name in seen:
                continue
            seen.add(name)
            before = text[max(sent.start, e["start"] - 20) : e["start"]].lower()
            serious = True if re.search(r"\bserious\s+$", before) else False if re.search(r"\b(?:mild|minor|non-serious)\s+$", before) else None
            n, a, b = (hit if hit else (None, e["start"], e["end"]))
            if pop_n is not None and n is not None and n > pop_n:
                n = None
            out.append({"name": name, "serious": serious, "n": n, "evidence": ev(a, b)})
        doc._.reuma_adverse_events = out
        return doc
