"""The harvester's pure parts: OJS URLs and pages, OAI-PMH parsing and paging, the CLI's arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from harvest_server import FIXTURES, FixtureServer

from extractor.cli import build_parser
from extractor.harvest import HarvestOptions, HttpClient, HttpConfig
from extractor.harvest.harvester import Harvester, allowed_hosts
from extractor.harvest.http import user_agent
from extractor.harvest.oai import ListRecords, OAIError, html_to_text, parse_response
from extractor.harvest.ojs import article_id_from_page, issue_article_urls, parse_ojs_url, record_id

LIVE = "https://www.reumatismo.org"
SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed" / "reumatismo-2170-abstract.txt"


@pytest.mark.parametrize("url, kind, normal, ident", [
    (f"{LIVE}/reuma/article/view/2170", "article", f"{LIVE}/reuma/article/view/2170", "2170"),
    (f"{LIVE}/index.php/reuma/article/view/2170", "article", f"{LIVE}/index.php/reuma/article/view/2170", "2170"),
    (f"{LIVE}/reuma/article/view/2170?articlesBySimilarityPage=3#articlesBySimilarity", "article",
     f"{LIVE}/reuma/article/view/2170", "2170"),
    (f"{LIVE}/reuma/article/view/2170/1893", "article", f"{LIVE}/reuma/article/view/2170", "2170"),
    (f"{LIVE}/reuma/article/view/reumatismo.2014.786", "article",
     f"{LIVE}/reuma/article/view/reumatismo.2014.786", "reumatismo.2014.786"),
    (f"{LIVE}/reuma/issue/view/105", "issue", f"{LIVE}/reuma/issue/view/105", "105"),
    (f"{LIVE}/reuma/oai", "oai", f"{LIVE}/reuma/oai", None),
    (f"{LIVE}/index.php/reuma/oai?verb=Identify", "oai", f"{LIVE}/index.php/reuma/oai", None),
    ("https://ojs.example.org/ojs/index.php/jrn/issue/view/7", "issue",
     "https://ojs.example.org/ojs/index.php/jrn/issue/view/7", "7"),
])
def test_ojs_url_shapes(url, kind, normal, ident):
    parsed = parse_ojs_url(url)
    assert parsed is not None and (parsed.kind, parsed.url, parsed.id) == (kind, normal, ident)


@pytest.mark.parametrize("url", [f"{LIVE}/reuma/article/view/", f"{LIVE}/reuma/about", f"{LIVE}/",
                                 "ftp://x/reuma/article/view/1", "not a url"])
def test_not_ojs_urls(url):
    assert parse_ojs_url(url) is None


def test_record_ids():
    def rid(url: str, home: str = LIVE) -> str:
        parsed = parse_ojs_url(url)
        assert parsed is not None
        return record_id(parsed, home, "reuma")
    assert rid(f"{LIVE}/reuma/article/view/2170") == "reumatismo-2170"
    assert rid(f"{LIVE}/index.php/reuma/article/view/2170") == "reumatismo-2170"
    # a test server or mirror configured as the base URL stands in for reumatismo.org
    assert rid("http://127.0.0.1:8000/reuma/article/view/2170", "http://127.0.0.1:8000") == "reumatismo-2170"
    assert rid("https://ojs.example.org/jrn/article/view/12") == "jrn-12"
    assert rid(f"{LIVE}/reuma/article/view/a b%2F..") == "reumatismo-a_b_2F"  # folder-safe


def test_issue_toc_links_only_from_obj_issue_toc():
    html = (FIXTURES / "issue-s1-2025.html").read_bytes()
    urls = issue_article_urls(html, f"{LIVE}/reuma/issue/view/105")
    assert urls == [f"{LIVE}/reuma/article/view/{i}" for i in range(2168, 2173)]
    assert "/reuma/article/view/1466" in html.decode()  # the sidebar link exists and is ignored


def test_issue_without_toc_is_a_read_error():
    from extractor.errors import ReadError

    with pytest.raises(ReadError, match="obj_issue_toc"):
        issue_article_urls((FIXTURES / "article-2170.html").read_bytes(), f"{LIVE}/reuma/article/view/2170")


def test_article_id_from_meta_tags_first():
    page = (FIXTURES / "article-2170.html").read_bytes()
    assert article_id_from_page(page, fallback="reumatismo.2025.x") == "2170"
    assert article_id_from_page(b"<html><head></head></html>", fallback="42") == "42"


def test_oai_pages_parse():
    first = parse_response((FIXTURES / "oai-listrecords-1.xml").read_bytes(), "oai")
    assert first.token == "5f2b7c0e9d3a41e8b6c4a2f1d0e9c8b7" and first.complete_list_size == 4
    assert [r.local_id for r in first.records] == ["2170", "2171"]
    assert first.records[0].article_urls() == [f"{LIVE}/reuma/article/view/2170"]
    assert first.records[0].sets == ["reuma:ABS"] and len(first.records[0].dc["creator"]) == 7
    last = parse_response((FIXTURES / "oai-listrecords-2.xml").read_bytes(), "oai")
    assert last.token is None and [r.deleted for r in last.records] == [False, True]
    assert "creator" not in last.records[0].dc and last.records[1].dc == {}


def test_oai_description_is_escaped_html_parsed_again():
    record = parse_response((FIXTURES / "oai-listrecords-1.xml").read_bytes(), "oai").records[0]
    assert record.description_html.startswith("<p><strong>Background and Objective.</strong>")
    assert record.abstract == SEED.read_text(encoding="utf-8").strip()
    assert "<" not in record.abstract and "mceclip0" not in record.abstract
    assert html_to_text("<p>\u00a0</p><p>A <em>b</em>.</p><p><img src='x.jpg'/></p>") == "A b."


def test_oai_error_answer_carries_its_code():
    with pytest.raises(OAIError) as info:
        parse_response((FIXTURES / "oai-error-badtoken.xml").read_bytes(), "oai")
    assert info.value.code == "badResumptionToken" and "invalid or has expired" in info.value.message


@pytest.mark.parametrize("data, message", [
    (b"", "invalid OAI-PMH XML"),
    (b"<html><body>maintenance</body></html>", "not an OAI-PMH response"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>', "entities"),
])
def test_oai_unreadable_responses(data, message):
    with pytest.raises(OAIError, match=message):
        parse_response(data, "oai")


def test_list_records_follows_tokens_and_recovers_once_by_date():
    pages = {None: "oai-listrecords-1.xml", "5f2b7c0e9d3a41e8b6c4a2f1d0e9c8b7": "oai-listrecords-2.xml"}
    asked: list[dict[str, str]] = []

    def fetch(params: dict[str, str]) -> bytes:
        asked.append(params)
        name = pages.get(params.get("resumptionToken"), "oai-error-badtoken.xml")
        return (FIXTURES / name).read_bytes()

    lister = ListRecords(fetch, "oai", set_spec="reuma", token="stale", last_datestamp="2025-11-26T10:03:15Z")
    ids = [r.local_id for r in lister.records()]
    assert ids == ["2170", "2171", "2172", "2173"]
    assert asked[1] == {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "reuma",
                        "from": "2025-11-26T10:03:15Z"}
    assert lister.token is None and lister.last_datestamp == "2025-12-03T14:05:51Z"


def test_user_agent_names_the_tool_and_a_contact():
    ua = user_agent("team@example.org")
    assert ua.startswith("reumaextract/") and "+https://" in ua and "mailto:team@example.org" in ua


def test_allowed_hosts():
    assert allowed_hosts(LIVE, ["http://127.0.0.1:9/reuma/oai"], ["Mirror.example.org"]) == {
        "www.reumatismo.org", "127.0.0.1", "mirror.example.org"}


def test_cache_hits_never_wait_for_the_rate_limiter(tmp_path):
    """The limiter sits in the transport adapter: a cache hit never reaches it."""
    with FixtureServer() as srv:
        config = HttpConfig(cache_dir=tmp_path / "cache", rate=50, allowed_hosts={"127.0.0.1"})
        url = f"{srv.base_url}/reuma/article/view/2170"
        for expected_waits in (2, 0):  # robots.txt + page, then nothing
            client = HttpClient(config)
            waits: list[str] = []
            original = client.limiter.wait
            client.limiter.wait = lambda host, w=waits, o=original: (w.append(host), o(host))[1]  # type: ignore
            page = client.get(url)
            client.close()
            assert len(waits) == expected_waits and page.from_cache is (expected_waits == 0)


def test_harvester_reports_non_ojs_urls(tmp_path):
    options = HarvestOptions(out=tmp_path / "out", quiet=True, http=HttpConfig(cache_dir=tmp_path / "c"))
    h = Harvester(options)
    summary = h.run([f"{LIVE}/reuma/about"])
    h.close()
    assert summary.exit_code == 1 and "not an OJS article" in summary.failed[0][1]


def test_cli_arguments():
    parser = build_parser()
    args = parser.parse_args(["harvest", f"{LIVE}/reuma/oai", "--since", "2025-01-01", "--set", "reuma",
                              "--allow-host", "a.example", "--allow-host", "b.example", "--rate", "0.5"])
    assert args.func and args.since == "2025-01-01" and args.set_spec == "reuma"
    assert args.allow_host == ["a.example", "b.example"] and args.rate == 0.5
    assert args.out == Path("corpus/harvest") and args.cache_dir == Path(".cache/http")
    with pytest.raises(SystemExit):
        parser.parse_args(["harvest", f"{LIVE}/reuma/oai", "--since", "last tuesday"])
