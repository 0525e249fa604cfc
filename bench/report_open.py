"""How fast a big report.html opens and becomes usable in headless Chromium (not a test).

    python bench/report_open.py [--abstracts 1000] [--rounds 3] [--width 1280] [--keep DIR]

Builds a report of N abstracts (the bundled gold records — seed, dev, held-out
sets — cycled with distinct ids, so realistic texts and value counts), opens it
in Debian's chromium through chromedriver (Selenium), and prints, per round
(a fresh page load each time):

* ``usable``: wall time from ``driver.get`` until the page says it is ready
  (``body[data-ready]``, set when the overview is built, filters, progress and
  lazy rendering set up) and the first abstract near the screen is rendered;
* the page's own clock: ``ready`` (ms after navigation start), ``script`` (how
  long the page's script took), DOMContentLoaded and load;
* interactions on the loaded page: a filter (disease), a text search, and a
  jump to the last abstract (link → rendered).

Speed is measured here, never asserted in a test. The issue's target: 1,000
abstracts usable in ≤ 2 s on this machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.throughput import machine  # noqa: E402


def build_report(n: int, out: Path) -> Path:
    from extractor.export import open_exporters
    from schemas import Record

    paths = [ROOT / "corpus/gold/reumatismo-2170.json"]
    for part in ("dev", "heldout", "heldout2"):
        paths += sorted((ROOT / "corpus" / part / "gold").glob("*.json"))
    base = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    with open_exporters(out, ["report.html"]) as exp:
        for i in range(n):
            data = dict(base[i % len(base)])
            data["id"] = f"{data['id']}~{i // len(base)}"
            exp.write(Record.model_validate(data))
    return out / "report.html"


def wait(drv, condition: str, timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while not drv.execute_script(f"return !!({condition});"):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(condition)
        time.sleep(0.01)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--abstracts", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--keep", metavar="DIR", help="write the report here (default: a temporary folder)")
    args = ap.parse_args()

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not Path(chromium).exists() or not Path(driver_path).exists():
        print("needs chromium and chromedriver: apt-get install chromium chromium-driver", file=sys.stderr)
        return 2
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import Select

    print(machine())
    tmp = tempfile.TemporaryDirectory()
    out = Path(args.keep) if args.keep else Path(tmp.name)
    t = time.perf_counter()
    report = build_report(args.abstracts, out)
    print(f"report: {args.abstracts} abstracts, {report.stat().st_size / 1e6:.1f} MB, "
          f"written in {time.perf_counter() - t:.2f} s")

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={Path(tmp.name) / 'profile'}", f"--window-size={args.width},1000"):
        opts.add_argument(arg)
    drv = webdriver.Chrome(options=opts, service=Service(driver_path))
    try:
        drv.get("about:blank")
        print(f"chromium {drv.capabilities.get('browserVersion')}, window {args.width}×1000")
        print("round  usable_s  ready_ms  script_ms  domcontentloaded_ms  load_ms  filter_ms  search_ms  jump_last_ms")
        for r in range(1, args.rounds + 1):
            drv.get("about:blank")
            start = time.perf_counter()
            drv.get(report.as_uri())
            wait(drv, "document.body && document.body.getAttribute('data-ready') "
                      "&& document.querySelector('article.rec[data-rendered]')")
            usable = time.perf_counter() - start
            timing = drv.execute_script("""
                const n = performance.getEntriesByType('navigation')[0];
                return [Number(document.body.getAttribute('data-ready')),
                        Number(document.body.getAttribute('data-script-ms')),
                        n.domContentLoadedEventEnd, n.loadEventEnd,
                        document.querySelectorAll('#overview tbody tr').length];""")
            assert timing[4] == args.abstracts, timing
            shown = "Array.from(document.querySelectorAll('#overview tbody tr')).filter(r => !r.hidden).length"
            sel = Select(drv.find_element("css selector", "#f-disease"))
            t = time.perf_counter()
            sel.select_by_index(1)
            wait(drv, f"{shown} < {args.abstracts}")
            filt = (time.perf_counter() - t) * 1000
            sel.select_by_index(0)
            box = drv.find_element("css selector", "#q")
            t = time.perf_counter()
            box.send_keys("rituximab")
            wait(drv, f"{shown} < {args.abstracts}")
            search = (time.perf_counter() - t) * 1000 - 150  # minus the search box's 150 ms typing pause
            box.clear()
            drv.execute_script("document.getElementById('q').dispatchEvent(new Event('input'))")
            wait(drv, f"{shown} === {args.abstracts}")
            last = args.abstracts - 1
            t = time.perf_counter()
            drv.execute_script(f"location.hash = '#rec{last}'")
            wait(drv, f"document.querySelector('#rec{last} table.values')")
            jump = (time.perf_counter() - t) * 1000
            print(f"{r:>5}  {usable:8.2f}  {timing[0]:8.0f}  {timing[1]:9.0f}  {timing[2]:19.0f}  {timing[3]:7.0f}"
                  f"  {filt:9.0f}  {search:9.0f}  {jump:12.0f}")
    finally:
        drv.quit()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
