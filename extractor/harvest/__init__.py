"""Polite, resumable harvesting of OJS (Reumatismo) article pages into ``corpus/harvest``.

Modules: :mod:`.http` (the one HTTP client: cache, retries, rate limit, robots.txt,
size cap, host allow-list), :mod:`.ojs` (URL shapes, issue TOC, page meta tags),
:mod:`.oai` (a small Sickle-like OAI-PMH ListRecords client), :mod:`.store`
(atomic corpus writes and the resume state), :mod:`.harvester` (orchestration).
See ``docs/harvest.md``.
"""

from __future__ import annotations

import atexit
import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..abstract import Abstract
from ..failures import Failure
from .harvester import DEFAULT_BASE_URL, DEFAULT_JOURNAL, Harvester, HarvestOptions, HarvestSummary, harvest
from .http import HttpClient, HttpConfig

_CLIENTS: dict[int, HttpClient] = {}


def fetch_abstract(url: str, *, config: HttpConfig | None = None) -> Abstract:
    """Fetch one article page with the polite client and parse it (raises FetchError / ReadError).

    Used by ``reumaextract extract``/``run`` for URL inputs that should not be stored. All
    such fetches in a process share one client, so the per-host rate limit, the cache and
    robots.txt apply across URLs; the caller's ``config`` is never modified.
    """
    from urllib.parse import urlsplit

    from .harvester import _read_html

    key = id(config)
    client = _CLIENTS.get(key)
    if client is None:
        client = _CLIENTS[key] = HttpClient(dataclasses.replace(config) if config else HttpConfig())
        atexit.register(client.close)
    client.allowed_hosts.add((urlsplit(url).hostname or "").lower())  # the URL the user named is allowed
    page = client.get(url)
    return _read_html(page.content, page.final_url, where=url)


def harvest_to_folders(urls: Iterable[str], out: Path, *, failures: list[Any] | None = None,
                       options: HarvestOptions | None = None) -> Iterator[Path]:
    """Harvest ``urls`` into ``out``; yield the complete article folders (new and already stored).

    Each failure is appended to ``failures`` as ``extractor.failures.Failure(where, reason)``.
    Ctrl-C is re-raised after the state is saved.
    """
    options = options or HarvestOptions()
    options.out = Path(out)
    options.quiet = True
    summary = harvest(list(urls), options)
    if failures is not None:
        failures.extend(Failure(url, reason) for url, reason in summary.failed)
    if summary.interrupted:
        raise KeyboardInterrupt
    yield from summary.folders


__all__ = ["DEFAULT_BASE_URL", "DEFAULT_JOURNAL", "HarvestOptions", "HarvestSummary", "Harvester", "HttpClient",
           "HttpConfig", "fetch_abstract", "harvest", "harvest_to_folders"]
