"""An OJS article page's abstract as paragraphs, the way a browser shows them."""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

from ..metadata import (
    normalise_space,
)
from .common import _ASCII_WS_RE, _STRIP

_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo big br cite code data del dfn em font i img ins kbd mark nobr q s samp small "
    "span strike strong sub sup time tt u var wbr".split()
)
_SKIP_TAGS = frozenset(
    "script style noscript template button input select textarea iframe object embed svg math canvas head".split()
)
_BLOCK_TAGS_WITH_BLOCKS = frozenset("table ul ol dl p div section article blockquote figure".split())
_MAX_DEPTH = 40


def _inline_text(node: Tag | NavigableString) -> str:
    """Text of an inline run as a browser shows it: spaces collapsed, ``<br>`` a newline, images dropped."""
    parts: list[str] = []
    stack: list[Tag | NavigableString] = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, PreformattedString):  # comments, CDATA, doctype
            continue
        if isinstance(cur, NavigableString):
            parts.append(_ASCII_WS_RE.sub(" ", str(cur)))
            continue
        if not isinstance(cur, Tag) or (cur.name or "").lower() in _SKIP_TAGS:
            continue
        if cur.name.lower() == "br":
            parts.append("\n")
            continue
        stack.extend(reversed(list(cur.children)))
    return _clean_paragraph("".join(parts))


def _clean_paragraph(text: str) -> str:
    """Trim a paragraph; one holding only U+00A0 (an OJS spacer) becomes empty."""
    text = re.sub(r" *\n *", "\n", text).strip(_STRIP)
    return text if text.replace("\u00a0", "").strip() else ""


def _table_text(table: Tag) -> str:
    """A table as lines of cells joined by ``" | "`` (one line per row), so numbers stay in the text."""
    rows = []
    for tr in table.find_all("tr"):
        cells = [_inline_text(c).replace("\n", " ") for c in tr.find_all(["td", "th"], recursive=False)]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows) if rows else _inline_text(table)


def _list_text(lst: Tag) -> str:
    """A list as one paragraph, one item per line (no bullet characters are invented)."""
    items = [_inline_text(li) for li in lst.find_all(["li", "dt", "dd"])]
    return "\n".join(i for i in items if i) or _inline_text(lst)


def _has_block_child(tag: Tag) -> bool:
    return any(isinstance(c, Tag) and c.name.lower() in _BLOCK_TAGS_WITH_BLOCKS for c in tag.children)


def _blocks(container: Tag, depth: int = 0) -> list[str]:
    """Paragraph texts of a block container, in order; runs of loose inline content form one paragraph."""
    out: list[str] = []
    run: list[Tag | NavigableString] = []

    def flush() -> None:
        if run:
            text = _clean_paragraph("".join(_inline_text(n) if isinstance(n, Tag) else _ws(n) for n in run))
            run.clear()
            if text:
                out.append(text)

    for child in container.children:
        if isinstance(child, PreformattedString):
            continue
        if isinstance(child, NavigableString):
            run.append(child)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in _SKIP_TAGS:
            continue
        if name in _INLINE_TAGS:
            run.append(child)
            continue
        flush()
        if name == "table":
            text = _table_text(child)
        elif name in ("ul", "ol", "dl"):
            text = _list_text(child)
        elif depth < _MAX_DEPTH and _has_block_child(child):
            out.extend(_blocks(child, depth + 1))
            continue
        else:
            text = _inline_text(child)
        if text:
            out.append(text)
    flush()
    return out


def _ws(s: NavigableString) -> str:
    return _ASCII_WS_RE.sub(" ", str(s))


def _abstract_paragraphs(section: Tag) -> list[str]:
    """The abstract's paragraphs: a leading ``h2.label``/"Abstract" label dropped, spacers and images skipped."""
    first = next((c for c in section.children if isinstance(c, Tag)), None)
    if (
        first is not None
        and first.name.lower() in ("h2", "h3")
        and ("label" in (first.get("class") or []) or _is_abstract_label(first.get_text()))
    ):
        first.extract()
    paragraphs = _blocks(section)
    if paragraphs and _is_abstract_label(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return paragraphs


def _is_abstract_label(text: str) -> bool:
    return normalise_space(text).rstrip(":.").lower() == "abstract"


def _description_paragraphs(description: str) -> list[str]:
    """``DC.Description``: paragraphs one per line, spacer lines holding U+00A0."""
    paragraphs = [_clean_paragraph(_ASCII_WS_RE.sub(" ", line)) for line in description.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and _is_abstract_label(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return paragraphs
