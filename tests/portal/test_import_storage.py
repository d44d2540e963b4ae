"""The admin's import scratch storage accepts only names it issued."""

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import SuspiciousOperation

from portal.import_storage import ImportScratchStorage


@pytest.mark.parametrize("name", ["qa-victim.csv", "../imports/x.csv", "/etc/passwd"])
def test_a_name_the_portal_did_not_issue_is_refused(name: str) -> None:
    with pytest.raises(SuspiciousOperation):
        ImportScratchStorage(name=name)


def test_an_issued_name_round_trips(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    storage = ImportScratchStorage(encoding="utf-8")
    storage.save(b"country,framework\n")
    again = ImportScratchStorage(name=storage.name, encoding="utf-8")
    assert again.read() == b"country,framework\n"
    again.remove()
