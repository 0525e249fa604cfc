"""Harvest robustness against a real HTTP server on 127.0.0.1: other OJS themes' tables of contents, OAI records
without an article page, host names that do not resolve, and no empty folders after a harvest that stored nothing."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from harvest_server import XML, FixtureServer

from extractor.cli import main
from extractor.harvest import HarvestOptions, HttpConfig, harvest
from extractor.readers import read_path
from extractor.run import run as run_all

DESCRIPTION = ("&lt;p&gt;&lt;strong&gt;Objective.&lt;/strong&gt; To describe 14 patients with gout treated "
               "with anakinra.&lt;/p&gt;&lt;p&gt;&lt;strong&gt;Results.&lt;/strong&gt; 12 of 14 patients "
               "improved.&lt;/p&gt;")


def oai_xml(records: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2025-11-27T08:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="oai_dc">http://x/reuma/oai</request>
<ListRecords>{records}</ListRecords>
</OAI-PMH>""".encode()


def oai_record(identifier: str, description: str | None) -> str:
    desc = f"<dc:description>{description}</dc:description>" if description else ""
    return f"""<record><header><identifier>{identifier}</identifier><datestamp>2025-11-26T10:00:00Z</datestamp>
<setSpec>reuma:ABS</setSpec></header><metadata>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>Anakinra in gout flares</dc:title>{desc}<dc:date>2025-11-26</dc:date>
<dc:identifier>https://doi.org/10.5555/example.77</dc:identifier>
<dc:source>Reumatismo; Vol. 77 No. s1 (2025)</dc:source>
</oai_dc:dc></metadata></record>"""


@pytest.fixture
def srv():
    with FixtureServer() as server:
        yield server


def options(srv: FixtureServer, tmp_path: Path, out: Path | None = None, **kw: object) -> HarvestOptions:
    return HarvestOptions(out=out or tmp_path / "out", base_url=srv.base_url, quiet=True,
                          http=HttpConfig(cache_dir=tmp_path / "cache", rate=50.0, backoff=0.01, retries=2,
                                          timeout=5.0), **kw)  # type: ignore[arg-type]


def test_issue_toc_of_another_theme_uses_the_main_content_links(srv: FixtureServer, tmp_path: Path) -> None:
    srv.routes["/reuma/issue/view/106"] = srv.page("issue-bootstrap3.html")
    s = harvest([f"{srv.base_url}/reuma/issue/view/106"], options(srv, tmp_path))
    assert s.exit_code == 0 and s.stored == 2, s.format()
    assert sorted(p.name for p in s.folders) == ["reumatismo-2170", "reumatismo-2171"]
    paths = srv.paths()  # no galley, download, menu, sidebar or footer link was followed
    assert not any("/3001" in p or "/3002" in p or "download" in p or "9902" in p for p in paths)
    assert not any(p.endswith(("/2168", "/2169", "/2172")) for p in paths)


def test_a_page_without_any_article_link_is_not_an_issue(srv: FixtureServer, tmp_path: Path) -> None:
    srv.routes["/reuma/issue/view/107"] = srv.body(b"<html><body><main><p>Nothing here</p>"
                                                   b"<a href='/reuma/article/view/2170/3001'>PDF</a></main>"
                                                   b"<aside><a href='/reuma/article/view/2171'>x</a></aside>"
                                                   b"</body></html>")
    s = harvest([f"{srv.base_url}/reuma/issue/view/107"], options(srv, tmp_path))
    assert s.exit_code == 1 and s.stored == 0
    ((url, reason),) = s.failed
    assert url.endswith("/reuma/issue/view/107") and "no article links in the page's main content" in reason


def test_oai_record_without_article_page_keeps_its_description(srv: FixtureServer, tmp_path: Path) -> None:
    srv.routes["/reuma/oai"] = srv.body(oai_xml(
        oai_record("oai:example.org:paper/77", DESCRIPTION) + oai_record("oai:example.org:paper/78", None)), ctype=XML)
    s = harvest([f"{srv.base_url}/reuma/oai"], options(srv, tmp_path))
    assert s.stored == 1 and s.exit_code == 1
    ((url, reason),) = s.failed
    assert url == "oai:example.org:paper/78" and "no dc:description" in reason
    (folder,) = s.folders
    assert folder.name == "reuma-oai-paper_77"
    assert sorted(p.name for p in folder.iterdir()) == ["abstract.txt", "meta.json", "oai.json"]
    abstract = read_path(folder)
    assert abstract.id == "reuma-oai-paper_77" and abstract.title == "Anakinra in gout flares"
    assert abstract.text == ("Objective. To describe 14 patients with gout treated with anakinra.\n\n"
                             "Results. 12 of 14 patients improved.")
    assert abstract.source.url == "https://doi.org/10.5555/example.77"
    assert [s.label for s in abstract.sections] == ["background", "results"]
    summary = run_all([str(tmp_path / "out")], tmp_path / "exports", progress=False, strict=True)
    assert summary.written == 1 and summary.ok  # the "no article page" warning is a note, not a problem
    again = harvest([f"{srv.base_url}/reuma/oai"], options(srv, tmp_path))  # stored: skipped, not redone
    assert again.skipped == 1 and again.stored == 0


def _unresolvable(monkeypatch: pytest.MonkeyPatch, host: str) -> list[str]:
    """Make ``host`` fail name resolution (as a typo or no network does); return the list of lookups."""
    lookups: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(name, *args, **kwargs):  # noqa: ANN001, ANN202
        if name == host:
            lookups.append(name)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


def test_unresolvable_host_fails_fast_once_and_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    lookups = _unresolvable(monkeypatch, "no-such-host.invalid")
    out = tmp_path / "corpus" / "harvest"
    urls = [f"http://no-such-host.invalid/reuma/article/view/{i}" for i in (1, 2)]
    code = main(["harvest", *urls, "--out", str(out), "--cache-dir", str(tmp_path / "cache"),
                 "--retries", "5", "--backoff", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert lookups == ["no-such-host.invalid"]  # one lookup: no retry, and robots.txt's answer is reused
    for url in urls:
        assert err.count(url) == 1  # each failure named once, in the summary
    assert "host not found: cannot resolve 'no-such-host.invalid'" in err and "not retried" in err
    assert "requests: 1 to the network" in err
    assert not (tmp_path / "corpus").exists()  # no empty corpus/harvest/ left behind


def test_existing_folder_is_kept_when_nothing_is_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unresolvable(monkeypatch, "no-such-host.invalid")
    out = tmp_path / "mine"
    out.mkdir()
    s = harvest(["http://no-such-host.invalid/reuma/article/view/1"],
                HarvestOptions(out=out, quiet=True, http=HttpConfig(cache_dir=tmp_path / "cache")))
    assert s.exit_code == 1 and out.is_dir()  # the user's folder stays (with the state of what failed)
