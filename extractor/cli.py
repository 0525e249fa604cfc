"""``reumaextract`` command line: thin argument parsing over the library functions.

Each sub-command lives in ``extractor/commands/<name>.py`` and exposes
``add_parser(subparsers)``; the parser's ``func`` default runs it and returns
the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("extract", "harvest", "run", "evaluate", "gold")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reumaextract",
        description="Rheumatology abstracts to structured, evidence-linked records.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"extractor.commands.{name}")
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
