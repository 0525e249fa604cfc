"""The attributes of our spans, typed: what ``span._.reuma`` holds in each span group.

Components hand results to each other as span groups whose spans carry one JSON-like dict each
(``base.write_group``; plain dicts so docs cross ``nlp.pipe`` workers and ``DocBin``). These
``TypedDict``s are that contract written down: a type checker reads ``item["start"]`` against them, and
``check(doc)`` validates every span of a doc against them at run time (pydantic, strict, no extra keys),
which ``tests/test_span_attrs.py`` does over the corpora. The record-list groups hold the record's item
(``schemas.record``) with only the evidence's offsets; ``pipelines.to_record`` adds the evidence text.
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import ConfigDict, TypeAdapter, with_config
from spacy.tokens import Doc
from typing_extensions import TypedDict  # pydantic validates TypedDicts from here on Python < 3.12

from schemas.record import (
    Design,
    Domain,
    LabResult,
    OutcomeKind,
    Role,
    SectionLabel,
    Setting,
    Statistic,
    Status,
)

_STRICT = ConfigDict(extra="forbid", strict=True)


@with_config(_STRICT)
class Offsets(TypedDict):
    """Character offsets of an item's evidence in the doc's text."""

    start: int
    end: int


@with_config(_STRICT)
class Mention(TypedDict):
    """``reuma_entities``: a lexicon mention; the assertion flags are set by ``reuma_assertion``."""

    label: Literal["drug", "disease", "instrument", "lab", "manifestation", "ae"]
    key: str  # the lexicon entry's key (drug/disease/lab name, instrument acronym)
    abbr: str | None  # the short form written, when the mention is one
    start: int
    end: int
    negated: bool
    historical: bool
    hypothetical: bool


@with_config(_STRICT)
class SectionAttrs(TypedDict):
    """``reuma_sections``: a section of the abstract (label = the record's section label)."""

    label: SectionLabel
    heading: str | None
    start: int
    end: int


@with_config(_STRICT)
class AbbreviationAttrs(TypedDict):
    """``reuma_abbreviations``: a defined short form (span = the short form) and its long form."""

    short: str
    long: str
    start: int
    end: int
    long_start: int
    long_end: int


@with_config(_STRICT)
class DesignAttrs(TypedDict):
    """``reuma_study``, label ``design`` or ``setting``: the value over its deciding cue."""

    label: Literal["design", "setting"]
    value: Design | Setting
    start: int
    end: int


@with_config(_STRICT)
class PeriodAttrs(TypedDict):
    """``reuma_study``, label ``period``: dates as written in the record (ISO-like strings)."""

    label: Literal["period"]
    start: str | None
    end: str | None
    ongoing: bool
    evidence: Offsets


@with_config(_STRICT)
class CountAttrs(TypedDict):
    """``reuma_population``, label ``n``, ``female`` or ``male``."""

    label: Literal["n", "female", "male"]
    value: int
    evidence: Offsets


@with_config(_STRICT)
class AgeAttrs(TypedDict):
    """``reuma_population``, label ``age``."""

    label: Literal["age"]
    min: float | None
    max: float | None
    mean: float | None
    sd: float | None
    median: float | None
    iqr: list[float] | None
    unit: Literal["years"]
    evidence: Offsets


@with_config(_STRICT)
class ConditionAttrs(TypedDict):
    """``reuma_population``, label ``condition``: a disease studied (span ``kb_id`` = MeSH)."""

    label: Literal["condition"]
    name: str
    abbreviation: str | None
    evidence: Offsets


@with_config(_STRICT)
class TreatmentAttrs(TypedDict):
    name: str
    abbreviation: str | None
    role: Role
    n: int | None
    evidence: Offsets


@with_config(_STRICT)
class ManifestationAttrs(TypedDict):
    name: str
    domain: Domain
    n: int | None
    status: Status
    evidence: Offsets


@with_config(_STRICT)
class LabAttrs(TypedDict):
    name: str
    result: LabResult
    value: float | None
    unit: str | None
    n: int | None
    evidence: Offsets


@with_config(_STRICT)
class ScoreAttrs(TypedDict):
    instrument: str
    timepoint: str | None
    value: float
    statistic: Statistic | None
    sd: float | None
    iqr: list[float] | None
    range: list[float] | None
    n: int | None
    group: str | None
    evidence: Offsets


@with_config(_STRICT)
class OutcomeAttrs(TypedDict):
    kind: OutcomeKind
    target: str | None
    n: int | None
    evidence: Offsets


@with_config(_STRICT)
class AdverseEventAttrs(TypedDict):
    name: str
    serious: bool | None
    n: int | None
    evidence: Offsets


#: span group → the type of its spans' attributes; for groups holding several fields, by span label
GROUP_ATTRS: dict[str, type | dict[str, type]] = {
    "reuma_entities": Mention,
    "reuma_sections": SectionAttrs,
    "reuma_abbreviations": AbbreviationAttrs,
    "reuma_study": {"design": DesignAttrs, "setting": DesignAttrs, "period": PeriodAttrs},
    "reuma_population": {"n": CountAttrs, "female": CountAttrs, "male": CountAttrs, "age": AgeAttrs,
                         "condition": ConditionAttrs},
    "reuma_treatments": TreatmentAttrs,
    "reuma_manifestations": ManifestationAttrs,
    "reuma_labs": LabAttrs,
    "reuma_scores": ScoreAttrs,
    "reuma_outcomes": OutcomeAttrs,
    "reuma_adverse_events": AdverseEventAttrs,
}


@functools.cache
def _adapter(kind: type) -> TypeAdapter:
    return TypeAdapter(kind)


def attrs_type(group: str, label: str) -> type:
    """The ``TypedDict`` the attributes of a span of ``group`` with ``label`` follow."""
    kind = GROUP_ATTRS[group]
    return kind[label] if isinstance(kind, dict) else kind


def check(doc: Doc) -> list[str]:
    """Every way the doc's span attributes break their types: ``"group[i] (label): error"``; [] if none."""
    problems: list[str] = []
    for group in GROUP_ATTRS:
        for i, span in enumerate(doc.spans[group] if group in doc.spans else []):
            try:
                kind = attrs_type(group, span.label_)
            except KeyError:
                problems.append(f"{group}[{i}] ({span.label_}): no attribute type for this label")
                continue
            try:
                _adapter(kind).validate_python(span._.reuma)
            except ValueError as exc:  # pydantic.ValidationError
                problems.append(f"{group}[{i}] ({span.label_}): {exc}")
    return problems
