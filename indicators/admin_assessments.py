"""Admin of assessment runs: staff text, publication, and what changed.

Reviewers write each indicator's evaluation and notes on a draft run and
publish it with the action "公表する", which asks for the reason on a
confirmation page that shows what differs from the run published last.
A published run is read-only here and frozen in the model; its page shows
what changed from the run published before it.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import (
    AssessmentRun,
    IndicatorAssessment,
    SeriesAssessment,
)
from indicators.permissions import PUBLISH_PERMISSION
from indicators.publication import (
    PublicationRefused,
    changes_since,
    previous_published,
    publish_run,
)
from indicators.run_changes import Change

RUN_FIELDS = [
    "as_of",
    "status",
    "method_version",
    "computed_at",
    "data_as_of",
    "published_at",
    "published_by",
    "change_note",
]


class SeriesAssessmentInline(admin.TabularInline):
    model = SeriesAssessment
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "series",
        "latest_period",
        "latest_value",
        "long_term_trend",
        "long_term_colour",
        "short_term_trend",
        "short_term_colour",
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IndicatorAssessment)
class IndicatorAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "run", "evaluation"]
    list_filter = ["run__status", "indicator"]
    list_select_related = ["indicator", "run"]
    fields = ["run", "indicator", "breakdown", "evaluation", "notes"]
    inlines = [SeriesAssessmentInline]

    def get_readonly_fields(
        self, request: HttpRequest, obj: IndicatorAssessment | None = None
    ) -> list[str]:
        if obj is not None and obj.run.is_published:
            return list(self.fields)
        return ["run", "indicator", "breakdown"]

    def has_delete_permission(
        self, request: HttpRequest, obj: IndicatorAssessment | None = None
    ) -> bool:
        if obj is not None and obj.run.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(obj is not None and obj.run.is_published)


class IndicatorAssessmentInline(admin.TabularInline):
    model = IndicatorAssessment
    extra = 0
    can_delete = False
    fields = TEXT_FIELDS = ("indicator", "evaluation", "notes")
    show_change_link = True

    def get_readonly_fields(
        self, request: HttpRequest, obj: AssessmentRun | None = None
    ) -> list[str]:
        if obj is not None and obj.is_published:
            return list(self.TEXT_FIELDS)
        return ["indicator"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("公表の理由"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_(
            "前回の公表から何がなぜ変わったか（新しいデータ、訂正、評価の見直しなど）"
        ),
    )


@admin.register(AssessmentRun)
class AssessmentRunAdmin(SimpleHistoryAdmin):
    list_display = [
        "as_of",
        "status",
        "method_version",
        "computed_at",
        "published_at",
        "published_by",
    ]
    list_filter = ["status", "method_version"]
    list_select_related = ["published_by"]
    fields = [*RUN_FIELDS, "changes"]
    readonly_fields = [*RUN_FIELDS, "changes"]
    inlines = [IndicatorAssessmentInline]
    actions = ["publish"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # runs come from recompute

    def has_delete_permission(
        self, request: HttpRequest, obj: AssessmentRun | None = None
    ) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(obj is not None and obj.is_published)

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[AssessmentRun]
    ) -> None:
        super().delete_queryset(request, queryset.exclude(status="published"))

    @admin.display(description=_("前回の公表からの変更"))
    def changes(self, run: AssessmentRun) -> SafeString:
        previous = previous_published(run)
        if previous is None:
            return SafeString(_("比べる公表済みの評価はありません"))
        return _changes_html(previous, changes_since(run, previous))

    @admin.action(description=_("選んだ下書きを公表する"), permissions=["publish"])
    def publish(
        self, request: HttpRequest, queryset: QuerySet[AssessmentRun]
    ) -> TemplateResponse | None:
        runs = list(queryset)
        if len(runs) != 1 or runs[0].is_published:
            self.message_user(
                request, _("公表する下書きを一つだけ選んでください"), messages.ERROR
            )
            return None
        run = runs[0]
        form = PublishForm(request.POST if "confirm" in request.POST else None)
        if not form.is_valid():
            return self._confirm_page(request, run, form)
        self._publish(request, run, form.cleaned_data["change_note"])
        return None

    def _publish(self, request: HttpRequest, run: AssessmentRun, note: str) -> None:
        try:
            published = publish_run(run, request.user, note)
        except PublicationRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(
            request, _("評価基準日 %s の評価を公表しました") % published.as_of
        )

    def _confirm_page(
        self, request: HttpRequest, run: AssessmentRun, form: PublishForm
    ) -> TemplateResponse:
        previous = previous_published(run)
        context = {
            **self.admin_site.each_context(request),
            "title": _("評価を公表する"),
            "opts": self.model._meta,
            "run": run,
            "form": form,
            "previous": previous,
            "changes": changes_since(run, previous),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/indicators/assessmentrun/publish.html", context
        )


def _changes_html(previous: AssessmentRun, changes: list[Change]) -> SafeString:
    return SafeString(
        render_to_string(
            "admin/indicators/assessmentrun/changes.html",
            {"previous": previous, "changes": changes},
        )
    )
