"""``gold draft`` and ``gold apply``: gold files from records, a reviewer's corrections applied and checked.

Records here are the bundled gold files themselves (valid, realistic records), so
no extraction is needed: draft → evaluate must score 1.000, and after applying
corrections ``evaluate`` must list exactly the corrected values as its errors.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.cli import main
from extractor.evaluate import evaluate
from extractor.gold import (
    FORMAT,
    VERSION,
    GoldError,
    apply_corrections,
    apply_to_record,
    draft,
    load_corrections,
)
from schemas import Record

ROOT = Path(__file__).resolve().parents[1]
GOLD = [ROOT / "corpus/gold/reumatismo-2170.json", *sorted((ROOT / "corpus/dev/gold").glob("*.json"))[:4]]
SEED = "reumatismo-2170"


def records() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in GOLD]


@pytest.fixture()
def drafted(tmp_path: Path) -> tuple[Path, Path]:
    """A records.jsonl and the gold folder drafted from it by the CLI."""
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    gold = tmp_path / "gold"
    assert main(["gold", "draft", str(jsonl), "--out", str(gold)]) == 0
    return jsonl, gold


def corrections_file(tmp_path: Path, corrections: list[dict[str, Any]], reviewed: list[str] | None = None) -> Path:
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "reviewed": reviewed or [SEED],
                                "corrections": corrections}, ensure_ascii=False), encoding="utf-8")
    return path


def seed_item(path: str) -> dict[str, Any]:
    rec = records()[0]
    if "[" in path:
        name, index = path[:-1].split("[")
        parent: Any = rec
        for part in name.split("."):
            parent = parent[part]
        return parent[int(index)]
    head, tail = path.split(".")
    return rec[head][tail]


def evidence_of(path: str) -> dict[str, Any]:
    return dict(seed_item(path)["evidence"])


def span(text: str, quote: str, after: int = 0) -> dict[str, Any]:
    start = text.index(quote, after)
    return {"start": start, "end": start + len(quote), "text": quote}


def test_draft_writes_valid_gold_that_scores_one(drafted: tuple[Path, Path]) -> None:
    jsonl, gold = drafted
    files = sorted(gold.glob("*.json"))
    assert [f.stem for f in files] == sorted(r["id"] for r in records())
    for f in files:
        Record.model_validate(json.loads(f.read_text(encoding="utf-8")))
    report = evaluate(gold, jsonl)
    assert report.micro_strict == 1.0 and report.micro_lenient == 1.0 and not report.diffs
    assert report.strict.tp > 100


def test_draft_keeps_existing_gold_and_reports_bad_records(tmp_path: Path, drafted: tuple[Path, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    jsonl, gold = drafted
    seed_file = gold / f"{SEED}.json"
    seed_file.write_text(seed_file.read_text(encoding="utf-8").replace('"n": 5', '"n": 4', 1), encoding="utf-8")
    edited = seed_file.read_text(encoding="utf-8")
    bad = records()[1]
    bad["population"]["n"]["evidence"]["start"] += 1  # evidence no longer quotes the text
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(jsonl.read_text(encoding="utf-8") + json.dumps(bad) + "\n" + '{"id": "../escape", "text": "x"}\n',
                     encoding="utf-8")
    assert main(["gold", "draft", str(mixed), "--out", str(gold)]) == 1
    err = capsys.readouterr().err
    assert f"mixed.jsonl:{len(GOLD) + 1}: not a valid record" in err
    assert f"mixed.jsonl:{len(GOLD) + 2}" in err and "not usable as a file name" in err
    assert seed_file.read_text(encoding="utf-8") == edited  # human work is never overwritten silently
    assert main(["gold", "draft", str(jsonl), "--out", str(gold), "--force"]) == 0
    assert seed_file.read_text(encoding="utf-8") != edited


def test_apply_then_evaluate_shows_exactly_the_corrections(tmp_path: Path, drafted: tuple[Path, Path]) -> None:
    jsonl, gold = drafted
    text = records()[0]["text"]
    added = {"name": "lymphopenia", "domain": "hematologic", "status": "current", "n": None,
             "evidence": span(text, "lymphopenia")}
    path = corrections_file(tmp_path, [
        {"record": SEED, "action": "confirm", "path": "scores[0]", "evidence": evidence_of("scores[0]")},
        {"record": SEED, "action": "remove", "path": "treatments[1]", "evidence": evidence_of("treatments[1]")},
        # index 3 is now 2 after the removal: the value is found by its evidence
        {"record": SEED, "action": "edit", "path": "treatments[3]", "evidence": evidence_of("treatments[3]"),
         "set": {"role": "concomitant"}},
        {"record": SEED, "action": "edit", "path": "population.n", "evidence": evidence_of("population.n"),
         "set": {"value": 6}},
        {"record": SEED, "action": "add", "field": "manifestations", "item": added},
    ])
    assert main(["gold", "apply", str(gold), str(path)]) == 0
    report = evaluate(gold, jsonl)
    got = sorted((d.doc_id, d.field, d.kind) for d in report.diffs)
    assert got == sorted([(SEED, "treatments", "extra"), (SEED, "treatments", "wrong"),
                          (SEED, "population.n", "wrong"), (SEED, "manifestations", "missed")])
    wrong = next(d for d in report.diffs if d.field == "treatments" and d.kind == "wrong")
    assert "concomitant" in wrong.gold_brief and "previous" in wrong.pred_brief
    new = Record.model_validate_json((gold / f"{SEED}.json").read_text(encoding="utf-8"))
    assert new.population.n.value == 6 and new.manifestations[-1].name == "lymphopenia"
    assert "hydroxychloroquine" not in [t.name for t in new.treatments]
    # the other gold files are untouched
    assert all(d.strict.f1 == 1.0 for d in report.docs if d.doc_id != SEED) and len(report.docs) == len(GOLD)


def test_corrections_that_no_longer_fit_are_reported_not_applied(tmp_path: Path, drafted: tuple[Path, Path],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _, gold = drafted
    before = (gold / f"{SEED}.json").read_text(encoding="utf-8")
    shifted = evidence_of("treatments[0]")
    shifted["start"] += 2
    shifted["end"] += 2
    other = evidence_of("treatments[0]") | {"text": "anifrolumab (XYZ)"}
    good_edit = {"record": SEED, "action": "edit", "path": "outcomes[0]", "evidence": evidence_of("outcomes[0]"),
                 "set": {"n": 3}}
    path = corrections_file(tmp_path, [
        {"record": SEED, "action": "remove", "path": "treatments[0]", "evidence": shifted},
        {"record": SEED, "action": "edit", "path": "treatments[0]", "evidence": other, "set": {"n": 1}},
        {"record": SEED, "action": "edit", "path": "treatments[0]", "evidence": evidence_of("treatments[0]"),
         "set": {"role": "favourite"}},
        {"record": SEED, "action": "edit", "path": "treatments[0]", "evidence": evidence_of("treatments[0]"),
         "set": {"n": -1}},
        {"record": SEED, "action": "add", "field": "treatments",
         "item": {"name": "x", "role": "study", "evidence": {"start": 0, "end": 4, "text": "nope"}}},
        {"record": SEED, "action": "add", "field": "population.n",
         "item": {"value": 3, "evidence": span(records()[0]["text"], "5 female")}},
        {"record": SEED, "action": "remove", "path": "treatments[99]", "evidence": evidence_of("scores[0]")},
        {"record": SEED, "action": "explode", "path": "treatments[0]"},
        {"record": "no-such-abstract", "action": "confirm", "path": "population.n",
         "evidence": {"start": 0, "end": 1, "text": "x"}},
        good_edit,
    ])
    assert main(["gold", "apply", str(gold), str(path)]) == 1
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.startswith("rejected:")]
    assert len(lines) == 9, err
    assert "no longer fits the gold text" in lines[0]
    assert "no longer fits the gold text" in lines[1]
    assert "breaks the record schema: treatments.0.role" in lines[2]
    assert "breaks the record schema: treatments.0.n" in lines[3]
    assert "does not fit the gold text" in lines[4]
    assert "already has a value" in lines[5]
    assert "no single value of treatments" in lines[6]
    assert "unknown action 'explode'" in lines[7]
    assert "no gold file" in lines[8]
    after = json.loads((gold / f"{SEED}.json").read_text(encoding="utf-8"))
    assert after["outcomes"][0]["n"] == 3  # the one good correction applied
    after["outcomes"][0]["n"] = json.loads(before)["outcomes"][0]["n"]
    assert after == json.loads(before)  # and nothing else changed


def test_apply_is_checked_twice_and_dry_run_writes_nothing(tmp_path: Path, drafted: tuple[Path, Path]) -> None:
    _, gold = drafted
    path = corrections_file(tmp_path, [
        {"record": SEED, "action": "remove", "path": "outcomes[2]", "evidence": evidence_of("outcomes[2]")}])
    before = (gold / f"{SEED}.json").read_bytes()
    report = apply_corrections(gold, load_corrections(path), dry_run=True)
    assert report.count("applied") == 1 and len(report.written) == 1
    assert (gold / f"{SEED}.json").read_bytes() == before
    assert apply_corrections(gold, load_corrections(path)).count("applied") == 1
    again = apply_corrections(gold, load_corrections(path))  # the value is gone: reported, not guessed
    assert again.count("applied") == 0 and len(again.rejected) == 1 and not again.written


def test_apply_to_scalar_values_and_removal_sets_null() -> None:
    rec = records()[0]
    new, outcomes = apply_to_record(rec, [
        {"record": SEED, "action": "remove", "path": "population.male", "evidence": evidence_of("population.male")},
        {"record": SEED, "action": "edit", "path": "population.age", "evidence": evidence_of("population.age"),
         "set": {"mean": 48.5}},
        {"record": SEED, "action": "edit", "path": "study.period", "evidence": evidence_of("study.period"),
         "set": {"end": "2025-06", "ongoing": False}},
    ])
    assert [o.status for o in outcomes] == ["applied"] * 3
    assert new["population"]["male"] is None and new["population"]["age"]["mean"] == 48.5
    assert new["study"]["period"]["end"] == "2025-06"
    assert rec["population"]["male"] is not None  # the input is not modified
    Record.model_validate(new)


def test_bad_corrections_file_is_a_clear_error(tmp_path: Path, drafted: tuple[Path, Path]) -> None:
    _, gold = drafted
    for content, message in (("{not json", "cannot read corrections JSON"),
                             ('{"format": "other"}', "not a corrections file"),
                             (json.dumps({"format": FORMAT, "version": 9, "corrections": []}), "version 9"),
                             (json.dumps({"format": FORMAT, "version": 1, "corrections": {}}), "must be a list")):
        path = tmp_path / "c.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(GoldError, match=message):
            load_corrections(path)
    with pytest.raises(GoldError, match="gold directory not found"):
        apply_corrections(tmp_path / "missing", {"corrections": []})
    done = subprocess.run([sys.executable, "-m", "extractor", "gold", "apply", str(gold), str(tmp_path / "c.json")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and done.stderr.startswith("error: ") and "c.json" in done.stderr


def test_draft_function_reports_where(tmp_path: Path) -> None:
    summary = draft([("a.jsonl:1", records()[0]), ("a.jsonl:2", {"id": "x"})], tmp_path / "g")
    assert [p.name for p in summary.written] == [f"{SEED}.json"]
    assert summary.failed and summary.failed[0].startswith("a.jsonl:2: not a valid record: text")
