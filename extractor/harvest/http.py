"""One polite HTTP client for the harvester.

Everything that makes the harvester polite and safe is composed here from
well-kept parts rather than hand-written loops:

* ``requests_cache.CachedSession`` (SQLite under ``--cache-dir``): a re-run
  fetches nothing already cached. Pages and issue TOCs never expire (published
  articles do not change; delete the cache to refresh), robots.txt expires after
  a day, OAI-PMH list responses are never cached (the list is live and tokens expire).
* ``urllib3.util.Retry`` mounted through :class:`_PoliteAdapter`: exponential
  back-off on connect/read errors and on 429/500/502/503/504, honouring
  ``Retry-After``; 404 and other client errors are not retried.
* A per-host minimum interval (:class:`RateLimiter`, a one-token bucket) applied
  in the transport adapter, i.e. only to requests that really go to the network:
  cache hits never wait.
* ``urllib.robotparser`` for robots.txt, fetched through this same session.
* A host allow-list checked on the first URL *and* on every redirect hop, so a
  redirect can never take the crawler to another host (or to an internal address).
* A streamed, capped body read: a page larger than ``max_bytes`` is refused
  without reading the rest, and a truncated or reset body is an error, never a
  silently short page in the cache.
"""

from __future__ import annotations

import inspect
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib import robotparser
from urllib.parse import urljoin, urlsplit

import requests
import requests_cache
from requests.adapters import HTTPAdapter
from requests_cache import DO_NOT_CACHE, NEVER_EXPIRE
from urllib3.exceptions import MaxRetryError, NameResolutionError
from urllib3.util.retry import Retry

from ..errors import FetchError

PROJECT_URL = "https://github.com/reumaextract/reumaextract"
ROBOTS_AGENT = "reumaextract"
RETRY_STATUSES = (429, 500, 502, 503, 504)


def user_agent(contact: str | None = None) -> str:
    """``reumaextract/<version> (+<project url>[; mailto:<contact>])``: names the tool and how to reach us."""
    try:
        version = metadata.version("reumaextract")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        version = "0"
    extra = f"; mailto:{contact}" if contact else ""
    return f"{ROBOTS_AGENT}/{version} (+{PROJECT_URL}{extra})"


#: urllib3 added Retry(retry_after_max=...) in 2.x; older releases cap nothing but still work
_RETRY_HAS_MAX = "retry_after_max" in inspect.signature(Retry.__init__).parameters


@dataclass
class HttpConfig:
    """Politeness and safety settings (CLI flags map one to one)."""

    cache_dir: Path = Path(".cache/http")
    rate: float = 1.0  # requests per second per host; <= 0 disables the limit
    timeout: float = 30.0  # connect and read timeout, seconds
    max_bytes: int = 10_000_000
    retries: int = 5
    backoff: float = 1.0  # first retry waits this long, then 2x, 4x, ... (urllib3 back-off)
    retry_after_max: int = 300  # never sleep longer than this for a server's Retry-After
    allowed_hosts: set[str] = field(default_factory=set)
    respect_robots: bool = True
    contact: str | None = None


@dataclass
class Fetched:
    """A successfully fetched page (HTTP 200, body complete and within the size cap)."""

    url: str
    final_url: str
    status: int
    content: bytes
    from_cache: bool
    fetched_at: str  # ISO 8601 UTC; for a cache hit, when the cached copy was fetched
    content_type: str | None = None


class RateLimiter:
    """Per-host minimum interval between network requests (a token bucket of size one).

    Hand-written on purpose (a dozen lines): it sits in the transport adapter so
    cache hits never touch it, and robots.txt ``Crawl-delay`` can raise a host's
    interval, which the off-the-shelf limiters make awkward.
    """

    def __init__(self, rate: float):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._host_interval: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def slow_down(self, host: str, seconds: float) -> None:
        """Raise ``host``'s interval to at least ``seconds`` (robots.txt Crawl-delay / Request-rate)."""
        with self._lock:
            self._host_interval[host] = max(self._host_interval.get(host, 0.0), seconds)

    def wait(self, host: str) -> None:
        with self._lock:
            interval = max(self.interval, self._host_interval.get(host, 0.0))
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + interval
        if start > now:
            time.sleep(start - now)


class PoliteRetry(Retry):
    """urllib3's Retry, except that the first retry also backs off.

    urllib3 retries the first failure immediately; against a struggling server
    that is one request too many, so every retry waits at least ``backoff_factor``.
    """

    def get_backoff_time(self) -> float:
        return max(super().get_backoff_time(), float(self.backoff_factor))

    def increment(self, method: str | None = None, url: str | None = None, *args: Any, **kwargs: Any) -> Retry:
        """Retry as urllib3 does, except a host name that does not resolve: that fails at once.

        A DNS failure is not transient the way a reset or a 503 is (a typo, no network); five
        retries with back-off only made the user wait half a minute for the same answer.
        """
        error = kwargs.get("error")
        if isinstance(error, NameResolutionError):
            raise MaxRetryError(kwargs.get("_pool"), url or "", error) from error
        return super().increment(method, url, *args, **kwargs)


class _PoliteAdapter(HTTPAdapter):
    """Transport adapter: rate limit before each network request, capped body read after it."""

    def __init__(self, limiter: RateLimiter, max_bytes: int, **kwargs: Any):
        self.limiter = limiter
        self.max_bytes = max_bytes
        super().__init__(**kwargs)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        url = request.url or ""
        self.limiter.wait(urlsplit(url).netloc.lower())
        response = super().send(request, **kwargs)
        _read_capped(response, self.max_bytes, url)
        return response


def _read_capped(response: requests.Response, max_bytes: int, url: str) -> None:
    """Read the body now, in chunks, stopping past ``max_bytes``.

    Reading here (rather than leaving it to requests or requests-cache, which
    read everything) is what makes the size cap real, and it means a truncated or
    reset body raises before the response can reach the cache.
    """
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        response.close()
        raise FetchError(url, f"page larger than {max_bytes} bytes (Content-Length {length})")
    body = bytearray()
    try:
        for chunk in response.iter_content(64 * 1024):
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(url, f"page larger than {max_bytes} bytes")
    except requests.exceptions.ChunkedEncodingError as exc:
        raise FetchError(url, f"connection broken while reading the page after {len(body)} bytes "
                              f"(truncated or reset): {_reason(exc)}") from exc
    except requests.exceptions.ConnectionError as exc:  # read timeout while streaming the body
        raise FetchError(url, f"error while reading the page: {_reason(exc)}") from exc
    finally:
        response.close()
    response._content = bytes(body)  # where requests keeps a read body (private but long-stable)


class _HarvestSession(requests_cache.CachedSession):
    """A CachedSession that vets every redirect target before following it."""

    def __init__(self, *args: Any, url_guard: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._url_guard = url_guard

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        target = super().get_redirect_target(resp)
        if target:
            self._url_guard(urljoin(resp.url, target), via=resp.url)
        return target


def _reason(exc: BaseException) -> str:
    """A short reason for a requests/urllib3 exception (their messages nest whole reprs)."""
    text = str(exc)
    for needle, reason in (("Connection refused", "connection refused"), ("Connection reset", "connection reset"),
                           ("Read timed out", "read timed out"), ("timed out", "timed out"),
                           ("Name or service not known", "host not found"), ("Failed to resolve", "host not found"),
                           ("NameResolutionError", "host not found"), ("Temporary failure in name resolution",
                                                                         "host not found"),
                           ("IncompleteRead", "incomplete read")):
        if needle in text:
            return reason
    return text.splitlines()[0][:300] if text else type(exc).__name__


class HttpClient:
    """The harvester's only door to the network. ``get`` returns a :class:`Fetched` or raises FetchError."""

    def __init__(self, config: HttpConfig):
        self.config = config
        self.allowed_hosts = {h.lower() for h in config.allowed_hosts}
        self.limiter = RateLimiter(config.rate)
        self.network_requests = 0
        self.cache_hits = 0
        config.cache_dir.mkdir(parents=True, exist_ok=True)
        self.session = _HarvestSession(
            cache_name=str(config.cache_dir / "http_cache.sqlite"),
            backend="sqlite",
            url_guard=self.check_url,
            expire_after=NEVER_EXPIRE,
            urls_expire_after={"*/robots.txt": 86400, "*/oai?*": DO_NOT_CACHE, "*": NEVER_EXPIRE},
            allowable_codes=(200,),
            allowable_methods=("GET",),
            cache_control=False,  # OJS sends no-cache headers; the harvest cache is ours to keep
            stale_if_error=False,
        )
        self.session.headers["User-Agent"] = user_agent(config.contact)
        self.session.max_redirects = 10
        retry_kwargs = {"retry_after_max": config.retry_after_max} if _RETRY_HAS_MAX else {}
        retry = PoliteRetry(
            total=config.retries, connect=config.retries, read=config.retries, status=config.retries,
            other=0, redirect=False, status_forcelist=RETRY_STATUSES, allowed_methods=frozenset({"GET"}),
            backoff_factor=config.backoff, respect_retry_after_header=True, raise_on_status=False,
            **retry_kwargs,
        )
        adapter = _PoliteAdapter(self.limiter, config.max_bytes, max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._robots: dict[str, robotparser.RobotFileParser | str] = {}

    # -- guards -----------------------------------------------------------------------------
    def check_url(self, url: str, via: str | None = None) -> None:
        """Refuse anything but http(s) on an allowed host (the first URL and every redirect hop)."""
        parts = urlsplit(url)
        where = via or url
        if parts.scheme not in ("http", "https"):
            raise FetchError(where, f"refused: only http/https URLs are fetched, not {url!r}")
        host = (parts.hostname or "").lower()
        if host not in self.allowed_hosts:
            what = f"redirect to {url}" if via else url
            raise FetchError(where, f"refused: {what} is not on an allowed host "
                                    f"({', '.join(sorted(self.allowed_hosts)) or 'none'}); use --allow-host")

    def _check_robots(self, url: str) -> None:
        if not self.config.respect_robots:
            return
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._robots[origin] = self._load_robots(origin)
        if isinstance(rules, str):
            raise FetchError(url, rules)
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(url, f"disallowed by {origin}/robots.txt (not fetched)")

    def _load_robots(self, origin: str) -> robotparser.RobotFileParser | str:
        """Parse ``origin``'s robots.txt as RFC 9309 says: 4xx = no rules, 5xx/unreachable = keep off."""
        robots_url = f"{origin}/robots.txt"
        parser = robotparser.RobotFileParser(robots_url)
        try:
            response = self._send(robots_url)
        except FetchError as exc:
            return f"robots.txt unreachable, so nothing on {origin} is fetched ({exc.message})"
        if 400 <= response.status_code < 500:
            parser.allow_all = True
        elif response.status_code >= 500:
            return f"robots.txt answered HTTP {response.status_code}, so nothing on {origin} is fetched"
        else:
            parser.parse(response.content.decode("utf-8", "replace").splitlines())
            delay = parser.crawl_delay(ROBOTS_AGENT)
            rate = parser.request_rate(ROBOTS_AGENT)
            host = urlsplit(origin).netloc.lower()
            if delay:
                self.limiter.slow_down(host, float(delay))
            if rate and rate.requests:
                self.limiter.slow_down(host, rate.seconds / rate.requests)
        parser.modified()
        return parser

    # -- requests ---------------------------------------------------------------------------
    def _send(self, url: str, params: dict[str, str] | None = None) -> requests.Response:
        self.check_url(url)
        try:
            response = self.session.get(url, params=params, timeout=(self.config.timeout, self.config.timeout))
        except FetchError:
            raise
        except requests.exceptions.TooManyRedirects as exc:
            raise FetchError(url, f"too many redirects ({self.session.max_redirects})") from exc
        except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
            self.network_requests += 1  # it went to the network, even if no answer came back
            reason = _reason(exc)
            if reason == "host not found":
                host = urlsplit(url).hostname
                raise FetchError(url, f"host not found: cannot resolve {host!r} (check the URL or the "
                                      "network; not retried)") from exc
            if "timed out" in reason:
                reason = f"{reason} (timeout {self.config.timeout:g} s)"
            raise FetchError(url, f"{reason}, after {self.config.retries} retries") from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(url, f"request failed: {_reason(exc)}") from exc
        if getattr(response, "from_cache", False):
            self.cache_hits += 1
        else:
            self.network_requests += 1
        return response

    def get(self, url: str, params: dict[str, str] | None = None) -> Fetched:
        """GET ``url`` (robots.txt and allow-list checked first); anything but HTTP 200 is a FetchError."""
        self.check_url(url)
        self._check_robots(url)
        response = self._send(url, params)
        full_url = response.history[0].url if response.history else response.url
        if response.status_code != 200:
            retried = " after retries" if response.status_code in RETRY_STATUSES else ""
            raise FetchError(full_url, f"HTTP {response.status_code} {response.reason or ''}".rstrip() + retried)
        from_cache = bool(getattr(response, "from_cache", False))
        created = getattr(response, "created_at", None) if from_cache else None
        fetched_at = _iso(created) if isinstance(created, datetime) else _iso(datetime.now(UTC))
        return Fetched(
            url=full_url, final_url=response.url, status=response.status_code, content=response.content,
            from_cache=from_cache, fetched_at=fetched_at, content_type=response.headers.get("Content-Type"),
        )

    def close(self) -> None:
        self.session.close()


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


__all__ = ["Fetched", "HttpClient", "HttpConfig", "PoliteRetry", "RateLimiter", "user_agent"]
