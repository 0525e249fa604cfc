"""Gold files from extracted records, and a reviewer's corrections applied to them.

The loop the tool's users run: extract → review in ``report.html`` → export the
corrections → ``gold apply`` → keep the folder as gold → ``evaluate`` in CI.

* :func:`draft` writes one ``<id>.json`` per record (validated against
  :class:`schemas.Record`), so ``evaluate GOLD_DIR RECORDS.jsonl`` scores 1.000
  until someone corrects it.
* :func:`apply_corrections` applies a corrections file (the format the report's
  "Export corrections" button writes; ``docs/gold.md`` documents it). Every
  correction names the value by its path *and* its evidence span; a value that
  is no longer where the file says, or evidence that no longer quotes the gold
  text, is rejected with a reason and never applied. After each change the
  whole record is validated again; a change that breaks the schema is undone
  and rejected with pydantic's message.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas import Record

from .atomic import write_text
from .errors import ReumaExtractError

FORMAT = "reumaextract-corrections"
VERSION = 1
ACTIONS = ("confirm", "remove", "edit", "add")
#: list fields a correction may address (``field[index]``) and add to
LIST_FIELDS = ("population.conditions", "treatments", "manifestations", "lab_findings", "scores",
               "outcomes", "adverse_events")
#: single evidence-bearing values (``population.n``): removing one sets it to null
SCALAR_FIELDS = ("study.period", "population.n", "population.female", "population.male", "population.age")
_PATH = re.compile(r"^(?P<field>[a-z_]+(?:\.[a-z_]+)?)(?:\[(?P<index>\d+)\])?$")
_SAFE_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class GoldError(ReumaExtractError):
    """A gold folder or corrections file cannot be used (``where`` names the file)."""


def gold_json(record: Record) -> str:
    """The gold file's text: the record as JSON, one-space indent like the hand-made gold files."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def gold_path(gold_dir: str | os.PathLike[str], record_id: str) -> Path:
    """``GOLD_DIR/<id>.json``; an id that is not a safe file name is an error (evaluate pairs by stem)."""
    if not _SAFE_STEM.match(record_id or ""):
        raise GoldError(str(record_id), "record id is not usable as a file name (letters, digits, . _ -)")
    return Path(gold_dir) / f"{record_id}.json"


# --------------------------------------------------------------------------- draft

@dataclass
class DraftSummary:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # existing gold files left alone (no --force)
    failed: list[str] = field(default_factory=list)  # "where: reason"


def draft(records: Iterable[tuple[str, Mapping[str, Any]]], gold_dir: str | os.PathLike[str],
          force: bool = False) -> DraftSummary:
    """Write each ``(where, record)`` as ``GOLD_DIR/<id>.json``; a bad record is reported and skipped.

    Existing gold files are human work: they are kept unless ``force``.
    """
    out = Path(gold_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = DraftSummary()
    for where, data in records:
        try:
            record = Record.model_validate(data)
            path = gold_path(out, record.id)
        except ValidationError as exc:
            summary.failed.append(f"{where}: not a valid record: {_first_error(exc)}")
            continue
        except GoldError as exc:
            summary.failed.append(f"{where}: {exc}")
            continue
        if path.exists() and not force:
            summary.kept.append(path)
            continue
        write_text(path, gold_json(record))
        summary.written.append(path)
    return summary


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ()))
    return f"{loc}: {err.get('msg')}" if loc else str(err.get("msg"))


# --------------------------------------------------------------------------- corrections

@dataclass(frozen=True)
class Outcome:
    """What happened to one correction: ``applied``, ``confirmed`` or ``rejected`` (with the reason)."""

    record: str
    action: str
    path: str
    status: str
    message: str

    def __str__(self) -> str:
        return f"{self.status}: {self.record} {self.action} {self.path}: {self.message}"


@dataclass
class ApplyReport:
    outcomes: list[Outcome] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # changed gold files (that would change, dry run)
    reviewed: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


def load_corrections(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check the top level of a corrections file (format, version, a list of corrections)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(str(p), f"cannot read corrections JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise GoldError(str(p), f'not a corrections file (expected "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise GoldError(str(p), f"corrections version {data.get('version')!r} not supported (expected {VERSION})")
    if not isinstance(data.get("corrections"), list):
        raise GoldError(str(p), '"corrections" must be a list')
    return data


def _split_path(path: Any) -> tuple[str, int | None]:
    m = _PATH.match(path) if isinstance(path, str) else None
    if not m:
        raise ValueError(f"bad path {path!r}")
    name, index = m.group("field"), m.group("index")
    if name in LIST_FIELDS and index is not None:
        return name, int(index)
    if name in SCALAR_FIELDS and index is None:
        return name, None
    raise ValueError(f"path {path!r} does not name a value (list fields need [index]: "
                     f"{', '.join(LIST_FIELDS)}; single values: {', '.join(SCALAR_FIELDS)})")


def _container(record: dict[str, Any], name: str) -> tuple[dict[str, Any], str]:
    """The dict holding field ``name`` and the key in it (``population.n`` → record["population"], "n")."""
    head, _, tail = name.partition(".")
    if not tail:
        return record, head
    parent = record.setdefault(head, {})
    return parent, tail


def _same_evidence(a: Any, b: Any) -> bool:
    return (isinstance(a, Mapping) and isinstance(b, Mapping)
            and (a.get("start"), a.get("end"), a.get("text")) == (b.get("start"), b.get("end"), b.get("text")))


def _fits(text: str, ev: Any) -> bool:
    """The evidence quotes the text at its offsets."""
    try:
        start, end, quote = int(ev["start"]), int(ev["end"]), ev["text"]
    except (TypeError, KeyError, ValueError):
        return False
    return 0 <= start <= end <= len(text) and text[start:end] == quote


def _locate(record: dict[str, Any], corr: Mapping[str, Any]) -> tuple[str, int | None, dict[str, Any]]:
    """Find the value a confirm/remove/edit names: at its path with the same evidence, else by evidence.

    Looking by evidence when the index does not hold keeps a file usable when
    the gold was re-ordered; a value that is nowhere is an error, never a guess.
    """
    name, index = _split_path(corr.get("path"))
    ev = corr.get("evidence")
    if not isinstance(ev, Mapping):
        raise ValueError('"evidence" of the value is required (start, end, text)')
    if not _fits(record["text"], ev):
        raise ValueError(f"evidence {ev.get('text')!r} at {ev.get('start')}-{ev.get('end')} "
                         "no longer fits the gold text")
    parent, key = _container(record, name)
    if index is None:
        item = parent.get(key)
        if not isinstance(item, dict) or not _same_evidence(item.get("evidence"), ev):
            raise ValueError(f"{name} in the gold no longer has this evidence ({ev.get('text')!r})")
        return name, None, item
    items = parent.get(key) or []
    if index < len(items) and _same_evidence(items[index].get("evidence"), ev):
        return name, index, items[index]
    found = [i for i, it in enumerate(items) if _same_evidence(it.get("evidence"), ev)]
    if len(found) == 1:
        return name, found[0], items[found[0]]
    raise ValueError(f"no single value of {name} with evidence {ev.get('text')!r} in the gold "
                     "(changed since the report was made?)")


def _apply_one(record: dict[str, Any], corr: Mapping[str, Any]) -> str:
    """Apply one correction to ``record`` in place; return a short description. Raises ValueError to reject."""
    action = corr.get("action")
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    if action == "add":
        name = corr.get("field")
        item = corr.get("item")
        if name not in LIST_FIELDS + SCALAR_FIELDS:
            raise ValueError(f"cannot add to {name!r} (one of {', '.join(LIST_FIELDS + SCALAR_FIELDS)})")
        if not isinstance(item, Mapping) or not _fits(record["text"], item.get("evidence")):
            ev = item.get("evidence") if isinstance(item, Mapping) else None
            raise ValueError(f"the added value's evidence {ev!r} does not fit the gold text")
        parent, key = _container(record, name)
        if name in SCALAR_FIELDS:
            if parent.get(key) is not None:
                raise ValueError(f"{name} already has a value; edit it instead")
            parent[key] = dict(item)
            return f"set {name} from {item['evidence']['text']!r}"
        items = parent.setdefault(key, [])
        if any(dict(it) == dict(item) for it in items):
            raise ValueError(f"{name} already holds this value")
        items.append(dict(item))
        return f"added to {name}: {item['evidence']['text']!r}"
    name, index, target = _locate(record, corr)
    label = target.get("name") or target.get("instrument") or target.get("kind") or name
    if action == "confirm":
        return f"{label} confirmed"
    if action == "remove":
        parent, key = _container(record, name)
        if index is None:
            parent[key] = None
        else:
            del parent[key][index]
        return f"removed {label}"
    changes = corr.get("set")
    if not isinstance(changes, Mapping) or not changes:
        raise ValueError('an edit needs "set": {attribute: new value, ...}')
    if "evidence" in changes and not _fits(record["text"], changes["evidence"]):
        raise ValueError("the new evidence does not fit the gold text")
    before = {k: target.get(k) for k in changes}
    target.update(changes)
    return f"{label}: " + ", ".join(f"{k} {before[k]!r} → {v!r}" for k, v in changes.items() if k != "evidence")


def apply_to_record(record: Mapping[str, Any], corrections: Iterable[Mapping[str, Any]]
                    ) -> tuple[dict[str, Any], list[Outcome]]:
    """Apply corrections to one gold record, in order, validating after each; return (new record, outcomes)."""
    current = copy.deepcopy(dict(record))
    outcomes: list[Outcome] = []
    rid = str(record.get("id"))
    for corr in corrections:
        action = str(corr.get("action"))
        where = str(corr.get("path") or corr.get("field") or "")
        trial = copy.deepcopy(current)
        try:
            message = _apply_one(trial, corr)
            Record.model_validate(trial)
        except ValidationError as exc:
            outcomes.append(Outcome(rid, action, where, "rejected", f"breaks the record schema: {_first_error(exc)}"))
            continue
        except (ValueError, TypeError, KeyError) as exc:
            outcomes.append(Outcome(rid, action, where, "rejected", str(exc)))
            continue
        current = trial
        outcomes.append(Outcome(rid, action, where, "confirmed" if action == "confirm" else "applied", message))
    return current, outcomes


def _gold_files(gold_dir: Path) -> dict[str, Path]:
    """Gold files by record id: the file stem, and the ``id`` inside when it differs."""
    if not gold_dir.is_dir():
        raise GoldError(str(gold_dir), "gold directory not found")
    files: dict[str, Path] = {}
    for path in sorted(gold_dir.glob("*.json")):
        files.setdefault(path.stem, path)
        try:
            rid = json.loads(path.read_text(encoding="utf-8")).get("id")
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
            continue
        if isinstance(rid, str):
            files.setdefault(rid, path)
    return files


def apply_corrections(gold_dir: str | os.PathLike[str], corrections: Mapping[str, Any],
                      dry_run: bool = False) -> ApplyReport:
    """Apply a loaded corrections file to ``gold_dir``; changed gold files are rewritten atomically.

    Corrections are grouped by record and applied in file order. A rejected
    correction leaves its record as it was before that correction; the others
    still apply. ``dry_run`` checks everything and writes nothing.
    """
    folder = Path(gold_dir)
    files = _gold_files(folder)
    report = ApplyReport(reviewed=[str(r) for r in corrections.get("reviewed") or []])
    by_record: dict[str, list[Mapping[str, Any]]] = {}
    for i, corr in enumerate(corrections.get("corrections") or [], 1):
        if not isinstance(corr, Mapping) or not isinstance(corr.get("record"), str):
            report.outcomes.append(Outcome("?", "?", f"#{i}", "rejected", 'a correction needs a "record" id'))
            continue
        by_record.setdefault(corr["record"], []).append(corr)
    for rid, corrs in by_record.items():
        path = files.get(rid)
        if path is None:
            report.outcomes += [Outcome(rid, str(c.get("action")), str(c.get("path") or c.get("field") or ""),
                                        "rejected", f"no gold file for this record in {folder}") for c in corrs]
            continue
        try:
            original = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(str(path), f"cannot read gold JSON: {exc}") from None
        new, outcomes = apply_to_record(original, corrs)
        report.outcomes += outcomes
        if new != original:
            if not dry_run:
                write_text(path, gold_json(Record.model_validate(new)))
            report.written.append(path)
    return report
