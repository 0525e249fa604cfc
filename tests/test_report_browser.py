"""The HTML report in a real headless browser: the script runs, the data's scripts do not.

Uses Debian's chromium (``apt-get install chromium``) through its command line:
``--dump-dom`` prints the DOM after the page's scripts ran; ``--screenshot``
saves ``outputs/report.png`` for a human look. Skipped when chromium is absent.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.export import open_exporters
from schemas import Record

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.browser

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).exists()), None)


def hostile() -> Record:
    text = ("Methods. 4 pts <script>document.title='pwned'</script> received drug X "
            "<img src=x onerror=\"document.title='pwned'\"> for 6 months.")
    i = text.index("4 pts")
    j = text.index("<img")
    k = text.index("> for") + 1
    return Record.model_validate({
        "id": "hostile", "title": "<script>document.title='pwned'</script>Hostile title",
        "code": "<img src=x onerror=\"document.title='pwned'\">",
        "text": text,
        "population": {"n": {"value": 4, "evidence": {"start": i, "end": i + 5, "text": "4 pts"}}},
        "treatments": [{"name": "drug x</script><script>document.title='pwned'</script>", "role": "study",
                        "evidence": {"start": j, "end": k, "text": text[j:k]}}],
    })


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    cmd = [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if CHROMIUM is None:
        pytest.skip("chromium not installed: apt-get install chromium")
    out = tmp_path_factory.mktemp("report")
    gold = [ROOT / "corpus/gold/reumatismo-2170.json", *sorted((ROOT / "corpus/dev/gold").glob("*.json"))[:3]]
    with open_exporters(out, ["report.html"]) as exp:
        for path in gold:
            exp.write(Record.model_validate(json.loads(path.read_text(encoding="utf-8"))))
        exp.write(hostile())
    return out / "report.html"


def test_report_runs_its_script_but_never_the_data(report: Path, tmp_path: Path) -> None:
    done = chromium("--dump-dom", report.as_uri(), profile=tmp_path / "profile")
    dom = done.stdout
    assert done.returncode == 0 and "<article" in dom, done.stderr[-2000:]
    title = re.search(r"<title>(.*?)</title>", dom, flags=re.S).group(1)
    assert title == "reumaextract report"  # no script from the data ran ('pwned' would be here)
    assert "pwned" not in title
    body = re.search(r"<body([^>]*)>", dom).group(1)
    assert 'class="js"' in body  # the page's own inline script ran
    marks = int(re.search(r'data-marks="(\d+)"', body).group(1))
    assert marks == len(re.findall(r"<mark ", dom)) > 30
    assert "5 abstracts ·" in dom  # the script filled the summary from the footer's count
    # the hostile strings are there, as text
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;Hostile title" in dom
    assert "<img src=\"x\"" not in dom and "<img src=x" not in dom


def test_report_screenshot(report: Path, tmp_path: Path) -> None:
    shot = ROOT / "outputs" / "report.png"
    shot.parent.mkdir(exist_ok=True)
    shot.unlink(missing_ok=True)
    done = chromium(f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars", report.as_uri(),
                    profile=tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_report_link_to_a_value_opens_it(report: Path, tmp_path: Path) -> None:
    seed = Record.model_validate(json.loads((ROOT / "corpus/gold/reumatismo-2170.json").read_text(encoding="utf-8")))
    from extractor.export.values import iter_values

    values = list(iter_values(seed))
    i = next(k for k, v in enumerate(values) if v.field == "scores")
    done = chromium("--dump-dom", f"{report.as_uri()}#rec0-v{i}", profile=tmp_path / "profile")
    dom = done.stdout
    panel = re.search(r'<div id="panel"[^>]*class="open"[^>]*>(.*?)</div>', dom, flags=re.S)
    assert panel, dom[-3000:]
    assert f"<b>{values[i].label}</b>" in panel.group(1)  # the script filled the panel with the value
    assert re.search(rf'<tr id="rec0-v{i}" class="g-scores on"', dom)  # its table row is outlined
    on = re.findall(r'<mark class="[^"]*\bon\b[^"]*" data-v="([^"]+)"', dom)
    assert on and all(str(i) in ids.split() for ids in on)  # and exactly its highlights
    assert "".join(re.findall(r'<mark class="[^"]*\bon\b[^"]*"[^>]*>(.*?)</mark>', dom)) == values[i].evidence.text
