"""Filter sets of the cooperation registry and the project register."""

from datetime import date

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from indicators.api.filters import (
    FiscalYearRangeFilterSet,
    IsoDateFilter,
    PortalFilterSet,
)
from indicators.models import (
    ApplicationCount,
    FollowUpStatus,
    Framework,
    Membership,
    Project,
)


class MembershipFilter(PortalFilterSet):
    country = filters.CharFilter(field_name="country__alpha2", help_text="alpha-2")
    framework = filters.ChoiceFilter(choices=Framework.choices)
    in_force_on = IsoDateFilter(
        method="filter_in_force_on", help_text="in force on this date"
    )
    joined_on_after = IsoDateFilter(field_name="joined_on", lookup_expr="gte")
    joined_on_before = IsoDateFilter(field_name="joined_on", lookup_expr="lte")

    class Meta:
        model = Membership
        fields: list[str] = []

    def filter_in_force_on(
        self, queryset: QuerySet[Membership], name: str, day: date
    ) -> QuerySet[Membership]:
        # Both ends included, as indicator D counts them.
        ended_after = Q(left_on__isnull=True) | Q(left_on__gte=day)
        return queryset.filter(ended_after, joined_on__lte=day)


class ProjectFilter(FiscalYearRangeFilterSet):
    programme = filters.CharFilter(field_name="programme__code")
    country = filters.CharFilter(field_name="country__alpha2", help_text="alpha-2")
    current_status = filters.ChoiceFilter(
        choices=FollowUpStatus.choices, help_text="the newest follow-up's status"
    )

    class Meta:
        model = Project
        fields: list[str] = []


class ApplicationCountFilter(FiscalYearRangeFilterSet):
    programme = filters.CharFilter(field_name="programme__code")

    class Meta:
        model = ApplicationCount
        fields: list[str] = []
