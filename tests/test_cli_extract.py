"""``reumaextract extract`` as a subprocess: streaming JSONL, one-line errors naming the file, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schemas import Record

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted((ROOT / "corpus/dev/text").glob("*.txt"))
SEED = ROOT / "corpus/seed/reumatismo-2170.html"


def extract(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor", "extract", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return Path(shutil.copy(DEV[0], tmp_path / "good.txt"))


def test_good_and_broken_file(tmp_path: Path, good: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"")
    done = extract(good, broken, cwd=tmp_path)
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert errors == [f"reumaextract: error: {broken}: empty file"]
    (line,) = done.stdout.splitlines()
    record = Record.model_validate_json(line)
    assert record.id == "good" and record.text == good.read_text(encoding="utf-8")


def test_all_good_exit_zero_json_array_to_file(tmp_path: Path, good: Path) -> None:
    out = tmp_path / "out" / "records.json"
    done = extract(good, SEED, "--format", "json", "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [Record.model_validate(d).id for d in data] == ["good", "reumatismo-2170"]
    assert data[1]["code"] == "PO:18:276" and "\n  " in out.read_text(encoding="utf-8")  # pretty
    assert not list(out.parent.glob(".*.part"))


def test_folder_and_missing_path(tmp_path: Path, good: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.html")
    shutil.copy(DEV[1], folder / DEV[1].name)
    missing = tmp_path / "nope.txt"
    done = extract(folder, missing, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"reumaextract: error: {missing}: no such file or directory"]
    ids = [Record.model_validate_json(line).id for line in done.stdout.splitlines()]
    assert sorted(ids) == sorted(["reumatismo-2170", DEV[1].stem])


def test_no_input_is_a_usage_error(tmp_path: Path) -> None:
    done = extract(cwd=tmp_path)
    assert done.returncode == 2 and "PATH_OR_URL" in done.stderr


def test_url_is_fetched_not_stored(tmp_path: Path) -> None:
    from harvest_server import FixtureServer  # the harvester tests' real HTTP server on 127.0.0.1

    with FixtureServer() as srv:
        url = f"{srv.base_url}/reuma/article/view/2170"
        done = extract(url, f"{srv.base_url}/reuma/article/view/404404", cwd=tmp_path)
    assert done.returncode == 1
    (error,) = done.stderr.strip().splitlines()
    assert error.startswith(f"reumaextract: error: {srv.base_url}/reuma/article/view/404404: ")
    (line,) = done.stdout.splitlines()
    record = Record.model_validate_json(line)
    assert record.id == "reumatismo-2170" and record.source.url and record.title.startswith("Use of anifrolumab")
    assert not (tmp_path / "corpus").exists()
