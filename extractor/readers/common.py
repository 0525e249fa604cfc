"""Shared by the readers: the error guard (nothing but ReadError leaves a public reader) and small text helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..errors import ReadError

_T = TypeVar("_T")
_ASCII_WS_RE = re.compile(r"[ \t\n\r\f\v]+")
_STRIP = " \t\n\r\f\v\u00a0"


def _guard(where: str, fn: Callable[[], _T]) -> _T:
    """Run ``fn``; turn any unexpected exception into a one-line :class:`ReadError`.

    A reader bug on one odd page must cost that page, not the whole run.
    """
    try:
        return fn()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract is "ReadError or a result"
        first = (str(exc).splitlines() or [""])[0][:200]
        raise ReadError(where, f"cannot read ({type(exc).__name__}: {first})") from exc


def _stem(where: str, default: str) -> str:
    if where.startswith("<") or "://" in where:
        return default
    return Path(where).stem or default
