"""Typed errors: every failure names the input (file or URL) it came from."""

from __future__ import annotations


class ReumaExtractError(Exception):
    """Base class: ``where`` is the file path or URL the error is about."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        """Pickle as (where, message): errors come back from Dask workers and spaCy processes."""
        return type(self), (self.where, self.message)


class ReadError(ReumaExtractError):
    """An input could not be read or parsed into an abstract (broken page, empty abstract, bad encoding)."""


class FetchError(ReumaExtractError):
    """A URL could not be fetched (HTTP error, timeout, refused by robots.txt or by the host allow-list)."""


class ExtractionError(ReumaExtractError):
    """The pipeline or the record validation failed on an abstract."""
