"""Assessment tables as of a date for the API, stored or cached.

Computing a table reads every record, which takes seconds, so a request
``?as_of=DATE`` is answered, in this order:

1. by the run published for exactly that date and method, as published;
2. by the newest recompute's draft for that date, if there is one: its
   rows are what computing would give, but its staff text is a draft's,
   so the text is the one every computed table shows;
3. by the computed rows cached under the date, the method version and
   the data version, with that same text added on each request.

The data version is the time of the newest recompute, import or customs
file load. A data change queues a recompute, so the cache follows it once
that recompute has finished; until then, and for at most
``CACHE_SECONDS``, the previous table is served.

A first computation costs as much as a recompute (17-19 s with the
bundled data on PostgreSQL on a busy machine): nearly all of it is A, B
and C, each of which reads and classifies the monthly trade totals again
(``TradeData.as_of``), A also by partner. Sharing one read between the
three builders would take most of it away; the builders do not share
anything yet.
"""

import logging
from datetime import date

from django.core.cache import cache
from django.db.models import Max

from indicators.assessment import DEFAULT_METHOD, Method
from indicators.models import AssessmentRun, DataImport, TradeFile
from indicators.publication import published_runs
from indicators.table import (
    Table,
    assessed_table_as_of,
    stored_table,
    with_staff_texts,
)

logger = logging.getLogger(__name__)

CACHE_SECONDS = 3600


def table_on(
    as_of: date, method: Method = DEFAULT_METHOD
) -> tuple[Table, AssessmentRun | None]:
    """The table as of ``as_of`` and the published run it is, if it is one."""
    published = published_runs().filter(as_of=as_of, method_version=method.version)
    run = published.first()
    if run is not None:
        return stored_table(run), run

    draft = _newest_draft_on(as_of, method)
    if draft is not None:
        return with_staff_texts(stored_table(draft)), None

    return with_staff_texts(_cached_assessed_table(as_of, method)), None


def data_version() -> str:
    """When the records behind the tables last changed, as far as is known."""
    stamps = [
        AssessmentRun.objects.aggregate(t=Max("computed_at"))["t"],
        DataImport.objects.aggregate(t=Max("finished_at"))["t"],
        TradeFile.objects.aggregate(t=Max("finished_at"))["t"],
    ]
    known = [stamp for stamp in stamps if stamp is not None]
    return max(known).isoformat() if known else "none"


def _newest_draft_on(as_of: date, method: Method) -> AssessmentRun | None:
    newest = AssessmentRun.objects.order_by("-computed_at", "-pk").first()
    if newest is None or newest.status != AssessmentRun.Status.DRAFT:
        return None
    if newest.as_of != as_of or newest.method_version != method.version:
        return None
    return newest


def _cached_assessed_table(as_of: date, method: Method) -> Table:
    key = f"tables:as-of:{as_of.isoformat()}:{method.version}:{data_version()}"
    table: Table | None = cache.get(key)
    if table is None:
        table = assessed_table_as_of(as_of, method)
        cache.set(key, table, CACHE_SECONDS)
        logger.info("table as of %s computed and cached", as_of)
    return table
