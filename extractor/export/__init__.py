"""Exports: records out as JSONL, two CSV views and an HTML review page, streamed and atomic.

::

    with open_exporters("outputs/") as out:
        for record in records:
            out.write(record)        # to every exporter, as the record arrives

Each file is written to a temporary sibling and renamed over the target when the
``with`` block ends without an error; on an error every temporary file is removed
and the previous outputs stay as they were (see :mod:`extractor.export.base`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from schemas import Record

from .base import Exporter, stale_parts
from .csv import AbstractsCsvExporter, EvidenceCsvExporter
from .html import HtmlReportExporter
from .jsonl import JsonlExporter, record_json, write_jsonl

#: every exporter, by output file name, in the order they are written
EXPORTERS: dict[str, type[Exporter]] = {
    cls.filename: cls
    for cls in (JsonlExporter, EvidenceCsvExporter, AbstractsCsvExporter, HtmlReportExporter)
}


class ExportSet:
    """Several open exporters written together."""

    def __init__(self, exporters: Sequence[Exporter]):
        self.exporters = list(exporters)

    def write(self, record: Record) -> None:
        for exporter in self.exporters:
            exporter.write(record)

    @property
    def paths(self) -> list[Path]:
        return [e.path for e in self.exporters]


@contextlib.contextmanager
def open_exporters(out_dir: str | Path, names: Sequence[str] | None = None) -> Iterator[ExportSet]:
    """Open the exporters ``names`` (default: all four) in ``out_dir``; commit them all on success.

    Temporary files left by a killed earlier run in ``out_dir`` are removed first.
    """
    names = list(names or EXPORTERS)
    unknown = [n for n in names if n not in EXPORTERS]
    if unknown:
        raise ValueError(f"unknown export(s): {', '.join(unknown)}; known: {', '.join(EXPORTERS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for part in stale_parts(out, names):
        with contextlib.suppress(OSError):
            part.unlink()
    with contextlib.ExitStack() as stack:
        exporters = [stack.enter_context(EXPORTERS[name](out / name)) for name in names]
        yield ExportSet(exporters)


__all__ = [
    "EXPORTERS",
    "AbstractsCsvExporter",
    "EvidenceCsvExporter",
    "ExportSet",
    "Exporter",
    "HtmlReportExporter",
    "JsonlExporter",
    "open_exporters",
    "record_json",
    "write_jsonl",
]
