"""The exporter protocol: stream records into one file, atomically.

An exporter is a context manager over :func:`extractor.atomic.atomic_open`:
entering opens a temporary sibling of the target and writes the header,
``write(record)`` appends one record's rows as it arrives (nothing is kept per
record beyond counts), leaving without an error writes the footer and renames
the temporary file over the target. An exception (or Ctrl-C) removes the
temporary file, so the previous complete file stays; a killed process leaves at
worst a hidden ``.<name>.*.part`` file, never a truncated target.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import TracebackType
from typing import IO, Any, ClassVar

from schemas import Record

from ..atomic import atomic_open


class Exporter:
    """Base class: subclasses set ``filename`` (and ``encoding``) and implement ``write``."""

    filename: ClassVar[str]
    encoding: ClassVar[str] = "utf-8"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.count = 0
        self._cm: contextlib.AbstractContextManager[IO[Any]] | None = None
        self._fh: IO[str] | None = None

    @classmethod
    def in_dir(cls, out_dir: str | Path) -> Exporter:
        return cls(Path(out_dir) / cls.filename)

    @property
    def fh(self) -> IO[str]:
        if self._fh is None:
            raise RuntimeError(f"{type(self).__name__} used outside its 'with' block")
        return self._fh

    def __enter__(self) -> Exporter:
        self._cm = atomic_open(self.path, "w", encoding=self.encoding, newline="")
        self._fh = self._cm.__enter__()
        try:
            self.begin()
        except BaseException as exc:
            self._cm.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        assert self._cm is not None
        cm, self._cm = self._cm, None
        if exc is None:
            try:
                self.end()
            except BaseException as err:
                cm.__exit__(type(err), err, err.__traceback__)
                raise
        self._fh = None
        return bool(cm.__exit__(exc_type, exc, tb))

    def begin(self) -> None:
        """Write what comes before the first record (header row, page head)."""

    def end(self) -> None:
        """Write what comes after the last record (page footer)."""

    def write(self, record: Record) -> None:
        raise NotImplementedError


def stale_parts(out_dir: str | Path, filenames: list[str]) -> list[Path]:
    """Temporary files a killed run left behind for ``filenames`` in ``out_dir``."""
    out = Path(out_dir)
    return [p for name in filenames for p in out.glob(f".{name}.*.part")]
