"""Readers on bad and odd input: a result with consistent sections, or a ReadError, never anything else."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import readers
from extractor.abstract import Abstract
from extractor.errors import ReadError
from extractor.readers import decode_bytes, read_html, read_page_text, read_path, read_plain_text
from pipelines.sections import detect_sections

HTML = Path(__file__).parent / "fixtures" / "html"
OJS = Path(__file__).parent / "fixtures" / "ojs"


def _check_sections(abstract: Abstract) -> None:
    """Sections lie inside the text, in order, without overlap, each starting with its heading."""
    text = abstract.text
    assert text.strip()
    last_end = 0
    for s in abstract.sections:
        assert last_end <= s.start <= s.end <= len(text)
        assert text[s.start :].startswith(s.heading)
        last_end = s.end


# --- HTML robustness fixtures -------------------------------------------------------------


def test_truncated_page_recovers_abstract_from_description() -> None:
    a = read_path(HTML / "truncated-with-description.html")
    assert a.text.endswith("Conclusions. Nothing is lost.")
    assert [s.label for s in a.sections] == ["background", "methods", "results", "conclusions"]
    assert any("truncated" in w for w in a.warnings)
    assert (a.id, a.code, a.title) == ("reumatismo-3003", "PO:02:014", "Cut-off page")
    _check_sections(a)


def test_truncated_page_without_description_keeps_what_there_is() -> None:
    a = read_path(HTML / "truncated-no-description.html")
    assert a.text == "Background. A download interrupted inside the abstract.\n\nMethods. We saved only pa"
    assert any("truncated" in w for w in a.warnings)
    _check_sections(a)


def test_page_without_abstract_is_a_read_error() -> None:
    path = HTML / "no-abstract.html"
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.where == str(path)
    assert "no abstract" in info.value.message


def test_two_abstract_sections_take_the_first_with_a_warning() -> None:
    a = read_path(HTML / "two-abstracts.html")
    assert a.text.startswith("Objectives. First abstract")
    assert "Second abstract" not in a.text
    assert any("2 abstract sections" in w for w in a.warnings)
    assert (a.code, [x.name for x in a.authors]) == ("CO:03:021", ["Anna Bianchi", "Marco Verdi"])


@pytest.mark.parametrize("name", ["wrong-charset.html", "latin1-declared.html"])
def test_charset_declarations_right_or_wrong(name: str) -> None:
    data = (HTML / name).read_bytes()
    assert b"charset=iso-8859-1" in data
    a = read_path(HTML / name)
    assert a.text.startswith("Objective. Et\u00e0 media 41\u00b112 anni; febbre a 39.5\u00b0C")
    assert "Forl\u00ec" in a.text
    assert a.title == "Citt\u00e0 e et\u00e0"
    assert a.authors[0].name == "Niccol\u00f2 Fabbri"
    assert a.affiliations[0].name == "Universit\u00e0 di Bologna, Italy"
    if name == "wrong-charset.html":
        assert "\u2014" in a.text  # UTF-8 bytes were not read as latin-1 mojibake
        assert "\u00c3" not in a.text


def test_entities_nbsp_paragraphs_label_br_and_list() -> None:
    a = read_path(HTML / "entities.html")
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0] == (
        "Background. Serum levels <5 mg/L & CRP >10 mg/L were compared "
        "(mean 41\u00b112 years; 37\u00b0C\u00a0threshold)."
    )
    assert paragraphs[1] == "Methods. We enrolled 20 patients\nin two centres."  # <br> kept as a newline
    assert paragraphs[2] == "Arm A: 10 patients\nArm B: 10 patients"  # list items one per line
    assert paragraphs[3] == "Results. Pain fell from 7 to 2 \u2014 a large change."
    assert len(paragraphs) == 4  # no "Abstract" label, no &nbsp; spacers, no image paragraph
    assert a.title == "Entities & spacers"
    assert [(x.name, x.affiliations) for x in a.authors] == [("Giulia Conti", [1, 2]), ("Elena Moretti", [2])]
    assert a.affiliations[1].name == "Internal Medicine, Genova, Italy"
    assert a.warnings == []
    _check_sections(a)


def test_table_cells_are_kept_separated_by_bars() -> None:
    a = read_path(HTML / "table.html")
    assert "Score | T0 | T6\nDAS28 | 5.1 | 3.2\nHAQ | 1.4 | 0.9" in a.text
    assert [s.label for s in a.sections] == ["methods", "conclusions"]
    assert "DAS28 | 5.1" in a.text[a.sections[0].start : a.sections[0].end]
    assert a.code == "OP:05"


def test_file_above_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.truncate(readers.MAX_BYTES + 1)  # sparse: no 10 MB written to disk
    with pytest.raises(ReadError) as info:
        read_path(big)
    assert "too large" in info.value.message and f"{readers.MAX_BYTES:,}" in info.value.message
    assert info.value.where == str(big)
    small = tmp_path / "small.txt"
    small.write_text("Methods: a fine abstract of some length.", encoding="utf-8")
    with pytest.raises(ReadError, match="too large"):
        read_path(small, max_bytes=10)
    monkeypatch.setattr(readers.files, "MAX_BYTES", 10)  # the cap lives with the file readers
    with pytest.raises(ReadError, match="too large"):
        read_path(small)


def test_binary_and_empty_files_are_read_errors(tmp_path: Path) -> None:
    cases = {
        "image.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "controls.txt": bytes(range(1, 9)) * 200,
        "empty.txt": b"",
        "blank.html": b"   \n\t ",
        "bad-utf16.txt": codecs.BOM_UTF16_LE + b"\x00\xd8",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ReadError) as info:
            read_path(path)
        assert info.value.where == str(path), name
        assert "\n" not in info.value.message


def test_bom_files_decode(tmp_path: Path) -> None:
    text = "Objective: caf\u00e9 \u00b1 2.\nResults: Done."
    for enc, bom in (
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ):
        path = tmp_path / f"{enc}.txt"
        path.write_bytes(bom + text.encode(enc))
        a = read_path(path)
        assert a.text == text
        assert [s.heading for s in a.sections] == ["Objective", "Results"]


def test_cp1252_text_without_declaration(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("Results: \u201cgood\u201d response in 5 patients \u2013 all women.".encode("cp1252"))
    a = read_path(path)
    assert "\u201cgood\u201d" in a.text


def test_decode_prefers_utf8_over_a_wrong_declaration() -> None:
    data = "41\u00b112".encode()
    assert decode_bytes(data, where="x", declared="latin-1") == "41\u00b112"
    assert decode_bytes("41\u00b112".encode("latin-1"), where="x", declared="latin-1") == "41\u00b112"


# --- properties: arbitrary input gives an Abstract with sane sections, or a ReadError ------

_HEADINGS = st.sampled_from(
    [
        "Background",
        "Objective",
        "METHODS",
        "Results",
        "Conclusions",
        "Abstract",
        "Background and aims",
        "Keywords",
    ]
)
_PUNCT = st.sampled_from([". ", ": ", "\n", " ", ".", ":", "\u00a0\n", "", "  \n\n"])
_SNIPPETS = st.sampled_from(
    [
        "<p>",
        "</p>",
        '<section class="item abstract">',
        "</section>",
        "<strong>",
        "&nbsp;",
        "<br>",
        "<table><tr><td>",
        "</td><td>",
        '<meta name="DC.Description" content="',
        '">',
        "(",
        "]",
        "[",
        "Vol. 77 No. s1 (2025): X\n",
        "How to Cite\n",
        "PO:18:276 | T\n",
        "Published: 26 November 2025\n",
        "Available from: https://www.reumatismo.org/reuma/article/view/1\n",
        "\u0000",
        "\ufeff",
        "\u200b",
        "\u0627\u0644\u0630\u0626\u0628",
        "\u4e2d\u6587",
        "\U0001f600",
        "<!--",
        "-->",
        "<script>",
        "</html>",
    ]
)
_MIXED = st.lists(
    st.one_of(st.text(max_size=30), _HEADINGS, _PUNCT, _SNIPPETS, st.tuples(_HEADINGS, _PUNCT).map("".join)),
    max_size=25,
).map("".join)

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_MIXED)
def test_detect_sections_spans_are_consistent(text: str) -> None:
    last_end = 0
    for s in detect_sections(text):
        assert last_end <= s.start <= s.end <= len(text)
        assert text[s.start : s.start + len(s.heading)] == s.heading
        last_end = s.end


@_SETTINGS
@given(_MIXED)
def test_read_plain_text_total(text: str) -> None:
    try:
        a = read_plain_text(text, id="prop")
    except ReadError as exc:
        assert exc.where == "prop"
        return
    assert a.text == text
    _check_sections(a)


@_SETTINGS
@given(st.one_of(_MIXED, _MIXED.map(lambda t: f'<html><section class="item abstract"><p>{t}</p></section>')))
def test_read_html_total(html: str) -> None:
    try:
        a = read_html(html, where="prop.html")
    except ReadError as exc:
        assert exc.where == "prop.html"
        return
    _check_sections(a)


@_SETTINGS
@given(st.binary(max_size=300))
def test_read_html_bytes_total(data: bytes) -> None:
    try:
        a = read_html(data, where="prop.html")
    except ReadError:
        return
    _check_sections(a)


@_SETTINGS
@given(_MIXED)
def test_read_page_text_total(text: str) -> None:
    try:
        a = read_page_text(text, where="prop.txt")
    except ReadError as exc:
        assert exc.where == "prop.txt"
        return
    _check_sections(a)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".html", ".htm", ".txt", ".dat"]))
def test_read_path_total(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("prop") / f"input{suffix}"
    path.write_bytes(data)
    try:
        a = read_path(path)
    except ReadError as exc:
        assert exc.where == str(path)
        return
    _check_sections(a)
