"""The abstract record, schema version 1 (``../shared/spec/record.md``).

Every extracted value carries an :class:`Evidence` span into ``Record.text``.
The record-level validator checks every span against the text, so a record that
validates is one whose numbers can all be traced to the sentence they came from.
"""

from __future__ import annotations

import functools
from datetime import date
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1"

SectionLabel = Literal["background", "methods", "results", "conclusions", "other"]
Design = Literal[
    "randomized controlled trial",
    "non-randomized trial",
    "prospective cohort",
    "retrospective cohort",
    "cohort",
    "cross-sectional",
    "case-control",
    "case series",
    "case report",
    "registry",
    "systematic review",
    "meta-analysis",
    "other",
]
Setting = Literal["single-center", "multicenter"]
Role = Literal["study", "comparator", "concomitant", "previous"]
Domain = Literal[
    "cutaneous",
    "mucosal",
    "musculoskeletal",
    "serosal",
    "renal",
    "hematologic",
    "constitutional",
    "neuropsychiatric",
    "cardiopulmonary",
    "gastrointestinal",
    "ocular",
    "vascular",
    "other",
]
Status = Literal["current", "previous"]
LabResult = Literal["positive", "negative", "low", "high", "normal", "value"]
Statistic = Literal["value", "mean", "median", "change"]
OutcomeKind = Literal[
    "improvement",
    "complete_remission",
    "partial_remission",
    "low_disease_activity",
    "response",
    "resolution",
    "no_change",
    "worsening",
    "flare",
    "glucocorticoid_tapering",
    "glucocorticoid_withdrawal",
    "discontinuation",
    "death",
    "other",
]

NonNegInt = Field(default=None, ge=0)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Evidence(_Model):
    """Character offsets into ``Record.text``: ``text[start:end] == evidence.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} before start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError("evidence text length differs from its span")
        return self


class Source(_Model):
    url: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    year: int | None = None
    published: str | None = None
    doi: str | None = None
    article_id: str | None = None
    collection: str | None = None

    @field_validator("published")
    @classmethod
    def _iso_date(cls, v: str | None) -> str | None:
        if v is not None:
            date.fromisoformat(v)
        return v


class Author(_Model):
    name: str
    affiliations: list[int] = Field(default_factory=list)


class Affiliation(_Model):
    id: int
    name: str


class Section(_Model):
    label: SectionLabel
    heading: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Abbreviation(_Model):
    short: str
    long: str


class Period(_Model):
    start: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    ongoing: bool = False
    evidence: Evidence


class Study(_Model):
    design: Design | None = None
    setting: Setting | None = None
    period: Period | None = None


class Count(_Model):
    value: int = Field(ge=0)
    evidence: Evidence


class Age(_Model):
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    sd: float | None = Field(default=None, ge=0)
    median: float | None = None
    iqr: list[float] | None = Field(default=None, min_length=2, max_length=2)
    unit: Literal["years"] = "years"
    evidence: Evidence


class Condition(_Model):
    name: str
    abbreviation: str | None = None
    evidence: Evidence


class Population(_Model):
    n: Count | None = None
    female: Count | None = None
    male: Count | None = None
    age: Age | None = None
    conditions: list[Condition] = Field(default_factory=list)


class Treatment(_Model):
    name: str
    abbreviation: str | None = None
    role: Role
    n: int | None = NonNegInt
    evidence: Evidence


class Manifestation(_Model):
    name: str
    domain: Domain
    n: int | None = NonNegInt
    status: Status = "current"
    evidence: Evidence


class LabFinding(_Model):
    name: str
    result: LabResult
    value: float | None = None
    unit: str | None = None
    n: int | None = NonNegInt
    evidence: Evidence


class Score(_Model):
    instrument: str
    timepoint: str | None = None
    value: float
    statistic: Statistic | None = None
    sd: float | None = Field(default=None, ge=0)
    iqr: list[float] | None = Field(default=None, min_length=2, max_length=2)
    range: list[float] | None = Field(default=None, min_length=2, max_length=2)
    n: int | None = NonNegInt
    group: str | None = None
    evidence: Evidence


class Outcome(_Model):
    kind: OutcomeKind
    target: str | None = None
    n: int | None = NonNegInt
    evidence: Evidence


class AdverseEvent(_Model):
    name: str
    serious: bool | None = None
    n: int | None = NonNegInt
    evidence: Evidence


class Record(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    id: str
    source: Source = Field(default_factory=Source)
    code: str | None = None
    title: str | None = None
    authors: list[Author] = Field(default_factory=list)
    affiliations: list[Affiliation] = Field(default_factory=list)
    text: str
    sections: list[Section] = Field(default_factory=list)
    abbreviations: list[Abbreviation] = Field(default_factory=list)
    study: Study = Field(default_factory=Study)
    population: Population = Field(default_factory=Population)
    treatments: list[Treatment] = Field(default_factory=list)
    manifestations: list[Manifestation] = Field(default_factory=list)
    lab_findings: list[LabFinding] = Field(default_factory=list)
    scores: list[Score] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    adverse_events: list[AdverseEvent] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _spans_match_text(self) -> Record:
        """Every evidence span lies inside ``text`` and quotes it exactly."""
        text = self.text
        if any(ev.end > len(text) or text[ev.start : ev.end] != ev.text for ev in _evidence_spans(self, [])):
            # a wrong span: walk again with the paths, which name the first one in the error
            for path, ev in iter_evidence(self):
                if ev.end > len(self.text):
                    raise ValueError(f"{path}: evidence end {ev.end} beyond text length {len(self.text)}")
                if self.text[ev.start : ev.end] != ev.text:
                    raise ValueError(f"{path}: evidence text {ev.text!r} differs from text[{ev.start}:{ev.end}]")
        last = 0
        for i, s in enumerate(self.sections):
            if s.end < s.start or s.start < last or s.end > len(self.text):
                raise ValueError(f"sections[{i}] span {s.start}-{s.end} out of order or outside text")
            last = s.end
        return self


def iter_evidence(obj: Any, path: str = "") -> Any:
    """Yield ``(path, Evidence)`` for every evidence span inside a model, depth first."""
    if isinstance(obj, Evidence):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, (BaseModel, list)):  # a string, number or None holds no evidence
                yield from iter_evidence(value, f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            if isinstance(item, (BaseModel, list)):
                yield from iter_evidence(item, f"{path}[{i}]")


def _evidence_spans(obj: Any, out: list[Evidence]) -> list[Evidence]:
    """The evidence spans ``iter_evidence`` yields, in the same order, without spelling the path of each
    (a path only names a wrong span in an error): a list filled by plain recursion, not nested generators."""
    if isinstance(obj, Evidence):
        out.append(obj)
    elif isinstance(obj, BaseModel):
        for name in _field_names(type(obj)):
            value = getattr(obj, name)
            if isinstance(value, (BaseModel, list)):
                _evidence_spans(value, out)
    elif isinstance(obj, list):
        for item in obj:
            if isinstance(item, (BaseModel, list)):
                _evidence_spans(item, out)
    return out


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model class's fields that may hold evidence, in order: those whose annotation (``model_fields`` of
    a class, fixed once it is defined) can hold a model or a list; a validated string, number, date or
    literal field holds neither, and ``iter_evidence`` passes such a value over."""
    return tuple(name for name, field in model.model_fields.items() if _may_hold_models(field.annotation))


def _may_hold_models(annotation: Any) -> bool:
    """Whether a value of this annotation can be a model or a list (anything unknown: yes)."""
    if annotation in (str, int, float, bool, date, type(None)):
        return False
    if get_origin(annotation) is Literal:
        return False
    if get_origin(annotation) in (Union, UnionType):
        return any(_may_hold_models(arg) for arg in get_args(annotation))
    return True
