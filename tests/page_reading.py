"""Reading rendered pages in tests: a list's rows, a value's links."""

import re

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
