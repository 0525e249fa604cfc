"""Text copied from an OJS article page in a browser ("select all, copy") -> :class:`Abstract`."""

from __future__ import annotations

import re

from pipelines.sections import detect_sections_with_warnings
from schemas import Source

from ..abstract import Abstract
from ..errors import ReadError
from ..metadata import (
    article_ref,
    canonical_article_url,
    looks_like_author_string,
    normalise_space,
    parse_date,
    parse_issue_identification,
    record_id,
)
from .common import _STRIP, _guard, _stem
from .html_page import _title_and_people

_VOL_LINE_RE = re.compile(r"(?m)^[ \t\u00a0]*Vol\.?[ \t]*\S+[ \t]+No\.?[ \t]*\S+[ \t]*\(\d{4}\).*$")
_CITE_RE = re.compile(r"(?m)^[ \t\u00a0]*How to Cite[ \t\u00a0]*$")
_CODE_LINE_RE = re.compile(r"(?m)^[ \t\u00a0]*[A-Z]{1,4}[:.\-]?\d+(?:[:.\-]\d+)*[ \t]*\|[ \t]*\S")
_PUBLISHED_RE = re.compile(r"(?m)^[ \t\u00a0]*Published:[ \t\u00a0]*(?P<value>.*?)[ \t\u00a0]*$")
_AVAILABLE_RE = re.compile(r"Available from:\s*(?P<url>https?://\S+?)[.,;]?(?:\s|$)")
_INTERNET_RE = re.compile(r"(?:^|\.\s+)(?P<journal>[^.\n\[\]]+?)\s*\[Internet\]")
_DOI_RE = re.compile(
    r"(?im)^[ \t]*DOI:?\s*(?:https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/\S+?)[.,;]?\s*$"
)
_IMAGE_RE = re.compile(r"^[\w.\-()%+ ]+\.(?:jpe?g|png|gif|tiff?|svg|webp|bmp)$", re.I)
#: Page chrome after the abstract (OJS templates and plugins): the abstract ends before these.
PAGE_STOP_LINES = frozenset(
    {
        "downloads",
        "download data is not yet available.",
        "how to cite",
        "citations",
        "references",
        "similar articles",
        "most read articles",
        "license",
        "pdf",
    }
)


def looks_like_page_text(text: str) -> bool:
    """True when ``text`` is a copied OJS article page rather than an abstract.

    Two landmarks are needed (issue line "Vol. N No. X (YYYY)", "How to Cite",
    a "CODE | title" line, "Published:"), because an abstract may quote one.
    """
    landmarks = (_VOL_LINE_RE, _CITE_RE, _CODE_LINE_RE, _PUBLISHED_RE)
    return sum(1 for r in landmarks if r.search(text)) >= 2


def _page_paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line index, paragraph) for blocks of non-blank lines; U+00A0-only lines are blank."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(text.splitlines()):
        clean = line.strip(_STRIP)
        if clean:
            if not current:
                start = i
            current.append(clean)
        elif current:
            out.append((start, "\n".join(current)))
            current = []
    if current:
        out.append((start, "\n".join(current)))
    return out


def _is_stop(paragraph: str) -> bool:
    lines = paragraph.splitlines()
    return normalise_space(lines[0]).lower() in PAGE_STOP_LINES or all(
        _IMAGE_RE.match(ln.strip()) for ln in lines
    )


def _starts_with_heading(paragraph: str) -> bool:
    """True when the paragraph opens with a content heading (not "Keywords", which a page prints
    before its abstract)."""
    found, _ = detect_sections_with_warnings(paragraph)
    return bool(found) and found[0].start == 0 and found[0].label != "other"


def _page_abstract(paragraphs: list[tuple[int, str]], after_line: int) -> list[str]:
    """The run of paragraphs from the first one opening with a section heading to the page chrome.

    Without headings, the paragraphs after an "Abstract" or "Authors" line are taken.
    """
    candidates = [(i, p) for i, p in paragraphs if i > after_line]
    start = next((k for k, (_, p) in enumerate(candidates) if _starts_with_heading(p)), None)
    if start is None:
        labels = [
            k for k, (_, p) in enumerate(candidates) if normalise_space(p).lower() in ("abstract", "authors")
        ]
        if not labels:
            return []
        start = labels[-1] + 1
    run: list[str] = []
    for _, p in candidates[start:]:
        if _is_stop(p):
            break
        run.append(p)
    return run


def _page_title_lines(lines: list[str]) -> tuple[int, str | None, str | None]:
    """(index, title line, subtitle) of a copied page: the "CODE | title" line or the line after the issue line."""
    idx = next((i for i, ln in enumerate(lines) if _CODE_LINE_RE.match(ln)), None)
    if idx is None:
        vol = next((i for i, ln in enumerate(lines) if _VOL_LINE_RE.match(ln)), None)
        if vol is None:
            return -1, None, None
        idx = next((i for i in range(vol + 1, len(lines)) if lines[i].strip(_STRIP)), None)
        if idx is None:
            return -1, None, None
    title_line = normalise_space(lines[idx])
    nxt = next((i for i in range(idx + 1, len(lines)) if lines[i].strip(_STRIP)), None)
    if nxt is not None and looks_like_author_string(lines[nxt]):
        return nxt, title_line, normalise_space(lines[nxt])
    return idx, title_line, None


def read_page_text(text: str, *, where: str, id: str | None = None) -> Abstract:
    """Text copied from an OJS article page in a browser -> :class:`Abstract`."""
    return _guard(where, lambda: _read_page_text(text, where, id))


def _read_page_text(text: str, where: str, fallback_id: str | None) -> Abstract:
    lines = text.splitlines()
    last_meta_line, title_line, subtitle = _page_title_lines(lines)
    paragraphs = _page_abstract(_page_paragraphs(text), last_meta_line)
    if not paragraphs:
        raise ReadError(where, "no abstract found in the page text (no section heading, no 'Abstract' line)")
    body = "\n\n".join(paragraphs)
    vol = _VOL_LINE_RE.search(text)
    ident = parse_issue_identification(vol.group(0)) if vol else {}
    cite = _CITE_RE.search(text)
    citation = text[cite.end() :] if cite else ""
    url_m = _AVAILABLE_RE.search(citation) or _AVAILABLE_RE.search(text)
    url = canonical_article_url(url_m.group("url")) if url_m else None
    journal_m = _INTERNET_RE.search(citation)
    published_m = _PUBLISHED_RE.search(text)
    published_value = published_m.group("value") if published_m else None
    if published_m and not published_value:
        after = text[published_m.end() :].lstrip(_STRIP)
        published_value = after.splitlines()[0] if after else None
    published = parse_date(published_value)
    doi_m = _DOI_RE.search(text)
    source = Source(
        url=url,
        journal=normalise_space(journal_m.group("journal")) if journal_m else None,
        volume=ident.get("volume"),
        issue=ident.get("issue"),
        year=ident.get("year") or (int(published[:4]) if published else None),
        published=published,
        doi=doi_m.group("doi") if doi_m else None,
        article_id=article_ref(url)[2],
        collection=ident.get("collection"),
    )
    code, title, authors, affiliations, warnings = _title_and_people(title_line, subtitle, None, [])
    found, hints = detect_sections_with_warnings(body)
    return Abstract(
        id=record_id(source.url, source.journal, source.article_id, fallback_id or _stem(where, "page")),
        text=body,
        sections=found,
        source=source,
        code=code,
        title=title,
        authors=authors,
        affiliations=affiliations,
        warnings=warnings + hints,
    )
