"""Files, folders and bytes -> abstracts: size cap, dispatch on content and suffix, harvested
folders, and the walk that lists a folder's inputs (nothing skipped in silence)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from schemas import Source

from ..abstract import Abstract
from ..errors import ReadError
from ..filetypes import HTML_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES, is_companion, is_ignored, not_read_reason
from .common import _guard
from .decoding import declared_charset, decode_bytes
from .html_page import read_html
from .page_text import looks_like_page_text, read_page_text
from .plain_text import read_plain_text

#: Files larger than this are refused (a saved article page is ~100 kB; a huge file
#: is a wrong input or a runaway download). Change it here or pass ``max_bytes``.
MAX_BYTES = 10 * 1024 * 1024

HARVEST_PAGE = "page.html"
HARVEST_META = "meta.json"
HARVEST_ABSTRACT = "abstract.txt"
HARVEST_OAI = "oai.json"

def _read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing files above ``max_bytes`` before reading them."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(str(path), f"file too large ({size:,} bytes; the limit is {max_bytes:,} bytes)")
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(str(path), f"file too large (over the limit of {max_bytes:,} bytes)")
    if not data.strip():
        raise ReadError(str(path), "empty file")
    return data


def _url_from_meta(meta: Path, warnings: list[str]) -> str | None:
    """``{"url": ...}`` from a harvest's ``meta.json``; a broken one is a warning, not a failure."""
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        warnings.append(f"ignored {meta.name}: {type(exc).__name__}")
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.strip() else None


def _sibling_meta(path: Path) -> Path | None:
    for cand in (path.with_name(path.stem + ".meta.json"), path.with_name(HARVEST_META)):
        if cand.is_file():
            return cand
    return None


def _is_harvest_folder(path: Path) -> bool:
    return ((path / HARVEST_PAGE).is_file() and (path / HARVEST_META).is_file()) or _is_oai_only_folder(path)


def _is_oai_only_folder(path: Path) -> bool:
    """A harvested OAI record that had no article page: ``abstract.txt`` + ``oai.json`` + ``meta.json``."""
    return all((path / name).is_file() for name in (HARVEST_ABSTRACT, HARVEST_OAI, HARVEST_META))


def _read_oai_only(folder: Path, cap: int) -> Abstract:
    """The abstract text the harvester kept from ``dc:description``, with the metadata it stored."""
    where = str(folder)
    text = decode_bytes(_read_capped(folder / HARVEST_ABSTRACT, cap), where=where).rstrip("\n")
    try:
        meta = json.loads((folder / HARVEST_META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReadError(where, f"broken {HARVEST_META} ({type(exc).__name__})") from exc
    abstract = read_plain_text(text, id=folder.name)
    if isinstance(meta, dict):
        title = meta.get("title")
        abstract.title = title if isinstance(title, str) and title.strip() else None
        raw_source = meta.get("source")
        if isinstance(raw_source, dict):
            try:
                abstract.source = Source.model_validate(
                    {k: v for k, v in raw_source.items() if v is not None and k in Source.model_fields})
            except ValueError:
                abstract.warnings.append(f"ignored the source in {HARVEST_META} (not valid)")
    abstract.warnings.insert(0, "no article page: abstract from the OAI record's dc:description")
    return abstract


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2048].lower()
    return head.startswith("<") and ("<html" in head or "<!doctype html" in head or "<head" in head)


def read_path(path: str | Path, *, max_bytes: int | None = None) -> Abstract:
    """Read one input holding one abstract: an ``.html``/``.htm`` page, a ``.txt`` (page text or plain
    abstract), a ``.pdf`` with one abstract, or a harvested article folder (``page.html`` + ``meta.json``).

    Raises only :class:`ReadError`, naming the path (an abstract book is one too:
    :func:`read_abstracts` reads every abstract in it).
    """
    found = read_abstracts(path, max_bytes=max_bytes)
    if len(found) != 1:
        raise ReadError(str(path), f"abstract book with {len(found)} abstracts; read it with read_abstracts()")
    return found[0]


def read_abstracts(path: str | Path, *, max_bytes: int | None = None) -> list[Abstract]:
    """Every abstract in one input: one for a page, a text or a harvested folder; one per code for
    a PDF abstract book. Raises only :class:`ReadError`, naming the path."""
    p = Path(path)
    return _guard(str(p), lambda: _read_path(p, MAX_BYTES if max_bytes is None else max_bytes))


def read_bytes(data: bytes, *, where: str = "<stdin>", stem: str = "stdin", suffix: str = "") -> list[Abstract]:
    """Bytes from anywhere (standard input) -> abstracts, sniffed like a file named ``stem + suffix``."""
    return _guard(where, lambda: _read_data(data, where, stem, suffix.lower(), None))


def _read_path(p: Path, cap: int) -> list[Abstract]:
    where = str(p)
    if not p.exists():
        raise ReadError(where, "no such file or directory")
    warnings: list[str] = []
    if p.is_dir():
        page = p / HARVEST_PAGE
        if not page.is_file() and _is_oai_only_folder(p):
            return [_read_oai_only(p, cap)]
        if not page.is_file():
            raise ReadError(where, f"folder is not a harvested article (no {HARVEST_PAGE})")
        meta = p / HARVEST_META
        url = _url_from_meta(meta, warnings) if meta.is_file() else None
        data = _read_capped(page, cap)
        abstract = read_html(
            decode_bytes(data, where=where, declared=declared_charset(data)), url, where=where, id=p.name
        )
        abstract.warnings[:0] = warnings
        return [abstract]
    if not p.is_file():
        raise ReadError(where, "not a regular file")
    reason = not_read_reason(p, named=True)
    if reason:
        raise ReadError(where, reason)
    data = _read_capped(p, cap)
    return _read_data(data, where, p.stem, p.suffix.lower(), p)


def _read_data(data: bytes, where: str, stem: str, suffix: str, p: Path | None) -> list[Abstract]:
    """Dispatch on the content and suffix: PDF (never decoded as text), HTML, page text, plain text."""
    from ..pdf import is_pdf, read_pdf

    if not data.strip():
        raise ReadError(where, "empty file" if p is not None else "empty input")
    if suffix in PDF_SUFFIXES or is_pdf(data):
        if not is_pdf(data):
            raise ReadError(where, "not a PDF (no %PDF- header) although named .pdf")
        return read_pdf(data, where=where, stem=stem)
    warnings: list[str] = []
    text = decode_bytes(
        data, where=where, declared=declared_charset(data) if suffix not in TEXT_SUFFIXES else None
    )
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        meta = _sibling_meta(p) if p is not None else None
        url = _url_from_meta(meta, warnings) if meta else None
        abstract = read_html(text, url, where=where, id=stem)
        abstract.warnings[:0] = warnings
        return [abstract]
    if looks_like_page_text(text):
        return [read_page_text(text, where=where, id=stem)]
    return [_with_where(where, lambda: read_plain_text(text, id=stem))]


def _with_where(where: str, fn: Callable[[], Abstract]) -> Abstract:
    """Re-raise a reader's error under the file path (``read_plain_text`` names the id)."""
    try:
        return fn()
    except ReadError as exc:
        raise ReadError(where, exc.message) from exc


def iter_input_files(paths: Iterable[str | Path], not_read: list[tuple[Path, str]] | None = None) -> Iterator[Path]:
    """Inputs to read, folders expanded recursively in sorted order.

    A folder holding ``page.html`` + ``meta.json`` is one harvested article (the
    folder is yielded); elsewhere ``*.html``, ``*.htm``, ``*.txt``, ``*.pdf`` and PubMed ``*.xml``/``*.xml.gz``
    files are yielded. Hidden files and folders, ``*.part`` downloads, the companions of
    an input (``<stem>.meta.json``) and ``gold/`` folders are passed over; every
    other file is appended to ``not_read`` as ``(path, reason)`` (nothing is skipped
    in silence). A path named explicitly is yielded as given (even if it does not
    exist, so that :func:`read_path` reports it and the run goes on).
    """
    seen: set[Path] = set()
    visited: set[Path] = set()
    refused = not_read if not_read is not None else []
    for raw in paths:
        root = Path(raw)
        for p in _expand(root, visited, refused) if root.is_dir() else [root]:
            if p not in seen:
                seen.add(p)
                yield p


def _expand(folder: Path, visited: set[Path], not_read: list[tuple[Path, str]]) -> Iterator[Path]:
    """Walk one folder; ``visited`` (resolved paths) stops symlink loops."""
    try:
        real = folder.resolve()
        if real in visited:
            return
        visited.add(real)
        if _is_harvest_folder(folder):
            yield folder
            return
        children = sorted(folder.iterdir(), key=lambda c: c.name)
    except OSError as exc:
        not_read.append((folder, f"cannot list the folder ({exc.strerror or exc})"))
        return
    for child in children:
        if is_ignored(child):
            continue
        if child.is_dir():
            if child.name.lower() != "gold":
                yield from _expand(child, visited, not_read)
            continue
        if is_companion(child):
            continue
        reason = not_read_reason(child, named=False)
        if reason:
            not_read.append((child, reason))
        else:
            yield child
