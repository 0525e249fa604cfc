"""PDF input: the text layer of a PDF through pypdf, one abstract per file or an abstract book split on its codes.

A PDF is never decoded as text (its bytes are a binary container, whatever they
look like): files that start with ``%PDF-`` or end in ``.pdf`` come here. Only the
text layer is read; a scanned PDF (pages as images, no text) is a clear
:class:`ReadError` asking for OCR, never an empty record.

An *abstract book* (a congress supplement: many abstracts, each opening with its
code such as ``PO:18:276`` or ``CO:03:021``) is split on those codes when at least
two lines open with codes of one shape; each piece becomes an :class:`Abstract`
with that code, the title that follows it, and the rest as its text. A PDF
without such codes is one abstract, its whole text layer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pipelines.sections import detect_sections_with_warnings

from .abstract import Abstract
from .errors import ReadError

PDF_MAGIC = b"%PDF-"

#: A line opening with an abstract code: 1–4 capitals, digits, ``:``/``.``/``-`` separated groups,
#: then the end of the line, a ``|`` or a capitalised title. "IL-17A" or "IL6 levels" are not codes.
_CODE_LINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<code>[A-Z]{1,4}[:.\-]?\d{1,4}(?:[:.\-]\d{1,4})*)"
    r"(?:[ \t]*$|[ \t]*\|[ \t]*(?P<t1>\S.*)$|[ \t]+(?P<t2>[A-Z\u00c0-\u00de].*)$)"
)


def is_pdf(data: bytes) -> bool:
    """True for PDF bytes (the header may follow a little junk, as PDF readers allow)."""
    return PDF_MAGIC in data[:1024]


def pdf_text_pages(data: bytes, where: str) -> list[str]:
    """The text layer of each page (pypdf); :class:`ReadError` for a broken or encrypted file."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(where, "encrypted PDF (a password is needed); save it without protection")
        return [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        first = (str(exc).splitlines() or [""])[0][:160]
        raise ReadError(where, f"broken PDF ({type(exc).__name__}: {first})") from exc


@dataclass(frozen=True)
class _Piece:
    code: str
    title: str | None
    text: str


def _shape(code: str) -> str:
    """``PO:18:276`` → ``PO:9:9``: codes of one book share their letters and separators."""
    return re.sub(r"\d+", "9", code)


def split_book(text: str) -> list[_Piece]:
    """Abstract-book pieces (code, title, text) when at least two lines open with codes of one shape.

    Returns ``[]`` when the text is not a book (then the whole text is one abstract).
    The shape that occurs most often wins, so a stray "OP:05" inside a text does
    not split a book of "PO:18:276" abstracts.
    """
    matches = list(_CODE_LINE_RE.finditer(text))
    if len(matches) < 2:
        return []
    shapes: dict[str, int] = {}
    for m in matches:
        shapes[_shape(m["code"])] = shapes.get(_shape(m["code"]), 0) + 1
    shape, count = max(shapes.items(), key=lambda kv: kv[1])
    if count < 2:
        return []
    starts = [m for m in matches if _shape(m["code"]) == shape]
    pieces: list[_Piece] = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        body = text[m.end() : end].strip()
        title = (m["t1"] or m["t2"] or "").strip() or None
        if title is None and body:  # the title is the next line
            first, _, rest = body.partition("\n")
            title, body = first.strip() or None, rest.strip()
        pieces.append(_Piece(m["code"], title, body))
    return pieces


def read_pdf(data: bytes, *, where: str, stem: str) -> list[Abstract]:
    """PDF bytes → the abstracts in its text layer (one, or one per code of an abstract book)."""
    pages = pdf_text_pages(data, where)
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ReadError(where, f"PDF has no text layer ({len(pages)} page(s), scanned images?); "
                               "run OCR first (e.g. ocrmypdf) or save the abstract as text")
    pieces = split_book(text)
    if not pieces:
        found, hints = detect_sections_with_warnings(text)
        return [Abstract(id=stem, text=text, sections=found, warnings=hints)]
    out: list[Abstract] = []
    for piece in pieces:
        if not piece.text.strip():
            continue  # a code in the book's index or table of contents, without a body
        found, hints = detect_sections_with_warnings(piece.text)
        safe = re.sub(r"[^A-Za-z0-9]+", "-", piece.code).strip("-")
        out.append(Abstract(id=f"{stem}-{safe}", text=piece.text, sections=found, code=piece.code,
                            title=piece.title, warnings=hints))
    if not out:
        raise ReadError(where, "abstract book with codes but no abstract text after them")
    return out


__all__ = ["PDF_MAGIC", "is_pdf", "pdf_text_pages", "read_pdf", "split_book"]
