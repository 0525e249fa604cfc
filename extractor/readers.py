"""Readers: saved OJS pages, copied page text, plain text and harvested folders -> :class:`Abstract`.

Every reader ends in the same place: the abstract's text (paragraphs joined by
``"\\n\\n"``), its sections (:func:`extractor.sections.detect_sections`) and the
metadata the page states. Bad input is reported as :class:`ReadError` naming the
file or URL, never as another exception, so a batch run can log it and go on.

Sources of truth, in order: for an HTML page the ``<meta>`` tags (Google Scholar
``citation_*`` and Dublin Core ``DC.*``, which OJS fills from its database) and
then the article-details markup; for the congress title/author strings the page's
``h1``/``h2.subtitle`` (exact) and then the meta full title (split heuristically).
See ``docs/readers.md`` for the behaviour choices.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from schemas import Affiliation, Author, Source

from .abstract import Abstract
from .errors import ReadError
from .filetypes import HTML_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES, is_companion, is_ignored, not_read_reason
from .metadata import (
    article_ref,
    authors_from_records,
    canonical_article_url,
    looks_like_author_string,
    normalise_space,
    parse_author_string,
    parse_date,
    parse_issue_identification,
    record_id,
    split_code_title,
    split_full_title,
)
from pipelines.sections import detect_sections_with_warnings

#: Files larger than this are refused (a saved article page is ~100 kB; a huge file
#: is a wrong input or a runaway download). Change it here or pass ``max_bytes``.
MAX_BYTES = 10 * 1024 * 1024

HARVEST_PAGE = "page.html"
HARVEST_META = "meta.json"
HARVEST_ABSTRACT = "abstract.txt"
HARVEST_OAI = "oai.json"

_T = TypeVar("_T")
_ASCII_WS_RE = re.compile(r"[ \t\n\r\f\v]+")
_STRIP = " \t\n\r\f\v\u00a0"


# ---------------------------------------------------------------------------
# errors: nothing but ReadError leaves a public reader
# ---------------------------------------------------------------------------
def _guard(where: str, fn: Callable[[], _T]) -> _T:
    """Run ``fn``; turn any unexpected exception into a one-line :class:`ReadError`.

    A reader bug on one odd page must cost that page, not the whole run.
    """
    try:
        return fn()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract is "ReadError or a result"
        first = (str(exc).splitlines() or [""])[0][:200]
        raise ReadError(where, f"cannot read ({type(exc).__name__}: {first})") from exc


# ---------------------------------------------------------------------------
# decoding
# ---------------------------------------------------------------------------
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.I,
)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares (``<meta charset>``, ``http-equiv``, XML prolog), if Python knows it."""
    m = _DECLARED_RE.search(data[:8192])
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(text: str) -> bool:
    """Control characters (other than tab/newlines) in more than 1 % of the text: not a page."""
    if not text:
        return False
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r\f\v")
    return bad / len(text) > 0.01


def decode_bytes(data: bytes, *, where: str, declared: str | None = None) -> str:
    """Bytes -> text, recovering from a wrong charset declaration.

    Order: a BOM wins; NUL bytes mean a binary file; then strict UTF-8 (a page
    declared latin-1 that is really UTF-8 decodes right, and real latin-1 with
    accents is almost never valid UTF-8); then the declared charset; then
    charset-normalizer's detection, with ties broken towards Western European
    encodings (:func:`detect_encoding`).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise ReadError(where, f"invalid {enc} after its byte-order mark ({exc.reason})") from exc
            return _checked_text(text, where)
    if b"\x00" in data:
        raise ReadError(where, "binary file (NUL bytes), not a page or a text")
    for enc in ("utf-8", declared):
        if not enc:
            continue
        try:
            return _checked_text(data.decode(enc), where)
        except (UnicodeDecodeError, LookupError):
            continue
    enc = detect_encoding(data)
    if enc is None:
        raise ReadError(where, "cannot decode the file (unknown character encoding)")
    return _checked_text(data.decode(enc, errors="replace"), where)


#: Single-byte encodings of the languages the abstracts come in (Italian, English, ...), preferred
#: when charset-normalizer finds several decodings equally plausible: on a short Italian text
#: Windows-1250 ("Universitŕ") scores as well as Windows-1252 ("Università").
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def detect_encoding(data: bytes) -> str | None:
    """The encoding of non-UTF-8 bytes (charset-normalizer), Western European on a tie; None if unknown."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    close = [m for m in results if m.chaos <= best.chaos + 0.01]
    for enc in _WESTERN:
        if any(m.encoding == enc or enc in m.could_be_from_charset for m in close):
            try:
                data.decode(enc)
            except UnicodeDecodeError:
                continue
            return enc
    return best.encoding


def _checked_text(text: str, where: str) -> str:
    if _looks_binary(text):
        raise ReadError(where, "binary file (control characters), not a page or a text")
    return text


# ---------------------------------------------------------------------------
# HTML: the abstract's text
# ---------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------
# HTML: metadata
# ---------------------------------------------------------------------------
def _meta_tags(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """``(lower-case name, content)`` of every ``<meta name=... content=...>``, in page order."""
    out = []
    for m in soup.find_all("meta"):
        name, content = m.get("name"), m.get("content")
        if isinstance(name, str) and isinstance(content, str):
            out.append((name.strip().lower(), content))
    return out


def _first(metas: list[tuple[str, str]], *names: str) -> str | None:
    """The first non-blank content among ``names``, in the order the names are given."""
    for wanted in names:
        for name, content in metas:
            if name == wanted and content.strip():
                return content.strip()
    return None


def _text_of(scope: Tag, selector: str) -> str | None:
    el = scope.select_one(selector)
    if el is None:
        return None
    return normalise_space(el.get_text(" ")) or None


def _labelled_value(scope: Tag, label: str) -> str | None:
    """The value printed next to a label ("Published:" -> "26 November 2025"), whatever the class names."""
    pattern = re.compile(rf"^\s*{re.escape(label)}\s*:?\s*$", re.I)
    for s in scope.find_all(string=pattern):
        parent = s.parent
        sib = parent.find_next_sibling() if isinstance(parent, Tag) else None
        if sib is not None:
            value = normalise_space(sib.get_text(" "))
            if value:
                return value
    return None


def _author_records(scope: Tag, metas: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """OJS author records: ``ul.authors`` items, else ``citation_author`` (+ institution), else DC creators."""
    ul = scope.select_one("ul.authors")
    if ul is not None:
        records = []
        for li in ul.find_all("li", recursive=False):
            name = _text_of(li, ".name")
            if name:
                records.append((name, _text_of(li, ".affiliation")))
        return records
    records: list[tuple[str, str | None]] = []
    for name, content in metas:
        if name == "citation_author" and content.strip():
            records.append((content, None))
        elif name == "citation_author_institution" and records and records[-1][1] is None:
            records[-1] = (records[-1][0], content)
    if records:
        return records
    return [(c, None) for n, c in metas if n == "dc.creator.personalname" and c.strip()]


def _numeric_first(*ids: str | None) -> str | None:
    """Prefer a numeric OJS id over a URL path id (``reumatismo.2014.786``)."""
    present = [i for i in ids if i]
    return next((i for i in present if i.isdigit()), present[0] if present else None)


def _title_and_people(
    title_line: str | None, subtitle: str | None, full: str | None, records: list[tuple[str, str | None]]
) -> tuple[str | None, str | None, list[Author], list[Affiliation], list[str]]:
    """Code, title, authors and affiliations from the congress strings, records as fallback/cross-check."""
    warnings: list[str] = []
    if full:
        line, sub = split_full_title(full, title_line)
        title_line = title_line or line
        subtitle = subtitle or sub
    code, title = split_code_title(title_line) if title_line else (None, None)
    authors: list[Author] = []
    affiliations: list[Affiliation] = []
    if subtitle and looks_like_author_string(subtitle):
        authors, affiliations = parse_author_string(subtitle)
        names = [a.name.casefold() for a in authors]
        listed = [normalise_space(n).casefold() for n, _ in records]
        if listed and listed != names:
            warnings.append("author records differ from the authors in the subtitle; the subtitle was used")
    else:
        if subtitle and title:
            title = f"{title}: {subtitle}"  # a regular article's subtitle is part of its title
        authors, affiliations = authors_from_records(records)
    return code, title, authors, affiliations, warnings


def _html_metadata(soup: BeautifulSoup, url: str | None) -> tuple[dict, list[str]]:
    metas = _meta_tags(soup)
    scope = soup.select_one("article.obj_article_details") or soup
    issue_ident = _text_of(scope, ".item.issue a.title") or _text_of(scope, ".article_issue_title a")
    ident = parse_issue_identification(issue_ident) if issue_ident else {}
    page_url = _first(metas, "citation_abstract_html_url", "dc.identifier.uri")
    url = canonical_article_url(url) if url else page_url
    dc_id = _first(metas, "dc.identifier")
    article_id = _numeric_first(
        article_ref(url)[2], article_ref(page_url)[2], dc_id if dc_id and "/" not in dc_id else None
    )
    published = (
        parse_date(_first(metas, "citation_date", "dc.date.created"))
        or parse_date(_first(metas, "citation_publication_date", "citation_online_date"))
        or parse_date(_labelled_value(scope, "Published"))
    )
    doi = _first(metas, "citation_doi", "dc.identifier.doi") or _text_of(scope, "section.item.doi .value a")
    year = ident.get("year")
    if year is None:
        issued = parse_date(_first(metas, "dc.date.issued")) or published
        year = int(issued[:4]) if issued else None
    journal = _first(metas, "citation_journal_title", "dc.source")
    source = Source(
        url=url,
        journal=journal,
        volume=_first(metas, "citation_volume", "dc.source.volume") or ident.get("volume"),
        issue=_first(metas, "citation_issue", "dc.source.issue") or ident.get("issue"),
        year=year,
        published=published,
        doi=_bare_doi(doi),
        article_id=article_id,
        collection=ident.get("collection"),
    )
    code, title, authors, affiliations, warnings = _title_and_people(
        _text_of(scope, "h1.page_title") or _text_of(scope, "h1"),
        _text_of(scope, "h2.subtitle"),
        _first(metas, "citation_title", "dc.title"),
        _author_records(scope, metas),
    )
    meta = {"source": source, "code": code, "title": title, "authors": authors, "affiliations": affiliations}
    return meta, warnings


def _bare_doi(doi: str | None) -> str | None:
    if not doi:
        return None
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.I)
    return doi or None


def _is_truncated(html: str) -> bool:
    """A saved page that opens ``<html`` but never closes it was cut off (interrupted download)."""
    return re.search(r"<html[\s>]", html, re.I) is not None and re.search(r"</html\s*>", html, re.I) is None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_html(
    html: str | bytes, url: str | None = None, *, where: str = "<html>", id: str | None = None
) -> Abstract:
    """An OJS 3 article page -> :class:`Abstract` (text, sections, metadata).

    ``url`` is where the page was fetched (kept as ``source.url``); without it the
    page's own canonical URL is used. ``id`` is the fallback record id when the page
    names no article id (the file stem when called from :func:`read_path`).
    """
    where = url if where == "<html>" and url else where
    return _guard(where, lambda: _read_html(html, url, where, id))


def _read_html(html: str | bytes, url: str | None, where: str, fallback_id: str | None) -> Abstract:
    if isinstance(html, bytes):
        html = decode_bytes(html, where=where, declared=declared_charset(html))
    if not html.strip():
        raise ReadError(where, "empty page")
    soup = BeautifulSoup(html, "lxml")
    warnings: list[str] = []
    sections = soup.select("section.item.abstract, div.item.abstract")
    sections = [s for s in sections if s.find_parent(class_="abstract") is None]
    paragraphs = _abstract_paragraphs(sections[0]) if sections else []
    if len(sections) > 1:
        warnings.append(f"page has {len(sections)} abstract sections; the first was used")
    description = _first(_meta_tags(soup), "dc.description", "citation_abstract")
    truncated = _is_truncated(html)
    if truncated:
        warnings.append("page is truncated (no </html>)")
    if description:
        from_description = _description_paragraphs(description)
        if not paragraphs and from_description:
            paragraphs = from_description
            warnings.append("abstract taken from DC.Description (no abstract section on the page)")
        elif truncated and len(_squash("".join(from_description))) > len(_squash("".join(paragraphs))):
            paragraphs = from_description
            warnings.append("abstract taken from DC.Description (the page's abstract is cut off)")
    if not paragraphs:
        reason = "page truncated before the abstract" if truncated else "no abstract on the page"
        raise ReadError(where, f"{reason} (no section.item.abstract and no DC.Description)")
    meta, meta_warnings = _html_metadata(soup, url)
    source: Source = meta["source"]
    fallback = fallback_id or _stem(where, "html")
    text = "\n\n".join(paragraphs)
    found, hints = detect_sections_with_warnings(text)
    return Abstract(
        id=record_id(source.url, source.journal, source.article_id, fallback),
        text=text,
        sections=found,
        source=source,
        code=meta["code"],
        title=meta["title"],
        authors=meta["authors"],
        affiliations=meta["affiliations"],
        warnings=warnings + meta_warnings + hints,
    )


def _stem(where: str, default: str) -> str:
    if where.startswith("<") or "://" in where:
        return default
    return Path(where).stem or default


# ---------------------------------------------------------------------------
# page text (what a browser's "select all, copy" gives)
# ---------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------
# plain text
# ---------------------------------------------------------------------------
def read_plain_text(text: str, id: str) -> Abstract:
    """An abstract as plain text: kept unchanged (offsets point into it), sections detected."""

    def run() -> Abstract:
        if not text.strip():
            raise ReadError(id, "empty abstract")
        found, hints = detect_sections_with_warnings(text)
        return Abstract(id=id, text=text, sections=found, warnings=hints)

    return _guard(id, run)


# ---------------------------------------------------------------------------
# files and folders
# ---------------------------------------------------------------------------
def _read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing files above ``max_bytes`` before reading them."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(str(path), f"file too large ({size:,} bytes; the limit is {max_bytes:,} bytes)")
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(str(path), f"file too large (over the limit of {max_bytes:,} bytes)")
    if not data.strip():
        raise ReadError(str(path), "empty file")
    return data


def _url_from_meta(meta: Path, warnings: list[str]) -> str | None:
    """``{"url": ...}`` from a harvest's ``meta.json``; a broken one is a warning, not a failure."""
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        warnings.append(f"ignored {meta.name}: {type(exc).__name__}")
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.strip() else None


def _sibling_meta(path: Path) -> Path | None:
    for cand in (path.with_name(path.stem + ".meta.json"), path.with_name(HARVEST_META)):
        if cand.is_file():
            return cand
    return None


def _is_harvest_folder(path: Path) -> bool:
    return ((path / HARVEST_PAGE).is_file() and (path / HARVEST_META).is_file()) or _is_oai_only_folder(path)


def _is_oai_only_folder(path: Path) -> bool:
    """A harvested OAI record that had no article page: ``abstract.txt`` + ``oai.json`` + ``meta.json``."""
    return all((path / name).is_file() for name in (HARVEST_ABSTRACT, HARVEST_OAI, HARVEST_META))


def _read_oai_only(folder: Path, cap: int) -> Abstract:
    """The abstract text the harvester kept from ``dc:description``, with the metadata it stored."""
    where = str(folder)
    text = decode_bytes(_read_capped(folder / HARVEST_ABSTRACT, cap), where=where).rstrip("\n")
    try:
        meta = json.loads((folder / HARVEST_META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReadError(where, f"broken {HARVEST_META} ({type(exc).__name__})") from exc
    abstract = read_plain_text(text, id=folder.name)
    if isinstance(meta, dict):
        title = meta.get("title")
        abstract.title = title if isinstance(title, str) and title.strip() else None
        raw_source = meta.get("source")
        if isinstance(raw_source, dict):
            try:
                abstract.source = Source.model_validate(
                    {k: v for k, v in raw_source.items() if v is not None and k in Source.model_fields})
            except ValueError:
                abstract.warnings.append(f"ignored the source in {HARVEST_META} (not valid)")
    abstract.warnings.insert(0, "no article page: abstract from the OAI record's dc:description")
    return abstract


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2048].lower()
    return head.startswith("<") and ("<html" in head or "<!doctype html" in head or "<head" in head)


def read_path(path: str | Path, *, max_bytes: int | None = None) -> Abstract:
    """Read one input holding one abstract: an ``.html``/``.htm`` page, a ``.txt`` (page text or plain
    abstract), a ``.pdf`` with one abstract, or a harvested article folder (``page.html`` + ``meta.json``).

    Raises only :class:`ReadError`, naming the path (an abstract book is one too:
    :func:`read_abstracts` reads every abstract in it).
    """
    found = read_abstracts(path, max_bytes=max_bytes)
    if len(found) != 1:
        raise ReadError(str(path), f"abstract book with {len(found)} abstracts; read it with read_abstracts()")
    return found[0]


def read_abstracts(path: str | Path, *, max_bytes: int | None = None) -> list[Abstract]:
    """Every abstract in one input: one for a page, a text or a harvested folder; one per code for
    a PDF abstract book. Raises only :class:`ReadError`, naming the path."""
    p = Path(path)
    return _guard(str(p), lambda: _read_path(p, MAX_BYTES if max_bytes is None else max_bytes))


def read_bytes(data: bytes, *, where: str = "<stdin>", stem: str = "stdin", suffix: str = "") -> list[Abstract]:
    """Bytes from anywhere (standard input) -> abstracts, sniffed like a file named ``stem + suffix``."""
    return _guard(where, lambda: _read_data(data, where, stem, suffix.lower(), None))


def _read_path(p: Path, cap: int) -> list[Abstract]:
    where = str(p)
    if not p.exists():
        raise ReadError(where, "no such file or directory")
    warnings: list[str] = []
    if p.is_dir():
        page = p / HARVEST_PAGE
        if not page.is_file() and _is_oai_only_folder(p):
            return [_read_oai_only(p, cap)]
        if not page.is_file():
            raise ReadError(where, f"folder is not a harvested article (no {HARVEST_PAGE})")
        meta = p / HARVEST_META
        url = _url_from_meta(meta, warnings) if meta.is_file() else None
        data = _read_capped(page, cap)
        abstract = read_html(
            decode_bytes(data, where=where, declared=declared_charset(data)), url, where=where, id=p.name
        )
        abstract.warnings[:0] = warnings
        return [abstract]
    if not p.is_file():
        raise ReadError(where, "not a regular file")
    reason = not_read_reason(p, named=True)
    if reason:
        raise ReadError(where, reason)
    data = _read_capped(p, cap)
    return _read_data(data, where, p.stem, p.suffix.lower(), p)


def _read_data(data: bytes, where: str, stem: str, suffix: str, p: Path | None) -> list[Abstract]:
    """Dispatch on the content and suffix: PDF (never decoded as text), HTML, page text, plain text."""
    from .pdf import is_pdf, read_pdf

    if not data.strip():
        raise ReadError(where, "empty file" if p is not None else "empty input")
    if suffix in PDF_SUFFIXES or is_pdf(data):
        if not is_pdf(data):
            raise ReadError(where, "not a PDF (no %PDF- header) although named .pdf")
        return read_pdf(data, where=where, stem=stem)
    warnings: list[str] = []
    text = decode_bytes(
        data, where=where, declared=declared_charset(data) if suffix not in TEXT_SUFFIXES else None
    )
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        meta = _sibling_meta(p) if p is not None else None
        url = _url_from_meta(meta, warnings) if meta else None
        abstract = read_html(text, url, where=where, id=stem)
        abstract.warnings[:0] = warnings
        return [abstract]
    if looks_like_page_text(text):
        return [read_page_text(text, where=where, id=stem)]
    return [_with_where(where, lambda: read_plain_text(text, id=stem))]


def _with_where(where: str, fn: Callable[[], Abstract]) -> Abstract:
    """Re-raise a reader's error under the file path (``read_plain_text`` names the id)."""
    try:
        return fn()
    except ReadError as exc:
        raise ReadError(where, exc.message) from exc


def iter_input_files(paths: Iterable[str | Path], not_read: list[tuple[Path, str]] | None = None) -> Iterator[Path]:
    """Inputs to read, folders expanded recursively in sorted order.

    A folder holding ``page.html`` + ``meta.json`` is one harvested article (the
    folder is yielded); elsewhere ``*.html``, ``*.htm``, ``*.txt``, ``*.pdf`` and PubMed ``*.xml``/``*.xml.gz``
    files are yielded. Hidden files and folders, ``*.part`` downloads, the companions of
    an input (``<stem>.meta.json``) and ``gold/`` folders are passed over; every
    other file is appended to ``not_read`` as ``(path, reason)`` (nothing is skipped
    in silence). A path named explicitly is yielded as given (even if it does not
    exist, so that :func:`read_path` reports it and the run goes on).
    """
    seen: set[Path] = set()
    visited: set[Path] = set()
    refused = not_read if not_read is not None else []
    for raw in paths:
        root = Path(raw)
        for p in _expand(root, visited, refused) if root.is_dir() else [root]:
            if p not in seen:
                seen.add(p)
                yield p


def _expand(folder: Path, visited: set[Path], not_read: list[tuple[Path, str]]) -> Iterator[Path]:
    """Walk one folder; ``visited`` (resolved paths) stops symlink loops."""
    try:
        real = folder.resolve()
        if real in visited:
            return
        visited.add(real)
        if _is_harvest_folder(folder):
            yield folder
            return
        children = sorted(folder.iterdir(), key=lambda c: c.name)
    except OSError as exc:
        not_read.append((folder, f"cannot list the folder ({exc.strerror or exc})"))
        return
    for child in children:
        if is_ignored(child):
            continue
        if child.is_dir():
            if child.name.lower() != "gold":
                yield from _expand(child, visited, not_read)
            continue
        if is_companion(child):
            continue
        reason = not_read_reason(child, named=False)
        if reason:
            not_read.append((child, reason))
        else:
            yield child

