"""Inputs beyond .txt and .html, and nothing skipped in silence: PDFs, encodings, files that are not read, duplicates."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF

from extractor.errors import ReadError
from extractor.pdf import split_book
from extractor.readers import decode_bytes, detect_encoding, read_abstracts, read_path
from extractor.run import NotRead, run
from schemas import Record

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted((ROOT / "corpus/dev/text").glob("*.txt"))
SEED = ROOT / "corpus/seed/reumatismo-2170.html"

ABSTRACT = ("Objective: To assess rituximab in refractory lupus. Methods: We studied 12 patients with SLE "
            "treated at the Universita di Padova. Results: 8 patients improved and 2 had infusion reactions. "
            "Conclusion: Rituximab was effective.")
BOOK = (
    "Reumatismo abstract book\n\n"
    "PO:18:001\nRITUXIMAB IN REFRACTORY LUPUS\nObjective: To assess rituximab. Methods: We studied 12 patients "
    "with SLE. Results: 8 patients improved.\n\n"
    "PO:18:002 | ABATACEPT IN RHEUMATOID ARTHRITIS\nMethods: 30 patients with RA were treated with abatacept. "
    "Results: 20 responded.\n\n"
    "PO:18:003 TOCILIZUMAB IN GIANT CELL ARTERITIS\nMethods: 9 patients with GCA received tocilizumab. "
    "Results: all were in remission at 12 months; IL-17A levels fell.\n"
)


def make_pdf(path: Path, pages: list[str]) -> Path:
    """A PDF with a text layer, one page per string (Helvetica, so Latin-1 text only)."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 5, text)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is drawn, without any text (what a scanner gives)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.output(str(path))
    return path


def extract(*args: str | Path, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", "extract", *map(str, args)], cwd=cwd,
                          input=stdin.decode("latin-1") if stdin else None, capture_output=True, text=True,
                          encoding="latin-1" if stdin else "utf-8", timeout=300, check=False)


# --- PDF ---------------------------------------------------------------------------------------------
def test_pdf_one_abstract_is_its_text_layer(tmp_path: Path) -> None:
    (abstract,) = read_abstracts(make_pdf(tmp_path / "rtx.pdf", [ABSTRACT]))
    assert abstract.id == "rtx"
    assert "%PDF" not in abstract.text and "12 patients with SLE" in abstract.text
    assert [s.label for s in abstract.sections] == ["background", "methods", "results", "conclusions"]


def test_pdf_abstract_book_is_split_on_its_codes(tmp_path: Path) -> None:
    cut = BOOK.index("Results: 20")  # a page break inside the second abstract
    found = read_abstracts(make_pdf(tmp_path / "book.pdf", [BOOK[:cut], BOOK[cut:]]))
    assert [a.id for a in found] == ["book-PO-18-001", "book-PO-18-002", "book-PO-18-003"]
    assert [a.code for a in found] == ["PO:18:001", "PO:18:002", "PO:18:003"]
    assert found[0].title == "RITUXIMAB IN REFRACTORY LUPUS"
    assert found[1].title == "ABATACEPT IN RHEUMATOID ARTHRITIS"
    assert found[1].text.startswith("Methods: 30 patients with RA")
    assert "PO:18:002" not in found[0].text and "Results: 20 responded." in found[1].text
    with pytest.raises(ReadError, match="abstract book with 3 abstracts"):
        read_path(tmp_path / "book.pdf")


def test_split_book_needs_two_codes_of_one_shape() -> None:
    assert split_book(ABSTRACT) == []
    assert split_book("Methods\nIL-17A and IL6 levels\nIL17 inhibitors were used.\nOP:05 Title\n") == []
    pieces = split_book("CO:01 FIRST\nbody one\nIL-17A rose\nCO:02 SECOND\nbody two")
    assert [(p.code, p.title, p.text) for p in pieces] == [("CO:01", "FIRST", "body one\nIL-17A rose"),
                                                           ("CO:02", "SECOND", "body two")]


def test_scanned_pdf_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"PDF has no text layer \(1 page\(s\), scanned images\?\); run OCR"):
        read_abstracts(make_scanned_pdf(tmp_path / "scan.pdf"))


def test_pdf_bytes_are_never_read_as_text(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", [ABSTRACT])
    disguised = Path(shutil.copy(pdf, tmp_path / "a.txt"))  # PDF bytes under a .txt name: still a PDF
    (abstract,) = read_abstracts(disguised)
    assert "%PDF" not in abstract.text and "rituximab" in abstract.text
    fake = tmp_path / "fake.pdf"
    fake.write_text("%PD not really a pdf", encoding="ascii")
    with pytest.raises(ReadError, match="not a PDF"):
        read_abstracts(fake)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"garbage " * 50)
    with pytest.raises(ReadError, match="PDF"):
        read_abstracts(broken)


def test_extract_cli_reads_a_pdf_book_and_a_pdf_on_stdin(tmp_path: Path) -> None:
    book = make_pdf(tmp_path / "book.pdf", [BOOK])
    done = extract(book, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [Record.model_validate_json(line) for line in done.stdout.splitlines()]
    assert [r.code for r in records] == ["PO:18:001", "PO:18:002", "PO:18:003"]
    assert records[1].population.n is not None and records[1].population.n.value == 30
    single = make_pdf(tmp_path / "one.pdf", [ABSTRACT])
    piped = subprocess.run([sys.executable, "-m", "extractor", "extract", "-"], cwd=tmp_path,
                           input=single.read_bytes(), capture_output=True, timeout=300, check=False)
    assert piped.returncode == 0, piped.stderr
    assert Record.model_validate_json(piped.stdout.decode()).text.startswith("Objective:")


# --- encodings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("encoding", "text"), [
    ("latin-1", "Methods. 12 patients were studied at the Università di Padova; età media 45 anni."),
    ("cp1252", "Methods. 12 patients \u201cwith SLE\u201d aged 35\u201364 years were studied \u2013 perché."),
    ("latin-1", "à la città"),
    ("cp1252", "Méthodes: patients âgés de 40 ans, traités par méthotrexate. Résultats: amélioration."),
])
def test_western_encodings_are_detected(tmp_path: Path, encoding: str, text: str) -> None:
    data = text.encode(encoding)
    assert decode_bytes(data, where="x") == text
    path = tmp_path / "abstract.txt"
    path.write_bytes(data)
    assert read_path(path).text == text


def test_utf8_and_other_encodings_still_win_when_clear() -> None:
    assert detect_encoding("Università".encode()) in ("utf_8", "utf-8", "ascii")
    polish = "Zażółć gęślą jaźń. Pacjenci z reumatoidalnym zapaleniem stawów byli leczeni przez lekarzy."
    assert decode_bytes(polish.encode("cp1250"), where="x") == polish


def test_extract_cli_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Methods. We studied 12 patients at the Università di Padova.".encode("latin-1"))
    done = extract(path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Università" in Record.model_validate_json(done.stdout).text


# --- nothing skipped in silence ----------------------------------------------------------------------
@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "gold").mkdir(parents=True)
    shutil.copy(DEV[0], folder / "good.txt")
    shutil.copy(SEED, folder / "page.html")
    (folder / "page.meta.json").write_text('{"url": null}', encoding="utf-8")  # a companion: read with page.html
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 word")
    (folder / "table.csv").write_text("id,text\n1,abc\n", encoding="utf-8")
    (folder / "README.md").write_text("# readme\n", encoding="utf-8")
    (folder / "records.json").write_text("{}", encoding="utf-8")
    (folder / "abstract.rtf.bak").write_text("old", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (folder / "gold" / "good.json").write_text("{}", encoding="utf-8")
    return folder


def test_extract_reports_every_file_not_read(tmp_path: Path, mixed: Path) -> None:
    done = extract(mixed, cwd=tmp_path)
    assert done.returncode == 1
    assert sorted(Record.model_validate_json(line).id for line in done.stdout.splitlines()) == [
        "good", "reumatismo-2170"]
    errors = done.stderr.strip().splitlines()
    assert errors == [
        f"reumaextract: error: {mixed / 'README.md'}: Markdown files are not read (a README?); save the abstract as .txt",
        f"reumaextract: error: {mixed / 'abstract.rtf.bak'}: .bak files are not read in a folder; inputs are .txt, "
        ".html, .htm, .pdf and PubMed .xml(.gz) (name the file to read it anyway)",
        f"reumaextract: error: {mixed / 'notes.docx'}: Word documents are not read; save as text or PDF",
        f"reumaextract: error: {mixed / 'records.json'}: JSON files are not read (gold records or metadata?); "
        "inputs are .txt, .html, .pdf and PubMed .xml",
        f"reumaextract: error: {mixed / 'table.csv'}: CSV tables are not read; save each abstract as a .txt file",
    ]


def test_files_named_directly(tmp_path: Path) -> None:
    csv = tmp_path / "table.csv"
    csv.write_text("id,text\n1,abc\n", encoding="utf-8")
    docx = tmp_path / "notes.docx"
    docx.write_bytes(b"PK\x03\x04" + b"\x00" * 20)
    odd = Path(shutil.copy(DEV[0], tmp_path / "abstract.abs"))  # unknown suffix named directly: sniffed, read
    done = extract(csv, docx, odd, cwd=tmp_path)
    assert done.returncode == 1
    assert [Record.model_validate_json(line).id for line in done.stdout.splitlines()] == ["abstract"]
    assert f"{docx}: Word documents are not read; save as text or PDF" in done.stderr
    assert f"{csv}: CSV tables are not read" in done.stderr
    with pytest.raises(ReadError, match="CSV tables are not read"):
        read_path(csv)


def test_run_counts_files_not_read(tmp_path: Path, mixed: Path) -> None:
    err = io.StringIO()
    summary = run([str(mixed)], tmp_path / "out", progress=False, err=err)
    assert summary.committed and summary.written == 2 and not summary.ok
    assert sorted(Path(f.where).name for f in summary.not_read) == [
        "README.md", "abstract.rtf.bak", "notes.docx", "records.json", "table.csv"]
    assert all(isinstance(f, NotRead) for f in summary.failures)
    text = summary.format()
    assert "abstracts read: 2 (of 7 inputs)" in text and "not read: 5" in text and "failures: 0" in text
    assert f"  {mixed / 'notes.docx'}: Word documents are not read" in text


def test_same_text_under_two_names_is_extracted_once(tmp_path: Path) -> None:
    a = Path(shutil.copy(DEV[0], tmp_path / "a.txt"))
    b = tmp_path / "b.txt"
    b.write_text("  " + a.read_text(encoding="utf-8").replace(" ", "  ") + "\n", encoding="utf-8")  # spacing only
    done = extract(a, b, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [Record.model_validate_json(line).id for line in done.stdout.splitlines()] == ["a"]
    assert done.stderr.strip() == f"reumaextract: note: {b}: same text as {a}; extracted once"
    summary = run([str(a), str(b)], tmp_path / "out", progress=False, err=io.StringIO())
    assert summary.written == 1 and summary.ok and [d.where for d in summary.duplicates] == [str(b)]
    both = extract(a, b, "--keep-duplicates", cwd=tmp_path)  # asked for: every input, no note
    assert both.returncode == 0 and both.stderr == ""
    assert [Record.model_validate_json(line).id for line in both.stdout.splitlines()] == ["a", "b"]
