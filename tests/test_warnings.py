"""Warnings that mean something: headings are never warned about, the summary names each warning's
abstract, and ``--strict`` fails only on problems (not on notes such as an undefined trial name)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from extractor import extract_text
from extractor.extract import is_problem
from extractor.run import run

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpus/dev/text"
HEADINGS = DEV / "d35-rituximab-igg4rd-relapse-60pts.txt"  # OBJECTIVE, METHODS, RESULTS, CONCLUSION
AURORA = DEV / "d26-voclosporin-ln-repeat-biopsy-26pts.txt"  # the trial name AURORA, never defined
TRUNCATED = ROOT / "tests/fixtures/html/truncated-with-description.html"  # a reader problem


def test_upper_case_headings_are_not_undefined_abbreviations() -> None:
    text = ("OBJECTIVE: To assess rituximab in IgG4-related disease. PATIENTS AND METHODS: We studied 20 "
            "patients. RESULTS: 12 relapsed; the XYZQ score rose. CONCLUSIONS: Relapses are frequent.")
    record = extract_text(text)
    assert [s.label for s in record.sections] == ["background", "methods", "results", "conclusions"]
    assert record.warnings == ["abbreviation without definition: XYZQ"]  # the real one is still found
    bundled = extract_text(HEADINGS.read_text(encoding="utf-8"))
    assert not [w for w in bundled.warnings if "OBJECTIVE" in w or "METHODS" in w or "RESULTS" in w]


def test_problem_or_note() -> None:
    assert not is_problem("abbreviation without definition: AURORA")
    assert not is_problem("unknown heading 'Study population'")
    assert is_problem("treatments: count 40 above population n 26 for 'rituximab' (dropped)")
    assert is_problem("page is truncated (no </html>)")


def test_summary_names_each_warning_with_its_abstract(tmp_path: Path) -> None:
    summary = run([str(HEADINGS), str(AURORA)], tmp_path / "out", progress=False, err=io.StringIO())
    assert summary.warnings == 1 and summary.records_with_warnings == 1
    assert f"  {AURORA.stem}: abbreviation without definition: AURORA" in summary.format()


def test_strict_fails_on_problems_only(tmp_path: Path) -> None:
    strict = run([str(AURORA), str(TRUNCATED)], tmp_path / "out", progress=False, err=io.StringIO(), strict=True)
    assert strict.written == 1  # the note (AURORA) passes
    (failure,) = strict.failures
    assert failure.where == str(TRUNCATED) and failure.reason.startswith("strict: page is truncated")
    done = subprocess.run([sys.executable, "-m", "extractor", "run", "--strict", "-o", str(tmp_path / "o2")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr  # the bundled corpus has notes, no problems
    assert "failures: 0" in done.stderr
