"""``reumaextract run``: harvest or read, extract and export in one streaming pass."""

from __future__ import annotations

import argparse
import os
import sys

from ..run import DEFAULT_CORPUS, DEFAULT_OUT, DEFAULT_SOURCES


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..cli import EPILOG, add_record_options, add_verbosity

    p = sub.add_parser(
        "run",
        help="harvest/read, extract and write every export (records.jsonl, evidence.csv, abstracts.csv, report.html)",
        description=(
            "Read files, folders or harvested article folders (or harvest URLs first), extract one "
            "record per abstract and write records.jsonl, evidence.csv, abstracts.csv and report.html "
            "into --out, streaming and atomically. With no SOURCE: the bundled corpus ("
            + ", ".join(DEFAULT_SOURCES) + "). Files that are not inputs (Word, CSV, ...) are listed as not read "
            "and make the exit code 1; the same text under two names is extracted once."
        ),
        epilog=EPILOG,
    )
    p.add_argument("sources", nargs="*", metavar="SOURCE", help="file, folder or http(s) URL")
    p.add_argument("--out", "-o", default=str(DEFAULT_OUT), metavar="DIR",
                   help="output folder (default: %(default)s)")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS), metavar="DIR",
                   help="where harvested URLs are stored (default: %(default)s)")
    p.add_argument("--workers", "-j", type=int, default=1, metavar="N",
                   help="extraction processes, forked once the pipeline is built (default: %(default)s); with --engine dask: "
                        "the local cluster's worker processes, or with --scheduler the workers to wait for")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this machine's processes (default); dask: a Dask cluster (pip install -e '.[dask]')")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask: a running scheduler (tcp://host:8786 or a scheduler-file .json); "
                        "without it a local cluster of --workers processes is started")
    p.add_argument("--partition-size", type=int, default=32, metavar="N",
                   help="with --engine dask: abstracts per task (default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=32, metavar="N", help="nlp.pipe batch size (default: %(default)s)")
    p.add_argument("--model", default=None, metavar="NAME", help="an installed spaCy model to start from")
    add_record_options(p)
    add_verbosity(p, "no progress bar and no summary (errors still shown)",
                  "also each record's warnings as they come")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from ..run import run, short_error

    if args.workers < 1 or args.batch_size < 1 or args.partition_size < 1:
        print("reumaextract: error: --workers, --batch-size and --partition-size must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("reumaextract: error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        summary = run(
            args.sources,
            args.out,
            workers=args.workers,
            batch_size=args.batch_size,
            model=args.model,
            strict=args.strict,
            progress=not args.quiet,
            corpus_dir=args.corpus,
            verbose=args.verbose,
            keep_duplicates=args.keep_duplicates,
            engine=args.engine,
            scheduler=args.scheduler,
            partition_size=args.partition_size,
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a crash of the pipeline itself: no export was replaced
        if os.environ.get("REUMAEXTRACT_DEBUG"):
            raise
        print(f"reumaextract: error: the run stopped: {short_error(exc)} "
              f"(outputs in {args.out} left unchanged; REUMAEXTRACT_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary.format(), file=sys.stderr)
    return 0 if summary.ok and summary.committed else 1
