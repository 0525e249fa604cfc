"""Doc → :class:`schemas.Record`: the one place where the record is built.

Components leave labelled span groups (``doc.spans["reuma_treatments"]``, ...) whose spans carry
their item as ``span._.reuma`` (a dict with ``evidence: {start, end}``); here each item
gets its text from ``text_of(doc)`` (so ``text[start:end] == evidence.text`` holds
by construction), counts above the population n are dropped with a warning,
and pydantic validates the whole record.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from spacy.tokens import Doc

from schemas import Record

from . import vocab
from .components.base import items as span_items
from .components.base import population as population_of
from .components.base import study as study_of
from .components.base import text_of

ABBREV_LIKE = re.compile(r"(?<![\w\-])([A-Z][A-Za-z]*[A-Z][A-Za-z0-9\-]*)(?![\w\-])")


def doc_to_record(doc: Doc, abstract: Any) -> Record:
    """Build and validate the record of ``abstract`` (an ``extractor.abstract.Abstract``) from its doc."""
    text = text_of(doc)
    warnings: list[str] = list(getattr(abstract, "warnings", []) or [])
    pop = population_of(doc)
    pop_n = (pop.get("n") or {}).get("value")

    def evid(d: dict | None) -> dict | None:
        if not d:
            return None
        s, e = int(d["start"]), int(d["end"])
        return {"start": s, "end": e, "text": text[s:e]}

    def items(field: str, rows: list[dict] | None) -> list[dict]:
        out = []
        for r in rows or []:
            r = {k: v for k, v in r.items() if not k.startswith("_")}
            r["evidence"] = evid(r["evidence"])
            n = r.get("n")
            if n is not None and pop_n is not None and n > pop_n:
                warnings.append(f"{field}: count {n} above population n {pop_n} for {r.get('name') or r.get('kind')!r} (dropped)")
                r["n"] = None
            out.append(r)
        return out

    def count(d: dict | None, what: str = "n") -> dict | None:
        if not d:
            return None
        if what != "n" and pop_n is not None and d["value"] > pop_n:
            warnings.append(f"population.{what}: count {d['value']} above population n {pop_n} (dropped)")
            return None
        return {"value": d["value"], "evidence": evid(d["evidence"])}

    age = pop.get("age")
    if age:
        age = {**age, "evidence": evid(age["evidence"])}
    study = study_of(doc)
    if study.get("period"):
        study["period"] = {**study["period"], "evidence": evid(study["period"]["evidence"])}
    abbreviations = [{"short": a["short"], "long": a["long"]} for a in span_items(doc, "reuma_abbreviations")]
    warnings += undefined_abbreviations(doc, {a["short"] for a in abbreviations})

    data = {
        "id": abstract.id,
        "source": abstract.source.model_dump() if hasattr(abstract.source, "model_dump") else abstract.source,
        "code": abstract.code,
        "title": abstract.title,
        "authors": [a.model_dump() if hasattr(a, "model_dump") else a for a in abstract.authors],
        "affiliations": [a.model_dump() if hasattr(a, "model_dump") else a for a in abstract.affiliations],
        "text": text,
        "sections": [s.model_dump() if hasattr(s, "model_dump") else s for s in abstract.sections],
        "abbreviations": abbreviations,
        "study": study,
        "population": {
            "n": count(pop.get("n")),
            "female": count(pop.get("female"), "female"),
            "male": count(pop.get("male"), "male"),
            "age": age,
            "conditions": [{**c, "evidence": evid(c["evidence"])} for c in pop.get("conditions", [])],
        },
        "treatments": items("treatments", span_items(doc, "reuma_treatments")),
        "manifestations": items("manifestations", span_items(doc, "reuma_manifestations")),
        "lab_findings": items("lab_findings", span_items(doc, "reuma_labs")),
        "scores": items("scores", span_items(doc, "reuma_scores")),
        "outcomes": items("outcomes", span_items(doc, "reuma_outcomes")),
        "adverse_events": items("adverse_events", span_items(doc, "reuma_adverse_events")),
        "warnings": warnings,
    }
    return Record.model_validate(data)


def undefined_abbreviations(doc: Doc, defined: set[str]) -> list[str]:
    """Capitalised short forms used but neither defined in the text nor known to a lexicon."""
    known = vocab.known_short_forms()
    # a heading is not an abbreviation: "OBJECTIVE", "PATIENTS AND METHODS" (detected or not)
    heading_words = _heading_words()
    # every character of a heading as written (a few dozen): one set lookup per capitalised word
    in_heading = {i for s in span_items(doc, "reuma_sections") for i in range(s["start"], s["start"] + len(s["heading"]))}
    seen: list[str] = []
    for m in ABBREV_LIKE.finditer(text_of(doc)):
        s = m.group(1)
        if (s.isupper() and s.lower() in heading_words) or m.start() in in_heading:
            continue
        base = s[:-1] if s.endswith("s") else s
        if "-" in s and (s.split("-")[0] in defined or s.split("-")[0] in known):
            continue  # "GC-sparing": a defined short form in a compound
        if ROMAN.fullmatch(s) or s in defined or base in defined or s in known or base in known or s in seen or len(s) > 10:
            continue
        seen.append(s)
    return [f"abbreviation without definition: {s}" for s in seen]


#: a Roman numeral ("II", "IV"): a class or stage, no abbreviation
ROMAN = re.compile(r"[IVX]+")


@functools.cache
def _heading_words() -> frozenset[str]:
    """The words of the section headings (fixed data: built once, not per abstract)."""
    from pipelines.sections import HEADINGS

    return frozenset(w for phrase in HEADINGS for w in phrase.split())
