"""The dated follow-up history of selected projects: recording and reading it.

A project's history has at most one entry per date. Recording a status adds
an entry only when it says something new, so importing the same file again,
or a file that repeats a status already known, leaves the history as it is.
"""

from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from indicators.models import Project, ProjectFollowUp


def follow_up_is_news(project: Project, status: str, on: date | None) -> bool:
    """Whether recording ``status`` on ``on`` (default today) would change anything."""
    if project.pk is None:
        return True
    day = on or timezone.localdate()
    same_day = project.follow_ups.filter(recorded_on=day).first()
    if same_day is not None:
        return same_day.status != status
    return status_on(project, day) != status


def record_follow_up(project: Project, status: str, on: date | None) -> bool:
    """Add or correct the entry for the date; returns whether anything changed."""
    if not follow_up_is_news(project, status, on):
        return False
    ProjectFollowUp.objects.update_or_create(
        project=project,
        recorded_on=on or timezone.localdate(),
        defaults={"status": status},
    )
    return True


def status_on(project: Project, day: date) -> str | None:
    """The status in force on ``day``: that of the latest entry on or before it."""
    entry = (
        project.follow_ups.filter(recorded_on__lte=day).order_by("-recorded_on").first()
    )
    return entry.status if entry else None


def latest_follow_up(project: Project) -> ProjectFollowUp | None:
    """The newest entry; reads a prefetched ``follow_ups`` without a query."""
    entries = sorted(project.follow_ups.all(), key=lambda e: e.recorded_on)
    return entries[-1] if entries else None


def with_current_status(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Projects annotated with ``current_status``, the status of their newest entry."""
    newest = ProjectFollowUp.objects.filter(project=OuterRef("pk")).order_by(
        "-recorded_on"
    )
    return projects.annotate(current_status=Subquery(newest.values("status")[:1]))
