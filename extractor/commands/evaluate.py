"""``reumaextract evaluate``: not yet built (owned by the evaluate work)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="(evaluate: not yet available)")
    p.set_defaults(func=lambda args: 2)
