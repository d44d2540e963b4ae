"""The overview's small charts follow the stored series, like the other pages.

A recompute after a publication writes new stored values and a new draft
run; the published run stays as it was. The indicator pages see the new
values at once (their cache key is the latest recompute); the overview's
small charts, drawn from the same stored values, must too, or the overview
shows old values for up to a day, and a different figure in each server
process.
"""

from dataclasses import replace
from datetime import date

import pytest
from django.test import Client

from indicators import computed
from indicators.computed import ComputedIndicator
from indicators.recompute import recompute_all
from tests.factories_pages import AS_OF, cooperation, on_days, store_published_series

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def one_more_country(as_of: date) -> ComputedIndicator:
    """D as published (54 on 30 June 2019), with a 55th country since."""
    published = cooperation(as_of)
    days = {"2018-06-30": 43, "2019-03-31": 52, "2019-06-30": 55}
    total = on_days("total", "国の数", "Countries", days, in_table=True)
    return replace(published, series=[replace(total, order=0), *published.series[1:]])


def test_a_recompute_after_publication_reaches_the_overview_cards(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_published_series(monkeypatch)
    assert "2019年6月30日時点 54カ国まで" in client.get("/").content.decode()

    monkeypatch.setitem(computed._BUILDERS, "D", one_more_country)
    recompute_all(AS_OF)

    assert ">55</a>" in client.get("/indicators/D/").content.decode()
    # The small chart of D (its text alternative names the last point).
    assert "2019年6月30日時点 55カ国まで" in client.get("/").content.decode()
