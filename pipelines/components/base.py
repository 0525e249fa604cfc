"""Shared plumbing for our components: span groups, extensions, sentences and sections by offset.

Components write labelled span groups (``write_group``); each span's attributes are one plain
dict (``span._.reuma``, JSON-like, with the exact character offsets of its evidence) kept in
``doc.user_data``, so docs serialize across ``nlp.pipe`` workers and through ``DocBin``; the
dicts are typed per group in ``attrs.py``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..prefilter import ASCII_LOOKALIKES
from .attrs import Mention

#: the span group of lexicon mentions (``reuma_entities``): label = entity type, ``kb_id`` = lexicon code
ENTITIES = "reuma_entities"
#: span group → the label of its spans (``None``: the item's own ``label``, as for sections); each span
#: covers its item's evidence (``start``/``end`` of the item, or of its ``evidence``)
GROUPS: dict[str, str | None] = {
    ENTITIES: None,
    "reuma_sections": None,
    "reuma_abbreviations": "abbreviation",
    "reuma_treatments": "treatment",
    "reuma_manifestations": "manifestation",
    "reuma_labs": "lab_finding",
    "reuma_scores": "score",
    "reuma_outcomes": "outcome",
    "reuma_adverse_events": "adverse_event",
    "reuma_study": None,  # one span per field found: label design / setting / period
    "reuma_population": None,  # one span per field: label n / female / male / age / condition
}
#: the single-valued fields of the population group, in the record's order
POPULATION_FIELDS = ("n", "female", "male", "age")
#: ``doc.user_data`` key holding the attributes of our spans: ``{span.id_: dict}`` (plain JSON-like
#: values, so they cross ``n_process`` workers and ``DocBin``); read them as ``span._.reuma``
SPAN_ATTRS = "reuma_span_attrs"


def _span_attrs(span: Span) -> dict | None:
    return span.doc.user_data.get(SPAN_ATTRS, {}).get(span.id_)


def _group_getter(name: str):
    def get(doc: Doc):
        return doc.spans[name] if name in doc.spans else None

    return get


def register_extensions() -> None:
    for name in GROUPS:  # each span group, by the name components declare in requires
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_group_getter(name))
    if not Span.has_extension("reuma"):
        Span.set_extension("reuma", getter=_span_attrs)


register_extensions()


#: ``doc.user_data`` key set by ``extractor.extract.extract_abstracts`` on the docs of a stream: only
#: there is a component's failure recorded on the doc (and turned into an ``ExtractionError`` for that
#: abstract) instead of raised
KEEP_GOING = "reuma_keep_going"
#: ``doc.user_data`` key holding sections a reader already found, as ``(label, heading, start, end)``
#: tuples; ``reuma_sections`` uses them instead of detecting the sections again
READER_SECTIONS = "reuma_reader_sections"

#: who assigns what our factories require (for the error naming the missing component)
PRODUCERS: dict[str, str] = {
    "token.is_sent_start": "sentencizer",
    **{f"doc._.{group}": group for group in GROUPS},
}


def guarded(call):
    """Wrap a component's ``__call__``: in a stream of ``extract_abstracts`` (docs marked with
    :data:`KEEP_GOING`) a bug on one abstract is recorded on the doc (``doc.user_data["reuma_errors"]``,
    which crosses ``n_process`` workers) instead of stopping a stream of thousands, and becomes that
    abstract's ExtractionError. Anywhere else (library use: ``nlp(text)``) the exception is raised,
    with a note naming the component."""

    @functools.wraps(call)
    def wrapper(self, doc: Doc) -> Doc:
        try:
            return call(self, doc)
        except Exception as exc:  # noqa: BLE001 - any bug in a rule must not lose the other abstracts
            if not doc.user_data.get(KEEP_GOING):
                exc.add_note(f"raised in the spaCy component {type(self).__name__}")
                raise
            doc.user_data.setdefault("reuma_errors", []).append(f"{type(self).__name__}: {type(exc).__name__}: {exc}")
            return doc

    return wrapper


def check_requires(nlp: Language, factory: str, name: str) -> None:
    """Raise a clear error when the pipeline has no earlier component assigning what ``factory``
    requires (its ``@Language.factory(requires=...)``), instead of running and finding nothing.

    Called by each factory, so ``nlp.add_pipe("reuma_population")`` on a pipeline without
    ``reuma_entities`` fails at once, naming what to add first (``pipelines.build_pipeline()``
    adds everything in order).
    """
    required = list(Language.get_factory_meta(factory).requires)
    assigned: set[str] = set()
    for pipe_name in nlp.pipe_names:
        assigned.update(nlp.get_pipe_meta(pipe_name).assigns)
    missing = [attr for attr in required if attr not in assigned]
    if missing:
        need = ", ".join(f"{attr} (from {PRODUCERS.get(attr, 'another component')!r})" for attr in missing)
        raise ValueError(
            f"component {name!r} ({factory}) needs {need} earlier in the pipeline; add those components "
            f"first, in the order of pipelines.COMPONENTS, or build it with pipelines.build_pipeline()"
        )


def ev(start: int, end: int) -> dict:
    return {"start": int(start), "end": int(end)}


@dataclass(frozen=True)
class Sent:
    start: int
    end: int
    text: str
    section: str | None  # label of the section holding the sentence


#: ``doc.user_data`` key holding the doc's text (``text_of``); ``extractor.extract`` puts the text the doc
#: was tokenized from there (spaCy's tokenization is non-destructive: ``doc.text`` is that text)
TEXT = "reuma_text"


def text_of(doc: Doc) -> str:
    """``doc.text`` rebuilds the string from every token on each call; components share one copy
    (kept in ``doc.user_data``, and for the doc read last also here: components ask thousands of times)."""
    if _TEXT_MEMO[0] is doc:
        return _TEXT_MEMO[1]
    t = doc.user_data.get(TEXT)
    if t is None:
        t = doc.user_data[TEXT] = doc.text
    _TEXT_MEMO[:] = [doc, t]
    return t


#: the doc read last and its text (a doc's text never changes)
_TEXT_MEMO: list = [None, ""]


def sentences(doc: Doc) -> list[Sent]:
    """Sentences as character spans, with the label of the section each lies in.

    The sentencizer splits on periods only; we also split on line breaks, since
    abstracts put headings and list items on lines of their own.
    """
    return list(_sentence_memo(doc)[0])


#: the sentences of the doc read last, as objects and their starts, keyed by the identity of the doc's
#: cached tuples: components read one doc at a time and ask for its sentences thousands of times
_MEMO: list = [None, [], []]


def _sentence_memo(doc: Doc) -> tuple[list[Sent], list[int]]:
    if _MEMO_DOC[0] is doc:  # the doc read last: its cached tuples are set once and never replaced
        return _MEMO[1], _MEMO[2]
    cached = doc.user_data.get("reuma_sents")
    if cached is None:
        cached = _find_sentences(doc)
    if _MEMO[0] is not cached:
        _ROLE_MEMO.clear()  # another doc: its sentences' roles are asked anew
        objs = [Sent(*c) for c in cached]
        _MEMO[:] = [cached, objs, [x.start for x in objs]]
    _MEMO_DOC[0] = doc
    return _MEMO[1], _MEMO[2]


#: the doc whose sentences ``_MEMO`` holds
_MEMO_DOC: list = [None]


#: a line of a sentence (abstracts put headings and list items on lines of their own)
LINE = re.compile(r"[^\n]+")


def _find_sentences(doc: Doc) -> list[tuple]:
    secs = items(doc, "reuma_sections")
    out: list[Sent] = []
    full = text_of(doc)
    # the sentencizer's boundaries as character offsets, read in one pass over the token array (``doc.sents``
    # builds a Span and its text per sentence); a sentence runs to the next one's start, and the trailing
    # whitespace this adds is stripped below as before
    starts = [len(full)]
    if len(doc):
        cols = doc.to_array([SENT_START, IDX]).astype("int64")
        cols[0, 0] = 1  # the first token starts a sentence
        starts = cols[cols[:, 0] == 1, 1].tolist() + starts
    for lo, hi in zip(starts, starts[1:], strict=False):
        for m in LINE.finditer(full, lo, hi):
            a, b = m.start(), m.end()
            text = full[a:b]
            stripped = text.strip()
            if not stripped:
                continue
            a += len(text) - len(text.lstrip())
            b -= len(text) - len(text.rstrip())
            out.append(Sent(a, b, text_of(doc)[a:b], section_at(secs, a)))
    cached = doc.user_data["reuma_sents"] = [(x.start, x.end, x.text, x.section) for x in out]  # plain tuples: picklable
    return cached


def title_end(doc: Doc) -> int:
    """End of a title line the text opens with (0 when none): a first line of its own, before any
    heading, that does not end like a sentence. A title names the study, it describes no patient."""
    text = text_of(doc)
    nl = text.find("\n")
    if nl <= 0 or nl > 300 or not text[nl:].strip():
        return 0
    first = text[:nl].rstrip()
    secs = items(doc, "reuma_sections")
    if not first or first.endswith(".") or any(s["start"] < nl for s in secs):
        return 0
    return nl


def section_at(sections: list[dict], offset: int) -> str | None:
    for s in sections:
        if s["start"] <= offset < s["end"]:
            return s["label"]
    return None


def sentence_at(doc: Doc, offset: int) -> Sent | None:
    # asked thousands of times per doc: the doc read last answered without a call
    sents, starts = (_MEMO[1], _MEMO[2]) if _MEMO_DOC[0] is doc else _sentence_memo(doc)
    i = bisect.bisect_right(starts, offset) - 1
    if 0 <= i < len(sents) and sents[i].start <= offset <= sents[i].end:
        return sents[i]
    return None


@functools.lru_cache(maxsize=8192)  # a pure function of the (fixed) lexicons: asked for each mention written
def entity_kb_id(label: str, key: str) -> str:
    """The code a mention links to: ATC for drugs, MeSH for diseases, manifestations, labs and adverse
    events where the lexicon has one, else the lexicon key (an instrument's acronym)."""
    from .. import vocab

    entry = vocab.entries(_lexicon_of(label)).get(key) or {}
    code = entry.get("atc") if label == "drug" else entry.get("mesh")
    return code or key


@functools.cache
def _lexicon_of(label: str) -> str:
    """The lexicon whose entries an entity label names ("drug" → "drugs")."""
    from .. import vocab

    return next(name for name, lab in vocab.LABELS.items() if lab == label)


#: record-list group → the entity label whose lexicon names its items (``item["name"]``; a score's
#: ``instrument``). An item the lexicon does not hold ("standard therapy") links to nothing ("").
RECORD_LEXICON = {
    "reuma_treatments": ("drug", "name"),
    "reuma_manifestations": ("manifestation", "name"),
    "reuma_labs": ("lab", "name"),
    "reuma_adverse_events": ("ae", "name"),
    "reuma_scores": ("instrument", "instrument"),
}


def record_kb_id(group: str, item: dict) -> str:
    """The code a record-list span links to (see ``RECORD_LEXICON``); "" for groups without a lexicon."""
    if group not in RECORD_LEXICON:
        return ""
    from .. import vocab

    label, field = RECORD_LEXICON[group]
    key = item.get(field) or ""
    return entity_kb_id(label, key) if key in vocab.entries(_lexicon_of(label)) else ""


def write_group(doc: Doc, name: str, items: Sequence[Mapping], kb_id=None) -> None:
    """Write ``items`` as the labelled span group ``doc.spans[name]``, in order.

    A span covers whole tokens (``alignment_mode="expand"``) around its item's offsets (the item's
    ``start``/``end``, or its ``evidence``'s); the item itself is the span's attribute dict
    (``span._.reuma``), which keeps the exact character offsets the record's evidence needs.
    ``kb_id(item)`` gives the code the span links to (default: the lexicon code of a record-list item,
    ``record_kb_id``, else the item's ``key``).
    """
    _write_group(doc, name, items, kb_id)


def _write_group(doc: Doc, name: str, items: Sequence[Mapping], kb_id=None) -> list[Span]:
    """``write_group``, returning the spans written (in order)."""
    attrs = doc.user_data.setdefault(SPAN_ATTRS, {})
    prefix = f"{name}/"
    _drop_group_attrs(attrs, prefix)
    fixed = GROUPS.get(name)
    spans: list[Span] = []
    written: list[Mapping] = []  # the items as stored under their span ids (``attrs[span_id]``), in order
    offsets = _token_offsets(doc) if items else ([], [], [])
    for i, item in enumerate(items):
        where = item["evidence"] if "evidence" in item else item
        start, end = int(where["start"]), int(where["end"])
        label = fixed or item["label"]
        code = kb_id(item) if kb_id else record_kb_id(name, item) if name in RECORD_LEXICON else item.get("key", "")
        span_id = f"{prefix}{i}"
        bounds = _expand_bounds(doc, offsets, start, end)
        span = None if bounds is None else Span(doc, *bounds, label=label, kb_id=code or "", span_id=span_id)
        if span is None:  # offsets in whitespace, or empty: the token at the start
            i_tok = next((t.i for t in doc if t.idx + len(t) > start), len(doc))
            span = Span(doc, i_tok, min(i_tok + (end > start), len(doc)), label=label, kb_id=code or "", span_id=span_id)
        attrs[span_id] = item
        written.append(item)
        spans.append(span)
    doc.spans[name] = spans
    # what ``items(doc, name)`` would read back span by span: the items themselves, in order
    group = doc.spans[name]
    _ITEMS_MEMO[name] = (group, len(group), attrs, written)
    return spans


def _drop_group_attrs(attrs: dict, prefix: str) -> None:
    """Delete the attribute dicts of the group written last under ``prefix``. Only ``_write_group`` writes
    them, as ``prefix + "0"``, ``prefix + "1"``, ... after deleting the group's earlier ones, so they are
    numbered from 0 without a gap: deleting upwards from 0 until a number is missing removes exactly the
    keys starting with ``prefix``, without a pass over every group's keys."""
    i = 0
    while (key := f"{prefix}{i}") in attrs:
        del attrs[key]
        i += 1


def _expand_bounds(doc: Doc, offsets: tuple[list[int], list[int], list[int]], start_idx: int, end_idx: int) -> tuple[int, int] | None:
    """The token range ``doc.char_span(start_idx, end_idx, alignment_mode="expand")`` covers (None where
    it gives None), by a bisection over the doc's token offsets instead of a ``Token`` object per step.

    spaCy's ``token_by_char`` finds the token whose extent (its text and trailing whitespace) holds a
    character; the extents tile the text, so that is the last token starting at or before it. Where a
    character is outside every extent, ``char_span`` itself decides."""
    starts, extents, ends = offsets  # ``_token_offsets(doc)``
    i = bisect.bisect_right(starts, start_idx) - 1
    j = bisect.bisect_right(starts, end_idx - 1) - 1
    if not (0 <= i and start_idx < extents[i] and 0 <= j and end_idx - 1 < extents[j]):
        span = doc.char_span(start_idx, end_idx, alignment_mode="expand")
        return None if span is None else (span.start, span.end)
    if start_idx == ends[i]:  # in the trailing whitespace of the token: not part of it
        i += 1
    return i, j + 1


def _token_offsets(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Each token's first character, the end of its extent (its text and trailing whitespace) and the end of
    its text, kept for
    the doc read last: each component writes its groups on the same tokens, and no component retokenizes
    (the doc's length and its last token's offset are compared as a cheap guard against that)."""
    n = len(doc)
    if _OFFSETS_MEMO[0] is doc and _OFFSETS_MEMO[1] == n and (not n or _OFFSETS_MEMO[2][-1] == doc[n - 1].idx):
        return _OFFSETS_MEMO[2], _OFFSETS_MEMO[3], _OFFSETS_MEMO[4]
    if not n:
        starts, extents, ends = [], [], []
    else:
        cols = doc.to_array([IDX, LENGTH, SPACY]).astype("int64")
        text_ends = cols[:, 0] + cols[:, 1]
        starts, extents, ends = cols[:, 0].tolist(), (text_ends + cols[:, 2]).tolist(), text_ends.tolist()
    _OFFSETS_MEMO[:] = [doc, n, starts, extents, ends]
    return starts, extents, ends


#: the doc whose token offsets were read last, its length, and the offsets
_OFFSETS_MEMO: list = [None, 0, [], [], []]


def items(doc: Doc, name: str) -> list[dict]:
    """The attribute dicts (``span._.reuma``) of the spans of group ``name``, in order ([] if none)."""
    return list(_items_read(doc, name))


def _items_read(doc: Doc, name: str) -> list[dict]:
    """``items(doc, name)`` without the copy: the memoised list itself, which nothing ever changes (a group
    read or written anew gets a new list), for readers that only iterate it (``entities``)."""
    group = doc.spans.data.get(name)  # ``doc.spans`` is a UserDict: its dict, without two Python-level calls
    if group is None:
        return []
    attrs = doc.user_data.get(SPAN_ATTRS, {})
    memo = _ITEMS_MEMO.get(name)
    if memo is not None and memo[0] is group and memo[1] == len(group) and memo[2] is attrs:
        return memo[3]
    out = [attrs[span.id_] for span in group]  # a Span object and a string lookup per span: costly
    _ITEMS_MEMO[name] = (group, len(group), attrs, out)
    return out


#: group name → (the span group read last, its length, the attribute dict, its items): the rule
#: components read the same groups dozens of times per doc; a group written anew (``write_group``) is
#: a new object, so it is read again
_ITEMS_MEMO: dict[str, tuple] = {}


def set_entity_spans(doc: Doc, ents: list[Mention]) -> None:
    """Write the mentions as the labelled span group ``doc.spans["reuma_entities"]`` (``kb_id``: ATC
    for drugs, MeSH for diseases, manifestations, labs and AEs, else the lexicon key) and as ``doc.ents`` (the longest of
    overlapping ones, for displaCy)."""
    spans = _write_group(doc, ENTITIES, ents, kb_id=lambda e: entity_kb_id(e["label"], e["key"]))
    doc.ents = filter_spans([s for s in spans if len(s)])  # the group's spans, without reading them back


def entities(doc: Doc, label: str | None = None) -> Iterator[Mention]:
    """The attributes (``span._.reuma``) of the mentions in ``doc.spans["reuma_entities"]``, in order."""
    for e in _items_read(doc, ENTITIES):
        if label is None or e["label"] == label:
            yield e


def write_population(doc: Doc, pop: dict) -> None:
    """The population as the span group ``reuma_population``: a span for each field found (label =
    the field; ``condition`` for each disease studied, ``kb_id`` its MeSH code), over its evidence."""
    rows = [{**pop[f], "label": f} for f in POPULATION_FIELDS if pop.get(f)]
    rows += [{**c, "label": "condition"} for c in pop.get("conditions", [])]
    write_group(doc, "reuma_population", rows,
                kb_id=lambda r: entity_kb_id("disease", r["name"]) if r["label"] == "condition" else "")


def population(doc: Doc) -> dict:
    """The population read back from its span group: ``{n, female, male, age, conditions}``
    ({} when ``reuma_population`` has not run)."""
    if "reuma_population" not in doc.spans:
        return {}
    rows = items(doc, "reuma_population")
    out: dict = {f: None for f in POPULATION_FIELDS}
    out["conditions"] = []
    for r in rows:
        value = {k: v for k, v in r.items() if k != "label"}
        if r["label"] == "condition":
            out["conditions"].append(value)
        else:
            out[r["label"]] = value
    return out


def study(doc: Doc) -> dict:
    """The study read back from its span group: ``{design, setting, period}`` ({} when
    ``reuma_study`` has not run); design and setting are values, the period a dict with evidence."""
    if "reuma_study" not in doc.spans:
        return {}
    out: dict = {"design": None, "setting": None, "period": None}
    for r in items(doc, "reuma_study"):
        if r["label"] == "period":
            out["period"] = {k: v for k, v in r.items() if k != "label"}
        else:
            out[r["label"]] = r["value"]
    return out


def population_n(doc: Doc) -> int | None:
    """The cohort size found by ``reuma_population`` (the base of percentages and of "all patients").

    ``population(doc)["n"]["value"]`` without building the whole population: the last "n" row's value."""
    row = None
    for r in items(doc, "reuma_population"):
        if r["label"] == "n":
            row = r
    return row.get("value") if row is not None else None


@functools.lru_cache(maxsize=1)
def _role_cues() -> dict[str, list[re.Pattern]]:
    from .. import lexicons

    cfg = lexicons.load("sentence_roles")
    return {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in cfg.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def _role_alternations() -> dict[str, re.Pattern | None]:
    """Each role's cue list as one alternation ``(?:p1)|(?:p2)|…`` (same flag, no pattern uses inline
    flags or backreferences): ``search`` finds a hit iff some cue's ``search`` does, ``match`` iff some
    cue matches at the start — the same truth value as ``any`` over the list, in one regex call."""
    out: dict[str, re.Pattern | None] = {}
    for role, pats in _role_cues().items():
        out[role] = re.compile("|".join(f"(?:{p.pattern})" for p in pats), re.IGNORECASE) if pats else None
    return out


#: ``(sentence text, section) → role`` for the sentences of the doc read last (``_sentence_memo`` clears
#: it when another doc comes): components ask the role of the same sentence again and again
_ROLE_MEMO: dict[tuple[str, str | None], str | None] = {}


def sentence_role(s: Sent) -> str | None:
    """What a sentence does: "other_studies" (about other work, anywhere), else its section's label, else
    — in an abstract without headings — "aim", "conclusion" or "methods" by its cue words (data in
    lexicons/sentence_roles.json), else None (a sentence about this study's patients or results).

    A pure function of the sentence's text and section, memoised per doc (see ``_ROLE_MEMO``)."""
    key = (s.text, s.section)
    if key in _ROLE_MEMO:
        return _ROLE_MEMO[key]
    role = _ROLE_MEMO[key] = _sentence_role(s.text, s.section)
    return role


def _sentence_role(text: str, section: str | None) -> str | None:
    cues = _role_alternations()
    # for the cue words' pre-test (``_CUE_WORDS``)
    lower = text.lower() if text.isascii() or not FOLDS_TO_ASCII.search(text) else None
    if _search_any("other_studies", text, lower):
        return "other_studies"
    if section is not None:
        return section
    if _search_any("results_counts", text, lower):
        return None  # "Patients could be divided into 3 groups (n = 12, ...)": results, whatever its opening
    for role in ("aim", "conclusion"):
        pattern = cues[role]
        if pattern is not None and pattern.match(text):
            return role
    if _search_any("methods", text, lower):
        return "methods"
    return None


#: the only non-ASCII characters a case-insensitive ASCII letter matches ("İ", "ı", "ſ", the Kelvin sign;
#: checked over every code point): a text without them matches a cue's ASCII letters only in ASCII letters
FOLDS_TO_ASCII = re.compile(f"[{''.join(ASCII_LOOKALIKES)}]")

#: the words every match of a searched cue (lexicons/sentence_roles.json) holds, by the cue's pattern: groups
#: of alternatives, each group needing one of its words in the lower-cased sentence. Only for sentences
#: without ``FOLDS_TO_ASCII`` characters, where a case-insensitive pattern matches exactly the ASCII case
#: variants of its letters (else ``re.I`` also matches e.g. "ſ" for "s", so every cue is tried), and
#: lower-casing keeps every ASCII word (lower-cased) in place. Read off each pattern: a word
#: listed is a literal (or the literal start of a branch) the pattern cannot match without. A cue not
#: listed here (an edited lexicon) is always tried.
_CUE_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    r"\b(?:previous|prior|earlier|published|cornerstone|pivotal|landmark) (?:\w+ ){0,2}(?:stud(?:y|ies)|trials?)\b":
        (("previous", "prior", "earlier", "published", "cornerstone", "pivotal", "landmark"), ("stud", "trial")),
    r"\bstudies (?:have|has) (?:shown|demonstrated|suggested|reported)\b": (("studies ha",),),
    r"\bresearch has\b": (("research has",),),
    r"\[\d+\]|\d+[–-]\d+\b\s*$": (("[", "-", "–"),),
    r"\bin (?:a|the) (?:previous|prior|earlier|recent|large|landmark|pivotal) (?:\w+ ){0,3}(?:trial|study),":
        (("in a ", "in the "), ("trial,", "study,")),
    r"\b(?<!this )(?<!the )(?<!our )(?<!present )(?<!current )(?<!this case )(?<!the case )(?<!our case )"
    r"(?:studies|reports|series|trials)\s+(?:have\s+|has\s+)?(?:suggest|show|report|demonstrat|found|indicat)\w*\b":
        (("studies", "reports", "series", "trials"), ("suggest", "show", "report", "demonstrat", "found", "indicat")),
    r"\b(?:outcomes?|end\s*points?)\s+(?:were|was|included)\b": (("outcome", "end"), ("were", "was", "included")),
    r"\bwere\s+(?:recorded|compared|analy[sz]ed|evaluated)\b": (("were",), ("recorded", "compared", "analy", "evaluated")),
    r"\bdata\s+(?:collected|recorded|extracted)\b": (("data",), ("collected", "recorded", "extracted")),
    r"\b\d+\s*\(\s*\d+(?:\.\d+)?\s*%": (("(",), ("%",)),
}


@functools.lru_cache(maxsize=1)
def _gated_cues() -> dict[str, list[tuple[re.Pattern, tuple[tuple[str, ...], ...]]]]:
    return {role: [(p, _CUE_WORDS.get(p.pattern, ())) for p in pats] for role, pats in _role_cues().items()}


def _search_any(role: str, text: str, lower: str | None) -> bool:
    """``any(p.search(text) for p in cues[role])``, skipping a cue whose words ``lower`` (the lower-cased
    sentence, or None: no pre-test) lacks: such a cue cannot match."""
    for pattern, groups in _gated_cues().get(role, ()):
        if lower is not None and not all(any(w in lower for w in group) for group in groups):
            continue
        if pattern.search(text):
            return True
    return False
