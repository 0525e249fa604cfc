"""PubMed/MEDLINE XML (``PubmedArticleSet``, plain or gzipped) -> one :class:`Abstract` per citation.

The annual baseline and the daily update files are 30,000 citations and
~200 MB of XML each, so a file is never loaded whole: it is read with
``iterparse`` and every top-level element is cleared from the tree as soon as it
has been turned into an abstract, which keeps memory flat whatever the file
size (the 10 MB cap of :mod:`extractor.readers` is for single pages and does
not apply here). Parsing goes through defusedxml, so an entity declaration
(billion laughs, external entities) is refused rather than expanded; the
DOCTYPE line that PubMed files carry is allowed, and the DTD it names is never
fetched.

What a citation gives (see ``docs/run.md``):

* ``id`` ``pubmed-<PMID>`` (like ``reumatismo-<article id>``: the source, then its
  own id), ``source.article_id`` the PMID, ``source.url`` its PubMed page;
* title, journal, volume, issue, year (``PubDate``/``MedlineDate``), published
  (the electronic ``ArticleDate`` or a complete ``PubDate``), DOI;
* authors in order (``ForeName LastName`` or a ``CollectiveName``), their
  affiliations numbered in order of first appearance;
* the abstract: each ``AbstractText`` is a paragraph joined by ``"\\n\\n"``; a
  structured abstract keeps its sections as the XML labels them (``Label`` as the
  heading, printed as ``LABEL: text``; ``NlmCategory`` as the label), an
  unstructured one gets the same section detection as any other text.

A citation without an abstract yields :class:`NoAbstract` (counted, not
extracted). ``DeleteCitation`` entries of update files yield :class:`Deleted`.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from pipelines.sections import detect_sections_with_warnings, label_for
from schemas import Affiliation, Author, Section, Source

from .abstract import Abstract
from .errors import ReadError

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
ROOT_TAG = "PubmedArticleSet"
_GZIP_MAGIC = b"\x1f\x8b"

#: NLM's categories of structured-abstract labels -> the record's section labels (annotation rule 13).
NLM_CATEGORIES: dict[str, str] = {
    "BACKGROUND": "background",
    "OBJECTIVE": "background",
    "METHODS": "methods",
    "RESULTS": "results",
    "CONCLUSIONS": "conclusions",
}
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_YEAR_RE = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class NoAbstract:
    """A citation with no abstract text (a letter, an editorial, an old record): counted, not extracted."""

    where: str
    pmid: str


@dataclass(frozen=True)
class Deleted:
    """A ``DeleteCitation`` entry of an update file (the PMIDs it withdraws)."""

    where: str
    pmids: tuple[str, ...]


def is_pubmed_path(path: str | Path) -> bool:
    """``*.xml`` or ``*.xml.gz``: read with :func:`iter_pubmed`."""
    name = Path(path).name.lower()
    return name.endswith(".xml") or name.endswith(".xml.gz")


def _open(path: Path) -> IO[bytes]:
    """The file's bytes, gunzipped on the fly when it starts with the gzip magic (whatever its name)."""
    fh = path.open("rb")
    magic = fh.read(2)
    fh.seek(0)
    if magic == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[return-value]
    return fh


def iter_pubmed(path: str | Path) -> Iterator[Abstract | NoAbstract | Deleted | ReadError]:
    """Stream the citations of a PubMed XML file, one at a time, in file order.

    A broken file (not XML, truncated, not a ``PubmedArticleSet``, an entity
    declaration) raises :class:`ReadError` naming it once the citations before the
    break have been yielded. A citation the reader cannot handle raises nothing:
    it is yielded as a :class:`ReadError` value naming ``file#PMID`` (the caller
    reports it and goes on).
    """
    p = Path(path)
    where = str(p)
    try:
        fh = _open(p)
    except OSError as exc:
        raise ReadError(where, exc.strerror or str(exc)) from exc
    with fh:
        yield from _stream(fh, where)


def _stream(fh: IO[bytes], where: str) -> Iterator[Abstract | NoAbstract | Deleted | ReadError]:
    depth = 0
    root: Element | None = None
    try:
        for event, elem in iterparse(fh, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1:
                    root = elem
                    if elem.tag != ROOT_TAG:
                        raise ReadError(where, f"not a PubMed XML file (root element <{elem.tag}>, "
                                               f"expected <{ROOT_TAG}>)")
                continue
            depth -= 1
            if depth != 1:
                continue
            item = _top_level(elem, where)
            if root is not None:
                root.clear()  # drop what has been read: memory stays flat on a 30,000-citation file
            if item is not None:
                yield item
    except ParseError as exc:
        raise ReadError(where, f"broken XML ({exc})") from exc
    except DefusedXmlException as exc:
        raise ReadError(where, f"refused XML ({type(exc).__name__}: entity or DTD declarations are not allowed)") from exc
    except (OSError, EOFError) as exc:  # a truncated or corrupt .gz
        raise ReadError(where, f"cannot read ({type(exc).__name__}: {exc})") from exc
    if root is None:
        raise ReadError(where, "empty file")


def _top_level(elem: Element, where: str) -> Abstract | NoAbstract | Deleted | ReadError | None:
    if elem.tag == "PubmedArticle":
        pmid = _text(elem.find("MedlineCitation/PMID")) or "?"
        try:
            return citation_to_abstract(elem, where)
        except Exception as exc:  # noqa: BLE001  one odd citation costs that citation, not the file
            return ReadError(f"{where}#{pmid}", f"cannot read citation ({type(exc).__name__}: {exc})")
    if elem.tag == "DeleteCitation":
        return Deleted(where, tuple(_text(e) for e in elem.iter("PMID")))
    return None  # PubmedBookArticle (NCBI Bookshelf chapters) and anything else: not journal abstracts


def _text(elem: Element | None) -> str:
    """All the text of ``elem`` (inline ``<i>``, ``<sup>``… included), whitespace squeezed."""
    if elem is None:
        return ""
    return _SPACE_RE.sub(" ", "".join(elem.itertext())).strip()


def citation_to_abstract(article: Element, where: str = "<pubmed>") -> Abstract | NoAbstract:
    """One ``<PubmedArticle>`` element -> :class:`Abstract` (or :class:`NoAbstract`)."""
    citation = article.find("MedlineCitation")
    if citation is None:
        raise ValueError("no MedlineCitation")
    pmid = _text(citation.find("PMID"))
    if not pmid:
        raise ValueError("no PMID")
    art = citation.find("Article")
    if art is None:
        raise ValueError("no Article")
    parts = [(t.get("Label"), t.get("NlmCategory"), _text(t)) for t in art.findall("Abstract/AbstractText")]
    parts = [(label, category, body) for label, category, body in parts if body]
    if not parts:
        return NoAbstract(where, pmid)
    text, sections, warnings = _abstract_text(parts)
    authors, affiliations = _authors(art)
    return Abstract(
        id=f"pubmed-{pmid}",
        text=text,
        sections=sections,
        source=_source(pmid, art, article),
        title=_text(art.find("ArticleTitle")) or _text(art.find("VernacularTitle")) or None,
        authors=authors,
        affiliations=affiliations,
        warnings=warnings,
    )


def _abstract_text(parts: list[tuple[str | None, str | None, str]]) -> tuple[str, list[Section], list[str]]:
    """Paragraphs joined by a blank line; labelled ones as ``LABEL: text``, each a section.

    When no paragraph is labelled the abstract is unstructured as far as PubMed
    knows, and the text's own headings (if any) are detected as for any text.
    """
    if not any(label for label, _, _ in parts):
        text = "\n\n".join(body for _, _, body in parts)
        sections, hints = detect_sections_with_warnings(text)
        return text, sections, hints
    chunks: list[str] = []
    sections: list[Section] = []
    pos = 0
    for label, category, body in parts:
        if pos:
            pos += 2  # the "\n\n" before this paragraph
        heading = _SPACE_RE.sub(" ", label or "").strip()
        chunk = f"{heading}: {body}" if heading else body
        if heading:
            kind = NLM_CATEGORIES.get((category or "").upper()) or label_for(heading) or "other"
            sections.append(Section(label=kind, heading=heading, start=pos, end=pos + len(chunk)))
        chunks.append(chunk)
        pos += len(chunk)
    return "\n\n".join(chunks), sections, []


def _authors(art: Element) -> tuple[list[Author], list[Affiliation]]:
    authors: list[Author] = []
    numbers: dict[str, int] = {}
    for a in art.findall("AuthorList/Author"):
        if a.get("ValidYN", "Y") == "N":
            continue
        name = _text(a.find("CollectiveName")) or " ".join(
            x for x in (_text(a.find("ForeName")) or _text(a.find("Initials")), _text(a.find("LastName"))) if x
        )
        if not name:
            continue
        ids: list[int] = []
        for aff in a.findall("AffiliationInfo/Affiliation"):
            affiliation = _text(aff)
            if affiliation:
                ids.append(numbers.setdefault(affiliation, len(numbers) + 1))
        authors.append(Author(name=name, affiliations=ids))
    return authors, [Affiliation(id=i, name=n) for n, i in numbers.items()]


def _source(pmid: str, art: Element, article: Element) -> Source:
    issue = art.find("Journal/JournalIssue")
    pub_date = issue.find("PubDate") if issue is not None else None
    year = _year(pub_date)
    doi = next(
        (_text(e) for e in article.findall("PubmedData/ArticleIdList/ArticleId") if e.get("IdType") == "doi"),
        None,
    ) or next((_text(e) for e in art.findall("ELocationID") if e.get("EIdType") == "doi"), None)
    published = _date(art.find("ArticleDate")) or _date(pub_date)
    return Source(
        url=PUBMED_URL.format(pmid=pmid),
        journal=_text(art.find("Journal/Title")) or _text(art.find("Journal/ISOAbbreviation")) or None,
        volume=_text(issue.find("Volume")) or None if issue is not None else None,
        issue=_text(issue.find("Issue")) or None if issue is not None else None,
        year=year if year is not None else (int(published[:4]) if published else None),
        published=published,
        doi=doi or None,
        article_id=pmid,
    )


def _year(pub_date: Element | None) -> int | None:
    if pub_date is None:
        return None
    m = _YEAR_RE.search(_text(pub_date.find("Year")) or _text(pub_date.find("MedlineDate")))
    return int(m.group(1)) if m else None


def _date(elem: Element | None) -> str | None:
    """``YYYY-MM-DD`` from ``Year``/``Month``/``Day`` children when all three are there and valid."""
    if elem is None:
        return None
    y, m, d = (_text(elem.find(k)) for k in ("Year", "Month", "Day"))
    month = int(m) if m.isdigit() else _MONTHS.get(m[:3].lower())
    if not (y.isdigit() and month and d.isdigit()):
        return None
    try:
        return date(int(y), month, int(d)).isoformat()
    except ValueError:
        return None
