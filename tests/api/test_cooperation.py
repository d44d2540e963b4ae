"""The cooperation endpoints: memberships, D's breakdown, projects, applications."""

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from indicators.follow_up import record_follow_up
from indicators.models import ApplicationCount, Framework, Membership, Project
from indicators.sample_cooperation import load_cooperation_sample
from tests.api.conftest import token_client
from tests.api.test_views import csv_rows, results
from tests.factories_cooperation import (
    ApplicationCountFactory,
    CountryFactory,
    MembershipFactory,
    ProgrammeFactory,
    ProjectFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def membership_writer() -> APIClient:
    codenames = [f"{verb}_membership" for verb in ("add", "change", "delete")]
    return token_client(is_staff=True, permissions=codenames)


def spell(alpha2: str, framework: str, joined: date, left: date | None = None) -> Any:
    country = CountryFactory.create(alpha2=alpha2)
    return MembershipFactory.create(
        country=country, framework=framework, joined_on=joined, left_on=left
    )


class TestMemberships:
    def test_the_list_names_countries_by_alpha2_in_start_order(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        spell("VN", Framework.JCM, date(2013, 7, 2))
        spell("MN", Framework.JCM, date(2013, 1, 8))
        spell("KE", Framework.ACCP, date(2017, 4, 25))

        with django_assert_max_num_queries(2):
            rows = results(api.get("/api/v1/memberships/"))

        assert [(r["country"], r["framework"]) for r in rows] == [
            ("MN", "JCM"),
            ("VN", "JCM"),
            ("KE", "ACCP"),
        ]

    def test_in_force_on_includes_the_last_day_and_not_the_next(
        self, api: APIClient
    ) -> None:
        spell("MN", Framework.MOU, date(2014, 1, 1), date(2018, 6, 30))
        spell("VN", Framework.MOU, date(2016, 1, 1))

        on_last_day = results(api.get("/api/v1/memberships/?in_force_on=2018-06-30"))
        day_after = results(api.get("/api/v1/memberships/?in_force_on=2018-07-01"))

        assert [r["country"] for r in on_last_day] == ["MN", "VN"]
        assert [r["country"] for r in day_after] == ["VN"]

    def test_country_framework_and_start_range_filter(self, api: APIClient) -> None:
        spell("MN", Framework.JCM, date(2013, 1, 8))
        spell("MN", Framework.MOU, date(2016, 5, 1))
        spell("KE", Framework.ACCP, date(2017, 4, 25))

        by_country = api.get("/api/v1/memberships/?country=MN&framework=MOU")
        by_start = api.get(
            "/api/v1/memberships/?joined_on_after=2016-01-01"
            "&joined_on_before=2016-12-31"
        )

        assert [r["joined_on"] for r in results(by_country)] == ["2016-05-01"]
        assert [r["country"] for r in results(by_start)] == ["MN"]

    def test_an_unknown_framework_is_a_400(self, api: APIClient) -> None:
        assert api.get("/api/v1/memberships/?framework=OECD").status_code == 400

    def test_csv_has_one_row_per_membership(self, api: APIClient) -> None:
        spell("KE", Framework.ACCP, date(2017, 4, 25))
        rows = csv_rows(api.get("/api/v1/memberships/?format=csv"))
        assert [(r["country"], r["joined_on"]) for r in rows] == [("KE", "2017-04-25")]


class TestMembershipWrites:
    def test_staff_write_a_membership_in_the_importers_notations(
        self, membership_writer: APIClient
    ) -> None:
        new = {
            "country": "ケニア",
            "framework": "協力覚書",
            "joined_on": "平成29年4月25日",
        }

        response = membership_writer.post("/api/v1/memberships/", new, format="json")

        assert response.status_code == 201, response.content
        assert response.json()["country"] == "KE"
        stored = Membership.objects.get()
        assert (stored.framework, stored.joined_on) == ("MOU", date(2017, 4, 25))

    def test_an_unknown_country_is_refused_under_its_column(
        self, membership_writer: APIClient
    ) -> None:
        new = {"country": "Atlantis", "framework": "JCM", "joined_on": "2017-04-25"}
        response = membership_writer.post("/api/v1/memberships/", new, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["country"]

    def test_an_overlapping_spell_is_refused_as_in_the_importer(
        self, membership_writer: APIClient
    ) -> None:
        spell("KE", Framework.ACCP, date(2017, 4, 25))
        new = {"country": "KE", "framework": "ACCP", "joined_on": "2018-01-01"}

        response = membership_writer.post("/api/v1/memberships/", new, format="json")

        assert response.status_code == 400
        assert Membership.objects.count() == 1

    def test_an_end_before_the_start_is_refused(
        self, membership_writer: APIClient
    ) -> None:
        new = {
            "country": "KE",
            "framework": "ACCP",
            "joined_on": "2018-01-01",
            "left_on": "2017-01-01",
        }
        response = membership_writer.post("/api/v1/memberships/", new, format="json")
        assert response.status_code == 400
        assert "left_on" in response.json()

    def test_a_partial_update_ends_a_spell(self, membership_writer: APIClient) -> None:
        membership = spell("KE", Framework.ACCP, date(2017, 4, 25))

        response = membership_writer.patch(
            f"/api/v1/memberships/{membership.pk}/",
            {"left_on": "2019-03-31"},
            format="json",
        )

        assert response.status_code == 200, response.content
        membership.refresh_from_db()
        assert membership.left_on == date(2019, 3, 31)

    def test_anonymous_writes_are_refused(self, api: APIClient) -> None:
        new = {"country": "KE", "framework": "ACCP", "joined_on": "2018-01-01"}
        assert api.post("/api/v1/memberships/", new).status_code == 401


class TestBreakdown:
    def test_a_country_in_two_frameworks_counts_once(self, api: APIClient) -> None:
        spell("MN", Framework.JCM, date(2013, 1, 8))
        spell("MN", Framework.MOU, date(2016, 5, 1))
        spell("KE", Framework.ACCP, date(2017, 4, 25))

        body = api.get("/api/v1/memberships/breakdown/?as_of=2017-06-30").json()

        assert body["countries"] == 2
        assert body["by_framework"] == {"MOU": 1, "JCM": 1, "ACCP": 1}
        assert (body["MOU_and_JCM"], body["ACCP_only"]) == (1, 1)
        assert body["additions"] == {"MOU": 0, "JCM": 0, "ACCP": 1}
        assert body["compared_with"] == "2016-06-30"

    def test_the_bundled_registry_gives_the_published_d_for_june_2019(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        load_cooperation_sample()

        with django_assert_max_num_queries(2):
            body = api.get("/api/v1/memberships/breakdown/?as_of=2019-06-30").json()

        assert body["countries"] == 54
        combinations = ("MOU_only", "JCM_only", "ACCP_only", "MOU_and_JCM")
        assert [body[k] for k in combinations] == [4, 10, 32, 5]
        assert (body["JCM_and_ACCP"], body["MOU_and_ACCP"]) == (2, 1)
        assert body["additions"] == {"MOU": 4, "JCM": 0, "ACCP": 7}

    def test_a_malformed_date_is_a_400(self, api: APIClient) -> None:
        response = api.get("/api/v1/memberships/breakdown/?as_of=30/06/2019")
        assert response.status_code == 400
        assert "as_of" in response.json()


class TestProjects:
    def test_projects_carry_their_newest_follow_up_status(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        project = ProjectFactory.create(title="焼却発電")
        ProjectFactory.create(title="リサイクル")
        record_follow_up(project, "studying", date(2019, 3, 1))
        record_follow_up(project, "commercialised", date(2020, 3, 1))

        with django_assert_max_num_queries(2):
            rows = results(api.get("/api/v1/projects/"))

        assert {r["title"]: r["current_status"] for r in rows} == {
            "焼却発電": "commercialised",
            "リサイクル": None,
        }

    def test_projects_filter_by_year_programme_country_and_status(
        self, api: APIClient
    ) -> None:
        other = ProgrammeFactory.create(code="jcm-model")
        vietnam = CountryFactory.create(alpha2="VN")
        wanted = ProjectFactory.create(fiscal_year=2017, country=vietnam)
        ProjectFactory.create(fiscal_year=2018, country=vietnam)
        ProjectFactory.create(fiscal_year=2017, programme=other, country=vietnam)
        record_follow_up(wanted, "preparing", date(2019, 3, 1))

        query = "fiscal_year_max=2017&programme=feasibility&country=VN"
        found = results(api.get(f"/api/v1/projects/?{query}"))
        preparing = results(api.get("/api/v1/projects/?current_status=preparing"))

        assert [r["id"] for r in found] == [wanted.pk]
        assert [r["id"] for r in preparing] == [wanted.pk]


class TestProjectAndApplicationWrites:
    @pytest.fixture
    def register_writer(self) -> APIClient:
        codenames = [
            f"{verb}_{model}"
            for verb in ("add", "change")
            for model in ("project", "applicationcount")
        ]
        return token_client(is_staff=True, permissions=codenames)

    def test_staff_add_a_project_in_the_importers_notations(
        self, register_writer: APIClient
    ) -> None:
        ProgrammeFactory.create(code="feasibility")
        new = {
            "fiscal_year": "平成30年度",
            "programme": "feasibility",
            "title": "焼却発電",
            "lead_company": "A社",
            "country": "ベトナム",
        }

        response = register_writer.post("/api/v1/projects/", new, format="json")

        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["fiscal_year"], body["country"]) == (2018, "VN")
        assert body["current_status"] is None

    def test_a_second_project_with_the_same_title_is_refused(
        self, register_writer: APIClient
    ) -> None:
        project = ProjectFactory.create(title="焼却発電")
        again = {
            "fiscal_year": str(project.fiscal_year),
            "programme": project.programme.code,
            "title": "焼却発電",
            "lead_company": "B社",
            "country": project.country.alpha2,
        }
        response = register_writer.post("/api/v1/projects/", again, format="json")
        assert response.status_code == 400

    def test_an_unknown_programme_is_refused_under_its_column(
        self, register_writer: APIClient
    ) -> None:
        new = {"fiscal_year": "2018", "programme": "nothing", "applications": "3"}
        response = register_writer.post("/api/v1/applications/", new, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["programme"]

    def test_a_negative_number_of_applications_is_refused(
        self, register_writer: APIClient
    ) -> None:
        ProgrammeFactory.create(code="feasibility")
        new = {"fiscal_year": "2018", "programme": "feasibility", "applications": "-1"}
        response = register_writer.post("/api/v1/applications/", new, format="json")
        assert response.status_code == 400
        assert "applications" in response.json()

    def test_fewer_applications_than_projects_selected_are_refused(
        self, register_writer: APIClient
    ) -> None:
        ProjectFactory.create_batch(3, fiscal_year=2018)
        new = {"fiscal_year": "2018", "programme": "feasibility", "applications": "2"}

        response = register_writer.post("/api/v1/applications/", new, format="json")

        assert response.status_code == 400
        assert response.json() == {
            "applications": [
                "2018年度のfeasibilityの選定事業数（3件）が応募件数（2件）を"
                "上回ります。応募件数と選定事業を確かめてください"
            ]
        }
        assert not ApplicationCount.objects.exists()

    def test_a_project_beyond_the_applications_of_its_year_is_refused(
        self, register_writer: APIClient
    ) -> None:
        ProjectFactory.create_batch(2, fiscal_year=2018)
        counted = ApplicationCountFactory.create(fiscal_year=2018, applications=2)
        new = {
            "fiscal_year": "平成30年度",
            "programme": "feasibility",
            "title": "焼却発電",
            "lead_company": "A社",
            "country": "ベトナム",
        }

        refused = register_writer.post("/api/v1/projects/", new, format="json")
        register_writer.patch(
            f"/api/v1/applications/{counted.pk}/", {"applications": "3"}, format="json"
        )
        kept = register_writer.post("/api/v1/projects/", new, format="json")

        assert refused.status_code == 400
        assert list(refused.json()) == ["fiscal_year"]
        assert kept.status_code == 201, kept.content
        assert Project.objects.count() == 3

    def test_a_partial_update_changes_the_count_only(
        self, register_writer: APIClient
    ) -> None:
        count = ApplicationCountFactory.create(fiscal_year=2018, applications=20)

        response = register_writer.patch(
            f"/api/v1/applications/{count.pk}/", {"applications": "２３"}, format="json"
        )

        assert response.status_code == 200, response.content
        assert (response.json()["fiscal_year"], response.json()["applications"]) == (
            2018,
            23,
        )


class TestApplications:
    def test_applications_filter_by_year_and_programme(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        ApplicationCountFactory.create(fiscal_year=2017, applications=20)
        ApplicationCountFactory.create(fiscal_year=2018, applications=23)

        with django_assert_max_num_queries(2):
            rows = results(
                api.get(
                    "/api/v1/applications/?fiscal_year_min=2018&programme=feasibility"
                )
            )

        assert [(r["fiscal_year"], r["applications"]) for r in rows] == [(2018, 23)]
