"""Anonymous reads, staff-token writes with the importer's rules, throttling."""

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from rest_framework import generics
from rest_framework.test import APIClient, APIRequestFactory, force_authenticate
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from indicators.api.permissions import StaffOnly
from indicators.api.serializers import ReferenceValueSerializer
from indicators.api.throttling import AnonymousClientThrottle, UserClientThrottle
from indicators.api.views import IndicatorViewSet
from indicators.models import ReferenceValue
from tests.api.conftest import token_client
from tests.factories_api import ReferenceValueFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

NEW_VALUE = {
    "series": "basel-export-tonnes",
    "fiscal_year": "平成30年度",
    "value": "123,456.5",
    "unit": "t",
    "source": "環境省",
}


class TestAnonymous:
    def test_anyone_reads_reference_values(self, api: APIClient) -> None:
        ReferenceValueFactory.create()
        assert api.get("/api/v1/reference-values/").status_code == 200

    def test_an_anonymous_write_is_refused_and_asks_for_a_token(
        self, api: APIClient
    ) -> None:
        response = api.post("/api/v1/reference-values/", NEW_VALUE, format="json")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert not ReferenceValue.objects.exists()

    def test_a_wrong_token_is_refused_even_for_reading(self, api: APIClient) -> None:
        api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
        assert api.get("/api/v1/indicators/").status_code == 401


class TestWhoMayWrite:
    def test_a_user_with_the_permission_but_not_staff_is_refused(self) -> None:
        client = token_client(permissions=["add_referencevalue"])
        response = client.post("/api/v1/reference-values/", NEW_VALUE, format="json")
        assert response.status_code == 403

    def test_staff_without_the_permission_is_refused(self) -> None:
        client = token_client(is_staff=True)
        response = client.post("/api/v1/reference-values/", NEW_VALUE, format="json")
        assert response.status_code == 403

    def test_a_session_write_without_the_csrf_token_is_refused(self) -> None:
        user = UserFactory.create(is_staff=True, permissions=["add_referencevalue"])
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(user)
        response = client.post("/api/v1/reference-values/", NEW_VALUE, format="json")
        assert response.status_code == 403

    def test_public_lists_refuse_every_write_even_from_staff(
        self, staff_writer: APIClient
    ) -> None:
        response = staff_writer.post("/api/v1/indicators/", {"code": "G"})
        assert response.status_code in (403, 405)


class TestStaffWrites:
    def test_staff_create_a_value_in_the_importers_notations(
        self, staff_writer: APIClient
    ) -> None:
        response = staff_writer.post(
            "/api/v1/reference-values/", NEW_VALUE, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["fiscal_year"] == 2018
        assert response.json()["value"] == "123456.5"
        stored = ReferenceValue.objects.get()
        assert (stored.fiscal_year, stored.value) == (2018, Decimal("123456.5"))

    def test_the_history_names_the_staff_member(self, staff_writer: APIClient) -> None:
        staff_writer.post("/api/v1/reference-values/", NEW_VALUE, format="json")
        entry = ReferenceValue.history.get()
        assert entry.history_user is not None
        assert entry.history_user.username == "writer"

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"value": "12x"}, "value", "'12x' は数値ではありません"),
            ({"value": ""}, "value", "value is empty"),
            ({"unit": "cases"}, "unit", "does not match the series unit 't'"),
            ({"series": "basel-tonnes"}, "series", "known series: basel-export-"),
            ({"fiscal_year": "来年"}, "fiscal_year", "'来年' は年度として読めません"),
            ({"fiscal_year": ""}, "fiscal_year", "period is empty"),
            ({"series": ""}, "series", "a series key is required"),
        ],
    )
    def test_a_bad_value_is_refused_with_the_importers_message(
        self, staff_writer: APIClient, change: dict[str, str], field: str, message: str
    ) -> None:
        response = staff_writer.post(
            "/api/v1/reference-values/", {**NEW_VALUE, **change}, format="json"
        )
        assert response.status_code == 400
        assert message in response.json()[field][0]
        assert not ReferenceValue.objects.exists()

    def test_a_second_value_for_the_same_year_is_refused(
        self, staff_writer: APIClient
    ) -> None:
        staff_writer.post("/api/v1/reference-values/", NEW_VALUE, format="json")
        again = {**NEW_VALUE, "fiscal_year": "FY2018"}
        response = staff_writer.post("/api/v1/reference-values/", again, format="json")
        assert response.status_code == 400
        assert "fiscal_year" in response.json()

    def test_a_patch_changes_only_the_value(self, staff_writer: APIClient) -> None:
        value = ReferenceValueFactory.create(series__key="basel-export-tonnes")
        response = staff_writer.patch(
            f"/api/v1/reference-values/{value.pk}/", {"value": "１２５０００"}
        )
        assert response.status_code == 200, response.content
        value.refresh_from_db()
        assert (value.fiscal_year, value.value, value.source) == (
            2018,
            Decimal(125000),
            "環境省",
        )

    def test_a_put_replaces_the_record(self, staff_writer: APIClient) -> None:
        value = ReferenceValueFactory.create(series__key="basel-export-tonnes")
        body = {k: v for k, v in NEW_VALUE.items() if k != "source"}
        body["fiscal_year"] = "2017"
        response = staff_writer.put(
            f"/api/v1/reference-values/{value.pk}/", body, format="json"
        )
        assert response.status_code == 200, response.content
        value.refresh_from_db()
        assert (value.fiscal_year, value.source) == (2017, "")

    def test_staff_delete_a_value(self, staff_writer: APIClient) -> None:
        value = ReferenceValueFactory.create()
        response = staff_writer.delete(f"/api/v1/reference-values/{value.pk}/")
        assert response.status_code == 204
        assert not ReferenceValue.objects.exists()


class TestStaffOnlyRecords:
    """The permission for records that are not public (individual answers)."""

    def get(self, user: Any = None) -> int:
        view = generics.ListAPIView.as_view(
            queryset=ReferenceValue.objects.all(),
            serializer_class=ReferenceValueSerializer,
            permission_classes=[StaffOnly],
        )
        request = APIRequestFactory().get("/staff-only/")
        if user is not None:
            force_authenticate(request, user=user)
        return int(view(request).status_code)

    def test_anonymous_reads_are_refused(self) -> None:
        assert self.get() == 401

    def test_staff_need_the_view_permission(self) -> None:
        assert self.get(UserFactory.create(is_staff=True)) == 403

    def test_staff_with_the_view_permission_read(self) -> None:
        reader = UserFactory.create(is_staff=True, permissions=["view_referencevalue"])
        assert self.get(reader) == 200

    def test_the_view_permission_alone_is_not_enough(self) -> None:
        outsider = UserFactory.create(permissions=["view_referencevalue"])
        assert self.get(outsider) == 403


class TestThrottling:
    def test_every_view_is_throttled_for_anonymous_and_users(self) -> None:
        throttles = IndicatorViewSet().get_throttles()
        assert {type(t) for t in throttles} == {
            AnonymousClientThrottle,
            UserClientThrottle,
        }
        rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        assert set(rates) == {"anon", "user", "as_of"}

    def test_an_anonymous_client_over_the_rate_gets_429(
        self, api: APIClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(
            AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": None}
        )
        codes = [api.get("/api/v1/indicators/").status_code for _ in range(3)]
        assert codes == [200, 200, 429]

    def test_a_token_is_throttled_by_the_user_rate(
        self, staff_writer: APIClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(
            UserRateThrottle, "THROTTLE_RATES", {"anon": None, "user": "1/minute"}
        )
        assert staff_writer.get("/api/v1/indicators/").status_code == 200
        response = staff_writer.get("/api/v1/indicators/")
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
