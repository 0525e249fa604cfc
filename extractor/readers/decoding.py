"""Bytes to text: BOMs, declared charsets that lie, and charset-normalizer for the rest."""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.I,
)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares (``<meta charset>``, ``http-equiv``, XML prolog), if Python knows it."""
    m = _DECLARED_RE.search(data[:8192])
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(text: str) -> bool:
    """Control characters (other than tab/newlines) in more than 1 % of the text: not a page."""
    if not text:
        return False
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r\f\v")
    return bad / len(text) > 0.01


def decode_bytes(data: bytes, *, where: str, declared: str | None = None) -> str:
    """Bytes -> text, recovering from a wrong charset declaration.

    Order: a BOM wins; NUL bytes mean a binary file; then strict UTF-8 (a page
    declared latin-1 that is really UTF-8 decodes right, and real latin-1 with
    accents is almost never valid UTF-8); then the declared charset; then
    charset-normalizer's detection, with ties broken towards Western European
    encodings (:func:`detect_encoding`).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise ReadError(where, f"invalid {enc} after its byte-order mark ({exc.reason})") from exc
            return _checked_text(text, where)
    if b"\x00" in data:
        raise ReadError(where, "binary file (NUL bytes), not a page or a text")
    for enc in ("utf-8", declared):
        if not enc:
            continue
        try:
            return _checked_text(data.decode(enc), where)
        except (UnicodeDecodeError, LookupError):
            continue
    enc = detect_encoding(data)
    if enc is None:
        raise ReadError(where, "cannot decode the file (unknown character encoding)")
    return _checked_text(data.decode(enc, errors="replace"), where)


#: Single-byte encodings of the languages the abstracts come in (Italian, English, ...), preferred
#: when charset-normalizer finds several decodings equally plausible: on a short Italian text
#: Windows-1250 ("Universitŕ") scores as well as Windows-1252 ("Università").
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def detect_encoding(data: bytes) -> str | None:
    """The encoding of non-UTF-8 bytes (charset-normalizer), Western European on a tie; None if unknown."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    close = [m for m in results if m.chaos <= best.chaos + 0.01]
    for enc in _WESTERN:
        if any(m.encoding == enc or enc in m.could_be_from_charset for m in close):
            try:
                data.decode(enc)
            except UnicodeDecodeError:
                continue
            return enc
    return best.encoding


def _checked_text(text: str, where: str) -> str:
    if _looks_binary(text):
        raise ReadError(where, "binary file (control characters), not a page or a text")
    return text
