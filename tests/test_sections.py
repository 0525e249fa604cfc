"""Section detection: exact parity with every gold record, heading forms, and no false headings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.sections import HEADINGS, LABELS, detect_sections, detect_sections_with_warnings, label_for

ROOT = Path(__file__).resolve().parents[1]
DEV_GOLD = sorted((ROOT / "corpus" / "dev" / "gold").glob("*.json"))
SEED_GOLD = ROOT / "corpus" / "gold" / "reumatismo-2170.json"


def _gold_cases() -> list[tuple[str, str, list[dict]]]:
    cases = []
    for gold in DEV_GOLD:
        record = json.loads(gold.read_text(encoding="utf-8"))
        text = (ROOT / "corpus" / "dev" / "text" / f"{gold.stem}.txt").read_text(encoding="utf-8")
        cases.append((gold.stem, text, record["sections"]))
    seed = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    cases.append((SEED_GOLD.stem, seed["text"], seed["sections"]))
    return cases


GOLD_CASES = _gold_cases()


def test_gold_corpus_is_there() -> None:
    assert len(DEV_GOLD) >= 16
    assert any(sections for _, _, sections in GOLD_CASES)


@pytest.mark.parametrize(("name", "text", "expected"), GOLD_CASES, ids=[c[0] for c in GOLD_CASES])
def test_sections_match_gold(name: str, text: str, expected: list[dict]) -> None:
    got = [s.model_dump() for s in detect_sections(text)]
    assert got == expected


@pytest.mark.parametrize(("name", "text", "expected"), GOLD_CASES, ids=[c[0] for c in GOLD_CASES])
def test_no_unknown_heading_hints_on_gold(name: str, text: str, expected: list[dict]) -> None:
    _, hints = detect_sections_with_warnings(text)
    assert hints == []


def _spans(text: str) -> list[tuple[str, str, str]]:
    return [(s.label, s.heading, text[s.start : s.end]) for s in detect_sections(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Background: A. Methods: B.",
            [("background", "Background", "Background: A."), ("methods", "Methods", "Methods: B.")],
        ),
        (
            "Objective To evaluate X.\nResults Five improved.",
            [
                ("background", "Objective", "Objective To evaluate X."),
                ("results", "Results", "Results Five improved."),
            ],
        ),
        (
            "OBJECTIVE To see. METHODS We did. RESULTS It worked. CONCLUSION Good.",
            [
                ("background", "OBJECTIVE", "OBJECTIVE To see."),
                ("methods", "METHODS", "METHODS We did."),
                ("results", "RESULTS", "RESULTS It worked."),
                ("conclusions", "CONCLUSION", "CONCLUSION Good."),
            ],
        ),
        (
            "Background and aims We ask.\nPatients and methods: 12 pts.",
            [
                ("background", "Background and aims", "Background and aims We ask."),
                ("methods", "Patients and methods", "Patients and methods: 12 pts."),
            ],
        ),
        (
            "Background and Objectives: x.\n\nMaterials and Methods. y.",
            [
                ("background", "Background and Objectives", "Background and Objectives: x."),
                ("methods", "Materials and Methods", "Materials and Methods. y."),
            ],
        ),
        (
            "Aims\nTo test.\nPurpose: also.\nIntroduction. Some.\nDiscussion: Fine.\nKeywords: lupus, SLE\nTrial registration: NCT01",
            [
                ("background", "Aims", "Aims\nTo test."),
                ("background", "Purpose", "Purpose: also."),
                ("background", "Introduction", "Introduction. Some."),
                ("conclusions", "Discussion", "Discussion: Fine."),
                ("other", "Keywords", "Keywords: lupus, SLE"),
                ("other", "Trial registration", "Trial registration: NCT01"),
            ],
        ),
        ("Methods 63 patients were seen.", [("methods", "Methods", "Methods 63 patients were seen.")]),
        (
            "relapsing PMR.Objectives:To determine x.Methods:Patients.",
            [
                ("background", "Objectives", "Objectives:To determine x."),
                ("methods", "Methods", "Methods:Patients."),
            ],
        ),
        (
            "Results and Discussion: both.",
            [("results", "Results and Discussion", "Results and Discussion: both.")],
        ),
    ],
)
def test_heading_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We compared the results of two trials. Nothing else.",
        "Results were similar in both arms. Methods were standard.",
        "The study met its objective. results: none.",
        "Patients had no aims. Background noise was low.",
        "See Results.5 for details.",
        "Methodsology is not a word. Resultsare glued.",
    ],
)
def test_no_false_headings_inside_sentences(text: str) -> None:
    assert detect_sections(text) == []


def test_text_before_first_heading_belongs_to_no_section() -> None:
    text = "Lupus is common.\n\nMethods: We counted.\n\nResults: Many."
    sections = detect_sections(text)
    assert [s.heading for s in sections] == ["Methods", "Results"]
    assert sections[0].start == text.index("Methods")


def test_leading_abstract_is_no_section() -> None:
    for text in (
        "Abstract\nBackground: Why.\nMethods: How.",
        "ABSTRACT Background: Why. Methods: How.",
        "Abstract: Background. Why.",
    ):
        sections = detect_sections(text)
        assert sections[0].heading == "Background"
        assert all(s.heading.lower() != "abstract" for s in sections)


def test_section_ends_before_separating_whitespace() -> None:
    text = "Background. A.\n\u00a0\n\nResults. B.  \n\n"
    first, second = detect_sections(text)
    assert text[first.start : first.end] == "Background. A."
    assert text[second.start : second.end] == "Results. B."


def test_heading_alone_at_end_is_an_empty_section() -> None:
    text = "Results\nFine.\nConclusions"
    last = detect_sections(text)[-1]
    assert (last.heading, last.start, last.end) == ("Conclusions", len(text) - len("Conclusions"), len(text))


def test_unknown_heading_hints() -> None:
    text = (
        "Study population: Patients with RA.\nMethods: We looked.\nArm A: 10 patients\nSetting\nTwo centres."
    )
    sections, hints = detect_sections_with_warnings(text)
    assert [s.heading for s in sections] == ["Methods", "Setting"]
    assert hints == ["unknown heading 'Study population'"]


def test_table_labels_are_valid() -> None:
    assert set(HEADINGS.values()) <= set(LABELS)
    assert label_for("Materials and Methods") == "methods"
    assert label_for("Background and aims") == "background"
    assert label_for("CONCLUSIONS") == "conclusions"
    assert label_for("Treatment protocol") is None


def test_a_heading_glued_to_the_previous_sentence_counts_once_the_text_has_headings() -> None:
    from pipelines.sections import detect_sections

    text = "Objective To test this.Methods We enrolled adults.Results were mixed. Results Most improved."
    assert [(s.heading, s.label) for s in detect_sections(text)] == [
        ("Objective", "background"), ("Methods", "methods"), ("Results", "results")]
