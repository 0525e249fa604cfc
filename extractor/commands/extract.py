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
    from ..run import Failure, RunSummary


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..cli import EPILOG, add_record_options, add_verbosity

    p = sub.add_parser(
        "extract",
        help="extract records from files, folders, URLs or standard input (JSONL to stdout or a file)",
        description=(
            "Extract one record per abstract from .txt, .html and .pdf files (a PDF abstract book gives one "
            "record per abstract code), folders (a harvested article folder counts as one input), http(s) "
            "URLs and standard input (-). Records stream out one per line (JSONL) as they are made; a file "
            "that cannot be read, or is not an input kind (a Word document, a CSV table ...), is reported "
            "on stderr with the reason and the others still come out (exit code 1). The same text under "
            "two names is extracted once (a note names both)."
        ),
        epilog=EPILOG,
    )
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL", help="file, folder, http(s) URL, or - for stdin")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl",
                   help="jsonl: one record per line (default); json: a pretty JSON array")
    p.add_argument("--model", default=None, metavar="NAME", help="an installed spaCy model to start from")
    p.add_argument("--workers", "-j", type=int, default=1, metavar="N", help="extraction processes (default: 1)")
    p.add_argument("--batch-size", type=int, default=32, metavar="N", help=argparse.SUPPRESS)
    add_record_options(p)
    add_verbosity(p, "no progress bar and no notes (errors still shown)",
                  "also each record's warnings as they come and a closing summary")
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
    from ..run import STDIN, RunSummary, is_url, list_inputs, short_error

    if args.workers < 1 or args.batch_size < 1:
        print("reumaextract: error: --workers and --batch-size must be at least 1", file=sys.stderr)
        return 2
    if args.inputs.count(STDIN) > 1:
        print("reumaextract: error: standard input (-) can be named once", file=sys.stderr)
        return 2
    summary = RunSummary()
    items: list[Path | str] = []
    for source in args.inputs:
        if is_url(source):
            items.append(source)
        else:
            items.extend(list_inputs([Path(source)], summary.failures))
    summary.inputs = len(items) + len(summary.failures)
    bar = _progress(len(items), disabled=args.quiet)

    def say(kind: str, f: Failure) -> None:
        message = f"reumaextract: {kind}: {f}"
        if bar is not None:
            bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr, flush=True)

    for f in summary.failures:  # missing paths and files that are not read (NotRead), with the reason
        say("error", f)
    try:
        code = _write(args, items, summary, say, bar)
    except BrokenPipeError:  # handled once for every command in extractor.cli
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a crash of the pipeline itself (-o FILE is left unchanged)
        if os.environ.get("REUMAEXTRACT_DEBUG"):
            raise
        print(f"reumaextract: error: extraction stopped: {short_error(exc)} "
              "(REUMAEXTRACT_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.close()
    if args.verbose:
        print(summary.format(outputs=False), file=sys.stderr)
    return code


def _progress(total: int, *, disabled: bool):  # noqa: ANN202  tqdm | None
    """A progress bar on stderr when stderr is a terminal (as ``run`` has), else None."""
    from ..run import is_tty

    if disabled or not is_tty(sys.stderr):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="input", desc="reumaextract extract", file=sys.stderr, dynamic_ncols=True)


def _write(args: argparse.Namespace, items: list[Path | str], summary: RunSummary,
           say: Callable[[str, Failure], None], bar) -> int:  # noqa: ANN001
    from ..export.jsonl import record_json
    from ..run import Duplicate, Failure, process

    pretty = args.format == "json"
    with _output(args.output) as fh:
        if pretty:
            fh.write("[")
        for item in process(items, model=args.model, workers=args.workers, batch_size=args.batch_size,
                            strict=args.strict, dedupe=False, keep_duplicates=args.keep_duplicates,
                            summary=summary):
            if bar is not None:
                if bar.total is not None and bar.n >= bar.total:  # an abstract book gives several records
                    bar.total = bar.n + 1
                bar.update(1)
            if isinstance(item, Duplicate):
                summary.duplicates.append(item)
                if not args.quiet:
                    say("note", item)
                continue
            if isinstance(item, Failure):
                summary.failures.append(item)
                say("error", item)
                continue
            if pretty:
                fh.write(("," if summary.written else "") + "\n" + textwrap.indent(record_json(item, indent=2), "  "))
            else:
                fh.write(record_json(item) + "\n")
            summary.add_record(item)
            if args.verbose:
                for warning in item.warnings:
                    say("warning", Failure(item.id, warning))
            if fh is sys.stdout:
                fh.flush()
        if pretty:
            fh.write("\n]\n" if summary.written else "]\n")
    if summary.without_abstract and not args.quiet:
        print(f"reumaextract: note: {summary.without_abstract} PubMed citations without an abstract "
              "(not extracted)", file=sys.stderr)
    return 1 if summary.failures else 0
