"""PubMed/MEDLINE XML reading: small files written here, read as the baseline/update files are."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pytest

from extractor.abstract import Abstract
from extractor.errors import ReadError
from extractor.pubmed import Deleted, NoAbstract, iter_pubmed
from extractor.run import RunSummary, process, run

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
<PubmedArticleSet>
"""
TAIL = "</PubmedArticleSet>\n"

STRUCTURED = """<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">38000001</PMID>
    <Article PubModel="Print-Electronic">
      <Journal>
        <ISSN IssnType="Electronic">1759-4804</ISSN>
        <JournalIssue CitedMedium="Internet"><Volume>20</Volume><Issue>3</Issue>
          <PubDate><Year>2024</Year><Month>Mar</Month></PubDate></JournalIssue>
        <Title>Nature reviews. Rheumatology</Title>
        <ISOAbbreviation>Nat Rev Rheumatol</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Anifrolumab in <i>refractory</i> cutaneous lupus: a case series.</ArticleTitle>
      <ELocationID EIdType="doi" ValidYN="Y">10.1000/elocation.1</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Cutaneous lupus is often refractory.</AbstractText>
        <AbstractText Label="PATIENTS AND METHODS" NlmCategory="METHODS">We report on 5 female SLE patients
          aged 35-64 years treated with anifrolumab.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">CLASI improved from 17 to 8 in 4 patients.</AbstractText>
        <AbstractText Label="TAKE-HOME MESSAGE" NlmCategory="CONCLUSIONS">Anifrolumab was effective.</AbstractText>
        <CopyrightInformation>© 2024 The Authors.</CopyrightInformation>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Rossi</LastName><ForeName>Maria</ForeName><Initials>M</Initials>
          <AffiliationInfo><Affiliation>Rheumatology Unit, University of Pisa, Italy.</Affiliation></AffiliationInfo>
        </Author>
        <Author ValidYN="Y"><LastName>Bianchi</LastName><Initials>L</Initials>
          <AffiliationInfo><Affiliation>Rheumatology Unit, University of Pisa, Italy.</Affiliation></AffiliationInfo>
          <AffiliationInfo><Affiliation>Internal Medicine, Siena, Italy.</Affiliation></AffiliationInfo>
        </Author>
        <Author ValidYN="N"><LastName>Wrong</LastName><ForeName>Name</ForeName></Author>
        <Author ValidYN="Y"><CollectiveName>SIR Lupus Study Group</CollectiveName></Author>
      </AuthorList>
    </Article>
  </MedlineCitation>
  <PubmedData>
    <History><PubMedPubDate PubStatus="pubmed"><Year>2024</Year><Month>1</Month><Day>5</Day></PubMedPubDate></History>
    <ArticleIdList>
      <ArticleId IdType="pubmed">38000001</ArticleId>
      <ArticleId IdType="doi">10.1038/s41584-024-00001-x</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
"""

UNSTRUCTURED = """<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">38000002</PMID>
    <Article PubModel="Electronic">
      <Journal>
        <JournalIssue CitedMedium="Internet"><Volume>76</Volume>
          <PubDate><MedlineDate>2023 Nov-Dec</MedlineDate></PubDate></JournalIssue>
        <Title>Reumatismo</Title>
      </Journal>
      <ArticleTitle>Sjögren’s syndrome in São Paulo: a cohort</ArticleTitle>
      <Abstract>
        <AbstractText>Forty-two patients with Sjögren’s syndrome (pSS) were followed in São Paulo
          from 2015 to 2020; 3 had parotid enlargement ≥2 cm.</AbstractText>
      </Abstract>
      <AuthorList><Author><LastName>Müller</LastName><ForeName>Zoë</ForeName></Author></AuthorList>
      <ArticleDate DateType="Electronic"><Year>2023</Year><Month>11</Month><Day>30</Day></ArticleDate>
    </Article>
  </MedlineCitation>
</PubmedArticle>
"""

NO_ABSTRACT = """<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">38000003</PMID>
    <Article PubModel="Print">
      <Journal><JournalIssue><PubDate><Year>2022</Year></PubDate></JournalIssue><Title>Lancet</Title></Journal>
      <ArticleTitle>Letter: on gout.</ArticleTitle>
      <AuthorList><Author><LastName>Smith</LastName><Initials>J</Initials></Author></AuthorList>
    </Article>
  </MedlineCitation>
</PubmedArticle>
"""

DELETE = """<DeleteCitation><PMID Version="1">11111111</PMID><PMID Version="1">22222222</PMID></DeleteCitation>
"""


def write_set(path: Path, *articles: str, gz: bool = False) -> Path:
    data = (HEAD + "".join(articles) + TAIL).encode("utf-8")
    if gz:
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def read_all(path: Path) -> list:
    return list(iter_pubmed(path))


def test_structured_abstract_keeps_its_sections_and_metadata(tmp_path: Path) -> None:
    [a] = read_all(write_set(tmp_path / "one.xml", STRUCTURED))
    assert isinstance(a, Abstract)
    assert a.id == "pubmed-38000001"
    assert a.title == "Anifrolumab in refractory cutaneous lupus: a case series."
    assert a.source.article_id == "38000001"
    assert a.source.url == "https://pubmed.ncbi.nlm.nih.gov/38000001/"
    assert a.source.journal == "Nature reviews. Rheumatology"
    assert (a.source.volume, a.source.issue, a.source.year) == ("20", "3", 2024)
    assert a.source.published is None  # PubDate has no day, no ArticleDate
    assert a.source.doi == "10.1038/s41584-024-00001-x"  # PubmedData's ArticleId wins over ELocationID
    assert [au.name for au in a.authors] == ["Maria Rossi", "L Bianchi", "SIR Lupus Study Group"]
    assert [au.affiliations for au in a.authors] == [[1], [1, 2], []]
    assert [(f.id, f.name) for f in a.affiliations] == [
        (1, "Rheumatology Unit, University of Pisa, Italy."), (2, "Internal Medicine, Siena, Italy.")]
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0] == "BACKGROUND: Cutaneous lupus is often refractory."
    assert paragraphs[1] == ("PATIENTS AND METHODS: We report on 5 female SLE patients aged 35-64 years "
                             "treated with anifrolumab.")
    assert "©" not in a.text  # the copyright line is not abstract text
    assert [(s.label, s.heading) for s in a.sections] == [
        ("background", "BACKGROUND"), ("methods", "PATIENTS AND METHODS"),
        ("results", "RESULTS"), ("conclusions", "TAKE-HOME MESSAGE")]
    for section, paragraph in zip(a.sections, paragraphs, strict=True):
        assert a.text[section.start:section.end] == paragraph
        assert a.text[section.start:].startswith(section.heading)


def test_unstructured_non_ascii_abstract(tmp_path: Path) -> None:
    [a] = read_all(write_set(tmp_path / "two.xml", UNSTRUCTURED))
    assert a.id == "pubmed-38000002"
    assert a.title == "Sjögren’s syndrome in São Paulo: a cohort"
    assert a.text.startswith("Forty-two patients with Sjögren’s syndrome (pSS) were followed in São Paulo from 2015")
    assert "≥2 cm" in a.text and "\n" not in a.text  # XML line breaks inside a paragraph are squeezed
    assert a.sections == []
    assert a.source.year == 2023  # from MedlineDate "2023 Nov-Dec"
    assert a.source.published == "2023-11-30"  # the electronic ArticleDate
    assert a.source.doi is None
    assert [au.name for au in a.authors] == ["Zoë Müller"]


def test_missing_abstract_and_deletions_are_not_abstracts(tmp_path: Path) -> None:
    items = read_all(write_set(tmp_path / "mixed.xml", STRUCTURED, NO_ABSTRACT, UNSTRUCTURED, DELETE))
    assert [type(i) for i in items] == [Abstract, NoAbstract, Abstract, Deleted]
    assert items[1].pmid == "38000003"
    assert items[3].pmids == ("11111111", "22222222")


def test_gzip_reads_the_same_as_plain(tmp_path: Path) -> None:
    plain = read_all(write_set(tmp_path / "p.xml", STRUCTURED, UNSTRUCTURED))
    packed = read_all(write_set(tmp_path / "p.xml.gz", STRUCTURED, UNSTRUCTURED, gz=True))
    assert packed == plain and len(plain) == 2


def test_broken_files_are_read_errors_naming_the_file(tmp_path: Path) -> None:
    truncated = tmp_path / "cut.xml"
    truncated.write_text(HEAD + STRUCTURED + UNSTRUCTURED[:200], encoding="utf-8")
    got = []
    with pytest.raises(ReadError) as info:
        for item in iter_pubmed(truncated):
            got.append(item)
    assert [a.id for a in got] == ["pubmed-38000001"]  # what came before the break is kept
    assert info.value.where == str(truncated) and "broken XML" in info.value.message

    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?><rss><channel/></rss>", encoding="utf-8")
    with pytest.raises(ReadError, match="not a PubMed XML file"):
        read_all(other)

    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;">]><PubmedArticleSet>&b;</PubmedArticleSet>', encoding="utf-8")
    with pytest.raises(ReadError, match="refused XML"):
        read_all(bomb)

    badgz = tmp_path / "bad.xml.gz"
    badgz.write_bytes(gzip.compress((HEAD + STRUCTURED + TAIL).encode())[:300])
    with pytest.raises(ReadError):
        read_all(badgz)


def test_streaming_memory_stays_flat(tmp_path: Path) -> None:
    """3,000 citations: the parser's peak memory is that of a few citations, not of the file."""
    template = UNSTRUCTURED.replace("38000002", "{pmid}")
    path = tmp_path / "big.xml.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(HEAD)
        for i in range(3000):
            fh.write(template.replace("{pmid}", str(40000000 + i)))
        fh.write(TAIL)
    size = 3000 * len(template.encode())
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_pubmed(path) if isinstance(item, Abstract))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    assert peak < size / 5, (peak, size)


def test_run_extracts_citations_and_counts_the_missing_abstracts(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_set(src / "pubmed25n0001.xml.gz", STRUCTURED, NO_ABSTRACT, gz=True)
    write_set(src / "pubmed25n0002.xml", UNSTRUCTURED, DELETE)
    (src / "broken.xml").write_text(HEAD + "<PubmedArticle><MedlineCitation>", encoding="utf-8")
    summary = run([str(src)], tmp_path / "out", progress=False)
    assert summary.written == 2 and summary.read == 2
    assert summary.without_abstract == 1 and summary.deleted == 2
    assert [f.where for f in summary.failures] == [str(src / "broken.xml")]
    assert "citations without an abstract (not extracted): 1" in summary.format()
    records = [json.loads(line) for line in (tmp_path / "out/records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["pubmed-38000001", "pubmed-38000002"]
    first = records[0]
    assert first["population"]["n"]["value"] == 5
    assert [s["label"] for s in first["sections"]] == ["background", "methods", "results", "conclusions"]
    assert any(t["name"] == "anifrolumab" for t in first["treatments"])
    second = records[1]
    assert second["population"]["n"]["value"] == 42
    assert second["text"][second["population"]["n"]["evidence"]["start"]:].startswith("Forty-two")


def test_process_names_the_citation_in_failures(tmp_path: Path) -> None:
    path = write_set(tmp_path / "s.xml", STRUCTURED, STRUCTURED)  # the same citation twice
    summary = RunSummary()
    out = list(process([path], summary=summary))
    assert out[0].id == "pubmed-38000001"
    assert out[1].where == f"{path}#38000001" and "same text as" in out[1].reason


def test_extract_command_reads_pubmed_and_notes_missing_abstracts(tmp_path: Path, capsys) -> None:
    from extractor.cli import main

    path = write_set(tmp_path / "set.xml.gz", NO_ABSTRACT, UNSTRUCTURED, gz=True)
    out = tmp_path / "r.jsonl"
    assert main(["extract", str(path), "-o", str(out)]) == 0
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "pubmed-38000002" and record["source"]["article_id"] == "38000002"
    assert "1 PubMed citations without an abstract" in capsys.readouterr().err
