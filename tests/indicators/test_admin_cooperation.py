"""Admin pages of the registry: lists, and import with a preview before writing."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from indicators.models import (
    ApplicationCount,
    Country,
    Membership,
    Programme,
    Project,
    ProjectFollowUp,
)
from tests.factories_cooperation import (
    ApplicationCountFactory,
    MembershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.usefixtures("reference_data")


def test_the_membership_list_reads_a_bounded_number_of_queries(
    admin_client: Client, django_assert_max_num_queries: object
) -> None:
    for joined in range(2013, 2019):
        MembershipFactory(joined_on=date(joined, 1, 1), left_on=date(joined, 6, 30))

    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = admin_client.get(reverse("admin:indicators_membership_changelist"))

    assert response.status_code == 200
    assert response.content.count(b"2013") >= 1


def test_the_project_list_shows_the_latest_follow_up_in_bounded_queries(
    admin_client: Client, django_assert_max_num_queries: object
) -> None:
    projects = ProjectFactory.create_batch(5)
    ProjectFollowUp.objects.create(
        project=projects[0], recorded_on=date(2019, 3, 31), status="studying"
    )
    ProjectFollowUp.objects.create(
        project=projects[0], recorded_on=date(2020, 3, 31), status="commercialised"
    )

    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = admin_client.get(reverse("admin:indicators_project_changelist"))

    assert "事業化済み" in response.content.decode()
    filtered = admin_client.get(
        reverse("admin:indicators_project_changelist"), {"status": "studying"}
    )
    assert filtered.context["cl"].result_count == 0


def test_an_admin_import_previews_a_cp932_file_and_writes_only_when_confirmed(
    admin_client: Client,
) -> None:
    text = "国,枠組み,開始日,終了日,備考\nモンゴル,JCM,平成25年1月8日,,\n"
    upload = SimpleUploadedFile("members.csv", text.encode("cp932"))

    preview = admin_client.post(
        reverse("admin:indicators_membership_import"),
        {"import_file": upload, "format": "0"},
    )

    assert preview.status_code == 200
    assert not preview.context["result"].has_errors()
    assert Membership.objects.count() == 0

    confirm = preview.context["confirm_form"].initial
    admin_client.post(reverse("admin:indicators_membership_process_import"), confirm)

    membership = Membership.objects.get()
    assert (membership.country.alpha2, membership.joined_on) == ("MN", date(2013, 1, 8))


def test_an_admin_import_with_an_unknown_country_shows_the_error_and_writes_nothing(
    admin_client: Client,
) -> None:
    text = "country,framework,joined_on\nMongolai,JCM,2013-01-08\n"
    upload = SimpleUploadedFile("members.csv", text.encode())

    preview = admin_client.post(
        reverse("admin:indicators_membership_import"),
        {"import_file": upload, "format": "0"},
    )

    assert preview.context["result"].has_validation_errors()
    assert "モンゴル / Mongolia (MN)" in preview.content.decode()
    assert Membership.objects.count() == 0


@pytest.mark.parametrize("model", ["country", "customspartner", "applicationcount"])
def test_the_reference_lists_read_a_bounded_number_of_queries(
    admin_client: Client, django_assert_max_num_queries: object, model: str
) -> None:
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = admin_client.get(reverse(f"admin:indicators_{model}_changelist"))

    assert response.status_code == 200


def test_the_customs_only_filter_lists_partners_without_a_country(
    admin_client: Client,
) -> None:
    response = admin_client.get(
        reverse("admin:indicators_customspartner_changelist"), {"customs_only": "yes"}
    )

    codes = {p.code for p in response.context["cl"].result_list}
    assert {"216", "248", "326", "701", "702", "703"} <= codes
    assert "107" not in codes


def test_the_membership_export_page_offers_the_resource(admin_client: Client) -> None:
    response = admin_client.get(reverse("admin:indicators_membership_export"))

    assert response.status_code == 200


def test_the_admin_refuses_fewer_applications_than_projects_selected(
    admin_client: Client,
) -> None:
    ProjectFactory.create_batch(3, fiscal_year=2018)
    feasibility = Programme.objects.get(code="feasibility")

    response = admin_client.post(
        reverse("admin:indicators_applicationcount_add"),
        {"fiscal_year": 2018, "programme": feasibility.pk, "applications": 2},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "applications": [
            "2018年度のfeasibilityの選定事業数（3件）が応募件数（2件）を上回ります。"
            "応募件数と選定事業を確かめてください"
        ]
    }
    assert not ApplicationCount.objects.exists()


def test_the_admin_refuses_a_project_beyond_the_applications_of_its_year(
    admin_client: Client,
) -> None:
    ProjectFactory.create_batch(2, fiscal_year=2018)
    counted = ApplicationCountFactory.create(fiscal_year=2018, applications=2)
    new = {
        "fiscal_year": 2018,
        "programme": counted.programme.pk,
        "title": "焼却発電",
        "lead_company": "A社",
        "country": Country.objects.get(alpha2="VN").pk,
        "city": "",
        "follow_ups-TOTAL_FORMS": 0,
        "follow_ups-INITIAL_FORMS": 0,
    }

    response = admin_client.post(reverse("admin:indicators_project_add"), new)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["fiscal_year"]
    assert Project.objects.count() == 2
    # With a third application counted, the same project is kept.
    counted.applications = 3
    counted.save()
    admin_client.post(reverse("admin:indicators_project_add"), new)
    assert Project.objects.count() == 3


def test_an_admin_import_of_an_unreadable_file_says_why_and_names_it(
    admin_client: Client,
) -> None:
    text = "country,framework,joined_on\nMN,JCM,2013-01-08\n"
    upload = SimpleUploadedFile("members-utf16.csv", text.encode("utf-16"))

    preview = admin_client.post(
        reverse("admin:indicators_membership_import"),
        {"import_file": upload, "format": "0"},
    )

    (message,) = preview.context["form"].errors["import_file"]
    # The reader's own message, as import_records gives it, with the name.
    unreadable = "NUL バイトを含むため、テキストの CSV ファイルではありません"
    assert message == f"members-utf16.csv: {unreadable}"
    assert Membership.objects.count() == 0
