"""Request bodies over the configured size are refused with 413 before reading."""

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from portal.uploads import body_limit

pytestmark = pytest.mark.django_db

SMALL_FORMS = {"DATA_UPLOAD_MAX_MEMORY_SIZE": 1_000, "PORTAL_UPLOAD_MAX_BYTES": 10_000}


def upload(client: Client, size: int) -> Any:
    spreadsheet = SimpleUploadedFile("trade.csv", b"x" * size, "text/csv")
    return client.post("/admin/login/", {"file": spreadsheet, "username": "a"})


@override_settings(**SMALL_FORMS)
def test_an_upload_over_the_upload_limit_is_refused(client: Client) -> None:
    response = upload(client, 12_000)

    assert response.status_code == 413
    assert "10,000" in response.content.decode()


@override_settings(**SMALL_FORMS)
def test_an_upload_larger_than_the_form_limit_but_within_the_upload_limit_passes(
    client: Client,
) -> None:
    # 5,000 bytes: over the 1,000 for form fields, under the 10,000 for files.
    assert upload(client, 5_000).status_code == 200


@override_settings(**SMALL_FORMS)
def test_a_json_body_over_the_form_limit_is_refused(client: Client) -> None:
    body = json.dumps({"note": "x" * 2_000})

    response = client.post("/healthz", body, content_type="application/json")

    assert response.status_code == 413


@override_settings(**SMALL_FORMS)
def test_a_json_body_within_the_form_limit_passes(client: Client) -> None:
    body = json.dumps({"note": "x" * 500})

    response = client.post("/healthz", body, content_type="application/json")

    assert response.status_code == 200


@override_settings(**SMALL_FORMS)
def test_the_limits_follow_the_content_type() -> None:
    assert body_limit("multipart/form-data; boundary=x") == 10_000
    assert body_limit("Multipart/Form-Data") == 10_000
    assert body_limit("application/json") == 1_000
    assert body_limit("") == 1_000


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None)
def test_a_limit_switched_off_lets_any_body_through(client: Client) -> None:
    body = json.dumps({"note": "x" * 50_000})

    response = client.post("/healthz", body, content_type="application/json")

    assert response.status_code == 200
