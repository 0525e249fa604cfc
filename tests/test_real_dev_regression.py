"""Regression guard on the real development corpus (85 published abstracts, `corpus/real/`).

The texts are read from ``../shared/pool/text`` (the split and the gold are in the repo); the test
skips when that folder is absent. The floor in ``tests/real_dev_f1_floor.json`` sits a little under
the measured figure, so it guards against breakage rather than pinning a number; raise it as the
pipeline improves. The held-out part (``corpus/real/heldout``) is never scored here: it is scored
once, at the end of a round of rule changes, and reported in the README.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from extractor.evaluate import evaluate, format_table

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "corpus" / "real"
POOL_TEXT = REPO.parent / "shared" / "pool" / "text"
FLOOR_FILE = REPO / "tests" / "real_dev_f1_floor.json"


def _split() -> dict[str, str]:
    with (REAL / "split.tsv").open(encoding="utf-8") as fh:
        return {row["file"]: row["part"] for row in csv.DictReader(fh, delimiter="\t")}


def test_split_is_85_dev_15_heldout_and_every_file_has_gold() -> None:
    split = _split()
    assert sorted(split.values()).count("dev") == 85 and sorted(split.values()).count("heldout") == 15
    for name, part in split.items():
        assert (REAL / part / "gold" / f"{Path(name).stem}.json").is_file(), name


@pytest.mark.skipif(not POOL_TEXT.is_dir(), reason="../shared/pool/text is absent")
def test_real_dev_strict_micro_f1_not_below_floor() -> None:
    from extractor.extract import extract_file

    dev = sorted(name for name, part in _split().items() if part == "dev")
    records = [extract_file(POOL_TEXT / name) for name in dev]
    report = evaluate(REAL / "dev" / "gold", records)
    print(format_table(report))
    floor = float(json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["strict_micro_f1"])
    assert report.micro_strict >= floor - 1e-9, f"real dev strict micro-F1 {report.micro_strict:.3f} < floor {floor:.3f}"
    n = report.fields["population.n"].strict
    assert n.precision >= 0.90 and n.recall >= 0.85, f"population n P {n.precision:.3f} R {n.recall:.3f}"
