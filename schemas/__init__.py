"""Pydantic models of the abstract record and its generated JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

from .record import (
    SCHEMA_VERSION,
    Abbreviation,
    AdverseEvent,
    Affiliation,
    Age,
    Author,
    Condition,
    Count,
    Evidence,
    LabFinding,
    Manifestation,
    Outcome,
    Period,
    Population,
    Record,
    Score,
    Section,
    Source,
    Study,
    Treatment,
    iter_evidence,
)

SCHEMA_PATH = Path(__file__).with_name("record.schema.json")


def json_schema() -> dict:
    """The JSON Schema of :class:`Record`, as committed in ``record.schema.json``."""
    return Record.model_json_schema()


def render_json_schema() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


__all__ = [
    "SCHEMA_VERSION", "SCHEMA_PATH", "Abbreviation", "AdverseEvent", "Affiliation", "Age", "Author",
    "Condition", "Count", "Evidence", "LabFinding", "Manifestation", "Outcome", "Period", "Population",
    "Record", "Score", "Section", "Source", "Study", "Treatment", "iter_evidence", "json_schema",
    "render_json_schema",
]
