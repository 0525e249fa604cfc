"""A record's extracted values as flat rows: the common view of the CSV and HTML exports.

Every evidence-bearing value of a :class:`schemas.Record` becomes one
:class:`Value` (field path, name, value, n, qualifiers, evidence), in the order
of the record's fields, so ``len(list(iter_values(r))) == len(list(iter_evidence(r)))``.
The formatting helpers here (numbers, age, score series, outcomes) are shared by
``abstracts.csv`` and ``report.html`` so both say the same thing the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from schemas import Age, Evidence, Outcome, Period, Record, Score

from ..evaluate import norm_timepoint

#: colour groups of the HTML report, in legend order: (key, label)
GROUPS: tuple[tuple[str, str], ...] = (
    ("study", "study period"),
    ("population", "population (n, sex, age)"),
    ("conditions", "conditions"),
    ("treatments", "treatments"),
    ("manifestations", "manifestations"),
    ("lab_findings", "lab findings"),
    ("scores", "scores"),
    ("outcomes", "outcomes"),
    ("adverse_events", "adverse events"),
)


@dataclass(frozen=True)
class Value:
    """One extracted value with its evidence span.

    ``field`` is the record path without list indices (``population.n``,
    ``treatments``); ``name`` what the value is about (drug, instrument, ...);
    ``value`` the finding itself; ``attribute`` the qualifiers as ``key=value; ...``.
    """

    field: str
    group: str
    name: str
    value: str | int | float | None
    n: int | None
    attribute: str
    evidence: Evidence
    #: where the value sits in the record (``treatments[2]``, ``population.n``): the address a correction uses
    path: str = ""

    @property
    def label(self) -> str:
        """A short human reading, e.g. ``scores: CLASI 17 (T0)`` or ``outcomes: improvement: skin (n=4)``."""
        if self.group == "outcomes":
            text = f"{self.name}: {self.value}" if self.value else self.name
        elif self.group in ("study", "population"):
            text = fmt(self.value)
        else:
            text = " ".join(p for p in (self.name, fmt(self.value)) if p != "")
        extra = [a.split("=", 1)[1] for a in self.attribute.split("; ") if "=" in a]
        if self.n is not None and not self.field.startswith("population."):
            extra.append(f"n={self.n}")
        if extra:
            text += f" ({', '.join(extra)})"
        return f"{self.field}: {text}"


def fmt(x: object) -> str:
    """Numbers without a spurious ``.0`` (17.0 → ``17``), None as empty, the rest as ``str``."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float):
        return str(int(x)) if x.is_integer() else f"{x:g}" if abs(x) >= 1e-4 else str(x)
    return str(x)


def _attrs(**kw: object) -> str:
    return "; ".join(f"{k}={fmt(v)}" for k, v in kw.items() if v is not None and v != "")


def _pair(p: Iterable[float] | None) -> str:
    return "–".join(fmt(v) for v in p) if p else ""


def format_age(age: Age | None) -> str:
    """``mean 44.3 ± 12.6``, ``35–64``, ``median 52 (IQR 40–60)``, combined when several are given."""
    if age is None:
        return ""
    parts: list[str] = []
    if age.mean is not None:
        parts.append(f"mean {fmt(age.mean)}" + (f" ± {fmt(age.sd)}" if age.sd is not None else ""))
    if age.median is not None:
        parts.append(f"median {fmt(age.median)}" + (f" (IQR {_pair(age.iqr)})" if age.iqr else ""))
    elif age.iqr:
        parts.append(f"IQR {_pair(age.iqr)}")
    if age.min is not None or age.max is not None:
        rng = f"{fmt(age.min)}–{fmt(age.max)}" if age.min is not None and age.max is not None else (
            f"≥ {fmt(age.min)}" if age.min is not None else f"≤ {fmt(age.max)}")
        parts.append(f"({rng})" if parts else rng)
    return " ".join(parts)


def format_period(period: Period | None) -> str:
    if period is None:
        return ""
    end = "present" if period.ongoing and not period.end else (period.end or "")
    return f"{period.start or '?'} – {end}" if end or period.start else ""


def format_score_value(s: Score) -> str:
    """The number as reported: ``7.1 ± 2.6``, ``52 [IQR 40–60]``, ``Δ −2.5``, with its range if any."""
    text = fmt(s.value)
    if s.statistic == "change":
        text = f"Δ {text}"
    elif s.statistic == "median" and s.value is not None and not s.iqr and not s.range:
        text = f"median {text}"
    if s.sd is not None:
        text += f" ± {fmt(s.sd)}"
    if s.iqr:
        text += f" [IQR {_pair(s.iqr)}]"
    if s.range:
        text += f" [{_pair(s.range)}]"
    return text


#: days per unit for :func:`timepoint_days` (a month is a twelfth of a Julian year)
_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
_DAY_POINT = re.compile(r"(?:d|day)\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:d|days?)")
_UNIT_POINT = re.compile(r"(\d+(?:\.\d+)?) (day|week|month|year)")


def timepoint_days(timepoint: str | None) -> int | None:
    """A time point in days from the start of treatment, when the words say it; else None.

    Uses the evaluator's normalisation (so "T0", "baseline", "pretreatment" are 0;
    "W24", "week 24", "24 weeks" are 168; "M6", "6 months" 183; "1 year" 365)
    and adds days ("day 14", "D14", "14 days"). "T2" or "last visit" carry no
    duration, so they give None rather than a guess.
    """
    if timepoint is None:
        return None
    # "3-month" and "pre-treatment" read as "3 month" and "pretreatment" here (the scorer's quirks need not apply)
    words = re.sub(r"(\d)-(?=[a-z])", r"\1 ", timepoint.lower()).replace("pre-treatment", "pretreatment")
    norm = norm_timepoint(words)
    if norm is None:
        return None
    if norm == "baseline":
        return 0
    m = _UNIT_POINT.fullmatch(norm)
    if m:
        return round(float(m.group(1)) * _DAYS[m.group(2)])
    m = _DAY_POINT.fullmatch(norm)
    if m:
        return round(float(m.group(1) or m.group(2)))
    return None


def format_scores(scores: list[Score]) -> str:
    """Scores grouped by (instrument, group) in order of appearance, values joined by arrows.

    ``SLEDAI 6 (T0) → 2 (T2); CLASI 17 (T0) → 8 (T5)``.
    """
    series: dict[tuple[str, str | None], list[str]] = {}
    for s in scores:
        point = format_score_value(s) + (f" ({s.timepoint})" if s.timepoint else "")
        series.setdefault((s.instrument, s.group), []).append(point)
    return "; ".join(
        f"{inst}{f' [{group}]' if group else ''} {' → '.join(points)}" for (inst, group), points in series.items()
    )


def format_outcome(o: Outcome) -> str:
    """``improvement: cutaneous manifestations (n=4)``; a kind without target reads ``complete remission (n=2)``."""
    kind = o.kind.replace("_", " ")
    text = f"{kind}: {o.target}" if o.target else kind
    return text + (f" (n={o.n})" if o.n is not None else "")


def iter_values(record: Record) -> Iterator[Value]:
    """Every evidence-bearing value of ``record``, in field order."""
    study, pop = record.study, record.population
    if study.period is not None:
        p = study.period
        yield Value("study.period", "study", "period", format_period(p), None, "", p.evidence, "study.period")
    for key in ("n", "female", "male"):
        count = getattr(pop, key)
        if count is not None:
            yield Value(f"population.{key}", "population", key, count.value, count.value, "", count.evidence,
                        f"population.{key}")
    if pop.age is not None:
        yield Value("population.age", "population", "age", format_age(pop.age), None, "", pop.age.evidence,
                    "population.age")
    for i, c in enumerate(pop.conditions):
        yield Value("population.conditions", "conditions", c.name, None, None,
                    _attrs(abbreviation=c.abbreviation), c.evidence, f"population.conditions[{i}]")
    for i, t in enumerate(record.treatments):
        yield Value("treatments", "treatments", t.name, None, t.n,
                    _attrs(role=t.role, abbreviation=t.abbreviation), t.evidence, f"treatments[{i}]")
    for i, m in enumerate(record.manifestations):
        yield Value("manifestations", "manifestations", m.name, None, m.n,
                    _attrs(domain=m.domain, status=m.status), m.evidence, f"manifestations[{i}]")
    for i, lab in enumerate(record.lab_findings):
        value: str | float | None = lab.result
        if lab.result == "value":
            value = f"{fmt(lab.value)} {lab.unit}".strip() if lab.unit else lab.value
        yield Value("lab_findings", "lab_findings", lab.name, value, lab.n, "", lab.evidence, f"lab_findings[{i}]")
    for i, s in enumerate(record.scores):
        yield Value("scores", "scores", s.instrument, s.value, s.n,
                    _attrs(timepoint=s.timepoint, statistic=s.statistic, sd=s.sd, iqr=_pair(s.iqr),
                           range=_pair(s.range), group=s.group), s.evidence, f"scores[{i}]")
    for i, o in enumerate(record.outcomes):
        yield Value("outcomes", "outcomes", o.kind.replace("_", " "), o.target, o.n, "", o.evidence, f"outcomes[{i}]")
    for i, ae in enumerate(record.adverse_events):
        serious = None if ae.serious is None else ("serious" if ae.serious else "non-serious")
        yield Value("adverse_events", "adverse_events", ae.name, serious, ae.n, "", ae.evidence,
                    f"adverse_events[{i}]")
