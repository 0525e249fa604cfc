"""What the harvester needs to know about Open Journal Systems URLs and pages.

Only OJS's stable landmarks are used (``../../tests/fixtures/ojs/README.md``):
URL shapes ``<root>[/index.php]/<journal>/{article/view,issue/view,oai}``, the
article page's meta tags, and the issue page's ``.obj_issue_toc``. Links outside
the table of contents (sidebar "Most read", navigation) are never followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from ..errors import ReadError

_OJS_URL = re.compile(
    r"^(?P<root>https?://[^/?#]+(?:/[^?#]*?)??)(?P<index>/index\.php)?"
    r"/(?P<journal>[A-Za-z0-9_.-]+)/(?P<kind>article/view|issue/view|oai)"
    r"(?:/(?P<id>[^/?#]+))?(?P<rest>/[^?#]*)?/?(?:[?#].*)?$"
)


@dataclass(frozen=True)
class OjsUrl:
    """A recognised OJS URL. ``url`` is the normalised form that gets fetched and stored."""

    kind: str  # "article" | "issue" | "oai"
    url: str
    root: str  # scheme://host[/install path], without index.php
    journal: str
    id: str | None


def parse_ojs_url(url: str) -> OjsUrl | None:
    """Classify an OJS URL; None when it is not an article, issue or OAI URL.

    Article URLs are normalised to the landing page: the query (crawled copies
    carry ``?articlesBySimilarityPage=N``), fragment and a galley suffix
    (``/view/<id>/<galley>``) are dropped, so one article has one URL and one record.
    """
    m = _OJS_URL.match(url.strip())
    if not m:
        return None
    kind = m["kind"].split("/")[0]
    journal, ident = m["journal"], m["id"]
    if kind in ("article", "issue") and not ident:
        return None
    if kind == "oai" and (ident or m["rest"]):
        return None
    root = m["root"]
    path = f"{m['index'] or ''}/{journal}/{m['kind']}" + (f"/{ident}" if ident else "")
    parts = urlsplit(root)
    normal = urlunsplit((parts.scheme, parts.netloc.lower(), parts.path + path, "", ""))
    return OjsUrl(kind=kind, url=normal, root=urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, "", "")),
                  journal=journal, id=ident)


def article_url(root: str, journal: str, article_id: str) -> str:
    """The landing-page URL of an article (no ``index.php``, as the live site uses)."""
    return f"{root.rstrip('/')}/{journal}/article/view/{article_id}"


def record_id(article: OjsUrl, home_root: str, home_journal: str, home_prefix: str = "reumatismo") -> str:
    """``reumatismo-<id>`` for the configured journal (default: reumatismo.org's ``reuma``), else ``<journal>-<id>``.

    The home journal is "the configured base URL + journal", not a host-name
    test, so a test server or mirror standing in for reumatismo.org yields the
    same record ids as the live site.
    """
    ident = _safe(article.id or "")
    home = urlsplit(home_root)
    mine = urlsplit(article.root)
    is_home = (mine.netloc.lower() == home.netloc.lower() and mine.path.rstrip("/") == home.path.rstrip("/")
               and article.journal == home_journal)
    if is_home or ((mine.hostname or "").endswith("reumatismo.org") and article.journal == "reuma"):
        return f"{home_prefix}-{ident}"
    return f"{_safe(article.journal)}-{ident}"


def _safe(text: str) -> str:
    """A folder-name-safe form of an id (ids can be URL paths such as ``reumatismo.2014.786``)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._")
    return cleaned or "_"


def page_meta(html: bytes | str) -> dict[str, list[str]]:
    """``<meta name=... content=...>`` of a page, by name (repeated names keep their order)."""
    soup = BeautifulSoup(html, "lxml")
    found: dict[str, list[str]] = {}
    head = soup.head or soup
    for tag in head.find_all("meta"):
        name, content = tag.get("name"), tag.get("content")
        if isinstance(name, str) and isinstance(content, str):
            found.setdefault(name, []).append(content.strip())
    return found


def article_id_from_page(html: bytes | str, fallback: str | None) -> str | None:
    """The article id as the page states it (meta tags first), else ``fallback`` (the URL's id).

    ``DC.Identifier`` holds the numeric id or the URL path; ``DC.Identifier.URI`` /
    ``citation_abstract_html_url`` the landing URL, whose last segment is the id.
    """
    meta = page_meta(html)
    for name in ("DC.Identifier.URI", "citation_abstract_html_url"):
        for value in meta.get(name, []):
            parsed = parse_ojs_url(value)
            if parsed and parsed.kind == "article" and parsed.id:
                return parsed.id
    for value in meta.get("DC.Identifier", []):
        if value and "/" not in value and " " not in value:
            return value
    return fallback


#: Where an OJS theme puts its page's main content (default, Bootstrap3, Health Sciences, Manuscript, ...).
_MAIN_SELECTORS = (".pkp_structure_main", "main", "[role=main]", "#main-content", "#main", "#content", ".main")
#: Never article links of the issue: sidebars, navigation, headers, footers, "most read" blocks.
_NOT_TOC = ("aside, nav, header, footer, .pkp_structure_sidebar, .sidebar, #sidebar, .pkp_block, .block, .navbar, "
            "#articlesBySimilarityList, #articlesBySimilarity, .item.references, .item.citation")
#: Galley (PDF/HTML full text) and download links: the article's landing page is what is harvested.
_GALLEY_CLASSES = ("galley", "obj_galley_link", "galley_link", "galley-link", "pdf", "file", "download")


def issue_article_urls(html: bytes | str, page_url: str) -> list[str]:
    """Article landing URLs listed in an issue's table of contents, in TOC order, deduplicated.

    The default OJS theme's ``.obj_issue_toc`` is used when present, and in it only
    summary title links (``.obj_article_summary .title a``). Other themes mark the
    table of contents up differently, so without it the article links of the page's
    main content are taken (:data:`_MAIN_SELECTORS`), outside sidebars, navigation,
    headers and footers, and never galley or download links (``.../article/view/ID/GALLEY``,
    ``.../article/download/...``). Raises ReadError when no article is listed either way.
    """
    soup = BeautifulSoup(html, "lxml")
    toc = soup.select_one(".obj_issue_toc")
    if toc is not None:
        links = toc.select(".obj_article_summary .title a[href]")
    else:
        if soup.select_one(".obj_article_details, meta[name=citation_abstract_html_url]") is not None:
            raise ReadError(page_url, "not an OJS issue page (no .obj_issue_toc): it is an article page")
        main = next((m for m in (soup.select_one(sel) for sel in _MAIN_SELECTORS) if m is not None), None)
        scope = main or soup.body or soup
        chrome = {id(t) for t in scope.select(_NOT_TOC)}
        links = [a for a in scope.select("a[href]")
                 if not any(id(p) in chrome for p in a.parents) and not _is_galley(a)]
    urls: list[str] = []
    for link in links:
        href = link.get("href")
        if not isinstance(href, str):
            continue
        parsed = parse_ojs_url(urljoin(page_url, href))
        if parsed and parsed.kind == "article" and parsed.url not in urls:
            urls.append(parsed.url)
    if toc is None and not urls:
        raise ReadError(page_url, "not an OJS issue page: no .obj_issue_toc table of contents and no article "
                                  "links in the page's main content")
    return urls


def _is_galley(link: object) -> bool:
    """A galley or download link: a galley class, or an article URL with a galley segment after the id."""
    from bs4 import Tag

    assert isinstance(link, Tag)
    classes = " ".join(link.get("class") or []).lower()
    if any(c in classes for c in _GALLEY_CLASSES):
        return True
    href = link.get("href") or ""
    return isinstance(href, str) and (
        "/article/download/" in href or re.search(r"/article/view/[^/?#]+/[^/?#]+", href) is not None)


__all__ = ["OjsUrl", "article_id_from_page", "article_url", "issue_article_urls", "page_meta",
           "parse_ojs_url", "record_id"]
