"""An interrupted harvest resumes: Ctrl-C (SIGINT) and SIGKILL mid-run, then a restart.

The harvester runs as a real ``python -m extractor harvest`` subprocess against
the fixture server, whose article pages are slowed down so the signal lands
mid-harvest. After the restart every article must be stored exactly once, no
temp file may be left, articles stored before the kill must not be requested
again (the restart uses a fresh HTTP cache, so a refetch would reach the
server), and the corpus must equal that of an uninterrupted run.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from harvest_server import FixtureServer, Handler

from extractor.harvest import HarvestOptions, HttpConfig, harvest
from extractor.harvest.store import list_records

pytestmark = pytest.mark.slow

DELAY = 0.3  # seconds per article page, so a signal lands while a request is in flight
URLS = ["/reuma/issue/view/105", "/reuma/article/view/9901"]
EXPECTED = ["reumatismo-2170", "reumatismo-2171", "reumatismo-2172", "reumatismo-9901"]


@pytest.fixture(scope="module")
def slow_srv():
    with FixtureServer() as server:
        for path, route in list(server.routes.items()):
            if "/article/view/" in path:
                server.routes[path] = _slowed(route)
        yield server


def _slowed(route):
    def slow(h: Handler, q: dict[str, str]) -> None:
        time.sleep(DELAY)
        route(h, q)
    return slow


@pytest.fixture(scope="module")
def baseline(slow_srv, tmp_path_factory) -> Path:
    """The corpus of one uninterrupted run."""
    root = tmp_path_factory.mktemp("baseline")
    options = HarvestOptions(out=root / "out", base_url=slow_srv.base_url, quiet=True,
                             http=HttpConfig(cache_dir=root / "cache", rate=50))
    summary = harvest([slow_srv.base_url + u for u in URLS], options)
    assert summary.stored == 4 and len(summary.failed) == 2
    return root / "out"


def _cli(srv: FixtureServer, out: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "extractor", "harvest", *[srv.base_url + u for u in URLS],
            "--out", str(out), "--cache-dir", str(cache), "--rate", "50", "--base-url", srv.base_url]


def _interrupt(srv: FixtureServer, out: Path, cache: Path, sig: signal.Signals) -> tuple[int, str]:
    """Start a harvest, send ``sig`` once the first article is stored, return (exit code, stderr)."""
    proc = subprocess.Popen(_cli(srv, out, cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not list_records(out):
        assert proc.poll() is None, f"harvest ended before it could be interrupted: {proc.communicate()}"
        assert time.monotonic() < deadline, "no article stored within 30 s"
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    return proc.returncode, err


def _article_hits(srv: FixtureServer, since: int) -> list[str]:
    return [h.path.rsplit("/", 1)[-1] for h in srv.log[since:] if "/article/view/" in h.path]


def _snapshot(out: Path) -> dict[str, dict[str, object]]:
    """Every stored file, meta.json without its fetch time (the only field allowed to differ)."""
    snap: dict[str, dict[str, object]] = {}
    for rid in list_records(out):
        folder = out / rid
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        meta.pop("fetched_at")
        snap[rid] = {"files": sorted(p.name for p in folder.iterdir()), "meta": meta,
                     "page": (folder / "page.html").read_bytes(), "abstract": (folder / "abstract.txt").read_bytes()}
    return snap


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["sigint", "sigkill"])
def test_interrupted_harvest_resumes_without_refetching(slow_srv, baseline, tmp_path, sig):
    out = tmp_path / "out"
    code, err = _interrupt(slow_srv, out, tmp_path / "cache-1", sig)
    stored_before = set(list_records(out))
    if sig == signal.SIGINT:
        assert code == 130, err
        assert "interrupted: state saved" in err
        state = json.loads((out / ".harvest-state.json").read_text(encoding="utf-8"))
        assert set(state["done"]) == stored_before  # the state file was saved on Ctrl-C
    else:
        assert code == -signal.SIGKILL
    assert stored_before and stored_before < set(EXPECTED), "the signal should land mid-harvest"

    mark = len(slow_srv.log)
    # restart with a fresh HTTP cache: any refetch of a stored article would reach the server
    resumed = subprocess.run(_cli(slow_srv, out, tmp_path / "cache-2"), capture_output=True, text=True, timeout=60)
    assert resumed.returncode == 1, resumed.stderr  # 2168 (404) and 2169 (broken page) still fail
    assert f"{len(stored_before)} skipped (already stored)" in resumed.stderr
    refetched = _article_hits(slow_srv, mark)
    assert not {f"reumatismo-{i}" for i in refetched} & stored_before, refetched
    assert sorted(refetched) == sorted(set(refetched))  # nothing requested twice in the resumed run

    assert list_records(out) == EXPECTED
    assert not list(out.rglob("*.part")), "temp files left behind"
    assert sorted(p.name for p in out.iterdir()) == [".harvest-state.json", *EXPECTED]
    mine, theirs = _snapshot(out), _snapshot(baseline)
    base = slow_srv.base_url
    assert json.dumps({k: v["meta"] for k, v in mine.items()}, sort_keys=True).replace(base, "") == \
        json.dumps({k: v["meta"] for k, v in theirs.items()}, sort_keys=True).replace(base, "")
    for rid in EXPECTED:
        assert mine[rid]["files"] == theirs[rid]["files"] == ["abstract.txt", "meta.json", "page.html"]
        assert mine[rid]["page"] == theirs[rid]["page"] and mine[rid]["abstract"] == theirs[rid]["abstract"]
