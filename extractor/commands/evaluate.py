"""``reumaextract evaluate GOLD_DIR RECORDS.jsonl``: field-by-field P/R/F1 against gold records.

Thin argument handling over :func:`extractor.evaluate.evaluate`; the scoring
rules live there (and agree with the reference scorer ``score.py``).
"""

from __future__ import annotations

import argparse
import json
import sys

from ..evaluate import EvaluationError, evaluate, format_by_doc, format_diffs, format_table


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="score records against gold JSON (per-field P/R/F1, strict and lenient micro-F1)",
        description="Score records (JSONL) against gold records (GOLD_DIR/<id>.json), field by field. "
                    "Records pair with gold by id, else by identical text.",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold records, one <id>.json each")
    p.add_argument("records", metavar="RECORDS.jsonl", help="records to score, one JSON object a line")
    p.add_argument("--json", action="store_true", help="print machine-readable totals, per-field and per-doc scores")
    p.add_argument("--diff", action="store_true", help="list each miss, wrong attribute and extra item")
    p.add_argument("--by-doc", action="store_true", help="print each gold document's F1")
    p.add_argument("--meta", action="store_true",
                   help="also score metadata (code, title, authors, affiliations, sections, source)")
    p.add_argument("--fields", metavar="A,B", help="report only these fields (micro-F1 over them)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        report = evaluate(args.gold_dir, args.records, meta=args.meta)
        if args.fields:
            report = report.select(f.strip() for f in args.fields.split(",") if f.strip())
    except EvaluationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # --fields names an unknown field
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.as_dict(diffs=args.diff), ensure_ascii=False, indent=1))
        return 0
    for doc_id in report.missing_records:
        print(f"{doc_id}: NO RECORD (all gold values count as missed)")
    for rec_id in report.records_without_gold:
        print(f"{rec_id}: record has no gold file (not scored)")
    for warning in report.warnings:
        print(f"warning: {warning}")
    if args.by_doc:
        print(format_by_doc(report))
    if args.diff and report.diffs:
        print(format_diffs(report))
    print(format_table(report))
    return 0
