"""Readers: saved OJS pages, copied page text, plain text, PDF and harvested folders -> :class:`Abstract`.

Every reader ends in the same place: the abstract's text (paragraphs joined by
``"\\n\\n"``), its sections (:func:`pipelines.sections.detect_sections`, the one
section splitter, which the pipeline then takes as given) and the metadata the
page states. Bad input is reported as :class:`ReadError` naming the file or URL,
never as another exception, so a batch run can log it and go on.

One module per input kind, data flowing one way (``common`` ← ``decoding`` ←
``html_text`` ← ``html_page`` ← ``page_text``; ``plain_text``; ``files`` on top,
dispatching on content and suffix): see ``docs/readers.md`` for the behaviour choices.
"""

from __future__ import annotations

from .decoding import declared_charset, decode_bytes, detect_encoding
from .files import (
    HARVEST_ABSTRACT,
    HARVEST_META,
    HARVEST_OAI,
    HARVEST_PAGE,
    MAX_BYTES,
    iter_input_files,
    read_abstracts,
    read_bytes,
    read_path,
)
from .html_page import read_html
from .page_text import PAGE_STOP_LINES, looks_like_page_text, read_page_text
from .plain_text import read_plain_text

__all__ = [
    "HARVEST_ABSTRACT",
    "HARVEST_META",
    "HARVEST_OAI",
    "HARVEST_PAGE",
    "MAX_BYTES",
    "PAGE_STOP_LINES",
    "declared_charset",
    "decode_bytes",
    "detect_encoding",
    "iter_input_files",
    "looks_like_page_text",
    "read_abstracts",
    "read_bytes",
    "read_html",
    "read_page_text",
    "read_path",
    "read_plain_text",
]
