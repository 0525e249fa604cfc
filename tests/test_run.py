"""``reumaextract run``: the whole chain on a temporary corpus, failures, de-duplication, interruption."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.export import EXPORTERS
from extractor.run import default_sources, run
from schemas import Record, iter_evidence

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted((ROOT / "corpus/dev/text").glob("*.txt"))
SEED = ROOT / "corpus/seed/reumatismo-2170.html"


def cli(*args: str | Path, cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", "run", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=600, check=False, **kw)


def read_jsonl(path: Path) -> list[Record]:
    return [Record.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "zdup").mkdir(parents=True)
    for path in DEV[:4]:
        shutil.copy(path, root / path.name)
    shutil.copy(SEED, root / SEED.name)
    shutil.copy(SEED, root / "zdup" / "copy-of-seed.html")  # same record id: reported, skipped
    (root / "broken.html").write_text("<html><body><p>no article here</p></body></html>", encoding="utf-8")
    return root


def test_run_end_to_end(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    err = io.StringIO()
    summary = run([str(corpus)], out, progress=False, err=err, batch_size=2)
    assert summary.committed and summary.written == 5 and summary.read == 6
    assert [d.where for d in summary.duplicates] == [str(corpus / "zdup" / "copy-of-seed.html")]
    assert [f.where for f in summary.failures] == [str(corpus / "broken.html")]
    assert f"reumaextract: error: {corpus / 'broken.html'}: " in err.getvalue()
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPORTERS)
    records = read_jsonl(out / "records.jsonl")
    assert sorted(r.id for r in records) == sorted([p.stem for p in DEV[:4]] + ["reumatismo-2170"])
    with (out / "evidence.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == sum(len(list(iter_evidence(r))) for r in records)
    with (out / "abstracts.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert [row["id"] for row in csv.DictReader(fh)] == [r.id for r in records]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count('<article class="rec"') == 5
    text = summary.format()
    assert "records written: 5" in text and "failures: 1" in text and "duplicates (extracted once): 1" in text


def test_run_cli_on_the_bundled_corpus(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    done = cli("--out", out, "--batch-size", "8", cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    expected = len(DEV) + 1  # the dev texts and the seed page (its other forms are not in the default set)
    assert len(read_jsonl(out / "records.jsonl")) == expected
    assert all((out / name).stat().st_size > 0 for name in EXPORTERS)
    assert f"records written: {expected}" in done.stderr and "failures: 0" in done.stderr
    assert [p.name for p in default_sources(ROOT)] == ["reumatismo-2170.html", "text"]


def test_run_with_nothing_good_keeps_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text("previous\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    done = cli(empty, tmp_path / "missing.html", "--out", out, "--quiet", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"reumaextract: error: {tmp_path / 'missing.html'}: no such file or directory",
        f"reumaextract: error: {empty}: empty file",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["records.jsonl"]
    assert (out / "records.jsonl").read_text(encoding="utf-8") == "previous\n"


@pytest.mark.slow
@pytest.mark.parametrize("previous", [True, False], ids=["previous-output", "no-previous-output"])
def test_killed_run_never_leaves_a_truncated_file(tmp_path: Path, previous: bool) -> None:
    big = tmp_path / "big"
    big.mkdir()
    for k in range(60):  # ~1000 abstracts: long enough to be killed mid-run
        for path in DEV:
            shutil.copy(path, big / f"{path.stem}-{k:03d}.txt")
    out = tmp_path / "out"
    out.mkdir()
    old = b""
    if previous:
        gold = json.loads((ROOT / "corpus/gold/reumatismo-2170.json").read_text(encoding="utf-8"))
        old = (json.dumps(gold, ensure_ascii=False) + "\n").encode("utf-8")
        (out / "records.jsonl").write_bytes(old)
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(big), "--out", str(out),
                             "--batch-size", "4"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            parts = list(out.glob(".records.jsonl.*.part"))
            if parts and parts[0].stat().st_size > 0:  # records are being written: first progress
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    target = out / "records.jsonl"
    if previous:
        assert target.read_bytes() == old  # the previous complete file, untouched
        for line in target.read_text(encoding="utf-8").splitlines():
            Record.model_validate_json(line)
    else:
        assert not target.exists()
    assert not (out / "report.html").exists() and not (out / "evidence.csv").exists()
    # the next run clears the dead run's temporary files and completes
    done = cli(DEV[0], "--out", out, "--quiet", cwd=tmp_path, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert done.returncode == 0, done.stderr
    assert not list(out.glob(".*.part"))
    assert [r.id for r in read_jsonl(target)] == [DEV[0].stem]


def test_run_harvests_urls_then_extracts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from harvest_server import FixtureServer  # the harvester tests' real HTTP server on 127.0.0.1

    monkeypatch.chdir(tmp_path)  # the HTTP cache (.cache/http) goes here
    with FixtureServer() as srv:
        urls = [f"{srv.base_url}/reuma/article/view/2170", f"{srv.base_url}/reuma/article/view/999999"]
        summary = run(urls, tmp_path / "out", corpus_dir=tmp_path / "corpus", progress=False, err=io.StringIO())
    assert len(list((tmp_path / "corpus").glob("*/page.html"))) == 1  # stored by the harvester
    (record,) = read_jsonl(tmp_path / "out" / "records.jsonl")
    assert record.id == "reumatismo-2170" and record.code == "PO:18:276"
    assert [f.where for f in summary.failures] == [urls[1]]  # the 404 is named, the run went on


def test_two_workers_give_the_same_records_in_the_same_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in DEV[:6]:
        shutil.copy(path, corpus / path.name)
    one = run([str(corpus)], tmp_path / "one", progress=False, err=io.StringIO(), batch_size=2)
    two = run([str(corpus)], tmp_path / "two", workers=2, progress=False, err=io.StringIO(), batch_size=2)
    assert one.written == two.written == 6 and not one.failures and not two.failures
    assert (tmp_path / "one" / "records.jsonl").read_bytes() == (tmp_path / "two" / "records.jsonl").read_bytes()
