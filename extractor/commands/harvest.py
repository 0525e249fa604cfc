"""``reumaextract harvest``: not yet built (owned by the harvest work)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("harvest", help="(harvest: not yet available)")
    p.set_defaults(func=lambda args: 2)
