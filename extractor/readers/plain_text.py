"""A plain abstract text -> :class:`Abstract`, kept unchanged so offsets point into it."""

from __future__ import annotations

from pipelines.sections import detect_sections_with_warnings

from ..abstract import Abstract
from ..errors import ReadError
from .common import _guard


def read_plain_text(text: str, id: str) -> Abstract:
    """An abstract as plain text: kept unchanged (offsets point into it), sections detected."""

    def run() -> Abstract:
        if not text.strip():
            raise ReadError(id, "empty abstract")
        found, hints = detect_sections_with_warnings(text)
        return Abstract(id=id, text=text, sections=found, warnings=hints)

    return _guard(id, run)
