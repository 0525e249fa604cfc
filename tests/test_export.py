"""Exporters on real records (the gold JSON files): JSONL, the two CSVs, the HTML report, atomicity."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from extractor.export import EXPORTERS, HtmlReportExporter, JsonlExporter, open_exporters
from extractor.export.csv import ABSTRACT_COLUMNS, EVIDENCE_COLUMNS, cell
from extractor.export.html import record_data, render_record, safe_href, script_json, segments
from extractor.export.values import format_age, format_scores, iter_values, timepoint_days
from schemas import Age, Evidence, Record, iter_evidence

ROOT = Path(__file__).resolve().parents[1]
GOLD = [ROOT / "corpus/gold/reumatismo-2170.json", *sorted((ROOT / "corpus/dev/gold").glob("*.json"))]


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return [Record.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in GOLD]


@pytest.fixture(scope="module")
def seed(records: list[Record]) -> Record:
    return records[0]


def export(tmp: Path, records: list[Record], names: list[str] | None = None) -> Path:
    with open_exporters(tmp, names) as out:
        for r in records:
            out.write(r)
    return tmp


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def tricky(seed: Record) -> Record:
    """The seed record with hostile strings in the fields the exports print."""
    data = seed.model_dump(mode="json")
    data["title"] = '=HYPERLINK("http://x.test","click"), a "quoted" title\nwith a newline'
    data["code"] = "@SUM(A1:A9)"
    data["treatments"][0]["name"] = '+anifrolumab, "AFM"\nsecond line'
    data["treatments"][1]["name"] = "-cmd|' /C calc'!A0"
    data["scores"][0]["value"] = -2.5
    data["scores"][0]["statistic"] = "change"
    return Record.model_validate(data)


def test_all_four_files_written(tmp_path: Path, records: list[Record]) -> None:
    export(tmp_path, records)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(EXPORTERS)
    assert not list(tmp_path.glob(".*.part"))


def test_jsonl_lines_validate_as_records(tmp_path: Path, records: list[Record]) -> None:
    export(tmp_path, records, ["records.jsonl"])
    raw = (tmp_path / "records.jsonl").read_text(encoding="utf-8")
    lines = raw.splitlines()
    assert len(lines) == len(records) and raw.endswith("\n")
    for line, original in zip(lines, records, strict=True):
        assert Record.model_validate_json(line) == original
    assert "–" in raw  # not ASCII-escaped (ensure_ascii=False)


NUMERIC_EVIDENCE = ("value", "low", "high", "iqr_low", "iqr_high", "sd", "n", "timepoint_days", "start", "end")
NUMERIC_ABSTRACT = ("year", "n", "female", "male", "age_mean", "age_sd", "age_median", "age_iqr_low",
                    "age_iqr_high", "age_min", "age_max", "values")


def assert_typed(rows: list[dict[str, str]], numeric: tuple[str, ...], boolean: tuple[str, ...]) -> None:
    """Number columns hold numbers or nothing; boolean columns true/false or nothing (what pandas infers)."""
    for row in rows:
        for col in numeric:
            if row[col] != "":
                float(row[col])  # raises on anything a spreadsheet would not read as a number
                assert not row[col].endswith(".0"), (col, row[col])
        for col in boolean:
            assert row[col] in ("", "true", "false"), (col, row[col])


def test_evidence_csv_one_row_per_evidence_bearing_value(tmp_path: Path, records: list[Record]) -> None:
    export(tmp_path, records, ["evidence.csv"])
    path = tmp_path / "evidence.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    rows = read_csv(path)
    assert list(rows[0]) == list(EVIDENCE_COLUMNS)
    assert len(rows) == sum(len(list(iter_evidence(r))) for r in records)
    assert_typed(rows, NUMERIC_EVIDENCE, ("serious",))
    by_id = {r.id: r for r in records}
    for row in rows:
        rec = by_id[row["record_id"]]
        start, end = int(row["start"]), int(row["end"])
        assert rec.text[start:end] == row["evidence"]
    seed_rows = [r for r in rows if r["record_id"] == "reumatismo-2170"]
    clasi = [r for r in seed_rows if r["field"] == "scores" and r["name"] == "CLASI"]
    assert [(r["path"], r["value"], r["n"], r["timepoint"], r["statistic"]) for r in clasi] == [
        ("scores[0]", "17", "1", "T0", "value"), ("scores[1]", "8", "1", "T5", "value")]
    assert clasi[0]["timepoint_days"] == "0" and clasi[1]["timepoint_days"] == ""  # "T5" says no duration
    treat = next(r for r in seed_rows if r["field"] == "treatments")
    assert (treat["path"], treat["name"], treat["role"], treat["abbreviation"], treat["n"], treat["url"]) == (
        "treatments[0]", "anifrolumab", "study", "AFM", "5", "https://www.reumatismo.org/reuma/article/view/2170")
    manif = next(r for r in seed_rows if r["path"] == "manifestations[7]")
    assert (manif["name"], manif["domain"], manif["status"], manif["n"]) == (
        "articular involvement", "musculoskeletal", "previous", "3")
    lab = next(r for r in seed_rows if r["path"] == "lab_findings[1]")
    assert (lab["name"], lab["result"], lab["value"]) == ("C4", "low", "")
    age = next(r for r in seed_rows if r["field"] == "population.age")
    assert (age["low"], age["high"], age["unit"], age["value"], age["value_text"]) == ("35", "64", "years", "", "35–64")
    outcome = next(r for r in seed_rows if r["path"] == "outcomes[1]")
    assert (outcome["name"], outcome["value_text"], outcome["n"]) == (
        "complete_remission", "cutaneous manifestations", "2")
    assert {r["field"] for r in seed_rows} >= {"population.n", "population.age", "study.period", "outcomes"}
    # d02: a mean ± SD with time points in words, normalised to days where they say a duration
    d02 = [r for r in rows if r["record_id"].startswith("d02") and r["field"] == "scores"]
    first = d02[0]
    assert (first["name"], first["value"], first["sd"], first["statistic"], first["timepoint"],
            first["timepoint_days"]) == ("SLEDAI-2K", "7.1", "2.6", "mean", "baseline", "0")
    d02age = next(r for r in rows if r["record_id"].startswith("d02") and r["field"] == "population.age")
    assert (d02age["value"], d02age["statistic"], d02age["sd"]) == ("44.3", "mean", "12.6")
    aes = [r for r in rows if r["field"] == "adverse_events" and r["serious"]]
    assert aes and {r["serious"] for r in aes} <= {"true", "false"}


def test_timepoints_normalised_to_days() -> None:
    cases = {"T0": 0, "baseline": 0, "pre-treatment": 0, "week 24": 168, "W24": 168, "24 weeks": 168,
             "M6": 183, "6 months": 183, "at 6 months": 183, "3-month": 91, "1 year": 365, "12 months": 365,
             "day 14": 14, "D14": 14, "T2": None, "last visit": None, None: None}
    assert {k: timepoint_days(k) for k in cases} == cases


def test_csv_quoting_and_formula_guard(tmp_path: Path, seed: Record) -> None:
    rec = tricky(seed)
    export(tmp_path, [rec], ["evidence.csv", "abstracts.csv"])
    rows = read_csv(tmp_path / "evidence.csv")
    assert len(rows) == len(list(iter_evidence(rec)))
    # every text cell that a spreadsheet would evaluate is prefixed with a quote, and round-trips otherwise intact
    assert {r["title"] for r in rows} == {"'" + rec.title}
    assert {r["code"] for r in rows} == {"'@SUM(A1:A9)"}
    treat = [r for r in rows if r["field"] == "treatments"]
    assert treat[0]["name"] == "'" + '+anifrolumab, "AFM"\nsecond line'
    assert treat[1]["name"] == "'-cmd|' /C calc'!A0"
    # a negative number is a number, not a formula
    assert next(r for r in rows if r["field"] == "scores")["value"] == "-2.5"
    # the raw file quotes the cells with commas, quotes and newlines
    raw = (tmp_path / "evidence.csv").read_text(encoding="utf-8-sig")
    assert '"\'+anifrolumab, ""AFM""\nsecond line"' in raw
    (row,) = read_csv(tmp_path / "abstracts.csv")
    assert row["title"] == "'" + rec.title
    assert row["scores"].startswith("CLASI Δ -2.5 (T0) → 8 (T5)")
    assert cell("=1+1") == "'=1+1" and cell("plain") == "plain" and cell(-3) == "-3" and cell(2.0) == "2"


def test_abstracts_csv_every_field(tmp_path: Path, records: list[Record]) -> None:
    export(tmp_path, records, ["abstracts.csv"])
    rows = read_csv(tmp_path / "abstracts.csv")
    assert list(rows[0]) == list(ABSTRACT_COLUMNS)
    assert [r["id"] for r in rows] == [r.id for r in records]
    assert_typed(rows, NUMERIC_ABSTRACT, ("period_ongoing",))
    seed = rows[0]
    assert (seed["code"], seed["design"], seed["setting"], seed["n"], seed["female"], seed["male"], seed["age"],
            seed["age_min"], seed["age_max"], seed["age_mean"]) == (
        "PO:18:276", "case series", "single-center", "5", "5", "0", "35–64", "35", "64", "")
    assert seed["scores"] == "CLASI 17 (T0) → 8 (T5); SLEDAI 6 (T0) → 2 (T2)"
    assert seed["outcomes"].startswith("improvement: cutaneous manifestations (n=4); "
                                       "complete remission: cutaneous manifestations (n=2)")
    assert seed["study_treatments"] == "anifrolumab (AFM) [n=5]"
    assert "hydroxychloroquine [concomitant, n=4]" in seed["other_treatments"]
    assert seed["conditions"] == "systemic lupus erythematosus (SLE)"
    assert (seed["period"], seed["period_start"], seed["period_end"], seed["period_ongoing"]) == (
        "2024-09 – present", "2024-09", "", "true")
    assert seed["manifestations"].startswith("cutaneous involvement (cutaneous, n=4); acute cutaneous lupus")
    assert "articular involvement (musculoskeletal, previous, n=3)" in seed["manifestations"]
    assert seed["lab_findings"] == "anti-dsDNA antibodies positive (n=3); C4 low (n=4)"
    assert "SLE = systemic lupus erythematosus" in seed["abbreviations"]
    assert seed["authors"].startswith("Antonella Grimaldi (1)") and seed["affiliations"].startswith("1: ")
    assert (seed["journal"], seed["year"], seed["article_id"]) == ("Reumatismo", "2025", "2170")
    assert seed["values"] == str(len(list(iter_values(records[0]))))
    assert seed["text"] == records[0].text and seed["sections"].startswith("background: ")
    d02 = next(r for r in rows if r["id"].startswith("d02"))
    assert (d02["age"], d02["age_mean"], d02["age_sd"]) == ("mean 44.3 ± 12.6", "44.3", "12.6")
    assert d02["scores"].startswith("SLEDAI-2K 7.1 ± 2.6 (baseline) → 1.8 ± 2.4 (last visit)")
    d47 = next(r for r in rows if r["id"].startswith("d47"))
    assert "allergic reaction (n=1, non-serious)" in d47["adverse_events"]


def test_age_and_score_formats() -> None:
    ev = Evidence(start=0, end=0, text="")
    assert format_age(Age(median=52, iqr=[40, 60], evidence=ev)) == "median 52 (IQR 40–60)"
    assert format_age(Age(mean=50.1, sd=13.4, min=18, max=76, evidence=ev)) == "mean 50.1 ± 13.4 (18–76)"
    assert format_age(Age(min=35, max=64, evidence=ev)) == "35–64"
    assert format_age(None) == ""
    rec = Record.model_validate({"id": "x", "text": "DAPSA", "scores": [
        {"instrument": "DAPSA", "timepoint": "T48", "value": 4, "statistic": "median", "group": "naïve",
         "evidence": {"start": 0, "end": 5, "text": "DAPSA"}},
        {"instrument": "DAPSA", "timepoint": "T0", "value": 20, "statistic": "median", "iqr": [12, 30],
         "group": "naïve", "evidence": {"start": 0, "end": 5, "text": "DAPSA"}}]})
    assert format_scores(rec.scores) == "DAPSA [naïve] median 4 (T48) → 20 [IQR 12–30] (T0)"


def hostile_record() -> Record:
    text = ('Methods. We treated 3 pts <img src=x onerror="document.title=\'pwned\'"> with drug '
            "</script><script>document.title='pwned'</script> & more.")
    start = text.index("3 pts")
    img = text.index("<img")
    scr = text.index("</script>")
    return Record.model_validate({
        "id": "evil-1", "code": "<b>PO:1</b>", "title": "<script>alert(1)</script> & title",
        "source": {"url": "javascript:alert(1)"},
        "authors": [{"name": "<i onmouseover=alert(1)>Eve</i>", "affiliations": [1]}],
        "affiliations": [{"id": 1, "name": "<svg onload=alert(1)>"}],
        "text": text,
        "population": {"n": {"value": 3, "evidence": {"start": start, "end": start + 5, "text": "3 pts"}}},
        "treatments": [{"name": "</script><script>alert(2)</script>", "role": "study", "evidence": {
            "start": img, "end": scr + 9, "text": text[img:scr + 9]}}],
        "warnings": ["<u>warning</u>"],
    })


def test_report_escapes_scraped_text(tmp_path: Path, seed: Record) -> None:
    export(tmp_path, [seed, hostile_record()], ["report.html"])
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    for raw in ("<script>alert(1)</script>", "<img src=x", "<script>document.title", "<svg onload",
                "<i onmouseover", "<b>PO:1</b>", "<u>warning</u>", 'href="javascript:'):
        assert raw not in page, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; title" in page  # the heading, escaped
    assert 'data-code="&lt;b&gt;PO:1&lt;/b&gt;"' in page  # the overview's cells, escaped attributes
    # the only <script> elements: the page's own, the field specs, one JSON data block per record
    assert len(re.findall(r"<script\b", page)) == 1 + 1 + 2
    assert len(re.findall(r"<script>", page)) == 1
    blocks = re.findall(r'<script type="application/json" class="data">(.*?)</script>', page, flags=re.S)
    assert len(blocks) == 2
    data = json.loads(blocks[1])
    assert data["text"].startswith("Methods. We treated 3 pts <img src=x")  # intact after \u003c escaping
    assert data["values"][1]["evidence"]["text"].startswith("<img src=x")
    assert data["values"][1]["item"] == {"name": "</script><script>alert(2)</script>", "abbreviation": None,
                                         "role": "study", "n": None}
    assert "<" not in blocks[1] and ">" not in blocks[1] and "&" not in blocks[1]
    specs = json.loads(re.search(r'<script type="application/json" id="specs">(.*?)</script>', page).group(1))
    assert specs["treatments"]["attrs"][2] == {"name": "role", "required": True, "type": "enum",
                                               "options": ["study", "comparator", "concomitant", "previous"]}
    # the script puts data in the page only as text
    script = re.search(r"<script>(.*?)</script>", page, flags=re.S).group(1)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in script, sink
    # no network: no external assets, a CSP that forbids any fetch
    assert not re.search(r'(src|href)="(https?:)?//', page.replace(
        'href="https://www.reumatismo.org/reuma/article/view/2170"', ""))
    assert "default-src 'none'" in page and "'unsafe-inline'" not in page.split("script-src", 1)[1].split(";")[0]
    assert safe_href("javascript:alert(1)") is None and safe_href(" https://x.test/a ") == "https://x.test/a"
    assert script_json({"a": "</script>&"}) == '{"a": "\\u003c/script\\u003e\\u0026"}'


def test_report_segments_cover_the_text_and_every_value(seed: Record) -> None:
    values = list(iter_values(seed))
    segs = segments(seed.text, values, seed.sections)
    assert "".join(seed.text[a:b] for a, b, _, _ in segs) == seed.text  # the whole text, in order
    assert all(a < b for a, b, _, _ in segs) and segs[0][0] == 0 and segs[-1][1] == len(seed.text)
    covered = {i for _, _, ids, _ in segs for i in ids}
    assert covered == set(range(len(values)))  # every value has its evidence highlighted
    for a, b, ids, _ in segs:
        for i in ids:  # each segment lies inside the evidence of every value it carries
            assert values[i].evidence.start <= a and b <= values[i].evidence.end
        widths = [values[i].evidence.end - values[i].evidence.start for i in ids]
        assert widths == sorted(widths)  # innermost first: it gives the colour
    # "5 female SLE patients" (n) contains "5 female" (female, male): one segment carries all three
    assert any(len(ids) == 3 and seed.text[a:b] == "5 female" for a, b, ids, _ in segs)
    heads = [seed.text[a:b] for a, b, _, h in segs if h]
    assert heads[0] == "Background and Objective"
    data = record_data(seed)
    assert [v["path"] for v in data["values"]] == [v.path for v in values]
    page = render_record(seed, 0)
    assert '<span class="code">PO:18:276</span>' in page and "Antonella Grimaldi<sup>1</sup>" in page
    assert 'href="https://www.reumatismo.org/reuma/article/view/2170"' in page
    assert 'data-drugs="anifrolumab" data-warnings="0"' in page and 'data-n="5"' in page


def test_report_streams_with_count_and_key(tmp_path: Path, records: list[Record]) -> None:
    export(tmp_path, records, ["report.html"])
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count('<article class="rec"') == len(records)
    assert f'data-count="{len(records)}"' in page and page.rstrip().endswith("</html>")
    key = re.search(r'data-key="([0-9a-f]{16})"', page).group(1)
    export(tmp_path, records[:-1], ["report.html"])
    other = re.search(r'data-key="([0-9a-f]{16})"', (tmp_path / "report.html").read_text(encoding="utf-8")).group(1)
    assert other != key  # another set of abstracts keeps its review apart


def test_failed_export_keeps_previous_files(tmp_path: Path, records: list[Record],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    export(tmp_path, records[:2])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = {"n": 0}
    original = HtmlReportExporter.write

    def flaky(self: HtmlReportExporter, record: Record) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        original(self, record)

    monkeypatch.setattr(HtmlReportExporter, "write", flaky)
    with pytest.raises(RuntimeError, match="disk on fire"):
        export(tmp_path, records)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # nothing changed, no temp file left
    monkeypatch.undo()
    with pytest.raises(KeyboardInterrupt), open_exporters(tmp_path) as out:
        out.write(records[0])
        raise KeyboardInterrupt
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_stale_temp_files_of_a_killed_run_are_cleared(tmp_path: Path, records: list[Record]) -> None:
    stale = tmp_path / ".records.jsonl.abc123.part"
    stale.write_text('{"half": ', encoding="utf-8")
    other = tmp_path / "notes.txt"
    other.write_text("mine", encoding="utf-8")
    export(tmp_path, records[:1])
    assert not stale.exists() and other.read_text(encoding="utf-8") == "mine"


def test_exporter_outside_with_block_is_an_error(tmp_path: Path, seed: Record) -> None:
    with pytest.raises(RuntimeError):
        JsonlExporter(tmp_path / "r.jsonl").write(seed)
    with pytest.raises(ValueError, match="unknown export"), open_exporters(tmp_path, ["records.xml"]):
        pass
