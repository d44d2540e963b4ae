"""Public pages of the indicators app; thin callers of the table module."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from indicators.table import latest_run, stored_table


def overview(request: HttpRequest) -> HttpResponse:
    """The assessment table as the last recompute stored it."""
    run = latest_run()
    table = stored_table(run) if run is not None else None
    return render(request, "indicators/overview.html", {"table": table, "run": run})
