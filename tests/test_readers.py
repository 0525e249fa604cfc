"""Readers against the seed page (three forms) and its gold record, plus the OJS fixtures."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from extractor.abstract import Abstract
from extractor.errors import ReadError
from extractor.readers import (
    iter_input_files,
    looks_like_page_text,
    read_html,
    read_page_text,
    read_path,
    read_plain_text,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "seed"
GOLD = json.loads((ROOT / "corpus" / "gold" / "reumatismo-2170.json").read_text(encoding="utf-8"))
OJS = Path(__file__).parent / "fixtures" / "ojs"
METADATA_FIELDS = ["id", "source", "code", "title", "authors", "affiliations", "text", "sections"]


def _dump(abstract: Abstract, field: str) -> object:
    value = getattr(abstract, field)
    if field == "source":
        return value.model_dump()
    if field in ("authors", "affiliations", "sections"):
        return [v.model_dump() for v in value]
    return value


@pytest.fixture(scope="module")
def from_html() -> Abstract:
    return read_path(SEED / "reumatismo-2170.html")


@pytest.fixture(scope="module")
def from_page_text() -> Abstract:
    return read_path(SEED / "reumatismo-2170-page.txt")


@pytest.mark.parametrize("field", METADATA_FIELDS)
def test_seed_html_matches_gold(from_html: Abstract, field: str) -> None:
    assert _dump(from_html, field) == GOLD[field], field


@pytest.mark.parametrize("field", METADATA_FIELDS)
def test_seed_page_text_matches_gold(from_page_text: Abstract, field: str) -> None:
    assert _dump(from_page_text, field) == GOLD[field], field


def test_seed_html_has_no_warnings(from_html: Abstract, from_page_text: Abstract) -> None:
    assert from_html.warnings == []
    assert from_page_text.warnings == []


def test_html_text_equals_saved_abstract_byte_for_byte(from_html: Abstract) -> None:
    expected = (SEED / "reumatismo-2170-abstract.txt").read_bytes().decode("utf-8")
    assert from_html.text == expected


def test_plain_text_seed_keeps_text_and_finds_gold_sections() -> None:
    abstract = read_path(SEED / "reumatismo-2170-abstract.txt")
    assert abstract.id == "reumatismo-2170-abstract"
    assert abstract.text == GOLD["text"]
    assert [s.model_dump() for s in abstract.sections] == GOLD["sections"]
    assert abstract.code is None and abstract.title is None and abstract.authors == []
    assert abstract.source.model_dump() == {k: None for k in GOLD["source"]}


def test_read_html_accepts_bytes_and_str_alike() -> None:
    raw = (SEED / "reumatismo-2170.html").read_bytes()
    a, b = read_html(raw), read_html(raw.decode("utf-8"))
    assert a.text == b.text == GOLD["text"]
    assert a.id == b.id == GOLD["id"]


def test_dc_description_fallback_gives_same_text() -> None:
    html = (SEED / "reumatismo-2170.html").read_text(encoding="utf-8")
    stripped, n = re.subn(r'<section class="item abstract">.*?</section>', "", html, flags=re.S)
    assert n == 1
    abstract = read_html(stripped)
    assert abstract.text == GOLD["text"]
    assert [s.model_dump() for s in abstract.sections] == GOLD["sections"]
    assert any("DC.Description" in w for w in abstract.warnings)


def test_fetched_url_is_kept_and_canonicalised() -> None:
    html = (SEED / "reumatismo-2170.html").read_text(encoding="utf-8")
    abstract = read_html(
        html, "https://www.reumatismo.org/reuma/article/view/2170?articlesBySimilarityPage=2#x"
    )
    assert abstract.source.url == GOLD["source"]["url"]
    local = read_html(html, "http://127.0.0.1:8123/reuma/article/view/2170")
    assert local.source.url == "http://127.0.0.1:8123/reuma/article/view/2170"
    assert local.id == "reumatismo-2170"  # recognised as Reumatismo by its journal title


def test_other_ojs_host_uses_journal_path() -> None:
    html = (SEED / "reumatismo-2170.html").read_text(encoding="utf-8")
    html = html.replace("Reumatismo", "Other Journal").replace(
        "www.reumatismo.org/reuma/", "journals.example.org/index.php/ojx/"
    )
    abstract = read_html(html)
    assert abstract.id == "ojx-2170"
    assert abstract.source.journal == "Other Journal"


def test_article_2171_subtitle_wins_and_records_cross_check() -> None:
    a = read_path(OJS / "article-2171.html")
    assert (a.id, a.code) == ("reumatismo-2171", "PO:18:277")
    assert a.title == "Hydroxychloroquine blood levels and disease activity in systemic lupus erythematosus"
    assert [(x.name, x.affiliations) for x in a.authors] == [
        ("Francesca Russo", [1]),
        ("Andrea Gallo", [1]),
        ("Chiara Conti", [2]),
    ]
    assert [x.id for x in a.affiliations] == [1, 2]
    assert a.affiliations[1].name == "Clinical Pharmacology Unit, University of Padova, Padova, Italy"
    assert a.warnings == []
    assert [s.label for s in a.sections] == ["background", "methods", "results", "conclusions"]


def test_article_2172_without_author_records() -> None:
    a = read_path(OJS / "article-2172.html")
    assert (a.id, a.code) == ("reumatismo-2172", "PO:19:301")
    assert not a.title.startswith("PO:")
    assert [x.name for x in a.authors] == ["Davide Marino", "Silvia Greco", "Roberto Galli"]
    assert [x.affiliations for x in a.authors] == [[1], [1], [2]]
    assert [s.heading for s in a.sections] == [
        "Introduction",
        "Patients and Methods",
        "Results",
        "Conclusions",
    ]
    assert [s.label for s in a.sections] == ["background", "methods", "results", "conclusions"]
    assert "\u00a0" not in a.text


def test_regular_article_with_inline_headings() -> None:
    a = read_path(OJS / "article-nonabstract.html")
    assert a.id == "reumatismo-9901"
    assert a.code is None
    assert a.title.startswith(
        "Glucocorticoid tapering and relapse in polymyalgia rheumatica: a retrospective"
    )
    assert a.source.doi == "10.5555/reumatismo.2025.9901"
    assert (a.source.volume, a.source.issue, a.source.year, a.source.collection) == ("77", "3", 2025, None)
    assert a.source.published == "2025-09-15"
    assert [x.name for x in a.authors] == ["Marta Colombo", "Luca Ferrari", "Giorgio Romano", "Sofia Ricci"]
    assert [x.affiliations for x in a.authors] == [[1], [1], [2], [1]]  # numbered by first appearance
    assert a.affiliations[1].name.endswith("University of Messina, Messina, Italy")
    assert "\n\n" not in a.text  # one paragraph
    assert [s.heading for s in a.sections] == ["Objective", "Methods", "Results", "Conclusions"]
    assert all(a.text[s.start :].startswith(s.heading) for s in a.sections)


def test_broken_page_is_a_read_error_naming_the_file() -> None:
    path = OJS / "article-broken.html"
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.where == str(path)
    assert "abstract" in info.value.message and "\n" not in info.value.message


def test_broken_page_error_names_the_url() -> None:
    url = "https://www.reumatismo.org/reuma/article/view/2169"
    with pytest.raises(ReadError) as info:
        read_html((OJS / "article-broken.html").read_bytes(), url)
    assert info.value.where == url


def test_issue_page_is_not_an_abstract() -> None:
    with pytest.raises(ReadError):
        read_path(OJS / "issue-s1-2025.html")


def test_looks_like_page_text() -> None:
    assert looks_like_page_text((SEED / "reumatismo-2170-page.txt").read_text(encoding="utf-8"))
    assert not looks_like_page_text(GOLD["text"])
    for text_file in sorted((ROOT / "corpus" / "dev" / "text").glob("*.txt")):
        assert not looks_like_page_text(text_file.read_text(encoding="utf-8")), text_file.name


def test_page_text_without_headings_uses_authors_line() -> None:
    page = (SEED / "reumatismo-2170-page.txt").read_text(encoding="utf-8")
    for heading in ("Background and Objective. ", "Materials and Methods. ", "Results. ", "Conclusions. "):
        page = page.replace(heading, "")
    a = read_page_text(page, where="copied.txt")
    assert a.text.startswith("To describe our experience")
    assert a.text.endswith("difficult-to-treat manifestations.")
    assert a.sections == []
    assert a.id == "reumatismo-2170"


def test_page_text_without_abstract_is_a_read_error() -> None:
    page = "Vol. 1 No. 2 (2024)\n\nPO:01:001 | Title\n\nPublished: 1 January 2024\n\nHow to Cite\n"
    with pytest.raises(ReadError) as info:
        read_page_text(page, where="x.txt")
    assert info.value.where == "x.txt"


def test_plain_text_is_unchanged_and_empty_is_an_error() -> None:
    text = "  Methods: We did it.\r\nResults: It worked.  "
    a = read_plain_text(text, id="t1")
    assert a.text == text and a.id == "t1"
    assert [s.heading for s in a.sections] == ["Methods", "Results"]
    with pytest.raises(ReadError) as info:
        read_plain_text(" \n\t", id="blank")
    assert info.value.where == "blank"


def test_harvested_folder(tmp_path: Path) -> None:
    folder = tmp_path / "reumatismo-2170"
    folder.mkdir()
    shutil.copy(OJS / "article-2170.html", folder / "page.html")
    url = "http://127.0.0.1:9/reuma/article/view/2170"
    (folder / "meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    a = read_path(folder)
    assert a.source.url == url
    assert a.id == "reumatismo-2170"
    assert a.text == GOLD["text"]


def test_html_with_sibling_meta_json(tmp_path: Path) -> None:
    page = tmp_path / "saved.htm"
    shutil.copy(OJS / "article-2172.html", page)
    (tmp_path / "meta.json").write_text(
        '{"url": "https://www.reumatismo.org/reuma/article/view/2172"}', encoding="utf-8"
    )
    assert read_path(page).source.url == "https://www.reumatismo.org/reuma/article/view/2172"
    (tmp_path / "meta.json").write_text("{not json", encoding="utf-8")
    a = read_path(page)
    assert a.source.url == "https://www.reumatismo.org/reuma/article/view/2172"  # the page's own URL
    assert any("meta.json" in w for w in a.warnings)


def test_missing_path_and_plain_folder_are_read_errors(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "nope.html")
    with pytest.raises(ReadError, match="not a harvested article"):
        read_path(tmp_path)


def test_iter_input_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "z.html").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "y.HTM").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "rec.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b" / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "partial.html.part").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "g.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "c.html").write_text("x", encoding="utf-8")
    art = tmp_path / "c" / "article-1"
    art.mkdir(parents=True)
    (art / "page.html").write_text("x", encoding="utf-8")
    (art / "meta.json").write_text("{}", encoding="utf-8")
    (art / "extra.txt").write_text("x", encoding="utf-8")
    explicit = tmp_path / "missing.txt"
    got = list(iter_input_files([tmp_path, explicit, tmp_path / "a.txt"]))
    assert got == [
        tmp_path / "a.txt",
        tmp_path / "b" / "y.HTM",
        tmp_path / "b" / "z.html",
        art,
        explicit,
    ]


def test_page_text_of_a_regular_article_skips_keywords_before_abstract() -> None:
    page = "\n".join(
        [
            "Original Articles",
            "Vol. 77 No. 3 (2025)",
            "",
            "Glucocorticoid tapering in PMR",
            "",
            "Published: 15 September 2025",
            "Authors",
            "Marta Colombo",
            "DOI:",
            "https://doi.org/10.5555/reumatismo.2025.9901",
            "Keywords:",
            "polymyalgia rheumatica, glucocorticoids",
            "",
            "Objective. To describe tapering. Methods. We analysed 214 patients. Results. Relapse in 40%.",
            "",
            "Downloads",
            "How to Cite",
            "1.",
            "Colombo M. Glucocorticoid tapering in PMR. Reumatismo [Internet]. 2025 Sep. 15;77(3). "
            "Available from: https://www.reumatismo.org/reuma/article/view/9901",
        ]
    )
    assert looks_like_page_text(page)
    a = read_page_text(page, where="regular.txt")
    assert a.text.startswith("Objective. To describe tapering.")
    assert [s.heading for s in a.sections] == ["Objective", "Methods", "Results"]
    assert (a.id, a.code, a.title) == ("reumatismo-9901", None, "Glucocorticoid tapering in PMR")
    assert a.source.doi == "10.5555/reumatismo.2025.9901"
    assert (a.source.volume, a.source.issue, a.source.collection) == ("77", "3", None)
    assert a.source.published == "2025-09-15"
    assert a.source.journal == "Reumatismo"


def test_author_string_parsing_edge_cases() -> None:
    from extractor.metadata import parse_affiliations, parse_author_string, split_code_title, split_full_title

    authors, affs = parse_author_string(
        "Anna Rossi1,2*, Bruno\u00a0Bianchi2-3 and Carla Verdi3 | 1Dept A, 2nd University of Naples; "
        "2Dept B, Via Roma 12, 80100 Napoli; 3Dept C, Italy"
    )
    assert [(a.name, a.affiliations) for a in authors] == [
        ("Anna Rossi", [1, 2]),
        ("Bruno Bianchi", [2, 3]),
        ("Carla Verdi", [3]),
    ]
    assert [(a.id, a.name) for a in affs] == [
        (1, "Dept A, 2nd University of Naples"),
        (2, "Dept B, Via Roma 12, 80100 Napoli"),
        (3, "Dept C, Italy"),
    ]
    assert [a.name for a in parse_affiliations("Rheumatology, Verona; Dermatology, Verona")] == [
        "Rheumatology, Verona",
        "Dermatology, Verona",
    ]
    assert split_code_title("  CO:03:021 |  A title ") == ("CO:03:021", "A title")
    assert split_code_title("PO123 | A title") == ("PO123", "A title")
    assert split_code_title("Lupus | a review") == (None, "Lupus | a review")
    full = "PO:18:275 | Belimumab in lupus nephritis: a real-life experience: Giulia Neri1 | 1Brescia, Italy"
    assert split_full_title(full) == (
        "PO:18:275 | Belimumab in lupus nephritis: a real-life experience",
        "Giulia Neri1 | 1Brescia, Italy",
    )
    assert split_full_title("Lupus: a review of 10 years") == ("Lupus: a review of 10 years", None)


def test_iter_input_files_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert list(iter_input_files([tmp_path])) == [tmp_path / "a" / "x.txt"]
