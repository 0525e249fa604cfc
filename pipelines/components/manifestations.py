"""``reuma_manifestations``: the patients' manifestations, by organ domain, with counts and status.

Granularity follows record.md: where the text names a domain and lists its
specific manifestations ("serosal (pleural effusion, 1 pt)") the items are the
specific ones; a domain-level item ("cutaneous involvement") stands only where
nothing more specific is named right after it. Background sentences,
inclusion criteria and conclusions describe no patient and give nothing.
"""

from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicons, vocab
from ..counting import count_near
from .base import entities, ev, register_extensions, sentences

HISTORY = re.compile(r"\b(?:previous|prior|past|history|historical|in\s+remission|formerly|had\s+had)\b", re.I)
INCLUSION = re.compile(r"\b(?:were|was)\s+(?:included|enrolled|recruited|eligible)\b|\binclusion\s+criteri|\bfulfill?ing\b", re.I)
SEVERITY = r"(?:active|moderate|severe|mild|isolated|predominant|refractory|persistent|major|minor|new|recurrent)"


@functools.lru_cache(maxsize=1)
def domain_phrase() -> tuple[re.Pattern, dict[str, str]]:
    terms = lexicons.load("domain_terms")
    adj2dom = {}
    for dom, words in terms.items():
        if dom == "heads" or not isinstance(words, list):
            continue
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


@Language.factory("reuma_manifestations")
def make_manifestations(nlp: Language, name: str) -> ManifestationsComponent:
    return ManifestationsComponent()


class ManifestationsComponent:
    def __init__(self) -> None:
        register_extensions()
        self.lex = vocab.entries("manifestations")
        domain_phrase()

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        pop_n = ((doc._.reuma_population or {}).get("n") or {}).get("value")
        items: list[dict] = []
        seen_domains: set[str] = set()
        seen_names: set[str] = set()
        specific = [e for e in entities(doc, "manifestation")]
        rx, adj2dom = domain_phrase()
        for s in sentences(doc):
            if s.section in ("background", "conclusions") or INCLUSION.search(s.text):
                continue
            in_results = s.section == "results"
            status = "previous" if HISTORY.search(s.text) else "current"
            ents = [e for e in specific if s.start <= e["start"] < s.end]
            claimed: set[int] = set()
            for m in rx.finditer(s.text):
                a = s.start + m.start()
                after = text[s.start + m.end() : s.end]
                par = re.match(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", after)
                inner = [e for e in ents if par and s.start + m.end() <= e["start"] < s.start + m.end() + par.end()]
                adjs = [m.group("adj")] + ([m.group("adj2")] if m.group("adj2") else [])
                if inner:
                    one = len(_segments(par.group(1))) == 1 or len(inner) == 1 and len(_segments(par.group(1), keep_counts=False)) == 1
                    for e in inner:
                        claimed.add(e["start"])
                        seg_a, seg_b = _segment_of(text, e, s.start + m.end() + par.start(1), s.start + m.end() + par.end(1))
                        span = (a, s.start + m.end() + par.end()) if one else (seg_a, seg_b)
                        self._add(items, doc, e, span, status, pop_n, seen_names, seg=(seg_a, seg_b))
                        seen_domains.add(adj2dom[m.group("adj").lower()])
                    continue
                for adj in adjs:
                    dom = adj2dom[adj.lower()]
                    if in_results and dom in seen_domains:
                        continue
                    head = m.group("head") or "involvement"
                    mod = m.group("mod")
                    name = f"{mod + ' ' if mod and mod.lower() not in ('predominant',) else ''}{adj} {head}".lower()
                    if name in seen_names:
                        continue
                    b = s.start + m.end()
                    hit = count_near(text, a, b, s.start, s.end, pop_n)
                    n, ea, eb = (hit if hit else (None, a, b))
                    if pop_n is not None and n is not None and n > pop_n:
                        n = None
                    items.append({"name": name, "domain": dom, "n": n, "status": status, "evidence": ev(ea, eb)})
                    seen_names.add(name)
                    seen_domains.add(dom)
            for e in ents:
                if e["start"] in claimed:
                    continue
                dom = self.lex.get(e["key"], {}).get("domain", "other")
                if in_results and (e["key"].lower() in seen_names or _surface(text, e) in seen_names):
                    continue
                self._add(items, doc, e, None, status, pop_n, seen_names)
                seen_domains.add(dom)
        doc._.reuma_manifestations = _merge_compounds(text, items)
        return doc

    def _add(self, items: list[dict], doc: Doc, e: dict, span: tuple[int, int] | None, status: str,
             pop_n: int | None, seen: set[str], seg: tuple[int, int] | None = None) -> None:
        text = doc.text
        entry = self.lex.get(e["key"], {})
        sent = next((s for s in sentences(doc) if s.start <= e["start"] < s.end), None)
        lo, hi = (sent.start, sent.end) if sent else (0, len(text))
        name = _name(text, e, seg)
        if name in seen:
            return
        hit = count_near(text, e["start"], e["end"], lo, hi, pop_n)
        n = hit[0] if hit else None
        if n is not None and pop_n is not None and n > pop_n:
            n = None
        if span is None:
            span = (hit[1], hit[2]) if hit else (e["start"], e["end"])
        if e.get("historical"):
            status = "previous"
        items.append({"name": name, "domain": entry.get("domain", "other"), "n": n, "status": status,
                      "evidence": ev(*span), "_ent": (e["start"], e["end"])})
        seen.add(name)


def _segments(inner: str, keep_counts: bool = True) -> list[str]:
    parts = [p.strip() for p in re.split(r",|;|\band\b", inner) if p.strip()]
    if not keep_counts:
        parts = [p for p in parts if not re.fullmatch(r"(?:n\s*=\s*)?\d+\s*(?:pts?|patients?|cases?)?", p, re.I)]
    return parts


def _segment_of(text: str, e: dict, lo: int, hi: int) -> tuple[int, int]:
    """The list item holding a mention: between the nearest separators inside the parenthesis."""
    left = lo
    for m in re.finditer(r",\s*|;\s*|\band\s+", text[lo : e["start"]]):
        left = lo + m.end()
    m = re.search(r",|;", text[e["end"] : hi])
    right = e["end"] + m.start() if m else hi
    return left, right


def _surface(text: str, e: dict) -> str:
    return re.sub(r"\s+", " ", text[e["start"] : e["end"]]).lower()


def _name(text: str, e: dict, seg: tuple[int, int] | None) -> str:
    """As in the text, lower case; a list item without numbers is kept whole ("x with y")."""
    if seg is not None:
        item = re.sub(r"\s*\([^()]*\)", "", text[seg[0] : seg[1]]).strip(" ,;")
        if item and not re.search(r"\d", item) and len(item.split()) <= 6:
            return re.sub(r"\s+", " ", item).lower()
    name = _surface(text, e)
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
