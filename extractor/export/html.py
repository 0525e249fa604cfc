"""``report.html``: a self-contained review workbench, one section per abstract, streamed.

The page has an overview table of all abstracts (sort, filter, search, links),
and per abstract its metadata and — rendered by the page's script only when the
abstract comes near the screen, so a book of 1,000 abstracts opens quickly —
its text with every extracted value's evidence highlighted (coloured by field;
overlapping spans are split into segments carrying all the values covering
them) and a table of its values, each of which the reviewer marks correct or
wrong, edits, or adds (select the evidence in the text, choose the field). The
review is kept in the browser (localStorage) and exported as the corrections
file ``gold apply`` reads (``docs/gold.md``).

Safety: metadata shown as HTML goes through ``html.escape``; links are only
made for http(s) URLs; everything else (text, values, segments) is data for the
script, JSON inside ``<script type="application/json">`` with ``<``, ``>`` and
``&`` written as ``\\u003c``, ``\\u003e``, ``\\u0026`` so no text can close the
element; the script only ever puts it in the page as text (``textContent``).
A Content-Security-Policy allows no network access and only the page's own
script (by its SHA-256 hash), a second line of defence.

Streaming: the page head is written on enter, each abstract's ``<article>`` as
its record arrives, the footer (with the count and the report's fingerprint,
the key of its saved review) on exit.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from datetime import datetime
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from schemas import Record, Section

from .base import Exporter
from .review import field_specs
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
    page = (page.replace("%GROUP_CSS%", group_css).replace("%LEGEND%", legend).replace("%GENERATED%", generated)
            .replace("%SPECS%", script_json(field_specs())))
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    page = page.replace("script-src 'unsafe-inline'", f"script-src {hashes}")
    # inline style attributes (legend chips) need 'unsafe-inline' for styles, which cannot run code
    head, foot = page.split(_MARKER, 1)
    return head, foot


def segments(text: str, values: list[Value], sections: list[Section]) -> list[list[Any]]:
    """The text cut where any evidence span or section heading starts or ends.

    Returns ``[start, end, [value indices covering it, innermost first], is_heading]``
    for consecutive pieces covering the whole text, which the page's script
    turns into plain text and ``<mark>`` segments.
    """
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
    out: list[list[Any]] = []
    for a, b in zip(points, points[1:], strict=False):
        cover = sorted((end - start, i) for i, start, end in spans if start <= a and b <= end)
        out.append([a, b, [i for _, i in cover], int(any(h0 <= a and b <= h1 for h0, h1 in heads))])
    return out


def _item(record: Record, path: str) -> dict[str, Any]:
    """The attributes of the value at ``path`` (evidence left out): what the edit form starts from."""
    name, _, index = path.partition("[")
    obj: Any = record
    for part in name.split("."):
        obj = getattr(obj, part)
    if index:
        obj = obj[int(index[:-1])]
    return obj.model_dump(mode="json", exclude={"evidence"})


def record_data(record: Record) -> dict[str, Any]:
    """The data the page's script renders one abstract from (and builds corrections against)."""
    values = list(iter_values(record))
    return {
        "id": record.id, "code": record.code, "text": record.text,
        "values": [{"path": v.path, "field": v.field, "group": v.group, "label": v.label,
                    "evidence": {"start": v.evidence.start, "end": v.evidence.end, "text": v.evidence.text},
                    "item": _item(record, v.path)} for v in values],
        "segments": segments(record.text, values, record.sections),
    }


def overview_attrs(record: Record) -> dict[str, str]:
    """The overview row's cells, as ``data-*`` attributes of the article (escaped by the caller)."""
    return {
        "id": record.id, "code": record.code or "", "title": record.title or "",
        "disease": "; ".join(c.name for c in record.population.conditions),
        "design": record.study.design or "",
        "n": fmt(record.population.n.value) if record.population.n else "",
        "drugs": "; ".join(dict.fromkeys(t.name for t in record.treatments if t.role == "study")),
        "warnings": str(len(record.warnings)),
    }


def render_record(record: Record, index: int) -> str:
    """One abstract's ``<article>``: escaped metadata now, the text and values as data for the script."""
    rid = f"rec{index}"
    attrs = " ".join(f'data-{k}="{esc(v)}"' for k, v in overview_attrs(record).items())
    parts = [f'<article class="rec" id="{rid}" data-rec="{index}" {attrs}>\n<header>\n<h2>']
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
    parts.append('</header>\n<div class="body"><p class="pending">loading…</p></div>\n')
    parts.append(f'<script type="application/json" class="data">{script_json(record_data(record))}</script>\n'
                 "</article>\n")
    return "".join(parts)


class HtmlReportExporter(Exporter):
    filename = "report.html"

    def begin(self) -> None:
        self._head, self._foot = load_template()
        self.fh.write(self._head)
        self._key = hashlib.sha256()

    def write(self, record: Record) -> None:
        self.fh.write(render_record(record, self.count))
        self._key.update(record.id.encode("utf-8") + b"\0" + record.text.encode("utf-8") + b"\0")
        self.count += 1

    def end(self) -> None:
        # the fingerprint of the abstracts (ids and texts): the key of the review saved in the browser, so a
        # re-generated report of the same abstracts finds the review again and another report does not
        key = self._key.hexdigest()[:16]
        self.fh.write(self._foot.replace("%COUNT%", str(self.count)).replace("%KEY%", key))
