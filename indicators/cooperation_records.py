"""Data access of the cooperation registry (D) and the project register (E).

Every query the series builders and the public lists of D and E make lives
here; the rules they apply are in ``indicators.cooperation`` and
``indicators.expansion``. Reads return plain values, never querysets.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from indicators.cooperation import Spell
from indicators.expansion import CountedYears
from indicators.follow_up import with_current_status
from indicators.models import (
    ApplicationCount,
    DataImport,
    Membership,
    Programme,
    Project,
    ProjectFollowUp,
)
from indicators.table import latest_run

# Import counts that mean a file changed the register.
CHANGES = ("new", "update", "delete")
# A value names at most this many files: the latest ones.
IMPORTS_NAMED = 20


@dataclass(frozen=True)
class Selection:
    """A selected project as E counts it: which call selected it."""

    project: int
    programme: str
    fiscal_year: int


@dataclass(frozen=True)
class Applications:
    record: int
    programme: str
    fiscal_year: int
    applications: int


@dataclass(frozen=True)
class MemberCountry:
    """A country's memberships in force on a day, for D's list."""

    alpha2: str
    name_ja: str
    name_en: str
    joined: dict[str, date]


@dataclass(frozen=True)
class ProjectEntry:
    """A selected project with its newest follow-up, for E's list."""

    fiscal_year: int
    programme_ja: str
    programme_en: str
    title: str
    lead_company: str
    country_ja: str
    country_en: str
    city: str
    status: str | None
    status_on: date | None


def membership_spells(as_of: date) -> list[Spell]:
    """Every membership that had begun by ``as_of``, with its id."""
    rows = Membership.objects.filter(joined_on__lte=as_of).values_list(
        "country__alpha2", "framework", "joined_on", "left_on", "pk"
    )
    return [Spell(*row) for row in rows]


def counted_years() -> list[CountedYears]:
    rows = Programme.objects.values_list("code", "counted_from", "counted_until")
    return [CountedYears(*row) for row in rows]


def programme_names() -> dict[str, tuple[str, str]]:
    """Each programme's short Japanese and English names, by code."""
    return {p.code: p.short_names() for p in Programme.objects.all()}


def project_selections() -> list[Selection]:
    rows = Project.objects.values_list("pk", "programme__code", "fiscal_year")
    return [Selection(*row) for row in rows]


def application_numbers() -> list[Applications]:
    rows = ApplicationCount.objects.values_list(
        "pk", "programme__code", "fiscal_year", "applications"
    )
    return [Applications(*row) for row in rows]


def register_imports(*kinds: str) -> list[int]:
    """The files that changed the register, latest first (ids of DataImport).

    Records entered in the admin come from no file, and a record does not
    say which file wrote it: these are the register's files, not a value's.
    """
    done = DataImport.objects.filter(kind__in=kinds, status=DataImport.Status.DONE)
    changed = [
        pk
        for pk, counts in done.order_by("-started_at").values_list("pk", "counts")
        if any((counts or {}).get(change) for change in CHANGES)
    ]
    return changed[:IMPORTS_NAMED]


def assessment_day() -> date:
    """The as-of date of the latest assessment, or today before any."""
    run = latest_run()
    return run.as_of if run is not None else timezone.localdate()


def member_countries(day: date) -> list[MemberCountry]:
    """Each country with a membership in force on ``day``, earliest member first."""
    in_force = Membership.objects.filter(joined_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day)
    )
    rows = in_force.order_by("joined_on").values_list(
        "country__alpha2",
        "country__name_ja",
        "country__name_en",
        "framework",
        "joined_on",
    )
    countries: dict[str, MemberCountry] = {}
    for alpha2, name_ja, name_en, framework, joined_on in rows:
        country = countries.setdefault(
            alpha2, MemberCountry(alpha2, name_ja, name_en, {})
        )
        country.joined[framework] = joined_on
    return list(countries.values())


def projects_with_follow_up() -> list[ProjectEntry]:
    """Every selected project with its newest follow-up, newest year first."""
    newest = ProjectFollowUp.objects.filter(project=OuterRef("pk")).order_by(
        "-recorded_on"
    )
    projects = (
        with_current_status(Project.objects.select_related("programme", "country"))
        .annotate(status_on=Subquery(newest.values("recorded_on")[:1]))
        .order_by("-fiscal_year", "programme__counted_from", "title")
    )
    return [
        ProjectEntry(
            project.fiscal_year,
            *project.programme.short_names(),
            project.title,
            project.lead_company,
            project.country.name_ja,
            project.country.name_en,
            project.city,
            getattr(project, "current_status", None),
            getattr(project, "status_on", None),
        )
        for project in projects
    ]
