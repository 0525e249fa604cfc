"""Harvest orchestration: URLs in, article folders out, and a summary that names every failure.

One :class:`Harvester` runs one harvest. It owns the HTTP client, the corpus
store and the state file, and walks each URL given:

* article URL → fetch the page, parse it (``extractor.readers.read_html``), store it;
* issue URL → fetch the table of contents, then every article listed in ``.obj_issue_toc``;
* OAI endpoint → ``ListRecords`` (oai_dc), each record's article URL from
  ``dc:identifier`` (else built from the OAI identifier), then as an article URL.
  The page is the evidence the extract stage reads, so a record whose page
  cannot be fetched or parsed is a failure — it is *not* stored from the OAI
  metadata alone; the OAI record is kept next to successful pages as ``oai.json``.

A failure (HTTP error, timeout, robots.txt, broken page, ...) is recorded with
its URL and reason and the run goes on. Articles already stored (``meta.json``
present) are skipped before any request. State is saved after every article
and OAI record, so Ctrl-C (or a kill) loses at most the article in flight.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tqdm import tqdm

from ..abstract import Abstract
from ..errors import FetchError, ReadError, ReumaExtractError
from .http import Fetched, HttpClient, HttpConfig
from .oai import ListRecords, OAIRecord
from .ojs import OjsUrl, article_id_from_page, article_url, issue_article_urls, parse_ojs_url, record_id
from .store import STATE_NAME, CorpusStore, HarvestState

DEFAULT_BASE_URL = "https://www.reumatismo.org"
DEFAULT_JOURNAL = "reuma"


@dataclass
class HarvestOptions:
    out: Path = Path("corpus/harvest")
    base_url: str = DEFAULT_BASE_URL
    journal: str = DEFAULT_JOURNAL
    since: str | None = None
    until: str | None = None
    set_spec: str | None = None
    strict: bool = False  # reader warnings make the article a failure (not stored)
    quiet: bool = False
    verbose: bool = False  # a line per article stored or failed as it happens
    http: HttpConfig = field(default_factory=HttpConfig)


@dataclass
class HarvestSummary:
    fetched: int = 0  # articles stored from a network response
    from_cache: int = 0  # articles stored from the HTTP cache
    skipped: int = 0  # articles already stored (not requested at all)
    deleted: int = 0  # OAI records marked deleted
    warnings: int = 0  # stored articles whose reader reported warnings
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    folders: list[Path] = field(default_factory=list)  # every complete article folder this run touched
    requests: int = 0  # network requests (retries inside urllib3 not counted)
    cache_hits: int = 0
    interrupted: bool = False

    @property
    def stored(self) -> int:
        return self.fetched + self.from_cache

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed else 0

    def format(self) -> str:
        lines = [
            f"harvest: {self.stored} stored ({self.fetched} fetched, {self.from_cache} from cache), "
            f"{self.skipped} skipped (already stored), {self.deleted} deleted (OAI), {len(self.failed)} failed",
            f"requests: {self.requests} to the network, {self.cache_hits} from the cache"
            + (f"; {self.warnings} stored with reader warnings" if self.warnings else ""),
        ]
        if self.failed:
            lines.append("failed:")
            lines += [f"  {url}: {reason}" for url, reason in self.failed]
        if self.interrupted:
            lines.append("interrupted: state saved; run the same command again to resume")
        return "\n".join(lines)


def allowed_hosts(base_url: str, urls: list[str], extra: list[str] | None = None) -> set[str]:
    """The hosts a harvest may contact: the base URL's, those of the URLs given, and ``--allow-host``."""
    hosts = {(urlsplit(u).hostname or "").lower() for u in [base_url, *urls] if "://" in u}
    hosts |= {h.strip().lower() for h in (extra or []) if h.strip()}
    hosts.discard("")
    return hosts


def _read_html(content: bytes, url: str, where: str, id: str | None = None) -> Abstract:
    from ..readers import read_html  # imported on first use: ``--help`` must stay fast

    return read_html(content, url, where=where, id=id)


def _jsonable(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


class Harvester:
    def __init__(self, options: HarvestOptions, client: HttpClient | None = None):
        self.options = options
        out = Path(options.out)
        # the folders this harvest creates: removed again if it stores nothing (no empty corpus/harvest/)
        self._created = [p for p in (out, *out.parents) if not p.exists()]
        self.client = client or HttpClient(options.http)
        self.store = CorpusStore(options.out)
        self.state = HarvestState(Path(options.out) / STATE_NAME)
        self.summary = HarvestSummary()
        self.base = options.base_url.rstrip("/")
        self.bar: tqdm | None = None

    # -- entry point ------------------------------------------------------------------------
    def run(self, urls: list[str]) -> HarvestSummary:
        """Harvest every URL; never raises for a failed page. Ctrl-C ends the run with state saved."""
        self.store.sweep()
        self.bar = tqdm(total=None, unit="article", desc="harvest", file=sys.stderr, dynamic_ncols=True,
                        disable=self.options.quiet or not sys.stderr.isatty())
        try:
            for url in urls:
                self._harvest_url(url.strip())
        except KeyboardInterrupt:
            self.summary.interrupted = True
        finally:
            self.state.save()
            self._remove_if_empty()
            self.bar.close()
            self.summary.requests = self.client.network_requests
            self.summary.cache_hits = self.client.cache_hits
        return self.summary

    def close(self) -> None:
        self.client.close()

    def _remove_if_empty(self) -> None:
        """A harvest that created its folder and stored nothing leaves nothing behind (state included:
        failures are retried anyway and there is no stored article to skip on a rerun)."""
        if not self._created or self.summary.folders:
            return
        out = Path(self.options.out)
        if any(p.name != STATE_NAME for p in out.iterdir()):
            return
        self.state.path.unlink(missing_ok=True)
        for folder in self._created:  # deepest first
            try:
                folder.rmdir()
            except OSError:
                break

    # -- dispatch ---------------------------------------------------------------------------
    def _harvest_url(self, url: str) -> None:
        if url.isdigit():  # a bare article id on the configured journal
            url = article_url(self.base, self.options.journal, url)
        parsed = parse_ojs_url(url)
        if parsed is None:
            self._add_total(1)
            self._fail(url, "not an OJS article (.../article/view/ID), issue (.../issue/view/ID) "
                            "or OAI endpoint (.../oai) URL")
            self._tick()
            return
        if parsed.kind == "article":
            self._add_total(1)
            self._article(parsed)
        elif parsed.kind == "issue":
            self._issue(parsed)
        else:
            self._oai(parsed)

    def _issue(self, issue: OjsUrl) -> None:
        try:
            page = self.client.get(issue.url)
            urls = issue_article_urls(page.content, page.final_url)
        except ReumaExtractError as exc:
            self._add_total(1)
            self._fail(issue.url, exc.message)
            self._tick()
            return
        if not urls:
            self._add_total(1)
            self._fail(issue.url, "the issue's table of contents lists no article")
            self._tick()
            return
        self._add_total(len(urls))
        for url in urls:
            parsed = parse_ojs_url(url)
            assert parsed is not None  # issue_article_urls only returns parsed article URLs
            self._article(parsed)

    # -- articles ---------------------------------------------------------------------------
    def _article(self, article: OjsUrl, oai: OAIRecord | None = None) -> None:
        rid = record_id(article, self.base, self.options.journal)
        try:
            if self.store.is_complete(rid):
                self.summary.skipped += 1
                self.summary.folders.append(self.store.folder(rid))
                if rid not in self.state.done:
                    self.state.mark_done(rid, article.url)
                return
            try:
                page = self.client.get(article.url)
                # the URL stored in meta.json, so read_path(folder) later parses exactly the same
                abstract = _read_html(page.content, article.url, where=article.url, id=rid)
                if self.options.strict and abstract.warnings:
                    raise ReadError(article.url, "strict: " + "; ".join(abstract.warnings))
            except ReumaExtractError as exc:
                self._fail(exc.where if exc.where.startswith("http") else article.url, exc.message)
                return
            except Exception as exc:  # noqa: BLE001  a reader bug on one page must not stop the harvest
                self._fail(article.url, f"unexpected {type(exc).__name__}: {exc}")
                return
            meta = self._meta(rid, article, page, abstract)
            self.store.write_article(rid, page.content, abstract.text, meta,
                                     oai=oai.summary() if oai is not None else None)
            self.state.mark_done(rid, article.url)
            self.state.save()
            self.summary.folders.append(self.store.folder(rid))
            if self.options.verbose and self.bar is not None:
                self.bar.write(f"stored: {article.url} → {self.store.folder(rid)}", file=sys.stderr)
            if page.from_cache:
                self.summary.from_cache += 1
            else:
                self.summary.fetched += 1
            if abstract.warnings:
                self.summary.warnings += 1
        finally:
            self._tick()

    def _meta(self, rid: str, article: OjsUrl, page: Fetched, abstract: Abstract) -> dict[str, Any]:
        return {
            "url": article.url,
            "final_url": page.final_url,
            "fetched_at": page.fetched_at,
            "status": page.status,
            "id": rid,
            "article_id": article_id_from_page(page.content, article.id),
            "source": _jsonable(abstract.source),
            "code": abstract.code,
            "title": abstract.title,
            "authors": _jsonable(abstract.authors),
            "affiliations": _jsonable(abstract.affiliations),
            "sections": _jsonable(abstract.sections),
            "warnings": list(abstract.warnings),
        }

    # -- OAI-PMH ----------------------------------------------------------------------------
    def _oai(self, endpoint: OjsUrl) -> None:
        opts = self.options
        key = f"{endpoint.url}|set={opts.set_spec or ''}|oai_dc"
        st = self.state.oai(key)
        token, last, from_ = None, None, opts.since
        if st and not st.get("complete") and st.get("since") == opts.since and st.get("until") == opts.until:
            token, last, from_ = st.get("token"), st.get("last_datestamp"), st.get("from", opts.since)
        elif st.get("complete") and not opts.since and st.get("last_datestamp"):
            from_ = st["last_datestamp"]  # incremental: only what changed since the last complete list
        st.update(since=opts.since, until=opts.until, complete=False, token=token, last_datestamp=last)
        st["from"] = from_

        def fetch(params: dict[str, str]) -> bytes:
            return self.client.get(endpoint.url, params=params).content

        lister = ListRecords(fetch, endpoint.url, from_=from_, until=opts.until, set_spec=opts.set_spec,
                             token=token, last_datestamp=last)
        sized = False
        try:
            for page in lister.pages():
                st["token"] = page.request_token
                st["from"] = lister.base.get("from")
                if not sized:
                    sized = True
                    size = page.complete_list_size
                    self._add_total(size - (page.cursor or 0) if size else len(page.records))
                elif not page.complete_list_size:
                    self._add_total(len(page.records))
                self.state.save()
                for record in page.records:
                    self._oai_record(endpoint, record)
                    if record.datestamp:
                        lister.last_datestamp = st["last_datestamp"] = record.datestamp
                    self.state.save()
            st.update(token=None, complete=True, finished_at=_now())
        except ReumaExtractError as exc:
            self._fail(endpoint.url, exc.message)
        finally:
            if lister.recoveries:
                st["recovered_from"] = lister.recoveries

    def _oai_record(self, endpoint: OjsUrl, record: OAIRecord) -> None:
        if record.deleted:
            self.summary.deleted += 1
            self._tick()
            return
        article = next((p for p in map(parse_ojs_url, record.article_urls()) if p and p.kind == "article"), None)
        if article is None and record.local_id:
            article = parse_ojs_url(article_url(endpoint.root, endpoint.journal, record.local_id))
        if article is None:
            try:
                self._oai_only(endpoint, record)
            finally:
                self._tick()
            return
        self._article(article, oai=record)

    def _oai_only(self, endpoint: OjsUrl, record: OAIRecord) -> None:
        """A record with no article page to fetch: its ``dc:description`` is the abstract.

        Stored as ``abstract.txt`` + ``oai.json`` + ``meta.json`` (no ``page.html``);
        ``read_path`` reads such a folder as the abstract text with the OAI metadata.
        """
        from ..readers import read_plain_text

        abstract_text = record.abstract.strip()
        if not abstract_text:
            self._fail(record.identifier, "OAI record has no article URL in dc:identifier, no article id "
                                          "and no dc:description to keep as the abstract")
            return
        rid = f"{_safe_id(endpoint.journal)}-oai-{_safe_id(record.identifier.rsplit(':', 1)[-1])}"
        if self.store.is_complete(rid):
            self.summary.skipped += 1
            self.summary.folders.append(self.store.folder(rid))
            return
        abstract = read_plain_text(abstract_text, id=rid)
        summary = record.summary()
        meta = {
            "url": None, "final_url": None, "fetched_at": _now(), "status": None, "id": rid, "article_id": None,
            "from": "oai", "oai_identifier": record.identifier, "title": record.title,
            "source": {"url": next(iter(record.article_urls()), None), "journal": (record.dc.get("source") or
                                                                                    [None])[0],
                       "published": (record.dc.get("date") or [None])[0]},
            "sections": _jsonable(abstract.sections),
            "warnings": ["no article page: abstract from the OAI record's dc:description", *abstract.warnings],
        }
        self.store.write_article(rid, None, abstract.text, meta, oai=summary)
        self.state.mark_done(rid, record.identifier)
        self.state.save()
        self.summary.folders.append(self.store.folder(rid))
        self.summary.fetched += 1
        self.summary.warnings += 1

    # -- bookkeeping ------------------------------------------------------------------------
    def _fail(self, url: str, reason: str) -> None:
        self.summary.failed.append((url, reason))
        self.state.mark_failed(url, reason)
        self.state.save()
        if self.bar is not None:
            self.bar.set_postfix(failed=len(self.summary.failed), refresh=False)
            if self.options.verbose:  # else the closing summary names it (once)
                self.bar.write(f"failed: {url}: {reason}", file=sys.stderr)

    def _add_total(self, n: int) -> None:
        if self.bar is not None and n > 0:
            self.bar.total = (self.bar.total or 0) + n
            self.bar.refresh()

    def _tick(self) -> None:
        if self.bar is not None:
            self.bar.update(1)


def _safe_id(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "_"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def harvest(urls: list[str], options: HarvestOptions) -> HarvestSummary:
    """Run one harvest (the library entry point behind ``reumaextract harvest``)."""
    options.http.allowed_hosts = options.http.allowed_hosts | allowed_hosts(options.base_url, urls)
    harvester = Harvester(options)
    try:
        return harvester.run(urls)
    finally:
        harvester.close()


__all__ = ["DEFAULT_BASE_URL", "DEFAULT_JOURNAL", "FetchError", "HarvestOptions", "HarvestSummary", "Harvester",
           "allowed_hosts", "harvest"]
