"""The harvested corpus on disk: one folder per article, written so that a crash never leaves a half record.

Layout (others read it: ``extractor.readers.read_path`` treats a folder with
``page.html`` + ``meta.json`` as one harvested article)::

    <out>/<record id>/page.html      raw bytes as served (absent for an OAI record without an article page)
    <out>/<record id>/abstract.txt   the abstract text
    <out>/<record id>/oai.json       the OAI-PMH record (only when harvested through OAI)
    <out>/<record id>/meta.json      parsed metadata; written LAST: its presence marks the article complete
    <out>/.harvest-state.json        done/failed ids and OAI resumption progress

Every file goes through :mod:`extractor.atomic` (temp file + fsync + rename).
A run killed with SIGKILL can leave ``.*.part`` temp files and folders without
``meta.json``; :meth:`CorpusStore.sweep` removes the former, the latter are
simply redone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..atomic import write_bytes, write_text

STATE_NAME = ".harvest-state.json"
STATE_VERSION = 1


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


class CorpusStore:
    def __init__(self, out: Path):
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)

    def folder(self, rid: str) -> Path:
        return self.out / rid

    def is_complete(self, rid: str) -> bool:
        """An article is stored iff its ``meta.json`` exists (it is written last)."""
        return (self.out / rid / "meta.json").is_file()

    def sweep(self) -> list[Path]:
        """Remove temp files (``.<name>.<random>.part``) a killed run left behind; return them."""
        removed: list[Path] = []
        for path in [*self.out.glob(".*.part"), *self.out.glob("*/.*.part")]:
            try:
                path.unlink()
                removed.append(path)
            except FileNotFoundError:  # pragma: no cover - raced with another sweep
                pass
        return removed

    def write_article(self, rid: str, page: bytes | None, abstract_text: str, meta: dict[str, Any],
                      oai: dict[str, Any] | None = None) -> Path:
        """Store one article; ``page`` None for an OAI record without an article page (abstract from OAI)."""
        folder = self.out / rid
        folder.mkdir(parents=True, exist_ok=True)
        if page is not None:
            write_bytes(folder / "page.html", page)
        write_text(folder / "abstract.txt", abstract_text if abstract_text.endswith("\n") else abstract_text + "\n")
        if oai is not None:
            write_text(folder / "oai.json", _dump(oai))
        write_text(folder / "meta.json", _dump(meta))  # last: marks the article complete
        return folder


class HarvestState:
    """``<out>/.harvest-state.json``: what a restart needs to resume without refetching.

    ``done``: record id -> URL; ``failed``: URL -> reason (retried on the next run);
    ``oai``: per list (endpoint + set + prefix) the token of the page in progress,
    the last datestamp processed and whether the list was completed.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.data: dict[str, Any] = {"version": STATE_VERSION, "done": {}, "failed": {}, "oai": {}}
        if self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = None  # a damaged state only costs re-listing; stored articles are still skipped
            if isinstance(loaded, dict) and loaded.get("version") == STATE_VERSION:
                for key in ("done", "failed", "oai"):
                    if isinstance(loaded.get(key), dict):
                        self.data[key] = loaded[key]

    @property
    def done(self) -> dict[str, str]:
        return self.data["done"]

    @property
    def failed(self) -> dict[str, str]:
        return self.data["failed"]

    def oai(self, key: str) -> dict[str, Any]:
        return self.data["oai"].setdefault(key, {})

    def mark_done(self, rid: str, url: str) -> None:
        self.done[rid] = url
        self.failed.pop(url, None)

    def mark_failed(self, url: str, reason: str) -> None:
        self.failed[url] = reason

    def save(self) -> None:
        write_text(self.path, _dump(self.data))


def list_records(out: Path) -> list[str]:
    """Record ids stored completely under ``out`` (sorted)."""
    return sorted(p.name for p in Path(out).iterdir() if (p / "meta.json").is_file()) if Path(out).is_dir() else []


__all__ = ["CorpusStore", "HarvestState", "STATE_NAME", "list_records"]
