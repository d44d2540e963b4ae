"""``load_sample`` publishes the bundled assessment, so the demo shows it."""

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from indicators.models import AssessmentRun


@pytest.mark.usefixtures("reference_data")
def test_load_sample_publishes_the_bundled_run_once(client: Client) -> None:
    call_command("load_sample")
    call_command("load_sample")

    published = AssessmentRun.objects.get(status="published")
    assert published.as_of == date(2019, 6, 30)
    assert published.change_note.startswith("同梱のデータ")
    assert "評価基準日 2019-06-30" in client.get("/").content.decode()
