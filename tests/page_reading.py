"""Reading rendered pages in tests: a list's rows, a chart's table, a value's links."""

import json
import re
from dataclasses import dataclass
from html import unescape
from typing import Any

from indicators.provenance import SourceLink


def listing_rows(html: str, slug: str) -> list[list[str]]:
    """The cells of a list on an indicator page, row by row."""
    section = html.split(f'id="list-{slug}"', 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        re.findall(r"<td>(.*?)</td>", row)
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def link_to(links: list[SourceLink], prefix: str) -> SourceLink:
    """The first of a value's links whose address starts with ``prefix``."""
    return next(x for x in links if x.url.startswith(prefix))


@dataclass(frozen=True)
class ShownCell:
    """A figure in a chart's table: its text and the stored value it links to."""

    text: str
    url: str
    incomplete: bool

    @property
    def gap(self) -> bool:
        return not self.url

    @property
    def value_id(self) -> int:
        found = re.fullmatch(r"(?:/en)?/values/([0-9]+)/", self.url)
        assert found is not None, self.url
        return int(found.group(1))


@dataclass(frozen=True)
class ShownChart:
    """One chart of an indicator page as a reader meets it: the table under
    it, its sentence for screen readers and the settings Chart.js draws."""

    slug: str
    caption: str
    headers: list[str]
    rows: list[tuple[str, list[ShownCell]]]
    text_alternative: str
    config: dict[str, Any]


def chart_slugs(html: str) -> list[str]:
    return re.findall(r'<section class="chart" id="chart-([a-z0-9-]+)"', html)


def shown_charts(html: str) -> list[ShownChart]:
    """Every chart of an indicator page, in page order."""
    return [_shown_chart(html, slug) for slug in chart_slugs(html)]


def chart_choices(html: str, slug: str) -> list[str]:
    """What a chart's form offers to choose (an item, or a period)."""
    section = _section(html, slug)
    return re.findall(r'<option value="([^"]*)"', section)


def _section(html: str, slug: str) -> str:
    return html.split(f'id="chart-{slug}"', 1)[1].split("</section>", 1)[0]


def _shown_chart(html: str, slug: str) -> ShownChart:
    section = _section(html, slug)
    table = section.split('<table class="chart-table">', 1)[1]
    caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
    head = table.split("<thead>", 1)[1].split("</thead>", 1)[0]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    words = re.search(r'class="text-alternative">(.*?)</figcaption>', section, re.S)
    settings = re.search(r'type="application/json">(.*?)</script>', section, re.S)
    assert caption and words and settings, slug
    return ShownChart(
        slug=slug,
        caption=_text(caption.group(1)),
        headers=[_text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)],
        rows=[_table_row(row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)],
        text_alternative=_text(words.group(1)),
        config=json.loads(settings.group(1)),
    )


def _table_row(row: str) -> tuple[str, list[ShownCell]]:
    label = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
    assert label is not None, row
    cells = []
    for classes, content in re.findall(r'<td class="([^"]*)">(.*?)</td>', row, re.S):
        link = re.search(r'<a href="([^"]+)">(.*?)</a>', content, re.S)
        cells.append(
            ShownCell(
                text=_text(link.group(2)) if link else "",
                url=link.group(1) if link else "",
                incomplete="incomplete" in classes.split(),
            )
        )
    return _text(label.group(1)), cells


def _text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment)).strip()
