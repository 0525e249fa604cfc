"""Pure string parsers for the metadata an OJS page prints in plain text.

Reumatismo congress abstracts carry their metadata in two strings rather than in
OJS's own fields: the title ``"PO:18:276 | Title"`` and the subtitle
``"Name1, Name2 | 1Affiliation; 2Affiliation, Italy"`` (OJS escapes titles, so the
superscript numbers are plain digits glued to the names). Both the HTML reader and
the page-text reader parse the same strings, so the parsers live here, free of any
markup.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

from schemas import Affiliation, Author

# Congress codes: "PO:18:276", "CO:03:021", "OP:12", "PO123", "P.05", "OP-01".
_CODE = r"[A-Z]{1,4}(?:[:.\-]?\d+)(?:[:.\-]\d+)*"
_CODE_TITLE_RE = re.compile(rf"^\s*(?P<code>{_CODE})\s*\|\s*(?P<title>.+?)\s*$", re.S)
_ISSUE_RE = re.compile(
    r"Vol\.?\s*(?P<volume>[^\s()]+)\s+No\.?\s*(?P<issue>[^\s()]+)\s*\((?P<year>\d{4})\)(?:\s*:\s*(?P<title>.+))?",
    re.S,
)
_NUMS_RE = re.compile(r"^\d+(?:\s*[\-\u2013]\s*\d+)?$")
_NAME_NUMS_RE = re.compile(r"^(?P<name>.*?[^\d\s])\s*(?P<nums>\d+(?:\s*[\-\u2013]\s*\d+)?)?$", re.S)
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:,|;|\s+and\s+|\s*&\s*)\s*")
# A name as printed in a subtitle: capitalised, at most six words, no sentence punctuation.
_AUTHOR_NAME_RE = re.compile(r"^[^\W\d_][^\d:|()\[\]]*?(?:\s*\d+(?:\s*[\-\u2013]\s*\d+)?)?$")
_MARKS = "*\u2020\u2021\u00a7#\u00b6"
# An affiliation number glued (or spaced) before its name; "2nd University" is no number.
_AFF_MARK_RE = re.compile(r"(?:^|[;,])\s*(?P<id>\d{1,2})(?!(?:st|nd|rd|th)\b)(?=\s*[^\W\d_])")
_ARTICLE_URL_RE = re.compile(r"/(?:index\.php/)?(?P<journal>[^/]+)/article/view/(?P<id>[^/?#]+)")


def normalise_space(s: str) -> str:
    """Collapse every run of whitespace (U+00A0 included) to one plain space, and strip.

    OJS keeps the editor's raw U+00A0 ("Professione,\\u00a0Italy"); a name or an
    affiliation must compare equal whatever space the editor typed.
    """
    return " ".join(s.replace("\u00a0", " ").split())


def split_code_title(title: str) -> tuple[str | None, str]:
    """``"PO:18:276 | Title"`` -> ``("PO:18:276", "Title")``; a title without code -> ``(None, title)``."""
    title = normalise_space(title)
    m = _CODE_TITLE_RE.match(title)
    if m is None:
        return None, title
    return m.group("code"), m.group("title")


def looks_like_author_string(s: str) -> bool:
    """True for ``"Name1, Name2 | 1Aff; 2Aff"``: a name list, then ``|``, then affiliations.

    Used to tell a congress subtitle from the rest of a title that merely contains
    ``": "`` ("Belimumab and renal flares in lupus nephritis: a real-life ...").
    """
    names, sep, affs = normalise_space(s).partition(" | ")
    if not sep or not affs.strip():
        return False
    parts = [p.strip(_MARKS) for p in _AUTHOR_SPLIT_RE.split(names) if p.strip(_MARKS)]
    return bool(parts) and all(_NUMS_RE.match(p) or _is_printed_name(p) for p in parts)


def _is_printed_name(part: str) -> bool:
    return part[0].isupper() and len(part.split()) <= 6 and _AUTHOR_NAME_RE.match(part) is not None


def split_full_title(full: str, title_line: str | None = None) -> tuple[str, str | None]:
    """Split OJS's full title (``title + ": " + subtitle``) into title line and subtitle.

    With the page's ``h1`` at hand the split is exact; without it, the subtitle is
    the remainder after the first ``": "`` that reads as an author string, because
    titles themselves often contain ``": "``.
    """
    full = normalise_space(full)
    if title_line:
        title_line = normalise_space(title_line)
        if full.startswith(title_line + ": "):
            return title_line, full[len(title_line) + 2 :] or None
        if full == title_line:
            return title_line, None
    for m in re.finditer(r": ", full):
        rest = full[m.end() :]
        if looks_like_author_string(rest):
            return full[: m.start()], rest
    return full, None


def _expand(nums: str) -> list[int]:
    """ "1" -> [1]; "1-3" -> [1, 2, 3] (a printed range of affiliation numbers)."""
    bounds = [int(n) for n in re.findall(r"\d+", nums)]
    if len(bounds) == 2 and 0 < bounds[1] - bounds[0] < 50:
        return list(range(bounds[0], bounds[1] + 1))
    return bounds


def parse_author_names(names: str) -> list[Author]:
    """``"Grimaldi1,2, Alessandrini2"`` -> authors with their affiliation numbers.

    A bare number after a comma belongs to the author before it ("Grimaldi1,2").
    Footnote marks (``*``, ``†`` ...) are dropped.
    """
    authors: list[Author] = []
    for raw in _AUTHOR_SPLIT_RE.split(normalise_space(names)):
        part = raw.strip().strip(_MARKS).strip()
        if not part:
            continue
        if _NUMS_RE.match(part):
            if authors:
                authors[-1].affiliations.extend(n for n in _expand(part) if n not in authors[-1].affiliations)
            continue
        m = _NAME_NUMS_RE.match(part)
        if m is None:
            continue
        name = m.group("name").strip().strip(_MARKS).strip()
        nums = _expand(m.group("nums")) if m.group("nums") else []
        if name:
            authors.append(Author(name=name, affiliations=nums))
    return authors


def parse_affiliations(affs: str) -> list[Affiliation]:
    """``"1UOC Reumatologia Verona; 2Specialista ..., Italy"`` -> numbered affiliations.

    A number opens a new affiliation only when it is the next one expected (1, 2,
    3 ...), so street numbers and postcodes inside an affiliation stay in it.
    Without numbers, ``;`` separates affiliations, numbered in order.
    """
    affs = normalise_space(affs)
    marks: list[re.Match[str]] = []
    for m in _AFF_MARK_RE.finditer(affs):
        expected = int(marks[-1].group("id")) + 1 if marks else None
        n = int(m.group("id"))
        if (expected is None and m.start() == 0) or n == expected:
            marks.append(m)
    if not marks:
        parts = [p.strip(" ;,") for p in affs.split(";")]
        return [Affiliation(id=i, name=p) for i, p in enumerate((p for p in parts if p), start=1)]
    out: list[Affiliation] = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(affs)
        name = affs[m.end("id") : stop].strip(" ;,")
        if name:
            out.append(Affiliation(id=int(m.group("id")), name=name))
    return out


def parse_author_string(s: str) -> tuple[list[Author], list[Affiliation]]:
    """Split a congress subtitle into authors (with numbers) and numbered affiliations."""
    names, _, affs = normalise_space(s).partition(" | ")
    return parse_author_names(names), parse_affiliations(affs)


def authors_from_records(records: list[tuple[str, str | None]]) -> tuple[list[Author], list[Affiliation]]:
    """Authors from OJS author records ``(name, affiliation or None)``.

    OJS prints no numbers for these, so affiliations are numbered in order of first
    appearance (the way a printed list would number them).
    """
    affiliations: list[Affiliation] = []
    authors: list[Author] = []
    index: dict[str, int] = {}
    for name, aff in records:
        name = normalise_space(name)
        if not name:
            continue
        ids: list[int] = []
        if aff and normalise_space(aff):
            key = normalise_space(aff)
            if key not in index:
                index[key] = len(affiliations) + 1
                affiliations.append(Affiliation(id=index[key], name=key))
            ids.append(index[key])
        authors.append(Author(name=name, affiliations=ids))
    return authors, affiliations


def parse_issue_identification(s: str) -> dict[str, str | int | None]:
    """``"Vol. 77 No. s1 (2025): Abstract book ..."`` -> volume, issue, year, collection."""
    m = _ISSUE_RE.search(normalise_space(s))
    if m is None:
        return {}
    title = m.group("title")
    return {
        "volume": m.group("volume"),
        "issue": m.group("issue"),
        "year": int(m.group("year")),
        "collection": title.strip() if title and title.strip() else None,
    }


def parse_date(s: str | None) -> str | None:
    """An ISO date from the forms OJS prints: ``2025/11/26``, ``2025-11-26``, ``26 November 2025``."""
    if not s:
        return None
    s = normalise_space(s)
    for fmt in ("%Y/%m/%d", "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return None


def article_ref(url: str | None) -> tuple[str | None, str | None, str | None]:
    """(host, journal path, article id) of an OJS article URL, e.g. ``/reuma/article/view/2170``."""
    if not url:
        return None, None, None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None, None, None
    m = _ARTICLE_URL_RE.search(parts.path)
    host = (parts.hostname or "").lower() or None
    if m is None:
        return host, None, None
    return host, m.group("journal"), m.group("id")


def canonical_article_url(url: str) -> str:
    """Drop query and fragment from an article URL (``?articlesBySimilarityPage=2#...``)."""
    parts = urlsplit(url)
    if _ARTICLE_URL_RE.search(parts.path):
        return parts._replace(query="", fragment="").geturl()
    return url


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def record_id(url: str | None, journal: str | None, article_id: str | None, fallback: str) -> str:
    """``reumatismo-<id>`` for Reumatismo, ``<journal path>-<id>`` for other OJS hosts, else ``fallback``.

    Reumatismo is recognised by host (reumatismo.org) or by journal title, so a test
    server on 127.0.0.1 serving Reumatismo pages still yields the real ids.
    """
    host, path, url_id = article_ref(url)
    aid = article_id or url_id
    if not aid:
        return fallback
    if (host and (host == "reumatismo.org" or host.endswith(".reumatismo.org"))) or (
        journal and _slug(journal) == "reumatismo"
    ):
        return f"reumatismo-{aid}"
    if path:
        return f"{path}-{aid}"
    if journal and _slug(journal):
        return f"{_slug(journal)}-{aid}"
    return fallback
