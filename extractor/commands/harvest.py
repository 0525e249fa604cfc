"""``reumaextract harvest``: fetch OJS article pages, issues or an OAI-PMH feed into a corpus folder.

Thin argument parsing over :func:`extractor.harvest.harvest`; see ``docs/harvest.md``.
Exit code: 0 when nothing failed, 1 when something did, 130 on Ctrl-C (state saved).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path


def _oai_date(value: str) -> str:
    """OAI-PMH dates: ``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm:ssZ`` (checked here, sent as given)."""
    try:
        if "T" in value:
            datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        else:
            date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an OAI-PMH date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): {value}") from exc
    return value


def _positive(kind: type) -> object:
    def parse(value: str) -> object:
        number = kind(value)
        if number <= 0:
            raise argparse.ArgumentTypeError(f"must be > 0: {value}")
        return number
    return parse


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..cli import EPILOG, add_verbosity

    p = sub.add_parser(
        "harvest",
        help="fetch article pages, issue TOCs or an OAI-PMH feed politely and resumably into a corpus folder",
        description=(
            "Harvest OJS (Reumatismo) abstracts. URL kinds: article .../<journal>/article/view/<id>, "
            "issue .../<journal>/issue/view/<id> (every article in its table of contents), OAI-PMH endpoint "
            ".../<journal>/oai (ListRecords, oai_dc); index.php/<journal>/... forms too; a bare number is an "
            "article id on --base-url/--journal. Stored articles are skipped; failures are reported and the "
            "run goes on. Exit code 0 if nothing failed, 1 otherwise, 130 when interrupted (run again to resume)."
        ),
        epilog=EPILOG,
    )
    p.add_argument("urls", nargs="+", metavar="URL", help="article, issue or OAI endpoint URL (or article id)")
    p.add_argument("--out", type=Path, default=Path("corpus/harvest"), help="corpus folder (default: %(default)s)")
    p.add_argument("--rate", type=float, default=1.0,
                   help="max requests per second per host; cache hits don't count (default: %(default)s)")
    p.add_argument("--since", type=_oai_date, help="OAI: only records changed on/after this date (from)")
    p.add_argument("--until", type=_oai_date, help="OAI: only records changed on/before this date")
    p.add_argument("--set", dest="set_spec", metavar="SPEC", help="OAI: set spec (e.g. reuma or reuma:ABS)")
    p.add_argument("--base-url", default="https://www.reumatismo.org",
                   help="site of the home journal: its host is allowed, bare ids resolve on it, its "
                        "articles get ids reumatismo-<id> (default: %(default)s)")
    p.add_argument("--journal", default="reuma", help="home journal path (default: %(default)s)")
    p.add_argument("--cache-dir", type=Path, default=Path(".cache/http"),
                   help="on-disk HTTP cache (SQLite; default: %(default)s)")
    p.add_argument("--timeout", type=_positive(float), default=30.0,
                   help="connect and read timeout in seconds (default: %(default)s)")
    p.add_argument("--max-bytes", type=_positive(int), default=10_000_000,
                   help="refuse pages larger than this (default: %(default)s)")
    p.add_argument("--retries", type=int, default=5,
                   help="retries on connection errors, timeouts, 429 and 5xx (default: %(default)s)")
    p.add_argument("--backoff", type=float, default=1.0,
                   help="first retry delay in seconds, doubled each retry (default: %(default)s)")
    p.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                   help="also allow this host (repeatable); the base URL's host and those of the URLs given "
                        "are always allowed, every other host (redirects included) is refused")
    p.add_argument("--contact", metavar="EMAIL", help="contact address added to the User-Agent")
    p.add_argument("--strict", action="store_true",
                   help="a page whose parse reports warnings is a failure (not stored)")
    add_verbosity(p, "no progress bar and no summary: only the failures, one line each",
                  "also a line per article stored or failed as it happens (the summary lists failures anyway)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..harvest import HarvestOptions, HttpConfig, harvest

    options = HarvestOptions(
        out=args.out, base_url=args.base_url, journal=args.journal, since=args.since, until=args.until,
        set_spec=args.set_spec, strict=args.strict, quiet=args.quiet, verbose=args.verbose,
        http=HttpConfig(cache_dir=args.cache_dir, rate=args.rate, timeout=args.timeout, max_bytes=args.max_bytes,
                        retries=max(0, args.retries), backoff=max(0.0, args.backoff),
                        allowed_hosts=set(args.allow_host), contact=args.contact),
    )
    summary = harvest(args.urls, options)
    if args.quiet:
        for url, reason in summary.failed:
            print(f"reumaextract: error: {url}: {reason}", file=sys.stderr)
    else:
        print(summary.format(), file=sys.stderr)
    return summary.exit_code
