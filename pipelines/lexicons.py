"""The domain lexicons: data files under ``pipelines/lexicons/``, read and checked once per process.

Lexicons are data, not code, so a clinician can add a drug or an instrument
without touching a rule (see ``docs/lexicons.md``). ``load(name)`` reads
``<name>.jsonl`` (one JSON object per line → ``list[dict]``) or ``<name>.json``
(→ ``dict`` or ``list``) as package data, validates the keys every consumer
relies on, fills optional keys with their defaults, and caches the result. A
broken line raises :class:`ValueError` naming the file and the line, because a
silently skipped entry would be a silent recall loss.

The ``*_index()`` helpers map surface forms to entries for the lexicons whose
consumers look words up: loose forms (names, synonyms, brands) lower-cased with
hyphens/spaces normalised, abbreviations case-sensitively (``MTX``, ``GCs``),
so an English word never reads as a drug code.
"""

from __future__ import annotations

import functools
import json
import os
import re
from importlib import resources
from typing import Any, get_args

from schemas.record import Domain, OutcomeKind

#: package holding the data files
PACKAGE = "pipelines"
DIRECTORY = "lexicons"

#: the organ domains of record.md (Manifestation.domain)
DOMAINS: tuple[str, ...] = get_args(Domain)  # the record's organ domains
INSTRUMENT_KINDS: tuple[str, ...] = ("activity", "damage", "function", "pro", "response", "imaging", "other")
DRUG_KINDS: tuple[str, ...] = ("drug", "class", "therapy", "placebo", "soc")
#: record.md's Outcome kinds (outcome_cues.json keys are among them)
OUTCOME_KINDS: tuple[str, ...] = get_args(OutcomeKind)

ATC_RE = re.compile(r"^[A-Z]\d\d[A-Z]{0,2}\d{0,2}$")
#: MeSH descriptor ids: D + 6 digits, or D + 9 digits for descriptors created since 2018 (D000086382)
MESH_RE = re.compile(r"^D(?:\d{6}|\d{9})$")

_LIST_KEYS = ("abbreviations", "brands", "synonyms", "classes", "variants", "diseases")

#: per JSONL lexicon: (required keys, optional keys with their defaults)
SCHEMAS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "drugs": (
        ("name", "kind"),
        {"abbreviations": [], "brands": [], "synonyms": [], "classes": [], "atc": None},
    ),
    "diseases": (("name",), {"abbreviations": [], "synonyms": [], "mesh": None, "parent": None, "umbrella": False}),
    "instruments": (
        ("acronym", "name", "kind"),
        {"variants": [], "synonyms": [], "family": None, "diseases": [], "ref": None, "ambiguous": False},
    ),
    "manifestations": (("name", "domain"), {"synonyms": [], "abbreviations": [], "mesh": None}),
    "labs": (("name", "kind"), {"synonyms": [], "abbreviations": [], "mesh": None, "case_sensitive": False}),
    "adverse_event_terms": (
        ("name", "category"),
        {"synonyms": [], "abbreviations": [], "mesh": None},
    ),
    "general_abbreviations": (("short", "long"), {}),
    # generated from maintained vocabularies (pipelines/vocab_sources.py), merged by with_sources()
    "sources/hpo": (("name", "domain", "hpo"), {"synonyms": [], "abbreviations": [], "mesh": None}),
    "sources/drug_ner": (
        ("name", "kind"),
        {"abbreviations": [], "brands": [], "synonyms": [], "classes": [], "atc": None, "mesh": None, "drugbank": None},
    ),
}

#: generated source lexicon → the hand-written lexicon it extends (docs/lexicons.md, "Maintained vocabularies")
SOURCES: dict[str, str] = {"hpo": "manifestations", "drug_ner": "drugs"}
#: the sources merged unless ``REUMAEXTRACT_VOCAB_SOURCES`` says otherwise (comma-separated names, or
#: "none"); chosen by measurement on the development corpora, see docs/lexicons.md
DEFAULT_SOURCES: tuple[str, ...] = ()
SOURCES_ENV = "REUMAEXTRACT_VOCAB_SOURCES"
#: the lexicons whose entries name things in a text (the others hold rules and abbreviations)
ENTRY_LEXICONS: tuple[str, ...] = ("drugs", "diseases", "instruments", "manifestations", "labs", "adverse_event_terms")

#: required top-level keys of the JSON lexicons
JSON_KEYS: dict[str, tuple[str, ...]] = {
    "number_words": ("units", "tens", "scales", "fractions", "quantifiers"),
    "domain_terms": (*DOMAINS, "heads"),
    "abbreviation_policy": ("ignore", "ambiguous", "long_form_corrections"),
    "outcome_cues": (),
    "sentence_roles": ("other_studies", "aim", "conclusion", "methods"),
}


def _files():
    return resources.files(PACKAGE).joinpath(DIRECTORY)


def available() -> list[str]:
    """Names of the lexicons shipped (file stems)."""
    return sorted(
        p.name.rsplit(".", 1)[0] for p in _files().iterdir() if p.name.endswith((".json", ".jsonl"))
    )


@functools.lru_cache(maxsize=64)
def load(name: str) -> list[dict] | dict:
    """The lexicon ``name`` (file stem: "drugs", "number_words", ...), validated and cached.

    Callers must not mutate the result (it is shared).
    """
    base = _files()
    jsonl, js = base.joinpath(f"{name}.jsonl"), base.joinpath(f"{name}.json")
    if jsonl.is_file():
        return _load_jsonl(name, jsonl.read_text(encoding="utf-8"))
    if js.is_file():
        where = f"{DIRECTORY}/{name}.json"
        try:
            data = json.loads(js.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: line {exc.lineno}: invalid JSON ({exc.msg})") from exc
        missing = [k for k in JSON_KEYS.get(name, ()) if not isinstance(data, dict) or k not in data]
        if missing:
            raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
        return data
    raise FileNotFoundError(f"no lexicon {name!r} in {PACKAGE}/{DIRECTORY} (have: {', '.join(available())})")


def _load_jsonl(name: str, text: str) -> list[dict]:
    where = f"{DIRECTORY}/{name}.jsonl"
    required, defaults = SCHEMAS.get(name, ((), {}))
    entries: list[dict] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: line {lineno}: invalid JSON ({exc.msg})") from exc
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: line {lineno}: expected a JSON object, got {type(entry).__name__}")
        missing = [k for k in required if not entry.get(k)]
        if missing:
            raise ValueError(f"{where}: line {lineno}: missing required key(s) {', '.join(missing)}")
        for key, default in defaults.items():
            if entry.get(key) is None and default is not None:
                entry[key] = list(default) if isinstance(default, list) else default
            entry.setdefault(key, default)
        for key in _LIST_KEYS:
            if key in entry and not (
                isinstance(entry[key], list) and all(isinstance(s, str) for s in entry[key])
            ):
                raise ValueError(f"{where}: line {lineno}: {key!r} must be a list of strings")
        entries.append(entry)
    return entries


# --- maintained vocabularies ----------------------------------------------------------


def enabled_sources() -> tuple[str, ...]:
    """The generated sources to merge: ``$REUMAEXTRACT_VOCAB_SOURCES`` ("hpo,drug_ner", "none") or the default."""
    raw = os.environ.get(SOURCES_ENV)
    if raw is None:
        return DEFAULT_SOURCES
    names = tuple(n.strip() for n in raw.split(",") if n.strip() and n.strip().lower() != "none")
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise ValueError(f"{SOURCES_ENV}: unknown source(s) {', '.join(unknown)} (have: {', '.join(SOURCES)})")
    return names


def with_sources(name: str, sources: tuple[str, ...] | None = None) -> list[dict]:
    """The lexicon ``name`` with the entries of the enabled maintained vocabularies appended.

    Hand-written entries take precedence: a generated entry naming a surface form
    that a hand-written entry of the same lexicon has is dropped whole (the hand
    entry already covers that concept), and a surface that another lexicon knows
    ("vitamin D" is a lab, "lupus nephritis" a disease) is dropped from it, so a
    vocabulary never takes a mention away from a more specific lexicon.
    """
    sources = enabled_sources() if sources is None else sources
    return list(_with_sources(name, tuple(s for s in sources if SOURCES.get(s) == name)))


@functools.lru_cache(maxsize=16)
def _with_sources(name: str, sources: tuple[str, ...]) -> tuple[dict, ...]:
    hand = load(name)
    if not sources:
        return tuple(hand)
    others: set[str] = set()
    for other in ENTRY_LEXICONS:
        if other != name:
            others.update(surface_keys(load(other)))
    generated = [e for source in sources for e in _load_source(source)]
    return tuple(merge_entries(hand, generated, others))


def surface_keys(entries: list[dict]) -> set[str]:
    """Every surface form of some entries, normalised (loose forms) or lower-cased (exact forms)."""
    return {norm(s) for e in entries for s in loose_surfaces(e)} | {
        s.lower() for e in entries for s in exact_surfaces(e)}


def merge_entries(hand: list[dict], generated: list[dict], other_lexicons: set[str]) -> list[dict]:
    """Hand-written entries, then the generated ones that add something (see :func:`with_sources`).

    ``other_lexicons`` holds the surface keys (:func:`surface_keys`) of the other lexicons.
    """
    own = surface_keys(hand)
    out = list(hand)
    for entry in generated:
        if any(norm(s) in own for s in loose_surfaces(entry)) or norm(entry["name"]) in other_lexicons:
            continue
        merged = dict(entry)
        for key in ("synonyms", "brands"):
            merged[key] = [s for s in entry.get(key, []) if norm(s) not in other_lexicons]
        own.update(norm(s) for s in loose_surfaces(merged))
        out.append(merged)
    return out


def _load_source(source: str) -> list[dict]:
    try:
        return load(f"sources/{source}")  # type: ignore[return-value]
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"{DIRECTORY}/sources/{source}.jsonl is not built: pip install -e '.[vocab]' and run"
            f" `python -m pipelines.vocab_sources` (or unset {SOURCES_ENV})") from exc


# --- surface-form indices ---------------------------------------------------------


def norm(surface: str) -> str:
    """Lower case, hyphens/dashes/spaces collapsed to one space: the key of loose indices."""
    return re.sub(r"[\s\-\u2010-\u2015]+", " ", surface.strip().lower())


def loose_surfaces(entry: dict) -> list[str]:
    """The case-insensitive surface forms of an entry (name, synonyms, brands)."""
    if entry.get("case_sensitive"):
        return []
    return [s for s in (entry.get("name"), *entry.get("synonyms", []), *entry.get("brands", [])) if s]


def exact_surfaces(entry: dict) -> list[str]:
    """The case-sensitive surface forms of an entry (abbreviations; acronym/variants; all if case_sensitive)."""
    out = [*entry.get("abbreviations", [])]
    if "acronym" in entry:
        out += [entry["acronym"], *entry.get("variants", [])]
    if entry.get("case_sensitive"):
        out += [s for s in (entry.get("name"), *entry.get("synonyms", []), *entry.get("brands", [])) if s]
    return [s for s in out if s]


def _index(entries: list[dict], surfaces, key=norm) -> dict[str, dict]:
    """Surface → entry; the first entry listed wins a (documented) collision."""
    out: dict[str, dict] = {}
    for e in entries:
        for s in surfaces(e):
            out.setdefault(key(s), e)
    return out


@functools.lru_cache(maxsize=1)
def drug_index() -> dict[str, dict]:
    """Normalised name/synonym/brand → drug, class or therapy entry ("mycophenolate mofetil", "humira")."""
    return _index(load("drugs"), loose_surfaces)


@functools.lru_cache(maxsize=1)
def drug_abbreviation_index() -> dict[str, dict]:
    """Abbreviation as written (case-sensitive) → entry: "MTX", "GCs", "CsA"."""
    return _index(load("drugs"), lambda e: e.get("abbreviations", []), key=str)


@functools.lru_cache(maxsize=1)
def disease_index() -> dict[str, dict]:
    """Normalised name/synonym → disease; abbreviations case-sensitively under their own spelling."""
    entries = load("diseases")
    out = _index(entries, loose_surfaces)
    for k, v in _index(entries, lambda e: e.get("abbreviations", []), key=str).items():
        out.setdefault(k, v)
    return out


@functools.lru_cache(maxsize=1)
def instrument_index() -> dict[str, dict]:
    """Acronym and variants upper-cased → instrument; full names and synonyms lower-cased → instrument.

    Ambiguous acronyms ("AI", "CI", "CAT") are indexed like the others; callers
    check ``entry["ambiguous"]`` and accept them only beside their full names.
    """
    out: dict[str, dict] = {}
    for e in load("instruments"):
        for s in (e["acronym"], *e.get("variants", [])):
            out.setdefault(s.upper(), e)
    for e in load("instruments"):
        for s in (e["name"], *e.get("synonyms", [])):
            out.setdefault(norm(s), e)
    return out


def instrument_candidates(surface: str) -> list[dict]:
    """Every instrument a surface form may denote (acronym/variant or name), in lexicon order."""
    up, lo = surface.upper(), norm(surface)
    return [
        e
        for e in load("instruments")
        if up in {s.upper() for s in (e["acronym"], *e.get("variants", []))}
        or lo in {norm(s) for s in (e["name"], *e.get("synonyms", []))}
    ]


@functools.lru_cache(maxsize=1)
def manifestation_index() -> dict[str, dict]:
    """Normalised name/synonym → manifestation; abbreviations ("ILD", "RP") case-sensitively."""
    entries = load("manifestations")
    out = _index(entries, loose_surfaces)
    for k, v in _index(entries, lambda e: e.get("abbreviations", []), key=str).items():
        out.setdefault(k, v)
    return out


@functools.lru_cache(maxsize=1)
def lab_index() -> dict[str, dict]:
    """Normalised name/synonym → lab; abbreviations and case-sensitive entries ("C3") as written."""
    entries = load("labs")
    out = _index(entries, loose_surfaces)
    for k, v in _index(entries, exact_surfaces, key=str).items():
        out.setdefault(k, v)
    return out


@functools.lru_cache(maxsize=1)
def adverse_event_index() -> dict[str, dict]:
    """Normalised name/synonym → adverse-event term; abbreviations as written."""
    entries = load("adverse_event_terms")
    out = _index(entries, loose_surfaces)
    for k, v in _index(entries, lambda e: e.get("abbreviations", []), key=str).items():
        out.setdefault(k, v)
    return out


def number_words() -> dict:
    """units/tens/scales/fractions/quantifiers (+ ordinals) from ``number_words.json``."""
    return load("number_words")  # type: ignore[return-value]


def domain_terms() -> dict:
    """Domain → adjectives naming it, plus ``heads`` ("involvement", "manifestations", ...)."""
    return load("domain_terms")  # type: ignore[return-value]


def outcome_cues() -> dict[str, list[str]]:
    """Outcome kind → cue lemmas/phrases."""
    return load("outcome_cues")  # type: ignore[return-value]


def abbreviation_policy() -> dict:
    return load("abbreviation_policy")  # type: ignore[return-value]
