"""What the report's review workbench needs from the schema: the editable attributes of every field.

The page's script builds its edit and "add a missed value" forms from these
specs, so the forms offer exactly the attributes, types and vocabularies of
:mod:`schemas.record` (derived from the pydantic models, never restated by
hand). ``gold apply`` validates the result against the same models.
"""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from schemas import (
    AdverseEvent,
    Age,
    Condition,
    Count,
    LabFinding,
    Manifestation,
    Outcome,
    Period,
    Score,
    Treatment,
)

#: value field → (model, human label, is a list); the order of the "add a value" menu
FIELDS: dict[str, tuple[type[BaseModel], str, bool]] = {
    "treatments": (Treatment, "treatment", True),
    "manifestations": (Manifestation, "manifestation", True),
    "lab_findings": (LabFinding, "lab finding", True),
    "scores": (Score, "score", True),
    "outcomes": (Outcome, "outcome", True),
    "adverse_events": (AdverseEvent, "adverse event", True),
    "population.conditions": (Condition, "condition", True),
    "population.n": (Count, "population n", False),
    "population.female": (Count, "female count", False),
    "population.male": (Count, "male count", False),
    "population.age": (Age, "age", False),
    "study.period": (Period, "study period", False),
}


def _attr_spec(name: str, annotation: Any, required: bool, default: Any) -> dict[str, Any]:
    """One attribute as the form needs it: type (text, int, float, bool, enum, pair), options, required."""
    args = get_args(annotation)
    nullable = get_origin(annotation) in (Union, types.UnionType) and type(None) in args
    if nullable:
        annotation = next(a for a in args if a is not type(None))
    origin = get_origin(annotation)
    spec: dict[str, Any] = {"name": name, "required": required and not nullable}
    if origin is Literal:
        spec.update(type="enum", options=list(get_args(annotation)))
    elif origin is list:
        spec["type"] = "pair"
    elif annotation is bool:
        spec["type"] = "bool"
    elif annotation is int:
        spec["type"] = "int"
    elif annotation is float:
        spec["type"] = "float"
    else:
        spec["type"] = "text"
    if default is not None and not callable(default) and type(default).__name__ != "PydanticUndefinedType":
        spec["default"] = default
    return spec


def field_specs() -> dict[str, dict[str, Any]]:
    """``{field: {"label", "list", "attrs": [attr spec, ...]}}`` for every value field (evidence excluded)."""
    specs: dict[str, dict[str, Any]] = {}
    for field, (model, label, is_list) in FIELDS.items():
        attrs = [_attr_spec(name, info.annotation, info.is_required(), info.default)
                 for name, info in model.model_fields.items() if name != "evidence"]
        specs[field] = {"label": label, "list": is_list, "attrs": attrs}
    return specs
