"""Imports keep their file, hash and a result per row, from the command and the admin.

And every change to a record keeps who made it, when, and the old and new
values, shown as a difference on the record's history page in the admin.
"""

import hashlib
import io
import re
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from indicators.importing import ImportRejected, import_bytes
from indicators.models import (
    DataImport,
    ImportedChange,
    Membership,
    SeriesAssessment,
)
from surveys.models import SurveyResponse
from tests.factories_cooperation import MembershipFactory
from tests.personas import Personas, personas  # noqa: F401

pytestmark = pytest.mark.usefixtures("reference_data")

MEMBERSHIPS = (
    "country,framework,joined_on,note\nMN,JCM,2013-01-08,署名\nVN,MOU,2014-03-18,\n"
).encode()


def test_an_import_keeps_its_file_hash_and_a_result_per_row() -> None:
    report = import_bytes("memberships", MEMBERSHIPS, "members.csv")

    record = DataImport.objects.get()
    assert report.data_import == record
    assert record.status == DataImport.Status.DONE
    assert record.stored_file.read() == MEMBERSHIPS
    assert record.sha256 == hashlib.sha256(MEMBERSHIPS).hexdigest()
    assert record.size_bytes == len(MEMBERSHIPS)
    assert [row[:2] for row in record.row_results] == [[2, "new"], [3, "new"]]
    assert "モンゴル" in record.row_results[0][2]
    assert record.counts["new"] == 2


def test_an_import_traces_each_record_it_created() -> None:
    import_bytes("memberships", MEMBERSHIPS, "members.csv")

    traced = ImportedChange.objects.values_list("object_id", "history_type")
    ids = {str(pk) for pk in Membership.objects.values_list("pk", flat=True)}
    assert {object_id for object_id, _ in traced} == ids
    assert {kind for _, kind in traced} == {"+"}


def test_importing_the_same_file_again_traces_nothing_and_shares_the_file() -> None:
    import_bytes("memberships", MEMBERSHIPS, "members.csv")
    import_bytes("memberships", MEMBERSHIPS, "members-again.csv")

    first, second = DataImport.objects.order_by("pk")
    assert not second.changes.exists()
    assert [row[1] for row in second.row_results] == ["skip", "skip"]
    assert second.stored_file.name == first.stored_file.name


def test_a_changed_row_is_traced_with_the_import_as_the_reason() -> None:
    import_bytes("memberships", MEMBERSHIPS, "members.csv")
    changed = MEMBERSHIPS.replace("署名".encode(), "署名（改訂）".encode())

    import_bytes("memberships", changed, "members-v2.csv")

    record = DataImport.objects.latest("pk")
    assert list(record.changes.values_list("history_type", flat=True)) == ["~"]
    latest = Membership.history.latest("history_id")
    assert latest.note == "署名（改訂）"
    assert (
        latest.history_change_reason
        == f"取り込み #{record.pk} memberships members-v2.csv"
    )


def test_a_refused_file_leaves_no_record_and_no_stored_file(settings: Any) -> None:
    broken = MEMBERSHIPS + b"Mongolai,JCM,2015-01-01,\n"

    with pytest.raises(ImportRejected):
        import_bytes("memberships", broken, "members.csv")

    assert not DataImport.objects.exists()
    assert not Membership.objects.exists()
    stored = settings.MEDIA_ROOT / "imports"
    assert not stored.exists() or not any(stored.rglob("*.csv"))


# The admin's import buttons ---------------------------------------------------


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ADMIN_FILES: list[tuple[str, str, str, bytes, dict[str, str]]] = [
    (
        "indicators_membership",
        "memberships",
        "members.csv",
        "国,枠組み,開始日\nモンゴル,JCM,平成25年1月8日\n".encode("cp932"),
        {},
    ),
    (
        "indicators_applicationcount",
        "applications",
        "applications.xlsx",
        xlsx([["年度", "事業", "応募件数"], [2018, "feasibility", 20]]),
        {},
    ),
    (
        "indicators_project",
        "projects",
        "projects.csv",
        "年度,事業,件名,代表事業者,国\n2018,feasibility,試行案件,A社,ベトナム\n".encode(
            "cp932"
        ),
        {},
    ),
    (
        "indicators_referencevalue",
        "series",
        "basel.xlsx",
        xlsx(
            [
                ["series", "period", "value", "unit"],
                ["basel-export-cases", 2018, 3, "cases"],
            ]
        ),
        {},
    ),
    (
        "surveys_municipality",
        "municipalities",
        "registry.csv",
        "code,prefecture,name,kind,valid_to\n011002,北海道,札幌市,政令指定都市,\n".encode(),
        {},
    ),
    (
        "surveys_surveyresponse",
        "survey",
        "survey.csv",
        (
            "団体コード,都道府県,団体名,海外の特定自治体と連携,"
            "特定自治体以外との国際協力,国際協力は実施していない\n"
            "011002,北海道,札幌市,1,0,0\n"
        ).encode("cp932"),
        {"fiscal_year": "2017"},
    ),
]


def admin_import(
    client: Client, model: str, name: str, content: bytes, fields: dict[str, str]
) -> Any:
    upload = SimpleUploadedFile(name, content)
    preview = client.post(
        reverse(f"admin:{model}_import"),
        {"import_file": upload, "format": "0", **fields},
    )
    assert preview.context["confirm_form"] is not None, preview.content.decode()
    confirm = preview.context["confirm_form"].initial
    return client.post(reverse(f"admin:{model}_process_import"), confirm, follow=True)


@pytest.mark.parametrize(
    ("model", "kind", "name", "content", "fields"),
    ADMIN_FILES,
    ids=[f[1] for f in ADMIN_FILES],
)
def test_every_admin_import_is_recorded_with_its_file(
    admin_client: Client,
    admin_user: User,
    model: str,
    kind: str,
    name: str,
    content: bytes,
    fields: dict[str, str],
) -> None:
    answer = admin_import(admin_client, model, name, content, fields)

    assert answer.status_code == 200
    record = DataImport.objects.get()
    assert (record.kind, record.source_name, record.user) == (kind, name, admin_user)
    assert record.stored_file.read() == content
    assert record.row_results[0][0] == 2
    assert "取り込みました" in answer.content.decode()


def test_an_admin_survey_import_writes_the_response_the_command_would(
    admin_client: Client,
) -> None:
    _model, _kind, name, content, fields = ADMIN_FILES[-1][:5]

    admin_import(admin_client, "surveys_surveyresponse", name, content, fields)

    response = SurveyResponse.objects.get()
    assert response.municipality.name == "札幌市"
    assert response.specific_partner
    assert response.source_rows.get().source_file == "survey.csv"


def test_a_file_refused_at_confirmation_writes_nothing_and_says_why(
    admin_client: Client,
) -> None:
    upload = SimpleUploadedFile("members.csv", MEMBERSHIPS)
    preview = admin_client.post(
        reverse("admin:indicators_membership_import"),
        {"import_file": upload, "format": "0"},
    )
    confirm = preview.context["confirm_form"].initial
    # A competing edit makes the second row overlap before confirmation.
    MembershipFactory(country__alpha2="VN", framework="MOU", joined_on=date(2014, 1, 1))

    answer = admin_client.post(
        reverse("admin:indicators_membership_process_import"), confirm, follow=True
    )

    page = answer.content.decode()
    assert "何も書き込んでいません" in page
    assert "row 3" in page
    assert not DataImport.objects.exists()
    assert Membership.objects.count() == 1


# Change history -------------------------------------------------------------------


def test_the_history_page_shows_who_changed_what_from_what_to_what(
    admin_client: Client,
) -> None:
    membership = MembershipFactory.create(note="署名")
    url = reverse("admin:indicators_membership_change", args=[membership.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(country=membership.country_id, note="署名・改訂")

    admin_client.post(url, data)
    page = admin_client.get(
        reverse("admin:indicators_membership_history", args=[membership.pk])
    ).content.decode()

    history = re.sub(r"\s+", " ", page)
    assert "<strong>備考:</strong> 署名 &nbsp;&rarr;&nbsp;&nbsp;署名・改訂" in history
    assert '/change/">admin</a>' in history


def test_the_series_rows_of_an_assessment_keep_their_history() -> None:
    from indicators.recompute import recompute_all

    recompute_all(date(2019, 6, 30))

    assert SeriesAssessment.history.count() == SeriesAssessment.objects.count() > 0


def test_the_stored_file_downloads_from_the_import_log_for_staff_who_may_see_it(
    personas: Personas,  # noqa: F811
) -> None:
    report = import_bytes("memberships", MEMBERSHIPS, "members.csv")
    assert report.data_import is not None
    url = reverse("admin:indicators_dataimport_file", args=[report.data_import.pk])
    page = reverse("admin:indicators_dataimport_change", args=[report.data_import.pk])

    entry = personas.client(personas.data_entry)
    download = entry.get(url)
    refused = personas.client(personas.staff_without_groups).get(url)

    streamed: Any = download
    assert b"".join(streamed.streaming_content) == MEMBERSHIPS
    assert 'filename="members.csv"' in download["Content-Disposition"]
    assert refused.status_code == 403
    assert url in entry.get(page).content.decode()


def test_a_cell_an_export_neutralised_imports_as_it_was_written() -> None:
    header = "country,framework,joined_on,note\n"
    import_bytes("memberships", f"{header}MN,JCM,2013-01-08,=1+1\n".encode(), "a.csv")
    versions = Membership.history.count()

    # The portal's CSV export wrote the note as '=1+1 so that it cannot run.
    exported = f"{header}MN,JCM,2013-01-08,'=1+1\n".encode()
    import_bytes("memberships", exported, "exported.csv")

    (membership,) = Membership.objects.all()
    assert membership.note == "=1+1"
    assert Membership.history.count() == versions


def test_an_apostrophe_before_plain_text_is_kept() -> None:
    csv_text = "country,framework,joined_on,note\nMN,JCM,2013-01-08,'90年代\n"
    import_bytes("memberships", csv_text.encode(), "a.csv")
    assert Membership.objects.get().note == "'90年代"
