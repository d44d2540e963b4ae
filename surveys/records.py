"""Data access of the survey area: every query and write of its models.

Domain rules live in the pure modules (matching, dedup, tally, population);
this module turns rows into their plain forms and back, so importers, the
admin and the series builder share one way of reading and writing.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from simple_history.utils import bulk_create_with_history

from indicators.models import DataImport
from surveys.answers import Answers
from surveys.dedup import PlannedResponse
from surveys.matching import Directory, Entry
from surveys.models import Municipality, SourceRow, Survey, SurveyResponse
from surveys.population import RESPONDENT_KINDS
from surveys.tally import Tally, tally_answers

logger = logging.getLogger(__name__)

# The import kind of survey files (surveys.resources).
SURVEY_KIND = "survey"

# Fields an import sets on a response; staff's "reviewed" mark is kept
# unless one of them changes.
IMPORTED_FIELDS = (
    "specific_partner",
    "general_cooperation",
    "no_cooperation",
    "kind_sister_city",
    "kind_multilateral",
    "kind_training_exchange",
    "kind_other",
    "comment",
    "review_reason",
)


def entry_of(municipality: Municipality) -> Entry:
    return Entry(
        key=municipality.pk,
        code=municipality.code,
        prefecture=municipality.prefecture,
        name=municipality.name,
        kind=municipality.kind,
        valid_from=municipality.valid_from,
        valid_to=municipality.valid_to,
        successor_code=municipality.successor_code,
        kana=municipality.kana,
    )


def municipality_directory() -> Directory:
    return Directory(entry_of(m) for m in Municipality.objects.all())


def respondents_on(day: date) -> QuerySet[Municipality]:
    """The survey population on ``day`` (see ``surveys.population``)."""
    started = Q(valid_from__isnull=True) | Q(valid_from__lte=day)
    not_ended = Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    return Municipality.objects.filter(started, not_ended, kind__in=RESPONDENT_KINDS)


def add_missing_municipalities(entries: Iterable[Entry]) -> int:
    """Create registry rows that do not exist yet; never touch existing ones."""
    existing = set(Municipality.objects.values_list("code", "name"))
    missing = [
        Municipality(
            code=e.code,
            prefecture=e.prefecture,
            name=e.name,
            kana=e.kana,
            kind=e.kind,
            valid_from=e.valid_from,
            valid_to=e.valid_to,
            successor_code=e.successor_code,
        )
        for e in entries
        if (e.code, e.name) not in existing
    ]
    bulk_create_with_history(missing, Municipality, batch_size=500)
    return len(missing)


def survey_for_year(fiscal_year: int) -> Survey:
    survey, _ = Survey.objects.get_or_create(fiscal_year=fiscal_year)
    return survey


def source_rows_of(survey: Survey, source_file: str) -> dict[int, SourceRow]:
    """The rows an earlier import of the same file left, by row number."""
    rows = SourceRow.objects.filter(survey=survey, source_file=source_file)
    return {
        row.row_number: row for row in rows.select_related("response__municipality")
    }


def remove_other_source_rows(
    survey: Survey, source_file: str, row_numbers: Iterable[int]
) -> int:
    """Delete a survey's rows that the file being imported does not have."""
    stale = SourceRow.objects.filter(survey=survey).exclude(
        source_file=source_file, row_number__in=list(row_numbers)
    )
    deleted, _ = stale.delete()
    return deleted


def store_responses(
    survey: Survey, plan: list[PlannedResponse]
) -> tuple[dict[int, SurveyResponse], dict[str, int]]:
    """Create or update one response per planned respondent.

    Returns the responses by municipality id and counts of created, changed
    and unchanged responses. An unchanged response is not saved, so a
    re-import of the same file adds no history.
    """
    existing = {
        r.municipality_id: r for r in survey.responses.select_related("municipality")
    }
    municipalities = Municipality.objects.in_bulk([p.respondent.key for p in plan])
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    stored: dict[int, SurveyResponse] = {}
    for planned in plan:
        response = existing.get(planned.respondent.key) or SurveyResponse(
            survey=survey, municipality=municipalities[planned.respondent.key]
        )
        counts[_apply(response, planned)] += 1
        stored[planned.respondent.key] = response
    created = [r for r in stored.values() if r.pk is None]
    bulk_create_with_history(created, SurveyResponse, batch_size=500)
    return stored, counts


def _apply(response: SurveyResponse, planned: PlannedResponse) -> str:
    """Set the planned answers; save a changed response, leave a new one."""
    before = [getattr(response, f) for f in IMPORTED_FIELDS]
    response.set_answers(planned.answers)
    response.comment = planned.comment
    response.review_reason = "；".join(planned.review_reasons)
    if response.pk is None:
        return "created"
    if before == [getattr(response, f) for f in IMPORTED_FIELDS]:
        return "unchanged"
    response.reviewed = False
    response.save()
    return "changed"


def remove_responses_except(survey: Survey, municipality_ids: Iterable[int]) -> int:
    """Delete the survey's responses of municipalities no longer answering.

    Each is deleted through its model, so the history keeps it.
    """
    gone = survey.responses.exclude(municipality_id__in=list(municipality_ids))
    count = 0
    for response in gone:
        response.delete()
        count += 1
    return count


@dataclass(frozen=True)
class SurveyAnswers:
    """A survey's answers by municipality code, and where they were read from."""

    survey: Survey
    population: int
    answers: list[tuple[str, Answers]]
    source_files: list[str]
    imports: list[int]

    def tally(self) -> Tally:
        answers = (answer for _, answer in self.answers)
        return tally_answers(answers, self.survey.fiscal_year, self.population)


def surveys_taken(as_of: date) -> list[SurveyAnswers]:
    """F's inputs: each survey taken by ``as_of`` that has responses."""
    taken = []
    surveys = Survey.objects.filter(survey_date__lte=as_of, responses__isnull=False)
    for survey in surveys.distinct().order_by("fiscal_year"):
        responses = survey.responses.select_related("municipality")
        files = sorted(set(survey.source_rows.values_list("source_file", flat=True)))
        taken.append(
            SurveyAnswers(
                survey=survey,
                population=respondents_on(survey.survey_date).count(),
                answers=[(r.municipality.code, r.answers) for r in responses],
                source_files=files,
                imports=survey_imports(files),
            )
        )
    return taken


def survey_tallies(as_of: date) -> list[tuple[Survey, Tally]]:
    """Each survey taken by ``as_of`` with its tally, without provenance.

    Two queries a survey; ``surveys_taken`` also finds the source files
    and imports behind each survey, for the stored series.
    """
    tallies = []
    surveys = Survey.objects.filter(survey_date__lte=as_of, responses__isnull=False)
    for survey in surveys.distinct().order_by("fiscal_year"):
        answers = [r.answers for r in survey.responses.all()]
        population = respondents_on(survey.survey_date).count()
        tallies.append((survey, tally_answers(answers, survey.fiscal_year, population)))
    return tallies


def survey_imports(source_files: list[str]) -> list[int]:
    """The latest completed import of each file (ids of DataImport)."""
    done = DataImport.objects.filter(
        kind=SURVEY_KIND, status=DataImport.Status.DONE, source_name__in=source_files
    )
    latest: dict[str, int] = {}
    for pk, name in done.order_by("started_at").values_list("pk", "source_name"):
        latest[name] = pk
    return sorted(latest.values())


@dataclass(frozen=True)
class CooperatingMunicipality:
    """A cooperating municipality's answers in one survey, for F's list."""

    prefecture: str
    code: str
    name: str
    answers: Answers


def latest_survey_year(as_of: date) -> int | None:
    """The latest fiscal year with responses to a survey taken by ``as_of``."""
    surveys = Survey.objects.filter(survey_date__lte=as_of, responses__isnull=False)
    return (
        surveys.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    )


def cooperating_municipalities(fiscal_year: int) -> list[CooperatingMunicipality]:
    """The year's cooperating municipalities, by prefecture (code order)."""
    cooperating = Q(specific_partner=True) | Q(general_cooperation=True)
    responses = (
        SurveyResponse.objects.filter(survey__fiscal_year=fiscal_year)
        .filter(cooperating)
        .select_related("municipality")
        .order_by("municipality__code")
    )
    return [
        CooperatingMunicipality(
            r.municipality.prefecture,
            r.municipality.code,
            r.municipality.name,
            r.answers,
        )
        for r in responses
    ]
