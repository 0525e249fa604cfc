"""The seed abstract end to end (issue 3): page in, validated record out, equal to its gold JSON.

Three input forms of the same Reumatismo abstract: the OJS article page, the
page text as a browser copy gives it, and the plain abstract text. The HTML and
page-text forms must equal the gold on every field; the plain text has no
metadata, so it must equal the gold on the text, sections and extracted content.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.extract import extract_file
from schemas import Record, iter_evidence

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "seed"
GOLD = json.loads((REPO / "corpus" / "gold" / "reumatismo-2170.json").read_text(encoding="utf-8"))
FORMS = {
    "html": SEED / "reumatismo-2170.html",
    "page-text": SEED / "reumatismo-2170-page.txt",
    "plain-text": SEED / "reumatismo-2170-abstract.txt",
}
CONTENT = ["text", "sections", "abbreviations", "study", "population", "treatments", "manifestations",
           "lab_findings", "scores", "outcomes", "adverse_events", "warnings"]
METADATA = ["schema_version", "id", "source", "code", "title", "authors", "affiliations"]
GOLD_RECORD = Record.model_validate(GOLD).model_dump(mode="json")


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return {form: extract_file(path).model_dump(mode="json") for form, path in FORMS.items()}


def _field_items(form: str, fields: list[str]) -> list[tuple[str, str]]:
    return [(form, f) for f in fields]


@pytest.mark.parametrize(("form", "field"), _field_items("html", CONTENT + METADATA)
                         + _field_items("page-text", CONTENT + METADATA) + _field_items("plain-text", CONTENT))
def test_field_equals_gold(records: dict[str, dict], form: str, field: str) -> None:
    got, want = records[form][field], GOLD_RECORD[field]
    if isinstance(want, list) and isinstance(got, list):
        for i, (g, w) in enumerate(zip(got, want, strict=False)):
            assert g == w, f"{form}: {field}[{i}] differs"
        assert len(got) == len(want), f"{form}: {field} has {len(got)} items, gold {len(want)}"
    assert got == want, f"{form}: {field} differs"


def test_plain_text_is_the_file_unchanged(records: dict[str, dict]) -> None:
    assert records["plain-text"]["text"] == FORMS["plain-text"].read_text(encoding="utf-8")
    assert records["plain-text"]["id"] == "reumatismo-2170-abstract"
    assert records["plain-text"]["code"] is None


@pytest.mark.parametrize("form", list(FORMS))
def test_every_evidence_span_quotes_the_text(records: dict[str, dict], form: str) -> None:
    record = Record.model_validate(records[form])
    spans = list(iter_evidence(record))
    assert len(spans) > 20
    for path, ev in spans:
        assert 0 <= ev.start <= ev.end <= len(record.text), path
        assert record.text[ev.start : ev.end] == ev.text, path


def test_cli_prints_the_gold_record_for_each_form(tmp_path: Path) -> None:
    out = tmp_path / "seed.jsonl"
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", *map(str, FORMS.values()), "-o", str(out),
                           "--keep-duplicates"],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["reumatismo-2170", "reumatismo-2170", "reumatismo-2170-abstract"]
    for r in lines[:2]:
        assert r == GOLD_RECORD
    assert {k: lines[2][k] for k in CONTENT} == {k: GOLD_RECORD[k] for k in CONTENT}
