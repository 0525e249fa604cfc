"""The report in a real headless browser (Debian's chromium + chromedriver, driven by Selenium).

A reviewer's session end to end: open the report, filter, mark a value wrong,
correct one, add a missed one (by selecting its words in the text), export
the corrections, ``gold apply`` them, and ``evaluate`` then shows exactly those
changes. Also: the page's script runs and the data's never does, the review
survives a reload, and nothing overflows at 800 px. Skipped with the reason
when chromium, chromedriver or selenium is missing.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.cli import main
from extractor.evaluate import evaluate
from extractor.export import open_exporters
from extractor.export.values import iter_values
from schemas import Record

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.browser
SEED = "reumatismo-2170"

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).exists()), None)
CHROMEDRIVER = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver") if p and Path(p).exists()),
                    None)


def hostile() -> Record:
    text = ("Methods. 4 pts <script>document.title='pwned'</script> received drug X "
            "<img src=x onerror=\"document.title='pwned'\"> for 6 months.")
    i = text.index("4 pts")
    j = text.index("<img")
    k = text.index("> for") + 1
    return Record.model_validate({
        "id": "hostile", "title": "<script>document.title='pwned'</script>Hostile title",
        "code": "<img src=x onerror=\"document.title='pwned'\">",
        "text": text, "warnings": ["<b>bold</b> warning"],
        "population": {"n": {"value": 4, "evidence": {"start": i, "end": i + 5, "text": "4 pts"}}},
        "treatments": [{"name": "drug x</script><script>document.title='pwned'</script>", "role": "study",
                        "evidence": {"start": j, "end": k, "text": text[j:k]}}],
    })


def records() -> list[Record]:
    gold = [ROOT / "corpus/gold/reumatismo-2170.json", *sorted((ROOT / "corpus/dev/gold").glob("*.json"))[:3]]
    return [*(Record.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in gold), hostile()]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    with open_exporters(out, ["records.jsonl", "report.html"]) as exp:
        for r in records():
            exp.write(r)
    return out


@pytest.fixture()
def driver(tmp_path: Path) -> Iterator[Any]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("chromium/chromedriver not installed: apt-get install chromium chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1000"):
        opts.add_argument(arg)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    drv = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    drv.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    drv.downloads = downloads
    try:
        yield drv
    finally:
        drv.quit()


def wait(drv: Any, condition: str, timeout: float = 15.0) -> Any:
    """Poll a JavaScript expression until it is truthy; return its value."""
    end = time.monotonic() + timeout
    while True:
        got = drv.execute_script(f"return ({condition});")
        if got:
            return got
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for: {condition}")
        time.sleep(0.05)


def open_report(drv: Any, report: Path, fragment: str = "") -> None:
    drv.get(report.as_uri() + fragment)
    wait(drv, "document.body.getAttribute('data-ready')")


def click(drv: Any, element: Any) -> None:
    """Scroll the element to the middle of the window (clear of the sticky bar), as a reader would, and click."""
    drv.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def row(drv: Any, path: str, rec: int = 0) -> Any:
    return drv.find_element("css selector", f'#rec{rec} table.values tr[data-path="{path}"]')


def test_page_script_runs_but_never_the_data(driver: Any, outputs: Path) -> None:
    open_report(driver, outputs / "report.html")
    by = "css selector"
    assert driver.title == "reumaextract report"  # 'pwned' would be here had any data run
    assert "js" in driver.find_element(by, "body").get_attribute("class")
    assert driver.find_element(by, "#summary").text.startswith("5 abstracts ·")
    driver.execute_script("location.hash = '#rec4'")
    hostile_article = driver.find_element(by, "#rec4")
    wait(driver, "document.querySelector('#rec4 table.values')")
    assert driver.title == "reumaextract report"
    assert "<script>document.title='pwned'</script>Hostile title" in hostile_article.find_element(by, "h2").text
    assert "<img src=x" in hostile_article.find_element(by, ".text").text  # shown as text
    assert not driver.find_elements(by, "article img, article script:not(.data), #overview img")
    assert "<b>bold</b> warning" in hostile_article.find_element(by, ".warn").text
    assert driver.execute_script("return document.querySelectorAll('#rec4 mark').length") >= 2


def test_overview_sorts_filters_searches_and_links(driver: Any, outputs: Path) -> None:
    open_report(driver, outputs / "report.html")
    by = "css selector"
    shown = "Array.from(document.querySelectorAll('#overview tbody tr')).filter(r => !r.hidden)"
    assert driver.execute_script(f"return {shown}.length") == 5
    header = [th.text for th in driver.find_elements(by, "#overview th")]
    assert header[:3] == ["id", "code", "title"] and "study drugs" in header
    first = driver.find_element(by, "#overview tbody tr")
    assert first.find_element(by, "td.c-code").text == "PO:18:276"
    assert first.find_element(by, "td.c-drugs").text == "anifrolumab"
    assert first.find_element(by, "td.c-disease").text == "systemic lupus erythematosus"
    # sort by n, descending on the second click
    n_button = driver.find_element(by, '#overview th button[data-k="n"]')
    n_button.click()
    n_button.click()
    ns = driver.execute_script(f"return {shown}.map(r => r.querySelector('td.c-n').textContent)")
    nums = [int(n) for n in ns if n]
    assert nums == sorted(nums, reverse=True) and len(nums) >= 3
    # filter by study drug, then by warnings; rows and articles hide together
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(by, "#f-drug")).select_by_visible_text("anifrolumab")
    ids = driver.execute_script(f"return {shown}.map(r => r.querySelector('td.c-id').textContent)")
    assert SEED in ids and "hostile" not in ids
    assert driver.find_element(by, "#rec4").get_attribute("hidden") is not None
    Select(driver.find_element(by, "#f-drug")).select_by_index(0)
    Select(driver.find_element(by, "#f-warn")).select_by_value("yes")
    assert driver.execute_script(f"return {shown}.map(r => r.querySelector('td.c-id').textContent)") == ["hostile"]
    Select(driver.find_element(by, "#f-warn")).select_by_index(0)
    # search looks in the text too
    box = driver.find_element(by, "#q")
    box.send_keys("scarring alopecia")
    wait(driver, f"{shown}.length === 1")
    assert driver.find_element(by, "#shown").text == "1 of 5 shown"
    box.clear()
    box.send_keys(" ")  # an input event with an empty query shows all again
    wait(driver, f"{shown}.length === 5")
    # a link goes to the abstract and renders it
    driver.find_element(by, "#overview tbody a[href='#rec4']").click()
    wait(driver, "location.hash === '#rec4' && document.querySelector('#rec4 .text')")


def test_link_to_a_value_opens_it(driver: Any, outputs: Path) -> None:
    seed = records()[0]
    values = list(iter_values(seed))
    i = next(k for k, v in enumerate(values) if v.field == "scores")
    open_report(driver, outputs / "report.html", f"#rec0-v{i}")
    by = "css selector"
    panel = driver.find_element(by, "#panel")
    assert "open" in panel.get_attribute("class")
    assert values[i].label in panel.find_element(by, "li b").text
    assert "on" in driver.find_element(by, f"#rec0-v{i}").get_attribute("class").split()
    on = driver.find_elements(by, "#rec0 mark.on")
    assert on and all(str(i) in m.get_attribute("data-v").split() for m in on)
    assert "".join(m.text for m in on) == values[i].evidence.text


def double_click_word(drv: Any, rec: int, word: str, occurrence_after: int) -> None:
    """Select ``word`` the way a reader does: a real double-click on it in the abstract's text."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    rect = drv.execute_script("""
        const [rec, word, after] = arguments;
        const div = document.querySelector('#rec' + rec + ' .text');
        for (const seg of div.children) {
          const s = Number(seg.getAttribute('data-s')), t = seg.textContent, k = t.indexOf(word);
          if (k >= 0 && s + k >= after) {
            const r = document.createRange();
            r.setStart(seg.firstChild, k); r.setEnd(seg.firstChild, k + word.length);
            seg.scrollIntoView({block: 'center'});
            const b = r.getBoundingClientRect();
            return [b.left + b.width / 2, b.top + b.height / 2];
          }
        }
        return null;""", rec, word, occurrence_after)
    assert rect, word
    actions = ActionBuilder(drv)
    actions.pointer_action.move_to_location(int(rect[0]), int(rect[1]))
    actions.perform()
    ActionChains(drv).double_click().perform()


def test_review_export_apply_evaluate(driver: Any, outputs: Path, tmp_path: Path) -> None:
    """The reviewer's loop; evaluate then shows exactly the corrections made in the browser."""
    from selenium.webdriver.support.ui import Select

    by = "css selector"
    report = outputs / "report.html"
    gold = tmp_path / "gold"
    assert main(["gold", "draft", str(outputs / "records.jsonl"), "--out", str(gold)]) == 0
    assert evaluate(gold, outputs / "records.jsonl").micro_strict == 1.0
    open_report(driver, report)
    driver.execute_script("localStorage.clear()")
    open_report(driver, report)
    assert driver.find_element(by, "#progress").text == "0 of 5 abstracts reviewed"
    # filter to the abstract under review, open it from the overview
    Select(driver.find_element(by, "#f-disease")).select_by_visible_text("systemic lupus erythematosus")
    driver.find_element(by, "#overview tbody a[href='#rec0']").click()
    wait(driver, "document.querySelector('#rec0 table.values')")
    # a value that is right, one that is wrong, two that need editing
    click(driver, row(driver, "scores[0]").find_element(by, "button.ok"))
    click(driver, row(driver, "treatments[1]").find_element(by, "button.bad"))
    assert "st-wrong" in row(driver, "treatments[1]").get_attribute("class")
    click(driver, row(driver, "treatments[3]").find_element(by, "button.ed"))
    editor = driver.find_element(by, "#rec0 tr.editor")
    Select(editor.find_element(by, 'select[name="role"]')).select_by_visible_text("concomitant")
    click(driver, editor.find_element(by, "button.save"))
    assert "st-edited" in row(driver, "treatments[3]").get_attribute("class")
    assert "role → concomitant" in row(driver, "treatments[3]").text
    click(driver, row(driver, "population.n").find_element(by, "button.ed"))
    editor = driver.find_element(by, "#rec0 tr.editor")
    n_input = editor.find_element(by, 'input[name="value"]')
    n_input.clear()
    n_input.send_keys("-1")
    click(driver, editor.find_element(by, "button.save"))
    assert "whole number" in editor.find_element(by, ".err").text  # refused in the page already
    n_input.clear()
    n_input.send_keys("6")
    click(driver, editor.find_element(by, "button.save"))
    assert "value → 6" in row(driver, "population.n").text
    # a missed value: select its words in the text, choose the field, fill in what the schema needs
    text = records()[0].text
    double_click_word(driver, 0, "lymphopenia", 0)
    box = driver.find_element(by, "#rec0 .addbox")
    wait(driver, "!document.querySelector('#rec0 .addbox').hidden")
    assert box.find_element(by, "q").text == "lymphopenia"
    Select(box.find_element(by, "select.field")).select_by_value("manifestations")
    assert box.find_element(by, 'input[name="name"]').get_attribute("value") == "lymphopenia"
    Select(box.find_element(by, 'select[name="domain"]')).select_by_visible_text("hematologic")
    click(driver, box.find_element(by, "button.save"))
    added = driver.find_element(by, "#rec0 tr.added")
    assert "lymphopenia" in added.text
    click(driver, driver.find_element(by, "#rec0 button.review"))
    assert driver.find_element(by, "#progress").text == "1 of 5 abstracts reviewed"
    # the review survives a reload (localStorage)
    open_report(driver, report, "#rec0")
    wait(driver, "document.querySelector('#rec0 table.values')")
    assert driver.find_element(by, "#progress").text == "1 of 5 abstracts reviewed"
    assert "st-wrong" in row(driver, "treatments[1]").get_attribute("class")
    assert len(driver.find_elements(by, "#rec0 tr.added")) == 1
    # export → the file gold apply reads
    driver.find_element(by, "#export").click()
    assert wait(driver, "document.body.getAttribute('data-exported')") == "5"
    target = driver.downloads / "corrections.json"
    end = time.monotonic() + 15
    while not target.exists() and time.monotonic() < end:
        time.sleep(0.1)
    corrections = json.loads(target.read_text(encoding="utf-8"))
    assert corrections["format"] == "reumaextract-corrections" and corrections["reviewed"] == [SEED]
    actions = [(c["action"], c.get("path") or c.get("field")) for c in corrections["corrections"]]
    assert sorted(actions) == sorted([("confirm", "scores[0]"), ("remove", "treatments[1]"),
                                      ("edit", "treatments[3]"), ("edit", "population.n"),
                                      ("add", "manifestations")])
    add = next(c for c in corrections["corrections"] if c["action"] == "add")
    start = text.index("lymphopenia")
    assert add["item"]["evidence"] == {"start": start, "end": start + len("lymphopenia"), "text": "lymphopenia"}
    assert main(["gold", "apply", str(gold), str(target)]) == 0
    diffs = sorted((d.doc_id, d.field, d.kind) for d in evaluate(gold, outputs / "records.jsonl").diffs)
    assert diffs == sorted([(SEED, "treatments", "extra"), (SEED, "treatments", "wrong"),
                            (SEED, "population.n", "wrong"), (SEED, "manifestations", "missed")])


def test_no_horizontal_scrolling_at_800px(driver: Any, outputs: Path) -> None:
    driver.set_window_size(800, 1000)
    open_report(driver, outputs / "report.html")
    driver.execute_script("document.querySelectorAll('article.rec').forEach(a => a.scrollIntoView())")
    wait(driver, "document.querySelectorAll('article.rec table.values').length === 5")
    # open an editor and an add box too: the widest things on the page
    click(driver, driver.find_element("css selector", '#rec0 tr[data-path="treatments[0]"] button.ed'))
    overflow = driver.execute_script("""
        const w = document.documentElement.clientWidth, out = [];
        if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth);
        document.querySelectorAll('article.rec, #overview-box, table, .ov-scroll, .text, .form').forEach(e => {
          const r = e.getBoundingClientRect();
          if (r.right > w + 0.5 || e.scrollWidth > e.clientWidth + 1) out.push(e.tagName + '.' + e.className + ' ' + r.right);
        });
        return out;""")
    assert overflow == []
    shot = ROOT / "outputs" / "report.png"  # for a human look (outputs/ is git-ignored)
    shot.parent.mkdir(exist_ok=True)
    driver.execute_script("window.scrollTo(0, 0)")
    assert driver.save_screenshot(str(shot)) and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
