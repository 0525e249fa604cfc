"""``reumaextract extract``: files, folders or URLs to records, as JSONL (or a JSON array) on stdout or a file."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from ..run import Failure


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract records from files, folders or URLs (JSONL to stdout or a file)",
        description=(
            "Extract one record per abstract from .txt, .html, page-text files, folders (a harvested "
            "article folder counts as one input) and http(s) URLs. Records stream out one per line "
            "(JSONL) as they are made; a file that cannot be read is reported on stderr and the "
            "others still come out (exit code 1)."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl",
                   help="jsonl: one record per line (default); json: a pretty JSON array")
    p.add_argument("--model", default=None, metavar="NAME", help="an installed spaCy model to start from")
    p.add_argument("--workers", "-j", type=int, default=1, metavar="N", help="extraction processes (default: 1)")
    p.add_argument("--batch-size", type=int, default=32, metavar="N", help=argparse.SUPPRESS)
    p.add_argument("--strict", action="store_true", help="a record with warnings counts as a failure")
    p.set_defaults(func=main)


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path and path != "-":
        from ..atomic import atomic_open

        with atomic_open(Path(path), "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        out = sys.stdout
        if hasattr(out, "reconfigure") and (out.encoding or "").lower().replace("-", "") != "utf8":
            out.reconfigure(encoding="utf-8")
        yield out


def main(args: argparse.Namespace) -> int:
    from ..run import is_url, list_inputs, short_error

    if args.workers < 1 or args.batch_size < 1:
        print("reumaextract: error: --workers and --batch-size must be at least 1", file=sys.stderr)
        return 2
    failures: list[Failure] = []

    def fail(f: Failure) -> None:
        failures.append(f)
        print(f"reumaextract: error: {f}", file=sys.stderr, flush=True)

    items: list[Path | str] = []
    for source in args.inputs:
        if is_url(source):
            items.append(source)
        else:
            before = len(failures)
            items.extend(list_inputs([Path(source)], failures))
            for f in failures[before:]:
                print(f"reumaextract: error: {f}", file=sys.stderr, flush=True)
    try:
        return _write(args, items, fail, failures)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, like other Unix tools
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a crash of the pipeline itself (-o FILE is left unchanged)
        if os.environ.get("REUMAEXTRACT_DEBUG"):
            raise
        print(f"reumaextract: error: extraction stopped: {short_error(exc)} "
              "(REUMAEXTRACT_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1


def _write(args: argparse.Namespace, items: list[Path | str], fail: Callable[[Failure], None],
           failures: list[Failure]) -> int:
    from ..export.jsonl import record_json
    from ..run import Failure, RunSummary, process

    pretty = args.format == "json"
    written = 0
    summary = RunSummary()
    with _output(args.output) as fh:
        if pretty:
            fh.write("[")
        for item in process(items, model=args.model, workers=args.workers, batch_size=args.batch_size,
                            strict=args.strict, dedupe=False, summary=summary):
            if isinstance(item, Failure):
                fail(item)
                continue
            if pretty:
                fh.write(("," if written else "") + "\n" + textwrap.indent(record_json(item, indent=2), "  "))
            else:
                fh.write(record_json(item) + "\n")
            written += 1
            if fh is sys.stdout:
                fh.flush()
        if pretty:
            fh.write("\n]\n" if written else "]\n")
    if summary.without_abstract:
        print(f"reumaextract: note: {summary.without_abstract} PubMed citations without an abstract "
              "(not extracted)", file=sys.stderr)
    return 1 if failures else 0
