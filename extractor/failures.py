"""Inputs that gave no record, as plain values.

Shared by the run (:mod:`extractor.run`) and the harvester (:mod:`extractor.harvest`),
which both report failures and must not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    """An input that gave no record, with the reason."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class Duplicate(Failure):
    """An input whose text (or record id and text) was already seen in this run (extracted once, not a failure)."""


class NotRead(Failure):
    """A file found or named that is not an input kind (a Word document, a CSV table, ...): a failure."""


__all__ = ["Duplicate", "Failure", "NotRead"]
