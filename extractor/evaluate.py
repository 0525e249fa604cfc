"""Evaluate records against gold annotations, field by field (precision, recall, F1).

The semantics are those of the reference scorer ``../shared/tools/score.py``
(the one the product is judged by): the same fields, the same pairing of
records with gold files, the same item matching and hence the same tp/fp/fn
per field and the same strict micro-F1. This module restates those rules as
small pure functions so they can be read, tested and reused (``--diff``,
``--json``, per-document scores, a lenient score beside the strict one).

Matching, in short (``docs/evaluate.md`` has the full rules):

* **Scalars** (population n/female/male, age min/max/mean/median, study
  design/setting/period start; with ``meta`` also code, title, authors,
  affiliations, sections, source fields) compare by value: both null is no
  count, gold only is a miss (fn), prediction only an extra (fp), a different
  value is both (fp + fn).
* **List items** are paired greedily, gold item by gold item in gold order,
  with a not-yet-used predicted item that is *found*: by an equal key (the
  normalised name; instrument + value for scores; short form for
  abbreviations) or an overlapping evidence span (not for scores and
  abbreviations); an outcome is found by equal kind and (overlapping span or
  equal n). Among candidates the scorer prefers one whose core attributes
  match, then one with an equal key, then the earliest. A found item is
  strict-correct only if its core attributes match; otherwise it is *wrong*
  (fp + fn). Lenient scoring uses the same pairing but counts every found
  item as correct.

Known quirks kept on purpose to agree with the reference scorer: names drop
every word-final "s" ("status" → "statu") and keep apostrophes ("sjogren's"
≠ "sjogrens"); the timepoint "pre-treatment" normalises to "pre-" (not
baseline, unlike "pretreatment" and "before treatment"); outcomes have no
core attributes (a found outcome with another n is still correct); the
filler words "pts"/"patients" survive the singularisation in group labels.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import ReumaExtractError

Item = Mapping[str, Any]
Span = tuple[int, int]
DiffKind = Literal["missed", "wrong", "extra"]


class EvaluationError(ReumaExtractError):
    """A gold directory or records file could not be read (``where`` names the file, with line)."""


# --------------------------------------------------------------------------- normalisation

_DASHES = re.compile(r"[\u2010-\u2015\-]")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc`´]")
_SPACES = re.compile(r"\s+")
_WORD_FINAL_S = re.compile(r"s\b")


def norm_name(value: Any) -> str | None:
    """A name as the scorer compares it: NFKC, lower case, one dash, one apostrophe, no word-final "s".

    The plural rule is crude on purpose (it is the scorer's): every word
    ending in "s" loses it, so "glucocorticoids" ≈ "glucocorticoid".
    """
    if value is None:
        return None
    s = unicodedata.normalize("NFKC", str(value)).lower()
    s = _DASHES.sub("-", s)
    s = _APOSTROPHES.sub("'", s)
    s = _SPACES.sub(" ", s).strip(" .")
    return _WORD_FINAL_S.sub("", s)


def norm_number(value: Any) -> float | None:
    """A number rounded to 3 decimals (so 1, 1.0 and "1" agree); None for anything not numeric."""
    try:
        return None if value is None else round(float(value), 3)
    except (TypeError, ValueError):
        return None


def norm_spaces(value: Any) -> str | None:
    """Text with whitespace runs collapsed (metadata strings)."""
    return None if value is None else _SPACES.sub(" ", unicodedata.normalize("NFKC", str(value))).strip()


_BASELINE = frozenset({
    "baseline", "t0", "pre-treatment", "pretreatment", "before treatment", "before", "pre",
    "week 0 (baseline)", "start", "week 0", "month 0", "0 month", "0 week",
})
_TIME_FILLER = re.compile(r"\b(at|after|by|of|the|treatment|therapy|follow-up|followup|visit)\b")
_TIME_UNITS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("month", re.compile(r"(?:m|month|months)\s*(\d+)"), re.compile(r"(\d+)\s*(?:m|mo|months?)")),
    ("week", re.compile(r"(?:w|wk|week|weeks)\s*(\d+)"), re.compile(r"(\d+)\s*(?:w|wk|weeks?)")),
    ("year", re.compile(r"(?:y|yr|year|years)\s*(\d+)"), re.compile(r"(\d+)\s*(?:y|yrs?|years?)")),
)


def norm_timepoint(value: Any) -> str | None:
    """A canonical time point: "T0"/"baseline"/"pretreatment" → "baseline", "M6"/"month 6"/"at 6 months" → "6 month".

    Filler words ("at", "after", "the", "treatment", "follow-up", ...) are
    dropped first, which is why "pre-treatment" becomes "pre-" (a quirk of
    the reference scorer kept here).
    """
    if value is None:
        return None
    s = unicodedata.normalize("NFKC", str(value)).lower()
    s = _TIME_FILLER.sub(" ", s)
    s = _SPACES.sub(" ", s).strip(" .,:;")
    if s in _BASELINE:
        return "baseline"
    for unit, unit_first, number_first in _TIME_UNITS:
        m = unit_first.fullmatch(s) or number_first.fullmatch(s)
        if m:
            return f"{m.group(1)} {unit}"
    return s


_GROUP_STOPWORDS = frozenset({
    "the", "a", "an", "of", "in", "with", "who", "were", "was", "for", "and",
    "patients", "patient", "pts", "group", "arm",
})


def _content_words(label: str) -> set[str]:
    return set((norm_name(label) or "").split()) - _GROUP_STOPWORDS


def same_group(gold: Any, pred: Any) -> bool:
    """Arm/subgroup labels are free text: equal when one's content words contain the other's, or mostly agree (Jaccard ≥ 0.5)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    gw, pw = _content_words(gold), _content_words(pred)
    if not gw or not pw:
        return norm_name(gold) == norm_name(pred)
    return gw <= pw or pw <= gw or len(gw & pw) / len(gw | pw) >= 0.5


def same_long_form(gold: Any, pred: Any) -> bool:
    """Abbreviation long forms: the same words, mostly the same (Jaccard ≥ 0.6), or one containing the other (≥ 2 words)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    gw, pw = (set(re.findall(r"[a-z0-9]+", norm_name(x) or "")) for x in (gold, pred))
    if gw == pw or len(gw & pw) / max(1, len(gw | pw)) >= 0.6:
        return True
    return min(len(gw), len(pw)) >= 2 and (gw <= pw or pw <= gw)


def attribute_equal(name: str, gold: Item, pred: Item) -> bool:
    """Compare one core attribute the way the scorer does (time points, counts, groups, long forms specially)."""
    gv, pv = gold.get(name), pred.get(name)
    if name == "timepoint":
        return norm_timepoint(gv) == norm_timepoint(pv)
    if name == "n":
        return norm_number(gv) == norm_number(pv)
    if name == "group":
        return same_group(gv, pv)
    if name == "long":
        return same_long_form(gv, pv)
    return gv == pv


# --------------------------------------------------------------------------- evidence spans

def gold_span(item: Item) -> Span | None:
    """The gold item's evidence offsets, or None when it has no evidence."""
    ev = item.get("evidence")
    if not ev:
        return None
    return (ev.get("start"), ev.get("end"))


def map_span(pred_evidence: Any, gold_text: str, pred_text: Any) -> Span | None:
    """Place a predicted evidence span in the gold text.

    Offsets are taken as they are when the record's text is the gold text;
    otherwise the evidence text is searched in the gold text and the
    occurrence nearest the predicted start wins. None when it cannot be placed.
    """
    if not pred_evidence or not isinstance(pred_evidence, Mapping):
        return None
    start, end = pred_evidence.get("start"), pred_evidence.get("end")
    text = pred_evidence.get("text") or ""
    if pred_text == gold_text and isinstance(start, int) and isinstance(end, int):
        return (start, end)
    if not text:
        return None
    hits = [m.start() for m in re.finditer(re.escape(str(text)), gold_text)]
    if not hits:
        return None
    anchor = start if isinstance(start, int | float) else 0
    best = min(hits, key=lambda h: abs(h - anchor))
    return (best, best + len(text))


def spans_overlap(a: Span | None, b: Span | None) -> bool:
    """Half-open spans share at least one character."""
    if a is None or b is None:
        return False
    try:
        return a[0] < b[1] and b[0] < a[1]
    except TypeError:  # a gold span without offsets
        return False


# --------------------------------------------------------------------------- list fields

@dataclass(frozen=True)
class ListField:
    """How items of one list field are keyed, found and checked.

    ``key``: the value that identifies an item (equal keys → found).
    ``attributes``: the core attributes a found item must match to be correct.
    ``found_by``: "key_or_span" (equal key or overlapping evidence), "key" (equal
    key only) or "outcome" (equal kind and overlapping evidence or equal n).
    ``path``: where the list sits in a record.
    """

    name: str
    key: Callable[[Item], Any]
    attributes: tuple[str, ...]
    found_by: Literal["key_or_span", "key", "outcome"]
    path: tuple[str, ...]


def _name_key(item: Item) -> Any:
    return norm_name(item.get("name"))


LIST_FIELDS: tuple[ListField, ...] = (
    ListField("treatments", _name_key, ("role", "n"), "key_or_span", ("treatments",)),
    ListField("manifestations", _name_key, ("n", "status"), "key_or_span", ("manifestations",)),
    ListField("lab_findings", _name_key, ("result", "n"), "key_or_span", ("lab_findings",)),
    ListField("scores", lambda i: (norm_name(i.get("instrument")), norm_number(i.get("value"))),
              ("timepoint", "group"), "key", ("scores",)),
    ListField("outcomes", lambda i: (i.get("kind"), norm_number(i.get("n"))), (), "outcome", ("outcomes",)),
    ListField("adverse_events", _name_key, ("n",), "key_or_span", ("adverse_events",)),
    ListField("abbreviations", lambda i: i.get("short"), ("long",), "key", ("abbreviations",)),
    ListField("conditions", _name_key, (), "key_or_span", ("population", "conditions")),
)
LIST_FIELD_BY_NAME = {f.name: f for f in LIST_FIELDS}


@dataclass(frozen=True)
class ItemMatch:
    """The fate of one gold and/or predicted item: "correct", "wrong" (found, attributes differ), "missed" or "extra"."""

    kind: Literal["correct", "wrong", "missed", "extra"]
    gold: Item | None
    pred: Item | None


def _is_found(spec: ListField, gold: Item, pred: Item, g_span: Span | None, p_span: Span | None,
              same_key: bool) -> bool:
    if spec.found_by == "key":
        return same_key
    if spec.found_by == "outcome":
        return pred.get("kind") == gold.get("kind") and (
            spans_overlap(g_span, p_span) or norm_number(pred.get("n")) == norm_number(gold.get("n")))
    return same_key or spans_overlap(g_span, p_span)


def match_items(spec: ListField, golds: Sequence[Item], preds: Sequence[Item],
                gold_text: str, pred_text: Any) -> list[ItemMatch]:
    """Pair gold and predicted items of one field (greedy, in gold order) and say what became of each.

    For each gold item the candidates are the unused predicted items that are
    found; the best is the first by (attributes match, key equal, position).
    Unpaired predicted items are extras, listed after the gold items.
    """
    pred_spans = [map_span(p.get("evidence"), gold_text, pred_text) for p in preds]
    pred_keys = [spec.key(p) for p in preds]
    used: set[int] = set()
    results: list[ItemMatch] = []
    for g in golds:
        g_span, g_key = gold_span(g), spec.key(g)
        best: tuple[bool, bool, int] | None = None
        for j, p in enumerate(preds):
            if j in used:
                continue
            same_key = pred_keys[j] == g_key
            if not _is_found(spec, g, p, g_span, pred_spans[j], same_key):
                continue
            ok = all(attribute_equal(a, g, p) for a in spec.attributes)
            rank = (not ok, not same_key, j)
            if best is None or rank < best:
                best = rank
        if best is None:
            results.append(ItemMatch("missed", g, None))
            continue
        not_ok, _, j = best
        used.add(j)
        results.append(ItemMatch("wrong" if not_ok else "correct", g, preds[j]))
    results.extend(ItemMatch("extra", None, p) for j, p in enumerate(preds) if j not in used)
    return results


# --------------------------------------------------------------------------- counts

@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 as the scorer defines them.

    An empty denominator gives precision (or recall) 1.0; F1 is 0.0 when P + R is 0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


def sum_counts(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total = total + c
    return total


@dataclass(frozen=True)
class FieldScore:
    """One field's counts, strict (attributes must match) and lenient (found is enough)."""

    name: str
    strict: Counts = Counts()
    lenient: Counts = Counts()

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.name, self.strict + other.strict, self.lenient + other.lenient)


@dataclass(frozen=True)
class Diff:
    """One disagreement: a gold value missed, a found item with a wrong attribute, or an extra prediction."""

    doc_id: str
    field: str
    kind: DiffKind
    gold: Any
    pred: Any

    @property
    def gold_brief(self) -> str:
        return brief(self.gold)

    @property
    def pred_brief(self) -> str:
        return brief(self.pred)

    @property
    def gold_evidence(self) -> str | None:
        return evidence_text(self.gold)

    @property
    def pred_evidence(self) -> str | None:
        return evidence_text(self.pred)

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc_id, "field": self.field, "kind": self.kind,
                "gold": _without_evidence(self.gold), "pred": _without_evidence(self.pred),
                "gold_evidence": self.gold_evidence, "pred_evidence": self.pred_evidence}


def _without_evidence(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: v for k, v in value.items() if k != "evidence"}
    return value


def brief(value: Any) -> str:
    """A one-line summary of an item (its attributes without evidence) or a scalar; "—" for nothing."""
    if value is None:
        return "—"
    if isinstance(value, Mapping):
        parts = [f"{k}={_scalar_text(v)}" for k, v in value.items() if k != "evidence" and v not in (None, [], {})]
        return "{" + ", ".join(parts) + "}"
    return _scalar_text(value)


def _scalar_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False, default=str)


def evidence_text(value: Any) -> str | None:
    ev = value.get("evidence") if isinstance(value, Mapping) else None
    return ev.get("text") if isinstance(ev, Mapping) else None


# --------------------------------------------------------------------------- one document

def _get(record: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(record, Mapping):
            return None
        record = record.get(key)
    return record


NUMBER_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("population.n", ("population", "n", "value")),
    ("population.female", ("population", "female", "value")),
    ("population.male", ("population", "male", "value")),
    ("age.min", ("population", "age", "min")),
    ("age.max", ("population", "age", "max")),
    ("age.mean", ("population", "age", "mean")),
    ("age.median", ("population", "age", "median")),
)
VALUE_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("study.design", ("study", "design")),
    ("study.setting", ("study", "setting")),
    ("study.period.start", ("study", "period", "start")),
)
SOURCE_KEYS = ("url", "journal", "volume", "issue", "year", "published", "article_id")


def _authors(record: Mapping[str, Any]) -> list[tuple[Any, Any]] | None:
    return [(norm_spaces(a.get("name")), a.get("affiliations")) for a in record.get("authors") or []] or None


def _affiliations(record: Mapping[str, Any]) -> list[tuple[Any, Any]] | None:
    return [(a.get("id"), norm_spaces(a.get("name"))) for a in record.get("affiliations") or []] or None


def _sections(record: Mapping[str, Any]) -> list[tuple[Any, ...]] | None:
    return [(s.get("label"), s.get("start"), s.get("end")) for s in record.get("sections") or []] or None


def scalar_values(gold: Mapping[str, Any], pred: Mapping[str, Any], meta: bool = False
                  ) -> list[tuple[str, Any, Any]]:
    """(field, gold value, predicted value) for every scalar field, normalised for comparison."""
    out: list[tuple[str, Any, Any]] = []
    if meta:
        out += [
            ("meta.code", gold.get("code"), pred.get("code")),
            ("meta.title", norm_spaces(gold.get("title")), norm_spaces(pred.get("title"))),
            ("meta.authors", _authors(gold), _authors(pred)),
            ("meta.affiliations", _affiliations(gold), _affiliations(pred)),
            ("meta.sections", _sections(gold), _sections(pred)),
        ]
        out += [(f"source.{k}", _get(gold, "source", k), _get(pred, "source", k)) for k in SOURCE_KEYS]
    out += [(name, norm_number(_get(gold, *path)), norm_number(_get(pred, *path))) for name, path in NUMBER_FIELDS]
    out += [(name, _get(gold, *path), _get(pred, *path)) for name, path in VALUE_FIELDS]
    return out


def score_scalar(gold: Any, pred: Any) -> tuple[Counts, DiffKind | None]:
    """A scalar's counts: equal → tp; gold only → fn (missed); prediction only → fp (extra); different → fp+fn (wrong)."""
    if gold is None:
        return (Counts(fp=1), "extra") if pred is not None else (Counts(), None)
    if pred is None:
        return Counts(fn=1), "missed"
    return (Counts(tp=1), None) if gold == pred else (Counts(fp=1, fn=1), "wrong")


def _list_counts(matches: Iterable[ItemMatch]) -> tuple[Counts, Counts]:
    tally = {"correct": 0, "wrong": 0, "missed": 0, "extra": 0}
    for m in matches:
        tally[m.kind] += 1
    c, w, mi, e = tally["correct"], tally["wrong"], tally["missed"], tally["extra"]
    return Counts(c, w + e, w + mi), Counts(c + w, e, mi)


@dataclass(frozen=True)
class DocScore:
    """One gold document's per-field scores; ``has_record`` is False when no record matched it."""

    doc_id: str
    fields: dict[str, FieldScore]
    has_record: bool = True

    @property
    def strict(self) -> Counts:
        return sum_counts(f.strict for f in self.fields.values())

    @property
    def lenient(self) -> Counts:
        return sum_counts(f.lenient for f in self.fields.values())


def score_document(doc_id: str, gold: Mapping[str, Any], pred: Mapping[str, Any] | None,
                   meta: bool = False) -> tuple[DocScore, list[Diff]]:
    """Score one record (None: no record, everything missed) against its gold record."""
    record: Mapping[str, Any] = pred if pred is not None else {}
    fields: dict[str, FieldScore] = {}
    diffs: list[Diff] = []
    for name, gv, pv in scalar_values(gold, record, meta):
        counts, kind = score_scalar(gv, pv)
        fields[name] = FieldScore(name, counts, counts)
        if kind:
            diffs.append(Diff(doc_id, name, kind, gv, pv))
    gold_text = gold["text"]
    pred_text = record.get("text", "")
    for spec in LIST_FIELDS:
        golds = _get(gold, *spec.path) or []
        preds = _get(record, *spec.path) or []
        matches = match_items(spec, golds, preds, gold_text, pred_text)
        strict, lenient = _list_counts(matches)
        fields[spec.name] = FieldScore(spec.name, strict, lenient)
        diffs += [Diff(doc_id, spec.name, m.kind, m.gold, m.pred) for m in matches if m.kind != "correct"]
    return DocScore(doc_id, fields, has_record=pred is not None), diffs


# --------------------------------------------------------------------------- the report

@dataclass
class EvalReport:
    """Scores of a set of records against a gold directory.

    ``fields``: per-field totals (name → FieldScore), sorted by name;
    ``micro_strict`` / ``micro_lenient``: micro-F1 over all fields;
    ``docs``: per gold document; ``diffs``: every miss, wrong item and extra;
    ``records_without_gold``: ids of records that matched no gold file (not scored);
    ``warnings``: e.g. two records for one gold document (the last one is scored).
    """

    fields: dict[str, FieldScore]
    docs: list[DocScore]
    diffs: list[Diff]
    records_without_gold: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def strict(self) -> Counts:
        return sum_counts(f.strict for f in self.fields.values())

    @property
    def lenient(self) -> Counts:
        return sum_counts(f.lenient for f in self.fields.values())

    @property
    def micro_strict(self) -> float:
        return self.strict.f1

    @property
    def micro_lenient(self) -> float:
        return self.lenient.f1

    @property
    def missing_records(self) -> list[str]:
        return [d.doc_id for d in self.docs if not d.has_record]

    def select(self, names: Iterable[str]) -> EvalReport:
        """The same report restricted to some fields (micro-F1 then covers only those)."""
        keep = set(names)
        unknown = keep - set(self.fields)
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}; known: {', '.join(self.fields)}")
        return EvalReport(
            fields={k: v for k, v in self.fields.items() if k in keep},
            docs=[DocScore(d.doc_id, {k: v for k, v in d.fields.items() if k in keep}, d.has_record)
                  for d in self.docs],
            diffs=[d for d in self.diffs if d.field in keep],
            records_without_gold=list(self.records_without_gold),
            warnings=list(self.warnings),
        )

    def as_dict(self, diffs: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "micro": {"strict": self.strict.as_dict(), "lenient": self.lenient.as_dict()},
            "fields": {k: {"strict": v.strict.as_dict(), "lenient": v.lenient.as_dict()}
                       for k, v in self.fields.items()},
            "docs": [{"id": d.doc_id, "has_record": d.has_record, "strict": d.strict.as_dict(),
                      "lenient": d.lenient.as_dict()} for d in self.docs],
            "missing_records": self.missing_records,
            "records_without_gold": self.records_without_gold,
            "warnings": self.warnings,
        }
        if diffs:
            out["diffs"] = [d.as_dict() for d in self.diffs]
        return out


def load_gold(gold_dir: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Gold records by file stem (``GOLD_DIR/<id>.json``), in file-name order."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise EvaluationError(str(folder), "gold directory not found")
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise EvaluationError(str(folder), "no gold *.json files")
    golds: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EvaluationError(str(path), f"cannot read gold JSON: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise EvaluationError(str(path), "gold record must be a JSON object with a string 'text'")
        golds[path.stem] = data
    return golds


def _as_mapping(record: Any, where: str) -> dict[str, Any]:
    if hasattr(record, "model_dump"):  # a schemas.Record (pydantic)
        record = record.model_dump(mode="json")
    if not isinstance(record, Mapping):
        raise EvaluationError(where, f"a record must be a JSON object, not {type(record).__name__}")
    if record.get("id") is not None and not isinstance(record.get("id"), str):
        raise EvaluationError(where, "record 'id' must be a string")
    return dict(record)


def iter_records(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Records from a JSONL file (blank lines skipped); a broken line raises naming file and line."""
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(str(p), f"cannot open records: {exc.strerror or exc}") from None
    with fh:
        lineno = 0
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationError(f"{p}:{lineno}", f"not valid JSON: {exc.msg}") from None
                yield _as_mapping(record, f"{p}:{lineno}")
        except UnicodeDecodeError:
            raise EvaluationError(f"{p}:{lineno + 1}", "not UTF-8") from None


def pair_records(golds: Mapping[str, Mapping[str, Any]], records: Iterable[Mapping[str, Any]]
                 ) -> tuple[dict[str, Mapping[str, Any]], list[str], list[str]]:
    """Give each record to its gold document: by ``id``, else by identical (stripped) text.

    Returns (records by gold id, ids of records with no gold, warnings). When
    two records land on one gold document the last one counts, as in the scorer.
    """
    by_text = {g["text"].strip(): k for k, g in golds.items()}
    paired: dict[str, Mapping[str, Any]] = {}
    unmatched: list[str] = []
    warnings: list[str] = []
    for record in records:
        key = record.get("id")
        if key not in golds:
            key = by_text.get((record.get("text") or "").strip(), key)
        if key not in golds:
            unmatched.append(str(key))
            continue
        if key in paired:
            warnings.append(f"{key}: more than one record; the last one is scored")
        paired[key] = record
    return paired, unmatched, warnings


def evaluate(gold_dir: str | os.PathLike[str], records: str | os.PathLike[str] | Iterable[Any],
             meta: bool = False) -> EvalReport:
    """Score records (a JSONL path, or an iterable of dicts / ``schemas.Record``) against ``gold_dir``.

    ``meta`` adds the metadata fields (code, title, authors, affiliations,
    sections, source). A gold document with no record counts as all missed; a
    record with no gold document is listed in ``records_without_gold``.
    """
    golds = load_gold(gold_dir)
    if isinstance(records, str | os.PathLike):
        stream: Iterable[Mapping[str, Any]] = iter_records(records)
    else:
        stream = (_as_mapping(r, f"record #{i}") for i, r in enumerate(records, 1))
    paired, unmatched, warnings = pair_records(golds, stream)
    docs: list[DocScore] = []
    diffs: list[Diff] = []
    totals: dict[str, FieldScore] = {}
    for doc_id, gold in golds.items():
        doc, doc_diffs = score_document(doc_id, gold, paired.get(doc_id), meta)
        docs.append(doc)
        diffs += doc_diffs
        for name, fs in doc.fields.items():
            totals[name] = totals[name] + fs if name in totals else fs
    fields = {k: totals[k] for k in sorted(totals)}
    return EvalReport(fields, docs, diffs, unmatched, warnings)


# --------------------------------------------------------------------------- text output

def format_table(report: EvalReport) -> str:
    """Per-field strict P/R/F1 and counts with lenient F1 and counts beside, then the micro-F1 headline."""
    lines = [f"{'field':22} {'P':>6} {'R':>6} {'F1':>6}  {'tp/fp/fn':<12} {'lenient F1':>10}  tp/fp/fn"]
    for name, fs in report.fields.items():
        s, le = fs.strict, fs.lenient
        lines.append(f"{name:22} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  "
                     f"{f'{s.tp}/{s.fp}/{s.fn}':<12} {le.f1:10.3f}  {le.tp}/{le.fp}/{le.fn}")
    s, le = report.strict, report.lenient
    lines.append(f"strict micro-F1 {s.f1:.3f} ({s.tp} {s.fp} {s.fn})   "
                 f"lenient micro-F1 {le.f1:.3f} ({le.tp} {le.fp} {le.fn})")
    return "\n".join(lines)


def format_by_doc(report: EvalReport) -> str:
    """One line per gold document: strict and lenient F1 with counts."""
    lines = []
    for d in report.docs:
        s, le = d.strict, d.lenient
        flag = "" if d.has_record else "  NO RECORD"
        lines.append(f"{d.doc_id}: F1 {s.f1:.3f} ({s.tp}, {s.fp}, {s.fn})  lenient {le.f1:.3f}{flag}")
    return "\n".join(lines)


def format_diffs(report: EvalReport) -> str:
    """Every miss, wrong item and extra: doc, field, kind, gold vs predicted, then the evidence texts."""
    lines = []
    for d in report.diffs:
        lines.append(f"{d.doc_id}\t{d.field}\t{d.kind}\tgold {d.gold_brief}\tpred {d.pred_brief}")
        ev = [f"gold evidence: {d.gold_evidence!r}" if d.gold_evidence else "",
              f"pred evidence: {d.pred_evidence!r}" if d.pred_evidence else ""]
        if any(ev):
            lines.append("\t" + "  ".join(e for e in ev if e))
    return "\n".join(lines)


__all__ = [
    "Counts", "Diff", "DocScore", "EvalReport", "EvaluationError", "FieldScore", "ItemMatch", "LIST_FIELDS",
    "ListField", "evaluate", "format_by_doc", "format_diffs", "format_table", "iter_records", "load_gold",
    "map_span", "match_items", "norm_name", "norm_number", "norm_timepoint", "pair_records", "same_group",
    "same_long_form", "score_document", "score_scalar",
]
