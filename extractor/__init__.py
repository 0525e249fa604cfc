"""reumaextract: rheumatology abstracts to evidence-linked records.

Library use::

    from extractor import extract_text, extract_file
    record = extract_text("Methods. We report on 5 female SLE patients ...")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from typing import Any

__all__ = ["__version__", "extract_text", "extract_file", "extract_abstracts"]

try:  # the installed distribution's version (pyproject.toml), one source of truth
    __version__: str = _dist_version("reumaextract")
except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
    __version__ = "0+unknown"


def __getattr__(name: str) -> Any:
    # Lazy: importing the package (e.g. for the CLI's --help) must not load spaCy.
    if name in __all__[1:]:
        from . import extract

        return getattr(extract, name)
    raise AttributeError(name)
