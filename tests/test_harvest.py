"""The harvester against a real HTTP server on 127.0.0.1 serving the OJS fixtures (no mocks, no internet)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from harvest_server import FIXTURES, LIVE, TOKEN, XML, FixtureServer, Handler, free_port

from extractor.cli import main
from extractor.harvest import HarvestOptions, HttpConfig, harvest
from extractor.harvest.store import STATE_NAME, list_records

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed" / "reumatismo-2170-abstract.txt"


@pytest.fixture
def srv():
    with FixtureServer() as server:
        yield server


def run(srv: FixtureServer, tmp_path: Path, urls: list[str], *, out: str = "out", cache: str = "cache",
        **http: object):
    """Harvest with test-sized politeness (fast rate, tiny back-off) into ``tmp_path/out``."""
    config = dict(cache_dir=tmp_path / cache, rate=50.0, backoff=0.01, retries=2, timeout=5.0)
    config.update(http)
    options = HarvestOptions(out=tmp_path / out, base_url=srv.base_url, quiet=True,
                             http=HttpConfig(**config))  # type: ignore[arg-type]
    return harvest([u if u.startswith("http") else srv.base_url + u for u in urls], options)


def reasons(summary) -> dict[str, str]:
    return {url.rsplit("/", 1)[-1]: reason for url, reason in summary.failed}


# -- the happy paths ---------------------------------------------------------------------------------

def test_one_article_stored_with_meta_last_and_polite_headers(srv, tmp_path):
    s = run(srv, tmp_path, ["/reuma/article/view/2170"])
    assert s.exit_code == 0 and s.fetched == 1 and not s.failed
    folder = tmp_path / "out" / "reumatismo-2170"
    assert sorted(p.name for p in folder.iterdir()) == ["abstract.txt", "meta.json", "page.html"]
    assert (folder / "page.html").read_bytes() == srv.fixture("article-2170.html")  # raw bytes as served
    assert (folder / "abstract.txt").read_text(encoding="utf-8").strip() == SEED.read_text(encoding="utf-8").strip()
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert set(meta) >= {"url", "final_url", "fetched_at", "status", "id", "article_id", "source", "code",
                         "title", "authors", "affiliations", "sections"}
    assert meta["url"] == f"{srv.base_url}/reuma/article/view/2170" and meta["status"] == 200
    assert meta["id"] == "reumatismo-2170" and meta["article_id"] == "2170" and meta["code"] == "PO:18:276"
    assert len(meta["authors"]) == 7 and meta["sections"]
    ua = srv.hits("/reuma/article/view/2170")[0].headers["User-Agent"]
    assert ua.startswith("reumaextract/") and "https://" in ua
    assert srv.paths() == ["/robots.txt", "/reuma/article/view/2170"]
    state = json.loads((tmp_path / "out" / STATE_NAME).read_text(encoding="utf-8"))
    assert state["done"] == {"reumatismo-2170": meta["url"]}


def test_index_php_url_and_galley_suffix_and_query_are_the_same_article(srv, tmp_path):
    s = run(srv, tmp_path, ["/index.php/reuma/article/view/2171/55?articlesBySimilarityPage=2#x"])
    assert s.fetched == 1 and list_records(tmp_path / "out") == ["reumatismo-2171"]
    assert srv.paths()[-1] == "/reuma/article/view/2171"
    assert srv.log[-1].query == {}


def test_bare_article_id_resolves_on_the_base_url_and_journal(srv, tmp_path):
    options = HarvestOptions(out=tmp_path / "out", base_url=srv.base_url, journal="reuma", quiet=True,
                             http=HttpConfig(cache_dir=tmp_path / "cache", rate=50))
    s = harvest(["2172"], options)
    assert s.exit_code == 0 and list_records(tmp_path / "out") == ["reumatismo-2172"]
    assert srv.paths() == ["/robots.txt", "/reuma/article/view/2172"]


def test_issue_toc_failures_are_recorded_and_the_run_goes_on(srv, tmp_path):
    s = run(srv, tmp_path, ["/reuma/issue/view/105"])
    assert s.exit_code == 1
    assert list_records(tmp_path / "out") == ["reumatismo-2170", "reumatismo-2171", "reumatismo-2172"]
    why = reasons(s)
    assert set(why) == {"2168", "2169"}
    assert "404" in why["2168"]
    assert "no abstract" in why["2169"] or "truncated" in why["2169"]
    # only the TOC's own links: not the sidebar's "Most read" (1466, 9901)
    assert not any(p.endswith(("/1466", "/9901")) for p in srv.paths())
    assert len(srv.hits("/reuma/article/view/2168")) == 1  # 404 is not retried
    state = json.loads((tmp_path / "out" / STATE_NAME).read_text(encoding="utf-8"))
    assert set(state["failed"]) == {f"{srv.base_url}/reuma/article/view/{i}" for i in (2168, 2169)}


def test_cli_issue_exit_code_and_summary(srv, tmp_path, capsys):
    code = main(["harvest", f"{srv.base_url}/reuma/issue/view/105", "--out", str(tmp_path / "out"),
                 "--cache-dir", str(tmp_path / "cache"), "--rate", "50", "--base-url", srv.base_url])
    err = capsys.readouterr().err
    assert code == 1
    assert "3 stored (3 fetched, 0 from cache)" in err and "2 failed" in err
    assert err.count(f"{srv.base_url}/reuma/article/view/2168: HTTP 404") == 1  # named once, in the summary
    # --quiet: no summary, only the failures, one line each
    code = main(["harvest", f"{srv.base_url}/reuma/issue/view/105", "--out", str(tmp_path / "out"),
                 "--cache-dir", str(tmp_path / "cache"), "--rate", "50", "--base-url", srv.base_url, "--quiet"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(lines) == 2 and all(ln.startswith("reumaextract: error: ") for ln in lines)


def test_oai_two_pages_resumption_token_deleted_counted(srv, tmp_path):
    options = HarvestOptions(out=tmp_path / "out", base_url=srv.base_url, quiet=True, set_spec="reuma",
                             since="2025-01-01",
                             http=HttpConfig(cache_dir=tmp_path / "cache", rate=50, backoff=0.01, retries=1))
    s = harvest([srv.base_url + "/reuma/oai"], options)
    assert s.exit_code == 0, s.format()
    assert s.deleted == 1 and s.fetched == 3
    assert list_records(tmp_path / "out") == ["reumatismo-2170", "reumatismo-2171", "reumatismo-2172"]
    oai_hits = srv.hits("/reuma/oai")
    assert oai_hits[0].query == {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "reuma",
                                 "from": "2025-01-01"}
    assert oai_hits[1].query == {"verb": "ListRecords", "resumptionToken": TOKEN}
    oai = json.loads((tmp_path / "out" / "reumatismo-2170" / "oai.json").read_text(encoding="utf-8"))
    assert oai["identifier"] == "oai:ojs.reumatismo.org:article/2170"
    # dc:description is escaped HTML, parsed a second time: the same abstract as the page's
    assert oai["abstract"].strip() == SEED.read_text(encoding="utf-8").strip()
    state = json.loads((tmp_path / "out" / STATE_NAME).read_text(encoding="utf-8"))
    (progress,) = state["oai"].values()
    assert progress["complete"] is True and progress["last_datestamp"] == "2025-12-03T14:05:51Z"

    # the next run is incremental (from = last datestamp) and OAI lists are never served from the cache
    options.since = None
    again = harvest([srv.base_url + "/reuma/oai"], options)
    assert again.exit_code == 0 and again.skipped == 3 and again.deleted == 1
    assert srv.hits("/reuma/oai")[2].query == {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "reuma",
                                               "from": "2025-12-03T14:05:51Z"}


def test_oai_bad_resumption_token_resumes_by_date(srv, tmp_path):
    """A restart whose saved token has expired re-lists from the last datestamp seen."""
    out = tmp_path / "out"
    out.mkdir()
    key = f"{srv.base_url}/reuma/oai|set=reuma|oai_dc"
    (out / STATE_NAME).write_text(json.dumps({"version": 1, "done": {}, "failed": {}, "oai": {key: {
        "since": None, "until": None, "complete": False, "token": "expired-token",
        "last_datestamp": "2025-11-26T10:03:12Z", "from": None}}}), encoding="utf-8")
    options = HarvestOptions(out=out, base_url=srv.base_url, quiet=True, set_spec="reuma",
                             http=HttpConfig(cache_dir=tmp_path / "cache", rate=50, backoff=0.01, retries=1))
    s = harvest([srv.base_url + "/reuma/oai"], options)
    assert s.exit_code == 0, s.format()
    queries = [h.query for h in srv.hits("/reuma/oai")]
    assert queries[0] == {"verb": "ListRecords", "resumptionToken": "expired-token"}
    assert queries[1] == {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "reuma",
                          "from": "2025-11-26T10:03:12Z"}
    assert queries[2] == {"verb": "ListRecords", "resumptionToken": TOKEN}
    assert list_records(out) == ["reumatismo-2170", "reumatismo-2171", "reumatismo-2172"]
    state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    assert state["oai"][key]["recovered_from"] == ["2025-11-26T10:03:12Z"]


def test_oai_bad_token_without_progress_gives_up_clearly(srv, tmp_path):
    """A server that refuses every token must not loop: one recovery, then a clear failure."""
    def always_bad(h: Handler, q: dict[str, str]) -> None:
        name = "oai-error-badtoken.xml" if "resumptionToken" in q else "oai-listrecords-1.xml"
        h.send_body(200, srv.fixture(name), XML)
    srv.routes["/reuma/oai"] = always_bad
    s = run(srv, tmp_path, ["/reuma/oai"])
    assert s.exit_code == 1
    (reason,) = [r for _, r in s.failed]
    assert "badResumptionToken" in reason and "cannot resume by date" in reason
    assert len(srv.hits("/reuma/oai")) == 4  # list, bad token, re-list from date, bad token again
    assert list_records(tmp_path / "out") == ["reumatismo-2170", "reumatismo-2171"]  # nothing lost


# -- retries, back-off, timeouts, broken connections ---------------------------------------------------

def test_503_twice_then_200_is_retried(srv, tmp_path):
    calls = []

    def flaky(h: Handler, q: dict[str, str]) -> None:
        calls.append(1)
        if len(calls) <= 2:
            h.send_body(503, b"busy")
        else:
            h.send_body(200, srv.fixture("article-2171.html"))
    srv.routes["/reuma/article/view/2171"] = flaky
    s = run(srv, tmp_path, ["/reuma/article/view/2171"], retries=3)
    assert s.exit_code == 0 and s.fetched == 1
    assert len(srv.hits("/reuma/article/view/2171")) == 3


def test_503_forever_fails_after_the_retries(srv, tmp_path):
    srv.routes["/reuma/article/view/2171"] = srv.body(b"busy", status=503)
    s = run(srv, tmp_path, ["/reuma/article/view/2171", "/reuma/article/view/2172"], retries=2)
    assert "503" in reasons(s)["2171"]
    assert len(srv.hits("/reuma/article/view/2171")) == 3  # first try + 2 retries
    assert list_records(tmp_path / "out") == ["reumatismo-2172"]


def test_429_retry_after_is_honoured(srv, tmp_path):
    def limited(h: Handler, q: dict[str, str]) -> None:
        if len(srv.hits("/reuma/article/view/2172")) == 1:
            h.send_body(429, b"slow down", headers={"Retry-After": "1"})
        else:
            h.send_body(200, srv.fixture("article-2172.html"))
    srv.routes["/reuma/article/view/2172"] = limited
    s = run(srv, tmp_path, ["/reuma/article/view/2172"])
    assert s.exit_code == 0
    first, second = srv.hits("/reuma/article/view/2172")
    assert second.at - first.at >= 0.9  # the server asked for 1 s


def test_rate_limit_spaces_network_requests_per_host(srv, tmp_path):
    run(srv, tmp_path, ["/reuma/article/view/2170", "/reuma/article/view/2171", "/reuma/article/view/2172"],
        rate=5.0)
    times = [h.at for h in srv.log]
    assert len(times) == 4  # robots.txt + 3 pages, each >= 0.2 s after the previous one was sent
    assert all(b - a >= 0.1 for a, b in zip(times, times[1:], strict=False))


def test_timeout_is_a_recorded_failure(srv, tmp_path):
    import time

    def slow(h: Handler, q: dict[str, str]) -> None:
        time.sleep(1.5)
        h.send_body(200, srv.fixture("article-2171.html"))
    srv.routes["/reuma/article/view/2171"] = slow
    s = run(srv, tmp_path, ["/reuma/article/view/2171", "/reuma/article/view/2172"], timeout=0.5, retries=0)
    assert "timed out" in reasons(s)["2171"]
    assert list_records(tmp_path / "out") == ["reumatismo-2172"]


def test_connection_refused_is_a_recorded_failure(tmp_path):
    base = f"http://127.0.0.1:{free_port()}"
    options = HarvestOptions(out=tmp_path / "out", base_url=base, quiet=True,
                             http=HttpConfig(cache_dir=tmp_path / "cache", rate=50, backoff=0.01, retries=1))
    s = harvest([f"{base}/reuma/article/view/2170"], options)
    assert s.exit_code == 1
    assert "connection refused" in s.failed[0][1]
    assert list_records(tmp_path / "out") == []


def test_reset_mid_body_and_truncated_body_fail_and_are_not_cached(srv, tmp_path):
    page = srv.fixture("article-2171.html")

    def reset(h: Handler, q: dict[str, str]) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(page)))
        h.end_headers()
        h.wfile.write(page[:5000])
        h.reset()

    def truncated(h: Handler, q: dict[str, str]) -> None:
        h.send_body(200, page[: len(page) // 2], length=len(page))  # announces more than it sends

    srv.routes["/reuma/article/view/2171"] = reset
    srv.routes["/reuma/article/view/2172"] = truncated
    s = run(srv, tmp_path, ["/reuma/article/view/2171", "/reuma/article/view/2172", "/reuma/article/view/2170"],
            retries=0)
    why = reasons(s)
    assert set(why) == {"2171", "2172"}
    assert all("connection broken" in r for r in why.values()), why
    assert list_records(tmp_path / "out") == ["reumatismo-2170"]
    # the damaged bodies were not cached: once the server is healthy, a re-run fetches and stores them
    srv.install_default_routes()
    s2 = run(srv, tmp_path, ["/reuma/article/view/2171", "/reuma/article/view/2172"])
    assert s2.exit_code == 0 and s2.fetched == 2 and s2.from_cache == 0


def test_page_without_abstract_is_reported_and_the_run_goes_on(srv, tmp_path):
    html = srv.fixture("article-2171.html").decode("utf-8")
    html = re.sub(r'<section class="item abstract">.*?</section>', "", html, flags=re.S)
    html = re.sub(r'<meta name="DC.Description"[^>]*>', "", html, flags=re.S)
    assert "item abstract" not in html and "DC.Description" not in html
    srv.routes["/reuma/article/view/2171"] = srv.body(html.encode("utf-8"))
    s = run(srv, tmp_path, ["/reuma/article/view/2171", "/reuma/article/view/2172"])
    assert "no abstract" in reasons(s)["2171"]
    assert list_records(tmp_path / "out") == ["reumatismo-2172"]


def test_strict_turns_reader_warnings_into_failures(srv, tmp_path):
    html = srv.fixture("article-2172.html").decode("utf-8")
    section = re.search(r'<section class="item abstract">.*?</section>', html, flags=re.S)
    assert section
    doubled = html.replace(section.group(0), section.group(0) * 2).encode("utf-8")
    srv.routes["/reuma/article/view/2172"] = srv.body(doubled)
    lenient = run(srv, tmp_path, ["/reuma/article/view/2172"])
    assert lenient.exit_code == 0 and lenient.warnings == 1
    meta = json.loads((tmp_path / "out" / "reumatismo-2172" / "meta.json").read_text(encoding="utf-8"))
    assert any("abstract sections" in w for w in meta["warnings"])
    options = HarvestOptions(out=tmp_path / "strict", base_url=srv.base_url, quiet=True, strict=True,
                             http=HttpConfig(cache_dir=tmp_path / "cache", rate=50))
    strict = harvest([srv.base_url + "/reuma/article/view/2172"], options)
    assert strict.exit_code == 1 and "strict: page has 2 abstract sections" in strict.failed[0][1]
    assert list_records(tmp_path / "strict") == []


# -- safety: robots.txt, redirects, hosts, size -------------------------------------------------------

def test_robots_disallowed_path_is_not_fetched(srv, tmp_path):
    srv.robots = b"User-agent: *\nDisallow: /reuma/article/view/2171\n"
    s = run(srv, tmp_path, ["/reuma/article/view/2171", "/reuma/article/view/2172"])
    assert "robots.txt" in reasons(s)["2171"]
    assert not srv.hits("/reuma/article/view/2171")
    assert list_records(tmp_path / "out") == ["reumatismo-2172"]


def test_robots_for_our_agent_only(srv, tmp_path):
    srv.robots = b"User-agent: reumaextract\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    s = run(srv, tmp_path, ["/reuma/article/view/2172"])
    assert "robots.txt" in s.failed[0][1] and srv.paths() == ["/robots.txt"]


def test_redirect_chain_on_same_host_is_followed(srv, tmp_path):
    srv.routes["/reuma/article/view/3001"] = srv.body(b"", 301, headers={"Location": "/hop"})
    srv.routes["/hop"] = srv.body(b"", 302, headers={"Location": f"{srv.base_url}/reuma/article/view/2170"})
    s = run(srv, tmp_path, ["/reuma/article/view/3001"])
    assert s.exit_code == 0, s.format()
    meta = json.loads((tmp_path / "out" / "reumatismo-3001" / "meta.json").read_text(encoding="utf-8"))
    assert meta["final_url"] == f"{srv.base_url}/reuma/article/view/2170"
    assert srv.paths()[1:] == ["/reuma/article/view/3001", "/hop", "/reuma/article/view/2170"]


@pytest.mark.parametrize("target", ["http://localhost:{port}/reuma/article/view/2170",
                                    "http://example.org/reuma/article/view/2170",
                                    "file:///etc/passwd"])
def test_redirect_off_the_allowed_hosts_is_refused(srv, tmp_path, target):
    srv.routes["/reuma/article/view/3002"] = srv.body(b"", 302, headers={"Location": target.format(port=srv.port)})
    s = run(srv, tmp_path, ["/reuma/article/view/3002"])
    assert s.exit_code == 1 and "refused" in s.failed[0][1]
    assert srv.paths() == ["/robots.txt", "/reuma/article/view/3002"]  # the target was never requested
    assert list_records(tmp_path / "out") == []


def test_urls_off_the_allowed_hosts_and_non_http_are_refused(srv, tmp_path):
    options = HarvestOptions(out=tmp_path / "out", base_url=srv.base_url, quiet=True,
                             http=HttpConfig(cache_dir=tmp_path / "cache", rate=50))
    from extractor.harvest import Harvester
    from extractor.harvest.harvester import allowed_hosts

    options.http.allowed_hosts = allowed_hosts(srv.base_url, [])
    h = Harvester(options)
    s = h.run([f"http://localhost:{srv.port}/reuma/article/view/2170", "file:///etc/passwd", "ftp://x/y"])
    h.close()
    assert len(s.failed) == 3 and not srv.log
    assert "not on an allowed host" in s.failed[0][1]


def test_page_above_the_size_cap_is_refused(srv, tmp_path):
    page = srv.fixture("article-2170.html")

    def no_length(h: Handler, q: dict[str, str]) -> None:  # close-delimited body: no Content-Length to trust
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        h.wfile.write(page)
    srv.routes["/reuma/article/view/3003"] = no_length
    s = run(srv, tmp_path, ["/reuma/article/view/2170", "/reuma/article/view/3003", "/reuma/article/view/2172"],
            max_bytes=32000)
    why = reasons(s)
    assert len(page) > 32000
    assert "page larger than 32000 bytes" in why["2170"] and "page larger than 32000 bytes" in why["3003"]
    assert list_records(tmp_path / "out") == ["reumatismo-2172"]


# -- OAI XML safety --------------------------------------------------------------------------------------

def test_invalid_oai_xml_is_a_clear_error(srv, tmp_path):
    srv.routes["/reuma/oai"] = srv.body(b"<?xml version='1.0'?><OAI-PMH><ListRecords><record>", ctype=XML)
    s = run(srv, tmp_path, ["/reuma/oai"])
    assert s.exit_code == 1 and "invalid OAI-PMH XML" in s.failed[0][1]


def test_oai_xxe_payload_is_not_resolved(srv, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xml = (FIXTURES / "oai-listrecords-2.xml").read_text(encoding="utf-8")
    xml = xml.replace('<?xml version="1.0" encoding="UTF-8"?>',
                      f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE OAI-PMH [<!ENTITY xxe SYSTEM '
                      f'"file://{secret}">]>', 1).replace("<responseDate>", "<responseDate>&xxe;", 1)
    srv.routes["/reuma/oai"] = srv.body(xml.encode("utf-8"), ctype=XML)
    s = run(srv, tmp_path, ["/reuma/oai"])
    assert s.exit_code == 1 and "entities" in s.failed[0][1]
    stored = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert "TOP-SECRET" not in stored and "TOP-SECRET" not in s.format()


def test_oai_error_answer_is_reported(srv, tmp_path):
    err = (FIXTURES / "oai-error-badtoken.xml").read_text(encoding="utf-8").replace(
        'code="badResumptionToken"', 'code="cannotDisseminateFormat"')
    srv.routes["/reuma/oai"] = srv.body(err.encode("utf-8"), ctype=XML)
    s = run(srv, tmp_path, ["/reuma/oai"])
    assert "cannotDisseminateFormat" in s.failed[0][1]


def test_oai_no_records_match_is_an_empty_list(srv, tmp_path):
    err = (FIXTURES / "oai-error-badtoken.xml").read_text(encoding="utf-8").replace(
        'code="badResumptionToken"', 'code="noRecordsMatch"')
    srv.routes["/reuma/oai"] = srv.body(err.encode("utf-8"), ctype=XML)
    s = run(srv, tmp_path, ["/reuma/oai"])
    assert s.exit_code == 0 and s.stored == 0


# -- cache and resume ------------------------------------------------------------------------------------

ARTICLES = ["/reuma/article/view/2170", "/reuma/article/view/2171", "/reuma/article/view/2172",
            "/reuma/article/view/9901"]


def test_second_run_is_served_wholly_from_the_cache(srv, tmp_path):
    first = run(srv, tmp_path, ARTICLES, out="a")
    assert first.fetched == 4
    seen = len(srv.log)
    second = run(srv, tmp_path, ARTICLES, out="b")  # a new corpus folder, the same cache
    assert len(srv.log) == seen  # the server saw no new request (robots.txt included)
    assert second.from_cache == 4 and second.fetched == 0 and second.requests == 0
    for rid in list_records(tmp_path / "a"):
        for name in ("page.html", "abstract.txt"):
            assert (tmp_path / "a" / rid / name).read_bytes() == (tmp_path / "b" / rid / name).read_bytes()


def test_stored_articles_are_skipped_without_any_request(srv, tmp_path):
    run(srv, tmp_path, ARTICLES)
    seen = len(srv.log)
    again = run(srv, tmp_path, ARTICLES, cache="fresh-cache")
    assert len(srv.log) == seen and again.skipped == 4 and again.exit_code == 0


def test_incomplete_folder_and_leftover_temp_files_are_redone(srv, tmp_path):
    run(srv, tmp_path, ["/reuma/article/view/2170"])
    folder = tmp_path / "out" / "reumatismo-2170"
    (folder / "meta.json").unlink()  # as if killed before the last write
    (folder / ".page.html.abc123.part").write_bytes(b"half")
    s = run(srv, tmp_path, ["/reuma/article/view/2170"])
    assert s.from_cache == 1 and (folder / "meta.json").is_file()
    assert not list((tmp_path / "out").rglob("*.part"))


def test_records_from_harvested_folders_equal_those_from_the_fixture_files(srv, tmp_path):
    """extract_file(harvested folder) == extract_file(fixture page), up to the URL base."""
    extract = pytest.importorskip("extractor.extract")
    try:  # precondition, independent of the harvester: the extract stage works on a saved page
        extract.extract_file(FIXTURES / "article-2170.html")
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"extract_file does not work on the fixture page itself yet: {type(exc).__name__}: {exc}")
    run(srv, tmp_path, ["/reuma/article/view/2170", "/reuma/article/view/2171", "/reuma/article/view/2172",
                        "/reuma/article/view/9901"])
    pairs = {"2170": "article-2170.html", "2171": "article-2171.html", "2172": "article-2172.html",
             "9901": "article-nonabstract.html"}
    for ident, name in pairs.items():
        harvested = extract.extract_file(tmp_path / "out" / f"reumatismo-{ident}")
        direct = extract.extract_file(FIXTURES / name)
        a = harvested.model_dump_json().replace(srv.base_url, LIVE)
        b = direct.model_dump_json().replace(srv.base_url, LIVE)
        assert json.loads(a) == json.loads(b), ident


def test_read_path_of_harvested_folders_equals_reading_the_fixture_files(srv, tmp_path):
    """The reader sees the same abstract in a harvested folder as in the saved page, up to the URL base."""
    import dataclasses

    from extractor.readers import read_path

    def as_json(abstract) -> str:
        data = {f.name: getattr(abstract, f.name) for f in dataclasses.fields(abstract)}
        text = json.dumps(data, default=lambda m: m.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
        return text.replace(srv.base_url, LIVE)

    run(srv, tmp_path, ARTICLES)
    pairs = {"2170": "article-2170.html", "2171": "article-2171.html", "2172": "article-2172.html",
             "9901": "article-nonabstract.html"}
    for ident, name in pairs.items():
        folder = tmp_path / "out" / f"reumatismo-{ident}"
        harvested, direct = read_path(folder), read_path(FIXTURES / name)
        assert as_json(harvested) == as_json(direct), ident
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        assert meta["title"] == direct.title and meta["code"] == direct.code
        assert (folder / "abstract.txt").read_text(encoding="utf-8").rstrip("\n") == direct.text


def test_entry_points_used_by_the_run_command(srv, tmp_path, monkeypatch):
    from extractor.harvest import fetch_abstract, harvest_to_folders
    from extractor.run import Failure

    failures: list = []
    folders = list(harvest_to_folders([f"{srv.base_url}/reuma/issue/view/105"], tmp_path / "out", failures=failures,
                                      options=HarvestOptions(base_url=srv.base_url, http=HttpConfig(
                                          cache_dir=tmp_path / "cache", rate=50))))
    assert [f.name for f in folders] == ["reumatismo-2170", "reumatismo-2171", "reumatismo-2172"]
    assert all(isinstance(f, Failure) for f in failures) and len(failures) == 2
    monkeypatch.chdir(tmp_path)  # fetch_abstract's default cache is ./.cache/http
    abstract = fetch_abstract(f"{srv.base_url}/reuma/article/view/2170")
    assert abstract.code == "PO:18:276" and abstract.text.startswith("Background and Objective.")
    assert (tmp_path / ".cache" / "http").is_dir()
