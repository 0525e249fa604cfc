"""``report.html``: a self-contained review page, one section per abstract, streamed.

Each abstract shows its metadata, its text with every extracted value's
evidence highlighted (coloured by field; overlapping spans are split into
segments, each carrying all the values that cover it), and a table of its
values. Clicking a highlight (or a table row) lists the values in a panel.

Safety: every piece of scraped or extracted text goes through ``html.escape``;
links are only made for http(s) URLs; the per-record data for the inline
script is JSON inside ``<script type="application/json">`` with ``<``, ``>``
and ``&`` written as ``\\u003c``, ``\\u003e``, ``\\u0026`` so no text can close
the element. The page also carries a Content-Security-Policy that allows no
network access and only the page's own script (by its SHA-256 hash), a second
line of defence should an escape ever be missed.

Streaming: the page head is written on enter, each abstract's ``<article>`` as
its record arrives, the footer (with the count) on exit.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from datetime import datetime
from importlib import resources
from urllib.parse import urlsplit

from schemas import Record, Section

from .base import Exporter
from .values import GROUPS, Value, fmt, format_period, iter_values

_MARKER = "<!-- records -->"


def esc(x: object) -> str:
    """Escape for HTML text and attribute values (quotes included)."""
    return html.escape(fmt(x), quote=True)


def script_json(obj: object) -> str:
    """JSON safe to embed inside ``<script type="application/json">``."""
    text = json.dumps(obj, ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_href(url: str | None) -> str | None:
    """The URL if it is an http(s) link (no ``javascript:``), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def load_template() -> tuple[str, str]:
    """The page head and footer around the records, placeholders filled, with a CSP hash of its script."""
    page = resources.files("extractor.export").joinpath("templates/report.html").read_text(encoding="utf-8")
    group_css = "\n".join(
        f"mark.g-{key}, tr.g-{key} {{ --c: var(--c-{key}); --b: var(--b-{key}); }}\n"
        f"body.hide-{key} mark.g-{key} {{ background: none; border-bottom-color: transparent; }}"
        for key, _ in GROUPS
    )
    legend = "".join(
        f'<label><input type="checkbox" name="{key}" checked>'
        f'<span class="chip" style="background: var(--c-{key}); border: 1px solid var(--b-{key})"></span>{esc(label)}</label>'
        for key, label in GROUPS
    )
    generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    page = page.replace("%GROUP_CSS%", group_css).replace("%LEGEND%", legend).replace("%GENERATED%", generated)
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    page = page.replace("script-src 'unsafe-inline'", f"script-src {hashes}")
    # inline style attributes (legend chips) need 'unsafe-inline' for styles, which cannot run code
    head, foot = page.split(_MARKER, 1)
    return head, foot


def render_text(text: str, values: list[Value], sections: list[Section]) -> str:
    """The abstract text, escaped, with ``<mark>`` segments for the evidence spans and bold headings."""
    bounds = {0, len(text)}
    spans = [(i, v.evidence.start, v.evidence.end) for i, v in enumerate(values) if v.evidence.end > v.evidence.start]
    for _, a, b in spans:
        bounds.update((a, b))
    heads = []
    for s in sections:
        if s.heading and text.startswith(s.heading, s.start):
            heads.append((s.start, s.start + len(s.heading)))
            bounds.update(heads[-1])
    points = sorted(b for b in bounds if 0 <= b <= len(text))
    out: list[str] = []
    for a, b in zip(points, points[1:], strict=False):
        piece = html.escape(text[a:b], quote=False)
        cover = [(end - start, i) for i, start, end in spans if start <= a and b <= end]
        if cover:
            cover.sort()
            ids = [i for _, i in cover]  # innermost (shortest) span first: it gives the colour
            groups = {values[i].group for i in ids}
            cls = f"g-{values[ids[0]].group}" + (" multi" if len(groups) > 1 or len(ids) > 1 else "")
            tip = "\n".join(values[i].label for i in ids)
            piece = (f'<mark class="{cls}" data-v="{" ".join(map(str, sorted(ids)))}" '
                     f'title="{html.escape(tip, quote=True)}">{piece}</mark>')
        if any(h0 <= a and b <= h1 for h0, h1 in heads):
            piece = f'<span class="sec">{piece}</span>'
        out.append(piece)
    return "".join(out)


def render_record(record: Record, index: int) -> str:
    """One abstract's ``<article>``."""
    values = list(iter_values(record))
    rid = f"rec{index}"
    parts = [f'<article class="rec" id="{rid}" data-rec="{index}" data-id="{esc(record.id)}">\n<header>\n<h2>']
    if record.code:
        parts.append(f'<span class="code">{esc(record.code)}</span>')
    parts.append(f"{esc(record.title or record.id)}</h2>\n")
    if record.authors:
        authors = ", ".join(
            esc(a.name) + (f"<sup>{esc(','.join(map(str, a.affiliations)))}</sup>" if a.affiliations else "")
            for a in record.authors
        )
        parts.append(f'<p class="authors">{authors}</p>\n')
    if record.affiliations:
        parts.append('<ul class="affils">' + "".join(
            f"<li><sup>{esc(af.id)}</sup> {esc(af.name)}</li>" for af in record.affiliations) + "</ul>\n")
    src = record.source
    meta = [f'<span class="tag">{esc(record.id)}</span>'] if record.title else []  # else the heading is the id
    for tag in (record.study.design, record.study.setting, format_period(record.study.period)):
        if tag:
            meta.append(f'<span class="tag">{esc(tag)}</span>')
    journal = " ".join(x for x in (
        src.journal, src.volume and (src.volume + (f"({src.issue})" if src.issue else "")),
        str(src.year) if src.year else None) if x)
    if journal:
        meta.append(esc(journal))
    if src.collection:
        meta.append(f"<i>{esc(src.collection)}</i>")
    if src.doi:
        meta.append(f"doi {esc(src.doi)}")
    href = safe_href(src.url)
    if href:
        meta.append(f'<a href="{esc(href)}" rel="noopener noreferrer" target="_blank">source</a>')
    elif src.url:
        meta.append(esc(src.url))
    parts.append(f'<p class="meta">{" · ".join(meta)}</p>\n')
    if record.warnings:
        parts.append('<ul class="warn">' + "".join(f"<li>{esc(w)}</li>" for w in record.warnings) + "</ul>\n")
    parts.append("</header>\n")
    parts.append(f'<div class="text">{render_text(record.text, values, record.sections)}</div>\n')
    parts.append(f"<details open><summary>{len(values)} extracted value{'s' if len(values) != 1 else ''}</summary>\n")
    if values:
        parts.append('<table class="values"><thead><tr><th>field</th><th>name</th><th>value</th><th>n</th>'
                     "<th>attribute</th><th>evidence</th></tr></thead><tbody>\n")
        for i, v in enumerate(values):
            parts.append(
                f'<tr id="{rid}-v{i}" class="g-{v.group}" data-v="{i}"><td class="f">{esc(v.field)}</td>'
                f"<td>{esc(v.name)}</td><td>{esc(v.value)}</td><td class=\"num\">{esc(v.n)}</td>"
                f'<td>{esc(v.attribute)}</td><td class="ev">{esc(v.evidence.text)}</td></tr>\n')
        parts.append("</tbody></table>\n")
    parts.append("</details>\n")
    data = {"id": record.id, "code": record.code,
            "values": [{"field": v.field, "group": v.group, "label": v.label, "evidence": v.evidence.text,
                        "start": v.evidence.start, "end": v.evidence.end} for v in values]}
    parts.append(f'<script type="application/json">{script_json(data)}</script>\n</article>\n')
    return "".join(parts)


class HtmlReportExporter(Exporter):
    filename = "report.html"

    def begin(self) -> None:
        self._head, self._foot = load_template()
        self.fh.write(self._head)

    def write(self, record: Record) -> None:
        self.fh.write(render_record(record, self.count))
        self.count += 1

    def end(self) -> None:
        self.fh.write(self._foot.replace("%COUNT%", str(self.count)))
