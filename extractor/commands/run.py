"""``reumaextract run``: not yet built (owned by the run work)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="(run: not yet available)")
    p.set_defaults(func=lambda args: 2)
