"""The admin upload of a customs file, run as a task, and the trade admin pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import TradeFile, TradeRow
from indicators.trade_tasks import import_uploaded_trade_file
from tests.factories_trade import HsClassificationFactory, TradeItemFactory
from tests.indicators.customs_files import WideFile, WideRow
from tests.indicators.trade_fixtures import media, partners, scrap

__all__ = ["media", "partners", "scrap"]  # fixtures used by name


def upload(client, content: str, name: str = "2018.csv", revision: str = "confirmed"):
    return client.post(
        reverse("admin:indicators_tradefile_upload"),
        {"source": SimpleUploadedFile(name, content.encode()), "revision": revision},
    )


@pytest.fixture
def staff(admin_client):
    return admin_client


def test_an_uploaded_file_is_imported_by_the_task_and_shows_its_progress(
    staff, scrap, django_capture_on_commit_callbacks
):
    content = WideFile([WideRow("720410000", "105", {3: (0, 2500, 30)})]).text()

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff, content)

    record = TradeFile.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{record.pk}/change/")
    assert (record.status, record.progress_percent) == ("loaded", 100)
    assert TradeRow.objects.get().file == record
    page = staff.get(response["Location"]).content.decode()
    assert "100%" in page and 'http-equiv="refresh"' not in page


def test_a_queued_file_page_refreshes_itself(staff, db):
    record = TradeFile.objects.create(name="2018.csv", size_bytes=1000, bytes_done=250)

    page = staff.get(
        reverse("admin:indicators_tradefile_change", args=[record.pk])
    ).content.decode()

    assert 'http-equiv="refresh"' in page
    assert "25%" in page


def test_a_rejected_upload_keeps_its_errors_on_the_record(
    staff, scrap, django_capture_on_commit_callbacks
):
    bad = WideRow("720410000", "105", {3: (0, 5, 1)}, totals=(0, 6, 1))
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff, WideFile([bad]).text())

    record = TradeFile.objects.get()
    assert record.status == "rejected"
    assert "2018.csv, row 2, column Quantity2-Year" in record.report
    assert not TradeRow.objects.exists()


def test_uploading_a_loaded_file_again_changes_nothing(
    staff, scrap, django_capture_on_commit_callbacks
):
    content = WideFile([WideRow("720410000", "105", {3: (0, 2500, 30)})]).text()
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff, content)
        upload(staff, content, name="again.csv")

    first, second = TradeFile.objects.order_by("pk")
    assert (first.status, second.status) == ("loaded", "unchanged")
    assert "same content as 2018.csv" in second.report
    assert TradeRow.objects.get().file == first


def test_running_the_task_again_for_a_finished_file_does_nothing(
    staff, scrap, django_capture_on_commit_callbacks
):
    content = WideFile([WideRow("720410000", "105", {3: (0, 2500, 30)})]).text()
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff, content)
    record = TradeFile.objects.get()

    assert import_uploaded_trade_file(record.pk) == "loaded"
    assert TradeRow.objects.count() == 1


def test_the_trade_lists_need_few_queries(
    staff, scrap, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    rows = [WideRow("720410000", code, {3: (0, 10, 1)}) for code in ("105", "106")]
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff, WideFile(rows).text())

    for name in ("tradefile", "traderow", "tradeperiod", "hsclassification"):
        with django_assert_max_num_queries(12):
            response = staff.get(reverse(f"admin:indicators_{name}_changelist"))
        assert response.status_code == 200


def test_only_staff_with_the_permission_may_upload(client, django_user_model, db):
    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(user)

    response = client.get(reverse("admin:indicators_tradefile_upload"))

    assert response.status_code == 403


def test_the_reread_action_reads_the_chosen_files_again(
    staff, scrap, django_capture_on_commit_callbacks
):
    content = WideFile([WideRow("740400000", "105", {3: (0, 2500, 30)})]).text()
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff, content)
    HsClassificationFactory(hs_code="740400", item=TradeItemFactory(slug="copper"))
    record = TradeFile.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("admin:indicators_tradefile_changelist"),
            {"action": "reread", "_selected_action": [record.pk]},
        )

    assert TradeRow.objects.get().hs_code == "740400000"
