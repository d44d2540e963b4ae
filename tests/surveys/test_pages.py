"""F's list of cooperating municipalities, and the links from a value to them."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from indicators.models import SeriesValue
from indicators.provenance import provenance_links
from indicators.recompute import recompute_all
from surveys.models import Municipality
from tests.factories_surveys import SurveyFactory, SurveyResponseFactory
from tests.page_reading import link_to, listing_rows

pytestmark = pytest.mark.django_db


def respond(fiscal_year: int, code: str, **answers: bool) -> None:
    answers.setdefault("no_cooperation", not any(answers.values()))
    SurveyResponseFactory(
        survey=SurveyFactory(fiscal_year=fiscal_year),
        municipality=Municipality.objects.get(code=code),
        **answers,
    )


# Real registry codes: 札幌市 011002, 新宿区 131041, 北九州市 401005.
@pytest.fixture
def answered(reference_data: None) -> None:
    respond(
        2017,
        "401005",
        specific_partner=True,
        general_cooperation=True,
        kind_sister_city=True,
        kind_other=True,
    )
    respond(2017, "011002", specific_partner=True, kind_sister_city=True)
    respond(2017, "131041")
    respond(2016, "131041", general_cooperation=True)
    recompute_all(date(2019, 6, 30))


@pytest.fixture
def staff(db: None) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("staff", password="x"))
    return client


def admin_names(staff: Client, key: str, period: str = "FY2017") -> list[str]:
    """The municipalities the admin lists behind one stored F value."""
    value = SeriesValue.objects.get(
        series__indicator__code="F", series__key=key, period=period
    )
    link = link_to(provenance_links(value.provenance), "/admin/surveys/surveyresp")
    page = staff.get(link.url)
    assert page.status_code == 200
    return sorted(r.municipality.name for r in page.context["cl"].result_list)


@pytest.mark.usefixtures("answered")
class TestMunicipalityList:
    def test_it_lists_the_latest_years_cooperating_municipalities_by_prefecture(
        self, client: Client
    ) -> None:
        html = client.get("/indicators/F/").content.decode()

        assert "連携している地方公共団体（2017年度、都道府県順）" in html
        assert listing_rows(html, "municipalities") == [
            ["北海道", "011002", "札幌市", "はい", "いいえ", "姉妹都市・連携都市"],
            [
                "福岡県",
                "401005",
                "北九州市",
                "はい",
                "はい",
                "姉妹都市・連携都市、その他の連携",
            ],
        ]

    def test_it_follows_the_year_chosen_for_the_answers(self, client: Client) -> None:
        html = client.get("/indicators/F/?by-answer=FY2016").content.decode()

        assert listing_rows(html, "municipalities") == [
            ["東京都", "131041", "新宿区", "いいえ", "はい", "―"],
        ]

    def test_in_english_the_answers_and_kinds_are_in_english(
        self, client: Client
    ) -> None:
        html = client.get("/en/indicators/F/").content.decode()

        kitakyushu = listing_rows(html, "municipalities")[1]
        assert kitakyushu[3:] == [
            "yes",
            "yes",
            "Sister or partner city, Other cooperation",
        ]


@pytest.mark.usefixtures("answered")
class TestFLinks:
    def test_each_value_links_staff_to_exactly_the_responses_it_counts(
        self, staff: Client
    ) -> None:
        assert admin_names(staff, "cooperating") == ["北九州市", "札幌市"]
        assert admin_names(staff, "answer--general-cooperation") == ["北九州市"]
        assert admin_names(staff, "answer--both") == ["北九州市"]
        assert admin_names(staff, "answer--none") == ["新宿区"]
        assert admin_names(staff, "kind--sister-city") == ["北九州市", "札幌市"]
        assert admin_names(staff, "kind--other") == ["北九州市"]
        assert admin_names(staff, "kind--multilateral") == []
        assert admin_names(staff, "cooperating", "FY2016") == ["新宿区"]

    def test_the_value_page_links_to_the_responses_and_the_list(
        self, client: Client
    ) -> None:
        value = SeriesValue.objects.get(
            series__indicator__code="F", series__key="cooperating", period="FY2017"
        )

        html = client.get(f"/values/{value.pk}/").content.decode()

        assert "回答の記録（2団体）" in html
        assert "自治体の記録（2団体）" in html
        assert "/indicators/F/?by-answer=FY2017#list-municipalities" in html
