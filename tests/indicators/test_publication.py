"""Publishing assessment runs: frozen once published, public, and compared.

The stand-in indicator E counts 10, 13 and 11 projects in FY2016-FY2018;
a correction later makes FY2018 14, and FY2019 brings 15.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from indicators import computed
from indicators.computed import ComputedIndicator, ComputedSeries, fiscal_year_point
from indicators.models import AssessmentRun, IndicatorAssessment, SeriesAssessment
from indicators.models.assessment import PublishedRunFrozen
from indicators.publication import (
    PublicationRefused,
    changes_since,
    publish_if_changed,
    publish_run,
)
from indicators.recompute import recompute_all
from indicators.run_changes import Arrow, Aspect, Latest
from tests.personas import Personas, personas  # noqa: F401

pytestmark = pytest.mark.django_db

AS_OF = date(2019, 6, 30)
LATER = date(2020, 6, 30)
COUNTS = {2016: 10, 2017: 13, 2018: 11}


def projects(as_of: date) -> ComputedIndicator:
    points = [
        fiscal_year_point(year, Decimal(n), "count of selected projects")
        for year, n in COUNTS.items()
        if date(year + 1, 3, 31) <= as_of
    ]
    series = ComputedSeries(
        "total", "選定事業数", "Selected projects", "projects", points
    )
    return ComputedIndicator("E", [series])


@pytest.fixture(autouse=True)
def builders(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "tests.indicators.test_publication.COUNTS", {2016: 10, 2017: 13, 2018: 11}
    )
    monkeypatch.setitem(computed._BUILDERS, "E", projects)
    for code in "ABCDF":
        monkeypatch.setitem(
            computed._BUILDERS, code, lambda _: ComputedIndicator("-", [])
        )


def first_publication() -> AssessmentRun:
    run = recompute_all(AS_OF)
    run.indicators.filter(indicator__code="E").update(evaluation="減少に転じた")
    return publish_run(run, None, "2018年度の選定結果による初回の評価")


def corrected_draft() -> AssessmentRun:
    """FY2018 corrected to 14 and FY2019 loaded, assessed a year later."""
    COUNTS.update({2018: 14, 2019: 15})
    return recompute_all(LATER)


def e_row(run: AssessmentRun) -> SeriesAssessment:
    return SeriesAssessment.objects.get(
        indicator_assessment__run=run, indicator_assessment__indicator__code="E"
    )


# Publication and the freeze ---------------------------------------------------


def test_publishing_needs_a_reason() -> None:
    run = recompute_all(AS_OF)

    with pytest.raises(PublicationRefused):
        publish_run(run, None, "  ")

    run.refresh_from_db()
    assert run.status == AssessmentRun.Status.DRAFT


def test_a_run_is_published_once() -> None:
    run = first_publication()

    with pytest.raises(PublicationRefused):
        publish_run(run, None, "もう一度")
    assert run.change_note == "2018年度の選定結果による初回の評価"
    assert run.published_at is not None


def test_nothing_of_a_published_run_can_be_saved_or_deleted() -> None:
    run = first_publication()
    assessment = run.indicators.get(indicator__code="E")
    row = e_row(run)

    run.change_note = "書き換え"
    with pytest.raises(PublishedRunFrozen):
        run.save()
    assessment.evaluation = "書き換え"
    with pytest.raises(PublishedRunFrozen):
        assessment.save()
    row.latest_value = Decimal(99)
    with pytest.raises(PublishedRunFrozen):
        row.save()
    with pytest.raises(PublishedRunFrozen):
        assessment.delete()
    # A bulk delete is stopped inside its own transaction, which it spoils.
    with pytest.raises(PublishedRunFrozen), transaction.atomic():
        AssessmentRun.objects.filter(pk=run.pk).delete()

    assert e_row(run).latest_value == 11
    assert IndicatorAssessment.objects.get(pk=assessment.pk).evaluation == (
        "減少に転じた"
    )


def test_a_recompute_after_new_data_leaves_the_published_run_as_it_was() -> None:
    published = first_publication()

    draft = corrected_draft()

    assert draft.pk != published.pk
    assert draft.status == AssessmentRun.Status.DRAFT
    assert (e_row(published).latest_period, e_row(published).latest_value) == (
        "FY2018",
        11,
    )
    assert (e_row(draft).latest_period, e_row(draft).latest_value) == ("FY2019", 15)
    # Staff text starts from the published run's.
    assert draft.indicators.get(indicator__code="E").evaluation == "減少に転じた"


def test_the_comparison_lists_the_changed_value_and_arrows() -> None:
    published = first_publication()
    draft = corrected_draft()

    changes = {c.aspect: c for c in changes_since(draft, published)}

    # 13 → 11 (−15 %) was down; 14 → 15 (+7 %) is up. No base year: no long trend.
    assert set(changes) == {Aspect.LATEST, Aspect.SHORT_TERM}
    assert changes[Aspect.LATEST].old == Latest("FY2018", Decimal(11))
    assert changes[Aspect.LATEST].new == Latest("FY2019", Decimal(15))
    assert changes[Aspect.SHORT_TERM].old == Arrow("down", None)
    assert changes[Aspect.SHORT_TERM].new == Arrow("up", None)


def test_publishing_the_same_assessment_again_is_skipped() -> None:
    published = first_publication()
    same = recompute_all(AS_OF)

    assert not publish_if_changed(same, None, "同じ")
    assert publish_if_changed(corrected_draft(), None, "新しい年度")
    assert AssessmentRun.objects.filter(status="published").count() == 2
    assert same.pk != published.pk


# What the public sees ---------------------------------------------------------------


def test_the_overview_shows_the_published_run_not_a_newer_draft(
    client: Client,
) -> None:
    first_publication()
    corrected_draft()

    page = client.get("/").content.decode()
    table = page[page.index('<table class="assessment">') : page.index("</table>")]

    assert "評価基準日 2019-06-30" in page
    assert "11件" in table
    assert "15件" not in table


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        ("reviewer", True),
        ("data_entry", True),
        ("staff_without_groups", False),
        (None, False),
    ],
)
def test_only_staff_who_may_view_runs_preview_the_draft(
    personas: Personas,  # noqa: F811
    role: str | None,
    sees_draft: bool,
) -> None:
    first_publication()
    corrected_draft()
    client = personas.client(getattr(personas, role) if role else None)

    page = client.get("/", {"draft": "1"}).content.decode()

    assert ("評価基準日 2020-06-30" in page) is sees_draft
    assert ("まだ公表されていません" in page) is sees_draft


def test_the_history_page_says_what_changed_and_why(
    client: Client,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    first_publication()
    publish_run(corrected_draft(), None, "2018年度の件数を訂正し、2019年度を追加")

    with django_assert_max_num_queries(6):
        page = client.get(reverse("indicators:history")).content.decode()

    assert page.index("2019年度を追加") < page.index("初回の評価")
    assert "11件（2018年度）" in page
    assert "15件（2019年度）" in page
    assert '<span class="visually-hidden">減少</span>' in page
    assert "最初に公表した評価です" in page


def test_an_old_published_run_stays_retrievable_and_a_draft_is_not_public(
    client: Client,
) -> None:
    old = first_publication()
    draft = corrected_draft()
    publish_if_changed(draft, None, "新しい年度")
    newer = corrected_draft()  # a further draft

    page = client.get(reverse("indicators:published_run", args=[old.pk]))
    hidden = client.get(reverse("indicators:published_run", args=[newer.pk]))

    assert page.status_code == 200
    assert "11件" in page.content.decode()
    assert "置き換えられています" in page.content.decode()
    assert hidden.status_code == 404


def test_indicator_table_prints_the_published_run_and_the_draft_on_request(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first_publication()
    corrected_draft()

    call_command("indicator_table")
    published = capsys.readouterr().out
    call_command("indicator_table", "--draft")
    draft = capsys.readouterr().out

    assert "11 projects (FY2018)" in published
    assert "15 projects (FY2019)" in draft


def test_indicator_table_without_a_published_run_says_how_to_get_one() -> None:
    recompute_all(AS_OF)

    with pytest.raises(CommandError, match="--draft"):
        call_command("indicator_table")


# The admin ----------------------------------------------------------------------------


def publish_action(client: Client, run: AssessmentRun, **extra: str) -> str:
    response = client.post(
        reverse("admin:indicators_assessmentrun_changelist"),
        {"action": "publish", "_selected_action": [run.pk], **extra},
        follow=True,
    )
    return response.content.decode()


def test_a_reviewer_publishes_after_a_confirmation_page_with_the_changes(
    personas: Personas,  # noqa: F811
) -> None:
    first_publication()
    draft = corrected_draft()
    client = personas.client(personas.reviewer)

    confirmation = publish_action(client, draft)
    refused = publish_action(client, draft, confirm="yes", change_note="")
    draft.refresh_from_db()
    assert draft.status == AssessmentRun.Status.DRAFT
    publish_action(client, draft, confirm="yes", change_note="2019年度を追加")

    assert "公表の理由" in confirmation
    assert "FY2019" in confirmation and "short_term" in confirmation
    assert "このフィールドは必須です" in refused or "required" in refused
    draft.refresh_from_db()
    assert draft.status == AssessmentRun.Status.PUBLISHED
    assert (draft.published_by, draft.change_note) == (
        personas.reviewer,
        "2019年度を追加",
    )


def test_a_published_run_is_read_only_in_the_admin(
    personas: Personas,  # noqa: F811
) -> None:
    run = first_publication()
    client = personas.client(personas.reviewer)
    assessment = run.indicators.get(indicator__code="E")
    url = reverse("admin:indicators_indicatorassessment_change", args=[assessment.pk])

    form = client.get(url).context["adminform"]
    client.post(url, {"evaluation": "書き換え", "notes": "x"})
    run_page = client.get(
        reverse("admin:indicators_assessmentrun_change", args=[run.pk])
    )

    assert "evaluation" in form.readonly_fields
    assessment.refresh_from_db()
    assert assessment.evaluation == "減少に転じた"
    assert "比べる公表済みの評価はありません" in run_page.content.decode()


def test_the_english_history_page_is_in_english(client: Client) -> None:
    first_publication()

    page = client.get("/en/assessments/").content.decode()

    assert "History of assessments" in page
    assert "Reason for publication" in page
    assert "The first published assessment." in page
