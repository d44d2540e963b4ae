"""Staff roles: what each group may do in the admin and the API.

One user per role (data entry, reviewer, administrator), a staff user in
no group and an anonymous visitor go through the same doors.
"""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from indicators.models import AssessmentRun, IndicatorAssessment, Membership
from indicators.permissions import (
    CanImport,
    CanPublish,
    ModelPermissionsOrReadOnly,
)
from indicators.roles import DATA_ENTRY, REVIEWERS, load_roles
from tests.factories import IndicatorFactory
from tests.factories_cooperation import MembershipFactory
from tests.personas import Personas, personas  # noqa: F401

pytestmark = pytest.mark.django_db

ROLES = ["data_entry", "reviewer", "administrator", "staff_without_groups", None]


def user_of(personas: Personas, role: str | None) -> User | None:  # noqa: F811
    return getattr(personas, role) if role else None


def status_for(personas: Personas, role: str | None, url: str) -> int:  # noqa: F811
    return personas.client(user_of(personas, role)).get(url).status_code


# The admin ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    list(zip(ROLES, [200, 200, 200, 403, 302], strict=True)),
)
@pytest.mark.parametrize(
    "view",
    [
        "admin:indicators_membership_changelist",
        "admin:indicators_membership_add",
        "admin:indicators_membership_import",
        "admin:surveys_surveyresponse_import",
        "admin:surveys_municipality_import",
        "admin:indicators_referencevalue_import",
    ],
)
def test_records_and_their_import_are_for_data_entry_and_above(
    personas: Personas,  # noqa: F811
    role: str | None,
    expected: int,
    view: str,
) -> None:
    assert status_for(personas, role, reverse(view)) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    list(zip(ROLES, [403, 403, 200, 403, 302], strict=True)),
)
def test_only_administrators_manage_users(
    personas: Personas,  # noqa: F811
    role: str | None,
    expected: int,
) -> None:
    url = reverse("admin:auth_user_changelist")
    assert status_for(personas, role, url) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    list(zip(ROLES, [403, 403, 200, 403, 302], strict=True)),
)
def test_no_role_but_administrators_deletes_a_record_one_by_one(
    personas: Personas,  # noqa: F811
    role: str | None,
    expected: int,
) -> None:
    membership = MembershipFactory.create()
    url = reverse("admin:indicators_membership_delete", args=[membership.pk])
    assert status_for(personas, role, url) == expected


def test_staff_in_no_group_cannot_export_the_records(
    personas: Personas,  # noqa: F811
) -> None:
    url = reverse("admin:indicators_membership_export")
    assert status_for(personas, "staff_without_groups", url) == 403
    assert status_for(personas, "data_entry", url) == 200


def test_an_import_needs_the_import_permission_not_just_the_record_rights(
    personas: Personas,  # noqa: F811
) -> None:
    entry = personas.data_entry
    entry.groups.clear()
    for codename in ("view_membership", "add_membership", "change_membership"):
        entry.user_permissions.add(Permission.objects.get(codename=codename))
    client = personas.client(User.objects.get(pk=entry.pk))

    assert client.get(reverse("admin:indicators_membership_add")).status_code == 200
    assert client.get(reverse("admin:indicators_membership_import")).status_code == 403
    changelist = client.get(reverse("admin:indicators_membership_changelist"))
    assert not changelist.context["has_import_permission"]


def draft_run() -> AssessmentRun:
    run = AssessmentRun.objects.create(
        as_of=date(2019, 6, 30), method_version="test", computed_at=timezone.now()
    )
    IndicatorAssessment.objects.create(
        run=run, indicator=IndicatorFactory.create(code="D")
    )
    return run


@pytest.mark.parametrize(
    ("role", "may_write"),
    [("data_entry", False), ("reviewer", True), ("administrator", True)],
)
def test_reviewers_write_the_evaluation_and_data_entry_only_reads_it(
    personas: Personas,  # noqa: F811
    role: str,
    may_write: bool,
) -> None:
    assessment = draft_run().indicators.get()
    client = personas.client(user_of(personas, role))
    url = reverse("admin:indicators_indicatorassessment_change", args=[assessment.pk])

    assert client.get(url).status_code == 200
    answer = client.post(
        url,
        {
            "evaluation": "順調",
            "notes": "",
            "series-TOTAL_FORMS": "0",
            "series-INITIAL_FORMS": "0",
        },
    )

    assessment.refresh_from_db()
    assert (assessment.evaluation == "順調") is may_write
    assert answer.status_code == (302 if may_write else 403)


def action_names(personas: Personas, role: str, view: str) -> set[str]:  # noqa: F811
    response = personas.client(user_of(personas, role)).get(reverse(view))
    form = response.context["action_form"]  # None when no action is allowed
    return {name for name, _ in form.fields["action"].choices} if form else set()


@pytest.mark.parametrize(
    ("role", "offered"),
    [("data_entry", False), ("reviewer", True), ("administrator", True)],
)
def test_publishing_and_undoing_are_offered_to_reviewers(
    personas: Personas,  # noqa: F811
    role: str,
    offered: bool,
) -> None:
    runs = action_names(personas, role, "admin:indicators_assessmentrun_changelist")
    imports = action_names(personas, role, "admin:indicators_dataimport_changelist")

    assert ("publish" in runs) is offered
    assert ("undo" in imports) is offered


def test_data_entry_posting_the_publish_action_publishes_nothing(
    personas: Personas,  # noqa: F811
) -> None:
    run = draft_run()
    client = personas.client(personas.data_entry)

    client.post(
        reverse("admin:indicators_assessmentrun_changelist"),
        {
            "action": "publish",
            "_selected_action": [run.pk],
            "confirm": "yes",
            "change_note": "公表",
        },
    )

    run.refresh_from_db()
    assert run.status == AssessmentRun.Status.DRAFT


# The API ------------------------------------------------------------------


class ImportEndpoint(APIView):
    permission_classes = [CanImport]

    def post(self, request: Request) -> Response:
        return Response({"imported": True})


class PublishEndpoint(APIView):
    permission_classes = [CanPublish]

    def post(self, request: Request) -> Response:
        return Response({"published": True})


class MembershipList(ListAPIView):
    permission_classes = [ModelPermissionsOrReadOnly]
    queryset = Membership.objects.all()

    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        return Response([])

    def post(self, request: Request) -> Response:
        return Response({"created": True}, status=201)


def api_status(view: type[APIView], user: User | None, method: str = "post") -> int:
    request = getattr(APIRequestFactory(), method)("/api/")
    if user is not None:
        force_authenticate(request, user=User.objects.get(pk=user.pk))
    return view.as_view()(request).status_code


@pytest.mark.parametrize(
    ("role", "importing", "publishing"),
    [
        ("data_entry", 200, 403),
        ("reviewer", 200, 200),
        ("administrator", 200, 200),
        ("staff_without_groups", 403, 403),
        (None, 401, 401),
    ],
)
def test_the_api_asks_for_the_import_and_publish_permissions(
    personas: Personas,  # noqa: F811
    role: str | None,
    importing: int,
    publishing: int,
) -> None:
    user = user_of(personas, role)
    assert api_status(ImportEndpoint, user) == importing
    assert api_status(PublishEndpoint, user) == publishing


@pytest.mark.parametrize(
    ("role", "reading", "writing"),
    [
        ("data_entry", 200, 201),
        ("staff_without_groups", 200, 403),
        (None, 200, 401),
    ],
)
def test_the_api_lets_anyone_read_and_only_record_keepers_write(
    personas: Personas,  # noqa: F811
    role: str | None,
    reading: int,
    writing: int,
) -> None:
    user = user_of(personas, role)
    assert api_status(MembershipList, user, "get") == reading
    assert api_status(MembershipList, user, "post") == writing


# The loader -----------------------------------------------------------------


def codenames(group: str) -> set[str]:
    permissions = Group.objects.get(name=group).permissions.all()
    return set(permissions.values_list("codename", flat=True))


def test_the_groups_hold_what_each_role_needs() -> None:
    load_roles()
    entry, reviewers = codenames(DATA_ENTRY), codenames(REVIEWERS)

    assert {"add_membership", "change_surveyresponse", "import_records"} <= entry
    assert not {"delete_membership", "publish_assessmentrun"} & entry
    assert "change_indicatorassessment" not in entry
    assert {"publish_assessmentrun", "change_indicatorassessment"} <= reviewers
    assert entry < reviewers
    assert len(codenames("administrators")) == Permission.objects.count()


def test_loading_the_roles_again_keeps_what_staff_took_away() -> None:
    load_roles()
    group = Group.objects.get(name=DATA_ENTRY)
    group.permissions.remove(Permission.objects.get(codename="change_membership"))
    municipality = Permission.objects.filter(content_type__model="municipality")
    group.permissions.remove(*municipality)

    assert load_roles() == 0

    kept = codenames(DATA_ENTRY)
    assert "change_membership" not in kept
    # A model the group held nothing of is treated as new: granted again.
    assert {"add_municipality", "change_municipality"} <= kept
