"""Which files are inputs, which are companions, and why the others are not read.

Nothing is skipped in silence: a file found in a folder (or named on the command
line) is either read, a known companion of an input (a harvested page's
``meta.json``, a page's ``<stem>.meta.json``), part of a ``gold/`` folder, hidden,
or an unfinished download — or it is reported as *not read* with a reason that
says what to do instead.
"""

from __future__ import annotations

from pathlib import Path

HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = frozenset({".txt"})
PDF_SUFFIXES = frozenset({".pdf"})
READ_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | PDF_SUFFIXES

_WORD = "Word documents are not read; save as text or PDF"
_SHEET = "spreadsheets are not read; save each abstract as a .txt file"
_IMAGE = "images are not read; run OCR first and save the text as .txt"
_ARCHIVE = "archives are not read; unpack it and name the folder"

#: Known file kinds that are never read as abstracts, with the reason shown.
NOT_READ: dict[str, str] = {
    ".docx": _WORD, ".doc": _WORD, ".docm": _WORD, ".dotx": _WORD,
    ".odt": "OpenDocument texts are not read; save as text or PDF",
    ".rtf": "RTF documents are not read; save as text or PDF",
    ".pages": "Pages documents are not read; save as text or PDF",
    ".csv": "CSV tables are not read; save each abstract as a .txt file",
    ".tsv": "TSV tables are not read; save each abstract as a .txt file",
    ".xlsx": _SHEET, ".xls": _SHEET, ".ods": _SHEET,
    ".json": "JSON files are not read (gold records or metadata?); inputs are .txt, .html, .pdf and PubMed .xml",
    ".jsonl": "JSONL files are not read (records?); inputs are .txt, .html, .pdf and PubMed .xml",
    ".md": "Markdown files are not read (a README?); save the abstract as .txt",
    ".png": _IMAGE, ".jpg": _IMAGE, ".jpeg": _IMAGE, ".tif": _IMAGE, ".tiff": _IMAGE, ".gif": _IMAGE,
    ".webp": _IMAGE, ".bmp": _IMAGE,
    ".zip": _ARCHIVE, ".gz": _ARCHIVE, ".tgz": _ARCHIVE, ".tar": _ARCHIVE, ".7z": _ARCHIVE, ".rar": _ARCHIVE,
    ".epub": "e-books are not read; save the abstract as text or PDF",
    ".ppt": "slides are not read; save as text or PDF", ".pptx": "slides are not read; save as text or PDF",
}


def not_read_reason(path: Path, *, named: bool) -> str | None:
    """Why ``path`` is not read (None: it is read).

    A file named on the command line with an unknown suffix is sniffed (HTML,
    PDF or text by its content); in a folder only the known input suffixes are read.
    """
    suffix = path.suffix.lower()
    if suffix in READ_SUFFIXES or is_pubmed_name(path):
        return None
    if suffix in NOT_READ:
        return NOT_READ[suffix]
    if named:
        return None
    kind = f"{suffix} files" if suffix else "files without a suffix"
    return f"{kind} are not read in a folder; inputs are .txt, .html, .htm, .pdf and PubMed .xml(.gz) (name the file to read it anyway)"


def is_pubmed_name(path: Path) -> bool:
    """PubMed/MEDLINE XML, plain or gzipped (``extractor.pubmed`` reads one abstract per citation)."""
    name = path.name.lower()
    return name.endswith(".xml") or name.endswith(".xml.gz")


def is_companion(path: Path) -> bool:
    """Files that belong to an input and are read with it, never on their own."""
    name = path.name.lower()
    if name == "meta.json" or name == "oai.json":
        return True
    if name.endswith(".meta.json"):
        stem = path.name[: -len(".meta.json")]
        return any((path.with_name(stem + s)).exists() for s in HTML_SUFFIXES)
    return False


def is_ignored(path: Path) -> bool:
    """Hidden files and folders and unfinished downloads (``*.part``): not inputs, never reported."""
    return path.name.startswith(".") or path.name.endswith(".part")


__all__ = ["HTML_SUFFIXES", "NOT_READ", "PDF_SUFFIXES", "READ_SUFFIXES", "TEXT_SUFFIXES", "is_companion", "is_pubmed_name",
           "is_ignored", "not_read_reason"]
