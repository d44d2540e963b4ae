"""D's and E's lists on their pages, and the links from a value to its records."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from indicators.models import SeriesValue
from indicators.provenance import provenance_links
from indicators.recompute import recompute_all
from tests.factories_cooperation import (
    ApplicationCountFactory,
    CountryFactory,
    MembershipFactory,
    ProgrammeFactory,
    ProjectFactory,
)
from tests.page_reading import link_to, listing_rows

pytestmark = pytest.mark.django_db

JUNE_2019 = date(2019, 6, 30)


# The reference data names the countries (ベトナム, ケニア) and programmes.
@pytest.fixture
def registry(reference_data: None) -> None:
    """Viet Nam in JCM from 2013 and an MOU from 2015; Kenya in ACCP from 2017."""
    vietnam, kenya = CountryFactory(alpha2="VN"), CountryFactory(alpha2="KE")
    MembershipFactory(country=vietnam, framework="JCM", joined_on=date(2013, 7, 2))
    MembershipFactory(country=vietnam, framework="MOU", joined_on=date(2015, 3, 10))
    MembershipFactory(country=kenya, framework="ACCP", joined_on=date(2017, 4, 25))
    recompute_all(JUNE_2019)


@pytest.fixture
def staff(db: None) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("staff", password="x"))
    return client


def stored(code: str, key: str, period: str) -> SeriesValue:
    return SeriesValue.objects.get(
        series__indicator__code=code, series__key=key, period=period
    )


@pytest.mark.usefixtures("registry")
class TestCountryList:
    def test_it_lists_the_countries_on_the_latest_date_with_their_frameworks(
        self, client: Client
    ) -> None:
        html = client.get("/indicators/D/").content.decode()

        assert "参加国の一覧（2019年6月30日時点）" in html
        assert listing_rows(html, "countries") == [
            ["ベトナム", "VN", "協力覚書とJCM", "2015-03-10", "2013-07-02", "―"],
            ["ケニア", "KE", "ACCPのみ", "―", "―", "2017-04-25"],
        ]

    def test_it_follows_the_date_chosen_for_the_combinations(
        self, client: Client
    ) -> None:
        html = client.get("/indicators/D/?combinations=2016-06-30").content.decode()

        assert "参加国の一覧（2016年6月30日時点）" in html
        assert listing_rows(html, "countries") == [
            ["ベトナム", "VN", "協力覚書とJCM", "2015-03-10", "2013-07-02", "―"],
        ]

    def test_its_download_follows_the_chosen_date_too(self, client: Client) -> None:
        html = client.get("/indicators/D/?combinations=2016-06-30").content.decode()
        assert "/indicators/D/lists/countries.csv?combinations=2016-06-30" in html

        response = client.get(
            "/indicators/D/lists/countries.csv", {"combinations": "2016-06-30"}
        )
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[:2] == [
            "国,ISO 3166 コード,枠組みの組み合わせ,協力覚書（開始日）,"
            "JCM（開始日）,ACCP（開始日）",
            "ベトナム,VN,協力覚書とJCM,2015-03-10,2013-07-02,",
        ]

    def test_in_english_it_names_countries_and_combinations_in_english(
        self, client: Client
    ) -> None:
        html = client.get("/en/indicators/D/").content.decode()

        assert listing_rows(html, "countries")[1][:3] == ["Kenya", "KE", "ACCP only"]


@pytest.mark.usefixtures("registry")
class TestDLinks:
    def test_a_value_links_to_its_countries_memberships_and_list(self) -> None:
        with translation.override("ja"):
            links = provenance_links(stored("D", "total", "2016-06-30").provenance)

        assert link_to(links, "/admin/indicators/country/").url.endswith(
            "?alpha2__in=VN"
        )
        assert link_to(links, "/indicators/D/").url == (
            "/indicators/D/?combinations=2016-06-30#list-countries"
        )
        assert all(x.staff_only for x in links if x.url.startswith("/admin/"))

    def test_the_membership_link_shows_staff_exactly_the_memberships_counted(
        self, staff: Client
    ) -> None:
        value = stored("D", "framework--jcm", "2019-06-30")
        link = link_to(provenance_links(value.provenance), "/admin/indicators/memb")

        page = staff.get(link.url)

        assert page.status_code == 200
        listed = page.context["cl"].result_list
        assert [(m.country.alpha2, m.framework) for m in listed] == [("VN", "JCM")]

    def test_the_value_page_shows_the_links(self, client: Client) -> None:
        value = stored("D", "added--accp", "2017-06-30")

        html = client.get(f"/values/{value.pk}/").content.decode()

        assert "国の記録（1カ国）" in html
        assert "協力覚書とJCM" not in html
        assert "/indicators/D/?combinations=2017-06-30#list-countries" in html


@pytest.fixture
def projects(reference_data: None) -> None:
    feasibility = ProgrammeFactory(code="feasibility")
    vietnam = CountryFactory(alpha2="VN")
    project = ProjectFactory.create(
        fiscal_year=2018,
        programme=feasibility,
        title="ハノイにおける廃家電のリサイクル",
        lead_company="A社",
        country=vietnam,
        city="ハノイ",
    )
    project.follow_ups.create(recorded_on=date(2018, 3, 31), status="studying")
    project.follow_ups.create(recorded_on=date(2019, 3, 31), status="commercialised")
    ProjectFactory(fiscal_year=2017, programme=feasibility, title="案件", city="")
    ApplicationCountFactory(fiscal_year=2018, programme=feasibility, applications=3)
    recompute_all(JUNE_2019)


@pytest.mark.usefixtures("projects")
class TestProjectList:
    def test_it_lists_each_project_with_its_newest_follow_up(
        self, client: Client
    ) -> None:
        html = client.get("/indicators/E/").content.decode()

        rows = listing_rows(html, "projects")
        assert rows[0] == [
            "2018年度",
            "事業化促進業務",
            "ハノイにおける廃家電のリサイクル",
            "A社",
            "ベトナム",
            "ハノイ",
            "事業化済み",
            "2019-03-31",
        ]
        assert rows[1][0] == "2017年度"
        assert rows[1][5:] == ["―", "―", "―"]

    def test_a_value_links_staff_to_exactly_its_projects(self, staff: Client) -> None:
        value = stored("E", "selected", "FY2018")
        link = link_to(provenance_links(value.provenance), "/admin/indicators/proj")

        page = staff.get(link.url)

        assert [p.title for p in page.context["cl"].result_list] == [
            "ハノイにおける廃家電のリサイクル"
        ]

    def test_an_applications_value_links_to_its_application_counts(
        self, staff: Client
    ) -> None:
        value = stored("E", "applications", "FY2018")
        link = link_to(provenance_links(value.provenance), "/admin/indicators/appl")

        page = staff.get(link.url)

        assert [a.applications for a in page.context["cl"].result_list] == [3]
