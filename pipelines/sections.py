"""Find the sections of an abstract ("Background.", "METHODS", "Results:" ...).

Extraction needs to know which section a sentence is in (background sentences
describe the disease, not the patients: annotation rule 1), and the record keeps
each section's span. Detection is a pure function of the text so that every reader
(HTML page, page text, plain text) gets the same answer.

A heading is a phrase from :data:`HEADINGS` (or two of them joined by "and", "&"
or "/", labelled by the first) that

* stands at the start of the text, of a line, or right after a sentence end
  (``.``, ``!`` or ``?``, optionally followed by a closing bracket or quote);
* is capitalised ("Results", "RESULTS"; never "results");
* is followed by ``.``, ``:``, a dash, the end of the line, or spaces and then a
  capital letter or a digit ("Objective To evaluate ...", "Methods 63 patients").

So "... the results of ..." or "... Results were ..." never open a section. Right
after a sentence end with no space ("...PMR.Objectives:To ...") only a heading ended
by ``:`` or ``.`` counts, which keeps "e.g.Results" style noise out.

A section spans from its heading to the end of its content: the whitespace that
separates it from the next heading is in no section. Text before the first heading
is in no section, and a leading "Abstract" is never a section (annotation rule 13).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas import Section

# ---------------------------------------------------------------------------
# The heading table: data, not per-file rules. Keys are lower-case phrases with
# single spaces; annotation rule 13 fixes the labels.
# ---------------------------------------------------------------------------
HEADINGS: dict[str, str] = {
    # background (rule 13: objective(s), aim(s), purpose, introduction, background)
    "background": "background",
    "objective": "background",
    "objectives": "background",
    "objective(s)": "background",
    "aim(s)": "background",
    "study objective": "background",
    "study objectives": "background",
    "aim": "background",
    "aims": "background",
    "aim of the study": "background",
    "aims of the study": "background",
    "purpose": "background",
    "purpose of the study": "background",
    "introduction": "background",
    "context": "background",
    "rationale": "background",
    # methods
    "methods": "methods",
    "method": "methods",
    "methodology": "methods",
    "patients and methods": "methods",
    "patients and method": "methods",
    "materials and methods": "methods",
    "material and methods": "methods",
    "methods and materials": "methods",
    "subjects and methods": "methods",
    "participants and methods": "methods",
    "patients & methods": "methods",
    "materials & methods": "methods",
    "material & methods": "methods",
    "subjects & methods": "methods",
    "method(s)": "methods",
    # results
    "results": "results",
    "result": "results",
    "result(s)": "results",
    "findings": "results",
    "main results": "results",
    # conclusions
    "conclusions": "conclusions",
    "conclusion": "conclusions",
    "conclusion(s)": "conclusions",
    "conclusions and relevance": "conclusions",
    "discussion": "conclusions",
    "interpretation": "conclusions",
    # other (rule 13: keywords, trial registration and any other heading)
    "keywords": "other",
    "key words": "other",
    "trial registration": "other",
    "clinical trial registration": "other",
    "case report": "other",
    "case presentation": "other",
    "case presentations": "other",
    "case reports": "other",
    "cases": "other",
    "importance": "other",
    "participants": "other",
    "interventions": "other",
    "measurements": "other",
    "main outcomes and measures": "other",
    "main outcome and measures": "other",
    "main outcome measures": "other",
    "main outcomes": "other",
    "design, setting, and participants": "other",
    "design, setting and participants": "other",
    "design, settings, and participants": "other",
    "design, setting, participants, & measurements": "other",
    "design, settings, participants, & measurements": "other",
    "design, setting, participants, and measurements": "other",
    "case description": "other",
    "study design": "other",
    "design": "other",
    "setting": "other",
    "limitations": "other",
    "funding": "other",
    "acknowledgements": "other",
    "acknowledgments": "other",
    "disclosures": "other",
    "disclosure of interest": "other",
    "disclosure of interests": "other",
    "conflict of interest": "other",
    "conflicts of interest": "other",
}

#: Headings that are also ordinary sentence openers ("Cases 3 and 4 relapsed", "Importance of ..."):
#: a heading only when ``.``, ``:``, a dash or the end of the line closes them.
CLOSED_ONLY = frozenset({"cases", "case reports", "importance", "main outcomes", "context", "participants",
                         "interventions", "measurements"})

#: Labels a caller may see; mirrors ``schemas.record.SectionLabel``.
LABELS = ("background", "methods", "results", "conclusions", "other")

_SPACE = "[ \\t\\u00a0]"
_CLOSERS = ")]\"'\u201d\u2019"


def _phrase_pattern(phrases: Iterable[str]) -> str:
    """Alternation of the phrases, longest first so "Objectives" beats "Objective"."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(f"{_SPACE}+".join(re.escape(w) for w in p.split()) for p in ordered)


_PHRASES = _phrase_pattern(HEADINGS)
_HEADING_RE = re.compile(
    rf"(?P<a>{_PHRASES})(?:{_SPACE}*(?:{_SPACE}and|{_SPACE}&|/){_SPACE}*(?P<b>{_PHRASES}))?",
    re.IGNORECASE,
)
# Where a heading may start: after a sentence end, or at the start of a line.
_AFTER_SENTENCE_RE = re.compile(rf"[.!?][{re.escape(_CLOSERS)}]?(?P<gap>{_SPACE}*)(?=\S)")
_LINE_START_RE = re.compile(rf"(?m)^{_SPACE}*(?=\S)")
_LEADING_ABSTRACT_RE = re.compile(rf"\s*(?:ABSTRACT|Abstract)(?:{_SPACE}*[:.])?(?:\s+|$)")
# What may follow a heading.
_END_PUNCT_RE = re.compile(rf"{_SPACE}*(?::|\.(?![0-9a-z])|{_SPACE}[\u2013\u2014-]{_SPACE}|[\u2013\u2014])")
_END_LINE_RE = re.compile(rf"{_SPACE}*(?:\r?\n|\r|$)")
_END_WORD_RE = re.compile(rf"{_SPACE}+(?=[^\W_])")
# Heading-like phrases that are not in the table (hints only, never sections).
# Words of two letters or more, so list items such as "Arm A: 10 patients" are no hint.
_HINT_PHRASE = r"(?P<h>[A-Z][A-Za-z\-]+(?:[ \t][A-Za-z\-]{2,}){0,3})"
_HINT_COLON_RE = re.compile(rf"{_HINT_PHRASE}[ \t]*:(?:[ \t\u00a0]*(?:[A-Z]|\r?\n|$))")
_HINT_LINE_RE = re.compile(rf"{_HINT_PHRASE}[ \t\u00a0]*\r?\n(?=[ \t\u00a0]*[A-Z0-9])")
_WS = " \t\r\n\f\v\u00a0"


def label_for(heading: str) -> str | None:
    """The rule-13 label of a printed heading, or None when it is not a known heading.

    Combined headings ("Background and aims", "Methods/Results") take the label of
    their first part.
    """
    m = _HEADING_RE.fullmatch(heading.strip())
    if m is None:
        return None
    return _label_of(m)


def _label_of(m: re.Match) -> str:
    """A combined heading takes its first part's label, unless that part is a generic "other" heading and the
    second a section's: "Study design and methods" is a variant of Methods (rule 13)."""
    first = HEADINGS[_norm(m.group("a"))]
    if first == "other" and m.group("b") and HEADINGS[_norm(m.group("b"))] != "other":
        return HEADINGS[_norm(m.group("b"))]
    return first


def detect_sections(text: str) -> list[Section]:
    """The sections of ``text``, in order, as :class:`schemas.Section` spans."""
    return detect_sections_with_warnings(text)[0]


def detect_sections_with_warnings(text: str) -> tuple[list[Section], list[str]]:
    """Sections plus hints about heading-like phrases that are not in the table.

    The hints ("unknown heading 'Study population'") go to the record's warnings so
    a reviewer can decide whether the table should grow; they never make a section.
    """
    found = _find_headings(text)
    sections = _to_sections(text, found)
    known_starts = {start for start, _, _ in found}
    hints = [f"unknown heading {h!r}" for h in _unknown_headings(text, known_starts)]
    return sections, hints


# ---------------------------------------------------------------------------
# internals
# ---------------------------------------------------------------------------
def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _candidate_starts(text: str) -> list[tuple[int, bool]]:
    """Positions where a heading may begin, each with whether it needs ``.``/``:`` after it.

    A position glued to the previous sentence ("PMR.Objectives:") is only a heading
    when punctuation closes it, because glued words are usually not headings.
    """
    starts: dict[int, bool] = {}
    m = _LEADING_ABSTRACT_RE.match(text)
    if m and m.end() < len(text):
        starts[m.end()] = False
    for m in _LINE_START_RE.finditer(text):
        starts[m.end()] = False
    for m in _AFTER_SENTENCE_RE.finditer(text):
        strict = m.group("gap") == ""
        pos = m.end()
        starts[pos] = starts.get(pos, True) and strict
    return sorted(starts.items())


def _heading_end(text: str, m: re.Match[str], strict: bool) -> int | None:
    """End of the heading words if what follows makes them a heading, else None.

    Tries the combined form first ("Background and aims"), then the first phrase.
    """
    ends = [m.end()] if m.group("b") is None else [m.end(), m.end("a")]
    for end in ends:
        if _END_PUNCT_RE.match(text, end):
            return end
        if strict:
            continue
        if _END_LINE_RE.match(text, end):
            return end
        if _norm(text[m.start():end]) in CLOSED_ONLY:
            continue
        w = _END_WORD_RE.match(text, end)
        if w and (text[w.end()].isupper() or text[w.end()].isdigit()) and _has_sentence_end(text, end):
            return end
    return None


def _has_sentence_end(text: str, start: int) -> bool:
    """In the text's first paragraph (its title, where there is one), whether a sentence ends after ``start``:
    "Results From a Harmonized Dataset (1981-2021)" on a title's second line is no heading run into its
    text ("Results 63 patients ...")."""
    para = re.search(r"\n[ \t\u00a0]*\n", text)
    if para is None or start > para.start():
        return True
    return re.search(r"[.!?](?:\s|$)", text[start : para.start()]) is not None


def _find_headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every heading, left to right, never overlapping."""
    found: list[tuple[int, int, str]] = []
    last_end = 0
    for pos, strict in _candidate_starts(text):
        if pos < last_end or not text[pos].isupper():
            continue
        m = _HEADING_RE.match(text, pos)
        if m is None:
            continue
        # once the text has shown a heading, a glued one ("practice.Methods This ...") is read like the others
        end = _heading_end(text, m, strict and not found)
        if end is None:
            continue
        found.append((pos, end, _label_of(m)))
        last_end = end
    return found


def _to_sections(text: str, found: list[tuple[int, int, str]]) -> list[Section]:
    """Spans from each heading to the end of its content (separating whitespace excluded)."""
    sections: list[Section] = []
    for i, (start, head_end, label) in enumerate(found):
        limit = found[i + 1][0] if i + 1 < len(found) else len(text)
        end = max(head_end, len(text[:limit].rstrip(_WS)))
        sections.append(Section(label=label, heading=text[start:head_end], start=start, end=end))
    return sections


def _unknown_headings(text: str, known_starts: set[int]) -> list[str]:
    """Line-initial "Phrase:" or a short line on its own that is not a known heading."""
    hints: list[str] = []
    for m in _LINE_START_RE.finditer(text):
        pos = m.end()
        if pos in known_starts:
            continue
        h = _HINT_COLON_RE.match(text, pos) or _HINT_LINE_RE.match(text, pos)
        if h is None:
            continue
        phrase = h.group("h").strip()
        if _norm(phrase) in {"abstract"} or label_for(phrase) is not None:
            continue
        if phrase not in hints:
            hints.append(phrase)
    return hints
