"""Regression guard: the real extraction on the dev abstracts must not score below the recorded floor.

Runs ``extractor.extract.extract_file`` on every ``corpus/dev/text/*.txt``,
evaluates the records against ``corpus/dev/gold/`` with ``extractor.evaluate``
(the reference scorer's rules) and compares the strict micro-F1 with
``tests/dev_f1_floor.json``. Raise the floor there when the pipeline improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate import EvalReport, evaluate, format_table

REPO = Path(__file__).resolve().parents[1]
DEV_TEXT = REPO / "corpus" / "dev" / "text"
DEV_GOLD = REPO / "corpus" / "dev" / "gold"
FLOOR_FILE = REPO / "tests" / "dev_f1_floor.json"


@pytest.fixture(scope="module")
def dev_report() -> EvalReport:
    extract = pytest.importorskip("extractor.extract", reason="extractor.extract is not built yet")
    from extractor.errors import ExtractionError

    records = []
    failures = []
    for path in sorted(DEV_TEXT.glob("*.txt")):
        try:
            records.append(extract.extract_file(path))
        except ExtractionError as exc:  # the abstract then counts as all missed
            failures.append(str(exc))
    report = evaluate(DEV_GOLD, records)
    print(format_table(report))
    for failure in failures:
        print(f"extraction failed: {failure}")
    return report


def test_every_dev_text_has_gold() -> None:
    texts = {p.stem for p in DEV_TEXT.glob("*.txt")}
    golds = {p.stem for p in DEV_GOLD.glob("*.json")}
    assert texts and texts == golds


def test_records_pair_with_dev_gold(dev_report: EvalReport) -> None:
    """Each record's id is its file stem, so no record goes unscored."""
    assert dev_report.records_without_gold == []
    assert len(dev_report.docs) == len(list(DEV_GOLD.glob("*.json")))


def test_dev_strict_micro_f1_not_below_floor(dev_report: EvalReport) -> None:
    floor = float(json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["strict_micro_f1"])
    assert 0.0 <= floor <= 1.0
    s = dev_report.strict
    assert dev_report.micro_strict >= floor - 1e-9, (
        f"dev strict micro-F1 {dev_report.micro_strict:.3f} ({s.tp} {s.fp} {s.fn}) fell below the floor {floor:.3f}")
