"""``records.jsonl``: one validated record per line (``model_dump(mode="json")``, UTF-8, not ASCII-escaped)."""

from __future__ import annotations

import json
from typing import IO

from schemas import Record

from .base import Exporter


def record_json(record: Record, indent: int | None = None) -> str:
    """The record as JSON text: the exact dump every JSON output uses."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def write_jsonl(fh: IO[str], record: Record) -> None:
    fh.write(record_json(record))
    fh.write("\n")


class JsonlExporter(Exporter):
    filename = "records.jsonl"

    def write(self, record: Record) -> None:
        write_jsonl(self.fh, record)
        self.count += 1
