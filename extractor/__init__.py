"""reumaextract: rheumatology abstracts to evidence-linked records.

Library use::

    from extractor import extract_text, extract_file
    record = extract_text("Methods. We report on 5 female SLE patients ...")
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract_text", "extract_file", "extract_abstracts"]


def __getattr__(name: str) -> Any:
    # Lazy: importing the package (e.g. for the CLI's --help) must not load spaCy.
    if name in __all__:
        from . import extract

        return getattr(extract, name)
    raise AttributeError(name)
