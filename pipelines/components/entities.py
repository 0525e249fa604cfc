"""``reuma_entities``: lexicon mentions (drugs, diseases, instruments, manifestations, labs, AEs).

The lexicons are one spaCy ``PhraseMatcher`` (``pipelines.vocab.PhraseIndex``, plurals
generated from the entries), compiled once per process. Short forms the text
defines ("anifrolumab (AFM)") become mentions of their long form's entry wherever
they recur, even when no lexicon knows that short form.
"""



import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from . import base
from .base import guarded, register_extensions, text_of

#: which lexicons to match, in priority order when two labels claim the same span
DEFAULT_LEXICONS = ("drugs", "diseases", "instruments", "labs", "manifestations", "adverse_event_terms")


@Language.factory(
    "reuma_entities", default_config={"lexicons": list(DEFAULT_LEXICONS)},
    requires=["doc._.reuma_abbreviations"],
    assigns=["doc._.reuma_entities", "doc.ents", "span._.reuma"],
)
def make_entities(nlp: Language, name: str, lexicons: list[str]) -> "EntitiesComponent":
    base.check_requires(nlp, "reuma_entities", name)
    return EntitiesComponent(tuple(lexicons))


class EntitiesComponent:
    def __init__(self, lexicons: tuple[str, ...]) -> None:
        register_extensions()
        self.matchers = [vocab.matcher(name) for name in lexicons]
        self.index = vocab.phrase_index(lexicons)  # one PhraseMatcher for all, compiled once per process

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        ents: list[dict] = []
        masked = _mask_inner_definitions(text, base.items(doc, "reuma_abbreviations"))
        for m, hits in zip(self.matchers, self.index.find(masked), strict=True):
            for s, e, key in hits:
                ents.append({"label": m.label, "key": key, "start": s, "end": e, "abbr": None})
        defs = base.items(doc, "reuma_abbreviations")
        ents = self._drop_redefined(text, ents, defs)
        ents.extend(self._defined_short_forms(doc, ents))
        inside = _inside_others(ents)
        ents = [x for x, held in zip(ents, inside, strict=True) if not _is_definition(x, ents, defs) and not held]
        shorts = {d["short"] for d in defs}
        for ent in ents:
            surface = text[ent["start"] : ent["end"]]
            if surface in shorts or surface[:-1] in shorts and surface.endswith("s"):
                ent["abbr"] = surface if surface in shorts else surface[:-1]
            ent["abbr"] = ent["abbr"] or _parenthesised_short(text, ent["end"], defs)
        ents.sort(key=lambda d: (d["start"], -d["end"]))
        base.set_entity_spans(doc, ents)
        return doc

    def _drop_redefined(self, text: str, ents: list[dict], defs: list[dict]) -> list[dict]:
        """A lexicon short form the text defines otherwise ("incidence rate ratios (IRRs)" is no
        infusion-related reaction) is not a mention of the lexicon's entry."""
        meaning: dict[str, tuple[str, str] | None] = {}
        longs: dict[str, str] = {}
        for d in defs:
            meaning[d["short"]] = _entity_covering(ents, d["long_start"], d["long_end"]) or self._lookup_long(d["long"])
            longs[d["short"]] = d["long"]
        out = []
        for x in ents:
            surface = text[x["start"] : x["end"]]
            short = surface if surface in meaning else surface[:-1] if surface.endswith("s") and surface[:-1] in meaning else None
            if short is not None and meaning[short] != (x["label"], x["key"]):
                known = meaning[short] is not None  # the long form is another entry
                if known or not _words(longs[short]) & _words(x["key"]):  # or an unknown one sharing no word
                    continue
            out.append(x)
        return out

    def _defined_short_forms(self, doc: Doc, ents: list[dict]) -> list[dict]:
        out: list[dict] = []
        for d in base.items(doc, "reuma_abbreviations"):
            owner = _entity_covering(ents, d["long_start"], d["long_end"])
            if owner is None:
                owner = self._lookup_long(d["long"])
            if owner is None:
                continue
            label, key = owner
            taken = {(x["start"], x["end"]) for x in ents if x["label"] == label}
            for start, end in _word_occurrences(text_of(doc), d["short"]):
                if start == d["start"] and d["long_start"] < d["start"]:
                    continue  # the definition itself: "anifrolumab (AFM)" is one mention
                if (start, end) in taken or _inside(ents, label, start, end):
                    continue
                out.append({"label": label, "key": key, "start": start, "end": end, "abbr": d["short"]})
        return out

    def _lookup_long(self, long: str) -> tuple[str, str] | None:
        for m in self.matchers:
            key = m.lookup(long)
            if key is not None:
                return m.label, key
        return None


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", s.lower()) if len(w) > 2}


def _mask_inner_definitions(text: str, defs: list[dict]) -> str:
    """"tumor necrosis factor (TNF) inhibitors": blank the definition so the phrase reads whole
    (same length, so offsets still point into the text)."""
    shorts = {d["short"] for d in defs}
    if not shorts:
        return text
    out = text
    for hit in _inner_definitions(text):
        if hit.group(1) in shorts:
            out = out[: hit.start()] + " " * (hit.end() - hit.start()) + out[hit.end() :]
    return out


#: " (SHORT) " followed by a lower-case word: one static pattern (a pattern per definition, compiled
#: per doc, overflowed ``re``'s cache of 512 and cost every other component its compiled patterns)
INNER_DEFINITION = re.compile(r"\s\(\s*([^()]*?)\s*\)(?=\s+[a-z])")


def _inner_definitions(text: str) -> list[re.Match]:
    """``INNER_DEFINITION.finditer(text)``, tried only at the blank before each "(": every match starts
    there, and two matches cannot overlap (a match holds no bracket but its own), so these are the
    same matches in the same order, without trying the pattern at every blank of the text."""
    out = []
    i = text.find("(", 1)
    while i >= 0:
        hit = INNER_DEFINITION.match(text, i - 1)
        if hit:
            out.append(hit)
        i = text.find("(", i + 1)
    return out


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _word_occurrences(text: str, short: str) -> list[tuple[int, int]]:
    """Where ``short`` (or its plural in "s") stands as a word of its own: what
    ``(?<![\\w\\-])SHORT(?:s)?(?![\\w])`` finds, by ``str.find`` instead of a pattern per short form."""
    out: list[tuple[int, int]] = []
    i = text.find(short) if short else -1
    while i >= 0:
        end = i + len(short)
        found = None
        if i == 0 or not (_is_word_char(text[i - 1]) or text[i - 1] == "-"):
            if text[end : end + 1] == "s" and not (end + 1 < len(text) and _is_word_char(text[end + 1])):
                found = end + 1
            elif not (end < len(text) and _is_word_char(text[end])):
                found = end
        if found is not None:
            out.append((i, found))
            i = text.find(short, found)
        else:
            i = text.find(short, i + 1)
    return out


def _inside_other(x: dict, ents: list[dict]) -> bool:
    """"Myositis" inside "Childhood Myositis Assessment Scale": part of a longer name, not a mention."""
    return any(o["label"] != x["label"] and o["start"] <= x["start"] and x["end"] <= o["end"]
               and o["end"] - o["start"] > x["end"] - x["start"] for o in ents)


def _inside_others(ents: list[dict]) -> list[bool]:
    """``_inside_other(x, ents)`` for each entity, without comparing every pair. A longer entity holding x
    either starts before x and reaches x's end, or starts where x does and ends after it; when no entity
    does either the answer is False at once, otherwise the same test runs over those starting no later."""
    order = sorted(ents, key=lambda o: o["start"])
    starts = [o["start"] for o in order]
    reach: list[int] = []  # reach[k]: the furthest end among the first k + 1 entities by start
    for o in order:
        reach.append(max(reach[-1], o["end"]) if reach else o["end"])
    out = []
    for x in ents:
        before = bisect.bisect_left(starts, x["start"])  # order[:before]: those starting before x
        upto = bisect.bisect_right(starts, x["start"])  # order[:upto]: those starting at or before x
        longer_here = any(o["end"] > x["end"] for o in order[before:upto])
        if not longer_here and (before == 0 or reach[before - 1] < x["end"]):
            out.append(False)
        else:
            out.append(_inside_other(x, order[:upto]))
    return out


def _is_definition(x: dict, ents: list[dict], defs: list[dict]) -> bool:
    """The "(AFM)" right after "anifrolumab": part of that mention, not a mention of its own."""
    for d in defs:
        if x["start"] == d["start"] and d["long_start"] < d["start"]:
            return any(o is not x and o["label"] == x["label"] and o["start"] < d["long_end"] and d["long_start"] < o["end"]
                       for o in ents)
    return False


def _entity_covering(ents: list[dict], s: int, e: int) -> tuple[str, str] | None:
    """The entity that makes up most of a long form's span (ties: lexicon priority order)."""
    best = None
    for x in ents:
        if x["end"] <= s or x["start"] >= e:
            continue  # no overlap (it would be <= 0): most entities, skipped without min/max
        overlap = min(e, x["end"]) - max(s, x["start"])
        if overlap > 0 and overlap >= 0.6 * (e - s) and (best is None or overlap > best[0]):
            best = (overlap, x["label"], x["key"])
    return (best[1], best[2]) if best else None


def _inside(ents: list[dict], label: str, s: int, e: int) -> bool:
    return any(x["label"] == label and x["start"] <= s and e <= x["end"] for x in ents)


def _parenthesised_short(text: str, end: int, defs: list[dict]) -> str | None:
    """"anifrolumab (AFM)": the short form defined right after a mention."""
    for d in defs:
        if 0 <= d["start"] - end <= 3 and "(" in text[end : d["start"]]:
            return d["short"]
    return None
