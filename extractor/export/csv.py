"""``evidence.csv`` (one row per extracted value) and ``abstracts.csv`` (one row per abstract).

Conventions, shared by both files so Excel and LibreOffice open them cleanly:
UTF-8 with a byte-order mark (``utf-8-sig``), comma separated, ``\\r\\n`` line
ends, a header row, ``csv.QUOTE_MINIMAL`` (a cell with a comma, quote or newline
is quoted, quotes doubled). Formula-injection guard: a *text* cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so a
spreadsheet shows it as text instead of evaluating it; numbers are written as
numbers (a negative score change stays ``-2.5``), booleans as ``true``/``false``.

Both files are analysis tables: one attribute per column, typed cells (a
number column holds only numbers or nothing), so pandas' ``read_csv`` and a
spreadsheet's pivot read them without regular expressions. ``docs/columns.md``
is their data dictionary.
"""

from __future__ import annotations

import csv
from typing import Any

from schemas import Record

from .base import Exporter
from .values import (
    fmt,
    format_age,
    format_outcome,
    format_period,
    format_score_value,
    format_scores,
    iter_values,
    timepoint_days,
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

EVIDENCE_COLUMNS = (
    "record_id", "code", "path", "field", "name", "value_text", "value", "low", "high", "iqr_low", "iqr_high",
    "unit", "statistic", "sd", "n", "role", "domain", "status", "result", "serious", "timepoint",
    "timepoint_days", "group", "abbreviation", "evidence", "start", "end", "title", "url",
)
ABSTRACT_COLUMNS = (
    "id", "code", "title", "authors", "affiliations", "journal", "volume", "issue", "year", "published", "doi",
    "article_id", "collection", "url", "design", "setting", "period", "period_start", "period_end",
    "period_ongoing", "n", "female", "male", "age", "age_mean", "age_sd", "age_median", "age_iqr_low",
    "age_iqr_high", "age_min", "age_max", "conditions", "abbreviations", "study_treatments", "other_treatments",
    "manifestations", "lab_findings", "scores", "outcomes", "adverse_events", "values", "warnings", "sections",
    "text",
)


def cell(x: object) -> str:
    """One CSV cell: numbers formatted (``17.0`` → ``17``), booleans ``true``/``false``, text guarded."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if x is None or isinstance(x, int | float):
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


def _lo_hi(pair: list[float] | None) -> tuple[float | None, float | None]:
    return (pair[0], pair[1]) if pair else (None, None)


def evidence_rows(record: Record) -> list[dict[str, object]]:
    """One dict per evidence-bearing value, keyed by :data:`EVIDENCE_COLUMNS` (missing keys are empty).

    The item behind each value is read from the record by its ``path``, so every
    attribute lands in its own typed column instead of a ``k=v`` string.
    """
    rows: list[dict[str, object]] = []
    for v in iter_values(record):
        row: dict[str, object] = {
            "record_id": record.id, "code": record.code, "path": v.path, "field": v.field, "name": v.name,
            "value_text": fmt(v.value), "n": v.n, "evidence": v.evidence.text, "start": v.evidence.start,
            "end": v.evidence.end, "title": record.title, "url": record.source.url,
        }
        item = _item(record, v.path)
        kind = v.field
        if kind in ("population.n", "population.female", "population.male"):
            row["value"] = v.value
        elif kind == "population.age":
            age = record.population.age
            assert age is not None
            stat = "mean" if age.mean is not None else "median" if age.median is not None else None
            row.update(value=age.mean if age.mean is not None else age.median, statistic=stat, sd=age.sd,
                       low=age.min, high=age.max, unit=age.unit)
            row["iqr_low"], row["iqr_high"] = _lo_hi(age.iqr)
        elif kind == "population.conditions" or kind == "treatments":
            row.update(abbreviation=item.abbreviation, role=getattr(item, "role", None))
        elif kind == "manifestations":
            row.update(domain=item.domain, status=item.status)
        elif kind == "lab_findings":
            row.update(result=item.result, value=item.value, unit=item.unit)
        elif kind == "scores":
            row.update(value_text=format_score_value(item), value=item.value, statistic=item.statistic,
                       sd=item.sd, timepoint=item.timepoint, timepoint_days=timepoint_days(item.timepoint),
                       group=item.group)
            row["low"], row["high"] = _lo_hi(item.range)
            row["iqr_low"], row["iqr_high"] = _lo_hi(item.iqr)
        elif kind == "outcomes":
            row.update(name=item.kind, value_text=item.target)
        elif kind == "adverse_events":
            row.update(serious=item.serious)
        rows.append(row)
    return rows


def _item(record: Record, path: str) -> Any:
    """The model at a value path such as ``treatments[2]`` or ``population.conditions[0]``."""
    name, _, index = path.partition("[")
    obj: Any = record
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj[int(index[:-1])] if index else obj


class EvidenceCsvExporter(_CsvExporter):
    """One row per evidence-bearing value (see :func:`evidence_rows`)."""

    filename = "evidence.csv"
    columns = EVIDENCE_COLUMNS

    def write(self, record: Record) -> None:
        for row in evidence_rows(record):
            self.row([row.get(c) for c in self.columns])
        self.count += 1


def _treatment(name: str, abbreviation: str | None, n: int | None, role: str | None = None) -> str:
    text = f"{name} ({abbreviation})" if abbreviation and abbreviation.lower() != name.lower() else name
    extra = [x for x in (role, f"n={n}" if n is not None else None) if x]
    return text + (f" [{', '.join(extra)}]" if extra else "")


def _with(name: str, *extra: object) -> str:
    shown = [str(x) for x in extra if x is not None and x != ""]
    return name + (f" ({', '.join(shown)})" if shown else "")


def abstract_row(record: Record) -> dict[str, object]:
    """Every field of one abstract, keyed by :data:`ABSTRACT_COLUMNS`: typed scalars, lists joined by ``; ``."""
    pop, src, period, age = record.population, record.source, record.study.period, record.population.age
    aes = [_with(ae.name, f"n={ae.n}" if ae.n is not None else None,
                 None if ae.serious is None else ("serious" if ae.serious else "non-serious"))
           for ae in record.adverse_events]
    labs = []
    for lab in record.lab_findings:
        result = f"{fmt(lab.value)} {lab.unit or ''}".strip() if lab.result == "value" else lab.result
        labs.append(_with(f"{lab.name} {result}", f"n={lab.n}" if lab.n is not None else None))
    return {
        "id": record.id, "code": record.code, "title": record.title,
        "authors": "; ".join(_with(a.name, ",".join(map(str, a.affiliations))) for a in record.authors),
        "affiliations": "; ".join(f"{af.id}: {af.name}" for af in record.affiliations),
        "journal": src.journal, "volume": src.volume, "issue": src.issue, "year": src.year,
        "published": src.published, "doi": src.doi, "article_id": src.article_id, "collection": src.collection,
        "url": src.url, "design": record.study.design, "setting": record.study.setting,
        "period": format_period(period),
        "period_start": period.start if period else None, "period_end": period.end if period else None,
        "period_ongoing": period.ongoing if period else None,
        "n": pop.n.value if pop.n else None,
        "female": pop.female.value if pop.female else None,
        "male": pop.male.value if pop.male else None,
        "age": format_age(age),
        "age_mean": age and age.mean, "age_sd": age and age.sd, "age_median": age and age.median,
        "age_iqr_low": age.iqr[0] if age and age.iqr else None,
        "age_iqr_high": age.iqr[1] if age and age.iqr else None,
        "age_min": age and age.min, "age_max": age and age.max,
        "conditions": "; ".join(f"{c.name} ({c.abbreviation})" if c.abbreviation else c.name for c in pop.conditions),
        "abbreviations": "; ".join(f"{a.short} = {a.long}" for a in record.abbreviations),
        "study_treatments": "; ".join(_treatment(t.name, t.abbreviation, t.n)
                                      for t in record.treatments if t.role == "study"),
        "other_treatments": "; ".join(_treatment(t.name, t.abbreviation, t.n, t.role)
                                      for t in record.treatments if t.role != "study"),
        "manifestations": "; ".join(
            _with(m.name, m.domain, "previous" if m.status == "previous" else None,
                  f"n={m.n}" if m.n is not None else None) for m in record.manifestations),
        "lab_findings": "; ".join(labs),
        "scores": format_scores(record.scores),
        "outcomes": "; ".join(format_outcome(o) for o in record.outcomes),
        "adverse_events": "; ".join(aes),
        "values": sum(1 for _ in iter_values(record)),
        "warnings": "; ".join(record.warnings),
        "sections": "; ".join(f"{s.label}: {s.heading}" if s.heading else s.label for s in record.sections),
        "text": record.text,
    }


class AbstractsCsvExporter(_CsvExporter):
    """One row per abstract: every field of the record, the review paper's evidence table and more."""

    filename = "abstracts.csv"
    columns = ABSTRACT_COLUMNS

    def write(self, record: Record) -> None:
        row = abstract_row(record)
        self.row([row.get(c) for c in self.columns])
        self.count += 1
