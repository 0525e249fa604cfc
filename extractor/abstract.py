"""The plain data type between reading and extraction.

Readers (HTML page, page text, plain text, harvested folder) all produce an
:class:`Abstract`; the pipeline only ever sees ``Abstract.text``; ``to_record``
copies the metadata across unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import Affiliation, Author, Section, Source


@dataclass
class Abstract:
    id: str
    text: str
    sections: list[Section] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    code: str | None = None
    title: str | None = None
    authors: list[Author] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
