"""Tests of ``extractor.evaluate`` and ``reumaextract evaluate``.

Three layers: hand-made gold/record pairs built here, one per matching rule;
agreement with the reference scorer ``../shared/tools/score.py`` (run as a
subprocess) on the hand-made fixtures in ``tests/fixtures/eval/`` and on the
dev gold set with deterministic perturbations; and the CLI run as a subprocess.
"""

from __future__ import annotations

import copy
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.evaluate import (
    Counts,
    EvalReport,
    EvaluationError,
    evaluate,
    iter_records,
    map_span,
    norm_name,
    norm_timepoint,
    same_group,
)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "eval"
DEV_GOLD = REPO / "corpus" / "dev" / "gold"
SEED_GOLD = REPO / "corpus" / "gold"
SCORE_PY = REPO.parent / "shared" / "tools" / "score.py"

needs_score_py = pytest.mark.skipif(
    not SCORE_PY.is_file(), reason=f"reference scorer not found at {SCORE_PY} (CI has ../shared beside the repo)")


# --------------------------------------------------------------------------- building pairs

TEXT = ("Methods: We report on 5 female patients with systemic lupus erythematosus (SLE) treated with "
        "belimumab. Two had received cyclophosphamide.\n\nResults: Four pts presented with arthritis. "
        "Anti-dsDNA antibodies were positive in 3 pts. CLASI fell from 17 at T0 to 8 at M6 in responders. "
        "Arthritis resolved in all patients. One patient had a herpes zoster infection.")


def ev(phrase: str, text: str = TEXT) -> dict[str, Any]:
    """Evidence for the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def record(id: str = "doc", text: str = TEXT, **fields: Any) -> dict[str, Any]:
    """A minimal record (gold or predicted): the given fields, everything else empty."""
    rec: dict[str, Any] = {"id": id, "text": text, "study": {"design": None, "setting": None, "period": None},
                           "population": {"n": None, "conditions": []}}
    for key, value in fields.items():
        if key in ("n", "conditions", "female", "male", "age"):
            rec["population"][key] = value
        elif key in ("design", "setting"):
            rec["study"][key] = value
        else:
            rec[key] = value
    return rec


def treatment(name: str, phrase: str | None, role: str = "study", n: int | None = 5) -> dict[str, Any]:
    return {"name": name, "abbreviation": None, "role": role, "n": n, "evidence": ev(phrase) if phrase else None}


def score(instrument: str, value: float, timepoint: str | None, group: str | None = None,
          phrase: str | None = "CLASI fell from 17 at T0") -> dict[str, Any]:
    return {"instrument": instrument, "timepoint": timepoint, "value": value, "statistic": None,
            "group": group, "n": None, "evidence": ev(phrase) if phrase else None}


def run_eval(tmp_path: Path, gold: dict[str, Any], preds: list[dict[str, Any]], meta: bool = False) -> EvalReport:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(exist_ok=True)
    (gold_dir / f"{gold['id']}.json").write_text(json.dumps(gold), encoding="utf-8")
    return evaluate(gold_dir, preds, meta=meta)


def counts(report: EvalReport, field: str) -> tuple[int, int, int]:
    c = report.fields[field].strict
    return (c.tp, c.fp, c.fn)


def lenient(report: EvalReport, field: str) -> tuple[int, int, int]:
    c = report.fields[field].lenient
    return (c.tp, c.fp, c.fn)


# --------------------------------------------------------------------------- matching rules

def test_exact_match_is_all_true_positives(tmp_path: Path) -> None:
    gold = record(n={"value": 5, "evidence": ev("5 female patients")}, design="case series",
                  treatments=[treatment("belimumab", "treated with belimumab")],
                  scores=[score("CLASI", 17, "T0")])
    report = run_eval(tmp_path, gold, [copy.deepcopy(gold)])
    assert counts(report, "treatments") == (1, 0, 0)
    assert counts(report, "scores") == (1, 0, 0)
    assert counts(report, "population.n") == (1, 0, 0)
    assert counts(report, "study.design") == (1, 0, 0)
    assert report.micro_strict == 1.0 and report.micro_lenient == 1.0
    assert report.diffs == []


def test_found_by_overlapping_span_with_a_different_name(tmp_path: Path) -> None:
    gold = record(treatments=[treatment("cyclophosphamide", "received cyclophosphamide", role="previous", n=2)])
    pred = record(treatments=[treatment("CYC", "cyclophosphamide", role="previous", n=2)])
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, "treatments") == (1, 0, 0)


def test_found_by_equal_key_with_a_non_overlapping_span(tmp_path: Path) -> None:
    gold = record(manifestations=[{"name": "arthritis", "domain": "musculoskeletal", "n": 4, "status": "current",
                                   "evidence": ev("Four pts presented with arthritis")}])
    pred = record(manifestations=[{"name": "arthritis", "domain": "musculoskeletal", "n": 4, "status": "current",
                                   "evidence": ev("Arthritis resolved")}])
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, "manifestations") == (1, 0, 0)


def test_neither_key_nor_span_is_a_miss_and_an_extra(tmp_path: Path) -> None:
    gold = record(treatments=[treatment("belimumab", "treated with belimumab")])
    pred = record(treatments=[treatment("rituximab", "Anti-dsDNA antibodies")])
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, "treatments") == (0, 1, 1)
    assert lenient(report, "treatments") == (0, 1, 1)
    assert sorted(d.kind for d in report.diffs) == ["extra", "missed"]


@pytest.mark.parametrize(("field", "gold_item", "change"), [
    ("treatments", treatment("belimumab", "treated with belimumab"), {"role": "concomitant"}),
    ("treatments", treatment("belimumab", "treated with belimumab"), {"n": 4}),
    ("manifestations", {"name": "arthritis", "domain": "musculoskeletal", "n": 4, "status": "current",
                        "evidence": ev("Four pts presented with arthritis")}, {"status": "previous"}),
    ("lab_findings", {"name": "anti-dsDNA antibodies", "result": "positive", "n": 3,
                      "evidence": ev("Anti-dsDNA antibodies were positive in 3 pts")}, {"result": "negative"}),
    ("scores", score("CLASI", 17, "T0"), {"timepoint": "M6"}),
    ("scores", score("CLASI", 8, "M6", group="responders"), {"group": "non-responders"}),
    ("adverse_events", {"name": "herpes zoster infection", "serious": None, "n": 1,
                        "evidence": ev("One patient had a herpes zoster infection")}, {"n": 2}),
])
def test_wrong_attribute_counts_fp_and_fn_strict_but_tp_lenient(tmp_path: Path, field: str,
                                                                gold_item: dict, change: dict) -> None:
    gold = record(**{field: [gold_item]})
    pred = record(**{field: [gold_item | change]})
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, field) == (0, 1, 1)
    assert lenient(report, field) == (1, 0, 0)
    (diff,) = report.diffs
    assert (diff.field, diff.kind) == (field, "wrong")
    assert diff.gold_evidence == gold_item["evidence"]["text"]


def test_extra_and_missed_items(tmp_path: Path) -> None:
    gold = record(treatments=[treatment("belimumab", "treated with belimumab"),
                              treatment("cyclophosphamide", "received cyclophosphamide", "previous", 2)])
    pred = record(treatments=[treatment("belimumab", "treated with belimumab"),
                              treatment("prednisone", None, "concomitant", None)])
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, "treatments") == (1, 1, 1)
    kinds = {d.kind: d for d in report.diffs}
    assert kinds["missed"].gold["name"] == "cyclophosphamide" and kinds["missed"].pred is None
    assert kinds["extra"].pred["name"] == "prednisone" and kinds["extra"].gold is None


def test_a_predicted_item_is_used_once(tmp_path: Path) -> None:
    """Two gold items cannot both pair with one prediction: the second is missed."""
    gold = record(treatments=[treatment("belimumab", "treated with belimumab"),
                              treatment("belimumab", "treated with belimumab")])
    pred = record(treatments=[treatment("belimumab", "treated with belimumab")])
    assert counts(run_eval(tmp_path, gold, [pred]), "treatments") == (1, 0, 1)


def test_candidate_order_prefers_matching_attributes_then_equal_key(tmp_path: Path) -> None:
    """Of two found predictions the one with the right attributes is taken, even when listed second."""
    gold = record(treatments=[treatment("belimumab", "treated with belimumab", n=5)])
    pred = record(treatments=[treatment("belimumab", "treated with belimumab", n=3),
                              treatment("BLM", "belimumab", n=5)])
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, "treatments") == (1, 1, 0)
    assert [d.pred["n"] for d in report.diffs] == [3]


@pytest.mark.parametrize(("gold_tp", "pred_tp"), [
    ("T0", "baseline"), ("baseline", "pretreatment"), ("T0", "before treatment"), ("week 0", "baseline"),
    ("M6", "month 6"), ("month 6", "6 months"), ("M6", "at 6 months"), ("6 months", "6 mo"),
    ("week 24", "W24"), ("at week 24", "24 weeks"),
])
def test_timepoint_equivalences(tmp_path: Path, gold_tp: str, pred_tp: str) -> None:
    gold = record(scores=[score("CLASI", 17, gold_tp)])
    pred = record(scores=[score("CLASI", 17, pred_tp)])
    assert counts(run_eval(tmp_path, gold, [pred]), "scores") == (1, 0, 0)


@pytest.mark.parametrize(("a", "b"), [("T0", "M6"), ("6 months", "12 months"), ("M6", "week 6"), ("T0", "T5")])
def test_different_timepoints_differ(a: str, b: str) -> None:
    assert norm_timepoint(a) != norm_timepoint(b)


def test_pre_treatment_quirk_follows_the_reference_scorer() -> None:
    """score.py drops the filler word "treatment" before the baseline check, so "pre-treatment" is not baseline."""
    assert norm_timepoint("pretreatment") == norm_timepoint("T0") == "baseline"
    assert norm_timepoint("pre-treatment") == "pre-"


def test_scores_are_found_by_instrument_and_value_only(tmp_path: Path) -> None:
    """Scores need an equal (instrument, value): an overlapping span with another value is no match."""
    gold = record(scores=[score("CLASI", 17, "T0")])
    pred = record(scores=[score("clasi", 17.0, "T0", phrase=None), score("CLASI", 18, "T0")])
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, "scores") == (1, 1, 0)


@pytest.mark.parametrize(("gold_group", "pred_group", "same"), [
    ("responders", "responders group", True),
    ("responders", "Responder patients", True),
    ("patients with lupus nephritis", "lupus nephritis", True),
    ("lupus nephritis class IV", "class IV nephritis", True),
    ("anti-dsDNA positive", "dsDNA positive", False),  # "anti-dsdna" is one word: 1 of 3 words shared
    ("responders", "non-responders", False),
    ("responders", None, False),
    (None, None, True),
])
def test_group_compared_by_content_words(tmp_path: Path, gold_group: str | None, pred_group: str | None,
                                         same: bool) -> None:
    assert same_group(gold_group, pred_group) is same
    gold = record(scores=[score("CLASI", 8, "M6", group=gold_group)])
    pred = record(scores=[score("CLASI", 8, "M6", group=pred_group)])
    assert counts(run_eval(tmp_path, gold, [pred]), "scores") == ((1, 0, 0) if same else (0, 1, 1))


@pytest.mark.parametrize(("gold_name", "pred_name"), [
    ("belimumab", "Belimumab"),
    ("anti-dsDNA antibodies", "ANTI\u2013DSDNA ANTIBODIES"),
    ("anti-dsDNA antibodies", "anti-dsDNA antibodie"),
    ("Sjogren's syndrome", "Sjogren\u2019s syndrome"),
    ("glucocorticoids", "glucocorticoid"),
    ("interleukin\u20116 inhibitors", "interleukin-6 inhibitor"),
])
def test_names_case_dash_apostrophe_plural_insensitive(tmp_path: Path, gold_name: str, pred_name: str) -> None:
    assert norm_name(gold_name) == norm_name(pred_name)
    gold = record(treatments=[treatment(gold_name, "treated with belimumab")])
    pred = record(treatments=[treatment(pred_name, None)])  # no evidence: only the key can find it
    assert counts(run_eval(tmp_path, gold, [pred]), "treatments") == (1, 0, 0)


def test_name_normalisation_keeps_the_scorers_limits() -> None:
    """Apostrophe variants agree but an apostrophe is not dropped; a dash is not a space; "-ies" is not "-y"."""
    assert norm_name("antibodies") != norm_name("antibody")
    assert norm_name("Sjogren's") != norm_name("Sjogrens")
    assert norm_name("anti-dsDNA") != norm_name("anti dsDNA")


def test_outcomes_found_by_kind_and_span_or_n(tmp_path: Path) -> None:
    gold = record(outcomes=[{"kind": "resolution", "target": "arthritis", "n": 5,
                             "evidence": ev("Arthritis resolved in all patients")}])
    same_n_elsewhere = {"kind": "resolution", "target": None, "n": 5, "evidence": None}
    overlap_other_n = {"kind": "resolution", "target": "arthritis", "n": 4, "evidence": ev("Arthritis resolved")}
    other_kind = {"kind": "improvement", "target": "arthritis", "n": 5, "evidence": ev("Arthritis resolved")}
    assert counts(run_eval(tmp_path, gold, [record(outcomes=[same_n_elsewhere])]), "outcomes") == (1, 0, 0)
    # outcomes have no core attributes in the reference scorer: a found outcome with another n is correct
    assert counts(run_eval(tmp_path, gold, [record(outcomes=[overlap_other_n])]), "outcomes") == (1, 0, 0)
    assert counts(run_eval(tmp_path, gold, [record(outcomes=[other_kind])]), "outcomes") == (0, 1, 1)


def test_abbreviations_by_short_form_and_long_form_words(tmp_path: Path) -> None:
    gold = record(abbreviations=[{"short": "SLE", "long": "systemic lupus erythematosus"},
                                 {"short": "LN", "long": "lupus nephritis"}])
    pred = record(abbreviations=[{"short": "SLE", "long": "Systemic Lupus Erythematosus"},
                                 {"short": "LN", "long": "lymph node"}])
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, "abbreviations") == (1, 1, 1)
    assert lenient(report, "abbreviations") == (2, 0, 0)


def test_scalars(tmp_path: Path) -> None:
    gold = record(n={"value": 5, "evidence": ev("5 female patients")},
                  female={"value": 5, "evidence": ev("5 female patients")},
                  male={"value": 0, "evidence": ev("5 female patients")},
                  design="case series", setting=None)
    pred = record(n={"value": 5.0, "evidence": None}, female={"value": 4, "evidence": None},
                  design="case series", setting="single-center")
    report = run_eval(tmp_path, gold, [pred])
    assert counts(report, "population.n") == (1, 0, 0)  # 5 == 5.0
    assert counts(report, "population.female") == (0, 1, 1)  # wrong value
    assert counts(report, "population.male") == (0, 0, 1)  # missed (0 is a value, not null)
    assert counts(report, "study.design") == (1, 0, 0)
    assert counts(report, "study.setting") == (0, 1, 0)  # extra
    assert counts(report, "age.mean") == (0, 0, 0)  # null in both: not counted
    assert lenient(report, "population.female") == (0, 1, 1)  # a scalar has no attributes to ignore
    assert {(d.field, d.kind) for d in report.diffs} == {
        ("population.female", "wrong"), ("population.male", "missed"), ("study.setting", "extra")}


def test_gold_without_record_counts_all_missed(tmp_path: Path) -> None:
    gold = record(n={"value": 5, "evidence": ev("5 female patients")}, design="case series",
                  treatments=[treatment("belimumab", "treated with belimumab")])
    report = run_eval(tmp_path, gold, [])
    assert counts(report, "treatments") == (0, 0, 1)
    assert counts(report, "population.n") == (0, 0, 1)
    assert report.strict == Counts(0, 0, 3)
    assert report.micro_strict == 0.0
    assert report.missing_records == ["doc"] and not report.docs[0].has_record


def test_records_pair_by_id_or_identical_text_and_orphans_are_reported(tmp_path: Path) -> None:
    gold = record(treatments=[treatment("belimumab", "treated with belimumab")])
    by_text = record(id="input-file-stem", text="  " + TEXT + "\n",
                     treatments=[treatment("belimumab", "treated with belimumab")])
    orphan = record(id="other", text="Another abstract.")
    report = run_eval(tmp_path, gold, [by_text, orphan])
    assert counts(report, "treatments") == (1, 0, 0)
    assert report.records_without_gold == ["other"]


def test_duplicate_records_last_one_counts(tmp_path: Path) -> None:
    gold = record(treatments=[treatment("belimumab", "treated with belimumab")])
    first = record(treatments=[])
    last = record(treatments=[treatment("belimumab", "treated with belimumab")])
    report = run_eval(tmp_path, gold, [first, last])
    assert counts(report, "treatments") == (1, 0, 0)
    assert report.warnings and "doc" in report.warnings[0]


def test_evidence_placed_by_text_when_the_record_text_differs() -> None:
    gold_text = "x belimumab y belimumab z"
    # offsets point into another text: the nearest occurrence of the evidence text in the gold text wins
    assert map_span({"start": 13, "end": 22, "text": "belimumab"}, gold_text, "other") == (14, 23)
    assert map_span({"start": 0, "end": 9, "text": "belimumab"}, gold_text, "other") == (2, 11)
    assert map_span({"start": 0, "end": 3, "text": "absent"}, gold_text, "other") is None
    assert map_span({"start": 1, "end": 4, "text": "zzz"}, gold_text, gold_text) == (1, 4)
    assert map_span(None, gold_text, gold_text) is None


def test_meta_fields_only_with_meta(tmp_path: Path) -> None:
    gold = record(title="A  title", code="PO:18:276", authors=[{"name": "A. Rossi", "affiliations": [1]}])
    pred = record(title="A title", code="PO:18:277", authors=[{"name": "A.  Rossi", "affiliations": [1]}])
    assert not any(f.startswith(("meta.", "source.")) for f in run_eval(tmp_path, gold, [pred]).fields)
    report = run_eval(tmp_path, gold, [pred], meta=True)
    assert counts(report, "meta.title") == (1, 0, 0)  # whitespace-insensitive
    assert counts(report, "meta.code") == (0, 1, 1)
    assert counts(report, "meta.authors") == (1, 0, 0)


def test_select_fields_restricts_the_micro_score(tmp_path: Path) -> None:
    gold = record(design="case series", treatments=[treatment("belimumab", "treated with belimumab")])
    pred = record(design="cohort", treatments=[treatment("belimumab", "treated with belimumab")])
    report = run_eval(tmp_path, gold, [pred])
    assert report.micro_strict < 1.0
    assert report.select(["treatments"]).micro_strict == 1.0
    with pytest.raises(ValueError, match="unknown field"):
        report.select(["nonsense"])


def test_accepts_pydantic_records(tmp_path: Path) -> None:
    schemas = pytest.importorskip("schemas")
    gold = json.loads((FIXTURES / "gold" / "ev-c.json").read_text(encoding="utf-8"))
    rec = schemas.Record.model_validate(gold)
    report = evaluate(FIXTURES / "gold", [rec])
    assert report.docs[2].doc_id == "ev-c" and report.docs[2].strict == Counts(4, 0, 0)


# --------------------------------------------------------------------------- input errors

def test_missing_gold_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="gold directory not found") as err:
        evaluate(tmp_path / "nope", [])
    assert err.value.where == str(tmp_path / "nope")


def test_broken_gold_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvaluationError) as err:
        evaluate(tmp_path, [])
    assert err.value.where.endswith("bad.json")


def test_broken_jsonl_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n\n{broken\n', encoding="utf-8")
    with pytest.raises(EvaluationError) as err:
        list(iter_records(path))
    assert err.value.where == f"{path}:3"
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="JSON object"):
        list(iter_records(path))


# --------------------------------------------------------------------------- agreement with score.py

_ROW = re.compile(r"^(\S+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s+(\d+)/(\d+)/(\d+)$")
_MICRO = re.compile(r"^strict micro-F1 ([\d.]+) \((\d+) (\d+) (\d+)\)$")
_DOC = re.compile(r"^(\S+): F1 ([\d.]+) \((\d+), (\d+), (\d+)\)$")


def reference_scores(gold_dir: Path, records: Path, *flags: str) -> dict[str, Any]:
    """Run score.py and parse its table: per-field (tp, fp, fn, F1 text), micro, per-doc."""
    proc = subprocess.run([sys.executable, str(SCORE_PY), str(gold_dir), str(records), "--by-doc", *flags],
                          capture_output=True, text=True, check=True)
    fields: dict[str, tuple[int, int, int, str]] = {}
    docs: dict[str, tuple[int, int, int, str]] = {}
    micro = None
    for line in proc.stdout.splitlines():
        if m := _ROW.match(line):
            fields[m[1]] = (int(m[3]), int(m[4]), int(m[5]), m[2])
        elif m := _MICRO.match(line):
            micro = (int(m[2]), int(m[3]), int(m[4]), m[1])
        elif m := _DOC.match(line):
            docs[m[1]] = (int(m[3]), int(m[4]), int(m[5]), m[2])
    assert micro is not None, proc.stdout
    return {"fields": fields, "micro": micro, "docs": docs}


def our_scores(gold_dir: Path, records: Path, meta: bool = False) -> dict[str, Any]:
    report = evaluate(gold_dir, records, meta=meta)
    s = report.strict
    return {
        "fields": {k: (v.strict.tp, v.strict.fp, v.strict.fn, f"{v.strict.f1:.3f}") for k, v in report.fields.items()},
        "micro": (s.tp, s.fp, s.fn, f"{report.micro_strict:.3f}"),
        "docs": {d.doc_id: (d.strict.tp, d.strict.fp, d.strict.fn, f"{d.strict.f1:.3f}") for d in report.docs},
    }


def assert_agree(gold_dir: Path, records: Path, meta: bool = False) -> dict[str, Any]:
    ours = our_scores(gold_dir, records, meta)
    ref = reference_scores(gold_dir, records, *(["--meta"] if meta else []))
    assert ours["fields"] == ref["fields"]
    assert ours["micro"] == ref["micro"]
    assert ours["docs"] == ref["docs"]
    return ours


@needs_score_py
def test_agrees_with_score_py_on_hand_made_pairs() -> None:
    ours = assert_agree(FIXTURES / "gold", FIXTURES / "records.jsonl")
    assert ours["micro"][:3] == (23, 7, 10)  # the fixtures do exercise misses, extras and wrong items


TIMEPOINTS = ["T0", "baseline", "pre-treatment", "pretreatment", "before treatment", "M0", "M6", "month 6",
              "6 months", "at 6 months", "W24", "week 24", "12 months", "last follow-up", None]
GROUPS = [None, "responders", "non-responders", "patients with lupus nephritis", "placebo arm", "the placebo group"]


def _perturb_item(rng: random.Random, field: str, item: dict[str, Any]) -> dict[str, Any]:
    """One changed attribute, name or evidence of an item, the way extractors get them wrong."""
    item = copy.deepcopy(item)
    choice = rng.randrange(8)
    if choice == 0 and "name" in item:
        name = str(item["name"])
        item["name"] = rng.choice([name.upper(), name + "s", name.replace("-", "\u2013"), "something else"])
    elif choice == 1 and "n" in item:
        item["n"] = rng.choice([None, 0, 1, (item["n"] or 0) + 1])
    elif choice == 2:
        ev_ = item.get("evidence")
        if ev_:
            item["evidence"] = rng.choice([None, {**ev_, "text": "not in the text"},
                                           {**ev_, "start": ev_["start"] + 3, "end": ev_["end"] + 3},
                                           {**ev_, "text": ev_["text"][: max(1, len(ev_["text"]) // 2)]}])
    elif choice == 3:
        attr = {"treatments": "role", "manifestations": "status", "lab_findings": "result",
                "scores": "timepoint", "outcomes": "kind", "abbreviations": "long"}.get(field)
        values = {"role": ["study", "comparator", "concomitant", "previous"], "status": ["current", "previous"],
                  "result": ["positive", "negative", "high", "low"], "timepoint": TIMEPOINTS,
                  "kind": ["improvement", "response", "resolution", "flare", "other"],
                  "long": ["lupus nephritis", (item.get("long") or "") + " index", None]}
        if attr:
            item[attr] = rng.choice(values[attr])
    elif choice == 4 and field == "scores":
        item["group"] = rng.choice(GROUPS)
    elif choice == 5 and field == "scores":
        item["value"] = rng.choice([(item.get("value") or 0) + 1, str(item.get("value"))])
    elif choice == 6 and field == "abbreviations":
        item["short"] = str(item["short"]).lower()
    return item


def perturb_record(rng: random.Random, gold: dict[str, Any]) -> dict[str, Any]:
    """A deterministic, imperfect copy of a gold record: items dropped, changed, duplicated or added."""
    rec = copy.deepcopy(gold)
    all_items = [(f, i) for f in ("treatments", "manifestations", "lab_findings", "scores", "outcomes",
                                  "adverse_events", "abbreviations") for i in gold.get(f) or []]
    for field in ("treatments", "manifestations", "lab_findings", "scores", "outcomes", "adverse_events",
                  "abbreviations", "conditions"):
        holder = rec["population"] if field == "conditions" else rec
        items = []
        for item in holder.get(field) or []:
            r = rng.random()
            if r < 0.15:
                continue  # dropped
            items.append(_perturb_item(rng, field, item) if r < 0.55 else item)
            if rng.random() < 0.05:
                items.append(_perturb_item(rng, field, item))  # a near-duplicate
        templates = list(holder.get(field) or [])
        for _ in range(rng.choice([0, 0, 1, 2]) if templates else 0):  # extras, evidence borrowed elsewhere
            extra = _perturb_item(rng, field, rng.choice(templates))
            extra["evidence"] = rng.choice(all_items)[1].get("evidence") if all_items else None
            key = {"scores": "value", "outcomes": "n", "abbreviations": "short"}.get(field, "name")
            extra[key] = rng.choice([f"extra {rng.randrange(1000)}", rng.randrange(100)])
            items.append(extra)
        if rng.random() < 0.2:
            rng.shuffle(items)
        holder[field] = items
    pop = rec["population"]
    if pop.get("n") and rng.random() < 0.3:
        pop["n"] = rng.choice([None, {"value": pop["n"]["value"] + 1, "evidence": None}])
    if rng.random() < 0.3:
        pop["male"] = None
    if rng.random() < 0.2:
        pop["age"] = {"min": None, "max": None, "mean": 50.0, "sd": None, "median": 48, "iqr": None,
                      "unit": "years", "evidence": None}
    if rng.random() < 0.3:
        rec["study"]["design"] = rng.choice([None, "cohort", "case series", "randomized controlled trial"])
    if rng.random() < 0.2:
        rec["study"]["setting"] = rng.choice([None, "single-center", "multicenter"])
    if rng.random() < 0.2:
        rec["text"] = "Abstract\n\n" + rec["text"]  # offsets no longer fit: evidence is placed by its text
    return rec


def write_perturbed(gold_dir: Path, out: Path, seed: int, meta: bool = False) -> None:
    rng = random.Random(seed)
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
    lines = []
    for i, gold in enumerate(golds.values()):
        if rng.random() < 0.1 and i:
            continue  # no record for this gold document
        rec = perturb_record(rng, gold)
        if meta:
            rec["title"] = rng.choice([gold.get("title"), None, "Another  title", " ".join(str(gold.get("title")).split())])
            rec["code"] = rng.choice([gold.get("code"), None, "PO:00:000"])
            if rec.get("authors") and rng.random() < 0.5:
                rec["authors"] = rec["authors"][:-1]
            if rec.get("sections") and rng.random() < 0.5:
                rec["sections"][0]["end"] += 1
            rec["source"] = {**(rec.get("source") or {}), "year": rng.choice([2018, None, (rec.get("source") or {}).get("year")])}
        if rng.random() < 0.15 and rec["text"] == gold["text"]:
            rec["id"] = None  # paired by identical text
        if rng.random() < 0.1:
            lines.append(json.dumps(perturb_record(rng, gold)))  # a duplicate before the one that counts
        lines.append(json.dumps(rec))
    lines.append(json.dumps({"id": "no-such-gold", "text": "Unrelated.", "treatments": []}))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


@needs_score_py
@pytest.mark.parametrize("seed", range(8))
def test_agrees_with_score_py_on_perturbed_dev_records(tmp_path: Path, seed: int) -> None:
    records = tmp_path / "records.jsonl"
    write_perturbed(DEV_GOLD, records, seed)
    ours = assert_agree(DEV_GOLD, records)
    tp, fp, fn, _ = ours["micro"]
    assert fp and fn and tp  # the perturbations really produce errors of each kind


@needs_score_py
@pytest.mark.parametrize("seed", range(3))
def test_agrees_with_score_py_with_meta(tmp_path: Path, seed: int) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for p in [*sorted(DEV_GOLD.glob("*.json"))[:4], *sorted(SEED_GOLD.glob("*.json"))]:
        (gold_dir / p.name).write_bytes(p.read_bytes())
    records = tmp_path / "records.jsonl"
    write_perturbed(gold_dir, records, 100 + seed, meta=True)
    ours = assert_agree(gold_dir, records, meta=True)
    assert any(k.startswith("meta.") for k in ours["fields"])


# --------------------------------------------------------------------------- the command line

def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", "evaluate", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO)


def test_cli_table() -> None:
    proc = cli(FIXTURES / "gold", FIXTURES / "records.jsonl")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert re.search(r"^treatments\s+0\.800\s+0\.667\s+0\.727\s+4/1/2\s+0\.909\s+5/0/1$", out, re.M)
    assert "strict micro-F1 0.730 (23 7 10)   lenient micro-F1 0.794 (25 5 8)" in out
    assert "ev-c: NO RECORD" in out and "not-in-gold: record has no gold file" in out


def test_cli_json() -> None:
    proc = cli(FIXTURES / "gold", FIXTURES / "records.jsonl", "--json", "--diff")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["micro"]["strict"]["tp"], data["micro"]["strict"]["fp"], data["micro"]["strict"]["fn"]) == (23, 7, 10)
    assert data["fields"]["manifestations"]["lenient"]["tp"] == 2
    assert [d["id"] for d in data["docs"]] == ["ev-a", "ev-b", "ev-c"]
    assert data["missing_records"] == ["ev-c"] and data["records_without_gold"] == ["not-in-gold"]
    wrong = [d for d in data["diffs"] if d["kind"] == "wrong" and d["field"] == "treatments"]
    assert wrong == [{"doc": "ev-b", "field": "treatments", "kind": "wrong",
                      "gold": {"name": "placebo", "abbreviation": None, "role": "comparator", "n": 20},
                      "pred": {"name": "placebo", "abbreviation": None, "role": "comparator", "n": 10},
                      "gold_evidence": "placebo (n=20)", "pred_evidence": "placebo (n=20)"}]


def test_cli_diff_and_by_doc() -> None:
    proc = cli(FIXTURES / "gold", FIXTURES / "records.jsonl", "--diff", "--by-doc")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "ev-a: F1 0.737 (14, 5, 5)  lenient 0.789" in lines
    assert any(line.startswith("ev-a\tmanifestations\twrong\t") and "status=current" in line
               and "status=previous" in line for line in lines)
    assert any(line.startswith("ev-a\tmanifestations\textra\t") and "fever" in line for line in lines)
    assert any(line.startswith("ev-a\tadverse_events\tmissed\t") for line in lines)
    assert "\tgold evidence: 'One patient had a herpes zoster infection'" in lines


def test_cli_fields_option() -> None:
    proc = cli(FIXTURES / "gold", FIXTURES / "records.jsonl", "--fields", "scores,lab_findings")
    assert proc.returncode == 0, proc.stderr
    assert "strict micro-F1 1.000 (6 0 0)" in proc.stdout
    bad = cli(FIXTURES / "gold", FIXTURES / "records.jsonl", "--fields", "nonsense")
    assert bad.returncode == 2 and "unknown field" in bad.stderr


def test_cli_errors_name_the_file(tmp_path: Path) -> None:
    proc = cli(tmp_path / "missing", FIXTURES / "records.jsonl")
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and str(tmp_path / "missing") in proc.stderr
    broken = tmp_path / "records.jsonl"
    broken.write_text('{"id": "ev-a", "text": ""}\n{oops\n', encoding="utf-8")
    proc = cli(FIXTURES / "gold", broken)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and f"{broken}:2" in proc.stderr
    proc = cli(FIXTURES / "gold", tmp_path / "absent.jsonl")
    assert proc.returncode == 1 and "absent.jsonl" in proc.stderr
