"""The span-attribute contract (``pipelines.components.attrs``): every span the pipeline writes carries
attributes of its group's type, on real abstracts of every corpus, and a broken attribute is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

import pipelines
from pipelines.components import attrs, base

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "pool" / "text"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return pipelines.build_pipeline()


def _texts() -> list[tuple[str, str]]:
    paths = sorted((ROOT / "corpus").glob("*/text/*.txt")) + sorted(POOL.glob("*.txt"))[::4]
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def test_every_span_attribute_follows_its_type(nlp: Language) -> None:
    texts = _texts()
    assert len(texts) >= 40
    seen: set[str] = set()
    for (name, _), doc in zip(texts, nlp.pipe(t for _, t in texts), strict=True):
        assert attrs.check(doc) == [], name
        seen.update(g for g in attrs.GROUP_ATTRS if g in doc.spans and len(doc.spans[g]))
    assert seen == set(attrs.GROUP_ATTRS)  # every group was exercised


def test_every_group_has_a_type() -> None:
    assert set(attrs.GROUP_ATTRS) == set(base.GROUPS)


def test_a_broken_attribute_is_reported_with_its_group(nlp: Language) -> None:
    doc = nlp("Methods. 40 patients with SLE received methotrexate (n = 12). Arthritis was present in 10 patients.")
    assert attrs.check(doc) == []
    treatment = doc.spans["reuma_treatments"][0]
    treatment._.reuma["role"] = "favourite"  # not a Role
    manifestation = doc.spans["reuma_manifestations"][0]
    manifestation._.reuma["colour"] = "red"  # not a key of the type
    problems = attrs.check(doc)
    assert len(problems) == 2
    assert problems[0].startswith("reuma_treatments[0] (treatment): ") and "role" in problems[0]
    assert problems[1].startswith("reuma_manifestations[0] (manifestation): ") and "colour" in problems[1]


def test_attrs_type_picks_by_label_where_a_group_holds_several_fields() -> None:
    assert attrs.attrs_type("reuma_population", "age") is attrs.AgeAttrs
    assert attrs.attrs_type("reuma_study", "period") is attrs.PeriodAttrs
    assert attrs.attrs_type("reuma_outcomes", "outcome") is attrs.OutcomeAttrs
