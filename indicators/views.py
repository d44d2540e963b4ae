"""Public pages of the indicators app: thin callers of the page selectors."""

from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators import chart_display, downloads, exporting, pages
from indicators.charts import page_note
from indicators.methodology import indicator_definitions, method_rules
from indicators.models import Indicator
from indicators.permissions import can_see_drafts
from indicators.publication import published_history

FILE_TYPES = {"csv": downloads.CSV_TYPE, "xlsx": downloads.XLSX_TYPE}


def overview(request: HttpRequest) -> HttpResponse:
    """The published assessment table, and each indicator drawn small.

    Staff who may view assessment runs see the newest draft with ``?draft=1``.
    """
    drafts = request.GET.get("draft") == "1" and can_see_drafts(request.user)
    page = pages.overview(drafts)
    run_pk = page.run.pk if page.run is not None else None
    cards = [chart_display.present_card(card, run_pk) for card in page.cards]
    context = {
        "table": page.table,
        "run": page.run,
        "cards": cards,
        "preview": page.run is not None and not page.run.is_published,
    }
    return render(request, "indicators/overview.html", context)


def history(request: HttpRequest) -> HttpResponse:
    """Every published assessment with its reason and what it changed."""
    context = {"entries": published_history()}
    return render(request, "indicators/history.html", context)


def published_run(request: HttpRequest, pk: int) -> HttpResponse:
    """One published assessment, as it was approved."""
    detail = pages.published_run(pk)
    if detail is None:
        raise Http404
    context = {
        "run": detail.run,
        "table": detail.table,
        "previous": detail.previous,
        "changes": detail.changes,
        "latest_pk": detail.latest_pk,
    }
    return render(request, "indicators/published_run.html", context)


def indicator(request: HttpRequest, code: str) -> HttpResponse:
    """Every chart of one indicator, each with its table and downloads."""
    page = pages.indicator_page(code, request.GET)
    if page is None:
        raise Http404
    value_url = reverse("indicators:value", args=[0])
    charts = [chart_display.present(chart, value_url) for chart in page.charts]
    listings = [chart_display.present_listing(x) for x in page.listings]
    context = {
        "indicator": page.indicator,
        "charts": charts,
        "listings": listings,
        "page_note": page_note(page.indicator.code),
    }
    return render(request, "indicators/indicator.html", context)


def chart_download(
    request: HttpRequest, code: str, slug: str, file_type: str
) -> HttpResponse:
    """One chart's values as CSV or XLSX, with the reader's choices applied."""
    page = pages.indicator_page(code, request.GET)
    chart = page.chart(slug) if page else None
    if chart is None:
        raise Http404
    rows = chart_display.download_table(chart)
    name = "-".join(filter(None, [code, slug, chart.chosen]))
    return _file(rows, name, file_type, str(chart.spec.title))


def listing_download(
    request: HttpRequest, code: str, slug: str, file_type: str
) -> HttpResponse:
    """One list as CSV or XLSX, following the charts the reader chose."""
    page = pages.indicator_page(code, request.GET)
    listing = page.listing(slug) if page else None
    if listing is None:
        raise Http404
    rows = downloads.listing_rows(listing)
    return _file(rows, f"{code}-{slug}", file_type, str(listing.title))


def assessment_table(request: HttpRequest) -> HttpResponse:
    """The whole assessment table as XLSX for a staff report."""
    page = pages.overview()
    if page.table is None:
        raise Http404
    rows = downloads.assessment_rows(page.table)
    name = f"assessment-{page.table.as_of.isoformat()}"
    return _file(rows, name, "xlsx", str(_sheet_title()))


def value(request: HttpRequest, pk: int) -> HttpResponse:
    """One stored value: how it was computed and from what."""
    detail = pages.value_detail(pk)
    if detail is None:
        raise Http404
    return render(request, "indicators/value.html", {"detail": detail})


def figure(request: HttpRequest, run: int, pk: int) -> HttpResponse:
    """A run's latest value of one series, as it was when the run was made."""
    detail = pages.figure_detail(run, pk, drafts=can_see_drafts(request.user))
    if detail is None:
        raise Http404
    return render(request, "indicators/value.html", {"detail": detail})


def methodology(request: HttpRequest) -> HttpResponse:
    """Definitions, sources, assessment rules, classification and licence."""
    context = {
        "definitions": indicator_definitions(Indicator.objects.all()),
        "rules": method_rules(),
    }
    return render(request, "indicators/methodology.html", context)


def _file(rows: downloads.Rows, name: str, file_type: str, title: str) -> HttpResponse:
    # Stored decimals carry six places; write 26110000, not 26110000.000000.
    rows = [
        [c.normalize() if isinstance(c, Decimal) else c for c in row] for row in rows
    ]
    if file_type == "csv":
        body = exporting.csv_bytes(rows)
    else:
        body = exporting.xlsx_bytes(rows, title=title)
    response = HttpResponse(body, content_type=FILE_TYPES[file_type])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_type}"'
    return response


def _sheet_title() -> str:
    return _("各指標の進捗状況")
