"""Links from a trade value down to the customs files and rows it sums.

The builders of A, B and C store under ``trade`` the direction, the months
(``2018-04`` ...) and the ids of the trade files those months were loaded
from. Staff get two admin lists: the files, and the monthly rows of that
direction and span from those files (all classified codes of the span,
not only the item's: an item's codes differ by year). The portal has no
public API for trade rows yet; when one exists, its link belongs here.
"""

import re
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.customs_layouts import EXPORT, IMPORT
from indicators.provenance import SourceLink, provenance_linker

DIRECTIONS = {"export": EXPORT, "import": IMPORT}
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@provenance_linker("trade")
def trade_sources(entry: Any) -> list[SourceLink]:
    if not isinstance(entry, dict):
        return []
    files = [int(f) for f in entry.get("files", []) if str(f).isdigit()]
    months = sorted(m for m in entry.get("months", []) if MONTH.match(str(m)))
    direction = DIRECTIONS.get(str(entry.get("direction")))
    if not files:
        return []
    links = [_file_list(files)]
    if months and direction is not None:
        links.append(_row_list(direction, months, files))
    return links


def _file_list(files: list[int]) -> SourceLink:
    query = urlencode({"id__in": ",".join(map(str, files))})
    return SourceLink(
        _("貿易統計ファイル（%(count)d件）") % {"count": len(files)},
        f"{reverse('admin:indicators_tradefile_changelist')}?{query}",
        staff_only=True,
    )


def _row_list(direction: int, months: list[str], files: list[int]) -> SourceLink:
    query = urlencode(
        {
            "direction": direction,
            "month__gte": f"{months[0]}-01",
            "month__lte": f"{months[-1]}-01",
            "file__in": ",".join(map(str, files)),
        }
    )
    span = months[0] if len(months) == 1 else f"{months[0]}〜{months[-1]}"
    return SourceLink(
        _("貿易統計の月別の値（%(span)s）") % {"span": span},
        f"{reverse('admin:indicators_traderow_changelist')}?{query}",
        staff_only=True,
    )
