"""``reumaextract`` command line: thin argument parsing over the library functions.

Each sub-command lives in ``extractor/commands/<name>.py`` and exposes
``add_parser(subparsers)``; the parser's ``func`` default runs it and returns
the exit code.

Conventions every sub-command follows (README, "Exit codes"): ``--version``;
``-`` reads standard input where a file is expected (``extract``); a closed
output pipe (``… | head``) ends the program quietly; ``-q/--quiet`` and
``-v/--verbose``; progress bars on stderr only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

COMMANDS = ("extract", "harvest", "run", "evaluate", "gold")

#: Exit codes (documented in the README and in ``--help``).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141

EPILOG = (
    "exit codes: 0 all inputs read and extracted; 1 some inputs failed or were not read (the others "
    "are still written); 2 usage error; 130 interrupted (Ctrl-C); 141 output pipe closed (e.g. `| head`)."
)


def version() -> str:
    from . import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reumaextract",
        description="Rheumatology abstracts to structured, evidence-linked records.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"extractor.commands.{name}")
        module.add_parser(sub)
    return parser


def add_verbosity(p: argparse.ArgumentParser, quiet_help: str, verbose_help: str) -> None:
    """``-q/--quiet`` and ``-v/--verbose`` (mutually exclusive), the same on every sub-command."""
    group = p.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help=quiet_help)
    group.add_argument("-v", "--verbose", action="store_true", help=verbose_help)


def add_record_options(p: argparse.ArgumentParser) -> None:
    """``--strict`` and ``--keep-duplicates``, shared by ``extract`` and ``run``."""
    p.add_argument("--strict", action="store_true",
                   help="a record with a problem warning (a dropped count, a doubtful page) counts as a failure; "
                        "notes (undefined abbreviations, unknown headings) do not")
    p.add_argument("--keep-duplicates", action="store_true",
                   help="extract every input even when the same text came before under another name "
                        "(default: extracted once, a note names both)")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout replaced (tests) or already closed
        pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in an "Exception ignored" at exit
        return code
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, like other Unix tools
        _silence_stdout()
        return EXIT_PIPE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
