"""D and E computed from records, and the bundled data against the published figures."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from indicators.computed import Point, compute_indicator
from indicators.cooperation import COMBINATION_SEGMENTS
from indicators.models import Membership, Project, ProjectFollowUp
from indicators.table import table_as_of
from tests.factories_cooperation import (
    ApplicationCountFactory,
    CountryFactory,
    MembershipFactory,
    ProgrammeFactory,
    ProjectFactory,
)

JUNE_2019 = date(2019, 6, 30)

# The review's D as of June 2019 (published-figures.json, D_cooperation_countries).
PUBLISHED_D_BREAKDOWN = {
    "MOU_only": 4,
    "JCM_only": 10,
    "ACCP_only": 32,
    "MOU_and_JCM": 5,
    "JCM_and_ACCP": 2,
    "MOU_and_ACCP": 1,
    "all_three": 0,
    "additions": {"MOU": 4, "JCM": 0, "ACCP": 7},
    "compared_with": "2018-06-30",
}


def values(code: str, as_of: date, key: str) -> dict[str, Decimal]:
    computed = compute_indicator(code, as_of)
    series = next(s for s in computed.series if s.key == key)
    return {p.period: p.value for p in series.points}


@pytest.mark.django_db
def test_d_counts_each_country_once_across_frameworks() -> None:
    vietnam, kenya = CountryFactory(alpha2="VN"), CountryFactory(alpha2="KE")
    MembershipFactory(country=vietnam, framework="JCM", joined_on=date(2013, 7, 2))
    MembershipFactory(country=vietnam, framework="MOU", joined_on=date(2015, 3, 10))
    MembershipFactory(country=kenya, framework="ACCP", joined_on=date(2017, 4, 25))

    computed = compute_indicator("D", JUNE_2019)

    assert computed.series[0].latest_point().value == 2  # type: ignore[union-attr]
    assert computed.breakdown is not None
    assert computed.breakdown["MOU_and_JCM"] == 1
    assert computed.breakdown["ACCP_only"] == 1


@pytest.mark.django_db
def test_a_membership_that_ended_drops_out_of_d_after_its_last_day() -> None:
    MembershipFactory(
        country=CountryFactory(alpha2="MN"),
        framework="MOU",
        joined_on=date(2014, 1, 1),
        left_on=date(2019, 3, 31),
    )
    MembershipFactory(country=CountryFactory(alpha2="KE"), framework="ACCP")

    counted = values("D", JUNE_2019, "total")

    assert counted["2019-03-31"] == 2
    assert counted["2019-06-30"] == 1
    breakdown: Any = compute_indicator("D", JUNE_2019).breakdown
    assert breakdown["MOU_only"] == 0


@pytest.mark.django_db
def test_d_has_no_series_before_the_first_membership() -> None:
    MembershipFactory(joined_on=date(2013, 1, 8))

    computed = compute_indicator("D", date(2012, 12, 31))

    assert computed.series == []
    assert computed.breakdown is None


@pytest.mark.django_db
def test_e_counts_the_programmes_the_review_counts_in_each_year() -> None:
    feasibility = ProgrammeFactory(code="feasibility", counted_from=2013)
    subsidy = ProgrammeFactory(code="co2_subsidy", counted_from=2017)
    ProjectFactory.create_batch(3, fiscal_year=2016, programme=feasibility)
    ProjectFactory.create_batch(1, fiscal_year=2016, programme=subsidy)
    ProjectFactory.create_batch(2, fiscal_year=2017, programme=feasibility)
    ProjectFactory.create_batch(2, fiscal_year=2017, programme=subsidy)
    ApplicationCountFactory(fiscal_year=2017, programme=feasibility, applications=5)
    ApplicationCountFactory(fiscal_year=2017, programme=subsidy, applications=3)

    selected = values("E", JUNE_2019, "selected")

    assert selected == {"FY2016": 3, "FY2017": 4}
    assert values("E", JUNE_2019, "applications") == {"FY2017": 8}
    assert values("E", JUNE_2019, "selection-rate") == {"FY2017": Decimal("50.00")}


@pytest.mark.django_db
def test_e_holds_a_year_in_progress_out_of_the_assessment() -> None:
    ProjectFactory.create_batch(2, fiscal_year=2018)
    ProjectFactory.create_batch(1, fiscal_year=2019)

    series = compute_indicator("E", JUNE_2019).series[0]

    assert series.assessed_values() == {2018: 2}
    assert [(p.period, p.complete) for p in series.points] == [
        ("FY2018", True),
        ("FY2019", False),
    ]


@pytest.mark.django_db
def test_d_counts_each_framework_and_combination_on_each_day() -> None:
    vietnam, kenya = CountryFactory(alpha2="VN"), CountryFactory(alpha2="KE")
    MembershipFactory(country=vietnam, framework="JCM", joined_on=date(2013, 7, 2))
    MembershipFactory(country=vietnam, framework="MOU", joined_on=date(2015, 3, 10))
    MembershipFactory(country=kenya, framework="ACCP", joined_on=date(2017, 4, 25))

    def on(key: str, day: str = "2019-06-30") -> Decimal:
        return values("D", JUNE_2019, key)[day]

    assert (on("framework--mou"), on("framework--jcm"), on("framework--accp")) == (
        1,
        1,
        1,
    )
    assert on("combination--mou-jcm") == 1
    assert on("combination--accp-only") == 1
    assert on("combination--jcm-only") == 0
    # Before Viet Nam signed its memorandum it held JCM alone.
    assert on("combination--jcm-only", "2014-06-30") == 1
    assert on("total", "2014-06-30") == 1


@pytest.mark.django_db
def test_d_additions_are_the_new_members_of_each_year_to_the_as_of_date() -> None:
    vietnam, kenya = CountryFactory(alpha2="VN"), CountryFactory(alpha2="KE")
    MembershipFactory(country=vietnam, framework="JCM", joined_on=date(2013, 7, 2))
    MembershipFactory(country=kenya, framework="ACCP", joined_on=date(2017, 4, 25))
    MembershipFactory(country=kenya, framework="JCM", joined_on=date(2019, 1, 8))

    years = [f"{year}-06-30" for year in range(2014, 2020)]

    # The registry starts on 2 July 2013, so the first year compared ends
    # on 30 June 2014; Viet Nam joined JCM in it, Kenya in the last one.
    assert values("D", JUNE_2019, "added--jcm") == dict(
        zip(years, [1, 0, 0, 0, 0, 1], strict=True)
    )
    assert values("D", JUNE_2019, "added--accp") == dict(
        zip(years, [0, 0, 0, 1, 0, 0], strict=True)
    )


@pytest.mark.django_db
def test_a_d_value_names_its_countries_and_the_memberships_behind_them() -> None:
    vietnam, kenya = CountryFactory(alpha2="VN"), CountryFactory(alpha2="KE")
    jcm = MembershipFactory.create(country=vietnam, framework="JCM")
    mou = MembershipFactory.create(country=vietnam, framework="MOU")
    accp = MembershipFactory.create(country=kenya, framework="ACCP")
    MembershipFactory(
        country=CountryFactory(alpha2="MN"),
        framework="MOU",
        left_on=date(2019, 3, 31),
    )

    total = point("D", "total", "2019-06-30").provenance
    memorandum = point("D", "framework--mou", "2019-06-30").provenance

    assert total["member_countries"] == ["KE", "VN"]
    assert total["memberships"] == sorted([jcm.pk, mou.pk, accp.pk])
    assert total["listing"] == {
        "indicator": "D",
        "list": "countries",
        "choices": {"combinations": "2019-06-30"},
    }
    assert (memorandum["member_countries"], memorandum["memberships"]) == (
        ["VN"],
        [mou.pk],
    )


@pytest.mark.django_db
def test_e_counts_each_programme_beside_the_totals() -> None:
    feasibility = ProgrammeFactory(code="feasibility", counted_from=2013)
    subsidy = ProgrammeFactory(code="co2_subsidy", counted_from=2017)
    ProjectFactory.create_batch(3, fiscal_year=2016, programme=feasibility)
    ProjectFactory.create_batch(1, fiscal_year=2016, programme=subsidy)
    ProjectFactory.create_batch(2, fiscal_year=2017, programme=feasibility)
    ProjectFactory.create_batch(2, fiscal_year=2017, programme=subsidy)
    ProjectFactory.create_batch(1, fiscal_year=2018, programme=subsidy)
    ApplicationCountFactory(fiscal_year=2017, programme=feasibility, applications=5)
    ApplicationCountFactory(fiscal_year=2017, programme=subsidy, applications=3)
    ApplicationCountFactory(fiscal_year=2018, programme=feasibility, applications=4)

    assert values("E", JUNE_2019, "selected") == {
        "FY2016": 3,
        "FY2017": 4,
        "FY2018": 1,
    }
    # Feasibility had applications in FY2018 but no selection: a true zero.
    assert values("E", JUNE_2019, "selected--feasibility") == {
        "FY2016": 3,
        "FY2017": 2,
        "FY2018": 0,
    }
    # The subsidy's FY2016 project is outside its counted years.
    assert values("E", JUNE_2019, "selected--co2-subsidy") == {
        "FY2017": 2,
        "FY2018": 1,
    }
    assert values("E", JUNE_2019, "applications--feasibility") == {
        "FY2017": 5,
        "FY2018": 4,
    }
    assert values("E", JUNE_2019, "applications--co2-subsidy") == {"FY2017": 3}


@pytest.mark.django_db
def test_an_e_value_names_the_projects_it_counts_and_no_other() -> None:
    feasibility = ProgrammeFactory(code="feasibility", counted_from=2013)
    subsidy = ProgrammeFactory(code="co2_subsidy", counted_from=2017)
    counted = ProjectFactory.create_batch(2, fiscal_year=2016, programme=feasibility)
    ProjectFactory(fiscal_year=2016, programme=subsidy)
    proposals = ApplicationCountFactory.create(fiscal_year=2016, programme=feasibility)

    selected = point("E", "selected", "FY2016").provenance
    applications = point("E", "applications", "FY2016").provenance

    assert selected["projects"] == sorted(p.pk for p in counted)
    assert selected["listing"] == {"indicator": "E", "list": "projects"}
    assert applications["application_counts"] == [proposals.pk]


def point(code: str, key: str, period: str) -> Point:
    series = next(s for s in compute_indicator(code, JUNE_2019).series if s.key == key)
    return next(p for p in series.points if p.period == period)


@pytest.fixture
def bundled(reference_data: None) -> None:
    call_command("load_sample", stdout=StringIO())


@pytest.mark.usefixtures("bundled")
def test_the_bundled_registry_gives_the_published_d_for_june_2019() -> None:
    computed = compute_indicator("D", JUNE_2019)

    assert computed.series[0].latest_point().value == 54  # type: ignore[union-attr]
    assert computed.breakdown == PUBLISHED_D_BREAKDOWN


@pytest.mark.usefixtures("bundled")
def test_the_bundled_register_gives_the_published_e_and_applications() -> None:
    assert values("E", JUNE_2019, "selected")["FY2017"] == 13
    assert values("E", JUNE_2019, "selected")["FY2018"] == 11
    assert values("E", JUNE_2019, "applications")["FY2017"] == 20
    assert values("E", JUNE_2019, "applications")["FY2018"] == 23


@pytest.mark.usefixtures("bundled")
def test_the_bundled_registry_draws_the_published_breakdown_and_additions() -> None:
    def on_june_2019(key: str) -> Decimal:
        return values("D", JUNE_2019, key)["2019-06-30"]

    combinations = {
        key: on_june_2019(f"combination--{segment}")
        for key, segment in COMBINATION_SEGMENTS.items()
    }
    added = {f: on_june_2019(f"added--{f.lower()}") for f in ("MOU", "JCM", "ACCP")}

    expected = {k: v for k, v in PUBLISHED_D_BREAKDOWN.items() if isinstance(v, int)}
    assert combinations == expected
    assert added == PUBLISHED_D_BREAKDOWN["additions"]
    # Members per framework: the combinations holding it, e.g. MOU 4 + 5 + 1.
    assert on_june_2019("framework--mou") == 10
    assert on_june_2019("framework--jcm") == 17
    assert on_june_2019("framework--accp") == 35


@pytest.mark.usefixtures("bundled")
def test_the_bundled_programmes_add_up_to_e_each_year() -> None:
    selected = values("E", JUNE_2019, "selected")
    feasibility = values("E", JUNE_2019, "selected--feasibility")
    subsidy = values("E", JUNE_2019, "selected--co2-subsidy")

    for period, total in selected.items():
        assert feasibility.get(period, 0) + subsidy.get(period, 0) == total
    assert (selected["FY2017"], selected["FY2018"]) == (13, 11)
    applied = [
        values("E", JUNE_2019, f"applications--{p}")["FY2018"]
        for p in ("feasibility", "co2-subsidy")
    ]
    assert sum(applied) == 23


@pytest.mark.usefixtures("bundled")
def test_the_june_2019_table_shows_d_54_and_e_11_falling() -> None:
    out = StringIO()
    call_command("indicator_table", as_of=JUNE_2019, format="json", stdout=out)
    rows = {row["code"]: row for row in json.loads(out.getvalue())["indicators"]}

    d_series, e_series = rows["D"]["series"], rows["E"]["series"]
    assert d_series[0]["latest"] == {"period": "2019-06-30", "value": 54}
    assert rows["D"]["breakdown"] == PUBLISHED_D_BREAKDOWN
    assert e_series[0]["latest"] == {"period": "FY2018", "value": 11}
    # 13 to 11 is -15 %; no base-year value, so no long-term trend.
    assert e_series[0]["short_term"]["trend"] == "down"
    assert e_series[0]["long_term"]["trend"] is None
    assert [s["key"] for s in e_series] == ["selected"]


@pytest.mark.usefixtures("bundled")
def test_the_june_2018_table_compares_with_june_2017() -> None:
    table = table_as_of(date(2018, 6, 30))
    rows = {row.indicator.code: row for row in table.rows}

    assert rows["D"].breakdown["compared_with"] == "2017-06-30"  # type: ignore[index]
    assert rows["E"].series[0].latest_period == "FY2017"
    assert rows["E"].series[0].latest_value == 13


@pytest.mark.usefixtures("bundled")
def test_loading_the_bundled_data_again_changes_nothing() -> None:
    counts = (
        Membership.objects.count(),
        Project.objects.count(),
        ProjectFollowUp.objects.count(),
        Membership.history.count(),
    )

    call_command("load_sample", "--no-recompute", stdout=StringIO())

    assert counts == (
        Membership.objects.count(),
        Project.objects.count(),
        ProjectFollowUp.objects.count(),
        Membership.history.count(),
    )
    assert counts[:2] == (62, 58)


@pytest.mark.usefixtures("reference_data")
def test_reference_data_alone_holds_no_registry_and_gives_no_d_or_e() -> None:
    table = table_as_of(JUNE_2019)
    rows = {row.indicator.code: row for row in table.rows}

    assert (Membership.objects.count(), Project.objects.count()) == (0, 0)
    assert rows["D"].series == [] and rows["D"].breakdown is None
    assert rows["E"].series == [] and rows["E"].breakdown is None
