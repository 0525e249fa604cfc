"""``evidence.csv`` (one row per extracted value) and ``abstracts.csv`` (one row per abstract).

Conventions, shared by both files so Excel and LibreOffice open them cleanly:
UTF-8 with a byte-order mark (``utf-8-sig``), comma separated, ``\\r\\n`` line
ends, a header row, ``csv.QUOTE_MINIMAL`` (a cell with a comma, quote or newline
is quoted, quotes doubled). Formula-injection guard: a *text* cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so a
spreadsheet shows it as text instead of evaluating it; numbers are written as
numbers (a negative score change stays ``-2.5``).
"""

from __future__ import annotations

import csv

from schemas import Record

from .base import Exporter
from .values import fmt, format_age, format_outcome, format_period, format_scores, iter_values

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

EVIDENCE_COLUMNS = (
    "record_id", "code", "title", "field", "name", "value", "n", "attribute",
    "evidence", "start", "end", "url",
)
ABSTRACT_COLUMNS = (
    "id", "code", "title", "design", "setting", "period", "n", "female", "age", "conditions",
    "study_treatments", "other_treatments", "scores", "outcomes", "adverse_events", "warnings", "url",
)


def cell(x: object) -> str:
    """One CSV cell: numbers formatted (``17.0`` → ``17``), text guarded against formula injection."""
    if x is None or isinstance(x, bool | int | float):
        return fmt(x)
    text = str(x)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _CsvExporter(Exporter):
    encoding = "utf-8-sig"
    columns: tuple[str, ...] = ()

    def begin(self) -> None:
        self.writer = csv.writer(self.fh, quoting=csv.QUOTE_MINIMAL)
        self.writer.writerow(self.columns)
        self.rows = 0

    def row(self, values: list[object]) -> None:
        self.writer.writerow([cell(v) for v in values])
        self.rows += 1


class EvidenceCsvExporter(_CsvExporter):
    """One row per evidence-bearing value (see :func:`extractor.export.values.iter_values`)."""

    filename = "evidence.csv"
    columns = EVIDENCE_COLUMNS

    def write(self, record: Record) -> None:
        for v in iter_values(record):
            self.row([record.id, record.code, record.title, v.field, v.name, v.value, v.n, v.attribute,
                      v.evidence.text, v.evidence.start, v.evidence.end, record.source.url])
        self.count += 1


def _treatment(name: str, abbreviation: str | None, n: int | None, role: str | None = None) -> str:
    text = f"{name} ({abbreviation})" if abbreviation and abbreviation.lower() != name.lower() else name
    extra = [x for x in (role, f"n={n}" if n is not None else None) if x]
    return text + (f" [{', '.join(extra)}]" if extra else "")


def abstract_row(record: Record) -> list[object]:
    """The evidence-table view of one abstract, in :data:`ABSTRACT_COLUMNS` order."""
    pop = record.population
    aes = []
    for ae in record.adverse_events:
        extra = [x for x in (f"n={ae.n}" if ae.n is not None else None,
                             None if ae.serious is None else ("serious" if ae.serious else "non-serious")) if x]
        aes.append(ae.name + (f" ({', '.join(extra)})" if extra else ""))
    return [
        record.id, record.code, record.title, record.study.design, record.study.setting,
        format_period(record.study.period),
        pop.n.value if pop.n else None,
        pop.female.value if pop.female else None,
        format_age(pop.age),
        "; ".join(f"{c.name} ({c.abbreviation})" if c.abbreviation else c.name for c in pop.conditions),
        "; ".join(_treatment(t.name, t.abbreviation, t.n) for t in record.treatments if t.role == "study"),
        "; ".join(_treatment(t.name, t.abbreviation, t.n, t.role) for t in record.treatments if t.role != "study"),
        format_scores(record.scores),
        "; ".join(format_outcome(o) for o in record.outcomes),
        "; ".join(aes),
        "; ".join(record.warnings),
        record.source.url,
    ]


class AbstractsCsvExporter(_CsvExporter):
    """One row per abstract: what a review paper's evidence table prints."""

    filename = "abstracts.csv"
    columns = ABSTRACT_COLUMNS

    def write(self, record: Record) -> None:
        self.row(abstract_row(record))
        self.count += 1
