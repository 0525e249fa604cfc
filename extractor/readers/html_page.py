"""An OJS 3 article page -> :class:`Abstract`: the abstract (``html_text``) and the metadata the page states.

Sources of truth, in order: the ``<meta>`` tags (Google Scholar ``citation_*`` and Dublin Core
``DC.*``, which OJS fills from its database), then the article-details markup; for the congress
title/author strings the page's ``h1``/``h2.subtitle`` (exact), then the meta full title (split
heuristically)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from pipelines.sections import detect_sections_with_warnings
from schemas import Affiliation, Author, Source

from ..abstract import Abstract
from ..errors import ReadError
from ..metadata import (
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
from .common import _guard, _stem
from .decoding import declared_charset, decode_bytes
from .html_text import _abstract_paragraphs, _description_paragraphs


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
