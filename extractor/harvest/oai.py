"""A small OAI-PMH ``ListRecords`` client in the manner of Sickle.

Sickle itself is tiny and does what we need, but it brings its own requests
calls (no cache, no rate limit, no allow-list) and parses with lxml's defaults
(entities resolved). So this module keeps Sickle's shape — a lazy iterator over
pages that follows ``resumptionToken`` — on top of the harvester's one HTTP
client (injected as ``fetch``), and parses with ``defusedxml``, which refuses
entity declarations outright: an XXE payload is an error, never resolved.

OAI-PMH specifics handled here:

* ``<error code="noRecordsMatch">`` is an empty list, not a failure.
* ``<error code="badResumptionToken">`` (expired or unknown token, e.g. after a
  restart more than 24 h later) is recovered by re-listing with
  ``from`` = the last datestamp seen, as OAI-PMH's selective harvesting allows;
  records listed twice are skipped by the caller because they are already stored.
  A second bad token without progress gives up with a clear error.
* ``<header status="deleted">`` records carry no metadata: yielded with
  ``deleted=True`` so the caller can count them.
* ``dc:description`` holds the abstract's HTML as *escaped text*; :func:`html_to_text`
  parses it a second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from bs4 import BeautifulSoup
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import FetchError

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
DC_NS = "http://purl.org/dc/elements/1.1/"
_O = f"{{{OAI_NS}}}"

Fetch = Callable[[dict[str, str]], bytes]


class OAIError(FetchError):
    """An OAI-PMH error answer (``code`` is the protocol's code) or an unreadable response."""

    def __init__(self, where: str, message: str, code: str | None = None):
        super().__init__(where, message)
        self.code = code


@dataclass
class OAIRecord:
    identifier: str
    datestamp: str
    sets: list[str] = field(default_factory=list)
    deleted: bool = False
    dc: dict[str, list[str]] = field(default_factory=dict)  # oai_dc element name -> values, in order

    @property
    def title(self) -> str | None:
        return (self.dc.get("title") or [None])[0]

    @property
    def description_html(self) -> str:
        return "\n".join(self.dc.get("description", []))

    @property
    def abstract(self) -> str:
        """The abstract as plain text (the escaped HTML of ``dc:description`` parsed again)."""
        return html_to_text(self.description_html)

    @property
    def local_id(self) -> str | None:
        """The id after ``article/`` in ``oai:<repo>:article/<id>``."""
        m = re.search(r":article/([^/\s]+)$", self.identifier)
        return m.group(1) if m else None

    def article_urls(self) -> list[str]:
        """``dc:identifier`` values that are http(s) URLs (OJS: the article URL, then the DOI)."""
        return [v for v in self.dc.get("identifier", []) if v.startswith(("http://", "https://"))]

    def summary(self) -> dict[str, object]:
        """What the corpus keeps of the OAI record (``oai.json`` next to the page)."""
        return {"identifier": self.identifier, "datestamp": self.datestamp, "sets": self.sets,
                "title": self.title, "creators": self.dc.get("creator", []),
                "date": (self.dc.get("date") or [None])[0], "identifiers": self.dc.get("identifier", []),
                "source": self.dc.get("source", []), "abstract": self.abstract}


@dataclass
class OAIPage:
    records: list[OAIRecord]
    token: str | None  # the token for the NEXT page; None on the last page
    request_token: str | None  # the token that fetched THIS page (None: the initial request)
    complete_list_size: int | None = None
    cursor: int | None = None
    response_date: str | None = None


def html_to_text(html: str) -> str:
    """Paragraph text of an HTML fragment: one block per non-blank ``<p>``, joined by a blank line.

    Spacer paragraphs (only U+00A0) and image-only paragraphs are dropped, as
    the readers do for the page's abstract section.
    """
    if not html.strip():
        return ""
    soup = BeautifulSoup(html, "lxml")
    paragraphs = soup.find_all("p")
    if not paragraphs:
        return soup.get_text().strip()
    texts = [p.get_text().strip() for p in paragraphs]
    return "\n\n".join(t for t in texts if t.replace("\u00a0", "").strip())


def parse_response(data: bytes, where: str) -> OAIPage:
    """Parse one OAI-PMH ``ListRecords`` response. Raises :class:`OAIError` for error answers and bad XML."""
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise OAIError(where, f"refused OAI-PMH response: it declares XML entities or external "
                              f"references ({type(exc).__name__}); nothing was resolved") from exc
    except ParseError as exc:
        raise OAIError(where, f"invalid OAI-PMH XML: {exc}") from exc
    if root.tag != f"{_O}OAI-PMH":
        raise OAIError(where, f"not an OAI-PMH response (root element {root.tag!r})")
    errors = root.findall(f"{_O}error")
    if errors:
        code = errors[0].get("code") or "unknown"
        text = "; ".join(f"{e.get('code')}: {(e.text or '').strip()}" for e in errors)
        raise OAIError(where, f"OAI-PMH error {text}", code=code)
    listing = root.find(f"{_O}ListRecords")
    if listing is None:
        raise OAIError(where, "OAI-PMH response has neither ListRecords nor error")
    records = [_record(el, where) for el in listing.findall(f"{_O}record")]
    token_el = listing.find(f"{_O}resumptionToken")
    token = (token_el.text or "").strip() if token_el is not None else ""
    return OAIPage(
        records=records,
        token=token or None,
        request_token=None,
        complete_list_size=_int(token_el.get("completeListSize")) if token_el is not None else None,
        cursor=_int(token_el.get("cursor")) if token_el is not None else None,
        response_date=_text(root.find(f"{_O}responseDate")),
    )


def _record(el: Element, where: str) -> OAIRecord:
    header = el.find(f"{_O}header")
    if header is None:
        raise OAIError(where, "OAI-PMH record without header")
    identifier = _text(header.find(f"{_O}identifier"))
    if not identifier:
        raise OAIError(where, "OAI-PMH record header without identifier")
    record = OAIRecord(
        identifier=identifier,
        datestamp=_text(header.find(f"{_O}datestamp")) or "",
        sets=[s.text.strip() for s in header.findall(f"{_O}setSpec") if s.text],
        deleted=header.get("status") == "deleted",
    )
    metadata = el.find(f"{_O}metadata")
    if metadata is not None and not record.deleted:
        for child in metadata.iter():
            if child.tag.startswith(f"{{{DC_NS}}}") and child.text and child.text.strip():
                record.dc.setdefault(child.tag.split("}", 1)[1], []).append(child.text.strip())
    return record


def _text(el: Element | None) -> str | None:
    return el.text.strip() if el is not None and el.text else None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


class ListRecords:
    """Lazy iterator over the pages of an OAI-PMH ``ListRecords`` request.

    ``fetch(params)`` returns the response body for the endpoint with those
    query parameters (the caller's HTTP client: cache, retries, rate limit).
    ``token`` resumes an earlier harvest; ``last_datestamp`` is where to
    re-list from if that token is refused. Both are kept up to date while
    iterating, so the caller can save them at any point.
    """

    def __init__(self, fetch: Fetch, where: str, *, metadata_prefix: str = "oai_dc",
                 from_: str | None = None, until: str | None = None, set_spec: str | None = None,
                 token: str | None = None, last_datestamp: str | None = None):
        self.fetch = fetch
        self.where = where
        self.base = {"verb": "ListRecords", "metadataPrefix": metadata_prefix}
        if from_:
            self.base["from"] = from_
        if until:
            self.base["until"] = until
        if set_spec:
            self.base["set"] = set_spec
        self.token = token
        self.last_datestamp = last_datestamp
        self.recoveries: list[str] = []  # the ``from`` dates re-listed from after a bad token

    def _params(self) -> dict[str, str]:
        if self.token:
            return {"verb": "ListRecords", "resumptionToken": self.token}
        return dict(self.base)

    def _recover(self, error: OAIError) -> None:
        """Re-list from the last datestamp seen instead of the refused token."""
        since = self.last_datestamp
        if not since or since in self.recoveries:
            raise OAIError(self.where, f"{error.message}; cannot resume by date "
                                       f"({'no record seen yet' if not since else 'no progress since ' + since})",
                           code=error.code) from error
        self.recoveries.append(since)
        self.token = None
        self.base["from"] = since

    def pages(self) -> Iterator[OAIPage]:
        while True:
            request_token = self.token
            try:
                page = parse_response(self.fetch(self._params()), self.where)
            except OAIError as exc:
                if exc.code == "noRecordsMatch":
                    self.token = None
                    return
                if exc.code == "badResumptionToken" and request_token:
                    self._recover(exc)
                    continue
                raise
            page.request_token = request_token
            yield page
            self.token = page.token
            if not page.token:
                return

    def records(self) -> Iterator[OAIRecord]:
        """All records, deleted ones included (``record.deleted``); updates ``last_datestamp`` as it goes."""
        for page in self.pages():
            for record in page.records:
                yield record
                if record.datestamp:
                    self.last_datestamp = record.datestamp


__all__ = ["DC_NS", "ListRecords", "OAIError", "OAIPage", "OAIRecord", "OAI_NS", "html_to_text", "parse_response"]
