"""A published figure keeps a working link to the value it was computed as.

The overview links each latest value of the published table to its value
page (method and provenance). A recompute as of a later date, which the
nightly schedule runs every day, must not leave that link pointing at a
value that no longer exists.
"""

import re
from datetime import date

import pytest
from django.test import Client

from indicators.publication import publish_run
from indicators.recompute import recompute_all
from tests.factories_cooperation import CountryFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def value_links(html: str) -> dict[str, str]:
    """The overview's card links: figure text → value page address."""
    return {
        text: href
        for href, text in re.findall(
            r'<a href="(/assessments/\d+/figures/\d+/)">([^<]+)</a>', html
        )
    }


def test_the_published_d_still_links_to_its_value_after_a_later_recompute(
    client: Client,
) -> None:
    for alpha2 in ("VN", "KE"):
        MembershipFactory.create(
            country=CountryFactory.create(alpha2=alpha2),
            framework="ACCP",
            joined_on=date(2017, 4, 25),
        )
    publish_run(recompute_all(date(2019, 6, 30)), None, "2019年6月30日時点")
    # Two countries in force on 30 June 2019.
    link = value_links(client.get("/").content.decode())["2カ国"]

    recompute_all(date(2019, 7, 31))

    page = client.get(link)
    assert page.status_code == 200
    assert "<code>2</code>" in page.content.decode()


def test_a_published_figure_keeps_its_value_when_the_records_change(
    client: Client,
) -> None:
    country = CountryFactory.create(alpha2="VN")
    MembershipFactory.create(
        country=country, framework="ACCP", joined_on=date(2017, 4, 25)
    )
    publish_run(recompute_all(date(2019, 6, 30)), None, "2019年6月30日時点")
    link = value_links(client.get("/").content.decode())["1カ国"]

    # A second country, found later to have joined before that date.
    MembershipFactory.create(
        country=CountryFactory.create(alpha2="KE"),
        framework="ACCP",
        joined_on=date(2018, 1, 10),
    )
    recompute_all(date(2019, 6, 30))  # a new draft: 2 countries

    shown = client.get(link).content.decode()
    assert "<code>1</code>" in shown
    assert "2019-06-30" in shown


def test_a_drafts_figure_page_is_not_public(client: Client) -> None:
    MembershipFactory.create(
        country=CountryFactory.create(alpha2="VN"),
        framework="ACCP",
        joined_on=date(2017, 4, 25),
    )
    draft = recompute_all(date(2019, 6, 30))
    row = draft.indicators.get(indicator__code="D").series.get(series__key="total")

    assert client.get(f"/assessments/{draft.pk}/figures/{row.pk}/").status_code == 404
    publish_run(draft, None, "2019年6月30日時点")
    assert client.get(f"/assessments/{draft.pk}/figures/{row.pk}/").status_code == 200
