"""``reumaextract gold draft|apply``: gold files from records, and a reviewer's corrections applied to them.

Thin argument handling over :mod:`extractor.gold` (the rules, and why, live there).
"""

from __future__ import annotations

import argparse
import sys

from ..evaluate import EvaluationError, iter_records
from ..gold import GoldError, apply_corrections, draft, load_corrections


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "gold",
        help="make gold files from records (draft) and apply a reviewer's corrections to them (apply)",
        description="Gold records for `evaluate`: draft them from extracted records, then apply the "
                    "corrections file exported from report.html. See docs/gold.md.",
    )
    gsub = p.add_subparsers(dest="gold_command", metavar="ACTION")
    d = gsub.add_parser("draft", help="write one GOLD_DIR/<id>.json per record (valid against the schema)")
    d.add_argument("records", metavar="RECORDS.jsonl")
    d.add_argument("--out", required=True, metavar="GOLD_DIR", help="folder for the gold files")
    d.add_argument("--force", action="store_true", help="overwrite gold files that already exist")
    d.set_defaults(func=run_draft)
    a = gsub.add_parser("apply", help="apply a corrections file (exported from report.html) to GOLD_DIR")
    a.add_argument("gold_dir", metavar="GOLD_DIR")
    a.add_argument("corrections", metavar="CORRECTIONS.json")
    a.add_argument("--dry-run", action="store_true", help="check every correction, write nothing")
    a.add_argument("-q", "--quiet", action="store_true", help="print only rejections and the summary")
    a.set_defaults(func=run_apply)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])


def run_draft(args: argparse.Namespace) -> int:
    try:
        records = [(f"{args.records}:{i}", r) for i, r in enumerate(iter_records(args.records), 1)]
    except EvaluationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    summary = draft(records, args.out, force=args.force)
    for path in summary.kept:
        print(f"kept (exists; --force to overwrite): {path}", file=sys.stderr)
    for failure in summary.failed:
        print(f"error: {failure}", file=sys.stderr)
    print(f"{len(summary.written)} gold file(s) written to {args.out}, {len(summary.kept)} kept, "
          f"{len(summary.failed)} failed")
    return 1 if summary.failed else 0


def run_apply(args: argparse.Namespace) -> int:
    try:
        corrections = load_corrections(args.corrections)
        report = apply_corrections(args.gold_dir, corrections, dry_run=args.dry_run)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for outcome in report.outcomes:
        if outcome.status == "rejected":
            print(outcome, file=sys.stderr)
        elif not args.quiet:
            print(outcome)
    verb = "would change" if args.dry_run else "changed"
    print(f"{report.count('applied')} applied, {report.count('confirmed')} confirmed, "
          f"{len(report.rejected)} rejected; {verb} {len(report.written)} gold file(s); "
          f"{len(report.reviewed)} abstract(s) marked reviewed")
    return 1 if report.rejected else 0
