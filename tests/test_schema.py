"""The record schema: validators, the committed JSON Schema, and round trips through it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from schemas import SCHEMA_PATH, Record, render_json_schema

REPO = Path(__file__).resolve().parents[1]
GOLDS = sorted((REPO / "corpus" / "dev" / "gold").glob("*.json")) + [REPO / "corpus" / "gold" / "reumatismo-2170.json"]


def test_committed_json_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_json_schema(), (
        "schemas/record.schema.json is stale: run `python -m schemas`")


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_gold_records_round_trip_through_the_json_schema(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    dumped = Record.model_validate(data).model_dump(mode="json")
    jsonschema.validate(dumped, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert Record.model_validate(json.loads(json.dumps(dumped))).model_dump(mode="json") == dumped


def _minimal(**over) -> dict:
    data = {"id": "x", "text": "Five patients had arthritis."}
    data.update(over)
    return data


def test_evidence_must_quote_the_text() -> None:
    ok = _minimal(population={"n": {"value": 5, "evidence": {"start": 0, "end": 13, "text": "Five patients"}}})
    Record.model_validate(ok)
    bad = _minimal(population={"n": {"value": 5, "evidence": {"start": 0, "end": 13, "text": "Four patients"}}})
    with pytest.raises(ValidationError, match="differs"):
        Record.model_validate(bad)


def test_evidence_must_lie_inside_the_text() -> None:
    bad = _minimal(outcomes=[{"kind": "other", "evidence": {"start": 20, "end": 40, "text": "x" * 20}}])
    with pytest.raises(ValidationError, match="beyond text length"):
        Record.model_validate(bad)


def test_counts_are_never_negative() -> None:
    bad = _minimal(treatments=[{"name": "x", "role": "study", "n": -1,
                                "evidence": {"start": 0, "end": 4, "text": "Five"}}])
    with pytest.raises(ValidationError):
        Record.model_validate(bad)


def test_sections_must_be_in_order() -> None:
    bad = _minimal(sections=[{"label": "results", "heading": "R", "start": 10, "end": 20},
                             {"label": "methods", "heading": "M", "start": 0, "end": 5}])
    with pytest.raises(ValidationError, match="out of order"):
        Record.model_validate(bad)


def test_enums_are_closed() -> None:
    with pytest.raises(ValidationError):
        Record.model_validate(_minimal(study={"design": "anecdote"}))
